"""Text clean-up shared by every normaliser: Unicode NFC, white space, OCR look-alikes."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from normalisers.data import data_file
from normalisers.roles import lexicon_abbreviations

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def clean_text(text: str) -> str:
    """Unicode NFC, invisible characters dropped, white space collapsed, stripped."""
    text = unicodedata.normalize("NFC", str(text)).translate(_INVISIBLE)
    return _SPACE.sub(" ", text).strip()


def alternation(phrases: Iterable[str], *, patterns: bool = False) -> str:
    """Phrases as one regular-expression alternation, longest first, a space in a phrase
    matching any run of white space. With `patterns` the phrases are regular expressions
    already; else they are matched as written."""
    space = r"\s+"
    ordered = sorted(phrases, key=len, reverse=True)
    if patterns:
        return "|".join("(?:" + p.replace(" ", space) + ")" for p in ordered)
    return "|".join(re.escape(p).replace(r"\ ", space) for p in ordered)


@lru_cache(maxsize=1)
def _confusables() -> dict[int, str]:
    """Cyrillic and Greek letters that OCR reads for the Latin letter they look like."""
    with data_file("ocr_confusables.csv").open(encoding="utf-8") as fh:
        return {ord(row["char"]): row["latin"] for row in csv.DictReader(fh)}


@lru_cache(maxsize=1)
def _word_fixes() -> dict[str, str]:
    """Whole words OCR commonly misreads ("Irust" -> "Trust")."""
    with data_file("ocr_words.csv").open(encoding="utf-8") as fh:
        return {row["wrong"]: row["right"] for row in csv.DictReader(fh)}


@lru_cache(maxsize=1)
def known_acronyms() -> frozenset[str]:
    """Upper-case abbreviations of the role lexicon and of common NHS bodies (for OCR repair)."""
    with data_file("acronyms.txt").open(encoding="utf-8") as fh:
        extra = {line.strip().upper() for line in fh if line.strip() and not line.startswith("#")}
    return frozenset(extra | {a.upper() for a in lexicon_abbreviations()})


def _repair_word(word: str) -> str:
    fixed = _word_fixes().get(word)
    if fixed:
        return fixed
    if word.isascii():
        return word
    latin = word.translate(_confusables())
    if not latin.isascii():
        return word  # a genuinely non-Latin word: leave it alone
    if latin.upper() in known_acronyms():
        return latin.upper()
    mixed = any(c.isascii() for c in word)
    return latin if mixed else word  # a wholly Cyrillic/Greek word is only read as an abbreviation


@lru_cache(maxsize=1)
def _word_fix_pattern() -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(map(re.escape, _word_fixes())) + r")\b")


def repair_ocr(text: str) -> str:
    """Undo common OCR slips: look-alike Cyrillic/Greek letters, misread words ("Irust")."""
    text = clean_text(text)
    if text.isascii():  # no look-alike letters: only misread words to fix
        return _word_fix_pattern().sub(lambda m: _word_fixes()[m.group(0)], text)
    return _WORD.sub(lambda m: _repair_word(m.group(0)), text)
