#!/usr/bin/env bash
# Benchmark the pipeline through spark-submit (bin/newslens) on a generated corpus of SIZE
# articles and print one table: per job wall time, records/s, tokens/s, rows written, bytes
# spilled and shuffled, the executors' peak heap; then each job's stage times and the tables'
# rows, bytes and files. The driver's peak RSS comes from /usr/bin/time. Writes the same as JSON
# beside the output.
#
#   bench/run.sh SIZE            e.g. bench/run.sh 10000
#   BENCH_DIR=/data/bench DRIVER_MEMORY=4g bench/run.sh 100000
#   MASTER=spark://127.0.0.1:7077 EXECUTOR_MEMORY=4g bench/run.sh 1000000
#
# Memory settings: local[*] runs driver and executors in one JVM; DRIVER_MEMORY (default 3g)
# is its heap (10k articles: 3g; 100k: 4g). On a cluster (MASTER) the driver only plans and
# collects counts (2g is plenty) and EXECUTOR_MEMORY sizes each executor. STAGES (default
# "run": every stage in one JVM) may list stages to run one JVM each, e.g.
# STAGES="ingest entities cooccur topics".
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
  [ -x /usr/bin/time ] && timer=(/usr/bin/time -f "$stage %e %M" -a -o "$dir/time-$size.txt")
  "${timer[@]}" "$root/bin/newslens" "$stage" "${input[@]}" --warehouse "$warehouse" \
    --driver-memory "${DRIVER_MEMORY:-3g}" ${MASTER:+--master "$MASTER"} ${EXECUTOR_MEMORY:+--executor-memory "$EXECUTOR_MEMORY"} \
    >>"$dir/run-$size.log" 2>&1 || { cat "$dir/run-$size.log"; exit 1; }
done
wall=$(echo "$(date +%s.%N) - $start" | bc)
peak_kb=$(awk 'BEGIN {m = 0} $3 > m {m = $3} END {print m}' "$dir/time-$size.txt")

q() { "$root/bin/newslens" sql --warehouse "$warehouse" --output "$1" "$2" 2>/dev/null; }
q json "SELECT job, rows_in, rows_out, quarantined, stage_seconds, counters FROM newslens.runs" >"$dir/runs-$size.json"
tokens=$(q csv "SELECT sum(n_tokens), sum(IF(is_canonical, n_tokens, 0)) FROM newslens.documents" | tail -n 1)
"$root/bin/newslens" tables --warehouse "$warehouse" >"$dir/tables-$size.txt" 2>/dev/null

jq -s --arg size "$size" --arg wall "$wall" --arg peak "$peak_kb" --arg mb "$mb" --arg tokens "$tokens" \
  --arg master "${MASTER:-local[*]}" --arg driver "${DRIVER_MEMORY:-3g}" --rawfile tables "$dir/tables-$size.txt" '
  ($tokens | split(",") | map(tonumber)) as [$all, $canonical] |
  def mb: . / 1048576 | floor;
  {size: ($size|tonumber), master: $master, driver_memory: $driver, wall_seconds: ($wall|tonumber),
   driver_peak_rss_mb: (($peak|tonumber)/1024|floor), corpus_mb: ($mb|tonumber), tokens: $all,
   canonical_tokens: $canonical, tables: $tables,
   jobs: [ .[] | (.stage_seconds | add) as $t |
     {job, seconds: $t, records_in: .rows_in, records_per_s: (.rows_in / $t),
      tokens_per_s: ((if .job == "ingest" then $all elif .job == "entities" then .counters.tokens
                      elif .job == "topics" then $canonical else null end) as $k | if $k then $k / $t else null end),
      rows_out, spill_memory_mb: ((.counters.spill_memory_bytes // 0) | mb),
      spill_disk_mb: ((.counters.spill_disk_bytes // 0) | mb),
      shuffle_write_mb: ((.counters.shuffle_write_bytes // 0) | mb),
      peak_executor_heap_mb: ((.counters.peak_executor_heap_bytes // 0) | mb),
      stages: .stage_seconds} ]}' "$dir/runs-$size.json" >"$warehouse/bench-$size.json"

jq -r '"corpus: \(.size) articles, \(.corpus_mb) MB, \(.tokens) tokens; \(.master), driver \(.driver_memory);",
  "end-to-end wall \(.wall_seconds|floor) s (JVM start included), driver peak RSS \(.driver_peak_rss_mb) MB"' \
  "$warehouse/bench-$size.json"
echo
order='["ingest","entities","cooccur","topics"]'
jq -r --argjson order "$order" '
  def r: if . == null then "-" else (. * 10 | round / 10 | tostring) end;
  (["job","seconds","records in","records/s","tokens/s","rows written","spill mem/disk MB","shuffle MB","peak exec heap MB"] | @tsv),
  (.jobs | sort_by(.job as $j | $order | index($j))[] |
    [.job, (.seconds|r), .records_in, (.records_per_s|r), (.tokens_per_s|if . then round else "-" end),
     (.rows_out | to_entries | map("\(.key)=\(.value)") | join(" ")),
     "\(.spill_memory_mb)/\(.spill_disk_mb)", .shuffle_write_mb, .peak_executor_heap_mb] | @tsv)
' "$warehouse/bench-$size.json" | column -t -s $'\t'
echo
jq -r --argjson order "$order" '.jobs | sort_by(.job as $j | $order | index($j))[] |
  "\(.job) stages: \(.stages | to_entries | map("\(.key) \(.value * 10 | round / 10) s") | join(", "))"' "$warehouse/bench-$size.json"
echo
# one line per JVM (per stage when STAGES lists several): its wall time and peak RSS
awk '{printf "JVM %s: %.1f s wall, peak RSS %d MB\n", $1, $2, $3 / 1024}' "$dir/time-$size.txt"
echo
cat "$dir/tables-$size.txt"
echo "json: $warehouse/bench-$size.json"
