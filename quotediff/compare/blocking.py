"""Blocking: which pairs are worth comparing at all, so the cost grows with the corpus, not with its square.

Two kinds of pairs are compared in a run: renderings that may quote the same statement (``match``), and articles
that may copy one another (``reuse``). Neither is compared all against all.

- Renderings are candidates only when they share a *rare* word trigram: one held by at most ``RARE_CAP``
  distinct wordings. A trigram that hundreds of quotes share ("i don't think") is no evidence. Identical wordings
  count once: a line repeated verbatim by five hundred outlets is one wording, so its trigrams stay rare and one
  comparison stands for all of them (a long wording links to another by its words alone).
- Articles are candidates when their MinHash signatures of word 5-grams share a band (locality-sensitive hashing,
  one-permutation MinHash with densification: one hash per shingle instead of one per shingle and permutation).
  Candidates are then checked exactly, and copies are grouped without transitivity (``copy_clusters``).
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence

Owners = Sequence[Hashable] | Mapping[int, Hashable]

GRAM = 3
# Distinct wordings that may share a trigram before it stops counting as evidence. 64 keeps every pair of
# renderings of one quotation in the fixtures (they also share rarer trigrams) and the candidate list linear.
RARE_CAP = 64


def grams(words: Sequence[int], size: int = GRAM) -> set[tuple[int, ...]]:
    return {tuple(words[k : k + size]) for k in range(len(words) - size + 1)}


def rendering_pairs(
    words: Sequence[tuple[int, ...]],
    owners: Sequence[Hashable],
    *,
    min_words: int,
    exact_words: int,
    cap: int = RARE_CAP,
) -> list[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, of renderings from different articles worth aligning.

    ``words[i]`` is rendering i's matching words as ints, ``owners[i]`` its article. Renderings with at least
    ``exact_words`` words link (or not) by their words alone, so for two such wordings one pair of
    representatives stands for every pair of their renderings; shorter ones also depend on who is quoted, so
    all their pairs are given. Connectivity is what matters to the caller: it is the same as with every pair.
    """
    classes: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for i, seq in enumerate(words):
        if len(seq) >= min_words:
            classes[seq].append(i)
    wordings = list(classes)
    pairs: set[tuple[int, int]] = set()
    for seq in wordings:
        members = classes[seq]
        if len(members) > 1:
            pairs.update(pairs_within(members, owners, whole=len(seq) >= exact_words))
    index: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for number, seq in enumerate(wordings):
        for gram in grams(seq):
            index[gram].append(number)
        # A short rendering with one word changed ("port to stay open" for "the port will stay open") may share
        # no trigram with its statement: word pairs find it. Pairs found only this way need a short side.
        for pair in grams(seq, 2):
            index[pair].append(number)
    seen: set[tuple[int, int]] = set()
    for gram, sharing in index.items():
        if not 1 < len(sharing) <= cap:
            continue
        by_pair = len(gram) == 2
        for x in range(len(sharing)):
            for y in range(x + 1, len(sharing)):
                key = (sharing[x], sharing[y])
                if key in seen:
                    continue
                a, b = wordings[key[0]], wordings[key[1]]
                if by_pair and min(len(a), len(b)) >= exact_words:
                    continue
                seen.add(key)
                whole = min(len(a), len(b)) >= exact_words
                pairs.update(pairs_between(classes[a], classes[b], owners, whole=whole))
    return sorted(pairs)


def pairs_within(members: list[int], owners: Owners, *, whole: bool) -> Iterable[tuple[int, int]]:
    """Pairs among renderings of one wording: to one representative when the words alone decide, else all."""
    if not whole:
        return _all_pairs(members, members, owners)
    first = members[0]
    other = next((m for m in members if owners[m] != owners[first]), None)
    found = []
    for m in members[1:]:
        partner = first if owners[m] != owners[first] else other
        if partner is not None and partner != m:
            found.append((min(m, partner), max(m, partner)))
    return found


def pairs_between(left: list[int], right: list[int], owners: Owners, *, whole: bool) -> Iterable[tuple[int, int]]:
    """Pairs between the renderings of two wordings: one pair when the words alone decide, else all."""
    if not whole:
        return _all_pairs(left, right, owners)
    for a in left:
        for b in right:
            if owners[a] != owners[b]:
                return [(min(a, b), max(a, b))]
    return []


def _all_pairs(left: list[int], right: list[int], owners: Owners) -> list[tuple[int, int]]:
    return [(min(a, b), max(a, b)) for a in left for b in right if a != b and owners[a] != owners[b]]


# --- article copies ---------------------------------------------------------------------------------------------

