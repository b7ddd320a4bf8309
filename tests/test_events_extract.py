"""The rule coder's reading (``extract.rule_events``) on parsed text, actors built by hand.

Since issue #16 these rules propose the learned coder's candidates and supply
its features (``candidates.py``); the model, trained on annotated news,
decides which readings are stored. What each rule reads is tested here; the
learned coder's decisions are tested in test_events_learned.py and measured
by eval/events.
"""

from datetime import date

import pytest

from newsevents.models import Actor, Article, Mention
from newsevents.settings import Settings

COUNTRIES = {"North Korea": "PRK", "North Korean": "PRK", "Pyongyang": "PRK", "Iran": "IRN",
             "Tehran": "IRN", "Israel": "ISR", "Washington": "USA", "Russia": "RUS",
             "Moscow": "RUS", "The United States": "USA", "Ukraine": "UKR", "France": "FRA",
             "Germany": "DEU", "China": "CHN", "Iranian": "IRN", "South Korea": "KOR",
             "Russian": "RUS"}


def code(text, published=date(2024, 4, 24), settings=None):
    from newsevents.events.extract import rule_events as extract_events
    from newsevents.nlp import parse_one

    doc = parse_one(text)
    mentions = []
    for name, iso in COUNTRIES.items():
        start = 0
        while (i := text.find(name, start)) >= 0:
            start = i + len(name)
            if any(m.start <= i < m.end for m in mentions):
                continue
            mentions.append(Mention(name, i, i + len(name), Actor(name, iso, iso)))
    mentions.sort(key=lambda m: m.start)
    art = Article(id="t", text=text, title=None, published=published)
    return extract_events(doc, art, mentions, [], [], None, settings)


def tuples(events):
    return {(e.type, e.source and e.source.actor.country, e.target and e.target.actor.country,
             e.status) for e in events}


pytestmark = pytest.mark.slow


def test_missiles_fired_at_a_country_is_an_aerial_assault():
    ev = code("On April 13, Tehran fired several hundred missiles and drones at military targets inside Israel.")
    assert ("ASSAULT", "IRN", "ISR", "reported") in tuples(ev)
    assert next(e for e in ev if e.type == "ASSAULT").mode == "aerial"


def test_firing_a_minister_is_not_an_attack():
    assert not [e for e in code("Iran fired the minister of culture on Monday.") if e.type == "ASSAULT"]


def test_acl_noun_phrase_visit_takes_source_from_the_delegation():
    ev = code("A delegation headed by North Korea's minister for external economic relations, "
              "Yun Jong Ho, departed for Iran by plane on Tuesday, according to the agency.")
    visit = [e for e in ev if e.type == "CONSULT"]
    assert visit and visit[0].mode == "visit"
    assert (visit[0].source.actor.country, visit[0].target.actor.country) == ("PRK", "IRN")


def test_accusation_codes_accuse_and_a_claimed_deed_never_reported():
    ev = code("The United States has accused North Korea of supplying Russia with artillery shells.")
    t = tuples(ev)
    assert ("ACCUSE", "USA", "PRK", "reported") in t
    aid = [e for e in ev if e.type == "AID"]
    assert aid and all(e.status == "claimed" for e in aid)
    assert aid[0].source.actor.country == "PRK"


def test_denial_is_reject_aimed_at_the_accusers():
    ev = code("The United States has accused Iran of providing Moscow with drones. "
              "Tehran has denied the claims.")
    assert ("REJECT", "IRN", "USA", "reported") in tuples(ev)


def test_denied_deed_is_denied():
    ev = code("Russia denied attacking Ukraine.")
    assert ("ASSAULT", "RUS", "UKR", "denied") in tuples(ev)


def test_negation_future_and_modal():
    assert ("ASSAULT", "RUS", "UKR", "negated") in tuples(code("Russia did not attack Ukraine."))
    assert ("ASSAULT", "RUS", "UKR", "hypothetical") in tuples(code("Russia could attack Ukraine."))
    ev = code("China will visit France next week.")  # PLOVER 3.1: future CONSULT is AGREE, status planned
    assert ("AGREE", "CHN", "FRA", "planned") in tuples(ev)  # the visit is still to come
    assert any("future-CONSULT" in r for e in ev for r in e.rules)


