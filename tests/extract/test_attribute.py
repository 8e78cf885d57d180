"""Attribution: speaker, verb, hedges, addressee and sources for each form news writing uses."""

from __future__ import annotations

import pytest

from quotediff.extract.lexicon import lexicon
from quotediff.model import Article, Attribution
from quotediff.extract import extract_quotes


def _attributions(text: str) -> list[Attribution]:
    article = Article(id="a", path="-", text=text, format="text", outlet="x")
    return [q.attribution for q in extract_quotes(article)]


def _speaker_of(text: str, quote: str) -> str | None:
    """The speaker mention of the one quote that starts with ``quote``."""
    article = Article(id="a", path="-", text=text, format="text", outlet="x")
    [found] = [q for q in extract_quotes(article) if q.text.startswith(quote)]
    return found.attribution.speaker.text if found.attribution.speaker is not None else None


def _one(text: str) -> Attribution:
    (attribution,) = _attributions(text)
    return attribution


def _who(a: Attribution) -> tuple[str | None, str | None, str, str | None]:
    return (a.speaker.text if a.speaker else None, a.speaker_resolved, a.speaker_kind, a.verb_lemma)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“All will be forgiven,” said Donald Lu.", ("Donald Lu", "Donald Lu", "named", "say")),
        ("“All will be forgiven,” Lu said.", ("Lu", "Lu", "named", "say")),
        ("Donald Lu told Majeed: “All will be forgiven.”", ("Donald Lu", "Donald Lu", "named", "tell")),
        ("Lu warned that “all will be forgiven” if the vote passed.", ("Lu", "Lu", "named", "warn")),
        ("“All will be forgiven,” a U.S. diplomat said.", ("a U.S. diplomat", "a U.S. diplomat", "anonymous", "say")),
        (
            "“We do not comment on private diplomatic talks,” the State Department said.",
            ("the State Department", "State Department", "organisation", "say"),
        ),
        (
            "“We will see what happens next week,” said a State Department spokesperson.",
            ("a State Department spokesperson", "a State Department spokesperson", "anonymous", "say"),
        ),
        ("“The talks are over for now,” Lu added on Monday.", ("Lu", "Lu", "named", "add")),
        (
            "“It is a tight timeframe,” Rep. Jane Ortiz (D-Calif.) told reporters.",
            ("Rep. Jane Ortiz", "Jane Ortiz", "named", "tell"),
        ),
        (
            "“Nobody expected this outcome,” Jane Ortiz, 54, a retired teacher from Ohio, said on Friday.",
            ("Jane Ortiz", "Jane Ortiz", "named", "say"),
        ),
        ("Trump famously called the process “rigged and corrupt” in April.", ("Trump", "Trump", "named", "call")),
    ],
)
def test_speaker_and_verb(text: str, expected: tuple[str | None, str | None, str, str | None]) -> None:
    assert _who(_one(text)) == expected


def test_speaker_after_a_dash() -> None:
    a = _one("“All will be forgiven if the vote succeeds.” — Donald Lu")
    assert (a.speaker.text if a.speaker else None, a.verb) == ("Donald Lu", None)


def test_according_to_in_front_and_behind() -> None:
    front = _one("According to the cable, “all will be forgiven” if Khan goes.")
    behind = _one("“All will be forgiven,” according to the leaked cable.")
    assert front.verb_lemma == behind.verb_lemma == "according to"
    assert front.speaker is not None and front.speaker.text == "the cable"
    assert behind.speaker is not None and behind.speaker.text == "the leaked cable"


@pytest.mark.parametrize(
    ("text", "hedge", "verb"),
    [
        ("Lu is alleged to have told Majeed that “all will be forgiven”.", "is alleged to have", "tell"),
        ("Lu is quoted as saying that “all will be forgiven”.", "is quoted as", "say"),
        ("Lu is reported to have said that “all will be forgiven”.", "is reported to have", "say"),
        ("Lu was heard saying “all will be forgiven” after the meeting.", "was heard", "say"),
        ("Lu reportedly told the envoy that “all will be forgiven”.", "reportedly", "tell"),
        ("“All will be forgiven,” Lu allegedly told the ambassador.", "allegedly", "tell"),
        ("Lu then appeared to claim that critics are attacking “the whole embassy.”", "appeared to", "claim"),
    ],
)
def test_hedged_and_passive_frames(text: str, hedge: str, verb: str) -> None:
    a = _one(text)
    assert a.speaker is not None and a.speaker.text == "Lu"
    assert [h.text for h in a.hedges] == [hedge]
    assert a.verb_lemma == verb


def test_addressee_and_source() -> None:
    a = _one("Lu told Majeed that “all will be forgiven”, according to the cable obtained by The Intercept.")
    assert a.addressee is not None and a.addressee.text == "Majeed"
    assert [s.text for s in a.sources] == ["according to the cable obtained by The Intercept"]


def test_citing_source_in_front() -> None:
    a = _one("Citing the leaked document, the paper said Lu told the envoy that “all will be forgiven”.")
    assert a.speaker is not None and a.speaker.text == "Lu"
    assert [s.text for s in a.sources] == ["Citing the leaked document", "the paper"]  # the reporting party too


def test_name_variants_resolve_to_one_person() -> None:
    text = (
        "Assistant Secretary of State Donald Lu met the ambassador. “It went well,” Lu said. "
        "“It went very well,” Mr Lu added. “It went well indeed,” said Assistant Secretary Lu. "
        "“It went well again,” Mr. Lu told reporters."
    )
    assert {a.speaker_resolved for a in _attributions(text)} == {"Donald Lu"}


def test_pronoun_resolves_to_the_last_fitting_person() -> None:
    text = "Imran Khan spoke after Ms Bhutto. “We will fight on to the very end,” he said."
    a = _one(text)
    assert (a.speaker.text if a.speaker else None, a.speaker_kind, a.speaker_resolved) == (
        "he",
        "pronoun",
        "Imran Khan",
    )


def test_role_description_resolves_to_the_titled_person() -> None:
    text = "President Joe Biden signed the bill. “This is a compromise,” the president said."
    assert _who(_one(text)) == ("the president", "Joe Biden", "named", "say")


def test_attribution_in_the_previous_sentence() -> None:
    text = "Khan met Donald Lu in March. Lu was blunt. “All will be forgiven if the vote against Khan succeeds.”"
    a = _one(text)
    assert a.speaker is not None and a.speaker.text == "Lu"


def test_colon_introduction_in_the_previous_paragraph_and_a_floating_quote() -> None:
    text = (
        "Khan's lawyer, Salman Akram, spoke to reporters:\n\n"
        "“The cable is genuine and the government knows it.”\n\n"
        "“We will show it to the court next week.”"
    )
    speakers = [a.speaker.text if a.speaker else None for a in _attributions(text)]
    assert speakers == ["Salman Akram", "Salman Akram"]


def test_split_quote_keeps_the_speaker_for_both_parts() -> None:
    text = "“I think if the vote succeeds,” he said, “all will be forgiven.” Imran Khan listened."
    a, b = _attributions(text)
    assert a.speaker is not None and b.speaker is not None
    assert a.speaker.text == b.speaker.text == "he"


def test_loaded_and_neutral_verbs() -> None:
    assert _one("“It is over for now,” Lu warned.").verb_tone == "loaded"
    assert _one("“It is over for now,” Lu said.").verb_tone == "neutral"


def test_lexicon_is_large_enough_and_consistent() -> None:
    lex = lexicon()
    assert len(lex.verbs) >= 200
    assert lex.verbs["warned"].lemma == "warn" and lex.verbs["warned"].tone == "loaded"
    assert lex.verbs["told"].lemma == "tell"
    assert {v.tone for v in lex.verbs.values()} == {"neutral", "loaded"}
    assert "according to" in lex.source_cues and "is alleged to have" in lex.hedges
    assert lex.pronouns["she"] == ("f", "s")
    assert "official" in lex.anonymous_heads


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Lu was asked about Khan. Lu's words were: “All will be forgiven if the vote succeeds.”", "Lu"),
        (
            "Capt. Jamie Frederick of the First Coast Guard District told reporters: “We keep searching.”",
            "Capt. Jamie Frederick",
        ),
        ("“We are super committed to a deal,” Netflix co-chief executive Ted Sarandos said.", "Ted Sarandos"),
        (
            "The union's chief negotiator, Duncan Crabtree-Ireland, slammed the timing of the deal: “It is absurd.”",
            "Duncan Crabtree-Ireland",
        ),
        ("“It is over,” the Florida senator and Republican candidate said in a statement.", "the Florida senator"),
    ],
)
def test_speaker_in_longer_frames(text: str, speaker: str) -> None:
    a = _one(text)
    assert a.speaker is not None and a.speaker.text == speaker


