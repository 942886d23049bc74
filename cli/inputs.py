"""The input paths of `jospar extract`: every path named or found under a named folder, each either to be
read or with the reason it is not (a flag), so no path is skipped silently.

- Folders are walked without following symbolic links; dot-files and dot-folders are inputs too.
- A symbolic link found under a folder is read only when its target is a regular file inside that
  folder (else `symlink_outside`); a path named on the command line is the user's choice and followed.
- FIFOs, sockets, devices and links to folders are never opened (`not_a_file`): opening a FIFO blocks.
- Names are shown losslessly as text: bytes that are not UTF-8 become `\\xNN` escapes (`display_name`).
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional

from schemas.records import Flag


@dataclass
class Input:
    path: Path  # what to open (the OS name, possibly with surrogate escapes)
    name: str  # how it is shown and recorded: always encodable as UTF-8
    problem: Optional[Flag] = None  # set when the path is not to be read


def display_name(path: Path | str) -> str:
    """The path as UTF-8-safe text: undecodable bytes as \\xNN, so JSON, Arrow and CSV accept it."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def iter_inputs(paths: list[str]) -> Iterator[Input]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir() and not path.is_symlink():
            yield from _walk(path)
        elif path.is_dir():  # a link to a folder named by the user: walk it, as they asked
            yield from _walk(path, root=Path(os.path.realpath(path)))
        else:
            yield _named_file(path)


def _named_file(path: Path) -> Input:
    name = display_name(path)
    try:
        mode = path.stat().st_mode  # follows a link: the user named this path
    except OSError as exc:
        return Input(path, name, Flag(code="unreadable", message=f"cannot read the file: {exc.strerror or exc}"))
    return Input(path, name, _not_regular(mode))


def _not_regular(mode: int) -> Optional[Flag]:
    if stat.S_ISREG(mode):
        return None
    kind = ("a folder" if stat.S_ISDIR(mode) else "a FIFO (named pipe)" if stat.S_ISFIFO(mode)
            else "a socket" if stat.S_ISSOCK(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "not a regular file")
    return Flag(code="not_a_file", message=f"{kind}; not opened")


def _walk(top: Path, root: Path | None = None) -> Iterator[Input]:
    """Every entry under `top`, sorted, without following links; unreadable folders are inputs too."""
    root = root or Path(os.path.realpath(top))
    try:
        entries = sorted(os.scandir(top), key=lambda e: os.fsencode(e.name))
    except OSError as exc:
        yield Input(top, display_name(top), Flag(code="unreadable", message=f"cannot list the folder: {exc.strerror or exc}"))
        return
    for entry in entries:
        path = Path(entry.path)
        try:
            if entry.is_symlink():
                yield _link(path, root)
            elif entry.is_dir(follow_symlinks=False):
                yield from _walk(path, root)
            else:
                yield Input(path, display_name(path), _not_regular(entry.stat(follow_symlinks=False).st_mode))
        except OSError as exc:
            yield Input(path, display_name(path), Flag(code="unreadable", message=f"cannot read: {exc.strerror or exc}"))


def _link(path: Path, root: Path) -> Input:
    name = display_name(path)
    target = Path(os.path.realpath(path))
    if not target.is_relative_to(root):
        return Input(path, name, Flag(code="symlink_outside",
                                      message="a symbolic link to a place outside the folder; not followed"))
    if not target.exists():
        return Input(path, name, Flag(code="unreadable", message="a broken symbolic link"))
    if target.is_dir():
        return Input(path, name, Flag(code="not_a_file", message="a symbolic link to a folder inside the folder; "
                                                                  "not followed (its files are listed under their own path)"))
    return Input(path, name, _not_regular(target.stat().st_mode))
