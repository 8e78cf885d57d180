"""The pure stage functions an engine maps over articles: extraction, renderings, blocking keys, copy keys.

Every engine (processes on one machine, Dask on a cluster) runs exactly these; only the scheduling differs.
Everything returned is plain data that pickles and is stable across processes and runs (no ``hash()``), so it
can be stored and compared with what another run stored.
"""

from __future__ import annotations

import hashlib
import json
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from quotediff.compare.blocking import band_keys, grams, shingle_hashes, shingle_words, signature
from quotediff.compare.match import Rendering, matching_words, renderings_of, word_rarity
from quotediff.model import Article, Quote

if TYPE_CHECKING:
    from quotediff.extract import ExtractOptions

_MASK = (1 << 63) - 1


@dataclass(frozen=True, slots=True)
class IndexedRendering:
    quote_ids: tuple[str, ...]
    text: str
    start: int
    utterance: int
    speaker: str | None
    words: tuple[int, ...]  # stable word ids: equal matching words, equal ids, in every run
    rarity: bytes


@dataclass(frozen=True, slots=True)
class Indexed:
    """One article as the index stores it, besides the article itself."""

    article_id: str
    quotes: tuple[Quote, ...]
    renderings: tuple[IndexedRendering, ...]
    copy_keys: tuple[int, ...]
    shingles: int
    signature: tuple[int, ...]  # MinHash of the word 5-grams (empty for articles too short to be copies)


@lru_cache(maxsize=1 << 18)
def word_id(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little") & _MASK


def words_blob(words: Sequence[int]) -> bytes:
    return array("q", words).tobytes()


def blob_words(blob: bytes) -> tuple[int, ...]:
    values = array("q")
    values.frombytes(blob)
    return tuple(values)


def wording_id(words: Sequence[int]) -> int:
    return int.from_bytes(hashlib.blake2b(words_blob(words), digest_size=8).digest(), "little") & _MASK


def gram_keys(words: Sequence[int]) -> set[int]:
    """The blocking keys of a wording: its word trigrams, each as one stable int."""
    keys = set()
    for a, b, c in grams(words):
        keys.add(((a * 1_000_003 ^ b) * 1_000_003 ^ c) & _MASK)
    return keys


def content_hash(article: Article) -> str:
    """What decides whether an article changed: its text and the metadata that reports show."""
    fields = [article.text, article.outlet, article.title, article.url, article.published, article.author]
    return hashlib.blake2b(json.dumps(fields, ensure_ascii=False).encode(), digest_size=16).hexdigest()


def index_article(article: Article, options: ExtractOptions | None = None) -> Indexed:
    """Extract one article's quotes and everything the index needs to group and search them."""
    from quotediff.extract import extract_quotes  # imported here: querying an index (track) needs no extractor

    quotes = extract_quotes(article, options)
    renderings = renderings_of(quotes, {article.id: article.text})
    shingles = shingle_hashes(shingle_words(article.text[article.body_start :]))
    sketch = signature(shingles) if len(shingles) >= MIN_SHINGLES else ()
    return Indexed(
        article_id=article.id,
        quotes=tuple(quotes),
        renderings=tuple(indexed_rendering(r) for r in renderings),
        copy_keys=tuple(band_keys(sketch)),
        shingles=len(shingles),
        signature=sketch,
    )


MIN_SHINGLES = 20  # as compare.reuse: shorter articles are never called copies


def indexed_rendering(r: Rendering) -> IndexedRendering:
    return IndexedRendering(
        quote_ids=r.quote_ids,
        text=r.text,
        start=r.start,
        utterance=r.utterance,
        speaker=r.speaker,
        words=tuple(word_id(w) for w in matching_words(r.tokens)),
        rarity=word_rarity(r.tokens),
    )
