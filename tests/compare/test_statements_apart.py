"""Distinct statements of one speech stay apart: a refrain that opens several of them, an outlet that prints the
whole passage, a refrain quoted ahead of a statement, a refrain quoted alone. Invented outlets and speeches
(tests/data/refrain, tests/data/harbour-refrain)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from quotediff.compare import compare_paths
from quotediff.compare.match import locate_words
from quotediff.compare.normalize import tokenize
from quotediff.compare.phrases import find_refrains
from quotediff.compare.renderings import matching_words, rendering_of
from quotediff.model import Attribution, Comparison, Quote, QuoteGroup

REFRAIN = Path(__file__).resolve().parents[1] / "data" / "refrain"
# The statements of the speech, by the quotes that render each alone (article:quote number).
STATEMENT_A = {"north:q1", "quay:q1"}  # "How dare you! You have stolen my harbour …"
STATEMENT_B = {"north:q2", "river:q2"}  # "How dare you! You keep looking away …" (river: "How dare you," + B)
STATEMENT_C = {"delta:q2", "quay:q2"}  # "How dare you pretend …"


@cache
def refrain() -> Comparison:
    return compare_paths([str(REFRAIN)])


def quote_ids(group: QuoteGroup) -> set[str]:
    return {q for m in group.members for q in m.quote_ids}


def encode(*texts: str) -> list[list[int]]:
    ids: dict[str, int] = {}
    return [[ids.setdefault(w, len(ids)) for w in matching_words(tokenize(t))] for t in texts]


def test_a_refrain_quoted_ahead_of_a_statement_does_not_stretch_its_window() -> None:
    # The stray "you" of the first statement matches the refrain before the second; the window is where the
    # counted runs sit, the second statement alone.
    passage = "How dare you! You have stolen my harbour and my childhood. How dare you! You keep looking away."
    river = "How dare you, How dare you! You keep looking away"
    hay, needle = encode(passage, river)
    located = locate_words(needle, hay)
    assert located is not None
    assert located[1] == (11, 18)


def test_each_statement_of_the_speech_is_a_group_of_its_own() -> None:
    groups = refrain().groups
    by_statement = [
        [g for g in groups if statement & quote_ids(g)] for statement in (STATEMENT_A, STATEMENT_B, STATEMENT_C)
    ]
    assert [len(found) for found in by_statement] == [1, 1, 1]
    for statement, (group,) in zip((STATEMENT_A, STATEMENT_B, STATEMENT_C), by_statement, strict=True):
        others = (STATEMENT_A | STATEMENT_B | STATEMENT_C) - statement
        assert statement <= quote_ids(group)
        assert not others & quote_ids(group)


def test_the_outlet_printing_the_whole_passage_is_in_every_statement_group() -> None:
    groups = refrain().groups
    assert len(groups) == 3
    assert all("coast:q1" in quote_ids(g) for g in groups)


def test_the_refrain_as_a_phrase_is_quoted_in_part_and_merges_nothing() -> None:
    groups = refrain().groups
    holding = [g for g in groups if "delta:q1" in g.also_quoted]
    assert len(holding) == 1
    assert "delta:q1" not in {q for g in groups for q in quote_ids(g)}


def test_the_passage_is_no_statement_s_reference() -> None:
    # Undated pages: the longest rendering used to win; the passage is a member of each group, "extended".
    for group in refrain().groups:
        assert group.reference_article != "coast"
        (passage,) = [m for m in group.members if m.article_id == "coast"]
        assert passage.diff.verdict == "extended"


def test_the_wording_most_outlets_print_whole_is_the_reference() -> None:
    # Statement B: river glues its refrain to the statement ("How dare you, How dare you! …"); north prints the
    # statement as coast does inside the passage, so north's wording is the one the outlets agree on.
    (group,) = [g for g in refrain().groups if "north:q2" in quote_ids(g)]
    assert group.reference_quote_ids == ("north:q2",)


# A refrain of four words or more that opens two statements ("I see a new harbour …"), quoted alone by three
# outlets: north and river also quote one statement each, coast only names the speech by it.
HARBOUR = Path(__file__).resolve().parents[1] / "data" / "harbour-refrain"


@cache
def harbour() -> Comparison:
    return compare_paths([str(HARBOUR)])


def test_a_refrain_quoted_alone_by_several_outlets_is_a_quotation_of_its_own() -> None:
    groups = harbour().groups
    by_quotes = sorted(sorted(quote_ids(g)) for g in groups)
    assert by_quotes == [
        ["coast:q1", "north:q1", "river:q1"],
        ["delta:q1", "river:q2"],
        ["north:q2", "quay:q1"],
    ]
    # Reported with the statement its article also quotes, it would be the reason the two statements meet.
    assert all(not g.also_quoted for g in groups)


def test_a_line_a_passage_or_a_split_statement_puts_in_a_second_group_is_no_refrain() -> None:
    line = "this old harbour cannot stay closed"
    statement = "For heaven's sake, " + line
    other = "We will build a different harbour, a brighter harbour rooted in trust and in work"
    quotes = [
        *(Quote(f"{a}:q1", a, statement, 0, len(statement), "“”", Attribution(), 1) for a in "abc"),
        Quote("d:q1", "d", other + ". " + statement, 0, 120, "“”", Attribution(), 1),
        Quote("e:q1", "e", other, 0, len(other), "“”", Attribution(), 1),
        # A shorter copy of the statement's group, as when one statement is split over two groups.
        *(Quote(f"{a}:q2", a, line, 200, 236, "“”", Attribution(), 2) for a in "fg"),
        *(Quote(f"{a}:q9", a, line, 300, 336, "“”", Attribution(), 9, "scare") for a in "hk"),
    ]
    rs = {q.id: rendering_of(q) for q in quotes}
    groups = [[rs[f"{a}:q1"] for a in "abc"], [rs["d:q1"], rs["e:q1"]], [rs["f:q2"], rs["g:q2"]]]
    assert find_refrains(groups, quotes) == []


def _quotes(texts: dict[str, str]) -> dict[str, Quote]:
    return {qid: Quote(qid, qid.split(":")[0], t, 0, len(t), "“”", Attribution(), 1) for qid, t in texts.items()}


def test_a_three_word_line_the_speaker_repeats_is_a_refrain_and_one_said_once_is_not() -> None:
    first = "How dare you! You have stolen my harbour and my tides with your empty reports."
    second = "How dare you! You keep looking away from the silt on the quay."
    once = "Only harbour first"
    texts = {
        "a:q1": first,
        "b:q1": first,
        "c:q1": second,
        "d:q1": second,
        "e:q1": f"{first} {second} {once}, the mayor added.",
        "f:q1": f"{second} {once}!",
        "g:q1": "How dare you!",
        "h:q1": "How dare you?",
        "k:q1": once,
        "m:q1": once,
    }
    quotes = _quotes(texts)
    rs = {qid: rendering_of(q) for qid, q in quotes.items()}
    groups = [[rs["a:q1"], rs["b:q1"], rs["e:q1"]], [rs["c:q1"], rs["d:q1"], rs["e:q1"], rs["f:q1"]]]
    found = [sorted(q.id for q in line) for line in find_refrains(groups, list(quotes.values()))]
    assert found == [["g:q1", "h:q1"]]
