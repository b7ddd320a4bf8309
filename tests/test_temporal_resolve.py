"""resolve_dates on the worked example and on the hard cases named in issue 6."""

from datetime import date
from pathlib import Path

import pytest

from newsevents.errors import InputError
from newsevents.settings import Settings
from newsevents.temporal import resolve_dates

pytestmark = pytest.mark.slow
FIXTURE = Path(__file__).parent / "fixtures" / "worked_example.txt"
WED = date(2024, 4, 24)


def found(text, published=WED, settings=None):
    return {t.text: (t.value, t.precision) for t in resolve_dates(text, published, settings)}


def test_worked_example_dates_resolve_as_a_reader_would():
    text = FIXTURE.read_text(encoding="utf-8")
    times = resolve_dates(text, WED)
    got = {t.text: (t.value, t.precision) for t in times}
    assert got["Tuesday"] == ("2024-04-23", "day")
    assert got["February"] == ("2024-02", "month")
    assert got["last Tuesday"] == ("2024-04-16", "day")
    assert got["last week"] == ("2024-W16", "week")
    assert got["April 13"] == ("2024-04-13", "day")
    assert got["2019"] == ("2019", "year")
    assert got["October 7"] == ("2023-10-07", "day")
    for t in times:  # offsets point into the text
        assert text[t.start:t.end] == t.text
    assert [t.start for t in times] == sorted(t.start for t in times)


def test_non_dates_are_not_found():
    text = ("The ship carried the 1,000 tons of grain under Article 24 of the 53-article "
            "document, Prime Minister Theresa May said. We are now currently reviewing it, "
            "and 1846 persons were hospitalised.")
    assert resolve_dates(text, WED) == []


def test_future_tense_looks_forward():
    got = found("The ministers will meet on Friday.")
    assert got["Friday"] == ("2024-04-26", "day")
    got = found("He is scheduled to travel to Canada on May 2.")
    assert got["May 2"] == ("2024-05-02", "day")


def test_a_month_before_a_noun_dates_the_noun_not_the_clause():
    # "will be extended" is the clause's future; the decision was January's, the one before
    got = found("Iceland declares that a January decision to freeze talks will be extended.",
                published=date(2013, 5, 22))
    assert got["January"] == ("2013-01", "month")
    got = found("Turkey repeats its request for an apology for killing 9 Turks during May's "
                "flotilla raid.", published=date(2010, 12, 25))
    assert got["May"] == ("2010-05", "month")
    # a month the clause's tense does govern still follows it
    assert found("Elections will be held in May.", published=date(2010, 12, 25))["May"] == ("2011-05", "month")


def test_absolute_and_numeric_dates_follow_date_order():
    assert found("It happened on 13/4/2024.")["13/4/2024"] == ("2024-04-13", "day")
    assert found("It happened on 4/3/2024.")["4/3/2024"] == ("2024-03-04", "day")
    mdy = Settings(date_order="mdy")
    assert found("It happened on 4/3/2024.", settings=mdy)["4/3/2024"] == ("2024-04-03", "day")
    assert found("Talks began on 2024-04-13.")["2024-04-13"] == ("2024-04-13", "day")
    assert found("Talks began on 13 April 2024.")["13 April 2024"] == ("2024-04-13", "day")
    assert found("Talks began on Apr. 13, 2024.")["Apr. 13, 2024"] == ("2024-04-13", "day")


def test_relative_parts_decades_and_ranges():
    got = found("Yesterday officials said prices rose earlier this month, as in late 2023 "
                "and in the 1990s, and the camp ran from 1963 to 1970.")
    assert got["Yesterday"] == ("2024-04-23", "day")
    assert got["earlier this month"] == ("2024-04", "month")
    assert got["late 2023"] == ("2023", "year")
    assert got["the 1990s"] == ("199", "decade")
    assert got["1963"] == ("1963", "year") and got["1970"] == ("1970", "year")
    ranged = resolve_dates("The talks ran between March 3 and 8.", WED)
    assert [(t.value, t.kind) for t in ranged] == [("2024-03-03", "range"), ("2024-03-08", "range")]


def test_anaphora_and_offsets_take_the_previous_time():
    got = found("Rebels attacked the town on March 3. At the time, troops were absent. "
                "Two days later, the army returned.")
    assert got["At the time"] == ("2024-03-03", "day")
    assert got["Two days later"] == ("2024-03-05", "day")
    assert found("He left Iraq six weeks ago.")["six weeks ago"] == ("2024-W11", "week")


def test_published_must_be_a_date():
    with pytest.raises(InputError, match="datetime.date"):
        resolve_dates("on Tuesday", "2024-04-24")


@pytest.mark.slow
def test_a_weekday_after_a_speech_verb_is_when_it_was_said():
    from newsevents.nlp import parse_one
    from newsevents.temporal import resolve_dates

    text = "Netanyahu said Sunday Israel will continue to maintain freedom of worship."
    refs = resolve_dates(parse_one(text), date(2021, 5, 10))  # a Monday
    assert [(r.text, r.value) for r in refs] == [("Sunday", "2021-05-09")]
