"""Step 2 of the events stage: describe each candidate by named features.

Features are strings (a one-hot reading): the model (``model.py``) holds a
weight per string, so a feature the training data never saw weighs nothing.
They read the trigger (lemma, the lexicon entry's type and origin, the rule
coder's labels: how it found the predicate, its status rule, its speech
link), each side (none / actor kind, sector, how the actor stage found it,
distance and dependency path to the trigger, whether it is the rule coder's
own choice for that role) and the sentence (modal, conditional, negation
and speech cues).
"""

from __future__ import annotations

from .candidates import Candidate, country
from .clusters import load_clusters
from .syntax import token_sent, token_table

# The word-cluster feature groups (``clusters.py``) the coder reads: "tc" the trigger,
# "hc" its governing word, "oc" its object, "sc" the sentence's content words, "gc" the
# word governing each actor. None is on: measured on dev in session 7 (MODEL_CARD.md),
# all five lost 0.01-0.08 type F1 on every dev set and the trigger's alone traded
# recall for precision at equal F1. List groups here and retrain to measure them again
# (``scripts/train_events.py --drop`` takes groups out of a cached run).
CLUSTER_GROUPS: frozenset[str] = frozenset()

_CUES = {
    "would": "modal", "could": "modal", "might": "modal", "may": "modal", "should": "modal",
    "will": "future", "plan": "future", "plans": "future", "planned": "future", "expected": "future",
    "if": "cond", "unless": "cond",
    "not": "neg", "never": "neg", "n't": "neg", "no": "neg", "refused": "neg",
    "accused": "accuse", "accuses": "accuse", "alleged": "accuse", "allegedly": "accuse",
    "claimed": "claim", "claims": "claim", "reportedly": "claim",
    "denied": "deny", "denies": "deny", "rejected": "deny",
    "said": "say", "says": "say", "told": "say", "according": "say",
    "threatened": "threat", "warned": "threat", "urged": "demand", "demanded": "demand",
    "called": "demand",
}


def _bucket(n: int, edges=(0, 1, 2, 4, 8, 16)) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return "more"


def _rule_names(rules) -> list[str]:
    out = []
    for r in rules:
        if r.startswith(("date:", "place:")):
            out.append(r.split(":")[0] + ":" + r.split(":")[1] if ":" in r else r)
        elif r.startswith("roles:") or r.startswith("pair:"):
            continue
        else:
            out.append(r)
    return out


def _path(head, tok, limit: int = 3, tree: tuple[list, list] | None = None) -> str:
    """Dependency labels from the trigger up to the common ancestor and down to the actor.

    ``tree`` is ``_tree(doc)`` (each token's head index and label), read once per document.
    """
    if tok is None:
        return "none"
    heads, deps = tree if tree is not None else _tree(head.doc)
    chain, a = [head.i], head.i
    while heads[a] != a and len(chain) < 12:
        a = heads[a]
        chain.append(a)
    at = {i: k for k, i in enumerate(chain)}
    b, down = tok.i, []
    while b not in at and heads[b] != b and len(down) < 12:
        down.append(deps[b])
        b = heads[b]
    if b not in at:
        return "far"
    up = [deps[i] for i in chain[:at[b]]]
    return "^".join(up[:limit]) + "|" + "v".join(reversed(down[-limit:]))


def _tree(doc) -> tuple[list[int], list[str]]:
    """Each token's head index and dependency label."""
    tt = token_table(doc)
    return tt.head, tt.dep


def _root(doc, m, cache: dict):
    key = (m.start, m.end)
    if key not in cache:
        sp = doc.char_span(m.start, m.end, alignment_mode="expand")
        cache[key] = sp.root if sp is not None and len(sp) else None
    return cache[key]


def _cues(sent, cache: dict) -> list[str]:
    key = ("cues", sent.start)
    if key not in cache:
        lower = token_table(sent.doc).lower
        cache[key] = sorted({_CUES[w] for w in lower[sent.start:sent.end] if w in _CUES})
    return cache[key]


