"""Validators and finders of auditor.identifiers: valid and invalid values."""

import random

import pytest

from auditor.identifiers import (
    find_birth_dates,
    find_identifiers,
    iban_is_valid,
    is_caf_number,
    is_email,
    is_fr_phone,
    looks_like_address,
    nir_is_valid,
    nir_key,
)

# Published examples (INSEE structure; keys computed by hand: 97 - n mod 97).
VALID_NIRS = [
    "295109912611193",
    "2 95 10 99 126 111 93",
    "2.95.10.99.126.111.93",
    "253072B07300470",  # Corsica 2B counted as 18
    "253072A07300443",  # Corsica 2A counted as 19
    "2 53 07 2A 073 004 43",
    "1 85 05 78 006 084 91",
    "185057800608491",
    "7 85 05 99 350 123 " + "%02d" % nir_key("7850599350123"),  # temporary (NIA)
    "1 60 20 75 101 002 " + "%02d" % nir_key("1602075101002"),  # month 20: incomplete record
    "2 70 35 99 216 004 " + "%02d" % nir_key("2703599216004"),  # month 30-42
]


@pytest.mark.parametrize("value", VALID_NIRS)
def test_valid_nir(value):
    assert nir_is_valid(value)


@pytest.mark.parametrize(
    "value",
    [
        "295109912611199",  # wrong key
        "1 85 05 78 006 084 36",  # wrong key
        "253072C07300443",  # no such department
        "253072B07300443",  # 2A key on a 2B number
        "29510991261119",  # 14 digits
        "2951099126111933",  # 16 digits
        "595109912611193",  # sex digit 5
        "2 95 13 99 126 111 " + "%02d" % nir_key("2951399126111"),  # month 13
        "2 95 10 00 126 111 " + "%02d" % nir_key("2951000126111"),  # department 00
        "2 95 10 99 126 000 " + "%02d" % nir_key("2951099126000"),  # order 000
        "",
        "abc",
    ],
)
def test_invalid_nir(value):
    assert not nir_is_valid(value)


def test_keyless_nir_only_when_allowed():
    assert not nir_is_valid("2951099126111")
    assert nir_is_valid("2951099126111", require_key=False)
    assert nir_is_valid("2 95 10 99 126 111", require_key=False)


def test_random_15_digit_numbers_are_mostly_rejected():
    rng = random.Random(1234)
    numbers = ["".join(rng.choice("0123456789") for _ in range(15)) for _ in range(5000)]
    accepted = [n for n in numbers if nir_is_valid(n)]
    # structure (sex digit, month, department) and the key (1 in 97) leave < 0.5 %
    assert len(accepted) / len(numbers) < 0.005
    for n in accepted:
        assert int(n[13:]) == nir_key(n[:13])


@pytest.mark.parametrize(
    "value",
    [
        "FR76 3000 6000 0112 3456 7890 189",
        "FR7630006000011234567890189",
        "fr76 3000 6000 0112 3456 7890 189",
        "DE89 3704 0044 0532 0130 00",
        "GB82 WEST 1234 5698 7654 32",
        "BE68 5390 0754 7034",
    ],
)
def test_valid_iban(value):
    assert iban_is_valid(value)


@pytest.mark.parametrize(
    "value",
    [
        "FR76 3000 6000 0112 3456 7890 188",  # checksum
        "FR76 3000 6000 0112 3456 7890 18",  # length
        "DE89 3704 0044 0532 0130 01",
        "XX82 WEST 1234 5698 7654 32",  # unknown country
        "FR7630006000011234567890189X",
        "",
    ],
)
def test_invalid_iban(value):
    assert not iban_is_valid(value)


@pytest.mark.parametrize(
    "value",
    ["06 12 34 56 78", "0612345678", "06.12.34.56.78", "06-12-34-56-78", "01 44 55 66 77",
     "+33 6 12 34 56 78", "+33612345678", "0033 6 12 34 56 78", "+33 (0)6 12 34 56 78", "09 51 00 00 01"],
)
def test_valid_phone(value):
    assert is_fr_phone(value)


@pytest.mark.parametrize(
    "value", ["00 12 34 56 78", "6 12 34 56 78", "06 12 34 56 7", "06 12 34 56 78 9", "+44 20 7946 0958", "1234567890", ""]
)
def test_invalid_phone(value):
    assert not is_fr_phone(value)


@pytest.mark.parametrize("value", ["jean.dupont@orange.fr", "a.b-c+tag@ccas-ville.fr", "x@sub.domaine.gouv.fr"])
def test_valid_email(value):
    assert is_email(value)


@pytest.mark.parametrize(
    "value", ["jean.dupont@orange", "@orange.fr", "jean dupont@orange.fr", "jean@", "jean@orange.f", "a..b@orange.fr", ".a@orange.fr"]
)
def test_invalid_email(value):
    assert not is_email(value)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("12 rue des Lilas", True),
        ("12 bis, rue des Lilas 75011 Paris", True),
        ("3 avenue du Général de Gaulle 69003 Lyon", True),
        ("5 impasse des roses", True),
        ("BP 123 33000 Bordeaux", True),
        ("Paris", False),
        ("75011 Paris", False),
        ("rue", False),
        ("la rue est calme", False),
        ("3 enfants", False),
    ],
)
def test_address(value, expected):
    assert looks_like_address(value) is expected


def test_caf_number_is_weak_shape_only():
    assert is_caf_number("1234567")
    assert is_caf_number("123 4567")
    assert not is_caf_number("123456")
    assert not is_caf_number("12345678")
    assert not is_caf_number("0000000")


def _found(text):
    return [(k, text[s:e]) for k, s, e in find_identifiers(text)]


def test_find_identifiers_in_a_note():
    text = (
        "Mme (NIR 2 53 07 2B 073 004 70) joignable au 06 12 34 56 78 ou j.durand@orange.fr. "
        "Virement sur FR76 3000 6000 0112 3456 7890 189 EUR. Domiciliée 12 rue des Lilas, 75011 Paris. "
        "N° allocataire CAF : 1234567."
    )
    assert _found(text) == [
        ("nir", "2 53 07 2B 073 004 70"),
        ("phone", "06 12 34 56 78"),
        ("email", "j.durand@orange.fr"),
        ("iban", "FR76 3000 6000 0112 3456 7890 189"),
        ("address", "12 rue des Lilas, 75011 Paris"),
        ("caf", "1234567"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Loyer de 650 euros, reste à charge 120 euros au 12/03/2024.",
        "Dossier 1234567 transmis.",  # 7 digits without CAF context
        "Il a 3 enfants et vit au 2e étage.",
        "Référence 185057800608436 du courrier.",  # 15 digits with a wrong key
        "Montant 0612345 euros",
    ],
)
def test_find_identifiers_negatives(text):
    assert find_identifiers(text) == []


def test_keyless_nir_needs_context():
    assert _found("NIR : 2 95 10 99 126 111") == [("nir", "2 95 10 99 126 111")]
    assert _found("Référence 2951099126111") == []


def test_finding_is_looser_than_validating_emails():
    # a malformed address in a note is still contact data: found (and redacted)
    assert _found("écrire à a..b@orange.fr") == [("email", "a..b@orange.fr")]


def test_birth_dates():
    text = "Mme, née le 12/03/1985, et son fils (DDN : 3 mars 2015)."
    assert [text[s:e] for s, e in find_birth_dates(text)] == ["12/03/1985", "3 mars 2015"]
