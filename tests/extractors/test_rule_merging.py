"""Ruling segments on one line are joined in order along it (extractors/pdf_tables.merge_rules):
two tables ruled at the same x keep their own vertical rules, however the PDF orders them."""

from __future__ import annotations

from extractors.pdf_page import Rule
from extractors.pdf_tables import merge_rules


def _spans(rules: list[Rule]) -> list[tuple[float, float]]:
    return sorted((round(r.top), round(r.bottom)) for r in rules if not r.horizontal)


def test_segments_of_two_tables_at_one_x_stay_apart_whatever_their_order() -> None:
    upper = Rule(192.20, 353.0, 192.20, 456.0)
    lower = Rule(192.15, 562.0, 192.15, 705.0)  # a hair further left: sorts first by position
    for given in ([upper, lower], [lower, upper]):
        assert _spans(merge_rules(given)) == [(353, 456), (562, 705)]


def test_touching_and_overlapping_segments_are_joined() -> None:
    pieces = [Rule(50.0, 100.0, 200.0, 100.0), Rule(201.5, 100.4, 300.0, 100.4), Rule(150.0, 99.8, 250.0, 99.8)]
    merged = merge_rules(pieces)
    assert len(merged) == 1
    assert (round(merged[0].x0), round(merged[0].x1)) == (50, 300)


def test_parallel_lines_further_apart_than_a_snap_stay_two() -> None:
    merged = merge_rules([Rule(50.0, 100.0, 300.0, 100.0), Rule(50.0, 104.0, 300.0, 104.0)])
    assert sorted(round(r.top) for r in merged) == [100, 104]
