"""A real ``auditor serve`` child process on 127.0.0.1 and a free port, stopped at the end."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest

NOTE = "Mme est manipulatrice et il est probable qu'elle boive. Sa voisine Josiane Lebreton a appelé."


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Served:
    """A running server: its base URL, port and the file its stderr goes to."""

    proc: subprocess.Popen
    port: int
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)


def start_server(tmp: Path, *args: str, ready_timeout: float = 120.0, env: dict[str, str] | None = None) -> Served:
    port = free_port()
    log_path = tmp / f"serve-{port}.log"
    fh = open(log_path, "w", encoding="utf-8")
    env = {**os.environ, **(env or {})}
    proc = subprocess.Popen([sys.executable, "-m", "auditor", "serve", "--port", str(port), *args],
                            stdout=fh, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)
    fh.close()
    served = Served(proc, port, log_path)
    deadline = time.monotonic() + ready_timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"auditor serve exited ({proc.returncode}): {served.log()}")
        try:
            with urllib.request.urlopen(served.url + "/v2/languages", timeout=2) as r:
                if r.status == 200:
                    return served
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.1)
    served.stop()
    raise RuntimeError("auditor serve not ready in time")


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[Served]:
    s = start_server(tmp_path_factory.mktemp("serve"))
    try:
        yield s
    finally:
        s.stop()


def post(url: str, body: bytes, ctype: str = "application/x-www-form-urlencoded",
         headers: dict[str, str] | None = None, method: str = "POST") -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, data=body, method=method, headers={"Content-Type": ctype, **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


def get_json(url: str) -> object:
    with urllib.request.urlopen(url, timeout=30) as r:
        return json.loads(r.read())
