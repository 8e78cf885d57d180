"""Grouping inside the index: only what new renderings touch is grouped again, never the whole corpus.

Grouping settles each linked component of renderings on its own (``compare.match``). So when renderings are
added, only the components they link to can change: their candidates come from the stored blocking keys (word
trigrams held by at most ``RARE_CAP`` wordings), the links are checked as ``compare`` checks them, the old
components they reach are merged with them, and just those are grouped again. A run that stopped half-way left
renderings without a component; the next run picks them up like new ones.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from quotediff.compare.blocking import RARE_CAP, pairs_between, pairs_within
from quotediff.compare.match import LinkKey, MatchOptions, Rendering, are_linked, group_renderings, matching_words
from quotediff.compare.normalize import tokenize
from quotediff.corpus.stages import blob_words
from quotediff.corpus.store import RENDERING_COLUMNS, chunks, key_runs, marks, rendering_from_row

Progress = Callable[[str, int, int | None], None]


@dataclass(frozen=True, slots=True)
class GroupingStats:
    renderings: int  # renderings grouped in this run (new ones and those of the components they reached)
    components: int
    groups: int


def group_pending(
    conn: sqlite3.Connection, options: MatchOptions | None = None, progress: Progress | None = None
) -> GroupingStats:
    """Group every rendering that has no component yet, with the stored components it links to."""
    options = options or MatchOptions()
    pending = {rid: wid for rid, wid in conn.execute("SELECT id, wording FROM renderings WHERE component IS NULL")}
    if not pending:
        return GroupingStats(0, 0, 0)
    pending_wordings = set(pending.values())
    candidates = _candidate_wordings(conn, pending_wordings)
    involved = pending_wordings | {w for pair in candidates for w in pair}
    keys, component_of, by_wording = _link_keys(conn, involved)
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    # An old rendering stands for its whole old component: node -component joins them.
    for rid, component in component_of.items():
        if component is not None:
            union(rid, -component)
    owners = {rid: key.article_id for rid, key in keys.items()}
    cache: dict[Any, Any] = {}
    pairs: list[tuple[int, int]] = []
    for wid in pending_wordings:
        members = by_wording[wid]
        pairs.extend(pairs_within(members, owners, whole=len(keys[members[0]].words) >= options.short_words))
    for x, y in candidates:
        shortest = min(len(keys[by_wording[x][0]].words), len(keys[by_wording[y][0]].words))
        pairs.extend(pairs_between(by_wording[x], by_wording[y], owners, whole=shortest >= options.short_words))
    pairs = sorted(set(pairs))
    for done, (a, b) in enumerate(pairs):
        if progress is not None and done % 5000 == 0:
            progress("linking", done, len(pairs))
        if are_linked(keys[a], keys[b], options, cache):
            union(a, b)
    if progress is not None:
        progress("linking", len(pairs), len(pairs))
    sets: dict[int, set[int]] = defaultdict(set)
    for rid in pending:
        sets[find(rid)].add(rid)
    return _regroup(conn, list(sets.values()), component_of, parent, find, options, progress)


def _regroup(
    conn: sqlite3.Connection,
    sets: list[set[int]],
    component_of: dict[int, int | None],
    parent: dict[int, int],
    find: Callable[[int], int],
    options: MatchOptions,
    progress: Progress | None,
) -> GroupingStats:
    old_components: dict[int, set[int]] = defaultdict(set)
    for node in list(parent):
        if node < 0:
            old_components[find(node)].add(-node)
    grouped = groups = 0
    next_group = int(conn.execute("SELECT coalesce(max(id), 0) + 1 FROM groups").fetchone()[0])
    for done, members in enumerate(sets):
        if progress is not None and done % 1000 == 0:
            progress("grouping", done, len(sets))
        root = find(next(iter(members)))
        olds = sorted(old_components.get(root, ()))
        if olds:
            for part in chunks(olds):
                rows = conn.execute(f"SELECT id FROM renderings WHERE component IN ({marks(len(part))})", part)
                members.update(r[0] for r in rows)
                conn.execute(
                    f"DELETE FROM members WHERE group_id IN (SELECT id FROM groups WHERE component IN "
                    f"({marks(len(part))}))",
                    part,
                )
                conn.execute(f"DELETE FROM groups WHERE component IN ({marks(len(part))})", part)
        component = min(members)
        ids = sorted(members)
        for part in chunks(ids):
            conn.execute(f"UPDATE renderings SET component = ? WHERE id IN ({marks(len(part))})", (component, *part))
        grouped += len(ids)
        if len(ids) < 2:
            continue
        renderings: list[Rendering] = []
        for part in chunks(ids):
            rows = conn.execute(f"SELECT {RENDERING_COLUMNS} FROM renderings WHERE id IN ({marks(len(part))})", part)
            renderings.extend(rendering_from_row(row) for row in rows)
        if len({r.article_id for r in renderings}) < options.min_articles:
            continue
        renderings.sort(key=lambda r: (r.article_id, r.start))
        for group in group_renderings(renderings, options):
            conn.execute("INSERT INTO groups (id, component) VALUES (?, ?)", (next_group, component))
            conn.executemany(
                "INSERT INTO members (group_id, position, article_id, quote_ids, text, start, utterance, speaker) "
                "VALUES (?,?,?,?,?,?,?,?)",
                [
                    (next_group, k, r.article_id, _json_ids(r.quote_ids), r.text, r.start, r.utterance, r.speaker)
                    for k, r in enumerate(group)
                ],
            )
            next_group += 1
            groups += 1
    if progress is not None:
        progress("grouping", len(sets), len(sets))
    return GroupingStats(grouped, len(sets), groups)


def _json_ids(ids: tuple[str, ...]) -> str:
    return json.dumps(list(ids), ensure_ascii=False)


def _candidate_wordings(conn: sqlite3.Connection, pending: set[int]) -> set[tuple[int, int]]:
    """Pairs of wordings sharing a rare key, at least one of them pending."""
    total = conn.execute("SELECT count(*) FROM wordings").fetchone()[0]
    pairs: set[tuple[int, int]] = set()
    for sharing in key_runs(conn, "wording_keys", "wording", pending, all_keys=len(pending) * 2 > total):
        if not 1 < len(sharing) <= RARE_CAP:
            continue
        for x in range(len(sharing)):
            for y in range(x + 1, len(sharing)):
                a, b = sharing[x], sharing[y]
                if a in pending or b in pending:
                    pairs.add((a, b) if a < b else (b, a))
    return pairs


def _link_keys(
    conn: sqlite3.Connection, wordings: set[int]
) -> tuple[dict[int, LinkKey], dict[int, int | None], dict[int, list[int]]]:
    keys: dict[int, LinkKey] = {}
    component_of: dict[int, int | None] = {}
    by_wording: dict[int, list[int]] = defaultdict(list)
    words_of: dict[int, tuple[int, ...]] = {}
    stems_of: dict[int, tuple[str, ...]] = {}
    for part in chunks(sorted(wordings)):
        rows = conn.execute(
            "SELECT r.id, r.article_id, r.speaker, r.rarity, r.component, r.wording, w.words, r.text "
            f"FROM renderings r JOIN wordings w ON w.id = r.wording WHERE r.wording IN ({marks(len(part))}) "
            "ORDER BY r.id",
            part,
        )
        for rid, article_id, speaker, rarity, component, wid, words, text in rows:
            if wid not in words_of:
                words_of[wid] = blob_words(words)
                stems_of[wid] = matching_words(tokenize(text))  # the same for every rendering of one wording
            keys[rid] = LinkKey(article_id, words_of[wid], bytes(rarity), speaker, stems_of[wid])
            component_of[rid] = component
            by_wording[wid].append(rid)
    return keys, component_of, by_wording
