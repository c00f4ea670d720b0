"""rapport.html: the report laid out like a CNAD opinion (Jinja2 over report_templates/).

The content is computed by :mod:`auditor.report.model`; the templates only lay
it out. The HTML is self-contained (inline CSS, no external asset) so that it
opens offline and WeasyPrint can turn it into the PDF without any network.
"""

from __future__ import annotations

import re

import jinja2

from auditor.findings import AuditResult
from auditor.french import french
from auditor.report.model import build, lcfirst, nombre, plural, ucfirst
from auditor.resources import data_dir


def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(data_dir("report_templates"))),
        autoescape=jinja2.select_autoescape(["html", "j2"], default_for_string=True, default=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["nombre"] = nombre
    env.filters["pluriel"] = plural
    env.filters["lcfirst"] = lcfirst
    env.filters["ucfirst"] = ucfirst
    return env


_SEGMENTS = re.compile(r"(<style\b.*?</style>|<[^>]*>)", re.S)
_NBSP = "\u00a0"
_NNBSP = "\u202f"
_TYPO = [("« ", "«" + _NBSP), (" »", _NBSP + "»"), (" :", _NBSP + ":"), (" ;", _NNBSP + ";"),
         (" ?", _NNBSP + "?"), (" !", _NNBSP + "!"), (" %", _NNBSP + "%")]


def french_spacing(html: str) -> str:
    """No-break spaces of French typography in text (never inside tags or the style sheet).

    Keeps « and » with their word, and : ; ? ! % with what precedes them, so a
    line never starts with a lone punctuation mark.
    """
    out = []
    for i, part in enumerate(_SEGMENTS.split(html)):
        if i % 2 == 0:
            part = french(part, decimals=False)  # plurals agreed, numbers in French (whatever a check wrote)
            for a, b in _TYPO:
                part = part.replace(a, b)
        out.append(part)
    return "".join(out)


def render_text(result: AuditResult, files: list[str] | None = None) -> str:
    """The report as an HTML string; ``files``: the files written with it (the report names no other)."""
    return french_spacing(_env().get_template("rapport.html.j2").render(**build(result, files)))


def render(result: AuditResult, files: list[str] | None = None) -> bytes:
    """rapport.html bytes: self-contained, no external asset."""
    return render_text(result, files).encode("utf-8")


def render_avis_text(result: AuditResult) -> str:
    """The opinion (avis.html) as an HTML string: the short document, citing the full report's findings."""
    from auditor.report.avis import build_avis

    return french_spacing(_env().get_template("avis.html.j2").render(**build_avis(result)))
