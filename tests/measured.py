"""Run a command and measure what it alone cost: CPU seconds and peak resident memory.

Linux carries a process's memory high-water mark across fork and exec, so a child forked
straight from a pytest process that has grown to 600 MB reports 600 MB whatever it used.
The command is therefore started by a small Python process, whose own size is all its
child inherits, and that process reports its child's usage.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

# Runs in the lean parent: start the command, wait for it, write its rusage as JSON to the
# file descriptor given first.
_PARENT = """
import json, os, subprocess, sys
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
with os.fdopen(int(sys.argv[1]), "w") as report:
    json.dump({"cpu": usage.ru_utime + usage.ru_stime, "peak_kb": usage.ru_maxrss,
               "status": os.waitstatus_to_exitcode(status)}, report)
"""


@dataclass(frozen=True)
class Measured:
    cpu_seconds: float
    peak_mb: float
    stdout: str
    stderr: str
    returncode: int


def run_measured(argv: Sequence[str], env: Mapping[str, str] | None = None) -> Measured:
    """Run argv to completion; its output, exit status, CPU time and peak memory."""
    read_end, write_end = os.pipe()
    try:
        done = subprocess.run(
            [sys.executable, "-c", _PARENT, str(write_end), *argv],
            capture_output=True,
            text=True,
            env=None if env is None else dict(env),
            pass_fds=(write_end,),
        )
    finally:
        os.close(write_end)
    with os.fdopen(read_end) as report:
        usage = json.load(report)
    return Measured(
        usage["cpu"], usage["peak_kb"] / 1024, done.stdout, done.stderr, usage["status"]
    )
