"""What the audit covers: every schema the account can read, its tables and views.

The perimeter is listed once per source from the engine's own catalogue:

- PostgreSQL: every non-system schema (not ``pg_catalog``, ``information_schema``,
  ``pg_toast``, temporary schemas), base tables, views and materialized views;
  a schema without ``USAGE`` or a table without ``SELECT`` is kept aside as not
  examined, with the reason;
- MySQL/MariaDB: the database named in the URL, or every database the account
  sees (``all_databases``, or the schemas named by the user);
- SQLite (and CSV folders, loaded into SQLite): ``main`` and any attached database.

Names are qualified (``schema.table``) only when the perimeter spans more than
one schema, so that a single-schema source reads, and is identified, exactly as
before. Catalogue statements are fixed text with bound parameters, or SQLAlchemy
inspector calls: no name is ever pasted into SQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from auditor.errors import SourceError

KIND_LABELS = {"table": "table", "view": "vue", "materialized_view": "vue matérialisée"}
MYSQL_SYSTEM = ("mysql", "information_schema", "performance_schema", "sys")

PG_RELATIONS = sa.text(r"""
SELECT n.nspname, c.relname, c.relkind,
       has_schema_privilege(n.oid, 'USAGE') AS usable,
       CASE WHEN c.oid IS NULL THEN false ELSE has_any_column_privilege(c.oid, 'SELECT') END AS readable
FROM pg_catalog.pg_namespace n
     LEFT JOIN pg_catalog.pg_class c
       ON c.relnamespace = n.oid AND c.relkind IN ('r', 'p', 'v', 'm') AND NOT c.relispartition
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
ORDER BY n.nspname, c.relname
""")
PG_KINDS = {"r": "table", "p": "table", "v": "view", "m": "materialized_view"}
PG_VIEW_READS = sa.text("""
SELECT DISTINCT v.nspname || '.' || vc.relname AS view, tn.nspname AS schema, t.relname AS tab
FROM pg_catalog.pg_class vc
     JOIN pg_catalog.pg_namespace v ON v.oid = vc.relnamespace
     JOIN pg_catalog.pg_rewrite r ON r.ev_class = vc.oid
     JOIN pg_catalog.pg_depend d ON d.objid = r.oid AND d.classid = 'pg_catalog.pg_rewrite'::regclass
          AND d.refclassid = 'pg_catalog.pg_class'::regclass
     JOIN pg_catalog.pg_class t ON t.oid = d.refobjid AND t.oid <> vc.oid
     JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace
