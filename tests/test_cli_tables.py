"""The `trustplans tables` command (pipeline/cli/commands.py) and the table records behind it
(extractors/table_records.py): JSON in the ICDAR 2013 prediction layout that
../shared/tools/table_score.py reads, CSV per table, page selection and bad input.

The command runs in-process through click's CliRunner on a two-page PDF drawn with reportlab
(a ruled table with a merged header cell on page 1, another table on page 2) and a Word file
with one table.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from click.testing import CliRunner, Result
from reportlab.pdfgen.canvas import Canvas

from extractors.table_records import parse_pages, table_record, table_rows, tables_on
from pipeline.cli.commands import cli
from schemas.document import BBox, Cell, Line, Table
from tests.builders import add_grid_table, cell, document, new_docx, save
from tests.builders import table as make_table
from tests.extractors.test_pdf import GridCell, build_pdf, grid, text

SCORER = Path(__file__).resolve().parents[2] / "shared" / "tools" / "table_score.py"

PLAN_ROWS = [["Objective", "", "Owner"], ["1", "Reduce waits, safely", "COO"], ["2", "Grow the workforce", "CPO"]]
MEASURE_ROWS = [["Metric", "Target"], ["Agency spend", "£8m"]]
WORD_ROWS = [["Ref", "Action"], ["1.1", "Open a ward"]]


# --------------------------------------------------------------------------- fixture files


def _plan_page(canvas: Canvas) -> None:
    text(canvas, 40, 40, "Delivery plan", size=16, bold=True)
    cells = [GridCell(0, 0, ["**Objective"], col_span=2), GridCell(0, 2, ["**Owner"]),
             *(GridCell(r, c, [value]) for r, row in enumerate(PLAN_ROWS[1:], start=1)
               for c, value in enumerate(row))]
    grid(canvas, 40, 80, (30, 200, 100), [18, 18, 18], cells)


def _measures_page(canvas: Canvas) -> None:
    text(canvas, 40, 40, "Key measures", size=16, bold=True)
    cells = [GridCell(0, 0, ["**Metric"]), GridCell(0, 1, ["**Target"]),
             GridCell(1, 0, [MEASURE_ROWS[1][0]]), GridCell(1, 1, [MEASURE_ROWS[1][1]])]
    grid(canvas, 60, 300, (250, 150), [18, 18], cells)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("tables")
    word = new_docx()
    word.add_paragraph("Our actions")
    add_grid_table(word, WORD_ROWS)
    return {"pdf": build_pdf(folder / "plan.pdf", [_plan_page, _measures_page]),
            "docx": save(word, folder / "plan.docx")}


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["tables", *args])


def run_json(*args: str) -> dict[str, Any]:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def cell_grid(record: dict[str, Any]) -> list[list[str]]:
    """A table record's cell texts laid on its grid ("" where no cell starts)."""
    rows = [[""] * record["n_cols"] for _ in range(record["n_rows"])]
    for c in record["cells"]:
        rows[c["row"]][c["col"]] = c["text"]
    return rows


def csv_rows(content: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content)))


# --------------------------------------------------------------------------- JSON


def test_json_lists_each_table_with_page_bbox_and_cells(files: dict[str, Path]) -> None:
    data = run_json(str(files["pdf"]))
    assert set(data) == {"tables", "meta"}
    assert data["meta"]["n_pages"] == 2 and data["meta"]["source"] == str(files["pdf"])
    plan, measures = data["tables"]
    assert [plan["page"], measures["page"]] == [1, 2]
    for record in (plan, measures):
        assert len(record["bbox"]) == 4 and all(isinstance(v, float) for v in record["bbox"])
        x0, top, x1, bottom = record["bbox"]
        assert x0 < x1 and top < bottom
        assert all({"row", "col", "row_span", "col_span", "text"} <= set(c) for c in record["cells"])
    assert plan["bbox"] == pytest.approx([40, 80, 370, 134], abs=1)  # the grid's outer rules
    assert measures["bbox"] == pytest.approx([60, 300, 460, 336], abs=1)
    assert cell_grid(plan) == PLAN_ROWS
    assert cell_grid(measures) == MEASURE_ROWS


