"""Word-processor formats python-docx cannot open — legacy Word 97-2003 (.doc), RTF and OpenDocument text
(.odt) — converted to DOCX by LibreOffice headless, then read as DOCX (tables, merged cells and
numbering kept: striprtf, the pure-Python alternative for RTF, flattens tables into text).

The conversion runs in a throwaway profile and folder with a time limit, so a hostile file can
neither hang a batch nor touch the user's LibreOffice settings.
"""
from __future__ import annotations

import subprocess

from extractors.libreoffice import convert_bytes, soffice
from schemas import Flag, LayoutDocument

CONVERT_TIMEOUT_S = 120
MEDIA_TYPES = {".doc": "application/msword", ".rtf": "application/rtf",
               ".odt": "application/vnd.oasis.opendocument.text"}
NAMES = {".doc": ".doc", ".rtf": "RTF", ".odt": ".odt"}


def read_converted(data: bytes, suffix: str) -> LayoutDocument:
    media_type = MEDIA_TYPES[suffix]
    if soffice() is None:
        return LayoutDocument(media_type=media_type, flags=[Flag(
            code="unsupported_format", message=f"a {NAMES[suffix]} file needs LibreOffice (soffice) to be read")])
    try:
        converted = convert_bytes(data, suffix, "docx", timeout=CONVERT_TIMEOUT_S)
    except (subprocess.SubprocessError, OSError) as exc:
        return LayoutDocument(media_type=media_type, flags=[Flag(
            code="unreadable", message=f"LibreOffice could not convert the {NAMES[suffix]}: {type(exc).__name__}")])
    from extractors.docx_reader import read_docx

    layout = read_docx(converted)
    layout.media_type = media_type
    return layout


def read_doc(data: bytes) -> LayoutDocument:
    return read_converted(data, ".doc")


def read_rtf(data: bytes) -> LayoutDocument:
    return read_converted(data, ".rtf")


def read_odt(data: bytes) -> LayoutDocument:
    return read_converted(data, ".odt")
