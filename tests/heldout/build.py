"""Held-out generalisation set: six fictional trusts' plans, each rendered from the same
Python data that gives its gold.json (plan JSON, ../../../shared/spec/plan-json.md).

    .venv/bin/python tests/heldout/build.py [OUT_DIR]      # default: this folder

Each document lives in OUT_DIR/<name>/ with its source file, gold.json and NOTES.md (the
NOTES.md files are hand-written and kept in this folder; build() copies them when the output
folder is elsewhere). Layouts, column names, date styles and owner styles deliberately differ
from the dev corpus (../../../shared/corpus).
"""
from __future__ import annotations

import hashlib
import html as htmlmod
import json
import shutil
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent


# ------------------------------------------------------------------ gold helpers
def clean(s: str) -> str:
    return " ".join(unicodedata.normalize("NFC", s).split())


def O(raw, title, portfolio):  # noqa: E743 - owner
    return {"raw": raw, "title": title, "portfolio": portfolio}


def D(raw, start=None, end=None):
    return {"raw": raw, "start": start, "end": end}


def T(comparator, value, unit):
    return {"comparator": comparator, "value": value, "unit": unit}


def B(value, unit):
    return {"value": value, "unit": unit}


def A(raw, title=None):
    return {"raw": raw, "title": title if title is not None else raw}


def ind(text, obj, com=None, target=None, baseline=None, due=None, audience=None):
    return {"objective_ref": obj, "commitment_ref": com, "audience": audience, "text": clean(text),
            "target": target, "baseline": baseline, "due": due}


def com(ref, obj, text, owners, due, assurance=()):
    return {"ref": ref, "objective_ref": obj, "text": clean(text), "owners": list(owners),
            "assurance": list(assurance), "due": due}


