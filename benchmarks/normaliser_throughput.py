"""Throughput of the normalisers on owner, date and target strings, on one core.

    .venv/bin/python benchmarks/normaliser_throughput.py [--seconds 3]

The spaCy pipeline is loaded once before timing (as in a worker process); each figure is
strings per second over a mix of the phrasings the dev corpus and the seeds print.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from normalisers.assurance import normalise_assurance  # noqa: E402
from normalisers.dates import find_due, parse_due  # noqa: E402
from normalisers.nlp import get_nlp  # noqa: E402
from normalisers.owners import normalise_owners  # noqa: E402
from normalisers.targets import parse_target  # noqa: E402

GLOSSARY = {
    "CFO": "Chief Financial Officer",
    "CWIO": "Chief Workforce & International Officer",
    "CIO": "Chief Innovation Officer",
    "CEAG": "Chief Executive's Advisory Group",
    "QSC": "Quality and Safety Committee",
    "FPC": "Finance and Performance Committee",
}
OWNER_CELLS = [
    ["CFO", "CWIO"],
    ["ECN DCA"],
    ["COO/DOPs/ DDs"],
    ["DSP/COO/CMO/ DDs"],
    ["CMO/COO/DD & DOp Spec Med"],
    ["Medical Director / Chief Nurse"],
    ["CFO / Deputy Directors of Finance/ DSP"],
    ["Chief Nurse (Deputy: Head of Patient Safety)"],
    ["Mr A. Example, Director of Finance"],
    ["Medical Director and Director of Nursing, AHPs and Quality"],
    ["Chief Operating", "Officer"],
    ["Mrs P.", "Placeholder, Chief", "Operating Officer"],
    ["CIO"],
    ["соо"],
    ["Director of Estates and Facilities"],
]
ASSURANCE_CELLS = [
    ["ERP Steering Committee Business Systems Board Corporate CEAG"],
    ["COOG /ODG"],
    ["Assuring committees: FPC and ARC"],
    ["QSC"],
]
DUE_CELLS = [
    "Q1-4",
    "Q1",
    "From Q1",
    "Q1-Q3",
    "by the end of Q3",
    "Q3 2024/25",
    "Mar-24",
    "31/03/2025",
    "By 30 September 2023",
    "Throughout 2023/24",
    "by Dec 22",
    "Ongoing",
    "by summer 2024",
]
DUE_TEXTS = [
    "All memoranda of understanding agreed by Dec 22",
    "Place-based operating model confirmed by July 22",
    "Open a 24/7 crisis café in each of our three localities",
    "Launch a new leadership programme for team leaders and ward managers by the end of Q3",
]
TARGETS = [
    "Staff turnover below 11%",
    "a minimum of 120% of pre-pandemic activity",
    "£12.4m CIP delivered",
    "Average length of stay reduced from 6.8 days to 6.0 days",
    "RTT 18-week performance ≥ 92%",
    "Eliminate waits over 104 and 78 weeks",
    "Zero never events",
    "Trajectories for performance standards",
]


def _rate(label: str, items: list, call: Callable, seconds: float) -> float:
    count, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        for item in items:
            call(item)
        count += len(items)
    rate = count / (time.perf_counter() - started)
    print(f"{label:<28} {rate:>10,.0f} strings/s")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time spent on each kind of string")
    args = parser.parse_args()
    get_nlp()  # loaded once, outside the timing
    rates = [
        _rate(
            "owners (normalise_owners)", OWNER_CELLS, lambda c: normalise_owners(c, GLOSSARY), args.seconds
        ),
        _rate("assurance", ASSURANCE_CELLS, lambda c: normalise_assurance(c, GLOSSARY), args.seconds),
        _rate("due cells (parse_due)", DUE_CELLS, lambda t: parse_due(t, 2022), args.seconds),
        _rate("dates in text (find_due)", DUE_TEXTS, lambda t: find_due(t, 2022), args.seconds),
        _rate("targets (parse_target)", TARGETS, parse_target, args.seconds),
    ]
    mixed = len(rates) / sum(1 / r for r in rates)
    print(f"{'mixed (harmonic mean)':<28} {mixed:>10,.0f} strings/s  (goal >= 5,000)")


if __name__ == "__main__":
    main()
