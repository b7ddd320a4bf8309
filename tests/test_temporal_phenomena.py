"""Issue 17: the phenomena text written by others uses, each from our own example sentences."""

from datetime import date

import pytest

from newsevents.errors import ConfigError
from newsevents.settings import Settings
from newsevents.temporal import resolve_dates

pytestmark = pytest.mark.slow
FRI = date(2024, 5, 3)  # a Friday
MON = date(2024, 5, 6)


def found(text, published=FRI, settings=None):
    return {t.text: t.value for t in resolve_dates(text, published, settings)}


def test_issue17_times_of_day_resolve_to_their_day():
    got = found("Russian drones struck Kyiv last night, officials said Fri.")
    assert got == {"last night": "2024-05-02", "Fri": "2024-05-03"}
    got = found("The envoy landed this morning, met the mayor this afternoon and flies "
                "home this evening; a dinner is planned tonight.")
    assert set(got.values()) == {"2024-05-03"} and len(got) == 4
    got = found("Shelling went on overnight. Late last evening a convoy was hit.")
    assert got == {"overnight": "2024-05-03", "Late last evening": "2024-05-02"}


def test_overnight_as_an_adjective_or_idiom_is_not_a_date():
    assert found("Such trust does not happen overnight, she said.") == {}
    assert found("They booked an overnight stay near the border.") == {}


@pytest.mark.parametrize("text", [
    "The board met on Tues and voted on Wed.",
    "The board met on TUES. and voted on WEDNESDAY.",
    "The board met on tuesday and voted on wednesday.",
    "The board met on Tue. and voted Wed.",
])
def test_issue17_weekday_spellings(text):
    assert sorted(found(text).values()) == ["2024-04-30", "2024-05-01"]


def test_weekday_abbreviations_that_are_words_need_a_cue():
    assert found("The Sun said he sat with Mon and Sat near the Wed register.") == {}


def test_issue17_weekend_previous_year_nth_day_and_iso_datetime():
    assert found("Crowds marched over the weekend.", MON) == {"over the weekend": "2024-W18"}
    assert found("Crowds will march over the weekend.", date(2024, 5, 8)) == {
        "over the weekend": "2024-W19"}
    assert found("Grain exports collapsed the previous year.", MON) == {"the previous year": "2023"}
    assert found("The convoy arrived on the 2nd, officials said.", MON) == {"the 2nd": "2024-05-02"}
    assert found("The convoy arrived on the 28th, officials said.", MON) == {"the 28th": "2024-04-28"}
    assert found("The file was stamped 2019-08-01T14:30:00 by the registry.") == {
        "2019-08-01T14:30:00": "2019-08-01"}


def test_issue17_offsets_from_an_anchor_date():
    got = found("The truce was agreed a week before March 10.")
    assert got == {"a week before March 10": "2024-03-03"}
    got = found("Troops pulled back two days after the April 13 strike.")
    assert got == {"two days after the April 13": "2024-04-15"}
    # with nothing right after it the phrase still counts from the date before
    got = found("The strike came on April 13. Two days later, troops pulled back.")
    assert got["Two days later"] == "2024-04-15"


def test_issue17_ranges_keep_both_ends_in_order():
    times = resolve_dates("The summit runs 12-14 May in Geneva.", date(2024, 5, 2))
    assert [(t.value, t.kind) for t in times] == [("2024-05-12", "range"), ("2024-05-14", "range")]
    times = resolve_dates("The talks ran from March to April 2024.", date(2024, 6, 2))
    assert [t.value for t in times] == ["2024-03", "2024-04"]
    times = resolve_dates("The drought lasted from December to February 2024.", date(2024, 6, 2))
    assert [t.value for t in times] == ["2023-12", "2024-02"]
    times = resolve_dates("The drought lasted from September to March.", date(2024, 10, 9))
    assert [t.value for t in times] == ["2023-09", "2024-03"]
    times = resolve_dates("The season will run from September to March.", date(2024, 8, 9))
    assert [t.value for t in times] == ["2024-09", "2025-03"]
    times = resolve_dates("The fair is held May 12-14, 2025.", date(2024, 5, 2))
    assert [t.value for t in times] == ["2025-05-12", "2025-05-14"]


def test_issue17_first_week_of_a_month_is_a_week():
    # June 1-7, 2024 is Saturday to Friday: five of its days are in ISO week 23
    assert found("Elections are set for the first week of June.", date(2024, 5, 2)) == {
        "the first week of June": "2024-W23"}
    assert found("Prices rose in the last week of March 2023.") == {
        "the last week of March 2023": "2023-W13"}


def test_issue17_deictic_with_a_named_weekday_takes_the_named_day():
    # Published on Sunday: "yesterday" would be Saturday, but the writer named Friday.
    got = found("The ferry docked yesterday (Friday) at the port.", date(2024, 5, 5))
    assert got == {"yesterday": "2024-05-03", "Friday": "2024-05-03"}


