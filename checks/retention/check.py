"""Retention check: last activity per person and per file, computed in SQL, against the policy's periods.

Rules (rules.toml): persons and files past their period, open files left
dormant, access-log rows past the log period, other tables past their
category's period, personal tables with no date, single contacts kept as
full files, unusable dates, categories with no period. Every finding says
which period was applied and whether it is a default still to be confirmed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from auditor.catalog import TableInfo
from auditor.check import RuleBook
from auditor.context import CheckContext
from auditor.findings import Evidence, Finding, Severity
from checks.retention import model, queries
from checks.retention.model import Category, Mapping, category, options, table_mapping
from checks.retention.queries import Buckets, Tally, overrun_text

BOOK = RuleBook(Path(__file__).parent)

ACTION_RECO = {
    "delete": "Supprimer ces données par une purge programmée (par exemple chaque mois) qui porte sur toutes les tables "
              "liées, sauvegardes comprises à leur rotation.",
    "anonymise": "Anonymiser ces lignes (retirer identifiants, dates précises et caractéristiques rares) ou les supprimer, "
                 "par un traitement programmé.",
    "archive": "Verser ces données en archive intermédiaire : base ou schéma séparé, accès réservé à quelques personnes "
               "habilitées, consultations tracées ; leur sort final suit le tableau de gestion établi avec le service d'archives.",
    "archive_or_delete": "Supprimer ces données, ou les verser en archive intermédiaire (base séparée, accès restreint et tracé) "
                         "seulement si une obligation légale ou un besoin de preuve le justifie ; programmer ce traitement chaque mois.",
    "flag_only": "Ne rien supprimer d'office : ces dossiers sont des archives publiques. Les retirer de la base active vers un "
                 "accès restreint et convenir de leur sort avec le service d'archives départemental (circulaire AD 98-6).",
    "disable": "Désactiver ces comptes sans délai et programmer leur désactivation automatique au départ du titulaire.",
}
PUBLIC_BODY = (" Pour un organisme public ou chargé d'une mission de service public, toute élimination passe par le visa "
               "du service d'archives compétent (Code du patrimoine, art. L212-2).")


def recommendation(cat: Category, rule_id: str, ctx: CheckContext | None = None) -> str:
    """The rule's recommendation, then what the category's end action asks for; the public-archives
    caveat only when the service may be a public body (not for a workplace social service)."""
    base = BOOK.info.rules[rule_id].recommendation
    extra = ACTION_RECO.get(cat.action, "")
    kind = ctx.policy.audit.get("service_kind") if ctx is not None else None
    public = PUBLIC_BODY if cat.action in ("delete", "anonymise", "archive_or_delete") and kind != "service_social_travail" else ""
    return " ".join(p for p in (base, extra) if p) + public


def buckets(ctx: CheckContext) -> Buckets:
    """Overrun buckets from the options ([1, 3] years by default)."""
    raw = options(ctx).get("overrun_buckets_years") or [1, 3]
    short, long = int(raw[0]), int(raw[1]) if len(raw) > 1 else int(raw[0]) * 3
    return Buckets(short=short, long=max(long, short + 1))


def categories(ctx: CheckContext, keys: list[str]) -> dict[str, Category]:
    """The categories among ``keys`` that the policy defines."""
    out = {}
    for k in keys:
        c = category(ctx, k)
        if c is not None:
            out[k] = c
    return out


def mapping_or_skip(ctx: CheckContext, t: TableInfo, fallback: str) -> tuple[Mapping, Category] | None:
    """The table's category, or None (recorded as skipped) when the policy names an unknown one."""
    m = table_mapping(ctx, t.name, fallback)
    cat = category(ctx, m.key)
    if cat is None:
        ctx.skip(t.name, f"durée de conservation non évaluée : la catégorie « {m.key} » n'existe pas dans la politique "
                         "([retention.<catégorie>])")
        return None
    return m, cat


def overrun_evidence(t: Tally, b: Buckets, what: str) -> list[Evidence]:
    """Counts by bucket, never a record."""
    lt, mid, gt = b.labels()
    return [
        Evidence(record=None, excerpt=f"dépassement de {lt} : {t.lt} {what}"),
        Evidence(record=None, excerpt=f"dépassement de {mid} : {t.mid} {what}"),
        Evidence(record=None, excerpt=f"dépassement de {gt} : {t.gt} {what}"),
    ]


