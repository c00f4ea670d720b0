"""Lexicons of French expressions, loaded from TOML data files.

A lexicon file holds ``[[entry]]`` tables::

    [[entry]]
    id = "jug.manipulateur"            # unique, stable: it is the flag's ``rule``
    category = "judgement"             # one of CATEGORIES
    terms = ["manipulat(eur|rice)(s)?"]
    suggestion = "Décrire les faits observés ..."   # optional
    # optional context constraints (lists of terms, same syntax):
    exclude_before = ["situation", "logement"]   # in the clause, up to `window` words before
    exclude_after = []                          # in the clause, up to `window` words after
    require_before = []
    require_after = []
    exclude_clause = []                          # anywhere in the same clause
    window = 4
    negatable = true       # a negation just before ("pas de", "aucun") makes it clean
    in_long_quote = true   # still flagged inside a quotation of 4+ words
    weak = false           # hypothesis only: flag only next to a sensitive/judgement flag
                           # or a "conduct" term in the same clause
    subject = "f"          # only when the person accompanied is a woman ("f") / a man ("m")
    verbs = ["cacher", "vivre en couple"]   # verbs by their infinitive: every inflected
                                            # form (present, subjunctive, imperfect,
                                            # conditional, participles) is a term too

Term syntax (matching ignores case and accents): ``(a|b)`` is a choice, ``(e)``
(a single alternative), ``(a|b)?`` and a single character followed by ``?``
(``"origines?"``, ``"chercher?"``) are optional. Terms are expanded to their
concrete forms and matched word by word: spaces, apostrophes (' or ’) and hyphens
between words are interchangeable, so ``"mère défaillante"`` also matches
"MERE  DEFAILLANTE" and ``"burn-out"`` matches "burn out".
"""

from __future__ import annotations

import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from .normalize import fold, words

CATEGORIES = (
    "judgement",
    "hypothesis",
    "health",
    "sexuality",
    "religion",
    "origin",
    "political",
    "criminal",
    "immigration",
    "third_party",
    "identifier",
)
#: Categories of GDPR art. 9/10 plus irregular residence.
SENSITIVE = ("health", "sexuality", "religion", "origin", "political", "criminal", "immigration")
#: Extra pseudo-category for suspicious-conduct verbs (used by hypothesis rules, never flagged alone).
CONDUCT = "conduct"

_KNOWN_KEYS = {
    "id", "category", "terms", "suggestion", "exclude_before", "exclude_after",
    "require_before", "require_after", "exclude_clause", "window", "negatable",
    "in_long_quote", "weak", "note", "subject", "verbs",
}

# Irregular verbs a lexicon may name by their infinitive: folded forms (present,
# subjunctive, imperfect, conditional, participles).
_IRREGULAR = {
    "boire": "bois boit boivent boive boives buvons buvez buvait buvaient buvant bu bue bus bues boira boiront boirait boiraient",
    "vivre": "vis vit vivent vive vives vivait vivaient vivant vecu vecue vecus vivra vivront vivrait vivraient",
    "mentir": "mens ment mentent mente mentait mentaient menti mentira mentirait mentiraient mentant",
    "battre": "bat bats battent batte battait battaient battu battue battus battra battrait battraient battant",
    "voir": "vois voit voient voie voyait voyaient vu vue verra verrait verraient voyant",
    "prendre": "prend prends prennent prenne prenait prenaient pris prise prendra prendrait prendraient prenant",
    "sortir": "sort sors sortent sorte sortait sortaient sorti sortie sortis sortira sortirait sortiraient sortant",
    "fuir": "fuit fuis fuient fuie fuyait fuyaient fui fuira fuirait fuiraient fuyant",
    "faire": "fais fait font fasse fassent faisait faisaient faite faits faites fera feront ferait feraient faisant",
}


