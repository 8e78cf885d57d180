"""A primary document as the reference: the stretch the renderings quote, and who says it there.

A transcript or cable has no attribution framing of its own, but it does say who spoke: a speaker label opening
the turn ("HELENA MARSH: …"). When it names nobody usable, the speaker most outlets name stands in, so that an
outlet giving the words to someone else is still reported as a misattribution.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from quotediff.compare.match import Rendering, locate_words, matching_words
from quotediff.compare.shifts import same_person
from quotediff.model import Article, Attribution, Token

# A speaker label opening a turn: "HELENA MARSH:", "Helena Marsh (Environment Minister):", "Don:".
_LABEL = re.compile(r"[ \t]*([A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,4})[ \t]*(?:\([^)\n]*\))?[ \t]*:[ \t]")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
# Labels that name a role in the proceedings, not a speaker.
_NOT_SPEAKERS = frozenset({"question", "answer", "q", "a", "moderator", "reporter", "note", "end", "subject", "to"})
_PEOPLE = ("named", "pronoun")


def source_window(members: Sequence[Rendering], source: Article, tokens: Sequence[Token]) -> tuple[int, int] | None:
    """The stretch of the primary document that the group's renderings quote, as character offsets.

    Each rendering is located on its own; the window is the union of the locations that overlap the stretch most
    renderings agree on (a paraphrase located on a neighbouring line does not stretch it), kept inside one
    paragraph (one speaker's turn) and after its speaker label.
    """
    words = [t for t in tokens if t.is_word and t.norm]
    ids: dict[str, int] = {}
    hay = [ids.setdefault(w, len(ids)) for w in matching_words(words)]
    spans: list[tuple[int, int]] = []
    for r in members:
        needle = [ids.get(w, -1 - k) for k, w in enumerate(r.word_norms)]
        located = locate_words(needle, hay)
        if located is None or located[0] < 0.6 * max(1, len(needle)):
            continue
        spans.append(located[1])
    if not spans:
        return None
    cover = [0] * len(words)
    for lo, hi in spans:
        for k in range(lo, hi):
            cover[k] += 1
    core = max(range(len(words)), key=lambda k: (cover[k], -k))
    lo = min(a for a, b in spans if a <= core < b)
    hi = max(b for a, b in spans if a <= core < b)
    start, end = words[lo].start, words[hi - 1].end
    turn_start, turn_end = _turn(source.text, words[core].start)
    start, end = max(start, turn_start), min(end, turn_end)
    # Snap to whole words inside the turn.
    inside = [w for w in words if start <= w.start and w.end <= end]
    if not inside:
        return None
    return inside[0].start, inside[-1].end


def _turn(text: str, offset: int) -> tuple[int, int]:
    """The paragraph holding ``offset``, after its speaker label if it has one."""
    start = 0
    for m in _PARAGRAPH_BREAK.finditer(text, 0, offset):
        start = m.end()
    after = _PARAGRAPH_BREAK.search(text, offset)
    end = after.start() if after else len(text)
    label = _LABEL.match(text, start, end)
    if label is not None and label.end() <= offset:
        start = label.end()
    return start, end


def source_speaker(source: Article, window: tuple[int, int], attributions: Sequence[Attribution]) -> Attribution:
    """Who says the words in the primary document: its speaker label, else the speaker most outlets name."""
    label = _label_before(source.text, window[0])
    if label is not None:
        return Attribution(speaker_resolved=label, speaker_kind="named")
    return majority_speaker(attributions)


def _label_before(text: str, offset: int) -> str | None:
    start = 0
    for m in _PARAGRAPH_BREAK.finditer(text, 0, offset):
        start = m.end()
    label = _LABEL.match(text, start, offset + 1)
    if label is None:
        return None
    name = " ".join(label.group(1).split())
    words = name.split()
    # One word ("Don", "QUESTION") is a first name, a nickname or a role: too little to name someone by.
    if len(words) < 2 or words[0].casefold() in _NOT_SPEAKERS:
        return None
    return name.title() if name.isupper() else name


def majority_speaker(attributions: Sequence[Attribution]) -> Attribution:
    """The speaker most renderings name (one person under any name form), under the fullest name given."""
    clusters: list[list[Attribution]] = []
    for a in attributions:
        if a.speaker_kind not in (*_PEOPLE, "organisation") or not a.speaker_resolved:
            continue
        for cluster in clusters:
            if same_person(cluster[0].speaker_resolved or "", a.speaker_resolved):
                cluster.append(a)
                break
        else:
            clusters.append([a])
    if not clusters:
        return Attribution()
    best = max(clusters, key=len)  # first cluster wins ties: the earliest rendering's speaker
    name = max((a.speaker_resolved or "" for a in best), key=lambda n: (len(n.split()), len(n)))
    kinds = [a.speaker_kind for a in best]
    kind = "organisation" if kinds.count("organisation") > len(kinds) / 2 else "named"
    return Attribution(speaker_resolved=name, speaker_kind=kind)
