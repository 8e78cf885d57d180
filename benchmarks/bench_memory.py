"""Peak memory and time of loading (and extracting quotes from) very large inputs.

    python benchmarks/bench_memory.py                 # all cases; extraction included when available
    python benchmarks/bench_memory.py --no-extract    # the loader alone, well under a minute

Each case runs twice in a fresh child process (each run limited to --timeout seconds): once for wall time and
peak RSS (``ru_maxrss``, which includes the interpreter and the imported libraries, about 40-60 MB before any
input), once under tracemalloc for the peak of the Python allocations made by the case itself. Inputs are
generated in a temporary folder and deleted afterwards.
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


def run_case(paths: list[str], max_bytes: int, *, extract: bool, trace: bool) -> None:
    """Runs in the child process: load, print the figures as a JSON line, extract, print them again."""
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

    def report(**figures: float | int) -> None:
        figures["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / MB  # kB on Linux
        if trace:
            figures["traced_peak_mb"] = tracemalloc.get_traced_memory()[1] / MB
        print(json.dumps(figures), flush=True)

    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    try:
        result = load_paths(paths, LoadOptions(max_bytes=max_bytes))
        articles, skipped = result.articles, len(result.skipped)
    except NoArticlesError:
        articles, skipped = (), len(paths)
    load_s = time.perf_counter() - started
    report(articles=len(articles), skipped=skipped, load_s=load_s)
    if extract_quotes is None:
        return
    quotes = sum(len(extract_quotes(article)) for article in articles)
    extract_s = time.perf_counter() - started - load_s
    report(articles=len(articles), skipped=skipped, load_s=load_s, extract_s=extract_s, quotes=quotes)


def _child(spec: dict[str, object], timeout: float) -> tuple[list[dict[str, float]], bool]:
    """The figures a child printed (after loading, after extracting), and whether it finished in time."""
    command = [sys.executable, __file__, "--child", json.dumps(spec)]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=True, env=env, timeout=timeout)
        output, finished = done.stdout, True
    except subprocess.TimeoutExpired as expired:
        raw = expired.stdout or b""
        output, finished = (raw.decode() if isinstance(raw, bytes) else raw), False
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")], finished


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-extract", action="store_true", help="time the loader alone")
    parser.add_argument("--timeout", type=float, default=300, help="seconds allowed per run (default 300)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        spec = json.loads(args.child)
        run_case(spec["paths"], spec["max_bytes"], extract=spec["extract"], trace=spec["trace"])
        return
    with tempfile.TemporaryDirectory(prefix="quotediff-bench-") as folder:
        cases = make_inputs(Path(folder))
        header = (
            "case", "articles", "skipped", "load s", "load: peak RSS MB", "load: traced MB",
            "extract s", "quotes", "load+extract: peak RSS MB", "load+extract: traced MB",
        )  # fmt: skip
        print(" | ".join(header))
        print(" | ".join("---" for _ in header))
        for name, (paths, max_bytes) in cases.items():
            spec = {"paths": paths, "max_bytes": max_bytes, "extract": not args.no_extract, "trace": False}
            timed, finished = _child(spec, args.timeout)
            # The traced run repeats extraction only when it finished in time untraced (tracing slows it down).
            traced, _ = _child({**spec, "trace": True, "extract": spec["extract"] and finished}, args.timeout)
            if not timed:
                print(f"{name} | failed or timed out while loading")
                continue
            loaded, extracted = timed[0], (timed[1] if len(timed) > 1 else None)
            traced_load = f"{traced[0]['traced_peak_mb']:.0f}" if traced else "?"
            traced_all = f"{traced[1]['traced_peak_mb']:.0f}" if len(traced) > 1 else "?"
            if extracted:
                extract_s, quotes = f"{extracted['extract_s']:.2f}", str(int(extracted["quotes"]))
                extract = (extract_s, quotes, f"{extracted['maxrss_mb']:.0f}", traced_all)
            elif finished:
                extract = ("n/a", "n/a", "n/a", "n/a")
            else:
                extract = (f"> {args.timeout:.0f} (timeout)", "?", "?", "?")
            row = (
                name,
                str(int(loaded["articles"])),
                str(int(loaded["skipped"])),
                f"{loaded['load_s']:.2f}",
                f"{loaded['maxrss_mb']:.0f}",
                traced_load,
                *extract,
            )
            print(" | ".join(row), flush=True)


if __name__ == "__main__":
    main()
