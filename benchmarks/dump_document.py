"""Print a file's Document (any format the registry reads) as text, for eyeballing an extractor.

    python benchmarks/dump_document.py FILE [--width 200]

Blocks in reading order; each table as its cells (row+row_span, col+col_span, header flag)
with every line: "*" bold, "[marker depth]" list items, " / " between lines.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.registry import read_document  # noqa: E402
from schemas.document import Block, Cell, Document, Line  # noqa: E402


def line_text(line: Line) -> str:
    marker = f"[{line.marker}{line.list_depth}]" if line.list_depth is not None else ""
    return f"{'*' if line.bold else ''}{marker}{line.text}"


def cell_text(cell: Cell) -> str:
    return " / ".join(line_text(line) for line in cell.lines)


def block_lines(block: Block, width: int) -> list[str]:
    where = f"p{block.page}" if block.page is not None else "-"
    if block.table is None:
        extra = f"L{block.level}" if block.level is not None else (
            f"d{block.list_depth}{block.marker or ''}" if block.list_depth is not None else "")
        size = f"{block.font_size:g}pt" if block.font_size else ""
        return [f"{block.kind.value:9} {where:4} {extra:5} {size:6} {'B' if block.bold else ' '} "
                f"| {block.text}"[:width]]
    table = block.table
    out = [f"TABLE     {where:4} {table.n_rows}x{table.n_cols} pages={table.pages} joined={table.joined}"]
    for cell in sorted(table.cells, key=lambda c: (c.row, c.col)):
        head = f"  r{cell.row}+{cell.row_span} c{cell.col}+{cell.col_span}{' H' if cell.is_header else '  '}"
        out.append(f"{head} | {cell_text(cell)}"[:width])
    return out


def dump(document: Document, width: int) -> str:
    lines = [f"{document.source} format={document.format} pages={document.page_count} "
             f"title={document.title!r}"]
    for block in document.blocks:
        lines.extend(block_lines(block, width))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--width", type=int, default=200, help="cut printed lines at this many characters")
    args = parser.parse_args()
    print(dump(read_document(args.file), args.width))


if __name__ == "__main__":
    main()
