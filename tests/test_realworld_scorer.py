"""The real-world scorer's logic on invented pages, so it is tested without the page cache."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from quotediff.compare import compare
from quotediff.model import Quote

ROOT = Path(__file__).resolve().parent.parent


def _load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("realworld_scorer", ROOT / "benchmarks" / "realworld.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["realworld_scorer"] = module
    spec.loader.exec_module(module)
    return module


rw = _load_scorer()

# Three invented pages about one invented statement by a harbour master, and one distractor quote.
PAGES = {
    "pages/01-harbour-gazette.txt": (
        "https://example.org/harbour\n\n"
        "Harbour master Ines Vell spoke on Monday.\n\n"
        "“The port will stay open through the winter,” Vell reportedly told dock workers, according to the minutes.\n\n"
        "“We have ordered two new cranes,” said a spokesman for the port."
    ),
    "pages/02-coast-wire.txt": (
        "https://example.org/coast\n\n"
        "“The port will stay open through the winter,” Ines Vell said on Monday.\n\n"
        "“We have ordered two new cranes,” the spokesman added."
    ),
    "pages/03-bay-daily.txt": (
        "https://example.org/bay\n\n"
        "The harbour master said the port “will stay open through the winter” and that nothing had changed."
    ),
}


def _ann(file: str, needle: str, qid: str, **extra: Any) -> Any:
    body = rw.page_body(PAGES[file])
    offset = body.index(needle)
    record = {
        "file": file,
        "url": PAGES[file].split("\n", 1)[0],
        "outlet": "Invented",
        "story": "harbour",
        "quote_id": qid,
        "quoted_text": needle,
        "char_offset": offset,
        "quote_marks": {"open": "“", "close": "”"},
        "cut_off_mid_quote": False,
        "partial": False,
        "speaker_as_named": extra.get("speaker"),
        "verb": extra.get("verb"),
        "hedges": extra.get("hedges", []),
        "cited_source": extra.get("source"),
        "notes": None,
    }
    return rw.parse_annotation(record)


ANNS = [
    _ann(
        "pages/01-harbour-gazette.txt",
        "The port will stay open through the winter,",
        "open",
        speaker="Vell",
        verb="told",
        hedges=["reportedly"],
        source="the minutes",
    ),
    _ann("pages/01-harbour-gazette.txt", "We have ordered two new cranes,", "cranes", speaker="a spokesman"),
    _ann("pages/02-coast-wire.txt", "The port will stay open through the winter,", "open", speaker="Ines Vell"),
    _ann("pages/02-coast-wire.txt", "We have ordered two new cranes,", "cranes", speaker="the spokesman"),
    _ann("pages/03-bay-daily.txt", "will stay open through the winter", "open", speaker="The harbour master"),
]


def _quote(quote_id: str, start: int, end: int) -> Quote:
    return Quote(
        id=quote_id, article_id=quote_id.split(":")[0], text="x" * (end - start), start=start, end=end, marks="“”"
    )


def test_overlap_needs_half_of_the_longer_span() -> None:
    assert rw.overlap_ok(0, 10, 0, 10)
    assert rw.overlap_ok(0, 10, 5, 20) is False  # 5 of 15
    assert rw.overlap_ok(0, 10, 2, 12)  # 8 of 10
    assert rw.overlap_ok(0, 10, 10, 20) is False


def test_best_quote_takes_the_largest_overlap() -> None:
    ann = ANNS[2]
    quotes = [_quote("a:q1", 0, ann.end + 30), _quote("a:q2", ann.char_offset, ann.end)]
    assert rw.best_quote(ann, quotes).id == "a:q2"
    assert rw.best_quote(ann, [_quote("a:q3", ann.end + 5, ann.end + 60)]) is None


def test_check_reports_wrong_offsets_and_missing_substrings() -> None:
    body = rw.page_body(PAGES["pages/01-harbour-gazette.txt"])
    assert rw.check_annotation(ANNS[0], body) == []
    broken = rw.parse_annotation({**ANNS[0].raw, "char_offset": ANNS[0].char_offset + 1, "cited_source": "a fax"})
    problems = rw.check_annotation(broken, body)
    assert any("quoted_text is not body" in p for p in problems)
    assert any("cited_source 'a fax'" in p for p in problems)


def test_pairs_count_only_across_pages() -> None:
    quotes = {
        "pages/01-harbour-gazette.txt": [
            _quote("p1:q1", ANNS[0].char_offset, ANNS[0].end),
            _quote("p1:q2", ANNS[1].char_offset, ANNS[1].end),
        ],
        "pages/02-coast-wire.txt": [
            _quote("p2:q1", ANNS[2].char_offset, ANNS[2].end),
            _quote("p2:q2", ANNS[3].char_offset, ANNS[3].end),
        ],
        "pages/03-bay-daily.txt": [],
    }
    # Everything in one group: recall perfect on the found pairs, precision zero.
    one_group = {q.id: "g1" for qs in quotes.values() for q in qs}
    scores, _ = rw.score_story(ANNS, quotes, one_group)
    assert (scores.found.right, scores.found.total) == (4, 5)
    assert (scores.recall.right, scores.recall.total) == (2, 2)  # open 01-02, cranes 01-02
    assert (scores.precision.right, scores.precision.total) == (0, 2)  # open 01 - cranes 02, cranes 01 - open 02
    apart = {"p1:q1": "g1", "p2:q1": "g1", "p1:q2": "g2"}  # p2:q2 in no group
    scores, _ = rw.score_story(ANNS, quotes, apart)
    assert (scores.recall.right, scores.precision.right) == (1, 2)


def test_scoring_real_extraction_on_invented_pages() -> None:
    bodies = {file: rw.page_body(text) for file, text in PAGES.items()}
    articles = [rw.load_body(file, body) for file, body in sorted(bodies.items())]
    assert [a.text for a in articles] == [bodies[f] for f in sorted(bodies)]
    scores, outcomes = rw.run_story(ANNS, bodies)
    assert scores.pages == 3 and scores.annotations == 5
    assert scores.found.right == 5
    by_qid = {(o.ann.file[6:8], o.ann.quote_id): o for o in outcomes}
    first = by_qid[("01", "open")]
    assert rw.speaker_right(ANNS[0], first.quote)
    assert rw.hedges_right(ANNS[0], first.quote) == any("reportedly" in h.text for h in first.quote.attribution.hedges)
    # Whatever the grouping, the figures are ratios over the pairs of found annotations on different pages.
    assert scores.recall.total == 3 + 1 and scores.precision.total == 4
    comparison = compare(articles)
    assert rw.group_of_quotes(comparison).keys() <= {q.id for q in comparison.quotes}


def test_speaker_folds_case_and_curly_apostrophes() -> None:
    ann = rw.parse_annotation({**ANNS[0].raw, "speaker_as_named": "O’Neill"})
    assert rw.fold("O’Neill") == rw.fold("o'neill")
    assert ann.speaker == "O’Neill"


def test_errors_refused_on_held_out(capsys: pytest.CaptureFixture[str]) -> None:
    assert rw.main(["--split", "held_out", "--errors"]) == rw.EXIT_USAGE
    assert "tuned stories only" in capsys.readouterr().err


def test_absent_cache_is_one_line_and_exit_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert rw.main(["--cache", str(tmp_path / "none")]) == rw.EXIT_NO_CACHE
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no page cache" in err
