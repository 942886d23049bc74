"""A real Outlook .msg (an OLE2 compound file laid out per [MS-OXMSG]) written with extract-msg's own
OleWriter: message class, subject, sender, recipients line, body, and attachments by value. Enough for
any .msg reader; made at test time, no binary fixture needed."""
from __future__ import annotations

import io
import struct

from extract_msg.ole_writer import OleWriter

PT_LONG, PT_UNICODE, PT_BINARY = 0x0003, 0x001F, 0x0102
ATTACH_BY_VALUE, ATTACH_EMBEDDED = 1, 5


def _unicode(text: str) -> bytes:
    return text.encode("utf-16-le")


def _tag(prop_id: int, prop_type: int) -> str:
    return f"__substg1.0_{prop_id:04X}{prop_type:04X}"


def _fixed(prop_id: int, prop_type: int, value: int) -> bytes:
    """One 16-byte entry of a properties stream: tag, flags (readable|writable), 8-byte value."""
    return struct.pack("<IIQ", (prop_id << 16) | prop_type, 6, value)


def _variable(prop_id: int, prop_type: int, size: int) -> bytes:
    """A variable-length property's entry: its size (the data lives in its own stream)."""
    return struct.pack("<IIII", (prop_id << 16) | prop_type, 6, size + (2 if prop_type == PT_UNICODE else 0), 0)


def write_msg(subject: str, body: str, attachments: dict[str, bytes], sender: str = "Отдел образования",
              to: str = "school@example.kz", forwarded: tuple[str, str, dict[str, bytes]] | None = None) -> bytes:
    """`forwarded`: (subject, body, attachments) of a message attached inside this one (an embedded
    message, attach method 5, as Outlook's "forward as attachment" stores it)."""
    ole = OleWriter()
    _message(ole, "", subject, body, attachments, sender, to, forwarded, embedded=False)
    out = io.BytesIO()
    ole.write(out)
    return out.getvalue()


def _message(ole: OleWriter, prefix: str, subject: str, body: str, attachments: dict[str, bytes], sender: str,
             to: str, forwarded, embedded: bool) -> None:
    strings = {0x001A: "IPM.Note", 0x0037: subject, 0x1000: body, 0x0C1A: sender, 0x0E04: to}
    props = b""
    for prop_id, text in strings.items():
        ole.addEntry(prefix + _tag(prop_id, PT_UNICODE), _unicode(text))
        props += _variable(prop_id, PT_UNICODE, len(_unicode(text)))
    n_attach = len(attachments) + (1 if forwarded else 0)
    # header: reserved, next recipient id, next attachment id, recipient and attachment counts
    # (and 8 more reserved bytes at the top level only)
    header = struct.pack("<QIIII", 0, 0, n_attach, 0, n_attach) + (b"" if embedded else b"\0" * 8)
    ole.addEntry(prefix + "__properties_version1.0", header + props)
    if not embedded:
        ole.addEntry("__nameid_version1.0", storage=True)
        for stream in ("00020102", "00030102", "00040102"):  # GUID, entry and string streams, empty
            ole.addEntry(f"__nameid_version1.0/__substg1.0_{stream}", b"")
    for k, (name, data) in enumerate(attachments.items()):
        root = f"{prefix}__attach_version1.0_#{k:08X}"
        ole.addEntry(root, storage=True)
        ole.addEntry(f"{root}/{_tag(0x3701, PT_BINARY)}", data)
        ole.addEntry(f"{root}/{_tag(0x3707, PT_UNICODE)}", _unicode(name))
        entries = (_fixed(0x3705, PT_LONG, ATTACH_BY_VALUE) + _variable(0x3701, PT_BINARY, len(data))
                   + _variable(0x3707, PT_UNICODE, len(_unicode(name))) + _fixed(0x0E21, PT_LONG, k))
        ole.addEntry(f"{root}/__properties_version1.0", b"\0" * 8 + entries)
    if forwarded:
        k = len(attachments)
        root = f"{prefix}__attach_version1.0_#{k:08X}"
        ole.addEntry(root, storage=True)
        inner = f"{root}/__substg1.0_3701000D"
        ole.addEntry(inner, storage=True)
        f_subject, f_body, f_attachments = forwarded
        _message(ole, inner + "/", f_subject, f_body, f_attachments, sender, to, None, embedded=True)
        entries = _fixed(0x3705, PT_LONG, ATTACH_EMBEDDED) + _fixed(0x0E21, PT_LONG, k)
        ole.addEntry(f"{root}/__properties_version1.0", b"\0" * 8 + entries)
