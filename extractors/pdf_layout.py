"""Pages of positioned words and rules -> document blocks in reading order.

The entry points are `layout_pages` (the blocks) and `layout_document` (the blocks and the page
furniture taken out): the PDF extractor calls them with the text layer, an OCR extractor with
recognised words (see `extractors.pdf_page`). Steps: tables from the rules of each page; page
furniture removed; the rest of the text cut into fragments and put in reading order with the
tables (XY-cut); tables joined across pages; fragments turned into headings, paragraphs and
list items.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from extractors.hyphenation import Vocabulary
from extractors.page_furniture import remove_furniture
from extractors.pdf_aligned import aligned_tables
from extractors.pdf_blocks import body_size, heading_sizes, join_page_breaks, table_block, text_block
from extractors.pdf_borderless import borderless_tables
from extractors.pdf_join import JoinedTable, append_piece, compatible, start_table
from extractors.pdf_page import PageContent, Rule
from extractors.pdf_stream import find_rule_stacks, gutter_edges, stream_table
from extractors.pdf_tables import (
    SNAP,
    TablePiece,
    find_fill_grids,
    find_grid_regions,
    inside,
    ruled_table,
    shade_cells,
)
from extractors.pdf_text import (
    PitchModel,
    VisualLine,
    build_paragraphs,
    group_rows,
    group_visual_lines,
    split_row,
    to_visual_line,
)
from extractors.reading_order import xy_cut
from schemas.document import BBox, Block

_MIN_GUTTER = 10.0  # pt of white space that separates columns
_CONTINUED = re.compile(r"^\W*(\w+\W+){0,4}cont(inued|['’]d|\.)\W*$", re.IGNORECASE)
_SAME_WIDTH = 6.0  # pt: table pieces this close in their left and right sides are as wide


@dataclass(slots=True)
class _TextGroup:
    page: int
    lines: list[VisualLine] = field(default_factory=list)


_PageItem = _TextGroup | TablePiece
_Region = tuple[BBox, list[Rule], list[Rule]]  # a ruled grid: its box, horizontal and vertical rules


@dataclass(slots=True)
class Layout:
    blocks: list[Block]
    furniture: list[str]  # running headers, footers and logo text taken out (page numbers aside)


def layout_pages(pages: Sequence[PageContent]) -> list[Block]:
    """The blocks of a document in reading order (tables joined across pages)."""
    return layout_document(pages).blocks


def layout_document(pages: Sequence[PageContent]) -> Layout:
    """The blocks in reading order, and the page furniture taken out of them."""
    regions: dict[int, list[_Region]] = {}
    stacks: dict[int, list[tuple[BBox, list[float]]]] = {}
    for page in pages:
        grids = _grids(page)
        found = find_rule_stacks(page, [box for box, _, _ in grids])
        regions[page.number], stacks[page.number] = _bodies_under_grids(grids, found)
    protected = {n: [box for box, _, _ in regions[n]] + [box for box, _ in stacks[n]] for n in regions}
    furniture = remove_furniture(pages, protected)
    columns = _stream_columns(pages, stacks)
    ordered: list[list[_PageItem]] = []
    carried: list[list[float]] = []  # the columns of the table that ended the page before
    for page in pages:
        pieces = _page_tables(page, regions[page.number], stacks[page.number], columns)
        items = _page_items(page, pieces, carried)
        ordered.append(items)
        tables = [item for item in items if isinstance(item, TablePiece)]
        carried = [tables[-1].col_edges] if tables else []
    vocabulary = Vocabulary(w.text for page in pages for w in page.words)
    text_pitches = PitchModel(_text_line_groups(ordered))
    part_lines = _part_lines(ordered)
    cell_pitches = PitchModel(_cell_line_groups(ordered, part_lines))
    body = body_size(pages)
    headings = heading_sizes(_text_line_groups(ordered), body)
    blocks: list[Block] = []
    for item in _join_tables(ordered):
        if isinstance(item, JoinedTable):
            blocks.append(table_block(item, cell_pitches, vocabulary, part_lines))
        else:
            paragraphs = build_paragraphs(item.lines, text_pitches, vocabulary)
            blocks.extend(text_block(p, item.page, body, headings) for p in paragraphs)
    return Layout(blocks=join_page_breaks(blocks, vocabulary), furniture=furniture)


def _stream_columns(pages: Sequence[PageContent],
                    stacks: dict[int, list[tuple[BBox, list[float]]]]) -> dict[tuple[int, int], list[float]]:
    """Column edges of each rules-only table piece, measured over all pieces of its table: a piece
    that starts a page continues the one that ended the previous page when both are as wide."""
    chains: list[list[tuple[PageContent, BBox, int]]] = []
    previous_last: tuple[BBox, int] | None = None
    previous_edges: list[float] = []
    for page in pages:
        page_stacks = stacks[page.number]
        for index, (box, _) in enumerate(page_stacks):
            own = gutter_edges([[w for w in page.words if inside(w, box)]], box)
            continues = (index == 0 and previous_last is not None and chains
                         and abs(previous_last[0].x0 - box.x0) <= _SAME_WIDTH
                         and abs(previous_last[0].x1 - box.x1) <= _SAME_WIDTH
                         and _same_columns(previous_edges, own))
            previous_edges = own
            if not continues:
                chains.append([])
            chains[-1].append((page, box, index))
        previous_last = (page_stacks[-1][0], len(page_stacks) - 1) if page_stacks else None
    columns: dict[tuple[int, int], list[float]] = {}
    for chain in chains:
        box = chain[0][1]
        edges = gutter_edges([[w for w in page.words if inside(w, b)] for page, b, _ in chain], box)
        for page, _, index in chain:
            columns[(page.number, index)] = edges
    return columns


def _same_columns(a: Sequence[float], b: Sequence[float]) -> bool:
    """Every column edge of the piece with fewer lies at one of the other's (a piece may show a
    gutter that the other's banners cover)."""
    fewer, more = (a, b) if len(a) <= len(b) else (b, a)
    return all(any(abs(x - y) <= _SAME_WIDTH for y in more) for x in fewer)


