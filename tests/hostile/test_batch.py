"""`jospar extract` as a hostile tester runs it (findings 1, 6, 8, 11): real processes, real FIFOs, sockets
and symbolic links, real kill -9. Every input path gets a Document or a flag, and the batch goes on."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import subprocess
from pathlib import Path

import duckdb
import pytest

from tests.hostile.bombs import flate_bomb_pdf

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"
TXT, DOCX, PDF = (SAMPLES / f"000_8c8bd9275c0215dc.{ext}" for ext in ("txt", "docx", "pdf"))


def extract(jospar_bin: str, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([jospar_bin, "extract", *args], cwd=ROOT, capture_output=True, timeout=timeout)


def json_lines(done: subprocess.CompletedProcess) -> list[dict]:
    return [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]


def by_path(docs: list[dict]) -> dict[str, dict]:
    return {doc["source"]["path"]: doc for doc in docs}


def codes(doc: dict) -> list[str]:
    return [flag["code"] for flag in doc["flags"]]


def stored_inputs(out: Path) -> dict[str, dict]:
    with duckdb.connect(str(out / "jospar.duckdb"), read_only=True) as con:
        rows = con.sql("SELECT * FROM derived.inputs").to_arrow_table().to_pylist()
    return {row["path"]: row for row in rows}


def test_names_that_are_not_utf8_in_json_and_out(tmp_path, jospar_bin):
    """Finding 1: a file name that is not valid UTF-8 stopped `--json` with a traceback."""
    folder = tmp_path / "in"
    folder.mkdir()
    bad = os.fsencode(folder) + b"/\xff\xfe \xd0\xbf\xd0\xbb\xd0\xb0\xd0\xbd.txt"  # Latin-1 junk, then "план"
    Path(os.fsdecode(bad)).write_bytes(TXT.read_bytes())
    shutil.copy(DOCX, folder / "жоспар.docx")
    done = extract(jospar_bin, str(folder), "--json")
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    docs = by_path(json_lines(done))
    shown = f"{folder}/\\xff\\xfe план.txt"  # lossless: the undecodable bytes as \xNN escapes
    assert set(docs) == {shown, f"{folder}/жоспар.docx"}
    assert docs[shown]["plans"] and not codes(docs[shown])
    out = tmp_path / "out"
    assert extract(jospar_bin, str(folder), "--out", str(out)).returncode == 0
    assert set(stored_inputs(out)) == set(docs)
    assert shown in (out / "inputs.csv").read_text(encoding="utf-8")


def test_document_json_replaces_lone_surrogates():
    from cli.extract import document_json
    from schemas import Document, Source

    doc = Document(document_id="0" * 64, source=Source(path="x\udcff.txt", media_type="text/plain"))
    assert json.loads(document_json(doc))["source"]["path"] == "x\ufffd.txt"


@pytest.fixture
def odd_folder(tmp_path) -> tuple[Path, Path]:
    """A folder with everything a hostile tester puts in one, and a secret file outside it."""
    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"root:$6$not-for-jospar\n")
    folder = tmp_path / "letters"
    (folder / ".drafts").mkdir(parents=True)
    (folder / "sub").mkdir()
    shutil.copy(TXT, folder / ".hidden-plan.txt")
    shutil.copy(DOCX, folder / ".drafts" / "plan.docx")
    shutil.copy(PDF, folder / "sub" / "plan.pdf")
    os.mkfifo(folder / "pipe")
    (folder / "shadow").symlink_to(secret)
    (folder / "escape").symlink_to("../secret.txt")
    (folder / "inside-link.pdf").symlink_to("sub/plan.pdf")
    (folder / "loop").symlink_to(".")
    (folder / "dangling").symlink_to(folder / "nowhere")
    (folder / "line\nbreak.txt").write_text("a letter without a plan\n", encoding="utf-8")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(folder / "sock"))
    return folder, secret


def all_paths(folder: Path) -> set[str]:
    found = set()
    for top, dirs, files in os.walk(folder):
        found.update(f"{top}/{name}" for name in files)
        found.update(f"{top}/{name}" for name in dirs if os.path.islink(f"{top}/{name}"))
    return found


def test_dot_files_fifos_sockets_and_symlinks_each_get_a_document(odd_folder, tmp_path, jospar_bin):
    """Finding 6: dot-files and FIFOs were skipped silently; a link to /etc/shadow was read."""
    folder, secret = odd_folder
    done = extract(jospar_bin, str(folder), "--json", timeout=120)  # a FIFO opened for reading would hang
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    docs = by_path(json_lines(done))
    assert set(docs) == all_paths(folder)
    assert docs[f"{folder}/.hidden-plan.txt"]["plans"] and docs[f"{folder}/.drafts/plan.docx"]["plans"]
    for name in ("shadow", "escape"):
        assert codes(docs[f"{folder}/{name}"]) == ["symlink_outside"]
    assert hashlib.sha256(secret.read_bytes()).hexdigest() not in done.stdout.decode()
    assert codes(docs[f"{folder}/pipe"]) == ["not_a_file"] and "FIFO" in docs[f"{folder}/pipe"]["flags"][0]["message"]
    assert codes(docs[f"{folder}/sock"]) == ["not_a_file"]
    assert codes(docs[f"{folder}/loop"]) == ["not_a_file"]
    assert codes(docs[f"{folder}/dangling"]) == ["unreadable"]
    assert codes(docs[f"{folder}/line\nbreak.txt"]) == ["no_plan"]
    link, target = docs[f"{folder}/inside-link.pdf"], docs[f"{folder}/sub/plan.pdf"]
    assert link["document_id"] == target["document_id"] and link["plans"] == target["plans"]
    assert codes(link) == [] and codes(target) == ["duplicate_of"]  # read once, through the link listed first
    assert target["flags"][0]["where"] == f"{folder}/inside-link.pdf"


def test_every_path_listed_in_out_tables_duplicates_included(odd_folder, tmp_path, jospar_bin):
    """Finding 11 (second half): files with identical bytes left their other paths out of `--out`."""
    folder, _ = odd_folder
    shutil.copy(TXT, folder / "copy-of-hidden.txt")
    out = tmp_path / "out"
    done = extract(jospar_bin, str(folder), "--out", str(out))
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    inputs = stored_inputs(out)
    assert set(inputs) == all_paths(folder)
    copy, first = inputs[f"{folder}/copy-of-hidden.txt"], inputs[f"{folder}/.hidden-plan.txt"]
    assert copy["outcome"] == "duplicate" and copy["duplicate_of"] == f"{folder}/.hidden-plan.txt"
    assert copy["document_id"] == first["document_id"] and first["outcome"] == "read"
    assert inputs[f"{folder}/pipe"]["outcome"] == "refused"
    csv_text = (out / "inputs.csv").read_text(encoding="utf-8")
    assert "copy-of-hidden.txt" in csv_text and ".hidden-plan.txt" in csv_text


def test_time_limit_stops_one_document_and_the_batch_goes_on(tmp_path, slow_pdf, jospar_bin):
    """Finding 8: a slow PDF held up the batch for minutes."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(TXT, folder / "a-plan.txt")
    shutil.copy(slow_pdf, folder / "m-appendix.pdf")
    shutil.copy(DOCX, folder / "z-plan.docx")
    done = extract(jospar_bin, str(folder), "--json", "--time-limit", "4")
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    docs = by_path(json_lines(done))
    slow = docs[f"{folder}/m-appendix.pdf"]
    assert codes(slow) == ["time_limit"] and slow["document_id"] == hashlib.sha256(slow_pdf.read_bytes()).hexdigest()
    assert slow["source"]["media_type"] == "application/pdf"
    assert docs[f"{folder}/a-plan.txt"]["plans"] and docs[f"{folder}/z-plan.docx"]["plans"]


def test_memory_limit_stops_a_decompression_bomb(tmp_path, jospar_bin):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bomb.pdf").write_bytes(flate_bomb_pdf(768))  # ~0.8 MB inflating to 768 MB
    shutil.copy(DOCX, folder / "plan.docx")
    done = extract(jospar_bin, str(folder), "--json", "--memory-limit", "350")
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    docs = by_path(json_lines(done))
    assert codes(docs[f"{folder}/bomb.pdf"]) == ["memory_limit"]
    assert docs[f"{folder}/plan.docx"]["plans"]
