"""Command line: parse, call the API, render, exit code. Nothing else lives here."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import traceback
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, Iterator, Optional

import typer
from typer._click import exceptions as click  # typer vendors its own copy of click
from rich.console import Console

from auditor import __version__, interrupt
from auditor.errors import EXIT_ERROR, EXIT_FINDINGS, EXIT_INTERRUPTED, EXIT_OK, UserError
from auditor.findings import Severity

def _french_help() -> None:
    """Put the few fixed words of the generated help in French (typer has no French catalogue)."""
    import typer.core as tcore
    from typer._click import decorators as tdeco
    from typer._click import formatting as tfmt

    words = {"Arguments": "Arguments", "Options": "Options", "Commands": "Commandes"}
    tcore._ = lambda text: words.get(text, text)  # type: ignore[attr-defined]
    original_help = tdeco.help_option

    def help_option(param_decls: list[str]) -> Any:
        decorate = original_help(param_decls)

        def apply(cmd: Any) -> Any:
            cmd = decorate(cmd)
            cmd.params[-1].help = "Afficher cette aide et quitter."
            return cmd

        return apply

    tdeco.help_option = help_option  # type: ignore[assignment]
    original_usage = tfmt.HelpFormatter.write_usage

    def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        original_usage(self, prog, args, "Utilisation : " if prefix is None else prefix)

    tfmt.HelpFormatter.write_usage = write_usage  # type: ignore[method-assign]


_french_help()

app = typer.Typer(
    name="auditor",
    help="Audit de confidentialité des bases de données des services sociaux : accès, données nominatives, "
    "écrits subjectifs, durées de conservation.",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

_DEBUG = {"on": False}
SEVERITY_NAMES = [s.value for s in Severity]


def _err_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def _out_console() -> Console:
    return Console(highlight=False, soft_wrap=True)


def _log(msg: str) -> None:
    print(f"[{dt.datetime.now().strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


_LIVE: list[Any] = []


class _Bar:
    """Advance one task of a rich progress display."""

    def __init__(self, progress: Any, task: Any) -> None:
        self.progress, self.task = progress, task

    def advance(self, n: int = 1) -> None:
        self.progress.advance(self.task, n)


@contextmanager
def _rich_progress(description: str, total: int | None) -> Iterator[Any]:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task: Any) -> Text:
            speed = task.finished_speed or task.speed
            return Text("" if speed is None else f"{speed:,.0f}/s".replace(",", "\u202f"))

    if _LIVE:  # a bar inside another (a check's text pass inside its rules): one display, one more line
        progress = _LIVE[-1]
        task = progress.add_task(description, total=total)
        try:
            yield _Bar(progress, task)
        finally:
            progress.remove_task(task)
        return
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeRemainingColumn(),
        console=_err_console(),
        transient=True,
    ) as progress:
        _LIVE.append(progress)
        try:
            yield _Bar(progress, progress.add_task(description, total=total))
        finally:
            _LIVE.pop()


def _progress_factory() -> Any:
    if sys.stderr.isatty():
        return _rich_progress
    return None


def _parse_list(value: str | None, allowed: tuple[str, ...] | None, what: str) -> list[str] | None:
    if value is None:
        return None
    items = [v.strip() for v in value.split(",") if v.strip()]
    if allowed is not None:
        bad = [v for v in items if v not in allowed]
        if bad:
            raise UserError(f"{what} inconnu : {', '.join(bad)} ; valeurs possibles : {', '.join(allowed)}.")
    return items


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UserError(f"La date « {value} » n'est pas au format AAAA-MM-JJ (par exemple 2026-06-30).") from None


@app.callback(invoke_without_command=True)
def _root(
    ctx: typer.Context,
    debug: Annotated[bool, typer.Option("--debug", help="Afficher la trace complète en cas d'erreur.")] = False,
    version: Annotated[bool, typer.Option("--version", help="Afficher la version et quitter.")] = False,
) -> None:
    _DEBUG["on"] = debug
    if version:
        print(f"auditor {__version__}")
        raise typer.Exit(EXIT_OK)
    if ctx.invoked_subcommand is None:
        print(ctx.get_help())
        raise typer.Exit(EXIT_OK)


@app.command()
def scan(
    source: Annotated[str, typer.Argument(help="Base SQLite, URL SQLAlchemy, fichier CSV ou dossier d'exports CSV.")],
    policy: Annotated[Optional[Path], typer.Option("--policy", help="Fichier de politique TOML.")] = None,
    out: Annotated[Optional[Path], typer.Option("--out", help="Dossier où écrire les rapports (défaut : ./audit-AAAA-MM-JJ).")] = None,
    fmt: Annotated[str, typer.Option("--format", help="Formats, séparés par des virgules : json,html,pdf,csv (csv : constats.csv et plan_action_aipd.csv).")] = "json,html,pdf",
    checks: Annotated[Optional[str], typer.Option("--checks", help="Contrôles à lancer : access,nominative,subjective,retention.")] = None,
    fail_on: Annotated[Optional[str], typer.Option("--fail-on", help="Gravité à partir de laquelle le code de sortie vaut 1 (défaut : high).")] = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="Date d'évaluation AAAA-MM-JJ (défaut : aujourd'hui).")] = None,
    baseline: Annotated[Optional[Path], typer.Option("--baseline", help="findings.json (ou dossier) d'un audit précédent, pour comparer.")] = None,
    key_file: Annotated[Optional[Path], typer.Option("--pseudonym-key-file", help="Clé de pseudonymisation à conserver d'un audit à l'autre.")] = None,
    commanditaire: Annotated[Optional[str], typer.Option("--commanditaire", help="Qui a demandé l'audit (figure sur la page de garde).")] = None,
    sample: Annotated[Optional[int], typer.Option("--sample", help="Analyse rapide : nombre de lignes de texte lues par colonne (estimation).")] = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", help="Processus d'analyse du texte (défaut : tous les cœurs).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", help="Ne pas afficher le journal des étapes.")] = False,
    show_source_path: Annotated[bool, typer.Option("--show-source-path", help="Donner le chemin complet de la base auditée dans l'annexe de méthode (par défaut, seuls son nom et son empreinte figurent dans les rapports).")] = False,
    extraits: Annotated[bool, typer.Option("--extraits", help="Citer des extraits expurgés des écrits dans le rapport (par défaut : termes relevés et comptes seulement). Le rapport ne doit alors pas être diffusé.")] = False,
    schema: Annotated[Optional[list[str]], typer.Option("--schema", metavar="SCHÉMA", help="Schéma (ou base MySQL) à examiner ; répétable. Défaut : tous les schémas lisibles.")] = None,
    exclude_schema: Annotated[Optional[list[str]], typer.Option("--exclude-schema", metavar="SCHÉMA", help="Schéma (ou base MySQL) à ne pas examiner ; répétable.")] = None,
    all_databases: Annotated[bool, typer.Option("--all-databases", help="MySQL/MariaDB : examiner toutes les bases visibles du compte, pas seulement celle de l'URL.")] = False,
) -> None:
    """Auditer une base et écrire findings.json, l'avis (avis.pdf, avis.html) et le rapport complet (rapport.pdf, rapport.html)."""
    from auditor import api
    from auditor.policy import load_policy
    from auditor.report import FORMATS
    from auditor.report.terminal import print_summary

    formats = _parse_list(fmt, FORMATS, "Format") or ["json"]
    check_list = _parse_list(checks, None, "Contrôle")
    if fail_on is not None and fail_on not in SEVERITY_NAMES:
        raise UserError(f"--fail-on vaut « {fail_on} » ; choisissez parmi {', '.join(SEVERITY_NAMES)}.")
    when = _parse_date(as_of)
    if sample is not None and sample <= 0:
        raise UserError("--sample doit être un nombre entier positif de lignes.")
    if jobs is not None and jobs <= 0:
        raise UserError("--jobs doit être un nombre entier positif.")
    pol = load_policy(policy)
    threshold = Severity(fail_on or pol.audit.get("fail_on", "high"))
    if extraits or pol.audit.get("extraits"):
        _err_console().print(
            "Attention : le rapport contiendra des extraits (expurgés) des écrits des dossiers. Même sans nom, une phrase "
            "peut désigner une personne : ne le diffusez pas, ne le joignez pas à un courrier ni à une plainte, et "
            "détruisez-le après usage.")
    result = api.audit(
        source,
        policy_path=policy,
        checks=check_list,
        as_of=when,
        sample=sample,
        jobs=jobs or (os.cpu_count() or 1),
        pseudonym_key_file=key_file,
        commanditaire=commanditaire,
        baseline=baseline,
        progress_factory=_progress_factory(),
        log=None if quiet else _log,
        excerpts=True if extraits else None,
        schemas=schema or None,
        exclude_schemas=exclude_schema or None,
        all_databases=all_databases or None,
    )
    result.show_source_path = show_source_path
    out_dir = out or Path(f"audit-{dt.date.today().isoformat()}")
    if not quiet:
        _log(f"Écriture des rapports ({', '.join(formats)}) dans {out_dir}…")
    written = api.write_reports(result, out_dir, formats, log=None if quiet else _log)
    print_summary(result, written, _out_console(), threshold)
    worst = result.worst()
    raise typer.Exit(EXIT_FINDINGS if worst is not None and worst.at_least(threshold) else EXIT_OK)


