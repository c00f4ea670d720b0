"""Renderers: each turns an AuditResult into the bytes of one or more files.

``write_all`` renders every requested format in memory first, then writes each
file to a temporary file in the output folder and renames them into place, so
that a failure leaves no half-written report.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from auditor.errors import UserError
from auditor.interrupt import raise_if_requested
from auditor.findings import AuditResult

FORMATS = ("json", "html", "pdf", "csv")
# The main file of each format (the one a user asks for by name).
FILENAMES = {"json": "findings.json", "html": "rapport.html", "pdf": "rapport.pdf", "csv": "constats.csv"}
# Every file a format writes, in order: the csv format also writes the PIA action plan.
OUTPUTS = {
    "json": ("findings.json",),
    "html": ("rapport.html", "avis.html"),
    "pdf": ("rapport.pdf", "avis.pdf"),
    "csv": ("constats.csv", "plan_action_aipd.csv"),
}

Log = Callable[[str], None]


def renderer(fmt: str) -> Callable[[AuditResult], bytes]:
    """The render function of a format name (its main file)."""
    match fmt:
        case "json":
            from auditor.report.json import render
        case "html":
            from auditor.report.html import render
        case "pdf":
            from auditor.report.pdf import render
        case "csv":
            from auditor.report.csv import render
        case _:
            raise UserError(f"Format de rapport inconnu : « {fmt} » ; formats possibles : {', '.join(FORMATS)}.")
    return render


def render_files(result: AuditResult, formats: list[str], log: Log | None = None) -> list[tuple[str, bytes]]:
    """(file name, bytes) of every file of the requested formats, rendered in memory."""
    say = log or (lambda _msg: None)
    for fmt in formats:
        renderer(fmt)  # unknown formats fail before anything is rendered
    files: list[tuple[str, bytes]] = []
    html_cache: bytes | None = None
    avis_cache: bytes | None = None
    names = [name for fmt in dict.fromkeys(formats) for name in OUTPUTS[fmt]]  # the report names only these
    for fmt in dict.fromkeys(formats):
        say(f"Rendu du format {fmt}…")
        if fmt in ("html", "pdf"):
            from auditor.report.html import render as render_html
            from auditor.report.html import render_avis_text

            html_cache = html_cache or render_html(result, names)
            avis_cache = avis_cache or render_avis_text(result).encode("utf-8")
            if fmt == "html":
                files.append(("rapport.html", html_cache))
                files.append(("avis.html", avis_cache))
            else:
                from auditor.report.pdf import render_from_html

                files.append(("rapport.pdf", render_from_html(html_cache)))
                files.append(("avis.pdf", render_from_html(avis_cache)))
        elif fmt == "csv":
            from auditor.report.csv import render, render_plan

            files.append(("constats.csv", render(result)))
            files.append(("plan_action_aipd.csv", render_plan(result)))
        else:
            files.append((FILENAMES[fmt], renderer(fmt)(result)))
    return files


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_all(result: AuditResult, out_dir: Path, formats: list[str], log: Log | None = None) -> list[Path]:
    """Render all formats, then move every file into ``out_dir`` together (all or nothing)."""
    payloads = render_files(result, formats, log)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"Impossible de créer le dossier de sortie {out_dir} ({exc.strerror}) : choisissez un autre --out.") from None
    mode = 0o666 & ~_umask()
    temps: list[tuple[str, Path]] = []
    try:
        for name, data in payloads:
            try:
                fd, tmp = tempfile.mkstemp(prefix=".auditor-", suffix=".part", dir=out_dir)
            except OSError as exc:
                raise UserError(f"Impossible d'écrire dans {out_dir} ({exc.strerror}) : choisissez un autre --out.") from None
            temps.append((name, Path(tmp)))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.chmod(tmp, mode)
        raise_if_requested()  # a Ctrl-C swallowed by a library still means: no report
        written = []
        for name, tmp in temps:
            target = out_dir / name
            os.replace(tmp, target)
            written.append(target)
        return written
    except BaseException:
        for _name, tmp in temps:
            tmp.unlink(missing_ok=True)
        raise
