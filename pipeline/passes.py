"""The structure stage as a chain of small named passes over the LayoutDocument, in the manner of
pdfplumber's table finder (edges -> intersections -> cells -> tables): each pass reads what the passes
before it left in the state and adds its own part, so a new layout is a new pass, not a branch in several
modules. Passes are registered by name, like the enrichment components (pipeline/components.py):

    tables        plan tables, by header words or by content; tables continued over pages join them
    flattened     plans flattened into paragraphs, rebuilt into tables
    lists         numbered lists under a plan heading (recommendations, decisions)
    surroundings  each plan's heading, approval block, glossary and signatures
    measures      columns, sections and measures of each plan (tables: head -> row kinds -> measures)
    checks        numbering gaps and duplicates, template placeholders, plans without measures
    regions       every block in exactly one region (preamble, approval, plan, glossary, signatures…)

A pass that raises costs its own part only: the error becomes a document flag and the chain goes on.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Callable

from schemas import Flag, LayoutDocument, Plan

REGISTRY: dict[str, str] = {
    "tables": "pipeline.segment:table_anchors",
    "flattened": "pipeline.segment:flat_anchors",
    "lists": "pipeline.segment:list_anchors",
    "surroundings": "pipeline.segment:surroundings",
    "measures": "pipeline.structure:measures_pass",
    "checks": "pipeline.structure:checks_pass",
    "regions": "pipeline.segment:regions_pass",
}
DEFAULT_PASSES = list(REGISTRY)


@dataclass
class StructureState:
    layout: LayoutDocument
    document_id: str
    anchors: list[Any] = field(default_factory=list)  # pipeline.segment.Anchor, in reading order
    plans: list[Plan] = field(default_factory=list)
    regions: list[Any] = field(default_factory=list)  # pipeline.segment.Region
    flags: list[Flag] = field(default_factory=list)

    def claimed(self) -> set[int]:
        """Blocks a plan found so far covers."""
        return {i for a in self.anchors for i in range(a.first, a.last + 1)}


def register_pass(name: str, target: str, before: str | None = None) -> None:
    """Add a pass ("module:function") to the registry and to the default chain, before another one."""
    REGISTRY[name] = target
    if name in DEFAULT_PASSES:
        DEFAULT_PASSES.remove(name)
    DEFAULT_PASSES.insert(DEFAULT_PASSES.index(before) if before in DEFAULT_PASSES else len(DEFAULT_PASSES), name)


def resolve(name: str) -> Callable[[StructureState], None]:
    module, _, func = REGISTRY[name].partition(":")
    return getattr(importlib.import_module(module), func)


def run_passes(state: StructureState, names: list[str] | None = None) -> StructureState:
    for name in names if names is not None else DEFAULT_PASSES:
        try:
            resolve(name)(state)
        except Exception as exc:  # one failing pass must not lose the document
            state.flags.append(Flag(code="structure_pass_failed", message=f"{type(exc).__name__}: {exc}", where=name))
    return state
