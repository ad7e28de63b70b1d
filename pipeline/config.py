"""Configuration in one place: paths, the database URL, limits and defaults.

Every setting can be overridden by the environment variable named in its comment; a run's
settings (`Settings`) are made here from them and passed down, so nothing below looks them
up again. This module imports nothing of the project.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _default_data_dir() -> Path:
    """data/ of the project checkout; for an installed copy, data/ in the working folder."""
    if (PROJECT_ROOT / "pyproject.toml").is_file():
        return PROJECT_ROOT / "data"
    return Path.cwd() / "data"


DATA_DIR = Path(os.environ.get("TRUSTPLANS_DATA_DIR") or _default_data_dir())  # TRUSTPLANS_DATA_DIR
RAW_DIR = DATA_DIR / "raw"  # the sample plans the main job ingests
PROCESSED_DIR = DATA_DIR / "processed"  # database, downloads, quarantine, exports
SOURCES_FILE = DATA_DIR / "sources.csv"  # the registry the nightly refresh re-reads
SOURCES_ROOT = DATA_DIR.parent  # relative locations in a sources registry start here

EXTRACTOR_VERSION = "0.1.0"

FETCH_TIMEOUT_S = float(os.environ.get("TRUSTPLANS_FETCH_TIMEOUT", "30"))  # TRUSTPLANS_FETCH_TIMEOUT
FETCH_DEADLINE_S = float(os.environ.get("TRUSTPLANS_FETCH_DEADLINE", "300"))  # one whole download
# Fetching from loopback, private and link-local addresses (and redirects to other hosts) is
# refused unless allowed (TRUSTPLANS_ALLOW_PRIVATE_URLS=1, or --allow-private-urls).
ALLOW_PRIVATE_URLS = os.environ.get("TRUSTPLANS_ALLOW_PRIVATE_URLS", "") not in ("", "0", "false", "no")
FETCH_RETRIES = 2  # a refresh's further attempts at a fetch that timed out or met a 5xx
RETRY_BACKOFF_S = 2.0  # first retry after this, then doubling

# Reading one document: files and downloads up to TRUSTPLANS_MAX_INPUT_MB; read in a child process
# (pipeline/runs/isolation.py) under TRUSTPLANS_MEMORY_LIMIT_MB and TRUSTPLANS_TIME_LIMIT_S.
MAX_INPUT_BYTES = int(os.environ.get("TRUSTPLANS_MAX_INPUT_MB", "100")) * 1024 * 1024
MEMORY_LIMIT_BYTES = int(os.environ.get("TRUSTPLANS_MEMORY_LIMIT_MB", "2048")) * 1024 * 1024  # RLIMIT_AS
TIME_LIMIT_S = float(os.environ.get("TRUSTPLANS_TIME_LIMIT_S", "120"))  # plus, for each MB of the file:
TIME_LIMIT_PER_MB_S = float(os.environ.get("TRUSTPLANS_TIME_LIMIT_PER_MB_S", "20"))
# What one compressed part may inflate to: a Word file's XML part, a PDF stream (a zip or
# deflate bomb is refused before any library inflates it whole).
MAX_INFLATED_BYTES = int(os.environ.get("TRUSTPLANS_MAX_INFLATED_MB", "256")) * 1024 * 1024
# What reads a PDF's text layer and drawings (extractors/pdf.py): TRUSTPLANS_PDF_READER, one of
# these; PDFium (about six times faster) unless it says pdfplumber, which gives the same document
# model (tests/extractors/test_pdfium_reader.py) and is there where PDFium falls short.
PDF_READERS = ("pdfium", "pdfplumber")
PDF_READER = os.environ.get("TRUSTPLANS_PDF_READER") or PDF_READERS[0]
if PDF_READER not in PDF_READERS:
    raise ValueError(f"TRUSTPLANS_PDF_READER is {PDF_READER!r}: it must be one of {', '.join(PDF_READERS)}")

QUERY_TIMEOUT_S = float(os.environ.get("TRUSTPLANS_QUERY_TIMEOUT", "30"))  # `trustplans query`

# Documents worked on at once: `trustplans ingest --jobs` and the flows' default (thread)
# runner; TRUSTPLANS_JOBS, else the number of cores. `trustplans extract` reads its one PDF's
# pages with as many processes.
JOBS = int(os.environ.get("TRUSTPLANS_JOBS") or os.cpu_count() or 1)
DASK_WORKERS = 2  # processes of the Dask LocalCluster made when no scheduler address is given


def default_database_url() -> str:
    """TRUSTPLANS_DATABASE_URL, else SQLite at data/processed/trustplans.db."""
    return os.environ.get("TRUSTPLANS_DATABASE_URL") or f"sqlite:///{PROCESSED_DIR / 'trustplans.db'}"


@dataclass(frozen=True, slots=True)
class Settings:
    """What one run needs to know: where the database and the processed files are, and the
    fetch limits. Picklable, for Dask workers."""

    database_url: str
    processed_dir: Path
    fetch_timeout: float = FETCH_TIMEOUT_S
    fetch_deadline: float = FETCH_DEADLINE_S
    allow_private_urls: bool = ALLOW_PRIVATE_URLS
    fetch_retries: int = FETCH_RETRIES
    retry_backoff: float = RETRY_BACKOFF_S
    max_input_bytes: int = MAX_INPUT_BYTES
    memory_limit_bytes: int = MEMORY_LIMIT_BYTES
    time_limit_s: float = TIME_LIMIT_S
    time_limit_per_mb_s: float = TIME_LIMIT_PER_MB_S
    page_processes: int = 1  # processes that read one PDF's pages at once (extractors/forked_pages.py)

    def time_limit_for(self, size_bytes: int) -> float:
        """The wall-clock limit for reading a file of this size."""
        return self.time_limit_s + self.time_limit_per_mb_s * size_bytes / (1024 * 1024)

    @property
    def quarantine_dir(self) -> Path:
        """Copies of the files that failed, with why."""
        return self.processed_dir / "quarantine"

    @property
    def export_dir(self) -> Path:
        return self.processed_dir / "export"


_SQLITE_FILE = re.compile(r"^sqlite(?:\+\w+)?:///([^?]+)")


def processed_dir_for(database_url: str) -> Path:
    """Where a run keeps quarantine, exports and fetch state: under TRUSTPLANS_DATA_DIR where
    it is set, else beside a SQLite database file, else data/processed."""
    if os.environ.get("TRUSTPLANS_DATA_DIR"):
        return Path(os.environ["TRUSTPLANS_DATA_DIR"]) / "processed"
    if found := _SQLITE_FILE.match(database_url):
        return Path(found.group(1)).resolve().parent
    return PROCESSED_DIR


def settings(database_url: str | None = None, processed_dir: str | Path | None = None,
             fetch_timeout: float | None = None, fetch_retries: int | None = None,
             retry_backoff: float | None = None, allow_private_urls: bool | None = None,
             page_processes: int = 1) -> Settings:
    """Settings with the defaults above wherever an argument is None."""
    url = database_url or default_database_url()
    return Settings(
        database_url=url,
        processed_dir=Path(processed_dir) if processed_dir else processed_dir_for(url),
        fetch_timeout=FETCH_TIMEOUT_S if fetch_timeout is None else fetch_timeout,
        fetch_retries=FETCH_RETRIES if fetch_retries is None else fetch_retries,
        retry_backoff=RETRY_BACKOFF_S if retry_backoff is None else retry_backoff,
        allow_private_urls=ALLOW_PRIVATE_URLS if allow_private_urls is None else allow_private_urls,
        page_processes=page_processes,
    )
