"""The coach's rules: one regex per harsh pattern plus the context checks that must hold for it to fire.

Kinds follow Gottman's Four Horsemen (criticism, contempt, defensiveness, stonewalling; Gottman 1994,
Gottman & Silver 1999) plus blame (global absolutes and fault) and dismissal (invalidation).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from nearer.analysis.coach import context as cx
from nearer.analysis.coach.keys import Anchor, anchor_for, required_keys
from nearer.analysis.coach.lexicon import INSULTS, OVERREACT, TRAITS, expand

Check = Callable[[cx.Context, "re.Match[str]", int, int], bool]


@dataclass(frozen=True)
class Rule:
    kind: str
    rx: re.Pattern[str]
    checks: tuple[Check, ...] = ()
    why: str | None = None
    lower: re.Pattern[str] | None = None  # the same pattern, case-sensitive, for lower-cased text
    keys: tuple[str, ...] = ()  # the rule cannot match unless one of these is in the lower-cased text
    need: tuple[str, ...] = ()  # the same, derived from the pattern itself (coach_keys.py)
    anchor: Anchor | None = None  # where in the lower-cased text a match can first start


def not_negated(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    return not cx.negated_before(c.text, s)


def not_negated_near(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    """Negation right before a 'you are …' ("I don't think you're lazy"), not a clause away."""
    return not cx.negated_before(c.text, s, 2)


def not_warm(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    return not cx.clause_is_warm(c.text, s, e)


def aimed_at_partner(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    """An imperative to the partner, not "I need to calm down" or "let's relax"."""
    return not cx.first_person_before(c.text, s)


def about_their_feelings(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    return cx.talks_about_partner_feelings(c.text) and not cx.reassures(c.text)


def no_break_planned(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    return not cx.plans_to_return(c.text)


def not_reassuring(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    """'No big deal, I'll grab another one' reassures; 'it's not a big deal' about their hurt does not."""
    return not cx.reassures(c.text) and not re.search(r"\b(?:to me|for me|if (?:we|i|you want))\b",
                                                      c.text, re.I)


def not_playful(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    """Teasing wrapped in love or laughter ("you're ridiculous 😂 love you") is not contempt."""
    return not cx.is_playful(c.text)


def sour_context(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    rest = c.text[:s] + " " + c.text[e:]
    return cx.message_is_negative(rest) and not cx.reassures(rest)


def no_ownership(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    return not cx.takes_responsibility(c.text)


_PRAISE_AFTER_NEVER = re.compile(
    r"\s*(?:fail|cease|disappoint|let (?:me|us) down|judge|complain|hesitate|forget|lie|cheat|"
    r"give up|quit|miss|have to|need to|had to|needed to|mean|meant|intend|doubt|make me feel "
    r"(?:bad|small|stupid|silly|like a burden|judged|alone|unsafe)|hurt|yell|raise|bore|get boring|"
    r"stop (?:making|being|amaz|surpris|impress|caring|trying|supporting|showing)|know|"
    r"(?:a )?burden|boring|too much|annoying|in the way|a bother|rude|mean|selfish|wrong to|"
    r"leave me (?:out|hanging|alone|behind)|take me for granted|blame|criticis|criticiz|push|"
    r"rush|pressure|make fun)",
    re.I,
)


_PRAISE_AFTER_ALWAYS = re.compile(
    r"\s*(?:know (?:when|just|exactly|what|how)|understand me|get me\b|have my back|had my back|"
    r"cheer me up|come through|make time for me|find a way to (?:make me (?:laugh|smile)|cheer)|"
    r"make me (?:laugh|smile|feel (?:better|safe|loved|special)))",
    re.I,
)


def absolute_is_complaint(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    """'You never fail to…', 'you never have to…', 'you always make me smile' are not blame."""
    word = m.group("abs").lower()
    after = c.text[m.end("abs"):]
    if word == "never":
        # Warm words after "never" are what is missing ("you never make me feel good").
        return not _PRAISE_AFTER_NEVER.match(after)
    if word == "always" and _PRAISE_AFTER_ALWAYS.match(after):
        # "You always know when I need a cuppa" praises, unless a "but" turns it round.
        rest = c.text[e:cx.sentence_bounds(c.text, e)[1]]
        return bool(re.search(r"\b(?:but|except|apart from|other than|unless)\b", rest, re.I))
    return not cx.clause_is_warm(c.text, s, e)


def my_fault_defended(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    """'Not my fault' or 'so it's my fault?' defends; 'it's my fault, I'm sorry' takes responsibility."""
    if cx.negated_before(c.text, s):
        return True
    before = " ".join(cx.words_before(c.text, s, 4))
    if re.search(r"\b(?:so|now|how|how's|hows|oh|apparently)\b", before):
        return True
    return bool(re.match(r"[^.!\n]{0,25}\?", c.text[e:]))


