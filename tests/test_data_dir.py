"""Where a run writes (quarantine, exports, fetch state): under TRUSTPLANS_DATA_DIR where set,
else beside the SQLite database it loads into, never inside the install for a database kept
elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import config


def test_a_sqlite_database_elsewhere_keeps_its_files_beside_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRUSTPLANS_DATA_DIR", raising=False)
    settings = config.settings(database_url=f"sqlite:///{tmp_path / 'plans' / 'trustplans.db'}")
    assert settings.processed_dir == tmp_path / "plans"
    assert settings.quarantine_dir == tmp_path / "plans" / "quarantine"
    assert not settings.processed_dir.is_relative_to(config.PROJECT_ROOT)


def test_the_data_directory_wins_for_any_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRUSTPLANS_DATA_DIR", str(tmp_path / "data"))
    for url in (f"sqlite:///{tmp_path / 'elsewhere.db'}", "postgresql+psycopg://reader@127.0.0.1/plans"):
        assert config.settings(database_url=url).export_dir == tmp_path / "data" / "processed" / "export"


def test_the_default_database_keeps_the_project_s_processed_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRUSTPLANS_DATA_DIR", raising=False)
    monkeypatch.delenv("TRUSTPLANS_DATABASE_URL", raising=False)
    assert config.settings().processed_dir == config.PROCESSED_DIR