def _resolved(text: str) -> list[tuple[str | None, str]]:
    return [(a.speaker_resolved, a.speaker_kind) for a in _attributions(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # organisations: no leading "the"; an acronym spelled out; a common noun to the body named before
        (
            "The Alliance of Motion Picture and Television Producers (AMPTP) answered within the hour. “The offer"
            " stands as it was made,” the AMPTP said.",
            ("Alliance of Motion Picture and Television Producers", "organisation"),
        ),
        (
            "The Writers Guild of America wrote to its members. “We are not going back without a deal,” the guild"
            " said.",
            ("Writers Guild of America", "organisation"),
        ),
        # role descriptions: the person the article gave that title or role
        (
            "Rear Adm. John Mauger spoke in Boston on Thursday. “The search area is very large indeed,” the admiral"
            " said.",
            ("John Mauger", "named"),
        ),
        (
            "SAG-AFTRA President Fran Drescher led the rally. “This is bigger than all of us,” the union president"
            " told the crowd.",
            ("Fran Drescher", "named"),
        ),
        # anonymous descriptions: the fullest form, from the article's first use or the mention's own modifier
        (
            "A senior Indian official briefed reporters on Friday. “Every name had to be acceptable to all,” the"
            " official said.",
            ("A senior Indian official", "anonymous"),
        ),
        (
            "“The harder part starts now,” warned one analyst at a Frankfurt bank.",
            ("one analyst at a Frankfurt bank", "anonymous"),
        ),
        # long names with particles
        (
            "Luiz Inácio Lula da Silva spoke first. “We are not here to start a new cold war,” Lula said.",
            ("Luiz Inácio Lula da Silva", "named"),
        ),
        # a name the article calls a company is an organisation
        (
            "OceanGate, the company that ran the dives, kept silent for a day. “We believe the crew have sadly been"
            " lost,” OceanGate said.",
            ("OceanGate", "organisation"),
        ),
    ],
)
def test_speaker_resolution(text: str, expected: tuple[str, str]) -> None:
    assert _resolved(text)[-1] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "they" and "it" stand for the organisation or group that is the previous sentence's subject
        (
            "The House Freedom Caucus met on Monday night. In a statement, they said the deal should “not raise"
            " the limit by a single dollar without cuts.”",
            "House Freedom Caucus",
        ),
        (
            "Administration officials briefed reporters on Monday. “We expect the number of people affected to go"
            " down,” they said.",
            "Administration officials",
        ),
        # "he" for a singular description when no name comes between
        (
            "A former high commissioner to Pakistan, who asked not to be named, said the army would decide."
            " “Whatever happens to this cable, the generals will choose,” he said.",
            "A former high commissioner to Pakistan",
        ),
        # a name after a preposition is a place or employer, not the person "she" stands for
        (
            "Ms Fran Drescher told reporters in Los Angeles that the offer was an insult. “Shame on them, all of"
            " them,” she added.",
            "Fran Drescher",
        ),
    ],
)
def test_pronoun_antecedents(text: str, expected: str) -> None:
    assert _resolved(text)[-1] == (expected, "pronoun")


def test_a_titled_name_after_of_stays_a_person() -> None:
    text = (
        "The talks were led by the Secretary of State Antony Blinken on Tuesday. “We are not there yet, but we are"
        " close,” he said."
    )
    assert _resolved(text)[-1] == ("Antony Blinken", "pronoun")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a party label or a nickname before a name is no part of the person's fullest name
        ("Republican Donald Trump spoke in Ohio. “We will win this state easily,” Trump said.", "Donald Trump"),
        (
            "Hillary Clinton answered him. Trump calls her Crooked Hillary Clinton. “I will not dignify that,”"
            " Clinton said.",
            "Hillary Clinton",
        ),
    ],
)
def test_fullest_name_leaves_labels_out(text: str, expected: str) -> None:
    assert _resolved(text)[-1] == (expected, "named")


def test_a_family_speaks_as_an_organisation() -> None:
    text = "“He lived for the ocean and he died doing what he loved,” the Nargeolet family said in a statement."
    assert _resolved(text)[-1] == ("Nargeolet family", "organisation")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "The U.S. Coast Guard" is a body, whichever way its name is spelled
        (
            "Capt. Jamie Frederick led the search. The U.S. Coast Guard said on Monday that the area was vast."
            " “We have to remain optimistic and hopeful,” he said.",
            "Jamie Frederick",
        ),
        # "South Africa's foreign minister": the country has officials, it is no "she"
        (
            "Naledi Pandor flew to Brussels. On Monday, talks were held with South Africa's foreign minister at"
            " length. “We are not choosing sides in this war,” she said.",
            "Naledi Pandor",
        ),
    ],
)
def test_bodies_and_places_are_no_antecedents(text: str, expected: str) -> None:
    assert _resolved(text)[-1] == (expected, "pronoun")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a role used twice still stands for the titled person, not for its own first use
        (
            "Rear Adm. John Mauger briefed reporters. The admiral declined to speculate about the cause."
            " “This is an incredibly unforgiving environment,” the admiral said.",
            ("John Mauger", "named"),
        ),
        # a person's speech or statement speaks for the person
        (
            "Xi Jinping stayed away from the forum. “Some country has gone all out to cripple emerging markets,”"
            " Xi's speech said.",
            ("Xi Jinping", "named"),
        ),
    ],
)
def test_roles_and_documents_stand_for_people(text: str, expected: tuple[str, str]) -> None:
    assert _resolved(text)[-1] == expected


def test_an_organisation_named_in_apposition_is_the_speaker() -> None:
    text = (
        "The studios' bargaining group, the Alliance of Motion Picture and Television Producers, said it had made"
        " “a generous and historic offer” to the union."
    )
    a = _one(text)
    assert (a.speaker.text if a.speaker else None, a.speaker_resolved, a.speaker_kind) == (
        "the Alliance of Motion Picture and Television Producers",
        "Alliance of Motion Picture and Television Producers",
        "organisation",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The French research institute Ifremer sent its robot to the site. “Our thoughts are with the families"
            " of the crew,” the institute said.",
            "Ifremer",
        ),
        (
            "OceanGate, the company that ran the dives, kept silent for a day. “We have suspended all exploration"
            " and commercial operations,” the company said.",
            "OceanGate",
        ),
    ],
)
def test_a_bare_noun_names_the_body_named_before(text: str, expected: str) -> None:
    assert _resolved(text)[-1] == (expected, "organisation")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a quote "attributed to" someone
        (
            "The line “we will keep the port open tonight” attributed to Ilse Vell, the harbour master, spread.",
            "Ilse Vell",
        ),
        # a possessive quote noun, with a time phrase before "that"
        (
            "Ilse Vell, the harbour master, spoke on Monday. Vell's remark on Saturday that the port “will stay open"
            " for as long as it takes” calmed the markets.",
            "Vell",
        ),
        (
            "The harbour master, Ilse Vell, spoke on Monday. Vell’s famous quote of ‘open the port, not the gates’"
            " was never confirmed.",
            "Vell",
        ),
    ],
)
def test_speaker_of_attributed_and_possessive_quotes(text: str, speaker: str) -> None:
    a = _one(text)
    assert a.speaker is not None and a.speaker.text == speaker


def test_possessive_pronoun_quote_noun_resolves_to_the_person() -> None:
    text = (
        "Harbour master Ilse Vell spoke on Monday. Later she was pressed about her call that the port"
        " “must stay open whatever the weather.”"
    )
    a = _one(text)
    assert a.speaker is not None and a.speaker.text == "her" and a.speaker_resolved == "Ilse Vell"


@pytest.mark.parametrize(
    ("headline", "speaker"),
    [
        # a name run ends at a connecting word or a present-tense speech verb
        ("‘Era Of Open Ports’ Warns Port Chief As Storm Nears Coast", "Port Chief"),
        ("Harbour Master Vell Says Mayor ‘Will Not Close The Port Tonight’", "Harbour Master Vell"),
        # a headline that opens with a name and a colon
        ("Vell: Mayor ‘Cannot Keep The Port Closed Any Longer’ Amid Storm", "Vell"),
        # a capitalised run cut to the words the article's prose also capitalises
        ("Vell Shrugs Off Storm – “I Need Tugboats, Not A Rescue”", "Vell"),
    ],
)
def test_headline_speakers(headline: str, speaker: str) -> None:
    text = f"{headline}\n\nHarbour master Ilse Vell spoke to reporters at the Port Chief's office on Monday morning."
    quotes = extract_quotes(Article(id="a", path="-", text=text, format="text", outlet="x"))
    (quote,) = [q for q in quotes if q.kind == "statement"]
    assert quote.attribution.speaker is not None and quote.attribution.speaker.text == speaker


@pytest.mark.parametrize(
    ("headline", "speaker", "kind"),
    [
        # sentence-case headlines: the quote opens the line and the person follows
        ("‘Not on my watch’ Ilse Vell tells shipowners at harbour summit", "Ilse Vell", "named"),
        ("‘The port stays open’: Harbour Master Ilse Vell responds to storm warning", "Ilse Vell", "named"),
        ("‘We are one port’: Ilse Vell’s call for calm after the storm", "Ilse Vell", "named"),
        # the person opens the line and the quote ends it, after a colon or a dash
        ("Ilse Vell to shipowners: ‘Not on my watch’", "Ilse Vell", "named"),
        ("Ilse Vell at harbour summit – ‘Not on my watch’", "Ilse Vell", "named"),
        # an adjective before the name is the headline's, not the name's
        ("Defiant Vell vows to keep ‘the open port’", "Vell", "named"),
        # a role in a headline is a description, kept whole
        ("“The ports will stay open”: Port Chief warns as storm season nears", "Port Chief", "anonymous"),
        # the line's subject, not an acronym later in it, nor its verb and object ("Takes Office")
        ("Vell declines EU offer to close the port: ‘We will stay open’", "Vell", "named"),
        ("Vell Takes Office: ‘We Will Stay Open Whatever The Weather’", "Vell", "named"),
    ],
)
def test_sentence_case_headline_speakers(headline: str, speaker: str, kind: str) -> None:
    text = f"{headline}\n\nOn Monday harbour master Ilse Vell spoke to reporters for an hour."
    (quote,) = extract_quotes(Article(id="a", path="-", text=text, format="text", outlet="x"))
    a = quote.attribution
    assert quote.kind == "statement"
    assert a.speaker is not None and (a.speaker.text, a.speaker_kind) == (speaker, kind)


