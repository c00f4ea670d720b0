"""Generate notes_heldout6.jsonl from templates.py (fixed seed).

python generate.py          rewrite the file
python generate.py --check  exit 1 if the file is not what the generator writes
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

OUT = HERE / "notes_heldout6.jsonl"
SEED = 20261208
PER_REGISTER = 210
CLEAN_SHARE = 0.40

LABEL = re.compile(r"\[\[([a-z_]+)\|(.+?)\]\]")

SURNAMES = ["Le Gall", "Quéméner", "Morvan", "Tanguy", "Le Bihan", "Kerbrat", "Abalain", "Salaün",
            "Pichon", "Mahé", "Gourmelen", "Bouzid", "Ouattara", "Kouassi", "Sow", "Mendy",
            "Lopes", "Pereira", "Caron", "Dubreuil", "Lacombe", "Vidal", "Maillard", "Lebrun",
            "Rochette", "Aubert", "Tessier", "Hoarau", "Payet", "Grondin", "Bakayoko", "Yilmaz",
            "Popescu", "Ilunga", "Sanogo", "Drouet", "Berthelot", "Cordier"]
FEM = ["Maëlle", "Awa", "Gwenaëlle", "Karima", "Solène", "Aminata", "Nolwenn", "Estelle",
       "Kadidia", "Morgane", "Virginie", "Leïla", "Rokia", "Anaïs", "Josiane", "Mariam",
       "Tiphaine", "Clarisse", "Djeneba", "Elodie", "Naïma", "Soazig", "Yvette", "Hawa"]
MASC = ["Yann", "Erwan", "Moussa", "Gaël", "Karim", "Ronan", "Jean-Yves", "Bakary",
        "Tanguy", "Malik", "Gwendal", "Sékou", "Mathis", "Hervé", "Loïs", "Adama",
        "Pascal", "Florian", "Youssouf", "Glenn", "Ousmane", "Alain", "Joël", "Brendan"]
TOWNS = ["Lorient", "Concarneau", "Douarnenez", "Boulogne-sur-Mer", "Le Guilvinec", "Sète",
         "Les Sables-d'Olonne", "Fécamp", "Saint-Malo", "Bobigny", "Aubervilliers", "Créteil",
         "Sarcelles", "Nanterre", "Quimper", "Vannes"]
STREETS = ["quai de la Douane", "rue des Goélands", "impasse du Vieux Port", "rue Surcouf",
           "allée des Mouettes", "rue Jean Jaurès", "avenue des Thoniers", "rue de la Criée"]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "septembre",
          "octobre", "novembre", "décembre"]
DOMAINS = ["gmail.com", "hotmail.fr", "orange.fr", "yahoo.fr", "laposte.net", "free.fr"]

ABBREV = [("rendez-vous", "RDV"), ("Rendez-vous", "RDV"), ("téléphone", "tel"),
          ("Téléphone", "Tél"), ("demande", "dde"), ("Demande", "Dde"), (" pour ", " pr "),
          ("semaine", "sem"), ("situation", "sit°"), ("prochain", "proch"),
          ("assistante sociale", "AS"), ("Madame", "Mme"), ("Monsieur", "M."),
          ("entretien", "entr."), ("logement", "logt"), ("enfants", "enfts"),
          ("dossier", "dossr"), ("travailleur social", "TS"), ("quelque", "qq"),
          ("beaucoup", "bcp"), ("mois", "ms")]


def strip_accents(text):
    return "".join(c for c in unicodedata.normalize("NFD", text)
                   if unicodedata.category(c) != "Mn").replace("œ", "oe")


def nir(rng, sex):
    body = "%d%02d%02d%02d%03d%03d" % (sex, rng.randint(60, 99), rng.randint(1, 12),
                                        rng.randint(1, 95), rng.randint(1, 990),
                                        rng.randint(1, 999))
    key = 97 - int(body) % 97
    return "%s %s %s %s %s %s %02d" % (body[0], body[1:3], body[3:5], body[5:7], body[7:10],
                                        body[10:13], key)


def iban(rng):
    bban = "%05d%05d%011d" % (rng.randint(10000, 30000), rng.randint(1, 99999),
                              rng.randint(1, 10 ** 11 - 1))
    rib = 97 - (89 * int(bban[:5]) + 15 * int(bban[5:10]) + 3 * int(bban[10:])) % 97
    bban += "%02d" % rib
    check = 98 - int(bban + "152700") % 97
    s = "FR%02d%s" % (check, bban)
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4))


def phone(rng):
    d = [rng.choice("67")] + [str(rng.randint(0, 9)) for _ in range(8)]
    pairs = ["0" + d[0]] + ["".join(d[i:i + 2]) for i in range(1, 9, 2)]
    layout = rng.randrange(4)
    if layout == 0:
        return " ".join(pairs)
    if layout == 1:
        return "".join(pairs)
    if layout == 2:
        return ".".join(pairs)
    return "+33 " + d[0] + " " + " ".join(pairs[1:])


def filler(rng, fem, person):
    def gen(name):
        if name == "T":
            return rng.choice(["Mme", "Mme", "Madame"]) if fem else rng.choice(["M.", "M.", "Monsieur"])
        if name == "e":
            return "e" if fem else ""
        if name == "PF":
            return rng.choice(FEM)
        if name == "PM":
            return rng.choice(MASC)
        if name == "N":
            return rng.choice([n for n in SURNAMES if n != person])
        if name == "TEL":
            return phone(rng)
        if name == "NIR":
            return nir(rng, 2 if fem else 1)
        if name == "MAIL":
            first = rng.choice(FEM if fem else MASC)
            return "%s.%s%d@%s" % (strip_accents(first).lower(),
                                   strip_accents(rng.choice(SURNAMES)).lower().replace(" ", ""),
                                   rng.randint(1, 99), rng.choice(DOMAINS))
        if name == "IBAN":
            return iban(rng)
        if name == "ADR":
            return "%d %s, %05d %s" % (rng.randint(1, 140), rng.choice(STREETS),
                                       rng.randint(10, 95) * 1000 + rng.randint(0, 9) * 10,
                                       rng.choice(TOWNS))
        if name == "MAT":
            return "%010d" % rng.randint(10 ** 8, 10 ** 10 - 1)
        if name == "D":
            return rng.choice(["%d %s" % (rng.randint(1, 28), rng.choice(MONTHS)),
                               "%02d/%02d" % (rng.randint(1, 28), rng.randint(1, 12))])
        if name == "A":
            return "%d €" % (rng.randint(3, 40) * 50)
        if name == "V":
            return rng.choice(TOWNS)
        if name == "H":
            return "%dh" % rng.randint(8, 18)
        raise KeyError(name)
    return gen


def fill(text, gen, fem, person):
    text = re.sub(r"<([^|<>]*)\|([^|<>]*)>", lambda m: m.group(2) if fem else m.group(1), text)

    def sub(m):
        if m.group(1) == "X":
            return person
        return gen(m.group(1))
    return re.sub(r"\{([A-Z]+|e)\}", sub, text)


def segments(sentence, gen, fem, person):
    """Split a filled template into (text, category or None) segments."""
    out = []
    pos = 0
    for m in LABEL.finditer(sentence):
        if m.start() > pos:
            out.append((fill(sentence[pos:m.start()], gen, fem, person), None))
        out.append((fill(m.group(2), gen, fem, person), m.group(1)))
        pos = m.end()
    if pos < len(sentence):
        out.append((fill(sentence[pos:], gen, fem, person), None))
    return out


def typo(rng, text):
    words = list(re.finditer(r"[A-Za-zéèàùâêîôûç]{5,}", text))
    if not words:
        return text
    m = rng.choice(words)
    w = m.group()
    i = rng.randrange(1, len(w) - 2)
    kind = rng.randrange(3)
    if kind == 0:
        w2 = w[:i] + w[i + 1] + w[i] + w[i + 2:]
    elif kind == 1:
        w2 = w[:i] + w[i + 1:]
    else:
        w2 = w[:i] + w[i] + w[i:]
    return text[:m.start()] + w2 + text[m.end():]


def roughen(rng, text):
    for a, b in ABBREV:
        if a in text and rng.random() < 0.6:
            # whole words only (« demandeur », « prochaine » stay)
            text = re.sub(r"(?<!\w)%s(?!\w)" % re.escape(a.strip()),
                          b.strip().replace("\\", r"\\"), text)
    if rng.random() < 0.3:
        text = typo(rng, text)
    return text


def usable(template, fem):
    if template.startswith("F:"):
        return fem, template[2:]
    if template.startswith("M:"):
        return not fem, template[2:]
    return True, template


class Cycle:
    def __init__(self, rng, items):
        self.rng, self.items, self.queue = rng, list(items), []

    def take(self, fem, used):
        for _ in range(len(self.items) * 3 + 3):
            if not self.queue:
                self.queue = self.items[:]
                self.rng.shuffle(self.queue)
            item = self.queue.pop()
            ok, text = usable(item, fem)
            if ok and text not in used:
                used.add(text)
                return text
        raise RuntimeError("no template for this gender")


def build():
    rng = random.Random(SEED)
    notes = []
    for register, blocks in templates.REGISTERS.items():
        opens, cleans, flags, frees = (templates.lines(b) for b in blocks)
        c_open, c_clean, c_flag = Cycle(rng, opens), Cycle(rng, cleans), Cycle(rng, flags)
        kinds = ["free"] * len(frees)
        rest = PER_REGISTER - len(frees)
        n_clean = round(rest * CLEAN_SHARE)
        kinds += ["clean"] * n_clean + ["flag"] * (rest - n_clean)
        rng.shuffle(kinds)
        free_queue = frees[:]
        rng.shuffle(free_queue)
        for k, kind in enumerate(kinds):
            fem = rng.random() < (0.6 if register == "hotel" else 0.5)
            person = rng.choice(SURNAMES)
            gen = filler(rng, fem, person)
            if kind == "free":
                tpl = free_queue.pop()
                fem = tpl.lstrip().startswith("mme") or " mme " in tpl[:40]
                sentences = [tpl]
                lower_free = True
            else:
                lower_free = False
                n = 1 if rng.random() < 1 / 6 else rng.randint(2, 7)
                sentences = []
                used = set()
                if rng.random() < 0.55:
                    sentences.append(c_open.take(fem, used))
                if kind == "clean":
                    sentences += [c_clean.take(fem, used) for _ in range(n)]
                else:
                    n_flag = 1 if n < 3 else rng.randint(1, min(3, n - 1))
                    body = [c_flag.take(fem, used) for _ in range(n_flag)]
                    body += [c_clean.take(fem, used) for _ in range(n - n_flag)]
                    rng.shuffle(body)
                    sentences += body
            rough = not lower_free and rng.random() < 0.35
            no_accents = rng.random() < 0.12
            lower = not lower_free and rng.random() < 0.08
            one_per_line = len(sentences) > 1 and rng.random() < 0.2
            prefix = ""
            if rng.random() < 0.15:
                prefix = rng.choice(["%02d/%02d : " % (rng.randint(1, 28), rng.randint(1, 12)),
                                     "Le %d %s - " % (rng.randint(1, 28), rng.choice(MONTHS)),
                                     "%02d/%02d/2026 " % (rng.randint(1, 28), rng.randint(1, 12))])
            segs = [(prefix, None)] if prefix else []
            for i, sentence in enumerate(sentences):
                if i:
                    segs.append(("\n" if one_per_line else " ", None))
                segs += segments(sentence, gen, fem, person)
            text, spans = "", []
            for seg, cat in segs:
                if cat is None and rough:
                    seg = roughen(rng, seg)
                if no_accents:
                    seg = strip_accents(seg)
                if lower:
                    seg = seg.lower()
                if cat is not None:
                    spans.append({"category": cat, "start": len(text), "end": len(text) + len(seg)})
                text += seg
            notes.append({"id": "h6-%s-%03d" % (register[:3], k + 1), "register": register,
                          "text": text, "spans": spans})
    return notes


def dump(notes):
    return "".join(json.dumps(n, ensure_ascii=False) + "\n" for n in notes)


def main():
    out = dump(build())
    if "--check" in sys.argv:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != out:
            print("notes_heldout6.jsonl is out of date: run python generate.py")
            sys.exit(1)
        print("notes_heldout6.jsonl is up to date")
        return
    OUT.write_text(out, encoding="utf-8")
    print("wrote %d notes to %s" % (out.count("\n"), OUT.name))


if __name__ == "__main__":
    main()
