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
"""

from __future__ import annotations

import bisect
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
    how: str = ""  # which rule found it: after, colon, before, subject, previous, continued, floating


_TOKEN_RE = re.compile(r"\w+(?:[’'\-&.]\w+)*\.?|[^\w\s]")
_SENT_END_RE = re.compile(r"[.!?…][”\"’')\]]*\s+(?=[\"“‘'(\[A-Z0-9])")
_ABBREV = frozenset(
    "mr mrs ms dr prof sen rep gov gen lt col capt sgt adm maj rev st jr sr no vs etc inc corp ltd co"
    " u.s u.k u.n a.m p.m jan feb mar apr aug sept sep oct nov dec d.c".split()
)
_LEADING_FUNCTION = frozenset(
    "but and or so yet then the a an in on at for after before while although though when if as because since"
    " this that these those however meanwhile still also even now here there later earlier asked speaking"
    " indeed instead again today yesterday tomorrow tonight last next by with from of to said says".split()
)
_PARTICLES = frozenset("de del della da van von der den bin ibn al el la le di du dos das".split())
_DETERMINERS = frozenset(
    "the a an one another two three four five several some many other his her their its our".split()
)
_PREPOSITIONS = frozenset("at in on of for with from to by about into over under after before during".split())
_ADVERBS = frozenset(
    "also later then again further once simply just only even still recently previously earlier famously"
    " repeatedly privately publicly flatly bluntly reportedly allegedly apparently purportedly supposedly"
    " quickly angrily calmly quietly loudly immediately subsequently initially originally first has had have"
    " was is were are will would could may might had been never once often frequently has not did does"
    " sarcastically jokingly proudly simply".split()
)
_ADDRESSEE_VERBS = frozenset("tell inform assure reassure remind brief warn urge advise ask notify instruct".split())
_ADJUNCT_WORDS = frozenset(
    "on in at to during after before last this yesterday today tonight earlier later when while as from about"
    " of via through with".split()
)
_AUX = frozenset("is was are were has have had will would can could may might must should did does do".split())
_PARTICIPLES = frozenset(
    "saying telling adding noting writing explaining arguing insisting warning declaring asking calling"
    " stating claiming quoting describing tweeting".split()
)
# A quote right after one of these nouns names a work or a thing: the book “…”, the show “…”, CNN's “…”.
_TITLE_CUE_RE = re.compile(
    r"(?:\b(?:book|film|movie|show|song|album|anthem|program|programme|series|play|musical|documentary|column"
    r"|essay|article|op-ed|commentary|editorial|headline|slogan|hashtag|poem|novel|memoir|initiative|act|bill"
    r"|operation|episode|edition|podcast|newsletter|paper|titled|entitled)(?:\s+of)?|\b(?:on|in|to)\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?"
    r"['’]s)\s*,?\s*[“\"‘'«„]?\s*$"
)
_NAMING_STRONG_RE = re.compile(
    r"(?:so[- ]called|dubbed|nicknamed|known as|titled|entitled|the word|the words|the term|the phrase"
    r"|the slogan|the hashtag|the motto|the headline|branded|labell?ed|named)\s*[“\"‘'«„]?\s*$",
    re.I,
)
_WORD_RE = re.compile(r"[\w’'-]+")
_NAME_WORD = r"(?:[A-Z]\.|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Rev|St|Jr|Sr|Prof)\.|[A-Z][\w’'\-]*)"
_NAME_CHAIN_RE = re.compile(rf"\b{_NAME_WORD}(?:[ \u00a0]+(?:{_NAME_WORD}|(?:de|van|von|bin|al|la|le|di)\b))+")
_QUOTE_MARK_CHARS = frozenset("\"“”„‟«»‹›‘’‚'")


def _tokens(text: str, start: int, end: int) -> list[_Token]:
    """Tokens of text[start:end]; each line is tokenised once (cached) and sliced, so windows cost little."""
    seg_start = text.rfind("\n", 0, start) + 1
    seg_end = text.find("\n", start)
    if seg_end < 0:
        seg_end = len(text)
    if end > seg_end:
        return _tokenise(text, start, end)
    toks, starts, ends = _line_tokens(text, seg_start, seg_end)
    return toks[bisect.bisect_left(starts, start) : bisect.bisect_right(ends, end)]


@functools.lru_cache(maxsize=512)
def _line_tokens(text: str, start: int, end: int) -> tuple[list[_Token], list[int], list[int]]:
    toks = _tokenise(text, start, end)
    return toks, [t.start for t in toks], [t.end for t in toks]


def _tokenise(text: str, start: int, end: int) -> list[_Token]:
    """A final dot stays on abbreviations and initials only."""
    out: list[_Token] = []
    for match in _TOKEN_RE.finditer(text, start, end):
        word = match.group()
        s, e = match.start(), match.end()
        if len(word) > 1 and word.endswith("."):
            core = word[:-1]
            nxt = text[e : e + 2]
            inside = nxt[:1] in (",", ")") or (nxt[:1] == " " and nxt[1:2].islower())
            if not (core.lower() in _ABBREV or (len(core) == 1 and core.isupper()) or "." in core or inside):
                out.append(_Token(core, s, e - 1))
                out.append(_Token(".", e - 1, e))
                continue
        out.append(_Token(word, s, e))
    return out


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _is_boundary(text: str, match: re.Match[str], lo: int) -> bool:
    word_start = text.rfind(" ", lo, match.start()) + 1
    word = text[word_start : match.start()].lower().lstrip('("“‘')
    return not (word in _ABBREV or (len(word) == 1 and word.isalpha()))


def _sentence_start(text: str, lo: int, pos: int) -> int:
    """Start of the sentence containing ``pos`` (not before ``lo``)."""
    start = lo
    for match in _SENT_END_RE.finditer(text, lo, min(len(text), pos + 1)):
        if match.end() <= pos and _is_boundary(text, match, lo):
            start = match.end()
    return start


def _sentence_end(text: str, pos: int, hi: int) -> int:
    for match in _SENT_END_RE.finditer(text, pos, hi):
        if _is_boundary(text, match, pos):
            return match.start() + 1
    return hi


_SUBORDINATORS = frozenset(
    "as when while if although though because after before since once until unless speaking asked".split()
)
_IRREGULAR = frozenset(
    "went came made took gave got put kept left held stood sat ran began brought thought felt saw found became"
    " sent spent struck shook wrote spoke told said knew grew drew threw won lost met paid led read heard let"
    " set cut hit quit meant sought fought taught caught bought".split()
)


def _looks_like_verb(word: str, lex: Lexicon) -> bool:
    """A finite verb after a subject, roughly: "rallied", "says", "has", "told" (no part-of-speech tagger)."""
    low = word.lower()
    if not word[:1].islower():
        return False
    return (
        low in _AUX
        or low in _IRREGULAR
        or low in lex.verbs
        or low.endswith("ing")
        or low in _ADVERBS
        or (low.endswith("ed") and len(low) > 3)
        or (low.endswith("s") and not low.endswith("ss") and len(low) > 3)
    )


# --- mentions -----------------------------------------------------------------------------------------------


def _classify(words: list[str], lex: Lexicon) -> str:
    joined = " ".join(words).lower()
    bare = joined.removeprefix("the ")
    last = words[-1].lower().rstrip(".")
    if joined in lex.organisation_names or bare in lex.organisation_names:
        return "organisation"
    if all(_is_cap(w) or w.lower() in _PARTICLES for w in words) and words[0].lower() not in _DETERMINERS:
        if last in lex.organisation_words and len(words) > 1:
            return "organisation"
        return "named"
    if last in lex.organisation_words and last not in lex.anonymous_heads:
        return "organisation"
    return "anonymous"


def _name_span(toks: list[_Token], i: int) -> int:
    """End index (exclusive) of a chain of capitalised tokens starting at ``i``."""
    j = i
    while j < len(toks):
        word = toks[j].text
        if _is_cap(word) and word != "I" and word[:1] not in _QUOTE_MARK_CHARS:
            j += 1
        elif word.lower() in _PARTICLES and j > i and j + 1 < len(toks) and _is_cap(toks[j + 1].text):
            j += 1
        else:
            break
    return j


def _mention_after(toks: list[_Token], i: int, text: str, lex: Lexicon, loose: bool = False) -> _Mention | None:
    """The noun phrase starting at token ``i`` (speaker after the verb: "said Lu", "said the official")."""
    if i >= len(toks):
        return None
    first = toks[i].text
    low = first.lower()
    if low in _TIME_WORDS or low in _MONTHS:
        return None
    if low in lex.pronouns:
        return _Mention(toks[i].start, toks[i].end, first, "pronoun")
    if _is_cap(first) and low not in _DETERMINERS and low not in _LEADING_FUNCTION:
        j = _name_span(toks, i)
        if toks[j - 1].text.endswith(("’s", "'s")) and j < len(toks) and toks[j].text[:1].islower():
            # "Clinton's introducer", "Trump's campaign manager Paul Manafort"
            described = _description_after(toks, j, text, lex, loose=True, possessor=i)
            if described is not None:
                return described
        # "Texas delegate Bill Eastland", "Snyder spokesman Dave Murray": the name after the description
        k = j
        while k < len(toks) and k < j + 3 and toks[k].text[:1].islower() and toks[k].text.replace("-", "").isalpha():
            k += 1
        if k > j and k < len(toks) and _is_cap(toks[k].text) and toks[k - 1].text.lower() in lex.anonymous_heads:
            m = _name_span(toks, k)
            return _Mention(toks[k].start, toks[m - 1].end, text[toks[k].start : toks[m - 1].end], "named")
        words = [t.text for t in toks[i:j]]
        kind = _classify(words, lex)
        if kind != "named" and k > j:
            return _description_after(toks, i, text, lex) or _Mention(
                toks[i].start, toks[j - 1].end, text[toks[i].start : toks[j - 1].end], kind
            )
        return _Mention(toks[i].start, toks[j - 1].end, text[toks[i].start : toks[j - 1].end], kind)
    if low in _DETERMINERS or first[:1].islower():
        described = _description_after(toks, i, text, lex, loose)
        if described is not None or not loose:
            return described
    if loose and low not in _DETERMINERS:
        # "retired Air Force general Lloyd Newton", "9/11 widow Terry Strada": a name after a few modifiers
        for k in range(i + 1, min(len(toks), i + 6)):
            if not (toks[k].text[:1].isalnum() or toks[k].text in ("/", "-")):
                break
            if _is_cap(toks[k].text) and toks[k - 1].text[:1].islower():
                m = _name_span(toks, k)
                ends = m >= len(toks) or not toks[m].text[:1].isalpha() or toks[m].text.lower() in lex.verbs
                if m - k >= 2 and ends:
                    return _Mention(toks[k].start, toks[m - 1].end, text[toks[k].start : toks[m - 1].end], "named")
    return None


def _description_after(
    toks: list[_Token], i: int, text: str, lex: Lexicon, loose: bool = False, possessor: int | None = None
) -> _Mention | None:
    """A description ("the American official", "a State Department spokesperson") from ``i``."""
    for j in range(i, min(len(toks), i + 8)):
        word = toks[j].text
        low = word.lower()
        if not word[:1].isalnum():
            break
        if low in lex.anonymous_heads or (low in lex.organisation_words and j > i):
            while j + 1 < len(toks) and (
                toks[j + 1].text.lower() in lex.anonymous_heads or toks[j + 1].text.lower() in lex.organisation_words
            ):
                j += 1  # "a Trump campaign source", "a State Department spokesperson"
            k = j + 1
            # "campaign manager Kellyanne Conway": a name right after the description is the speaker
            m = _name_span(toks, k)
            if m > k and toks[k].text.lower() not in lex.pronouns:
                return _Mention(toks[k].start, toks[m - 1].end, text[toks[k].start : toks[m - 1].end], "named")
            if (
                k + 1 < len(toks)
                and toks[k].text.lower() in ("for", "of", "at", "with", "in")
                and _is_cap(toks[k + 1].text)
            ):
                m = _name_span(toks, k + 1)
                j = m - 1
            words = [t.text for t in toks[i : j + 1]]
            kind = _classify(words, lex)
            if kind == "named":
                kind = "anonymous"
            first = toks[possessor if possessor is not None else i].start
            return _Mention(first, toks[j].end, text[first : toks[j].end], kind)
        if j > i and word[:1].islower() and (low in lex.verbs or low in _AUX):
            break
        if low in _PREPOSITIONS or low in ("and", "but", "or", "that", "which", "who", "while", "whether"):
            if toks[i].text.lower() in _DETERMINERS and j > i + 1:
                break  # "a narrator in the Clinton ad": the phrase ends before the preposition
            return None  # "but in the course of their report", "to use private email": no noun phrase
    # no known head: "said the 46-year-old.", "the businessman replied": up to the verb or the clause end
    if loose and (toks[i].text.lower() in _DETERMINERS or possessor is not None):
        j = i + 1 if possessor is None else i
        while j < len(toks) and j < i + 6 and (toks[j].text[:1].isalnum() or toks[j].text == "-"):
            if _is_cap(toks[j].text) and possessor is None and j > i + 1:
                m = _name_span(toks, j)  # "an angry Hollande": the name after the modifiers
                return _Mention(toks[j].start, toks[m - 1].end, text[toks[j].start : toks[m - 1].end], "named")
            low = toks[j].text.lower()
            if low in lex.verbs or low in _AUX or low in _PREPOSITIONS or low in ("who", "that", "which"):
                break
            j += 1
        end_ok = (
            j >= len(toks)
            or not toks[j].text[:1].isalnum()
            or toks[j].text.lower() in lex.verbs
            or toks[j].text.lower() in _PREPOSITIONS
            or toks[j].text.lower() in ("who", "which", "that")
        )
        if j > i + (1 if possessor is None else 0) and end_ok:
            first = toks[possessor if possessor is not None else i].start
            return _Mention(first, toks[j - 1].end, text[first : toks[j - 1].end], "anonymous")
    return None


def _is_adverb(word: str) -> bool:
    """ "hardly", "cynically", "sharply": a lower-case -ly word that is not a noun of the lexicon."""
    return len(word) > 4 and word.endswith("ly") and word.islower() and word not in lexicon().anonymous_heads


def _mention_before(
    toks: list[_Token], j: int, text: str, lex: Lexicon, depth: int = 0, strict: bool = False
) -> _Mention | None:
    """The noun phrase ending before token ``j`` (speaker before the verb: "Lu said", "the official said")."""
    k = j - 1
    while k >= 0 and (
        toks[k].text.lower() in _ADVERBS or toks[k].text.lower() in _TIME_WORDS or _is_adverb(toks[k].text)
    ):
        k -= 1
    if k < 0:
        return None
    word = toks[k].text
    low = word.lower()
    if low in ("who", "which") and k > 0 and toks[k - 1].text == ",":
        # "Graves, who last Friday said": the antecedent before the comma
        return _mention_before(toks, k - 1, text, lex, 2, strict)
    if low in ("who", "which", "that") and k > 0:
        # "a new ad that urges", "Mr. Lu, who told": the antecedent right before the pronoun
        return _mention_before(toks, k, text, lex, 2, strict)
    if word == "," and k > 1 and toks[k - 1].text == ")":
        # "Gov. John Kasich (R-OH), said": the name before the brackets
        bracket = next((m for m in range(k - 2, max(-1, k - 12), -1) if toks[m].text == "("), None)
        if bracket is not None:
            return _mention_before(toks, bracket, text, lex, depth + 1, strict)
    if low == "and" and depth == 0:
        return _clause_subject(toks, 0, k, text, lex)
    if word in (",", ")") and depth < 2:
        # apposition: "Caddell, a longtime pollster, said" / "Lu (pictured) said" -> Caddell
        opener = "(" if word == ")" else ","
        m = k - 1
        while m >= 0 and m > k - 30 and toks[m].text != opener:
            if toks[m].text in (".", "!", "?", ";", ":"):
                return None
            m -= 1
        if m < 0 or m <= k - 30:
            return None
        outer = _mention_before(toks, m, text, lex, depth + 1, strict)
        chunk = toks[m + 1 : k]
        if (
            word == ","
            and 2 <= len(chunk) <= 4
            and all(_is_cap(t.text) and t.text[:1].isalpha() for t in chunk)
            and (outer is None or outer.kind != "named")
        ):
            # "Khan's lawyer, Salman Akram, said": the name in the apposition is the speaker
            return _Mention(chunk[0].start, chunk[-1].end, text[chunk[0].start : chunk[-1].end], "named")
        return outer
    if low in lex.pronouns:
        if low == "it" and depth:
            return None
        return _Mention(toks[k].start, toks[k].end, word, "pronoun")
    if word.endswith(("’s", "'s")):
        return None
    if _is_cap(word) and word != "I" and word[:1].isalnum():
        m = k
        while m - 1 >= 0 and (
            (_is_cap(toks[m - 1].text) and toks[m - 1].text[:1].isalnum()) or toks[m - 1].text.lower() in _PARTICLES
        ):
            m -= 1
        while m < k and (toks[m].text.lower() in _LEADING_FUNCTION or toks[m].text.lower() in _PARTICLES):
            m += 1
        words = [t.text for t in toks[m : k + 1]]
        if words[0].lower() in _LEADING_FUNCTION:
            return None
        kind = _classify(words, lex)
        start = toks[m].start
        first = m
        if m - 1 >= 0 and toks[m - 1].text.lower() == "the":
            start = toks[m - 1].start
            first = m - 1
            if kind == "named":
                kind = "organisation"
        if first >= 2 and toks[first - 1].text.lower() == "of" and _is_cap(toks[first - 2].text):
            # "Capt. Jamie Frederick of the First Coast Guard District", "Rep. Chip Roy of Texas": the person
            holder = _mention_before(toks, first - 1, text, lex, depth, strict)
            if holder is not None and holder.kind == "named":
                return holder
        return _Mention(start, toks[k].end, text[start : toks[k].end], kind)
    if word[:1].islower() and word[:1].isalpha() and low not in lex.verbs and low not in _AUX:
        # a description: "the American official", "the committee chairmen", "a State Department spokesperson"
        m = k
        while m - 1 >= 0 and k - m < 9:
            prev = toks[m - 1].text
            if not (prev[:1].isalnum() or prev == "-"):
                break
            plow = prev.lower()
            if plow in _AUX or (plow in lex.verbs and plow not in lex.anonymous_heads) or plow in _LEADING_FUNCTION:
                if plow not in _DETERMINERS and not (plow == "of" and m - 2 >= 0 and toks[m - 2].text[:1].isalnum()):
                    break
            m -= 1
            if plow in _DETERMINERS:
                break
        opening = toks[m].text.lower()
        known_head = low in lex.anonymous_heads or low in lex.organisation_words
        if opening not in _DETERMINERS and not known_head:
            return None
        if m - 1 >= 0 and toks[m - 1].text.lower() in _PREPOSITIONS:
            return None  # "at a conference said": a prepositional object is no subject
        if not known_head and (strict or m == k):
            return None
        words = [t.text for t in toks[m : k + 1]]
        kind = _classify(words, lex)
        if kind == "named":
            kind = "anonymous"
        return _Mention(toks[m].start, toks[k].end, text[toks[m].start : toks[k].end], kind)
    return None


# --- frames -------------------------------------------------------------------------------------------------


def _verb_at(toks: list[_Token], i: int, lex: Lexicon) -> tuple[int, str, str] | None:
    """(tokens used, lemma, tone) when a speech verb starts at token ``i``."""
    if i >= len(toks):
        return None
    low = toks[i].text.lower()
    if i + 1 < len(toks):
        pair = f"{low} {toks[i + 1].text.lower()}"
        if pair == "according to":
            return 2, "according to", "neutral"
        phrasal = lex.verbs.get(pair)
        if phrasal is not None:
            return 2, phrasal.lemma, phrasal.tone
    verb = lex.verbs.get(low)
    if verb is None or not toks[i].text[:1].isalpha():
        return None
    return 1, verb.lemma, verb.tone


def _verb_span(toks: list[_Token], i: int, used: int, text: str) -> Span:
    return Span(toks[i].start, toks[i + used - 1].end, text[toks[i].start : toks[i + used - 1].end])


_ADDRESSEE_WORDS = frozenset(
    "reporters journalists lawmakers supporters me us him her them colleagues voters listeners".split()
)


def _addressee(toks: list[_Token], i: int, lemma: str, text: str, lex: Lexicon) -> Span | None:
    if i >= len(toks):
        return None
    k = i
    if lemma not in _ADDRESSEE_VERBS:
        if toks[k].text.lower() != "to" or lemma not in ("say", "write", "speak", "explain", "add", "reply"):
            return None
        k += 1
    if k < len(toks) and toks[k].text.lower() in _ADDRESSEE_WORDS:
        return Span(toks[k].start, toks[k].end, toks[k].text)
    mention = _mention_after(toks, k, text, lex)
    if mention is None or mention.kind == "pronoun":
        return None
    return Span(mention.start, mention.end, mention.text)


_SKIP_AFTER = frozenset(",—–―-()") | _QUOTE_MARK_CHARS | frozenset(["and", "or"])


_NAMING_VERBS = frozenset("call dub label brand describe characterize characterise name term nickname".split())


def _frame_after(masked: str, text: str, start: int, hi: int, ends_sentence: bool, lex: Lexicon) -> _Frame | None:
    """An attribution right after a closing mark: ", said Lu", ", Lu said", " — Lu", ", according to X"."""
    toks = _tokens(masked, start, min(hi, start + 300))
    if ends_sentence and toks and toks[0].text in _QUOTE_MARK_CHARS:
        return None  # “We won.” “Now we govern,” Lu said: the attribution belongs to the second quote
    i = 0
    dash = False
    while i < len(toks) and toks[i].text in _SKIP_AFTER:
        if toks[i].text in ("and", "or") and not (i + 1 < len(toks) and toks[i + 1].text in _QUOTE_MARK_CHARS):
            break  # "“…” and argued that ...": a new clause, not a list of quotes
        dash = dash or toks[i].text in ("—", "–", "―", "-")
        i += 1
    if i >= len(toks) or toks[i].text in (".", "!", "?", ";", ":"):
        return None
    return _frame_at(
        toks,
        i,
        text,
        masked,
        lex,
        new_sentence=ends_sentence and _is_cap(toks[i].text) and not dash,
        dash=dash,
    )


def _frame_at(
    toks: list[_Token], i: int, text: str, masked: str, lex: Lexicon, *, new_sentence: bool, dash: bool
) -> _Frame | None:
    """An attribution clause starting at token ``i``: "said Lu, a diplomat" or "Lu, 67, a diplomat, said"."""
    # a capitalised word after a sentence-final quote starts a new sentence: only "Lu said." frames the quote
    verb = _verb_at(toks, i, lex)
    if verb is not None and (not new_sentence or verb[1] == "according to") and verb[1] not in _NAMING_VERBS:
        used, lemma, tone = verb
        mention = _mention_after(toks, i + used, text, lex, loose=True)
        if mention is not None:
            return _Frame(mention, _verb_span(toks, i, used, text), lemma, tone, None, "after")
    mention = _mention_after(toks, i, text, lex, loose=True)
    if mention is None:
        return None
    k = i
    while k < len(toks) and toks[k].end <= mention.end:
        k += 1
    verb = None
    in_apposition = False
    for _ in range(6):
        hedge = _hedge_after_re().match(masked, toks[k].start) if k < len(toks) else None
        if hedge is not None:
            while k < len(toks) and toks[k].start < hedge.end():
                k += 1
        while k < len(toks) and toks[k].text.lower() in _ADVERBS:
            k += 1
        if k < len(toks) and toks[k].text == "(":
            close = next((m for m in range(k + 1, min(len(toks), k + 10)) if toks[m].text == ")"), None)
            if close is not None:
                k = close + 1
        if k >= len(toks):
            break
        verb = _verb_at(toks, k, lex)
        if verb is not None or (toks[k].text != "," and not in_apposition):
            break
        # an apposition: "Lu, 67, a State Department official, said" -> skip to the next comma
        m = k + 1 if toks[k].text == "," else k
        while m < len(toks) and m < k + 30 and toks[m].text != ",":
            if toks[m].text in (".", "!", "?", ";", ":"):
                return None
            m += 1
        if m >= len(toks) or toks[m].text != ",":
            break
        k = m + 1
        in_apposition = True
    if verb is None and k < len(toks) and toks[k].text not in (",", ".") and not new_sentence:
        # "the Florida senator and Republican candidate said": a few more words before the verb
        m = k
        while m < len(toks) and m < k + 5 and toks[m].text[:1].isalnum() and _verb_at(toks, m, lex) is None:
            m += 1
        if m < len(toks) and m > k and _verb_at(toks, m, lex) is not None:
            k = m
            verb = _verb_at(toks, k, lex)
    if verb is not None and toks[k].text.lower().endswith("ing"):
        verb = None  # "a Donald Trump tweet attacking ...": a participle, not the reporting verb
    if verb is None:
        if dash and mention.kind in ("named", "organisation", "anonymous") and not new_sentence:
            return _Frame(mention, None, None, None, None, "after")
        return None
    used, lemma, tone = verb
    if new_sentence:
        nxt = toks[k + used] if k + used < len(toks) else None
        if nxt is not None and nxt.text not in ".,;!?" and nxt.text.lower() not in _ADJUNCT_WORDS:
            return None
        for t in toks[k + used :]:
            if t.text in (".", "!", "?"):
                break
            if t.text == ":" or t.text in _QUOTE_MARK_CHARS:
                return None  # "She went on to say: “…”" introduces the next quote
    vs = _verb_span(toks, k, used, text)
    addressee = _addressee(toks, k + used, lemma, text, lex)
    return _Frame(mention, vs, lemma, tone, addressee, "after")


def _frame_tail(masked: str, text: str, close_end: int, s_end: int, lex: Lexicon) -> _Frame | None:
    """An attribution closing the quote's sentence: “…” for Clinton, said Kunin. / “…” than that, Zuckoff said."""
    toks = _tokens(masked, close_end, s_end)
    tried = 0
    for c in range(len(toks) - 1, 0, -1):
        if toks[c].text != "," or tried >= 4:
            continue
        tried += 1
        frame = _frame_at(toks, c + 1, text, masked, lex, new_sentence=False, dash=False)
        if frame is None or frame.verb is None or frame.speaker is None:
            continue
        rest = masked[max(frame.verb.end, frame.speaker.end) : s_end].strip()
        if (len(_WORD_RE.findall(rest)) <= 8 or rest.startswith(",")) and "that" not in rest.split():
            return frame
    return None


