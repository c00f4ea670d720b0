"""Generate the third held-out set, notes_heldout3.jsonl, from templates.py.

Fixed seed: `python generate.py` rewrites the same file; `python generate.py --check` exits 1
if the file is not what the generator writes.
"""

import json
import random
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import templates  # noqa: E402

OUT = HERE / "notes_heldout3.jsonl"
SEED = 20261207_3
PER_REGISTER = 210
PREFIX = {"logement": "log3", "asile": "asi3", "handicap": "han3"}

SURNAMES = [
    "Martin", "Bernard", "Lefèvre", "Nguyen", "Diallo", "Haddad", "Kowalski", "Moreau", "Traoré",
    "Girard", "Benali", "Rousseau", "Da Silva", "Fontaine", "Camara", "Petitjean", "Yilmaz",
    "Marchand", "Sow", "Lemaire", "Ahmadi", "Barbier", "Okafor", "Leclerc", "Mansouri", "Perrin",
    "Tesfaye", "Guérin", "Popescu", "Chevalier", "Karimi", "Boyer", "Mbemba", "Vidal", "Hakimi",
    "Colin", "Sissoko", "Roche", "Abdi", "Lacroix", "Ferreira", "Renaud", "Kone", "Dumas",
]
WOMEN = [
    "Sandrine", "Fatoumata", "Chloé", "Leïla", "Nathalie", "Awa", "Océane", "Mariam", "Sylvie",
    "Inès", "Brigitte", "Zahra", "Jessica", "Hawa", "Pauline", "Nour", "Monique", "Yasmina",
    "Emma", "Khadija", "Aurélie", "Olga", "Samira", "Lucie",
]
MEN = [
    "Thierry", "Mamadou", "Kévin", "Rachid", "Jean-Luc", "Ousmane", "Dylan", "Ahmad", "Patrick",
    "Youssef", "Bruno", "Abdoulaye", "Hugo", "Tarik", "Gérard", "Samir", "Enzo", "Moussa",
    "Didier", "Bilal", "Arnaud", "Dmitri", "Jordan", "Idriss",
]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "septembre",
          "octobre", "novembre", "décembre"]
STREETS = ["rue des Tanneurs", "allée des Glycines", "avenue de la Gare", "rue du Moulin",
           "impasse des Cerisiers", "boulevard de l'Europe", "rue des Écoles", "chemin des Vignes",
           "place du Marché", "rue de la Forge"]
MAIL_DOMAINS = ["gmail.com", "hotmail.fr", "yahoo.fr", "orange.fr", "laposte.net", "outlook.fr"]

ABBREV = [
    (r"\brendez-vous\b", "RDV"), (r"\bRendez-vous\b", "RDV"), (r"\btéléphone\b", "tel"),
    (r"\bdemande\b", "dde"), (r"\bavec\b", "avc"), (r"\bpour\b", "pr"), (r"\bsemaine\b", "sem"),
    (r"\bMadame\b", "Mme"), (r"\bMonsieur\b", "M."),
    (r"\bquelque chose\b", "qqch"), (r"\bprochain\b", "proch."), (r"\bappartement\b", "appart"),
    (r"\blogement\b", "logt"), (r"\bassistante sociale\b", "AS"), (r"\btraitement\b", "ttt"),
    (r"\bdans\b", "ds"), (r"\bcommission\b", "commiss°"),
]

LABEL = re.compile(r"\[\[(\w+)\|(.*?)\]\]")
GENDER = re.compile(r"<([^<>|]*)\|([^<>|]*)>")


def strip_accents(s):
    return "".join(c for c in unicodedata.normalize("NFD", s)
                   if unicodedata.category(c) != "Mn")


def nir(rng, female):
    sex = "2" if female else "1"
    body = (sex + "%02d" % rng.randint(50, 99) + "%02d" % rng.randint(1, 12)
            + "%02d" % rng.choice([13, 33, 44, 59, 69, 75, 93, 99])
            + "%03d" % rng.randint(1, 999) + "%03d" % rng.randint(1, 999))
    key = 97 - int(body) % 97
    layout = rng.randint(0, 1)
    if layout:
        return "%s %s %s %s %s %s %02d" % (body[0], body[1:3], body[3:5], body[5:7], body[7:10],
                                            body[10:13], key)
    return body + "%02d" % key


