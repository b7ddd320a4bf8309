"""Actor mentions in context: lexicon + NER anchors, then phrase composition.

Steps, in order (each documented in docs/actors.md):

1. anchors: lexicon matches over the tokens, plus spaCy entities (PERSON,
   ORG, NORP, GPE) that the data does not know;
2. noun-phrase composition: a state or organisation modifying a role noun
   ("North Korean officials", "South Korea's spy agency", "US State
   Department spokesperson Matthew Miller", "Iranian President Ebrahim
   Raisi") or a role noun with "of/from/in X" ("officials from Pyongyang")
   becomes one mention: country from the anchor, sector from the role;
3. apposition ("X's minister ..., Yun Jong Ho") and "a delegation headed by
   X" (apposition.py); context rules (context.py);
4. within-article coreference (coref.py).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ..models import Actor, Mention
from .context import FACILITY_NOUNS, LOCATIVE_PREPS, plural_demonym
from .data import Entry, Lexicon, Roles
from .match import find_hits, in_office, pick_entry, role_sector

NER_LABELS = ("PERSON", "ORG", "NORP", "GPE")
# Roles that take the sector of the organisation they speak or work for.
NEUTRAL_ROLES = {"spokesperson", "spokesman", "spokeswoman", "official", "officials",
                 "leader", "head", "chief", "member", "members", "representative",
                 "director", "chairman", "chair", "spokespeople", "staff", "leaders", "heads",
                 "chiefs", "representatives", "directors"}
# Sectors that are organs of the state: a state + one of these is kind "state".
STATE_SECTORS = {"GOV", "MIL", "LEG", "JUD", "SPY", "COP", "MED"}
GROUP_HEADS = {"delegation", "team", "mission", "group", "convoy", "entourage"}
LEAD_VERBS = {"head", "lead"}
FROM_PREPS = {"of", "from", "in", "for"}
# Singular role nouns that denote one person ("Iran's U.N. ambassador").
PERSON_ROLES = {"ambassador", "envoy", "spokesperson", "spokesman", "spokeswoman", "minister",
                "president", "leader", "official", "diplomat", "general", "commander",
                "chief", "secretary", "premier", "chancellor", "king", "prime minister",
                "foreign minister", "defense minister", "negotiator", "representative",
                "senator", "mediator", "judge", "prosecutor", "governor", "mayor", "coordinator"}
# Unnamed non-state bodies: last words of the phrase -> IGO/NGO.
UNNAMED_BODIES = {("rights", w): "NGO" for w in (
    "group", "groups", "organization", "organizations", "organisation", "organisations",
    "watchdog", "watchdogs", "body")}
UNNAMED_BODIES.update({("aid", w): "NGO" for w in (
    "group", "groups", "agency", "agencies", "organization", "organizations", "organisation",
    "organisations", "workers")})
UNNAMED_BODIES.update({("peacekeeping", w): "IGO" for w in (
    "force", "forces", "troops", "mission", "contingent")})
UNNAMED_BODIES.update({("peacekeepers",): "IGO", ("charity",): "NGO", ("charities",): "NGO"})
BASED = {"-based", "-headquartered"}
# Roles that act for the person who employs them ("Guterres' spokesman").
AIDE_ROLES = {"spokesman", "spokeswoman", "spokesperson", "aide", "aides", "adviser",
              "advisor", "advisers", "advisors", "deputy", "envoy", "assistant"}
# Blocs of states (docs/actors.md): a word of a longer organisation name is not the bloc.
BLOC_CODES = {"WST", "EUR", "GLF"}
# US party adjectives before a legislator's title ("Republican Representative X").
PARTY_WORDS = {"republican", "democratic", "democrat", "gop"}
# Titles before a name that make the person a legislator ("Rep. Jason Crow").
LEG_TITLES = {"representative", "rep", "senator", "sen", "congressman", "congresswoman",
              "lawmaker", "legislator", "mp"}


class Cand:
    """A mutable mention candidate while the article is being resolved."""

    __slots__ = ("absorbed", "actor", "end", "entry", "role_word", "rule", "start")

    def __init__(self, start: int, end: int, actor: Actor, rule: str,
                 entry: Entry | None = None) -> None:
        self.start, self.end = start, end  # token indices [start, end)
        self.actor, self.rule, self.entry = actor, rule, entry
        self.absorbed = False
        self.role_word: str | None = None


def entry_actor(entry: Entry, published: date | None) -> Actor:
    """The Actor for a data row; a person out of office keeps the country only."""
    sector, code, role = entry.sector, entry.code, entry.role
    if entry.kind == "person" and not in_office(entry, published):
        sector = "ELI" if entry.country else sector
        code = f"{entry.country}ELI" if entry.country else code
        role = f"former {role}" if role else "former"
    return Actor(name=entry.name, code=code, country=entry.country, sector=sector,
                 kind=entry.kind, id=entry.id, role=role, org=entry.org)


def state_actor(country: str | None, sector: str | None, lex: Lexicon,
                name: str | None = None) -> Actor:
    """A country-level actor (name of the country, code country+sector)."""
    cname = lex.country_names.get(country or "", name or country or "")
    code = (country or "") + (sector or "") if country else None
    return Actor(name=cname, code=code or None, country=country, sector=sector,
                 kind="state", id=f"country:{country}" if country else None)


def anchors(doc, lex: Lexicon, published: date | None) -> list[Cand]:
    """Lexicon hits plus unknown named entities, non-overlapping, in order."""
    cands: list[Cand] = []
    taken = bytearray(len(doc))
    person_end, org_end = {}, {}
    for ent in doc.ents:
        spans = person_end if ent.label_ == "PERSON" else org_end if ent.label_ == "ORG" else None
        if spans is not None:
            for i in range(ent.start, ent.end):
                spans[i] = (ent.start, ent.end)
    for hit in find_hits(doc, lex):
        entry = pick_entry(hit.alias.entries, published)
        if entry.kind == "person":
            span = person_end.get(hit.start)
            if span is not None and (span[1] - span[0]) > (hit.end - hit.start):
                continue  # "Abdul Qadir" inside "Abdul Qadir Mumin"
        if entry.code in BLOC_CODES and not entry.country:
            span = org_end.get(hit.start)
            if span is not None and (span[1] - span[0]) > (hit.end - hit.start):
                continue  # "European" inside "the European Organization for Nuclear Research"
        cands.append(Cand(hit.start, hit.end, entry_actor(entry, published), "lexicon", entry))
        for i in range(hit.start, hit.end):
            taken[i] = 1
    for ent in doc.ents:
        if ent.label_ not in NER_LABELS:
            continue
        start, end = ent.start, ent.end
        if doc[start].lower_ == "the":
            start += 1
        if start >= end:
            continue
        if any(taken[i] for i in range(start, end)):
            # a person/org entity that merely contains a known name ("Yun Jong Ho"
            # is not "Yun") keeps the entity unless the lexicon hit covers it
            continue
        if ent.label_ == "GPE":
            continue  # unknown places are the places stage's business
        kind = {"PERSON": "person", "ORG": "organisation", "NORP": "group"}[ent.label_]
        text = doc[start:end].text
        # "ethnic Albanians" are a people, not Albania
        demonym = plural_demonym(text, lex) if ent.label_ == "NORP" and not (
            start > 0 and doc[start - 1].lower_ == "ethnic") else None
        if demonym is not None:  # "Iraqis": the data lists the singular only
            cands.append(Cand(start, end, entry_actor(demonym, published), "lexicon:plural",
                              demonym))
        else:
            cands.append(Cand(start, end, Actor(name=text, code=None, kind=kind),
                              f"ner:{ent.label_}"))
        for i in range(start, end):
            taken[i] = 1
    cands.sort(key=lambda c: c.start)
    return cands


def _covering(cands: list[Cand], i: int) -> Cand | None:
    for c in cands:
        if c.start <= i < c.end and not c.absorbed:
            return c
    return None


def _modifier_anchors(doc, head, cands: list[Cand], stop: int) -> list[Cand]:
    """All state/organisation anchors among the pre-modifiers of a noun (left of stop)."""
    out = []
    for c in cands:
        if c.absorbed or c.end > stop or c.start < head.left_edge.i:
            continue
        if c.actor.kind in ("state", "organisation", "group") and (c.actor.country or c.actor.code):
            # the anchor must hang off this noun phrase, not a nested clause
            root = doc[c.start:c.end].root
            if root.head.i == head.i or root.head.i in range(c.end, stop + 1) \
                    or root.dep_ in ("poss", "compound", "amod", "nmod"):
                out.append(c)
            elif root.dep_ == "conj" and out and out[-1].start <= root.head.i < out[-1].end:
                out.append(c)  # "U.S. and Iraqi officials": "Iraqi" is a conjunct of "U.S."
    return out


def _modifier_anchor(doc, head, cands: list[Cand], stop: int,
                     prefer_state: bool = False) -> Cand | None:
    """The anchor that gives a noun phrase its actor: the rightmost one
    ("US State Department spokesperson"), or for a person the rightmost state
    ("British Deputy U.N. Ambassador James Kariuki" is British)."""
    found = _modifier_anchors(doc, head, cands, stop)
    if prefer_state:
        states = [c for c in found if c.actor.kind == "state" and c.actor.country]
        if states:
            return states[-1]
    return found[-1] if found else None


def _prep_anchor(doc, head, cands: list[Cand]) -> Cand | None:
    """X in "officials from X", "president of X", "rebels in X"."""
    for child in head.rights:
        if head.lower_ in FACILITY_NOUNS and child.lower_ in LOCATIVE_PREPS:
            continue  # "its consulate in Damascus" is not Syria's (context.facilities)
        if child.dep_ == "prep" and child.lower_ in FROM_PREPS:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    c = _covering(cands, pobj.i)
                    if c is not None and c.actor.kind in ("state", "organisation") \
                            and c.actor.country and c.actor.kind != "person":
                        return c
    return None


def _combine(anchor: Actor, role_sector_: str | None, role_word: str, lex: Lexicon) -> Actor:
    if anchor.kind in ("organisation", "group"):
        if anchor.sector in ("IGO", "NGO"):
            return anchor  # "G7 foreign ministers", "U.N. officials": still the IGO
        sector = anchor.sector if (role_word in NEUTRAL_ROLES or not role_sector_) \
            else role_sector_
        code = (anchor.country or "") + (sector or "") if anchor.country else anchor.code
        return replace(anchor, sector=sector, code=code)
    sector = role_sector_ or anchor.sector
    actor = state_actor(anchor.country, sector, lex, anchor.name)
    if sector and sector not in STATE_SECTORS:
        actor = replace(actor, kind="group")
    return actor


def _role_compound(tok, cands: list[Cand], roles: Roles) -> bool:
    """A role noun used as a compound of a non-role noun heads its own phrase:
    "a Turkish court ruling" is the Turkish court's act."""
    if _covering(cands, tok.i) is not None or tok.head.i <= tok.i or tok.head.pos_ != "NOUN" \
            or _covering(cands, tok.head.i) is not None:
        return False  # "Foreign Minister Joly" is a title, not an actor of its own
    if not role_sector([tok], roles)[0] or role_sector([tok.head], roles)[0]:
        return False
    mods = [t for t in tok.head.lefts if t.i < tok.i] + list(tok.lefts)
    return any(t.dep_ in ("amod", "compound", "poss") for t in mods)