_WORDS_WERE_RE = re.compile(
    r"(?<![\w’'])([A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,3})['’]s\s+(?:own\s+)?((?:words|response|reply|answer|message"
    r"|comment|comments|remarks?|verdict|statement|explanation)\s+(?:was|were|is|are))\s*[:,]?\s*[“\"‘'«„]?\s*$"
)


_CLAIM_RE = re.compile(
    r"(?<![\w’'])([A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,3})['’]s\s+(?:\w+\s+)?(?:claim|claims|assertion|statement"
    r"|remark|remarks|comment|comments|suggestion|promise|pledge|vow|warning|insistence|argument|allegation|boast"
    r"|description|prediction|contention|charge|accusation)\s+(?:that|about|of)\b"
)


def _frame_claim(masked: str, text: str, lo: int, pos: int, lex: Lexicon) -> _Frame | None:
    """A possessive claim before the quote, with no speech verb after it: "Trump's claim that there were “…”"."""
    matches = list(_CLAIM_RE.finditer(masked, lo, pos))
    match = matches[-1] if matches else None
    if match is None or _has_speech_verb(masked, match.end(), pos, lex):
        return None
    s, e = match.span(1)
    return _Frame(_Mention(s, e, text[s:e], "named"), None, None, None, None, "colon")


def _frame_words_were(masked: str, text: str, lo: int, pos: int) -> _Frame | None:
    """A possessive frame before the quote: "Lu's words were: “…”", "Rush's reply was “…”"."""
    match = _WORDS_WERE_RE.search(masked, lo, pos + 1)
    if match is None:
        return None
    s, e = match.span(1)
    vs, ve = match.span(2)
    phrase = " ".join(text[vs:ve].split())
    verb = Span(vs, ve, text[vs:ve])
    return _Frame(_Mention(s, e, text[s:e], "named"), verb, phrase.lower(), "neutral", None, "colon")


