"""auditor: privacy auditor for the databases of social services."""

__version__ = "0.1.0"
