"""The parse helpers of the events stage: the per-document token table (issue #16, speed)."""

import pytest

from newsevents.events.syntax import token_sent, token_table


@pytest.fixture(scope="module")
def docs():
    from newsevents.nlp import parse_one
    return [parse_one("Russia's foreign minister did not meet his U.S. counterpart on Monday. "
                      "Was it cancelled? Officials in Kyiv said talks would resume \"soon\"."),
            parse_one("Protesters marched."), parse_one("")]


@pytest.mark.slow
def test_token_table_equals_the_token_attributes(docs):
    for doc in docs:
        tt = token_table(doc)
        got = [(tt.lower[i], tt.lemma[i], tt.lemma_lower[i], tt.pos[i], tt.tag[i], tt.dep[i], tt.head[i])
               for i in range(len(doc))]
        assert got == [(t.lower_, t.lemma_, t.lemma_.lower(), t.pos_, t.tag_, t.dep_, t.head.i) for t in doc]
        assert len(tt.lower) == len(doc)


@pytest.mark.slow
def test_token_sent_is_the_tokens_sentence(docs):
    doc = docs[0]
    assert len(list(doc.sents)) == 3
    for t in doc:
        assert (token_sent(t).start, token_sent(t).end) == (t.sent.start, t.sent.end)
    # the table follows the document asked for, not the last one built
    other = docs[1]
    assert token_table(other).lower == [t.lower_ for t in other]
    assert token_sent(doc[-1]).text == list(doc.sents)[-1].text