def _frame_name_colon(masked: str, text: str, lo: int, pos: int, lex: Lexicon) -> _Frame | None:
    """A name right before a colon and the quote, not the object of a verb: "Pollsters agree - Carl Bialik: “…”"."""
    toks = _tokens(masked, lo, pos)
    while toks and toks[-1].text in _QUOTE_MARK_CHARS:
        toks.pop()
    if len(toks) < 2 or toks[-1].text != ":":
        return None
    mention = _mention_before(toks, len(toks) - 1, text, lex)
    if mention is None or mention.kind != "named":
        return None
    first = next((k for k, t in enumerate(toks) if t.start >= mention.start), 0)
    before = toks[first - 1].text.lower() if first > 0 else ""
    if before and (before in lex.verbs or before in _PREPOSITIONS or before[:1].isalpha()):
        return None
    return _Frame(mention, None, None, None, None, "colon")


def _frame_colon(masked: str, text: str, lo: int, pos: int, lex: Lexicon) -> _Frame | None:
    """A name and a colon: "... pollster Daron Shaw: “…”", or a headline "Bill Clinton: Hillary ‘…’"."""
    toks = _tokens(masked, lo, pos)
    while toks and toks[-1].text in _QUOTE_MARK_CHARS:
        toks.pop()
    if len(toks) >= 2 and toks[-1].text in (":", "—", "–"):
        mention = _mention_before(toks, len(toks) - 1, text, lex)
        if mention is not None and mention.kind != "pronoun":
            first = next((k for k, t in enumerate(toks) if t.start >= mention.start), 0)
            if first == 0 or not _looks_like_verb(toks[first - 1].text, lex):
                return _Frame(mention, None, None, None, None, "colon")
    if len(toks) >= 2 and toks[-1].text == ":":
        # "In a Fox interview, Trump went even further: “…”"
        subject = _clause_subject(toks, 0, len(toks) - 1, text, lex)
        if subject is not None:
            return _Frame(subject, None, None, None, None, "colon")
    for c, tok in enumerate(toks[:6]):
        if tok.text == ":" and c > 0:
            mention = _mention_after(toks, 0, text, lex)
            if mention is not None and mention.kind == "named" and mention.end == toks[c - 1].end:
                return _Frame(mention, None, None, None, None, "colon")
            break
    return None


