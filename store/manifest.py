"""manifest.json of an export: what was published, how many rows each file holds, and its sha256.

A consumer checks a download against it (`verify_manifest`), and a dashboard can tell which pipeline
version produced the tables.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from importlib import metadata
from pathlib import Path
from typing import Any

MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = 1


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def current_pipeline_version() -> str:
    """The extraction code's version (pipeline.fingerprint.PIPELINE_VERSION), else the installed package's."""
    try:
        from pipeline.fingerprint import PIPELINE_VERSION
        return str(PIPELINE_VERSION)
    except Exception:  # extraction code missing or broken: an export must still be possible
        try:
            return metadata.version("jospar")
        except metadata.PackageNotFoundError:
            return "unknown"


def file_entry(root: Path, path: Path, table: str, partition: str | None, rows: int) -> dict[str, Any]:
    return {
        "path": path.relative_to(root).as_posix(), "table": table, "partition": partition,
        "format": path.suffix.lstrip("."), "rows": rows, "bytes": path.stat().st_size,
        "sha256": sha256_file(path),
    }


def build_manifest(files: list[dict[str, Any]], partition_by: str | None,
                   document_versions: list[str]) -> dict[str, Any]:
    tables: dict[str, int] = {}
    for entry in files:
        if entry["format"] == "parquet":  # CSV and Parquet hold the same rows: count once
            tables[entry["table"]] = tables.get(entry["table"], 0) + entry["rows"]
    return {
        "format": MANIFEST_FORMAT,
        "created_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "pipeline_version": current_pipeline_version(),
        "document_pipeline_versions": sorted(document_versions),
        "partition_by": partition_by,
        "tables": tables,
        "files": files,
    }


def write_manifest(root: Path, manifest: dict[str, Any]) -> Path:
    path = root / MANIFEST_NAME
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def read_manifest(root: Path) -> dict[str, Any]:
    return json.loads((Path(root) / MANIFEST_NAME).read_text(encoding="utf-8"))


def verify_manifest(root: Path) -> list[str]:
    """Problems found (missing file, size or checksum mismatch, unlisted file); empty when all is well."""
    root = Path(root)
    manifest = read_manifest(root)
    problems = []
    listed = set()
    for entry in manifest["files"]:
        path = root / entry["path"]
        listed.add(path)
        if not path.is_file():
            problems.append(f"missing: {entry['path']}")
        elif path.stat().st_size != entry["bytes"] or sha256_file(path) != entry["sha256"]:
            problems.append(f"checksum mismatch: {entry['path']}")
    unlisted = [p for p in root.rglob("*") if p.is_file() and p not in listed and p.name != MANIFEST_NAME]
    problems += [f"not in manifest: {p.relative_to(root).as_posix()}" for p in sorted(unlisted)]
    return problems
