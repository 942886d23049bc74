"""Tesseract inside the process (tesserocr, built from source against Debian's libtesseract): the
same library the `tesseract` command runs, without a process start per run.

Why: a scanned page took 3-4 `tesseract` runs (cells of one line, cells of several lines, short
cells again, the text outside the grid), each starting a process that loads the kaz+rus models
and decodes a PNG it was piped. Here an engine per language set is loaded once and lent to one
thread at a time (a TessBaseAPI is not thread-safe; recognition releases the GIL, so threads read
pages in parallel as the subprocesses did), and images go in as raw pixels. The TSV is the
command's own (TessBaseAPI::GetTSVText under the command's header): same words, boxes, confidences.

Safety: each run has the page's time limit (Tesseract's own deadline, checked as it recognises
words; a run that overstays raises OcrError as the command's timeout did); past that, the sandbox
worker that reads a document is killed at the document's limit, Tesseract with it (and a crash of
Tesseract, given only pixels that pypdfium2 or Pillow decoded, costs that worker's document where the
command's crash cost a page). OpenMP is held to one thread (OMP_THREAD_LIMIT, read by libgomp
once, when libtesseract loads): should libgomp be in the process already without that limit, the
command is used instead.

Used only when tesserocr is installed (`make venv` builds it; a wheel from PyPI bundles another
Tesseract and is refused: its version must be Debian's, that of the command) and
JOSPAR_TESSERACT is not "command". The command stays the reference and the fallback.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from contextlib import contextmanager
from functools import lru_cache
from typing import Iterator

import numpy as np

TSV_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"

_lock = threading.Lock()
_idle: dict[str, list] = {}  # languages -> engines not lent now


class EngineError(Exception):
    """A run failed or overstayed its time (the caller turns it into OcrError)."""


@lru_cache(maxsize=1)
def _module():
    """tesserocr when it may be used here, else None (decided once per process)."""
    if os.environ.get("JOSPAR_TESSERACT", "").strip().lower() == "command":
        return None
    if not _gomp_limited():
        return None
    try:
        import tesserocr
    except ImportError:
        return None
    if _version(tesserocr.tesseract_version()) != command_version():
        return None  # a wheel bundling another Tesseract: not the one every figure was measured with
    return tesserocr


def _gomp_limited() -> bool:
    """OMP_THREAD_LIMIT is 1 for libgomp: set now when libgomp is not loaded yet (on 2 cores
    Tesseract's OpenMP threads made a page ~5x slower: extractors.ocr.TESSERACT_ENV)."""
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
            loaded = "libgomp" in maps.read()
    except OSError:
        loaded = True  # cannot tell: only a limit already set will do
    if not loaded:
        os.environ["OMP_THREAD_LIMIT"] = "1"
    return os.environ.get("OMP_THREAD_LIMIT") == "1"


def _version(text: str) -> str:
    words = text.split()
    return words[1] if len(words) > 1 else ""


@lru_cache(maxsize=1)
def command_version() -> str:
    binary = shutil.which("tesseract")
    if binary is None:
        return ""
    try:
        out = subprocess.run([binary, "--version"], capture_output=True, timeout=30, text=True)
    except (OSError, subprocess.SubprocessError):
        return ""
    return _version(out.stdout or out.stderr)


def available() -> bool:
    return _module() is not None


@contextmanager
def engine(langs: str) -> Iterator:
    """An engine for `langs`, this thread's alone until the block ends (made on first need, then kept)."""
    tesserocr = _module()
    with _lock:
        free = _idle.setdefault(langs, [])
        api = free.pop() if free else None
    if api is None:
        try:
            api = tesserocr.PyTessBaseAPI(lang=langs)
        except RuntimeError as exc:
            raise EngineError(f"Tesseract could not load {langs!r}: {exc}") from None
    try:
        yield api
    finally:
        api.Clear()  # the image and results go; the models stay
        with _lock:
            _idle[langs].append(api)


def tsv(images: list[np.ndarray], langs: str, *, dpi: int, psm: int, timeout: float) -> str:
    """The command's TSV for `images` (8-bit grayscale) read as the pages of one run (page_num 1..n),
    all within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    rows = [TSV_HEADER]
    with engine(langs) as api:
        api.SetPageSegMode(psm)
        api.SetVariable("user_defined_dpi", str(dpi))  # what the command's --dpi sets
        for k, image in enumerate(images):
            rows.append(_one(api, image, k, deadline, timeout))
    return "".join(rows)


def _one(api, image: np.ndarray, k: int, deadline: float, timeout: float) -> str:
    left = deadline - time.monotonic()
    if left <= 0:
        raise EngineError(f"tesseract took longer than {timeout:g} s")
    pixels = np.ascontiguousarray(image, dtype=np.uint8)
    height, width = pixels.shape[:2]
    api.SetImageBytes(pixels.tobytes(), width, height, 1, width)
    done = api.Recognize(max(1, int(left * 1000)))
    if time.monotonic() > deadline:
        raise EngineError(f"tesseract took longer than {timeout:g} s")
    if not done:
        raise EngineError("tesseract could not read the image")
    return api.GetTSVText(k)

