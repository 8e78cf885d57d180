"""Attribution frames written as data: patterns over a window's tokens, read by one matcher.

A pattern is a short sequence of elements, a token from a set (``Tok``) or a speaker mention (``Speaker``),
anchored at the opening mark (``END``: read right to left from the last token before the quote) or at the start
of the stretch (``START``). The quote marks right before the opening mark are skipped first. A pattern may carry
a ``check`` over the tokens and the mention it found, for the conditions no sequence says ("not the object of a
verb"). The first pattern of a table that matches gives the frame; the shapes that need more than a sequence
(an apposition between name and verb, a verb reporting a whole clause) stay functions in ``frames``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from quotediff.extract.frames import Frame, addressee_at
from quotediff.extract.layout import TRANSCRIPT_LABEL_RE
from quotediff.extract.lexicon import Lexicon
from quotediff.extract.mentions import Mention, clause_subject, mention_before
from quotediff.extract.mentions_after import mention_after
from quotediff.extract.tokens import PREPOSITIONS, QUOTE_MARKS, Tok, looks_like_verb
from quotediff.extract.window import Verb as VerbReading
from quotediff.extract.window import Window, Words, words
from quotediff.model import Span

END = "end"
START = "start"


@dataclass(frozen=True, slots=True)
class Tok1:
    """One token whose text is in ``texts``; with ``within``, the first such token among the first ``within``."""

    texts: frozenset[str]
    within: int = 0


@dataclass(frozen=True, slots=True)
class Speaker:
    """A speaker mention read ``before`` the next element, ``after`` the previous one, or as the ``subject`` of
    the clause before the next element; ``kinds`` the mention kinds accepted; ``loose`` reads a name after a
    verb the lenient way ("said Lu, a diplomat")."""

    read: str
    kinds: frozenset[str] | None = None  # None: any
    loose: bool = False


@dataclass(frozen=True, slots=True)
class Verb:
    """A speech verb; with ``reach``, the one ``reach`` finds past an apposition or hedge (None: no frame), and
    with ``absent``, a clause where ``reach`` finds none ("“…” — Vell")."""

    check: Callable[[State, VerbReading], bool] | None = None
    reach: Callable[[State], tuple[int, VerbReading | None] | None] | None = None
    absent: bool = False


Element = Tok1 | Speaker | Verb


@dataclass(slots=True)
class State:
    """What one pattern has read so far: the position, the mention and the verb (token index and reading)."""

    words: Words
    text: str
    masked: str
    pos: int = 0
    new_sentence: bool = False  # the clause opens a sentence of its own ("“….” Lu said.")
    dash: bool = False  # a dash before the clause ("“…” — Lu")
    mention: Mention | None = None
    verb_at: int = -1
    verb: VerbReading | None = None
    # the last mention and the last reach read, kept for the next pattern of the table that asks the same
    read_at: tuple[int, bool] = (-1, False)
    read: Mention | None = None
    reached_at: tuple[int, object] = (-1, None)
    reached: tuple[int, VerbReading | None] | None = None

    @property
    def toks(self) -> list[Tok]:
        return self.words.toks

    @property
    def lex(self) -> Lexicon:
        return self.words.lex


Check = Callable[[State], bool]


@dataclass(frozen=True, slots=True)
class Pattern:
    how: str  # the frame's ``how``
    anchor: str  # END or START
    elements: tuple[Element, ...]
    check: Check | None = None
    addressee: bool = False  # read an addressee after the verb: "Lu told reporters"
    when: Check | None = None  # a condition on where the match starts, tried before any token is read


def match(table: tuple[Pattern, ...], toks: list[Tok], text: str, lex: Lexicon) -> Frame | None:
    """The frame of the first pattern in ``table`` that the tokens before a quote match."""
    view = list(toks)
    while view and view[-1].text in QUOTE_MARKS:
        view.pop()  # the marks before the opening mark: “‘…
    return match_words(table, State(Words(view, lex), text, text))


def match_words(table: tuple[Pattern, ...], state: State) -> Frame | None:
    """The frame of the first pattern in ``table`` that matches from ``state.pos`` (START) or ends at the end of
    the tokens (END); mentions and reaches read once are shared by the patterns after."""
    start = state.pos
    for pattern in table:
        if pattern.when is not None and not pattern.when(state):
            continue
        state.pos, state.verb_at, state.verb = start, -1, None
        mention = _match_end(pattern, state) if pattern.anchor is END else _match_start(pattern, state)
        if mention is not None:
            state.mention = mention
            if pattern.check is None or pattern.check(state):
                return _frame(pattern, state, mention)
    return None


def _frame(pattern: Pattern, state: State, mention: Mention) -> Frame:
    if state.verb is None:
        return Frame(mention, None, None, None, None, pattern.how)
    used, lemma, tone = state.verb
    toks, k = state.toks, state.verb_at
    span = Span(toks[k].start, toks[k + used - 1].end, state.text[toks[k].start : toks[k + used - 1].end])
    heard = addressee_at(toks, k + used, lemma, state.text, state.lex) if pattern.addressee else None
    return Frame(mention, span, lemma, tone, heard, pattern.how)


def _match_end(pattern: Pattern, state: State) -> Mention | None:
    view, text, lex = state.toks, state.text, state.lex
    pos = len(view)
    for element in reversed(pattern.elements):
        if isinstance(element, Tok1):
            if pos == 0 or view[pos - 1].text not in element.texts:
                return None
            pos -= 1
            continue
        if pos == 0 or not isinstance(element, Speaker):
            return None
        if element.read == "subject":
            mention = clause_subject(view, 0, pos, text, lex)
        else:
            mention = mention_before(view, pos, text, lex)
        return mention if mention is not None and _kind_fits(mention, element) else None
    return None


def _match_start(pattern: Pattern, state: State) -> Mention | None:
    """Left to right from ``state.pos``: the mention the pattern's speaker element reads, once every element
    matched."""
    view = state.toks
    found: Mention | None = None
    for element in pattern.elements:
        if isinstance(element, Speaker):
            found = _mention_after(state, element.loose)
            if found is None or (element.kinds is not None and found.kind not in element.kinds):
                return None
            k, end, n = state.pos, found.end, len(view)
            while k < n and view[k].end <= end:
                k += 1
            state.pos = k
        elif isinstance(element, Verb):
            if not _verb(element, state):
                return None
        else:
            if element.within:
                texts = element.texts
                at = next((c for c, tok in enumerate(view[: element.within]) if tok.text in texts and c > 0), None)
                if at is None or found is None or found.end != view[at - 1].end:
                    return None
                state.pos = at + 1
            elif state.pos < len(view) and view[state.pos].text in element.texts:
                state.pos += 1
            else:
                return None
    return found


def _mention_after(state: State, loose: bool) -> Mention | None:
    at = (state.pos, loose)
    if state.read_at != at:
        state.read_at, state.read = at, mention_after(state.toks, state.pos, state.text, state.lex, loose=loose)
    return state.read


def _verb(element: Verb, state: State) -> bool:
    k: int
    verb: VerbReading | None
    if element.reach is not None:
        at = (state.pos, element.reach)
        if state.reached_at != at:
            state.reached_at, state.reached = at, element.reach(state)
        if state.reached is None:
            return False
        k, verb = state.reached
        if element.absent:
            return verb is None
    else:
        k, verb = state.pos, state.words.verb(state.pos)
    if verb is None or (element.check is not None and not element.check(state, verb)):
        return False
    state.verb_at, state.verb, state.pos = k, verb, k + verb[0]
    return True


def _kind_fits(mention: Mention, speaker: Speaker) -> bool:
    return speaker.kinds is None or mention.kind in speaker.kinds


def _first(view: list[Tok], mention: Mention) -> int:
    return next((k for k, t in enumerate(view) if t.start >= mention.start), 0)


def _no_verb_before(state: State) -> bool:
    """Not the object of a verb or a preposition: "Pollsters agree - Carl Bialik:" but not "told Carl Bialik:"."""
    view, mention, lex = state.toks, state.mention, state.lex
    assert mention is not None
    first = _first(view, mention)
    before = view[first - 1].text.lower() if first > 0 else ""
    return not (before and (before in lex.verbs or before in PREPOSITIONS or before[:1].isalpha()))


# Not "by" or "from": "an address by Putin:", "a message from Vell:" name the speaker.
_ADDRESSEE_PREPOSITIONS = frozenset("to for at with toward towards against about over into on in".split())


def _in_prepositional_phrase(toks: list[Tok], first: int) -> bool:
    """Whether the mention starting at token ``first`` is the object of a preposition ("to Ukraine", "to Putin
    and the world")."""
    before = toks[first - 1].text.lower()
    if before in _ADDRESSEE_PREPOSITIONS:
        return True
    if before in ("and", "or") and first >= 3:
        return any(toks[k].text.lower() in _ADDRESSEE_PREPOSITIONS for k in range(max(0, first - 5), first - 1))
    return False


def _speaker_not_object(state: State) -> bool:
    """ "sent a message to Putin and the world: “…”" names an addressee, "warned Vell:" an object."""
    view, mention, lex = state.toks, state.mention, state.lex
    assert mention is not None
    first = _first(view, mention)
    if first > 0 and _in_prepositional_phrase(view, first) or not _not_a_label(state):
        return False
    return first == 0 or not looks_like_verb(view[first - 1].text, lex)


# The last word of a label before a colon, never of a name: "Best Line:", "Key Quote:", "Full Statement:".
_LABEL_WORDS = frozenset("line lines quote quotes words remarks statement moment takeaway update watch read".split())


def _not_a_label(state: State) -> bool:
    mention = state.mention
    assert mention is not None  # (a capitalised label only: "His own words:" names its owner)
    return mention.kind != "named" or mention.text.split()[-1].lower() not in _LABEL_WORDS


def _name_not_label(state: State) -> bool:
    return _not_a_label(state) and _no_verb_before(state)


_NOT_PRONOUN = frozenset(("named", "anonymous", "organisation"))
_COLON = frozenset((":",))

# NAME ":" [marks]: "Pollsters agree - Carl Bialik: “…”" (tried before the speech-verb frames)
NAME_COLON = (Pattern("colon", END, (Speaker("before", frozenset(("named",))), Tok1(_COLON)), _name_not_label),)

COLON = (
    # MENTION (":" | dash) [marks]: "... pollster Daron Shaw: “…”", "Vell — “…”"
    Pattern("colon", END, (Speaker("before", _NOT_PRONOUN), Tok1(frozenset((":", "—", "–")))), _speaker_not_object),
    # SUBJECT ... ":" [marks]: "In a Fox interview, Trump went even further: “…”"
    Pattern("colon", END, (Speaker("subject"), Tok1(_COLON))),
    # ^ NAME ":" within the first six tokens: a headline "Bill Clinton: Hillary ‘…’"
    Pattern("colon", START, (Speaker("after", frozenset(("named",))), Tok1(_COLON, within=6)), _not_a_label),
)


def frame_name_colon(win: Window) -> Frame | None:
    """A name right before a colon and the quote, not the object of a verb: "Pollsters agree - Carl Bialik: “…”"."""
    return match(NAME_COLON, win.before.toks, win.text, win.lex)


def frame_colon(win: Window) -> Frame | None:
    """A name and a colon: "... pollster Daron Shaw: “…”", or a headline "Bill Clinton: Hillary ‘…’"."""
    return match(COLON, win.before.toks, win.text, win.lex)


def frame_colon_in(masked: str, text: str, lo: int, pos: int, lex: Lexicon) -> Frame | None:
    """``frame_colon`` over masked[lo:pos], a stretch outside the quote's own sentence."""
    return match(COLON, words(masked, lo, pos, lex).toks, text, lex)


# A transcript line inside quotes: “PENCE: Well, look...”, “Chris Matthews: Seriously...”.
_LABEL_RE = re.compile(r"\s*([A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,2}|[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}):\s")


def speaker_label(text: str, marks: str, para_start: int, start: int, end: int) -> Frame | None:
    """A transcript's speaker label: "WALLACE: Will you …" before a turn, or “PENCE: Well, …” inside the marks."""
    if marks == "transcript":
        match = TRANSCRIPT_LABEL_RE.match(text, para_start, end)
        if match is not None:
            s, e = match.span(1)
            return Frame(Mention(s, e, text[s:e], "named"), None, None, None, None, "label")
    match = _LABEL_RE.match(text, start, end)
    if match is None:
        return None
    s, e = match.span(1)
    return Frame(Mention(s, e, text[s:e], "named"), None, None, None, None, "label")
