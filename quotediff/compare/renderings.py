"""Renderings: what one article quotes of one statement (a quote, or the pieces of a split quote joined), and
the words renderings are matched on."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from quotediff.compare.normalize import spelling_key, tokenize
from quotediff.model import Quote, Token

# Everyday words that make up stock phrases ("as long as it takes", "at the end of the day", "make no mistake").
EVERYDAY = frozenset(
    """long take takes took taken time times way day days year years thing things make makes made going go goes
    get gets got know knows knew think thinks thought want wants need needs say says said people good new one two
    well back still now right work end look come came see lot much many never always every need let put keep""".split()
)


@dataclass(frozen=True, slots=True)
class Rendering:
    """One article's wording of one statement; ``quote_ids`` in text order."""

    article_id: str
    quote_ids: tuple[str, ...]
    text: str
    tokens: tuple[Token, ...]
    start: int  # offset of the first piece in the article text: orders renderings within an article
    utterance: int
    speaker: str | None = None  # the resolved name, when the article names a person as the speaker

    @property
    def word_norms(self) -> tuple[str, ...]:
        return matching_words(self.tokens)


_SUFFIXES = ("ies", "ing", "ed", "es", "s")
# A consonant English doubles before -ed/-ing ("committed", "planned", "bigotted"), undone so the forms meet
# "commit", "plan", "bigot"; l, s, f and z stay ("called", "passed", "staffed" keep their own doubled stems).
_UNDOUBLED = frozenset("bdgmnprt")


# A contraction matches as its second word, which the written-out form holds in the same order: "I’m not a crook"
# inside "I am not a crook", "don't" inside "do not".
_CONTRACTIONS = {
    "i'm": "am",
    "you're": "are",
    "we're": "are",
    "they're": "are",
    "it's": "is",
    "he's": "is",
    "she's": "is",
    "that's": "is",
    "there's": "is",
    "what's": "is",
    "i've": "have",
    "we've": "have",
    "you've": "have",
    "they've": "have",
    "i'll": "will",
    "we'll": "will",
    "you'll": "will",
    "they'll": "will",
    "he'll": "will",
    "she'll": "will",
    "it'll": "will",
    "i'd": "would",
    "we'd": "would",
    "don't": "not",
    "doesn't": "not",
    "didn't": "not",
    "isn't": "not",
    "aren't": "not",
    "wasn't": "not",
    "weren't": "not",
    "won't": "not",
    "wouldn't": "not",
    "can't": "not",
    "couldn't": "not",
    "shouldn't": "not",
    "haven't": "not",
    "hasn't": "not",
    "em": "them",  # "Bring 'em on" (its apostrophe read as a quote mark) is "bring them on"
}


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    """A crude stem, for matching only: "supports"/"supported", "obligations"/"obligation" meet."""
    word = spelling_key(word)
    if word in _CONTRACTIONS:
        return _CONTRACTIONS[word]
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4:
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                stem = word[: -len(suffix)]
                if suffix in ("ed", "ing") and len(stem) >= 4 and stem[-1] == stem[-2] and stem[-1] in _UNDOUBLED:
                    stem = stem[:-1]
                return stem + ("y" if suffix == "ies" else "")
    return word


def matching_words(tokens: Sequence[Token]) -> tuple[str, ...]:
    """The words a rendering is matched on: normalised, spelling-folded and stemmed."""
    return tuple(_stem(t.norm) for t in tokens if t.is_word and t.norm)


def renderings_of(
    quotes: Iterable[Quote], texts: Mapping[str, str], options: MatchOptions | None = None
) -> list[Rendering]:
    """One rendering per quoted piece; a piece too short to match alone is glued to its neighbour.

    The pieces of a quote split around "he said" each match the full quotation on their own and are joined again
    per article after grouping; joining them first would glue together two different quotations that one
    paragraph happens to carry. Only a piece too short to stand alone (“I think,” he said, “if ...”) is joined to
    the next piece of the same utterance in the same paragraph (or to the previous one when it comes last).
    """
    options = options or MatchOptions()
    by_utterance: dict[tuple[str, int], list[Quote]] = defaultdict(list)
    for quote in quotes:
        if quote.kind == "statement":
            by_utterance[(quote.article_id, quote.utterance)].append(quote)
    renderings: list[Rendering] = []
    for (article_id, utterance), pieces in by_utterance.items():
        pieces.sort(key=lambda q: q.start)
        runs: list[list[Quote]] = []
        for piece in pieces:
            previous = runs[-1] if runs else None
            joinable = previous is not None and not _crosses_paragraph(previous[-1], piece, texts[article_id])
            if joinable and previous is not None and _words(previous) < options.min_words:
                previous.append(piece)
            else:
                runs.append([piece])
        if len(runs) > 1 and _words(runs[-1]) < options.min_words:
            last = runs.pop()
            if not _crosses_paragraph(runs[-1][-1], last[0], texts[article_id]):
                runs[-1].extend(last)
            else:
                runs.append(last)
        renderings.extend(_rendering(article_id, utterance, run) for run in runs)
    renderings.sort(key=lambda r: (r.article_id, r.start))
    return renderings


