#!/usr/bin/env python3
"""Convert the English Wikinews articles of 2019 and 2020 scraped by W. van Atteveldt
(public repository vanatteveldt/wikinews: data/wikinews_2019.csv, data/wikinews_2020.csv;
columns url, date, title, text) to newslens JSONL.

Wikinews text is CC BY 2.5 (attribution: Wikinews contributors, en.wikinews.org); the
repository states the same licence for its code and data.  Every record keeps its
article URL, which is the attribution the licence asks for.

Cleaning: the leading "Weekday, Month D, YYYY" line that Wikinews puts above the text
is removed; runs of blank lines become one blank line.  Dropped: pages outside the main
namespace (e.g. "TEST PAGE:..."), drafts still carrying the "requires pre-publication
review" banner, and texts of fewer than --min-words words.  Python 3 standard library only.

  python3 convert.py [--git-dir DIR] [--commit SHA] [--out FILE] [--min-words N]
"""
import argparse
import collections
import csv
import io
import json
import re
import subprocess
import sys
import urllib.parse

DEFAULT_GIT_DIR = "/work/.mirror/vanatteveldt+wikinews/repo"
DEFAULT_COMMIT = "347254178bf343f3801aac1d03c41cc09c35decb"
FILES = ["data/wikinews_2019.csv", "data/wikinews_2020.csv"]
SOURCE = "Wikinews (en.wikinews.org, via github.com/vanatteveldt/wikinews)"
LICENCE = "CC-BY-2.5"
DATELINE_RE = re.compile(r"^\s*(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s+\w+\s+\d{1,2},\s+\d{4}\s*$")


def git_show(git_dir, commit, path):
    return subprocess.run(["git", "--git-dir=" + git_dir, "show", commit + ":" + path],
                          check=True, capture_output=True).stdout.decode("utf-8")


def clean(text):
    text = text.replace("\r\n", "\n").replace("\xa0", " ")
    paras = [re.sub(r"[ \t]+", " ", p).strip() for p in re.split(r"\n\s*\n", text)]
    paras = [p for p in paras if p]
    if paras and DATELINE_RE.match(paras[0]):
        paras = paras[1:]
    return "\n\n".join(paras)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--git-dir", default=DEFAULT_GIT_DIR)
    ap.add_argument("--commit", default=DEFAULT_COMMIT)
    ap.add_argument("--out", default="wikinews-2019-2020.jsonl")
    ap.add_argument("--min-words", type=int, default=30)
    a = ap.parse_args()
    stats = collections.Counter()
    seen = set()
    dates, words = [], 0
    with open(a.out, "w", encoding="utf-8") as out:
        for path in FILES:
            for row in csv.DictReader(io.StringIO(git_show(a.git_dir, a.commit, path))):
                stats["rows"] += 1
                url = re.sub(r"^https://en\.wikinews\.org/+wiki/", "https://en.wikinews.org/wiki/", row["url"].strip())
                slug = urllib.parse.unquote(url.rsplit("/wiki/", 1)[-1])
                title = row["title"].strip()
                if re.match(r"^[A-Za-z ]+:", slug) and not title.startswith(slug.split(":")[0] + ": "):
                    # "TEST PAGE:...", "Wikinews:..." etc.: not a main-namespace article
                    stats["dropped_not_article"] += 1
                    continue
                if "requires pre-publication review" in row["text"][:400]:
                    stats["dropped_unpublished_draft"] += 1
                    continue
                text = clean(row["text"])
                n = len(text.split())
                if n < a.min_words:
                    stats["dropped_lt_%d_words" % a.min_words] += 1
                    continue
                rid = "wn-" + re.sub(r"[^A-Za-z0-9]+", "-", slug).strip("-").lower()[:120]
                if rid in seen:
                    stats["dropped_duplicate"] += 1
                    continue
                seen.add(rid)
                rec = collections.OrderedDict()
                rec["id"] = rid
                rec["url"] = url
                rec["source"] = SOURCE
                rec["licence"] = LICENCE
                if re.match(r"^\d{4}-\d{2}-\d{2}$", row["date"].strip()):
                    rec["date"] = row["date"].strip()
                    dates.append(rec["date"])
                rec["title"] = title
                rec["text"] = text
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                stats["written"] += 1
                words += n
    json.dump({"stats": dict(stats), "date_min": min(dates), "date_max": max(dates),
               "mean_words": round(words / max(1, stats["written"]), 1)}, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
