"""extractors/forked_pages.py: a document's pages read by forked processes, in real processes.
The readers here record the process that read each page, so that the tests see who did what."""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest

from extractors.forked_pages import PageReaderDied, read_pages
from extractors.pdf_page import Fill, PageContent, Rule, Word
from extractors.pdfium_page import read_document
from schemas.errors import CorruptFile, UnsupportedFormat

SHARED = Path(__file__).resolve().parents[3] / "shared"
CORPUS_PDFS = sorted((SHARED / "corpus").glob("*/*.pdf"))
ROOT = Path(__file__).resolve().parents[2]


def _pid_reader(marker: Path | None = None) -> Callable[[], AbstractContextManager[Callable[[int], tuple[int, int]]]]:
    """Pages that are (index, the pid that read it); a page read by a forked process touches
    `marker`, so that a test can wait for one to have started."""
    parent = os.getpid()

    @contextmanager
    def opened() -> Iterator[Callable[[int], tuple[int, int]]]:
        def read(index: int) -> tuple[int, int]:
            if marker is not None and os.getpid() != parent:
                marker.touch()
            return index, os.getpid()
        yield read

    return opened


def _until(path: Path, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.01)


def test_pages_come_back_in_order_read_by_this_process_and_a_forked_one(tmp_path: Path) -> None:
    marker = tmp_path / "a forked reader read a page"
    calls: list[int] = []

    def meanwhile() -> None:
        calls.append(os.getpid())
        _until(marker)  # this process reads its share only once the forked one has read one page

    pages = read_pages(40, _pid_reader(marker), processes=2, meanwhile=meanwhile)
    assert [index for index, _ in pages] == list(range(40))
    assert any(pid != os.getpid() for _, pid in pages)
    assert calls == [os.getpid()]  # meanwhile ran once, here


def test_one_process_or_few_pages_are_read_here_and_meanwhile_still_runs() -> None:
    for count, processes in ((40, 1), (2, 4)):
        calls: list[int] = []
        pages = read_pages(count, _pid_reader(), processes=processes,
                           meanwhile=lambda into=calls: into.append(os.getpid()))
        assert pages == [(index, os.getpid()) for index in range(count)]
        assert calls == [os.getpid()]


def _forked_does(action: Callable[[int], object], folder: Path) -> dict[str, object]:
    """read_pages' reader and meanwhile for a reader whose forked processes do `action(index)`
    for a page: this process takes no page before a forked one has (it waits for the marker
    that one leaves in `folder`), however slowly the forked ones start on a busy machine."""
    parent, marker = os.getpid(), folder / "a forked reader took a page"
    folder.mkdir(parents=True, exist_ok=True)

    @contextmanager
    def opened() -> Iterator[Callable[[int], int]]:
        def read(index: int) -> int:
            if os.getpid() != parent:
                marker.touch()
                action(index)
            return index
        yield read

    return {"open_reader": opened, "meanwhile": lambda: _until(marker)}


def _raise(error: Exception) -> Callable[[int], object]:
    def fail(_: int) -> object:
        raise error
    return fail


def test_an_error_in_a_forked_reader_is_raised_here(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="page is bad"):
        read_pages(40, processes=2, **_forked_does(_raise(ValueError("page is bad")), tmp_path))


def test_a_forked_reader_that_dies_is_named(tmp_path: Path) -> None:
    """As a crash in a library would end it."""
    with pytest.raises(PageReaderDied, match="killed by SIGKILL"):
        read_pages(40, processes=2, **_forked_does(lambda _: os.kill(os.getpid(), signal.SIGKILL), tmp_path))


_ORPHAN = """
import os, sys, time
from contextlib import contextmanager
from pathlib import Path
from extractors.forked_pages import read_pages

parent, folder = os.getpid(), Path(sys.argv[1])

@contextmanager
def opened():
    def read(index):
        if os.getpid() != parent:
            (folder / str(os.getpid())).touch()
            time.sleep(120)  # a page that never ends
        return index
    yield read

read_pages(40, opened, processes=3, meanwhile=lambda: time.sleep(120))
"""


