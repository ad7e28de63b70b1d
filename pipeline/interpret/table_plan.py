"""Plans laid out as tables: a row per deliverable (or per objective), theme rows across the
table, objective and indicator cells spanning rows, coded priorities with sub-rows, theme
headings and "Assuring committee:" lines between tables.

Column meanings come from pipeline/columns.py; labelled lines from pipeline/labels.py.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from dataclasses import dataclass, field

from normalisers.assurance import normalise_assurance
from normalisers.dates import find_due, parse_due, year_label
from normalisers.owners import normalise_owners
from normalisers.targets import parse_target
from normalisers.text import clean_text
from pipeline.interpret.columns import ColumnMap, find_columns
from pipeline.interpret.context import Context, PlanParts
from pipeline.interpret.labels import (
    assurance_line,
    audience_label,
    group_label,
    item_ref,
    numbered_heading,
    objective_code,
    outcome_line,
    theme_banner,
)
from pipeline.interpret.prose_items import indicator, is_group_label, is_measures_table, table_indicators
from pipeline.interpret.prose_sections import SectionKind, section_kind
from pipeline.interpret.prose_vocab import heading_ref, is_heading_of, starts_with
from pipeline.interpret.provenance import block_provenance, cell_provenance
from schemas.document import Block, BlockKind, Cell, Document, Line, Table
from schemas.plan import Assurance, Commitment, Due, Indicator, Objective, Owner, Provenance, Theme

_NUMBER_ONLY = re.compile(r"^\d{1,3}(?:\.\d{1,3})*\.?$")
_BLANK = {"", "-", "–", "—", "n/a", "na", "none"}  # a cell that says nothing
_PLACEHOLDER = _BLANK | {"tbc", "tba"}  # an indicator cell still to be written
_LEAD_IN_WORDS = 8
_LABEL_LEVEL = 99  # a measures label that is not a heading sits below every heading
_SAME_TITLE = 0.9  # a label this close to an objective's title names it


@dataclass(slots=True)
class _Heading:
    """A heading still open above the blocks that follow it (until one of its level or higher)."""

    index: int
    level: int
    ref: str | None
    title: str
    prov: Provenance
    numbered: bool
    introduces: bool = False  # prose follows it: an unnumbered heading over prose does not name a table


def _plan_maps(document: Document, ctx: Context, skip_blocks: set[int]) -> dict[int, ColumnMap]:
    """Each plan table's column map, by block index; a table with no header of its own that
    continues the one before (same width) takes its map, unless it is a measures table; a
    headerless table too short to tell its columns apart is read together with every headerless
    table of its width."""
    maps: dict[int, ColumnMap] = {}
    last: ColumnMap | None = None
    last_cols = 0
    unread: dict[int, list[int]] = {}  # width -> headerless tables no map was found for
    headerless: list[int] = []
    for index, block in enumerate(document.blocks):
        if block.kind is not BlockKind.TABLE or block.table is None or index in skip_blocks:
            continue
        table = block.table
        cmap = find_columns(table, glossary=ctx.glossary, year_start=ctx.year_start)
        is_headerless = not table.header_rows() and not is_measures_table(table)
        if is_headerless:
            headerless.append(index)
        if cmap is None and last is not None and table.n_cols == last_cols and is_headerless:
            cmap = _same_map(last)
        if cmap is not None:
            maps[index] = cmap
            last, last_cols = cmap, table.n_cols
        elif is_headerless:
            unread.setdefault(table.n_cols, []).append(index)
    for width, indices in unread.items():  # read with every headerless table of their width
        tables = [t for i in headerless if (t := document.blocks[i].table) is not None and t.n_cols == width]
        cmap = find_columns(_stacked(tables), glossary=ctx.glossary, year_start=ctx.year_start) \
            if len(tables) >= 2 else None
        if cmap is not None and cmap.header_row < 0:
            maps.update((i, _same_map(cmap)) for i in indices)
    _pool_same_headers(document, ctx, maps, skip_blocks)
    return dict(sorted(maps.items()))


def _pool_same_headers(document: Document, ctx: Context, maps: dict[int, ColumnMap], skip_blocks: set[int]) -> None:
    """Tables under one header (the same labels over the same columns) have the same columns:
    their roles are read from all their rows together, so a section whose owners are all
    unknown acronyms reads as the others do."""
    groups: dict[tuple[str, ...], list[tuple[int, int]]] = {}  # header labels -> (block index, header row)
    for index, block in enumerate(document.blocks):
        table = block.table
        if block.kind is not BlockKind.TABLE or table is None or index in skip_blocks:
            continue
        row = maps[index].header_row if index in maps else max(table.header_rows(), default=-1)
        if row >= 0:
            labels = tuple(clean_text(c.text).casefold() for c in table.row_cells(row))
            groups.setdefault((str(table.n_cols), *labels), []).append((index, row))
    for members in groups.values():
        if len(members) < 2:
            continue
        (first_index, first_row), *rest = members
        first = document.blocks[first_index].table
        bodies = [_rows_from(t, row + 1) for i, row in rest if (t := document.blocks[i].table) is not None]
        pooled = find_columns(_stacked([first, *bodies]), glossary=ctx.glossary, year_start=ctx.year_start) \
            if first is not None else None  # the first table whole, then the others' bodies
        if pooled is not None and pooled.header_row == first_row:
            maps.update((i, dataclasses.replace(pooled, header_row=row)) for i, row in members)


def _rows_from(table: Table, first: int) -> Table:
    """The table from row `first` down."""
    cells = [dataclasses.replace(c, row=c.row - first) for c in table.cells if c.row >= first]
    return Table(n_rows=max(0, table.n_rows - first), n_cols=table.n_cols, cells=cells)


def _same_map(cmap: ColumnMap) -> ColumnMap:
    """The column roles of `cmap` for a table that prints no header."""
    return dataclasses.replace(cmap, header_row=-1)


def _stacked(tables: list[Table]) -> Table:
    """Tables of one width as one table, each under the one before."""
    cells: list[Cell] = []
    rows = 0
    for table in tables:
        cells.extend(dataclasses.replace(c, row=c.row + rows) for c in table.cells)
        rows += table.n_rows
    return Table(n_rows=rows, n_cols=tables[0].n_cols, cells=cells)


def _level(block: Block) -> int:
    return 1 if block.level is None else max(block.level, 1)


def _containers(document: Document, maps: dict[int, ColumnMap]) -> set[int]:
    """Unnumbered, unlabelled headings above every plan table ("What we will deliver", "Our
    objectives"): the body's heading, not a theme or an objective (one heading over every item
    groups nothing), but for the heading over a lone table whose rows name its objectives."""
    if not maps:
        return set()
    if len(maps) == 1:  # one table whose own rows name objectives: the heading over it is their theme,
        (index, cmap), = maps.items()  # unless it is the one part of the document that is not context
        table = document.blocks[index].table
        if table is None or (cmap.has("objective") or _banner_cells(table, cmap)) and not _body_part(document, index):
            return set()
    stack: list[tuple[int, int]] = []  # (level, block index)
    above_all: set[int] | None = None
    for index, block in enumerate(document.blocks):
        if block.kind is BlockKind.HEADING:
            while stack and stack[-1][0] >= _level(block):
                stack.pop()
            stack.append((_level(block), index))
        elif index in maps:
            chain = {i for _, i in stack}
            above_all = chain if above_all is None else above_all & chain
    return {i for i in above_all or set() if heading_ref(clean_text(document.blocks[i].text)) is None}


def _body_part(document: Document, index: int) -> bool:
    """Whether the heading right above block `index` has siblings (headings of its level under
    the same parent) and every one of them is context ("Introduction", "Monitoring", a glossary)."""
    def level(block: Block) -> int:
        return 1 if block.level is None else block.level  # the title (level 0) is every heading's parent

    headings = [(i, level(b)) for i, b in enumerate(document.blocks[:index]) if b.kind is BlockKind.HEADING]
    if not headings:
        return False
    at, at_level = headings[-1]
    siblings = []
    for i, b in enumerate(document.blocks):
        if b.kind is not BlockKind.HEADING or i == at:
            continue
        if level(b) < at_level:
            if i > at:
                break
            siblings.clear()  # a new parent above the heading
        elif level(b) == at_level:
            siblings.append(b)
    return bool(siblings) and all(section_kind(clean_text(b.text)) is not SectionKind.STRUCTURAL for b in siblings)


def _is_measures_label(block: Block, text: str) -> bool:
    """"What success looks like", "How we will measure success:": measures follow."""
    return block.kind in (BlockKind.HEADING, BlockKind.PARAGRAPH) and len(text.split()) <= _LEAD_IN_WORDS + 2 and (
        is_heading_of("indicator_headings", text.rstrip(":")) or starts_with("indicator_lead_ins", text))


def interpret_tables(document: Document, ctx: Context, skip_blocks: set[int]) -> PlanParts:
    """Themes, objectives, commitments and indicators from the document's plan tables.

    Headings name the tables below them by their nesting: the innermost open heading over an
    action table is its objective and the one above that its theme; over a table with an
    objective column, a numbered heading is the theme. A heading over every table is the body's.
    """
    maps = _plan_maps(document, ctx, skip_blocks)
    containers = _containers(document, maps)
    builder = _Builder(ctx)
    open_headings: list[_Heading] = []
    made: set[int] = set()  # headings already made a theme or an objective
    measures = 0  # list items under a "What success looks like" label (of this level) are measures
    measured: str | None = None  # the objective a label inside that part names
    audience: str | None = None  # their group label ("Patients")
    label: str | None = None  # the last heading or bold line: it may name the objective of a measures table
    table_index = -1
    for index, block in enumerate(document.blocks):
        if block.kind is BlockKind.TABLE and block.table is not None:
            table_index += 1
            measures = 0
            cmap = maps.get(index)
            if cmap is None:
                if maps and index not in skip_blocks and is_measures_table(block.table):
                    objective = _objective_named(builder.parts.objectives, label) or builder.current_objective
                    builder.parts.indicators.extend(table_indicators(block, table_index, objective, ctx.year_start))
                continue
            found = _banner_cells(block.table, cmap)
            banners = [c for c in found if not year_label(c.text)]  # a year over its rows dates them
            themes = _theme_banners(block.table, banners, cmap.cols("objective"))
            _name_table(builder, open_headings, made, cmap, banners, themes)
            builder.table(block.table, cmap, table_index, found, themes)
            continue
        text = clean_text(block.text)
        if not text:
            continue
        label = text if block.kind is BlockKind.HEADING or block.bold else None
        prov = block_provenance(block)
        unheaded = not builder.parts.objectives and bool(builder.parts.commitments)  # a plan with no objectives
        if measures and block.kind is BlockKind.LIST_ITEM and ((measured or builder.current_objective) or unheaded):
            builder.parts.indicators.append(indicator(block, measured or builder.current_objective, ctx.year_start,
                                                      audience))
            continue
        if measures and label and (named := _objective_named(builder.parts.objectives, text)):
            measured, audience = named, None  # a measures part in sections named by objective
            continue
        if measures and is_group_label(block) and _under_measures(block, measures, open_headings):
            audience = group_label(text)
            continue
        measures, measured, audience = 0, None, None
        banner = theme_banner(text)
        if banner:
            builder.theme(banner[0], banner[1], prov)
            open_headings.clear()
        elif (outcome := outcome_line(text)) and builder.themes:
            builder.theme_outcome(outcome)
        elif assurance := assurance_line(text):
            builder.context_assurance = normalise_assurance([assurance], ctx.glossary)
        elif _is_measures_label(block, text):
            measures = _level(block) if block.kind is BlockKind.HEADING else _LABEL_LEVEL
        elif block.kind is BlockKind.HEADING and text != ctx.title and index not in containers \
                and section_kind(text) is SectionKind.STRUCTURAL:
            while open_headings and open_headings[-1].level >= _level(block):
                open_headings.pop()
            printed = heading_ref(text)
            ref, title = printed if printed else (None, text)
            open_headings.append(_Heading(index, _level(block), ref, title, prov, printed is not None))
            builder.context_assurance = []
        elif block.kind is BlockKind.HEADING:
            open_headings.clear()  # a foreword, a glossary: what was open above is closed
        elif open_headings and not open_headings[-1].numbered:
            open_headings[-1].introduces = True  # prose under an unnumbered heading: it introduces
    return builder.parts


def _under_measures(block: Block, measures: int, open_headings: list[_Heading]) -> bool:
    """A group label sits no higher than the measures label: a heading at its level or below,
    or below the innermost open heading when the label is a line of text."""
    if block.kind is not BlockKind.HEADING:
        return True
    if measures == _LABEL_LEVEL:
        return bool(open_headings) and _level(block) > open_headings[-1].level
    return _level(block) >= measures


def _objective_named(objectives: list[Objective], label: str | None) -> str | None:
    """The objective a label above a measures table names by its title."""
    if not label:
        return None
    key = label.casefold().rstrip(":")
    for objective in objectives:
        if difflib.SequenceMatcher(None, key, objective.title.casefold()).ratio() >= _SAME_TITLE:
            return objective.ref
    return None


def _name_table(builder: _Builder, open_headings: list[_Heading], made: set[int], cmap: ColumnMap,
                banners: list[Cell], themes: set[int]) -> None:
    """Make the headings over a plan table its theme and objective (once each). Over a table
    whose own rows name objectives (an objective column, coded rows, banner rows), the heading
    is their theme (none when its banners are themes and objectives both)."""
    if not open_headings:
        return
    inner = open_headings[-1]
    if inner.introduces:
        return
    outer = open_headings[-2] if len(open_headings) >= 2 else None
    if banners and not cmap.has("objective"):  # the table's own rows name its objectives
        if not themes and inner.index not in made:
            builder.theme(inner.ref, inner.title, inner.prov)
            made.add(inner.index)
        return
    if cmap.has("objective") or builder.current_objective_source == "code":
        if inner.numbered and inner.index not in made:
            builder.theme(inner.ref, inner.title, inner.prov)
            made.add(inner.index)
        return
    if outer is not None and outer.index not in made:
        builder.theme(outer.ref, outer.title, outer.prov)
        made.add(outer.index)
    if inner.index not in made:
        builder.objective(inner.ref, inner.title, inner.prov, [])
        made.add(inner.index)


def _is_banner(cell: Cell, width: int, content_cols: list[int]) -> bool:
    """A row's only cell is a banner (theme, outcome, code) when it runs across the table, or
    when it sits outside the objective and deliverable columns."""
    if cell.col == 0 and cell.col_span >= max(width - 1, 2):
        return True
    return not any(cell.col <= c <= cell.last_col for c in content_cols)


def _banner_cells(table: Table, cmap: ColumnMap) -> list[Cell]:
    """The cells of rows holding one cell only, a banner across the table."""
    content_cols = cmap.cols("deliverable") + cmap.cols("objective")
    out = []
    by_row = table.cells_by_row()
    for r in range(cmap.header_row + 1, table.n_rows):
        starting = [c for c in by_row[r] if c.text.strip()]
        if len(starting) == 1 and _is_banner(starting[0], table.n_cols, content_cols):
            out.append(starting[0])
    return out


def _theme_banners(table: Table, banners: list[Cell], objective_cols: list[int]) -> set[int]:
    """Ids of the banner cells that are themes, by nesting: every banner over an objective column;
    the shallower of two numbering depths ("1" over "1.1"); a banner straight over another one
    ("Timely access to care" over "Make outpatient services more productive"); else none."""
    if objective_cols:
        return {id(c) for c in banners}
    depth = {id(c): (numbered[0].count(".") + 1 if (numbered := numbered_heading(clean_text(c.text))) else 0)
             for c in banners}
    numbered_depths = sorted({d for d in depth.values() if d})
    if len(numbered_depths) >= 2:
        return {i for i, d in depth.items() if d == numbered_depths[0]}
    banner_rows = {c.row: c for c in banners}
    filled_rows = sorted({c.row for c in table.cells if c.text.strip()})
    stacked = {id(cell) for cell in banners
               if next((r for r in filled_rows if r > cell.last_row), None) in banner_rows}
    return stacked if stacked and len(stacked) < len(banners) else set()


def _objective_ref_and_title(cells: list[Cell]) -> tuple[str | None, str]:
    """The ref an objective's cells print (a number cell of its own, or a code or number
    before the title: "G1" / "Reduce harm", "1.1 Reduce harm") and its title."""
    number = next((clean_text(c.text).rstrip(".") for c in cells if _NUMBER_ONLY.match(c.text.strip())), None)
    texts = [clean_text(c.text) for c in cells if not _NUMBER_ONLY.match(c.text.strip())]
    if number is None and texts:
        first_cell = next(c for c in cells if not _NUMBER_ONLY.match(c.text.strip()))
        first_line = clean_text(_lines(first_cell)[0].text) if _lines(first_cell) else ""
        printed = objective_code(first_line) or item_ref(first_line) or numbered_heading(first_line)
        if printed and (printed[1] or len(_lines(first_cell)) > 1):
            number = printed[0]
            texts[0] = clean_text(texts[0][len(first_line):]) if not printed[1] else \
                clean_text(printed[1] + texts[0][len(first_line):])
    return number, " ".join(t for t in texts if t)


def _first_line(cell: Cell) -> str:
    lines = _lines(cell)
    return clean_text(lines[0].text) if lines else ""


def _heads_rows(grid: list[list[Cell | None]], cell: Cell, deliverable_cols: list[int], code: str) -> bool:
    """A coded row heads the rows below it (an objective over its actions) when it runs across
    columns, or when the next row's item has no code of its own or one under this code
    ("BS1" over "BS1.1"); a next row with a sibling code ("C2" after "C1") makes it an action."""
    if cell.col_span > 1:
        return True
    below = cell.last_row + 1
    if below >= len(grid):
        return False
    following = next((grid[below][c] for c in deliverable_cols if grid[below][c] is not None), None)
    if following is None or following is cell:
        return True
    if following.col_span > 1:
        return False  # a banner below: the coded row stands alone, an action
    text = _first_line(following)
    printed = objective_code(text) or item_ref(text)
    return printed is None or (printed[0].startswith(code) and printed[0] != code)


def _sibling_code(text: str) -> tuple[str, str] | None:
    """An action's own code printed before it ("C2. Tackle ..."), when it reads as an action."""
    code = objective_code(text)
    return code if code and code[1] else None


