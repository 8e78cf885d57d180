"""How an outlet's framing of who said a quote differs from the reference's: attribution shifts.

A change of name form ("Donald Lu" -> "Lu") is no shift; a named speaker turned into "a U.S. diplomat" is
anonymisation; a different person is a misattribution. A dropped hedge means the outlet now asserts as fact what
the reference only reported, so it is flagged as loudly as a change of wording.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from rapidfuzz.distance import Levenshtein

from quotediff.extract.tokens import fold_accents
from quotediff.model import Attribution, AttributionChange, Span

_TITLE_WORDS = frozenset(
    """mr mrs ms miss dr prof sir dame lord lady president vice prime minister secretary assistant deputy under
    senator sen rep representative governor gov mayor speaker ambassador general gen admiral adm rear colonel col
    chief judge justice the a an us u.s. state of for""".split()
)
_WORD = re.compile(r"[\w'’.-]+")
_POSSESSIVE = re.compile(r"['’]s$")
# Hedges that say the same thing under different grammar: "allegedly" and "is alleged to have" are one hedge.
_HEDGE_STEMS = (
    "alleg",
    "report",
    "purport",
    "quot",
    "apparent",
    "said to",
    "heard",
    "claim",
    "rumou",
    "rumor",
)
_SOURCE_CUES = re.compile(
    r"^(according to|citing|cited in|as reported by|as quoted by|as cited by|reported by|quoted by|per)\s+",
    re.IGNORECASE,
)
_ARTICLES = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)


def attribution_changes(reference: Attribution, variant: Attribution) -> tuple[AttributionChange, ...]:
    """Every field in which ``variant`` frames the quote differently from ``reference``."""
    changes: list[AttributionChange] = []
    speaker = _speaker_change(reference, variant)
    if speaker is not None:
        changes.append(speaker)
    verb = _verb_change(reference, variant)
    if verb is not None:
        changes.append(verb)
    # Dropping every hedge asserts as fact what the reference only reported; trading one hedge for another
    # ("allegedly" for "is reported to have") keeps the distance.
    unhedged = not variant.hedges and not variant.sources
    changes.extend(
        _set_changes(
            "hedges", reference.hedges, variant.hedges, _hedge_key, dropped="critical" if unhedged else "notable"
        )
    )
    changes.extend(_set_changes("sources", reference.sources, variant.sources, _source_key, dropped="notable"))
    addressee = _addressee_change(reference.addressee, variant.addressee)
    if addressee is not None:
        changes.append(addressee)
    return tuple(changes)


def is_shift(change: AttributionChange) -> bool:
    """Whether a change counts as an attribution shift: notable or critical. Info-level changes (a name form,
    "said" for "told", a hedge added) are shown beside the quote but counted nowhere; every report and
    ``--fail-on attribution`` use this one definition."""
    return change.severity != "info"


def shift_count(changes: Iterable[AttributionChange]) -> int:
    return sum(1 for c in changes if is_shift(c))


def name_key(name: str) -> tuple[str, ...]:
    """The words of a name that identify the person: titles and honorifics dropped, case folded."""
    plain = fold_accents(name)
    words = [_POSSESSIVE.sub("", w).strip(".’'").casefold() for w in _WORD.findall(plain)]
    return tuple(w for w in words if w and w not in _TITLE_WORDS)


def same_person(a: str, b: str) -> bool:
    """True when two names can be one person: "Donald Lu", "Lu", "Mr Lu", "Assistant Secretary Lu"."""
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return a.casefold() == b.casefold()
    if ka[-1] == kb[-1]:
        # Same surname: one person unless both give first names that disagree ("Ed" and "David Miliband");
        # an initial agrees with any name it begins ("J. Biden", "Joe Biden"), and a name that ends the other
        # is a short form of it.
        short, long_ = sorted((ka, kb), key=len)
        if len(short) == 1 or long_[-len(short) :] == short:
            return True  # "Lu", "López Obrador" inside "Andrés Manuel López Obrador"
        a, b = ka[-2], kb[-2]
        # an initial agrees with the name it begins; a first name misspelt by one letter ("Emmanual") is the same
        return a == b or (min(len(a), len(b)) == 1 and a[0] == b[0]) or _one_letter_apart(a, b)
    return set(ka) <= set(kb) or set(kb) <= set(ka)


def _one_letter_apart(a: str, b: str) -> bool:
    """A misspelling inside a long name, not another name's ending ("Maria" and "Mario", "Daniel" and "Daniela")."""
    return min(len(a), len(b)) >= 6 and a[0] == b[0] and a[-1] == b[-1] and Levenshtein.distance(a, b) <= 1


def _text(span: Span | None) -> str | None:
    return span.text if span is not None else None


def _who(attribution: Attribution) -> str | None:
    return attribution.speaker_resolved or _text(attribution.speaker)