def test_reciprocal_talks_and_coordination():
    ev = code("France and Germany held talks on Monday.")
    assert {("CONSULT", "FRA", "DEU", "reported"), ("CONSULT", "DEU", "FRA", "reported")} <= tuples(ev)
    matched = [e for e in ev if e.type == "CONSULT"]
    assert matched, "nothing matched: the check below would pass vacuously"
    assert all(e.reciprocal for e in matched)
    ev = code("Iran accused France and Germany of lying.")
    assert {("ACCUSE", "IRN", "FRA", "reported"), ("ACCUSE", "IRN", "DEU", "reported")} <= tuples(ev)


def test_idiom_and_attribution():
    assert not [e for e in code("Iran and Israel are locked in a war of words.") if e.type == "ASSAULT"]
    ev = code("Israel attacked Iran on Friday, according to Washington.")
    e = next(e for e in ev if e.type == "ASSAULT")
    assert e.attributed_to is not None and e.attributed_to.country == "USA"


def test_nominal_event_and_fallback_date():
    ev = code("Iran condemned the Israeli strike on its consulate.")
    strike = [e for e in ev if e.type == "ASSAULT"]
    assert strike and strike[0].target is not None and strike[0].target.actor.country == "IRN"
    assert strike[0].date == "2024-04-24" and strike[0].date_precision == "unknown"


def test_ids_are_stable_and_min_confidence_filters():
    text = "Israel attacked Iran on Friday."
    a, b = code(text), code(text)
    assert [e.id for e in a] == [e.id for e in b] and len({e.id for e in a}) == len(a)
    assert code(text, settings=Settings(min_confidence=0.999)) == []
    e = a[0]
    assert e.sentence == text[e.span[0]:e.span[1]]
    assert text[e.trigger_span[0]:e.trigger_span[1]] == "attacked"


def test_target_from_the_complement_clause():
    ev = code("Russia threatened to stop talks with Washington.")
    assert ("THREATEN", "RUS", "USA", "reported") in tuples(ev)
    ev = code("Washington demanded that North Korea abandon its program.")
    assert ("REQUEST", "USA", "PRK", "reported") in tuples(ev)


def test_refusal_negates_the_refused_act():
    ev = code("Germany refused to send troops to Ukraine.")
    assert any(e.type == "REJECT" and e.status == "reported" for e in ev)
    matched = [e for e in ev if e.type == "MOBILIZE"]
    assert matched, "nothing matched: the check below would pass vacuously"
    assert all(e.status == "negated" for e in matched)


def test_coordinated_adjectives_are_both_actors():
    ev = code("Iranian and Russian officials held talks in Moscow.")
    assert ("CONSULT", "IRN", "RUS", "reported") in tuples(ev)
    assert ("CONSULT", "RUS", "IRN", "reported") in tuples(ev)


def test_domestic_act_with_no_recipient_targets_the_actors_own_country():
    ev = code("Russia lifted the state of emergency on Sunday.")
    assert ("CONCEDE", "RUS", "RUS", "reported") in tuples(ev)
    conc = next(e for e in ev if e.type == "CONCEDE")
    assert "target:domestic" in conc.rules


def test_a_domestic_group_as_target_is_the_actors_country_with_its_sector():
    ev = code("Russian police arrested dozens of demonstrators on Sunday.")
    arrest = [e for e in ev if e.type == "COERCE"]
    assert arrest and arrest[0].target is not None
    assert (arrest[0].target.actor.country, arrest[0].target.actor.sector) == ("RUS", "OPP")


def test_verbal_acts_do_not_get_a_domestic_recipient_invented():
    ev = code("Russia rejected the plan on Sunday.")
    matched = [e for e in ev if e.type == "REJECT"]
    assert matched, "nothing matched: the check below would pass vacuously"
    assert all(e.target is None for e in matched)


def test_an_event_noun_named_as_the_object_of_a_demand_is_hypothetical():
    ev = code("France demanded the withdrawal of Russian forces from Ukraine.")
    assert {e.status for e in ev if e.type == "RETREAT"} == {"hypothetical"}


