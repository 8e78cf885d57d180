"""Who said each quote, with which verb, hedged how, and on whose authority.

Rules work on the text around each quote, nearest first: an attribution right after the closing mark (“…,”
said Lu / “…,” Lu said), then one in the same sentence before the opening mark (Lu told Majeed: “…”, According
to Lu, “…”, Lu said the talks were “…”), then the previous sentence or a paragraph ending with a colon, then
the speaker of the quote before (a floating quote continuing the same person). Speaker mentions are read with
a few token rules (names, pronouns, descriptions ending in a head noun such as "official", organisations) and
resolved to the fullest name the article gives the same person.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from quotediff.lexicon import Lexicon, lexicon
from quotediff.model import Attribution, Span


@dataclass(frozen=True, slots=True)
class QuoteSite:
    """Where a quote sits: its text, its marks and its paragraph (all offsets into the article text)."""

    start: int  # first character inside the marks
    end: int  # end of the text inside the marks
    open_start: int  # offset of the opening mark (== start for blockquotes)
    close_end: int  # offset just after the closing mark (== end when unclosed)
    para_start: int
    para_end: int
    marks: str
    continues: bool = False  # re-opens a quote left open at the end of the previous paragraph


@dataclass(frozen=True, slots=True)
class SiteResult:
    attribution: Attribution
    kind: str  # "statement" | "scare"
    utterance: int


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    end: int
    text: str
    kind: str  # named | pronoun | anonymous | organisation


@dataclass(frozen=True, slots=True)
class _Frame:
    """An attribution found in the text: speaker mention and verb (either may be missing)."""

    speaker: _Mention | None
    verb: Span | None
    lemma: str | None
    tone: str | None
    addressee: Span | None = None
    clause: tuple[int, int] = (0, 0)  # text span searched for hedges and sources


_TOKEN_RE = re.compile(r"\w+(?:[’'\-&.]\w+)*\.?|[^\w\s]")
_SENT_END_RE = re.compile(r"[.!?…][”\"’')\]]*\s+(?=[\"“‘'(\[A-Z0-9])")
_ABBREV = frozenset(
    "mr mrs ms dr prof sen rep gov gen lt col capt sgt adm maj rev st jr sr no vs etc inc corp ltd co"
    " u.s u.k u.n a.m p.m jan feb mar apr aug sept sep oct nov dec d.c".split()
)
_LEADING_FUNCTION = frozenset(
    "but and or so yet then the a an in on at for after before while although though when if as because since"
    " this that these those however meanwhile still also even now here there later earlier asked speaking"
    " indeed instead again today yesterday tomorrow tonight last next".split()
)
_PARTICLES = frozenset("de del della da van von der den bin ibn al el la le di du dos das y of".split())
_DETERMINERS = frozenset(
    "the a an one another two three four several some many other his her their its our".split()
)
_ADVERBS = frozenset(
    "also later then again further once simply just only even still recently previously earlier famously"
    " repeatedly privately publicly flatly bluntly reportedly allegedly apparently purportedly supposedly"
    " reportedly quickly angrily calmly quietly loudly immediately subsequently initially originally first"
    " has had have was is were are will would could had been never once reportedly".split()
)
_ADDRESSEE_VERBS = frozenset(
    "tell inform assure reassure remind brief warn urge advise ask notify instruct".split()
)
_ADJUNCT_WORDS = frozenset(
    "on in at to during after before last this yesterday today tonight earlier later when while as from about"
    " of via through with".split()
)
_NAMING_CUE_RE = re.compile(
    r"(?:so[- ]called|dubbed|nicknamed|known as|titled|entitled|the word|the words|the term|the phrase"
    r"|the slogan|the hashtag|branded|labell?ed|called|a|the|an|his|her|their|its)\s*$",
    re.I,
)
_NAMING_STRONG_RE = re.compile(
    r"(?:so[- ]called|dubbed|nicknamed|known as|titled|entitled|the word|the words|the term|the phrase"
    r"|the slogan|the hashtag|branded|labell?ed)\s*$",
    re.I,
)
_NAME_CHAIN_RE = re.compile(r"\b[A-Z][\w’'\-]*(?:\s+(?:[A-Z][\w’'\-]*|[A-Z]\.))*\s+[A-Z][\w’'\-]+")


def _tokens(text: str, start: int, end: int) -> list[_Token]:
    """Tokens of text[start:end]; a final dot stays on abbreviations and initials only."""
    out: list[_Token] = []
    for match in _TOKEN_RE.finditer(text, start, end):
        word = match.group()
        s, e = match.start(), match.end()
        if len(word) > 1 and word.endswith("."):
            core = word[:-1]
            if not (core.lower() in _ABBREV or (len(core) == 1 and core.isupper()) or "." in core):
                out.append(_Token(core, s, e - 1))
                out.append(_Token(".", e - 1, e))
                continue
        out.append(_Token(word, s, e))
    return out


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _sentence_start(text: str, lo: int, pos: int) -> int:
    """Start of the sentence containing ``pos`` (not before ``lo``)."""
    start = lo
    for match in _SENT_END_RE.finditer(text, lo, pos):
        word_start = text.rfind(" ", lo, match.start()) + 1
        word = text[word_start : match.start()].lower().lstrip('("“‘')
        if word in _ABBREV or (len(word) == 1 and word.isalpha()):
            continue
        start = match.end()
    return start


def _sentence_end(text: str, pos: int, hi: int) -> int:
    for match in _SENT_END_RE.finditer(text, pos, hi):
        word_start = text.rfind(" ", pos, match.start()) + 1
        word = text[word_start : match.start()].lower()
        if word in _ABBREV or (len(word) == 1 and word.isalpha()):
            continue
        return match.start() + 1
    return hi


# --- mentions -----------------------------------------------------------------------------------------------


def _classify(words: list[str], lex: Lexicon) -> str:
    joined = " ".join(words).lower().removeprefix("the ")
    last = words[-1].lower().rstrip(".")
    if joined in lex.organisation_names or " ".join(words).lower() in lex.organisation_names:
        return "organisation"
    if all(_is_cap(w) or w.lower() in _PARTICLES for w in words) and words[0].lower() not in _DETERMINERS:
        if last in lex.organisation_words and len(words) > 1:
            return "organisation"
        return "named"
    if last in lex.anonymous_heads:
        return "anonymous"
    if last in lex.organisation_words:
        return "organisation"
    return "anonymous"


def _mention_after(toks: list[_Token], i: int, text: str, lex: Lexicon) -> _Mention | None:
    """The noun phrase starting at token ``i`` (speaker after the verb: "said Lu", "said the official")."""
    if i >= len(toks):
        return None
    first = toks[i].text
    if first.lower() in lex.pronouns and first.lower() != "it":
        return _Mention(toks[i].start, toks[i].end, first, "pronoun")
    j = i
    if _is_cap(first):
        while j < len(toks) and (
            _is_cap(toks[j].text)
            or (
                toks[j].text.lower() in _PARTICLES
                and j > i
                and j + 1 < len(toks)
                and _is_cap(toks[j + 1].text)
            )
        ):
            if toks[j].text in ("I",) and j > i:
                break
            j += 1
        words = [t.text for t in toks[i:j]]
        if words and words[0].lower() in _DETERMINERS and len(words) == 1:
            return _description_after(toks, i, text, lex)
        if words[0].lower() == "the" or words[0].lower() in _DETERMINERS:
            if len(words) == 1:
                return _description_after(toks, i, text, lex)
        return _Mention(
            toks[i].start, toks[j - 1].end, text[toks[i].start : toks[j - 1].end], _classify(words, lex)
        )
    if first.lower() in _DETERMINERS or first.islower():
        return _description_after(toks, i, text, lex)
    return None


def _description_after(toks: list[_Token], i: int, text: str, lex: Lexicon) -> _Mention | None:
    """A description ("the American official", "a State Department spokesperson") from ``i``."""
    end = None
    kind = "anonymous"
    for j in range(i, min(len(toks), i + 8)):
        word = toks[j].text
        low = word.lower()
        if not (word[:1].isalnum()):
            break
        if low in lex.anonymous_heads or low in lex.organisation_words:
            end = j
            kind = _classify([t.text for t in toks[i : j + 1]], lex)
            # "campaign manager Kellyanne Conway": a name after the description is the speaker
            k = j + 1
            while k < len(toks) and _is_cap(toks[k].text) and toks[k].text not in ("I",):
                k += 1
            if k > j + 1 and not (k - j - 1 == 1 and toks[j + 1].text.lower() in lex.pronouns):
                return _Mention(
                    toks[j + 1].start, toks[k - 1].end, text[toks[j + 1].start : toks[k - 1].end], "named"
                )
            if j + 1 < len(toks) and toks[j + 1].text.lower() in ("for", "of", "at", "with", "in") and kind:
                continue
            break
        if low in lex.verbs and j > i:
            break
    if end is None:
        return None
    return _Mention(toks[i].start, toks[end].end, text[toks[i].start : toks[end].end], kind)


def _mention_before(toks: list[_Token], j: int, text: str, lex: Lexicon) -> _Mention | None:
    """The noun phrase ending before token ``j`` (speaker before the verb: "Lu said", "the official said")."""
    k = j - 1
    while k >= 0 and toks[k].text.lower() in _ADVERBS:
        k -= 1
    if k < 0:
        return None
    word = toks[k].text
    if word == "," or word == ")":
        # apposition: "Caddell, a longtime pollster, said" -> Caddell
        m = k - 1
        depth = 0
        while m >= 0 and m > k - 30:
            if toks[m].text in (",", "(") and depth == 0:
                break
            if toks[m].text in '.!?;:"“”':
                return None
            m -= 1
        if m < 0 or m <= k - 30:
            return None
        return _mention_before(toks, m, text, lex)
    low = word.lower()
    if low in lex.pronouns and low != "it":
        return _Mention(toks[k].start, toks[k].end, word, "pronoun")
    if word.endswith("’s") or word.endswith("'s"):
        return None
    if _is_cap(word) and word not in ("I",):
        m = k
        while m - 1 >= 0 and (_is_cap(toks[m - 1].text) or toks[m - 1].text.lower() in _PARTICLES):
            m -= 1
        while m < k and (toks[m].text.lower() in _LEADING_FUNCTION or toks[m].text.lower() in _PARTICLES):
            m += 1
        words = [t.text for t in toks[m : k + 1]]
        if words[0].lower() in _LEADING_FUNCTION:
            return None
        # "the State Department", "The Intercept": keep a preceding "the" for organisations
        kind = _classify(words, lex)
        start = toks[m].start
        if m - 1 >= 0 and toks[m - 1].text.lower() == "the" and kind != "named":
            start = toks[m - 1].start
            kind = "organisation" if kind == "named" else kind
        return _Mention(start, toks[k].end, text[start : toks[k].end], kind)
    if low in lex.anonymous_heads or low in lex.organisation_words:
        m = k
        while m - 1 >= 0 and k - m < 7:
            prev = toks[m - 1].text
            if not prev[:1].isalnum() and prev not in ("-",):
                break
            if prev.lower() in lex.verbs and prev.lower() not in lex.anonymous_heads:
                break
            m -= 1
            if prev.lower() in _DETERMINERS:
                break
        words = [t.text for t in toks[m : k + 1]]
        kind = _classify(words, lex)
        if kind == "named":
            kind = "organisation" if low in lex.organisation_words else "anonymous"
        return _Mention(toks[m].start, toks[k].end, text[toks[m].start : toks[k].end], kind)
    return None


# --- frames -------------------------------------------------------------------------------------------------


def _verb_at(toks: list[_Token], i: int, lex: Lexicon) -> tuple[int, str, str] | None:
    """(tokens used, lemma, tone) when a speech verb starts at token ``i``."""
    low = toks[i].text.lower()
    if low == "according" and i + 1 < len(toks) and toks[i + 1].text.lower() == "to":
        return 2, "according to", "neutral"
    verb = lex.verbs.get(low)
    if verb is None:
        return None
    return 1, verb.lemma, verb.tone


def _addressee(toks: list[_Token], i: int, lemma: str, text: str, lex: Lexicon) -> Span | None:
    if i >= len(toks):
        return None
    k = i
    if lemma not in _ADDRESSEE_VERBS:
        if toks[k].text.lower() != "to" or lemma not in ("say", "write", "speak", "explain", "add", "reply"):
            return None
        k += 1
    mention = _mention_after(toks, k, text, lex)
    if mention is None:
        if k < len(toks) and toks[k].text.lower() in (
            "reporters",
            "journalists",
            "lawmakers",
            "supporters",
            "me",
            "us",
            "him",
            "her",
            "them",
            "colleagues",
        ):
            return Span(toks[k].start, toks[k].end, toks[k].text)
        return None
    return Span(mention.start, mention.end, mention.text)


def _frame_after(text: str, start: int, hi: int, quote_ends_sentence: bool, lex: Lexicon) -> _Frame | None:
    """An attribution right after a closing mark: ", said Lu", ", Lu said", " — Lu", ", according to X"."""
    toks = _tokens(text, start, min(hi, start + 240))
    i = 0
    dash = False
    while i < len(toks) and toks[i].text in (",", "—", "–", "-", ")", "("):
        dash = dash or toks[i].text in ("—", "–", "-")
        i += 1
    if i >= len(toks):
        return None
    first = toks[i].text
    if quote_ends_sentence and _is_cap(first) and i == 0 and not dash:
        allow_cap = True
    else:
        allow_cap = not quote_ends_sentence or dash
    # inverted: said Lu / according to X
    verb = _verb_at(toks, i, lex)
    if verb is not None and (toks[i].text[0].islower() or allow_cap):
        used, lemma, tone = verb
        mention = _mention_after(toks, i + used, text, lex)
        if mention is not None:
            vs = Span(toks[i].start, toks[i + used - 1].end, text[toks[i].start : toks[i + used - 1].end])
            return _Frame(mention, vs, lemma, tone, None, (toks[i].start, _clause_end(text, mention.end, hi)))
    # normal: Lu said / the official told reporters
    mention = _mention_after(toks, i, text, lex)
    if mention is None:
        return None
    k = i
    while k < len(toks) and toks[k].end <= mention.end:
        k += 1
    # skip an apposition: "Lu, a State Department official, said"
    if k < len(toks) and toks[k].text == ",":
        m = k + 1
        while m < len(toks) and m < k + 25 and toks[m].text != ",":
            if toks[m].text in ".!?;:":
                break
            m += 1
        if m < len(toks) and toks[m].text == ",":
            k = m + 1
    hedge_start = k
    while k < len(toks) and (
        toks[k].text.lower() in _ADVERBS
        or toks[k].text.lower()
        in ("to", "as", "be", "being", "said", "reported", "alleged", "quoted", "heard", "claimed")
    ):
        if toks[k].text.lower() in ("said", "reported", "quoted", "heard", "claimed") and not (
            k + 1 < len(toks) and toks[k + 1].text.lower() in ("to", "as", "saying", "telling")
        ):
            break
        k += 1
    if k >= len(toks):
        return None
    verb = _verb_at(toks, k, lex)
    if verb is None:
        if dash and mention.kind == "named":
            return _Frame(mention, None, None, None, None, (mention.start, mention.end))
        return None
    if quote_ends_sentence and not dash and not allow_cap and mention.kind != "pronoun":
        pass
    used, lemma, tone = verb
    if quote_ends_sentence and not dash:
        # "“We will win.” Lu said he ...": a new sentence with its own content is not this quote's frame.
        nxt = toks[k + used] if k + used < len(toks) else None
        if (
            nxt is not None
            and nxt.text not in ".,;:!?"
            and nxt.text.lower() not in _ADJUNCT_WORDS
            and lemma not in _ADDRESSEE_VERBS
        ):
            return None
    vs = Span(toks[k].start, toks[k + used - 1].end, text[toks[k].start : toks[k + used - 1].end])
    addressee = _addressee(toks, k + used, lemma, text, lex)
    del hedge_start
    return _Frame(mention, vs, lemma, tone, addressee, (mention.start, _clause_end(text, vs.end, hi)))


def _clause_end(text: str, pos: int, hi: int) -> int:
    for i in range(pos, min(hi, pos + 200)):
        if text[i] in '.;!?"“”\n':
            return i
    return min(hi, pos + 200)


def _frame_before(text: str, lo: int, pos: int, lex: Lexicon) -> _Frame | None:
    """The nearest attribution in text[lo:pos] (one sentence): its last speech verb and its subject."""
    toks = _tokens(text, lo, pos)
    for i in range(len(toks) - 1, -1, -1):
        verb = _verb_at(toks, i, lex)
        if verb is None:
            continue
        used, lemma, tone = verb
        vs = Span(toks[i].start, toks[i + used - 1].end, text[toks[i].start : toks[i + used - 1].end])
        if lemma == "according to":
            mention = _mention_after(toks, i + used, text, lex)
            if mention is not None:
                return _Frame(mention, vs, lemma, tone, None, (vs.start, pos))
            continue
        if _is_cap(toks[i].text) and i > 0 and toks[i - 1].text not in '.:!?"“”':
            continue  # "Said" inside a name or title, not a verb
        subject_end = i
        hedge = _hedge_before_re().search(text, lo, toks[i].start)
        if hedge is not None:
            subject_end = next((k for k in range(i) if toks[k].start >= hedge.start()), i)
        mention = _mention_before(toks, subject_end, text, lex)
        if mention is None:
            # inverted: said Lu: “…”
            after = _mention_after(toks, i + used, text, lex)
            if after is not None and after.kind in ("named", "anonymous", "organisation"):
                rest = text[after.end : pos].strip(" ,:\u00a0")
                if len(rest) < 3:
                    return _Frame(after, vs, lemma, tone, None, (vs.start, pos))
            # participle: "..., saying “…”": the subject is further left
            if toks[i].text.lower().endswith("ing") or (i > 0 and toks[i - 1].text.lower() in ("to", "and")):
                for k in range(i - 1, -1, -1):
                    cand = _verb_or_subject_before(toks, k, text, lex)
                    if cand is not None:
                        return _Frame(
                            cand,
                            vs,
                            lemma,
                            tone,
                            _addressee(toks, i + used, lemma, text, lex),
                            (cand.start, pos),
                        )
            continue
        addressee = _addressee(toks, i + used, lemma, text, lex)
        return _Frame(mention, vs, lemma, tone, addressee, (mention.start, pos))
    return None


def _verb_or_subject_before(toks: list[_Token], k: int, text: str, lex: Lexicon) -> _Mention | None:
    """For "..., saying": the subject of the main clause, the first mention in the sentence."""
    if k != 0:
        return None
    return _mention_after(toks, 0, text, lex) or None


# --- resolution ---------------------------------------------------------------------------------------------


@functools.cache
def _title_re() -> re.Pattern[str]:
    titles = sorted(lexicon().titles, key=len, reverse=True)
    alternatives = "|".join(re.escape(t) + r"\.?" for t in titles)
    return re.compile(rf"^(?:(?:former|then|acting|deputy|vice)\s+)?(?:{alternatives})\s+(?=[A-Z])", re.I)


def _strip_title(name: str) -> str:
    previous = None
    while previous != name:
        previous = name
        name = _title_re().sub("", name)
    return name.strip()


class _Resolver:
    """Resolves names to the fullest form the article uses, pronouns to the last person quoted or named."""

    def __init__(self, text: str) -> None:
        self._full: dict[str, str] = {}
        for match in _NAME_CHAIN_RE.finditer(text):
            words = match.group().split()
            while words and words[0].lower() in _LEADING_FUNCTION:
                words = words[1:]
            name = _strip_title(" ".join(words))
            parts = name.split()
            if len(parts) < 2:
                continue
            key = parts[-1].lower()
            if len(name) > len(self._full.get(key, "")):
                self._full[key] = name
        self.last_person: str | None = None

    def name(self, mention: str) -> str:
        bare = _strip_title(mention.replace("’s", "").strip())
        parts = bare.split()
        if not parts:
            return mention
        full = self._full.get(parts[-1].lower())
        if full and full.endswith(bare) and len(full) > len(bare):
            return full
        return bare


# --- putting it together ------------------------------------------------------------------------------------


def _word_count(text: str) -> int:
    return len(text.split())


def _ends_sentence(text: str, site: QuoteSite) -> bool:
    inner = text[site.start : site.end].rstrip()
    return bool(inner) and inner[-1] in ".!?…"


def attribute_sites(text: str, sites: list[QuoteSite], *, min_words: int = 4) -> list[SiteResult]:
    """Attribution, kind and utterance number for each quote site, in order."""
    lex = lexicon()
    resolver = _Resolver(text)
    results: list[SiteResult] = []
    frames: list[_Frame | None] = []
    utterance = 0
    for n, site in enumerate(sites):
        prev = sites[n - 1] if n > 0 else None
        nxt = sites[n + 1] if n + 1 < len(sites) else None
        same_para_prev = prev is not None and prev.para_start == site.para_start
        same_para_next = nxt is not None and nxt.para_start == site.para_start
        hi = nxt.open_start if same_para_next and nxt is not None else site.para_end
        lo = prev.close_end if same_para_prev and prev is not None else site.para_start
        frame: _Frame | None = None
        own = False
        if site.marks != "blockquote":
            frame = _frame_after(text, site.close_end, hi, _ends_sentence(text, site), lex)
            if frame is None:
                s_start = _sentence_start(text, lo, site.open_start)
                frame = _frame_before(text, s_start, site.open_start, lex)
            own = frame is not None
        linked = False
        if frame is None and site.continues and frames:
            frame = frames[-1]
            linked = True
        if frame is None and same_para_prev and prev is not None and frames and frames[-1] is not None:
            gap = text[prev.close_end : site.open_start]
            if _word_count(gap) <= 15:
                frame = frames[-1]
        if frame is None and not same_para_prev:
            frame = _frame_from_previous_paragraph(text, sites, n, lex)
        if frame is None and site.open_start == site.para_start and frames and frames[-1] is not None:
            prev_site = sites[n - 1]
            if _paragraph_gap_is_small(text, prev_site, site):
                frame = frames[-1]
        inner = text[site.start : site.end]
        kind = "statement"
        before = text[max(site.para_start, site.open_start - 40) : site.open_start]
        if _NAMING_STRONG_RE.search(before):
            kind = "scare"
        elif _word_count(inner) < min_words and not own and not linked:
            kind = "scare"
        elif (
            _word_count(inner) < min_words
            and own
            and frame is not None
            and frame.verb is not None
            and (frame.lemma in ("call", "dub", "describe", "characterize", "characterise"))
        ):
            kind = "scare" if _NAMING_CUE_RE.search(before) and frame.lemma != "describe" else "statement"
        if kind == "scare":
            frame = None
        if (
            prev is not None
            and frames
            and kind == "statement"
            and (
                linked
                or (same_para_prev and frames[-1] is not None and frame is frames[-1])
                or (same_para_prev and _split_gap(text, prev, site, lex))
            )
        ):
            pass
        else:
            utterance += 1
        frames.append(frame)
        results.append(SiteResult(_attribution(text, frame, kind, resolver, lex), kind, utterance))
    return results


def _split_gap(text: str, prev: QuoteSite, site: QuoteSite, lex: Lexicon) -> bool:
    gap = text[prev.close_end : site.open_start]
    words = re.findall(r"[\w’'-]+", gap)
    return 0 < len(words) <= 12 and any(w.lower() in lex.verbs for w in words) and gap.rstrip()[-1:] in ",:"


def _paragraph_gap_is_small(text: str, prev: QuoteSite, site: QuoteSite) -> bool:
    """A floating quote: this paragraph opens with a quote, the paragraph before was mostly a quote too."""
    if prev.para_end > site.para_start:
        return False
    between = text[prev.para_end : site.para_start]
    if between.strip():
        return False
    rest = text[prev.close_end : prev.para_end]
    return _word_count(rest) <= 12


def _frame_from_previous_paragraph(text: str, sites: list[QuoteSite], n: int, lex: Lexicon) -> _Frame | None:
    """A paragraph ending with a colon, or a sentence naming the speaker right before the quote."""
    site = sites[n]
    para_prefix = text[site.para_start : site.open_start]
    if para_prefix.strip():
        # previous sentence in the same paragraph
        s_start = _sentence_start(text, site.para_start, site.open_start)
        if s_start > site.para_start:
            p_start = _sentence_start(text, site.para_start, max(site.para_start, s_start - 2))
            return _frame_before(text, p_start, s_start, lex)
        return None
    # previous paragraph's last sentence
    before = text[: site.para_start].rstrip()
    if not before:
        return None
    para_start = max(text.rfind("\n", 0, len(before)) + 1, len(before) - 600)
    if n > 0 and sites[n - 1].close_end > para_start:
        para_start = sites[n - 1].close_end
    last = _sentence_start(text, para_start, len(before))
    if before.endswith(":") or before.endswith(","):
        return _frame_before(text, last, len(before), lex)
    return None


def _attribution(
    text: str, frame: _Frame | None, kind: str, resolver: _Resolver, lex: Lexicon
) -> Attribution:
    if kind == "scare" or frame is None:
        return Attribution(speaker_kind="none" if kind == "scare" else "unknown")
    speaker = frame.speaker
    resolved: str | None = None
    speaker_kind = "unknown"
    span = None
    if speaker is not None:
        span = Span(speaker.start, speaker.end, speaker.text)
        speaker_kind = speaker.kind
        if speaker.kind == "named":
            resolved = resolver.name(speaker.text)
            resolver.last_person = resolved
        elif speaker.kind == "pronoun":
            resolved = resolver.last_person
        else:
            resolved = speaker.text
    hedges, sources = _hedges_and_sources(text, frame.clause, lex)
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


@functools.cache
def _hedge_re() -> re.Pattern[str]:
    alternatives = "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in lexicon().hedges)
    return re.compile(rf"\b(?:{alternatives})\b", re.I)


@functools.cache
def _hedge_before_re() -> re.Pattern[str]:
    """A passive or hedged frame right before a verb: "Lu is alleged to have told" -> "is alleged to have"."""
    alternatives = "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in lexicon().hedges if " " in h)
    return re.compile(rf"\b(?:{alternatives})\s+$", re.I)


@functools.cache
def _source_re() -> re.Pattern[str]:
    alternatives = "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in lexicon().source_cues)
    return re.compile(rf"\b(?:{alternatives})\b", re.I)


def _hedges_and_sources(
    text: str, clause: tuple[int, int], lex: Lexicon
) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    start, end = clause
    if end <= start:
        return (), ()
    hedges = tuple(Span(m.start(), m.end(), m.group()) for m in _hedge_re().finditer(text, start, end))
    sources: list[Span] = []
    for match in _source_re().finditer(text, start, end):
        stop = match.end()
        while stop < len(text) and text[stop] not in ',;.:!?"“”\n' and stop - match.end() < 120:
            stop += 1
        stop_text = text[match.start() : stop].rstrip()
        sources.append(Span(match.start(), match.start() + len(stop_text), stop_text))
    return hedges, tuple(sources)
