"""Input checks: IDs in URLs, the correction form, and the same-origin rule for POSTs (pure)."""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Mapping
from urllib.parse import parse_qs, urlsplit

from store.tables import CORRECTABLE_MEASURE_FIELDS
from webapp.queries import INTEGER_FIELDS

# plan_id = 16 hex digits of the document's sha256 + ":p" + index; measure_id = plan_id + ":m" + ordinal
PLAN_ID = re.compile(r"[0-9a-f]{16}:p\d{1,6}")
MEASURE_ID = re.compile(r"[0-9a-f]{16}:p\d{1,6}:m\d{1,6}(?:s\d{1,3})?")  # sN: a measure a split added
DOCUMENT_ID = re.compile(r"[0-9a-f]{64}")

MAX_FORM_BYTES = 64 * 1024
MAX_VALUE_CHARS = 4000
MAX_AUTHOR_CHARS = 80
MAX_NOTE_CHARS = 1000
INT32_MAX = 2**31 - 1
_FORM_KEYS = {"field", "value", "clear", "note", "csrf"}
PLAN_DATE_FIELDS = frozenset({"period_start", "period_end", "approved_on", "based_on_date"})


def is_plan_id(text: str) -> bool:
    return PLAN_ID.fullmatch(text) is not None


def is_measure_id(text: str) -> bool:
    return MEASURE_ID.fullmatch(text) is not None


def is_document_id(text: str) -> bool:
    return DOCUMENT_ID.fullmatch(text) is not None


def same_origin(headers: Mapping[str, str]) -> bool:
    """A POST must come from a page of this site: its Origin (else Referer) names the Host it was sent to.

    Browsers set Origin on every cross-site POST and scripts cannot forge it, so a form on another site
    that posts here is refused. The Host itself is pinned by the app's allowed-hosts check, which stops
    DNS rebinding (an attacker's name pointed at 127.0.0.1 would make Origin and Host agree). No header
    at all is refused too: every browser that renders the form sends one of them."""
    host = (headers.get("host") or "").lower()
    if not host:
        return False
    origin = headers.get("origin")
    if origin is not None:
        source = origin
    elif headers.get("referer"):
        source = headers["referer"]
    else:
        return False
    parts = urlsplit(source)
    return parts.scheme in ("http", "https") and parts.netloc.lower() == host


def same_origin_path(referer: str, host: str) -> str:
    """The path (and query) of a same-site Referer, to return to after a form; '/' otherwise."""
    parts = urlsplit(referer or "")
    if parts.scheme in ("http", "https") and parts.netloc.lower() == (host or "").lower() and parts.path.startswith("/"):
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return "/"


@dataclass(frozen=True)
class Correction:
    field: str
    value: str | None  # None clears the field
    note: str | None


@dataclass(frozen=True)
class FormResult:
    correction: Correction | None
    errors: list[str]
    entered: dict[str, str]  # what was typed, shown again next to the errors


def _has_controls(text: str, allow_newlines: bool) -> bool:
    allowed = {"\n", "\t"} if allow_newlines else set()
    return any(unicodedata.category(ch) in ("Cc", "Cs") and ch not in allowed for ch in text)


def parse_form_body(body: bytes) -> dict[str, list[str]]:
    """application/x-www-form-urlencoded, UTF-8; ValueError with a message when it is not that."""
    if len(body) > MAX_FORM_BYTES:
        raise ValueError(f"the form is larger than {MAX_FORM_BYTES // 1024} KiB")
    try:
        # strict: a percent-escaped byte that is not UTF-8 is refused too, not stored as U+FFFD
        return parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=20, errors="strict")
    except UnicodeDecodeError as exc:
        raise ValueError("the form is not UTF-8") from exc
    except ValueError as exc:  # more fields than any form of ours has
        raise ValueError("the form has too many fields") from exc


def _first(fields: Mapping[str, list[str]], errors: list[str]) -> dict[str, str]:
    if any(len(v) > 1 for v in fields.values()):
        errors.append("each form field may be sent once")
    return {k: v[0] for k, v in fields.items() if v}


def _multiline(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _note_errors(note: str, errors: list[str], required: bool = False) -> None:
    if required and not note:
        errors.append("say why (the note is required)")
    if len(note) > MAX_NOTE_CHARS or _has_controls(note, allow_newlines=True):
        errors.append(f"the note must be text of at most {MAX_NOTE_CHARS} characters")


def validate_correction(fields: Mapping[str, list[str]], allowed: tuple[str, ...] = CORRECTABLE_MEASURE_FIELDS,
                        integer_fields: frozenset[str] = INTEGER_FIELDS,
                        date_fields: frozenset[str] = frozenset()) -> FormResult:
    """A correction of one field (of a measure by default, or of a plan with its field lists)."""
    errors: list[str] = []
    entered = {k: v for k, v in _first(fields, errors).items() if k in _FORM_KEYS}
    field = entered.get("field", "")
    value = _multiline(entered.get("value", ""))
    note = _multiline(entered.get("note", ""))
    clear = entered.get("clear") == "1"
    if field not in allowed:
        errors.append("choose a field to correct from the list")
    if clear and value:
        errors.append("either enter a value or tick 'clear the field', not both")
    elif not clear and not value:
        errors.append("enter the corrected value (or tick 'clear the field')")
    elif len(value) > MAX_VALUE_CHARS or _has_controls(value, allow_newlines=True):
        errors.append(f"the value must be text of at most {MAX_VALUE_CHARS} characters")
    elif value and field in integer_fields and not _is_int32(value):
        errors.append(f"{field} must be a whole number")
    elif value and field in date_fields and not _is_date(value):
        errors.append(f"{field} must be a date written YYYY-MM-DD")
    elif value and field == "other" and not _is_json_object(value):
        errors.append('other must be a JSON object of column header to cell text, e.g. {"Ескерту": "..."}')
    _note_errors(note, errors)
    if errors:
        return FormResult(None, errors, entered)
    return FormResult(Correction(field=field, value=None if clear else value, note=note or None), [], entered)


def validate_split(fields: Mapping[str, list[str]]) -> tuple[list[str], str | None, list[str]]:
    """(parts, note, errors): each non-empty line of `parts` becomes a measure."""
    errors: list[str] = []
    entered = _first(fields, errors)
    text = _multiline(entered.get("parts", ""))
    parts = [line.strip() for line in text.split("\n") if line.strip()]
    if not 2 <= len(parts) <= 20:
        errors.append("write each measure on its own line: at least two lines, at most twenty")
    if len(text) > MAX_VALUE_CHARS * 2 or _has_controls(text, allow_newlines=True):
        errors.append(f"the parts must be text of at most {MAX_VALUE_CHARS * 2} characters")
    note = _multiline(entered.get("note", ""))
    _note_errors(note, errors)
    return parts, note or None, errors


def validate_state(fields: Mapping[str, list[str]], states: tuple[str, ...]) -> tuple[str, str | None, list[str]]:
    errors: list[str] = []
    entered = _first(fields, errors)
    state = entered.get("state", "")
    reason = _multiline(entered.get("reason", ""))
    if state not in states:
        errors.append("choose a state from the list")
    _note_errors(reason, errors, required=state == "rejected")
    return state, reason or None, errors


def _is_date(text: str) -> bool:
    import datetime as dt

    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) is not None


def _is_json_object(text: str) -> bool:
    try:
        return isinstance(json.loads(text), dict)
    except ValueError:
        return False


def _is_int32(text: str) -> bool:
    return re.fullmatch(r"[+-]?\d{1,10}", text) is not None and -INT32_MAX - 1 <= int(text) <= INT32_MAX
