"""What a page image shows besides its words: shaded areas, ruling lines, and how heavy each
word's strokes are, found with OpenCV. Used by extractors/ocr.py.

- Shaded areas (table bands, banners, header rows) are where the page's background, a median
  over a window larger than any letter, is darker than the paper. Each area of one shade
  becomes a `Fill` with its grey level as colour, as a text PDF would draw it.
- Before recognition each shaded area is flattened to white paper (the image divided by its
  background), and one whose text is lighter than its shade (white on a dark banner) is turned
  to dark on white: Tesseract reads dark text on a plain ground far better.
- Ruling lines are thin dark lines, darker than the ground on both sides: a morphological
  black-hat across the line's direction keeps them and not the edge of a shaded area (a step,
  not a line); long runs of it along the direction are the rules.
- Bold: the stroke width of a word's ink (twice the median distance of the ink's middle line
  to the ground) against its font size; a word whose strokes are markedly heavier than the
  page's body text is bold.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from extractors.pdf_page import Fill, Rule, Word

_BACKGROUND_STEP = 2  # shaded areas are found on an image this many times smaller
_RAGGED = 0.6  # a light run filling less of its box than this is print, not a white line
_HOLE_PT = 16.0  # light print on a shaded area: holes in it no wider or higher than this
_GROUND_PT = 5.0  # median window that parts an area of several shades
_FILL_SHARE = 0.1  # share of an area's pixels that makes a shade of it
_SHADE_MARGIN = 12  # grey levels below the paper that count as shaded
_SHADE_TOLERANCE = 10  # grey levels: one shade
_MIN_FILL_PT = 6.0  # a shaded area narrower or lower than this (points) is a mark, not a fill
_FILL_SOLIDITY = 0.93  # share of its bounding box a shaded area fills to be a rectangle
_FILL_UNIFORM = 0.6  # share of a shaded area's pixels that show its shade (the rest is print)
_RULE_THICKNESS_PT = 2.5  # lines thinner than this are rules (a black-hat of this size finds them)
_FINE_RULE_PT = 1.2  # rules that part shaded rows are no thicker than this (print on a band makes no such line)
_RULE_CONTRAST = 40  # grey levels a rule is darker than the ground on both sides
_SHORT_RULE_PT = 6.0  # an upright rule this short counts when it runs from one rule to another
_SHORT_RULE_TOUCH = 1.0  # pt: ... ending this close to each (letters in a cell stand further off)
_BAR_PT = 12.0  # a shaded area narrower than this is a bar (a thick line), not a band that holds print
_TOUCH = 3.0  # pt: a rule ending this close to a shaded band's edge runs into it
_DOT_ASPECT = 1.4  # a bullet's box is no more than this much wider than high, or higher than wide
_DOT_SOLIDITY = 0.65  # share of its box a bullet's ink fills (a disc: 0.79)
_SKEW_MOST = 3.0  # degrees either way a page may lie turned on the scanner's glass
_SKEW_STEP = 0.1  # degrees between the turns tried
_SKEW_WIDTH = 800  # pixels: the turns are tried on a copy this wide (a tenth of a degree moves its ends 1.4 px)
_MIN_RULE_PT, _MIN_RULE_PX = 24.0, 30  # shortest thin dark line taken as a rule: longer than a letter's stroke


@dataclass(slots=True)
class PageImage:
    """A page image prepared for recognition, and what was found in it."""

    clean: np.ndarray  # shaded areas flattened (light text turned dark), rules whitened
    ink: np.ndarray  # 255 where the cleaned image has ink (for stroke widths)
    fills: list[Fill]
    rules: list[Rule]
    dark_fills: list[Fill]  # the fills whose print is lighter than they are


def paper_level(pixels: np.ndarray) -> int:
    """The grey level of the paper: the commonest of the light levels."""
    counts = np.bincount(pixels.ravel(), minlength=256)
    return int(np.argmax(counts[128:]) + 128)


def _shades(values: np.ndarray, least: int) -> list[int]:
    """The grey levels that `least` or more of the values show (within the tolerance of one
    shade), commonest first."""
    counts = np.bincount(values.ravel(), minlength=256).astype(np.int64)
    window = np.convolve(counts, np.ones(2 * _SHADE_TOLERANCE + 1, np.int64), mode="same")
    shades = []
    while True:
        level = int(np.argmax(counts))
        if counts[level] == 0 or window[level] < least:
            return shades
        shades.append(level)
        low, high = max(0, level - 2 * _SHADE_TOLERANCE), level + 2 * _SHADE_TOLERANCE + 1
        counts[low:high] = 0
        window[low:high] = 0


def find_fills(pixels: np.ndarray, scale: float, rule_mask: np.ndarray | None = None
               ) -> tuple[list[Fill], np.ndarray, list[Fill]]:
    """Shaded rectangles (in points); a map of the shaded areas: 0 off them, else the shade's
    grey level, negated where the print is lighter than the shade; and the rectangles of those.
    Ruling lines (`rule_mask`) part shaded areas: two shaded rows with a rule between are two.

    Shaded areas are what stays of the page's non-paper pixels, print on them closed over,
    after an opening by the smallest area's size (print and rules are thinner); an area is one
    shade where most of its pixels show it. An area of several shades (a dark banner on a
    light band) is parted by its pixels' local median."""
    step = _BACKGROUND_STEP
    height, width = pixels.shape
    small = cv2.resize(pixels, (max(1, width // step), max(1, height // step)), interpolation=cv2.INTER_AREA)
    small_scale = scale * width / small.shape[1]
    paper = paper_level(small)
    least = _MIN_FILL_PT / small_scale
    open_ = cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, int(least) | 1),) * 2)
    mend = cv2.getStructuringElement(cv2.MORPH_RECT, (7, 7))
    mask = _with_holes(small < paper - _SHADE_MARGIN, _HOLE_PT / small_scale)
    if rule_mask is not None:
        lines = cv2.resize(rule_mask, (small.shape[1], small.shape[0]), interpolation=cv2.INTER_AREA) > 0
        mask &= ~cv2.dilate(lines.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, open_)
    fills: list[Fill] = []
    dark: list[Fill] = []
    shaded = np.zeros(pixels.shape, np.int16)
    ground: np.ndarray | None = None
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=4)
    for label in range(1, count):
        x, y, w, h, _ = (int(v) for v in stats[label])
        if w < least or h < least:
            continue
        own = labels[y:y + h, x:x + w] == label
        region = small[y:y + h, x:x + w]
        values = region[own]
        shades = [s for s in _shades(values, int(_FILL_SHARE * values.size)) if s < paper - _SHADE_MARGIN]
        near = sum(np.count_nonzero(np.abs(values.astype(np.int16) - s) <= _SHADE_TOLERANCE) for s in shades)
        if not shades or near < _FILL_UNIFORM * values.size:
            continue  # a block of heavy print, not a shaded area with print on it
        if len(shades) == 1:
            parts = [(shades[0], own.astype(np.uint8))]
        else:
            if ground is None:
                ground = cv2.medianBlur(small, max(3, int(_GROUND_PT / small_scale) | 1))
            local = ground[y:y + h, x:x + w].astype(np.int16)
            nearest = np.argmin(np.stack([np.abs(local - s) for s in shades]), axis=0)
            parts = [(s, cv2.morphologyEx(_with_holes(own & (nearest == i), _HOLE_PT / small_scale), cv2.MORPH_OPEN,
                                          open_)) for i, s in enumerate(shades)]
        for shade, part in parts:
            sub_count, sub_labels, sub_stats, _ = cv2.connectedComponentsWithStats(part, connectivity=4)
            for sub in range(1, sub_count):
                sx, sy, sw, sh, area = (int(v) for v in sub_stats[sub])
                piece = (sub_labels[sy:sy + sh, sx:sx + sw] == sub).astype(np.uint8)
                piece = cv2.morphologyEx(piece, cv2.MORPH_CLOSE, mend)  # across the rules taken out
                area = int(np.count_nonzero(piece))
                fill = _fill(piece, area, shade, x + sx, y + sy, least, small_scale)
                inked = region[sy:sy + sh, sx:sx + sw][piece > 0].astype(np.int16)
                if fill is None or np.count_nonzero(np.abs(inked - shade) <= _SHADE_TOLERANCE) < _FILL_UNIFORM * area:
                    continue
                fills.append(fill)
                lighter = np.count_nonzero(inked > shade + 3 * _SHADE_TOLERANCE)
                darker = np.count_nonzero(inked < shade - 3 * _SHADE_TOLERANCE)
                if lighter > darker:
                    dark.append(fill)
                full = cv2.resize(piece, (sw * step, sh * step), interpolation=cv2.INTER_NEAREST)
                box = shaded[(y + sy) * step:(y + sy + sh) * step, (x + sx) * step:(x + sx + sw) * step]
                full = full[:box.shape[0], :box.shape[1]]
                box[full > 0] = -shade if lighter > darker else max(shade, 1)
    fills = sorted(_whole(fills), key=lambda f: (f.top, f.x0))
    return fills, shaded, [f for f in dark if f in fills]


