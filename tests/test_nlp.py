"""The parse: batches bounded by count and characters, output independent of batching."""

from newsevents.nlp import _batches, parse


def test_a_batch_closes_at_its_count_or_its_characters_and_a_long_text_goes_alone():
    texts = ["a" * 5, "b" * 5, "c" * 20, "d", "e", "f", "g"]
    batches = list(_batches(texts, 3, 12))
    assert [len(b) for b in batches] == [2, 1, 3, 1]
    assert [t for b in batches for t in b] == texts  # every text, in order
    assert list(_batches([], 4, 100)) == []
    assert [len(b) for b in _batches(["x"] * 5, 0, 100)] == [1] * 5  # size 0 means one at a time


def test_the_parse_does_not_depend_on_how_texts_are_batched():
    texts = ["Iran fired missiles at Israel on Saturday, the army said.",
             "North Korea's foreign minister visited Tehran. " * 30,
             "Police arrested 12 protesters near the parliament in Kyiv on Monday.",
             "The talks ended without a deal."]

    def annotations(**kw):
        return [[(t.text, t.tag_, t.dep_, t.head.i, t.ent_type_, t.is_sent_start)
                 for t in doc] for doc in parse(texts, **kw)]

    together = annotations(batch_size=8, batch_chars=10**9)
    assert len(together) == len(texts)
    assert annotations(batch_size=8, batch_chars=100) == together
    assert annotations(batch_size=1) == together
