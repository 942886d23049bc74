"""LibreOffice headless conversion, the one place that runs `soffice`: legacy .doc reading, and the
scripts that render samples and test fixtures.

Every run gets a throwaway profile (concurrent runs collide on the default one, and a hostile file must
not touch the user's settings) and a time limit.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

DEFAULT_TIMEOUT_S = 300


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_files(paths: list[Path], fmt: str, out_dir: Path, timeout: float = DEFAULT_TIMEOUT_S) -> list[Path]:
    """Convert files to `fmt` ("pdf", "docx", "doc") into out_dir, in one run (start-up dominates).
    Raises FileNotFoundError without LibreOffice, subprocess errors when it fails."""
    exe = soffice()
    if exe is None:
        raise FileNotFoundError("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory(prefix="lo_profile_") as profile:
        subprocess.run([exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                        "--convert-to", fmt, "--outdir", str(out_dir), *map(str, paths)],
                       check=True, capture_output=True, timeout=timeout)
    return [Path(out_dir) / f"{Path(p).stem}.{fmt}" for p in paths]


def convert_bytes(data: bytes, suffix: str, fmt: str, timeout: float = DEFAULT_TIMEOUT_S) -> bytes:
    """The converted bytes of one in-memory document (written to a private temporary folder)."""
    with tempfile.TemporaryDirectory(prefix="jospar-lo-") as tmp:
        src = Path(tmp) / f"input{suffix}"
        src.write_bytes(data)
        (out,) = convert_files([src], fmt, Path(tmp), timeout)
        return out.read_bytes()
