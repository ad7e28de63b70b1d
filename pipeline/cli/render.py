"""Readable terminal views: a plan for an analyst (`extract`, `show`), a query's result (`query`).

Every text from a document or the database is shown as a rich Text, never as markup: a plan
that prints "[/bold]" or "[link=...]" is shown as written."""

from __future__ import annotations

import csv
import io
import json
import sys

from rich.console import Console
from rich.table import Table
from rich.text import Text

from pipeline.cli.checks import plan_warnings, where
from pipeline.store.query import QueryResult
from pipeline.store.read import DocumentRow
from schemas.plan import Commitment, Due, Owner, Plan


def _owners(owners: list[Owner]) -> str:
    return "\n".join(f"{o.raw} ({o.title})" if o.title and o.title != o.raw else o.raw for o in owners)


def _due(due: Due | None) -> str:
    if due is None:
        return ""
    bounds = f"{due.start or '…'} – {due.end or '…'}" if (due.start or due.end) else ""
    return f"{due.raw}\n{bounds}".strip()


PIPED_WIDTH = 300  # columns of a table printed to a pipe or a file


def _row(table: Table, *cells: str | Text) -> None:
    table.add_row(*(cell if isinstance(cell, Text) else Text(cell) for cell in cells))


def render_table(plan: Plan, console: Console | None = None) -> None:
    """The plan as tables (where each item was read in the last column), then what needs a look."""
    console = console or _wide_when_piped()
    doc = plan.document
    period = doc.period.label if doc.period and doc.period.label else "period unknown"
    console.print(Text(doc.title or doc.source, style="bold"))
    console.print(Text(f"{doc.organisation.name} ({doc.organisation.code or 'no ODS code'}) · {period} · {doc.format}"))
    console.print(f"{len(plan.themes)} themes · {len(plan.objectives)} objectives · "
                  f"{len(plan.commitments)} commitments · {len(plan.indicators)} indicators · "
                  f"{len(plan.glossary)} glossary entries\n")

    themes = {t.ref: t.title for t in plan.themes}
    by_objective: dict[str | None, list[Commitment]] = {}
    for c in plan.commitments:
        by_objective.setdefault(c.objective_ref, []).append(c)

    table = Table(show_lines=True, expand=True)
    for name in ("Theme / objective", "Ref", "Commitment", "Owners", "Assurance", "Due", "Where"):
        table.add_column(name, overflow="fold")
    for obj in plan.objectives:
        theme = themes.get(obj.theme_ref) if obj.theme_ref else None
        label = Text.assemble(f"{obj.ref} {obj.title}", (f"\n{theme}" if theme else "", "dim"))
        rows = by_objective.get(obj.ref, [])
        if not rows:
            _row(table, label, "", "", "", "", "", where(obj.provenance))
        for i, c in enumerate(rows):
            _row(table, label if i == 0 else "", c.ref or "", c.text, _owners(c.owners),
                 "\n".join(a.raw for a in c.assurance), _due(c.due), where(c.provenance))
    for c in by_objective.get(None, []):
        _row(table, "", c.ref or "", c.text, _owners(c.owners), "\n".join(a.raw for a in c.assurance), _due(c.due),
             where(c.provenance))
    console.print(table)

    if plan.indicators:
        ind = Table(title="Indicators", show_lines=False, expand=True)
        for name in ("Objective", "Audience", "Indicator", "Target", "Due", "Where"):
            ind.add_column(name, overflow="fold")
        for i in plan.indicators:
            target = f"{i.target.comparator} {i.target.value:g} {i.target.unit}" if i.target else ""
            _row(ind, i.objective_ref or "", i.audience or "", i.text, target, _due(i.due), where(i.provenance))
        console.print(ind)
    if plan.glossary:
        gl = Table(title="Glossary")
        for name in ("Abbreviation", "Expansion", "Kind"):
            gl.add_column(name)
        for g in plan.glossary:
            _row(gl, g.abbreviation, g.expansion, g.kind)
        console.print(gl)
    warnings = plan_warnings(plan)
    if warnings:
        console.print(Text("Needs a look", style="bold"))
        for warning in warnings:
            console.print(Text(f"  ! {warning}"))


def print_result(result: QueryResult, console: Console | None = None) -> None:
    """A query's result as a table, NULL shown as NULL; "0 rows" when there are none."""
    console = console or _wide_when_piped()
    if not result.rows:
        console.print(Text("0 rows"))
        return
    table = Table(show_lines=False)
    for column in result.columns:
        table.add_column(Text(column))
    for row in result.rows:
        _row(table, *(_NULL if value is None else str(value) for value in row))
    console.print(table)


_NULL = "NULL"


def result_text(result: QueryResult, fmt: str) -> str:
    """A query's result as csv, tsv (header row, NULL as empty), json (an array of objects), nl
    (one object per line) or plain (tab-separated, NULL as NULL, "0 rows" when there are none)."""
    if fmt in ("json", "nl"):
        objects = [dict(zip(result.columns, row, strict=True)) for row in result.rows]
        if fmt == "nl":
            return "".join(json.dumps(o, default=str, ensure_ascii=False) + "\n" for o in objects)
        return json.dumps(objects, default=str, ensure_ascii=False, indent=2) + "\n"
    if fmt == "plain":
        if not result.rows:
            return "0 rows\n"
        lines = ["\t".join(result.columns)]
        lines += ["\t".join(_NULL if v is None else _one_line(str(v)) for v in row) for row in result.rows]
        return "\n".join(lines) + "\n"
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t" if fmt == "tsv" else ",", lineterminator="\n")
    writer.writerow(result.columns)
    writer.writerows(["" if v is None else v for v in row] for row in result.rows)
    return buffer.getvalue()


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _wide_when_piped() -> Console:
    """The terminal's width on a terminal; piped, wide enough that no cell breaks its words."""
    return Console() if sys.stdout.isatty() else Console(width=PIPED_WIDTH)


def print_documents(rows: list[DocumentRow], console: Console | None = None) -> None:
    table = Table(show_lines=False)
    for name in ("id", "ods_code", "trust", "kind", "period", "format", "version", "current", "location"):
        table.add_column(name, overflow="fold")
    for row in rows:
        _row(table, str(row.id), row.ods_code or "", row.trust, row.kind, row.period or "", row.format,
             str(row.version), "yes" if row.current else "no", row.location)
    (console or _wide_when_piped()).print(table)
