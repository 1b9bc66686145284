"""Coach rules for voices found in round 2: fragments, shouting, mock baby talk, non-apologies.

Written after measuring the coach on benchmarks/data/coach_probe.jsonl: subject-less text
fragments ("late again. every. single. time."), tu quoque ("you do exactly the same"), denial
with a reframe ("I wasn't shouting, I was talking loudly"), mock baby talk ("did someone get their
feelings hurt"), idioms of superiority ("wouldn't know X if it bit you"), refusals ("I've said all
I'm going to say", "end of."), and minimising ("no point being upset", "over a joke?"). Each rule
is a pattern over a family of phrasings, never one sentence. Kinds follow Gottman's Four Horsemen
(Gottman 1994; Gottman & Silver 1999) plus blame and dismissal as defined in issue 4.
"""

from __future__ import annotations

import re

from nearer.analysis.coach import context as cx
from nearer.analysis.coach.families import habit_again, not_fond, not_praising
from nearer.analysis.coach.rules import (
    _PRAISE_AFTER_NEVER,
    Check,
    Rule,
    aimed_at_partner,
    make_rule,
    no_break_planned,
    no_ownership,
    not_negated,
    not_playful,
    not_warm,
)

VOICE_RULES: list[Rule] = []


def voice(kind: str, pattern: str, *checks: Check, why: str | None = None) -> None:
    VOICE_RULES.append(make_rule(kind, pattern, *checks, why=why))


