"""Build the held-out note set ``notes_heldout.jsonl`` (three registers the analyser was not built from).

Registers (one module each, hand-written by a helper before the analyser change of this session):
``reg_scolaire.py`` (service social en faveur des élèves), ``reg_chrs.py`` (CHRS, hébergement
d'urgence, SIAO), ``reg_geronto.py`` (gérontologie, APA, CLIC). A template is one sentence with
labelled words in ``[[category|words]]`` and slots (``<P>`` the person accompanied, ``<X>`` another
surname, ``<F>``/``<H>`` given names, ``<e>`` and ``<masc|fem>`` agreement...). A note is an
optional date and opening, then one to eight sentences; a share of notes gets typos and
abbreviations outside the labelled words, loses its accents (everywhere, labels included: the
transformation keeps every character offset), or is written one line per sentence.

The mark-up parser here is this module's own (not ``bench/build_corpus.py``), so that nothing of
the project's corpus tooling is shared. Never tune anything on this file: see README.md.

    python checks/subjective/heldout/generate.py            # rewrite the JSONL
    python checks/subjective/heldout/generate.py --check    # exit 1 if out of date
"""

from __future__ import annotations

import importlib.util
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "notes_heldout.jsonl"
REGISTERS = {"scolaire": "sco", "chrs": "chr", "geronto": "ger"}
PER_REGISTER = 220
CLEAN_SHARE = 0.41
SEED = 14_2026_12

SURNAMES = """Lebrun Petit Boulanger Marchetti Chauvin Tessier Hamidi Bouaziz Oukili Sissoko Keita Coulibaly
Fofana Guezennec Le Bihan Kerouac Pelletier Besnard Colas Delattre Vandamme Wojcik Sobczak Esposito
Russo Ferrari Costa Teixeira Gomes Carvalho Nakamura Zhang Wang Lin Ozturk Kaya Celik Aydin Bakari
Mbappé Tchoumi Nkosi Abadie Etcheverry Larrieu Peyrot Grandjean Courtois Vallet Jourdan Bouvier
Descamps Hennequin Lemaitre Devos Bailleul Tanguy Quéré Morvan Jaouen Chabert Rochette Vernet Granger
Barthélemy Lacombe Delmas Salvador Navarro Ortega Ibáñez Kouassi Yao Achour Belkacem Zeroual Saidi
Toure Ba Sow Diarra Cissé Moulinier Dacosta Poulain Rigaud Fauvel Ledoux Chéreau Maréchal""".split()
SURNAMES = [s for s in SURNAMES if s not in ("Le", "Bihan")] + ["Le Bihan", "Da Costa", "Ben Youssef", "N'Diaye"]

PRENOMS_F = """Ambre Anaïs Océane Maëlys Lilou Clémence Noémie Justine Pauline Coralie Élodie Gaëlle Mélissa
Héloïse Yasmine Nour Salma Rania Imane Kenza Assia Djeneba Kadiatou Binta Oumou Mariam Aïssatou Svetlana
Irina Ioana Ana Lucía Giulia Mei Linh Hoa Ayşe Zeynep Brigitte Monique Josiane Ginette Odette Simone
Jacqueline Colette Huguette Paulette""".split()
PRENOMS_M = """Noah Enzo Mathis Kylian Evan Nolan Timéo Sacha Rayan Ilyes Amine Bilal Mehdi Sofiane Yassine
Moussa Mamadou Ousmane Boubacar Seydou Ibrahima Cheikh Dimitri Bogdan Andrei Mihai Luca Matteo Diego
Thanh Minh Emre Burak Kemal Gérard Marcel Roger Maurice Raymond Bernard Gilbert André Jacky Didier""".split()
VILLES = """Roubaix Tourcoing Lens Amiens Rouen Le Havre Caen Brest Quimper Rennes Angers Tours Orléans Dijon
Besançon Mulhouse Metz Nancy Reims Troyes Limoges Poitiers Niort Pau Bayonne Perpignan Nîmes Montpellier
Toulon Nice Grenoble Chambéry Annecy Valence Saint-Étienne Clermont-Ferrand Bourges Vierzon Montreuil
Aubervilliers Sarcelles Créteil Évry""".split()
VOIES = ["rue des Acacias", "avenue Jean Moulin", "allée Colette", "boulevard de la Liberté", "chemin du Moulin",
         "impasse des Lavandières", "rue Émile Zola", "place du Marché", "rue du 8 Mai 1945", "cité des Fleurs",
         "rue Saint-Exupéry", "quai de la Loire", "résidence Les Peupliers"]
