"""Shared pieces of the wordings: numbers written in digits or words, and a fold that keeps positions."""

from __future__ import annotations

import unicodedata
from typing import Any

Rule = dict[str, Any]

_NUMBER_WORDS = {
    "mot": 1,
    "hai": 2,
    "ba": 3,
    "bon": 4,
    "nam": 5,
    "sau": 6,
    "bay": 7,
    "tam": 8,
    "chin": 9,
    "muoi": 10,
}
NUM = r"(\d{1,3}|mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi)"


def fold_same_length(text: str) -> str:
    """Lower-case, no diacritics, đ → d, one character for one character (so positions carry over)."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFD", ch)[0]
        base = {"đ": "d", "Đ": "d", "–": "-", "—": "-"}.get(ch, base)
        out.append(base.lower() if len(base.lower()) == 1 else base)
    return "".join(out)


def number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]