def write_gold(folder: Path, source: Path, fmt, title, org, period, themes=(), objectives=(),
               commitments=(), indicators=(), glossary=()):
    gold = {
        "schema_version": "1",
        "document": {
            "source": source.name,
            "sha256": hashlib.sha256(source.read_bytes()).hexdigest(),
            "format": fmt,
            "title": clean(title),
            "organisation": {"name": org, "code": None},
            "period": period,
        },
        "themes": list(themes),
        "objectives": list(objectives),
        "commitments": list(commitments),
        "indicators": list(indicators),
        "glossary": list(glossary),
    }
    (folder / "gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return gold


def prepare(out_dir: Path, name: str) -> Path:
    folder = Path(out_dir) / name
    folder.mkdir(parents=True, exist_ok=True)
    notes = HERE / name / "NOTES.md"
    if notes.is_file() and notes.resolve() != (folder / "NOTES.md").resolve():
        shutil.copyfile(notes, folder / "NOTES.md")
    return folder


FY2425 = {"label": "2024/25", "start": "2024-04-01", "end": "2025-03-31"}


# ================================================================== 1. Word, Priority | Action table
NORTHMOOR = "Northmoor Community Health NHS Trust"
N1_CPO = ("Jane Doe, Chief People Officer", "Chief People Officer", "workforce")
N1_MD = ("Dr Sam Patel, Medical Director", "Medical Director", "medical")
N1_COO = ("Mark Ellis, Chief Operating Officer", "Chief Operating Officer", "operations")
N1_DOF = ("Ruth Okafor, Director of Finance", "Director of Finance", "finance")
N1_CDIO = ("Tom Reid, Chief Digital Information Officer", "Chief Digital Information Officer", "digital")

N1_DUE = {
    "31/10/2024": D("31/10/2024", "2024-10-31", "2024-10-31"),
    "Sep-24": D("Sep-24", "2024-09-01", "2024-09-30"),
    "H2 2024/25": D("H2 2024/25", "2024-10-01", "2025-03-31"),
    "End of Q3": D("End of Q3", None, "2024-12-31"),
    "31/03/2025": D("31/03/2025", "2025-03-31", "2025-03-31"),
}

# (ref, title, [(action ref, text, [owners], due, [(measure, target)])])
N1_PRIORITIES = [
    ("P1", "Grow, support and retain our workforce", [
        ("P1.a", "Launch a refreshed flexible working policy and a ‘stay conversation’ for every new starter "
                 "in their first year", [N1_CPO], "31/10/2024",
         [("Staff turnover below 12%", T("<", 12, "%")),
          ("Vacancy rate reduced to 7%", T("=", 7, "%"))]),
        ("P1.b", "Open a health and wellbeing hub at each of our three community bases", [N1_CPO], "Sep-24",
         [("Sickness absence no higher than 4.5%", T("<=", 4.5, "%"))]),
        ("P1.c", "Deliver the legacy mentoring programme for clinical staff close to retirement",
         [N1_CPO, N1_MD], "H2 2024/25",
         [("At least 40 staff mentored", T(">=", 40, "count"))]),
    ]),
    ("P2", "Deliver more care closer to home", [
        ("P2.a", "Extend the urgent community response service to 8am–10pm, seven days a week", [N1_COO],
         "End of Q3",
         [("80% of urgent community response referrals seen within 2 hours", T("=", 80, "%"))]),
        ("P2.b", "Increase virtual ward capacity for frailty and respiratory patients", [N1_COO, N1_MD],
         "31/03/2025",
         [("Virtual ward occupancy of at least 85%", T(">=", 85, "%")),
          ("120 virtual ward beds open", T("=", 120, "count"))]),
        ("P2.c", "Roll out a single point of access for community nursing referrals", [N1_COO], "Sep-24",
         [("Referrals processed within 1 working day: 95%", T("=", 95, "%"))]),
    ]),
    ("P3", "Spend every pound well", [
        ("P3.a", "Deliver the 2024/25 cost improvement programme", [N1_DOF], "31/03/2025",
         [("£4.1m CIP delivered recurrently", T("=", 4100000, "GBP"))]),
        ("P3.b", "Reduce agency spend through a collaborative staff bank with our acute partner",
         [N1_DOF, N1_CPO], "End of Q3",
         [("Agency spend reduced by 30%", T("reduce_by", 30, "%")),
          ("Agency spend below 3.2% of the pay bill", T("<", 3.2, "%"))]),
        ("P3.c", "Replace the electronic patient record for community services", [N1_CDIO], "H2 2024/25",
         [("Go-live signed off by the Digital Board", None)]),
    ]),
]

N1_ACRONYMS = [  # (acronym, meaning, printed type, kind)
    ("CDIO", "Chief Digital Information Officer", "Role", "owner"),
    ("CIP", "Cost improvement programme", "Term", "other"),
    ("CPO", "Chief People Officer", "Role", "owner"),
    ("EPR", "Electronic patient record", "Term", "other"),
    ("FPC", "Finance and Performance Committee", "Committee", "group"),
    ("ICB", "Integrated care board", "Organisation", "other"),
    ("PC", "People Committee", "Committee", "group"),
    ("UCR", "Urgent community response", "Service", "other"),
]


def _save_docx(d, path: Path) -> None:
    """Save with fixed dates and zip timestamps, so a rebuild gives the same bytes (and sha256)."""
    import datetime
    import io
    import zipfile
    fixed = datetime.datetime(2024, 3, 28, 9, 0, 0)
    d.core_properties.created = d.core_properties.modified = fixed
    d.core_properties.last_printed = fixed
    buf = io.BytesIO()
    d.save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(zipfile.ZipInfo(info.filename, date_time=(2024, 3, 28, 9, 0, 0)), src.read(info.filename),
                         compress_type=zipfile.ZIP_DEFLATED)


def _shade(cell, fill):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    tcPr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcPr.append(shd)


def _repeat_header(row):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    trPr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trPr.append(el)


def _set_cell(cell, paragraphs, bold=False):
    cell.text = ""
    first = True
    for p in paragraphs:
        para = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        run = para.add_run(p)
        run.bold = bold


def build_northmoor(out_dir) -> Path:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    name = "northmoor-2024-25-delivery-plan-docx"
    folder = prepare(out_dir, name)
    src = folder / "northmoor-2024-25-delivery-plan.docx"
    title = "Annual Delivery Plan 2024-25"

    d = docx.Document()
    sec = d.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Cm(29.7), Cm(21.0)
    for m in ("left_margin", "right_margin"):
        setattr(sec, m, Cm(1.8))
    d.styles["Normal"].font.size = Pt(10)
    sec.header.paragraphs[0].text = f"{NORTHMOOR} | {title}"
    d.add_paragraph(NORTHMOOR).runs[0].bold = True
    d.add_paragraph(title, style="Title")
    d.add_paragraph("Agreed by the Trust Board on 28 March 2024. This plan sets out the actions we will take "
                    "during 2024-25, the first year of our five-year strategy, and how we will know they "
                    "have worked.")
    d.add_heading("Our priorities for 2024-25", level=1)
    d.add_paragraph("Each action has a responsible director and a date by which it will be complete. Progress "
                    "is reported to the Board every quarter.")

    header = ["Priority", "Action", "Responsible director", "Due by", "How we will measure success"]
    table = d.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for c, h in zip(table.rows[0].cells, header, strict=True):
        _set_cell(c, [h], bold=True)
        _shade(c, "1F4E79")
    _repeat_header(table.rows[0])
    objectives, commitments, indicators = [], [], []
    for pref, ptitle, actions in N1_PRIORITIES:
        objectives.append({"ref": pref, "theme_ref": None, "title": ptitle, "outcome": None})
        first_row = None
        for aref, text, owners, due, measures in actions:
            row = table.add_row()
            cells = row.cells
            if first_row is None:
                first_row = row
            _set_cell(cells[1], [f"{aref} {text}"])
            _set_cell(cells[2], [o[0] for o in owners])
            _set_cell(cells[3], [due])
            _set_cell(cells[4], [m for m, _ in measures])
            commitments.append(com(aref, pref, text, [O(*o) for o in owners], N1_DUE[due]))
            for m, tgt in measures:
                indicators.append(ind(m, pref, aref, tgt))
        top = first_row.cells[0]
        merged = top.merge(table.rows[-1].cells[0])
        _set_cell(merged, [f"{pref}: {ptitle}"], bold=True)
    widths = [Cm(4.5), Cm(7.5), Cm(4.5), Cm(2.6), Cm(6.8)]
    for row in table.rows:
        for c, w in zip(row.cells, widths, strict=True):
            c.width = w

    d.add_heading("Acronyms", level=1)
    gt = d.add_table(rows=1, cols=3)
    gt.style = "Table Grid"
    for c, h in zip(gt.rows[0].cells, ["Acronym", "Meaning", "Type"], strict=True):
        _set_cell(c, [h], bold=True)
    glossary = []
    for ab, meaning, typ, kind in N1_ACRONYMS:
        cells = gt.add_row().cells
        _set_cell(cells[0], [ab])
        _set_cell(cells[1], [meaning])
        _set_cell(cells[2], [typ])
        glossary.append({"abbreviation": ab, "expansion": meaning, "kind": kind})
    _save_docx(d, src)
    write_gold(folder, src, "docx", title, NORTHMOOR,
               {"label": "2024-25", "start": "2024-04-01", "end": "2025-03-31"},
               objectives=objectives, commitments=commitments, indicators=indicators, glossary=glossary)
    return folder


# ================================================================== PDF helpers
def _styles():
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    ss = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=ss["BodyText"], fontName="Helvetica", fontSize=9.5, leading=12)
    bold = ParagraphStyle("bold", parent=body, fontName="Helvetica-Bold")
    head = ParagraphStyle("head", parent=body, fontName="Helvetica-Bold", textColor="white")
    bullet = ParagraphStyle("bullet", parent=body, leftIndent=10, bulletIndent=0)
    return ss, body, bold, head, bullet


def _x(s):
    return htmlmod.escape(s, quote=False)


