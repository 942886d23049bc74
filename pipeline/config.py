"""What the pipeline runs, and how: the component list and each component's settings, from a file.

    jospar extract letters/ --config jospar.toml        (JOSPAR_PIPELINE_CONFIG for the flows)

    components = ["language", "letters", "deadlines", "responsible", "lineage"]
    [settings.letters]
    entities = false        # skip the spaCy pass over cover letters (bodies and dates they mention)

The default is the full pipeline. A config changes what is extracted, so its digest joins the code's
fingerprint in `version()`: documents processed under another config are processed again.
"""
from __future__ import annotations

import hashlib
import json
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from pipeline.components import DEFAULT_COMPONENTS, REGISTRY
from pipeline.fingerprint import PIPELINE_VERSION


class PipelineConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    components: list[str] = Field(default_factory=lambda: list(DEFAULT_COMPONENTS))
    """Registered components to run, in order (pipeline/components.py)."""
    settings: dict[str, dict[str, Any]] = Field(default_factory=dict)
    """Per-component settings, by component name; each component documents its own."""

    @field_validator("components")
    @classmethod
    def _known(cls, names: list[str]) -> list[str]:
        unknown = [n for n in names if n not in REGISTRY]
        if unknown:
            raise ValueError(f"unknown components {unknown}; registered: {sorted(REGISTRY)}")
        return names

    def version(self) -> str:
        """The code's fingerprint, plus the config's digest when it is not the default."""
        if self == PipelineConfig():
            return PIPELINE_VERSION
        digest = hashlib.sha256(self.model_dump_json().encode()).hexdigest()[:8]
        return f"{PIPELINE_VERSION}+cfg{digest}"


def load_config(path: str | Path | None) -> PipelineConfig:
    """A TOML or JSON config file; None gives the default pipeline."""
    if path is None:
        return PipelineConfig()
    text = Path(path).read_text(encoding="utf-8")
    data = json.loads(text) if str(path).endswith(".json") else tomllib.loads(text)
    return PipelineConfig.model_validate(data)