def marker_evidence(reasons: dict[str, str] | None) -> list[Evidence]:
    """One line per status column chosen by its values rather than its name (why it was read as closed or archived)."""
    return [Evidence(record=None, excerpt=why) for _col, why in sorted((reasons or {}).items())]


def overrun_details(ctx: CheckContext, cat: Category, t: Tally, b: Buckets, unit: str) -> dict[str, Any]:
    """Details shared by the 'past the period' findings."""
    cutoff = cat.cutoff(ctx.as_of)
    text, days = overrun_text(cutoff, t.oldest)
    return {
        **cat.details(),
        "unit": unit,
        "as_of": ctx.as_of.isoformat(),
        "cutoff": cutoff.isoformat(),
        "overrun_lt_1y": t.lt,
        "overrun_1_3y": t.mid,
        "overrun_gt_3y": t.gt,
        "overrun_buckets_years": [b.short, b.long],
        "oldest_overrun": text,
        "oldest_overrun_days": days,
    }


def _why(ctx: CheckContext, cat: Category, rule_id: str, lead: str, t: Tally) -> str:
    text, _days = overrun_text(cat.cutoff(ctx.as_of), t.oldest)
    oldest = f" Le plus ancien dépassement atteint {text}." if text else ""
    return f"{lead}{oldest} {cat.why(ctx)} {BOOK.info.rules[rule_id].why}"


# ------------------------------------------------------------------ persons
def _person_results(ctx: CheckContext, person: TableInfo) -> tuple[Mapping, dict[str, Category], list[Tally], dict[str, Any]] | None:
    key = ("persons", person.name)
    if key not in ctx.facts:
        got = mapping_or_skip(ctx, person, "accompagnement_social")
        if got is None:
            ctx.facts[key] = None
        else:
            m, _cat = got
            cats = categories(ctx, [m.key, "contact_unique", "identite_administrative"])
            tallies, info = queries.person_tallies(ctx, person, cats, m.key, buckets(ctx))
            ctx.facts[key] = (m, cats, tallies, info)
    return ctx.facts[key]


def _model_assumption(ctx: CheckContext, person: TableInfo, contact_columns: list[str]) -> str:
    """The unsure or missing pieces of the service model the persons' figures rest on ('' when none)."""
    sm = getattr(ctx.catalog, "model", None)
    if sm is None or sm.persons != person.name:
        return ""
    from auditor.model import assumption

    if not [c for c in contact_columns if not c.startswith(person.name + ".")]:
        return ("Aucune table de contacts ou d'actes datés n'a été reliée aux personnes : la date retenue est celle de "
                "l'enregistrement ou de la clôture inscrite sur la personne, ce chiffre est à vérifier. Si une telle table existe, désignez son lien dans la politique "
                f"([model.links] \"<table>.<colonne>\" = \"{person.name}.<clé>\").")
    used = {col.split(".", 1)[0] for col in contact_columns}
    text = assumption(*[c.person for c in sm.contacts if c.table in used])
    if sm.closure and sm.closure_reason and sm.closure_reason != "nom de la colonne" and f"{person.name}.{sm.closure}" in contact_columns:
        text = (text + " " if text else "") + (
            f"La colonne « {sm.closure} » a été lue comme la date de clôture du dossier d'après ses valeurs ({sm.closure_reason}). "
            f"Si ce n'en est pas une, déclarez-la dans la politique ([tables.\"{person.name}\".columns] \"{sm.closure}\" = \"date\") et relancez.")
    return text


def person_tables(ctx: CheckContext) -> list[TableInfo]:
    """The persons tables: those of the catalog, and the service model's persons table when its name called it a file
    (« dossier » with the identity columns, one row per person, that the contacts, the log and the assignments point to)
    and it is not a file of another table's persons (no reference to a person), so never counted twice."""
    out = list(ctx.catalog.by_role("persons"))
    sm = getattr(ctx.catalog, "model", None)
    t = ctx.catalog.tables.get(sm.persons) if sm is not None and sm.persons else None
    if t is not None and t not in out and t.role == "case_file" and not queries.is_file_table(ctx, t) \
            and not any(c.kind == "person_ref" for c in t.columns.values()):
        out.append(t)
    return out


