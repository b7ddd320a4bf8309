# Candidate proposer used to build eval/crosslinks (proposals only; every pair was read and judged by hand).
# Document level: every Wikinews/Current Events document with a response cue vs documents within 10 days sharing a rare named entity (document frequency <= 25).
import os
import json,re,collections,datetime,math
docs=[json.loads(l) for l in open(os.path.join(os.path.dirname(os.path.abspath(__file__)),'..','..','annotated','docs.jsonl'))]
RS=re.compile(r'\b(den(y|ies|ied|ial)\w*|refut\w*|dismiss\w*|confirm\w*|admit\w*|rebut\w*|reject\w*|acknowledg\w*|retract\w*|deni\w*|insists?)',re.I)
CL=re.compile(r'\b(accus\w*|alleg\w*|claim\w*|blam\w*|suspect\w*|purported\w*|reportedly|report(s|ed)?|rumou?r\w*|says?|said)\b',re.I)
STOP=set('The A An In On At Of And For To By With From As It This That He She They His Her Its Their After Before During But Or President Prime Minister Government Officials Police Ministry Former State New According However VOA United States Foreign Defense Defence General Secretary Court Supreme National Army Republic People Party Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December'.split())
def ents(s): return set(w for w in re.findall(r"\b[A-Z][a-zA-Z\-]{2,}\b",s) if w not in STOP)
df=collections.Counter(); E={}
for d in docs: E[d['doc_id']]=ents(d['text']); df.update(E[d['doc_id']])
dt=lambda d: datetime.date.fromisoformat(d['published'][:10])
bd=collections.defaultdict(list)
for d in docs: bd[dt(d)].append(d)
pairs=set()
for d in docs:
    if d['corpus']=='voa': continue
    if not RS.search(d['text']): continue
    if re.search(r'confirmed (cases|deaths|infections)|death toll',d['text'],re.I) and not re.search(r'den(y|ies|ied)|reject',d['text'],re.I): continue
    for k in range(-10,11):
        for o in bd.get(dt(d)+datetime.timedelta(days=k),[]):
            if o['doc_id']==d['doc_id'] or o['corpus']=='voa': continue
            sh=[w for w in E[d['doc_id']]&E[o['doc_id']] if df[w]<=25]
            if sh:
                pairs.add((d['doc_id'],o['doc_id'],tuple(sorted(sh))))
D={d['doc_id']:d for d in docs}
def short(d,sh):
    t=d['text']
    if len(t)>500: t=d['title']+' || '+' | '.join(s for s in re.split(r'(?<=[.!?])\s+',t) if any(w in s for w in sh))[:500]
    return t
for a,b,sh in sorted(pairs):
    print(f"=== R? {a} {D[a]['published'][:10]}: {short(D[a],sh)[:500]}\n    N  {b} {D[b]['published'][:10]}: {short(D[b],sh)[:500]}  {list(sh)}")
