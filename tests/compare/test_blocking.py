"""Blocking: the candidate pairs that keep grouping and copy detection near-linear, and what they must not lose."""

from __future__ import annotations

import random

from quotediff.compare import compare
from quotediff.compare.blocking import copy_clusters, rendering_pairs
from quotediff.compare.reuse import find_copies
from quotediff.model import Article

WORDS = (
    "harbour council budget river tunnel freight ministry ferry contract dockers union pension bridge tariff "
    "quarry lantern orchard meadow archive senate verdict mandate surplus deficit beacon glacier canyon prairie "
    "thunder falcon harvest copper marble velvet saffron cobalt ember summit"
).split()


def prose(seed: int, n: int) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(n)) + "."


def article(aid: str, text: str, date: str = "2024-01-01") -> Article:
    return Article(id=aid, path=f"{aid}.txt", text=text, format="text", outlet=aid, published=date)


def test_identical_wordings_are_represented_once() -> None:
    words = [(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)] * 5 + [(1, 2, 3, 4)]
    pairs = rendering_pairs(words, ["a", "b", "c", "d", "e", "f"], min_words=4, exact_words=10)
    # The long wording: each copy paired with a representative; the short one with every copy.
    assert pairs == [(0, 1), (0, 2), (0, 3), (0, 4), (0, 5), (1, 5), (2, 5), (3, 5), (4, 5)]


def test_a_line_repeated_by_many_outlets_is_still_one_group() -> None:
    line = "The harbour tunnel contract will be signed before the freight season opens in March"
    articles = [
        article(f"outlet-{k:03d}", f"{prose(k, 60)}\n\n“{line},” the minister said on Monday.\n\n{prose(k + 500, 60)}")
        for k in range(80)  # more than the 64 renderings a trigram could hold before
    ]
    comparison = compare(articles)
    assert len(comparison.groups) == 1 and len(comparison.groups[0].members) == 80


def test_copies_are_not_transitive() -> None:
    quotes = " ".join(f"“{prose(900 + k, 25)}” she said." for k in range(3))
    first = article("first", prose(1, 70) + " " + quotes, "2024-01-01")
    second = article("second", prose(2, 70) + " " + quotes, "2024-01-02")
    digest = article("digest", "In brief. " + quotes, "2024-01-03")
    wire = article("wire", first.text + " More later.", "2024-01-04")
    # The digest shares nearly all its words with both; the two long articles only the quotes.
    # Linked pair by pair, all four were one cluster; now the second article stays out of it.
    assert find_copies([first, second, digest, wire], 0.6) == (("first", "digest", "wire"),)


def test_copy_clusters_need_every_pair() -> None:
    order = ["a", "b", "c", "d"]
    assert copy_clusters(order, [("a", "c"), ("b", "c"), ("a", "d"), ("c", "d")]) == (("a", "c", "d"),)
    assert copy_clusters(order, [("a", "b"), ("c", "d")]) == (("a", "b"), ("c", "d"))
