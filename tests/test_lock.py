"""The lock and pyproject.toml agree, and the environment installed from the lock is complete.

The README's test command installs ``requirements.lock`` with ``--no-deps``: pip installs exactly the
listed files and never asks the index for a version. That cannot rot when an upstream package
releases, but it also means a package missing from the lock is silently absent. These tests find such
drift at the developer's stop instead of at a newcomer's first run.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _lock_entries() -> dict[str, tuple[str, list[str]]]:
    """name -> (version, hashes) for every requirement of the lock."""
    entries: dict[str, tuple[str, list[str]]] = {}
    current: str | None = None
    for raw in LOCK.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("--hash="):
            assert current is not None, f"hash without a requirement: {raw!r}"
            entries[current][1].append(line.split("=", 1)[1].rstrip(" \\"))
            continue
        match = PIN.match(line)
        assert match, f"requirements.lock: line not pinned with ==: {raw!r}"
        current = _norm(match.group(1))
        entries[current] = (match.group(2), [])
    return entries


def _pyproject_pins() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        requirements.extend(extra)
    pins: dict[str, str] = {}
    for requirement in requirements:
        match = PIN.match(requirement.replace(" ", ""))
        assert match, f"pyproject.toml: dependency not pinned exactly: {requirement!r}"
        pins[_norm(match.group(1))] = match.group(2)
    return pins


def test_every_lock_entry_is_pinned_and_hashed() -> None:
    entries = _lock_entries()
    assert len(entries) > 50
    unhashed = [name for name, (_, hashes) in entries.items() if not hashes]
    assert not unhashed, f"entries without sha256 hash: {unhashed}"
    assert all(h.startswith("sha256:") for _, hashes in entries.values() for h in hashes)


def test_pyproject_pins_are_in_the_lock_at_the_same_version() -> None:
    entries = _lock_entries()
    drift = {
        name: (version, entries.get(name, ("absent", []))[0])
        for name, version in _pyproject_pins().items()
        if entries.get(name, ("absent", []))[0] != version
    }
    assert not drift, f"pyproject.toml pin -> lock version: {drift}"


def test_installed_environment_is_complete() -> None:
    """Installed from the lock with --no-deps, every requirement of every package is satisfied."""
    if sys.prefix == sys.base_prefix:
        pytest.skip("not in a virtual environment: pip check would judge the system's packages")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "check"], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, f"the lock misses packages:\n{done.stdout}{done.stderr}"
