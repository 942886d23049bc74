"""The folder source: files dropped into JOSPAR_INBOX_DIR become documents, once."""
from __future__ import annotations

import os
import time

import pytest

from tests.flows import messages as M
from tests.flows.helpers import assert_raw_store_consistent, ledger_rows

pytestmark = pytest.mark.usefixtures("prefect_api")


@pytest.fixture
def inbox(tmp_path, monkeypatch):
    folder = tmp_path / "inbox"
    folder.mkdir()
    monkeypatch.setenv("JOSPAR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("JOSPAR_INBOX_DIR", str(folder))
    monkeypatch.setenv("JOSPAR_INBOX_SETTLE_SECONDS", "30")
    monkeypatch.delenv("JOSPAR_IMAP_HOST", raising=False)
    return folder


def settled(path, age: float = 60) -> None:
    past = time.time() - age
    os.utime(path, (past, past))


def test_folder_source_ingests_settled_files_once_and_processes_them(inbox, tmp_path):
    from flows.ingest import ingest_flow
    from flows.process import run_process

    docx_name, docx = M.sample("002_f8fca9d81a5f40e7.docx")
    txt_name, txt = M.sample("003_c8fd6e44ab760d61.txt")
    (inbox / docx_name).write_bytes(docx)
    (inbox / txt_name).write_bytes(txt)
    (inbox / "copy-of-same.docx").write_bytes(docx)
    (inbox / "upload.pdf.part").write_bytes(b"%PDF half")
    (inbox / ".hidden.txt").write_bytes(b"x")
    for path in inbox.iterdir():
        settled(path)
    (inbox / "just-copied.txt").write_bytes(b"still being written")  # too fresh: waits

    report = ingest_flow().folder
    assert (report.files, report.new_documents, report.known_documents, report.waiting) == (3, 2, 1, 1)
    data_dir = tmp_path / "data"
    assert set(assert_raw_store_consistent(data_dir).values()) == {docx, txt}
    assert sorted(p.name for p in (inbox / "ingested").iterdir()) == sorted([docx_name, txt_name, "copy-of-same.docx"])
    assert sorted(p.name for p in inbox.iterdir() if p.is_file()) == [".hidden.txt", "just-copied.txt", "upload.pdf.part"]
    assert ingest_flow().folder.files == 0  # rerun: nothing new

    processed = run_process()
    assert processed.processed == 2 and processed.measures > 0
    rows = ledger_rows(data_dir, "documents")
    assert {r["channel"] for r in rows} == {"folder"} and {r["state"] for r in rows} == {"processed"}
    assert {r["filename"] for r in rows} == {docx_name, txt_name}
