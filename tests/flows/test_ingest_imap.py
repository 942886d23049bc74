"""Ingest against a real Dovecot: once per message, once per content, flags for bad input."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.flows import messages as M
from tests.flows.helpers import assert_raw_store_consistent, ledger_rows, server_flags

pytestmark = pytest.mark.usefixtures("prefect_api")


def ingest():
    from flows.ingest import ingest_flow

    return ingest_flow()


def test_new_message_ingested_once_rerun_finds_nothing(append, data_dir, dovecot, imap_env):
    docx, pdf = M.sample("000_8c8bd9275c0215dc.docx"), M.sample("001_a737e2465b67cd3d.pdf")
    append(M.letter("Жоспар", [docx, pdf], msg_id="<one@example.kz>"))
    first = ingest()
    assert first.mailbox.new_uids == [1] and first.batches.new_documents == 2
    files = assert_raw_store_consistent(data_dir)
    assert sorted(files.values()) == sorted([docx[1], pdf[1]])  # exact bytes
    [message] = ledger_rows(data_dir, "messages")
    assert (message["message_id"], message["state"], message["marked"], message["n_attachments"]) == \
        ("<one@example.kz>", "stored", 1, 2)
    assert "$JosparStored" in server_flags(dovecot, imap_env["JOSPAR_IMAP_FOLDER"])[1]
    assert {d["filename"] for d in ledger_rows(data_dir, "documents")} == {docx[0], pdf[0]}

    second = ingest()
    assert second.mailbox.new_uids == [] and second.batches.fetched == 0
    assert assert_raw_store_consistent(data_dir) == files
    assert len(ledger_rows(data_dir, "messages")) == 1


def test_same_attachment_twice_stored_once_and_bodies_only_not_refetched(append, data_dir):
    pdf = M.sample("002_f8fca9d81a5f40e7.pdf")
    append(M.letter("бірінші", [pdf]))
    append(M.letter("второе", [pdf]))
    append(M.without_attachment("просто письмо"))
    report = ingest()
    assert report.batches.stored_messages == 3 and report.batches.without_documents == 1
    assert report.batches.new_documents == 1 and report.batches.known_documents == 1
    assert len(assert_raw_store_consistent(data_dir)) == 1
    assert len(ledger_rows(data_dir, "attachments")) == 2
    states = sorted(m["state"] for m in ledger_rows(data_dir, "messages"))
    assert states == ["processed", "stored", "stored"]  # no documents: nothing left to do
    assert ingest().mailbox.new_uids == []


def test_forwarded_and_inline_attachments_count(append, data_dir):
    inner = M.sample("003_c8fd6e44ab760d61.docx")
    inline = M.sample("004_477ff1404d7fc2dd.txt")
    append(M.forwarded("хат", M.letter("хат", [inner])))
    append(M.letter("inline", [inline], inline=True))
    report = ingest()
    assert report.batches.new_documents == 2
    rows = {r["filename"]: r for r in ledger_rows(data_dir, "attachments")}
    assert rows[inner[0]]["nested"] == 1 and rows[inline[0]]["disposition"] == "inline"
    assert sorted(assert_raw_store_consistent(data_dir).values()) == sorted([inner[1], inline[1]])


def test_malformed_oversized_and_path_traversal_flagged(append, data_dir, imap_env):
    limit = int(imap_env["JOSPAR_MAX_ATTACHMENT_BYTES"])
    append(M.malformed(M.sample("000_8c8bd9275c0215dc.pdf")[1][:5000]))
    append(M.letter("big", [("huge.pdf", b"%PDF-1.4\n" + os.urandom(limit + 10))]))
    append(M.letter("evil", [("../../etc/passwd", b"root:x:0:0:root:/root:/bin/bash\n")]))
    report = ingest()
    codes = sorted(f["code"] for f in report.batches.flags)
    assert codes == ["attachment_too_large", "malformed_mime", "unsafe_filename"]
    assert report.batches.stored_messages == 3 and report.failed_batches == 0
    by_name = {r["filename"]: r for r in ledger_rows(data_dir, "attachments")}
    assert by_name["huge.pdf"]["sha256"] is None and by_name["huge.pdf"]["flag"] == "attachment_too_large"
    assert by_name["passwd"]["flag"] == "unsafe_filename" and by_name["passwd"]["sha256"]
    stored = assert_raw_store_consistent(data_dir)
    assert b"root:x:0:0:root:/root:/bin/bash\n" in stored.values()
    assert all(data_dir in p.parents for p in data_dir.rglob("*"))
    assert not (data_dir.parent / "etc").exists()
    messages = {m["uid"]: json.loads(m["flags"]) for m in ledger_rows(data_dir, "messages")}
    assert [f["code"] for f in messages[1]] == ["malformed_mime"]


def test_done_folder_move(append, data_dir, dovecot, imap_env, monkeypatch):
    done = imap_env["JOSPAR_IMAP_FOLDER"] + "-done"
    monkeypatch.setenv("JOSPAR_IMAP_DONE_FOLDER", done)
    append(M.letter("a", [M.sample("001_a737e2465b67cd3d.txt")]))
    append(M.letter("b", [M.sample("002_f8fca9d81a5f40e7.txt")]))
    assert ingest().batches.marked == 2
    assert server_flags(dovecot, imap_env["JOSPAR_IMAP_FOLDER"]) == {}
    assert len(server_flags(dovecot, done)) == 2
    assert ingest().mailbox.on_server == 0
    assert len(assert_raw_store_consistent(data_dir)) == 2


def test_failed_message_is_kept_and_retried(append, data_dir, dovecot, imap_env):
    append(M.letter("a", [M.sample("003_c8fd6e44ab760d61.txt")]))
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "raw").write_text("a file where the raw store's folder should be")  # storing fails
    report = ingest()
    assert report.batches.failed == 1 and report.batches.marked == 0
    [message] = ledger_rows(data_dir, "messages")
    assert message["state"] == "failed" and message["attempts"] == 1 and "Error" in message["error"]
    assert server_flags(dovecot, imap_env["JOSPAR_IMAP_FOLDER"]) == {1: ()}  # untouched, not deleted
    (data_dir / "raw").unlink()
    retry = ingest()  # back-off is 0 in tests
    assert retry.mailbox.new_uids == [1] and retry.batches.new_documents == 1
    [message] = ledger_rows(data_dir, "messages")
    assert message["state"] == "stored" and message["marked"] == 1
    assert len(assert_raw_store_consistent(data_dir)) == 1


def test_uidvalidity_change_neither_loses_nor_duplicates(append, data_dir, dovecot, imap_env):
    from imap_tools import MailBoxUnencrypted

    folder = imap_env["JOSPAR_IMAP_FOLDER"]
    letters = [M.letter("a", [M.sample("000_8c8bd9275c0215dc.txt")]),
               M.letter("b", [M.sample("004_477ff1404d7fc2dd.docx")])]
    for raw in letters:
        append(raw)
    first = ingest()
    with MailBoxUnencrypted(dovecot.host, dovecot.port).login(dovecot.user, dovecot.password, None) as box:
        box.folder.delete(folder)
        box.folder.create(folder)  # a recreated folder gets a new UIDVALIDITY, UIDs restart at 1
    for raw in letters + [M.letter("c", [M.sample("001_a737e2465b67cd3d.docx")])]:
        append(raw)
    second = ingest()
    assert second.mailbox.uidvalidity != first.mailbox.uidvalidity
    assert second.mailbox.previous_uidvalidity == first.mailbox.uidvalidity
    assert second.mailbox.new_uids == [1, 2, 3]
    assert second.batches.new_documents == 1 and second.batches.known_documents == 2
    assert len(assert_raw_store_consistent(data_dir)) == 3
    assert len(ledger_rows(data_dir, "messages")) == 5  # the old folder's records are kept


def test_password_never_in_logs_reprs_or_outputs(append, data_dir, dovecot, capfd, caplog):
    from flows.settings import load_settings

    settings = load_settings()
    assert dovecot.password not in repr(settings) and dovecot.password not in str(settings.model_dump())
    assert dovecot.password not in settings.model_dump_json()
    append(M.letter("a", [M.sample("002_f8fca9d81a5f40e7.txt")]))
    report = ingest()
    out, err = capfd.readouterr()
    for text in (report.model_dump_json(), out, err, caplog.text):
        assert dovecot.password not in text
    secret = dovecot.password.encode()
    for path in [*data_dir.rglob("*"), *Path(os.environ["PREFECT_HOME"]).rglob("*")]:
        if path.is_file():
            assert secret not in path.read_bytes(), path


def test_wrong_password_fails_cleanly_without_revealing_it(append, monkeypatch, capfd):
    from flows.cli import _ingest

    monkeypatch.setenv("JOSPAR_IMAP_PASSWORD", "wrong-Secret-99")
    assert _ingest(None) == 2
    out, err = capfd.readouterr()
    assert '"error"' in out and "wrong-Secret-99" not in out + err