def _absorb_party(doc, cands: list[Cand], lo: int, hi: int) -> None:
    """Drop the bare NORP mention of a party word that a phrase has taken in."""
    for c in cands:
        if c.rule == "ner:NORP" and lo <= c.start and c.end <= hi \
                and doc[c.start].lower_ in PARTY_WORDS:
            c.absorbed = True


def _org_role_person(doc, head, own: Cand, cands: list[Cand], lex: Lexicon) -> None:
    """An organisation name ending in a person role ("U.N. envoy") names a person;
    a state modifier gives the person's country ("China's U.N. envoy")."""
    a, role = own.actor, head.lower_
    anchor = _modifier_anchor(doc, head, cands, own.start, prefer_state=True)
    if anchor is not None and anchor.actor.kind == "state" and anchor.actor.country:
        cc = anchor.actor.country
        own.actor = Actor(name=f"{lex.country_names.get(cc, cc)} {role}", code=cc + "GOV",
                          country=cc, sector="GOV", kind="person", role=role,
                          org=None if a.name.lower().endswith(role) else a.name)
        own.start = min(own.start, anchor.start)
        anchor.absorbed = True
    else:
        own.actor = replace(a, kind="person", role=role, id=None,
                            org=None if a.name.lower().endswith(role) else a.name)
    own.role_word = role
    own.rule += "+person"


