"""Retention check: nothing kept longer than the law allows."""

from checks.retention.check import CHECK

__all__ = ["CHECK"]
