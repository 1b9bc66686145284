"""Rules only vs learned head only vs combined (rules OR head), side by side, in one run.

Run: .venv/bin/python benchmarks/safety_models.py [--dev-only] [--before OLD_TRAIN_ONLY.npz]

`--dev-only` scores the dev split alone (no benchmark set, no fresh set). `--before FILE` also
scores the dev split with an earlier train-only head (e.g. `git show REV:benchmarks/data/
safety_head_train_only.npz > old.npz`) in the same run, on the lines as they are now and on
the lines that head's own dev split held (ids up to its meta's dev support), so a retrain can be
compared before / after without touching a scored-once set.

- dev split (data/train/safety_dev.jsonl: voices the head never trained on), scored with the head
  fitted on the train split only (benchmarks/data/safety_head_train_only.npz, written by
  `make train`), so its figures are held out; thresholds were chosen on this split;
- the older benchmark sets in benchmarks/data, scored with the packaged head (trained on
  data/train only, never on these sets). The rules were tuned on several of them: the header
  says which;
- the fresh sets (benchmarks/data/fresh_safety/, fresh3/ … fresh14/), each written after a head
  and the rules were frozen and scored once with them (the newest is headed FRESH; the others are
  scored again with today's code, never tuned on).

Per set: recall per kind (a labelled kind counts as caught when the result names that kind),
false alarms on the lines labelled none, and on the hard look-alikes where the set marks them.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

from nearer.analysis.safety import (  # noqa: E402
    KINDS,
    SafetyResult,
    assess,
    neighbours,
    wording,  # noqa: E402
)
from nearer.analysis.safety import semantic as safety_semantic  # noqa: E402
from nearer.analysis.safety.model import load_head, read_head, use_head  # noqa: E402

TRAIN_ONLY = HERE / "data" / "safety_head_train_only.npz"
WORDING_TRAIN_ONLY = HERE / "data" / "safety_wording_train_only.npz"
NEIGHBOURS_TRAIN_ONLY = HERE / "data" / "safety_neighbours_train_only.npz"
# Which older sets the rules were tuned on (from their READMEs and the project history).
RULES_TUNED = {
    "safety_dev.jsonl": "rules tuned on it (their development set)",
    "safety_probe.jsonl": "rules tuned on it",
    "safety_blind.jsonl": "dev (tuned on after scoring): rules paraphrase its lines",
    "safety_fresh.jsonl": "dev (partly tuned on after scoring: trap fixes made from it)",
    "safety_round3.jsonl": "dev (tuned on after scoring)",
}
# The fresh sets, oldest first: (folder under benchmarks/data, when it was written and how it was
# scored). Each was written after the heads and rules named here froze and scored once with them
# (its README); the newest is headed FRESH, the others are scored again with today's code.
_FRESH = (
    ("fresh_safety", "written after the FIRST head was frozen; scored once with it"),
    ("fresh3", "written after the SECOND head (frozen encoder) and the rules were frozen; scored "
     "once with them, never tuned on"),
    ("fresh4", "written after the THIRD head and the rules before 2026-12-04's evening were "
     "frozen; scored once with them, never tuned on"),
    ("fresh5", "written after the rules of 2026-12-04 20:39 were frozen; scored once with them and "
     "that day's heads, never tuned on"),
    ("fresh6", "written after the rules of 2026-12-04 evening were frozen; scored once with them "
     "and that day's head, never tuned on"),
    ("fresh7", "written after the wording head, the meaning head and the rules of 2026-12-05 were "
     "frozen; scored once with them, never tuned on"),
    ("fresh8", "written after the heads of 2026-12-06 were frozen (and blind to the "
     "coercive-control rules frozen meanwhile); scored once with them, never tuned on"),
    ("fresh9", "written after the heads refitted with the coach's kind drafts (2026-12-06 "
     "evening) were frozen; scored once with them, never tuned on"),
    ("fresh10", "written after the round-12 heads and the writer's own rules (2026-12-06, "
     "session 12) were frozen; scored once with them; dev since round 13 (its README)"),
    ("fresh11", "written after the round-13 rules (2026-12-06, session 12) were frozen; scored "
     "once with them"),
    ("fresh12", "written after the round-14 data and rules and the one-pass heads (2026-12-06, "
     "session 13) were frozen; scored once with them and with round 14's units-alone heads, "
     "shipped after the one-pass heads were reverted (its README)"),
    ("fresh13", "written after the round-15 data, rules and heads (2026-12-06, session 14) were "
     "frozen; scored once with them"),
    ("fresh14", "written after the round-16 data, rules and heads (2026-12-06, session 15) "
     "were frozen; scored once with them"),
    ("fresh15", "written after the session-16 safety rules (slang threats and blows, belongings "
     "and pets, arrival, cover stories, safety plans, sexual coercion, self-injury, methods, "
     "leverage, passive wishes) froze; scored once with them and round 16's heads"),
    ("fresh16", "written after the session-16 safety rules, round 3 (everyday coercive "
     "control), froze; scored once with them"),
    ("fresh17", "written after the session-17 safety rules, round 4 (violence and coercive "
     "control in plain words) froze; scored once with them"),
    ("fresh18", "who is at risk: 60 writers who threaten, 60 who are harmed, 24 look-alikes; "
     "written after the session-17 who reading froze; scored once with it; its misses were "
     "read in session 18, so it is dev data since"),
    ("fresh19", "who is at risk, a second writer (fresh18's brief); written after a second round "
     "of the writer's threat rules froze (not shipped: it scored as the shipped code); scored "
     "once; its misses were read in session 18, so it is dev data since"),
    ("fresh20", "who is at risk: 80 writers who threaten, 80 who are harmed, 32 look-alikes, "
     "16 voices; written after round 18 (the who heads over words, 718 new lines) froze; "
     "scored once with it"),
    ("fresh22", "written after round 19 (840 lines, every safety head refitted) froze; scored "
     "once with it and with the session-start heads, which ship (round 19 was held back); its "
     "false alarms were read in session 20, so it is dev data since"),
    ("fresh23", "indirect self-harm and its look-alikes: 96 disclosures, 96 look-alikes, 48 "
     "ordinary, 12 voices; written after the session-19 self-harm rules froze; scored once "
     "with them; its false alarms were read in session 20, so it is dev data since"),
    ("fresh24", "fresh23's brief in 12 new voices (240 lines); written while and after the "
     "nearest-lines reader (session 20) froze, read by no one before scoring; scored once "
     "with it and with the session-start code; its false alarms were read for the session-20 "
     "rules, so it is dev data since"),
    ("fresh24_mix", "fresh22's brief in 12 new voices (324 lines); written and scored as "
     "fresh24; dev data since, as fresh24"),
    ("fresh25", "fresh23's brief in 12 new voices (240 lines); written after the session-20 rules "
     "froze (and while the nearest lines gained their floor, before any line was read); scored "
     "once with the session-20 code and the session-start code"),
    ("fresh25_mix", "fresh22's brief in 12 new voices (324 lines); written and scored as "
     "fresh25"),
    ("fresh26", "fresh23's brief in 12 new voices (240 lines); written after the session-21 rules "
     "froze (they were then kept from setting sentences aside, before any line was read); "
     "scored once with them and with the session-start code"),
    ("fresh26_mix", "fresh22's brief in 12 new voices (324 lines); written and scored as "
     "fresh26"),
    ("fresh27", "fresh26's brief in 12 new voices (240 lines); written after the session-21 code "
     "froze; scored once with it and with the session-start code"),
    ("fresh27_mix", "fresh26_mix's brief in 12 new voices (324 lines); written and scored as "
     "fresh27"),
    ("fresh28", "fresh26's brief in 12 new voices (240 lines); written at the start of session "
     "22, sealed (read by no one); scored once with the session-start code and once with the "
     "tuned encoder after every head was retrained on it"),
    ("fresh28_mix", "fresh26_mix's brief in 12 new voices (324 lines); written and scored as "
     "fresh28"),
    ("fresh29", "fresh26's brief in 12 new voices (240 lines); written at the start of session "
     "23, sealed (read by no one); scored once with the session-start code (which ships) and "
     "once with the second tuning and the heads refitted on it (held back)"),
    ("fresh29_mix", "fresh26_mix's brief in 12 new voices (324 lines); written and scored as "
     "fresh29"),
    ("fresh30", "fresh26's brief in 12 new voices (240 lines); written at the start of session "
     "24, sealed (read by no one); scored once with the session-start code and once with the "
     "heads retrained with the earlier blind sets; its misses were read in session 25 (the "
     "leverage rule), so it is dev data since"),
    ("fresh30_mix", "fresh26_mix's brief in 12 new voices (324 lines); written and scored as "
     "fresh30"),
    ("fresh31", "fresh26's brief in 12 new voices (240 lines); written in session 25 after the "
     "leverage rule froze, sealed (read by no one); scored once with it and once with the code "
     "before it"),
    ("fresh31_mix", "fresh26_mix's brief in 12 new voices (324 lines, three voices written again "
     "for variety before any line was read); written and scored as fresh31"),
)
TRAINED_ON = ROOT / "data" / "train" / "trained_blind_sets.txt"


def _trained_on() -> set[str]:
    """The files of blind sets taken into training (their figures are training figures now)."""
    if not TRAINED_ON.exists():
        return set()
    return {line.split("#", 1)[0].split()[1] for line in TRAINED_ON.read_text().splitlines()
            if line.split("#", 1)[0].strip()}


def _fresh_sets() -> list[tuple[str, Path, str]]:
    """(heading, file, note) per fresh set, oldest first, the newest headed FRESH."""
    found = []
    trained = _trained_on()
    for k, (folder, note) in enumerate(_FRESH):
        stem = f"{folder.removesuffix('_safety')}_safety"
        heading = ("FRESH: " if k == len(_FRESH) - 1 else "") + stem
        path = HERE / "data" / folder / f"{stem}.jsonl"
        if path.relative_to(ROOT).as_posix() in trained:
            note += ("; TRAINED ON since session 24 (data/train/trained_blind_sets.txt): these are "
                     "training figures now, not unseen ones")
        found.append((heading, path, note))
    return found


FRESH_SETS = _fresh_sets()


def load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip() and not line.startswith("#")]
    for row in rows:  # data/train lines carry `label`; benchmark lines carry `kinds`
        if "kinds" not in row:
            row["kinds"] = [] if row["label"] == "none" else [row["label"]]
    return rows


def rules_only(text: str) -> SafetyResult:
    return assess(text, deep=False)


def _head_only(text: str, prefixes: tuple[str, ...]) -> SafetyResult:
    """What the combined result holds from the heads whose fired entries start so."""
    full = assess(text)
    kinds = tuple(sorted({k for k in KINDS if any(f.startswith(prefixes) and _kind_words(k) in f
                                                   for f in full.fired)}))
    return SafetyResult(level="concern" if kinds else "none", kinds=kinds)


def meaning_only(text: str) -> SafetyResult:
    """The meaning head (sentence embeddings) alone."""
    return _head_only(text, ("model:",))


def wording_only(text: str) -> SafetyResult:
    """The wording head alone, where the meaning head did not fire (it is asked second)."""
    return _head_only(text, ("wording model:",))


def nearest_only(text: str) -> SafetyResult:
    """The nearest lines (neighbours.py), where neither head fired (they are asked last)."""
    return _head_only(text, ("nearest lines:",))


def model_only(text: str) -> SafetyResult:
    """Both heads and the nearest lines, no rule."""
    return _head_only(text, ("model:", "wording model:", "nearest lines:"))


def _kind_words(kind: str) -> str:
    return "self-harm" if kind == "self_harm" else "violence"


def combined(text: str) -> SafetyResult:
    return assess(text)


def score(rows: list[dict[str, Any]], detect: Callable[[str], SafetyResult]) -> dict[str, Any]:
    results = [detect(r["text"]) for r in rows]
    out: dict[str, Any] = {}
    for kind in KINDS:
        gold = [res for r, res in zip(rows, results, strict=True) if kind in r["kinds"]]
        out[kind] = (sum(kind in res.kinds for res in gold), len(gold))
    safe = [res for r, res in zip(rows, results, strict=True) if not r["kinds"]]
    out["false_alarms"] = (sum(res.flagged for res in safe), len(safe))
    return out


def fmt(pair: tuple[int, int]) -> str:
    hit, total = pair
    return f"{hit:4d}/{total:<4d} {hit / total if total else 0:6.3f}"


def report(name: str, note: str, rows: list[dict[str, Any]]) -> None:
    print(f"\n== {name} ({len(rows)} lines) — {note}")
    print(f"{'':12} {'self_harm recall':>18} {'violence recall':>18} {'false alarms (none)':>20}")
    for label, detect in (("rules only", rules_only), ("meaning head", meaning_only),
                          ("+ wording", wording_only), ("+ nearest", nearest_only),
                          ("all learned", model_only),
                          ("combined", combined)):
        s = score(rows, detect)
        print(f"{label:12} {fmt(s['self_harm']):>18} {fmt(s['violence']):>18} "
              f"{fmt(s['false_alarms']):>20}")
    for style, words in (("ordinary", "ordinary relationship journaling"),
                         ("lookalike", "hard look-alikes"), ("message", "warm messages")):
        some = [r for r in rows if r.get("style") == style]
        if some:
            flagged = sum(combined(r["text"]).flagged for r in some)
            print(f"of which {words} (none): {flagged}/{len(some)} flagged (combined)")
    threat_rows = [r for r in rows if r.get("who") == "writer_threatens"]
    harmed_rows = [r for r in rows if r.get("who") == "writer_harmed"]
    if threat_rows:
        said = sum(combined(r["text"]).threatens for r in threat_rows)
        wrong = sum(combined(r["text"]).threatens for r in harmed_rows)
        print(f"who (combined): writer-threatens lines called threatens {said}/{len(threat_rows)}; "
              f"writer-harmed lines called threatens {wrong}/{len(harmed_rows)}")


def ordinary_journaling() -> None:
    """What the app reads all day: ordinary, sad-but-safe entries about a relationship. False
    alarms here put a crisis panel in front of someone who is only sad or fed up."""
    sys.path.insert(0, str(HERE))
    from write_path_bench import _ENDINGS, _MIDDLES, _OPENERS

    sentences = [f"{o} {m}" for o in _OPENERS for m in _MIDDLES] + list(_ENDINGS)
    with (ROOT / "data" / "train" / "emotions_dev.jsonl").open(encoding="utf-8") as f:
        journal = [json.loads(line) for line in f if line.strip()]
    print("\n== ordinary journaling, never trained on by the safety head: false alarms")
    for name, texts in (("emotion reader's dev lines (data/train/emotions_dev.jsonl)",
                         [r["text"] for r in journal]),
                        ("write_path_bench's journal sentences", sentences)):
        for label, detect in (("rules only", rules_only), ("all learned", model_only),
                              ("combined", combined)):
            hits = sum(detect(t).flagged for t in texts)
            print(f"{label:12} {hits:4d}/{len(texts):<4d} {hits / len(texts):6.3f}  {name}")


def cross_validated() -> None:
    """The head's cross-validated figures, as `make train` measured and stored them."""
    meta = load_head().meta
    print("== head only, cross-validated over data/train (10 folds, one voice held out each; "
          "from `make train`)")
    for label, fig in meta.get("cv", {}).items():
        print(f"{label:12} precision {fig['precision']:.3f} recall {fig['recall']:.3f} "
              f"F1 {fig['f1']:.3f} support {fig['support']}")
    print(f"false alarms on none lines: {meta.get('cv_false_alarm_rate')}; who head: "
          f"{meta.get('who_cv')}")


