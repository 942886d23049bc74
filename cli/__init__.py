"""The `jospar` command line. Each subcommand lives in its own module with a `register(subparsers)`;
heavy imports (Prefect, spaCy) happen inside handlers so `jospar extract` starts fast."""
from __future__ import annotations

import argparse
import importlib

SUBCOMMAND_MODULES = [
    "cli.extract",
    "cli.schema",
    "cli.normalize",
    "cli.diff",
    "flows.cli",
    "webapp.cli",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jospar", description="Plans of measures from education letters.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in SUBCOMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if not name.startswith(exc.name or "\0"):  # a real missing dependency, not an absent subcommand module
                raise
            continue
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    code = args.handler(args)
    return int(code or 0)

