"""The service model as a short French tree (``auditor inspect``) and as a ``[model]`` policy section."""

from __future__ import annotations

from typing import Any

from auditor.model import CONF_FR, Link, ServiceModel


# what each account column is, in the tree a person reads (the [model] policy keeps the English keys)
STAFF_COLUMNS_FR = {"login": "identifiant", "role": "rôle", "active": "actif", "departure": "date de départ",
                    "password": "mot de passe", "unit": "unité", "email": "e-mail", "status": "statut"}


def _lk(lk: Link | None) -> str:
    return lk.short() if lk is not None else "non trouvé"


def tree(m: ServiceModel, timing: bool = True) -> list[str]:
    """Lines of the model tree, with the reason of each link."""
    out = ["Modèle du service (relié par les valeurs, pas seulement par les noms)"]
    if m.persons:
        out.append(f"├ personnes{' (salariés : service social du travail)' if m.workplace_hr else ''} : {m.persons}"
                   f" (clé {m.person_key}) — {m.persons_reason}")
        if m.person_unit:
            out.append(f"│  └ unité : {_lk(m.person_unit)}")
        for mk in m.archive:
            out.append(f"│  └ archivage : {mk.reason}")
        if m.closure:
            out.append(f"│  └ clôture : {m.closure}" + (f" ({m.closure_reason})" if m.closure_reason and m.closure_reason != "nom de la colonne" else ""))
        for ex in m.not_followed:
            out.append(f"│  └ hors personnes suivies : {ex.reason}")
        for c in m.contacts:
            out.append(f"│  ← contacts {c.table} via {_lk(c.person)} ; dates : {', '.join(c.dates) or 'aucune'}")
    else:
        out.append("├ personnes : NON TROUVÉES")
    if m.staff:
        cols = ", ".join(f"{STAFF_COLUMNS_FR.get(k, k)} « {v} »" for k, v in m.staff_columns.items()
                         if v and k not in ("last_name", "first_name"))
        out.append(f"├ comptes : {m.staff} (clé {m.staff_key}) — {m.staff_reason}")
        out.append(f"│  └ colonnes : {cols or 'aucune reconnue'}")
        if m.staff_profile:
            out.append(f"│  └ date de départ : {m.staff_profile[0]}.{m.staff_profile[2]} — {m.staff_profile_reason}")
        if m.staff_unit:
            out.append(f"│  └ unité : {_lk(m.staff_unit)}")
    else:
        out.append("├ comptes : NON TROUVÉS")
    out.append(f"├ unités : {m.units or 'non trouvées'}" + (f" (clé {m.unit_key})" if m.units else ""))
    from auditor.model.groups import tree_lines

    out += tree_lines(m)
    for a in m.assignments:
        what = f"personne {_lk(a.person)}" if a.person else f"unité {_lk(a.unit)}"
        period = f" ; période {a.start or '?'} → {a.end or '?'}" if (a.start or a.end) else ""
        out.append(f"├ affectations {a.table} : professionnel {_lk(a.staff)}, {what}{period}")
    for f in getattr(m, "files", None) or []:
        out.append(f"├ dossiers {f.table} (clé {f.key}) : personne {_lk(f.person)}"
                   + (f", référent {_lk(f.staff)}" if f.staff is not None else "") + (f", unité {_lk(f.unit)}" if f.unit is not None else ""))
    for d in getattr(m, "delegations", None) or []:
        out.append(f"├ délégations {d.table} : titulaire {_lk(d.giver)}, remplaçant {_lk(d.taker)} ; période {d.start} → {d.end}")
    for tm in getattr(m, "teams", None) or []:
        out.append(f"├ équipes {tm.team_table} : membres {tm.members} ({_lk(tm.member_staff)}, période {tm.member_start} → "
                   f"{tm.member_end}), suivi {tm.follows} ({_lk(tm.follow_person)}, période {tm.follow_start} → {tm.follow_end})")
    for lg in m.logs:
        out.append(f"├ journal {lg.table} : lecteur {_lk(lg.reader)}"
                   + (f" puis {lg.reader_via.table}.{_lk(lg.reader_via)} (le compte de la session)" if getattr(lg, "reader_via", None) is not None else "")
                   + f", personne lue {_lk(lg.person)}"
                   + (f" après « {lg.person_extract[0]} » ({lg.person_extract[1]} caractères)" if getattr(lg, "person_extract", None) else "")
                   + (f" puis {_lk(lg.via)}" if getattr(lg, "via", None) is not None else "")
                   + (f" sur les lignes où {lg.object_type} vaut {', '.join(map(str, lg.object_values))}" if lg.object_type else "")
                   + ", "
                   f"quand {lg.time or 'non trouvé'}, action {lg.action or 'non trouvée'}"
                   + (f" (lectures : {', '.join(map(str, lg.read_values))})" if lg.read_values else "")
                   + (f" — {lg.action_reason}" if lg.action_reason and not lg.action_sure else ""))
    for p in m.permissions:
        out.append(f"├ droits {p.table} : rôle {p.role}, objet {p.obj or '?'}, périmètre {p.scope or '?'}, "
                   f"lecture {', '.join(p.reads) or '?'} — {p.reason}")
    out += rights_tree(m)
    for miss in m.missing:
        out.append(f"├ MANQUE : {miss}")
    weak = m.weak_links()
    if weak:
        out.append(f"├ liens à vérifier : {len(weak)} ({', '.join(f'{lk.table}.{lk.column}' for lk in weak[:6])}{'…' if len(weak) > 6 else ''})")
    out.append(f"└ {m.tests} requêtes de preuve" + (f", {m.seconds:.2f} s" if timing else ""))
    return out


