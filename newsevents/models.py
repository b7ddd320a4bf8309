"""Typed records that pass between the stages.

Every record is a frozen, slotted dataclass. Offsets are character offsets
into ``Article.text`` (``[start, end)``), so every fact can be traced back to
the sentence it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
    "MOBILIZE", "COERCE", "ASSAULT",
)
# PLOVER manual, section 3.x.4 "Quad category".
QUAD_CLASS: dict[str, str] = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), "verbal_cooperation"),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), "material_cooperation"),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), "verbal_conflict"),
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"),
                    "material_conflict"),
}
STATUSES: tuple[str, ...] = (
    "reported", "claimed", "denied", "planned", "hypothetical", "negated",
)
PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year", "decade", "unknown")

Precision = Literal["day", "week", "month", "year", "decade", "unknown"]
Status = Literal["reported", "claimed", "denied", "planned", "hypothetical", "negated"]


# --- input and cleaning -----------------------------------------------------

@dataclass(frozen=True, slots=True)
class RawDocument:
    """Bytes or text as they arrived, before cleaning.

    ``source`` names where it came from (a path, ``path#line``, a URL, ``-``).
    ``kind`` is ``"html"``, ``"text"`` or ``None`` (detect). Fields a corpus
    already carries (title, published, url) are passed through as hints.
    """

    source: str
    content: bytes | str
    kind: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    language: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: the text every later offset points into."""

    id: str  # sha256 of text, hex
    text: str
    title: str | None
    published: date | None
    url: str | None = None
    language: str | None = "en"
    source: str = ""
    author: str | None = None
    site: str | None = None
    published_from: str | None = None  # how the date was found ("hint", "htmldate", "label", ...)
    removed: tuple[str, ...] = ()  # lines or blocks cut as page furniture
    near_duplicate_of: str | None = None
    notes: tuple[str, ...] = ()  # what was repaired on the way in (invalid characters, ...)


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input that did not become an article, and why."""

    source: str
    stage: str  # "ingest", "clean", a coding stage ("actors" … "events"), "store", ...
    reason: str  # short machine-readable reason: "empty", "binary", "duplicate", ...
    detail: str = ""  # one human sentence: what was wrong and what to do


# --- resolved things --------------------------------------------------------

@dataclass(frozen=True, slots=True)
class TimeRef:
    """A temporal expression resolved against the publication date.

    ``value`` is ``YYYY-MM-DD``, ``YYYY-Www``, ``YYYY-MM``, ``YYYY``, ``YYY``
    (decade) or ``None`` when it cannot be resolved.
    """

    text: str
    start: int
    end: int
    value: str | None
    precision: Precision
    kind: str = ""  # "absolute", "weekday", "relative", "month", "year", ...
    rule: str = ""  # which normalisation rule applied


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor: country + sector, or an organisation/group code."""

    name: str
    code: str | None
    country: str | None = None  # ISO 3166-1 alpha-3 or None
    sector: str | None = None  # GOV, MIL, REB, MED, IGO, ...
    kind: str = "state"  # state, organisation, person, group
    id: str | None = None  # stable id in the actor data
    role: str | None = None  # for people: "minister", "spokesperson", ...
    org: str | None = None  # for people: the organisation they speak for


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the article that names an actor."""

    text: str
    start: int
    end: int
    actor: Actor
    rule: str = ""  # "ner", "lexicon", "apposition", "coref", ...


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry."""

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    admin1: str | None = None
    feature: str | None = None  # "country", "city", "region", "sea", ...
    id: str | None = None


@dataclass(frozen=True, slots=True)
class PlaceMention:
    text: str
    start: int
    end: int
    place: Place
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str | None
    role: str | None = None
    org: str | None = None
    country: str | None = None
    actor: Actor | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    speaker: Speaker | None
    cue: str | None
    text: str
    direct: bool
    start: int  # offsets of the quoted content
    end: int
    span: tuple[int, int]  # offsets of the sentence(s)
    date: str | None = None
    date_precision: Precision = "unknown"


@dataclass(frozen=True, slots=True)
class Claim:
    """An accusation, allegation or report of something."""

    id: str
    claimant: Actor | None
    accused: tuple[Actor, ...]
    text: str  # the content claimed
    span: tuple[int, int]
    cue: str
    date: str | None = None
    date_precision: Precision = "unknown"


@dataclass(frozen=True, slots=True)
class Response:
    """A denial or confirmation linked to the claim it answers."""

    id: str
    claim_id: str | None
    responder: Actor | None
    kind: Literal["denial", "confirmation"]
    text: str
    span: tuple[int, int]
    cue: str
    date: str | None = None
    date_precision: Precision = "unknown"


@dataclass(frozen=True, slots=True)
class Speech:
    """What the quotes stage found: who said, claimed and denied what."""

    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()
    responses: tuple[Response, ...] = ()


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event: one (source, target) pair, with its evidence."""

    id: str
    type: str
    mode: str | None
    cameo: str | None
    source: Mention | None
    target: Mention | None
    date: str | None
    date_precision: Precision
    date_text: str | None
    location: PlaceMention | None
    status: Status
    attributed_to: Actor | None
    trigger: str
    trigger_span: tuple[int, int]
    sentence: str
    span: tuple[int, int]
    confidence: float
    article_id: str = ""
    claim_id: str | None = None
    reciprocal: bool = False
    rules: tuple[str, ...] = ()  # which rules fired (provenance)


@dataclass(frozen=True, slots=True)
class Coded:
    """Everything the pipeline found in one article."""

    article: Article
    events: tuple[Event, ...] = ()
    mentions: tuple[Mention, ...] = ()
    times: tuple[TimeRef, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()
    responses: tuple[Response, ...] = ()
    error: str = ""  # set when a stage failed on this article: it is recorded as rejected, not stored
    error_stage: str = ""  # the stage that failed ("actors", "temporal", "places", "quotes", "events")
