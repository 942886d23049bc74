"""One entry point for every format: sniff the bytes, pick a reader, never raise.

The format is decided from the bytes first and the file name second: attachments arrive with
wrong or missing extensions ("scan.pdf" that is a DOCX, "письмо" with no extension at all).
ZIP packages are told apart by their parts (DOCX, XLSX, ODS/ODT, or a plain archive), OLE2 files by
their streams (Word .doc, Excel .xls, Outlook .msg, or an encrypted Office package).
Containers (.zip, .eml, .msg) read their members through read_bytes again, one level deeper.
"""
from __future__ import annotations

import importlib
import io
import re
import zipfile
from pathlib import PurePath

from extractors.container import MAX_DEPTH
from schemas import Flag, LayoutDocument

MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "doc": "application/msword",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xls": "application/vnd.ms-excel",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "rtf": "application/rtf",
    "zip": "application/zip",
    "eml": "message/rfc822",
    "msg": "application/vnd.ms-outlook",
    "encrypted": "application/octet-stream",
    "text": "text/plain",
    "image": "application/octet-stream",  # named as an image; known image bytes give image/png, image/jpeg, image/tiff
    "unknown": "application/octet-stream",
}
READERS = {  # kind -> "module:function"; imported lazily so text-only runs stay light
    "pdf": "extractors.pdf_reader:read_pdf",
    "docx": "extractors.docx_reader:read_docx",
    "doc": "extractors.doc_reader:read_doc",
    "rtf": "extractors.doc_reader:read_rtf",
    "odt": "extractors.doc_reader:read_odt",
    "xlsx": "extractors.spreadsheet:read_xlsx",
    "xls": "extractors.spreadsheet:read_xls",
    "ods": "extractors.spreadsheet:read_ods",
    "text": "extractors.text:read_text",
    "image": "extractors.image_reader:read_image",
}
CONTAINERS = {  # kind -> "module:function" taking (bytes, depth, read_member)
    "zip": "extractors.container:read_zip",
    "eml": "extractors.mail:read_eml",
    "msg": "extractors.mail:read_msg",
}
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
IMAGE_MAGIC = {b"\x89PNG": "image/png", b"\xff\xd8\xff": "image/jpeg", b"II*\x00": "image/tiff", b"MM\x00*": "image/tiff"}
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
BY_SUFFIX = {".pdf": "pdf", ".docx": "docx", ".doc": "doc", ".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xls",
             ".ods": "ods", ".odt": "odt", ".rtf": "rtf", ".zip": "zip", ".eml": "eml", ".msg": "msg"}
OPENDOCUMENT = {b"application/vnd.oasis.opendocument.spreadsheet": "ods", b"application/vnd.oasis.opendocument.text": "odt"}
# an e-mail's first lines: RFC 5322 header fields, among them one every message has
MAIL_HEADER = re.compile(rb"^(?:[!-9;-~]+:[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n)*){2,}", re.ASCII)
MAIL_FIELDS = re.compile(rb"^(from|to|subject|date|received|return-path|message-id|mime-version):", re.I | re.M)


def sniff(data: bytes, name: str = "") -> str:
    head = data[:1024]
    suffix = PurePath(name).suffix.lower()
    if head.lstrip().startswith(b"%PDF") or b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(data, suffix)
    if head.startswith(OLE2):
        return _ole_kind(data, suffix)
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    if image_media_type(head):
        return "image"  # scans: read by OCR
    if suffix in BY_SUFFIX:
        return BY_SUFFIX[suffix]  # the reader will flag bytes that do not match
    if suffix in IMAGE_SUFFIXES:
        return "image"
    if _looks_like_mail(data):
        return "eml"
    return "text"


def image_media_type(data: bytes) -> str | None:
    return next((media for magic, media in IMAGE_MAGIC.items() if data.startswith(magic)), None)


def _zip_kind(data: bytes, suffix: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
                return "xlsx"
            if "mimetype" in names:
                kind = OPENDOCUMENT.get(zf.read("mimetype")[:100].strip())
                if kind:
                    return kind
            return "zip"
    except (zipfile.BadZipFile, ValueError, OSError, RuntimeError):
        # a truncated package: let the reader its name suggests say why it fails
        return BY_SUFFIX.get(suffix, "docx") if suffix != ".zip" else "zip"


def _ole_kind(data: bytes, suffix: str) -> str:
    """Word, Excel, Outlook, or an encrypted Office package, from the OLE2 file's stream names."""
    try:
        import olefile  # noqa: PLC0415

        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            streams = {"/".join(e).lower() for e in ole.listdir(streams=True, storages=True)}
    except Exception:  # damaged: the reader named by the suffix (or Word's) says why
        return {".xls": "xls", ".msg": "msg"}.get(suffix, "doc")
    if "encryptedpackage" in streams:
        return "encrypted"
    if "worddocument" in streams:
        return "doc"
    if "workbook" in streams or "book" in streams:
        return "xls"
    if any(s.startswith("__substg1.0_") or s.startswith("__properties_version1.0") for s in streams):
        return "msg"
    return {".xls": "xls", ".msg": "msg"}.get(suffix, "doc")


def _looks_like_mail(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\r\n")
    return bool(MAIL_HEADER.match(head)) and len(MAIL_FIELDS.findall(head)) >= 2


def read_bytes(data: bytes, name: str = "", depth: int = 0) -> LayoutDocument:
    kind = sniff(data, name)
    media_type = (kind == "image" and image_media_type(data)) or MEDIA_TYPES[kind]
    if not data:
        return LayoutDocument(media_type=media_type, flags=[Flag(code="empty", message="the file is empty")])
    if kind == "encrypted":
        return LayoutDocument(media_type=media_type, flags=[Flag(code="encrypted", message="an encrypted Office document: it needs a password")])
    if kind in CONTAINERS and depth >= MAX_DEPTH:
        return LayoutDocument(media_type=media_type, flags=[Flag(code="too_deep", message=f"a {kind} nested more than {MAX_DEPTH} containers deep was not opened")])
    try:
        if kind in CONTAINERS:
            module, _, func = CONTAINERS[kind].partition(":")
            layout = getattr(importlib.import_module(module), func)(data, depth, read_bytes)
        else:
            module, _, func = READERS[kind].partition(":")
            layout = getattr(importlib.import_module(module), func)(data)
    except Exception as exc:  # a reader bug or hostile bytes: keep going with a reason
        return LayoutDocument(media_type=media_type, flags=[Flag(code="unreadable", message=f"{kind} reader failed: {type(exc).__name__}: {exc}")])
    layout.media_type = layout.media_type or media_type
    return layout
