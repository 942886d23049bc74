"""The temporary Prefect API server of `jospar ingest | process | export | serve`, owned by this process.

Prefect starts one itself when no API is configured, but as a plain child: `kill -9` of the command
left it running, re-parented to PID 1. This one is started by us instead, as
`python -m flows.api_server PARENT_PID PORT`, which first asks the kernel to kill it with its parent
(flows/lifeline.py) and then serves Prefect's ephemeral API app with uvicorn, exactly as Prefect's own
temporary server does. A normal exit stops it too. When PREFECT_API_URL (or a Prefect profile) names
a server, that one is reused and nothing is started.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from typing import Iterator

SERVER_ENV = {"PREFECT_UI_ENABLED": "0", "PREFECT_SERVER_UI_ENABLED": "false", "PREFECT__SERVER_EPHEMERAL": "1",
              "PREFECT__SERVER_FINAL": "1", "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(proc: subprocess.Popen, url: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        if proc.poll() is not None:
            raise RuntimeError(f"the temporary Prefect API server exited with status {proc.returncode}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"the temporary Prefect API server did not answer within {timeout:g} s")
        time.sleep(0.2)


def _drain_prefect_clients() -> None:
    """Send the logs and events Prefect still holds before their server goes away."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    for service in (APILogWorker, EventsWorker):
        try:
            service.drain_all(timeout=5)
        except Exception:  # nothing to send, or the service was never started
            pass


def _stop(proc: subprocess.Popen) -> None:
    _drain_prefect_clients()
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextmanager
def prefect_api() -> Iterator[str | None]:
    """Run the body against the configured Prefect API, or a temporary one that dies with us."""
    from flows.settings import prepare_prefect_env

    prepare_prefect_env()
    from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings

    settings = get_current_settings()
    if settings.api.url:
        yield settings.api.url
        return
    port = _free_port()
    url = f"http://127.0.0.1:{port}/api"
    env = {**os.environ, **settings.to_environment_variables(exclude_unset=True), **SERVER_ENV}
    proc = subprocess.Popen([sys.executable, "-m", "flows.api_server", str(os.getpid()), str(port)], env=env)
    previous = os.environ.get("PREFECT_API_URL")
    try:
        _wait_healthy(proc, url, settings.server.ephemeral.startup_timeout_seconds)
        os.environ["PREFECT_API_URL"] = url  # for child processes (Dask workers) too
        with temporary_settings(updates={PREFECT_API_URL: url}):
            yield url
    finally:
        if previous is None:
            os.environ.pop("PREFECT_API_URL", None)
        else:
            os.environ["PREFECT_API_URL"] = previous
        _stop(proc)


def main(argv: list[str]) -> int:
    from flows.lifeline import die_with_parent

    die_with_parent(int(argv[1]))
    os.environ.update(SERVER_ENV)
    import uvicorn

    uvicorn.run("prefect.server.api.server:create_app", factory=True, host="127.0.0.1", port=int(argv[2]),
                log_level="error", lifespan="on")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