@BOOK.rule("retention.person_past_period")
def person_past_period(ctx: CheckContext) -> Iterator[Finding]:
    """Persons not archived whose last contact is older than their category's period, by category and bucket."""
    b = buckets(ctx)
    for person in person_tables(ctx):
        if queries.table_key(ctx, person) is None:
            ctx.skip(person.name, "durée de conservation non évaluée : pas de clé pour relier les contacts aux personnes")
            continue
        got = _person_results(ctx, person)
        if got is None:
            continue
        m, cats, tallies, info = got
        for t in tallies:
            if t.category == "none":
                if t.total:
                    ctx.skip(person.name, f"{t.total} personne(s) sans aucun contact daté ni date d'enregistrement : "
                                          "durée de conservation non évaluable pour elles")
                continue
            cat = cats.get(t.category)
            if cat is None or cat.months <= 0 or t.overdue == 0:
                continue
            if t.category == "identite_administrative":
                lead = (f"{t.overdue} personne(s) de « {person.name} » n'ont aucun contact daté et ont été enregistrées "
                        f"il y a plus de {cat.months} mois.")
                title = (f"{t.overdue} personne(s) de « {person.name} » sans aucun contact daté, enregistrée(s) il y a "
                         f"plus de {cat.months} mois")
            else:
                lead = (f"{t.overdue} personne(s) de « {person.name} » (catégorie « {cat.label} ») n'ont eu aucun contact "
                        f"depuis plus de {cat.months} mois et ne sont ni archivées, ni anonymisées, ni supprimées.")
                if info.get("groups"):
                    lead += (" Ces personnes sont membres d'un groupe dont le dossier est commun (" + ", ".join(info["groups"])
                             + ") : les contacts, la clôture et l'archivage de ce dossier valent pour chacun de ses membres.")
                title = (f"{t.overdue} personne(s) de « {person.name} » conservée(s) plus de {cat.months} mois après le "
                         f"dernier contact ({cat.label})")
            yield BOOK.finding(
                ctx, "retention.person_past_period", table=person.name, column=None, subject=cat.key,
                title=title, affected=t.overdue, total=t.total,
                evidence=overrun_evidence(t, b, "personne(s)") + marker_evidence(model.markers(ctx, person).why),
                details={
                    **overrun_details(ctx, cat, t, b, "personnes"),
                    "persons_in_category": t.total,
                    "archived_excluded": t.archived,
                    "category_chosen_by": m.how if cat.key == m.key else "type des dossiers ou absence de contact",
                    "archive_flag": ", ".join(model.archive_columns(person, model.markers(ctx, person))) or None,
                    "contact_columns": info["contact_columns"],
                    **({"groups": info["groups"]} if info.get("groups") else {}),
                    "creation_column": info["creation_column"] if cat.key == "identite_administrative" else None,
                    **({"model_assumption": hyp} if (hyp := _model_assumption(ctx, person, info["contact_columns"])) else {}),
                },
                why=((hyp + " ") if hyp else "") + _why(ctx, cat, "retention.person_past_period", lead, t),
                recommendation=recommendation(cat, "retention.person_past_period", ctx),
            )


# ------------------------------------------------------------------ files
def file_tables(ctx: CheckContext) -> list[TableInfo]:
    """Case tables that are files (a person, and a closure date or acts attached)."""
    return [t for t in ctx.catalog.by_role("case_file") if queries.is_file_table(ctx, t)]


def _file_results(ctx: CheckContext, t: TableInfo) -> tuple[dict[str, Category], list[Tally], list[Tally], dict[str, Any], Mapping] | None:
    key = ("files", t.name)
    if key not in ctx.facts:
        ref = next(c for c in t.columns.values() if c.kind == "person_ref")
        person = ctx.catalog.tables.get(ref.target or "")
        fallback = table_mapping(ctx, person.name, "accompagnement_social").key if person else "accompagnement_social"
        got = mapping_or_skip(ctx, t, fallback)
        if got is None:
            ctx.facts[key] = None
        else:
            m, _cat = got
            cats = categories(ctx, [m.key, "contact_unique", "demande_refusee_ou_sans_suite"])
            closed, opened, info = queries.file_tallies(ctx, t, cats, m.key, buckets(ctx))
            ctx.facts[key] = (cats, closed, opened, info, m)
    return ctx.facts[key]


