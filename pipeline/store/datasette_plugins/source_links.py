"""A Datasette plugin for `trustplans browse`: links from what was read to where it was read.

- `/-/source/ID` answers with document ID's own file, from the location it was loaded from (a
  URL is redirected to; a local file is sent, a web page sandboxed so that none of its scripts
  run). Only files the database names can be asked for, by document id.
- Cells link there: a `page` cell of any row with a `document_id` opens the document at that
  page (`#page=N`, which PDF viewers follow); a document's `location` or `document_title` opens
  the document.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from datasette import hookimpl
from datasette.utils.asgi import Request, Response
from markupsafe import Markup, escape

ROUTE = "/-/source/"
_CONTENT_TYPES = {"pdf": "application/pdf", "scanned-pdf": "application/pdf", "html": "text/html; charset=utf-8",
                  "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def source_href(document_id: object, page: object = None) -> str | None:
    """The browse server's address of a document's own file, at a page where one is given."""
    if not isinstance(document_id, int):
        return None
    return f"{ROUTE}{document_id}" + (f"#page={page}" if isinstance(page, int) else "")


@hookimpl
def render_cell(row: Any, value: object, column: str, table: str | None, database: str,
                datasette: Any) -> Markup | None:
    keys = row.keys() if hasattr(row, "keys") else ()
    if column == "page" and value is not None and "document_id" in keys:
        href = source_href(row["document_id"], value)
        label = f"p. {value}"
    elif column == "document_title" and value and "document_id" in keys:
        href, label = source_href(row["document_id"]), str(value)
    elif table == "documents" and column == "location" and value and "id" in keys:
        href, label = source_href(row["id"]), str(value)
    else:
        return None
    if href is None:
        return None
    return Markup(f'<a class="source-link" href="{escape(datasette.urls.path(href))}">{escape(label)}</a>')


async def _source(request: Request, datasette: Any) -> Response:
    document_id = int(request.url_vars["document_id"])
    database = datasette.get_database()
    found = (await database.execute("SELECT location, format FROM documents WHERE id = ?",
                                    [document_id])).first()
    if found is None:
        return Response.text(f"no document {document_id} in this database", status=404)
    location, format_ = found["location"], found["format"]
    if urlsplit(location or "").scheme in ("http", "https"):
        return Response.redirect(location)
    path = Path(location or "")
    if not path.is_file():
        return Response.text(f"document {document_id}'s file is no longer at {location}", status=404)
    content_type = _CONTENT_TYPES.get(format_) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    headers = {"Content-Disposition": f'inline; filename="{path.name.replace(chr(34), "")}"',
               "X-Content-Type-Options": "nosniff"}
    if content_type.startswith("text/html"):
        headers["Content-Security-Policy"] = "sandbox"  # a saved web page is shown, never run
    return Response(path.read_bytes(), content_type=content_type, headers=headers)


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [(rf"^{ROUTE}(?P<document_id>\d+)$", _source)]
