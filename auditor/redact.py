"""The only way evidence is made: keyed pseudonyms and redacted excerpts.

A pseudonym is an HMAC-SHA256 of a namespaced value under a key. By default
the key is random for each audit, so pseudonyms cannot be linked across
audits; with a key file they stay stable between periodic scans. Whoever holds
the key and the database can recompute which record a pseudonym designates:
the key must be kept like the data itself.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from auditor.errors import UserError

KEY_BYTES = 32


class Pseudonymiser:
    """Keyed pseudonyms for records and accounts."""

    def __init__(self, key: bytes | None = None) -> None:
        self._key = key if key is not None else secrets.token_bytes(KEY_BYTES)

    @classmethod
    def from_key_file(cls, path: Path) -> Pseudonymiser:
        """Load the key from ``path``; create the file (mode 600) with a new key if absent."""
        try:
            if path.exists():
                raw = path.read_text(encoding="ascii").strip()
                key = bytes.fromhex(raw)
                if len(key) < 16:
                    raise ValueError("short key")
                return cls(key)
            path.parent.mkdir(parents=True, exist_ok=True)
            key = secrets.token_bytes(KEY_BYTES)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="ascii") as fh:
                fh.write(key.hex() + "\n")
            return cls(key)
        except (ValueError, UnicodeDecodeError) as exc:
            raise UserError(
                f"Le fichier de clé de pseudonymisation {path} est illisible : il doit contenir "
                "une clé hexadécimale ; supprimez-le pour qu'une nouvelle clé soit créée."
            ) from exc
        except OSError as exc:
            raise UserError(
                f"Impossible de lire ou de créer le fichier de clé {path} ({exc.strerror}) : "
                "vérifiez le chemin et les droits."
            ) from exc

    def pseudonym(self, namespace: str, value: object, prefix: str = "REC") -> str:
        """Keyed pseudonym of ``value`` within ``namespace`` (e.g. a table name)."""
        msg = f"{namespace}\x1f{value}".encode()
        digest = hmac.new(self._key, msg, hashlib.sha256).hexdigest()
        return f"{prefix}-{digest[:10]}"


_ANALYSER: list[object] = []


def redact(text: str, extra_values: tuple[str, ...] = ()) -> str:
    """Replace names, identifiers, contact data and addresses by typed placeholders."""
    if not _ANALYSER:
        from auditor.text import Lexicon, TextAnalyser, default_lexicon_paths

        _ANALYSER.append(TextAnalyser(Lexicon.load(default_lexicon_paths())))
    return _ANALYSER[0].redact(text, extra_values=extra_values)  # type: ignore[attr-defined]
