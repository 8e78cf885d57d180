"""Words outlets lift from one statement: a phrase with the article the outlet's sentence put around it, a single
word of it, a phrase under an epithet of the speaker, and a line another person's statement quotes. Each is that
statement's, reported with its group. Invented outlets and people."""

from __future__ import annotations

from quotediff.compare.pipeline import compare
from quotediff.compare.renderings import matching_words
from quotediff.compare.normalize import tokenize
from quotediff.model import Article

ANSWER = "Oh, everything, she's just a sort of surly harbourmaster who said she used to vote for us."


def _article(name: str, text: str) -> Article:
    return Article(id=name, path=f"{name}.txt", text=f"{name.title()} Gazette\n\n{text}\n", format="text", outlet=name)


def _group_articles(texts: dict[str, str], holding: str) -> set[str]:
    """The articles whose quotes are in the group (members or quoted in part) whose reference holds ``holding``."""
    result = compare([_article(name, text) for name, text in texts.items()])
    article_of = {q.id: q.article_id for q in result.quotes}
    for group in result.groups:
        if holding in group.reference_text:
            ids = [q for m in group.members for q in m.quote_ids] + list(group.also_quoted)
            return {article_of[q] for q in ids}
    return set()


def _whole(name: str) -> str:
    return f"Asked what the widow had said, Mayor Tomas Vell replied: “{ANSWER}” He later apologised to her."


def test_a_phrase_framed_by_an_article_or_a_demonstrative_is_the_statements() -> None:
    texts = {n: _whole(n) for n in ("north", "quay", "river")}
    texts["delta"] = "Mayor Tomas Vell was heard calling a widow “a surly harbourmaster” after the visit."
    texts["cape"] = "Tomas Vell has said sorry for calling the widow “that surly harbourmaster” on Tuesday."
    assert {"north", "quay", "river", "delta", "cape"} <= _group_articles(texts, "surly harbourmaster")


def test_one_word_of_the_statement_joins_it() -> None:
    texts = {n: _whole(n) for n in ("north", "quay", "river")}
    texts["delta"] = "Mayor Tomas Vell apologised on Tuesday for calling a pensioner “surly” on a live microphone."
    assert "delta" in _group_articles(texts, "surly harbourmaster")


def test_an_epithet_for_the_speaker_is_no_other_person() -> None:
    texts = {
        n: f"Whose idea was it for Bunkered Vell to meet real people? Bunkered Vell snapped: “{ANSWER}”"
        for n in ("north", "quay", "river")
    }
    texts["delta"] = "Mayor Tomas Vell was caught calling a widow a “surly harbourmaster” after the visit."
    assert "delta" in _group_articles(texts, "surly harbourmaster")


VELL_LINE = "You had some rough captains in that fleet, but you also had captains that were very fine captains. Very fine captains, on both quays."
HAAN_LINE = (
    "And that is when we heard the harbour master say there were very fine captains, and I knew"
    " I had to stand against him."
)


def test_a_line_another_persons_statement_quotes_stays_with_the_statement_it_is_from() -> None:
    texts = {n: f"Harbour master Tomas Vell said on Monday: “{VELL_LINE}”" for n in ("north", "quay", "river")}
    texts |= {n: f"Mayor Ines Haan told supporters: “{HAAN_LINE}”" for n in ("delta", "cape")}
    texts |= {
        n: f"Harbour master Tomas Vell said there were “very fine captains” in the strike."
        for n in ("bay", "port", "inlet")
    }
    holding = _group_articles(texts, "rough captains")
    assert {"north", "bay", "port", "inlet"} <= holding


def test_a_consonant_doubled_before_ed_or_ing_is_matched_undoubled() -> None:
    words = matching_words(tokenize("committed commit planning plan bigotted bigoted called passed"))
    assert words[0] == words[1] and words[2] == words[3] and words[4] == words[5]
    assert words[6] == "call" and words[7] == "pass"


