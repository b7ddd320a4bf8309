# Candidate proposer used to build eval/crosslinks (proposals only; every pair was read and judged by hand).
# Story clusters among Current Events items: pairs within 10 days sharing rare entities where either item has a claim/response cue.
import os
import json,re,collections,datetime,math
docs=[json.loads(l) for l in open(os.path.join(os.path.dirname(os.path.abspath(__file__)),'..','..','annotated','docs.jsonl'))]
STOP=set('The A An In On At Of And For To By With From As It This That He She They His Her Its Their After Before During But Or President Prime Minister Government Officials Police Ministry Former State New According However VOA United States Foreign Defense Defence General Secretary Court Supreme National Army Republic People Party Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December'.split())
def ents(s): return set(w for w in re.findall(r"\b[A-Z][a-zA-Z\-]{2,}\b",s) if w not in STOP)
CUE=re.compile(r'\b(accus\w*|alleg\w*|claim\w*|blam\w*|suspect\w*|purported\w*|reportedly|den(y|ies|ied|ial)\w*|refut\w*|dismiss\w*|confirm\w*|admit\w*|rebut\w*|reject\w*|acknowledg\w*)',re.I)
df=collections.Counter(); E={}
for d in docs: E[d['doc_id']]=ents(d['text']); df.update(E[d['doc_id']])
dt=lambda d: datetime.date.fromisoformat(d['published'][:10])
W=[d for d in docs if d['corpus']=='wikipedia_current_events']
W.sort(key=lambda d:d['published'])
for i,a in enumerate(W):
    for b in W[i+1:]:
        if (dt(b)-dt(a)).days>10: break
        sh=[w for w in E[a['doc_id']]&E[b['doc_id']] if df[w]<=20]
        if len(sh)>=1 and (CUE.search(a['text']) or CUE.search(b['text'])):
            sc=sum(math.log(3478/df[w]) for w in sh)
            if sc>=5.5:
                print(f"=== {sh}\n  {a['doc_id']} {a['published'][:10]}: {a['text'][:260]}\n  {b['doc_id']} {b['published'][:10]}: {b['text'][:260]}")
