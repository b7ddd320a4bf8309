"""Reading the dependency parse: a predicate's prepositions, object, voice and subject.

Shared by the verb, noun and complement detectors (``detect``, ``nouns``,
``complements``); nothing here knows about event types except the few word
classes that decide a role ("with X's help" is no recipient).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .lexicon import Entry

_OBJ_CONTROL = frozenset({"urge", "ask", "call", "force", "order", "persuade", "allow", "help",
                          "press", "encourage", "invite", "tell", "push", "pressure", "compel"})


@dataclass(frozen=True, slots=True)
class TokenTable:
    """Per-token attributes of a Doc as plain lists, indexed by ``Token.i``.

    Reading ``tok.pos_`` makes a Python Token object and looks a string up
    each time; the events stage reads these attributes of every token several
    times (the rule coder's passes, the lexicon readings, the features), so
    it reads them once per document instead.
    """

    lower: list[str]
    lemma: list[str]  # as spaCy gives it (``lemma_``)
    lemma_lower: list[str]
    pos: list[str]
    tag: list[str]
    dep: list[str]
    head: list[int]  # the head's index (the token's own for a root)
    sent: list[int]  # the index of the token's sentence in ``bounds``
    bounds: list[tuple[int, int]]  # (start, end) token indices of each sentence


_TABLE: list = [None, None]  # (doc, table) of the last document: the stage reads one doc at a time


def token_table(doc) -> TokenTable:
    """The ``TokenTable`` of a Doc (computed once per document, for the last one asked)."""
    if _TABLE[0] is doc:
        return _TABLE[1]
    from spacy.attrs import DEP, HEAD, LEMMA, LOWER, POS, TAG

    strings = doc.vocab.strings
    cols = doc.to_array([LOWER, LEMMA, POS, TAG, DEP, HEAD]).T.tolist() if len(doc) else [[]] * 6
    memo: dict[int, str] = {}

    def text(ids: list[int]) -> list[str]:
        out = []
        for h in ids:
            v = memo.get(h)
            if v is None:
                v = memo[h] = strings[h]
            out.append(v)
        return out

    lemma = text(cols[1])
    # (HEAD is the offset to the head, stored unsigned: a negative offset wraps)
    head = [i + (h - (1 << 64) if h >= 1 << 63 else h) for i, h in enumerate(cols[5])]
    bounds = [(sp.start, sp.end) for sp in doc.sents] if len(doc) else []
    sent = [0] * len(doc)
    for k, (a, b) in enumerate(bounds):
        sent[a:b] = [k] * (b - a)
    table = TokenTable(lower=text(cols[0]), lemma=lemma, lemma_lower=[x.lower() for x in lemma],
                       pos=text(cols[2]), tag=text(cols[3]), dep=text(cols[4]), head=head,
                       sent=sent, bounds=bounds)
    _TABLE[:] = [doc, table]
    return table


def token_sent(tok):
    """``tok.sent`` (the sentence Span holding a token), from the document's table: spaCy
    finds it by walking the tokens to the sentence's edges at every call."""
    tt = token_table(tok.doc)
    a, b = tt.bounds[tt.sent[tok.i]]
    return tok.doc[a:b]


@dataclass(slots=True)
class Candidate:
    """A detected predicate before actors, status and dates are attached."""

    entry: Entry
    head: object  # the token whose clause gives status, date and place
    tokens: list = field(default_factory=list)  # tokens of the trigger text
    sources: list = field(default_factory=list)  # tokens filling the source role
    targets: list = field(default_factory=list)  # tokens filling the target role
    pairs_within: list = field(default_factory=list)  # "between A and B": reciprocal fillers
    rules: list = field(default_factory=list)
    mode: str | None = None


def _prt(tok) -> str:
    return " ".join(c.lower_ for c in tok.children if c.dep_ == "prt")


def _preps(tok) -> dict[str, list]:
    out: dict[str, list] = {}
    for c in tok.children:
        if c.dep_ in ("prep", "dative") or (c.dep_ == "prt" and any(g.dep_ == "pobj" for g in c.children)):
            pobjs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if c.dep_ == "dative" and not pobjs:
                pobjs = [c]  # "gave Iran aid": the dative is the noun itself
                out.setdefault("to", []).extend(pobjs)
                continue
            out.setdefault(c.lower_, []).extend(pobjs)
    return out


# Acts whose "of" complement is what is moved, cut or given, so its own
# "with"/"from"/"to" names the recipient; for an investigation of "arms sales
# to Croatia" it would not
_OF_RECIPIENT_TYPES = frozenset({"RETREAT", "SANCTION", "COOPERATE", "SUPPORT", "AID", "CONCEDE"})


def _of_preps(noun) -> dict[str, list]:
    """Prepositional phrases of a noun's "of" complement ("withdrawal of forces from
    Panama", "suspension of air links with Serbia"): where the act's recipient often hangs."""
    out: dict[str, list] = {}
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (g for g in prep.children if g.dep_ == "pobj"):
            for k, v in _preps(pobj).items():
                if k != "of":
                    out.setdefault(k, []).extend(v)
    return out


def _dobj(tok):
    for c in tok.children:
        if c.dep_ in ("dobj", "obj"):
            return c
    return None


# "Israel is opposed to mediation", "Vietnam is committed to opening up":
# adjectival participles whose subject holds the attitude (no by-agent)
_STATIVE_PARTICIPLES = frozenset({"oppose", "commit", "dedicate", "determine", "resolve"})


def _passive(tok) -> bool:
    if tok.lemma_.lower() in _STATIVE_PARTICIPLES and not any(c.dep_ == "agent" for c in tok.children):
        return False
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)


