"""Bytes -> Document: read the layout, find the plans, run the configured components.

Never raises: whatever fails becomes a flag on the Document, so one bad attachment cannot stop a batch.
"""
from __future__ import annotations

import gc
import hashlib
from pathlib import Path

from extractors.read import read_bytes
from schemas.flags import UNREADABLE_CODES
from pipeline.components import Context, run_components
from pipeline.config import PipelineConfig
from pipeline.structure import build_structure
from schemas import Document, Flag, Source

MAX_BYTES = 200 * 1024 * 1024  # larger attachments are refused with a flag, not read
DEFAULT_CONFIG = PipelineConfig()


def extract_bytes(data: bytes, path: str, config: PipelineConfig | None = None) -> Document:
    config = config or DEFAULT_CONFIG
    doc_id = hashlib.sha256(data).hexdigest()
    doc = Document(document_id=doc_id, source=Source(path=str(path), media_type="application/octet-stream", size=len(data)),
                   pipeline_version=config.version())
    if len(data) > MAX_BYTES:
        doc.flags.append(Flag(code="too_large", message=f"{len(data)} bytes is over the {MAX_BYTES} byte limit"))
        return doc
    try:
        layout = read_bytes(data, str(path))
        doc.source.media_type = layout.media_type
        doc.n_pages = layout.n_pages
        doc.flags.extend(layout.flags)
        doc.plans, regions, failed = build_structure(layout, doc_id)
        doc.flags.extend(failed)
        doc = run_components(doc, Context(layout=layout, regions=regions, settings=config.settings), config.components)
    except Exception as exc:  # a bug must cost one document, not the batch
        doc.flags.append(Flag(code="extract_failed", message=f"{type(exc).__name__}: {exc}"))
    if not doc.plans and not any(f.code in UNREADABLE_CODES for f in doc.flags):
        doc.flags.append(Flag(code="no_plan", message="no plan of measures was found in the document"))
    return doc


def warm_up(languages: tuple[str, ...] = ("kk", "ru")) -> None:
    """For a process that will read many documents: build the spaCy pipelines of `languages` now (else
    the first letter in each language pays ~0.25 s), then move every object alive into the collector's
    permanent generation. Libraries, schemas and lexicons are hundreds of thousands of objects that
    live as long as the process; left in the collected generations, every full collection walks them
    again (~10 % of a DOCX's time)."""
    from pipeline.letters.entities import load_pipelines

    load_pipelines(languages)
    gc.freeze()


def extract_path(path: str | Path, config: PipelineConfig | None = None) -> Document:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        return Document(document_id=hashlib.sha256(str(p).encode()).hexdigest(),
                        source=Source(path=str(p), media_type="application/octet-stream"),
                        pipeline_version=(config or DEFAULT_CONFIG).version(),
                        flags=[Flag(code="unreadable", message=f"cannot read the file: {exc}")])
    return extract_bytes(data, str(p), config)
