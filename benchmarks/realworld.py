"""Score quotediff on real outlets' pages: found, speaker, hedges, sources and grouping, per story.

Usage: python benchmarks/realworld.py [--split tuned|held_out|all] [--errors] [--check] [--partial] [--cache DIR]

The pages live in the git-ignored cache (.cache/realworld/pages/NN-slug.txt: line 1 the URL, an empty line,
then the page text; see benchmarks/realworld_fetch.md for rebuilding it). The annotations
(benchmarks/realworld/annotations.jsonl) index the *body*, the text after the first blank line, in code
points. Each body is loaded as a .txt article through quotediff's own loader (which keeps the text as decoded,
so the offsets still fit; the scorer checks it), and each story's pages are compared together, as a user would
compare the coverage of one story.

Scored, as shared/realworld-annotation.md defines it:
- found: an annotation is found when a reported quote (of any kind: statement, scare quote, title) overlaps
  its span by at least half the longer of the two;
- speaker: over found annotations with a speaker, right when speaker_as_named equals (lower-cased, curly
  apostrophes folded) the reported mention or the resolved name;
- hedges: over found annotations with hedges, right when every annotated hedge is contained in, or contains,
  a reported hedge;
- sources: over found annotations with a cited source, right when it is contained in a reported source
  phrase, or the reverse;
- grouping, over pairs of found annotations from different pages of one story: recall = pairs with the same
  quote_id that share a group; precision = pairs with different quote_ids that do not.

--errors lists the misses of the tuned stories only: the held-out stories are scored, never read.
--check verifies every annotation (offsets, marks, substrings) against the cache and exits.
--partial scores a cache that lacks some annotated pages (a rebuild that could not get them all): their
annotations are left out, and a line on stderr says how many; without it a missing page is an error (exit 3).

Exit codes: 0 scored (or checked clean); 1 --check found problems; 2 bad arguments (including --errors on the
held-out split); 3 the page cache is absent (one line on stderr saying how to build it).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from quotediff.compare import compare  # noqa: E402
from quotediff.load import load_bytes  # noqa: E402
from quotediff.model import Article, Comparison, Quote  # noqa: E402

DATA = REPO / "benchmarks" / "realworld"
DEFAULT_CACHE = REPO / ".cache" / "realworld"
EXIT_CHECK_FAILED = 1
EXIT_USAGE = 2
EXIT_NO_CACHE = 3
SPLITS = ("tuned", "held_out", "all")


# --- data ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Annotation:
    file: str
    story: str
    quote_id: str
    quoted_text: str
    char_offset: int
    speaker: str | None
    hedges: tuple[str, ...]
    source: str | None
    raw: dict[str, Any]

    @property
    def end(self) -> int:
        return self.char_offset + len(self.quoted_text)


def parse_annotation(record: dict[str, Any]) -> Annotation:
    return Annotation(
        file=record["file"],
        story=record["story"],
        quote_id=record["quote_id"],
        quoted_text=record["quoted_text"],
        char_offset=record["char_offset"],
        speaker=record.get("speaker_as_named"),
        hedges=tuple(record.get("hedges") or ()),
        source=record.get("cited_source"),
        raw=record,
    )


def read_annotations(path: Path = DATA / "annotations.jsonl") -> list[Annotation]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [parse_annotation(json.loads(line)) for line in lines if line.strip()]


def read_split(path: Path = DATA / "split.json") -> dict[str, list[str]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {"tuned": list(data["tuned"]), "held_out": list(data["held_out"])}


def page_body(page_text: str) -> str:
    """The text after the first blank line (line 1 is the URL)."""
    _, sep, body = page_text.partition("\n\n")
    return body if sep else ""


# --- checking annotations ------------------------------------------------------------------------------------


def check_annotation(ann: Annotation, body: str) -> list[str]:
    """What is wrong with one annotation against its page body (empty when nothing)."""
    problems: list[str] = []
    where = f"{ann.file}@{ann.char_offset}"
    if body[ann.char_offset : ann.end] != ann.quoted_text:
        problems.append(f"{where}: quoted_text is not body[{ann.char_offset}:{ann.end}]")
    marks = ann.raw.get("quote_marks") or {}
    opener, closer = marks.get("open"), marks.get("close")
    if opener is not None and body[ann.char_offset - len(opener) : ann.char_offset] != opener:
        problems.append(f"{where}: opening mark {opener!r} not before the span")
    if closer is not None and body[ann.end : ann.end + len(closer)] != closer:
        problems.append(f"{where}: closing mark {closer!r} not after the span")
    for name, value in (("speaker_as_named", ann.speaker), ("cited_source", ann.source)):
        if value is not None and value not in body:
            problems.append(f"{where}: {name} {value!r} is not in the body")
    for hedge in ann.hedges:
        if hedge not in body:
            problems.append(f"{where}: hedge {hedge!r} is not in the body")
    verb = ann.raw.get("verb")
    if verb is not None:
        for piece in verb.split("..."):
            if piece.strip() not in body:
                problems.append(f"{where}: verb part {piece.strip()!r} is not in the body")
    for key in ("url", "outlet", "quote_marks", "cut_off_mid_quote", "partial", "notes"):
        if key not in ann.raw:
            problems.append(f"{where}: field {key!r} missing")
    return problems


# --- scoring -------------------------------------------------------------------------------------------------


def fold(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'").strip().lower()


def overlap_ok(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """At least half the longer span overlaps."""
    overlap = min(a_end, b_end) - max(a_start, b_start)
    return overlap > 0 and overlap * 2 >= max(a_end - a_start, b_end - b_start)


def best_quote(ann: Annotation, quotes: Sequence[Quote]) -> Quote | None:
    """The reported quote that fits the annotation best: the largest share of the longer span overlapping."""
    best: Quote | None = None
    best_share = 0.0
    for quote in quotes:
        if overlap_ok(ann.char_offset, ann.end, quote.start, quote.end):
            overlap = min(ann.end, quote.end) - max(ann.char_offset, quote.start)
            share = overlap / max(ann.end - ann.char_offset, quote.end - quote.start)
            if share > best_share:
                best, best_share = quote, share
    return best


def speaker_right(ann: Annotation, quote: Quote) -> bool:
    assert ann.speaker is not None
    attribution = quote.attribution
    names = [attribution.speaker.text if attribution.speaker else None, attribution.speaker_resolved]
    return any(name is not None and fold(name) == fold(ann.speaker) for name in names)


def _contains_either(a: str, b: str) -> bool:
    a, b = fold(a), fold(b)
    return bool(a) and bool(b) and (a in b or b in a)


def hedges_right(ann: Annotation, quote: Quote) -> bool:
    reported = [h.text for h in quote.attribution.hedges]
    return all(any(_contains_either(h, r) for r in reported) for h in ann.hedges)


def source_right(ann: Annotation, quote: Quote) -> bool:
    assert ann.source is not None
    return any(_contains_either(ann.source, s.text) for s in quote.attribution.sources)


@dataclass
class Ratio:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += ok
        self.total += 1

    def merge(self, other: Ratio) -> None:
        self.right += other.right
        self.total += other.total

    def value(self) -> float | None:
        return self.right / self.total if self.total else None

    def cell(self) -> str:
        value = self.value()
        return "—" if value is None else f"{value:.2f} ({self.right}/{self.total})"


@dataclass
class Outcome:
    """How one annotation fared."""

    ann: Annotation
    quote: Quote | None = None
    groups: frozenset[str] = frozenset()

    @property
    def group(self) -> str | None:
        return "+".join(sorted(self.groups)) or None


@dataclass
class Scores:
    pages: int = 0
    annotations: int = 0
    found: Ratio = field(default_factory=Ratio)
    speaker: Ratio = field(default_factory=Ratio)
    hedges: Ratio = field(default_factory=Ratio)
    sources: Ratio = field(default_factory=Ratio)
    recall: Ratio = field(default_factory=Ratio)
    precision: Ratio = field(default_factory=Ratio)

    def merge(self, other: Scores) -> None:
        self.pages += other.pages
        self.annotations += other.annotations
        for name in ("found", "speaker", "hedges", "sources", "recall", "precision"):
            getattr(self, name).merge(getattr(other, name))


def group_of_quotes(comparison: Comparison) -> dict[str, frozenset[str]]:
    """Quote id -> ids of the groups one of whose renderings it is (a split quote's pieces all count; a rendering
    that quotes two statements together belongs to both groups), or that report it as also quoted in part."""
    groups: dict[str, set[str]] = defaultdict(set)
    for group in comparison.groups:
        for member in group.members:
            for quote_id in member.quote_ids:
                groups[quote_id].add(group.id)
        for quote_id in group.also_quoted:
            groups[quote_id].add(group.id)
    return {q: frozenset(g) for q, g in groups.items()}


def score_story(
    anns: Sequence[Annotation],
    quotes_by_file: Mapping[str, Sequence[Quote]],
    groups: Mapping[str, str | frozenset[str]],
) -> tuple[Scores, list[Outcome]]:
    """Score one story's annotations given the quotes reported per page file and their group (or groups)."""
    scores = Scores(pages=len({a.file for a in anns}), annotations=len(anns))
    outcomes: list[Outcome] = []
    for ann in anns:
        quote = best_quote(ann, quotes_by_file.get(ann.file, ()))
        found_in = groups.get(quote.id) if quote else None
        outcome = Outcome(ann, quote, frozenset([found_in]) if isinstance(found_in, str) else found_in or frozenset())
        outcomes.append(outcome)
        scores.found.add(quote is not None)
        if quote is None:
            continue
        if ann.speaker is not None:
            scores.speaker.add(speaker_right(ann, quote))
        if ann.hedges:
            scores.hedges.add(hedges_right(ann, quote))
        if ann.source is not None:
            scores.sources.add(source_right(ann, quote))
    found = [o for o in outcomes if o.quote is not None]
    for a, b in combinations(found, 2):
        if a.ann.file == b.ann.file:
            continue
        together = bool(a.groups & b.groups)
        if a.ann.quote_id == b.ann.quote_id:
            scores.recall.add(together)
        else:
            scores.precision.add(not together)
    return scores, outcomes