def test_a_longer_quote_holding_a_phrase_outlets_print_alone_is_that_statement() -> None:
    slogan = "Ports mean ports"
    texts = {
        n: f"Mayor Tomas Vell told the council on Monday: “{slogan} and we are going to make a success of it.”"
        for n in ("north", "quay")
    }
    texts |= {
        n: f"The mayor’s slogan, “{slogan}”, was printed on every ferry ticket." for n in ("river", "delta", "cape")
    }
    texts["bay"] = (
        f"A month later Mayor Tomas Vell told the harbour board: “I am clear that {slogan.lower()} and we should"
        " ensure that we are putting that into practice.”"
    )
    assert "bay" in _group_articles(texts, "make a success")


def test_a_plural_phrase_goes_to_the_statement_that_prints_the_plural() -> None:
    texts = {
        n: f"Mayor Tomas Vell told aides: “Why should I go to that quay? It is filled with drifters.”"
        for n in ("north", "quay")
    }
    texts |= {
        n: f"Mayor Tomas Vell said of the old captain’s funeral: “What the hell are we doing that for? The guy was a drifter.”"
        for n in ("river", "delta")
    }
    texts["cape"] = "Mayor Tomas Vell denies calling the sailors who drowned “drifters” at the harbour."
    assert "cape" in _group_articles(texts, "filled with drifters")


def test_a_capitalised_word_in_a_title_case_headline_is_the_statements_word() -> None:
    texts = {
        n: "Mayor Tomas Vell told aides: “Why should I go to that quay? It is filled with drifters.”"
        for n in ("north", "quay")
    }
    texts["cape"] = "Sailors and ‘Drifters’: The Week Mayor Vell Lost the Harbour\n\nThe mayor denies it."
    assert "cape" in _group_articles(texts, "filled with drifters")


def test_a_word_most_renderings_of_two_statements_carry_goes_to_the_one_more_outlets_print() -> None:
    vell = "I went to the dock unions and said, ‘Can you help us find captains?’ And they brought us whole ledgers full of captains."
    texts = {n: f"Mayor Tomas Vell said: “{vell}”" for n in ("north", "quay", "river", "delta", "cape")}
    texts["inlet"] = "Mayor Tomas Vell said he had asked the unions: “Can you help us find captains?”"
    haan = "We don't have to order up some ledgers to find qualified, talented, driven young captains."
    texts |= {n: f"Ines Haan mocked the mayor: “{haan}”" for n in ("bay", "port")}
    texts["fjord"] = "The mayor’s “ledgers” became the joke of the week on the quay."
    assert "fjord" in _group_articles(texts, "whole ledgers")


def test_a_contraction_matches_its_written_out_form() -> None:
    texts = {n: "Mayor Tomas Vell told the harbour board on Monday: “I am not a crook.”" for n in ("north", "quay")}
    texts |= {n: "Mayor Tomas Vell told the harbour board on Monday: “I’m not a crook.”" for n in ("river", "delta")}
    assert {"north", "quay", "river", "delta"} <= _group_articles(texts, "not a crook")
    words = matching_words(tokenize("we don't and we will not"))
    assert words[1] == words[-1] == "not"


def test_a_line_the_article_repeats_after_quoting_the_passage_is_reported_with_the_statement() -> None:
    passage = (
        "Mayor Tomas Vell told the council: “You have heard about the quarrels over the harbour plan. But we have"
        " to pass the harbour plan so that you can find out what is in it, away from the fog of the quarrel.”"
    )
    texts = {n: passage for n in ("north", "quay", "river")}
    # the line again, in the article's own shorter wording, two paragraphs later
    texts["north"] += "\n\nCritics seized on one line: “We have to pass the plan to find out what is in it.”"
    result = compare([_article(name, text) for name, text in texts.items()])
    repeat = next(q for q in result.quotes if q.article_id == "north" and q.text.startswith("We have to pass the plan"))
    [group] = [g for g in result.groups if "harbour plan" in g.reference_text]
    assert repeat.id in group.also_quoted or any(repeat.id in m.quote_ids for m in group.members)
