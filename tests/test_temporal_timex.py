"""The TIMEX3 view (newsevents/temporal/timex.py): types and TimeML values, from our own sentences."""

from datetime import date

import pytest

from newsevents.errors import InputError
from newsevents.temporal import resolve_dates, timex
from newsevents.temporal.timex import _amount, _duration

FRI = date(2024, 5, 3)  # a Friday, in the second quarter


def tx(text, published=FRI):
    return {t.text: (t.type, t.value) for t in timex(text, published)}


@pytest.mark.parametrize("word,expected", [
    ("two", "2"), ("twenty-four", "24"), ("twenty four", "24"), ("18", "18"), ("2.5", "2.5"),
    ("a", "1"), ("an", "1"), ("a couple of", "2"), ("several", "X"), ("a few", "X"),
])
def test_amounts(word, expected):
    assert _amount(word) == expected


@pytest.mark.parametrize("n,unit,expected", [
    ("3", "day", "P3D"), ("2", "week", "P2W"), ("6", "month", "P6M"), ("2", "year", "P2Y"),
    ("2", "decade", "P20Y"), ("1", "century", "P100Y"), ("X", "year", "PXY"), ("5", "hour", "PT5H"),
    ("30", "minute", "PT30M"), ("2", "quarter", "P2Q"), ("1", "fortnight", "P2W"),
])
def test_durations_in_timeml_notation(n, unit, expected):
    assert _duration(n, unit) == expected


slow = pytest.mark.slow


@slow
def test_issue17_timex_view_of_a_news_sentence():
    got = tx("Russian drones struck Kyiv last night, officials said Fri. after two weeks of calm.")
    assert got == {"last night": ("TIME", "2024-05-02TNI"), "Fri": ("DATE", "2024-05-03"),
                   "two weeks": ("DURATION", "P2W")}


@slow
@pytest.mark.parametrize("text,span,expected", [
    ("The ceasefire held for three days.", "three days", ("DURATION", "P3D")),
    ("He served a two-year term.", "two-year", ("DURATION", "P2Y")),
    ("Prices rose over the past six months.", "the past six months", ("DURATION", "P6M")),
    ("The siege lasted nearly two decades.", "nearly two decades", ("DURATION", "P20Y")),
    ("The talks went on for hours.", "hours", ("DURATION", "PTXH")),
    ("Rescuers worked through the last 24 hours.", "the last 24 hours", ("DURATION", "PT24H")),
    ("Aid arrives daily.", "daily", ("SET", "P1D")),
    ("The council meets every Monday.", "every Monday", ("SET", "XXXX-WXX-1")),
    ("Fees are paid annually.", "annually", ("SET", "P1Y")),
    ("The rebels now hold the town.", "now", ("DATE", "PRESENT_REF")),
    ("The bridge is currently closed.", "currently", ("DATE", "PRESENT_REF")),
    ("The army recently withdrew.", "recently", ("DATE", "PAST_REF")),
    ("Elections may follow in the future.", "the future", ("DATE", "FUTURE_REF")),
    ("Exports fell in the first quarter.", "the first quarter", ("DATE", "2024-Q1")),
    ("Exports fell in the third quarter of 2019.", "the third quarter of 2019", ("DATE", "2019-Q3")),
    ("Growth slowed in the first half.", "the first half", ("DATE", "2024-H1")),
    ("The offensive is expected this summer.", "this summer", ("DATE", "2024-SU")),
    ("The town fell last winter.", "last winter", ("DATE", "2023-WI")),
    ("Troops left in the spring of 2019.", "the spring of 2019", ("DATE", "2019-SP")),
    ("Wars marked the 20th century.", "the 20th century", ("DATE", "19")),
    ("Shells fell at 3 p.m. Thursday.", "3 p.m. Thursday", ("TIME", "2024-05-02T15:00")),
    ("The curfew starts at 10:30 p.m.", "10:30 p.m.", ("TIME", "2024-05-03T22:30")),
    ("The vote closes at midnight.", "midnight", ("TIME", "2024-05-03T24:00")),
    ("Protesters gathered over the weekend.", "the weekend", ("DATE", "2024-W17-WE")),
    ("The upload is stamped 2019-08-01T14:30:00.", "2019-08-01T14:30:00", ("TIME", "2019-08-01T14:30")),
    ("Fighting resumed this afternoon.", "this afternoon", ("TIME", "2024-05-03TAF")),
    ("The strikes came in the 1990s.", "the 1990s", ("DATE", "199")),
    ("Sales rose in Q1 2021.", "Q1 2021", ("DATE", "2021-Q1")),
    ("He fled in the autumn.", "the autumn", ("DATE", "2023-FA")),
])
def test_issue17_each_kind_has_its_type_and_value(text, span, expected):
    got = tx(text)
    assert got.get(span) == expected, got


@slow
def test_a_year_earlier_counts_from_the_quarter_the_story_reports():
    got = tx("Profit in the third quarter rose 5% from a year earlier.", date(2019, 10, 24))
    assert got["the third quarter"] == ("DATE", "2019-Q3")
    assert got["a year earlier"] == ("DATE", "2018-Q3")


@slow
@pytest.mark.parametrize("text", [
    "She is a 41-year-old nurse.",            # an age, not a duration
    "About three-quarters of voters agreed.",  # a fraction
    "He tried a second time.",                 # an ordinal
    "The company pays a quarterly dividend.",  # an adjective
    "Leaves fall in the park.",                # the verb
])
def test_words_that_look_temporal_but_are_not(text):
    assert tx(text) == {}


@slow
def test_timex_keeps_every_resolved_date_and_the_dates_view_is_unchanged():
    text = ("Iran fired missiles on April 13 and talks resumed last Tuesday; the ceasefire "
            "has held for two weeks and now covers the 1990s border, officials said on Friday.")
    dates = {t.text: t.value for t in resolve_dates(text, FRI)}
    items = tx(text)
    for surface, value in dates.items():
        assert items[surface] == ("DATE", value)
    assert "two weeks" not in dates and "now" not in dates  # durations and refs: TIMEX view only
    assert items["two weeks"] == ("DURATION", "P2W") and items["now"] == ("DATE", "PRESENT_REF")


def test_timex_wants_a_date():
    with pytest.raises(InputError, match="published must be a datetime.date"):
        timex("two weeks", "2024-05-03")
