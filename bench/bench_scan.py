"""Benchmark of a whole scan (the four checks, full mode) at three scale factors, on SQLite
and on PostgreSQL, beside Presidio's default French analyzer.

    python bench/bench_scan.py                                  # scales 0.2, 0.5, 1.0; SQLite and PostgreSQL
    python bench/bench_scan.py --scales 1.0 --engines sqlite    # one run
    python bench/bench_scan.py --scales 0.05 --presidio-notes 200   # a quick try
    python bench/bench_scan.py --planted                        # counts of the subjective check vs planted.json

Scale 1.0 is 200,000 persons, 1,000,000 notes of about 60 words and 5,000,000 access-log
lines (``bench/scale.py``, built once under /tmp/auditor-scale and kept). PostgreSQL is a
throwaway cluster (initdb, pg_ctl, as in ``tests/pgserver.py``) loaded with COPY.

Each (engine, scale) is scanned in a child process by ``auditor.api.audit`` with all
four checks, ``--jobs`` worker processes for text (default: all cores). Per check: wall
time (between the check's start and end log lines), rows of the tables it reads and rows
per second, and for text notes and words per second; peak resident memory of the audit
process and of the audit process plus its workers (sampled every 0.2 s from /proc, sum of
the resident sizes of the process tree); the database server's own memory is not counted.
The load average of the machine is printed next to the figures: other work on the
machine slows every figure down.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

AS_OF = dt.date(2026, 6, 30)
CHECKS = ("access", "nominative", "subjective", "retention")
TEXT_KINDS = ("free_text", "judgement_field", "immigration_field")
# tables each check reads (by catalog role), for its rows per second
ROLES = {
    "access": {"staff", "permissions", "assignments", "access_log", "persons", "units"},
    "nominative": {"statistics", "persons"},
    "retention": {"persons", "case_file", "access_log", "third_parties", "statistics", "staff", "rights_requests", "archive", "other"},
}
DATA = Path("/tmp/auditor-scale")


# ------------------------------------------------------------------ memory
def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", "rb") as fh:
                stat = fh.read()
            ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        kids.setdefault(ppid, []).append(int(d))
    return kids


_TICK = os.sysconf("SC_CLK_TCK")


def _cpu_ticks(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            stat = fh.read()
        f = stat[stat.rindex(b")") + 2:].split()
        return int(f[11]) + int(f[12])  # utime + stime
    except (OSError, ValueError, IndexError):
        return 0


def _rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class MemorySampler(threading.Thread):
    """Peak RSS of this process and of its whole process tree, per phase; CPU time of the tree."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.phase = "catalogue"
        self.peaks: dict[str, tuple[int, int]] = {}
        self.ticks: dict[int, int] = {}  # pid -> last CPU ticks seen (workers included)
        self._halt = threading.Event()
        self._lock = threading.Lock()

    def cpu_seconds(self) -> float:
        """CPU time (user + system) of the process tree so far (a worker's last 0.2 s may be missed)."""
        me = os.getpid()
        with self._lock:
            others = sum(v for p, v in self.ticks.items() if p != me)
        t = os.times()
        return t.user + t.system + others / _TICK

    def run(self) -> None:
        me = os.getpid()
        while not self._halt.is_set():
            kids = _children()
            tree, todo = [], [me]
            while todo:
                p = todo.pop()
                tree.append(p)
                todo.extend(kids.get(p, []))
            own = _rss_kib(me)
            total = sum(_rss_kib(p) for p in tree)
            with self._lock:
                for p in tree:
                    self.ticks[p] = max(self.ticks.get(p, 0), _cpu_ticks(p))
            a, b = self.peaks.get(self.phase, (0, 0))
            self.peaks[self.phase] = (max(a, own), max(b, total))
            self._halt.wait(0.2)

    def stop(self) -> None:
        self._halt.set()
        self.join()


