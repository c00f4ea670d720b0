"""The one programmatic door: used by the CLI, the tests and the benchmarks.

``audit()`` opens the source read-only, builds the catalog, runs the checks
and returns an :class:`AuditResult`; ``write_reports()`` renders it. Nothing
here prints: progress and log lines go through the callables given.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from auditor import __version__
from auditor.catalog import Catalog, build_catalog
from auditor.context import CheckContext, _no_progress
from auditor.errors import UserError
from auditor.findings import AuditResult, Finding, SourceInfo, TableSummary
from auditor.organisation import infer_service
from auditor.policy import Policy, load_policy
from auditor.redact import Pseudonymiser
from auditor.registry import load_checks, references, select
from auditor.sources import Source, open_source
from auditor.sources.perimeter import Scope

Log = Callable[[str], None]


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def scope_of(policy: Policy, schemas: list[str] | None = None, exclude_schemas: list[str] | None = None,
             all_databases: bool | None = None) -> Scope:
    """The schemas to cover: command-line options over the policy's [audit] schemas / exclude_schemas / all_databases."""
    return Scope(
        schemas=tuple(schemas if schemas else policy.audit.get("schemas", []) or []),
        exclude=tuple(exclude_schemas if exclude_schemas else policy.audit.get("exclude_schemas", []) or []),
        all_databases=bool(all_databases if all_databases is not None else policy.audit.get("all_databases", False)),
    )


def open_for_audit(spec: str, policy: Policy, interactive: bool | None = None, scope: Scope | None = None) -> Source:
    """Open the source with the policy's per-query timeout, list its perimeter; refuse an empty one."""
    timeout = policy.audit.get("query_timeout_s")
    source = open_source(spec, timeout_s=float(timeout) if timeout else None, interactive=interactive)
    try:
        source.set_scope(scope or scope_of(policy))
        perimeter = source.perimeter()
        if not perimeter.relations:
            raise perimeter.empty_error(source.display)
    except BaseException:
        source.close()
        raise
    return source


def perimeter_info(source: Source, catalog: Catalog) -> dict[str, Any]:
    """What the audit covered, for the report's method annex (empty for a single schema without views or gaps)."""
    per = source.perimeter()
    views = sorted(catalog.views.values(), key=lambda t: t.name)
    unread = [(t.name, t.error) for t in sorted([*catalog.tables.values(), *views], key=lambda t: t.name) if t.error]
    if not per.qualified and not views and not per.unexamined and not unread and len(per.schemas) <= 1:
        return {}
    return {
        "schemas": list(per.schemas),
        "schemas_seen": list(per.schemas_seen),
        "qualified": per.qualified,
        "tables": len(catalog.tables),
        "views": [{"name": v.name, "kind": v.kind_label, "reads": list(v.reads)} for v in views],
        "unexamined": [{"object": o, "reason": r} for o, r in [*per.unexamined, *unread]],
    }


def inspect_source(
    spec: str, policy_path: Path | None = None, interactive: bool | None = None, sample_size: int | None = None,
    schemas: list[str] | None = None, exclude_schemas: list[str] | None = None, all_databases: bool | None = None,
) -> tuple[Source, Catalog]:
    """Open ``spec`` and build its catalog; the caller closes the source."""
    policy = load_policy(policy_path)
    source = open_for_audit(spec, policy, interactive, scope_of(policy, schemas, exclude_schemas, all_databases))
    try:
        catalog = build_catalog(
            source,
            overrides=policy.tables,
            sample_size=sample_size or int(policy.audit.get("sample_size", 300)),
            policy_file=str(policy_path) if policy_path else None,
            model=policy.section("model"),
        )
    except BaseException:
        source.close()
        raise
    return source, catalog