def compose(doc, cands: list[Cand], lex: Lexicon, roles: Roles) -> list[Cand]:
    """Noun-phrase composition and titles: see the module docstring."""
    out: list[Cand] = []
    for head in doc:
        if head.pos_ not in ("NOUN", "PROPN") or head.dep_ in ("amod", "flat"):
            continue
        if head.dep_ == "compound" and not _role_compound(head, cands, roles):
            continue
        own = _covering(cands, head.i)
        # title + name: "Iranian President Ebrahim Raisi", "President Kagame"
        if own is not None and own.actor.kind == "person":
            toks = [t for t in doc[head.left_edge.i:own.start]
                    if t.pos_ in ("NOUN", "PROPN", "ADJ") and _covering(cands, t.i) is None]
            sector, n = role_sector(toks, roles) if toks else (None, 0)
            if sector is None and toks and toks[-1].lower_.rstrip(".") in LEG_TITLES \
                    and toks[-1].text[:1].isupper():
                sector, n = "LEG", 1
            anchor = _modifier_anchor(doc, head, cands, own.start, prefer_state=True)
            orgs = [c for c in _modifier_anchors(doc, head, cands, own.start)
                    if c.actor.kind == "organisation" and c is not anchor]
            # "Russia's Foreign Ministry spokeswoman X": an unknown ORG in the title
            orgs += [c for c in cands if not c.absorbed and c.rule == "ner:ORG"
                     and c.start >= head.left_edge.i and c.end <= own.start and c not in orgs]
            orgs.sort(key=lambda c: c.start)
            if anchor is None and sector in ("LEG",) and any(
                    t.lower_ in PARTY_WORDS for t in doc[head.left_edge.i:own.start]):
                anchor = Cand(own.start, own.start, state_actor("USA", None, lex), "party")
                _absorb_party(doc, cands, head.left_edge.i, own.start)
            if sector or anchor is not None:
                title = " ".join(t.text for t in toks[len(toks) - n:]).lower() if n else None
                actor = own.actor
                if actor.country is None and anchor is not None:
                    actor = replace(actor, country=anchor.actor.country,
                                    org=anchor.actor.name if anchor.actor.kind == "organisation"
                                    else actor.org)
                    sec = _combine(anchor.actor, sector, title or "", lex).sector
                    actor = replace(actor, sector=sec,
                                    code=(actor.country or "") + (sec or "") or None)
                elif actor.sector is None and sector:
                    actor = replace(actor, sector=sector,
                                    code=(actor.country or "") + sector if actor.country else None)
                elif sector == "ELI" and actor.country and actor.sector != "ELI":
                    # "former president Carlos Menem": the text puts the person out of
                    # office, whatever period the data (or no publication date) gives
                    actor = replace(actor, sector="ELI", code=actor.country + "ELI", role=title)
                if anchor is not None and anchor.actor.kind == "organisation" and not actor.org:
                    actor = replace(actor, org=anchor.actor.name)
                if orgs and not actor.org:
                    actor = replace(actor, org=orgs[-1].actor.name)
                for o in orgs:
                    o.absorbed = True
                if title and not actor.role:
                    actor = replace(actor, role=title)
                if anchor is not None and title and actor.country \
                        and _igo_office(anchor.actor, title):
                    # "U.N. mediator X": the office wins over the person's nationality
                    actor = _in_office(actor, anchor.actor, title)
                start = min([own.start] + ([anchor.start] if anchor else [])
                            + ([toks[len(toks) - n].i] if n else []))
                own.actor, own.start = actor, start
                own.rule = own.rule + "+title"
                if anchor is not None:
                    anchor.absorbed = True
            continue
        if own is not None and own.actor.kind == "organisation" and head.i == own.end - 1 \
                and head.tag_ == "NN" and head.lower_ in PERSON_ROLES:
            # "China's U.N. envoy": one person (a Chinese diplomat at the UN)
            _org_role_person(doc, head, own, cands, lex)
            continue
        if own is not None:
            # an organisation with a country modifier: "US State Department"
            anchor = _modifier_anchor(doc, head, cands, own.start)
            if anchor is not None and anchor is not own and own.actor.kind == "organisation" \
                    and own.actor.country is None and anchor.actor.country \
                    and own.actor.sector not in ("IGO", "NGO"):  # "Hague-based ICJ" is no Dutch court
                sector, _ = role_sector(list(doc[own.start:own.end]), roles)
                own.actor = replace(own.actor, country=anchor.actor.country,
                                    sector=sector or own.actor.sector,
                                    code=(anchor.actor.country or "") + (sector or ""))
                own.start = anchor.start
                own.rule += "+modifier"
                anchor.absorbed = True
            elif anchor is not None and anchor is not own and own.actor.sector in ("IGO", "NGO") \
                    and doc[anchor.end:anchor.end + 2].text.replace(" ", "") in BASED:
                own.start = anchor.start  # "the Hague-based ICJ": the seat is where, not who
                anchor.absorbed = True
            elif anchor is None and own.actor.kind == "organisation" and own.actor.country is None \
                    and own.rule.startswith("ner") and head.i == own.end - 1:
                # "the Supreme Court of Pakistan": an institution noun with "of <state>"
                sector, _ = role_sector(list(doc[own.start:own.end]), roles)
                prep = _prep_anchor(doc, head, cands) if sector else None
                if prep is not None and prep.actor.kind == "state":
                    own.actor = replace(own.actor, country=prep.actor.country, sector=sector,
                                        code=prep.actor.country + sector)
                    own.end, own.rule = prep.end, own.rule + "+prep"
                    prep.absorbed = True
            elif anchor is not None and anchor is not own and anchor.actor.kind == "state" \
                    and own.actor.country == anchor.actor.country \
                    and own.actor.kind in ("organisation", "group"):
                own.start = anchor.start
                anchor.absorbed = True
            continue
        # a role noun: "North Korean officials", "South Korea's spy agency",
        # "officials from Pyongyang", "president of Armenia"
        lo = head.i
        while lo > 0 and doc[lo - 1].dep_ in ("compound", "amod") and doc[lo - 1].head.i >= head.i \
                and _covering(cands, lo - 1) is None:
            lo -= 1
        body = _unnamed_body(doc, lo, head, cands)
        if body is not None:
            out.append(body)
            continue
        sector, n = role_sector(list(doc[lo:head.i + 1]), roles)
        if not sector:
            continue
        role_word = head.lower_
        if role_word in NEUTRAL_ROLES and lo < head.i - n + 1:
            # "army spokesperson": the modifier says whom the person speaks for
            mod_sector, m = role_sector(list(doc[lo:head.i - n + 1]), roles)
            if mod_sector:
                sector, n = mod_sector, n + m
        found = _modifier_anchors(doc, head, cands, head.i - n + 1)
        rule = "modifier"
        if not found:
            prep = _prep_anchor(doc, head, cands)
            found = [prep] if prep is not None else []
            rule = "prep"
        if not found and sector == "LEG":
            # "Republican lawmakers": a US party word stands for the country
            party = [t for t in doc[head.left_edge.i:head.i] if t.lower_ in PARTY_WORDS]
            if party:
                _absorb_party(doc, cands, party[0].i, head.i)
                c = Cand(party[0].i, head.i + 1, state_actor("USA", "LEG", lex), "party")
                c.role_word = head.lower_
                out.append(c)
                continue
        if not found and role_word in AIDE_ROLES:
            aide = _aide_of(doc, head, cands)
            if aide is not None:
                out.append(aide)
                continue
        if not found:
            continue
        phrase = " ".join(t.lower_ for t in doc[head.i - n + 1:head.i + 1])
        person = head.tag_ in ("NN", "NNP") and (role_word in PERSON_ROLES or phrase in PERSON_ROLES)
        coordinated = rule == "modifier" and len(found) > 1 and any(
            doc[c.start:c.end].root.dep_ == "conj" for c in found)
        if not coordinated:
            states = [c for c in found if c.actor.kind == "state"]
            found = [states[-1] if person and states else found[-1]]
        for k, anchor in enumerate(found):
            actor = _combine(anchor.actor, sector, role_word, lex)
            if person and actor.kind == "state":
                actor = replace(actor, kind="person", role=phrase, id=None,
                                name=f"{actor.name} {phrase}".strip())
            last = k == len(found) - 1
            if rule == "modifier":
                start, end = anchor.start, (head.i + 1 if last else anchor.end)
            else:
                start, end = head.i - n + 1, anchor.end
            inner = [o for o in cands if o.rule == "ner:ORG" and not o.absorbed
                     and start <= o.start and o.end <= end]
            for o in inner:  # "Iran's Foreign Ministry spokesman"
                o.absorbed = True
                if actor.kind == "person" and not actor.org:
                    actor = replace(actor, org=o.actor.name)
            c = Cand(start, end, actor, f"{rule}:{anchor.rule}"
                     + ("+coordination" if coordinated else ""))
            c.role_word = phrase
            anchor.absorbed = True
            out.append(c)
    cands = [c for c in cands if not c.absorbed] + out
    cands.sort(key=lambda c: (c.start, -c.end))
    return cands


