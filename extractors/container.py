"""Containers — .zip archives and forwarded e-mails (.eml, .msg) — read as one LayoutDocument per input
file (the command line's contract): each member is read by its own reader (through read.read_bytes,
so a .docx in a .zip in an .eml works), and the members' blocks follow one another in order, each
member opened by a heading paragraph naming it (style "member"). Every block, and so every record's
provenance, says which member it came from (`member`, as "outer.zip/inner.docx"); tables are
renumbered across the document; a member's flags say where they came from.

ZIP archives are read in memory, never extracted to disk, within bounds: nesting depth, member count,
total uncompressed size and compression ratio (a zip bomb is refused before inflating it); members
with absolute or "../" names are flagged (the name is only a label here), encrypted members flagged
and skipped.
"""
from __future__ import annotations

import io
import posixpath
import zipfile
from typing import Callable, Optional

from extractors.safety import check_zip
from schemas.layout import LayoutDocument, Paragraph, Table
from schemas.records import Flag

MAX_DEPTH = 3  # containers inside containers (a .zip in an .eml in a .zip)
MAX_MEMBERS = 200
MAX_TOTAL_BYTES = 200 * 1024 * 1024  # uncompressed, summed over an archive's members
MAX_MEMBER_BYTES = 100 * 1024 * 1024
ZIP_MEDIA_TYPE = "application/zip"

Reader = Callable[[bytes, str, int], LayoutDocument]  # (bytes, name, depth) -> layout


def join_members(media_type: str, parts: list[tuple[str, LayoutDocument]], flags: Optional[list[Flag]] = None,
                 lead: Optional[list[Paragraph]] = None) -> LayoutDocument:
    """One layout from members read apart: `lead` paragraphs first (an e-mail's headers and body), then
    each member under a heading paragraph, its blocks, headers and footers labelled with its name."""
    out = LayoutDocument(media_type=media_type, flags=list(flags or []), blocks=list(lead or []))
    pages = 0
    for name, layout in parts:
        out.blocks.append(Paragraph(text=name, style="member", member=name))
        for block in layout.blocks:
            block.member = _qualified(name, block.member)
            out.blocks.append(block)
        for para in layout.headers + layout.footers:
            para.member = _qualified(name, para.member)
        out.headers.extend(layout.headers)
        out.footers.extend(layout.footers)
        out.flags.extend(f.model_copy(update={"where": _qualified(name, f.where)}) for f in layout.flags)
        pages += layout.n_pages or 0
    for index, table in enumerate(b for b in out.blocks if isinstance(b, Table)):
        table.index = index
    out.n_pages = pages or None
    return out


def _qualified(name: str, inner: Optional[str]) -> str:
    return f"{name}/{inner}" if inner else name


def unsafe_name(name: str) -> bool:
    """A member name that would escape a folder if extracted: absolute, a drive letter, or a parent step."""
    norm = name.replace("\\", "/")
    return norm.startswith("/") or (len(norm) > 1 and norm[1] == ":") or ".." in norm.split("/")


def read_zip(data: bytes, depth: int, read_member: Reader) -> LayoutDocument:
    """Every file of the archive read by its own reader, in the archive's order."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        return LayoutDocument(media_type=ZIP_MEDIA_TYPE, flags=[Flag(code="corrupt", message=f"bad zip archive: {exc}")])
    with zf:
        problem = check_zip(zf, max_entries=MAX_MEMBERS, max_total=MAX_TOTAL_BYTES)
        if problem:
            return LayoutDocument(media_type=ZIP_MEDIA_TYPE, flags=[problem])
        flags: list[Flag] = []
        parts: list[tuple[str, LayoutDocument]] = []
        for info in zf.infolist():
            if info.is_dir():
                continue
            name = _member_name(info)
            if unsafe_name(info.filename):
                flags.append(Flag(code="unsafe_member_name", where=name,
                                  message=f"member name {info.filename!r} points outside the archive (read in memory only)"))
            if info.flag_bits & 0x1:
                flags.append(Flag(code="encrypted", where=name, message="the member is encrypted and needs a password"))
                continue
            member = _member_bytes(zf, info, name, flags)
            if member is not None:
                parts.append((name, read_member(member, name, depth + 1)))
    if not parts and not flags:
        flags.append(Flag(code="empty", message="the zip archive holds no files"))
    return join_members(ZIP_MEDIA_TYPE, parts, flags)


def _member_name(info: zipfile.ZipInfo) -> str:
    """The member's path as a label: forward slashes, no leading slash or "..", names in CP866 (Windows
    archivers write Cyrillic names in the DOS code page without the UTF-8 flag) decoded."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            name = name.encode("cp437").decode("cp866")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    parts = [p for p in name.replace("\\", "/").split("/") if p not in ("", ".", "..")]
    return posixpath.join(*parts) if parts else "unnamed"


def _member_bytes(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, flags: list[Flag]) -> Optional[bytes]:
    """The member's bytes, read no further than its declared size and the member limit."""
    if info.file_size > MAX_MEMBER_BYTES:
        flags.append(Flag(code="too_large", where=name, message=f"{info.file_size} bytes exceeds the member limit of {MAX_MEMBER_BYTES}"))
        return None
    try:
        with zf.open(info) as stream:
            data = stream.read(MAX_MEMBER_BYTES + 1)
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, EOFError) as exc:
        flags.append(Flag(code="corrupt", where=name, message=f"the member could not be inflated: {exc}"))
        return None
    except Exception as exc:  # zlib.error: damaged deflate data
        flags.append(Flag(code="corrupt", where=name, message=f"the member could not be inflated: {type(exc).__name__}: {exc}"))
        return None
    if len(data) > MAX_MEMBER_BYTES:
        flags.append(Flag(code="zip_bomb", where=name, message="the member inflates past its declared size"))
        return None
    return data
