"""Meeting protocols ("№6 хаттамасы", "ПРОТОКОЛ № 6"): number, date, place and agenda items."""
from __future__ import annotations

import re
import unicodedata

from schemas import Meeting

from pipeline.dates import find_dates
from pipeline.letters.requisites import clean, clean_number

_NUMBER_AFTER = re.compile(r"\b(?:хаттама|протокол)\w*\s*(?:№|N[oо]?\.?)\s*([\w\-/.]+)", re.IGNORECASE)
_NUMBER_BEFORE = re.compile(r"(?:№|N[oо]?\.?)\s*([\w\-/.]+)\s*(?:-?\s*(?:ші|шы|сі|сы))?\s+(?:хаттама|протокол)",
                            re.IGNORECASE)
_TITLE_ALONE = re.compile(
    r"^\W*(?:хаттама(?:сы)?|протокол)\W*$|^\W*протокол\s+(?:заседани|совещани|собрани|общего|педагог)"
    r"|\s(?:хаттамасы|протокол)\W*$",
    re.IGNORECASE,
)
_AGENDA = re.compile(
    r"^\s*(?:к[үу]н\s+тәртіб\w*|повестк\w*(?:\s+дня)?|қаралатын\s+мәселелер)\s*[:.\-–]?\s*(.*)$", re.IGNORECASE)
_ITEM = re.compile(r"^\s*(\d{1,2})\s*[.)]\s*(.*)$")
_PLACE_LABEL = re.compile(r"^\s*(?:место\s+проведения|өтетін\s+орны|өткізілетін\s+орны|орны)\s*[:\-–]\s*(.+)$",
                          re.IGNORECASE)
_TIME = re.compile(r"\b\d{1,2}[.:]\d{2}\s*(?:сағат\w*|ч(?:ас\w*)?\.?|мин\.?)?", re.IGNORECASE)
_SECTION_STOP = re.compile(r"^\s*(?:слушали|тыңдалды|тыңдалған|решили|шешті|шешім|қаулы\s+етті|постановили)\b",
                           re.IGNORECASE)
_PLACE_CUE = re.compile(r"(?:\bг\.|\bгород|қаласы|\bқ\.|ауылы|\bсело|\bс\.|ауданы|посел|кенті|\bзал\b|кабинет|мәслихат"
                        r"|әкімдігі)", re.IGNORECASE)
# after the agenda: the debate on its items, questions and answers, decisions
_AFTER_AGENDA = re.compile(
    r"^\s*(?:(?:бірінші|екінші|үшінші|төртінші|бесінші|\d+\s*-?\s*(?:ші|шы|ый|ой|ий))\s+(?:мәселе|сұрақ|вопрос)"
    r"|по\s+(?:первому|второму|третьему|\d+)\S*\s+вопрос)",
    re.IGNORECASE,
)
_LABEL_LINE = re.compile(r"^\s*[^\W\d_][^\W\d_ -]*(?:[ -][^\W\d_]+){0,3}\s*:")  # "Сұрақ:", "Председатель:"
_HEAD_LINES = 12  # the date and place are printed near the title


def parse_meeting(lines: list[str]) -> Meeting | None:
    """The protocol's requisites, or None when no line titles the text as a protocol."""
    text = [clean(unicodedata.normalize("NFC", line or "")) for line in lines]
    title = next((i for i, line in enumerate(text) if len(line) <= 150 and _is_title(line)), None)
    if title is None:
        return None
    agenda_at = next((i for i, line in enumerate(text) if _AGENDA.match(line)), None)
    head_end = agenda_at if agenda_at is not None else min(len(text), title + _HEAD_LINES)
    date_line, date = _first_date(text, title, head_end)
    return Meeting(
        kind="protocol",
        number=_number(text[title:title + 3]),
        date=date,
        place=_place(text, title, head_end, date_line),
        agenda=_agenda(text, agenda_at) if agenda_at is not None else [],
    )


def _is_title(line: str) -> bool:
    """"ПРОТОКОЛ № 6", "№6 хаттамасы", "Хаттама", "Протокол заседания …": the protocol word (in the
    nominative) alone, with a number, or closing the line, not inside a sentence ("Хаттамаға сәйкес …")."""
    return bool(_NUMBER_AFTER.search(line) or _NUMBER_BEFORE.search(line) or _TITLE_ALONE.search(line))


def _number(lines: list[str]) -> str | None:
    for line in lines:
        m = _NUMBER_AFTER.search(line) or _NUMBER_BEFORE.search(line)
        if m:
            return clean_number(m.group(1))
    return None


def _first_date(text: list[str], start: int, end: int):
    for i in range(start, end):
        hits = find_dates(text[i])
        if hits:
            return i, hits[0].date
    return None, None


def _place(text: list[str], title: int, head_end: int, date_line: int | None) -> str | None:
    """An explicit "Место проведения: …" / "Өтетін орны: …"; else what the date line holds besides the
    date and time, with the short lines under it ("Облыстық мәслихат", "№ 201 зал") or, when the date
    stands alone, a line beside it that names a place."""
    for line in text[title:head_end]:
        m = _PLACE_LABEL.match(line)
        if m:
            return m.group(1).strip()
    if date_line is None:
        return None
    parts = [_without_date_and_time(text[date_line])]
    if not parts[0] and date_line - 1 > title and _PLACE_CUE.search(text[date_line - 1]):
        parts = [text[date_line - 1]]
    for line in text[date_line + 1:head_end]:
        if not line or _is_title(line) or len(line) > 80 or ":" in line or line[-1] in ".!?":
            break
        parts.append(_without_date_and_time(line))
    return ", ".join(p.strip(" ,") for p in parts if p) or None


def _without_date_and_time(line: str) -> str:
    for hit in reversed(find_dates(line)):
        after = re.sub(r"^\s*(?:жыл\w*|ж\.|г\.|года)", "", line[hit.end:], flags=re.IGNORECASE)
        line = line[:hit.start] + " " + after
    line = clean(_TIME.sub(" ", line))
    return line if re.search(r"[^\W\d_]{2,}", line) else ""


def _agenda(text: list[str], at: int) -> list[str]:
    """The numbered items after the agenda label, in order. An item goes on over the next lines while
    they start in lower case or its sentence is unfinished (wrapped lines of a PDF); a number out of
    sequence, a "Label:" line, "СЛУШАЛИ"/"Тыңдалды" or "Бірінші мәселе бойынша" ends the agenda."""
    items: list[str] = []
    first = _AGENDA.match(text[at]).group(1).strip()
    preface = 0  # lines between the label and the first item
    for line in ([first] if first else []) + text[at + 1:]:
        if not line:
            continue
        m = _ITEM.match(line)
        if m and int(m.group(1)) == len(items) + 1 and m.group(2).strip():
            items.append(m.group(2).strip())
        elif m or _SECTION_STOP.match(line) or _AFTER_AGENDA.match(line) or _LABEL_LINE.match(line):
            if items:
                break
            preface += 1
        elif not items:
            preface += 1
        elif line[0].islower() or not re.search(r"[.!?;]$", items[-1]):
            items[-1] = f"{items[-1]} {line}"
        else:
            break
        if preface > 3:
            break
    return items
