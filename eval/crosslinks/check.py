#!/usr/bin/env python3
"""Validate the cross-article claim/response gold set in this folder.

Checks, for pairs.jsonl and negatives.jsonl: required fields present; kind is
denial|confirmation; claim_doc and response_doc exist in
eval/annotated/docs.jsonl or this folder's docs.jsonl (documents the
annotated set lacks; never one it has) and differ; claim_text and response_text are exact
substrings of their documents' text; claim_text has at most 30 words; the
cluster exists in clusters.jsonl and lists both documents. Exits 1 on any error.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.join(HERE, '..', 'annotated', 'docs.jsonl')
EXTRA_DOCS = os.path.join(HERE, 'docs.jsonl')
FIELDS = ['claim_doc', 'claim_text', 'claimant', 'accused', 'response_doc',
          'response_text', 'responder', 'kind', 'cluster']


def load(name):
    with open(os.path.join(HERE, name), encoding='utf-8') as f:
        return [json.loads(line) for line in f if line.strip()]


def main():
    docs = {}
    with open(DOCS, encoding='utf-8') as f:
        for line in f:
            d = json.loads(line)
            docs[d['doc_id']] = d['text']
    errors = 0
    if os.path.exists(EXTRA_DOCS):
        for d in load('docs.jsonl'):
            if d['doc_id'] in docs:
                print('ERROR', f"docs.jsonl: {d['doc_id']} is already in eval/annotated/docs.jsonl")
                errors += 1
            docs[d['doc_id']] = d['text']
    clusters = {c['cluster']: set(c['doc_ids']) for c in load('clusters.jsonl')}

    def bad(msg):
        nonlocal errors
        errors += 1
        print('ERROR', msg)

    for cid, ids in clusters.items():
        for i in ids:
            if i not in docs:
                bad(f'{cid}: doc {i} not in docs.jsonl')
    seen = set()
    for fname, extra in (('pairs.jsonl', 'note'), ('negatives.jsonl', 'why_not')):
        for n, r in enumerate(load(fname), 1):
            where = f'{fname}:{n}'
            for k in FIELDS + [extra]:
                if k not in r or r[k] in (None, ''):
                    bad(f'{where}: missing field {k}')
            if r.get('kind') not in ('denial', 'confirmation'):
                bad(f'{where}: bad kind {r.get("kind")!r}')
            if r.get('claim_doc') == r.get('response_doc'):
                bad(f'{where}: claim and response in the same document')
            for dk, tk in (('claim_doc', 'claim_text'), ('response_doc', 'response_text')):
                did, txt = r.get(dk), r.get(tk) or ''
                if did not in docs:
                    bad(f'{where}: {dk} {did} not in docs.jsonl')
                elif not txt or txt not in docs[did]:
                    bad(f'{where}: {tk} is not an exact substring of {did}: {txt[:60]!r}')
            if len((r.get('claim_text') or '').split()) > 30:
                bad(f'{where}: claim_text longer than 30 words')
            c = r.get('cluster')
            if c not in clusters:
                bad(f'{where}: unknown cluster {c}')
            elif r.get('claim_doc') not in clusters[c] or r.get('response_doc') not in clusters[c]:
                bad(f'{where}: documents not listed in cluster {c}')
            key = (r.get('claim_doc'), r.get('claim_text'), r.get('response_doc'), r.get('response_text'))
            if key in seen:
                bad(f'{where}: duplicate pair')
            seen.add(key)
    pos, neg = load('pairs.jsonl'), load('negatives.jsonl')
    print(f'{len(pos)} positive pairs in {len({r["cluster"] for r in pos})} clusters; '
          f'{len(neg)} negatives; {len(clusters)} clusters; {errors} errors')
    sys.exit(1 if errors else 0)


if __name__ == '__main__':
    main()
