"""The XLSX writer (generator/xlsx.py): cells, and Excel's row limit."""
from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from generator.errors import GeneratorError
from generator.export import xlsx_bytes
from generator.load import RESOURCES, load_shared_schemas
from generator.xlsx import EXCEL_MAX_ROWS, row_xml, split_sheet
from generator.zipfiles import deflate_piece

from kt_testing import ROOT

LIMIT = 1_048_576


def test_the_limit_is_excels():
    assert EXCEL_MAX_ROWS == LIMIT


def piece(tag: str):
    return deflate_piece(tag.encode())


def test_a_full_sheet_stays_one_sheet_at_the_limit():
    """1,048,575 rows below the header fill one sheet exactly (counts only: no million rows written)."""
    a, b = piece("a"), piece("b")
    assert split_sheet("indicators", [a, b], [LIMIT - 2, 1]) == [("indicators", [a, b])]


def test_one_row_more_goes_on_a_second_sheet():
    a, b, c = piece("a"), piece("b"), piece("c")
    assert split_sheet("indicators", [a, b, c], [LIMIT - 2, 1, 1]) == [("indicators", [a, b]), ("indicators (2)", [c])]
    assert split_sheet("goals", [a, b, c], [LIMIT - 1, LIMIT - 1, 5]) == [
        ("goals", [a]), ("goals (2)", [b]), ("goals (3)", [c])]


def test_a_piece_larger_than_a_sheet_is_refused_with_the_numbers():
    with pytest.raises(GeneratorError, match=r"sheet 'indicators': 1,048,576 rows in one piece, more than the "
                                             r"1,048,575 rows below the header"):
        split_sheet("indicators", [piece("a")], [LIMIT])


def test_counts_must_match_pieces():
    with pytest.raises(ValueError):
        split_sheet("x", [piece("a")], [])


def test_a_workbook_over_the_limit_is_split_into_sheets_that_read_back():
    """The same code path with a small limit: every row is on exactly one sheet, each sheet
    has the header and at most the limit."""
    schemas = load_shared_schemas(ROOT / "datapackages")
    rows = [{"code": f"{i:02d}", "name": f"R{i}", "level": "provinsi", "parent_code": ""} for i in range(10, 17)]
    import generator.export as export
    old = export.XLSX_CHUNK
    export.XLSX_CHUNK = 2
    try:
        data = xlsx_bytes({"regions": rows}, schemas, "t", max_rows=5)  # 4 data rows per sheet
    finally:
        export.XLSX_CHUNK = old
    wb = load_workbook(io.BytesIO(data))
    names = [n for n in wb.sheetnames if n.startswith("regions")]
    assert names == ["regions", "regions (2)"]
    header = [f["name"] for f in schemas["regions"]["fields"]]
    got = []
    for n in names:
        values = list(wb[n].values)
        assert list(values[0][:len(header)]) == header and len(values) <= 5
        got += [v[0] for v in values[1:]]
    assert got == [r["code"] for r in rows]
    assert [n for n in wb.sheetnames if not n.startswith("regions")] == ["keterangan"] + [r for r in RESOURCES if r != "regions"]


def test_empty_cells_are_empty_not_the_text_none():
    assert row_xml(["a", None, "", 1]) == ('<row><c t="inlineStr"><is><t xml:space="preserve">a</t></is></c>'
                                           '<c/><c/><c><v>1</v></c></row>')
    assert row_xml(["a", None, ""]) == '<row><c t="inlineStr"><is><t xml:space="preserve">a</t></is></c></row>'
    assert "None" not in row_xml([None, None, "x"])


def test_text_that_looks_like_a_formula_stays_text_and_numbers_stay_numbers():
    assert row_xml(["=1+1"]) == '<row><c t="inlineStr"><is><t xml:space="preserve">=1+1</t></is></c></row>'
    assert row_xml([2.5, 3]) == "<row><c><v>2.5</v></c><c><v>3</v></c></row>"
    assert row_xml([True]) == '<row><c t="inlineStr"><is><t xml:space="preserve">TRUE</t></is></c></row>'
    assert row_xml(["a<b&\x01c"]) == '<row><c t="inlineStr"><is><t xml:space="preserve">a&lt;b&amp;c</t></is></c></row>'


def test_a_new_sheet_starts_empty():
    """After a sheet is full, the next one holds a whole sheet's rows again."""
    a, b, c = piece("a"), piece("b"), piece("c")
    assert split_sheet("x", [a, b, c], [LIMIT - 1, LIMIT - 2, 1]) == [("x", [a]), ("x (2)", [b, c])]


def test_booleans_are_written_as_words():
    assert row_xml([False, True]) == ('<row><c t="inlineStr"><is><t xml:space="preserve">FALSE</t></is></c>'
                                      '<c t="inlineStr"><is><t xml:space="preserve">TRUE</t></is></c></row>')


def test_every_part_the_workbook_names_is_in_it_and_well_formed():
    """OOXML consistency: each content-type override and each relationship target is a
    member of the zip, every member is well-formed XML, the title is in the core properties."""
    import posixpath
    import zipfile
    from xml.etree import ElementTree as ET

    schemas = load_shared_schemas(ROOT / "datapackages")
    zf = zipfile.ZipFile(io.BytesIO(xlsx_bytes({}, schemas, "Judul & <uji>")))
    names = set(zf.namelist())
    trees = {n: ET.fromstring(zf.read(n)) for n in names}  # raises on malformed XML
    types = trees["[Content_Types].xml"]
    for o in types.iter("{http://schemas.openxmlformats.org/package/2006/content-types}Override"):
        assert o.get("PartName").lstrip("/") in names, o.get("PartName")
    rel_ns = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
    for rels in (n for n in names if n.endswith(".rels")):
        base = posixpath.dirname(posixpath.dirname(rels))
        for r in trees[rels].iter(rel_ns):
            assert posixpath.normpath(posixpath.join(base, r.get("Target"))) in names, (rels, r.get("Target"))
    wb = load_workbook(io.BytesIO(zf.fp.getvalue()))
    assert wb.properties.title == "Judul & <uji>" and wb.properties.creator == "Kinerja Terbuka"


def test_a_row_is_its_cells_as_cell_writes_them():
    """row_xml writes text cells itself and drops the characters XML cannot hold from the
    whole row: the same as _cell for each value, whatever the values and the style."""
    import random

    from markupsafe import Markup

    from generator.xlsx import _cell, row_xml
    rnd = random.Random(9)
    pieces = ["a", "&", "<", ">", "\"", "\x00", "\x01", "\x0b", "\x1f", "\t", "\n", "\ufffe", "\uffff", "é", "=1+1"]
    def value():
        k = rnd.random()
        if k < 0.2:
            return rnd.choice([None, "", 0, 0.0, 7, -2.5, True, False, 10 ** 20, 1e-7])
        if k < 0.25:
            return Markup("<b>x</b>")
        return "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 6)))
    for _ in range(3000):
        row = [value() for _ in range(rnd.randint(0, 6))]
        for style in ("", ' s="1"'):
            cells = list(row)
            while cells and (cells[-1] is None or cells[-1] == ""):
                cells.pop()
            assert row_xml(row, style) == "<row>" + "".join(_cell(v, style) for v in cells) + "</row>", row
    assert row_xml(["\x01"]) == '<row><c t="inlineStr"><is><t xml:space="preserve"></t></is></c></row>'
    assert row_xml(("a", None, "")) == row_xml(["a"])
