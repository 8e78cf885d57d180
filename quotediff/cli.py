"""The command line: a thin layer that reads options, calls the library, writes the report.

Exit codes: 0 done; 1 differences found and ``--fail-on`` asked to fail on them; 2 usage or input error (missing
path, nothing usable, no quotes at all, bad option, unwritable output); 3 an internal error (a bug: please report it
with the input that caused it).
"""

from __future__ import annotations

import functools
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

import click

from quotediff import __version__
from quotediff.compare import CompareOptions, compare_paths, is_shift
from quotediff.errors import OutputError, QuotediffError
from quotediff.load import LoadOptions, parse_size
from quotediff.model import Comparison
from quotediff.report import HtmlOptions, printable

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


def input_options(func: F) -> F:
    """Options shared by every command that reads articles."""
    decorators = [
        click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True)),
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
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def _use_color(flag: bool | None, output: str) -> bool:
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR") or output != "-":
        return False
    return sys.stdout.isatty()


def _width() -> int:
    return max(80, shutil.get_terminal_size((120, 40)).columns)


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


def _failed(comparison: Comparison, fail_on: str | None) -> bool:
    if fail_on is None:
        return False
    members = [m for g in comparison.groups for m in g.members if not m.is_reference]
    edits = [e for m in members for e in m.diff.edits]
    shifts = [c for m in members for c in m.attribution_changes if is_shift(c)]
    if fail_on == "any":
        return bool(edits or shifts)
    if fail_on == "wording":
        return any(e.severity != "cosmetic" for e in edits)
    if fail_on == "substantive":
        return any(e.severity == "substantive" for e in edits)
    if fail_on == "attribution":
        return bool(shifts)
    return any(e.critical for e in edits) or any(c.severity == "critical" for c in shifts)


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

    Inputs are HTML pages, plain text or Markdown files, folders of them (read recursively) or '-' for stdin.

    \b
    Exit codes: 0 done; 1 differences found (only with --fail-on); 2 usage or input error; 3 internal error.
    Shell completion (bash): eval "$(_QUOTEDIFF_COMPLETE=bash_source quotediff)"
    """


@main.command()
@input_options
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
      cat page.html | quotediff compare - other.txt
    """
    options = CompareOptions(
        reference=reference,
        quote=quote,
        load=LoadOptions(max_bytes=_parse_size(max_bytes), strict=strict),
    )
    stdin = sys.stdin.buffer if "-" in paths else None
    progress = _Progress(quiet)
    try:
        comparison = compare_paths(paths, options, source=source, stdin=stdin, progress=progress)
    finally:
        progress.close()
    _warn_skipped(comparison, quiet)
    html = HtmlOptions(title=title, timestamp=_now() if timestamp else None)
    report = render(comparison, fmt, tablefmt=tablefmt, color=_use_color(color, output), html=html)
    write_output(report, output)
    if html_output:
        write_output(render(comparison, "html", html=html), html_output)
    if not comparison.quotes:
        click.echo(f"quotediff: no quotes found in {len(comparison.articles)} article(s)", err=True)
        sys.exit(EXIT_INPUT)
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
        loaded = load_paths(paths, load, stdin=stdin, progress=progress)
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
    if not comparison.quotes:
        click.echo(f"quotediff: no quotes found in {len(comparison.articles)} article(s)", err=True)
        sys.exit(EXIT_INPUT)


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def render(
    comparison: Comparison,
    fmt: str,
    *,
    tablefmt: str = "simple",
    color: bool = False,
    quotes_only: bool = False,
    html: HtmlOptions | None = None,
) -> str:
    if fmt == "json":
        from quotediff.report import render_json

        return render_json(comparison, include_groups=not quotes_only)
    if fmt == "html":
        from quotediff.report import render_html

        return render_html(comparison, replace(html or HtmlOptions(), quotes_open=quotes_only))
    if fmt == "csv":
        from quotediff.report import render_csv, render_quotes_csv

        return render_quotes_csv(comparison) if quotes_only else render_csv(comparison)
    from quotediff.report import TableOptions, render_quotes, render_table

    options = TableOptions(tablefmt=tablefmt, color=color, width=_width(), markdown=fmt == "md")
    return render_quotes(comparison, options) if quotes_only else render_table(comparison, options)
