"""Corpus benchmark: index, track and compare synthetic news corpora of 1k, 10k and 100k articles.

Usage: python benchmarks/bench_corpus.py [--sizes 1000,10000,100000] [--jobs 2] [--work DIR] [--no-dask]

Articles are built from real news prose: the PolNeAR texts (read from ../shared/polnear, never copied into the
repository; without them, the bundled fixtures only), re-dated over 2023 and re-attributed to 300 outlets, with
quotations of their own (each unique) and planted travelling quotations whose renderings are known: verbatim,
a fragment, a substituted word, an unmarked cut, an ellipsis, an anonymised speaker. Every figure of the issue's
table is printed at the end. Corpora are written to a temporary folder (or --work) and removed afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "polnear"
QUOTE_CHARS = re.compile(r"[\"“”«»„‘’]|(?:^|\s)'|'(?:\s|$|[.,;:])")
FIRST = "Amara Bilal Carmen Dmitri Elena Farid Grace Hiro Imran Julia Kofi Lena Mateo Nadia Omar Priya".split()
LAST = "Okafor Haddad Lindqvist Moreau Tanaka Castillo Nwosu Petrov Rahman Silva Keller Osei Varga Mensah".split()
PLACES = "Harbour Valley Prairie Coastline Northern Eastern Capital Meridian Summit River Lakeside Union".split()
PAPERS = "Herald Ledger Tribune Courier Dispatch Observer Gazette Monitor Chronicle Review Post Mirror".split()
KINDS = ("verbatim", "fragment", "substitution", "cut", "ellipsis", "anonymised")


@dataclass
class Planted:
    text: str
    speaker: str
    renderings: dict[str, str] = field(default_factory=dict)  # article id -> kind


def source_texts() -> tuple[list[str], str]:
    texts = []
    where = "fixtures only"
    if POLNEAR.is_dir():
        for path in sorted(POLNEAR.glob("*/text/*.txt")):
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
        where = f"PolNeAR ({len(texts)} texts) + fixtures"
    for path in sorted((ROOT / "fixtures").glob("*/*")):
        if path.suffix in {".txt", ".md"}:
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
    return texts, where


class Generator:
    """Deterministic corpora: article i of a corpus is the same whatever else is generated."""

    def __init__(self, texts: list[str]) -> None:
        paragraphs = [p.strip() for t in texts for p in re.split(r"\n\s*\n", t)]
        self.prose = [p for p in paragraphs if len(p.split()) >= 25 and not QUOTE_CHARS.search(p)]
        # Paragraphs are rebuilt from sentences of different articles, so two articles share a sentence now and
        # then but never a paragraph (which would make them look like copies).
        self.sentences = [s for p in self.prose for s in re.split(r"(?<=[.!?])\s+", p) if len(s.split()) >= 6]
        self.vocab = sorted({w for p in self.prose for w in re.findall(r"[A-Za-z]{4,}", p.lower())})
        self.outlets = [f"The {a} {b}" for a in PLACES for b in PAPERS][:300]

    def salad(self, rng: random.Random, low: int, high: int) -> str:
        words = [rng.choice(self.vocab) for _ in range(rng.randint(low, high))]
        return " ".join(words).capitalize()

    def person(self, rng: random.Random) -> str:
        return f"{rng.choice(FIRST)} {rng.choice(LAST)}"

    def plan(
        self, n: int, seed: int, prefix: str, start: int = 0
    ) -> tuple[list[str], dict[str, tuple[int, str]], list[Planted]]:
        """Article ids, which planted quotation (and rendering kind) each carries, and the planted quotations."""
        rng = random.Random(seed)
        ids = [f"{prefix}{start + i:06d}" for i in range(n)]
        free = list(ids)
        rng.shuffle(free)
        carried: dict[str, tuple[int, str]] = {}
        planted: list[Planted] = []
        while len(free) > 40 and len(carried) < n // 10:
            quote = Planted(self.salad(rng, 18, 26) + ".", self.person(rng))
            for k in range(rng.randint(4, 10)):
                aid = free.pop()
                kind = "verbatim" if k == 0 else rng.choice(KINDS)
                quote.renderings[aid] = kind
                carried[aid] = (len(planted), kind)
            planted.append(quote)
        return ids, carried, planted

    def render(self, quote: Planted, kind: str, rng: random.Random) -> tuple[str, str]:
        words = quote.text.rstrip(".").split()
        if kind == "fragment":
            lo = rng.randint(2, len(words) - 11)
            words = words[lo : lo + rng.randint(8, 10)]
        elif kind == "substitution":
            words[rng.randint(3, len(words) - 2)] = rng.choice(self.vocab)
        elif kind == "cut":
            del words[rng.randint(3, len(words) - 3)]
        elif kind == "ellipsis":
            cut = rng.randint(6, len(words) - 8)
            words = words[:cut] + ["…"] + words[cut + 3 :]
        speaker = "a senior official" if kind == "anonymised" else quote.speaker
        return " ".join(words), speaker

    def article(self, aid: str, number: int, carried: dict[str, tuple[int, str]], planted: list[Planted]) -> str:
        rng = random.Random(number * 7919 + 17)
        outlet = rng.choice(self.outlets)
        day = rng.randint(0, 364)
        month, mday = _date(day)
        if aid in carried:
            index, kind = carried[aid]
            if kind == "verbatim":  # the first rendering is the earliest
                month, mday = 1, 1
        parts = [" ".join(rng.choice(self.sentences) for _ in range(3)) for _ in range(4)]
        for k in range(3):
            parts.insert(1 + 2 * k, f"“{self.salad(rng, 12, 22)},” {self.person(rng)} said.")
        if aid in carried:
            index, kind = carried[aid]
            text, speaker = self.render(planted[index], kind, rng)
            parts.insert(2, f"{speaker[0].upper() + speaker[1:]} said: “{text}”")
        title = " ".join(parts[0].split()[:8])
        return (
            f"---\ntitle: {title}\noutlet: {outlet}\ndate: 2023-{month:02d}-{mday:02d}\n"
            f"url: https://news.example/{aid}\n---\n\n" + "\n\n".join(parts) + "\n"
        )

    def write(self, folder: Path, n: int, seed: int, prefix: str = "a", start: int = 0) -> list[Planted]:
        ids, carried, planted = self.plan(n, seed, prefix, start)
        for number, aid in enumerate(ids):
            sub = folder / aid[-6:-3]
            sub.mkdir(parents=True, exist_ok=True)
            (sub / f"{aid}.md").write_text(self.article(aid, start + number + seed * 1_000_003, carried, planted))
        return planted


def _date(day: int) -> tuple[int, int]:
    lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    month = 0
    while day >= lengths[month]:
        day -= lengths[month]
        month += 1
    return month + 1, day + 1


class PeakMemory:
    """Peak resident memory of a process and all its descendants, sampled from /proc."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            self.peak = max(self.peak, _tree_rss(self.pid))

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def _tree_rss(root: int) -> int:
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
        rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def run(args: list[str], **kwargs: object) -> tuple[float, int, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)  # type: ignore[call-overload]
    memory = PeakMemory(proc.pid)
    out, err = proc.communicate()
    peak = memory.stop()
    elapsed = time.perf_counter() - start
    done = subprocess.CompletedProcess(args, proc.returncode, out, err)
    if proc.returncode not in (0,):
        sys.exit(f"failed ({proc.returncode}): {' '.join(args)}\n{err[-2000:]}")
    return elapsed, peak, done