def playful_shut_up(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    return not re.match(r"\s*(?:!{2,}|,?\s*(?:no way|omg|really|seriously\?)|[^.]{0,12}(?:😂|🤣|😍|🥳))",
                        c.text[e:], re.I)


def plain_question_back(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    """'How was your day? What about you?' is a question back, not a counter-attack."""
    before = " ".join(cx.words_before(c.text, s, 2))
    if re.search(r"\b(?:well|but|yeah|yea|and|ok|okay|oh|so)\b", before):
        return True
    after = c.text[e:]
    if re.match(r"\s*(?:[?.!]|$|,\s*(?:did|do|how|are|have|what|is|was|were|any)\b)", after):
        return bool(re.search(r"\b(?:never|always|either|too|ever|what about|your fault)\b",
                              after, re.I))
    return True


_NV = [not_negated]
_NW = [not_negated, not_warm]
RULES: list[Rule] = []


def make_rule(kind: str, pattern: str, *checks: Check, why: str | None = None,
              keys: tuple[str, ...] = ()) -> Rule:
    rx = expand(pattern)
    # Matching lower-cased text without IGNORECASE is about twice as fast in CPython's re.
    lower = re.compile(rx.pattern.replace("ALWAYS", "always"))
    return Rule(kind, rx, tuple(checks), why, lower, keys, required_keys(lower.pattern),
                anchor_for(lower.pattern))


def rule(kind: str, pattern: str, *checks: Check, why: str | None = None) -> None:
    RULES.append(make_rule(kind, pattern, *checks, why=why))


# --- blame: global absolutes and fault -------------------------------------------------------
rule("blame", r"\b(?P<hit><YOU>\s+(?:(?:can|could|will|would|do|did)\s+)?(?:<ADV>\s+)?(?P<abs>always|never|constantly|forever|continually|"
     r"ever since))\b", not_negated, absolute_is_complaint)
rule("blame", r"\b(?P<hit><YOURE>\s+(?:<ADV>\s+)?(?P<abs>always|never|constantly|forever))\b",
     not_negated, absolute_is_complaint)
rule("blame", r"\b(?:don'?t|dont|do not|can'?t|cant|won'?t|wont|didn'?t|didnt) <YOU> (?:ever|once)\b",
     not_warm)
rule("blame", r"\bevery (?:single )?(?:time|day|night|weekend|morning|evening) (?:<YOU>|with you|we|i)\b",
     *_NW)
rule("blame", r"\b<YOU> (?:\w+ed|forgot|left|did|made|lost|broke|spent|ate|took|went|missed|were|"
     r"was|got|came) [^.!?,]{0,30}\bagain\b", *_NW)
rule("blame", r"\ball (?:<YOU>|i) (?:ever )?(?:do|does|did) is\b", *_NW)
rule("blame", r"\b<YOU> (?:keep|kept|keeps) (?:on )?(?:\w+ing)\b", *_NW)
rule("blame", r"\bfor once\b")
rule("blame", r"\b(?:yet|once) again\b|\bas usual\b|\blike (?:you )?always(?: do)?\b|"
     r"\bhow many (?:more )?times\b|\b(?:for|like) the (?:hundredth|thousandth|millionth|"
     r"fiftieth|tenth|\d+(?:th|st|nd|rd)) time\b|\bagain\?!|\bagain!{2,}", not_warm)
rule("blame", r"\b(?:your|ur|yr|you'?re|youre)\s+fault\b", not_negated)
rule("blame", r"\b(?:because|bc|cuz|coz|cos|'?cause) of (?:you|u)\b|\bthanks to (?:you|u)\b(?=.{0,60}"
     r"(?:late|lost|ruin|missed|mess|broke|fight|argu|trouble|stuck|can'?t|cant|no\b|not))|"
     r"\b(?:late|lost|stuck|broke|skint|in a mess)\b[^.!?]{0,40}\bthanks to (?:you|u)\b", *_NW)
rule("blame", r"\b<YOU> (?:made|make|makes) me (?:so |really |feel |look |act |)?(?:angry|mad|"
     r"furious|crazy|cry|yell|snap|lose|do it|do this|do that|say that|say it|react|late|miss|"
     r"wait|look (?:stupid|bad|like)|feel (?:like )?(?:crap|shit|bad|stupid|small|worthless|awful|"
     r"terrible|guilty|horrible|insane|crazy|like (?:a|an|i'?m|im|nothing)))", not_negated)
rule("blame", r"\b<YOU> (?:ruin|ruined|ruins|wreck|wrecked|destroy|destroyed|spoil|spoiled|spoilt|"
     r"screwed up|messed up|fucked up|mess up|screw up) (?:everything|it|this|that|the|my|our|"
     r"every|us|things)\b", *_NV)
rule("blame", r"\b<YOURE> (?:the (?:only )?)(?:reason|one to blame|problem|cause)\b", *_NW)
rule("blame", r"\blook (?:at )?what <YOU> (?:did|made|have done|'?ve done|do)\b|\b<YOU> did this\b|"
     r"\b<YOU> caused (?:this|it|all)\b|\b(?:it'?s|its|this is|that'?s) (?:all )?on (?:you|u)\b",
     *_NV)
rule("blame", r"\b(?:i always have to|i'?m always the one|im always the one|i'?m the only one "
     r"(?:who|that)|why am i always the one|i have to do everything|"
     r"i do everything|i'?m the one who always)\b(?! (?:who )?gets? blamed)", not_negated)
rule("blame", r"\bwhy can'?t (?:you|u) (?:just|ever|once|for once)\b|\bwould it kill (?:you|u)\b")

# --- criticism: character, not behaviour ------------------------------------------------------
rule("criticism", rf"\b<YOUBE>(?P<gap>(?:\s+<INT>)*)\s+(?:a |an )?(?:{TRAITS})\b(?!\s+(?:good|at))",
     not_negated_near)
rule("criticism", rf"\b<YOUBE>\b[^.!?]{{0,40}}?\b(?:and|,)\s+(?:<INT>\s+|kind of\s+|honestly\s+|also\s+)*"
     rf"(?P<hit>(?:{TRAITS}))\b", not_negated_near)
rule("criticism", rf"\bhow (?:{TRAITS}) (?:can|could) (?:you|u) be\b|\bhow (?:{TRAITS}) of (?:you|u)\b"
     rf"|\bhow (?:can|could) (?:one person|someone|anyone|anybody|you|u) be (?:so |this |that )"
     rf"(?:{TRAITS})\b"
     r"|\b(?:so )?typical(?: of)? (?:you|u)\b|\b<YOU>'?re so typical\b", not_warm)
rule("criticism", r"\bwhat'?s (?:wrong|the matter) with (?:you|u)\b|\bwhats (?:wrong|the matter) with "
     r"(?:you|u)\b|\bwhat is (?:wrong|the matter) with (?:you|u)\b|\bsomething (?:seriously |really )?wrong with (?:you|u)\b|\bwhat'?s (?:your|"
     r"ur) (?:problem|deal|issue)\b|\bwhat is (?:your|ur) problem\b", not_negated)
rule("criticism", r"\b<YOU> (?:<DONT>|do) (?:even |really |actually |ever |honestly |seem to )*"
     r"(?:care|give a (?:damn|shit|crap|fuck|toss)) (?:about )?(?:me|us|anyone|anybody|anything|"
     r"what|how|my|our|this|other)\b|\b<YOU> (?:don'?t|dont|do not) even care\b", not_negated)
rule("criticism", r"\b<YOU> only (?:ever )?(?:care|think) about (?:yourself|urself|you|your)\b|"
     r"\ball (?:<YOU>|u) (?:ever )?(?:care|think) about is\b|\b(?:it'?s|its|everything'?s|everything"
     r" is) always (?:all )?about (?:you|u)\b|\bmake (?:everything|it|this) about (?:you|yourself)\b",
     not_negated)
rule("criticism", r"\b<YOU> (?:can'?t|cannot|cant|never) (?:do|get) (?:anything|one thing|a single "
     r"thing|nothing) right\b|\b<YOU> can'?t even\b|\b<YOU> cant even\b|\b<YOU> (?:have|got|show) (?:no|zero|absolutely no) "
     r"(?:respect|consideration|empathy|idea|clue|sense|shame|self[- ]control|backbone|spine|heart|"
     r"manners|ambition|decency|common sense)\b", not_negated)
rule("criticism", r"\b<YOURE> (?:the kind|the type|the sort|that kind|that type) of (?:person|guy|"
     r"man|woman|girl|partner|husband|wife)\b|\b<YOURE> just like (?:your|ur) (?:mother|mom|mum|"
     r"father|dad|sister|brother|ex|family|parents)\b", *_NW)
rule("criticism", r"\b(?:<YOURE>|<YOU> are) (?:not|n'?t) even trying\b|\b<YOU> (?:don'?t|dont) even "
     r"try\b|\bdo (?:you|u) even (?:care|listen|think|try|love|know|notice|remember|want)\b|"
     r"\b(?:are|r) (?:you|u) even (?:listening|trying|capable)\b", not_warm)
rule("criticism", rf"\bstop being (?:so |such )?(?:a |an )?(?:{TRAITS})\b", not_warm)

# --- contempt: mockery, sarcasm, name-calling, superiority, disgust ---------------------------
rule("contempt", rf"\b<YOUBE>(?P<gap>(?:\s+<INT>)*)\s+(?:a |an )?(?:{INSULTS})s?\b(?!\s+(?:good|"
     r"talented|smart|beautiful|hot|cute|about|for|in love|fun|funny|cool|brave|strong|at))",
     not_negated_near, not_playful)
rule("contempt", rf"\b<YOUBE>\b[^.!?]{{0,40}}?\b(?:and|,)\s+(?:<INT>\s+|kind of\s+|honestly\s+|also\s+)*"
     rf"(?P<hit>(?:{INSULTS}))\b(?!\s+(?:good|talented|smart|about|for|fun|at))", not_negated_near)
rule("contempt", r"(?:^|[.!?]\s*|\b<ITS>\s+(?:so |just |honestly |actually |really |kinda |kind of )*)"
     r"(?P<hit>pathetic|laughable|pitiful|embarrassing|disgusting)\b", not_negated)
rule("contempt", r"\b(?:you|u)(?: absolute| complete| total| fucking| stupid| fat| lazy| pathetic| "
     r"little| big| useless| selfish| dumb)* (?:idiot|moron|loser|clown|fool|imbecile|dumbass|jerk|"
     r"asshole|dick|prick|bitch|muppet|cretin|creep|pig|slob|joke|psycho|numpty|eejit|plonker|prat|"
     r"pillock|git|twat|wanker|tosser|drongo|dingbat|halfwit|dimwit|nitwit|knobhead|bellend)s?\b|\bwhat an? (?:idiot|"
     r"moron|joke|loser|child|clown|fool|jerk|dumbass|baby|child|disappointment)\b", not_negated)
rule("contempt", r"\b(?:grow up|get a life|get over yourself|act your age|get a grip|who do you "
     r"think you are|do (?:you|u) (?:even )?hear yourself|listen to yourself|cry me a river|"
     r"boo[ -]?hoo|poor (?:baby|little (?:you|thing|baby)|you)|wa+h+ wa+h+|get real|oh please|spare me|"
     r"you wish|as if (?:you|u) (?:would|could|care|ever)|(?:you|u) think (?:you'?re|ur|youre) (?:so )?"
     r"(?:smart|clever|funny|special|perfect|better|so great)|i'?m (?:so much |way )?(?:smarter|"
     r"better) than (?:you|u)|even a (?:child|kid|toddler|dog|monkey|\d+ ?year ?old) (?:could|would|"
     r"knows|can)|any (?:normal|sane|decent|reasonable|competent) (?:person|adult|human|partner)|"
     r"a (?:real|normal|grown) (?:man|woman|adult) would|(?:you|u) disgust me|(?:you|u) make me sick|"
     r"(?:fuck|screw|f\*+k) (?:you|u|off)|go to hell|stfu|how (?:hard|difficult) (?:is it|can it be|"
     r"could it be|was it)|not rocket science|do i (?:really )?have to spell it out|slow clap|"
     r"(?:are|r) (?:you|u) (?:really |actually |seriously |honestly )?(?:that|this|so) (?:stupid|"
     r"dumb|dense|thick|clueless|incompetent|useless|blind|deaf)|are you (?:deaf|blind|stupid|"
     r"serious right now|kidding me|for real)|here we go again|give me a break|wow[.!,]*\s*just wow|"
     r"what a (?:surprise|shock|shocker|joke)|big surprise|colou?r me (?:surprised|shocked)|(?:what a )?shocker(?=\s*[.!🙄…]|\s*$)|"
     r"who would have (?:thought|guessed)|must be nice|thanks for nothing|love that for (?:me|us))\b",
     not_negated)
rule("contempt", r"🙄|😒|🖕|\*?\beye ?rolls?\b\*?|\*?\brolls? (?:my )?eyes\b\*?|\brolling my eyes\b")
rule("contempt", r"\bshut (?:up|it|your mouth)\b", not_negated, playful_shut_up)
rule("contempt", r"\b(?:yeah|yea|ya|sure),? right\b(?=\s*(?:[.!?,…]|$|lol|🙄))|\bsure (?:you|u) "
     r"(?:did|do|are|were|will|would|can|have)\b(?=\s*(?:[.!?,…]|$|lol|🙄))|\bof course (?:you|u) "
     r"(?:did|do|would|are|were|forgot|didn'?t|don'?t|can'?t|won'?t|couldn'?t|have|had)\b|"
     r"\blo+l,? (?:ok(?:ay)?|sure|right|whatever)\b")
rule("contempt", r"\b(?P<hit>(?:great|good|nice|fantastic|amazing|brilliant|stellar) (?:job|work|going|"
     r"one|move))\b(?=\W+(?:you|u)\b)", sour_context)
rule("contempt", r"\b(?:nice|great|good|way to go|well done|thanks|ok|okay|brilliant)(?: (?:one|job|"
     r"going|move|work|idea|plan))?,? (?:genius|einstein|sherlock|smart ?(?:guy|ass|arse))\b")
rule("contempt", r"(?:^|[.!?,]\s*|\b(?:oh|wow|well)\W+)(?P<hit>(?:oh )?(?:great|wonderful|perfect|"
     r"fantastic|brilliant|lovely|terrific|awesome|amazing|marvell?ous|good|nice|super|cool|fab|"
     r"splendid)(?:,? (?:just|really) (?:great|perfect|wonderful|lovely))?)\b(?=\s*[,.!…]|\s+another"
     r"|\s+(?:you|u)\s+(?:forgot|did it|were late)|\s+timing)", sour_context)
rule("contempt", r"\b(?P<hit>how (?:wonderful|lovely|nice|fun|great|perfect|romantic|thoughtful|"
     r"sweet|kind|generous|considerate|mature|charming)(?: of (?:you|u))?)\b(?=[\s.!,…🙄]*(?:$|"
     r"[.!?]|(?:as usual|again|lol)))|\b(?P<hit2>(?:thanks|thank you) (?:so much |a lot |a bunch )?"
     r"(?:for|4) (?:nothing|ruining|ignoring|forgetting|leaving|making me|being late|the help|"
     r"noticing)|thanks a lot)\b|\b(?:congrat(?:ulation)?s|well done|bravo|good job|"
     r"way to go),? (?:you|u) (?:finally|actually|managed|remembered)\b", sour_context,
     why="Sarcasm and mock praise are a form of contempt (Gottman); the antidote is to say plainly "
     "what you need, from a culture of respect and appreciation.")
rule("contempt", r"\b(?:so|really|very) (?:mature|grown[- ]up|adult|helpful|considerate|"
     r"thoughtful|nice|kind|sweet)(?: of (?:you|u))?\b(?=[\s.!…🙄]*(?:$|🙄|as usual|again|lol)"
     r"(?!\S*\s+(?:love|thank)))", sour_context)

# --- defensiveness: excuses, counter-attack, innocent victim ----------------------------------
rule("defensiveness", r"\bmy fault\b", my_fault_defended, not_playful)
rule("defensiveness", r"\b(?:not my (?:problem|responsibility|job|issue)|(?:don'?t|dont|do not|stop) "
     r"(?:you )?(?:dare )?blam(?:e|ing) (?:me|this on me|it on me)|why (?:are|do|r) (?:you|u) "
     r"(?:always )?blam(?:e|ing) me|(?:you'?re|ur|youre) (?:always )?blaming me|quit blaming me|"
     r"don'?t put this on me|don'?t (?:you )?turn this (?:around )?on me)\b")
rule("defensiveness", r"(?:\b(?:well|but|yeah|yea|and|so|ok|okay|oh|hmm)\W+)?\bwhat about (?:you|u|"
     r"when (?:you|u)|the times?|that time|all the times?|yourself|your|ur)\b", plain_question_back)
rule("defensiveness", r"\b(?:(?:you'?re|ur|youre|you are) (?:one|the last person) to talk|look who'?s "
     r"talking|pot calling the kettle|that'?s rich|thats rich|says (?:you|u)(?=\s*[.!?…]|\s*$)|says the one|you do it too|"
     r"(?:you|u) do (?:that|it|this|the same) (?:too|all the time|as well)|(?:you'?re|ur|youre) no "
     r"better|(?:you'?re|ur|youre) not perfect either|neither are you|(?:you'?re|ur|youre|you are) the "
     r"one (?:who|that)|you started (?:it|this)|well (?:you|u) (?:didn'?t|don'?t|never|always|do|did|"
     r"were|are|forgot)|(?:yes|yeah|yea|ok|okay|sure),? but (?:you|u) (?:also|too|never|always|did|do|"
     r"were|are|forgot|didn'?t|don'?t))\b", not_negated, not_warm)
rule("defensiveness", r"\bi (?:didn'?t|didnt|did not|never|haven'?t|havent) (?:do|done) anything"
     r"(?: wrong)?\b(?=\s*(?:[.!?,…]|$|wrong))|\bi (?:did|have done|'?ve done) nothing wrong\b|"
     r"\bi was (?:just|only) (?:trying|joking|kidding|being honest|helping|asking|saying|tired)\b|"
     r"\bi only (?:did|said) (?:it|that) because\b|\bi did (?:it|that) because (?:you|u)\b",
     no_ownership)
rule("defensiveness", r"\b(?:excuse me for|sorry for|sorry i'?m not) (?:trying|breathing|living|"
     r"caring|existing|being alive|having feelings|perfect|helping)\b|\bwell,? (?:sorry|excuse me)\b|"
     r"\bi guess i'?m (?:just )?(?:the bad guy|a terrible|the worst|the villain|always wrong)|"
     r"\bi'?m always the (?:bad guy|villain|problem|one to blame)\b|\bi can'?t do anything right\b|"
     r"\bi cant do anything right\b|\bnothing i do is (?:ever )?(?:good )?enough\b|\bi can never "
     r"(?:do anything right|win|please you)\b|\bwhat (?:was|am) i supposed to do\b|\bi had no "
     r"(?:other )?choice\b|\bit'?s not like i\b(?! (?:don'?t|didn'?t|dont|didnt) (?:see|know|notice|"
     r"appreciate|care|love|get|understand))|\b(?:well )?at least i\b|"
     r"\bi'?m not the one (?:who|that)\b|\bim not the one (?:who|that)\b|\bhow (?:was|am) i "
     r"supposed to know\b|\bi'?m not a mind ?reader\b|\bi don'?t need to (?:explain|justify)\b|"
     r"\bi'?m not (?:going to|gonna) apologi[sz]e\b|\bi won'?t apologi[sz]e\b|\bi have nothing to "
     r"apologi[sz]e for\b|\b(?:you'?re|ur|youre) (?:twisting|putting words)\b|\bwhy (?:is|does) it "
     r"always (?:have to be|gotta be|got to be) me\b|\bwhy am i (?:always )?the (?:bad guy|problem)\b"
     r"|\bwhy is everything (?:always )?my fault\b|\bi was busy\b(?=\s*[.!]*\s*$)|\bthat'?s not what "
     r"happened\b|\bthat never happened\b|\bi never said that\b|\bwhy is it always me\b(?! (?:who|that) (?:has|have|does|do|ends|gets? to|pays|cleans|sorts|cooks))|"
     r"\b(?:always|why do) i (?:get|gets|getting) blamed\b|\bwhat (?:more |else )?do (?:you|u) want(?: from"
     r" me)\b|\bwhat (?:more|else) do (?:you|u) want\b|\bi did (?:my best|everything i could)\b(?=\W+(?:what|so|and|ok|okay|alright)\b|\W*$)|"
     r"\b(?:don'?t|dont|stop) (?:make|making|turn|turning) this about me\b|\bthis (?:isn'?t|is not) "
     r"about me\b|\bstop attacking me\b")
rule("defensiveness", r"\b(?:that'?s|thats) not (?:true|fair)\b(?=\W+(?:i|you|u)\b)", not_warm)

# --- stonewalling: shutting down -------------------------------------------------------------
rule("stonewalling", r"\bwhatever\b(?!\s*(?:you|u) say\W+(?:genius|einstein|sherlock|your|princess|boss))(?=\s*(?:[.!?,;…🙄]|$|-|\s(?:i\b|i'?m|im\b|man|dude|lol|ok|"
     r"okay|dont|don'?t|do what|go\b|believe|think|you say|u say|just)))", no_break_planned)
rule("stonewalling", r"\b(?:i'?m|im|i am) (?:so )?done (?:talking|discussing|with this(?! (?:week|weekend|day|month|"
     r"year|job|work|project|essay|assignment|book|show|series|game|level|diet|heat|weather|shift|"
     r"commute|cold|flu))|with (?:this|"
     r"the|our) (?:conversation|discussion|argument)|arguing|here|explaining|trying|with you)\b|"
     r"\b(?:i'?m|im|i am) so done\b|\bdone talking\b|\bwe'?re done (?:here|talking)\b|"
     r"\b(?:end of|that'?s the end of) (?:discussion|story|conversation)\b|\bconversation(?:'s| is)?"
     r" over\b|\bthis (?:conversation|discussion) is over\b", no_break_planned)
rule("stonewalling", r"\b(?:i|we) (?:don'?t|do not|dont|won'?t) (?:want to|wanna|need to|care to) (?:talk|"
     r"discuss|hear|get into|go into|have this|deal with)(?: (?:about )?(?:it|this|that|anymore|any "
     r"more|with you))?\b(?! about (?!it\b|this\b|that\b|what\b|you\b|u\b|us\b|any))|\b(?:i'?m|im|i am) not (?:talking|discussing|doing|having) (?:about )?"
     r"(?:this|it|that)\b|\bnot (?:talking|discussing) (?:about )?this\b|\bwe'?re not doing this\b|"
     r"\bi (?:won'?t|will not) (?:talk|discuss)\b", no_break_planned)
rule("stonewalling", r"\bi refuse to (?:talk|discuss|listen|have this)\b")
rule("stonewalling", r"\b(?:just )?leave me alone\b(?=\s*(?:[.!?,…]|$|please|pls|for|right now|ok))|\b(?:just )?forget (?:it|about it)\b(?=\s*"
     r"(?:[.!?,…]|$))(?!.{0,40}\b(?:already|it'?s fine|no worries|don'?t worry))|\b(?:just )?drop it\b(?=\s*(?:[.!?,…]|$|ok|okay))|\bi have nothing (?:more |"
     r"else )?to say\b|\bnothing (?:more )?to (?:talk about|discuss|say)\b|\btalk to the hand\b|"
     r"\bi can'?t (?:be bothered|deal with (?:this|you))\b(?=\s*(?:[.!?,…]|$|with (?:this|you|it|ur|your)|to (?:talk|argue|discuss|explain|listen)))|\bi'?m not listening\b|\bim not "
     r"listening\b|\bi don'?t care(?: anymore| any more)?\b(?=\s*(?:[.!?,…🙄]|$|do what))|\bi dont "
     r"care(?: anymore)?\b(?=\s*(?:[.!?,…]|$))|\bdo what(?:ever)? (?:you|u) want\b(?=\s*(?:[.!?,…]|"
     r"$|i\b))|\b(?:just )?leave it\b(?=\s*(?:[.!…]|$))|\bsuit yourself\b|\bstop (?:texting|talking to|calling) me\b|\bdon'?t (?:text|talk to|"
     r"call) me\b|\bno comment\b|\b(?:i'?m )?(?:muting|blocking) you\b|\b(?:let'?s|lets) (?:just )?"
     r"drop it\b|\bnot (?:now|tonight)\.?\s*$|\bgo away\b", not_negated, no_break_planned)
rule("stonewalling", r"^\s*(?:i'?m|im|i am) (?:so )?done\s*[.!]*\s*$|^\s*(?:k|kk|fine|whatever|ok fine|fine whatever|sure|if you say so|noted|"
     r"cool|nope|no)\s*[.!]*\s*$|^\s*(?:fine|k)\.\s+(?:whatever|bye|goodnight|night)\b|\bfine\.?\s*"
     r"(?:whatever|bye)\b|\bif (?:you|u) say so\b(?=\s*[.!…🙄]|\s*$)")
rule("stonewalling", r"^\s*(?:i'?m|im|i am) (?:out|leaving|going to bed|off|going out)\s*[.!]*\s*$|"
     r"\b(?:i'?m|im) (?:out|leaving|going to bed)\b(?=\s*[.!]*\s*$)", no_break_planned)

# --- dismissal: invalidating feelings ---------------------------------------------------------
rule("dismissal", rf"\b<YOUBE>(?P<gap>(?:\s+<INT>)*)\s+(?:{OVERREACT})", not_negated_near)
rule("dismissal", r"\b<YOU>\s+(?:<ADV>\s+)*(?:always\s+|constantly\s+|just\s+)?(?:overreact|over-react|"
     r"exaggerate|blow (?:things|everything|it|this) (?:way )?out of proportion|make a (?:big |huge )?"
     r"(?:deal|fuss|drama|scene)|take (?:everything|things|it) (?:so |too )?personally)\w*\b",
     not_negated_near)
rule("dismissal", r"\b(?:<YOU> (?:need|have|should|gotta|must) (?:to )?(?:just )?)?(?:calm|chill|"
     r"settle|simmer|cool) (?:the (?:f\w*|hell) )?(?:down|out|off)\b(?!\s+(?:the|your|ur|my|our|his|"
     r"her|them|him|kids|dog|baby|cat))(?!\?+\s*(?:no|nope|never|not a chance|impossible|how can i))|\b(?:just |pls |please )?"
     r"(?:relax|chill)\b(?=\s*(?:[.!,…]|$|it'?s|its|god|jeez|omg|ok|man|babe))", aimed_at_partner,
     not_negated, not_reassuring)
rule("dismissal", r"\b(?:get over it|lighten up|toughen up|man up|grow a thicker skin|(?:you'?ll|u'?ll|"
     r"you will|ul) (?:get|be) over it|(?:can'?t|cant) (?:you )?take a joke|stop (?:crying|whining|"
     r"complaining|sulking|moping|being (?:so )?(?:sensitive|emotional|dramatic|upset|sad|touchy))|"
     r"don'?t be (?:so )?(?:sensitive|dramatic|emotional|upset|ridiculous|like that|a baby|such a "
     r"baby|hysterical)|dont be (?:so )?(?:sensitive|dramatic|emotional|ridiculous|a baby)|"
     r"(?:you|u) shouldn'?t (?:feel|be) (?:that way|like that|upset|so upset|hurt|sad|angry|mad|"
     r"bothered)|there'?s no (?:reason|need) to (?:be|feel|get) (?:upset|angry|mad|sad|hurt|worked "
     r"up)|why are (?:you|u) (?:so |even |still )*(?:upset|crying|mad|angry|worked up|bothered)"
     r"(?: (?:about|over) (?:this|that|it|nothing|something so))?|(?:it'?s|its|it is) (?:all )?"
     r"in (?:your|ur) head|other people have it (?:way )?worse|(?:you|u) (?:always )?(?:make|turn|"
     r"blow) (?:everything|every little thing|it|this|things) (?:into )?(?:a (?:big |huge )?(?:deal|"
     r"thing|drama)|about you|out of proportion)|(?:it was|i was) (?:just|only) (?:a joke|joking|"
     r"kidding|teasing)(?!.*\b(?:sorry|my bad|apologi))|not (?:even )?that deep|(?:it'?s|its) not that serious|(?:you|u) (?:always )?"
     r"(?:take|make) (?:everything|things) (?:so )?personal(?:ly)?|stop making (?:a|such a) (?:big |huge )?"
     r"(?:fuss|deal|scene|drama))\b", not_negated)
rule("dismissal", r"\b(?:just |you need to |u need to |you have to )?(?:let it go|move on|get past it)"
     r"\b(?=\s*(?:[.!,…]|$|already))", aimed_at_partner, about_their_feelings)
rule("dismissal", r"\b(?:<ITS> (?:not |n'?t )?(?:really |honestly |seriously |even |literally )?"
     r"(?:such |that )?(?:a )?(?:big deal|huge deal|big thing)|no big deal|not (?:that|a|such a) "
     r"big (?:deal|thing)|not that (?:bad|serious|important)|<ITS> (?:really |honestly |literally )?"
     r"nothing|<ITS> (?:just|only) (?:a|an|one|some)\b[^.!?]{0,25}|<ITS> (?:really )?not a big "
     r"deal|(?:isn'?t|wasn'?t|isnt|wasnt) (?:a|that) big (?:of a )?deal|not (?:that|such a) big of a "
     r"deal)", not_reassuring, no_ownership)
rule("dismissal", r"\b(?:i'?m sure|i know|i get that|i hear (?:you|that)|i understand|i see)\b[^.!?]"
     r"{0,60}\b(?:but|though)\b[^.!?]{0,40}\b(?:nothing|no big deal|not a big deal|not that bad|"
     r"overreact\w*|dramatic|too sensitive|get over it|move on|not that deep|just a)\b", not_negated)
