"""The word diff: one test per edit kind on real renderings, scores and verdicts, properties, locate."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotediff.compare.diff import DiffOptions, apply_edits, diff_text, diff_tokens, locate
from quotediff.compare.normalize import tokenize
from quotediff.model import EDIT_SEVERITY, TextDiff

LU = (
    "I think if the no-confidence vote against the Prime Minister succeeds, all will be forgiven in Washington "
    "because the Russia visit is being looked at as a decision by the prime minister."
)


def edits(diff: TextDiff) -> list[tuple[str, str, str]]:
    return [(e.kind, e.reference, e.variant) for e in diff.edits]


def test_identical_text_is_verbatim() -> None:
    diff = diff_text(LU, LU)
    assert diff.edits == () and diff.verdict == "verbatim"
    assert diff.similarity == 1.0 and diff.fidelity == 1.0


@pytest.mark.parametrize(
    ("variant", "expected"),
    [
        (LU.replace("the Prime Minister", "the prime minister"), [("case", "Prime Minister", "prime minister")]),
        (LU.replace("Washington", "Washington,"), [("punctuation", "", ",")]),
        (LU.replace("no-confidence", "no\u2011confidence"), [("typography", "no-confidence", "no\u2011confidence")]),
        (LU.replace("no-confidence", "no confidence"), [("spacing", "no-confidence", "no confidence")]),
        (LU.replace("Washington", "the U.S."), [("substitution", "Washington", "the U.S.")]),
    ],
)
def test_single_kinds_on_the_lu_line(variant: str, expected: list[tuple[str, str, str]]) -> None:
    assert edits(diff_text(LU, variant)) == expected


def test_quote_marks_inside_a_quote() -> None:
    diff = diff_text("an “aggressively neutral” position", "an 'aggressively neutral' position")
    assert edits(diff) == [("quote_marks", "“", "'"), ("quote_marks", "”", "'")]
    assert diff.verdict == "cosmetic changes only"


def test_us_uk_spelling_is_cosmetic_and_can_be_switched_off() -> None:
    ref = "We must organise our defence around the centre of the city."
    var = "We must organize our defense around the center of the city."
    assert [e.kind for e in diff_text(ref, var).edits] == ["spelling"] * 3
    strict = diff_text(ref, var, DiffOptions(fold_spelling=False))
    assert {e.kind for e in strict.edits} == {"substitution"}


@pytest.mark.parametrize(
    ("ref", "var", "expected"),
    [
        ("The United States will stay", "The U.S. will stay", ("abbreviation", "United States", "U.S.")),
        ("The U.S. will stay", "The US will stay", ("abbreviation", "U.S.", "US")),
        ("jobs for 3,000 people", "jobs for 3000 people", ("abbreviation", "3,000", "3000")),
        ("over ten years", "over 10 years", ("abbreviation", "ten", "10")),
        ("up 12 per cent", "up 12%", ("abbreviation", "per cent", "%")),
        ("We did not play", "We didn't play", ("abbreviation", "did not", "didn't")),
        ("defend the National Health Service", "defend the NHS", ("abbreviation", "National Health Service", "NHS")),
    ],
)
def test_abbreviation_and_number_style(ref: str, var: str, expected: tuple[str, str, str]) -> None:
    assert edits(diff_text(ref, var)) == [expected]


def test_ellipsis_standing_for_omitted_words() -> None:
    var = LU.replace("because the Russia visit is being looked at as a decision", "…")
    diff = diff_text(LU, var)
    assert edits(diff) == [("ellipsis", "because the Russia visit is being looked at as a decision", "…")]
    assert diff.edits[0].severity == "editorial"
    assert diff.verdict == "shortened with ellipsis"


def test_bracketed_insertion_and_replacement() -> None:
    diff = diff_text("Don told Majeed", "Don[ald Lu] told Majeed")
    assert edits(diff) == [("bracketed", "", "[ald Lu]")]
    diff = diff_text("because I refused", "because [Khan] refused")
    assert edits(diff) == [("bracketed", "I", "[Khan]")]
    assert diff.verdict == "marked editorial changes"


def test_bracketed_capital_at_a_cut_start_is_one_bracket_edit_and_a_truncation() -> None:
    var = "[I]f the no-confidence vote against the Prime Minister succeeds, all will be forgiven in Washington"
    assert edits(diff_text(LU, var))[:2] == [("truncation", "I think", ""), ("bracketed", "if", "[I]f")]


@pytest.mark.parametrize("mark", ["[sic]", "(sic)"])
def test_sic(mark: str) -> None:
    diff = diff_text("simple as that.", f"simple as that {mark}.")
    assert edits(diff) == [("sic", "", mark)]


def test_substitution_and_critical_changes() -> None:
    diff = diff_text(LU, LU.replace("will be", "would be"))
    assert edits(diff) == [("substitution", "will", "would")]
    assert not diff.edits[0].critical and diff.verdict == "altered"
    negated = diff_text(LU, LU.replace("will be", "will not be"))
    assert edits(negated) == [("insertion", "", "not")]
    assert negated.edits[0].critical and negated.verdict == "altered (critical)"
    number = diff_text("people over 60.", "people over 50.")
    assert number.edits[0].critical
    # same polarity: not critical
    assert not diff_text("will not raise taxes", "will never raise taxes").edits[0].critical


def test_omission_in_the_middle_is_substantive_not_truncation() -> None:
    diff = diff_text(LU, LU.replace(" in Washington", ""))
    assert edits(diff) == [("omission", "in Washington", "")]
    assert diff.verdict == "altered"


def test_reorder() -> None:
    var = LU.replace("all will be forgiven in Washington", "in Washington all will be forgiven")
    assert [e.kind for e in diff_text(LU, var).edits] == ["reorder", "reorder"]
    swap = diff_text("and we have never done so", "and we never have done so")
    assert edits(swap) == [("reorder", "have never", "never have")]


def test_a_fragment_is_one_truncation_per_end_and_not_altered() -> None:
    diff = diff_text(LU, "all will be forgiven")
    assert [e.kind for e in diff.edits] == ["truncation", "truncation"]
    assert diff.edits[0].reference.startswith("I think") and diff.edits[1].reference.endswith("prime minister.")
    assert diff.verdict == "fragment"
    assert diff.similarity == 1.0 and diff.fidelity == 1.0


def test_a_fragment_matching_a_repeated_phrase_is_placed_without_stray_matches() -> None:
    diff = diff_text(LU, "the prime minister")
    assert [e.kind for e in diff.edits if e.kind != "case"] == ["truncation", "truncation"]


def test_extension() -> None:
    diff = diff_text("simple as that.", "Frankly, simple as that, he said.")
    assert edits(diff) == [("extension", "", "Frankly,"), ("extension", "", ", he said")]
    assert diff.verdict == "extended"


def test_fidelity_orders_the_severities() -> None:
    cosmetic = diff_text(LU, LU.replace("Prime Minister", "prime minister")).fidelity
    editorial = diff_text(LU, LU.replace("the Russia visit", "[Khan's] Russia visit")).fidelity
    substantive = diff_text(LU, LU.replace("will be", "would be")).fidelity
    critical = diff_text(LU, LU.replace("will be", "will not be")).fidelity
    assert 1.0 > cosmetic > editorial > substantive > critical >= 0.0
    assert cosmetic >= 0.99


def test_severity_follows_the_model_table() -> None:
    var = "If the no-confidence vote against the prime minister succeeds, all would be forgiven [sic] …"
    for e in diff_text(LU, var).edits:
        assert e.severity == EDIT_SEVERITY[e.kind]


def test_diff_tokens_indexes_the_given_tokens() -> None:
    ref, var = tokenize(LU), tokenize(LU.replace("will be", "would be"))
    diff = diff_tokens(ref, var)
    (edit,) = diff.edits
    assert [t.text for t in ref[edit.ref_start : edit.ref_end]] == ["will"]
    assert [t.text for t in var[edit.var_start : edit.var_end]] == ["would"]
    assert diff == diff_text(LU, LU.replace("will be", "would be"))


def test_locate_finds_a_fragment_inside_a_longer_rendering() -> None:
    hay = tokenize(LU)
    found = locate(tokenize("all will be forgiven"), hay)
    assert found is not None
    start, end, score = found
    assert [t.text for t in hay[start:end]] == ["all", "will", "be", "forgiven"] and score == 1.0
    assert locate(tokenize("nothing in common here"), hay) is None
    changed = locate(tokenize("all would be forgiven in Washington"), hay)
    assert changed is not None and 0.7 < changed[2] < 1.0


# --- properties -------------------------------------------------------------------------------------------------

WORDS = [
    "the",
    "vote",
    "will",
    "would",
    "not",
    "be",
    "forgiven",
    "Prime",
    "minister",
    "U.S.",
    "10",
    "ten",
    "colour",
    "color",
    "all",
    "in",
    "Washington",
    "…",
    "[sic]",
    "[T]he",
    ",",
    ".",
    "“",
    "”",
    "—",
    "don't",
    "don’t",
]


def _mutate(words: list[str], ops: list[tuple[int, int, str]]) -> list[str]:
    out = list(words)
    for op, pos, word in ops:
        if not out:
            out.append(word)
            continue
        k = pos % len(out)
        if op == 0:
            out[k] = word
        elif op == 1:
            del out[k]
        elif op == 2:
            out.insert(k, word)
        else:
            out[k] = out[k].upper()
    return out


_ops = st.lists(st.tuples(st.integers(0, 3), st.integers(0, 100), st.sampled_from(WORDS)), max_size=6)


def _check_rebuild(ref_text: str, var_text: str) -> TextDiff:
    ref, var = tokenize(ref_text), tokenize(var_text)
    diff = diff_tokens(ref, var)
    assert apply_edits(ref, var, diff.edits) == [t.text for t in var]
    spans = sorted((e.ref_start, e.ref_end) for e in diff.edits)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))  # no overlaps
    assert 0.0 <= diff.similarity <= 1.0 and 0.0 <= diff.fidelity <= 1.0
    for e in diff.edits:
        assert e.severity == EDIT_SEVERITY[e.kind]
    return diff


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=40), _ops)
def test_applying_the_edits_rebuilds_the_variant(words: list[str], ops: list[tuple[int, int, str]]) -> None:
    _check_rebuild(" ".join(words), " ".join(_mutate(words, ops)))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80), st.text(max_size=80))
def test_arbitrary_unicode_never_raises_and_still_rebuilds(a: str, b: str) -> None:
    _check_rebuild(a, b)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_a_text_against_itself_is_verbatim(text: str) -> None:
    diff = diff_text(text, text)
    assert diff.edits == () and diff.verdict == "verbatim" and diff.fidelity == 1.0


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*WORDS, "\n", "  "]), min_size=1, max_size=30), _ops)
def test_the_three_entry_points_agree(words: list[str], ops: list[tuple[int, int, str]]) -> None:
    """diff_text (plain lists), diff_tokens on tokenize() output (cached lists) and on plain Token tuples
    (rebuilt lists) give the same diff, line breaks and double spaces included."""
    ref_text, var_text = " ".join(words), " ".join(_mutate(words, ops))
    expected = diff_text(ref_text, var_text)
    ref, var = tokenize(ref_text), tokenize(var_text)
    assert diff_tokens(ref, var) == expected
    assert diff_tokens(tuple(ref), tuple(var)) == expected


def test_markers_in_the_reference_are_editorial_too() -> None:
    """With an outlet's edited rendering as the reference, the fuller variant restores the original words."""
    assert edits(diff_text("[T]he vote", "The vote")) == [("bracketed", "[T]he", "The")]


