"""Who did it and to whom: map parse-tree phrases to actor mentions.

The actors stage gives mentions as character spans; here a token is linked
to the mention that covers it, and a phrase (a noun with its modifiers) to
the mention inside it that names the actor ("military targets inside
Israel" → Israel; "a delegation headed by North Korea's minister" → the
minister). Pronouns and "the two countries" fall back to simple rules when
the actors stage left them unresolved.
"""

from __future__ import annotations

from dataclasses import replace

from ..models import Actor, Mention
from .syntax import token_sent

# Children searched, in order, for the actor inside a noun phrase.
_MODIFIER_DEPS = ("compound", "amod", "nmod", "poss", "appos", "npadvmod")
_PHRASE_PREPS = frozenset({"of", "from", "in", "inside", "within", "for", "between", "by"})
_REL_PRONOUNS = frozenset({"which", "who", "that", "whom"})
_PRONOUNS = frozenset({"it", "they", "he", "she", "him", "her", "them", "its", "their", "his"})
# "its neighbor", "Israel's ally", "their rivals": another actor, related to the possessor
RELATIONAL = frozenset({"neighbor", "neighbour", "ally", "rival", "enemy", "foe", "partner",
                         "counterpart", "opponent", "adversary", "proxy", "nemesis"})
_GROUP_NOUNS = frozenset({"country", "nation", "side", "state", "government", "neighbor",
                          "neighbour", "party"})
_SPEECH = frozenset({"say", "tell", "report", "announce", "state", "add", "claim", "insist",
                     "write", "confirm"})


class ActorIndex:
    """Token index → Mention for one document, plus article-level memory."""

    def __init__(self, doc, mentions: list[Mention]):
        self.doc = doc
        self.by_token: dict[int, Mention] = {}
        self.mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
        for m in self.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for i in range(span.start, span.end):
                # the narrowest mention wins: "North Korea's minister" vs "North Korea"
                old = self.by_token.get(i)
                if old is None or (m.end - m.start) < (old.end - old.start):
                    self.by_token[i] = m
        self._ends = [m.end for m in self.mentions]
        self._words: dict[str, str] | None = None

    def at(self, token) -> Mention | None:
        return self.by_token.get(token.i)

    def country_word(self, m: Mention) -> str | None:
        """A word of ``m`` that the article names elsewhere as a country ('Palestinian' in
        'Palestinian Islamic Jihad'), or None."""
        if self._words is None:
            self._words = {}
            for o in self.mentions:  # sorted by position: the first naming wins, reproducibly
                if o.actor.kind == "state" and o.actor.country and " " not in o.text:
                    self._words.setdefault(o.text.lower(), o.actor.country)
        for w in m.text.replace("-", " ").split():
            c = self._words.get(w.lower())
            if c:
                return c
        return None

    def before(self, char: int) -> list[Mention]:
        return [m for m in self.mentions if m.end <= char]  # few mentions per article


def conjuncts(token) -> list:
    """The token and every token coordinated with it ("A, B and C")."""
    out, stack = [], [token]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ == "conj")
    return sorted(out, key=lambda t: t.i)


def phrase_mention(token, index: ActorIndex, depth: int = 0,
                   pronouns: bool = True) -> Mention | None:
    """The first mention that names the actor of the phrase headed by ``token``."""
    found = phrase_mentions(token, index, depth, pronouns)
    return found[0] if found else None


