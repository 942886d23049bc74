"""Legacy Word 97-2003 (.doc): converted to DOCX by LibreOffice headless, then read as DOCX.

The conversion runs in a throwaway profile and folder with a time limit, so a hostile file can
neither hang a batch nor touch the user's LibreOffice settings.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from schemas import Flag, LayoutDocument

CONVERT_TIMEOUT_S = 120
MEDIA_TYPE = "application/msword"


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_doc(data: bytes) -> LayoutDocument:
    exe = soffice()
    if exe is None:
        return LayoutDocument(media_type=MEDIA_TYPE, flags=[Flag(code="unsupported_format", message="a .doc file needs LibreOffice (soffice) to be read")])
    with tempfile.TemporaryDirectory(prefix="jospar-doc-") as tmp:
        src = Path(tmp) / "input.doc"
        src.write_bytes(data)
        try:
            subprocess.run([exe, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--norestore",
                            "--convert-to", "docx", "--outdir", tmp, str(src)],
                           check=True, capture_output=True, timeout=CONVERT_TIMEOUT_S)
            converted = (Path(tmp) / "input.docx").read_bytes()
        except (subprocess.SubprocessError, OSError) as exc:
            return LayoutDocument(media_type=MEDIA_TYPE, flags=[Flag(code="unreadable", message=f"LibreOffice could not convert the .doc: {type(exc).__name__}")])
    from extractors.docx_reader import read_docx

    layout = read_docx(converted)
    layout.media_type = MEDIA_TYPE
    return layout
