"""Shared fixtures for the text analyser tests: one lexicon and one analyser per session."""

import pytest

from auditor.text import Lexicon, TextAnalyser, default_lexicon_paths


@pytest.fixture(scope="session")
def lexicon():
    return Lexicon.load(default_lexicon_paths())


@pytest.fixture(scope="session")
def analyser(lexicon):
    return TextAnalyser(lexicon, use_ner=True)


@pytest.fixture(scope="session")
def rules_only(lexicon):
    return TextAnalyser(lexicon, use_ner=False)