def test_a_specific_event_noun_under_a_plan_verb_is_presupposed():
    ev = code("The ship was trying to break an Israeli blockade of Gaza.")
    blockade = [e for e in ev if e.type == "COERCE"]
    assert blockade and {e.status for e in blockade} == {"reported"}


def test_a_partial_duplicate_is_dropped():
    ev = code("Washington telephoned Moscow on Tuesday to discuss efforts to end the war.")
    consult = {(e.source and e.source.actor.country, e.target and e.target.actor.country)
               for e in ev if e.type == "CONSULT"}
    assert ("USA", "RUS") in consult and ("USA", None) not in consult


def test_single_country_exercises_mobilize_joint_ones_cooperate():
    solo = code("Russia launched war games near Ukraine on Monday.")
    assert "MOBILIZE" in {e.type for e in solo}
    joint = code("France and Germany launched joint military exercises on Monday.")
    assert "COOPERATE" in {e.type for e in joint} and "MOBILIZE" not in {e.type for e in joint}


def test_lifting_a_blockade_is_retreat_and_calling_off_a_strike_concedes():
    assert "RETREAT" in {e.type for e in code("Israel lifted the blockade on Gaza on Friday.")}
    assert "CONCEDE" in {e.type for e in code("The Russian union called off the strike on Friday.")}


def test_cancelling_a_visit_is_reject_and_closing_an_embassy_is_sanction():
    assert ("REJECT", "FRA", "CHN", "reported") in tuples(code("France cancelled a planned visit to China."))
    assert "SANCTION" in {e.type for e in code("Germany closed its embassy in Iran.")}


def test_broad_help_verbs_need_two_actors():
    assert not [e for e in code("Russia helps people learn the language.") if e.type == "AID"]
    assert ("AID", "USA", "UKR", "reported") in tuples(code("The United States provided weapons to Ukraine."))


def test_a_purpose_clause_is_an_aim_not_a_done_act():
    got = tuples(code("France sent troops to Germany to help Ukraine."))
    assert ("AID", "FRA", "UKR", "reported") not in got
    assert ("AID", "FRA", "UKR", "hypothetical") in got


def test_an_actor_without_country_takes_the_country_named_inside_its_phrase():
    from newsevents.events.extract import rule_events as extract_events
    from newsevents.nlp import parse_one

    text = "Ethnic Albanians in Serbia demanded a meeting with France."
    mentions = [Mention("Albanians", 7, 16, Actor("Albanians", None, None, None, "group")),
                Mention("Serbia", 20, 26, Actor("Serbia", "SRB", "SRB")),
                Mention("France", 51, 57, Actor("France", "FRA", "FRA"))]
    art = Article(id="t", text=text, title=None, published=date(2024, 4, 24))
    ev = extract_events(parse_one(text), art, mentions, [], [], None, None)
    assert ("REQUEST", "SRB", "FRA", "reported") in tuples(ev)


def test_the_by_agent_of_an_event_noun_beats_an_unplaced_modifier():
    from newsevents.events.extract import rule_events as extract_events
    from newsevents.nlp import parse_one

    text = "Coordinated airstrikes by the Russian army hit Ukraine on Monday."
    mentions = [Mention("Coordinated", 0, 11, Actor("Coordinated", None, None, None, "organisation")),
                Mention("Russian army", 30, 42, Actor("Russian army", "RUSMIL", "RUS", "MIL")),
                Mention("Ukraine", 47, 54, Actor("Ukraine", "UKR", "UKR"))]
    art = Article(id="t", text=text, title=None, published=date(2024, 4, 24))
    got = tuples(extract_events(parse_one(text), art, mentions, [], [], None, None))
    assert any(t[0] == "ASSAULT" and t[1] == "RUS" for t in got), got


def test_a_threat_is_addressed_to_the_subject_of_its_condition():
    got = tuples(code("Russia threatened to leave the talks if Ukraine attacked again."))
    assert ("THREATEN", "RUS", "UKR", "reported") in got


def test_a_pattern_object_naming_an_actor_is_the_recipient_when_nothing_else_is():
    got = tuples(code("France expelled two Russian diplomats on Monday."))
    assert ("SANCTION", "FRA", "RUS", "reported") in got, got


# --- one act per object: ending, conceding or refusing something is one event


