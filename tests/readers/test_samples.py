"""The committed sample renderings (data/samples/*.docx, *.pdf, made by data/make_samples.py)
read back into the same paragraphs and cells as the seed texts beside them."""
from functools import lru_cache
from pathlib import Path

import pytest

from extractors.docx_reader import read_docx
from extractors.layout_compare import compare
from extractors.pdf_reader import read_pdf
from extractors.text import read_text
from schemas.layout import Paragraph

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
SEEDS = sorted(SAMPLES.glob("*.txt"))


@lru_cache(maxsize=None)
def read_rendering(path: Path):
    """Each rendering read once per session (PDF reading dominates this file's time)."""
    return (read_pdf if path.suffix == ".pdf" else read_docx)(path.read_bytes())


def test_every_seed_has_both_renderings():
    assert len(SEEDS) == 5
    for seed in SEEDS:
        assert seed.with_suffix(".docx").exists() and seed.with_suffix(".pdf").exists()


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
@pytest.mark.parametrize("ext", [".docx", ".pdf"])
def test_rendering_reads_back_like_the_text(seed, ext):
    source = read_text(seed.read_bytes())
    result = compare(source, read_rendering(seed.with_suffix(ext)))
    assert result.tables_read == result.tables_source
    assert result.paragraph_ratio >= 0.97 and result.cell_ratio >= 0.97, result.misses[:5]


def test_seed_000_pdf_has_a_landscape_table_over_page_breaks():
    doc = read_rendering(SAMPLES / "000_8c8bd9275c0215dc.pdf")
    regional = doc.tables()[0]
    assert len(regional.pages) > 1  # stitched over page breaks
    assert sum(1 for row in regional.matrix() if row[0] == "№") == 1  # repeated headers dropped


def test_seed_003_docx_numbers_the_recommendations():
    doc = read_rendering(SAMPLES / "003_c8fd6e44ab760d61.docx")
    labels = [p.list_label for p in doc.blocks if isinstance(p, Paragraph) and p.list_label]
    assert labels[-14:] == [f"{n}." for n in range(1, 15)]
