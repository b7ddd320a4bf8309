"""Actors stage: every actor mention in an article, resolved to a canonical actor.

Public API (see docs/actors.md):

- ``resolve_actors(doc, published, settings=None) -> list[Mention]``
- ``mentions_in_span(mentions, start, end) -> list[Mention]``
- ``actor_for_token(token, mentions) -> Mention | None``
- ``mention_to_dict(mention) -> dict``
- ``load_actor_files(paths) -> Lexicon`` (bundled data extended by user files)
"""

from __future__ import annotations

from datetime import date

from ..models import Mention
from .apposition import appositions, delegations
from .context import acronyms, compass_words, facilities, name_sectors, proxies, relations
from .coref import resolve_coref
from .data import Lexicon, load_lexicon, load_roles, read_actor_file
from .resolve import Cand, anchors, compose, state_actor, to_mentions

__all__ = [
    "actor_for_token",
    "load_actor_files",
    "mention_to_dict",
    "mentions_in_span",
    "read_actor_file",
    "resolve_actors",
]


def load_actor_files(paths: tuple[str, ...] | list[str] = ()) -> Lexicon:
    """The alias index over the bundled data plus the user's files (cached).

    >>> lex = load_actor_files()
    >>> lex.aliases[("kremlin",)].entries[0].code
    'RUSGOV'
    """
    return load_lexicon(tuple(str(p) for p in paths))


def resolve_actors(doc, published: date | None, settings=None) -> list[Mention]:
    """Every actor mention in a parsed article, resolved, sorted by start.

    ``published`` picks the office holder on that day (a president after his
    term resolves as a former one, sector ELI).

    >>> from newsevents.nlp import parse_one           # doctest: +SKIP
    >>> doc = parse_one("Iranian President Ebrahim Raisi met KCNA reporters.")  # doctest: +SKIP
    >>> [(m.text, m.actor.code) for m in resolve_actors(doc, date(2024, 4, 24))]  # doctest: +SKIP
    [('Iranian President Ebrahim Raisi', 'IRNGOV'), ('KCNA', 'PRKMED')]
    """
    files = tuple(getattr(settings, "actors_files", ()) or ()) if settings is not None else ()
    lex = load_lexicon(files)
    roles = load_roles()
    cands = [c for c in anchors(doc, lex, published) if not _names_a_pact(doc, c)]
    name_sectors(doc, cands, roles)
    compass_words(doc, cands)
    proxies(doc, cands)
    cands = relations(doc, [c for c in cands if not c.absorbed], roles, Cand)
    cands = compose(doc, cands, lex, roles)
    cands = facilities(doc, cands, lex, Cand, state_actor)
    appositions(doc, cands)
    cands = [c for c in cands if not c.absorbed]
    cands = delegations(doc, cands, lex)
    acronyms(doc, cands)
    cands = resolve_coref(doc, cands)
    return to_mentions(doc, cands)


def mentions_in_span(mentions: list[Mention], start: int, end: int) -> list[Mention]:
    """Mentions lying inside the character range [start, end), in order.

    >>> mentions_in_span([], 0, 10)
    []
    """
    return [m for m in mentions if m.start >= start and m.end <= end]


def actor_for_token(token, mentions: list[Mention]) -> Mention | None:
    """The mention that covers a token, else the one nearest the top of its subtree.

    For a subject like "delegation" in "A delegation headed by X departed",
    the mention over "A delegation" is returned; for a head noun whose
    mention sits among its dependents ("officials" with "from Pyongyang"),
    the widest mention inside the token's subtree is returned.

    >>> actor_for_token(None, [])
    """
    if token is None or not mentions:
        return None
    idx = token.idx
    covering = [m for m in mentions if m.start <= idx < m.end]
    if covering:
        return max(covering, key=lambda m: m.end - m.start)
    lo = token.left_edge.idx
    hi = token.right_edge.idx + len(token.right_edge.text)
    inside = [m for m in mentions if m.start >= lo and m.end <= hi]
    if not inside:
        return None
    doc = token.doc

    def depth(m: Mention) -> int:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        t, d = span.root if span is not None else token, 0
        while t.i != token.i and t.head.i != t.i and d < 50:
            t, d = t.head, d + 1
        return d

    return min(inside, key=lambda m: (depth(m), -(m.end - m.start)))


def mention_to_dict(m: Mention) -> dict:
    """A JSON-ready dict for the CLI: text, offsets and the resolved actor.

    >>> from newsevents.models import Actor
    >>> mention_to_dict(Mention("KCNA", 0, 4, Actor("KCNA", "PRKMED", "PRK", "MED",
    ...                 "organisation")))["code"]
    'PRKMED'
    """
    a = m.actor
    out = {"text": m.text, "start": m.start, "end": m.end, "name": a.name, "code": a.code,
           "country": a.country, "sector": a.sector, "kind": a.kind, "id": a.id,
           "rule": m.rule}
    if a.kind == "person":
        out["role"] = a.role
        out["org"] = a.org
    return out


# "the Paris Agreement", "the Minsk agreements", "the Oslo Accords": a capital
# naming a pact, a meeting or a format is part of a name, not its government
_NAMED_AFTER_A_PLACE = frozenset({"agreement", "accord", "accords", "convention", "protocol", "treaty",
                                  "format", "process", "declaration", "communique", "memorandum",
                                  "charter", "framework", "formula", "pact"})


def _names_a_pact(doc, cand) -> bool:
    if cand.entry is None or not cand.entry.id.startswith("capital:"):
        return False
    last = doc[cand.end - 1]
    return last.dep_ == "compound" and last.head.i >= cand.end \
        and last.head.lemma_.lower() in _NAMED_AFTER_A_PLACE

