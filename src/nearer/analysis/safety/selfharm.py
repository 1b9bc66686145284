"""Self-harm and suicide patterns for the safety detector (our own wording, written for Nearer, MIT).

Levels follow common crisis-line triage (for example the Columbia Suicide Severity Rating Scale,
Posner et al. 2011, Am J Psychiatry 168(12)): passive wishes to be dead are a concern; active
thoughts with intent, a plan, means or a recent act are urgent.
"""

from __future__ import annotations

from nearer.analysis.safety.rules import Rule, rule

S = "self_harm"
_SELF = r"(?:my\s?self|meself|myslef|mysef)"
_NOW = (
    r"\b(?:again|tonight|today|right\s+now|rn|last\s+night|yesterday|this\s+(?:morning|evening)|"
    r"keep|kept|on\s+purpose|been\s+(?:cutting|hurting|burning|harming|self[\s-]?harming|doing\s+it)|"
    r"every\s+(?:night|day|morning)|this\s+week|daily|constantly|started|relaps\w*|want\s+to|wanna|going\s+to|gonna|need\s+to|"
    r"can'?t\s+stop|urge)\b"
)
_ACCIDENT = (
    r"(?!\s+(?:on\s+(?:the|a|an|my)|chopping|cooking|shaving|slicing|opening|while|with\s+the\s+"
    r"(?:knife|iron|kettle)|by\s+accident|at\s+the\s+gym|playing|ironing|baking))"
)
_IDIOM_KILL = (
    r"(?!\s+(?:laughing|laughin|trying|to\s+(?:get|finish|make|meet|keep|please|impress)|for\s+"
    r"(?:this|that|work|nothing|him|her|them)|at\s+(?:work|the\s+gym)|over\s+(?:this|it|work)|"
    r"working|studying|with\s+(?:work|this)))"
)
# A thing, not the writer, is the one about to die: "my phone's about to die", "laptop's gonna die".
_THING_DYING = (
    r"\b(?:it|phone|battery|batteries|laptop|charger|computer|pc|ipad|kindle|wifi|wi-fi|internet|router|"
    r"car|engine|van|plants?|basil|flowers|orchids?|succulents?|sourdough(?:\s+starter)?|starter|"
    r"tamagotchi|printer|headphones|airpods|earbuds|torch|bulb|tv|telly|console|controller|fridge|"
    r"boiler|heater|hoover|kettle|mower|conversation|chat|group\s+chat|party|show|series|trend|"
    r"streak)(?:'s|\u2019s)?(?:\s+(?:is|was|are|were|'s))?\s+(?:(?:just|literally|actually|finally|"
    r"really|seriously|definitely|totally|probably|so|about)\s+)?$"
)
_INTENT = (
    r"(?:wants?\s+to|wanted\s+to|wanting\s+to|wanna|wish\s+i\s+could|going\s+to|gonna|gna|plan(?:ning)?\s+"
    r"to|ready\s+to|about\s+to|decided\s+to|need\s+to|have\s+to|thinking\s+(?:about|of)|think\s+"
    r"about|considering|trying\s+to)"
)

