"""Length-preserving folding (lower case, no accents) and word tokens with offsets."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "words", "WORD_RE"]


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in list(range(0x41, 0x5B)) + list(range(0xC0, 0x250)) + [0x1E9E]:
        ch = chr(cp)
        base = unicodedata.normalize("NFD", ch)[0].lower()
        if len(base) == 1 and base != ch:
            table[cp] = base
    table[ord("’")] = "'"
    table[ord("ʼ")] = "'"
    table[ord("‘")] = "'"
    table[ord("`")] = "'"
    table[ord("\u00a0")] = " "
    table[ord("\u202f")] = " "
    table[ord("Œ")] = "œ"
    table[ord("Æ")] = "æ"
    return table


_TABLE = _build_table()


_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")


def _fold_char(m: re.Match) -> str:
    c = m.group()
    return _TABLE.get(ord(c), c)


def fold(text: str) -> str:
    """Lower-case and strip accents, keeping every offset (one char for one char)."""
    low = text.lower()
    if len(low) != len(text):  # a few characters lower-case to two ("İ")
        return text.translate(_TABLE)
    if low.isascii():
        return low
    return _NON_ASCII_RE.sub(_fold_char, low)


WORD_RE = re.compile(r"\w+")


def words(folded: str) -> list[tuple[str, int, int]]:
    """``(word, start, end)`` for each run of word characters."""
    return [(m.group(), m.start(), m.end()) for m in WORD_RE.finditer(folded)]
