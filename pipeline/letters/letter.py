"""A cover letter's requisites from its lines: issuer, outgoing number and date, addressee, subject, cited
letters, attachment size, signatory, executor, e-mails and phones."""
from __future__ import annotations

import re
import unicodedata

from lang.script import language_of
from schemas import Letter

from pipeline.letters.issuer import issuer_names
from pipeline.letters.people import NAME_RE, find_addressee, find_signatory
from pipeline.letters.requisites import (
    clean, find_attachment_pages, find_emails, find_executor, find_outgoing, find_phones, find_references,
    requisite_line,
)

_BODY_LINE = 90  # a line this long is running text, not a letterhead or requisite
_RU_SUBJECT = re.compile(r"^(?:об?\s+\w|по\s+вопрос)", re.IGNORECASE)
_PHONE_ONLY = re.compile(r"^(?:тел\w*\.?:?\s*)?[+\d(][\d\s()\-–]{4,}$", re.IGNORECASE)


def parse_letter(lines: list[str]) -> Letter | None:
    """The letter's requisites, or None when the lines are not a letter (no outgoing number, no
    addressee and no cited letter)."""
    raw = [unicodedata.normalize("NFC", line or "") for line in lines]
    text = [clean(line) for line in raw]
    number, date, number_lines = find_outgoing(text)
    body_start = next((i for i, line in enumerate(text) if len(line) > _BODY_LINE), len(text))
    addressee, addressee_line = find_addressee(text, body_start)
    cited_text = " ".join(line for i, line in enumerate(text) if i not in number_lines)
    references = [r for r in find_references(cited_text) if not (r.number == number and r.date in (date, None))]
    if not (number or addressee or references):
        return None
    stops = number_lines + [body_start] + ([addressee_line] if addressee_line is not None else [])
    stops += [i for i, line in enumerate(text) if requisite_line(line) is not None]
    names = issuer_names(raw, min(stops))
    language = _language(text[body_start:] or text)
    issuer = names.get(language) or next(iter(names.values()), None)
    issuer_alt = next((name for lang, name in names.items() if name != issuer), None)
    executor, executor_line = find_executor(text)
    tail = set(range(executor_line, len(text))) if executor_line is not None else set()
    return Letter(
        issuer=issuer,
        issuer_alt=issuer_alt,
        number=number,
        date=date,
        addressee=addressee,
        references=references,
        attachment_pages=find_attachment_pages(text),
        signatory=find_signatory(text, _body_end(text, tail), tail | _executor_like(text)),
        executor=executor,
        emails=find_emails("\n".join(text)),
        phones=find_phones(text),
        subject=_subject(text, addressee_line, number_lines, body_start),
    )


def _language(lines: list[str]) -> str:
    return language_of(" ".join(lines), default="ru")


def _body_end(text: list[str], skip: set[int]) -> int:
    """Index of the last line of running text (or of the attachment line); -1 when there is none.
    A long line that ends in a name is a signature ("… бөлімінің басшысы О. Дилмукашева")."""
    end = -1
    for i, line in enumerate(text):
        if i in skip:
            continue
        names = list(NAME_RE.finditer(line))
        ends_in_name = bool(names) and names[-1].end() >= len(line.rstrip(" .")) - 1
        if (len(line) > 60 and not ends_in_name) or re.match(r"^(?:қосымша|приложени)", line, re.IGNORECASE):
            end = i
    return end


def _executor_like(text: list[str]) -> set[int]:
    """Lines with a name followed by a bare phone line: an executor written without a label."""
    out = set()
    for i, line in enumerate(text):
        nxt = next((t for t in text[i + 1:] if t), "")
        if NAME_RE.search(line) and (_PHONE_ONLY.match(nxt) or re.search(r"\d[\d\s\-]{4,}\d", line)):
            out.add(i)
    return out


def _subject(text: list[str], addressee_line: int | None, number_lines: list[int], body_start: int) -> str | None:
    """A short subject line in the header ("О проведении акции …", "… туралы")."""
    first = max([addressee_line or 0] + number_lines) + 1
    for line in text[first:body_start]:
        if not line or len(line) > 200:
            continue
        if _RU_SUBJECT.match(line) or re.search(r"\bтуралы\.?$", line, re.IGNORECASE):
            return line
    return None
