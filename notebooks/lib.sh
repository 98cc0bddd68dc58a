# Shared steps of run-notebooks.sh and jupyter.sh (sourced; needs $here and $root).

# Installs the Debian packages whose Python modules are missing: as root with apt-get, otherwise
# prints the command and fails. Usage: ensure_debian "module, module" package...
ensure_debian() {
  local modules=$1
  shift
  if /usr/bin/python3 -c "import $modules" 2>/dev/null; then
    return 0
  fi
  if [ "$(id -u)" != 0 ]; then
    echo "notebooks: Debian packages missing; run: sudo apt-get install -y $*" >&2
    exit 1
  fi
  echo "notebooks: installing $*" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# Builds the job jar, Spark's jars, the kernel jars and the kernel fix when one is missing.
ensure_built() {
  if ! ls "$here"/target/newslens-notebooks-*.jar "$here"/target/kernel/rapaio-jupyter-kernel.jar \
      "$here"/target/kernel-fix/org/rapaio/jupyter/kernel/channels/LoopThread.class \
      "$root"/jobs/target/newslens-jobs-*.jar >/dev/null 2>&1; then
    (cd "$root" && mvn -B -q -DskipTests package)
  fi
}

# Runs the pipeline on data-samples/corpus into $1 unless that folder exists (built beside, then
# moved into place, so an interrupted build is never taken for a warehouse).
ensure_sample_warehouse() {
  local warehouse=$1 started
  if [ -d "$warehouse" ]; then
    return 0
  fi
  started=$(date +%s)
  rm -rf "$warehouse.tmp"
  "$root/bin/newslens" run --input "$root/data-samples/corpus" --warehouse "$warehouse.tmp" >/dev/null
  mv "$warehouse.tmp" "$warehouse"
  echo "notebooks: sample warehouse $warehouse built in $(( $(date +%s) - started )) s" >&2
}
