"""Rules on accounts: generic or shared logins, accounts left active, stored passwords.

Passwords are classified in SQL (prefix, length, hexadecimal alphabet); only
counts and kinds leave the database, never a value.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa

from auditor.context import CheckContext
from auditor.model import generic_login
from auditor.findings import Evidence, Finding, Severity
from auditor.sqlutil import norm, truthy
from checks.access.base import BOOK, day_text, fmt_share, plural
from checks.access.model import _staff_model, access_config, build_model, staff_with_departure, vocab_match

STRONG = ("bcrypt", "argon2", "scrypt", "pbkdf2", "sha512crypt", "sha256crypt", "yescrypt")
WEAK = ("md5", "sha1", "sha256", "sha512", "md5crypt", "ldap_sha", "ldap_md5", "ldap_ssha")
KIND_FR = {
    "bcrypt": "bcrypt (lent et salé)", "argon2": "Argon2 (lent et salé)", "scrypt": "scrypt (lent et salé)",
    "pbkdf2": "PBKDF2 (lent et salé)", "sha512crypt": "SHA-512 crypt (salé, itéré)",
    "sha256crypt": "SHA-256 crypt (salé, itéré)", "yescrypt": "yescrypt (lent et salé)",
    "md5": "MD5 sans sel", "sha1": "SHA-1 sans sel", "sha256": "SHA-256 sans sel", "sha512": "SHA-512 sans sel",
    "md5crypt": "MD5 crypt (salé mais rapide)", "ldap_sha": "{SHA} sans sel", "ldap_md5": "{MD5} sans sel",
    "ldap_ssha": "{SSHA} (salé mais rapide)", "clear": "en clair", "empty": "vide",
}


def _staff_tables(ctx: CheckContext) -> list[Any]:
    m = build_model(ctx)
    sm = getattr(ctx.catalog, "model", None)
    out = []
    for t in ctx.catalog.by_role("staff"):
        if not t.columns:
            continue
        if sm is not None and m.staff is not None and t.name == m.staff.table.name and sm.staff == t.name:
            out.append(m.staff)  # the columns the service model found from the values
        else:
            out.append(_staff_model(t))
    return out


def password_kind(col: sa.ColumnElement) -> sa.ColumnElement:
    """SQL CASE giving the storage kind of a password value (bcrypt, md5, clear, ...)."""
    v = sa.cast(col, sa.Text)
    low = sa.func.lower(v)
    stripped = low
    for ch in "0123456789abcdef":
        stripped = sa.func.replace(stripped, ch, "")
    is_hex = sa.func.length(stripped) == 0
    n = sa.func.length(v)
    return sa.case(
        (sa.or_(v.is_(None), sa.func.trim(v) == ""), "empty"),
        (sa.or_(v.like("$2a$%"), v.like("$2b$%"), v.like("$2y$%"), v.like("$2x$%")), "bcrypt"),
        (v.like("$argon2%"), "argon2"),
        (sa.or_(v.like("$7$%"), v.like("$scrypt%"), v.like("scrypt:%")), "scrypt"),
        (sa.or_(low.like("pbkdf2%"), low.like("$pbkdf2%")), "pbkdf2"),
        (v.like("$y$%"), "yescrypt"),
        (v.like("$6$%"), "sha512crypt"),
        (v.like("$5$%"), "sha256crypt"),
        (v.like("$1$%"), "md5crypt"),
        (sa.func.upper(v).like("{SSHA}%"), "ldap_ssha"),
        (sa.func.upper(v).like("{SHA}%"), "ldap_sha"),
        (sa.func.upper(v).like("{MD5}%"), "ldap_md5"),
        (sa.and_(is_hex, n == 32), "md5"),
        (sa.and_(is_hex, n == 40), "sha1"),
        (sa.and_(is_hex, n == 64), "sha256"),
        (sa.and_(is_hex, n == 128), "sha512"),
        else_="clear",
    )


def _password_counts(ctx: CheckContext, sm: Any) -> dict[str, tuple[int, int]]:
    """kind -> (accounts, accounts with fewer than 12 characters), in SQL."""
    tab = ctx.table(sm.table)
    col = tab.c[sm.password]
    kind = password_kind(col).label("k")
    inner = sa.select(kind, col.label("v")).subquery()
    short = sa.func.sum(sa.case((sa.func.length(sa.cast(inner.c.v, sa.Text)) < 12, 1), else_=0))
    rows = ctx.rows(sa.select(inner.c.k, sa.func.count(), short).group_by(inner.c.k))
    return {str(k): (int(n), int(s or 0)) for k, n, s in rows}


@BOOK.rule("access.passwords_in_clear")
def passwords_in_clear(ctx: CheckContext) -> Iterator[Finding]:
    """Passwords stored in clear."""
    for sm in _staff_tables(ctx):
        if sm.password is None or not sm.table.rows:
            continue
        counts = _password_counts(ctx, sm)
        n, short = counts.get("clear", (0, 0))
        if not n:
            continue
        total = sum(v[0] for k, v in counts.items() if k != "empty")
        yield BOOK.finding(
            ctx, "access.passwords_in_clear", table=sm.table.name, column=sm.password, subject=None,
            title=f"{plural(n, 'mot de passe conservé', 'mots de passe conservés')} en clair",
            affected=n, total=total,
            evidence=[Evidence(record=None, excerpt=f"{n} valeur(s) lisible(s) telles quelles, dont {short} de moins de 12 caractères")],
            details={"clear": n, "clear_shorter_than_12": short, "accounts_with_password": total,
                     "kinds": {k: v[0] for k, v in sorted(counts.items())}},
            why=(f"{n} compte(s) sur {total} ont leur mot de passe lisible dans la colonne « {sm.password} » "
                 f"({short} font moins de 12 caractères, en dessous des 80 bits d'entropie recommandés). "
                 + BOOK.info.rules["access.passwords_in_clear"].why),
        )


@BOOK.rule("access.passwords_weak_hash")
def passwords_weak_hash(ctx: CheckContext) -> Iterator[Finding]:
    """Passwords hashed with a fast or unsalted function (MD5, SHA-1, plain SHA-2)."""
    for sm in _staff_tables(ctx):
        if sm.password is None or not sm.table.rows:
            continue
        counts = _password_counts(ctx, sm)
        weak = {k: v[0] for k, v in counts.items() if k in WEAK and v[0]}
        if not weak:
            continue
        n = sum(weak.values())
        total = sum(v[0] for k, v in counts.items() if k != "empty")
        strong = sum(v[0] for k, v in counts.items() if k in STRONG)
        kinds = ", ".join(f"{KIND_FR[k]} : {v}" for k, v in sorted(weak.items()))
        yield BOOK.finding(
            ctx, "access.passwords_weak_hash", table=sm.table.name, column=sm.password, subject=None,
            title=f"{plural(n, 'mot de passe', 'mots de passe')} haché(s) par une fonction rapide ou sans sel ({kinds})",
            affected=n, total=total,
            evidence=[Evidence(record=None, excerpt=f"{KIND_FR[k]} : {v} compte(s)") for k, v in sorted(weak.items())],
            details={"weak": weak, "strong": strong, "accounts_with_password": total,
                     "kinds": {k: v[0] for k, v in sorted(counts.items())}},
            why=(f"{n} compte(s) sur {total} ({fmt_share(n, total)}) : {kinds} ; {strong} seulement avec une fonction lente "
                 "et salée. " + BOOK.info.rules["access.passwords_weak_hash"].why),
        )


@BOOK.rule("access.passwords_identical_hashes")
def passwords_identical_hashes(ctx: CheckContext) -> Iterator[Finding]:
    """Accounts whose stored hash is identical to another account's: no salt, same password."""
    for sm in _staff_tables(ctx):
        if sm.password is None or not sm.table.rows:
            continue
        tab = ctx.table(sm.table)
        col = tab.c[sm.password]
        hashed = sa.and_(col.is_not(None), password_kind(col).not_in(["clear", "empty"]))
        dup = sa.select(col).where(hashed).group_by(col).having(sa.func.count() > 1)
        n = int(ctx.scalar(sa.select(sa.func.count()).select_from(tab).where(hashed, col.in_(dup))) or 0)
        if not n:
            continue
        groups = int(ctx.scalar(sa.select(sa.func.count()).select_from(dup.subquery())) or 0)
        biggest = int(ctx.scalar(sa.select(sa.func.max(sa.literal_column("c"))).select_from(
            sa.select(sa.func.count().label("c")).where(hashed).group_by(col).subquery())) or 0)
        total = int(ctx.scalar(sa.select(sa.func.count()).select_from(tab).where(hashed)) or 0)
        yield BOOK.finding(
            ctx, "access.passwords_identical_hashes", table=sm.table.name, column=sm.password, subject=None,
            title=f"{plural(n, 'compte partage', 'comptes partagent')} une empreinte de mot de passe avec un autre compte",
            affected=n, total=total,
            evidence=[Evidence(record=None, excerpt=f"{groups} empreinte(s) partagée(s), jusqu'à {biggest} comptes pour une même empreinte")],
            details={"accounts": n, "shared_hashes": groups, "largest_group": biggest, "hashed_accounts": total},
            why=(f"{n} compte(s) sur {total} ont la même empreinte qu'au moins un autre ({groups} empreinte(s) partagée(s), "
                 f"jusqu'à {biggest} comptes). " + BOOK.info.rules["access.passwords_identical_hashes"].why),
        )


