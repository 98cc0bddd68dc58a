#!/usr/bin/env bash
# Installs the "newslens" Jupyter kernel: rapaio-jupyter-kernel (a JShell kernel from Maven Central)
# running Spark in-process, with the job jar, Spark's jars (jobs/target/spark-home/jars), this
# module's chart helpers and JFreeChart on its classpath, and Spark's Java 17 --add-opens flags.
# The kernel runs with target/kernel-fix before its jar: two of its classes patched (src/kernel-fix),
# without which about one start in four hangs (README.md, "Kernel starts").
#
#   notebooks/install-kernel.sh [KERNELS_DIR]
#
# KERNELS_DIR defaults to the user's Jupyter kernels folder ($JUPYTER_DATA_DIR/kernels, else
# ~/.local/share/jupyter/kernels). Needs `mvn -DskipTests package` first (it says so if not).
set -euo pipefail

here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
root=$(cd "$here/.." && pwd)
kernels="${1:-${JUPYTER_DATA_DIR:-$HOME/.local/share/jupyter}/kernels}"
spark_home="$root/jobs/target/spark-home"
kernel_jar="$here/target/kernel/rapaio-jupyter-kernel.jar"
kernel_fix="$here/target/kernel-fix"
jobs_jar=$(ls "$root"/jobs/target/newslens-jobs-*.jar 2>/dev/null | grep -v -e '-original' -e '-tests' | head -n 1 || true)
helpers_jar=$(ls "$here"/target/newslens-notebooks-*.jar 2>/dev/null | head -n 1 || true)
if [ ! -f "$kernel_jar" ] || [ ! -f "$kernel_fix/org/rapaio/jupyter/kernel/channels/LoopThread.class" ] || [ -z "$jobs_jar" ] || [ -z "$helpers_jar" ] || [ ! -d "$spark_home/jars" ]; then
  echo "install-kernel: the job jar, Spark's jars, the kernel jars or the kernel fix are not built; run: mvn -B -q -DskipTests package" >&2
  exit 2
fi

# The kernel's JShell takes a ';'-separated list of jars (no wildcards).
classpath="$jobs_jar;$helpers_jar"
for jar in "$here"/target/kernel/*.jar "$spark_home"/jars/*.jar; do
  [ "$jar" = "$kernel_jar" ] || classpath="$classpath;$jar"
done

# Spark's JavaModuleOptions, as the root pom's spark.add-opens (one source: the pom).
add_opens=$(sed -n 's:.*<spark.add-opens>\(.*\)</spark.add-opens>.*:\1:p' "$root/pom.xml")
if [ -z "$add_opens" ]; then
  echo "install-kernel: no <spark.add-opens> in $root/pom.xml" >&2
  exit 2
fi

java_cmd="${JAVA_HOME:+$JAVA_HOME/bin/}java"
dir="$kernels/newslens"
mkdir -p "$dir"
python3 - "$dir/kernel.json" "$java_cmd" "$kernel_fix:$kernel_jar" "$classpath" "$spark_home/conf/log4j2.properties" $add_opens <<'PY'
import json, sys
out, java, kernel_path, classpath, log4j, *opens = sys.argv[1:]
kernel = {
    # The fixed classes first: they replace the kernel jar's LoopThread and Channels (start races).
    "argv": [java, "-Xmx2g", *opens, "-Dlog4j2.configurationFile=" + log4j, "-Dspark.ui.enabled=false",
             "-cp", kernel_path, "org.rapaio.jupyter.kernel.MainApp", "{connection_file}"],
    "display_name": "newslens (Java 17, Spark)",
    "language": "java",
    "interrupt_mode": "message",
    "env": {"RJK_CLASSPATH": classpath, "RJK_COMPILER_OPTIONS": "", "RJK_TIMEOUT_MILLIS": "-1", "RJK_INIT_SCRIPT": ""},
}
with open(out, "w") as f:
    json.dump(kernel, f, indent=1)
PY
echo "installed kernel 'newslens' in $dir"
