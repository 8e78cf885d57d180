"""The attribution of a quote that opens its sentence, read from what comes before it: the sentence before in its
paragraph, or the paragraph before ("Lu was blunt. “…”", "Her full remarks read:\n\n“…”", "According to him, …").
"""

from __future__ import annotations

import re

from quotediff.extract.documents import frame_lead_in, quotes_as_in
from quotediff.extract.frames import Frame, frame_before_in
from quotediff.extract.lexicon import Lexicon
from quotediff.extract.mentions import Mention, clause_subject
from quotediff.extract.mentions_after import mention_after
from quotediff.extract.patterns import frame_colon_in
from quotediff.extract.sites import QuoteSite
from quotediff.extract.tokens import sentence_end, sentence_start, tokens, word_count


def frame_previous(
    masked: str,
    text: str,
    sites: list[QuoteSite],
    n: int,
    s_start: int,
    frames: list[Frame | None],
    lex: Lexicon,
) -> Frame | None:
    """For a quote that starts its sentence: the sentence before, a colon paragraph, or a floating quote."""
    site = sites[n]
    prev = sites[n - 1] if n > 0 else None
    if s_start > site.para_start:
        # previous sentence in the same paragraph: "Lu was blunt. “…”" / "Lu told Majeed: ..."
        p_start = sentence_start(masked, site.para_start, max(site.para_start, s_start - 2))
        if prev is not None and prev.close_end > p_start and frames and frames[-1] is not None:
            return Frame(frames[-1].speaker, frames[-1].verb, frames[-1].lemma, frames[-1].tone, None, "floating")
        frame = frame_before_in(masked, text, p_start, s_start, lex)
        if frame is not None:
            return frame
        # an earlier quote in the same paragraph: the paragraph's speaker goes on talking
        for k in range(n - 1, -1, -1):
            if sites[k].para_start != site.para_start:
                break
            f = frames[k]
            if f is not None:
                return Frame(f.speaker, f.verb, f.lemma, f.tone, None, "floating")
        # "The phrase is taken from Donald Rumsfeld’s response to a question. “…”": whose words follow
        owned = frame_lead_in(masked, text, p_start, s_start, s_start, lex)
        if owned is not None:
            return owned
        toks = tokens(masked, p_start, s_start)
        subject = clause_subject(toks, 0, len(toks), text, lex) if toks else None
        if subject is not None and subject.kind != "anonymous":
            return Frame(subject, None, None, None, None, "previous")
        return None
    # previous paragraph
    before_end = len(masked[: site.para_start].rstrip())
    if before_end == 0:
        return None
    para_start = masked.rfind("\n", 0, before_end) + 1
    last_start = sentence_start(masked, para_start, before_end)
    tail = masked[para_start:before_end]
    if prev is not None and prev.para_end >= para_start and prev.para_end <= site.para_start:
        # the paragraph before holds a quote: a floating quote continues its speaker
        rest = masked[prev.close_end : prev.para_end]
        f = frames[-1] if frames else None
        if f is not None and not rest.rstrip().endswith(":") and (word_count(rest) <= 12 or _own_tail(f, prev, masked)):
            return Frame(f.speaker, f.verb, f.lemma, f.tone, None, "floating")
    if tail.endswith(":") or tail.endswith(","):
        earlier = sentence_start(masked, para_start, max(para_start, last_start - 2))
        frame = (
            quotes_as_in(masked, text, lex, last_start, before_end)
            or frame_before_in(masked, text, last_start, before_end, lex)
            or frame_lead_in(masked, text, last_start, before_end, earlier, lex)
            or frame_colon_in(masked, text, last_start, before_end, lex)
        )
        if frame is None:
            toks = tokens(masked, last_start, before_end)
            subject = clause_subject(toks, 0, len(toks), text, lex) if toks else None
            if subject is not None:
                frame = Frame(subject, None, None, None, None, "previous")
        return frame
    if word_count(tail) <= 8 and not tail.endswith((".", "!", "?", "”", '"')):
        # "Ronald Reagan’s memorable line…\n\n“…”": a heading that names whose words follow
        lead = frame_lead_in(masked, text, para_start, before_end, before_end, lex)
        if lead is not None:
            return lead
    # "Trump spoke about the attack.\n\n“…”": a reporting sentence right before a quote paragraph
    frame = frame_before_in(masked, text, last_start, before_end, lex)
    if frame is not None and frame.speaker is not None and frame.speaker.kind in ("named", "pronoun"):
        return Frame(frame.speaker, frame.verb, frame.lemma, frame.tone, None, "previous")
    # "Sotomayor did not hold back in her dissent.\n\n“…”", "Zelenskyy delivered a message of reassurance.\n\n“…”": a
    # quote standing as its own paragraph after a sentence about a person is that person's
    toks = tokens(masked, last_start, before_end)
    subject = clause_subject(toks, 0, len(toks), text, lex) if toks else None
    if subject is not None and subject.kind in ("named", "pronoun"):
        return Frame(subject, None, None, None, None, "previous")
    # "According to him, distancing helps.\n\n“…”": the paraphrase's source goes on in his own words
    according = _ACCORDING_RE.match(masked, last_start, before_end)
    if according is not None:
        toks = tokens(masked, according.end(), before_end)
        speaker = mention_after(toks, 0, text, lex) if toks else None
        if toks and toks[0].text.lower() in ("him", "her", "them"):
            speaker = Mention(toks[0].start, toks[0].end, text[toks[0].start : toks[0].end], "pronoun")
        if speaker is not None and speaker.kind in ("named", "pronoun"):
            return Frame(speaker, None, None, None, None, "previous")
    return None


_ACCORDING_RE = re.compile(r"\s*According to\s+")


def _own_tail(frame: Frame, prev: QuoteSite, masked: str) -> bool:
    """The rest of the quote's paragraph is one sentence naming its speaker ("…,” the Prime Minister told
    reporters after a speech on board HMS Ocean."): it says who spoke, however long, and no one else comes in."""
    speaker = frame.speaker
    if speaker is None or not prev.close_end <= speaker.start < prev.para_end:
        return False
    end = len(masked[: prev.para_end].rstrip())
    return sentence_end(masked, prev.close_end + 1, end) >= end - 1
