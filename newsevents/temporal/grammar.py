"""The surface grammar of temporal expressions: compiled regular expressions.

Each pattern names the kind of expression it finds; ``resolve.py`` turns a
match into a value. Patterns are tried in the order of ``PATTERNS`` and a
later pattern never takes characters an earlier one already took, so the
longest, most specific forms come first ("Friday, January 4, 2019" before
"January 4" before "January").
"""

from __future__ import annotations

import re

MONTH_FULL = ("January|February|March|April|May|June|July|August|September|October|"
              "November|December")
# Abbreviations only with a period or a following day number (never "Mar" in "Maróth").
MONTH_ABBR = (r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|(?=\s+\d))"
              # after a day number the abbreviation needs no stop: "28 Dec - 3 Jan"
              r"|(?<=\d\s)(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?=[\s,;:)–-]|$)")
# Full month names in any letter case ("march 3"); a bare lower-case month is
# only a month after a cue word (the handler checks), and lower-case "may" never.
MON = rf"(?P<mon>(?i:{MONTH_FULL})|{MONTH_ABBR})(?![\w])"
WD_NAMES = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
# Weekday names in any letter case ("FRIDAY", "friday"); abbreviations in title
# or upper case, with a full stop ("Wed.", "Fri.") or, for the ones that are no
# English word, without ("Tues", "Thurs", "Fri"). "Sat", "Sun", "Wed", "Mon"
# without a stop are words or names: the handler wants a cue before them.
_WD_ABBR = ("Mon", "Tue", "Tues", "Wed", "Weds", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun")
WD_ABBR = "|".join(f"{a}|{a.upper()}" for a in sorted(_WD_ABBR, key=len, reverse=True))
WD = (rf"(?P<wd>(?i:{WD_NAMES})|(?:{WD_ABBR})(?=\.)|(?:Tues|Thurs|Thur|Fri|Tue|Thu|Weds|Wed|Mon|Sat|Sun|TUES|THURS|FRI)(?![\w.])"
      r"|(?:tues|thurs|thur|tue|thu|weds|wed|mon|fri|sat|sun)(?=\.|[,;:)]|\s*$))(?![\w])")
DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d])"
YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)(?![\d])"
WD_PREFIX = rf"(?:(?:(?i:{WD_NAMES})|{WD_ABBR})\.?,?\s+)?"
TOD = r"(?:\.?\s+(?P<tod>(?i:morning|afternoon|evening|night)))?"
NUM = r"(?P<num>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty)"
UNIT = r"(?P<unit>day|week|fortnight|month|year)s?"
PART = (r"(?P<part>(?:early|mid|late)[-\s]+|(?:the\s+)?(?:end|beginning|start|middle|"
        r"(?:first|final|last|closing)\s+(?:days|weeks|months))\s+of\s+(?:the\s+)?)")


