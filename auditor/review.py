"""Reviewing notes without the audit machinery: what ``auditor text`` and ``auditor serve`` use.

``auditor.api`` imports the catalog, SQLAlchemy and every check (about 1 s);
reviewing a note needs none of that: the policy, the subjective check's lexicon
files and the analyser. The analyser built here is the one the subjective check
builds (``checks.subjective.check.make_analyser``); a test keeps them equal.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from auditor.errors import UserError

__all__ = ["make_text_analyser", "review_text", "decode_text", "lexicon_paths"]


def lexicon_paths() -> list[Path]:
    """The subjective check's lexicon files, found without importing the check."""
    base: Path | None = None
    try:
        spec = importlib.util.find_spec("checks.subjective")  # imports ``checks`` only (empty)
        if spec is not None and spec.submodule_search_locations:
            base = Path(list(spec.submodule_search_locations)[0]) / "lexicon"
    except (ImportError, ValueError):
        base = None
    if base is None or not base.is_dir():
        base = Path(__file__).resolve().parents[1] / "checks" / "subjective" / "lexicon"
    paths = sorted(base.glob("*.toml"))
    if not paths:
        raise UserError("Le lexique du contrôle « subjective » est introuvable : réinstallez auditor (pip install .).")
    return paths


def make_text_analyser(policy_path: Path | None = None, use_ner: bool = True) -> Any:
    """The subjective check's analyser: its lexicon plus the policy's additions and removals."""
    from auditor.policy import load_policy
    from auditor.text import Lexicon, TextAnalyser

    conf = load_policy(policy_path).section("subjective")
    lexicon = Lexicon.load(
        [str(p) for p in lexicon_paths()],
        add=[dict(d) for d in conf.get("add", [])],
        remove=list(conf.get("remove", [])),
    )
    return TextAnalyser(lexicon, use_ner=use_ner)


def review_text(notes: list[str], policy_path: Path | None = None, analyser: Any = None) -> list[list[Any]]:
    """Flags for each note (the analyser is built from the policy when not given)."""
    if analyser is None:
        analyser = make_text_analyser(policy_path)
    return [list(flags) for flags in analyser.analyse_many(notes)]


def decode_text(raw: bytes) -> str:
    """Decode a note: UTF-8 (with or without BOM), else the detected single-byte encoding."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        import charset_normalizer

        best = charset_normalizer.from_bytes(raw).best()
        return raw.decode(best.encoding if best else "cp1252", errors="replace")
