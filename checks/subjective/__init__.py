"""Subjective check: what must not be written about a person."""

from checks.subjective.check import CHECK

__all__ = ["CHECK"]
