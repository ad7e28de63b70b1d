"""The `trustplans` command: a thin layer over pipeline/; no logic of its own."""

from __future__ import annotations

import json
import logging
import os
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeVar

import click

from pipeline import config
from schemas.errors import TrustplansError

if TYPE_CHECKING:
    from schemas.plan import Plan

T = TypeVar("T")

_ALLOW_PRIVATE_URLS = click.option(
    "--allow-private-urls", is_flag=True,
    help="Fetch from loopback, private and link-local addresses, and follow redirects to other hosts.")


def _fail(err: TrustplansError) -> NoReturn:
    _fail_with(str(err), err.exit_code)


def _on_database(doing: str, url: str, work: Callable[[], T]) -> T:
    """`work()`; a failure of it as one line: a TrustplansError as it is, any other naming the
    database (password hidden) and what was being done."""
    from pipeline.store.engine import database_error

    try:
        return work()
    except TrustplansError as err:
        _fail(err)
    except Exception as exc:
        _fail(database_error(exc, doing, url))


def _fail_with(message: str, exit_code: int) -> NoReturn:
    click.echo(f"trustplans: error: {message}", err=True)
    sys.exit(exit_code)


_EXIT_CODES = """Exit codes: 0 done; 1 other error; 2 usage; 3 not found; 4 unsupported format;
5 corrupt; 6 encrypted; 7 no plan found; 8 fetch failed; 9 past a limit; 130 interrupted.

Shell completion (bash): eval "$(_TRUSTPLANS_COMPLETE=bash_source trustplans)"
"""


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=_EXIT_CODES)
@click.version_option(package_name="trustplans")
@click.option("--db", "database_url", metavar="URL", default=None,
              help="Database URL [default: TRUSTPLANS_DATABASE_URL, else SQLite under data/processed/].")
@click.option("-q", "--quiet", is_flag=True, help="Errors and totals only: no progress, no line per file, no logs.")
@click.option("-v", "--verbose", count=True, help="Log what each step does (-vv: and the libraries' debug logs).")
@click.pass_context
def cli(ctx: click.Context, database_url: str | None, quiet: bool, verbose: int) -> None:
    """Turn NHS trusts' published plans into one normalised database."""
    if database_url:
        os.environ["TRUSTPLANS_DATABASE_URL"] = database_url  # read by pipeline.config for this run
    if quiet and verbose:
        raise click.UsageError("--quiet and --verbose ask for opposite things: give one")
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    if quiet or verbose > 1:  # Prefect's own logs (flow and task runs) follow, read when it is imported
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", logging.getLevelName(level))
    ctx.obj = {"quiet": quiet, "verbose": verbose}


@cli.command()
@click.argument("source")
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="table", show_default=True,
              help="json: plan JSON (schemas/plan.schema.json); table: a readable view.")
@click.option("--overlay", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Also show what was found, into this folder: each PDF page as a PNG with the tables, cells "
                   "and records drawn; a web page or Word file as an annotated HTML copy.")
@_ALLOW_PRIVATE_URLS
def extract(source: str, fmt: str, allow_private_urls: bool, overlay: Path | None) -> None:
    """Extract the plan in SOURCE (a PDF, Word or HTML file, or an http(s) URL) and print it."""
    from pipeline.runs import reader_server

    reader_server.start()  # its imports run while this process imports its own
    from pipeline.fetch.sources import Source
    from pipeline.runs.document import run_document

    settings = config.settings(allow_private_urls=allow_private_urls or None, page_processes=config.JOBS)
    result = run_document(Source(location=source), settings, load_into_database=False)
    if result.plan is None:
        _fail_with(result.error or f"{source}: no plan", result.exit_code or 1)
    if overlay is not None:
        _draw_overlay(Path(source), result.plan, overlay)
    if fmt == "json":
        click.echo(result.plan.to_json())
    else:
        from pipeline.cli.render import render_table

        render_table(result.plan)


