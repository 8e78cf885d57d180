"""Finding quotes: every mark style, apostrophes, nesting, paragraphs, unbalanced marks, blockquotes."""

from __future__ import annotations

import pytest

from quotediff.model import Article
from quotediff.extract import ExtractOptions, extract_quotes


def _article(text: str, blockquotes: tuple[tuple[int, int], ...] = (), article_id: str = "a") -> Article:
    return Article(id=article_id, path="-", text=text, format="text", outlet="x", blockquotes=blockquotes)


def _texts(text: str, **kwargs: object) -> list[str]:
    return [q.text for q in extract_quotes(_article(text), **kwargs)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "inner", "marks"),
    [
        ('He said "all will be forgiven" today.', "all will be forgiven", '""'),
        ("He said “all will be forgiven” today.", "all will be forgiven", "“”"),
        ("Il a dit « tout sera pardonné » hier.", "tout sera pardonné", "«»"),  # French padding trimmed
        ("Il a dit «\u00a0tout sera pardonné\u00a0» hier.", "tout sera pardonné", "«»"),
        ("Il a dit «\u202ftout sera pardonné\u202f» hier.", "tout sera pardonné", "«»"),
        ("Er sagte „alles wird vergeben“ gestern.", "alles wird vergeben", "„“"),
        ("Er sagte »alles wird vergeben« gestern.", "alles wird vergeben", "»«"),
        ("He said ‘all will be forgiven’ today.", "all will be forgiven", "‘’"),
        ("He said 'all will be forgiven' today.", "all will be forgiven", "''"),
        ("He said ''all will be forgiven'' today.", "all will be forgiven", "''''"),
    ],
)
def test_each_mark_style_gives_the_inner_text_and_its_marks(text: str, inner: str, marks: str) -> None:
    (quote,) = extract_quotes(_article(text))
    assert quote.text == inner
    assert quote.marks == marks
    assert text[quote.start : quote.end] == quote.text
    assert quote.id == "a:q1"


def test_apostrophes_are_not_quote_marks() -> None:
    text = "Pakistan’s leaders in the ’90s loved rock ’n’ roll and the Khans’ house, didn’t they? It's Lu's 'cypher'."
    assert _texts(text) == ["cypher"]


def test_curly_single_quote_with_a_possessive_inside() -> None:
    assert _texts("The headline read ‘Pakistan’s crisis deepens’ on Monday.") == ["Pakistan’s crisis deepens"]


def test_nested_quote_stays_inside_the_outer_quote_and_is_reported_after_it() -> None:
    text = "“The cable said ‘all will be forgiven’ and “he meant it”,” Khan said."
    quotes = extract_quotes(_article(text))
    outer, *inner = quotes
    assert outer.text == "The cable said ‘all will be forgiven’ and “he meant it”," and outer.inside is None
    assert [(q.text, q.inside) for q in inner] == [
        ("all will be forgiven", outer.id),
        ("he meant it", outer.id),
    ]
    assert [q.id for q in inner] == [f"{outer.id}.1", f"{outer.id}.2"]


@pytest.mark.parametrize(
    ("text", "line", "speaker"),
    [
        ("“'Hold the line' is the classic example of what I meant,” Mayor Tomas Vell said.", "Hold the line", "Mayor Tomas Vell"),
        (
            "“We changed our motto from ‘Move fast and sink ships’ to something calmer,” harbour chief Ines Haan told"
            " Radio Harbour.",
            "Move fast and sink ships",
            "Ines Haan",
        ),
        ("“And then he said there were, quote, ‘very fine captains on both quays,’” Haan said.", "very fine captains on both quays,", "he"),
    ],
)
def test_a_line_quoted_inside_a_quote_is_a_quote_of_its_own(text: str, line: str, speaker: str) -> None:
    quotes = extract_quotes(_article(text))
    nested = [q for q in quotes if q.inside is not None]
    assert [q.text for q in nested] == [line]
    assert nested[0].kind == "statement"
    assert nested[0].attribution.speaker is not None and nested[0].attribution.speaker.text == speaker


