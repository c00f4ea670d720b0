"""Value evidence: what a column's sampled values show, as shares and statistics.

Nothing here keeps or returns a value: only counts, shares and statistics
(distinct ratio, average length), so that a reason built from them can be
shown anywhere. A share is always over the non-empty sampled values; below
``MIN_VALUES`` values nothing is concluded.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from auditor.dates import EPOCH_S, parse_date

MIN_VALUES = 5
PROBE = 60  # values read before tests that found nothing are dropped for the rest of the column

_HEX = re.compile(r"^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{56}|[0-9a-f]{64}|[0-9a-f]{96}|[0-9a-f]{128})$", re.I)
_B64_DIGEST = re.compile(r"^[A-Za-z0-9+/]{43}=$|^[A-Za-z0-9_-]{43}$|^[A-Za-z0-9+/]{22}==$")
_POSTCODE = re.compile(r"^(?:0[1-9]|[1-8]\d|9[0-5]|97|98|20)\d{3}$")
_NAME_WORD = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’\-]*\.?$")
_DIGIT = re.compile(r"\d")
_INT = re.compile(r"^\s*-?\d+\s*$")
_NUMBER = re.compile(r"^\s*-?\d+(?:[.,]\d+)?\s*$")

# Words that show a place, a service, an organisation or a scheme rather than a person.
ORG_WORDS = frozenset(
    """
    service services pole maison mds ccas cias caf cpam msa mairie commune ville centre centres association asso
    fondation foyer residence agence antenne direction departement departemental conseil dispositif programme
    plan contrat allocation aide aides fonds prestation rsa fsl apa pch aah ase pmi cmu css ame sdf udaf
    hopital clinique chu ch ehpad ecole college lycee universite creche mission locale relais espace point
    accueil bureau cabinet entreprise societe sarl sas sa eurl scop groupe banque mutuelle caisse office
    habitat logement social sociale solidarite solidarites insertion emploi france travail pole-emploi
    unite territoire circonscription secteur site siege etablissement atelier usine entrepot magasin
    reseau cooperative syndicat comite commission federation union collectif club tribunal prefecture
    sous-prefecture gendarmerie police cedex bp cs tsa zone zac zi parc quartier hameau lieu-dit cite
    saint sainte st ste sur sous les lez les-bains en-provence plage port mont val bois ferme domaine
    nord sud est ouest haut basse bas grand grande petit petite vieux neuf nouveau nouvelle
    """.split()
)
_PLACE_SHAPE = re.compile(r"(?i)^(?:saint|sainte|st|ste)[\s\-]|[\s\-](?:sur|sous|en|l[eè]s|lez|de|du|des|la|le)[\s\-]|\bcedex\b")
_ACRONYM = re.compile(r"^[A-Z0-9]{2,6}$")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case and accent-free."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


_DATE_LIKE = re.compile(r"^\d{1,4}[-/.\s]\d{1,2}[-/.\s]\d{1,4}|^\d{1,2}\s+\w+\.?\s+\d{4}|^\d{8}$")
_NIR_LIKE = re.compile(r"^[1-478][\s.\-]?\d{2}[\s.\-]?\d{2}[\s.\-]?(?:\d{2}|2[AaBb])[\s.\-]?\d{3}[\s.\-]?\d{3}(?:[\s.\-]?\d{2})?$")
_PHONE_LIKE = re.compile(r"^[+0(][\d\s.\-()+]{8,20}$")


def _wordlist(name: str) -> frozenset[str]:
    out: set[str] = set()
    path = Path(__file__).parent / "data" / name
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        out.update(fold(w) for w in line.split())
    return frozenset(out)


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Common first names (folded), from ``data/prenoms.txt``."""
    return _wordlist("prenoms.txt")


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Common surnames (folded), from ``data/noms.txt``."""
    return _wordlist("noms.txt")


def _identifiers():
    from auditor import identifiers

    return identifiers


@dataclass
class ValueStats:
    """Shares and statistics of a column's sampled values (no value is kept)."""

    n: int = 0
    distinct: int = 0
    avg_length: float = 0.0
    shares: dict[str, float] = field(default_factory=dict)
    birth_like: bool = False

    @property
    def distinct_ratio(self) -> float:
        """Distinct values over sampled values."""
        return self.distinct / self.n if self.n else 0.0

    def share(self, key: str) -> float:
        """Share of sampled values with property ``key`` (0 when not computed)."""
        return self.shares.get(key, 0.0)


def _name_shape(v: str) -> tuple[bool, list[str]]:
    words = v.replace(",", " ").split()
    if not 1 <= len(words) <= 4 or _DIGIT.search(v) or len(v) > 60:
        return False, words
    return all(_NAME_WORD.match(w) for w in words), words


def _is_org_or_place(v: str, words: list[str]) -> bool:
    folded = [fold(w).strip(".'’") for w in re.split(r"[\s\-/']+", v) if w]
    if any(w in ORG_WORDS for w in folded):
        return True
    if _PLACE_SHAPE.search(v):
        return True
    return len(words) == 1 and bool(_ACRONYM.match(v)) and fold(v) not in first_names()


# epoch timestamps: 1990-01-01 .. 2100-01-01 in seconds, or the same in milliseconds
EPOCH_MS = (EPOCH_S[0] * 1000, EPOCH_S[1] * 1000)


