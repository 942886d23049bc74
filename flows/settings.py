"""Settings of the flows, read from `JOSPAR_*` environment variables (see flows/README.md).

The IMAP password is a `SecretStr`: its repr and str are masked, so it never reaches logs, reprs or
outputs. It may instead live in a Prefect Secret block named by `JOSPAR_IMAP_PASSWORD_BLOCK`.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Limits(BaseSettings):
    """What one document may cost, enforced in a worker process (flows/sandbox.py) by `jospar extract`
    and `jospar process` alike. 0 switches a limit off."""

    model_config = SettingsConfigDict(env_prefix="JOSPAR_", extra="ignore")

    # wall-clock seconds per document: the 50 pages OCR reads at most take 100-300 s on two busy cores
    doc_time_limit: float = Field(600.0, ge=0)
    doc_memory_limit_mb: int = Field(2048, ge=0)  # resident memory of the worker while it reads one document


def limits_of(settings: Limits) -> Limits:
    """Only the limits (a Settings object carries the IMAP password, which has no business elsewhere)."""
    return Limits.model_validate(settings.model_dump(include=set(Limits.model_fields)))


class Settings(Limits):
    model_config = SettingsConfigDict(env_prefix="JOSPAR_", extra="ignore")

    data_dir: Path = Path("./jospar-data")

    imap_host: Optional[str] = None
    imap_port: Optional[int] = None  # default: 993 with TLS, 143 without
    imap_ssl: bool = True
    imap_user: Optional[str] = None
    imap_password: Optional[SecretStr] = None
    imap_password_block: Optional[str] = None
    imap_folder: str = "INBOX"
    imap_done_folder: Optional[str] = None  # move stored messages here; else mark them
    imap_mark: str = "$JosparStored"  # flag or keyword set on stored messages, e.g. \Seen
    imap_batch: int = Field(50, ge=1)  # messages per FETCH and per Prefect task
    imap_timeout: float = 60.0
    max_attachment_bytes: int = 50 * 1024 * 1024
    ingest_pause: float = 0.0  # seconds between messages (throttling; tests crash ingest mid-run with it)

    inbox_dir: Optional[Path] = None  # folder source: files dropped here are ingested
    inbox_settle_seconds: float = 5.0  # skip files modified more recently (still being written)

    retry_backoff_seconds: float = 300.0  # first retry delay of a failed message/document, doubled each time
    max_attempts: int = 5  # failures before a document is quarantined
    lease_seconds: float = Field(600.0, gt=0)  # a process run's claim on a document, renewed while it works

    process_batch: int = 200  # documents per process round (parts written, then consolidated)
    process_chunk: int = Field(10, ge=1)  # documents per Prefect task (1 = a task per document)
    # threads of the local task runner; each drives its own extraction worker process (flows/sandbox.py),
    # so N threads keep N cores busy; by default the cores, at most 4 (each worker may use up to
    # doc_memory_limit_mb while it reads one document)
    process_workers: int = Field(default_factory=lambda: min(os.cpu_count() or 1, 4), ge=1)
    dask_address: Optional[str] = None  # tcp://host:8786 runs processing on that Dask cluster

    ingest_cron: str = "*/10 * * * *"
    process_cron: Optional[str] = None  # default: processing runs right after each ingest
    export_cron: str = "0 2 * * *"
    verify_cron: Optional[str] = "30 3 * * *"  # re-hash the raw store (jospar verify); empty = never
    export_dir: Optional[Path] = None  # default: <data_dir>/export
    timezone: str = "Asia/Almaty"
    pipeline_config: Optional[Path] = None  # components and their settings (TOML/JSON; pipeline/config.py)

    # derived locations -------------------------------------------------------------------------
    @property
    def raw_dir(self) -> Path:
        return self.data_dir / "raw"

    @property
    def ledger_path(self) -> Path:
        return self.data_dir / "ledger.sqlite"

    @property
    def store_path(self) -> Path:
        return self.data_dir / "jospar.duckdb"

    @property
    def parts_dir(self) -> Path:
        return self.data_dir / "parts"

    @property
    def quarantine_dir(self) -> Path:
        return self.data_dir / "quarantine"

    @property
    def export_out(self) -> Path:
        return self.export_dir or self.data_dir / "export"

    @property
    def port(self) -> int:
        return self.imap_port or (993 if self.imap_ssl else 143)

    def imap_configured(self) -> bool:
        return bool(self.imap_host and self.imap_user)

    def password(self) -> str:
        """The clear password, only for the LOGIN command; from the env var or a Prefect Secret block."""
        if self.imap_password is not None:
            return self.imap_password.get_secret_value()
        if self.imap_password_block:
            from prefect.blocks.system import Secret

            return str(Secret.load(self.imap_password_block).get())
        raise ValueError("set JOSPAR_IMAP_PASSWORD or JOSPAR_IMAP_PASSWORD_BLOCK")


def load_settings(**overrides) -> Settings:
    return Settings(**overrides)


_configs: dict[tuple, tuple] = {}  # JOSPAR_* environment -> (config file's stamp, config)


def pipeline_config():
    """The pipeline the flows run: JOSPAR_PIPELINE_CONFIG's components, or the default pipeline.

    Kept per JOSPAR_* environment and config file stamp: the flows ask once a document, and reading
    the settings costs ~1 ms (pydantic-settings walks every field)."""
    from pipeline.config import load_config

    env = tuple(sorted((k.upper(), v) for k, v in os.environ.items() if k.upper().startswith("JOSPAR_")))
    path = load_settings().pipeline_config if env not in _configs else _configs[env][0][0]
    stamp = (path, _stamp(path))
    kept = _configs.get(env)
    if kept is None or kept[0] != stamp:
        kept = _configs[env] = (stamp, load_config(path))
    return kept[1]


def _stamp(path) -> tuple | None:
    try:
        info = os.stat(path) if path else None
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size) if info else None


def prepare_prefect_env() -> None:
    """Defaults for running Prefect with no server: no analytics, a temporary local API.

    Call before importing prefect. Users' own PREFECT_* settings win (setdefault)."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_SERVER_ALLOW_EPHEMERAL_MODE", "true")
    # the temporary API server may start slowly on a busy machine (the default wait is 20 s)
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
