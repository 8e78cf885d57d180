"""Possessive frames before a quote: "Trump's claim that there were “…”", "Lu's words were: “…”".

The possessor owns the words whether or not a speech verb follows; a leading "In" or "As" is no part of the name
("In Vell's words"), and "his"/"her"/"their" stand for the person the sentence is about.
"""

from __future__ import annotations

import re

from quotediff.extract.frames import Frame, has_speech_verb
from quotediff.extract.mentions import Mention, clause_subject
from quotediff.extract.mentions_after import mention_after
from quotediff.extract.tokens import LEADING_FUNCTION, tokens
from quotediff.extract.window import Window
from quotediff.model import Span

# The owner of a claim or slogan: "Trump's", "Secretary Lu's", "his", "her", "their" (group 1). Its first letter
# is read first and what stands before it checked behind, so the regex engine skips from letter to letter.
_POSSESSOR = (
    r"([A-Zht](?<![\w’'][A-Zht])(?:(?<=[A-Z])[\w.\-]*(?:\s+[A-Z][\w.\-]*){0,3}['’]s"
    r"|(?<=[Hh])is|(?<=[Hh])er|(?<=[Tt])heir))"
)

_WORDS_WERE_RE = re.compile(
    r"([A-Zht](?<![\w’'][A-Zht])(?:(?<=[A-Z])[\w.\-]*(?:\s+[A-Z][\w.\-]*){0,3}['’]s|(?<=[Hh])is|(?<=[Hh])er|(?<=[Tt])heir))\s+"
    r"(?:(?:own|full|exact|actual|original|precise|famous|entire)\s+)?((?:words|response|reply|answer|message"
    r"|comment|comments|remarks?|verdict|statement|explanation|quotation|quote|line)"
    r"(?:\s+(?:was|were|is|are)(?:\s+as\s+follows|\s+(?:clear|simple|blunt|short|stark|direct|plain))?\s*[:,]?"
    r"|\s*:|(?<=words)\s*,?))\s*[“”\"‘'«„]?\s*$"
)

_CLAIM_RE = re.compile(
    _POSSESSOR + r"\s+(?:\w+\s+){0,2}?"
    r"(?:claim|claims|assertion|statement|remark|remarks|comment|comments|suggestion|promise|pledge|vow|warning"
    r"|insistence|argument|allegation|boast|description|prediction|contention|charge|accusation|quote|line|call"
    r"|characterization|characterisation"
    r"|declaration|plea|demand|threat|retort|quip|refrain|mantra|admission|assurance|reminder|rebuke"
    r"|view|views|accusation|tweet|post|belief|assessment|diagnosis|notion|idea|insinuation|assertions"
    r"|vision|hope|hopes|dream|wish|fear|fears|conviction|opinion|message|pronouncement|announcement)"
    # "Trudeau’s pronouncement in the House of Commons on Monday that, “…”"
    r"(?:\s+(?:on|in|at|during|last|this|earlier|to|before)(?:\s+[\w-]+){1,4}?){0,2}\s+(?:that|about|of)\b"
)


# A possessive slogan, motto or line right before the quote: the words are the possessor's.
SLOGAN_RE = re.compile(
    _POSSESSOR + r"\s+(?:[\w-]+\s+){0,2}?"
    r"(?:slogan|motto|catchphrase|catch-phrase|mantra|refrain|phrase|line|words|vow|pledge|promise|watchword)"
    r"\s*[:,—–]?\s*$"
)


def without_opener(text: str, s: int, e: int) -> int:
    """Where a possessive's name starts once a capitalised opener is skipped: "In Vell's words" names Vell."""
    while True:
        word = re.match(r"([A-Z][a-z]*)\s+", text[s:e])
        if word is None or word.group(1).lower() not in LEADING_FUNCTION:
            return s
        s += word.end()


