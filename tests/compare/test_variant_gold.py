"""Accuracy gate: per-kind precision and recall of the diff's edits on hand-written variant pairs.

tests/data/variant_pairs.json holds pairs of a reference quotation and a variant (politics, sport, business,
health, local news), each with the edits a careful reader would list (kind, reference words, variant words)
and the expected one-line verdict. Run with ``pytest -s tests/test_variant_gold.py`` to see the table.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from quotediff.compare.diff import diff_text
from quotediff.model import EDIT_SEVERITY

GOLD = Path(__file__).resolve().parents[1] / "data" / "variant_pairs.json"

# Pinned minimums. Measured when pinned (pytest -s prints the tables): every kind 1.000 precision and recall on
# all pairs; verdicts 278/279. The dev pairs were written alongside the rules, so they show the rules do what
# they say, not how well they generalise. Two held-out batches were written after the rules were frozen:
# - "heldout" (45 pairs), scored blind at first: edits precision 0.952, recall 0.968, verdicts 41/45. Two
#   generic fixes followed (a bracket rule misfiring on "[Celtic]" at a quote's end; plural and unit numbers:
#   "hundreds", "$2bn"); it now scores 1.000/1.000, verdicts 44/45.
# - "heldout2" (30 pairs, several edits each), scored blind: edits 1.000/1.000, verdicts 28/30, both misses
#   false "critical" flags from ambiguous number words ("No one" for "Nobody", "halve" for "cut ... in half").
#   After a generic fix (weak number words alone are not a number change) verdicts are 30/30.
# The remaining miss: "people over 60" -> "the over-60s" is flagged as a number change.
# The gates sit below the measured figures so one changed pair does not fail the build: 0.95 for kinds with at
# least 10 gold edits, 0.8 for the rarer kinds (one miss in 5 is 0.8).
_GOLD_COUNTS = {
    "quote_marks": 6,
    "typography": 6,
    "spacing": 6,
    "spelling": 9,
    "sic": 5,
    "insertion": 6,
    "reorder": 9,
    "extension": 5,
}
MIN_PRECISION = {kind: 0.8 if kind in _GOLD_COUNTS else 0.95 for kind in EDIT_SEVERITY}
MIN_RECALL = dict(MIN_PRECISION)
MIN_VERDICT_ACCURACY = 0.97
MIN_HELDOUT_PRECISION = 0.95
MIN_HELDOUT_RECALL = 0.95
MIN_HELDOUT_VERDICTS = 0.9
MIN_OVERALL = 0.98


_EDGE_PUNCT = re.compile(r"^[\s,.;:!?]+|[\s,.;:!?]+$")


def _clean(text: str) -> str:
    """Edit texts compare with spacing collapsed and, when they hold words, end punctuation dropped."""
    text = " ".join(text.split())
    if any(c.isalnum() for c in text):
        text = _EDGE_PUNCT.sub("", text)
    return text


def _key(kind: str, reference: str, variant: str) -> tuple[str, str, str]:
    return kind, _clean(reference), _clean(variant)


@cache
def _evaluate(split: str | None = None) -> tuple[Counter[str], Counter[str], Counter[str], int, int, tuple[str, ...]]:
    """Counts per kind over the pairs of one split ("dev", "heldout") or all of them."""
    pairs = [p for p in json.loads(GOLD.read_text(encoding="utf-8"))["pairs"] if split in (None, p["split"])]
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    verdicts_ok = 0
    misses: list[str] = []
    for pair in pairs:
        diff = diff_text(pair["reference"], pair["variant"])
        predicted = Counter(_key(e.kind, e.reference, e.variant) for e in diff.edits)
        expected = Counter(_key(e["kind"], e["reference"], e["variant"]) for e in pair["edits"])
        for key in predicted | expected:
            hit = min(predicted[key], expected[key])
            tp[key[0]] += hit
            fp[key[0]] += predicted[key] - hit
            fn[key[0]] += expected[key] - hit
        if predicted != expected:
            misses.append(f"{pair['id']}: expected {sorted(expected)} got {sorted(predicted)}")
        if diff.verdict == pair["verdict"]:
            verdicts_ok += 1
        else:
            misses.append(f"{pair['id']}: verdict {diff.verdict!r}, expected {pair['verdict']!r}")
    return tp, fp, fn, verdicts_ok, len(pairs), tuple(misses)


def _ratio(num: int, den: int) -> float:
    return num / den if den else 1.0


def test_gold_set_size_and_coverage() -> None:
    pairs = json.loads(GOLD.read_text(encoding="utf-8"))["pairs"]
    assert len(pairs) >= 150
    kinds = Counter(e["kind"] for p in pairs for e in p["edits"])
    assert {k for k in EDIT_SEVERITY if kinds[k] < 3} == set()  # every kind, several times
    assert len({p["reference"] for p in pairs}) >= 20


def _table(split: str | None) -> dict[str, tuple[float, float]]:
    tp, fp, fn, verdicts_ok, total, misses = _evaluate(split)
    print(f"\n{split or 'all'} pairs: {total}")
    print(f"{'kind':14} {'gold':>5} {'found':>6} {'precision':>10} {'recall':>8}")
    scores = {}
    for kind in EDIT_SEVERITY:
        p = _ratio(tp[kind], tp[kind] + fp[kind])
        r = _ratio(tp[kind], tp[kind] + fn[kind])
        scores[kind] = (p, r)
        print(f"{kind:14} {tp[kind] + fn[kind]:5d} {tp[kind] + fp[kind]:6d} {p:10.3f} {r:8.3f}")
    all_tp, all_fp, all_fn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    print(
        f"{'all kinds':14} {all_tp + all_fn:5d} {all_tp + all_fp:6d} {_ratio(all_tp, all_tp + all_fp):10.3f} "
        f"{_ratio(all_tp, all_tp + all_fn):8.3f}"
    )
    print(f"verdicts: {verdicts_ok}/{total} = {verdicts_ok / total:.3f}")
    if split is not None:
        for miss in misses:
            print("  miss", miss)
    return scores


def test_per_kind_precision_and_recall() -> None:
    _table("dev")
    _table("heldout")
    _table("heldout2")
    scores = _table(None)
    tp, fp, fn, _, _, _ = _evaluate(None)
    assert _ratio(sum(tp.values()), sum(tp.values()) + sum(fp.values())) >= MIN_OVERALL
    assert _ratio(sum(tp.values()), sum(tp.values()) + sum(fn.values())) >= MIN_OVERALL
    low = {
        kind: (round(p, 3), round(r, 3))
        for kind, (p, r) in scores.items()
        if p < MIN_PRECISION[kind] or r < MIN_RECALL[kind]
    }
    assert low == {}


@pytest.mark.parametrize("split", ["heldout", "heldout2"])
def test_heldout_pairs_overall(split: str) -> None:
    """The pairs written after the rules were frozen: the honest estimate."""
    tp, fp, fn, verdicts_ok, total, _ = _evaluate(split)
    assert total >= 30
    assert _ratio(sum(tp.values()), sum(tp.values()) + sum(fp.values())) >= MIN_HELDOUT_PRECISION
    assert _ratio(sum(tp.values()), sum(tp.values()) + sum(fn.values())) >= MIN_HELDOUT_RECALL
    assert verdicts_ok / total >= MIN_HELDOUT_VERDICTS


def test_verdict_accuracy() -> None:
    _, _, _, verdicts_ok, total, _ = _evaluate()
    assert verdicts_ok / total >= MIN_VERDICT_ACCURACY


@pytest.mark.parametrize("kind", sorted(EDIT_SEVERITY))
def test_every_kind_is_found_at_least_once(kind: str) -> None:
    tp, _, _, _, _, _ = _evaluate()
    assert tp[kind] > 0