def _lines(cell: Cell | None) -> list[Line]:
    if cell is None:
        return []
    return [line for line in cell.lines if clean_text(line.text)]


def _text(lines: list[Line]) -> str:
    return clean_text(" ".join(line.text for line in lines))


def _item_texts(items: list[Line]) -> list[str]:
    """One text per top-level list item, its sub-items joined to it."""
    top = min(item.list_depth or 0 for item in items)
    groups: list[list[Line]] = []
    for item in items:
        if groups and (item.list_depth or 0) > top:
            groups[-1].append(item)
        else:
            groups.append([item])
    return [_text(group) for group in groups]


@dataclass(slots=True)
class _Builder:
    ctx: Context
    parts: PlanParts = field(default_factory=PlanParts)
    context_assurance: list[Assurance] = field(default_factory=list)
    current_theme: str | None = None
    themes_since_objective: int = 0
    theme_ambiguous: bool = False  # stacked theme rows with no objective between them
    current_objective: str | None = None
    current_objective_source: str | None = None  # "code" when opened by a coded priority row
    objective_cells: tuple[int, ...] = ()
    seen_indicator_cells: set[int] = field(default_factory=set)
    row_commitment_ref: str | None = None  # the printed ref of the last row's single commitment
    year: int | None = None  # the financial year a banner row over these rows names, if any

    @property
    def themes(self) -> list[Theme]:
        return self.parts.themes

    @property
    def year_start(self) -> int | None:
        """The year quarters and months fall in: a year banner's above them, else the plan's."""
        return self.year if self.year is not None else self.ctx.year_start

    # ------------------------------------------------------------------ themes
    def theme(self, ref: str | None, title: str, prov: Provenance | None = None) -> None:
        used = [t.ref for t in self.parts.themes]
        ref = self._unique(ref, used) or self._ordinal(used)
        self.parts.themes.append(Theme(ref=ref, title=clean_text(title), provenance=prov))
        self.current_theme = ref
        self.theme_ambiguous = self.themes_since_objective >= 1
        self.themes_since_objective += 1
        self.current_objective = None
        self.objective_cells = ()

    def theme_outcome(self, text: str) -> None:
        self.parts.themes[-1].outcome = clean_text(text)

    # ------------------------------------------------------------------ objectives
    def objective(self, ref: str | None, title: str, prov: Provenance, owners: list[Owner]) -> None:
        used = [o.ref for o in self.parts.objectives]
        ref = self._unique(ref, used) or self._ordinal(used)
        theme_ref = None if self.theme_ambiguous else self.current_theme
        self.parts.objectives.append(Objective(ref=ref, theme_ref=theme_ref, title=clean_text(title) or ref,
                                               owners=owners, provenance=prov))
        self.current_objective = ref
        self.current_objective_source = None
        self.themes_since_objective = 0

    @staticmethod
    def _ordinal(used: list[str]) -> str:
        n = len(used) + 1
        while str(n) in used:
            n += 1
        return str(n)

    @staticmethod
    def _unique(ref: str | None, used: list[str | None]) -> str | None:
        if ref is None or ref not in used:
            return ref
        n = 2
        while f"{ref}-{n}" in used:
            n += 1
        return f"{ref}-{n}"

    # ------------------------------------------------------------------ tables
    def table(self, table: Table, cmap: ColumnMap, table_index: int, banners: list[Cell], themes: set[int]) -> None:
        grid = table.grid()
        deliverable_cols = cmap.cols("deliverable")
        objective_cols = cmap.cols("objective")
        ref_cols = cmap.cols("ref")
        ref_names_objective = bool(ref_cols) and self._ref_names_objective(table, cmap)
        header_texts = [clean_text(c.text).lower() for c in table.row_cells(cmap.header_row)] \
            if cmap.header_row >= 0 else []

        by_row = table.cells_by_row()
        for r in range(cmap.header_row + 1, table.n_rows):
            starting = [c for c in by_row[r] if c.text.strip()]
            if not starting:
                continue
            if header_texts and [clean_text(c.text).lower() for c in by_row[r]] == header_texts:
                continue  # a header row repeated on a later page
            if len(starting) == 1 and any(starting[0] is b for b in banners):
                if labelled_year := year_label(starting[0].text):
                    self.year = labelled_year  # "2025/26" across the table dates the rows below it
                else:
                    self._banner_row(starting[0], table_index, id(starting[0]) in themes)
                continue
            self._plan_row(table, grid, r, cmap, table_index, deliverable_cols, objective_cols,
                           ref_cols, ref_names_objective)

    def _banner_row(self, cell: Cell, table_index: int, is_theme: bool) -> None:
        """A row across the table: a labelled theme or outcome, a coded objective, an assurance
        line; else its level comes from the nesting: a theme over an objective column or over
        deeper-numbered banners, else the objective of the rows below it."""
        text = clean_text(cell.text)
        prov = cell_provenance(cell, table_index)
        numbered = numbered_heading(text)
        ref, title = numbered if numbered else (None, text)
        if banner := theme_banner(text):
            self.theme(banner[0], banner[1], prov)
        elif (outcome := outcome_line(text)) and self.parts.themes:
            self.theme_outcome(outcome)
        elif code := objective_code(text):
            self.objective(code[0], code[1], prov, [])
        elif assurance := assurance_line(text):
            self.context_assurance = normalise_assurance([assurance], self.ctx.glossary)
        elif is_theme:
            self.theme(ref, title, prov)
        else:
            self.objective(ref, title, prov, [])

    @staticmethod
    def _ref_names_objective(table: Table, cmap: ColumnMap) -> bool:
        """A ref column names objectives when each objective cell has its own ref cell over
        the same rows (merged alike when the objective spans several action rows) and no
        objective column prints a number of its own."""
        objective_cols = cmap.cols("objective")
        if not objective_cols:
            return False
        grid = table.grid()
        cells = [c for c in table.cells
                 if c.col in objective_cols and c.row > cmap.header_row and c.text.strip()]
        for c in cells:
            if _NUMBER_ONLY.match(c.text.strip()):
                return False
            refs = [grid[c.row][col] for col in cmap.cols("ref") if grid[c.row][col] is not None]
            if any(ref.row != c.row or ref.row_span != c.row_span for ref in refs):
                return False
        return True

    def _plan_row(self, table: Table, grid, r: int, cmap: ColumnMap, table_index: int,
                  deliverable_cols: list[int], objective_cols: list[int], ref_cols: list[int],
                  ref_names_objective: bool) -> None:
        def covering(kind_cols: list[int]) -> Cell | None:
            for c in kind_cols:
                if grid[r][c] is not None and grid[r][c].text.strip():
                    return grid[r][c]
            return None

        deliverable = covering(deliverable_cols)
        ref_cell = covering(ref_cols)
        ref_text = clean_text(ref_cell.text) if ref_cell is not None and ref_cell.row == r else None

        # A coded priority ("BS1 Work with partners ...") opens an objective with sub-rows.
        if deliverable is not None and deliverable.row == r:
            first = _lines(deliverable)[:1]
            code = objective_code(first[0].text) if first else None
            if code and (len(_lines(deliverable)) == 1 or deliverable.col_span > 1) \
                    and _heads_rows(grid, deliverable, deliverable_cols, code[0]):
                owners = normalise_owners([ln.text for c in cmap.objective_owner_cols
                                           for ln in _lines(grid[r][c])], self.ctx.glossary) \
                    if cmap.objective_owner_cols else []
                title = _text([Line(code[1])] + _lines(deliverable)[1:])
                self.objective(code[0], title, cell_provenance(deliverable, table_index), owners)
                self.current_objective_source = "code"
                return

        # Objective columns: a new covering cell opens a new objective.
        objective_cells = tuple(id(grid[r][c]) for c in objective_cols if grid[r][c] is not None
                                and grid[r][c].text.strip())
        if objective_cells and objective_cells != self.objective_cells:
            cells = []
            for c in objective_cols:
                cell = grid[r][c]
                if cell is not None and cell.text.strip() and cell not in cells:
                    cells.append(cell)
            number, title = _objective_ref_and_title(cells)
            ref = ref_text if ref_names_objective and ref_text else number
            owners = []
            if ref_names_objective:
                owners = normalise_owners([ln.text for ln in _lines(covering(cmap.cols("owner")))], self.ctx.glossary)
            self.objective(ref, title, cell_provenance(cells[0], table_index), owners)
            self.objective_cells = objective_cells

        # Commitments from the deliverable cell that starts in this row.
        if deliverable is not None and deliverable.row == r:
            owner_cell = covering(cmap.cols("owner"))
            owners = normalise_owners([ln.text for ln in _lines(owner_cell)], self.ctx.glossary)
            assurance_cell = covering(cmap.cols("assurance"))
            assurance = normalise_assurance([ln.text for ln in _lines(assurance_cell)], self.ctx.glossary) \
                if assurance_cell is not None else list(self.context_assurance)
            due_cell = covering(cmap.cols("due"))
            due = self._due(_text(_lines(due_cell))) if due_cell is not None else self._period_due(grid[r], cmap)
            commitment_ref = None if ref_names_objective else ref_text
            lines = _lines(deliverable)
            split = commitment_ref is None and len(lines) >= 2 and all(ln.is_list_item for ln in lines)
            texts = _item_texts(lines) if split else [_text(lines)]
            row_commitments = []
            for text in texts:
                ref = commitment_ref
                printed = (item_ref(text) or _sibling_code(text)) if ref is None and not ref_cols else None
                if printed:  # "P1.a Develop ..." printed inside the cell
                    ref, text = printed
                commitment = Commitment(
                    ref=ref, objective_ref=self.current_objective, text=text,
                    owners=[o.model_copy() for o in owners], assurance=[a.model_copy() for a in assurance],
                    due=due.model_copy() if due else None, provenance=cell_provenance(deliverable, table_index))
                self.parts.commitments.append(commitment)
                row_commitments.append(commitment)
            self.row_commitment_ref = row_commitments[0].ref if len(row_commitments) == 1 else None

        # Indicators: each cell once, for the commitment it sits beside or else the objective.
        indicator_cell = covering(cmap.cols("indicator"))
        if indicator_cell is not None and id(indicator_cell) not in self.seen_indicator_cells:
            self.seen_indicator_cells.add(id(indicator_cell))
            commitment_ref = None
            if deliverable is not None and deliverable.row == r and self.row_commitment_ref:
                objective_span = max((grid[r][c].row_span for c in objective_cols if grid[r][c] is not None),
                                     default=None)
                inside_row = indicator_cell.row >= deliverable.row and indicator_cell.last_row <= deliverable.last_row
                if inside_row and (objective_span is None or objective_span > indicator_cell.row_span):
                    commitment_ref = self.row_commitment_ref
            self._indicators(indicator_cell, table_index, commitment_ref)

    def _period_due(self, row: list[Cell | None], cmap: ColumnMap) -> Due | None:
        """The span of the quarters or months a row marks in a period grid (a tick, a milestone)."""
        marked = [cmap.periods[c] for c in sorted(cmap.periods) if row[c] is not None and row[c].text.strip()
                  and row[c].text.strip().lower() not in _BLANK]
        if not marked:
            return None
        first, last = parse_due(marked[0], self.year_start), parse_due(marked[-1], self.year_start)
        raw = marked[0] if len(marked) == 1 else f"{marked[0]}-{marked[-1]}"
        return Due(raw=raw, start=first.start, end=last.end)

    def _due(self, raw: str) -> Due | None:
        if raw.lower() in _BLANK:
            return None
        return parse_due(raw, self.year_start)

    def _indicators(self, cell: Cell, table_index: int, commitment_ref: str | None) -> None:
        audience: str | None = None
        lead_in_due: Due | None = None
        prov = cell_provenance(cell, table_index)
        for line in _lines(cell):
            text = clean_text(line.text)
            label = audience_label(text)
            if label and (line.bold or not label[1] or text.rstrip().endswith(":") or ":" in text[:20]):
                audience = label[0]
                text = label[1]
                if not text:
                    continue
            if text.endswith(":") and not line.is_list_item and len(text.split()) <= _LEAD_IN_WORDS:
                lead_in_due = find_due(text.rstrip(":"), self.year_start)
                continue
            if text.lower() in _PLACEHOLDER:
                continue
            target, baseline = parse_target(text)
            due = find_due(text, self.year_start) or (lead_in_due.model_copy() if lead_in_due else None)
            self.parts.indicators.append(Indicator(
                objective_ref=self.current_objective, commitment_ref=commitment_ref, audience=audience, text=text,
                target=target, baseline=baseline, due=due, provenance=prov))