def epoch_unit(s: str) -> str | None:
    """'epoch_s' / 'epoch_ms' when the digits ``s`` fall in the epoch range (seconds or
    milliseconds since 1970 for a day between 1990 and 2100), else None. A decimal part after a
    point (a REAL column: « 1631939071.59 », « 1631939071592.0 ») is allowed and not read. Only a
    share of a whole column, with a supporting clue, makes a date of it (see ``classify.decide``)."""
    s = s.strip()
    whole, dot, frac = s.partition(".")
    if dot:
        if not (frac.isascii() and frac.isdigit()):
            return None
        s = whole
    if not (s.isascii() and s.isdigit()) or s.startswith("0") or len(s) not in (9, 10, 12, 13):
        return None
    v = int(s)
    if EPOCH_S[0] <= v <= EPOCH_S[1]:
        return "epoch_s"
    if EPOCH_MS[0] <= v <= EPOCH_MS[1]:
        return "epoch_ms"
    return None


def value_stats(values: list[str], as_of_year: int = 2026) -> ValueStats:
    """Statistics and shares of ``values`` (non-empty strings, already truncated)."""
    n = len(values)
    st = ValueStats(n=n)
    if n == 0:
        return st
    st.distinct = len(set(values))
    st.avg_length = sum(len(v) for v in values) / n
    if n < MIN_VALUES:
        return st
    ident = _identifiers()
    fn, sn = first_names(), surnames()
    weights: dict[str, int] = {}
    for v in values:
        weights[v] = weights.get(v, 0) + 1
    counts = dict.fromkeys(
        ["nir", "nir_keyless", "iban", "email", "phone", "address", "postcode", "hex", "b64", "date", "free_text",
         "name_shape", "first_name", "full_name", "surname", "org", "caf", "integer", "epoch_s", "epoch_ms", "number",
         "year_like", "small_number"],
        0,
    )
    years: list[int] = []
    skip: set[str] = set()
    seen = 0
    for v, w in weights.items():
        seen += w
        if seen >= PROBE and not skip:
            # properties absent from the first values cannot reach their threshold: stop testing them
            skip = {k for k in ("address", "date", "name_shape", "free_text") if counts[k] == 0}
        found = _one_value(v.strip(), ident, fn, sn, skip)
        for key in found:
            if isinstance(key, int):
                years.extend([key] * w)
            else:
                counts[key] += w
    st.shares = {k: c / n for k, c in counts.items()}
    if years and len(years) / n >= 0.9:
        old = sum(1 for y in years if y <= as_of_year - 16)
        st.birth_like = old / len(years) >= 0.8 and (max(years) - min(years)) >= 25 and min(years) >= 1900
    return st


def _one_value(s: str, ident: Any, fn: frozenset[str], sn: frozenset[str], skip: set[str] = frozenset()) -> list[str | int]:  # type: ignore[assignment]
    """The properties of one value (keys of the share table; an int is a parsed year)."""
    counts: dict[str, int] = {}
    out: list[str | int] = []
    if True:
        if _NIR_LIKE.match(s):
            if ident.nir_is_valid(s):
                counts["nir"] = 1
            elif ident.nir_is_valid(s, require_key=False):
                counts["nir_keyless"] = 1
        if "@" in s and ident.is_email(s):
            counts["email"] = 1
        if len(s) >= 15 and s[:2].isalpha() and ident.iban_is_valid(s):
            counts["iban"] = 1
        if _PHONE_LIKE.match(s) and ident.is_fr_phone(s):
            counts["phone"] = 1
        if _HEX.match(s):
            counts["hex"] = 1
        elif _B64_DIGEST.match(s) and _DIGIT.search(s):
            counts["b64"] = 1
        if _POSTCODE.match(s):
            counts["postcode"] = 1
        if _NUMBER.match(s):
            counts["number"] = 1  # a whole or decimal number (« 12 », « 123.0 », « 4,2 »)
            if abs(float(s.replace(",", "."))) < 10_000:
                counts["small_number"] = 1  # below the day numbers of a spreadsheet's dates (10 000 = 1927)
        if _INT.match(s):
            counts["integer"] = 1
            if 1900 <= int(s) <= 2100:
                counts["year_like"] = 1
            e = epoch_unit(s)
            if e:
                counts[e] = 1
            if ident.is_caf_number(s):
                counts["caf"] = 1
        elif "." in s and (e := epoch_unit(s)):
            counts[e] = 1  # epoch seconds with decimals, as a REAL column holds them
        if len(s) >= 40 and s.count(" ") >= 5:
            counts["free_text"] = 1
        elif "address" not in skip and len(s) >= 6 and _DIGIT.search(s) and ident.looks_like_address(s):
            counts["address"] = 1
        if "date" not in skip and len(s) <= 30 and _DATE_LIKE.match(s):
            d = parse_date(s)
            if d is not None:
                counts["date"] = 1
                out.append(d.year)
        shape, words = _name_shape(s) if "name_shape" not in skip else (False, [])
        if shape:
            counts["name_shape"] = 1
            org = _is_org_or_place(s, words)
            if org:
                counts["org"] = 1
            else:
                first = fold(words[0]).strip(".")
                parts = [fold(w) for w in words]
                if len(words) >= 2 and (first in fn or fold(words[-1]) in fn):
                    counts["full_name"] = 1
                elif len(words) == 1 and (first in fn or all(p in fn for p in first.split("-"))):
                    counts["first_name"] = 1
                if any(p in sn for p in parts) or any(p in sn for p in first.split("-")):
                    counts["surname"] = 1
        elif words and len(s) <= 80 and _is_org_or_place(s, words):
            counts["org"] = 1
    return [*counts, *out]


def describe(st: ValueStats) -> str:
    """French description of the column statistics (never a value)."""
    return f"{st.distinct} valeur(s) distincte(s) sur {st.n} lue(s), longueur moyenne {st.avg_length:.0f}"
