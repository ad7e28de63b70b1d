"""Dates in NHS plans: financial years, a plan's period, due dates of deliverables.

NHS financial years run 1 April to 31 March; their quarters start in April, July, October
and January (Q1 = April-June). Day-first dates. Bounds are given only where the text gives them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from functools import lru_cache

import yaml

from normalisers.data import data_file
from normalisers.nlp import analyse
from normalisers.roles import vocabulary
from normalisers.text import alternation, clean_text
from schemas.plan import Due, Period

MIN_YEAR, MAX_YEAR = 1990, 2060
_ANY_YEAR = 2000  # a year to read quarters and months in when only date-ness is asked
_LONGEST_DATE = 60  # characters: a longer cell is prose, not a date expression

Bounds = tuple[dt.date | None, dt.date | None]

MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
_MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"'?((?:19|20)\d\d|\d\d)"

# --- financial years and multi-year spans: "2021/22", "2022-23", "2024–2027", "FY25", "22/23" ---
_YEAR_PAIR = re.compile(
    r"(?<![\d/.\-–])((?:19|20)\d\d|\d\d)\s?(?:[/–\-]|\bto\b)\s?((?:19|20)\d\d|\d\d)(?![\d/.%])", re.I
)
_FY_LABEL = re.compile(r"(?<![A-Za-z])FY\s?((?:19|20)?\d\d)(?:\s?[/\-]\s?(\d\d))?(?![\d%])", re.I)
# contexts in which a year is not the plan's own: "against 2019/20", "Published April 2024"
_NOT_PLAN_YEAR = re.compile(
    r"\b(?:against|compared\s+(?:with|to)|since|baseline|than|pre-|published|approved|updated|reviewed|review|"
    r"dated?|printed|issued|version|ratified|adopted|produced|agreed)\b[:\s]*(?:on\s+|in\s+|by\s+[\w\s]{0,30}?)?"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:" + _MONTH + r"\s+)?(?:19|20)\d\d(?:\s?[/–\-]\s?\d{2,4})?",
    re.I,
)
# a file name's word separators: "wah-2022-23-objectives.pdf" -> "wah 2022-23 objectives.pdf"
_FILE_NAME = re.compile(r"^\S+\.[A-Za-z0-9]{2,5}$")
_FILE_NAME_HYPHEN = re.compile(r"_|(?<=\D)-|-(?=\D)")
# "from April 2024 to March 2027", "between 1 April 2023 and 31 March 2024"
_STATED_RANGE = re.compile(
    r"\b(?:from|between)\s+(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?" + _MONTH + r"\s+((?:19|20)\d\d)\s+"
    r"(?:to|and|until|through|[–\-])\s+(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?" + _MONTH + r"\s+((?:19|20)\d\d)",
    re.I,
)


def _full_year(token: str) -> int:
    token = token.lstrip("'")
    return int(token) if len(token) == 4 else 2000 + int(token)


def _year_span(first: str, second: str) -> tuple[int, int] | None:
    """(first financial year's start year, last one's end year) of a printed pair, or None."""
    a, b = _full_year(first), _full_year(second)
    if len(first) == 2 and len(second) == 2 and b != a + 1:
        return None  # "20-30" is not a year pair; "21/22" is
    if not (MIN_YEAR <= a < b <= MAX_YEAR) or b - a > 10:
        return None
    return a, b


def _fy_spans(text: str) -> list[tuple[int, int, int, int]]:
    """(position, end position, first year, last year) of every year pair or FY label in text."""
    found = []
    for m in _YEAR_PAIR.finditer(text):
        span = _year_span(m.group(1), m.group(2))
        if span:
            found.append((m.start(), m.end(), *span))
    for m in _FY_LABEL.finditer(text):
        end_year = _full_year(m.group(2)) if m.group(2) else _full_year(m.group(1))
        if m.group(2) and len(m.group(1)) in (2, 4):
            end_year = _full_year(m.group(2))
            first = _full_year(m.group(1))
            if end_year != first + 1:
                continue
        if MIN_YEAR < end_year <= MAX_YEAR:
            found.append((m.start(), m.end(), end_year - 1, end_year))
    return sorted(found)


def financial_year_start(text: str) -> int | None:
    """First year of the first financial year named: "2021/22" -> 2021, "FY25" -> 2024, else None."""
    spans = _fy_spans(clean_text(text))
    return spans[0][2] if spans else None


_YEAR_LABEL_WORDS = frozenset(("year", "years", "in", "during", "for", "the", "financial", "fy", "one", "two", "three",
                               "four", "five", "first", "second", "third", "fourth", "fifth", "1", "2", "3", "4", "5",
                               "i", "ii", "iii", "iv", "v"))


def year_label(text: str) -> int | None:
    """The first year of the financial year a label names when it says nothing else ("2025/26",
    "Year 2 (2025/26)", "In 2025/26:"), else None: a heading or banner that dates what follows."""
    cleaned = clean_text(text)
    spans = _fy_spans(cleaned)
    if len(spans) != 1 or spans[0][3] != spans[0][2] + 1:
        return None
    start, end, first, _ = spans[0]
    rest = re.findall(r"[a-z0-9]+", (cleaned[:start] + " " + cleaned[end:]).lower())
    return first if all(word in _YEAR_LABEL_WORDS for word in rest) else None


def _stated_range(texts: Sequence[str]) -> tuple[str, dt.date, dt.date] | None:
    for text in texts:
        m = _STATED_RANGE.search(clean_text(text))
        if not m:
            continue
        d1, m1, y1, d2, m2, y2 = m.groups()
        start_month, end_month = MONTHS[m1.lower().rstrip(".")], MONTHS[m2.lower().rstrip(".")]
        start = dt.date(int(y1), start_month, int(d1) if d1 else 1)
        end = _month_end(int(y2), end_month) if not d2 else dt.date(int(y2), end_month, int(d2))
        if start <= end:
            return m.group(0), start, end
    return None


def plan_period(texts: Sequence[str]) -> Period:
    """The period a plan covers, from texts in priority order (title, early paragraphs, filename)."""
    try:
        stated = _stated_range(texts)
        for text in texts:
            cleaned = _FILE_NAME_HYPHEN.sub(" ", clean_text(text)) if _FILE_NAME.match(text) else clean_text(text)
            masked = _NOT_PLAN_YEAR.sub(lambda m: " " * len(m.group(0)), cleaned)
            spans = _fy_spans(masked)
            if not spans:
                continue
            pos, end, first, last = spans[0]
            start, stop = dt.date(first, 4, 1), dt.date(last, 3, 31)
            if stated and first <= stated[1].year <= last:
                start, stop = stated[1], stated[2]
            return Period(label=cleaned[pos:end], start=start, end=stop)
        if stated:
            return Period(label=stated[0], start=stated[1], end=stated[2])
    except ValueError:
        pass
    return Period(label=None, start=None, end=None)


# --- due dates ---


@lru_cache(maxsize=1024)
def quarter_bounds(fy_start: int, quarter: int) -> tuple[dt.date, dt.date]:
    """First and last day of quarter 1-4 of the financial year starting in April of fy_start."""
    first_month = 3 * quarter + 1  # Q1: April (4) ... Q4: January of the next year (13)
    year, month = (fy_start, first_month) if first_month <= 12 else (fy_start + 1, first_month - 12)
    return dt.date(year, month, 1), _month_end(year, month + 2)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _month(year: int, month: int) -> Bounds:
    return dt.date(year, month, 1), _month_end(year, month)


_END_LEAD = re.compile(
    r"^(?:by|before|until|till|no later than|not later than|deadline:?|due(?: by)?"
    r"|(?:to be )?(?:completed|delivered|achieved) by)\s+"
)
_RANGE_LEAD = re.compile(r"^(?:from|between)\s+(?=\S.*\s(?:to|and|until|-|–)\s)")
_START_LEAD = re.compile(
    r"^(?:from|starting(?: in| from)?|start(?: in| from)?|commencing(?: in)?|beginning(?: in)?)\s+"
)
_WHOLE_LEAD = re.compile(r"^(?:during|in|within|throughout|over|for|across|through|on)\s+")
_END_OF = re.compile(
    r"^(?!(?:the\s+)?end\s+of\s+(?:the\s+)?(?:financial\s+)?year\b)(?:the\s+)?(?:end|close)\s+(?:of\s+)?"
)
_START_OF = re.compile(r"^(?:the\s+)?(?:start|beginning)\s+(?:of\s+)?")
_ONWARDS = re.compile(r"\s+(?:onwards?|and beyond)$")
_VAGUE = re.compile(
    r"\b(?:early|mid|middle|late|spring|summer|autumn|winter|tbc|tba|tbd|ongoing"
    r"|annual(?:ly)?|monthly|quarterly|weekly|continuous|asap|as soon as possible|n/a)\b"
)

_FY_TEXT = r"(?:fy\s?)?(?:(?:19|20)?\d\d\s?[/\-]\s?(?:19|20)?\d\d|(?:19|20)?\d\d)"
_QUARTER_WORD = r"(?:q|qtr\.?\s?|quarter\s)"
_QUARTER = re.compile(
    r"^" + _QUARTER_WORD + r"([1-4])(?:\s*(?:-|to|&|and)\s*q?([1-4]))?(?:\s+(?:of\s+)?(" + _FY_TEXT + r"))?$"
)
_FY_QUARTER = re.compile(r"^(" + _FY_TEXT + r")\s+" + _QUARTER_WORD + r"([1-4])$")
_YEAR_END = re.compile(r"^(?:the\s+)?(?:(?:financial\s+)?year[\s-]end|end\s+of\s+(?:the\s+)?(?:financial\s+)?year)$")
_WHOLE_YEAR = re.compile(r"^(?:the\s+)?(?:financial|current)\s+year$")
_HALF = re.compile(r"^h([12])(?:\s+(?:of\s+)?(" + _FY_TEXT + r"))?$")
_ISO_DAY = re.compile(r"^((?:19|20)\d\d)-(\d\d)-(\d\d)$")
_NUMERIC_DAY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d\d)$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+" + _YEAR + "$")
_MONTH_DAY_YEAR = re.compile(r"^" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)$")
_MONTH_YEAR = re.compile(r"^" + _MONTH + r"[\s\-/]*" + _YEAR + "$")
_NUMERIC_MONTH = re.compile(r"^(\d{1,2})/((?:19|20)\d\d)$")
_MONTH_ONLY = re.compile(r"^" + _MONTH + "$")
_CALENDAR_YEAR = re.compile(r"^((?:19|20)\d\d)$")
_RANGE_SEP = re.compile(r"\s*(?:\s-\s|–|—|\bto\b|\buntil\b|\bthrough\b|\band\b|-)\s*")


def _fy_of(text: str | None, year_start: int | None) -> int | None:
    """The financial year a quarter belongs to: the one printed with it, else the plan's."""
    if not text:
        return year_start
    spans = _fy_spans(text)
    if spans:
        return spans[0][2]
    if re.fullmatch(r"(?:19|20)\d\d", text.strip()):
        return int(text)
    return None


