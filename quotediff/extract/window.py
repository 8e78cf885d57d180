"""The words around one quote, read once: its sentence, the tokens before the opening mark and after the closing
mark, each token's word class and the capitalised runs.

``attribute`` builds one ``Window`` per quote site; every frame, and the hedge and source readers, take it
instead of re-tokenising the text around the quote with offsets of their own. A token's speech-verb reading and
word class are worked out on first use and kept, so a rule that asks again (and the next rule asking the same)
costs a list lookup, and the tokens no rule reaches cost nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from quotediff.extract.lexicon import Lexicon
from quotediff.extract.tokens import (
    ADVERBS,
    AUX,
    DETERMINERS,
    LEADING_FUNCTION,
    PREPOSITIONS,
    QUOTE_MARKS,
    WORD_RE,
    Tok,
    is_adverb,
    sentence_end,
    sentence_start,
    tokens,
)
from quotediff.model import Span

# Word classes, as bits: a token may be several ("her" is a pronoun and a determiner).
VERB = 1  # a speech verb of the lexicon starts here ("said", "according to", "pointed out")
PRONOUN = 2
DETERMINER = 4
PREPOSITION = 8
CAPITAL = 16
ADVERB = 32
MARK = 64  # a quotation mark
PUNCT = 128  # any other punctuation
WORD = 256  # a word: a token starting with a letter or digit

Verb = tuple[int, str, str]  # (tokens used, lemma, tone)

_UNSET = object()
_TITLE_BEFORE = frozenset(("of", "the", "and", "for"))
_NOUNS_TOO = frozenset("state report comment note remark quote".split())
_NOUN_BEFORE = frozenset("the a an this these those his her their its our my your every each".split())


def verb_at(toks: list[Tok], i: int, lex: Lexicon) -> Verb | None:
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
    if toks[i].text[:1].isupper() and i > 0 and toks[i - 1].text.lower() in _TITLE_BEFORE:
        return None  # "Secretary of State Antony Blinken": part of a title or a name
    if verb.lemma == "press" and i > 0 and toks[i - 1].text.lower() in _PASSIVE_AUX:
        return None  # "she was pressed about her call": the one pressed is asked, the frame is elsewhere
    if verb.lemma in ("continue", "add") and i + 1 < len(toks) and toks[i + 1].text.lower() == "to":
        return None  # "will continue to be", "added to the confusion": no speech
    if i > 0 and (toks[i - 1].text.lower() in _NOUN_BEFORE or toks[i - 1].text.lower() == "of" and low == verb.lemma):
        return None  # "her remarks", "the report", "his claims", "secretary of state": nouns
    if low in _NOUNS_TOO and i + 1 < len(toks) and toks[i + 1].text in (".", ",", ";"):
        return None  # "a heavily Democratic state.": the verb needs its words, before a stop it is the noun
    if low == verb.lemma and low not in _PAST_AS_BARE and i > 0 and _singular_noun(toks[i - 1].text, lex):
        return None  # "the private server email story": a bare form after a singular noun is a compound noun
    return 1, verb.lemma, verb.tone


# Lower-case words a bare verb form may follow: its plural or collective subjects, and the words that take a bare
# verb ("not say", "to say", "who say").
_BARE_VERB_AFTER = frozenset(
    "people police men women children staff crowd public media not never to who that which and or but also often"
    " still just only then now first really always sometimes usually generally two three four five six seven eight"
    " nine ten both".split()
)
_PASSIVE_AUX = frozenset("is was are were be been being get got".split())
_PAST_AS_BARE = frozenset(("read", "put"))  # "the sign read", "as one diplomat put it": past forms too


def _singular_noun(word: str, lex: Lexicon) -> bool:
    low = word.lower()
    return (
        word.isalpha()
        and word.islower()
        and not low.endswith("s")
        and low not in _BARE_VERB_AFTER
        and low not in AUX
        and low not in lex.pronouns
        and low not in LEADING_FUNCTION
        and low not in ADVERBS
        and not low.endswith("ly")
        and low not in lex.verbs
    )


@dataclass(frozen=True, slots=True, eq=False)
class Words:
    """A stretch of tokens with each token's speech-verb reading and word class, each worked out once."""

    toks: list[Tok]
    lex: Lexicon
    _verbs: list[object] = field(default_factory=list, init=False, repr=False)
    _classes: list[int] = field(default_factory=list, init=False, repr=False)

    def __len__(self) -> int:
        return len(self.toks)

    def verb(self, i: int) -> Verb | None:
        """The speech verb starting at token ``i`` (read with its neighbours in this stretch), or None."""
        if i >= len(self.toks):
            return None
        if not self._verbs:
            self._verbs.extend([_UNSET] * len(self.toks))
        found = self._verbs[i]
        if found is _UNSET:
            found = self._verbs[i] = verb_at(self.toks, i, self.lex)
        return found  # type: ignore[return-value]

    def word_class(self, i: int) -> int:
        """The word-class bits of token ``i``."""
        if not self._classes:
            self._classes.extend([-1] * len(self.toks))
        bits = self._classes[i]
        if bits < 0:
            bits = self._classes[i] = _classify(self.toks[i].text, self.lex) | (VERB if self.verb(i) else 0)
        return bits

    def capital_runs(self) -> list[tuple[int, int]]:
        """Runs of capitalised words as token index ranges [a, b): candidate names ("Deputy Director Vell")."""
        runs: list[tuple[int, int]] = []
        a = None
        for i in range(len(self.toks) + 1):
            capital = i < len(self.toks) and bool(self.word_class(i) & CAPITAL)
            if capital and a is None:
                a = i
            elif not capital and a is not None:
                runs.append((a, i))
                a = None
        return runs