def test_words_in_place_of_the_references_ellipsis_extend_its_scope() -> None:
    """Seen from the reader of a cut reference, the fuller variant carries more of the statement: an extension,
    not "shortened with ellipsis" (issue 11, item 4)."""
    diff = diff_text(
        "all will be forgiven … by the prime minister", "all will be forgiven in Washington by the prime minister"
    )
    assert edits(diff) == [("extension", "…", "in Washington")]
    assert diff.verdict == "extended" and diff.similarity == 1.0
    # The variant stops before the reference's second part: the gap is filled, the rest not quoted.
    diff = diff_text(
        "The leak has polluted the harbour … Families in Kessel were kept in the dark for 48 hours",
        "The leak has polluted the harbour and we will not hesitate to close the port",
    )
    assert [e[0] for e in edits(diff)] == ["extension", "truncation"]
    assert diff.verdict == "fragment"


@pytest.mark.parametrize(
    ("ref", "var", "critical"),
    [
        ("Nobody is bigger than the club", "No one is bigger than the club", False),
        ("cut the deficit in half", "halve the deficit", False),
        ("the first half", "the second half", True),
        ("killed three people", "killed people", True),
        ("within 30 days", "within 60 days", True),
    ],
)
def test_weak_number_words_alone_are_not_critical(ref: str, var: str, critical: bool) -> None:
    assert any(e.critical for e in diff_text(ref, var).edits) is critical