def _fy_from_month(month: int, year_start: int | None) -> int | None:
    if year_start is None:
        return None
    return year_start if month >= 4 else year_start + 1


def _core(w: str, year_start: int | None, ranges: bool = True) -> Bounds | None:
    """Bounds of a date expression without its lead words, or None if it is not one."""
    if m := _QUARTER.match(w):
        fy = _fy_of(m.group(3), year_start)
        if fy is None:
            return None
        first, last = int(m.group(1)), int(m.group(2) or m.group(1))
        if last < first:
            return None
        return quarter_bounds(fy, first)[0], quarter_bounds(fy, last)[1]
    if m := _FY_QUARTER.match(w):
        fy = _fy_of(m.group(1), year_start)
        return quarter_bounds(fy, int(m.group(2))) if fy is not None else None
    if m := _HALF.match(w):
        fy = _fy_of(m.group(2), year_start)
        if fy is None:
            return None
        first = 1 if m.group(1) == "1" else 3
        return quarter_bounds(fy, first)[0], quarter_bounds(fy, first + 1)[1]
    if year_start is not None and _YEAR_END.match(w):
        return dt.date(year_start + 1, 3, 31), dt.date(year_start + 1, 3, 31)
    if year_start is not None and _WHOLE_YEAR.match(w):
        return dt.date(year_start, 4, 1), dt.date(year_start + 1, 3, 31)
    if spans := _fy_spans(w):
        pos, end, first_year, last_year = spans[0]
        if pos == 0 and end == len(w):
            return dt.date(first_year, 4, 1), dt.date(last_year, 3, 31)
    if m := _ISO_DAY.match(w):
        day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return day, day
    if m := _NUMERIC_DAY.match(w):
        day = dt.date(_full_year(m.group(3)), int(m.group(2)), int(m.group(1)))
        return day, day
    if m := _DAY_MONTH_YEAR.match(w):
        day = dt.date(_full_year(m.group(3)), MONTHS[m.group(2)], int(m.group(1)))
        return day, day
    if m := _MONTH_DAY_YEAR.match(w):
        day = dt.date(int(m.group(3)), MONTHS[m.group(1)], int(m.group(2)))
        return day, day
    if m := _MONTH_YEAR.match(w):
        return _month(_full_year(m.group(2)), MONTHS[m.group(1)])
    if m := _NUMERIC_MONTH.match(w):
        return _month(int(m.group(2)), int(m.group(1)))
    if m := _MONTH_ONLY.match(w):
        month = MONTHS[m.group(1)]
        year = _fy_from_month(month, year_start)
        return _month(year, month) if year else None
    if m := _CALENDAR_YEAR.match(w):
        year = int(m.group(1))
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    return _range(w, year_start) if ranges else None


