"""``auditor serve`` and ``auditor text``: start-up, latency, throughput, whole-process time.

    python bench/bench_serve.py                      # 1,000 notes, 10 clients, before = 002090a
    python bench/bench_serve.py --notes 200 --before ''   # quicker, no "before" measure

What it prints:
- start-up: from launching ``python -m auditor serve`` to the first answer of ``/v2/languages``
  (the analyser and the NER model are loaded before the port answers), with the regex
  program cache warm (the usual case) and cold (first run on a machine: a new, empty
  ``XDG_CACHE_HOME``);
- latency of ``POST /v2/check`` over ``--notes`` notes of about 60 words, one keep-alive
  client, p50 / p90 / p99 / max. Each note is a recombination of corpus sentences plus a
  sentence with a name drawn from the name lists that no title or kinship word explains, so
  every note sends a new window to the NER model (no cache hit): NER included;
- throughput with ``--clients`` concurrent clients, each on its own connection, on as many
  other notes (new names again);
- ``auditor text`` on one note, whole process (``python -m auditor text``), median of
  ``--runs``, for a note the rules settle alone and for one that needs the NER, with the
  cache warm; and the same with the code of ``--before`` (a git ref, extracted with
  ``git archive`` under /tmp, run by the same Python; its spaCy load has no cache).

The server binds 127.0.0.1 on a free port and is stopped at the end. Times are wall clock on
a shared machine: the 1-minute load average is printed with them.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_text import make_notes  # noqa: E402

NOTE_RULES = "Mme est manipulatrice et il est probable qu'elle boive ; dossier CAF déposé le 12 mars."
# no title or kinship word explains the name: the NER model has to be loaded and run
NOTE_NER = "Mme est manipulatrice et il est probable qu'elle boive. Elle a croisé Jean Martin hier au marché."


def _names(path: Path) -> list[str]:
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.extend(line.split())
    return words


def bench_notes(n: int, seed: int = 15) -> list[str]:
    rng = random.Random(seed)
    first = _names(ROOT / "auditor" / "catalog" / "data" / "prenoms.txt")
    last = _names(ROOT / "auditor" / "catalog" / "data" / "noms.txt")
    out = []
    for note in make_notes(n, target_words=50, seed=seed):
        who = f"{rng.choice(first).capitalize()} {rng.choice(last).capitalize()}"
        out.append(f"{note} Elle a croisé {who} hier au marché.")  # a name only the NER can judge
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cpu(pid: int) -> float:
    """CPU time (user + system) a process has used so far (Linux), or NaN."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return float("nan")


def start(env: dict[str, str]) -> tuple[subprocess.Popen, int, float, float]:
    port = free_port()
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "auditor", "serve", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    while True:
        if proc.poll() is not None:
            raise SystemExit(f"auditor serve exited with {proc.returncode}")
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", "/v2/languages")
            if c.getresponse().status == 200:
                c.close()
                return proc, port, time.perf_counter() - t0, _cpu(proc.pid)
        except OSError:
            time.sleep(0.02)
        if time.perf_counter() - t0 > 180:
            proc.kill()
            raise SystemExit("auditor serve not ready after 180 s")


def stop(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def check(conn: http.client.HTTPConnection, note: str) -> float:
    body = urllib.parse.urlencode({"text": note, "language": "fr-FR"})
    t = time.perf_counter()
    conn.request("POST", "/v2/check", body=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
    r = conn.getresponse()
    r.read()
    if r.status != 200:
        raise SystemExit(f"/v2/check answered {r.status}")
    return time.perf_counter() - t


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def ms(x: float) -> str:
    return f"{x * 1000:.1f} ms"


def load() -> str:
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:
        return "?"


def whole_process(pythonpath: str | None, note: str, runs: int, env: dict[str, str]) -> str:
    """Median wall time and median CPU time (user + system) of ``python -m auditor text``."""
    import resource

    e = dict(env)
    if pythonpath:
        e["PYTHONPATH"] = pythonpath
    walls, cpus = [], []
    for _ in range(runs):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        p = subprocess.run([sys.executable, "-m", "auditor", "text"], input=note, text=True, env=e,
                           capture_output=True, timeout=300, cwd=pythonpath or ROOT)
        walls.append(time.perf_counter() - t)
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
        if p.returncode != 0:
            raise SystemExit(f"auditor text failed: {p.stderr[-500:]}")
    return f"{statistics.median(walls):.2f} s wall, {statistics.median(cpus):.2f} s CPU"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--notes", type=int, default=1000)
    ap.add_argument("--clients", type=int, default=10)
    ap.add_argument("--runs", type=int, default=3, help="whole-process runs of auditor text (median)")
    ap.add_argument("--before", default="002090a", help="git ref of the code before the fix ('' to skip)")
    args = ap.parse_args()
    env = dict(os.environ)

    notes = bench_notes(args.notes)
    words = statistics.mean(len(n.split()) for n in notes)
    print(f"notes: {len(notes)}, {words:.0f} words on average; load average {load()}")

    # start-up, cold cache then warm
    cold_home = tempfile.mkdtemp(prefix="auditor-bench-cache-")
    try:
        proc, _, cold, cold_cpu = start({**env, "XDG_CACHE_HOME": cold_home})
        stop(proc)
    finally:
        shutil.rmtree(cold_home, ignore_errors=True)
    proc, port, warm, warm_cpu = start(env)
    print(f"start-up to first answer: {warm:.2f} s wall, {warm_cpu:.2f} s CPU (regex cache warm); "
          f"{cold:.2f} s wall, {cold_cpu:.2f} s CPU (first run, cold cache); load average {load()}")
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for n in notes[:5]:
            check(conn, n)
        lat = [check(conn, n) for n in notes]
        conn.close()
        print(f"latency /v2/check, 1 client, {len(lat)} notes: p50 {ms(pct(lat, 50))}, p90 {ms(pct(lat, 90))}, "
              f"p99 {ms(pct(lat, 99))}, max {ms(max(lat))}; load average {load()}")

        # throughput, N clients, on other notes (the NER cache would remember the first ones)
        todo = bench_notes(len(notes), seed=16)
        lock = threading.Lock()
        done: list[float] = []

        def client() -> None:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            while True:
                with lock:
                    if not todo:
                        break
                    n = todo.pop()
                d = check(c, n)
                with lock:
                    done.append(d)
            c.close()

        threads = [threading.Thread(target=client) for _ in range(args.clients)]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
        print(f"throughput, {args.clients} concurrent clients: {len(done) / wall:.0f} notes/s "
              f"({len(done)} notes in {wall:.2f} s; per-request p50 {ms(pct(done, 50))}, p99 {ms(pct(done, 99))}); "
              f"load average {load()}")
    finally:
        stop(proc)

    # auditor text, whole process
    print(f"auditor text, one note, whole process (median of {args.runs}):")
    after_rules = whole_process(None, NOTE_RULES, args.runs, env)
    after_ner = whole_process(None, NOTE_NER, args.runs, env)
    print(f"  after : {after_rules} (rules only); {after_ner} (NER needed); load average {load()}")
    if args.before:
        tmp = tempfile.mkdtemp(prefix="auditor-before-")
        try:
            archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.before], capture_output=True, check=True)
            subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
            before_rules = whole_process(tmp, NOTE_RULES, args.runs, env)
            before_ner = whole_process(tmp, NOTE_NER, args.runs, env)
            print(f"  before ({args.before}): {before_rules} (rules only); {before_ner} (NER needed); "
                  f"load average {load()}")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