def _draw_overlay(source: Path, plan: Plan, out_dir: Path) -> None:
    """PNGs of a PDF's pages with its tables, cells and records drawn, or an annotated HTML copy
    of a web page or Word file (stderr names what was written)."""
    from extractors.overlay import draw_pages, record_marks, table_marks
    from extractors.overlay_html import annotated_copy
    from extractors.registry import read_document

    document = read_document(source)
    if plan.document.format in ("pdf", "scanned-pdf"):
        written = draw_pages(source, [*table_marks(document), *record_marks(plan)], out_dir)
    else:
        out_dir.mkdir(parents=True, exist_ok=True)
        copy = out_dir / f"{source.stem}-overlay.html"
        copy.write_text(annotated_copy(source, document, plan), encoding="utf-8")
        written = [copy]
    for path in written:
        click.echo(f"overlay: {path}", err=True)


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True,
              help="json: every table's cells with their spans (the ICDAR 2013 prediction layout); "
                   "csv: one CSV file per table.")
@click.option("--pages", default=None, help="Only tables starting on these pages, e.g. 1,3-5.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="csv: write FILE-table-N.csv here [default: print each table, a blank line between].")
def tables(file: Path, fmt: str, pages: str | None, out_dir: Path | None) -> None:
    """Print the tables found in FILE (PDF, Word or HTML), as the plan reader sees them."""
    import csv
    import io
    import time

    from extractors.registry import read_document
    from extractors.table_records import parse_pages, table_record, table_rows, tables_on
    from pipeline.runs.reading import as_error

    try:
        wanted = parse_pages(pages) if pages else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--pages") from exc
    started = time.perf_counter()
    try:
        document = read_document(file)
    except Exception as exc:
        _fail(as_error(exc, str(file)))
    found = tables_on(document, wanted)
    if fmt == "json":
        meta = {"source": str(file), "n_pages": document.page_count,
                "seconds": round(time.perf_counter() - started, 3)}
        click.echo(json.dumps({"tables": [table_record(t) for t in found], "meta": meta}, indent=1))
        return
    for number, table in enumerate(found, start=1):
        buffer = io.StringIO()
        csv.writer(buffer).writerows(table_rows(table))
        if out_dir is None:
            click.echo(("\n" if number > 1 else "") + buffer.getvalue(), nl=False)
            continue
        out_dir.mkdir(parents=True, exist_ok=True)
        path = out_dir / f"{file.stem}-table-{number}.csv"
        path.write_text(buffer.getvalue(), encoding="utf-8")
        click.echo(path)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--flow", is_flag=True, help="Run as the Prefect ingest flow (flows/ingest.py).")
@click.option("--json", "as_json", is_flag=True, help="Report as one JSON object (documents, skipped, counts).")
@click.option("--ods-code", default=None, help="The trust's ODS code, for every file given (else found in each).")
@click.option("--kind", default=None, help="The kind of document (strategy, annual_plan, ...) for every file given.")
@click.option("--period", default=None, help="The years covered (2024/25, 2024-2027) for every file given.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=config.JOBS,
              show_default="TRUSTPLANS_JOBS, else the number of cores",
              help="Documents worked on at once (read in reader processes, at most one per core; loaded one "
                   "at a time, in order).")
@_ALLOW_PRIVATE_URLS
@click.pass_obj
def ingest(options: dict[str, object], paths: tuple[Path, ...], flow: bool, as_json: bool, ods_code: str | None,
           kind: str | None, period: str | None, jobs: int, allow_private_urls: bool) -> None:
    """Load plan files, and the plan files in folders, into the database (one transaction
    each; the same file twice adds nothing; a file that fails is recorded and the rest go on).
    Reports each file, the files in folders that were not read, and the totals. Exits 1 when
    any file failed; 130 when stopped by Ctrl-C (what is loaded stays loaded)."""
    from pipeline.runs import reader_server

    reader_server.start()  # its imports run while this process imports its own
    if flow:
        from flows.ingest import run_ingest_flow

        summary = run_ingest_flow(list(paths), allow_private_urls=allow_private_urls, ods_code=ods_code, kind=kind,
                                  period=period, max_workers=jobs)
        click.echo(summary)
        sys.exit(1 if summary.failed else 0)
    from pipeline.cli.progress import progress_bar
    from pipeline.cli.report import ingest_json, ingest_lines
    from pipeline.fetch.sources import skipped_files, sources_from_locations
    from pipeline.runs.batch import run_batch
    from pipeline.store.engine import database_error

    settings = config.settings(allow_private_urls=allow_private_urls or None)
    sources = sources_from_locations((str(path) for path in paths), ods_code=ods_code, kind=kind, period=period)
    skipped = skipped_files(list(paths))
    bar = None
    try:
        with progress_bar(len(sources), shown=not options["quiet"]) as bar:
            summary = run_batch(sources, settings, trigger="cli", jobs=jobs, on_start=bar.start,
                                on_result=bar.done)
    except KeyboardInterrupt:
        loaded = bar.loaded if bar else 0
        _fail_with(f"interrupted: {loaded} of {len(sources)} loaded; run again to continue", 130)
    except Exception as exc:  # the database itself failed (a file's failure is recorded, not raised)
        _fail(database_error(exc, "database error", settings.database_url))
    if as_json:
        click.echo(ingest_json(summary, skipped))
    else:
        lines = list(ingest_lines(summary, skipped))
        for line in lines[-1:] if options["quiet"] else lines:  # quiet: the totals only
            click.echo(line)
        for result in summary.failed:
            click.echo(f"trustplans: failed: {result.error}", err=True)
    sys.exit(1 if summary.failed else 0)


@cli.command()
@click.option("--all-versions", is_flag=True, help="Superseded versions too.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per document, as a list.")
def documents(all_versions: bool, as_json: bool) -> None:
    """List the loaded documents: id, trust, kind, period, format, version, current, location."""
    from pipeline.cli.render import print_documents
    from pipeline.store.engine import read_only_engine
    from pipeline.store.read import list_documents

    url = config.default_database_url()
    rows = _on_database("could not list the documents", url,
                        lambda: list_documents(read_only_engine(url), all_versions=all_versions))
    if as_json:
        click.echo(json.dumps([row.as_dict() for row in rows], indent=1))
    else:
        print_documents(rows)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "parquet", "xlsx", "json"]), default="csv",
              show_default=True)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder to write to [default: data/processed/export].")
