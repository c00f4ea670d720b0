"""French postal addresses (number, street type, street name, postcode and city)."""

from __future__ import annotations

from presidio_analyzer import Pattern

from auditor.identifiers import ADDRESS_REGEX, iter_addresses

from ._base import FinderRecognizer


class FrAddressRecognizer(FinderRecognizer):
    """Recognize French street addresses; a street without a number only after
    an address verb ("habite rue Pasteur"); a city or postcode alone is not one."""

    ENTITY = "FR_ADDRESS"
    PATTERNS = [Pattern("Adresse FR", ADDRESS_REGEX, 0.7)]
    CONTEXT = ["habite", "domicile", "domicilié", "adresse", "demeurant", "réside", "logement"]
    SCORE = 0.85
    FINDER = staticmethod(iter_addresses)
