"""Renderers: each turns an AuditResult into the bytes of one file.

``write_all`` renders every requested format in memory first, then writes each
to a temporary file in the output folder and renames them into place, so that a
failure leaves no half-written report.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from auditor.errors import UserError
from auditor.findings import AuditResult

FORMATS = ("json", "html", "pdf", "csv")
FILENAMES = {"json": "findings.json", "html": "rapport.html", "pdf": "rapport.pdf", "csv": "constats.csv"}


def renderer(fmt: str) -> Callable[[AuditResult], bytes]:
    """The render function of a format name."""
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


def write_all(result: AuditResult, out_dir: Path, formats: list[str]) -> list[Path]:
    """Render all formats, then move them into ``out_dir`` together."""
    renderers = [(fmt, renderer(fmt)) for fmt in formats]
    payloads = []
    html_cache: bytes | None = None
    for fmt, fn in renderers:
        if fmt == "pdf":
            from auditor.report.pdf import render_from_html
            from auditor.report.html import render as render_html

            html_cache = html_cache or render_html(result)
            payloads.append((fmt, render_from_html(html_cache)))
        else:
            data = fn(result)
            if fmt == "html":
                html_cache = data
            payloads.append((fmt, data))
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"Impossible de créer le dossier de sortie {out_dir} ({exc.strerror}) : choisissez un autre --out.") from None
    temps: list[tuple[str, Path]] = []
    try:
        for fmt, data in payloads:
            fd, tmp = tempfile.mkstemp(prefix=".auditor-", suffix=".part", dir=out_dir)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            temps.append((fmt, Path(tmp)))
        written = []
        for fmt, tmp in temps:
            target = out_dir / FILENAMES[fmt]
            os.replace(tmp, target)
            written.append(target)
        return written
    except BaseException:
        for _fmt, tmp in temps:
            tmp.unlink(missing_ok=True)
        raise
