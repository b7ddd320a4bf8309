"""Is the event a fact, a claim, a denial, a plan, a possibility or a negation?

Read from the parse alone (the quotes stage, when present, only adds links):
markers on the trigger itself first (negation, modals, "will", "alleged"),
then the predicates that embed it, nearest first ("accused X of …",
"denied …", "plans to …", "threatened to …", "if …"), then a question mark.
"""

from __future__ import annotations

from ..nlp import doc_text
from ..quotes.lexicon import lexicon as _cue_lexicon
from .syntax import token_sent, token_table

_NEG = frozenset({"not", "n't", "never", "no"})
_FUTURE = frozenset({"will", "shall", "'ll", "wo"})
_MODAL = frozenset({"could", "would", "might", "may", "should", "must", "can", "ca", "ought"})
# Claim, denial and hedge words are the quotes stage's cue vocabulary (data/quotes/cues.tsv),
# one list per concept for both stages.
_CUES = _cue_lexicon().cues
_CLAIM_WORDS = _CUES["hedge"]
CLAIM_VERBS = _CUES["accuse"] | _CUES["allege"]
DENY_VERBS = _CUES["denial"]
PLAN_VERBS = frozenset({"plan", "intend", "schedule", "expect", "prepare", "aim", "set", "agree",
                        "pledge", "promise", "vow", "decide", "offer", "propose", "commit", "seek",
                        "want", "hope", "try", "attempt", "arrange", "consider"})
# "refused to deploy", "failed to reach": the embedded act did not happen
NEG_VERBS = frozenset({"refuse", "decline", "fail", "forbid", "prevent", "stop", "avoid"})
HYPO_VERBS = frozenset({"threaten", "urge", "ask", "call", "demand", "request", "warn", "press",
                        "appeal", "fear", "predict", "speculate", "suggest", "wonder", "push"})
_PLAN_NOUNS = frozenset({"plan", "intention", "proposal", "bid", "attempt", "effort"})
_PLAN_ADJS = frozenset({"willing", "ready", "prepared", "eager", "determined", "poised", "due"})
SPEECH_VERBS = _CUES["speech"] | _CUES["report_verb"] | _CUES["confirmation"]
_COND_MARKS = frozenset({"if", "unless", "whether"})
_ATTEMPT_VERBS = frozenset({"attempt", "try"})
_ATTEMPTED_IS_DONE = frozenset({"ASSAULT", "COERCE"})
_EMBED_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "advcl", "pobj", "prep", "dobj", "acomp",
                         "conj", "relcl", "acl", "nsubj", "nsubjpass", "attr", "oprd", "csubj"})


def _own_markers(tok) -> tuple[str, str] | None:
    deps = [(c.dep_, c.lower_) for c in tok.children]
    for dep, low in deps:
        if dep == "neg" or (dep in ("det", "advmod") and low in ("no", "never")):
            return "negated", f"neg:{low}"
    for dep, low in deps:
        if dep == "aux" and low == "would" and _reported_future(tok):
            return "planned", "future:would-reported"  # "said it would withdraw"
        if dep == "aux" and low in _MODAL:
            return "hypothetical", f"modal:{low}"
        if dep == "aux" and low in _FUTURE:
            return "planned", f"future:{low}"
        if dep in ("amod", "advmod") and low in _CLAIM_WORDS:
            return "claimed", f"hedge:{low}"
        if dep == "mark" and low in _COND_MARKS:
            return "hypothetical", f"conditional:{low}"
    # "is going to / is about to / is set to" + verb
    if tok.dep_ == "xcomp" and tok.head.lemma_ in ("go", "about") and \
            any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and \
            tok.head.tag_ == "VBG":
        return "planned", "future:going-to"
    return None


def _reported_future(tok) -> bool:
    """'X said/announced (that) it would ...' with no condition: future in the past."""
    if tok.dep_ not in ("ccomp",) or tok.head.lemma_.lower() not in SPEECH_VERBS:
        return False
    return not any(c.dep_ in ("advcl",) and any(g.dep_ == "mark" and g.lower_ in _COND_MARKS
                                                 for g in c.children) for c in tok.children)


# Verbs and nouns whose object is the *content* of a wish, plan or claim
# ("demanded the withdrawal", "calls for sanctions", "plans for a blockade"):
# the event named by the object has not happened.
_WISH_VERBS = HYPO_VERBS | frozenset({"seek", "want", "need", "propose", "consider"})
_WISH_NOUNS = frozenset({"call", "demand", "appeal", "request", "threat", "fear", "warning",
                         "risk", "prospect", "possibility", "ultimatum", "push", "bid"})
