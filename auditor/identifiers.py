"""French personal identifiers: validators and fast finders (pure Python, no spaCy).

Used by the database catalog (per-value verdicts on sampled column values), by the
Presidio recognizers in :mod:`auditor.text.recognizers` and by the text analyser.

Every ``is_*`` / ``*_is_valid`` function takes one value and says whether that value,
on its own, is such an identifier. :func:`find_identifiers` finds them in free text
and returns ``(kind, start, end)`` triples with kinds ``nir``, ``phone``, ``email``,
``iban``, ``address`` and ``caf``.

NIR rules (INSEE, as documented by service-public.fr and the INSEE NIR schema):
13 characters then a 2-digit key, key = 97 - (number mod 97), Corsica ``2A``/``2B``
counted as 19/18 for the key. First digit 1 or 2 (sex), 3 or 4 (registration in
progress), 7 or 8 (temporary "NIA" numbers, same key rule). Month 01-12, or 20,
30-42 and 50-99 for people registered from an incomplete civil record.
"""

from __future__ import annotations

import re

__all__ = [
    "nir_is_valid",
    "nir_key",
    "iban_is_valid",
    "is_fr_phone",
    "is_email",
    "looks_like_address",
    "is_caf_number",
    "find_identifiers",
    "FINDERS",
    "iter_emails",
    "iter_ibans",
    "iter_nirs",
    "iter_phones",
    "iter_caf_numbers",
    "iter_addresses",
    "find_birth_dates",
    "NIR_REGEX",
    "NIR_KEYLESS_REGEX",
    "NIR_KEYED_REGEX",
    "PHONE_REGEX",
    "EMAIL_REGEX",
    "IBAN_REGEX",
    "ADDRESS_REGEX",
    "CAF_REGEX",
    "KINDS",
]

KINDS = ("nir", "phone", "email", "iban", "address", "caf")

# ---------------------------------------------------------------------------
# NIR
# ---------------------------------------------------------------------------

_SEP = r"[ .\u00a0-]?"
#: Regex (string) for a NIR written in text: 13 characters plus an optional key,
#: grouped or not with spaces, dots or dashes.
NIR_REGEX = (
    r"(?<![\w.])[1-478]" + _SEP + r"\d{2}" + _SEP + r"\d{2}" + _SEP
    + r"(?:\d{2}|2[ABab])" + _SEP + r"\d{3}" + _SEP + r"\d{3}"
    + r"(?:" + _SEP + r"\d{2})?(?![\w])"
)
#: Regex (string) for a NIR written with its key (15 characters).
NIR_KEYED_REGEX = NIR_REGEX.replace("(?:" + _SEP + r"\d{2})?(?![\w])", _SEP + r"\d{2}(?![\w])")
#: Regex (string) for a NIR written without its key (13 characters only).
NIR_KEYLESS_REGEX = NIR_REGEX.replace("(?:" + _SEP + r"\d{2})?(?![\w])", r"(?!" + _SEP + r"\d)(?![\w])")
_NIR_RE = re.compile(NIR_REGEX)
_NIR_CLEAN = re.compile(r"[\s.\-\u00a0]")
_NIR_SHAPE = re.compile(r"^([1-478])(\d{2})(\d{2})(\d{2}|2[AB])(\d{3})(\d{3})(\d{2})?$")


def _month_ok(month: int) -> bool:
    return 1 <= month <= 12 or month == 20 or 30 <= month <= 42 or 50 <= month <= 99


def nir_key(first13: str) -> int:
    """Return the control key of the first 13 characters of a NIR (2A/2B allowed)."""
    s = first13.upper()
    s = s[:5] + s[5:7].replace("2A", "19").replace("2B", "18") + s[7:]
    return 97 - int(s) % 97