# ================================================================== 2. PDF, ruled grid, spanned goals
ELMBRIDGE = "Elmbridge Valley Hospitals NHS Foundation Trust"
E_LEADS = {
    "Chief Nurse": O("Chief Nurse", "Chief Nurse", "nursing"),
    "CMO": O("CMO", "Chief Medical Officer", "medical"),
    "COO": O("COO", "Chief Operating Officer", "operations"),
    "CFO": O("CFO", "Chief Financial Officer", "finance"),
    "CPO": O("CPO", "Chief People Officer", "workforce"),
    "Director of Strategy": O("Director of Strategy", "Director of Strategy", "strategy"),
}
E_DUE = {
    "Q1": D("Q1", "2024-04-01", "2024-06-30"),
    "Q2": D("Q2", "2024-07-01", "2024-09-30"),
    "Q3": D("Q3", "2024-10-01", "2024-12-31"),
    "Q4": D("Q4", "2025-01-01", "2025-03-31"),
    "Q1-Q4": D("Q1-Q4", "2024-04-01", "2025-03-31"),
    "Q2-Q3": D("Q2-Q3", "2024-07-01", "2024-12-31"),
    "Jun 2024": D("Jun 2024", "2024-06-01", "2024-06-30"),
    "By Sep 24": D("By Sep 24", None, "2024-09-30"),
    "By Dec 24": D("By Dec 24", None, "2024-12-31"),
    "Mar 25": D("Mar 25", "2025-03-01", "2025-03-31"),
}
# (theme letter, theme title, [(goal, goal title, [(ref, text, leads, timescale, target text, target)])])
E_THEMES = [
    ("A", "Safe care", [
        ("G1", "Reduce avoidable harm", [
            ("G1.1", "Implement the falls prevention bundle on all adult inpatient wards, including lying and "
                     "standing blood pressure checks, post-fall huddles and a falls champion on every ward",
             ["Chief Nurse"], "Q2", "Reduce falls by 15%", T("reduce_by", 15, "%")),
            ("G1.2", "Introduce electronic observations and automated deterioration alerts across the medical "
                     "and surgical divisions, with escalation to the critical care outreach team",
             ["CMO"], "Jun 2024", "95% of observations recorded on time", T("=", 95, "%")),
            ("G1.3", "Complete the move to the Patient Safety Incident Response Framework and publish our "
                     "first patient safety incident response plan", ["Chief Nurse"], "By Sep 24",
             "Zero overdue patient safety investigations", T("=", 0, "count")),
        ]),
        ("G2", "Improve timely access to care", [
            ("G2.1", "Reduce long waits for planned care through additional weekend theatre lists, insourcing "
                     "and validation of every waiting list", ["COO"], "Q1-Q4",
             "No more than 10 patients waiting over 65 weeks", T("<=", 10, "count")),
            ("G2.2", "Open a same day emergency care unit next to the emergency department, staffed by acute "
                     "physicians and advanced clinical practitioners", ["COO"], "Q3",
             "76% of patients seen within 4 hours", T("=", 76, "%")),
            ("G2.3", "Extend community diagnostic centre opening to 12 hours a day, 7 days a week",
             ["COO", "CFO"], "Q2-Q3", "Diagnostic waits over 6 weeks below 5%", T("<", 5, "%")),
        ]),
    ]),
    ("B", "Sustainable services", [
        ("G3", "Look after our people", [
            ("G3.1", "Launch a health and wellbeing offer with fast-track musculoskeletal and mental health "
                     "support for all staff", ["CPO"], "Q1", "Sickness absence below 4%", T("<", 4, "%")),
            ("G3.2", "Deliver the Just Culture programme to every line manager and include it in the "
                     "management induction", ["CPO"], "By Dec 24", "At least 90% of managers trained",
             T(">=", 90, "%")),
        ]),
        ("G4", "Use our resources well", [
            ("G4.1", "Deliver the FY25 efficiency programme through theatre productivity, medicines "
                     "optimisation and procurement savings", ["CFO"], "Q4", "£3.2m savings",
             T("=", 3200000, "GBP")),
            ("G4.2", "Reduce our reliance on agency staff through an expanded staff bank and better rostering",
             ["CFO", "CPO"], "Q1-Q4", "Reduce agency spend by 25%", T("reduce_by", 25, "%")),
            ("G4.3", "Complete the outline business case for the new cancer day unit", ["Director of Strategy"],
             "Mar 25", "Business case approved by the Board", None),
        ]),
    ]),
]