_NOMINAL_PLAN = PLAN_VERBS | frozenset({"accept"})


def _nominal_status(noun) -> tuple[str, str] | None:
    """Status of an event noun from the word it is the object of, or None (walk on).

    An event noun that is the object of a wish, plan or claim is that act's
    content ("demanded the withdrawal" → hypothetical); a definite,
    possessed or agent-modified event noun that is the object of any other
    word refers to an event that exists ("trying to break an Israeli
    blockade", "condemned the strike"): reported.
    """
    dep = noun.dep_
    if dep == "pobj" and noun.head.dep_ in ("prep", "agent"):
        gov = noun.head.head
    elif dep in ("dobj", "attr", "oprd"):
        gov = noun.head
    else:
        return None
    lemma = gov.lemma_.lower()
    if gov.pos_ in ("VERB", "AUX", "ADJ"):
        if lemma in DENY_VERBS:
            return "denied", f"nominal-object:{lemma}"
        if lemma in CLAIM_VERBS:
            return "claimed", f"nominal-object:{lemma}"
        if lemma in _WISH_VERBS:
            return "hypothetical", f"nominal-object:{lemma}"
        if lemma in _NOMINAL_PLAN or lemma in _PLAN_ADJS:
            return "planned", f"nominal-object:{lemma}"
    elif gov.pos_ in ("NOUN", "PROPN"):
        if lemma in ("lack", "absence") and dep == "pobj" and noun.head.lower_ == "of":
            return "negated", f"nominal-object:{lemma}"  # "the lack of a concession"
        if lemma in _WISH_NOUNS:
            return "hypothetical", f"nominal-object:{lemma}"
        if lemma in _PLAN_NOUNS or lemma in ("offer", "promise", "pledge", "proposal"):
            return "planned", f"nominal-object:{lemma}"
        if lemma in ("claim", "accusation", "allegation", "charge", "rumor", "suspicion"):
            return "claimed", f"nominal-object:{lemma}"
    specific = any(c.dep_ in ("poss",) or (c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those"))
                   or (c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE", "ORG"))
                   for c in noun.children)
    if specific:
        return "reported", "nominal:presupposed"
    return None


def _purpose_clause(tok) -> bool:
    """'gave a grant to finance projects', 'visited X to mediate': an aim, not a done act.

    An infinitive ("to" + verb) hanging as an adverbial clause from a verb,
    or as the clause of a noun ("an agreement to increase trade"), names
    what the act is for; the PLOVER manual codes only what was done, so the
    aim is an intention (hypothetical: it may not follow). Control verbs ("agreed to", "refused
    to") attach their infinitive as xcomp and are handled by their lemma.
    """
    if tok.dep_ not in ("advcl", "acl") or tok.pos_ not in ("VERB", "AUX"):
        return False
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children)


def event_status(trigger, entry_type: str | None = None, nominal: bool = False) -> tuple[str, str]:
    """Status of the event whose predicate is ``trigger``, and the rule that decided it.

    ``nominal`` marks an event noun ("the blockade"), whose status comes from
    the word it is the object of (see ``_nominal_status``).

    >>> # "Russia denied attacking the convoy": attacking → ("denied", "governor:deny")
    """
    own = _own_markers(trigger)
    if own:
        return own
    if nominal:
        found = _nominal_status(trigger)
        if found:
            return found
    tok, steps = trigger, 0
    while tok.dep_ in _EMBED_DEPS and tok.head is not tok and steps < 5:
        dep = tok.dep_
        head = tok.head
        steps += 1
        if dep == "relcl":  # a relative clause says nothing about its head's status
            break
        lemma = head.lemma_.lower()
        if lemma in DENY_VERBS and dep not in ("nsubj", "nsubjpass", "conj"):
            return "denied", f"governor:{lemma}"
        if lemma in _ATTEMPT_VERBS and dep == "xcomp" and entry_type in _ATTEMPTED_IS_DONE \
                and not _own_markers(head):
            # "attempted to assassinate", "tried to storm": an attempted attack is an attack
            return "reported", f"governor:{lemma}-done"
        if lemma in NEG_VERBS and dep in ("xcomp", "pcomp", "prep"):
            return "negated", f"governor:{lemma}"
        if dep == "xcomp" and lemma in ("have", "be") and any(
                c.dep_ == "advmod" and c.lower_ == "yet" for c in head.children):
            return "negated", "governor:yet-to"  # "has yet to concede", "is yet to arrive"
        if lemma in CLAIM_VERBS and dep not in ("nsubj", "nsubjpass", "conj"):
            return "claimed", f"governor:{lemma}"
        if head.pos_ == "NOUN" and lemma in ("claim", "accusation", "allegation", "charge",
                                             "report", "rumor", "suspicion"):
            return "claimed", f"governor:{lemma}"
        if head.pos_ == "NOUN" and lemma in _PLAN_NOUNS and dep in ("acl", "prep", "pobj"):
            return "planned", f"governor:{lemma}"
        if dep in ("xcomp", "ccomp", "advcl", "pcomp", "prep", "pobj", "acomp"):
            if (lemma in PLAN_VERBS or lemma in _PLAN_ADJS) and dep in ("xcomp", "ccomp", "pcomp", "prep", "pobj"):
                return "planned", f"governor:{lemma}"
            if lemma in HYPO_VERBS and dep in ("xcomp", "ccomp", "pcomp", "prep", "pobj"):
                return "hypothetical", f"governor:{lemma}"
            marks = {c.lower_ for c in tok.children if c.dep_ == "mark"}
            if marks & _COND_MARKS:
                return "hypothetical", "conditional:" + "/".join(sorted(marks & _COND_MARKS))
        if _purpose_clause(tok):
            if entry_type == "PROTEST" and tok is trigger and _own_markers(head) is None:
                # "began a hunger strike to protest", "shunned work to protest":
                # doing something to protest is protesting
                return "reported", f"purpose-protest:{lemma}"
            return "hypothetical", f"purpose:{lemma}"
        if dep in ("xcomp", "pcomp", "acomp", "prep", "pobj", "dobj"):
            head_marks = _own_markers(head)
            if head_marks and head_marks[0] in ("negated", "hypothetical", "planned") and \
                    head.lemma_ not in SPEECH_VERBS:
                return head_marks[0], "governor-" + head_marks[1]
        if dep == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            inherited = _own_markers(head)
            if inherited and inherited[0] != "claimed":
                return inherited[0], "conj-" + inherited[1]
        tok = head
    sent = token_sent(trigger)
    # (the document's text, not ``Span.text``, which joins the tokens anew at every call)
    sent_text = doc_text(trigger.doc)[sent.start_char:sent.end_char].rstrip().rstrip('"”\'')
    if sent_text.endswith("?"):
        return "hypothetical", "question"
    return "reported", "default"


def attribution(trigger, index) -> tuple[object | None, str]:
    """The actor on whose word the event is reported ("X said", "according to X")."""
    from .roles import phrase_mention  # local: roles imports nothing from here

    tok, steps = trigger, 0
    while tok.head is not tok and steps < 6:
        head = tok.head
        steps += 1
        lemma = head.lemma_.lower()
        if ((lemma in SPEECH_VERBS and tok.dep_ in ("ccomp", "parataxis"))
                or (lemma in CLAIM_VERBS and tok.dep_ in ("ccomp", "prep", "xcomp"))) \
                and head is not trigger:
            for c in head.children:
                if c.dep_ in ("nsubj", "nsubjpass") and c.i != trigger.i:
                    m = phrase_mention(c, index)
                    if m is not None:
                        return m.actor, f"speech:{head.lemma_}"
        tok = head
    sent = token_sent(trigger)
    lower = token_table(trigger.doc).lower
    for i in range(sent.start, sent.end):
        if lower[i] == "according" and i + 1 < sent.end and lower[i + 1] == "to":
            for pobj in trigger.doc[i + 1].children:
                if pobj.dep_ == "pobj":
                    m = phrase_mention(pobj, index)
                    if m is None:
                        m = _agency_antecedent(pobj, index)
                    if m is not None:
                        return m.actor, "according-to"
    # "..., KCNA said." parsed as the root with the event clause as ccomp is
    # handled above; a trailing speech verb attached elsewhere is caught here
    root = sent.root
    if root.lemma_.lower() in SPEECH_VERBS and root.i > trigger.i and root is not trigger:
        for c in root.children:
            if c.dep_ == "nsubj":
                m = phrase_mention(c, index)
                if m is not None:
                    return m.actor, f"speech:{root.lemma_}"
    return None, ""


def _agency_antecedent(token, index):
    """'according to the agency' → the last organisation/media actor named before."""
    if token.lower_ not in ("agency", "ministry", "report", "newspaper", "outlet", "statement",
                            "broadcaster", "service", "channel"):
        return None
    for m in reversed(index.before(token.idx)):
        if m.actor.kind in ("organisation", "organization", "media") or m.actor.sector == "MED":
            return m
    return None
