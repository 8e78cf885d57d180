"""The party that tells of someone's words: a clause closing the sentence, a colon paragraph before the words, a
lead-in paragraph that quotes the speaker. Invented outlets and people."""

from __future__ import annotations

import pytest

from quotediff.extract import extract_quotes
from quotediff.model import Article, Attribution


def _attributions(text: str) -> list[Attribution]:
    article = Article(id="a", path="-", text=text, format="text", outlet="x")
    return [q.attribution for q in extract_quotes(article)]


def _sources(a: Attribution) -> list[str]:
    return [s.text for s in a.sources]


@pytest.mark.parametrize(
    ("tail", "source"),
    [
        ("the Harbour Times reported", "the Harbour Times"),
        ("Inspector Ines Haan has claimed", "Inspector Ines Haan"),
        ("reports The Quay Telegraph", "The Quay Telegraph"),
    ],
)
def test_a_clause_closing_the_sentence_names_the_source(tail: str, source: str) -> None:
    text = f"The port was quiet. Mayor Tomas Vell slammed “rust-bucket ferries” during a council debate on Thursday, {tail}."
    (a,) = _attributions(text)
    assert a.speaker is not None and a.speaker.text == "Mayor Tomas Vell"
    assert _sources(a) == [source]


def test_a_clause_closing_the_sentence_without_a_reporting_verb_is_no_source() -> None:
    (a,) = _attributions(
        "The port was quiet. Vell called the ferries “rust buckets” on Thursday, the Harbour Times said nothing."
    )
    assert _sources(a) == []
    (b,) = _attributions(
        "The port was quiet. Vell called the ferries “rust buckets” on Thursday, as the Harbour Times ran."
    )
    assert _sources(b) == []


@pytest.mark.parametrize(
    "lead", ["The mayor attacked the plan on Monday, noted The Harbour Times:", "The Harbour Times reported:"]
)
def test_a_colon_paragraph_hands_its_account_to_the_next(lead: str) -> None:
    text = f"{lead}\n\nIn a talk with staff, Vell said, “Why are we keeping all these rust buckets?”\n\nHe denied it.\n"
    (a,) = _attributions(text)
    assert a.speaker is not None and a.speaker.text == "Vell"
    assert _sources(a) == ["The Harbour Times"]


def test_a_lead_in_paragraph_quoting_the_speaker() -> None:
    text = (
        "Mayor Tomas Vell attacked the plan.\n\nThe Harbour Times quoted Vell, based on a source who was in the"
        " meeting, saying:\n\n“Why are we keeping all these rust buckets in our harbour?”\n"
    )
    (a,) = _attributions(text)
    assert a.speaker is not None and a.speaker.text == "Vell"
    assert _sources(a) == ["The Harbour Times"]


def test_a_report_that_the_speaker_characterized_someone_as() -> None:
    text = (
        "The Harbour Times also reported that Vell characterized the more than 1,800 sailors who died at the quay"
        " as “suckers” during a separate talk."
    )
    (a,) = _attributions(text)
    assert a.speaker is not None and a.speaker.text == "Vell"
    assert _sources(a) == ["The Harbour Times"]


@pytest.mark.parametrize(
    ("earlier", "issuer"),
    [
        ("Harbour press secretary Ines Haan released a statement that did not deny it.", "Ines Haan"),
        (
            "In a statement, a harbour spokesperson clarified that Vell was not calling for a strike.",
            "a harbour spokesperson",
        ),
        ("A statement from the Harbour Authority followed on Monday.", "Harbour Authority"),
    ],
)
def test_the_statement_resolves_to_who_issued_it(earlier: str, issuer: str) -> None:
    (a,) = _attributions(f"{earlier}\n\n“The mayor is fighting for the port,” the statement said.\n")
    assert a.speaker is not None and a.speaker.text == "the statement"  # the sentence's own words
    assert a.speaker_resolved == issuer
    assert "the statement" in _sources(a)


def test_a_statement_nobody_issued_earlier_resolves_to_no_one() -> None:
    (a,) = _attributions("The port closed.\n\n“The mayor is fighting for the port,” the statement said.\n")
    assert a.speaker_resolved in (None, "the statement")


