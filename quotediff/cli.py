"""The command line: a thin layer that reads options, calls the library, writes the report.

Exit codes: 0 done; 1 differences found and ``--fail-on`` asked to fail on them; 2 usage or input error (missing
path, nothing usable, no quotes at all, bad option, unwritable output); 3 an internal error (a bug: please report it
with the input that caused it).
"""

from __future__ import annotations

import functools
import os
import sys
import tempfile
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

import click

from quotediff import __version__
from quotediff.compare import CompareOptions, compare_paths
from quotediff.errors import OutputError, QuotediffError
from quotediff.load import FIELDS, LoadOptions, RecordOptions, parse_size
from quotediff.model import Comparison
from quotediff.report import HtmlOptions, printable
from quotediff.report.render import failed, render
from quotediff.report.render import terminal_width as _width
from quotediff.report.render import use_color as _use_color

F = TypeVar("F", bound=Callable[..., Any])

FORMATS = ("table", "json", "html", "md", "csv")
FAIL_ON = ("any", "wording", "substantive", "attribution", "critical")
DEFAULT_MAX_BYTES = LoadOptions().max_bytes

EXIT_DIFFERENCES = 1
EXIT_INPUT = 2
EXIT_INTERNAL = 3


def _parse_size(value: str) -> int:
    try:
        size = parse_size(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    if size <= 0:
        raise click.BadParameter("must be more than 0")
    return size


def _parse_fields(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> RecordOptions:
    try:
        return RecordOptions.parse(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


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
            type=click.Path(allow_dash=True, dir_okay=False),
            default="-",
            help="Write the report to this file (written atomically); '-' is stdout.",
        ),
        click.option(
            "--max-bytes",
            type=str,
            default=str(DEFAULT_MAX_BYTES),
            show_default=True,
            help="Skip input files larger than this (e.g. 20MB, 500k).",
        ),
        click.option(
            "--strict", is_flag=True, help="Fail (exit 2) if any input is skipped instead of warning."
        ),
        click.option(
            "--tablefmt",
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
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def write_output(text: str, output: str) -> None:
    """Write to stdout, or atomically to a file: a failed run never leaves a half-written report behind."""
    if output == "-":
        click.echo(text, nl=False)
        return
    target = Path(output)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"cannot write {output}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write {output}: {exc.strerror or exc}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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

    Inputs are HTML pages, plain text or Markdown files, record files holding many articles (JSON Lines, CSV,
    WARC; gzipped too), folders of them (read recursively) or '-' for stdin.

    \b
    Exit codes: 0 done; 1 differences found (only with --fail-on); 2 usage or input error; 3 internal error.
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
    help="Which rendering the others are compared with: earliest, longest, or an article (file name or id).",
)
@click.option(
    "--source",
    "source",
    type=click.Path(dir_okay=False),
    help="A primary document (transcript, cable, press release) to compare every rendering against.",
)
@click.option("--quote", "quote", help="Track only this quotation (or a fragment of it) across the inputs.")
@click.option(
    "--html",
    "html_output",
    type=click.Path(dir_okay=False),
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
      quotediff compare fixtures/forgiven/ --source fixtures/sources/forgiven-cable.txt
      quotediff compare fixtures/forgiven/ --quote "all will be forgiven" --fail-on substantive
      quotediff compare news.jsonl.gz export.csv --field text=body --field url=link
      cat page.html | quotediff compare - other.txt
      quotediff compare --db news.db --since 2023-08-01 --outlet "Dawn Ledger" -f json
    """
    options = CompareOptions(
        reference=reference,
        quote=quote,
        load=LoadOptions(max_bytes=_parse_size(max_bytes), strict=strict),
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
            comparison = compare_paths(
                paths, options, source=source, stdin=stdin, progress=progress, records=records
            )
        finally:
            progress.close()
    _emit(comparison, fmt, output, tablefmt, color, quiet, html_output, title, timestamp, fail_on)


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
) -> None:
    """Write the report (and the HTML one); exit 2 when there were no quotes, 1 when --fail-on says so."""
    _warn_skipped(comparison, quiet)
    html = HtmlOptions(title=title, timestamp=_now() if timestamp else None)
    report = render(comparison, fmt, tablefmt=tablefmt, color=_use_color(color, output), html=html, width=_width())
    write_output(report, output)
    if html_output:
        write_output(render(comparison, "html", html=html), html_output)
    if not comparison.quotes:
        click.echo(f"quotediff: no quotes found in {len(comparison.articles)} article(s)", err=True)
        sys.exit(EXIT_INPUT)
    if failed(comparison, fail_on):
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

    load = LoadOptions(max_bytes=_parse_size(max_bytes), strict=strict)
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
    report = render(
        comparison, fmt, tablefmt=tablefmt, color=_use_color(color, output), quotes_only=True, width=_width()
    )
    write_output(report, output)
    if not comparison.quotes:
        click.echo(f"quotediff: no quotes found in {len(comparison.articles)} article(s)", err=True)
        sys.exit(EXIT_INPUT)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="The index file (created if missing).")
@click.option("--stats", is_flag=True, help="Print what the index holds (articles, quotes, groups, outlets, dates).")
@click.option("-j", "--jobs", type=click.IntRange(0), default=0, help="Extraction processes (default: all cores).")
@click.option(
    "--field", "records", multiple=True, metavar="NAME=COLUMN", callback=_parse_fields, help="As for compare."
)
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True)
@click.option("--scheduler", metavar="ADDR", help="Dask scheduler address; default: a LocalCluster.")
@click.option("--max-bytes", default=str(DEFAULT_MAX_BYTES), show_default=True, help="Skip larger inputs.")
@click.option("--strict", is_flag=True, help="Fail (exit 2) if any input is skipped instead of warning.")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json"]), default="table", help="For --stats.")
@click.option("-q", "--quiet", is_flag=True, help="No warnings or progress on stderr.")
@_handle_errors
def index(
    paths: tuple[str, ...],
    db: str,
    stats: bool,
    jobs: int,
    records: RecordOptions,
    engine: str,
    scheduler: str | None,
    max_bytes: str,
    strict: bool,
    fmt: str,
    quiet: bool,
) -> None:
    """Build or update an index of articles: new and changed articles only, then their groups.

    \b
    Examples:
      quotediff index archive/ more.jsonl.gz crawl.warc.gz --db news.db
      quotediff index --db news.db --stats
      quotediff index shared-folder/ --db news.db --engine dask --scheduler tcp://host:8786
    """
    from quotediff.corpus import connect, index_stats, render_stats
    from quotediff.corpus.index import IndexOptions, index_paths
    from quotediff.corpus.progress import ProgressBars, summary

    if stats:
        click.echo(render_stats(index_stats(connect(db, create=False), db), fmt), nl=False)
        return
    if not paths:
        raise click.UsageError("give the PATHS to index (or --stats)")
    load = LoadOptions(max_bytes=_parse_size(max_bytes), strict=strict)
    options = IndexOptions(load=load, records=records, jobs=jobs)
    runner = None
    if engine == "dask":
        from quotediff.corpus.dask_engine import DaskEngine

        runner = DaskEngine(scheduler, jobs)
    bars = ProgressBars(enabled=not quiet)
    try:
        stdin = sys.stdin.buffer if "-" in paths else None
        report = index_paths(db, paths, options, stdin=stdin, progress=bars, engine=runner)
    finally:
        bars.close()
    if not quiet:
        for skipped in report.skipped:
            click.echo(printable(f"quotediff: skipped {skipped.path}: {skipped.reason}"), err=True)
        click.echo(summary(report, db), err=True)


@main.command()
@click.argument("text")
@corpus_options
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("-o", "--output", type=click.Path(allow_dash=True, dir_okay=False), default="-", help="Report file.")
@click.option("--html", "html_output", type=click.Path(dir_okay=False), help="Also write the HTML report here.")
@click.option("--title", help="Title of the HTML report.")
@click.option("--tablefmt", default="simple", show_default=True, help="Table style for -f table.")
@click.option("--color/--no-color", default=None, help="Colour the terminal table.")
@click.option("-q", "--quiet", is_flag=True, help="No warnings on stderr.")
@_handle_errors
def track(
    text: str,
    db: str | None,
    since: str | None,
    until: str | None,
    outlets: tuple[str, ...],
    min_articles: int | None,
    fmt: str,
    output: str,
    html_output: str | None,
    title: str | None,
    tablefmt: str,
    color: bool | None,
    quiet: bool,
) -> None:
    """Every rendering of a quotation (or a fragment of it) in an index, as compare --quote shows it.

    \b
    Examples:
      quotediff track "all will be forgiven" --db news.db
      quotediff track "all will be forgiven" --db news.db --html lu.html --since 2023-08-01
    """
    from quotediff.corpus import Filters, connect, track as track_quote  # noqa: I001

    if not db:
        raise click.UsageError("track needs --db (an index built by quotediff index)")
    comparison = track_quote(connect(db, create=False), text, Filters(since, until, outlets, min_articles))
    if not comparison.groups:  # a search that finds nothing is an answer, not an input error
        write_output(render(comparison, fmt, tablefmt=tablefmt, width=_width()), output)
        if not quiet:
            click.echo(printable(f"quotediff: no rendering of {text!r} in the index"), err=True)
        return
    _emit(comparison, fmt, output, tablefmt, color, quiet, html_output, title, False, None)


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
