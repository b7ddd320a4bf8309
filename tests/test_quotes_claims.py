"""Ledger functions: claim status and cross-article response linking (no model needed)."""

from newsevents.models import Actor, Claim, Response
from newsevents.quotes import claim_status, link_responses, same_actor
from newsevents.settings import Settings

PRK = Actor("North Korea", "PRK", "PRK")
USA = Actor("United States", "USA", "USA")


def _claim(cid="c1", accused=(PRK,), text="North Korea supplied Russia with artillery shells"):
    return Claim(id=cid, claimant=USA, accused=accused, text=text, span=(0, 10), cue="accused")


PYONGYANG = Actor("Pyongyang", "PRK", "PRK")


def _resp(kind="denial", claim_id=None, responder=PYONGYANG,
          text="denied supplying artillery shells to Russia"):
    return Response(id="r", claim_id=claim_id, responder=responder, kind=kind, text=text,
                    span=(0, 5), cue="denied")


def test_status_follows_the_responses_linked_to_the_claim():
    c = _claim()
    assert claim_status(c, []) == "unanswered"
    assert claim_status(c, [_resp(claim_id="c1")]) == "denied"
    assert claim_status(c, [_resp("confirmation", "c1")]) == "confirmed"
    assert claim_status(c, [_resp(claim_id="c1"), _resp("confirmation", "c1")]) == "disputed"
    assert claim_status(c, [_resp(claim_id="other")]) == "unanswered"


def test_cross_article_linking_needs_the_responder_among_the_accused():
    shells, drones = _claim("c1"), _claim("c2", (Actor("Iran", "IRN", "IRN"),), "Iran provided Moscow drones")
    linked = link_responses([drones, shells], [_resp()])
    assert linked[0].claim_id == "c1"
    stranger = _resp(responder=Actor("Chile", "CHL", "CHL"))
    assert link_responses([shells], [stranger])[0].claim_id is None


def test_cross_article_linking_keeps_existing_links_and_needs_similar_content():
    assert link_responses([_claim()], [_resp(claim_id="kept")])[0].claim_id == "kept"
    unrelated = _resp(text="denied that its football team lost the match")
    assert link_responses([_claim()], [unrelated])[0].claim_id is None


def test_same_actor_by_code_country_or_name():
    assert same_actor(Actor("Pyongyang", "PRK", "PRK"), PRK)
    assert same_actor(Actor("the Taliban", None), Actor("Taliban", None))
    assert not same_actor(USA, PRK)
    assert not same_actor(None, PRK)


# --- issue 18: the claim recognisers read their words from the cue file -----------------

def _speech_with(text, settings):
    from datetime import date

    from newsevents.actors import resolve_actors
    from newsevents.nlp import load_nlp
    from newsevents.quotes import extract_speech

    doc = load_nlp(settings.model)(text)
    published = date(2024, 4, 1)
    return extract_speech(doc, resolve_actors(doc, published), [], published, settings)


def test_issue18_a_verb_added_to_a_cue_file_finds_accusations(tmp_path):
    from newsevents.quotes.lexicon import load_lexicon

    text = ("Turkey's foreign minister on Monday slammed Israel for the strike on the aid "
            "convoy in Gaza.")
    extra = tmp_path / "my_cues.tsv"
    extra.write_text("lemma\tpos\tclass\nslam\tVERB\taccuse\n", encoding="utf-8")
    assert "slam" in load_lexicon(cue_files=[extra]).cues["report"]  # the concept follows
    before = _speech_with(text, Settings())
    after = _speech_with(text, Settings(cue_files=(str(extra),)))
    assert [c.cue for c in before.claims] == []
    assert [(c.cue, [a.name for a in c.accused]) for c in after.claims] == \
        [("slammed", ["Israel"])]


def test_issue18_claim_recognisers_are_named_and_ordered():
    from newsevents.quotes.claims import TOKEN_RECOGNISERS

    assert [name for name, _, _ in TOKEN_RECOGNISERS] == \
        ["accusation-verb", "allegation-verb", "claim-noun", "hedge"]
