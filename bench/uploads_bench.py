"""Uploads benchmark: how long our test clamd takes to start, and to scan a file.

`run()` (called by `make bench`, or `python -m bench.uploads_bench` on its own) starts a private
clamd with the EICAR test signatures (.ci/clamd.sh, its own directory), times it until it answers,
then streams a clean 10 MB file and the EICAR file through the `clamd` library as
feedback.uploads does. Goals: ready within 5 s; a 10 MB file scanned within 1 s.
"""

import io
import os
import subprocess
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOALS = {"start": 5.0, "scan_10mb": 1.0}
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def print_figure(name, value, goal, ok):
    print(
        f"  {name:<58} {value:>18}   goal: {goal:<22} {'ok ' if ok else 'BELOW GOAL'}", flush=True
    )


def run(figure=print_figure):
    """Measure; `figure(name, value, goal, ok)` records each (make bench passes its own)."""
    with warnings.catch_warnings():  # clamd asks the deprecated pkg_resources for its version
        warnings.simplefilter("ignore")
        import clamd
    directory = tempfile.mkdtemp(prefix="hys-clamd-bench-")
    env = {**os.environ, "CLAMD_DIR": directory}
    script = str(ROOT / ".ci" / "clamd.sh")
    started = time.monotonic()
    socket_path = (
        subprocess.run(
            ["bash", script, "start"], check=True, capture_output=True, text=True, env=env
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    ready = time.monotonic() - started
    try:
        client = clamd.ClamdUnixSocket(path=socket_path, timeout=30)
        figure(
            "clamd (EICAR signatures only): start until it answers",
            f"{ready:.2f} s",
            f"< {GOALS['start']:.0f} s",
            ready < GOALS["start"],
        )
        data = b"%PDF-1.4\n" + os.urandom(10 * 1024 * 1024)
        started = time.monotonic()
        verdict = client.instream(io.BytesIO(data))["stream"][0]
        seconds = time.monotonic() - started
        figure(
            "clamd: scan a clean 10 MB upload",
            f"{seconds * 1000:.0f} ms ({verdict})",
            f"< {GOALS['scan_10mb'] * 1000:.0f} ms",
            seconds < GOALS["scan_10mb"] and verdict == "OK",
        )
        found = client.instream(io.BytesIO(EICAR))["stream"]
        figure("clamd: the EICAR file is found", found[0], "FOUND", found[0] == "FOUND")
    finally:
        subprocess.run(["bash", script, "stop"], check=False, env=env)


if __name__ == "__main__":
    run()