def test_lifting_a_blockade_is_one_event_not_a_blockade_too():
    ev = code("Israel lifted its blockade of Iran on Monday.")
    types = {e.type for e in ev}
    assert types & {"CONCEDE", "RETREAT"}
    assert "COERCE" not in types


def test_a_rejected_request_was_still_made():
    ev = code("France rejected Russia's request for talks.")
    assert {"REJECT", "REQUEST"} <= {e.type for e in ev}


def test_opposed_to_keeps_the_subject_as_source():
    ev = code("Israel is opposed to any role for France.")
    assert ("REJECT", "ISR", "FRA", "reported") in tuples(ev)


def test_a_lodged_protest_is_a_complaint_not_a_demonstration():
    ev = code("Russia lodged a formal protest with Germany on Friday.")
    acc = [e for e in ev if e.type == "ACCUSE"]
    assert acc and acc[0].mode == "disapprove"
    assert "PROTEST" not in {e.type for e in ev}


def test_will_not_accept_is_a_refusal():
    ev = code("Germany will not accept the French proposal.")
    assert "REJECT" in {e.type for e in ev if e.status == "reported"}
    assert "AGREE" not in {e.type for e in ev}


def test_arriving_troops_are_a_deployment_not_a_visit():
    ev = code("Russian troops arrived in Ukraine on Tuesday.")
    assert ("MOBILIZE", "RUS", "UKR", "reported") in tuples(ev)
    assert "CONSULT" not in {e.type for e in ev}


def test_an_attempted_attack_is_an_attack():
    ev = code("Iran attempted to attack Israel on Sunday.")
    assert ("ASSAULT", "IRN", "ISR", "reported") in tuples(ev)


def test_killing_after_a_shelling_is_the_same_assault():
    ev = code("Russia shelled Ukraine on Sunday, killing about 20 people.")
    assaults = [e for e in ev if e.type == "ASSAULT"]
    assert {(e.source.actor.country, e.target and e.target.actor.country) for e in assaults} == {("RUS", "UKR")}
    assert {e.trigger for e in assaults} == {"shelled"}


def test_demanded_that_x_addresses_x_not_a_name_inside_the_demand():
    ev = code("Iran demanded that Russia match China's offer.")
    req = [e for e in ev if e.type == "REQUEST"]
    assert req and {e.target.actor.country for e in req if e.target} == {"RUS"}


def test_renewed_talks_is_a_consultation_between_both():
    ev = code("Israel and Iran renewed talks on Tuesday.")
    assert {("CONSULT", "ISR", "IRN", "reported"), ("CONSULT", "IRN", "ISR", "reported")} <= tuples(ev)


def test_a_light_verb_takes_its_noun_only_through_its_own_preposition():
    # "imposed ... after clashes": the clashes are not what was imposed
    ev = code("Restrictions were imposed by Iran after clashes with Israel.")
    assert "ASSAULT" not in {e.type for e in ev if "light-verb" in e.rules}


def test_doing_something_to_protest_is_protesting():
    ev = code("Iranian students began a hunger strike to protest against Israel.")
    assert any(e.type == "PROTEST" and e.status == "reported" and e.trigger == "protest" for e in ev)


def test_a_complaint_over_an_attack_targets_the_attacker_not_the_addressee():
    ev = code("Iran complained to France on Tuesday over Israeli air raids.")
    acc = [e for e in ev if e.type == "ACCUSE"]
    assert {(e.source.actor.country, e.target.actor.country) for e in acc if e.target} == {("IRN", "ISR")}


def test_air_raids_are_aerial_assaults():
    ev = code("Iran condemned the Israeli air raids on Tehran.")
    assert any(e.type == "ASSAULT" and e.mode == "aerial" for e in ev)
    assert "COERCE" not in {e.type for e in ev}


def test_a_helper_named_with_with_is_no_recipient():
    ev = code("Russia said it would tighten the blockade of Ukraine with China's help.")
    assert ("THREATEN", "RUS", "UKR", "reported") in tuples(ev)
    assert not [e for e in ev if e.target is not None and e.target.actor.country == "CHN"]


