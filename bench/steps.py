"""Run one step of a bench part in a fresh interpreter (so its memory and start-up are its own)."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_step(module, step, env):
    """`module._step(step)` in a child process; the step prints one JSON line last."""
    out = subprocess.run(  # noqa: S603 — our own interpreter and module
        [sys.executable, "-c", f"from {module} import _step; _step({step!r})"],
        cwd=ROOT,
        env=env,
        check=False,
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        sys.stderr.write(out.stderr[-4000:])
        raise RuntimeError(f"{module} step {step!r} failed")
    return json.loads(out.stdout.strip().splitlines()[-1])
