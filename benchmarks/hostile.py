"""A batch of hostile files among good plans, ingested as `trustplans ingest` does it: every
good plan must load, every bad file must end as one clean error, nothing may crash or hang.

    .venv/bin/python benchmarks/hostile.py [--memory-mb 2048] [--time-limit 120]

The bad files are made here, in a temporary folder: a pipe, a link to /dev/zero, a sparse
3 GiB file, an empty file, a PNG named .pdf, a truncated PDF, a PDF whose page tree loops,
a PDF whose content stream inflates to 1 GiB, a blank page of 200,000 points square (OCR),
a Word zip bomb, a Word cell spanning 5,000 columns, a UTF-16 web page, a name that is not
UTF-8. Prints files tried, clean errors, crashes, hangs, the peak memory of this process and
of the worst reader process, and whether every good plan loaded.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import resource
import shutil
import sys
import tempfile
import threading
import time
import zlib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from docx import Document as new_word  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402

from pipeline import config  # noqa: E402
from pipeline.fetch.sources import sources_from_locations  # noqa: E402
from pipeline.runs.batch import run_batch  # noqa: E402
from tests.hostile_files import one_page_pdf, pdf, zip_bomb_docx  # noqa: E402

GOOD = ("uhb-2021-22-plan.docx", "wah-2022-23-objectives.pdf", "swbh-2020-vision.html")
CLEAN = {"SourceNotFound", "UnsupportedFormat", "CorruptFile", "EncryptedFile", "NoPlanFound", "FetchFailed",
         "LimitExceeded"}


def word(path: Path, grid_span: int | None = None) -> Path:
    document = new_word()
    table = document.add_table(rows=2, cols=4)
    for col, text in enumerate(("Objective", "Action", "Lead", "Due")):
        table.cell(0, col).text = text
        table.cell(1, col).text = f"row text {col}"
    if grid_span:
        properties = table.rows[1].cells[0]._tc.get_or_add_tcPr()
        properties.append(properties.makeelement(qn("w:gridSpan"), {qn("w:val"): str(grid_span)}))
    document.save(path)
    return path


def make_folder(folder: Path) -> list[str]:
    """The bad files and copies of the good plans; the locations to ingest."""
    folder.mkdir()
    for name in GOOD:
        shutil.copy(config.RAW_DIR / name, folder / name)
    os.mkfifo(folder / "pipe.pdf")
    (folder / "zero.docx").symlink_to("/dev/zero")
    with (folder / "sparse-3gib.pdf").open("wb") as handle:
        handle.truncate(3 * 1024**3)
    (folder / "empty.docx").write_bytes(b"")
    (folder / "image.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(512))
    (folder / "truncated.pdf").write_bytes((config.RAW_DIR / GOOD[1]).read_bytes()[:5000])
    (folder / "page-tree-loop.pdf").write_bytes(pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                                                     b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                                                     b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>"]))
    inflating = zlib.compressobj(9)
    bomb = b"".join(inflating.compress(b" " * (1 << 24)) for _ in range(64)) + inflating.flush()  # 1 GiB
    (folder / "stream-bomb.pdf").write_bytes(one_page_pdf("0 0 612 792", bomb, deflated=True))
    (folder / "huge-page.pdf").write_bytes(one_page_pdf("0 0 200000 200000"))
    zip_bomb_docx(folder / "zip-bomb.docx", 1024)
    word(folder / "grid-span.docx", grid_span=5000)
    page = "<!DOCTYPE html><html><body><main><h1>Opening times</h1><p>The shop opens at nine.</p></main></body></html>"
    (folder / "utf16.html").write_bytes(b"\xff\xfe" + page.encode("utf-16-le"))
    (folder / os.fsdecode(b"name-\xff\xfe.html")).write_bytes(page.encode("utf-8"))
    special = [str(folder / name) for name in ("pipe.pdf", "zero.docx")]  # a folder scan reads regular files only
    return [str(folder), *special]


def reader_peak_mb(stop: threading.Event, found: list[float]) -> None:
    """Sample the peak RSS (VmHWM) of the reader processes (children of the fork server)."""
    from multiprocessing import forkserver

    while not stop.wait(0.05):
        server = getattr(forkserver._forkserver, "_forkserver_pid", None)
        if server is None:
            continue
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                status = (entry / "status").read_text()
            except OSError:
                continue
            fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
            if fields.get("PPid", "").strip() == str(server) and "VmHWM" in fields:
                found.append(int(fields["VmHWM"].split()[0]) / 1024)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--memory-mb", type=int, default=config.MEMORY_LIMIT_BYTES // (1024 * 1024))
    parser.add_argument("--time-limit", type=float, default=config.TIME_LIMIT_S)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="trustplans-hostile-") as work:
        root = Path(work)
        locations = make_folder(root / "files")
        settings = dataclasses.replace(
            config.settings(database_url=f"sqlite:///{root / 'trustplans.db'}", processed_dir=root / "processed"),
            memory_limit_bytes=args.memory_mb * 1024 * 1024, time_limit_s=args.time_limit)
        stop, peaks = threading.Event(), []
        sampler = threading.Thread(target=reader_peak_mb, args=(stop, peaks), daemon=True)
        sampler.start()
        started = time.monotonic()
        summary = run_batch(sources_from_locations(locations), settings, trigger="benchmark")
        seconds = time.monotonic() - started
        stop.set()
        sampler.join()
    failed = summary.failed
    loaded = {Path(r.source).name for r in summary.documents if r.status in ("new", "changed")}
    crashes = [r for r in failed if r.error_type not in CLEAN and r.error_type not in ("MemoryError",)]
    hangs = [r for r in failed if "time limit" in (r.error or "")]
    print(f"files tried: {len(summary.documents)} in {seconds:.1f} s")
    for result in summary.documents:
        print(f"  {Path(result.source).name:28} {result.status:9} {result.error_type or ''} "
              f"{(result.error or '').split(': ', 1)[-1][:90]}")
    print(f"clean errors: {len(failed) - len(crashes)} ({dict(Counter(r.error_type for r in failed))})")
    print(f"crashes: {len(crashes)}")
    print(f"hangs (stopped at the time limit): {len(hangs)}")
    print(f"peak memory: this process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB, "
          f"worst reader {max(peaks, default=0):.0f} MB (limit {args.memory_mb} MB of address space)")
    print(f"every good plan loaded: {'yes' if loaded >= set(GOOD) else 'NO: ' + ', '.join(set(GOOD) - loaded)}")


if __name__ == "__main__":
    main()
