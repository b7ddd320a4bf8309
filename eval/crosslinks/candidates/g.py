# Candidate proposer used to build eval/crosslinks (proposals only; every pair was read and judged by hand).
# From annotators' in-document claims and responses (gold.jsonl): sentences in other documents within 10 days with the opposite cue and shared rare entities.
import os
import json,re,collections,datetime,math
docs={json.loads(l)['doc_id']:json.loads(l) for l in open(os.path.join(os.path.dirname(os.path.abspath(__file__)),'..','..','annotated','docs.jsonl'))}
g=[json.loads(l) for l in open(os.path.join(os.path.dirname(os.path.abspath(__file__)),'..','..','annotated','gold.jsonl'))]
STOP=set('The A An In On At Of And For To By With From As It This That He She They His Her Its Their After Before During But Or President Prime Minister Government Officials Police Ministry Former State New According However VOA United States Foreign Defense Defence General Secretary Court Supreme National Army Republic People Party'.split())
def ents(s): return set(w for w in re.findall(r"\b[A-Z][a-zA-Z\-]{2,}\b",s) if w not in STOP)
df=collections.Counter()
E={k:ents(d['text']) for k,d in docs.items()}
for v in E.values(): df.update(v)
dt=lambda s: datetime.date.fromisoformat(s[:10])
RS=re.compile(r'\b(den(y|ies|ied|ial)\w*|refut\w*|dismiss\w*|confirm(s|ed)?\b|admit\w*|rebut\w*|reject\w*|deni\w*)',re.I)
CL=re.compile(r'\b(accus\w*|alleg\w*|claim\w*|blam\w*|suspect\w*|purported\w*|reportedly|reports?|reported)\b',re.I)
items=[]
for x in g:
    for c in x['claims']: items.append(('C',x['doc_id'],c['content'],' '.join(c['claimant'])+' '+' '.join(a for grp in c['accused'] for a in grp)+' '+c['content']))
    for r in x['responses']: items.append(('R',x['doc_id'],r['text'],' '.join(r['responder'])+' '+r['text']+' '+str(r['claim'])))
seen=set()
for typ,did,txt,ctx in items:
    d=docs[did]; e=ents(ctx)
    rx=RS if typ=='C' else CL
    hits=[]
    for k,o in docs.items():
        if k==did or abs((dt(o['published'])-dt(d['published'])).days)>10: continue
        for s in re.split(r'(?<=[.!?])\s+',o['text']):
            if not rx.search(s): continue
            sh=[w for w in e if w in s and df[w]<80]
            sc=sum(math.log(3478/df[w]) for w in sh)
            if sc>5: hits.append((sc,k,o['published'][:10],s[:300]))
    hits.sort(key=lambda h:-h[0])
    if hits:
        print(f"=== {typ} {did} {d['published'][:10]}: {txt[:250]}")
        for h in hits[:4]: print(f"   -> {h[1]} {h[2]} [{h[0]:.0f}] {h[3]}")
