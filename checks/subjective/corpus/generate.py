"""Build the multi-register labelled corpus ``notes_registers.jsonl`` from hand-written templates.

Five registers that exist in French social work, each written separately with its own
vocabulary (``reg_*.py``): département polyvalence, workplace social service (SST),
child protection (ASE), hospital social service, CCAS / RSA insertion. A template is
one sentence in the mark-up of ``bench/build_corpus.py`` (``{category|words}``) with
slots (``<TN>`` title and surname of the person accompanied, ``<F>``/``<M>`` a given
name, ``<S>`` another surname, ``<e>`` feminine agreement...). A note is an opening,
one to four sentences, sometimes a typo or an abbreviation outside the labelled words.

This is a *generator over hand-written templates*, not hand-written notes: the same
sentence shapes recur with other names and in other orders. It was written before any
change to the analyser, for held-out evaluation (leave one register out), never tuned on.

    python checks/subjective/corpus/generate.py          # rewrite the JSONL
    python checks/subjective/corpus/generate.py --check  # exit 1 if out of date
"""

from __future__ import annotations

import importlib.util
import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
OUT = HERE / "notes_registers.jsonl"
REGISTERS = ("departement", "travail", "ase", "hopital", "ccas")
PER_REGISTER = 640
SEED = 20261207


def _load(name):
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


F = _load("fillers")
sys.path.insert(0, str(ROOT / "bench"))
from build_corpus import parse_line  # noqa: E402

_FEM = re.compile(r"(\w+)f<ve>|(\w+)eur<rice>")


def _agree(s: str, fem: bool) -> str:
    s = _FEM.sub(lambda m: (m.group(1) + ("ve" if fem else "f")) if m.group(1) else (m.group(2) + ("rice" if fem else "eur")), s)
    return s.replace("<e>", "e" if fem else "")


def _tel(r):
    return " ".join(f"{r.randrange(100):02d}" for _ in range(4))


def _fill(t: str, r: random.Random, person: dict) -> str:
    fem = person["fem"]
    rep = {
        "<TN>": person["tn"], "<N>": person["surname"], "<Il>": "Elle" if fem else "Il", "<il>": "elle" if fem else "il",
        "<Mme>": "Madame" if fem else "Monsieur", "<SAME>": "sa compagne" if fem else "son compagnon",
    }
    for k, v in rep.items():
        t = t.replace(k, v)
    others = [s for s in F.SURNAMES if s != person["surname"]]
    subs = {
        "<F>": lambda: r.choice(F.PRENOMS_F), "<M>": lambda: r.choice(F.PRENOMS_M), "<S>": lambda: r.choice(others),
        "<V>": lambda: r.choice(F.VILLES), "<RUE>": lambda: r.choice(F.RUES), "<ECOLE>": lambda: r.choice(F.ECOLES),
        "<ECOLE2>": lambda: r.choice(F.ECOLES), "<MOIS>": lambda: r.choice(F.MOIS), "<JOUR>": lambda: r.choice(F.JOURS),
        "<D>": lambda: str(r.randint(1, 28)), "<MM>": lambda: f"{r.randint(1, 12):02d}", "<K>": lambda: str(r.randint(2, 9)),
        "<E>": lambda: str(r.randrange(80, 1600, 10)), "<E2>": lambda: str(r.randrange(300, 1200, 10)),
        "<SITE>": lambda: r.choice(F.SITES), "<POSTE>": lambda: r.choice(F.POSTES), "<SVC>": lambda: r.choice(F.SERVICES_HOP),
        "<TEL>": lambda: _tel(r)[3:] if False else " ".join(f"{r.randrange(100):02d}" for _ in range(4)),
        "<CP>": lambda: f"{r.choice([59, 62, 69, 75, 93, 13, 33, 31, 44, 67])}{r.randrange(0, 999):03d}",
        "<CAF>": lambda: str(r.randrange(1000000, 9999999)),
        "<MAIL>": lambda: f"{r.choice(F.PRENOMS_F + F.PRENOMS_M).lower()}.{r.choice(F.SURNAMES).lower().replace(' ', '')}{r.randrange(10, 99)}@{r.choice(['gmail.com', 'orange.fr', 'hotmail.fr', 'free.fr'])}",
        "<IBAN>": lambda: _iban(r), "<PS>": lambda: r.choice(F.PRENOMS_F if fem else F.PRENOMS_M), "<NIR>": lambda: _nir(r, fem),
    }
    t = re.sub(r"<[A-Z0-9]+>", lambda m: subs[m.group()]() if m.group() in subs else m.group(), t)
    return _agree(t, fem)


