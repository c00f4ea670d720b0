"""Loading the French NER fast: compiled regex programs cached on disk give the very same
patterns; the light analyser of ``auditor text`` / ``auditor serve`` is the subjective check's."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap

from auditor.text import nlp

PATTERNS = [
    (r"(?iu)^[a-zàâçéèêëîïôûùüÿñæœ]+[-‐][a-zàâçéèêëîïôûùüÿñæœ]*$", 0),
    (r"(?P<mot>\w+)\s+(?P=mot)|(\d{2})[./-](\d{2})", re.IGNORECASE),
    (r"^[^\W\d_][\w'’-]*$" * 3, 0),
    (rb"[\x00-\x7f]+(?:ab|cd)*", 0),
]
SAMPLES = ["porte-monnaie", "Saint-Étienne", "le le 12/03", "Œuvre'x-y", "ABcd", "été-là", "x", ""]


def test_cached_programs_give_identical_patterns(tmp_path, monkeypatch):
    monkeypatch.delenv("AUDITOR_NO_RE_CACHE", raising=False)
    path = tmp_path / "re.bin"
    import re._compiler as rc

    with nlp.regex_cache(path) as first:
        fresh = [rc.compile(p, f) for p, f in PATTERNS]
    assert first["misses"] == len(PATTERNS) and path.exists()
    with nlp.regex_cache(path) as second:
        cached = [rc.compile(p, f) for p, f in PATTERNS]
    assert second["hits"] >= 2  # the costly ones come from the cache
    for a, b in zip(fresh, cached):
        assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)
        for s in SAMPLES:
            s = s.encode() if isinstance(a.pattern, bytes) else s
            ma, mb = a.search(s), b.search(s)
            assert (ma and (ma.span(), ma.groups())) == (mb and (mb.span(), mb.groups()))
    assert rc.compile.__name__ == "compile"  # restored


def test_a_broken_cache_is_only_slower(tmp_path):
    path = tmp_path / "re.bin"
    path.write_bytes(b"\x00not a cache")
    import re._compiler as rc

    with nlp.regex_cache(path) as stats:
        p = rc.compile(PATTERNS[0][0] + "|x+", 0)
    assert stats["hits"] == 0 and p.match("porte-monnaie")
    with nlp.regex_cache(path) as stats:  # rewritten, usable again
        rc.compile(PATTERNS[0][0] + "|x+", 0)
    assert stats["hits"] == 1


def test_ner_loads_from_the_cache_in_a_new_process(tmp_path):
    """Two fresh processes: the second one compiles nothing big and finds the same entities."""
    code = textwrap.dedent("""
        import time, json
        from auditor.text import nlp
        t = time.perf_counter()
        with nlp.regex_cache() as stats:
            import spacy
            m = spacy.load(nlp.MODEL, exclude=nlp.EXCLUDE)
        doc = m("Mme Dupont a vu Jean Martin à Lyon.")
        print(json.dumps({"stats": stats, "s": time.perf_counter() - t, "ents": [e.text for e in doc.ents]}))
    """)
    env = {"XDG_CACHE_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    runs = []
    for _ in range(2):
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
        assert proc.returncode == 0, proc.stderr[-2000:]
        import json

        runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    cold, warm = runs
    assert cold["ents"] == warm["ents"] and "Jean Martin" in warm["ents"]
    assert cold["stats"]["hits"] == 0 and warm["stats"]["hits"] >= 20
    assert warm["s"] < cold["s"]
    assert list(tmp_path.glob("auditor/re-*.bin"))


def test_light_analyser_is_the_subjective_checks():
    from auditor.policy import load_policy
    from auditor.review import make_text_analyser
    from checks.subjective.check import make_analyser

    light = make_text_analyser(use_ner=False)
    full = make_analyser(load_policy(None))
    assert sorted(e.id for e in light.lexicon) == sorted(e.id for e in full.lexicon)
    notes = [
        "Mme est manipulatrice et il est probable qu'elle boive. Sa voisine Josiane Lebreton a appelé.",
        "M. semble dépressif, il serait sans papiers ; tél. 06 12 34 56 78.",
        "Dossier CAF déposé le 12 mars, pièces complètes.",
    ]
    full.use_ner = False
    assert [light.analyse(n) for n in notes] == [full.analyse(n) for n in notes]
