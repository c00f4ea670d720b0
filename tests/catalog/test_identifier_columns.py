"""NIR, IBAN and phone evidence at column level, and the gaps left by tests/text.

tests/text/test_identifiers.py already covers single values (wrong key, 14 and
16 digits, random 15-digit numbers, Corsica, temporary numbers, IBAN checksum
and length, phone length). Here: whole sampled columns must be classified by
validated values only (a column of random 15-digit numbers is not a NIR
column), and the Presidio recognizers on temporary NIR, random IBAN-shaped
strings and phone numbers of the wrong length.
"""

from __future__ import annotations

import random

import pytest

from auditor.catalog.classify import decide
from auditor.catalog.values import value_stats
from auditor.identifiers import nir_key


def _nir(rng: random.Random, first: str = "1", dept: str | None = None) -> str:
    dept = dept or rng.choice(["75", "91", "2A", "2B", "69"])
    base = f"{first}{rng.randint(40, 99):02d}{rng.randint(1, 12):02d}{dept}{rng.randint(1, 999):03d}{rng.randint(1, 999):03d}"
    return base + f"{nir_key(base):02d}"


def _iban(rng: random.Random, good: bool = True) -> str:
    bban = "".join(rng.choice("0123456789") for _ in range(23))
    digits = "".join(str(int(c, 36)) for c in bban + "FR00")
    key = 98 - int(digits) % 97
    if not good:
        key = (key + 1) % 100 or 2
    return f"FR{key:02d}{bban}"


def kind(values, name_kind="other"):
    return decide(name_kind, "", value_stats(values))[0]


def test_column_of_valid_nirs_including_corsica_and_temporary():
    rng = random.Random(1)
    values = [_nir(rng) for _ in range(20)] + [_nir(rng, dept="2A"), _nir(rng, dept="2B"), _nir(rng, first="7"), _nir(rng, first="8")]
    assert kind(values) == "nir"


def test_column_of_random_15_digit_numbers_is_not_nir():
    rng = random.Random(2)
    values = ["".join(rng.choice("0123456789") for _ in range(15)) for _ in range(300)]
    assert kind(values) != "nir"
    assert kind(values, "nir") == "other"  # the name says NIR, the values contradict it


def test_column_of_nirs_with_wrong_keys_is_not_nir():
    rng = random.Random(3)
    values = []
    for _ in range(50):
        v = _nir(rng)
        values.append(v[:13] + f"{(int(v[13:]) + 1) % 100:02d}")
    assert kind(values) != "nir"


def test_keyless_nirs_confirm_a_nir_name_only():
    rng = random.Random(4)
    values = [_nir(rng)[:13] for _ in range(30)]
    assert kind(values) != "nir"
    k, reason = decide("nir", "nom de colonne « num_ss »", value_stats(values))
    assert k == "nir" and "sans clé" in reason


def test_column_of_ibans():
    rng = random.Random(5)
    assert kind([_iban(rng) for _ in range(30)]) == "iban"
    assert kind([_iban(rng, good=False) for _ in range(30)]) != "iban"
    assert kind([_iban(rng)[:-1] for _ in range(30)]) != "iban"  # wrong length


def test_column_of_phones():
    rng = random.Random(6)
    good = [f"0{rng.randint(1, 9)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}" for _ in range(30)]
    assert kind(good) == "phone"
    assert kind([v[:-1] for v in good]) != "phone"  # 9 digits
    assert kind([v + "1" for v in good]) != "phone"  # 11 digits
    assert kind(["00" + v[2:] for v in good]) != "phone"


def test_mixed_column_under_the_share_is_not_labelled():
    rng = random.Random(7)
    values = [_nir(rng) for _ in range(10)] + [f"REF-{i:05d}" for i in range(40)]
    assert kind(values) == "other"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("NIA provisoire 7 85 05 99 350 123 %02d" % nir_key("7850599350123"), ["7 85 05 99 350 123 %02d" % nir_key("7850599350123")]),
        ("numéro 8 01 12 2A 123 456 %02d" % nir_key("801122A123456"), ["8 01 12 2A 123 456 %02d" % nir_key("801122A123456")]),
    ],
)
def test_nir_recognizer_temporary_numbers(text, expected):
    from auditor.text.recognizers import FrNirRecognizer

    res = FrNirRecognizer().analyze(text, ["FR_NIR"], None)
    assert [text[r.start:r.end] for r in res if r.score >= 0.4] == expected


def test_iban_and_phone_recognizers_reject_wrong_shapes():
    from auditor.text.recognizers import FrIbanRecognizer, FrPhoneRecognizer

    rng = random.Random(8)
    for _ in range(20):
        bad = _iban(rng, good=False)
        assert not [r for r in FrIbanRecognizer().analyze(f"IBAN {bad}", ["FR_IBAN"], None) if r.score >= 0.4]
    for text in ("tél 06 12 34 56 7", "tél 00 12 34 56 78", "tél 6 12 34 56 78"):
        assert not [r for r in FrPhoneRecognizer().analyze(text, FrPhoneRecognizer().supported_entities, None) if r.score >= 0.4]


