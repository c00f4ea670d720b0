"""Property tests: the analyser never crashes, stays in bounds, and redaction never leaks."""

import socket

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.identifiers import nir_key

FRENCH = st.lists(
    st.sampled_from(list("abcdeéèêàçôùîïœ ABCDEÉÀ'’-.,;:!?«»\"()0123456789\n@")
                    + ["Mme ", "M. ", " son fils ", " pas de ", "Karim ", " manipulatrice ", " sans papiers "]),
    max_size=120,
).map("".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(FRENCH)
def test_analyse_never_crashes_and_stays_in_bounds(analyser, text):
    for f in analyser.analyse(text):
        assert 0 <= f.start < f.end <= len(text)


@SETTINGS
@given(st.text(max_size=200))
def test_any_unicode(rules_only, text):
    for f in rules_only.analyse(text):
        assert 0 <= f.start < f.end <= len(text)
    rules_only.redact(text)


@st.composite
def nirs(draw):
    sex = draw(st.sampled_from("12"))
    yy = draw(st.integers(0, 99))
    mm = draw(st.integers(1, 12))
    dep = draw(st.sampled_from(["75", "93", "2A", "2B", "99", "13", "59"]))
    com = draw(st.integers(1, 999))
    order = draw(st.integers(1, 999))
    body = f"{sex}{yy:02d}{mm:02d}{dep}{com:03d}{order:03d}"
    key = f"{nir_key(body):02d}"
    spaced = draw(st.booleans())
    if spaced:
        return f"{body[0]} {body[1:3]} {body[3:5]} {body[5:7]} {body[7:10]} {body[10:13]} {key}"
    return body + key


phones = st.builds(
    lambda a, rest, sep: "0" + str(a) + "".join(sep + f"{x:02d}" for x in rest),
    st.integers(1, 9), st.lists(st.integers(0, 99), min_size=4, max_size=4), st.sampled_from([" ", ".", "", "-"]),
)
emails = st.builds(
    lambda u, d, t: f"{u}@{d}.{t}",
    st.from_regex(r"[a-z][a-z0-9._]{0,10}[a-z0-9]", fullmatch=True),
    st.from_regex(r"[a-z][a-z0-9-]{0,10}[a-z0-9]", fullmatch=True),
    st.sampled_from(["fr", "com", "net", "org"]),
)
WORDS = st.lists(st.sampled_from(["Mme", "indique", "que", "le", "dossier", "est", "complet", "tél", "mail", "NIR", ":",
                                  "elle", "habite", "à", "Lyon", "son", "fils", "va", "bien", "."]), max_size=12)


@SETTINGS
@given(WORDS, st.one_of(nirs(), phones, emails), WORDS)
def test_redact_never_leaves_an_inserted_identifier(analyser, before, secret, after):
    text = " ".join(before) + " " + secret + " " + " ".join(after)
    out = analyser.redact(text)
    assert secret not in out


def test_no_network_is_ever_attempted(monkeypatch):
    """With every socket refused, analysing (e-mail included) and the Presidio recognizers still work."""
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)

    from auditor.text import Lexicon, TextAnalyser, default_lexicon_paths
    from auditor.text.recognizers import build_french_analyzer

    text = "Mme Durand (j.durand@orange.fr, 06 12 34 56 78) est venue avec son fils Enzo."
    an = TextAnalyser(Lexicon.load(default_lexicon_paths()), use_ner=True)
    assert any(text[f.start:f.end] == "j.durand@orange.fr" for f in an.analyse(text))
    assert "j.durand" not in an.redact(text)
    presidio = build_french_analyzer(with_ner=True)
    found = {(r.entity_type, text[r.start:r.end]) for r in presidio.analyze(text, language="fr")}
    assert ("EMAIL_ADDRESS", "j.durand@orange.fr") in found
