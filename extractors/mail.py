"""Forwarded e-mails (.eml with the standard library's email package, Outlook .msg with extract-msg):
the headers (From, To, Date, Subject) and the body as paragraphs — the body read by the text reader,
so a plan typed into the mail as tab, pipe or fixed-width columns is a table —, then every attachment
read by its own reader as a member (extractors.container.join_members); a forwarded message inside
is one more member, read the same way.
"""
from __future__ import annotations

import email
import re
from email import policy
from email.message import EmailMessage
from html.parser import HTMLParser
from typing import Optional

from extractors.container import MAX_DEPTH, Reader, join_members
from extractors.text import read_text
from schemas.layout import LayoutDocument, Paragraph
from schemas.records import Flag

EML_MEDIA_TYPE = "message/rfc822"
MSG_MEDIA_TYPE = "application/vnd.ms-outlook"
HEADERS = ("From", "To", "Cc", "Date", "Subject")


# ---------------------------------------------------------------------- bodies
class _HtmlText(HTMLParser):
    """Text of an HTML body: block elements end lines, table cells are separated by tabs, so the text
    reader finds a plan sent as an HTML table."""

    BREAKS = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "head"):
            self.skip += 1
        elif tag in ("td", "th"):
            self.parts.append("\t")
        elif tag in self.BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "head"):
            self.skip = max(0, self.skip - 1)
        elif tag in self.BREAKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(markup: str) -> str:
    parser = _HtmlText()
    parser.feed(markup)
    lines = ["\t".join(cell.strip() for cell in line.lstrip("\t").split("\t")) if "\t" in line else line.strip()
             for line in "".join(parser.parts).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def body_blocks(text: Optional[str], markup: Optional[str]) -> list:
    """The body as the text reader reads it (plain text preferred, else the HTML's text)."""
    body = text if text and text.strip() else html_to_text(markup) if markup else ""
    if not body.strip():
        return []
    return read_text(body.encode("utf-8")).blocks


def _header_paragraphs(pairs: list[tuple[str, str]]) -> list[Paragraph]:
    return [Paragraph(text=f"{name}: {value}", style="mail_header") for name, value in pairs if value]


# ---------------------------------------------------------------------- .eml
def read_eml(data: bytes, depth: int, read_member: Reader) -> LayoutDocument:
    try:
        msg = email.message_from_bytes(data, policy=policy.default)
    except Exception as exc:  # the parser is lenient; this is a bug or hostile bytes
        return LayoutDocument(media_type=EML_MEDIA_TYPE, flags=[Flag(code="corrupt", message=f"e-mail could not be parsed: {exc}")])
    flags = []
    if msg.defects:
        flags.append(Flag(code="malformed_mime", message="; ".join(type(d).__name__ for d in msg.defects[:10])))
    lead = _header_paragraphs([(h, str(msg.get(h, "") or "")) for h in HEADERS])
    lead += body_blocks(_part_text(msg, "plain"), _part_text(msg, "html"))
    parts = []
    bodies = {id(p) for p in (msg.get_body(("plain",)), msg.get_body(("html",))) if p is not None}
    for k, part in enumerate(_attachments(msg, bodies) if msg.is_multipart() else [], start=1):
        name, payload = _attachment(part, k)
        if payload is None:
            flags.append(Flag(code="corrupt", where=name, message="the attachment could not be decoded"))
            continue
        parts.append((name, read_member(payload, name, depth + 1)))
    return join_members(EML_MEDIA_TYPE, parts, flags, lead)


def _part_text(msg: EmailMessage, subtype: str) -> Optional[str]:
    part = msg.get_body(preferencelist=(subtype,))
    if part is None or part.get_content_subtype() != subtype:
        return None
    try:
        return part.get_content()
    except (LookupError, ValueError, AssertionError):  # an unknown charset: decode leniently
        raw = part.get_payload(decode=True) or b""
        return raw.decode("utf-8", errors="replace")


def _attachments(part: EmailMessage, bodies: set[int]):
    """Attachments and inline files, and forwarded messages (message/rfc822, not opened here: they are
    read as members of their own), in order; the bodies themselves are not attachments."""
    for sub in part.iter_parts():
        if sub.get_content_type() == "message/rfc822":
            yield sub
        elif sub.is_multipart():
            yield from _attachments(sub, bodies)
        elif id(sub) in bodies:
            continue
        elif sub.get_content_maintype() == "text" and not sub.get_filename() and sub.get_content_disposition() != "attachment":
            continue  # another text alternative of the body
        else:
            yield sub


def _attachment(part: EmailMessage, k: int) -> tuple[str, Optional[bytes]]:
    if part.get_content_type() == "message/rfc822":
        inner = part.get_payload()
        inner = inner[0] if isinstance(inner, list) and inner else inner
        subject = str(inner.get("Subject", "") or "") if hasattr(inner, "get") else ""
        name = part.get_filename() or f"{subject or 'forwarded message'}.eml"
        return name, inner.as_bytes(policy=policy.default) if hasattr(inner, "as_bytes") else None
    name = part.get_filename() or f"attachment {k}"
    try:
        return name, part.get_payload(decode=True)
    except Exception:  # broken base64 / quoted-printable
        return name, None


# ---------------------------------------------------------------------- .msg
def read_msg(data: bytes, depth: int, read_member: Reader) -> LayoutDocument:
    try:
        import extract_msg  # noqa: PLC0415 (only when an Outlook message arrives)

        msg = extract_msg.openMsg(data)
    except Exception as exc:  # not a message, damaged, or an unsupported kind of .msg
        return LayoutDocument(media_type=MSG_MEDIA_TYPE, flags=[Flag(code="corrupt", message=f"Outlook message could not be opened: {type(exc).__name__}: {exc}")])
    with msg:
        return _msg_layout(msg, depth, read_member)


def _msg_layout(msg, depth: int, read_member: Reader) -> LayoutDocument:
    pairs = [("From", msg.sender), ("To", msg.to), ("Cc", msg.cc), ("Date", str(msg.date or "")), ("Subject", msg.subject)]
    lead = _header_paragraphs([(k, str(v or "")) for k, v in pairs])
    markup = None
    if not (msg.body or "").strip():
        raw = getattr(msg, "htmlBody", None)
        markup = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else raw
    lead += body_blocks(msg.body, markup)
    flags, parts = [], []
    for k, att in enumerate(msg.attachments, start=1):
        name = att.longFilename or att.shortFilename or f"attachment {k}"
        payload = att.data
        if hasattr(payload, "subject"):  # an attached Outlook message: read it in place
            sub = f"{payload.subject or 'forwarded message'}.msg"
            if depth + 1 >= MAX_DEPTH:
                flags.append(Flag(code="too_deep", where=sub, message=f"a message nested more than {MAX_DEPTH} deep was not opened"))
            else:
                parts.append((sub, _msg_layout(payload, depth + 1, read_member)))
            continue
        if not isinstance(payload, (bytes, bytearray)):
            flags.append(Flag(code="unsupported_format", where=name, message="an attachment kind that cannot be read"))
            continue
        parts.append((name, read_member(bytes(payload), name, depth + 1)))
    return join_members(MSG_MEDIA_TYPE, parts, flags, lead)

