"""IBAN (French and other SEPA countries) with checksum."""

from __future__ import annotations

from presidio_analyzer import Pattern

from auditor.identifiers import IBAN_REGEX, iter_ibans

from ._base import FinderRecognizer


class FrIbanRecognizer(FinderRecognizer):
    """Recognize IBANs: country length table and mod-97 checksum; trailing words trimmed."""

    ENTITY = "IBAN_CODE"
    PATTERNS = [Pattern("IBAN", IBAN_REGEX, 0.5)]
    CONTEXT = ["iban", "rib", "bancaire", "banque", "compte", "virement", "prélèvement"]
    SCORE = 1.0
    FINDER = staticmethod(iter_ibans)