def _whole(fills: list[Fill]) -> list[Fill]:
    """The fills less those inside a larger one of the same shade: pieces of it that its print
    parted from it (a light band whose print nearly splits it), not cells of their own."""
    return [f for f in fills if not any(_inside(f, other) for other in fills)]


def _inside(inner: Fill, outer: Fill) -> bool:
    """`inner` lies within the larger `outer`, of the same shade."""
    return (abs(inner.colour[0] - outer.colour[0]) <= _SHADE_TOLERANCE / 255
            and outer.x0 - _TOUCH <= inner.x0 and inner.x1 <= outer.x1 + _TOUCH
            and outer.top - _TOUCH <= inner.top and inner.bottom <= outer.bottom + _TOUCH
            and (inner.x1 - inner.x0) * (inner.bottom - inner.top) < (outer.x1 - outer.x0) * (outer.bottom - outer.top))


def _with_holes(mask: np.ndarray, largest: float) -> np.ndarray:
    """The mask (as 0/1) with its small holes filled: light letters printed on a shaded area,
    alone or run together into words (no higher than a letter, ragged: not a white line
    between two shaded areas)."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats((~mask).astype(np.uint8), connectivity=4)
    width, height = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    ragged = stats[:, cv2.CC_STAT_AREA] < _RAGGED * width * height
    small = (height <= largest) & ((width <= largest) | ragged)
    small[0] = False  # label 0 is the mask itself
    return (mask | small[labels]).astype(np.uint8)


def _fill(piece: np.ndarray, area: int, shade: int, x: int, y: int, least: float, scale: float) -> Fill | None:
    """A shaded area (a mask placed at x, y) as an upright rectangle in points, if it is one."""
    contours, _ = cv2.findContours(piece, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    rect = cv2.minAreaRect(max(contours, key=cv2.contourArea))
    (cx, cy), (rw, rh) = rect[0], _upright_size(rect)
    if min(rw, rh) < least or area < _FILL_SOLIDITY * rw * rh:
        return None
    cx, cy = x + cx, y + cy  # the rectangle as it stood before the page was turned
    return Fill((cx - rw / 2) * scale, (cy - rh / 2) * scale, (cx + rw / 2) * scale, (cy + rh / 2) * scale,
                (round(shade / 255, 2),))


def _upright_size(rect: tuple) -> tuple[float, float]:
    """Width and height of a turned rectangle (OpenCV's minAreaRect): the width along the side
    nearer the horizontal, whatever OpenCV's angle convention."""
    a, b, c = cv2.boxPoints(rect)[:3]
    first, second = b - a, c - b
    along, across = (first, second) if abs(first[0]) >= abs(first[1]) else (second, first)
    return float(np.hypot(*along)), float(np.hypot(*across))


def flatten(pixels: np.ndarray, shaded: np.ndarray) -> np.ndarray:
    """Shaded areas turned to white paper: each pixel divided by its shade; where the text is
    lighter than the shade, the text's lightness above the shade turned to darkness. The rest
    of the page as it is."""
    if not shaded.any():
        return pixels
    p = pixels.astype(np.float32)
    g = np.abs(shaded).astype(np.float32)
    dark_on_light = p * 255.0 / np.maximum(g, 1.0)
    light_on_dark = 255.0 - (p - g) * 255.0 / np.maximum(255.0 - g, 1.0)
    out = np.select([shaded > 0, shaded < 0], [dark_on_light, light_on_dark], p)
    return np.clip(out, 0, 255).astype(np.uint8)


def find_rules(pixels: np.ndarray, scale: float, short: bool = True, thickness: float = _RULE_THICKNESS_PT
               ) -> tuple[list[Rule], np.ndarray]:
    """Ruling lines (in points) and a mask of their pixels: thin dark lines, long runs of them,
    and shorter upright runs that reach from one long horizontal rule to another (the column
    rules of a row of one line)."""
    thick = max(3, int(round(thickness / scale)) | 1)
    run = max(_MIN_RULE_PX, int(_MIN_RULE_PT / scale))
    least = max(3, int(_SHORT_RULE_PT / scale)) if short else run
    touch = _SHORT_RULE_TOUCH / scale
    rules: list[Rule] = []
    found = np.zeros(pixels.shape, np.uint8)
    across: list[tuple[float, float, float]] = []  # horizontal rules as (y, x0, x1), pixels
    for horizontal in (True, False):
        kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (1, thick) if horizontal else (thick, 1))
        line = cv2.morphologyEx(pixels, cv2.MORPH_BLACKHAT, kernel)
        ink = (line >= _RULE_CONTRAST).astype(np.uint8) * 255
        along = cv2.getStructuringElement(cv2.MORPH_RECT, (run, 1) if horizontal else (1, least))
        lines = cv2.morphologyEx(ink, cv2.MORPH_OPEN, along)
        contours, _ = cv2.findContours(lines, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for contour in contours:
            x, y, w, h = cv2.boundingRect(contour)
            if horizontal:
                across.append((y + h / 2, x, x + w))
                rules.append(Rule(x * scale, (y + h / 2) * scale, (x + w) * scale, (y + h / 2) * scale))
            else:
                middle = x + w / 2
                if h < run and not all(any(abs(end - at) <= touch and x0 - touch <= middle <= x1 + touch
                                           for at, x0, x1 in across) for end in (y, y + h)):
                    lines[y:y + h, x:x + w][cv2.drawContours(np.zeros((h, w), np.uint8), [contour - (x, y)], -1,
                                                             255, -1) > 0] = 0
                    continue
                rules.append(Rule(middle * scale, y * scale, middle * scale, (y + h) * scale))
        found |= lines
    return rules, found


def skew(pixels: np.ndarray) -> float:
    """The degrees a grey page image is to be turned by (anticlockwise, as cv2 turns) to stand
    level: of the turns tried, the one under which its ink falls into the sharpest rows (the
    largest sum of squared changes of ink from one pixel row to the next). Lines of print and
    rules make sharp rows only when level."""
    height, width = pixels.shape
    small = cv2.resize(pixels, (_SKEW_WIDTH, max(1, round(height * _SKEW_WIDTH / width))), interpolation=cv2.INTER_AREA)
    _, ink = cv2.threshold(small, 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    centre = (small.shape[1] / 2, small.shape[0] / 2)

    def sharpness(angle: float) -> float:
        turned = cv2.warpAffine(ink, cv2.getRotationMatrix2D(centre, angle, 1.0), (small.shape[1], small.shape[0]),
                                flags=cv2.INTER_NEAREST, borderValue=0)
        return float(np.square(np.diff(turned.sum(axis=1, dtype=np.float64))).sum())

    steps = int(round(_SKEW_MOST / _SKEW_STEP))
    return max((k * _SKEW_STEP for k in range(-steps, steps + 1)), key=lambda a: (sharpness(a), -abs(a)))


def turned(pixels: np.ndarray, angle: float) -> np.ndarray:
    """The grey image turned by `angle` degrees about its centre, the corners it uncovers paper."""
    height, width = pixels.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(pixels, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=255)


def prepare(pixels: np.ndarray, scale: float) -> PageImage:
    """Fills and rules of a grey page image, and the image cleaned for recognition."""
    _, drawn = find_rules(pixels, scale, short=False, thickness=_FINE_RULE_PT)  # fine rules part shaded rows
    fills, shaded, dark = find_fills(pixels, scale, drawn)
    flat = flatten(pixels, shaded)
    rules, rule_mask = find_rules(flat, scale)  # short ones only off dark bands (no gaps between light letters)
    anchors = [r for r in find_rules(pixels, scale, short=False)[0] if r.horizontal]  # lines before flattening
    rules = [r for r in rules if not _band_side(r, fills) and not _band_seam(r, fills, anchors)]
    clean = np.where(cv2.dilate(rule_mask, np.ones((3, 3), np.uint8)) > 0, 255, flat).astype(np.uint8)
    _, ink = cv2.threshold(clean, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return PageImage(clean=clean, ink=ink, fills=fills, rules=rules, dark_fills=dark)


def _band_side(rule: Rule, fills: list[Fill]) -> bool:
    """An upright line along a shaded band's side and no longer than the band is high: the seam
    the flattened band leaves, not a rule (a column rule runs on past the band). A bar too narrow
    to hold print is a thick line itself: its sides stand for it."""
    return not rule.horizontal and any(
        f.x1 - f.x0 >= _BAR_PT and min(abs(rule.x0 - f.x0), abs(rule.x0 - f.x1)) <= _TOUCH
        and rule.top >= f.top - _TOUCH and rule.bottom <= f.bottom + _TOUCH for f in fills)


def _band_seam(rule: Rule, fills: list[Fill], anchors: list[Rule]) -> bool:
    """A level line along a shaded band's top or bottom, no wider than the band, that the
    unflattened image does not show as a line (`anchors`: darker than both sides): the seam the
    flattened band's blurred edge leaves (a banner's edges, a header band's top). A rule drawn
    along a band's edge cannot be told from it in the image: the table reader takes a band's
    edges as row cuts inside a stack of rules and the bands stacked on its ends as rows
    (`pdf_stream`), which it needs no line for."""
    return rule.horizontal and any(
        f.x0 - _TOUCH <= rule.x0 and rule.x1 <= f.x1 + _TOUCH
        and min(abs(rule.top - f.top), abs(rule.top - f.bottom)) <= _TOUCH for f in fills) and not any(
        abs(a.top - rule.top) <= _TOUCH and a.x0 < rule.x1 and rule.x0 < a.x1 for a in anchors)


def rules_through_fills(rules: list[Rule], fills: list[Fill], dark: list[Fill], words: list[Word]) -> list[Rule]:
    """Column rules carried through a dark band (light print on it) at the head of a ruled
    grid, where rules drawn on it do not show: each vertical rule whose top meets the band's
    bottom, directly or through light shaded rows stacked under it, goes on through the band,
    unless the band's print runs across it (a heading over two columns). The band's top and
    bottom and its sides become rules when a column rule goes through (the frame drawn on it
    does not show either)."""
    out = list(rules)
    for band in dark:
        through = 0
        for rule in rules:
            if rule.horizontal or not band.x0 + _TOUCH < rule.x0 < band.x1 - _TOUCH:
                continue
            top = rule.top
            for _ in range(len(fills)):  # up through the light rows stacked on the rule's top
                row = next((f for f in fills if f not in dark and abs(f.bottom - top) <= _TOUCH
                            and f.x0 < rule.x0 < f.x1), None)
                if row is None:
                    break
                top = row.top
            if abs(top - band.bottom) > _TOUCH:
                continue
            if any(w.x0 < rule.x0 < w.x1 and band.top <= w.mid_y <= band.bottom for w in words):
                continue
            out.append(Rule(rule.x0, band.top, rule.x0, band.bottom))
            through += 1
        if through:
            out.extend([Rule(band.x0, band.top, band.x1, band.top), Rule(band.x0, band.bottom, band.x1, band.bottom),
                        Rule(band.x0, band.top, band.x0, band.bottom), Rule(band.x1, band.top, band.x1, band.bottom)])
    return out


def bridge_frames(rules: list[Rule], fills: list[Fill]) -> list[Rule]:
    """A vertical rule broken where shaded rows meet it joined up: in the image the rule along a
    shaded row's edge may not stand out from the shade, though the frame runs on above and below."""
    verticals = sorted((r for r in rules if not r.horizontal), key=lambda r: (round(r.x0), r.top))
    out = list(rules)
    for upper in verticals:
        lower = min((r for r in verticals if abs(r.x0 - upper.x0) <= _TOUCH and r.top > upper.bottom),
                    key=lambda r: r.top, default=None)
        if lower is None:
            continue
        y = upper.bottom
        edges = sorted((f for f in fills if min(abs(f.x0 - upper.x0), abs(f.x1 - upper.x0)) <= _TOUCH
                        and f.bottom > upper.bottom and f.top < lower.top), key=lambda f: f.top)
        for fill in edges:
            if fill.top > y + _TOUCH:
                break
            y = max(y, fill.bottom)
        if y >= lower.top - _TOUCH:
            out.append(Rule(upper.x0, upper.bottom, upper.x0, lower.top))
    return out


def dots(ink: np.ndarray, least: int, most: int) -> list[tuple[int, int, int, int]]:
    """Solid round blobs of ink (bullets) from `least` to `most` pixels across, as boxes
    (x0, top, x1, bottom): about as high as wide and filling most of their box (a disc fills
    pi/4 of it; a ring, a letter or a dash far less or far flatter)."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    out = []
    for x, y, w, h, area in stats[1:count]:
        if least <= min(w, h) and max(w, h) <= most and max(w, h) <= _DOT_ASPECT * min(w, h) \
                and area >= _DOT_SOLIDITY * w * h:
            out.append((int(x), int(y), int(x + w), int(y + h)))
    return out


def stroke_width(ink: np.ndarray, box: tuple[int, int, int, int]) -> float | None:
    """The typical stroke width (pixels) of the ink in a box: twice the median distance from the
    ink's ridge (its local maxima of distance to the ground) to the ground."""
    x0, top, x1, bottom = box
    region = ink[max(0, top):bottom, max(0, x0):x1]
    if region.size == 0 or not region.any():
        return None
    padded = cv2.copyMakeBorder(region, 1, 1, 1, 1, cv2.BORDER_CONSTANT, value=0)
    distance = cv2.distanceTransform(padded, cv2.DIST_L2, 3)
    ridge = (distance >= cv2.dilate(distance, np.ones((3, 3), np.uint8))) & (distance > 0)
    values = distance[ridge]
    return float(2 * np.median(values)) if values.size else None