# ------------------------------------------------------------------ one scan (child process)
def run_one(spec: str, jobs: int, sample: int | None = None) -> dict:
    """Scan ``spec`` with the four checks; timings and memory per check."""
    import resource

    from auditor.api import audit

    marks: list[tuple[float, str]] = []
    cpu: dict[str, float] = {}
    sampler = MemorySampler()

    def log(msg: str) -> None:
        now = time.perf_counter()
        marks.append((now, msg))
        if msg.startswith("Contrôle « "):
            name = msg.split("« ")[1].split(" »")[0]
            cpu[name] = sampler.cpu_seconds() - cpu.get(name, 0.0)
        if msg.startswith("Contrôle « ") and "terminé" not in msg:
            sampler.phase = msg.split("« ")[1].split(" »")[0]

    load_before = os.getloadavg()
    sampler.start()
    t0 = time.perf_counter()
    c0 = os.times()
    result = audit(spec, jobs=jobs, as_of=AS_OF, interactive=False, log=log, sample=sample)
    wall = time.perf_counter() - t0
    c1 = os.times()
    sampler.stop()
    starts = {m.split("« ")[1].split(" »")[0]: t for t, m in marks if m.startswith("Contrôle « ") and "terminé" not in m}
    ends = {m.split("« ")[1].split(" »")[0]: t for t, m in marks if m.startswith("Contrôle « ") and "terminé" in m}
    first = min(starts.values()) if starts else t0
    tables = {t.name: t for t in result.tables}
    checks = {}
    for name in CHECKS:
        if name not in starts:
            continue
        if name == "subjective":
            rows = sum(t.rows or 0 for t in result.tables for _c, k in t.columns if k in TEXT_KINDS)
        else:
            rows = sum(t.rows or 0 for t in result.tables if t.role in ROLES[name])
        own, tree = sampler.peaks.get(name, (0, 0))
        checks[name] = {
            "seconds": ends[name] - starts[name],
            "cpu_seconds": cpu.get(name, 0.0),
            "rows": rows,
            "findings": sum(1 for f in result.findings if f.check == name),
            "peak_rss_mib": own / 1024,
            "peak_tree_mib": tree / 1024,
        }
    cat_own, cat_tree = sampler.peaks.get("catalogue", (0, 0))
    return {
        "wall": wall,
        "catalog_seconds": first - t0,
        "cpu_self": (c1.user - c0.user) + (c1.system - c0.system),
        "cpu_tree": sampler.cpu_seconds(),
        "checks": checks,
        "catalog_peak_mib": cat_tree / 1024,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "peak_tree_mib": max([v[1] for v in sampler.peaks.values()] or [0]) / 1024,
        "load_before": load_before,
        "load_after": os.getloadavg(),
        "skipped": result.skipped,
        "tables": {n: t.rows for n, t in tables.items()},
    }


# ------------------------------------------------------------------ text figures
def text_volume(sqlite_path: Path) -> tuple[int, int]:
    """(filled texts, words) of the text columns of the scaled database (counted once, not timed)."""
    import sqlite3

    con = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True)
    cols = [("entretien", "note"), ("dossier_intervention_sociale", "difficultes"),
            ("dossier_intervention_sociale", "capacites_mobilisation"),
            ("dossier_intervention_sociale", "freins_potentialites"),
            ("dossier_intervention_sociale", "interventions_preconisees"),
            ("dossier_intervention_sociale", "situation_sejour")]
    notes = words = 0
    for t, c in cols:
        n, w = con.execute(f"SELECT count(*), coalesce(sum(length(trim({c})) - length(replace(trim({c}), ' ', '')) + 1), 0) "
                           f"FROM {t} WHERE trim(coalesce({c}, '')) <> ''").fetchone()
        notes += n
        words += w
    con.close()
    return notes, words


