"""Rules on the application's own rights: perimeter, hierarchy, status, intent."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa

from auditor.context import CheckContext
from auditor.findings import Evidence, Finding, Severity
from auditor.sqlutil import norm
from checks.access.base import BOOK, fmt_share, plural, tables_fr
from checks.access.exposure import persons_exposed, widest, worker_exposure
from checks.access.model import ALL_OBJECTS, FAMILY_LABELS, AppModel, Grant, build_model, is_wide, ref_col, scope_level

LEVEL_FR = {"all": "toutes les personnes", "region": "la région", "unit": "l'unité", "caseload": "le portefeuille",
            "unknown": "périmètre non reconnu"}


def _by_role(m: AppModel, keep: Any) -> dict[tuple[str, str], list[Grant]]:
    out: dict[tuple[str, str], list[Grant]] = defaultdict(list)
    for g in m.grants:
        if keep(g):
            out[(g.table, g.role)].append(g)
    return dict(sorted(out.items()))


def _role_exposure(ctx: CheckContext, m: AppModel, role: str, grants: list[Grant]) -> tuple[int | None, str, str]:
    level = widest([g.level for g in grants])
    n, how = persons_exposed(ctx, m, role, level)
    return n, level, how


def _accounts(m: AppModel, role: str) -> tuple[int, int]:
    return m.roles.get(norm(role), (0, 0))


def _scope_col(ctx: CheckContext, table: str) -> str | None:
    t = ctx.catalog.tables[table]
    c = t.first("scope")
    return c.name if c else None


@BOOK.rule("access.wide_read_on_case_files")
def wide_read_on_case_files(ctx: CheckContext) -> Iterator[Finding]:
    """Line workers' roles reading case tables with a perimeter wider than their unit."""
    m = build_model(ctx)
    sm = getattr(ctx.catalog, "model", None)
    modelled = {p.table: p.scope is not None for p in sm.permissions} if sm is not None else {}
    has_scope = {t.name: t.first("scope") is not None or modelled.get(t.name, False) for t in ctx.catalog.by_role("permissions")}

    def wide(g: Grant) -> bool:
        if g.via:  # read by the service model from a filter's structure (auditor/model/rights.py)
            return g.level in ("all", "region")
        return is_wide(m.cfg, g.scope, has_scope.get(g.table, False)) or g.scope in m.learnt_scopes

    def keep(g: Grant) -> bool:
        return m.is_case(g.obj) and wide(g) and m.family(g.role) in ("social", "other")

    yield from _unread_scopes(ctx, m, keep)
    for (table, role), grants in _by_role(m, keep).items():
        objs = sorted({g.obj for g in grants})
        scopes = sorted({g.scope for g in grants if g.scope}) or ["sans périmètre"]
        n_accounts, n_active = _accounts(m, role)
        exposed, level, how = _role_exposure(ctx, m, role, grants)
        total = m.persons_total()
        every = set(m.case_tables) <= {norm(g.obj) for g in grants} or any(norm(g.obj) in ALL_OBJECTS for g in grants)
        title = (f"Le rôle « {role} » lit {'tous les dossiers' if every else tables_fr(objs)} "
                 f"sur un périmètre « {', '.join(scopes)} »")
        yield BOOK.finding(
            ctx, "access.wide_read_on_case_files", table=table, column=_scope_col(ctx, table), subject=role,
            title=title, affected=exposed, total=total,
            evidence=[Evidence(record=None, excerpt=f"rôle « {role} » : lecture {tables_fr([g.obj], de=True)} (périmètre « {g.scope or 'aucun'} »)")
                      for g in grants] + [Evidence(record=None, excerpt=g.via) for g in grants if g.via],
            details={"role": role, "family": m.family(role), "objects": objs, "scopes": scopes, "accounts": n_accounts,
                     **({"scope_read_from": [g.via for g in grants if g.via]} if any(g.via for g in grants) else {}),
                     "active_accounts": n_active, "persons_exposed": exposed, "persons_total": total,
                     "exposure_basis": how, "reads_every_case_table": bool(every),
                     **({"scope_learnt_from_log": learnt} if (learnt := [m.learnt_scopes[x] for x in scopes if x in m.learnt_scopes]) else {}),
                     **({"family_learnt": m.learnt_families[norm(role)][1]} if norm(role) in m.learnt_families else {})},
            why=(("".join(x[0].upper() + x[1:] + ". " for x in learnt))
                 + f"{plural(n_active, 'compte actif', 'comptes actifs')} ayant le rôle « {role} » peuvent lire "
                 f"{tables_fr(objs)} pour {exposed if exposed is not None else '?'} personne(s) ({how}), "
                 "bien au-delà des personnes que chacun suit. " + BOOK.info.rules["access.wide_read_on_case_files"].why),
            recommendation=(f"Restreindre la lecture {tables_fr(objs, de=True)} par le rôle « {role} » aux personnes que le "
                            "professionnel suit (portefeuille ou affectation), par une règle de l'application ou une "
                            "politique de sécurité au niveau des lignes ; retirer le périmètre "
                            f"« {', '.join(scopes)} »."),
        )


