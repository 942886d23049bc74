"""`jospar normalize deadline|responsible TEXT... --json`: the normalisers on their own."""
from __future__ import annotations

import datetime as dt
import json
import sys


def register(sub) -> None:
    p = sub.add_parser("normalize", help="normalise deadline or responsible strings")
    kinds = p.add_subparsers(dest="kind", required=True)
    d = kinds.add_parser("deadline", help="deadline strings -> Deadline objects")
    d.add_argument("texts", nargs="+")
    d.add_argument("--period", help="the plan's own period START:END (ISO dates)")
    d.add_argument("--country", choices=["KZ", "RU"], default="KZ", help="whose working days (default KZ)")
    d.add_argument("--json", action="store_true", help="JSON Lines; without it, each deadline in words (kk and ru)")
    d.set_defaults(handler=_deadline)
    r = kinds.add_parser("responsible", help="responsible strings -> Body objects")
    r.add_argument("texts", nargs="+")
    r.add_argument("--json", action="store_true", help="JSON Lines (the default and only format)")
    r.set_defaults(handler=_responsible)


def _period(value):
    from schemas import Period

    if not value:
        return None
    start, _, end = value.partition(":")
    return Period(start=dt.date.fromisoformat(start) if start else None, end=dt.date.fromisoformat(end) if end else None)


def _emit(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _deadline(args) -> int:
    from pipeline.deadlines import normalize_deadline

    period = _period(args.period)
    for text in args.texts:
        found = normalize_deadline(text, period=period, country=args.country)
        if args.json:
            _emit({"raw": text, "deadlines": [d.model_dump(mode="json") for d in found]})
        else:
            sys.stdout.write(_deadline_text(text, found))
    return 0


def _deadline_text(text: str, found) -> str:
    """The cell, then each deadline: kind and dates, and its reading in Kazakh and Russian."""
    lines = [" ".join(text.split())]
    for i, d in enumerate(found, start=1):
        dates = "..".join(str(x) if x else "" for x in (d.start, d.end)) if (d.start or d.end) else ""
        head = " ".join(p for p in (d.kind, dates, d.rrule or "", f"({d.reason})" if d.reason else "") if p)
        lines += [f"  {i}. {head}", f"     kk: {d.deadline_words_kk}", f"     ru: {d.deadline_words_ru}"]
    return "\n".join(lines) + "\n"


def _responsible(args) -> int:
    from pipeline.bodies import normalize_responsible

    for text in args.texts:
        found = normalize_responsible(text)
        _emit({"raw": text, "bodies": [b.model_dump(mode="json") for b in found]})
    return 0