def _frame_before(masked: str, text: str, lo: int, pos: int, lex: Lexicon) -> _Frame | None:
    """The attribution in text[lo:pos] (one sentence): its last speech verb and its subject, or an earlier verb
    that reports the whole clause holding the quote ("Rubio said that ... he has begun “…”")."""
    toks = _tokens(masked, lo, pos)
    frame = _last_frame(toks, len(toks), masked, text, lo, pos, lex)
    if frame is None or frame.verb is None:
        return frame
    if frame.lemma == "according to":
        # "Lu then told Majeed, according to the cable: “…”": Lu speaks, the cable is the source
        at = next((k for k, t in enumerate(toks) if t.start >= frame.verb.start), len(toks))
        earlier = _last_frame(toks, at, masked, text, lo, pos, lex)
        if earlier is not None and earlier.lemma != "according to" and earlier.speaker is not None:
            return earlier
        return frame
    first = next((k for k, t in enumerate(toks) if t.start >= frame.verb.start), len(toks))
    speaker_at = first
    if frame.speaker is not None:
        speaker_at = next((k for k, t in enumerate(toks) if t.start >= frame.speaker.start), first)
    for j in range(min(first, speaker_at) - 1, -1, -1):
        if toks[j].text in (",", "—", "–", ";", ":", "(") or toks[j].text in _QUOTE_MARK_CHARS:
            break
        pronoun_clause = (
            j == speaker_at - 1
            and frame.speaker is not None
            and frame.speaker.kind == "pronoun"
            and _verb_at(toks, j, lex) is not None
        )
        if (toks[j].text.lower() != "that" or j == 0) and not pronoun_clause:
            continue
        k = j if pronoun_clause else j - 1
        while k > 0 and (toks[k].text.lower() in _ADVERBS or toks[k].text.lower() in _TIME_WORDS):
            k -= 1
        verb = _verb_at(toks, k, lex)
        if verb is not None and verb[1] not in _NAMING_VERBS:
            matrix = _last_frame(toks, k + verb[0], masked, text, lo, pos, lex)
            if matrix is not None and matrix.speaker is not None and matrix.verb is not None:
                return matrix
    return frame