def _iban(r):
    bban = f"{r.randrange(10**4, 10**5)}{r.randrange(10**4, 10**5)}{r.randrange(10**10, 10**11)}{r.randrange(10, 99)}"
    num = int(bban + "152700")  # FR00
    check = 98 - num % 97
    s = f"FR{check:02d}{bban}"
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4))


def _nir(r, fem):
    body = f"{2 if fem else 1}{r.randrange(40, 99):02d}{r.randint(1, 12):02d}{r.choice([59, 62, 69, 75, 93]):02d}{r.randrange(1, 999):03d}{r.randrange(1, 999):03d}"
    key = 97 - int(body) % 97
    return f"{body[0]} {body[1:3]} {body[3:5]} {body[5:7]} {body[7:10]} {body[10:13]} {key:02d}"


_ACC = str.maketrans("éèêàùçôî", "eeeaucoi")


def _typos(s: str, r: random.Random) -> str:
    """Typos and abbreviations outside the labelled words and names."""
    parts = re.split(r"(\{[^{}]*\})", s)
    out = []
    for p in parts:
        if p.startswith("{"):
            out.append(p)
            continue
        words = p.split(" ")
        for i, w in enumerate(words):
            if not w or w[:1].isupper():
                continue
            x = r.random()
            if x < 0.04:
                words[i] = w.translate(_ACC)
            elif x < 0.05 and len(w) > 4:
                k = r.randrange(1, len(w) - 2)
                words[i] = w[:k] + w[k + 1] + w[k] + w[k + 2:]
            elif x < 0.06:
                words[i] = {"avec": "ac", "pour": "pr", "dans": "ds", "sans": "ss", "toujours": "tjrs", "quelque": "qq",
                            "rendez-vous": "RDV", "problème": "pb", "téléphone": "tel", "semaine": "sem."}.get(w, w)
        out.append(" ".join(words))
    return "".join(out)


def _person(r):
    fem = r.random() < 0.62
    surname = r.choice(F.SURNAMES)
    title = r.choice(["Mme", "Mme", "Mme", "Madame", "Mlle"] if fem else ["M.", "M.", "M.", "Monsieur", "Mr"])
    return {"fem": fem, "surname": surname, "tn": f"{title} {surname}"}


def build() -> list[dict]:
    r = random.Random(SEED)
    notes = []
    for reg in REGISTERS:
        mod = _load(f"reg_{reg}")
        for k in range(PER_REGISTER):
            person = _person(r)
            clean = r.random() < 0.47
            sents = []
            if r.random() < 0.85:
                sents.append(r.choice(mod.OPEN))
            n_body = r.choice([1, 1, 2, 2, 2, 3, 3, 4])
            if clean:
                sents += r.sample(mod.CLEAN, n_body)
            else:
                n_flag = 1 if r.random() < 0.7 else 2
                body = r.sample(mod.FLAG, n_flag) + r.sample(mod.CLEAN, max(0, n_body - n_flag))
                r.shuffle(body)
                sents += body
            line = " ".join(_fill(s, r, person) for s in sents)
            if r.random() < 0.5:
                line = _typos(line, r)
            if r.random() < 0.15:  # telegraphic: one sentence a line
                line = line.replace(". ", ".\n")
            text, spans = parse_line(line.replace("\n", "\u2028"))
            text = text.replace("\u2028", "\n")
            notes.append({"id": f"{reg[:3]}{k + 1:04d}", "register": reg, "text": text, "spans": spans})
    return notes


def render(notes) -> str:
    return "".join(json.dumps(n, ensure_ascii=False) + "\n" for n in notes)


def main(argv) -> int:
    out = render(build())
    if "--check" in argv:
        return 0 if OUT.exists() and OUT.read_text(encoding="utf-8") == out else 1
    OUT.write_text(out, encoding="utf-8")
    from collections import Counter
    notes = [json.loads(x) for x in out.splitlines()]
    for reg in REGISTERS:
        sub = [n for n in notes if n["register"] == reg]
        c = Counter(s["category"] for n in sub for s in n["spans"])
        print(reg, len(sub), "clean", sum(1 for n in sub if not n["spans"]), dict(sorted(c.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
