"""Renderings that real pages print and grouping must not lose: variants of short lines, quotes that run on,
reordered words, parts of one split quote, phrases lifted from a statement. Invented outlets and statements."""

from __future__ import annotations

from quotediff.compare import compare
from quotediff.compare.match import Rendering, group_renderings, renderings_of
from quotediff.compare.phrases import attach_phrases
from quotediff.model import Article, Attribution, Quote

SPEAKER = Attribution(speaker_resolved="Mara Kell", speaker_kind="named")
HARBOUR = "For heaven's sake, this old harbour cannot stay closed"
FUTURE = "We will build a different harbour, a brighter harbour rooted in trust and in work, of safety and of pride"
BOILING = "The age of the quiet tide has ended; the age of the roaring flood has begun"
AIR = "The docks are flooded, the cranes are silent, and the level of neglect by the port board is a disgrace"


def article(
    article_id: str, *texts: str, utterances: tuple[int, ...] | None = None, speaker: Attribution = SPEAKER
) -> tuple[list[Quote], str]:
    """Quotes (by Mara Kell) laid out in a made-up article, each in its own paragraph unless utterances join them."""
    parts, quotes, offset = [], [], 0
    for n, text in enumerate(texts, 1):
        utterance = utterances[n - 1] if utterances else n
        joined = utterances is not None and n > 1 and utterances[n - 2] == utterance
        prefix = ", Kell said. “" if joined else ("\n\n“" if parts else "“")
        offset += len(prefix)
        quotes.append(
            Quote(f"{article_id}:q{n}", article_id, text, offset, offset + len(text), "“”", speaker, utterance)
        )
        parts.append(prefix + text + "”")
        offset += len(text) + 1
    return quotes, "".join(parts)


def renderings(*articles: tuple[list[Quote], str]) -> list[Rendering]:
    quotes = [q for qs, _ in articles for q in qs]
    return renderings_of(quotes, {qs[0].article_id: text for qs, text in articles})


def groups(*articles: tuple[list[Quote], str]) -> list[set[str]]:
    return [{q for r in g for q in r.quote_ids} for g in group_renderings(renderings(*articles))]


def group_of(found: list[set[str]], quote_id: str) -> set[str]:
    return next((g for g in found if quote_id in g), set())


def test_a_barely_longer_variant_of_a_short_line_joins_it() -> None:
    # "(Kell)" inserted makes the line one word longer than the 9-word backbone: a variant, not another quote.
    # The fragments put in another person's mouth fit the 9-word line but not the longer variant, so the line
    # stays the backbone; the variant must still be found in it.
    hale = Attribution(speaker_resolved="Tom Hale", speaker_kind="named")
    found = groups(
        *(article(a, HARBOUR) for a in "abcde"),
        *(article(a, "this old harbour cannot stay closed", speaker=hale) for a in "fgk"),
        article("h", HARBOUR.replace("old harbour", "old harbour (Kell)")),
        article("i", FUTURE + ". " + HARBOUR),
        article("j", FUTURE),
    )
    assert {"a:q1", "b:q1", "h:q1"} <= group_of(found, "a:q1")
    assert {"i:q1", "j:q1"} <= group_of(found, "j:q1")


def test_a_quote_running_on_from_a_statement_joins_its_group() -> None:
    # a quotes the line before BOILING with it, i runs BOILING on into AIR: the backbone is a's quote, which i
    # does not carry; i carries BOILING whole, so it renders BOILING (and AIR, with d).
    terrify = "The storm is here. It is frightening. And it is only the start"
    found = groups(
        article("a", terrify + ". " + BOILING),
        *(article(a, terrify) for a in "tu"),
        *(article(a, BOILING.replace("; the", ", the")) for a in "bcf"),
        article("d", AIR),
        article("i", BOILING + ". " + AIR),
    )
    assert {"b:q1", "c:q1", "i:q1"} <= group_of(found, "b:q1")
    assert {"d:q1", "i:q1"} <= group_of(found, "d:q1")


