"""Attribution in articles written in another language than English: a few declarative frames over the tokens
around each quote, read with that language's lexicon (``speech_verbs.<code>.tsv``, ``language.<code>.tsv``).

The English rules (``attribute``) know English word order and closed classes; run on French they take "a
déclaré lundi" for a description ("a" is an English article) and on German "Montag" for a name. Here only
shapes every supported language shares are read, and anything else is left "unknown" rather than guessed:

- after the closing mark: « … », a ajouté Marsh. / „…“, sagte sie am Montag. / « … », a-t-elle déclaré.
- before the opening mark: Marsh a déclaré lundi : « … » / Am Montag erklärte Marsh: „…“ / Selon Marsh, « … »

Weekdays, months and time words are skipped around the verb and are never a speaker. An article in a language
without a lexicon gets no speakers at all (its quotes are still found and grouped).
"""

from __future__ import annotations

import re

from quotediff.extract.attribute import mask
from quotediff.extract.lexicon import LanguageLexicon
from quotediff.extract.mentions import Mention
from quotediff.extract.sites import QuoteSite, SiteResult
from quotediff.extract.tokens import QUOTE_MARKS, Tok, sentence_start, tokens, word_count
from quotediff.model import Attribution, Span

# "a-t-il", "déclare-t-elle", "ajoute-t-on": French inversion puts the subject pronoun into the verb token.
_INVERTED_RE = re.compile(r"^(?P<verb>[^\W\d_]+)-(?:t-)?(?P<pronoun>il|elle|ils|elles|on)$", re.I)
_PARTICLES = frozenset("de du des von van der den di da del della le la".split())
_SKIP = frozenset(",—–-")
_INTRODUCERS = frozenset("que qu dass che".split())  # "a déclaré que « … »"


def _verb(toks: list[Tok], i: int, lang: LanguageLexicon) -> tuple[int, str, str, Mention | None] | None:
    """(tokens used, lemma, tone, inverted pronoun) when a speech verb starts at token ``i``."""
    if i >= len(toks):
        return None
    low = toks[i].text.lower()
    inverted = _INVERTED_RE.match(toks[i].text)
    pronoun = None
    if inverted is not None:
        low = inverted.group("verb").lower()
        s, e = toks[i].start + inverted.start("pronoun"), toks[i].start + inverted.end("pronoun")
        pronoun = Mention(s, e, inverted.group("pronoun"), "pronoun")
    if low in lang.auxiliaries and i + 1 < len(toks):
        verb = lang.verbs.get(toks[i + 1].text.lower())
        if verb is not None:
            return 2, verb.lemma, verb.tone, pronoun
    verb = lang.verbs.get(low)
    if verb is None or not toks[i].text[:1].isalpha():
        return None
    return 1, verb.lemma, verb.tone, pronoun


def _cap(tok: Tok, lang: LanguageLexicon) -> bool:
    word = tok.text
    return word[:1].isupper() and word[:1].isalpha() and word.lower() not in lang.time_words


def _name_end(toks: list[Tok], i: int, lang: LanguageLexicon) -> int:
    j = i
    while j < len(toks) and (
        _cap(toks[j], lang)
        or (toks[j].text.lower() in _PARTICLES and j > i and j + 1 < len(toks) and _cap(toks[j + 1], lang))
    ):
        j += 1
    return j


def _mention(toks: list[Tok], i: int, text: str, lang: LanguageLexicon) -> tuple[Mention, int] | None:
    """The speaker mention starting at token ``i`` and the index after it: a pronoun, a name, or a description
    ("la ministre", "die Ministerin"), a name at its end winning ("la ministre Helena Marsh")."""
    if i >= len(toks):
        return None
    low = toks[i].text.lower()
    if low in lang.pronouns:
        return Mention(toks[i].start, toks[i].end, toks[i].text, "pronoun"), i + 1
    if _cap(toks[i], lang) and low not in lang.determiners:
        j = _name_end(toks, i, lang)
        k = _untitled(toks, i, j, lang)
        return _span(toks, k, j, text, "named"), j
    if low not in lang.determiners:
        return None
    j = i + 1
    while j < len(toks) and j < i + 5 and toks[j].text[:1].isalpha():
        word = toks[j].text.lower()
        if word in lang.prepositions or word in lang.time_words or word in lang.verbs or word in lang.auxiliaries:
            break
        j += 1
    if j == i + 1:
        return None
    k = j
    while k > i + 1 and _cap(toks[k - 1], lang):
        k -= 1
    if j - k >= 2 and k > i + 1:
        return _span(toks, k, j, text, "named"), j
    return _span(toks, i, j, text, "anonymous"), j


