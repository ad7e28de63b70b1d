"""Drawing one random plan for a set of dimension values: organisation, period, themes,
objectives, commitments (with their printed refs, owners, assurance, due dates) and measures."""

from __future__ import annotations

import csv
import random
from functools import cache
from pathlib import Path

from tests.layouts import vocab
from tests.layouts.dates import (
    COLUMN_STYLES,
    SHORT_MONTHS,
    Due,
    cell_due,
    fy_label,
    fy_month,
    month_bounds,
    phrase_due,
    quarter_bounds,
    span_due,
)
from tests.layouts.model import Commitment, GlossaryEntry, Group, Indicator, Objective, Person, Plan, Theme
from tests.layouts.textgen import Measures, Sentences, distinct
from tests.layouts.vocab import COMMITTEES, DOMAINS, ROLES, Committee, Domain, Role

SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"


# --------------------------------------------------------------------------- organisation
@cache
def _rows(name: str) -> tuple[dict[str, str], ...]:
    path = SHARED_DATA / name
    with path.open(encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))


def draw_org(rng: random.Random) -> tuple[str, str, int]:
    """(name, ODS code, financial year) of a real trust, or now and then an ICB."""
    if rng.random() < 0.2:
        fy = rng.randint(2022, 2026)
        if fy >= 2026:
            rows = list(_rows("nhs-icbs.csv"))
        else:
            rows = [r for r in _rows("nhs-icbs.csv") if not r["merger_date"]] + list(_rows("nhs-icb-predecessors.csv"))
        row = rows[rng.randrange(len(rows))]
        return row["name"], row["ods_code"], fy
    rows = list(_rows("nhs-trusts.csv"))
    row = rows[rng.randrange(len(rows))]
    first = 2019
    if row["merger_date"]:
        year, month = int(row["merger_date"][:4]), int(row["merger_date"][5:7])
        first = year + (1 if month > 4 else 0)
    return row["name"], row["ods_code"], rng.randint(first, max(first, 2026))


# --------------------------------------------------------------------------- people
class People:
    """How this document prints owners and committees, and who it has named."""

    def __init__(self, rng: random.Random, style: str) -> None:
        self.rng = rng
        self.style = style
        self.acronyms = style in ("acronym_with_key", "acronym_no_key") or (style == "several" and rng.random() < 0.6)
        self.joiner = rng.choice(("/", ", ", " & ", " and ", " / "))
        self.names: dict[str, str] = {}
        self.used_roles: list[Role] = []
        self.used_groups: list[Committee] = []
        self.lead_label = rng.choice(("Executive lead", "Lead", "Led by", "Responsible director", "Senior lead"))

    def _name(self, role: Role) -> str:
        if role.title not in self.names:
            taken = set(self.names.values())
            while True:
                r = self.rng
                name = f"{r.choice(vocab.HONORIFICS)}{r.choice(vocab.FIRST_NAMES)} {r.choice(vocab.SURNAMES)}"
                if name not in taken:
                    break
            self.names[role.title] = name
        return self.names[role.title]

    def candidates(self, domain: Domain | None) -> list[Role]:
        roles = [r for r in ROLES if domain is None or r.portfolio in domain.owners]
        if self.acronyms:
            roles = [r for r in roles if r.acronym]
        if self.joiner in (" & ", " and ") and self.style == "several" and not self.acronyms:
            roles = [r for r in roles if " and " not in r.title]
        return roles or [r for r in ROLES if r.acronym]

    def cell(self, roles: list[Role]) -> tuple[str, list[Person]]:
        people = []
        for role in roles:
            if role not in self.used_roles:
                self.used_roles.append(role)
            if self.style == "name_role":
                raw = f"{self._name(role)}, {role.title}"
            elif self.acronyms and role.acronym:
                raw = role.acronym
            else:
                raw = role.title
            people.append(Person(raw, role.title, role.portfolio))
        return self.joiner.join(p.raw for p in people), people

    def pick(self, lead: Role, domain: Domain | None) -> list[Role]:
        rng = self.rng
        cands = self.candidates(domain)
        first = lead if rng.random() < 0.7 else rng.choice(cands)
        if self.style != "several":
            return [first]
        pool = [r for r in self.candidates(None) if r != first]
        rng.shuffle(pool)
        others = [r for r in cands if r != first] + pool
        return [first, *others[: rng.randint(1, 2)]]

    def groups(self, domain: Domain | None) -> tuple[str, list[Group]]:
        rng = self.rng
        names = domain.committees if domain else tuple(c.name for c in COMMITTEES)
        chosen = [rng.choice(names)]
        if rng.random() < 0.15:
            other = rng.choice([c.name for c in COMMITTEES if c.name != chosen[0]])
            chosen.append(other)
        groups = []
        for name in chosen:
            committee = next(c for c in COMMITTEES if c.name == name)
            if committee not in self.used_groups:
                self.used_groups.append(committee)
            raw = committee.acronym if self.acronyms and committee.acronym else committee.name
            groups.append(Group(raw, committee.name))
        all_acronyms = all(g.raw != g.title for g in groups)
        joiner = rng.choice((" / ", ", ", " and ") if all_acronyms else (" / ", "; "))
        return joiner.join(g.raw for g in groups), groups

    def glossary(self) -> list[GlossaryEntry]:
        rng = self.rng
        entries = [GlossaryEntry(r.acronym, r.title, "owner") for r in self.used_roles if r.acronym]
        entries += [GlossaryEntry(c.acronym, c.name, "group") for c in self.used_groups if c.acronym]
        entries += [GlossaryEntry(a, e, "other") for a, e in rng.sample(vocab.OTHER_TERMS, rng.randint(2, 4))]
        seen: set[str] = set()
        unique = [e for e in entries if not (e.abbreviation in seen or seen.add(e.abbreviation))]
        if rng.random() < 0.7:
            unique.sort(key=lambda e: e.abbreviation.lower())
        return unique


