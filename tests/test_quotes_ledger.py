"""The cross-article ledger (newsevents.store.ledger.link_ledger) on a store built from Coded records."""

import hashlib
from datetime import date

import pytest

from newsevents.models import Actor, Article, Claim, Coded, Response
from newsevents.store import Store
from newsevents.store.ledger import link_ledger

USA = Actor("United States", "USA", "USA")
PRK = Actor("North Korea", "PRK", "PRK")
PYONGYANG = Actor("Pyongyang", "PRK", "PRK", sector="GOV")
IRN = Actor("Iran", "IRN", "IRN")
CHL = Actor("Chile", "CHL", "CHL")


def _article(text: str, day: int, month: int = 4) -> Article:
    return Article(id=hashlib.sha256(text.encode()).hexdigest(), text=text, title=text[:30],
                   published=date(2024, month, day))


def _coded(text, day, claims=(), responses=(), month=4):
    return Coded(article=_article(text, day, month), claims=tuple(claims), responses=tuple(responses))


def _claim(cid, accused, content):
    return Claim(id=cid, claimant=USA, accused=accused, text=content, span=(0, 10), cue="accused")


def _response(rid, responder, content, claim_id=None, kind="denial"):
    return Response(id=rid, claim_id=claim_id, responder=responder, kind=kind, text=content,
                    span=(0, 10), cue="denied")


@pytest.fixture()
def store():
    shells = _claim("c-shells", (PRK,), "North Korea supplied artillery shells to Russia")
    drones = _claim("c-drones", (IRN,), "Iran supplied drones to Russia")
    local = _claim("c-local", (PRK,), "North Korea tested a missile")
    batch = [
        _coded("Story A: the accusation.", 20, claims=[shells, drones]),
        _coded("Story B: the denials.", 22, claims=[local], responses=[
            # answers the shells claim of story A (responder accused there, shared words)
            _response("r-shells", PYONGYANG, "denied supplying artillery shells to Russia"),
            # already linked in its own article: must stay as it is
            _response("r-local", PYONGYANG, "denied testing a missile", claim_id="c-local"),
            # Chile is accused of nothing: stays unlinked
            _response("r-chile", CHL, "denied supplying artillery shells"),
            # Iran, but nothing in common with the drones claim
            _response("r-iran", IRN, "rejected the election results"),
        ]),
    ]
    with Store(":memory:") as s:
        s.write_batch(batch)
        yield s


def _links(store):
    return dict(store.con.execute("SELECT id, claim_id FROM responses ORDER BY id").fetchall())


def test_links_responses_to_claims_in_other_articles_by_accused_and_content(store):
    assert link_ledger(store) == 1
    links = _links(store)
    assert links["r-shells"] == "c-shells"
    assert links["r-local"] == "c-local"
    assert links["r-chile"] is None and links["r-iran"] is None


def test_rerunning_links_nothing_new_and_changes_nothing(store):
    link_ledger(store)
    before = _links(store)
    assert link_ledger(store) == 0
    assert _links(store) == before


def test_a_claim_in_the_same_article_is_not_a_cross_article_link(store):
    # r-same answers a claim in its own article; the in-article linking owns that case
    same = _claim("c-same", (IRN,), "Iran enriched uranium to 90 percent")
    store.write_batch([_coded("Story C: both in one.", 23, claims=[same], responses=[
        _response("r-same", IRN, "denied enriching uranium to 90 percent")])])
    link_ledger(store)
    assert _links(store)["r-same"] is None


def test_a_denial_months_later_answers_another_affair(store):
    # the same words and the same accused, but an article three months on: not this claim's answer
    store.write_batch([_coded("Story D: a later denial.", 22, month=7, responses=[
        _response("r-july", PYONGYANG, "denied supplying artillery shells to Russia")])])
    link_ledger(store)
    links = _links(store)
    assert links["r-july"] is None
    assert links["r-shells"] == "c-shells"


def test_empty_store_links_nothing():
    with Store(":memory:") as s:
        assert link_ledger(s) == 0


def test_a_fallback_link_in_its_own_article_gives_way_to_the_claim_that_accuses_the_responder(store):
    # story E's denial was linked to its own article's only claim, which accuses Chile, not
    # Pyongyang: the accusation of story A that names Pyongyang and shares its words is the answer
    chile = _claim("c-chile", (CHL,), "Chile exported copper")
    store.write_batch([_coded("Story E: a fallback link.", 23, claims=[chile], responses=[
        _response("r-fallback", PYONGYANG, "denied supplying artillery shells to Russia", claim_id="c-chile"),
        # linked to a claim that accuses its responder: kept
        _response("r-copper", CHL, "denied exporting copper", claim_id="c-chile")])])
    link_ledger(store)
    links = _links(store)
    assert links["r-fallback"] == "c-shells"
    assert links["r-copper"] == "c-chile"
    assert link_ledger(store) == 0
    # the replaced guess is no longer a link; the kept in-article link is
    rows = {(r, c): m for r, c, m, _s in _response_links(store)}
    assert ("r-fallback", "c-chile") not in rows and rows[("r-fallback", "c-shells")] == "cross-article"
    assert rows[("r-copper", "c-chile")] == "in-article"


def _response_links(store):
    return store.con.execute("SELECT response_id, claim_id, method, score FROM response_links "
                             "ORDER BY response_id, claim_id").fetchall()


def test_in_article_links_are_recorded_as_in_article_with_no_score(store):
    link_ledger(store)
    rows = {(r, c): (m, s) for r, c, m, s in _response_links(store)}
    assert rows[("r-local", "c-local")] == ("in-article", None)
    assert rows[("r-shells", "c-shells")][0] == "cross-article"
    assert 0.0 < rows[("r-shells", "c-shells")][1] <= 1.0
    assert not any(r in ("r-chile", "r-iran") for r, _c in rows)


