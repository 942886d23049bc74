"""Mutations of real fixture files for the fuzzing test: byte-level damage, and damage inside the layers a
reader parses (a DOCX part's XML, a PDF content stream) so the parsers behind the zip CRC and the
stream filters are reached too. Every mutator takes a `random.Random`, which hypothesis drives
(`st.randoms()`) so examples are reproducible and shrink."""
from __future__ import annotations

import io
import random
import re
import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# real files of every format the readers take, from data/samples and the tests' fixtures
SEEDS: dict[str, list[str]] = {
    "text": ["data/samples/000_8c8bd9275c0215dc.txt", "data/samples/004_477ff1404d7fc2dd.txt",
             "tests/structure/fixtures/ru_plan_tabs.txt", "tests/structure/fixtures/ru_plan_cells.txt",
             "tests/letters/fixtures/kk_school_reply.txt"],
    "docx": ["data/samples/001_a737e2465b67cd3d.docx", "data/samples/003_c8fd6e44ab760d61.docx",
             "tests/readers/fixtures/ru_plan_merged.docx", "tests/readers/fixtures/lists.docx",
             "tests/structure/fixtures/ru_merged_header.docx"],
    "pdf": ["data/samples/002_f8fca9d81a5f40e7.pdf", "data/samples/004_477ff1404d7fc2dd.pdf",
            "tests/readers/fixtures/landscape.pdf", "tests/readers_unruled/fixtures/ru_unruled_plan.pdf",
            "tests/structure/fixtures/ru_caption_row.pdf"],
    "scan": ["tests/ocr/fixtures/kk_letter_scan.png", "tests/ocr/fixtures/ru_protocol_scan.pdf"],
    "doc": ["tests/structure/fixtures/ru_three_pages.doc"],
}

TOKENS = [  # pieces that mean something to some parser
    b"<!DOCTYPE x [<!ENTITY a 'b'>]>", b"&a;", b"<w:tbl>", b"</w:tc>", b"<w:gridSpan w:val=\"999999\"/>",
    b"<w:vMerge/>", b"<w:numPr><w:ilvl w:val=\"8\"/><w:numId w:val=\"99\"/></w:numPr>",
    b"/Length 999999999", b"endstream", b"endobj", b"1 0 R", b"<<" * 64, b"[" * 200, b"/Filter /FlateDecode",
    b"%%EOF", b"xref", b"/Rotate 45", b"/MediaBox [0 0 0 0]", b"-1e308", b"\x00" * 8, b"\xff\xfe", b"\xef\xbb\xbf",
    b"\t" * 40, b"\r\n" * 20, "№ 1.1.1.1.1".encode(), "қаңтар 31 ақпан".encode(), "Ответственные\t".encode() * 10,
]


def load_seeds(kind: str) -> list[tuple[str, bytes]]:
    return [(Path(path).name, (ROOT / path).read_bytes()) for path in SEEDS[kind] if (ROOT / path).exists()]


def mutate_bytes(data: bytes, rng: random.Random, rounds: int | None = None) -> bytes:
    out = bytearray(data)
    for _ in range(rounds or rng.randint(1, 4)):
        if not out:
            out += rng.choice(TOKENS)
            continue
        at = rng.randrange(len(out))
        op = rng.randrange(7)
        if op == 0:  # flip bits
            out[at] ^= 1 << rng.randrange(8)
        elif op == 1:  # random bytes over a range
            size = rng.randint(1, 64)
            out[at:at + size] = bytes(rng.randrange(256) for _ in range(size))
        elif op == 2:  # delete a range
            del out[at:at + rng.randint(1, 256)]
        elif op == 3:  # repeat a range
            chunk = out[at:at + rng.randint(1, 512)]
            out[at:at] = chunk * rng.randint(1, 8)
        elif op == 4:  # truncate
            del out[at:]
        elif op == 5:  # a meaningful token
            out[at:at] = rng.choice(TOKENS)
        else:  # a digit changed: lengths, offsets, spans, numbers
            digits = [m.start() for m in re.finditer(rb"\d", bytes(out[at:at + 2048]))]
            if digits:
                out[at + rng.choice(digits)] = ord(str(rng.randrange(10)))
    return bytes(out)


