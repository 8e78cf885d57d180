"""Cutting a rendering's text into plain and marked pieces for the HTML report (view data, no HTML)."""

from __future__ import annotations

from collections.abc import Sequence

from quotediff.model import Edit, Member, Quote, Token
from quotediff.report.html_data import EditView, Segment


def mark_segments(text: str, tokens: Sequence[Token], edits: Sequence[tuple[Edit, EditView]]) -> tuple[Segment, ...]:
    """Cut ``text`` into plain and edited pieces, keeping the original characters between tokens.

    An edit whose token range does not fit the text (or overlaps one already placed) is appended at the end,
    so every edit stays visible and countable even if the differ and the tokenizer ever disagree.
    """
    placed: list[tuple[int, int, int, EditView]] = []  # (char start, char end, order, view)
    stray: list[EditView] = []
    taken_until = 0
    ordered = sorted(enumerate(edits), key=lambda item: (item[1][0].var_start, item[1][0].var_end, item[0]))
    for order, (edit, view) in ordered:
        if not 0 <= edit.var_start <= edit.var_end <= len(tokens):
            stray.append(view)
            continue
        if edit.var_start == edit.var_end:
            start = tokens[edit.var_start].start if edit.var_start < len(tokens) else len(text)
            end = start
        else:
            start, end = tokens[edit.var_start].start, tokens[edit.var_end - 1].end
        if start < taken_until:
            stray.append(view)
            continue
        placed.append((start, end, order, view))
        taken_until = end
    segments: list[Segment] = []
    cursor = 0
    for start, end, _order, view in placed:
        if start > cursor:
            segments.append(Segment(text[cursor:start]))
        segments.append(Segment(text[start:end], view))
        cursor = max(cursor, end)
    if cursor < len(text):
        segments.append(Segment(text[cursor:]))
    segments.extend(Segment("", view) for view in stray)
    return tuple(segments)


def piece_breaks(member: Member, quotes: dict[str, Quote]) -> tuple[int, ...]:
    """Offsets in ``member.text`` where the next piece of a split quote starts with nothing marking the gap
    (pieces of one utterance are joined by a space; separate quotes already carry "…")."""
    breaks: list[int] = []
    cursor = 0
    for number, quote_id in enumerate(member.quote_ids):
        quote = quotes.get(quote_id)
        if quote is None:
            return ()
        head = quote.text.strip()[:20]
        found = member.text.find(head, cursor) if head else -1
        if found < 0:
            return tuple(breaks)
        if number and not member.text[cursor:found].strip():
            breaks.append(found)
        cursor = min(len(member.text), found + len(quote.text.strip()))
    return tuple(breaks)


def with_breaks(segments: tuple[Segment, ...], breaks: Sequence[int]) -> tuple[Segment, ...]:
    """Cut plain segments at the piece breaks and put a break mark there (never inside a marked edit)."""
    if not breaks:
        return segments
    out: list[Segment] = []
    position = 0
    for segment in segments:
        end = position + len(segment.text)
        inside = [b for b in breaks if position < b < end] if segment.edit is None else []
        if segment.edit is None and position in breaks and out:
            out.append(Segment("", piece_break=True))
        cut = position
        for b in inside:
            out.append(Segment(segment.text[cut - position : b - position]))
            out.append(Segment("", piece_break=True))
            cut = b
        out.append(Segment(segment.text[cut - position :], segment.edit) if inside else segment)
        position = end
    return tuple(out)
