"""IMAP access (imap-tools) and MIME walking: which parts of a message are documents.

A document part is any leaf that is not the message's own text body: parts with a file name or
`Content-Disposition: attachment`, inline parts (`inline` with a name, or a non-text leaf such as an
inline PDF), and the attachments of forwarded messages (message/rfc822), which are walked into.
Parser defects (broken boundaries, bad base64, ...) become a `malformed_mime` flag, never silence.
"""
from __future__ import annotations

import datetime as dt
import email
import email.message
import imaplib
import ssl
import time
from dataclasses import dataclass, field
from email.header import decode_header, make_header
from email.utils import getaddresses, parsedate_to_datetime
from typing import Iterator, Optional

from flows.rawstore import sanitize_filename
from flows.settings import Settings

BODY_TYPES = {"text/plain", "text/html", "text/enriched", "text/calendar"}


@dataclass
class Part:
    index: int
    data: Optional[bytes]
    original_name: Optional[str]
    filename: str
    media_type: str
    disposition: str  # attachment | inline
    nested: bool  # inside a forwarded message


@dataclass
class ParsedMessage:
    message_id: Optional[str]
    sender: Optional[str]
    subject: Optional[str]
    date: Optional[dt.datetime]
    parts: list[Part] = field(default_factory=list)
    defects: list[str] = field(default_factory=list)


# --- connection ---------------------------------------------------------------------------------

def connect(settings: Settings):
    """A logged-in imap-tools mailbox (TLS unless JOSPAR_IMAP_SSL=false, e.g. on loopback)."""
    from imap_tools import MailBox, MailBoxUnencrypted

    if settings.imap_ssl:
        box = MailBox(settings.imap_host, settings.port, timeout=settings.imap_timeout,
                      ssl_context=ssl.create_default_context())
    else:
        box = MailBoxUnencrypted(settings.imap_host, settings.port, timeout=settings.imap_timeout)
    box.login(settings.imap_user, settings.password(), initial_folder=None)
    _refresh_capabilities(box)
    return box


def _refresh_capabilities(box) -> None:
    """imaplib keeps the pre-login capabilities; MOVE/UIDPLUS are often announced only after login."""
    typ, data = box.client.capability()
    if typ == "OK" and data and data[-1]:
        box.client.capabilities = tuple(data[-1].decode().upper().split())


def select(box, folder: str) -> int:
    """Select the folder read-write; returns its UIDVALIDITY."""
    box.folder.set(folder)
    return int(box.folder.status(folder, ["UIDVALIDITY"])["UIDVALIDITY"])


def all_uids(box) -> list[int]:
    return sorted(int(uid) for uid in box.uids("ALL"))


def fetch_raw(box, uids: list[int]) -> Iterator[tuple[int, bytes, Optional[dt.datetime]]]:
    """(uid, exact message bytes, server arrival time) for the UIDs in one bulk FETCH, without \\Seen."""
    if not uids:
        return
    typ, data = box.client.uid("FETCH", ",".join(map(str, uids)), "(UID INTERNALDATE BODY.PEEK[])")
    if typ != "OK":
        raise ConnectionError(f"FETCH failed: {typ} {data!r:.200}")
    for item in data:
        if isinstance(item, tuple) and len(item) == 2:
            yield _uid_of(item[0]), item[1], _internaldate(item[0])


def _internaldate(envelope: bytes) -> Optional[dt.datetime]:
    parsed = imaplib.Internaldate2tuple(envelope)
    return dt.datetime.fromtimestamp(time.mktime(parsed), dt.timezone.utc) if parsed else None


def _uid_of(envelope: bytes) -> int:
    words = envelope.decode("ascii", "replace").replace("(", " ").split()
    return int(words[words.index("UID") + 1])


