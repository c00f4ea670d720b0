"""Dates as they come: ISO, French day-first formats, French month names, empty strings.

A fast regular-expression path handles the common forms; python-dateutil
(day first, French month names) handles the rest. Impossible dates such as
31/02/1980 give None, never an exception.
"""

from __future__ import annotations

import datetime as dt
import re

from dateutil import parser as _du

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?\s*$")
_FR = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2})[:h](\d{2})(?::(\d{2}))?)?\s*$")
_YMD_SLASH = re.compile(r"^\s*(\d{4})/(\d{1,2})/(\d{1,2})\s*$")


class _FrenchInfo(_du.parserinfo):
    MONTHS = [
        ("janv", "janvier", "jan"),
        ("févr", "fevr", "février", "fevrier", "fév", "fev"),
        ("mars", "mar"),
        ("avr", "avril"),
        ("mai",),
        ("juin",),
        ("juil", "juillet"),
        ("août", "aout", "aoû"),
        ("sept", "septembre", "sep"),
        ("oct", "octobre"),
        ("nov", "novembre"),
        ("déc", "dec", "décembre", "decembre"),
    ]
    JUMP = [" ", ".", ",", ";", "-", "/", "'", "le", "er", "à", "a", "h"]

    def __init__(self) -> None:
        super().__init__(dayfirst=True)


_INFO = _FrenchInfo()


def _mk(y: str, m: str, d: str, hh: str | None = None, mm: str | None = None, ss: str | None = None) -> dt.datetime | None:
    try:
        return dt.datetime(int(y), int(m), int(d), int(hh or 0), int(mm or 0), int(ss or 0))
    except ValueError:
        return None


def parse_datetime(value: object) -> dt.datetime | None:
    """Parse a date or timestamp written in any usual French or ISO form; None if not a date."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    s = str(value).strip()
    if not s:
        return None
    m = _ISO.match(s)
    if m:
        return _mk(*m.groups())
    m = _FR.match(s)
    if m:
        d, mo, y, hh, mi, ss = m.groups()
        return _mk(y, mo, d, hh, mi, ss)
    m = _YMD_SLASH.match(s)
    if m:
        return _mk(*m.groups())
    # the fallback is for dates written with a French month name ("12 mars 2021");
    # bare numbers ("12", "20210304") are identifiers or counts, never dates here
    if len(s) > 40 or not any(ch.isdigit() for ch in s) or not any(ch.isalpha() for ch in s):
        return None
    try:
        return _du.parse(s, parserinfo=_INFO)
    except (ValueError, OverflowError, TypeError):
        return None


def parse_date(value: object) -> dt.date | None:
    """Parse a date (time dropped); None if the value is not a valid date."""
    d = parse_datetime(value)
    return d.date() if d else None


def french_to_iso(value: str) -> str | None:
    """Fast conversion of a dd/mm/yyyy[ hh:mm[:ss]] string to ISO; None when it is not one."""
    m = _FR.match(value)
    if not m:
        return None
    d, mo, y, hh, mi, ss = m.groups()
    if hh is None:
        return f"{int(y):04d}-{int(mo):02d}-{int(d):02d}"
    return f"{int(y):04d}-{int(mo):02d}-{int(d):02d} {int(hh):02d}:{int(mi):02d}:{int(ss or 0):02d}"