def test_issue17_a_named_weekday_never_moves_yesterday_past_publication():
    # Published on Wednesday: the nearest Friday to "yesterday" (Tuesday) is
    # two days after publication; the writer meant the Friday before.
    got = found("He arrived yesterday (Friday) and met the minister.", date(2024, 5, 8))
    assert got == {"yesterday": "2024-05-03", "Friday": "2024-05-03"}
    # and "tomorrow (Monday)" on a Saturday stays ahead
    got = found("Talks resume tomorrow (Monday), the envoy said.", date(2024, 5, 4))
    assert got == {"tomorrow": "2024-05-06", "Monday": "2024-05-06"}


def test_issue17_month_day_without_year_in_past_narration_is_the_past_one():
    got = found("The treaty was signed on December 20 in Rome.", date(2024, 5, 2))
    assert got == {"December 20": "2023-12-20"}
    got = found("The ferry sank on May 10, killing four.", date(2024, 5, 2))
    assert got == {"May 10": "2023-05-10"}
    got = found("The ferry will sail on May 10.", date(2024, 5, 2))
    assert got == {"May 10": "2024-05-10"}


def test_issue17_last_weekday_is_a_setting():
    text = "The minister resigned last Wednesday."
    assert found(text) == {"last Wednesday": "2024-04-24"}  # default: previous_week
    recent = Settings(last_weekday="most_recent")
    assert found(text, settings=recent) == {"last Wednesday": "2024-05-01"}
    # the readings agree when the weekday comes later in the week than publication
    assert found("He resigned last Saturday.", settings=recent) == found("He resigned last Saturday.")
    with pytest.raises(ConfigError, match="last_weekday"):
        found(text, settings=Settings(last_weekday="nearest"))


def test_deadlines_and_schedules_take_the_nearest_date():
    # past-tense sentences whose dates are deadlines still ahead of publication
    pub = date(2024, 11, 20)
    assert found("The court ordered the ship released by Dec. 5.", pub) == {"Dec. 5": "2024-12-05"}
    assert found("The board declared a dividend payable Jan. 10.", pub) == {"Jan. 10": "2025-01-10"}
    assert found("Rebels were given until Tuesday to leave.", date(2024, 5, 6)) == {
        "Tuesday": "2024-05-07"}
    assert found("The envoy could arrive as soon as Thursday, aides said.", date(2024, 5, 6)) == {
        "Thursday": "2024-05-09"}


def test_present_tense_schedule_looks_ahead_but_speech_does_not():
    mon = date(2024, 5, 6)
    assert found("The two leaders meet Wednesday in Cairo.", mon) == {"Wednesday": "2024-05-08"}
    assert found("The minister says Friday was a turning point.", mon) == {"Friday": "2024-05-03"}


def test_month_this_year_week_of_and_current_year():
    got = found("Talks began in February this year and stalled in June last year.")
    assert got == {"February this year": "2024-02", "June last year": "2023-06"}
    assert found("A hearing is set for the week of June 10.") == {"the week of June 10": "2024-W24"}
    assert found("Sales rose in the current fiscal year.") == {"the current fiscal year": "2024"}


def test_weekday_named_with_a_month_day_picks_the_year_it_fits():
    # Feb 18 was a Monday in 2013, not in 2012 (the past reading)
    assert found("It happened Monday, Feb 18.", date(2013, 2, 12)) == {
        "Monday, Feb 18": "2013-02-18"}
    assert found("The vote is Tuesday the 19th.", date(2013, 2, 12)) == {
        "Tuesday the 19th": "2013-02-19"}


def test_lower_case_months_and_weekday_phrases():
    tue = date(2013, 2, 12)
    got = found("Crops failed in early march; the fair ended on march 3.", tue)
    assert got == {"early march": "2012-03", "march 3": "2012-03-03"}
    assert found("The troops may leave; an august body met.", tue) == {}
    assert found("The rally at this march drew crowds.", tue) == {}
    assert found("The panel meets wednesday of next week.", tue) == {
        "wednesday of next week": "2013-02-20"}
    assert found("The panel met last week's sunday.", tue) == {"last week's sunday": "2013-02-10"}
    assert found("The panel meets Tuesday after next.", tue) == {"Tuesday after next": "2013-02-26"}
    assert found("Voting is on the first Tuesday of October.", tue) == {
        "the first Tuesday of October": "2012-10-02"}
    assert found("Markets close on the last day of October 2015.", tue) == {
        "the last day of October 2015": "2015-10-31"}


