"""Queries: filters, dyads, full text, summaries, actor profiles, the claims ledger."""

from datetime import date

import pytest

from newsevents.errors import InputError
from newsevents.query import (
    EventFilter,
    actor_profile,
    event_mentions,
    merge_ledger,
    query_claims,
    query_events,
    summarize,
)
from newsevents.store import Store
from newsevents.store.synthetic import coded_article

IRN, ISR, USA, PRK = ("IRN", "Iran"), ("ISR", "Israel"), ("USA", "United States"), \
    ("PRK", "North Korea")


@pytest.fixture(scope="module")
def store():
    arts = [
        coded_article("a", date(2024, 4, 14), [
            dict(type="ASSAULT", source=IRN, target=ISR, date="2024-04-13", mode="aerial",
                 sentence="Tehran fired several hundred missiles and drones at Israel.",
                 location=("Israel", "ISR", 31.5, 34.8, "country")),
            dict(type="ACCUSE", source=USA, target=IRN, date="2024-04-16", id="e1",
                 sentence="Washington accused Tehran of supplying drones."),
        ]),
        coded_article("b", date(2024, 4, 24), [
            dict(type="CONSULT", source=PRK, target=IRN, date="2024-04-23", mode="visit",
                 sentence="A North Korean delegation departed for Iran by plane."),
            dict(type="ASSAULT", source=IRN, target=ISR, date="2024-04-13", id="e1",
                 sentence="On April 13, Tehran fired missiles at military targets in Israel."),
            dict(type="REJECT", source=IRN, target=USA, date="2024-04-24", id="e2",
                 status="denied", sentence="Tehran denied the claims."),
        ]),
        coded_article("c", date(2024, 5, 2), [
            dict(type="ASSAULT", source=ISR, target=IRN, date="2024-04-19",
                 sentence="Israel struck near Isfahan, officials said."),
        ]),
    ]
    with Store(":memory:") as s:
        s.write_batch(arts)
        yield s


def ids(rows):
    return {(r["type"], r["source_country"], r["target_country"]) for r in rows}


def test_actor_matches_either_side_by_code_country_or_name(store):
    by_country = ids(query_events(store, EventFilter(actor="IRN")))
    assert by_country == ids(query_events(store, EventFilter(actor="iran")))
    assert ("ASSAULT", "ISR", "IRN") in by_country and ("ASSAULT", "IRN", "ISR") in by_country
    assert ids(query_events(store, EventFilter(actor="PRKGOV"))) == {("CONSULT", "PRK", "IRN")}


def test_dyad_is_ordered_unless_undirected(store):
    directed = query_events(store, EventFilter(dyad="IRN:ISR"))
    assert ids(directed) == {("ASSAULT", "IRN", "ISR")}
    assert directed[0]["mentions"] == 2 and directed[0]["sources"] == 2
    both = ids(query_events(store, EventFilter(dyad="IRN:ISR", undirected=True)))
    assert both == {("ASSAULT", "IRN", "ISR"), ("ASSAULT", "ISR", "IRN")}


def test_type_mode_status_location_and_dates(store):
    assert ids(query_events(store, EventFilter(type="consult", mode="visit"))) == \
        {("CONSULT", "PRK", "IRN")}
    assert ids(query_events(store, EventFilter(status="denied"))) == {("REJECT", "IRN", "USA")}
    assert ids(query_events(store, EventFilter(location_country="isr"))) == \
        {("ASSAULT", "IRN", "ISR")}
    april_mid = query_events(store, EventFilter(since=date(2024, 4, 15),
                                                until=date(2024, 4, 20)))
    assert ids(april_mid) == {("ACCUSE", "USA", "IRN"), ("ASSAULT", "ISR", "IRN")}


def test_full_text_searches_every_mention_sentence(store):
    # "April" is only in the second mention's sentence, not the event's best sentence
    rows = query_events(store, EventFilter(text="april MILITARY"))
    assert ids(rows) == {("ASSAULT", "IRN", "ISR")}
    assert query_events(store, EventFilter(text="100%_")) == []


