"""Access check: who can read what, who did read what, and who should not."""

from checks.access.check import CHECK

__all__ = ["CHECK"]
