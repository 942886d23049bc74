"""The seeds rendered in the layouts letters also arrive in (issue 10): borderless PDF, fixed-width text
as `pdftotext -layout` prints it, pipe-separated and Markdown text. Each file keeps the seed's stem, so
../shared/eval/score.py scores it against the seed's gold.

    .venv/bin/python -m tests.layouts.renderings OUT_DIR
"""
from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from extractors.docx_writer import write_docx
from extractors.libreoffice import convert_files
from extractors.text import read_text
from schemas.layout import Paragraph, Table

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"
# the same rendering choices as data/make_samples.py
OPTIONS = {"000": {"landscape_tables": {0}}, "003": {"auto_number": True}, "004": {"auto_number": True}}


def seeds() -> list[Path]:
    return sorted(SAMPLES.glob("*.txt"))


def borderless_docx(seed: Path) -> bytes:
    """The seed's DOCX rendering with every table border switched off (no style borders either)."""
    d = docx.Document(io.BytesIO(write_docx(read_text(seed.read_bytes()), **OPTIONS.get(seed.name[:3], {}))))
    for table in d.tables:
        tbl_pr = table._tbl.tblPr
        for old in tbl_pr.findall(qn("w:tblBorders")) + tbl_pr.findall(qn("w:tblStyle")):
            tbl_pr.remove(old)
        borders = OxmlElement("w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            el = OxmlElement(f"w:{side}")
            el.set(qn("w:val"), "nil")
            borders.append(el)
        tbl_pr.append(borders)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def borderless_pdfs(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="borderless_") as tmp:
        paths = []
        for seed in seeds():
            path = Path(tmp) / f"{seed.stem}.docx"
            path.write_bytes(borderless_docx(seed))
            paths.append(path)
        for pdf in convert_files(paths, "pdf", Path(tmp)):
            shutil.copy(pdf, out / pdf.name)
    return [out / f"{s.stem}.pdf" for s in seeds()]


def layout_texts(out: Path, pdf_dir: Path = SAMPLES) -> list[Path]:
    """`pdftotext -layout` of each seed PDF (ruled: pdftotext prints no rules, so this is the text a
    letter pasted from such a PDF carries)."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for seed in seeds():
        target = out / f"{seed.stem}.txt"
        subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf_dir / f"{seed.stem}.pdf"), str(target)],
                       check=True, timeout=120)
        paths.append(target)
    return paths


def _pipe_row(cells: list[str], outer: bool) -> str:
    body = " | ".join(cells)
    return f"| {body} |" if outer else body


def pipe_text(seed: Path, markdown: bool) -> str:
    """The seed with each tab table written as a pipe table: Markdown (outer pipes, an alignment row
    after the header, multi-line cells joined with <br>) or plain pipes (no outer pipes, no alignment
    row, a multi-line cell continued on the next lines under empty cells)."""
    layout = read_text(seed.read_bytes())
    lines: list[str] = []
    for block in layout.blocks:
        if isinstance(block, Paragraph):
            lines.append(block.text)
            continue
        assert isinstance(block, Table)
        for r, row in enumerate(block.matrix(fill_merged=False)):
            texts = [(t or "").split("\n") for t in row]
            if markdown:
                lines.append(_pipe_row(["<br>".join(p.strip() for p in parts) for parts in texts], True))
                if r == 0:
                    lines.append(_pipe_row([":---" if k else "---" for k in range(len(row))], True))
                continue
            height = max(len(parts) for parts in texts)
            for k in range(height):
                lines.append(_pipe_row([parts[k].strip() if k < len(parts) else "" for parts in texts], False))
    return "\n".join(lines) + "\n"


def pipe_texts(out: Path, markdown: bool) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for seed in seeds():
        target = out / f"{seed.stem}.{'md' if markdown else 'txt'}"
        target.write_text(pipe_text(seed, markdown), encoding="utf-8")
        paths.append(target)
    return paths


def main(argv: list[str]) -> int:
    out = Path(argv[1] if len(argv) > 1 else "renderings")
    borderless_pdfs(out / "borderless")
    layout_texts(out / "layout")
    pipe_texts(out / "pipe", markdown=False)
    pipe_texts(out / "markdown", markdown=True)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