def _unread_scopes(ctx: CheckContext, m: AppModel, wide: Any) -> Iterator[Finding]:
    """Line workers' read rights on case tables whose filter the model could not read: shown, « à vérifier », at low
    severity (never taken for narrow, never counted as wide)."""
    groups = _by_role(m, lambda g: bool(g.via) and g.level == "unknown" and m.is_case(g.obj)
                      and m.family(g.role) in ("social", "other"))
    for (table, role), grants in groups.items():
        if any(wide(g) for g in m.grants if g.role == role and g.table == table and g.obj in {x.obj for x in grants}):
            continue  # the same right is already wide through another filter
        objs = sorted({g.obj for g in grants})
        scopes = sorted({g.scope for g in grants})
        n_accounts, n_active = _accounts(m, role)
        yield BOOK.finding(
            ctx, "access.wide_read_on_case_files", table=table, column=None, subject=f"{role} (périmètre illisible)",
            severity=Severity.LOW, title=(f"Le rôle « {role} » lit {tables_fr(objs)} sous un filtre que l'outil ne sait pas lire "
                                          f"(« {', '.join(scopes)} ») : périmètre à vérifier"),
            affected=None, total=m.persons_total(),
            evidence=[Evidence(record=None, excerpt=g.via) for g in grants],
            details={"role": role, "family": m.family(role), "objects": objs, "scopes": scopes, "accounts": n_accounts,
                     "active_accounts": n_active, "scope_unread": True, "scope_read_from": [g.via for g in grants],
                     "model_assumption": ("Le périmètre de ce droit n'a pas pu être lu : il n'est compté ni comme large ni "
                                          "comme restreint. Vérifiez-le dans l'application, puis déclarez-le dans la politique "
                                          "([model.scopes] : \"filtre\" = \"all\", \"unit\" ou \"caseload\").")},
            why=(f"{plural(n_active, 'compte actif', 'comptes actifs')} ayant le rôle « {role} » lisent {tables_fr(objs)} sous le "
                 f"filtre « {', '.join(scopes)} », dont la structure n'est pas reconnue (ni condition toujours vraie, ni "
                 "comparaison avec le compte ou son unité). " + BOOK.info.rules["access.wide_read_on_case_files"].why),
            recommendation=("Vérifier dans l'application ce que ce filtre laisse lire au rôle, puis le déclarer dans la "
                            "politique ([model.scopes]) pour que l'audit en tienne compte."),
        )


