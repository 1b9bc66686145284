"""Everyday-voice warning-sign families for the safety detector (written for Nearer, MIT).

Round 3: the plain, undramatic ways people mention danger. Self-harm: relief at not being around,
thoughts at the wheel or the platform edge, means gathered in secret, hurting oneself against walls,
not expecting to be here by a date, hoping for an accident, wanting out of life (warning signs as in
the US National Action Alliance / AFSP public guidance; the secrecy of acquiring means follows
Joiner 2005 on acquired capability). Violence: hypervigilance to a partner's arrival, isolation by
running down the victim's family, veiled warnings, weapons held during a row, and conditional
threats by the writer (Stark 2007 on coercive control; Campbell et al. 2003 on weapons and threats
to kill). Each family is a pattern over word forms and pronouns, not a copy of a sentence.
"""

from __future__ import annotations

from nearer.analysis.safety.rules import PARTNER, Rule, rule

S = "self_harm"
V = "violence"
_SUBJ = r"(?:he|she|they|my\s+(?:partner|husband|hubby|wife|bf|gf|boyfriend|girlfriend|fianc[eé]e?|ex))"
_NOT_AROUND = (
    r"(?:didn'?t\s+have\s+to\s+(?:be\s+(?:here|around|alive)|exist|wake\s+up)|(?:wasn'?t|weren'?t|"
    r"was\s+not|were\s+not)\s+(?:here|around|alive)|disappeared|vanished|was\s+gone|were\s+gone|"
    r"stopped\s+existing|didn'?t\s+exist)"
)
_FOR_GOOD = r"(?:\s+\w+){0,2}?\s+(?:any\s?more|for\s+good|forever|permanently|altogether|at\s+all)\b"
_MEANS = (
    r"(?:rope|noose|pills?|tablets?|paracetamol|painkillers?|sleeping\s+pills|meds|blades?|razors?|"
    r"charcoal|hose|ligature|insulin)"
)
_SECRET = (
    r"(?:haven'?t|have\s+not|didn'?t|not)\s+told\s+(?:anyone|anybody|a\s+soul|my\s+\w+)|"
    r"(?:nobody|no\s+one|no-one)\s+(?:knows|would\s+(?:ask|notice|know|question)|will\s+(?:ask|"
    r"notice|know))|without\s+(?:anyone|anybody)\s+(?:knowing|noticing|asking)|"
    r"(?:different|separate|several)\s+(?:shops|pharmacies|chemists|stores|supermarkets)|"
    r"so\s+(?:nobody|no\s+one)\s+would|hid(?:den|ing)?\s+(?:it|them)"
)
_DANGER_PLACE = (
    r"\b(?:edge|platform|bridge|cliff|balcony|roof|ledge|tracks?|train|traffic|wheel|steer\w*|"
    r"swerv\w*|motorway|highway|lorry|truck|oncoming|river|drop|bend|driving|drive)\b"
)

