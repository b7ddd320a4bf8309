"""The surface grammar the TIMEX3 view adds to the resolver's: durations, sets,
present/past/future reference, quarters, halves, seasons, centuries, clock times.

These expressions have no value in the contract's date formats, so
``resolve_dates`` never returns them; ``timex()`` (``timex.py``) runs them over
the text after the resolver's own grammar and keeps a match where it does not
clash with a resolved date (or where it covers one and is longer: "10 p.m.
Wednesday" is one TIME, "this summer" one season).
"""

from __future__ import annotations

import re

from .grammar import YEAR

_N_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
            "fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
            "eighty|ninety|hundred")
# "two", "twenty-four", "24", "2.5", "a", "a couple of", "a few", "several"
NUMBER = (rf"(?P<num>(?:{_N_WORDS})(?:[-\s](?:{_N_WORDS}))?|\d{{1,4}}(?:\.\d+)?|an?|"
          r"a\s+couple\s+of|a\s+few|few|several|many|some)")
DUR_UNIT = (r"(?P<unit>second|minute|hour|day|week|month|year|decade|centur(?:y|ies)|quarter|"
            r"fortnight)")
# Words a duration's extent keeps before its number (TimeML does: "nearly two years").
_DUR_MOD = (r"(?:(?:about|nearly|almost|roughly|around|approximately|only|just|over|some|"
            r"more\s+than|less\s+than|fewer\s+than|at\s+least|up\s+to|no\s+more\s+than|"
            r"at\s+most)\s+)")
_DUR_LEAD = r"(?:(?P<lead>the|its|their|his|her|our)\s+)?(?P<rel>(?:past|last|next|first|previous|coming|following|final|remaining|latest|initial)\s+)?"

ORDINAL = r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final)"