def test_event_mentions_lists_each_reporting_sentence(store):
    (ev,) = query_events(store, EventFilter(dyad="IRN:ISR"))
    ms = event_mentions(store, ev["id"])
    assert [m["published"] for m in ms] == ["2024-04-14", "2024-04-24"]


def test_summary_per_period_with_quad_classes(store):
    rows = summarize(store, EventFilter(actor="IRN", limit=None), "month")
    april = [r for r in rows if r["period"] == "2024-04-01"]
    assert sum(r["material_conflict"] for r in april) == 2
    assert sum(r["verbal_cooperation"] for r in april) == 1
    weekly = summarize(store, None, "week")
    assert {r["period"] for r in weekly} >= {"2024-04-08", "2024-04-15", "2024-04-22"}
    with pytest.raises(InputError, match="period"):
        summarize(store, None, "fortnight")


def test_actor_profile(store):
    p = actor_profile(store, "IRN")
    assert p["events"] == 5 and p["name"] == "Iran"
    assert {r["target"] for r in p["acts_on"]} == {"ISR", "USA"}
    assert {r["source"] for r in p["acted_on_by"]} == {"USAGOV", "PRKGOV", "ISRGOV"}
    assert {(t["role"], t["type"]) for t in p["types"]} >= {("source", "ASSAULT"),
                                                            ("target", "CONSULT")}
    assert sum(r["events"] for r in p["timeline"]) == 5


def test_claims_ledger_links_denials(store):
    rows = query_claims(store, actor="IRN")
    assert len(rows) == 1 and rows[0]["status"] == "denied"
    assert rows[0]["responses"][0]["kind"] == "denial"


def test_bad_filters_say_what_to_do():
    with pytest.raises(InputError, match="SOURCE:TARGET"):
        EventFilter(dyad="IRN").validated()
    with pytest.raises(InputError, match="unknown event type"):
        EventFilter(type="KISS").validated()
    with pytest.raises(InputError, match="after"):
        EventFilter(since=date(2024, 5, 1), until=date(2024, 4, 1)).validated()


def _claim_row(cid, art, published, text, responses=(), claimant="USA"):
    return {"id": cid, "article_id": art, "published": published, "title": art, "url": None,
            "claimant_name": "United States", "claimant_code": claimant, "claimant_country": claimant,
            "accused": ["PRK"], "accused_countries": ["PRK"], "accused_names": ["North Korea"],
            "text": text, "cue": "accused", "date": None, "evidence": f"The US accused ... {text}.",
            "responses": list(responses)}


def _resp(rid, art, day):
    return {"id": rid, "article_id": art, "claim_id": "x", "kind": "denial", "date": day,
            "responder_name": "North Korea", "text": "denied it"}


def test_issue20_ledger_rows_merge_reports_of_one_claim_across_articles():
    rows = [
        _claim_row("c2", "a2", date(2024, 4, 9), "North Korea supplied artillery shells to Russia",
                   [_resp("r2", "a2", "2024-04-09")]),
        _claim_row("c1", "a1", date(2024, 4, 2), "supplying artillery shells to Russia",
                   [_resp("r1", "a1", "2024-04-03")]),
        _claim_row("c3", "a3", date(2024, 4, 5), "Iran supplied drones to Russia", claimant="ISR"),
        _claim_row("c4", "a2", date(2024, 4, 9), "North Korea supplied artillery shells to Russia again"),
    ]
    merged = merge_ledger(rows)
    assert len(merged) == 3  # another claimant, and the same article, stay apart
    shells = merged[0]
    assert [p["claim_id"] for p in shells["reports"]] == ["c1", "c2"]  # oldest report first
    assert shells["first_reported"] == date(2024, 4, 2) and shells["id"] == "c1"
    assert [r["id"] for r in shells["responses"]] == ["r1", "r2"] and shells["status"] == "denied"
    assert all(p["evidence"] for p in shells["reports"])
    assert merge_ledger(rows[:1])[0]["reports"][0]["claim_id"] == "c2"