def test_a_phrase_goes_to_the_statement_whose_renderings_carry_it() -> None:
    # Article e quotes the port board's "level of neglect" passage (group 2, whose run-on rendering in x ends on
    # the line) and lifts "not a press conference" from Kell's line: the phrase is the line's (group 1).
    line = "The tide is here; I need tugboats, not a press conference"
    rs = renderings(
        *(article(a, line) for a in "abc"),
        article("x", "the level of neglect by the port board is a disgrace. " + line),
        article("e", "the level of neglect by the port board is a disgrace"),
    )
    by_article = {r.article_id: r for r in rs}
    phrase = Quote("e:q9", "e", "not a press conference", 500, 522, "“”", SPEAKER, 9)
    also = attach_phrases([[by_article[a] for a in "abc"], [by_article["x"], by_article["e"]]], [phrase])
    assert also == [("e:q9",), ()]


def test_a_part_only_quoted_beside_the_rest_of_its_statement_stays_in_its_group() -> None:
    # The first sentence is quoted on its own only by b, which quotes the second sentence too (in the next
    # paragraph): it is the first part of one statement, not a statement of its own.
    first = "We hold that the old charter of the harbour board must be set aside"
    second = "It is time to heed the charter and return the question of the docks to the elected council"
    found = groups(
        article("a", first + " … " + second),
        article("b", first, second),
        *(article(x, second) for x in "cd"),
    )
    assert group_of(found, "b:q1") == {"a:q1", "b:q1", "b:q2", "c:q1", "d:q1"}


def test_statements_several_outlets_quote_apart_stay_apart() -> None:
    # Two outlets quote both lines in one quote; three quote each line on its own: two statements.
    first = "The storm is here. It is frightening. And it is only the start"
    found = groups(
        *(article(x, first + ". " + BOILING) for x in "ab"),
        *(article(x, first, BOILING) for x in "cde"),
    )
    assert "c:q2" not in group_of(found, "c:q1")
    assert {"a:q1", "c:q1", "d:q1", "e:q1"} <= group_of(found, "c:q1")


LIFT = "The fight is here; I need ammunition, not a lift"


def test_a_line_turned_around_joins_its_statement() -> None:
    found = groups(
        *(article(x, LIFT) for x in "abc"),
        article("d", "I don't need a lift, I need ammunition"),
    )
    assert group_of(found, "a:q1") == {"a:q1", "b:q1", "c:q1", "d:q1"}


def test_the_same_words_with_the_negation_dropped_or_shuffled_loosely_stay_apart() -> None:
    found = groups(
        *(article(x, LIFT) for x in "abc"),
        article("d", "I need a lift and some ammunition"),  # no negation: another line
        article("e", "The ammunition is here, and a lift is what I need for the fight"),  # too spread out
    )
    assert group_of(found, "a:q1") == {"a:q1", "b:q1", "c:q1"}


def test_a_headline_turning_the_line_around_is_quoted_in_part() -> None:
    rs = renderings(*(article(x, LIFT) for x in "abc"))
    headline = Quote("d:q1", "d", "I Don't Need a Lift, I Need Ammunition", 0, 38, "“”", Attribution(), 1, "scare")
    assert attach_phrases([rs], [headline]) == [("d:q1",)]


def test_the_other_piece_of_a_split_quote_is_reported_with_the_statement() -> None:
    # “Number one, I'm not backing down on the port,” Kell said. “The fact is…”: b's first piece matches nothing
    # on its own (it adds words before the line), yet it is the same utterance as b's grouped piece.
    fact = "The fact of the matter is, I was expressing the anger I felt about the way the board treats the docks"
    a = article("a", "I am not backing down on the port. " + fact)
    b = article("b", "Number one, I am not backing down on the port", fact, utterances=(1, 1))
    rs = renderings(a, b)
    grouped = [[r for r in rs if r.quote_ids != ("b:q1",)]]
    assert attach_phrases(grouped, a[0] + b[0]) == [("b:q1",)]