def test_a_possessed_neighbor_is_not_the_possessor():
    ev = code("Russia accused its neighbor of supporting rebels.")
    assert not [e for e in ev if e.type == "ACCUSE" and e.target is not None
                and e.target.actor.country == "RUS"]


def test_negotiations_framing_an_opposed_mediation_are_not_coded():
    ev = code("Israel is opposed to mediation by France in peace negotiations with Iran.")
    assert ("REJECT", "ISR", "FRA", "reported") in tuples(ev)
    assert "CONSULT" not in {e.type for e in ev}


def test_the_recipient_can_hang_on_the_of_complement():
    ev = code("Russia announced the withdrawal of its troops from Ukraine on Monday.")
    assert any(e.type in ("RETREAT", "CONCEDE") and e.target is not None
               and e.target.actor.country == "UKR" for e in ev)


def test_refugees_are_not_the_refusing_state_own_people():
    ev = code("Germany will not accept any more refugees.")
    rej = [e for e in ev if e.type == "REJECT"]
    assert rej and all(e.target is None or e.target.actor.country != "DEU" for e in rej)


def test_in_protest_takes_the_actor_of_the_act_it_qualifies():
    ev = code("Iranian students marched outside the embassy of Israel in protest.")
    assert any(e.type == "PROTEST" and e.source is not None and e.source.actor.country == "IRN"
               for e in ev)


def test_claiming_responsibility_names_the_attacker():
    ev = code("Iran claimed responsibility for the attack on Israel.")
    assert ("ASSAULT", "IRN", "ISR", "reported") in tuples(ev)


def test_backing_by_troops_is_military_aid():
    ev = code("Forces of Ukraine backed by troops of France retook the town.")
    assert any(e.type == "AID" for e in ev)
    assert not any(e.type == "SUPPORT" and e.trigger == "backed" for e in ev)


def test_operations_against_a_group_are_assaults_but_a_bare_operation_is_not():
    assert any(e.type == "ASSAULT" for e in code("Russia launched operations against Ukraine."))
    assert not any(e.type == "ASSAULT" for e in code("Russia's operation of the pipeline to Germany continued."))


def test_martial_law_and_defied_calls():
    assert any(e.type == "COERCE" for e in code("Russia imposed martial law on Ukraine."))
    assert ("REJECT", "IRN", None, "reported") in tuples(code("Iran defied calls for restraint."))


def code_dated(text, published):
    """code() with the temporal stage's dates."""
    from newsevents.events.extract import rule_events as extract_events
    from newsevents.nlp import parse_one
    from newsevents.temporal import resolve_dates

    doc = parse_one(text)
    mentions = [m for m in _mentions(text)]
    art = Article(id="t", text=text, title=None, published=published)
    return extract_events(doc, art, mentions, resolve_dates(doc, published), [], None)


def _mentions(text):
    out = []
    for name, iso in COUNTRIES.items():
        start = 0
        while (i := text.find(name, start)) >= 0:
            start = i + len(name)
            if not any(m.start <= i < m.end for m in out):
                out.append(Mention(name, i, i + len(name), Actor(name, iso, iso)))
    return sorted(out, key=lambda m: m.start)


def test_talks_dated_after_the_paper_are_planned_and_coded_agree():
    ev = code_dated("Russia hopes to end the dispute during talks Thursday with Ukraine.",
                    published=date(2024, 4, 24))  # a Wednesday
    talks = [e for e in ev if e.trigger == "talks"]
    assert talks and all(e.status == "planned" and e.type == "AGREE" for e in talks)


def test_a_past_tense_act_is_never_made_future_by_a_date():
    ev = code_dated("Russia attacked Ukraine on Thursday.", published=date(2024, 4, 24))
    matched = [e for e in ev if e.type == "ASSAULT"]
    assert matched, "nothing matched: the check below would pass vacuously"
    assert all(e.status == "reported" for e in matched)


def test_crowds_blocking_streets_protest_but_police_blocking_roads_coerce():
    ev = code("Hundreds of thousands of people blocked streets in Iran to demand reforms.")
    assert any(e.type == "PROTEST" and e.mode == "obstruct" for e in ev)
    assert any(e.type == "COERCE" for e in code("Israeli police blocked roads in Israel."))


