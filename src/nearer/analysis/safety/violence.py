"""Violence, threat, fear and coercive-control patterns for the safety detector (written for Nearer, MIT).

Categories follow widely used partner-violence frameworks (facts, not wording, are borrowed):
physical and sexual violence, threats, and coercive control (Stark 2007, Coercive Control);
strangulation and threats to kill as the gravest warning signs (Campbell et al. 2003, Danger
Assessment, Am J Public Health 93(7); Glass et al. 2008, J Emerg Med 35(3)).
"""

from __future__ import annotations

from nearer.analysis.safety.rules import PARTNER, PARTNER_OBJ, Rule, rule

V = "violence"
_HIT = (
    r"(?:hit|hits|hitting|punch(?:ed|es|ing)?|slap(?:s|ped|ping)?|smack(?:s|ed|ing)?|whip(?:s|ped|ping)?|"
    r"lash(?:es|ed)?|belt(?:s|ed)?|"
    r"kick(?:s|ed|ing)?|shov(?:e|es|ed|ing)|chok(?:e|es|ed|ing)|strangl(?:e|es|ed|ing)|"
    r"throttl(?:e|es|ed|ing)|beat(?:s|en|ing)?|headbutt\w*|stab(?:s|bed|bing)?|attacked(?=\s+me\s*(?:$|"
    r"[.!?,;]|\s+(?:and|with|again|in\s+(?:the|my|bed)|while|when|last|yesterday|tonight)\b))|"
    r"assault(?:s|ed|ing)?|drag(?:s|ged|ging)?|slam(?:s|med|ming)?|struck|bit|bites|biting|"
    r"smash(?:es|ed)?|rap(?:e|ed|es|ing)|molest\w*|spit\s+(?:on|at)|spat\s+(?:on|at)|"
    r"spits\s+(?:on|at)|whack\w*|thump\w*|elbow\w*|backhand\w*|burn(?:ed|t|s)?|bruis\w*|"
    r"hurt(?:s|ing)?\s+(?:me\s+)?physically)"
)
_NOT_IDIOM = (
    r"(?!\s+(?:up\b|out\b|at\s+(?!home)|to\s+it|in\s+(?:a|the)\s+(?:race|game|match)|with\s+"
    r"(?:the\s+(?:news|bill|check|cheque|truth|facts|question)|that|this|a\s+(?:question|joke|text|"
    r"bombshell|surprise|truth|compliment|request)|some)|that\b|"
    r"how\b|hard\s+emotionally|off\s+guard|as\s+(?:odd|funny|strange)))"
)
_BODY = (
    r"(?:neck|throat|hair|arm|arms|wrist|wrists|face|jaw|head|chest|stomach|back|shoulders?|legs?|"
    r"body|breasts?|ribs?|nose)"
)
_HARM = (
    r"(?:kill|hurt|hit|beat|stab|shoot|strangle|choke|burn|break|harm|destroy|murder|end|"
    r"smash|bury|get|slit|slash|cut)\s+(?:me|us|you|my\s+\w+|the\s+(?:kids|children|baby|dog|cat)|"
    r"him|her|them|(?:him|her|them)selves|himself|herself|themselves)"
)
_THREAT_HARM = (
    rf"(?:{_HARM}|make\s+me\s+pay|(?:i'?ll|you'?ll|i\s+will|you\s+will)\s+pay\b|make\s+me\s+disappear|(?:nobody|no\s+one)\s+(?:would|will)\s+"
    r"(?:ever\s+)?find\s+(?:my|your)\s+body|(?:i|you)\s+(?:won'?t|wont|will\s+not)\s+live\s+to\s+see|"
    r"(?:i'?m|you'?re)\s+not\s+going\s+to\s+live\s+(?:to|past|much|long)|make\s+it\s+look\s+like\s+an\s+accident|come\s+after\s+me|"
    rf"find\s+me|take\s+(?:the|my|our)\s+(?:kids|"
    r"children|baby|son|daughter)|never\s+see\s+(?:the|my|our)\s+(?:kids?|children|son|daughter|baby|"
    r"family)|regret\s+it|"
    r"(?:i'?m|im|i'?ll\s+be|you'?re|i\s+am)\s+dead(?!\s+to\s+me)|(?:break|snap)\s+my\s+\w+|ruin\s+my\s+life|"
    r"do\s+something\s+(?:bad|terrible|crazy)|what\s+happens\s+to\s+people|burn\s+(?:the|our|my)\s+"
    r"\w+\s+down|with\s+me\s+in\s+it|(?:make|see)\s+me\s+suffer|put\s+me\s+in\s+(?:the\s+)?"
    r"(?:hospital|ground|grave)|off\s+me|end\s+up\s+in\s+(?:the\s+|a\s+)?(?:hospital|ground|grave|box|"
    r"a&e|er)|use\s+(?:it|that|the\s+\w+)\s+on\s+me|there'?ll\s+be\s+consequences|be\s+sorry)"
)
_CUE = (
    r"\b(?:said|says|saying|told\s+me|tells\s+me|swore|swears|threaten\w*|texted|texts|warned|"
    r"warns|promised|screamed|yelled|shouted|keeps\s+saying|messaged|whispered|telling\s+me|tell\s+me|"
    r"screaming|yelling|shouting|texting\s+me|messaging\s+me)\b"
)
_IF_LEAVE = (
    r"\bif\s+i\s+(?:ever\s+|even\s+|try\s+to\s+|tried\s+to\s+)?(?:leave|left|tell|told|go\s+to|"
    r"call|report|break\s+up|divorce|went|go|don'?t|dont|talk\s+to|say\s+no)"
)
_FEAR = r"(?:scared|afraid|terrified|frightened|fearful|petrified|worried|scared\s+shitless)"
_PARTNER_WORD = r"\b(?:he|she|him|her|husband|wife|partner|bf|gf|boyfriend|girlfriend|fianc\w*)\b"