def inflect_verb(phrase: str) -> list[str]:
    """Inflected forms of a verb phrase named by its infinitive ("vivre en couple",
    "se droguer", "s'alcooliser"): the first verb word takes the forms of the present,
    subjunctive, imperfect, conditional, future and participles; other words stay.

    Regular -er and -re verbs are conjugated by rule; a few irregular verbs are listed.
    The forms are folded (no accents), as the analyser matches folded words.
    """
    ws = fold(phrase).replace("'", "' ").split()
    k = 0
    if ws and ws[0] in ("se", "s'"):
        k = 1
    if k >= len(ws):
        return [phrase]
    verb = ws[k]
    if verb in _IRREGULAR:
        forms = _IRREGULAR[verb].split()
    elif verb.endswith("er"):
        st = verb[:-2]
        soft = st + "e" if st.endswith("g") else st  # "hébergeait", "mangeant"
        forms = [st + x for x in ("e", "es", "ent", "ons", "ez", "ee", "es", "ees", "er", "era", "eront",
                                   "erait", "eraient", "erais")]
        forms += [soft + x for x in ("ait", "aient", "ais", "ant", "ons")]
    elif verb.endswith("re"):
        st = verb[:-2]
        forms = [st + x for x in ("", "s", "ent", "e", "es", "ait", "aient", "u", "ue", "us", "ues", "ra",
                                   "rait", "raient", "ant")]
    elif verb.endswith("ir"):
        st = verb[:-2]
        forms = [st + x for x in ("it", "is", "issent", "isse", "issait", "issaient", "i", "ie", "is", "ira",
                                   "irait", "iraient", "issant")]
    else:
        forms = []
    out = {" ".join(ws[:k] + [verb] + ws[k + 1:])}
    for f in forms:
        head = ws[:k]
        if head == ["se"] and f[:1] in "aeiouhy":
            head = ["s'"]
        out.add(" ".join(head + [f] + ws[k + 1:]).replace("' ", "'"))
    return sorted(out)


class LexiconError(ValueError):
    """A lexicon file or entry is malformed."""


def expand(term: str) -> list[str]:
    """Concrete forms of a term: ``"défaillant(e)?(s)?"`` -> 4 strings."""
    forms, pos = _expand_seq(term, 0, top=True)
    if pos != len(term):
        raise LexiconError(f"unbalanced parenthesis in term {term!r}")
    return sorted(set(forms))


def _expand_seq(s: str, i: int, top: bool) -> tuple[list[str], int]:
    out = [""]
    while i < len(s):
        c = s[i]
        if c == "(":
            alts, i = _expand_alts(s, i + 1)
            optional = len(alts) == 1  # "(e)" as in "défaillant(e)s" is optional
            if i < len(s) and s[i] == "?":
                optional = True
                i += 1
            if optional:
                alts = alts + [""]
            out = [a + b for a in out for b in alts]
        elif c in "|)":
            if top:
                raise LexiconError(f"unexpected {c!r} in term {s!r}")
            return out, i
        elif i + 1 < len(s) and s[i + 1] == "?" and not c.isspace():
            # "chercher?", "origines?": a letter made optional without brackets, as "(r)?"
            out = [a + c for a in out] + out
            i += 2
        else:
            out = [a + c for a in out]
            i += 1
    return out, i


def _expand_alts(s: str, i: int) -> tuple[list[str], int]:
    alts: list[str] = []
    while True:
        seq, i = _expand_seq(s, i, top=False)
        alts.extend(seq)
        if i >= len(s):
            raise LexiconError(f"unbalanced parenthesis in term {s!r}")
        if s[i] == "|":
            i += 1
            continue
        return alts, i + 1  # past ')'


def term_forms(terms: Iterable[str]) -> list[tuple[str, ...]]:
    """Word tuples of every form of every term (folded: lower case, no accents)."""
    out: set[tuple[str, ...]] = set()
    for t in terms:
        for f in expand(t):
            toks = tuple(w for w, _, _ in words(fold(f)))
            if toks:
                out.add(toks)
    return sorted(out)


