"""LayoutDocument -> DOCX (extractors.docx_writer), checked by reading the XML and the DOCX back."""
import io
import zipfile

import docx
from docx.enum.section import WD_ORIENT

from extractors.docx_reader import read_docx
from extractors.docx_writer import find_list_runs, write_docx
from schemas.layout import Cell, LayoutDocument, Paragraph, Table


def _doc(*blocks):
    return LayoutDocument(media_type="text/plain", blocks=list(blocks))


def _document_xml(data: bytes) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()


RU_ROWS = [["№", "Мероприятие", "Срок", "Ответственные"],
           ["1. Организационная работа", "", "", ""],
           ["1.1", "Провести совещание\nс директорами школ", "сентябрь", "Отдел образования"],
           ["", "продолжение текста мероприятия", "", ""]]


def test_table_roundtrip_with_heading_row_and_repeating_header():
    data = write_docx(_doc(Paragraph(text="План"), Table.from_rows(RU_ROWS), Paragraph(text="")))
    xml = _document_xml(data)
    assert "<w:tblHeader/>" in xml and 'w:val="TableGrid"' in xml
    back = read_docx(data)
    table = back.tables()[0]
    m = table.matrix()
    assert m[0] == RU_ROWS[0]
    assert m[1] == ["1. Организационная работа", None, None, None]  # merged across the row
    assert m[2][1] == "Провести совещание\nс директорами школ"  # cell lines as paragraphs
    assert m[3] == RU_ROWS[3]  # a continuation row (text not in the first cell) is not merged
    assert [b.text for b in back.blocks if isinstance(b, Paragraph)] == ["План", ""]


def test_spans_written_as_grid_span_and_vmerge():
    cells = [Cell(text="№", row=0, col=0, row_span=2), Cell(text="Сроки", row=0, col=1, col_span=2),
             Cell(text="начало", row=1, col=1), Cell(text="конец", row=1, col=2)]
    table = Table(n_rows=2, n_cols=3, cells=cells)
    back = read_docx(write_docx(_doc(table))).tables()[0]
    assert back.matrix() == [["№", "Сроки", None], [None, "начало", "конец"]]


def test_landscape_section_only_around_the_chosen_table():
    blocks = [Paragraph(text="Письмо"), Table.from_rows([["a", "b"], ["1", "2"]]), Paragraph(text="Конец"),
              Table.from_rows([["c", "d"], ["3", "4"]])]
    for k, b in enumerate(t for t in blocks if isinstance(t, Table)):
        b.index = k
    document = docx.Document(io.BytesIO(write_docx(_doc(*blocks), landscape_tables={0})))
    orientations = [s.orientation for s in document.sections]
    assert orientations == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    assert document.sections[1].page_width > document.sections[1].page_height


def test_list_runs():
    texts = ["Ұсынымдар:", "1. бірінші", "1. екінші", "1. үшінші", "Кезеңдер:", "1) дайындық", "2) негізгі",
             "- ескерту", "3) қорытынды", "4.1. Акция", "1) жаңа тізім", "2022. жыл емес"]
    runs = find_list_runs([Paragraph(text=t) for t in texts])
    assert [[(i.block, i.value, i.delim) for i in run] for run in runs] == [
        [(1, 1, "."), (2, 1, "."), (3, 1, ".")],
        [(5, 1, ")"), (6, 2, ")"), (8, 3, ")")],
        [(10, 1, ")")],
    ]
    assert runs[0][0].text == "бірінші"


def test_auto_numbered_lists_read_back_with_labels_out_of_the_text():
    texts = ["РЕКОМЕНДАЦИИ:", "1. Усилить контроль.", "1. Провести собрания.", "Этапы:", "1) первый;", "2) второй;",
             "- примечание", "3) третий.", "Другой список:", "1) снова первый"]
    data = write_docx(_doc(*[Paragraph(text=t) for t in texts]), auto_number=True)
    back = [(p.list_label, p.text) for p in read_docx(data).blocks if isinstance(p, Paragraph)]
    assert back == [(None, "РЕКОМЕНДАЦИИ:"), ("1.", "Усилить контроль."), ("2.", "Провести собрания."),
                    (None, "Этапы:"), ("1)", "первый;"), ("2)", "второй;"), (None, "- примечание"),
                    ("3)", "третий."), (None, "Другой список:"), ("1)", "снова первый")]
    assert "%1)" in zipfile.ZipFile(io.BytesIO(data)).read("word/numbering.xml").decode()
