"""A document as the source of a quote, dates inside source phrases, hedges on the source (issue 9, attribution)."""

from __future__ import annotations

import pytest

from quotediff.extract import extract_quotes
from quotediff.model import Article

QUOTE = "“we will not close the port without a vote of the council.”"


def _attribution(text: str) -> tuple[str | None, list[str], list[str]]:
    [quote] = extract_quotes(Article(id="a", path="-", text=text, format="text", outlet="x"))
    a = quote.attribution
    return (a.speaker.text if a.speaker else None), [s.text for s in a.sources], [h.text for h in a.hedges]


@pytest.mark.parametrize(
    ("text", "speaker", "sources"),
    [
        (f"The memo quotes Vell as saying {QUOTE}", "Vell", ["The memo"]),
        (f"The filing quotes the director saying that {QUOTE}", "the director", ["The filing"]),
        (f"The minutes say Marsh told the council {QUOTE}", "Marsh", ["The minutes"]),
        (
            f"The inspector's May 3 report quoted Deputy Director Vell as follows: {QUOTE}",
            "Deputy Director Vell",
            ["The inspector's May 3 report"],
        ),
        (
            f"The envoy quoted a senior official as saying in a purported memo that {QUOTE}",
            "a senior official",
            ["The envoy", "in a purported memo"],
        ),
    ],
)
def test_the_document_or_the_party_quoting_is_the_source_not_the_speaker(
    text: str, speaker: str, sources: list[str]
) -> None:
    assert _attribution(text)[:2] == (speaker, sources)


def test_a_date_inside_a_source_phrase_does_not_cut_it() -> None:
    text = f"According to the May 3, 2024, report, Vell said {QUOTE}"
    assert _attribution(text)[:2] == ("Vell", ["According to the May 3, 2024, report"])


@pytest.mark.parametrize(
    ("text", "hedges"),
    [
        (f"The envoy quoted a senior official as saying in a purported memo that {QUOTE}", ["purported"]),
        (
            f"The Intercept could not authenticate the leaked memo, in which Vell said {QUOTE}",
            ["could not authenticate", "leaked"],
        ),
        (
            f"Quinn claimed to be reading from an unverified transcript in which Vell said {QUOTE}",
            ["claimed to be reading from", "unverified"],
        ),
        (f"Vell is quoted to have told the council {QUOTE}", ["is quoted to have"]),
    ],
)
def test_hedges_beyond_adverbs(text: str, hedges: list[str]) -> None:
    assert _attribution(text)[2] == hedges


def test_a_possessive_speaker_with_words() -> None:
    assert _attribution(f"Vell's words: {QUOTE}")[0] == "Vell"


@pytest.mark.parametrize(
    ("text", "speaker", "sources"),
    [
        # the people behind one source, joined by "and" or described by a clause, are one source phrase
        (
            f"{QUOTE} Marsh said, according to one councillor and people briefed on the meeting.",
            "Marsh",
            ["according to one councillor and people briefed on the meeting"],
        ),
        (
            f"{QUOTE} Marsh said, according to sources who briefed the Harbour Times on the meeting.",
            "Marsh",
            ["according to sources who briefed the Harbour Times on the meeting"],
        ),
        # a document as the subject of "read": the dissent is where the words come from
        (f"{QUOTE[:-2]},” her dissent read.", "her dissent", ["her dissent"]),
        (f"{QUOTE[:-2]},” the tweet said.", "the tweet", ["the tweet"]),
        # after a question that ends its sentence, "Marsh told <whom>" still frames it; the source stays a source
        (
            "“Why would we close the port?” Marsh told a group of councillors, according to the Harbour Times.",
            "Marsh",
            ["according to the Harbour Times"],
        ),
    ],
)
def test_sources_of_this_round(text: str, speaker: str, sources: list[str]) -> None:
    assert _attribution(text)[:2] == (speaker, sources)


@pytest.mark.parametrize(
    ("text", "speaker", "sources"),
    [
        # an auxiliary between a description and its verb: the description is the speaker, the outlet the source
        (f"{QUOTE[:-2]},” the harbour engineer has told the BBC.", "the harbour engineer", ["the BBC"]),
        # "was quoted as saying": the participle after the hedge is the verb
        (f"{QUOTE[:-2]},” Marsh was quoted as saying.", "Marsh", []),
        # an outlet named with an abbreviation ("St.") is the whole name
        (
            f"During an interview with the St. Paul Pioneer Press, Marsh said: {QUOTE}",
            "Marsh",
            ["the St. Paul Pioneer Press"],
        ),
        # a line handing the next paragraph to its source
        (f"Per the Washington Post:\n\n{QUOTE[:-2]},” an aide said.", "an aide", ["the Washington Post"]),
    ],
)
def test_sources_and_speakers_around_the_verb(text: str, speaker: str, sources: list[str]) -> None:
    assert _attribution(text)[:2] == (speaker, sources)


def test_a_conditional_of_reported_speech_is_a_hedge_only_before_a_speech_verb() -> None:
    assert _attribution(f"{QUOTE[:-2]},” Vell would have said.")[::2] == ("Vell", ["would have"])
    assert _attribution(f"{QUOTE[:-2]},” Vell said, adding that he would have won anyway.")[2] == []


def test_an_outlet_telling_of_the_words_before_the_quote_is_its_source() -> None:
    text = (
        "The BBC reports that Tomas Vell has been caught on microphone describing a voter he had just"
        " spoken to as a “bitter woman”."
    )
    assert _attribution(text)[1] == ["The BBC"]