_DOCUMENT_NOUNS = frozenset({"declaration", "statement", "letter", "resolution", "communique",
                             "communiqué", "message", "note", "memorandum", "petition", "report"})


# Verbs whose addressee, in a preposition, is who must do the infinitive.
_PREP_CONTROL = {"call": ("on", "upon"), "appeal": ("to",), "prevail": ("on", "upon")}


def _subject(tok, depth: int = 0) -> list:
    """Tokens of the grammatical source of a verb, following control and coordination."""
    if _passive(tok):
        for c in tok.children:
            if c.dep_ == "agent":
                return [g for g in c.children if g.dep_ == "pobj"]
    else:
        for c in tok.children:
            if c.dep_ in ("nsubj", "csubj", "nsubjpass"):
                if c.lower_ in ("which", "who", "that") and tok.dep_ == "relcl":
                    return [tok.head]
                return [c]
    if depth > 3:
        return []
    head = tok.head
    if tok.dep_ == "acl" and head.pos_ == "NOUN" and head.lemma_.lower() in _DOCUMENT_NOUNS \
            and head.dep_ in ("dobj", "pobj") and head.head is not head:
        # "issued a declaration demanding …": whoever issued it demands
        return _subject(head.head if head.dep_ == "dobj" else head.head.head, depth + 1)
    if tok.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
        if tok.tag_ == "VBN" and not any(c.dep_ == "agent" for c in tok.children) and tok.lemma_ in ("back", "support", "arm", "fund"):
            return []
        return [head]  # "A delegation ..., departed for Iran": the noun did it
    if tok.dep_ == "relcl":
        return [head]
    if tok.dep_ in ("xcomp", "advcl", "conj", "pcomp", "ccomp", "acomp") and head is not tok:
        if tok.dep_ == "xcomp" and _passive(head):
            # "He is scheduled / expected / set to travel": the passive subject acts
            subj = [c for c in head.children if c.dep_ == "nsubjpass"]
            if subj:
                return subj
        if tok.dep_ == "xcomp" and head.lemma_ in _OBJ_CONTROL:
            d = _dobj(head)
            if d is not None:
                return [d]
        if tok.dep_ == "xcomp" and head.lemma_ in _PREP_CONTROL:
            # "called on Russia to withdraw", "appealed to Iran to free": the addressee acts
            addressee = [g for c in head.children if c.dep_ == "prep" and c.i < tok.i
                         and c.lower_ in _PREP_CONTROL[head.lemma_]
                         for g in c.children if g.dep_ == "pobj"]
            if addressee:
                return addressee
        if tok.dep_ == "pcomp" and head.head is not head:
            # "accused X of supplying", "stopped X from entering": the object does it
            d = _dobj(head.head)
            if d is not None:
                return [d]
            return _subject(head.head, depth + 1)
        if tok.dep_ == "ccomp":
            return []
        return _subject(head, depth + 1)
    return []


# "with Albania's help", "with US backing": who helps is no recipient
_HELP_NOUNS = frozenset({"help", "support", "assistance", "backing", "aid", "cooperation",
                         "participation", "consent", "approval", "blessing"})


# "injured two women on Streatham High Road, London": a street is where, not whom
_STREET_NOUNS = frozenset({"road", "street", "avenue", "boulevard", "square", "highway", "lane",
                           "bridge", "plaza", "market", "station", "park"})


def _not_helper(pobj) -> bool:
    """Can this prepositional object be a recipient? Not a helper ("with X's help")
    and not a time ("on Wednesday")."""
    return pobj.lemma_.lower() not in _HELP_NOUNS and pobj.ent_type_ not in ("DATE", "TIME") \
        and not (pobj.head.lower_ in ("on", "at", "in", "near") and pobj.lemma_.lower() in _STREET_NOUNS)
