"""Scanned pages: seconds per page (serial and with N workers), character error rate, peak memory,
as ratios against plain `tesseract` on the same page images measured in the same run.

    .venv/bin/python benchmarks/ocr.py [--workers 2] [--processes 2] [--seeds 001,003] [--variants rot90,blur150]

The seed PDFs (data/samples) are "scanned" by tests/ocr/seed_scans.py in each variant (quarter
turns, skew, blur, JPEG, 150-200 dpi), into a temp dir. For every scan:
  baseline   the page images rendered at 300 dpi and read by `tesseract IMG stdout -l kaz+rus`
             (psm 3, one thread), one after the other: no turning, no deskew, no tables
  serial     extractors.pdf_reader.read_pdf with JOSPAR_OCR_WORKERS=1
  parallel   the same with JOSPAR_OCR_WORKERS=N (threads)
  processes  the same with N worker processes (JOSPAR_OCR_POOL=processes; PDFs only, a TIFF stays on threads)
CER is the edit distance between the read text and the seed PDF's own text layer, divided by the
latter's length, with both taken as their words sorted (reading order differs between a table
read by cells and a text layer, and is not what OCR accuracy is about). Peak memory is the child
process's peak resident size plus the largest Tesseract child's (ru_maxrss of RUSAGE_CHILDREN),
each document read in a fresh process; with N worker processes it is the parent's plus N times the
largest child's (an upper bound: the workers' peaks need not coincide).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.ocr.seed_scans import VARIANTS, scan, seed_pdfs  # noqa: E402

CHILD = r"""
import json, os, resource, sys, time
sys.path.insert(0, sys.argv[1])
os.environ["JOSPAR_OCR_WORKERS"] = sys.argv[3]
os.environ["JOSPAR_OCR_POOL"] = sys.argv[4]
from extractors.pdf_reader import read_pdf
from extractors.image_reader import read_image
data = open(sys.argv[2], "rb").read()
start = time.perf_counter()
layout = (read_image if sys.argv[2].endswith(".tiff") else read_pdf)(data)
seconds = time.perf_counter() - start
texts = [b.text for b in layout.blocks if getattr(b, "text", None)]
texts += [c.text for t in layout.tables() for c in t.cells if c.text]
mb = lambda who: resource.getrusage(who).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "text": "\n".join(texts), "pages": layout.n_pages,
                  "self_mb": mb(resource.RUSAGE_SELF), "child_mb": mb(resource.RUSAGE_CHILDREN),
                  "tables": len(layout.tables())}))
