"""Content-addressed raw store: `<data_dir>/raw/<sha256[:2]>/<sha256>` holds exact bytes, once per content.

Writes are crash-safe: bytes go to a temp file in the same directory, are fsync'd, renamed over the
final name, and the directory is fsync'd, so after `put` returns the file survives a power cut.
File names never take part in paths (they are metadata only), so "../../etc/passwd" cannot escape.
"""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from pathlib import Path

_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")
MAX_NAME = 200


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path, chunk: int = 1 << 20) -> str:
    """The sha256 of a file's bytes, read in chunks (raw files may be tens of MB)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def sanitize_filename(name: str | None, fallback: str = "attachment") -> str:
    """A plain base name: NFC, no directories, no control or reserved characters, no leading dots."""
    if not name:
        return fallback
    name = unicodedata.normalize("NFC", str(name)).replace("\\", "/")
    base = name.rsplit("/", 1)[-1]
    base = _UNSAFE.sub("_", base).strip().lstrip(".").strip()
    if not base:
        return fallback
    if len(base) > MAX_NAME:
        stem, dot, ext = base.rpartition(".")
        base = (stem[: MAX_NAME - len(ext) - 1] + "." + ext) if dot and len(ext) < 16 else base[:MAX_NAME]
    return base


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` durably: temp file, fsync, rename, fsync of the directory."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


class RawStore:
    def __init__(self, root: Path):
        self.root = Path(root)

    def path_for(self, sha256: str) -> Path:
        if not re.fullmatch(r"[0-9a-f]{64}", sha256):
            raise ValueError(f"not a sha256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / sha256

    def put(self, data: bytes) -> tuple[str, Path, bool]:
        """Store `data`; returns (sha256, path, written). A stored copy is re-hashed (not merely sized):
        a good one is left alone, one that went bad is replaced by these good bytes (repaired)."""
        digest = sha256_hex(data)
        path = self.path_for(digest)
        if path.is_file() and self.good(digest):
            return digest, path, False
        write_atomic(path, data)
        return digest, path, True

    def get(self, sha256: str) -> bytes:
        return self.path_for(sha256).read_bytes()

    def verify(self, sha256: str) -> bool:
        """True when the stored bytes still hash to their name (detects a corrupted raw file)."""
        return file_sha256(self.path_for(sha256)) == sha256

    def good(self, sha256: str) -> bool:
        """verify() that says False, instead of raising, when the file is missing or unreadable."""
        try:
            return self.verify(sha256)
        except OSError:
            return False

    def files(self) -> list[Path]:
        """Every stored file (temp files of interrupted writes excluded)."""
        return [p for p in self.root.glob("*/*") if p.is_file() and not p.name.startswith(".")]

    def __contains__(self, sha256: str) -> bool:
        return self.path_for(sha256).exists()