@app.command()
def inspect(
    source: Annotated[str, typer.Argument(help="Base SQLite, URL SQLAlchemy, fichier CSV ou dossier d'exports CSV.")],
    policy: Annotated[Optional[Path], typer.Option("--policy", help="Fichier de politique TOML.")] = None,
    write_policy: Annotated[Optional[Path], typer.Option("--write-policy", help="Écrire ce qui a été compris comme politique modifiable.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="text ou json.")] = "text",
    schema: Annotated[Optional[list[str]], typer.Option("--schema", metavar="SCHÉMA", help="Schéma (ou base MySQL) à examiner ; répétable. Défaut : tous les schémas lisibles.")] = None,
    exclude_schema: Annotated[Optional[list[str]], typer.Option("--exclude-schema", metavar="SCHÉMA", help="Schéma (ou base MySQL) à ne pas examiner ; répétable.")] = None,
    all_databases: Annotated[bool, typer.Option("--all-databases", help="MySQL/MariaDB : examiner toutes les bases visibles du compte, pas seulement celle de l'URL.")] = False,
) -> None:
    """Montrer ce qu'auditor a compris de la source : rôle des tables, type des colonnes, et pourquoi."""
    from auditor import api
    from auditor.inspect_view import catalog_to_dict, policy_toml, print_catalog, print_model, print_understood

    if fmt not in ("text", "json"):
        raise UserError(f"Format « {fmt} » inconnu pour inspect : choisissez text ou json.")
    src, catalog = api.inspect_source(source, policy, schemas=schema or None, exclude_schemas=exclude_schema or None,
                                      all_databases=all_databases or None)
    try:
        display = src.display
        understood = api.describe_checks(src, catalog, policy)
    finally:
        src.close()
    if fmt == "json":
        doc = catalog_to_dict(catalog, display)
        doc["checks"] = understood
        if getattr(catalog, "model", None) is not None:
            from auditor.model.view import tree

            doc["model"] = tree(catalog.model)
        print(json.dumps(doc, ensure_ascii=False, indent=2, default=str))
    else:
        console = _out_console()
        print_catalog(catalog, display, console)
        print_model(catalog, console)
        print_understood(understood, console)
    if write_policy is not None:
        from auditor.report.atomic import write_text_atomic

        write_text_atomic(write_policy, policy_toml(catalog, display))
        print(f"Politique écrite : {write_policy}", file=sys.stderr)


@app.command()
def text(
    file: Annotated[str, typer.Argument(help="Fichier texte à relire, ou - pour l'entrée standard.")] = "-",
    per_line: Annotated[bool, typer.Option("--per-line", help="Une note par ligne.")] = False,
    fmt: Annotated[str, typer.Option("--format", help="text (défaut) ou json.")] = "text",
    policy: Annotated[Optional[Path], typer.Option("--policy", help="Fichier de politique TOML (entrées de lexique ajoutées ou retirées).")] = None,
) -> None:
    """Relire une note avant de l'enregistrer : jugements, suppositions, données sensibles, tiers, identifiants."""
    from auditor import review as api  # the light path: no catalog, no SQL, no other check
    from auditor.text_view import print_review, review_to_json

    if fmt not in ("text", "json"):
        raise UserError(f"Format « {fmt} » inconnu pour text : choisissez text ou json.")
    if file == "-":
        raw = sys.stdin.buffer.read()
    else:
        p = Path(file)
        try:
            raw = p.read_bytes()
        except FileNotFoundError:
            raise UserError(f"Le fichier {file} n'existe pas : vérifiez le chemin.") from None
        except IsADirectoryError:
            raise UserError(f"{file} est un dossier : indiquez un fichier texte.") from None
        except PermissionError:
            raise UserError(f"Le fichier {file} n'est pas lisible (droits insuffisants).") from None
    content = api.decode_text(raw)
    notes = [line for line in content.splitlines()] if per_line else [content]
    reviews = api.review_text(notes, policy_path=policy)
    if fmt == "json":
        print(json.dumps(review_to_json(reviews), ensure_ascii=False, indent=2))
    else:
        print_review(notes, reviews, _out_console())


@app.command()
def serve(
    host: Annotated[Optional[str], typer.Option("--host", metavar="IP", help="Adresse d'écoute (par défaut 127.0.0.1 : cette machine seulement).")] = None,
    port: Annotated[int, typer.Option("--port", help="Port d'écoute (par défaut 8081, celui de LanguageTool).")] = 8081,
    policy: Annotated[Optional[Path], typer.Option("--policy", help="Fichier de politique TOML (entrées de lexique ajoutées ou retirées).")] = None,
    allow_origin: Annotated[Optional[list[str]], typer.Option("--allow-origin", metavar="URL", help="Origine d'une page web autorisée à appeler le serveur (https://dossier.exemple.fr) ; répétable. Les extensions de navigateur sont toujours autorisées.")] = None,
) -> None:
    """Relire les notes là où elles s'écrivent : serveur compatible LanguageTool (LibreOffice, extension de navigateur)."""
    from auditor.serve import run

    run(host, port, policy_path=policy, allow_origins=allow_origin or (), log=_log)


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(help="findings.json de l'audit précédent.")],
    new: Annotated[Path, typer.Argument(help="findings.json de l'audit récent.")],
    fmt: Annotated[str, typer.Option("--format", help="text (défaut) ou json.")] = "text",
) -> None:
    """Comparer deux audits : constats nouveaux, résolus et persistants."""
    from auditor import api

    d = api.diff_findings(api.load_baseline(old), api.load_baseline(new))
    if fmt == "json":
        print(json.dumps({k: [{"id": f["id"], "rule": f["rule"], "title": f["title"], "severity": f["severity"],
                               "location": f["location"]} for f in v] for k, v in d.items()}, ensure_ascii=False, indent=2))
    else:
        labels = {"new": "Nouveaux", "resolved": "Résolus", "persisting": "Persistants",
                  "unchecked": "Non réexaminés (contrôle non relancé)", "accepted": "Acceptés par une exception"}
        for key in ("new", "resolved", "persisting", "unchecked", "accepted"):
            print(f"{labels[key]} : {len(d.get(key, []))}")
            for f in d.get(key, []):
                loc = f["location"]
                where = (loc.get("table") or "") + (f".{loc['column']}" if loc.get("column") else "")
                print(f"  [{f['severity']}] {f['title']} ({where}) {f['id']}")
    raise typer.Exit(EXIT_FINDINGS if d["new"] else EXIT_OK)


