"""Executes newslens notebooks headlessly with Debian's nbclient and checks them.

    python3 execute_notebooks.py [--update] [--out DIR] [NOTEBOOK.ipynb ...]

Every notebook in this folder (or those named) runs in the "newslens" kernel with this folder as
its working directory. A notebook fails when a cell errors or when it shows fewer charts (PNG
images or Vega-Lite outputs) than its metadata "newslens": {"charts": N} asks for. Each notebook
starts the kernel once: a kernel that does not answer within STARTUP_TIMEOUT seconds fails that
notebook (kernel-starts.py checks many starts). The executed copies go to --out (default
target/executed); --update writes them over the committed notebooks instead; each kernel's log is
beside the executed copies.
"""
import argparse
import atexit
import pathlib
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

HERE = pathlib.Path(__file__).resolve().parent
KERNEL = "newslens"
CHART_TYPES = ("image/png", "application/vnd.vegalite.v5+json")
STARTUP_TIMEOUT = 120  # seconds from the JVM's launch to its first answer (15-30 s on a busy 2-core machine)


class KernelStartError(Exception):
    """The kernel did not answer at start."""


class OneStartClient(NotebookClient):
    """Records whether the kernel answered at start, to tell a start that failed from a cell."""

    answered = False

    async def async_start_new_kernel_client(self):
        client = await super().async_start_new_kernel_client()
        self.answered = True
        return client


def execute(path, kernel_log):
    """The executed notebook, from one kernel start: a start that does not answer is not retried
    (install-kernel.sh fixes the races in rapaio's kernel that made one start in four hang)."""
    nb = nbformat.read(path, as_version=4)
    client = OneStartClient(nb, kernel_name=KERNEL, timeout=600, startup_timeout=STARTUP_TIMEOUT,
                            record_timing=False, resources={"metadata": {"path": str(HERE)}})
    try:
        client.execute(stdout=kernel_log, stderr=kernel_log)
        return nb
    except CellExecutionError:
        raise
    except Exception as e:  # noqa: BLE001 - any failure before the kernel answered is a start failure
        if client.answered:
            raise
        atexit.unregister(client._cleanup_kernel)  # nbclient leaves it registered when the start fails
        raise KernelStartError(
            f"the kernel did not start: no answer within {STARTUP_TIMEOUT} s ({type(e).__name__}: {e}); "
            f"not retried (notebooks/kernel-starts.py N starts the kernel N times and keeps the thread "
            f"dump of a start that hangs)") from e


def problems(nb):
    """What is wrong with an executed notebook: error outputs, missing charts."""
    found = []
    charts = 0
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                found.append(f"cell {index}: {output.ename}: {output.evalue}")
            charts += sum(1 for t in CHART_TYPES if t in output.get("data", {}))
    wanted = nb.metadata.get("newslens", {}).get("charts", 0)
    if charts < wanted:
        found.append(f"{charts} charts, expected at least {wanted}")
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="write outputs into the committed notebooks")
    parser.add_argument("--out", default=str(HERE / "target" / "executed"))
    parser.add_argument("notebooks", nargs="*")
    args = parser.parse_args()
    paths = [pathlib.Path(p).resolve() for p in args.notebooks] or sorted(HERE.glob("*.ipynb"))
    if not paths:
        sys.exit(f"no notebooks in {HERE}")
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    failed = 0
    started = time.monotonic()
    for path in paths:
        began = time.monotonic()
        print(f"{path.name}: executing", flush=True)
        log = out / (path.stem + ".kernel.log")
        try:
            with open(log, "w") as kernel_log:
                nb = execute(path, kernel_log)
            found = problems(nb)
        except CellExecutionError as e:
            nb, found = None, [str(e).strip().splitlines()[-1] if str(e).strip() else repr(e)]
            print(str(e)[-3000:], file=sys.stderr)
        except Exception as e:  # noqa: BLE001 - report and go on with the next notebook
            nb, found = None, [f"{type(e).__name__}: {e}"]
        status = "FAILED" if found else "ok"
        print(f"{path.name}: {status} in {time.monotonic() - began:.1f} s", flush=True)
        for problem in found:
            print(f"  {problem}", flush=True)
        if found:
            print(f"  kernel log: {log}", flush=True)
        if nb is not None:
            nbformat.write(nb, path if args.update and not found else out / path.name)
        failed += bool(found)
    print(f"notebooks executed in {time.monotonic() - started:.1f} s")
    print(f"notebooks: {len(paths) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