def _grids(page: PageContent) -> list[_Region]:
    ruled = find_grid_regions(page)
    return ruled + find_fill_grids(page, [box for box, _, _ in ruled])


def _bodies_under_grids(grids: Sequence[_Region], stacks: Sequence[tuple[BBox, list[float]]]
                        ) -> tuple[list[_Region], list[tuple[BBox, list[float]]]]:
    """A rules stack that opens on the bottom rule of a grid as wide (a header drawn as a grid,
    body rows with a rule under each only, see `find_rule_stacks`) is that grid's body: its rules
    join the grid's, so that the body rows split at the header's columns as under a framed grid."""
    regions = list(grids)
    rest: list[tuple[BBox, list[float]]] = []
    for stack, ys in stacks:
        index = next((i for i, (box, _, _) in enumerate(regions) if abs(box.bottom - stack.top) <= SNAP
                      and abs(box.x0 - stack.x0) <= _SAME_WIDTH and abs(box.x1 - stack.x1) <= _SAME_WIDTH), None)
        if index is None:
            rest.append((stack, ys))
            continue
        box, hs, vs = regions[index]
        rules = [Rule(box.x0, y, box.x1, y) for y in ys[1:]]
        regions[index] = (BBox(box.x0, box.top, box.x1, ys[-1]), [*hs, *rules], vs)
    return regions, rest


def _page_tables(page: PageContent, regions: Sequence[_Region],
                 stacks: Sequence[tuple[BBox, list[float]]],
                 columns: dict[tuple[int, int], list[float]]) -> list[TablePiece]:
    pieces: list[TablePiece] = []
    for box, hs, vs in regions:
        piece = ruled_table(page, box, hs, vs, [w for w in page.words if inside(w, box)])
        if piece is not None and any(not c.empty for c in piece.cells):
            pieces.append(piece)
    for index, (box, ys) in enumerate(stacks):
        piece = stream_table(page, box, ys, [w for w in page.words if inside(w, box)],
                             columns[(page.number, index)])
        if piece is not None:
            pieces.append(piece)
    return pieces


