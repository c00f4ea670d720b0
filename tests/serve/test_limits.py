"""Bounded time: a body that never finishes arriving, an analysis that takes too long
(in-process server with small limits and a stub analyser)."""

from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager
from typing import Iterator

import uvicorn

from auditor.serve import ServerSettings, create_app
from tests.serve.conftest import free_port, post


class _Slow:
    def analyse_many(self, texts):
        for t in texts:
            time.sleep(8.0 if "lent" in t else 0)
            yield []


def _read_answer(s: socket.socket) -> str:
    """One whole HTTP answer (head and body may come in separate packets: the server sends without delay)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = s.recv(4096)
        if not chunk:
            return data.decode("utf-8")
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = next((int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                   if line.lower().startswith(b"content-length:")), 0)
    while len(body) < length:
        chunk = s.recv(4096)
        if not chunk:
            break
        body += chunk
    return (head + b"\r\n\r\n" + body).decode("utf-8")


@contextmanager
def _server(settings: ServerSettings) -> Iterator[str]:
    port = free_port()
    config = uvicorn.Config(create_app(_Slow(), settings), host="127.0.0.1", port=port, log_config=None,
                            access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_slow_body_and_slow_analysis_are_cut():
    logged: list[str] = []
    settings = ServerSettings(body_timeout_s=0.5, analysis_timeout_s=0.5, log=logged.append)
    with _server(settings) as url:
        port = int(url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
            s.sendall(b"POST /v2/check HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nlanguage=fr&text=")
            t = time.monotonic()
            answer = _read_answer(s)
            assert time.monotonic() - t < 5
        assert answer.startswith("HTTP/1.1 408") and "trop lente" in answer
        t = time.monotonic()
        status, _, body = post(url + "/v2/check", b"language=fr&text=un+texte+lent")
        assert status == 503 and "trop longue" in body.decode("utf-8")
        assert time.monotonic() - t < 5  # cut at 0.5 s, far before the 8 s the analysis would take
        status, _, _ = post(url + "/v2/check", b"language=fr&text=rapide")
        assert status == 200  # the server still answers
    assert logged == []
