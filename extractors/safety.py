"""Checks run on untrusted bytes before a parser sees them, and the flags readers give on failure.

Readers never raise on bad input: each problem becomes a `Flag` on the LayoutDocument with a stable
code. The package checks run on the zip's central directory and on every part's prolog *before*
python-docx (or any OOXML/ODF reader) opens the package, so a zip bomb or an entity bomb is refused
without being expanded.
"""
from __future__ import annotations

import io
import zipfile

from schemas.layout import LayoutDocument
from schemas.records import Flag

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_MEDIA_TYPE = "application/pdf"

# Zip limits: a real letter is a few hundred KB with ~20-60 parts.
MAX_ZIP_ENTRIES = 2_000
MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200  # deflated XML rarely beats 30:1; bombs run at 1000:1 and more
RATIO_MIN_BYTES = 1024 * 1024  # tiny parts may compress extremely well and are harmless
# PDF limits
MAX_PDF_PAGES = 500  # pages past this are not read; the document is flagged "too_many_pages"
MAX_INPUT_BYTES = 200 * 1024 * 1024

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"


def flag(code: str, message: str, where: str | None = None) -> Flag:
    return Flag(code=code, message=message, where=where)


def failed(media_type: str, code: str, message: str, where: str | None = None) -> LayoutDocument:
    """An empty layout carrying one flag: what a reader returns when it cannot read at all."""
    return LayoutDocument(media_type=media_type, flags=[flag(code, message, where)])


def check_common(data: bytes) -> Flag | None:
    """Problems that make any format unreadable: no bytes, too many bytes."""
    if not data or not data.strip():
        return flag("empty", "the file is empty")
    if len(data) > MAX_INPUT_BYTES:
        return flag("too_large", f"{len(data)} bytes exceeds the limit of {MAX_INPUT_BYTES}")
    return None


def check_pdf_header(data: bytes) -> Flag | None:
    # The PDF spec allows junk before the header within the first 1024 bytes.
    if PDF_MAGIC not in data[:1024]:
        return flag("not_pdf", "no %PDF- header: the bytes are not a PDF")
    return None


def check_zip(
    zf: zipfile.ZipFile,
    *,
    max_entries: int = MAX_ZIP_ENTRIES,
    max_total: int = MAX_UNCOMPRESSED_BYTES,
    max_ratio: float = MAX_COMPRESSION_RATIO,
    ratio_min_bytes: int = RATIO_MIN_BYTES,
) -> Flag | None:
    """Zip-bomb checks on the central directory (declared sizes; zipfile never inflates an entry
    past its declared size, so the declared sizes bound what a later read can produce)."""
    infos = zf.infolist()
    if len(infos) > max_entries:
        return flag("zip_bomb", f"{len(infos)} zip entries exceed the limit of {max_entries}")
    total = sum(i.file_size for i in infos)
    if total > max_total:
        return flag("zip_bomb", f"{total} uncompressed bytes exceed the limit of {max_total}")
    for info in infos:
        if info.file_size >= ratio_min_bytes:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > max_ratio:
                return flag("zip_bomb", f"compression ratio {ratio:.0f}:1 exceeds {max_ratio}:1", info.filename)
    return None


class _DtdFound(Exception):
    pass


class _RootReached(Exception):
    pass


class _PrologWatcher:
    """lxml parser target that stops at the first DOCTYPE (found) or the first element (none)."""

    def doctype(self, *_args: object) -> None:
        raise _DtdFound

    def start(self, *_args: object) -> None:
        raise _RootReached

    def data(self, _data: object) -> None:
        pass

    def end(self, _tag: object) -> None:
        pass

    def close(self) -> None:
        return None


def has_dtd(stream: io.BufferedIOBase, chunk_size: int = 4 * 1024) -> bool:
    """True when the XML declares a DOCTYPE (hence possibly entities) before its root element.

    Uses lxml (libxml2), the parser python-docx and the other OOXML readers use, so what this check
    reads is what they would read: the same encodings (UTF-16, a declared cp1251, ...) and the same
    prolog rules. Parsing stops at the root start tag, so a huge part costs one chunk (small: a prolog is
    a few hundred bytes, and a larger chunk was inflated in vain for every part). Bytes that are
    not XML return False: the parser used later would refuse them too."""
    from lxml import etree

    parser = etree.XMLParser(target=_PrologWatcher(), resolve_entities=False, no_network=True, load_dtd=False)
    try:
        while chunk := stream.read(chunk_size):
            parser.feed(chunk)
        parser.close()
    except _DtdFound:
        return True
    except (_RootReached, etree.LxmlError, ValueError):
        return False
    return False


def check_xml_parts(zf: zipfile.ZipFile) -> Flag | None:
    """Refuse a package any of whose parts carries a DOCTYPE: OOXML and ODF never need one, and entity
    declarations are how billion-laughs and external-entity attacks work.

    Every part is checked, whatever its name: a package's main part may be named anything (its
    relationships say where it is), and a part that is not XML costs one failed parse of its first
    chunk."""
    for info in zf.infolist():
        if info.is_dir():
            continue
        with zf.open(info) as stream:
            if has_dtd(stream):
                return flag("xml_entities", "a package part declares a DOCTYPE/entities; refused", info.filename)
    return None


def check_package(data: bytes, required: tuple[str, ...] = ()) -> Flag | None:
    """Zip-bomb and XML-entity checks of an OOXML or ODF package (DOCX, XLSX, ODT, ...), before any
    parser opens it; None when it may be opened. `required`: names of which at least one must be there."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            problem = check_zip(zf)
            if problem:
                return problem
            if required and not set(required) & set(zf.namelist()):
                return flag("corrupt", f"zip package without {' or '.join(required)}")
            return check_xml_parts(zf)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, RuntimeError) as exc:
        # RuntimeError: an encrypted zip entry; zlib errors surface as zipfile.BadZipFile or OSError
        return flag("corrupt", f"bad zip package (truncated or damaged): {exc}")
    except Exception as exc:  # zlib.error and friends: still a damaged package
        return flag("corrupt", f"bad zip package: {type(exc).__name__}: {exc}")


def check_docx(data: bytes) -> Flag | None:
    """Everything that must hold before python-docx may open the bytes."""
    problem = check_common(data)
    if problem:
        return problem
    if not data.startswith(ZIP_MAGIC):
        if data.startswith(PDF_MAGIC):
            return flag("wrong_format", "the bytes are a PDF, not a DOCX")
        return flag("corrupt", "not a zip package: the bytes are not a DOCX")
    return check_package(data, required=("word/document.xml", "[Content_Types].xml"))
