"""The command line: a thin layer that reads options, calls the library, writes the report.

Exit codes: 0 done; 1 differences found and ``--fail-on`` asked to fail on them; 2 usage or input error (missing
path, nothing usable, bad option, unwritable output) or nothing found (no quotes at all, a ``--quote`` matching
none); 3 an internal error (a bug: please report it
with the input that caused it).
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any, TypeVar

import click

from quotediff import __version__
from quotediff.compare import CompareOptions, compare_paths
from quotediff.errors import OptionError, QuotediffError
from quotediff.load import FIELDS, FetchOptions, LoadOptions, RecordOptions, default_cache_dir, format_size, parse_size
from quotediff.model import Comparison
from quotediff.report import TABLE_FORMATS, HtmlOptions, printable, write_report
from quotediff.report.render import failed as _failed
from quotediff.report.render import render
from quotediff.report.render import use_color as _use_color

F = TypeVar("F", bound=Callable[..., Any])

FORMATS = ("table", "json", "html", "md", "csv")
FAIL_ON = ("any", "wording", "substantive", "attribution", "critical")
DEFAULT_MAX_BYTES = format_size(LoadOptions().max_bytes).replace(" ", "")  # "20MB", as the README writes it

EXIT_DIFFERENCES = 1
EXIT_INPUT = 2
# Nothing to report: no quotes in any article, or a --quote that matches none. The same code as an input error,
# since for a script both mean "this run compared nothing"; the stderr line says which.
EXIT_NOTHING_FOUND = EXIT_INPUT
EXIT_INTERNAL = 3


def _parse_size(value: str) -> int:
    try:
        size = parse_size(value)
    except ValueError as exc:
        raise OptionError(f"--max-bytes: {exc}") from None
    if size <= 0:
        raise OptionError(f"--max-bytes: {value!r} must be more than 0")
    return size


def _parse_fields(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> RecordOptions:
    try:
        return RecordOptions.parse(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _load_options(max_bytes: str, strict: bool, cache_dir: str | None, no_cache: bool) -> LoadOptions:
    if no_cache and cache_dir:
        raise OptionError("--cache and --no-cache contradict each other: give one")
    cache = None if no_cache else (cache_dir or default_cache_dir())
    return LoadOptions(max_bytes=_parse_size(max_bytes), strict=strict, fetch=FetchOptions(cache_dir=cache))


def _check_tablefmt(tablefmt: str) -> str:
    if tablefmt not in TABLE_FORMATS:
        raise OptionError(f"--tablefmt {tablefmt!r} is not a table style (one of: {', '.join(TABLE_FORMATS)})")
    return tablefmt


def input_options(func: F, *, paths_required: bool = True) -> F:
    """Options shared by every command that reads articles."""
    decorators = [
        click.argument("paths", nargs=-1, required=paths_required, type=click.Path(allow_dash=True)),
        click.option(
            "-f",
            "--format",
            "fmt",
            type=click.Choice(FORMATS),
            default="table",
            show_default=True,
            help="Report format.",
        ),
        click.option(
            "-o",
            "--output",
            type=click.Path(allow_dash=True),
            default="-",
            help="Write the report to this file (a regular file is replaced atomically, keeping its mode; a "
            "symlink is written through, a FIFO or device written into); '-' is stdout.",
        ),
        click.option(
            "--max-bytes",
            type=str,
            metavar="SIZE",
            default=DEFAULT_MAX_BYTES,
            show_default=True,
            help="Skip inputs with more text to parse than this (e.g. 20MB, 500k); inline data: images do not "
            "count, and a file may be up to 5 times this size.",
        ),
        click.option("--strict", is_flag=True, help="Fail (exit 2) if any input is skipped instead of warning."),
        click.option(
            "--tablefmt",
            metavar="NAME",
            default="simple",
            show_default=True,
            help="Table style for -f table (any tabulate format: simple, grid, github, plain...).",
        ),
        click.option(
            "--color/--no-color",
            default=None,
            help="Colour the terminal table. Default: on a terminal, unless NO_COLOR is set.",
        ),
        click.option("-q", "--quiet", is_flag=True, help="No warnings or progress on stderr."),
        click.option(
            "--field",
            "records",
            multiple=True,
            metavar="NAME=COLUMN",
            callback=_parse_fields,
            help=f"In JSON Lines and CSV files, read field NAME ({', '.join(FIELDS)}) from COLUMN "
            "(repeatable; e.g. --field text=body). Default: the field's own name.",
        ),
        click.option(
            "--cache",
            "cache_dir",
            type=click.Path(file_okay=False),
            help="Keep fetched http(s) pages in this folder for repeat runs "
            "(default: $XDG_CACHE_HOME/quotediff or ~/.cache/quotediff).",
        ),
        click.option("--no-cache", is_flag=True, help="Fetch every URL afresh and keep nothing on disk."),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def write_output(text: str, output: str) -> None:
    """Write to stdout, or to a file, FIFO or device as ``write_report`` does (regular files atomically)."""
    if output == "-":
        click.echo(text, nl=False)
        return
    write_report(text, output)


def _warn_skipped(comparison: Comparison, quiet: bool) -> None:
    if quiet:
        return
    for skipped in comparison.skipped:
        click.echo(printable(f"quotediff: skipped {skipped.path}: {skipped.reason}"), err=True)


class _Progress:
    """A progress bar on stderr while files load: only on a terminal, with more than a few files, not --quiet."""

    MIN_FILES = 5

    def __init__(self, quiet: bool) -> None:
        self.enabled = not quiet and sys.stderr.isatty()
        self._bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= self.MIN_FILES:
            return
        if self._bar is None:
            self._bar = click.progressbar(length=total, label="reading articles", file=sys.stderr)
            self._bar.__enter__()
        self._bar.update(done - self._bar.pos)
        if done >= total:
            self.close()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None


def _handle_errors(func: F) -> F:
    """Library errors become one line on stderr and exit code 2; a bug becomes one line and exit code 3."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except QuotediffError as exc:
            click.echo(printable(f"quotediff: error: {exc}"), err=True)
            sys.exit(exc.exit_code)
        except click.exceptions.Exit:
            raise
        except (click.ClickException, click.Abort):
            raise
        except BrokenPipeError:
            # The reader went away (`quotediff … | head`): not an error; keep Python from complaining at exit.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(0)
        except KeyboardInterrupt:
            click.echo("quotediff: interrupted", err=True)
            sys.exit(130)
        except RecursionError:
            click.echo("quotediff: error: input nested too deeply to process", err=True)
            sys.exit(EXIT_INPUT)
        except MemoryError:
            click.echo("quotediff: error: out of memory; lower --max-bytes or split the input", err=True)
            sys.exit(EXIT_INPUT)
        except Exception as exc:  # noqa: BLE001 - the promise is: never a traceback
            if os.environ.get("QUOTEDIFF_DEBUG"):
                raise
            click.echo(
                f"quotediff: internal error: {type(exc).__name__}: {exc} (set QUOTEDIFF_DEBUG=1 for details)",
                err=True,
            )
            sys.exit(EXIT_INTERNAL)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110})
