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

from quotediff.diff import diff_text
from quotediff.model import EDIT_SEVERITY

GOLD = Path(__file__).parent / "data" / "variant_pairs.json"

# Measured on the gold set when the figures were pinned (see the table printed by -s); the gate sits a little
# below so a harmless change in one pair does not fail the build, while a real regression does.
MIN_PRECISION = {kind: 0.85 for kind in EDIT_SEVERITY}
MIN_RECALL = {kind: 0.85 for kind in EDIT_SEVERITY}
MIN_VERDICT_ACCURACY = 0.9

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
def _evaluate() -> tuple[Counter[str], Counter[str], Counter[str], int, int, tuple[str, ...]]:
    pairs = json.loads(GOLD.read_text(encoding="utf-8"))["pairs"]
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


def test_per_kind_precision_and_recall() -> None:
    tp, fp, fn, verdicts_ok, total, misses = _evaluate()
    print()
    print(f"{'kind':14} {'gold':>5} {'found':>6} {'precision':>10} {'recall':>8}")
    for kind in EDIT_SEVERITY:
        p = _ratio(tp[kind], tp[kind] + fp[kind])
        r = _ratio(tp[kind], tp[kind] + fn[kind])
        print(f"{kind:14} {tp[kind] + fn[kind]:5d} {tp[kind] + fp[kind]:6d} {p:10.3f} {r:8.3f}")
    all_tp, all_fp, all_fn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    print(f"{'all':14} {all_tp + all_fn:5d} {all_tp + all_fp:6d} {_ratio(all_tp, all_tp + all_fp):10.3f} "
          f"{_ratio(all_tp, all_tp + all_fn):8.3f}")
    print(f"verdicts: {verdicts_ok}/{total} = {verdicts_ok / total:.3f}")
    for miss in misses:
        print("  miss", miss)
    low = {
        kind: (round(_ratio(tp[kind], tp[kind] + fp[kind]), 3), round(_ratio(tp[kind], tp[kind] + fn[kind]), 3))
        for kind in EDIT_SEVERITY
        if _ratio(tp[kind], tp[kind] + fp[kind]) < MIN_PRECISION[kind]
        or _ratio(tp[kind], tp[kind] + fn[kind]) < MIN_RECALL[kind]
    }
    assert low == {}


def test_verdict_accuracy() -> None:
    _, _, _, verdicts_ok, total, _ = _evaluate()
    assert verdicts_ok / total >= MIN_VERDICT_ACCURACY


@pytest.mark.parametrize("kind", sorted(EDIT_SEVERITY))
def test_every_kind_is_found_at_least_once(kind: str) -> None:
    tp, _, _, _, _, _ = _evaluate()
    assert tp[kind] > 0