@BOOK.rule("access.exposure_ratio")
def exposure_ratio(ctx: CheckContext) -> Iterator[Finding]:
    """Readable persons per line worker against the worker's caseload, with the distribution."""
    m = build_model(ctx)
    if m.staff is None or not m.assignments or m.persons is None:
        return
    threshold = float(ctx.threshold("exposure_ratio"))
    levels: dict[str, list[str]] = defaultdict(list)
    for g in m.grants:
        if m.is_case(g.obj) and m.family(g.role) == "social":
            levels[norm(g.role)].append(g.level)
    roles_levels = {r: widest(lv) for r, lv in levels.items()}
    workers = worker_exposure(ctx, m, roles_levels)
    if not workers:
        return
    total = int(m.persons_total() or 0)
    ratios = []
    for w in workers:
        w["ratio"] = w["readable"] / w["caseload"] if w["caseload"] else float(w["readable"] or 0)
        ratios.append(w["ratio"])
    over = [w for w in workers if w["ratio"] > threshold]
    if not over:
        return
    ratios.sort()
    q = statistics.quantiles(ratios, n=10) if len(ratios) >= 2 else [ratios[0]] * 9
    by_role: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for w in workers:
        by_role[w["role"]].append(w)
    role_lines = []
    for role, ws in sorted(by_role.items()):
        everything = sum(1 for w in ws if total and w["readable"] >= total)
        role_lines.append({"role": role, "accounts": len(ws), "read_everything": everything,
                           "median_ratio": round(statistics.median(w["ratio"] for w in ws), 1),
                           "median_caseload": statistics.median(w["caseload"] for w in ws)})
    exposed_outside = sum(max(0, w["readable"] - w["caseload"]) for w in over)
    evidence = [Evidence(record=None, excerpt=(f"rôle {r['role']} : {r['accounts']} compte(s), ratio médian "
                                                f"{r['median_ratio']}, {r['read_everything']} compte(s) lisent toute la base"))
                for r in role_lines]
    worst = sorted(over, key=lambda w: (-w["ratio"], str(w["pk"])))[:3]
    evidence += [Evidence(record=ctx.pseudonym(m.staff.table.name, w["pk"], prefix="ACC"),
                          excerpt=f"compte {w['role']} : {w['readable']} personnes lisibles pour {w['caseload']} suivies")
                 for w in worst]
    med = statistics.median(ratios)
    yield BOOK.finding(
        ctx, "access.exposure_ratio", table=m.staff.table.name, column=m.staff.role, subject=None,
        title=(f"{len(over)} professionnel(s) sur {len(workers)} peuvent lire plus de {threshold:g} fois "
               f"les personnes qu'ils suivent (ratio médian {med:.1f})"),
        affected=len(over), total=len(workers), evidence=evidence,
        details={"workers": len(workers), "over_threshold": len(over), "threshold": threshold,
                 "ratio_min": round(ratios[0], 2), "ratio_median": round(med, 2), "ratio_p90": round(q[-1], 2),
                 "ratio_max": round(ratios[-1], 2), "roles": role_lines, "reads_beyond_caseload": exposed_outside,
                 "persons_total": total,
                 # counts only (persons followed, persons readable) per worker, for the report's figure
                 "distribution": sorted([int(w["caseload"]), int(w["readable"])] for w in workers)},
        why=(f"Pour chaque travailleur social actif, le nombre de personnes dont il peut lire le dossier est rapporté au "
             f"nombre de personnes qu'il suit (affectations). Ratio : minimum {ratios[0]:.1f}, médiane {med:.1f}, "
             f"9e décile {q[-1]:.1f}, maximum {ratios[-1]:.1f}. "
             + BOOK.info.rules["access.exposure_ratio"].why),
    )


def _hierarchy_severity(m: AppModel, role: str, level: str) -> Severity:
    if m.workplace or m.family(role) == "hierarchy" and any(
            w in norm(role).split() for w in ("rh", "drh", "paie")):
        return Severity.CRITICAL
    return Severity.HIGH if level in ("all", "region", "unknown") else Severity.MEDIUM


