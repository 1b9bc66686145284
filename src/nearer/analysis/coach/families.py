"""More coach rules, by family, for the many ways couples phrase the same harsh moves in texts.

Written after measuring the coach on a set in other voices (benchmarks/data/coach_blind.jsonl):
British and Australian idiom, no apostrophes, habitual "you … again", sarcastic titles, mock
congratulation, minimising one's own lapse, refusing the talk in many words. Each rule is a
pattern over word families, never one sentence. Kinds follow Gottman's Four Horsemen (Gottman
1994; Gottman & Silver 1999) plus blame and dismissal as defined in issue 4.
"""

from __future__ import annotations

import re

from nearer.analysis.coach import context as cx
from nearer.analysis.coach.lexicon import INSULTS, TRAITS
from nearer.analysis.coach.rules import (
    Check,
    Rule,
    absolute_is_complaint,
    aimed_at_partner,
    make_rule,
    no_break_planned,
    no_ownership,
    not_negated,
    not_negated_near,
    not_playful,
    not_warm,
    sour_context,
)

FAMILY_RULES: list[Rule] = []


def fam(kind: str, pattern: str, *checks: Check, why: str | None = None,
        keys: tuple[str, ...] = ()) -> None:
    FAMILY_RULES.append(make_rule(kind, pattern, *checks, why=why, keys=keys))


_MODAL_REQUEST = re.compile(r"\b(?:can|could|would|will|wanna|want to|shall|let'?s|lets|please|pls|"
                            r"hope|wish|love (?:it )?(?:if|when)|cant wait|can'?t wait)\W+$", re.I)
_FRIENDLY_AGAIN = re.compile(r"\b(?:see|meet|hug|kiss|hold|try|visit|hear|thank|win|won|did it|"
                             r"nailed|smashed|killed it|ask(?:ed)? me out|proposed|cook(?:ed)? that|"
                             r"make that|made that|beat me|saved|rescued)\b", re.I)