_MONTHS = frozenset("january february march april may june july august september october november december".split())
_TIME_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight night morning afternoon"
    " evening week month year recently later earlier again last this on in".split()
)


def _last_frame(
    toks: list[_Token], upto: int, masked: str, text: str, lo: int, pos: int, lex: Lexicon
) -> _Frame | None:
    """The frame of the last speech verb among toks[:upto] that has a speaker."""
    for i in range(upto - 1, -1, -1):
        verb = _verb_at(toks, i, lex)
        if verb is None:
            continue
        used, lemma, tone = verb
        vs = _verb_span(toks, i, used, text)
        if lemma == "according to":
            mention = _mention_after(toks, i + used, text, lex)
            if mention is not None:
                return _Frame(mention, vs, lemma, tone, None, "before")
            continue
        if _is_cap(toks[i].text) and i > 0 and toks[i - 1].text not in (".", ":", "!", "?", "—"):
            continue  # "Said" inside a name or title, not a verb
        form = toks[i].text.lower()
        if (
            form in (lemma, lemma + "s", lemma + "es")
            and any(t.text.lower() in _DETERMINERS for t in toks[max(0, i - 2) : i])
            and toks[i - 1].text.lower() not in lex.anonymous_heads
            and toks[i - 1].text.lower() not in lex.organisation_words
        ):
            continue  # "his weekend message", "a few questions": a noun
        addressee = _addressee(toks, i + used, lemma, text, lex)
        low = toks[i].text.lower()
        if (
            low.endswith("ing")
            and i > 0
            and (
                toks[i - 1].text in (",", "—", "–")
                or toks[i - 1].text.lower() in ("by", "after", "before", "while", "when", "as", "in", "without", "from")
            )
        ):
            # "Trump returned the compliment, telling Reuters, “…”": the subject of the main clause speaks
            subject = _clause_subject(toks, 0, i, text, lex)
            if subject is not None:
                return _Frame(subject, vs, lemma, tone, addressee, "before")
        if (
            i > 0
            and toks[i - 1].text.lower() in ("was", "were", "is", "are", "been")
            and i + used < len(toks)
            and (toks[i + used].text.lower() == "by")
        ):
            # "Sanders was asked by host Bill Maher, “…”": the agent speaks
            agent = _mention_after(toks, i + used + 1, text, lex, loose=True)
            if agent is not None:
                return _Frame(agent, vs, lemma, tone, None, "before")
        subject_end = i
        hedge = _hedge_before_re().search(masked, lo, toks[i].start)
        if hedge is not None:
            subject_end = next((k for k in range(i) if toks[k].start >= hedge.start()), i)
        mention = _mention_before(toks, subject_end, text, lex)
        if mention is not None:
            return _Frame(mention, vs, lemma, tone, addressee, "before")
        # inverted: said Lu: “…”
        inverts = lemma not in _NAMING_VERBS and lemma not in _ADDRESSEE_VERBS and not toks[i].text.endswith("ing")
        after = _mention_after(toks, i + used, text, lex) if inverts else None
        if after is not None and after.kind != "pronoun":
            rest = masked[after.end : pos].strip(" :\u00a0\n")
            if len(rest) < 3 or (rest.startswith(",") and rest.endswith(",") and len(rest) < 160):
                return _Frame(after, vs, lemma, tone, None, "before")
        # participle or infinitive ("..., saying “…”", "went on to say"): the subject of the main clause
        low = toks[i].text.lower()
        if low in _PARTICIPLES or low.endswith("ing") or (i > 0 and toks[i - 1].text.lower() in ("to", "and")):
            subject = _clause_subject(toks, 0, i, text, lex)
            if subject is not None:
                return _Frame(subject, vs, lemma, tone, addressee, "before")
    return None


