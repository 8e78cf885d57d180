"""Peak memory and time of loading (and extracting quotes from) very large inputs.

    python benchmarks/bench_memory.py            # all cases, about a minute or two
    python benchmarks/bench_memory.py --no-extract

Each case runs in a fresh child process twice: once for wall time and peak RSS (``ru_maxrss``, which
includes the interpreter and the imported libraries, about 40 MB before any input), once under tracemalloc
for the peak of the Python allocations made by the case itself. Inputs are generated in a temporary folder
and deleted afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path

from quotediff.model import Article

MB = 1024 * 1024  # binary units, as --max-bytes reads them

PARAGRAPH = (
    "Officials in Islamabad said on Thursday that the cable had been \u201cmisread\u201d, while a U.S. "
    'diplomat is alleged to have told the ambassador that "all will be forgiven" if the vote succeeded. '
    "\u201cI think if the no-confidence vote against the Prime Minister succeeds, all will be forgiven in "
    "Washington,\u201d he said, according to the document. "
    "Others called it \u2018a storm in a teacup\u2019.\n\n"
)


def _write_text(path: Path, size: int, *, single_line: bool = False) -> None:
    unit = PARAGRAPH.replace("\n\n", " ") if single_line else PARAGRAPH
    block = (unit * 1000).encode("utf-8")
    with open(path, "wb") as handle:
        written = 0
        while written < size:
            chunk = block[: size - written]
            handle.write(chunk)
            written += len(chunk)


def _write_html(path: Path, size: int) -> None:
    head = b"<html><head><title>Long page</title></head><body><article><p>"
    tail = b"</p></article></body></html>"
    body = (PARAGRAPH.replace("\n\n", " ") * (size // len(PARAGRAPH) + 1)).encode("utf-8")
    path.write_bytes(head + body[: size - len(head) - len(tail)] + tail)


def _write_html_paragraphs(path: Path, size: int) -> None:
    paragraphs, written, number = [], 0, 0
    while written < size:
        number += 1
        paragraph = f"<p>Paragraph {number}. {PARAGRAPH.strip()}</p>\n"
        paragraphs.append(paragraph)
        written += len(paragraph.encode("utf-8"))
    path.write_text("<html><body><article>" + "".join(paragraphs) + "</article></body></html>", "utf-8")


def make_inputs(folder: Path) -> dict[str, tuple[list[str], int]]:
    """Case name -> (paths, --max-bytes)."""
    big = folder / "dump-50mb.txt"
    _write_text(big, 50 * MB)
    line = folder / "line-5mb.txt"
    _write_text(line, 5 * MB, single_line=True)
    page = folder / "page-5mb.html"
    _write_html(page, 5 * MB)
    paragraphs = folder / "page-5mb-paragraphs.html"
    _write_html_paragraphs(paragraphs, 5 * MB)
    fixtures = sorted(str(p) for p in (Path(__file__).resolve().parent.parent / "fixtures").glob("*/*.html"))
    return {
        "50 MB text, default --max-bytes (skipped)": ([str(big)], 20 * MB),
        "50 MB text, --max-bytes 60MB": ([str(big)], 60 * MB),
        "5 MB single line of text": ([str(line)], 20 * MB),
        "5 MB single paragraph of HTML": ([str(page)], 20 * MB),
        "5 MB of HTML paragraphs": ([str(paragraphs)], 20 * MB),
        f"{len(fixtures)} fixture HTML articles": (fixtures, 20 * MB),
    }


def run_case(paths: list[str], max_bytes: int, *, extract: bool, trace: bool) -> dict[str, float | int | str]:
    """Runs in the child process: load (and extract), report time and memory as JSON."""
    from quotediff.errors import NoArticlesError
    from quotediff.load import LoadOptions, load_paths

    extract_quotes: Callable[[Article], Sequence[object]] | None = None
    if extract:
        try:
            from quotediff import quotes as quotes_module

            extract_quotes = quotes_module.extract_quotes
        except ImportError:
            pass
    import trafilatura  # noqa: F401 - imported before measuring so that its import is not counted

    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    try:
        result = load_paths(paths, LoadOptions(max_bytes=max_bytes))
        articles, skipped = result.articles, len(result.skipped)
    except NoArticlesError:
        articles, skipped = (), len(paths)
    loaded = time.perf_counter()
    quotes = 0
    if extract_quotes is not None:
        for article in articles:
            quotes += len(extract_quotes(article))
    finished = time.perf_counter()
    report: dict[str, float | int | str] = {
        "articles": len(articles),
        "skipped": skipped,
        "chars": sum(len(a.text) for a in articles),
        "load_s": loaded - started,
        "extract_s": finished - loaded if extract_quotes is not None else -1,
        "quotes": quotes if extract_quotes is not None else -1,
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / MB,  # kB on Linux
    }
    if trace:
        report["traced_peak_mb"] = tracemalloc.get_traced_memory()[1] / MB
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-extract", action="store_true", help="time the loader alone")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        spec = json.loads(args.child)
        report = run_case(spec["paths"], spec["max_bytes"], extract=spec["extract"], trace=spec["trace"])
        print(json.dumps(report))
        return
    with tempfile.TemporaryDirectory(prefix="quotediff-bench-") as folder:
        cases = make_inputs(Path(folder))
        header = (
            "case",
            "articles",
            "skipped",
            "load s",
            "extract s",
            "quotes",
            "peak RSS MB",
            "traced peak MB",
        )
        print(" | ".join(header))
        print(" | ".join("---" for _ in header))
        for name, (paths, max_bytes) in cases.items():
            runs = []
            for trace in (False, True):
                spec = {
                    "paths": paths,
                    "max_bytes": max_bytes,
                    "extract": not args.no_extract,
                    "trace": trace,
                }
                child = subprocess.run(
                    [sys.executable, __file__, "--child", json.dumps(spec)],
                    capture_output=True,
                    text=True,
                    check=False,
                    env={**os.environ, "PYTHONHASHSEED": "0"},
                )
                if child.returncode != 0:
                    print(f"{name}: failed\n{child.stderr}", file=sys.stderr)
                    break
                runs.append(json.loads(child.stdout.strip().splitlines()[-1]))
            if len(runs) != 2:
                continue
            timed, traced = runs
            extract_s = f"{timed['extract_s']:.2f}" if timed["extract_s"] >= 0 else "n/a"
            quotes = str(timed["quotes"]) if timed["quotes"] >= 0 else "n/a"
            row = (
                name,
                str(timed["articles"]),
                str(timed["skipped"]),
                f"{timed['load_s']:.2f}",
                extract_s,
                quotes,
                f"{timed['maxrss_mb']:.0f}",
                f"{traced['traced_peak_mb']:.0f}",
            )
            print(" | ".join(row), flush=True)


if __name__ == "__main__":
    main()