def _unnamed_body(doc, lo: int, head, cands: list[Cand]) -> Cand | None:
    """"a human rights group", "aid agencies" (NGO), "a regional peacekeeping
    force" (IGO): an unnamed non-state body with no state or organisation
    modifying it; a modified one ("UN peacekeepers") is composed as usual."""
    words = tuple(t.lower_ for t in doc[max(lo, head.i - 1):head.i + 1])
    sector = UNNAMED_BODIES.get(words) or UNNAMED_BODIES.get(words[-1:])
    if sector is None or _modifier_anchors(doc, head, cands, head.i) \
            or _prep_anchor(doc, head, cands) is not None \
            or any(t.dep_ == "poss" for t in head.lefts):  # "its peacekeeping forces"
        return None
    start = min(lo, head.left_edge.i)
    while start < head.i and doc[start].dep_ in ("det", "poss", "predet"):
        start += 1  # "a human rights group" -> "human rights group"
    return Cand(start, head.i + 1, Actor(name=doc[start:head.i + 1].text, code=sector,
                                         sector=sector, kind="organisation"), "unnamed-body")


def _aide_of(doc, head, cands: list[Cand]) -> Cand | None:
    """"Guterres' spokesman": a person's aide acts for the same office."""
    for c in cands:
        root = doc[c.start:c.end].root
        if c.absorbed or c.actor.kind != "person" or root.dep_ != "poss" \
                or root.head.i != head.i or not (c.actor.country or c.actor.code):
            continue
        b, role = c.actor, head.lower_
        aide = Cand(c.start, head.i + 1, replace(b, name=f"{b.name}'s {role}", id=None,
                                                 role=role), "aide:" + c.rule)
        aide.role_word = role
        c.absorbed = True
        return aide
    return None


# Titles of a state's envoy to an IGO: "U.N. Ambassador X" is still a national official.
NATIONAL_ENVOYS = ("ambassador", "representative", "delegate", "envoy to")


def _igo_office(actor: Actor, role: Cand | str | None) -> bool:
    """An IGO/NGO role phrase ("the United Nations Emergency Relief Coordinator")."""
    role = role.role_word if isinstance(role, Cand) else role
    return bool(role) and actor.country is None and actor.sector in ("IGO", "NGO") \
        and not any(w in role for w in NATIONAL_ENVOYS)


def _in_office(person: Actor, office: Actor, role: str | None) -> Actor:
    return replace(person, country=None, sector=office.sector, code=office.code,
                   org=office.name, role=role or person.role)


def to_mentions(doc, cands: list[Cand]) -> list[Mention]:
    """Candidates -> Mention records with character offsets, sorted by start."""
    out = []
    for c in cands:
        span = doc[c.start:c.end]
        out.append(Mention(text=span.text, start=span.start_char, end=span.end_char,
                           actor=c.actor, rule=c.rule))
    out.sort(key=lambda m: (m.start, -m.end))
    return out