@click.option("--current-only/--all-versions", "current_only", default=True, show_default=True,
              help="Current documents only, or every version (superseded ones too).")
@click.option("--where", default=None, metavar="SQL",
              help="Only documents matching this condition on their columns, e.g. \"ods_code = 'RRK'\" "
                   "or \"period_start >= '2023-04-01'\".")
@click.option("--bom", is_flag=True, help="Start each CSV with a UTF-8 byte-order mark (for Excel).")
def export(fmt: str, out_dir: Path | None, current_only: bool, where: str | None, bom: bool) -> None:
    """Write every table a researcher needs (documents, organisations, themes, objectives,
    commitments, commitment owners, owners, indicators, glossary, portfolio by trust) and the
    data dictionary, for Excel, pandas or R."""
    from pipeline.store.engine import read_only_engine
    from pipeline.store.export import export_tables

    settings = config.settings()
    written = _on_database("export failed", settings.database_url,
                           lambda: export_tables(read_only_engine(settings.database_url), fmt,
                                                 out_dir or settings.export_dir, all_versions=not current_only,
                                                 where=where, bom=bom))
    for path in written:
        click.echo(path)


@cli.command()
@click.argument("document_id", type=int)
@click.option("--commitment", "commitment", metavar="REF|TEXT", default=None,
              help="The commitment to fix: its printed ref, or the start of its text.")
@click.option("--indicator", "indicator", metavar="REF|TEXT", default=None,
              help="The indicator to fix: its commitment's ref, or the start of its text.")
@click.option("--set", "changes", type=(str, str), multiple=True, required=True, metavar="FIELD VALUE",
              help="commitment: text, owners (';' between them), due; indicator: text, target, due; "
                   "with neither option, the document: organisation (name or ODS code), kind, period.")
