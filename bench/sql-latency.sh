#!/usr/bin/env bash
# Query latency on a warehouse, in Spark SQL (bin/newslens sql: one JVM, the query run RUNS times)
# and in DuckDB through JDBC on the export-duckdb file. Prints one table.
#
#   bench/sql-latency.sh WAREHOUSE ["QUERY"]     e.g. bench/sql-latency.sh /tmp/newslens-bench/warehouse-100000
set -euo pipefail
warehouse=${1:?usage: bench/sql-latency.sh WAREHOUSE [QUERY]}
query=${2:-"SELECT p.rank, p.name_a, p.name_b, p.n_ab, round(p.npmi, 3) AS npmi, round(p.llr, 1) AS llr FROM newslens.top_pairs p WHERE p.period = 'all' AND p.window = 'sentence' AND p.rank <= 15 ORDER BY p.rank"}
runs=${RUNS:-5}
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

for _ in $(seq "$runs"); do printf '%s;\n' "$query"; done >"$tmp/q.sql"
start=$(date +%s.%N)
"$root/bin/newslens" sql --warehouse "$warehouse" -f "$tmp/q.sql" --output csv --driver-memory 2g >"$tmp/spark.out" 2>"$tmp/spark.err"
total=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN{print b-a}')
mapfile -t spark < <(grep -o 'Time taken: [0-9.]*' "$tmp/spark.err" | awk '{print $3}')
spark_rows=$(( $(wc -l <"$tmp/spark.out") / runs - 1 ))
spark_best=$(printf '%s\n' "${spark[@]:1}" | sort -n | head -1)

"$root/bin/newslens" export-duckdb --warehouse "$warehouse" --out "$tmp/bench.duckdb" >/dev/null 2>&1
jar=$(ls "$root"/jobs/target/spark-home/jars/duckdb_jdbc-*.jar)
read -r duck_first duck_best duck_rows < <(java -cp "$jar" "$root/bench/SqlLatency.java" "$tmp/bench.duckdb" "$runs" "$query")

printf '%-10s %12s %12s %8s %s\n' engine first_s best_s rows note
printf '%-10s %12s %12s %8s %s\n' spark-sql "${spark[0]}" "$spark_best" "$spark_rows" "$(printf 'one JVM, %.1f s with start-up and catalog' "$total")"
printf '%-10s %12s %12s %8s %s\n' duckdb "$duck_first" "$duck_best" "$duck_rows" "JDBC on the export-duckdb file"
