"""The seeds with their plan tables flattened into paragraphs, as a plan copied out of a table into a mail
body reads: the number and the measure on one line, then the other cells on the lines below. The file
keeps the seed's stem, so ../shared/eval/score.py scores it against the seed's gold.

Two shapes:
  plain     - no header, one line per cell in column order, no blank lines;
  labelled  - each cell after the measure as "Header: value", a blank line between measures.

    .venv/bin/python -m tests.structure.flattened OUT_DIR
"""
from __future__ import annotations

import sys
from pathlib import Path

from extractors.text import read_text
from schemas.layout import Paragraph, Table

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"
SHAPES = ("plain", "labelled")


def _rows(table: Table) -> list[list[str]]:
    """The table's logical rows: a row with no number that is not a section (the rest of a row cut by a
    page break) is joined to the row above, cell by cell, as the row reads in the original table."""
    out: list[list[str]] = []
    for row in table.matrix(fill_merged=False):
        cells = [(t or "").strip() for t in row]
        continues = len(out) > 1 and not cells[0] and any(cells[1:])
        if continues:
            out[-1] = [f"{a} {b}".strip() for a, b in zip(out[-1], cells)]
        else:
            out.append(cells)
    return out


def flattened_lines(table: Table, labelled: bool) -> list[str]:
    rows = _rows(table)
    header, body = rows[0], rows[1:]
    lines: list[str] = []
    for row in body:
        filled = [k for k, t in enumerate(row) if t]
        if len(filled) == 1:  # a section row across the table
            lines += ["", row[filled[0]]] if labelled else [row[filled[0]]]
            continue
        number, text, *rest = row
        if labelled:
            lines.append("")
        first, *more = text.splitlines() or [""]
        lines.append(f"{number} {first}".strip())
        lines += more
        for head, cell in zip(header[2:], rest):
            if not cell:
                continue
            if labelled:
                label = " ".join(head.split())
                lines.append(f"{label}: {' '.join(cell.split())}")
            else:
                lines += cell.splitlines()
    return lines


def flattened_text(seed: Path, labelled: bool) -> str:
    layout = read_text(seed.read_bytes())
    lines: list[str] = []
    for block in layout.blocks:
        if isinstance(block, Paragraph):
            lines.append(block.text)
        else:
            lines += flattened_lines(block, labelled)
    return "\n".join(lines) + "\n"


def write(out: Path, shape: str) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for seed in sorted(SAMPLES.glob("*.txt")):
        target = out / seed.name
        target.write_text(flattened_text(seed, labelled=shape == "labelled"), encoding="utf-8")
        paths.append(target)
    return paths


def main(argv: list[str]) -> int:
    out = Path(argv[1] if len(argv) > 1 else "flattened")
    for shape in SHAPES:
        write(out / shape, shape)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