def frame_claim(win: Window, *, that_only: bool = False) -> Frame | None:
    """A possessive claim before the quote, with no speech verb after it: "Trump's claim that there were “…”".
    With ``that_only``, only a claim whose clause holds the quote ("… about Ms. Khan was “…”" is said of it)."""
    masked, text, lo, pos, lex = win.masked, win.text, win.s_start, win.open_start, win.lex
    before = masked[lo:pos]
    if that_only and " that" not in before:
        return None  # the common case for a quote inside its sentence
    matches = list(_CLAIM_RE.finditer(masked, lo, pos))
    match = matches[-1] if matches else None
    if match is None and not that_only:
        match = SLOGAN_RE.search(masked, lo, pos)  # "asked to define her often-said slogan “…”"
    if match is not None and that_only and not match.group().endswith("that"):
        return None
    if match is None or has_speech_verb(masked, match.end(), pos, lex):
        return None
    # someone's slogan is their words, not a title in quote marks ("discussed" keeps it a statement)
    how = "discussed" if match.re is SLOGAN_RE else "colon"
    s, e = match.span(1)
    s = without_opener(text, s, e)
    if text[s:e].lower() in ("his", "her", "their"):  # "his call that Putin “…”": the person he stands for
        toks = tokens(masked, lo, s)
        subject = clause_subject(toks, 0, len(toks), text, lex) if toks else None
        if subject is not None and subject.kind == "named":
            return Frame(subject, None, None, None, None, how)  # "Biden was pressed about his call that"
        return Frame(Mention(s, e, text[s:e], "pronoun"), None, None, None, None, how)
    return Frame(Mention(s, e - 2, text[s : e - 2], "named"), None, None, None, None, how)


# "The most widely quoted denial by President Bill Clinton came …: “…”": the words' owner after "by"
_BY_OWNER_RE = re.compile(
    r"\b(?:denial|statement|remarks|speech|comments?|words|address|response|reply|warning|pledge|promise|vow"
    r"|declaration|admission|apology|quip|retort|tweet|post|message|line|quote)\s+by\s+(?=[A-Z])"
)


def frame_noun_by(win: Window) -> Frame | None:
    """Words named as someone's before the quote by "by", with no speech verb after: "the denial by Clinton came
    during a statement: “…”", "remarks by Vell at the quay: “…”"."""
    masked, text, lo, pos, lex = win.masked, win.text, win.s_start, win.open_start, win.lex
    if " by " not in masked[lo:pos]:
        return None  # the common case
    matches = list(_BY_OWNER_RE.finditer(masked, lo, pos))
    if not matches or has_speech_verb(masked, matches[-1].end(), pos, lex):
        return None
    toks = tokens(masked, matches[-1].end(), pos)
    who = mention_after(toks, 0, text, lex) if toks else None
    return Frame(who, None, None, None, None, "colon") if who is not None and who.kind == "named" else None


def frame_words_were(win: Window) -> Frame | None:
    """A possessive frame before the quote: "Lu's words were: “…”", "Rush's reply was “…”"."""
    masked, text, lo, pos = win.masked, win.text, win.s_start, win.open_start
    match = _WORDS_WERE_RE.search(masked, lo, pos + 1)
    if match is None:
        return None
    s, e = match.span(1)
    s = without_opener(text, s, e)
    vs, ve = match.span(2)
    while ve > vs and (text[ve - 1] in ":," or text[ve - 1].isspace()):
        ve -= 1  # "Vell's words:": the colon is no part of the verb
    phrase = " ".join(text[vs:ve].split())
    verb = Span(vs, ve, text[vs:ve])
    if text[s:e].lower() in ("his", "her", "their"):  # "her words were:": the person she stands for
        return Frame(Mention(s, e, text[s:e], "pronoun"), verb, phrase.lower(), "neutral", None, "colon")
    e -= 2  # the name without its "'s"
    return Frame(Mention(s, e, text[s:e], "named"), verb, phrase.lower(), "neutral", None, "colon")
