"""The requisites of an official letter that are written as numbers: the outgoing number and date, the
letters it cites, the attachment size, the executor line, e-mails and phones (Kazakh and Russian)."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

from schemas import Reference

from pipeline.dates import DateHit, find_dates

# "№", and what OCR or typists make of it: "No", "N", "Nº", "N°"
_SIGN = r"(?:№|N[oо0º°]?\.?)"
_TOKEN_CHAR = r"[\w\-/.\\]"
# the number as written: "06-04-01/253", "01-12/345", "3-1/234-И", "615"
NUMBER_RE = re.compile(rf"(?<![\w]){_SIGN}\s*(\w{_TOKEN_CHAR}*(?:\s*/\s*\w{_TOKEN_CHAR}*)?)")
_KK_SUFFIX = re.compile(r"-[a-zа-яёәғқңөұүһі]{2,}$")  # "355-бұйрығына", "615-хатына": a suffix, not the number

_REPLY_LABEL = re.compile(r"(?:^|\s)(?:на|кір(?:іс)?\.?|вх(?:одящий)?\.?)\s*$", re.IGNORECASE)
# words that may stand beside a number and a date on an outgoing-number line
_FILLER = re.compile(r"\b(?:шығ(?:ыс)?|исх(?:одящий)?|от|г|года|ж|жыл|жылғы|дата|күні|номер|нөмірі|date)\b\.?",
                     re.IGNORECASE)

_LETTER_WORD = re.compile(r"(?<![^\W\d_])(?:хат(?!там)[a-zа-яәғқңөұүһі]*|письм\w*|телефонограмм\w*|телеграмм\w*)",
                          re.IGNORECASE)
_OTHER_DOC_WORD = re.compile(
    r"(?<![^\W\d_])(?:бұйры\w*|буйры\w*|қаулы\w*|шешім\w*|хаттама\w*|приказ\w*|постановлен\w*|решени\w*|протокол\w*"
    r"|распоряжен\w*"
    r"|заң\w*|закон\w*|нұсқау\w*|инструктив\w*)",
    re.IGNORECASE,
)
# a sentence ends after a word of three letters or more ("2023 г. № 5" and "А.Б. Сейткали" do not end one)
_SENTENCE_END = re.compile(r"(?<=[^\W\d_]{3})[.!?;]\s+(?=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ«\"])")
_YEAR_WORD = re.compile(r"(?<![^\W\d_])(?:г|ж|года|жыл\w*)(?![^\W\d_])\.?", re.IGNORECASE)
_KK_AFTER = re.compile(r"^\s*-?\s*(?:санды|сандық|нөмірлі|номерлі)?\s*(\w+)")

EMAIL_RE = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
_PHONE_LABEL = re.compile(r"(?:тел(?:ефон)?|факс|моб(?:ильный)?|ұялы|байланыс)\b\.?", re.IGNORECASE)
_PHONE_RUN = re.compile(r"(?<![\w/])[+(]?\d[\d\s()\-–]{3,}\d(?![\w/])")
_PHONE_FULL = re.compile(r"(?<![\d\w/.-])(?:\+7|8)\s?\(?\d{3,5}\)?[\s-]?\d{1,3}[\s-]?\d{2}[\s-]?\d{2}(?![\d\w/])")

_EXECUTOR_LABEL = re.compile(
    r"^\s*(?:орынд(?:аушы)?|орындаған|исп(?:олнитель|олн)?|исполнила?)(?![^\W\d_])\s*[.:]*\s*", re.IGNORECASE)
_ATTACHMENT_LABEL = re.compile(r"^\s*(?:қосымша(?:сы|лар)?|приложени[ея]|прил)\b\.?\s*[:.\-–]?\s*(.*)$", re.IGNORECASE)
_PAGES = re.compile(r"(\d{1,3})\s*(?:\([^)]{1,30}\)\s*)?(?:парақ|бет|лист|л\b|л\.)", re.IGNORECASE)


def clean(text: str) -> str:
    """NFC, no soft hyphens, single spaces."""
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "").replace("\u00a0", " ")
    text = re.sub(r"(\d-)\s+(?=\d)", r"\1", text)  # "№06- 01-06/615": a number broken at a line end
    return re.sub(r"[ \t]+", " ", text).strip()


def clean_number(raw: str) -> str | None:
    """The number as written, without the trailing punctuation and Kazakh case endings glued to it."""
    number = re.sub(r"\s*/\s*", "/", raw).strip()
    number = _KK_SUFFIX.sub("", number).rstrip(".-/\\,")
    return number if re.search(r"\d", number) else None


def numbers_in(text: str) -> list[tuple[str, int, int]]:
    """(number, start, end) for every "№ …" in text."""
    found = []
    for m in NUMBER_RE.finditer(text):
        number = clean_number(m.group(1))
        if number:
            found.append((number, m.start(), m.end()))
    return found


# ------------------------------------------------------------------ outgoing number and date
def requisite_line(line: str) -> tuple[str | None, dt.date | None] | None:
    """(number, date) when the line holds only an outgoing number and/or date ("№ 06-04-01/253",
    "16.02.2022", "от 16.02.2022 г. № 01-12/345", "Шығ. № 12"); None when anything else is on it."""
    text = clean(line)
    numbers = numbers_in(text)
    if not text or (numbers and _REPLY_LABEL.search(text[:numbers[0][1]])):
        return None  # "На № … от …" is the letter being answered, not this one
    dates = find_dates(text)
    if not numbers and not dates:
        return None
    rest = text
    for _, start, end in numbers[:1]:
        rest = rest[:start] + " " * (end - start) + rest[end:]
    for hit in dates[:1]:
        rest = rest[: hit.start] + " " * (hit.end - hit.start) + rest[hit.end:]
    rest = _FILLER.sub(" ", rest)
    if re.search(r"[^\W\d_]", rest) or re.search(r"\d", rest):
        return None
    return (numbers[0][0] if numbers else None, dates[0].date if dates else None)


def find_outgoing(lines: list[str]) -> tuple[str | None, dt.date | None, list[int]]:
    """The outgoing number and date, and the indexes of the lines that hold them. A number line takes
    its date from itself or from a date-only line within two lines after (or before) it."""
    parsed = [requisite_line(line) for line in lines]
    for i, req in enumerate(parsed):
        if not req or not req[0]:
            continue
        number, date = req
        used = [i]
        if date is None:
            for j in _near(lines, i, 2):
                if parsed[j] and parsed[j][0] is None and parsed[j][1]:
                    date, used = parsed[j][1], used + [j]
                    break
        return number, date, sorted(used)
    return None, None, []


def _near(lines: list[str], i: int, reach: int) -> list[int]:
    """Indexes of the `reach` nearest non-blank lines after i, then before i."""
    after = [j for j in range(i + 1, len(lines)) if lines[j].strip()][:reach]
    before = [j for j in range(i - 1, -1, -1) if lines[j].strip()][:reach]
    return after + before


# ------------------------------------------------------------------ cited letters
def find_references(text: str) -> list[Reference]:
    """The letters `text` cites: a "№ …" tied to a letter word ("хатына", "санды хаты", "письмо",
    "на №") and to the nearest date before or after it."""
    text = clean(text)
    dates = find_dates(text)
    refs: list[Reference] = []
    for number, start, end in numbers_in(text):
        if not _cites_letter(text, start, end):
            continue
        ref = Reference(number=number, date=_date_for(text, dates, start, end))
        if ref not in refs:
            refs.append(ref)
    return refs


def _cites_letter(text: str, start: int, end: int) -> bool:
    if _REPLY_LABEL.search(text[max(0, start - 12):start]):
        return True  # "На № 615 от …", "Кір. № …": the letter being answered
    after = _KK_AFTER.match(text[end:end + 30])
    if after:
        word = after.group(1)
        if _LETTER_WORD.fullmatch(word):
            return True
        if _OTHER_DOC_WORD.fullmatch(word):
            return False
    before = text[max(0, start - 130):start]
    before = _SENTENCE_END.split(before)[-1]  # stay inside the sentence
    words = [(m.start(), "letter") for m in _LETTER_WORD.finditer(before)]
    words += [(m.start(), "other") for m in _OTHER_DOC_WORD.finditer(before)]
    return bool(words) and max(words)[1] == "letter"


def _date_for(text: str, dates: list[DateHit], start: int, end: int) -> dt.date | None:
    """A date right after the number ("№ 615 от 09.02.2022"), else the nearest one before it in the
    same clause ("от 09.02.2022 № 615", "2022 жылғы 9 ақпандағы №615")."""
    for hit in dates:
        if hit.start >= end and re.fullmatch(r"[\s,]*(?:от|ж\.?|жылғы)?\s*", text[end:hit.start], re.IGNORECASE):
            return hit.date
    for hit in reversed(dates):
        gap = _YEAR_WORD.sub(" ", text[hit.end:start])
        if hit.end <= start and len(gap) <= 60 and "№" not in gap and not re.search(r"[.;](?:\s|$)", gap):
            return hit.date
    return None


# ------------------------------------------------------------------ attachment, contacts, executor
def find_attachment_pages(lines: list[str]) -> int | None:
    """Pages announced by "Қосымша: 5 парақта", "Приложение: на 5 л.", "Қосымша 3 бетте"; counts listed
    under a bare "Приложение:" label are summed."""
    for i, line in enumerate(lines):
        m = _ATTACHMENT_LABEL.match(clean(line))
        if not m:
            continue
        counts = [int(n) for n in _PAGES.findall(m.group(1))]
        if not counts and not m.group(1).strip():
            for follow in lines[i + 1:i + 6]:
                if not follow.strip():
                    break
                counts += [int(n) for n in _PAGES.findall(clean(follow))]
        if counts:
            return sum(counts)
    return None


def find_emails(text: str) -> list[str]:
    return _unique(m.group(0).rstrip(".") for m in EMAIL_RE.finditer(text))


def find_phones(lines: list[str]) -> list[str]:
    """Phones after a label ("тел.", "тел. факс:", "моб.") and full numbers (+7 …, 8 7xxx …) anywhere
    except on lines that carry a document number."""
    phones: list[str] = []
    for line in map(clean, lines):
        text = EMAIL_RE.sub(" ", line)
        label = _PHONE_LABEL.search(text)
        if label:
            tail = text[label.end():]
            phones += [_phone(m.group(0)) for m in _PHONE_RUN.finditer(tail) if _digits(m.group(0)) >= 5]
        elif "№" not in text and not find_dates(text):
            phones += [_phone(m.group(0)) for m in _PHONE_FULL.finditer(text)]
    return _unique(phones)


def find_executor(lines: list[str]) -> tuple[str | None, int | None]:
    """The executor's name from "Орынд.: …" / "Исп.: … тел. …" (the name alone; the phone goes to
    phones), and the index of that line."""
    for i, line in enumerate(lines):
        text = clean(line)
        m = _EXECUTOR_LABEL.match(text)
        if not m:
            continue
        rest = text[m.end():]
        if not rest and i + 1 < len(lines):
            rest = clean(lines[i + 1])
        name = re.split(r"\b(?:тел|т\.|моб|ұялы)|\+?\d[\d\s()\-]{4,}", rest, maxsplit=1, flags=re.IGNORECASE)[0]
        return EMAIL_RE.sub("", name).strip(" ,;:-–") or None, i
    return None, None


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def _phone(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("–", "-")).strip()


def _unique(items) -> list:
    seen: list = []
    for item in items:
        if item and item not in seen:
            seen.append(item)
    return seen
