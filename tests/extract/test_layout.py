"""Text shapes of real pages: hard line breaks, cut text, marks left open or used backwards, page noise, transcripts.

Each case is a shape seen on real outlets' pages, reworded into our own invented port-closure story; the whole
articles are in fixtures/shapes/ (annotated like every story, so the gold gate scores them too).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotediff.extract import extract_quotes
from quotediff.extract.layout import prepare
from quotediff.load import load_file
from quotediff.model import Article, Quote

SHAPES = Path(__file__).resolve().parents[2] / "fixtures" / "shapes"


def _quotes(text: str) -> tuple[Quote, ...]:
    return extract_quotes(Article(id="a", path="-", text=text, format="text", outlet="x"))


def _rows(text: str) -> list[tuple[str, str | None, bool]]:
    return [
        (q.text, q.attribution.speaker.text if q.attribution.speaker else None, q.unclosed)
        for q in _quotes(text)
        if q.kind == "statement"
    ]


HARD_WRAPPED = (
    "PORT STAYS OPEN\n"
    "KELDER - Deputy Director Tomas Vell told the harbour council on Friday that\n"
    'the port would stay open while the tests continued, and he warned that "we\n'
    "will not close the port without a vote of the full council, whatever the\n"
    'ministry says." The council had asked him to explain the delay in the tests.\n'
    "Vell said the next results were due on Monday.\n"
)


def test_a_hard_wrapped_text_without_blank_lines_is_read_as_paragraphs() -> None:
    assert _rows(HARD_WRAPPED) == [
        ("we\nwill not close the port without a vote of the full council, whatever the\nministry says.", "he", False)
    ]


def test_a_quote_runs_on_across_single_newlines_inside_a_paragraph() -> None:
    text = 'Title\n\nTomas Vell told\nreporters: "We will not close the port without\na vote of the council."\n\nEnd.'
    [quote] = _quotes(text)
    assert quote.text == "We will not close the port without\na vote of the council."
    assert quote.attribution.speaker is not None and quote.attribution.speaker.text == "Tomas Vell"
    assert quote.attribution.addressee is not None and quote.attribution.addressee.text == "reporters"


def test_spans_keep_the_article_s_characters_across_a_line_break() -> None:
    text = "Title\n\nThe deputy\ndirector said: “We will not close the port without a vote.”\n"
    [quote] = _quotes(text)
    speaker = quote.attribution.speaker
    assert speaker is not None and text[speaker.start : speaker.end] == speaker.text == "The deputy\ndirector"


def test_a_caption_line_above_the_prose_is_not_the_speaker() -> None:
    text = "Harbour Daily\n\nPhoto: Ilse Brandt via Harbour Images\nVell said: “We will not close the port without a vote.”\n"
    [quote] = _quotes(text)
    assert quote.attribution.speaker is not None and quote.attribution.speaker.text == "Vell"


def test_a_date_line_above_a_headline_leaves_the_headline_its_speaker() -> None:
    text = (
        "date 2020-03-17 e-paper\n‘Keep the gates open’: HPA chief’s message to the council\n\n"
        "The HPA chief, Ilse Brandt, wrote to the council on Monday."
    )
    quote = _quotes(text)[0]
    assert quote.kind == "statement"
    assert quote.attribution.speaker is not None and quote.attribution.speaker.text == "HPA chief"


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        # cut text: the quote opens and the excerpt stops
        (
            "Title\n\nAsked about the vote, Vell said: “We will not close the port without a vote, and we will",
            [("We will not close the port without a vote, and we will", "Vell", True)],
        ),
        # a mark lost in the middle of the text: the quote ends with its paragraph, the next one is untouched
        (
            "Title\n\nMarsh said “the supply is safe to drink and tested every day.\n\nVell said “we will see” later.",
            [("the supply is safe to drink and tested every day.", "Marsh", True)],
        ),
    ],
)
def test_a_quote_that_never_closes_is_reported_as_unclosed(text: str, rows: list[tuple[str, str, bool]]) -> None:
    assert _rows(text)[: len(rows)] == rows


def test_an_opener_left_open_ends_before_the_next_opener() -> None:
    text = (
        "Title\n\nMarsh said “we cannot rule anything out at this stage —She then added that “frankly, we are ready.”"
    )
    assert _rows(text) == [
        ("we cannot rule anything out at this stage", "Marsh", True),
        ("frankly, we are ready.", "She", False),
    ]


def test_a_closing_mark_used_as_an_opener_and_mixed_marks() -> None:
    text = (
        "Title\n\nAsked about the port, Vell's words were: ” We will not close the port without a vote.”\n\n"
        'Marsh said “the tests are being looked at very closely." on her way in.'
    )
    assert _rows(text) == [
        ("We will not close the port without a vote.", "Vell", False),
        ("the tests are being looked at very closely.", "Marsh", False),
    ]


def test_related_lines_and_reader_comments_are_not_article_text() -> None:
    article = load_file(str(SHAPES / "port-forum.txt"))
    reading = prepare(article).text
    assert len(reading) == len(article.text)
    assert "[Related" not in reading and "READ MORE" not in reading and "harbourwatcher" not in reading
    texts = [q.text for q in extract_quotes(article)]
    assert "we will close the port tomorrow" not in texts  # a reader's comment
    assert "the water is safe to drink and tested every day" not in texts  # a related headline
    assert texts == [
        "We will not close the port without a vote of\nthe full council,",
        "safe to drink and\ntested every single day.",
    ]


def test_transcript_turns_are_quotes_of_the_labelled_speaker() -> None:
    article = load_file(str(SHAPES / "tidewater-mirror.txt"))
    turns = [(q.text, q.attribution.speaker_resolved) for q in extract_quotes(article) if q.marks == "transcript"]
    assert turns == [
        ("Will you close the port if the tests fail again next week?", "Chris Wallace"),
        ("We will not close the port without a vote of the full council.", "Tomas Vell"),
        ("And if the council votes to close it?", "Chris Wallace"),
        ("Then we will close it, and we will say so the same day.", "Tomas Vell"),
    ]


def test_one_labelled_paragraph_is_no_transcript() -> None:
    text = "Title\n\nUPDATE: The council met on Tuesday.\n\nVELL: We will not close it, the director wrote."
    assert [q.marks for q in _quotes(text)] == []


def test_the_shapes_annotations_mark_every_unclosed_quote() -> None:
    gold = json.loads((SHAPES / "annotations.json").read_text(encoding="utf-8"))
    for name in sorted({g["article"] for g in gold["quotes"]}):
        found = [(q.text, q.unclosed) for q in extract_quotes(load_file(str(SHAPES / name))) if q.kind == "statement"]
        expected = [(g["text"], g.get("unclosed", False)) for g in gold["quotes"] if g["article"] == name]
        assert found == expected, name
