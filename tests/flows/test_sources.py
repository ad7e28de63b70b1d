"""pipeline/sources.py: the sources registry (.csv, .yaml) and locations named by a user."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import config
from pipeline.fetch.sources import Source, read_registry, sources_from_locations
from schemas.errors import SourceNotFound, UnsupportedFormat


def test_shipped_registry_names_every_sample_plan() -> None:
    sources = read_registry()
    assert sorted(Path(s.location) for s in sources) == sorted(
        p for p in config.RAW_DIR.iterdir() if p.suffix in (".pdf", ".docx", ".html"))
    assert all(s.kind for s in sources)
    assert {s.ods_code for s in sources} >= {"RRK", "RWP", "RXK", "R1A"}


def test_yaml_registry_with_relative_paths_and_urls(tmp_path: Path) -> None:
    registry = tmp_path / "sources.yaml"
    registry.write_text(
        "sources:\n"
        "  - {ods_code: RRK, kind: strategy, location: plans/uhb.pdf}\n"
        "  - {ods_code: null, kind: annual_plan, location: 'https://example.nhs.uk/plan.pdf'}\n",
        encoding="utf-8")
    assert read_registry(registry, root=tmp_path) == [
        Source(str(tmp_path / "plans" / "uhb.pdf"), ods_code="RRK", kind="strategy"),
        Source("https://example.nhs.uk/plan.pdf", ods_code=None, kind="annual_plan"),
    ]


def test_registry_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(SourceNotFound):
        read_registry(tmp_path / "absent.csv")
    bad = tmp_path / "sources.csv"
    bad.write_text("ods_code,location\nRRK,plan.pdf\n", encoding="utf-8")
    with pytest.raises(UnsupportedFormat, match="entry 1 needs ods_code, kind, location"):
        read_registry(bad)
    with pytest.raises(UnsupportedFormat, match=r"\.csv or \.yaml"):
        read_registry(bad.rename(tmp_path / "sources.txt"))


def test_folders_stand_for_their_plan_files(tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.7")
    (tmp_path / "notes.txt").write_text("not a plan", encoding="utf-8")
    assert sources_from_locations([str(tmp_path), "https://example.nhs.uk/p.html"]) == [
        Source(str(tmp_path / "a.pdf")), Source("https://example.nhs.uk/p.html")]
