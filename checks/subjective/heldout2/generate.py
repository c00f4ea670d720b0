"""Generate notes_heldout2.jsonl: the second held-out set of issue 14 (see README.md).

    python generate.py           # (re)write notes_heldout2.jsonl, deterministic (fixed seed)
    python generate.py --check   # exit 1 if the file is not what the generator writes
"""

from __future__ import annotations

import json
import random
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import templates as T  # noqa: E402

OUT = HERE / "notes_heldout2.jsonl"
SEED = 140202
PER_REGISTER = 210

REGISTERS = {
    # name: (openings, clean sentences, sentences to flag, whole notes, share of women)
    "mjpm": (T.MJPM_OPEN, T.MJPM_CLEAN, T.MJPM_FLAG, T.MJPM_FREE, 0.5),
    "pmi": (T.PMI_OPEN, T.PMI_CLEAN, T.PMI_FLAG, T.PMI_FREE, 1.0),
    "mission_locale": (T.ML_OPEN, T.ML_CLEAN, T.ML_FLAG, T.ML_FREE, 0.45),
}

SURNAMES = ["Lemaire", "Carvalho", "Haddad", "Perrot", "Nguyen", "Boyer", "Traoré", "Delattre",
            "Fontaine", "Marchal", "Ouali", "Jacquet", "Keita", "Renaud", "Poulain", "Da Costa",
            "Vasseur", "Benali", "Lefort", "Guérin", "Collin", "Schmitt", "Hamon", "Diallo", "Pichon"]
TP_SURNAMES = ["Morin", "Caron", "Leclerc", "Barbe", "Giraud", "Mallet", "Tessier", "Rivière",
               "Charpentier", "Benoît", "Lambert", "Dumas", "Hoarau", "Cissé", "Ferrand", "Maillard"]
TP_MEN = ["Kevin", "Yanis", "Mehdi", "Dylan", "Jordan", "Bruno", "Loïc", "Théo", "Rachid", "Steve",
          "Ibrahim", "Anthony"]
TP_WOMEN = ["Sabrina", "Chloé", "Océane", "Nadia", "Sylvie", "Inès", "Fatou", "Aurélie", "Manon",
            "Gisèle", "Laetitia", "Mélissa"]
TP_GIVEN = TP_MEN + TP_WOMEN

MARK = re.compile(r"\[\[(\w+)\|(.*?)\]\]")
GENDER = re.compile(r"<([^<>|]*)\|([^<>|]*)>")

ABBREV = [("rendez-vous", "RDV"), ("Rendez-vous", "RDV"), ("téléphone", "tel"), ("semaine", "sem"),
          ("avec", "avc"), ("pour", "pr"), ("Madame", "Mme"), ("Monsieur", "Mr"), ("prochain", "proch."),
          ("dossier", "dossr"), ("demande", "dde"), ("entretien", "entretient"), ("depuis", "dpuis")]


def strip_accents(s: str) -> str:
    out = []
    for ch in s:
        d = unicodedata.normalize("NFD", ch)
        base = "".join(c for c in d if unicodedata.category(c) != "Mn")
        out.append(base if len(base) == 1 else ch)
    return "".join(out)


def ident(rng: random.Random, kind: str) -> str:
    d = lambda n: "".join(str(rng.randint(0, 9)) for _ in range(n))  # noqa: E731
    if kind == "TEL":
        a, b = rng.choice(["06", "07"]), [d(2) for _ in range(4)]
        return rng.choice([f"{a} {' '.join(b)}", f"{a}{''.join(b)}", f"{a}.{'.'.join(b)}"])
    if kind == "NIR":
        sex, year, month, dep, com, order, _ = rng.choice('12'), d(2), f"{rng.randint(1, 12):02d}", d(2), d(3), d(3), d(2)
        # the key is 97 - (13 digits mod 97), as on a real NIR (label fix 1 in README.md: the
        # first draft drew it at random, so most NIRs were invalid); same random draws as before
        key = 97 - int(sex + year + month + dep + com + order) % 97
        return f"{sex} {year} {month} {dep} {com} {order} {key:02d}"
    if kind == "MAIL":
        g, s = rng.choice(TP_GIVEN), rng.choice(TP_SURNAMES)
        g, s = strip_accents(g).lower(), strip_accents(s).lower()
        return f"{g}.{s}{rng.randint(1, 99)}@{rng.choice(['gmail.com', 'orange.fr', 'laposte.net', 'hotmail.fr'])}"
    if kind == "IBAN":
        digits = d(4) + d(4) + d(4) + d(4) + d(4) + d(3)
        # a valid RIB key (bank, branch, account), which makes the IBAN's check digits 76 as on
        # any French IBAN (label fix 1 in README.md: the first draft's last two digits were random)
        bank, branch, account = int(digits[:5]), int(digits[5:10]), int(digits[10:21])
        digits = digits[:21] + f"{97 - (89 * bank + 15 * branch + 3 * account) % 97:02d}"
        return "FR76 " + " ".join(digits[i:i + 4] for i in range(0, 23, 4))
    if kind == "CAF":
        return d(7)
    raise KeyError(kind)


