"""One model of the service, resolved once from evidence, between the catalog and the checks.

The catalog guesses what each table and column is from names and sampled
values. The service model ties them together from what the data says:

- **links** between columns, each with its evidence: a declared foreign key, the
  **inclusion of values computed in SQL** (the share of distinct values of a
  column found among the keys of another table, on a bounded sample of distinct
  values, then confirmed by a count), and names as one clue among others
  (``<singular>_id`` meets ``<plural>.<own key>``). Small integers are found in
  every integer key, so inclusion alone is weak evidence there: candidates are
  ranked by the name, whether the target column is its table's own key, whether
  the target describes things, how much of the target's range the column spans,
  its coverage; equally supported targets make the link « à vérifier », and a
  link to a go-between (the unique person column of an assignment table) is
  followed to the table it refers to;
- the **entities** of a social service: persons followed (or employees, in a
  workplace service), staff accounts, units; and what relates them:
  assignments (person or unit to worker), dated contacts, access logs (reader,
  person read, when, what action), application rights (role, object, scope),
  archive and closure markers (a closing date whose name says nothing is
  recognised by its values: empty for many files, after the last contact);
  assignment periods; the read codes of a log (by the words, else the most
  frequent action, said).

Every element carries a French reason and a confidence (``high``, ``medium``,
``low``); ``auditor inspect`` prints them as a tree, ``--write-policy`` writes
them as a ``[model]`` section a DPO corrects, and ``scan --policy`` takes any
piece of that section as given. The model also corrects the catalog where the
evidence is stronger than the names (a table's role, a reference's target), so
that every check reads one picture.

Only codes, role labels, statuses and table names are read as values; a person's
data never leaves the database: inclusion tests are counts.
"""

from __future__ import annotations

import time
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from auditor import interrupt
from auditor.catalog import COLUMN_KIND_LABELS, Catalog, ColumnInfo, TableInfo
from auditor.catalog.names import normalise
from auditor.sqlutil import epoch_day, norm

HERE = Path(__file__).parent
SAMPLE_DISTINCT = 200  # distinct values of a column tested for inclusion before a confirming count
MIN_INCLUSION = 0.9
BIG_TABLE = 1_000_000  # rows above which only a declared key is tested as a target (an undeclared one costs a full scan)
CONF_FR = {"high": "sûr", "medium": "probable", "low": "à vérifier"}

LINKABLE = {"primary_key", "other", "category", "ref", "person_ref", "staff_ref", "unit_ref", "case_ref", "hierarchy_ref",
            "employee_number", "login", "org_name", "caf_number"}
KEYABLE = {"primary_key", "other", "category", "ref", "person_ref", "staff_ref", "unit_ref", "case_ref",
           "employee_number", "login", "caf_number", "org_name"}
IDENTITY = {"person_name", "first_name", "birth_date", "nir", "address", "phone", "email", "birth_year"}
ENTITY_ROLES = ("persons", "staff", "units")
ID_WORDS = {"id", "fk", "ref", "code", "cd", "no", "num", "key", "pk", "nr", "nb"}
GENERIC_KEYS = {"id", "pk", "key", "code", "ref", "uid", "oid", "rowid"}
TABLE_PREFIXES = {"tbl", "app", "t", "tab", "tb"}
KEEP_ROLES = {"rights_requests", "statistics", "third_parties", "archive"}


@lru_cache(maxsize=1)
def vocab() -> dict[str, Any]:
    """auditor/model/vocab.toml."""
    with (HERE / "vocab.toml").open("rb") as fh:
        return tomllib.load(fh)


def words_of(value: object) -> list[str]:
    """Normalised words of a value or a name (camelCase split, accents and case folded)."""
    return normalise(str(value or ""))


def has_word(value: object, words: list[str] | set[str]) -> bool:
    """One word of ``value`` (or the whole value) is in ``words``."""
    ws = set(words)
    toks = words_of(value)
    return bool(ws & set(toks)) or norm(value) in ws


def word_forms(words: set[str] | list[str]) -> set[str]:
    """Each word with its singular forms (English and French plurals: ``beneficiaries`` → ``beneficiary``,
    ``boxes`` → ``box``, ``bureaux`` → ``bureau``), so that ``beneficiary_id`` meets ``beneficiaries``."""
    out: set[str] = set()
    for w in words:
        out.add(w)
        if len(w) > 4 and w.endswith("ies"):
            out.add(w[:-3] + "y")
        if len(w) > 3 and w.endswith("es"):
            out.add(w[:-2])
        if len(w) > 2 and w.endswith("s") and not w.endswith("ss"):
            out.add(w[:-1])
        if len(w) > 3 and w.endswith("x"):
            out.add(w[:-1])
    return out


def pct(share: float) -> str:
    """'99,8 %' (French decimal comma, narrow spacing kept simple)."""
    return f"{100 * share:.1f} %".replace(".", ",")


def scope_level(value: object) -> str | None:
    """caseload, unit, region or all from the words of a scope value (vocab.toml [scopes]); None when no word is known."""
    sc = vocab()["scopes"]
    toks = set(words_of(value)) | ({str(value).strip()} if str(value or "").strip() == "*" else set())
    if not toks:
        return None
    if toks & set(sc["wide_qualifiers"]) or toks & set(sc["wide"]):
        return "all"
    for level, key in (("caseload", "narrow"), ("unit", "unit"), ("region", "region")):
        if toks & set(sc[key]) or {t.rstrip("s") for t in toks} & set(sc[key]):
            return level
    return None


def generic_login(value: object) -> bool:
    """A login whose words say it is not one person's (vocab.toml [generic_logins]). An e-mail address is judged by its
    local part: « accueil@… » or « secretariat.social@… » is a shared mailbox, the domain (« @accueil-social.fr ») says nothing."""
    words = set(vocab()["generic_logins"]["words"])
    text = str(value or "")
    if text.count("@") == 1 and "." in text.rsplit("@", 1)[1]:
        value = text.split("@", 1)[0]
    toks = words_of(value)
    if set(toks) & words:
        return True
    low = norm(value).replace(" ", "")
    return any(low.startswith(w) and len(w) >= 4 for w in words)


def _day(col: Any) -> Any:
    """SQL: 'YYYY-MM-DD' from a DATE, TIMESTAMP, ISO or dd/mm/yyyy text value; NULL otherwise."""
    t = sa.cast(col, sa.Text)
    return sa.case((t.like("____-__-__%"), sa.func.substr(t, 1, 10)),
                   (t.like("__/__/____%"), sa.func.substr(t, 7, 4) + sa.literal("-") + sa.func.substr(t, 4, 2)
                    + sa.literal("-") + sa.func.substr(t, 1, 2)),
                   else_=epoch_day(col))


# ------------------------------------------------------------------ elements
@dataclass
class _Cand:
    """A possible target of a column, with the evidence that ranks it."""

    name: int  # 2: same name or naming convention, 1: a word in common, 0: none
    own: bool  # the target column is its table's own key
    entity: int
    fit: float  # share of the target's integer range the column spans (1.0 for text)
    cov: float  # distinct values of the column / rows of the target
    share: float  # inclusion
    target: str
    k: str
    tested: int

    @property
    def score(self) -> float:
        """The evidence added up: a name that matches the target (same name, `<singular>_id` → `<plural>`) counts most;
        then whether the target describes things (persons, accounts, units) and how well the values fit its range, on a
        par; a single word in common a little; the share of the target the column covers breaks near ties."""
        return (4 if self.name == 2 else self.name) + 2 * self.entity + 2 * self.fit + self.cov


@dataclass
class Link:
    """``table.column`` refers to ``target.target_column``, and why."""

    table: str
    column: str
    target: str
    target_column: str
    how: str  # policy, declared, inclusion, name
    confidence: str
    reason: str
    inclusion: float | None = None
    tested: int = 0
    coverage: float | None = None
    named: bool = False  # the names agree too (same name, or ``<singular>_id`` → ``<plural>.id``)

    def short(self) -> str:
        """'client_id → app_client.id (inclusion 100 %)'."""
        if self.how == "inclusion" and self.inclusion is not None:
            why = f"inclusion {pct(self.inclusion)}"
        else:
            why = {"declared": "clé étrangère déclarée", "policy": "fixé par la politique", "name": "nom seulement"}.get(self.how, self.how)
        return f"{self.column} → {self.target}.{self.target_column} ({why}, {CONF_FR[self.confidence]})"


@dataclass
class Assignment:
    """A table saying who follows whom: worker to person, or worker to unit, with a period."""

    table: str
    staff: Link
    person: Link | None = None
    unit: Link | None = None
    start: str | None = None
    end: str | None = None
    reason: str = ""

    @property
    def staff_col(self) -> str:
        """The column of the worker."""
        return self.staff.column

    @property
    def person_col(self) -> str | None:
        """The column of the person followed (person-level assignments)."""
        return self.person.column if self.person is not None else None

    @property
    def unit_col(self) -> str | None:
        """The column of the unit covered (unit-level assignments)."""
        return self.unit.column if self.unit is not None else None

    def period(self) -> str:
        """'« debut » → « fin »' (French), '' without a period."""
        return f"« {self.start or '?'} » → « {self.end or '?'} »" if (self.start or self.end) else ""


@dataclass
class Log:
    """An access log: who read, whose file, when, what action."""

    table: str
    reader: Link | None
    person: Link | None
    time: str | None
    action: str | None
    reason: str = ""
    read_values: list[Any] = field(default_factory=list)
    write_values: list[Any] = field(default_factory=list)
    action_reason: str = ""
    action_sure: bool = True  # False when the read code was taken from the counts, not from the words
    object_type: str | None = None  # a generic log (one column says what kind of object the line is about) ...
    object_values: list[Any] = field(default_factory=list)  # ... and the values of that column meaning "a person's file"
    via: Link | None = None  # the log names a file of a person (a measure): this link of the file's table leads to the person
    reader_via: Link | None = None  # the reader is the account of a session: this link of the session table leads to it
    person_extract: tuple[str, int] | None = None  # the person's key is inside the column: (prefix of the lines, key length)