def mark(box, uids: list[int], settings: Settings) -> None:
    """Move the messages to the done folder, or add the mark flag/keyword. Never deletes otherwise."""
    if not uids:
        return
    uid_set = ",".join(map(str, uids))
    if settings.imap_done_folder:
        if not box.folder.exists(settings.imap_done_folder):
            box.folder.create(settings.imap_done_folder)
        if "MOVE" in box.client.capabilities:
            typ, data = box.client.uid("MOVE", uid_set, _quote(settings.imap_done_folder))
        else:  # COPY then flag \Deleted; UID EXPUNGE (UIDPLUS) removes only ours, never the user's
            typ, data = box.client.uid("COPY", uid_set, _quote(settings.imap_done_folder))
            if typ == "OK":
                box.client.uid("STORE", uid_set, "+FLAGS.SILENT", r"(\Deleted)")
                if "UIDPLUS" in box.client.capabilities:
                    typ, data = box.client.uid("EXPUNGE", uid_set)
    else:
        # raw STORE: imap-tools' flag() also EXPUNGEs, which would purge messages the user deleted
        typ, data = box.client.uid("STORE", uid_set, "+FLAGS.SILENT", f"({settings.imap_mark})")
    if typ != "OK":
        raise ConnectionError(f"marking messages failed: {typ} {data!r:.200}")


def _quote(folder: str) -> bytes:
    from imap_tools.utils import encode_folder  # modified UTF-7, quoted

    return encode_folder(folder)


# --- MIME ---------------------------------------------------------------------------------------

def parse_message(raw: bytes) -> ParsedMessage:
    """Headers and document parts of one message; never raises on malformed input."""
    msg = email.message_from_bytes(raw)
    parsed = ParsedMessage(
        message_id=_header(msg, "Message-ID"), sender=_sender(msg), subject=_header(msg, "Subject"),
        date=_date(msg))
    _walk(msg, nested=False, out=parsed, is_root=True)
    parsed.defects = sorted({type(d).__name__ for part in _all_parts(msg) for d in part.defects})
    return parsed


def _walk(part: email.message.Message, nested: bool, out: ParsedMessage, is_root: bool = False) -> None:
    if part.is_multipart():
        inner_nested = nested or part.get_content_type() == "message/rfc822"
        payload = part.get_payload()
        for child in payload if isinstance(payload, list) else []:
            if isinstance(child, email.message.Message):
                _walk(child, inner_nested, out)
        return
    if not _is_document(part, is_root):
        return
    original = _filename(part)
    data = part.get_payload(decode=True)  # records base64/QP defects on the part
    out.parts.append(Part(
        index=len(out.parts), data=data if isinstance(data, bytes) else None, original_name=original,
        filename=sanitize_filename(original, fallback=f"part-{len(out.parts) + 1}"),
        media_type=part.get_content_type(), disposition=part.get_content_disposition() or "inline",
        nested=nested))


def _is_document(part: email.message.Message, is_root: bool) -> bool:
    disposition = part.get_content_disposition()
    if disposition == "attachment" or part.get_filename():
        return True
    if part.get_content_type() in BODY_TYPES or part.get_content_maintype() in ("multipart", "message"):
        return False
    return not (is_root and part.get_content_maintype() == "text")


def _all_parts(msg: email.message.Message) -> Iterator[email.message.Message]:
    yield from msg.walk()


def _decode(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    try:
        return str(make_header(decode_header(str(value)))).strip()
    except Exception:  # undecodable encoded-words: keep the raw header text
        return str(value).strip()


def _header(msg: email.message.Message, name: str) -> Optional[str]:
    return _decode(msg.get(name))


def _filename(part: email.message.Message) -> Optional[str]:
    try:
        return _decode(part.get_filename())
    except Exception:
        return None


def _sender(msg: email.message.Message) -> Optional[str]:
    raw = _header(msg, "From")
    if not raw:
        return None
    addresses = [addr for _, addr in getaddresses([raw]) if addr]
    return addresses[0] if addresses else raw


def _date(msg: email.message.Message) -> Optional[dt.datetime]:
    try:
        value = parsedate_to_datetime(msg.get("Date"))
    except Exception:
        return None
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value
