"""E-mail addresses, checked offline (never touches the network)."""

from __future__ import annotations

from typing import Optional

from presidio_analyzer import Pattern, PatternRecognizer

from auditor.identifiers import EMAIL_REGEX, is_email

from ._base import FLAGS


class FrEmailRecognizer(PatternRecognizer):
    """Recognize e-mail addresses with a regex and an offline shape check.

    Presidio's own ``EmailRecognizer`` validates the domain with ``tldextract``,
    which downloads the public suffix list on first use; this one never does.
    """

    PATTERNS = [Pattern("E-mail", EMAIL_REGEX, 0.9)]
    CONTEXT = ["mail", "e-mail", "email", "courriel", "adresse", "@"]

    def __init__(
        self,
        patterns: Optional[list[Pattern]] = None,
        context: Optional[list[str]] = None,
        supported_language: str = "fr",
        supported_entity: str = "EMAIL_ADDRESS",
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
        """Offline check of the address shape (alphabetic TLD, no empty label)."""
        return is_email(pattern_text)