@dataclass
class Contacts:
    """A table of dated contacts or acts about a person."""

    table: str
    person: Link
    staff: Link | None
    dates: list[str]


@dataclass
class Permissions:
    """Application rights: role, object, scope, read flags."""

    table: str
    role: str
    obj: str | None
    scope: str | None
    reads: list[str]
    reason: str = ""


@dataclass
class Marker:
    """A column of the persons table whose values say the file is archived (or closed)."""

    column: str
    values: list[Any]
    reason: str


@dataclass
class ServiceModel:
    """Everything the checks need to know about the structure of the service."""

    persons: str | None = None
    person_key: str | None = None
    persons_reason: str = ""
    workplace_hr: bool = False
    staff: str | None = None
    staff_key: str | None = None
    staff_columns: dict[str, str | None] = field(default_factory=dict)
    staff_reason: str = ""
    # (one-to-one table of the accounts' secrets, its account column, its password column)
    staff_satellite: tuple[str, str, str | None] | None = None
    staff_profile: tuple[str, str, str] | None = None  # (table one-to-one with the accounts, its account column, departure date)
    staff_profile_reason: str = ""
    units: str | None = None
    unit_key: str | None = None
    person_unit: Link | None = None
    staff_unit: Link | None = None
    assignments: list[Assignment] = field(default_factory=list)
    logs: list[Log] = field(default_factory=list)
    contacts: list[Contacts] = field(default_factory=list)
    permissions: list[Permissions] = field(default_factory=list)
    rights: Any = None  # auditor.model.rights.Rights: roles held through a join table, rights with their filters
    not_followed: list[Any] = field(default_factory=list)  # auditor.model.followed.Exclusion: rows of the persons table that are not persons followed
    archive: list[Marker] = field(default_factory=list)
    closure: str | None = None
    closure_reason: str = ""
    delegations: list[Any] = field(default_factory=list)  # a worker covers another's caseload (auditor.model.delegations)
    teams: list[Any] = field(default_factory=list)  # membership and follow-up through teams, with periods (auditor.model.teams)
    log_days: dict[str, str] = field(default_factory=dict)  # log table -> its date column when its time column is a time of day
    files: list[Any] = field(default_factory=list)  # tables of files between the log and the persons (auditor.model.files)
    groups: list[Any] = field(default_factory=list)  # groups of persons (auditor.model.groups.Group): households, families
    links: dict[tuple[str, str], Link] = field(default_factory=dict)
    roles: dict[str, tuple[str, str]] = field(default_factory=dict)  # table -> (role, reason) decided by the model
    missing: list[str] = field(default_factory=list)
    seconds: float = 0.0
    tests: int = 0

    def link(self, table: str, column: str | None) -> Link | None:
        """The link of ``table.column``, if any."""
        return self.links.get((table, column)) if column else None

    def group(self, table: str | None) -> Any:
        """The group of persons (households, families: ``auditor.model.groups.Group``) whose table is ``table``."""
        return next((g for g in self.groups if g.table == table), None) if table else None

    def log(self, table: str) -> Log | None:
        """The log model of ``table``."""
        return next((lg for lg in self.logs if lg.table == table), None)

    def key_of(self, table: str) -> str | None:
        """The column other tables' links point to in ``table`` (its key as the data uses it), the most pointed-to first."""
        counts: dict[str, int] = {}
        for lk in self.links.values():
            if lk.target == table:
                counts[lk.target_column] = counts.get(lk.target_column, 0) + 1
        return max(counts, key=lambda k: (counts[k], k)) if counts else None

    def weak_links(self) -> list[Link]:
        """Links the figures may rest on that are not sure."""
        return [lk for lk in self.links.values() if lk.confidence != "high"]


