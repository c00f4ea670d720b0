"""Built-in checks. Wiring is done by entry points (pyproject.toml), not by imports."""
