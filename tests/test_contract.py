"""`extract --json` output validates against the JSON Schema of the contract."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from newsevents.cli import main

SCHEMA = json.loads((resources.files("newsevents") / "schema" / "extract.schema.json")
                    .read_text())


def test_the_schema_itself_is_valid():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_the_schema_rejects_a_broken_record():
    bad = {"article": {"id": "x", "title": None, "published": "24/04/2024", "url": None,
                       "language": "en", "text": ""},
           "events": [{"type": "PARTY"}], "quotes": []}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, SCHEMA)


@pytest.mark.slow
@pytest.mark.parametrize("page", ["worked_example.txt", "pages/voa_iraq.html"])
def test_extract_json_matches_the_contract(runner, fixtures, page):
    result = runner.invoke(main, ["extract", str(fixtures / page), "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    jsonschema.validate(out, SCHEMA)
    text = out["article"]["text"]
    for e in out["events"]:
        start, end = e["span"]
        assert text[start:end] == e["sentence"]
    for q in out["quotes"]:
        start, end = q["span"]
        assert text[start:end] == q["text"]


@pytest.mark.slow
def test_worked_example_end_to_end(runner, worked_example):
    """The worked example of MISSION.md: title once, date from the Spanish label,
    no furniture, and at least the obvious events."""
    out = json.loads(runner.invoke(main, ["extract", str(worked_example), "--json"]).output)
    art = out["article"]
    assert art["title"] == "North Korean officials make rare public visit to Iran"
    assert art["published"] == "2024-04-24"
    assert art["text"].count("North Korean officials make rare public visit") == 0
    for furniture in ("Fecha de publicación", "Imagen principal", "Add new comment",
                      "human visitor", "Enter the characters"):
        assert furniture not in art["text"]
    tuples = {(e["type"], (e["source"] or {}).get("country"), (e["target"] or {}).get("country"))
              for e in out["events"]}
    assert ("CONSULT", "PRK", "IRN") in tuples
    assert ("ASSAULT", "IRN", "ISR") in tuples
    strike = next(e for e in out["events"] if e["type"] == "ASSAULT"
                  and (e["source"] or {}).get("country") == "IRN")
    assert strike["date"] == "2024-04-13" and strike["date_precision"] == "day"
    # "departed for Iran by plane on Tuesday", published on a Wednesday.
    assert any(e["date"] == "2024-04-23" and e["date_precision"] == "day"
               for e in out["events"] if e["type"] == "CONSULT"
               and (e["source"] or {}).get("country") == "PRK")
    # The arms deliveries are claims, never reported fact.
    for e in out["events"]:
        if (e["target"] or {}).get("country") == "RUS" and e["type"] in ("AID", "COOPERATE"):
            assert e["status"] in ("claimed", "denied"), e
