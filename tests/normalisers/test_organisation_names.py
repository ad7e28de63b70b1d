"""resolve_organisation against a small trusts CSV and the project's own."""

from __future__ import annotations

from pathlib import Path

import pytest

from normalisers.organisations import resolve_organisation
from schemas.plan import Organisation

CSV = "\n".join(
    [
        "ods_code,name,alt_names,type,region,ics,url,predecessor_codes,merger_date",
        "RRK,University Hospitals Birmingham NHS Foundation Trust,University Hospitals Birmingham;UHB,Acute,,,,,",
        "RWP,Worcestershire Acute Hospitals NHS Trust,Worcestershire Acute Hospitals;WAHT,Acute,,,,,",
        "R1A,Herefordshire and Worcestershire Health and Care NHS Trust,"
        "Herefordshire and Worcestershire Health and Care,MH,,,,,",
        "RRJ,The Royal Orthopaedic Hospital NHS Foundation Trust,Royal Orthopaedic Hospital,Acute,,,,,",
        "",
    ]
)


@pytest.fixture
def trusts(tmp_path: Path) -> Path:
    path = tmp_path / "trusts.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (
            ["UHB 2021/22 Strategy Implementation Plan"],
            Organisation(name="University Hospitals Birmingham NHS Foundation Trust", code="RRK"),
        ),
        (
            ["Our strategic aims", "University Hospitals Birmingham"],
            Organisation(name="University Hospitals Birmingham NHS Foundation Trust", code="RRK"),
        ),
        (
            ["Welcome to University Hospitals Birmingham NHS Foundation Trust"],
            Organisation(name="University Hospitals Birmingham NHS Foundation Trust", code="RRK"),
        ),
        (
            ["Worcestershire Acute Hospitals NHS Trust"],
            Organisation(name="Worcestershire Acute Hospitals NHS Trust", code="RWP"),
        ),
        (
            [
                "NHS",
                "Worcestershire",
                "Acute Hospitals",
                "NHS Irust",
            ],  # page furniture over three lines, OCR'd
            Organisation(name="Worcestershire Acute Hospitals NHS Trust", code="RWP"),
        ),
        (
            ["Improvement Plan", "Herefordshire and Worcestershire Health and Care NHS Trust"],
            Organisation(name="Herefordshire and Worcestershire Health and Care NHS Trust", code="R1A"),
        ),
        (
            ["Royal Orthopaedic Hospital NHS Foundation Trust"],
            Organisation(name="The Royal Orthopaedic Hospital NHS Foundation Trust", code="RRJ"),
        ),
        (
            ["Kingsbridge and District Hospitals NHS Foundation Trust", "Operational Plan 2023/24"],
            Organisation(name="Kingsbridge and District Hospitals NHS Foundation Trust", code=None),
        ),
        (
            [
                "Our strategy 2024–2027",
                "Lakeside Mental Health NHS Foundation Trust | Our strategy 2024–2027",
            ],
            Organisation(name="Lakeside Mental Health NHS Foundation Trust", code=None),
        ),
        (
            ["uhb-2021-22-plan.pdf"],
            Organisation(name="University Hospitals Birmingham NHS Foundation Trust", code="RRK"),
        ),
        (["Strategy 2024", "nothing about a trust"], None),
        ([], None),
    ],
)
def test_resolve_organisation(trusts: Path, texts: list[str], expected: Organisation | None) -> None:
    assert resolve_organisation(texts, trusts) == expected


def test_resolve_organisation_uses_the_project_csv() -> None:
    found = resolve_organisation(["Sandwell and West Birmingham Hospitals NHS Trust"])
    assert found == Organisation(name="Sandwell and West Birmingham Hospitals NHS Trust", code="RXK")


def test_missing_csv_still_names_the_trust(tmp_path: Path) -> None:
    found = resolve_organisation(["Kingsbridge and District Hospitals NHS Foundation Trust"], tmp_path / "none.csv")
    assert found == Organisation(name="Kingsbridge and District Hospitals NHS Foundation Trust", code=None)


@pytest.mark.parametrize(("texts", "expected"), [
    (["NHS Cambridgeshire and Peterborough", "Integrated Care Board", "CONSTITUTION"],
     Organisation(name="Cambridgeshire and Peterborough ICB", code="QUE")),  # merged in 2026: its own code
    (["Black Country ICB Joint Forward Plan 2024-29"], Organisation(name="Black Country ICB", code="QUA")),
    (["NHS Greater Manchester Integrated Care Joint Forward Plan"],
     Organisation(name="Greater Manchester ICB", code="QOP")),
    (["Cambridgeshire and Peterborough NHS Foundation Trust strategy"],
     Organisation(name="Cambridgeshire and Peterborough NHS Foundation Trust", code="RT1")),
    (["Our plan", "Greater Manchester ICB with Manchester University NHS Foundation Trust"],
     Organisation(name="Greater Manchester ICB", code="QOP")),  # the first named wins
])
def test_an_icb_resolves_to_its_own_code_never_to_a_similarly_named_trust(
        texts: list[str], expected: Organisation) -> None:
    assert resolve_organisation(texts) == expected


@pytest.mark.parametrize(("text", "name"), [
    ("Standard operating procedures published by NHS England", "NHS England"),
    ("University of Leeds research strategy", "University of Leeds"),
    ("Leeds City Council health and wellbeing strategy", "Leeds City Council"),
])
def test_other_bodies_are_kept_by_name_without_a_code(text: str, name: str) -> None:
    assert resolve_organisation([text]) == Organisation(name=name, code=None)