def build_elmbridge(out_dir) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    name = "elmbridge-fy25-annual-plan-pdf"
    folder = prepare(out_dir, name)
    src = folder / "elmbridge-fy25-annual-plan.pdf"
    title = "Annual Plan FY25"
    ss, body, bold, head, _ = _styles()
    story = [Paragraph(_x(ELMBRIDGE), ss["Heading3"]), Paragraph(title, ss["Title"]),
             Paragraph("This plan covers the financial year 1 April 2024 to 31 March 2025 (FY25). It sets out "
                       "our goals under two themes, what we will do to achieve them, who leads each action, "
                       "when it will be done and the target we will be held to.", body), Spacer(1, 8)]
    data = [[Paragraph(h, head) for h in ["Goal", "Ref", "What we will do", "Lead", "Timescale", "Target"]]]
    style = [("GRID", (0, 0), (-1, -1), 0.6, colors.black),
             ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#005EB8")),
             ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("TOPPADDING", (0, 0), (-1, -1), 16), ("BOTTOMPADDING", (0, 0), (-1, -1), 24)]
    themes, objectives, commitments, indicators = [], [], [], []
    for letter, ttitle, goals in E_THEMES:
        r = len(data)
        data.append([Paragraph(_x(f"Theme {letter} – {ttitle}"), head), "", "", "", "", ""])
        style += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), colors.HexColor("#7C2855"))]
        themes.append({"ref": letter, "title": ttitle})
        for g, gtitle, rows in goals:
            objectives.append({"ref": g, "theme_ref": letter, "title": gtitle, "outcome": None})
            first = len(data)
            for i, (ref, text, leads, when, ttext, tgt) in enumerate(rows):
                gcell = Paragraph(f"<b>{g}</b><br/>{_x(gtitle)}", body) if i == 0 else ""
                data.append([gcell, Paragraph(ref, body), Paragraph(_x(text), body),
                             Paragraph(" / ".join(leads), body), Paragraph(when, body),
                             Paragraph(_x(ttext), body)])
                commitments.append(com(ref, g, text, [E_LEADS[x] for x in leads], E_DUE[when]))
                indicators.append(ind(ttext, g, ref, tgt))
            style.append(("SPAN", (0, first), (0, len(data) - 1)))
    t = Table(data, colWidths=[3.0 * cm, 1.3 * cm, 6.5 * cm, 2.4 * cm, 2.2 * cm, 3.2 * cm], repeatRows=1)
    t.setStyle(TableStyle(style))
    story.append(t)
    story += [Spacer(1, 10), Paragraph("Progress against every target is reported to the Board each quarter "
                                       "in the integrated performance report.", body)]

    def furniture(canv, doc):
        canv.saveState()
        canv.setFont("Helvetica", 8)
        canv.drawString(2 * cm, 1.2 * cm, f"{ELMBRIDGE} – {title}")
        canv.drawRightString(A4[0] - 2 * cm, 1.2 * cm, str(doc.page))
        canv.restoreState()

    doc = SimpleDocTemplate(str(src), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2 * cm,
                            bottomMargin=2.2 * cm, title=title, author=ELMBRIDGE, invariant=1)
    doc.build(story, onFirstPage=furniture, onLaterPages=furniture)
    write_gold(folder, src, "pdf", title, ELMBRIDGE, {"label": "FY25", "start": "2024-04-01", "end": "2025-03-31"},
               themes=themes, objectives=objectives, commitments=commitments, indicators=indicators)
    return folder


# ================================================================== 3. PDF, landscape, horizontal rules only
ALDER = "Aldercombe Partnership NHS Foundation Trust"
A_SRO = {
    "Director of Operations": O("Director of Operations", "Director of Operations", "operations"),
    "Director of Nursing and Quality": O("Director of Nursing and Quality", "Director of Nursing and Quality",
                                         "nursing"),
    "Chief Medical Officer": O("Chief Medical Officer", "Chief Medical Officer", "medical"),
    "Chief Digital Officer": O("Chief Digital Officer", "Chief Digital Officer", "digital"),
    "Director of People": O("Director of People", "Director of People", "workforce"),
    "Director of Finance": O("Director of Finance", "Director of Finance", "finance"),
}
A_DUE = {
    "March 2025": D("March 2025", "2025-03-01", "2025-03-31"),
    "by end of December 2024": D("by end of December 2024", None, "2024-12-31"),
    "Ongoing": D("Ongoing"),
    "TBC": D("TBC"),
    "September 2024": D("September 2024", "2024-09-01", "2024-09-30"),
}
# (workstream, [(milestones, SRO, completion date)], [(KPI, target)])
A_WORKSTREAMS = [
    ("Community mental health transformation", [
        (["Recruit to the 12 new community roles funded by the integrated care board",
          "Launch a single front door for adult community mental health referrals"],
         "Director of Operations", "March 2025"),
        (["Co-produce a new care planning standard with people who use our services and their carers"],
         "Director of Nursing and Quality", "by end of December 2024"),
    ], [("Adults waiting over 18 weeks for a first appointment reduced by 50%", T("reduce_by", 50, "%")),
        ("90% of routine referrals triaged within 72 hours", T("=", 90, "%"))]),
    ("Inpatient flow", [
        (["Open the 16-bed acute assessment unit at Aldercombe House",
          "Introduce twice-daily board rounds on all adult acute wards",
          "Agree a discharge to assess pathway with both local authorities"],
         "Chief Medical Officer", "by end of December 2024"),
    ], [("Out of area placements reduced to zero", T("=", 0, "count")),
        ("Average length of stay below 35 days", T("<", 35, "days"))]),
    ("Digital clinical systems", [
        (["Deploy electronic prescribing and medicines administration to every inpatient ward",
          "Replace paper rosters with e-rostering for all clinical teams"],
         "Chief Digital Officer", "TBC"),
        (["Give service users access to their care plan through the NHS App"],
         "Chief Digital Officer", "September 2024"),
    ], [("100% of inpatient wards using electronic prescribing", T("=", 100, "%"))]),
    ("Workforce", [
        (["Deliver a preceptorship programme for every newly qualified nurse",
          "Run quarterly recruitment open days with local universities"],
         "Director of People", "Ongoing"),
    ], [("Registered nurse vacancy rate no higher than 10%", T("<=", 10, "%")),
        ("Staff survey engagement score above 7.0", T(">", 7.0, "count"))]),
    ("Financial sustainability", [
        (["Agree the 2025/26 financial plan with the integrated care board",
          "Release two surplus community bases and consolidate teams into hubs"],
         "Director of Finance", "March 2025"),
    ], [("£2.5m recurrent efficiency savings", T("=", 2500000, "GBP")),
        ("Agency spend below 3% of total pay", T("<", 3, "%"))]),
]


def _numbered_canvas(header_left, header_right):
    from reportlab.pdfgen import canvas

    class NumberedCanvas(canvas.Canvas):
        def __init__(self, *a, **k):
            super().__init__(*a, **k)
            self._saved = []

        def showPage(self):
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            n = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                w, h = self._pagesize
                self.setFont("Helvetica", 8)
                self.drawString(36, h - 28, header_left)
                self.drawRightString(w - 36, h - 28, header_right)
                self.drawCentredString(w / 2, 20, f"Page {self._pageNumber} of {n}")
                super().showPage()
            super().save()

    return NumberedCanvas