def _letters(value: Any) -> str:
    return "".join(ch for ch in norm(value) if ch.isalpha())


def _named_login(login: Any, last: Any, first: Any) -> bool | None:
    """The login spells its holder's last or first name (None when there is nothing to compare)."""
    lg, ln, fn = _letters(login), _letters(last), _letters(first)
    if not lg or (len(ln) < 3 and len(fn) < 3):
        return None
    return (len(ln) >= 3 and ln in lg) or (len(fn) >= 3 and fn in lg)


def _generic(cfg: dict[str, Any], login: Any, last: Any, first: Any, has_names: bool, convention: bool = False) -> list[str]:
    why = []
    if login is not None and (vocab_match(login, cfg.get("generic_logins", [])) or generic_login(login)):
        why.append("identifiant générique")
    elif convention and _named_login(login, last, first) is False:
        why.append("identifiant qui ne contient pas le nom de son titulaire, contrairement à ceux des autres comptes (à vérifier)")
    if has_names:
        if norm(last) == "" and norm(first) == "":
            why.append("aucun titulaire nommé")
        elif vocab_match(last, cfg.get("generic_holder_words", [])) or vocab_match(first, cfg.get("generic_holder_words", [])):
            why.append("titulaire désigné par un poste ou un groupe")
    return why


