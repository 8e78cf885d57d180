"""All the inputs of a run as one stream: files, folders walked in sorted order, record files expanded."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import BinaryIO

from quotediff.errors import NoArticlesError, UnusableInput
from quotediff.load.files import (
    FORMAT_BY_SUFFIX,
    LoadOptions,
    collect_paths,
    is_article_file,
    load_bytes,
    load_candidate,
    nothing_found_message,
    read_stdin,
    skip,
)
from quotediff.load.records import RECORD_SUFFIXES, RecordOptions, is_record_file, iter_records
from quotediff.model import Article, LoadResult, Skipped

_DEFAULT_LOAD = LoadOptions()

# What a folder is searched for, as the "nothing found" message lists it.
INPUT_SUFFIXES = (*FORMAT_BY_SUFFIX, *RECORD_SUFFIXES)


def is_input_file(name: str) -> bool:
    """Whether a file found in a folder is read: an article file or a record file (gzipped too)."""
    return is_article_file(name) or is_record_file(name)


def iter_articles(
    paths: Sequence[str],
    options: LoadOptions = _DEFAULT_LOAD,
    records: RecordOptions | None = None,
    *,
    stdin: BinaryIO | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[Article | Skipped]:
    """Every article under ``paths`` (files, folders searched recursively, "-" for stdin), one at a time.

    Files come in sorted path order, each once however often it is named, so ids and order do not depend on
    the order of the arguments; a record file yields its articles in file order. Ids are unique across the
    run: a clash gets -2, -3... in that order. Unusable inputs are yielded as Skipped, or with ``strict``
    raise InputError. ``progress(done, total)`` is called before each file and once at the end.
    """
    records = records or RecordOptions()
    candidates, problems = collect_paths(paths, is_input_file)
    for problem in problems:
        yield skip(problem, options)
    ids = _Ids()
    for done, candidate in enumerate(candidates):
        if progress is not None:
            progress(done, len(candidates))
        if candidate != "-" and is_record_file(candidate):
            ids.next_file()
            for item in iter_records(candidate, records, options):
                yield item if isinstance(item, Skipped) else ids.unique(item, numbered=True)
            continue
        try:
            if candidate == "-":
                article = load_bytes(read_stdin(stdin, options), "-", options)
            else:
                article = load_candidate(candidate, options)
        except UnusableInput as error:
            yield skip(Skipped(error.path, error.reason), options)
        else:
            yield ids.unique(article)
    if progress is not None:
        progress(len(candidates), len(candidates))


def load_paths(
    paths: Sequence[str],
    options: LoadOptions = _DEFAULT_LOAD,
    stdin: BinaryIO | None = None,
    progress: Callable[[int, int], None] | None = None,
    records: RecordOptions | None = None,
) -> LoadResult:
    """All of ``iter_articles`` at once; NoArticlesError when nothing usable was found."""
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for item in iter_articles(paths, options, records, stdin=stdin, progress=progress):
        if isinstance(item, Skipped):
            skipped.append(item)
        else:
            articles.append(item)
    if not articles:
        raise NoArticlesError(nothing_found_message(paths, skipped, INPUT_SUFFIXES))
    return LoadResult(articles=tuple(articles), skipped=tuple(sorted(skipped, key=_skip_order)))


class _Ids:
    """The ids handed out so far, in little memory however many records: a record file's ids ("news-000123",
    numbers rising through the file) are kept as one range of numbers per file, other ids one by one.

    A range also covers the numbers of lines that were skipped, so an id that falls inside one is suffixed
    although no article has it: still unique, still the same from run to run.
    """

    _NUMBERED = re.compile(r"(.+)-(\d{6,})")

    def __init__(self) -> None:
        self.single: set[str] = set()
        self.ranges: dict[str, list[list[int]]] = {}  # stem slug -> [first, last] number, one pair per file
        self.current: dict[str, list[int]] = {}  # this file's pairs

    def next_file(self) -> None:
        self.current = {}

    def unique(self, article: Article, *, numbered: bool = False) -> Article:
        """The article, its id suffixed -2, -3... when an earlier one has it (same inputs, same ids)."""
        candidate, number = article.id, 1
        while self._used(candidate):
            number += 1
            candidate = f"{article.id}-{number}"
        match = self._NUMBERED.fullmatch(candidate) if numbered else None
        if match:
            stem, value = match.group(1), int(match.group(2))
            span = self.current.get(stem)
            if span is None:
                span = self.current[stem] = [value, value]
                self.ranges.setdefault(stem, []).append(span)
            span[1] = value
        else:
            self.single.add(candidate)
        return article if candidate == article.id else replace(article, id=candidate)

    def _used(self, candidate: str) -> bool:
        if candidate in self.single:
            return True
        match = self._NUMBERED.fullmatch(candidate)
        if not match or match.group(1) not in self.ranges:
            return False
        value = int(match.group(2))
        return any(first <= value <= last for first, last in self.ranges[match.group(1)])


_RECORD_PLACE = re.compile(r"(.*)#(?:line|record) (\d+)")


def _skip_order(skipped: Skipped) -> tuple[str, int]:
    """By path, and within a record file by line or record number (line 9 before line 10)."""
    match = _RECORD_PLACE.fullmatch(skipped.path)
    return (match.group(1), int(match.group(2))) if match else (skipped.path, -1)