def _dev_report(dev: list[dict[str, Any]], head_path: Path, name: str) -> None:
    safety_semantic.clear_cache()
    wording_head = wording.read_head(WORDING_TRAIN_ONLY) if WORDING_TRAIN_ONLY.exists() else None
    near = neighbours.read(NEIGHBOURS_TRAIN_ONLY) if NEIGHBOURS_TRAIN_ONLY.exists() else None
    with use_head(read_head(head_path)), (wording.use_head(wording_head) if wording_head
                                          else nullcontext()), \
            (neighbours.use(near) if near else nullcontext()):
        report(f"dev split (data/train/safety_dev.jsonl), {name}",
               "voices never trained on; head fitted on the train split only", dev)
    safety_semantic.clear_cache()


def main(argv: list[str]) -> int:
    os.environ["NEARER_SAFETY_SEMANTIC"] = "1"
    cross_validated()
    dev = load(ROOT / "data" / "train" / "safety_dev.jsonl")
    before = Path(argv[argv.index("--before") + 1]) if "--before" in argv else None
    if before is not None:
        held = sum(fig["support"] for fig in read_head(before).meta.get("dev", {}).values())
        older = [r for r in dev if int(r["id"].rsplit("-", 1)[1]) <= held]
        newer = [r for r in dev if int(r["id"].rsplit("-", 1)[1]) > held]
        for label, path in (("before: " + before.name, before), ("after: train-only head", TRAIN_ONLY)):
            for part, rows in (("all lines", dev), (f"the {held} lines of the earlier dev split", older),
                               (f"the {len(newer)} lines added since", newer)):
                if rows:
                    _dev_report(rows, path, f"{label}, {part}")
    elif TRAIN_ONLY.exists():
        _dev_report(dev, TRAIN_ONLY, "thresholds chosen here")
    else:
        print("no train-only head: run `make train` for the dev figures")
    ordinary_journaling()
    if "--dev-only" in argv:
        return 0
    for path in sorted((HERE / "data").glob("safety_*.jsonl")):
        report(path.name, RULES_TUNED.get(path.name, "") + "; the head never trained on it",
               load(path))
    for heading, path, header in FRESH_SETS:
        if path.exists():
            report(heading, header, load(path))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
