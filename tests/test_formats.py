"""schemas/formats.py: the one table of input formats that detection, the extractors, folder
scans and plan JSON read."""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

import pytest

from extractors.detect import sniff_format
from pipeline.fetch.sources import expand
from schemas.formats import DOCUMENT_FORMATS, FORMATS, PLAN_SUFFIXES
from schemas.plan import load_json_schema


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
def test_each_format_names_an_extractor_that_sniffs_and_extracts(fmt) -> None:
    module = import_module(fmt.extractor)
    assert callable(module.sniff) and callable(module.extract)


def test_plan_json_formats_are_the_table_s() -> None:
    enum = load_json_schema()["$defs"]["DocumentInfo"]["properties"]["format"]["enum"]
    assert sorted(enum) == sorted(DOCUMENT_FORMATS)
    assert {"pdf", "scanned-pdf", "docx", "html"} <= set(DOCUMENT_FORMATS)


def test_folder_scans_read_the_table_s_suffixes(tmp_path: Path) -> None:
    for suffix in sorted(PLAN_SUFFIXES):
        (tmp_path / f"plan{suffix.upper()}").write_bytes(b"x")
    (tmp_path / "notes.txt").write_bytes(b"x")
    assert {p.suffix.lower() for p in expand([tmp_path])} == PLAN_SUFFIXES


@pytest.mark.parametrize(("head", "name"), [
    (b"%PDF-1.7\n", "pdf"),
    (b"\xef\xbb\xbf<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
])
def test_sniffing_goes_by_bytes_not_by_name(tmp_path: Path, head: bytes, name: str) -> None:
    path = tmp_path / "misnamed.docx"
    path.write_bytes(head)
    assert sniff_format(path).name == name
