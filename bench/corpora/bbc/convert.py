#!/usr/bin/env python3
"""Convert the BBC News dataset (Greene & Cunningham, ICML 2006; 2,225 articles,
bbc.co.uk 2004-2005, five classes) to newslens JSONL.

Reads bbc/<class>/<NNN>.txt straight out of a bare git mirror of the public
repository Hiba-mousli/BBC-News-Cluster-Analysis, which vendors the raw text
distribution (bbc/README.TXT included).  Each file is the headline, a blank
line, then the article's paragraphs.  Writes one JSON object a line:

  id ("bbc-<class>-<NNN>"), source, licence, title, text,
  labels ([<class>]: business, entertainment, politics, sport, tech)

The files carry no date (the README says 2004-2005), so "date" is omitted.
Copyright in the articles is the BBC's (bbc/README.TXT); the dataset is
distributed for research use: keep the output out of any repository.
Python 3 standard library only.

  python3 convert.py [--git-dir DIR] [--commit SHA] [--out FILE] [--min-words N]
"""
import argparse
import collections
import json
import re
import subprocess
import sys

DEFAULT_GIT_DIR = "/work/.mirror/Hiba-mousli+BBC-News-Cluster-Analysis/repo"
DEFAULT_COMMIT = "fa3c33ca0ab25cb81fc6e51ad1f34e260b0cea86"
SOURCE = "BBC News dataset, Greene & Cunningham 2006 (via github.com/Hiba-mousli/BBC-News-Cluster-Analysis)"
LICENCE = "BBC copyright; distributed by D. Greene for research use only (not redistributable)"
PATH_RE = re.compile(r"^bbc/(business|entertainment|politics|sport|tech)/(\d+)\.txt$")


def git(git_dir, *args):
    return subprocess.run(["git", "--git-dir=" + git_dir] + list(args),
                          check=True, capture_output=True).stdout


def decode(raw):
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")  # the original files are Latin-1 (the pound sign)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--git-dir", default=DEFAULT_GIT_DIR)
    ap.add_argument("--commit", default=DEFAULT_COMMIT)
    ap.add_argument("--out", default="bbc.jsonl")
    ap.add_argument("--min-words", type=int, default=10)
    a = ap.parse_args()

    names = decode(git(a.git_dir, "ls-tree", "-r", "--name-only", a.commit)).splitlines()
    files = sorted((m.group(1), m.group(2), n) for n in names for m in [PATH_RE.match(n)] if m)
    stats = collections.Counter()
    labels = collections.Counter()
    words_total = 0
    with open(a.out, "w", encoding="utf-8") as out:
        for cls, num, path in files:
            stats["files"] += 1
            raw = decode(git(a.git_dir, "show", a.commit + ":" + path)).replace("\r\n", "\n")
            lines = raw.split("\n")
            title = lines[0].strip()
            paras = [re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s*\n", "\n".join(lines[1:]))]
            paras = [p for p in paras if p]
            # a few files run their paragraphs together on single newlines
            text = "\n\n".join(paras)
            n = len(text.split())
            if n < a.min_words:
                stats["dropped_lt_%d_words" % a.min_words] += 1
                continue
            rec = collections.OrderedDict()
            rec["id"] = "bbc-%s-%s" % (cls, num)
            rec["source"] = SOURCE
            rec["licence"] = LICENCE
            rec["title"] = title
            rec["text"] = text
            rec["labels"] = [cls]
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            stats["written"] += 1
            labels[cls] += 1
            words_total += n
    json.dump({"stats": dict(stats), "labels": dict(labels),
               "mean_words": round(words_total / max(1, stats["written"]), 1)}, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
