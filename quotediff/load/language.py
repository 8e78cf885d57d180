"""An article's language, told cheaply from how often each language's commonest words occur.

No model and no dependency: news text of a few hundred words is told apart by its function words ("the",
"and", "of" against "le", "la", "les" or "der", "die", "das"). The answer only decides which attribution rules
read the article, so a short or unclear text says None rather than guess.
"""

from __future__ import annotations

import functools
import re
from importlib import resources

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_SAMPLE_CHARS = 3000  # the opening of an article is enough, and keeps the cost flat for long texts
_MIN_HITS = 8  # fewer function words than this: too short to tell
_MARGIN = 1.5  # the winner must have this many times the hits of the runner-up


@functools.cache
def _stopwords() -> dict[str, tuple[str, ...]]:
    """Each stopword and the languages it belongs to."""
    text = resources.files("quotediff.load").joinpath("stopwords.tsv").read_text(encoding="utf-8")
    index: dict[str, tuple[str, ...]] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            code, _, words = line.partition("\t")
            for word in words.split():
                index[word] = (*index.get(word, ()), code.strip())
    return index


def detect_language(text: str) -> str | None:
    """The language code ("en", "fr", "de", ...) of ``text``, or None when it is too short or unclear."""
    sample = text[:_SAMPLE_CHARS].lower()
    if sample.count(" the ") >= _MIN_HITS and sample.count(" and ") >= 2:
        return "en"  # the common case, at the cost of two string scans; no other language has " the " this often
    index = _stopwords()
    counts: dict[str, int] = {}
    for word in _WORD_RE.findall(sample):
        for code in index.get(word, ()):
            counts[code] = counts.get(code, 0) + 1
    ranked = sorted(counts.values(), reverse=True)
    if not ranked or ranked[0] < _MIN_HITS or (len(ranked) > 1 and ranked[0] < _MARGIN * ranked[1]):
        return None
    return max(counts, key=lambda code: counts[code])
