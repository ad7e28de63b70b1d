"""split_owner_cell and normalise_owners: the Owner / Lead cells of the seeds and the dev corpus."""

from __future__ import annotations

import pytest

from normalisers.owners import normalise_owners, split_owner_cell

UHB_KEY = {
    "COO": "Chief Operating Officer",
    "CFO": "Chief Financial Officer",
    "ECN": "Executive Chief Nurse",
    "CIO": "Chief Innovation Officer",
    "CTO": "Chief Transformation Officer",
    "CWIO": "Chief Workforce & International Officer",
    "CMO": "Chief Medical Officer",
    "DSQD": "Director of Strategy & Quality Development",
    "CLO": "Chief Legal Officer",
    "Dcomms": "Director of Communications",
    "COHC": "Chief Officer for Out of Hospital Care",
    "DCEO": "Deputy Chief Executive",
    "CEAG": "Chief Executive's Advisory Group",
}
KINGSBRIDGE_KEY = {
    "CCIO": "Chief Clinical Information Officer",
    "CDIO": "Chief Digital and Information Officer",
    "CPO": "Chief People Officer",
    "QSC": "Quality and Safety Committee",
    "CQC": "Care Quality Commission",
}


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["CFO", "CWIO"], ["CFO", "CWIO"]),
        (["CFO CWIO"], ["CFO", "CWIO"]),
        (["ECN", "DCA"], ["ECN", "DCA"]),
        (["ECN DCA"], ["ECN", "DCA"]),
        (["COO/DOPs/DDs"], ["COO", "DOPs", "DDs"]),
        (["COO/DOPs/ DDs"], ["COO", "DOPs", "DDs"]),
        (["DSP/COO/CMO/ DDs"], ["DSP", "COO", "CMO", "DDs"]),
        (["DSP/CMO", "DSP/COO/CMO/ DDs"], ["DSP", "CMO", "COO", "DDs"]),  # union of two lead groups
        (["CMO/COO/DD & DOp Spec Med"], ["CMO", "COO", "DD", "DOp Spec Med"]),
        (["Medical Director / Chief Nurse"], ["Medical Director", "Chief Nurse"]),
        (["CEO/DSP"], ["CEO", "DSP"]),
        (["COO/DDs/Dir of Estates"], ["COO", "DDs", "Dir of Estates"]),
        (["CFO / Deputy Directors of Finance/ DSP"], ["CFO", "Deputy Directors of Finance", "DSP"]),
        (["Chief Nurse (Deputy: Head of Patient Safety)"], ["Chief Nurse", "Head of Patient Safety"]),
        (["CDIO (Deputy: CCIO)"], ["CDIO", "CCIO"]),
        (["Mr A. Example, Director of Finance"], ["Mr A. Example, Director of Finance"]),
        (
            ["Medical Director and Director of Nursing, AHPs and Quality"],
            ["Medical Director", "Director of Nursing, AHPs and Quality"],
        ),
        (["Director of Estates and Facilities"], ["Director of Estates and Facilities"]),
        (["Director of People and Culture"], ["Director of People and Culture"]),
        (["Lead: Chief Digital Officer"], ["Chief Digital Officer"]),
        (
            ["Priority leads: Medical Director and Director of Operations"],
            ["Medical Director", "Director of Operations"],
        ),
        (["CNO/CMO"], ["CNO", "CMO"]),
        (["CMO / DDs"], ["CMO", "DDs"]),
        (["DS&P"], ["DS&P"]),
        (["DP&C"], ["DP&C"]),
        (["Chief Nurse Medical Director"], ["Chief Nurse", "Medical Director"]),
        (["Chief Nurse, Medical Director"], ["Chief Nurse", "Medical Director"]),
        (["ALL"], ["ALL"]),
        ([], []),
        (["", "  "], []),
        (["–"], []),
    ],
)
def test_split_owner_cell(lines: list[str], expected: list[str]) -> None:
    assert split_owner_cell(lines) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # wrapped PDF lines are re-joined where the pieces are not roles on their own
        (["Chief Operating", "Officer"], ["Chief Operating Officer"]),
        (["Chief People", "Officer"], ["Chief People Officer"]),
        (
            ["Mrs P.", "Placeholder, Chief", "Operating Officer"],
            ["Mrs P. Placeholder, Chief Operating Officer"],
        ),
        (["Mr A. Example,", "Director of", "Finance"], ["Mr A. Example, Director of Finance"]),
        (
            ["Chief Operating", "Officer (Deputy:", "Director of Urgent", "Care)"],
            ["Chief Operating Officer", "Director of Urgent Care"],
        ),
        (
            ["Chief People", "Officer (Deputy:", "Head of", "Occupational", "Health)"],
            ["Chief People Officer", "Head of Occupational Health"],
        ),
        (
            ["Director of", "Finance (Deputy:", "Head of", "Productivity)"],
            ["Director of Finance", "Head of Productivity"],
        ),
        (["Director of Estates", "and Facilities"], ["Director of Estates and Facilities"]),
        (["Director of", "Strategy and", "Partnerships"], ["Director of Strategy and Partnerships"]),
        (["CDIO (Deputy:", "CCIO)"], ["CDIO", "CCIO"]),
        (["Medical Director", "Chief Nurse"], ["Medical Director", "Chief Nurse"]),
        (["Medical Director", "Director of Nursing"], ["Medical Director", "Director of Nursing"]),
        (["DSP/COO/CMO/", "DDs"], ["DSP", "COO", "CMO", "DDs"]),
        (["Director of Nursing,", "AHPs and Quality"], ["Director of Nursing, AHPs and Quality"]),
    ],
)
def test_split_owner_cell_rejoins_wrapped_lines(lines: list[str], expected: list[str]) -> None:
    assert split_owner_cell(lines) == expected