def nir_is_valid(value: str, require_key: bool = True) -> bool:
    """Whether ``value`` is a French NIR (social security number).

    Spaces, dots and dashes are ignored. With ``require_key`` (the default) the
    value must have its 2-digit key and the key must match; without it a bare
    13-character NIR with a plausible structure is accepted too.
    """
    if not isinstance(value, str):
        return False
    s = _NIR_CLEAN.sub("", value).upper()
    m = _NIR_SHAPE.match(s)
    if not m:
        return False
    _, _, month, dept, commune, order, key = m.groups()
    if not _month_ok(int(month)) or dept == "00" or order == "000":
        return False
    if key is None:
        return not require_key
    return int(key) == nir_key(s[:13])


# ---------------------------------------------------------------------------
# IBAN
# ---------------------------------------------------------------------------

#: IBAN lengths per country (ISO 13616 registry, SEPA countries and neighbours).
IBAN_LENGTHS = {
    "AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22,
    "DK": 18, "DZ": 26, "EE": 20, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22,
    "GI": 23, "GL": 18, "GR": 27, "HR": 21, "HU": 28, "IE": 22, "IS": 26, "IT": 27,
    "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MA": 28, "MC": 27, "MD": 24, "ME": 22,
    "MK": 19, "MR": 27, "MT": 31, "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24,
    "RS": 22, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SN": 28, "TN": 24, "TR": 26,
    "UA": 29, "VA": 22, "XK": 20, "BA": 20, "AL": 28, "CI": 28, "CM": 27, "MG": 27,
}

#: Regex (string) for an IBAN candidate in text: country, key, then groups of 4.
IBAN_REGEX = r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?(?![A-Za-z0-9])"
_IBAN_RE = re.compile(IBAN_REGEX)


def iban_is_valid(value: str) -> bool:
    """Whether ``value`` is an IBAN with a known country length and a valid checksum."""
    if not isinstance(value, str):
        return False
    s = re.sub(r"[\s-]", "", value).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]+", s):
        return False
    if IBAN_LENGTHS.get(s[:2]) != len(s):
        return False
    digits = "".join(str(int(c, 36)) for c in s[4:] + s[:4])
    return int(digits) % 97 == 1


def _iban_in_match(text: str, start: int, end: int) -> int | None:
    """Longest valid IBAN starting at ``start`` inside ``text[start:end]``; its end."""
    chunk = text[start:end]
    # candidate ends: after each group boundary, longest first
    ends = [m.end() for m in re.finditer(r"[A-Z0-9]+", chunk)]
    for e in reversed(ends):
        if iban_is_valid(chunk[:e]):
            return start + e
    return None


# ---------------------------------------------------------------------------
# Phone
# ---------------------------------------------------------------------------

#: Regex (string) for a French phone number in text.
PHONE_REGEX = (
    r"(?<![\w+])(?:(?:\+|00)\s?33[\s.\-]?(?:\(0\)[\s.\-]?)?|0)[1-9]"
    r"(?:[\s.\-]?\d{2}){4}(?![\w]|[.\-]\d)"
)
_PHONE_RE = re.compile(PHONE_REGEX)
_PHONE_VALUE = re.compile(r"^(?:0[1-9]\d{8}|(?:\+|00)33(?:0)?[1-9]\d{8})$")


def is_fr_phone(value: str) -> bool:
    """Whether ``value`` is a French phone number (national or +33 / 0033 form)."""
    if not isinstance(value, str):
        return False
    s = re.sub(r"[\s.\-()\u00a0]", "", value)
    return bool(_PHONE_VALUE.match(s))


# ---------------------------------------------------------------------------
# E-mail
# ---------------------------------------------------------------------------

#: Regex (string) for an e-mail address (local part, @, dotted domain, alphabetic TLD).
#: Deliberately loose on the local part (finding errs towards redaction);
#: :func:`is_email` is stricter.
EMAIL_REGEX = (
    r"(?<![\w.+-])[\w!#$%&'*+/=?^`{|}~.-]+"
    r"@(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,24}(?![\w-])"
)
_EMAIL_RE = re.compile(EMAIL_REGEX)
_EMAIL_LOCAL_OK = re.compile(r"^[^.](?:(?!\.\.).)*(?<!\.)@")