def presidio_vs_ours(sqlite_path: Path, n: int) -> dict:
    """Words per second of our analyser and of Presidio's default French analyzer on the same
    ``n`` notes (one process each, models loaded beforehand), and micro-F1 on the labelled corpus."""
    import sqlite3

    from auditor.text import CATEGORIES, Lexicon, TextAnalyser, default_lexicon_paths
    from eval_text import load, presidio_default_fr, presidio_preds, prf, score

    con = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True)
    step = max(1, int(con.execute("SELECT max(id_entretien) FROM entretien").fetchone()[0]) // n)
    notes = [r[0] for r in con.execute(f"SELECT note FROM entretien WHERE id_entretien % {step} = 0 AND note <> '' LIMIT {n}")]
    con.close()
    words = sum(len(x.split()) for x in notes)
    ours = TextAnalyser(Lexicon.load(default_lexicon_paths()), use_ner=True)
    ours.analyse("Mme Test est venue avec Enzo Durand. Information donnée par Karim.")  # load spaCy
    t = time.perf_counter()
    for _ in ours.analyse_many(notes):
        pass
    t_ours = time.perf_counter() - t
    engine = presidio_default_fr()
    engine.analyze("Mme Test est venue avec Enzo Durand.", language="fr")
    t = time.perf_counter()
    for x in notes:
        engine.analyze(x, language="fr")
    t_pres = time.perf_counter() - t

    corpus = load()
    mine = [[(f.category, f.start, f.end) for f in flags] for flags in ours.analyse_many(x["text"] for x in corpus)]
    theirs = presidio_preds(corpus, engine)

    def micro(counts: dict) -> float:
        tot = [sum(v[i] for v in counts.values()) for i in range(4)]
        return prf(*tot)[2]

    shared = ("third_party", "identifier")
    return {
        "notes": len(notes), "words": words,
        "ours_words_s": words / t_ours, "presidio_words_s": words / t_pres,
        "f1_shared_ours": micro(score(corpus, mine, shared)),
        "f1_shared_presidio": micro(score(corpus, theirs, shared)),
        "f1_all_ours": micro(score(corpus, mine, CATEGORIES)),
        "f1_all_presidio": micro(score(corpus, theirs, CATEGORIES)),
        "corpus_notes": len(corpus),
    }


# ------------------------------------------------------------------ planted counts
PLANTED_CATS = {"jugement": "judgement", "supposition": "hypothesis", "sante": "health", "syndicat": "political",
                "origine": "origin", "religion": "religion", "infraction": "criminal", "sejour": "immigration",
                "noms_tiers": "third_party"}
# judgement in capacites_mobilisation: pejorative and positive appraisals (convention 4)
SPECIAL = {"subjective.capacites_appreciations": "judgement", "subjective.situation_sejour_irreguliere": "immigration",
           "subjective.champs_evaluation_remplis": "judgement_field"}


def planted_report() -> int:
    """The subjective check's counts on both samples beside planted.json."""
    from auditor.api import audit

    print(f"{'échantillon':12} {'colonne':52} {'catégorie':16} {'planté':>7} {'trouvé':>7} {'écart':>7}")
    for sample in ("departement", "company"):
        planted = json.loads((ROOT / "sample_data" / sample / "planted.json").read_text(encoding="utf-8"))
        result = audit(str(ROOT / "sample_data" / sample / f"{sample}.sqlite"), checks=["subjective"], as_of=AS_OF)
        found: dict[tuple[str, str], int] = {}
        for f in result.findings:
            cat = {"judgement_in_free_text": "judgement", "hypothesis_as_fact": "hypothesis",
                   "irregular_stay_recorded": "immigration", "third_party_named": "third_party",
                   "identifier_in_free_text": "identifier", "judgement_field": "judgement_field"}.get(
                f.rule.split(".", 1)[1], f.subject)
            found[(f"{f.table}.{f.column}", cat)] = f.affected
        seen = set()
        for p in planted["problems"]:
            if p.get("check") != "subjective":
                continue
            if p["id"] in SPECIAL:
                cat = SPECIAL[p["id"]]
            else:
                parts = p["id"].split(".")
                cat = PLANTED_CATS.get(parts[1])
                if cat is None:
                    continue
            key = (f"{p['table']}.{p['column']}", cat)
            seen.add(key)
            got = found.get(key, 0)
            print(f"{sample:12} {key[0]:52} {cat:16} {p['count']:7} {got:7} {got - p['count']:+7}")
        for key, got in sorted(found.items()):
            if key not in seen:
                print(f"{sample:12} {key[0]:52} {key[1]:16} {'—':>7} {got:7}   (non planté)")
    return 0


# ------------------------------------------------------------------ driver
def _fmt(x: float) -> str:
    return f"{x:,.0f}".replace(",", "\u202f")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scales", default="0.2,0.5,1.0")
    ap.add_argument("--engines", default="sqlite,postgresql")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--presidio-notes", type=int, default=1000, help="notes for the side-by-side with Presidio (0: skip)")
    ap.add_argument("--quick", type=int, default=0, metavar="N",
                    help="also scan the largest scale with --sample N (quick mode) on each engine")
    ap.add_argument("--planted", action="store_true", help="only compare the subjective check with planted.json")
    ap.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    ap.add_argument("--run-one", nargs=3, metavar=("SPEC", "JOBS", "SAMPLE"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.run_one:
        print(json.dumps(run_one(args.run_one[0], int(args.run_one[1]), int(args.run_one[2]) or None)))
        return 0
    if args.planted:
        return planted_report()

    from scale import build, load_postgresql

    scales = [float(s) for s in args.scales.split(",")]
    engines = [e.strip() for e in args.engines.split(",")]
    print(f"machine : {os.cpu_count()} cœurs, --jobs {args.jobs}, charge moyenne au départ {os.getloadavg()}")
    dbs = {}
    for s in scales:
        path = DATA / f"departement_x{s:g}.sqlite"
        if not path.exists():
            print(f"construction de l'échelle {s:g}…")
            build(path, s)
        dbs[s] = path
    server = None
    if "postgresql" in engines:
        from tests.pgserver import SUPERPASS, SUPERUSER, start_server

        server = start_server()
    out: list[dict] = []
    runs = [(s, eng, 0) for s in scales for eng in engines]
    if args.quick:
        runs += [(scales[-1], eng, args.quick) for eng in engines]
    loaded: dict[tuple[str, float], tuple[str, dict]] = {}
    try:
        volumes = {s: text_volume(dbs[s]) for s in scales}
        for s, eng, sample in runs:
            notes, words = volumes[s]
            if (eng, s) not in loaded:
                env = dict(os.environ)
                if eng == "sqlite":
                    spec = str(dbs[s])
                else:
                    name = f"scale_{str(s).replace('.', '_')}"
                    server.create_database(name)
                    print(f"chargement PostgreSQL de l'échelle {s:g}…")
                    load_postgresql(dbs[s], server.url(name))
                    spec = server.url_without_password(name, SUPERUSER)
                    env["AUDITOR_DB_PASSWORD"] = SUPERPASS
                loaded[(eng, s)] = (spec, env)
            spec, env = loaded[(eng, s)]
            print(f"scan {eng} échelle {s:g}{f' --sample {sample}' if sample else ''}…", flush=True)
            proc = subprocess.run([sys.executable, __file__, "--run-one", spec, str(args.jobs), str(sample)], env=env,
                                  capture_output=True, text=True, check=False)
            if proc.returncode != 0:
                print(proc.stderr[-3000:])
                raise SystemExit(f"le scan {eng} x{s:g} a échoué")
            res = json.loads(proc.stdout.strip().splitlines()[-1])
            res.update({"engine": eng, "scale": s, "notes": notes, "words": words, "sample": sample})
            out.append(res)
            _print_run(res)
        if args.presidio_notes:
            cmp_ = presidio_vs_ours(dbs[scales[-1]], args.presidio_notes)
            out.append({"presidio": cmp_})
            _print_presidio(cmp_, [r for r in out if r.get("engine")])
    finally:
        if server is not None:
            server.stop()
    if args.json:
        args.json.write_text(json.dumps(out, indent=1, ensure_ascii=False), encoding="utf-8")
    _print_summary([r for r in out if r.get("engine")])
    return 0


def _print_run(r: dict) -> None:
    t = r["tables"]
    quick = f" --sample {r['sample']}" if r.get("sample") else ""
    print(f"\n== {r['engine']} × {r['scale']:g}{quick} : {_fmt(t.get('usager', 0))} personnes, {_fmt(t.get('entretien', 0))} notes, "
          f"{_fmt(t.get('journal_consultation', 0))} lignes de journal ; {_fmt(r['words'])} mots de texte")
    print(f"   charge moyenne avant {r['load_before'][0]:.1f}, après {r['load_after'][0]:.1f} (1 min)")
    print(f"   {'étape':12} {'durée':>9} {'CPU':>8} {'lignes':>12} {'lignes/s':>11} {'notes/s':>9} {'mots/s':>10} {'RSS max':>9} {'+ workers':>10}")
    print(f"   {'catalogue':12} {r['catalog_seconds']:8.1f}s {'':>8} {'':>12} {'':>11} {'':>9} {'':>10} {'':>9} {r['catalog_peak_mib']:8.0f}Mo")
    for name, c in r["checks"].items():
        sec = max(c["seconds"], 1e-9)
        extra = (f"{_fmt(r['notes'] / sec):>9} {_fmt(r['words'] / sec):>10}" if name == "subjective" and not r.get("sample")
                 else f"{'':>9} {'':>10}")
        print(f"   {name:12} {c['seconds']:8.1f}s {c['cpu_seconds']:7.1f}s {_fmt(c['rows']):>12} {_fmt(c['rows'] / sec):>11} {extra} "
              f"{c['peak_rss_mib']:7.0f}Mo {c['peak_tree_mib']:8.0f}Mo")
    print(f"   {'total':12} {r['wall']:8.1f}s {r['cpu_tree']:7.1f}s {'':>12} {'':>11} {'':>9} {'':>10} {r['peak_rss_mib']:7.0f}Mo {r['peak_tree_mib']:8.0f}Mo")
    if r["skipped"]:
        print(f"   non évalué : {r['skipped']}")


def _print_presidio(c: dict, runs: list[dict]) -> None:
    print(f"\n== texte : auditor.text et l'analyseur français par défaut de Presidio, sur les mêmes {c['notes']} notes "
          f"({_fmt(c['words'])} mots), un processus chacun")
    print(f"   auditor.text : {_fmt(c['ours_words_s'])} mots/s ; Presidio : {_fmt(c['presidio_words_s'])} mots/s ; "
          f"rapport {c['ours_words_s'] / c['presidio_words_s']:.1f}×")
    for r in runs:
        sub = r["checks"].get("subjective")
        if sub and not r.get("sample"):
            print(f"   scan complet {r['engine']} × {r['scale']:g} (lecture de la base comprise, --jobs) : "
                  f"{_fmt(r['words'] / sub['seconds'])} mots/s, soit {r['words'] / sub['seconds'] / c['presidio_words_s']:.1f}× Presidio")
    print(f"   micro-F1 sur le corpus annoté ({c['corpus_notes']} notes), catégories que Presidio couvre (tiers, identifiants) : "
          f"auditor.text {c['f1_shared_ours']:.3f}, Presidio {c['f1_shared_presidio']:.3f}")
    print(f"   micro-F1 sur les 11 catégories : auditor.text {c['f1_all_ours']:.3f}, Presidio {c['f1_all_presidio']:.3f}")


def _print_summary(runs: list[dict]) -> None:
    print("\n== synthèse (durées en secondes ; RSS max du processus d'audit et de ses workers, en Mo)")
    print(f"   {'base':10} {'échelle':>12} " + " ".join(f"{c:>11}" for c in CHECKS) + f" {'total':>8} {'CPU':>8} {'RSS':>6} {'+workers':>8} {'charge':>7}")
    for r in runs:
        cells = " ".join(f"{r['checks'][c]['seconds']:11.1f}" if c in r["checks"] else f"{'—':>11}" for c in CHECKS)
        scale = f"{r['scale']:g}" + (f" s={r['sample']}" if r.get("sample") else "")
        print(f"   {r['engine']:10} {scale:>12} {cells} {r['wall']:8.1f} {r['cpu_tree']:8.1f} {r['peak_rss_mib']:6.0f} "
              f"{r['peak_tree_mib']:8.0f} {(r['load_before'][0] + r['load_after'][0]) / 2:7.1f}")


if __name__ == "__main__":
    sys.exit(main())
