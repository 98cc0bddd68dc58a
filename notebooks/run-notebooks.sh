#!/usr/bin/env bash
# Executes every notebook headlessly and fails if a cell errors or a chart is missing; the build's
# integration-test phase runs it (skip with -DskipNotebooks).
#
#   notebooks/run-notebooks.sh [--update] [NOTEBOOK.ipynb ...]
#
# 1. Installs Debian's nbclient when missing (as root; otherwise prints the apt-get command and fails).
# 2. Builds the jars if missing (mvn -DskipTests package) and installs the kernel under target/jupyter.
# 3. Uses $NEWSLENS_WAREHOUSE, else builds the sample warehouse (target/sample-warehouse) from
#    data-samples/corpus with `bin/newslens run` when it is missing.
# 4. Runs execute_notebooks.py: executed copies in target/executed, or, with --update, written over
#    the committed notebooks (always from the sample warehouse, so GitHub shows the sample run).
set -euo pipefail

here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
root=$(cd "$here/.." && pwd)
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
python=/usr/bin/python3
packages=(python3-nbclient python3-nbformat python3-jupyter-client)

if ! "$python" -c 'import nbclient, nbformat, jupyter_client' 2>/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    echo "run-notebooks: installing ${packages[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  else
    echo "run-notebooks: Debian's nbclient is missing; run: sudo apt-get install -y ${packages[*]}" >&2
    exit 1
  fi
fi

if ! ls "$here"/target/newslens-notebooks-*.jar "$root"/jobs/target/newslens-jobs-*.jar >/dev/null 2>&1; then
  (cd "$root" && mvn -B -q -DskipTests package)
fi
export JUPYTER_PATH="$here/target/jupyter"
export JUPYTER_RUNTIME_DIR="$here/target/jupyter/runtime"
"$here/install-kernel.sh" "$JUPYTER_PATH/kernels" >/dev/null

update=false
for arg in "$@"; do
  [ "$arg" = --update ] && update=true
done
if [ -z "${NEWSLENS_WAREHOUSE:-}" ] || [ "$update" = true ]; then
  export NEWSLENS_WAREHOUSE="$here/target/sample-warehouse"
  if [ ! -d "$NEWSLENS_WAREHOUSE" ]; then
    started=$(date +%s)
    rm -rf "$NEWSLENS_WAREHOUSE.tmp"
    "$root/bin/newslens" run --input "$root/data-samples/corpus" --warehouse "$NEWSLENS_WAREHOUSE.tmp" >/dev/null
    mv "$NEWSLENS_WAREHOUSE.tmp" "$NEWSLENS_WAREHOUSE"
    echo "run-notebooks: sample warehouse built in $(( $(date +%s) - started )) s"
  fi
fi
echo "run-notebooks: warehouse $NEWSLENS_WAREHOUSE"
exec "$python" "$here/execute_notebooks.py" "$@"