@BOOK.rule("access.hierarchy_reads_case_content")
def hierarchy_reads_case_content(ctx: CheckContext) -> Iterator[Finding]:
    """HR, management, direction or supervisor roles that can read case content."""
    m = build_model(ctx)
    for (table, role), grants in _by_role(m, lambda g: m.family(g.role) == "hierarchy" and m.is_case(g.obj)).items():
        objs = sorted({g.obj for g in grants})
        facts = sorted({g.obj for g in m.grants if g.role == role and g.table == table and m.is_fact(g.obj)})
        n_accounts, n_active = _accounts(m, role)
        exposed, level, how = _role_exposure(ctx, m, role, grants)
        sev = _hierarchy_severity(m, role, level)
        ctx_txt = (f"Ici l'encadrement est l'employeur des personnes suivies ({m.workplace_reason}) : "
                   "il apprend qui a consulté le service social et pourquoi. ") if m.workplace else ""
        yield BOOK.finding(
            ctx, "access.hierarchy_reads_case_content", table=table, column=_scope_col(ctx, table), subject=role,
            severity=sev, title=f"Le rôle hiérarchique « {role} » peut lire {tables_fr(objs)}",
            affected=exposed, total=m.persons_total(),
            evidence=[Evidence(record=None, excerpt=f"rôle « {role} » : lecture {tables_fr([g.obj], de=True)} (périmètre « {g.scope or 'aucun'} »)")
                      for g in grants],
            details={"role": role, "family": "hierarchy", "objects": objs, "also_reads_consultation_facts": facts,
                     "scopes": sorted({g.scope for g in grants}), "accounts": n_accounts, "active_accounts": n_active,
                     "persons_exposed": exposed, "exposure_basis": how, "workplace": m.workplace},
            why=(f"{plural(n_active, 'compte actif', 'comptes actifs')} ayant le rôle « {role} » peuvent lire "
                 f"{tables_fr(objs)} pour {exposed if exposed is not None else '?'} personne(s) ({how}). " + ctx_txt
                 + BOOK.info.rules["access.hierarchy_reads_case_content"].why),
            recommendation=(f"Retirer au rôle « {role} » toute lecture {tables_fr(objs, de=True)}"
                            + (f" et {tables_fr(facts, de=True)}" if facts else "")
                            + " ; ne lui fournir que des statistiques anonymes. "
                            + BOOK.info.rules["access.hierarchy_reads_case_content"].recommendation),
        )


@BOOK.rule("access.hierarchy_reads_consultation_facts")
def hierarchy_reads_consultation_facts(ctx: CheckContext) -> Iterator[Finding]:
    """Hierarchy roles without case reads that can still learn who consulted (log, nominative statistics, caseloads)."""
    m = build_model(ctx)
    with_case = {(g.table, g.role) for g in m.grants if m.family(g.role) == "hierarchy" and m.is_case(g.obj)}
    groups = _by_role(m, lambda g: m.family(g.role) == "hierarchy" and m.is_fact(g.obj) and (g.table, g.role) not in with_case)
    for (table, role), grants in groups.items():
        objs = sorted({g.obj for g in grants})
        n_accounts, n_active = _accounts(m, role)
        exposed = 0
        for o in objs:
            t = m.fact_tables[norm(o)]
            pcol = ref_col(ctx, t, m.persons) if m.persons is not None else None
            if pcol:
                tab = ctx.table(t)
                n = int(ctx.scalar(sa.select(sa.func.count(sa.distinct(tab.c[pcol])))) or 0)
            else:
                n = int(t.rows or 0)
            exposed = max(exposed, n)
        yield BOOK.finding(
            ctx, "access.hierarchy_reads_consultation_facts", table=table, column=_scope_col(ctx, table), subject=role,
            severity=Severity.CRITICAL if m.workplace else Severity.HIGH,
            title=f"Le rôle hiérarchique « {role} » peut savoir qui a consulté le service social ({tables_fr(objs)})",
            affected=exposed, total=None,
            evidence=[Evidence(record=None, excerpt=f"rôle « {role} » : lecture {tables_fr([g.obj], de=True)} (périmètre « {g.scope or 'aucun'} »)")
                      for g in grants],
            details={"role": role, "objects": objs, "accounts": n_accounts, "active_accounts": n_active,
                     "rows_readable": exposed, "workplace": m.workplace},
            why=(f"{plural(n_active, 'compte actif', 'comptes actifs')} ayant le rôle « {role} » lisent {tables_fr(objs)} : "
                 + ("cette table nomme" if len(objs) == 1 else "ces tables nomment")
                 + " les personnes reçues (journal des accès, statistiques nominatives ou portefeuilles). "
                 + BOOK.info.rules["access.hierarchy_reads_consultation_facts"].why),
            recommendation=(f"Retirer au rôle « {role} » la lecture {tables_fr(objs, de=True)} ; "
                            + BOOK.info.rules["access.hierarchy_reads_consultation_facts"].recommendation.split(" ; ", 1)[-1]),
        )