def test_an_apostrophe_is_no_nested_quote() -> None:
    quotes = extract_quotes(_article("“We don't close, and we won't,” Vell said. “It's the harbour's job.”"))
    assert all(q.inside is None for q in quotes)


def test_quote_split_around_attribution_shares_one_utterance() -> None:
    text = "“I think it is hard,” he said, “but all will be forgiven.” Then he left. “Another thing,” she said."
    quotes = extract_quotes(_article(text))
    assert [q.text for q in quotes] == ["I think it is hard,", "but all will be forgiven.", "Another thing,"]
    assert quotes[0].utterance == quotes[1].utterance != quotes[2].utterance


def test_multi_paragraph_quote_is_one_piece_per_paragraph_in_one_utterance() -> None:
    text = (
        "Lu told the ambassador:\n\n“I think if the vote succeeds, all will be forgiven.\n\n"
        "“Otherwise it will be tough going ahead.”\n\nThe meeting ended."
    )
    quotes = extract_quotes(_article(text))
    assert [q.text for q in quotes] == [
        "I think if the vote succeeds, all will be forgiven.",
        "Otherwise it will be tough going ahead.",
    ]
    assert quotes[0].marks == "“"
    assert quotes[0].utterance == quotes[1].utterance
    assert quotes[1].attribution.speaker is not None and quotes[1].attribution.speaker.text == "Lu"


def test_unbalanced_mark_never_swallows_the_rest_of_the_article() -> None:
    text = 'He said "this never closes and goes on.\n\nA second paragraph with “a real quote” in it.\n\nThe end.'
    quotes = extract_quotes(_article(text))
    # the quote left open is reported, marked as unclosed, and ends with its paragraph
    assert [(q.text, q.unclosed) for q in quotes] == [("this never closes and goes on.", True), ("a real quote", False)]


def test_unclosed_quote_at_paragraph_start_runs_to_the_paragraph_end_only() -> None:
    text = "“We will win this fight, the minister said.\n\nNothing else happened."
    assert _texts(text) == ["We will win this fight, the minister said."]


def test_unclosed_quote_ends_where_a_new_quote_opens_after_a_sentence() -> None:
    text = "“The first quote is never closed. “The second one is,” Lu said."
    assert _texts(text) == ["The first quote is never closed.", "The second one is,"]


def test_a_closing_mark_with_its_opener_lost_closes_a_quote_from_the_paragraph_start() -> None:
    text = "The mayor spoke first.\n\nThe port will stay open whatever the weather,” Vell told reporters."
    assert _texts(text) == ["The port will stay open whatever the weather,"]


@pytest.mark.parametrize(
    "text",
    [
        # an inch mark, not a quote
        "The crack in the hull was 6\" long and growing, the inspector said.",
        # a closer for a quote the paragraph before left open belongs to that quote, not to a new one
        "“The port will stay open, she said, and\n\nwe will not close it,” Vell added.",
    ],
)
def test_a_lone_closing_mark_opens_nothing_when_it_ends_no_clause_or_closes_an_earlier_quote(text: str) -> None:
    assert all(not t.startswith(("The crack", "we will not")) for t in _texts(text))


def test_max_chars_bounds_a_quote() -> None:
    long = "word " * 50
    text = f"He said “{long}” and left."
    assert _texts(text) == [long.strip()]  # spaces inside the marks are no part of the quote
    assert extract_quotes(_article(text), ExtractOptions(max_chars=100)) == ()


def test_blockquote_paragraphs_become_quotes_without_marks() -> None:
    intro = "The statement read in full:\n\n"
    body = "We do not comment on private diplomatic exchanges.\n\nWe stand by our partners."
    text = intro + body + "\n\nThat was all."
    quotes = extract_quotes(_article(text, blockquotes=((len(intro), len(intro) + len(body)),)))
    assert [q.text for q in quotes] == [
        "We do not comment on private diplomatic exchanges.",
        "We stand by our partners.",
    ]
    assert {q.marks for q in quotes} == {"blockquote"}