def _side_features(name: str, m, base_m, other_base, head, doc, typ: str, cache: dict) -> list[str]:
    if m is None:
        return [f"{name}=none", f"{name}=none|{typ}", f"{name}=none|base={'none' if base_m is None else 'some'}"]
    key = ("core", name, id(m), head.i)  # what does not depend on the type or the reading's sides
    core = cache.get(key)
    if core is None:
        core = cache[key] = _side_core(name, m, head, doc, cache)
    mine, pre, sec, post, prev, path = core
    if base_m is not None and country(base_m) == mine:
        rel = "base"
    elif other_base is not None and country(other_base) == mine:
        rel = "swapped"
    else:
        rel = "new"
    # (readings of one trigger with other sides often relate to this side alike: one list)
    key = ("side-rel", name, id(m), head.i, typ, rel)
    f = cache.get(key)
    if f is not None:
        return f
    f = cache[key] = [*pre[:2], sec + typ, *pre[2:]]
    f.append(f"{name}={rel}")
    if rel != "swapped":
        f.append(f"{name}={rel}|{typ}")
    f.extend(post)
    if prev:  # an actor of the sentence before
        f.append(prev)
        f.append(f"{prev}|{typ}")
    f.extend(path)
    f.append(f"{path[0]}|{typ}")
    f.extend(f"{x}|{typ}" for x in path[2:])  # (the governing word's clusters)
    return f


def _side_core(name: str, m, head, doc, cache: dict) -> tuple:
    """A side's features that only the mention and the trigger decide, in ``_side_features``'
    order: (country, the first ones, the sector prefix, distance and direction, prevsent, path)."""
    a = m.actor
    pre = (f"{name}.kind={a.kind}", f"{name}.sec={a.sector}", f"{name}.rule={m.rule.split(':')[0]}",
           f"{name}.placed={bool(a.country)}")
    trig = head.idx
    dist = abs(m.start - trig) // 20
    post = (f"{name}.dist={_bucket(dist)}", f"{name}.{'left' if m.start < trig else 'right'}")
    key = ("sentstart", head.i)
    if key not in cache:
        cache[key] = token_sent(head).start_char
    prev = f"{name}.prevsent" if m.start < cache[key] else None
    tok = _root(doc, m, cache)
    key = ("path", head.i, None if tok is None else tok.i)
    if key not in cache:
        if "tree" not in cache:
            cache["tree"] = _tree(doc)
        cache[key] = _path(head, tok, tree=cache["tree"])
    p = cache[key]
    path = (f"{name}.path={p}", f"{name}.path1={p.split('|')[1].split('v')[0] if '|' in p else p}")
    if "gc" in CLUSTER_GROUPS:  # (off: no token walk for it, this runs per side)
        gov = None if tok is None or tok.head.i == tok.i else tok.head
        if gov is not None and gov.dep_ == "prep" and gov.head.i != gov.i:
            gov = gov.head  # ("the *attack* on Kyiv": the word the preposition hangs on)
        if gov is not None and gov.i != head.i:
            # the word that governs the actor, by cluster: what the actor is the object or subject of
            c = load_clusters().get(gov.lower_)
            if c is not None:
                path += (f"{name}.gc256={c[1]}", f"{name}.gc1024={c[2]}")
    return country(m), pre, f"{name}.sec={a.sector}|", post, prev, path


def features(c: Candidate, doc, n_actors: int, cache: dict | None = None) -> list[str]:
    """The feature names of one candidate (for the tuple and type models).

    ``cache`` (one dict per document) keeps what several candidates share.
    """
    trig, src, tgt, pair = feature_groups(c, doc, n_actors, {} if cache is None else cache)
    return list(trig) + src + tgt + pair


def feature_groups(c: Candidate, doc, n_actors: int, cache: dict) -> tuple[list, list, list, list]:
    """``features`` in its four parts: trigger, source side, target side, the pair.

    The first three are shared, cached lists (do not change them): the pairings of one
    reading share their trigger part and often a side, so ``model.Scorer`` weighs each
    part once. No feature name occurs in two parts (their prefixes differ).
    """
    # (the candidate's sides and its reading, not ``c.event``: a re-pairing's event is
    # built only for the candidates kept)
    source, target, head = c.source, c.target, c.head
    key = ("trigger", id(c.base), c.origin, n_actors)  # a reading's pairings share these
    if key not in cache:
        cache[key] = _trigger_features(c, n_actors, cache)
    typ, base, hi = c.type, c.base, head.i
    # (``_side`` inlined: this runs once per candidate)
    k = ("side", "s", id(source), id(base.source), id(base.target), hi, typ)
    src = cache.get(k)
    if src is None:
        src = cache[k] = _side_features("s", source, base.source, base.target, head, doc, typ, cache)
    k = ("side", "g", id(target), id(base.target), id(base.source), hi, typ)
    tgt = cache.get(k)
    if tgt is None:
        tgt = cache[k] = _side_features("g", target, base.target, base.source, head, doc, typ, cache)
    pair = []
    if source is not None and target is not None:
        same = country(source) == country(target)
        pair.append(f"same={same}")
        if same:
            pair.append(f"same|{typ}")
        pair.append(f"pair={source.actor.sector}>{target.actor.sector}|{typ}")
    elif source is None and target is None:
        pair.append("noactors")
    return cache[key], src, tgt, pair