def _clause_subject(toks: list[_Token], lo: int, hi: int, text: str, lex: Lexicon) -> _Mention | None:
    """The subject of the sentence in toks[lo:hi]: the first mention directly followed by a finite verb, outside
    a leading subordinate clause ("As the race turned south, Clinton said ...") and relative clauses."""
    found: _Mention | None = None
    if lo < hi and toks[lo].text.lower() in _SUBORDINATORS:
        comma = next((k for k in range(lo + 1, hi) if toks[k].text == ","), None)
        if comma is not None:
            lo = comma + 1
    for j in range(lo + 1, hi):
        if not _looks_like_verb(toks[j].text, lex):
            continue
        low = toks[j].text.lower()
        if toks[j - 1].text.lower() in _ADVERBS or toks[j - 1].text.lower() in ("which", "who", "that"):
            continue
        if low.endswith("s") and not low.endswith("ss") and j + 1 < hi and toks[j + 1].text in (",", ".", ";"):
            continue  # "Democratic electorates, ...": a plural noun, not a verb
        mention = _mention_before(toks, j, text, lex, strict=True)
        if mention is not None and mention.start >= toks[lo].start:
            found = mention
            break
    return found


# --- resolution ---------------------------------------------------------------------------------------------


@functools.cache
def _title_words() -> frozenset[str]:
    """Every word of every title ("assistant", "secretary", "state", "leader"...), lower-cased, without dots."""
    words = {w.lower().replace(".", "") for title in lexicon().titles for w in title.split()}
    return frozenset((words | lexicon().anonymous_heads) - {"of", "the", "and"})


def _strip_title(name: str) -> tuple[str, str | None]:
    """The name without the titles before it ("Treasury Secretary Janet Yellen" -> "Janet Yellen"), and the
    gender a title implies ("Mr" -> "m")."""
    words = name.split()
    titles = _title_words()
    cut = 0
    for index, word in enumerate(words[:-1]):
        if word.lower().replace(".", "") in titles:
            cut = index + 1
    gender = None
    for word in words[:cut]:
        gender = gender or lexicon().titles.get(word.replace(".", ""))
    return " ".join(words[cut:]), gender


class _Resolver:
    """Names to the fullest form the article uses; pronouns to the last fitting person named before them."""

    def __init__(self, text: str, lex: Lexicon) -> None:
        self.roles: dict[str, str] = {}
        self._things: set[str] = set()
        self._by_word: dict[str, set[str]] = {}
        self._full: dict[str, str] = {}
        self._gender: dict[str, str] = {}
        for match in _NAME_CHAIN_RE.finditer(text):
            words = match.group().split()
            while words and words[0].lower() in _LEADING_FUNCTION:
                words = words[1:]
            if not words:
                continue
            while len(words) > 1 and words[0].endswith(("’s", "'s")):
                words = words[1:]  # "China's Xi Jinping"
            name, gender = _strip_title(" ".join(words))
            parts = name.replace("’s", "").replace("'s", "").split()
            if not parts:
                continue
            key = parts[-1].lower().rstrip(".")
            if gender:
                self._gender.setdefault(key, gender)
            if len(parts) < 2 or _classify(parts, lex) != "named" or len(key) < 2 or key in lex.pronouns:
                continue
            if text[max(0, match.start() - 4) : match.start()].lower() == "the ":
                self._things.add(key)  # "the United States": a place or a body, never "he" or "she"
            if len(parts) > 3 and not any(p.lower() in _PARTICLES for p in parts):
                # "Central Asia Donald Lu" (after "for South and"): a person's name is its last two words
                parts = parts[-3:] if parts[-2].endswith(".") else parts[-2:]
                name = " ".join(parts)
            if len(name) > len(self._full.get(key, "")):
                self._full[key] = " ".join(parts)
            first_gender = lex.first_names.get(parts[0])
            if first_gender and not gender:
                self._gender.setdefault(key, first_gender)  # "Janet Yellen" -> she
            for part in parts[:-1]:
                # "Xi" for "Xi Jinping", "Lula" for "Luiz Inácio Lula da Silva"
                if len(part) >= 2 and part[:1].isupper() and part.lower() not in _PARTICLES:
                    self._by_word.setdefault(part.lower(), set()).add(" ".join(parts))
            # "President Joe Biden" lets "the president" stand for Joe Biden later on
            for title in words[: len(words) - len(parts)]:
                self.roles[title.lower().replace(".", "")] = " ".join(parts)
        self._text = text
        self._positions: list[int] | None = None
        self._people: list[str] = []

    def _occurrences(self) -> list[int]:
        """Offsets of every mention of a known person's surname (found on first use, in one regex pass)."""
        if self._positions is None:
            self._positions = []
            if self._full:
                pattern = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in self._full) + r")\b", re.I)
                for match in pattern.finditer(self._text):
                    if match.group()[:1].isupper():
                        self._positions.append(match.start())
                        self._people.append(match.group().lower())
        return self._positions

    def role(self, mention: str) -> str | None:
        """The person a role description stands for: "the president" -> "Joe Biden" (from "President Joe Biden")."""
        words = mention.lower().split()
        if 2 <= len(words) <= 4 and words[0] == "the":
            return self.roles.get(words[-1])
        return None

    def name(self, mention: str) -> str:
        words = mention.split()
        while len(words) > 1 and words[0].endswith(("’s", "'s")):
            words = words[1:]
        bare, _ = _strip_title(" ".join(words).replace("’s", "").strip())
        parts = bare.split()
        if not parts:
            return mention
        full = self._full.get(parts[-1].lower())
        if full and full.endswith(bare) and len(full) > len(bare):
            return full
        options = self._by_word.get(parts[0].lower()) if len(parts) == 1 and full is None else None
        if options:
            longest = max(options, key=len)
            if all(option in longest for option in options):  # one person, not two sharing a first name
                return longest
        return bare

    def gender(self, name: str) -> str | None:
        parts = name.split()
        return self._gender.get(parts[-1].lower()) if parts else None

    def learn(self, name: str, pronoun: str) -> None:
        gender = lexicon().pronouns.get(pronoun.lower(), ("x", "s"))[0]
        parts = name.split()
        if parts and gender in ("m", "f"):
            self._gender.setdefault(parts[-1].lower(), gender)

    def pronoun(self, pronoun: str, pos: int) -> str | None:
        gender, number = lexicon().pronouns.get(pronoun.lower(), ("x", "s"))
        if number != "s" or gender not in ("m", "f"):
            return None
        index = bisect.bisect_left(self._occurrences(), pos)
        for k in range(index - 1, max(-1, index - 40), -1):
            key = self._people[k]
            if key in self._things:
                continue
            known = self._gender.get(key)
            if known is None or known == gender:
                return self._full[key]
        return None


