"""An abbreviation naming a field of work ("по ВР", "ТЖ жөніндегі") is not an unknown body."""
from __future__ import annotations

import pytest

from pipeline.bodies import analyse_responsible


@pytest.mark.parametrize("cell,unknown", [
    ("заместители директора по ВР, педагоги-организаторы", ()),
    ("заместитель по УВР; руководители МО", ()),
    ("ТЖ жөніндегі маман", ()),
    ("ЖКХ, заместитель по ВР", ("ЖКХ",)),
    ("СЭББ (келісім бойынша), ДСБ", ("СЭББ",)),
])
def test_domain_abbreviations_are_not_reported(cell, unknown):
    assert analyse_responsible(cell).unknown == unknown
