"""Builds real RFC 5322 messages carrying the sample letters (DOCX, PDF, text) for the IMAP tests."""
from __future__ import annotations

import email.utils
from email.message import EmailMessage
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
MEDIA = {".pdf": ("application", "pdf"), ".txt": ("text", "plain"),
         ".docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")}


def sample(name: str) -> tuple[str, bytes]:
    path = SAMPLES / name
    return path.name, path.read_bytes()


def samples(suffix: str) -> list[Path]:
    return sorted(SAMPLES.glob(f"*{suffix}"))


def letter(subject: str, attachments: list[tuple[str, bytes]], *, inline: bool = False,
           sender: str = "bilim@example.kz", msg_id: str | None = None, date: str | None = None) -> bytes:
    msg = EmailMessage()
    msg["From"] = f"Білім бөлімі <{sender}>"
    msg["To"] = "jospar@example.kz"
    msg["Subject"] = subject
    msg["Date"] = date or email.utils.format_datetime(email.utils.localtime())
    msg["Message-ID"] = msg_id or email.utils.make_msgid(domain="example.kz")
    msg.set_content("Хат қоса беріліп отыр. Письмо прилагается.")
    for name, data in attachments:
        maintype, subtype = MEDIA.get(Path(name).suffix.lower(), ("application", "octet-stream"))
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name,
                           disposition="inline" if inline else "attachment")
    return bytes(msg)


def forwarded(subject: str, inner: bytes) -> bytes:
    """A message forwarding another one as a message/rfc822 attachment."""
    msg = EmailMessage()
    msg["From"] = "director@example.kz"
    msg["To"] = "jospar@example.kz"
    msg["Subject"] = f"Fwd: {subject}"
    msg["Date"] = email.utils.format_datetime(email.utils.localtime())
    msg["Message-ID"] = email.utils.make_msgid(domain="example.kz")
    msg.set_content("Пересылаю.")
    inner_msg = email.message_from_bytes(inner)
    msg.add_attachment(inner_msg)
    return bytes(msg)


def without_attachment(subject: str) -> bytes:
    return letter(subject, [])


def malformed(data: bytes) -> bytes:
    """Multipart whose closing boundary is missing and whose base64 is damaged."""
    import base64

    body = base64.b64encode(data).decode()
    broken = body[:40] + "!!*" + body[40:]  # characters outside the base64 alphabet
    lines = [broken[i:i + 76] for i in range(0, len(broken), 76)]
    return ("From: broken@example.kz\r\nTo: jospar@example.kz\r\nSubject: broken\r\n"
            "Message-ID: <broken-1@example.kz>\r\nMIME-Version: 1.0\r\n"
            'Content-Type: multipart/mixed; boundary="XYZ"\r\n\r\n'
            "--XYZ\r\nContent-Type: text/plain\r\n\r\nbody\r\n"
            "--XYZ\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n"
            'Content-Disposition: attachment; filename="broken.pdf"\r\n\r\n'
            + "\r\n".join(lines) + "\r\n").encode()  # no closing --XYZ--
