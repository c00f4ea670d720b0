"""Generate the fourth held-out set: ``notes_heldout4.jsonl`` (issue 14).

Fixed seed: running it rewrites the same file. ``--check`` exits 1 if the file is not
what the generator writes. Standard library only.
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

OUT = HERE / "notes_heldout4.jsonl"
SEED = 20261207
PER_REGISTER = 210

GIVEN_F = ["Inès", "Sarah", "Chloé", "Aïcha", "Jessica", "Manon", "Fatoumata", "Léa", "Yasmine",
           "Océane", "Nadia", "Sylvie", "Martine", "Brigitte", "Sandrine", "Nathalie", "Kenza",
           "Lina", "Emma", "Camille", "Mélissa", "Aminata", "Rose", "Christine", "Monique",
           "Farida", "Samia", "Laetitia", "Agnès", "Valérie", "Maëlys", "Djeneba", "Hélène",
           "Soraya", "Jeanne", "Coralie"]
GIVEN_M = ["Dylan", "Kevin", "Yanis", "Mehdi", "Moussa", "Lucas", "Enzo", "Bilal", "Rayan",
           "Thomas", "Kylian", "Ibrahima", "Jordan", "Steven", "Patrick", "Gérard", "Alain",
           "Thierry", "Pascal", "Rachid", "Karim", "Mamadou", "Nicolas", "Julien", "Sofiane",
           "Bruno", "Didier", "Franck", "Hakim", "Olivier", "Anthony", "Samir", "Loïc",
           "Jean-Marc", "Ousmane", "Florian"]
SURNAMES = ["Delattre", "Quéré", "Bonnefoy", "Malet", "Arnoult", "Tchakounté", "Belkacem",
            "Vasseur", "Ribeiro", "Lacombe", "Monnier", "Keïta", "Hoarau", "Poulain", "Jacquot",
            "Le Bihan", "Zerrouki", "Feuillet", "Dumoulin", "Pham", "Sissoko", "Marchetti",
            "Combes", "Grosjean", "Yilmaz", "Ait Ahmed", "Rakotoarisoa", "Lagarde", "Villeneuve",
            "Hennequin", "Courtois", "Maillard", "Bouzid", "Esteves", "Loiseau", "Chabert",
            "Derouet", "Mbappé-Nkoulou", "Tardieu", "Wagner", "Costa Pinto", "Olivier-Ruiz"]
STREETS = ["rue des Acacias", "avenue de la République", "impasse des Lilas", "rue du Moulin",
           "allée des Peupliers", "boulevard Gambetta", "rue de la Gare", "chemin des Vignes",
           "résidence Les Tilleuls, bât. B", "rue Émile Zola", "place du Marché", "cité des Fleurs"]
TOWNS = ["69200 Vénissieux", "59100 Roubaix", "93200 Saint-Denis", "13015 Marseille",
         "31100 Toulouse", "44300 Nantes", "67100 Strasbourg", "76600 Le Havre"]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "septembre",
          "octobre", "novembre", "décembre"]
DOMAINS = ["gmail.com", "hotmail.fr", "yahoo.fr", "orange.fr", "free.fr", "laposte.net",
           "outlook.fr", "sfr.fr"]

# abbreviations of hurried notes, applied outside the labelled words only
ABBREV = [
    (r"\brendez-vous\b", "RDV"), (r"\bRendez-vous\b", "RDV"), (r"\btéléphone\b", "tel"),
    (r"\btéléphonique\b", "tel"), (r"\bMadame\b", "Mme"), (r"\bMonsieur\b", "M."),
    (r"\bassistante sociale\b", "AS"), (r"\btraitement\b", "ttt"), (r"\bdemande\b", "dde"),
    (r"\bavec\b", "ac"), (r"\bpour\b", "pr"), (r"\bsemaine\b", "sem"), (r"\bsemaines\b", "sem"),
    (r"\béducateur\b", "éduc"), (r"\bentretien\b", "entret"), (r"\bbeaucoup\b", "bcp"),
    (r"\bquelque chose\b", "qqch"), (r"\bprochain\b", "proch"), (r"\bdossier\b", "doss"),
    (r"\bmission locale\b", "ML"),
    (r"\bmédecin\b", "méd"), (r"\bretraite\b", "retr"), (r"\bemployeur\b", "empl"),
    (r"\bpersonnes\b", "pers"), (r"\bjours\b", "j"), (r"\bmois prochain\b", "mois proch"),
]


def strip_accents(text):
    out = []
    for ch in text:
        base = unicodedata.normalize("NFD", ch)[0]
        out.append(base if len(base) == 1 else ch)
    return "".join(out)


def nir(rng):
    sex = rng.choice("12")
    body = (sex + f"{rng.randint(45, 99):02d}" + f"{rng.randint(1, 12):02d}"
            + rng.choice(["75", "69", "13", "59", "93", "31", "44", "99"])
            + f"{rng.randint(1, 999):03d}" + f"{rng.randint(1, 999):03d}")
    key = f"{97 - int(body) % 97:02d}"
    layout = rng.randrange(4)
    if layout == 0:
        return body + key
    if layout == 1:
        return " ".join([body[0], body[1:3], body[3:5], body[5:7], body[7:10], body[10:13], key])
    if layout == 2:
        return f"{body} {key}"
    return ".".join([body[0], body[1:3], body[3:5], body[5:7], body[7:10], body[10:13]]) + "-" + key


def iban(rng):
    bank = f"{rng.randint(10000, 30099):05d}"
    branch = f"{rng.randint(1, 99999):05d}"
    account = f"{rng.randint(0, 10**11 - 1):011d}"
    rib = 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97
    bban = bank + branch + account + f"{rib:02d}"
    check = 98 - int(bban + "152700") % 97
    full = f"FR{check:02d}{bban}"
    if rng.random() < 0.6:
        return " ".join(full[i:i + 4] for i in range(0, len(full), 4))
    return full


def phone(rng):
    digits = rng.choice(["06", "07"]) + "".join(str(rng.randrange(10)) for _ in range(8))
    layout = rng.randrange(4)
    if layout == 0:
        return " ".join(digits[i:i + 2] for i in range(0, 10, 2))
    if layout == 1:
        return digits
    if layout == 2:
        return ".".join(digits[i:i + 2] for i in range(0, 10, 2))
    return "+33 " + digits[1] + " " + " ".join(digits[i:i + 2] for i in range(2, 10, 2))


def ascii_lower(name):
    return strip_accents(name).lower().replace(" ", "").replace("-", "")


def email(rng):
    g = ascii_lower(rng.choice(GIVEN_F + GIVEN_M))
    s = ascii_lower(rng.choice(SURNAMES))
    form = rng.randrange(4)
    local = [f"{g}.{s}", f"{g[0]}{s}{rng.randint(1, 99)}", f"{s}.{g}{rng.randint(70, 99)}",
             f"{g}_{s[:4]}"][form]
    return f"{local}@{rng.choice(DOMAINS)}"


def address(rng):
    num = rng.randint(1, 140)
    suffix = rng.choice(["", "", "", " bis"])
    town = f", {rng.choice(TOWNS)}" if rng.random() < 0.5 else ""
    return f"{num}{suffix} {rng.choice(STREETS)}{town}"


def date(rng):
    d, m = rng.randint(1, 28), rng.randint(1, 12)
    if rng.random() < 0.5:
        return f"{d:02d}/{m:02d}"
    return f"{d} {rng.choice(MONTHS)}"


class Deck:
    """Draws every template in turn (shuffled), then starts again."""

    def __init__(self, items, rng):
        self.items, self.rng, self.pool = list(items), rng, []

    def draw(self):
        if not self.pool:
            self.pool = self.items[:]
            self.rng.shuffle(self.pool)
        return self.pool.pop()


def gender_of(template):
    if template[:2] in ("F:", "M:"):
        return template[0], template[2:]
    return None, template


def split_decks(items, rng):
    decks = {}
    for g in "FM":
        ok = [gender_of(t)[1] for t in items if gender_of(t)[0] in (None, g)]
        decks[g] = Deck(ok, rng)
    return decks


def fill(template, person, rng):
    """Replace placeholders; third parties and identifiers are drawn afresh."""
    fem = person["g"] == "F"
    given_f = [n for n in GIVEN_F if n != person["G"]]
    given_m = [n for n in GIVEN_M if n != person["G"]]
    surnames = [n for n in SURNAMES if n != person["N"]]
    pf, pf2 = rng.sample(given_f, 2)
    pm, pm2 = rng.sample(given_m, 2)
    s, s2 = rng.sample(surnames, 2)
    values = {
        "T": person["T"], "TF": "Madame" if fem else "Monsieur", "G": person["G"],
        "N": person["N"], "e": "e" if fem else "", "il": "elle" if fem else "il",
        "Il": "Elle" if fem else "Il", "lui": "elle" if fem else "lui",
        "PF": pf, "PF2": pf2, "PM": pm, "PM2": pm2, "S": s, "S2": s2, "T2": "Mme",
        "N2": s2, "TEL": phone(rng), "NIR": nir(rng), "MAIL": email(rng), "IBAN": iban(rng),
        "CAF": f"{rng.randint(1000000, 9999999)}", "ADR": address(rng), "DATE": date(rng),
        "AGE": str(person["age"]), "MT": str(rng.choice([35, 50, 80, 120, 150, 300])),
    }

    def sub(m):
        key = m.group(1)
        if key in values:
            return values[key]
        if key.upper() in values and key == key.lower():
            return values[key.upper()].lower()
        raise KeyError(key)

    text = re.sub(r"\{(\w+)\}", sub, template)
    text = re.sub(r"<([^<>|]*)\|([^<>|]*)>", lambda m: m.group(2) if fem else m.group(1), text)
    return text


def parse(marked):
    """Strip ``[[category|...]]`` markers; return the text and its spans."""
    out, spans, stack, i = [], [], [], 0
    pos = 0
    while i < len(marked):
        if marked.startswith("[[", i):
            bar = marked.index("|", i)
            stack.append((marked[i + 2:bar], pos))
            i = bar + 1
        elif marked.startswith("]]", i) and stack:
            cat, start = stack.pop()
            spans.append({"category": cat, "start": start, "end": pos})
            i += 2
        else:
            out.append(marked[i])
            pos += 1
            i += 1
    assert not stack, marked
    return "".join(out), spans


def typo(word, rng):
    i = rng.randrange(1, len(word) - 2)
    op = rng.randrange(3)
    if op == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if op == 1:
        return word[:i] + word[i + 1:]
    return word[:i] + word[i] + word[i:]


def transform(text, spans, rng, abbrev, typos):
    """Abbreviations and typos in the unlabelled stretches; spans keep their words."""
    cuts = sorted({0, len(text)} | {s["start"] for s in spans} | {s["end"] for s in spans})
    chunks = []
    for a, b in zip(cuts, cuts[1:]):
        inside = any(s["start"] <= a and b <= s["end"] for s in spans)
        chunks.append((a, b, inside))
    free = [k for k, (a, b, inside) in enumerate(chunks) if not inside]
    new = {}
    for k in free:
        a, b, _ = chunks[k]
        part = text[a:b]
        if abbrev:
            for pat, rep in ABBREV:
                odds = 0.3 if rep in ("ac", "pr") else 0.6
                part = re.sub(pat, lambda m: rep if rng.random() < odds else m.group(0), part)
        new[k] = part
    if typos:
        for _ in range(rng.choice([1, 1, 2])):
            cands = [(k, m) for k in free
                     for m in re.finditer(r"\b[a-zàâçéèêëîïôûù]{6,}\b", new[k])]
            if not cands:
                break
            k, m = rng.choice(cands)
            w = typo(m.group(0), rng)
            new[k] = new[k][:m.start()] + w + new[k][m.end():]
    pos_map, out, pos = {}, [], 0
    for k, (a, b, inside) in enumerate(chunks):
        pos_map[a] = pos
        part = text[a:b] if inside else new[k]
        out.append(part)
        pos += len(part)
    pos_map[len(text)] = pos
    new_spans = [{"category": s["category"], "start": pos_map[s["start"]],
                  "end": pos_map[s["end"]]} for s in spans]
    return "".join(out), new_spans


def make_person(reg, rng):
    fem = rng.random() < (0.5 if reg == "prevention" else 0.45 if reg == "addicto" else 0.55)
    age = rng.randint(14, 21) if reg == "prevention" else rng.randint(17, 25)
    return {"g": "F" if fem else "M", "T": "Mme" if fem else "M.",
            "G": rng.choice(GIVEN_F if fem else GIVEN_M), "N": rng.choice(SURNAMES), "age": age}


def sentence(text):
    text = text.strip()
    return text if text[-1] in ".!?»" else text + "."


def note(reg, rng, decks, kind):
    person = make_person(reg, rng)
    g = person["g"]
    if kind == "free":
        marked = fill(decks["free"][g].draw(), person, rng)
        text, spans = parse(marked)
        joined_by_lines = True
        parts = None
    else:
        pieces = []
        if rng.random() < 0.65:
            pieces.append(decks["open"][g].draw())
        n = 1 if rng.random() < 1 / 6 else rng.randint(2, 7)
        if kind == "clean":
            body = [decks["clean"][g].draw() for _ in range(n)]
        else:
            n_flag = min(n, 1 + (rng.random() < 0.4) + (rng.random() < 0.15))
            body = [decks["flag"][g].draw() for _ in range(n_flag)]
            body += [decks["clean"][g].draw() for _ in range(n - n_flag)]
            rng.shuffle(body)
        pieces += body
        parts = [parse(sentence(fill(p, person, rng))) for p in pieces]
        joined_by_lines = rng.random() < 0.2
        sep = "\n" if joined_by_lines else " "
        text, spans, pos = "", [], 0
        for k, (t, sp) in enumerate(parts):
            if k:
                text += sep
            off = len(text)
            text += t
            spans += [{**s, "start": s["start"] + off, "end": s["end"] + off} for s in sp]
    if rng.random() < 0.15:
        prefix = rng.choice([f"{date(rng)} : ", f"{date(rng)} - ", f"Le {date(rng)} : ",
                             f"{date(rng)}\n"])
        spans = [{**s, "start": s["start"] + len(prefix), "end": s["end"] + len(prefix)}
                 for s in spans]
        text = prefix + text
    text, spans = transform(text, spans, rng, abbrev=rng.random() < 0.35,
                            typos=rng.random() < 0.35)
    if rng.random() < 0.12:
        text = strip_accents(text)
    if rng.random() < 0.06:
        text = text.lower()
    spans.sort(key=lambda s: (s["start"], s["end"], s["category"]))
    return text, spans


def generate(with_kinds=False):
    rng = random.Random(SEED)
    rows, all_kinds = [], []
    for reg, (opens, clean, flag, free) in templates.REGISTERS.items():
        decks = {"open": split_decks(opens, rng), "clean": split_decks(clean, rng),
                 "flag": split_decks(flag, rng), "free": split_decks(free, rng)}
        kinds = (["free"] * 24 + ["clean"] * 84
                 + ["mixed"] * (PER_REGISTER - 24 - 84))
        rng.shuffle(kinds)
        for i, kind in enumerate(kinds, 1):
            text, spans = note(reg, rng, decks, kind)
            rows.append({"id": f"h4-{reg}-{i:03d}", "register": reg, "text": text,
                         "spans": spans})
            all_kinds.append(kind)
    return (rows, all_kinds) if with_kinds else rows


def dump(rows):
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def main():
    data = dump(generate())
    if "--check" in sys.argv:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == data
        print("à jour" if same else "différent de la sortie du générateur")
        sys.exit(0 if same else 1)
    OUT.write_text(data, encoding="utf-8")
    print(f"{data.count(chr(10))} notes écrites dans {OUT.name}")


if __name__ == "__main__":
    main()