VIOLENCE_RULES: tuple[Rule, ...] = (
    rule(V, "urgent", rf"\b{_HIT}\s+(?:me|us)\b{_NOT_IDIOM}|\b(?:broke|broken|fractured|cracked|"
         r"bloodied|busted)\s+my\s+(?:nose|ribs?|arm|wrist|jaw|lip|cheekbone|fingers?|eye\s+socket|"
         r"tooth|teeth)\b", "describes being physically hurt",
         "hit punch slap smack kick shov chok strang throt beat headbutt stab attack assault drag "
         "whip lash belt "
         "slam struck bit smash rap molest spit spat whack thump elbow backhand burn bruis "
         "physically broke broken fractur cracked bloodied busted", check_subject=True,
         skip_if=r"\b(?:pillows?|playful\w*|(?:for|as)\s+a\s+joke|snowball\w*|tickl\w*|wrestl\w*|"
         r"by\s+accident|accident\w*|by\s+mistake|under\s+the\s+table|(?:little|baby|younger)\s+"
         r"(?:brother|sister)|in\s+(?:his|her|their)\s+sleep|among\s+us|fortnite|minecraft|roblox|"
         r"call\s+of\s+duty|video\s*game|in\s+the\s+game|imp[oa]st[eo]r|to\s+feel\s+(?:something|"
         r"anything|real)|punish\s+myself|till\s+(?:they|it)\s+bleeds?)\b"),
    rule(V, "urgent", rf"\b(?:grab\w*|squeez\w*|yank\w*|pull\w*|punch\w*|hit\w*|slap\w*|kick\w*|"
         rf"chok\w*|strangl\w*|pinch\w*|bit|bite\w*|burn\w*|scratch\w*|twist\w*|pull\w*|"
         rf"smash\w*|slam\w*|shov\w*|push\w*|bang\w*|knock\w*|bash\w*)\s+(?:me\s+by\s+)?my\s+{_BODY}\b(?!\s+(?:gently|softly|to\s+(?:kiss|"
         r"dance)))", "describes being grabbed or struck", "grab squeez yank pull punch hit slap kick chok shov bash "
         "push bang knock "
         "strangl pinch bit burn scratch twist smash slam", check_subject=True,
         skip_if=r"\blike\s+(?:\w+\s+)?bang\w*\s+my\s+head\b|\bbrick\s+wall\b|"
         r"\b(?:playful\w*|kiss\w*|danc\w*|massag\w*|tickl\w*|hug\w*|cuddl\w*|steady|"
         r"to\s+(?:stop|keep|save)\s+me|catch\s+me|falling|fell|trip\w*|help\w*|cross\w*|"
         r"twisted\s+my\s+arm\s+(?:into|to)|to\s+feel\s+(?:something|anything|real)|punish\s+myself|"
         r"till\s+(?:they|it)\s+bleeds?)\b|(?:^|[.!?]\s*)\s*(?:burn\w*|scald\w*|bang\w*|hit|knock\w*|"
         r"bash\w*|scratch\w*)\s+my\s+\w+\s+(?:on|against|in)\s+(?:the|a|an|my)\b"),
    rule(V, "urgent", r"\bbeat(?:s|en|ing)?\s+me\s+up\b|\bchok\w*\s+me\s+out\b|\bphysically\s+"
         r"hurt\w*\s+me\b|\bhurt\w*\s+me\s+physically\b|\bsp[ia]t\w*\s+(?:in|on|at)\s+(?:my\s+"
         r"face|me)\b|\b(?:pushed|pushes|shoved)\s+me(?=\s*(?:$|[.!?,;]|\s+(?:and|again|hard|so)\b))"
         r"|\b(?:gets|got|getting)\s+(?:\w+\s+)?rough\s+(?:with\s+me|and)\b",
         "describes being physically hurt", "beat chok hurt spat spit push shov rough",
         check_subject=True),
    rule(V, "urgent", r"\b(?:break|kick|bang|pound|smash)\w*\s+(?:the|my)\s+door\s+(?:down|in)\b"
         r"|\bbreak\w*\s+down\s+the\s+door\b|\bhid(?:e|ing)?\s+(?:from\s+(?:him|her)|in\s+the\s+"
         r"(?:bathroom|car|closet|wardrobe))\b", "describes hiding or a door being broken down",
         "door hid", needs=r"\b(?:he|she|him|her|they)\b",
         skip_if=r"\b(?:game|seek|surprise|party|kids?\s+hid)\b"),
    rule(V, "urgent", r"\b(?:pillow|hand|hands|bag|blanket)\s+over\s+my\s+(?:face|mouth|head|nose)\b|"
         r"\b(?:smother\w*|suffocat\w*)\s+me\b|\b(?:got|get|was|been|being|were)\s+(?:\w+\s+)?"
         r"(?:hit|punched|slapped|kicked|choked|strangled|beaten(?:\s+up)?|shoved|pushed|attacked|"
         r"assaulted|raped|smacked|stabbed|strangled|burned)\s+by\s+(?:him|her|them|my\s+\w+)\b",
         "describes being physically hurt", "over_my smother suffocat by_him by_her by_them by_my"),
    rule(V, "urgent", r"\bhands?\s+(?:a?round|on|over)\s+my\s+(?:neck|throat|mouth)\b|\bcouldn'?t"
         r"\s+breathe\b(?=.*\b(?:he|she|his|her|neck|throat|choke\w*)\b)(?!.*\b(?:tickl|laugh))",
         "describes being choked", "neck throat mouth breathe",
         skip_if=r"\b(?:tickl\w*|laugh\w*|panic\s+attack|asthma|smoke)\b"),
    rule(V, "urgent", r"\b(?:black\s+eye|split\s+lip|broken\s+(?:nose|rib|ribs|arm|wrist|jaw)|"
         r"bruises?|marks\s+on\s+my\s+(?:neck|arms?|face))\b", "mentions injuries from someone",
         "black split broken bruise marks", needs=r"\b(?:from\s+(?:him|her|them)|he|she|gave\s+me"
         r"|my\s+(?:husband|wife|partner|bf|gf|boyfriend|girlfriend))\b",
         skip_if=r"\b(?:fell|football|rugby|gym|bike|skat\w*|tripped|accident)\b"),
    rule(V, "urgent", r"\b(?:threw|throws|throw|throwing|hurled|hurls|chucked|chucks|flung)\s+"
         r"(?:\w+\s+){0,3}?at\s+(?:me|my\s+(?:head|face))\b|\b(?:threw|throws|shoved|pushed|"
         r"slammed|flung|dragged)\s+me\s+(?:against|across|into|onto|on\s+(?:to\s+)?the\s+(?:floor|ground|"
         r"bed|sofa|couch|table|concrete|pavement|stairs|road)|down|to\s+the|out\s+of|"
         r"off)\b|\b(?:shook|shakes|shaking|shake)\s+me\s+(?:so\s+hard|hard|violently|until|by\s+the|"
         r"against)",
         "describes having things thrown at them", "threw throw hurl chuck flung shoved pushed shook "
         "shake dragged "
         "slammed", check_subject=True,
         skip_if=r"\b(?:ball|frisbee|pillow|snowball|party|pool|lake|sea|swing|lol|haha\w*|"
         r"birthday|prank\w*)\b"),
    rule(V, "urgent", r"\bpush(?:ed|es|ing)?\s+me\s+(?:down|over|against|into\s+(?:the|a)\s+\w+|"
         r"off|onto|out\s+of|to\s+the\s+(?:ground|floor)|so\s+hard|hard|and\s+i\s+fell)\b|"
         r"\b(?:pin\w*|held|hold\w*|holds)\s+me\s+(?:down|against|to\s+the|under(?:water)?|under\s+the\s+water)\b",
         "describes being pushed or held down", "push pin held hold", check_subject=True,
         skip_if=r"\b(?:pillow\s+fight|wrestl\w*|tickl\w*|playful\w*|game|pool|swing|snow|water|lake|"
         r"sea|prank\w*|haha\w*|lol)\b"),
    rule(V, "urgent", r"\bgrab\w*\s+me\b(?!\s+(?:a|an|some|the|one|two|coffee|lunch|food|drink|tea|"
         r"from\s+(?:the|work|school)|and\s+(?:kissed|hugged))\b)|\bcame\s+at\s+me\b|\btried\s+to"
         r"\s+(?:kill|strangle|choke|drown|stab|smother|suffocate|run\s+me\s+over)\b",
         "describes being grabbed or attacked", "grab came tried", check_subject=True,
         skip_if=r"\b(?:danc\w*|waist|spun|twirl\w*|kiss\w*|hug\w*|cuddl\w*|playful\w*|tickl\w*)\b"),
    rule(V, "urgent", r"\bset\w*\s+(?:his|her|the|their)\s+dogs?\s+on\s+me\b|\bsexually\s+(?:forc|assault|"
         r"abus|attack)\w*\s+me\b|\bforced\s+(?:me\s+)?sexually\b", "describes an attack or sexual violence",
         "set_his sets_his setting_his set_her sets_her sexually forced", check_subject=True),
    rule(V, "urgent", r"\b(?:pulled|pointed|held|put)\s+(?:a|his|her|the)\s+(?:knife|gun|blade)\s+"
         r"(?:on|at|to)\s+(?:me|my)\b|\bthreaten\w*\s+me\s+with\s+(?:a|his|her|the)\s+\w+|"
         r"\bshowed\s+me\s+(?:his|her|the|a)\s+(?:gun|knife)\b",
         "describes being threatened with a weapon", "knife gun blade threat"),
    rule(V, "urgent", r"\b(?:forc\w*|made|makes|make)\s+me\s+(?:into\s+|to\s+)?(?:have\s+sex|"
         r"having\s+sex|sex|sleep(?:ing)?\s+with|do(?:ing)?\s+(?:sexual|things\s+i\s+didn'?t)|"
         r"perform)|\bforc\w*\s+(?:him|her|them)sel(?:f|ves)\s+on\s+me\b|\b(?:wouldn'?t|didn'?t|wouldnt|didnt|won'?t)\s+stop\s+when\s+i\s+said\s+no\b",
         "describes forced sex", "forc made_me make_me makes_me stop_when"),
    rule(V, "concern", r"\b(?:pressur\w*|coerc\w*|guilt\w*|push\w*|nag\w*)\s+me\s+(?:into|to)\s+"
         r"(?:have\s+sex|having\s+sex|sex|sleep\w*\s+with|do(?:ing)?\s+(?:sexual|things)|"
         r"sexual)", "describes sexual pressure", "pressur coerc guilt push nag",
         urgent_if=r"\b(?:forc\w*|cried|crying|said\s+no)\b"),
    rule(V, "urgent", r"\block(?:s|ed|ing)?\s+me\s+(?:in|inside|out|up|into)\b|\bkeeps?\s+me\s+"
         r"locked\b|\b(?:won'?t|wont|doesn'?t|doesnt|didn'?t|didnt|refuses?\s+to|wouldn'?t|"
         r"wouldnt)\s+let\s+me\s+(?:leave|out(?!\s+of\s+(?:his|her|their|my)\s+sight)|get\s+out|escape|go\s+"
         r"home)\b|\bblock\w*\s+(?:the|"
         r"my)\s+(?:door|doorway|exit|way)\b|\btrap(?:s|ped)?\s+me\b",
         "describes being locked in or kept from leaving", "lock let block trap",
         negatable=False, check_subject=True,
         skip_if=r"\b(?:by\s+(?:accident|mistake)|accident\w*|forgot|game|escape\s+room|makeup|shower|"
         r"out\s+of\s+the\s+bathroom|account|laptop|computer|password)\b"),
    rule(V, "urgent", rf"(?:{_CUE}|{_IF_LEAVE}).{{0,80}}?\b{_THREAT_HARM}",
         "describes being threatened", "said says saying told tells swore swear threat texted "
         "texts warn promised scream yell shout messag whisper if_i telling tell_me texting", negatable=False,
         skip_if=r"\b(?:lol|haha|lmao|jok\w*|kidding|game|film|movie|spoil\w*|finale|leftovers|chocolate|"
         r"cake|last\s+slice|if\s+i'?m\s+late|forg[eo]t\w*\s+(?:her|his|my|the)\s+\w+|dishes|socks|"
         r"(?:her|his|their)\s+ex\s+used\s+to|to\s+the\s+(?:zoo|park|beach|cinema|pool|fair|shops))\b|"
         r"[\U0001F602\U0001F923\U0001F606"
         r"\U0001F639\U0001F480]"),
    rule(V, "urgent", r"\bthreat\w*\s+to\s+(?!leave|divorce|break\s+up|tell|kick|throw\s+me\s+out|call|"
         r"report|go|move|quit|stop|cancel|sell|end\s+(?:it|things|the))\w+\s+(?:\w+\s+){0,3}?(?:me|my\s+"
         r"\w+|us)\b|\b(?:smash\w*|broke|hit|crack\w*)\s+(?:a|the|his|her)\s+\w+\s+(?:over|on|against)"
         r"\s+my\s+(?:head|face|back)\b|\btie[ds]?\s+me\s+(?:up|down|to)\b|\bbeat\w*\s+the\s+(?:crap|"
         r"shit|hell|life|living\s+daylights)\s+out\s+of\s+me\b|\bknock\w*\s+me\s+(?:out|"
         r"unconscious|down|to\s+the\s+(?:floor|ground))\b", "describes being attacked or threatened",
         "threat smash broke hit crack tie tied beat knock", check_subject=True,
         skip_if=r"\b(?:hug\w*|playful\w*|jok\w*|game|boxing|match|sparring|wave)\b"),
    rule(V, "urgent", r"\bthreat\w*\s+(?:to\s+)?(?:me|us|my\s+(?:life|family|kids))\b|\bthreat\w*"
         r"\s+to\s+(?:kill|hurt|hit|stab|shoot|burn|beat|strangle|choke|harm|break|take\s+(?:the|"
         r"my|our)\s+(?:kids|children|baby|son|daughter)|post|share|send|leak|ruin|destroy)",
         "describes being threatened", "threat",
         skip_if=r"\bto\s+the\s+(?:zoo|park|beach|cinema|pool|fair|shops|seaside)\b"),
    rule(V, "concern", r"\bthreat\w*\s+to\s+(?:leave|kick\s+me\s+out|throw\s+me\s+out|divorce|"
         r"call|tell|take\s+away|cut\s+me\s+off|kill\s+(?:him|her)self|hurt\s+(?:him|her)self)",
         "describes threats used to control", "threat"),
    rule(V, "urgent", rf"\b{_FEAR}\s+(?:to\s+death\s+|shitless\s+|stiff\s+|out\s+of\s+my\s+mind\s+)?"
         rf"(?:of|for)\s+(?:{PARTNER_OBJ}|my\s+(?:life|safety))\b(?!\s+"
         r"(?:\w+ing|finding|to\s+find|leav\w*)\b)|\bfear\s+for\s+my\s+(?:life|safety)\b",
         "says they are afraid of someone", "scared afraid terrified frightened fear petrified "
         "worried", concern_if=r"\b(?:a\s+bit|a\s+little|kind\s+of|kinda|sort\s+of|sometimes|"
         r"slightly|occasionally)\b", skip_if=r"\b(?:losing|lose|leaving|disappoint\w*)\b"),
    rule(V, "urgent", rf"\b{_FEAR}\s+(?:of\s+)?what\s+{PARTNER}\s*(?:'ll|'?s|'d|ll|will|is|might|would|"
         rf"could|may)?\s*(?:going\s+to|gonna|gna)?\s*do\b|\b(?:{_FEAR}|think|thinks|worry|fear)\s+"
         rf"(?:that\s+)?{PARTNER}\s*(?:'ll|'?s|'d|ll|will|is|might|would|could|may|is\s+going\s+to|'s"
         r"\s+going\s+to|'s\s+gonna|is\s+gonna|gonna|going\s+to)?\s*(?:really\s+|actually\s+|"
         r"eventually\s+)?(?:going\s+to\s+|gonna\s+)?(?:kill|hurt|hit|beat|strangle|choke|snap|"
         r"lose\s+it|do\s+something|come\s+after|find\s+me|find\s+out\s+where\s+i|track\s+me\s+down|"
         r"attack)\b",
         "says they fear what someone will do", "scared afraid terrified frightened fear petrified "
         "worried think worry", skip_if=r"\b(?:feelings|heart|leave\s+me)\b"),
    rule(V, "urgent", r"\b(?:don'?t|dont|do\s+not|never|no\s+longer|doesn'?t)\s+feel\s+safe\s+"
         r"(?:at\s+home|with\s+(?:him|her|them|my)|around\s+(?:him|her|them|my)|in\s+my\s+(?:own\s+)?"
         r"(?:home|house|flat|apartment)|going\s+home)\b|\b(?:not|un)safe\s+(?:at\s+home|with\s+"
         r"(?:him|her)|around\s+(?:him|her)|going\s+home|in\s+my\s+(?:own\s+)?(?:home|house))\b|"
         rf"\b{_FEAR}\s+to\s+go\s+(?:back\s+)?(?:home|to\s+(?:the|our|my)\s+(?:house|flat|apartment|place))"
         rf"\b|\b{_FEAR}\s+(?:to\s+be|of\s+being)\s+(?:alone|home|"
         r"in\s+the\s+(?:house|room|car))\s+with\s+(?:him|her|them|my)\b|\bscared\s+for\s+my\s+life\b",
         "says they do not feel safe at home", "safe unsafe home life alone scared afraid "
         "terrified frightened fearful petrified worried", negatable=False,
         concern_if=r"\b(?:a\s+bit|a\s+little|kind\s+of|kinda|sometimes|slightly|occasionally)\b"),
    rule(V, "concern", rf"\b{_FEAR}\s+(?:of\s+)?(?:how\s+(?:angry|mad|violent|aggressive|drunk|"
         rf"jealous)\s+{PARTNER}|how\s+{PARTNER}\s+(?:reacts|gets|acts|behaves)|(?:his|her|their)\s+(?:temper|"
         r"anger|rage|reaction|moods?)|setting\s+(?:him|her|them)\s+off|making\s+(?:him|her|them)\s+(?:angry|"
         r"mad))\b",
         "says they are afraid of someone's anger", "scared afraid terrified frightened fear "
         "petrified worried", urgent_if=r"\b(?:hurt|kill|hit|safe|life)\b"),
    rule(V, "concern", rf"\b{_FEAR}\s+(?:when|whenever|every\s+time)\s+{PARTNER}\s*(?:'s|is|gets|"
         r"has|starts|comes)?\s*(?:been\s+|home\s+)?(?:drink\w*|drunk|angry|mad|home|like\s+this|"
         r"in\s+(?:a|one\s+of\s+his|one\s+of\s+her)\s+moods?|high|raging|jealous)",
         "says they are afraid when someone drinks or rages", "scared afraid terrified frightened "
         "fear petrified worried"),
    rule(V, "concern", r"\b(?:tracker|tracking\s+(?:app|device)|gps|air\s?tag|spyware|hidden\s+camera)s?"
         r"\s+(?:on|in|to)\s+my\b|\b(?:know|knowing|tell\s+(?:him|her|them))\s+where\s+i\s+am\s+"
         r"(?:at\s+all\s+times|all\s+the\s+time|every\s+\w+|24/7)|\bdelet\w*\s+(?:all\s+(?:of\s+)?)?"
         r"my\s+(?:friends|contacts|numbers|social|accounts?|apps?)\b|\b(?:blocks?|stops?|prevents?|keeps?)\s+"
         r"me\s+from\s+(?:going|seeing|sleeping|leaving|working|talking|calling|getting|eating)\b|"
         r"\b(?:screams|yells|shouts|rages)\s+at\s+me\s+(?:for\s+hours|until|every|all\s+the\s+time|"
         r"constantly)", "describes being watched or controlled", "track gps air_tag airtag "
         "spyware camera where_i_am delet hand_over handing_over from_going from_seeing "
         "from_sleeping from_leaving from_working from_talking from_calling from_getting "
         "from_eating screams yells shouts rages", check_subject=True,
         skip_if=r"\b(?:i\s+(?:like|love|don'?t\s+mind)\s+(?:it|that)|we\s+(?:both\s+)?agreed|"
         r"i\s+asked\s+(?:him|her|them)|no\s+secrets|find\s+my\s+phone|lost)\b"),
    rule(V, "concern", r"\b(?:hand|handing|give|giving|turn|turning)\s+over\s+my\s+(?:phone|money|"
         r"wages|cards?|passwords?|pay|salary|keys)\b", "describes having to hand things over",
         "hand_over handing_over give_over giving_over turn_over turning_over",
         needs=r"\b(?:have\s+to|has\s+to|had\s+to|makes?\s+me|made\s+me|forc\w*|demands?|every\s+"
         r"(?:night|day|time))\b"),
    rule(V, "concern", r"\b(?:won'?t|wont|doesn'?t|doesnt|refuses\s+to|never)\s+(?:give|let)\s+me\s+"
         r"(?:access|any\s+money|money|my\s+own\s+money|the\s+password|a\s+key|my\s+(?:wages|pay|card))"
         r"|\baccount\s+for\s+(?:every|all)\s+(?:minute|hour|penny|pound|dollar|cent|euro)|\bmakes?\s+"
         r"me\s+(?:ask|explain|justify|report)\s+(?:for\s+)?(?:every|everything|where|all)|\bprisoner\s+"
         r"in\s+my\s+(?:own\s+)?(?:home|house|flat)|\bout\s+of\s+(?:his|her|their)\s+sight\b",
         "describes control over money, time or movement", "give_me let_me account_for make_me "
         "makes_me prisoner sight", check_subject=True, negatable=False),
    rule(V, "concern", rf"\b{_FEAR}\s+to\s+(?:say|speak|talk|disagree|say\s+no|open\s+my\s+mouth|"
         r"breathe|move|ask)\b", "says they are afraid to speak up", "scared afraid terrified "
         "frightened petrified", needs=r"\b(?:angry|anger|temper|rage|explode\w*|snaps?|yell\w*|"
         r"scream\w*|hit\w*|violent|mad)\b"),
    rule(V, "concern", r"\bmakes?\s+me\s+(?:show|give|hand)\s+(?:him|her|them)\s+(?:\w+\s+)?my\s+(?:phone|"
         r"messages|texts|bank|receipts|wages|pay|passwords?)|\binterrogat\w*\s+me\b|\bquestion\w*\s+"
         r"me\s+(?:for\s+hours|about\s+(?:where|who|every))|\b(?:have|need)\s+to\s+ask\s+(?:him|her|"
         r"them|permission|my\s+\w+)\s+(?:before|if|whether)\s+i\s+(?:can\s+)?(?:buy|spend|go|see|leave|"
         r"eat|wear|use|talk|call)", "describes being questioned or needing permission",
         "make_me makes_me interrogat question have_to_ask need_to_ask",
         skip_if=r"\b(?:boss|manager|teacher|work|school|parents?|mum|mom|dad)\b"),
    rule(V, "urgent", r"\b(?:drove|drives|driving|swerved|aimed\s+the\s+car)\s+(?:the\s+car\s+|his\s+car\s+|"
         r"her\s+car\s+)?(?:at|towards?)\s+me\b|\b(?:tried|try|trying)\s+to\s+run\s+me\s+(?:over|down)\b|"
         r"\bran\s+me\s+(?:over|off\s+the\s+road)\b", "describes being targeted with a car",
         "drove drives driving swerved aimed run_me ran_me", check_subject=True),
    rule(V, "concern", r"\b(?:nervous|on\s+edge|jumpy|anxious|tense|uneasy)\s+around\s+(?:him|her|them|my\s+"
         r"\w+)\s+(?:all\s+the\s+time|constantly|always|every\s+day)|\bnever\s+know\s+what\s+(?:mood|"
         r"version|state)\s+(?:of\s+(?:him|her)\s+)?(?:he|she|they|i'?ll\s+get)|\b(?:put|installed|added|"
         r"hid)\s+(?:an?\s+)?(?:app|tracker|software|something|spyware)\s+(?:on|in)\s+my\s+(?:phone|car|"
         r"laptop|bag)|\bso\s+(?:he|she|they)\s+(?:always\s+)?(?:knows|can\s+see|can\s+track|can\s+read)"
         r"\s+(?:where|what|who)\s+i\b", "describes feeling watched or on edge",
         "nervous on_edge jumpy anxious tense uneasy never put installed added hid so_he so_she "
         "so_they", skip_if=r"\b(?:it\s+was\s+my\s+idea|we\s+(?:both|agreed|share)|for\s+safety|"
         r"i\s+asked)\b"),
    rule(V, "urgent", r"\b(?:put|puts|putting|laid|lays|laying|lay)\s+(?:a|his|her|their)\s+(?:hands?|"
         r"finger)\s+on\s+me\b|\bslam\w*\s+(?:the\s+)?(?:car\s+)?(?:door|drawer|window|lid)\s+on\s+my\s+"
         r"(?:hand|fingers?|arm|leg|foot|head)\b", "describes being physically hurt",
         "put puts putting laid lays laying lay slam", check_subject=True),
    rule(V, "concern", r"\b(?:he'?s|she'?s|he\s+is|she\s+is|(?:partner|husband|wife|boyfriend|"
         r"girlfriend|bf|gf)\s+is)\s+(?:\w+\s+)?(?:violent|dangerous|abusive)\b|\bno\s+access\s+to\s+"
         r"(?:any\s+)?(?:money|my\s+(?:own\s+)?(?:money|bank|account|wages|pay)|the\s+(?:bank|account|"
         r"money))|\bmoney\s+of\s+my\s+own\b|\b(?:tells|told)\s+me\s+(?:that\s+)?i'?m\s+(?:imagining|"
         r"crazy|making\s+(?:it|things)\s+up|insane|remembering\s+(?:it\s+)?wrong)|\btells\s+me\s+i\s+"
         r"imagine\s+things|\bmakes\s+me\s+(?:feel\s+like\s+i'?m|think\s+i'?m)\s+(?:going\s+)?(?:crazy|"
         r"insane|mad)|\b(?:watches|watching|monitors|spies\s+on)\s+me\s+(?:through|on|via|with)\s+(?:the\s+)?"
         r"(?:cameras?|app|phone|doorbell)", "describes abuse, control or being watched",
         "he's she's he_is she_is is no_access money_of tells told makes watches watching "
         "monitors spies", urgent_if=r"\b(?:scared|afraid|terrified|frightened|hurt|hit)\b",
         skip_if=r"\b(?:dog|cat|game|film|movie|character|show)\b"),
    rule(V, "concern", r"\b(?:yells|screams|shouts|explodes|rages|freaks\s+out|goes\s+off)\s+(?:at\s+me\s+)?"
         r"(?:if|when|whenever|every\s+time)\s+i\s+(?:buy|spend|talk|see|go|text|call|wear|leave|am\s+late|"
         r"'m\s+late)|\b(?:makes?|made|forces?|forced)\s+me\s+(?:to\s+)?(?:check\s+in|report\s+in|call\s+"
         r"(?:him|her|them)|text\s+(?:him|her|them)|send\s+(?:him|her|them)\s+(?:a\s+)?(?:photo|picture|pic|"
         r"location))|\b(?:made|makes|forced|forces|pressured)\s+me\s+(?:to\s+)?(?:quit|leave|give\s+up)\s+"
         r"my\s+(?:job|work|studies|course|friends|degree)", "describes controlling rules",
         "yells screams shouts explodes rages freaks goes_off makes_me made_me forces forced "
         "pressured",
         check_subject=True),
    rule(V, "urgent", r"\b(?:i'?m|i\s+am|im)\s+in\s+(?:danger|serious\s+danger)\b(?!\s+of\s+(?:failing|"
         r"losing|missing|being\s+late))", "says they are in danger", "danger"),
    rule(V, "concern", r"\b(?:won'?t|wont|refuses\s+to|doesn'?t|doesnt)\s+give\s+(?:it|them|my\s+\w+)\s+back\b|"
         r"\b(?:tells|told|says|said)\s+(?:me\s+)?(?:that\s+)?(?:my\s+(?:friends|family)\s+(?:hate|don'?t\s+(?:like|"
         r"care\s+about))\s+me|(?:nobody|no\s+one)\s+(?:else\s+)?(?:would|will|could)\s+(?:ever\s+)?(?:want|love)"
         r"\s+me|(?:nobody|no\s+one)\s+(?:else\s+)?(?:would|will|could)\s+(?:ever\s+)?have\s+me|i'?m\s+(?:useless|"
         r"worthless|stupid|nothing|pathetic|a\s+failure))|\bnothing\s+without\s+(?:him|her)\b|\bif\s+i\s+(?:don'?t|dont|do\s+not)\s+(?:answer|reply|"
         r"pick\s+up|text\s+back|call\s+back)\b", "describes being isolated or kept on a leash",
         "won't wont refuses doesn't doesnt tells told says said nothing if_i", needs=_PARTNER_WORD,
         skip_if=r"\b(?:library|book|borrowed|lent|loan|joke|jok\w*)\b"),
    rule(V, "concern", r"\bwalk\w*\s+on\s+egg\s?shells\b", "describes walking on eggshells", "egg"),
    rule(V, "urgent", rf"\b{PARTNER}\s*(?:'s|\s+is)\s+(?:going\s+to|gonna)\s+(?:kill|hurt|murder)\s+me\b",
         "says someone is going to kill them", "he's she's he_is she_is is_going is_gonna",
         needs=r"\b(?:i\s+know|i\s+swear|for\s+real|one\s+day|this\s+time|i'?m\s+sure|seriously|"
         r"actually|really|scared|afraid|terrified)\b",
         skip_if=r"\b(?:lol|haha|lmao|jok\w*|if\s+i'?m\s+late|when\s+(?:he|she)\s+(?:sees|finds)|"
         r"grades|bill|mess)\b"),
    rule(V, "concern", r"\b(?:scares|frightens|intimidates|"
         r"terrifies)\s+me\b|\b(?:gets|is|can\s+be|becomes|get)\s+(?:\w+\s+)?(?:scary|"
         r"frightening|violent|aggressive)\b|\bto\s+(?:scare|frighten|intimidate)\s+me\b|"
         r"\bset\s+(?:him|her|them)\s+off\b|\bin\s+my\s+face\b(?=.*\b(?:scar|yell|scream|argu|"
         r"fight)\w*)", "describes feeling intimidated", "egg scar fright intimid terrif violent "
         "aggress set face", needs=_PARTNER_WORD + r"|\b(?:argu\w*|fight\w*|angry|mad)\b",
         skip_if=r"\b(?:movie|film|horror|spider|heights|dentist|clown)\b"),
    rule(V, "concern", r"\b(?:punch\w*|kick\w*|smash\w*|hit\w*)\s+(?:the|a|holes?\s+in\s+the)\s+"
         r"(?:wall|walls|door|doors|hole|table|window|mirror|tv|telly|television|plates?|glass(?:es)?|"
         r"furniture|chairs?|laptop|mugs?|cups?)|\b(?:punch\w*|smash\w*|breaks?|"
         r"broke|throw\w*|threw)\s+(?:things|stuff|plates|my\s+(?:stuff|things|phone|belongings|possessions|"
         r"laptop|guitar|car))\b|\bpunch"
         r"\w*\s+(?:walls|things)\b", "describes violence toward things", "punch kick smash hit "
         "break broke throw threw", needs=_PARTNER_WORD, check_subject=True,
         urgent_if=r"\b(?:next\s+to|near|beside|by)\s+my\s+(?:face|head)\b"),
)
