"""French analysis of free text, shared by the subjective check and ``auditor text``.

>>> from auditor.text import Lexicon, TextAnalyser, default_lexicon_paths
>>> analyser = TextAnalyser(Lexicon.load(default_lexicon_paths()), use_ner=False)
>>> [(f.category, f.rule) for f in analyser.analyse("Mme X est manipulatrice.")]
[('judgement', 'jug.manipulateur')]

Categories are those of ``text.schema.json``. Lexicons are data files (TOML) passed by
path, so this package never imports ``checks``. spaCy is loaded lazily, once per
process, and only when a note holds a capitalised word that no rule explains.
"""

from .analyser import PLACEHOLDERS, Flag, TextAnalyser
from .lexicon import CATEGORIES, SENSITIVE, Entry, Lexicon, LexiconError, default_lexicon_paths

__all__ = [
    "CATEGORIES",
    "SENSITIVE",
    "PLACEHOLDERS",
    "Entry",
    "Flag",
    "Lexicon",
    "LexiconError",
    "TextAnalyser",
    "default_lexicon_paths",
]
