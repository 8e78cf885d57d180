"""Who said each quote, with which verb, hedged how, and on whose authority.

Rules read the text around each quote with every quote's inside blanked out (so words inside quotes are never
taken for verbs or speakers, and sentence boundaries inside quotes do not count), nearest first:

1. an attribution right after the closing mark: “…,” said Lu / “…,” Lu said / “…” — Lu / “…,” according to X;
2. a name and a colon right before the opening mark (Lu: “…”, headline style);
3. the last speech verb before the quote in the same sentence and its subject: Lu told Majeed: “…” /
   According to Lu, “…” / Lu said the talks were “…” / ..., saying “…”;
4. the subject of the sentence holding a partial quote: Lu called for “an end to the talks”;
5. for a quote that starts its sentence: the previous sentence or a paragraph ending with a colon, the quote
   it continues (multi-paragraph), or the quote before it (a floating quote continuing the same speaker).

Speaker mentions are read with a few token rules (names, pronouns, descriptions ending in a head noun such as
"official", organisations) and resolved to the fullest name the article gives the same person; pronouns
resolve to the last fitting person named before them.

This module runs the rules over an article's quotes and assembles each ``Attribution`` (kind, utterance,
hedges, sources); the rules live in ``tokens`` (words and sentences), ``mentions`` (speaker noun phrases),
``frames`` (one attribution shape each), ``resolve`` (mention -> person or body) and ``descriptions`` (reading
anonymous descriptions whole).
"""

from __future__ import annotations

import re
from dataclasses import replace

from quotediff.extract.after import frame_after, frame_tail
from quotediff.extract.antecedents import DOCUMENT_HEADS, subject_before
from quotediff.extract.capitals import (
    Headlines,
    KnownCapitals,
    blank_datelines,
    headline_verbs,
    plausible,
    title_case,
)
from quotediff.extract.claims import SLOGAN_RE, frame_claim, frame_noun_by, frame_words_were
from quotediff.extract.discussed import frame_by_agent, frame_credit_line, frame_discussed
from quotediff.extract.documents import (
    document_author,
    document_issuer,
    document_sources,
    frame_possessed,
    frame_quotes_as,
    is_document,
    quoting_parties,
    reported_by,
)
from quotediff.extract.frames import (
    Frame,
    frame_before,
    has_speech_verb,
)
from quotediff.extract.lexicon import Lexicon, is_outlet, lexicon, word_alternation
from quotediff.extract.mentions import Mention, clause_subject, mention_before
from quotediff.extract.patterns import frame_colon, frame_name_colon, speaker_label
from quotediff.extract.previous import frame_previous
from quotediff.extract.resolve import Resolver
from quotediff.extract.sites import QuoteSite, SiteResult
from quotediff.extract.sources import (
    hedges_and_sources,
    lead_in_reporter,
    outlet_venues,
    reporting_tail,
    reports_before,
)
from quotediff.extract.tokens import WORD_RE, Tok, sentence_start, word_count
from quotediff.extract.window import Window, window
from quotediff.model import Attribution, Span

# A quote right after one of these nouns names a work or a thing: the book “…”, the show “…”, CNN's “…”.
_TITLE_CUE_RE = re.compile(
    r"(?:\b(?:book|film|movie|show|song|album|anthem|program|programme|series|play|musical|documentary|column"
    r"|essay|article|op-ed|commentary|editorial|headline|slogan|hashtag|poem|novel|memoir|initiative|act|bill"
    r"|operation|episode|edition|podcast|newsletter|paper|titled|entitled)(?:\s+of)?"
    r"|\b(?:author|co-author|writer|creator|host|producer)\s+of"  # "Amar, author of “America's Constitution,”"
    r"|\b(?:on|in|to)\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?"
    r"['’]s)\s*,?\s*[“\"‘'«„]?\s*$"
)

_NAMING_STRONG_RE = re.compile(
    word_alternation(
        r"so[- ]called|dubbed|nicknamed|known as|titled|entitled|the word|the words|the term|the phrase"
        r"|the slogan|the hashtag|the motto|the headline|branded|labell?ed|named",
        ignore_case=True,
        word_start=False,
    )
    + r"\s*[“\"‘'«„]?\s*$",
    re.I,
)


_CONNECTIVE_ONLY_RE = re.compile(
    r"\s*(?:Now|Still|Then|Again|And|But|So|Yet|Also|Instead|Moreover|Besides|Indeed|Meanwhile|However|Later|Today)"
    r"\s*,?\s*"
)


