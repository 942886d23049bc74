"""Run a measurement in a fresh child process and read its own peak memory; sample a process tree.

`in_child(fn, *args)` spawns a new interpreter (so ru_maxrss is that tool's alone, not the parent's),
calls fn(*args) there and returns what fn returned; fn gets a `Probe` to mark the moment its imports
and warm-up are done. `TreeSampler` follows every process under a root (Prefect's server, Dask workers,
Tesseract) and keeps each one's peak resident set size.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import resource
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def rss_mb() -> float:
    """Peak resident set size of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def children_rss_mb() -> float:
    """Peak RSS of the largest child process this one waited for (Tesseract, LibreOffice...)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


@dataclass
class Probe:
    ready_mb: float = 0.0
    done_mb: float = 0.0

    def ready(self) -> None:
        """Imports and warm-up done: what follows is the work."""
        self.ready_mb = rss_mb()

    def done(self) -> None:
        """The work is done: scoring or reporting after this does not count."""
        self.done_mb = rss_mb()


@dataclass
class ChildResult:
    value: object
    ready_mb: float  # peak RSS when the work began (interpreter, libraries, warm-up)
    peak_mb: float  # peak RSS when the work ended
    children_mb: float  # peak RSS of the largest subprocess the child ran

    @property
    def work_mb(self) -> float:
        return self.peak_mb - self.ready_mb


def _child(fn, args, env: dict[str, str], conn) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.update(env)
    probe = Probe()
    try:
        value = fn(probe, *args)
        conn.send(ChildResult(value, probe.ready_mb or rss_mb(), probe.done_mb or rss_mb(), children_rss_mb()))
    except BaseException:  # the parent reports it and goes on with the other tools
        conn.send(RuntimeError(traceback.format_exc()))


def in_child(fn, *args, env: dict[str, str] | None = None) -> ChildResult:
    """fn(probe, *args) in a spawned interpreter; raises RuntimeError with the child's traceback."""
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(fn, args, env or {}, child))
    proc.start()
    child.close()
    try:
        result = parent.recv()
    except EOFError:
        result = RuntimeError(f"the child process died (exit code {proc.join() or proc.exitcode})")
    proc.join()
    if isinstance(result, BaseException):
        raise result
    return result


def tree_cpu_seconds(pid: int | None = None) -> float:
    """CPU seconds (user + system) used so far by the process `pid` and every descendant: the live ones'
    own, and through each live process's reaped children those that ended (a sandbox worker killed,
    a Tesseract run). On a machine shared with other jobs this, not the clock, says what the work costs."""
    import psutil

    try:
        root = psutil.Process(pid or os.getpid())
        procs = [root] + root.children(recursive=True)
    except psutil.Error:
        return 0.0
    total = 0.0
    for proc in procs:
        try:
            t = proc.cpu_times()
        except psutil.Error:
            continue  # ended between the listing and now: its time reaches its parent's reaped children
        total += t.user + t.system + t.children_user + t.children_system
    return total


@dataclass
class TreeSampler:
    """Polls the process tree under `root_pid` every `interval` seconds; peak RSS (MB) per process."""

    root_pid: int = field(default_factory=os.getpid)
    interval: float = 0.5
    peaks: dict[int, tuple[str, float]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "TreeSampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def sample(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.root_pid)
            procs = [root] + root.children(recursive=True)
        except psutil.Error:
            return
        for proc in procs:
            try:
                rss = proc.memory_info().rss / 2**20
                name = self.peaks.get(proc.pid, (None, 0.0))[0] or describe(proc)
            except psutil.Error:
                continue
            if rss > self.peaks.get(proc.pid, ("", 0.0))[1]:
                self.peaks[proc.pid] = (name, rss)

    def by_role(self) -> dict[str, tuple[int, float]]:
        """{role: (processes, largest peak MB)}."""
        out: dict[str, tuple[int, float]] = {}
        for name, peak in self.peaks.values():
            count, top = out.get(name, (0, 0.0))
            out[name] = (count + 1, max(top, peak))
        return out


def describe(proc) -> str:
    """A short role for a process from its command line."""
    if proc.pid == os.getpid():
        return "driver (this script)"
    cmd = " ".join(proc.cmdline())
    for needle, role in (("--run-one", "flow driver"), ("prefect", "prefect server"), ("distributed.cli.dask_spawn", "dask worker"),
                         ("multiprocessing.forkserver", "forkserver"), ("spawn_main", "dask worker / spawned"),
                         ("tesseract", "tesseract"), ("soffice", "libreoffice"), ("jospar", "jospar")):
        if needle in cmd:
            return role
    return os.path.basename(proc.name())


def timed(fn, *args) -> tuple[float, object]:
    start = time.perf_counter()
    value = fn(*args)
    return time.perf_counter() - start, value
