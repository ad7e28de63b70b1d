"""Paragraphs and joined tables into document blocks.

Text: a paragraph whose size is one of the document's heading sizes (larger than the body text
by `_HEADING_RATIO`) is a heading, its level the rank of its size; a list item keeps its marker
and depth; a short, single-line, all-bold paragraph at body size is a heading one level below
the sized ones. A paragraph or list item that ends a page unfinished and goes on, in lower
case, at the top of the next page is one block.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from extractors.hyphenation import Vocabulary
from extractors.pdf_join import JoinedTable
from extractors.pdf_page import PageContent
from extractors.pdf_tables import PieceCell
from extractors.pdf_text import Paragraph, PitchModel, VisualLine, build_paragraphs, group_visual_lines, join_lines
from schemas.document import Block, BlockKind, Cell, Table

_HEADING_RATIO = 1.15  # text this much larger than the body text is a heading
_SHORT_HEADING_WORDS = 12
_SENTENCE_END = (".", "!", "?", ":", ";")


def body_size(pages: Sequence[PageContent]) -> float:
    """The font size most of the document's characters are set in."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for word in page.words:
            if not word.is_dot:
                sizes[round(word.size * 2) / 2] += len(word.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def heading_sizes(groups: Iterable[Sequence[VisualLine]], body: float) -> list[float]:
    """The font sizes of the text outside tables larger than the body text, largest first."""
    sizes = {round(line.size * 2) / 2 for lines in groups for line in lines}
    return sorted((s for s in sizes if s >= body * _HEADING_RATIO), reverse=True)


def text_block(paragraph: Paragraph, page: int, body: float, heading_sizes: Sequence[float]) -> Block:
    """A heading, list item or paragraph block of one paragraph of free text."""
    size = round(paragraph.size * 2) / 2
    text = paragraph.text
    common = {"bold": paragraph.bold, "font_size": paragraph.size, "page": page, "bbox": paragraph.bbox,
              "confidence": paragraph.confidence}
    if size in heading_sizes:
        if paragraph.marker is not None:
            text = f"{paragraph.marker} {text}"
        return Block(kind=BlockKind.HEADING, text=text, level=heading_sizes.index(size) + 1, **common)
    if paragraph.marker is not None:
        return Block(kind=BlockKind.LIST_ITEM, text=text, list_depth=paragraph.depth,
                     marker=paragraph.marker, **common)
    if _is_bold_heading(paragraph, body):
        return Block(kind=BlockKind.HEADING, text=text, level=len(heading_sizes) + 1, **common)
    return Block(kind=BlockKind.PARAGRAPH, text=text, **common)


def _is_bold_heading(paragraph: Paragraph, body: float) -> bool:
    return (paragraph.bold and len(paragraph.lines) == 1 and paragraph.size >= body - 0.5
            and len(paragraph.text.split()) <= _SHORT_HEADING_WORDS
            and not paragraph.text.rstrip().endswith((".", ",", ";")))


def join_page_breaks(blocks: list[Block], vocabulary: Vocabulary) -> list[Block]:
    """A paragraph or list item that ends a page unfinished and goes on, in lower case, as the
    first paragraph of the next page is one block."""
    out: list[Block] = []
    for block in blocks:
        if out and _continues(out[-1], block):
            out[-1].text = join_lines(out[-1].text, block.text, vocabulary)
        else:
            out.append(block)
    return out


def _continues(last: Block, block: Block) -> bool:
    return (last.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM) and block.kind is BlockKind.PARAGRAPH
            and last.page is not None and block.page == last.page + 1
            and (last.font_size, last.bold) == (block.font_size, block.bold)
            and not last.text.rstrip().endswith(_SENTENCE_END) and block.text[:1].islower())


def table_block(table: JoinedTable, pitches: PitchModel, vocabulary: Vocabulary,
                part_lines: Mapping[int, list[VisualLine]]) -> Block:
    """The table block: each cell's words (over all its pages) joined into its lines.
    `part_lines`: the lines already grouped from a word list, by its id()."""
    ordered = sorted(table.cells, key=lambda c: (c.row, c.col))
    cells = [_cell(c, table.header_rows, pitches, vocabulary, part_lines) for c in ordered]
    model = Table(n_rows=table.n_rows, n_cols=table.n_cols, cells=cells, pages=list(table.pages),
                  joined=table.joined)
    bbox = None
    for cell in table.cells:  # the table's extent on its first page
        if cell.bbox is not None and cell.pages[:1] == table.pages[:1]:
            bbox = cell.bbox.union(bbox)
    return Block(kind=BlockKind.TABLE, page=table.pages[0], bbox=bbox, table=model)


def _cell(cell: PieceCell, header_rows: int, pitches: PitchModel, vocabulary: Vocabulary,
          part_lines: Mapping[int, list[VisualLine]]) -> Cell:
    lines: list[VisualLine] = []
    for part in cell.parts:
        grouped = part_lines.get(id(part))
        lines.extend(group_visual_lines(part) if grouped is None else grouped)
    paragraphs = build_paragraphs(lines, pitches, vocabulary, hard_breaks=True)
    return Cell(row=cell.row, col=cell.col, lines=[p.to_line() for p in paragraphs], row_span=cell.row_span,
                col_span=cell.col_span, is_header=cell.row < header_rows,
                page=cell.pages[0] if cell.pages else None, bbox=cell.bbox)