def describe_checks(source: Source, catalog: Catalog, policy_path: Path | None = None) -> dict[str, Any]:
    """What each check understood of the source (checks that offer ``describe(ctx)``), for ``inspect``."""
    policy = load_policy(policy_path)
    out: dict[str, Any] = {}
    for name, check in load_checks().items():
        describe = getattr(check, "describe", None)
        if describe is None:
            continue
        ctx = CheckContext(source=source, catalog=catalog, policy=policy, pseudonymiser=Pseudonymiser(),
                           as_of=policy.as_of() or dt.date.today(), check_name=name)
        out[name] = describe(ctx)
    return out


def audit(
    spec: str,
    *,
    policy_path: Path | None = None,
    checks: list[str] | None = None,
    as_of: dt.date | None = None,
    sample: int | None = None,
    jobs: int | None = None,
    pseudonym_key_file: Path | None = None,
    commanditaire: str | None = None,
    baseline: Path | None = None,
    progress_factory: Any = None,
    log: Log | None = None,
    interactive: bool | None = None,
    excerpts: bool | None = None,
    schemas: list[str] | None = None,
    exclude_schemas: list[str] | None = None,
    all_databases: bool | None = None,
) -> AuditResult:
    """Run the audit and return its result (nothing is written).

    ``excerpts`` (``scan --extraits``) puts redacted excerpts of the free text in the
    evidence; by default (or ``[audit] extraits`` of the policy) a finding on writing
    gives counts, flagged lexicon terms and record pseudonyms only."""
    say = log or (lambda _msg: None)
    started = _now()
    policy = load_policy(policy_path)
    if excerpts is not None:
        policy.data.setdefault("audit", {})["extraits"] = bool(excerpts)
    available = load_checks()
    chosen = select(available, checks)
    validate_check_options(policy, available)
    base = load_baseline(baseline) if baseline else None
    as_of = as_of or policy.as_of() or dt.date.today()
    pseudo = Pseudonymiser.from_key_file(pseudonym_key_file) if pseudonym_key_file else Pseudonymiser()
    say("Ouverture de la source en lecture seule…")
    source = open_for_audit(spec, policy, interactive, scope_of(policy, schemas, exclude_schemas, all_databases))
    try:
        say(f"Source ouverte : {source.display} ({source.kind}).")
        progress_factory = progress_factory or _no_progress
        tables = source.table_names()
        per = source.perimeter()
        if per.qualified or any(r.is_view for r in per.relations):
            views = sum(1 for r in per.relations if r.is_view)
            say(f"Analyse du schéma : {len(tables) - views} table(s) et {views} vue(s) dans "
                f"{len(per.schemas)} schéma(s) ({', '.join(per.schemas)}).")
        else:
            say(f"Analyse du schéma : {len(tables)} table(s).")
        with progress_factory("Catalogue", len(tables)) as bar:
            catalog = build_catalog(
                source,
                overrides=policy.tables,
                sample_size=int(policy.audit.get("sample_size", 300)),
                policy_file=str(policy_path) if policy_path else None,
                on_table=lambda _name: bar.advance(1),
                model=policy.section("model"),
            )
        skipped: list[tuple[str, str]] = list(per.unexamined)
        skipped += [(t.name, t.error) for t in sorted([*catalog.tables.values(), *catalog.views.values()],
                                                       key=lambda t: t.name) if t.error]
        perimeter = perimeter_info(source, catalog)
        service = infer_service(catalog, policy.audit.get("service"))
        policy.data.setdefault("audit", {})["service_kind"] = service.kind  # the checks read it (rules that apply)
        say(f"Nature du service : {service.short} ({service.reason}).")
        findings: list[Finding] = []
        rules_info: dict[str, dict[str, Any]] = {}
        checks_info: dict[str, dict[str, str]] = {}
        for check in chosen:
            name = check.info.name
            say(f"Contrôle « {name} » : {check.info.title}…")
            ctx = CheckContext(
                source=source,
                catalog=catalog.with_views() if getattr(check, "reads_views", False) else catalog,
                policy=policy,
                pseudonymiser=pseudo,
                as_of=as_of,
                check_name=name,
                sample=sample,
                jobs=jobs or 1,
                progress_factory=progress_factory,
                option_defaults=dict(check.info.options),
            )
            got = list(check.run(ctx))
            say(f"Contrôle « {name} » terminé : {len(got)} constat(s).")
            findings.extend(got)
            skipped.extend(ctx.skipped)
            for rid, r in check.info.rules.items():
                rules_info[rid] = {"title": r.title, "check": name, "references": list(r.references)}
            checks_info[name] = {"title": check.info.title, "question": check.info.question,
                                 "description": check.info.description}
        findings = _dedupe(findings)
        accepted, findings = _apply_exceptions(findings, policy)
        fingerprint = source.fingerprint()
        source_info = SourceInfo(kind=source.kind if source.kind in {"sqlite", "postgresql", "mysql", "csv"} else "other",
                                 display=source.display, fingerprint=fingerprint)
        notes = list(source.notes)
    finally:
        source.close()
    result = AuditResult(
        tool_version=__version__,
        source=source_info,
        started_at=started,
        finished_at=_now(),
        checks_run=[c.info.name for c in chosen],
        findings=sorted(findings, key=Finding.sort_key),
        as_of=as_of.isoformat(),
        tables=[
            TableSummary(
                name=t.name,
                role=t.role,
                role_label=t.label,
                role_reason=t.reason,
                rows=t.rows,
                columns=tuple((c.name, c.kind) for c in t.columns.values()),
            )
            for t in sorted(catalog.tables.values(), key=lambda t: t.name)
        ],
        skipped=skipped,
        policy_info={**_policy_info(policy, policy_path, sample, catalog, notes, accepted, perimeter),
                     "service": service.as_dict()},
        rules_info=rules_info,
        checks_info=checks_info,
        references=references(),
        commanditaire=commanditaire,
    )
    result.audit_number = audit_number(result)
    if base is not None:
        apply_baseline(result, base)
    return result


