"""Commitment sentences and measures of success, drawn from the word lists so that no two items of
one kind in a document are near-duplicates (the scorer matches items at similarity >= 0.8;
every pair here stays below MAX_SIMILARITY by the same measure)."""

from __future__ import annotations

import difflib
import random
import unicodedata
from collections import Counter

from tests.layouts.dates import Due, phrase_due
from tests.layouts.model import Indicator, Target
from tests.layouts.vocab import (
    CREATE_VERBS,
    IMPROVE_VERBS,
    QUALIFIERS,
    REDUCE_VERBS,
    Domain,
    Metric,
)

MAX_SIMILARITY = 0.6


def _norm(text: str) -> str:
    s = unicodedata.normalize("NFKC", text).lower()
    s = "".join(" " if unicodedata.category(c)[0] in "PSC" else c for c in s)
    return " ".join(s.split())


def similarity(a: str, b: str) -> float:
    """Max of difflib ratio and token Dice over normalised text, as the shared scorer measures it."""
    na, nb = _norm(a), _norm(b)
    if not na or not nb:
        return 0.0
    ta, tb = na.split(), nb.split()
    dice = 2 * sum((Counter(ta) & Counter(tb)).values()) / (len(ta) + len(tb))
    return max(dice, difflib.SequenceMatcher(None, na, nb, autojunk=False).ratio())


def distinct(text: str, others: list[str]) -> bool:
    return all(similarity(text, o) < MAX_SIMILARITY for o in others)