HIERARCHY_VALUE_STEMS = ("hierarch", "manager", "superieur", "n+1", "n 1", "encadr", "responsable", "direction", "voie rh")


@BOOK.rule("access.rights_requests_via_hierarchy")
def rights_requests_via_hierarchy(ctx: CheckContext) -> Iterator[Finding]:
    """Access or rectification requests routed through the person's hierarchy."""
    m = build_model(ctx)
    for t in ctx.catalog.by_role("rights_requests"):
        if not t.rows:
            continue
        tab = ctx.table(t)
        text_cols = [c for c in t.columns.values() if c.kind in ("other", "category") and c.name not in t.primary_key
                     and not c.name.lower().startswith("id")]
        conds = []
        used = []
        for c in text_cols:
            low = sa.func.lower(sa.cast(tab.c[c.name], sa.Text))
            cond = sa.or_(*[low.like(f"%{s}%") for s in HIERARCHY_VALUE_STEMS])
            n = int(ctx.scalar(sa.select(sa.func.count()).select_from(tab).where(cond)) or 0)
            if n:
                conds.append(cond)
                used.append(c.name)
        validator = pick_validator(t)
        if not conds and validator:
            conds.append(tab.c[validator].is_not(None))
            used.append(validator)
        if not conds:
            continue
        where = sa.or_(*conds)
        n = int(ctx.scalar(sa.select(sa.func.count()).select_from(tab).where(where)) or 0)
        if not n:
            continue
        pcol = ref_col(ctx, t, m.persons) if m.persons is not None else None
        persons = int(ctx.scalar(sa.select(sa.func.count(sa.distinct(tab.c[pcol]))).where(where))) if pcol else None
        yield BOOK.finding(
            ctx, "access.rights_requests_via_hierarchy", table=t.name, column=used[0], subject=None,
            severity=Severity.CRITICAL if m.workplace else Severity.HIGH,
            title=f"{n} demande(s) d'exercice des droits passent par la hiérarchie de la personne",
            affected=n, total=t.rows,
            evidence=[Evidence(record=None, excerpt=f"colonne {c} : circuit ou valideur hiérarchique") for c in used],
            details={"requests": n, "requests_total": t.rows, "persons": persons, "columns": used,
                     "validator_column": validator, "workplace": m.workplace},
            why=(f"{n} demande(s) sur {t.rows} ({fmt_share(n, int(t.rows))}) de la table « {t.name} » "
                 f"sont routées ou validées par la hiérarchie"
                 + (f", pour {persons} personne(s)" if persons is not None else "") + ". "
                 + BOOK.info.rules["access.rights_requests_via_hierarchy"].why),
        )


def pick_validator(t: Any) -> str | None:
    """A column naming the person who validates the request in the hierarchy."""
    c = t.first("hierarchy_ref")
    if c is not None:
        return c.name
    for c in t.columns.values():
        low = c.name.lower()
        if any(w in low for w in ("valideur", "manager", "superieur", "hierarch", "n_plus_1", "responsable")):
            return c.name
    return None


