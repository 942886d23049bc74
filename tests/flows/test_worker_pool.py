"""Extraction workers are kept for the life of the process (flows.sandbox.borrowed): a worker lent to
one thread serves the next borrower on another, even after the first thread ended (the kernel kills a
worker with the thread that started it, so workers are started from one launcher thread); a chunk
writes its parts on a second thread, and they are all there when the chunk returns."""
from __future__ import annotations

import threading
import time

from flows.sandbox import borrowed
from flows.settings import Limits

LETTERS = {"kk": ("hat_kk.txt", "Білім бөлімінің хаты. Іс-шаралар жоспары қоса беріледі.\n"),
           "ru": ("letter_ru.txt", "Письмо отдела образования. План мероприятий прилагается.\n")}


def _read(lang: str, pids: list[int]) -> None:
    name, text = LETTERS[lang]
    with borrowed(Limits()) as box:
        doc = box.extract(text.encode(), name)
        assert doc.document_id
        pids.append(box._proc.pid)


def test_a_worker_outlives_the_thread_that_borrowed_it_first():
    pids: list[int] = []
    first = threading.Thread(target=_read, args=("kk", pids))
    first.start()
    first.join()
    time.sleep(0.5)  # a worker started by that thread would be dead by now (PR_SET_PDEATHSIG)
    _read("ru", pids)
    assert len(pids) == 2 and pids[0] == pids[1]


def test_concurrent_borrowers_get_their_own_workers():
    pids: list[int] = []
    gate = threading.Barrier(2)

    def hold(lang: str) -> None:
        name, text = LETTERS[lang]
        with borrowed(Limits()) as box:
            box.extract(text.encode(), name)
            pids.append(box._proc.pid)
            gate.wait(timeout=60)  # both hold a worker at once

    threads = [threading.Thread(target=hold, args=(lang,)) for lang in LETTERS]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(pids)) == 2


def test_a_workers_start_is_not_its_first_documents_time(tmp_path, monkeypatch):
    """A new worker's imports (made slow here: no bytecode cache, every module compiled) took the first
    document's time limit; the clock starts when the worker says it is ready."""
    from flows.sandbox import Sandbox

    monkeypatch.setenv("PYTHONPYCACHEPREFIX", str(tmp_path / "no-bytecode-yet"))
    with Sandbox(Limits(doc_time_limit=0.5)) as box:
        started = time.monotonic()
        doc = box.extract("Құрметті әріптестер!\nХат мәтіні.\n".encode(), "note.txt")
        assert time.monotonic() - started > 0.5  # the start alone was over the limit ...
    assert "time_limit" not in [f.code for f in doc.flags]  # ... and the document was read all the same
