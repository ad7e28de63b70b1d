"""The variation dimensions: each document draws one value for each, independently except
where a value cannot apply (then the dimension records "n/a", or the draw is limited to the
values the layout can show)."""

from __future__ import annotations

import random

from tests.layouts.dates import CELL_STYLES, COLUMN_STYLES, PHRASE_STYLES

NA = "n/a"

DIMENSIONS: dict[str, tuple[str, ...]] = {
    "format": ("docx", "pdf", "html"),
    "layout": ("table", "prose", "accordion"),
    "pdf_ruling": ("ruled", "rules_only", "borderless", "shaded_rows"),
    "orientation": ("portrait", "landscape"),
    "columns": ("narrow", "medium", "wide"),
    "action_column": ("first", "later"),
    "header_wording": ("known", "synonym", "none"),
    "levels": ("two", "one", "none"),
    "hierarchy": ("spanning_rows", "headings", "numbering", "labels"),
    "refs": ("own_column", "in_text", "absent"),
    "owners": ("acronym_with_key", "acronym_no_key", "full_title", "name_role", "several"),
    "dates": CELL_STYLES + COLUMN_STYLES,
    "measures": ("own_table", "column", "bullets", "none"),
    "audience": ("grouped", "ungrouped"),
    "page_breaks": ("repeat_header", "no_repeat", "page_per_section"),
    "prose_columns": ("one", "two"),
}
# Recorded for the report but not tabulated (too many values).
INFO_KEYS = ("column_list",)


def _pick(rng: random.Random, values: tuple[str, ...] | list[str]) -> str:
    return values[rng.randrange(len(values))]


def draw_dims(rng: random.Random) -> dict[str, str]:
    d: dict[str, str] = {}
    fmt = d["format"] = _pick(rng, DIMENSIONS["format"])
    r = rng.random()
    if fmt == "html":
        layout = "table" if r < 0.45 else "prose" if r < 0.7 else "accordion"
    else:
        layout = "table" if r < 0.65 else "prose"
    d["layout"] = layout
    table = layout == "table"
    levels = d["levels"] = _pick(rng, DIMENSIONS["levels"])
    if levels == "none":
        d["hierarchy"] = NA
    else:
        d["hierarchy"] = _pick(rng, [h for h in DIMENSIONS["hierarchy"] if table or h != "spanning_rows"])
    d["refs"] = _pick(rng, [v for v in DIMENSIONS["refs"] if table or v != "own_column"])
    d["owners"] = _pick(rng, DIMENSIONS["owners"])
    d["dates"] = _pick(rng, CELL_STYLES + COLUMN_STYLES if table else PHRASE_STYLES)
    d["measures"] = _pick(rng, [v for v in DIMENSIONS["measures"] if table or v != "column"])
    d["audience"] = _pick(rng, DIMENSIONS["audience"]) if d["measures"] == "bullets" else NA
    if table:
        wordings = DIMENSIONS["header_wording"]
        if d["dates"] in COLUMN_STYLES:  # tick columns mean nothing without their headers
            wordings = wordings[:2]
        d["header_wording"] = _pick(rng, wordings)
        d["action_column"] = "first" if rng.random() < 0.5 else "later"
    else:
        d["header_wording"] = d["action_column"] = NA
    d["pdf_ruling"] = _pick(rng, DIMENSIONS["pdf_ruling"]) if fmt == "pdf" and table else NA
    d["orientation"] = _pick(rng, DIMENSIONS["orientation"]) if fmt != "html" else NA
    if fmt == "html":
        d["page_breaks"] = NA
    else:
        d["page_breaks"] = _pick(rng, DIMENSIONS["page_breaks"] if table else ("page_per_section", "no_repeat"))
    d["prose_columns"] = _pick(rng, DIMENSIONS["prose_columns"]) if fmt == "pdf" else NA
    d["columns"] = NA  # set with the column list (draw.py)
    return d


def column_list(rng: random.Random, dims: dict[str, str]) -> list[str]:
    """The action table's columns in order; quarter/month columns appear as "periods"."""
    optional = ["owner"]
    if rng.random() < 0.5:
        optional.append("assurance")
    optional.append("periods" if dims["dates"] in COLUMN_STYLES else "due")
    if dims["measures"] == "column":
        optional.append("measure")
    if rng.random() < 0.3:
        optional.append("rag")
    rng.shuffle(optional)
    ref = ["ref"] if dims["refs"] == "own_column" else []
    if dims["action_column"] == "first":
        cols = ref + ["action"] + optional
    else:
        at = rng.randint(1, len(optional))
        cols = ref + optional[:at] + ["action"] + optional[at:]
        if ref and rng.random() < 0.2:  # now and then the ref is not the first column
            cols.remove("ref")
            cols.insert(1, "ref")
    return cols


def columns_class(cols: list[str], dates: str) -> str:
    width = len(cols) - 1 + (12 if dates == "month_columns" else 4 if dates == "quarter_columns" else 1)
    return "narrow" if width <= 3 else "medium" if width <= 5 else "wide"
