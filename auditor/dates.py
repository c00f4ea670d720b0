"""Dates as they come: ISO, French day-first formats, French month names, empty strings.

Two readers share one grammar:

* :func:`read_date_text` is the reference of what the SQL reader
  (:func:`auditor.sqlutil.read_date`) accepts, written in Python: numeric dates
  with ``/``, ``-`` or ``.`` (year first or day first, one- or two-digit day
  and month, an optional time after a space or ``T``), compact ``AAAAMMJJ``,
  and ``12 mars 2019`` / ``1er févr. 2019``. It tells *why* a value is not a
  date: empty, impossible (``31/02/1980``) or unreadable.
* :func:`parse_datetime` / :func:`parse_date` accept the same values and, for
  text with a month name, whatever python-dateutil reads with a day, a month
  and a year all present (``lundi 12 mars 2019 à 10h``). A bare number is
  never a date (except ``AAAAMMJJ``), and nothing depends on today's date.

Impossible dates give None (or the status ``impossible``), never an exception.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from dateutil import parser as _du

# Status of a value read as a date (the SQL reader gives the same codes).
MISSING = "missing"  # NULL
EMPTY = "empty"  # '' or blanks
OK = "ok"
IMPOSSIBLE = "impossible"  # shaped like a date, but no such day (31/02/1980, month 13, year 0)
UNREADABLE = "unreadable"  # not a date in any known form

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?\s*$")
_FR = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2})[:h](\d{2})(?::(\d{2}))?)?\s*$")
_YMD_SLASH = re.compile(r"^\s*(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")

# French month names and abbreviations, without accents, as the SQL reader knows them.
MONTHS: dict[str, int] = {
    "janvier": 1, "janv": 1, "jan": 1,
    "fevrier": 2, "fevr": 2, "fev": 2,
    "mars": 3, "mar": 3,
    "avril": 4, "avr": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7, "juil": 7,
    "aout": 8, "aou": 8,
    "septembre": 9, "sept": 9, "sep": 9,
    "octobre": 10, "oct": 10,
    "novembre": 11, "nov": 11,
    "decembre": 12, "dec": 12,
}
# Accented letters the readers fold (lower and upper case, as SQLite's lower() keeps non-ASCII capitals).
ACCENT_FOLDS = (("é", "e"), ("É", "e"), ("è", "e"), ("È", "e"), ("û", "u"), ("Û", "u"))


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
    WEEKDAYS = [
        ("lun", "lundi"),
        ("mar", "mardi"),
        ("mer", "mercredi"),
        ("jeu", "jeudi"),
        ("ven", "vendredi"),
        ("sam", "samedi"),
        ("dim", "dimanche"),
    ]
    JUMP = [" ", ".", ",", ";", "-", "/", "'", "le", "er", "à", "a", "h"]

    def __init__(self) -> None:
        super().__init__(dayfirst=True)


_INFO = _FrenchInfo()
_DEFAULT_A = dt.datetime(1904, 1, 1)
_DEFAULT_B = dt.datetime(1908, 2, 2)


def valid_ymd(y: int, m: int, d: int) -> bool:
    """True when year, month and day make a real calendar day (year 1 to 9999)."""
    try:
        dt.date(y, m, d)
    except ValueError:
        return False
    return True


def _mk(y: str, m: str, d: str, hh: str | None = None, mm: str | None = None, ss: str | None = None) -> dt.datetime | None:
    try:
        return dt.datetime(int(y), int(m), int(d), int(hh or 0), int(mm or 0), int(ss or 0))
    except ValueError:
        return None


def _fold(s: str) -> str:
    for a, b in ACCENT_FOLDS:
        s = s.replace(a, b)
    return s


def month_words(s: str) -> str:
    """The text as the SQL reader sees it for month names: lower case, accents folded,
    '. ' and separators turned into single spaces ('12 Févr. 2019' -> '12 fevr 2019')."""
    w = _fold(s.lower())
    w = w.replace(". ", " ")
    for ch in ".-/,":
        w = w.replace(ch, " ")
    return w.replace("  ", " ").replace("  ", " ")


def read_date_text(value: object, months: bool = True, epoch: bool = True) -> tuple[str, str | None]:
    """(status, 'YYYY-MM-DD' or None) for a value, with exactly the grammar of the SQL reader
    (``months=False``: without month names, as the inline ``auditor.sqlutil.read_date``).

    Numeric shapes first (after turning ``-`` and ``.`` into ``/``): ``AAAA/M/J``
    and ``J/M/AAAA`` with one or two digits for day and month, followed by the
    end of the text, a space or ``T`` (what follows, a time, is not read);
    then ``AAAAMMJJ``; then an epoch timestamp (seconds, 9 or 10 digits, or
    milliseconds, 12 or 13 digits, no leading zero, for a UTC day in 1990..2100, with or
    without decimals after a point as a REAL column holds them; ``epoch=False``
    leaves it unread: the SQL readers meet it only on columns the catalog holds for dates);
    then ``J mois AAAA`` / ``1er mois AAAA`` (see :func:`month_words`).
    """
    if value is None:
        return MISSING, None
    if isinstance(value, dt.datetime):
        return OK, value.date().isoformat()
    if isinstance(value, dt.date):
        return OK, value.isoformat()
    s = str(value).strip(" ")  # SQL trim() removes spaces only
    if s == "":
        return EMPTY, None
    n = s.replace("-", "/").replace(".", "/")
    for y_first, ml, dl in SHAPES:
        parts = _shape_parts(n, y_first, ml, dl, exact=False)
        if parts is not None:
            return _judge(*parts)
    if len(s) == 8 and _digits(s):
        return _judge(s[:4], s[4:6], s[6:8])
    whole, dot, frac = s.partition(".")
    e = whole if dot and _digits(frac) else s  # a REAL column's epoch seconds or milliseconds: the decimals are not read
    if epoch and len(e) in (9, 10, 12, 13) and _digits(e) and e[0] != "0":
        v = int(e)
        secs = v if EPOCH_S[0] <= v <= EPOCH_S[1] else v // 1000 if EPOCH_S[0] * 1000 <= v <= EPOCH_S[1] * 1000 else None
        if secs is not None:
            return OK, (dt.datetime(1970, 1, 1) + dt.timedelta(seconds=secs)).date().isoformat()
    w = month_words(s) if months else ""
    for dlen in (1, 2, 3):  # '1 mars 2019', '12 mars 2019', '1er mars 2019'
        if len(w) < dlen + 7:
            continue
        if dlen == 3:
            if w[:4] != "1er ":
                continue
            day = "1"
        else:
            day = w[:dlen]
            if w[dlen] != " " or not _digits(day):
                continue
        year, month = w[-4:], w[dlen + 1 : len(w) - 5]
        if w[-5] == " " and _digits(year) and month in MONTHS:
            return _judge(year, f"{MONTHS[month]:02d}", day)
    return UNREADABLE, None


# integer epoch timestamps: seconds since 1970 for a day in 1990-01-01 .. 2100-01-01 (x 1000 for milliseconds)
EPOCH_S = (631152000, 4102444800)

# Numeric shapes in the order the SQL reader tries them: (year first, month length, day length).
SHAPES = [
    (True, 2, 2),
    (True, 1, 2),
    (True, 2, 1),
    (True, 1, 1),
    (False, 2, 2),
    (False, 2, 1),
    (False, 1, 2),
    (False, 1, 1),
]


def _digits(s: str) -> bool:
    return s != "" and all("0" <= ch <= "9" for ch in s)


def shape_layout(y_first: bool, ml: int, dl: int) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int], int]:
    """1-based (start, length) of year, month and day in a numeric shape, and its length."""
    if y_first:
        y, m = (1, 4), (6, ml)
        d = (6 + ml + 1, dl)
    else:
        d = (1, dl)
        m = (dl + 2, ml)
        y = (dl + ml + 3, 4)
    return y, m, d, 4 + ml + dl + 2


def shape_spec(y_first: bool, ml: int, dl: int) -> str:
    """The shape as a pattern: 'D' for a digit, '/' for the separator."""
    return f"DDDD/{'D' * ml}/{'D' * dl}" if y_first else f"{'D' * dl}/{'D' * ml}/DDDD"


def _shape_parts(n: str, y_first: bool, ml: int, dl: int, exact: bool) -> tuple[str, str, str] | None:
    spec = shape_spec(y_first, ml, dl)
    size = len(spec)
    if len(n) < size or (exact and len(n) != size):
        return None
    for ch, want in zip(n, spec):
        if (want == "D" and not ("0" <= ch <= "9")) or (want != "D" and ch != want):
            return None
    if len(n) > size and n[size] not in (" ", "T"):
        return None
    (ys, yl), (ms, mlen), (ds, dlen), _size = shape_layout(y_first, ml, dl)
    return n[ys - 1 : ys - 1 + yl], n[ms - 1 : ms - 1 + mlen], n[ds - 1 : ds - 1 + dlen]


def _judge(y: str, m: str, d: str) -> tuple[str, str | None]:
    yi, mi, di = int(y), int(m), int(d)
    if valid_ymd(yi, mi, di):
        return OK, f"{yi:04d}-{mi:02d}-{di:02d}"
    return IMPOSSIBLE, None


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
    got: dt.datetime | None = None
    m = _ISO.match(s)
    if m:
        got = _mk(*m.groups())
    elif (m := _FR.match(s)) is not None:
        d, mo, y, hh, mi, ss = m.groups()
        got = _mk(y, mo, d, hh, mi, ss)
    elif (m := _YMD_SLASH.match(s)) is not None:
        got = _mk(*m.groups())
    if got is not None:
        return got
    status, iso = read_date_text(s, epoch=False)  # a bare integer is read as a time only in a date column
    if status == OK and iso is not None:
        return dt.datetime.fromisoformat(iso)
    if status == IMPOSSIBLE:
        return None
    if len(s) > 40 or not any(ch.isdigit() for ch in s) or not any(ch.isalpha() for ch in s):
        return None  # a bare number is not a date
    try:
        a = _du.parse(s, parserinfo=_INFO, default=_DEFAULT_A)
        b = _du.parse(s, parserinfo=_INFO, default=_DEFAULT_B)
    except (ValueError, OverflowError, TypeError):
        return None
    if a.date() != b.date():
        return None  # day, month or year missing: not a full date
    return a.replace(tzinfo=None)


def parse_date(value: object) -> dt.date | None:
    """Parse a date (time dropped); None if the value is not a valid date."""
    d = parse_datetime(value)
    return d.date() if d else None


def french_to_iso(value: str) -> str | None:
    """Fast conversion of a dd/mm/yyyy[ hh:mm[:ss]] string to ISO layout; None when it is not one.

    Only the layout changes: an impossible day keeps its numbers
    (31/02/1980 -> '1980-02-31'), and the checks judge validity in SQL
    (the retention check counts it as an impossible date).
    """
    m = _FR.match(value)
    if not m:
        return None
    d, mo, y, hh, mi, ss = m.groups()
    if hh is None:
        return f"{int(y):04d}-{int(mo):02d}-{int(d):02d}"
    return f"{int(y):04d}-{int(mo):02d}-{int(d):02d} {int(hh):02d}:{int(mi):02d}:{int(ss or 0):02d}"


def strip_accents(s: str) -> str:
    """Text without accents (for comparing labels)."""
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
