"""Targets and baselines stated in indicator text ("Staff turnover below 11%", "£12.4m CIP delivered").

Numbers that define the measure ("18-week", "within 1 hour", "Band 8a", "2019/20") and date
phrases are recognised by the spaCy pipeline (data/measure_numbers.yaml, data/date_phrases.yaml)
and blanked out first; what remains is read with the word lists of data/target_words.yaml.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import yaml

from normalisers.data import data_file
from normalisers.nlp import analyse
from normalisers.text import alternation, clean_text
from schemas.plan import Baseline, Target

_CONTEXT = 80  # characters either side of a number that can qualify it
_NUMBER = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"


class _Words(NamedTuple):
    before: list[tuple[re.Pattern[str], str]]
    after: list[tuple[re.Pattern[str], str]]
    reduce: frozenset[str]
    increase: frozenset[str]
    reduce_after: re.Pattern[str]
    increase_after: re.Pattern[str]
    number_words: dict[str, float]
    fractions: dict[str, float]
    units: list[tuple[re.Pattern[str], str]]
    money: dict[str, float]
    amount: re.Pattern[str]
    leading_no: re.Pattern[str]


@lru_cache(maxsize=1)
def _words() -> _Words:
    with data_file("target_words.yaml").open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    before = [
        (re.compile(r"(?:" + alternation(phrases) + r")\s*$", re.I), comparator)
        for comparator, phrases in data["comparators_before"].items()
    ]
    after = [
        (re.compile(r"^\s*(?:" + alternation(phrases) + r")(?!\w)", re.I), comparator)
        for comparator, phrases in data["comparators_after"].items()
    ]
    units = [
        (re.compile(r"^\s*(?:" + alternation(phrases) + r")(?![\w])", re.I), unit)
        for unit, phrases in data["units"].items()
    ]
    number_words = {k: float(v) for k, v in data["number_words"].items()}
    fractions = {k: float(v) for k, v in data["fractions"].items()}
    spelled = alternation([*fractions, *number_words])
    amount = re.compile(rf"(?P<pound>£\s?)?{_NUMBER}|(?<![\w-])(?P<word>{spelled})(?![\w-])", re.I)
    return _Words(
        before=before,
        after=after,
        reduce=frozenset(data["reduce_words"]),
        increase=frozenset(data["increase_words"]),
        reduce_after=re.compile(r"^\s*(?:" + alternation(data["reduce_after"]) + r")\b", re.I),
        increase_after=re.compile(r"^\s*(?:" + alternation(data["increase_after"]) + r")\b", re.I),
        number_words=number_words,
        fractions=fractions,
        units=units,
        money={k.lower(): float(v) for k, v in data["money"].items()},
        amount=amount,
        leading_no=re.compile(
            r"^\s*(?P<no>no)\s+(?!(?:" + alternation(data["zero_no_not_before"]) + r")(?![\w-]))(?=[^\W\d_])", re.I
        ),
    )


class _Amount(NamedTuple):
    value: float
    unit: str
    start: int
    end: int
    spelled: bool


def _read_amount(match: re.Match[str], text: str) -> _Amount | None:
    words = _words()
    end = match.end()
    if match.group("word"):
        word = match.group("word").lower()
        if word in words.fractions:
            return _Amount(words.fractions[word], "%", match.start(), end, True)
        value, unit = words.number_words[word], "count"
    else:
        value = float(match.group("num").replace(",", ""))
        unit = "count"
        if match.group("pound"):
            money = re.match(r"\s?(k|thousand|mn|m|million|bn|billion)\b", text[end:], re.I)
            if money:
                value *= words.money[money.group(1).lower()]
                end += money.end()
            return _Amount(round(value, 2), "GBP", match.start(), end, False)
    for pattern, name in words.units:
        if m := pattern.match(text[end:]):
            return _Amount(value, name, match.start(), end + m.end(), bool(match.group("word")))
    return _Amount(value, unit, match.start(), end, bool(match.group("word")))


def _mask(text: str) -> str:
    """Blank out dates and the numbers that define the measure, keeping character positions."""
    doc = analyse(text, "date_phrases", "measure_numbers")
    chars = list(text)
    for key in ("dates", "measures"):
        for span in doc.spans[key]:
            chars[span.start_char : span.end_char] = " " * (span.end_char - span.start_char)
    return "".join(chars)


def _comparator(text: str, amount: _Amount) -> tuple[str | None, bool]:
    """(comparator, explicit) for an amount from the words around it."""
    words = _words()
    left = text[max(0, amount.start - _CONTEXT) : amount.start].rstrip()
    right = text[amount.end : amount.end + _CONTEXT]
    before = [(m.start(), comparator) for pattern, comparator in words.before if (m := pattern.search(left))]
    if before:
        return min(before)[1], True  # the longest phrase: "no less than" (>=), not "less than" (<)
    for pattern, comparator in words.after:
        if pattern.match(right):
            return comparator, True
    if words.reduce_after.match(right):
        return "reduce_by", True
    if words.increase_after.match(right):
        return "increase_by", True
    previous = re.findall(r"[A-Za-z]+", left.lower())[-8:]
    by = bool(re.search(r"\bby(?:\s+up\s+to)?$", left, re.I))
    of = bool(re.search(r"\b(?:reduction|decrease|cut|fall)\s+of$", left, re.I))
    avoid = bool(re.search(r"\bavoid(?:ing|ed)?(?:\s+up\s+to)?$", left, re.I))
    if avoid or of or (by and words.reduce & set(previous)):
        return "reduce_by", True
    if re.search(r"\b(?:increase|rise|growth)\s+of$", left, re.I) or (by and words.increase & set(previous)):
        return "increase_by", True
    return None, False


_FROM_TO = re.compile(
    r"\bfrom\s+(?:an?\s+)?(?:baseline\s+(?:of\s+)?)?(?P<base>.{1,40}?)\s+(?:\([^)]*\)\s+)?to\s+(?P<target>.+)$",
    re.I,
)
# "(baseline 75%)", "baseline: 127 days", "currently 68%"
_BASELINE = re.compile(
    r"\b(?:baseline|currently|current\s+(?:position|level|performance))\s*(?:of|is|was|:|-|=)?\s*$", re.I
)
# a time that is itself the target once the measure is named: "reduce length of stay to under 5 days"
_TIME_TARGET = re.compile(
    r"\b(?:to|of|at|is|:)\s+(?P<cmp>under|below|less\s+than|fewer\s+than|within|no\s+more\s+than|"
    r"no\s+longer\s+than)\s+(?P<num>\d+(?:\.\d+)?)\s+(?P<unit>days|weeks|months|hours)\b",
    re.I,
)
_TIME_COMPARATORS = {
    "under": "<",
    "below": "<",
    "less than": "<",
    "fewer than": "<",
    "within": "<=",
    "no more than": "<=",
    "no longer than": "<=",
}


def _from_to(text: str) -> tuple[Target, Baseline] | None:
    """Target and baseline of "from 127 days to <100 days", "reduced from 6.8 days to 6.0 days"."""
    m = _FROM_TO.search(text)
    if not m:
        return None
    words = _words()
    base_match = words.amount.match(m.group("base").strip())
    offset = m.start("target")
    target_match = words.amount.search(text, offset)
    if not base_match or not target_match or text[offset : target_match.start()].strip(" <>=≤≥") != "":
        return None
    base = _read_amount(base_match, m.group("base").strip())
    target = _read_amount(target_match, text)
    if base is None or target is None:
        return None
    comparator, _ = _comparator(text, target)
    unit = target.unit if target.unit != "count" else base.unit
    return (
        Target(comparator=comparator or "=", value=target.value, unit=unit),
        Baseline(value=base.value, unit=base.unit if base.unit != "count" else unit),
    )


def _time_target(text: str) -> Target | None:
    m = _TIME_TARGET.search(text)
    if not m:
        return None
    comparator = _TIME_COMPARATORS[re.sub(r"\s+", " ", m.group("cmp").lower())]
    return Target(comparator=comparator, value=float(m.group("num")), unit=m.group("unit").lower())


def _pick(masked: str, amounts: list[_Amount]) -> Target | None:
    """The amount that states the target: the first with a comparator, a unit, or at the start."""
    has_unit = any(a.unit != "count" for a in amounts)
    for amount in amounts:
        comparator, explicit = _comparator(masked, amount)
        at_start = not masked[: amount.start].strip()
        if amount.spelled and amount.value != 0 and not explicit and not at_start and amount.unit != "%":
            continue  # "in one place": a number in words counts only where it is the target
        if not explicit and amount.unit == "count" and has_unit:
            continue  # "5 wards achieving 95%": the unit-bearing number is the target
        return Target(comparator=comparator or "=", value=amount.value, unit=amount.unit)
    return None


def _leading_no(masked: str) -> _Amount | None:
    """The zero of a measure that starts "No <noun phrase>" ("No never events"), else None."""
    m = _words().leading_no.match(masked)
    return _Amount(0.0, "count", m.start("no"), m.end("no"), True) if m else None


@lru_cache(maxsize=8192)  # a pure function of the text, asked again for each column profile and row
def parse_target(text: str) -> tuple[Target | None, Baseline | None]:
    """(target, baseline) stated in an indicator's text; (None, None) where it states no number."""
    try:
        cleaned = clean_text(text)
        if not _words().amount.search(cleaned) and not _words().leading_no.match(cleaned):
            return None, None  # no number at all, in figures or in words
        masked = _mask(cleaned)
        if found := _from_to(masked):
            return found
        baseline = None
        no = _leading_no(masked)  # dates and measure numbers blanked: "No 52-week waits" is a zero
        amounts = [no] if no else []
        for match in _words().amount.finditer(masked):
            amount = _read_amount(match, masked)
            if amount is None:
                continue
            if baseline is None and _BASELINE.search(masked[max(0, amount.start - _CONTEXT) : amount.start]):
                baseline = Baseline(value=amount.value, unit=amount.unit)
            else:
                amounts.append(amount)
        target = _pick(masked, amounts) or _time_target(cleaned)
        return (target, baseline) if target else (None, None)
    except (ValueError, OverflowError):
        return None, None