@pytest.mark.parametrize(
    "text",
    [
        # a headline's capitals that the prose never uses are its topic, not a speaker
        "‘Not on my watch’ Storm season arrives early\n\nOn Monday the harbour stayed open.",
        # a one-sentence paragraph with a full stop is prose, not a headline
        "The mayor rejected the idea that the port was “a lost cause.”",
        # the possessor before the quote is the speaker, not the headline's subject
        "Mayor rejects Vell’s ‘open port’ claim\n\nOn Monday Mayor Dirk Haan and harbour master Ilse Vell met.",
    ],
)
def test_headline_lines_that_name_no_speaker_of_their_own(text: str) -> None:
    (quote,) = extract_quotes(Article(id="a", path="-", text=text, format="text", outlet="x"))
    assert quote.attribution.speaker is None or quote.attribution.speaker.text not in ("Storm Season", "Mayor")


def test_a_headline_quote_in_title_case_is_a_statement_when_a_speaker_frames_it() -> None:
    text = (
        "Vell Rejects Evacuation Offer Saying “I Need Tugboats, Not A Rescue”\n\n"
        "Harbour master Ilse Vell turned down the offer on Monday."
    )
    (quote,) = extract_quotes(Article(id="a", path="-", text=text, format="text", outlet="x"))
    assert quote.kind == "statement"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a dateline names no speaker
        (
            "ROTTERDAM, Netherlands — Harbour master Ilse Vell, speaking at the quay, sent a message to the city,"
            " saying the port “will stay open whatever the weather.”",
            "Ilse Vell",
        ),
        # a sentence-opening participle is no name
        (
            "Ilse Vell spoke on Monday. Following remarks on the budget, Vell was pressed about her call that"
            " the port “must stay open whatever the weather.”",
            "Vell",  # the subject whose call it is, not the opening participle
        ),
        # a fragment inside a reporting sentence belongs to its verb, not to the clause after it
        ("Vell says the port “will stay open tonight,” the city council says otherwise.", "Vell"),
        # a relative clause after the quote says nothing about its speaker
        (
            "Ilse Vell ended her speech by saying that the port will “stay open for good,” which the city council"
            " said was premature.",
            "Ilse Vell",
        ),
        # the object of a preposition before a colon is the addressee
        (
            "Ilse Vell used the speech to send a message to the mayor and the city: “The port stays open.”",
            "Ilse Vell",
        ),
    ],
)
def test_speaker_not_taken_from_datelines_participles_or_other_clauses(text: str, speaker: str) -> None:
    a = _one(text)
    assert a.speaker is not None and a.speaker.text == speaker


@pytest.mark.parametrize(
    ("text", "speaker", "source"),
    [
        # the quoting clause after the words: speaker quoted, the quoting party and the document as sources
        (
            "‘The port will stay open’ if the storm passes, the envoy quoted a harbour official as saying in a"
            " purported memo.",
            "a harbour official",
            "a purported memo",
        ),
        (
            "“We need tugboats, not a rescue,” the report cited a senior port official as quoting Ilse Vell.",
            "Ilse Vell",
            "a senior port official",
        ),
    ],
)
def test_quoting_clause_after_the_quote(text: str, speaker: str, source: str) -> None:
    a = _one(text)
    assert a.speaker is not None and a.speaker.text == speaker
    assert any(source in s.text for s in a.sources)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Ilse Vell spoke on Monday. Vell's full quotation is as follows: “The port is staying open for good.”",
            "Vell",
        ),
        (
            "Critics answered at once. “The port stays open” is a phrase from a 2021 speech delivered by Ilse Vell,"
            " the harbour master, in Rotterdam.",
            "Ilse Vell",
        ),
        (
            "“The port is staying open for good,” Ilse Vell, standing on the quay, emphatically declared.",
            "Ilse Vell",
        ),
    ],
)
def test_speaker_of_discussed_and_owned_quotes(text: str, speaker: str) -> None:
    a = _one(text)
    assert a.speaker is not None and a.speaker.text == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the object of "took … to task for saying" is the one who said it
        (
            "Ilse Vell spoke on Monday. The mayor took Vell to task for saying “the port will stay open for good.”",
            "Vell",
        ),
        # a document's author named beside it speaks; the document is the source
        (
            "The memo, which the paper reported was written by Ilse Vell and was first circulated in May, says that"
            " the port is “open for as long as it takes.”",
            "Ilse Vell",
        ),
        # an owner before the marks, a few adjectives, a speech noun after them
        (
            "Ilse Vell spoke again. It looked as if Vell’s now famous “the port stays open whatever happens” line"
            " was forgotten.",
            "Vell",
        ),
        ("Ilse Vell spoke on Monday. In Vell's words, “the port is staying open for good.”", "Vell"),
        # "by" names the speaker before a colon; a capitalised "State" in a title is no verb
        ("Here is the answer from a 2021 address by harbour master Ilse Vell: “The port stays open.”", "Ilse Vell"),
    ],
)
def test_speaker_from_owners_authors_and_objects(text: str, speaker: str) -> None:
    a = _one(text)
    assert a.speaker is not None and a.speaker.text == speaker


def test_a_capitalised_word_inside_a_title_is_no_verb() -> None:
    a = _one("“The port stays open,” US Secretary of State Ilse Vell told reporters.")
    assert a.verb is not None and a.verb.text == "told"


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # a document as the speaker is also the source the words come from
        (
            "In a statement, a port spokesperson clarified the plan.\n\n“The port stays open,” the statement said.",
            "the statement",
        ),
        # reports, not one document
        (
            "Multiple contemporaneous reports say officials offered Vell a boat and that she replied “I need"
            " tugboats, not a rescue.”",
            "Multiple contemporaneous reports",
        ),
        # an outlet passing the words on
        (
            "The Harbour Gazette likewise cites a senior port official who said Vell answered “I need tugboats, not"
            " a rescue.”",
            "The Harbour Gazette",
        ),
    ],
)
def test_cited_sources_on_real_page_shapes(text: str, source: str) -> None:
    a = _attributions(text)[-1]
    assert source in [s.text for s in a.sources]


def test_a_credit_line_after_a_quote_paragraph_names_speaker_and_source() -> None:
    text = (
        "The line everyone quotes\n\n“I need tugboats, not a rescue.”\n\n— harbour master Ilse Vell, in a quote"
        " cited in a Harbour Gazette article, May 3\n\nIt has been quoted ever since."
    )
    (quote,) = [q for q in extract_quotes(Article(id="a", path="-", text=text, format="text", outlet="x"))]
    assert quote.attribution.speaker is not None and quote.attribution.speaker.text == "Ilse Vell"
    assert [s.text for s in quote.attribution.sources] == ["a Harbour Gazette article"]


def test_likely_is_a_hedge_of_the_attribution() -> None:
    a = _one("Ilse Vell spoke on Monday. Vell likely told the mayor “the port will stay open for as long as it takes.”")
    assert [h.text for h in a.hedges] == ["likely"]


def test_an_unclosed_apposition_names_the_person_not_the_organisation() -> None:
    text = (
        "In Rotterdam, Ilse Vell, the president of the Harbour authority told shippers that the port would act.\n\n"
        "“Within our mandate, the port is ready to do whatever it takes.”"
    )
    a = _attributions(text)[-1]
    assert a.speaker is not None and a.speaker.text == "Ilse Vell"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the owner of a speech named by its words is the clause's subject
        (
            "Thousands gathered at the quay. There, Ilse Vell delivered her famous “The Port Stays Open” speech to"
            " the crowd.",
            "Ilse Vell",
        ),
        # a speech speaking for the person who delivered it
        (
            "Ilse Vell was sworn in on Friday and delivered a fiery address that promised an end to “harbour carnage.”",
            "Ilse Vell",
        ),
    ],
)
def test_speeches_speak_for_who_delivered_them(text: str, speaker: str) -> None:
    quotes = extract_quotes(Article(id="a", path="-", text=text, format="text", outlet="x"))
    (quote,) = quotes
    # a speech's name in title case stays a title (a refrain for grouping), but keeps the owner of the words
    assert quote.kind == ("scare" if "The Port Stays Open" in quote.text else "statement")
    assert quote.attribution.speaker is not None and quote.attribution.speaker.text == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a title's "of" and the name that ends it, before or after the quote
        (
            "“The port stays open,” Dutch Minister of Infrastructure Ilse Vell told reporters.",
            "Dutch Minister of Infrastructure Ilse Vell",
        ),
        (
            "Dutch Minister of Infrastructure Ilse Vell told reporters: “The port stays open.”",
            "Dutch Minister of Infrastructure Ilse Vell",
        ),
        # a role, then the name in commas
        (
            "Port of Rotterdam CEO, Ilse Vell, has warned of an impending “storm of closures” across the coast.",
            "Ilse Vell",
        ),
        # a short phrase between the subject and its verb
        (
            "Harbour master Ilse Vell met Mayor Dirk Haan.\n\nVell in response to the mayor said, “The port stays open.”",
            "Vell",
        ),
        # quoted as responding, replying, insisting
        ("The official quoted Vell as responding that “the port stays open” whatever the mayor said.", "Vell"),
        # someone's view or tweet that …: the possessor
        (
            "Mayor Dirk Haan rejected harbour master Ilse Vell’s view that the port was “safe for now,” saying it was not.",
            "Ilse Vell",
        ),
        ("The complaint says Vell’s tweet “The port stays open tonight” misled shippers.", "Vell"),
        # a reporting verb whose subject is no one does not take the quote from its speaker
        (
            "Vell pointed to the new tides, which suggest that the port has entered a phase she called “the long flood.”",
            "she",
        ),
        # a one-word name before a relative clause
        (
            "Vell spoke.\n\nVell, who has run the harbour for ten years, began by telling the crowd, “The port stays open.”",
            "Vell",
        ),
    ],
)
def test_speaker_shapes_from_real_pages(text: str, speaker: str) -> None:
    attributions = [a for a in _attributions(text) if a.speaker is not None]
    assert attributions and attributions[-1].speaker is not None
    assert attributions[-1].speaker.text == speaker