def mask(text: str, sites: list[QuoteSite]) -> str:
    """The text with each quote's inside blanked (final sentence punctuation kept), offsets unchanged."""
    parts: list[str] = []
    pos = 0
    for site in sites:
        if site.start < pos:
            continue
        parts.append(text[pos : site.start])
        inner = text[site.start : site.end]
        stripped = inner.rstrip()
        keep = stripped[-1:] if stripped[-1:] in (".", "!", "?", "…") else ""
        blank = " " * (len(stripped) - len(keep)) + keep + " " * (len(inner) - len(stripped))
        parts.append(blank)
        pos = site.end
    parts.append(text[pos:])
    return "".join(parts)


def _right_after(masked: str, close_end: int, verb: Span) -> bool:
    """The verb follows the closing mark directly, or is a noun past one capitalised word ("‘…’ Brexit call
    sparks", not "‘…’ Anthony says")."""
    gap = masked[close_end : verb.start].strip()
    noun = verb.text.lower() in _NOUN_VERBS and " " not in gap and gap[:1].isupper() and gap.isalpha()
    return not gap or noun


_NOUN_VERBS = frozenset("call claim comment remark quote pledge vow promise warning statement".split())


def _ends_sentence(text: str, site: QuoteSite) -> bool:
    inner = text[site.start : site.end].rstrip()
    return bool(inner) and inner[-1] in ".!?…"


