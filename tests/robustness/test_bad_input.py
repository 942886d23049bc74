"""Bad input never crashes a batch: every file gets a Document with a flag saying why, exit status 0."""
from __future__ import annotations

import io
import json
import subprocess
import zipfile
from pathlib import Path

import pytest

from pipeline.extract import extract_bytes, extract_path

FIXTURES = Path(__file__).resolve().parents[1] / "structure" / "fixtures"
ENCRYPTED = Path(__file__).resolve().parents[1] / "readers" / "fixtures" / "encrypted.pdf"


def truncated_docx() -> bytes:
    data = (FIXTURES / "ru_merged_header.docx").read_bytes()
    return data[: len(data) // 2]


def plain_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("notes.txt", "not a Word file")
    return buf.getvalue()


BAD = {
    "empty.txt": (b"", "empty"),
    "garbage.pdf": (bytes(range(256)) * 40, None),
    "truncated.docx": (truncated_docx(), None),
    "archive.docx": (plain_zip(), "no_plan"),  # a plain zip is read as an archive: its text member holds no plan
    "encrypted.pdf": (ENCRYPTED.read_bytes(), "encrypted"),
    "letter_without_plan.txt": ("Мектеп директорларына\n\nАқпарат үшін жолдаймыз.\n\nО. Дилмукашева\n".encode(), "no_plan"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_file_gives_a_flagged_document(name):
    data, code = BAD[name]
    doc = extract_bytes(data, name)
    assert doc.plans == [] and doc.flags
    assert all(f.message for f in doc.flags)
    if code:
        assert code in {f.code for f in doc.flags}


def test_missing_file_is_flagged():
    doc = extract_path("/nonexistent/дерек.pdf")
    assert doc.flags[0].code == "unreadable"


def test_batch_goes_on_after_bad_files(tmp_path, jospar_bin, samples_dir):
    for name, (data, _) in BAD.items():
        (tmp_path / name).write_bytes(data)
    good = tmp_path / "zz_plan.txt"
    good.write_bytes((FIXTURES / "ru_plan_tabs.txt").read_bytes())
    proc = subprocess.run([jospar_bin, "extract", str(tmp_path), "--json"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    docs = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(docs) == len(BAD) + 1
    assert docs[-1]["plans"] and len(docs[-1]["plans"][0]["measures"]) == 5
    assert all(d["flags"] for d in docs[:-1])


def test_exit_status_is_nonzero_only_when_every_file_failed(tmp_path, jospar_bin):
    (tmp_path / "a.txt").write_bytes(b"")
    proc = subprocess.run([jospar_bin, "extract", str(tmp_path / "a.txt"), "--json"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and json.loads(proc.stdout)["flags"][0]["code"] == "empty"