def test_split_owner_cell_accepts_one_string() -> None:
    assert split_owner_cell("CFO CWIO") == ["CFO", "CWIO"]  # type: ignore[arg-type]


def _owners(lines: list[str], glossary: dict[str, str]) -> list[tuple[str, str | None, str | None]]:
    return [(o.raw, o.title, o.portfolio) for o in normalise_owners(lines, glossary)]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            ["CFO", "CWIO"],
            [
                ("CFO", "Chief Financial Officer", "finance"),
                ("CWIO", "Chief Workforce & International Officer", "workforce"),
            ],
        ),
        (["CIO"], [("CIO", "Chief Innovation Officer", "innovation_research")]),  # the document's key first
        (["CTO"], [("CTO", "Chief Transformation Officer", "transformation")]),
        (
            ["ECN", "DCA"],
            [
                ("ECN", "Executive Chief Nurse", "nursing"),
                ("DCA", "Director of Corporate Affairs", "governance"),
            ],
        ),
        (["CDO"], [("CDO", "Chief Digital Officer", "digital")]),
        (["DQD"], [("DQD", "Director of Quality Development", "strategy")]),
        (["ALL"], [("ALL", "All executive directors", "other")]),
        (["DCEO"], [("DCEO", "Deputy Chief Executive", "chief_executive")]),
        (["CLO"], [("CLO", "Chief Legal Officer", "governance")]),
        (["Dcomms"], [("Dcomms", "Director of Communications", "communications")]),
        (["DSQD"], [("DSQD", "Director of Strategy & Quality Development", "strategy")]),
        (["COHC"], [("COHC", "Chief Officer for Out of Hospital Care", "operations")]),
    ],
)
def test_normalise_owners_with_the_uhb_key(lines: list[str], expected: list[tuple]) -> None:
    assert _owners(lines, UHB_KEY) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["CIO"], [("CIO", "Chief Information Officer", "digital")]),  # without a key: common NHS usage
        (
            ["COO/DOPs/ DDs"],
            [
                ("COO", "Chief Operating Officer", "operations"),
                ("DOPs", "Divisional Directors of Operations", "divisional"),
                ("DDs", "Divisional Directors", "divisional"),
            ],
        ),
        (
            ["COO/DOps/ DDs"],
            [
                ("COO", "Chief Operating Officer", "operations"),
                ("DOps", "Divisional Directors of Operations", "divisional"),
                ("DDs", "Divisional Directors", "divisional"),
            ],
        ),
        (
            ["CMO/COO/DD & DOp Spec Med"],
            [
                ("CMO", "Chief Medical Officer", "medical"),
                ("COO", "Chief Operating Officer", "operations"),
                ("DD", "Divisional Director, Specialty Medicine", "divisional"),
                ("DOp Spec Med", "Divisional Director of Operations, Specialty Medicine", "divisional"),
            ],
        ),
        (
            ["COO/DDs/Dir of Estates"],
            [
                ("COO", "Chief Operating Officer", "operations"),
                ("DDs", "Divisional Directors", "divisional"),
                ("Dir of Estates", "Director of Estates", "estates"),
            ],
        ),
        (
            ["CFO / Deputy Directors of Finance/ DSP"],
            [
                ("CFO", "Chief Financial Officer", "finance"),
                ("Deputy Directors of Finance", "Deputy Directors of Finance", "finance"),
                ("DSP", "Director of Strategy and Planning", "strategy"),
            ],
        ),
        (["DS&P"], [("DS&P", "Director of Strategy and Planning", "strategy")]),
        (["DP&C"], [("DP&C", "Director of People and Culture", "workforce")]),
        (["CEO"], [("CEO", "Chief Executive Officer", "chief_executive")]),
        (["CNO"], [("CNO", "Chief Nursing Officer", "nursing")]),
        (["соо"], [("COO", "Chief Operating Officer", "operations")]),  # Cyrillic OCR
        (["coo"], [("COO", "Chief Operating Officer", "operations")]),
        (
            ["COO", "Director of Estates and Facilities"],
            [
                ("COO", "Chief Operating Officer", "operations"),
                ("Director of Estates and Facilities", "Director of Estates and Facilities", "estates"),
            ],
        ),
        (["Director of Operations"], [("Director of Operations", "Director of Operations", "operations")]),
        (
            ["Director of Strategy and Partnerships"],
            [("Director of Strategy and Partnerships", "Director of Strategy and Partnerships", "strategy")],
        ),
        (
            ["Medical Director and Director of Nursing, AHPs and Quality"],
            [
                ("Medical Director", "Medical Director", "medical"),
                (
                    "Director of Nursing, AHPs and Quality",
                    "Director of Nursing, Allied Health Professionals and Quality",
                    "nursing",
                ),
            ],
        ),
        (
            ["Director of Widgets and Gadgets"],
            [("Director of Widgets and Gadgets", "Director of Widgets and Gadgets", None)],
        ),
        (
            ["Director of Estates and Facilities"],
            [("Director of Estates and Facilities", "Director of Estates and Facilities", "estates")],
        ),
        (["Xyzzy"], [("Xyzzy", None, None)]),
        (["QZX"], [("QZX", None, None)]),
    ],
)
def test_normalise_owners_from_the_lexicon(lines: list[str], expected: list[tuple]) -> None:
    assert _owners(lines, {}) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            ["Chief Nurse (Deputy: Head of Patient Safety)"],
            [
                ("Chief Nurse", "Chief Nurse", "nursing"),
                ("Head of Patient Safety", "Head of Patient Safety", "nursing"),
            ],
        ),
        (
            ["Director of Corporate Affairs (Deputy: Head of Compliance)"],
            [
                ("Director of Corporate Affairs", "Director of Corporate Affairs", "governance"),
                ("Head of Compliance", "Head of Compliance", "governance"),
            ],
        ),
        (
            ["Chief Operating Officer (Deputy: Director of Urgent Care)"],
            [
                ("Chief Operating Officer", "Chief Operating Officer", "operations"),
                ("Director of Urgent Care", "Director of Urgent Care", "operations"),
            ],
        ),
        (
            ["Chief People Officer (Deputy: Head of Occupational Health)"],
            [
                ("Chief People Officer", "Chief People Officer", "workforce"),
                ("Head of Occupational Health", "Head of Occupational Health", "workforce"),
            ],
        ),
        (
            ["Director of Finance (Deputy: Head of Productivity)"],
            [
                ("Director of Finance", "Director of Finance", "finance"),
                ("Head of Productivity", "Head of Productivity", "finance"),
            ],
        ),
        (
            ["CDIO (Deputy: CCIO)"],
            [
                ("CDIO", "Chief Digital and Information Officer", "digital"),
                ("CCIO", "Chief Clinical Information Officer", "digital"),
            ],
        ),
        (["CPO"], [("CPO", "Chief People Officer", "workforce")]),
        (
            ["Mr A. Example, Director of Finance"],
            [("Mr A. Example, Director of Finance", "Director of Finance", "finance")],
        ),
        (
            ["Dr J. Sample, Medical Director"],
            [("Dr J. Sample, Medical Director", "Medical Director", "medical")],
        ),
        (
            ["Mrs P. Placeholder, Chief Operating Officer"],
            [("Mrs P. Placeholder, Chief Operating Officer", "Chief Operating Officer", "operations")],
        ),
        (
            ["Chief Nurse (Deputy: Head of Compliance)"],
            [  # a deputy takes the portfolio of the executive
                ("Chief Nurse", "Chief Nurse", "nursing"),
                ("Head of Compliance", "Head of Compliance", "nursing"),
            ],
        ),
    ],
)
def test_normalise_owners_kingsbridge_leads(lines: list[str], expected: list[tuple]) -> None:
    assert _owners(lines, KINGSBRIDGE_KEY) == expected


