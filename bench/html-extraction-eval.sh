#!/usr/bin/env bash
# Article-extraction quality of newslens's web-page reader against Readability4J and the whole page
# text, on a benchmark of news pages with gold article text in the layout of
# scrapinghub/article-extraction-benchmark (DIR/html/ID.html, DIR/gold.jsonl: id, url, articleBody).
# Usage: bench/html-extraction-eval.sh DIR   (after mvn -B -q -DskipTests package)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:?usage: bench/html-extraction-eval.sh DIR (html/ID.html and gold.jsonl)}"
[ -f "$dir/gold.jsonl" ] || { echo "html-extraction-eval: $dir/gold.jsonl not found" >&2; exit 2; }
if ! ls "$root"/bench/target/lib/readability4j-*.jar >/dev/null 2>&1; then
  mvn -q -B -f "$root/bench/pom.xml" dependency:copy-dependencies -DoutputDirectory="$root/bench/target/lib"
fi
jar=$(ls "$root"/jobs/target/newslens-jobs-*.jar | grep -v original | head -n 1)
cp="$jar:$root/jobs/target/spark-home/jars/*:$root/bench/target/lib/*"
exec java -Xmx2g -cp "$cp" "$root/bench/HtmlExtractionEval.java" "$dir"