def test_a_possessed_statement_keeps_the_document_as_its_source() -> None:
    a = _one("The complaint says Vell’s tweet “The port stays open tonight” misled shippers.")
    assert [s.text for s in a.sources] == ["The complaint"]


def test_a_possessive_before_a_lower_case_fragment_is_not_its_speaker() -> None:
    a = _one("Haan said Vell’s remarks “were reckless and dangerous for the port.”")
    assert a.speaker is not None and a.speaker.text == "Haan"


@pytest.mark.parametrize(
    "text",
    [
        "“Vell never had the funding,” the port authority said in its complaint.",
        "“Vell never had the funding,” the regulator wrote in a court filing on Friday.",
        "Justice Haan wrote in her dissent that the ruling left “the port without a keeper.”",
    ],
)
def test_legal_documents_are_cited_sources(text: str) -> None:
    (a,) = _attributions(text)
    assert len(a.sources) == 1 and a.sources[0].text.startswith("in ")


@pytest.mark.parametrize(
    "text",
    [
        # a photo credit names nobody the article quotes
        "Harbour master Ilse Vell spoke at the quay.\n\nCrowds gather at the port. (Dirk Haan for NPR)\n\n“We will stay open,” she said.",
        "Harbour master Ilse Vell spoke at the quay.\n\nDirk Haan/Getty Images\n\n“We will stay open,” she said.",
        # a weekday after a name is no part of it
        "Harbour master Ilse Vell spoke at the quay.\n\nOn Radio Tuesday, she said the port would stay open. “We will stay open,” she said.",
    ],
)
def test_pronouns_skip_credits_and_weekdays(text: str) -> None:
    a = _attributions(text)[-1]
    assert a.speaker_resolved == "Ilse Vell"


def test_a_capitalised_plural_opening_a_sentence_is_a_description() -> None:
    a = _one("Critics said the port authority had “never secured the funding” it claimed.")
    assert a.speaker is not None and (a.speaker.text, a.speaker_kind) == ("Critics", "anonymous")


@pytest.mark.parametrize(
    "text",
    [
        "“I have not been paid by the port in a year,” Vell said in the interview. “This is all me.”",
        "“I think so,” Vell said. “That is the way it is, Dirk.”",
    ],
)
def test_a_short_sentence_after_an_attributed_quote_is_its_speaker_s_not_a_title(text: str) -> None:
    second = _attributions(text)[-1]
    assert second.speaker is not None and second.speaker.text == "Vell"


def test_titles_in_quotes_are_still_titles() -> None:
    from quotediff.extract.capitals import title_case

    assert all(title_case(t) for t in ("The Art of the Deal", "Planet of the Apes", "Make Harbours Great Again"))
    assert not any(title_case(t) for t in ("This is all me.", "They may not be.", "We will not close the port."))


@pytest.mark.parametrize(
    ("text", "hedge"),
    [
        ("The Gazette could not confirm that Vell said the port “will stay open.”", "could not confirm"),
        ("Vell said the port “will stay open,” according to an unconfirmed report.", "unconfirmed"),
        (
            "The remark, which could not be independently verified, has Vell saying the port “will stay open.”",
            "could not be independently verified",
        ),
    ],
)
def test_the_outlet_s_distance_in_a_clause_is_a_hedge(text: str, hedge: str) -> None:
    assert hedge in [h.text for h in _one(text).hedges]


def test_an_outlet_the_speaker_talked_to_is_a_cited_source_unless_it_is_the_article_s_own() -> None:
    told = "“The port stays open,” Vell told CNN on Monday."
    (quote,) = extract_quotes(Article(id="a", path="-", text=told, format="text", outlet="Harbour Gazette"))
    assert [s.text for s in quote.attribution.sources] == ["CNN"]
    (quote,) = extract_quotes(Article(id="a", path="-", text=told, format="text", outlet="CNN"))
    assert quote.attribution.sources == () and quote.attribution.addressee is not None
    conference = "“The port stays open,” Vell told a news conference on Monday."
    assert _one(conference).sources == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an acronym that spells a function word is a name
        (
            "“Test every case,” WHO Director General Anna Kell told a news conference in Geneva.",
            ("WHO Director General Anna Kell", "Anna Kell", "named", "tell"),
        ),
        # a body's role after its name
        (
            "“The gates stay open,” the Harbour Authority of Brest director told reporters.",
            ("the Harbour Authority of Brest director", "the Harbour Authority of Brest director", "anonymous", "tell"),
        ),
        # an irregular past verb lets the subject after an opening phrase be found
        (
            "In an interview with Radio Vell’s Tom Marsh on Monday, Ilse Brandt tore into her critics, claiming that"
            " they are “attacking the port.”",
            ("Ilse Brandt", "Ilse Brandt", "named", "claim"),
        ),
        (
            "What Brandt actually said was, “We have to pass the budget to see what is in it.”",
            ("Brandt", "Brandt", "named", "say"),
        ),
    ],
)
def test_speaker_shapes_of_real_pages(text: str, expected: tuple[str | None, ...]) -> None:
    assert _who(_one(text)) == expected


@pytest.mark.parametrize(
    ("text", "speaker", "kind"),
    [
        (
            "Ilse Brandt spoke to the council about the budget. Her full remarks on the matter read:\n\n“We have"
            " heard about the quarrels within the budget, the process about the budget, one or the other.”",
            "Her",
            "pronoun",
        ),
        (
            "Ilse Brandt spoke to the council about the budget. The full quote:\n\n“We have heard about the"
            " quarrels within the budget, the process about the budget, one or the other.”",
            "Ilse Brandt",
            "named",
        ),
        (
            "She said it twice. From the transcript of her remarks at the Harbour Conference of Brest:\n\n“We have"
            " heard about the quarrels within the budget, the process about the budget, one or the other.”",
            "her",
            "pronoun",
        ),
    ],
)
def test_a_colon_paragraph_introducing_someone_s_words_names_their_speaker(text: str, speaker: str, kind: str) -> None:
    a = _attributions(text)[-1]
    assert (a.speaker.text if a.speaker else None, a.speaker_kind) == (speaker, kind)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("It turns out Tomas Vell’s “gates full of ships” were real gates after all.", "Tomas Vell"),
        ("Count Tomas Vell’s “gates full of ships” in that category. Tomas Vell never said it again.", "Tomas Vell"),
        (
            "Since then, Brandt has mocked Vell's widely circulated claim that his staff brought him \"gates full of"
            ' ships" to consider.',
            "Vell",
        ),
        # her words for his, and his film's title, are not his statements
        ("Brandt said Vell’s “sweeping judgments” were not necessary.", "Brandt"),
    ],
)
def test_a_phrase_someone_owns_is_theirs(text: str, speaker: str) -> None:
    a = _attributions(text)[0]
    assert a.speaker is not None and a.speaker.text == speaker


def test_a_title_someone_owns_is_no_statement_of_theirs() -> None:
    text = "Cinemas sold out showings of Tomas Vell's “Harbour”."
    article = Article(id="a", path="-", text=text, format="text", outlet="x")
    (quote,) = extract_quotes(article)
    assert quote.kind == "scare"


@pytest.mark.parametrize(
    ("text", "outlet", "sources"),
    [
        ("“The gates stay open,” Vell, the harbour master, said Wednesday on MSNBC.", "x", ["MSNBC"]),
        ("During an interview on CBS’ Face the Nation, Vell said the port is “open to all.”", "x", ["CBS"]),
        ("“The gates stay open,” Vell told Meet the Press Daily on Wednesday.", "x", ["Meet the Press Daily"]),
        ("“The gates stay open,” Vell said on Radio Harbour.", "x", ["Radio Harbour"]),
        ("“The gates stay open,” Vell said on Radio Harbour.", "Radio Harbour", []),
        ("“The gates stay open,” Vell said on Tuesday.", "x", []),
        ("“The gates stay open,” Vell said to Tomas Brandt.", "x", []),
    ],
)
def test_the_outlet_the_words_were_said_on_is_a_cited_source(text: str, outlet: str, sources: list[str]) -> None:
    article = Article(id="a", path="-", text=text, format="text", outlet=outlet)
    (quote,) = extract_quotes(article)
    assert [s.text for s in quote.attribution.sources] == sources


