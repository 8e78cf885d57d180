"""Which capitalised words name a speaker: words the article capitalises mid-sentence, and headlines, lines in
title case where capitals tell neither a name from a verb nor a quote from a title ("Vell Says Mayor ‘Will Not
Close The Port’", "Vell Shrugs Off Storm – “…”").

``attribute`` lower-cases a headline's speech verbs before its rules read the line, frames "Name: … ‘…’", and cuts
a headline's capitalised run to the words the article's prose also capitalises. A dateline ("WARSAW, Poland — ")
opens a paragraph and is blanked before the rules read it.
"""

from __future__ import annotations

import re

from quotediff.extract.frames import Frame
from quotediff.extract.lexicon import Lexicon
from quotediff.extract.mentions import Mention
from quotediff.extract.tokens import WORD_RE, fold_accents, is_cap


def in_headline(masked: str, pos: int) -> bool:
    """Whether ``pos`` sits in a title-case line ("Zelensky Rejects US Offer Saying “…”"), where every word is
    capitalised and neither a capital nor a quote's title case tells a name or a title."""
    line_start = masked.rfind("\n", 0, pos) + 1
    line_end = masked.find("\n", pos)
    significant = 0
    for match in WORD_RE.finditer(masked, line_start, line_end if line_end >= 0 else len(masked)):
        word = match.group()
        if len(word) > 3:
            if not is_cap(word):
                return False  # prose: most lines stop at their first long word
            significant += 1
    return significant >= 3


_CAPITAL_RE = re.compile(r"(?<![\w’'])[A-Z][\w’'\-.]*")


def headline_verbs(masked: str, lex: Lexicon) -> str:
    """Speech verbs of title-case lines lower-cased (offsets unchanged), so the rules read "Hollande Says Trump
    ‘…’" as they read "Hollande says Trump"."""
    lines = masked.split("\n")
    changed = False
    for n, line in enumerate(lines):
        if not in_headline(line, 0):
            continue
        first = True
        parts = []
        for piece in re.split(r"(\W+)", line):
            if piece[:1].isupper() and not first and piece.lower() in lex.verbs:
                piece = piece.lower()
                changed = True
            if piece[:1].isalpha():
                first = False
            parts.append(piece)
        lines[n] = "".join(parts)
    return "\n".join(lines) if changed else masked


def body_capitals(masked: str, cache: list[frozenset[str]]) -> frozenset[str]:
    """Words capitalised mid-sentence outside title-case lines: the names the article's prose uses."""
    if not cache:
        prose = " ".join(line for line in masked.split("\n") if not in_headline(line, 0))
        cache.append(frozenset(fold_accents(re.sub(r"[’']s$", "", w.rstrip("."))) for w in _CAPITAL_RE.findall(prose)))
    return cache[0]


_HEADLINE_NAME_RE = re.compile(r"[ \t]*((?:[A-Z][\w.’'\-]*[ \t]+){0,5}[A-Z][\w.’'\-]*)[ \t]*:")


def headline_colon(masked: str, text: str, pos: int) -> Frame | None:
    """A headline opened by a name and a colon: "Milbank: Republicans ‘Waving The Flag’ To Trump"."""
    match = _HEADLINE_NAME_RE.match(masked, masked.rfind("\n", 0, pos) + 1, pos)
    if match is None:
        return None
    s, e = match.span(1)
    return Frame(Mention(s, e, text[s:e], "named"), None, None, None, None, "colon")


def headline_speaker(frame: Frame, body: frozenset[str], text: str) -> Frame:
    """A headline's capitalised run cut to the words the prose also capitalises: "Zelenskyy Shrugs Off Rescue –
    “…”" names Zelenskyy."""
    speaker = frame.speaker
    if speaker is None or speaker.kind != "named":
        return frame
    words = list(re.finditer(r"\S+", text[speaker.start : speaker.end]))
    keep = 0
    while (
        keep < len(words)
        and fold_accents(words[keep].group().replace("’s", "").replace("'s", "").strip(",").rstrip(".")) in body
    ):
        keep += 1
    if keep in (0, len(words)):
        return frame
    end = speaker.start + words[keep - 1].end()
    cut = Mention(speaker.start, end, text[speaker.start : end], "named")
    return Frame(cut, frame.verb, frame.lemma, frame.tone, frame.addressee, frame.how, frame.sources)


# "WARSAW, Poland — ", "WASHINGTON (Reuters) - ": a dateline opens a paragraph and names no speaker.
_DATELINE_RE = re.compile(
    r"^[ \t]*[A-Z][A-Z.'’\-]{2,}(?:[ ][A-Z][A-Z.'’\-]+)*(?:,[ ]+[A-Z][\w.]+(?:[ ][A-Z][\w.]+)*)?[ ]*"
    r"(?:\([^)\n]{1,40}\)[ ]*)?(?:—|–|-{1,2})[ ]",
    re.M,
)


def blank_datelines(masked: str) -> str:
    """The masked text with each paragraph-opening dateline blanked (offsets unchanged)."""
    return _DATELINE_RE.sub(lambda m: " " * len(m.group()), masked)


_MID_SENTENCE_CAP_RE = re.compile(r"(?<=[A-Za-z,;”\")] )[A-Z][\w’'\-]*")


def known_capitals(text: str) -> frozenset[str]:
    """Words the article capitalises in mid-sentence: names, not just sentence-initial words ("Unless")."""
    words = _MID_SENTENCE_CAP_RE.findall(text)
    return frozenset(words) | {w[:-2] for w in words if w.endswith(("’s", "'s"))}  # "Obama’s" knows "Obama"


def plausible(frame: Frame | None, known: frozenset[str], text: str) -> Frame | None:
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
    if len(words) == 1 and words[0].endswith("ing") and len(words[0]) >= 6:
        return None  # "Following remarks on his budget, …": a participle opening the sentence
    if len(words) == 1 and not adjacent:
        word = words[0].replace("’s", "").replace("'s", "")
        if word not in known and word.upper() != word:
            return None
    return frame