def lapse_not_praised(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    """'You have not once, in all this, asked' blames; 'not once let me down' praises.

    As after "never", warm words after "not once" are what is missing ("not once said thank you").
    """
    rest = re.sub(r"^\s*,[^,.!?]{0,40},", "", c.text[e:])
    return not _PRAISE_AFTER_NEVER.match(rest)


def dry_tone(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    """Praise said flatly after 'wow.' is sarcasm; with '!' or thanks it is praise."""
    return "!" not in c.text and not_praising(c, m, s, e)


def not_reassuring(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    return not cx.reassures(c.text) and not re.search(r"\byourself\b", c.text, re.I)


# --- blame: fragments, contractions, "all the time" -------------------------------------------
voice("blame", r"(?:^|[.!?]\s*)(?:late|forgot(?:ten)?|drunk|gaming|out|working late|cancell?ing|"
      r"cancell?ed|on (?:your|ur|that|the) phone) again\b", habit_again)
voice("blame", r"\bevery[.!]*\s+single[.!]*\s+(?:time|day|night|week|weekend)\b(?=\s*[.!?…]*\s*$)",
      not_warm, not_fond, not_playful)
voice("blame", r"\b<YOU>(?:\s*'?\s*ve|\s+have|\s*'?\s*d|\s+had)\s+(?:just\s+|totally\s+|completely\s+)?"
      r"(?:ruined|wrecked|destroyed|spoiled|spoilt|screwed up|messed up|fucked up) (?:everything|"
      r"it|this|that|the|my|our|every|us|things)\b", not_negated)
voice("blame", r"\b(?:it|this|that)(?: (?:mess|fight|argument|problem|situation|whole thing|lot|"
      r"one))?(?: is| was|'s|s) (?:all |entirely |totally |completely )?(?:on|down to) (?:you|u)\b",
      not_negated)
voice("blame", r"\b<YOU>(?:\s*'?\s*ve|\s+have|\s+has|\s+did|\s*'?\s*d)?\s+not (?:once|one time|a "
      r"single time|even once)\b|\b<YOU> (?:haven'?t|havent|didn'?t|didnt) (?:once|even once|one "
      r"single time)\b", lapse_not_praised)
voice("blame", r"\b(?:<YOU>|are (?:you|u))\b[^.!?,]{1,40}?\ball the (?:bloody |damn |flipping |"
      r"freaking )?time\b(?!\s+(?:too|as well|yourself))", not_negated, not_warm, not_playful,
      not_fond)
voice("blame", r"\bevery (?:single )?\w+\W+(?:it'?s|its) (?:always )?the same\b(?=\s*[,;:.!-])",
      not_warm)

# --- criticism ---------------------------------------------------------------------------------
voice("criticism", r"\bsomething (?:not right|off|missing|broken) (?:with|in) (?:you|u)\b",
      not_negated)
voice("criticism", r"\b<YOU>(?:\s*'?\s*ve|\s+have)\s+(?:got|get) (?:no|zero|absolutely no) "
      r"(?:respect|consideration|empathy|idea|clue|sense|shame|self[- ]control|backbone|spine|heart|"
      r"manners|ambition|decency|common sense)\b", not_negated)

# --- contempt: sarcasm, baby talk, idioms of superiority -------------------------------------
voice("contempt", r"(?:^|\b(?:wow|oh|well|ok|okay|yeah|right)\W+)(?:you'?re|youre|ur|you are|u r) "
      r"(?:such )?(?:a |an )?(?:real |absolute |total |proper )?(?:genius|einstein|rocket "
      r"scientist|mastermind|comedian|saint)\b(?=\W*(?:truly|really|clearly|honestly|lol|🙄)?\W*$)",
      dry_tone)
voice("contempt", r"\blisten to (?:you|u)\b(?=\s*[,.!…—-])|\b(?:whining|whinging|crying|sulking|"
      r"acting|behaving|sounding|moaning|stropping) like an? (?:\w+ )?(?:toddler|child|kid|baby|"
      r"teenager|brat|(?:two|five|\d+)[- ]year[- ]old)\b", aimed_at_partner, not_playful)
voice("contempt", r"\b(?:anyone|anybody|nobody|no one|someone|somebody) with (?:half a brain|a "
      r"brain|any sense|common sense|an ounce of sense|a brain cell|two brain cells)\b")
voice("contempt", r"\b(?:aw+|oh bless|bless)\W+(?:did|does|is|has) (?:someone|somebody|(?:the )?"
      r"(?:little |big )?(?:baby|\w+ bad \w+)|(?:you|u|ur|your) ?(?:little|big)?)\b|\bdiddums\b|"
      r"\bdid (?:someone|somebody|the (?:little )?baby) get\b", not_praising)
voice("contempt", r"\b<YOU> (?:really|actually|honestly|seriously|genuinely) (?:thought|believed|"
      r"expected) (?:that|this|it) (?:would|was going to|could)\b", not_playful)
voice("contempt", r"\b(?:what )?(?:are|r) (?:you|u),? (?:like )?(?:two|three|four|five|six|seven|"
      r"eight|nine|ten|eleven|twelve|thirteen|fourteen|\d{1,2})(?: years old)?\s*\?")
voice("contempt", r"\b<YOU> (?:wouldn'?t|wouldnt|would not) know (?:\w+ ){1,3}if (?:it|one|they|"
      r"she|he) (?:bit|hit|slapped|smacked|kicked|punched|fell on) (?:you|u)\b")
voice("contempt", r"\b(?:sure|right|yeah|yes|of course|ok|okay)\W+(?:because|cos|cuz|coz|'?cause) "
      r"(?:you'?re|youre|ur|you are) (?:such |so )?(?:the |an |a )?(?:big |great |world )?"
      r"(?:expert|authority|genius|master|professional|perfect|wise|clever|mature)\b")
voice("contempt", r"\b(?:your|ur) head is not (?:correct|working|right)\b|\b(?:your|ur) (?:brain|"
      r"head) (?:is empty|doesn'?t work|is not working)\b")
voice("contempt", r"\bwhat an? (?:pathetic|lame|feeble|sad|weak|laughable|ridiculous|stupid|"
      r"pitiful) (?:excuse|effort|attempt|apology|performance|joke)\b|\bdid (?:you|u) (?:seriously|"
      r"really|honestly|actually) think (?:i'?d|i would|i'?m|i was|anyone would)\b", not_playful)
voice("contempt", r"\b(?:forgive|excuse|pardon) me if i (?:don'?t|dont|can'?t|cant|do not) take "
      r"(?:this|it|you|that|your \w+) (?:too |very |all that )?seriously\b")

# --- defensiveness: tu quoque, denial with a reframe, non-apologies, excuses ------------------
voice("defensiveness", r"\bso (?:don'?t|dont) (?:even|you dare)\b(?=\s*[.!…]*\s*$)", no_ownership)
voice("defensiveness", r"\bwhat (?:(?:exactly|else|more|the hell|on earth|even|then)\s+)+do "
      r"(?:you|u) (?:even )?want from me\b|\bi (?:don'?t|dont|do not) know what (?:(?:else|more) )?"
      r"(?:you|u) want\b(?=\s*[.!?…]|\s*$| from me)", no_ownership)
voice("defensiveness", r"\b(?:so|now)\W+(?:\w+\W+)?(?:i'?m|im|i am) (?:the|a) (?:bad guy|villain|bad "
      r"one|monster|problem|one in the wrong)\b")
voice("defensiveness", r"\b<YOU> (?:do|did|say|said|are|were)(?: \w+)? (?:exactly )?the (?:exact )?"
      r"same(?: thing| things| stuff)?(?=\s*(?:[.!?,…]|$|and\b|all the time|every|to me|too|last "
      r"(?:week|night|time|month|year)|yesterday|before))",
      not_warm, not_playful)
voice("defensiveness", r"\b(?:it'?s|its|it is) not like (?:you|u)(?:'ve| have| haven'?t| had)?"
      r"(?: (?:never|ever|don'?t|didn'?t|haven'?t|are perfect)|'?re perfect| r perfect)\b")
voice("defensiveness", r"\bstop (?:making out|acting like|pretending|making it (?:sound|look)) "
      r"(?:like |that |as if )?i\b|^\s*(?:but|yeah but|well) (?:you|u) \w+[^.!?]{0,60}\b(?:so|too|"
      r"either)\s*[.!?]*\s*$", no_ownership)
voice("defensiveness", r"\bi can'?t be everywhere at once\b|\bi cant be everywhere at once\b|"
      r"\bi'?m only (?:one person|human)\b|\bi only have two hands\b", no_ownership)
voice("defensiveness", r"\bi (?:didn'?t|didnt|did not|wasn'?t|wasnt|was not|never) (?:\w+)(?: \w+)?,? "
      r"i (?:just|only|simply|merely|was (?:just |only )?\w+ing)\b", no_ownership)
voice("defensiveness", r"\bif (?:you|u)(?:\s+had|\s*'?\s*d) (?:just |only |actually )?(?!like|love|prefer|"
      r"rather|want)\w+\b[^.!?]{0,40}\bi (?:would|wouldn'?t|wouldnt|'?d)\b", no_ownership)
voice("defensiveness", r"\b(?:everyone|everybody) (?:forgets|does (?:it|that)|is late|gets (?:it )?"
      r"wrong)\b", no_ownership, not_reassuring)

# --- stonewalling --------------------------------------------------------------------------------
voice("stonewalling", r"^\s*(?:ok|okay|fine|right|k|cool|sure|noted|great|whatever|(?:i'?m|im|i am) "
      r"(?:so )?done)\W+(?:bye|night|goodnight|whatever)\s*[.!]*\s*$",
      no_break_planned)
voice("stonewalling", r"\btalk to (?:yourself|urself|the wall)\b|(?:^|[.!?,]\s*)end of\s*[.!]*\s*$|"
      r"\bi'?ve said (?:all )?(?:i'?m|im|i am) (?:going to|gonna) say\b|\bnot going there\b"
      r"(?=\s*[.!?,…]*\s*$|\s+again)|\b(?:i'?m|im|i am) not (?:reading|answering|replying to|"
      r"opening) (?:any of )?(?:it|this|them|your (?:texts|messages|calls)|you)\b|"
      r"\b(?:don'?t|dont) bother\b(?=\s*[.!…]*\s*$)", no_break_planned)
voice("stonewalling", r"\bi (?:just|simply|really|honestly) (?:won'?t|will not|don'?t want to|"
      r"refuse to) (?:talk|discuss|go over|get into)\b", no_break_planned)

# --- dismissal ---------------------------------------------------------------------------------
voice("dismissal", r"\b(?:why )?(?:does|do) (?:everything|every little thing|it all|this) (?:always )?"
      r"(?:have to|need to|got to|gotta) be (?:such |so )?(?:a (?:big |huge )?(?:deal|drama|thing|"
      r"production|saga)|dramatic)\b")
voice("dismissal", r"\bno that (?:bad|serious|big a deal)\b|\bstop (?:greetin|bawling|blubbering|"
      r"snivell?ing|weeping|being a cry ?baby)\b|\bstop greeting\b(?=\s*[.!,…]*\s*$)", not_negated)
voice("dismissal", r"\bi (?:can'?t|cant|don'?t|dont|won'?t) take (?:you|u|this|it|that|your \w+) "
      r"(?:too |very |all that )?seriously\b", not_negated)
voice("dismissal", r"(?:[-–—,.…]\s*|\b(?:all this|upset|crying|hurt|angry|mad|sulking|humiliated|"
      r"offended)\s+)(?:over|about) (?:a|one|some|just a|a little|a tiny|a silly|a stupid) ?"
      r"(?:joke|comment|text|remark|word|thing|mistake|email)\s*\?", not_negated)
voice("dismissal", r"\bnot worth (?:crying|getting upset|being upset|getting worked up|stressing|"
      r"losing sleep|tears) (?:over|about)\b|\b(?:there'?s|theres|there is) no (?:point|use|sense) "
      r"(?:in )?(?:being|getting|feeling|crying|staying) (?:so )?(?:upset|angry|mad|sad|hurt|"
      r"worked up|stressed|jealous|annoyed)\b")
voice("dismissal", r"\b(?:the way )?(?:you|u) (?:went on|carried on|go on|kicked off|reacted|acted|"
      r"got upset|freaked out)\b[^.!?]{0,40}\b(?:was|is) (?:just |so |a bit |really |pretty |kind of )?"
      r"(?:silly|ridiculous|over the top|dramatic|a bit much|too much|childish|unnecessary|petty)\b",
      not_negated)
voice("dismissal", r"\b(?:people|ppl|folks|others|loads of people) (?:have|got) it (?:way |much |so "
      r"much |a lot |far )?worse\b(?! than (?:us|me))")
voice("dismissal", r"(?:^|[.!?,]\s*|\b(?:babe|hun|love|mate|oh|come on|stop it)\W+)(?:you'?re|youre|"
      r"ur|you are) (?:absolutely |totally |perfectly )?fine\b(?=\s*[.!]|\s*$)", not_reassuring,
      not_praising)
voice("dismissal", r"\b(?:did|does|has) (?:someone|somebody|(?:the )?(?:little )?baby|(?:you|u)) "
      r"(?:get|got|have) (?:their|his|her|your|ur|its) (?:little )?feelings hurt\b")
