"""The JSON schemas shipped in the package are the outside contract.

A user's clone has no ``../shared/contract`` beside it, so the comparison with the contract cannot run
there; what always runs is the check of the shipped copy alone: each schema is a valid JSON Schema and
its bytes are those recorded in ``auditor/schemas/CONTRACT.sha256`` (the fingerprints of the contract
version the package implements). Where the contract folder is present (developers, CI), its files must
have the same fingerprints: a contract that moved on is noticed there, a shipped copy edited by hand
is noticed everywhere.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "auditor" / "schemas"
CONTRACT = ROOT.parent / "shared" / "contract"
NAMES = ("findings.schema.json", "text.schema.json")


def _recorded() -> dict[str, str]:
    lines = (SHIPPED / "CONTRACT.sha256").read_text(encoding="utf-8").splitlines()
    return {name: digest for digest, name in (line.split() for line in lines if line.strip())}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_shipped_schema_is_recorded() -> None:
    assert sorted(_recorded()) == sorted(NAMES) == sorted(p.name for p in SHIPPED.glob("*.json"))


@pytest.mark.parametrize("name", NAMES)
def test_shipped_schema_is_a_valid_json_schema(name: str) -> None:
    schema = json.loads((SHIPPED / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["properties"]["schema_version"]


@pytest.mark.parametrize("name", NAMES)
def test_shipped_schema_has_the_recorded_fingerprint(name: str) -> None:
    assert _sha256(SHIPPED / name) == _recorded()[name], (
        f"auditor/schemas/{name} differs from the contract version recorded in CONTRACT.sha256"
    )


@pytest.mark.parametrize("name", NAMES)
def test_contract_beside_the_checkout_is_the_recorded_one(name: str) -> None:
    if not (CONTRACT / name).is_file():
        pytest.skip("no ../shared/contract beside this clone; the shipped copy is checked by the test above")
    assert _sha256(CONTRACT / name) == _recorded()[name], (
        f"shared/contract/{name} changed: copy it to auditor/schemas/ and record its sha256 in CONTRACT.sha256"
    )