def test_plural_of_a_glossary_abbreviation() -> None:
    assert _owners(["DDs"], {"DD": "Divisional Director"}) == [("DDs", "Divisional Directors", "divisional")]


def test_glossary_group_entry_does_not_hide_the_role_lexicon() -> None:
    assert _owners(["COO"], {"COO": "Chief Operating Officer's Group"}) == [
        ("COO", "Chief Operating Officer", "operations")
    ]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Deputy CEO"], [("Deputy CEO", "Deputy Chief Executive Officer", "chief_executive")]),
        (["Interim CFO"], [("Interim CFO", "Interim Chief Financial Officer", "finance")]),
        (["Head of HR"], [("Head of HR", "Head of Human Resources", "workforce")]),
        (
            ["Director of Finance/Deputy CEO"],
            [
                ("Director of Finance", "Director of Finance", "finance"),
                ("Deputy CEO", "Deputy Chief Executive Officer", "chief_executive"),
            ],
        ),
        (
            ["Chief Nurse & Director of Quality"],  # one role in the lexicon: not split
            [("Chief Nurse & Director of Quality", "Chief Nurse & Director of Quality", "nursing")],
        ),
        (
            ["Medical Director, Chief Nurse and COO"],
            [
                ("Medical Director", "Medical Director", "medical"),
                ("Chief Nurse", "Chief Nurse", "nursing"),
                ("COO", "Chief Operating Officer", "operations"),
            ],
        ),
        (["Exec Lead: CFO"], [("CFO", "Chief Financial Officer", "finance")]),
        (["SRO - COO"], [("COO", "Chief Operating Officer", "operations")]),
        (
            ["Executive Director of Nursing"],
            [("Executive Director of Nursing", "Executive Director of Nursing", "nursing")],
        ),
        (
            ["Chair of Audit Committee"],
            [("Chair of Audit Committee", "Chair of Audit Committee", "governance")],
        ),
        (["Divisional Triumvirates"], [("Divisional Triumvirates", "Divisional Triumvirates", "divisional")]),
        (["Jane Smith"], [("Jane Smith", None, None)]),
    ],
)
def test_normalise_owners_other_wordings(lines: list[str], expected: list[tuple]) -> None:
    assert _owners(lines, {}) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # one "Name, Role" per line: each line is a whole owner, even where the role ends in a
        # portfolio word ("Finance") rather than a role word ("Officer")
        (
            ["Ruth Okafor, Director of Finance", "Jane Doe, Chief People Officer"],
            ["Ruth Okafor, Director of Finance", "Jane Doe, Chief People Officer"],
        ),
        (
            ["Ruth Okafor, Director of Widgets", "Jane Doe, Chief People Officer"],  # "Director of X", any X
            ["Ruth Okafor, Director of Widgets", "Jane Doe, Chief People Officer"],
        ),
        (
            ["Mark Ellis, Chief Operating Officer", "Dr Sam Patel, Medical Director"],
            ["Mark Ellis, Chief Operating Officer", "Dr Sam Patel, Medical Director"],
        ),
        (
            ["Jane Doe, Chief People Officer", "Dr J. Sample, Medical Director"],
            ["Jane Doe, Chief People Officer", "Dr J. Sample, Medical Director"],
        ),
        (
            ["Ruth Okafor, Director of Finance", "Mrs P. Placeholder, Chief Operating Officer"],
            ["Ruth Okafor, Director of Finance", "Mrs P. Placeholder, Chief Operating Officer"],
        ),
        (
            ["Ruth Okafor, Dir of Fin", "Jane Doe, Chief People Officer"],  # a role known once spelled out
            ["Ruth Okafor, Dir of Fin", "Jane Doe, Chief People Officer"],
        ),
        (
            ["Ruth Okafor, Director of Finance", "Jane Doe,", "Chief People Officer"],  # a name line wrapped
            ["Ruth Okafor, Director of Finance", "Jane Doe, Chief People Officer"],
        ),
        (
            ["Chief Operating", "Jane Doe, Chief People Officer"],  # a person's name starts a new owner
            ["Chief Operating", "Jane Doe, Chief People Officer"],
        ),
        # wrapped lines still re-join
        (["Ruth Okafor, Director of", "Finance"], ["Ruth Okafor, Director of Finance"]),
        (["Ruth Okafor, Chief", "Operating Officer"], ["Ruth Okafor, Chief Operating Officer"]),
        (
            ["Ruth Okafor, Director of Strategy and", "Partnerships"],
            ["Ruth Okafor, Director of Strategy and Partnerships"],
        ),
        (
            ["Jane Doe, Chief People Officer", "Mrs P.", "Placeholder, Chief", "Operating Officer"],
            ["Jane Doe, Chief People Officer", "Mrs P. Placeholder, Chief Operating Officer"],
        ),
        (["Director of Urgent", "Care"], ["Director of Urgent Care"]),
    ],
)
def test_split_owner_cell_one_named_owner_per_line(lines: list[str], expected: list[str]) -> None:
    assert split_owner_cell(lines) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            ["Ruth Okafor, Director of Finance", "Jane Doe, Chief People Officer"],
            [
                ("Ruth Okafor, Director of Finance", "Director of Finance", "finance"),
                ("Jane Doe, Chief People Officer", "Chief People Officer", "workforce"),
            ],
        ),
        (
            ["Ruth Okafor, Dir of Fin"],
            [("Ruth Okafor, Dir of Fin", "Director of Finance", "finance")],
        ),
        (
            ["Director of People and Jane Doe, Chief People Officer"],
            [
                ("Director of People", "Director of People", "workforce"),
                ("Jane Doe, Chief People Officer", "Chief People Officer", "workforce"),
            ],
        ),
    ],
)
def test_normalise_owners_named_people(lines: list[str], expected: list[tuple]) -> None:
    assert _owners(lines, {}) == expected
