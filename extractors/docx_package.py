"""The parts of a DOCX package the reader uses, read from the zip with lxml directly.

python-docx's `Document()` parses every XML part it knows (Word files carry the styles twice, in
styles.xml and stylesWithEffects.xml, besides settings, fonts, comments...) and gives each element a
proxy class of its own; the reader needs the body, the styles, the numbering and the page headers and
footers, and only reads elements (tags, attributes, text). Opening the package here took a third of
python-docx's time on the benchmark corpus. The rules are python-docx's (1.2), so the same package gives
the same parts: the main part is the package's officeDocument relationship and must have the
WordprocessingML content type; a relationship's target is resolved against its source part's folder;
a missing styles part means python-docx's default styles; the sections are the w:sectPr of the body's
paragraphs and of the body, in order; a header or footer is the part its w:headerReference /
w:footerReference of that type names. The parser is python-docx's (blank text removed, entities not
resolved; DTDs are refused before by extractors.safety).
"""
from __future__ import annotations

import io
import posixpath
import zipfile
from pathlib import Path
from typing import Optional

import docx
from docx.oxml.ns import nsmap, qn
from lxml import etree

WML_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
RT_DOCUMENT, RT_STYLES, RT_NUMBERING = _REL + "officeDocument", _REL + "styles", _REL + "numbering"
_PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
# python-docx's own parser settings (docx.oxml.parser), without its element classes
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
_SECTIONS = etree.XPath("./w:body/w:p/w:pPr/w:sectPr | ./w:body/w:sectPr", namespaces=nsmap)
_DEFAULT_STYLES = Path(docx.__file__).parent / "templates" / "default-styles.xml"


class DocxPackage:
    """The main document part of a DOCX and the parts it relates to, parsed when first asked for."""

    def __init__(self, data: bytes):
        self._zip = zipfile.ZipFile(io.BytesIO(data))
        self._names = set(self._zip.namelist())
        self._overrides, self._defaults = self._content_types()
        self._parsed: dict[str, etree._Element] = {}
        main = _related(self._rels("/"), RT_DOCUMENT)
        content_type = self._content_type(main)
        if content_type != WML_MAIN:
            raise ValueError(f"not a Word document: the main part's content type is '{content_type}'")
        self.element = self._part(main)
        self._document_rels = self._rels(main)
        self.body = self.element.find(qn("w:body"))

    def close(self) -> None:
        self._zip.close()

    # ------------------------------------------------------------------ what the reader asks for
    def styles_xml(self) -> bytes:
        """The styles part's bytes; python-docx's default styles when the package has none."""
        target = _related(self._document_rels, RT_STYLES, missing_ok=True)
        return self._zip.read(target[1:]) if target is not None else _DEFAULT_STYLES.read_bytes()

    def numbering(self) -> Optional[etree._Element]:
        target = _related(self._document_rels, RT_NUMBERING, missing_ok=True)
        return self._part(target) if target is not None else None

    def sections(self) -> list[etree._Element]:
        """The w:sectPr elements, in document order."""
        return _SECTIONS(self.element)

    def header_footer(self, sect_pr: etree._Element, kind: str, type_: str) -> Optional[tuple[str, etree._Element]]:
        """(part name, root) of the `kind` ("header"/"footer") part of `type_` ("first", "default", "even")
        a section defines; None when it defines none (Word then shows the previous section's)."""
        ref = next((r for r in sect_pr.iterchildren(qn(f"w:{kind}Reference")) if r.get(qn("w:type")) == type_), None)
        if ref is None:
            return None
        r_id = ref.get(qn("r:id"))
        target = self._document_rels[r_id][0]  # KeyError, as python-docx, when the rId is missing
        return target, self._part(target)

    # ------------------------------------------------------------------ the package
    @staticmethod
    def parse(xml: bytes) -> etree._Element:
        return etree.fromstring(xml, _PARSER)

    def _part(self, partname: str) -> etree._Element:
        if partname not in self._parsed:
            self._parsed[partname] = self.parse(self._zip.read(partname[1:]))
        return self._parsed[partname]

    def _content_types(self) -> tuple[dict[str, str], dict[str, str]]:
        root = etree.fromstring(self._zip.read("[Content_Types].xml"), _PARSER)
        overrides = {e.get("PartName", "").lower(): e.get("ContentType") for e in root.iterchildren(_CT + "Override")}
        defaults = {e.get("Extension", "").lower(): e.get("ContentType") for e in root.iterchildren(_CT + "Default")}
        return overrides, defaults

    def _content_type(self, partname: str) -> str:
        found = self._overrides.get(partname.lower())
        if found is None:
            found = self._defaults.get(posixpath.splitext(partname)[1][1:].lower())
        if found is None:
            raise KeyError(f"no content type for partname '{partname}' in [Content_Types].xml")
        return found

    def _rels(self, source: str) -> dict[str, tuple[str, str]]:
        """rId -> (part name, type) of the internal relationships of `source` ("/" is the package)."""
        folder, name = posixpath.split(source)
        rels_name = posixpath.join(folder, "_rels", f"{name}.rels")[1:]
        if rels_name not in self._names:
            return {}
        out = {}
        for rel in etree.fromstring(self._zip.read(rels_name), _PARSER).iterchildren(_PR + "Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            out[rel.get("Id")] = posixpath.normpath(posixpath.join(folder, rel.get("Target"))), rel.get("Type")
        return out


def _related(rels: dict[str, tuple[str, str]], rel_type: str, missing_ok: bool = False) -> Optional[str]:
    """The part name of the one relationship of `rel_type` (python-docx's part_related_by)."""
    found = [target for target, kind in rels.values() if kind == rel_type]
    if len(found) > 1:
        raise ValueError(f"multiple relationships of type '{rel_type}'")
    if not found:
        if missing_ok:
            return None
        raise KeyError(f"no relationship of type '{rel_type}' in collection")
    return found[0]