def phrase_mentions(token, index: ActorIndex, depth: int = 0,
                    pronouns: bool = True) -> list[Mention]:
    """The mentions that name the actor(s) of the phrase headed by ``token``.

    Coordinated complements count ("officials from Pyongyang and Tehran" →
    both); the head's own mention wins over anything inside the phrase.
    """
    group = group_mentions(token, index)
    if group:  # "the two countries" is two actors even if a mention names one
        return group
    m = index.at(token)
    if m is not None and m.rule.startswith("prep") and pronouns:
        # the actors stage names "consulate in Damascus" by its place; a
        # possessor ("its consulate") says whose it is, and wins
        for child in token.children:
            if child.dep_ == "poss":
                owner = (resolve_pronoun(child, index) if child.lower_ in _PRONOUNS
                         else phrase_mention(child, index, depth + 1, pronouns))
                if owner is not None:
                    return [owner]
    if m is not None and not m.actor.country and not m.actor.code and m.actor.kind != "person":
        m = _with_inner_country(token, m, index, depth, pronouns)
    if m is not None:
        # "officials from Pyongyang and Tehran" may be one mention for the
        # first country: the coordinated complements are actors too
        # ("Hungarian and Romanian officials" likewise)
        out = [m]
        heads = [c for c in token.children if c.dep_ in ("amod", "compound", "nmod")]
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("from", "of"):
                heads.extend(g for g in child.children if g.dep_ == "pobj")
        for h in heads:
            group = conjuncts(h)
            if len(group) < 2:
                continue  # "Iranian-backed rebels": a lone modifier is not a co-actor
            for t in group:  # the actors stage may give each conjunct its own mention
                f = index.at(t)
                if f is not None and all(f.actor != o.actor for o in out):
                    out.append(f)
        return out
    if depth > 3:
        return []
    relational = token.lemma_.lower() in RELATIONAL
    low = token.lower_
    if low in _REL_PRONOUNS and token.head.dep_ == "relcl":
        return phrase_mentions(token.head.head, index, depth + 1, pronouns)
    if token.pos_ == "PRON":
        return []  # resolved by resolve_pronoun, which knows the event's roles
    fallback: list[Mention] = []
    for dep in _MODIFIER_DEPS:
        for child in token.children:
            if child.dep_ == dep and child.lower_ not in _PRONOUNS and not (relational and dep == "poss"):
                found = phrase_mentions(child, index, depth + 1, pronouns)
                if found:
                    # "Hungarian and Romanian officials": coordinated modifiers
                    for t in conjuncts(child)[1:]:
                        for f in phrase_mentions(t, index, depth + 1, pronouns):
                            if all(f.actor != o.actor for o in found):
                                found = [*found, f]
                    if any(_known(f) for f in found):
                        return found
                    # "Coordinated airstrikes by the Somali army": a modifier the
                    # actors stage could not place is kept only if nothing better follows
                    fallback = fallback or found
    for child in token.children:
        # "its consulate in Damascus": the possessor owns the thing, the
        # place only locates it, so the pronoun is tried before the preps
        if pronouns and child.dep_ == "poss" and child.lower_ in _PRONOUNS and not relational:
            m = resolve_pronoun(child, index)
            if m is not None:
                return [m]
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in _PHRASE_PREPS:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    out: list[Mention] = []
                    for t in conjuncts(pobj):
                        for f in phrase_mentions(t, index, depth + 1, pronouns):
                            if all(f.actor != o.actor for o in out):
                                out.append(f)
                    if any(_known(f) for f in out):
                        return out
                    fallback = fallback or out
        if child.dep_ == "acl":  # "a delegation headed by X", "forces led by X"
            for agent in child.children:
                if agent.dep_ == "agent":
                    for pobj in agent.children:
                        if pobj.dep_ == "pobj":
                            found = phrase_mentions(pobj, index, depth + 1, pronouns)
                            if found:
                                return found
    return fallback


def _known(m: Mention) -> bool:
    """Does the mention place its actor (a country or an actor code)?"""
    return bool(m.actor.country or m.actor.code)


