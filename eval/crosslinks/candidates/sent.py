# Candidate proposer used to build eval/crosslinks (proposals only; every pair was read and judged by hand).
# Sentence level: claim-cue sentence in doc A vs response-cue sentence in doc B (dates within 10 days), scored by shared rare words; writes sc.json.
import os
import json,re,collections,datetime,math
docs=[json.loads(l) for l in open(os.path.join(os.path.dirname(os.path.abspath(__file__)),'..','..','annotated','docs.jsonl'))]
CL=re.compile(r'\b(accus\w*|alleg\w*|claim\w*|blam\w*|suspect\w*|purported\w*|reportedly|report(s|ed)?)\b',re.I)
RS=re.compile(r'\b(den(y|ies|ied|ial)\w*|reject\w*|refut\w*|dismiss\w*|confirm\w*|admit\w*|acknowledg\w*|rebut\w*)\b',re.I)
STOP=set('The A An In On At Of And For To By With From As It This That He She They His Her Its Their After Before During But Or Two One Three Four Five Six President Prime Minister Government Officials Police Ministry Former State New According However VOA Wikinews Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December'.split())
W=re.compile(r"\b[a-zA-Z][a-zA-Z\-]{3,}\b")
SW=set('that this with from have been were which their they about after also said says will would into over than more some other such only when while there these those them what being against'.split())
def toks(s): return set(w.lower() for w in W.findall(s) if w.lower() not in SW)
def ents(s): return set(w for w in re.findall(r"\b[A-Z][a-zA-Z\-]{2,}\b",s) if w not in STOP)
S=[]
for d in docs:
    for s in re.split(r'(?<=[.!?])\s+',d['text']):
        c=bool(CL.search(s)); r=bool(RS.search(s))
        if c or r: S.append(dict(doc=d['doc_id'],date=datetime.date.fromisoformat(d['published'][:10]),s=s,c=c,r=r,e=ents(s),t=toks(s)))
df=collections.Counter()
for x in S: df.update(x['t'])
N=len(S)
cl=[x for x in S if x['c']]; rs=[x for x in S if x['r']]
by=collections.defaultdict(list)
for x in cl: by[x['date']].append(x)
out=[]
for r in rs:
    for k in range(-10,11):
        for c in by.get(r['date']+datetime.timedelta(days=k),[]):
            if c['doc']==r['doc']: continue
            sh=c['t']&r['t']; se=c['e']&r['e']
            if not se: continue
            s=sum(math.log(N/df[w]) for w in sh)
            if s>7: out.append((round(s,1),c['doc'],str(c['date']),c['s'],r['doc'],str(r['date']),r['s'],sorted(se)))
out.sort(key=lambda x:-x[0])
# dedupe by doc pair
seen=set();o2=[]
for x in out:
    k=(x[1],x[4],x[3][:40],x[6][:40])
    if k in seen: continue
    seen.add(k);o2.append(x)
json.dump(o2,open('sc.json','w'))
print(len(o2))
