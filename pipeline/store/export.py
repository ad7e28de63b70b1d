"""Tables for researchers (Excel, pandas, R): the documents and what was read from them, the
flat views (one row per commitment, per commitment and owner, per indicator) and commitments
per portfolio per trust, with the data dictionary of every column written.

Current documents only unless `all_versions`; `where` is a SQL condition on the documents'
columns (ods_code, trust, region, ics, kind, period_label, period_start, format, version ...)
and every table keeps the rows of the documents it selects. Columns have their real types:
nullable integers, booleans and dates (Parquet, Excel), refs always text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pandas as pd
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from sqlalchemy import Engine, text

from pipeline.store.dictionary import column_description, table_description

ExportFormat = Literal["csv", "parquet", "xlsx", "json"]
FORMATS: tuple[ExportFormat, ...] = ("csv", "parquet", "xlsx", "json")
XLSX_NAME = "trustplans.xlsx"
DICTIONARY_NAME = "data-dictionary"

_DOCUMENTS = """
    SELECT d.id AS document_id, org.ods_code, COALESCE(org.name, d.organisation_name) AS trust, org.region, org.ics,
        d.title, d.kind, d.format, d.version, d.superseded_by_id IS NULL AS is_current, d.superseded_by_id,
        d.period_label, d.period_start, d.period_end, d.plan_confidence, d.location, d.sha256,
        d.retrieved_at, d.published_on, d.loaded_at
    FROM documents d LEFT JOIN organisations org ON org.id = d.organisation_id"""


@dataclass(frozen=True, slots=True)
class _Table:
    source: str  # the table or view read (views: their _all_versions twin, filtered here)
    order: str
    select: str = "*"


# export name -> where it is read from
TABLES: dict[str, _Table] = {
    "documents": _Table("documents", "document_id"),
    "organisations": _Table("organisations", "id"),
    "themes": _Table("themes", "document_id, position"),
    "objectives": _Table("objectives", "document_id, position"),
    "commitments": _Table("v_commitments_all_versions", "document_id, commitment_id"),
    "commitment_owners": _Table("v_commitment_owners_all_versions", "document_id, commitment_id, owner_position"),
    "owners": _Table("owners", "document_id, id"),
    "indicators": _Table("v_indicators_all_versions", "document_id, indicator_id"),
    "glossary": _Table("glossary_entries", "document_id, position"),
    "portfolio_by_trust": _Table("v_portfolio_by_trust_all_versions", "trust, plan_year, portfolio"),
}

_BOOLEAN = {"is_current", "is_lead", "has_period"}
_DATE = {"period_start", "period_end", "due_start", "due_end", "published_on", "merger_date"}
_TIMESTAMP = {"retrieved_at", "loaded_at"}
_FLOAT = re.compile(r"^(?:target_value|baseline_value|plan_confidence|confidence|ocr_confidence|bbox_\w+)$")
_INTEGER = re.compile(r"^(?:id|\w+_id|position|page|version|document_version|owner_position|table_\w+|commitments)$")


def read_tables(engine: Engine, all_versions: bool = False, where: str | None = None) -> dict[str, pd.DataFrame]:
    """Every export table as a data frame with its real column types."""
    chosen = f"SELECT document_id FROM ({_DOCUMENTS}) AS docs WHERE ({where or '1 = 1'})"
    if not all_versions:
        chosen += " AND is_current"
    frames = {}
    with engine.connect() as connection:
        for name, table in TABLES.items():
            if name == "documents":
                sql = f"SELECT * FROM ({_DOCUMENTS}) AS docs WHERE document_id IN ({chosen})"
            elif name == "organisations":
                sql = (f"SELECT * FROM organisations WHERE id IN (SELECT organisation_id FROM documents "
                       f"WHERE id IN ({chosen}))")
            else:
                sql = f"SELECT * FROM {table.source} WHERE document_id IN ({chosen})"
            frames[name] = _typed(pd.read_sql(text(f"{sql} ORDER BY {table.order}"), connection))
    return frames


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns as what they hold, whatever the backend returned: nullable integers and
    booleans, dates, UTC timestamps, floats; the rest (refs among them) text."""
    typed = {}
    for column in frame.columns:
        values = frame[column]
        if column in _BOOLEAN:
            typed[column] = values.astype("boolean")
        elif column in _DATE:
            typed[column] = pd.to_datetime(values).dt.date.astype(object).where(values.notna(), None)
        elif column in _TIMESTAMP:
            typed[column] = pd.to_datetime(values, utc=True)
        elif _FLOAT.match(column):
            typed[column] = values.astype("Float64")
        elif _INTEGER.match(column):
            typed[column] = values.astype("Int64")
        else:
            typed[column] = values.astype("string")
    return pd.DataFrame(typed)


