"""Child processes that must not outlive their parent (a sandbox worker, the temporary Prefect API).

`die_with_parent` runs in the child: Linux's PR_SET_PDEATHSIG makes the kernel SIGKILL it when the
thread that started it dies, however that happens (kill -9 included); the setting survives exec.
"""
from __future__ import annotations

import ctypes
import os
import signal

PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int) -> None:
    """Ask Linux to SIGKILL this process when its parent dies; exit now if it already has."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # not Linux: the parent's end-of-input or its atexit stop is then the only way out
    if os.getppid() != parent_pid:
        os._exit(0)