# --- putting it together ------------------------------------------------------------------------------------


def _mask(text: str, sites: list[QuoteSite]) -> str:
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


def _word_count(text: str) -> int:
    return len(text.split())


def _ends_sentence(text: str, site: QuoteSite) -> bool:
    inner = text[site.start : site.end].rstrip()
    return bool(inner) and inner[-1] in ".!?…"


def _is_title(inner: str) -> bool:
    """A title or name in quotes: “The Art of the Deal”, “Make America Great Again” (not a sentence)."""
    words = _WORD_RE.findall(inner)
    if len(words) < 2 or len(words) > 12 or inner.rstrip()[-1:] in ("!", "?") or ". " in inner:
        return False
    significant = [w for w in words if len(w) > 3]
    return bool(significant) and all(_is_cap(w) or w[:1].isdigit() for w in significant)


def _has_speech_verb(masked: str, lo: int, hi: int, lex: Lexicon) -> bool:
    return any(w.lower() in lex.verbs for w in _WORD_RE.findall(masked, lo, hi))


def attribute_sites(text: str, sites: list[QuoteSite], *, min_words: int = 4) -> list[SiteResult]:
    """Attribution, kind and utterance number for each quote site, in order."""
    lex = lexicon()
    masked = _mask(text, sites)
    resolver = _Resolver(text, lex)
    known = _known_capitals(text)
    results: list[SiteResult] = []
    frames: list[_Frame | None] = []
    utterance = 0
    for n, site in enumerate(sites):
        prev = sites[n - 1] if n > 0 else None
        inner = text[site.start : site.end]
        words = _word_count(inner)
        s_start = _sentence_start(masked, site.para_start, site.open_start)
        s_end = _sentence_end(masked, site.close_end, site.para_end)
        starts_sentence = not _WORD_RE.search(masked, s_start, site.open_start)
        frame: _Frame | None = _speaker_label(text, site)
        if frame is None and site.marks != "blockquote":
            frame = _plausible(
                _frame_after(masked, text, site.close_end, site.para_end, _ends_sentence(text, site), lex),
                known,
                text,
            )
            if frame is not None and frame.lemma == "according to":
                # "Lu told Majeed that “…”, according to the cable": Lu speaks, the cable is the source
                prior = _plausible(_frame_before(masked, text, s_start, site.open_start, lex), known, text)
                if prior is not None and prior.lemma not in (None, "according to"):
                    frame = prior
            frame = frame or _frame_words_were(masked, text, s_start, site.open_start)
            frame = frame or _plausible(_frame_name_colon(masked, text, s_start, site.open_start, lex), known, text)
            frame = frame or _plausible(_frame_before(masked, text, s_start, site.open_start, lex), known, text)
            frame = frame or _plausible(_frame_colon(masked, text, s_start, site.open_start, lex), known, text)
            frame = frame or _plausible(_frame_tail(masked, text, site.close_end, s_end, lex), known, text)
            frame = frame or _plausible(_frame_claim(masked, text, s_start, site.open_start, lex), known, text)
            if frame is None and not starts_sentence:
                has_verb = _has_speech_verb(masked, s_start, s_end, lex)
                if has_verb or words >= min_words:
                    toks = _tokens(masked, s_start, site.open_start)
                    subject = _clause_subject(toks, 0, len(toks), text, lex) if toks else None
                    if subject is not None:
                        frame = _plausible(_Frame(subject, None, None, None, None, "subject"), known, text)
        own = frame is not None and (frame.verb is not None or frame.how in ("after", "label", "colon"))
        if frame is None and site.continues and frames:
            frame = frames[-1]
            if frame is not None:
                frame = _Frame(frame.speaker, frame.verb, frame.lemma, frame.tone, frame.addressee, "continued")
        if frame is None and starts_sentence:
            frame = _plausible(_frame_previous(masked, text, sites, n, s_start, frames, lex), known, text)
        kind = "statement"
        before = masked[max(site.para_start, site.open_start - 40) : site.open_start + 1]
        if _NAMING_STRONG_RE.search(before) or (_TITLE_CUE_RE.search(before) and words <= 12):
            kind = "scare"
        elif not own and _is_title(inner) and not site.continues:
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
        results.append(SiteResult(_attribution(text, masked, site, frame, kind, resolver, lex), kind, utterance))
    return results


# A transcript line inside quotes: “PENCE: Well, look...”, “Chris Matthews: Seriously...”.
_LABEL_RE = re.compile(r"\s*([A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,2}|[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}):\s")


def _speaker_label(text: str, site: QuoteSite) -> _Frame | None:
    match = _LABEL_RE.match(text, site.start, site.end)
    if match is None:
        return None
    s, e = match.span(1)
    return _Frame(_Mention(s, e, text[s:e], "named"), None, None, None, None, "label")


_MID_SENTENCE_CAP_RE = re.compile(r"(?<=[A-Za-z,;”\")] )[A-Z][\w’'\-]*")


def _known_capitals(text: str) -> frozenset[str]:
    """Words the article capitalises in mid-sentence: names, not just sentence-initial words ("Unless")."""
    return frozenset(_MID_SENTENCE_CAP_RE.findall(text))


def _plausible(frame: _Frame | None, known: frozenset[str], text: str) -> _Frame | None:
    """Drop a frame whose "name" is one capitalised word the article never capitalises mid-sentence ("Unless",
    "Fundraising"), unless a speech verb follows it directly ("Lu told")."""
    if frame is None or frame.speaker is None or frame.speaker.kind != "named" or frame.how == "after":
        return frame
    words = frame.speaker.text.split()
    between = "" if frame.verb is None else text[frame.speaker.end : frame.verb.start]
    adjacent = (
        frame.verb is not None
        and frame.verb.start >= frame.speaker.end
        and len(between) < 40
        and not any(ch in between for ch in ',.;:“”"')
    )
    if len(words) == 1 and not adjacent:
        word = words[0].replace("’s", "").replace("'s", "")
        if word not in known and word.upper() != word:
            return None
    return frame


def _continued_next(sites: list[QuoteSite], n: int) -> bool:
    return n + 1 < len(sites) and sites[n + 1].continues


def _split_gap(masked: str, prev: QuoteSite, site: QuoteSite, lex: Lexicon) -> bool:
    """Two quotes around a short attribution in one paragraph: “I think…,” he said, “all will…”."""
    if prev.para_start != site.para_start:
        return False
    gap = masked[prev.close_end : site.open_start]
    words = _WORD_RE.findall(gap)
    return 0 < len(words) <= 12 and any(w.lower() in lex.verbs for w in words) and gap.rstrip()[-1:] in ",:."


