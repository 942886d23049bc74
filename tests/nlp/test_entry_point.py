"""spaCy finds the `kk` language through the package's entry point, in a fresh interpreter."""
from __future__ import annotations

import subprocess
import sys


def test_blank_kk_without_importing_jospar():
    code = "import spacy; nlp = spacy.blank('kk'); print(type(nlp).__name__, len(nlp('ҚР ОАМ т.б.')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True).stdout
    assert out.split() == ["Kazakh", "3"]
