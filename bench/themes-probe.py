#!/usr/bin/env python3
"""Feasibility probe for a trained theme classifier (issue 15, item 5), not part of newslens.

doc_themes' lexicon rule reaches energy P 0.806 / R 0.841 on the Reuters-21578 ModApte test
split and defence P 0.172 / R 0.879 on the AllSides TEST half (README, "Themes and topics").
This probe asks what a plain supervised model gets on the same labels before one is built into
the job: binary word presence (lower-case words of 3+ letters, a small stop list, document
frequency >= 3 in the training set), L2-normalised, logistic regression by SGD (15 epochs),
trained on the TRAIN split only, its threshold chosen by 2-fold cross-validation on TRAIN, then
scored once on TEST. Python 3 standard library; reads the JSONL that bench/corpora/ builds.

  python3 bench/themes-probe.py reuters  CORPORA_DIR   # CORPORA_DIR/reuters21578/reuters21578.jsonl
  python3 bench/themes-probe.py allsides CORPORA_DIR   # CORPORA_DIR/allsides/allsides_abp_unambiguous.jsonl

Measured 2026-12-07 (6 s and 6 min): Reuters energy TEST P 0.860 R 0.873 F1 0.867 (threshold
-1.0 from TRAIN); AllSides defence TEST P 0.404 R 0.736 F1 0.521; AllSides energy 0 (34 TRAIN
positives of 16,889 and no class weighting: the model never crosses its threshold).
"""
import collections, json, math, random, re, sys
STOP=set("the and for that with was are this from has have had but not been were which their they its his her will would said also more than after into over about other some such there when what who all can one two new year years may could last out only up most just like says any first them our we you your i it he she be is an as at by of on or in to a".split())
TOK=re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
def toks(t):
  return set(w for w in TOK.findall(t.lower()) if len(w)>=3 and w not in STOP)
def load(path, theme, filt):
  out=[]
  for l in open(path):
    d=json.loads(l)
    if not filt(d): continue
    out.append((d['split'], toks((d.get('title') or '')+' '+d['text']), theme in (d.get('themes') or [])))
  return out
def train(data, epochs=15, lam=1e-5, seed=1, mindf=3):
  df=collections.Counter(w for _,f,_ in data for w in f)
  vocab={w for w,c in df.items() if c>=mindf}
  w=collections.defaultdict(float); b=0.0
  rnd=random.Random(seed); idx=list(range(len(data)))
  npos=sum(1 for *_,y in data if y); 
  t=0
  for ep in range(epochs):
    rnd.shuffle(idx)
    for i in idx:
      _,f,y=data[i]; f=[x for x in f if x in vocab]
      if not f: continue
      s=1/math.sqrt(len(f))
      z=b+sum(w[x] for x in f)*s
      p=1/(1+math.exp(-max(-30,min(30,z))))
      g=(p-(1.0 if y else 0.0))
      eta=0.5/(1+ep)
      for x in f: w[x]-=eta*(g*s+lam*w[x])
      b-=eta*g*0.1
  return w,b,vocab
def score(m,f):
  w,b,vocab=m; f=[x for x in f if x in vocab]
  if not f: return -30
  s=1/math.sqrt(len(f)); return b+sum(w.get(x,0) for x in f)*s
def prf(scored,th):
  tp=sum(1 for s,y in scored if s>=th and y); fp=sum(1 for s,y in scored if s>=th and not y); fn=sum(1 for s,y in scored if s<th and y)
  p=tp/(tp+fp) if tp+fp else 0; r=tp/(tp+fn) if tp+fn else 0
  return p,r,(2*p*r/(p+r) if p+r else 0)
def run(data,name):
  tr=[d for d in data if d[0]=='TRAIN']; te=[d for d in data if d[0]=='TEST']
  # threshold by 2-fold on train
  half=len(tr)//2; rnd=random.Random(7); sh=tr[:]; rnd.shuffle(sh)
  a,bb=sh[:half],sh[half:]
  ma=train(a); mb=train(bb)
  cv=[(score(ma,f),y) for _,f,y in bb]+[(score(mb,f),y) for _,f,y in a]
  best=max((prf(cv,th)[2],th) for th in [x/10 for x in range(-40,40)])
  m=train(tr); st=[(score(m,f),y) for _,f,y in te]
  print(name,'train-cv best F1 %.3f at th %.1f'%best, 'test P/R/F1 %.3f %.3f %.3f'%prf(st,best[1]), 'test@0 %.3f %.3f %.3f'%prf(st,0.0))
  top=sorted(m[0].items(),key=lambda kv:-kv[1])[:30]; print(' top',[k for k,_ in top])
which, corpora = sys.argv[1], sys.argv[2]
if which=='reuters':
  run(load(corpora + '/reuters21578/reuters21578.jsonl','energy',lambda d:d.get('topics_attr')=='YES' and d.get('labels') and d['split'] in('TRAIN','TEST')),'reuters energy')
else:
  for th in ['defence','energy']:
    run(load(corpora + '/allsides/allsides_abp_unambiguous.jsonl',th,lambda d:d.get('labels')),'allsides '+th)