@BOOK.rule("retention.file_past_period")
def file_past_period(ctx: CheckContext) -> Iterator[Finding]:
    """Closed files (from their closure or last act) and single contacts (from the contact) past their period."""
    b = buckets(ctx)
    for t in file_tables(ctx):
        got = _file_results(ctx, t)
        if got is None:
            continue
        cats, closed, _opened, info, m = got
        for tl in closed:
            cat = cats.get(tl.category)
            if cat is None or cat.months <= 0 or tl.overdue == 0:
                continue
            if cat.trigger in model.FROM_START:
                lead = (f"{tl.overdue} dossier(s) de « {t.name} » (catégorie « {cat.label} ») datent de plus de "
                        f"{cat.months} mois et sont toujours en base active, qu'ils soient clos ou non.")
                title = f"{tl.overdue} dossier(s) « {cat.label} » de « {t.name} » conservé(s) plus de {cat.months} mois"
            else:
                lead = (f"{tl.overdue} dossier(s) clos de « {t.name} » (catégorie « {cat.label} ») le sont depuis plus de "
                        f"{cat.months} mois et restent en base active.")
                title = f"{tl.overdue} dossier(s) clos de « {t.name} » conservé(s) plus de {cat.months} mois ({cat.label})"
            parch = tl.extra.get("of_archived_persons")
            yield BOOK.finding(
                ctx, "retention.file_past_period", table=t.name, column=None, subject=cat.key,
                title=title, affected=tl.overdue, total=tl.total,
                evidence=overrun_evidence(tl, b, "dossier(s)") + marker_evidence(info.get("marker_reasons")),
                details={
                    **overrun_details(ctx, cat, tl, b, "dossiers"),
                    "files_in_category": tl.total,
                    "archived_excluded": tl.archived,
                    "of_archived_persons": parch,
                    "category_chosen_by": m.how if cat.key == m.key else "valeur de la ligne (type de contact, statut)",
                    "contact_columns": info["contact_columns"],
                    "markers": info["markers"] or None,
                },
                why=_why(ctx, cat, "retention.file_past_period", lead, tl),
                recommendation=recommendation(cat, "retention.file_past_period", ctx),
            )


@BOOK.rule("retention.open_file_inactive")
def open_file_inactive(ctx: CheckContext) -> Iterator[Finding]:
    """Files never closed whose last activity is older than their category's period."""
    b = buckets(ctx)
    for t in file_tables(ctx):
        got = _file_results(ctx, t)
        if got is None:
            continue
        cats, _closed, opened, info, m = got
        for tl in opened:
            cat = cats.get(tl.category)
            if cat is None or cat.months <= 0 or tl.overdue == 0 or cat.trigger in model.FROM_START:
                continue
            lead = (f"{tl.overdue} dossier(s) de « {t.name} » (catégorie « {cat.label} ») n'ont jamais été clôturés et "
                    f"n'ont eu aucune activité depuis plus de {cat.months} mois.")
            yield BOOK.finding(
                ctx, "retention.open_file_inactive", table=t.name, column=None, subject=cat.key,
                title=f"{tl.overdue} dossier(s) ouvert(s) de « {t.name} » sans activité depuis plus de {cat.months} mois",
                affected=tl.overdue, total=tl.total,
                evidence=overrun_evidence(tl, b, "dossier(s)") + marker_evidence(info.get("marker_reasons")),
                details={
                    **overrun_details(ctx, cat, tl, b, "dossiers"),
                    "open_files_in_category": tl.total,
                    "category_chosen_by": m.how if cat.key == m.key else "valeur de la ligne (type de contact, statut)",
                    "contact_columns": info["contact_columns"],
                },
                why=_why(ctx, cat, "retention.open_file_inactive", lead, tl),
                recommendation=recommendation(cat, "retention.open_file_inactive", ctx),
                severity=Severity.MEDIUM,
            )


# ------------------------------------------------------------------ logs and other tables
def event_column(t: TableInfo) -> Any:
    """The column that dates a row of a log or of a plain table (a 'date' kind first)."""
    cols = model.contact_columns(t) or model.dating_columns(t)
    for c in cols:
        if c.kind == "date":
            return c
    return cols[0] if cols else None