def habit_again(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    """'You're on your phone again' is a verdict; 'can't wait to see you again' is not."""
    if _MODAL_REQUEST.search(c.text[max(0, s - 25):s]) or _FRIENDLY_AGAIN.search(m.group(0)):
        return False
    # "because of you I believe in myself again": the one doing it again is the writer.
    if re.search(r"\s(?:i|we|i'?m|im|i'?ve|ive)\s", m.group(0), re.I):
        return False
    return (not cx.clause_is_warm(c.text, s, e) and not cx.is_playful(c.text)
            and not_fond(c, m, s, e))


def not_fond(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    """'You're the reason I smile every morning': fondness inside the match itself."""
    span = c.text[s:e]
    return not (cx.POSITIVE.search(span) and not cx.NEGATIVE.search(span))


def no_help_wanted(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    """'I don't see why you're upset' dismisses; '… can you help me understand?' asks."""
    rest = c.text[e:e + 80]
    return not re.search(r"\b(?:help me|tell me|explain|talk (?:about|to me)|can you|could you|"
                         r"would you|understand)\b", rest, re.I)


def not_praising(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    """Mock congratulation has no real praise, love or pride around it."""
    rest = c.text[:s] + " " + c.text[e:]
    return not re.search(r"\b(?:proud|love|so happy|amazing|congrats|xx+|❤|🥰|🎉|🥳)", rest, re.I) \
        and not cx.is_playful(rest)


# --- blame: habits, global objects, fault -----------------------------------------------------
# "ur" and "your" stand for "you're" only before a state or place ("ur on ur phone again").
_YOU_NOW = (r"(?:you\s*['’]?\s*re|you\s+are|u\s+r|u\s+are|youre|ur(?=\s+(?:on|at|in|out|late|"
            r"doing|being|playing|watching|back|still|off|up|drunk|gaming|going|gone|home))|"
            r"(?:you|u|ya)(?:\s*['’]?\s*ve|\s+have|\s+had)?)")
fam("blame", r"\b" + _YOU_NOW + r"\s+(?!again)[^.!?,;\n]{1,35}?"
    r"\bagain\b", not_negated, habit_again,
    keys=('again',))
fam("blame", r"\b<YOU>(?:\s*'?\s*ve| have)\s+(?:<ADV>\s+)?(?P<abs>always|never)\b", not_negated,
    absolute_is_complaint,
    keys=('always', 'never'))
fam("blame", r"\b<YOU> (?:<ADV> )?(?:forget|forgot|ignore|interrupt|criticise|criticize|question|"
    r"judge|mock|dismiss|undermine|contradict|correct|twist|ruin|spoil|moan about|complain about|"
    r"pick apart|nitpick) (?:every ?thing|every (?:single )?(?:thing|word|time|little thing|plan)|"
    r"anything i|all (?:of )?(?:it|my|our|the))", not_negated,
    keys=('every', 'anything', 'all'))
fam("blame", r"\b<YOU>\b[^.!?,;\n]{1,35}?\bevery (?:single )?(?:time|day|night|evening|morning|"
    r"weekend|week|year|christmas|birthday|holiday|chance|opportunity)\b", not_negated, not_warm,
    not_playful, not_fond,
    keys=('every',))
fam("blame", r"\bnot (?:once|one time|a single time|one single time) (?:have|has|did|do|will|in "
    r"\w+ \w+ (?:have|did)) (?:you|u)\b",
    keys=('not ',))
fam("blame", r"\b<YOU> (?:don'?t|dont|do not|didn'?t|didnt|won'?t|wont|can'?t|cant) (?:ever|even "
    r"once)\b(?! (?:have to|need to|fail))", not_warm,
    keys=('ever', 'once'))
fam("blame", r"\b(?:why is it|it'?s|its|it is) always me (?:who|that) (?!gets? (?:blamed|told off|"
    r"the blame))\w+",
    keys=('always me',))
fam("blame", r"\b(?:always|every (?:single )?\w+)\b[^.!?]{0,25}\b(?:it'?s|its) the same (?:thing|"
    r"story|old)\b|\bsame old (?:story|thing|excuse|excuses|rubbish|crap|shit|you)\b", not_warm,
    keys=('same',))

# --- criticism: character and "what kind of person" -------------------------------------------
fam("criticism", r"\bwhy (?:are|r) (?:you|u) (?:always |even |just |so )?like (?:this|that)\b|\bwhy "
    r"(?:are|r) (?:you|u) (?:always |just )?(?:so|such an?) (?:" + TRAITS + r")\b|\bwhy (?:do|must)"
    r" (?:you|u) (?:always )?(?:have to |need to |got to |gotta )?be (?:so |such an? )(?:" + TRAITS
    + r")\b", not_negated,
    keys=('why',))
fam("criticism", r"\b(?:(?:your|ur) (?:problem|trouble|issue)(?: is|'?s)|the (?:problem|trouble|"
    r"thing) with (?:you|u) is|that'?s (?:the|your) (?:problem|trouble) with (?:you|u))\b",
    not_negated,
    keys=('problem', 'trouble', 'thing with'))
fam("criticism", r"\bwhat (?:kind|sort|type) of (?:an? )?(?:person|partner|husband|wife|man|woman|"
    r"father|mother|dad|mum|mom|boyfriend|girlfriend|human being|human|adult|grown (?:man|woman|"
    r"adult)) (?:forgets|does|would|says|treats|leaves|ignores|doesn'?t|doesnt|can'?t|cant|lies|"
    r"behaves|acts|talks|thinks|goes|spends|gets)\b",
    keys=('what ',))
fam("criticism", r"\b<YOUBE>(?:\s+<INT>)*\s+(?:a |an |such a |such an )?(?:flake|flaky|tight|stingy|"
    r"tight[- ]?arse|tightwad|nightmare(?: to \w+ with)?|pain in the (?:arse|ass|neck)|hard work|"
    r"high maintenance|drama queen|wet blanket|sook|whinger|know[- ]it[- ]all|snob|bully|brat|"
    r"lazy (?:sod|git|cow|bum)|couch potato|smug|condescending|patroni[sz]ing|self[- ]righteous|"
    r"moody|grumpy|stroppy|sulky|full of (?:yourself|urself|it)|(?:the )?(?:laziest|meanest|rudest|"
    r"coldest|stingiest|messiest|tightest|most (?:" + TRAITS + r"))\b)", not_negated_near,
    not_playful,
    keys=('you', 'u ', 'ur', 'ya'))
fam("criticism", r"\b(?:<YOURE> |<YOU> (?:are |is |keep |always )?)(?:doing|does|do) my (?:head|"
    r"nut|brain) in\b|\b<YOU> (?:drive|drives|are driving|'?re driving|re driving) me (?:mad|crazy|"
    r"insane|nuts|up the wall|round the bend|around the bend|bananas|spare)\b|\b(?:<YOURE> |<YOU> "
    r")(?:getting|get|gets|always get) on my (?:nerves|wick|tits|last nerve)\b", not_negated,
    keys=(' my ',))
fam("criticism", r"\b<YOU> (?:never|don'?t|dont|do not) (?:ever )?think (?:before (?:you|u) (?:speak|talk|open|say|act|answer|react)|about (?:anyone|"
    r"anybody|others|other people|how)|of (?:anyone|anybody|others))\b|\b(?:anyone|anybody|no one|"
    r"nobody) (?:but|except|other than) (?:yourself|urself|you)\b", not_warm,
    keys=('think', 'but', 'except', 'other than'))

# --- contempt: titles, mock praise, superiority, scare quotes ---------------------------------
_SNEER_OPENER = (r"(?:whatever (?:you|u) say|sure|ok|okay|right|yes|yeah|yea|alright|cheers|thanks|"
                 r"ta|nice one|good one|well done|oh sorry|sorry|oh|lol|lmao|fine)")
fam("contempt", r"\b" + _SNEER_OPENER + r"\W{1,4}(?P<hit>genius|einstein|sherlock|(?:your )?(?:highness"
    r"|majesty|royal highness|lordship|ladyship)|princess|mr\.? perfect|miss perfect|"
    r"know[- ]it[- ]all|smart ?(?:arse|ass)|clever clogs|captain obvious|mate|buddy|pal)\b"
    r"(?=\s*(?:[.!?,…🙄]|$))", not_playful,
    keys=('genius', 'einstein', 'sherlock', 'high', 'majes', 'lord', 'lady', 'princess', 'perfect', 'know', 'smart', 'clever', 'obvious', 'mate', 'buddy', 'pal'))
fam("contempt", r"\b(?:want|need|expecting|expect|deserve|looking for) (?:a |an )?(?:medal|gold star|"
    r"cookie|biscuit|trophy|prize|round of applause|pat on the back|parade|thank you card|"
    r"standing ovation)\b(?=[^.!]{0,40}\?|\s*[?🙄]|\s*$)|\bround of applause\b|\bslow clap\b|"
    r"\bgive (?:you|u|him|her) a (?:medal|gold star|trophy)\b|\b(?:well done|congrat\w*|bravo|"
    r"good job|thanks) (?:on|for) (?:\w+ing )?(?:the (?:bare )?minimum|the least)\b|\ba whole (?:\w+ )?"
    r"(?:seconds?|minutes?|mins?|hours?) of\b|\b(?:i'?m|im|i am|we'?re) (?:so |truly |deeply )?"
    r"(?:honoured|honored|flattered)\b(?=\s*[.!🙄…]*\s*$)|\blucky me\b", not_praising,
    keys=('medal', 'star', 'cookie', 'biscuit', 'trophy', 'prize', 'applause', 'pat on', 'parade', 'card', 'ovation', 'clap', 'minimum', 'least', 'whole', 'honou', 'flatter', 'lucky'))
fam("contempt", r"\b(?:well done|congrat\w*|bravo|good job|nice job|great job|gold star)\b[^.!?]{0,6}"
    r"\b(?:you|u) (?:finally |actually |only )?(?:managed|remembered|worked out|figured|did one|"
    r"bothered|noticed|showed up|turned up|lifted a finger)\b", not_praising,
    keys=('done', 'congrat', 'bravo', 'job', 'star'))
fam("contempt", r"\bi (?:married|am married to|'?m married to|m married to|live with|am living with|"
    r"chose|picked|ended up with|'?m with|am with|am dating|'?m dating|fell for) (?:a|an|such an?|"
    r"this|some)(?: \w+)? (?:" + INSULTS + r")\b|\b(?:only|what kind of|what sort of) (?:an? )?"
    r"(?:idiot|moron|fool|clown|muppet|numpty|donkey) (?:would|does|forgets|thinks)\b",
    not_playful,
    keys=('married', 'live with', 'living with', 'chose', 'picked', 'ended up', 'with', 'dating', 'fell for', 'only', 'kind of', 'sort of'))
fam("contempt", r"\bimagine (?:being|thinking|not (?:knowing|being able|having)|needing|having to "
    r"be told)\b[^.!?]{0,30}?(?:\b(?:this|that|so|such)\b|\b(?:" + INSULTS + r")\b)",
    not_playful,
    keys=('imagine',))
fam("contempt", r"\b(?:even|my|a|your) (?:my |your |a |an |the )?(?:nan|nana|nanna|gran|granny|"
    r"grandma|grandad|mum|mom|dad|kid|child|dog|cat|toddler|baby|\d+[- ]?year[- ]?old|five year "
    r"old|goldfish|monkey)\b[^.!?]{0,30}\b(?:could|would|can|knows|does) (?:\w+ ){0,4}?(?:better "
    r"than (?:you|u)|this|that|it)\b(?=[^.!?]{0,20}(?:than (?:you|u)|[?!🙄]|$))", not_playful,
    keys=('could', 'would', 'can', 'knows', 'does'))
fam("contempt", r"(?:\b(?:lol|lmao|lmfao|rofl|haha\w*|ha)\W+|\bas if\W+)(?:you|u) (?:actually |"
    r"really |honestly |seriously )?(?:think|thought|reckon|believe) (?:you'?re|youre|ur|you are|"
    r"u r|you can|u can|you could|you know)\b",
    keys=('think', 'thought', 'reckon', 'believe'))
fam("contempt", r"\b(?:your|ur|you were|you'?re|youre|u r|so[- ]called|(?:yeah |yea |oh )?sure,?|"
    r"yeah right,?|sure (?:you|u) (?:were|are|did)|oh (?:you|u) (?:were|are)) (?:\w+ )?['\"“‘][^'\"”’\n]{2,30}['\"”’]",
    not_playful, not_praising,
    keys=("'", '"', '“', '‘'))
fam("contempt", r"\b(?:cheers|thanks|thank you|ta) (?:so much |a lot |heaps |very much )?(?:for|4) "
    r"(?:nothing|bugger all|sweet fa|sfa|zip|dropping me in it|leaving me to it)\b",
    keys=('for nothing', '4 nothing', 'bugger', 'fa', 'sfa', 'zip', 'dropping', 'leaving me'))
fam("contempt", r"\b(?:cheers|thanks|thank you|ta) (?:so much |a lot |heaps |very much )?(?:for|4) "
    r"(?:that|the support|all the help|the help)\b|\bcheers (?:a lot|mate|for that)\b", sour_context,
    not_praising,
    keys=('cheers', 'thank', 'ta '))
fam("contempt", r"\b(?:i'?ll|ill|i will|i'?d better|i guess i'?ll) (?:just )?do (?:it|everything|that|"
    r"the lot|them|all of it|all of this|this) (?:myself|my ?self|on my own|alone)\b(?=[^.!?]{0,25}"
    r"(?:as usual|again|like always|then|shall i|!|🙄|,? as per)|\s*(?:[.!?…]|$))",
    why="Passive-aggressive politeness is sarcasm, a form of contempt (Gottman); the antidote is "
    "to ask plainly for the help you need, from a culture of respect.",
    keys=('myself', 'my self', 'own', 'alone'))
fam("contempt", r"(?:^|[.!?,]\s*)(?:oh |ah |and )?here we go\b(?=\s*(?:again|[,.…🙄]|$))",
    not_praising,
    keys=('here we go',))
fam("contempt", r"\b(?:very|real|so|how) (?:mature|grown[- ]up|adult)\b(?=\s*[.!…🙄]*\s*$)", not_praising,
    keys=('mature', 'grown', 'adult'))
fam("contempt", r"\b(?:being|acting|sound|sounding|look|looking) (?:so |this |that |such a |such an |"
    r"like (?:a|an|such a) )(?:" + INSULTS + r")\b", aimed_at_partner, not_negated, not_playful,
    keys=('being', 'acting', 'sound', 'look'))

# --- defensiveness: minimising, me-too, counter-attack ---------------------------------------
fam("defensiveness", r"\bi (?:was )?(?:only|just) (?:\w+ ){0,3}?(?:\w+ )?(?:minutes?|mins?|an hour|"
    r"a bit|a little|a few|one|two|three|a couple|once) (?:late|pints?|drinks?|beers?|glasses|"
    r"quid|bucks|dollars|over)\b|\b(?:it'?s|its|that'?s|thats|it was|it is) (?:hardly|not) a "
    r"crime\b|\bi was (?:just|only) (?:trying|joking|kidding|teasing|messing|having a laugh|"
    r"being (?:honest|friendly|nice|polite|helpful)|helping|asking|saying|chatting|talking|"
    r"looking|checking|doing my job|winding you up)\b", no_ownership,
    keys=('only', 'just', 'crime'))
fam("defensiveness", r"\bdon'?t look at me\b(?=\s*(?:[.!,…]|$))|\b(?:it )?wasn'?t me\b(?=\s*[.!,…]"
    r"|\s*$)|\b(?:it )?wasnt me\b(?=\s*[.!,…]|\s*$)|\bi (?:didn'?t|didnt|never|did not) (?:even )?"
    r"(?:touch|go near|look at) (?:it|them|that|your)\b|\bi had nothing to do with\b",
    keys=('look at me', 'me', 'touch', 'go near', 'nothing to do'))
fam("defensiveness", r"(?:^|[.!?,]\s*)(?:(?:yeah|yea|ok|okay|and|but|oh) )?well,? (?:you|u)\b(?=[^.!?"
    r"]{0,45}\b(?:either|too|as well|exactly|more than me|worse|first|started|also|\w+n'?t|"
    r"never|always|forgot|were|was|did|said|spent|left|had|do|are)\b)", not_warm,
    keys=('well',))
fam("defensiveness", r"\b(?:a bit|bit|pretty|quite|bloody) rich\b(?! (?:chocolate|sauce|food|"
    r"dessert|pudding|cake|for))|\b(?:you|u) can'?t talk\b|\b(?:you|u) cant talk\b|\bwho are "
    r"(?:you|u) to (?:talk|judge|lecture|tell me)\b|\bhark at (?:you|u|him|her)\b",
    keys=('rich', 'talk', 'hark'))
fam("defensiveness", r"\bi was (?:going to|gonna|about to|getting (?:to|round to|around to))"
    r"(?: (?:do|get to|sort|fix|say|tell|call|clean))?(?: it| that| them)?\b(?=\s*[.!]*\s*$|"
    r"[^.!?]{0,40}\b(?:you|u) (?:didn'?t|didnt|never|wouldn'?t|wouldnt|kept|started|jumped|"
    r"interrupted|gave|give|let|had to))|\b(?:you|u) (?:didn'?t|didnt|never) (?:even )?(?:give|gave)"
    r" me (?:a|the|any) chance\b", no_ownership,
    keys=('going to', 'gonna', 'about to', 'getting', 'chance'))
fam("defensiveness", r"\bi (?:had|have had|'?ve had|ve had) (?:a |an )?(?:rough|long|hard|bad|"
    r"tough|shit|crap|busy|stressful|awful|horrible|shocking) (?:day|week|night|time)(?: as well)? "
    r"too\b|\bi'?m (?:tired|stressed|busy|exhausted|knackered) too\b|\bim (?:tired|stressed|busy|"
    r"exhausted|knackered) too\b|\bi work (?:too|as well|all day)\b|\bwhat (?:do|did|else do) "
    r"(?:you|u) expect\b", no_ownership,
    keys=('too', 'as well', 'all day', 'expect'))
fam("defensiveness", r"\b(?:excuse|pardon) me for \w+ing\b|\b(?:well|oh),? sorry for (?:having|"
    r"breathing|existing|living|caring|wanting|needing|trying|working|being alive)\b|\bhow (?:was|"
    r"am|would|could|should) i (?:meant|supposed|expected|to) (?:to )?know\b|\bhow would i know\b|"
    r"\bhow was i to know\b|\bhow (?:was|am|would|could|should|is) (?:i|anyone|anybody) (?:meant|"
    r"supposed|expected) to (?:remember|guess|tell|read (?:your|ur) mind|notice|predict|keep track"
    r"|keep up|do (?:that|everything|it all))\b|\bi (?:wouldn'?t|wouldnt|would not|would never) "
    r"have\b[^.!?]{0,40}\bif (?:you|u) (?:hadn'?t|hadnt|didn'?t|didnt|had not|had|'?d)\b|\bi was "
    r"(?:just |only |really |so )?(?:tired|busy|exhausted|stressed|knackered|at work|driving|"
    r"asleep)\b(?=\s*(?:ok|okay|alright)?\s*[?!.,]*\s*(?:$|give me|what|jeez|god|so\b|sorry not))",
    keys=('excuse', 'pardon', 'sorry', 'know', 'supposed', 'meant', 'expected', 'have', 'tired', 'busy', 'exhaust', 'stress', 'knacker', 'work', 'driving', 'asleep'))
fam("defensiveness", r"\b(?:well,? )?(?:maybe|perhaps) if (?:you|u)\b[^.!?]{0,60}\bi (?:wouldn'?t|"
    r"wouldnt|would|'?d|won'?t|wont|might)\b|\bif (?:you|u) (?:had|'?d) (?:just )?(?:told|asked|"
    r"said|listened|checked|reminded)\b[^.!?]{0,40}\bi (?:would|wouldn'?t|wouldnt|'?d)\b",
    no_ownership,
    keys=('if ',))

# --- stonewalling: refusing the talk in many words --------------------------------------------
fam("stonewalling", r"(?:^|[.!?,]\s*|\b(?:i'?m|im|i am|we'?re|we are|were|nope|nah|no|sorry|"
    r"yeah nah)\W+)not (?:doing|having|getting into|going into|going over|discussing|talking about|"
    r"dealing with|arguing about|answering|replying to|responding to|listening to|interested in "
    r"(?:talking|discussing|hearing|having)) (?:about )?(?:this|that|it|any of this|this "
    r"conversation|this convo|this discussion|this argument|this again|you)\b(?! (?:to|because|"
    r"without|alone|for|until))", no_break_planned,
    keys=('not ',))
fam("stonewalling", r"\bnot (?:having|doing) (?:this|that|the|a) (?:conversation|convo|chat|talk|"
    r"discussion|argument|fight|row|again)\b|\b(?:isn'?t|isnt|is not|not) up for (?:discussion|"
    r"debate|negotiation)\b|\b(?:don'?t|dont|do not) (?:want|wanna|need) to hear (?:it|this|that|"
    r"any ?more|another word|about it)\b|\bi don'?t have (?:the )?(?:time|energy) for this\b",
    no_break_planned,
    keys=('not ', 'up for', 'hear', 'time', 'energy'))
fam("stonewalling", r"\bstop (?:messaging|texting|calling|ringing|contacting|bugging|pestering) me\b"
    r"|\b(?:don'?t|dont|do not) (?:bother )?(?:call|text|ring|message|contact)(?:ing)?(?: me)?\b"
    r"(?=\s*(?:[.!,…]|$))|\b(?:don'?t|dont) bother (?:replying|answering|texting|calling|coming "
    r"(?:home|back)|waiting up|trying)\b|\b(?:switching|turning|putting) (?:my )?phone off\b",
    no_break_planned,
    keys=('stop', 'don', 'bother', 'phone'))
fam("stonewalling", r"\b(?:can'?t|cant|cannot) be (?:arsed|assed|bothered)\b(?=\s*(?:[.!?,…]|$|with "
    r"(?:this|you|it|ur|your)|to (?:talk|argue|discuss|explain|listen|deal)))|\bwhen i (?:feel "
    r"like it|am good and ready|'?m good and ready)\b|\bsave it\b(?=\s*(?:[.!,…]|$))|\bdon'?t "
    r"(?:even )?start\b(?=\s*(?:[.!,…]|$|with me))|\bnot in the mood (?:for|to) (?:this|talk|"
    r"discuss|argu|hear|you|it)\w*|\bcan we not\b(?=\s*[.!?]*\s*$)", no_break_planned,
    keys=('arsed', 'assed', 'bothered', 'when i', 'save it', 'start', 'mood', 'can we not'))
fam("stonewalling", r"(?:^|[.!?,]\s*)(?P<hit>(?:don'?t|dont) care)\b(?=\s*(?:[.!,…]|$))(?![^.!?]{0,20}"
    r"\b(?:you pick|you choose|up to you|whatever you|either))|^\s*(?:(?:ok|okay|fine|right|k)\W+)?"
    r"bye then\s*[.!]*\s*$|^\s*(?:fine|right|k)\W+bye\b", no_break_planned,
    keys=('care', 'bye'))
fam("stonewalling", r"\bwhatever\b(?=\s*(?:mate|man|then|babe|bro|hun|love|anyway|yeah|dude|ok|okay|"
    r"fine)\b\s*(?:[.!?,…]|$))", no_break_planned,
    keys=('whatever',))
fam("stonewalling", r"^\s*(?:i'?m|im|i am) (?:so )?done\b(?=\s*,)(?! with (?!this|you|it|us|talking))",
    no_break_planned,
    keys=('done',))

# --- dismissal: minimising their feelings -----------------------------------------------------
fam("dismissal", r"\b(?:<YOURE>|<YOU>|why (?:are|r|do|did) (?:you|u))\s+(?:so |still |really |even |"
    r"getting |get |got |gets )*(?:upset|worked up|stressed|mad|angry|crying|sulking|annoyed|"
    r"bothered|offended|jealous|fussed|wound up|het up|hurt|sad|stroppy|moody) (?:over|about|at|by)"
    r" (?:nothing|a (?:bloody |stupid |silly |tiny |little |small |dumb |daft )|such a|something "
    r"so|literally|just|only|one (?:little|tiny|stupid|silly)|this\?|that\?|a \w+\?)", not_negated,
    keys=('you', 'u ', 'ur', 'ya'))
fam("dismissal", r"\b(?:don'?t|dont|do not|can'?t|cant|cannot) (?:see|get|know|understand) why "
    r"(?:you'?re|youre|ur|you are|u r|you'?d|you would|you (?:got|get|were)) (?:so |even |still |"
    r"getting )*(?:upset|bothered|mad|angry|fussed|stressed|worked up|annoyed|offended|hurt|crying|"
    r"jealous|sulking)\b", no_help_wanted,
    keys=('why',))
fam("dismissal", r"\b(?:silly|stupid|ridiculous|daft|petty|small|tiny|weird|dumb|minor) (?:thing|"
    r"reason) to (?:be|get) (?:so )?(?:upset|angry|mad|worked up|hurt|sad|offended|jealous|"
    r"bothered|cry|crying)\b|\bnothing to (?:be|get) (?:so )?(?:upset|angry|mad|worked up|"
    r"jealous|sad|offended) (?:about|over)\b|\bno (?:reason|need) to (?:be|get|feel) (?:so )?"
    r"(?:upset|angry|mad|sad|hurt|worked up|jealous|offended|stressed)\b|\bnot worth (?:getting|"
    r"being|feeling) (?:so )?(?:upset|angry|worked up|stressed|mad|jealous|sad|hurt)\b|"
    r"\b(?:you'?ll|youll|u'?ll|ul) (?:live|survive)\b(?=\s*[.!…]*\s*$)", not_negated,
    keys=('to be', 'to get', 'to feel', 'not worth', 'live', 'survive'))
fam("dismissal", r"\b(?:it|things) could (?:be|have been) (?:so much |a lot |way |much )?worse\b|"
    r"\b(?:it'?s|its) not like (?:anyone|anybody|someone|somebody) died\b|\bworse things happen\b|"
    r"\bfirst world problems?\b|\blook on the bright side\b|(?:^|[.!?]\s*)cheer up\b(?=\s*[,.!]|"
    r"\s+(?:mate|love|babe|its|it'?s|for god|jeez))", aimed_at_partner, no_ownership,
    keys=('worse', 'died', 'first world', 'bright side', 'cheer up'))
fam("dismissal", r"\b(?:knickers|panties|undies|pants) in a (?:twist|knot|bunch)\b|\bgive it a rest"
    r"\b|\b(?:don'?t|dont) get (?:so )?(?:worked up|wound up|het up|stroppy|arsey|shirty|upset|"
    r"emotional|hysterical)\b|\b(?:stop|quit) (?:whinging|whining|moaning|sooking|carrying on|stressing|"
    r"fussing|freaking out|overthinking|getting (?:so )?(?:upset|worked up|emotional))\b",
    aimed_at_partner, not_negated,
    keys=('knickers', 'panties', 'undies', 'pants', 'rest', 'get', 'stop', 'quit'))
fam("dismissal", r"\b(?:take|takes|taking|took|took|read|reading) (?:things|it|everything|that|this|"
    r"what i say|every ?thing i say|stuff) (?:the wrong way|so (?:literally|seriously)|too "
    r"(?:literally|seriously|hard))\b", aimed_at_partner, not_negated,
    keys=('wrong way', 'literally', 'seriously', 'too hard'))
fam("dismissal", r"\b(?:it was|it'?s|its|that was|i was|was) (?:just |only )?(?:a joke|joking|"
    r"kidding|banter|a bit of banter|a bit of fun|a laugh|having a laugh|messing(?: about| around)?|"
    r"taking the (?:piss|mickey|mick)|winding you up|for a laugh)\b(?=\s*(?:[.!,…]|$|relax|chill|"
    r"calm|mate|lol|god|jeez|omg|get|lighten|you|u\b))", no_ownership, not_negated,
    keys=('joke', 'joking', 'kidding', 'banter', 'fun', 'laugh', 'messing', 'piss', 'mick', 'winding'))
fam("dismissal", r"\b(?:chill|relax)\W+(?=(?:it|this|that) (?:was|is|'?s)\b)", aimed_at_partner,
    no_ownership,
    keys=('chill', 'relax'))
