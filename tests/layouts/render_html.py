"""Blocks as a web page: site header, navigation and footer around the plan; headings as h2-h4,
tables with or without a thead, accordions as <details> or button + panel."""

from __future__ import annotations

import html
from pathlib import Path

from tests.layouts.blocks import Block, Bullets, Cell, Columns, Doc, Heading, PageBreak, Para, Section, Span, Table

CSS = """body{font-family:Arial,sans-serif;margin:0}header.site{background:#005eb8;color:#fff;padding:1em}
header.site a{color:#fff}main{max-width:70em;margin:auto;padding:1em}table{border-collapse:collapse;width:100%}
td,th{border:1px solid #999;padding:4px;vertical-align:top}tr.span1 td{background:#003087;color:#fff}
tr.span2 td{background:#e8edee}.panel{display:none}.two-col{column-count:2}footer{background:#425563;color:#fff;
padding:1em}"""


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _cell(cell: Cell, tag: str) -> str:
    inner = "".join(f"<p>{_e(c)}</p>" for c in cell) if isinstance(cell, list) else _e(cell)
    return f"<{tag}>{inner}</{tag}>"


def _table(t: Table) -> str:
    out = ["<table>"]
    ncols = len(t.widths)
    if t.header:
        out.append("<thead><tr>" + "".join(_cell(h, "th") for h in t.header) + "</tr></thead>")
    out.append("<tbody>")
    for row in t.rows:
        if isinstance(row, Span):
            out.append(f'<tr class="span{row.level}"><td colspan="{ncols}"><strong>{_e(row.text)}</strong></td></tr>')
        else:
            out.append("<tr>" + "".join(_cell(c, "td") for c in row) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def _block(b: Block, accordion: str) -> str:
    if isinstance(b, Heading):
        level = min(b.level + 1, 4)
        return f"<h{level}>{_e(b.text)}</h{level}>"
    if isinstance(b, Para):
        if b.style == "title":
            return f"<h1>{_e(b.text)}</h1>"
        if b.style == "bold":
            return f"<p><strong>{_e(b.text)}</strong></p>"
        return f'<p class="{b.style}">{_e(b.text)}</p>'
    if isinstance(b, Bullets):
        return "<ul>\n" + "\n".join(f"<li>{_e(i)}</li>" for i in b.items) + "\n</ul>"
    if isinstance(b, Table):
        return _table(b)
    if isinstance(b, Columns):
        return '<div class="two-col">' + "\n".join(_block(x, accordion) for x in b.blocks) + "</div>"
    if isinstance(b, Section):
        inner = "\n".join(_block(x, accordion) for x in b.blocks)
        if accordion == "details":
            return f"<details>\n<summary>{_e(b.summary)}</summary>\n{inner}\n</details>"
        return (f'<div class="accordion-item"><button class="accordion" aria-expanded="false">{_e(b.summary)}'
                f'</button>\n<div class="panel">\n{inner}\n</div></div>')
    if isinstance(b, PageBreak):
        return ""
    raise TypeError(b)


def render_html(doc: Doc, path: Path) -> None:
    nav = "".join(f'<li><a href="/{n.lower().replace(" ", "-")}">{_e(n)}</a></li>' for n in doc.nav)
    body = "\n".join(_block(b, doc.accordion_kind) for b in doc.blocks)
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{_e(doc.title)} | {_e(doc.org)}</title>
<style>{CSS}</style>
</head>
<body>
<header class="site"><a class="logo" href="/">{_e(doc.org)}</a>
<nav aria-label="Main"><ul>{nav}</ul></nav>
<form role="search"><input type="search" placeholder="Search this site"><button>Search</button></form>
</header>
<nav class="breadcrumb" aria-label="Breadcrumb"><a href="/">Home</a> &gt; <a href="/publications">Publications</a>
&gt; {_e(doc.title)}</nav>
<main>
{body}
</main>
<footer>
<p>&copy; {_e(doc.org)}</p>
<ul><li><a href="/accessibility">Accessibility</a></li><li><a href="/privacy">Privacy notice</a></li>
<li><a href="/cookies">Cookies</a></li><li><a href="/foi">Freedom of information</a></li></ul>
</footer>
</body>
</html>
"""
    path.write_text(page, encoding="utf-8")