WHERE v.nspname || '.' || vc.relname IN :views AND t.relkind IN ('r', 'p', 'v', 'm', 'f')
ORDER BY 1, 2, 3
""").bindparams(sa.bindparam("views", expanding=True))


@dataclass(frozen=True)
class Scope:
    """What the user asked to cover (command line over policy)."""

    schemas: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    all_databases: bool = False


@dataclass(frozen=True)
class Relation:
    """One table or view of the perimeter."""

    schema: str  # its schema (PostgreSQL schema, MySQL database, SQLite database name)
    table: str  # its name in that schema
    kind: str  # table, view, materialized_view
    sql_schema: str | None  # schema to qualify SQL with (None: the connection's default schema)
    name: str  # how a person reads it: "table", or "schema.table" when the perimeter has several schemas

    @property
    def is_view(self) -> bool:
        """True for views and materialized views."""
        return self.kind != "table"


@dataclass
class Perimeter:
    """The relations to audit, the schemas seen, and what could not be examined."""

    relations: list[Relation]
    schemas_seen: list[str]
    schemas: list[str]  # schemas covered (after --schema / --exclude-schema)
    default_schema: str | None
    qualified: bool
    unexamined: list[tuple[str, str]] = field(default_factory=list)  # (object, French reason)
    view_reads: dict[str, list[str]] = field(default_factory=dict)  # view name -> names of what it reads
    dialect: str = ""

    def names(self) -> list[str]:
        """Readable relation names, sorted."""
        return sorted(r.name for r in self.relations)

    def empty_error(self, display: str) -> SourceError:
        """The French sentence for a perimeter without any readable table."""
        seen = ", ".join(self.schemas_seen) if self.schemas_seen else "aucun"
        objs = [o for o, _r in self.unexamined]
        denied = (f" ; non lisibles par le compte d'audit : {', '.join(objs[:5])}{', …' if len(objs) > 5 else ''}"
                  if objs else "")
        if self.dialect == "postgresql":
            what = ("indiquez le schéma qui contient les données avec --schema, ou faites accorder au compte d'audit "
                    "le droit de les lire (USAGE sur le schéma, SELECT sur les tables).")
        elif self.dialect in ("mysql", "mariadb"):
            what = ("indiquez la base qui contient les données dans l'URL, avec --schema ou --all-databases, ou faites "
                    "accorder au compte d'audit le droit de les lire (SELECT sur la base ou sur ses tables).")
        else:
            what = ("indiquez une base qui contient des tables, ou retirez --schema / --exclude-schema s'ils écartent "
                    "les tables à examiner.")
        return SourceError(
            f"Aucune table lisible dans {display} (schémas vus : {seen} ; tables lisibles : 0{denied}) : {what}"
        )


def _select_schemas(seen: list[str], scope: Scope, display: str) -> list[str]:
    unknown = [s for s in scope.schemas if s not in seen]
    if unknown:
        raise SourceError(
            f"Le schéma « {unknown[0]} » n'existe pas dans {display} ou n'est pas visible du compte d'audit "
            f"(schémas vus : {', '.join(seen) or 'aucun'}) : corrigez --schema ou la politique."
        )
    chosen = [s for s in seen if (not scope.schemas or s in scope.schemas) and s not in scope.exclude]
    return chosen


def list_perimeter(engine: sa.Engine, scope: Scope, display: str) -> Perimeter:
    """List the perimeter of ``engine`` under ``scope``."""
    dialect = engine.dialect.name
    rows: list[tuple[str, str, str, bool]]  # schema, table, kind, readable
    denied_schemas: dict[str, int] = {}
    with engine.connect() as conn:
        if dialect == "postgresql":
            default = conn.execute(sa.text("SELECT current_schema()")).scalar()
            seen, rows = [], []
            for nsp, rel, relkind, usable, readable in conn.execute(PG_RELATIONS):
                if nsp not in seen:
                    seen.append(nsp)
                if rel is None:
                    continue
                if not usable:
                    denied_schemas[nsp] = denied_schemas.get(nsp, 0) + 1
                    continue
                rows.append((nsp, rel, PG_KINDS[relkind], bool(readable)))
        elif dialect in ("mysql", "mariadb"):
            default = conn.execute(sa.text("SELECT DATABASE()")).scalar()
            sch = sa.table("SCHEMATA", sa.column("SCHEMA_NAME"), schema="information_schema")
            visible = sorted(str(s) for (s,) in conn.execute(sa.select(sch.c.SCHEMA_NAME))
                             if str(s).lower() not in MYSQL_SYSTEM)
            seen = visible if (scope.all_databases or scope.schemas) else ([str(default)] if default else [])
            tabs = sa.table("TABLES", sa.column("TABLE_SCHEMA"), sa.column("TABLE_NAME"), sa.column("TABLE_TYPE"),
                            schema="information_schema")
            rows = []
            if seen:
                stmt = (sa.select(tabs.c.TABLE_SCHEMA, tabs.c.TABLE_NAME, tabs.c.TABLE_TYPE)
                        .where(tabs.c.TABLE_SCHEMA.in_(seen)).order_by(tabs.c.TABLE_SCHEMA, tabs.c.TABLE_NAME))
                for s, t, ttype in conn.execute(stmt):
                    kind = "view" if "VIEW" in str(ttype).upper() else "table"
                    rows.append((str(s), str(t), kind, True))
        else:
            insp = sa.inspect(conn)
            default = insp.default_schema_name
            seen = [str(r[1]) for r in conn.exec_driver_sql("PRAGMA database_list") if str(r[1]) != "temp"] \
                if dialect == "sqlite" else list(insp.get_schema_names())
            rows = []
            for s in seen:
                for t in insp.get_table_names(schema=s):
                    rows.append((s, t, "table", True))
                for v in insp.get_view_names(schema=s):
                    rows.append((s, v, "view", True))
    chosen = _select_schemas(seen, scope, display)
    rows = [r for r in rows if r[0] in chosen]
    denied_schemas = {s: n for s, n in denied_schemas.items() if s in chosen}
    in_perimeter = {r[0] for r in rows} | set(denied_schemas)
    qualified = len(in_perimeter) > 1

    def name_of(schema: str, table: str) -> str:
        return f"{schema}.{table}" if qualified else table

    relations: list[Relation] = []
    unexamined: list[tuple[str, str]] = []
    for s, n in sorted(denied_schemas.items()):
        unexamined.append((s, f"schéma non examiné : le compte d'audit n'a pas le droit d'y accéder (USAGE) ; "
                              f"{n} table(s) ou vue(s) non lue(s)"))
    for s, t, kind, readable in sorted(rows):
        if not readable:
            unexamined.append((name_of(s, t), f"{KIND_LABELS[kind]} non examinée : lecture refusée au compte d'audit "
                                              "(droit SELECT manquant)"))
            continue
        relations.append(Relation(schema=s, table=t, kind=kind, sql_schema=None if s == default else s,
                                  name=name_of(s, t)))
    perimeter = Perimeter(relations=relations, schemas_seen=list(seen), schemas=chosen, default_schema=default,
                          qualified=qualified, unexamined=unexamined, dialect=dialect)
    views = [r for r in relations if r.is_view]
    if views:
        perimeter.view_reads = _view_reads(engine, views, relations, name_of)
    return perimeter


def _view_reads(engine: sa.Engine, views: list[Relation], relations: list[Relation], name_of: Any) -> dict[str, list[str]]:
    """View name -> names of the tables (and views) it reads, from the engine's dependency catalogue."""
    dialect = engine.dialect.name
    out: dict[str, list[str]] = {v.name: [] for v in views}
    by_full = {f"{v.schema}.{v.table}": v for v in views}
    try:
        with engine.connect() as conn:
            if dialect == "postgresql":
                for full, s, t in conn.execute(PG_VIEW_READS, {"views": sorted(by_full)}):
                    out[by_full[str(full)].name].append(name_of(str(s), str(t)))
            else:
                insp = sa.inspect(conn)
                for v in views:
                    try:
                        text = insp.get_view_definition(v.table, schema=v.sql_schema if dialect == "sqlite" else v.schema)
                    except (sa.exc.SQLAlchemyError, NotImplementedError):
                        text = None
                    out[v.name] = _names_in_sql(str(text or ""), v, relations, name_of)
    except sa.exc.SQLAlchemyError:
        return out
    return {k: sorted(set(v)) for k, v in out.items()}


def _names_in_sql(sql: str, view: Relation, relations: list[Relation], name_of: Any) -> list[str]:
    """Relations of the perimeter named after FROM or JOIN in a view's definition."""
    import re

    found: list[str] = []
    tokens = re.findall(r"(?:from|join)\s+((?:[`\"\[]?[\w$]+[`\"\]]?\s*\.\s*)?[`\"\[]?[\w$ ]+?[`\"\]]?)(?=[\s,;)]|$)",
                        sql, flags=re.I)
    for raw in tokens:
        parts = [p.strip().strip('`"[]') for p in raw.split(".")]
        schema, table = (parts[0], parts[1]) if len(parts) == 2 else (view.schema, parts[0])
        for r in relations:
            if r.table.lower() == table.lower() and r.schema.lower() == schema.lower() and r.name != view.name:
                found.append(r.name)
    return found