def _range(w: str, year_start: int | None) -> Bounds | None:
    """Bounds of a range: "April 2024 - March 2025", "Apr to Jun 2024", "Q1 2024/25 to Q2 2025/26"."""
    for sep in _RANGE_SEP.finditer(w):
        left, right = w[: sep.start()].strip(), w[sep.end() :].strip()
        if not left or not right:
            continue
        right_bounds = _core(right, year_start, ranges=False)
        if right_bounds is None or right_bounds[1] is None:
            continue
        if m := _MONTH_ONLY.match(left):  # "April to June 2024": the year printed at the end
            month, end_year = MONTHS[m.group(1)], right_bounds[1].year
            left_bounds = _month(end_year if month <= right_bounds[1].month else end_year - 1, month)
        else:
            left_bounds = _core(left, year_start, ranges=False)
        if left_bounds is not None and left_bounds[0] is not None:
            return left_bounds[0], right_bounds[1]
    return None


def _split_mode(w: str) -> tuple[str, str]:
    """("start" | "end" | "whole", the date expression) from the words around it."""
    mode = "whole"
    for _ in range(4):
        if m := _RANGE_LEAD.match(w):
            w = w[m.end() :]
        elif m := _END_LEAD.match(w):
            mode, w = "end", w[m.end() :]
        elif m := _START_LEAD.match(w):
            mode, w = "start", w[m.end() :]
        elif m := _WHOLE_LEAD.match(w):
            w = w[m.end() :]
        elif m := _END_OF.match(w):
            mode, w = ("end" if mode != "start" else mode), w[m.end() :]
        elif m := _START_OF.match(w):
            mode, w = "start", w[m.end() :]
        elif w.startswith("the "):
            w = w[4:]
        else:
            break
    if m := _ONWARDS.search(w):
        mode, w = "start", w[: m.start()]
    return mode, w.strip()