def fill(tpl: str, ctx: dict, rng: random.Random) -> str | None:
    if tpl.startswith("F:") or tpl.startswith("M:"):
        if (tpl[0] == "F") != ctx["f"]:
            return None
        tpl = tpl[2:]
    tpl = GENDER.sub(lambda m: m.group(2) if ctx["f"] else m.group(1), tpl)

    def ph(m):
        k = m.group(1)
        if k in ctx["fixed"]:
            return ctx["fixed"][k]
        if k == "PM":
            return rng.choice(TP_MEN)
        if k == "PF":
            return rng.choice(TP_WOMEN)
        if k == "S":
            return rng.choice(TP_SURNAMES)
        if k == "D":
            return f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}"
        if k == "M":
            return str(rng.choice([30, 50, 80, 120, 250, 340, 1200]))
        return ident(rng, k)
    return re.sub(r"\{(\w+)\}", ph, tpl)


def parse(s: str) -> list[tuple[str | None, str]]:
    """Segments: (None, plain text) or (category, labelled words)."""
    segs, pos = [], 0
    for m in MARK.finditer(s):
        if m.start() > pos:
            segs.append((None, s[pos:m.start()]))
        segs.append((m.group(1), m.group(2)))
        pos = m.end()
    if pos < len(s):
        segs.append((None, s[pos:]))
    return segs


def noisy(text: str, rng: random.Random) -> str:
    """Abbreviations and typos in plain text only (never in labelled words)."""
    for a, b in ABBREV:
        if a in text and rng.random() < 0.5:
            text = text.replace(a, b, 1)
    words = text.split(" ")
    for i, w in enumerate(words):
        if len(w) > 4 and w.isalpha() and w.islower() and rng.random() < 0.08:
            j = rng.randrange(1, len(w) - 2)
            op = rng.random()
            if op < 0.4:
                w = w[:j] + w[j + 1] + w[j] + w[j + 2:]
            elif op < 0.7:
                w = w[:j] + w[j + 1:]
            else:
                w = w[:j] + w[j] + w[j:]
            words[i] = w
    return " ".join(words)


