"""The gazetteer of Kazakh and Russian state and education bodies (data/gazetteer/bodies.csv).

Each row: a stable `id`, a `level` (ministry, region, district, organisation, staff), a `kind`,
canonical names in Kazakh and Russian, abbreviations and aliases per language ("|"-separated).
The index is built once per process (lru_cache): normalising a cell must stay cheap.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pipeline.bodies.keys import bare_key, full_key, head_stem
from pipeline.bodies.text import abbrev_fold, abbrev_key, clean, stem_key

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "gazetteer"
GAZETTEER_CSV = DATA_DIR / "bodies.csv"


@dataclass(frozen=True)
class Entry:
    id: str
    level: str
    kind: str
    name_kk: str
    name_ru: str
    abbr_kk: tuple[str, ...] = ()
    abbr_ru: tuple[str, ...] = ()
    aliases_kk: tuple[str, ...] = ()
    aliases_ru: tuple[str, ...] = ()

    def canonical(self, lang: str) -> str:
        return self.name_ru if lang == "ru" and self.name_ru else self.name_kk or self.name_ru

    def names(self) -> list[tuple[str, str]]:
        """(name, language) for the canonical names and every alias."""
        out = [(self.name_kk, "kk"), (self.name_ru, "ru")]
        out += [(a, "kk") for a in self.aliases_kk] + [(a, "ru") for a in self.aliases_ru]
        return [(n, lang) for n, lang in out if n]

    def abbreviations(self) -> list[tuple[str, str]]:
        return [(a, "kk") for a in self.abbr_kk] + [(a, "ru") for a in self.abbr_ru]


@dataclass(frozen=True)
class Hit:
    """A gazetteer entry found for a string, in the language it was written in."""

    entry: Entry
    lang: str  # "kk", "ru", or "" for an abbreviation both languages use
    written: str  # the gazetteer's own spelling of what matched


@dataclass
class GazetteerIndex:
    entries: dict[str, Entry] = field(default_factory=dict)
    by_abbrev: dict[str, Hit] = field(default_factory=dict)
    by_fold: dict[str, Hit] = field(default_factory=dict)
    by_full: dict[str, Hit] = field(default_factory=dict)
    by_bare: dict[str, Hit | None] = field(default_factory=dict)  # None: two entries share it
    by_stem: dict[str, Hit | None] = field(default_factory=dict)
    # bare keys grouped by head noun: fuzzy matching only compares names with the same head
    fuzzy: dict[str, tuple[list[str], list[Hit]]] = field(default_factory=dict)
    end_words: set[str] = field(default_factory=set)  # last words of names: where a body may end


def _split(cell: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in clean(cell or "").split("|") if p.strip())


def read_entries(path: Path = GAZETTEER_CSV) -> list[Entry]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        Entry(
            id=r["id"].strip(), level=r["level"].strip(), kind=r["kind"].strip(),
            name_kk=clean(r["name_kk"]).strip(), name_ru=clean(r["name_ru"]).strip(),
            abbr_kk=_split(r["abbr_kk"]), abbr_ru=_split(r["abbr_ru"]),
            aliases_kk=_split(r["aliases_kk"]), aliases_ru=_split(r["aliases_ru"]),
        )
        for r in rows if r.get("id")
    ]


def _put(table: dict, key: str, hit: Hit, unique: bool = True) -> None:
    """First spelling wins within one entry (a spelling both languages share gets lang "");
    with `unique`, two different entries make the key ambiguous (None)."""
    if not key:
        return
    old = table.get(key, hit)
    if key not in table:
        table[key] = hit
    elif old is not None and old.entry.id == hit.entry.id and old.lang != hit.lang:
        table[key] = Hit(hit.entry, "", old.written)
    elif unique and old is not None and old.entry.id != hit.entry.id:
        table[key] = None


def build_index(entries: list[Entry]) -> GazetteerIndex:
    index = GazetteerIndex()
    for entry in entries:
        index.entries[entry.id] = entry
        both = {abbrev_key(a).upper() for a in entry.abbr_kk} & {abbrev_key(a).upper() for a in entry.abbr_ru}
        for abbr, lang in entry.abbreviations():
            hit = Hit(entry, "" if abbrev_key(abbr).upper() in both else lang, abbr)  # "": either language
            index.by_abbrev.setdefault(abbrev_key(abbr).upper(), hit)
            index.by_fold.setdefault(abbrev_fold(abbr), hit)
        for name, lang in entry.names():
            hit = Hit(entry, lang, name)
            _put(index.by_full, full_key(name), hit, unique=False)
            bare = bare_key(name)
            if bare:
                index.end_words.add(bare.split()[-1])
            _put(index.by_bare, bare, hit)
            _put(index.by_stem, stem_key(bare), hit)
            keys, hits = index.fuzzy.setdefault(head_stem(bare), ([], []))
            if bare and bare not in keys:
                keys.append(bare)
                hits.append(hit)
    return index


@lru_cache(maxsize=4)
def load_gazetteer(path: str | None = None) -> GazetteerIndex:
    return build_index(read_entries(Path(path) if path else GAZETTEER_CSV))
