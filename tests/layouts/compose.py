"""Laying a plan out as blocks for the drawn dimensions: chrome (cover, contents, foreword,
monitoring section, key), then the plan as action tables, prose lists or accordion sections."""

from __future__ import annotations

import random

from tests.layouts import vocab
from tests.layouts.blocks import Block, Bullets, Cell, Columns, Doc, Heading, PageBreak, Para, Section, Span, Table
from tests.layouts.dates import MONTHS, SHORT_MONTHS, fy_label, fy_month
from tests.layouts.model import Commitment, Indicator, Objective, Plan

WIDTHS = {"ref": 0.55, "action": 3.2, "owner": 1.4, "assurance": 1.2, "due": 1.0, "measure": 2.2, "rag": 0.8}
WHY = ("This matters because demand for our services continues to grow faster than our capacity.",
       "Our patients and staff told us that this should be one of our top priorities.",
       "Progress here will make the biggest difference to the people we serve.",
       "We made good progress last year and now need to go further.")


class Composer:
    def __init__(self, plan: Plan, dims: dict[str, str], columns: list[str], rng: random.Random) -> None:
        self.plan = plan
        self.dims = dims
        self.columns = columns
        self.rng = rng
        self.paged = dims["format"] != "html"
        self.in_text_sep = rng.choice((" ", " \u2013 ", ": ", ". "))
        self.headers = self._headers()
        self.period_headers = self._period_headers()
        self.measure_header = list(rng.choice(vocab.MEASURE_TABLE_HEADERS))
        self.measure_leadin = rng.choice(vocab.MEASURE_LEADINS)
        self.we_will = rng.choice(vocab.WE_WILL)
        self.owner_suffix = rng.choice(("(Lead: {})", "\u2013 {}", "[{}]"))
        self.one_table = rng.random() < 0.5  # spanning rows: one table for the whole plan
        self.first_section = True
        self.audience_form = rng.choice(("{}", "{}:"))

    # ------------------------------------------------------------------ tables
    def _headers(self) -> dict[str, str]:
        wording = self.dims["header_wording"]
        table = vocab.HEADERS_SYNONYM if wording == "synonym" else vocab.HEADERS_KNOWN
        return {k: self.rng.choice(v) for k, v in table.items()}

    def _period_headers(self) -> list[str]:
        label = fy_label(self.plan.fy)
        if self.dims["dates"] == "quarter_columns":
            form = self.rng.choice(("Q{q}", "Q{q} " + label, "Q{q} {m}"))
            return [form.format(q=q, m=("Apr-Jun", "Jul-Sep", "Oct-Dec", "Jan-Mar")[q - 1]) for q in range(1, 5)]
        style = self.rng.choice(("short", "year") + (("long",) if self.dims["format"] != "pdf" else ()))
        out = []
        for i in range(12):
            year, month = fy_month(self.plan.fy, i)
            short = SHORT_MONTHS[month - 1][:3]
            out.append(short if style == "short" else f"{short} {year % 100:02d}" if style == "year"
                       else MONTHS[month - 1])
        return out

    def header_row(self) -> list[str] | None:
        if self.dims["header_wording"] == "none":
            return None
        out: list[str] = []
        for col in self.columns:
            out += self.period_headers if col == "periods" else [self.headers[col]]
        return out

    def widths(self) -> list[float]:
        out: list[float] = []
        for col in self.columns:
            if col == "periods":
                out += [0.45 if len(self.period_headers) == 12 else 0.75] * len(self.period_headers)
            else:
                out.append(WIDTHS[col])
        return out

    def action_text(self, com: Commitment) -> str:
        if com.ref and self.dims["refs"] == "in_text":
            return f"{com.ref}{self.in_text_sep}{com.text}"
        return com.text

    def row(self, com: Commitment) -> list[Cell]:
        cells: list[Cell] = []
        for col in self.columns:
            if col == "periods":
                cells += com.period_cells
            elif col == "ref":
                cells.append(com.ref or "")
            elif col == "action":
                cells.append(self.action_text(com))
            elif col == "owner":
                cells.append(com.owner_cell)
            elif col == "assurance":
                cells.append(com.assurance_cell)
            elif col == "due":
                cells.append(com.due_cell)
            elif col == "measure":
                cells.append(com.measure.text if com.measure else "")
            elif col == "rag":
                cells.append(com.rag)
        return cells

    def table(self, rows: list[list[Cell] | Span]) -> Table:
        return Table(self.header_row(), rows, self.widths(), repeat_header=self.dims["page_breaks"] != "no_repeat",
                     small=len(self.widths()) > 8)

    def measures(self, indicators: list[Indicator], heading: bool = False) -> list[Block]:
        if not indicators:
            return []
        lead: Block = Heading(2, self.measure_leadin) if heading else Para(self.measure_leadin, "bold")
        if self.dims["measures"] == "own_table":
            rows: list[list[Cell] | Span] = [list(i.cells or (i.text, "", "")) for i in indicators]
            return [lead, Table(self.measure_header, rows, [3.0, 1.2, 1.4])]
        if indicators[0].audience is None:
            return [lead, Bullets([i.text for i in indicators])]
        out: list[Block] = [lead]
        for audience in dict.fromkeys(i.audience for i in indicators):  # groups in printed order
            label = self.audience_form.format(audience)
            out += [Para(label, "bold"), Bullets([i.text for i in indicators if i.audience == audience])]
        return out

    # ------------------------------------------------------------------ plan body
    def body(self) -> list[Block]:
        layout = self.dims["layout"]
        if layout == "table":
            return self.table_body()
        return self.prose_body(accordion=layout == "accordion")

    def _break(self) -> list[Block]:
        """A page break before each theme (or objective) but the first, when sections start pages."""
        first, self.first_section = self.first_section, False
        return [PageBreak()] if self.paged and not first and self.dims["page_breaks"] == "page_per_section" else []

    def table_body(self) -> list[Block]:
        plan, out = self.plan, []
        if plan.levels == "none":
            out.append(self.table([self.row(c) for c in plan.commitments()]))
            return out + self.measures(plan.end_indicators, heading=True)
        if self.dims["hierarchy"] == "spanning_rows":
            rows: list[list[Cell] | Span] = []
            for theme in plan.themes:
                if plan.levels == "two":
                    if not self.one_table and rows:
                        self.first_section = False
                        out += [self.table(rows), *self._break()]
                        rows = []
                    rows.append(Span(theme.heading, 1))
                for obj in theme.objectives:
                    rows.append(Span(obj.heading, 2))
                    rows += [self.row(c) for c in obj.commitments]
            out.append(self.table(rows))
            if any(o.indicators for o in plan.objectives()):  # measures after the table, by objective
                out.append(Heading(2, self.measure_leadin))
                for obj in plan.objectives():
                    if obj.indicators:
                        out += [Para(obj.heading, "bold"), *self.measures(obj.indicators)[1:]]
            return out
        for theme in plan.themes:
            if plan.levels == "two":
                out += [*self._break(), Heading(2, theme.heading)]
            for obj in theme.objectives:
                if plan.levels == "one":
                    out += self._break()
                out.append(Heading(3 if plan.levels == "two" else 2, obj.heading))
                out.append(self.table([self.row(c) for c in obj.commitments]))
                out += self.measures(obj.indicators)
        return out

    def bullet_text(self, com: Commitment) -> str:
        """A bullet as printed. A trailing owner ("(Lead: X)", "– X", "[X]") is part of the item's
        printed text, which the spec's `text` keeps whole; its owner is scored as an owner too."""
        text = self.action_text(com)
        if com.owner_cell:
            suffix = self.owner_suffix.format(com.owner_cell)
            text += " " + suffix
            com.text += " " + suffix
        return text

    def objective_blocks(self, obj: Objective) -> list[Block]:
        out: list[Block] = []
        if obj.lead_line:
            out.append(Para(obj.lead_line, "bold"))
        if obj.assurance_line:
            out.append(Para(obj.assurance_line))
        if self.rng.random() < 0.3:
            out.append(Para(self.rng.choice(WHY)))
        out += [Para(self.we_will), Bullets([self.bullet_text(c) for c in obj.commitments])]
        return out + self.measures(obj.indicators)

    def prose_body(self, accordion: bool) -> list[Block]:
        plan, out = self.plan, []
        if plan.levels == "none":
            inner: list[Block] = [Para(self.we_will), Bullets([self.bullet_text(c) for c in plan.commitments()])]
            if accordion:
                return [Section(self.rng.choice(("Our commitments", "What we will do", "Key deliverables")), inner),
                        *self.measures(plan.end_indicators, heading=True)]
            return inner + self.measures(plan.end_indicators, heading=True)
        for theme in plan.themes:
            if plan.levels == "two":
                out += [*self._break(), Heading(2, theme.heading)]
            for obj in theme.objectives:
                if plan.levels == "one":
                    out += self._break()
                if accordion:
                    out.append(Section(obj.heading, self.objective_blocks(obj)))
                else:
                    out += [Heading(3 if plan.levels == "two" else 2, obj.heading), *self.objective_blocks(obj)]
        return out

    # ------------------------------------------------------------------ chrome
    def document(self) -> Doc:
        plan, rng, dims = self.plan, self.rng, self.dims
        label = plan.period_label
        header = rng.choice((plan.org_name, f"{plan.org_name} | {plan.title}", plan.title))
        doc = Doc(plan.title, plan.org_name, header, rng.choice(("Page {n}", "{n}", "Page {n} | " + plan.title)),
                  landscape=dims["orientation"] == "landscape", ruling=dims["pdf_ruling"],
                  accordion_kind=rng.choice(("details", "button")),
                  split_rows=dims["page_breaks"] != "page_per_section" and rng.random() < 0.5,
                  nav=["Home", "About us", "Our services", "Publications", "Contact us"])
        foreword_title = rng.choice(vocab.FOREWORD_TITLES)
        body_title = rng.choice(vocab.BODY_TITLES).format(p=label)
        key_title = rng.choice(vocab.KEY_TITLES)
        b = doc.blocks
        b += [Para(plan.org_name, "org"), Para(plan.title, "title"),
              Para(rng.choice(vocab.APPROVAL_LINES).format(y=plan.fy), "small")]
        if self.paged:
            b.append(PageBreak())
        contents = [foreword_title, body_title]
        if plan.levels == "two" and rng.random() < 0.5:
            contents += [t.title for t in plan.themes]
        contents.append(vocab.MONITORING_TEXT[0])
        if plan.glossary:
            contents.append(key_title)
        b.append(Heading(1, "Contents"))
        b += [Para(f"{c} {'.' * 8} {i + 2}" if self.paged else c) for i, c in enumerate(contents)]
        sentences = [s.format(org=plan.org_name, p=label) for s in rng.sample(vocab.FOREWORD_SENTENCES, 8)]
        paras: list[Block] = [Para(" ".join(sentences[i:i + 2])) for i in range(0, 8, 2)]
        b += [Heading(1, foreword_title)]
        b += [Columns(paras)] if dims["prose_columns"] == "two" else paras
        if self.paged and rng.random() < 0.5:
            b.append(PageBreak())
        b.append(Heading(1, body_title))
        b += self.body()
        b += [Heading(1, vocab.MONITORING_TEXT[0]), Para(vocab.MONITORING_TEXT[1])]
        if plan.glossary:
            if self.paged:
                b.append(PageBreak())
            header_row = list(rng.choice(vocab.KEY_HEADERS)) if rng.random() < 0.7 else None
            b += [Heading(1, key_title),
                  Table(header_row, [[g.abbreviation, g.expansion] for g in plan.glossary], [1.0, 4.0])]
        return doc


def compose(plan: Plan, dims: dict[str, str], columns: list[str], rng: random.Random) -> Doc:
    return Composer(plan, dims, columns, rng).document()