def validate_check_options(policy: Policy, available: dict[str, Any]) -> None:
    """Every [checks.<name>] key of the user's policy must be an option the check declares."""
    from auditor.errors import PolicyError
    from auditor.policy import _line_of

    text = policy.path.read_text(encoding="utf-8") if policy.path else ""
    for name, opts in policy.user.get("checks", {}).items():
        where = f"{policy.path}, ligne {_line_of(text, name) or '?'}"
        if name not in available:
            raise PolicyError(f"Politique invalide ({where}) : le contrôle « {name} » n'existe pas ; contrôles : "
                              f"{', '.join(sorted(available))}.")
        declared = available[name].info.options
        if not isinstance(opts, dict):
            raise PolicyError(f"Politique invalide ({where}) : [checks.{name}] doit être une section.")
        unknown = [k for k in opts if declared and k not in declared]
        if unknown:
            line = _line_of(text, unknown[0]) or "?"
            raise PolicyError(
                f"Politique invalide ({policy.path}, ligne {line}) : l'option « {unknown[0]} » de [checks.{name}] "
                f"est inconnue ; options possibles : {', '.join(sorted(declared))}."
            )
        for key, value in opts.items():
            # an option declared as a table (per statistics table: a list of column names) must be given as one
            if isinstance(declared.get(key), dict) and not (
                    isinstance(value, dict)
                    and all(isinstance(v, list) and v and all(isinstance(x, str) and x for x in v) for v in value.values())):
                line = _line_of(text, key) or "?"
                raise PolicyError(
                    f"Politique invalide ({policy.path}, ligne {line}) : l'option « {key} » de [checks.{name}] doit associer "
                    f"à chaque table une liste de noms de colonnes, par exemple {key} = {{ \"stat_region\" = [\"nb_demandes\"] }}."
                )


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: dict[str, Finding] = {}
    for f in findings:
        if f.id in seen:
            raise RuntimeError(f"two findings share the id {f.id} ({f.rule}, {f.table}, {f.column}, {f.subject})")
        seen[f.id] = f
    return list(seen.values())


