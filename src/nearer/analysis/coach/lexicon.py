"""Word families and regex building blocks for the message coach (written for Nearer, MIT).

Texting forms are first-class: you/u/ya, you're/youre/ur/your, dont/don't, its/it's, curly quotes.
"""

from __future__ import annotations

import re

MACROS: dict[str, str] = {
    "YOU": r"(?:you|u|ya|yu|ye)",  # "ye": Irish and northern English
    # "your"/"ur" used for "you're" is common in texts; rules that need care say so.
    "YOURE": r"(?:you\s*['’]?\s*re|you\s+are|u\s+r|u\s+are|youre|ur|your|yr|you\s*['’]\s*re)",
    "YOUBE": r"(?:you\s*['’]?\s*re|you\s+are|u\s+r|u\s+are|youre|ur|you\s+(?:can|could)\s+be|"
             r"(?:can|could)\s+(?:you|u)\s+be|"
             r"your(?=\s+(?:so|such|being|really|just|always|too|an?|the|very|totally|kinda|acting|"
             r"literally|actually|completely|honestly|getting|sometimes|such))|"
             r"(?:you|u)\s+(?:were|act|acted|acting|sound|seem|get|look)|are\s+(?:you|u)|r\s+u|"
             r"(?:you|u)(?:\s*['’]?\s*ve|\s+have)\s+(?:become|turned into|got(?:ten)?\s+so)|"
             r"(?:you\s*['’]?\s*re|you\s+are|youre|ur)\s+becoming)",
    "ADV": r"(?:literally|basically|seriously|honestly|just|pretty much|practically|almost|like|"
           r"really|genuinely|actually|still|even|ALWAYS)",
    "INT": r"(?:so+|such|really|just|being|always|very|too|the most|a|an|totally|completely|"
           r"incredibly|seriously|literally|actually|honestly|pretty|kind of|kinda|super|fucking|"
           r"f\*+ing|freaking|friggin|bloody|extremely|truly|utterly|absolutely|nothing but|acting|"
           r"getting|becoming|the|biggest|most|complete|total|absolute|selfish|lazy|little|big|"
           r"stupid|damn|effing|unbelievably|ridiculously|beyond|like|sometimes|often|again|deeply|"
           r"genuinely|thoroughly|properly|fundamentally|massively|seriously|plain|simply|downright)",
    "ITS": r"(?:it\s*['’]?\s*s|its|it\s+is|it\s+was|this\s+is|this\s+was|that\s*['’]?\s*s|thats|"
           r"that\s+is|that\s+was|it\s*['’]?\s*ll\s+be)",
    "DONT": r"(?:don\s*['’]?\s*t|dont|do\s+not|didn\s*['’]?\s*t|didnt|did\s+not|never)",
    "IM": r"(?:i\s*['’]?\s*m|im|i\s+am)",
    "ARE": r"(?:are|r)",
}

# Character and personality words: criticism (Gottman 1994, "you're so selfish").
TRAITS = (
    r"self[- ]?ish|lazy|inconsiderate|irresponsible|careless|thoughtless|cold|heartless|immature|"
    r"controlling|insensitive|clingy|needy|unreliable|childish|mean|rude|stubborn|"
    r"self[- ]?cent(?:er|re)d|self[- ]?absorbed|ungrateful|jealous|paranoid|manipulative|"
    r"narcissistic|toxic|cheap|greedy|arrogant|messy|sloppy|slob|liar|nag|mess|impossible|"
    r"exhausting|hopeless|incompetent|unbearable|negative|difficult|boring|annoying|spoil(?:ed|t)|"
    r"entitled|cruel|vain|fake|two[- ]faced|dishonest|untrustworthy|irrational|"
    r"emotionally unavailable|unavailable|closed off|control freak|workaholic|flaky|unbelievable|"
    r"hypocrite|hypocritical|disrespectful|unfair|ignorant|useless at|lousy|terrible|awful|horrible|"
    r"bad|worst|crap|shit|selfcentered|self centered|obsessed|judgmental|judgemental|bossy|nosy|"
    r"possessive|distant|unromantic|secretive|passive[- ]aggressive|a disappointment"
)

# Name-calling, disgust and belittling: contempt (Gottman 1994).
INSULTS = (
    r"stupid|dumb|pathetic|useless|worthless|disgusting|clueless|brainless|ridiculous|joke|loser|"
    r"idiot|moron|imbecile|baby|clown|embarrassment|embarrassing|disgrace|pitiful|laughable|"
    r"delusional|crazy|insane|psycho|nuts|mental|unhinged|fool|ass|asshole|a\*+hole|jerk|dick|"
    r"prick|bitch|b\*+ch|trash|garbage|failure|waste of space|waste of time|dense|thick|airhead|"
    r"dumbass|dumb ass|gross|repulsive|pig|cretin|muppet|creep|sad little|lunatic|nutcase|"
    r"spineless|weak|coward|child|toddler|pig|clueless|a waste|"
    # British, Irish and Australian name-calling
    r"eejit|numpty|plonker|twat|wanker|tosser|git|prat|pillock|dipstick|drongo|dingbat|halfwit|"
    r"dimwit|nitwit|knobhead|bellend|buffoon|dolt|doofus|simpleton|neanderthal|man[- ]?child"
)

# Feelings-invalidating states: dismissal (validation is the antidote; Gottman 1999).
OVERREACT = (
    r"over[- ]?react(?:ing)?|being (?:so |too |a bit |really |way |kinda |kind of )?(?:dramatic|"
    r"sensitive|emotional|hysterical|irrational|silly|ridiculous|paranoid|crazy|extra|petty|"
    r"oversensitive|touchy|a baby|childish|unreasonable)|too (?:sensitive|emotional|touchy)|"
    r"(?:so |way too |too )?(?:dramatic|oversensitive|hypersensitive|touchy|hysterical)|"
    r"(?:so |too |way too )sensitive(?! to)|"
    r"making (?:a|such a|this a|it a) (?:big |huge )?(?:deal|fuss|scene|drama|thing|mountain)|"
    r"making (?:this|it|everything) (?:into )?(?:a (?:big |huge )?(?:thing|deal)|bigger|worse)|"
    r"reading (?:way )?(?:too much |too far )?into|imagining (?:things|it)|"
    r"blowing (?:this|it|things|everything) (?:way )?out of proportion|exaggerating|"
    r"overthinking(?: (?:this|it|everything))?|making (?:way |far |a bit |)(?:too much|so much|a "
    r"lot|more) (?:of|out of) (?:this|it|that|nothing)|taking (?:this|it|things|everything) (?:way )?too "
    r"(?:seriously|personally|hard)"
)


def expand(pattern: str) -> re.Pattern[str]:
    """Replace <NAME> placeholders with MACROS and compile case-insensitively."""
    for name, value in MACROS.items():
        pattern = pattern.replace(f"<{name}>", value)
    return re.compile(pattern, re.IGNORECASE)