def dictionary(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """What each exported column holds: one row per table and column."""
    rows = []
    for name, frame in frames.items():
        source = TABLES[name].source
        for column in frame.columns:
            rows.append({"table": name, "column": column, "type": _type_name(frame[column]),
                         "description": column_description(source, column),
                         "table_description": table_description(source.removesuffix("_all_versions"))})
    return pd.DataFrame(rows)


def _type_name(values: pd.Series) -> str:
    if values.dtype == "boolean":
        return "boolean"
    if values.dtype == "Int64":
        return "integer"
    if values.dtype == "Float64":
        return "number"
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        return "timestamp (UTC)"
    if values.dtype == object:
        return "date"
    return "text"


def export_tables(engine: Engine, fmt: ExportFormat, out_dir: Path, *, all_versions: bool = False,
                  where: str | None = None, bom: bool = False) -> list[Path]:
    """Write the tables and the data dictionary into `out_dir` (csv/parquet/json: a file per
    table; xlsx: one workbook with a sheet per table); returns the files written. `bom` starts
    each CSV with a UTF-8 byte-order mark, for Excel."""
    out_dir.mkdir(parents=True, exist_ok=True)
    frames = read_tables(engine, all_versions, where)
    described = dictionary(frames)
    if fmt == "xlsx":
        path = out_dir / XLSX_NAME
        _write_xlsx({**frames, DICTIONARY_NAME: described}, path)
        return [path]
    written = []
    for name, frame in {**frames, DICTIONARY_NAME: described}.items():
        path = out_dir / f"{name}.{fmt if name != DICTIONARY_NAME or fmt != 'parquet' else 'csv'}"
        if path.suffix == ".csv":
            frame.to_csv(path, index=False, encoding="utf-8-sig" if bom else "utf-8")
        elif fmt == "parquet":
            frame.to_parquet(path, index=False)
        else:
            frame.to_json(path, orient="records", indent=1, force_ascii=False, date_format="iso")
        written.append(path)
    return written


def _write_xlsx(frames: dict[str, pd.DataFrame], path: Path) -> None:
    """A workbook with a sheet per table (openpyxl write-only, streamed): a frozen header row
    with filters, widths from the contents, dates as date cells, refs as text cells."""
    workbook = Workbook(write_only=True)
    for name, frame in frames.items():
        sheet = workbook.create_sheet(name[:31])
        for index, column in enumerate(frame.columns, start=1):
            longest = max([len(str(column)), *(len(str(value)) for value in frame[column].head(200).dropna())])
            sheet.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, 8), 60)
        sheet.freeze_panes = "A2"
        if len(frame.columns):
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(frame.columns))}{len(frame) + 1}"
        sheet.append(list(frame.columns))
        for row in frame.astype(object).where(frame.notna(), None).itertuples(index=False, name=None):
            sheet.append([_cell(value) for value in row])
    workbook.save(path)


def _cell(value: object) -> object:
    """Timestamps without their zone (Excel has none; they are UTC)."""
    if isinstance(value, pd.Timestamp):
        return value.tz_convert(None).to_pydatetime() if value.tzinfo else value.to_pydatetime()
    if isinstance(value, dt.datetime) and value.tzinfo:
        return value.replace(tzinfo=None)
    return value
