"""Lineage of a change: who printed it first and who likely copied it (issue 11, item 6)."""

from __future__ import annotations

from quotediff.compare.diff import diff_text
from quotediff.compare.reuse import lineage
from quotediff.model import Article, Attribution, Member, Quote

REFERENCE = "The leak has polluted the harbour and we will not hesitate to close the port"
CHANGED = "The leak has contaminated the harbour and we will not hesitate to close the port"
CUT = "has polluted the harbour and we will not hesitate to close the port"


def _member(article: str, text: str, reference: str = REFERENCE) -> Member:
    diff = diff_text(reference, text)
    return Member((f"{article}:q1",), article, text, diff, attribution=_NO_ATTRIBUTION)


def _article(article: str, date: str, before: str) -> tuple[Article, Quote]:
    text = f"{before} “{REFERENCE}”"
    start = text.index("“") + 1
    quote = Quote(f"{article}:q1", article, REFERENCE, start, start + len(REFERENCE), "“”")
    return Article(id=article, path=f"{article}.txt", text=text, format="text", outlet=article, published=date), quote


_NO_ATTRIBUTION = Attribution()


def _run(
    members: list[Member], setup: dict[str, tuple[str, str]]
) -> list[tuple[str, str, tuple[str, ...], tuple[str, ...]]]:
    by_id, quotes = {}, {}
    for article, (date, before) in setup.items():
        a, q = _article(article, date, before)
        by_id[a.id], quotes[q.id] = a, q
    reference = Member(
        ("ref:q1",), "ref", REFERENCE, diff_text(REFERENCE, REFERENCE), _NO_ATTRIBUTION, is_reference=True
    )
    by_id["ref"] = _article("ref", "2024-03-01", "x")[0]
    return [
        (e.edit_kind, e.first_article, e.followers, e.independent)
        for e in lineage([reference, *members], by_id, quotes)
    ]


def test_an_ordinary_cut_is_no_lineage() -> None:
    setup = {"a": ("2024-03-04", "Kessel news."), "b": ("2024-03-08", "Radio news.")}
    assert _run([_member("a", CUT), _member("b", CUT)], setup) == []


def test_a_shared_substitution_printed_later_is_likely_copied() -> None:
    setup = {"a": ("2024-03-04", "Kessel news."), "b": ("2024-03-08", "Radio news.")}
    assert _run([_member("a", CHANGED), _member("b", CHANGED)], setup) == [("substitution", "a", ("b",), ())]


def test_same_day_needs_shared_surrounding_text() -> None:
    own = {"a": ("2024-03-04", "Marsh told reporters at the port:"), "b": ("2024-03-04", "The minister said:")}
    assert _run([_member("a", CHANGED), _member("b", CHANGED)], own) == [("substitution", "a", (), ("b",))]
    wire = "The government warned on Monday that it could close the port within days unless the company acted."
    shared = {"a": ("2024-03-04", wire), "b": ("2024-03-04", wire)}
    assert _run([_member("a", CHANGED), _member("b", CHANGED)], shared) == [("substitution", "a", ("b",), ())]
