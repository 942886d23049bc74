"""Decoding text files: UTF-8 (with or without BOM), UTF-16 (BOM or NUL pattern), CP1251 and the rest
by charset-normalizer. Letters saved on Windows machines in Kazakhstan are often CP1251 or UTF-16."""
from __future__ import annotations

import codecs

from schemas import Flag

CONTROL_LIMIT = 0.02  # share of control characters above which the bytes are not text


def decode_text(data: bytes) -> tuple[str, str | None, list[Flag]]:
    flags: list[Flag] = []
    if not data:
        return "", None, flags
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), enc, flags
    enc = _utf16_without_bom(data)
    if enc:
        return data.decode(enc, errors="replace"), enc, flags
    try:
        text, enc = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, enc = _guess(data)
    if _control_share(text) > CONTROL_LIMIT:
        flags.append(Flag(code="not_text", message=f"the bytes do not look like text (decoded as {enc})"))
    return text, enc, flags


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) / 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _guess(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    # Cyrillic single-byte encodings first: charset-normalizer alone sometimes picks a Latin code page
    for enc in ("cp1251",):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _cyrillic_share(text) > 0.3:
            return text, enc
    best = from_bytes(data).best()
    if best is None:
        return data.decode("utf-8", errors="replace"), "utf-8"
    return str(best), best.encoding


def _cyrillic_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(1 for c in letters if "\u0400" <= c <= "\u04ff") / len(letters) if letters else 0.0


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for c in text if (ord(c) < 32 and c not in "\t\n\r\f") or c == "\ufffd")
    return bad / len(text)
