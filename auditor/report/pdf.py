"""rapport.pdf: WeasyPrint from the same HTML, with no network access at all."""

from __future__ import annotations

from typing import Any

from auditor.findings import AuditResult


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"external resource refused: {url[:40]}")


def render_from_html(html: bytes) -> bytes:
    """PDF bytes from report HTML; any external URL is refused."""
    import logging

    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    return HTML(string=html.decode("utf-8"), url_fetcher=_no_fetch, base_url=".").write_pdf()


def render(result: AuditResult) -> bytes:
    """rapport.pdf bytes."""
    from auditor.report.html import render as render_html

    return render_from_html(render_html(result))
