"""Helpers shared by the text analyser tests: what was flagged, in which category."""


def cats(analyser, text):
    """(category, flagged words) of each flag of ``text``."""
    return [(f.category, text[f.start:f.end]) for f in analyser.analyse(text)]


def flagged(analyser, text, category, words):
    """Whether a flag of ``category`` covers ``words`` (case folded)."""
    return any(c == category and words.lower() in w.lower() for c, w in cats(analyser, text))


def clean_of(analyser, text, category=None):
    """Whether ``text`` has no flag (of ``category``, if given)."""
    return not [c for c in cats(analyser, text) if category is None or c[0] == category]