EVERYDAY_SELF_HARM: tuple[Rule, ...] = (
    rule(S, "concern",
         rf"\b(?:relief|easier|better|simpler|lighter|kinder|calmer|happier)\b.{{0,50}}?\bif\s+i\s+"
         rf"(?:just\s+|simply\s+)?(?:{_NOT_AROUND}{_FOR_GOOD}|died|(?:wasn'?t|weren'?t)\s+alive)",
         "says things would be easier without them", "relief easier better simpler lighter kinder "
         "calmer happier", negatable=False),
    rule(S, "concern",
         r"\b(?:think\w*|thought|imagin\w*|wonder\w*|picture\w*)\s+(?:about\s+)?how\s+(?:quick|easy|"
         r"simple|fast|quiet|peaceful|painless)\s+it\s+(?:would|'d|could|might)\s+be\b|"
         r"\b(?:think\w*|thought|imagin\w*|tempt\w*|urge\s+to)\s+(?:about\s+)?(?:just\s+)?not\s+"
         r"(?:turning|braking|stopping|steering|stepping\s+back|pulling\s+(?:in|over))\b"
         r"(?!\s+(?:up|in\s+(?:for|to)|off|on)\b)",
         "thinks about a quick end at a dangerous place", "think thought imagin wonder picture "
         "tempt urge", negatable=False, needs=_DANGER_PLACE),
    rule(S, "urgent", rf"\b{_MEANS}\b", "gathers the means in secret", "rope noose pill tablet "
         "paracetamol painkill sleeping meds blade razor charcoal hose ligature insulin",
         negatable=False, window_needs=rf"\b(?:{_SECRET})\b",
         skip_if=r"\b(?:climb\w*|camping|garden\w*|boat|tow\w*|swing|kids?|children|dog|cat|"
         r"prescri\w*|doctor|gp|pharmacist|surprise|present|gift|party)\b"),
    rule(S, "concern",
         r"\b(?:hit|hitting|bang|banging|banged|bash\w*|slam\w*|smash\w*)\s+my\s+head\s+"
         r"(?:against|on|into)\s+(?:the\s+|a\s+)?(?:wall|floor|door|table|desk|mirror)\b",
         "hurts themself against a wall or floor", "hit bang bash slam smash",
         needs=r"\b(?:started|keep|keeps|kept|again|on\s+purpose|until|till|when\s+(?:i|it)|bleed\w*|"
         r"bled|bruis\w*|to\s+(?:make|stop|feel))\b",
         skip_if=r"\b(?:like|brick|cupboard|shelf|bug|code|spreadsheet|trying\s+to)\b"),
    rule(S, "concern",
         r"\b(?:punch\w*|hit|hitting|smash\w*|bang\w*)\s+(?:the\s+|a\s+)?(?:wall|door|mirror|brick)s?"
         r"\s+(?:till|until|so\s+hard|over\s+and\s+over)\b.{0,30}?\b(?:knuckles|hands?|fists?|bled|"
         r"bleed\w*|split|broke|swell\w*|bruis\w*)\b|\bi\s+wanted\s+(?:it|myself)\s+to\s+(?:hurt|bleed|"
         r"sting)\b(?!\s+(?:him|her|them|his|their))",
         "hurts themself on purpose", "punch hit smash bang wanted", negatable=False),
    rule(S, "concern",
         r"\b(?:don'?t|dont|do\s+not|can'?t|cannot)\s+(?:see|picture|imagine)\s+(?:myself|me)\s+"
         r"(?:still\s+)?(?:being\s+(?:here|around|alive)|here|around|alive|making\s+it)\s+"
         r"(?:by|at|for|past|through|until|till|in|next)\b",
         "does not expect to be alive by a date", "see picture imagine", negatable=False,
         skip_if=r"\b(?:job|company|city|town|flat|apartment|country|team|school|uni|firm|role|"
         r"office|this\s+place|industry|career)\b"),
    rule(S, "concern",
         r"\b(?:hope|hopes|hoping|wish\w*|pray\w*)\s+(?:that\s+)?(?:the\s+|my\s+)?(?:plane|car|bus|"
         r"train|flight|lorry|truck|ferry)\s+(?:goes\s+down|crash\w*|hits?\s+me|would\s+crash)|"
         r"\b(?:hope|hopes|hoping|wish\w*|pray\w*)\s+(?:that\s+)?(?:i\s+(?:get|got)\s+(?:hit|run\s+"
         r"over|knocked\s+down)|something\s+(?:hits|kills)\s+me|(?:a|the)\s+(?:car|bus|truck|lorry)"
         r"\s+(?:hits|would\s+hit)\s+me)",
         "hopes for a fatal accident", "hope wish pray", negatable=False),
    rule(S, "concern",
         r"\bwant\w*\s+out\s+of\s+(?:my\s+life|life|this\s+life|existence|being\s+alive)\b|"
         r"\bgiv\w*\s+up\s+on\s+(?:\w+\s+){0,3}?(?:myself|life|living|being\s+alive|staying\s+"
         r"alive)\b(?!\s+(?:goals?|plans?|coach\w*|drawing|insurance))",
         "wants out of life or is giving up on themself", "want giv"),
)