def attribute_sites(text: str, sites: list[QuoteSite], *, min_words: int = 4) -> list[SiteResult]:
    """Attribution, kind and utterance number for each quote site, in order."""
    lex = lexicon()
    masked = blank_datelines(headline_verbs(mask(text, sites), lex))
    resolver = Resolver(text, lex, masked)
    known = KnownCapitals(text)
    heads = Headlines(masked, text, lex)
    results: list[SiteResult] = []
    frames: list[Frame | None] = []
    utterance = 0
    for n, site in enumerate(sites):
        prev = sites[n - 1] if n > 0 else None
        inner = text[site.start : site.end]
        words = word_count(inner)
        win = window(
            text,
            masked,
            lex,
            open_start=site.open_start,
            close_end=site.close_end,
            para_start=site.para_start,
            para_end=site.para_end,
            ends_sentence=_ends_sentence(text, site),
        )
        s_start, starts_sentence = win.s_start, win.starts_sentence
        frame = speaker_label(text, site.marks, site.para_start, site.start, site.end) or frame_possessed(win, inner)
        if frame is None and site.marks != "blockquote":
            prior: list[Frame | None] = []  # the frame before the quote, read once however many rules ask
            # after a quote left open, the words that follow are narration leading to the next quote
            # "Haan rejected Vell’s view that the port was “…”, saying …": the claim's owner, over the clause after
            frame = None if site.unclosed else plausible(frame_after(win), known, text)
            owner = masked[max(0, site.open_start - 3) : site.open_start] in ("’s ", "'s ")
            verb = frame.verb if frame is not None else None
            if owner and verb is not None and _right_after(masked, site.close_end, verb):
                # "Vell’s ‘Stay Open’ Remark Draws Fire": the owner's words, not "Remark" said by "Draws Fire"
                frame = plausible(frame_discussed(win), known, text) or frame
            if not starts_sentence and (frame is None or frame.how == "after" and _participle(frame)):
                frame = plausible(frame_claim(win, that_only=True), known, text) or frame
            if not site.unclosed:
                # "“…,” the report cited an official as quoting Zelensky" / "‘…’ if …, the envoy quoted a US
                # official as saying in a purported cipher": the quoting clause after the words names the speaker
                frame = frame_quotes_as(win, after=True) or frame
            # "Haan mocked Vell's claim that “…”": Vell's words (but "Haan kept his claim that": Haan's)
            claim = frame is not None and frame.how == "colon" and frame.verb is None and _named(frame)
            if frame is not None and not claim and inner[:1].islower() and not starts_sentence:
                # a fragment inside a reporting sentence ("Biden says Putin “cannot remain in power,” the White
                # House says otherwise") belongs to the sentence's own verb, not to the clause after it
                earlier = _before_once(win, known, prior)
                if earlier is not None and earlier.verb is not None and earlier.lemma != "according to":
                    frame = reported_by(earlier, frame, text, lex)  # "…,” the Daily Mail reported: the Mail a source
            if not site.unclosed:
                frame = frame_by_agent(win) or frame  # "the “red line” staked out by Obama": his, whoever asserts it
            if frame is not None and frame.lemma == "according to":
                # "Lu told Majeed that “…”, according to the cable": Lu speaks, the cable is the source
                earlier = _before_once(win, known, prior)
                if earlier is not None and earlier.lemma not in (None, "according to"):
                    frame = earlier
            frame = frame or frame_words_were(win)
            frame = frame or plausible(frame_discussed(win), known, text)
            frame = frame or frame_quotes_as(win, after=False)
            frame = frame or plausible(frame_name_colon(win), known, text)
            frame = frame or _before_once(win, known, prior)
            frame = frame or plausible(frame_colon(win), known, text)
            frame = frame or plausible(frame_tail(win), known, text)
            frame = frame or plausible(frame_claim(win), known, text)
            frame = frame or frame_noun_by(win)
            if frame is None and not starts_sentence:
                has_verb = has_speech_verb(masked, s_start, win.s_end, lex)
                colon = masked[s_start : site.open_start].rstrip().endswith(":")  # "Biden sent a message: “…”"
                if has_verb or words >= min_words or colon:
                    toks = win.before.toks
                    subject = clause_subject(toks, 0, len(toks), text, lex) if toks else None
                    subject = subject or _antecedent(toks, text, lex)
                    if subject is not None and (has_verb or words >= min_words or _a_person(subject, lex)):
                        frame = plausible(Frame(subject, None, None, None, None, "subject"), known, text)
        if frame is not None:
            frame = document_author(frame, masked, text, lex)
        own = frame is not None and (frame.verb is not None or frame.how in ("after", "label", "colon", "discussed"))
        if frame is None and site.continues and frames:
            frame = frames[-1]
            if frame is not None:
                frame = Frame(frame.speaker, frame.verb, frame.lemma, frame.tone, frame.addressee, "continued")
        if frame is None and starts_sentence and not WORD_RE.search(masked, site.close_end, site.para_end):
            frame = frame_credit_line(win)  # "“…”\n\n— Vell, in a 2021 interview"
        if frame is None and (starts_sentence or _CONNECTIVE_ONLY_RE.fullmatch(masked, s_start, site.open_start)):
            # "said Finlayson. Now, ''…''": a connective opening the sentence leaves the quote the speaker's
            frame = plausible(frame_previous(masked, text, sites, n, s_start, frames, lex), known, text)
        frame, headline = heads.frame(frame, site.open_start, site.close_end)
        kind = "statement"
        before = masked[max(site.para_start, site.open_start - 40) : site.open_start + 1]
        discussed = frame is not None and frame.how == "discussed"  # "Obama's “…” speech" names no title
        titled = not discussed and (_NAMING_STRONG_RE.search(before) or (_TITLE_CUE_RE.search(before) and words <= 12))
        # "her often-said slogan “…”": someone's slogan is their words, no title
        if titled and not SLOGAN_RE.search(masked, max(site.para_start, site.open_start - 80), site.open_start):
            kind = "scare"
        elif not own and title_case(inner) and not site.continues and not headline:
            kind = "scare"
        elif words < min_words and frame is None and not _continued_next(sites, n) and not site.continues:
            kind = "scare"
        elif words < min_words and frame is not None and frame.how == "subject":
            kind = "statement"
        if kind == "scare":
            frame = None
        linked = prev is not None and kind == "statement" and (site.continues or _split_gap(masked, prev, site, lex))
        if not linked:
            utterance += 1
        frames.append(frame)
        attribution = _attribution(win, frame, kind, resolver)
        if frame is not None and frame.how in ("floating", "continued") and not attribution.sources and results:
            # the speaker goes on talking: on the authority the words before were given ("…,” Trump asked,
            # according to the Post. “Why …?”")
            attribution = replace(attribution, sources=results[-1].attribution.sources)
        results.append(SiteResult(attribution, kind, utterance))
    return results


def _antecedent(toks: list[Tok], text: str, lex: Lexicon) -> Mention | None:
    """The person a relative clause before the quote is about: "warned Biden, who also sent a message: “…”"."""
    for k in range(len(toks) - 1, 1, -1):
        if toks[k].text.lower() == "who" and toks[k - 1].text == ",":
            found = mention_before(toks, k - 1, text, lex)
            return found if found is not None and found.kind in ("named", "anonymous") else None
    return None


def _participle(frame: Frame) -> bool:
    return frame.verb is not None and frame.verb.text.lower().endswith("ing")


