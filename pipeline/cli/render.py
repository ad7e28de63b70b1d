"""Readable terminal views: a plan for an analyst (`extract`, `show`), a query's result (`query`)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from pipeline.store.query import QueryResult
from schemas.plan import Commitment, Due, Owner, Plan


def _owners(owners: list[Owner]) -> str:
    return "\n".join(f"{o.raw} ({o.title})" if o.title and o.title != o.raw else o.raw for o in owners)


def _due(due: Due | None) -> str:
    if due is None:
        return ""
    bounds = f"{due.start or '…'} – {due.end or '…'}" if (due.start or due.end) else ""
    return f"{due.raw}\n{bounds}".strip()


def render_table(plan: Plan, console: Console | None = None) -> None:
    console = console or Console()
    doc = plan.document
    period = doc.period.label if doc.period and doc.period.label else "period unknown"
    console.print(f"[bold]{doc.title or doc.source}[/bold]")
    console.print(f"{doc.organisation.name} ({doc.organisation.code or 'no ODS code'}) · {period} · {doc.format}")
    console.print(f"{len(plan.themes)} themes · {len(plan.objectives)} objectives · "
                  f"{len(plan.commitments)} commitments · {len(plan.indicators)} indicators · "
                  f"{len(plan.glossary)} glossary entries\n")

    themes = {t.ref: t.title for t in plan.themes}
    by_objective: dict[str | None, list[Commitment]] = {}
    for c in plan.commitments:
        by_objective.setdefault(c.objective_ref, []).append(c)

    table = Table(show_lines=True, expand=True)
    for name in ("Theme / objective", "Ref", "Commitment", "Owners", "Assurance", "Due"):
        table.add_column(name, overflow="fold")
    for obj in plan.objectives:
        theme = themes.get(obj.theme_ref) if obj.theme_ref else None
        label = f"{obj.ref} {obj.title}" + (f"\n[dim]{theme}[/dim]" if theme else "")
        rows = by_objective.get(obj.ref, [])
        if not rows:
            table.add_row(label, "", "", "", "", "")
        for i, c in enumerate(rows):
            table.add_row(label if i == 0 else "", c.ref or "", c.text, _owners(c.owners),
                          "\n".join(a.raw for a in c.assurance), _due(c.due))
    for c in by_objective.get(None, []):
        table.add_row("", c.ref or "", c.text, _owners(c.owners), "\n".join(a.raw for a in c.assurance), _due(c.due))
    console.print(table)

    if plan.indicators:
        ind = Table(title="Indicators", show_lines=False, expand=True)
        for name in ("Objective", "Audience", "Indicator", "Target", "Due"):
            ind.add_column(name, overflow="fold")
        for i in plan.indicators:
            target = f"{i.target.comparator} {i.target.value:g} {i.target.unit}" if i.target else ""
            ind.add_row(i.objective_ref or "", i.audience or "", i.text, target, _due(i.due))
        console.print(ind)
    if plan.glossary:
        gl = Table(title="Glossary")
        for name in ("Abbreviation", "Expansion", "Kind"):
            gl.add_column(name)
        for g in plan.glossary:
            gl.add_row(g.abbreviation, g.expansion, g.kind)
        console.print(gl)


def print_result(result: QueryResult, console: Console | None = None) -> None:
    table = Table(*result.columns, show_lines=False)
    for row in result.rows:
        table.add_row(*("" if value is None else str(value) for value in row))
    (console or Console()).print(table)
