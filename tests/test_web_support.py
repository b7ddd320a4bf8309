"""A small store for the web tests, built from Coded records (no NLP).

Sentences are written as text and every offset is *computed* with str.find,
so the records are what the pipeline would hand the store. The content
paraphrases the worked example in docs (North Korea, Iran, the US) plus a
few months of other dyads for timelines, and one hostile article whose
title, text, actor name and URL carry markup and script.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from pathlib import Path

from newsevents.models import (
    Actor,
    Article,
    Claim,
    Coded,
    Event,
    Mention,
    Place,
    PlaceMention,
    Quote,
    Rejected,
    Response,
    Speaker,
)
from newsevents.store import open_store

A = {
    "PRKGOV": Actor("North Korea", "PRKGOV", "PRK", "GOV"),
    "PRK": Actor("North Korea", "PRK", "PRK", None),
    "IRN": Actor("Iran", "IRN", "IRN", None),
    "IRNGOV": Actor("Iran", "IRNGOV", "IRN", "GOV"),
    "USAGOV": Actor("United States", "USAGOV", "USA", "GOV"),
    "ISR": Actor("Israel", "ISR", "ISR", None),
    "RUS": Actor("Russia", "RUS", "RUS", None),
    "RUSMIL": Actor("Russia", "RUSMIL", "RUS", "MIL"),
    "UKR": Actor("Ukraine", "UKR", "UKR", None),
    "CHN": Actor("China", "CHN", "CHN", None),
    "EVIL": Actor("<b>Evil</b> Corp", "XSSGOV", "XSS", "GOV"),
}

HOSTILE = "<script>window.__pwned = 1; document.title = 'pwned';</script>"
HOSTILE_IMG = '<img src=x onerror="window.__pwned = 2">'


def _id(*parts: str) -> str:
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def _mention(text: str, sentence_start: int, sentence: str, actor: Actor, nth: int = 0) -> Mention:
    i = -1
    for _ in range(nth + 1):
        i = sentence.find(text, i + 1)
    assert i >= 0, (text, sentence)
    return Mention(text, sentence_start + i, sentence_start + i + len(text), actor, "lexicon")


def article(title: str, published: date, sentences: list[dict], removed=(), url=None,
            source="fixture", claims=(), responses=(), quotes=()) -> Coded:
    """Assemble an article from sentence specs and compute every offset."""
    text = " ".join(s["text"] for s in sentences)
    art_id = _id(text)
    events, mentions = [], []
    pos = 0
    for k, s in enumerate(sentences):
        st = text.index(s["text"], pos)
        pos = st + len(s["text"])
        ev = s.get("event")
        if not ev:
            continue
        src = _mention(ev["source"], st, s["text"], A[ev["source_actor"]]) if ev.get("source") \
            else None
        tgt = _mention(ev["target"], st, s["text"], A[ev["target_actor"]]) if ev.get("target") \
            else None
        mentions += [m for m in (src, tgt) if m]
        ti = s["text"].index(ev["trigger"])
        loc = None
        if ev.get("place"):
            pi = s["text"].index(ev["place"])
            loc = PlaceMention(ev["place"], st + pi, st + pi + len(ev["place"]),
                               Place(ev["place"], ev.get("place_country"), 31.0, 35.0))
        events.append(Event(
            id=_id(art_id, str(k)), type=ev["type"], mode=ev.get("mode"), cameo=ev.get("cameo"),
            source=src, target=tgt, date=ev["date"], date_precision=ev.get("precision", "day"),
            date_text=ev.get("date_text"), location=loc, status=ev.get("status", "reported"),
            attributed_to=A[ev["attributed"]] if ev.get("attributed") else None,
            trigger=ev["trigger"], trigger_span=(st + ti, st + ti + len(ev["trigger"])),
            sentence=s["text"], span=(st, pos), confidence=ev.get("confidence", 0.8),
            article_id=art_id, claim_id=ev.get("claim_id"), rules=("fixture",)))
    a = Article(id=art_id, text=text, title=title, published=published, url=url, source=source,
                removed=tuple(removed), site="fixture news", published_from="hint")

    def span_of(fragment: str) -> tuple[int, int]:
        i = text.index(fragment)
        return i, i + len(fragment)

    cl = tuple(Claim(c["id"], A[c["claimant"]], tuple(A[x] for x in c["accused"]), c["text"],
                     span_of(c["text"]), c["cue"], c.get("date")) for c in claims)
    rs = tuple(Response(r["id"], r["claim_id"], A[r["responder"]], r["kind"], r["text"],
                        span_of(r["text"]), r["cue"], r.get("date")) for r in responses)
    qs = tuple(Quote(Speaker(q["speaker"], q.get("role")), q["cue"], q["text"], False,
                     *span_of(q["text"]), span_of(q["text"]), q.get("date")) for q in quotes)
    return Coded(article=a, events=tuple(events), mentions=tuple(mentions), quotes=qs,
                 claims=cl, responses=rs)


def visit_sentence(day: str) -> dict:
    return {"text": f"A delegation headed by North Korea's minister departed for Iran by plane "
                    f"on {day}, according to the agency.",
            "event": {"type": "CONSULT", "mode": "visit", "cameo": "042",
                      "source": "North Korea", "source_actor": "PRKGOV", "target": "Iran",
                      "target_actor": "IRN", "trigger": "departed for", "date": "2024-04-23",
                      "date_text": f"on {day}", "attributed": "PRKGOV", "confidence": 0.82}}


def corpus() -> list[Coded]:
    """The fixture articles (deterministic)."""
    claim_text = "Tehran and Pyongyang cooperate on ballistic missile development"
    first = article(
        "North Korean officials make rare public visit to Iran", date(2024, 4, 24),
        [
            {"text": "A high-profile North Korean delegation is making a rare foreign visit to "
                     "Iran, the state-run KCNA news agency has reported."},
            visit_sentence("Tuesday"),
            {"text": "US State Department spokesperson Matthew Miller said last Tuesday that "
                     f"Washington believes {claim_text}.",
             "event": {"type": "ACCUSE", "source": "Washington", "source_actor": "USAGOV",
                       "target": "Tehran", "target_actor": "IRN", "trigger": "believes",
                       "date": "2024-04-16", "date_text": "last Tuesday", "status": "claimed",
                       "claim_id": "claim-1"}},
            {"text": "On April 13, Tehran fired several hundred missiles and drones at military "
                     "targets inside Israel.",
             "event": {"type": "ASSAULT", "mode": "aerial", "source": "Tehran",
                       "source_actor": "IRN", "target": "Israel", "target_actor": "ISR",
                       "trigger": "fired", "date": "2024-04-13", "date_text": "On April 13",
                       "place": "Israel", "place_country": "ISR"}},
            {"text": "Pyongyang and Tehran have denied the claims.",
             "event": {"type": "REJECT", "source": "Pyongyang", "source_actor": "PRKGOV",
                       "target": None, "trigger": "denied", "date": "2024-04-24",
                       "precision": "unknown"}},
        ],
        removed=("Fecha de publicación:", "Imagen principal:", "Add new comment",
                 "This question is for testing whether or not you are a human visitor."),
        url="https://example.org/prk-iran",
        claims=[{"id": "claim-1", "claimant": "USAGOV", "accused": ["IRN", "PRK"],
                 "text": claim_text, "cue": "said", "date": "2024-04-16"}],
        responses=[{"id": "resp-1", "claim_id": "claim-1", "responder": "PRKGOV",
                    "kind": "denial", "text": "Pyongyang and Tehran have denied the claims",
                    "cue": "denied", "date": "2024-04-24"}],
        quotes=[{"speaker": "Matthew Miller", "role": "spokesperson", "cue": "said",
                 "text": f"Washington believes {claim_text}", "date": "2024-04-16"}],
    )
    # A second outlet reports the same visit: it merges into the same event.
    second = article("Pyongyang delegation travels to Tehran", date(2024, 4, 25),
                     [visit_sentence("Tuesday"),
                      {"text": "The visit is the first of its kind in years."}],
                     url="https://example.com/visit", source="fixture2")
    hostile = article(
        f"Evil {HOSTILE} headline", date(2024, 5, 2),
        [{"text": f"Evil Corp threatened Israel today {HOSTILE} and more {HOSTILE_IMG} text.",
          "event": {"type": "THREATEN", "source": "Evil Corp", "source_actor": "EVIL",
                    "target": "Israel", "target_actor": "ISR", "trigger": "threatened",
                    "date": "2024-05-02", "date_text": "today"}}],
        removed=(HOSTILE,), url="javascript:window.__pwned=3", source="hostile")
    out = [first, second, hostile]
    # Months of other dyads, so timelines and the network have shape.
    start = date(2024, 1, 3)
    kinds = [("RUSMIL", "Russian forces", "UKR", "Ukraine", "ASSAULT", "shelled", "aerial"),
             ("UKR", "Ukraine", "RUS", "Russia", "ACCUSE", "accused", None),
             ("CHN", "China", "RUS", "Russia", "AGREE", "signed an agreement with", None),
             ("IRNGOV", "Iran", "PRK", "North Korea", "COOPERATE", "shared technology with", None),
             ("PRKGOV", "North Korea", "IRN", "Iran", "CONSULT", "met officials from", "visit"),
             ("USAGOV", "The United States", "RUS", "Russia", "SANCTION", "sanctioned", None)]
    for i in range(36):
        s_code, s_text, t_code, t_text, typ, trig, mode = kinds[i % len(kinds)]
        d = start + timedelta(days=5 * i)
        out.append(article(
            f"Report {i}: {s_text} and {t_text}", d + timedelta(days=1),
            [{"text": f"{s_text} {trig} {t_text} on {d:%B} {d.day}, officials said.",
              "event": {"type": typ, "mode": mode, "source": s_text, "source_actor": s_code,
                        "target": t_text, "target_actor": t_code, "trigger": trig,
                        "date": d.isoformat(), "date_text": f"on {d:%B} {d.day}"}}],
            source=f"gen{i}"))
    return out


def build_store(path) -> dict:
    """Write the fixture corpus (one run, two rejections) to a store file; return ids."""
    coded = corpus()
    rejected = [Rejected("empty.html", "clean", "empty", "no text after cleaning"),
                Rejected(f"bad{HOSTILE}.bin", "ingest", "binary", "not text")]
    with open_store(path) as store:
        run = store.start_run("test", "none", {"fixture": True}, ["fixture"])
        store.write_batch(coded, rejected, run)
        store.finish_run(run, documents=len(coded) + 2, articles=len(coded), rejected=2,
                         events=sum(len(c.events) for c in coded))
    first, _, hostile = coded[:3]
    visit = first.events[0]
    return {"first": first, "hostile": hostile, "visit_mention": visit, "coded": coded}


def test_fixture_offsets_point_at_their_text():
    """Guard for the fixture itself: every stored offset selects the text it claims."""
    for c in corpus():
        t = c.article.text
        for e in c.events:
            assert t[e.span[0]:e.span[1]] == e.sentence
            assert t[e.trigger_span[0]:e.trigger_span[1]] == e.trigger
        for m in c.mentions:
            assert t[m.start:m.end] == m.text


# --- the bundled VOA sample, ingested by the real pipeline (slow) -------------------

VOA = Path(__file__).resolve().parents[1] / "newsevents" / "data" / "sample" / "voa_stories.jsonl"
_VOA: dict = {}


def voa_store(tmp_path_factory) -> dict:
    """The VOA sample ingested once per test session (~30 s: it loads spaCy):
    ``{"path", "report"}``. Shared by the API and browser tests."""
    if "path" not in _VOA:
        # newsevents.ingest (the function) is shadowed by the ingest subpackage
        # once that is imported; the pipeline module is unambiguous.
        from newsevents.pipeline import ingest
        from newsevents.settings import Settings

        path = tmp_path_factory.mktemp("voa") / "voa.duckdb"
        with open_store(path) as store:
            _VOA["report"] = ingest([str(VOA)], store, Settings())
        _VOA["path"] = path
    return _VOA
