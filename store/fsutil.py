"""Crash-safe file system steps: write aside then rename, fsync, and swap two directories in one step."""
from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import os
import shutil
import uuid
from pathlib import Path
from typing import Callable, Iterator

_RENAME_EXCHANGE = 2  # linux/fs.h: swap the two names atomically


def fsync_path(path: Path) -> None:
    """Flush a file or a directory entry to disk (directories: so a rename survives a power cut)."""
    flags = os.O_RDONLY | (os.O_DIRECTORY if path.is_dir() else 0)
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def temp_sibling(path: Path, tag: str) -> Path:
    """A hidden unique name in the same directory (same file system, so rename is atomic)."""
    return path.with_name(f".{path.name}.{tag}-{os.getpid()}-{uuid.uuid4().hex[:8]}")


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[Path]:
    """Yield a temp path to write; on success it is fsynced and renamed over `path`, else removed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = temp_sibling(path, "tmp")
    try:
        yield temp
        fsync_path(temp)
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def write_file_atomic(path: Path, write: Callable[[Path], None]) -> None:
    with atomic_file(path) as temp:
        write(temp)


def _renameat2() -> Callable[..., int] | None:
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return None
    libc = ctypes.CDLL(libc_name, use_errno=True)
    return getattr(libc, "renameat2", None)


def exchange_dirs(first: Path, second: Path) -> bool:
    """Swap two existing paths in one atomic step (Linux renameat2). False when the system cannot."""
    call = _renameat2()
    if call is None:
        return False
    at_fdcwd = -100
    done = call(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), _RENAME_EXCHANGE)
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(first))


def publish_dir(ready: Path, target: Path, exchange: Callable[[Path, Path], bool] = exchange_dirs) -> None:
    """Make the complete directory `ready` appear at `target`, replacing what was there.

    Readers see either the old or the new directory, never a mix: with an atomic exchange when the file
    system has one, else by two renames (the old one stays whole until the new one is in place).
    """
    if not target.exists():
        os.rename(ready, target)
    elif exchange(ready, target):
        shutil.rmtree(ready)  # `ready` now holds the previous content
    else:
        previous = temp_sibling(target, "old")
        os.rename(target, previous)
        try:
            os.rename(ready, target)
        except OSError:
            os.rename(previous, target)  # put the previous publication back
            raise
        shutil.rmtree(previous)
    fsync_path(target.parent)
