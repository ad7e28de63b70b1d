"""The one spaCy pipeline of the normalisers: a blank English tokenizer and three recognisers.

- ``roles``: a SpanRuler of the role lexicon's titles (data/roles.csv), spans key "roles";
- ``date_phrases``: date phrases in running text (data/date_phrases.yaml), spans key "dates";
- ``measure_numbers``: numbers that define a measure (data/measure_numbers.yaml), spans key "measures".

The last two are ``regex_spans`` components: regular expressions kept as data, matched on the
text and snapped to token boundaries. Loaded once per process (``get_nlp``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

import spacy
import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from normalisers.data import data_file
from normalisers.roles import lexicon_titles


class RegexPattern(NamedTuple):
    label: str
    pattern: re.Pattern[str]
    left: re.Pattern[str] | None  # words just before the match that belong to the phrase
    left_required: bool


def load_regex_patterns(file_name: str) -> tuple[list[RegexPattern], frozenset[str], re.Pattern[str] | None]:
    """The patterns of a regex pattern file, its `not_before` words and its `requires` pre-check."""
    with data_file(file_name).open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    fragments: dict[str, str] = data.get("fragments", {})

    def compile_(pattern: str | None) -> re.Pattern[str] | None:
        if pattern is None:
            return None
        for _ in range(3):  # fragments may name fragments
            for name, fragment in fragments.items():
                pattern = pattern.replace(f"<<{name}>>", fragment)
        return re.compile(pattern)

    patterns = [
        RegexPattern(
            p["label"],
            compile_(p["pattern"]),
            compile_(p.get("left", data.get("left"))),
            bool(p.get("left_required")),
        )
        for p in data["patterns"]
    ]
    return patterns, frozenset(data.get("not_before", [])), compile_(data.get("requires"))


class RegexSpans:
    """Finds the spans of a pattern file in doc.text and stores them in doc.spans[spans_key]."""

    def __init__(self, spans_key: str, patterns_file: str) -> None:
        self.spans_key = spans_key
        self.patterns, self.not_before, self.requires = load_regex_patterns(patterns_file)

    def _matches(self, text: str) -> Iterator[tuple[str, int, int]]:
        for rule in self.patterns:
            for match in rule.pattern.finditer(text):
                start, end = match.span()
                if rule.left is not None:
                    lead = rule.left.search(text, max(0, start - 40), start)
                    if lead:
                        start = lead.start()
                    elif rule.left_required:
                        continue
                while end > start and text[end - 1] in " .,;:":
                    end -= 1
                following = text[end:].split(maxsplit=1)
                if not following or following[0].strip(".,;:)").lower() not in self.not_before:
                    yield rule.label, start, end

    def __call__(self, doc: Doc) -> Doc:
        found: list[Span] = []
        text = doc.text  # rebuilt from the tokens on every access
        if self.requires is None or self.requires.search(text):
            for label, start, end in self._matches(text):
                span = doc.char_span(start, end, label=label, alignment_mode="expand")
                if span is not None and len(span):
                    found.append(span)
        doc.spans[self.spans_key] = sorted(filter_spans(found), key=lambda s: s.start)
        return doc


@Language.factory("regex_spans", default_config={"spans_key": "spans", "patterns_file": ""})
def make_regex_spans(nlp: Language, name: str, spans_key: str, patterns_file: str) -> RegexSpans:
    return RegexSpans(spans_key, patterns_file)


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    nlp = spacy.blank("en")
    roles = nlp.add_pipe(
        "span_ruler",
        name="roles",
        config={"spans_key": "roles", "phrase_matcher_attr": "LOWER", "validate": False},
    )
    roles.add_patterns([{"label": "ROLE", "pattern": title} for title in lexicon_titles()])
    nlp.add_pipe(
        "regex_spans",
        name="date_phrases",
        config={"spans_key": "dates", "patterns_file": "date_phrases.yaml"},
    )
    nlp.add_pipe(
        "regex_spans",
        name="measure_numbers",
        config={"spans_key": "measures", "patterns_file": "measure_numbers.yaml"},
    )
    return nlp


def analyse(text: str, *components: str) -> Doc:
    """Tokenise one text and run the named recognisers on it (all of them when none are named)."""
    nlp = get_nlp()
    doc = nlp.make_doc(text)
    for name in components or nlp.pipe_names:
        doc = nlp.get_pipe(name)(doc)
    return doc