def _untitled(toks: list[Tok], i: int, j: int, lang: LanguageLexicon) -> int:
    """Where the name proper starts in a capitalised run: after its titles ("Umweltministerin Helena Marsh")."""
    k = i
    while k < j - 1 and toks[k].text.lower().endswith(lang.titles):
        k += 1
    return k


def _names(masked: str, lang: LanguageLexicon) -> dict[str, str]:
    """The fullest name (two words or more, titles dropped) the article gives each surname, first seen first."""
    full: dict[str, str] = {}
    start = 0
    for line in masked.split("\n"):
        toks = tokens(masked, start, start + len(line))
        start += len(line) + 1
        i = 0
        while i < len(toks):
            if not _cap(toks[i], lang) or toks[i].text.lower() in lang.determiners:
                i += 1
                continue
            j = _name_end(toks, i, lang)
            k = _untitled(toks, i, j, lang)
            if j - k >= 2:
                name = masked[toks[k].start : toks[j - 1].end]
                if len(name.split()) > len(full.get(toks[j - 1].text, "").split()):
                    full[toks[j - 1].text] = name
            i = j
    return full


def _span(toks: list[Tok], i: int, j: int, text: str, kind: str) -> Mention:
    return Mention(toks[i].start, toks[j - 1].end, text[toks[i].start : toks[j - 1].end], kind)


def _skip_time(toks: list[Tok], i: int, lang: LanguageLexicon) -> int:
    """Past time words and adverbs, with an article or preposition before them ("el lunes", "am Montag")."""
    while i < len(toks):
        low = toks[i].text.lower()
        if low in lang.time_words:
            i += 1
        elif (
            (low in lang.determiners or low in lang.prepositions)
            and i + 1 < len(toks)
            and toks[i + 1].text.lower() in lang.time_words
        ):
            i += 2
        else:
            break
    return i


_Found = tuple[Mention | None, Span, str, str]


def _frame_after(toks: list[Tok], text: str, lang: LanguageLexicon) -> _Found | None:
    """« … », a ajouté Marsh / „…“, sagte sie / « … », Marsh zufolge."""
    i = 0
    while i < len(toks) and (toks[i].text in _SKIP or toks[i].text in QUOTE_MARKS):
        i += 1
    verb = _verb(toks, i, lang)
    if verb is None:
        found = _mention(toks, i, text, lang)
        if found is not None:
            after = _verb(toks, found[1], lang)
            if after is not None and after[1] == "according to":  # "Marsh zufolge"
                return found[0], _verb_span(toks, found[1], after[0], text), after[1], after[2]
        return None
    used, lemma, tone, pronoun = verb
    span = _verb_span(toks, i, used, text)
    if pronoun is not None:
        return pronoun, span, lemma, tone
    found = _mention(toks, _skip_time(toks, i + used, lang), text, lang)
    return (found[0] if found else None), span, lemma, tone


def _frame_before(toks: list[Tok], text: str, lang: LanguageLexicon) -> _Found | None:
    """Marsh a déclaré lundi : « … » / Am Montag erklärte Marsh: „…“ / Selon Marsh, « … »."""
    end = len(toks)
    while end and (toks[end - 1].text in QUOTE_MARKS or toks[end - 1].text in (":", ",")):
        end -= 1
    for k in range(end - 1, max(-1, end - 12), -1):
        verb = _verb(toks, k, lang)
        if verb is None:
            continue
        compound = _verb(toks, k - 1, lang) if k > 0 else None
        if compound is not None and compound[0] == 2:
            k, verb = k - 1, compound  # "a déclaré": the auxiliary starts the verb
        used, lemma, tone, pronoun = verb
        span = _verb_span(toks, k, used, text)
        rest = _skip_time(toks, k + used, lang)
        after = _mention(toks, rest, text, lang) if pronoun is None else None
        if after is not None and _skip_time(toks, after[1], lang) >= end:
            return after[0], span, lemma, tone  # inverted: "erklärte Marsh:", "selon Marsh,"
        if rest < end and toks[rest].text.lower() not in _INTRODUCERS:
            return None  # the verb governs something else: "a déclaré la guerre ..."
        if pronoun is not None:
            return pronoun, span, lemma, tone
        return _mention_before(toks, k, text, lang), span, lemma, tone
    return None