@click.version_option(__version__, "-V", "--version", prog_name="quotediff")
def main() -> None:
    """Find the same quotation across news articles and show how its wording and attribution changed.

    Inputs are HTML pages, plain text, Markdown or PDF files, record files holding many articles (JSON Lines,
    CSV, WARC; gzipped too), folders of them (read recursively), http(s) URLs (fetched and cached) or '-' for
    stdin.

    \b
    Exit codes: 0 done; 1 differences found (only with --fail-on); 2 usage or input error, or nothing found
    (no quotes, or a --quote matching none); 3 internal error.
    Shell completion (bash): eval "$(_QUOTEDIFF_COMPLETE=bash_source quotediff)"
    """


def corpus_options(func: F) -> F:
    """The index and its filters, shared by ``compare --db`` and ``track``."""
    decorators = [
        click.option("--db", type=click.Path(dir_okay=False), help="The index built by quotediff index."),
        click.option("--since", metavar="DATE", help="Only articles published on or after DATE (2023-08-01)."),
        click.option("--until", metavar="DATE", help="Only articles published on or before DATE."),
        click.option("--outlet", "outlets", multiple=True, help="Only this outlet (repeat for several)."),
        click.option("--min-articles", type=click.IntRange(1), help="Groups need renderings in this many articles."),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


@main.command()
@functools.partial(input_options, paths_required=False)
@corpus_options
@click.option(
    "--reference",
    default="earliest",
    show_default=True,
    help="Which rendering the others are compared with: earliest, longest, or an article (file name, id or "
    "outlet name).",
)
@click.option(
    "--source",
    "source",
    type=click.Path(dir_okay=False),
    help="A primary document (transcript, cable, press release; text, HTML or PDF) to compare every rendering against.",
)
@click.option("--quote", "quote", help="Track only this quotation (or a fragment of it) across the inputs.")
@click.option(
    "--html",
    "html_output",
    type=click.Path(),
    help="Also write the HTML report to this file (besides the report chosen with -f).",
)
@click.option("--title", help="Title of the HTML report (default: what was compared).")
@click.option(
    "--timestamp",
    is_flag=True,
    help="Print the time of the run in the HTML report (off by default, so reports are reproducible).",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    help="Exit with code 1 when renderings differ: any change, wording beyond cosmetic, substantive wording, "
    "attribution shifts, or critical changes only.",
)
@_handle_errors
def compare(
    paths: tuple[str, ...],
    fmt: str,
    output: str,
    max_bytes: str,
    strict: bool,
    tablefmt: str,
    color: bool | None,
    quiet: bool,
    records: RecordOptions,
    cache_dir: str | None,
    no_cache: bool,
    db: str | None,
    since: str | None,
    until: str | None,
    outlets: tuple[str, ...],
    min_articles: int | None,
    reference: str,
    source: str | None,
    quote: str | None,
    html_output: str | None,
    title: str | None,
    timestamp: bool,
    fail_on: str | None,
) -> None:
    """Group the quotations that several articles share and show how each rendering differs.

    \b
    Examples:
      quotediff compare fixtures/forgiven/
      quotediff compare fixtures/forgiven/ -f html -o report.html
      quotediff compare a.html b.txt c.md -f json
      quotediff compare https://example.org/story.html saved-page.html
      quotediff compare fixtures/forgiven/ --source fixtures/sources/forgiven-cable.txt
      quotediff compare fixtures/forgiven/ --quote "all will be forgiven" --fail-on substantive
      quotediff compare news.jsonl.gz export.csv --field text=body --field url=link
      cat page.html | quotediff compare - other.txt
      quotediff compare --db news.db --since 2023-08-01 --outlet "Dawn Ledger" -f json
    """
    _check_tablefmt(tablefmt)
    options = CompareOptions(
        reference=reference,
        quote=quote,
        load=_load_options(max_bytes, strict, cache_dir, no_cache),
    )
    if bool(db) == bool(paths):
        raise click.UsageError("give either PATHS or --db (an index built by quotediff index)")
    if db:
        from quotediff.corpus import Filters, comparison_from_index, connect

        filters = Filters(since, until, outlets, min_articles)
        comparison = comparison_from_index(connect(db, create=False), filters, options)
    else:
        stdin = sys.stdin.buffer if "-" in paths else None
        progress = _Progress(quiet)
        try:
            comparison = compare_paths(paths, options, source=source, stdin=stdin, progress=progress, records=records)
        finally:
            progress.close()
    _emit(comparison, fmt, output, tablefmt, color, quiet, html_output, title, timestamp, fail_on, quote)


def _emit(
    comparison: Comparison,
    fmt: str,
    output: str,
    tablefmt: str,
    color: bool | None,
    quiet: bool,
    html_output: str | None,
    title: str | None,
    timestamp: bool,
    fail_on: str | None,
    quote: str | None = None,
) -> None:
    """Write the report (and the HTML one); exit 2 when nothing was found, 1 when --fail-on says so."""
    _warn_skipped(comparison, quiet)
    html = HtmlOptions(title=title, timestamp=_now() if timestamp else None)
    report = render(comparison, fmt, tablefmt=tablefmt, color=_use_color(color, output), html=html)
    write_output(report, output)
    if html_output:
        write_output(render(comparison, "html", html=html), html_output)
    _exit_if_nothing_found(comparison)
    if quote and not comparison.groups:
        line = f"quotediff: --quote {_shorten(quote)!r} matched no quote in {_count(comparison)}"
        click.echo(printable(line), err=True)
        sys.exit(EXIT_NOTHING_FOUND)
    if _failed(comparison, fail_on):
        sys.exit(EXIT_DIFFERENCES)


@main.command()
@input_options
@_handle_errors
def quotes(
    paths: tuple[str, ...],
    fmt: str,
    output: str,
    max_bytes: str,
    strict: bool,
    tablefmt: str,
    color: bool | None,
    quiet: bool,
    records: RecordOptions,
    cache_dir: str | None,
    no_cache: bool,
) -> None:
    """List every quote in the articles, with its attribution (speaker, verb, hedges, addressee, sources).

    \b
    Examples:
      quotediff quotes fixtures/forgiven/dawn-ledger.html
      quotediff quotes fixtures/forgiven/ -f json
      quotediff quotes - < article.txt
    """
    from quotediff.extract import extract_all
    from quotediff.load import load_paths

    _check_tablefmt(tablefmt)
    load = _load_options(max_bytes, strict, cache_dir, no_cache)
    stdin = sys.stdin.buffer if "-" in paths else None
    progress = _Progress(quiet)
    try:
        loaded = load_paths(paths, load, stdin=stdin, progress=progress, records=records)
    finally:
        progress.close()
    comparison = Comparison(
        articles=loaded.articles,
        quotes=extract_all(loaded.articles),
        groups=(),
        skipped=loaded.skipped,
    )
    _warn_skipped(comparison, quiet)
    report = render(comparison, fmt, tablefmt=tablefmt, color=_use_color(color, output), quotes_only=True)
    write_output(report, output)
    _exit_if_nothing_found(comparison)


def _exit_if_nothing_found(comparison: Comparison) -> None:
    if not comparison.quotes:
        click.echo(f"quotediff: no quotes found in {len(comparison.articles)} article(s)", err=True)
        sys.exit(EXIT_NOTHING_FOUND)


def _count(comparison: Comparison) -> str:
    articles, quotes = len(comparison.articles), len(comparison.quotes)
    return f"{articles} article{'s' if articles != 1 else ''} ({quotes} quote{'s' if quotes != 1 else ''})"


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