def rights_tree(m: ServiceModel) -> list[str]:
    """Lines of the tree for roles held through a join table and the perimeter read from each right's filter."""
    from auditor.model.rights import LEVEL_FR

    rg = m.rights
    if rg is None:
        return []
    out = []
    for ms in rg.memberships:
        out.append(f"├ rôles des comptes par {ms.table} : {ms.reason}")
    if rg.composite:
        out.append(f"│  └ rôles composés : {rg.composite[0]} (« {rg.composite[1]} » inclut « {rg.composite[2]} »)")
    for g in rg.grants:
        out.append(f"│  └ droit du rôle « {g.role} » sur {g.obj} : {LEVEL_FR.get(g.level, g.level)} — {g.level_reason} (lu dans {g.table})")
    for u in rg.unread:
        out.append(f"├ À VÉRIFIER : {u}")
    return out


def policy_section(m: ServiceModel) -> dict[str, Any]:
    """The model as a ``[model]`` policy section a DPO can correct (``scan --policy`` takes it as given)."""
    sec: dict[str, Any] = {}
    for key in ("persons", "staff", "units"):
        if getattr(m, key):
            sec[key] = getattr(m, key)
    links: dict[str, str] = {}
    used: list[Link | None] = [m.person_unit, m.staff_unit]
    for a in m.assignments:
        used += [a.staff, a.person, a.unit]
    for lg in m.logs:
        used += [lg.reader, lg.person, getattr(lg, "via", None), getattr(lg, "reader_via", None)]
    for c in m.contacts:
        used += [c.person, c.staff]
    for g in getattr(m, "groups", []):
        used.append(g.members)
    for lk in used:
        if lk is not None and lk.how != "extraction":  # a key inside a path is not a column naming the person
            links[f"{lk.table}.{lk.column}"] = f"{lk.target}.{lk.target_column}"
    reads = sorted({str(v) for lg in m.logs if lg.action for v in lg.read_values})
    if reads:
        sec["read_actions"] = reads
    if links:
        sec["links"] = dict(sorted(links.items()))
    if m.rights is not None:
        sec["roles"] = m.rights.roles
        if m.rights.memberships:
            sec["role_members"] = m.rights.memberships[0].table
        scopes = {g.scope: g.level for g in m.rights.grants}  # "" : a right without any filter
        if scopes:
            sec["scopes"] = dict(sorted(scopes.items()))
    objects = {lg.table: {"column": lg.object_type, "values": list(lg.object_values)} for lg in m.logs
               if lg.object_type and lg.object_values}
    if objects:
        sec["log_objects"] = dict(sorted(objects.items()))
    paths = {lg.table: {"column": lg.person.column, "prefix": lg.person_extract[0], "length": lg.person_extract[1]}
             for lg in m.logs if getattr(lg, "person_extract", None) is not None and lg.person is not None}
    if paths:
        sec["log_paths"] = dict(sorted(paths.items()))
    groups = {g.table: f"{g.members.table}.{g.members.column}" for g in getattr(m, "groups", [])}
    if groups:
        sec["groups"] = dict(sorted(groups.items()))
    return sec


def confidence_fr(level: str) -> str:
    """French word for a confidence level."""
    return CONF_FR.get(level, level)
