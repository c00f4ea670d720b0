"""Shared plumbing: a Presidio PatternRecognizer whose matches come from auditor.identifiers."""

from __future__ import annotations

import re
from typing import Callable, ClassVar, Iterable, List, Optional

from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

#: Case-sensitive flags: our regexes carry their own (?i:...) parts where needed.
FLAGS = re.DOTALL | re.MULTILINE


class FinderRecognizer(PatternRecognizer):
    """A pattern recognizer that delegates finding to an :mod:`auditor.identifiers` finder.

    ``PATTERNS`` documents the regex (and lets Presidio tooling introspect it);
    ``FINDER`` does the work, with the validation the identifier needs (checksum,
    trimming of trailing words, context words for weak identifiers).
    """

    ENTITY: ClassVar[str] = ""
    PATTERNS: ClassVar[List[Pattern]] = []
    CONTEXT: ClassVar[List[str]] = []
    SCORE: ClassVar[float] = 0.85
    FINDER: ClassVar[Optional[Callable[[str], Iterable[tuple[int, int]]]]] = None
    COUNTRY_CODE = "fr"

    def __init__(
        self,
        patterns: Optional[List[Pattern]] = None,
        context: Optional[List[str]] = None,
        supported_language: str = "fr",
        supported_entity: Optional[str] = None,
        name: Optional[str] = None,
    ):
        super().__init__(
            supported_entity=supported_entity or self.ENTITY,
            patterns=patterns or self.PATTERNS,
            context=context or self.CONTEXT,
            supported_language=supported_language,
            global_regex_flags=FLAGS,
            name=name,
        )

    def analyze(
        self,
        text: str,
        entities: List[str],
        nlp_artifacts: Optional[NlpArtifacts] = None,
        regex_flags: Optional[int] = None,
    ) -> List[RecognizerResult]:
        """Run the identifier finder; one result per match, score ``SCORE``."""
        finder = type(self).FINDER
        if finder is None:  # pragma: no cover - subclasses set it
            return super().analyze(text, entities, nlp_artifacts, regex_flags)
        results = []
        for start, end in finder(text):
            results.append(
                RecognizerResult(
                    entity_type=self.supported_entities[0],
                    start=start,
                    end=end,
                    score=self.SCORE,
                    analysis_explanation=self.build_regex_explanation(
                        self.name, self.supported_entities[0], "", self.SCORE, True, FLAGS
                    ),
                    recognition_metadata={
                        RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                    },
                )
            )
        return results