ETABS = ["Jean Moulin", "Pablo Picasso", "Simone Veil", "Les Tourelles", "Marie Curie", "Camille Claudel",
         "Jules Verne", "Aimé Césaire", "Gustave Eiffel", "Rosa Parks", "du Val d'Argent", "Lucie Aubrac"]
JOURS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi"]

_LABEL = re.compile(r"\[\[([a-z_]+)\|(.*?)\]\]")
_ALT = re.compile(r"<([^<>|]*)\|([^<>|]*)>")
_ACCENTS = str.maketrans("éèêëàâäùûüçôöîïÉÈÊÀÂÇÔÎ", "eeeeaaauuucooiiEEEAACOI")


def _load(name):
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def parse(line: str):
    """``[[cat|words]]`` mark-up to (text, spans, expected span texts)."""
    text, spans, pos = [], [], 0
    out_len = 0
    for m in _LABEL.finditer(line):
        before = line[pos:m.start()]
        text.append(before)
        out_len += len(before)
        words = m.group(2)
        spans.append({"category": m.group(1), "start": out_len, "end": out_len + len(words)})
        text.append(words)
        out_len += len(words)
        pos = m.end()
    text.append(line[pos:])
    t = "".join(text)
    if "[[" in t or "]]" in t:
        raise ValueError(f"unbalanced mark-up: {line!r}")
    return t, spans


def _tel(r):
    d = [f"{r.choice([6, 7])}"] + [f"{r.randrange(100):02d}" for _ in range(4)]
    style = r.randrange(4)
    if style == 0:
        return "0" + d[0] + " " + " ".join(d[1:])
    if style == 1:
        return "0" + d[0] + "." + ".".join(d[1:])
    if style == 2:
        return "0" + d[0] + "".join(d[1:])
    return "+33 " + d[0] + " " + " ".join(d[1:])


def _adr(r):
    num = f"{r.randint(1, 140)}{r.choice(['', '', '', ' bis', ' ter'])}"
    cp = f"{r.choice([59, 62, 80, 76, 14, 29, 35, 49, 37, 45, 21, 25, 68, 57, 54, 51, 87, 86, 64, 66, 30, 34, 83, 6, 38, 93, 94, 91]):02d}{r.randrange(0, 999):03d}"
    v = r.choice(VILLES)
    voie = r.choice(VOIES)
    if voie.startswith("résidence"):
        return f"{voie}, bât. {r.choice('ABCD')}, {num} rue des Écoles, {cp} {v}"
    return r.choice([f"{num} {voie}, {cp} {v}", f"{num}, {voie} {cp} {v}", f"{num} {voie} - {cp} {v.upper()}"])


def _mail(r):
    p = r.choice(PRENOMS_F + PRENOMS_M).lower().translate(_ACCENTS)
    s = r.choice(SURNAMES).lower().replace(" ", "").replace("'", "").translate(_ACCENTS)
    return r.choice([f"{p}.{s}@laposte.net", f"{p[0]}{s}{r.randrange(1, 99)}@gmail.com", f"{s}.{p}@sfr.fr", f"{p}{r.randrange(60, 99)}@yahoo.fr"])


def _nir(r, fem):
    body = f"{2 if fem else 1}{r.randrange(30, 99):02d}{r.randint(1, 12):02d}{r.choice([59, 62, 29, 35, 69, 13]):02d}{r.randrange(1, 999):03d}{r.randrange(1, 999):03d}"
    key = 97 - int(body) % 97
    if r.random() < 0.5:
        return f"{body[0]} {body[1:3]} {body[3:5]} {body[5:7]} {body[7:10]} {body[10:13]} {key:02d}"
    return f"{body}{key:02d}"


def _iban(r):
    bban = f"{r.randrange(10**4, 10**5)}{r.randrange(10**4, 10**5)}{r.randrange(10**10, 10**11)}{r.randrange(10, 99)}"
    check = 98 - int(bban + "152700") % 97
    s = f"FR{check:02d}{bban}"
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4))