@BOOK.rule("access.status_blind_reads_case_content")
def status_blind_reads_case_content(ctx: CheckContext) -> Iterator[Finding]:
    """Trainees, secretariat, reception, partners, software administrators reading case content."""
    m = build_model(ctx)
    for (table, role), grants in _by_role(m, lambda g: m.family(g.role) == "status_blind" and m.is_case(g.obj)).items():
        objs = sorted({g.obj for g in grants})
        n_accounts, n_active = _accounts(m, role)
        exposed, level, how = _role_exposure(ctx, m, role, grants)
        yield BOOK.finding(
            ctx, "access.status_blind_reads_case_content", table=table, column=_scope_col(ctx, table), subject=role,
            title=f"Le rôle « {role} », sans mission d'accompagnement, peut lire {tables_fr(objs)}",
            affected=exposed, total=m.persons_total(),
            evidence=[Evidence(record=None, excerpt=f"rôle « {role} » : lecture {tables_fr([g.obj], de=True)} (périmètre « {g.scope or 'aucun'} »)")
                      for g in grants],
            details={"role": role, "family": "status_blind", "objects": objs, "scopes": sorted({g.scope for g in grants}),
                     "accounts": n_accounts, "active_accounts": n_active, "persons_exposed": exposed,
                     "exposure_basis": how},
            why=(f"{plural(n_active, 'compte actif', 'comptes actifs')} ayant le rôle « {role} » ({FAMILY_LABELS['status_blind']}) "
                 f"peuvent lire {tables_fr(objs)} pour {exposed if exposed is not None else '?'} personne(s) ({how}). "
                 + BOOK.info.rules["access.status_blind_reads_case_content"].why),
            recommendation=(f"Retirer au rôle « {role} » la lecture {tables_fr(objs, de=True)} ; "
                            + BOOK.info.rules["access.status_blind_reads_case_content"].recommendation),
        )


@BOOK.rule("access.app_grant_beyond_intent")
def app_grant_beyond_intent(ctx: CheckContext) -> Iterator[Finding]:
    """Differences between what the policy says each role should read and what the application grants."""
    m = build_model(ctx)
    intent = m.cfg.get("intent", {}) or {}
    if not intent:
        return
    declared = {norm(r): (r, spec) for r, spec in intent.items()}
    rank = {"caseload": 0, "unit": 1, "region": 2, "all": 3, "unknown": 3}
    for (table, role), grants in _by_role(m, lambda g: norm(g.role) in declared).items():
        raw, spec = declared[norm(role)]
        allowed = {norm(o) for o in spec.get("read", [])}
        max_scope = spec.get("scope")
        max_level = scope_level(m.cfg, max_scope, True) if max_scope else None
        extra = sorted({g.obj for g in grants if norm(g.obj) not in allowed})
        wider = sorted({f"{g.obj} ({g.scope})" for g in grants if norm(g.obj) in allowed and max_level
                        and rank[g.level] > rank[max_level]})
        missing = sorted(o for o in spec.get("read", []) if norm(o) not in {norm(g.obj) for g in grants})
        if not extra and not wider:
            continue
        case_extra = [o for o in extra if m.is_case(o) or m.is_fact(o)]
        sev = Severity.HIGH if case_extra or wider else Severity.MEDIUM
        parts = []
        if extra:
            parts.append(f"lit en plus {', '.join(extra)}")
        if wider:
            parts.append(f"sur un périmètre plus large que « {max_scope} » : {', '.join(wider)}")
        yield BOOK.finding(
            ctx, "access.app_grant_beyond_intent", table=table, column=None, subject=role, severity=sev,
            title=f"Le rôle « {role} » {' ; '.join(parts)} que ce que prévoit la politique",
            affected=len(extra) + len(wider), total=len({g.obj for g in grants}),
            evidence=[Evidence(record=None, excerpt=f"rôle {role} : {p}") for p in parts],
            details={"role": role, "intended_read": sorted(spec.get("read", [])), "intended_scope": max_scope,
                     "extra_objects": extra, "wider_scope": wider, "intended_but_not_granted": missing},
            recommendation=(f"Aligner les droits du rôle « {role} » sur la politique : retirer "
                            f"{', '.join(extra + wider)} dans la table « {table} », ou, si ce droit est voulu, "
                            "l'ajouter à [access.intent] ou l'accepter comme exception."),
        )