def _c(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


# (name, pattern). Case matters for month and weekday names (capitalised in
# English news; "may" the verb never matches); relative words are case-free.
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", _c(r"(?<![\w-])(?P<y>\d{4})(?P<isep>[-/.])(?P<m>\d\d?)(?P=isep)(?P<d>\d\d?)"
               r"(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?(?![\w-])")),
    ("numeric", _c(r"(?<![\w/.])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)"
                   r"(?P<c>\d{4}|\d{2})(?![\w/]|\.\d)")),
    ("dm_range", _c(r"(?<![\d,.])" + DAY + r"\s*(?P<conn>-|–|to|and|through|until)\s*"
                    r"(?P<day2>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?" + MON
                    + r"(?:,?\s+" + YEAR + r")?")),
    ("full_mdy", _c(WD_PREFIX + MON + r"\s+" + DAY + r",?\s+" + YEAR)),
    ("full_dmy", _c(WD_PREFIX + r"(?:the\s+)?" + DAY + r"\s+(?:of\s+)?" + MON + r",?\s+" + YEAR)),
    ("md_range", _c(MON + r"\s+" + DAY + r"\s*(?P<conn>-|–|to|and|through|until)\s*"
                    r"(?P<day2>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:]\d|\d)(?!,\d)"
                    r"(?:,?\s+" + YEAR + r")?")),
    ("nth_week", _c(r"(?:the\s+)?(?P<ord>first|second|third|fourth|last|final)\s+week\s+of\s+"
                    r"(?:(?P<rel>this|last|next)\s+)?" + MON + r"(?:,?\s+" + YEAR + r")?", re.IGNORECASE)),
    ("nth_wd", _c(r"(?:the\s+)?(?P<ord>first|second|third|fourth|last|1st|2nd|3rd|4th)\s+" + WD
                  + r"\s+(?:of|in)\s+(?:(?P<rel>this|last|next)\s+)?" + MON + r"(?:,?\s+" + YEAR + r")?",
                  re.IGNORECASE)),
    ("day_of", _c(r"(?:the\s+)?(?P<ord>first|last)\s+day\s+of\s+(?:(?P<rel>this|last|next)\s+)?" + MON
                  + r"(?:,?\s+" + YEAR + r")?", re.IGNORECASE)),
    ("wd_of_week", _c(WD + r"\s+of\s+(?P<rel>this|next|last)\s+week(?![\w-])", re.IGNORECASE)),
    ("week_s_wd", _c(r"(?P<rel>this|next|last)\s+week['’]s\s+" + WD, re.IGNORECASE)),
    ("wd_after_next", _c(WD + r"\s+after\s+next(?![\w-])", re.IGNORECASE)),
    ("wd_the_nth", _c(WD + r",?\s+the\s+(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)(?![\w])")),
    ("part", _c(PART + r"(?:(?P<rel>this|last|next)\s+)?(?:" + MON + r"(?:\s+" + YEAR + r")?|"
                + r"(?P<yr>1[5-9]\d\d|20\d\d)(?!\d)|(?P<unitword>year|month|week))(?![\w])", re.IGNORECASE)),
    ("month_rel_year", _c(MON + r"\s+(?:of\s+)?(?P<rel>this|last|next)\s+year")),
    ("week_of", _c(r"the\s+week\s+of\s+" + MON + r"\s+" + DAY + r"(?:,?\s+" + YEAR + r")?")),
    ("month_year", _c(MON + r",?\s+(?:of\s+)?" + YEAR)),
    ("month_day", _c(WD_PREFIX + MON + r"\s+" + DAY + r"(?![:.]\d)")),
    ("day_month", _c(r"(?<![\d,.])" + DAY + r"\s+(?:of\s+)?" + MON)),
    ("nth_day", _c(r"(?<![\w])the\s+(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)"
                   r"(?:\s+of\s+(?P<rel>this|last|next)\s+month)?"
                   r"(?=\s*(?:[.,;:)]|$|\s(?:when|and|at|in|to|as|after|before|until|but|while|amid|"
                   r"following|that|this|last|next|of\s+(?:this|last|next)\s+month)\b))", re.IGNORECASE)),
    ("decade", _c(r"(?:the\s+)?(?:(?P<part>early|mid|late)[-\s]+)?"
                  r"(?:(?P<cent>1[5-9]|20)(?P<dec>\d)0s|['’](?P<sdec>\d)0s)(?![\w])")),
    ("year_range", _c(r"(?<![\w,.$-])(?P<y1>1[5-9]\d\d|20\d\d)[-–](?P<y2>1[5-9]\d\d|20\d\d|\d\d)"
                      r"(?![\w%])")),
    ("holiday", _c(r"(?:(?P<rel>last|next|this)\s+)?(?P<name>christmas\s+eve|christmas(?:\s+day)?|xmas|"
                   r"new\s+year['’]s\s+(?:day|eve)|thanksgiving(?:\s+day)?|halloween|"
                   r"valentine['’]s\s+day|memorial\s+day|labou?r\s+day|mother['’]s\s+day|"
                   r"father['’]s\s+day|(?:mlk|martin\s+luther\s+king(?:\s+jr\.?)?)\s+day|"
                   r"black\s+friday|easter(?:\s+(?:sunday|monday|day))?|good\s+friday|may\s+day|"
                   r"boxing\s+day|veterans['’]?\s+day|juneteenth)(?![\w-])"
                   r"(?!\s+(?:tree|card|market|party|dinner|holidays?|bunny|egg|eggs|island|rising|week|"
                   r"weekend|break|period|"
                   r"agreement|accords?|parade|rally|rallies|march|marches|protests?|"
                   r"season|shopping|sales|gifts?|lights|message|address|truce|ceasefire)\b)",
                   re.IGNORECASE)),
    ("rel_day", _c(r"(?:(?P<mod>late|early|earlier|later)\s+)?(?P<word>the\s+day\s+before\s+yesterday|"
                   r"the\s+day\s+after\s+tomorrow|yesterday|today|tonight|tomorrow|"
                   r"this\s+(?:morning|afternoon|evening)|last\s+(?:night|evening)|overnight)(?![\w-])"
                   r"(?:\s+(?P<tod>morning|afternoon|evening|night))?", re.IGNORECASE)),
    ("month_rel", _c(r"(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)\s+" + MON)),
    ("weekday", _c(r"(?:(?P<mod>[Ll]ast|[Nn]ext|[Tt]his|[Ee]arly|[Ll]ate)\s+)?" + WD + r"(?!s\b)" + TOD)),
    ("weekend", _c(r"(?:(?P<prep>over|during|at|on|through|throughout|across)\s+)?the\s+(?:past\s+)?week-?end(?![\w-])",
                   re.IGNORECASE)),
    ("rel_unit", _c(r"(?:(?P<mod>earlier|later|so\s+far|early|late|mid)[\s-]+)?(?P<rel>last|this\s+past|this|next|coming)\s+"
                    r"(?P<unit>week-?end|week|month|year)(?![\w-])", re.IGNORECASE)),
    ("current", _c(r"the\s+current\s+(?:fiscal\s+|calendar\s+)?(?P<unit>week|month|year)(?![\w-])",
                   re.IGNORECASE)),
    ("ana_unit", _c(r"the\s+(?:(?P<rel>previous|next|following|same)\s+(?P<unit>day|week|month|year)|"
                    r"(?P<unit2>day|week|month|year)\s+(?P<rel2>before|after))(?![\w])", re.IGNORECASE)),
    ("ana", _c(r"(?:at\s+(?:the|that)\s+time|that\s+(?:same\s+)?(?P<unit>day|night|morning|evening|"
               r"afternoon|week|month|year|date)|(?:earlier|later)\s+(?:in\s+the|that)\s+day)"
               r"(?![\w])", re.IGNORECASE)),
    ("from_now", _c(r"(?<![\w-])" + NUM + r"\s+" + UNIT + r"\s+(?:from\s+now|hence)(?![\w])",
                    re.IGNORECASE)),
    ("in_offset", _c(r"(?<![\w-])in\s+" + NUM + r"\s+" + UNIT + r"(?:['’]\s*time)?(?![\w-])",
                     re.IGNORECASE)),
    ("ago", _c(r"(?<![\w-])" + NUM + r"\s+" + UNIT + r"\s+ago(?![\w])", re.IGNORECASE)),
    ("offset", _c(r"(?<![\w-])" + NUM + r"\s+" + UNIT + r"\s+(?P<dir>later|earlier|before|after)(?![\w])",
                  re.IGNORECASE)),
    ("season", _c(r"(?:(?P<rel>this|last|next|the)\s+(?P<s1>spring|summer|autumn|fall|winter)(?!\s+of\b)|"
                  r"(?P<s2>spring|summer|autumn|fall|winter)\s+(?:of\s+)?" + YEAR + r")(?![\w])", re.IGNORECASE)),
    ("month", _c(MON)),
    ("year", _c(r"(?<![\w,.$£€#/-])" + YEAR + r"(?![\w%]|[.,/]\d|-\d)")),
)