def fill(t: str, r: random.Random, person: dict) -> str:
    fem = person["fem"]
    t = _ALT.sub(lambda m: m.group(2) if fem else m.group(1), t)
    t = t.replace("<e>", "e" if fem else "")
    fixed = {"<P>": person["tn"], "<Mme>": "Madame" if fem else "Monsieur", "<il>": "elle" if fem else "il",
             "<SAME>": "sa compagne" if fem else "son compagnon"}
    for k, v in fixed.items():
        t = t.replace(k, v)
    others = [s for s in SURNAMES if s != person["surname"]]
    subs = {
        "<X>": lambda: r.choice(others), "<F>": lambda: r.choice(PRENOMS_F), "<H>": lambda: r.choice(PRENOMS_M),
        "<V>": lambda: r.choice(VILLES), "<ETAB>": lambda: r.choice(ETABS), "<JOUR>": lambda: r.choice(JOURS),
        "<D>": lambda: f"{r.randint(1, 28):02d}/{r.randint(1, 12):02d}", "<TEL>": lambda: _tel(r),
        "<ADR>": lambda: _adr(r), "<MAIL>": lambda: _mail(r), "<NIR>": lambda: _nir(r, fem),
        "<IBAN>": lambda: _iban(r), "<CAF>": lambda: str(r.randrange(1_000_000, 9_999_999)),
    }
    t = re.sub(r"<[A-Z]+>", lambda m: subs[m.group()]() if m.group() in subs else m.group(), t)
    if re.search(r"<[^<>]*>", t):
        raise ValueError(f"unfilled slot: {t!r}")
    return t


_ABBR = {"avec": "ac", "pour": "pr", "toujours": "tjs", "beaucoup": "bcp", "semaine": "sem", "rendez-vous": "RDV",
         "téléphone": "tél", "personne": "pers.", "famille": "fam.", "quelque": "qq", "dossier": "dossier",
         "entretien": "ent.", "depuis": "dps", "travail": "W", "mois": "mois", "demande": "dde"}


_NOT_END = {"M", "Dr", "bât", "pers", "fam", "ent"}


def typos(line: str, r: random.Random, rate: float) -> str:
    """Typos and abbreviations outside the labelled words; capitalised words (names) untouched."""
    parts = re.split(r"(\[\[[a-z_]+\|.*?\]\])", line)
    out = []
    for p in parts:
        if p.startswith("[["):
            out.append(p)
            continue
        words = p.split(" ")
        for i, w in enumerate(words):
            if len(w) < 4 or not w.isalpha() or not w.islower():
                continue
            x = r.random()
            if x < rate * 0.35:
                k = r.randrange(1, len(w) - 2)
                words[i] = w[:k] + w[k + 1] + w[k] + w[k + 2:]
            elif x < rate * 0.6:
                k = r.randrange(1, len(w) - 1)
                words[i] = w[:k] + w[k + 1:]
            elif x < rate * 0.75:
                k = r.randrange(1, len(w) - 1)
                words[i] = w[:k] + w[k] + w[k:]
            elif x < rate:
                words[i] = _ABBR.get(w, w)
        out.append(" ".join(words))
    return "".join(out)


def _person(r, reg):
    fem = r.random() < (0.7 if reg != "chrs" else 0.45)
    surname = r.choice(SURNAMES)
    title = r.choice(["Mme", "Mme", "Mme", "Madame"] if fem else ["M.", "M.", "M.", "Monsieur", "Mr"])
    return {"fem": fem, "surname": surname, "tn": f"{title} {surname}"}


class _Deck:
    """Sentences drawn without replacement until all are used, so that every template appears."""

    def __init__(self, items, r):
        self.items, self.r, self.left = list(items), r, []

    def draw(self, n):
        out = []
        while len(out) < n:
            if not self.left:
                self.left = self.r.sample(self.items, len(self.items))
            x = self.left.pop()
            if x not in out:
                out.append(x)
        return out


