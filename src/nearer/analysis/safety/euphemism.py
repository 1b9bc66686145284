"""Indirect and euphemistic self-harm language: final arrangements, means research, places, codes.

Written for Nearer, MIT (our own patterns and wording). Warning signs follow published lists of
suicide warning signs: looking up ways to die, giving away prized things, saying goodbye, putting
affairs in order, and talk of being a burden (American Foundation for Suicide Prevention; Rudd et
al. 2006, Suicide Life Threat Behav 36(3), "Warning signs for suicide"). Many of these acts are
ordinary on their own ("wrote letters", "tie up loose ends"), so a rule here often needs a cue of
despair or finality within a short window that may cross sentence breaks.
"""

from __future__ import annotations

from nearer.analysis.safety.rules import Rule, rule

S = "self_harm"
# Despair or finality somewhere near: what turns an ordinary act into a warning sign.
_FINAL = (
    r"\b(?:just\s+in\s+case|goodbye|good\s+bye|when\s+i'?m\s+gone|after\s+i'?m\s+gone|once\s+i'?m\s+"
    r"gone|won'?t\s+need|don'?t\s+need\s+(?:it|them|her|him)\s+(?:any\s*more|now)|loose\s+ends|so\s+"
    r"done|i'?m\s+done|can'?t\s+do\s+this|had\s+enough|no\s+point|tired\s+of|over\s+it|end\s+it|"
    r"better\s+off|without\s+me|nobody\s+will|no\s+one\s+will|for\s+the\s+last\s+time|last\s+time|"
    r"forgive\s+me|sorry\s+(?:to\s+everyone|for\s+everything)|love\s+you\s+all|made\s+my\s+peace|"
    r"passwords|i'?ve\s+decided|made\s+up\s+my\s+mind|can'?t\s+go\s+on|hopeless|"
    r"not\s+around|won'?t\s+be\s+(?:here|around)|look\s+after\s+(?:her|him|them)\s+better)"
)
_NOT_ME = r"\b(?:work|job|project|company|office|client|holiday|semester|term|contract|lease)\b"