def test_a_deployment_of_peacekeepers_arriving_is_aid_and_a_ship_arriving_is_nothing():
    ev = code("The first deployment of French peacekeeping troops have arrived in Ukraine.")
    assert any(e.type == "AID" for e in ev) and not any(e.type == "CONSULT" for e in ev)
    assert not code("An Iranian ship arrived in China last year.")


def test_what_was_said_is_not_coded_by_a_pattern_over_the_speech_verb():
    ev = code("Russia has said it will support a resolution against Ukraine.")
    assert not any(e.trigger == "said" for e in ev)


def test_every_event_records_how_its_date_was_found():
    ev = code_dated("Russia attacked Ukraine on Thursday, and Iran protested.", published=date(2024, 4, 24))
    assert ev and all(sum(r.startswith("date:") for r in e.rules) == 1 for e in ev)


def test_the_aim_of_the_same_act_names_its_recipient():
    ev = code("Russia opened the bridge to allow deliveries of aid to Ukraine.")
    opened = [e for e in ev if e.trigger == "opened"]
    assert opened and opened[0].target is not None and opened[0].target.actor.country == "UKR"


def test_a_frame_noun_takes_the_act_from_its_modifier():
    ev = code("Russia undertook a mediation mission between Iran and Israel.")
    assert any(e.type == "CONSULT" for e in ev)


def test_sending_inspectors_is_an_investigation_and_a_hearing_into_is_too():
    ev = code("Russia dispatched inspectors to Iran on Monday.")
    assert ("ACCUSE", "RUS", "IRN", "reported") in tuples(ev)
    ev = code("Israel's high court opened a hearing into the use of force against Iran.")
    assert any(e.type == "ACCUSE" and e.mode == "investigate" for e in ev)
    assert not any(e.type == "ACCUSE" for e in code("Iran will get a hearing at the court."))


def test_would_meet_if_is_a_conditional_offer():
    ev = code("Iran said it would meet Russia if Russia withdrew.")
    assert any(e.type == "AGREE" and e.source.actor.country == "IRN" for e in ev)


def test_they_after_x_rejected_and_said_is_x():
    ev = code("Iranian rebels rejected a Russian plan, and said they opposed the deployment of troops to Ukraine.")
    rej = [e for e in ev if e.type == "REJECT" and e.trigger == "opposed"]
    assert rej and all(e.source is not None and e.source.actor.country == "IRN" for e in rej)


def test_munitions_are_the_means_not_the_target():
    ev = code("Russian forces fired artillery and rockets at Ukraine today.")
    assert ("ASSAULT", "RUS", "UKR", "reported") in tuples(ev)


def test_a_protest_is_against_whom_its_demand_is_made():
    ev = code("Iranian students continued their hunger strike to demand the resignation of the President of Russia.")
    assert any(e.type == "PROTEST" and e.target is not None and e.target.actor.country == "RUS" for e in ev)


def test_an_agentless_arrest_in_a_country_is_by_its_authorities():
    from newsevents.pipeline import extract  # the places stage gives the country of "in Iran"

    coded = extract("A Russian national was arrested in Iran on Monday, police said.", published="2024-04-24")
    # (through the whole pipeline, so the learned coder decides: since #16 it also keeps
    # the reversed pair RUS→IRN, a model error on this sentence; the rule reading gave
    # only IRN→RUS — see the report of issue #16)
    assert ("COERCE", "IRN", "RUS") in [(e.type, e.source.actor.country, e.target.actor.country)
                                        for e in coded.events if e.type == "COERCE"]


def test_a_refusal_to_allow_others_to_act_targets_them():
    ev = code("Iranian rebels refused to allow Russian planes to land.")
    assert ("REJECT", "IRN", "RUS", "reported") in tuples(ev)


def test_a_trailing_complaint_accuses_the_subject_of_the_clause_it_reports():
    ev = code("Russian authorities are failing to protect refugees, Iran charged on Monday.")
    assert ("ACCUSE", "IRN", "RUS", "reported") in tuples(ev)
    # a clause that only describes a noun reports nothing
    ev = code("Iranian students rioted after a demonstration calling for the removal of Israel's envoy.")
    assert not any(e.type == "REQUEST" and e.target is not None and e.target.actor.country == "IRN"
                   for e in ev)