def _c(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    return re.compile(pattern, flags)


# (name, pattern, override). Tried in this order; ``override`` lets a match
# replace a resolved date with exactly its span ("this summer": 2024-SU, not 2024).
TIMEX_PATTERNS: tuple[tuple[str, re.Pattern[str], bool], ...] = (
    ("quarter", _c(r"(?<![\w-])(?:(?P<det>the|its|their|this\s+year['’]s|last\s+year['’]s|next\s+year['’]s)\s+)?"
                   r"(?:(?P<qyear>1[5-9]\d\d|20\d\d)\s+)?(?:(?P<ago>year[-\s](?:ago|earlier))\s+)?"
                   r"(?:fiscal[-\s]+)?" + ORDINAL + r"[-\s]+(?:fiscal[-\s]+)?quarter(?![\w-])"
                   r"(?:\s+of\s+(?:(?P<rel>this|last|next)\s+year|(?:fiscal\s+)?" + YEAR + r"))?"), True),
    ("q_quarter", _c(r"(?<![\w-])(?:(?:(?P<fy>FY|fiscal)\s*)?(?P<y1>(?:19|20)\d\d)\s*[-/]?\s*Q(?P<q1>[1-4])|"
                     r"Q(?P<q2>[1-4])\s*(?:of\s+)?(?:(?P<fy2>FY|fiscal)\s*)?(?P<y2>(?:19|20)\d\d|['’]\d\d)?)(?![\w-])",
                     0), True),
    ("rel_quarter", _c(r"(?<![\w-])(?:(?P<rel>this|last|next|that|the\s+(?:latest|current|recent|"
                       r"most\s+recent|previous|same|comparable\s+year[-\s](?:ago|earlier)|"
                       r"year[-\s](?:ago|earlier)|(?P<qy>1[5-9]\d\d|20\d\d))|the)\s+)(?:fiscal\s+)?"
                       r"(?P<unit>quarter|period)(?![\w-])"
                       r"(?P<ayear>\s+(?:a|one)\s+year\s+(?:ago|earlier))?"), True),
    ("year_back", _c(r"(?<![\w-])(?:a|one)\s+year\s+(?:ago|earlier|before)(?![\w-])"), True),
    ("ya_period", _c(r"(?<![\w-])(?<!\ba\s)(?<!\bone\s)(?:the\s+)?(?:comparable\s+)?year[-\s](?:ago|earlier)"
                     r"(?:\s+(?:period|time))?(?![\w-])"), True),
    ("spelled_year", _c(r"(?<![\w-])(?:the\s+year\s+)?(?P<sy>nineteen|eighteen|twenty)[-\s]+"
                        r"(?P<sd>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
                        r"(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|"
                        r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)(?![\w-])|"
                        r"(?:the\s+year\s+)two\s+thousand(?:\s+and\s+(?P<sk>one|two|three|four|five|"
                        r"six|seven|eight|nine|ten))?(?![\w-])"), False),
    ("half", _c(r"(?<![\w-])(?:(?:the|its)\s+)?(?P<ord>first|second|last|latter)[-\s]+half(?![\w-])"
                r"(?:\s+of\s+(?:(?:the|this)\s+year|(?P<rel>last|next)\s+year|" + YEAR + r"))?"), True),
    ("season", _c(r"(?<![\w-])(?:(?P<rel>this\s+past|this|last|next|the|early|late)\s+)?"
                  r"(?:(?P<mod>early|late|mid)[-\s]+)?"
                  r"(?P<season>spring|summer|autumn|fall|winter)(?![\w-])"
                  r"(?:\s+(?:of\s+)?" + YEAR + r")?"), True),
    ("century", _c(r"(?<![\w-])(?:the\s+)?(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|(?P<w>first|second|third|"
                   r"fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|"
                   r"fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
                   r"twenty[-\s]first)|(?P<rel>this|last|next|the\s+past|the\s+last)|(?P<cur>current))"
                   r"[-\s]+century(?![\w-])"), False),
    ("clock", _c(r"(?<![\w.:])(?:(?P<mod>about|around|approximately|at\s+about|shortly\s+(?:before|after)|"
                 r"just\s+(?:before|after))\s+)?"
                 r"(?:(?P<h>[01]?\d)(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>[ap])\.?\s?m\b\.?"
                 r"|(?P<h24>[01]\d|2[0-3]):(?P<mi24>[0-5]\d)(?=\s*(?:GMT|UTC|hours|hrs|local|[A-Z]{2,4}T\b))"
                 r"|(?P<word>noon|midnight|midday)(?![\w-]))"
                 r"(?:\s+(?P<tz>GMT|UTC|[ECMP][SD]T|BST|CET|CEST|local\s+time|hours|hrs))?"), False),
    ("tod", _c(r"(?<![\w-])(?:(?P<det>the|this|that|in\s+the|early\s+in\s+the|late\s+in\s+the)\s+)?"
               r"(?P<mod>early|late|mid)?[-\s]?(?P<tod>morning|afternoon|evening|night|overnight)(?![\w-])"), False),
    ("present", _c(r"(?<![\w-])(?:right\s+now|just\s+now|now|currently|nowadays|these\s+days|"
                   r"at\s+present|the\s+present(?:\s+(?:day|time))?|at\s+the\s+moment|"
                   r"at\s+this\s+time|the\s+current\s+(?:period|time))(?![\w-])"), False),
    ("past", _c(r"(?<![\w-])(?:(?:more\s+|most\s+|very\s+|only\s+)?recently|lately|"
                r"recent\s+(?:years|decades|times|history|past)|"
                r"the\s+past(?!\s+(?:\d|several|few|many|couple|" + _N_WORDS + r"|year|month|week|"
                r"day|decade|century|quarter|hour|minute|spring|summer|autumn|fall|winter)\w*)|"
                r"in\s+years\s+past|years\s+ago|long\s+ago|the\s+old\s+days|"
                r"earlier\s+(?:years|months|weeks|days|times))(?![\w-])"), False),
    ("future", _c(r"(?<![\w-])(?:the\s+(?:near\s+|distant\s+|foreseeable\s+|immediate\s+)?future|"
                  r"in\s+future|future\s+(?:years|quarters|months|weeks)|"
                  r"the\s+(?:coming|upcoming)\s+(?:years|months|weeks|days|decades)|"
                  r"coming\s+(?:years|months|weeks|days|decades)|"
                  r"in\s+(?:the\s+)?years\s+to\s+come|some\s+day|someday|one\s+day\s+soon)(?![\w-])"), False),
    ("every", _c(r"(?<![\w-])(?P<q>every|each|per|a)\s+(?:(?P<num2>other|two|three|four|five|six|"
                 r"\d{1,2})\s+)?(?P<unit>second|minute|hour|day|night|week|month|year|quarter|"
                 r"morning|evening|afternoon|weekend|"
                 r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
                 r"january|february|march|april|may|june|july|august|september|october|"
                 r"november|december|spring|summer|autumn|fall|winter)s?(?![\w-])"), False),
    ("ly", _c(r"(?<![\w-])(?P<ly>daily|nightly|weekly|monthly|yearly|annually|hourly|"
              r"biweekly|fortnightly|semiannually|twice\s+(?:a|per)\s+(?:day|week|month|year)|"
              r"once\s+(?:a|per)\s+(?:day|week|month|year))(?![\w-])"), False),
    ("wd_plural", _c(r"(?<![\w-])(?P<wd>Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|"
                     r"Sundays|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+"
                     r"(?P<tod>nights|mornings|evenings|afternoons))(?![\w-])", 0), False),
    ("duration", _c(r"(?<![\w-])" + _DUR_LEAD + _DUR_MOD + r"?" + NUMBER + r"(?:\s+(?:more|additional|"
                    r"straight|consecutive|full|long))?[\s-]+" + DUR_UNIT
                    + r"s?(?:[-\s]long)?(?![\w-])(?P<and_half>\s+and\s+a\s+half)?(?![-\s]old)"), False),
    ("dur_the", _c(r"(?<![\w-])(?P<lead>the|its|their)\s+(?P<rel>past|last|next|previous|coming|"
                   r"following|first|final|remaining)\s+(?P<unit>hour|day|week|month|year|decade|"
                   r"century|quarter|fortnight)(?![\w-])"), False),
    ("dur_recent", _c(r"(?<![\w-])recent\s+(?P<unit>month|week|day|quarter|hour)s(?![\w-])"), False),
    ("dur_year", _c(r"(?<![\w-])the\s+(?:fiscal\s+)?year(?![\w'’-])(?!\s+(?:ago|earlier|before|after|later|of|two|\d))"),
     False),
    ("dur_bare", _c(r"\b(?:for|over|within|took|lasted|spent|during|taking|after)\s+"
                    r"(?P<body>(?:(?:several|many|some)\s+)?(?P<unit>minute|hour|day|week|month|year|decade|"
                    r"centur(?:y|ie)|quarter)s)(?![\w-])"), False),
)
