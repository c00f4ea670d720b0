"""French NIR (numéro de sécurité sociale) with its control key."""

from __future__ import annotations

from typing import Optional

from presidio_analyzer import Pattern, PatternRecognizer

from auditor.identifiers import NIR_KEYED_REGEX, NIR_KEYLESS_REGEX, nir_is_valid

from ._base import FLAGS


class FrNirRecognizer(PatternRecognizer):
    """Recognize a French NIR: 13 characters (2A/2B for Corsica) and a 2-digit key.

    A number with a key is kept only if the key matches (score 1.0); a number
    without a key has a low base score that French context words can raise.
    Temporary numbers (first digit 7 or 8) and incomplete-record months are accepted.
    """

    COUNTRY_CODE = "fr"
    PATTERNS = [
        Pattern("NIR avec clé", NIR_KEYED_REGEX, 0.5),
        Pattern("NIR sans clé", NIR_KEYLESS_REGEX, 0.1),
    ]
    CONTEXT = [
        "nir", "sécurité", "securite", "sociale", "sécu", "secu", "insee",
        "vitale", "immatriculation", "assuré", "assure", "ss",
    ]

    def __init__(
        self,
        patterns: Optional[list[Pattern]] = None,
        context: Optional[list[str]] = None,
        supported_language: str = "fr",
        supported_entity: str = "FR_NIR",
        name: Optional[str] = None,
    ):
        super().__init__(
            supported_entity=supported_entity,
            patterns=patterns or self.PATTERNS,
            context=context or self.CONTEXT,
            supported_language=supported_language,
            global_regex_flags=FLAGS,
            name=name,
        )

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        """True for a valid key, None for a plausible keyless NIR, False otherwise."""
        if nir_is_valid(pattern_text):
            return True
        if nir_is_valid(pattern_text, require_key=False):
            return None
        return False
