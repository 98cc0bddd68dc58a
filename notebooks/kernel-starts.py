"""Starts the "newslens" Jupyter kernel N times and counts the starts that hang.

    /usr/bin/python3 kernel-starts.py [N] [--timeout S] [--code CODE] [--logs DIR] [--jupyter-path DIR]

Each start is what a notebook does first: launch the kernel (jupyter_client's KernelManager, as
nbclient and Jupyter do), wait for it to answer kernel_info (wait_for_ready), execute CODE
(default `1+1`) and check the reply, then shut it down. A start that does not answer within
--timeout seconds (default 60) is a hang: its kernel's thread dump (jstack), the listening ports
(ss -ltnp) and its log are kept in --logs (default target/kernel-starts), then it is killed.
Prints each start's time and, at the end, `N starts, K hangs`. Exits 1 if any start hung.

It installs the kernel as built (install-kernel.sh, into target/jupyter, as run-notebooks.sh
does); with --jupyter-path DIR it starts the "newslens" kernel installed under DIR/kernels as it is
(for example a kernel.json without the fix, to see the hangs). Needs the jars built
(mvn -DskipTests install) and Debian's python3-jupyter-client.
"""
import argparse
import os
import pathlib
import queue
import shutil
import subprocess
import sys
import time

from jupyter_client.kernelspec import NoSuchKernel
from jupyter_client.manager import KernelManager

HERE = pathlib.Path(__file__).resolve().parent
KERNEL = "newslens"


def kernel_pid(km):
    provisioner = getattr(km, "provisioner", None)
    process = getattr(provisioner, "process", None) or getattr(km, "kernel", None)
    return getattr(process, "pid", None)


def evidence(km, logs, index, why):
    """Keeps the hung kernel's thread dump, its ports and its log."""
    pid = kernel_pid(km)
    out = logs / f"hang-{index:03d}.txt"
    with open(out, "w") as f:
        f.write(f"start {index}: {why}\nkernel pid {pid}\nconnection {km.get_connection_info()}\n\n")
        f.flush()
        for cmd in (["ss", "-ltnp"], ["jstack", "-l", str(pid)]):
            f.write(f"$ {' '.join(cmd)}\n")
            f.flush()
            subprocess.run(cmd, stdout=f, stderr=subprocess.STDOUT, timeout=60, check=False)
            f.write("\n")
    return out


def one_start(index, timeout, code, logs):
    """Seconds to a first answer, or raises TimeoutError (after keeping the evidence)."""
    log = open(logs / f"kernel-{index:03d}.log", "w")
    km = KernelManager(kernel_name=KERNEL)
    began = time.monotonic()
    km.start_kernel(stdout=log, stderr=log, cwd=str(HERE))
    kc = km.client()
    kc.start_channels()
    try:
        try:
            kc.wait_for_ready(timeout=timeout)
            msg_id = kc.execute(code)
            deadline = time.monotonic() + timeout
            while True:
                reply = kc.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
                if reply["parent_header"].get("msg_id") == msg_id:
                    break
            if reply["content"]["status"] != "ok":
                raise RuntimeError(f"{code!r} failed: {reply['content']}")
            return time.monotonic() - began
        except (RuntimeError, queue.Empty) as e:
            if isinstance(e, RuntimeError) and "failed:" in str(e):
                raise
            where = evidence(km, logs, index, f"{type(e).__name__}: {e}")
            raise TimeoutError(f"no answer within {timeout:.0f} s; jstack and ports in {where}") from e
    finally:
        kc.stop_channels()
        try:
            km.shutdown_kernel(now=False)
        except Exception:  # noqa: BLE001 - a hung kernel does not answer shutdown_request
            km.shutdown_kernel(now=True)
        log.close()


def use_kernel(jupyter_path):
    """The kernel's argv; installs the built kernel into target/jupyter unless given jupyter_path."""
    if jupyter_path is None:
        jupyter_path = HERE / "target" / "jupyter"
        subprocess.run([str(HERE / "install-kernel.sh"), str(jupyter_path / "kernels")], check=True,
                       stdout=subprocess.DEVNULL)
    os.environ["JUPYTER_PATH"] = str(pathlib.Path(jupyter_path).resolve())
    try:
        return KernelManager(kernel_name=KERNEL).kernel_spec.argv
    except NoSuchKernel:
        sys.exit(f"no kernel {KERNEL!r} in {jupyter_path}/kernels")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=50)
    parser.add_argument("--timeout", type=float, default=60, help="seconds for a start to answer (default 60)")
    parser.add_argument("--code", default="1+1")
    parser.add_argument("--logs", default=str(HERE / "target" / "kernel-starts"))
    parser.add_argument("--jupyter-path", help="start the kernel installed under this folder, as it is")
    args = parser.parse_args()
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    argv = use_kernel(args.jupyter_path)
    main = next((i for i, a in enumerate(argv) if a in ("-cp", "-jar")), 0)
    print(f"kernel: {argv[0]} ... {' '.join(argv[main:])}", flush=True)
    logs = pathlib.Path(args.logs)
    shutil.rmtree(logs, ignore_errors=True)
    logs.mkdir(parents=True)
    hangs, times = 0, []
    for index in range(1, args.n + 1):
        try:
            seconds = one_start(index, args.timeout, args.code, logs)
            times.append(seconds)
            print(f"start {index:3d}: ok in {seconds:.1f} s", flush=True)
        except TimeoutError as e:
            hangs += 1
            print(f"start {index:3d}: HANG ({e})", flush=True)
    summary = f"{args.n} starts, {hangs} hangs"
    if times:
        summary += (f"; time to `{args.code}` answered: mean {sum(times) / len(times):.1f} s,"
                    f" min {min(times):.1f} s, max {max(times):.1f} s")
    print(summary)
    sys.exit(1 if hangs else 0)


if __name__ == "__main__":
    main()
