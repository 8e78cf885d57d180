"""Rebuild the real-world page cache from saved search answers.

Usage: python benchmarks/realworld_build.py [--raw DIR] [--cache DIR]

The pages are other people's text, so the repository keeps only their list (benchmarks/realworld/sources.tsv:
file, URL, outlet, story, the query that found the page, the date, and the first 16 hex digits of the SHA-256 of
the page text). Run each query of the list through the page search again, save the answers as JSON under
<cache>/raw/ (one object with "url" and "excerpt" a line, or a whole answer with "results"), then run this
script: every listed page whose URL and digest are found is written to <cache>/pages/NN-slug.txt as line 1 the
URL, one empty line, then the text exactly as returned (no newline added). A page whose text no longer has the
listed digest is written anyway and reported, since the annotations' offsets may then be off.

Exit codes: 0 every page written with its digest; 1 some page missing or changed; 2 bad arguments.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCES = REPO / "benchmarks" / "realworld" / "sources.tsv"
DEFAULT_CACHE = REPO / ".cache" / "realworld"


def read_sources(path: Path = SOURCES) -> list[dict[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:] if line.strip()]


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def read_raw(raw_dir: Path) -> dict[str, list[str]]:
    """Every saved page text by URL (one URL can come back with different excerpts)."""
    found: dict[str, list[str]] = {}
    for path in sorted(raw_dir.glob("*.json*")):
        text = path.read_text(encoding="utf-8")
        records: list[dict[str, str]] = []
        try:
            whole = json.loads(text)
            records = whole.get("results", [whole]) if isinstance(whole, dict) else list(whole)
        except json.JSONDecodeError:
            records = [json.loads(line) for line in text.splitlines() if line.strip()]
        for record in records:
            if "url" in record and "excerpt" in record:
                found.setdefault(record["url"], []).append(record["excerpt"])
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--raw", type=Path, default=None, help="saved answers (default <cache>/raw)")
    args = parser.parse_args(argv)
    raw_dir = args.raw or args.cache / "raw"
    if not raw_dir.is_dir():
        print(f"realworld_build: no saved search answers in {raw_dir}", file=sys.stderr)
        return 1
    raw = read_raw(raw_dir)
    pages = args.cache / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    problems = 0
    for row in read_sources():
        texts = raw.get(row["url"], [])
        if not texts:
            print(f"missing: {row['file']} {row['url']}", file=sys.stderr)
            problems += 1
            continue
        text = next((t for t in texts if digest(t) == row["sha256_16"]), None)
        if text is None:
            text = texts[0]
            print(f"changed: {row['file']} (digest {digest(text)}, listed {row['sha256_16']})", file=sys.stderr)
            problems += 1
        (args.cache / row["file"]).write_text(row["url"] + "\n\n" + text, encoding="utf-8")
    total = len(read_sources())
    print(f"realworld_build: wrote {total - problems} of {total} pages unchanged to {pages}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
