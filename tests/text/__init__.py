"""Tests of the French text analyser, identifiers and recognizers."""