@pytest.mark.parametrize(
    ("sentence", "report"),
    [
        (
            "Mayor Tomas Vell has denied reports he was prepared to let the “ferries rot in their hundreds” on Monday.",
            "reports",
        ),
        (
            "Mayor Tomas Vell denied damning media reports that he said the ferries should “rot in their hundreds”.",
            "damning media reports",
        ),
        ("Mayor Tomas Vell denied a newspaper report that he said ferries should “rot in their hundreds”.", "a newspaper report"),
        ("One report yesterday claimed Mayor Tomas Vell said he would rather see “ferries rot in their hundreds”.", "One report"),
        (
            "Radio Harbour has been told by two separate sources that Tomas Vell said he would let “ferries rot”.",
            "two separate sources",
        ),
        ("Two witnesses who claim Tomas Vell did say he would let “ferries rot” are ready to testify.", "Two witnesses"),
        ("“We will stay open,” Tomas Vell said in a 3.5-minute harbour video on Monday.", "in a 3.5-minute harbour video"),
    ],
)
def test_a_report_the_sentence_denies_is_the_source(sentence: str, report: str) -> None:
    (a,) = _attributions(f"The port was quiet. {sentence}")
    assert report in _sources(a)


def test_a_closing_clause_with_a_time_and_its_own_sources() -> None:
    text = (
        "The port was quiet. Mayor Tomas Vell has privately said that drowned sailors are “drifters” and “losers,”"
        " The Harbour Times’s Ines Haan reported late Thursday, citing several people with first-hand knowledge."
    )
    for a in _attributions(text):
        assert "The Harbour Times’s Ines Haan" in _sources(a)


@pytest.mark.parametrize(
    ("sentence", "hedge"),
    [
        (
            "Mayor Tomas Vell said he would rather see “ferries rot in their hundreds” than strike, it was claimed last night.",
            "it was claimed",
        ),
        (
            "Mayor Tomas Vell has been accused of saying “let the ferries rot in their hundreds” at a meeting.",
            "has been accused of",
        ),
        (
            "Tomas Vell is denying that he skipped the quay because he reportedly said, “Why should I go to that quay?”",
            "reportedly",
        ),
    ],
)
def test_hedges_of_the_whole_sentence_and_between_frame_and_words(sentence: str, hedge: str) -> None:
    (a,) = _attributions(f"The port was quiet. {sentence}")
    assert hedge in [h.text for h in a.hedges]


def test_every_distance_hedge_has_a_stem_that_lets_the_sentence_be_searched() -> None:
    from quotediff.extract.lexicon import lexicon
    from quotediff.extract.sources import _DISTANCE_STEM_RE

    assert all(_DISTANCE_STEM_RE.search(h.lower()) for h in lexicon().distance_hedges)


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        (
            "As the Harbour Times reported, Mayor Tomas Vell privately declared that sailors were “victims” of the port.",
            "the Harbour Times",
        ),
        ("Vell can be heard on the leaked video saying the port is “in trouble as a party”.", "the leaked video"),
        (
            "Vell also said in the Harbour TV interview: “All of the things I said were right from the start.”",
            "the Harbour TV interview",
        ),
        (
            "Inspector Haan has confirmed reports in the Daily Harbour that Vell said he would let “ferries rot in their hundreds”.",
            "reports in the Daily Harbour",
        ),
    ],
)
def test_a_report_video_or_named_interview_the_sentence_gives(sentence: str, source: str) -> None:
    a = _attributions(f"The port was quiet. {sentence}")[-1]
    assert source in _sources(a)


def test_an_interview_without_an_outlet_is_no_source() -> None:
    a = _attributions("The port was quiet. Vell said in a 2021 interview: “I have broken some rules to build this.”")[
        -1
    ]
    assert _sources(a) == []


@pytest.mark.parametrize(
    ("dateline", "agency"), [("HARBOUR CITY (AP) — ", "AP"), ("HARBOUR CITY (Reuters) - ", "Reuters")]
)
def test_a_wire_dateline_is_the_source_of_the_quotes_after_it(dateline: str, agency: str) -> None:
    text = f"Vell: ‘Bring on’ the strikers\n\n{dateline}Mayor Tomas Vell said on Wednesday: “Bring them on. We have the force.”\n"
    a = _attributions(text)[-1]
    assert agency in _sources(a)
    assert (
        _sources(_attributions("Mayor Tomas Vell said on Wednesday: “Bring them on. We have the force.”\n")[-1]) == []
    )


def test_a_lead_in_reporter_holds_for_the_quote_paragraphs_after_it() -> None:
    text = "The strike went on.\n\nBreitbart reports:\n\n“The harbour will close on Monday,” Vell said.\n\n“We have no choice,” he added.\n"
    attributions = _attributions(text)
    assert [_sources(a) for a in attributions] == [["Breitbart"], ["Breitbart"]]

