"""Pictures of the current plans (`trustplans report`): for each trust, its commitments by
portfolio, their due dates by financial quarter, its indicators by direction and its numeric
targets by theme; across
trusts, commitments by portfolio and trust. Static PNG charts (matplotlib) in one HTML page
per trust and one index page comparing them."""

from __future__ import annotations

import html
import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, no display

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from sqlalchemy import Engine, text  # noqa: E402

_WIDTH, _HEIGHT, _DPI = 8, 4, 100
_LABEL_MAX = 28  # characters of a bar's label (a theme's title can be a sentence)
_TARGETS_BY_THEME = (
    "SELECT i.trust, coalesce(t.title, 'no theme') AS theme FROM v_indicators i "
    "LEFT JOIN objectives o ON o.document_id = i.document_id AND o.ref = i.objective_ref "
    "LEFT JOIN themes t ON t.id = o.theme_id WHERE i.target_value IS NOT NULL")


def financial_quarter(day: pd.Timestamp) -> str:
    """"2023/24 Q2" for a day in July-September 2023 (NHS financial years start 1 April)."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}/{(start + 1) % 100:02d} Q{(day.month - 4) % 12 // 3 + 1}"


def write_report(engine: Engine, out_dir: Path) -> list[Path]:
    """Write index.html (trusts compared) and one page per trust, with their charts; returns the pages."""
    with engine.connect() as connection:
        owners = pd.read_sql(text("SELECT trust, commitment_id, portfolio FROM v_commitment_owners"), connection)
        commitments = pd.read_sql(text("SELECT trust, commitment_id, due_end FROM v_commitments"), connection)
        indicators = pd.read_sql(text("SELECT trust, direction FROM v_indicators"), connection)
        targets = pd.read_sql(text(_TARGETS_BY_THEME), connection)
    out_dir.mkdir(parents=True, exist_ok=True)
    by_portfolio = (owners.fillna({"portfolio": "not named"}).drop_duplicates(["trust", "commitment_id", "portfolio"])
                    .groupby(["trust", "portfolio"]).size().unstack(fill_value=0))
    trusts = sorted(set(commitments["trust"]) | set(indicators["trust"]))
    pages = [_index(out_dir, by_portfolio, trusts)]
    due = commitments.dropna(subset=["due_end"]).assign(
        quarter=lambda frame: pd.to_datetime(frame["due_end"]).map(financial_quarter))
    for trust in trusts:
        slug = _slug(trust)
        charts = [
            _bar(out_dir / f"{slug}-portfolios.png", by_portfolio.loc[trust] if trust in by_portfolio.index
                 else pd.Series(dtype=int), "Commitments by owner's portfolio"),
            _bar(out_dir / f"{slug}-due.png", due[due["trust"] == trust].groupby("quarter").size().sort_index(),
                 "Commitments by the quarter they are due"),
            _bar(out_dir / f"{slug}-indicators.png",
                 indicators[indicators["trust"] == trust].fillna({"direction": "not stated"})
                 .groupby("direction").size(), "Indicators by the way their target points"),
            _bar(out_dir / f"{slug}-targets.png", targets[targets["trust"] == trust].groupby("theme").size(),
                 "Indicators with a numeric target, by theme"),
        ]
        pages.append(_page(out_dir / f"{slug}.html", trust, charts))
    return pages


def _bar(path: Path, counts: pd.Series, title: str) -> Path:
    figure, axes = plt.subplots(figsize=(_WIDTH, _HEIGHT), dpi=_DPI)
    counts = counts[counts > 0] if len(counts) else counts
    if len(counts):
        labels = [str(label) if len(str(label)) <= _LABEL_MAX else str(label)[:_LABEL_MAX - 1] + "…"
                  for label in counts.index]
        axes.bar(labels, counts.to_numpy(), color="#005eb8")
        axes.tick_params(axis="x", labelrotation=45)
    else:
        axes.text(0.5, 0.5, "none", ha="center", va="center", transform=axes.transAxes)
    axes.set_title(title)
    axes.set_ylabel("count")
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)
    return path


def _slug(trust: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", trust.lower()).strip("-")


def _index(out_dir: Path, by_portfolio: pd.DataFrame, trusts: list[str]) -> Path:
    figure, axes = plt.subplots(figsize=(_WIDTH + 2, _HEIGHT + 2), dpi=_DPI)
    if not by_portfolio.empty:
        by_portfolio.plot.barh(stacked=True, ax=axes, colormap="tab20")
        axes.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.0, 1.0))
    axes.set_title("Commitments by owner's portfolio, each trust's current plans")
    axes.set_xlabel("commitments")
    figure.tight_layout()
    chart = out_dir / "trusts-portfolios.png"
    figure.savefig(chart)
    plt.close(figure)
    links = "".join(f'<li><a href="{_slug(t)}.html">{html.escape(t)}</a></li>' for t in trusts)
    return _write(out_dir / "index.html", "Trusts compared",
                  f'<img src="{chart.name}" alt="{chart.stem}"><ul>{links}</ul>')


def _page(path: Path, trust: str, charts: list[Path]) -> Path:
    images = "".join(f'<p><img src="{chart.name}" alt="{chart.stem}"></p>' for chart in charts)
    return _write(path, trust, f'<p><a href="index.html">All trusts</a></p>{images}')


def _write(path: Path, title: str, body: str) -> Path:
    path.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head>"
                    f"<body><h1>{html.escape(title)}</h1>{body}</body></html>\n", encoding="utf-8")
    return path