class Sentences:
    """Draws commitment sentences for one document, each object used once."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used_objects: set[str] = set()
        self.texts: list[str] = []

    def _candidates(self, domain: Domain) -> list[tuple[tuple[str, ...], str]]:
        pools = ((CREATE_VERBS, domain.create), (REDUCE_VERBS, domain.reduce), (IMPROVE_VERBS, domain.improve))
        return [(verbs, obj) for verbs, objs in pools for obj in objs if obj not in self.used_objects]

    def draw(self, domain: Domain, fallback: list[Domain]) -> str:
        rng = self.rng
        for attempt in range(60):
            cands = self._candidates(domain if attempt < 30 else rng.choice(fallback))
            if not cands:
                continue
            verbs, obj = rng.choice(cands)
            verb = rng.choice(verbs)
            text = f"{verb} {obj}"
            if rng.random() < 0.75:
                text += " " + rng.choice(QUALIFIERS)
            if distinct(text, self.texts):
                self.used_objects.add(obj)
                self.texts.append(text)
                return text
        raise RuntimeError("word lists exhausted")


# --------------------------------------------------------------------------- measures
def _num(v: float, decimals: int) -> str:
    if decimals == 0:
        return f"{int(round(v)):,}"
    return f"{v:.{decimals}f}"


def _shown(unit: str, v: float, decimals: int) -> str:
    """A value as printed with its unit (GBP values are in millions)."""
    if unit == "%":
        return f"{_num(v, decimals)}%"
    if unit in ("days", "weeks", "hours"):
        return f"{_num(v, decimals)} {unit}"
    if unit == "GBP":
        return f"\u00a3{v:.1f}m"
    return _num(v, decimals)


def _gold_value(unit: str, v: float, decimals: int) -> float:
    v = round(v, decimals) if decimals else round(v)
    if unit == "GBP":
        return round(v * 1_000_000)
    return int(v) if float(v).is_integer() else v


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


class Measures:
    """Draws measures of success for one document, each metric used once."""

    def __init__(self, rng: random.Random, fy: int, symbols: bool) -> None:
        self.rng = rng
        self.fy = fy
        self.symbols = symbols  # "≥"/"≤" can be printed (not in the PDF's standard fonts)
        self.used: set[str] = set()
        self.texts: list[str] = []

    def _pool(self, domain: Domain) -> list[Metric | tuple[str, str, str, str, float, str] | str]:
        pool: list[Metric | tuple[str, str, str, str, float, str] | str] = [*domain.metrics, *domain.fixed]
        if self.rng.random() < 0.2:
            pool += list(domain.wordy)
        return [m for m in pool if _key(m) not in self.used]

    def draw(self, domain: Domain, fallback: list[Domain], table: bool) -> Indicator | None:
        for attempt in range(40):
            pool = self._pool(domain if attempt < 20 else self.rng.choice(fallback))
            if not pool:
                continue
            item = self.rng.choice(pool)
            ind = self._make(item, table)
            if distinct(ind.text, self.texts):
                self.used.add(_key(item))
                self.texts.append(ind.text)
                return ind
        return None

    def _make(self, item: Metric | tuple[str, str, str, str, float, str] | str, table: bool) -> Indicator:
        rng = self.rng
        if isinstance(item, str):
            return Indicator(item, None, None, cells=(item, rng.choice(("\u2013", "N/A", "")), "Achieved"))
        if isinstance(item, tuple):
            name, sentence, cell, comp, value, unit = item
            return Indicator(name if table else sentence, Target(comp, value, unit), None, cells=(name, "", cell))
        return self._metric(item, table)

    def _metric(self, m: Metric, table: bool) -> Indicator:
        rng = self.rng
        v = rng.uniform(m.lo, m.hi)
        b = v * (rng.uniform(1.1, 1.4) if m.lower_is_better else rng.uniform(0.7, 0.9))
        if m.decimals == 0:
            v, b = round(v), round(b)
            if b == v:
                b = v + (1 if m.lower_is_better else -1)
        vs, bs = _shown(m.unit, v, m.decimals), _shown(m.unit, b, m.decimals)
        target = Target("=", _gold_value(m.unit, v, m.decimals), m.unit)
        baseline: tuple[float, str] | None = None
        pct = rng.choice((5, 10, 15, 20, 25, 30, 50))
        forms = (["by", "base"] if m.relative else
                 ["lt", "le", "by", "base", "eq"] if m.lower_is_better else ["gt", "ge", "by", "base", "eq"])
        form = rng.choice(forms)
        S, s = _cap(m.subject), m.subject
        if form == "by":
            comp = "reduce_by" if m.lower_is_better else "increase_by"
            target = Target(comp, pct, "%")
            word = "reduced" if m.lower_is_better else "increased"
            verb = "Reduce" if m.lower_is_better else "Increase"
            text = rng.choice((f"{S} {word} by {pct}%", f"{verb} {s} by {pct}%"))
            cell = f"{verb.lower()} by {pct}%"
        elif form == "base":
            baseline = (_gold_value(m.unit, b, m.decimals), m.unit)
            verb = "Reduce" if m.lower_is_better else "Increase"
            word = "reduced" if m.lower_is_better else "increased"
            text = rng.choice((f"{verb} {s} from {bs} to {vs}", f"{S} {word} from {bs} to {vs}"))
            cell = vs
        elif form == "eq":
            text = f"{vs} {s}" if m.counted or (m.unit == "GBP" and not m.lower_is_better) else f"{S}: {vs}"
            cell = vs
        else:
            comp = {"lt": "<", "le": "<=", "gt": ">", "ge": ">="}[form]
            target = Target(comp, target.value, target.unit)
            text, cell = self._compared(m, comp, S, s, vs)
        due: Due | None = None
        if not table and form != "base" and rng.random() < 0.2:
            phrase, due = phrase_due(rng.choice(("by_mon_yy", "month_year", "by_end_q")), self.fy, rng)
            if due.start is not None:  # "in March 2025" reads oddly after a target: keep only "by ..."
                phrase, due = f"by {phrase.removeprefix('in ')}", Due(f"by {due.raw}", None, due.end)
            text = f"{text} {phrase}"
        if table:
            base_cell = bs if baseline else rng.choice(("\u2013", "N/A", "New measure", ""))
            return Indicator(m.name, target, baseline, None, cells=(m.name, base_cell, cell))
        return Indicator(text, target, baseline, due, cells=(m.name, bs if baseline else "", cell))

    def _compared(self, m: Metric, comp: str, S: str, s: str, vs: str) -> tuple[str, str]:
        rng = self.rng
        sym = self.symbols
        if m.counted:
            words = {"<": ("Fewer than",), "<=": ("No more than", "At most"), ">": ("More than",),
                     ">=": ("At least", "A minimum of")}[comp]
            return f"{rng.choice(words)} {vs} {s}", {"<": "fewer than", "<=": "no more than", ">": "more than",
                                                      ">=": "at least"}[comp] + f" {vs}"
        forms = {
            "<": [f"Reduce {s} to below {vs}", f"{S} below {vs}", f"{S} of less than {vs}"],
            "<=": [f"{S} no higher than {vs}", f"{S} of no more than {vs}", f"{S} at or below {vs}"]
            + ([f"{S} \u2264 {vs}"] if sym else []),
            ">": [f"{S} above {vs}", f"Increase {s} to above {vs}", f"{S} of more than {vs}"],
            ">=": [f"{S} of at least {vs}", f"{S} at or above {vs}", f"Achieve {s} of at least {vs}"]
            + ([f"{S} \u2265 {vs}"] if sym else []),
        }[comp]
        cells = {"<": ["below " + vs, "< " + vs, "less than " + vs],
                 "<=": ["no more than " + vs, vs + " or lower"] + (["\u2264 " + vs] if sym else []),
                 ">": ["above " + vs, "> " + vs, "more than " + vs],
                 ">=": ["at least " + vs, vs + " or more"] + (["\u2265 " + vs] if sym else [])}[comp]
        return rng.choice(forms), rng.choice(cells)


def _key(item: object) -> str:
    if isinstance(item, Metric):
        return item.name
    if isinstance(item, tuple):
        return str(item[0])
    return str(item)