def test_scare_quotes_titles_and_nicknames_are_kept_but_not_attributed() -> None:
    text = (
        "Khan waved the so-called “cypher” at a rally. He once starred in “The Apprentice” on television. "
        "“We will never surrender to pressure from abroad,” Khan said."
    )
    quotes = extract_quotes(_article(text))
    assert [(q.text, q.kind) for q in quotes] == [
        ("cypher", "scare"),
        ("The Apprentice", "scare"),
        ("We will never surrender to pressure from abroad,", "statement"),
    ]
    assert quotes[0].attribution.speaker is None and quotes[0].attribution.speaker_kind == "none"


def test_ids_are_numbered_in_text_order() -> None:
    quotes = extract_quotes(
        _article("“One two three four,” he said. “Five six seven eight,” she said.", article_id="x")
    )
    assert [q.id for q in quotes] == ["x:q1", "x:q2"]
    assert quotes[0].start < quotes[1].start


def test_empty_and_markless_texts_have_no_quotes() -> None:
    assert extract_quotes(_article("")) == ()
    assert extract_quotes(_article("No quotes here, only plain words.\n\nAnd another paragraph.")) == ()


def test_stray_marks_do_not_crash() -> None:
    for text in ('"', "“", "”", "«", "»", "'", '""', "“”", "a ” b “ c", "« »", "\"'\"'", "“‘”’"):
        for quote in extract_quotes(_article(text)):
            assert text[quote.start : quote.end] == quote.text


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ("The mayor said,“We will open the port on Monday.”", "We will open the port on Monday."),
        ('Harbour master Ilse Brandt:"The cranes stay idle until the vote."', "The cranes stay idle until the vote."),
        ('One docker was angry."Nobody asked us about the new shifts."', "Nobody asked us about the new shifts."),
    ],
)
def test_a_mark_typed_without_its_space_still_opens_a_quote(text: str, inner: str) -> None:
    assert _texts(text) == [inner]


def test_a_glued_mark_still_closes_an_open_quote() -> None:
    text = "“We will open the port,”she said, “on Monday.”"
    assert _texts(text) == ["We will open the port,", "on Monday."]


def test_quotes_after_a_stray_single_mark_are_not_lost() -> None:
    # the mark of "in 't Hof" opens nothing; the quotes after it in the paragraph are the paragraph's own
    text = 'Says Jan in \'t Hof, a councillor in Delft: "The port stays open." And "the ferries will run on time."'
    assert _texts(text) == ["The port stays open.", "the ferries will run on time."]


def test_invisible_format_characters_before_a_mark_read_as_spaces() -> None:
    text = "Readers wrote back.\n\n\u202a”We trust the harbour board to keep the port open!!” posted Mia Lind."
    quotes = extract_quotes(_article(text))
    assert [q.text for q in quotes] == ["We trust the harbour board to keep the port open!!"]


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(q.text, q.kind) for q in extract_quotes(_article(text))]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # a title keeps its small words in lower case, whatever verb the sentence has
        ("Ana Ruiz, who starred in “Tides of the North Sea,” posted the clip on Friday.", "Tides of the North Sea,"),
        (
            "The mayor said on “Morning Talk with Lisa Moreau” that the port stays open.",
            "Morning Talk with Lisa Moreau",
        ),
        (
            "Her memoir, “Harbour Lights: A Life on the Docks of Brest,” sold well.",
            "Harbour Lights: A Life on the Docks of Brest,",
        ),
        # a headline credited to its author, in a digest of links
        (
            'DOCKS—"Port of Brest to stay open through the winter," by the Courier\'s Ana Ruiz: "The port…"',
            "Port of Brest to stay open through the winter,",
        ),
    ],
)
def test_titles_of_works_and_credited_headlines_are_not_statements(text: str, title: str) -> None:
    assert (title, "scare") in _kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Mayor Lind: Brest Port ‘Will Stay Open Through The Winter.’\n\nThe mayor spoke on Monday.",  # a headline
        "Lind told reporters: “The Port Will Stay Open Through The Winter.”",
        "She said “What a Day for the Port!” and left.",
        "“The port of Brest stays open,” by all accounts, said the mayor.",  # "by" without an author
    ],
)
def test_title_case_statements_in_headlines_stay_statements(text: str) -> None:
    assert [kind for _, kind in _kinds(text)][:1] == ["statement"]


