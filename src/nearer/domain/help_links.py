"""Tappable help: `tel:` and `sms:` links read from a help line's "how to reach it" wording.

The resource files say how to reach a line in plain words ("Call or text 988", "Text SHOUT to
85258", "Call 14416 or 1-800-891-4416"). Each "call"/"text" clause names one or more numbers;
a "text WORD to NUMBER" clause puts the word in the message. Anything else (a website, "press
55 when asked") stays words only, never a guessed link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from nearer.domain.help_resources import load_resources

_NUMBER = r"\d(?:[\d -]*\d)?"
_CLAUSE = re.compile(
    rf"\b(?P<verb>call or text|call|text)\s+"
    rf"(?:(?P<word>[A-Z][A-Z0-9]+)\s+to\s+)?"
    rf"(?P<first>{_NUMBER})(?P<more>(?:\s*(?:,\s*)?or\s+{_NUMBER})*)",
    re.IGNORECASE,
)
_ANY_NUMBER = re.compile(_NUMBER)


@dataclass(frozen=True)
class Contact:
    """One tappable way to reach a help line."""

    kind: str  # "call" or "text"
    number: str  # as written, e.g. "13 11 14"
    href: str  # "tel:131114" or "sms:85258?body=SHOUT"
    word: str = ""  # the word to text, when the line asks for one

    @property
    def label(self) -> str:
        if self.kind == "call":
            return f"Call {self.number}"
        return f"Text {self.word} to {self.number}" if self.word else f"Text {self.number}"


def _digits(number: str) -> str:
    return "".join(ch for ch in number if ch.isdigit())


def _contact(kind: str, number: str, word: str = "") -> Contact:
    digits = _digits(number)
    if kind == "call":
        return Contact("call", number, f"tel:{digits}")
    body = f"?body={quote(word)}" if word else ""
    return Contact("text", number, f"sms:{digits}{body}", word)


def contacts(how: str) -> tuple[Contact, ...]:
    """The call and text links in `how`, in the order written, each number once per kind."""
    found: list[Contact] = []
    for match in _CLAUSE.finditer(how):
        verb = match["verb"].lower()
        kinds = ("call", "text") if verb == "call or text" else (verb,)
        word = (match["word"] or "").upper() if verb == "text" else ""
        numbers = [match["first"], *_ANY_NUMBER.findall(match["more"] or "")]
        for number in numbers:
            for kind in kinds:
                contact = _contact(kind, number.strip(), word)
                if contact not in found:
                    found.append(contact)
    return tuple(found)


def emergency_contacts(number_text: str) -> tuple[Contact, ...]:
    """Call links for each emergency number the text names: "000", "112 or 999", or the
    fallback's words ("… (112 works from mobiles in many countries; 911 in North America …)"),
    so that someone who has not set a country still has a number to tap. The field names only
    emergency numbers, so every short number in it is one."""
    numbers = dict.fromkeys(re.findall(r"(?<![\d-])\d{2,4}(?![\d-])", number_text))
    return tuple(_contact("call", n) for n in numbers)


def country_choices() -> list[tuple[str, str]]:
    """(code, country name) for each country with its own help file, by name."""
    from nearer.domain.help_resources import available_countries

    pairs = [(code, load_resources(code).country_name) for code in available_countries()]
    return sorted(pairs, key=lambda pair: pair[1])