# --------------------------------------------------------------------------- hierarchy
def _number(rng_style: str, n: int) -> tuple[str, str]:
    """(printed, ref) of the n-th item (1-based) in a numbering style."""
    if rng_style == "word":
        return vocab.NUMBER_WORDS[n - 1], str(n)
    if rng_style == "letter":
        return chr(64 + n), chr(64 + n)
    return str(n), str(n)


class Headings:
    """Printed headings and refs of themes and objectives for the document's hierarchy style."""

    def __init__(self, rng: random.Random, style: str, levels: str) -> None:
        self.rng = rng
        self.style = style
        self.levels = levels
        self.theme_label = rng.choice(vocab.THEME_LABELS)
        self.obj_label = rng.choice([w for w in vocab.OBJECTIVE_LABELS if w != self.theme_label])
        self.theme_num = rng.choice(("digit", "digit", "word", "letter"))
        self.obj_num = rng.choice(("digit", "word", "letter")) if levels == "one" else "digit"
        self.composite = rng.random() < 0.6
        self.sep = rng.choice((":", " \u2013", " -", "."))
        self.num_sep = rng.choice((". ", " "))
        self.objectives_seen = 0

    def theme(self, i: int, title: str) -> tuple[str, bool, str]:
        if self.style == "numbering":
            return str(i), True, f"{i}{self.num_sep}{title}"
        if self.style == "labels":
            printed, ref = _number(self.theme_num, i)
            return ref, True, f"{self.theme_label} {printed}{self.sep} {title}"
        return str(i), False, title

    def objective(self, theme_ref: str, j: int, title: str) -> tuple[str, bool, str]:
        self.objectives_seen += 1
        n = self.objectives_seen
        two = self.levels == "two"
        if self.style == "numbering":
            ref = f"{theme_ref}.{j}" if two else str(n)
            return ref, True, f"{ref}{self.num_sep if not two else ' '}{title}"
        if self.style == "labels":
            if two:
                ref = (f"{theme_ref}{j}" if theme_ref.isalpha() else f"{theme_ref}.{j}") if self.composite else str(n)
                printed = ref
            else:
                printed, ref = _number(self.obj_num, n)
            return ref, True, f"{self.obj_label} {printed}{self.sep} {title}"
        return str(n), False, title


