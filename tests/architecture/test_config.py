"""`jospar extract --config` really chooses and configures the components (issue 9)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from pipeline.config import PipelineConfig, load_config
from pipeline.extract import extract_path
from pipeline.fingerprint import PIPELINE_VERSION

ROOT = Path(__file__).resolve().parents[2]
LETTER_AND_PLAN = ROOT / "data" / "samples" / "000_8c8bd9275c0215dc.txt"
JOSPAR = [sys.executable, "-m", "cli"]


def run_extract(*args: str) -> list[dict]:
    proc = subprocess.run([*JOSPAR, "extract", str(LETTER_AND_PLAN), "--json", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines()]


def bodies(doc: dict) -> int:
    return sum(len(m["responsible"]) for plan in doc["plans"] for m in plan["measures"])


def test_the_command_line_runs_only_the_configured_components(tmp_path):
    config = tmp_path / "no-bodies.toml"
    config.write_text('components = ["language", "letters", "deadlines"]\n[settings.letters]\nentities = false\n',
                      encoding="utf-8")
    default, = run_extract()
    chosen, = run_extract("--config", str(config))
    assert bodies(default) > 10 and bodies(chosen) == 0
    assert default["letters"][0]["mentions"] and not chosen["letters"][0]["mentions"]
    assert any(m["deadlines"] for plan in chosen["plans"] for m in plan["measures"])  # deadlines still ran
    assert default["pipeline_version"] == PIPELINE_VERSION != chosen["pipeline_version"]


def test_json_config_and_per_component_settings():
    config = PipelineConfig.model_validate({"settings": {"letters": {"entities": False}}})
    doc = extract_path(LETTER_AND_PLAN, config)
    assert doc.letters and not doc.letters[0].mentions and doc.pipeline_version.startswith(PIPELINE_VERSION + "+cfg")
    assert extract_path(LETTER_AND_PLAN).letters[0].mentions  # the default runs spaCy over the letter


def test_unknown_components_are_refused(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"components": ["language", "no_such_component"]}', encoding="utf-8")
    with pytest.raises(ValidationError, match="unknown components"):
        load_config(path)
    proc = subprocess.run([*JOSPAR, "extract", str(LETTER_AND_PLAN), "--config", str(path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode != 0 and "no_such_component" in proc.stderr