@BOOK.rule("retention.log_past_period")
def log_past_period(ctx: CheckContext) -> Iterator[Finding]:
    """Access-log rows older than the log period."""
    b = buckets(ctx)
    for t in ctx.catalog.by_role("access_log"):
        col = event_column(t)
        if col is None:
            ctx.skip(t.name, "journal sans colonne de date : sa durée de conservation ne peut pas être contrôlée")
            continue
        key = model.mapped_key(ctx, t.name) or "journal_acces"
        cat = category(ctx, key)
        if cat is None:
            ctx.skip(t.name, f"durée non évaluée : la catégorie « {key} » n'existe pas dans la politique")
            continue
        if cat.months <= 0:
            continue
        tl = queries.row_tallies(ctx, t, col, cat, b)
        if tl.overdue == 0:
            continue
        lead = f"{tl.overdue} ligne(s) du journal « {t.name} » ont plus de {cat.months} mois."
        yield BOOK.finding(
            ctx, "retention.log_past_period", table=t.name, column=col.name, subject=cat.key,
            title=f"{tl.overdue} ligne(s) du journal « {t.name} » conservée(s) plus de {cat.months} mois",
            affected=tl.overdue, total=tl.total,
            evidence=overrun_evidence(tl, b, "ligne(s)"),
            details={**overrun_details(ctx, cat, tl, b, "lignes"), "rows_in_table": tl.total},
            why=_why(ctx, cat, "retention.log_past_period", lead, tl),
            recommendation=recommendation(cat, "retention.log_past_period", ctx),
        )


def _handled_elsewhere(ctx: CheckContext, t: TableInfo) -> bool:
    return t.role in ("persons", "access_log") or queries.is_file_table(ctx, t)


def row_tables(ctx: CheckContext) -> list[tuple[TableInfo, Mapping]]:
    """Tables evaluated row by row: mapped by the policy (or by name, for row-level categories),
    and statistics tables that hold person-level data."""
    out = []
    for t in sorted(ctx.catalog.tables.values(), key=lambda x: x.name):
        if _handled_elsewhere(ctx, t):
            continue
        explicit = model.mapped_key(ctx, t.name)
        if explicit:
            out.append((t, Mapping(explicit, "politique")))
            continue
        guessed = model.guessed_key(t.name)
        if guessed:
            cat = category(ctx, guessed)
            if cat is not None and cat.trigger in ("creation", "event", "contact", "departure"):
                out.append((t, Mapping(guessed, "nom de la table")))
            continue
        if t.role == "statistics" and (model.has_personal_data(t) or any(
                c.kind in ("person_ref", "hashed_id") for c in t.columns.values())):
            out.append((t, Mapping("statistiques", "table de statistiques avec des données individuelles")))
    return out


@BOOK.rule("retention.rows_past_period")
def rows_past_period(ctx: CheckContext) -> Iterator[Finding]:
    """Rows of other tables older than their category's period."""
    b = buckets(ctx)
    for t, m in row_tables(ctx):
        cat = category(ctx, m.key)
        if cat is None:
            ctx.skip(t.name, f"durée non évaluée : la catégorie « {m.key} » n'existe pas dans la politique")
            continue
        if cat.months <= 0:
            continue
        col = None
        if cat.trigger == "departure":
            col = t.first("departure_date")
        col = col or event_column(t)
        if col is None:
            continue  # the undated-table rule reports it when it holds personal data
        tl = queries.row_tallies(ctx, t, col, cat, b)
        if tl.overdue == 0:
            continue
        lead = f"{tl.overdue} ligne(s) de « {t.name} » (catégorie « {cat.label} ») dépassent la durée, comptée depuis « {col.name} »."
        yield BOOK.finding(
            ctx, "retention.rows_past_period", table=t.name, column=col.name, subject=cat.key,
            title=f"{tl.overdue} ligne(s) de « {t.name} » conservée(s) plus de {cat.months} mois ({cat.label})",
            affected=tl.overdue, total=tl.total,
            evidence=overrun_evidence(tl, b, "ligne(s)"),
            details={**overrun_details(ctx, cat, tl, b, "lignes"), "category_chosen_by": m.how, "rows_in_table": tl.total},
            why=_why(ctx, cat, "retention.rows_past_period", lead, tl),
            recommendation=recommendation(cat, "retention.rows_past_period", ctx),
        )