@BOOK.rule("access.generic_accounts")
def generic_accounts(ctx: CheckContext) -> Iterator[Finding]:
    """Generic or shared logins and accounts without a named holder."""
    cfg = access_config(ctx)
    m = build_model(ctx)
    for sm in _staff_tables(ctx):
        if sm.pk is None or (sm.login is None and sm.last_name is None) or not sm.table.rows:
            continue
        tab = ctx.table(sm.table)
        cols = [tab.c[sm.pk]]
        cols += [tab.c[c] if c else sa.null() for c in (sm.login, sm.last_name, sm.first_name, sm.role)]
        cols.append(truthy(tab.c[sm.active]) if sm.active else sa.literal(True))
        hits: list[tuple[Any, str, list[str], bool]] = []
        n = active = 0
        by_reason: dict[str, int] = {}
        # the service's own login convention, learnt from the data: when nearly every login spells its holder's
        # name, a login that does not is a post or a group's (a name printed on a shared account is a placeholder)
        named = total_named = 0
        if sm.login and (sm.last_name or sm.first_name):
            for chunk in ctx.stream(sa.select(*cols[1:4])):
                for login, last, first in chunk:
                    ok = _named_login(login, last, first)
                    if ok is not None:
                        total_named += 1
                        named += 1 if ok else 0
        convention = total_named >= 10 and named >= 0.85 * total_named
        for chunk in ctx.stream(sa.select(*cols).order_by(tab.c[sm.pk])):
            for pk, login, last, first, role, is_active in chunk:
                why = _generic(cfg, login, last, first, sm.last_name is not None or sm.first_name is not None, convention)
                if not why:
                    continue
                n += 1
                active += 1 if is_active else 0
                for w in why:
                    by_reason[w] = by_reason.get(w, 0) + 1
                if len(hits) < 20:
                    hits.append((pk, str(role or "sans rôle"), why, bool(is_active)))
        if not n:
            continue
        case_roles = sorted({r for _pk, r, _w, _a in hits if any(g.role == r and m.is_case(g.obj) for g in m.grants)})
        yield BOOK.finding(
            ctx, "access.generic_accounts", table=sm.table.name, column=sm.login or sm.last_name, subject=None,
            title=f"{plural(n, 'compte générique ou partagé', 'comptes génériques ou partagés')} sans titulaire nommé",
            affected=n, total=sm.table.rows,
            evidence=[Evidence(record=ctx.pseudonym(sm.table.name, pk, prefix="ACC"),
                               excerpt=f"compte {'actif' if a else 'inactif'}, rôle {r} : {', '.join(w)}") for pk, r, w, a in hits],
            details={"accounts": n, "active": active, "reasons": by_reason, "roles_reading_case_content": case_roles},
            severity=Severity.HIGH if case_roles or active else Severity.MEDIUM,
            why=(f"{n} compte(s) ({active} actif(s)) ne désignent pas une personne"
                 + ((f" ; le rôle « {case_roles[0]} » qu'ils portent lit des dossiers" if len(case_roles) == 1 else
                     " ; les rôles " + ", ".join(f"« {r} »" for r in case_roles) + " qu'ils portent lisent des dossiers")
                    if case_roles else "")
                 + ". " + BOOK.info.rules["access.generic_accounts"].why),
        )


