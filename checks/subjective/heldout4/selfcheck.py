"""Self-check of the fourth held-out set; exits 1 with the problems found.

- the file is what ``generate.py`` writes;
- every span is inside its text, not padded with spaces, of a known category, and reads the
  labelled words of a template of its category;
- no two spans of a category overlap; notes generated as clean have no span;
- at least 200 notes per register, clean share between 35 % and 48 % (each register and all);
- no 30-character stretch of a note inside one sentence (stretches with digits aside) occurs
  in the register corpus or in the first and second held-out sets. Those files are read
  mechanically here, for this comparison only (compared without case and accents).
"""

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import generate  # noqa: E402
import templates  # noqa: E402

CATEGORIES = {"judgement", "hypothesis", "health", "sexuality", "religion", "origin",
              "political", "criminal", "immigration", "third_party", "identifier"}
OTHERS = [HERE.parent / "corpus" / "notes_registers.jsonl",
          HERE.parent / "heldout" / "notes_heldout.jsonl",
          HERE.parent / "heldout2" / "notes_heldout2.jsonl"]
WINDOW = 30


def norm(text):
    return generate.strip_accents(text).lower()


def labelled_words(template):
    """(category, words) of every ``[[category|words]]`` of a template, inner markers removed."""
    found, stack, i = [], [], 0
    while i < len(template):
        if template.startswith("[[", i):
            bar = template.index("|", i)
            stack.append((template[i + 2:bar], bar + 1))
            i = bar + 1
        elif template.startswith("]]", i) and stack:
            cat, start = stack.pop()
            inner = re.sub(r"\[\[\w+\||\]\]", "", template[start:i])
            found.append((cat, inner))
            i += 2
        else:
            i += 1
    return found


def pattern(words):
    out = []
    for part in re.split(r"(\{\w+\}|<[^<>|]*\|[^<>|]*>)", words):
        if part.startswith("{"):
            out.append(".*?")
        elif part.startswith("<"):
            a, b = part[1:-1].split("|")
            out.append(f"(?:{re.escape(norm(a))}|{re.escape(norm(b))})")
        else:
            out.append(re.escape(norm(part)))
    return re.compile("".join(out), re.S)


def label_patterns():
    pats = {}
    for lists in templates.REGISTERS.values():
        for items in lists:
            for t in items:
                for cat, words in labelled_words(t):
                    pats.setdefault(cat, []).append(pattern(words))
    return pats


def foreign_windows(mine):
    """The windows of ``mine`` (a set) that occur in the other sets' texts."""
    hits = set()
    for path in OTHERS:
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as f:
            for line in f:
                text = norm(json.loads(line)["text"])
                for i in range(len(text) - WINDOW + 1):
                    w = text[i:i + WINDOW]
                    if w in mine:
                        hits.add(w)
    return hits


def main():
    problems = []
    rows, kinds = generate.generate(with_kinds=True)
    if generate.OUT.read_text(encoding="utf-8") != generate.dump(rows):
        problems.append("le fichier n'est pas la sortie du générateur (lancer generate.py)")
    data = [json.loads(line) for line in generate.OUT.open(encoding="utf-8")]
    pats = label_patterns()
    ids = Counter(r["id"] for r in data)
    problems += [f"identifiant en double : {i}" for i, n in ids.items() if n > 1]
    for r, kind in zip(data, kinds):
        text = r["text"]
        for s in r["spans"]:
            cat, a, b = s["category"], s["start"], s["end"]
            if cat not in CATEGORIES:
                problems.append(f"{r['id']}: catégorie inconnue {cat}")
                continue
            if not (0 <= a < b <= len(text)):
                problems.append(f"{r['id']}: span hors du texte {a}-{b}")
                continue
            piece = text[a:b]
            if piece != piece.strip():
                problems.append(f"{r['id']}: span avec espaces {piece!r}")
            if not any(p.fullmatch(norm(piece)) for p in pats.get(cat, [])):
                problems.append(f"{r['id']}: {cat} {piece!r} ne lit aucun gabarit")
        by_cat = {}
        for s in r["spans"]:
            by_cat.setdefault(s["category"], []).append((s["start"], s["end"]))
        for cat, ivs in by_cat.items():
            ivs.sort()
            for (a1, b1), (a2, b2) in zip(ivs, ivs[1:]):
                if a2 < b1:
                    problems.append(f"{r['id']}: deux spans {cat} se chevauchent")
        if kind == "clean" and r["spans"]:
            problems.append(f"{r['id']}: note propre avec un span")
    regs = Counter(r["register"] for r in data)
    clean = Counter(r["register"] for r in data if not r["spans"])
    for reg, n in regs.items():
        if n < 200:
            problems.append(f"{reg}: {n} notes (< 200)")
        share = clean[reg] / n
        if not 0.35 <= share <= 0.48:
            problems.append(f"{reg}: part de notes propres {share:.1%} hors de 35-48 %")
    total_share = sum(clean.values()) / len(data)
    if not 0.35 <= total_share <= 0.48:
        problems.append(f"part de notes propres {total_share:.1%} hors de 35-48 %")
    owner = {}
    for r in data:
        for sent in re.split(r"[.!?\n]", norm(r["text"])):
            for i in range(len(sent) - WINDOW + 1):
                w = sent[i:i + WINDOW]
                if not re.search(r"\d", w):
                    owner.setdefault(w, r["id"])
    for w in sorted(foreign_windows(set(owner))):
        problems.append(f"{owner[w]}: passage déjà présent dans un autre jeu : {w!r}")
    cats = Counter(s["category"] for r in data for s in r["spans"])
    print(f"{len(data)} notes ; par registre : {dict(regs)}")
    print("notes propres : " + ", ".join(f"{k} {clean[k] / regs[k]:.1%}" for k in regs)
          + f", ensemble {total_share:.1%}")
    print("spans par catégorie : " + ", ".join(f"{k} {v}" for k, v in cats.most_common()))
    for p in problems:
        print("PROBLÈME", p)
    print("OK" if not problems else f"{len(problems)} problème(s)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
