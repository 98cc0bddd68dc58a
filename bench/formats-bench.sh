#!/usr/bin/env bash
# Throughput of the report and crawl readers on 2 cores: the sample PDF reports (copied COPIES times
# each under new names, so every copy is parsed) and a generated WARC of PAGES news pages (GenCorpus
# text wrapped in page boilerplate by bench/GenWarc.java), each ingested in its own run. Prints the
# files, pages or records, input MB and the read+clean stage's seconds and rates.
# Usage: bench/formats-bench.sh [COPIES (default 20)] [PAGES (default 5000)]  (after mvn -B -q -DskipTests package)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
copies="${1:-20}"
pages="${2:-5000}"
work="$(mktemp -d /tmp/newslens-formats-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
jar=$(ls "$root"/jobs/target/newslens-jobs-*.jar | grep -v original | head -n 1)
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"

mkdir -p "$work/pdf"
for i in $(seq 1 "$copies"); do
  for f in "$root"/data-samples/reports/*.pdf; do cp "$f" "$work/pdf/copy$i-$(basename "$f")"; done
done
java -Xmx512m "$root/bench/GenCorpus.java" --size $((pages + pages / 5)) --seed 42 --out "$work/gen" --samples "$root/data-samples/corpus" >/dev/null
java -Xmx1g -cp "$jar:$root/jobs/target/spark-home/jars/*" "$root/bench/GenWarc.java" "$work/crawl.warc.gz" "$pages" "$work"/gen/part-*.jsonl* >/dev/null

row() { # name input unit
  local wh="$work/wh-$1"
  local start end
  start=$(date +%s.%N)
  "$root/bin/newslens" ingest --input "$2" --warehouse "$wh" --quiet >/dev/null 2>"$work/$1.log" || { cat "$work/$1.log" >&2; exit 1; }
  end=$(date +%s.%N)
  local mb
  mb=$(du -sm --apparent-size "$2" | cut -f1)
  "$root/bin/newslens" sql --warehouse "$wh" --output csv \
    "SELECT rows_in, stage_seconds['read+clean'] FROM newslens.runs WHERE job = 'ingest'" 2>/dev/null | tail -n 1 |
    awk -F, -v n="$1" -v mb="$mb" -v wall="$(echo "$end - $start" | bc)" -v unit="$3" \
      '{ printf "| %s | %d %s | %d | %.1f | %.1f | %.1f %s/s | %.2f MB/s |\n", n, $1, unit, mb, wall, $2, $1 / $2, unit, mb / $2 }'
}
echo "| input | records | MB | ingest wall s | read+clean s | rate | throughput |"
echo "|---|---:|---:|---:|---:|---:|---:|"
row pdf "$work/pdf" PDFs
row warc "$work/crawl.warc.gz" pages
