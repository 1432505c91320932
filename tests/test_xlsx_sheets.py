"""Spreadsheets people open: every data sheet of the downloads has a frozen header, an
autofilter over all its rows and column widths fitted to its content (generator/xlsx.py),
checked by reading the workbook with openpyxl."""
import io

import openpyxl
import pytest
from kt_testing import BASIC

from generator.export import xlsx_bytes
from generator.load import load_all, load_schemas
from generator.model import build_model
from generator.xlsx import (
    MAX_WIDTH,
    SHEET_HEAD,
    SHEET_TAIL,
    column_letter,
    row_xml,
    workbook_from_pieces,
)
from generator.zipfiles import deflate_piece


def test_column_letters():
    assert [column_letter(n) for n in (1, 26, 27, 52, 703)] == ["A", "Z", "AA", "AZ", "AAA"]


def test_sheet_from_pieces_gets_filter_and_widths():
    head = deflate_piece((SHEET_HEAD + row_xml(["id", "nama"], ' s="1"')).encode())
    rows = [deflate_piece("".join(row_xml([f"x{i}", "Persentase kehadiran pegawai"]) for i in range(7)).encode()),
            deflate_piece(row_xml(["y", "a & b"]).encode())]
    data = workbook_from_pieces(["t"], "T", [[head, *rows, deflate_piece(SHEET_TAIL.encode())]])
    ws = openpyxl.load_workbook(io.BytesIO(data))["t"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:B9"  # the header and 8 rows
    assert ws.column_dimensions["B"].width == len("Persentase kehadiran pegawai") + 2
    assert ws.column_dimensions["A"].width >= len("id") + 2
    assert ws["B9"].value == "a & b"


def test_widths_are_kept_between_6_and_60_characters():
    """A column of one-letter codes is still wide enough to click its filter button (6); a
    long text column stops at 60 characters (it wraps in the cell, the sheet stays usable).
    Written out, not read from MIN_WIDTH/MAX_WIDTH: the numbers are the specification."""
    head = deflate_piece((SHEET_HEAD + row_xml(["a", "b", "c"], ' s="1"')).encode())
    rows = deflate_piece(row_xml(["x", "kata " * 40, "sepuluh ch"]).encode())
    data = workbook_from_pieces(["t"], "T", [[head, rows, deflate_piece(SHEET_TAIL.encode())]])
    ws = openpyxl.load_workbook(io.BytesIO(data))["t"]
    assert [ws.column_dimensions[c].width for c in "ABC"] == [6, 60, 12]


def test_a_sheet_without_pieces_is_left_as_it_is():
    from generator.xlsx import finish_sheet
    assert finish_sheet([]) == ([], "")


def test_widths_are_measured_on_the_header_and_the_first_500_rows():
    """A national sheet is not read twice for its widths: the header and the first 500 rows
    (spread over pieces; here the 500th opens the last piece) decide them, a longer text
    further down does not."""
    from generator.xlsx import finish_sheet
    for at, width in ((500, 42), (501, 6)):
        body = [row_xml(["x" * 40 if i == at else "y"]) for i in range(1, 502)]
        pieces = [deflate_piece((SHEET_HEAD + row_xml(["a"], ' s="1"')).encode()),
                  deflate_piece("".join(body[:499]).encode()), deflate_piece("".join(body[499:]).encode()),
                  deflate_piece(SHEET_TAIL.encode())]
        data = workbook_from_pieces(["t"], "T", [pieces])
        ws = openpyxl.load_workbook(io.BytesIO(data))["t"]
        assert ws.column_dimensions["A"].width == width, at
        assert finish_sheet(pieces)[1] == "$A$1:$A$502"


def test_other_sheet_xml_is_left_as_it_is():
    from generator.xlsx import finish_sheet
    other = [deflate_piece(b'<?xml version="1.0"?><worksheet><sheetData><row><c><v>1</v></c></row>'),
             deflate_piece(SHEET_TAIL.encode())]
    assert finish_sheet(other) == (other, "")
    no_tail = [deflate_piece((SHEET_HEAD + row_xml(["a"])).encode())]
    assert finish_sheet(no_tail) == (no_tail, "")


def test_the_workbook_parts_are_in_their_standard_namespaces():
    import xml.etree.ElementTree as ET
    import zipfile
    head = deflate_piece((SHEET_HEAD + row_xml(["a"], ' s="1"')).encode())
    data = workbook_from_pieces(["t"], "T", [[head, deflate_piece(SHEET_TAIL.encode())]])
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        workbook = ET.fromstring(zf.read("xl/workbook.xml"))
        assert workbook.tag == main + "workbook" and workbook.find(main + "sheets") is not None
        assert ET.fromstring(zf.read("xl/worksheets/sheet1.xml")).tag == main + "worksheet"
        # the package's own relationships (OPC) lead to the workbook: without them Excel opens nothing
        rels = ET.fromstring(zf.read("_rels/.rels"))
        office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
        assert [r.get("Target") for r in rels if r.get("Type") == office] == ["xl/workbook.xml"]

    # every sheet part is declared in [Content_Types].xml, or Excel refuses the file
    two = workbook_from_pieces(["a", "b"], "T", [[head, deflate_piece(SHEET_TAIL.encode())]] * 2)
    with zipfile.ZipFile(io.BytesIO(two)) as zf:
        types = ET.fromstring(zf.read("[Content_Types].xml"))
        sheets = {n for n in zf.namelist() if n.startswith("xl/worksheets/")}
    declared = {o.get("PartName") for o in types if o.get("PartName", "").startswith("/xl/worksheets/")}
    assert declared == {"/" + n for n in sheets} == {"/xl/worksheets/sheet1.xml", "/xl/worksheets/sheet2.xml"}


def test_a_header_only_sheet_filters_its_header_and_names_the_range():
    """A table with no rows (a decree without targets) is a header: the autofilter and
    Excel's _FilterDatabase name cover that one row."""
    import zipfile
    head = deflate_piece((SHEET_HEAD + row_xml(["id", "nama"], ' s="1"')).encode())
    data = workbook_from_pieces(["t"], "T", [[head, deflate_piece(SHEET_TAIL.encode())]])
    assert openpyxl.load_workbook(io.BytesIO(data))["t"].auto_filter.ref == "A1:B1"
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert ">'t'!$A$1:$B$1</definedName>" in zf.read("xl/workbook.xml").decode()


def test_the_header_row_is_bold_and_the_others_are_not():
    from generator.xlsx import sheet_xml, workbook_parts
    from generator.zipfiles import pieces_zip
    parts = workbook_parts(["t"], "T")
    data = pieces_zip([(n, [deflate_piece(b)]) for n, b in parts] +
                      [("xl/worksheets/sheet1.xml", [deflate_piece(sheet_xml([["id"], ["a"], ["b"]]))])])
    ws = openpyxl.load_workbook(io.BytesIO(data))["t"]
    assert [ws.cell(r, 1).font.b for r in (1, 2, 3)] == [True, False, False]


def test_sheet_names_are_cut_to_excels_31_characters():
    import zipfile
    name = "indikator kinerja individu per jabatan"  # 38 characters
    head = deflate_piece((SHEET_HEAD + row_xml(["a"], ' s="1"')).encode())
    data = workbook_from_pieces([name], "T", [[head, deflate_piece(SHEET_TAIL.encode())]])
    assert openpyxl.load_workbook(io.BytesIO(data)).sheetnames == [name[:31]]
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert f'<sheet name="{name[:31]}" ' in zf.read("xl/workbook.xml").decode()


def test_rows_are_counted_whatever_the_cut_between_two_pieces():
    """Every cut between the head and the tail, a piece ending on a whole '<row>' or part
    of one included: the filter covers the same rows as in one piece."""
    from generator.xlsx import finish_sheet
    xml = (SHEET_HEAD + "".join(row_xml([f"x{i}", "nama"]) for i in range(4)) + SHEET_TAIL).encode()
    assert finish_sheet([deflate_piece(xml)])[1] == "$A$1:$B$4"
    for cut in range(len(SHEET_HEAD), len(xml) - len(SHEET_TAIL) + 1):
        assert finish_sheet([deflate_piece(xml[:cut]), deflate_piece(xml[cut:])])[1] == "$A$1:$B$4", cut


def test_the_document_title_is_kept_to_250_characters():
    import zipfile
    data = workbook_from_pieces(["t"], "x" * 300, [[]])
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert "<dc:title>" + "x" * 250 + "</dc:title>" in zf.read("docProps/core.xml").decode()


@pytest.fixture(scope="module")
def workbook():
    sources, _ = load_all(BASIC)
    portal = build_model(sources)
    doc = portal.documents[0]
    schemas, _ = load_schemas(BASIC)
    return openpyxl.load_workbook(io.BytesIO(xlsx_bytes(doc.tables, schemas, doc.id))), doc


def test_download_workbook_sheets(workbook):
    wb, doc = workbook
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        assert ws.auto_filter.ref == f"A1:{column_letter(ws.max_column)}{ws.max_row}", ws.title
        for k in range(1, ws.max_column + 1):
            width = ws.column_dimensions[column_letter(k)].width
            assert 6 <= width <= MAX_WIDTH, (ws.title, k, width)
            header = ws.cell(1, k).value or ""
            assert width >= min(len(header) + 2, MAX_WIDTH), (ws.title, header, width)
    assert wb["indicators"].max_row == len(doc.tables["indicators"]) + 1
