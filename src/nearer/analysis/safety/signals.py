"""Further warning-sign families for the safety detector (written for Nearer, MIT).

Grounded in the same sources as the other rule modules: the warning signs of suicide in the
US National Action Alliance / AFSP public guidance (saying goodbye, getting affairs in order,
wishing not to wake), and the signs of abuse and coercive control (Stark 2007; Campbell et al.
2003): weapons shown, injuries in the shape of a hand, withholding medication, degrading acts,
fear responses, and control of passwords, food, clothing and friendships. Each family is written
as a pattern over forms of the words, never as a copy of an example sentence.
"""

from __future__ import annotations

from nearer.analysis.safety.everyday import EVERYDAY_RULES
from nearer.analysis.safety.rules import Rule, rule

S = "self_harm"
V = "violence"
_HE = r"(?:he|she|they|my\s+(?:partner|husband|wife|bf|gf|boyfriend|girlfriend))"

SIGNAL_RULES: tuple[Rule, ...] = (
    # Self-harm: wishing not to see the morning; not wanting to be rescued; goodbyes in writing.
    rule(
        S,
        "concern",
        r"\b(?:pray|hope|wish)\w*\s+(?:that\s+)?i\s+(?:don'?t|dont|won'?t|wont|never|"
        r"do\s+not|will\s+not)\s+(?:see|make\s+it\s+to|get\s+to\s+see|wake"
        r"(?!\s+(?:up\s+)?(?:too\s+|so\s+)?(?:early|late|before|in\s+time|the\s|him|her|you|them|"
        r"everyone)))\b",
        "wishes not to wake or see another day",
        "pray hope wish",
    ),
    rule(
        S,
        "concern",
        r"\b(?:don'?t|dont|do\s+not)\s+want\s+to\s+be\s+(?:rescued|saved|found|"
        r"helped\s+anymore)\b",
        "says they do not want to be saved",
        "rescued saved found helped",
    ),
    rule(
        S,
        "urgent",
        r"\b(?:drafting|drafted|writing|wrote|written|leaving|left)\s+(?:my\s+|a\s+)?"
        r"(?:goodbye\s+(?:message|letter|note|text)s?|(?:last|final)\s+(?:letter|note|words)s?|"
        r"(?:last|final)\s+(?:message|text)s?\s+to\s+(?:him|her|them|you|everyone|my\s+(?:kids|"
        r"children|family|mum|mom|dad|partner|husband|wife|sister|brother))\b)",
        "mentions writing a goodbye or last message",
        "last final goodbye",
    ),
    rule(
        S,
        "concern",
        r"\bwould\s+(?:it|anyone)\s+(?:even\s+|really\s+)?(?:matter|notice|care)\s+"
        r"if\s+i\s+(?:just\s+)?(?:faded|disappeared|vanished|was\s+gone|were\s+gone|wasn'?t\s+here|"
        r"died|stopped\s+existing)\b",
        "wonders whether their death would matter",
        "matter notice care",
    ),
    rule(
        S,
        "concern",
        r"\b(?:couldn'?t|can'?t|cannot|could\s+not)\s+(?:find|see)\s+(?:another|any\s+"
        r"other)\s+way\s+out\b|\bmade\s+my\s+(?:choice|decision)\b(?=.{0,80}\b(?:forgive|sorry|"
        r"don'?t\s+worry|goodbye|after\s+this)\b)|\b(?:forgive|sorry)\b.{0,60}\bmade\s+my\s+"
        r"(?:choice|decision)\b",
        "speaks of no way out or a final choice",
        "way_out choice decision",
    ),
    rule(
        S,
        "urgent",
        r"\b(?:don'?t|dont|do\s+not)\s+(?:worry|grieve|cry)\s+(?:about|for|over)\s+me\s+"
        r"(?:after\s+(?:this|tonight|today)|when\s+i'?m\s+gone)\b",
        "says goodbye as if leaving for good",
        "worry grieve cry",
    ),
    rule(
        S,
        "concern",
        r"\b(?:kids|children|family|everyone|they)\s+(?:would|'d)\s+(?:do|be)\s+"
        r"better\s+with\s+(?:\w+\s+){1,3}(?:raising|looking\s+after|caring\s+for)\s+them\b",
        "says others would do better without them",
        "better_with",
    ),
    # Violence: weapons pointed, threats of being next, hand-shaped injuries, degrading acts.
    rule(
        V,
        "urgent",
        r"\bpoint(?:ed|s|ing)?\s+(?:a|the|his|her|their|my)\s+(?:\w+\s+)?(?:gun|rifle|"
        r"shotgun|pistol|knife|blade|crossbow|weapon)\s+at\s+(?:me|us|the\s+kids|my\s+\w+)\b",
        "describes a weapon pointed at them",
        "pointed points pointing point",
    ),
    rule(
        V,
        "urgent",
        r"\b(?:i'?d|i\s+would|i'?ll|i\s+will|i'?m|you'?d|you'?ll)\s+be\s+next\b",
        "describes being told they would be next",
        "be_next",
        needs=rf"\b(?:{_HE}|told|said|warned|threat\w*)\b",
    ),
    rule(
        V,
        "urgent",
        r"\bbruis\w*\s+(?:shaped\s+like|in\s+the\s+shape\s+of)\s+(?:his|her|their|a)\s+"
        r"(?:hand|fingers?|fist|thumb)s?\b|\b(?:his|her|their)\s+(?:hand|finger|thumb)\s*(?:print|mark)s?"
        r"\s+(?:on|around)\s+my\b",
        "describes marks from a hand",
        "shaped shape print mark",
    ),
    rule(
        V,
        "urgent",
        rf"\b{_HE}\s+(?:won'?t|wont|will\s+not|doesn'?t|never)\s+let\s+me\s+(?:take|have|"
        r"get|use)\s+my\s+(?:insulin|medication|meds|medicine|pills|tablets|inhaler|prescription)\b",
        "describes medication being withheld",
        "insulin medication meds medicine pills tablets inhaler prescription",
    ),
    rule(
        V,
        "urgent",
        rf"\b{_HE}\s+(?:made|makes|forced|forces)\s+me\s+(?:to\s+)?(?:kneel|beg|crawl|"
        r"grovel|sleep\s+(?:on\s+the\s+floor|outside|in\s+the\s+car)|stand\s+in\s+the\s+corner)\b",
        "describes being forced into degrading acts",
        "kneel beg crawl grovel sleep stand",
    ),
    rule(
        V,
        "concern",
        r"\bi\s+(?:flinch|freeze|tense\s+up|start\s+shaking|shake)\w*\s+(?:when|whenever|"
        r"every\s+time)\s+(?:he|she|they|i\s+hear\s+(?:his|her|their)|the\s+(?:key|door|car))\b",
        "describes fear reactions to a partner",
        "flinch freeze tense shaking shake",
    ),
    rule(
        V,
        "concern",
        r"\b(?:bag|suitcase|things)\s+packed\s+(?:at\s+[\w']+\s+(?:house|place|flat)\s+)?"
        r"(?:at\s+[\w']+\s+)?in\s+case\b(?=.{0,60}\b(?:he|she|tonight|bad|worse|kicks\s+off)\b)",
        "describes an escape plan",
        "packed",
    ),
    # Coercive control.
    rule(
        V,
        "concern",
        rf"\b{_HE}\s+(?:has|have|demands|wants|checks|takes)\s+(?:all\s+)?my\s+"
        r"passwords?\b|\b{0}\s+stands?\s+over\s+me\b|\b{0}\s+counts?\s+(?:the\s+)?(?:food|calories|"
        r"money|receipts|miles)\b|\b{0}\s+decides?\s+(?:whether|if|who|where|when|what)\s+i\b".replace(
            "{0}", _HE
        ),
        "describes controlling behaviour",
        "password passwords stands counts count decides decide",
    ),
    rule(
        V,
        "concern",
        r"\bi\s+(?:can'?t|cant|cannot|am\s+not\s+allowed\s+to|'m\s+not\s+allowed\s+to|"
        r"m\s+not\s+allowed\s+to)\s+(?:wear|see|go|leave|talk\s+to|call|text)\b",
        "describes rules imposed by a partner",
        "wear see go leave talk call text",
        needs=rf"\b(?:{_HE}\s+(?:says|said|won'?t|doesn'?t)|allowed|let\s+me)\b",
    ),
    rule(
        V,
        "urgent",
        r"\b(?:break|snap)\s+(?:his|her|their)\s+(?:legs?|arms?|neck|jaw|nose|face)\b",
        "mentions wanting to hurt someone",
        "break snap",
        hyperbole=True,
        joke_level="none",
        skip_if=r"\b(?:leg\s+in\s+the\s+show|on\s+stage|audition|skiing|fell|game|lol|haha\w*)\b",
    ),
)
# Round-3 everyday families live in their own module; chained here so safety.py stays as is.
SIGNAL_RULES += EVERYDAY_RULES