@BOOK.rule("access.departed_accounts_active")
def departed_accounts_active(ctx: CheckContext) -> Iterator[Finding]:
    """Accounts still active after their holder's departure date."""
    as_of = ctx.as_of.isoformat()
    for sm in _staff_tables(ctx):
        if sm.active is None or sm.departure is None or sm.pk is None:
            continue
        tab = ctx.table(sm.table)
        frm, dep_col = staff_with_departure(ctx, sm, tab)
        left = sa.and_(truthy(tab.c[sm.active]), day_text(dep_col).is_not(None), day_text(dep_col) < as_of)
        role = tab.c[sm.role] if sm.role else sa.literal("sans rôle")
        rows = ctx.rows(sa.select(tab.c[sm.pk], role, day_text(dep_col)).select_from(frm).where(left).order_by(tab.c[sm.pk]).limit(50))
        if not rows:
            continue
        n = int(ctx.scalar(sa.select(sa.func.count()).select_from(frm).where(left)))
        yield BOOK.finding(
            ctx, "access.departed_accounts_active", table=sm.table.name, column=sm.active, subject=None,
            title=(f"{plural(n, 'compte encore actif', 'comptes encore actifs')} après le départ de "
                   f"{'son titulaire' if n <= 1 else 'leur titulaire'}"),
            affected=n, total=sm.table.rows,
            evidence=[Evidence(record=ctx.pseudonym(sm.table.name, pk, prefix="ACC"), excerpt=f"rôle {r}, compte actif, date de départ passée")
                      for pk, r, d in rows],
            details={"accounts": n, "roles": sorted({str(r) for _pk, r, _d in rows})},
            why=(f"{n} compte(s) restent actifs alors que la date de départ (colonne « {sm.departure} ») est passée au "
                 f"{as_of}. " + BOOK.info.rules["access.departed_accounts_active"].why),
        )
