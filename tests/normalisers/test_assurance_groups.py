"""normalise_assurance and glossary_kind."""

from __future__ import annotations

import pytest

from normalisers.assurance import glossary_kind, normalise_assurance

UHB_GROUPS = {
    "CEAG": "Chief Executive's Advisory Group",
    "COOG": "Chief Operating Officer's Group",
    "CQG": "Care Quality Group",
    "CQMG": "Clinical Quality Monitoring Group",
    "DHG": "Digital Healthcare Group",
    "IC": "Investment Committee",
    "IHWGS": "Inclusion, Health & Wellbeing Strategic Group",
    "DRM": "Divisional Rectification Meeting (Heartlands, Good Hope, Solihull)",
    "CFO": "Chief Financial Officer",
}
KINGSBRIDGE_GROUPS = {
    "QSC": "Quality and Safety Committee",
    "FPC": "Finance and Performance Committee",
    "ARC": "Audit and Risk Committee",
    "PCC": "People and Culture Committee",
}


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["CEAG"], [("CEAG", "Chief Executive's Advisory Group")]),
        (["COOG /ODG"], [("COOG", "Chief Operating Officer's Group"), ("ODG", None)]),
        (
            ["ERP Steering Committee", "Business Systems Board", "Corporate CEAG"],
            [
                ("ERP Steering Committee", "ERP Steering Committee"),
                ("Business Systems Board", "Business Systems Board"),
                ("Corporate CEAG", "Chief Executive's Advisory Group"),
            ],
        ),
        (
            ["ERP Steering Committee Business Systems Board Corporate CEAG"],
            [
                ("ERP Steering Committee", "ERP Steering Committee"),
                ("Business Systems Board", "Business Systems Board"),
                ("Corporate CEAG", "Chief Executive's Advisory Group"),
            ],
        ),
        (
            ["CEAG", "Board of Directors", "STP CFOs", "STP Operational FDs"],
            [
                ("CEAG", "Chief Executive's Advisory Group"),
                ("Board of Directors", "Board of Directors"),
                ("STP CFOs", "STP CFOs"),
                ("STP Operational FDs", "STP Operational FDs"),
            ],
        ),
        (
            ["CEAG Board of Directors"],
            [("CEAG", "Chief Executive's Advisory Group"), ("Board of Directors", "Board of Directors")],
        ),
        (
            ["BSOL ICS Digital Enablement Group", "BSOL STP CEO Board"],
            [
                ("BSOL ICS Digital Enablement Group", "BSOL ICS Digital Enablement Group"),
                ("BSOL STP CEO Board", "BSOL STP CEO Board"),
            ],
        ),
        (
            ["Trustwide Monthly Finance Meetings Divisional Monthly Finance Meetings"],
            [
                ("Trustwide Monthly Finance Meetings", "Trustwide Monthly Finance Meetings"),
                ("Divisional Monthly Finance Meetings", "Divisional Monthly Finance Meetings"),
            ],
        ),
        (
            ["ACAD Steering Group", "CEAG"],
            [("ACAD Steering Group", "ACAD Steering Group"), ("CEAG", "Chief Executive's Advisory Group")],
        ),
        (["CQC"], [("CQC", None)]),  # kept as printed, not in the key
        (["IHWGS"], [("IHWGS", "Inclusion, Health & Wellbeing Strategic Group")]),
        (
            ["Inclusion, Health & Wellbeing Strategic Group"],
            [
                (
                    "Inclusion, Health & Wellbeing Strategic Group",
                    "Inclusion, Health & Wellbeing Strategic Group",
                )
            ],
        ),
        (["DRM"], [("DRM", "Divisional Rectification Meeting (Heartlands, Good Hope, Solihull)")]),
        (["SWG", "MWG"], [("SWG", None), ("MWG", None)]),
        (["STP Board"], [("STP Board", "STP Board")]),
        ([], []),
    ],
)
def test_normalise_assurance_uhb(lines: list[str], expected: list[tuple]) -> None:
    assert [(a.raw, a.title) for a in normalise_assurance(lines, UHB_GROUPS)] == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["QSC"], [("QSC", "Quality and Safety Committee")]),
        (["Assuring committee: QSC"], [("QSC", "Quality and Safety Committee")]),
        (
            ["Assuring committees: FPC and ARC"],
            [("FPC", "Finance and Performance Committee"), ("ARC", "Audit and Risk Committee")],
        ),
        (["FPC & ARC"], [("FPC", "Finance and Performance Committee"), ("ARC", "Audit and Risk Committee")]),
        (["FPC, ARC"], [("FPC", "Finance and Performance Committee"), ("ARC", "Audit and Risk Committee")]),
        (["Audit and Risk Committee"], [("Audit and Risk Committee", "Audit and Risk Committee")]),
        (
            ["Quality and Safety Committee and Audit Committee"],
            [
                ("Quality and Safety Committee", "Quality and Safety Committee"),
                ("Audit Committee", "Audit Committee"),
            ],
        ),
        (["Board"], [("Board", "Board")]),
    ],
)
def test_normalise_assurance_kingsbridge(lines: list[str], expected: list[tuple]) -> None:
    assert [(a.raw, a.title) for a in normalise_assurance(lines, KINGSBRIDGE_GROUPS)] == expected


