"""How fast quotediff diffs and classifies quote variants: ``python benchmarks/bench_diff.py``.

Generates 10,000 (reference, variant) pairs of 40-word quotes from a fixed seed, each variant carrying the
mutations outlets make (case, punctuation, substituted words, unmarked omissions, ellipsis cuts, bracketed
insertions), and times on one core:

* the full diff: tokenise both texts, align, classify every edit, score (``diff_text``), every reference
  distinct, so nothing is cached between pairs;
* groups of 10 variants of one reference, as the pipeline runs them: the reference tokenised once, each
  variant tokenised into Token objects (``tokenize``) and diffed with ``diff_tokens``;
* alignment alone (rapidfuzz Levenshtein opcodes on pre-computed keys);
* difflib's SequenceMatcher on the same keys, for scale.

Target (issue 4): the full diff at >= 20,000 pairs per second.
"""

from __future__ import annotations

import argparse
import difflib
import gc
import random
import time
from collections.abc import Callable

from rapidfuzz.distance import Levenshtein

from quotediff.compare.diff import diff_text, diff_tokens, raw_tokens
from quotediff.compare.normalize import tokenize

_VOCAB = (
    "the government will not accept any deal that leaves our farmers worse off and we have said so from the "
    "start of these talks in Brussels we are confident that the team can win the league this season if the "
    "players stay fit our profits rose by 12 per cent last year because customers trust the brand the prime "
    "minister said Washington would forgive everything after the vote it was a decision taken by the board "
    "nobody expected the market to fall so quickly but we never lost faith in the strategy"
).split()
_SWAPS = {
    "will": "would",
    "not": "now",
    "accept": "take",
    "win": "lose",
    "rose": "fell",
    "never": "always",
    "the": "a",
    "our": "their",
    "confident": "certain",
    "quickly": "fast",
}


def make_pairs(n: int, seed: int = 20231, per_reference: int = 1) -> list[tuple[str, str]]:
    """Deterministic 40-word references and ``per_reference`` mutated variants of each, n pairs in all."""
    rng = random.Random(seed)
    pairs: list[tuple[str, str]] = []
    words: list[str] = []
    ref = ""
    for i in range(n):
        if i % per_reference == 0:
            words = [rng.choice(_VOCAB) for _ in range(40)]
            for k in range(7, 40, rng.randint(8, 12)):
                words[k] += rng.choice((",", ".", ";", ""))
            words[0] = words[0].capitalize()
            ref = " ".join(words) + "."
        var = list(words)
        for _ in range(rng.randint(1, 4)):
            mutation = rng.randrange(7)
            k = rng.randrange(2, len(var) - 3)
            if mutation == 0:
                var[k] = var[k].upper() if rng.random() < 0.3 else var[k].capitalize()
            elif mutation == 1:
                var[k] = var[k].rstrip(",.;") + rng.choice((",", ";", " -", ""))
            elif mutation == 2:
                var[k] = _SWAPS.get(var[k], "really")
            elif mutation == 3:
                del var[k : k + rng.randint(1, 3)]
            elif mutation == 4:
                var[k : k + rng.randint(2, 6)] = ["…"]
            elif mutation == 5:
                var[k] = "[" + rng.choice(("Khan", "the minister", "Mr Lu")) + "]"
            else:
                var.insert(k, rng.choice(("really", "also", "then")))
        pairs.append((ref, " ".join(var) + "."))
    return pairs


def _rate(fn: Callable[[], object], count: int) -> tuple[float, float]:
    """Pairs per second of CPU time (this process on one core) and of wall-clock time.

    On a shared machine the wall-clock figure drops when other jobs take the core; CPU time is the fairer one.
    The cyclic garbage collector is paused while timing, as timeit does: the diff creates no reference cycles,
    so collections only add noise that depends on what else the process holds.
    """
    gc.collect()
    gc.disable()
    try:
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        return count / (time.process_time() - cpu), count / (time.perf_counter() - wall)
    finally:
        gc.enable()


def _best(fn: Callable[[], object], count: int, repeat: int) -> str:
    runs = [_rate(fn, count) for _ in range(repeat)]
    cpu = max(r[0] for r in runs)
    wall = max(r[1] for r in runs)
    return f"{cpu:>10,.0f} pairs/s CPU   {wall:>10,.0f} pairs/s wall"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10_000, help="pairs (default 10,000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the best is reported")
    args = parser.parse_args()
    pairs = make_pairs(args.n)
    keys = [(raw_tokens(r)[1], raw_tokens(v)[1]) for r, v in pairs]
    grouped_pairs = make_pairs(args.n, per_reference=10)
    groups = [
        (tokenize(grouped_pairs[k][0]), [v for _, v in grouped_pairs[k : k + 10]])
        for k in range(0, len(grouped_pairs), 10)
    ]
    words = sum(len(r.split()) for r, _ in pairs) / len(pairs)

    def full() -> None:
        for r, v in pairs:
            diff_text(r, v)

    def grouped() -> None:
        for ref_tokens, variants in groups:
            for v in variants:
                diff_tokens(ref_tokens, tokenize(v))

    def align() -> None:
        for r, v in keys:
            Levenshtein.opcodes(r, v)

    def with_difflib() -> None:
        for r, v in keys:
            difflib.SequenceMatcher(None, r, v, autojunk=False).get_opcodes()

    n = len(pairs)
    print(f"{n} pairs, {words:.1f} words per reference, best of {args.repeat} runs, one core")
    print(f"{'full diff, distinct references (diff_text)':50} {_best(full, n, args.repeat)}")
    print(f"{'full diff, groups of 10 (tokenize + diff_tokens)':50} {_best(grouped, n, args.repeat)}")
    print(f"{'align only (rapidfuzz Levenshtein.opcodes)':50} {_best(align, n, args.repeat)}")
    print(f"{'align only (difflib SequenceMatcher), for scale':50} {_best(with_difflib, n, 1)}")
    kinds: dict[str, int] = {}
    for r, v in pairs[:2000]:
        for e in diff_text(r, v).edits:
            kinds[e.kind] = kinds.get(e.kind, 0) + 1
    print("edit kinds in the first 2,000 pairs:", ", ".join(f"{k} {c}" for k, c in sorted(kinds.items())))


if __name__ == "__main__":
    main()
