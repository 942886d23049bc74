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

from extractors.docx_writer import write_docx
from extractors.libreoffice import convert_files
from extractors.text import read_text
from schemas.layout import Paragraph, Table
from tests.readers_unruled.make_fixtures import no_borders

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
        no_borders(table)
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


def attached(out: Path, kind: str) -> list[Path]:
    """Each seed's DOCX as it comes by mail: forwarded inside an .eml (with a covering note), zipped, or
    nested (a zip inside an e-mail)."""
    import zipfile
    from email.message import EmailMessage

    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for docx_path in sorted(SAMPLES.glob("*.docx")):
        data = docx_path.read_bytes()
        if kind in ("zip", "eml_zip"):
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
                zf.writestr(docx_path.name, data)
            data, name, subtype = buf.getvalue(), f"{docx_path.stem}.zip", "zip"
        else:
            name, subtype = docx_path.name, "vnd.openxmlformats-officedocument.wordprocessingml.document"
        if kind == "zip":
            target = out / name
            target.write_bytes(data)
        else:
            msg = EmailMessage()
            msg["From"], msg["To"], msg["Subject"] = "bilim@example.kz", "mektep@example.kz", "Жоспар / План"
            msg.set_content("Қосымша: жоспар.\nПриложение: план мероприятий.")
            msg.add_attachment(data, maintype="application", subtype=subtype, filename=name)
            target = out / f"{docx_path.stem}.eml"
            target.write_bytes(bytes(msg))
        paths.append(target)
    return paths


def word_formats(out: Path, suffix: str) -> list[Path]:
    """The seed DOCX saved by LibreOffice as .doc, .rtf or .odt."""
    out.mkdir(parents=True, exist_ok=True)
    return convert_files(sorted(SAMPLES.glob("*.docx")), suffix.lstrip("."), out)


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