EVERYDAY_VIOLENCE: tuple[Rule, ...] = (
    rule(V, "concern",
         r"\b(?:nervous|anxious|scared|afraid|tense|dread\w*|panic\w*|freeze|shak\w*|on\s+edge|"
         r"heart\s+(?:races|pounds|sinks)|stomach\s+(?:drops|knots))\b.{0,40}?\b(?:hear|heard|"
         r"see|saw)\s+(?:his|her|their)\s+(?:car|keys?|footsteps|steps|van|truck|bike|voice\s+"
         r"downstairs)\b|\b(?:guess|read|gauge|judge|work\s+out|figure\s+out)\w*\s+(?:his|her|"
         r"their)\s+mood\s+(?:from|by)\b",
         "watches for a partner's arrival or mood in fear", "nervous anxious scared afraid tense "
         "dread panic freeze shak on_edge heart stomach guess read gauge judge work figure",
         skip_if=r"\b(?:excited|surprise|can'?t\s+wait|birthday|love\s+it)\b"),
    rule(V, "concern",
         rf"\b{_SUBJ}\s+(?:\w+\s+)?(?:says|said|tells\s+me|told\s+me|reminds\s+me|keeps\s+saying)"
         r"\s+(?:that\s+)?(?:nobody|no\s+one|no-one)\s+(?:else\s+)?(?:would|will|could)\s+(?:ever\s+)?"
         r"(?:put\s+up\s+with|want|love|have|believe|stand)\s+me\b",
         "is told no one else would want them", "he she they my_", negatable=False),
    rule(V, "concern",
         r"\b(?:stopped|quit|gave\s+up)\s+"
         r"(?:calling|seeing|visiting|texting|talking\s+to)\s+(?:them|my\s+(?:family|friends|mum|mom|"
         r"dad|parents|sister|brother))\b",
         "is cut off from others by a partner's words", "stopped quit gave",
         window_needs=r"\b(?:he|she|they)\s+(?:says|said|tells|told|hates|doesn'?t\s+like|gets\s+"
         r"(?:angry|upset|jealous|funny))\b"),
    rule(V, "concern",
         rf"\b{_SUBJ}\s+(?:\w+\s+){{0,3}}?(?:said|saying|says|told\s+me|tells\s+me|warned\s+me)\s+"
         r"(?:that\s+)?i(?:\s+should|'d\s+better|\s+had\s+better|\s+better)\s+(?:be\s+careful|watch\s+(?:my|"
         r"what|myself|it)|think\s+(?:carefully|twice))",
         "is warned by a partner in a veiled threat", "said saying says told tells warned"),
    rule(V, "urgent",
         rf"\b{_SUBJ}\s+(?:\w+\s+){{0,2}}?(?:held|holding|holds|had|picked\s+up|grabbed|waved|waving|"
         r"brandish\w*|got\s+out|took\s+out|pulled\s+out)\s+(?:a|the|his|her|their|our)?\s*(?:kitchen\s+)?"
         r"(?:knife|knives|blade|bat|hammer|gun|scissors|machete|axe|screwdriver)\b",
         "had a weapon in hand during a conflict", "he she they my_",
         needs=r"\b(?:argu\w*|row|fight|fought|shout\w*|yell\w*|angry|rage|careful|warn\w*|threat\w*|"
         r"scream\w*|kill|screamed|at\s+me|towards?\s+me)\b",
         skip_if=r"\b(?:cook\w*|chopp\w*|carv\w*|dinner|garden\w*|diy|shelf|baseball|cricket)\b"),
    rule(V, "urgent",
         rf"\bi\s*(?:'ll|'d|will|would)\s+(?:honestly\s+|actually\s+|really\s+|literally\s+|"
         rf"seriously\s+|just\s+)?(?:kill|murder|stab|strangle|shoot|hurt|beat)\s+{PARTNER}\b",
         "threatens to harm someone", "i'll i'd i_will i_would ill",
         hyperbole=True,
         needs=r"\b(?:cheat\w*|leav\w*|left\s+me|mean\s+it|swear|seriously|serious|not\s+joking|"
         r"touch\w*|another\s+(?:man|woman|guy|girl)|someone\s+else|sees?\s+(?:him|her)\s+again)\b"),
)

EVERYDAY_RULES: tuple[Rule, ...] = EVERYDAY_SELF_HARM + EVERYDAY_VIOLENCE
