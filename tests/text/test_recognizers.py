"""French Presidio recognizers: tables of (text, expected spans), as in Presidio's own tests."""

import pytest

from auditor.text.recognizers import (
    FrAddressRecognizer,
    FrCafNumberRecognizer,
    FrEmailRecognizer,
    FrIbanRecognizer,
    FrNirRecognizer,
    FrPhoneRecognizer,
    french_recognizers,
)


def spans(recognizer, text, min_score=0.4):
    results = recognizer.analyze(text, recognizer.supported_entities, None)
    return sorted((r.start, r.end) for r in results if r.score >= min_score)


def find(text, *parts):
    out = []
    for p in parts:
        s = text.index(p)
        out.append((s, s + len(p)))
    return sorted(out)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("NIR : 2 95 10 99 126 111 93.", ["2 95 10 99 126 111 93"]),
        ("n° sécu 253072B07300470", ["253072B07300470"]),
        ("n° sécu 2 53 07 2A 073 004 43 et 1 85 05 78 006 084 91", ["2 53 07 2A 073 004 43", "1 85 05 78 006 084 91"]),
        ("clé fausse 2 95 10 99 126 111 99", []),
        ("quinze chiffres au hasard 483920174652301", []),
        ("trop long 2951099126111930", []),
        ("trop court 29510991261119", []),
    ],
)
def test_nir(text, expected):
    assert spans(FrNirRecognizer(), text) == find(text, *expected)


def test_nir_without_key_has_low_score_until_context():
    rec = FrNirRecognizer()
    text = "numéro 2 95 10 99 126 111 dans le dossier"
    results = rec.analyze(text, ["FR_NIR"], None)
    assert [text[r.start:r.end] for r in results] == ["2 95 10 99 126 111"]
    assert results[0].score < 0.4


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Tél : 06 12 34 56 78.", ["06 12 34 56 78"]),
        ("portable 0612345678, fixe 01.44.55.66.77", ["0612345678", "01.44.55.66.77"]),
        ("joignable au +33 6 12 34 56 78", ["+33 6 12 34 56 78"]),
        ("loyer 650 euros le 12/03/2024", []),
        ("dossier 00 12 34 56 78", []),
    ],
)
def test_phone(text, expected):
    assert spans(FrPhoneRecognizer(), text) == find(text, *expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("écrire à marie.durand@laposte.net svp", ["marie.durand@laposte.net"]),
        ("courriel : a.b@ccas-ville.fr.", ["a.b@ccas-ville.fr"]),
        ("pas une adresse : marie@durand", []),
    ],
)
def test_email(text, expected):
    assert spans(FrEmailRecognizer(), text) == find(text, *expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("RIB : FR76 3000 6000 0112 3456 7890 189 EUR", ["FR76 3000 6000 0112 3456 7890 189"]),
        ("IBAN FR7630006000011234567890189.", ["FR7630006000011234567890189"]),
        ("IBAN FR76 3000 6000 0112 3456 7890 188", []),
        ("compte DE89 3704 0044 0532 0130 00", ["DE89 3704 0044 0532 0130 00"]),
    ],
)
def test_iban(text, expected):
    assert spans(FrIbanRecognizer(), text) == find(text, *expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Elle habite 12 rue des Lilas, 75011 Paris.", ["12 rue des Lilas, 75011 Paris"]),
        ("domicilié au 3 bis avenue Jean Jaurès à Lyon", ["3 bis avenue Jean Jaurès"]),
        ("Il habite rue Pasteur depuis mai.", ["rue Pasteur"]),
        ("La rue est bruyante, 3 enfants à charge.", []),
        ("Elle vit à Paris (75011).", []),
    ],
)
def test_address(text, expected):
    assert spans(FrAddressRecognizer(), text) == find(text, *expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("N° allocataire : 1234567", ["1234567"]),
        ("numéro CAF 7654321, dossier à jour", ["7654321"]),
        ("référence 1234567", []),
    ],
)
def test_caf(text, expected):
    assert spans(FrCafNumberRecognizer(), text) == find(text, *expected)


def test_all_recognizers_are_french_and_named():
    recs = french_recognizers()
    assert {r.supported_language for r in recs} == {"fr"}
    assert len({r.name for r in recs}) == 6