def test_one_denial_answers_the_same_accusation_in_every_article_that_reports_it(store):
    # a second outlet reports the shells accusation: the one denial answers both reports,
    # and its claim_id (one link, for older readers) is one of them
    again = _claim("c-shells-2", (PRK,), "North Korea supplied artillery shells to Russia, officials said")
    store.write_batch([_coded("Story F: the accusation again.", 21, claims=[again])])
    link_ledger(store)
    linked = {c for r, c, m, _s in _response_links(store) if r == "r-shells" and m == "cross-article"}
    assert linked == {"c-shells", "c-shells-2"}
    assert _links(store)["r-shells"] in linked
    from newsevents.query import query_claims
    rows = {c["id"]: c for c in query_claims(store, merge=False)}
    for cid in ("c-shells", "c-shells-2"):
        answers = [r for r in rows[cid]["responses"] if r["id"] == "r-shells"]
        assert len(answers) == 1 and answers[0]["link_method"] == "cross-article"
    # merged, the two reports are one row and the denial is listed once
    merged = [c for c in query_claims(store) if c["id"] in ("c-shells", "c-shells-2")]
    assert len(merged) == 1 and len(merged[0]["reports"]) == 2
    assert [r["id"] for r in merged[0]["responses"]].count("r-shells") == 1
    assert link_ledger(store) == 0


def test_a_response_is_not_linked_to_a_claim_of_responsibility_by_its_own_claimant(store):
    # "Hamas claimed responsibility": a claim about the claimant's own act; a denial by
    # the same actor answers something else
    hamas = Actor("Hamas", "PSEREB", "PSE")
    own = Claim(id="c-own", claimant=hamas, accused=(hamas,), text="responsibility for the rocket attack",
                span=(0, 10), cue="claimed")
    store.write_batch([
        _coded("Story G: a claim of responsibility.", 20, claims=[own]),
        _coded("Story H: an unrelated denial.", 21, responses=[
            _response("r-hamas", hamas, "denied targeting civilians")])])
    link_ledger(store)
    assert _links(store)["r-hamas"] is None


def test_linking_only_the_new_articles_finds_what_linking_the_whole_store_finds():
    # an ingest links the pairs with a side in its run's articles; the older pairs
    # were linked by earlier runs, so the result is the whole store's
    first = [_coded("Story A: the accusation.", 20, claims=[
        _claim("c-shells", (PRK,), "North Korea supplied artillery shells to Russia")])]
    second = [_coded("Story B: the denial.", 22, responses=[
        _response("r-shells", PYONGYANG, "denied supplying artillery shells to Russia")])]
    third = [_coded("Story F: the accusation again.", 23, claims=[
        _claim("c-shells-2", (PRK,), "North Korea supplied artillery shells to Russia, officials said")])]
    results = []
    for incremental in (True, False):
        with Store(":memory:") as s:
            for batch in (first, second, third):
                s.write_batch(batch)
                if incremental:
                    link_ledger(s, articles=[c.article.id for c in batch])
            if not incremental:
                link_ledger(s)
            results.append(_response_links(s))
    assert results[0] == results[1]
    assert {c for _r, c, _m, _s in results[0]} == {"c-shells", "c-shells-2"}


def test_integrity_check_finds_a_link_whose_claim_is_gone(store):
    link_ledger(store)
    assert store.check_integrity() == []
    store.con.execute("DELETE FROM claims WHERE id = 'c-shells'")
    assert any("response links to a missing response or claim" in p for p in store.check_integrity())


def test_the_claims_frame_lists_a_denial_under_every_claim_it_answers(store):
    again = _claim("c-shells-2", (PRK,), "North Korea supplied artillery shells to Russia, officials said")
    store.write_batch([_coded("Story F: the accusation again.", 21, claims=[again])])
    link_ledger(store)
    from newsevents.query.frames import claims_arrow
    rows = {r["id"]: r for r in claims_arrow(store).to_pylist()}
    for cid in ("c-shells", "c-shells-2"):
        assert [r["id"] for r in rows[cid]["responses"]] == ["r-shells"]
        assert rows[cid]["status"] == "denied"
    assert [r["id"] for r in rows["c-local"]["responses"]] == ["r-local"]


def test_a_claim_restated_inside_a_denial_of_its_own_article_is_not_a_link_target():
    # story J's "denied reports that North Korea supplied shells" is stored both as
    # a response and (the reports) as a claim over the same span: another outlet's
    # denial answers the accusation of story I, not that echo
    echo = Claim(id="c-echo", claimant=None, accused=(PRK,), text="North Korea supplied artillery shells",
                 span=(20, 60), cue="reports")
    shells = Claim(id="c-shells", claimant=USA, accused=(PRK,),
                   text="North Korea supplied artillery shells to Russia", span=(0, 40), cue="accused")
    answer = Response(id="r-echo", claim_id="c-echo", responder=PYONGYANG, kind="denial",
                      text="denied reports that North Korea supplied artillery shells", span=(5, 62),
                      cue="denied")
    later = Response(id="r-later", claim_id=None, responder=PYONGYANG, kind="denial",
                     text="denied supplying artillery shells to Russia", span=(0, 40), cue="denied")
    with Store(":memory:") as s:
        s.write_batch([_coded("Story I: the accusation.", 20, claims=[shells]),
                       _coded("Story J: an echo inside a denial.", 21, claims=[echo], responses=[answer]),
                       _coded("Story K: another denial.", 22, responses=[later])])
        link_ledger(s)
        linked = {c for r, c, m, _s in _response_links(s) if r == "r-later" and m == "cross-article"}
        assert linked == {"c-shells"}
