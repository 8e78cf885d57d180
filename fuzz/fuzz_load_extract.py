"""Coverage-guided fuzzing of the loader (and the quote extractor, when present) with atheris.

Run by hand, not in CI (it needs ``pip install atheris``, which is not a project dependency)::

    nice -n 19 python fuzz/fuzz_load_extract.py -max_total_time=600

With no corpus folder on the command line it reads the committed seeds in ``fuzz/seeds/`` and keeps what
it learns in ``fuzz/corpus/`` (git-ignored); a crashing or slow input is written to ``fuzz/artifacts/``. Other
libFuzzer flags can be added (``-max_len=100000``, ``-timeout=5``). To replay one input:
``python fuzz/fuzz_load_extract.py fuzz/artifacts/crash-...``. Set QUOTEDIFF_FUZZ_LOADER_ONLY=1 to leave the
extractor out (it is much slower, so the loader alone gets through far more inputs). (``-fork`` mode does not
work: libFuzzer re-runs the script without the interpreter.)

The first byte of each input picks the file name (and so the format: HTML, text, Markdown, an unknown
extension that is sniffed, or stdin); the rest is the file's bytes. A finding is any exception other than
InputError, or a broken invariant: ids are slugs, spans lie inside the text, text files decode to exactly
their text, and every quote's offsets point at its text.
"""

from __future__ import annotations

import logging
import os
import re
import sys

import atheris

with atheris.instrument_imports():
    import trafilatura  # noqa: F401 - instrumented so that coverage guides inputs through the extractor too

    from quotediff import load
    from quotediff.errors import InputError

    try:
        if os.environ.get("QUOTEDIFF_FUZZ_LOADER_ONLY"):
            raise ImportError("QUOTEDIFF_FUZZ_LOADER_ONLY is set")
        from quotediff.extract import extract_quotes
    except ImportError as error:  # the extractor may not exist yet, or not be wanted: fuzz the loader alone
        print(f"fuzzing the loader only (quotediff.extract.quotes: {error})", file=sys.stderr)
        extract_quotes = None  # type: ignore[assignment]

NAMES = ("page.html", "article.txt", "article.md", "saved.php", "-", "page.htm")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")
OPTIONS = load.LoadOptions(max_bytes=1_000_000)


def test_one_input(data: bytes) -> None:
    if not data:
        return
    name, body = NAMES[data[0] % len(NAMES)], data[1:]
    try:
        article = load.load_bytes(body, name, OPTIONS)
    except InputError:
        return
    assert SLUG.fullmatch(article.id), article.id
    assert article.text.strip() and "\x00" not in article.text
    assert 0 <= article.body_start <= len(article.text)
    assert article.published is None or ISO_DATE.fullmatch(article.published), article.published
    previous_end = 0
    for start, end in article.blockquotes:
        assert previous_end <= start < end <= len(article.text), (start, end)
        previous_end = end
    if article.format != "html":
        decoded, encoding = load.decode(body)
        assert encoding == article.encoding, (encoding, article.encoding)
        assert article.text == decoded.replace("\x00", "\ufffd")
    if extract_quotes is not None:
        for quote in extract_quotes(article):
            assert article.text[quote.start : quote.end] == quote.text, quote


def main() -> None:
    logging.disable(logging.CRITICAL)  # trafilatura logs parse trouble; findings are exceptions, not logs
    here = os.path.dirname(os.path.abspath(__file__))
    argv = list(sys.argv)
    if not any(arg.startswith("-artifact_prefix=") for arg in argv):
        os.makedirs(os.path.join(here, "artifacts"), exist_ok=True)
        argv.append(f"-artifact_prefix={os.path.join(here, 'artifacts')}{os.sep}")
    if not any(arg.startswith("-timeout=") for arg in argv):
        argv.append("-timeout=20")  # an input that takes 20 s is a finding (catastrophic backtracking)
    if not any(arg.startswith("-max_len=") for arg in argv):
        argv.append("-max_len=20000")
    if not any(not arg.startswith("-") for arg in argv[1:]):
        corpus = os.path.join(here, "corpus")
        os.makedirs(corpus, exist_ok=True)
        argv += [corpus, os.path.join(here, "seeds")]
    # Warm up (lazy imports, trafilatura's first-use set-up) so that the cold start, several seconds under
    # instrumentation, is not reported as a slow input: the first two runs' "slow units" were only that.
    test_one_input(b"\x00<html><body><p>He said \xe2\x80\x9cyes\xe2\x80\x9d and left.</p></body></html>")
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
