"""A seeded corpus of plans with known truth, in every format jospar reads, at any size.

    .venv/bin/python benchmarks/corpus.py OUT [--n 60] [--seed 0] [--kinds docx,pdf,pdf_borderless,txt,scan_pdf]
                                             [--pages 1:40] [--derived 0.3]

Each document is a cover letter and a plan of measures in Kazakh or Russian (benchmarks/corpus_text.py)
of about the asked number of pages, rendered as
  docx            python-docx (extractors.docx_writer: real Word tables, merged section rows)
  pdf             that DOCX through LibreOffice: a ruled table
  pdf_borderless  the same with every table border removed, through LibreOffice
  txt             tab-separated rows, as letters copied out of Word arrive
  scan_pdf        the ruled PDF rasterised at 200 dpi, turned a fraction of a degree, specked, JPEG in a PDF
  scan_png        one-page documents only: that page as a grayscale PNG
LibreOffice runs once per batch of files (its start-up dominates). Beside each document, STEM.json holds
the truth: the plan's columns, every row's cells as written, the page count of the PDF rendering, and for
a derived plan its parent file and which rows pair, were dropped or added. The same seed gives the same
documents (file bytes may differ between LibreOffice versions).
"""
from __future__ import annotations

import argparse
import io
import json
import math
import random
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.corpus_text import FIELDS, PlanContent, derive, plan_content  # noqa: E402
from schemas.layout import Cell, LayoutDocument, Paragraph, Table  # noqa: E402

KINDS = ("docx", "pdf", "pdf_borderless", "txt", "scan_pdf", "scan_png")
BORN_DIGITAL = ("docx", "pdf", "pdf_borderless", "txt")
SUFFIX = {"docx": ".docx", "pdf": ".pdf", "pdf_borderless": ".pdf", "txt": ".txt", "scan_pdf": ".pdf", "scan_png": ".png"}
ROWS_PER_PAGE = 14  # rows of generated text per A4 page in a 4-6 column table at 10 pt (LibreOffice output)
FIRST_PAGE_ROWS = 5  # the cover letter takes the top of the first page
BATCH = 40  # files per LibreOffice run


@dataclass
class Spec:
    stem: str
    kind: str
    content: PlanContent
    parent: str | None = None  # the parent document's stem


def rows_for_pages(pages: int) -> int:
    return max(2, round(FIRST_PAGE_ROWS + (pages - 1) * ROWS_PER_PAGE))


def page_count(rng: random.Random, low: int, high: int) -> int:
    """Log-uniform: letters of a page or two are common, forty-page plans rare."""
    return min(high, max(low, round(math.exp(rng.uniform(math.log(low), math.log(high + 0.5))))))