def _apply_exceptions(findings: list[Finding], policy: Policy) -> tuple[list[dict[str, Any]], list[Finding]]:
    accepted: list[dict[str, Any]] = []
    kept: list[Finding] = []
    rules = policy.exceptions()
    for f in findings:
        match = next(
            (
                e
                for e in rules
                if (e.get("id") == f.id)
                or (
                    "id" not in e
                    and e.get("rule") == f.rule
                    and e.get("table", f.table) == f.table
                    and e.get("column", f.column) == f.column
                )
            ),
            None,
        )
        if match is None:
            kept.append(f)
        else:
            accepted.append({"id": f.id, "rule": f.rule, "title": f.title, "table": f.table, "reason": match.get("reason"),
                             "accepted_by": match.get("accepted_by"), "until": str(match.get("until", ""))})
    return accepted, kept


def _policy_info(policy: Policy, path: Path | None, sample: int | None, catalog: Catalog, notes: list[str],
                 accepted: list[dict[str, Any]], perimeter: dict[str, Any] | None = None) -> dict[str, Any]:
    retention = []
    for key, spec in policy.section("retention").items():
        retention.append({
            "key": key,
            "label": spec.get("label", key),
            "period_months": spec.get("period_months"),
            "trigger": spec.get("trigger"),
            "action": spec.get("action"),
            "reference": spec.get("reference"),
            "basis": spec.get("basis", ""),
            "from_policy": key in policy.user.get("retention", {}),
            "confirmed": bool(spec.get("confirmed", False)),
        })
    out = {
        "policy_file": str(path) if path else None,
        "thresholds": dict(policy.thresholds),
        "sample_size": catalog.sample_size,
        "text_sample": sample,
        "retention": retention,
        "source_notes": notes,
        "accepted_exceptions": accepted,
        "service_model": _model_tree(catalog),
        "excerpts": bool(policy.audit.get("extraits", False)),
    }
    if perimeter:
        out["perimeter"] = perimeter
    return out


def _model_tree(catalog: Catalog) -> list[str]:
    """The service model that produced the figures, as the tree ``auditor inspect`` prints (for the method annex)."""
    if getattr(catalog, "model", None) is None:
        return []
    from auditor.model.view import tree

    return tree(catalog.model, timing=False)  # deterministic: no duration in the report


def audit_number(result: AuditResult) -> str:
    """A short number for the audit: date of the run and a digest of what was audited and found.

    ``AUD-YYYYMMDD-XXXXXX``: the same source, checks, evaluation date and findings
    on the same day give the same number; any change in them gives another.
    """
    h = hashlib.sha256()
    h.update(result.source.fingerprint.encode())
    h.update(("\x1f" + result.as_of + "\x1f" + ",".join(result.checks_run)).encode())
    for f in result.findings:
        h.update(f.id.encode())
    return f"AUD-{result.started_at[:10].replace('-', '')}-{h.hexdigest()[:6].upper()}"


def load_baseline(path: Path) -> dict[str, Any]:
    """Read an earlier ``findings.json`` (or the folder that holds it); raise UserError if it is not one."""
    path = Path(path)
    if path.is_dir():
        path = path / "findings.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(f"Le fichier de référence {path} n'existe pas : indiquez le findings.json d'un audit précédent.") from None
    except IsADirectoryError:
        raise UserError(f"{path} est un dossier sans findings.json : indiquez le findings.json d'un audit précédent.") from None
    except PermissionError:
        raise UserError(f"Le fichier de référence {path} n'est pas lisible (droits insuffisants).") from None
    except (ValueError, UnicodeDecodeError):
        raise UserError(f"Le fichier {path} n'est pas un findings.json d'auditor : indiquez le résultat JSON d'un audit précédent.") from None
    findings = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(findings, list) or not all(
        isinstance(f, dict) and isinstance(f.get("id"), str) and isinstance(f.get("check"), str) for f in findings
    ):
        raise UserError(f"Le fichier {path} n'est pas un findings.json d'auditor : indiquez le résultat JSON d'un audit précédent.")
    if data.get("schema_version", 1) != 1:
        raise UserError(
            f"Le fichier {path} suit une version {data.get('schema_version')} du format que cette version d'auditor ne lit pas : "
            "mettez auditor à jour."
        )
    return data