def test_an_outlet_label_before_a_headline_is_its_source_not_its_speaker() -> None:
    text = (
        "Harbour digest\n\nRadio Harbour: ‘Keep the gates open’: HPA chief’s message to the council\n"
        "“The gates stay open,” the HPA chief, Ilse Brandt, told the council on Monday.\n"
    )
    article = Article(id="a", path="-", text=text, format="text", outlet="x")
    first = extract_quotes(article)[0]
    assert first.attribution.speaker is not None and first.attribution.speaker.text == "HPA chief"
    assert [s.text for s in first.attribution.sources] == ["Radio Harbour"]


def test_a_quote_paragraph_after_an_according_to_paraphrase_is_its_source_s() -> None:
    text = (
        "Ilse Brandt spoke at the quay on Monday.\n\nAccording to her, the gates can stay open through the winter.\n\n"
        "“The tide tables allow it. The pumps are new.\n\n“It is the combination that makes the difference.”"
    )
    found = [(a.speaker.text if a.speaker else None, a.speaker_resolved) for a in _attributions(text)]
    assert found == [("her", "Ilse Brandt"), ("her", "Ilse Brandt")]


def test_the_phrase_someone_used_is_their_statement_not_a_term() -> None:
    text = (
        "Vell ran the port for a decade.\n\nHe famously used the phrase “The gates stay open” in reply to a reporter."
    )
    (quote,) = extract_quotes(Article(id="a", path="-", text=text, format="text", outlet="x"))
    assert quote.kind == "statement"
    assert quote.attribution.speaker is not None and quote.attribution.speaker.text == "He"
    (term,) = _texts_and_kinds("Critics mocked the phrase “gates full of ships” for years.")
    assert term == ("gates full of ships", "scare")


def _texts_and_kinds(text: str) -> list[tuple[str, str]]:
    return [(q.text, q.kind) for q in extract_quotes(Article(id="a", path="-", text=text, format="text", outlet="x"))]


def test_a_known_body_in_a_headline_speaks_though_the_prose_spells_it_out() -> None:
    text = (
        "‘Test, test, test’: WHO calls for more testing\n\nThe World Health Organization said cases must be isolated."
    )
    quote = extract_quotes(Article(id="a", path="-", text=text, format="text", outlet="x"))[0]
    assert quote.kind == "statement"
    assert quote.attribution.speaker is not None and quote.attribution.speaker.text == "WHO"
    assert quote.attribution.speaker_kind == "organisation"


def test_a_document_s_recipients_belong_to_it_and_its_author_speaks_the_next_paragraph() -> None:
    (letter,) = _attributions("Vell wrote in his 1986 letter to the harbour board that “fear and greed will recur.”")
    assert [s.text for s in letter.sources] == ["in his 1986 letter to the harbour board"]
    text = "Justice Ilse Brandt did not hold back in her dissent.\n\n“Let the port close, let the ships rot.”"
    (dissent,) = _attributions(text)
    assert dissent.speaker is not None and dissent.speaker.text == "Justice Ilse Brandt"
    assert [s.text for s in dissent.sources] == ["in her dissent"]


@pytest.mark.parametrize(
    ("text", "speaker", "sources"),
    [
        # the reporting party is the source of the words it reports, not their speaker
        (
            "The Harbour Post reported that Vell asked, “Why are we having all these ships here?”",
            "Vell",
            ["The Harbour Post"],
        ),
        (
            "Two people briefed on the meeting told the Harbour Post that Vell said “we will not close the port.”",
            "Vell",
            ["Two people", "the Harbour Post"],
        ),
        # a name inside the reported clause that does not introduce the quote is not its speaker
        (
            "During the debate, Brandt claimed that statements made by Tomas Vell calling for a ban make him “the"
            " best recruiter the smugglers have.”",
            "Brandt",
            [],
        ),
        # a pronoun inside the clause stands for the one who reports
        ("Lu said he told Majeed that “all will be forgiven in Washington.”", "Lu", []),
    ],
)
def test_words_reported_by_another_party(text: str, speaker: str, sources: list[str]) -> None:
    a = _one(text)
    assert a.speaker is not None and a.speaker.text == speaker
    assert [s.text for s in a.sources] == sources


def test_the_outlet_that_reported_the_words_is_their_source() -> None:
    a = _one(
        "Vell allegedly said he would rather see “the ships pile high in their thousands,” the Daily Harbour reported."
    )
    assert a.speaker is not None and a.speaker.text == "Vell"
    assert [s.text for s in a.sources] == ["Daily Harbour"]


def test_the_article_s_own_outlet_is_recognised_through_markup_in_its_name() -> None:
    text = "“The gates stay open,” a researcher told the Bulletin."
    article = Article(id="a", path="-", text=text, format="text", outlet="Byte <i>Bulletin</i> -->")
    (quote,) = extract_quotes(article)
    assert quote.attribution.sources == ()


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Tomas Vell spoke on Monday. A spokesperson for Vell said the claims were “totally untrue.”",
            "A spokesperson for Vell",
        ),
        ("Tomas Vell spoke on Monday. An aide to Vell said the claims were “totally untrue.”", "An aide to Vell"),
        # a source cited in an aside is not the one who speaks for the subject
        (
            "Analysts, citing a harbour letter to shipowners, said the port expected “well over a million tonnes.”",
            "Analysts",
        ),
        ("Tomas Vell spoke on Monday. Ilse Brandt said Vell used the word “pile” twice.", "Vell"),
    ],
)
def test_who_speaks_for_whom(text: str, speaker: str) -> None:
    a = _attributions(text)[-1]
    assert a.speaker is not None and a.speaker.text == speaker


def test_a_possessed_message_introducing_the_quote_names_its_speaker() -> None:
    a = _attributions("Tomas Vell spoke on Monday.\n\nHis message was clear: “We will keep the gates open.”")[-1]
    assert a.speaker is not None and (a.speaker.text, a.speaker_resolved) == ("His", "Tomas Vell")
    (rules,) = _attributions("The rules are simple: “No ships after dark.”")
    assert rules.speaker is None


def test_a_reporting_party_without_that_is_the_source_of_the_words_it_reports() -> None:
    a = _one("The Harbour Post, citing the leaked memo, said Vell told Brandt: “We will not attack the port.”")
    assert a.speaker is not None and a.speaker.text == "Vell"
    assert [s.text for s in a.sources] == ["The Harbour Post", "citing the leaked memo"]


def test_an_outlet_named_before_the_clause_or_in_a_credit_line_is_a_source() -> None:
    a = _attributions("Ilse Vell spoke. Speaking to Radio Harbour on Thursday, she said she was “not going anywhere.”")[
        -1
    ]
    assert [s.text for s in a.sources] == ["Radio Harbour"]
    credit = _attributions("Ilse Vell spoke.\n\n“We stay open.”\n\n— Vell, to Radio Harbour, July 13")[-1]
    assert credit.speaker is not None and credit.speaker.text == "Vell"
    assert [s.text for s in credit.sources] == ["Radio Harbour"]


def test_a_title_case_headline_s_owned_remark_is_the_owner_s() -> None:
    text = (
        "Vell’s ‘Stay Open’ Remark Draws Fire\n\nHarbour master Ilse Vell spoke on Monday, and Vell did not retract it."
    )
    a = _attributions(text)[0]
    assert a.speaker is not None and a.speaker.text == "Vell"


@pytest.mark.parametrize(
    ("text", "speaker", "sources"),
    [
        (
            "The paper cited unidentified sources as saying that, in October, Mr Vell told a meeting at the port:"
            " “No more closures.”",
            "Mr Vell",
            ["The paper", "unidentified sources"],
        ),
        (
            "Press secretary Ilse Brandt did not deny that Vell described the rival ports as “rust buckets.”",
            "Vell",
            ["Ilse Brandt"],
        ),
        ("On Thursday Vell questioned why the port would take more ships from “rust bucket ports” abroad.", "Vell", []),
        ("Vell himself also said that claims he had made the remark were “total, total rubbish”.", "Vell", []),
    ],
)
def test_reporting_shapes_from_reported_remarks(text: str, speaker: str, sources: list[str]) -> None:
    a = _attributions("Harbour master Tomas Vell spoke on Monday. " + text)[-1]
    assert a.speaker is not None and a.speaker.text == speaker
    assert [s.text for s in a.sources] == sources


def test_section_labels_and_question_openers_are_no_speakers() -> None:
    text = "Report: Vell Upset That ‘Rust Bucket’ Ports Send Ships Here\n\nHarbour master Tomas Vell spoke, and Vell said so."
    assert _attributions(text)[0].speaker is not None and _attributions(text)[0].speaker.text == "Vell"
    question = _attributions("Tomas Vell spoke on Monday. Did Tomas Vell say “let the ships rot”?")[-1]
    assert question.speaker is not None and question.speaker.text == "Tomas Vell"
    owned = _attributions("Tomas Vell spoke, and Vell listened. Vell’s simple “no” when asked was all he said.")[-1]
    assert owned.speaker is not None and owned.speaker.text == "Vell"


def test_two_names_joined_by_and_are_one_source_and_a_report_reports() -> None:
    pair = _attributions(
        "Tomas Vell spoke. According to Brandt and Marsh, Vell pledged: “We will call you ahead of time.”"
    )
    assert [s.text for s in pair[-1].sources] == ["According to Brandt and Marsh"]
    report = _attributions("Tomas Vell spoke. The report says Vell told the admiral, “The port is stable.”")[-1]
    assert report.speaker is not None and report.speaker.text == "Vell"
    assert [s.text for s in report.sources] == ["The report"]
    cable = _attributions("Tomas Vell spoke. According to the cable and the minutes, Vell said “all will be forgiven.”")
    assert [s.text for s in cable[-1].sources] == ["According to the cable"]