# ------------------------------------------------------------------ resolution
class _Resolver:
    def __init__(self, engine: sa.Engine, catalog: Catalog, given: dict[str, Any] | None) -> None:
        self.engine = engine
        self.cat = catalog
        self.given = given or {}
        self.m = ServiceModel()
        self.conn: sa.Connection | None = None

    # -- sql helpers
    def _t(self, name: str) -> sa.TableClause:
        t = self.cat.tables[name]
        # the name in its own schema, qualified where the perimeter has several (see CheckContext.table)
        return sa.table(t.bare, *[sa.column(c) for c in t.columns], schema=t.sql_schema)

    def _scalar(self, stmt: Any) -> Any:
        assert self.conn is not None
        self.m.tests += 1
        return self.conn.execute(stmt).scalar()

    def _rows(self, stmt: Any) -> list[Any]:
        assert self.conn is not None
        self.m.tests += 1
        return list(self.conn.execute(stmt))

    def distinct_values(self, table: str, column: str, limit: int = 60) -> list[Any] | None:
        """The distinct non-null values of a short code column, or None when there are more than ``limit``."""
        t = self._t(table)
        vals = [r[0] for r in self._rows(sa.select(t.c[column]).where(t.c[column].is_not(None)).distinct().limit(limit + 1))]
        return None if len(vals) > limit else vals

    # -- keys and links
    def _family(self, c: ColumnInfo) -> str:
        s = c.sql_type.upper()
        if "BOOL" in s:
            return "bool"
        if any(k in s for k in ("INT", "SERIAL")):
            return "int"
        if any(k in s for k in ("REAL", "FLOAT", "DOUBLE", "NUMERIC", "DECIMAL")):
            return "num"
        if any(k in s for k in ("DATE", "TIME")):
            return "date"
        return "text"

    def keys(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for t in self.cat.tables.values():
            if t.error or not t.rows or not t.columns:
                continue
            ks: list[str] = []
            if len(t.primary_key) == 1:
                ks.append(t.primary_key[0])
            if t.rows > BIG_TABLE and ks:
                out[t.name] = ks
                continue  # a very large table: only its declared (indexed) key is a target
            for c in t.columns.values():
                if c.name in ks or c.kind not in KEYABLE or self._family(c) in ("num", "date"):
                    continue
                if c.sampled and c.distinct == c.sampled and c.sampled >= min(t.rows, 5) and (c.sampled >= 0.9 * min(t.rows, 300)):
                    ks.append(c.name)
            if ks:
                out[t.name] = ks
        return out

    def declared(self) -> dict[tuple[str, str], tuple[str, str]]:
        out: dict[tuple[str, str], tuple[str, str]] = {}
        try:
            insp = sa.inspect(self.engine)
            for name in self.cat.tables:
                try:
                    for fk in insp.get_foreign_keys(name):
                        cols, ref = fk.get("constrained_columns") or [], fk.get("referred_columns") or []
                        if len(cols) == 1 and fk.get("referred_table") in self.cat.tables:
                            tgt = fk["referred_table"]
                            tcol = ref[0] if ref else (self.cat.tables[tgt].primary_key or [None])[0]
                            if tcol:
                                out[(name, cols[0])] = (tgt, tcol)
                except sa.exc.SQLAlchemyError:
                    continue
        except sa.exc.SQLAlchemyError:
            pass
        return out

    def inclusion(self, table: str, column: str, target: str, tcol: str, limit: int = SAMPLE_DISTINCT) -> tuple[int, int]:
        """(distinct values tested, found among the target's values), on at most ``limit`` distinct values."""
        a, b = self._t(table), self._t(target)
        tinfo = self.cat.tables[target]
        # two declared types that differ (a uuid and a text, an integer and a text, ...) have no common
        # operator on every server: compare their text forms then
        same = self.cat.tables[table].columns[column].sql_type.upper() == tinfo.columns[tcol].sql_type.upper()
        va: Any = a.c[column] if same else sa.cast(a.c[column], sa.String)
        vb: Any = b.c[tcol] if same else sa.cast(b.c[tcol], sa.String)
        s = sa.select(va.label("v")).where(a.c[column].is_not(None)).distinct()
        if limit:
            s = s.limit(limit)
        s = s.subquery("s")
        if tinfo.primary_key == [tcol]:
            # an indexed key: one lookup per tested value, whatever the size of the target
            hit: Any = sa.exists(sa.select(sa.literal(1)).select_from(b).where(vb == s.c.v))
        else:
            hit = s.c.v.in_(sa.select(vb).where(b.c[tcol].is_not(None)))
        found = sa.func.sum(sa.case((hit, 1), else_=0))
        try:
            row = self._rows(sa.select(sa.func.count(), found).select_from(s))[0]
        except sa.exc.SQLAlchemyError:
            # a comparison the server refuses is no evidence either way; the read-only transaction starts afresh
            interrupt.raise_if_requested()
            assert self.conn is not None
            self.conn.rollback()
            return 0, 0
        return int(row[0] or 0), int(row[1] or 0)

    def _entity(self, t: TableInfo) -> int:
        """1 when ``t`` describes things (persons, accounts, units), 0 for tables of events or associations."""
        kinds = {c.kind for c in t.columns.values()}
        if kinds & {"person_name", "first_name", "birth_date", "nir", "login", "password"}:
            return 1
        if (t.rows or 0) <= 200 and len(t.columns) <= 6 and kinds & {"org_name", "category", "city"} and not kinds & {"date", "free_text"}:
            return 1
        return 0

    @staticmethod
    def _own_key(target: TableInfo, tcol: str) -> bool:
        """``tcol`` is the target's own key: its declared primary key, or (none declared) its first column."""
        if target.primary_key:
            return target.primary_key == [tcol]
        return tcol == next(iter(target.columns), None)

    def _name_clue(self, t: TableInfo, c: ColumnInfo, target: TableInfo, tcol: str) -> int:
        """2: same name as the target's key, or the naming convention ``<singular>_id`` → ``<plural>.<own key>``;
        1: a word in common (singular or plural) with the target's name or key; 0: none."""
        if c.name.lower() == tcol.lower() and tcol.lower() not in GENERIC_KEYS:
            return 2
        cw = set(words_of(c.name)) - ID_WORDS
        tw = set(words_of(target.name)) - TABLE_PREFIXES
        kw = set(words_of(tcol)) - ID_WORDS
        if not cw:
            return 0
        cs, ts = word_forms(cw), word_forms(tw) | word_forms(kw)
        if self._own_key(target, tcol) and tw and all(word_forms({w}) & word_forms(tw) for w in cw) \
                and all(word_forms({w}) & cs for w in tw):
            return 2  # the whole name of the table, singular or plural: `site_id` → `sites`, not `site_types`
        return 1 if cs & ts else 0

    def check_given(self) -> None:
        """Every table and column the policy's [model] names exists, or one French sentence says which does not."""
        from auditor.errors import PolicyError

        for key in ("persons", "staff", "units", "roles", "role_members"):
            name = self.given.get(key)
            if name and name not in self.cat.tables:
                raise PolicyError(f"La politique ([model] {key}) cite la table « {name} », absente de la source : corrigez ce nom.")
        for tname, spec in (self.given.get("log_objects") or {}).items():
            t = self.cat.tables.get(tname)
            if t is None or spec.get("column") not in t.columns:
                raise PolicyError(f"La politique ([model.log_objects]) cite « {tname}.{spec.get('column')} », absent de la source : "
                                  "corrigez ce nom.")
        for tname, spec in (self.given.get("log_paths") or {}).items():
            t = self.cat.tables.get(tname)
            if t is None or spec.get("column") not in t.columns:
                raise PolicyError(f"La politique ([model.log_paths]) cite « {tname}.{spec.get('column')} », absent de la source : "
                                  "corrigez ce nom.")
        for gname, ref in (self.given.get("groups") or {}).items():
            tname, _, cname = str(ref).partition(".")
            if gname not in self.cat.tables or tname not in self.cat.tables or cname not in self.cat.tables[tname].columns:
                raise PolicyError(f"La politique ([model.groups]) cite « {gname} » = « {ref} », absent de la source : "
                                  "écrivez \"table_des_groupes\" = \"table_des_personnes.colonne\" avec des noms existants.")
        for src, dst in (self.given.get("links") or {}).items():
            for ref in (src, dst):
                tname, _, cname = ref.partition(".")
                t = self.cat.tables.get(tname)
                if t is None or cname not in t.columns:
                    raise PolicyError(f"La politique ([model.links]) cite « {ref} », absent de la source : "
                                      "écrivez \"table.colonne\" avec des noms existants.")

    def links(self) -> None:
        given = self.given.get("links") or {}
        for src, dst in sorted(given.items()):
            st, sc = src.split(".", 1)
            dt_, dc = dst.split(".", 1)
            self.m.links[(st, sc)] = Link(st, sc, dt_, dc, "policy", "high", "fixé par la politique ([model.links])")
        declared = self.declared()
        keys = self.keys()
        self._keys = keys
        for (st, sc), (dt_, dc) in declared.items():
            if (st, sc) not in self.m.links:
                self.m.links[(st, sc)] = Link(st, sc, dt_, dc, "declared", "high", "clé étrangère déclarée dans la base")
        for t in sorted(self.cat.tables.values(), key=lambda x: x.name):
            if t.error or not t.rows or t.role == "statistics" or t.from_policy and t.role == "other":
                continue  # aggregated tables hold counts, not references
            own_keys = keys.get(t.name, [])
            for c in t.columns.values():
                if (t.name, c.name) in self.m.links or c.kind not in LINKABLE or not c.sampled:
                    continue
                if c.name in own_keys and (c.name in t.primary_key or c.name == next(iter(t.columns))):
                    continue  # the table's own key
                fam = self._family(c)
                if fam in ("num", "date", "bool"):
                    continue
                cands = []
                cmax: Any = None
                for target, tkeys in keys.items():
                    if target == t.name:
                        continue
                    tinfo = self.cat.tables[target]
                    for k in tkeys:
                        kc = tinfo.columns[k]
                        if self._family(kc) != fam:
                            continue
                        if c.distinct and tinfo.rows and c.distinct > tinfo.rows:
                            continue
                        if c.avg_length is not None and kc.avg_length is not None and c.avg_length > kc.avg_length + 1.5:
                            continue
                        clue = self._name_clue(t, c, tinfo, k)
                        if fam == "int" and not clue and (c.distinct or 0) <= 3 and (t.rows or 0) >= 50 \
                                and (tinfo.rows or 0) > 2 * (c.distinct or 0):
                            continue  # two or three small integers over many rows are codes, found in every integer key
                        tested, found = self.inclusion(t.name, c.name, target, k)
                        if not tested or found / tested < MIN_INCLUSION:
                            continue
                        entity = self._entity(tinfo)
                        cov = (c.distinct or 0) / tinfo.rows if tinfo.rows else 0.0
                        fit = 1.0
                        if fam == "int":
                            # small integers are found in every integer key: how much of the target's range the
                            # column spans is evidence too (1..260 fits a table of 260 persons, not a log of 1,161 rows)
                            if cmax is None:
                                cmax = self._max(t.name, c.name) or 0
                            tmax = self._max(target, k) or 0
                            fit = min(cmax / tmax, 1.0) if tmax and tmax > 0 and cmax > 0 else 0.0
                        cands.append(_Cand(clue, self._own_key(tinfo, k), entity,
                                           round(fit, 1), round(min(cov, 1.0), 1), found / tested, target, k, tested))
                if not cands:
                    continue
                # a same-named column counts first when it is a key that describes something (its table's own key,
                # or a column of a table of persons, accounts, units): two go-between tables whose `user_id` columns
                # hold the same values point to each other by name, the accounts' own key is the end
                named = lambda x: x.name == 2 and (x.own or x.entity > 0)  # noqa: E731
                cands.sort(key=lambda x: (named(x), x.own, x.score, x.share, -len(x.target)), reverse=True)
                best = cands[0]
                rivals = [x for x in cands[1:] if (named(x), x.own) == (named(best), best.own) and best.score - x.score <= 0.5]
                conf = "high" if (best.name == 2 or not rivals) and best.share >= 0.98 else "medium"
                if not best.name and not best.entity:
                    conf = "low"
                reason = f"{pct(best.share)} des {best.tested} valeurs distinctes testées se trouvent dans « {best.target}.{best.k} »"
                if best.name:
                    reason += " ; le nom concorde"
                if rivals:
                    reason += (f" ; autre cible possible, aussi bien soutenue : « {rivals[0].target}.{rivals[0].k} »"
                               + (" (à vérifier)" if conf != "high" else ""))
                self.m.links[(t.name, c.name)] = Link(t.name, c.name, best.target, best.k, "inclusion", conf, reason,
                                                      inclusion=best.share, tested=best.tested, coverage=best.cov,
                                                      named=bool(best.name))
        self._follow_chains()

    def _follow_chains(self) -> None:
        """A link to a column that is not its table's own key but itself refers to another table (the unique person
        column of an assignment table) is moved to the end of the chain: the thing referred to, not the go-between."""
        for lk in list(self.m.links.values()):
            for _hop in range(3):
                nxt = self.m.links.get((lk.target, lk.target_column))
                mid = self.cat.tables[lk.target]
                if nxt is None or lk.how not in ("inclusion", "name") or self._own_key(mid, lk.target_column) or self._entity(mid):
                    break  # a table that describes things (persons, accounts) is an end, never a go-between
                if (nxt.target, nxt.target_column) == (lk.table, lk.column):
                    break
                lk.reason += f" ; « {lk.target}.{lk.target_column} » renvoie elle-même à « {nxt.target}.{nxt.target_column} »"
                lk.target, lk.target_column = nxt.target, nxt.target_column
                if nxt.confidence != "high":
                    lk.confidence = nxt.confidence

    def _max(self, table: str, column: str) -> Any:
        t = self._t(table)
        try:
            v = self._scalar(sa.select(sa.func.max(t.c[column])))
            return float(v) if v is not None else None
        except (sa.exc.SQLAlchemyError, TypeError, ValueError):
            return None

    def confirm(self, lk: Link) -> None:
        """Confirm a link the figures rest on by a full count (bounded by the column's distinct values)."""
        if lk.how != "inclusion" or lk.tested < SAMPLE_DISTINCT:
            return
        tested, found = self.inclusion(lk.table, lk.column, lk.target, lk.target_column, limit=0)
        if tested:
            lk.inclusion, lk.tested = found / tested, tested
            lk.reason += f" ; confirmé sur les {tested} valeurs distinctes : {pct(found / tested)}"
            if lk.inclusion < MIN_INCLUSION:
                lk.confidence = "low"

    def out_links(self, table: str) -> list[Link]:
        return [lk for (t, _c), lk in sorted(self.m.links.items()) if t == table]

    # -- values
    def _hash_like(self, table: str, column: str) -> bool:
        t = self._t(table)
        sub = sa.select(sa.cast(t.c[column], sa.Text).label("v")).where(t.c[column].is_not(None)).limit(50).subquery()
        v = sub.c.v
        q = sa.select(sa.func.count(), sa.func.sum(sa.case((sa.or_(v.like("$2_$%"), v.like("$argon2%"), v.like("pbkdf2%"),
                                                                    v.like("{SSHA}%"), v.like("$6$%"), v.like("$5$%"), v.like("$1$%"),
                                                                    sa.func.length(v).in_([32, 40, 64, 128])), 1), else_=0))
                      ).select_from(sub)
        n, h = self._rows(q)[0]
        return bool(n) and (h or 0) / n >= 0.8

    def _flag_values(self, table: str, column: str) -> list[Any] | None:
        vals = self.distinct_values(table, column, limit=3)
        if not vals or len(vals) > 2:
            return None
        fl = vocab()["flags"]
        allowed = {norm(w) for w in fl["true"] + fl["false"]}
        return vals if all(norm(v) in allowed for v in vals) else None

    def _date_values(self, table: str, column: str) -> bool:
        """The values are dates written as text (ISO or dd/mm/yyyy): what a CSV export makes of a DATE column."""
        t = self._t(table)
        v = sa.cast(t.c[column], sa.Text)
        s = sa.select(v.label("v")).where(t.c[column].is_not(None)).limit(50).subquery()
        n, k = self._rows(sa.select(sa.func.count(), sa.func.sum(sa.case((sa.or_(s.c.v.like("____-__-__%"), s.c.v.like("__/__/____%")), 1),
                                                                        else_=0))).select_from(s))[0]
        return bool(n) and (k or 0) >= 0.9 * n

    def _time_of_day(self, table: str, column: str) -> float:
        t = self._t(table)
        v = sa.cast(t.c[column], sa.Text)
        s = sa.select(v.label("v")).where(t.c[column].is_not(None)).limit(50).subquery()
        n, k = self._rows(sa.select(sa.func.count(), sa.func.sum(sa.case((s.c.v.like("%:%"), 1), else_=0))).select_from(s))[0]
        return (k or 0) / n if n else 0.0

    # -- entities
    def entities(self) -> None:
        tabs = [t for t in self.cat.tables.values() if t.rows and not t.error]
        given = self.given
        staff_scores = []
        for t in tabs:
            kinds = {c.kind for c in t.columns.values()}
            pw = [c.name for c in t.columns.values() if c.kind == "password" or (c.kind in ("hashed_id", "other") and c.avg_length and c.avg_length >= 30 and self._hash_like(t.name, c.name))]
            score = (2 if pw else 0) + (1 if "login" in kinds else 0) + (1 if "role" in kinds else 0) + (1 if t.role == "staff" else 0)
            if kinds & {"person_name", "first_name"} or "login" in kinds or pw:
                staff_scores.append((score, t.name, pw))
        staff_scores.sort(reverse=True)
        if given.get("staff") in self.cat.tables:
            self.m.staff, self.m.staff_reason = given["staff"], "fixé par la politique ([model] staff)"
            pw = next((p for s, n, p in staff_scores if n == given["staff"]), [])
        elif staff_scores and staff_scores[0][0] >= 2:
            score, name, pw = staff_scores[0]
            sat = self._satellite_of(name)
            if sat is not None:
                # the best-scored table only holds the secrets of the accounts another table describes: that one is the
                # accounts table; the satellite keeps its role (its passwords are still audited, catalog role « staff »)
                lk, sat_why = sat
                self.m.staff_satellite = (name, lk.column, pw[0] if pw else None)
                self.m.roles[name] = ("staff", sat_why)
                self._repoint_to(name, lk)
                name = lk.target
                pw = next((p for _s, n, p in staff_scores if n == name), [])
            self.m.staff = name
            ev = []
            if pw:
                ev.append(f"colonne de mots de passe ou d'empreintes « {pw[0]} »")
            t = self.cat.tables[name]
            if t.first("login"):
                ev.append(f"identifiant de connexion « {t.first('login').name} »")
            if t.first("role"):
                ev.append(f"rôle « {t.first('role').name} »")
            self.m.staff_reason = "contenu : " + ", ".join(ev) if ev else t.reason
        else:
            pw = []
        # persons: identity columns, not the staff table; the most referenced first, then the largest
        refs: dict[str, int] = {}
        for lk in self.m.links.values():
            refs[lk.target] = refs.get(lk.target, 0) + 1
        cands = []
        for t in tabs:
            if t.name == self.m.staff:
                continue
            ident = {c.kind for c in t.columns.values()} & {"person_name", "first_name", "birth_date", "nir"}
            if len(ident) >= 2 or (t.role == "persons" and ident):
                cands.append((refs.get(t.name, 0) > 0, t.rows or 0, t.name, ident))
        cands.sort(reverse=True)
        if given.get("persons") in self.cat.tables:
            self.m.persons, self.m.persons_reason = given["persons"], "fixé par la politique ([model] persons)"
        elif cands:
            _r, rows, name, ident = cands[0]
            self.m.persons = name
            kinds = ", ".join(COLUMN_KIND_LABELS.get(k, k) for k in sorted(ident))
            n_refs = refs.get(name, 0)
            self.m.persons_reason = (f"colonnes d'identité ({kinds}), {rows} lignes, {n_refs} "
                                     f"{'colonne' if n_refs < 2 else 'colonnes'} d'autres tables y "
                                     f"{'renvoie' if n_refs < 2 else 'renvoient'}")
        if self.m.persons:
            p = self.cat.tables[self.m.persons]
            self.m.person_key = p.primary_key[0] if len(p.primary_key) == 1 else self._referenced_key(self.m.persons)
            hr = set(words_of(p.name)) & {"employee", "employees", "salarie", "salaries", "employe", "employes", "hr", "rh", "staff", "personnel"}
            if hr or p.first("employee_number"):
                self.m.workplace_hr = True
        if self.m.staff:
            s = self.cat.tables[self.m.staff]
            self.m.staff_key = s.primary_key[0] if len(s.primary_key) == 1 else self._referenced_key(self.m.staff)
            self.m.staff_columns = self._staff_columns(s, pw)
        from auditor.model import groups as _groups

        self.m.groups = _groups.detect(self)
        group_tables = {g.table for g in self.m.groups}
        # units: what persons (or staff, or assignments) point to, other than persons, staff and groups of persons
        unit_cands: dict[str, list[Link]] = {}
        for (tname, _c), lk in sorted(self.m.links.items()):
            if tname in (self.m.persons, self.m.staff) and lk.target not in (self.m.persons, self.m.staff, *group_tables):
                tgt = self.cat.tables[lk.target]
                tk = [c.kind for c in tgt.columns.values()]
                if tgt.rows and (not self.m.persons or tgt.rows < (self.cat.tables[self.m.persons].rows or 0)) and not (
                        ("free_text" in tk or ("person_name" in tk and "first_name" in tk)) and tgt.role != "units"):
                    unit_cands.setdefault(lk.target, []).append(lk)
        if given.get("units") in self.cat.tables:
            self.m.units = given["units"]
        elif unit_cands:
            self.m.units = max(unit_cands, key=lambda n: (len(unit_cands[n]), self.cat.tables[n].role == "units", n))
        if self.m.units:
            u = self.cat.tables[self.m.units]
            for lk in unit_cands.get(self.m.units, []):
                if lk.table == self.m.persons and self.m.person_unit is None:
                    self.m.person_unit = lk
                if lk.table == self.m.staff and self.m.staff_unit is None:
                    self.m.staff_unit = lk
            self.m.unit_key = (self.m.person_unit or self.m.staff_unit).target_column if (self.m.person_unit or self.m.staff_unit) else (
                u.primary_key[0] if len(u.primary_key) == 1 else None)
        for name, role, why in ((self.m.persons, "persons", self.m.persons_reason), (self.m.staff, "staff", self.m.staff_reason),
                                (self.m.units, "units", "table à laquelle renvoient les personnes ou les comptes (peu de lignes)")):
            if name:
                self.m.roles[name] = (role, why)

    def _satellite_of(self, name: str) -> tuple[Link, str] | None:
        """``name`` is a one-to-one satellite of the accounts (one row per account holding only a secret): it has no
        login and no name of its own, a unique column of it points to a table that has a login or names, and more
        tables point to that one than to it. Returns (the satellite's link to the accounts, the reason)."""
        s = self.cat.tables[name]
        if {c.kind for c in s.columns.values()} & {"login", "person_name", "first_name", "email", "staff_email"}:
            return None

        for lk in sorted(self.out_links(name), key=_link_rank):
            # a link to the satellite's account column (same name, same values: « event_log.user_id » →
            # « credential.user_id ») is a link to the accounts through it; only links to its own key are its own
            to_t = {x.table for x in self.m.links.values() if x.table != name and (
                x.target == lk.target or (x.target == name and x.target_column == lk.column))}
            to_s = {x.table for x in self.m.links.values() if x.table != name and x.target == name and x.target_column != lk.column}
            t = self.cat.tables.get(lk.target)
            c = s.columns.get(lk.column)
            if t is None or c is None or lk.confidence == "low" or not t.rows:
                continue
            if not ({x.kind for x in t.columns.values()} & {"login", "person_name", "first_name"}):
                continue
            one_to_one = bool(c.sampled) and c.distinct == c.sampled and (s.rows or 0) <= (t.rows or 0)
            if not one_to_one or len(to_t) < max(1, len(to_s)):
                continue
            why = (f"table satellite des comptes de « {t.name} » : une ligne par compte (« {lk.column} » unique, "
                   f"{lk.reason}), sans identifiant de connexion ni nom ; ses mots de passe restent vérifiés")
            return lk, why
        return None

    def _repoint_to(self, sat: str, sat_link: Link) -> None:
        """Links to the satellite's account column are links to the accounts themselves (the column it refers to)."""
        for lk in self.m.links.values():
            if lk.target == sat and lk.target_column == sat_link.column and lk.how in ("inclusion", "name"):
                lk.reason += (f" ; « {sat}.{sat_link.column} » renvoie elle-même à « {sat_link.target}.{sat_link.target_column} »"
                              " (table des comptes)")
                lk.target, lk.target_column = sat_link.target, sat_link.target_column

    def _referenced_key(self, table: str) -> str | None:
        """No declared key: the first column when it is unique and other tables point to it, else the most pointed-to column."""
        t = self.cat.tables[table]
        counts: dict[str, int] = {}
        for lk in self.m.links.values():
            if lk.target == table:
                counts[lk.target_column] = counts.get(lk.target_column, 0) + 1
        first = next(iter(t.columns.values()), None)
        unique_first = first is not None and first.sampled and first.distinct == first.sampled
        if unique_first and (first.name in counts or not counts):
            return first.name
        if counts:
            return max(counts, key=lambda k: (counts[k], k))
        return None

    def _staff_columns(self, s: TableInfo, pw: list[str]) -> dict[str, str | None]:
        cols: dict[str, str | None] = {"login": None, "role": None, "active": None, "departure": None, "password": pw[0] if pw else None,
                                       "last_name": None, "first_name": None}
        v = vocab()["columns"]
        login_words = {"login", "user", "username", "account", "handle", "lgn", "identifiant", "compte", "uid", "logon", "pseudo"}
        for c in s.columns.values():
            if c.name == self.m.staff_key:
                continue
            if cols["login"] is None and (c.kind == "login" or (c.kind in ("person_name", "other", "first_name") and has_word(c.name, login_words)
                                                                and c.sampled and c.distinct == c.sampled)):
                cols["login"] = c.name
                continue
            if cols["role"] is None and c.kind == "role":
                cols["role"] = c.name
            if cols["last_name"] is None and c.kind == "person_name":
                cols["last_name"] = c.name
            if cols["first_name"] is None and c.kind == "first_name":
                cols["first_name"] = c.name
            if cols["departure"] is None and c.kind == "departure_date":
                cols["departure"] = c.name
            if cols["active"] is None and c.kind == "active_flag":
                cols["active"] = c.name
        for c in s.columns.values():
            if c.name in (self.m.staff_key, cols["password"]) or c.name in cols.values():
                continue
            fam = self._family(c)
            if cols["active"] is None and c.kind in ("other", "category", "archive_flag", "count", "active_flag") and self._flag_values(s.name, c.name):
                cols["active"] = c.name
                continue
            if cols["departure"] is None and (c.kind in ("date", "departure_date", "closure_date") or (
                    c.kind == "other" and (fam == "date" or has_word(c.name, v["departure"]) or self._date_values(s.name, c.name)))) and (
                    has_word(c.name, v["departure"]) or (s.rows and c.sampled < 0.5 * min(s.rows, 300))):
                cols["departure"] = c.name
                continue
            if cols["login"] is None and fam == "text" and c.kind in ("other", "login", "category", "hashed_id", "email", "staff_email") \
                    and c.sampled and c.distinct == c.sampled and (self.m.staff, c.name) not in self.m.links and c.kind != "email":
                cols["login"] = c.name
                continue
        if cols["login"] is None:
            # no login column: accounts that sign in with their e-mail address (Symfony, Laravel...) — a unique
            # e-mail column is the login, judged by its local part (generic_login)
            for c in s.columns.values():
                if c.name in cols.values() or c.name == self.m.staff_key or c.kind not in ("email", "staff_email"):
                    continue
                # nearly unique: an account re-created for the same holder repeats its address
                if c.sampled and c.distinct and c.distinct >= 0.9 * c.sampled and (s.name, c.name) not in self.m.links:
                    cols["login"] = c.name
                    break
        if cols["role"] is None:
            best = None
            for c in s.columns.values():
                if c.name in cols.values() or c.name == self.m.staff_key or self._family(c) != "text" or (s.name, c.name) in self.m.links:
                    continue
                if c.sampled and c.distinct and 2 < c.distinct <= 30 and c.distinct < 0.5 * c.sampled and c.kind in ("other", "category", "role", "org_name", "unit_ref"):
                    best = best or c.name
            cols["role"] = best
        return cols

    # -- relations
    def relations(self) -> None:
        P, S, U = self.m.persons, self.m.staff, self.m.units
        table_names = {norm(n) for n in self.cat.tables} | {n.lower() for n in self.cat.tables}
        role_values = set()
        if S and self.m.staff_columns.get("role"):
            role_values = {norm(v) for v in (self.distinct_values(S, self.m.staff_columns["role"], 100) or [])}
        for t in sorted(self.cat.tables.values(), key=lambda x: x.name):
            if not t.rows or t.error or t.name in (P, S, U):
                continue
            outs = sorted(self.out_links(t.name), key=_link_rank)
            to_s = [lk for lk in outs if lk.target == S]
            to_p = [lk for lk in outs if lk.target == P]
            # a link to a group of persons (a household) names the file of its members
            to_p += [lk for lk in outs if self.m.group(lk.target) is not None and lk.target != t.name]
            to_u = [lk for lk in outs if lk.target == U]
            kinds = {c.kind for c in t.columns.values()}
            texty = bool(kinds & {"free_text", "judgement_field"}) or any(
                self._family(c) == "text" and (c.avg_length or 0) >= 20 and (t.name, c.name) not in self.m.links
                and c.kind in ("other", "category", "free_text", "permission_object") for c in t.columns.values())
            # (a column named « objet » outside a table of rights, whose values are sentences, is the subject of a contact)
            dates = [c.name for c in t.columns.values() if c.kind in ("date", "closure_date", "departure_date")
                     or (c.kind not in IDENTITY and (t.name, c.name) not in self.m.links and c.name not in t.primary_key
                         and (self._family(c) == "date" or (self._family(c) == "text" and c.kind in ("other", "active_flag", "category")
                                                            and self._date_values(t.name, c.name))))]
            # permissions: a column of role labels (the staff's), a column of table names
            if role_values and t.rows <= 2000:
                perm = self._permissions(t, role_values, table_names)
                if perm:
                    self.m.permissions.append(perm)
                    self.m.roles[t.name] = ("permissions", perm.reason)
                    continue
            generic = _given_generic(self, t, to_p)
            fnl = self._file_number_link(t) if to_s and not to_p else None
            loose = not to_p or all(lk.how in ("inclusion", "name") for lk in to_p)
            if generic is None and to_s and not fnl and loose and (t.role == "access_log" or any(self._time_of_day(t.name, d) >= 0.5 for d in dates)):
                # a log that may be generic: the person read is an object key on the lines of one kind only
                only = {to_p[0].column} if to_p else None
                generic = self._generic_object(t, exclude={lk.column for lk in outs if lk.target in (S, U)}, only=only)
                if generic is not None:
                    self.m.links[(t.name, generic[0].column)] = generic[0]
                    to_p = [generic[0]]
            via = None
            if to_s and not to_p and not texty and (t.role == "access_log" or any(self._time_of_day(t.name, d) >= 0.5 for d in dates)):
                hop = _file_hop(self, t, outs)  # the log names a file of a person (a measure), not the person
                if hop is not None:
                    to_p, via = [hop[0]], hop[1]
            pref = None
            if to_s and not to_p and (t.role == "access_log" or any(self._time_of_day(t.name, d) >= 0.5 for d in dates)):
                from auditor.model.logrefs import path_ref

                pr = path_ref(self, t, exclude={lk.column for lk in outs} | set(dates))  # a web log: the key inside a path
                if pr is not None:
                    to_p, pref = [pr[0]], (pr[1], pr[2])
            rvia = None
            if not to_s and to_p and not texty and (t.role == "access_log" or any(self._time_of_day(t.name, d) >= 0.5 for d in dates)):
                from auditor.model.logrefs import session_hop

                shop = session_hop(self, t, outs)  # a log of page views: the reader is the account of the view's session
                if shop is not None:
                    to_s, rvia = [shop[0]], shop[1]
            if to_s and (to_p or self._file_number_link(t)):
                pl = to_p[0] if to_p else self._file_number_link(t)
                timed = [d for d in dates if self._time_of_day(t.name, d) >= 0.5]
                if texty and len(timed) < len(dates):
                    # free text and a day without a time (the day of the contact; a timed creation stamp beside it is
                    # the record's metadata): dated contacts, not a log of reads
                    self.m.contacts.append(Contacts(t.name, pl, to_s[0], [d for d in dates if d not in timed] + timed))
                    self.m.roles[t.name] = ("case_file", "relie une personne et un professionnel, avec du texte libre et des dates")
                elif timed or t.role == "access_log" or (dates and not texty and self._action_column(t, exclude={to_s[0].column, pl.column, *dates}, strict=True)):
                    action = self._action_column(t, exclude={to_s[0].column, pl.column, *dates})
                    lg = Log(t.name, to_s[0], pl, (timed or dates or [None])[0], action,
                             reason=("horodatages avec l'heure" if timed else "nom de table" if t.role == "access_log" else "colonne d'actions de lecture")
                             + f" ; lecteur « {to_s[0].column} », personne lue « {pl.column} »")
                    if via is not None:
                        lg.via = via
                        lg.reason += (f" ; « {pl.target} » est un dossier d'une personne : {via.short()}, une lecture d'une ligne "
                                      f"de « {pl.target} » est une lecture du dossier de la personne")
                    if pref is not None:
                        lg.person_extract = pref
                        lg.reason += f" ; clé de la personne extraite de « {pl.column} » après « {pref[0]} » ({pref[1]} caractères)"
                    if rvia is not None:
                        from auditor.model.logrefs import session_reason

                        lg.reader_via = rvia
                        lg.reason += session_reason(rvia)
                    if generic is not None:
                        lg.object_type, lg.object_values = generic[1], generic[2]
                        lg.reason += f" (lignes où « {generic[1]} » vaut {', '.join(str(v) for v in generic[2])})"
                    if action:
                        self._classify_actions(lg)
                    self.m.logs.append(lg)
                    self.m.roles[t.name] = ("access_log", "journal des accès : " + lg.reason)
                elif not texty:
                    start, end = self._period(dates)
                    self.m.assignments.append(Assignment(t.name, to_s[0], person=pl, start=start, end=end,
                                                         reason="relie un professionnel et une personne, sans texte ni heure"))
                    self.m.roles[t.name] = ("assignments", "affectations : relie un professionnel et une personne, sans texte ni heure")
                else:
                    self.m.contacts.append(Contacts(t.name, pl, to_s[0], dates))
                continue
            if to_s and to_u and not texty and not to_p:
                start, end = self._period(dates)
                self.m.assignments.append(Assignment(t.name, to_s[0], unit=to_u[0], start=start, end=end,
                                                     reason="relie un professionnel et une unité"))
                self.m.roles[t.name] = ("assignments", "affectations par unité : relie un professionnel et une unité")
                continue
            if to_p and dates:
                self.m.contacts.append(Contacts(t.name, to_p[0], to_s[0] if to_s else None, dates))
        for lg in self.m.logs:
            for lk in (lg.reader, lg.person):
                if lk is not None:
                    self.confirm(lk)
        self._staff_profile()
        if P and not self.m.logs and any(t.role == "access_log" for t in self.cat.tables.values()):
            self.m.missing.append("journal des accès : aucune colonne du journal ne renvoie aux personnes")

    @staticmethod
    def _period(dates: list[str]) -> tuple[str | None, str | None]:
        """(start, end) of an assignment from its dates: the first two in order, but a lone date named as an end (a
        departure, a closing) is the end of the period, not its start."""
        if len(dates) == 1 and (has_word(dates[0], vocab()["columns"]["departure"]) or has_word(dates[0], vocab()["columns"]["closure"])):
            return None, dates[0]
        return (dates[0] if dates else None), (dates[1] if len(dates) > 1 else None)

    def _staff_profile(self) -> None:
        """No departure date on the accounts table: a table one-to-one with the accounts (its account column unique,
        every value an account's key; Django's profile, a HR side table) holding a date named as a departure gives it."""
        S, key = self.m.staff, self.m.staff_key
        if not S or not key or self.m.staff_columns.get("departure"):
            return
        words = vocab()["columns"]["departure"]
        for (tname, cname), lk in sorted(self.m.links.items()):
            if lk.target != S or lk.target_column != key or tname in (S, self.m.persons):
                continue
            t = self.cat.tables[tname]
            c = t.columns[cname]
            if not t.rows or not c.sampled or c.distinct != c.sampled or c.sampled < min(t.rows, 300):
                continue  # one row per account at most
            for d in t.columns.values():
                if d.name == cname or (tname, d.name) in self.m.links or d.kind in IDENTITY:
                    continue
                dated = d.kind in ("departure_date", "closure_date", "date") or self._family(d) == "date" or (
                    self._family(d) == "text" and self._date_values(tname, d.name))
                if dated and (d.kind == "departure_date" or has_word(d.name, words)):
                    self.m.staff_profile = (tname, cname, d.name)
                    self.m.staff_profile_reason = (f"« {tname} » a une ligne au plus par compte (« {cname} » → « {S}.{key} », "
                                                   f"{lk.short()}) ; sa date « {d.name} » est lue comme la date de départ")
                    for a in self.m.assignments:
                        if a.table == tname and d.name in (a.start, a.end):
                            # the unit of a worker's profile is the worker's own unit; its date is the holder's departure
                            # (reads after it have their own rule), not the period of an assignment
                            a.start = a.end = None
                    return

    def _classify_actions(self, lg: Log) -> None:
        """Which action codes are reads: by the words (vocab.toml [actions], one-letter codes included), else by what
        the log says (reads outnumber changes: a file is opened more often than it is saved); the second way is said."""
        t = self._t(lg.table)
        col = t.c[lg.action]
        counts = [(v, int(n)) for v, n in self._rows(sa.select(col, sa.func.count()).where(col.is_not(None)).group_by(col)
                                                      .order_by(sa.func.count().desc()).limit(41))]
        if not counts or len(counts) > 40:
            return
        va = vocab()["actions"]
        given = {norm(x) for x in self.given.get("read_actions") or []}
        if given:
            lg.read_values = [v for v, _n in counts if norm(v) in given]
            lg.write_values = [v for v, _n in counts if norm(v) not in given]
            lg.action_reason = "fixé par la politique ([model] read_actions)"
            return
        reads = [v for v, _n in counts if has_word(v, va["read"]) or norm(v) in va.get("read_codes", [])]
        writes = [v for v, _n in counts if v not in reads and (has_word(v, va["write"]) or norm(v) in va.get("write_codes", []))]
        lg.read_values, lg.write_values = reads, writes
        total = sum(n for _v, n in counts)
        if reads:
            lg.action_reason = "valeurs reconnues : " + ", ".join(f"« {v} »" for v in reads) + " (lecture)"
            return
        rest = [(v, n) for v, n in counts if v not in writes]
        if not rest or not total or any(len(norm(v).replace(" ", "")) > 3 for v, _n in counts):
            return  # words that are not reads (creation, suppression...) say the log records no reads: left to the rule
        v, n = rest[0]
        tie = len(rest) > 1 and rest[1][1] >= 0.8 * n
        lg.read_values = [v]
        lg.action_sure = False
        lg.action_reason = (f"aucun code d'action n'est un mot connu de lecture : le code « {v} », le plus fréquent du journal "
                            f"({pct(n / total)} des lignes{', à égalité ou presque avec « ' + str(rest[1][0]) + ' »' if tie else ''}), "
                            "a été pris pour la lecture")
        other = next((x for x, _n in counts if x != v), None)
        first = self._precedes(lg, v, other) if other is not None else None
        if first is not None:
            share, pairs = first
            if share >= 0.6:
                lg.action_reason += (f" ; sur les {pairs} dossiers où un même compte a les deux actions, « {v} » vient avant "
                                     f"« {other} » dans {pct(share)} des cas (on ouvre un dossier avant de le modifier)")
            elif share <= 0.4:
                lg.action_reason += (f" ; mais sur les {pairs} dossiers où un même compte a les deux actions, « {other} » vient "
                                     f"avant « {v} » dans {pct(1 - share)} des cas")
        lg.action_reason += ", à vérifier"

    def _precedes(self, lg: Log, a: Any, b: Any, rows: int = 20000) -> tuple[float, int] | None:
        """(share of the (reader, person) pairs having both actions where ``a`` comes first, number of such pairs), on the
        first ``rows`` lines of the log; None without ISO timestamps or with fewer than 10 pairs."""
        if not (lg.reader and lg.person and lg.time and lg.action):
            return None
        t = self._t(lg.table)
        ts = sa.cast(t.c[lg.time], sa.Text)
        head = (sa.select(t.c[lg.reader.column].label("r"), t.c[lg.person.column].label("p"), ts.label("ts"),
                          t.c[lg.action].label("act")).where(ts.like("____-__-__%")).limit(rows).subquery("h"))
        per = (sa.select(sa.func.min(sa.case((head.c.act == a, head.c.ts))).label("ta"),
                         sa.func.min(sa.case((head.c.act == b, head.c.ts))).label("tb"))
               .group_by(head.c.r, head.c.p).subquery("per"))
        n, k = self._rows(sa.select(sa.func.count(), sa.func.sum(sa.case((per.c.ta <= per.c.tb, 1), else_=0)))
                          .where(per.c.ta.is_not(None), per.c.tb.is_not(None)))[0]
        n = int(n or 0)
        return (int(k or 0) / n, n) if n >= 10 else None

    def _repeats(self, table: str, a: str, b: str) -> bool:
        t = self._t(table)
        s = sa.select(t.c[a], t.c[b]).limit(2000).subquery()
        pairs = sa.select(s.c[a], s.c[b]).distinct().subquery()
        n = self._rows(sa.select(sa.func.count()).select_from(s))[0][0]
        d = self._rows(sa.select(sa.func.count()).select_from(pairs))[0][0]
        return bool(n) and d < 0.8 * n

    def _typed_inclusion(self, t: TableInfo, col: str, tcol: str, tv: Any, target: str, k: str) -> tuple[int, int]:
        """(distinct values of ``t.col`` on the lines where ``t.tcol = tv``, found among ``target.k``), text forms compared."""
        a, b = self._t(t.name), self._t(target)
        s = (sa.select(sa.cast(a.c[col], sa.String).label("v")).where(a.c[col].is_not(None), a.c[tcol] == tv)
             .distinct().limit(SAMPLE_DISTINCT).subquery("s"))
        hit = s.c.v.in_(sa.select(sa.cast(b.c[k], sa.String)).where(b.c[k].is_not(None)))
        try:
            row = self._rows(sa.select(sa.func.count(), sa.func.sum(sa.case((hit, 1), else_=0))).select_from(s))[0]
        except sa.exc.SQLAlchemyError:
            interrupt.raise_if_requested()
            assert self.conn is not None
            self.conn.rollback()
            return 0, 0
        return int(row[0] or 0), int(row[1] or 0)

    @staticmethod
    def _included(res: tuple[int, int]) -> bool:
        tested, found = res
        return bool(tested) and found / tested >= MIN_INCLUSION

    def _generic_object(self, t: TableInfo, exclude: set[str], only: set[str] | None = None) -> tuple[Link, str, list[Any]] | None:
        """A generic (polymorphic) log: one column says what kind of object each line is about (a content type id, a
        class name), another holds the object's key, often as text (Django's ``content_type_id`` + ``object_pk``,
        Rails' ``item_type`` + ``item_id``). Decided by the values, not the names: for each kind, the objects' keys are
        tested against every table's key; a kind whose keys are found among the persons' (and cover more of them than
        of any other table) is about persons' files. Returns (link of the object column to the persons, the kind
        column, the kinds that are persons)."""
        P = self.m.persons
        pkey = self.m.person_key
        if not P or not pkey or not t.rows:
            return None
        keys = getattr(self, "_keys", None) or self.keys()
        kinds_cols = []
        obj_cols = []
        for c in t.columns.values():
            if c.name in exclude or c.name in t.primary_key or self._family(c) not in ("int", "text") or not c.sampled:
                continue
            if c.kind in IDENTITY or c.kind in ("free_text", "date"):
                continue
            if c.distinct and c.distinct <= 12 and (t.rows or 0) >= 20 and c.distinct < 0.2 * c.sampled:
                kinds_cols.append(c.name)
            elif c.distinct and c.distinct >= 5 and (only is None or c.name in only) \
                    and (only is not None or (t.name, c.name) not in self.m.links):
                obj_cols.append(c.name)
        if not kinds_cols or not obj_cols:
            return None
        for kc in kinds_cols[:3]:
            kinds = self.distinct_values(t.name, kc, 12)
            if not kinds or len(kinds) < 2:
                continue
            for oc in obj_cols:
                if self._name_clue(t, t.columns[oc], self.cat.tables[P], pkey) and all(
                        self._included(self._typed_inclusion(t, oc, kc, kv, P, pkey)) for kv in kinds):
                    # a column named after the persons whose values are persons' keys on every kind of line: the kind
                    # says what was read in the file (a request, an interview), not which table the key belongs to
                    continue
                persons_kinds, tested_all, found_all = [], 0, 0
                for kv in kinds:
                    best: tuple[float, str, int, int] | None = None
                    for target, tkeys in keys.items():
                        if target == t.name:
                            continue
                        trows = self.cat.tables[target].rows or 0
                        for k in tkeys:
                            tested, found = self._typed_inclusion(t, oc, kc, kv, target, k)
                            if not tested or found / tested < MIN_INCLUSION or not trows:
                                continue
                            tinfo = self.cat.tables[target]
                            # the share of the target covered, then a table that describes things, then its own key
                            # (the unique person column of an assignment table holds the same values)
                            rank = round(min(tested / trows, 1.0), 1) + self._entity(tinfo) * 0.05 + self._own_key(tinfo, k) * 0.02
                            if best is None or rank > best[0]:
                                best = (rank, target, tested, found)
                    if best is not None and best[1] == P:
                        persons_kinds.append(kv)
                        tested_all += best[2]
                        found_all += best[3]
                if persons_kinds and len(persons_kinds) < len(kinds):
                    share = found_all / tested_all if tested_all else 0.0
                    reason = (f"journal générique : pour les lignes où « {kc} » vaut {', '.join(str(v) for v in persons_kinds)}, "
                              f"{pct(share)} des {tested_all} valeurs distinctes testées de « {oc} » se trouvent dans "
                              f"« {P}.{pkey} » (et couvrent cette table mieux que toute autre) ; les autres lignes portent sur "
                              "d'autres objets et ne sont pas lues comme des consultations de dossiers")
                    lk = Link(t.name, oc, P, pkey, "inclusion", "medium", reason, inclusion=share, tested=tested_all,
                              coverage=None)
                    return lk, kc, persons_kinds
        return None

    def _file_number_link(self, t: TableInfo) -> Link | None:
        """A link from ``t`` to the persons table through a column that is not its key (a file number)."""
        for lk in self.out_links(t.name):
            if lk.target == self.m.persons:
                return lk
        return None

    def _action_column(self, t: TableInfo, exclude: set[str], strict: bool = False) -> str | None:
        v = vocab()
        best = None
        for c in t.columns.values():
            if c.name in exclude or c.name in t.primary_key or self._family(c) != "text" or not c.sampled:
                continue
            if c.kind in ("free_text", "judgement_field") or (c.avg_length or 0) > 30:
                continue  # an action is a code or a word, not a sentence
            if c.distinct and c.distinct <= 30:
                vals = self.distinct_values(t.name, c.name, 30) or []
                hits = [x for x in vals if has_word(x, v["actions"]["read"] + v["actions"]["write"])]
                if hits:
                    return c.name
                if has_word(c.name, v["columns"]["action"]) and not strict:
                    best = best or c.name
        return best

    def _permissions(self, t: TableInfo, role_values: set[str], table_names: set[str]) -> Permissions | None:
        role = obj = scope = None
        reads: list[str] = []
        for c in t.columns.values():
            if c.name in t.primary_key or self._family(c) not in ("text", "int"):
                continue
            vals = self.distinct_values(t.name, c.name, 100)
            if not vals:
                continue
            nv = {norm(v) for v in vals}
            if role is None and len(nv & role_values) >= max(1, 0.6 * len(nv)):
                role = c.name
            elif obj is None and len({v for v in vals if norm(v) in table_names or str(v).lower() in table_names}) >= max(1, 0.5 * len(nv)):
                obj = c.name
            elif self._flag_values(t.name, c.name) or c.kind == "access_right":
                reads.append(c.name)
            elif scope is None and self._family(c) == "text" and len(nv) <= 30:
                scope = c.name
        if role is None:
            return None
        if obj is None and not reads:
            return None
        return Permissions(t.name, role, obj, scope, reads,
                           reason=f"« {role} » porte les rôles des comptes" + (f", « {obj} » nomme des tables de la base" if obj else ""))

    # -- persons' markers
    def markers(self) -> None:
        P = self.m.persons
        if not P:
            return
        p = self.cat.tables[P]
        v = vocab()
        arch_words = {norm(w) for w in v["status"]["archived"]}
        for c in p.columns.values():
            if c.name == self.m.person_key or self._family(c) == "date" or (P, c.name) in self.m.links:
                continue
            if c.kind in ("date", "closure_date"):
                continue
            if not (c.kind in ("archive_flag", "other", "category", "active_flag", "count") and c.sampled is not None):
                continue
            vals = self.distinct_values(P, c.name, 12)
            if not vals:
                continue
            status = [x for x in vals if isinstance(x, str) and norm(x) in arch_words]
            if status:
                self.m.archive.append(Marker(c.name, sorted(status, key=str), f"valeurs d'archivage dans « {c.name} » : "
                                             + ", ".join(sorted(str(s) for s in status))))
                continue
            flags = self._flag_values(P, c.name)
            if flags and (c.kind == "archive_flag" or has_word(c.name, v["columns"]["archive"])):
                trues = [x for x in flags if norm(x) in {norm(w) for w in v["flags"]["true"]}]
                if trues:
                    self.m.archive.append(Marker(c.name, trues, f"indicateur d'archivage « {c.name} » (valeurs {', '.join(map(str, flags))})"))
            elif flags and len(flags) == 2 and (c.kind == "active_flag" or norm(c.name) in {norm(w) for w in v["columns"]["active"]}
                                                 or has_word(c.name, ["active", "actif", "enabled"])):
                # a file that is not active is archived (Odoo's `active = False`, an `actif` flag on the persons table)
                falses = [x for x in flags if norm(str(x)) in {norm(w) for w in v["flags"]["false"]} and str(x).strip() != ""]
                if len(falses) == 1:
                    self.m.archive.append(Marker(c.name, falses, f"indicateur d'activité « {c.name} » : un dossier non actif "
                                                 f"(valeur {falses[0]}) est archivé"))
        for c in p.columns.values():
            if c.kind in ("closure_date",) or (c.kind == "date" and has_word(c.name, v["columns"]["closure"])):
                self.m.closure = c.name
                self.m.closure_reason = "nom de la colonne"
                break
        if self.m.closure is None:
            self._closure_from_values(p)

    def _closure_from_values(self, p: TableInfo) -> None:
        """A closing date whose name says nothing: a date of the persons table that is empty for many files and,
        where it is set, falls on or after the person's last contact (a file is closed after its last act)."""
        ct = next((c for c in self.m.contacts if c.person.target == p.name and c.dates), None)
        if ct is None or not p.rows:
            return
        key = ct.person.target_column
        best: tuple[float, str, int] | None = None
        for c in p.columns.values():
            if c.name in (key, self.m.person_key) or c.kind in ("birth_date", "birth_year") or (p.name, c.name) in self.m.links \
                    or c.from_policy:
                continue  # a column the policy describes is taken as given
            if not (c.kind in ("date", "departure_date") or self._family(c) == "date" or
                    (c.kind == "other" and self._family(c) == "text" and self._date_values(p.name, c.name))):
                continue
            pt, cnt = self._t(p.name), self._t(ct.table)
            filled = int(self._scalar(sa.select(sa.func.count(pt.c[c.name]))) or 0)
            if not filled or filled > 0.8 * p.rows or has_word(c.name, vocab()["columns"]["opening"]):
                continue  # set on (nearly) every file, or named as a start: an opening or birth date, not a closing one
            last = (sa.select(cnt.c[ct.person.column].label("k"), sa.func.max(_day(cnt.c[ct.dates[0]])).label("d"))
                    .group_by(cnt.c[ct.person.column]).subquery("lc"))
            q = (sa.select(sa.func.count(), sa.func.sum(sa.case((_day(pt.c[c.name]) >= last.c.d, 1), else_=0)))
                 .select_from(pt.join(last, last.c.k == pt.c[key])).where(_day(pt.c[c.name]).is_not(None)))
            n, after = self._rows(q)[0]
            n, after = int(n or 0), int(after or 0)
            if n >= 10 and after >= 0.8 * n and (best is None or after / n > best[0]):
                best = (after / n, c.name, n)
        if best is not None:
            share, name, n = best
            self.m.closure = name
            self.m.closure_reason = (f"valeurs : date vide pour une partie des dossiers et, pour {pct(share)} des {n} dossiers où elle "
                                     f"est remplie, postérieure ou égale au dernier contact (« {ct.table} ») ; à vérifier")

    def person_names(self) -> None:
        """A column whose values looked like names of places or services (many surnames are also place names:
        « MARTIN », « BLANC ») but are found, case folded, among the surnames of the persons followed is a person's
        name: a row-level extract that copies the applicant's name carries an identifier."""
        P = self.m.persons
        if not P:
            return
        p = self.cat.tables[P]
        sn = p.first("person_name")
        if sn is None or not p.rows:
            return
        b = self._t(P)
        for t in self.cat.tables.values():
            if t.error or not t.rows or t.name in (P, self.m.staff, self.m.units) or t.role == "units":
                continue
            for c in t.columns.values():
                if c.kind not in ("org_name", "city", "other") or c.from_policy or self._family(c) != "text" or (t.name, c.name) in self.m.links:
                    continue
                if not c.sampled or (c.distinct or 0) < 5 or (c.avg_length or 0) > 30:
                    continue
                a = self._t(t.name)
                sub = (sa.select(sa.func.upper(sa.cast(a.c[c.name], sa.String)).label("v")).where(a.c[c.name].is_not(None))
                       .distinct().limit(SAMPLE_DISTINCT).subquery("s"))
                hit = sub.c.v.in_(sa.select(sa.func.upper(sa.cast(b.c[sn.name], sa.String))).where(b.c[sn.name].is_not(None)))
                try:
                    n, k = self._rows(sa.select(sa.func.count(), sa.func.sum(sa.case((hit, 1), else_=0))).select_from(sub))[0]
                except sa.exc.SQLAlchemyError:
                    interrupt.raise_if_requested()
                    assert self.conn is not None
                    self.conn.rollback()
                    continue
                n, k = int(n or 0), int(k or 0)
                if n >= 5 and k >= MIN_INCLUSION * n:
                    c.kind = "person_name"
                    c.reason = (f"{c.reason} ; modèle du service : {pct(k / n)} des {n} valeurs distinctes sont des noms de "
                                f"famille des personnes accompagnées (« {P}.{sn.name} ») : nom d'une personne")

    def unit_labels(self) -> None:
        """A column taken for a person's name (by its values: names of places or services look like surnames) whose
        values are the labels of the units (found among a text column of the units table, repeated across rows) names a
        unit, not a person: an office or territory label in a statistics table is not an identifier."""
        U = self.m.units
        if not U:
            return
        u = self.cat.tables[U]
        labels = [c.name for c in u.columns.values() if self._family(c) == "text" and c.name not in u.primary_key
                  and c.name != self.m.unit_key and c.kind in ("org_name", "person_name", "other", "category", "city")]
        if not labels:
            return
        for t in self.cat.tables.values():
            if t.error or not t.rows or t.name in (U, self.m.persons, self.m.staff):
                continue
            for c in t.columns.values():
                if c.kind not in ("person_name", "first_name") or c.from_policy or self._family(c) != "text":
                    continue
                if not c.sampled or not c.distinct or c.distinct >= c.sampled:
                    continue  # a unit's label repeats across the rows of the table
                for lab in labels:
                    tested, found = self.inclusion(t.name, c.name, U, lab)
                    if tested >= 2 and found / tested >= MIN_INCLUSION:
                        c.kind = "org_name"
                        c.reason = (f"{c.reason} ; modèle du service : {pct(found / tested)} des {tested} valeurs distinctes sont des "
                                    f"libellés d'unités (« {U}.{lab} ») : nom d'une unité, pas d'une personne")
                        break

    # -- catalog corrections
    def correct_catalog(self) -> None:
        kind_of = {self.m.persons: "person_ref", self.m.staff: "staff_ref", self.m.units: "unit_ref"}
        for name, (role, why) in self.m.roles.items():
            t = self.cat.tables[name]
            if t.from_policy or t.role == role:
                continue
            perm_by_name = t.role == "permissions" and not any(p.table == name for p in self.m.permissions)
            if t.role in KEEP_ROLES or (role == "persons" and t.role not in ("other", "staff") and not perm_by_name):
                continue  # a specific role the names gave (rights requests, statistics...) is kept; not « rights » from a
                # word of the name (« ayant_droit ») for a table of identities that holds no role labels
            t.role, t.reason = role, f"modèle du service : {why}" + (f" (le nom évoquait « {t.label} »)" if t.role != "other" else "")
            if role == "units":
                from auditor.catalog.classify import _contextualise

                _contextualise(t)  # a unit's own name and contact details are not a person's
                if not t.first("first_name"):
                    for c in t.columns_of("person_name"):
                        if not c.from_policy:
                            c.kind, c.reason = "org_name", f"{c.reason} ; modèle du service : nom de l'unité (table d'unités, aucun prénom)"
        for (tname, cname), lk in self.m.links.items():
            c = self.cat.tables[tname].columns.get(cname)
            if c is None or c.from_policy:
                continue
            kind = kind_of.get(lk.target)
            if kind is None:
                continue
            if c.kind in ("other", "category", "ref", "count", "primary_key", "person_ref", "staff_ref", "unit_ref", "org_name", "login") \
                    and not (c.kind == "primary_key" and cname in self.cat.tables[tname].primary_key):
                if (c.kind, c.target) != (kind, lk.target):
                    c.kind, c.target, c.reason = kind, lk.target, f"modèle du service : {lk.reason}"
        dep = self.m.staff_columns.get("departure") if self.m.staff else None
        if dep:
            c = self.cat.tables[self.m.staff].columns[dep]
            if c.kind == "other" and not c.from_policy:
                c.kind, c.reason = "departure_date", f"{c.reason} ; modèle du service : date de départ du titulaire (valeurs : des dates)"
        P = self.m.persons
        if P:
            for mk in self.m.archive:
                c = self.cat.tables[P].columns[mk.column]
                if c.kind in ("other", "category") and not c.from_policy:
                    c.kind, c.reason = "archive_flag", f"modèle du service : {mk.reason}"
            if self.m.closure:
                c = self.cat.tables[P].columns[self.m.closure]
                if c.kind in ("date", "other") and not c.from_policy:
                    c.kind, c.reason = "closure_date", (f"{c.reason} ; modèle du service : date de clôture du dossier"
                                                        + (f" ({self.m.closure_reason})" if self.m.closure_reason != "nom de la colonne" else ""))

    def _rights(self) -> None:
        """Roles held through a join table and rights with filters (auditor/model/rights.py)."""
        from auditor.model.rights import resolve_rights

        self.m.rights = resolve_rights(self)

    def _followed(self) -> None:
        """Rows of the persons table that are the accounts' own records or organisations (auditor/model/followed.py)."""
        from auditor.model.followed import resolve_followed

        self.m.not_followed = resolve_followed(self)

    def run(self) -> ServiceModel:
        t0 = time.perf_counter()
        self.check_given()
        with self.engine.connect() as conn:
            self.conn = conn
            self.links()
            self.entities()
            self.relations()
            _file_tables(self)
            _delegations(self)
            _teams(self)
            self._rights()
            self.markers()
            self._followed()
            _groups_markers(self)
            self.person_names()
            self.unit_labels()
            self.conn = None
        self.correct_catalog()
        _groups_correct(self)
        with self.engine.connect() as conn:
            self.conn = conn
            _case_closures(self)
            self.conn = None
        if not self.m.persons:
            self.m.missing.append("table des personnes accompagnées : aucune table n'a de colonnes d'identité")
        if not self.m.staff:
            self.m.missing.append("table des comptes : aucune table n'a d'identifiant de connexion, de mot de passe ni de rôle")
        self.m.seconds = round(time.perf_counter() - t0, 3)
        return self.m


def _file_hop(r: _Resolver, t: TableInfo, outs: list[Link]) -> tuple[Link, Link] | None:
    """(link of ``t`` to a file table, link of that file table to the persons) when ``t`` names a row of a table that is
    not a person, an account nor a unit, but whose rows belong to a person (a measure of a child, a request): a read of
    that row is a read of the person's file. The file table's link must be sure (declared or confirmed by inclusion)."""
    m = r.m
    for lk in outs:
        mid = r.cat.tables.get(lk.target)
        if mid is None or lk.target in (m.persons, m.staff, m.units, t.name) or m.group(lk.target) is not None:
            continue
        if not r._own_key(mid, lk.target_column):
            continue
        nxt = [x for x in r.out_links(mid.name) if x.confidence == "high" and (
            (x.target == m.persons and x.target_column == m.person_key)
            or (m.group(x.target) is not None and x.target_column == m.group(x.target).key))]  # a household's request
        if len(nxt) == 1:
            return lk, nxt[0]
    return None


def _given_generic(r: _Resolver, t: TableInfo, to_p: list[Link]) -> tuple[Link, str, list[Any]] | None:
    """The generic-log filter the policy gives ([model.log_objects]): (link of the object column, kind column, kinds that
    are persons' files); the object column is the one [model.links] ties to the persons."""
    spec = (r.given.get("log_objects") or {}).get(t.name)
    if not spec:
        return None
    lk = next((x for x in to_p if x.how == "policy"), to_p[0] if to_p else None)
    if lk is None:
        return None
    lk.reason += f" ; journal générique, lignes où « {spec['column']} » vaut {', '.join(map(str, spec['values']))} (fixé par la politique ([model.log_objects]))"
    return lk, str(spec["column"]), list(spec["values"])


def _groups_markers(r: _Resolver) -> None:
    from auditor.model import groups

    groups.markers(r)


def _file_tables(r: _Resolver) -> None:
    from auditor.model import files

    files.file_tables(r)


def _delegations(r: _Resolver) -> None:
    from auditor.model import delegations

    delegations.delegations(r)


def _teams(r: _Resolver) -> None:
    from auditor.model import teams

    teams.teams(r)


def _case_closures(r: _Resolver) -> None:
    from auditor.model import closures

    closures.case_closures(r)


def _groups_correct(r: _Resolver) -> None:
    from auditor.model import groups

    groups.correct_catalog(r)


def _link_rank(lk: Link) -> tuple[int, int, int, float, str]:
    """Order of the links of one table to the same target: the best supported first (given, declared, sure, named, wide)."""
    how = {"policy": 0, "declared": 1}.get(lk.how, 2)
    conf = {"high": 0, "medium": 1, "low": 2}.get(lk.confidence, 3)
    named = 0 if lk.named else 1
    return (how, conf, named, -(lk.coverage or 0.0), lk.column)


def assumption(*links: Link | None) -> str:
    """French sentence naming the unsure links a figure rests on ('' when every link is sure)."""
    weak = [lk for lk in links if lk is not None and lk.confidence != "high"]
    if not weak:
        return ""
    parts = [f"« {lk.table}.{lk.column} » désigne « {lk.target}.{lk.target_column} » ({lk.reason})" for lk in weak]
    return ("Ce chiffre repose sur une hypothèse du modèle du service, à vérifier : " + " ; ".join(parts)
            + ". Si elle est fausse, corrigez-la dans la politique ([model.links]) et relancez.")


def resolve(engine: sa.Engine, catalog: Catalog, given: dict[str, Any] | None = None) -> ServiceModel:
    """The service model of ``catalog``'s source; corrects the catalog where the evidence is stronger than the names."""
    m = _Resolver(engine, catalog, given).run()
    catalog.model = m
    return m