def test_said_y_should_or_needs_to_act_is_a_demand_on_y():
    for text in ("Iran said Russia should withdraw its troops.", "Iran says Russia needs to act now."):
        assert ("REQUEST", "IRN", "RUS", "reported") in tuples(code(text)), text
    assert not any(e.type == "REQUEST" for e in code("Iran said it should act now."))


def test_not_succumbing_to_pressure_is_a_refusal():
    ev = code("Iran will not succumb to pressure from Russia.")
    assert "REJECT" in {e.type for e in ev if e.status == "reported"}


def test_abductions_aggression_and_concessions_are_events():
    assert any(e.type == "ASSAULT" and e.mode == "abduct" for e in code("Russia's abduction of Ukrainian children continued."))
    assert any(e.type == "ASSAULT" for e in code("Iran condemned Russia's aggression against Ukraine."))
    assert any(e.type == "CONCEDE" for e in code("Russia made concessions to Ukraine."))


def test_publishing_showing_and_summoning_are_not_events():
    assert not any(e.type == "RETREAT" for e in code("Russia released a report on Ukraine."))
    assert not any(e.type == "PROTEST" for e in code("Russia demonstrated its strength to Ukraine."))
    assert not any(e.type == "CONSULT" for e in code("Russian ministers were called as witnesses by Iran."))
    assert not any(e.type == "ASSAULT" for e in code("The law targeted Russian banks in Iran."))


def test_a_ban_on_supplies_is_a_sanction_and_objecting_is_rejecting():
    assert any(e.type == "SANCTION" for e in code("Russia banned the supply of fuel to Ukraine."))
    assert ("REJECT", "IRN", "RUS", "reported") in tuples(code("Iran objected to Russia's plan."))


def test_idioms_of_policy_and_markets_are_not_events():
    assert not code("Russia pledged to fight corruption in Ukraine.") or not any(
        e.type == "ASSAULT" for e in code("Russia pledged to fight corruption in Ukraine."))
    assert not any(e.type == "REJECT" for e in code("Exports from Russia to Iran declined to a record low."))
    assert not any(e.type == "CONSULT" for e in code("The plan met with opposition from Russia and Iran."))
    assert not any(e.type == "CONSULT" for e in code("Thousands of Russian tourists visited Iran last year."))
    assert not any(e.type == "REQUEST" for e in code("Russia's energy demands grew as Iran's fell."))
    ev = code("Russia and Iran struck a deal on Monday.")
    assert "AGREE" in {e.type for e in ev} and "ASSAULT" not in {e.type for e in ev}
    assert ("ASSAULT", "RUS", "UKR", "reported") in tuples(code("Russia fought Ukraine near Kharkiv."))


def test_calls_on_parties_are_requests_and_storms_attack_no_one():
    ev = code("Iran's repeated calls on Russia to end the war went unanswered.")
    assert any(e.type == "REQUEST" for e in ev) and not any(e.mode == "phone" for e in ev)
    assert not any(e.type == "ASSAULT" for e in code("Collapsing buildings injured 15 people in Iran."))


def test_a_strict_verb_needs_both_actors_named_not_guessed():
    # "assist" is strict: the domestic rule may not invent the second actor
    assert not any(e.type == "AID" for e in code("An Iranian official assists people living with blindness."))


def test_calling_an_election_or_a_day_is_no_request_and_the_addressee_of_a_call_acts():
    assert not any(e.type == "REQUEST" for e in code("Russian media called the election for Iran's candidate."))
    assert not any(e.type == "REQUEST" for e in code("Germany called Russia on Monday."))
    assert not code("Leaders isolating included the presidents of Germany and France.")
    ev = code("Germany called on Russia to withdraw from Ukraine.")
    assert ("REQUEST", "DEU", "RUS", "reported") in tuples(ev)
    assert any(e.type == "RETREAT" and e.source.actor.country == "RUS" for e in ev)
    assert ("REQUEST", "DEU", "RUS", "reported") in tuples(code("Germany called for Russia to withdraw."))


