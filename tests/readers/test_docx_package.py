"""The DOCX package read without python-docx's Document(): the same parts, styles and sections as
python-docx gives, on real files written with python-docx (changed with zipfile where a case needs a
package python-docx would not write)."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest

from extractors.docx_reader import read_docx
from schemas.layout import Paragraph

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "data" / "samples").glob("*.docx"))


def _saved(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _rewritten(data: bytes, change) -> bytes:
    """The package with change(name, bytes) -> bytes | None applied to every member (None drops it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            changed = change(info.filename, src.read(info))
            if changed is not None:
                dst.writestr(info.filename, changed)
    return out.getvalue()


@pytest.mark.parametrize("path", SAMPLES + ["lists.docx", "ru_plan_merged.docx"], ids=lambda p: Path(p).name)
def test_paragraphs_as_python_docx_reads_them(path, fixtures):
    path = path if isinstance(path, Path) else fixtures / path
    data = path.read_bytes()
    ours = [b for b in read_docx(data).blocks if isinstance(b, Paragraph)]
    theirs = docx.Document(io.BytesIO(data)).paragraphs
    assert [(p.text, p.style) for p in ours] == [(p.text, p.style.name if p.style else None) for p in theirs]


def test_a_template_or_other_main_part_is_refused_as_python_docx_does():
    data = _saved(docx.Document())
    template = _rewritten(data, lambda name, raw: raw.replace(b"document.main+xml", b"template.main+xml")
                          if name == "[Content_Types].xml" else raw)
    with pytest.raises(ValueError):
        docx.Document(io.BytesIO(template))
    doc = read_docx(template)
    assert [f.code for f in doc.flags] == ["corrupt"] and "template.main+xml" in doc.flags[0].message


def test_no_styles_part_means_python_docx_default_styles():
    document = docx.Document()
    document.add_paragraph("Жоспар")
    no_styles = _rewritten(_saved(document), lambda name, raw: None if name == "word/styles.xml" else
                           re.sub(rb'<Relationship [^>]*relationships/styles"[^>]*/>', b"", raw)
                           if name == "word/_rels/document.xml.rels" else raw)
    assert [p.style.name for p in docx.Document(io.BytesIO(no_styles)).paragraphs] == ["Normal"]
    assert [(p.text, p.style) for p in read_docx(no_styles).blocks] == [("Жоспар", "Normal")]


def _python_docx_headers(data: bytes, kind: str) -> list[str]:
    """python-docx's view: each section's first-page, default and even-page part unless linked to the
    previous section's, each part once."""
    texts, seen = [], set()
    for section in docx.Document(io.BytesIO(data)).sections:
        for attr in (f"first_page_{kind}", kind, f"even_page_{kind}"):
            part = getattr(section, attr)
            if not part.is_linked_to_previous and id(part._element) not in seen:
                seen.add(id(part._element))
                texts += [p.text for p in part.paragraphs if p.text.strip()]
    return texts


def test_sections_headers_and_footers_as_python_docx_gives_them():
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Бөлім 1"
    document.add_paragraph("Мәтін")
    document.add_section()  # python-docx copies the first's references: the same header part again
    document.add_paragraph("Мәтін 2")
    third = document.add_section()
    third.header.is_linked_to_previous = False
    third.header.paragraphs[0].text = "Бөлім 3"
    third.first_page_footer.is_linked_to_previous = False
    third.first_page_footer.paragraphs[0].text = "Төменгі"
    data = _saved(document)
    doc = read_docx(data)
    assert [p.text for p in doc.headers] == _python_docx_headers(data, "header") and doc.headers
    assert [p.text for p in doc.footers] == _python_docx_headers(data, "footer") == ["Төменгі"]


def test_styles_read_per_template_when_documents_alternate():
    """What is kept of a styles part is the part's own: a document of another template between two of
    one template gets its own style names."""
    plain = docx.Document()
    plain.add_paragraph("Бірінші", style="List Bullet")
    other = docx.Document()
    other.styles.add_style("Хат стилі", 1)
    other.add_paragraph("Екінші", style="Хат стилі")
    a, b = _saved(plain), _saved(other)
    for data, expected in ((a, "List Bullet"), (b, "Хат стилі"), (a, "List Bullet"), (b, "Хат стилі")):
        assert [p.style for p in read_docx(data).blocks] == [expected]
