"""Name evidence: column and table names matched against ``names.toml``.

Three passes, the first that finds something wins:

1. the name's tokens as written (``DT_NAISS`` -> ``dt``, ``naiss``);
2. tokens rewritten: glued words split on the vocabulary (``DTNAISS``,
   ``codepostal``) and legacy abbreviations expanded (``CD_POST`` -> ``code``,
   ``postal``);
3. fuzzy: a token that is a prefix of a vocabulary word (4 letters or more),
   its consonant skeleton (``PRNM`` -> ``prenom``, ``TLPHN`` -> ``telephone``),
   or one typo away from it (6 letters or more), when only one kind is meant.

Every entry has a negative list: a co-occurring token that cancels the match
(``nom`` with ``commune``).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_SPLIT = re.compile(r"[^a-z0-9]+")
_VOWELS = set("aeiouy")
# Tokens never rewritten by the fuzzy pass (too short or too common to mean anything).
FUZZY_STOP = {"port", "stat", "comm", "code", "date", "type", "form", "info", "data", "list", "user", "temp", "test",
              "flag", "link", "file", "page", "item", "line", "nota", "note", "mode", "name", "nomb", "mail"}


# Common words that look glued but are not ("passage" is not "pass" + "age").
NO_SPLIT = {"passage", "message", "partage", "montage", "portage", "courage", "village", "usage", "paysage", "notation",
            "nombre", "domaine", "semaine", "menage", "menages", "personnage", "pourcentage", "tutelle", "curatelle"}
# Pieces not accepted at the end of a glued word (French suffixes).
NO_PIECE = {"age", "ages", "ment", "tion", "le", "la", "de", "du", "des"}


def normalise(name: str) -> list[str]:
    """Lower-case, accent-free tokens of an identifier (``DT_NAISS`` -> ['dt', 'naiss'])."""
    name = _CAMEL.sub("_", name)
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    name = re.sub(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])", "_", name)
    return [t for t in _SPLIT.split(name) if t]


@lru_cache(maxsize=1)
def names() -> dict[str, Any]:
    """The parsed ``names.toml``."""
    with (Path(__file__).parent / "names.toml").open("rb") as fh:
        return tomllib.load(fh)


@lru_cache(maxsize=1)
def primary_kind() -> dict[str, str]:
    """Each dictionary word -> the kind of the first entry that lists it as a token (else in a phrase)."""
    out: dict[str, str] = {}
    for entry in names()["column_kind"]:
        for tok in entry.get("tokens", []):
            if "_" not in tok:
                out.setdefault(tok, entry["kind"])
    for entry in names()["column_kind"]:
        for item in [*entry.get("tokens", []), *entry.get("phrases", [])]:
            for w in item.split("_"):
                out.setdefault(w, entry["kind"])
    return out


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, set[str]]:
    """Every single word of the column dictionary -> the kinds it appears in."""
    vocab: dict[str, set[str]] = {}
    for entry in names()["column_kind"]:
        for item in [*entry.get("tokens", []), *entry.get("phrases", [])]:
            for w in item.split("_"):
                if len(w) >= 2:
                    vocab.setdefault(w, set()).add(entry["kind"])
    for k, v in names().get("abbreviations", {}).items():
        vocab.setdefault(k, set())
        for w in v.split("_"):
            vocab.setdefault(w, set())
    for w in ("id", "de", "du", "la", "le", "des", "num", "nb", "code", "date", "pro", "perso"):
        vocab.setdefault(w, set())
    return vocab


def match(tokens: list[str], entry: dict[str, Any]) -> str | None:
    """The matching word or phrase of ``entry`` in ``tokens``, or None."""
    joined = "_".join(tokens)
    padded = f"_{joined}_"
    if any(n in tokens for n in entry.get("negative", [])):
        return None
    for phrase in entry.get("phrases", []):
        if joined == phrase or f"_{phrase}_" in padded:
            return phrase
    for tok in entry.get("tokens", []):
        if "_" in tok:
            if joined == tok or f"_{tok}_" in padded:
                return tok
        elif tok in tokens:
            return tok
    return None


def split_glued(token: str) -> list[str] | None:
    """Split a glued token into vocabulary words (fewest pieces), or None."""
    vocab = vocabulary()
    if token in vocab or token in NO_SPLIT or len(token) < 4 or token.isdigit():
        return None
    n = len(token)
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for i in range(1, n + 1):
        for j in range(max(0, i - 24), i):
            piece = token[j:i]
            prev = best[j]
            if prev is None or len(piece) < 2 or piece not in vocab or (piece in NO_PIECE and i == n):
                continue
            cand = [*prev, piece]
            if best[i] is None or len(cand) < len(best[i]):  # type: ignore[arg-type]
                best[i] = cand
    out = best[n]
    return out if out and len(out) >= 2 else None


def skeleton(word: str) -> str:
    """First letter and following consonants, doubles collapsed (``prenom`` -> ``prnm``)."""
    if not word:
        return word
    out = [word[0]]
    for ch in word[1:]:
        if ch in _VOWELS or ch.isdigit():
            continue
        if out[-1] != ch:
            out.append(ch)
    return "".join(out)


def _one_typo(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    if len(a) > len(b):
        a, b = b, a
    for i in range(len(b)):
        if b[:i] + b[i + 1:] == a:
            return True
    return False


@lru_cache(maxsize=4096)
def fuzzy_word(token: str) -> str | None:
    """The vocabulary word a non-vocabulary token most likely abbreviates or misspells."""
    vocab = vocabulary()
    if token in vocab or token in FUZZY_STOP or token.isdigit() or len(token) < 3:
        return None
    cands: dict[str, str] = {}
    sk = skeleton(token)
    for w, kinds in vocab.items():
        if not kinds or len(w) < 5:
            continue
        if len(token) >= 4 and w.startswith(token) and len(token) / len(w) >= 0.45:
            cands[w] = "prefix"
        elif sk == token and len(sk) >= 3 and skeleton(w).startswith(sk) and len(sk) / len(skeleton(w)) >= 0.6 and w[0] == token[0]:
            cands[w] = "skeleton"
        elif len(token) >= 6 and _one_typo(token, w):
            cands[w] = "typo"
    if not cands:
        return None
    primary = primary_kind()
    kinds = {primary.get(w) for w in cands}
    if len(kinds) != 1 or None in kinds:
        return None
    return min(cands, key=lambda w: (len(w), w))


@dataclass
class NameHit:
    """A name match: the entry, the word found and how."""

    entry: dict[str, Any]
    word: str
    how: str  # "exact", "rewritten", "fuzzy"
    detail: str = ""


def _rewrite(tokens: list[str]) -> tuple[list[str], list[str]]:
    abbr = names().get("abbreviations", {})
    out: list[str] = []
    notes: list[str] = []
    for t in tokens:
        if t in abbr and abbr[t] != t:
            out.extend(abbr[t].split("_"))
            notes.append(f"« {t} » → « {abbr[t].replace('_', ' ')} »")
            continue
        glued = split_glued(t)
        if glued:
            rewritten: list[str] = []
            for piece in glued:
                rewritten.extend(abbr.get(piece, piece).split("_"))
            out.extend(rewritten)
            notes.append(f"« {t} » lu « {' '.join(glued)} »")
            continue
        out.append(t)
    return out, notes


def find(tokens: list[str], entries: list[dict[str, Any]]) -> NameHit | None:
    """First entry matching ``tokens`` as written, then rewritten, then fuzzily."""
    first: NameHit | None = None
    first_at = len(entries)
    for i, entry in enumerate(entries):
        hit = match(tokens, entry)
        if hit:
            first, first_at = NameHit(entry, hit, "exact"), i
            break
    rewritten, notes = _rewrite(tokens)
    if rewritten != tokens:
        for i, entry in enumerate(entries[:first_at]):
            hit = match(rewritten, entry)
            if hit:
                return NameHit(entry, hit, "rewritten", ", ".join(notes))
    if first is not None:
        return first
    fuzzy: list[str] = []
    fnotes: list[str] = []
    for t in rewritten:
        w = fuzzy_word(t)
        if w:
            fuzzy.append(w)
            fnotes.append(f"« {t} » rapproché de « {w} »")
        else:
            fuzzy.append(t)
    if fnotes:
        for entry in entries:
            hit = match(fuzzy, entry)
            if hit:
                return NameHit(entry, hit, "fuzzy", ", ".join([*notes, *fnotes]))
    return None