def iban(rng):
    bank = "%05d" % rng.choice([30004, 20041, 10278, 30003, 16606, 11315])
    branch = "%05d" % rng.randint(100, 99999)
    account = "%011d" % rng.randint(10 ** 9, 10 ** 11 - 1)
    rib = 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97
    bban = bank + branch + account + "%02d" % rib
    check = 98 - int(bban + "152700") % 97  # F=15 R=27
    full = "FR%02d" % check + bban
    return " ".join(full[i:i + 4] for i in range(0, len(full), 4))


def phone(rng):
    digits = [rng.choice("67")] + [str(rng.randint(0, 9)) for _ in range(8)]
    pairs = ["0" + digits[0]] + ["".join(digits[i:i + 2]) for i in range(1, 9, 2)]
    style = rng.randint(0, 3)
    if style == 0:
        return " ".join(pairs)
    if style == 1:
        return "".join(pairs)
    if style == 2:
        return ".".join(pairs)
    return "+33 " + digits[0] + " " + " ".join(pairs[1:])


class Filler:
    def __init__(self, rng, female, surname, title):
        self.rng, self.female, self.surname, self.title = rng, female, surname, title

    def value(self, key):
        rng, f = self.rng, self.female
        if key == "T":
            return self.title
        if key == "N":
            return self.surname
        if key == "Mr":
            return "Madame" if f else "Monsieur"
        if key == "e":
            return "e" if f else ""
        if key == "PF":
            return rng.choice(WOMEN)
        if key == "PM":
            return rng.choice(MEN)
        if key == "SN":
            return rng.choice([s for s in SURNAMES if s != self.surname])
        if key == "TEL":
            return phone(rng)
        if key == "NIR":
            return nir(rng, f)
        if key == "MAIL":
            first = strip_accents(rng.choice(WOMEN if f else MEN)).lower()
            sep = rng.choice([".", "_", ""])
            return "%s%s%s%d@%s" % (first, sep, strip_accents(self.surname).lower().replace(" ", ""),
                                    rng.randint(1, 99), rng.choice(MAIL_DOMAINS))
        if key == "IBAN":
            return iban(rng)
        if key == "CAF":
            return "%07d" % rng.randint(1000000, 9999999)
        if key == "AGDREF":
            return "%010d" % rng.randint(10 ** 9, 10 ** 10 - 1)
        if key == "ADR":
            return "%d %s" % (rng.randint(1, 120), rng.choice(STREETS))
        if key == "DATE":
            return "%02d/%02d" % (rng.randint(1, 28), rng.randint(1, 12))
        if key == "MONTH":
            return rng.choice(MONTHS)
        if key == "AMT":
            return str(rng.choice([45, 60, 80, 120, 150, 230, 310, 480, 760, 1250, 1870, 2430, 3900]))
        if key == "YEAR":
            return str(rng.randint(2027, 2031))
        raise KeyError(key)

    def fill(self, s):
        s = GENDER.sub(lambda m: m.group(2) if self.female else m.group(1), s)
        return re.sub(r"\{(\w+)\}", lambda m: self.value(m.group(1)), s)


def mutate_plain(text, rng, abbrev, typos):
    """Abbreviations and typos, applied to unlabelled text only."""
    if abbrev:
        for pat, rep in ABBREV:
            if rng.random() < 0.6:
                text = re.sub(pat, rep, text)
    for _ in range(typos):
        words = list(re.finditer(r"\b[a-zàâçéèêëîïôûù]{6,}\b", text))
        if not words:
            break
        w = rng.choice(words)
        word = w.group(0)
        i = rng.randint(1, len(word) - 3)
        kind = rng.randint(0, 2)
        if kind == 0:
            new = word[:i] + word[i + 1] + word[i] + word[i + 2:]
        elif kind == 1:
            new = word[:i] + word[i + 1:]
        else:
            new = word[:i] + word[i] + word[i:]
        text = text[:w.start()] + new + text[w.end():]
    return text