@pytest.mark.parametrize("title", ["Mrs", "Ms", "Mr"])
def test_a_surname_that_is_also_a_word_keeps_its_title(title: str) -> None:
    a = _attributions(f"Theresa May spoke. {title} May said “Brexit means Brexit.”")[-1]
    assert a.speaker is not None and a.speaker.text == f"{title} May"
    headline = _attributions(
        "Vell Apparently Said He Wants ‘Rust Bucket’ Ports Closed\n\nTomas Vell spoke, and Vell said so."
    )
    assert headline[0].speaker is not None and headline[0].speaker.text == "Vell"


@pytest.mark.parametrize("epithet", ["Fed-up", "Red-faced", "Born-again"])
def test_a_hyphenated_epithet_is_no_first_name(epithet: str) -> None:
    a = _attributions(f"The harbour was quiet. {epithet} Vell replied: “Everything, she is just a surly woman.”")[-1]
    assert a.speaker is not None and a.speaker.text == "Vell" and a.speaker_resolved == "Vell"


@pytest.mark.parametrize("opening", ["Hours", "Days", "Two months"])
def test_a_span_of_time_opening_the_sentence_is_no_speaker(opening: str) -> None:
    text = f"The port was quiet. {opening} after Mayor Tomas Vell said he would meet threats with “fire and fury”, the union struck."
    (a,) = _attributions(text)
    assert a.speaker is None or "Vell" in a.speaker.text


def test_who_questions_why_speaks_not_the_subject_of_the_why_clause() -> None:
    a = _attributions(
        "Tomas Vell questions why the port is admitting ships from “rust-bucket countries”\n\nThe mayor spoke.\n"
    )[0]
    assert a.speaker is not None and a.speaker.text == "Tomas Vell"


def test_a_headline_naming_one_person_owns_the_remark_its_quote_names() -> None:
    text = "With ‘Harbour of Rust Buckets’ Comment, Has Tomas Vell Just Had His Worst Week?\n\nMayor Tomas Vell spoke on Monday.\n"
    a = _attributions(text)[0]
    assert a.speaker is not None and a.speaker.text == "Tomas Vell"
    two = (
        "With ‘Harbour of Rust Buckets’ Comment, Has Tomas Vell Angered Ines Haan?\n\nMayor Tomas Vell met Ines Haan.\n"
    )
    assert _attributions(two)[0].speaker is None


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Mayor Tomas Vell took a stance. Her optimistic ‘We will manage it’ was a pivotal moment for the port.",
            "Her",
        ),
        ("Tomas Vell spoke on Monday. Indeed, Vell’s promise “We will manage the port!” was admirable.", "Vell"),
        (
            "In August 2019 Ines Haan, the then-harbour master, used “we will manage the port” at a conference.",
            "Ines Haan",
        ),
    ],
)
def test_an_owner_of_the_words_by_possessive_or_use(text: str, speaker: str) -> None:
    a = _attributions(text)[-1]
    assert a.speaker is not None and a.speaker.text == speaker


def test_a_possessive_inside_a_reported_clause_is_no_owner() -> None:
    a = _attributions("Ines Haan issued a statement saying his comment “has no place in the port” and left.")[-1]
    assert a.speaker is not None and a.speaker.text != "his"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Some doubted her. By saying “Ports mean ports,” Vell sought to put those doubts to rest.", "Vell"),
        ("The port was quiet. Having told the nation “Ports mean ports,” she has ordered a new department.", "she"),
        ("Tomas Vell on the deck of a ferry, where he moved away from his ‘Ports are ports’ slogan.", "Tomas Vell"),
    ],
)
def test_the_speaker_of_a_participle_lead_or_an_owned_slogan(text: str, speaker: str) -> None:
    a = _attributions(text)[-1]
    assert a.speaker is not None and speaker in (a.speaker.text, a.speaker_resolved)


@pytest.mark.parametrize(
    "text",
    [
        "Tomas Vell spoke. Ines Haan touts her role in prompting Tomas Vell to ask “what difference does it make?” at the hearing.",
        "Tomas Vell spoke. Ines Haan said little to provoke Tomas Vell’s exasperated comment, “What difference does it make?”",
    ],
)
def test_the_one_prompted_or_whose_comment_it_is_speaks(text: str) -> None:
    a = _attributions(text)[-1]
    assert a.speaker is not None and a.speaker_resolved == "Tomas Vell"


@pytest.mark.parametrize(
    "sentence",
    [
        "Hawking told the BBC: “The primitive forms of intelligence we have proved very useful.”",
        "Hawking elaborated that “humans, who are limited by slow evolution, could not compete.”",
        "“It would take off on its own, and re-design itself,” Hawking said.",
    ],
)
def test_a_surname_ending_in_ing_is_a_name_when_the_page_prints_it_after_a_first_name(sentence: str) -> None:
    a = _attributions(f"Stephen Hawking spoke on Monday.\n\n{sentence}\n")[-1]
    assert a.speaker is not None and a.speaker.text == "Hawking"
    opening = _attributions("Following remarks on his budget, “we will act now,” the mayor said.")[-1]
    assert opening.speaker is not None and opening.speaker.text == "the mayor"


def test_who_rejects_something_as_a_word_says_the_word() -> None:
    a = _attributions("The port was quiet. The harbour board angrily rejected the allegations as “absurd” on Tuesday.")[
        -1
    ]
    assert a.speaker is not None and a.speaker.text == "The harbour board"


def test_the_agent_a_participle_names_after_the_words_said_them() -> None:
    text = (
        "Tomas Vell spoke.\n\nToday, the office of Mayor Ines Haan asserted that the union had crossed the “red line”"
        " staked out by Vell last year."
    )
    a = _attributions(text)[-1]
    assert a.speaker is not None and a.speaker.text == "Vell"


def test_a_quote_paragraph_after_a_quote_whose_long_tail_names_its_speaker_goes_on_in_that_voice() -> None:
    text = (
        "The harbour opened on Monday.\n\n“We will keep the gates open to every ship that asks,” the harbour master told"
        " reporters after a long tour of the new eastern quay on Monday.\n\n“But the fees will rise next year.”\n"
    )
    first, second = _attributions(text)
    assert first.speaker is not None and first.speaker.text == "the harbour master"
    assert second.speaker is not None and second.speaker.text == "the harbour master"
    narrated = (
        "“We will keep the gates open,” the harbour master said. Then Mayor Ines Haan stood up to speak to the"
        " crowd.\n\n“The fees will rise.”\n"
    )
    last = _attributions(narrated)[-1]
    assert last.speaker is None or last.speaker.text != "the harbour master"


@pytest.mark.parametrize(
    "sentence",
    [
        "Radio Harbour's host confronts Tomas Vell on ‘The gates stay open’ [VIDEO]",
        "The union slammed Tomas Vell over his “the gates stay open” remark on Monday.",
        "Tomas Vell denied making the “gates stay open” remarks on Monday.",
    ],
)
def test_the_one_asked_about_words_or_denying_making_them_said_them(sentence: str) -> None:
    a = _attributions(f"{sentence}\n\nThe port was busy.\n")[0]
    assert a.speaker is not None and a.speaker_resolved == "Tomas Vell"


def test_who_mocks_someone_for_words_says_them_himself() -> None:
    a = _one("Tomas Vell, who leads the port, mocked Ines Haan for “having a tough night” after the vote.")
    assert a.speaker is not None and a.speaker.text == "Tomas Vell"


