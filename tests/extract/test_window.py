"""The window around one quote: its sentence, the tokens on either side and their word classes, read once."""

from __future__ import annotations

from quotediff.extract.after import frame_after
from quotediff.extract.frames import frame_before
from quotediff.extract.lexicon import lexicon
from quotediff.extract.patterns import COLON, NAME_COLON, Pattern, match
from quotediff.extract.window import (
    ADVERB,
    CAPITAL,
    DETERMINER,
    MARK,
    PREPOSITION,
    PRONOUN,
    PUNCT,
    VERB,
    WORD,
    Window,
    window,
    words,
)

TEXT = (
    "The port reopened. According to the memo, Deputy Director Vell told him: “We will not close it,” she said. Then."
)


def _window(text: str = TEXT, *, ends_sentence: bool = False) -> Window:
    open_start = text.index("“")
    close_end = text.index("”") + 1
    return window(
        text,
        text,
        lexicon(),
        open_start=open_start,
        close_end=close_end,
        para_start=0,
        para_end=len(text),
        ends_sentence=ends_sentence,
    )


def test_the_window_holds_the_quotes_sentence_and_both_sides() -> None:
    win = _window()
    assert TEXT[win.s_start : win.s_end] == (
        "According to the memo, Deputy Director Vell told him: “We will not close it,” she said."
    )
    assert [t.text for t in win.before.toks][-4:] == ["Vell", "told", "him", ":"]
    assert [t.text for t in win.tail.toks] == ["she", "said", "."]  # the comma sits inside the marks
    assert not win.starts_sentence


def test_tokens_are_read_once_and_shared() -> None:
    win = _window()
    assert win.before is win.before
    assert win.after.toks[: len(win.tail.toks)] == win.tail.toks


def test_speech_verbs_read_with_their_neighbours() -> None:
    before = _window().before
    texts = [t.text for t in before.toks]
    assert before.verb(texts.index("According")) == (2, "according to", "neutral")
    assert before.verb(texts.index("told")) is not None
    assert before.verb(texts.index("told"))[1] == "tell"  # type: ignore[index]
    assert before.verb(texts.index("memo")) is None
    assert before.verb(len(texts)) is None


def test_word_classes() -> None:
    win = _window()
    before = win.before
    texts = [t.text for t in before.toks]
    assert before.word_class(texts.index("the")) & DETERMINER
    assert before.word_class(texts.index("to")) & PREPOSITION
    assert win.tail.word_class(0) & PRONOUN
    assert before.word_class(texts.index("told")) & VERB
    assert before.word_class(texts.index(":")) == PUNCT
    marks = words("‘Yes’ — no", 0, 10, lexicon())
    assert [marks.word_class(i) for i in range(3)] == [MARK, WORD | CAPITAL, MARK]
    assert marks.word_class(3) == PUNCT
    assert not before.word_class(texts.index("memo")) & (CAPITAL | VERB | ADVERB)


def test_capital_runs_name_candidates() -> None:
    before = _window().before
    runs = [" ".join(t.text for t in before.toks[a:b]) for a, b in before.capital_runs()]
    assert runs == ["According", "Deputy Director Vell"]


def test_a_quote_opening_its_sentence() -> None:
    text = "Talks ended. “We will not close it,” Vell said."
    win = _window(text)
    assert win.starts_sentence
    assert win.before.toks == []


def _colon_speaker(text: str, table: tuple[Pattern, ...] = COLON) -> str | None:
    before = _window(text).before
    frame = match(table, before.toks, text, lexicon())
    return frame.speaker.text if frame is not None and frame.speaker is not None else None


def test_colon_patterns_name_the_speaker_before_the_colon() -> None:
    assert _colon_speaker("Pollsters agree - Carl Bialik: “We will not close it,” she said.", NAME_COLON) == (
        "Carl Bialik"
    )
    assert _colon_speaker("The port stays shut, said pollster Daron Shaw: “We will not close it.”") == "Daron Shaw"
    assert _colon_speaker("In a radio interview, Vell went even further: “We will not close it.”") == "Vell"


def test_colon_patterns_refuse_an_addressee_or_an_object() -> None:
    assert _colon_speaker("Vell told Carl Bialik: “We will not close it.”", NAME_COLON) is None
    assert _colon_speaker("She sent a message to Putin and the world: “We will not close it.”") == "She"


def _after(text: str, *, ends_sentence: bool = False) -> tuple[str | None, str | None, str | None]:
    """(speaker, verb lemma, addressee) the AFTER patterns read after the quote of ``text``."""
    win = _window(text, ends_sentence=ends_sentence)
    frame = frame_after(win)
    if frame is None:
        return None, None, None
    speaker = frame.speaker.text if frame.speaker is not None else None
    return speaker, frame.lemma, frame.addressee.text if frame.addressee is not None else None


def test_after_patterns_verb_first_or_name_first() -> None:
    assert _after("“We will not close it,” said Deputy Director Vell.") == ("Deputy Director Vell", "say", None)
    assert _after("“We will not close it,” Vell told reporters.") == ("Vell", "tell", "reporters")
    assert _after("“We will not close it,” according to the ministry.")[1] == "according to"


def test_after_patterns_reach_over_an_apposition() -> None:
    assert _after("“We will not close it,” Vell, 67, a port official, said.") == ("Vell", "say", None)
    assert _after("“We will not close it” — Vell, a port official. Then she left.") == (None, None, None)
    assert _after("“We will not close it” — Vell, a port official") == ("Vell", None, None)


def test_after_patterns_dash_credit_and_new_sentences() -> None:
    assert _after("“We will not close it” — Deputy Director Vell") == ("Deputy Director Vell", None, None)
    assert _after("“We will not close it.” Vell said.", ends_sentence=True) == ("Vell", "say", None)
    assert _after("“We will not close it.” Vell went on to say: more.", ends_sentence=True) == (None, None, None)
    assert _after("“We will not close it,” which the ministry said was final.") == (None, None, None)


def _before_speaker(text: str) -> str | None:
    frame = frame_before(_window(text))
    return frame.speaker.text if frame is not None and frame.speaker is not None else None


def test_before_rules_in_order() -> None:
    assert _before_speaker("Critics mocked Vell for saying “We will not close it.”") == "Vell"
    assert _before_speaker("Vell was asked by host Carl Bialik, “Will you close it?”") == "Carl Bialik"
    assert _before_speaker("The port stayed open, said Deputy Director Vell: “We will not close it.”") == (
        "Deputy Director Vell"
    )
    assert _before_speaker("Vell returned the compliment, telling reporters, “We will not close it.”") == "Vell"


def test_outer_clauses_name_the_speaker() -> None:
    assert _before_speaker("Vell told Majeed, according to the memo: “We will not close it.”") == "Vell"
    assert _before_speaker("Vell said that he argued the port was “not for sale.”") == "Vell"
    assert _before_speaker("He argued the port was “not for sale.”") == "He"
