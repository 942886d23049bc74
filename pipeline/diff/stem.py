"""Light Kazakh and Russian suffix stripping, so that word endings do not count when aligning measures.

Only inflection is stripped (Kazakh plural, possessive and case endings, stacked; one Russian
inflectional ending). It is deliberately crude: it serves the alignment similarity, never the
material/cosmetic decision, where the full word counts ("ведомстволық" vs "ведомстваралық").
"""
from __future__ import annotations

from functools import lru_cache

from lang.alphabet import has_kazakh_letter
from lang.script import is_kazakh


# Longest first within each list; a word is stripped repeatedly (Kazakh endings stack:
# оқушы-лар-ы-ның), keeping a stem of at least _KK_MIN_STEM letters.
_KK_SUFFIXES = sorted({
    # case endings
    "ның", "нің", "дың", "дің", "тың", "тің",
    "ға", "ге", "қа", "ке", "на", "не", "ны", "ні", "ды", "ді", "ты", "ті",
    "да", "де", "та", "те", "нда", "нде", "дан", "ден", "тан", "тен", "нан", "нен", "ндан", "нден",
    "мен", "бен", "пен", "ымен", "імен",
    # adjectival locative / temporal (наурыз-дағы, жыл-ғы)
    "дағы", "дегі", "тағы", "тегі", "ндағы", "ндегі", "ғы", "гі", "қы", "кі",
    # possessive
    "ымыз", "іміз", "мыз", "міз", "ыңыз", "іңіз", "ңыз", "ңіз", "сы", "сі", "ым", "ім", "ың", "ің",
    # plural
    "лар", "лер", "дар", "дер", "тар", "тер",
}, key=len, reverse=True)
_KK_VOWEL_SUFFIXES = ("ы", "і", "а", "е", "ын", "ін", "н")  # only on long words: too ambiguous otherwise
_KK_MIN_STEM = 3

_RU_REFLEXIVE = ("ся", "сь")
_RU_SUFFIXES = sorted({
    "иями", "ями", "ами", "ого", "его", "ому", "ему", "ыми", "ими", "ей", "ой", "ий", "ый", "ая", "яя",
    "ое", "ее", "ые", "ие", "ов", "ев", "ам", "ям", "ах", "ях", "ом", "ем", "ую", "юю", "ия", "ию", "ии",
    "ью", "ья", "ье", "иях", "ием", "ием", "ией", "иям", "ать", "ять", "ить", "еть", "ует", "уют",
    "ют", "ет", "ит", "ут", "ят", "ых", "их", "ым", "им", "ою", "ею",
    "а", "я", "о", "е", "и", "ы", "у", "ю", "ь", "й",
}, key=len, reverse=True)
_RU_MIN_STEM = 3


__all__ = ["has_kazakh_letter", "is_kazakh", "stem", "stem_tokens"]


@lru_cache(maxsize=131072)
def stem_kk(word: str) -> str:
    for _ in range(4):  # at most four stacked endings
        stripped = _strip_one(word, _KK_SUFFIXES, _KK_MIN_STEM) or _strip_one(word, _KK_VOWEL_SUFFIXES, _KK_MIN_STEM + 2)
        if stripped is None:
            return word
        word = stripped
    return word


def _strip_one(word: str, suffixes, min_stem: int) -> str | None:
    for suffix in suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= min_stem:
            return word[: -len(suffix)]
    return None


@lru_cache(maxsize=131072)
def stem_ru(word: str) -> str:
    for suffix in _RU_REFLEXIVE:
        if word.endswith(suffix) and len(word) - len(suffix) >= _RU_MIN_STEM + 1:
            word = word[: -len(suffix)]
            break
    for suffix in _RU_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _RU_MIN_STEM:
            return word[: -len(suffix)]
    return word


def stem(word: str, kazakh: bool) -> str:
    """Stem one normalised (casefolded) word; digits and short words are kept as they are."""
    if len(word) <= 3 or not word.isalpha():
        return word
    return stem_kk(word) if kazakh else stem_ru(word)


def stem_tokens(tokens: list[str], kazakh: bool | None = None) -> list[str]:
    """Stems of a token list under the text's language (guessed from the tokens when not given); a
    word with a Kazakh-only letter always takes the Kazakh rules."""
    if kazakh is None:
        kazakh = is_kazakh(" ".join(tokens))
    return [stem(t, kazakh or has_kazakh_letter(t)) for t in tokens]
