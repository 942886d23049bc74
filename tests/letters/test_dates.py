import datetime as dt

import pytest

from pipeline.dates import find_dates, parse_date


@pytest.mark.parametrize("text, expected", [
    ("16.02.2022", dt.date(2022, 2, 16)),
    ("27.06.2023жыл", dt.date(2023, 6, 27)),
    ("01.09.23 ж.", dt.date(2023, 9, 1)),
    ("2022-02-09", dt.date(2022, 2, 9)),
    ("2022 жылғы 9 ақпандағы", dt.date(2022, 2, 9)),
    ("2022 жылғы 16-шы ақпандағы", dt.date(2022, 2, 16)),
    ("2023 жылдың 5 қыркүйегіндегі", dt.date(2023, 9, 5)),
    ("2023 ж. «12» желтоқсан", dt.date(2023, 12, 12)),
    ("9 акпан 2022 ж.", dt.date(2022, 2, 9)),  # Russian look-alike letters for Kazakh ones
    ("20 сәуірдегі 2021 жыл", dt.date(2021, 4, 20)),
    ("9 февраля 2022 г.", dt.date(2022, 2, 9)),
    ("«05» мая 2023 года", dt.date(2023, 5, 5)),
    ("от 3 декабря 2024г.", dt.date(2024, 12, 3)),
])
def test_whole_dates(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["15.00 сағат", "2022 жыл қаңтар", "31.02.2022", "№ 06-04-01/253", "2021-2023 жылдар"])
def test_not_dates(text):
    assert parse_date(text) is None


def test_spans_in_order():
    text = "от 16.02.2022 г. на письмо 2022 жылғы 9 ақпандағы"
    hits = find_dates(text)
    assert [h.date for h in hits] == [dt.date(2022, 2, 16), dt.date(2022, 2, 9)]
    assert text[hits[1].start:hits[1].end] == "2022 жылғы 9 ақпандағы"
