"""Fixtures of the flows tests: one Dovecot per session, a fresh folder and data dir per test."""
from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from tests.flows.dovecot import Dovecot

_PREFECT_HOME = None


def pytest_configure(config):
    # a private Prefect home (its SQLite database and results) for the whole run, before Prefect loads
    import tempfile

    global _PREFECT_HOME
    _PREFECT_HOME = tempfile.mkdtemp(prefix="jospar-prefect-")
    os.environ["PREFECT_HOME"] = _PREFECT_HOME  # hermetic: never the user's own Prefect home
    os.environ.pop("PREFECT_API_URL", None)  # nor the user's server: the fixtures choose
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_TO_API_ENABLED", "false")


@pytest.fixture(scope="session")
def dovecot():
    server = Dovecot(password="s3cr3t-Parol-42x").start()
    yield server
    server.cleanup()


@pytest.fixture
def imap_env(dovecot, tmp_path, monkeypatch) -> dict[str, str]:
    """Settings for a fresh folder on the shared server and a fresh data dir; set in os.environ."""
    folder = f"T{uuid.uuid4().hex[:10]}"
    env = dovecot.env(JOSPAR_IMAP_FOLDER=folder, JOSPAR_DATA_DIR=str(tmp_path / "data"),
                      JOSPAR_RETRY_BACKOFF_SECONDS="0", JOSPAR_IMAP_BATCH="3",
                      JOSPAR_MAX_ATTACHMENT_BYTES=str(400_000))
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    from imap_tools import MailBoxUnencrypted

    with MailBoxUnencrypted(dovecot.host, dovecot.port).login(dovecot.user, dovecot.password, None) as box:
        box.folder.create(folder)
    return env


@pytest.fixture
def append(dovecot, imap_env):
    """append(raw_bytes, folder=None) puts a message into the test's folder."""
    from imap_tools import MailBoxUnencrypted

    def put(raw: bytes, folder: str | None = None) -> None:
        with MailBoxUnencrypted(dovecot.host, dovecot.port).login(dovecot.user, dovecot.password, None) as box:
            box.append(raw, folder or imap_env["JOSPAR_IMAP_FOLDER"])
    return put


@pytest.fixture
def data_dir(imap_env) -> Path:
    return Path(imap_env["JOSPAR_DATA_DIR"])


@pytest.fixture(scope="session")
def prefect_api():
    """One Prefect API server for the session (subprocesses then skip the temporary server's start-up).

    The default no-server mode is covered by test_cli.py, which runs without it."""
    import subprocess
    import sys
    import time
    import urllib.request

    from prefect.settings import PREFECT_API_URL, temporary_settings

    from tests.flows.dovecot import free_port

    port = free_port()
    url = f"http://127.0.0.1:{port}/api"
    env = {**os.environ, "PREFECT_UI_ENABLED": "false", "PREFECT_SERVER_UI_ENABLED": "false",
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    log = open(Path(os.environ["PREFECT_HOME"]) / "server.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                             "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 180
    while True:
        try:
            urllib.request.urlopen(f"{url}/health", timeout=2).read()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError("prefect server did not start")
            time.sleep(0.5)
    with temporary_settings(updates={PREFECT_API_URL: url}):
        yield url
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture
def flows_env(imap_env, prefect_api, monkeypatch) -> dict[str, str]:
    """imap_env plus the session's Prefect API, for subprocesses too."""
    monkeypatch.setenv("PREFECT_API_URL", prefect_api)
    return {**imap_env, "PREFECT_API_URL": prefect_api}


def pytest_unconfigure(config):
    import shutil

    if _PREFECT_HOME:
        shutil.rmtree(_PREFECT_HOME, ignore_errors=True)
