"""Plan items from single prose blocks: a commitment from a bullet, an indicator from a measure
line or a measures table row, with inline leads, dates and targets read by the normalisers."""

from __future__ import annotations

from collections.abc import Sequence

from normalisers.dates import find_due, parse_due
from normalisers.owners import names_roles, normalise_owners, trailing_owner
from normalisers.targets import parse_target
from normalisers.text import clean_text
from pipeline.interpret.context import Context
from pipeline.interpret.labels import numbered_heading, objective_code
from pipeline.interpret.prose_vocab import column_kind, inline_lead, labelled
from pipeline.interpret.provenance import block_provenance, cell_provenance
from schemas.document import Block, BlockKind, Cell, Table
from schemas.plan import Assurance, Baseline, Commitment, Indicator, Owner


def printed_ref(text: str) -> tuple[str | None, str]:
    """A commitment's own printed reference ("1.2 Do X", "BS1.3: Do X", "Action 3: Do X"), and the
    text without it."""
    label = labelled("commitment_labels", text)
    if label:
        return label
    numbered = numbered_heading(text)
    if numbered and "." in numbered[0]:
        return numbered
    coded = objective_code(text)
    if coded and coded[1]:
        return coded
    return None, text


def commitment(block: Block, objective_ref: str | None, owners: Sequence[Owner], ctx: Context,
               year: int | None, assurance: Sequence[Assurance] = ()) -> Commitment:
    """One bullet or paragraph as a commitment; an inline "(Lead: X, by Y)" names its own owner."""
    ref, text = printed_ref(clean_text(block.text))
    due = None
    lead = inline_lead(text)
    trailing = trailing_owner(text, ctx.glossary) if lead is None else None
    if lead is not None:
        who, when = lead
        if when and find_due(when, year) is None and names_roles(f"{who}, {when}", ctx.glossary):
            who, when = f"{who}, {when}", ""  # "(Lead: Jane Smith, Chief Nurse)": a person and their role
        owners = normalise_owners([who], ctx.glossary)
        due = find_due(when, year) if when else None
    elif trailing is not None:
        owners = normalise_owners([trailing], ctx.glossary)
    return Commitment(ref=ref, objective_ref=objective_ref, text=text, owners=list(owners),
                      assurance=[a.model_copy() for a in assurance], due=due or find_due(text, year),
                      provenance=block_provenance(block))


_GROUP_WORDS = 3


def is_group_label(block: Block) -> bool:
    """A short line of words alone over a list of measures ("Patients", "Our people:")."""
    text = clean_text(block.text).rstrip(":")
    return block.kind in (BlockKind.PARAGRAPH, BlockKind.HEADING) and 0 < len(text.split()) <= _GROUP_WORDS \
        and not any(ch.isdigit() for ch in text) and not text.endswith(".")


def indicator(block: Block, objective_ref: str | None, year: int | None, audience: str | None = None) -> Indicator:
    text = clean_text(block.text)
    target, baseline = parse_target(text)
    return Indicator(objective_ref=objective_ref, audience=audience, text=text, target=target, baseline=baseline,
                     due=find_due(text, year), provenance=block_provenance(block))


def _column_kinds(table: Table) -> dict[int, tuple[str, str]]:
    """Column -> (kind, header text) from the header row of a measures table."""
    kinds = {}
    for cell in table.row_cells(0):
        kind = column_kind(cell.text)
        if kind:
            for col in range(cell.col, cell.last_col + 1):
                kinds.setdefault(col, (kind, cell.text))
    return kinds


def is_measures_table(table: Table) -> bool:
    found = {kind for kind, _ in _column_kinds(table).values()}
    return "text" in found and bool(found & {"target", "baseline"})


def table_indicators(block: Block, table_index: int, objective_ref: str | None,
                     year: int | None) -> list[Indicator]:
    """Rows of a Measure | Baseline | Target table; a measure cell spanning rows serves each row."""
    assert block.table is not None
    table = block.table
    kinds = _column_kinds(table)
    out = []
    for row in range(1, table.n_rows):
        cells: dict[str, tuple[Cell, str]] = {}
        for col, (kind, header) in kinds.items():
            cell = table.cell_at(row, col)
            if cell is not None and cell.text and kind not in cells:
                cells[kind] = (cell, header)
        if "text" not in cells:
            continue
        measure_cell, _ = cells["text"]
        text = clean_text(measure_cell.text)
        target, baseline = parse_target(cells["target"][0].text) if "target" in cells else (None, None)
        if "baseline" in cells and cells["baseline"][0] is not cells.get("target", (None,))[0]:
            start, _ = parse_target(cells["baseline"][0].text)
            baseline = Baseline(value=start.value, unit=start.unit) if start else baseline
        due = None
        if "due" in cells:
            due = parse_due(cells["due"][0].text, year)
        elif "target" in cells:
            due = find_due(cells["target"][1], year)
        out.append(Indicator(objective_ref=objective_ref, text=text, target=target, baseline=baseline,
                             due=due, provenance=cell_provenance(measure_cell, table_index, block)))
    return out
