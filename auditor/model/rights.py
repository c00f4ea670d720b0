"""Rights reached through group tables and scope filters (part of the service model).

Many applications do not write a role on the account: an account holds roles (groups) through a join table
(Django ``auth_user_groups``, Odoo ``res_groups_users_rel``, Symfony ``user_role``, Keycloak
``user_role_mapping``), a role may include other roles (Keycloak composite roles, Odoo implied groups), the rights
name a role by its key, and the perimeter of a right is a filter expression (an Odoo domain, a SQL-ish condition)
rather than a word. Found from evidence, whatever the names:

- **memberships**: a table whose columns are, apart from its own key, (almost) only references, one to the accounts
  and one to a small table with a label column (the roles), by declared key or value inclusion;
- **composite roles**: a table whose two columns both refer to the roles' key (parent, child);
- **rights**: tables that refer to the roles (directly, or through a join table tested by value inclusion), with an
  object column whose values (or the row they refer to: ``ir_model.model``, ``django_content_type``, a
  ``view_<model>`` codename) name a table of the database, read flags or verbs, and a filter or scope column;
  an access list without filter takes its filters from a table of filters on the same (role, object), and a right
  no filter restricts reads everything (Odoo's and Django's rule);
- **filters** are classified by their structure (:func:`classify_filter`): a tautology (``1=1``, ``TRUE``,
  ``[(1, '=', 1)]``, ``[]``, ``*``) is everything, a comparison of a column with the current account is the own
  caseload, with an attribute of the account that refers to the units (or a column that does) is the unit; what
  cannot be read is « à vérifier », never taken for narrow.

Only codes, role labels, table names and filter texts are read; accounts are counted, never listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from auditor.sqlutil import norm

if TYPE_CHECKING:  # pragma: no cover
    from auditor.model import Link, _Resolver

MAX_RIGHTS_ROWS = 5000  # rights tables are read whole below this size (codes and labels only)
LEVEL_FR = {"all": "tout", "region": "la région", "unit": "l'unité du compte", "caseload": "ses propres dossiers",
            "unknown": "illisible, à vérifier"}
LEVEL_RANK = {"caseload": 0, "unit": 1, "region": 2, "all": 3}
USER_HEADS = {"user", "current_user", "currentuser", "me", "auth", "session", "request", "principal", "utilisateur", "usager_connecte",
              "uid", "current", "connected_user", "ctx_user"}
SKIP_ATTR = {"id", "ids", "attributes", "attribute", "attrs", "uid", "current", "user", "utilisateur", "me", "courant", "connecte"}
TRUE_TOKENS = {"true", "vrai", "*", "%", "all", "1", "t", "any", "tout", "tous"}
FALSE_TOKENS = {"false", "faux", "0", "none", "null", "f"}
VERBS = {"view", "read", "add", "change", "delete", "create", "write", "update", "unlink", "edit", "list", "lire", "voir", "modifier",
         "supprimer", "creer", "consulter"}
READ_VERBS = {"view", "read", "list", "lire", "voir", "consulter", "select", "get", "show", "lecture", "consultation", "r"}
FILTER_NAMES = {"filtre", "filter", "domain", "domaine", "condition", "perimetre", "scope", "portee", "rule", "regle", "expression",
                "where", "clause", "predicate", "force"}
READ_NAMES = {"read", "lecture", "lire", "view", "consult", "consultation", "voir", "select"}

_TOKEN = re.compile(r"""\s*(?:(?P<str>'[^']*'|"[^"]*")|(?P<num>-?\d+(?:\.\d+)?)(?![\w.])|(?P<op>==|!=|<>|>=|<=|=|<|>|&&|\|\||[\[\](),&|!])
                         |(?P<word>[$:@#]?\{?[A-Za-z_%*][\w.%*]*(?:\(\))?\}?))""", re.X)


@dataclass
class Membership:
    """Accounts hold roles through ``table``: ``account`` refers to the accounts, ``role`` to the roles."""

    table: str
    account: Link
    role: Link
    staff_column: str  # the column of the accounts table whose values ``account`` holds (its key, most often)
    reason: str


@dataclass
class RoleGrant:
    """One read right of a role on a table, with the perimeter read from its filter."""

    role_key: Any
    role: str
    obj: str
    scope: str
    level: str
    level_reason: str
    table: str
    via: str
    read: bool = True
    shown: str = ""  # the filter as shown in reports (literal values masked, see :func:`shown`)


@dataclass
class Rights:
    """Roles held through a join table, composite roles, and the rights of each role with their perimeter."""

    roles: str
    role_key: str
    label: str
    labels: dict[Any, str] = field(default_factory=dict)
    memberships: list[Membership] = field(default_factory=list)
    composite: tuple[str, str, str] | None = None
    parents: dict[Any, set[Any]] = field(default_factory=dict)
    grants: list[RoleGrant] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)  # rights tables read here (the access check does not read them again)
    unread: list[str] = field(default_factory=list)
    reason: str = ""
    keys: dict[str, Any] = field(default_factory=dict)  # text form -> the roles table's key value

    def canon(self, key: Any) -> Any:
        """The roles table's own value for a role key read elsewhere (a text '5' for the integer 5 in an export)."""
        return self.keys.get(str(key), key)

    def holding(self, key: Any) -> list[Any]:
        """The role keys whose holders hold ``key``: itself and every composite role that includes it."""
        return sorted({key} | self.parents.get(key, set()), key=str)

    def label_of(self, key: Any) -> str:
        """The label of a role key."""
        return self.labels.get(key, str(key))


# ------------------------------------------------------------------ filters
def _tokens(text: str) -> list[tuple[str, str]] | None:
    out: list[tuple[str, str]] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        mt = _TOKEN.match(text, pos)
        if not mt or mt.end() == pos:
            return None
        kind = mt.lastgroup or ""
        val = mt.group(kind)
        low = val.lower()
        if kind == "word" and low in ("and", "et", "or", "ou", "not", "non", "in", "like", "ilike", "is", "dans"):
            kind = "kw"
        out.append((kind, val))
        pos = mt.end()
    return out


def _segments(word: str) -> list[str]:
    w = word.strip("$:@#{}").replace("()", "")
    return [s for s in w.split(".") if s]


def _user_attr(kind: str, val: str) -> tuple[bool, list[str]]:
    """(the operand is the current account, its attribute path without ids)."""
    if kind != "word":
        return False, []
    segs = _segments(val)
    if not segs:
        return False, []
    param = val[:1] in "$:@#"
    head = segs[0].lower()
    if "_" in head and param and head not in USER_HEADS:
        # a parameter ``:current_user_id`` / ``:user_secteur``: its words say it is the account and which attribute
        ws = head.split("_")
        if ws[0] in ("current", "user", "utilisateur", "me", "connected") or (len(ws) > 1 and ws[1] == "user"):
            return True, [w for w in ws if w not in SKIP_ATTR]
        return False, []
    if head in USER_HEADS and (param or len(segs) > 1 or head in ("uid", "current_user", "currentuser", "me")):
        rest = segs[1:]
        if head in ("request", "session", "auth") and rest and rest[0].lower() in ("user", "uid", "uid()"):
            rest = rest[1:]
        return True, [s for s in rest if s.lower() not in SKIP_ATTR]
    if param and head in ("user", "utilisateur", "uid", "me"):
        return True, []
    return False, []


def _const(kind: str, val: str) -> str | None:
    if kind == "str":
        return val[1:-1]
    if kind == "num":
        return val
    if kind == "word" and val.lower() in TRUE_TOKENS | FALSE_TOKENS:
        return val.lower()
    return None


_LITERAL = re.compile(r"""'[^']*'|"[^"]*"|\b\d{4,}\b""")


def shown(text: object) -> str:
    """A filter as shown in reports: a literal that could name or identify someone (a quoted text of several words, with
    digits or an « @ », a number of four digits or more) is replaced by « <valeur> »; field names, operators, the account's
    attributes and short codes are kept."""
    def mask(mt: re.Match[str]) -> str:
        v = mt.group(0)
        inner = v.strip("'\"")
        if v[0] in "'\"" and not (" " in inner.strip() or "@" in inner or any(ch.isdigit() for ch in inner)):
            return v
        return "<valeur>"

    return _LITERAL.sub(mask, str(text or "").strip())


class FilterReader:
    """Reads a filter's structure; resolves the columns it names against the object table through the model's links."""

    def __init__(self, res: _Resolver | None = None) -> None:
        self.res = res

    # -- columns of the object table
    def _target_of(self, table: str | None, path: list[str]) -> str | None:
        """The table the column at ``path`` (from ``table``) refers to; ``table`` itself for its own key."""
        r = self.res
        if r is None or table is None or table not in r.cat.tables:
            return None
        segs = list(path)
        if segs and norm(segs[0]).replace(" ", "_") in (norm(table).replace(" ", "_"), norm(r.cat.tables[table].bare).replace(" ", "_")):
            segs = segs[1:]
        cur = table
        for i, seg in enumerate(segs):
            t = r.cat.tables[cur]
            col = seg if seg in t.columns else (f"{seg}_id" if f"{seg}_id" in t.columns else None)
            if col is None:
                nxt = next((lk.target for lk in r.out_links(cur) if norm(lk.target).endswith(norm(seg))), None)
                if nxt is None:
                    return None
                cur = nxt
                continue
            last = i == len(segs) - 1 or all(s.lower() in ("id", "ids") for s in segs[i + 1:])
            if last and (col in t.primary_key or (len(t.primary_key) != 1 and col == next(iter(t.columns)))):
                return cur
            lk = r.m.link(cur, col)
            target = lk.target if lk is not None else self._included(cur, col)
            if last:
                return target
            if target is None:
                return None
            cur = target
        return cur if segs else None

    def _included(self, table: str, col: str) -> str | None:
        """A column the links did not tie: tested against the accounts' and the units' keys."""
        r = self.res
        assert r is not None
        for tgt, key in ((r.m.staff, r.m.staff_key), (r.m.units, r.m.unit_key)):
            if tgt and key and tgt != table:
                tested, found = r.inclusion(table, col, tgt, key)
                if tested and found >= 0.9 * tested:
                    return tgt
        return None

    def _account_attr(self, attr: list[str]) -> str | None:
        """The table an attribute of the account refers to (a column of the accounts table or of a table one-to-one
        with it, named like the attribute)."""
        r = self.res
        if r is None or not attr or not r.m.staff:
            return None
        tables = [r.m.staff] + ([r.m.staff_profile[0]] if r.m.staff_profile else [])
        tables += [t for (t, _c), lk in sorted(r.m.links.items()) if lk.target == r.m.staff and t not in tables
                   and r.cat.tables[t].rows and (r.cat.tables[t].columns[_c].distinct or 0) == (r.cat.tables[t].columns[_c].sampled or -1)]
        want = attr[-1].lower()
        forms = {want, want.removesuffix("_ids"), want.removesuffix("_id"), want.removesuffix("s")}
        for t in tables:
            for c in r.cat.tables[t].columns:
                cl = c.lower()
                if cl in forms or cl.removesuffix("_id") in forms or norm(cl).endswith(" " + want.removesuffix("_id")):
                    lk = r.m.link(t, c)
                    if lk is not None:
                        return lk.target
        if r.m.units and any(f and norm(r.m.units).replace(" ", "_").endswith(f.removesuffix("_id")) for f in forms if len(f) >= 3):
            return r.m.units  # the attribute is named after the units table
        return None

    # -- structure
    def classify(self, text: object, obj: str | None = None) -> tuple[str, str, bool]:
        """(level, French reason, parsed): level is all, region, unit, caseload or unknown; ``parsed`` says the text is
        a filter expression (or a known scope word) rather than something else."""
        if text is None or str(text).strip() in ("", "[]", "()", "{}"):
            return "all", "aucun filtre : toutes les lignes", True
        raw = shown(text)
        toks = _tokens(str(text).strip())
        if toks is None:
            return "unknown", f"filtre « {raw} » illisible : à vérifier", False
        ops = [v for k, v in toks if k in ("op", "kw")]
        comparisons = any(v in ("=", "==", "!=", "<>", "<", ">", "<=", ">=") or v.lower() in ("in", "like", "ilike", "is") for v in ops)
        if not comparisons and all(k in ("word", "str") for k, _v in toks):
            # words, not an expression: a scope label (vocab.toml [scopes]) or a lone tautology
            consts = [_const(k, v) for k, v in toks]
            if len(toks) == 1 and consts[0] is not None and consts[0].lower() in TRUE_TOKENS - {"1", "t"}:
                return "all", f"filtre « {raw} » : toujours vrai, toutes les lignes", True
            from auditor.model import scope_level

            lvl = scope_level(raw)
            if lvl is not None:
                return lvl, f"périmètre « {raw} » lu par ses mots", True
            return "unknown", f"périmètre « {raw} » : mot inconnu, à vérifier", False
        if len(toks) == 1 and _const(*toks[0]) is not None:
            c = (_const(*toks[0]) or "").lower()
            if c in TRUE_TOKENS:
                return "all", f"filtre « {raw} » : toujours vrai, toutes les lignes", True
            if c in FALSE_TOKENS:
                return "caseload", f"filtre « {raw} » : toujours faux, aucune ligne", True
            return "unknown", f"« {raw} » : une valeur, pas un filtre", False
        parts, joins, rest = self._comparisons(toks)
        if rest or not parts:
            return "unknown", f"filtre « {raw} » : expression non lue (appel ou construction inconnue), à vérifier", bool(parts)
        levels = [self._compare(lhs, op, rhs, obj, odoo) for lhs, op, rhs, odoo in parts]
        if "not" in joins:
            return "unknown", f"filtre « {raw} » : négation, à vérifier", True
        known = [lv for lv in levels if lv[0] in LEVEL_RANK]
        if "or" in joins:
            if len(known) < len(levels):
                return "unknown", f"filtre « {raw} » : alternative dont une branche n'est pas lue, à vérifier", True
            best = max(known, key=lambda x: LEVEL_RANK[x[0]])
            return best[0], f"filtre « {raw} » : alternative, la plus large l'emporte ({best[1]})", True
        if not known:
            return "unknown", f"filtre « {raw} » : {levels[0][1]}, à vérifier", True
        best = min(known, key=lambda x: LEVEL_RANK[x[0]])
        return best[0], f"filtre « {raw} » : {best[1]}", True

    def _comparisons(self, toks: list[tuple[str, str]]) -> tuple[list[tuple[tuple[str, str], str, tuple[str, str], bool]], set[str], bool]:
        """The comparisons of a filter (Odoo tuples ``('field', 'op', value)`` or infix ``a op b``), the connectives
        between them (and, or, not), and whether something was left that is not read."""
        parts: list[tuple[tuple[str, str], str, tuple[str, str], bool]] = []
        joins: set[str] = set()
        i, n = 0, len(toks)
        rest = False
        while i < n:
            k, v = toks[i]
            lv = v.lower()
            # Odoo tuple: ( operand , 'op' , operand )
            if v == "(" and i + 6 < n + 1 and i + 5 < n and toks[i + 2] == ("op", ",") and toks[i + 3][0] == "str" \
                    and i + 4 < n and toks[i + 4] == ("op", ","):
                j = i + 5
                depth = 0
                val: list[tuple[str, str]] = []
                while j < n and not (toks[j] == ("op", ")") and depth == 0):
                    if toks[j] in (("op", "("), ("op", "[")):
                        depth += 1
                    elif toks[j] in (("op", ")"), ("op", "]")):
                        depth -= 1
                    val.append(toks[j])
                    j += 1
                if j < n and len(val) >= 1:
                    rhs = val[0] if len(val) == 1 else ("list", " ".join(x[1] for x in val))
                    parts.append((toks[i + 1], toks[i + 3][1][1:-1].strip().lower(), rhs, True))
                    i = j + 1
                    continue
            if k == "str" and v[1:-1] in ("|", "&", "!"):
                joins.add({"|": "or", "&": "and", "!": "not"}[v[1:-1]])
                i += 1
                continue
            if v in ("[", "]", "(", ")", ","):
                i += 1
                continue
            if lv in ("and", "et", "&&", "&"):
                joins.add("and")
                i += 1
                continue
            if lv in ("or", "ou", "||", "|"):
                joins.add("or")
                i += 1
                continue
            if lv in ("not", "non", "!"):
                joins.add("not")
                i += 1
                continue
            # infix: operand op operand
            if k in ("word", "str", "num") and i + 2 < n and (toks[i + 1][0] == "op" and toks[i + 1][1] in ("=", "==", "!=", "<>", "<", ">", "<=", ">=")
                                                             or toks[i + 1][0] == "kw" and toks[i + 1][1].lower() in ("in", "like", "ilike", "is", "dans")):
                op = toks[i + 1][1].lower()
                j = i + 2
                if toks[j][0] == "kw" and toks[j][1].lower() == "not":
                    joins.add("not")
                    j += 1
                if j < n and toks[j][0] in ("word", "str", "num"):
                    parts.append(((k, v), op, toks[j], False))
                    i = j + 1
                    continue
            rest = True
            i += 1
        return parts, joins, rest

    def _compare(self, lhs: tuple[str, str], op: str, rhs: tuple[str, str], obj: str | None, odoo: bool) -> tuple[str, str]:
        """Level of one comparison: (all | caseload | unit | region | other, French reason)."""
        lc, rc = _const(*lhs), _const(*rhs)
        if odoo and lhs[0] == "str":
            lc = None  # the left of an Odoo tuple is a field name
            lhs = ("word", lhs[1][1:-1])
        if lc is not None and rc is not None:
            if op in ("=", "==", "is", "like", "ilike") and (lc.lower() == rc.lower() or (op in ("like", "ilike") and rc == "%")):
                return "all", "comparaison toujours vraie, toutes les lignes"
            if op in ("!=", "<>") and lc.lower() != rc.lower():
                return "all", "comparaison toujours vraie, toutes les lignes"
            return "caseload", "comparaison toujours fausse, aucune ligne"
        lu, lattr = _user_attr(*lhs)
        ru, rattr = _user_attr(*rhs) if rhs[0] != "list" else (False, [])
        if rhs[0] == "list" and not ru:
            ru, rattr = _user_attr("word", rhs[1].split()[0]) if rhs[1].split() else (False, [])
        if lu and not ru:
            lhs, rhs, lattr, rattr, lu, ru = rhs, lhs, rattr, lattr, ru, lu
        if not ru:
            return "other", "condition sur une propriété des lignes, sans lien avec le compte"
        if lhs[0] != "word":
            return "other", "comparaison d'une valeur fixe avec le compte"
        field_target = self._target_of(obj, _segments(lhs[1]))
        r = self.res
        S, U = (r.m.staff, r.m.units) if r is not None else (None, None)
        col = lhs[1]
        if not rattr:
            return "caseload", f"« {col} » comparé au compte connecté : ses propres dossiers"
        attr_target = self._account_attr(rattr)
        if U and U in (attr_target, field_target):
            return "unit", f"« {col} » comparé à l'attribut « {'.'.join(rattr)} » du compte, qui renvoie aux unités ({U}) : son unité"
        if S and field_target == S:
            return "caseload", f"« {col} » renvoie aux comptes : dossiers liés au compte"
        if attr_target and U and r is not None and any(lk.target == attr_target for lk in r.out_links(U)):
            return "region", f"« {col} » comparé à l'attribut « {'.'.join(rattr)} » du compte ({attr_target}, au-dessus des unités) : sa région"
        return "other", f"« {col} » comparé à l'attribut « {'.'.join(rattr)} » du compte, dont la cible n'est pas établie"


def classify_filter(text: object, obj: str | None = None, res: _Resolver | None = None) -> tuple[str, str]:
    """(level, French reason) of a filter or scope text: all, region, unit, caseload, unknown (« à vérifier »)."""
    level, reason, _parsed = FilterReader(res).classify(text, obj)
    return level, reason


# ------------------------------------------------------------------ tables
def _key(r: _Resolver, table: str) -> str | None:
    """The table's own key: its declared primary key, else (an export without declared keys) its first column when
    its values are unique."""
    t = r.cat.tables[table]
    if len(t.primary_key) == 1:
        return t.primary_key[0]
    if t.primary_key:
        return None
    first = next(iter(t.columns.values()), None)
    if first is not None and first.sampled and first.distinct == first.sampled and r._family(first) in ("int", "text"):
        return first.name
    return None


def _small_rows(r: _Resolver, table: str) -> list[dict[str, Any]] | None:
    t = r.cat.tables[table]
    if not t.rows or t.rows > MAX_RIGHTS_ROWS:
        return None
    tab = r._t(table)
    try:
        rows = r._rows(sa.select(*[tab.c[c] for c in t.columns]).limit(MAX_RIGHTS_ROWS + 1))
    except sa.exc.SQLAlchemyError:
        assert r.conn is not None
        r.conn.rollback()
        return None
    return [dict(zip(t.columns, row)) for row in rows]


def _text_cols(r: _Resolver, table: str, exclude: set[str]) -> list[str]:
    # a role's label is often a column ``name`` the catalog took for a person's name: the table is a small table of roles
    t = r.cat.tables[table]
    return [c.name for c in t.columns.values() if c.name not in exclude and r._family(c) == "text" and (table, c.name) not in r.m.links
            and c.kind not in ("password", "login", "email", "staff_email", "first_name", "free_text", "nir", "phone", "address")]


def _label_column(r: _Resolver, table: str, key: str) -> str | None:
    """The column naming the roles: a text column, one value per row; the one whose values the role vocabulary knows."""
    from auditor.model import vocab, words_of

    t = r.cat.tables[table]
    cands = [c for c in _text_cols(r, table, {key}) if t.columns[c].sampled and t.columns[c].distinct == t.columns[c].sampled]
    if not cands:
        return None
    words = {w for fam in vocab().get("roles", {}).values() for w in fam}

    def hits(c: str) -> int:
        vals = r.distinct_values(table, c, 200) or []
        return sum(1 for v in vals if set(words_of(v)) & words or norm(v) in words)

    return max(cands, key=lambda c: (hits(c), -list(t.columns).index(c)))


def _match_table(r: _Resolver, texts: list[str]) -> str | None:
    """A table of the database named by one of ``texts`` (``res.partner`` → ``res_partner``, ``entretien`` →
    ``suivi_entretien``, ``app label`` + ``model``)."""
    names = {t.lower(): t for t in r.cat.tables} | {r.cat.tables[t].bare.lower(): t for t in r.cat.tables}
    forms = []
    for x in texts:
        f = re.sub(r"[.\s/-]+", "_", str(x).strip().lower())
        if f:
            forms.append(f)
    for f in forms:
        if f in names:
            return names[f]
    for a in forms:
        for b in forms:
            if a != b and f"{a}_{b}" in names:
                return names[f"{a}_{b}"]
    for f in forms:
        ends = [t for low, t in names.items() if low.endswith("_" + f) or low.endswith("_" + f + "s")]
        if len(set(ends)) == 1:
            return ends[0]
    for f in forms:
        inside = [t for low, t in names.items() if f"_{f}_" in f"_{low}_"]
        if len(f) >= 4 and len(set(inside)) == 1:
            return inside[0]
    return None


class _Objects:
    """Names the table (and the verb) a right's object value stands for, directly or through the row it refers to."""

    def __init__(self, r: _Resolver) -> None:
        self.r = r
        self.cache: dict[tuple[str, str], dict[str, dict[str, Any]] | None] = {}

    def rows_by_key(self, table: str, key: str) -> dict[str, dict[str, Any]] | None:
        if (table, key) not in self.cache:
            rows = _small_rows(self.r, table)
            self.cache[(table, key)] = {str(row[key]): row for row in rows} if rows is not None else None
        return self.cache[(table, key)]

    def texts(self, table: str, key: str, value: Any, depth: int = 2) -> list[str]:
        rows = self.rows_by_key(table, key)
        row = (rows or {}).get(str(value))
        if row is None:
            return []
        out = [str(v) for c, v in row.items() if isinstance(v, str) and c != key]
        if depth > 1:
            for c, v in row.items():
                lk = self.r.m.link(table, c)
                if lk is not None and v is not None and lk.target != table:
                    out += self.texts(lk.target, lk.target_column, v, depth - 1)
        return out

    def resolve(self, table: str, col: str, value: Any) -> tuple[str | None, str | None]:
        """(table named, verb) for ``value`` of ``table.col``."""
        if value is None:
            return None, None
        lk = self.r.m.link(table, col)
        texts = self.texts(lk.target, lk.target_column, value) if lk is not None else [str(value)]
        verb = None
        cands = list(texts)
        for x in texts:
            mt = re.match(r"^([a-z]+)_(.+)$", x.strip().lower())
            if mt and mt.group(1) in VERBS:
                verb = mt.group(1)
                cands.insert(0, mt.group(2))
        if lk is not None and verb is not None:
            own = [t for t in texts if not re.match(r"^[a-z]+_", t.strip().lower())]
            cands = cands[:1] + [f"{o}_{cands[0]}" for o in own] + cands[1:]
        return _match_table(self.r, cands), verb


def _flag_true(v: Any) -> bool:
    return norm(v) in {"1", "true", "t", "oui", "o", "y", "yes", "vrai", "x"}


def _describe(r: _Resolver, objs: _Objects, table: str, exclude: set[str]) -> dict[str, Any] | None:
    """The columns of a rights table: object (values naming tables), read flags, verb, filter, active flag."""
    from auditor.model import has_word

    t = r.cat.tables[table]
    rows = _small_rows(r, table)
    if not rows:
        return None
    reader = FilterReader(r)
    out: dict[str, Any] = {"rows": rows, "obj": None, "reads": [], "verb": None, "filter": None, "active": None}
    for c in t.columns.values():
        if c.name in exclude or c.name == _key(r, table):
            continue
        vals = [row[c.name] for row in rows if row[c.name] is not None]
        distinct = list(dict.fromkeys(vals))
        if not distinct:
            if has_word(c.name, FILTER_NAMES) and out["filter"] is None:
                out["filter"] = c.name  # every filter empty: no restriction
            continue
        if out["obj"] is None and len(distinct) <= 500:
            named = [objs.resolve(table, c.name, v) for v in distinct[:60]]
            hit = [x for x in named if x[0]]
            if hit and len(hit) >= 0.5 * len(named):
                out["obj"] = c.name
                continue
        flags = all(_flag_true(v) or norm(v) in {"0", "false", "f", "non", "n", "no", "faux"} for v in distinct)
        if flags and has_word(c.name, READ_NAMES):
            out["reads"].append(c.name)
            continue
        if flags and has_word(c.name, {"active", "actif", "enabled"}):
            out["active"] = c.name
            continue
        if r._family(c) != "text":
            continue
        if out["verb"] is None and all(norm(v) in VERBS | READ_VERBS or has_word(v, VERBS | READ_VERBS) for v in distinct) \
                and len(distinct) <= 10:
            out["verb"] = c.name
            continue
        if out["filter"] is None:
            parsed = [reader.classify(v)[2] for v in distinct[:60]]
            if sum(parsed) >= 0.5 * len(parsed) or (has_word(c.name, FILTER_NAMES) and len(distinct) <= 60):
                out["filter"] = c.name
    return out


def resolve_rights(r: _Resolver) -> Rights | None:
    """Roles held through a join table and the rights of each role with their perimeter; None when the accounts hold
    no role through a join table."""
    m = r.m
    S, P, U = m.staff, m.persons, m.units
    if not S or not m.staff_key:
        return None
    given = r.given.get("roles"), r.given.get("role_members")
    # accounts: the accounts table, or a table the accounts table refers to one-to-one (a login table beside a profile)
    account_tables = {S: m.staff_key}
    for (t, c), lk in m.links.items():
        sc = r.cat.tables[S].columns.get(c)
        if t == S and sc is not None and sc.sampled and sc.distinct == sc.sampled and lk.target not in (P, U):
            account_tables.setdefault(lk.target, c)
    best: tuple[int, Membership, str] | None = None
    for J in sorted(r.cat.tables.values(), key=lambda x: x.name):
        if J.name in (S, P, U) or not J.rows or J.error or (given[1] and J.name != given[1]):
            continue
        outs = r.out_links(J.name)
        scol = r.cat.tables[S].columns
        acc = [lk for lk in outs if lk.target in account_tables and (lk.target != S or lk.target_column == m.staff_key or (
            lk.target_column in scol and scol[lk.target_column].sampled and scol[lk.target_column].distinct == scol[lk.target_column].sampled))]
        if not acc:
            continue
        own = _key(r, J.name) if len(J.columns) > 2 else None
        nonkey = [c for c in J.columns if c != own]
        linked = {lk.column for lk in outs}
        if len(nonkey) > 4 or len([c for c in nonkey if c not in linked]) > 1:
            continue  # a join table holds references, at most one more column
        if not [lk for lk in outs if lk.column != acc[0].column]:
            outs = outs + _unlinked_roles(r, J.name, {acc[0].column, *([own] if own else [])}, {S, P, U, *account_tables})
        for lk in outs:
            if lk.column == acc[0].column or lk.target in (S, P, U, J.name) or lk.target in account_tables:
                continue
            if given[0] and lk.target != given[0]:
                continue
            R = r.cat.tables[lk.target]
            if not R.rows or R.rows > 2000:
                continue
            label = _label_column(r, R.name, lk.target_column)
            if label is None:
                continue
            staff_col = acc[0].target_column if acc[0].target == S else account_tables[acc[0].target]
            ms = Membership(J.name, acc[0], lk, staff_col,
                            reason=(f"« {J.name} » relie les comptes (« {acc[0].column} » → « {acc[0].target}.{acc[0].target_column} », "
                                    f"{acc[0].short().split('(', 1)[-1].rstrip(')')}) et les rôles (« {lk.column} » → "
                                    f"« {R.name}.{lk.target_column} », {lk.short().split('(', 1)[-1].rstrip(')')}) ; libellé « {label} »"))
            score = (1 if given[0] else 0) + (2 if lk.confidence == "high" else 1) + (1 if acc[0].confidence == "high" else 0)
            if best is None or score > best[0]:
                best = (score, ms, label)
    if best is None:
        return None
    _s, ms, label = best
    R = ms.role.target
    rk = ms.role.target_column
    rights = Rights(roles=R, role_key=rk, label=label, memberships=[ms], reason=ms.reason)
    for row in _small_rows(r, R) or []:
        rights.labels[row[rk]] = str(row[label]) if row[label] is not None else str(row[rk])
        rights.keys[str(row[rk])] = row[rk]
    _composites(r, rights, skip={ms.table})
    _grants(r, rights, skip={ms.table, R, rights.composite[0] if rights.composite else ""})
    if not rights.grants:
        return rights  # roles without any right read: nothing is corrected in the catalog
    _correct_labels(r, rights)
    busy = {m.persons, m.staff, m.units} | {lg.table for lg in m.logs} | {a.table for a in m.assignments}
    for t, why in ((R, "table des rôles que les comptes tiennent"), (ms.table, "relie les comptes à leurs rôles"),
                   *(((rights.composite[0], "rôles composés"),) if rights.composite else ()),
                   *((x, "droits des rôles sur les tables, avec leurs filtres") for x in rights.tables)):
        if t not in busy and t not in m.roles and r.cat.tables[t].role not in ("units", "persons", "staff", "access_log", "statistics"):
            m.roles[t] = ("permissions", f"{why} (modèle du service, droits par table de liaison)")
    for g in rights.grants:
        g.via += (f" ; comptes du rôle par « {ms.table} » (« {ms.account.column} » → « {ms.account.target}.{ms.account.target_column} », "
                  f"« {ms.role.column} » → « {R}.{rk} »)")
        parents = sorted(rights.label_of(p) for p in rights.parents.get(g.role_key, ()))
        if parents and rights.composite:
            g.via += (f", et par {'le rôle composé' if len(parents) == 1 else 'les rôles composés'} "
                      f"{', '.join(f'« {p} »' for p in parents)} qui l'{'inclut' if len(parents) == 1 else 'incluent'} (« {rights.composite[0]} »)")
    return rights


def _correct_labels(r: _Resolver, rights: Rights) -> None:
    """The texts of the roles table and of the rights tables are role labels and codes, not persons' names (a column
    ``name`` the catalog took for one): corrected in the catalog, with the reason."""
    for table in [rights.roles, *rights.tables]:
        for c in r.cat.tables[table].columns.values():
            if c.from_policy or c.kind not in ("person_name", "first_name", "org_name"):
                continue
            if table == rights.roles and c.name == rights.label:
                c.kind, c.reason = "role", f"{c.reason} ; modèle du service : libellés des rôles que les comptes tiennent par « {rights.memberships[0].table} »"
            else:
                c.kind, c.reason = "other", f"{c.reason} ; modèle du service : table des droits de l'application (codes et libellés, pas des personnes)"


def _composites(r: _Resolver, rights: Rights, skip: set[str]) -> None:
    """A table whose two columns both refer to the roles' key: composite (parent) and child roles."""
    from auditor.model import has_word

    for t in sorted(r.cat.tables.values(), key=lambda x: x.name):
        if t.name in skip or not t.rows or t.error or t.rows > MAX_RIGHTS_ROWS:
            continue
        two = [lk for lk in r.out_links(t.name) if lk.target == rights.roles and lk.target_column == rights.role_key]
        cols = [c for c in t.columns if not (c == _key(r, t.name) and len(t.columns) > 2)]
        if len(two) == 1 and len(cols) == 2:
            # the other column, which the links did not tie (an export without declared keys): tested by inclusion
            other = next(c for c in cols if c != two[0].column)
            tested, found = r.inclusion(t.name, other, rights.roles, rights.role_key)
            if tested and found >= 0.9 * tested:
                from auditor.model import Link, pct

                two.append(Link(t.name, other, rights.roles, rights.role_key, "inclusion", "medium",
                                f"{pct(found / tested)} des {tested} valeurs distinctes se trouvent dans « {rights.roles}.{rights.role_key} »",
                                inclusion=found / tested, tested=tested))
                two.sort(key=lambda lk: cols.index(lk.column))
        if len(two) != 2:
            continue
        a, b = two
        if has_word(a.column, {"child", "enfant", "implied", "hid", "included", "member", "sub", "fils"}) \
                and not has_word(b.column, {"child", "enfant", "implied", "hid", "included", "member", "sub", "fils"}):
            a, b = b, a
        rights.composite = (t.name, a.column, b.column)
        edges: dict[Any, set[Any]] = {}
        for row in _small_rows(r, t.name) or []:
            if row[a.column] is not None and row[b.column] is not None:
                edges.setdefault(rights.canon(row[b.column]), set()).add(rights.canon(row[a.column]))
        for child in edges:
            seen: set[Any] = set()
            todo = list(edges[child])
            while todo:
                p = todo.pop()
                if p in seen or p == child:
                    continue
                seen.add(p)
                todo += list(edges.get(p, ()))
            rights.parents[child] = seen
        rights.reason += (f" ; rôles composés : « {t.name} » (« {a.column} » inclut « {b.column} », les deux → "
                          f"« {rights.roles}.{rights.role_key} »)")
        return


def _grants(r: _Resolver, rights: Rights, skip: set[str]) -> None:
    """Rights tables tied to the roles, directly or through a join table, read whole (they are small)."""
    from auditor.model import has_word

    m = r.m
    objs = _Objects(r)
    reader = FilterReader(r)
    R, rk = rights.roles, rights.role_key
    direct: dict[str, str] = {}  # table -> its role column
    joined: dict[str, tuple[str, str, str]] = {}  # table -> (join table, its role column, its column of the table's key)
    busy = {lg.table for lg in m.logs} | {c.table for c in m.contacts} | {a.table for a in m.assignments}
    for t in sorted(r.cat.tables.values(), key=lambda x: x.name):
        if t.name in skip or t.name in (m.staff, m.persons, m.units) or not t.rows or t.error or t.rows > MAX_RIGHTS_ROWS:
            continue
        if t.name in busy or any(lk.target == m.persons for lk in r.out_links(t.name)):
            continue  # a log, contacts, assignments: rights name roles and tables, not persons
        to_r = [lk for lk in r.out_links(t.name) if lk.target == R and lk.target_column == rk]
        if not to_r:
            to_r = _role_column(r, t.name, R, rk)
        if len(to_r) != 1:
            continue
        others = [c for c in t.columns if c != to_r[0].column and not (c == _key(r, t.name) and len(t.columns) > 2)]
        if len(others) == 1 and len(t.columns) <= 3:
            # a join between the roles and another table (Odoo ``rule_group_rel``): tested by value inclusion
            oc = others[0]
            lk = m.link(t.name, oc)
            cands = [lk.target] if lk is not None else [x.name for x in r.cat.tables.values() if x.name not in skip | {t.name}
                                                        and _key(r, x.name) and x.rows and x.rows <= MAX_RIGHTS_ROWS
                                                        and x.name not in (m.staff, m.persons, m.units, R)]
            fitting = []
            for target in cands:
                tk = _key(r, target)
                if tk is None or target in busy:
                    continue
                tested, found = (1, 1) if lk is not None else r.inclusion(t.name, oc, target, tk)
                if tested and found >= 0.9 * tested and (lk is not None or _fits(r, t.name, oc, target, tk)):
                    # several small tables hold the same small integers: the name, then a table of filters, decide
                    clue = r._name_clue(t, t.columns[oc], r.cat.tables[target], tk)
                    filters = any(has_word(c, FILTER_NAMES) for c in r.cat.tables[target].columns)
                    fitting.append((clue, filters, target))
            fitting.sort(key=lambda x: (x[0], x[1]), reverse=True)
            if fitting and (len(fitting) == 1 or fitting[0][:2] != fitting[1][:2]):
                joined[fitting[0][2]] = (t.name, to_r[0].column, oc)
            continue
        direct[t.name] = to_r[0].column
    acl: list[tuple[Any, str, bool, str]] = []  # (role key, object table, read, table)
    filt: dict[tuple[Any, str], list[tuple[str, str]]] = {}  # (role key, object) -> [(filter text, table)]
    for table in sorted(set(direct) | set(joined)):
        role_col = direct.get(table)
        d = _describe(r, objs, table, exclude={role_col} if role_col else set())
        if d is None or d["obj"] is None:
            continue
        if table in joined:
            jt, jr, jo = joined[table]
            key = _key(r, table) or ""
            roles_of: dict[Any, list[Any]] = {}
            for row in _small_rows(r, jt) or []:
                roles_of.setdefault(str(row[jo]), []).append(row[jr])
            via_role = f"rôles par « {jt} » (« {jr} » → « {R}.{rk} », « {jo} » → « {table}.{key} », inclusion des valeurs)"
            if jt not in rights.tables:
                rights.tables.append(jt)
        else:
            key, roles_of, via_role = "", {}, f"« {table}.{role_col} » → « {R}.{rk} »"
        rights.tables.append(table)
        for row in d["rows"]:
            if d["active"] and not _flag_true(row[d["active"]]):
                continue
            obj, verb = objs.resolve(table, d["obj"], row[d["obj"]])
            if obj is None:
                continue
            if d["reads"]:
                read = any(_flag_true(row[c]) for c in d["reads"])
            elif d["verb"]:
                read = norm(row[d["verb"]]) in READ_VERBS or bool(set(norm(row[d["verb"]]).split()) & READ_VERBS)
            elif verb:
                read = verb in READ_VERBS
            else:
                read = True
            if not read:
                continue
            holders = roles_of.get(str(row[key]), []) if table in joined else [row[role_col]]
            holders = [rights.canon(h) for h in holders]
            for rkey in holders:
                if rkey is None:
                    continue
                if d["filter"] is not None:
                    filt.setdefault((rkey, obj), []).append((row[d["filter"]], f"{table}|{via_role}|{d['filter']}|{d['obj']}"))
                else:
                    acl.append((rkey, obj, True, f"{table}|{via_role}|{d['obj']}"))
    if not filt and not acl:
        return
    given_scopes = {norm(k): v for k, v in (r.given.get("scopes") or {}).items()}

    def level_of(text: Any, obj: str) -> tuple[str, str]:
        if text is not None and norm(text) in given_scopes:
            return given_scopes[norm(text)], "fixé par la politique ([model.scopes])"
        if text is None and "" in given_scopes:
            return given_scopes[""], "fixé par la politique ([model.scopes])"
        lv, why, _p = reader.classify(text, obj)
        return lv, why

    for (rkey, obj), items in sorted(filt.items(), key=lambda x: (str(x[0][0]), x[0][1])):
        for text, src in items:
            table, via_role, fcol, ocol = src.split("|")
            lv, why = level_of(text, obj)
            scope = "" if text is None else str(text)
            rights.grants.append(RoleGrant(rkey, rights.label_of(rkey), obj, scope, lv, why, table, shown=shown(scope),
                                           via=f"droit lu dans « {table} » (objet « {ocol} », filtre « {fcol} ») ; {via_role} ; {why}"))
            if lv == "unknown":
                rights.unread.append(f"{table} : rôle « {rights.label_of(rkey)} », « {obj} » : {why}")
    for rkey, obj, _read, src in acl:
        if (rkey, obj) in filt:
            continue  # its filters were read above
        table, via_role, ocol = src.split("|")
        ftables = sorted({s.split("|")[0] for its in filt.values() for _t, s in its})
        lv, why = level_of(None, obj)
        if why == "aucun filtre : toutes les lignes":
            if ftables:  # the filters are in the database, none for this role on this table (Odoo's rule)
                why = f"aucune règle de filtre de « {', '.join(ftables)} » pour ce rôle sur cette table : toutes les lignes"
            else:  # no table of filters at all: the application may restrict the rows in its code
                lv, why = "unknown", ("aucune table de filtres dans la base : le périmètre est peut-être restreint par le code de "
                                      "l'application, à vérifier")
                rights.unread.append(f"{table} : rôle « {rights.label_of(rkey)} », « {obj} » : {why}")
        rights.grants.append(RoleGrant(rkey, rights.label_of(rkey), obj, "", lv, why, table,
                                       via=f"droit lu dans « {table} » (objet « {ocol} ») ; {via_role} ; {why}"))
    seen: set[tuple[Any, str, str, str]] = set()
    uniq = []
    for g in rights.grants:
        k = (g.role_key, g.obj, g.scope, g.table)
        if k not in seen:
            seen.add(k)
            uniq.append(g)
    rights.grants = uniq


def _unlinked_roles(r: _Resolver, table: str, exclude: set[str], avoid: set[Any]) -> list[Link]:
    """The other column of a join table the links did not tie (a role column the catalog named ``role``): tested by
    value inclusion against the keys of the small tables, the name breaking ties."""
    from auditor.model import Link, pct

    t = r.cat.tables[table]
    out: list[Link] = []
    for c in t.columns.values():
        if c.name in exclude or not c.sampled:
            continue
        fits = []
        for x in r.cat.tables.values():
            k = _key(r, x.name)
            if x.name in avoid or x.name == table or not x.rows or x.rows > 2000 or k is None:
                continue
            if r._family(x.columns[k]) != r._family(c):
                continue
            tested, found = r.inclusion(table, c.name, x.name, k)
            if tested and found >= 0.9 * tested and _fits(r, table, c.name, x.name, k):
                fits.append((r._name_clue(t, c, x, k), found / tested, tested, x.name, k))
        fits.sort(reverse=True)
        if fits and (len(fits) == 1 or fits[0][0] > fits[1][0]):
            clue, share, tested, target, k = fits[0]
            out.append(Link(table, c.name, target, k, "inclusion", "high" if clue else "medium",
                            f"{pct(share)} des {tested} valeurs distinctes se trouvent dans « {target}.{k} »", inclusion=share, tested=tested))
    return out


def _role_column(r: _Resolver, table: str, R: str, rk: str) -> list[Link]:
    """A column the links did not tie to the roles (small integers, a role column the catalog named): its values
    included in the roles' key and spanning it."""
    from auditor.model import Link, pct

    t = r.cat.tables[table]
    kf = r._family(r.cat.tables[R].columns[rk])
    for c in t.columns.values():
        if c.name == _key(r, table) or r.m.link(table, c.name) is not None or r._family(c) != kf or not c.sampled:
            continue
        if c.kind != "role" and not r._name_clue(t, c, r.cat.tables[R], rk):
            continue  # bounded: only a column named after the roles (or taken for a role) is tested on every table
        tested, found = r.inclusion(table, c.name, R, rk)
        if tested and found >= 0.9 * tested and _fits(r, table, c.name, R, rk):
            return [Link(table, c.name, R, rk, "inclusion", "medium",
                         f"{pct(found / tested)} des {tested} valeurs distinctes se trouvent dans « {R}.{rk} » (rôles)",
                         inclusion=found / tested, tested=tested)]
    return []


def _fits(r: _Resolver, table: str, col: str, target: str, key: str) -> bool:
    """Small integers are found in every integer key: the values must span the target's range too."""
    c = r.cat.tables[table].columns[col]
    if r._family(c) != "int":
        return True
    cmax, tmax = r._max(table, col), r._max(target, key)
    trows = r.cat.tables[target].rows or 0
    return bool(cmax and tmax) and cmax >= 0.5 * tmax and (c.distinct or 0) >= 0.5 * min(trows, 10)