def build_aldercombe(out_dir) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    name = "aldercombe-2024-25-transformation-pdf"
    folder = prepare(out_dir, name)
    src = folder / "aldercombe-2024-25-transformation.pdf"
    title = "Transformation Programme 2024/25: Delivery Plan"
    ss, body, bold, head, bullet = _styles()
    head = bold

    def bullets(items):
        return [Paragraph(_x(x), bullet, bulletText="•") for x in items]

    story = [Paragraph(title, ss["Title"]),
             Paragraph("Our transformation programme has five workstreams, each led by a senior responsible "
                       "owner (SRO). The milestones below are those we expect to complete in 2024/25; the KPIs "
                       "show how the Board will know each workstream is working.", body), Spacer(1, 8)]
    data = [[Paragraph(h, head) for h in ["Workstream", "Key milestones", "SRO", "Completion date", "KPIs"]]]
    style = [("LINEABOVE", (0, 0), (-1, 0), 1.2, colors.black), ("LINEBELOW", (0, 0), (-1, 0), 1.2, colors.black),
             ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 6),
             ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]
    objectives, commitments, indicators = [], [], []
    for n, (ws, rows, kpis) in enumerate(A_WORKSTREAMS, 1):
        oref = str(n)
        objectives.append({"ref": oref, "theme_ref": None, "title": ws, "outcome": None, "ref_printed": False})
        first = len(data)
        for i, (milestones, sro, when) in enumerate(rows):
            data.append([Paragraph(_x(ws), bold) if i == 0 else "", bullets(milestones), Paragraph(_x(sro), body),
                         Paragraph(_x(when), body), bullets([k for k, _ in kpis]) if i == 0 else ""])
            for m in milestones:
                commitments.append(com(None, oref, m, [A_SRO[sro]], A_DUE[when]))
        for k, tgt in kpis:
            indicators.append(ind(k, oref, None, tgt))
        style.append(("LINEBELOW", (0, len(data) - 1), (-1, len(data) - 1), 0.5, colors.grey))
        if len(rows) > 1:
            style.append(("SPAN", (4, first), (4, len(data) - 1)))
    t = Table(data, colWidths=[4.6 * cm, 9.4 * cm, 3.8 * cm, 3.2 * cm, 6.2 * cm], repeatRows=1)
    t.setStyle(TableStyle(style))
    story.append(t)
    canv = _numbered_canvas(ALDER, "Transformation Programme Delivery Plan 2024/25")
    doc = SimpleDocTemplate(str(src), pagesize=landscape(A4), leftMargin=1.3 * cm, rightMargin=1.3 * cm,
                            topMargin=1.6 * cm, bottomMargin=1.4 * cm, title=title, author=ALDER, invariant=1)
    doc.build(story, canvasmaker=canv)
    write_gold(folder, src, "pdf", title, ALDER, dict(FY2425), objectives=objectives, commitments=commitments,
               indicators=indicators)
    return folder


# ================================================================== 4. Word prose, "Ambition N:" headings
FENWICK = "Fenwick Vale Community NHS Trust"
F_OWN = {
    "Chief Operating Officer": O("Chief Operating Officer", "Chief Operating Officer", "operations"),
    "Director of Nursing": O("Director of Nursing", "Director of Nursing", "nursing"),
    "Medical Director": O("Medical Director", "Medical Director", "medical"),
    "Director of People": O("Director of People", "Director of People", "workforce"),
    "Director of Finance": O("Director of Finance", "Director of Finance", "finance"),
    "Chief Executive": O("Chief Executive", "Chief Executive", "chief_executive"),
    "Chief Digital Officer": O("Chief Digital Officer", "Chief Digital Officer", "digital"),
}
F_DUE = {
    "by March 2025": D("by March 2025", None, "2025-03-31"),
    "by March 2026": D("by March 2026", None, "2026-03-31"),
    "by December 2024": D("by December 2024", None, "2024-12-31"),
    "by Q2 2024/25": D("by Q2 2024/25", None, "2024-09-30"),
    "during 2024/25": D("during 2024/25", "2024-04-01", "2025-03-31"),
    "ongoing": D("ongoing"),
}
# (ambition no., title, context, [(text, [leads], due)], [(measure, baseline text, target text, baseline, target)])
F_AMBITIONS = [
    ("1", "Outstanding care in people’s homes",
     "Most of our patients tell us they would rather be cared for at home. We will make that the first "
     "choice wherever it is safe.", [
         ("Expand the hospital at home service to cover the whole county", ["Chief Operating Officer"],
          "by March 2025"),
         ("Give every patient on a community nursing caseload a named nurse", ["Director of Nursing"],
          "by March 2026"),
         ("Introduce a 24/7 palliative care advice line with our hospice partners", ["Medical Director"],
          "by December 2024"),
     ], [("Patients cared for by hospital at home each month", "210", "400", B(210, "count"),
          T("=", 400, "count")),
         ("Urgent community response within 2 hours", "71%", "80%", B(71, "%"), T("=", 80, "%"))]),
    ("2", "A great place to work",
     "Our people are our greatest strength, and too many of them tell us they are thinking of leaving.", [
         ("Launch a career pathway for healthcare support workers", ["Director of People"], "by Q2 2024/25"),
         ("Halve the use of agency staff in community nursing", ["Director of People", "Director of Finance"],
          "during 2024/25"),
         ("Hold a staff listening event in every locality each year", ["Chief Executive"], "ongoing"),
     ], [("Staff turnover", "14.8%", "11%", B(14.8, "%"), T("=", 11, "%")),
         ("Staff recommending the Trust as a place to work", "58%", "at least 65%", B(58, "%"),
          T(">=", 65, "%"))]),
    ("3", "Making every pound count",
     "We will spend public money as carefully as our own, and free clinical time for care.", [
         ("Move all community teams onto a single electronic patient record", ["Chief Digital Officer"],
          "by March 2026"),
         ("Release £1.8m a year by giving up leased office space we no longer need", ["Director of Finance"],
          "by March 2025"),
     ], [("Recurrent efficiency savings", "£2.1m", "£6m", B(2100000, "GBP"), T("=", 6000000, "GBP")),
         ("Clinical time spent on documentation", "30%", "below 20%", B(30, "%"), T("<", 20, "%"))]),
]


