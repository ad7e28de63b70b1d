"""Files a hostile or careless user may hand over, each refused or read at once with a clear
error: pipes and devices, files past the input limit, UTF-16 web pages, Word cells that claim
more columns than their table has, names that are not UTF-8, text that looks like markup,
deflate and zip bombs, PDFs whose object graph loops."""

from __future__ import annotations

import codecs
import os
import resource
import time
from pathlib import Path

import pytest
from docx.oxml.ns import qn
from rich.console import Console

from extractors.docx import extract_docx
from extractors.ocr import OCR_DPI, page_resolution
from extractors.pdf import extract_pdf
from extractors.registry import read_document
from pipeline import config
from pipeline.cli.render import render_table
from pipeline.fetch.fetcher import FetchDirs, FetchLimits, fetch_source
from pipeline.fetch.sources import Source
from pipeline.files import printable
from schemas.errors import CorruptFile, LimitExceeded, UnsupportedFormat
from schemas.plan import Commitment, DocumentInfo, Organisation, Plan
from tests.builders import add_grid_table, new_docx, save
from tests.hostile_files import (
    LOOPING_PDFS,
    XREF_LOOP_OUTCOME,
    cross_reference_loop_pdf,
    deflate_bomb,
    one_page_pdf,
    pdf,
    zip_bomb_docx,
)


def test_a_pipe_and_a_link_to_a_device_are_refused_without_being_opened(tmp_path: Path) -> None:
    pipe = tmp_path / "plan.pdf"
    os.mkfifo(pipe)  # opening it would block until a writer came
    zero = tmp_path / "zero.pdf"
    zero.symlink_to("/dev/zero")  # reading it would never end
    for path in (pipe, zero):
        with pytest.raises(UnsupportedFormat, match="not a regular file"):
            fetch_source(Source(str(path)), FetchDirs(tmp_path))


def test_a_file_past_the_input_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.pdf"
    with huge.open("wb") as handle:
        handle.truncate(3 * 1024**3)  # 3 GiB, sparse: instant to make, slow to hash
    started = time.monotonic()
    with pytest.raises(LimitExceeded, match="input limit"):
        fetch_source(Source(str(huge)), FetchDirs(tmp_path), FetchLimits(max_bytes=100 * 1024 * 1024))
    assert time.monotonic() - started < 1.0


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le"])
def test_a_web_page_in_utf16_or_utf32_with_its_byte_order_mark_is_read(tmp_path: Path, encoding: str) -> None:
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE, "utf-32-le": codecs.BOM_UTF32_LE}
    page = "<!DOCTYPE html><html><body><main><h1>Our plan</h1><p>We will open a ward – soon.</p></main></body></html>"
    path = tmp_path / "plan.html"
    path.write_bytes(bom[encoding] + page.encode(encoding))
    document = read_document(path)
    assert document.format == "html"
    assert [b.text for b in document.blocks] == ["Our plan", "We will open a ward – soon."]


def test_a_word_cell_cannot_span_past_its_table_s_grid(tmp_path: Path) -> None:
    word = new_docx()
    table = add_grid_table(word, [["Objective", "Action", "Lead", "Due"], ["A", "B", "C", "D"]])
    span = table.rows[1].cells[0]._tc.get_or_add_tcPr()
    grid_span = span.makeelement(qn("w:gridSpan"), {qn("w:val"): "5000"})
    span.append(grid_span)
    document = extract_docx(save(word, tmp_path / "wide.docx"), "0" * 64)
    [read] = document.tables
    spanning = next(cell for cell in read.cells if cell.row == 1 and cell.col == 0)
    assert spanning.col_span == 4  # the grid's width, not 5,000
    assert read.n_cols == 4 + 3  # the row's other three cells are kept, one column each


def test_a_name_that_is_not_utf8_is_shown_with_its_bytes_escaped() -> None:
    name = os.fsdecode(b"plan-\xff\xfe.pdf")  # as os.listdir gives it: surrogate escapes
    shown = printable(name)
    assert shown == "plan-\\xff\\xfe.pdf"
    shown.encode("utf-8")  # storable and printable