def is_email(value: str) -> bool:
    """Whether ``value`` is one e-mail address (no network look-up, ever)."""
    if not isinstance(value, str):
        return False
    s = value.strip()
    return len(s) <= 254 and bool(_EMAIL_RE.fullmatch(s)) and bool(_EMAIL_LOCAL_OK.match(s))


# ---------------------------------------------------------------------------
# Postal address
# ---------------------------------------------------------------------------

_STREET_TYPES = (
    r"rue|avenue|av\.|bd|boulevard|bld|place|pl\.|all[ée]e|impasse|imp\.|chemin|"
    r"ch\.|route|rte|quai|cours|square|sq\.|r[ée]sidence|lotissement|lot\.|cit[ée]|"
    r"passage|sentier|faubourg|fbg|rond-point|esplanade|promenade|hameau|villa|voie|"
    r"parvis|mont[ée]e|clos|domaine|traverse|ruelle|lieu-dit|venelle|za|zac|zi"
)
_PARTICLE = r"(?:de|du|des|la|le|les|aux?|en|sur|sous|et|saint|sainte|st|ste|[dl]['’])"
_NAMEWORD = r"(?:[A-ZÀ-Ý][\w’'.\-]*|\d{1,4}(?!\d)|[IVX]+)"
_STREET_NAME = (
    r"(?:" + _PARTICLE + r"\s*)*" + _NAMEWORD
    + r"(?:\s+(?:" + _PARTICLE + r"\s*)*" + _NAMEWORD + r"){0,5}"
)
_STREET_NAME_LOWER = r"(?:[dl]['’]\s*)?[a-zà-ÿ][\w’'\-]*(?:\s+(?:(?:de|du|des|la|le|les|[dl]['’])\s*)*[a-zà-ÿ][\w’'\-]*){0,3}"
_NUMBER = r"\d{1,4}(?:\s?(?:bis|ter|quater|[a-dA-D])(?![\w]))?"
_POSTCODE_CITY = r"(?:\s*,?\s*(?:\d{5}|\d{2}\s\d{3})\s+[A-ZÀ-Ý][\w’'\-]*(?:[\s\-]+(?:(?:sur|sous|en|le|la|les|de|du|des|lès|lez)[\s\-]+)?[A-ZÀ-Ý][\w’'\-]*){0,3}(?:\s+(?:cedex|CEDEX)(?:\s\d{1,2})?)?)"

#: Regex (string) for a French postal address in text: number, street type, street
#: name (capitalised words and particles), optional postcode and city.
ADDRESS_REGEX = (
    r"(?<![\w])" + _NUMBER + r"\s*,?\s+(?i:" + _STREET_TYPES + r")\s+"
    r"(?:" + _STREET_NAME + r"|" + _STREET_NAME_LOWER + r")" + _POSTCODE_CITY + r"?"
)
_ADDRESS_RE = re.compile(ADDRESS_REGEX)
# the same without its leading look-behind, for fast scanning (boundary checked by hand)
_ADDRESS_SCAN_RE = re.compile(ADDRESS_REGEX[len(r"(?<![\w])"):])
# Without a number: only after an address verb ("habite rue Pasteur").
_ADDRESS_CTX_RE = re.compile(
    r"(?i:habite|domicili[ée]e?s?|demeurant|r[ée]side|r[ée]sidant|adresse\s*:?|h[ée]berg[ée]e?s?|vit|log[ée]e?s?)"
    r"\s+(?:(?i:au|à\s+la|à\s+l['’]|dans\s+la|dans\s+l['’]|dans\s+le|dans\s+une)\s+)?"
    r"((?i:" + _STREET_TYPES + r")\s+" + _STREET_NAME + _POSTCODE_CITY + r"?)"
)
_BP_RE = re.compile(r"(?<![\w])(?:BP|CS|TSA)\s?\d{2,6}" + _POSTCODE_CITY)


def looks_like_address(value: str) -> bool:
    """Whether ``value`` contains a street address (number, street type and name).

    A city or a postcode alone is not an address.
    """
    if not isinstance(value, str):
        return False
    return bool(_ADDRESS_RE.search(value) or _BP_RE.search(value))


