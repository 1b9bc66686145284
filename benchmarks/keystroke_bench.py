"""The coach's per-keystroke path: time per call while people type, every figure from the same run.

Run: .venv/bin/python benchmarks/keystroke_bench.py [--before OTHER/src] [--rounds N]

Six drafts of 100-600 characters (written for this benchmark: a tired evening, a chore fight in
texting style, a long careful message, an indirect self-harm disclosure, a threat, a worried
note) are "typed" word by word: the live path is called at every word boundary (a pause), with
the whole draft so far, as coach.js posts it. Each row is measured in its own warm process (the
model loaded and every rule compiled before timing; the other drafts already read, so the caches
hold unrelated text, as in a server that has been up a while; warmed as a server worker is
before its port opens, text_checks.warm_up):

- rules only: analyze(draft, model=False) (coach rules and the safety rules);
- current path (with --before OTHER/src): that checkout's reading of a pause, as it was
  (analyze(draft, typing=True) where it has that, else analyze(draft));
- new path, typing: this checkout's analyze(draft, typing=True), what the page asks at every
  pause: coach rules + coach head + both safety stages, the heads reading each sentence (the
  sentence that changed encoded, the rest from the per-process row cache);
- in a server worker: the same, with the encoder called through the worker's micro-batcher
  (embeddings.serve_batched), as `nearer serve` runs it (with --before, both checkouts);
- new path, at rest: analyze(draft), what the page asks once typing rests (REST_MS after the
  last pause's reading): the heads read pairs of neighbouring sentences too. Timed at every
  pause as if the writer rested there, after that pause's typing reading (untimed);
- new path, cold: the typing reading with every cache cleared before each call (a draft pasted
  at once into a fresh process);
- bare encoder, one changed sentence: embeddings.embed of the sentence being typed at that
  pause, uncached (the floor a deep per-keystroke path cannot go under);
- bare encoder, that sentence + its pair: one embeddings.embed call of the sentence being typed
  and the pair of sentences it ends, what the new path's heads need encoded at a pause (the
  floor of this design).

Each call is timed as wall time in one thread; the encoder may use a second core for the
sentences started while the rules run. The machine is shared: read the rows against each other.
Target (issue 14): the new path's p99 per pause (typing) <= 15 ms. Written for Nearer, MIT.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"

DRAFTS = (
    "Hey, I know work has been mad for you lately and I'm not having a go. I just miss you. Last "
    "night you were on your phone all through dinner and I felt a bit invisible. Could we keep "
    "one evening this week with no screens, just us?",

    "so u said ud call ur mum back about sunday and once again u didnt. im so tired of being the "
    "one who remembers everything in this house. whatever its fine ill do it myself like always. "
    "honestly idk why i even bother asking u anymore. dont bother replying tonight im going to "
    "bed",

    "I've been thinking about what you said on Saturday, about feeling like I shut down whenever "
    "money comes up. You're right that I go quiet. It isn't that I don't care; when the bills "
    "come out I feel like a kid being told off, and I freeze. I'd like to try again, maybe on "
    "Thursday after the kids are down, with the statements on the table and a time limit so it "
    "doesn't swallow the whole night. If I go quiet again, could you ask me what's going on "
    "instead of finishing my sentences? I want us to get this sorted together.",

    "I don't really know how to say this. I've been looking up how many of my tablets it would "
    "take and I've put some aside. I've sorted out who gets the cat. I'm not angry with you, I'm "
    "just tired of being a weight on everyone.",

    "If you go to your sister's this weekend without me you'll regret it. I know where she lives "
    "and I'm not afraid to turn up there. Don't test me on this.",

    "Mum rang again about Christmas and I said we'd let her know by Friday. I know things with "
    "her are hard for you and I don't want you to feel ambushed. Can we talk tonight about what "
    "would feel okay for you? I'm on your side in this, even when I don't say it well.",
)


def pauses(draft: str) -> list[str]:
    """The draft as it stands at each pause: after every word, and the finished draft."""
    cuts = [m.start() for m in re.finditer(r"\s+", draft)]
    return [draft[:c] for c in cuts if draft[:c].strip()] + [draft]


def typed_sentence(text: str) -> str:
    """The sentence being typed at this pause (the last one of the draft so far)."""
    pieces = [p for p in re.split(r"[.!?\n;]+", text) if p.strip()]
    return pieces[-1].strip() if pieces else text


def typed_pair(text: str) -> str:
    """The pair of sentences the typed one ends (the text from the sentence before it)."""
    from nearer.analysis.text import Doc, neighbour_pairs

    spans = Doc(text).sentences
    if len(spans) < 2:
        return text.strip()
    start, end = neighbour_pairs(text, spans)[-1]
    return text[start:end]


def percentile(times: list[float], q: float) -> float:
    ordered = sorted(times)
    at = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[at]


def _warm(analyze: object) -> None:
    """Warm as a server worker is before its port opens: the models loaded and every rule
    compiled (text_checks.warm_up; in code from before it, the same by hand)."""
    for text in ("you never listen to me", "I miss us. Can we talk tonight?",
                 "whatever, I'm done talking about it"):
        analyze(text)  # type: ignore[operator]
    try:
        from nearer.services.text_checks import warm_up
    except ImportError:  # code from before warm_up: compile every rule as it would
        from nearer.analysis.coach.detector import all_rules
        from nearer.analysis.safety.detector import rules

        rules()
        all_rules()
    else:
        warm_up()


def child(row: str, rounds: int) -> list[float]:
    """Time every pause of every draft for one row, in this (warm) process."""
    import inspect

    from nearer.analysis import embeddings, row_cache
    from nearer.analysis.coach import analyze
    from nearer.analysis.safety import semantic

    typing = {"typing": True} if "typing" in inspect.signature(analyze).parameters else {}
    if row == "served":  # as in a server worker: the encoder calls go through its batcher
        embeddings.serve_batched()

    _warm(analyze)
    times: list[float] = []
    for _ in range(rounds):
        for draft in DRAFTS:
            for text in pauses(draft):
                if row == "cold":
                    row_cache.clear()
                    semantic.clear_cache()
                start = time.perf_counter()
                if row == "rest":
                    analyze(text, **typing)
                    start = time.perf_counter()  # the pause's own reading is not timed
                    analyze(text)
                elif row == "rules":
                    analyze(text, model=False)
                elif row == "encoder":
                    embeddings.embed([typed_sentence(text)])
                elif row == "encoder2":
                    typed = [typed_sentence(text), typed_pair(text)]
                    start = time.perf_counter()  # the strings are found outside the timing
                    embeddings.embed(typed)
                else:
                    analyze(text, **typing)
                times.append((time.perf_counter() - start) * 1000)
        # the next round types the drafts again on empty caches, as another person would
        row_cache.clear()
        semantic.clear_cache()
    return times


def run_row(row: str, src: Path, rounds: int) -> list[float]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    out = subprocess.run([sys.executable, __file__, "--child", row, "--rounds", str(rounds)],
                         env=env, capture_output=True, text=True, check=True)
    times: list[float] = json.loads(out.stdout.strip().splitlines()[-1])
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", help="the src folder of other code: its analyze() is the "
                                         "current path, measured alongside")
    parser.add_argument("--rounds", type=int, default=2, help="times each draft is typed")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.rounds)))
        return 0
    rows: list[tuple[str, str, Path | None]] = [
        ("rules only (model=False)", "rules", SRC),
        ("current path (--before)", "live", Path(args.before) if args.before else None),
        ("new path, typing: changed sentences only", "live", SRC),
        ("current path, in a server worker (--before)", "served",
         Path(args.before) if args.before else None),
        ("new path, typing, in a server worker", "served", SRC),
        ("new path, at rest: the pairs too", "rest", SRC),
        ("new path, typing, cold (caches cleared)", "cold", SRC),
        ("bare encoder, one changed sentence", "encoder", SRC),
        ("bare encoder, that sentence + its pair", "encoder2", SRC),
    ]
    calls = sum(len(pauses(d)) for d in DRAFTS)
    sizes = ", ".join(str(len(d)) for d in DRAFTS)
    print(f"{len(DRAFTS)} drafts ({sizes} characters), {calls} pauses each typed "
          f"{args.rounds}x; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'per call, ms':<44}{'p50':>8}{'p95':>8}{'p99':>8}{'max':>8}")
    for label, row, src in rows:
        if src is None:
            print(f"{label:<44}{'(pass --before OLD/src to measure it)':>32}")
            continue
        times = run_row(row, src, args.rounds)
        print(f"{label:<44}{percentile(times, 50):8.1f}{percentile(times, 95):8.1f}"
              f"{percentile(times, 99):8.1f}{max(times):8.1f}", flush=True)
    print("target: the new path's p99 per pause (typing) <= 15 ms (issue 14)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