def _with_inner_country(token, m: Mention, index: ActorIndex, depth: int, pronouns: bool) -> Mention:
    """An actor the actors stage left without a country takes one named inside its phrase.

    "Ethnic Albanians in south Serbia" → SRB; "the Palestinian Islamic Jihad
    movement" → PSE when "Palestinian" is a country mention elsewhere in the
    article. Only mentions that do exist are used: a modifier, possessor or
    in/from/of complement of the head with its own country mention, else a
    word of the mention itself that the article names as a country.
    """
    inner: Mention | None = None
    if depth <= 3:
        for child in token.children:
            if child.dep_ in ("amod", "compound", "nmod", "poss") and child.lower_ not in _PRONOUNS:
                f = index.at(child)
                if f is not None and f is not m and f.actor.country:
                    inner = f
                    break
            if child.dep_ == "prep" and child.lower_ in ("in", "from", "of", "inside", "within"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        for f in phrase_mentions(pobj, index, depth + 1, pronouns):
                            if f.actor.country and f.actor.kind == "state":
                                inner = f
                                break
                if inner is not None:
                    break
    country = inner.actor.country if inner is not None else None
    if country is None:
        country = index.country_word(m)
    if not country:
        return m
    code = country + (m.actor.sector or "")
    return Mention(text=m.text, start=m.start, end=m.end,
                   actor=replace(m.actor, country=country, code=code), rule="events-inner-country")


def group_mentions(token, index: ActorIndex) -> list[Mention]:
    """'the two countries', 'both sides' → the last two distinct countries named before."""
    if token.lemma_.lower() not in _GROUP_NOUNS or token.tag_ not in ("NNS", "NNPS"):
        return []
    if not any(c.lower_ in ("two", "both") for c in token.children):
        return []
    # the two countries the article has talked about most so far (recency breaks ties)
    count: dict[str, int] = {}
    last: dict[str, tuple[int, Mention]] = {}
    for n, m in enumerate(index.before(token.idx)):
        key = m.actor.country
        if key and m.actor.kind == "state":
            count[key] = count.get(key, 0) + 1
            last[key] = (n, m)
    if len(count) < 2:
        return []
    top = sorted(count, key=lambda k: (count[k], last[k][0]), reverse=True)[:2]
    return [_as_coref(last[k][1], token) for k in top]


def _as_coref(m: Mention, token) -> Mention:
    """The antecedent's actor, anchored at the phrase that refers to it."""
    span = token.doc[token.left_edge.i:token.i + 1]  # Doc.text would rebuild the whole text
    return Mention(text=span.text, start=span.start_char, end=span.end_char, actor=m.actor,
                   rule="events-coref")


def resolve_pronoun(token, index: ActorIndex, avoid: Actor | None = None) -> Mention | None:
    """A fallback antecedent for an unresolved pronoun, by position and role."""
    if token.lower_ not in _PRONOUNS:
        return None
    sent = token_sent(token)
    candidates = [m for m in index.before(token.idx) if m.start >= sent.start_char]
    if token.dep_ in ("nsubj", "nsubjpass"):
        # "X said (that) it was watching" → X
        head = token.head
        while head.dep_ in ("ccomp", "conj", "xcomp") and head.head is not head:
            head = head.head
            if head.lemma_ in _SPEECH:
                speaker = head
                if not any(c.dep_ == "nsubj" for c in head.children) and head.dep_ == "conj":
                    speaker = head.head  # "X rejected the plan and said they …": X said it
                for c in speaker.children:
                    if c.dep_ == "nsubj":
                        m = phrase_mention(c, index, pronouns=False)
                        if m is not None:
                            return _as_coref(m, token)
        prev = [m for m in index.before(sent.start_char)]
        pool = candidates or prev[-3:]
    elif token.dep_ == "poss":
        m = _poss_antecedent(token, index)
        if m is not None:
            return _as_coref(m, token)
        pool = candidates or index.before(sent.start_char)[-3:]
    else:
        pool = candidates or index.before(sent.start_char)[-3:]
    pool = [m for m in pool if avoid is None or m.actor != avoid]
    personal = token.lower_ in ("him", "his", "he", "her", "she")
    for m in reversed(pool):  # agreement first: people for he/she, others for it
        if (m.actor.kind == "person") == personal:
            return _as_coref(m, token)
    return _as_coref(pool[-1], token) if pool else None


_ARG_DEPS = ("dobj", "dative", "iobj", "nsubj", "nsubjpass")


def _poss_antecedent(token, index: ActorIndex) -> Mention | None:
    """'its' → an argument of the nearest clause above it that names an actor.

    Walking up from the pronoun, the first verb whose subject or object
    (named directly, not inside a prepositional phrase) precedes the
    pronoun gives the antecedent, the nearest such argument first (an
    argument that names an actor only through a modifier does not count):
    "Tehran fired missiles at targets inside Israel, in retaliation for a
    strike on its consulate" → Tehran (Israel sits inside a phrase);
    "accused X of supplying Russia with shells for its war" → Russia.
    """
    node, steps = token, 0
    while node.head is not node and steps < 8:
        node = node.head
        steps += 1
        if node.pos_ not in ("VERB", "AUX"):
            continue
        found = []
        for c in node.children:
            if c.dep_ in _ARG_DEPS and c.i < token.i and not (c.left_edge.i <= token.i <= c.right_edge.i):
                m = index.at(c)  # the argument itself, not a modifier ("the Israeli strike")
                if m is not None and m.actor.kind != "person":
                    found.append((c.i, m))
        if found:
            return max(found, key=lambda x: x[0])[1]
    return None


def actor_mentions(token, index: ActorIndex, avoid: Actor | None = None) -> list[Mention]:
    """Mentions for a role filler, with coordination expanded (one per conjunct)."""
    out: list[Mention] = []
    for t in conjuncts(token):
        found = phrase_mentions(t, index)
        if not found:
            m = resolve_pronoun(t, index, avoid)
            found = [m] if m is not None else []
        for m in found:
            if all(m.actor != o.actor for o in out):
                out.append(m)
    return out


def with_text(m: Mention, text: str) -> Mention:
    return replace(m, text=text)