def test_the_rest_of_a_passage_beside_a_statement_quoted_alone_more_often_is_a_statement_too() -> None:
    # Two outlets print both lines as one quote; three quote the second alone, one the first: the second is a
    # statement of its own, so the first is not a mere part of it (as in a passage of one sentence after another).
    first = "Today we are not handing the harbour from one board to another, or from one party to another"
    second = "For too long a small circle in the port office has taken the rewards while the dockers bore the cost"
    found = groups(
        *(article(x, first + ". " + second) for x in "ab"),
        article("c", first),
        *(article(x, second) for x in "def"),
    )
    assert {"a:q1", "b:q1", "c:q1"} <= group_of(found, "c:q1")
    assert "d:q1" not in group_of(found, "c:q1")
    assert {"a:q1", "b:q1", "d:q1", "e:q1", "f:q1"} <= group_of(found, "d:q1")


def _lifted(*articles: tuple[list[Quote], str], copy_of: dict[str, str] | None = None) -> list[list[str]]:
    from quotediff.compare.phrases import find_phrase_quotations

    quotes = [q for qs, _ in articles for q in qs]
    groups = group_renderings(renderings(*articles))
    found = find_phrase_quotations(groups, quotes, attach_phrases(groups, quotes), copy_of=copy_of)
    return [[q.id for q in phrase] for phrase in found]


def test_a_phrase_outlets_print_of_a_statement_none_prints_whole_is_a_quotation() -> None:
    # three outlets quote a statement whole, and each prints only two words of a reply to it
    found = _lifted(
        article("a", HARBOUR, "reckless words"),
        article("b", HARBOUR, "reckless words"),
        article("c", HARBOUR, "used reckless words, that is not how this port works"),
    )
    assert found == [["a:q2", "b:q2", "c:q2"]]


def test_no_phrase_quotation_from_copies_or_from_articles_about_something_else() -> None:
    # the same two words in a copy of one article are no second outlet printing them
    assert (
        _lifted(article("a", HARBOUR, "reckless words"), article("b", HARBOUR, "reckless words"), copy_of={"b": "a"})
        == []
    )
    # and in an article that shares no statement with the others they are another story's words
    assert _lifted(article("a", HARBOUR, "reckless words"), article("b", BOILING, "reckless words")) == []


def test_a_phrase_a_statement_carries_stays_with_it() -> None:
    assert (
        _lifted(article("a", HARBOUR, "harbour cannot stay closed"), article("b", HARBOUR, "cannot stay closed")) == []
    )


SPEECH = (
    "For twenty years the harbour board has promised us dredging and given us meetings, studies and excuses, while "
    "the silt crept up the quay.",
    "You have taken our tides and our livelihoods with your empty reports, and still you come to the fishermen of "
    "this town asking for patience.",
    "We will not wait another season; tomorrow at dawn every boat in this harbour will sail to the board's own "
    "jetty and stay there.",
)


def test_a_speech_printed_whole_does_not_glue_its_lines_into_one_statement() -> None:
    # one outlet prints three lines of the speech as one quote of over sixty words; another quotes the first two
    # lines apart; others quote the second or the third alone. Each line stays a statement of its own.
    groups = group_renderings(
        renderings(
            article("whole", " ".join(SPEECH)),
            article("two", SPEECH[0], SPEECH[1]),
            article("second", SPEECH[1]),
            article("again", SPEECH[1]),
            article("third", SPEECH[2]),
            article("last", SPEECH[2]),
        )
    )
    alone = [sorted({r.article_id for r in g} - {"whole"}) for g in groups]
    assert sorted(alone) == [["again", "second", "two"], ["last", "third"], ["two"]]


def test_a_quote_of_two_lines_others_quote_apart_belongs_to_both_and_joins_neither() -> None:
    # the second and third lines are each quoted alone by two outlets; one outlet quotes them as one quote, and
    # another prints the whole passage: two statements, the two-line quote a member of each
    groups = group_renderings(
        renderings(
            article("whole", " ".join(SPEECH)),
            article("both", f"{SPEECH[1]} {SPEECH[2]}"),
            article("second", SPEECH[1]),
            article("again", SPEECH[1]),
            article("third", SPEECH[2]),
            article("last", SPEECH[2]),
        )
    )
    members = sorted(sorted({r.article_id for r in g}) for g in groups)
    assert members == [["again", "both", "second", "whole"], ["both", "last", "third", "whole"]]


