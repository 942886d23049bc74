"""Legacy Word 97-2003 (.doc): converted to DOCX by LibreOffice headless, then read as DOCX.

The conversion runs in a throwaway profile and folder with a time limit, so a hostile file can
neither hang a batch nor touch the user's LibreOffice settings.
"""
from __future__ import annotations

import subprocess

from extractors.libreoffice import convert_bytes, soffice
from schemas import Flag, LayoutDocument

CONVERT_TIMEOUT_S = 120
MEDIA_TYPE = "application/msword"


def read_doc(data: bytes) -> LayoutDocument:
    if soffice() is None:
        return LayoutDocument(media_type=MEDIA_TYPE, flags=[Flag(code="unsupported_format", message="a .doc file needs LibreOffice (soffice) to be read")])
    try:
        converted = convert_bytes(data, ".doc", "docx", timeout=CONVERT_TIMEOUT_S)
    except (subprocess.SubprocessError, OSError) as exc:
        return LayoutDocument(media_type=MEDIA_TYPE, flags=[Flag(code="unreadable", message=f"LibreOffice could not convert the .doc: {type(exc).__name__}")])
    from extractors.docx_reader import read_docx

    layout = read_docx(converted)
    layout.media_type = MEDIA_TYPE
    return layout