def test_json_keeps_the_spans_of_a_merged_header_cell(files: dict[str, Path]) -> None:
    plan = run_json(str(files["pdf"]))["tables"][0]
    header = [(c["col"], c["row_span"], c["col_span"], c["text"]) for c in plan["cells"] if c["row"] == 0]
    assert header == [(0, 1, 2, "Objective"), (2, 1, 1, "Owner")]
    assert sum(c["text"] == "Objective" for c in plan["cells"]) == 1
    assert (plan["n_rows"], plan["n_cols"]) == (3, 3)


def test_json_of_a_word_table_has_no_bbox(files: dict[str, Path]) -> None:
    data = run_json(str(files["docx"]))
    record, = data["tables"]
    assert record["page"] == 1 and record["bbox"] is None
    assert cell_grid(record) == WORD_ROWS
    assert [c["header"] for c in record["cells"]] == [True, True, False, False]


# --------------------------------------------------------------------------- --pages


def test_pages_keeps_only_the_tables_starting_on_them(files: dict[str, Path]) -> None:
    data = run_json(str(files["pdf"]), "--pages", "2")
    assert [t["page"] for t in data["tables"]] == [2]
    assert cell_grid(data["tables"][0]) == MEASURE_ROWS
    assert data["meta"]["n_pages"] == 2
    assert run_json(str(files["pdf"]), "--pages", "3-4")["tables"] == []


@pytest.mark.parametrize("spec", ["1,x", "0", "2-1"])
def test_bad_pages_is_a_usage_error_naming_the_option(files: dict[str, Path], spec: str) -> None:
    result = run(str(files["pdf"]), "--pages", spec)
    assert result.exit_code == 2
    assert "--pages" in result.stderr and result.stdout == ""


# --------------------------------------------------------------------------- CSV


def test_csv_prints_each_table_a_blank_line_apart(files: dict[str, Path]) -> None:
    result = run(str(files["pdf"]), "--format", "csv")
    assert result.exit_code == 0, result.output
    first, second = result.stdout.split("\n\n")
    assert csv_rows(first) == PLAN_ROWS  # the merged header's text once, in its first column
    assert csv_rows(second) == MEASURE_ROWS


