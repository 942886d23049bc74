"""Is this Kazakh or Russian? One answer for a cell, a line, a letter or a whole document.

Evidence is counted per word: a word with a Kazakh-only letter (ә ғ қ ң ө ұ ү һ і) or one of the frequent
Kazakh words spelt without them ("бойынша", "жоспар", "мен") is Kazakh; a frequent Russian function or
office word ("и", "по", "для", "года", "управление") is Russian. Many Kazakh words have no Kazakh-only
letter, so a text is Kazakh once KAZAKH_SHARE of its Cyrillic words are; one Kazakh name quoted in a
Russian sentence does not make it Kazakh.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

from lang.alphabet import KK_ONLY_SET, latin_in_cyrillic_words

KAZAKH_SHARE = 0.15  # share of Cyrillic words with Kazakh evidence that makes a text Kazakh
MIXED_SHARE = 0.3  # share of the minority language's lines that makes a document mixed
ABBREVIATION_MAX = 6  # an all-capital word up to this length may be an abbreviation of either language

# Frequent Kazakh words without a Kazakh-only letter.
KK_WORDS = frozenset("""
бойынша мен бен пен жоспар жоспары жоспарына жоспарға жоспарын облысы облыстық ауданы аудандық туралы бастап
сайын жыл жылы жылдың жылға жылдарға мектеп мектептер мектептерде басшысы басшылары орынбасары жоба жобасы бойы
арасында тарапынан арналған жұмыс оқу оқушылар оқушыларға ата аналар тоқсан ай айы айдың апта бар жоқ
""".split())
# Frequent Russian words: function words and the office vocabulary of plans and letters.
RU_WORDS = frozenset("""
и в во на по для от с со не года год или что об о при согласно до течение к из за также а его их как
мероприятия мероприятий мероприятие ответственные ответственный исполнитель исполнители срок сроки
управление управления отдел отдела образования области района города школа школы школ учреждение
директор директора заместитель руководитель руководители плана план приказ приказа работы работа
""".split())
_PUNCT = " \t.,;:!?«»\"'“”„()[]{}/\\|–—-_0123456789№%*+=<>"
_CYRILLIC_SET = frozenset(chr(c) for c in range(0x400, 0x500))


@dataclass(frozen=True)
class Evidence:
    kazakh: int = 0  # words that are Kazakh
    russian: int = 0  # words that are Russian
    cyrillic: int = 0  # Cyrillic words in all
    plain: int = 0  # Cyrillic words that cannot be abbreviations (a lower-case letter, or long)

    @property
    def share(self) -> float:
        return self.kazakh / self.cyrillic if self.cyrillic else 0.0


def evidence(text: str) -> Evidence:
    words = latin_in_cyrillic_words(text or "").split()
    if not words:
        return Evidence()
    # the words' cached flags summed column by column in C, not four additions per word in Python
    cyr, kk, ru, plain = map(sum, zip(*map(_word_evidence, words)))
    return Evidence(kk, ru, cyr, plain)


@lru_cache(maxsize=65536)
def _word_evidence(word: str) -> tuple[bool, bool, bool, bool]:
    """(Cyrillic, Kazakh, Russian, plain) for one word; a document's language reads every line, and its
    words repeat, so each distinct word is looked at once."""
    word = word.strip(_PUNCT)
    if not word or _CYRILLIC_SET.isdisjoint(word):
        return False, False, False, False
    low = word.lower()
    kk = not KK_ONLY_SET.isdisjoint(word) or low in KK_WORDS
    ru = not kk and low in RU_WORDS
    return True, kk, ru, word != word.upper() or len(word) > ABBREVIATION_MAX


@lru_cache(maxsize=65536)  # names and lines recur (each body's name is asked again as it is resolved)
def language_of(text: str, default: Optional[str] = None) -> Optional[str]:
    """'kk' or 'ru' for a piece of text; `default` when it holds no Cyrillic word, or only capitals
    short enough to be an abbreviation of either language ("ДСБ", "ОО") without a Kazakh letter."""
    ev = evidence(text)
    if not ev.cyrillic:
        return default
    if ev.share >= KAZAKH_SHARE:
        return "kk"
    if ev.russian or ev.plain:
        return "ru"
    return "kk" if ev.kazakh else default


def is_kazakh(text: str) -> bool:
    return language_of(text) == "kk"


def detect_language(lines: Iterable[str]) -> Optional[str]:
    """A document's language from its lines: 'kk', 'ru', or 'mixed' when the minority language holds at
    least MIXED_SHARE of the lines that say which they are; None when none says."""
    kk = ru = 0
    for line in lines:
        lang = language_of(line)
        kk += lang == "kk"
        ru += lang == "ru"
    total = kk + ru
    if not total:
        return None
    if min(kk, ru) / total >= MIXED_SHARE:
        return "mixed"
    return "kk" if kk > ru else "ru"
