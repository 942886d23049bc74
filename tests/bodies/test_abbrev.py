"""Abbreviations: glossary first, then gazetteer; look-alikes folded; never matched by edit distance."""
from __future__ import annotations

from pipeline.bodies import analyse_responsible, normalize_responsible
from pipeline.bodies.abbrev import glossary_body_id, is_abbrev_only, is_abbrev_token
from pipeline.bodies.text import abbrev_fold

GLOSSARY = {"Қ(А) БББ": "қалалық (аудандық) білім беру бөлімдері", "ББҰ": "білім беру ұйымдары",
            "СЭБД": "облыстың санитариялық-эпидемиологиялық бақылау департаменті", "УО": "Управление образования Костанайской области"}


def test_look_alike_folding():
    assert abbrev_fold("ББҮ") == abbrev_fold("ББҰ")
    assert abbrev_fold("СӘБД") == abbrev_fold("СЭБД")
    assert abbrev_fold("OAM") == abbrev_fold("ОАМ")  # Latin letters
    assert abbrev_fold("ІІМ") == abbrev_fold("IIМ") == abbrev_fold("11М")
    assert abbrev_fold("КДН") == abbrev_fold("ҚДН")
    assert abbrev_fold("СЭББ") != abbrev_fold("СЭБД")


def test_glossary_keys_compare_without_spaces_and_win_over_the_gazetteer():
    bodies = normalize_responsible("Қ(А)БББ, УО", GLOSSARY)
    assert [b.canonical for b in bodies] == ["қалалық (аудандық) білім беру бөлімдері",
                                            "Управление образования Костанайской области"]
    assert {b.source for b in bodies} == {"glossary"}
    assert normalize_responsible("УО")[0].body_id == "kz.reg.education"


def test_variants_resolve_and_are_reported():
    found = analyse_responsible("ББҮ, СӘБД (келісім бойынша), СЭББ", GLOSSARY)
    assert [b.canonical for b in found.bodies][:2] == ["білім беру ұйымдары", GLOSSARY["СЭБД"]]
    assert found.variants == (("ББҮ", "ББҰ"), ("СӘБД", "СЭБД"))
    assert found.unknown == ("СЭББ",)
    assert found.bodies[2].canonical is None and found.bodies[2].source == "none"


def test_unknown_abbreviation_inside_a_full_name():
    found = analyse_responsible("ЖЖҚ бөлімі")
    assert found.unknown == ("ЖЖҚ",)


def test_glossary_ids_are_stable_hashes_of_the_expansion():
    one = normalize_responsible("ББҰ", GLOSSARY)[0].body_id
    assert one == glossary_body_id("білім беру ұйымдары") == glossary_body_id("Білім  беру ұйымдары")
    assert one.startswith("gl:") and one != glossary_body_id("мектепке дейінгі ұйымдар")


def test_what_counts_as_an_abbreviation():
    assert is_abbrev_token("Қ(А)БББ") and is_abbrev_token("БББ-ға") and is_abbrev_token("МОиН")
    assert not is_abbrev_token("БАСҚАРМАСЫ") and not is_abbrev_token("Отдел") and not is_abbrev_token("А")
    assert is_abbrev_only("ҚР ОАМ") and is_abbrev_only("Қ(А) БББ") and not is_abbrev_only("ҚР")
