"""Hostile OOXML packages built from a real fixture: the main part renamed, a decoy left in its place."""
from __future__ import annotations

import io
import re
import zipfile

from tests.readers.make_fixtures import BILLION_LAUGHS

MAIN = "word/document.xml"


def renamed_main_part(valid_docx: bytes, new_name: str, prolog: str = "", decoy: bool = True) -> bytes:
    """The same document with its main part stored as `new_name` (relationships and content types
    follow), optionally with `prolog` (a DOCTYPE) in front of its root, and a harmless decoy
    word/document.xml that nothing references."""
    src = zipfile.ZipFile(io.BytesIO(valid_docx))
    out = io.BytesIO()
    rels_old = "word/_rels/document.xml.rels"
    rels_new = f"word/_rels/{new_name.rsplit('/', 1)[-1]}.rels"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data, name = src.read(info), info.filename
            if name == MAIN:
                name = new_name
                if prolog:
                    body = data.decode("utf-8").split("?>", 1)[1]
                    data = (prolog + body.replace("<w:t>", "<w:t>&lol9;", 1)).encode("utf-8")
            elif name == rels_old:
                name = rels_new
            elif name in ("_rels/.rels", "[Content_Types].xml"):
                data = re.sub(rb"/?word/document\.xml", lambda m: m.group(0).replace(b"word/document.xml",
                              new_name.encode()), data)
            dst.writestr(name, data)
        if decoy:
            dst.writestr(MAIN, b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                               b'wordprocessingml/2006/main"><w:body/></w:document>')
    return out.getvalue()


def billion_laughs_main_part(valid_docx: bytes, new_name: str = "word/body.part") -> bytes:
    return renamed_main_part(valid_docx, new_name, prolog=BILLION_LAUGHS)
