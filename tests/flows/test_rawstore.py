"""The content-addressed raw store and file-name sanitising."""
from __future__ import annotations

import hashlib

import pytest

from flows.rawstore import RawStore, sanitize_filename


def test_put_stores_exact_bytes_once_per_content(tmp_path):
    store = RawStore(tmp_path / "raw")
    data = b"%PDF-1.4 exact \x00\xff bytes"
    sha, path, new = store.put(data)
    assert sha == hashlib.sha256(data).hexdigest()
    assert path == tmp_path / "raw" / sha[:2] / sha and path.read_bytes() == data and new
    assert store.put(data) == (sha, path, False)
    assert [p for p in (tmp_path / "raw").rglob("*") if p.is_file()] == [path]  # no temp files left


def test_verify_detects_corruption(tmp_path):
    store = RawStore(tmp_path)
    sha, path, _ = store.put(b"original")
    assert store.verify(sha)
    path.write_bytes(b"tampered")
    assert not store.verify(sha)


@pytest.mark.parametrize("name, expected", [
    ("../../etc/passwd", "passwd"),
    ("..\\..\\windows\\win.ini", "win.ini"),
    ("/absolute/path/Жоспар.docx", "Жоспар.docx"),
    ("..", "attachment"),
    ("", "attachment"),
    (None, "attachment"),
    ("a\x00b\nc.pdf", "a_b_c.pdf"),
    ("Бұйрық.pdf", "Бұйрық.pdf"),
])
def test_sanitize_filename_never_escapes(name, expected):
    assert sanitize_filename(name) == expected


def test_sanitize_keeps_extension_of_long_names():
    long = "х" * 500 + ".docx"
    clean = sanitize_filename(long)
    assert len(clean) <= 200 and clean.endswith(".docx")


def test_path_for_rejects_non_digests(tmp_path):
    with pytest.raises(ValueError):
        RawStore(tmp_path).path_for("../../etc/passwd")


def test_put_repairs_a_copy_gone_bad_of_the_same_size(tmp_path):
    """Finding 10: put() skipped any existing file of the same size, so a re-delivery never repaired it."""
    store = RawStore(tmp_path)
    sha, path, _ = store.put(b"original bytes")
    path.write_bytes(b"originaX bytes")  # same size, other bytes
    assert store.put(b"original bytes") == (sha, path, True)
    assert path.read_bytes() == b"original bytes" and store.verify(sha)
    path.unlink()  # moved to quarantine, say
    assert store.put(b"original bytes")[2] and store.good(sha)
