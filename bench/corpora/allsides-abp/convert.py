#!/usr/bin/env python3
"""Convert the AllSides "Article-Bias-Prediction" collection (Baly et al., EMNLP 2020,
github.com/ramybaly/Article-Bias-Prediction) into newslens JSONL for measuring a
defence-theme classifier.

Reads straight from a bare git mirror (git cat-file, no work tree) at a pinned commit and
writes one JSON object per line:

    id, url, source, licence, date, title, text, labels, themes, split

* labels  = the collection's own AllSides topic(s) for the article (articles that
            appear under several topics are merged and carry every topic).
* themes  = "defence" if any label is in DEFENCE_TOPICS, "energy" if any label
            is in ENERGY_TOPICS (otherwise empty).

* split   = TRAIN or TEST, half and half by the SHA-1 of the id (tune on TRAIN, report TEST).

Outputs (python3 stdlib only), in --out-dir:
    allsides_abp.jsonl              every article
    allsides_abp_unambiguous.jsonl  the scoring set: drops articles whose only
        non-theme topics are defence- or energy-adjacent (e.g. terrorism, isis,
        national_security, environment) so they cannot be counted as
        false positives when they really are about defence or energy

Licence caveat: the repository ships an Apache-2.0 LICENSE, but the article
bodies are news text scraped from third-party outlets (NYT, Fox, CNN, ...),
whose copyright stays with the publishers. Use for local evaluation; do not
commit the generated JSONL.
"""
import argparse
import hashlib
import collections
import json
import os
import re
import subprocess
import sys

REPO = "/work/.mirror/ramybaly+Article-Bias-Prediction/repo"
COMMIT = "ced8111a720948e6a410e52031ace99c4e53f096"
OUT_DIR = "."

# AllSides topics that are themselves about defence / the military / armed conflict.
DEFENCE_TOPICS = {"defense", "national_defense", "us_military", "nuclear_weapons"}
# AllSides topics that are themselves about energy.
ENERGY_TOPICS = {"energy"}
# Topics close to either theme but not clearly in it. Negatives that carry only
# these are dropped from the "unambiguous" file.
AMBIGUOUS_TOPICS = {
    "national_security", "terrorism", "isis", "middle_east", "north_korea",
    "veterans_affairs", "homeland_security", "cybersecurity", "nsa", "cia",
    "environment", "epa",
}

LICENCE = ("Repository ramybaly/Article-Bias-Prediction is Apache-2.0; article text "
           "is (c) the original publishers (scraped via AllSides) - evaluation use "
           "only, do not redistribute")


def git_list(repo, rev, prefix):
    out = subprocess.run(["git", "-C", repo, "ls-tree", "-r", "--name-only", rev, prefix],
                         check=True, capture_output=True, text=True).stdout
    return [l for l in out.split("\n") if l.endswith(".json")]


