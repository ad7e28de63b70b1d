"""Pictures of what was read from a PDF (`trustplans extract FILE --overlay DIR`), as pdfplumber's
visual debugging draws them: one PNG per page with each table's cells outlined (grey), each
table's outline (blue), and each extracted record's box (coloured by kind) with its label."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw

from schemas.document import Document
from schemas.plan import Commitment, Plan, Provenance

SCALE = 1.5  # pixels per point (108 dpi)
COLOURS = {"theme": "#7c2855", "objective": "#ed8b00", "commitment": "#009639", "owner": "#330072",
           "due": "#00a499", "indicator": "#da291c", "table": "#005eb8", "cell": "#aeb7bd"}


@dataclass(frozen=True, slots=True)
class Mark:
    """A box to draw on a page: its kind (a key of COLOURS), label and [x0, top, x1, bottom] in points."""

    page: int
    kind: str
    label: str
    bbox: tuple[float, float, float, float]


def table_marks(document: Document) -> Iterable[Mark]:
    """The document's tables and their cells, on the pages they were read from."""
    for number, table in enumerate(document.tables, start=1):
        outline: dict[int, list[float]] = {}
        for cell in table.cells:
            if cell.page is None or cell.bbox is None:
                continue
            box = (cell.bbox.x0, cell.bbox.top, cell.bbox.x1, cell.bbox.bottom)
            yield Mark(cell.page, "cell", "", box)
            seen = outline.setdefault(cell.page, list(box))
            outline[cell.page] = [min(seen[0], box[0]), min(seen[1], box[1]), max(seen[2], box[2]),
                                  max(seen[3], box[3])]
        for page, box in outline.items():
            yield Mark(page, "table", f"table {number}", (box[0], box[1], box[2], box[3]))


def draw_pages(pdf: Path, marks: Iterable[Mark], out_dir: Path) -> list[Path]:
    """One PNG per page of `pdf` into `out_dir` (<name>-page-N.png), with the marks drawn."""
    out_dir.mkdir(parents=True, exist_ok=True)
    by_page: dict[int, list[Mark]] = {}
    for mark in marks:
        by_page.setdefault(mark.page, []).append(mark)
    written = []
    document = pdfium.PdfDocument(str(pdf))
    try:
        for index in range(len(document)):
            image = document[index].render(scale=SCALE).to_pil().convert("RGB")
            _draw(image, sorted(by_page.get(index + 1, []), key=lambda m: m.kind != "cell"))
            path = out_dir / f"{pdf.stem}-page-{index + 1}.png"
            image.save(path)
            written.append(path)
    finally:
        document.close()
    return written


def _draw(image: Image.Image, marks: list[Mark]) -> None:
    pen = ImageDraw.Draw(image)
    for mark in marks:
        x0, top, x1, bottom = (value * SCALE for value in mark.bbox)
        colour = COLOURS.get(mark.kind, "#000000")
        pen.rectangle((x0, top, x1, bottom), outline=colour, width=1 if mark.kind == "cell" else 2)
        if mark.label:
            pen.text((x0 + 2, max(top - 11, 0)), mark.label[:40], fill=colour)


@dataclass(frozen=True, slots=True)
class Record:
    """An extracted record as an overlay shows it: kind (a key of COLOURS), label, text and where it was read."""

    kind: str
    label: str
    text: str
    provenance: Provenance | None


def records(plan: Plan) -> list[Record]:
    """The plan's themes, objectives, commitments (owners and due date in the label) and indicators."""
    return [
        *(Record("theme", f"theme {t.ref or ''}".strip(), t.title, t.provenance) for t in plan.themes),
        *(Record("objective", f"objective {o.ref}".strip(), o.title, o.provenance) for o in plan.objectives),
        *(Record("commitment", _commitment_label(c), c.text, c.provenance) for c in plan.commitments),
        *(Record("indicator", "indicator", i.text, i.provenance) for i in plan.indicators),
    ]


def _commitment_label(commitment: Commitment) -> str:
    parts = (f"commitment {commitment.ref or ''}".strip(),
             "owner " + ", ".join(o.raw for o in commitment.owners) if commitment.owners else "",
             f"due {commitment.due.raw}" if commitment.due else "")
    return " · ".join(part for part in parts if part)


def record_marks(plan: Plan) -> Iterable[Mark]:
    """Each extracted record with a place on a page."""
    for record in records(plan):
        provenance = record.provenance
        if provenance is not None and provenance.page is not None and provenance.bbox is not None:
            x0, top, x1, bottom = provenance.bbox
            yield Mark(provenance.page, record.kind, record.label, (x0, top, x1, bottom))
