"""Token patterns of exact words, word prefixes and abbreviations, matched through dictionaries.

spaCy's Matcher evaluates a REGEX predicate in Python for every token against every pattern that
uses one; the gazetteer's ~900 stem patterns made the ORG pass cost ~30 ms per cover letter. Here a
pattern is a sequence of specs and the first spec of every pattern is looked up by key (the token's
lower form, its text, or its lower form cut to each prefix length in use), so a token costs a few
dictionary look-ups however many patterns there are. Matches are what the Matcher gave for the same
patterns: (key, start, end) for every pattern matching at every start.

Specs: ("lower", w) the token's lower form is w; ("prefix", p) it starts with p; ("orth", t) its text
is t; ("abbr", a) its text is a, or a + "-" + a lower-case Kazakh/Russian case ending ("БББ-ға").
"""
from __future__ import annotations

import re
from collections import defaultdict

from spacy.tokens import Doc

Spec = tuple[str, str]
_ENDING = re.compile(r"[а-яәғқңөұүһі]+")


def spec_matches(spec: Spec, lower: str, text: str) -> bool:
    kind, value = spec
    if kind == "lower":
        return lower == value
    if kind == "prefix":
        return lower.startswith(value)
    if kind == "orth":
        return text == value
    return text == value or (text.startswith(value + "-") and _ENDING.fullmatch(text[len(value) + 1:]) is not None)


class TokenPatterns:
    def __init__(self) -> None:
        self._patterns: list[tuple[str, list[Spec]]] = []
        self._by_first: dict[Spec, list[int]] = defaultdict(list)
        self._prefix_lengths: set[int] = set()

    def add(self, key: str, patterns: list[list[Spec]]) -> None:
        for pattern in patterns:
            if not pattern:
                continue
            self._by_first[pattern[0]].append(len(self._patterns))
            if pattern[0][0] == "prefix":
                self._prefix_lengths.add(len(pattern[0][1]))
            self._patterns.append((key, pattern))

    def _first_candidates(self, lower: str, text: str) -> list[int]:
        out = self._by_first.get(("lower", lower), []) + self._by_first.get(("orth", text), [])
        out += self._by_first.get(("abbr", text), [])
        for k, char in enumerate(text):
            if char == "-":
                out += self._by_first.get(("abbr", text[:k]), [])
        for length in self._prefix_lengths:
            if length <= len(lower):
                out += self._by_first.get(("prefix", lower[:length]), [])
        return out

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        """(key, start, end) of every match, ordered by start, then end, then the order patterns were added."""
        lowers = [t.lower_ for t in doc]
        texts = [t.text for t in doc]
        found: dict[tuple[str, int, int], int] = {}
        for start in range(len(doc)):
            for index in self._first_candidates(lowers[start], texts[start]):
                key, pattern = self._patterns[index]
                end = start + len(pattern)
                if end <= len(doc) and all(spec_matches(spec, lowers[k], texts[k])
                                           for spec, k in zip(pattern[1:], range(start + 1, end))):
                    found.setdefault((key, start, end), index)
        return sorted(found, key=lambda m: (m[1], m[2], found[m]))