def make_note(rng: random.Random, reg: str, idx: int, cycles: dict) -> dict:
    openings, clean, flag, free, women = REGISTERS[reg]
    f = rng.random() < women
    n = rng.choice(SURNAMES)
    ctx = {"f": f, "fixed": {
        "T": rng.choice(["Mme", "Madame", "Mme"]) if f else rng.choice(["M.", "Monsieur", "Mr"]),
        "TL": "Madame" if f else "Monsieur", "il": "elle" if f else "il", "Il": "Elle" if f else "Il",
        "e": "e" if f else "", "N": n}}

    def take(kind, pool):
        # every template in turn (shuffled cycles), skipping those of the other gender
        while True:
            if not cycles[(reg, kind)]:
                cycles[(reg, kind)] = rng.sample(range(len(pool)), len(pool))
            i = cycles[(reg, kind)].pop()
            s = fill(pool[i], ctx, rng)
            if s is not None:
                return s

    r = rng.random()
    sentences: list[str] = []
    if r < 0.10:
        sentences = [take("free", free)]
    else:
        is_clean = rng.random() < 0.40
        size = rng.choice([1, 1, 2, 2, 3, 3, 3, 4, 4, 5, 6, 8])
        n_flag = 0 if is_clean else max(1, min(size, rng.choice([1, 1, 1, 2, 2, 3])))
        body = [take("flag", flag) for _ in range(n_flag)] + [take("clean", clean) for _ in range(size - n_flag)]
        rng.shuffle(body)
        if rng.random() < 0.7:
            body.insert(0, take("open", openings))
        sentences = body

    messy = rng.random() < 0.35
    no_acc = rng.random() < 0.12
    sep = "\n" if rng.random() < 0.2 else " "
    prefix = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d} - " if rng.random() < 0.15 else ""
    text, spans = prefix, []
    for k, sent in enumerate(sentences):
        if k:
            text += sep
        for cat, words in parse(sent):
            if cat is None and messy:
                words = noisy(words, rng)
            if no_acc:
                words = strip_accents(words)
            if cat is not None:
                spans.append({"category": cat, "start": len(text), "end": len(text) + len(words)})
            text += words
    if messy and rng.random() < 0.3 and text[:1].isupper() and not spans or (spans and spans[0]["start"] > 0 and messy and rng.random() < 0.3):
        text = text[0].lower() + text[1:]
    return {"id": f"{reg[:3]}2{idx:04d}", "register": reg, "text": text, "spans": spans}


# Label fixes made after the one measurement (README.md, "Label fixes"): the notes' texts stay as
# generated, only spans change. (category, span start pattern, action):
#   "to_sentence_end": words of the same category left outside the span, up to the sentence's end;
#   ("add", category, pattern): a second span, on `pattern` found after the span's start.
LABEL_FIXES = [
    ("health", r"traitement par injection retard", "to_sentence_end"),  # ", infirmière à domicile..."
    ("criminal", r"condamne(e)? pour vol", "to_sentence_end"),  # "... il y a deux ans, sursis en cours"
    ("political", r"militante? aux jeunes communistes", "to_sentence_end"),  # ", distribue des tracts"
    ("health", r"tension elevee, risque de preeclampsie", "to_sentence_end"),  # ", adressée aux urgences..."
    ("origin", r"famille d'origine tchetchene", ("add_rest", "judgement")),  # ", très soudée": an appraisal
    ("hypothesis", r"la mere cache surement sa grossesse", ("add", "health", r"sa grossesse")),  # pregnancy
]


def apply_label_fixes(note: dict) -> int:
    t, fixed = note["text"], 0
    folded = strip_accents(t).lower()
    for s in list(note["spans"]):
        for cat, pat, action in LABEL_FIXES:
            if s["category"] != cat or not re.match(pat, folded[s["start"]:s["end"]]):
                continue
            end = s["end"]
            stop = min([i for i in (t.find(".", end), t.find("\n", end)) if i >= 0] or [len(t)])
            if action == "to_sentence_end":
                s["end"] = stop
            elif action[0] == "add_rest":
                start = end + len(t[end:stop]) - len(t[end:stop].lstrip(" ,"))
                note["spans"].append({"category": action[1], "start": start, "end": stop})
            else:
                m = re.compile(action[2]).search(folded, s["start"], s["end"])
                note["spans"].append({"category": action[1], "start": m.start(), "end": m.end()})
            fixed += 1
    note["spans"].sort(key=lambda x: (x["start"], x["end"]))
    return fixed


def generate() -> list[dict]:
    rng = random.Random(SEED)
    cycles = {(r, k): [] for r in REGISTERS for k in ("open", "clean", "flag", "free")}
    notes = [make_note(rng, reg, i + 1, cycles) for reg in REGISTERS for i in range(PER_REGISTER)]
    for n in notes:
        apply_label_fixes(n)
    return notes


def dump(notes: list[dict]) -> str:
    return "".join(json.dumps(n, ensure_ascii=False) + "\n" for n in notes)


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out = dump(generate())
    if "--check" in argv:
        ok = OUT.exists() and OUT.read_text(encoding="utf-8") == out
        print("up to date" if ok else "notes_heldout2.jsonl differs from the generator's output")
        return 0 if ok else 1
    OUT.write_text(out, encoding="utf-8")
    print(f"wrote {OUT.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
