"""Rule type and shared context cues (negation, tense, humour, media) for the safety detector.

Written for Nearer, MIT. The cue lists are our own; the approach of pairing trigger patterns with
negation scope follows NegEx (Chapman et al. 2001, J Biomed Inform 34(5)) in spirit: a trigger
counts only when no negation cue sits in the few words just before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

Level = str  # "none" | "concern" | "urgent"
_FLAGS = re.IGNORECASE


@dataclass(frozen=True)
class Rule:
    kind: str  # "self_harm" | "violence"
    level: Level  # level when the rule fires in the present tense
    pattern: re.Pattern[str]
    reason: str
    keys: tuple[str, ...]  # lower-case substrings; the regex runs only if one is present
    negatable: bool = True  # False when the pattern already contains its own negation
    hyperbole: bool = False  # a joking tone ("lol") cancels it ...
    joke_level: Level = "none"  # ... or lowers it to this, for words too grave to wave away
    needs: re.Pattern[str] | None = None  # must also occur in the same sentence
    urgent_if: re.Pattern[str] | None = None  # raises a "concern" rule to "urgent"
    concern_if: re.Pattern[str] | None = None  # lowers an "urgent" rule to "concern"
    skip_if: re.Pattern[str] | None = None  # sentence cues that make it something else
    # Cues ending right before the match in its clause that make it something else: a thing as
    # the one about to die ("my phone's about to die") is not the writer.
    skip_before: re.Pattern[str] | None = None
    check_subject: bool = False  # the doer must be a person other than the writer
    # Must occur within a short window either side, across sentence breaks: "im so done. gonna do
    # it this weekend" is a plan only because of the sentence before it.
    window_needs: re.Pattern[str] | None = None


def rule(
    kind: str, level: Level, pattern: str, reason: str, keys: str, **opts: object
) -> Rule:
    """Build a Rule; `keys` lists cheap pre-filter substrings, space-separated ("_" = a space)."""
    compiled = {
        k: re.compile(v, _FLAGS) if isinstance(v, str) else v
        for k, v in opts.items()
        if k in ("needs", "urgent_if", "concern_if", "skip_if", "skip_before", "window_needs")
    }
    flags = {k: v for k, v in opts.items() if k not in compiled}
    return Rule(
        kind, level, re.compile(pattern, _FLAGS), reason, tuple(k.replace("_", " ") for k in keys.split()),
        **compiled, **flags,  # type: ignore[arg-type]
    )


# Who may be the other person in a relationship sentence.
PARTNER = (
    r"(?:he|she|they|him|her|them|my\s+(?:partner|husband|hubby|wife|wifey|bf|gf|boyfriend|"
    r"girlfriend|fianc[eé]e?|ex|spouse|man|dad|father|mum|mom|mother|stepdad|stepfather|brother|"
    r"son|daughter))"
)
PARTNER_OBJ = (
    r"(?:him|her|them|my\s+(?:partner|husband|hubby|wife|bf|gf|boyfriend|girlfriend|fianc[eé]e?|"
    r"ex|spouse|dad|father|mum|mom|mother|stepdad|boss))"
)

# Negation cue followed only by "bridge" words up to the trigger: "I'm not going to ___",
# "I would never ___", "no plans to ___". Anything else in between breaks the scope
# ("I can't stop thinking about ___" stays positive).
_BRIDGE = (
    r"(?:going|gonna|to|want|wanna|ever|be|planning|plan|plans|thinking|about|of|would|really|"
    r"actually|trying|try|intend|intending|intention|do|feel|like|i|am|im|that|so|any|have|"
    r"urge|urges|at|all|even|a|the|ideas?|thoughts?|wish|wishing|gon|afraid|scared|terrified|"
    r"frightened|he|she|they|has|had|did|does|will|could|can|think|believe|he'd|she'd|he'll|she'll)"
)
NEGATED_TAIL = re.compile(
    r"(?:\bnot|\bnever|n't|\b(?:dont|wont|wouldnt|isnt|doesnt|didnt|cant|couldnt|shouldnt|aint|"
    r"havent|hasnt|wasnt|nor|no|nobody|noone)|\bno\s+one|\bnobody'?s)\b"
    rf"(?:\s+{_BRIDGE}\b)*[\s,]*$",
    _FLAGS,
)

PAST = re.compile(
    r"\b(?:used\s+to|years?\s+ago|as\s+a\s+(?:teen|teenager|kid|child|student)|when\s+i\s+was\s+"
    r"(?:a\s+|younger|little|in\s+(?:school|college|high\s+school)|\d)|back\s+then|back\s+in|"
    r"in\s+the\s+past|last\s+year|growing\s+up|my\s+old\b|when\s+we\s+first\s+met|in\s+my\s+(?:teens|twenties|20s)|"
    r"at\s+(?:uni|university|school)|once\s+(?:last|years|a\s+long)|long\s+time\s+ago)",
    _FLAGS,
)
RESOLVED = re.compile(
    r"\b(?:(?:i'?m|i\s+am|im|we'?re|feel)\s+(?:\w+\s+)?(?:safe|okay|ok|fine|happy|healthy|better|"
    r"doing\s+(?:really\s+|so\s+)?(?:well|good|great|better)|in\s+a\s+(?:good|better)\s+place)"
    r"\s*(?:now|these\s+days|today)?\b|got\s+out|left\s+(?:him|her|them)|proud\s+of|healed|"
    r"recovered|in\s+recovery|(?:\d+|many|several|ten|five|two|three)\s+(?:years?|months?)\s+"
    r"(?:clean|free|since)|haven'?t\s+(?:cut|self\s*harmed|hurt\s+myself)\s+(?:in|for|since)|"
    r"therapy\s+(?:really\s+)?helped|(?:grateful|glad|thankful|happy)\s+(?:to\s+be|i'?m)\s+alive|"
    r"long\s+behind\s+me|behind\s+me\s+now|been\s+healthy|(?:they'?re|it'?s|are|is|those\s+are)\s+"
    r"(?:all\s+)?gone\s+now|now\s+(?:he'?s|she'?s|we'?re|they'?re)\s+(?:my\s+best|so\s+happy|happy|"
    r"great|safe|kind|gentle)|(?:therapy|meds|medication|treatment|counsell?ing|support)\s+(?:\w+\s+){0,3}?"
    r"(?:helped|changed\s+my\s+life|saved\s+(?:me|my\s+life))|(?:wonderful|good|great|happy|beautiful|lovely)\s+life|i'?m\s+\d+\s+now|now\s+i'?m\s+\d+|"
    r"(?:love|enjoy)\s+(?:my\s+life|being\s+alive|life)|my\s+new\s+(?:partner|boyfriend|girlfriend|"
    r"husband|wife|bf|gf)|trusts\s+me|"
    r"doing\s+(?:really\s+|so\s+)?well)",
    _FLAGS,
)
HUMOUR = re.compile(
    r"(?:\b(?:lol+|lmao+|lmfao+|haha\w*|hehe\w*|rofl|jk|jking|just\s+kidding|kidding|jokes?|xd+)\b|"
    r"[😂🤣💀😅😆😹🙃])",
    _FLAGS,
)
EARNEST = re.compile(
    r"\b(?:no\s+joke|not\s+(?:even\s+)?(?:joking|kidding)|for\s+real|fr|seriously|i\s+mean\s+it|"
    r"i'?m\s+serious|being\s+serious|istg)\b",
    _FLAGS,
)
MEDIA = re.compile(
    r"\b(?:film|movie|book|novel|series|episode|character|documentary|podcast|article|news|"
    r"villain|scene|lyrics?|song|chapter|plot|video\s*game|trailer|doc|true\s+crime|anime|manga|comic|musical|"
    r"headline|tv\s+show|netflix|the\s+show|that\s+show|this\s+show|game\s+where)\b",
    _FLAGS,
)
SELF_REF = re.compile(r"\bmy\s?self\b|\bmy\s+(?:own\s+)?life\b|\bkms\b", _FLAGS)
SOFTENER = re.compile(
    r"\b(?:a\s+bit|a\s+little|kind\s+of|kinda|sort\s+of|sometimes|slightly|occasionally)\b",
    _FLAGS,
)
# Embarrassment turns "I wanted to die" / "I want to disappear" into hyperbole.
EMBARRASSED = re.compile(
    r"\b(?:embarrass\w*|awkward|cringe\w*|mortif\w*|humiliat\w*|tripped|on\s+stage|in\s+front\s+"
    r"of\s+(?:everyone|\d+|the\s+(?:whole|entire))|so\s+bad\s+at|blush\w*|to\s+the\s+(?:whole|"
    r"entire|wrong)\s+\w+|everyone\s+saw|reply\s+all|wrong\s+(?:person|chat|group))\b",
    _FLAGS,
)
# A passive wish next to a plan or the means is no longer passive.
SELF_HARM_ESCALATE = re.compile(
    r"\b(?:(?:started\s+)?planning\s+(?:it|how|my)|my\s+plan|i\s+have\s+a\s+plan|took\s+(?:everything|all\s+"
    r"(?:of\s+)?(?:my|the|them))|(?:have|got)\s+(?:the|enough)\s+(?:pills|rope|means|tablets)|wrote\s+(?:a|my)\s+"
    r"(?:note|letter)|tonight\s+i'?m|i'?m\s+doing\s+it|(?:have|got)\s+(?:a\s+(?:bottle|box|pack)\s+of|all\s+my|"
    r"my)\s+(?:pills|tablets|meds|razors?|blades?)\s+(?:here|ready|with\s+me|next\s+to\s+me|in\s+front)|took\s+"
    r"(?:a\s+lot|loads|too\s+many|so\s+many|them\s+all)|(?:got|have)\s+(?:it\s+)?(?:all|everything)\s+"
    r"(?:sorted|planned|arranged|ready)|(?:it'?s|everything\s+is)\s+(?:all\s+)?(?:sorted|planned|arranged))\b",
    _FLAGS,
)
REPORTED_QUESTION = re.compile(r"\basked\s+(?:me\s+)?(?:if|whether)\b", _FLAGS)

# Words that, as the doer, make "X hit me" something other than violence by a person.
NONPERSON = frozenset(
    "it that this what which reality news song truth realisation realization thought wave car "
    "bus truck ball door cat dog puppy kitten baby mosquito bee wasp spider horse game team "
    "opponent weather heat cold flu grief sadness memory everything something nothing music "
    "movie film book show line scene ending kid kids son daughter toddler child children nephew "
    "niece grandson granddaughter boss teacher manager colleague coworker coach doctor nurse "
    "dentist i we i've ive i'm im i'd i'll myself".split()
)
SOFT_DOER = frozenset(
    "accidentally playfully jokingly gently lightly accidently".split()
)
ADVERBS = frozenset(
    "just really then also literally actually always never even finally again constantly "
    "sometimes basically still once suddenly kinda kind of totally physically hard".split()
)