@pytest.mark.parametrize(
    ("abbreviation", "expansion", "kind"),
    [
        ("COO", "Chief Operating Officer", "owner"),
        ("CWIO", "Chief Workforce & International Officer", "owner"),
        ("DSQD", "Director of Strategy & Quality Development", "owner"),
        ("Dcomms", "Director of Communications", "owner"),
        ("DCEO", "Deputy Chief Executive", "owner"),
        ("ECN", "Executive Chief Nurse", "owner"),
        ("COHC", "Chief Officer for Out of Hospital Care", "owner"),
        ("CCIO", "Chief Clinical Information Officer", "owner"),
        ("CEAG", "Chief Executive's Advisory Group", "group"),
        ("COOG", "Chief Operating Officer's Group", "group"),
        ("CLOGG", "Chief Legal Officer Governance Group", "group"),
        ("DRM", "Divisional Rectification Meeting (Heartlands, Good Hope, Solihull)", "group"),
        ("FIG", "Financial Improvement Group (QEHB)", "group"),
        ("IC", "Investment Committee", "group"),
        ("IHWGS", "Inclusion, Health & Wellbeing Strategic Group", "group"),
        ("LSCB", "Logistics and Supply Chain Board", "group"),
        ("EMC", "Executive Management Committee", "group"),
        ("ARC", "Audit and Risk Committee", "group"),
        ("CQC", "Care Quality Commission", "other"),
        ("CIP", "Cost improvement programme", "other"),
        ("ED", "Emergency department", "other"),
        ("ICS", "Integrated care system", "other"),
        ("KPI", "Key performance indicator", "other"),
        ("NEWS2", "National Early Warning Score 2", "other"),
        ("GIRFT", "Getting It Right First Time", "other"),
        ("AHP", "Allied health professional, such as an occupational therapist or physiotherapist", "other"),
        ("CMHT", "Community mental health team", "other"),
        ("ICB", "Integrated care board, the NHS body that plans and pays for local services", "other"),
        ("PCN", "Primary care network, a group of GP practices working together", "other"),
        ("CCG", "Clinical Commissioning Group", "other"),
        ("SMI", "Severe mental illness", "other"),
        ("", "", "other"),
    ],
)
def test_glossary_kind(abbreviation: str, expansion: str, kind: str) -> None:
    assert glossary_kind(abbreviation, expansion) == kind


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Quality and Safety", "Committee"], ["Quality and Safety Committee"]),  # wrapped PDF lines
        (
            ["ERP Steering", "Committee", "Business Systems", "Board", "Corporate CEAG"],
            ["ERP Steering Committee", "Business Systems Board", "Corporate CEAG"],
        ),
        (["BSOL STP CEO", "Board"], ["BSOL STP CEO Board"]),
        (["Trustwide Monthly", "Finance Meetings"], ["Trustwide Monthly Finance Meetings"]),
        (["Board of", "Directors"], ["Board of Directors"]),
        (["ODG", "IGG"], ["ODG", "IGG"]),
        (["Executive Team", "Trust Board"], ["Executive Team", "Trust Board"]),
        (["Executive Team Trust Board"], ["Executive Team", "Trust Board"]),
        (
            ["Audit and Risk Committee", "Finance Committee"],
            ["Audit and Risk Committee", "Finance Committee"],
        ),
    ],
)
def test_assurance_lines_are_rejoined_and_split(lines: list[str], expected: list[str]) -> None:
    assert [a.raw for a in normalise_assurance(lines, UHB_GROUPS)] == expected


@pytest.mark.parametrize(
    ("abbreviation", "expansion", "kind"),
    [
        ("BoD", "Board of Directors", "group"),
        ("CoG", "Council of Governors", "group"),
        ("CiC", "Committees in Common", "group"),
        ("EMT", "Executive Management Team", "group"),
        ("HoPS", "Head of Patient Safety", "owner"),
        ("NED", "Non-Executive Director", "owner"),
    ],
)
def test_glossary_kind_other_wordings(abbreviation: str, expansion: str, kind: str) -> None:
    assert glossary_kind(abbreviation, expansion) == kind
