"""Append hand-written lines to data/train/{coach,emotions,safety}_{train,dev}.jsonl.

Lines are written in a compact form on stdin and become JSONL rows:

    @voice texting          (sets the voice for the lines after it)
    B you never listen      (codes, a space, the text)

Coach codes: B blame, C criticism, T contempt, D defensiveness, S stonewalling, M dismissal,
X threat (several letters for several kinds), G gentle, P gentle trap (kind words that harsh
messages also use), Z the writer's own distress (no kind, marked `"distress": true`: the safety
head never learns it as none). Emotion codes: j joy, l love, s sadness, a anger, f fear, h shame,
n neutral (several letters allowed, the main family first). Safety codes (one letter): S
self_harm, V violence against the writer (writer_harmed), W violence by the writer
(writer_threatens), N none.

A coach or emotion line's split is fixed by a seeded hash of its id, so about 15 % go to the dev
file and appending never moves an earlier line; with `--dev-voices a,b` the lines of a batch are
split by voice instead (those voices to dev, the rest to train). Safety lines are always split by
voice (every australian, older and samesex line is dev; see data/train/README.md), numbered per
file. A line is refused (said on stderr) when it repeats a line of the files or of a benchmark set,
or shares 70 % of its words with one (shared words over the larger word set of the two).
Usage: `python training/add_lines.py coach|emotions|safety [--dev-voices a,b] < lines.txt`.
Written for Nearer, MIT.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "train"
sys.path.insert(0, str(ROOT / "training"))

import splits  # noqa: E402

SEED = "nearer-detectors-2026"
DEV_SHARE = 15  # percent
SAFETY_ROUND12_TRAIN = ("glaswegian", "cockney", "essex", "lancashire", "norfolk", "philly",
                        "chicago", "minnesotan", "puerto_rican", "l1_punjabi", "l1_yoruba",
                        "l1_zulu", "l1_burmese", "l1_lithuanian", "l1_catalan", "cameroonian",
                        "malawian", "l1_cantonese")
SAFETY_ROUND12_DEV = ("belfast", "ozark", "queensland", "l1_somali", "l1_finnish", "antiguan")
# Safety round 13 (same day): hard look-alikes with a few disclosures, 24 more voices.
SAFETY_ROUND13_TRAIN = ("stoke", "swansea", "inverness", "teesside", "bermudian", "nevisian",
                        "pittsburgh", "kansas_city", "sacramento", "l1_hausa", "l1_oromo",
                        "l1_bosnian", "l1_albanian", "l1_macedonian", "l1_danish", "l1_basque",
                        "l1_galician", "l1_kannada")
SAFETY_ROUND13_DEV = ("cork", "caymanian", "tulsa", "l1_tigrinya", "l1_icelandic", "l1_telugu")
# Safety round 14 (2026-12-06, session 13): indirect control and self-harm, long ordinary entries.
SAFETY_ROUND14_TRAIN = ("sheffield", "leeds", "aberdeen_doric", "cardiff", "donegal", "kerry",
                        "manchester", "atlanta", "l1_odia", "miami", "milwaukee", "nashville",
                        "denver", "toronto", "melbourne", "maori_english", "l1_gujarati",
                        "l1_wolof", "l1_javanese", "l1_spanish_colombia")
SAFETY_ROUND14_DEV = ("guernsey", "memphis", "alberta", "samoan", "l1_kurdish",
                      "l1_spanish_argentina")
# Safety round 15 (2026-12-06, session 14): the same mix in 26 more voices.
SAFETY_ROUND15_TRAIN = ("galloway", "sussex", "devon", "wigan", "carlisle", "gold_coast",
                        "portland_maine", "el_paso", "tucson", "buffalo_ny", "cincinnati",
                        "raleigh", "l1_bengali", "l1_malayalam", "l1_kinyarwanda", "l1_luganda",
                        "l1_assamese", "l1_mizo", "fiji_hindi", "auckland_pasifika")
SAFETY_ROUND15_DEV = ("jersey_shore_nj", "anguillan", "l1_konkani", "l1_kyrgyz", "hobart",
                      "montserratian")
# Safety round 16 (2026-12-06, session 15): look-alikes first (12 of 36 per voice), indirect
# violence and the writer's threats, in 24 more voices.
SAFETY_ROUND16_TRAIN = ("yorkshire_dales", "isle_of_man", "limerick_city", "boise", "anchorage",
                        "l1_tamil_sri_lanka", "l1_tok_pisin", "darwin", "kittitian",
                        "bristol_west", "birmingham_al", "savannah_ga", "l1_kirundi", "perth_wa",
                        "nova_scotia", "dominican_wi", "bahamian_out_island", "cumbria_fells")
SAFETY_ROUND16_DEV = ("fermanagh", "albuquerque", "l1_maltese", "des_moines", "l1_setswana",
                      "townsville")
# safety round 18 (2026-12-07, session 18): who is at risk, 24 voices, four of them dev
SAFETY_ROUND18_TRAIN = ("hartlepool", "stornoway", "ballymena", "london_mle", "caymanian",
                        "islamabad", "soweto", "bulawayo", "bradford_asian", "bermudian",
                        "lumbee_nc", "hamilton_on", "koreatown_la", "kisumu_ke", "arusha_tz",
                        "lagos_naija_pidgin", "bamenda_cameroon", "richmond_bc_hk_canadian",
                        "guam_local", "niue_alofi")
SAFETY_ROUND18_DEV = ("cavan", "kolkata", "kansas_city_mo", "gulu_ug")
# safety round 19 (2026-12-07, session 19): indirect self-harm, everyday control, look-alikes;
# 28 voices, four of them dev
SAFETY_ROUND19_TRAIN = ("wrexham", "oban", "portrush", "barnsley", "kendal", "lerwick", "tralee",
                        "akron", "regina", "saskatoon", "cairns_qld", "nadi_fj", "kisumu",
                        "lusaka", "harare", "gaborone", "pune", "mangalore", "jaipur", "kandy",
                        "sylhet", "cebu", "davao", "windhoek")
SAFETY_ROUND19_DEV = ("dundalk", "winnipeg", "kampala_teen", "singapore_older")
# safety round 23 (2026-12-07, session 23): indirect self-harm and its look-alikes, 24 voices, all
# in the train split (the dev split stays as it was, so figures before and after compare)
SAFETY_ROUND23_TRAIN = ("broken_hill", "whakatane", "bogura", "galle_fort", "varna_expat",
                        "tumkur", "makeni", "kisii", "longreach", "ozamiz", "silchar", "nellore",
                        "port_hedland", "westport_nz", "comilla", "ratnapura", "burgas_expat",
                        "hassan_ka", "bonthe", "bungoma", "charters_towers", "dipolog",
                        "cooch_behar", "ongole")
VOICES = {"texting", "journal", "british", "australian", "indian", "american", "nonnative",
          "older", "younger", "samesex",
          # added in round 2 (data-coach): English from more places
          "scottish", "irish", "nigerian", "singaporean", "southafrican", "canadian",
          # safety round 12 (2026-12-06, session 12): 24 more voices, six of them dev (SAFETY_DEV_VOICES)
          *SAFETY_ROUND12_TRAIN, *SAFETY_ROUND12_DEV, *SAFETY_ROUND13_TRAIN, *SAFETY_ROUND13_DEV,
          *SAFETY_ROUND14_TRAIN, *SAFETY_ROUND14_DEV, *SAFETY_ROUND15_TRAIN, *SAFETY_ROUND15_DEV,
          *SAFETY_ROUND16_TRAIN, *SAFETY_ROUND16_DEV, *SAFETY_ROUND18_TRAIN, *SAFETY_ROUND18_DEV,
          *SAFETY_ROUND19_TRAIN, *SAFETY_ROUND19_DEV, *SAFETY_ROUND23_TRAIN}
NEAR = 0.7  # a line sharing this share of its words with a known line is refused
_WORD = re.compile(r"[a-z0-9']+")
COACH = {"B": "blame", "C": "criticism", "T": "contempt", "D": "defensiveness",
         "S": "stonewalling", "M": "dismissal", "X": "threat"}
SAFETY = {"S": ("self_harm", "writer_self_harm"), "V": ("violence", "writer_harmed"),
          "W": ("violence", "writer_threatens"), "N": ("none", None)}
SAFETY_DEV_VOICES = {"australian", "older", "samesex", *SAFETY_ROUND12_DEV, *SAFETY_ROUND13_DEV,
                     *SAFETY_ROUND14_DEV, *SAFETY_ROUND15_DEV, *SAFETY_ROUND16_DEV,
                     *SAFETY_ROUND18_DEV, *SAFETY_ROUND19_DEV}
EMOTIONS = {"j": "joy", "l": "love", "s": "sadness", "a": "anger", "f": "fear", "h": "shame",
            "n": "neutral"}
TOPICS = {
    "money": r"money|pay|paid|bill|rent|mortgage|debt|bank|card|spend|spent|cost|salary|budget|"
             r"quid|bucks|dollars|rupees|savings|loan",
    "kids": r"kid|child|son|daughter|baby|school|nursery|toddler|teen|bedtime|nappy|diaper",
    "in-laws": r"mum|mom|mother|dad|father|in-law|sister|brother|family|parents|aunt|nan|gran",
    "sex": r"\bsex|bed\b|intimacy|intimate|touch|kiss|desire",
    "screens": r"phone|screen|tv|telly|netflix|game|instagram|tiktok|scroll|laptop|xbox|console",
    "work": r"work|job|boss|office|shift|meeting|overtime|deadline|client|career",
}


def topic_of(text: str) -> str:
    low = text.lower()
    for name, pattern in TOPICS.items():
        if re.search(pattern, low):
            return name
    return "other"


def is_dev(row_id: str) -> bool:
    return int(hashlib.sha256(f"{SEED}:{row_id}".encode()).hexdigest(), 16) % 100 < DEV_SHARE


def benchmark_lines(detector: str) -> set[str]:
    """Every text a benchmark set of this detector holds (files or folders named after it), and
    its lines held back from training (data/train/held_back)."""
    lines = {row["text"].strip().lower() for row in held_back(detector)}
    paths = {p for p in (ROOT / "benchmarks" / "data").rglob("*.jsonl")
             if detector in str(p.relative_to(ROOT / "benchmarks" / "data"))}
    for path in sorted(paths):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                lines.add(json.loads(line)["text"].strip().lower())
    return lines


def held_back(detector: str) -> list[dict[str, Any]]:
    """The rows of this detector held back from training (data/train/held_back)."""
    return [json.loads(line)
            for path in sorted((DATA / "held_back").glob(f"{detector}_*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def voiced(lines: Iterable[str], comments: bool = False,
           voices: set[str] | None = None) -> Iterator[tuple[str | None, str, str, str]]:
    """(voice, code, text, the line as written) for each line to add. `@voice NAME` sets the voice
    of the lines after it (one of `voices`, where given); blank lines (and `#` comments, where
    `comments`) are passed over."""
    voice = None
    for raw in lines:
        line = raw.strip()
        if not line or (comments and line.startswith("#")):
            continue
        if line.startswith("@voice "):
            voice = line.split()[1]
            if (voices is not None and voice not in voices) or not re.fullmatch(r"[a-z0-9_]+", voice):
                raise SystemExit(f"unknown voice {voice!r}")
            continue
        code, _, text = line.partition(" ")
        yield voice, code, text.strip(), raw


def words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text.lower()))


class Seen:
    """The lines known so far (files and benchmark sets), by text and by their words."""

    def __init__(self, texts: Iterable[str] = ()) -> None:
        self.texts: set[str] = set()
        self.by_word: dict[str, list[frozenset[str]]] = {}
        for text in texts:
            self.add(text)

    def add(self, text: str) -> None:
        self.texts.add(text.strip().lower())
        found = words(text)
        for word in found:
            self.by_word.setdefault(word, []).append(found)

    def near(self, text: str) -> bool:
        """Whether a known line shares NEAR of the words of the larger of the two. Such a line
        holds at least ceil(NEAR * n) of this line's n words, so at least one of any
        n - ceil(NEAR * n) + 1 of them: only lines holding one of the rarest are compared."""
        mine = words(text)
        need = math.ceil(NEAR * len(mine))
        rarest = sorted(mine, key=lambda w: len(self.by_word.get(w, ())))[:len(mine) - need + 1]
        return any(len(mine & other) / max(len(mine), len(other)) >= NEAR
                   for word in rarest for other in self.by_word.get(word, ()))


def fresh(text: str, seen: Seen) -> bool:
    """Whether the text is new to the files and the benchmark sets, and not within NEAR word
    overlap of any line there (then it counts as seen); a refusal is said on stderr."""
    if text.strip().lower() in seen.texts or seen.near(text):
        print(f"too close to a known line (a file or a benchmark set), skipped: {text}",
              file=sys.stderr)
        return False
    seen.add(text)
    return True


def known(names: dict[bool, str], seen: Seen) -> dict[bool, int]:
    """Every line of the train (False) and dev (True) splits into `seen`; the highest id number
    of each."""
    counts = {False: 0, True: 0}
    for dev, name in names.items():
        for row in splits.rows(name, DATA):
            seen.add(row["text"])
            counts[dev] = max(counts[dev], int(row["id"].rsplit("-", 1)[1]))
    return counts


def held_back_numbers(detector: str, prefix: str = "") -> list[int]:
    """The id numbers (of ids starting with `prefix`) of the lines held back from training
    (data/train/held_back), so a new line never takes the id of one of them."""
    return [int(row["id"].rsplit("-", 1)[1]) for row in held_back(detector)
            if row["id"].startswith(prefix)]


def append(names: dict[bool, str], added: dict[bool, list[str]]) -> None:
    """Append the new rows (JSON lines) to the train (False) and dev (True) splits, each to its
    last file (splits.append_file)."""
    for dev, rows in added.items():
        if rows:
            with splits.append_file(names[dev], DATA).open("a", encoding="utf-8") as handle:
                handle.write("\n".join(rows) + "\n")


def add_safety(lines: list[str]) -> int:
    """Safety lines: ids train-NNNN / dev-NNNN numbered per file (after any held-back id), split
    by voice."""
    names = {False: "safety_train", True: "safety_dev"}
    seen = Seen(benchmark_lines("safety"))  # never train on a line a benchmark scores
    counts = known(names, seen)
    for dev in counts:
        counts[dev] = max([counts[dev], *held_back_numbers("safety", "dev-" if dev else "train-")])
    added = {False: [], True: []}  # type: dict[bool, list[str]]
    for voice, code, text, raw in voiced(lines, comments=True, voices=VOICES):
        if not text or voice is None or code not in SAFETY:
            raise SystemExit(f"bad line: {raw!r}")
        if not fresh(text, seen):
            continue
        dev = voice in SAFETY_DEV_VOICES
        counts[dev] += 1
        label, who = SAFETY[code]
        row = {"id": f"{'dev' if dev else 'train'}-{counts[dev]:04d}", "text": text,
               "label": label, "voice": voice, "topic": topic_of(text)}
        if who:
            row["who"] = who
        added[dev].append(json.dumps(row, ensure_ascii=False))
    append(names, added)
    print(f"safety: +{len(added[False])} train, +{len(added[True])} dev")
    return 0


def main(detector: str, dev_voices: set[str] | None = None) -> int:
    """Add stdin's lines to the files of `detector`; coach and emotion lines of `dev_voices`
    (when given) go to dev and the rest to train, else the hash of the id decides."""
    if detector == "safety":
        return add_safety(sys.stdin.read().splitlines())
    codes = COACH if detector == "coach" else EMOTIONS
    bare = "GPZ" if detector == "coach" else ""  # coach codes that carry no kind
    names = {False: f"{detector}_train", True: f"{detector}_dev"}
    seen = Seen(benchmark_lines(detector))  # never train on a line a benchmark scores
    count = max(*known(names, seen).values(), *held_back_numbers(detector))
    added = {False: [], True: []}  # type: dict[bool, list[str]]
    for voice, code, text, raw in voiced(sys.stdin.read().splitlines()):
        if not text or voice is None or any(c not in codes and c not in bare for c in code):
            raise SystemExit(f"bad line: {raw!r}")
        if not fresh(text, seen):
            continue
        count += 1
        row_id = f"{detector}-{count:05d}"
        if detector == "coach":
            gentle = code in ("G", "P", "Z")
            row = {"id": row_id, "text": text,
                   "kinds": [] if gentle else sorted({codes[c] for c in code}),
                   "trap": code == "P", **({"distress": True} if code == "Z" else {}),
                   "voice": voice, "topic": topic_of(text)}
        else:
            row = {"id": row_id, "text": text, "families": [codes[c] for c in code],
                   "voice": voice, "topic": topic_of(text)}
        dev = is_dev(row_id) if dev_voices is None else voice in dev_voices
        added[dev].append(json.dumps(row, ensure_ascii=False))
    append(names, added)
    print(f"{detector}: +{len(added[False])} train, +{len(added[True])} dev, total {count}")
    return 0


if __name__ == "__main__":
    DEV_FLAG = "--dev-voices"
    chosen = (set(sys.argv[sys.argv.index(DEV_FLAG) + 1].split(","))
              if DEV_FLAG in sys.argv else None)
    raise SystemExit(main(sys.argv[1], chosen))
