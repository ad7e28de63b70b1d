"""Flat tables for researchers (Excel, pandas): one row per commitment, one per indicator,
and commitments per owner portfolio per trust and plan year, from the comparison views."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pandas as pd
from openpyxl import Workbook
from sqlalchemy import Engine, text

ExportFormat = Literal["csv", "parquet", "xlsx", "json"]
FORMATS: tuple[ExportFormat, ...] = ("csv", "parquet", "xlsx", "json")
XLSX_NAME = "trustplans.xlsx"

# table name -> (view, order)
TABLES = {
    "commitments": ("v_commitments", "document_id, commitment_id"),
    "indicators": ("v_indicators", "document_id, indicator_id"),
    "portfolio_by_trust": ("v_portfolio_by_trust", "trust, plan_year, portfolio"),
}
DATE_COLUMNS = ("period_start", "period_end", "due_start", "due_end")


def read_tables(engine: Engine) -> dict[str, pd.DataFrame]:
    """The flat tables as data frames, dates as datetime64 and is_current as bool on every backend."""
    frames = {}
    with engine.connect() as connection:
        for name, (view, order) in TABLES.items():
            frame = pd.read_sql(text(f"SELECT * FROM {view} ORDER BY {order}"), connection)
            for column in DATE_COLUMNS:
                if column in frame:
                    frame[column] = pd.to_datetime(frame[column])
            if "is_current" in frame:
                frame["is_current"] = frame["is_current"].astype(bool)
            frames[name] = frame
    return frames


def export_tables(engine: Engine, fmt: ExportFormat, out_dir: Path) -> list[Path]:
    """Write the flat tables into `out_dir` (csv/parquet/json: one file per table; xlsx: one
    workbook with a sheet per table); returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    frames = read_tables(engine)
    if fmt == "xlsx":
        path = out_dir / XLSX_NAME
        _write_xlsx(frames, path)
        return [path]
    written = []
    for name, frame in frames.items():
        path = out_dir / f"{name}.{fmt}"
        if fmt == "csv":
            frame.to_csv(path, index=False)
        elif fmt == "parquet":
            frame.to_parquet(path, index=False)
        else:
            dated = frame.assign(**{c: frame[c].dt.strftime("%Y-%m-%d") for c in DATE_COLUMNS if c in frame})
            dated.to_json(path, orient="records", indent=1, force_ascii=False)
        written.append(path)
    return written


def _write_xlsx(frames: dict[str, pd.DataFrame], path: Path) -> None:
    """A workbook with a sheet per table, streamed (openpyxl write-only: 3x pandas' to_excel)."""
    workbook = Workbook(write_only=True)
    for name, frame in frames.items():
        sheet = workbook.create_sheet(name)
        sheet.append(list(frame.columns))
        for row in frame.astype(object).where(frame.notna(), None).itertuples(index=False, name=None):
            sheet.append(row)
    workbook.save(path)
