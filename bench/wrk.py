"""Page speed with wrk, a load generator written in C (Debian package `wrk`).

A Python client spends about as much CPU per request as the server it measures, so on a small
machine it measures itself. wrk costs a small fraction of that, so the ratios the bench prints
(page / static file of the same size) are about the server.
"""

import re
import shutil
import subprocess
import time

INSTALL = ["apt-get", "install", "-y", "-qq", "wrk"]


def ensure_wrk(say=print):
    """The path of wrk, installed from Debian's packages when missing (as `make browser-deps`
    installs chromium)."""
    found = shutil.which("wrk")
    if found:
        return found
    say("  wrk missing: installing it from Debian's packages (apt-get install wrk)")
    env = {"DEBIAN_FRONTEND": "noninteractive", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"}
    subprocess.run(
        ["apt-get", "update", "-qq"], env=env, capture_output=True, timeout=300, check=False
    )
    subprocess.run(INSTALL, env=env, capture_output=True, timeout=300, check=False)
    found = shutil.which("wrk")
    if not found:
        raise RuntimeError("wrk is not installed and apt-get install wrk failed")
    return found


def run(url, *, seconds=5, connections=8, threads=1, timeout_s=10):
    """One bounded wrk run against one URL: requests/s, average latency (ms) and failures."""
    command = [
        ensure_wrk(),
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds:g}s",
        f"--timeout={timeout_s}s",
        "--latency",
        url,
    ]
    out = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + timeout_s + 30, check=False
    )
    return parse(out.stdout + out.stderr)


def _ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def parse(text):
    """wrk's report as numbers. Non-2xx/3xx answers and socket errors are failures."""
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    if not rps:
        raise RuntimeError(f"wrk gave no figure:\n{text[-1000:]}")
    total = re.search(r"(\d+) requests in", text)
    latency = re.search(r"Latency\s+([\d.]+)(us|ms|s|m)\b", text)
    p99 = re.search(r"\s99%\s+([\d.]+)(us|ms|s|m)\b", text)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
    )
    return {
        "rps": float(rps.group(1)),
        "requests": int(total.group(1)) if total else 0,
        "latency_ms": _ms(*latency.groups()) if latency else float("nan"),
        "p99_ms": _ms(*p99.groups()) if p99 else float("nan"),
        "non_2xx": int(non2xx.group(1)) if non2xx else 0,
        "socket_errors": sum(int(n) for n in sockets.groups()) if sockets else 0,
    }


def _cpu_times():
    with open("/proc/stat") as stat:
        fields = [int(value) for value in stat.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return idle, sum(fields)


def wait_until_quiet(idle_at_least=0.9, window=0.5, longest=20.0):
    """Wait (up to `longest` s) until the machine's CPUs were idle `idle_at_least` of a `window`.

    A server keeps working after wrk stops (the requests it had already read, its logs), and on
    two CPUs that ate into the next target's run: the static file measured 1,150/s straight after
    a busy server and 4,000/s a few seconds later. Returns the seconds waited."""
    started = time.monotonic()
    while time.monotonic() - started < longest:
        idle_before, total_before = _cpu_times()
        time.sleep(window)
        idle_after, total_after = _cpu_times()
        if total_after > total_before and (idle_after - idle_before) / (total_after - total_before) >= idle_at_least:
            break
    return time.monotonic() - started