QUOTEDIFF = [sys.executable, "-m", "quotediff"]


def group_sets(report: dict[str, object]) -> set[frozenset[tuple[str, str]]]:
    return {frozenset((m["article"], m["text"]) for m in g["members"]) for g in report["groups"]}  # type: ignore[index,union-attr]


def db_content(db: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(db)
    tables = ["articles", "quotes", "renderings", "wordings", "wording_keys", "members", "copy_keys", "copies"]
    content = {}
    for table in tables:
        rows = conn.execute(f"SELECT * FROM {table}").fetchall()
        if table == "renderings":  # ids and component ids follow the order articles were written in
            rows = [r[1:-1] for r in rows]
        if table == "members":
            rows = [r[2:] for r in rows]
        if table == "quotes":
            rows = [r[1:3] + r[4:] for r in rows]
        content[table] = sorted(rows, key=repr)
    return content


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--work", type=Path)
    parser.add_argument("--no-dask", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    texts, where = source_texts()
    gen = Generator(texts)
    print(f"sources: {where}; {len(gen.sentences):,} sentences, {len(gen.vocab):,} words", flush=True)
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-corpus-"))
    figures: list[tuple[str, str, str]] = []
    times: dict[int, float] = {}
    planted_by: dict[int, list[Planted]] = {}
    try:
        for n in sizes:
            folder = work / f"c{n}"
            t = time.perf_counter()
            planted_by[n] = gen.write(folder, n, seed=n)
            db = work / f"c{n}.db"
            print(f"{n:,} articles written in {time.perf_counter() - t:.0f} s; indexing", flush=True)
            elapsed, peak, _ = run([*QUOTEDIFF, "index", str(folder), "--db", str(db), "-q", "--jobs", str(args.jobs)])
            times[n] = elapsed
            figures.append(
                (
                    f"index {n:,} articles, --jobs {args.jobs}",
                    f"{elapsed:.1f} s, peak {peak / 2**20:.0f} MB",
                    "<= 5 min, <= 2 GB at 100k",
                )
            )
            print(figures[-1], flush=True)
        ordered = sorted(times)
        for small, large in zip(ordered, ordered[1:], strict=False):
            ratio = times[large] / times[small]
            figures.append((f"growth t({large:,}) / t({small:,})", f"{ratio:.1f} (sizes x{large // small})", "<= 12"))
        biggest = ordered[-1]
        db = work / f"c{biggest}.db"
        planted = planted_by[biggest]
        query = planted[0].text
        elapsed, _, _ = run([*QUOTEDIFF, "track", query, "--db", str(db), "-f", "json", "-q"])
        figures.append((f"track on the {biggest:,} index, whole process", f"{elapsed:.2f} s", "<= 0.5 s"))
        figures.extend(track_figures(db, planted, biggest))
        for fig in figures[-3:]:
            print(fig, flush=True)
        mid = 10_000 if 10_000 in times else ordered[0]
        figures.extend(compare_figures(work, mid))
        if biggest >= 10_000:
            figures.append(incremental_figure(work, gen, biggest, times[biggest], args.jobs))
        if not args.no_dask:
            figures.append(dask_figure(work, ordered[0], args.jobs))
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    width = max(len(f[0]) for f in figures)
    print("\n" + "figure".ljust(width) + "  measured" + " " * 30 + "target")
    for name, value, target in figures:
        print(f"{name.ljust(width)}  {value.ljust(38)}  {target}")


def track_figures(db: Path, planted: list[Planted], n: int) -> list[tuple[str, str, str]]:
    sys.path.insert(0, str(ROOT))
    from quotediff.corpus import connect, track
    from quotediff.report import render_json

    conn = connect(str(db), create=False)
    latencies, found, total, cross = [], 0, 0, 0
    owner = {aid: k for k, q in enumerate(planted) for aid in q.renderings}
    for k, quote in enumerate(planted):
        start = time.perf_counter()
        comparison = track(conn, quote.text)
        render_json(comparison)
        if k < 100:
            latencies.append(time.perf_counter() - start)
        members = {m.article_id for g in comparison.groups for m in g.members}
        total += len(quote.renderings)
        found += len(members & set(quote.renderings))
        cross += sum(1 for aid in members if aid in owner and owner[aid] != k)
    p95 = statistics.quantiles(latencies, n=20)[-1] if len(latencies) >= 20 else max(latencies)
    return [
        (
            f"track p95 of {len(latencies)} queries in one process",
            f"{p95 * 1000:.1f} ms (median {statistics.median(latencies) * 1000:.1f} ms)",
            "<= 50 ms",
        ),
        (
            f"planted renderings found by track ({len(planted):,} quotations)",
            f"recall {found / total:.4f} ({found:,}/{total:,}); {cross} of another planted quotation",
            ">= 0.98, none",
        ),
    ]


def compare_figures(work: Path, n: int) -> list[tuple[str, str, str]]:
    folder, db = work / f"c{n}", work / f"c{n}.db"
    elapsed, peak, done = run([*QUOTEDIFF, "compare", str(folder), "-f", "json", "-q"])
    direct = json.loads(done.stdout)
    _, _, indexed = run([*QUOTEDIFF, "compare", "--db", str(db), "-f", "json", "-q"])
    same = group_sets(direct) == group_sets(json.loads(indexed.stdout))
    result = (
        f"compare DIR on {n:,} files, no index",
        f"{elapsed:.1f} s, peak {peak / 2**20:.0f} MB; {len(direct['groups']):,} groups; "
        f"same as index + compare --db: {same}",
        "<= 90 s, same groups",
    )
    print(result, flush=True)
    return [result]


def incremental_figure(work: Path, gen: Generator, n: int, full: float, jobs: int) -> tuple[str, str, str]:
    extra = work / "extra"
    gen.write(extra, 1000, seed=n + 1, prefix="b", start=0)
    db = work / f"c{n}.db"
    elapsed, _, done = run([*QUOTEDIFF, "index", str(extra), "--db", str(db), "--jobs", str(jobs)])
    summary = done.stderr.strip().splitlines()[-1]
    result = (
        f"incremental index of 1,000 new articles into {n:,}",
        f"{elapsed:.1f} s = 1/{full / elapsed:.0f} of the full build",
        "<= 1/20",
    )
    print(result, summary, flush=True)
    return result


def dask_figure(work: Path, n: int, jobs: int) -> tuple[str, str, str]:
    try:
        import dask  # noqa: F401
    except ImportError:
        return ("--engine dask vs --jobs", "skipped: dask not installed (pip install '.[dask]')", "same content")
    folder = work / f"c{n}"
    local, dist = work / "local.db", work / "dask.db"
    t_local, _, _ = run([*QUOTEDIFF, "index", str(folder), "--db", str(local), "-q", "--jobs", str(jobs)])
    t_dask, _, _ = run(
        [*QUOTEDIFF, "index", str(folder), "--db", str(dist), "-q", "--engine", "dask", "--jobs", str(jobs)]
    )
    same = db_content(local) == db_content(dist)
    return (
        f"--engine dask (LocalCluster, {jobs} workers) vs --jobs {jobs}, {n:,}",
        f"same database content: {same}; {t_dask:.1f} s vs {t_local:.1f} s (overhead {t_dask / t_local:.2f}x)",
        "same content",
    )


if __name__ == "__main__":
    main()
