"""French typography of the sentences checks write: plurals agreed, numbers in French.

Checks build their titles and evidence with f-strings (« {n} ligne(s) conservée(s) »);
:func:`french` turns them into what a careful writer would have written:

- « 1 ligne(s) conservée(s) » -> « 1 ligne conservée », « 320 dossier(s) » -> « 320 dossiers »:
  each ``(s)`` / ``(x)`` agrees with the nearest number before it in the same clause
  (plural when there is none);
- « 10304 » -> « 10 304 » (narrow no-break space; four-digit numbers between 1900 and 2099
  are taken for years and left alone), « 8.8 » -> « 8,8 », « 12,5% » -> « 12,5 % »;
- « 100,0 % » -> « 100 % », « 700,0 » -> « 700 » (a zero decimal says nothing);
- « 2026-06-30 » -> « 30 juin 2026 ».

Only the text is changed; identifiers, table names with digits (« stat_2024 ») and
codes inside words are left as they are.
"""

from __future__ import annotations

import re

NNBSP = "\u202f"
_PLURAL = re.compile(r"(\w+)\((s|x|es)\)")
_CLAUSE_END = re.compile(r"[;:()\n]|\. ")
_BIG = re.compile(r"(?<![\w.,/\-\u202f])([1-9]\d{3,})(?![\w/\-]|[.,]\d)")
_DECIMAL_POINT = re.compile(r"(?<![\w.])(\d+)\.(\d+)(?![\w.])")
_PERCENT = re.compile(r"(\d)\s?%")
_ZERO_DECIMAL = re.compile(r"(?<![\d,.])(\d+),0(?!\d|,\d)")


def _group(digits: str) -> str:
    if len(digits) == 4 and 1900 <= int(digits) <= 2099:
        return digits
    return f"{int(digits):,}".replace(",", NNBSP)


def _agree(text: str) -> str:
    out: list[str] = []
    last = 0
    for m in _PLURAL.finditer(text):
        before = _PLURAL.sub(r"\1", text[:m.start()])  # earlier (s) markers are not clause ends
        cut = max((c.end() for c in _CLAUSE_END.finditer(before)), default=0)
        nums = re.findall(r"(\d[\d\u202f]*)(?:,\d+)?", before[cut:])
        many = True
        if nums:
            value = int(nums[-1].replace(NNBSP, ""))
            many = value > 1
        out.append(text[last:m.start()])
        out.append(m.group(1) + (m.group(2) if many else ""))
        last = m.end()
    out.append(text[last:])
    return "".join(out)


_ISO_DATE = re.compile(r"(?<![\w\-/])(\d{4})-(\d{2})-(\d{2})(?![\w\-/:]|T)")
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
           "décembre"]


def _date(m: re.Match) -> str:
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return m.group(0)
    return day_fr(y, mo, d)


def day_fr(year: int, month: int, day: int) -> str:
    """'1er juillet 2026', '30 juin 2026'."""
    return f"{'1er' if day == 1 else day} {MONTHS[month - 1]} {year}"


def french(text: str | None, decimals: bool = True) -> str:
    """``text`` with plurals agreed and numbers in French format (see the module docstring).

    ``decimals=False`` leaves « 3.1 » alone (the report numbers its findings that way)."""
    if not text:
        return text or ""
    text = _agree(text)
    text = _ISO_DATE.sub(_date, text)
    if decimals:
        text = _DECIMAL_POINT.sub(r"\1,\2", text)
    text = _BIG.sub(lambda m: _group(m.group(1)), text)
    text = _PERCENT.sub(lambda m: m.group(1) + NNBSP + "%", text)
    text = _ZERO_DECIMAL.sub(r"\1", text)
    return text


def first_sentence(text: str) -> str:
    """The first sentence of ``text``, without its final period (« [access.teams] » is not an end)."""
    m = re.search(r"\.(\s|$)", text or "")
    return (text[:m.start()] if m else (text or "")).strip()