def build():
    """Notes and, for the self-check, the expected text of every span."""
    r = random.Random(SEED)
    notes, expected = [], []
    for reg, prefix in REGISTERS.items():
        mod = _load(f"reg_{reg}")
        clean_deck, flag_deck = _Deck(mod.CLEAN, r), _Deck(mod.FLAG, r)
        free = dict(zip(r.sample(range(PER_REGISTER), len(mod.FREE)), mod.FREE))
        for k in range(PER_REGISTER):
            person = _person(r, reg)
            clean = r.random() < CLEAN_SHARE
            if k in free:  # a whole note written in one go
                text, spans, exp = _finish(free[k], r, person, free=True)
                notes.append({"id": f"{prefix}{k + 1:04d}", "register": reg, "text": text, "spans": spans})
                expected.append(exp)
                continue
            n_body = r.choice([1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 6, 8])
            if clean:
                body = clean_deck.draw(n_body)
            else:
                n_flag = r.choice([1, 1, 1, 1, 2, 2, 3])
                body = flag_deck.draw(n_flag) + clean_deck.draw(max(0, n_body - n_flag))
                r.shuffle(body)
            sents = ([r.choice(mod.OPEN)] if r.random() < 0.8 else []) + body
            text, spans, exp = _finish(" ".join(sents), r, person)
            notes.append({"id": f"{prefix}{k + 1:04d}", "register": reg, "text": text, "spans": spans})
            expected.append(exp)
    return notes, expected


# Label fixes made after the one "before" measurement (README, "Label fixes"): spans that missed
# words of their own category. Applied to the parsed spans, so that the text of every note (and
# the random draws of the typos) stays as it was measured. (category, span text, words after it).
LABEL_FIXES = [
    ("health", "schizophrenie", re.compile(r"[^,.\n]*?traitement")),        # « stabilisée sous traitement »
    ("criminal", "incarcere", re.compile(r"[^,.\n]*?d'arr[eê]t")),           # « à la maison d'arrêt »
    ("judgement", "une mere laxiste", re.compile(r"[^,.\n]*?limites")),     # « qui n'ose pas poser de limites »
]
RELIGION_AFTER = re.compile(r",\s*(va\b[^.\n]*?dimanche)")                  # « va à la messe chaque dimanche »


def _fix_labels(text: str, spans: list[dict]) -> list[dict]:
    out = []
    for s in spans:
        words = text[s["start"]:s["end"]].lower().translate(_ACCENTS)
        for cat, head, after in LABEL_FIXES:
            if s["category"] == cat and words == head:
                m = after.match(text, s["end"])
                if m is None:
                    raise ValueError(f"label fix does not apply: {text!r}")
                s = dict(s, end=m.end())
        out.append(s)
        if s["category"] == "religion" and words.startswith("catholique tres pratiquant"):
            m = RELIGION_AFTER.match(text, s["end"])
            if m is None:
                raise ValueError(f"label fix does not apply: {text!r}")
            out.append({"category": "religion", "start": m.start(1), "end": m.end(1)})
    return out


def _finish(tpl: str, r: random.Random, person: dict, free: bool = False):
    """Fill the slots, add typos, line breaks, a date or lost accents; parse the labels."""
    line = fill(tpl, r, person)
    if r.random() < 0.4:
        line = typos(line, r, r.choice([0.04, 0.08, 0.12]))
    if not free and r.random() < 0.2:  # telegraphic: one line a sentence, no final full stops
        line = re.sub(r"(\w+)\.( |$)", lambda m: m.group(0) if m.group(1) in _NOT_END
                      else m.group(1) + ("\n" if m.group(2) else ""), line)
    if r.random() < 0.2:
        line = f"{r.randint(1, 28):02d}/{r.randint(1, 12):02d} : " + line
    text, spans = parse(line)
    spans = _fix_labels(text, spans)
    exp = [text[s["start"]:s["end"]] for s in spans]
    if r.random() < 0.12:  # typed without accents (offsets unchanged)
        text = text.translate(_ACCENTS)
        exp = [e.translate(_ACCENTS) for e in exp]
    return text, spans, exp


def render(notes) -> str:
    return "".join(json.dumps(n, ensure_ascii=False) + "\n" for n in notes)


def summary(notes) -> str:
    lines = []
    for reg in list(REGISTERS) + ["all"]:
        sub = [n for n in notes if reg in (n["register"], "all")]
        c = Counter(s["category"] for n in sub for s in n["spans"])
        clean = sum(1 for n in sub if not n["spans"])
        lines.append(f"{reg:<9} {len(sub):>4} notes, {clean} clean ({100 * clean / len(sub):.0f} %), spans {dict(sorted(c.items()))}")
    return "\n".join(lines)


def main(argv) -> int:
    notes, _ = build()
    out = render(notes)
    if "--check" in argv:
        return 0 if OUT.exists() and OUT.read_text(encoding="utf-8") == out else 1
    OUT.write_text(out, encoding="utf-8")
    print(summary(notes))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
