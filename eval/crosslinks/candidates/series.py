# Candidate proposer used to build eval/crosslinks (proposals only; every pair was read and judged by hand).
# Usage: series.py DOC_ID... prints the claim/response-cue sentences of each document (used to read clusters).
import os
import json,re,sys
D={json.loads(l)['doc_id']:json.loads(l) for l in open(os.path.join(os.path.dirname(os.path.abspath(__file__)),'..','..','annotated','docs.jsonl'))}
CUE=re.compile(r'\b(accus\w*|alleg\w*|claim\w*|blam\w*|suspect\w*|purported\w*|reportedly|report(s|ed)?|den(y|ies|ied|ial)\w*|refut\w*|dismiss\w*|confirm\w*|admit\w*|rebut\w*|reject\w*|acknowledg\w*|insist\w*|false|untrue|no evidence|misled|lie[sd]?)\b',re.I)
for k in sys.argv[1:]:
    d=D[k]; print('#####',k,d['published'][:10],d['title'])
    for s in re.split(r'(?<=[.!?])\s+',d['text']):
        if CUE.search(s): print('  *',s.strip()[:400])
