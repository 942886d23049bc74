"""Responsible bodies compared as sets of canonical bodies, and "narrowed to the school's own staff".

A body is known by its canonical name (glossary expansion or gazetteer name) and by its name as
written; two bodies are the same when any of those keys agree after normalisation, so "БББ" with a
glossary expansion matches the expansion written out in full.
"""
from __future__ import annotations

import re

from pipeline.diff.normalize import norm_text, norm_tokens
from pipeline.diff.stem import stem
from schemas.records import Body, Measure

_AGREEMENT = re.compile(r"\((?:келісім\s+бойынша|по\s+согласованию)\)", re.IGNORECASE)
_SPLIT = re.compile(r"[,;\n]+")

# The school's own staff (Kazakh, Russian). A body is staff when all stems of one pattern occur in it.
_OWN_STAFF = [
    "мектеп әкімшілігі", "мектеп директоры", "директор", "директордың орынбасары",
    "әлеуметтік педагог", "педагог психолог", "психолог", "сынып жетекшілері", "сынып жетекшісі",
    "пән мұғалімдері", "мұғалімдер", "тәлімгер", "аға тәлімгер", "кітапханашы", "медбике", "мейірбике",
    "мектеп медбикесі", "мектеп дәрігері", "асхана меңгерушісі", "бракераж комиссиясы",
    "администрация школы", "мектеп администрациясы", "заместитель директора", "социальный педагог",
    "педагог-психолог", "классные руководители", "классный руководитель", "учителя", "учитель",
    "вожатый", "старшая вожатая", "библиотекарь", "медицинский работник", "медсестра", "школьный врач",
    "заведующий столовой", "завуч",
]
# The school or schools as an organisation: not staff, but not a higher authority either.
_OWN_ORGANISATION = [
    "білім беру ұйымдары", "білім беру ұйымы", "ббұ", "ббү", "мектептер", "мектеп",
    "организации образования", "организация образования", "школы", "школа",
]
# Bodies above the school: education departments, regional offices, ministries, akimats, police...
_AUTHORITY = [
    "бөлімі", "басқармасы", "департаменті", "министрлігі", "әкімдігі", "әкімі", "полиция", "инспекциясы",
    "комитеті", "әдістемелік кабинет", "әдістемелік орталық", "институты", "қызметі",
    "отдел", "управление", "департамент", "министерство", "акимат", "аким", "полиция", "инспекция",
    "комитет", "методический кабинет", "методический центр", "институт", "служба",
]


def _stems(text: str | None) -> list[str]:
    """Stems of a body name under both languages' rules: names are too short to tell the language
    ("Мектеп директорлары" has no Kazakh-only letter), and both sides get the same treatment."""
    return [stem(stem(t, kazakh=False), kazakh=True) for t in norm_tokens(text)]


def _stem_sets(patterns: list[str]) -> list[frozenset[str]]:
    return [frozenset(_stems(p)) for p in patterns]


_OWN_STAFF_STEMS = _stem_sets(_OWN_STAFF)
_OWN_ORG_STEMS = _stem_sets(_OWN_ORGANISATION)
_AUTHORITY_STEMS = _stem_sets(_AUTHORITY)


def measure_bodies(measure: Measure) -> list[Body]:
    """The measure's bodies; split from responsible_raw when no normaliser filled them in."""
    if measure.responsible:
        return list(measure.responsible)
    raw = measure.responsible_raw or ""
    bodies = []
    for part in _SPLIT.split(raw):
        name = _AGREEMENT.sub("", part).strip(" .")
        if norm_text(name):
            bodies.append(Body(name=name, by_agreement=bool(_AGREEMENT.search(part))))
    return bodies


def _key(text: str | None) -> str:
    """A body name reduced to stems: "Мектеп директорлары" and "Мектеп директоры" are one role."""
    return " ".join(_stems(text))


def body_keys(body: Body) -> set[str]:
    return {k for k in (_key(body.canonical), _key(body.name)) if k}


def body_label(body: Body) -> str:
    return body.name if not body.canonical or body.canonical == body.name else f"{body.name} ({body.canonical})"


def compare_bodies(old: list[Body], new: list[Body]) -> tuple[list[Body], list[Body]]:
    """Bodies only in the old list, bodies only in the new list (a greedy match on shared keys)."""
    unmatched_new = list(new)
    removed = []
    for body in old:
        keys = body_keys(body)
        hit = next((b for b in unmatched_new if keys & body_keys(b)), None)
        if hit is None:
            removed.append(body)
        else:
            unmatched_new.remove(hit)
    return removed, unmatched_new


def _matches(body: Body, pattern_sets: list[frozenset[str]]) -> bool:
    for key in body_keys(body):
        stems = set(key.split())
        if any(p and p <= stems for p in pattern_sets):
            return True
    return False


def is_own_staff(body: Body) -> bool:
    return _matches(body, _OWN_STAFF_STEMS)


def is_authority(body: Body) -> bool:
    """A body above the school: named as one (a department, an office, a ministry), or else neither the
    school's staff nor the school(s) as an organisation."""
    if _matches(body, _AUTHORITY_STEMS):
        return True
    return not is_own_staff(body) and not _matches(body, _OWN_ORG_STEMS)


def narrowed_to_own_staff(old: list[Body], new: list[Body]) -> bool:
    """The parent named at least one authority and the derived plan names only its own staff."""
    return bool(new) and all(is_own_staff(b) for b in new) and any(is_authority(b) for b in old)
