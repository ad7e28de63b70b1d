"""The `trustplans extract` command, run as the installed console script, on bad input and on a
generated Word plan; format detection from bytes (extractors/detect.py); plan JSON against
schemas/plan.schema.json."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import jsonschema
import pytest

from extractors.detect import sniff_format
from schemas.errors import CorruptFile, SourceNotFound, UnsupportedFormat
from schemas.plan import SCHEMA_FILE, json_schema, load_json_schema
from tests.builders import (
    add_grid_table,
    add_numbered_items,
    fill_row,
    mark_header_row,
    new_docx,
    save,
)

TRUSTPLANS = Path(sys.executable).with_name("trustplans")
if not TRUSTPLANS.exists():
    TRUSTPLANS = Path(__file__).resolve().parents[1] / ".venv" / "bin" / "trustplans"

PNG_BYTES = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\x00" * 64


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "220", "NO_COLOR": "1"}
    return subprocess.run([str(TRUSTPLANS), *args], capture_output=True, text=True, env=env, timeout=300)


# --------------------------------------------------------------------------- fixture files


def plan_docx(path: Path) -> Path:
    """A small Kingsbridge-style plan: numbered theme heading, assuring committee line, a plan
    table with a numbered Key actions list, and an abbreviations appendix."""
    word = new_docx()
    word.add_paragraph("Operational Plan 2023/24", style="Title")
    word.add_heading("1. Quality and safety", level=1)
    word.add_paragraph("Assuring committee: QSC")
    t = word.add_table(rows=3, cols=6)
    fill_row(t, 0, ["No.", "Objective", "Key actions", "Executive Lead", "Timescale", "KPI / Target"])
    mark_header_row(t.rows[0])
    fill_row(t, 1, ["1.1", "Reduce avoidable harm", None, "Chief Nurse", "Q2 2023/24", "Zero never events"])
    add_numbered_items(word, t.cell(1, 2), ["Roll out the sepsis bundle", "Train ward staff"])
    fill_row(t, 2, ["1.2", "Improve patient flow", "Open a discharge lounge", "Chief Operating Officer",
                    "Mar-24", "Fewer delayed discharges"])
    word.add_heading("Appendix A: Abbreviations", level=1)
    add_grid_table(word, [["Abbreviation", "Meaning"], ["QSC", "Quality and Safety Committee"]])
    return save(word, path)


def prose_only_docx(path: Path) -> Path:
    word = new_docx()
    word.add_heading("Visiting the hospital", level=1)
    word.add_paragraph("The hospital shop is on the ground floor, next to the main entrance.")
    word.add_paragraph("Car parking is available in the multi-storey car park.")
    return save(word, path)


def truncated_docx(path: Path) -> Path:
    good = plan_docx(path.with_name("whole.docx"))
    data = good.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def text_named_pdf(path: Path) -> Path:
    path.write_text("These are the minutes of the meeting, saved as plain text.\n", encoding="utf-8")
    return path


def png_named_docx(path: Path) -> Path:
    path.write_bytes(PNG_BYTES)
    return path


# --------------------------------------------------------------------------- bad input


def _one_error_line(result: subprocess.CompletedProcess[str], path: Path) -> str:
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert path.name in lines[0]  # the file named (the path as given, or its name)
    return lines[0]


@pytest.mark.parametrize(("name", "make", "exit_code", "problem"), [
    ("missing.docx", None, 3, r"no such file|not found|does not exist"),
    ("text_named.pdf", text_named_pdf, 4, r"not a pdf|unsupported"),
    ("png_named.docx", png_named_docx, 4, r"not a pdf|unsupported"),
    ("truncated_zip.docx", truncated_docx, 5, r"damaged|corrupt|truncated"),
    ("prose_only.docx", prose_only_docx, 7, r"no plan"),
])
def test_bad_input_one_line_and_exit_code(tmp_path: Path, name: str, make, exit_code: int,
                                          problem: str) -> None:
    path = tmp_path / name
    if make is not None:
        make(path)
    result = run_cli("extract", str(path), "--format", "json")
    line = _one_error_line(result, path)
    assert result.returncode == exit_code, result.stderr
    assert re.search(problem, line.split(path.name, 1)[1], re.IGNORECASE), line


def test_folder_is_unsupported(tmp_path: Path) -> None:
    result = run_cli("extract", str(tmp_path))
    _one_error_line(result, tmp_path)
    assert result.returncode == 4


# --------------------------------------------------------------------------- a good plan


@pytest.fixture(scope="module")
def generated_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return plan_docx(tmp_path_factory.mktemp("cli") / "generated_plan.docx")


@pytest.fixture(scope="module")
def json_run(generated_plan: Path) -> subprocess.CompletedProcess[str]:
    return run_cli("extract", str(generated_plan), "--format", "json")


def test_json_output_validates_against_plan_schema(json_run: subprocess.CompletedProcess[str]) -> None:
    assert json_run.returncode == 0, json_run.stderr
    assert "Traceback" not in json_run.stderr
    data = json.loads(json_run.stdout)
    jsonschema.Draft202012Validator(load_json_schema()).validate(data)


def test_json_output_holds_the_plan(json_run: subprocess.CompletedProcess[str]) -> None:
    data = json.loads(json_run.stdout)
    assert data["schema_version"] == "1"
    assert (data["document"]["source"], data["document"]["format"]) == ("generated_plan.docx", "docx")
    assert [(o["ref"], o["title"]) for o in data["objectives"]] == [
        ("1.1", "Reduce avoidable harm"), ("1.2", "Improve patient flow")]
    assert [(c["objective_ref"], c["text"]) for c in data["commitments"]] == [
        ("1.1", "Roll out the sepsis bundle"), ("1.1", "Train ward staff"),
        ("1.2", "Open a discharge lounge")]
    assert [g["abbreviation"] for g in data["glossary"]] == ["QSC"]


def test_table_output_shows_objectives_and_commitments(generated_plan: Path) -> None:
    result = run_cli("extract", str(generated_plan), "--format", "table")
    assert result.returncode == 0, result.stderr
    for text in ("Reduce avoidable harm", "Improve patient flow", "Roll out the sepsis bundle",
                 "Train ward staff", "Open a discharge lounge"):
        assert text in result.stdout
    assert not result.stdout.lstrip().startswith("{")


def test_default_format_is_table(generated_plan: Path) -> None:
    result = run_cli("extract", str(generated_plan))
    assert result.returncode == 0, result.stderr
    assert "Open a discharge lounge" in result.stdout
    with pytest.raises(json.JSONDecodeError):
        json.loads(result.stdout)


# --------------------------------------------------------------------------- plan JSON schema file


def test_schema_file_is_up_to_date() -> None:
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == json_schema(), (
        "schemas/plan.schema.json is stale: regenerate it from schemas.plan.json_schema()")


def test_schema_file_is_a_valid_draft_2020_12_schema() -> None:
    schema = load_json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


# --------------------------------------------------------------------------- format from bytes


def test_sniff_real_format_whatever_the_extension(tmp_path: Path) -> None:
    docx_as_pdf = plan_docx(tmp_path / "really_word.pdf")
    pdf_as_html = tmp_path / "really_pdf.html"
    pdf_as_html.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    html_as_docx = tmp_path / "really_html.docx"
    html_as_docx.write_bytes(b"\xef\xbb\xbf  <!DOCTYPE html><html><body><p>Plan</p></body></html>")
    assert sniff_format(docx_as_pdf).name == "docx"
    assert sniff_format(pdf_as_html).name == "pdf"
    assert sniff_format(html_as_docx).name == "html"


@pytest.mark.parametrize(("content", "error"), [
    (b"", CorruptFile),
    (b"plain text notes", UnsupportedFormat),
    (PNG_BYTES, UnsupportedFormat),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, UnsupportedFormat),  # old binary .doc
])
def test_sniff_errors(tmp_path: Path, content: bytes, error: type[Exception]) -> None:
    path = tmp_path / "input.docx"
    path.write_bytes(content)
    with pytest.raises(error) as err:
        sniff_format(path)
    assert err.value.source == str(path)


def test_sniff_zip_without_word_document_is_unsupported(tmp_path: Path) -> None:
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "not a Word file")
    with pytest.raises(UnsupportedFormat):
        sniff_format(path)


def test_sniff_truncated_zip_is_corrupt(tmp_path: Path) -> None:
    with pytest.raises(CorruptFile):
        sniff_format(truncated_docx(tmp_path / "truncated.docx"))


def test_sniff_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourceNotFound) as err:
        sniff_format(tmp_path / "nowhere.pdf")
    assert err.value.exit_code == 3