def ref_scheme(rng: random.Random, dims: dict[str, str]) -> str:
    """How the document numbers its commitments: absent, hier ("1.2.3", under a printed
    objective ref), running ("1", "2", ...), prefix ("P1", "P2", ...) or letter ("A1", "A2", "B1")."""
    if dims["refs"] == "absent":
        return "absent"
    options = ["prefix"] + (["letter"] if dims["levels"] != "none" else [])
    if dims["refs"] == "own_column":
        options.append("running")
    if dims["hierarchy"] in ("numbering", "labels"):
        options += ["hier"] * 3
    return rng.choice(options)


def commitment_ref(scheme: str, obj: Objective, obj_index: int, k: int, n: int, prefix: str) -> str | None:
    """Ref of the k-th commitment of the obj_index-th objective (n-th in the document)."""
    if scheme == "hier":
        return f"{obj.ref}{k}" if obj.ref[-1].isalpha() else f"{obj.ref}.{k}"
    if scheme == "running":
        return str(n)
    if scheme == "prefix":
        return f"{prefix}{n}"
    if scheme == "letter":
        return f"{chr(64 + obj_index)}{k}"
    return None


# --------------------------------------------------------------------------- dates
def _period_cells(rng: random.Random, dates: str, fy: int, fill: str, glyph: str) -> tuple[list[str], Due]:
    if dates == "quarter_columns":
        a = rng.randint(1, 4)
        b = rng.randint(a, min(4, a + 2))
        cells = [""] * 4
        for q in range(a, b + 1):
            cells[q - 1] = glyph if fill == "tick" else rng.choice(vocab.MILESTONES)
        raw = f"Q{a}" if a == b else f"Q{a}-Q{b}"
        return cells, span_due(raw, quarter_bounds(fy, a), quarter_bounds(fy, b))
    i = rng.randrange(12)
    j = rng.randint(i, min(11, i + 5))
    cells = [""] * 12
    for m in range(i, j + 1):
        cells[m] = glyph if fill == "tick" else rng.choice(vocab.MILESTONES)
    raw = SHORT_MONTHS[fy_month(fy, i)[1] - 1] + ("" if i == j else "-" + SHORT_MONTHS[fy_month(fy, j)[1] - 1])
    return cells, span_due(raw, month_bounds(*fy_month(fy, i)), month_bounds(*fy_month(fy, j)))


# --------------------------------------------------------------------------- the plan
def draw_plan(rng: random.Random, dims: dict[str, str], columns: list[str]) -> Plan:
    org, code, fy = draw_org(rng)
    label = fy_label(fy)
    title = rng.choice(vocab.PLAN_TITLES).format(p=label)
    levels = dims["levels"]
    table = dims["layout"] == "table"
    people = People(rng, dims["owners"])
    sentences = Sentences(rng)
    measures = Measures(rng, fy, symbols=dims["format"] != "pdf")
    with_assurance = "assurance" in columns if table else rng.random() < 0.4
    fill = rng.choice(("tick", "milestone"))
    glyph = rng.choice(("X", "\u2022", "Y", "*") if dims["format"] == "pdf" else ("\u2713", "X", "\u25cf", "Y"))
    scheme = ref_scheme(rng, dims)
    prefix = rng.choice(("A", "C", "P", "KP", "D"))

    themes = _skeleton(rng, levels, Headings(rng, dims["hierarchy"], levels))
    n = 0
    objectives = [o for t in themes for o in t.objectives]
    for index, obj in enumerate(objectives, start=1):
        domain = _domain(obj.domain)
        lead = rng.choice(people.candidates(domain))
        roles = people.pick(lead, domain)
        if not table and levels != "none":
            obj.lead_line = f"{people.lead_label}: {people.cell(roles)[0]}"
        obj_groups: list[Group] = []
        if with_assurance and not table and levels != "none":
            line, obj_groups = people.groups(domain)
            obj.assurance_line = f"{rng.choice(('Assurance', 'Assured by', 'Assuring committee'))}: {line}"
        count = rng.randint(1, 3) if levels == "two" else rng.randint(2, 4) if levels == "one" else rng.randint(6, 12)
        for k in range(1, count + 1):
            n += 1
            cdom = domain or rng.choice(DOMAINS)
            com = Commitment(commitment_ref(scheme, obj, index, k, n, prefix), sentences.draw(cdom, list(DOMAINS)))
            if obj.lead_line:  # prose: the objective's lead line names the owner of each of its items
                com.owners = people.cell(roles)[1]
                com.assurance = list(obj_groups)
            else:  # a table row, or a prose item with its lead in brackets after it
                lead = rng.choice(people.candidates(cdom)) if domain is None else lead
                com.owner_cell, com.owners = people.cell(people.pick(lead, cdom))
                if with_assurance and table:
                    com.assurance_cell, com.assurance = people.groups(cdom)
            _due(com, rng, dims, fy, fill, glyph)
            if dims["measures"] == "column" and rng.random() < 0.6:
                com.measure = measures.draw(cdom, list(DOMAINS), table=False)
                if com.measure is not None:
                    com.measure.commitment = com if com.ref else None
            if "rag" in columns:
                com.rag = rng.choice(vocab.RAG_VALUES)
            obj.commitments.append(com)
        if dims["measures"] in ("own_table", "bullets") and levels != "none":
            for _ in range(rng.randint(1, 3) + (1 if dims["audience"] == "grouped" else 0)):
                ind = measures.draw(domain or rng.choice(DOMAINS), list(DOMAINS), dims["measures"] == "own_table")
                if ind is not None:
                    obj.indicators.append(ind)
            _audiences(rng, dims, obj.indicators)
    plan = Plan(org, code, title, fy, label, levels, themes)
    if dims["measures"] in ("own_table", "bullets") and levels == "none":
        for _ in range(rng.randint(3, 5)):
            ind = measures.draw(rng.choice(DOMAINS), list(DOMAINS), dims["measures"] == "own_table")
            if ind is not None:
                plan.end_indicators.append(ind)
        _audiences(rng, dims, plan.end_indicators)
    if dims["owners"] == "acronym_with_key":
        plan.glossary = people.glossary()
    return plan