EUPHEMISM_RULES: tuple[Rule, ...] = (
    # Researching the means.
    rule(S, "urgent", r"\b(?:looked|look|looking|googl\w*|search\w*|read\w*|research\w*)\s+(?:up\s+)?"
         r"(?:about\s+|into\s+|for\s+)?(?:\w+\s+){0,3}?(?:overdos\w*|painless\s+(?:ways?|methods?)|"
         r"lethal\s+dose|ways?\s+to\s+(?:die|go|end\s+it|kill\s+myself)|how\s+to\s+(?:die|end\s+it|"
         r"overdose|not\s+wake\s+up))|\bhow\s+many\s+(?:of\s+(?:my|these|the|those)\s+)?\w+\s+(?:it\s+)?"
         r"(?:would|will|'d|does|do)\s+(?:it\s+)?take\b(?!\s+to\s+(?!die|overdose|od\b|not\s+wake|end|"
         r"kill))(?=.{0,40}(?:pills?|tablets?|meds|\w+(?:ine|ol|am|pam|ide|ate|pril|one|in)\b|"
         r"number|enough|$|[.!?]))|\bhow\s+long\s+(?:does\s+it|would\s+it|it)\s+takes?\s+to\s+"
         r"(?:bleed\s+out|die|drown|overdose)|\bpainless\s+ways?\s+to\s+(?:die|go)\b",
         "mentions looking up how to die", "overdos painless lethal ways_to way_to how_to how_many "
         "how_long", negatable=False,
         skip_if=r"\b(?:calories|recipe|episode|novel|character|film|movie|for\s+(?:my|an?|the)\s+"
         r"(?:essay|course|class|exam|shift|patients?|job)|nursing|pharmacology|training|band|"
         r"accidental|elderly|statistics|study|most\s+overdoses)\b"),
    # Final arrangements: letters, pets, belongings, passwords, wills, loose ends.
    rule(S, "urgent", r"\b(?:wrote|written|writing|write|left|leaving)\s+(?:\w+\s+){0,3}?"
         r"(?:letters?|notes?|goodbyes?)\b|\b(?:gave|giving|give|given)\s+away\s+(?:all\s+)?(?:of\s+)?"
         r"my\s+\w+|\bgave\s+(?:my|all\s+my)\s+\w+(?:\s+\w+)?\s+to\b|\b(?:can|could|should|gets?\s+to|"
         r"will)\s+have\s+my\s+(?:car|things|stuff|clothes|cat|dog|room|books|guitar|savings|money)\b|"
         r"\b(?:tie|tying|tied)\s+up\s+(?:all\s+)?(?:the\s+|my\s+)?loose\s+ends\b|\b(?:put|putting|"
         r"get|getting|got)\s+my\s+affairs\s+in\s+order\b|\b(?:updated|wrote|made|sorted|finished)\s+"
         r"my\s+will\b|\b(?:written|wrote)\s+down\s+(?:all\s+)?my\s+passwords\b|\bwon'?t\s+need\s+"
         r"(?:her|him|them|it|my\s+\w+)\s+(?:after|any\s*more|for\s+much\s+longer|where\s+i'?m\s+"
         r"going|soon)", "describes putting affairs in order", "letter note goodbye away gave have_my loose_ends "
         "affairs my_will passwords need_her need_him need_them need_it need_my", negatable=False, window_needs=_FINAL,
         skip_if=rf"{_NOT_ME}|\b(?:christmas|birthday|thank[\s-]you|valentine|wedding|charity|"
         r"declutter\w*|new\s+one|upgrad\w*|moving|sold|grew\s+out|outgrown|tall\s+enough|pen\s*pal|"
         r"grocery|shopping|lunchbox|bought|mortgage|house|solicitor|attorney|colleague|co-?worker|"
         r"farewell|retir\w*|goodbye\s+card)\b"),
    # "planning my exit", "logging off for good".
    rule(S, "urgent", r"\b(?:planning|plan|plotting|preparing|ready\s+for)\s+my\s+(?:exit|way\s+out|"
         r"final\s+\w+)\b|\b(?:log\w*|check\w*|clock\w*|bow\w*|sign\w*|tap\w*)\s+(?:out|off)\s+"
         r"(?:of\s+(?:life|this\s+world|everything)|permanently|for\s+good|forever|for\s+the\s+last\s+"
         r"time)", "hints at planning to end their life", "my_exit my_way my_final permanently for_good "
         "forever of_life of_this of_everything for_the_last", negatable=False,
         skip_if=rf"{_NOT_ME}|\b(?:cv|resume|role|career|app|account|social\s+media|instagram|"
         r"twitter|tiktok|facebook|server|game|notice)\b",
         concern_if=r"\b(?:sometimes|some\s+days|part\s+of\s+me)\b"),
    # A plan whose object is only "it", told right after despair ("im so done. gonna do it").
    rule(S, "urgent", r"\b(?:gonna|going\s+to|will|i'?ll|i'?m\s+doing|doing)\s+(?:do\s+)?it\s+"
         r"(?:this\s+(?:weekend|week|friday|time)|tonight|tomorrow|soon|on\s+\w+day|when\s+(?:every|"
         r"they|he|she|no)|while\s+(?:every|they|he|she|no)|before|after\s+(?:the|i|my))|\bit'?s\s+"
         r"(?:happening|going\s+to\s+be)\s+(?:on\s+)?(?:tonight|tomorrow|\w+day)\b|\b(?:tonight'?s|"
         r"today'?s)\s+the\s+(?:night|day)\b|\b(?:nobody|no\s+one|nothing)\s+(?:is\s+going\s+to|can|"
         r"will|could)\s+(?:talk|stop)\s+me\b|\bi'?ve\s+(?:got\s+it\s+all|worked\s+it\s+(?:all\s+)?)"
         r"\s*(?:worked\s+)?out\b|\bit'?s\s+(?:friday|saturday|sunday|monday|tuesday|wednesday|"
         r"thursday|tonight|tomorrow)\s*(?:$|[.!])", "describes a plan, after words of despair",
         "do_it doing_it happening the_night the_day talk_me stop_me worked_it got_it friday "
         "saturday sunday monday tuesday wednesday thursday tonight tomorrow", negatable=False,
         window_needs=r"\b(?:so\s+done|i'?m\s+done|im\s+done|can'?t\s+(?:do\s+this|go\s+on|take\s+"
         r"(?:it|this))|had\s+enough|no\s+point|tired\s+of\s+(?:living|existing|life|being)|end\s+"
         r"(?:it|my\s+life)|better\s+off|without\s+me|goodbye|sorry\s+to\s+everyone|sorry\s+for\s+"
         r"everything|i'?ve\s+decided|made\s+up\s+my\s+mind|want\s+to\s+die|won'?t\s+be\s+(?:here|"
         r"around|coming\s+back)|hopeless|last\s+entry|forgive\s+me)\b",
         skip_if=r"\b(?:paint\w*|tidy|clean\w*|gym|run|exam|test|presentation|interview|dinner|"
         r"party|shopping|laundry|homework|essay|date|finally|movie|film)\b"),
    # Places and acts of dying described as calm, easy or tempting.
    rule(S, "urgent", r"\b(?:bridge|edge|cliffs?|ledge|platform|tracks|rooftop|roof|balcony|river|"
         r"motorway|highway|car\s+park|multi[\s-]?storey|tower|overpass)\b",
         "describes a high or dangerous place with thoughts of dying",
         "bridge edge cliff ledge platform tracks rooftop roof balcony river motorway highway "
         "car_park multi tower overpass",
         window_needs=r"\b(?:how\s+easy|one\s+(?:small\s+)?step|just\s+step|(?:stood|standing)\s+"
         r"there\s+(?:for\s+)?(?:a\s+long\s+time|thinking|wondering)|working\s+up\s+(?:the\s+)?(?:courage|nerve)|won'?t\s+be\s+"
         r"coming\s+back|not\s+coming\s+back|(?:looked|looks|look|felt|feels|seemed|seems)\s+(?:so\s+"
         r"|really\s+)?(?:peaceful|inviting|tempting|calm)|calling\s+(?:to\s+)?me|how\s+(?:high|far\s+"
         r"down|long\s+the\s+drop)|lean\w*\s+over|jump\b|end\s+it)",
         skip_if=r"\b(?:photos?|pictures?|sunset|view|walk\w*\s+the\s+dog|bungee|diving|swim\w*|"
         r"holiday|wedding|tourist|hike|hiking|film|climb\w*)\b"),
    rule(S, "urgent", r"\b(?:steer\w*|driv\w*|swerv\w*|crash\w*|veer\w*|walk\w*|step\w*)\s+(?:\w+\s+)?"
         r"(?:into|in\s+front\s+of)\s+(?:the\s+|a\s+|an\s+|oncoming\s+)?(?:barrier|tree|wall|lorry|truck|"
         r"traffic|river|oncoming|pillar|bus|train|central\s+reservation)",
         "thinks about a crash or stepping into traffic", "steer driv swerv crash veer walk step",
         needs=r"\b(?:think\w*|thought|want\w*|tempt\w*|urge|wish|could\s+just|keep|easy|easier|"
         r"imagin\w*|plan\w*)\b", skip_if=r"\b(?:almost|nearly|idiot|someone|he|she|they|game)\b"),
    rule(S, "urgent", r"\b(?:don'?t|do\s+not|can'?t|cannot|cant)\s+trust\s+myself\s+(?:\w+\s+){0,2}?"
         r"(?:around|with|near|alone)\s+(?:the\s+|my\s+)?(?:pills|meds|medicine|tablets|knives|knife|"
         r"blades?|razors?|car|bridge|tonight|right\s+now)|\bs/h\b|\bs\.h\.\s+urges?\b|\bctb\b",
         "mentions not trusting themself with the means, or a coded term", "trust_myself s/h s.h "
         "ctb", negatable=False, concern_if=r"\bs/h\b|\bs\.h\.\b"),
    # Death wished to happen by accident, and endurance until the end.
    rule(S, "concern", r"\b(?:hope|hoping|wish|wouldn'?t\s+mind\s+if|be\s+fine\s+if|be\s+(?:okay|ok|"
         r"easier|better|nice|a\s+relief)\s+if)\s+(?:\w+\s+){0,4}?(?:takes?\s+me\s+out|hits?\s+me\b|"
         r"(?:plane|car|train|bus)\s+(?:just\s+)?(?:went|goes|would\s+go|crashed|crashes)|i\s+(?:didn'?t|"
         r"don'?t|never|just\s+didn'?t)\s+(?:make\s+it(?!\s+to\b)|wake(?!\s+(?:up\s+)?(?:too\s+|so\s+)?"
         r"(?:early|late|before|in\s+time|the\s|him|her|you|them|everyone))|come\s+back|come\s+home)|i\s+"
         r"(?:got|get)\s+hit)|\bif\s+i\s+(?:just\s+)?(?:didn'?t|don'?t|never)\s+make\s+it\s+home\b",
         "hopes to die by accident", "hope hoping wish mind be_fine be_okay be_ok be_easier "
         "be_better be_nice be_a make_it", negatable=False,
         needs=r"\b(?:easier|better|fine|relief|mind|peace|hope|hoping|wish|nobody|no\s+one|"
         r"okay|ok)\b", skip_if=r"\b(?:by\s+\d|\d+\s*(?:pm|am)|dinner|start\s+without|lol|haha|"
         r"traffic\s+jam|late)\b"),
    rule(S, "concern", r"\bwaiting\s+for\s+(?:it\s+(?:all\s+)?|everything\s+|life\s+|my\s+life\s+)to\s+"
         r"(?:be\s+over|end|stop)\b|\buntil\s+it\s+(?:all\s+)?ends\b(?=.{0,20}$)|\benduring\s+until\b|"
         r"\bone\s+less\s+(?:of\s+me|me|person\s+like\s+me)\b|\b(?:i'?m|im|i\s+am|feel\s+like\s+"
         r"(?:i'?m\s+)?)\s*(?:just\s+|only\s+)?(?:taking\s+up\s+space|a\s+waste\s+of\s+(?:space|oxygen|"
         r"air|skin|a\s+life))\b|\bcan'?t\s+(?:picture|imagine|see)\s+(?:a\s+future|any\s+future|"
         r"myself\s+(?:at|being|getting|growing|in\s+\d+|old)|being\s+\d+|me\s+(?:at|being)\s+\d+)",
         "speaks of enduring life or seeing no future", "waiting until enduring one_less taking_up "
         "waste_of picture imagine see_a see_any see_myself see_being see_me", negatable=False,
         skip_if=r"\b(?:meeting|queue|exam|film|movie|game|match|shift|lecture|flight|sofa|box\w*|"
         r"furniture|wardrobe|desk)\b"),
    rule(S, "concern", r"\b(?:tired|sick|exhausted|done|over)\s+(?:of\s+|with\s+)?being\s+(?:a\s+"
         r"(?:person|human)|me|alive|myself)\b|\bso\s+over\s+(?:being\s+alive|living|existing|life)\b|"
         r"\bdisappear\s+(?:for\s+good|forever|permanently)\b|\b(?:fall|go)\s+(?:to\s+)?(?:asleep|"
         r"sleep)\s+and\s+(?:never|not)\s+(?:have\s+to|wake|come)\b|\b(?:want|wanna|wish)\s+(?:it\s+"
         r"all|everything|it|this|the\s+pain|all\s+of\s+it)\s+to\s+(?:stop|end)\b(?=.{0,60}\b"
         r"(?:permanently|forever|for\s+good|all\s+of\s+it|for\s+ever)\b)|\b(?:they'?d|they\s+would|"
         r"everyone\s+would|they'?ll|everyone'?d)\s+(?:all\s+)?(?:cope|manage|be\s+fine|be\s+okay|do)\s+"
         r"better\s+(?:if\s+i\s+(?:was|were)\s+(?:out\s+of|gone|not)|without\s+me)|\bout\s+of\s+the\s+"
         r"picture\b(?=.{0,10}$)|\b(?:would|will|'d|'ll)\s+be\s+(?:fine|okay|ok|alright|simpler|"
         r"easier)\s+without\s+me\b|\b(?:get|got|gets)\s+the\s+(?:life\s+)?insurance\s+(?:money|pay\s*out)",
         "says they are tired of being alive or others would cope without them",
         "tired sick exhausted done over_being disappear asleep sleep permanently forever "
         "for_good for_ever better picture without_me insurance", negatable=False,
         skip_if=rf"{_NOT_ME}|\b(?:while\s+i'?m\s+(?:away|off)|for\s+a\s+(?:day|week|bit)|on\s+"
         r"holiday|trip|car\s+insurance|flood|claim)\b"),
    rule(S, "concern", r"\b(?:when|after|once)\s+i'?m\s+(?:gone|dead|not\s+(?:here|around))\b"
         r"(?!\s+(?:on|for|to|away|at|from|out|shopping|abroad)\b)|\b(?:make\s+sure|don'?t\s+plan\s+on|"
         r"not\s+planning\s+on|no\s+plans?\s+(?:of|on))\s+(?:that\s+)?(?:i'?m\s+not\s+|not\s+)?"
         r"(?:being\s+)?(?:around|here|alive)\b(?=.{0,30}\b(?:for|by|next|after|much|this|to\s+see)\b)",
         "speaks of no longer being alive", "i'm_gone im_gone i'm_dead im_dead i'm_not imnot "
         "make_sure plan_on planning_on no_plan",
         negatable=False, skip_if=r"\b(?:mov\w+|holiday|trip|visit\w*|job|flat|house|city|abroad|"
         r"away|staying|travel\w*|office|work|shift|uni|festival|wedding|cat\s+sitter)\b",
         urgent_if=r"\b(?:schedul\w*|letters?|notes?|my\s+will|passwords|sorted|set\s+up|make\s+"
         r"sure|plan)\b"),
    rule(S, "urgent", r"\b(?:said|saying|say)\s+(?:a\s+)?(?:my\s+)?(?:proper|final|last|real)\s+"
         r"goodbyes?\b|\b(?:a|my)\s+(?:proper|final|real)\s+goodbye\b", "describes a final goodbye",
         "goodbye",
         window_needs=r"\b(?:didn'?t\s+know\s+what\s+i\s+meant|for\s+the\s+last\s+time|won'?t\s+see|"
         r"one\s+last|what\s+i\s+meant|won'?t\s+be\s+(?:here|around)|just\s+in\s+case)\b",
         skip_if=r"\b(?:house|flat|holiday|flight|airport|leaving\s+do|old\s+\w+|job|funeral|vet|"
         r"put\s+down|passed|died|moving|emigrat\w*)\b"),
    rule(S, "concern", r"\b(?:there'?s\s+)?no\s+point\s+(?:any\s*more|in\s+(?:anything|any\s+of\s+it|"
         r"trying|carrying\s+on|me))\s*(?:$|[.!?,;])|\bwhat'?s\s+the\s+point\s+(?:any\s*more|of\s+"
         r"anything)\b|\b(?:burn\w*|cut|cutting|scratch\w*|carv\w*|hit|hitting|punch\w*|bit|bite|"
         r"biting|pinch\w*)\s+(?:\w+\s+){0,8}?(?:just\s+)?to\s+(?:feel\s+(?:something|anything|real|"
         r"better|alive|in\s+control)|punish\s+myself|calm\s+(?:myself\s+)?down|cope)\b|\bscratch\w*"
         r"\s+(?:my\s+)?(?:arms?|legs?|skin|wrists?|thighs?)\s+(?:till|until)\s+(?:they|it)\s+bleeds?\b",
         "sees no point, or hurts themself to cope", "no_point the_point to_feel punish_myself "
         "calm cope scratch", negatable=False,
         skip_if=r"\b(?:he|she|they|bus|train|waiting|walk|queue|argu\w*|arguing|meeting|diet|gym|"
         r"cake|hair)\b"),
)