SHINGLE = 5
BINS = 32  # one-permutation MinHash: the shingle hashes fall into 32 bins, the minimum of each is kept
BAND = 2  # 16 bands of 2 bins: two articles sharing 40% of their shingles meet in a band with p > 0.99
_MASK = (1 << 32) - 1
_PRIME = (1 << 61) - 1
_BASE = 1_000_003
_WORD = re.compile(r"\w+")


def shingle_words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def shingle_hashes(words: Sequence[str], size: int = SHINGLE) -> set[int]:
    """Stable hashes (the same in every process and run, so they can be stored) of the word 5-grams.

    Words become crc32 values first, and each 5-gram a polynomial of its five (no second pass over the text).
    """
    ids = [zlib.crc32(w.encode()) for w in words]
    if len(ids) < size:
        return set()
    top = pow(_BASE, size - 1, _PRIME)
    h = 0
    for value in ids[:size]:
        h = (h * _BASE + value) % _PRIME
    found = {h & _MASK}
    for i in range(size, len(ids)):
        h = ((h - ids[i - size] * top) * _BASE + ids[i]) % _PRIME  # rolling: one step per word
        found.add(h & _MASK)
    return found


def signature(hashes: Iterable[int]) -> tuple[int, ...]:
    """One-permutation MinHash: per bin the smallest hash; an empty bin borrows its right neighbour's value."""
    mins = [_MASK + 1] * BINS
    for h in hashes:
        b = h % BINS
        if h < mins[b]:
            mins[b] = h
    if all(m > _MASK for m in mins):
        return ()
    filled = list(mins)
    for b in range(BINS):
        step = 1
        while filled[b] > _MASK:
            nxt = mins[(b + step) % BINS]
            if nxt <= _MASK:
                # Offset by the distance borrowed from, so two sketches only agree here by the same borrowing.
                filled[b] = (nxt + step * 0x9E3779B1) & _MASK
            step += 1
    return tuple(filled)


def band_keys(sig: Sequence[int]) -> list[int]:
    """One stable key per band of the signature: articles sharing a key are copy candidates."""
    if not sig:
        return []
    keys = []
    for band in range(0, BINS, BAND):
        data = b"%d:" % band + b",".join(b"%d" % v for v in sig[band : band + BAND])
        keys.append(zlib.crc32(data) | (band << 32))
    return keys


def may_be_copies(sig_a: Sequence[int], sig_b: Sequence[int], size_a: int, size_b: int, threshold: float) -> bool:
    """Whether two signatures leave room for the smaller article to be a copy: a cheap test before the exact one.

    For the smaller set's containment to reach ``threshold``, Jaccard similarity must reach at least
    ``t·s / (l + (1 - t)·s)``. The share of equal bins estimates it; below half that bound (more than three
    standard deviations under it for two copies) the pair is dropped. This keeps articles that merely share a
    sentence or two out of the exact check, which would otherwise dominate on large corpora.
    """
    if not sig_a or not sig_b:
        return False
    small, large = min(size_a, size_b), max(size_a, size_b)
    least = threshold * small / (large + (1 - threshold) * small) if large else 0.0
    equal = sum(1 for x, y in zip(sig_a, sig_b, strict=True) if x == y)
    return equal >= least / 2 * len(sig_a)


def copy_candidates(keys: Sequence[Iterable[int]]) -> set[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, of articles sharing at least one band key."""
    buckets: dict[int, list[int]] = defaultdict(list)
    for i, article_keys in enumerate(keys):
        for key in set(article_keys):
            buckets[key].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                pairs.add((members[x], members[y]))
    return pairs


def copy_clusters(order: Sequence[str], copies: Iterable[tuple[str, str]]) -> tuple[tuple[str, ...], ...]:
    """Clusters of articles that are each a copy of every other member, earliest first.

    ``order`` is the articles by (date, id); ``copies`` the verified pairs. Copying is not transitive: a short
    article made mostly of quotations can share most of its words with two articles written independently, and
    that does not make them copies of each other. So an article joins the first cluster all of whose members it
    copies, and otherwise starts its own.
    """
    partners: dict[str, set[str]] = defaultdict(set)
    for a, b in copies:
        partners[a].add(b)
        partners[b].add(a)
    clusters: list[list[str]] = []
    for article in order:
        if article not in partners:
            continue
        mine = partners[article]
        target = next((c for c in clusters if all(m in mine for m in c)), None)
        if target is None:
            clusters.append([article])
        else:
            target.append(article)
    return tuple(sorted(tuple(c) for c in clusters if len(c) > 1))