def _words(pieces: Sequence[Quote]) -> int:
    return sum(1 for p in pieces for t in tokenize(p.text) if t.is_word)


def _crosses_paragraph(before: Quote, after: Quote, text: str) -> bool:
    return "\n" in text[before.end : after.start]


# The comma or full stop that ends a quote belongs to the sentence around it (“…going ahead,” Lu said), not to
# the quotation: comparing it would report a change on nearly every rendering. An ellipsis, "?" and "!" stay.
_HOST_PUNCTUATION = re.compile(r"(?<![.…])[,.;:]+\s*$")


def _quoted_words(text: str) -> str:
    return _HOST_PUNCTUATION.sub("", text.rstrip())


def rendering_of(quote: Quote) -> Rendering:
    """One quote on its own as a rendering (a refrain quoted alone: see phrases.find_refrains)."""
    return _rendering(quote.article_id, quote.utterance, [quote])


def _rendering(article_id: str, utterance: int, pieces: Sequence[Quote]) -> Rendering:
    text = " ".join(p.text for p in pieces[:-1]) + (" " if len(pieces) > 1 else "") + _quoted_words(pieces[-1].text)
    person = next(
        (p.attribution for p in pieces if p.attribution.speaker_kind in ("named",) and p.attribution.speaker_resolved),
        None,
    )
    speaker = person.speaker_resolved if person else None
    return Rendering(
        article_id=article_id,
        quote_ids=tuple(p.id for p in pieces),
        text=text,
        tokens=tokenize(text),
        start=pieces[0].start,
        utterance=utterance,
        speaker=speaker,
    )


def join_renderings(renderings: Sequence[Rendering]) -> Rendering:
    """One member from several renderings of one article that landed in the same group (paragraphs of one quote)."""
    ordered = sorted(renderings, key=lambda r: r.start)
    # Pieces of one utterance (a quote split around "he said", paragraphs of one quote) run on; quotes of their
    # own are apart in the article, so the words between them are marked as left out.
    parts = [ordered[0].text]
    for prev, r in pairwise(ordered):
        parts.append(("… " if r.utterance != prev.utterance else "") + r.text)
    text = _quoted_words(" ".join(parts))
    return Rendering(
        article_id=ordered[0].article_id,
        quote_ids=tuple(q for r in ordered for q in r.quote_ids),
        text=text,
        tokens=tokenize(text),
        start=ordered[0].start,
        utterance=ordered[0].utterance,
        speaker=next((r.speaker for r in ordered if r.speaker), None),
    )


@dataclass(frozen=True, slots=True)
class MatchOptions:
    # A fragment shorter than this never joins a group: four words ("all will be forgiven") is the shortest
    # fragment outlets lift from a statement that is still recognisable as a quotation.
    min_words: int = 4
    # Share of the shorter rendering's words that must appear in order in the longer one. 0.6 lets a rendering with
    # several substitutions or an unmarked cut still join; partial overlaps between neighbouring sentences of one
    # speech (a shared clause) stay well below it.
    min_containment: float = 0.6
    # Short renderings carry little evidence, so they must match almost word for word.
    short_words: int = 10
    short_containment: float = 0.85
    # Renderings this short must not be put in the mouths of two different people.
    phrase_words: int = 6
    # A group needs renderings from at least this many articles (1 to track single quotes, e.g. with --quote).
    min_articles: int = 2
    # A rendering longer than this is a passage of a speech printed whole: no evidence that the lines it holds
    # are one statement (statements outlets quote run to about 60 words).
    passage_words: int = 60