def _frame_previous(
    masked: str,
    text: str,
    sites: list[QuoteSite],
    n: int,
    s_start: int,
    frames: list[_Frame | None],
    lex: Lexicon,
) -> _Frame | None:
    """For a quote that starts its sentence: the sentence before, a colon paragraph, or a floating quote."""
    site = sites[n]
    prev = sites[n - 1] if n > 0 else None
    if s_start > site.para_start:
        # previous sentence in the same paragraph: "Lu was blunt. “…”" / "Lu told Majeed: ..."
        p_start = _sentence_start(masked, site.para_start, max(site.para_start, s_start - 2))
        if prev is not None and prev.close_end > p_start and frames and frames[-1] is not None:
            return _Frame(frames[-1].speaker, frames[-1].verb, frames[-1].lemma, frames[-1].tone, None, "floating")
        frame = _frame_before(masked, text, p_start, s_start, lex)
        if frame is not None:
            return frame
        # an earlier quote in the same paragraph: the paragraph's speaker goes on talking
        for k in range(n - 1, -1, -1):
            if sites[k].para_start != site.para_start:
                break
            f = frames[k]
            if f is not None:
                return _Frame(f.speaker, f.verb, f.lemma, f.tone, None, "floating")
        toks = _tokens(masked, p_start, s_start)
        subject = _clause_subject(toks, 0, len(toks), text, lex) if toks else None
        if subject is not None and subject.kind != "anonymous":
            return _Frame(subject, None, None, None, None, "previous")
        return None
    # previous paragraph
    before_end = len(masked[: site.para_start].rstrip())
    if before_end == 0:
        return None
    para_start = masked.rfind("\n", 0, before_end) + 1
    last_start = _sentence_start(masked, para_start, before_end)
    tail = masked[para_start:before_end]
    if prev is not None and prev.para_end >= para_start and prev.para_end <= site.para_start:
        # the paragraph before holds a quote: a floating quote continues its speaker
        rest = masked[prev.close_end : prev.para_end]
        if frames and frames[-1] is not None and _word_count(rest) <= 12 and not rest.rstrip().endswith(":"):
            f = frames[-1]
            return _Frame(f.speaker, f.verb, f.lemma, f.tone, None, "floating")
    if tail.endswith(":") or tail.endswith(","):
        frame = _frame_before(masked, text, last_start, before_end, lex) or _frame_colon(
            masked, text, last_start, before_end, lex
        )
        if frame is None:
            toks = _tokens(masked, last_start, before_end)
            subject = _clause_subject(toks, 0, len(toks), text, lex) if toks else None
            if subject is not None:
                frame = _Frame(subject, None, None, None, None, "previous")
        return frame
    # "Trump spoke about the attack.\n\n“…”": a reporting sentence right before a quote paragraph
    frame = _frame_before(masked, text, last_start, before_end, lex)
    if frame is not None and frame.speaker is not None and frame.speaker.kind in ("named", "pronoun"):
        return _Frame(frame.speaker, frame.verb, frame.lemma, frame.tone, None, "previous")
    return None


def _attribution(
    text: str,
    masked: str,
    site: QuoteSite,
    frame: _Frame | None,
    kind: str,
    resolver: _Resolver,
    lex: Lexicon,
) -> Attribution:
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
        speaker_kind = speaker.kind
        if speaker.kind == "named":
            resolved = resolver.name(speaker.text)
        elif speaker.kind == "pronoun":
            resolved = resolver.pronoun(speaker.text, speaker.start)
            if resolved:
                resolver.learn(resolved, speaker.text)
        else:
            resolved = speaker.text
            person = resolver.role(speaker.text) if speaker.kind == "anonymous" else None
            if person is not None:
                resolved, speaker_kind = person, "named"
    s_start = _sentence_start(masked, site.para_start, site.open_start)
    s_end = _sentence_end(masked, site.close_end, site.para_end)
    lo, hi = s_start, s_end
    anchors = [x for x in (speaker, frame.verb) if x is not None]
    for anchor in anchors:
        if anchor.start < lo:  # the frame sits in an earlier sentence or paragraph: search that sentence too
            line_start = masked.rfind("\n", 0, anchor.start) + 1
            lo = min(lo, _sentence_start(masked, line_start, anchor.start))
        hi = max(hi, anchor.end)
    hedges, sources = _hedges_and_sources(text, masked, lo, hi, site)
    if anchors:
        # hedges belong to the attribution clause: "Lu reportedly told", "is alleged to have told"
        near_lo = min(a.start for a in anchors) - 45
        near_hi = max(a.end for a in anchors) + 30
        hedges = tuple(h for h in hedges if h.end > near_lo and h.start < near_hi)
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


def _phrase_re(phrases: tuple[str, ...], suffix: str = "") -> re.Pattern[str]:
    alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
    return re.compile(rf"\b(?:{alternatives})\b{suffix}", re.I)


@functools.cache
def _hedge_re() -> re.Pattern[str]:
    return _phrase_re(lexicon().hedges)


@functools.cache
def _hedge_before_re() -> re.Pattern[str]:
    """A passive or hedged frame right before a verb: "Lu is alleged to have told" -> "is alleged to have"."""
    return _phrase_re(tuple(h for h in lexicon().hedges if " " in h), r"\s+$")


@functools.cache
def _hedge_after_re() -> re.Pattern[str]:
    return re.compile(_phrase_re(lexicon().hedges).pattern + r"\s*", re.I)


@functools.cache
def _source_re() -> re.Pattern[str]:
    return _phrase_re(lexicon().source_cues)


_SOURCE_STOP = frozenset(',;.:!?"“”«»\n')


def _hedges_and_sources(
    text: str, masked: str, lo: int, hi: int, site: QuoteSite
) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    """Hedges and cited sources in the quote's sentence, outside every quote."""
    hedges = tuple(Span(a, b, text[a:b]) for a, b in _matches(_hedge_re(), masked, lo, hi))
    sources: list[Span] = []
    for a, b in _matches(_source_re(), masked, lo, hi):
        stop = b
        limit = min(len(masked), b + 150)
        while stop < limit and masked[stop] not in _SOURCE_STOP:
            if (
                masked.startswith(" and ", stop)
                or masked.startswith(" who ", stop)
                or masked.startswith(" that ", stop)
            ):
                break
            stop += 1
        phrase = text[a:stop].rstrip()
        if len(phrase) > b - a and not any(src.start <= a < src.end for src in sources):
            sources.append(Span(a, a + len(phrase), phrase))
    return hedges, tuple(sources)


def _matches(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Matches of a lexicon pattern in text[lo:hi]; each line is searched once (cached)."""
    seg_start = text.rfind("\n", 0, lo) + 1
    seg_end = text.find("\n", lo)
    if seg_end < 0:
        seg_end = len(text)
    if hi > seg_end:
        return [(m.start(), m.end()) for m in pattern.finditer(text, lo, hi)]
    return [(a, b) for a, b in _line_matches(pattern, text, seg_start, seg_end) if a >= lo and b <= hi]


@functools.lru_cache(maxsize=512)
def _line_matches(pattern: re.Pattern[str], text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    return tuple((m.start(), m.end()) for m in pattern.finditer(text, start, end))