def test_a_generational_suffix_is_part_of_the_name_not_the_surname() -> None:
    text = (
        "Harbour pilot Tomas Vell King Jr. spoke first. “The gates stay open,” said Tomas Vell King Jr.\n\n"
        "“We will not close,” King said later."
    )
    first, second = _attributions(text)
    assert first.speaker_resolved == "Tomas Vell King Jr."
    assert second.speaker_resolved == "Tomas Vell King Jr."


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a lower-case verb right after a sentence-final quote continues the sentence
        ('Mayor Vell spoke at the port.\n\n"The port stays open. It is just the beginning." echoed Vell at the quay.',
         "Vell"),
        # a title in quote marks later in the clause does not make "Vell said" introduce a new quote
        (
            "Mayor Vell spoke at the port.\n\n“We will keep the port open. Right?” Vell said to applause from"
            " supporters at a “Port for All” fundraiser on Friday.",
            "Vell",
        ),
        # whoever refers to people as “…” says the word
        ("Mayor Vell spoke.\n\nLater Vell referred to the harbour pilots who struck as “cowboys” for leaving.", "Vell"),
        ("Mayor Vell spoke.\n\nMr Vell hesitated to use the word “closure” in the interview.", "Mr Vell"),
    ],
)
def test_the_speaker_of_shapes_seen_on_real_pages(text: str, speaker: str) -> None:
    said = [a for a in _attributions(text) if a.speaker is not None]
    assert said and said[-1].speaker is not None and said[-1].speaker.text == speaker


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # the person a relative clause before the colon is about
        ("“Keep calm,” urged Vell, who also sent a message to the crews: “We are with you.”", "We are", "Vell"),
        # a possessive after the quote: the declaration is the owner's (not the previous paragraph's speaker)
        ("Marsh spoke.\n\n“Whatever it costs.” Mara Vell’s declaration that she would save the port stood.", "Whatever", "Mara Vell"),
        # a surname that is also a word ("May") before its verb is no adverb: the subject, not the addressee
        (
            "Prime Minister Tess May has set her face against a second vote, telling Cabinet colleagues that"
            " ‘the port means the port’ and nothing else.",
            "the port",
            "Prime Minister Tess May",
        ),
        # a place after a preposition is no speaker: "warning to North Korea", ", calls Robert E. Lee ‘…’"
        ("Tomas Vell doubles down on ‘fire and storm’ warning to North Harbour", "fire", "Tomas Vell"),
        # a line discussed after the quote: "was used by", "is a rhetorical question raised by"
        ("Gone.\n\n“Axis of rust” was used by Mayor Tomas Vell in his first address.", "Axis", "Mayor Tomas Vell"),
        ("Gone.\n\n“Did you fall off a quay?” is a rhetorical question raised by Mayor Ada Marsh.", "Did you", "Mayor Ada Marsh"),
        ("Tomas Vell defends 2017 ‘very fine crews’ comments, calls Ada Marsh ‘a great captain’", "very fine", "Tomas Vell"),
    ],
)
def test_the_speaker_of_a_quote_named_around_it(text: str, quote: str, speaker: str) -> None:
    assert _speaker_of(text, quote) == speaker


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # a participle never comes before its speaker: the city is what the mayor's words are about
        ("Mayor Tomas Vell has defended “harbour values,” saying the city embodied the “grit of the coast.”", "harbour", "Mayor Tomas Vell"),
        # a time phrase opening the sentence is no subject
        ("Hours later, Vell returned the favour to Marsh, telling the Gazette, “We have been friends for years.”", "We have", "Vell"),
        ("Two days later, Vell wrote to the board, saying “The port stays open for good.”", "The port", "Vell"),
        # "state" as the last word of a sentence is the noun: the sentence's subject, not "Coastal state"
        ("Marsh praised Vell’s grip on a heavily Coastal state.\n\n“We need someone who keeps the quays open.”", "We need", "Marsh"),
        # a participle after the object of a verb or a preposition: the clause's subject speaks
        ("Vell posted a message on Twitter reading “Thank you, harbour” after the vote.", "Thank you", "Vell"),
        ("The harbour master emailed supporters saying: “The struggle for the port continues”", "The struggle", "The harbour master"),
        # "will continue to be" is no speech verb: the one who said it is the sentence's subject
        ("Marsh said she is certain Vell will continue to be “a champion for the working port.”", "a champion", "Marsh"),
    ],
)
def test_the_speaker_is_no_word_that_only_looks_like_a_subject(text: str, quote: str, speaker: str) -> None:
    assert _speaker_of(text, quote) == speaker


def test_a_clause_opened_by_though_after_a_quote_names_no_speaker() -> None:
    text = (
        "At least half of voters in each port say the two offers are “about right,” though voters are generally"
        " more likely to say the pay rise is late."
    )
    (a,) = _attributions(text)
    assert a.speaker is None


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # a description never ends with a function word: "the former secretary of", "his keynote speech to"
        (
            "Later, Mayor Ada Marsh said Vell has pushed the former secretary of state to be a “stronger” candidate.",
            "stronger",
            "Mayor Ada Marsh",
        ),
        ("At the meeting on Tuesday, Mr. Vell used his keynote speech to offer ‘encouragement’ to the crews.", "encouragement", "Mr. Vell"),
        (
            "Mr. Vell released a statement, describing the captain as a hero but insisting that Marsh had ‘no right’ to speak.",
            "no right",
            "Mr. Vell",
        ),
        # a name opening the sentence, then a participle and the quote: the name's words
        ("Mr. Haan, quoting ‘the quiet magic of the port,’ said the harbour could win.", "the quiet", "Mr. Haan"),
    ],
)
def test_a_description_is_a_noun_phrase_not_the_words_around_it(text: str, quote: str, speaker: str) -> None:
    assert _speaker_of(text, quote) == speaker


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # a headline's auxiliary or adverb is no part of the name before the verb
        ("Harbour Times – Vell Didn’t Call the Crews ‘Fine Sailors.’ Here’s Why.", "Fine Sailors", "Vell"),
        ("Tomas Vell Just Called a Captain a ‘Lying, Rust-Faced Deckhand.’ Why?", "Lying", "Tomas Vell"),
        # "World War I." ends its sentence: the Roman numeral is no initial of the next name
        ("The crews held the quay in 1918, during World War I. Vell allegedly asked, “Who held the quay?”", "Who held", "Vell"),
        # a possessive ("last month’s") and "during" are no verbs: the relative clause is skipped to its subject
        (
            "The Harbour Master, who was a low-key supporter of Remain during last month’s vote, sought to calm"
            " the crews, repeating her declaration that “the port is the port”.",
            "the port",
            "The Harbour Master",
        ),
        # "founder and CEO Mark Vell": the name after the joined roles
        ("“We changed our motto,” founder and CEO Mark Vell told the Gazette.", "We changed", "CEO Mark Vell"),
    ],
)
def test_a_name_is_read_whole_and_no_more(text: str, quote: str, speaker: str) -> None:
    assert _speaker_of(text, quote) == speaker


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # a dateline in title case with the agency in brackets is no part of the sentence
        (
            "Harbourtown (AFP) - Under growing pressure over her port policy, Marsh has come out swinging, insisting"
            " “we will manage” the strike.",
            "we will manage",
            "Marsh",
        ),
        # a possessive pronouncement, then a long adjunct, then "that"
        ("Ada Marsh’s pronouncement in the harbour council on Monday that, “The crews have been paid in full,” stood.", "The crews", "Ada Marsh"),
        # "instead", "however" between the subject and its verb
        ("She instead pledged “a red, white and blue harbour” to the crews.", "a red", "She"),
        ("Vell however said he would welcome the crews to a “principled harbour network” soon.", "principled", "Vell"),
        # a heading that names whose words follow, with or without a colon
        ("The wall fell.\n\nTomas Vell’s memorable line…\n\n“We welcome change and openness on every quay.”", "We welcome", "Tomas Vell"),
        ("The wall fell.\n\nIn Vell’s own words:\n\n“We stay open on every quay.”", "We stay", "Vell"),
    ],
)
def test_the_speaker_around_headings_datelines_and_adverbs(text: str, quote: str, speaker: str) -> None:
    assert _speaker_of(text, quote) == speaker


def test_a_label_before_a_colon_is_no_speaker() -> None:
    (a,) = _attributions("The speech was remembered.\n\nBest Line: “Mr. Marsh, open this harbour gate!”")
    assert a.speaker is None or a.speaker.text != "Best Line"


def test_a_description_does_not_run_back_over_a_paragraph_break() -> None:
    text = "“Open This Gate” - June 12, 1987\n\nMayor Vell spoke at the gate. In the end, the mayor said: “Open this gate!”"
    a = _attributions(text)[-1]
    assert a.speaker_resolved is not None and "\n" not in a.speaker_resolved


def test_a_record_that_shows_someone_speaking_is_the_source_and_the_one_shown_speaks() -> None:
    text = (
        "A hidden-camera recording obtained by the Harbour Times captures Vell at a private dinner telling donors"
        " that, “There are forty percent of the crews who will vote for the board no matter what.”"
    )
    (a,) = _attributions(text)
    assert a.speaker is not None and a.speaker.text == "Vell"
    assert any(s.text.startswith("A hidden-camera recording") for s in a.sources)


def test_a_name_whose_apposition_is_never_closed_is_the_subject() -> None:
    text = (
        "Professor Ada Marsh, one of the coast’s most renowned engineers has recently warned that “the new quay"
        " could spell the end of the old harbour”, according to an interview with the Gazette."
    )
    (a,) = _attributions(text)
    assert a.speaker is not None and a.speaker.text == "Professor Ada Marsh"
    assert any("the Gazette" in s.text for s in a.sources)


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # a verb that makes its object speak: the object before "to" (not "expects Vell to announce")
        ("Allegations prompted Vell to famously state “I am not a pirate” before the editors.", "I am not", "Vell"),
        # the nearest clause's subject after "but": not the subject of the first clause
        (
            "Normally, court dissents include the word “respectfully” but Judge Marsh signed off hers by writing:"
            " “With fear for our harbour, I dissent.”",
            "With fear",
            "Judge Marsh",
        ),
    ],
)
def test_the_speaker_of_an_infinitive_or_participle_is_read_from_its_own_clause(text: str, quote: str, speaker: str) -> None:
    assert _speaker_of(text, quote) == speaker


def test_an_expected_act_is_no_speech_of_the_one_expected() -> None:
    text = "Marsh says she expects Mayor Tomas Vell to announce an “intensification” of the harbour campaign."
    (a,) = _attributions(text)
    assert a.speaker is None or "Vell" not in a.speaker.text


