"""`jospar_orgs`: an entity ruler for ORG built from the gazetteer (and a plan's glossary).

Names are matched by word stems (Kazakh and Russian inflect: "білім басқармасының",
"управлением образования"), abbreviations by their exact spelling with an optional case ending.
A match is widened over the geography around it ("Атырау облысының білім басқармасы",
"управление образования Атырауской области"). Each entity's kb_id is the body's stable ID.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.bodies.abbrev import glossary_body_id, is_abbrev_only
from pipeline.bodies.gazetteer import Entry, load_gazetteer
from pipeline.bodies.keys import bare_key
from pipeline.nlp.token_patterns import Spec, TokenPatterns

_GEO_BEFORE = re.compile(
    r"^(?:облыстық|аудандық|қалалық|облысы(?:ның)?|ауданы(?:ның)?|облысындағы|ауданындағы"
    r"|ШҚО|БҚО|СҚО|ОҚО|ҚР|Республикасы(?:ның)?|областное|областной|районный|городской|районное|городское)$",
    re.I,
)
_GEO_AFTER = re.compile(r"^(?:области|района|города|районов|городов|областей|г\.|РК|Республики|Казахстан|\w+(?:ской|ского))$")
_PLACE_NOUN = re.compile(r"^(?:облыс|аудан|қала)(?:ы|сы|ының|сының|ындағы|сындағы)$", re.I)
_COMPASS = {"Шығыс", "Батыс", "Солтүстік", "Оңтүстік"}
_CAPITALISED = re.compile(r"^[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w-]*$")


def _word_pattern(word: str) -> Spec:
    """A token matching the word or an inflected form of it (same first letters)."""
    lower = word.lower()
    if len(lower) <= 5 or not lower.isalpha():
        return ("lower", lower)
    return ("prefix", lower[: len(lower) - 2])


def _abbrev_pattern(nlp: Language, abbr: str) -> list[Spec]:
    """The abbreviation's tokens as written, the last one with an optional case ending ("БББ-ға")."""
    tokens = [t.text for t in nlp.make_doc(abbr)]
    return [("orth", t) for t in tokens[:-1]] + [("abbr", tokens[-1])]


def _entry_patterns(nlp: Language, entry: Entry) -> list[list[Spec]]:
    patterns = [_abbrev_pattern(nlp, a) for a, _ in entry.abbreviations() if is_abbrev_only(a)]
    for name, _ in entry.names():
        words = bare_key(name).split()
        if len(words) >= 2 or (words and is_abbrev_only(name)):  # one common word is too loose for prose
            patterns.append([_word_pattern(w) for w in words])
    return patterns


class OrgRuler:
    """Callable pipeline component: adds ORG spans (kb_id = body ID) to doc.ents."""

    def __init__(self, nlp: Language, glossary: dict[str, str] | None = None, include_staff: bool = False):
        self.matcher = TokenPatterns()
        self.ids: dict[str, str] = {}
        for entry in load_gazetteer().entries.values():
            if entry.level == "staff" and not include_staff:
                continue  # school roles are people, not organisations, in free text
            self._add(entry.id, _entry_patterns(nlp, entry))
        for abbr, expansion in (glossary or {}).items():
            if abbr.strip() and expansion.strip():
                self._add(glossary_body_id(expansion), [_abbrev_pattern(nlp, abbr.strip())], prefix="GLOSSARY")

    def _add(self, body_id: str, patterns: list[list[Spec]], prefix: str = "ORG") -> None:
        key = f"{prefix}|{body_id}"
        self.ids[key] = body_id
        self.matcher.add(key, patterns)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for key, start, end in self.matcher(doc):
            start, end = _widen(doc, start, end)
            spans.append((not key.startswith("GLOSSARY"), Span(doc, start, end, label="ORG", kb_id=self.ids[key])))
        # the plan's own glossary wins over the gazetteer for the same words (filter_spans is stable)
        kept = filter_spans([span for _, span in sorted(spans, key=lambda pair: pair[0])])
        others = [e for e in doc.ents if not any(e.start < s.end and s.start < e.end for s in kept)]
        doc.ents = sorted(others + kept, key=lambda s: s.start)
        return doc


def _widen(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Take in the geography that qualifies the body: before it in Kazakh, after it in Russian."""
    place_words = 0
    while start > 0:
        prev = doc[start - 1].text
        if _GEO_BEFORE.match(prev):
            start -= 1
        elif _CAPITALISED.match(prev) and (
                (place_words == 0 and _PLACE_NOUN.match(doc[start].text)) or (place_words == 1 and prev in _COMPASS)):
            start, place_words = start - 1, place_words + 1  # 'Атырау облысының', 'Шығыс Қазақстан облысы'
        else:
            break
    while end < len(doc) and _GEO_AFTER.match(doc[end].text):
        end += 1
        if doc[end - 1].text in ("г.", "города") and end < len(doc) and _CAPITALISED.match(doc[end].text):
            end += 1
    return start, end


@Language.factory("jospar_orgs", default_config={"glossary": None, "include_staff": False})
def make_org_ruler(nlp: Language, name: str, glossary: dict[str, str] | None, include_staff: bool) -> OrgRuler:
    return OrgRuler(nlp, glossary, include_staff)