# Every expression holds one of these; the grammar runs only on windows
# around them, which skips most of an article's text cheaply.
TRIGGER = re.compile(
    rf"\d+|(?i:{MONTH_FULL})|(?i:{WD_NAMES})|{WD_ABBR}|\b(?:tues|thurs|thur|tue|thu|weds|wed|mon|fri|sat|sun)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)(?=[.\s])|"
    r"(?i:yesterday|today|tonight|tomorrow|overnight|weekend|week|month|year|time|day|night|morning|evening|"
    r"afternoon|date|fortnight|spring|summer|autumn|fall|winter|christmas|new\s+year|thanksgiving|easter|"
    r"good\s+friday|may\s+day|boxing|veterans|juneteenth|"
    r"halloween|valentine|xmas|memorial|labou?r\s+day|mother|father|king|mlk|black\s+friday)"
)
WINDOW = 70  # characters each side: longer than any expression the grammar accepts

# Words before a bare "May"/"March" that make it a month, not a name or a verb.
MONTH_CUES = frozenset(
    ["in", "since", "until", "till", "by", "from", "to", "through", "of", "early", "late", "mid", "last", "next", "this", "during", "before", "after", "between", "and", "or", "end", "beginning", "start", "middle"]
)
# Words before a bare year that make it a time ("in 2019", "since 2019").
YEAR_CUES = frozenset(
    ["in", "since", "of", "by", "from", "to", "until", "till", "through", "before", "after", "during", "between", "around", "circa", "for", "as", "and", "or", "than"]
)
DETERMINERS = frozenset(["the", "a", "an", "its", "their", "his", "her", "our", "this", "that"])
# "Bloody Sunday", "Super Tuesday", "Good Friday": names, not dates.
WEEKDAY_NAME_BEFORE = frozenset(
    ["Bloody", "Black", "Super", "Good", "Easter", "Palm", "Ash", "Cyber", "Holy", "Maundy", "Giving"]
)
UNIT_AFTER = re.compile(r"\s*(?:UTC|GMT|hrs\b|hours\b|h\b|local\b|%|percent\b|per\s?cent\b)")
NUMBER_BEFORE = re.compile(
    r"(?:No\.|Nos\.|#|\$|£|€|Article|Section|Resolution|Chapter|Flight|Route|number|Room|"
    r"Highway|page|pages|Order|Law|Decree)\s*$"
)