def render(segments_list, filler, rng, abbrev, typo_budget, no_accents, sep, prefix):
    """segments_list: one template string per sentence. Returns text and spans."""
    text = prefix
    spans = []
    typo_slots = set()
    if typo_budget:
        typo_slots = set(rng.sample(range(len(segments_list)), min(typo_budget, len(segments_list))))
    for k, tpl in enumerate(segments_list):
        if k:
            text += sep
        pos = 0
        for m in LABEL.finditer(tpl):
            plain = filler.fill(tpl[pos:m.start()])
            plain = mutate_plain(plain, rng, abbrev, 1 if k in typo_slots else 0)
            if no_accents:
                plain = strip_accents(plain)
            text += plain
            words = filler.fill(m.group(2))
            if no_accents:
                words = strip_accents(words)
            spans.append({"category": m.group(1), "start": len(text), "end": len(text) + len(words)})
            text += words
            pos = m.end()
        plain = filler.fill(tpl[pos:])
        plain = mutate_plain(plain, rng, abbrev, 1 if (k in typo_slots and pos == 0) else 0)
        if no_accents:
            plain = strip_accents(plain)
        text += plain
    return text, spans


def gender_ok(tpl, female):
    if tpl.startswith("F:"):
        return female, tpl[2:]
    if tpl.startswith("M:"):
        return not female, tpl[2:]
    return True, tpl


class Cycler:
    """Every template in turn, reshuffled at each pass."""

    def __init__(self, items, rng):
        self.items, self.rng, self.queue = list(items), rng, []

    def next(self, female):
        for _ in range(2):
            for k in range(len(self.queue) - 1, -1, -1):
                ok, body = gender_ok(self.queue[k], female)
                if ok:
                    del self.queue[k]
                    return body
            # no template of this gender left in this pass: start a new pass
            self.queue = self.items[:]
            self.rng.shuffle(self.queue)
        raise RuntimeError("no template for this gender")


def generate():
    rng = random.Random(SEED)
    notes = []
    for reg, parts in templates.REGISTERS.items():
        opens = Cycler(parts["open"], rng)
        cleans = Cycler(parts["clean"], rng)
        flags = Cycler(parts["flag"], rng)
        frees = Cycler(parts["free"], rng)
        for i in range(PER_REGISTER):
            female = rng.random() < 0.55
            surname = rng.choice(SURNAMES)
            title = rng.choice(["Mme", "Mme", "Madame"] if female else ["M.", "M.", "Monsieur"])
            filler = Filler(rng, female, surname, title)
            abbrev = rng.random() < 0.35
            typos = rng.randint(1, 2) if rng.random() < 0.35 else 0
            no_accents = rng.random() < 0.12
            sep = "\n" if rng.random() < 0.2 else " "
            prefix = ""
            if rng.random() < 0.15:
                d = "%02d/%02d" % (rng.randint(1, 28), rng.randint(1, 12))
                prefix = rng.choice([d + " : ", d + " - ", "Le " + d + ". "])
            if i % 10 == 5:
                sentences = [frees.next(female)]
                abbrev, typos = False, 0
            else:
                clean_only = rng.random() < 0.42
                n = 1 if rng.random() < 1 / 6 else rng.choice([2, 3, 3, 4, 4, 5, 6, 7, 8])
                if clean_only:
                    body = [cleans.next(female) for _ in range(n)]
                else:
                    nflag = min(n, 1 + (rng.random() < 0.4) + (rng.random() < 0.15))
                    body = ([flags.next(female) for _ in range(nflag)]
                            + [cleans.next(female) for _ in range(n - nflag)])
                    rng.shuffle(body)
                opening = opens.next(female)
                sentences = ([opening] if opening and rng.random() < 0.85 else []) + body
            text, spans = render(sentences, filler, rng, abbrev, typos, no_accents, sep, prefix)
            notes.append({"id": "%s%04d" % (PREFIX[reg], i + 1), "register": reg,
                          "text": text, "spans": spans})
    return notes


def dump(notes):
    return "".join(json.dumps(n, ensure_ascii=False) + "\n" for n in notes)


def main():
    out = dump(generate())
    if "--check" in sys.argv[1:]:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != out:
            print("notes_heldout3.jsonl is out of date: run python generate.py")
            return 1
        print("notes_heldout3.jsonl is up to date")
        return 0
    OUT.write_text(out, encoding="utf-8")
    print("wrote %d notes to %s" % (len(out.splitlines()), OUT.name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