def test_words_named_as_someones_by_by_before_a_colon() -> None:
    text = (
        "The most widely quoted, verbatim denial by Mayor Tomas Vell came during a public statement in May 2019:"
        " “I did not sell the harbour to that company, Miss Haan.”"
    )
    (a,) = _attributions(text)
    assert a.speaker is not None and a.speaker.text == "Mayor Tomas Vell"
    assert a.sources == ()


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # someone's slogan is their words, not a title
        ("At the quay, Mrs Marsh was asked to define her often-said slogan “Harbour means harbour”.", "Harbour means", "Mrs Marsh"),
        # a sentence naming whose response the next words are
        (
            "The phrase is taken from Harbour Master Tomas Vell’s response to a question at a briefing in May."
            " “Reports that say something has not happened are always interesting to me.”",
            "Reports that",
            "Harbour Master Tomas Vell",
        ),
        # "talked about", "spoke of": the speaker's own words
        ("Mayor Vell talked about “a harbour carnage” caused by the storms and the closures.", "a harbour carnage", "Mayor Vell"),
    ],
)
def test_words_owned_by_a_slogan_a_response_or_talk(text: str, quote: str, speaker: str) -> None:
    article = Article(id="a", path="-", text=text, format="text", outlet="x")
    [found] = [q for q in extract_quotes(article) if q.text.startswith(quote)]
    assert found.attribution.speaker is not None
    assert found.attribution.speaker.text == speaker or found.attribution.speaker_resolved == speaker.split(" ", 2)[-1]


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # a sentence adverb opening the sentence is no name whose apposition stays open
        ("The board spoke. Separately, the Harbour Police said it was “conducting a preliminary review of the quay”.", "conducting", "the Harbour Police"),
        # a possessive "words" before a colon names its owner (no capitalised label)
        ("He ran the dock.\n\nHis own words, in a 2020 interview with a radio station, were: «The harbour is like a person.»", "The harbour", "His own words"),
        # the one a relative clause is about: "X, who opened the summit by declaring that “…”"
        ("President Ada Marsh, who opened the summit by declaring that “the harbour has embarked on a new chapter”, left.", "the harbour", "President Ada Marsh"),
    ],
)
def test_openers_possessive_words_and_relative_clauses(text: str, quote: str, speaker: str) -> None:
    assert _speaker_of(text, quote) == speaker


def test_a_participle_before_a_preposition_is_part_of_the_description() -> None:
    a = _attributions("A memo circulated among harbour officials said the crews had heard “banging sounds every 30 minutes”.")[0]
    assert a.speaker_resolved is not None and a.speaker_resolved.startswith("A memo circulated among")


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # a naming verb's object may be long: the words are still the subject's
        (
            "The Courier revealed that Mayor Vell called the 1,800 dock workers who lost their jobs at Pier Nine in the"
            " strike “freeloaders” for staying home.",
            "freeloaders",
            "Mayor Vell",
        ),
        # an adverb after the verb still closes the frame: "“…?” Vell asked early on in the hearing."
        (
            "“If the port is free, how do you pay the crews?” Sen. Ada Vell, the 64-year-old harbour commissioner,"
            " asked early on in the hearing.",
            "If the port",
            "Sen. Ada Vell",
        ),
        # "lied" reports words as said
        ("“I was asking a very sarcastic question,” Mayor Vell lied.", "I was asking", "Mayor Vell"),
        # a term believed to have been coined by someone
        ("The term “harbour fatigue” is believed to have been coined by Tomas Marsh in a 1996 speech.", "harbour fatigue", "Tomas Marsh"),
    ],
)
def test_long_objects_late_adverbs_lied_and_believed_coinage(text: str, quote: str, speaker: str) -> None:
    assert _speaker_of(text, quote) == speaker


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # someone's “…” response is that person's words
        ("The exchange recalled Vell's \"Senator, we run ferries,\" response from a 2018 hearing.", "Senator, we run", "Vell"),
        # saying the word: the word is the sayer's
        ("At the briefing, Governor Marsh said the word \"temporary.\" That word dogged her for a year.", "temporary", "Governor Marsh"),
        # "Rather," opens the sentence and names no one
        ("Vell did not deny it. Rather, the statement claimed that the mayor will “always keep the port open.”", "always keep", "the statement"),
    ],
)
def test_owned_responses_said_words_and_a_leading_rather(text: str, quote: str, speaker: str) -> None:
    assert _speaker_of(text, quote) == speaker


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # a place after the subject is no speaker
        ("A massive crowd in Portmouth shouted “open the port” after the vote.", "open the port", "A massive crowd"),
        ("A senator from Ohio said “the port will stay open” on Monday.", "the port will", "A senator"),
        # a dash credit keeps its title even on a short line that looks like a headline
        ("“Sailing in this storm is dangerous. It is not advised.” – Dr. Ada Vell, Harbour Health Director", "Sailing", "Dr. Ada Vell"),
    ],
)
def test_a_place_after_the_subject_and_a_titled_dash_credit(text: str, quote: str, speaker: str) -> None:
    assert _speaker_of(text, quote) == speaker


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # plain modifiers run on to the description's head
        ("“We looked at the crews,” the port's chief human resources executive, Ada Vell, told The Courier.", "We looked", "Ada Vell"),
        # a front page blares words
        ("Coverage was harsh. “Sunk!” blared the front page of The Harbour Herald.", "Sunk", "the front page"),
    ],
)
def test_long_descriptions_after_the_quote_and_a_blaring_front_page(text: str, quote: str, speaker: str) -> None:
    article = Article(id="a", path="-", text=text, format="text", outlet="x")
    [found] = [q for q in extract_quotes(article) if q.text.startswith(quote)]
    assert speaker in (found.attribution.speaker_resolved, found.attribution.speaker and found.attribution.speaker.text)


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # a role's "of" and its lower-case noun stay in the description
        ("“The crews will sail,” Mayor Vell’s chief of staff, Ada Marsh, told The Courier.", "The crews", "Mayor Vell’s chief of staff"),
        # a time phrase with "ago" between the subject and the verb is no subject
        ("The harbour board less than two weeks ago said for the first time that “storm damage” had closed the pier.", "storm damage", "The harbour board"),
        # a connective opening the next sentence leaves the quote with the speaker before
        ("“We were not happy at first,” said Ada Vell, head of policy at the guild. Now, “the crews mostly say the plan is fine.”", "the crews mostly", "Ada Vell"),
        # a title inside the apposition: its comma, inside the marks, still closes the apposition
        ("As Ada Vell, author of “The Harbour Book,” put it, “the board should remember the storm of 1990.”", "the board should", "Ada Vell"),
    ],
)
def test_roles_with_of_ago_phrases_connectives_and_titles_in_appositions(text: str, quote: str, speaker: str) -> None:
    assert _speaker_of(text, quote) == speaker


def test_a_work_named_after_author_of_is_a_title() -> None:
    article = Article(id="a", path="-", text="As Ada Vell, author of “The Harbour Book,” put it, “the board should remember.”", format="text", outlet="x")
    [title] = [q for q in extract_quotes(article) if q.text.startswith("The Harbour Book")]
    assert title.kind == "scare"


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # a bare verb form after a singular noun is part of a compound noun: "the server email story"
        ("Vell first said in the spring, when the harbour server email story broke, “I did not email any chart to anyone.”", "I did not", "Vell"),
        # the one spoken to in a participle phrase is no speaker
        ("Another harbour source speaking to The Courier said, “The crews are looking at the pier.”", "The crews", "Another harbour source"),
        # "pressed" reports a question
        ("“Would the port stay open in winter?” Marsh pressed.", "Would the port", "Marsh"),
        # words judging someone's comments are the judge's, not the commenter's
        ("Ada Vell told the festival that Marsh's comments about the crews were “intolerable.”", "intolerable", "Ada Vell"),
    ],
)
def test_compound_nouns_participle_phrases_pressed_and_judged_comments(text: str, quote: str, speaker: str) -> None:
    assert _speaker_of(text, quote) == speaker


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # a role or a body with its "of" phrase, whole
        ("The President of the Harbour Republic said “the port will stay open.”", "the port", "The President of the Harbour Republic"),
        ("The University of Portmouth said “the pier will stay closed.”", "the pier", "The University of Portmouth"),
    ],
)
def test_a_role_or_body_of_a_place_is_read_whole(text: str, quote: str, speaker: str) -> None:
    assert _speaker_of(text, quote) == speaker


def test_an_outlet_reporting_in_the_middle_of_the_sentence_is_the_source_not_the_speaker() -> None:
    a = _one("The mayor also asked if the pier could be left out of the plan, reports The Harbour Times, “Why do we need it?”")
    assert a.speaker is not None and a.speaker.text == "The mayor"
    assert [s.text for s in a.sources] == ["The Harbour Times"]


def test_a_name_inside_a_quote_is_no_pronouns_antecedent() -> None:
    text = (
        "Mayor Ada Vell spoke at the quay on Monday. She criticised the plan to rename the pier."
        " “Was Tomas Marsh a harbour master?” she asked. “Are we going to rename every pier?”"
    )
    resolved = [a.speaker_resolved for a in _attributions(text)]
    assert resolved == ["Ada Vell", "Ada Vell"]


def test_a_prepositions_object_is_no_clause_subject() -> None:
    # a cut excerpt that starts at the verb: the place in "of the Portmouth protests" did not say it
    text = "said of the Portmouth protests that “there were some very fine sailors on both piers”?"
    assert _speaker_of(text, "there were") is None


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ("The head of the Harbour Republic said “the port is on the edge of a precipice.”", "the port", "The head of the Harbour Republic"),
        ("The chief executive of Vell Ferries said “the crews will sail.”", "the crews", "The chief executive of Vell Ferries"),
    ],
)
def test_a_lower_case_role_of_a_body_is_the_speaker_not_the_body(text: str, quote: str, speaker: str) -> None:
    assert _speaker_of(text, quote) == speaker


def test_an_owners_quote_before_a_modified_noun_is_the_owners() -> None:
    text = "Theresa Vell's 'open all night' Harbour call sparks ridicule\n\nBy Ada Marsh"
    assert _speaker_of(text, "open all night") == "Theresa Vell"