def read_blobs(repo, rev, paths):
    """Yield (path, bytes) using one `git cat-file --batch` process."""
    import threading
    p = subprocess.Popen(["git", "-C", repo, "cat-file", "--batch"],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def feed():
        for path in paths:
            p.stdin.write(f"{rev}:{path}\n".encode())
        p.stdin.close()

    t = threading.Thread(target=feed, daemon=True)
    t.start()
    try:
        for path in paths:
            header = p.stdout.readline().split()
            if not header or header[-1] == b"missing":
                print(f"missing blob: {path}", file=sys.stderr)
                continue
            size = int(header[2])
            data = p.stdout.read(size)
            p.stdout.read(1)  # trailing newline
            yield path, data
    finally:
        t.join()
        p.wait()


def norm_url(url):
    url = (url or "").strip().lower()
    url = re.sub(r"^https?://(www\.)?", "", url)
    url = url.split("#")[0].split("?")[0].rstrip("/")
    return url


def norm_title(t):
    return re.sub(r"\W+", " ", (t or "").lower()).strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--git-dir", dest="repo", default=REPO)
    ap.add_argument("--commit", dest="rev", default=COMMIT)
    ap.add_argument("--out-dir", default=OUT_DIR)
    args = ap.parse_args()

    paths = git_list(args.repo, args.rev, "data/jsons/")
    merged = collections.OrderedDict()  # key -> record
    n_raw = n_empty = 0
    for path, data in read_blobs(args.repo, args.rev, paths):
        d = json.loads(data)
        n_raw += 1
        text = (d.get("content_original") or "").strip()
        if not text:
            n_empty += 1
            continue
        key = (norm_url(d.get("url")) or d["ID"], norm_title(d.get("title")))
        topic = d.get("topic") or ""
        if key in merged:
            rec = merged[key]
            if topic and topic not in rec["labels"]:
                rec["labels"].append(topic)
            rec["_dup_ids"].append(d["ID"])
            continue
        date = d.get("date") or ""
        # a few records carry placeholder dates (0001-..., 2050-...): drop them
        if not (re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) and "1990" <= date[:4] <= "2021"):
            date = None
        merged[key] = {
            "id": "allsides-abp-" + d["ID"],
            "url": d.get("url") or None,
            "source": d.get("source") or None,
            "licence": LICENCE,
            "date": date,
            "title": (d.get("title") or "").strip(),
            "text": text,
            "labels": [topic] if topic else [],
            "_dup_ids": [],
        }

    os.makedirs(args.out_dir, exist_ok=True)
    all_path = os.path.join(args.out_dir, "allsides_abp.jsonl")
    una_path = os.path.join(args.out_dir, "allsides_abp_unambiguous.jsonl")
    stats = {k: collections.Counter() for k in ("all", "unambiguous")}
    words = {k: collections.defaultdict(list) for k in ("all", "unambiguous")}
    topic_counts = collections.Counter()
    n_dups = 0
    with open(all_path, "w", encoding="utf-8") as fa, open(una_path, "w", encoding="utf-8") as fu:
        for rec in merged.values():
            n_dups += len(rec.pop("_dup_ids"))
            labels = sorted(rec["labels"])
            rec["labels"] = labels
            themes = []
            if DEFENCE_TOPICS & set(labels):
                themes.append("defence")
            if ENERGY_TOPICS & set(labels):
                themes.append("energy")
            rec["themes"] = themes
            rec["split"] = "TRAIN" if int(hashlib.sha1(rec["id"].encode()).hexdigest()[:8], 16) % 2 == 0 else "TEST"
            for t in labels:
                topic_counts[t] += 1
            line = json.dumps(rec, ensure_ascii=False) + "\n"
            bucket = "+".join(themes) if themes else "neither"
            nw = len(rec["text"].split())
            fa.write(line)
            stats["all"][bucket] += 1
            words["all"][bucket].append(nw)
            # unambiguous: keep theme articles; drop negatives with an adjacent topic
            if themes or not (AMBIGUOUS_TOPICS & set(labels)):
                fu.write(line)
                stats["unambiguous"][bucket] += 1
                words["unambiguous"][bucket].append(nw)

    print(f"raw json files read: {n_raw}; empty text skipped: {n_empty}; "
          f"duplicate copies merged: {n_dups}; unique articles: {len(merged)}")
    for k, path in (("all", all_path), ("unambiguous", una_path)):
        tot = sum(stats[k].values())
        allw = [w for v in words[k].values() for w in v]
        print(f"\n{path}: {tot} articles, mean words {sum(allw)/len(allw):.0f}")
        for b, c in sorted(stats[k].items()):
            w = words[k][b]
            print(f"  {b:16s} {c:6d}  mean words {sum(w)/len(w):.0f}")
    print("\ndefence-topic counts (after merge):",
          {t: topic_counts[t] for t in sorted(DEFENCE_TOPICS)})
    print("energy-topic counts (after merge):",
          {t: topic_counts[t] for t in sorted(ENERGY_TOPICS)})


if __name__ == "__main__":
    main()