def build_fenwick(out_dir) -> Path:
    import docx
    from docx.shared import Pt

    name = "fenwick-2023-2026-clinical-strategy-docx"
    folder = prepare(out_dir, name)
    src = folder / "fenwick-2023-2026-clinical-strategy.docx"
    title = "Our Clinical Strategy 2023–2026"
    d = docx.Document()
    d.styles["Normal"].font.size = Pt(10.5)
    d.add_paragraph(FENWICK).runs[0].bold = True
    d.add_paragraph(title, style="Title")
    d.add_heading("Foreword", level=1)
    d.add_paragraph("This strategy sets out what we will do between April 2023 and March 2026 to deliver our "
                    "three ambitions. It was shaped by more than 1,200 conversations with patients, carers, "
                    "staff and partners during 2022.")
    objectives, commitments, indicators = [], [], []
    for n, atitle, context, items, measures in F_AMBITIONS:
        objectives.append({"ref": n, "theme_ref": None, "title": atitle, "outcome": None})
        d.add_heading(f"Ambition {n}: {atitle}", level=1)
        d.add_paragraph(context)
        d.add_paragraph("We will:")
        for text, leads, due in items:
            item = f"{text} (Lead: {' and '.join(leads)}, {due})"
            d.add_paragraph(item, style="List Bullet")
            # text = the whole item as printed, the lead/date parenthesis included (spec: "the whole
            # text of that one item"; the dev corpus keeps in-text date phrases, lakeside NOTES.md)
            commitments.append(com(None, n, item, [F_OWN[x] for x in leads], F_DUE[due]))
        d.add_heading("How we will measure progress", level=2)
        t = d.add_table(rows=1, cols=3)
        t.style = "Table Grid"
        for c, h in zip(t.rows[0].cells, ["Measure", "Baseline", "Target by March 2026"], strict=True):
            _set_cell(c, [h], bold=True)
        for m, btext, ttext, base, tgt in measures:
            cells = t.add_row().cells
            _set_cell(cells[0], [m])
            _set_cell(cells[1], [btext])
            _set_cell(cells[2], [ttext])
            indicators.append(ind(m, n, None, tgt, base, D("by March 2026", None, "2026-03-31")))
    d.add_heading("How we will report", level=1)
    d.add_paragraph("The Board will receive a progress report every six months, and we will publish an annual "
                    "summary on our website.")
    _save_docx(d, src)
    write_gold(folder, src, "docx", title, FENWICK, {"label": "2023–2026", "start": "2023-04-01",
                                                     "end": "2026-03-31"},
               objectives=objectives, commitments=commitments, indicators=indicators)
    return folder


# ================================================================== 5. HTML page, rowspan / colspan
HARBOUR = "Harbourside Hospitals NHS Foundation Trust"
H_OWN = {
    "CNO": O("CNO", "Chief Nursing Officer", "nursing"),
    "COO": O("COO", "Chief Operating Officer", "operations"),
    "CFO": O("CFO", "Chief Financial Officer", "finance"),
    "MD": O("MD", "Medical Director", "medical"),
    "DoF": O("DoF", "Director of Finance", "finance"),
}
H_DUE = {
    "Q1": D("Q1", "2025-04-01", "2025-06-30"),
    "Q2": D("Q2", "2025-07-01", "2025-09-30"),
    "Q3": D("Q3", "2025-10-01", "2025-12-31"),
    "Q4": D("Q4", "2026-01-01", "2026-03-31"),
}
# (aim no., aim title, [(obj ref, obj title, shared measures or None, [(deliverable, owners, date, measures)])])
H_AIMS = [
    ("1", "Safe, high-quality care", [
        ("1.1", "Reduce harm from deterioration",
         [("Cardiac arrest calls reduced by 20%", T("reduce_by", 20, "%")),
          ("95% of registered nurses trained in sepsis recognition", T("=", 95, "%"))], [
             ("Roll out NEWS2 electronic escalation to all adult wards", ["CNO"], "Q2", []),
             ("Train every registered nurse in sepsis recognition and the sepsis six", ["CNO"], "Q3", []),
         ]),
        ("1.2", "Improve patients’ experience of leaving hospital", None, [
            ("Open a discharge lounge and launch the ‘home for lunch’ programme", ["COO"], "Q1",
             [("Discharges before noon above 33%", T(">", 33, "%"))]),
        ]),
    ]),
    ("2", "Sustainable services", [
        ("2.1", "Recover elective performance", None, [
            ("Deliver the elective recovery plan for orthopaedics and ophthalmology", ["COO"], "Q4",
             [("No patients waiting over 52 weeks", T("=", 0, "count"))]),
            ("Open the second cataract theatre at the Quayside treatment centre", ["CFO", "COO"], "Q2",
             [("Theatre utilisation of at least 85%", T(">=", 85, "%"))]),
        ]),
        ("2.2", "Deliver financial balance", None, [
            ("Deliver the 2025/26 cost improvement programme", ["DoF"], "Q4",
             [("£9.5m efficiencies delivered", T("=", 9500000, "GBP"))]),
            ("Complete the consultant job-planning review", ["MD"], "Q3",
             [("100% of consultants with an agreed job plan", T("=", 100, "%"))]),
        ]),
    ]),
]

