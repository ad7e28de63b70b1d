"""`trustplans diff`: two versions of a plan, made as Word files with known changes between
them, give exactly those changes; the Word and PDF copies of one plan give "same content"."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from pipeline import config
from pipeline.cli.commands import cli
from tests.builders import plan_table_docx

HEADER = ["Ref", "Action", "Lead", "Due"]
BEFORE = [["1.1", "Open a frailty assessment unit at the front door", "COO", "Q2 2024/25"],
          ["1.2", "Recruit fifty registered nurses to the medical wards", "Chief Nurse", "Q4 2024/25"],
          ["1.3", "Launch the virtual ward for respiratory patients", "Medical Director", "Q3 2024/25"],
          ["1.4", "Close the temporary escalation ward", "COO", "Q1 2024/25"]]
AFTER = [["1.1", "Open a frailty assessment unit at the front door of the hospital", "COO", "Q2 2024/25"],
         ["1.2", "Recruit fifty registered nurses to the medical wards", "Chief Operating Officer", "Q4 2024/25"],
         ["1.3", "Launch the virtual ward for respiratory patients", "Medical Director", "Q1 2025/26"],
         ["1.5", "Extend the discharge lounge opening hours to weekends", "COO", "Q3 2024/25"]]


def version(path: Path, rows: list[list[str]]) -> Path:
    return plan_table_docx(path, [HEADER, *rows])


def test_two_versions_give_exactly_the_changes_made(tmp_path: Path) -> None:
    first, second = version(tmp_path / "v1.docx", BEFORE), version(tmp_path / "v2.docx", AFTER)
    done = CliRunner().invoke(cli, ["diff", str(first), str(second), "--json"])
    assert done.exit_code == 0, done.output
    found = [(c["change"], c["ref"], c["before"], c["after"]) for c in json.loads(done.stdout)]
    assert found == [
        ("reworded", "1.1", BEFORE[0][1], AFTER[0][1]),
        ("moved", "1.2", "Chief Nurse", "Chief Operating Officer"),
        ("slipped", "1.3", "Q3 2024/25", "Q1 2025/26"),
        ("added", "1.5", None, None),
        ("dropped", "1.4", None, None),
    ]


def test_a_title_spelled_another_way_is_no_move_and_the_same_plan_is_the_same(tmp_path: Path) -> None:
    rows = [[*row[:2], "Chief Operating Officer" if row[2] == "COO" else row[2], row[3]] for row in BEFORE]
    first, second = version(tmp_path / "v1.docx", BEFORE), version(tmp_path / "v2.docx", rows)
    assert CliRunner().invoke(cli, ["diff", str(first), str(second)]).stdout == "same content\n"


def test_the_word_and_pdf_copies_of_kingsbridge_are_the_same_content() -> None:
    word, pdf = (config.RAW_DIR / f"kingsbridge-2023-24-operational-plan.{ext}" for ext in ("docx", "pdf"))
    done = CliRunner().invoke(cli, ["diff", str(word), str(pdf)])
    assert (done.exit_code, done.stdout) == (0, "same content\n")


def test_a_missing_document_is_one_line() -> None:
    done = CliRunner().invoke(cli, ["diff", "no-such-plan.pdf", "also-missing.docx"])
    assert done.exit_code == 3 and "no-such-plan.pdf" in done.stderr
