#!/usr/bin/env bash
# Benchmark the pipeline through spark-submit (bin/newslens) on a generated corpus of SIZE
# articles and print one table: per stage wall time, records/s, MB/s, rows written, and the
# driver's peak memory. Writes the same as JSON beside the output.
#
#   bench/run.sh SIZE            e.g. bench/run.sh 10000
#   BENCH_DIR=/data/bench DRIVER_MEMORY=4g bench/run.sh 100000
#
# Memory settings: local[*] runs driver and executors in one JVM; DRIVER_MEMORY (default 3g)
# is its heap (10k articles: 3g; 100k: 4g). STAGES (default "run": every stage in one JVM) may
# list stages to run one JVM each, e.g. STAGES="ingest entities cooccur".
set -euo pipefail
size=${1:?usage: bench/run.sh SIZE}
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
dir=${BENCH_DIR:-/tmp/newslens-bench}
seed=${SEED:-42}
corpus="$dir/corpus-$size-seed$seed"
warehouse="$dir/warehouse-$size"
mkdir -p "$dir"
export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1}

[ -f "$root/jobs/target/spark-home/RELEASE" ] || (cd "$root" && mvn -q -B -DskipTests package)
if [ ! -f "$corpus/manifest.json" ]; then
  rm -rf "$corpus"
  java -Xmx512m "$root/bench/GenCorpus.java" --size "$size" --seed "$seed" --out "$corpus" \
    --samples "$root/data-samples/corpus" >/dev/null 2>&1
fi
rm -rf "$warehouse"
mb=$(du -sm --apparent-size "$corpus" | cut -f1)

start=$(date +%s.%N)
: >"$dir/run-$size.log"
: >"$dir/time-$size.txt"
for stage in ${STAGES:-run}; do
  input=()
  case "$stage" in run|ingest) input=(--input "$corpus") ;; esac
  timer=()
  [ -x /usr/bin/time ] && timer=(/usr/bin/time -f '%e %M' -a -o "$dir/time-$size.txt")
  "${timer[@]}" "$root/bin/newslens" "$stage" "${input[@]}" --warehouse "$warehouse" \
    --driver-memory "${DRIVER_MEMORY:-3g}" >>"$dir/run-$size.log" 2>&1 || { cat "$dir/run-$size.log"; exit 1; }
done
wall=$(echo "$(date +%s.%N) - $start" | bc)
peak_kb=$(awk 'BEGIN {m = 0} $2 > m {m = $2} END {print m}' "$dir/time-$size.txt")

"$root/bin/newslens" sql --warehouse "$warehouse" --output json \
  "SELECT job, rows_in, rows_out, quarantined, stage_seconds, counters['input_bytes'] AS input_bytes FROM newslens.runs" \
  2>/dev/null >"$dir/runs-$size.json"
tokens=$("$root/bin/newslens" sql --warehouse "$warehouse" --output csv \
  "SELECT sum(n_tokens) FROM newslens.documents" 2>/dev/null | tail -n 1)

jq -s --arg size "$size" --arg wall "$wall" --arg peak "$peak_kb" --arg mb "$mb" --arg tokens "$tokens" '
  {size: ($size|tonumber), wall_seconds: ($wall|tonumber), driver_peak_rss_mb: (($peak|tonumber)/1024|floor),
   corpus_mb: ($mb|tonumber), tokens: ($tokens|tonumber),
   stages: [ .[] | . as $r | $r.stage_seconds | to_entries[] |
     {job: $r.job, stage: .key, seconds: .value, records: $r.rows_in,
      records_per_s: ($r.rows_in / (if .value > 0 then .value else 1 end)),
      rows_out: $r.rows_out} ]}' "$dir/runs-$size.json" >"$warehouse/bench-$size.json"

order='["list","read+clean","near-duplicates","write documents","write quarantine","summarise"]'
jq -r '"corpus: \(.size) articles, \(.corpus_mb) MB, \(.tokens) tokens; end-to-end wall \(.wall_seconds|floor) s (JVM start included), driver peak RSS \(.driver_peak_rss_mb) MB"' \
  "$warehouse/bench-$size.json"
echo
jq -r --argjson order "$order" '
  (["job","stage","seconds","throughput"] | @tsv),
  (.stages | sort_by([.job, (.stage as $s | ($order | index($s)) // 99)])[] | [.job, .stage, (.seconds*10|round/10), "-"] | @tsv),
  (.corpus_mb as $mb | .tokens as $tok | .stages | group_by(.job)[] |
    (map(.seconds) | add) as $t |
    [.[0].job, "total", ($t*10|round/10), "\(.[0].records/$t|round) records/s, \($mb/$t*10|round/10) MB/s, \($tok/$t|round) tokens/s"] | @tsv)
' "$warehouse/bench-$size.json" | column -t -s $'\t'
echo
jq -r '.stages | group_by(.job)[] | "rows written by \(.[0].job): \(.[0].rows_out | to_entries | map("\(.key)=\(.value)") | join(", "))"' "$warehouse/bench-$size.json"
echo "json: $warehouse/bench-$size.json"