def _audiences(rng: random.Random, dims: dict[str, str], indicators: list[Indicator]) -> None:
    """Grouped measures: each gets an audience, and the list is put in group order (as printed)."""
    if dims["audience"] != "grouped":
        return
    labels = rng.choice(vocab.AUDIENCES)
    for ind in indicators:
        ind.audience = rng.choice(labels)
    indicators.sort(key=lambda i: labels.index(i.audience or ""))


def _domain(key: str) -> Domain | None:
    return next((d for d in DOMAINS if d.key == key), None)


def _skeleton(rng: random.Random, levels: str, headings: Headings) -> list[Theme]:
    """Themes and objectives with their titles, refs and headings (no commitments yet)."""
    if levels == "none":
        return [Theme("1", False, "", "", [Objective("1", False, "", "", "")])]
    titles: list[str] = []
    if levels == "two":
        themes = []
        for i, domain in enumerate(rng.sample(DOMAINS, rng.randint(2, 4)), start=1):
            ttitle = rng.choice(domain.themes)
            ref, printed, heading = headings.theme(i, ttitle)
            theme = Theme(ref, printed, ttitle, heading)
            for j, otitle in enumerate(rng.sample(domain.objectives, rng.randint(1, 3)), start=1):
                if not distinct(otitle, titles):
                    continue
                titles.append(otitle)
                oref, oprinted, oheading = headings.objective(ref, j, otitle)
                theme.objectives.append(Objective(oref, oprinted, otitle, oheading, domain.key))
            themes.append(theme)
        return themes
    theme = Theme("1", False, "", "")
    for _ in range(rng.randint(3, 6)):
        domain = rng.choice(DOMAINS)
        options = [t for t in domain.objectives if distinct(t, titles)]
        if not options:
            continue
        otitle = rng.choice(options)
        titles.append(otitle)
        oref, oprinted, oheading = headings.objective("", len(titles), otitle)
        theme.objectives.append(Objective(oref, oprinted, otitle, oheading, domain.key))
    return [theme]


def _due(com: Commitment, rng: random.Random, dims: dict[str, str], fy: int, fill: str, glyph: str) -> None:
    style = dims["dates"]
    if dims["layout"] != "table":
        if rng.random() < 0.75:
            phrase, com.due = phrase_due(style, fy, rng)
            com.text = f"{com.text} {phrase}"
        return
    if style in COLUMN_STYLES:
        com.period_cells, com.due = _period_cells(rng, style, fy, fill, glyph)
        return
    if rng.random() < 0.9:
        com.due = cell_due(style, fy, rng)
        com.due_cell = com.due.raw

