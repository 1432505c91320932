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