@click.option("--note", default=None, help="Why, for whoever reads the corrections later.")
def correct(document_id: int, commitment: str | None, indicator: str | None, changes: tuple[tuple[str, str], ...],
            note: str | None) -> None:
    """Fix what was extracted from a loaded document. The fix is stored apart from the
    extraction, applied at once, and applied again whenever a newer version of the document
    is loaded (`trustplans corrections` lists them)."""
    from pipeline.store.engine import database_error, make_engine
    from pipeline.store.load import correct as record_correction

    if commitment and indicator:
        raise click.UsageError("give --commitment or --indicator, not both")
    item, selector = ("commitment", commitment) if commitment else ("indicator", indicator) if indicator \
        else ("document", None)
    url = config.settings().database_url
    try:
        for field, value in changes:
            made = record_correction(make_engine(url), document_id, item, selector, field, value, note)
            named = made.item_ref or textwrap.shorten(made.item_text or "", 60, placeholder=" …")
            click.echo(" ".join(part for part in (f"correction {made.id}: document {document_id}", item, named,
                                                  f"{field} = {value}") if part))
    except TrustplansError as err:
        _fail(err)
    except Exception as exc:
        _fail(database_error(exc, "could not record the correction", url))


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per correction, as a list.")
def corrections(as_json: bool) -> None:
    """The analysts' corrections: which document and item, what was set, and whether the
    newest version still has the item (applied) or not (unmatched)."""
    from pipeline.cli.render import print_result, result_text
    from pipeline.store.corrections import list_corrections
    from pipeline.store.engine import read_only_engine
    from pipeline.store.query import QueryResult

    url = config.settings().database_url
    rows = _on_database("could not list the corrections", url, lambda: list_corrections(read_only_engine(url)))
    result = QueryResult(["id", "document_id", "item", "item_ref", "item_text", "field", "value", "status", "note"],
                         [(c.id, c.document_id, c.item, c.item_ref, c.item_text, c.field, c.value, c.status, c.note)
                          for c in rows])
    if as_json:
        click.echo(result_text(result, "json"), nl=False)
    else:
        print_result(result)


@cli.command()
@click.argument("first")
@click.argument("second")
@click.option("--json", "as_json", is_flag=True, help="The changes as a JSON list.")
def diff(first: str, second: str, as_json: bool) -> None:
    """What changed from FIRST to SECOND: each a loaded document's id, or a plan file (read
    as `extract` reads it). Lists the commitments added, dropped, reworded, moved to another
    owner, slipped or brought forward; "same content" when nothing did."""
    from pipeline.cli.render import print_result
    from pipeline.store.engine import read_only_engine
    from pipeline.store.plan_diff import diff_plans
    from pipeline.store.query import QueryResult

    def plan_of(argument: str):
        if argument.isdigit():
            from pipeline.store.read import plan_from_db

            return plan_from_db(read_only_engine(config.settings().database_url), int(argument))
        from pipeline.runs.document import extract_plan

        return extract_plan(argument)

    changes = _on_database("could not read the documents", config.settings().database_url,
                           lambda: diff_plans(plan_of(first), plan_of(second)))
    if as_json:
        click.echo(json.dumps([change.as_dict() for change in changes], indent=1, ensure_ascii=False))
    elif not changes:
        click.echo("same content")
    else:
        print_result(QueryResult(["change", "ref", "commitment", "before", "after"],
                                 [(c.change, c.ref, c.commitment, c.before, c.after) for c in changes]))


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to serve on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8001, show_default=True)
@click.option("--allow-sql", is_flag=True, help="Let visitors run their own SQL (canned queries always run).")
def browse(host: str, port: int, allow_sql: bool) -> None:
    """Browse the database in Datasette: every table and view titled and described, facets on
    trust, region, ICS, kind, period, portfolio, role and due date, and canned queries for the
    common cross-trust questions. Serves a snapshot of the database (SQLite or PostgreSQL)
    taken at start, opened immutable. Runs until stopped."""
    import tempfile

    from pipeline.store import datasette_plugins
    from pipeline.store.browse import datasette_metadata
    from pipeline.store.engine import database_error, read_only_engine
    from pipeline.store.snapshot import snapshot

    url = config.settings().database_url
    work = Path(tempfile.mkdtemp(prefix="trustplans-browse-"))
    database = work / "trustplans.db"
    try:
        snapshot(url, database)  # what is loaded now, WAL included, in one file Datasette opens immutable
        metadata = datasette_metadata(read_only_engine(f"sqlite:///{database}"), database.stem)
    except TrustplansError as err:
        _fail(err)
    except Exception as exc:
        _fail(database_error(exc, "could not open the database", url))
    (work / "metadata.json").write_text(json.dumps(metadata, indent=1), encoding="utf-8")
    command = [sys.executable, "-m", "datasette", "serve", "--immutable", str(database), "--host", host,
               "--port", str(port), "--metadata", str(work / "metadata.json"),
               "--setting", "sql_time_limit_ms", str(int(config.QUERY_TIMEOUT_S * 1000)),
               "--setting", "facet_time_limit_ms", "3000",  # facets over every current commitment
               "--setting", "default_allow_sql", "on" if allow_sql else "off",
               "--plugins-dir", str(Path(datasette_plugins.__file__).parent)]
    click.echo(f"browse: http://{host}:{port}/{database.stem} (Ctrl-C stops)", err=True)
    os.execv(sys.executable, command)


