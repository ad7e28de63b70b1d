"""Undo line-end hyphenation when joining two wrapped lines.

A word broken at a line end either had a hyphen *added* by the line breaker ("experi-" /
"ence" -> "experience") or was a compound broken after its *own* hyphen ("zero-" /
"tolerance" -> "zero-tolerance"). The rule, first match wins:

1. the document itself prints the hyphenated form elsewhere ("zero-tolerance") -> keep;
   it prints the closed form elsewhere ("caseloads") -> join without the hyphen;
2. the left part is one or two letters ("e-" / "observations") or the right part starts with
   a capital or a digit ("COVID-" / "19", "Covid-" / "Secure") -> keep;
3. the left part is a prefix-like word that forms compounds (data/compound_prefixes.txt:
   "zero", "well", "co", "non", "front", "out", "long", "one", ...) -> keep;
4. both parts are complete words of an English lexicon (pyspellchecker's word list) but the
   closed form is not ("waiting" / "list", "red" / "flag") -> keep;
5. otherwise the hyphen was added by the line breaker -> join without it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from extractors.data import data_file

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]")
_BROKEN = re.compile(r"([A-Za-z][A-Za-z'-]*)-$")


@lru_cache(maxsize=1)
def compound_prefixes() -> frozenset[str]:
    lines = data_file("compound_prefixes.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def _lexicon() -> frozenset[str]:
    """English words (pyspellchecker's frequency list), loaded on first need."""
    from spellchecker import SpellChecker

    return frozenset(SpellChecker(language="en", distance=1).word_frequency.keys())


class Vocabulary:
    """The words a document prints (outside line-end breaks), lower-cased."""

    def __init__(self, texts: Iterable[str] = ()) -> None:
        self.words: set[str] = set()
        for text in texts:
            self.add(text)

    def add(self, text: str) -> None:
        self.words.update(m.group(0).lower() for m in _WORD.finditer(text))


def ends_with_break(text: str) -> bool:
    return bool(_BROKEN.search(text)) and not text.endswith("--")


def join_broken(left: str, right: str, vocabulary: Vocabulary) -> str:
    """Join `left` (ending "-") and `right` (the next line), keeping or dropping the hyphen."""
    match = _BROKEN.search(left)
    head_match = re.match(r"[A-Za-z0-9][\w'-]*", right)
    if match is None or head_match is None:
        return f"{left} {right}"
    stem = match.group(1).split("-")[-1]  # "out-of-" -> "of"
    head = head_match.group(0)
    if _keep_hyphen(match.group(1), stem, head, vocabulary):
        return left + right
    return left[:-1] + right


def _keep_hyphen(left_word: str, stem: str, head: str, vocabulary: Vocabulary) -> bool:
    head_word = re.match(r"[A-Za-z']+", head)
    tail = head_word.group(0).lower() if head_word else head.lower()
    hyphenated, closed = f"{left_word.lower()}-{tail}", f"{left_word.lower()}{tail}"
    if hyphenated in vocabulary.words:
        return True
    if closed in vocabulary.words:
        return False
    if len(stem) <= 2 or head[0].isupper() or head[0].isdigit():
        return True
    if stem.lower() in compound_prefixes():
        return True
    lexicon = _lexicon()
    closed_stem = f"{stem.lower()}{tail}"
    return stem.lower() in lexicon and tail in lexicon and closed_stem not in lexicon