def plan_specs(n: int, seed: int, kinds: tuple[str, ...] = BORN_DIGITAL, pages: tuple[int, int] = (1, 40),
               derived_share: float = 0.3) -> list[Spec]:
    """n documents: kinds in turn, languages alternating, a share of them derived from earlier parents."""
    rng = random.Random(seed)
    specs: list[Spec] = []
    parents: dict[str, list[Spec]] = {"kk": [], "ru": []}
    for i in range(n):
        kind, lang = kinds[i % len(kinds)], ("kk", "ru")[(i // len(kinds)) % 2]
        low, high = (1, 1) if kind == "scan_png" else pages
        if parents[lang] and rng.random() < derived_share:
            parent = rng.choice(parents[lang])
            spec = Spec(f"{i:05d}_{lang}_{kind}", kind, derive(rng, parent.content), parent.stem)
        else:
            spec = Spec(f"{i:05d}_{lang}_{kind}", kind, plan_content(rng, lang, rows_for_pages(page_count(rng, low, high))))
            parents[lang].append(spec)
        specs.append(spec)
    return specs


# ---------------------------------------------------------------------- renderings
def layout_of(content: PlanContent) -> LayoutDocument:
    """Letter, approval and title as paragraphs, the plan as one table (header, section rows, rows)."""
    blocks: list = [Paragraph(text=line) for line in content.letter + content.approval + [content.title, ""]]
    grid = [content.header]
    section = None
    for row in content.rows:
        if row.section and row.section != section:
            section = row.section
            grid.append([row.section] + [""] * (len(content.columns) - 1))
        grid.append(row.cells(content.columns))
    cells = [Cell(text=text, row=r, col=k) for r, cells in enumerate(grid) for k, text in enumerate(cells)]
    blocks.append(Table(n_rows=len(grid), n_cols=len(content.columns), cells=cells))
    return LayoutDocument(media_type="", blocks=blocks)


def text_of(layout: LayoutDocument) -> bytes:
    lines = []
    for block in layout.blocks:
        if isinstance(block, Table):
            lines += ["\t".join(cell or "" for cell in row) for row in block.matrix()]
        else:
            lines.append(block.text)
    return ("\n".join(lines) + "\n").encode("utf-8")


def docx_of(layout: LayoutDocument, borderless: bool = False) -> bytes:
    from extractors.docx_writer import write_docx

    data = write_docx(layout)
    if not borderless:
        return data
    import docx

    from tests.readers_unruled.make_fixtures import no_borders

    document = docx.Document(io.BytesIO(data))
    for table in document.tables:
        no_borders(table)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def to_pdfs(named_docx: dict[str, bytes]) -> dict[str, bytes]:
    """{stem: DOCX bytes} -> {stem: PDF bytes}, BATCH files per LibreOffice run."""
    from extractors.libreoffice import convert_files

    out: dict[str, bytes] = {}
    stems = list(named_docx)
    for start in range(0, len(stems), BATCH):
        with tempfile.TemporaryDirectory(prefix="jospar-corpus-") as tmp:
            paths = []
            for stem in stems[start:start + BATCH]:
                paths.append(Path(tmp) / f"{stem}.docx")
                paths[-1].write_bytes(named_docx[stem])
            for stem, pdf in zip(stems[start:start + BATCH], convert_files(paths, "pdf", Path(tmp), timeout=1800)):
                out[stem] = pdf.read_bytes()
    return out


def pdf_pages(data: bytes) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        return len(pdf)
    finally:
        pdf.close()


def scans(pdf: bytes, seed: int, png: bool) -> bytes:
    """A scanner's output of the ruled PDF (tests/ocr's scan: turned, specked, 200 dpi)."""
    from tests.ocr.make_fixtures import image_pdf, scanned_pages

    images = scanned_pages(pdf, seed)
    if not png:
        return image_pdf(images)
    out = io.BytesIO()
    images[0].save(out, "PNG", dpi=(200, 200), optimize=True)
    return out.getvalue()


def truth_of(spec: Spec, pages: int | None) -> dict:
    c = spec.content
    parent = None
    if spec.parent:
        parent = {"stem": spec.parent, "pairs": c.pairs, "dropped": c.dropped, "added": c.added}
    return {"file": spec.stem + SUFFIX[spec.kind], "kind": spec.kind, "language": c.language, "pages": pages,
            "title": c.title, "columns": list(c.columns), "header": c.header,
            "rows": [asdict(r) for r in c.rows],
            "letter": {"number": c.letter_number, "date": c.letter_date, "references": c.references},
            "parent": parent}


def render(specs: list[Spec], out_dir: Path, seed: int = 0, count_pages: bool = True) -> list[Path]:
    """Write every document and its truth into out_dir; returns the document paths. Documents that need
    no PDF get one only when count_pages (their page count in the truth)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    layouts = {s.stem: layout_of(s.content) for s in specs}
    docx = {s.stem: docx_of(layouts[s.stem], borderless=s.kind == "pdf_borderless") for s in specs
            if s.kind != "txt" or count_pages}
    needs_pdf = {s.stem for s in specs if s.kind not in ("docx", "txt") or count_pages}
    pdfs = to_pdfs({stem: docx[stem] for stem in docx if stem in needs_pdf})
    paths = []
    for k, spec in enumerate(specs):
        pdf = pdfs.get(spec.stem)
        data = {"docx": lambda: docx[spec.stem], "txt": lambda: text_of(layouts[spec.stem]),
                "pdf": lambda: pdf, "pdf_borderless": lambda: pdf,
                "scan_pdf": lambda: scans(pdf, seed + k, png=False),
                "scan_png": lambda: scans(pdf, seed + k, png=True)}[spec.kind]()
        path = out_dir / (spec.stem + SUFFIX[spec.kind])
        path.write_bytes(data)
        truth = truth_of(spec, pdf_pages(pdf) if pdf else None)
        (out_dir / f"{spec.stem}.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
        paths.append(path)
    return paths


def load_truth(doc_path: Path) -> dict:
    return json.loads(doc_path.with_suffix(".json").read_text(encoding="utf-8"))


def documents(corpus_dir: Path) -> list[Path]:
    """The documents of a rendered corpus (every file with a truth beside it), in order."""
    return sorted(p for p in corpus_dir.iterdir() if p.suffix != ".json" and p.with_suffix(".json").exists())


def build(out_dir: Path, n: int, seed: int = 0, kinds: tuple[str, ...] = BORN_DIGITAL,
          pages: tuple[int, int] = (1, 40), derived_share: float = 0.3, count_pages: bool = True) -> list[Path]:
    return render(plan_specs(n, seed, kinds, pages, derived_share), out_dir, seed, count_pages)


def parse_pages(text: str) -> tuple[int, int]:
    low, _, high = text.partition(":")
    return int(low), int(high or low)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--n", type=int, default=60)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--kinds", default=",".join(BORN_DIGITAL + ("scan_pdf",)))
    ap.add_argument("--pages", default="1:40", help="page range LOW:HIGH (log-uniform)")
    ap.add_argument("--derived", type=float, default=0.3, help="share of documents derived from an earlier one")
    args = ap.parse_args(argv)
    kinds = tuple(args.kinds.split(","))
    unknown = set(kinds) - set(KINDS)
    if unknown:
        ap.error(f"unknown kinds {sorted(unknown)}; kinds are {', '.join(KINDS)}")
    paths = build(args.out, args.n, args.seed, kinds, parse_pages(args.pages), args.derived)
    pages = sum(load_truth(p)["pages"] or 0 for p in paths)
    print(f"{len(paths)} documents, {pages} pages, in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