def test_forked_readers_die_with_the_process_that_forked_them(tmp_path: Path) -> None:
    """The reader process is killed at its time limit: its page readers must not run on."""
    process = subprocess.Popen([sys.executable, "-c", textwrap.dedent(_ORPHAN), str(tmp_path)], cwd=ROOT)
    try:
        deadline = time.monotonic() + 30
        while len(list(tmp_path.iterdir())) < 2:
            assert time.monotonic() < deadline, "the forked readers never started"
            time.sleep(0.02)
    finally:
        process.kill()
        process.wait()
    children = [int(path.name) for path in tmp_path.iterdir()]
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in children):
        assert time.monotonic() < deadline, f"page readers {children} outlived their parent"
        time.sleep(0.02)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:  # a zombie waiting for init to reap it is gone too
        return stat.read().split(")")[-1].split()[0] != "Z"


@pytest.mark.parametrize("path", CORPUS_PDFS, ids=lambda p: p.name)
def test_a_corpus_pdf_reads_into_the_same_pages_by_two_processes(path: Path) -> None:
    alone, title = read_document(path)
    shared, same_title = read_document(path, processes=2)
    assert shared == alone and same_title == title


def test_a_pdf_whose_page_reader_dies_is_a_corrupt_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The PDF reader names the file when a forked page reader dies (as a PDFium crash would)."""
    from extractors import pdfium_page
    from extractors.options import ReadOptions
    from extractors.pdf import read_pdf

    parent, read_page, marker = os.getpid(), pdfium_page.read_pdfium_page, tmp_path / "crashed"

    def crashing(page: object, number: int) -> object:
        if os.getpid() != parent:
            marker.touch()
            os.kill(os.getpid(), signal.SIGKILL)
        return read_page(page, number)

    monkeypatch.setattr(pdfium_page, "read_pdfium_page", crashing)
    path = max(CORPUS_PDFS, key=lambda p: p.stat().st_size, default=None)
    if path is None:
        pytest.skip("no corpus PDF")
    with pytest.raises(CorruptFile, match=r"could not be read: a page reader died \(killed by SIGKILL\)") as err:
        read_pdf(path, "pdfium", ReadOptions(page_processes=2, meanwhile=lambda: _until(marker)))
    assert str(path) in str(err.value)


def test_a_page_comes_back_from_its_pickle_whole() -> None:
    """Forked readers send their pages pickled: every field of a word and a rule survives."""
    page = PageContent(number=3, width=595.0, height=842.0,
                       words=[Word("Lead", 10.0, 20.0, 30.5, 31.0, 9.5, bold=True),
                              Word("\u2022", 5.0, 20.0, 8.0, 23.0, 4.0, is_dot=True, confidence=87.5)],
                       rules=[Rule(1.0, 2.0, 300.0, 2.0)], fills=[Fill(0.0, 0.0, 10.0, 10.0, colour=(0.9,))])
    again = pickle.loads(pickle.dumps(page, pickle.HIGHEST_PROTOCOL))
    assert again == page and again.words[1].confidence == 87.5 and again.words[0].bold


class _Unloadable:
    """Pickles, but its pickle cannot be loaded. An error that carries one cannot come back
    whole, however the process pickles errors (a library may install its own way)."""

    def __reduce__(self) -> tuple[object, tuple[()]]:
        return _refuse, ()


def _refuse() -> None:
    raise TypeError("this pickle cannot be loaded")


def _unloadable(text: str) -> ValueError:
    error = ValueError(text)
    error.part = _Unloadable()  # type: ignore[attr-defined]
    return error


def test_the_projects_errors_come_back_whole_and_others_as_their_words(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormat) as err:
        read_pages(40, processes=2, **_forked_does(_raise(UnsupportedFormat("scan.pdf", "needs Tesseract")),
                                                   tmp_path / "1"))
    assert (err.value.source, err.value.problem, err.value.exit_code) == ("scan.pdf", "needs Tesseract", 4)
    with pytest.raises(RuntimeError, match="ValueError: a b"):
        read_pages(40, processes=2, **_forked_does(_raise(_unloadable("a b")), tmp_path / "2"))
