"""Running headers, footers, page numbers and logo text: found by repetition, not by wording.

A text fragment is page furniture when it sits in the top or bottom margin band of the page and
either

* the same text appears at the same place on a strict majority of the pages, or on every
  page of one parity (left- and right-hand running heads), page 1 aside; numbers may differ
  ("Page 3 of 8" matches "Page 4 of 8") when the text is no larger than the body text, so
  that headings such as "Theme 2" / "Theme 3" at the same place are not taken for furniture;
* or it reads as a page number ("7", "Page 7", "Page 7 of 9", "- 7 -").

Text inside tables is never furniture (a table's header row repeats on every page at the same
place, and is handled by table joining).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from extractors.pdf_page import PageContent, Word
from extractors.pdf_tables import inside
from extractors.pdf_text import group_rows, split_row
from schemas.document import BBox

MARGIN_BAND = 0.12  # share of the page height at the top and at the bottom
_SAME_PLACE = 3.0  # pt
_PAGE_NUMBER = re.compile(r"^(page\s*)?#+(\s*of\s*#+)?$|^[-–]\s*#+\s*[-–]$")


@dataclass(slots=True)
class _Fragment:
    page: int
    words: list[Word]
    key: str  # lower case, white space collapsed, numbers masked
    text: str  # lower case, white space collapsed

    @property
    def size(self) -> float:
        return max(w.size for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)


def remove_furniture(pages: Sequence[PageContent], protected: dict[int, list[BBox]]) -> list[str]:
    """Drop furniture words from each page's `words`, in place; return the distinct furniture
    texts other than page numbers (trust name, running title), in order of first appearance."""
    fragments = [f for page in pages for f in _margin_fragments(page, protected.get(page.number, []))]
    numbers = [page.number for page in pages]
    body = _body_size(pages)
    furniture: set[int] = set()
    repeated: list[_Fragment] = []
    for fragment in fragments:
        if _PAGE_NUMBER.match(fragment.key):
            furniture.update(id(w) for w in fragment.words)
            continue
        same_place = [other for other in fragments if other.key == fragment.key
                      and abs(other.top - fragment.top) <= _SAME_PLACE
                      and min(other.x1, fragment.x1) - max(other.x0, fragment.x0) > 0]
        if fragment.size > body + 0.5:  # larger than body text: numbers must match too
            same_place = [other for other in same_place if other.text == fragment.text]
        if _recurs({other.page for other in same_place}, numbers):
            furniture.update(id(w) for w in fragment.words)
            repeated.append(fragment)
    for page in pages:
        page.words = [w for w in page.words if id(w) not in furniture]
    return _distinct_texts(repeated)


def _recurs(on_pages: set[int], numbers: Sequence[int]) -> bool:
    """On a strict majority of the pages, or on every page of one parity but the first."""
    if len(numbers) < 2 or len(on_pages) < 2:
        return False
    if len(on_pages) > len(numbers) / 2:
        return True
    sides = ({n for n in numbers if n % 2 == parity and n != numbers[0]} for parity in (0, 1))
    return any(len(side) >= 2 and side <= on_pages for side in sides)


def _body_size(pages: Sequence[PageContent]) -> float:
    sizes = sorted(w.size for page in pages for w in page.words if not w.is_dot)
    return sizes[len(sizes) // 2] if sizes else 0.0


def _distinct_texts(fragments: Sequence[_Fragment]) -> list[str]:
    """Each furniture text once; lines stacked into one block ("Worcestershire" / "Acute
    Hospitals" / "NHS Trust") joined into one text."""
    texts: list[str] = []
    seen: set[str] = set()
    block: list[_Fragment] = []
    for fragment in [*sorted(fragments, key=lambda f: (f.page, f.top)), None]:
        if fragment is not None and block and _stacked(block[-1], fragment):
            block.append(fragment)
            continue
        if block:
            key = " ".join(f.key for f in block)
            if key not in seen:
                seen.add(key)
                texts.append(" ".join(w.text for f in block for w in f.words))
        block = [fragment] if fragment is not None else []
    return texts


def _stacked(above: _Fragment, below: _Fragment) -> bool:
    """`below` is the next line of the same text block as `above` (same size, close, overlapping)."""
    size, below_size = max(w.size for w in above.words), max(w.size for w in below.words)
    gap = below.top - max(w.bottom for w in above.words)
    return (below.page == above.page and abs(size - below_size) <= 0.2 * size and 0 <= gap <= 0.8 * size
            and below.x0 < above.x1 and above.x0 < below.x1)


def _margin_fragments(page: PageContent, protected: Sequence[BBox]) -> list[_Fragment]:
    band = MARGIN_BAND * page.height
    words = [w for w in page.words
             if (w.top < band or w.bottom > page.height - band) and not any(inside(w, b) for b in protected)]
    out = []
    for row in group_rows(words):
        size = max(w.size for w in row)
        for group in split_row(row, min_gap=max(3.0 * size, 12.0)):
            text = re.sub(r"\s+", " ", " ".join(w.text for w in group).lower()).strip()
            out.append(_Fragment(page=page.number, words=group, key=re.sub(r"\d+", "#", text), text=text))
    return out
