"""Renders the five seed letters (data/samples/*.txt) as DOCX and PDF beside them.

    .venv/bin/python data/make_samples.py [--check-only]

Each seed is read with the text reader and written as a DOCX (real Word tables with borders and a
repeating header row, section-heading rows merged across, multi-line cells as paragraphs); the
regional plan of seed 000 sits in a landscape section; the numbered recommendations of seeds 003
and 004 become Word auto-numbered lists. LibreOffice (headless) turns the DOCX files into PDFs.
Afterwards every rendering is read back with the DOCX/PDF readers and compared with the text
reading: the script exits 1 when a rendering lost paragraphs or cells.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors.docx_reader import read_docx  # noqa: E402
from extractors.docx_writer import write_docx  # noqa: E402
from extractors.layout_compare import compare  # noqa: E402
from extractors.libreoffice import convert_files  # noqa: E402
from extractors.pdf_reader import read_pdf  # noqa: E402
from extractors.text import read_text  # noqa: E402

SAMPLES = ROOT / "data" / "samples"
SOFFICE_TIMEOUT = 300
# How each seed is rendered (a rendering choice, not an extraction rule): the first table of seed
# 000 in a landscape section; Word auto-numbering for the prose lists of seeds 003 and 004.
OPTIONS = {
    "000": {"landscape_tables": {0}},
    "003": {"auto_number": True},
    "004": {"auto_number": True},
}
MIN_PARAGRAPHS, MIN_CELLS = 0.97, 0.97


def render_docx(seed: Path) -> bytes:
    layout = read_text(seed.read_bytes())
    return write_docx(layout, **OPTIONS.get(seed.name[:3], {}))


def to_pdf(docx_files: list[Path], out_dir: Path) -> None:
    convert_files(docx_files, "pdf", out_dir, SOFFICE_TIMEOUT)


def build(seeds: list[Path]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp_dir = Path(tmp)
        docx_files = []
        for seed in seeds:
            path = tmp_dir / f"{seed.stem}.docx"
            path.write_bytes(render_docx(seed))
            docx_files.append(path)
        to_pdf(docx_files, tmp_dir)
        for seed in seeds:
            for ext in (".docx", ".pdf"):
                shutil.copy(tmp_dir / f"{seed.stem}{ext}", SAMPLES / f"{seed.stem}{ext}")


def check(seeds: list[Path]) -> bool:
    ok = True
    for seed in seeds:
        source = read_text(seed.read_bytes())
        for ext, reader in ((".docx", read_docx), (".pdf", read_pdf)):
            read = reader((SAMPLES / f"{seed.stem}{ext}").read_bytes())
            result = compare(source, read)
            good = result.paragraph_ratio >= MIN_PARAGRAPHS and result.cell_ratio >= MIN_CELLS
            pages = f", {read.n_pages} pages" if read.n_pages else ""
            print(f"{'ok  ' if good else 'LOST'} {seed.stem}{ext}: {result.summary()}{pages}")
            if not good:
                ok = False
                for miss in result.misses[:8]:
                    print(f"      {miss}")
    return ok


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check-only", action="store_true", help="only read the committed renderings back")
    args = ap.parse_args()
    seeds = sorted(SAMPLES.glob("*.txt"))
    if not args.check_only:
        build(seeds)
    return 0 if check(seeds) else 1


if __name__ == "__main__":
    sys.exit(main())
