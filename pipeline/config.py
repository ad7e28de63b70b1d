"""Configuration in one place: paths, database URL, limits, versions.

Every setting can be overridden by an environment variable named in its comment.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("TRUSTPLANS_DATA_DIR", PROJECT_ROOT / "data"))
RAW_DIR = DATA_DIR / "raw"
PROCESSED_DIR = DATA_DIR / "processed"
QUARANTINE_DIR = PROCESSED_DIR / "quarantine"
TRUSTS_CSV = DATA_DIR / "nhs-trusts.csv"
SOURCES_FILE = DATA_DIR / "sources.csv"

EXTRACTOR_VERSION = "0.1.0"


def database_url() -> str:
    """TRUSTPLANS_DATABASE_URL, else SQLite at data/processed/trustplans.db."""
    url = os.environ.get("TRUSTPLANS_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{PROCESSED_DIR / 'trustplans.db'}"


# Fetching web pages (TRUSTPLANS_FETCH_TIMEOUT seconds, TRUSTPLANS_FETCH_MAX_BYTES)
FETCH_TIMEOUT = float(os.environ.get("TRUSTPLANS_FETCH_TIMEOUT", "30"))
FETCH_MAX_BYTES = int(os.environ.get("TRUSTPLANS_FETCH_MAX_BYTES", str(50 * 1024 * 1024)))
