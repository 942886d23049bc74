"""Staff posts, persons and non-bodies in responsible cells, Kazakh and Russian.

A Russian post phrase starts with its head noun, maybe after an adjective ("заместитель директора по ВР",
"классный руководитель", "рабочий по зданию"); a Kazakh one ends with it ("шаруашылық меңгерушісі",
"директордың тәрбие ісі жөніндегі орынбасары"). A person is a surname with initials ("Иванова А.Б.",
"А.Б. Иванова"). Phrases of time or manner ("по мере необходимости", "шығу кезінде") are not bodies.
"""
from __future__ import annotations

import re

from lang.alphabet import LOWER_CLASS, UPPER_CLASS

# Russian post heads in the nominative (singular and plural) and their written abbreviations.
RU_POST_HEAD = re.compile(
    r"^(?:директор|директоры|заместител[ьи]|зам|завуч[иа]?|заведующ(?:ий|ая|ие)|зав|руководител[ьи]|рук|рук-ли"
    r"|учител[ьи]|учит|педагог(?:и|-психолог|-организатор)?|психолог(?:и)?|логопед(?:ы)?|дефектолог(?:и)?"
    r"|воспитател[ьи]|медсестр[аы]|медработник(?:и)?|врач(?:и)?|фельдшер|библиотекар[ьи]|вожат(?:ый|ая|ые)"
    r"|сторож(?:и)?|рабоч(?:ий|ие)|дворник(?:и)?|завхоз|бухгалтер(?:ия)?|секретар[ьи]|инспектор(?:ы)?"
    r"|инструктор(?:ы)?|методист(?:ы)?|председател[ьи]|член(?:ы)?|специалист(?:ы)?|тренер(?:ы)?"
    r"|преподавател[ьи]|повар(?:а)?|лаборант(?:ы)?|тьютор(?:ы)?|администратор|коллектив"
    r"|родител[ьи]|учащиеся|обучающиеся|ученики|кл\.?рук(?:оводители|оводитель|-ли)?|классн(?:ый|ые)"
    r"|социальн(?:ый|ые)|старш(?:ий|ие)|медицинск(?:ая|ий|ие)|музыкальн(?:ый|ые)|главн(?:ый|ые)"
    r"|участков(?:ый|ые)|школьн(?:ый|ые))$"
)
# Heads that are also the genitive singular of another form ("директора", "учителя"): a post only when
# capitalised ("Учителя-предметники" opens a new body, "заместитель директора" does not).
RU_POST_AMBIGUOUS = re.compile(r"^(?:директора|учителя|руководителя|заместителя|воспитателя|педагога|сторожа)$")
# Adjectives that open a Russian post phrase: the head follows them.
RU_POST_ADJ = re.compile(r"^(?:классн|социальн|старш|медицинск|музыкальн|главн|участков|школьн)\w*$")

# Kazakh post heads (the last word of a post phrase) in the nominative, possessive and plural.
KK_POST_HEAD = re.compile(
    r"^(?:директор(?:ы|лар|лары)?|орынбасар(?:ы|лары)?|меңгеруші(?:сі|лер|лері)?|тәрбиеші(?:сі|лер|лері)?"
    r"|әдіскер(?:і|лер|лері)?|психолог(?:ы|тар|тары)?|логопед(?:і|тер|тері)?|дефектолог(?:ы|тар)?"
    r"|медбике(?:сі|лер|лері)?|мейірбике(?:сі|лер)?|қызметкер(?:і|лер|лері)?|мұғалім(?:і|дер|дері)?"
    r"|жетекші(?:сі|лер|лері)?|педагог(?:ы|тар|тары)?|кітапханашы(?:сы|лар)?|күзетші(?:сі|лер)?"
    r"|аспазшы(?:сы|лар)?|нұсқаушы(?:сы|лар|лары)?|маман(?:ы|дар|дары)?|инспектор(?:ы|лар)?|хатшы(?:сы)?"
    r"|бухгалтер(?:і|лер)?|тәлімгер(?:і|лер)?|дәрігер(?:і|лер)?|төраға(?:сы)?|мүше(?:сі|лері)?|басшы(?:сы|лары)?"
    r"|оқушылар(?:ы)?|ата-аналар(?:ы)?|әкімшілік|әкімшілігі|ұжым(?:ы)?|тәрбиешілер|кеңесші(?:сі)?"
    r"|ұйымдастырушы(?:сы|лар)?|жаттықтырушы(?:сы|лар)?)$"
)
# Post abbreviations: deputies of the director (ЗУВР, ДТЖО …), a department head (рук. ШМО).
POST_ABBREVIATIONS = frozenset({
    "ЗУВР", "ЗВР", "ЗДВР", "ЗДУВР", "ЗНМР", "ЗДНМР", "ЗДВП", "ЗАХЧ", "ЗДАХЧ", "ДТЖО", "ДОІЖО", "ДОЖО",
    "ДБЖО", "ДШЖО", "ДАЖО", "ДҒЖО", "ДӘЖО", "ПДО", "РШМО", "ШӘБ", "МӘБ", "ПП", "ДОТЖО",
})

# A person: surname and initials, either order ("Иванова А.Б.", "А.Б. Иванова", "Иванова А. Б.").
_UP, _LOW = UPPER_CLASS, LOWER_CLASS
_SURNAME = rf"[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?"
_INITIALS = rf"[{_UP}]\.\s?(?:[{_UP}]\.?)?"
PERSON = re.compile(rf"(?<![\w.])(?:{_SURNAME}\s+{_INITIALS}|{_INITIALS}\s?{_SURNAME})(?![\w])")

# Phrases of time, manner or circumstance written in a responsible column: no body.
NON_BODY = re.compile(
    r"(?<!\w)(?:кезінде|бойы|сайын|дейін|бастап|барысында|уақытында|қажеттілігіне|қажет\s+болған|мерзімінде"
    r"|сәйкес|үнемі|күнделікті|жыл\s+бойы|по\s+мере|необходимост\w*|по\s+назначени\w*|по\s+плану|по\s+графику"
    r"|в\s+течени[ея]|постоянно|ежедневно|ежемесячно|еженедельно|согласно|по\s+итогам|в\s+период|во\s+время"
    r"|по\s+запросу|по\s+требованию|все\s+участники|всех\s+уровней)(?!\w)",
    re.IGNORECASE,
)


def is_post_head_ru(word: str, capitalised: bool = False) -> bool:
    low = word.casefold().strip(".,;:")
    return bool(RU_POST_HEAD.match(low)) or (capitalised and bool(RU_POST_AMBIGUOUS.match(low)))


def is_post_head_kk(word: str) -> bool:
    return bool(KK_POST_HEAD.match(word.casefold().strip(".,;:")))


def is_person(text: str) -> bool:
    m = PERSON.search(text)
    return bool(m) and len(text.strip(" ,.;")) - (m.end() - m.start()) <= 1
