"""Grouping renderings of one quotation across articles, and keeping different quotations apart."""

from __future__ import annotations

from quotediff.compare.match import MatchOptions, group_renderings, locate_words, renderings_of
from quotediff.compare.normalize import tokenize
from quotediff.compare.renderings import matching_words
from quotediff.model import Quote

LU = (
    "I think if the no-confidence vote against the Prime Minister succeeds, all will be forgiven in Washington "
    "because the Russia visit is being looked at as a decision by the Prime Minister. Otherwise, I think it will "
    "be tough going ahead."
)
NEUTRAL = (
    "People here and in Europe are quite concerned about why Pakistan is taking such an aggressively neutral "
    "position (on Ukraine), if such a position is even possible."
)


def quotes_in(
    article_id: str, *texts: str, utterances: tuple[int, ...] | None = None
) -> tuple[list[Quote], str]:
    """Quotes laid out in a made-up article text, each in its own paragraph unless utterances join them."""
    parts, quotes, offset = [], [], 0
    for n, text in enumerate(texts, 1):
        utterance = utterances[n - 1] if utterances else n
        joined = utterances is not None and n > 1 and utterances[n - 2] == utterance
        prefix = ", he said, “" if joined else ("\n\n“" if parts else "“")
        offset += len(prefix)
        quotes.append(
            Quote(
                f"{article_id}:q{n}", article_id, text, offset, offset + len(text), "“”", utterance=utterance
            )
        )
        parts.append(prefix + text)
        offset += len(text)
        parts.append("”")
        offset += 1
    return quotes, "".join(parts)


def group(*articles: tuple[list[Quote], str], options: MatchOptions | None = None) -> list[list[str]]:
    quotes = [q for qs, _ in articles for q in qs]
    texts = {qs[0].article_id: text for qs, text in articles}
    return [
        [qid for r in g for qid in r.quote_ids]
        for g in group_renderings(renderings_of(quotes, texts), options)
    ]


def test_verbatim_and_varied_renderings_form_one_group() -> None:
    a = quotes_in("a", LU)
    b = quotes_in(
        "b", LU.replace("the no-confidence", "a no-confidence").replace("Prime Minister", "prime minister")
    )
    c = quotes_in("c", LU.replace("will be forgiven", "would be forgiven"))
    assert group(a, b, c) == [["a:q1", "b:q1", "c:q1"]]


def test_fragment_joins_the_full_quotation() -> None:
    a = quotes_in("a", LU)
    b = quotes_in("b", "all will be forgiven")
    assert group(a, b) == [["a:q1", "b:q1"]]


def test_quote_split_around_attribution_is_one_rendering() -> None:
    a = quotes_in("a", LU)
    first, rest = LU.split(", all will")
    b = quotes_in("b", first + ",", "all will" + rest, utterances=(1, 1))
    groups = group(a, b)
    assert groups == [["a:q1", "b:q1", "b:q2"]]


def test_paragraphs_of_one_quote_rejoin_in_one_member() -> None:
    a = quotes_in("a", LU)
    first, second = LU.split(" Otherwise, ")
    b = quotes_in("b", first, "Otherwise, " + second, utterances=(1, 1))
    assert group(a, b) == [["a:q1", "b:q1", "b:q2"]]


def test_different_quotations_of_one_speaker_stay_apart() -> None:
    a = quotes_in("a", LU, NEUTRAL)
    b = quotes_in("b", LU, NEUTRAL)
    assert group(a, b) == [["a:q1", "b:q1"], ["a:q2", "b:q2"]]


def test_a_long_rendering_of_two_quotations_does_not_merge_them() -> None:
    both = quotes_in("a", NEUTRAL + " " + LU)
    b = quotes_in("b", LU)
    c = quotes_in("c", NEUTRAL)
    groups = group(both, b, c)
    assert sorted(groups) == [["a:q1", "b:q1"], ["a:q1", "c:q1"]]


def test_common_words_alone_never_link() -> None:
    a = quotes_in("a", "I think it will be tough going ahead for all of us.")
    b = quotes_in("b", "I think it will be a long night for all of us in Maui.")
    assert group(a, b) == []


def test_one_article_alone_is_no_group_unless_asked() -> None:
    a = quotes_in("a", LU)
    assert group(a) == []
    assert group(a, options=MatchOptions(min_articles=1)) == [["a:q1"]]


def test_groups_do_not_depend_on_input_order() -> None:
    arts = [
        quotes_in("a", LU, NEUTRAL),
        quotes_in("b", NEUTRAL),
        quotes_in("c", "all will be forgiven", LU[:60]),
    ]
    assert group(*arts) == group(*reversed(arts))


def test_locate_words_finds_a_fragment_window() -> None:
    hay = list(range(30))
    located = locate_words([10, 11, 12, 13], hay)
    assert located is not None
    matched, window, _ = located
    assert (matched, window) == (4, (10, 14))
    assert locate_words([100, 101], hay) is None


PORT = (
    "The port will stay open, and we will not hesitate to close it for 48 hours if the water tests show any "
    "risk to the families who live along the estuary."
)


def test_short_fragment_with_one_word_changed_joins_the_statement() -> None:
    # Each of these outlets altered one word of a five-word fragment: a function word swapped, a word moved.
    full = quotes_in("a", PORT)
    would = quotes_in("b", "the port would stay open")
    to = quotes_in("c", "port to stay open")
    moved = quotes_in("d", "open the port will stay")
    assert group(full, would, to, moved) == [["a:q1", "b:q1", "c:q1", "d:q1"]]


def test_short_fragment_with_a_content_word_changed_stays_apart() -> None:
    # "closed" for "open" in four words of a long statement is another sentence, not an altered fragment of it.
    full = quotes_in("a", PORT)
    closed = quotes_in("b", "the port will stay closed")
    stock = quotes_in("c", "expanded the water tests")
    assert group(full, closed, stock) == []


def test_locate_words_finds_the_words_a_cut_skips_a_sentence_for() -> None:
    statement = (
        "The leak has polluted the harbour, and we will not hesitate to close the port if the plant does not stop "
        "the discharge. Families in Kessel were kept in the dark for two days. They deserve the truth."
    )
    cut = "The leak has polluted the harbour … Families in Kessel were kept in the dark for two days"
    ids: dict[str, int] = {}
    hay, needle = ([ids.setdefault(w, len(ids)) for w in matching_words(tokenize(t))] for t in (statement, cut))
    located = locate_words(needle, hay)
    assert located is not None
    matched, window, _ = located
    assert matched == len(needle)
    assert window == (0, hay.index(ids["days"]) + 1)  # from the first word to the end of the second sentence