_SEVERITY_RANK = {"critical": 0, "high": 1, "medium": 2, "low": 3, "info": 4}


def _finding_order(f: dict[str, Any]) -> tuple[Any, ...]:
    loc = f.get("location") or {}
    return (_SEVERITY_RANK.get(f.get("severity", ""), 5), f.get("check", ""), f.get("rule", ""),
            loc.get("table") or "", loc.get("column") or "", f.get("subject") or "", f["id"])


def diff_findings(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Compare two findings.json documents by finding id (stable across runs).

    - ``new``: in the recent audit only;
    - ``resolved``: in the earlier audit only, and its check was run again;
    - ``persisting``: in both (the recent version, with ``previous``: the earlier
      severity, affected and total);
    - ``unchecked``: in the earlier audit only, but its check was not run this
      time, so nothing can be said about it (never counted as resolved);
    - ``accepted``: in the earlier audit only, and accepted since by a policy
      exception (not corrected: accepted).

    Each list is in report order (severity, check, rule, location).
    """
    old_by = {f["id"]: f for f in old.get("findings", [])}
    new_by = {f["id"]: f for f in new.get("findings", [])}
    ran = set(new.get("checks_run") or [f["check"] for f in new_by.values()])
    accepted_ids = {e.get("id") for e in new.get("accepted_exceptions", []) or [] if isinstance(e, dict)}
    out: dict[str, list[dict[str, Any]]] = {"new": [], "resolved": [], "persisting": [], "unchecked": [], "accepted": []}
    for i, f in new_by.items():
        if i in old_by:
            prev = old_by[i]
            out["persisting"].append(
                {**f, "previous": {k: prev.get(k) for k in ("severity", "affected", "total", "title")}}
            )
        else:
            out["new"].append(f)
    for i, f in old_by.items():
        if i in new_by:
            continue
        if i in accepted_ids:
            out["accepted"].append(f)
        elif f.get("check") not in ran:
            out["unchecked"].append(f)
        else:
            out["resolved"].append(f)
    for v in out.values():
        v.sort(key=_finding_order)
    return out


def apply_baseline(result: AuditResult, base: dict[str, Any]) -> None:
    """Record, on the result, which findings are new, resolved, persisting (or not re-examined) since ``base``."""
    from auditor.report.json import to_dict

    d = diff_findings(base, to_dict(result))
    result.baseline = {k: [f["id"] for f in v] for k, v in d.items()}
    result.baseline_resolved = d["resolved"]
    src = base.get("source") or {}
    result.baseline_info = {
        "audit_number": base.get("audit_number", ""),
        "started_at": base.get("started_at", ""),
        "as_of": base.get("as_of", ""),
        "source_display": src.get("display", ""),
        "source_fingerprint": src.get("fingerprint", ""),
        "same_data": bool(src.get("fingerprint")) and src.get("fingerprint") == result.source.fingerprint,
        "checks_run": list(base.get("checks_run") or []),
        "previous": {f["id"]: f["previous"] for f in d["persisting"]},
        "unchecked": d["unchecked"],
        "accepted": d["accepted"],
    }


def write_reports(result: AuditResult, out_dir: Path, formats: list[str], log: Log | None = None) -> list[Path]:
    """Render ``result`` in each format into ``out_dir``, all or nothing."""
    from auditor.report import write_all

    return write_all(result, out_dir, formats, log=log)


def decode_text(raw: bytes) -> str:
    """Decode a note: UTF-8 (with or without BOM), else the detected single-byte encoding."""
    from auditor.review import decode_text as _decode

    return _decode(raw)


def review_text(notes: list[str], policy_path: Path | None = None) -> list[list[Any]]:
    """Flags for each note, from the subjective check's analyser (lexicon and policy additions).

    Built by :mod:`auditor.review` without loading the other checks (see its test)."""
    from auditor.review import review_text as _review

    return _review(notes, policy_path=policy_path)
