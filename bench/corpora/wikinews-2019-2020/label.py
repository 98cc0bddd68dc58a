#!/usr/bin/env python3
"""Add the developer's theme judgements (judged-themes.tsv beside this script) to the converted
Wikinews 2019-2020 JSONL, for bench/themes-eval.sh: every article gets split TEST, `themes` (the
themes judged "yes") and `labels` ["judged"]; an article judged "unsure" for a theme gets no
`labels`, so themes-eval.sh leaves it out. Python 3 standard library only.

  python3 label.py --in wikinews-2019-2020.jsonl --out wikinews-2019-2020-judged.jsonl
"""
import argparse
import json
import os
import sys

parser = argparse.ArgumentParser()
parser.add_argument("--in", dest="src", required=True)
parser.add_argument("--out", required=True)
args = parser.parse_args()
judged = {}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "judged-themes.tsv"), encoding="utf-8") as f:
    for line in f:
        if line.startswith("#") or not line.strip():
            continue
        doc_id, defence, energy, _ = line.rstrip("\n").split("\t")
        judged[doc_id] = {"defence": defence, "energy": energy}
counts = {"articles": 0, "unsure": 0, "defence": 0, "energy": 0}
seen = set()
with open(args.src, encoding="utf-8") as src, open(args.out, "w", encoding="utf-8") as out:
    for line in src:
        d = json.loads(line)
        j = judged.get(d["id"], {"defence": "no", "energy": "no"})
        seen.add(d["id"])
        d["split"] = "TEST"
        d["themes"] = sorted(t for t, v in j.items() if v == "yes")
        d["labels"] = [] if "unsure" in j.values() else ["judged"]
        counts["articles"] += 1
        counts["unsure"] += "unsure" in j.values()
        for t in d["themes"]:
            counts[t] += not ("unsure" in j.values())
        out.write(json.dumps(d, ensure_ascii=False) + "\n")
missing = set(judged) - seen
if missing:
    sys.exit("judged ids not in --in: " + ", ".join(sorted(missing)))
print(json.dumps(counts))