@dataclass(frozen=True)
class Entry:
    """One lexicon entry (see the module docstring for the fields)."""

    id: str
    category: str
    forms: tuple[tuple[str, ...], ...]
    suggestion: str | None = None
    exclude_before: tuple[tuple[str, ...], ...] = ()
    exclude_after: tuple[tuple[str, ...], ...] = ()
    require_before: tuple[tuple[str, ...], ...] = ()
    require_after: tuple[tuple[str, ...], ...] = ()
    exclude_clause: tuple[tuple[str, ...], ...] = ()
    window: int = 4
    negatable: bool = True
    in_long_quote: bool = True
    weak: bool = False
    subject: str = ""
    source: str = field(default="", compare=False)

    @classmethod
    def from_dict(cls, d: Mapping, source: str = "") -> "Entry":
        """Validate and compile one entry table."""
        unknown = set(d) - _KNOWN_KEYS
        where = f"{source}: entry {d.get('id', '?')!r}"
        if unknown:
            raise LexiconError(f"{where}: unknown keys {sorted(unknown)}")
        if not d.get("id") or not isinstance(d["id"], str):
            raise LexiconError(f"{where}: missing id")
        cat = d.get("category")
        if cat not in CATEGORIES and cat != CONDUCT:
            raise LexiconError(f"{where}: unknown category {cat!r}")
        terms = d.get("terms")
        if not terms or not isinstance(terms, list):
            raise LexiconError(f"{where}: 'terms' must be a non-empty list")
        default_neg = cat in SENSITIVE or cat == "hypothesis"
        default_quote = cat != "judgement"
        try:
            verbs = d.get("verbs", [])
            if not isinstance(verbs, list):
                raise LexiconError("'verbs' must be a list of infinitives")
            return cls(
                id=d["id"],
                category=cat,
                forms=tuple(term_forms(list(terms) + [f for v in verbs for f in inflect_verb(v)])),
                suggestion=d.get("suggestion"),
                exclude_before=tuple(term_forms(d.get("exclude_before", []))),
                exclude_after=tuple(term_forms(d.get("exclude_after", []))),
                require_before=tuple(term_forms(d.get("require_before", []))),
                require_after=tuple(term_forms(d.get("require_after", []))),
                exclude_clause=tuple(term_forms(d.get("exclude_clause", []))),
                window=int(d.get("window", 4)),
                negatable=bool(d.get("negatable", default_neg)),
                in_long_quote=bool(d.get("in_long_quote", default_quote)),
                weak=bool(d.get("weak", False)),
                subject=str(d.get("subject", "")),
                source=source,
            )
        except LexiconError as e:
            raise LexiconError(f"{where}: {e}") from None


class Lexicon:
    """Entries indexed by their first word, for word-by-word matching."""

    def __init__(self, entries: Sequence[Entry]):
        ids = [e.id for e in entries]
        dup = {i for i in ids if ids.count(i) > 1}
        if dup:
            raise LexiconError(f"duplicate entry ids: {sorted(dup)}")
        self.entries: tuple[Entry, ...] = tuple(entries)
        self.by_id = {e.id: e for e in self.entries}
        # one-word forms by their word, longer forms by their first two words
        index: dict[str, list[tuple[tuple[str, ...], Entry]]] = {}
        index2: dict[tuple[str, str], list[tuple[tuple[str, ...], Entry]]] = {}
        for e in self.entries:
            for form in e.forms:
                if len(form) == 1:
                    index.setdefault(form[0], []).append((form, e))
                else:
                    index2.setdefault((form[0], form[1]), []).append((form, e))
        # longest forms first, so the longest expression wins at a position
        for v in list(index.values()) + list(index2.values()):
            v.sort(key=lambda fe: -len(fe[0]))
        self.index = index
        self.index2 = index2
        self.first_words = frozenset(index) | frozenset(k[0] for k in index2)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self):
        return iter(self.entries)

    @classmethod
    def load(
        cls,
        paths: Iterable[str | Path],
        add: Iterable[Mapping] = (),
        remove: Iterable[str] = (),
    ) -> "Lexicon":
        """Load entries from TOML files, then add policy entries and remove ids.

        ``remove`` accepts exact ids or prefixes ending with ``*`` ("jug.positif.*").
        """
        entries: list[Entry] = []
        for p in paths:
            p = Path(p)
            try:
                data = tomllib.loads(p.read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError) as e:
                raise LexiconError(f"{p}: {e}") from None
            for d in data.get("entry", []):
                entries.append(Entry.from_dict(d, source=p.name))
        for d in add:
            entries.append(Entry.from_dict(d, source="policy"))
        removed = list(remove)
        if removed:
            exact = {r for r in removed if not r.endswith("*")}
            prefixes = tuple(r[:-1] for r in removed if r.endswith("*"))
            entries = [e for e in entries if e.id not in exact and not (prefixes and e.id.startswith(prefixes))]
        return cls(entries)


def default_lexicon_paths() -> list[Path]:
    """The built-in lexicon files (``checks/subjective/lexicon/*.toml``)."""
    base: Path | None = None
    try:
        from importlib.resources import files

        cand = files("checks.subjective") / "lexicon"
        if cand.is_dir():
            base = Path(str(cand))
    except Exception:  # noqa: BLE001 - package absent or not importable: use the checkout
        base = None
    if base is None:
        base = Path(__file__).resolve().parents[2] / "checks" / "subjective" / "lexicon"
    paths = sorted(base.glob("*.toml"))
    if not paths:
        print(f"auditor: no lexicon file found in {base}", file=sys.stderr)
    return paths

