"""Settings from the environment, the password kept secret, schedules, prefect.yaml, lazy Prefect."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from flows.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def test_settings_from_environment(monkeypatch, tmp_path):
    env = {"JOSPAR_DATA_DIR": str(tmp_path), "JOSPAR_IMAP_HOST": "imap.example.kz", "JOSPAR_IMAP_SSL": "false",
           "JOSPAR_IMAP_USER": "letters", "JOSPAR_IMAP_PASSWORD": "hunter2-secret", "JOSPAR_IMAP_FOLDER": "Хаттар",
           "JOSPAR_IMAP_DONE_FOLDER": "Done", "JOSPAR_IMAP_BATCH": "25", "JOSPAR_MAX_ATTACHMENT_BYTES": "1000",
           "JOSPAR_DASK_ADDRESS": "tcp://10.0.0.5:8786", "JOSPAR_INGEST_CRON": "*/5 * * * *"}
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    settings = Settings()
    assert (settings.imap_host, settings.port, settings.imap_folder, settings.imap_batch) == \
        ("imap.example.kz", 143, "Хаттар", 25)
    assert settings.raw_dir == tmp_path / "raw" and settings.store_path == tmp_path / "jospar.duckdb"
    assert settings.password() == "hunter2-secret"
    for text in (repr(settings), str(settings), settings.model_dump_json(), str(settings.model_dump())):
        assert "hunter2-secret" not in text
    monkeypatch.setenv("JOSPAR_IMAP_SSL", "true")
    monkeypatch.delenv("JOSPAR_IMAP_PASSWORD")
    defaults = Settings()
    assert defaults.port == 993 and not defaults.imap_password
    with pytest.raises(ValueError, match="JOSPAR_IMAP_PASSWORD"):
        defaults.password()


def test_password_from_a_prefect_secret_block(prefect_api, monkeypatch):
    from prefect.blocks.system import Secret

    Secret(value="from-the-block-42").save("jospar-imap-test", overwrite=True)
    monkeypatch.delenv("JOSPAR_IMAP_PASSWORD", raising=False)
    monkeypatch.setenv("JOSPAR_IMAP_PASSWORD_BLOCK", "jospar-imap-test")
    settings = Settings()
    assert settings.password() == "from-the-block-42" and "from-the-block-42" not in repr(settings)


def test_serve_schedules_follow_settings(prefect_api, monkeypatch):
    from flows.serve import build_deployments

    monkeypatch.setenv("JOSPAR_EXPORT_CRON", "30 3 * * *")
    monkeypatch.setenv("JOSPAR_PROCESS_CRON", "*/30 * * * *")
    deployments = {d.name: d for d in build_deployments(Settings())}
    assert set(deployments) == {"jospar-cycle", "jospar-export", "jospar-process", "jospar-verify"}
    crons = {name: d.schedules[0].schedule.cron for name, d in deployments.items()}
    assert crons == {"jospar-cycle": "*/10 * * * *", "jospar-export": "30 3 * * *", "jospar-process": "*/30 * * * *",
                     "jospar-verify": "30 3 * * *"}
    monkeypatch.delenv("JOSPAR_PROCESS_CRON")
    monkeypatch.setenv("JOSPAR_VERIFY_CRON", "")
    assert {d.name for d in build_deployments(Settings())} == {"jospar-cycle", "jospar-export"}


def test_prefect_yaml_matches_the_flows():
    import importlib

    from prefect import Flow

    spec = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    by_name = {d["name"]: d for d in spec["deployments"]}
    defaults = Settings()
    assert by_name["jospar-cycle"]["schedules"][0]["cron"] == defaults.ingest_cron
    assert by_name["jospar-export"]["schedules"][0]["cron"] == defaults.export_cron
    assert by_name["jospar-verify"]["schedules"][0]["cron"] == defaults.verify_cron
    for deployment in spec["deployments"]:
        path, _, name = deployment["entrypoint"].partition(":")
        module = importlib.import_module(path.removesuffix(".py").replace("/", "."))
        assert isinstance(getattr(module, name), Flow)
        assert deployment["work_pool"]["name"] == "jospar-pool"


def test_plain_command_line_does_not_import_prefect():
    code = ("import sys; from cli import build_parser; build_parser().parse_args(['extract', 'x']);"
            " import flows.cli; print('prefect' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.slow
def test_jospar_serve_registers_scheduled_deployments(flows_env, jospar_bin):
    import os
    import time

    from prefect.client.orchestration import get_client

    env = {**os.environ, **flows_env, "JOSPAR_EXPORT_CRON": "15 1 * * *"}
    proc = subprocess.Popen([jospar_bin, "serve"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 180
        found: dict = {}
        while time.monotonic() < deadline and len(found) < 2:
            assert proc.poll() is None, proc.stdout.read().decode()[-3000:]
            with get_client(sync_client=True) as client:
                found = {d.name: d for d in client.read_deployments() if d.name in ("jospar-cycle", "jospar-export")}
            time.sleep(1)
        crons = {name: d.schedules[0].schedule.cron for name, d in found.items()}
        assert crons == {"jospar-cycle": "*/10 * * * *", "jospar-export": "15 1 * * *"}
    finally:
        proc.terminate()
        output = proc.communicate(timeout=60)[0].decode()
    assert flows_env["JOSPAR_IMAP_PASSWORD"] not in output


def test_pipeline_config_follows_the_environment_and_the_file(monkeypatch, tmp_path):
    """The flows' pipeline config is kept between documents, but a changed JOSPAR_PIPELINE_CONFIG, or a
    changed file behind it, is read again."""
    import os

    from flows.settings import pipeline_config
    from pipeline.config import PipelineConfig

    monkeypatch.delenv("JOSPAR_PIPELINE_CONFIG", raising=False)
    assert pipeline_config() == PipelineConfig() and pipeline_config() is pipeline_config()
    default = PipelineConfig().components
    config = tmp_path / "pipeline.json"
    config.write_text('{"components": %s}' % str(default[:-1]).replace("'", '"'))
    monkeypatch.setenv("JOSPAR_PIPELINE_CONFIG", str(config))
    assert pipeline_config().components == default[:-1]
    config.write_text('{"components": %s}' % str(default).replace("'", '"'))
    os.utime(config, ns=(1, 1))  # another stamp even within the file system's time resolution
    assert pipeline_config().components == default
    monkeypatch.delenv("JOSPAR_PIPELINE_CONFIG")
    assert pipeline_config() == PipelineConfig()
