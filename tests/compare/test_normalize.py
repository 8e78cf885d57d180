"""Tokens, matching keys and spelling keys."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotediff.compare.normalize import _PIECE_RE, _split_pieces, match_key, raw_tokens, spelling_key, tokenize, word_norms

LU = (
    "“I think if the no-confidence vote against the Prime Minister succeeds, all will be forgiven in Washington "
    "because the Russia visit is being looked at as a decision by the prime minister,” Don[ald Lu] said."
)


def texts(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


def test_words_punctuation_quote_marks_and_brackets_are_separate_tokens() -> None:
    tokens = tokenize(LU)
    assert [t.text for t in tokens[:4]] == ["“", "I", "think", "if"]
    assert "no-confidence" in [t.text for t in tokens]
    assert [t.text for t in tokens[-10:]] == ["minister", ",", "”", "Don", "[", "ald", "Lu", "]", "said", "."]
    quote = tokens[0]
    assert quote.norm == "" and not quote.is_word
    comma = next(t for t in tokens if t.text == ",")
    assert comma.norm == "," and not comma.is_word


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.S. said", ["The", "U.S.", "said"]),
        ("3,000 jobs and 2.5 per cent", ["3,000", "jobs", "and", "2.5", "per", "cent"]),
        ("won’t don't Khan's", ["won’t", "don't", "Khan's"]),
        ("a 19-year-old in the 1990s", ["a", "19-year-old", "in", "the", "1990s"]),
        ("wait… and . . . and ...", ["wait", "…", "and", ". . .", "and", "..."]),
        ("Khans' vote", ["Khans", "'", "vote"]),
        ("yes — no – maybe", ["yes", "—", "no", "–", "maybe"]),
        ("[T]he (sic)", ["[", "T", "]", "he", "(", "sic", ")"]),
        ("«Hallo» „Welt“", ["«", "Hallo", "»", "„", "Welt", "“"]),
        ("café naïve Zürich", ["café", "naïve", "Zürich"]),
    ],
)
def test_tokenize_splits_as_readers_do(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_keys_fold_case_typography_and_number_style_but_keep_diacritics() -> None:
    def norms(text: str) -> list[str]:
        return [t.norm for t in tokenize(text)]

    assert norms("The PRIME Minister") == ["the", "prime", "minister"]
    assert norms("won’t") == norms("won't") == ["won't"]
    assert norms("U.S.") == norms("US") == ["us"]
    assert norms("3,000") == norms("3000") == ["3000"]
    assert norms("…") == norms("...") == norms(". . .") == ["..."]
    assert norms("—") == norms("–") == norms("-") == ["-"]
    assert norms("café") != norms("cafe")
    assert norms("Straße") == ["strasse"]  # casefold, not lower


def test_match_key_joins_the_words_only() -> None:
    assert match_key("“All will be forgiven,” he said.") == "all will be forgiven he said"
    assert match_key("[T]he vote") == match_key("The vote") == "the vote"
    assert match_key("Don[ald Lu] said [sic]") == "donald lu said"
    assert match_key("The U.S. won’t") == match_key("the US won't")
    assert match_key("") == ""


def test_word_norms_drops_punctuation_and_marks() -> None:
    assert word_norms(tokenize("“Yes,” he said — twice.")) == ("yes", "he", "said", "twice")


@pytest.mark.parametrize(
    ("uk", "us"),
    [
        ("colour", "color"),
        ("honoured", "honored"),
        ("organisation", "organization"),
        ("analyse", "analyze"),
        ("centre", "center"),
        ("travelled", "traveled"),
        ("defence", "defense"),
        ("catalogue", "catalog"),
        ("paediatric", "pediatric"),
        ("manoeuvre", "maneuver"),
        ("programme", "program"),
        ("realised", "realized"),
    ],
)
def test_spelling_key_folds_british_and_american_forms(uk: str, us: str) -> None:
    assert spelling_key(uk) == spelling_key(us)


@pytest.mark.parametrize(("a", "b"), [("four", "for"), ("rise", "rize"), ("hour", "hor"), ("fence", "fense")])
def test_spelling_key_keeps_short_words_apart(a: str, b: str) -> None:
    assert spelling_key(a) != spelling_key(b)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_offsets_point_at_the_token_text_on_arbitrary_unicode(text: str) -> None:
    tokens = tokenize(text)
    for t in tokens:
        assert text[t.start : t.end] == t.text
        assert t.text.strip() == t.text and t.text
    assert all(a.end <= b.start for a, b in zip(tokens, tokens[1:], strict=False))
    # every non-space character belongs to a token
    inside: set[int] = set()
    for t in tokens:
        inside.update(range(t.start, t.end))
    assert all(k in inside for k, c in enumerate(text) if not c.isspace())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1 ,.;-'’…\n\u00a0[]é\u0301")) | st.characters()))
def test_the_diff_pieces_tile_the_text_and_match_the_tokens(text: str) -> None:
    assert _split_pieces(text) == _PIECE_RE.findall(text)  # the fast path agrees with the regex
    pieces, norms = raw_tokens(text)
    assert "".join(pieces) == text.rstrip() or not text.strip()
    tokens = tokenize(text)
    assert [p.lstrip() for p in pieces] == [t.text for t in tokens]
    assert norms == [t.norm for t in tokens]


def test_em_is_them_for_matching() -> None:
    from quotediff.compare.renderings import matching_words

    assert matching_words(tokenize("Bring ’em on")) == matching_words(tokenize("bring them on"))