@pytest.mark.xfail(strict=True, reason="PHONE_REGEX (auditor/identifiers.py) stops at 10 digits when more digit groups follow after a space")
def test_phone_recognizer_rejects_twelve_digits():
    from auditor.text.recognizers import FrPhoneRecognizer

    text = "tél 06 12 34 56 78 90"
    assert not [r for r in FrPhoneRecognizer().analyze(text, FrPhoneRecognizer().supported_entities, None) if r.score >= 0.4]


def _caf_kind(column: str, values: list[str], sql_type: str = "INTEGER") -> tuple[str, str]:
    from auditor.catalog.classify import count_clue, kind_from_name

    kind, reason = kind_from_name(column)
    assert kind == "caf_number", (column, kind)  # the name alone reads a recipient's number
    return decide(kind, reason, value_stats(values), sql_type, count_clue=count_clue(column))


def test_number_of_recipients_is_a_count_not_a_recipient_number():
    """« NB_ALLOC » is read « allocataire » by its name; values that are small whole numbers and a count word make it a count."""
    rng = random.Random(13)
    counts = [str(rng.randint(0, 400)) for _ in range(40)]
    kind, why = _caf_kind("NB_ALLOC", counts)
    assert kind == "count" and "forme d'un numéro d'allocataire" in why and "« nb »" in why
    # text counts with suppression markers: still a count
    assert _caf_kind("nb_alloc_aah", [*counts[:30], *["s", "< 5"] * 5], "TEXT")[0] == "count"
    # without a count word the name is kept (a local recipient number repeats in a table of contacts, as counts do)
    assert _caf_kind("num_allocataire", [str(i % 12) for i in range(40)])[0] == "caf_number"


def test_recipient_numbers_stay_identifiers():
    """Hard negatives: 7-digit CAF numbers, and a local number distinct per row without a count word, stay identifiers."""
    rng = random.Random(14)
    caf = [str(rng.randint(1_000_000, 9_999_999)) for _ in range(40)]
    assert _caf_kind("num_allocataire", caf)[0] == "caf_number"
    assert _caf_kind("NB_ALLOC", caf)[0] == "caf_number"  # a count word does not beat values of the identifier's form
    assert _caf_kind("num_alloc", [str(100 + i) for i in range(40)])[0] == "caf_number"


def test_address_or_birth_names_over_plain_numbers_are_counts():
    """A statistics table's « aides_domicile » or « naissances » holds numbers of persons, not an address or a birth date:
    the values (plain numbers, none of the named form) say so, and no direct identifier is reported in the table."""
    from auditor.catalog.classify import count_clue, kind_from_name

    rng = random.Random(15)
    counts = [str(rng.randint(0, 400)) for _ in range(30)]

    def kind(column: str, values: list[str], sql_type: str = "INTEGER") -> str:
        k, reason = kind_from_name(column)
        return decide(k, reason, value_stats(values), sql_type, count_clue=count_clue(column))[0]

    assert kind_from_name("aides_domicile")[0] == "address" and kind_from_name("naissances")[0] == "birth_date"
    assert kind("aides_domicile", counts) == "count"
    assert kind("naissances", counts) == "count"
    assert kind("naissances", [f"{c}.0" for c in counts], "REAL") in ("count", "other")
    assert kind("aides_domicile", [*counts[:20], *["s", "< 5"] * 5], "TEXT") == "count"  # masked cells among them


def test_addresses_birth_dates_and_birth_years_stay_what_the_name_says():
    """Hard negatives: real addresses, real birth dates, and birth years (whole numbers, but years) are kept."""
    from auditor.catalog.classify import count_clue, kind_from_name

    rng = random.Random(16)

    def kind(column: str, values: list[str], sql_type: str = "TEXT") -> str:
        k, reason = kind_from_name(column)
        return decide(k, reason, value_stats(values), sql_type, count_clue=count_clue(column))[0]

    streets = ["rue de la Paix", "avenue Jean Jaurès", "boulevard Victor Hugo", "impasse des Lilas", "chemin du Moulin"]
    assert kind("adresse_domicile", [f"{rng.randint(1, 120)} {rng.choice(streets)}" for _ in range(30)]) == "address"
    assert kind("date_naissance", [f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(1940, 2010)}" for _ in range(30)]) == "birth_date"
    assert kind("naissance", [str(rng.randint(1940, 2010)) for _ in range(30)], "INTEGER") != "count"
    # a spreadsheet's day numbers (days since 1899-12-30: 14 611 is 1940-01-01) are birth dates, not counts
    assert kind("date_naissance", [str(rng.randint(14_611, 40_000)) for _ in range(30)], "INTEGER") == "birth_date"
