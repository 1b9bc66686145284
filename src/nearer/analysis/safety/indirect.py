"""Violence and coercive control told indirectly: hidden injuries, near misses, fear, rules, threats.

Written for Nearer, MIT (our own patterns and wording). People rarely write "he is abusive"; they
write what they do to stay safe (covering bruises, sleeping with their shoes by the bed) and the
rules they live under. Families follow Stark (2007), Coercive Control (monitoring, isolation,
micro-regulation, financial control), and the Danger Assessment (Campbell et al. 2003, Am J
Public Health 93(7)) on weapons, threats and fear as warning signs.
"""

from __future__ import annotations

from nearer.analysis.safety.rules import Rule, rule

V = "violence"
_WHO = r"\b(?:he|she|him|her|his|husband|wife|partner|bf|gf|boyfriend|girlfriend|fianc\w*|they)\b"
_PLAY = r"\b(?:lol|haha\w*|lmao|prank\w*|jok\w*|game|match|playing|play\s*fight\w*|tickl\w*)\b"
_SPORT = r"\b(?:netball|football|rugby|hockey|gym|training|match|fell\s+off|bike|climbing|game)\b"

INDIRECT_RULES: tuple[Rule, ...] = (
    # Hiding what was done, and the cover story.
    rule(V, "urgent", r"\b(?:hide|hid|hiding|hides|cover\w*|conceal\w*)\s+(?:up\s+)?(?:the\s+|my\s+|"
         r"all\s+the\s+)?(?:bruis\w*|marks|black\s+eyes?|welts|finger\s*marks|handprints?)\b|"
         r"\b(?:bruis\w*|marks|black\s+eye|finger\s*marks)\s+(?:are|is|were|was)\s+from\s+(?:him|her|"
         r"them|my\s+\w+)\b|\b(?:tell|told|telling|say|said)\s+(?:everyone|people|them|the\s+"
         r"(?:doctor|nurse|gp|teacher)|my\s+\w+|work)\s+(?:that\s+)?i(?:'m|\s+am|\s+was)?\s+(?:fell|"
         r"clumsy|walked\s+into|tripped|slipped|bumped)\b|\bi\s+didn'?t\s+(?:fall|trip|slip|walk\s+into)",
         "describes hiding injuries or covering for someone", "hide hid hiding hides cover conceal "
         "bruis marks black finger fell clumsy walked tripped slipped bumped fall trip slip walk", negatable=False,
         skip_if=rf"{_SPORT}|\b(?:acne|spots|tattoo|scars?|eczema|birthmark|stretch\s+marks|"
         r"pen\s+marks|(?:a|the)\s+spot)\b"),
    rule(V, "urgent", r"\bwhere\s+(?:he|she|they)\s+(?:\w+\s+)?(?:twisted|grabbed|hit|punched|kicked|"
         r"bit|squeezed|held|pinned|pushed|shoved|slapped|choked|burned|burnt|threw|yanked|"
         r"dragged)\b|\b(?:he|she|they|my\s+\w+)\s+(?:\w+\s+)?(?:tripped|twisted|yanked|squeezed|"
         r"pinched|bent)\s+(?:me|my\s+(?:arm|wrist|hand|fingers?|neck|leg|ankle))\b",
         "describes being hurt", "where_he where_she where_they tripped twisted yanked squeezed "
         "pinched bent", check_subject=True, skip_if=rf"{_PLAY}|\b(?:baby|toddler|doctor|physio|nurse|dentist|"
         r"massage|ankle\s+on|cat|dog|puppy|kitten|hug\w*)\b"),
    # Near misses: things thrown or struck next to the writer.
    rule(V, "urgent", r"\b(?:next\s+to|near|past|beside|inches\s+from|centimetres\s+from|just\s+"
         r"(?:above|over))\s+my\s+(?:head|face)\b|\bwhere\s+my\s+(?:head|face)\s+(?:was|had\s+been|"
         r"just\s+was)\b|\bjust\s+missed\s+(?:me|my\s+(?:head|face))\b",
         "describes something thrown or struck close to them", "my_head my_face missed",
         needs=r"\b(?:threw|thrown|throws|throw|hurled|chucked|punch\w*|smash\w*|hole|swung|kicked|"
         r"slammed|hit)\b", skip_if=rf"{_PLAY}|\b(?:ball|frisbee|football|cricket|bird|wasp|bee|"
         r"seagull|branch|wind|kids?|toddler|son|daughter)\b"),
    # Staying safe: escape bags, locked doors, weapons shown, flinching, blocked exits.
    rule(V, "urgent", r"\bin\s+case\s+i\s+(?:have|need|had)\s+to\s+(?:run|leave\s+(?:fast|quickly|in\s+"
         r"a\s+hurry)|get\s+out|escape|flee)\b|\b(?:go|grab|escape)[\s-]bag\b|\bescape\s+plan\b",
         "describes being ready to flee", "in_case bag escape", negatable=False,
         skip_if=rf"{_PLAY}|\b(?:fire|flood|earthquake|hurricane|storm|baby|labou?r|contractions|"
         r"hospital|train|bus|flight|plane|meeting|class|late|rain|on\s+call|work)\b"),
    rule(V, "urgent", r"\block(?:ed)?\s+myself\s+in\s+(?:the\s+)?(?:bathroom|bedroom|room|car|toilet)\b|\bflinch\w*\b|"
         r"\b(?:stands?|stood|standing|blocks?|blocked|blocking)\s+(?:in\s+)?(?:the\s+)?(?:door(?:way)?|"
         r"exit|hallway|stairs)\b(?=.{0,40}\b(?:can'?t|couldn'?t|won'?t\s+let|so\s+i|trap\w*|leave)\b)",
         "describes fear or keeping safe from someone", "lock flinch stand "
         "stood standing block", negatable=False, needs=_WHO,
         skip_if=rf"{_PLAY}|\b(?:fire|flood|earthquake|hurricane|storm|baby|labou?r|contractions|"
         r"hospital|spider|wasp|dentist|needle|injection|ball|loud\s+noises?|fireworks)\b"),
    rule(V, "urgent", r"\b(?:gun|knife|knives|weapon|blade|machete|bat)\b",
         "describes a weapon used to frighten", "gun knife knives weapon blade machete bat",
         window_needs=r"\b(?:makes?\s+sure\s+i\s+(?:know|see)|reminds?\s+me|show(?:s|ed)?\s+me|"
         r"pointed|points|waved|waving|(?:just\s+)?smil\w*|sharpen\w*\s+(?:it|the\s+\w+)\s+(?:while|"
         r"and)|(?:put|puts|left|leaves)\s+(?:it|the\s+\w+)\s+(?:on|by|under)\s+(?:the\s+|my\s+)?"
         r"(?:table|pillow|bed))", needs=_WHO,
         skip_if=r"\b(?:cook\w*|chef|recipe|kitchen\s+knife\s+set|bread|butter|vegetables|chopp\w*|"
         r"cricket|baseball|film|movie|game|range|hunting|museum|shop)\b"),
    # Fear of the partner's reaction, and what they say will happen.
    rule(V, "urgent", r"\b(?:scared|afraid|terrified|frightened|dread\w*|worried)\s+(?:of\s+)?(?:what|how)"
         r"\s+(?:he|she|they)(?:'?ll|\s+will|'?d|\s+would|\s+might|\s+is\s+going\s+to|\s+will)\s+"
         r"(?:do|react|be\s+like)\b|\bdon'?t\s+know\s+what\s+(?:he|she|they)(?:'?ll|\s+will|'?d|\s+"
         r"would|\s+might)\s+do\s+(?:to\s+me|if|when)\b|\bnext\s+time\s+(?:it'?ll|it\s+will|will|you'?ll|"
         r"it'?s\s+going\s+to)\s+be\s+worse\b|\b(?:he|she)'?d\s+(?:\w+\s+){0,2}?(?:bury|kill|"
         r"strangle|drown|get\s+rid\s+of)\s+me\b",
         "says they fear what someone will do", "scared afraid terrified frightened dread worried "
         "know_what next_time bury kill strangle drown rid_of", negatable=False, skip_if=r"\b(?:lol|haha\w*|surprise|present|gift|"
         r"haircut|tattoo|spoiler|ending)\b"),
    rule(V, "concern", r"\b(?:no\s*one|nobody)\s+(?:would|will|is\s+going\s+to|'d)\s+(?:ever\s+)?"
         r"believe\s+(?:me|you)\b|\b(?:he|she|they)(?:'?d|\s+would|'?ll|\s+will)\s+(?:go\s+(?:mad|"
         r"crazy|mental|ballistic|nuts)|lose\s+(?:it|his\s+mind|her\s+mind)|kick\s+off|flip|explode)\b|"
         r"\bor\s+(?:he|she|they)\s+(?:loses?\s+it|goes\s+mad|kicks\s+off|flips|explodes|gets\s+"
         r"(?:angry|nasty|violent|mad))\b|\bhell\s+to\s+pay\b|\bwalk(?:ing)?\s+on\s+egg\s*shells\b",
         "describes fear of a partner's anger", "believe go_mad go_crazy go_mental go_ballistic "
         "go_nuts lose_it lose_his lose_her kick_off flip explode loses goes_mad kicks gets_angry "
         "gets_nasty gets_violent gets_mad hell_to egg",
         negatable=False, needs=_WHO,
         skip_if=r"\b(?:lol|haha\w*|😂|fish|caught|score|surprise|party|present|old\s+boss)\b"),
    # The writer threatening a particular person ("I will kill you if you leave").
    rule(V, "urgent", r"\b(?:i'?ll|ill|i\s+will|i'?m\s+(?:going\s+to|gonna)|im\s+(?:going\s+to|gonna)|"
         r"i\s+swear\s+(?:i'?ll|ill|i\s+will)|one\s+day\s+i(?:'?ll|\s+will))\s+"
         r"(?:(?!never\b|not\b|no\b)(?:really|actually|seriously|fucking|literally|just)\s+)?"
         r"(?:hurt|kill|hit|punch|stab|strangle|choke|beat|slap|shoot|smash|murder)\s+"
         r"(?:you|u|him|her|them)\b(?!\s+(?:up\b|back\b|with\s+kindness|to\s+it|there\b|home\b|"
         r"(?:at|in)\s+(?:chess|cards|fifa|the\s+game|mario)))|"
         r"\b(?:smash|kick|punch|cave)\s+your\s+(?:\w+\s+)?(?:face|head|teeth|skull)\s+in\b|"
         r"\bbreak\s+your\s+(?:neck|legs?|arms?|jaw|nose|face)\b",
         "mentions wanting to hurt someone",
         "hurt kill hit punch stab strangle choke beat slap shoot smash murder cave break_your",
         hyperbole=True, joke_level="none",
         skip_if=r"\b(?:game|fifa|chess|quiz|match|cards|darts|pool|cake|fries|chips|chocolate|"
         r"spoiler\w*|leftovers|film|movie|series|episode|lol|lmao|haha\w*|😂|🤣|jk)\b"),
    # Threats toward other people.
    rule(V, "urgent", r"\b(?:smash|bash|kick|punch|cave)\s+(?:his|her|their)\s+(?:\w+\s+)?(?:face|head|"
         r"teeth|skull)\s+in\b|\b(?:could|might|want\s+to|going\s+to|gonna|will|'ll)\s+(?:really\s+|"
         r"actually\s+|seriously\s+)?(?:hurt|kill|stab|attack)\s+(?:someone|somebody|anyone|people|"
         r"everyone)\b(?!\s+for\b)|\b(?:put|putting|slip\w*)\s+something\s+in\s+(?:his|her|their)\s+"
         r"(?:tea|coffee|drink|food|dinner|meal|wine|beer)\b|\b(?:i'?ll|i\s+will|gonna|going\s+to)\s+"
         r"(?:end|finish|bury)\s+(?:her|him|them)\b|\bwon'?t\s+see\s+it\s+coming\b|\bregret\s+the\s+"
         r"day\s+(?:he|she|they)\s+(?:was|were)\s+born\b|\b(?:he'?ll|she'?ll|he\s+will|she\s+will|"
         r"he'?s\s+going\s+to|she'?s\s+going\s+to)\s+(?:\w+\s+)?(?:stab|shoot|kill|strangle|hurt)\s+"
         r"(?:the\s+\w+|someone|somebody|that\s+\w+)", "mentions wanting to hurt someone",
         "smash bash kick punch cave someone somebody anyone people everyone something end_her "
         "end_him end_them finish_her finish_him finish_them bury_her bury_him bury_them "
         "see_it regret stab shoot kill strangle hurt",
         hyperbole=True, joke_level="none",
         skip_if=r"\b(?:game|fifa|chess|quiz|match|at\s+(?:tennis|cards|darts|pool)|cake|sugar|"
         r"honey|milk|sweetener|sleeping\s+pill|his\s+tea\s+to\s+help|surprise|party|film|movie|"
         r"series|for\s+a\s+(?:coffee|nap|pizza))\b",
         window_needs=r"\b(?:swear|serious|mean\s+it|means\s+it|not\s+joking|i\s+will|i'?ll|"
         r"istg|shaking|again|regret|make\s+(?:him|her)|hurts?\s+me|before\s+(?:he|she)|teach|"
         r"pay|upstairs|see\s+it\s+coming|tea|coffee|drink|food|born|so\s+angry|rage)\b"),
)
