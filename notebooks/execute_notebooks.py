"""Executes newslens notebooks headlessly with Debian's nbclient and checks them.

    python3 execute_notebooks.py [--update] [--out DIR] [NOTEBOOK.ipynb ...]

Every notebook in this folder (or those named) runs in the "newslens" kernel with this folder as
its working directory. A notebook fails when a cell errors or when it shows fewer charts (PNG
images or Vega-Lite outputs) than its metadata "newslens": {"charts": N} asks for. A kernel that
does not start (the JVM kernel can hang at start) is started again. The executed copies go to
--out (default target/executed); --update writes them over the committed notebooks instead; each kernel's log is beside the executed copies.
"""
import argparse
import asyncio
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
START_ATTEMPTS = 10  # about half the starts hang on a busy 2-core machine: 10 tries make a failed notebook run rare
LAUNCH_TIMEOUT = 120  # seconds for the kernel's JVM to bind its channels
STARTUP_TIMEOUT = 20  # seconds for a bound kernel to answer; a healthy one answers at once
CHANNELS = ("Shell", "Control", "Stdin", "Heartbeat", "IOPub")


class PatientClient(NotebookClient):
    """Waits, after launching the kernel, until its log says all its channels are bound: a request
    that reaches rapaio's kernel before it is ready can kill or stall its shell thread, and the
    start then hangs."""

    kernel_log = None
    answered = False  # whether the kernel answered at start: later failures are not start failures

    async def async_start_new_kernel_client(self):
        client = await super().async_start_new_kernel_client()
        self.answered = True
        return client

    async def async_start_new_kernel(self, **kwargs):
        self.kernel_log.flush()
        log = pathlib.Path(self.kernel_log.name)
        offset = log.stat().st_size
        await super().async_start_new_kernel(**kwargs)
        deadline = time.monotonic() + LAUNCH_TIMEOUT
        while time.monotonic() < deadline:
            started = log.read_text(errors="replace")[offset:]
            if all(f"[{channel}Channel]: Binding" in started for channel in CHANNELS):
                break
            await asyncio.sleep(0.2)
        await asyncio.sleep(1)


def execute(path, kernel_log):
    """The executed notebook. Should the kernel still not answer at start, it is started again,
    up to START_ATTEMPTS times."""
    for attempt in range(1, START_ATTEMPTS + 1):
        nb = nbformat.read(path, as_version=4)
        client = PatientClient(nb, kernel_name=KERNEL, timeout=600, startup_timeout=STARTUP_TIMEOUT,
                               record_timing=False, resources={"metadata": {"path": str(HERE)}})
        client.kernel_log = kernel_log
        try:
            client.execute(stdout=kernel_log, stderr=kernel_log)
            return nb
        except CellExecutionError:
            raise
        except Exception as e:  # noqa: BLE001 - any failure before the kernel answered is a start failure
            atexit.unregister(client._cleanup_kernel)  # nbclient leaves it registered when the start fails
            if client.answered or attempt == START_ATTEMPTS:
                raise
            print(f"  kernel did not start ({type(e).__name__}: {e}); starting it again", flush=True)
    raise AssertionError("unreachable")


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
