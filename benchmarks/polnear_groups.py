"""Cross-publisher quotation groups in PolNeAR: how many the matcher finds, and a sample to check by hand.

    python benchmarks/polnear_groups.py [--splits dev,train] [--data PATH] [--sample 30] [--seed 7]

Runs the whole comparison (extraction, matching, diffing) over the PolNeAR articles of the 2016 campaign, counts
the groups whose renderings come from two or more publishers, prints timings, and prints a seeded random sample of
such groups (reference wording and each member's publisher, verdict and wording) for a person to judge: is every
member a rendering of the same quotation? Nothing is written; PolNeAR text stays where it is.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from quotediff.compare import compare  # noqa: E402
from quotediff.model import Article  # noqa: E402


def load(root: Path, splits: list[str]) -> list[Article]:
    meta: dict[str, dict[str, str]] = {}
    with (root / "metadata.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            meta[row["filename"]] = row
    articles = []
    for split in splits:
        for path in sorted((root / split / "text").glob("*.txt")):
            row = meta.get(path.stem, {})
            articles.append(
                Article(
                    id=path.stem,
                    path=str(path),
                    text=path.read_text(encoding="utf-8"),
                    format="text",
                    outlet=row.get("publisher", "unknown"),
                    published=row.get("publication_date") or None,
                    title=row.get("title") or None,
                )
            )
    return articles


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--splits", default="dev,train")
    parser.add_argument("--data", default=str(REPO.parent / "shared" / "polnear"))
    parser.add_argument("--sample", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    root = Path(args.data)
    if not (root / "metadata.tsv").exists():
        print(f"PolNeAR not found at {root} (pass --data PATH); skipping.")
        return 0
    articles = load(root, args.splits.split(","))
    started = time.perf_counter()
    comparison = compare(articles)
    elapsed = time.perf_counter() - started
    outlet = {a.id: a.outlet for a in articles}
    cross = [g for g in comparison.groups if len({outlet[m.article_id] for m in g.members}) >= 2]
    members = sum(len(g.members) for g in cross)
    print(f"PolNeAR {args.splits}: {len(articles)} articles, {len(comparison.quotes)} quotes, "
          f"{len(comparison.groups)} groups, {len(cross)} across two or more publishers ({members} renderings)")
    print(f"whole comparison: {elapsed:.1f} s ({len(articles) / elapsed:.0f} articles/s); "
          f"{len(comparison.copies)} clusters of copies; {len(comparison.unmarked)} unmarked reuses")
    verdicts: dict[str, int] = {}
    for g in cross:
        for m in g.members:
            if not m.is_reference:
                verdicts[m.diff.verdict] = verdicts.get(m.diff.verdict, 0) + 1
    print("verdicts of non-reference renderings: " + ", ".join(f"{v} {n}" for v, n in sorted(verdicts.items())))
    sample = random.Random(args.seed).sample(cross, min(args.sample, len(cross)))
    for number, group in enumerate(sample, 1):
        print(f"\n[{number}] {group.id}: “{group.reference_text[:160]}”")
        for m in group.members:
            mark = "*" if m.is_reference else " "
            print(f"  {mark} {outlet[m.article_id]:<18} {m.diff.verdict:<24} {m.text[:110]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