_ELEMENT = re.compile(rb"<w:(tc|tr|p|r|tbl|numPr|tcPr)\b[^>]*?(?:/>|>.*?</w:\1>)", re.S)
_NUMBER_ATTR = re.compile(rb'(w:(?:val|gridSpan|ilvl|numId|w|abstractNumId|start)=")(-?\d+)(")')
_TEXT = re.compile(rb"(<w:t(?: [^>]*)?>)([^<]*)(</w:t>)")
TEXTS = ["", "1.", "2.1.3", "I.", "до 25 мая", "жыл бойы", "Әкімдік, БББ", "\t\t", "    ", "№", "x" * 3000]


def mutate_xml(part: bytes, rng: random.Random) -> bytes:
    """Damage that keeps the XML well-formed, to reach the reader's logic (spans, merges, numbering)."""
    for _ in range(rng.randint(1, 3)):
        op = rng.randrange(4)
        if op == 0 and (numbers := list(_NUMBER_ATTR.finditer(part))):
            m = rng.choice(numbers)
            value = str(rng.choice([0, 1, 2, 9, 63, 64, 999999, -1, 2**31])).encode()
            part = part[:m.start(2)] + value + part[m.end(2):]
        elif op in (1, 2) and (elements := list(_ELEMENT.finditer(part))):
            m = rng.choice(elements)
            middle = part[m.start():m.end()] * rng.randint(2, 5) if op == 1 else b""
            part = part[:m.start()] + middle + part[m.end():]
        elif texts := list(_TEXT.finditer(part)):
            m = rng.choice(texts)
            part = part[:m.start(2)] + rng.choice(TEXTS).encode() + part[m.end(2):]
    return part


def mutate_zip_part(data: bytes, rng: random.Random) -> bytes:
    """One part of the package damaged (preferably the main document), the zip itself rebuilt valid."""
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
        names = src.namelist()
    except zipfile.BadZipFile:
        return mutate_bytes(data, rng)
    xml = [n for n in names if n.endswith((".xml", ".rels"))] or names
    target = "word/document.xml" if "word/document.xml" in names and rng.random() < 0.6 else rng.choice(xml)
    dropped = rng.choice(names) if rng.random() < 0.1 else None
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in names:
            if name == dropped:
                continue
            part = src.read(name)
            if name == target:
                part = mutate_xml(part, rng) if part.lstrip().startswith(b"<") and rng.random() < 0.7 else mutate_bytes(part, rng)
            dst.writestr(name, part)
    return out.getvalue()


_STREAM = re.compile(rb"/Length (\d+)([^>]*>>\s*stream\r?\n)", re.S)


def mutate_pdf_stream(data: bytes, rng: random.Random) -> bytes:
    """A Flate-compressed stream (page content, font, image) inflated, damaged, deflated, /Length fixed."""
    found = list(_STREAM.finditer(data))
    rng.shuffle(found)
    for match in found[:5]:
        start, length = match.end(), int(match.group(1))
        try:
            plain = zlib.decompress(data[start:start + length])
        except zlib.error:
            continue
        packed = zlib.compress(mutate_bytes(plain, rng))
        head = data[:match.start()] + b"/Length %d" % len(packed) + match.group(2)
        return head + packed + data[start + length:]
    return mutate_bytes(data, rng)


def mutate(name: str, data: bytes, rng: random.Random) -> tuple[str, bytes]:
    """A damaged copy, sometimes under the wrong extension (attachments arrive misnamed)."""
    if data.startswith(b"PK") and rng.random() < 0.7:
        data = mutate_zip_part(data, rng)
    elif data.startswith(b"%PDF") and rng.random() < 0.5:
        data = mutate_pdf_stream(data, rng)
    else:
        data = mutate_bytes(data, rng)
    if rng.random() < 0.1:
        name = Path(name).stem + rng.choice([".pdf", ".docx", ".doc", ".txt", ".png", ""])
    return name, data
