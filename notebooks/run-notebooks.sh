#!/usr/bin/env bash
# Executes every notebook headlessly and fails if a cell errors or a chart is missing; the build's
# integration-test phase runs it (skip with -DskipNotebooks).
#
#   notebooks/run-notebooks.sh [--update] [NOTEBOOK.ipynb ...]
#
# 1. Installs Debian's nbclient when missing (as root; otherwise prints the apt-get command and fails).
# 2. Builds the jars if missing (mvn -DskipTests package) and installs the kernel under target/jupyter.
# 3. Uses $NEWSLENS_WAREHOUSE, else the sample warehouse target/sample-warehouse, built from
#    data-samples/corpus with `bin/newslens run` when missing.
# 4. Runs execute_notebooks.py: executed copies in target/executed, or, with --update, written over
#    the committed notebooks (always from the sample warehouse, so GitHub shows the sample run).
set -euo pipefail

here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
root=$(cd "$here/.." && pwd)
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
# shellcheck source=lib.sh
source "$here/lib.sh"

ensure_debian "nbclient, nbformat, jupyter_client" python3-nbclient python3-nbformat python3-jupyter-client
ensure_built
export JUPYTER_PATH="$here/target/jupyter"
export JUPYTER_RUNTIME_DIR="$here/target/jupyter/runtime"
"$here/install-kernel.sh" "$JUPYTER_PATH/kernels" >/dev/null

if [ -z "${NEWSLENS_WAREHOUSE:-}" ] || [[ " $* " == *" --update "* ]]; then
  export NEWSLENS_WAREHOUSE="$here/target/sample-warehouse"
  ensure_sample_warehouse "$NEWSLENS_WAREHOUSE"
fi
echo "run-notebooks: warehouse $NEWSLENS_WAREHOUSE"
exec /usr/bin/python3 "$here/execute_notebooks.py" "$@"
