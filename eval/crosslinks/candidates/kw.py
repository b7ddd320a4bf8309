# Candidate proposer used to build eval/crosslinks (proposals only; every pair was read and judged by hand).
# Usage: kw.py YYYY-MM-DD DAYS REGEX... lists documents within DAYS of the date matching any regex (used to read candidate clusters).
import os
import json,re,sys,datetime
docs=[json.loads(l) for l in open(os.path.join(os.path.dirname(os.path.abspath(__file__)),'..','..','annotated','docs.jsonl'))]
date=datetime.date.fromisoformat(sys.argv[1]); days=int(sys.argv[2]); kws=sys.argv[3:]
for d in sorted(docs,key=lambda d:d['published']):
    dd=datetime.date.fromisoformat(d['published'][:10])
    if abs((dd-date).days)>days: continue
    t=d['text']
    if any(re.search(k,t,re.I) for k in kws):
        if len(t)>600:
            ss=[s for s in re.split(r'(?<=[.!?])\s+',t) if any(re.search(k,s,re.I) for k in kws)]
            t=d['title']+' || '+' | '.join(ss)[:1500]
        print(f"- {d['doc_id']} {d['published'][:10]}: {t}")