"""


def sorted_words(text: str) -> str:
    return " ".join(sorted(text.split()))


def cer(got: str, want: str) -> float:
    from rapidfuzz.distance import Levenshtein

    want = sorted_words(want)
    return Levenshtein.distance(sorted_words(got), want) / max(len(want), 1)


def source_text(pdf: Path) -> str:
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return "\n".join(page.extract_text() or "" for page in doc.pages)


def ours(path: Path, workers: int, pool: str = "threads") -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), str(path), str(workers), pool],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def baseline(path: Path) -> dict:
    """Plain Tesseract on each page image at 300 dpi, serially."""
    from PIL import Image, ImageSequence

    import pypdfium2 as pdfium

    with tempfile.TemporaryDirectory() as folder:
        images = []
        if path.suffix == ".tiff":
            with Image.open(path) as tiff:
                for k, frame in enumerate(ImageSequence.Iterator(tiff)):
                    images.append(f"{folder}/{k}.png")
                    frame.convert("L").save(images[-1])
        else:
            pdf = pdfium.PdfDocument(str(path))
            for k, page in enumerate(pdf):
                images.append(f"{folder}/{k}.png")
                page.render(scale=300 / 72, grayscale=True).to_pil().save(images[-1])
                page.close()
            pdf.close()
        start, texts = time.perf_counter(), []
        for image in images:
            texts.append(subprocess.run(["tesseract", image, "stdout", "-l", "kaz+rus"], capture_output=True, text=True,
                                        env={**os.environ, "OMP_THREAD_LIMIT": "1"}).stdout)
        return {"seconds": time.perf_counter() - start, "text": "\n".join(texts), "pages": len(images)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--processes", type=int, default=2, help="worker processes for the third figure (0: skip)")
    ap.add_argument("--seeds", default="", help="comma-separated name prefixes (default: all five)")
    ap.add_argument("--variants", default="", help="comma-separated variant names (default: all)")
    a = ap.parse_args()
    seeds = [p for p in seed_pdfs() if not a.seeds or any(p.name.startswith(s) for s in a.seeds.split(","))]
    variants = [v for v in VARIANTS if not a.variants or v.name in a.variants.split(",")]
    print(f"{'scan':38} {'pages':>5} {'base s/p':>8} {'ser s/p':>8} {'par s/p':>8} {'proc s/p':>8} {'ser/base':>8} {'par/ser':>8} {'proc/ser':>8} "
          f"{'base CER':>8} {'our CER':>8} {'tables':>6} {'peak MB':>8}")
    totals = {"base": 0.0, "serial": 0.0, "parallel": 0.0, "proc": 0.0, "pages": 0, "bcer": [], "ocer": [], "peak": 0.0,
              "proc_peak": 0.0}
    with tempfile.TemporaryDirectory() as tmp:
        for variant in variants:
            folder = Path(tmp) / variant.name
            folder.mkdir()
            for seed in seeds:
                path = scan(seed, folder, variant)
                want = source_text(seed)
                base, serial, parallel = baseline(path), ours(path, 1), ours(path, a.workers)
                procs = ours(path, a.processes, "processes") if a.processes else serial
                pages = base["pages"]
                peak = max(r["self_mb"] + r["child_mb"] for r in (serial, parallel))
                proc_peak = procs["self_mb"] + max(1, a.processes) * procs["child_mb"]
                bc, oc = cer(base["text"], want), cer(parallel["text"], want)
                print(f"{variant.name + '/' + seed.stem[:14]:38} {pages:5d} {base['seconds'] / pages:8.2f} "
                      f"{serial['seconds'] / pages:8.2f} {parallel['seconds'] / pages:8.2f} {procs['seconds'] / pages:8.2f} "
                      f"{serial['seconds'] / base['seconds']:8.2f} {parallel['seconds'] / serial['seconds']:8.2f} "
                      f"{procs['seconds'] / serial['seconds']:8.2f} "
                      f"{bc:8.3f} {oc:8.3f} {parallel['tables']:6d} {peak:8.0f}", flush=True)
                totals["base"] += base["seconds"]
                totals["serial"] += serial["seconds"]
                totals["parallel"] += parallel["seconds"]
                totals["proc"] += procs["seconds"]
                totals["proc_peak"] = max(totals["proc_peak"], proc_peak)
                totals["pages"] += pages
                totals["bcer"].append(bc)
                totals["ocer"].append(oc)
                totals["peak"] = max(totals["peak"], peak)
    n = max(totals["pages"], 1)
    print(f"\nall: {n} pages; s/page baseline {totals['base'] / n:.2f}, serial {totals['serial'] / n:.2f} "
          f"({totals['serial'] / max(totals['base'], 1e-9):.2f}x baseline), {a.workers} workers {totals['parallel'] / n:.2f} "
          f"({totals['parallel'] / max(totals['serial'], 1e-9):.2f}x serial), with {a.processes} processes "
          f"{totals['proc'] / n:.2f} ({totals['proc'] / max(totals['serial'], 1e-9):.2f}x serial); mean CER baseline "
          f"{sum(totals['bcer']) / len(totals['bcer']):.3f}, ours {sum(totals['ocer']) / len(totals['ocer']):.3f}; "
          f"peak memory per document {totals['peak']:.0f} MB (threads), {totals['proc_peak']:.0f} MB "
          f"({a.processes} processes, bound)")


if __name__ == "__main__":
    main()