@cli.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder to write to [default: data/processed/report].")
def report(out_dir: Path | None) -> None:
    """Charts of the current plans (PNG) in an HTML page per trust and one comparing trusts:
    commitments by portfolio, due dates by financial quarter, indicators by direction."""
    from pipeline.store.charts import write_report
    from pipeline.store.engine import read_only_engine

    settings = config.settings()
    pages = _on_database("report failed", settings.database_url,
                         lambda: write_report(read_only_engine(settings.database_url),
                                              out_dir or settings.processed_dir / "report"))
    for page in pages:
        click.echo(page)


@cli.command()
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
def snapshot(out: Path) -> None:
    """Write the whole database (SQLite or PostgreSQL) to OUT, a new self-contained SQLite file
    that can be handed out or read from a read-only share."""
    from pipeline.store.snapshot import snapshot as write_snapshot

    settings = config.settings()
    counts = _on_database("snapshot failed", settings.database_url, lambda: write_snapshot(settings.database_url, out))
    click.echo(f"{out}: {counts.get('documents', 0)} documents, {counts.get('commitments', 0)} commitments, "
               f"{counts.get('indicators', 0)} indicators")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "csv", "json"]), default="text", show_default=True)
def dictionary(fmt: str) -> None:
    """What every table, view and column of the database holds (the data dictionary)."""
    from pipeline.cli.render import print_result, result_text
    from pipeline.store.dictionary import data_dictionary
    from pipeline.store.engine import read_only_engine
    from pipeline.store.query import QueryResult

    settings = config.settings()
    entries = _on_database("could not read the schema", settings.database_url,
                           lambda: data_dictionary(read_only_engine(settings.database_url)))
    result = QueryResult(["table", "column", "type", "description"],
                         [(e.table, e.column, e.type, e.description) for e in entries])
    if fmt == "text":
        print_result(result)
    else:
        click.echo(result_text(result, fmt), nl=False)


@cli.command(context_settings={"ignore_unknown_options": True})  # SQL may start with "-- a comment"
@click.argument("sql")
@click.option("--csv", "fmt", flag_value="csv", help="CSV with a header row.")
@click.option("--tsv", "fmt", flag_value="tsv", help="Tab-separated with a header row.")
@click.option("--json", "fmt", flag_value="json", help="A JSON array of objects.")
@click.option("--nl", "fmt", flag_value="nl", help="One JSON object per line.")
@click.option("--table", "fmt", flag_value="table",
              help="A table [default on a terminal; piped, plain tab-separated text].")
@click.option("-p", "--param", "params", type=(str, str), multiple=True, metavar="NAME VALUE",
              help="A named parameter, written :NAME in the SQL (repeatable).")
def query(sql: str, fmt: str | None, params: tuple[tuple[str, str], ...]) -> None:
    """Run one SQL statement on a read-only connection and print its result. SQL is the
    statement, a .sql file, or - to read it from standard input."""
    from pipeline.cli.render import print_result, result_text
    from pipeline.store.query import run_query

    if sql == "-":
        sql = sys.stdin.read()
    elif sql.endswith(".sql") and Path(sql).is_file():
        sql = Path(sql).read_text(encoding="utf-8")
    try:
        result = run_query(sql, config.default_database_url(), config.QUERY_TIMEOUT_S, dict(params))
    except TrustplansError as err:
        _fail(err)
    fmt = fmt or ("table" if sys.stdout.isatty() else "plain")
    if fmt == "table":
        print_result(result)
    else:
        click.echo(result_text(result, fmt), nl=False)


