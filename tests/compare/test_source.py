"""A primary document as reference: the quoted stretch and who says it there."""

from __future__ import annotations

from quotediff.compare.source import majority_speaker, source_speaker
from quotediff.model import Article, Attribution, Span

TRANSCRIPT = """PRESS CONFERENCE

TOMAS VELL: Our crews have closed berths four and five.

HELENA MARSH (Environment Minister): The leak has polluted the harbour.

QUESTION: Is the water safe?

Don: I think all will be forgiven.
"""


def _doc() -> Article:
    return Article(id="t", path="t.txt", text=TRANSCRIPT, format="text", outlet="t")


def _named(name: str, kind: str = "named") -> Attribution:
    return Attribution(speaker=Span(0, len(name), name), speaker_resolved=name, speaker_kind=kind)


def test_speaker_label_names_the_speaker() -> None:
    at = TRANSCRIPT.index("The leak")
    assert source_speaker(_doc(), (at, at + 8), []).speaker_resolved == "Helena Marsh"


def test_one_word_or_role_label_falls_back_to_the_outlets() -> None:
    outlets = [_named("Donald Lu"), _named("Lu"), _named("Asad Majeed")]
    at = TRANSCRIPT.index("I think")
    assert source_speaker(_doc(), (at, at + 7), outlets).speaker_resolved == "Donald Lu"
    at = TRANSCRIPT.index("Is the water")
    assert source_speaker(_doc(), (at, at + 5), outlets).speaker_resolved == "Donald Lu"


def test_majority_ignores_anonymous_descriptions() -> None:
    outlets = [_named("a senior minister", "anonymous"), _named("Tomas Vell"), _named("Marsh"), _named("Helena Marsh")]
    assert majority_speaker(outlets) == Attribution(speaker_resolved="Helena Marsh", speaker_kind="named")
    assert majority_speaker([]) == Attribution()
