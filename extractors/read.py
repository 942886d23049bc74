"""One entry point for every format: sniff the bytes, pick a reader, never raise.

The format is decided from the bytes first and the file name second: attachments arrive with
wrong or missing extensions ("scan.pdf" that is a DOCX, "письмо" with no extension at all).
"""
from __future__ import annotations

import importlib
import zipfile
from io import BytesIO
from pathlib import PurePath

from schemas import Flag, LayoutDocument

MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "doc": "application/msword",
    "text": "text/plain",
    "image": "application/octet-stream",  # named as an image; known image bytes give image/png, image/jpeg, image/tiff
    "unknown": "application/octet-stream",
}
READERS = {  # kind -> "module:function"; imported lazily so text-only runs stay light
    "pdf": "extractors.pdf_reader:read_pdf",
    "docx": "extractors.docx_reader:read_docx",
    "doc": "extractors.doc_reader:read_doc",
    "text": "extractors.text:read_text",
    "image": "extractors.image_reader:read_image",
}
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
IMAGE_MAGIC = {b"\x89PNG": "image/png", b"\xff\xd8\xff": "image/jpeg", b"II*\x00": "image/tiff", b"MM\x00*": "image/tiff"}
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")


def sniff(data: bytes, name: str = "") -> str:
    head = data[:1024]
    if head.lstrip().startswith(b"%PDF") or b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if _is_docx(data) else "unknown"
    if head.startswith(OLE2):
        return "doc"
    if image_media_type(head):
        return "image"  # scans: read by OCR
    suffix = PurePath(name).suffix.lower()
    if suffix in (".pdf", ".docx", ".doc"):
        return suffix[1:]  # the reader will flag bytes that do not match
    if suffix in IMAGE_SUFFIXES:
        return "image"
    return "text"


def image_media_type(data: bytes) -> str | None:
    return next((media for magic, media in IMAGE_MAGIC.items() if data.startswith(magic)), None)


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            return "word/document.xml" in zf.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return True  # a truncated DOCX: let the DOCX reader say why it fails


def read_bytes(data: bytes, name: str = "") -> LayoutDocument:
    kind = sniff(data, name)
    media_type = (kind == "image" and image_media_type(data)) or MEDIA_TYPES[kind]
    if not data:
        return LayoutDocument(media_type=media_type, flags=[Flag(code="empty", message="the file is empty")])
    if kind == "unknown":
        return LayoutDocument(media_type=media_type, flags=[Flag(code="unsupported_format", message="a ZIP archive that is not a DOCX document")])
    try:
        module, _, func = READERS[kind].partition(":")
        layout = getattr(importlib.import_module(module), func)(data)
    except Exception as exc:  # a reader bug or hostile bytes: keep going with a reason
        return LayoutDocument(media_type=media_type, flags=[Flag(code="unreadable", message=f"{kind} reader failed: {type(exc).__name__}: {exc}")])
    layout.media_type = layout.media_type or media_type
    return layout
