"""``auditor serve`` is safe by construction: bad requests get a clear French 4xx, the text
appears in no log line, only allowed origins and loopback host names are served."""

from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys
import urllib.parse

import pytest

from auditor.serve import host_warning
from tests.serve.conftest import NOTE, free_port, post, start_server

SECRET = "Zéphyrine Quatremare est manipulatrice, NIR 1 85 05 78 006 084 91"


def _form(**fields) -> bytes:
    return urllib.parse.urlencode(fields).encode("ascii")


def _assert_clean(status: int, body: bytes, expected: int) -> str:
    text = body.decode("utf-8")
    assert status == expected, (status, text)
    assert "Traceback" not in text and "File \"" not in text
    assert "Quatremare" not in text  # never quoted back
    return text


@pytest.fixture(scope="module")
def logged(tmp_path_factory):
    s = start_server(tmp_path_factory.mktemp("serve-log"))
    yield s
    s.stop()


def test_bad_requests_get_a_clear_4xx(logged):
    url = logged.url + "/v2/check"
    msg = _assert_clean(*post(url, _form(language="fr-FR"))[::2], 400)
    assert "« text » ou « data » manquant" in msg
    msg = _assert_clean(*post(url, _form(text=SECRET))[::2], 400)
    assert "« language » manquant" in msg
    msg = _assert_clean(*post(url, _form(text=SECRET, language="de-DE"))[::2], 400)
    assert "de-DE" in msg and "français" in msg
    msg = _assert_clean(*post(url, _form(text=SECRET, language=SECRET))[::2], 400)
    assert "non prise en charge" in msg
    # non-UTF-8: a Latin-1 byte, raw and percent-encoded
    raw = b"language=fr&text=" + SECRET.encode("latin-1", "replace")
    msg = _assert_clean(*post(url, raw)[::2], 400)
    assert "UTF-8" in msg
    msg = _assert_clean(*post(url, b"language=fr&text=Mme%20Quatremare%E9")[::2], 400)
    assert "UTF-8" in msg
    msg = _assert_clean(*post(url, _form(data="{not json " + SECRET, language="fr"))[::2], 400)
    assert "data" in msg
    msg = _assert_clean(*post(url, b'{"text": "x"}', "application/json")[::2], 415)
    status, _, body = post(url, b"", method="GET")
    _assert_clean(status, body, 405)
    status, _, body = post(logged.url + "/nulle-part", b"")
    _assert_clean(status, body, 404)
    status, _, body = post(logged.url + "/review", b"\xff\xfe" + SECRET.encode("latin-1", "replace"), "text/plain")
    _assert_clean(status, body, 400)
    status, _, body = post(logged.url + "/review", b'{"notes": 3}', "application/json")
    _assert_clean(status, body, 400)


