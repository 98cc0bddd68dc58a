#!/usr/bin/env bash
# A loopback Spark standalone cluster from the build's Spark home (a Master and one Worker on
# 127.0.0.1, what the end-to-end tests start), for benchmark runs on a cluster:
#
#   bench/cluster.sh start [CORES] [MEMORY]      # defaults 2 cores, 8g; prints the master URL
#   BENCH_DIR=/data MASTER=spark://127.0.0.1:7077 EXECUTOR_MEMORY=6g DRIVER_MEMORY=2g STAGES=ingest bench/run.sh 1000000
#   bench/cluster.sh stop
#
# Logs and the worker's executor folders go to CLUSTER_DIR (default /tmp/newslens-cluster).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
export SPARK_HOME=$root/jobs/target/spark-home SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
dir=${CLUSTER_DIR:-/tmp/newslens-cluster}
mkdir -p "$dir/work"

daemon() { # NAME MAIN_CLASS ARGS...: a Spark daemon JVM in the background, its pid in NAME.pid
  local name=$1
  shift
  # Spark's JavaModuleOptions, as the build gives them to every JVM that runs Spark
  local opens
  read -r -a opens <<<"$(sed -n 's:.*<spark.add-opens>\(.*\)</spark.add-opens>.*:\1:p' "$root/pom.xml")"
  nohup java -Xmx512m "${opens[@]}" -cp "$SPARK_HOME/conf:$SPARK_HOME/jars/*" "$@" >"$dir/$name.log" 2>&1 &
  echo $! >"$dir/$name.pid"
}

case ${1:-} in
  start)
    [ -f "$SPARK_HOME/RELEASE" ] || (cd "$root" && mvn -q -B -DskipTests package)
    daemon master org.apache.spark.deploy.master.Master --host 127.0.0.1 --port 7077 --webui-port 8080
    daemon worker org.apache.spark.deploy.worker.Worker spark://127.0.0.1:7077 --host 127.0.0.1 \
      --cores "${2:-2}" --memory "${3:-8g}" --webui-port 8081 --work-dir "$dir/work"
    for _ in $(seq 120); do
      if curl -fs http://127.0.0.1:8080/json/ 2>/dev/null | tr -d ' ' | grep -q '"aliveworkers":1'; then
        echo spark://127.0.0.1:7077
        exit 0
      fi
      sleep 1
    done
    echo "bench/cluster.sh: no worker registered in 120 s; see $dir/master.log and $dir/worker.log" >&2
    exit 1 ;;
  stop)
    for name in worker master; do
      if [ -f "$dir/$name.pid" ]; then
        kill "$(cat "$dir/$name.pid")" 2>/dev/null || true
        rm -f "$dir/$name.pid"
      fi
    done ;;
  *)
    echo "usage: bench/cluster.sh start [CORES] [MEMORY] | stop" >&2
    exit 2 ;;
esac
