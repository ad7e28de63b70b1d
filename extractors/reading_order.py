"""Reading order of a page's text fragments and tables by recursive XY-cut.

At each step the items are split at the widest white-space gap: a vertical gutter (columns,
read left column first, each as a whole) when there is one at least `min_gutter` wide,
otherwise the widest horizontal gap (top part first). Two-column pages therefore read column
by column instead of interleaving lines, and a heading above a table comes before it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from schemas.document import BBox

T = TypeVar("T")


def xy_cut(items: Sequence[T], bbox_of: Callable[[T], BBox], min_gutter: float) -> list[T]:
    if len(items) <= 1:
        return list(items)
    boxes = [bbox_of(i) for i in items]
    vertical = _widest_gap([(b.x0, b.x1) for b in boxes])
    if vertical is not None and vertical[1] >= min_gutter:
        first = [i for i, b in zip(items, boxes, strict=True) if b.x1 <= vertical[0]]
        rest = [i for i, b in zip(items, boxes, strict=True) if b.x1 > vertical[0]]
    else:
        horizontal = _widest_gap([(b.top, b.bottom) for b in boxes])
        if horizontal is None:
            order = sorted(range(len(items)), key=lambda k: (boxes[k].top, boxes[k].x0))
            return [items[k] for k in order]
        first = [i for i, b in zip(items, boxes, strict=True) if b.bottom <= horizontal[0]]
        rest = [i for i, b in zip(items, boxes, strict=True) if b.bottom > horizontal[0]]
    return xy_cut(first, bbox_of, min_gutter) + xy_cut(rest, bbox_of, min_gutter)


def _widest_gap(spans: list[tuple[float, float]]) -> tuple[float, float] | None:
    """(position, width) of the widest gap between the spans' projections on one axis."""
    spans = sorted(spans)
    best: tuple[float, float] | None = None
    reach = spans[0][1]
    for start, end in spans[1:]:
        if start > reach and (best is None or start - reach > best[1]):
            best = ((start + reach) / 2, start - reach)
        reach = max(reach, end)
    return best