# ------------------------------------------------------------------ structure
@BOOK.rule("retention.undated_personal_table")
def undated_personal_table(ctx: CheckContext) -> Iterator[Finding]:
    """Tables that hold personal data and have no date at all."""
    for t in sorted(ctx.catalog.tables.values(), key=lambda x: x.name):
        if not t.rows or not model.has_personal_data(t):
            continue
        if model.dating_columns(t) or any(c.kind == "year" for c in t.columns.values()):
            continue
        if t in person_tables(ctx) and queries.table_key(ctx, t) is not None and queries.person_contacts(ctx, t)[0]:
            continue  # its persons are dated through their contacts
        kinds = sorted({c.label for c in t.columns.values() if c.kind in model.DIRECT_IDENTIFIER_KINDS})
        refs = sorted({c.target for c in t.columns.values() if c.kind == "person_ref" and c.target})
        link = (f" Ses lignes se rattachent à « {', '.join(refs)} » : elles doivent au moins disparaître avec la personne."
                if refs else "")
        yield BOOK.finding(
            ctx, "retention.undated_personal_table", table=t.name, column=None,
            title=f"Table « {t.name} » : {t.rows} ligne(s) de données personnelles sans aucune date",
            affected=t.rows, total=t.rows,
            evidence=[Evidence(record=None, excerpt=f"données personnelles : {', '.join(kinds)}"),
                      Evidence(record=None, excerpt="aucune colonne de date, d'horodatage ou d'année")],
            details={"unit": "lignes", "personal_kinds": kinds, "linked_to": refs or None, "table_role": t.role},
            why=f"« {t.name} » ({t.label}) contient {', '.join(kinds)} sans aucune date.{link} "
                + BOOK.info.rules["retention.undated_personal_table"].why,
        )


@BOOK.rule("retention.single_contact_full_file")
def single_contact_full_file(ctx: CheckContext) -> Iterator[Finding]:
    """Files marked as a single contact whose evaluation fields are filled."""
    for t in ctx.catalog.by_role("case_file"):
        mk = model.markers(ctx, t)
        tab = ctx.table(t)
        single = model.Markers.condition(tab, mk.single)
        if single is None:
            continue
        judgement = [c.name for c in t.columns.values() if c.kind == "judgement_field"]
        free = [c.name for c in t.columns.values() if c.kind == "free_text"]
        sensitive = [c.name for c in t.columns.values() if c.kind == "immigration_field"]

        def filled(cols: list[str]) -> sa.ColumnElement:
            if not cols:
                return sa.false()
            return sa.or_(*[sa.func.coalesce(sa.func.trim(sa.cast(tab.c[c], sa.Text)), "") != "" for c in cols])

        def count(cond: sa.ColumnElement) -> sa.ColumnElement:
            return sa.func.sum(sa.case((cond, 1), else_=0))

        row = ctx.rows(sa.select(
            sa.func.count().label("single"),
            count(filled(judgement)).label("judged"),
            count(filled(free)).label("free"),
            count(filled(sensitive)).label("sensitive"),
        ).select_from(tab).where(single))[0]
        n, judged = int(row.single or 0), int(row.judged or 0)
        if not judgement or judged == 0:
            continue
        cols = [c for c, _v in mk.single]
        yield BOOK.finding(
            ctx, "retention.single_contact_full_file", table=t.name, column=cols[0] if len(cols) == 1 else None,
            subject="contact_unique",
            title=f"{judged} contact(s) ponctuel(s) de « {t.name} » conservé(s) avec une évaluation de la personne",
            affected=judged, total=n,
            evidence=[Evidence(record=None, excerpt=f"contacts ponctuels : {n} ligne(s)"),
                      Evidence(record=None, excerpt=f"avec un champ d'évaluation rempli ({', '.join(judgement)}) : {judged}"),
                      Evidence(record=None, excerpt=f"avec un texte libre rempli : {int(row.free or 0)}")],
            details={
                "unit": "dossiers", "single_contact_rows": n, "with_evaluation": judged,
                "with_free_text": int(row.free or 0), "with_residence_status": int(row.sensitive or 0),
                "evaluation_columns": judgement, "marker_columns": cols, "rows_in_table": t.rows,
            },
            why=(f"{judged} des {n} dossiers marqués comme contact ponctuel dans « {t.name} » portent une évaluation "
                 f"({', '.join(judgement)}). " + BOOK.info.rules["retention.single_contact_full_file"].why),
        )