def _trigger_features(c: Candidate, n_actors: int, cache: dict) -> list[str]:
    """What a candidate shares with the other pairings of its reading (trigger, rules, cues)."""
    e, head = c.base, c.head  # (a pairing's event has its reading's type, status, mode, confidence)
    typ = e.type
    key = ("head", head.i)  # (several readings share a trigger)
    if key not in cache:
        deps = {ch.dep_ for ch in head.children}
        sent = token_sent(head)
        cache[key] = (head.lemma_.lower(), head.pos_, "auxpass" in deps, "neg" in deps,
                      _cues(sent, cache), _word_clusters(head), _sentence_clusters(sent, cache))
    lemma, pos, passive, neg, cues, clus, sclus = cache[key]
    f = ["bias", f"t={typ}", f"o={c.origin}", f"o={c.origin}|t={typ}", f"lem={lemma}",
         f"lem={lemma}|t={typ}", f"pos={pos}", f"st={e.status}", f"st={e.status}|t={typ}",
         f"mode={e.mode}", f"conf={round(e.confidence, 1)}", f"nact={_bucket(n_actors)}",
         f"first={c.sent == 0}"]
    for r in _rule_names(c.base.rules):
        f.append(f"r={r}")
    if passive:
        f.append("passive")
    if neg:
        f.append("neg")
    for cue in cues:
        f.append(f"cue={cue}")
        f.append(f"cue={cue}|t={typ}")
    for name in clus:  # (alone and with the reading's type: "is a word like this one a REJECT?")
        f.append(name)
        f.append(f"{name}|t={typ}")
    for name in sclus:  # (what the sentence is about, for this type: troops and shelling, or talks)
        f.append(f"{name}|t={typ}")
    return f


_CONTENT_POS = frozenset(("NOUN", "VERB", "ADJ"))


def _sentence_clusters(sent, cache: dict) -> list[str]:
    """The middle-level clusters of the sentence's content words (a bag, sorted)."""
    key = ("sclus", sent.start)
    if "sc" not in CLUSTER_GROUPS:
        return []
    if key not in cache:
        clusters = load_clusters()
        tt = token_table(sent.doc)
        found = {clusters[w][1] for w, p in zip(tt.lower[sent.start:sent.end], tt.pos[sent.start:sent.end])
                 if p in _CONTENT_POS and w in clusters}
        cache[key] = [f"sc256={c}" for c in sorted(found)]
    return cache[key]


_WORD_GROUPS = frozenset(("tc", "hc", "oc"))
_OBJECT_DEPS = ("dobj", "pobj", "attr", "nsubjpass", "oprd")


def _word_clusters(head) -> list[str]:
    """Cluster features of the trigger (its form and lemma), its governing word and its object."""
    if not CLUSTER_GROUPS & _WORD_GROUPS:  # (no file read while no group is on)
        return []
    clusters = load_clusters()
    if not clusters:
        return []
    out = []

    def add(prefix: str, *words: str) -> None:
        if prefix not in CLUSTER_GROUPS:
            return
        seen = set()
        for w in words:
            c = clusters.get(w)
            if c is not None and c not in seen:
                seen.add(c)
                out.extend(f"{prefix}{lv}={x}" for lv, x in zip(("64", "256", "1024"), c))

    add("tc", head.lower_, head.lemma_.lower())
    gov = head.head
    if gov.i != head.i:
        add("hc", gov.lower_)
    obj = next((ch for ch in head.children if ch.dep_ in _OBJECT_DEPS), None)
    if obj is not None:
        add("oc", obj.lower_)
    return out


def status_features(c: Candidate, cache: dict | None = None) -> list[str]:
    """The feature names the status model reads (the rule coder's status reading and cues)."""
    cache = {} if cache is None else cache
    e, head = c.event, c.head
    f = ["bias", f"st={e.status}", f"t={e.type}", f"st={e.status}|t={e.type}"]
    for r in c.base.rules:
        if r.startswith(("status:", "speech:", "plover:", "attribution:")):
            f.append(f"r={r}")
    if any(ch.dep_ == "neg" for ch in head.children):
        f.append("neg")
    for cue in _cues(token_sent(head), cache):
        f.append(f"cue={cue}")
    f.append(f"tag={head.tag_}")
    return f