def _speaker_change(reference: Attribution, variant: Attribution) -> AttributionChange | None:
    ref_who, var_who = _who(reference), _who(variant)
    ref_shown, var_shown = _text(reference.speaker) or ref_who, _text(variant.speaker) or var_who
    if ref_who is None and var_who is None:
        return None
    if var_who is None:
        return AttributionChange("speaker", "dropped", ref_shown, None, "notable")
    if ref_who is None:
        return AttributionChange("speaker", "added", None, var_shown, "info")
    ref_kind, var_kind = reference.speaker_kind, variant.speaker_kind
    ref_person = ref_kind in ("named", "pronoun")
    var_person = var_kind in ("named", "pronoun")
    if ref_person and var_kind == "anonymous":
        return AttributionChange("speaker", "anonymised", ref_shown, var_shown, "notable")
    if ref_kind == "anonymous" and var_person:
        return AttributionChange("speaker", "named", ref_shown, var_shown, "info")
    if ref_person and var_person:
        if same_person(ref_who, var_who):
            if (ref_shown or "").casefold() != (var_shown or "").casefold():
                return AttributionChange("speaker", "name_form", ref_shown, var_shown, "info")
            return None
        return AttributionChange("speaker", "misattributed", ref_shown, var_shown, "critical")
    if ref_kind == var_kind == "anonymous":
        if _ARTICLES.sub("", ref_who).casefold() != _ARTICLES.sub("", var_who).casefold():
            return AttributionChange("speaker", "description", ref_shown, var_shown, "info")
        return None
    if ref_kind == var_kind == "organisation":
        if ref_who.casefold() != var_who.casefold():
            return AttributionChange("speaker", "misattributed", ref_shown, var_shown, "critical")
        return None
    if {ref_kind, var_kind} <= {"named", "pronoun", "organisation"} and same_person(ref_who, var_who):
        # One name read as a person in one article and as a body in another ("Drummond Chemicals"): the
        # extractor's guess of the kind differs, the speaker does not.
        return None
    # A person became an organisation or back ("Lu" / "the State Department"): the voice changed.
    return AttributionChange("speaker", "changed", ref_shown, var_shown, "notable")


def _verb_change(reference: Attribution, variant: Attribution) -> AttributionChange | None:
    ref_verb, var_verb = _text(reference.verb), _text(variant.verb)
    if ref_verb is None and var_verb is None:
        return None
    if ref_verb is None or var_verb is None:
        kind = "dropped" if var_verb is None else "added"
        loud = "notable" if (variant.verb_tone == "loaded" and var_verb) else "info"
        return AttributionChange("verb", kind, ref_verb, var_verb, loud)
    ref_tone, var_tone = reference.verb_tone or "neutral", variant.verb_tone or "neutral"
    if ref_tone != "loaded" and var_tone == "loaded":
        return AttributionChange("verb", "loaded", ref_verb, var_verb, "notable")
    if ref_tone == "loaded" and var_tone != "loaded":
        return AttributionChange("verb", "neutralised", ref_verb, var_verb, "notable")
    ref_lemma = reference.verb_lemma or ref_verb.casefold()
    var_lemma = variant.verb_lemma or var_verb.casefold()
    if ref_lemma != var_lemma:
        return AttributionChange("verb", "changed", ref_verb, var_verb, "info")
    return None


def _hedge_key(text: str) -> str:
    folded = text.casefold()
    for stem in _HEDGE_STEMS:
        if stem in folded:
            return stem
    return folded.strip()


def _source_key(text: str) -> str:
    folded = _ARTICLES.sub("", _SOURCE_CUES.sub("", text.strip())).casefold()
    return " ".join(_WORD.findall(folded))


def _set_changes(
    field: str,
    reference: tuple[Span, ...],
    variant: tuple[Span, ...],
    key: Callable[[str], str],
    *,
    dropped: str,
) -> list[AttributionChange]:
    ref_keys = {key(s.text): s.text for s in reference}
    var_keys = {key(s.text): s.text for s in variant}
    gone = [k for k in ref_keys if k not in var_keys and not _overlaps(k, var_keys)]
    new = [k for k in var_keys if k not in ref_keys and not _overlaps(k, ref_keys)]
    if gone and new:
        severity = "notable" if field == "sources" else "info"
        return [
            AttributionChange(
                field, "replaced", "; ".join(ref_keys[k] for k in gone), "; ".join(var_keys[k] for k in new), severity
            )
        ]
    changes = [AttributionChange(field, "dropped", ref_keys[k], None, dropped) for k in gone]
    changes += [AttributionChange(field, "added", None, var_keys[k], "info") for k in new]
    return changes


def _overlaps(key: str, others: dict[str, str]) -> bool:
    # "the cable cited in the intercept" and "the cable obtained by the intercept" name one source.
    words = set(key.split()) - {"the", "a", "an", "in", "by", "of", "cited", "obtained", "published"}
    return any(words and len(words & set(o.split())) >= max(1, len(words) // 2) for o in others)


def _addressee_change(reference: Span | None, variant: Span | None) -> AttributionChange | None:
    ref, var = _text(reference), _text(variant)
    if ref is None and var is None:
        return None
    if var is None:
        return AttributionChange("addressee", "dropped", ref, None, "info")
    if ref is None:
        return AttributionChange("addressee", "added", None, var, "info")
    if same_person(ref, var):
        return None
    return AttributionChange("addressee", "changed", ref, var, "info")
