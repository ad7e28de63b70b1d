"""The data dictionary: every table, view and column of the database as it is (read from the
database itself), with what it holds (from dictionary.yaml). Shipped with every export and
printed by `trustplans dictionary`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from sqlalchemy import Engine, inspect

_DESCRIPTIONS = Path(__file__).with_name("dictionary.yaml")
_TWIN = "_all_versions"


@dataclass(frozen=True, slots=True)
class Entry:
    table: str
    column: str
    type: str
    description: str
    table_description: str


@lru_cache(maxsize=1)
def _described() -> dict[str, dict[str, str]]:
    return yaml.safe_load(_DESCRIPTIONS.read_text(encoding="utf-8"))


def table_description(table: str) -> str:
    tables = _described()["tables"]
    if table.endswith(_TWIN) and table.removesuffix(_TWIN) in tables:
        current = tables[table.removesuffix(_TWIN)]
        return current.replace("of current documents", "of every version of every document", 1) + \
            " Includes superseded versions (is_current false)."
    return tables.get(table, "")


def column_description(table: str, column: str) -> str:
    columns = _described()["columns"]
    return columns.get(f"{table.removesuffix(_TWIN)}.{column}") or columns.get(column, "")


def data_dictionary(engine: Engine) -> list[Entry]:
    """Every column of every table and view, in the database's order."""
    found = inspect(engine)
    entries = []
    for table in [*found.get_table_names(), *found.get_view_names()]:
        for column in found.get_columns(table):
            entries.append(Entry(table, column["name"], str(column["type"]).lower(),
                                 column_description(table, column["name"]), table_description(table)))
    return entries