@cli.command()
@click.argument("document_id", type=int)
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="table", show_default=True)
def show(document_id: int, fmt: str) -> None:
    """Print a loaded document's plan (json: the plan JSON it was loaded from)."""
    from pipeline.cli.render import render_table
    from pipeline.store.engine import database_error, read_only_engine
    from pipeline.store.read import plan_from_db

    url = config.default_database_url()
    try:
        plan = plan_from_db(read_only_engine(url), document_id)
    except TrustplansError as err:
        _fail(err)
    except Exception as exc:
        _fail(database_error(exc, f"could not read document {document_id}", url))
    if fmt == "json":
        click.echo(plan.to_json())
    else:
        render_table(plan)


@cli.group()
def db() -> None:
    """The database itself."""


@db.command("create-reader")
@click.argument("name")
@click.option("--password", default=None, help="[default: a new random one, printed in the URL]")
def create_reader_command(name: str, password: str | None) -> None:
    """Make a PostgreSQL role NAME that can only read (SELECT on the tables and views), and
    print the URL to query as it: TRUSTPLANS_DATABASE_URL=<that> trustplans query ..."""
    import secrets

    from pipeline.store.engine import database_error, make_engine
    from pipeline.store.readers import create_reader

    url = config.default_database_url()
    try:
        click.echo(create_reader(make_engine(url), name, password or secrets.token_urlsafe(18)))
    except TrustplansError as err:
        _fail(err)
    except Exception as exc:
        _fail(database_error(exc, "could not create the reader", url))


def _runner_options(command):
    """--registry and the task runner options of `refresh` and `serve-flows`."""
    for option in reversed((
        click.option("--registry", type=click.Path(exists=True, dir_okay=False, resolve_path=True),
                     default=None, help="Sources registry, .csv or .yaml [default: data/sources.csv]."),
        click.option("--dask", is_flag=True, help="Run the per-document tasks on a Dask LocalCluster."),
        click.option("--dask-address", default=None, help="Run them on the Dask scheduler at this address."),
        click.option("--max-workers", type=click.IntRange(min=1), default=None,
                     help="Documents worked on at once (threads, or LocalCluster worker processes)."),
        _ALLOW_PRIVATE_URLS,
    )):
        command = option(command)
    return command


@cli.command()
@_runner_options
def refresh(registry: str | None, dask: bool, dask_address: str | None, max_workers: int | None,
            allow_private_urls: bool) -> None:
    """Re-read every document of the sources registry now (Prefect refresh flow; on the Prefect
    server in PREFECT_API_URL, else an ephemeral local API). Prints the run's summary; exits 1
    when a document failed."""
    from flows.refresh import run_refresh_flow

    try:
        summary = run_refresh_flow(registry, dask=dask, dask_address=dask_address, max_workers=max_workers,
                               allow_private_urls=allow_private_urls)
    except TrustplansError as err:
        _fail(err)
    click.echo(summary)
    sys.exit(1 if summary.failed else 0)  # as ingest: a failed document fails the command


@cli.command("serve-flows")
@_runner_options
def serve_flows(registry: str | None, dask: bool, dask_address: str | None, max_workers: int | None,
                allow_private_urls: bool) -> None:
    """Serve the nightly refresh (02:00 Europe/London) to a Prefect server until stopped.
    Needs `prefect server start` running and PREFECT_API_URL pointing at it."""
    from flows.serve import api_url, check_server, serve_refresh

    url = api_url()
    if not url:
        raise click.UsageError("PREFECT_API_URL is not set: start `prefect server start` and "
                               "export PREFECT_API_URL=http://127.0.0.1:4200/api (see README)")
    try:
        check_server(url)
    except TrustplansError as err:
        _fail(err)
    serve_refresh(registry=registry, dask=dask, dask_address=dask_address, max_workers=max_workers,
                  allow_private_urls=allow_private_urls)


def main() -> None:
    try:
        cli()
    except Exception as exc:  # a malformed or unsupported database URL: one line, no traceback
        from sqlalchemy.exc import ArgumentError, NoSuchModuleError

        if not isinstance(exc, (ArgumentError, NoSuchModuleError)):
            raise
        _fail_with(f"{config.default_database_url()}: not a database URL trustplans can open "
                   "(sqlite:///PATH or postgresql+psycopg://USER@HOST/DB)", 1)
