"""Deadlines written as words: continuous work and deadlines tied to an event or to another plan."""
from __future__ import annotations

import re

from pipeline.deadlines.lexicon import L

_B = rf"(?<!{L})"

# Work that goes on all the time or all through the period.
CONTINUOUS = re.compile(
    rf"{_B}(?:үнемі|ұдайы|тұрақты|үздіксіз|мерзімсіз|жүйелі\s+түрде|жыл\s+бойы|жыл\s+ішінде|жылдың\s+ішінде"
    rf"|оқу\s+жылы(?:ның)?\s+(?:бойы|ішінде)|кезең\s+(?:бойы|ішінде)|жыл\s+бойына|күнделікті\s+негізде"
    rf"|постоянн{L}*|на\s+постоянной\s+основе|в\s+течение\s+(?:всего\s+)?(?:текущего\s+|учебного\s+|календарного\s+)?"
    rf"(?:года|периода|срока)|в\s+течение\s+учебного|на\s+протяжении\s+(?:всего\s+)?(?:учебного\s+)?(?:года|периода)"
    rf"|систематически|регулярно|круглогодично|бессрочно|весь\s+период|в\s+течение\s+всего"
    # "в теч. мес.", "в течении месяца", "ай бойы": all through the month (or term) the row stands in
    rf"|в\s*теч(?:ени[еия]|ен|\.)?\.?\s*(?:мес(?:яца|\.)?|года|г\.|четверти|квартала|полугодия|недели)(?!{L})"
    rf"|(?:ай|апта|тоқсан|жартыжылдық)\s+(?:бойы|ішінде)(?!{L}))"
)

# An event tied to the plan's own window (the campaign, the month-long drive): it takes the plan period.
OWN_WINDOW = re.compile(
    rf"{_B}(?:акци{L}*\s+(?:өткізу|өткізілу|өтетін|өту|жүргізу){L}*\s+(?:мезгіл|кезең|мерзім|уақыт|барыс){L}*"
    rf"|акция(?:ның)?\s+(?:барысында|кезеңінде|мезгілінде|мерзімінде|уақытында|өткізілетін\s+уақытта)"
    rf"|айлық(?:тың)?\s+(?:барысында|кезеңінде|ішінде)"
    rf"|в\s+(?:период|ходе|дни|время|рамках)\s+(?:проведения\s+)?(?:акци|месячник|кампани|декад|операци){L}*"
    rf"|(?:период|ходе)\s+акции)"
)

# Deadlines set by results of something ("по итогам четверти"): an event even when a period is named.
RESULTS_OF = re.compile(
    rf"{_B}(?:по\s+(?:итогам|результатам|окончании|завершении)|қорытынды(?:сы|лары)?\s+бойынша"
    rf"|қорытындысымен|аяқталғаннан\s+кейін|аяқталуы\s+бойынша|по\s+истечении)"
)

# Any other event or outside schedule: a plan, a schedule, a request, money arriving, need.
EVENT = re.compile(
    rf"{_B}(?:сәйкес|бойынша|қарай|орай|байланысты|кейін|барысында|кезеңінде|мезгілінде|мерзімінде|қарсаңында"
    rf"|кезінде|алдында|жағдайда|басталуына|басында|жаңа\s+оқу\s+жыл{L}*"
    rf"|по\s+мере|согласно|в\s+соответствии|по\s+(?:отдельному\s+|утвержденному\s+|особому\s+)?"
    rf"(?:план|график|запрос|требовани|необходимост|согласовани|распоряжени|указани|поручени){L}*"
    rf"|после|в\s+(?:период|ходе|дни|день|случае|рамках)|во\s+время|накануне|перед|к\s+началу|при\s+(?:поступлени|наличи|необходимост){L}*"
    rf"|в\s+установленн{L}*\s+срок{L}*|в\s+сроки|по\s+графику|по\s+плану|по\s+назначени{L}*|по\s+вызову"
    rf"|по\s+мере|қажеттілігіне\s+қарай|қажет\s+болған)"
)

# An anchor that is the covering letter itself: "со дня получения письма", "хат түскен күннен".
LETTER_ANCHOR = re.compile(rf"{_B}(?:письм|хат(?!тама)){L}*")

# "по итогам полугодия", "тоқсан қорытындысы бойынша": after every such period (no number, no year).
_REPORTING_UNITS = (
    (re.compile(rf"{_B}(?:полугоди|полгода|жарты\s*жыл){L}*"), "yearly", 2),
    (re.compile(rf"{_B}(?:четверт|квартал|тоқсан){L}*"), "quarterly", None),
    (re.compile(rf"{_B}(?:месяц{L}*|ай|айдың|айлық)(?!{L})"), "monthly", None),
    (re.compile(rf"{_B}(?:года|год|жыл|жылдың|жылдық|учебного\s+года|оқу\s+жылы{L}*)(?!{L})"), "yearly", None),
)
_NAMED_ONE = re.compile(rf"\d|{_B}(?:i{{1,3}}|і{{1,3}}|iv|іv|перв{L}*|втор{L}*|трет{L}*|четверт(?:ого|ой|ый|ая){L}*"
                        rf"|бірінші|екінші|үшінші|төртінші|текущ{L}*|прошл{L}*|өткен|ағымдағы)(?!{L})")


def reporting_period(text: str) -> tuple[str, int | None] | None:
    """(freq, times per year) when a results-of phrase names a kind of period rather than one period."""
    if _NAMED_ONE.search(text):
        return None
    for pattern, freq, times in _REPORTING_UNITS:
        if pattern.search(text):
            return freq, times
    return None


def event_name(text: str) -> str:
    """What an event deadline is tied to, as written (spacing normalised)."""
    return " ".join(text.split())