def _mention_before(toks: list[Tok], k: int, text: str, lang: LanguageLexicon) -> Mention | None:
    j = k
    while j > 0 and toks[j - 1].text.lower() in lang.time_words:
        j -= 1
    if j == 0:
        return None
    if toks[j - 1].text.lower() in lang.pronouns:
        return Mention(toks[j - 1].start, toks[j - 1].end, toks[j - 1].text, "pronoun")
    i = j
    while i > 0 and (_cap(toks[i - 1], lang) or toks[i - 1].text.lower() in _PARTICLES):
        i -= 1
    while i < j and toks[i].text.lower() in _PARTICLES:
        i += 1
    if i < j:
        return _span(toks, i, j, text, "named")
    d = next((m for m in range(j - 1, max(-1, j - 5), -1) if toks[m].text.lower() in lang.determiners), None)
    if d is not None and all(t.text[:1].isalpha() for t in toks[d:j]):
        return _span(toks, d, j, text, "anonymous")
    return None


def _verb_span(toks: list[Tok], i: int, used: int, text: str) -> Span:
    return Span(toks[i].start, toks[i + used - 1].end, text[toks[i].start : toks[i + used - 1].end])


def attribute_in_language(
    text: str, sites: list[QuoteSite], lang: LanguageLexicon | None, *, min_words: int = 4
) -> list[SiteResult]:
    """Attribution, kind and utterance for each quote site of an article in another language; without a
    lexicon (``lang`` None) every statement's speaker is "unknown"."""
    masked = mask(text, sites)
    names = _names(masked, lang) if lang is not None else {}
    results: list[SiteResult] = []
    utterance = 0
    previous: Attribution | None = None
    last_named: str | None = None
    for n, site in enumerate(sites):
        found: _Found | None = None
        if lang is not None and site.marks != "blockquote":
            after = tokens(masked, site.close_end, min(site.para_end, site.close_end + 200))
            found = _frame_after(after, text, lang)
            if found is None or found[0] is None:
                s_start = sentence_start(masked, site.para_start, site.open_start)
                found = _frame_before(tokens(masked, s_start, site.open_start), text, lang) or found
        same_paragraph = n > 0 and sites[n - 1].para_start == site.para_start
        if found is None and previous is not None and (site.continues or same_paragraph):
            attribution = previous
        elif found is None:
            attribution = Attribution(speaker_kind="unknown")
        else:
            speaker, verb, lemma, tone = found
            resolved, kind = None, "unknown"
            if speaker is not None:
                kind = speaker.kind
                if kind == "named":
                    fullest = names.get(speaker.text.split()[-1], speaker.text)
                    resolved = last_named = fullest if fullest.endswith(speaker.text) else speaker.text
                elif kind == "pronoun":
                    resolved = last_named
                else:
                    resolved = speaker.text
            attribution = Attribution(
                speaker=Span(speaker.start, speaker.end, speaker.text) if speaker is not None else None,
                speaker_resolved=resolved,
                speaker_kind=kind,
                verb=verb,
                verb_lemma=lemma,
                verb_tone=tone,
            )
        statement = found is not None or site.continues or word_count(text[site.start : site.end]) >= min_words
        if not (site.continues or (same_paragraph and found is None and statement)):
            utterance += 1
        if statement:
            results.append(SiteResult(attribution, "statement", utterance))
            previous = attribution
        else:
            results.append(SiteResult(Attribution(speaker_kind="none"), "scare", utterance))
    return results