def _before_once(win: Window, known: KnownCapitals, memo: list[Frame | None]) -> Frame | None:
    """The plausible frame before the opening mark, read on the first call and kept in ``memo``."""
    if not memo:  # "The official quoted Vell as saying": the one quoted, not the verb's subject
        memo.append(frame_quotes_as(win, after=False) or plausible(frame_before(win), known, win.text))
    return memo[0]


def _continued_next(sites: list[QuoteSite], n: int) -> bool:
    return n + 1 < len(sites) and sites[n + 1].continues


def _split_gap(masked: str, prev: QuoteSite, site: QuoteSite, lex: Lexicon) -> bool:
    """Two quotes around a short attribution in one paragraph: “I think…,” he said, “all will…”."""
    if prev.para_start != site.para_start:
        return False
    gap = masked[prev.close_end : site.open_start]
    if gap.lstrip()[:1] in (".", "!", "?"):
        return False  # “…”. Then, as he left, he said, “…”: the sentence ended with the first quote
    words = WORD_RE.findall(gap)
    return 0 < len(words) <= 12 and any(w.lower() in lex.verbs for w in words) and gap.rstrip()[-1:] in ",:."


def _same_name(one: Span, other: Span | None) -> bool:
    return other is not None and one.text.split()[-1].lower() == other.text.split()[-1].lower()


def _named(frame: Frame) -> bool:
    return frame.speaker is not None and frame.speaker.kind == "named"


def _a_person(subject: Mention, lex: Lexicon) -> bool:
    """A person, named or described ("The harbour master was blunt: “…”"), not a thing ("The rules are simple")."""
    if subject.kind in ("named", "pronoun"):
        return True
    head = subject.text.split()[-1].lower() if subject.text.split() else ""
    return subject.kind == "anonymous" and head in lex.anonymous_heads and not is_document(subject.text)


def _attribution(win: Window, frame: Frame | None, kind: str, resolver: Resolver) -> Attribution:
    text, masked, lex = win.text, win.masked, win.lex
    if kind == "scare":
        return Attribution(speaker_kind="none")
    if frame is None:
        return Attribution(speaker_kind="unknown")
    speaker = frame.speaker
    resolved: str | None = None
    speaker_kind = "unknown"
    span = None
    if speaker is not None:
        span = Span(speaker.start, speaker.end, speaker.text)
        resolved, speaker_kind = _resolve(speaker, text, masked, resolver, lex)
        if frame.how == "label" and speaker.text.isupper() and resolved == speaker.text:
            resolved = resolver.name(speaker.text.title())  # "WALLACE" -> "Chris Wallace"
    lo, hi = win.s_start, win.s_end
    anchors = [x for x in (speaker, frame.verb) if x is not None]
    for anchor in anchors:
        if anchor.start < lo:  # the frame sits in an earlier sentence or paragraph: search that sentence too
            line_start = masked.rfind("\n", 0, anchor.start) + 1
            lo = min(lo, sentence_start(masked, line_start, anchor.start))
        hi = max(hi, anchor.end)
    hedges, sources = hedges_and_sources(win, lo, hi)
    # the frame's own sources first: "A recording obtained by Mother Jones captures Romney telling" names the
    # recording, which holds the "obtained by" phrase
    sources = _merge(frame.sources, sources + document_sources(win, lo, hi) + quoting_parties(win))
    if frame.addressee is not None and is_outlet(frame.addressee.text, lex):  # "told CNN": where it was said
        sources = _merge(sources, (frame.addressee,))
    sources = _merge(sources, outlet_venues(masked, text, lo, hi, lex))  # "said Wednesday on MSNBC"
    tail = reporting_tail(masked, text, win.close_end, win.s_end, lex) if span is not None else None
    if (
        tail is not None
        and span is not None
        and not (tail.start < span.end and span.start < tail.end or _same_name(tail, span))
    ):
        sources = _merge(sources, (tail,))  # "Trump slammed “…” on Thursday, the Washington Post reported."
    report = reports_before(masked, text, win.s_start, win.open_start)
    if report is not None:
        sources = _merge(sources, (report,))  # "Johnson has denied reports he was prepared to let “…”"
    lead = lead_in_reporter(masked, text, win.para_start, lex)
    if lead is not None and not _same_name(lead, span):
        sources = _merge(sources, (lead,))  # "…, noted The Atlantic:\n\nTrump said, “…”"
    if speaker is not None:
        sources = tuple(s for s in sources if not (s.start < speaker.end and speaker.start < s.end))
        if is_document(speaker.text):  # "“…,” the statement said": the words come from the statement
            sources = _merge(sources, (Span(speaker.start, speaker.end, speaker.text),))
    if anchors:
        # hedges belong to the attribution clause ("Lu reportedly told", "is alleged to have told") or to the
        # source ("a purported memo"); the outlet's distance from a document holds for the sentence
        first = min(a.start for a in anchors)
        near_lo, near_hi = first - 45, max(a.end for a in anchors) + 30
        hedges = tuple(
            h
            for h in hedges
            if h.end > near_lo
            and h.start < near_hi
            or any(s.start <= h.start < s.end for s in sources)
            or h.text.lower() in lex.distance_hedges
            or first <= h.start
            and h.end <= win.open_start  # "he reportedly said, “…”" between the frame and the words
        )
    if frame.lemma == "according to" and frame.verb is not None:
        # "according to Lu" names the speaker; it is no separate source
        sources = tuple(src for src in sources if src.start != frame.verb.start)
    return Attribution(
        speaker=span,
        speaker_resolved=resolved,
        speaker_kind=speaker_kind,
        verb=frame.verb,
        verb_lemma=frame.lemma,
        verb_tone=frame.tone,
        hedges=hedges,
        addressee=frame.addressee,
        sources=sources,
    )


