"""CAF (or MSA) allocataire numbers, only with their context words."""

from __future__ import annotations

from presidio_analyzer import Pattern

from auditor.identifiers import CAF_REGEX, iter_caf_numbers

from ._base import FinderRecognizer


class FrCafNumberRecognizer(FinderRecognizer):
    """Recognize a 7-digit allocataire number introduced by "n° allocataire", "n° CAF"...

    A bare 7-digit number is never reported: it is too weak on its own.
    """

    ENTITY = "FR_CAF_NUMBER"
    PATTERNS = [Pattern("N° allocataire", CAF_REGEX, 0.6)]
    CONTEXT = ["allocataire", "caf", "msa"]
    SCORE = 0.8
    FINDER = staticmethod(iter_caf_numbers)