def _classify(word: str, lex: Lexicon) -> int:
    low = word.lower()
    if word in QUOTE_MARKS:
        return MARK
    if not word[:1].isalnum():
        return PUNCT
    bits = WORD
    if low in lex.pronouns:
        bits |= PRONOUN
    if low in DETERMINERS:
        bits |= DETERMINER
    if low in PREPOSITIONS:
        bits |= PREPOSITION
    if word[:1].isupper():
        bits |= CAPITAL
    if low in ADVERBS or is_adverb(word):
        bits |= ADVERB
    return bits


def words(masked: str, lo: int, hi: int, lex: Lexicon) -> Words:
    """The tokens of masked[lo:hi] as ``Words``, for a stretch outside a quote's own window."""
    return Words(tokens(masked, lo, hi), lex)


# An attribution sits within this many characters of its quote: a longer "sentence" is text without sentence
# ends (a run of marks, a list), and reading all of it for each of its quotes would cost its length squared.
SENTENCE_REACH = 1000
# How far after the closing mark an attribution is read: ", said a spokesperson for the ministry, which …".
AFTER_REACH = 300


@dataclass(frozen=True, slots=True, eq=False)
class Window:
    """One quote's neighbourhood in the masked text (quotes blanked, offsets as in the article)."""

    text: str
    masked: str
    lex: Lexicon
    open_start: int  # the opening mark
    close_end: int  # just after the closing mark
    para_start: int
    para_end: int
    s_start: int  # the quote's sentence, bounded to SENTENCE_REACH either side
    s_end: int
    starts_sentence: bool  # no word between the sentence start and the opening mark
    ends_sentence: bool  # the quote's own words end with sentence punctuation
    _memo: dict[str, Words] = field(default_factory=dict, init=False, repr=False)

    def _words(self, key: str, lo: int, hi: int) -> Words:
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = words(self.masked, lo, hi, self.lex)
        return found

    @property
    def before(self) -> Words:
        """Sentence start .. opening mark."""
        return self._words("before", self.s_start, self.open_start)

    @property
    def after(self) -> Words:
        """Closing mark .. paragraph end, at most AFTER_REACH characters."""
        return self._words("after", self.close_end, min(self.para_end, self.close_end + AFTER_REACH))

    @property
    def tail(self) -> Words:
        """Closing mark .. sentence end."""
        return self._words("tail", self.close_end, self.s_end)

    @property
    def sentence(self) -> Words:
        """The whole sentence, the quote's blanked inside included."""
        return self._words("sentence", self.s_start, self.s_end)

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])


def window(
    text: str,
    masked: str,
    lex: Lexicon,
    *,
    open_start: int,
    close_end: int,
    para_start: int,
    para_end: int,
    ends_sentence: bool,
) -> Window:
    """The window of the quote whose marks sit at ``open_start`` .. ``close_end``."""
    s_start = sentence_start(masked, max(para_start, open_start - SENTENCE_REACH), open_start)
    s_end = sentence_end(masked, close_end, min(para_end, close_end + SENTENCE_REACH))
    starts = not WORD_RE.search(masked, s_start, open_start)
    return Window(text, masked, lex, open_start, close_end, para_start, para_end, s_start, s_end, starts, ends_sentence)
