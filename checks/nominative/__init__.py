"""Nominative check: statistics that are truly anonymous, or proof that they are not."""

from checks.nominative.check import CHECK

__all__ = ["CHECK"]
