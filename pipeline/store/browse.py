"""The database for Datasette (`trustplans browse`): metadata that titles and describes every
table, view and column (from the data dictionary), facets on the views, canned queries for the
common cross-trust questions, and a chart link where a picture says it better (drawn by the
datasette-vega plugin). Datasette itself is run by the command, over the SQLite file opened
immutable (a PostgreSQL database through a snapshot)."""

from __future__ import annotations

from typing import Any

from markupsafe import escape
from sqlalchemy import Engine

from pipeline.store.dictionary import data_dictionary

_FACETS = {
    "v_commitments": ["trust", "region", "ics", "document_kind", "period_label", "portfolios", "due_quarter"],
    "v_commitment_owners": ["trust", "region", "ics", "document_kind", "period_label", "portfolio", "role",
                            "due_quarter"],
    "v_indicators": ["trust", "region", "document_kind", "period_label", "direction", "target_unit"],
    "v_portfolio_by_trust": ["trust", "plan_year", "portfolio"],
    "documents": ["organisation_name", "kind", "format", "period_label"],
}

# Charts drawn by the datasette-vega plugin from the rows shown, set by the page address's fragment
_CHARTS = {
    "v_portfolio_by_trust": ("Chart: commitments per portfolio, by trust",
                             "g.mark=bar&g.x_column=portfolio&g.x_type=ordinal&g.y_column=commitments"
                             "&g.y_type=quantitative&g.color_column=trust"),
}

QUERIES: dict[str, dict[str, str]] = {
    "commitments_per_portfolio": {
        "title": "Commitments per portfolio per trust",
        "sql": "SELECT trust, plan_year, portfolio, commitments FROM v_portfolio_by_trust "
               "ORDER BY trust, commitments DESC",
    },
    "who_owns_what": {
        "title": "Who owns what in one trust",
        "description": "Each canonical role's commitments in a trust's current plans (trust: part of its name).",
        "sql": "SELECT role, printed_title, count(*) AS commitments FROM v_commitment_owners "
               "WHERE trust LIKE '%' || :trust || '%' GROUP BY role, printed_title ORDER BY commitments DESC",
    },
    "due_in_a_quarter": {
        "title": "Commitments due in a quarter",
        "description": "Commitments due in one NHS financial quarter, e.g. 2023/24 Q2 (July to September 2023).",
        "sql": "SELECT trust, commitment_ref, commitment, owners, due_raw, due_end FROM v_commitments "
               "WHERE due_quarter = :quarter ORDER BY due_end, trust",
    },
    "numeric_targets_by_theme": {
        "title": "Indicators with numeric targets, by theme",
        "sql": "SELECT i.trust, t.title AS theme, i.objective, i.indicator, i.direction, i.target_comparator, "
               "i.target_value, i.target_unit FROM v_indicators i "
               "LEFT JOIN objectives o ON o.document_id = i.document_id AND o.ref = i.objective_ref "
               "LEFT JOIN themes t ON t.id = o.theme_id "
               "WHERE i.target_value IS NOT NULL ORDER BY i.trust, theme, i.objective",
    },
    "changes_since_previous_plan": {
        "title": "What a plan added, dropped, moved and slipped since its previous version",
        "description": "document_id: the newer version (see documents). Commitments are matched by their text "
                       "(case aside); `trustplans diff` also finds reworded ones.",
        "sql": "WITH new AS (SELECT commitment_ref AS ref, commitment AS text, owner_roles, due_end "
               "FROM v_commitments_all_versions WHERE document_id = :document_id), "
               "old AS (SELECT c.commitment_ref AS ref, c.commitment AS text, c.owner_roles, c.due_end "
               "FROM v_commitments_all_versions c JOIN documents d ON d.id = c.document_id "
               "WHERE d.superseded_by_id = :document_id) "
               "SELECT 'added' AS change, new.ref, new.text, NULL AS before, NULL AS after FROM new "
               "WHERE lower(new.text) NOT IN (SELECT lower(text) FROM old) "
               "UNION ALL SELECT 'dropped', old.ref, old.text, NULL, NULL FROM old "
               "WHERE lower(old.text) NOT IN (SELECT lower(text) FROM new) "
               "UNION ALL SELECT 'moved to another owner', new.ref, new.text, old.owner_roles, new.owner_roles "
               "FROM new JOIN old ON lower(old.text) = lower(new.text) "
               "WHERE coalesce(old.owner_roles, '') <> coalesce(new.owner_roles, '') "
               "UNION ALL SELECT 'slipped', new.ref, new.text, CAST(old.due_end AS TEXT), CAST(new.due_end AS TEXT) "
               "FROM new JOIN old ON lower(old.text) = lower(new.text) WHERE new.due_end > old.due_end",
    },
}


def datasette_metadata(engine: Engine, database: str) -> dict[str, Any]:
    """Datasette metadata for the database served under the name `database`."""
    tables: dict[str, dict[str, Any]] = {}
    for entry in data_dictionary(engine):
        table = tables.setdefault(entry.table, {"title": _title(entry.table), "description": entry.table_description,
                                                "columns": {}})
        table["columns"][entry.column] = entry.description
        if entry.table in _FACETS:
            table["facets"] = _FACETS[entry.table]
        if entry.table in _CHARTS:
            label, fragment = _CHARTS[entry.table]
            table["description_html"] = (f"{escape(entry.table_description)} "
                                         f'<a class="chart-link" href="?_size=max#{fragment}">{escape(label)}</a>')
        if entry.table in ("alembic_version",):
            table["hidden"] = True
    return {
        "title": "trustplans: NHS trusts' plans, compared",
        "description": "Commitments, owners, due dates and indicators read from NHS trusts' published plans. "
                       "Views (v_*) hold current documents; v_*_all_versions every version.",
        "databases": {database: {"tables": tables, "queries": QUERIES}},
    }


def _title(table: str) -> str:
    return table.removeprefix("v_").replace("_", " ").capitalize()
