"""Attribution shifts between a reference's framing and a rendering's."""

from __future__ import annotations

import pytest

from quotediff.model import Attribution, Span
from quotediff.compare.shifts import attribution_changes, same_person


def span(text: str) -> Span:
    return Span(0, len(text), text)


def attr(
    speaker: str | None = None,
    kind: str = "named",
    resolved: str | None = None,
    verb: str | None = "said",
    lemma: str | None = None,
    tone: str = "neutral",
    hedges: tuple[str, ...] = (),
    sources: tuple[str, ...] = (),
    addressee: str | None = None,
) -> Attribution:
    return Attribution(
        speaker=span(speaker) if speaker else None,
        speaker_resolved=resolved or speaker,
        speaker_kind=kind if speaker else "unknown",
        verb=span(verb) if verb else None,
        verb_lemma=lemma or (verb.rstrip("d").rstrip("i") if verb else None),
        verb_tone=tone,
        hedges=tuple(span(h) for h in hedges),
        sources=tuple(span(s) for s in sources),
        addressee=span(addressee) if addressee else None,
    )


def kinds(ref: Attribution, var: Attribution) -> list[tuple[str, str]]:
    return [(c.field, c.kind) for c in attribution_changes(ref, var)]


def test_identical_framing_has_no_shift() -> None:
    a = attr("Lu", resolved="Donald Lu", hedges=("reportedly",), sources=("according to the cable",))
    assert attribution_changes(a, a) == ()


@pytest.mark.parametrize(
    "a, b",
    [
        ("Donald Lu", "Lu"),
        ("Mr Lu", "Assistant Secretary Lu"),
        ("Lu", "Donald Lu"),
        # a long first name misspelt by one letter on a real page
        ("Emmanual Vell", "Emmanuel Vell"),
    ],
)
def test_name_forms_are_one_person(a: str, b: str) -> None:
    assert same_person(a, b)


@pytest.mark.parametrize(
    "a, b",
    [
        ("Donald Lu", "Asad Majeed"),
        ("Maria Vell", "Mario Vell"),
        ("Daniel Vell", "Daniela Vell"),
        ("Ed Vell", "David Vell"),
    ],
)
def test_different_people_are_not_one_person(a: str, b: str) -> None:
    assert not same_person(a, b)


def test_name_form_only_is_info() -> None:
    changes = attribution_changes(attr("Donald Lu"), attr("Mr Lu", resolved="Mr Lu"))
    assert [(c.kind, c.severity) for c in changes] == [("name_form", "info")]


def test_anonymised_speaker() -> None:
    assert kinds(attr("Donald Lu"), attr("a U.S. diplomat", kind="anonymous")) == [("speaker", "anonymised")]


def test_named_speaker() -> None:
    assert kinds(attr("a U.S. diplomat", kind="anonymous"), attr("Lu", resolved="Donald Lu")) == [("speaker", "named")]


def test_misattribution_is_critical() -> None:
    changes = attribution_changes(attr("Donald Lu"), attr("Asad Majeed"))
    assert [(c.kind, c.severity) for c in changes] == [("misattributed", "critical")]


def test_pronoun_resolved_to_same_person_is_no_shift() -> None:
    assert kinds(attr("Lu", resolved="Donald Lu"), attr("he", kind="pronoun", resolved="Donald Lu")) == [
        ("speaker", "name_form")
    ]


def test_verb_moves_to_loaded_and_back() -> None:
    assert kinds(attr("Lu", verb="said"), attr("Lu", verb="warned", lemma="warn", tone="loaded")) == [
        ("verb", "loaded")
    ]
    assert kinds(
        attr("Lu", verb="threatened", lemma="threaten", tone="loaded"), attr("Lu", verb="told", lemma="tell")
    ) == [("verb", "neutralised")]


def test_dropped_hedge_is_critical_and_grammar_does_not_count() -> None:
    changes = attribution_changes(attr("Lu", hedges=("reportedly",)), attr("Lu"))
    assert [(c.field, c.kind, c.severity) for c in changes] == [("hedges", "dropped", "critical")]
    assert kinds(attr("Lu", hedges=("allegedly",)), attr("Lu", hedges=("is alleged to have",))) == []


def test_hedge_traded_for_another_is_a_replacement() -> None:
    changes = attribution_changes(attr("Lu", hedges=("allegedly",)), attr("Lu", hedges=("reportedly",)))
    assert [(c.field, c.kind, c.severity) for c in changes] == [("hedges", "replaced", "info")]


def test_hedge_dropped_but_source_kept_is_notable() -> None:
    ref = attr("Lu", hedges=("reportedly",), sources=("according to the cable",))
    changes = attribution_changes(ref, attr("Lu", sources=("according to the cable",)))
    assert [(c.field, c.kind, c.severity) for c in changes] == [("hedges", "dropped", "notable")]


def test_sources_added_dropped_replaced() -> None:
    cable = "according to the cable cited in The Intercept"
    assert kinds(attr("Lu", sources=(cable,)), attr("Lu")) == [("sources", "dropped")]
    assert kinds(attr("Lu"), attr("Lu", sources=(cable,))) == [("sources", "added")]
    assert (
        kinds(
            attr("Lu", sources=(cable,)),
            attr("Lu", sources=("according to the cable obtained by The Intercept",)),
        )
        == []
    )
    assert kinds(attr("Lu", sources=(cable,)), attr("Lu", sources=("citing Dawn",))) == [("sources", "replaced")]


def test_addressee_changes() -> None:
    assert kinds(attr("Lu", addressee="Majeed"), attr("Lu", addressee="Ambassador Asad Majeed")) == []
    assert kinds(attr("Lu", addressee="Majeed"), attr("Lu")) == [("addressee", "dropped")]
    assert kinds(attr("Lu", addressee="Majeed"), attr("Lu", addressee="reporters")) == [("addressee", "changed")]


def test_person_to_organisation_is_a_change_of_voice() -> None:
    assert kinds(attr("Lu"), attr("the State Department", kind="organisation")) == [("speaker", "changed")]


def test_one_name_read_as_person_and_as_organisation_is_no_shift() -> None:
    """Issue 11, item 5: "speaker changed: Drummond Chemicals → Drummond Chemicals" was nonsense."""
    organisation = attr("Drummond Chemicals", kind="organisation")
    person = attr("Drummond Chemicals", kind="named")
    assert kinds(organisation, person) == []
    assert kinds(person, organisation) == []
    # A person and a different body is still a change of voice.
    assert kinds(attr("Lu", resolved="Donald Lu"), attr("the State Department", kind="organisation")) == [
        ("speaker", "changed")
    ]