@BOOK.rule("retention.unusable_dates")
def unusable_dates(ctx: CheckContext) -> Iterator[Finding]:
    """Per date column: empty, unreadable, impossible, future or implausible dates, counted in SQL."""
    min_year = int(options(ctx).get("min_year", 1900))
    for t in sorted(ctx.catalog.tables.values(), key=lambda x: x.name):
        if not t.rows or t.error:
            continue
        cols = model.dating_columns(t) + [c for c in t.columns.values() if c.kind == "birth_date"]
        if not cols:
            continue
        event = event_column(t) if t.role in ("case_file", "access_log") else None
        future = {c.name for c in cols if c.kind in ("date", "birth_date") and not model.is_planned(c)}
        for q in queries.date_quality(ctx, t, cols, future, min_year):
            col = t.columns[q.column]
            missing = (q.missing + q.empty) if event is not None and event.name == q.column else 0
            problems = q.unreadable + q.impossible + q.future + q.too_old + missing
            if q.readable == 0 and q.unreadable > 0:
                ctx.skip(t.name, f"colonne « {q.column} » : aucune valeur n'a pu être lue comme une date "
                                 f"({q.unreadable} valeur(s)) ; précisez son type dans la politique si c'est une date")
                continue
            if problems == 0:
                continue
            parts = []
            for n, label in ((missing, "sans date"), (q.unreadable, "illisible(s)"), (q.impossible, "impossible(s)"),
                             (q.future, f"postérieure(s) au {ctx.as_of.strftime('%d/%m/%Y')}"),
                             (q.too_old, f"antérieure(s) à {min_year}")):
                if n:
                    parts.append(f"{n} {label}")
            what = "date(s) de naissance" if col.kind == "birth_date" else "date(s)"
            yield BOOK.finding(
                ctx, "retention.unusable_dates", table=t.name, column=q.column,
                title=f"« {t.name}.{q.column} » : {problems} {what} inutilisable(s) ou invraisemblable(s)",
                affected=problems, total=q.rows,
                evidence=[Evidence(record=None, excerpt=p) for p in parts],
                details={
                    "unit": "lignes", "missing_or_empty": missing, "unreadable": q.unreadable, "impossible": q.impossible,
                    "future": q.future, "before_min_year": q.too_old, "min_year": min_year, "readable": q.readable,
                    "null_values": q.missing, "empty_strings": q.empty, "as_of": ctx.as_of.isoformat(),
                    "readable_not_iso": q.not_iso,
                    "column_kind": col.kind,
                },
                why=(f"Dans « {t.name}.{q.column} » : {', '.join(parts)}. Ces lignes échappent au calcul de la durée de "
                     "conservation (les dates futures ne comptent pas comme contact). "
                     + BOOK.info.rules["retention.unusable_dates"].why),
            )


@BOOK.rule("retention.period_unset")
def period_unset(ctx: CheckContext) -> Iterator[Finding]:
    """Tables whose category has no period yet."""
    seen: set[tuple[str, str]] = set()
    for t in sorted(ctx.catalog.tables.values(), key=lambda x: x.name):
        if t.role in ("staff", "permissions", "units", "assignments", "other") and not model.mapped_key(ctx, t.name):
            continue
        key = model.mapped_key(ctx, t.name) or model.guessed_key(t.name)
        if t.role == "access_log" and not key:
            key = "journal_acces"
        if not key:
            continue
        cat = category(ctx, key)
        if cat is None or cat.months > 0 or (t.name, key) in seen:
            continue
        seen.add((t.name, key))
        yield BOOK.finding(
            ctx, "retention.period_unset", table=t.name, column=None, subject=key,
            title=f"Durée de conservation à fixer pour « {t.name} » ({cat.label})",
            affected=None, total=t.rows,
            details={**cat.details(), "unit": "lignes"},
            why=f"La table « {t.name} » relève de la catégorie « {cat.label} », pour laquelle aucune durée n'est fixée "
                f"({cat.basis}). " + BOOK.info.rules["retention.period_unset"].why,
        )


class RetentionCheck:
    """The retention check as registered in ``auditor.checks``."""

    info = BOOK.info

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        """Run every rule of the check."""
        return BOOK.run(ctx)


CHECK = RetentionCheck()