def _french_usage(exc: click.ClickException) -> str:
    msg = exc.format_message()
    if isinstance(exc, click.NoSuchOption):
        return f"Option inconnue : {exc.option_name} ; voyez « auditor --help »."
    if isinstance(exc, click.MissingParameter):
        return "Argument manquant : indiquez la source à auditer (voyez « auditor scan --help »)."
    if isinstance(exc, click.BadParameter):
        return f"Valeur invalide : {msg} (voyez « auditor --help »)."
    if isinstance(exc, click.UsageError):
        return f"Commande mal formée : {msg} (voyez « auditor --help »)."
    return msg


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    _DEBUG["on"] = "--debug" in args
    interrupt.install()
    try:
        try:
            rv = app(args=args, standalone_mode=False, prog_name="auditor")
        except typer.Exit as exc:  # raised through click with standalone_mode=False
            rv = exc.exit_code
        if rv == EXIT_INTERRUPTED:  # typer turns Ctrl-C into Exit(130)
            print("auditor : interrompu ; aucun rapport n'a été écrit.", file=sys.stderr)
        return int(rv or 0)
    except typer.Abort:
        print("auditor : interrompu ; aucun rapport n'a été écrit.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except click.NoArgsIsHelpError as exc:
        print(exc.ctx.get_help() if exc.ctx else "")
        return EXIT_OK
    except click.ClickException as exc:
        print(f"auditor : {_french_usage(exc)}", file=sys.stderr)
        return EXIT_ERROR
    except UserError as exc:
        if _DEBUG["on"]:
            traceback.print_exc()
        print(f"auditor : {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("auditor : interrompu ; aucun rapport n'a été écrit.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - never a traceback for the user
        if _DEBUG["on"]:
            traceback.print_exc()
        print(
            f"auditor : erreur interne inattendue ({exc.__class__.__name__}) ; relancez avec --debug "
            "et signalez le problème avec la trace (elle ne contient pas les données auditées).",
            file=sys.stderr,
        )
        return EXIT_ERROR


def run() -> None:
    """Console script wrapper."""
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    run()
