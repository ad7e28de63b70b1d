"""The generator's own date wording and the gold bounds it stands for (NHS financial years:
in a 2024/25 plan Q1 is April-June 2024 and Q4 January-March 2025)."""

from __future__ import annotations

import calendar
import datetime as dt
import random
from dataclasses import dataclass

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec")
FY_MONTHS = (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)  # the months of a financial year, in order

# Styles of a due date in a table cell (as the spec lists them), and the ones that also read as a
# phrase inside a sentence ("... by end Q2").
CELL_STYLES = ("q", "q_range", "q_year", "by_end_q", "from_q", "mon_yy", "by_mon_yy", "dmy", "month_year",
               "by_year", "fin_year", "ongoing", "tbc")
PHRASE_STYLES = ("q", "q_year", "by_end_q", "from_q", "mon_yy", "by_mon_yy", "dmy", "month_year", "by_year",
                 "fin_year")
COLUMN_STYLES = ("quarter_columns", "month_columns")


@dataclass(frozen=True, slots=True)
class Due:
    raw: str
    start: str | None
    end: str | None

    def gold(self) -> dict[str, str | None]:
        return {"raw": self.raw, "start": self.start, "end": self.end}


def fy_label(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


def _iso(d: dt.date) -> str:
    return d.isoformat()


def month_bounds(year: int, month: int) -> tuple[str, str]:
    last = calendar.monthrange(year, month)[1]
    return _iso(dt.date(year, month, 1)), _iso(dt.date(year, month, last))


def quarter_bounds(fy: int, q: int) -> tuple[str, str]:
    """Quarter q (1-4) of the financial year starting in April of `fy`."""
    first = FY_MONTHS[(q - 1) * 3]
    year = fy if first >= 4 else fy + 1
    start, _ = month_bounds(year, first)
    _, end = month_bounds(year, first + 2)
    return start, end


def fy_bounds(fy: int) -> tuple[str, str]:
    return f"{fy}-04-01", f"{fy + 1}-03-31"


def fy_month(fy: int, index: int) -> tuple[int, int]:
    """(year, month) of the index-th month (0 = April) of financial year fy."""
    month = FY_MONTHS[index]
    return (fy if month >= 4 else fy + 1), month


def _mon_yy(year: int, month: int, rng: random.Random) -> str:
    short = SHORT_MONTHS[month - 1]
    if short == "Sept" and rng.random() < 0.4:
        short = "Sep"
    return rng.choice((f"{short} {year % 100:02d}", f"{short}-{year % 100:02d}", f"{short} {year}"))


def cell_due(style: str, fy: int, rng: random.Random) -> Due:
    """A due date as a table cell prints it, in one of CELL_STYLES, for a plan of year fy."""
    q = rng.randint(1, 4)
    if style == "q":
        return Due(f"Q{q}", *quarter_bounds(fy, q))
    if style == "q_range":
        a = rng.randint(1, 3)
        b = rng.randint(a + 1, 4)
        raw = rng.choice((f"Q{a}-Q{b}", f"Q{a}-{b}", f"Q{a} \u2013 Q{b}"))
        return Due(raw, quarter_bounds(fy, a)[0], quarter_bounds(fy, b)[1])
    if style == "q_year":
        year = fy + (1 if rng.random() < 0.2 else 0)
        return Due(f"Q{q} {fy_label(year)}", *quarter_bounds(year, q))
    if style == "by_end_q":
        raw = rng.choice((f"by end Q{q}", f"By end of Q{q}", f"By the end of Q{q}", f"End Q{q}"))
        return Due(raw, None, quarter_bounds(fy, q)[1])
    if style == "from_q":
        return Due(rng.choice((f"From Q{q}", f"from Q{q}")), quarter_bounds(fy, q)[0], None)
    if style == "mon_yy":
        year, month = fy_month(fy, rng.randrange(12))
        return Due(_mon_yy(year, month, rng), *month_bounds(year, month))
    if style == "by_mon_yy":
        year, month = fy_month(fy + rng.choice((0, 0, 1)), rng.randrange(12))
        raw = rng.choice(("by ", "By ")) + _mon_yy(year, month, rng)
        return Due(raw, None, month_bounds(year, month)[1])
    if style == "dmy":
        year, month = fy_month(fy, rng.randrange(12))
        day = calendar.monthrange(year, month)[1] if rng.random() < 0.6 else rng.randint(1, 28)
        d = dt.date(year, month, day)
        return Due(d.strftime("%d/%m/%Y"), _iso(d), _iso(d))
    if style == "month_year":
        year, month = fy_month(fy, rng.randrange(12))
        return Due(f"{MONTHS[month - 1]} {year}", *month_bounds(year, month))
    if style == "by_year":
        year = fy + rng.randint(1, 3)
        return Due(rng.choice(("by ", "By ")) + str(year), None, f"{year}-12-31")
    if style == "fin_year":
        year = fy + rng.choice((0, 1, 1, 2))
        return Due(fy_label(year), *fy_bounds(year))
    if style == "ongoing":
        return Due(rng.choice(("Ongoing", "ongoing", "Ongoing throughout the year")), None, None)
    if style == "tbc":
        return Due(rng.choice(("TBC", "To be confirmed", "tbc")), None, None)
    raise ValueError(style)


def phrase_due(style: str, fy: int, rng: random.Random) -> tuple[str, Due]:
    """(phrase to end a sentence with, its due) for one of PHRASE_STYLES; raw is the date
    expression without its preposition where the preposition adds nothing ("in", "during")."""
    q = rng.randint(1, 4)
    if style == "q":
        pre = rng.choice(("in", "during"))
        return f"{pre} Q{q}", Due(f"Q{q}", *quarter_bounds(fy, q))
    if style == "q_year":
        label = f"Q{q} {fy_label(fy)}"
        return f"in {label}", Due(label, *quarter_bounds(fy, q))
    if style == "by_end_q":
        raw = rng.choice((f"by the end of Q{q}", f"by end Q{q}"))
        return raw, Due(raw, None, quarter_bounds(fy, q)[1])
    if style == "from_q":
        return f"from Q{q}", Due(f"from Q{q}", quarter_bounds(fy, q)[0], None)
    if style == "mon_yy":
        year, month = fy_month(fy, rng.randrange(12))
        raw = f"{SHORT_MONTHS[month - 1]} {year % 100:02d}"
        return f"in {raw}", Due(raw, *month_bounds(year, month))
    if style == "by_mon_yy":
        year, month = fy_month(fy + rng.choice((0, 1)), rng.randrange(12))
        raw = f"by {SHORT_MONTHS[month - 1]} {year % 100:02d}"
        return raw, Due(raw, None, month_bounds(year, month)[1])
    if style == "dmy":
        year, month = fy_month(fy, rng.randrange(12))
        d = dt.date(year, month, calendar.monthrange(year, month)[1])
        raw = f"by {d.strftime('%d/%m/%Y')}"
        return raw, Due(raw, None, _iso(d))
    if style == "month_year":
        year, month = fy_month(fy, rng.randrange(12))
        if rng.random() < 0.5:
            raw = f"by {MONTHS[month - 1]} {year}"
            return raw, Due(raw, None, month_bounds(year, month)[1])
        raw = f"{MONTHS[month - 1]} {year}"
        return f"in {raw}", Due(raw, *month_bounds(year, month))
    if style == "by_year":
        year = fy + rng.randint(1, 3)
        return f"by {year}", Due(f"by {year}", None, f"{year}-12-31")
    if style == "fin_year":
        year = fy + rng.choice((0, 1))
        return f"during {fy_label(year)}", Due(fy_label(year), *fy_bounds(year))
    raise ValueError(style)


def span_due(raw: str, first: tuple[str, str], last: tuple[str, str]) -> Due:
    """Due of a run of filled quarter or month columns: from the first's start to the last's end."""
    return Due(raw, first[0], last[1])