def test_future_offsets_and_holidays():
    tue = date(2013, 2, 12)
    assert found("The envoy will return in two weeks.", tue) == {"in two weeks": "2013-W09"}
    assert found("It was the worst storm in 20 years.", tue) == {}
    assert found("Results are due three days from now.", tue) == {"three days from now": "2013-02-15"}
    got = found("The boy was rescued on Thanksgiving Day and shops reopened after Christmas.", tue)
    assert got == {"Thanksgiving Day": "2012-11-22", "Christmas": "2012-12-25"}
    assert found("Crowds will gather on New Year's Eve.", tue) == {"New Year's Eve": "2013-12-31"}
    assert found("They bought a Christmas tree.", tue) == {}


def test_abbreviated_weekday_with_time_of_day_past_weekend_and_year_before_plural():
    assert found("The raid came Sat. night.") == {"Sat. night": "2024-04-27"}
    assert found("Over the past weekend, police made arrests.") == {
        "Over the past weekend": "2024-W17"}
    assert found("The 2023 floods killed fifty people.") == {"2023": "2023"}
    assert found("The 1846 persons on board survived.") == {}


# Session 5: variants of the phenomena above, as other writers spell them.

@pytest.mark.parametrize("text,expected", [
    ("The vote was held on wed.", {"wed": "2024-05-01"}),      # lower case after a cue
    ("He arrived on fri.", {"fri": "2024-05-03"}),
    ("He arrived last Fri.", {"last Fri": "2024-04-26"}),
    ("The vote was held on sat.", {"sat": "2024-04-27"}),
    ("The sun rose and they sat down.", {}),                    # words, not days
    ("The vote was held on Weds, officials said.", {"Weds": "2024-05-01"}),
])
def test_issue17_lower_case_weekday_abbreviations_with_a_cue(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("The summit will be held this Tuesday.", "2024-05-07"),   # the coming one
    ("The summit was held this Tuesday.", "2024-04-30"),       # this week's
    ("The election is on Sunday.", "2024-05-05"),              # a schedule
    ("The talks are on Tuesday.", "2024-05-07"),
    ("Talks were on Tuesday.", "2024-04-30"),
])
def test_issue17_this_weekday_and_present_schedules_follow_the_tense(text, expected):
    assert list(found(text).values()) == [expected]


@pytest.mark.parametrize("text,expected", [
    ("The summit was held a fortnight ago.", {"a fortnight ago": "2024-W16"}),
    ("The summit was held on 2024/04/03.", {"2024/04/03": "2024-04-03"}),
    ("The festival runs March to April 2024.", {"March": "2024-03", "April 2024": "2024-04"}),
    ("March", {"March": "2024-03"}),                                   # a month on its own
    ("May.", {"May": "2024-05"}),
    ("The season ran from Dec. 30 to Jan. 2.", {"Dec. 30": "2023-12-30", "Jan. 2": "2024-01-02"}),
    ("The festival ran from 12 to 14 May 2023.", {"12": "2023-05-12", "14 May 2023": "2023-05-14"}),
    ("The meeting was held three days before Christmas.",
     {"three days before Christmas": "2023-12-22"}),
])
def test_issue17_more_spellings_ranges_and_anchors(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text,published,expected", [
    ("The festival runs 28 Dec - 3 Jan.", date(2024, 12, 20),
     {"28 Dec": "2024-12-28", "3 Jan.": "2025-01-03"}),
    ("The festival ran from December 28 to January 3.", date(2025, 1, 10),
     {"December 28": "2024-12-28", "January 3": "2025-01-03"}),
    ("Talks will run from November to February.", date(2024, 10, 1),
     {"November": "2024-11", "February": "2025-02"}),
    ("The exhibition runs 30 Oct-2 Nov.", date(2024, 10, 20),
     {"30 Oct": "2024-10-30", "2 Nov.": "2024-11-02"}),
    ("ON JANUARY 3, THE REBELS ATTACKED.", date(2024, 1, 10), {"JANUARY 3": "2024-01-03"}),
])
def test_issue17_ranges_across_new_year_and_letter_case(text, published, expected):
    assert found(text, published) == expected


@pytest.mark.parametrize("text,expected", [
    ("They met 3 days earlier.", {"3 days earlier": "2024-04-30"}),      # no anchor: publication
    ("He resigned earlier in the day.", {"earlier in the day": "2024-05-03"}),
    ("He resigned a year later.", {}),                                   # later than what?
    ("The attack happened overnight.", {"overnight": "2024-05-03"}),
    ("Peace won't happen overnight.", {}),
    ("He resigned on Easter Sunday.", {"Easter Sunday": "2024-03-31"}),
    ("Workers marched on May Day.", {"May Day": "2024-05-01"}),
    ("The Good Friday Agreement holds.", {}),
    ("He resigned in the autumn.", {"the autumn": "2023"}),
    ("He will resign in the autumn.", {"the autumn": "2024"}),
    ("The fall of Kabul shocked many.", {}),
])
def test_issue17_unanchored_offsets_holidays_and_seasons(text, expected):
    assert found(text) == expected
