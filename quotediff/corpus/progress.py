"""What ``index`` says while and after it runs: a progress bar per stage, the closing summary line."""

from __future__ import annotations

import sys
from typing import Any

from quotediff.corpus.index import IndexReport

_LABELS = {
    "articles": "articles read",
    "quotes": "quotes found",
    "linking": "pairs linked",
    "grouping": "components grouped",
}


class ProgressBars:
    """One tqdm bar per stage on stderr (count, rate, and ETA when the total is known); off when quiet."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled
        self._bars: dict[str, Any] = {}

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if not self.enabled:
            return
        bar = self._bars.get(stage)
        if bar is None:
            from tqdm import tqdm

            bar = self._bars[stage] = tqdm(
                total=total, desc=_LABELS.get(stage, stage), unit="", file=sys.stderr, leave=True, dynamic_ncols=True
            )
        if total is not None and bar.total != total:
            bar.total = total
        bar.update(done - bar.n)

    def close(self) -> None:
        for bar in self._bars.values():
            bar.close()
        self._bars.clear()


def summary(report: IndexReport, db: str) -> str:
    parts = [f"{report.added:,} added", f"{report.replaced:,} changed", f"{report.unchanged:,} unchanged"]
    if report.skipped:
        parts.append(f"{len(report.skipped):,} skipped")
    grouping = report.grouping
    return (
        f"quotediff: indexed into {db}: {', '.join(parts)}; {report.quotes:,} quotes; "
        f"{grouping.renderings:,} renderings grouped again in {grouping.components:,} components, "
        f"{grouping.groups:,} groups; {report.copies:,} new copy pairs"
    )
