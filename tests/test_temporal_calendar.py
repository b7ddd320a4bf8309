"""Calendar arithmetic of the temporal stage (no spaCy model needed)."""

from datetime import date

import pytest

from newsevents.errors import ConfigError
from newsevents.settings import Settings
from newsevents.temporal import calendar as cal
from newsevents.temporal import date_order

WED = date(2024, 4, 24)  # the worked example's publication day, a Wednesday


def test_bare_weekday_in_past_narration_is_the_most_recent_one():
    assert cal.weekday_date(WED, 1, "past") == date(2024, 4, 23)
    assert cal.weekday_date(WED, 2, "past") == WED  # the same weekday is today
    assert cal.weekday_date(WED, 4, None) == date(2024, 4, 19)


def test_future_weekday_looks_forward():
    assert cal.weekday_date(WED, 4, "future") == date(2024, 4, 26)


def test_last_next_this_weekday_use_iso_weeks():
    assert cal.weekday_date(WED, 1, None, "last") == date(2024, 4, 16)
    assert cal.weekday_date(WED, 1, None, "next") == date(2024, 4, 30)
    assert cal.weekday_date(WED, 4, None, "this") == date(2024, 4, 26)


def test_pick_year_by_tense_and_nearest():
    assert cal.pick_year(WED, 10, 7, "past") == 2023
    assert cal.pick_year(WED, 10, 7, "future") == 2024
    assert cal.pick_year(date(2020, 1, 1), 12, 24, None) == 2019
    assert cal.pick_year(date(2020, 1, 1), 1, 4, None) == 2020
    assert cal.pick_year(WED, 2, None, "past") == 2024
    assert cal.pick_year(WED, 2, 30, None) is None  # no such day


def test_without_tense_a_date_is_in_the_past_unless_the_next_is_near():
    # news reports what happened: "since April" in October is the April before, not after
    assert cal.pick_year(date(2020, 10, 10), 4, None, None) == 2020
    assert cal.pick_year(date(2010, 12, 25), 5, None, None) == 2010  # "May's raid" in December
    # the coming date when it is nearer and within FUTURE_WITHOUT_TENSE_DAYS
    assert cal.pick_year(date(2019, 3, 21), 6, 30, None) == 2019  # "an extension to 30 June"
    assert cal.pick_year(date(2020, 1, 1), 1, 4, None) == 2020
    assert cal.pick_year(date(2021, 7, 9), 1, 2, None) == 2021  # six months ahead: too far


def test_values_and_precision():
    assert cal.week_value(date(2024, 4, 16)) == "2024-W16"
    assert cal.week_value(date(2021, 1, 1)) == "2020-W53"  # ISO year differs
    assert [cal.precision_of(v) for v in ("2024-04-13", "2024-W16", "2024-02", "2019", "199")] == [
        "day", "week", "month", "year", "decade"]
    assert cal.precision_of(None) == "unknown"
    assert cal.shift_month(2024, 1, -1) == (2023, 12)
    assert cal.shift_value("2024-W01", -1, "week") == "2023-W52"
    assert cal.shift_value("2024-03", -3, "month") == "2023-12"


def test_date_order_setting_is_validated():
    assert date_order(None) == "dmy"
    assert date_order(Settings(date_order="mdy")) == "mdy"
    with pytest.raises(ConfigError, match="dmy' or 'mdy"):
        date_order(Settings(date_order="ymd"))
