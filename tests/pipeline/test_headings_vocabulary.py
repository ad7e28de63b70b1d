"""Heading vocabulary (pipeline/interpret/data/prose.yaml, pipeline/interpret/labels.py): the
questions a measures part answers, however they go on ("How we will know we have succeeded"),
are indicator headings and other "How we will ..." headings are not; glossary headings in
their longer forms ("Key to abbreviations", "Abbreviations and acronyms")."""

from __future__ import annotations

import pytest

from pipeline.interpret.labels import is_glossary_heading
from pipeline.interpret.prose_sections import SectionKind, section_kind
from pipeline.interpret.prose_vocab import is_heading_of


@pytest.mark.parametrize("text", [
    "How we will know we have succeeded", "How will we know?", "What good looks like",
    "How we will measure success", "How we'll know", "What success will look like by 2026",
])
def test_questions_a_measures_part_answers_are_indicator_headings(text: str) -> None:
    assert is_heading_of("indicator_headings", text)
    assert section_kind(text) is SectionKind.INDICATORS


@pytest.mark.parametrize("text", ["How we will work", "How we will track progress",
                                  "How we will know. Then we will act"])  # a sentence goes on past the question
def test_other_how_we_will_headings_are_not_indicator_headings(text: str) -> None:
    assert not is_heading_of("indicator_headings", text)


def test_tracking_progress_is_a_monitoring_section() -> None:
    assert section_kind("How we will track progress") is SectionKind.CONTEXT


@pytest.mark.parametrize("text", [
    "Key to abbreviations", "Abbreviations and acronyms", "Abbreviations used", "Glossary",
    "List of abbreviations", "Acronyms & abbreviations used", "Appendix A: Glossary of terms",
])
def test_glossary_headings(text: str) -> None:
    assert is_glossary_heading(text)


@pytest.mark.parametrize("text", ["Key priorities", "Key to success"])
def test_headings_that_are_no_glossary(text: str) -> None:
    assert not is_glossary_heading(text)
