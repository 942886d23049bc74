"""The tools benchmarks/peers.py compares, each as a user would call it on a file.

A tool is `load() -> read(path) -> output` (imports and set-up happen in load, once per process) and
`rows(output, truth) -> (rows, text)` turning its output into rows of cell texts for scoring.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from benchmarks.scoring import jospar_rows, table_rows

OCR_LANGS = "kaz+rus"
SCAN_DPI = 200  # the corpus scans' resolution (benchmarks/corpus.py)


@dataclass(frozen=True)
class Tool:
    name: str
    kinds: tuple[str, ...]
    load: Callable[[], Callable[[Path], object]]
    rows: Callable[[object, dict], tuple[list[list[str]], str | None]]
    note: str


def _jospar():
    from pipeline.extract import extract_bytes, warm_up

    warm_up()  # set-up, as a long-lived worker does: both spaCy pipelines built, start-up objects frozen

    return lambda path: extract_bytes(path.read_bytes(), path.name).model_dump(mode="json")


def _pdfplumber():
    import pdfplumber

    def read(path: Path):
        with pdfplumber.open(path) as pdf:
            return [table for page in pdf.pages for table in page.extract_tables()]

    return read


def _camelot():
    import camelot

    return lambda path: [t.df.values.tolist() for t in
                         camelot.read_pdf(str(path), pages="all", flavor="lattice", suppress_stdout=True)]


def _python_docx():
    import docx

    def read(path: Path):
        document = docx.Document(str(path))
        return [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]

    return read


def _img2table():
    from img2table.document import PDF, Image
    from img2table.ocr import TesseractOCR

    ocr = TesseractOCR(n_threads=1, lang=OCR_LANGS)

    def read(path: Path):
        document = PDF(str(path)) if path.suffix == ".pdf" else Image(str(path))
        pages = document.extract_tables(ocr=ocr, implicit_rows=False, borderless_tables=False)
        if isinstance(pages, list):  # an Image gives one page's list
            pages = {0: pages}
        return [t.df.values.tolist() for page in sorted(pages) for t in pages[page]]

    return read


def _tesseract():
    import pypdfium2 as pdfium
    import pytesseract
    from PIL import Image

    def read(path: Path) -> str:
        if path.suffix != ".pdf":
            return pytesseract.image_to_string(Image.open(path), lang=OCR_LANGS)
        pdf = pdfium.PdfDocument(str(path))
        try:
            return "\n".join(pytesseract.image_to_string(page.render(scale=SCAN_DPI / 72, grayscale=True).to_pil(),
                                                         lang=OCR_LANGS) for page in pdf)
        finally:
            pdf.close()

    return read


def _tables_rows(output, truth):
    return table_rows([[[str(c) if c is not None else "" for c in row] for row in t] for t in output]), None


TOOLS = {t.name: t for t in [
    Tool("jospar", ("docx", "pdf", "pdf_borderless", "txt", "scan_pdf", "scan_png"), _jospar,
         lambda doc, truth: (jospar_rows(doc, truth["columns"]), None),
         "pipeline.extract.extract_bytes: read, plans, deadlines, bodies, lineage (the whole job)"),
    Tool("pdfplumber", ("pdf", "pdf_borderless"), _pdfplumber, _tables_rows,
         "bare pdfplumber: page.extract_tables() on every page (lines strategy)"),
    Tool("camelot", ("pdf", "pdf_borderless"), _camelot, _tables_rows,
         "camelot.read_pdf(pages='all', flavor='lattice'), default pdfium backend"),
    Tool("python-docx", ("docx",), _python_docx, _tables_rows,
         "bare python-docx: cell.text of every cell of every table row"),
    Tool("img2table", ("scan_pdf", "scan_png"), _img2table, _tables_rows,
         "img2table PDF/Image .extract_tables(ocr=TesseractOCR(kaz+rus)), ruled tables"),
    Tool("tesseract", ("scan_pdf", "scan_png"), _tesseract, lambda text, truth: ([], text),
         "plain Tesseract (pytesseract.image_to_string, kaz+rus) on each page at the scan's 200 dpi: text, no cells"),
]}
ENV = {"OMP_THREAD_LIMIT": "1"}  # Tesseract on one thread for every tool, as jospar runs it


def run_tool(probe, name: str, paths: list[str]) -> dict:
    """In a child process: load the tool, warm it up on the smallest file, time it on every file,
    then score each output against its truth."""
    import json
    import time

    from benchmarks.scoring import score_rows, truth_rows

    os.environ.update(ENV)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)  # img2table runs `tesseract --version` onto our stdout; the figures go by pipe
    tool = TOOLS[name]
    read = tool.load()
    files = [Path(p) for p in paths]
    read(min(files, key=lambda p: p.stat().st_size))
    probe.ready()
    outputs, seconds, cpu = [], [], []
    for path in files:
        start, start_cpu = time.perf_counter(), _cpu_seconds()
        outputs.append(read(path))
        seconds.append(time.perf_counter() - start)
        cpu.append(_cpu_seconds() - start_cpu)
    probe.done()
    scores = []
    for path, output in zip(files, outputs):
        truth = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        rows, text = tool.rows(output, truth)
        scores.append(score_rows(truth_rows(truth), rows, text))
    return {"seconds": seconds, "cpu": cpu, "scores": scores}


def _cpu_seconds() -> float:
    """CPU time of this process and of the children it waited for (Tesseract): on a shared machine it
    moves much less with the other work than the elapsed time does."""
    import resource
    import time

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime
