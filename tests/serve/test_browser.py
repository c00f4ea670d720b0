"""A web page with a textarea calls ``/v2/check`` (and ``/review``, which needs a CORS preflight)
from headless Chromium: the remarks show up under the textarea. A page from an origin that
was not allowed gets nothing.

Chromium comes from the distribution's packages (``.ci/run`` installs it and then sets
AUDITOR_REQUIRE_CHROMIUM=1, so the test cannot skip in CI once it was installable).
"""

from __future__ import annotations

import functools
import html
import http.server
import json
import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from tests.serve.conftest import NOTE, free_port, start_server

REQUIRE = os.environ.get("AUDITOR_REQUIRE_CHROMIUM") == "1"

PAGE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Note</title></head>
<body>
<textarea id="note" rows="4" cols="80">{note}</textarea>
<p id="status">en attente</p>
<ul id="out"></ul>
<p id="review">en attente</p>
<script>
const SERVER = {server};
const note = document.getElementById('note').value;
const body = new URLSearchParams({{text: note, language: 'fr-FR'}});
fetch(SERVER + '/v2/check', {{method: 'POST', body}})
  .then(r => r.json())
  .then(d => {{
    for (const m of d.matches) {{
      const li = document.createElement('li');
      li.textContent = m.rule.category.name + ' | ' + note.substr(m.offset, m.length) + ' | '
        + m.replacements.map(r => r.value).join(', ') + ' | ' + m.context.text.substr(m.context.offset, m.context.length);
      document.getElementById('out').appendChild(li);
    }}
    document.getElementById('status').textContent = 'ok ' + d.matches.length + ' ' + d.language.code;
  }})
  .catch(e => {{ document.getElementById('status').textContent = 'échec ' + e.name; }});
fetch(SERVER + '/review', {{method: 'POST', headers: {{'Content-Type': 'application/json'}},
                            body: JSON.stringify({{notes: [note]}})}})
  .then(r => r.json())
  .then(d => {{ document.getElementById('review').textContent = 'revue ' + d.notes[0].flags.length; }})
  .catch(e => {{ document.getElementById('review').textContent = 'échec ' + e.name; }});
</script>
</body></html>
"""


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # noqa: D401 - no request lines on the test output
        pass


def _serve_dir(directory: Path) -> tuple[http.server.ThreadingHTTPServer, int]:
    port = free_port()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_Quiet, directory=str(directory)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, port


def _dump_dom(chromium: str, url: str, profile: Path) -> str:
    cmd = [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        f"--user-data-dir={profile}", "--no-first-run", "--disable-extensions", "--disable-sync",
        "--disable-background-networking", "--disable-component-update", "--disable-default-apps",
        "--disable-domain-reliability", "--no-pings", "--metrics-recording-only",
        # loopback only: every other host name resolves to nothing
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        "--virtual-time-budget=15000", "--dump-dom", url,
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


@pytest.fixture(scope="module")
def chromium() -> str:
    path = _chromium()
    if path is None:
        if REQUIRE:
            pytest.fail("AUDITOR_REQUIRE_CHROMIUM=1 but no chromium binary was found")
        pytest.skip("Chromium is not installed (apt-get install chromium): the browser test needs it")
    return path


def test_page_shows_the_remarks(chromium, tmp_path):
    page_dir = tmp_path / "page"
    page_dir.mkdir()
    allowed_httpd, allowed_port = _serve_dir(page_dir)
    other_httpd, other_port = _serve_dir(page_dir)
    server = start_server(tmp_path, "--allow-origin", f"http://127.0.0.1:{allowed_port}")
    try:
        (page_dir / "note.html").write_text(
            PAGE.format(note=html.escape(NOTE), server=json.dumps(server.url)), encoding="utf-8")
        dom = _dump_dom(chromium, f"http://127.0.0.1:{allowed_port}/note.html", tmp_path / "profile1")
        assert "ok " in dom and "fr-FR" in dom, dom[-3000:]
        assert "Jugement sur la personne | manipulatrice |" in dom
        assert "Tiers nommé | Josiane Lebreton | son voisin, sa sœur" in dom
        assert "Supposition présentée comme un fait" in dom
        assert "revue " in dom and "revue 0" not in dom  # the JSON POST passed its CORS preflight
        # the same page from an origin nobody allowed: the browser gets nothing
        dom = _dump_dom(chromium, f"http://127.0.0.1:{other_port}/note.html", tmp_path / "profile2")
        assert "échec TypeError" in dom and "Jugement" not in dom, dom[-3000:]
    finally:
        server.stop()
        allowed_httpd.shutdown()
        other_httpd.shutdown()