H_CHROME_TOP = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>Implementation plan 2025/26 - Harbourside Hospitals NHS Foundation Trust</title>
<style>body{font-family:Arial,sans-serif}.cookie{background:#222;color:#fff;padding:8px}
nav ul{list-style:none;display:flex;gap:1em}table{border-collapse:collapse}
td,th{border:1px solid #999;padding:4px;vertical-align:top}
tr.aim th{background:#005eb8;color:#fff;text-align:left}</style>
<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}</script>
</head><body>
<div class="cookie" id="cookie-banner"><p>We use cookies to make this website work and to understand how you use it.
We will not set optional cookies unless you accept them.</p>
<button>Accept all cookies</button> <button>Reject optional cookies</button>
<a href="/cookies">Change cookie settings</a></div>
<header><a href="/" class="logo">Harbourside Hospitals NHS Foundation Trust</a>
<form role="search"><label for="q">Search our website for services, conditions, jobs and news</label>
<input id="q"></form>
<nav aria-label="Main"><ul><li><a href="/services">Our services</a>
</li><li><a href="/patients">Patients and visitors</a></li>
<li><a href="/work">Work for us</a></li><li><a href="/about">About us</a>
</li><li><a href="/news">News</a></li>
<li><a href="/contact">Contact us</a></li></ul></nav></header>
<nav class="breadcrumb" aria-label="Breadcrumb"><ol><li><a href="/">Home</a>
</li><li><a href="/about">About us</a></li>
<li><a href="/about/plans">Our plans and strategies</a></li><li>Implementation plan 2025/26</li></ol></nav>
<main id="content">
"""
H_CHROME_BOTTOM = """</main>
<aside><h2>Related pages</h2><ul><li><a href="/about/strategy">Our strategy 2023-2028</a></li>
<li><a href="/about/board">Board meetings and papers</a></li>
<li><a href="/about/annual-report">Annual report</a></li></ul></aside>
<footer><ul><li><a href="/accessibility">Accessibility statement</a>
</li><li><a href="/privacy">Privacy notice</a></li>
<li><a href="/foi">Freedom of information</a></li></ul>
<p>&copy; 2025 Harbourside Hospitals NHS Foundation Trust, Quayside Road, Harbourside HB1 2XY</p></footer>
<script>document.querySelector('#cookie-banner button').onclick=function(){this.parentNode.remove()}</script>
</body></html>
"""


def build_harbourside(out_dir) -> Path:
    name = "harbourside-2025-26-implementation-html"
    folder = prepare(out_dir, name)
    src = folder / "harbourside-2025-26-implementation.html"
    title = "Implementation plan 2025/26"
    e = htmlmod.escape
    out = [H_CHROME_TOP, f"<h1>{title}</h1>",
           "<p><strong>How we will deliver the first year of our strategy</strong></p>",
           "<p>This implementation plan sets out what we will deliver between April 2025 and March 2026 under "
           "each of our two strategic aims, which executive director owns each deliverable, the quarter by "
           "which it will be done and how we will measure success.</p>",
           "<table><thead><tr><th>Objective</th><th>Deliverable</th><th>Executive owner</th><th>Target date</th>"
           "<th>Success measures</th></tr></thead><tbody>"]
    themes, objectives, commitments, indicators = [], [], [], []

    def ul(ms):
        return "<ul>" + "".join(f"<li>{e(m)}</li>" for m, _ in ms) + "</ul>"

    for aim, atitle, objs in H_AIMS:
        themes.append({"ref": aim, "title": atitle})
        out.append(f'<tr class="aim"><th colspan="5">Strategic aim {aim}: {e(atitle)}</th></tr>')
        for oref, otitle, shared, dels in objs:
            objectives.append({"ref": oref, "theme_ref": aim, "title": otitle, "outcome": None})
            n = len(dels)
            for i, (text, owners, when, ms) in enumerate(dels):
                cells = []
                if i == 0:
                    rs = f' rowspan="{n}"' if n > 1 else ""
                    cells.append(f"<td{rs}><strong>{oref}</strong> {e(otitle)}</td>")
                cells += [f"<td>{e(text)}</td>", f"<td>{e('/'.join(owners))}</td>", f"<td>{when}</td>"]
                if shared is not None:
                    if i == 0:
                        cells.append(f'<td rowspan="{n}">{ul(shared)}</td>')
                else:
                    cells.append(f"<td>{ul(ms) if len(ms) > 1 else e(ms[0][0])}</td>")
                out.append("<tr>" + "".join(cells) + "</tr>")
                commitments.append(com(None, oref, text, [H_OWN[x] for x in owners], H_DUE[when]))
                if i == 0 and shared is not None:  # the spanning cell is printed in the first row
                    indicators += [ind(m, oref, None, tgt) for m, tgt in shared]
                indicators += [ind(m, oref, None, tgt) for m, tgt in ms]
    out.append("</tbody></table>")
    out.append("<p>CNO: Chief Nursing Officer. The plan is reviewed by the Board every quarter; see the "
               "<a href=\"/about/board\">Board papers</a>.</p>")
    out.append("<p>Page last reviewed: 14 April 2025</p>")
    out.append(H_CHROME_BOTTOM)
    src.write_text("\n".join(out), encoding="utf-8")
    write_gold(folder, src, "html", title, HARBOUR, {"label": "2025/26", "start": "2025-04-01", "end": "2026-03-31"},
               themes=themes, objectives=objectives, commitments=commitments, indicators=indicators)
    return folder


# ================================================================== 6. PDF, no header repeat, row split
WESTVALE = "Westvale Integrated Care NHS Trust"
W_OWN = {
    "Chief Nurse": O("Chief Nurse", "Chief Nurse", "nursing"),
    "Medical Director": O("Medical Director", "Medical Director", "medical"),
    "Director of Finance": O("Director of Finance", "Director of Finance", "finance"),
    "Chief Operating Officer": O("Chief Operating Officer", "Chief Operating Officer", "operations"),
    "Chief People Officer": O("Chief People Officer", "Chief People Officer", "workforce"),
    "Director of Estates and Facilities": O("Director of Estates and Facilities", "Director of Estates and Facilities",
                                            "estates"),
    "Chief Digital Officer": O("Chief Digital Officer", "Chief Digital Officer", "digital"),
    "Director of Communications": O("Director of Communications", "Director of Communications", "communications"),
}
W_DUE = {
    "30 June 2024": D("30 June 2024", "2024-06-30", "2024-06-30"),
    "Q2": D("Q2", "2024-07-01", "2024-09-30"),
    "Q3": D("Q3", "2024-10-01", "2024-12-31"),
    "By 31 March 2025": D("By 31 March 2025", None, "2025-03-31"),
    "Dec 2024": D("Dec 2024", "2024-12-01", "2024-12-31"),
    "Jan 2025": D("Jan 2025", "2025-01-01", "2025-01-31"),
    "Q1–Q4": D("Q1–Q4", "2024-04-01", "2025-03-31"),
}
QC, FPC, PC = "Quality Committee", "Finance & Performance Committee", "People Committee"
W_ROWS = [  # (no., commitment, owners, by when, committees)
    ("1", "Embed the Patient Safety Incident Response Framework across all services, with learning responses "
          "shared at the monthly safety forum", ["Chief Nurse"], "30 June 2024", [QC]),
    ("2", "Achieve full compliance with the sepsis screening standard in the emergency department and the "
          "children’s assessment unit", ["Medical Director"], "Q2", [QC]),
    ("3", "Deliver the 2024/25 financial plan, including £6.8m of efficiency savings, and agree a recurrent "
          "plan for 2025/26 with the integrated care board", ["Director of Finance"], "By 31 March 2025", [FPC]),
    ("4", "Reduce the number of patients in hospital with no criteria to reside to fewer than 60 by working "
          "with both local authorities on a discharge to assess model", ["Chief Operating Officer"], "Dec 2024",
     [FPC, QC]),
    ("5", "Launch the new people promise programme, including flexible working by default, a refreshed "
          "appraisal and a career conversation for every member of staff", ["Chief People Officer"], "Q3", [PC]),
    ("6", "Complete the ward refurbishment programme on the Westvale site, replacing four nightingale wards "
          "with single rooms and bays that meet current infection prevention standards",
     ["Director of Estates and Facilities"], "By 31 March 2025", [FPC]),
    ("7", "Implement the electronic patient record in outpatients, theatres and the emergency department, "
          "train every user before go-live, decommission the legacy patient administration system, and run "
          "a ninety-day stabilisation period with floor-walkers on every ward and department, daily "
          "issue-resolution huddles and weekly reports to the Digital Programme Board on adoption, data "
          "quality and benefits, so that by the end of the year every clinical record in the hospital is "
          "held electronically and available to the community and mental health teams who also care for "
          "our patients", ["Chief Digital Officer", "Chief Operating Officer"], "Jan 2025", [FPC, QC]),
    ("8", "Reduce nurse vacancies through international recruitment and a new apprenticeship route",
     ["Chief Nurse", "Chief People Officer"], "Q1–Q4", [PC]),
    ("9", "Publish our first Green Plan progress report and cut anaesthetic gas emissions",
     ["Director of Estates and Facilities"], "Q2", [FPC]),
    ("10", "Run a patient and public involvement campaign on the future of our community hospitals",
     ["Director of Communications"], "Q3", [QC]),
    ("11", "Introduce a freedom to speak up champion in every directorate", ["Chief People Officer"], "Q2", [PC]),
    ("12", "Reduce medication errors causing harm through closed-loop prescribing on surgical wards",
     ["Medical Director", "Chief Nurse"], "By 31 March 2025", [QC]),
]


def build_westvale(out_dir) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    name = "westvale-2024-25-board-commitments-pdf"
    folder = prepare(out_dir, name)
    src = folder / "westvale-2024-25-board-commitments.pdf"
    title = "Our Commitments for 2024/25"
    ss, body, bold, head, _ = _styles()
    intro = ("In March 2024 the Board agreed twelve commitments for 2024/25, the year running from 1 April 2024 "
             "to 31 March 2025. Each commitment has an executive owner, a date by which it will be delivered "
             "and a Board committee that will seek assurance that it has been. ")
    story = [Paragraph(_x(WESTVALE), ss["Heading3"]), Paragraph(title, ss["Title"]),
             Paragraph(_x(intro), body),
             Paragraph("The committees receive a progress report at every meeting and escalate any commitment "
                       "at risk to the Board. This document will be updated at the end of each quarter.", body),
             Spacer(1, 60)]
    data = [[Paragraph(h, bold) for h in ["No.", "Commitment", "Owner", "By when", "Assurance committee"]]]
    commitments = []
    for no, text, owners, when, comms in W_ROWS:
        data.append([Paragraph(no, body), Paragraph(_x(text), body),
                     [Paragraph(_x(o), body) for o in owners], Paragraph(_x(when), body),
                     [Paragraph(_x(c), body) for c in comms]])
        commitments.append(com(no, None, text, [W_OWN[o] for o in owners], W_DUE[when], [A(c) for c in comms]))
    t = Table(data, colWidths=[1.1 * cm, 7.6 * cm, 3.4 * cm, 2.4 * cm, 3.0 * cm], repeatRows=0, splitInRow=1)
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                           ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#D9E2F3")),
                           ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 5),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 7)]))
    story.append(t)

    def furniture(canv, doc):
        canv.saveState()
        canv.setFont("Helvetica", 8)
        canv.drawRightString(A4[0] - 2 * cm, 1.2 * cm, str(doc.page))
        canv.restoreState()

    doc = SimpleDocTemplate(str(src), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2 * cm,
                            bottomMargin=2 * cm, title=title, author=WESTVALE, invariant=1)
    doc.build(story, onFirstPage=furniture, onLaterPages=furniture)
    write_gold(folder, src, "pdf", title, WESTVALE, dict(FY2425), commitments=commitments)
    return folder


BUILDERS = {
    "northmoor-2024-25-delivery-plan-docx": build_northmoor,
    "elmbridge-fy25-annual-plan-pdf": build_elmbridge,
    "aldercombe-2024-25-transformation-pdf": build_aldercombe,
    "fenwick-2023-2026-clinical-strategy-docx": build_fenwick,
    "harbourside-2025-26-implementation-html": build_harbourside,
    "westvale-2024-25-board-commitments-pdf": build_westvale,
}


def build(out_dir=HERE) -> list[Path]:
    return [fn(Path(out_dir)) for fn in BUILDERS.values()]


if __name__ == "__main__":
    for f in build(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(f)