def test_markup_in_a_plan_is_shown_as_written() -> None:
    text = "Close the gap [/bold] and see [link=https://example.invalid]this[/link]"
    plan = Plan(document=DocumentInfo(source="[red]plan[/red].pdf", sha256="0" * 64, format="pdf",
                                      organisation=Organisation(name="A Trust [/]")),
                commitments=[Commitment(text=text)])
    console = Console(record=True, width=400, color_system=None)
    render_table(plan, console)
    shown = console.export_text()
    assert "[/bold]" in shown and "[link=https://example.invalid]this[/link]" in shown
    assert "[red]plan[/red].pdf" in shown and "A Trust [/]" in shown


def test_an_enormous_blank_page_is_read_at_a_resolution_that_fits(tmp_path: Path) -> None:
    assert page_resolution(595, 842) == OCR_DPI  # A4 at full resolution
    path = tmp_path / "poster.pdf"
    path.write_bytes(one_page_pdf("0 0 200000 200000"))  # 70 m square: 2.2e13 pixels at OCR_DPI
    started = time.monotonic()
    document = read_document(path)
    assert (document.format, document.blocks) == ("scanned-pdf", [])
    assert time.monotonic() - started < 30


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_a_pdf_stream_that_inflates_past_the_limit_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    path = tmp_path / "bomb.pdf"
    path.write_bytes(one_page_pdf("0 0 612 792", deflate_bomb(300), deflated=True))  # 300 MB of spaces
    assert path.stat().st_size < 1024 * 1024
    before = _peak_rss_mb()
    with pytest.raises(LimitExceeded, match=r"bomb\.pdf: a stream at byte \d+ inflates past the 256 MB limit"):
        read_document(path)
    assert _peak_rss_mb() - before < 100  # inflated a piece at a time, never whole


def test_a_word_part_that_inflates_past_the_limit_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    bomb = zip_bomb_docx(tmp_path / "bomb.docx", megabytes=300)
    started = time.monotonic()
    with pytest.raises(LimitExceeded, match=r"bomb\.docx: its part word/document\.xml inflates to 300 MB"):
        read_document(bomb)
    assert time.monotonic() - started < 2


@pytest.mark.parametrize("name", sorted(LOOPING_PDFS))
def test_a_pdf_whose_object_graph_loops_is_read_once_or_refused(tmp_path: Path, name: str) -> None:
    path = tmp_path / "loop.pdf"
    path.write_bytes(pdf(LOOPING_PDFS[name]))
    started = time.monotonic()
    try:
        document = read_document(path)
    except CorruptFile as error:
        assert str(error).startswith(f"{path}: ")
    else:
        assert document.page_count == 1  # the loop followed once
    assert time.monotonic() - started < 30


@pytest.mark.parametrize("reader", config.PDF_READERS)
def test_a_pdf_whose_cross_references_name_themselves_is_refused_or_read_once(tmp_path: Path, reader: str) -> None:
    path = tmp_path / "xref-loop.pdf"
    path.write_bytes(cross_reference_loop_pdf())
    if XREF_LOOP_OUTCOME[reader] == "CorruptFile":
        with pytest.raises(CorruptFile, match="damaged"):
            extract_pdf(path, "sha", reader=reader)
    else:
        document = extract_pdf(path, "sha", reader=reader)
        assert document.page_count == 1 and [block.text for block in document.blocks] == ["Hello"]


def test_a_file_that_is_no_document_is_refused_by_its_first_bytes_before_it_is_hashed(tmp_path: Path) -> None:
    image = tmp_path / "plan.pdf"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64 * 1024 * 1024))  # 64 MB that hashing would read whole
    with pytest.raises(UnsupportedFormat, match=r"plan\.pdf: not a PDF"):
        fetch_source(Source(str(image)), FetchDirs(tmp_path))
