"""``auditor serve`` speaks LanguageTool's HTTP protocol: a client written by others, raw HTTP, /review."""

from __future__ import annotations

import json
import urllib.parse
from pathlib import Path

import jsonschema
import pytest

from tests.serve.conftest import NOTE, get_json, post

ROOT = Path(__file__).resolve().parents[2]


def _check(server, **fields) -> tuple[int, dict, dict]:
    status, headers, body = post(server.url + "/v2/check", urllib.parse.urlencode(fields).encode("ascii"))
    return status, headers, json.loads(body) if status == 200 else body.decode("utf-8")


def test_language_tool_python_gets_our_matches(server):
    language_tool_python = pytest.importorskip("language_tool_python")
    tool = language_tool_python.LanguageTool("fr", remote_server=server.url)
    try:
        matches = tool.check(NOTE)
        # an emoji (two UTF-16 units, one Python character) before the remarks: offsets stay right
        shifted = tool.check("🙂 " + NOTE)
    finally:
        tool.close()
    found = {(NOTE[m.offset:m.offset + m.error_length], m.category) for m in matches}
    assert ("manipulatrice", "AUDITOR_JUDGEMENT") in found
    assert ("Josiane Lebreton", "AUDITOR_THIRD_PARTY") in found
    assert any(m.category == "AUDITOR_HYPOTHESIS" for m in matches)
    judgement = next(m for m in matches if m.category == "AUDITOR_JUDGEMENT")
    assert judgement.message.startswith("Jugement sur la personne")
    assert judgement.rule_issue_type == "style"
    assert judgement.sentence.startswith("Mme est manipulatrice")
    assert judgement.matched_text == "manipulatrice"
    third = next(m for m in matches if m.category == "AUDITOR_THIRD_PARTY")
    assert {"son voisin", "sa sœur"} <= set(third.replacements)  # the rewording, offered as replacements
    assert [(m.offset + 2, m.error_length) for m in matches] == [(m.offset, m.error_length) for m in shifted]
    assert tool.correct(NOTE).count("son voisin") == 1


def test_raw_check_shape(server):
    status, headers, doc = _check(server, text=NOTE, language="fr-FR")
    assert status == 200 and headers["content-type"].startswith("application/json")
    assert doc["language"]["code"] == "fr-FR" and doc["software"]["apiVersion"] == 1
    assert doc["matches"], doc
    for m in doc["matches"]:
        assert set(m) >= {"message", "shortMessage", "offset", "length", "replacements", "context", "sentence", "rule"}
        assert NOTE[m["offset"]:m["offset"] + m["length"]]
        ctx = m["context"]
        assert ctx["text"][ctx["offset"]:ctx["offset"] + ctx["length"]] == NOTE[m["offset"]:m["offset"] + m["length"]]
        assert set(m["rule"]) >= {"id", "description", "issueType", "category"}
        assert set(m["rule"]["category"]) == {"id", "name"}
        assert all(set(r) == {"value"} for r in m["replacements"])
    names = {m["rule"]["category"]["name"] for m in doc["matches"]}
    assert {"Jugement sur la personne", "Tiers nommé", "Supposition présentée comme un fait"} <= names


def test_auto_and_plain_fr(server):
    for lang in ("auto", "fr", "fr-BE", "fr_CA"):
        status, _, doc = _check(server, text=NOTE, language=lang)
        assert status == 200 and doc["matches"], lang
    assert _check(server, text="RAS.", language="fr")[2]["matches"] == []


def test_annotated_data_offsets_point_into_the_original(server):
    # what the browser extensions send: text pieces and markup; offsets count the markup
    data = {"annotation": [
        {"markup": "<p>"},
        {"text": "Mme est "},
        {"markup": "<b>", "interpretAs": ""},
        {"text": "manipulatrice"},
        {"markup": "</b>"},
        {"markup": "<br/>", "interpretAs": "\n"},
        {"text": "Sa voisine Josiane Lebreton a appelé."},
        {"markup": "</p>"},
    ]}
    original = "".join(p.get("text", p.get("markup", "")) for p in data["annotation"])
    status, _, doc = _check(server, data=json.dumps(data), language="fr-FR")
    assert status == 200
    spans = {original[m["offset"]:m["offset"] + m["length"]] for m in doc["matches"]}
    assert "manipulatrice" in spans and "Josiane Lebreton" in spans


def test_languages_lists_french_variants(server):
    langs = get_json(server.url + "/v2/languages")
    codes = {d["longCode"] for d in langs}
    assert {"fr", "fr-FR", "fr-BE", "fr-CH", "fr-CA"} <= codes
    assert all(set(d) == {"name", "code", "longCode"} and d["code"] == "fr" for d in langs)


def test_review_returns_the_text_command_json(server):
    schema = json.loads((ROOT / "auditor" / "schemas" / "text.schema.json").read_text(encoding="utf-8"))
    status, _, body = post(server.url + "/review", json.dumps({"notes": [NOTE, "RAS."]}).encode(), "application/json")
    assert status == 200
    doc = json.loads(body)
    jsonschema.validate(doc, schema)
    assert {f["category"] for f in doc["notes"][0]["flags"]} >= {"judgement", "hypothesis", "third_party"}
    assert doc["notes"][1]["flags"] == []
    # same answer as the command line
    from auditor.review import review_text
    from auditor.text_view import review_to_json

    assert doc == review_to_json(review_text([NOTE, "RAS."]))
    status, _, body = post(server.url + "/review", NOTE.encode("utf-8"), "text/plain; charset=utf-8")
    assert status == 200 and json.loads(body)["notes"][0]["flags"]


def test_no_nagle_delay(server):
    """Each answer leaves at once (TCP_NODELAY): not 40 ms later, when the client's delayed ACK comes."""
    import http.client
    import time

    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    times = []
    try:
        for _ in range(21):
            t = time.perf_counter()
            conn.request("POST", "/v2/check", body="language=fr&text=RAS.",
                         headers={"Content-Type": "application/x-www-form-urlencoded"})
            r = conn.getresponse()
            r.read()
            times.append(time.perf_counter() - t)
    finally:
        conn.close()
    # Nagle delays every answer by 40 ms or more; the fastest of 21 answers is far below that unless it is
    # on, whatever else the machine is doing (the minimum is not moved by a load spike as the median can be)
    assert min(times) < 0.035, times


def test_split_by_rule_level_gives_each_remark_once(server):
    """The extensions may ask sentence/paragraph-level rules and text-level rules separately."""
    seen = []
    for mode in ("allButTextLevelOnly", "textLevelOnly", "paragraphLevelOnly"):
        status, _, doc = _check(server, text=NOTE, language="auto", mode=mode)
        assert status == 200
        seen.extend((m["offset"], m["rule"]["id"]) for m in doc["matches"])
    assert seen and len(seen) == len(set(seen))
    assert len(seen) == len(_check(server, text=NOTE, language="auto")[2]["matches"])
