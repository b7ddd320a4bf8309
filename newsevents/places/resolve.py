"""Place mentions: recognition (spaCy entities + gazetteer matcher) and disambiguation."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from ..models import Mention, PlaceMention
from .gazetteer import Gazetteer, load_gazetteer, name_key

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Entities that are never places even when their text is a place name ("China" in an
# organisation, "Jordan" the person): the matcher does not look inside them.
BLOCK_LABELS = {"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "LANGUAGE"}
FEATURE_PRIOR = {"country": 8.0, "continent": 7.0, "admin1": 5.5}
CURATED_PRIOR = 7.0
ADMIN_WORDS = {"province", "region", "oblast", "governorate", "state", "district", "prefecture",
               "county", "territory", "krai", "republic"}
CITY_WORDS = {"city", "town", "village", "capital"}
MAX_SPAN_TOKENS = 5
# Compass words alone name an admin region somewhere ("West", Cameroon) but in news mean a bloc.
GENERIC = {"west", "east", "north", "south", "centre", "center", "central", "northern", "southern",
           "eastern", "western", "midwest", "capital", "coast", "interior", "gulf", "island", "islands"}
MATCHER_MIN_POPULATION = 100_000  # a bare capitalised word must be a big place to count


@dataclass(slots=True)
class _Cand:
    start_tok: int
    end_tok: int  # exclusive
    start: int
    end: int
    text: str
    entries: list[tuple[int, bool]]
    source: str  # "ner" or "matcher"
    hint: str = ""  # "admin", "city" from a following word like 'province'


def _strip_the(doc, s: int, e: int) -> int:
    while s < e and doc[s].lower_ in ("the", "'s"):
        s += 1
    return s


def _lookup_span(g: Gazetteer, doc, s: int, e: int):
    """Entries for tokens [s, e), trying the span as written and without a region word."""
    text = doc[s:e].text
    if e - s == 1 and doc[s].lower_ in GENERIC:
        return [], ""
    entries = g.lookup_key(name_key(text))
    if entries:
        return entries, ""
    last = doc[e - 1].lower_
    if e - s > 1 and last in ADMIN_WORDS | CITY_WORDS:
        entries = g.lookup_key(name_key(doc[s:e - 1].text))
        return entries, ("admin" if last in ADMIN_WORDS else "city")
    return [], ""


def _extend(g: Gazetteer, doc, s: int, e: int):
    """Grow an entity over a following feature word ('Anbar' + 'desert', 'Kursk' + 'region')."""
    best = None
    for extra in (2, 1):
        if e + extra <= len(doc) and all(not t.is_punct for t in doc[e:e + extra]):
            entries, hint = _lookup_span(g, doc, s, e + extra)
            if entries and (hint or doc[e + extra - 1].lower_ not in ("'s",)):
                best = (e + extra, entries, hint)
                break
    return best


LOCATIVE_BEFORE = {"in", "at", "near", "of", "from", "to", "outside", "inside", "into", "across", "around"}
OVERRIDABLE = {"ORG", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"}


def _strong(g: Gazetteer, entries) -> bool:
    """A name that is, by itself, good evidence of a place: country, region, curated, big city."""
    for k, alt in entries:
        if g.features[k] in ("country", "continent", "admin1") or g.curated[k]:
            return True
        if not alt and g.populations[k] >= MATCHER_MIN_POPULATION:
            return True
    return False


def _recognise(doc, g: Gazetteer, mentions: list[Mention]) -> list[_Cand]:
    cands: list[_Cand] = []
    taken = [False] * len(doc)
    blocked: list[str | None] = [None] * len(doc)
    for ent in doc.ents:
        if ent.label_ in BLOCK_LABELS:
            for t in range(ent.start, ent.end):
                blocked[t] = ent.label_
    # Actor mentions of people/organisations block places inside them too.
    for m in mentions:
        if m.actor.kind in ("person", "organisation", "organization"):
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and name_key(m.text) not in g.index:
                for t in range(span.start, span.end):
                    blocked[t] = "ACTOR"

    def add(s: int, e: int, entries, source: str, hint: str = "") -> None:
        span = doc[s:e]
        cands.append(_Cand(s, e, span.start_char, span.end_char, span.text, entries, source, hint))
        for t in range(s, e):
            taken[t] = True

    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            s, e = _strip_the(doc, ent.start, ent.end), ent.end
        elif ent.label_ in OVERRIDABLE or ent.label_ == "PERSON":
            # The model often types a country or city as ORG/PERSON ("Botswana issues ...").
            s, e = _strip_the(doc, ent.start, ent.end), ent.end
            if s >= e:
                continue
            entries, hint = _lookup_span(g, doc, s, e)
            if not entries or not _strong(g, entries):
                continue
            if ent.label_ == "PERSON" and not (s > 0 and doc[s - 1].lower_ in LOCATIVE_BEFORE):
                continue  # 'Jordan' the person stays a person unless 'in Jordan'
            if ent.label_ != "PERSON" and _inside_name(doc, s, e):
                continue
            ext = _extend(g, doc, s, e)
            if ext is not None:
                e, entries, hint = ext
            add(s, e, entries, "ner", hint)
            continue
        else:
            continue
        if s >= e:
            continue
        ext = _extend(g, doc, s, e)
        if ext is not None:
            e, entries, hint = ext
        else:
            entries, hint = _lookup_span(g, doc, s, e)
        if not entries:
            continue
        add(s, e, entries, "ner", hint)

    _dateline(doc, g, cands, taken, add)
    context = {g.countries[k] for c in cands for k, _ in c.entries[:1] if g.countries[k]}

    # Gazetteer matcher: capitalised runs the model missed (longest match first).
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        if taken[i] or not (tok.is_title or tok.is_upper) or not tok.text[0].isalpha() or tok.is_stop:
            if not taken[i] and "-" in tok.text:
                _hyphen_parts(doc, g, i, cands, taken)
            i += 1
            continue
        hit = None
        for L in range(min(MAX_SPAN_TOKENS, n - i), 0, -1):
            j = i + L
            if any(taken[t] for t in range(i, j)) or doc[j - 1].is_punct:
                continue
            labels = {blocked[t] for t in range(i, j)} - {None}
            # NORP blocks only itself ('English'), not a longer name ('English Channel').
            if labels - {"NORP"} or ("NORP" in labels and L == 1):
                continue
            if "\n" in doc[i:j].text:
                continue
            if L == 1 and _inside_name(doc, i, j):
                continue
            entries, hint = _lookup_span(g, doc, i, j)
            if entries and (_matcher_accepts(g, doc, i, j, entries)
                            or _small_place_ok(g, doc, i, j, entries, context)):
                hit = (j, entries, hint)
                break
        if hit is None:
            i += 1
            continue
        j, entries, hint = hit
        add(i, j, entries, "matcher", hint)
        i = j
    cands.sort(key=lambda c: c.start)
    return cands


def _inside_name(doc, s: int, e: int) -> bool:
    """True when the span continues a longer proper name ('Mazars USA', 'Abu Dhabi TV')."""
    before = doc[s - 1] if s > 0 else None
    after = doc[e] if e < len(doc) else None
    if before is not None and before.is_title and not before.is_sent_start and before.pos_ == "PROPN":
        return True
    return after is not None and after.is_title and after.pos_ == "PROPN"


def _small_place_ok(g: Gazetteer, doc, i: int, j: int, entries, context: set[str]) -> bool:
    """A small town counts when the text frames it as a place in a country the article is about."""
    if i == 0 or doc[i - 1].lower_ not in LOCATIVE_BEFORE or _inside_name(doc, i, j):
        return False
    return any(not alt and g.countries[k] in context for k, alt in entries)


def _hyphen_parts(doc, g: Gazetteer, i: int, cands: list[_Cand], taken: list[bool]) -> None:
    """Countries inside hyphenated compounds: 'U.S.-Japan alliance', 'Russia-Ukraine war'."""
    tok = doc[i]
    pos = 0
    for part in tok.text.split("-"):
        start = tok.idx + pos
        pos += len(part) + 1
        if not part or not part[0].isupper():
            continue
        entries = g.lookup_key(name_key(part))
        if any(g.features[k] == "country" for k, _ in entries):
            cands.append(_Cand(i, i + 1, start, start + len(part), part,
                               [(k, a) for k, a in entries if g.features[k] == "country"], "matcher"))
    taken[i] = True


DATELINE_WORDS = 4


def _dateline(doc, g: Gazetteer, cands: list[_Cand], taken: list[bool], add) -> None:
    """'MARANCHON, SPAIN —': an upper-case place at the very start, any size, qualified by what follows."""
    j = 0
    while j < min(len(doc), DATELINE_WORDS) and doc[j].is_upper and doc[j].is_alpha:
        j += 1
    if j == 0 or j >= len(doc) or doc[j].text != "," or any(taken[t] for t in range(j)):
        return
    entries = g.lookup_key(name_key(doc[0:j].text))
    if entries:
        add(0, j, entries, "dateline")


def _matcher_accepts(g: Gazetteer, doc, i: int, j: int, entries) -> bool:
    # A single sentence-initial capitalised word is too often an ordinary word ("Police said").
    if j - i == 1 and doc[i].is_sent_start and len(entries) and not any(
            g.features[k] == "country" for k, _ in entries):
        return False
    if j - i == 1 and (doc[i].is_stop or len(doc[i].text) < 3):
        return False
    for k, alt in entries:
        feat = g.features[k]
        if feat in ("country", "continent") or g.curated[k]:
            return True
        if not alt and feat == "admin1" and j - i > 1:
            return True
        if not alt and g.populations[k] >= MATCHER_MIN_POPULATION:
            return True
    return False


def _prior(g: Gazetteer, k: int, alt: bool, hint: str) -> float:
    feat = g.features[k]
    if g.curated[k] and feat not in ("country",):
        p = CURATED_PRIOR
    elif feat in FEATURE_PRIOR:
        p = FEATURE_PRIOR[feat]
    else:
        p = math.log10(g.populations[k] + 10) + (1.0 if feat == "capital" else 0.0)
    if alt:
        p -= 1.0  # a foreign-language alternate is weaker evidence than the primary name
    if hint == "admin" and feat in ("admin1",) or hint == "admin" and g.curated[k]:
        p += 3.0
    if hint == "city" and feat in ("city", "capital"):
        p += 3.0
    return p


def _qualifier(doc, g: Gazetteer, c: _Cand, by_start: dict[int, _Cand]) -> tuple[str, str] | None:
    """An explicit country/region qualifier: 'Damascus, Syria', "Iraq's Anbar", 'the Iraqi city of'."""
    e = c.end_tok
    if e + 1 < len(doc) and doc[e].text == ",":
        nxt = by_start.get(e + 1)
        if nxt is not None:
            for k, _ in nxt.entries:
                if g.features[k] == "country":
                    return ("country", g.countries[k])
                if g.features[k] == "admin1":
                    return ("admin1", g.names[k])
    s = c.start_tok
    if s >= 2 and doc[s - 1].text in ("'s", "’s"):
        for prev in by_start.values():
            if prev.end_tok == s - 1:
                for k, _ in prev.entries:
                    if g.features[k] == "country":
                        return ("country", g.countries[k])
    # 'the northern Iraqi city of Irbil': a demonym a few words back in the same phrase.
    for t in range(max(0, s - 5), s):
        iso = g.demonyms.get(doc[t].lower_)
        if iso and doc[t].sent == doc[s].sent and any(
                doc[u].lower_ in ("of", "city", "town", "province", "capital") for u in range(t + 1, s)):
            return ("country", iso)
    return None


def _context(g: Gazetteer, cands: list[_Cand], mentions: list[Mention]) -> Counter:
    """Country weights from actors and unambiguous places in the article."""
    ctx: Counter = Counter()
    for m in mentions:
        if m.actor.country:
            ctx[m.actor.country] += 1
    for c in cands:
        countries = {g.countries[k] for k, _ in c.entries if g.countries[k]}
        if len(countries) == 1:
            ctx[next(iter(countries))] += 1
    return ctx


def _is_actor_use(doc, c: _Cand, mentions: list[Mention]) -> bool:
    """'Tehran fired missiles': the place names an actor (subject/agent of a verb)."""
    overlaps = any(m.start < c.end and c.start < m.end and m.actor.kind != "person" for m in mentions)
    head = doc[c.start_tok:c.end_tok].root
    subj = head.dep_ in ("nsubj", "nsubjpass", "agent") or (
        head.dep_ == "conj" and head.head.dep_ in ("nsubj", "agent"))
    return subj and (overlaps or not mentions)


def resolve_places(doc, mentions: list[Mention] | None = None, settings=None) -> list[PlaceMention]:
    """Every place mention in a parsed document, resolved to a gazetteer entry.

    ``mentions`` are the actor mentions of :func:`newsevents.actors.resolve_actors`
    (may be empty): they add country context and mark places used as actors. The
    rule says how the mention was found and chosen, e.g. ``ner:qualifier``;
    ``+actor`` is appended when the place names an actor ("Tehran fired ...").

    >>> doc = parse_one("The strike hit Damascus, Syria.")       # doctest: +SKIP
    >>> [(p.text, p.place.country) for p in resolve_places(doc, [])]  # doctest: +SKIP
    [('Damascus', 'SYR'), ('Syria', 'SYR')]
    """
    mentions = list(mentions or [])
    files = tuple(getattr(settings, "places_files", ()) or ())
    g = load_gazetteer(files)
    cands = _recognise(doc, g, mentions)
    if not cands:
        return []
    ctx = _context(g, cands, mentions)
    total = sum(ctx.values()) or 1
    by_start = {c.start_tok: c for c in cands}
    out: list[PlaceMention] = []
    for c in cands:
        qual = _qualifier(doc, g, c, by_start)
        pool = c.entries
        how = "prior"
        if qual is not None:
            kind, value = qual
            if kind == "country":
                narrowed = [(k, a) for k, a in pool if g.countries[k] == value]
            else:
                narrowed = [(k, a) for k, a in pool if g.admin1s[k] == value]
            if narrowed:
                pool, how = narrowed, "qualifier"
        if len(pool) == 1 and how != "qualifier":
            how = "only"
        best, best_score = None, -1e9
        for k, alt in pool:
            score = _prior(g, k, alt, c.hint)
            cc = g.countries[k]
            if cc and ctx.get(cc):
                score += 1.0 + 2.5 * ctx[cc] / total
            if score > best_score:
                best, best_score = k, score
        if how == "prior" and len({g.countries[k] for k, _ in pool}) > 1:
            top = max(pool, key=lambda p: _prior(g, p[0], p[1], c.hint))[0]
            if top != best:
                how = "context"
        rule = f"{c.source}:{how}"
        if _is_actor_use(doc, c, mentions):
            rule += "+actor"
        out.append(PlaceMention(text=c.text, start=c.start, end=c.end, place=g.place(best), rule=rule))
    return out
