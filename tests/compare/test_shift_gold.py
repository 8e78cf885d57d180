"""Accuracy gate: per-kind precision and recall of attribution shifts on hand-written framing pairs.

tests/data/attribution_pairs.json holds pairs of a reference framing and a variant framing (politics, business,
sport, health, courts), each with the (field, kind) shifts a careful editor would list. Run with
``pytest -s tests/test_shift_gold.py`` to see the table.
"""

from __future__ import annotations

import json
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from quotediff.model import Attribution, Span
from quotediff.compare.shifts import attribution_changes

GOLD = Path(__file__).resolve().parents[1] / "data" / "attribution_pairs.json"

KINDS: tuple[tuple[str, str], ...] = (
    *(("speaker", k) for k in ("name_form", "anonymised", "named", "misattributed", "changed", "description")),
    *(("speaker", k) for k in ("dropped", "added")),
    *(("verb", k) for k in ("loaded", "neutralised", "changed", "added", "dropped")),
    *(("hedges", k) for k in ("dropped", "added", "replaced")),
    *(("sources", k) for k in ("dropped", "added", "replaced")),
    *(("addressee", k) for k in ("dropped", "added", "changed")),
)

# Pinned minimums, measured 2026-11-27 on 111 pairs (125 gold shifts, 11 pairs with none): overall precision and
# recall 0.960 (120 tp, 5 fp, 5 fn); every kind 1.000/1.000 except
#   speaker.name_form      0.818 / 0.818  (AMLO for López Obrador, "the WHO" for the World Health Organization:
#                                          read as misattributions; Ed/David Miliband and Serena/Venus Williams:
#                                          read as name forms of one person)
#   speaker.misattributed  0.714 / 0.714  (the same four pairs)
#   sources.replaced       1.000 / 0.750  (the health ministry -> the interior ministry taken as one source)
#   addressee.changed      0.833 / 1.000  ("reporters" -> "journalists" taken as a different audience)
# Each kind is pinned 0.05 below its measured figure, at 0.75 at the lowest where the measurement allows it
# (speaker.misattributed and sources.replaced recall measure below that floor and are pinned at measured - 0.05);
# overall 0.02 below.
# Later the same day, after same_person learned that "Ed" and "David Miliband" are two people and that a
# possessive is no other name: overall 0.976 / 0.976; speaker.misattributed 0.778 / 1.000 (minimum raised to
# 0.72); speaker.name_form 1.000 / 0.818 (AMLO and "the WHO" remain).
MIN_PRECISION: dict[tuple[str, str], float] = {k: 0.95 for k in KINDS}
MIN_RECALL: dict[tuple[str, str], float] = {k: 0.95 for k in KINDS}
MIN_PRECISION[("speaker", "name_form")] = MIN_RECALL[("speaker", "name_form")] = 0.76
MIN_PRECISION[("speaker", "misattributed")] = MIN_RECALL[("speaker", "misattributed")] = 0.72
MIN_RECALL[("sources", "replaced")] = 0.70
MIN_PRECISION[("addressee", "changed")] = 0.78
MIN_OVERALL_PRECISION = 0.95
MIN_OVERALL_RECALL = 0.95


def _span(text: str | None) -> Span | None:
    return Span(0, len(text), text) if text is not None else None


def _attribution(d: dict[str, Any]) -> Attribution:
    return Attribution(
        speaker=_span(d["speaker"]),
        speaker_resolved=d["speaker_resolved"],
        speaker_kind=d["speaker_kind"],
        verb=_span(d["verb"]),
        verb_lemma=d["verb_lemma"],
        verb_tone=d["verb_tone"],
        hedges=tuple(Span(0, len(t), t) for t in d["hedges"]),
        sources=tuple(Span(0, len(t), t) for t in d["sources"]),
        addressee=_span(d["addressee"]),
    )


def _pairs() -> list[dict[str, Any]]:
    return json.loads(GOLD.read_text(encoding="utf-8"))["pairs"]


@cache
def _evaluate() -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str]], Counter[tuple[str, str]], tuple[str, ...]]:
    tp: Counter[tuple[str, str]] = Counter()
    fp: Counter[tuple[str, str]] = Counter()
    fn: Counter[tuple[str, str]] = Counter()
    misses: list[str] = []
    for pair in _pairs():
        changes = attribution_changes(_attribution(pair["reference"]), _attribution(pair["variant"]))
        predicted = Counter((c.field, c.kind) for c in changes)
        expected = Counter((e["field"], e["kind"]) for e in pair["expected"])
        tp += predicted & expected
        fp += predicted - expected
        fn += expected - predicted
        if predicted != expected:
            misses.append(f"{pair['id']}: expected {sorted(expected.elements())}, got {sorted(predicted.elements())}")
    return tp, fp, fn, tuple(misses)


def _ratio(num: int, den: int) -> float:
    return num / den if den else 1.0


def _table() -> str:
    tp, fp, fn, misses = _evaluate()
    lines = [f"{'kind':<24} {'gold':>5} {'tp':>4} {'fp':>4} {'fn':>4} {'prec':>6} {'recall':>6}"]
    for k in KINDS:
        p, r = _ratio(tp[k], tp[k] + fp[k]), _ratio(tp[k], tp[k] + fn[k])
        lines.append(f"{'.'.join(k):<24} {tp[k] + fn[k]:>5} {tp[k]:>4} {fp[k]:>4} {fn[k]:>4} {p:>6.3f} {r:>6.3f}")
    t, f, n = sum(tp.values()), sum(fp.values()), sum(fn.values())
    lines.append(f"{'overall':<24} {t + n:>5} {t:>4} {f:>4} {n:>4} {_ratio(t, t + f):>6.3f} {_ratio(t, t + n):>6.3f}")
    lines.append(f"pairs: {len(_pairs())}, pairs with a difference: {len(misses)}")
    lines.extend(f"  {m}" for m in misses)
    return "\n".join(lines)


def test_gold_set_is_well_formed() -> None:
    pairs = _pairs()
    assert len(pairs) >= 80
    assert len({p["id"] for p in pairs}) == len(pairs)
    gold = Counter((e["field"], e["kind"]) for p in pairs for e in p["expected"])
    for k in KINDS:
        assert gold[k] >= 4, k
    assert set(gold) <= set(KINDS)
    assert sum(1 for p in pairs if not p["expected"]) >= 5


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: ".".join(k))
def test_per_kind_precision_and_recall(kind: tuple[str, str]) -> None:
    tp, fp, fn, _ = _evaluate()
    precision = _ratio(tp[kind], tp[kind] + fp[kind])
    recall = _ratio(tp[kind], tp[kind] + fn[kind])
    assert precision >= MIN_PRECISION[kind], f"{kind} precision {precision:.3f}\n{_table()}"
    assert recall >= MIN_RECALL[kind], f"{kind} recall {recall:.3f}\n{_table()}"


def test_overall_precision_and_recall() -> None:
    tp, fp, fn, _ = _evaluate()
    print()
    print(_table())
    t, f, n = sum(tp.values()), sum(fp.values()), sum(fn.values())
    assert _ratio(t, t + f) >= MIN_OVERALL_PRECISION, _table()
    assert _ratio(t, t + n) >= MIN_OVERALL_RECALL, _table()
