"""French phone numbers (0X XX XX XX XX, +33, 0033)."""

from __future__ import annotations

from typing import Optional

from presidio_analyzer import Pattern, PatternRecognizer

from auditor.identifiers import PHONE_REGEX, is_fr_phone

from ._base import FLAGS


class FrPhoneRecognizer(PatternRecognizer):
    """Recognize French phone numbers, national or international form."""

    COUNTRY_CODE = "fr"
    PATTERNS = [Pattern("Téléphone FR", PHONE_REGEX, 0.6)]
    CONTEXT = [
        "tél", "tel", "téléphone", "telephone", "portable", "mobile", "fixe",
        "joignable", "numéro", "numero", "appeler", "sms",
    ]

    def __init__(
        self,
        patterns: Optional[list[Pattern]] = None,
        context: Optional[list[str]] = None,
        supported_language: str = "fr",
        supported_entity: str = "PHONE_NUMBER",
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
        """Normalise separators and check the French numbering plan."""
        return is_fr_phone(pattern_text)