SELF_HARM_RULES: tuple[Rule, ...] = (
    rule(S, "urgent", rf"\b(?:kill|kil|killing|kilin|killin|killed)\s+{_SELF}\b{_IDIOM_KILL}",
         "mentions killing themself", "kil", hyperbole=True,
         joke_level="concern"),
    rule(S, "urgent", r"\b(?:kms|kmsl|unaliv\w*|un-aliv\w*|sewer\s?slide\w*|self[\s-]?unalive|"
         r"commit\s+die|toaster\s+bath|neck\s+rope|catch\s+the\s+bus\s+permanently)\b",
         "uses a coded word for suicide", "kms unaliv un-aliv sewer die toaster rope bus", hyperbole=True,
         joke_level="concern"),
    rule(S, "urgent", r"\b(?:i'?m|i\s+am|im|feel\w*|felt|been|get\w*|so|very|really|pretty|"
         r"kinda|super|was|actively|quite|becoming)\s+(?:(?!not\b|never\b)\w+\s+)?su(?:i)?[cs](?:i)?dal\b(?!\s+(?:thoughts|"
         r"ideation|feelings))", "says they feel suicidal", "suicid sucid suisid suicd sucd"),
    rule(S, "urgent", r"\b(?:have|having|had|get|getting|my|with|these|constant|more)\s+(?:\w+\s+)?"
         r"su(?:i)?[cs](?:i)?dal\s+(?:thoughts|ideation|feelings|urges)\b", "mentions suicidal thoughts",
         "suicid sucid suisid suicd sucd", concern_if=r"\bpassive\w*\b"),
    rule(S, "urgent", r"\b(?:think\w*|thought|consider\w*|contemplat\w*|plan\w*|attempt\w*|"
         r"commit(?:ting)?|obsess\w*|fantasi[sz]\w*)\s+(?:about\s+|of\s+|on\s+)?(?:committing\s+)?"
         r"su(?:i)?[cs](?:i)?de\b", "mentions thinking about suicide", "suicid sucid suisid suicd sucd"),
    rule(S, "urgent", r"\b(?:my\s+)?su(?:i)?[cs](?:i)?de\s+(?:note|letter|plan|attempt)\b|\bsu(?:i)?[cs](?:i)?de\s+(?:is|"
         r"feels|seems|looks)\s+(?:like\s+)?(?:the|my)\s+(?:only|best|last)\b",
         "mentions a suicide plan or way out", "suicid sucid suisid suicd sucd",
         skip_if=r"\b(?:her|his|their|friend|brother|sister|cousin|mum|mom|dad|uncle|aunt)\b"),
    rule(S, "urgent", rf"\b{_INTENT}\s+(?:just\s+|really\s+|finally\s+)?(?:die|d1e|be\s+dead|"
         r"commit\s+su(?:i)?[cs](?:i)?de|stop\s+breathing)\b(?!\s+(?:of|from|laughing|for\s+(?:this|that|it)|alone|old|happy|if|"
         r"when|before|without|waiting|here|someday|some\s+day|one\s+day|eventually|in\s+(?:peace|my\s+sleep|there|this)))",
         "mentions wanting to die", "die d1e dead suicide sucide suiside exist breathing", hyperbole=True,
         joke_level="concern",  # policy: a joking tone lowers a stated wish to die, never to none
         skip_before=_THING_DYING,
         skip_if=r"\b(?:thought|felt\s+like|i\s+was|we\s+were|i\s+thought\s+i\s+was)\s+(?:i\s+was\s+)?going\s+to"
         r"\s+die\b"),
    rule(S, "urgent", r"\b(?:off|offing|end|ending|delete|deleting|yeet|yeeting)\s+my\s?self\b"
         r"(?!\s+(?:from|off\s+(?:social|insta|facebook|twitter)))", "mentions killing themself",
         "myself my_self", hyperbole=True, joke_level="concern"),
    rule(S, "urgent", r"\b(?:this\s+is|here'?s)\s+my\s+(?:last|final)\s+(?:entry|message|post|note|"
         r"goodbye|words)\b|\bgoodbye\s+(?:everyone|world|all|forever)\b|\b(?:won'?t|wont|not\s+"
         r"going\s+to|not\s+gonna|will\s+not)\s+be\s+(?:here|around|alive)\s+(?:much\s+longer|for\s+"
         r"(?:much\s+)?long|tomorrow|by|next|soon|after\s+(?:tonight|today))|\b(?:don'?t|dont|can'?t|"
         r"cant)\s+see\s+myself\s+(?:alive|being\s+alive|here|around|living)\b|\bi\s+(?:have|got|"
         r"'ve\s+got)\s+the\s+means\b|\b(?:pills|tablets|meds|rope|razors?|blades?)\s+(?:\w+\s+){0,2}?"
         r"(?:lined\s+up|counted\s+out|in\s+front\s+of\s+me|next\s+to\s+me|on\s+my\s+(?:desk|bed|"
         r"table|lap))", "says goodbye or mentions having the means",
         "my_last my_final goodbye be_here be_around be_alive see_myself means pill tablet meds rope "
         "razor blade", negatable=False),
    rule(S, "urgent", r"\b(?:knife|knives|blade|blades|razor\w*)\b.{0,60}\bmy\s+(?:wrists?|arms?|"
         r"throat|thighs?|veins)\b|\b(?:pills|meds|tablets)\s+(?:\w+\s+){0,4}?(?:in\s+a\s+pile|staring|"
         r"counting|counted)|\b(?:thought|thinking)\s+(?:about|of)\s+how\s*(?:$|[.!?,]|i'?d\s+do|to\s+do"
         r"\s+it)", "mentions a method or the means", "knife knives blade razor pill meds tablet "
         "about_how of_how",
         skip_if=r"\b(?:he|she|they|partner|husband|wife|boyfriend|girlfriend|bf|gf)\b"),
    rule(S, "concern", r"\b(?:why|how)\s+(?:i'?m|am\s+i|i\s+am)\s+still\s+(?:here|alive|around|"
         r"breathing)\b", "wonders why they are still alive", "still_here still_alive still_around "
         "still_breathing", hyperbole=True),
    rule(S, "urgent", r"\b(?:take|taking|took|swallow\w*|down\w*|overdose\s+on)\s+(?:all|every|the\s+"
         r"whole|a\s+bunch|a\s+handful|enough|everything)\s+(?:of\s+)?(?:my\s+|the\s+|those\s+|in\s+the\s+"
         r"|from\s+the\s+)?(?:\w+\s+)?(?:pills?|meds|tablets?|medication|antidepressants|painkillers|"
         r"insulin|medicine\s+cabinet|prescriptions?)|\b(?:all|every)\s+(?:of\s+)?my\s+\w+\s+at\s+once"
         r"\b|\bmy\s+plan\s+is\s+to\s+(?:do\s+it|die|end|go|kill)|\bi\s+(?:have|got|'ve\s+got|bought)\s+"
         r"(?:the|a|some)\s+(?:rope|noose|gun|razor\s*blades?|blades)\b|\b(?:i'?m|im|i\s+am)\s+(?:cutting|"
         r"burning\s+myself|bleeding)\s+(?:right\s+now|now|rn|again)\b|\bbought\s+(?:a\s+|some\s+)?"
         r"(?:razor\s*blades?|blades|rope|pills)\b(?=.*\b(?:not\s+for|for\s+myself|you\s+know\s+why|"
         r"i\s+know\s+why|just\s+in\s+case)\b)", "mentions pills, a plan or the means",
         "pill meds tablet medication antidepress painkill insulin cabinet prescription at_once "
         "my_plan rope noose gun razor blade cutting burning bleeding bought",
         skip_if=r"\b(?:he|she|they|partner|husband|wife|boyfriend|girlfriend|bf|gf)\s+"
         r"(?:\w+\s+)?(?:has|have|bought|took|takes)\b|\b(?:pharmacy|pharmacist|chemist|dispos\w*|"
         r"get\s+rid\s+of|recycl\w*)\b"),
    rule(S, "urgent", r"\blet\w*\s+go\s+(?:for\s+good|forever|permanently)\b|\bcheck\w*\s+out\s+"
         r"(?:permanently|for\s+good|forever|early)\b|\b(?:this\s+(?:will\s+be|is)|tonight\s+is)\s+my\s+"
         r"last\s+(?:night|day|time|chance)\b(?!\s+(?:in|at|of|with|before|off|working|here))|"
         r"\beverything\s+i\s+need\s+to\s+(?:end|do\s+it|die|go)|\b(?:i'?m|i\s+am|im)\s+(?:on|at|"
         r"standing\s+on|sitting\s+on)\s+(?:the|a)\s+(?:bridge|roof|ledge|edge|cliff|tracks|train\s+"
         r"tracks)\s+(?:now|right\s+now|rn)\b|\b(?:took|taken|swallowed|had)\s+(?:way\s+|far\s+)?too\s+"
         r"many\s+(?:of\s+)?(?:my\s+)?(?:\w+\s+)?(?:pills|tablets|meds)\b|\b(?:wrote|written|writing|"
         r"write)\s+(?:letters?|notes?|messages?)\s+to\s+(?:everyone|all|my\s+(?:family|kids|parents|"
         r"children|friends))\b(?=.*\b(?:why|goodbye|sorry|explain\w*|after\s+i'?m\s+gone)\b)|\bcut\w*"
         r"\s+(?:so\s+|too\s+|really\s+)?deep\b", "says goodbye, names a place or the means",
         "let_go letting_go lets_go check_out checks_out checking_out my_last everything_i bridge roof "
         "ledge edge cliff tracks too_many letters notes messages deep", hyperbole=True,
         skip_if=r"\b(?:hotel|view|amazing|beautiful|sunset|photos?|walk\w*|tour|holiday|trip|party|"
         r"london|paris|city|shift|job|work|uni|school|cake|hair|paper|onions?|veg\w*|grudge|"
         r"past|resentment)\b"),
    rule(S, "concern", r"\bend\s+(?:my|the|this)\s+(?:misery|suffering|pain)\b|\b(?:looking|staring|"
         r"stare|look)\s+(?:at|down\s+at)\s+(?:the\s+)?(?:train\s+tracks|tracks|ledge|edge|drop|"
         r"river|bridge)\b|\bdisappear\w*\s+(?:from|off)\s+the\s+face\s+of\s+the\s+earth|\bhope\s+"
         r"(?:that\s+)?i\s+(?:get|die|am|'m|got)\s+(?:\w+\s+)?(?:in\s+a\s+(?:car\s+)?crash|hit\s+by|killed|"
         r"cancer|sick\s+and\s+die)|\benvy\s+(?:people\s+who\s+(?:died|are\s+dead|don'?t\s+wake)|the\s+"
         r"dead)", "mentions wanting an end to it", "end looking staring stare look disappear hope "
         "envy", urgent_if=r"\b(?:tonight|for\s+good|forever|permanently|ready|jump\w*|plan\w*)\b",
         skip_if=r"\b(?:argument|fight|meeting|call|view|sunset|photos?|fish\w*|boats?)\b"),
    rule(S, "concern", r"\b(?:death|dying|the\s+thought\s+of\s+(?:dying|death))\s+(?:doesn'?t|does\s+not|"
         r"no\s+longer)\s+(?:seem\s+|feel\s+|sound\s+)?(?:so\s+)?(?:scary|scare\s+me|bad|frighten\w*)|"
         r"\b(?:dying|death|being\s+dead|not\s+existing|not\s+being\s+here)\s+(?:would|'d)\s+be\s+"
         r"(?:\w+\s+)?(?:easier|better|a\s+relief|nicer|peaceful)|\beasier\s+if\s+i\s+(?:was|were|wasn'?t|"
         r"weren'?t)\s+(?:dead|gone|here|around|alive)"
         r"(?!\s+(?:when|while|for\s+(?:the|a|this|that)|at\s+the|on\s+(?:the|that)|tomorrow|today|"
         r"this|before|after|during|to\s+(?:see|hear|let|meet|answer)))|\brelaps\w*\b(?=.*\b(?:cut\w*|self[\s-]?harm\w*|sh|"
         r"hurt\w*\s+myself|burn\w*\s+myself)\b)", "mentions death as a relief or a relapse",
         "death dying dead existing not_being easier relaps", negatable=False,
         urgent_if=r"\b(?:tonight|today|again|right\s+now|last\s+night)\b",
         concern_if=r"\b(?:worried|scared|afraid|don'?t\s+want|trying\s+not|try\s+not)\b"),
    rule(S, "concern", r"\bdisappointed\s+(?:that\s+)?i\s+(?:woke\s+up|(?:am|'m)\s+still\s+(?:here|alive)|"
         r"survived)|\b(?:i'?m|i\s+am)\s+already\s+(?:gone|dead)\b(?!\s+(?:for|to|from|on|by))|\bhope\s+"
         r"something\s+(?:bad\s+)?happens\s+to\s+me\b|\bstop\w*\s+eating\s+(?:and|until)\s+(?:let|die|"
         r"disappear|waste)", "hints at not wanting to be alive",
         "disappointed already something eating", negatable=False),
    rule(S, "concern", r"\b(?:i\s+wouldn'?t|i\s+would\s+not|i\s+wouldnt|i\s+don'?t\s+think\s+i'?d|i\s+dont\s+"
         r"think\s+id|i'?d\s+not)\s+(?:still\s+)?be\s+(?:here|alive|around)\b",
         "says only something else keeps them alive", "wouldn would_not think_i'd think_id i'd_not",
         negatable=False, needs=r"\b(?:if|without|but\s+for|weren'?t\s+for|only\s+reason)\b",
         skip_if=r"\b(?:job|team|company|career|uni|school|course|wedding|party|help|support|"
         r"advice|degree)\b"),
    rule(S, "urgent", r"\b(?:sat|sitting|sit|holding|held|staring\s+at|looking\s+at)\s+(?:\w+\s+){0,9}?"
         r"(?:the|a|my)\s+(?:razor|blade|pills|knife|rope|noose|gun)\b|\bmy\s+life\s+(?:ends|is\s+over|"
         r"will\s+end)\s+(?:tonight|today|tomorrow|soon|now)\b|\bwork\s+up\s+the\s+(?:nerve|courage)\b",
         "describes being close to acting", "sat sitting sit holding held staring looking my_life work",
         needs=r"\b(?:razor|blade|pills|knife|rope|noose|gun|life|roof|bridge|ledge|edge|jump|pills)\b",
         skip_if=r"\b(?:he|she|they|partner|husband|wife|boyfriend|girlfriend|bf|gf|kitchen|cooking|"
         r"chopping|shaving|dinner|interview|ask\w*|propos\w*|tell\w*|speech|call)\b"),
    rule(S, "urgent", r"\b(?:end\w*|take|taking|took)\s+my\s+(?:own\s+)?life\b",
         "mentions ending their life", "my_life my_own",
         concern_if=r"\b(?:not\s+going\s+to\s+act|won'?t\s+act|wouldn'?t\s+act|never\s+act|not\s+act|"
         r"thoughts?\s+(?:about|of))\b"),
    rule(S, "urgent", r"\bend(?:ing|ed)?\s+it\s+all\b|\bend\s+to\s+(?:it\s+all|everything|my\s+life)\b", "mentions ending it all", "end",
         hyperbole=True),
    rule(S, "concern", r"\b(?:end|ending)\s+(?:it|everything)\b(?!\s+(?:all|with|off|between|now\s+"
         r"with)\b)",
         "mentions ending it", "end",
         skip_if=r"\b(?:relationship|marriage|things|break\s*up|divorce|with\s+(?:him|her|them)|"
         r"engagement|argument|fight|conversation|call|meeting|game|season|show)\b",
         urgent_if=r"\b(?:tonight|today|now|this\s+time|tomorrow|soon|this\s+weekend|plan\w*|swear|"
         r"istg|going\s+to|gonna)\b|\bif\s+(?:he|she|they)\s+(?:leaves|goes|left|breaks|dumps)"),
    rule(S, "concern", r"\bwant\w*\s+(?:it|this|everything|the\s+pain)\s+(?:all\s+)?to\s+"
         r"(?:end|stop)\b", "wants everything to stop", "to_end to_stop", hyperbole=True,
         urgent_if=r"\b(?:permanently|forever|for\s+good)\b"),
    rule(S, "urgent", r"\b(?:overdos\w*|take\s+an\s+od|od\s+(?:tonight|on)|(?:going\s+to|gonna|"
         r"wanna|want\s+to|will|'ll)\s+od)\b",
         "mentions an overdose", "overdos od", needs=r"\b(?:i|i'?m|im|my|me)\b",
         skip_if=r"\b(?:he|she|they|friend|brother|sister)\s+(?:\w+\s+)?overdos"),
    rule(S, "urgent", r"\b(?:take|taking|took|swallow\w*|down(?:ed)?|have|got)\s+(?:all|a\s+bunch|"
         r"a\s+handful|the\s+whole\s+(?:bottle|pack|box)|every|enough)\s+(?:of\s+)?(?:my\s+|the\s+|"
         r"those\s+)?(?:pill\w*|meds|tablet\w*|medication|sleeping\s+(?:pills|tablets)|painkillers|"
         r"paracetamol)",
         "mentions taking a lot of pills", "pill meds tablet medication painkill paracetamol"),
    rule(S, "urgent", r"\b(?:pills|tablets|meds)\s+(?:\w+\s+)?(?:saved|stockpiled|hoarded|stashed)\b|\bthink\w*\s+"
         r"(?:about|of)\s+(?:hanging|overdosing|drowning|slitting|shooting)(?:\s+myself)?\b(?!\s+(?:up|out|"
         r"the|a|some|my|our|pictures|washing|curtains|lights|with|around|on))|\b(?:standing|sitting|stood|"
         r"sat)\s+(?:at|on)\s+(?:the\s+)?edge\s+of\s+(?:the|a)\s+(?:cliff|roof|bridge|platform|building|"
         r"balcony)\b(?=.*\b(?:not\s+scared|ready|jump|end|goodbye|done)\b)",
         "mentions gathered pills or a method", "pill tablet meds think standing sitting stood sat"),
    rule(S, "urgent", r"\b(?:sav\w*|stockpil\w*|hoard\w*|collect\w*|stash\w*)\s+(?:up\s+)?(?:my\s+|the\s+)?"
         r"(?:\w+\s+)?(?:pill\w*|meds|tablet\w*|medication)|\bhow\s+many\s+(?:pills|tablets)\b|\benough\s+"
         r"(?:pills|tablets)\b", "mentions gathering pills", "pill meds tablet medication"),
    rule(S, "urgent", rf"\b(?:hang|hanging|hanged|shoot|shooting|drown|drowning|stab|stabbing)\s+"
         rf"{_SELF}\b|\bnoose\b|\bbought\s+(?:a\s+|some\s+)?rope\b|\bblow\s+my\s+brains\b|"
         r"\bgun\s+(?:to|on)\s+my\s+(?:head|self)|\busing\s+it\s+on\s+myself\b",
         "mentions a way to end their life", "hang drown stab shoot noose rope brain gun using",
         skip_if=r"\b(?:he|she|they|partner|husband|wife|boyfriend|girlfriend|bf|gf)\s+(?:\w+\s+)?"
         r"(?:put|held|holds|pointed|points|has|had|pulled)\b|\b(?:climb\w*|camping|tent|boat|sailing|"
         r"swing|washing\s+line|towing|macram\w*|hammock|skipping|tug\s+of\s+war)\b"),
    rule(S, "urgent", r"\b(?:i|i'?m|im|i'?ll|ill|i'?ve|ive|want\s+to|wanna|going\s+to|gonna|"
         r"thinking\s+(?:about|of)|think\s+about|could|should|might|easy\s+to)\s+(?:just\s+)?(?:jump\w*|"
         r"step\w*|walk\w*|throw\w*\s+myself)\s+(?:off|from|in\s+front\s+of|into)\s+(?:a|the|my)?"
         r"\s*(?:bridge|roof|building|balcony|cliff|train|bus|car|truck|tower|window|ledge|"
         r"traffic|river|sea|overpass|flyover|car\s+park|parking\s+(?:garage|lot)|multi-?stor(?:e)?y|"
         r"platform|tracks|motorway|highway|freeway|lake|dam|top\s+floor)", "mentions jumping or stepping into danger",
         "jump step throw walk_into walk_off walk_in", hyperbole=True),
    rule(S, "urgent", r"\bthink\w*\s+(?:about|of)\s+jumping\b|\bstanding\s+on\s+(?:the|a)\s+"
         r"(?:roof|ledge|bridge|edge)\b|\bdriv\w*\s+(?:my\s+car\s+)?(?:into|off)\s+(?:a|the)\s+"
         r"(?:wall|tree|bridge|cliff|river|truck|lorry)|\bdriv\w*\s+(?:my\s+car\s+)?into\s+(?:oncoming\s+)?"
         r"traffic\b|\b(?:plan\w*|going|ready|decided|about|want|wanna)\s+(?:to\s+)?jump\b|\bmy\s+"
         r"(?:wrists?|arms?|thighs?|legs?)\s+(?:are|is|keep|won'?t\s+stop)\s+bleeding\b|\b(?:garage|"
         r"car)\s+(?:\w+\s+){0,4}?(?:with\s+)?the\s+(?:engine|car)\s+running\b|\b(?:i'?ll|ill|i\s+will|"
         r"i'?m\s+going\s+to)\s+be\s+dead\s+(?:by|before|tonight|tomorrow|soon|in\s+a)\b|\b(?:take|"
         r"taking|took|swallow\w*)\s+(?:the\s+|a\s+)?whole\s+(?:bottle|box|pack|packet|strip)\b|\bcrash\w*\s+"
         r"(?:my\s+)?(?:car|bike|motorbike)\s+(?:on\s+purpose|deliberately|into\s+(?:a|the)\s+\w+\s+on\s+"
         r"purpose)",
         "mentions a way to end their life", "jump standing driv bleeding running dead whole crash",
         hyperbole=True,
         skip_if=r"\b(?:trampoline|pool|puddle|queue|conclusions?|gun\s+on|rope|parachute|bungee|"
         r"sky\s?div\w*|joy|for\s+joy|wine|tequila|vodka|shampoo)\b"),
    rule(S, "urgent", r"\b(?:slit\w*|cut\w*|slash\w*)\s+my\s+(?:wrists?|throat)\b|\b(?:slit\w*|slash\w*)"
         r"\s+my\s+(?:arms?|thighs?|legs?|skin|stomach)\b", "mentions cutting their wrists or skin",
         "slit slash cut", skip_if=r"\b(?:he|she|they)(?:'ll|'d|\s+will|\s+would|\s+said|\s+says|\s+told|"
         r"\s+threaten\w*)\b"),
    rule(S, "urgent", r"\bsomething\s+(?:\w+\s+(?:and\s+)?)?(?:permanent|drastic|final|irreversible)\b|"
         r"\b(?:rope|noose|belt|cord)\s+(?:\w+\s+){0,2}?(?:tied|hung|hanging|ready|set\s+up)\b|\blet\s+the\s+"
         r"(?:\w+\s+)?(?:river|sea|water|ocean|waves?|cold|train|traffic)\s+take\s+me\b|\bcount\w*\s+"
         r"(?:out\s+)?(?:my\s+|the\s+|all\s+)?(?:pills|tablets|meds)\b|\b(?:nobody|no\s+one|everyone)\s+"
         r"(?:will|won'?t)\s+(?:have\s+to\s+)?(?:deal\s+with|worry\s+about|put\s+up\s+with|see|hear\s+from)"
         r"\s+me\s+(?:again|anymore|ever)\b|\blast\s+time\s+(?:anyone|you|they|everyone|anybody)\s+"
         r"(?:will\s+)?(?:hears?|sees?)\s+(?:from\s+)?me\b|\bsaid\s+(?:all\s+)?my\s+goodbyes\b|\bwr[io]te"
         r"\s+my\s+will\b", "describes a final act or goodbye", "permanent drastic final irreversible rope "
         "noose belt cord let_the count deal_with worry_about put_up hear_from last_time my_goodbyes "
         "my_will", hyperbole=True,
         skip_if=r"\b(?:tattoo|hair|haircut|decision\s+about\s+(?:work|the\s+house)|boat|camping|tent|"
         r"climb\w*|swing|hammock|gym|yoga|trousers|jeans|holiday|trip|party|job|leaving\s+do|"
         r"organi[sz]er|dosette|pill\s*box|prescription|pharmacy|for\s+the\s+week|weekly|bought|"
         r"mortgage|new\s+house|the\s+house|baby|solicitor|power\s+of\s+attorney)\b"),
    rule(S, "urgent", r"\bways?\s+to\s+(?:end\s+(?:it|my\s+life|everything)|kill\s+myself|do\s+it|die)\b|"
         r"\bgo\s+through\s+with\s+it\b|\buntil\s+i\s+(?:don'?t|never|do\s+not)\s+wake\s+up\b|"
         r"\b(?:knife|knives|blade|blades|razors?|pills|rope|gun)\s+(?:\w+\s+)?(?:under|in)\s+my\s+"
         r"(?:pillow|bed|mattress|drawer|bag)\b.{0,40}\bfor\s+when\b|\bfor\s+when\s+i\s+(?:decide|am\s+"
         r"ready|'m\s+ready|need\s+it)\b|\bgun\s+(?:in|to|against|into)\s+my\s+(?:mouth|head|temple|"
         r"chest)\b|\bsu(?:i)?[cs](?:i)?d\w*\s+(?:is|has\s+been|was)\s+(?:\w+\s+)?(?:on|in)\s+my\s+(?:mind|head)|"
         r"\b(?:ready\s+to|going\s+to|want\s+to|time\s+to|gonna)\s+say\s+goodbye\s+(?:to\s+)?"
         r"(?:everyone|everybody|the\s+world|all|for\s+good|forever)",
         "mentions a method, the means or saying goodbye", "ways_to way_to go_through until_i "
         "for_when knife knives blade razor pill rope gun suicid sucid suisid say_goodbye",
         skip_if=r"\b(?:he|she|they|partner|husband|wife|boyfriend|girlfriend|bf|gf)\s+"
         r"(?:\w+\s+)?(?:has|have|had|held|pointed|put|keeps)\b|\b(?:party|trip|holiday|move|"
         r"moving|job|house|flat|city|school|uni)\b"),
    rule(S, "urgent", r"\b(?:painless|easy|quick|quickest|best|easiest)\s+ways?\s+to\s+"
         r"(?:die|go|kill|end)|\bhow\s+to\s+(?:kill\s+myself|die\s+painlessly|end\s+it)",
         "searching for ways to die", "ways_to way_to how_to"),
    rule(S, "urgent", r"\b(?:wr[io]te|writ\w*|left|leave)\s+(?:a\s+|my\s+|the\s+)?(?:goodbye|su(?:i)?[cs](?:i)?de|"
         r"farewell|last)\s+(?:note|letter|message)s?\b(?!\s+(?:of|for|before)\s+the\b)|\bgiv\w*\s+away\s+(?:most\s+of\s+|all\s+"
         r"(?:of\s+)?)?my\s+(?:stuff|things|belongings|possessions)|\bgiv\w*\s+(?:all\s+(?:of\s+)?)?my\s+"
         r"(?:stuff|things|belongings|possessions|clothes)\s+away|\bsaid\s+(?:my\s+)?goodbyes?\s+"
         r"to\s+everyone", "describes saying goodbye or giving things away",
         "note letter message away goodbye"),
    rule(S, "urgent", r"\b(?:razor|razors|blade|blades|pills|rope|gun|knife)\s+(?:\w+\s+)?(?:ready|"
         r"hidden|hid|in\s+my\s+(?:bag|drawer|room|car))|\bknow\s+(?:exactly\s+)?how\s+i(?:'d|\s+"
         r"would|\s+will|'ll)\s+do\s+it\b|\b(?:plan\w*|figur\w*\s+out|decid\w*|work\w*\s+out)\s+"
         r"how\s+(?:i'?d|i\s+would|i'?ll|i\s+will|to)\s+(?:do\s+it|end\s+it|kill|die|go)\b|\bplan\w*\s+my\s+(?:own\s+)?(?:death|su(?:i)?[cs](?:i)?de)|\bi\s+have"
         r"\s+a\s+plan\b", "mentions a plan or the means", "razor blade pill rope gun knife how_i how_to plan"),
    rule(S, "urgent", r"\b(?:sleeping\s+)?(?:pills|tablets|meds|razors?|blades?|rope|gun|noose)\b",
         "mentions the means together with being done", "pill tablet meds razor blade rope gun",
         needs=r"\b(?:i'?m\s+(?:done|ready|finished)|goodbye|end\s+it|it'?s\s+time|no\s+more)\b"),
    rule(S, "concern", r"\bthoughts?\s+(?:of|about)\s+(?:su(?:i)?[cs](?:i)?de|killing\s+myself|ending\s+(?:it|my\s+"
         r"life))\b|\bwhat(?:'?s|\s+is)\s+(?:even\s+)?the\s+point\s+(?:anymore|of\s+anything|of\s+it\s+all|"
         r"in\s+anything)\b", "mentions thoughts of suicide or no point", "thought point",
         urgent_if=r"\b(?:plan\w*|tonight|pills|going\s+to)\b",
         concern_if=r"\b(?:not\s+going\s+to\s+act|won'?t\s+act|wouldn'?t\s+act|never\s+act|not\s+act)\b"),
    rule(S, "urgent", r"\b(?:i'?m|im|i\s+am)\s+(?:going\s+to|gonna)\s+do\s+it\s+this\s+time\b|"
         r"\b(?:tonight'?s|today'?s|tonight\s+is|today\s+is)\s+the\s+(?:night|day)\b", "says they will act soon",
         "this_time the_night the_day", needs=r"\b(?:end|die|it|life|done|goodbye|decision|decided|ready)\b",
         skip_if=r"\b(?:propos\w*|date|party|concert|game|premiere|wedding|tell\s+(?:him|her)|ask\s+"
         r"(?:him|her)|launch|match|final)\b"),
    rule(S, "concern", rf"\b(?:cut\w*|burn\w*|hurt\w*|harm\w*|scratch\w*|punish\w*|hit\w*|"
         rf"punch\w*|bruis\w*|carv\w*|bash\w*)\s+{_SELF}\b{_ACCIDENT}", "mentions hurting themself",
         "self myself meself myslef mysef", urgent_if=_NOW, skip_if=r"\b(?:accident\w*|oops|ouch|chopping|shaving)\b",
         hyperbole=True, concern_if=r"\b(?:intrusive|thoughts?\s+(?:of|about)|urges?)\b"),
    rule(S, "concern", r"\b(?:been|started|start|keep|kept|relapsed\s+and|back\s+to|urges?\s+to|"
         r"need\s+to|want\s+to|wanna|thinking\s+about|going\s+to|gonna)\s+(?:\w+\s+)?(?:cut|"
         r"cutting|burning|harming|scratching)\b(?!\s+(?:my\s+hair|back|down|corners|costs|"
         r"ties|class|out|it\s+close|the|a|some|veg|vegetables|onions|wood|paper))",
         "mentions cutting or self-injury", "cut burn harm scratch", urgent_if=_NOW,
         concern_if=r"\b(?:worried|scared|afraid|don'?t\s+want\s+to|trying\s+not|try\s+not)\b"),
    rule(S, "concern", r"\bcut(?:ting)?\s+(?:again|tonight|my\s+(?:arms?|thighs?|wrists?|legs?|"
         r"stomach|skin|hips?))\b|\b(?:i|i've|ive)\s+cut\s+(?:again|last\s+night|tonight)\b",
         "mentions cutting", "cut", urgent_if=_NOW,
         concern_if=r"\b(?:worried|scared|afraid|don'?t\s+want\s+to|trying\s+not|try\s+not)\b"),
    rule(S, "urgent", r"\b(?:started|doing|did|relapsed\s+on)\s+sh\b|\bsh\s+(?:again|relapse)\b",
         "mentions self-harm", "started_sh doing_sh did_sh sh_again sh_relapse relapsed_on"),
    rule(S, "concern", r"\bself[\s-]?(?:harm\w*|injur\w*|mutilat\w*)", "mentions self-harm", "self",
         needs=r"\b(?:i|i'?m|im|i'?ve|ive|me|my|right\s+now|helps)\b",
         skip_if=r"\b(?:awareness|training|course|class|lecture|research|study|article|"
         r"(?:her|his|their)\s+self|(?:friend|sister|brother|daughter|son|mum|mom|dad|cousin|she|he|"
         r"they)\s+(?:\w+\s+){0,3}self[\s-]?harm\w*)\b",
         urgent_if=r"\b(?:again|started|right\s+now|tonight|today|relaps\w*|only\s+thing)\b",
         concern_if=r"\b(?:struggling\s+not|trying\s+not|try\s+not|worried|scared|afraid)\b"),
    rule(S, "concern", r"\b(?:struggling|trying|try|hard|fighting|fight|working)\s+(?:so\s+hard\s+)?"
         r"not\s+to\s+(?:cut|hurt\s+myself|self[\s-]?harm|relapse|kill\s+myself|do\s+it)\b|"
         r"\burges?\s+(?:have\s+been\s+|are\s+|is\s+)?(?:coming\s+back|back|stronger)\b|"
         r"\buntil\s+(?:i|my\s+\w+|it|they)\s+bleeds?\b|\bintrusive\s+thoughts\s+about\s+"
         r"(?:hurting|killing|harming)", "describes urges to self-harm", "not_to urge bleed intrusive",
         negatable=False),
    rule(S, "concern", r"\b(?:starv\w*|punish\w*)\s+myself\b", "mentions punishing themself",
         "starv punish"),
)
