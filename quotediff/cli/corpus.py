"""The corpus commands: ``quotediff index`` (build or update an index) and ``quotediff track`` (search it)."""

from __future__ import annotations

import sys

import click

from quotediff.cli.app import (
    DEFAULT_MAX_BYTES,
    FORMATS,
    _check_tablefmt,
    _emit,
    _handle_errors,
    _parse_fields,
    _parse_size,
    corpus_options,
    main,
    render,
    write_output,
)
from quotediff.load import LoadOptions, RecordOptions
from quotediff.report import printable


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
@click.option("--max-bytes", default=DEFAULT_MAX_BYTES, show_default=True, help="Skip inputs with more text.")
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
@click.option("-o", "--output", type=click.Path(allow_dash=True), default="-", help="Report file ('-': stdout).")
@click.option("--html", "html_output", type=click.Path(), help="Also write the HTML report here.")
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
    from quotediff.corpus import Filters, connect
    from quotediff.corpus import track as track_quote

    _check_tablefmt(tablefmt)
    if not db:
        raise click.UsageError("track needs --db (an index built by quotediff index)")
    comparison = track_quote(connect(db, create=False), text, Filters(since, until, outlets, min_articles))
    if not comparison.groups:  # a search that finds nothing is an answer, not an input error
        write_output(render(comparison, fmt, tablefmt=tablefmt), output)
        if not quiet:
            click.echo(printable(f"quotediff: no rendering of {text!r} in the index"), err=True)
        return
    _emit(comparison, fmt, output, tablefmt, color, quiet, html_output, title, False, None)
