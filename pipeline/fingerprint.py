"""The pipeline's fingerprint: a hash of the extraction code and the data files it reads.

Every Document carries it (`pipeline_version`); Prefect's cache key and the ledger's "processed with an older
pipeline" test use it, so changing any line of the readers, the language knowledge, the interpretation or a
lexicon/gazetteer file reprocesses the stored documents on the next run — without anyone remembering to bump
a version. Computed once at import (~100 small files, a few milliseconds).
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from pipeline import __version__

ROOT = Path(__file__).resolve().parents[1]
# what extraction depends on: the record model, language knowledge, readers, interpretation…
CODE_PACKAGES = ("schemas", "lang", "extractors", "pipeline")
# …and the data files they read (data/samples and the documentation are not read by the pipeline)
DATA_DIRS = ("data",)
DATA_SKIP = ("samples", "make_samples.py")
SKIP_SUFFIXES = (".pyc", ".md")


def _files(root: Path) -> list[Path]:
    found = []
    for package in CODE_PACKAGES:
        found += [p for p in (root / package).rglob("*") if p.is_file() and "__pycache__" not in p.parts
                  and p.suffix not in (".pyc",)]
    for folder in DATA_DIRS:
        found += [p for p in (root / folder).rglob("*") if p.is_file() and p.suffix not in SKIP_SUFFIXES
                  and not set(p.relative_to(root / folder).parts) & set(DATA_SKIP)]
    return sorted(found)


def fingerprint(root: Path = ROOT) -> str:
    """`<package version>+<12 hex digits>` over the relative paths and bytes of every file that shapes extraction."""
    digest = hashlib.sha256()
    for path in _files(root):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return f"{__version__}+{digest.hexdigest()[:12]}"


PIPELINE_VERSION = fingerprint()