def test_a_short_line_quoted_alone_without_a_speaker_joins_the_group_that_holds_it() -> None:
    # "I am not a thief" is everyday words: it links into the longer answer only where both name the speaker.
    # Outlets that print it alone without naming anyone first group it by itself; the same wording is already a
    # member of the answer's group, so the two groups are one quotation.
    nobody = Attribution(speaker_kind="unknown")
    line = "I am not a thief"
    answer = "People have to know whether their mayor is a thief. Well, I am not a thief"
    found = groups(
        *(article(a, answer) for a in "ab"),
        *(article(a, line) for a in "cd"),
        *(article(a, line, speaker=nobody) for a in "efg"),
    )
    assert {"a:q1", "b:q1", "c:q1", "d:q1", "e:q1", "f:q1", "g:q1"} <= group_of(found, "a:q1")


def test_the_very_words_of_a_member_join_the_group_whoever_the_article_credits() -> None:
    # A six-word line inside a speech, printed alone by several outlets for the mayor and once for the speechwriter
    # who wrote it: the same words, so the same quotation, and the credit is the shift the reader wants to see.
    line = "Mr. Marsh, tear down this wall!"
    passage = (
        "Harbour Master Marsh, if you seek trade, if you seek prosperity for the quays and the coast, if you seek"
        f" openness: come here to this gate! Mr. Marsh, open this gate! {line} We welcome change and openness on"
        " every quay, for we believe that trade and safety go together."
    )
    texts = {f"p{n}": f"Mayor Tomas Vell said at the quay: “{line}”" for n in range(5)}
    texts["long"] = f"Mayor Tomas Vell said at the quay in 1987:\n\n“{passage}”"
    texts["long2"] = f"Vell told the crowd: “{passage}”"
    texts["writer"] = f"Speechwriter Ines Haan tells how she came to write the line, “{line}”"
    articles = [Article(id=k, path=k, text=v, format="text", outlet=k) for k, v in texts.items()]
    groups = compare(articles).groups
    holding = [g for g in groups if any(m.article_id == "p0" for m in g.members)]
    assert len(holding) == 1
    assert {m.article_id for m in holding[0].members} >= {"p0", "long", "writer"}


def test_a_slogan_of_everyday_words_put_in_one_mouth_is_a_quotation() -> None:
    # "Yes we sail" alone: three words no statement holds whole, printed alike by outlets that share no other
    # statement, two of them naming the same speaker: a quotation of its own, with the refrain that repeats it.
    texts = {
        "a": "Mayor Tomas Vell told the crowd at the quay: “Yes we sail.”",
        "b": "The crowd chanted Vell’s slogan, “Yes we sail,” as he spoke.",
        "d": "Vell closed with a refrain: “Yes we sail. Yes we sail to the far coast. Yes we sail to the open sea.”",
        "e": "Tomas Vell said “yes, we sail” to loud cheers on Tuesday.",
        "f": "In a rally, Vell said “the harbour will never close,” and the crowd roared.",
        "g": "Vell promised that “the harbour will never close” and left.",
    }
    articles = [Article(id=k, path=k, text=v, format="text", outlet=k) for k, v in texts.items()]
    comparison = compare(articles)
    quotes = {q.id: q for q in comparison.quotes}
    slogan = [g for g in comparison.groups if "sail" in g.reference_text.lower()]
    assert len(slogan) == 1
    holding = {m.article_id for m in slogan[0].members} | {quotes[q].article_id for q in slogan[0].also_quoted}
    assert {"a", "b", "e"} <= holding
    assert not any("sail" in g.reference_text.lower() and "harbour" in g.reference_text.lower() for g in comparison.groups)


def test_a_short_phrase_two_people_say_is_no_slogan_of_either() -> None:
    texts = {
        "a": "Mayor Tomas Vell told the crowd: “Yes we sail.”",
        "b": "Harbour master Ada Marsh said: “Yes we sail.”",
        "c": "Pilot Ines Haan said: “Yes we sail.”",
    }
    articles = [Article(id=k, path=k, text=v, format="text", outlet=k) for k, v in texts.items()]
    assert compare(articles).groups == ()