def _sane(day: dt.date | None) -> dt.date | None:
    return day if day is not None and MIN_YEAR <= day.year <= MAX_YEAR else None


def parse_due(raw: str, year_start: int | None = None) -> Due:
    """A Delivery date / Timescale cell: raw as printed, bounds where the text gives them."""
    text = clean_text(raw)
    w = text.lower().replace("–", "-").replace("—", "-").strip(" .,;:()[]*")
    mode, expression = _split_mode(w)
    if len(expression) > _LONGEST_DATE or _VAGUE.search(expression):
        return Due(raw=text)
    try:
        bounds = _core(expression, year_start)
    except (ValueError, OverflowError):
        bounds = None
    if bounds is None:
        return Due(raw=text)
    start, end = _sane(bounds[0]), _sane(bounds[1])
    if start is None or end is None or start > end:
        return Due(raw=text)
    if mode == "end":
        return Due(raw=text, end=end)
    if mode == "start":
        return Due(raw=text, start=start)
    return Due(raw=text, start=start, end=end)


@lru_cache(maxsize=1)
def _vague_due_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a text that is only a vague due, an inline lead's vague due): "Ongoing", "(Lead: CEO, TBC)"."""
    with data_file("date_phrases.yaml").open(encoding="utf-8") as fh:
        vague = alternation(yaml.safe_load(fh)["vague_dues"])
    labels = alternation(sorted(vocabulary()["labels"]))
    whole = re.compile(rf"^[\s(\[*-]*(?P<due>{vague})[\s.,;:)\]*]*$", re.I)
    inline = re.compile(
        rf"\(\s*(?:{labels})\s*[:\-–]\s*[^()]*?[,;]\s*(?P<due>{vague})\s*[.;]?\s*\)", re.I
    )
    return whole, inline


def _vague_due(text: str) -> re.Match[str] | None:
    whole, inline = _vague_due_patterns()
    return whole.match(text) or inline.search(text)


def is_date_text(text: str, year_start: int | None = None) -> bool:
    """The whole text is a date ("Q2", "by Dec 25", "2025/26") or a vague due ("Ongoing", "TBC")."""
    text = clean_text(text)
    if not text or len(text) > _LONGEST_DATE:
        return False
    due = parse_due(text, year_start if year_start is not None else _ANY_YEAR)  # "Q2" is a date in any year
    return due.start is not None or due.end is not None or bool(_vague_due_patterns()[0].match(text))


def find_due(text: str, year_start: int | None = None) -> Due | None:
    """The first date phrase inside running text, parsed; None if the text names no date.

    A vague due ("ongoing", "TBC": raw kept, no bounds) counts where it is the whole text or
    the date of an inline lead, "(Lead: Chief Executive, ongoing)".
    """
    phrase = _due_phrase(clean_text(text))
    return parse_due(phrase, year_start) if phrase is not None else None


@lru_cache(maxsize=4096)  # a text repeated down a long table is analysed once
def _due_phrase(text: str) -> str | None:
    """The first date phrase or inline vague due of a cleaned text, as printed."""
    doc = analyse(text, "date_phrases")  # kept: its span group lives only as long as the doc
    spans = doc.spans["dates"]
    vague = _vague_due(text)
    if spans and (vague is None or spans[0].start_char < vague.start("due")):
        return spans[0].text
    return vague.group("due") if vague else None