def _resolve(speaker: Mention, text: str, masked: str, resolver: Resolver, lex: Lexicon) -> tuple[str | None, str]:
    """The speaker's resolved name and kind: a role description naming a person turns "named", an acronym or
    "the guild" naming an organisation turns "organisation"."""
    if speaker.kind == "named":
        name = resolver.name(speaker.text)
        return name, "organisation" if resolver.is_company(name) else "named"
    if speaker.kind == "pronoun":
        form = {"his": "he", "her": "she", "their": "they"}.get(speaker.text.lower(), speaker.text)  # "his words"
        third_person = form.lower() in ("he", "she", "they", "it")
        as_subject = Mention(speaker.start, speaker.end, form, "pronoun")
        subject = subject_before(as_subject, masked, text, resolver, lex) if third_person else None
        if subject is not None:
            return subject, "pronoun"
        resolved = resolver.pronoun(form, speaker.start)
        if resolved:
            resolver.learn(resolved, speaker.text)
        return resolved, "pronoun"
    if speaker.kind == "organisation":
        return resolver.organisation(speaker.text, speaker.start) or _bare(speaker.text), "organisation"
    words = speaker.text.split()
    if len(words) == 2 and words[0].endswith(("’s", "'s")) and words[1].lower() in DOCUMENT_HEADS:
        # "Xi's speech said": the speech speaks for the person
        name = resolver.name(words[0][:-2])
        if resolver.is_person(name):
            return name, "named"
    issuer = document_issuer(masked, text, speaker, lex)  # "the statement" issued by "Raj Shah" earlier
    if issuer is not None:
        return _resolve(issuer, text, masked, resolver, lex)
    own = resolver.post_modifier(speaker.end)
    if own:
        return speaker.text + own, "anonymous"  # "one analyst" + " at a Frankfurt bank"
    person = resolver.person_for(speaker.text, speaker.start)
    earlier = resolver.earlier_description(speaker.text, speaker.start)
    if person is not None and (earlier is None or person[1] > earlier[1]):
        return person[0], "named"
    if words and (words[-1].isupper() and len(words[-1]) > 2 or words[-1].lower() in lex.organisation_words):
        organisation = resolver.organisation(speaker.text, speaker.start)
        if organisation is not None:
            return organisation, "organisation"
        if words[-1].lower() not in lex.anonymous_heads:
            return _bare(speaker.text), "organisation"  # "Nargeolet's family", "Russia's delegation"
    if earlier is not None:
        return earlier[0], "anonymous"
    return speaker.text, "anonymous"


def _merge(sources: tuple[Span, ...], more: tuple[Span, ...]) -> tuple[Span, ...]:
    """Sources in text order, one per stretch of text (a cue's phrase and a document inside it are one)."""
    merged = list(sources)
    for span in more:
        if not any(s.start < span.end and span.start < s.end for s in merged):
            merged.append(span)
    return tuple(sorted(merged, key=lambda s: s.start))


def _bare(name: str) -> str:
    """An organisation's name without a leading "the" when more than one word stays: "Brazilian foreign
    ministry" (but "the union" stays as written)."""
    words = name.split()
    return " ".join(words[1:]) if len(words) > 2 and words[0].lower() == "the" else name
