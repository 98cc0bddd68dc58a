#!/usr/bin/env python3
"""Convert Reuters-21578 (Distribution 1.0, SGML) to newslens JSONL.

Reads the 22 files data/reut2-000.sgm .. reut2-021.sgm straight out of a bare git
mirror of the public repository Arthur-sauvage/Reuter (which vendors the
unmodified distribution, README.txt and lewis.dtd included) and writes one JSON
object a line:

  id, source, licence, date (yyyy-mm-dd), title, text,
  labels  (the document's TOPICS categories, as in the collection),
  themes  ("energy" if any TOPICS label is one of the collection's nine
           "Energy Codes"; Reuters-21578 has no defence category),
  places, split (LEWISSPLIT: TRAIN / TEST / NOT-USED), topics_attr (the
  TOPICS="YES|NO|BYPASS" attribute; ModApte uses TOPICS="YES" documents).

Research use only (see the collection's README.txt): keep the output out of
any repository.  Python 3 standard library only.

  python3 convert.py [--git-dir DIR] [--commit SHA] [--out FILE] [--min-words N]
"""
import argparse
import collections
import html
import json
import re
import subprocess
import sys

DEFAULT_GIT_DIR = "/work/.mirror/Arthur-sauvage+Reuter/repo"
DEFAULT_COMMIT = "d0a779dd9cc078074c4185f1cac45e5a840a124c"
SOURCE = "Reuters-21578, Distribution 1.0 (via github.com/Arthur-sauvage/Reuter)"
LICENCE = "Reuters-21578: free distribution for research purposes only (Reuters Ltd. / Carnegie Group)"

# cat-descriptions_120396.txt, section "**Energy Codes (9)"
ENERGY_CODES = {"crude", "heat", "fuel", "gas", "nat-gas", "pet-chem", "propane", "jet", "naphtha"}

MONTHS = {m: i + 1 for i, m in enumerate(
    ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"])}

DOC_RE = re.compile(r"<REUTERS(?P<attrs>[^>]*)>(?P<body>.*?)</REUTERS>", re.S)
ATTR_RE = re.compile(r'(\w+)="([^"]*)"')
DATE_RE = re.compile(r"(\d{1,2})-([A-Z]{3})-(\d{4})")


def git_show(git_dir, commit, path):
    return subprocess.run(["git", "--git-dir=" + git_dir, "show", commit + ":" + path],
                          check=True, capture_output=True).stdout


def tag(body, name):
    m = re.search(r"<%s[^>]*>(.*?)</%s>" % (name, name), body, re.S)
    return m.group(1) if m else None


def dlist(body, name):
    inner = tag(body, name)
    return re.findall(r"<D>(.*?)</D>", inner, re.S) if inner else []


def unescape(s):
    # SGML character references: &lt; &gt; &amp; plus control characters &#1;..&#31;
    s = re.sub(r"&#(\d+);", lambda m: "" if int(m.group(1)) < 32 else chr(int(m.group(1))), s)
    return html.unescape(s)


def paragraphs(raw):
    """Lines are hard-wrapped at ~70 columns; a paragraph starts with an indented line."""
    raw = unescape(raw).replace("\r", "")
    paras, cur = [], []
    for line in raw.split("\n"):
        if not line.strip():
            if cur:
                paras.append(" ".join(cur))
                cur = []
            continue
        if line[:1] in (" ", "\t") and cur:
            paras.append(" ".join(cur))
            cur = []
        cur.append(line.strip())
    if cur:
        paras.append(" ".join(cur))
    # the wire sign-off "Reuter" / "REUTER" closes most stories
    if paras:
        last = re.sub(r"\s*\b(Reuter|REUTER)\s*$", "", paras[-1]).rstrip()
        paras[-1] = last
        if not last:
            paras.pop()
    return "\n\n".join(re.sub(r"[ \t]+", " ", p).strip() for p in paras if p.strip())


def iso_date(raw):
    m = DATE_RE.search(raw or "")
    if not m or m.group(2) not in MONTHS:
        return None
    return "%s-%02d-%02d" % (m.group(3), MONTHS[m.group(2)], int(m.group(1)))


def convert(git_dir, commit, out_path, min_words):
    stats = collections.Counter()
    label_counts = collections.Counter()
    theme_counts = collections.Counter()
    dates = []
    words_total = 0
    seen = set()
    with open(out_path, "w", encoding="utf-8") as out:
        for i in range(22):
            path = "data/reut2-%03d.sgm" % i
            # the files are 7-bit ASCII except a few stray high bytes: read as Latin-1
            sgm = git_show(git_dir, commit, path).decode("latin-1")
            for m in DOC_RE.finditer(sgm):
                stats["documents"] += 1
                attrs = dict(ATTR_RE.findall(m.group("attrs")))
                body = m.group("body")
                newid = attrs["NEWID"]
                text_el = re.search(r"<TEXT([^>]*)>(.*?)</TEXT>", body, re.S)
                text_type = ""
                title, text = "", ""
                if text_el:
                    tm = re.search(r'TYPE="([^"]*)"', text_el.group(1))
                    text_type = tm.group(1) if tm else "NORM"
                    inner = text_el.group(2)
                    t = tag(inner, "TITLE")
                    title = re.sub(r"\s+", " ", unescape(t)).strip() if t else ""
                    b = tag(inner, "BODY")
                    if b is not None:
                        text = paragraphs(b)
                    elif text_type == "UNPROC":
                        text = paragraphs(inner)
                stats["type_" + (text_type or "none")] += 1
                nwords = len(text.split())
                if nwords < min_words:
                    stats["dropped_lt_%d_words" % min_words] += 1
                    if not text:
                        stats["dropped_empty_body"] += 1
                    continue
                topics = [unescape(x).strip() for x in dlist(body, "TOPICS")]
                themes = ["energy"] if any(t in ENERGY_CODES for t in topics) else []
                date = iso_date(tag(body, "DATE"))
                rec = collections.OrderedDict()
                rec["id"] = "reuters21578-%s" % newid
                assert rec["id"] not in seen
                seen.add(rec["id"])
                rec["source"] = SOURCE
                rec["licence"] = LICENCE
                if date:
                    rec["date"] = date
                    dates.append(date)
                else:
                    stats["no_date"] += 1
                rec["title"] = title
                rec["text"] = text
                rec["labels"] = topics
                rec["themes"] = themes
                rec["places"] = [unescape(x).strip() for x in dlist(body, "PLACES")]
                rec["split"] = attrs.get("LEWISSPLIT", "")
                rec["topics_attr"] = attrs.get("TOPICS", "")
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                stats["written"] += 1
                words_total += nwords
                for t in topics:
                    label_counts[t] += 1
                if not topics:
                    label_counts["(none)"] += 1
                theme_counts["energy" if themes else "neither"] += 1
    report = {
        "stats": dict(stats),
        "date_min": min(dates), "date_max": max(dates),
        "mean_words": round(words_total / max(1, stats["written"]), 1),
        "themes": dict(theme_counts),
        "energy_labels": {k: label_counts[k] for k in sorted(ENERGY_CODES)},
        "top_labels": label_counts.most_common(25),
    }
    return report


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--git-dir", default=DEFAULT_GIT_DIR)
    ap.add_argument("--commit", default=DEFAULT_COMMIT)
    ap.add_argument("--out", default="reuters21578.jsonl")
    ap.add_argument("--min-words", type=int, default=10,
                    help="drop documents whose text has fewer words (default 10)")
    a = ap.parse_args()
    report = convert(a.git_dir, a.commit, a.out, a.min_words)
    json.dump(report, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