def test_ten_megabytes_refused(logged):
    body = b"language=fr&text=" + b"a" * (10 * 1024 * 1024)
    conn = http.client.HTTPConnection("127.0.0.1", logged.port, timeout=30)
    try:
        conn.putrequest("POST", "/v2/check")
        conn.putheader("Content-Type", "application/x-www-form-urlencoded")
        conn.putheader("Content-Length", str(len(body)))
        conn.endheaders()
        try:
            conn.send(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server may answer and close before reading it all
        r = conn.getresponse()
        _assert_clean(r.status, r.read(), 413)
    finally:
        conn.close()
    # without Content-Length (chunked), the limit holds while reading
    def chunks():
        for _ in range(20):
            yield b"a" * (512 * 1024)

    conn = http.client.HTTPConnection("127.0.0.1", logged.port, timeout=30)
    try:
        try:
            conn.request("POST", "/v2/check", body=chunks(), encode_chunked=True,
                         headers={"Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked"})
        except (BrokenPipeError, ConnectionResetError):
            pass
        r = conn.getresponse()
        _assert_clean(r.status, r.read(), 413)
    finally:
        conn.close()
    # a long text under the body limit but over the character limit
    status, _, body = post(logged.url + "/v2/check", _form(language="fr", text="a " * 60_000))
    _assert_clean(status, body, 413)


def test_origins_and_host(logged):
    url = logged.url + "/v2/check"
    for origin in ("chrome-extension://abcdefghijklmnop", "moz-extension://1234-5678"):
        status, headers, _ = post(url, b"", headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
                                  method="OPTIONS")
        assert status == 204 and headers["access-control-allow-origin"] == origin
        status, headers, body = post(url, _form(text=NOTE, language="fr"), headers={"Origin": origin})
        assert status == 200 and headers["access-control-allow-origin"] == origin
    status, headers, body = post(url, _form(text=SECRET, language="fr"), headers={"Origin": "https://site.example"})
    assert "access-control-allow-origin" not in headers
    assert "--allow-origin" in _assert_clean(status, body, 403)
    status, headers, _ = post(url, b"", headers={"Origin": "https://site.example"}, method="OPTIONS")
    assert status == 403 and "access-control-allow-origin" not in headers
    # DNS rebinding: a page at attacker.example resolved to 127.0.0.1 still sends its own Host
    conn = http.client.HTTPConnection("127.0.0.1", logged.port, timeout=10)
    try:
        conn.request("POST", "/v2/check", body=_form(text=SECRET, language="fr"),
                     headers={"Host": "attacker.example", "Content-Type": "application/x-www-form-urlencoded"})
        r = conn.getresponse()
        _assert_clean(r.status, r.read(), 421)
    finally:
        conn.close()


def test_text_in_no_log_line(logged):
    """Every path a note can take (answers, errors, review, a client that hangs up) leaves no trace."""
    url = logged.url + "/v2/check"
    post(url, _form(text=SECRET, language="fr-FR"))
    post(url, _form(text=SECRET, language="xx"))
    post(url, b"language=fr&text=" + SECRET.encode("latin-1", "replace"))
    post(logged.url + "/review", json.dumps({"text": SECRET}).encode(), "application/json")
    post(logged.url + "/review", SECRET.encode("utf-8") + b"\xff", "text/plain")
    post(url + "?text=" + urllib.parse.quote(SECRET), b"", method="GET")
    with socket.create_connection(("127.0.0.1", logged.port)) as s:  # a malformed request carrying the text
        s.sendall(b"POST /v2/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: nope\r\n\r\n" + SECRET.encode())
        s.recv(1024)
    logged.stop()
    log = logged.log()
    assert "Prêt en" in log and "Serveur arrêté" in log
    for word in ("Zéphyrine", "Quatremare", "manipulatrice", "085", "Traceback"):
        assert word not in log, log


def test_busy_port_is_one_french_line():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        port = s.getsockname()[1]
        proc = subprocess.run([sys.executable, "-m", "auditor", "serve", "--port", str(port)],
                              capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and f"Le port {port} est déjà utilisé" in lines[0] and "--port" in lines[0]


def test_explicit_host_warning():
    assert host_warning("127.0.0.1", explicit=False) is None
    assert host_warning("127.0.0.1", explicit=True) is None
    assert host_warning("::1", explicit=True) is None
    w = host_warning("192.0.2.10", explicit=True)
    assert w is not None and "réseau local" in w and "\n" not in w


def test_host_must_be_an_ip_address():
    """A host name would need a DNS query: refused in one French line, before anything is loaded."""
    proc = subprocess.run([sys.executable, "-m", "auditor", "serve", "--host", "serveur.invalid", "--port", str(free_port())],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "adresse IP" in proc.stderr


def test_allow_origin_is_an_origin():
    from auditor.errors import UserError
    from auditor.serve import check_origin

    assert check_origin("https://dossier.exemple.fr/") == "https://dossier.exemple.fr"
    assert check_origin("http://127.0.0.1:8080") == "http://127.0.0.1:8080"
    for bad in ("dossier.exemple.fr", "https://dossier.exemple.fr/page", "*", "javascript:alert(1)"):
        with pytest.raises(UserError, match="--allow-origin"):
            check_origin(bad)


SPY = '''
import os, socket
_LOG = os.environ["AUDITOR_TEST_NET_LOG"]
open(_LOG + ".loaded", "w").close()
def _deny(what):
    with open(_LOG, "a", encoding="utf-8") as fh:
        fh.write(repr(what) + "\\n")
    raise OSError("network disabled by the test")
socket.socket.connect = lambda self, address: _deny(("connect", address))
socket.socket.connect_ex = lambda self, address: _deny(("connect_ex", address))
socket.create_connection = lambda address, *a, **k: _deny(("create_connection", address))
_real_getaddrinfo = socket.getaddrinfo
def _getaddrinfo(host, *a, **k):
    flags = k.get("flags", a[3] if len(a) > 3 else 0)
    if host not in (None, "127.0.0.1", "::1", "localhost") and not flags & socket.AI_NUMERICHOST:
        _deny(("getaddrinfo", host))
    return _real_getaddrinfo(host, *a, **k)
socket.getaddrinfo = _getaddrinfo
'''


def test_server_opens_no_connection(tmp_path):
    """The server process, with every outgoing connection and name lookup recorded and refused,
    starts, answers all its endpoints and records nothing."""
    spy_dir = tmp_path / "spy"
    spy_dir.mkdir()
    (spy_dir / "sitecustomize.py").write_text(SPY, encoding="utf-8")
    net_log = tmp_path / "net.log"
    server = start_server(tmp_path, env={"PYTHONPATH": str(spy_dir), "AUDITOR_TEST_NET_LOG": str(net_log)})
    try:
        assert post(server.url + "/v2/check", _form(text=NOTE, language="fr"))[0] == 200
        assert post(server.url + "/review", NOTE.encode(), "text/plain")[0] == 200
        assert post(server.url + "/v2/languages", b"", method="GET")[0] == 200
    finally:
        server.stop()
    assert (tmp_path / "net.log.loaded").exists()  # the spy was in place
    assert not net_log.exists() or net_log.read_text() == ""
    assert "sitecustomize" not in server.log()