def test_a_doubled_opening_mark_opens_one_quote() -> None:
    assert _texts("The platform reads: ““The port of Brest shall stay open to all ships.”") == [
        "The port of Brest shall stay open to all ships."
    ]


def test_a_pull_quote_credit_inside_the_marks_is_its_speaker_not_its_words() -> None:
    text = (
        "Dockers and the board disagree.\n\n"
        '"The port will stay open through the winter. We owe that to the town.\nIlse Brandt, harbour master."\n\n'
        "The board meets on Monday."
    )
    (quote,) = extract_quotes(_article(text))
    assert quote.text == "The port will stay open through the winter. We owe that to the town."
    speaker = quote.attribution.speaker
    assert speaker is not None and speaker.text == "Ilse Brandt" and text[speaker.start : speaker.end] == "Ilse Brandt"
    assert quote.attribution.speaker_kind == "named"


@pytest.mark.parametrize(
    "text",
    [
        # the last sentence names someone but the quote does not fill its paragraph
        "The mayor told the crowd: “Only one person can fix the port. I believe that person is Sen. Ana Ruiz.”",
        "He smiled and said: “Thanks for coming. Merry Christmas.”",
        # a whole-paragraph quote whose last sentence is the answer to a question
        '"Who can keep the port open? We can. And who else knows that? Ilse Brandt."',
    ],
)
def test_a_name_ending_a_quote_is_part_of_it_unless_it_is_a_credit_line(text: str) -> None:
    (quote,) = extract_quotes(_article(text))
    assert quote.text.endswith(("Ana Ruiz.", "Merry Christmas.", "Ilse Brandt."))


def test_a_straight_single_opener_closed_by_a_curly_double_mark_is_one_quote() -> None:
    text = (
        "Vell offered an ode to the 'forgotten” dockers who had kept the port open.\n"
        "'That all changes right here and right now, because this moment is your moment.” It's the 'new' way."
    )
    assert _texts(text) == [
        "forgotten",
        "That all changes right here and right now, because this moment is your moment.",
        "new",
    ]


def test_a_curly_pair_padded_with_spaces_inside_is_a_quote() -> None:
    assert _texts("Vell gave her “ The Port Stays Open ” speech on Monday.") == ["The Port Stays Open"]


def test_a_quote_left_open_ends_before_an_attribution_glued_to_it() -> None:
    text = (
        "Vell said, “The port stays open; I need tugboats, not a rescue, according to the Gazette, which cited an"
        " official.\n\nThe storm passed on Tuesday."
    )
    assert _texts(text) == ["The port stays open; I need tugboats, not a rescue"]


def test_a_quote_after_a_closed_sentence_is_a_new_utterance() -> None:
    text = (
        "Mayor Tomas Vell had told the widow, “You are a fine woman”. Then, as he left, he said, “Very nice to meet"
        " you, very nice to meet you.”"
    )
    quotes = extract_quotes(_article(text))
    assert [q.text for q in quotes] == ["You are a fine woman", "Very nice to meet you, very nice to meet you."]
    assert quotes[0].utterance != quotes[1].utterance


def test_quotes_inside_quotes_keep_the_article_offsets_of_every_span() -> None:
    # nested quotes are read from the outer quotes' words alone; every offset maps back into the article
    text = (
        "The council met on Monday.\n\n“Mayor Vell told us ‘the port stays open for now’,” said Ada Marsh.\n\n"
        "Later she added: “Then Tomas Kell reportedly said ‘we will close the port tomorrow’, which surprised us.”"
    )
    quotes = extract_quotes(Article(id="a", path="-", text=text, format="text", outlet="x"))
    nested = [q for q in quotes if q.inside is not None]
    assert len(nested) == 2
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text
        a = quote.attribution
        for span in (a.speaker, a.verb, a.addressee, *a.hedges, *a.sources):
            if span is not None:
                assert text[span.start : span.end] == span.text