def test_yet_to_and_the_lack_of_an_act_are_negations_and_evidence_acts_for_no_one():
    ev = code("Russia has yet to withdraw from Ukraine.")
    assert [e.status for e in ev if e.type == "RETREAT"] == ["negated"]
    ev = code("The lack of a Russian concession to Ukraine has no legal standing.")
    assert [e.status for e in ev if e.type == "CONCEDE"] == ["negated"]
    assert not any(e.type == "SUPPORT" for e in code(
        "Officials said there is no evidence to support the claims of Russia against Ukraine."))


def test_a_population_filled_in_by_the_domestic_rule_is_named_as_the_country():
    ev = [e for e in code("Russia's president has yet to concede the election.") if e.type == "CONCEDE"]
    assert ev and ev[0].target.actor.country == "RUS"
    assert ev[0].target.text != "to concede the election" and (ev[0].target.start, ev[0].target.end) == (0, 0)


def test_fighting_the_good_fight_is_an_idiom():
    assert not any(e.type == "ASSAULT" for e in code("Russia's president vowed to keep fighting the good fight in court."))
    assert any(e.type == "ASSAULT" for e in code("Russia vowed to keep fighting Ukraine."))


def test_a_state_called_for_a_candidate_is_no_request_and_a_street_is_no_target():
    assert not any(e.type == "REQUEST" for e in code("Russian media called Moscow for Iran's candidate."))
    assert ("REQUEST", "DEU", "RUS", "reported") in tuples(code("Germany pressed Russia for answers."))
    ev = [e for e in code("Russian soldiers attacked two men on Ukraine Road in Moscow.") if e.type == "ASSAULT"]
    assert ev and all(e.target is None or e.target.actor.country != "UKR" for e in ev)


def test_attacking_a_plan_or_a_decision_is_criticism_not_assault():
    assert ("ACCUSE", "RUS", "UKR", "reported") in tuples(code("Russia attacked Ukraine's plan in a statement."))
    assert not any(e.type == "ASSAULT" for e in code("Russia attacked Ukraine's decision on Monday."))
    assert any(e.type == "ASSAULT" for e in code("Russia attacked Ukraine's army bases."))


def test_a_statement_released_is_no_release_of_people():
    assert not any(e.type in ("RETREAT", "CONCEDE") for e in code(
        "Russia's president spoke in a video statement released during a visit to Ukraine."))


def test_an_envoy_expelled_is_his_country_not_his_posting():
    assert ("SANCTION", "RUS", "IRN", "reported") in tuples(
        code("Russia expelled the Iranian ambassador to Russia on Monday."))


def test_tear_gas_and_water_cannons_are_crowd_control():
    ev = [e for e in code("Russian police fired tear gas at protesters in Ukraine.") if e.type == "ASSAULT"]
    assert ev and {e.mode for e in ev} == {"crowd-control"}
    ev = [e for e in code("Russian police used water cannons against protesters in Ukraine.") if e.type == "ASSAULT"]
    assert ev and {e.mode for e in ev} == {"crowd-control"}
    assert {e.mode for e in code("Russia fired missiles at Ukraine.") if e.type == "ASSAULT"} == {"aerial"}


def test_hosting_a_visit_is_a_consult_from_the_guest_to_the_host():
    # GUIDELINES H5: "B hosted A" is one CONSULT/visit A -> B
    ev = code("China hosted the Russian president in Beijing on Monday.")
    assert ("CONSULT", "RUS", "CHN", "reported") in tuples(ev)
    assert ("CONSULT", "CHN", "RUS", "reported") not in tuples(ev)
    # passive: the guest is the subject, the host the agent
    ev = code("The Iranian president was received by Russia on Monday.")
    assert ("CONSULT", "IRN", "RUS", "reported") in tuples(ev)
    assert ("CONSULT", "RUS", "IRN", "reported") not in tuples(ev)


def test_welcoming_a_leader_is_hosting_but_welcoming_a_decision_is_support():
    ev = code("Germany welcomed the Iranian foreign minister in Berlin.")
    consult = [e for e in ev if e.type == "CONSULT"]
    assert consult and consult[0].mode == "visit"
    assert ("CONSULT", "IRN", "DEU", "reported") in tuples(ev)
    ev = code("Germany welcomed the decision by France.")
    assert "CONSULT" not in {e.type for e in ev}
    assert any(e.type == "SUPPORT" for e in ev)
