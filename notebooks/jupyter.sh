#!/usr/bin/env bash
# One command from a fresh clone to the notebooks in a browser:
#
#   notebooks/jupyter.sh [WAREHOUSE] [jupyter notebook options...]
#
# installs Debian's Jupyter Notebook when missing (as root; otherwise prints the apt-get command),
# builds the jars when missing, installs the "newslens" kernel for this user, builds the sample
# warehouse when WAREHOUSE (default: $NEWSLENS_WAREHOUSE, else ./warehouse at the repository root)
# does not exist, and starts Jupyter on this folder with NEWSLENS_WAREHOUSE pointing at it.
set -euo pipefail

here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
root=$(cd "$here/.." && pwd)
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
# shellcheck source=lib.sh
source "$here/lib.sh"

warehouse="${NEWSLENS_WAREHOUSE:-$root/warehouse}"
if [ $# -gt 0 ] && [[ "$1" != -* ]]; then
  warehouse=$1
  shift
fi
ensure_debian "notebook" python3-notebook jupyter-notebook
ensure_built
"$here/install-kernel.sh"
export NEWSLENS_WAREHOUSE
NEWSLENS_WAREHOUSE=$(readlink -m "$warehouse")
ensure_sample_warehouse "$NEWSLENS_WAREHOUSE"
echo "notebooks: warehouse $NEWSLENS_WAREHOUSE"
as_root=()
[ "$(id -u)" = 0 ] && as_root=(--allow-root)
exec /usr/bin/python3 -m notebook --notebook-dir "$here" ${as_root[@]+"${as_root[@]}"} "$@"