def load_body(file: str, body: str) -> Article:
    """Load a page body as a .txt article; the offsets must still index it."""
    stem = Path(file).stem
    article = load_bytes(body.encode("utf-8"), f"{stem}.txt")
    if article.text != body:
        raise ValueError(f"{file}: the loader changed the text, so the offsets would not fit")
    return article


def run_story(anns: Sequence[Annotation], bodies: dict[str, str]) -> tuple[Scores, list[Outcome]]:
    """Compare every page of one story (``bodies``: its page files) and score its annotations."""
    articles = {file: load_body(file, body) for file, body in sorted(bodies.items())}
    comparison = compare(list(articles.values()))
    by_article: dict[str, list[Quote]] = defaultdict(list)
    for quote in comparison.quotes:
        by_article[quote.article_id].append(quote)
    quotes_by_file = {file: by_article.get(article.id, []) for file, article in articles.items()}
    return score_story(anns, quotes_by_file, group_of_quotes(comparison))


def read_sources(path: Path = DATA / "sources.tsv") -> dict[str, str]:
    """Page file -> story, for every listed page (pages without annotations are still compared)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    rows = [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:] if line.strip()]
    return {row["file"]: row["story"] for row in rows}


# --- output --------------------------------------------------------------------------------------------------

COLUMNS = ("story", "pages", "occurrences", "found", "speaker", "hedges", "sources", "group recall", "group precision")


def table_rows(named: Iterable[tuple[str, Scores]]) -> list[list[str]]:
    return [
        [
            name,
            str(s.pages),
            str(s.annotations),
            s.found.cell(),
            s.speaker.cell(),
            s.hedges.cell(),
            s.sources.cell(),
            s.recall.cell(),
            s.precision.cell(),
        ]
        for name, s in named
    ]


def render_table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [list(COLUMNS), *rows]) for i in range(len(COLUMNS))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(COLUMNS, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    return "\n".join(lines)


def _short(text: str, limit: int = 90) -> str:
    text = text.replace("\n", "⏎")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_errors(story: str, outcomes: Sequence[Outcome]) -> list[str]:
    lines = [f"## {story}"]
    for o in outcomes:
        ann, quote = o.ann, o.quote
        where = f"{ann.file}@{ann.char_offset} [{ann.quote_id}]"
        if quote is None:
            lines.append(f"  not found   {where}: “{_short(ann.quoted_text)}”")
            continue
        a = quote.attribution
        if ann.speaker is not None and not speaker_right(ann, quote):
            got = f"{a.speaker.text if a.speaker else None!r} (= {a.speaker_resolved!r})"
            lines.append(f"  speaker     {where}: want {ann.speaker!r}, got {got}")
        if ann.hedges and not hedges_right(ann, quote):
            lines.append(f"  hedges      {where}: want {list(ann.hedges)}, got {[h.text for h in a.hedges]}")
        if ann.source is not None and not source_right(ann, quote):
            lines.append(f"  source      {where}: want {ann.source!r}, got {[s.text for s in a.sources]}")
    found = [o for o in outcomes if o.quote is not None]
    by_qid: dict[str, list[Outcome]] = defaultdict(list)
    for o in found:
        by_qid[o.ann.quote_id].append(o)
    for qid, members in sorted(by_qid.items()):
        groups = defaultdict(list)
        for o in members:
            groups[o.group or "none"].append(o.ann.file.split("/")[-1].split("-")[0])
        if len(groups) > 1 or "none" in groups:
            parts = ", ".join(f"{g}: {' '.join(sorted(set(fs)))}" for g, fs in sorted(groups.items()))
            lines.append(f"  split       [{qid}] across groups: {parts}")
    by_group: dict[str, set[str]] = defaultdict(set)
    for o in found:
        if o.group is not None:
            by_group[o.group].add(o.ann.quote_id)
    for gid, qids in sorted(by_group.items()):
        if len(qids) > 1:
            lines.append(f"  merged      {gid} holds {sorted(qids)}")
    return lines


# --- command line --------------------------------------------------------------------------------------------


def read_bodies(cache: Path, files: Iterable[str]) -> dict[str, str]:
    bodies = {}
    for file in files:
        path = cache / file
        if path.is_file():
            bodies[file] = page_body(path.read_text(encoding="utf-8"))
    return bodies


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=SPLITS, default="tuned")
    parser.add_argument("--errors", action="store_true", help="list the misses (tuned stories only)")
    parser.add_argument("--check", action="store_true", help="verify the annotations against the cache")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument(
        "--partial", action="store_true", help="score the pages the cache holds, saying how many are missing"
    )
    args = parser.parse_args(argv)
    if args.errors and args.split == "held_out":
        print(
            "realworld: --errors is for the tuned stories only; held-out stories are scored, never read",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if not (args.cache / "pages").is_dir():
        print(
            f"realworld: no page cache at {args.cache / 'pages'}; rebuild it as benchmarks/realworld_fetch.md "
            "says (python benchmarks/realworld_build.py)",
            file=sys.stderr,
        )
        return EXIT_NO_CACHE
    annotations = read_annotations()
    story_of_file = read_sources()
    bodies = read_bodies(args.cache, story_of_file)
    missing = sorted({a.file for a in annotations} - set(bodies))
    if args.check:
        problems = [f"{file}: page missing from the cache" for file in missing]
        for ann in annotations:
            if ann.file in bodies:
                problems += check_annotation(ann, bodies[ann.file])
        for line in problems:
            print(line)
        print(
            f"realworld --check: {len(annotations)} annotations on {len({a.file for a in annotations})} pages, "
            f"{len(problems)} problems"
        )
        return EXIT_CHECK_FAILED if problems else 0
    if missing and not args.partial:
        print(
            f"realworld: {len(missing)} annotated pages missing from the cache (first: {missing[0]}); "
            "rebuild it (benchmarks/realworld_fetch.md), or score what is there with --partial",
            file=sys.stderr,
        )
        return EXIT_NO_CACHE
    if missing:
        left_out = [a for a in annotations if a.file not in bodies]
        annotations = [a for a in annotations if a.file in bodies]
        print(
            f"realworld: PARTIAL: {len(missing)} annotated pages missing from the cache, their {len(left_out)} "
            "annotations left out of every figure below",
            file=sys.stderr,
        )
    split = read_split()
    wanted = {"tuned": split["tuned"], "held_out": split["held_out"], "all": split["tuned"] + split["held_out"]}
    by_story: dict[str, list[Annotation]] = defaultdict(list)
    for ann in annotations:
        by_story[ann.story].append(ann)
    per_story: dict[str, Scores] = {}
    errors: list[str] = []
    for story in wanted[args.split]:
        story_bodies = {f: b for f, b in bodies.items() if story_of_file[f] == story}
        scores, outcomes = run_story(by_story[story], story_bodies)
        per_story[story] = scores
        if args.errors and story in split["tuned"]:
            errors += describe_errors(story, outcomes)
    named: list[tuple[str, Scores]] = list(per_story.items())
    for part in ("tuned", "held_out"):
        stories = [s for s in split[part] if s in per_story]
        if stories:
            total = Scores()
            for story in stories:
                total.merge(per_story[story])
            named.append((f"[{part}]", total))
    print(render_table(table_rows(named)))
    if errors:
        print()
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