# ---------------------------------------------------------------------------
# CAF number (weak: needs context in text)
# ---------------------------------------------------------------------------

#: Regex (string) for a CAF "numéro allocataire" introduced by its context words.
CAF_REGEX = (
    r"(?i:(?:num[ée]ro|n°|no\.?|num\.?|matricule|dossier)\s*(?:d['’]\s*)?(?:allocataire|caf|msa)"
    r"(?:\s+(?:caf|msa))?|allocataire\s+(?:caf|msa)|allocataire)(?:\s+(?:de|du)\s+[^\d\n:]{1,40}?)?\s*(?:n°|no\.?|num[ée]ro)?\s*:?\s*"
    r"(\d{7}(?:\s?[A-Z])?)(?!\w)"
)
_CAF_RE = re.compile(CAF_REGEX)


def is_caf_number(value: str) -> bool:
    """Whether ``value`` has the shape of a CAF allocataire number (7 digits).

    Weak on its own: any 7-digit number passes. Use it with a column name or
    context words ("allocataire", "CAF").
    """
    if not isinstance(value, str):
        return False
    s = re.sub(r"\s", "", value)
    return bool(re.fullmatch(r"\d{7}[A-Za-z]?", s)) and s[:7] != "0000000"


# ---------------------------------------------------------------------------
# Finder
# ---------------------------------------------------------------------------

def iter_emails(text: str):
    """Yield ``(start, end)`` of e-mail addresses in ``text``."""
    if "@" in text:
        for m in _EMAIL_RE.finditer(text):
            yield m.start(), m.end()


def iter_ibans(text: str):
    """Yield ``(start, end)`` of IBANs with a valid checksum (trailing words trimmed)."""
    for m in _IBAN_RE.finditer(text):
        end = _iban_in_match(text, m.start(), m.end())
        if end is not None:
            yield m.start(), end


def iter_nirs(text: str):
    """Yield ``(start, end)`` of NIRs: with a valid key, or keyless after a NIR context word."""
    for m in _NIR_RE.finditer(text):
        v = m.group()
        if nir_is_valid(v) or (nir_is_valid(v, require_key=False) and _nir_context(text, m.start())):
            yield m.start(), m.end()


def iter_phones(text: str):
    """Yield ``(start, end)`` of French phone numbers."""
    for m in _PHONE_RE.finditer(text):
        yield m.start(), m.end()


def iter_caf_numbers(text: str):
    """Yield ``(start, end)`` of CAF allocataire numbers introduced by their context words."""
    for m in _CAF_RE.finditer(text):
        yield m.start(1), m.end(1)


def iter_addresses(text: str):
    """Yield ``(start, end)`` of postal addresses (possibly overlapping each other)."""
    for m in _ADDRESS_SCAN_RE.finditer(text):
        if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "_"):
            continue
        yield m.start(), _trim_address(text, m.start(), m.end())
    for m in _ADDRESS_CTX_RE.finditer(text):
        yield m.start(1), _trim_address(text, m.start(1), m.end(1))
    for m in _BP_RE.finditer(text):
        yield m.start(), m.end()


#: Finders by kind, in priority order (earlier kinds win overlaps).
FINDERS = {
    "email": iter_emails,
    "iban": iter_ibans,
    "nir": iter_nirs,
    "phone": iter_phones,
    "caf": iter_caf_numbers,
    "address": iter_addresses,
}


def find_identifiers(text: str) -> list[tuple[str, int, int]]:
    """Find NIR, IBAN, e-mail, phone, address and CAF numbers in ``text``.

    Returns ``(kind, start, end)`` sorted by start, without overlaps (an e-mail,
    IBAN or NIR wins over a phone number or an address found inside it).
    """
    low = text.lower()
    street_ctx = _ADDRESS_CTX_GATE_RE.search(low) is not None
    if not _ANY_DIGIT_OR_AT.search(text):
        return _addresses_only(text) if street_ctx else []
    street = street_ctx or _STREET_GATE_RE.search(low) is not None
    long_number = _LONG_NUMBER_RE.search(text) is not None
    found: list[tuple[str, int, int]] = []
    for kind, finder in FINDERS.items():
        if kind in ("nir", "phone") and not long_number:
            continue
        if kind == "iban" and not _IBAN_GATE_RE.search(text):
            continue
        if kind == "caf" and not (_SEVEN_DIGITS_RE.search(text) and _CAF_GATE_RE.search(low)):
            continue
        if kind == "address" and not (street or _BP_GATE_RE.search(text)):
            continue
        for s, e in finder(text):
            if all(e <= a or s >= b for _, a, b in found):
                found.append((kind, s, e))
    found.sort(key=lambda t: t[1])
    return found


