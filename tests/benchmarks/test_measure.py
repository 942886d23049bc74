"""benchmarks/measure.py: the CPU of a process tree counts children that ended and grandchildren alive."""
from __future__ import annotations

import subprocess
import sys
import time

from benchmarks.measure import tree_cpu_seconds

BURN = "import time\nt = time.process_time()\nwhile time.process_time() - t < {s}: pass\n"


def test_tree_cpu_counts_ended_children_and_live_grandchildren(tmp_path):
    before = tree_cpu_seconds()
    subprocess.run([sys.executable, "-c", BURN.format(s=0.4)], check=True)  # ended and reaped
    assert tree_cpu_seconds() - before >= 0.35
    # a child that starts a grandchild which burns, says so, and sleeps while both live
    marker = tmp_path / "burnt"
    grandchild = BURN.format(s=0.5) + f"open({str(marker)!r}, 'w').close()\ntime.sleep(60)\n"
    code = f"import subprocess, sys\nsubprocess.Popen([sys.executable, '-c', {grandchild!r}]).wait()\n"
    parent = subprocess.Popen([sys.executable, "-c", code])
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():  # a busy machine may take a while to give it 0.5 s
            assert time.monotonic() < deadline
            time.sleep(0.1)
        assert tree_cpu_seconds() - before >= 0.35 + 0.45
    finally:
        subprocess.run(["pkill", "-KILL", "-P", str(parent.pid)])
        parent.kill()
        parent.wait()
