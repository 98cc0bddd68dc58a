#!/usr/bin/env bash
# Topic-model peer benchmark: the Gibbs engine (the topics stage's default) and its variants, Spark
# MLlib online LDA, optionally Spark EM, and MALLET 2.1.1 on the same tokens and vocabulary of a
# warehouse's documents, printed side by side (wall seconds of the fit, mean NPMI, diversity,
# largest topic share); every option is in bench/README.md.
#
#   bench/run.sh 10000                                  # builds the 10k corpus and its warehouse
#   bench/topics-bench.sh /tmp/newslens-bench/warehouse-10000 [--k 20] [--seeds 1,2,3] [--em]
set -euo pipefail
warehouse=${1:?usage: bench/topics-bench.sh WAREHOUSE [--k K] [--em]}
shift
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
[ -f "$root/jobs/target/spark-home/RELEASE" ] || (cd "$root" && mvn -q -B -DskipTests package)
[ -f "$root/bench/target/lib/mallet-2.1.1.jar" ] || mvn -q -B -f "$root/bench/pom.xml" dependency:copy-dependencies -DoutputDirectory="$root/bench/target/lib"
jar=$(ls "$root"/jobs/target/newslens-jobs-*.jar | grep -v original | head -n 1)
cp="$jar:$root/jobs/target/spark-home/conf:$root/jobs/target/spark-home/jars/*:$root/bench/target/lib/*"
export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1}
# Spark's JavaModuleOptions (Java 17):
exec java -Xmx${BENCH_MEMORY:-6g} -XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector \
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED \
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED \
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED \
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED \
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true \
  -cp "$cp" "$root/bench/TopicsBench.java" "$warehouse" "$@"
