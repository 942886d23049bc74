"""Body kinds, spans in the raw cell, and the responsible cell's page and box copied onto each body."""
from __future__ import annotations

from pipeline.bodies import component, normalize_responsible
from schemas import BBox, Document, Measure, Plan, Provenance, Source


def test_spans_cut_each_name_out_of_the_raw_cell():
    raw = "Директор,\nЗам. директора   по АХЧ,\nобластной департа-\nмент (по согласованию)"
    bodies = normalize_responsible(raw)
    assert [raw[b.span.start:b.span.end] for b in bodies] == [
        "Директор", "Зам. директора   по АХЧ", "областной департа-\nмент"]  # a wrapped word found as written
    assert bodies[2].name == "областной департамент" and bodies[2].by_agreement


def test_repeated_names_get_their_own_spans():
    raw = "ЗУВР, директор, ЗУВР"
    spans = [(b.span.start, b.span.end) for b in normalize_responsible(raw)]
    assert spans == [(0, 4), (6, 14), (16, 20)]


def test_kinds():
    kinds = {b.name: b.kind for b in normalize_responsible("Управление образования, Иванова А.А., ЗУВР, ДВД, Мектеп")}
    assert kinds["Управление образования"] == "org" and kinds["Иванова А.А."] == "person"
    assert kinds["ЗУВР"] == "post" and kinds["ДВД"] == "org"


def test_component_copies_the_cells_page_and_box():
    box = BBox(x0=10, top=20, x1=110, bottom=40)
    measure = Measure(measure_id="d:p0:m1", text="Іс-шара", responsible_raw="Психолог, логопед",
                      cells={"responsible_raw": Provenance(page=3, bbox=box)})
    doc = Document(document_id="d", source=Source(path="x", media_type="text/plain"),
                   plans=[Plan(plan_id="d:p0", measures=[measure])])
    component.apply(doc)
    bodies = doc.plans[0].measures[0].responsible
    assert [(b.name, b.page, b.bbox) for b in bodies] == [("Психолог", 3, box), ("логопед", 3, box)]
