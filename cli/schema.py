"""`jospar schema`: the record model as JSON Schema, the data dictionary, or the flag codes.

All three are generated from schemas/ (records, flags) so that documentation cannot drift from the code.
"""
from __future__ import annotations

import json


def register(sub) -> None:
    s = sub.add_parser("schema", help="print the JSON Schema of the Document record (or the data dictionary)")
    what = s.add_mutually_exclusive_group()
    what.add_argument("--dictionary", action="store_true", help="print data/DATA_DICTIONARY.md (Markdown)")
    what.add_argument("--flags", action="store_true", help="print the flag codes as a Markdown table")
    s.set_defaults(handler=_schema)


def flags_markdown() -> str:
    from schemas.flags import FLAGS

    lines = ["| code | severity | stage | meaning | `where` names |", "|---|---|---|---|---|"]
    lines += [f"| `{f.code}` | {f.severity} | {f.stage} | {f.meaning} | {f.where} |" for f in FLAGS.values()]
    return "\n".join(lines) + "\n"


def _schema(args) -> int:
    if args.dictionary:
        from store.dictionary import dictionary

        print(dictionary(), end="")
    elif args.flags:
        print(flags_markdown(), end="")
    else:
        from schemas import Document

        print(json.dumps(Document.model_json_schema(), ensure_ascii=False, indent=2))
    return 0