_ANY_DIGIT_OR_AT = re.compile(r"[\d@]")
# cheap gates: phone, NIR and IBAN all hold 9+ digits in a row (separators allowed)
_LONG_NUMBER_RE = re.compile(r"\d(?:[\s.\-]?[\dABab]){8}")
_IBAN_GATE_RE = re.compile(r"[A-Z]{2}\d{2}")
# gates run on the lower-cased text: plain literal alternations that ``re`` scans fast
_CAF_GATE_RE = re.compile(r"allocataire|caf|msa")
_STREET_GATE_RE = re.compile(r"\d\s*(?:bis|ter|quater|[a-d])?\s*,?\s+(?:" + _STREET_TYPES + r")(?!\w)")
_ADDRESS_CTX_GATE_RE = re.compile(
    r"(?:habite|domicili[ée]e?s?|demeurant|r[ée]side|r[ée]sidant|adresse\s*:?|h[ée]berg[ée]e?s?|vit|log[ée]e?s?)"
    r"\s+(?:(?:au|à\s+la|à\s+l['’]|dans\s+la|dans\s+l['’]|dans\s+le|dans\s+une)\s+)?(?:" + _STREET_TYPES + r")\s"
)
_SEVEN_DIGITS_RE = re.compile(r"\d{7}")
_BP_GATE_RE = re.compile(r"(?:BP|CS|TSA)\s?\d")


def _addresses_only(text: str) -> list[tuple[str, int, int]]:
    found: list[tuple[str, int, int]] = []
    for m in _ADDRESS_CTX_RE.finditer(text):
        s, e = m.start(1), _trim_address(text, m.start(1), m.end(1))
        if all(e <= a or s >= b for _, a, b in found):
            found.append(("address", s, e))
    return found


_NIR_CTX_RE = re.compile(r"(?i:nir|s[ée]cu|s[ée]curit[ée] sociale|insee|immatricul|carte vitale|ss)\W*$")


def _nir_context(text: str, start: int) -> bool:
    return bool(_NIR_CTX_RE.search(text[max(0, start - 40):start].rstrip(" :n°")))


_TRAILING_STOP = re.compile(r"(?:\s+(?:de|du|des|la|le|les|aux?|en|sur|sous|et|[dl]['’]))+$", re.I)


def _trim_address(text: str, s: int, e: int) -> int:
    """Drop trailing particles and punctuation from an address match."""
    chunk = text[s:e]
    chunk2 = _TRAILING_STOP.sub("", chunk).rstrip(" ,.;")
    return s + len(chunk2)


# ---------------------------------------------------------------------------
# Birth dates (for redaction)
# ---------------------------------------------------------------------------

_MONTHS = r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre"
_DATE = (
    r"(?:\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})|(?:1er|\d{1,2})\s+(?i:" + _MONTHS + r")\s+\d{4})"
)
_BIRTH_RE = re.compile(
    r"(?i:n[ée]e?s?\s+le|date\s+de\s+naissance\s*:?|d\.?\s?n\.?\s*:|ddn\s*:?|naissance\s*:?|n[ée]e?s?\s+en)\s*(" + _DATE + r"|\d{4})"
)


def find_birth_dates(text: str) -> list[tuple[int, int]]:
    """Spans of dates introduced as birth dates ("née le 12/03/1985", "DDN : ...")."""
    return [(m.start(1), m.end(1)) for m in _BIRTH_RE.finditer(text)]