def test_csv_out_writes_one_file_per_table_and_prints_the_paths(files: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "out" / "tables"  # made when missing
    result = run(str(files["pdf"]), "--format", "csv", "--out", str(out))
    assert result.exit_code == 0, result.output
    paths = [out / "plan-table-1.csv", out / "plan-table-2.csv"]
    assert result.stdout.splitlines() == [str(p) for p in paths]
    assert sorted(out.iterdir()) == paths
    with paths[0].open(newline="", encoding="utf-8") as fh:
        assert list(csv.reader(fh)) == PLAN_ROWS
    with paths[1].open(newline="", encoding="utf-8") as fh:
        assert list(csv.reader(fh)) == MEASURE_ROWS


def test_csv_out_with_pages_numbers_the_selected_tables(files: dict[str, Path], tmp_path: Path) -> None:
    result = run(str(files["pdf"]), "--format", "csv", "--out", str(tmp_path), "--pages", "2")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan-table-1.csv"]
    with (tmp_path / "plan-table-1.csv").open(newline="", encoding="utf-8") as fh:
        assert list(csv.reader(fh)) == MEASURE_ROWS


# --------------------------------------------------------------------------- bad input


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = run(str(tmp_path / "nowhere.pdf"))
    assert result.exit_code == 2
    assert "nowhere.pdf" in result.stderr and result.stdout == ""


def test_file_of_another_format_fails_with_one_line_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "random_bytes.pdf"
    path.write_bytes(bytes(range(256)) * 8)
    result = run(str(path), "--format", "json")
    assert result.exit_code == 4  # UnsupportedFormat, as for `trustplans extract`
    assert result.stdout == ""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and str(path) in lines[0] and "Traceback" not in result.stderr


# --------------------------------------------------------------------------- table_records


@pytest.mark.parametrize(("spec", "pages"), [
    ("1,3-5", {1, 3, 4, 5}), ("2", {2}), (" 2 , 4-4 ", {2, 4}), ("3-5,4", {3, 4, 5}),
])
def test_parse_pages(spec: str, pages: set[int]) -> None:
    assert parse_pages(spec) == pages


@pytest.mark.parametrize("spec", ["0", "5-3", "a", "", "1,", "3-", "-2", "1-x", "0-2"])
def test_parse_pages_rejects_what_is_not_a_page_or_a_range(spec: str) -> None:
    with pytest.raises(ValueError, match=r"page"):
        parse_pages(spec)


def _boxed(row: int, col: int, value: str, page: int, box: BBox) -> Cell:
    return Cell(row=row, col=col, lines=[Line(text=value)], page=page, bbox=box)


def test_table_over_two_pages_starts_on_the_first_and_is_boxed_there() -> None:
    over = Table(n_rows=2, n_cols=1, pages=[1, 2], cells=[
        _boxed(0, 0, "Open a ward", 1, BBox(50, 700, 300, 720)),
        _boxed(1, 0, "Close a ward", 2, BBox(50, 40, 300, 60))])
    later = Table(n_rows=1, n_cols=1, pages=[2], cells=[_boxed(0, 0, "Agency spend", 2, BBox(60, 300, 200, 320))])
    doc = document(over, later)
    assert tables_on(doc, {2}) == [later]
    assert tables_on(doc, {1}) == [over] and tables_on(doc) == [over, later]
    record = table_record(over)
    assert record["page"] == 1 and record["pages"] == [1, 2]
    assert record["bbox"] == [50, 700, 300, 720]  # the cells on its first page only


def test_table_rows_put_a_spanning_cell_in_its_first_row_and_column() -> None:
    spanning = make_table([cell(0, 0, "Quality", rows=2, cols=2), cell(0, 2, "Q1"), cell(1, 2, "Q2"),
                           cell(2, 0, "People"), cell(2, 1, "CPO"), cell(2, 2, "Q3")])
    assert table_rows(spanning) == [["Quality", "", "Q1"], ["", "", "Q2"], ["People", "CPO", "Q3"]]


# --------------------------------------------------------------------------- the shared scorer


def load_scorer() -> ModuleType:
    if not SCORER.exists():
        pytest.skip(f"no scorer at {SCORER}")
    spec = importlib.util.spec_from_file_location("table_score", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_scorer_reads_the_json_and_counts_the_adjacency_relations(files: dict[str, Path]) -> None:
    scorer = load_scorer()
    word, = scorer.load_pred_tables(run_json(str(files["docx"])))
    assert word["page"] == 1
    relations = scorer.relations(word["cells"])
    assert relations == Counter({("ref", "action", "right"): 1, ("1.1", "openaward", "right"): 1,
                                 ("ref", "1.1", "down"): 1, ("action", "openaward", "down"): 1})

    plan, measures = scorer.load_pred_tables(run_json(str(files["pdf"])))
    assert (plan["page"], measures["page"]) == (1, 2)
    assert (0, 0, 1, 2, "Objective") in plan["cells"]  # the span as the scorer holds it
    plan_relations = scorer.relations(plan["cells"])
    assert {(a, b) for a, b, d in plan_relations if a == "objective"} == {
        ("objective", "owner"), ("objective", "1"), ("objective", "reducewaits,safely")}
    assert Counter(d for _, _, d in plan_relations.elements()) == Counter(right=5, down=6)
