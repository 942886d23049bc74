"""A registry of enrichment components, configured by name (in the manner of spaCy's factories).

A component is a pure function `(doc: Document, ctx: Context) -> Document` that fills in more of the
record: normalised deadlines, responsible bodies, letter requisites, lineage. The extraction stage
runs the configured list in order; a component that raises is recorded as a flag, never a crash.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Callable

from schemas import Document, Flag, LayoutDocument

# name -> "module:function"; imported lazily so the command line only pays for what it runs
REGISTRY: dict[str, str] = {
    "language": "pipeline.language:component",
    "letters": "pipeline.letters.component:apply",
    "deadlines": "pipeline.deadlines.component:apply",
    "responsible": "pipeline.bodies.component:apply",
    "lineage": "pipeline.lineage:apply",
}
DEFAULT_COMPONENTS = ["language", "letters", "deadlines", "responsible", "lineage"]


@dataclass
class Context:
    """What components may read besides the Document: the layout and the segmentation."""

    layout: LayoutDocument | None = None
    regions: list[Any] = field(default_factory=list)  # pipeline.segment.Region
    config: dict[str, Any] = field(default_factory=dict)  # the running component's own settings
    settings: dict[str, dict[str, Any]] = field(default_factory=dict)  # every component's, by name


def register(name: str, target: str) -> None:
    REGISTRY[name] = target


def resolve(name: str) -> Callable[[Document, Context], Document]:
    module, _, func = REGISTRY[name].partition(":")
    return getattr(importlib.import_module(module), func)


def run_components(doc: Document, ctx: Context, names: list[str] | None = None) -> Document:
    for name in names if names is not None else DEFAULT_COMPONENTS:
        ctx.config = ctx.settings.get(name, {})
        try:
            doc = resolve(name)(doc, ctx)
        except Exception as exc:  # one failing component must not lose the document
            doc.flags.append(Flag(code="component_failed", message=f"{type(exc).__name__}: {exc}", where=name))
    return doc
