"""Accuracy gate: extraction and attribution against the hand-annotated fixture stories.

Each story folder holds articles and an ``annotations.json`` listing every quoted segment with its expected
speaker, verb, hedges and sources. The scores below are pinned slightly under what the extractor reached when they
were last measured, so that no change silently lowers them. Run ``pytest -s tests/test_gold.py`` to see the figures.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from quotediff.model import Article, Quote
from quotediff.extract import extract_quotes

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
STORIES = sorted(p.parent.name for p in FIXTURES.glob("*/annotations.json"))

# Minimums, measured 2026-11-27 22:52 UTC over the 7 stories then present (ceiling, forgiven, hostile, strike,
# summit, titan, wildfire: 581 annotated quotes) with these figures: quote F1 0.997, kind 0.974, speaker 0.923,
# resolved 0.876, speaker kind 0.910, verb 0.937, hedges R/P 0.900/0.957, sources R/P 0.925/0.974. (Resolved names
# are compared without a leading "the": "The State Department" and "State Department" are one name.) Each floor is
# a little under the measured value (room for new stories); raise them when the extractor improves.
# Sources raised 2026-12-01 (12 stories): "in a statement", "in a video", "in her latest letter" are cited sources,
# as in the real-world annotations; measured R/P 0.964/0.988. 2026-12-02: the outlet the words were said on or to
# ("told CNBC's David Faber", "first broadcast on CNBC") is a source too (four gold quotes changed); R/P 0.970/0.990.
MINIMUMS: dict[str, float] = {
    "quote_f1": 0.98,
    "kind_accuracy": 0.95,
    "speaker_accuracy": 0.90,
    "resolved_accuracy": 0.85,
    "speaker_kind_accuracy": 0.89,
    "verb_accuracy": 0.91,
    "hedge_recall": 0.87,
    "hedge_precision": 0.92,
    "source_recall": 0.93,
    "source_precision": 0.96,
}


def _load(path: Path) -> Article | None:
    try:
        from quotediff.load import load_file
    except ImportError:  # the loader is optional here: plain text can be read directly
        if path.suffix not in (".txt", ".md"):
            return None
        text = path.read_text(encoding="utf-8")
        return Article(id=path.stem, path=str(path), text=text, format="text", outlet=path.stem)
    return load_file(str(path))


def _norm(text: str | None) -> str:
    return " ".join((text or "").replace("’", "'").lower().split()).strip(" ,.")


def _name(text: str | None) -> str:
    """A resolved name for comparison: "The State Department" and "State Department" are one name."""
    return _norm(text).removeprefix("the ")


def _same(a: str | None, b: str | None) -> bool:
    """Phrases agree when one contains the other (case, spacing and apostrophe style aside)."""
    x, y = _norm(a), _norm(b)
    return bool(x) and bool(y) and (x in y or y in x)


@dataclass
class Tally:
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    errors: list[str] = field(default_factory=list)

    def ratio(self, hits: str, total: str) -> float:
        return self.counts[hits] / self.counts[total] if self.counts[total] else 1.0

    def figures(self) -> dict[str, float]:
        c = self.counts
        precision = c["matched"] / c["found"] if c["found"] else 1.0
        recall = c["matched"] / c["gold"] if c["gold"] else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "quote_precision": precision,
            "quote_recall": recall,
            "quote_f1": f1,
            "kind_accuracy": self.ratio("kind_ok", "matched"),
            "speaker_accuracy": self.ratio("speaker_ok", "speaker_n"),
            "resolved_accuracy": self.ratio("resolved_ok", "resolved_n"),
            "speaker_kind_accuracy": self.ratio("speaker_kind_ok", "speaker_kind_n"),
            "verb_accuracy": self.ratio("verb_ok", "verb_n"),
            "hedge_recall": self.ratio("hedge_found", "hedge_gold"),
            "hedge_precision": self.ratio("hedge_right", "hedge_ours"),
            "source_recall": self.ratio("source_found", "source_gold"),
            "source_precision": self.ratio("source_right", "source_ours"),
        }


def _pair(gold: list[dict], ours: tuple[Quote, ...]) -> list[tuple[dict, Quote]]:
    """Annotated and extracted quotes with the same text, in text order (each used once)."""
    pairs: list[tuple[dict, Quote]] = []
    used: set[int] = set()
    for entry in gold:
        want = _norm(entry["text"])
        for j, quote in enumerate(ours):
            if j not in used and _norm(quote.text) == want:
                pairs.append((entry, quote))
                used.add(j)
                break
    return pairs


def _score(tally: Tally, story: str, article: Article, gold: list[dict], ours: tuple[Quote, ...]) -> None:
    c = tally.counts
    c["gold"] += len(gold)
    c["found"] += len(ours)
    pairs = _pair(gold, ours)
    c["matched"] += len(pairs)
    matched_texts = {_norm(q.text) for _, q in pairs}
    for entry in gold:
        if _norm(entry["text"]) not in matched_texts:
            tally.errors.append(f"{story}/{article.id}: missed {entry['text'][:70]!r}")
    for quote in ours:
        if _norm(quote.text) not in matched_texts:
            tally.errors.append(f"{story}/{article.id}: spurious {quote.text[:70]!r}")
    for entry, quote in pairs:
        a = quote.attribution
        where = f"{story}/{article.id} {entry['text'][:40]!r}"
        c["kind_ok"] += entry["kind"] == quote.kind
        if entry["kind"] != quote.kind:
            tally.errors.append(f"{where}: kind {quote.kind} (want {entry['kind']})")
        if entry["kind"] != "statement":
            continue
        speaker = a.speaker.text if a.speaker else None
        c["speaker_n"] += 1
        ok = _same(speaker, entry["speaker"]) or (speaker is None and entry["speaker"] is None)
        c["speaker_ok"] += ok
        if not ok:
            tally.errors.append(f"{where}: speaker {speaker!r} (want {entry['speaker']!r})")
        if entry.get("speaker_resolved"):
            c["resolved_n"] += 1
            ok = _name(a.speaker_resolved) == _name(entry["speaker_resolved"])
            c["resolved_ok"] += ok
            if not ok:
                tally.errors.append(f"{where}: resolved {a.speaker_resolved!r} (want {entry['speaker_resolved']!r})")
        if entry.get("speaker_kind") and entry["speaker_kind"] != "none":
            c["speaker_kind_n"] += 1
            c["speaker_kind_ok"] += a.speaker_kind == entry["speaker_kind"]
            if a.speaker_kind != entry["speaker_kind"]:
                tally.errors.append(f"{where}: speaker_kind {a.speaker_kind} (want {entry['speaker_kind']})")
        if entry.get("verb_lemma"):
            c["verb_n"] += 1
            ok = _norm(a.verb_lemma) == _norm(entry["verb_lemma"])
            c["verb_ok"] += ok
            if not ok:
                tally.errors.append(f"{where}: verb {a.verb_lemma!r} (want {entry['verb_lemma']!r})")
        for kind, ours_spans, want in (
            ("hedge", a.hedges, entry.get("hedges") or []),
            ("source", a.sources, entry.get("sources") or []),
        ):
            got = [s.text for s in ours_spans]
            c[f"{kind}_gold"] += len(want)
            c[f"{kind}_ours"] += len(got)
            c[f"{kind}_found"] += sum(1 for w in want if any(_same(w, g) for g in got))
            c[f"{kind}_right"] += sum(1 for g in got if any(_same(w, g) for w in want))
            if sorted(map(_norm, want)) != sorted(map(_norm, got)):
                tally.errors.append(f"{where}: {kind}s {got!r} (want {want!r})")


def measure(stories: list[str]) -> Tally:
    tally = Tally()
    for story in stories:
        data = json.loads((FIXTURES / story / "annotations.json").read_text(encoding="utf-8"))
        by_article: dict[str, list[dict]] = defaultdict(list)
        for entry in data["quotes"]:
            by_article[entry["article"]].append(entry)
        for name, gold in sorted(by_article.items()):
            article = _load(FIXTURES / story / name)
            if article is None:
                continue
            # the gold lists the quotes an article prints, not the lines quoted inside them
            top = [entry for entry in gold if not entry.get("nested")]
            _score(tally, story, article, top, tuple(q for q in extract_quotes(article) if q.inside is None))
    return tally


@pytest.mark.skipif(not STORIES, reason="no annotated fixture stories")
def test_gold_set_meets_pinned_minimums() -> None:
    tally = measure(STORIES)
    figures = tally.figures()
    print(f"\ngold set: {', '.join(STORIES)}; {tally.counts['gold']} annotated quotes")
    for name, value in figures.items():
        print(f"  {name:24} {value:.4f}")
    low = {name: (figures[name], floor) for name, floor in MINIMUMS.items() if figures[name] < floor}
    assert not low, f"below the pinned minimums: {low}\nexamples:\n" + "\n".join(tally.errors[:40])


if __name__ == "__main__":  # python tests/test_gold.py: figures and every error, for tuning
    result = measure(STORIES)
    for line in result.errors:
        print(line)
    for key, val in result.figures().items():
        print(f"{key:24} {val:.4f}")