def _page_items(page: PageContent, pieces: list[TablePiece], carried: Sequence[Sequence[float]] = ()
                ) -> list[_PageItem]:
    """Text fragments and table pieces of one page, in reading order, fragments grouped. A short
    run of lines may fit the columns of a table on the page, or of the one the page before ended
    with (`carried`): a row that runs over the page break."""
    used = {id(w) for piece in pieces for cell in piece.cells for w in cell.words}
    free = [w for w in page.words if id(w) not in used and not any(inside(w, p.bbox) for p in pieces)]
    rows = [split_row(row, min_gap=max(_MIN_GUTTER, 1.5 * max(w.size for w in row)))
            for row in group_rows(free)]
    borderless = borderless_tables(page, rows, [*(piece.col_edges for piece in pieces), *carried])
    taken = {id(w) for piece in borderless for cell in piece.cells for w in cell.words}
    rows = [row for row in rows if not any(id(w) in taken for frag in row for w in frag)]
    aligned = [*borderless, *aligned_tables(page, rows)]
    pieces.extend(aligned)
    for piece in pieces:
        shade_cells(piece.cells, page.fills)
    used = {id(w) for piece in aligned for cell in piece.cells for w in cell.words}
    fragments = [to_visual_line(group) for row in rows for group in row if id(group[0]) not in used]
    out: list[_PageItem] = []
    for item in xy_cut([*fragments, *pieces], lambda i: i.bbox, _MIN_GUTTER):
        if isinstance(item, TablePiece):
            out.append(item)
            continue
        group = out[-1] if out and isinstance(out[-1], _TextGroup) else None
        if group is None or not _same_column(group.lines[-1], item):
            group = _TextGroup(page=page.number)
            out.append(group)
        group.lines.append(item)
    return out


def _same_column(above: VisualLine, line: VisualLine) -> bool:
    return line.top >= above.bottom - 1.0 and line.x0 < above.x1 and line.x1 > above.x0


def _text_line_groups(ordered: Sequence[Sequence[_PageItem]]) -> list[list[VisualLine]]:
    return [item.lines for items in ordered for item in items if isinstance(item, _TextGroup)]


def _part_lines(ordered: Sequence[Sequence[_PageItem]]) -> dict[int, list[VisualLine]]:
    """The lines of each one-page cell's words, by id() of its word list: grouped once, for the
    pitches and again for the cell once its table is joined (the lists live as long as the layout)."""
    return {id(c.parts[0]): group_visual_lines(c.parts[0]) for items in ordered for item in items
            if isinstance(item, TablePiece) for c in item.cells if len(c.parts) == 1 and c.parts[0]}


def _cell_line_groups(ordered: Sequence[Sequence[_PageItem]],
                      part_lines: dict[int, list[VisualLine]]) -> list[list[VisualLine]]:
    """Line spacing inside table cells often differs from body text: measured apart."""
    return [part_lines[id(c.parts[0])] if len(c.parts) == 1 else group_visual_lines(c.words)
            for items in ordered for item in items if isinstance(item, TablePiece) for c in item.cells if not c.empty]


# --- tables --------------------------------------------------------------------------------------


def _join_tables(ordered: Sequence[Sequence[_PageItem]]) -> list[_TextGroup | JoinedTable]:
    """Flatten pages into one item list, joining a table that ends a page with one that starts the
    next (a "(continued)" note above the later piece does not stand in the way)."""
    out: list[_TextGroup | JoinedTable] = []
    open_table: JoinedTable | None = None
    for items in ordered:
        first = 0
        for index, item in enumerate(items):
            if isinstance(item, _TextGroup):
                out.append(item)
                if index == first and open_table is not None and _CONTINUED.search(_group_text(item)):
                    first += 1
                else:
                    open_table = None
                continue
            if open_table is not None and index == first and compatible(open_table, item):
                append_piece(open_table, item)
            else:
                open_table = start_table(item)
                open_table.header_rows = _header_rows(open_table)
                out.append(open_table)
            if index != len(items) - 1:
                open_table = None
    return out


def _group_text(group: _TextGroup) -> str:
    return " ".join(line.text for line in group.lines)


def _header_rows(table: JoinedTable) -> int:
    """1 when the first row (with more rows below, and two cells or more) is all bold, or shaded
    unlike the second row."""
    if table.n_rows < 2:
        return 0
    first = [c for c in table.cells if c.row == 0]
    words = [w for c in first for w in c.words]
    if not words or len([c for c in first if not c.empty]) < 2:
        return 0  # a banner across the table is not a header
    second = [c for c in table.cells if c.row == 1]
    shaded_alone = all(c.shaded for c in first) and not all(c.shaded for c in second)
    return 1 if shaded_alone or all(w.bold for w in words) else 0
