"""Attribution frames written as data: patterns over a window's tokens, read by one matcher.

A pattern is a short sequence of elements, a token from a set (``Tok``) or a speaker mention (``Speaker``),
anchored at the opening mark (``END``: read right to left from the last token before the quote) or at the start
of the stretch (``START``). The quote marks right before the opening mark are skipped first. A pattern may carry
a ``check`` over the tokens and the mention it found, for the conditions no sequence says ("not the object of a
verb"). The first pattern of a table that matches gives the frame; the shapes that need more than a sequence
(an apposition between name and verb, a verb reporting a whole clause) stay functions in ``frames``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from quotediff.extract.frames import Frame
from quotediff.extract.lexicon import Lexicon
from quotediff.extract.mentions import Mention, clause_subject, mention_after, mention_before
from quotediff.extract.tokens import PREPOSITIONS, QUOTE_MARKS, Tok, looks_like_verb
from quotediff.extract.window import Window, words

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
    the clause before the next element; ``kinds`` the mention kinds accepted."""

    read: str
    kinds: frozenset[str] | None = None  # None: any


Check = Callable[[list[Tok], Mention, Lexicon], bool]


@dataclass(frozen=True, slots=True)
class Pattern:
    how: str  # the frame's ``how``
    anchor: str  # END or START
    elements: tuple[Tok1 | Speaker, ...]
    check: Check | None = None


def match(table: tuple[Pattern, ...], toks: list[Tok], text: str, lex: Lexicon) -> Frame | None:
    """The frame of the first pattern in ``table`` that the tokens before a quote match."""
    view = list(toks)
    while view and view[-1].text in QUOTE_MARKS:
        view.pop()  # the marks before the opening mark: “‘…
    for pattern in table:
        read = _match_end if pattern.anchor == END else _match_start
        mention = read(pattern, view, text, lex)
        if mention is not None and (pattern.check is None or pattern.check(view, mention, lex)):
            return Frame(mention, None, None, None, None, pattern.how)
    return None


def _match_end(pattern: Pattern, view: list[Tok], text: str, lex: Lexicon) -> Mention | None:
    pos = len(view)
    for element in reversed(pattern.elements):
        if isinstance(element, Tok1):
            if pos == 0 or view[pos - 1].text not in element.texts:
                return None
            pos -= 1
            continue
        if pos == 0:
            return None
        if element.read == "subject":
            mention = clause_subject(view, 0, pos, text, lex)
        else:
            mention = mention_before(view, pos, text, lex)
        return mention if mention is not None and _kind_fits(mention, element) else None
    return None


def _match_start(pattern: Pattern, view: list[Tok], text: str, lex: Lexicon) -> Mention | None:
    speaker, mark = pattern.elements
    assert isinstance(speaker, Speaker) and isinstance(mark, Tok1)
    at = next((c for c, tok in enumerate(view[: mark.within]) if tok.text in mark.texts and c > 0), None)
    if at is None:
        return None
    mention = mention_after(view, 0, text, lex)
    if mention is None or not _kind_fits(mention, speaker) or mention.end != view[at - 1].end:
        return None
    return mention


def _kind_fits(mention: Mention, speaker: Speaker) -> bool:
    return speaker.kinds is None or mention.kind in speaker.kinds


def _first(view: list[Tok], mention: Mention) -> int:
    return next((k for k, t in enumerate(view) if t.start >= mention.start), 0)


def _no_verb_before(view: list[Tok], mention: Mention, lex: Lexicon) -> bool:
    """Not the object of a verb or a preposition: "Pollsters agree - Carl Bialik:" but not "told Carl Bialik:"."""
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


def _speaker_not_object(view: list[Tok], mention: Mention, lex: Lexicon) -> bool:
    """ "sent a message to Putin and the world: “…”" names an addressee, "warned Vell:" an object."""
    first = _first(view, mention)
    if first > 0 and _in_prepositional_phrase(view, first):
        return False
    return first == 0 or not looks_like_verb(view[first - 1].text, lex)


_NOT_PRONOUN = frozenset(("named", "anonymous", "organisation"))
_COLON = frozenset((":",))

# NAME ":" [marks]: "Pollsters agree - Carl Bialik: “…”" (tried before the speech-verb frames)
NAME_COLON = (Pattern("colon", END, (Speaker("before", frozenset(("named",))), Tok1(_COLON)), _no_verb_before),)

COLON = (
    # MENTION (":" | dash) [marks]: "... pollster Daron Shaw: “…”", "Vell — “…”"
    Pattern("colon", END, (Speaker("before", _NOT_PRONOUN), Tok1(frozenset((":", "—", "–")))), _speaker_not_object),
    # SUBJECT ... ":" [marks]: "In a Fox interview, Trump went even further: “…”"
    Pattern("colon", END, (Speaker("subject"), Tok1(_COLON))),
    # ^ NAME ":" within the first six tokens: a headline "Bill Clinton: Hillary ‘…’"
    Pattern("colon", START, (Speaker("after", frozenset(("named",))), Tok1(_COLON, within=6))),
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
