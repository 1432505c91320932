"""A small, fast, reproducible XLSX (SpreadsheetML) writer.

Text is always written as an inline string (t="inlineStr"), so a cell that begins with
= + - @ can never become a formula in Excel or LibreOffice; numbers are numbers. No
timestamps are written, so the same rows give the same bytes. About 50x faster than
openpyxl for our tables (a national portal writes millions of cells).
"""
from __future__ import annotations

import re
from xml.sax.saxutils import escape

from .errors import GeneratorError
from .zipfiles import Piece, deflate_piece, pieces_zip

INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _cell(value, style: str = "") -> str:
    """One cell. Cells carry no reference: Excel and LibreOffice place a cell after the
    previous one, so a row's XML does not depend on its row number and rows rendered for
    one agency can be reused in the whole-portal sheet (an empty cell is <c/>)."""
    if value is None or value == "":
        return f"<c{style}/>"
    if isinstance(value, bool):
        value = "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return f"<c{style}><v>{value!r}</v></c>" if isinstance(value, float) else f"<c{style}><v>{value}</v></c>"
    text = escape(INVALID_XML.sub("", str(value)))
    return f'<c{style} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def row_xml(row: list, style: str = "") -> str:
    cells = list(row)
    while cells and (cells[-1] is None or cells[-1] == ""):
        cells.pop()
    return "<row>" + "".join(_cell(v, style) for v in cells) + "</row>"


SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
              'state="frozen"/></sheetView></sheetViews><sheetData>')
SHEET_TAIL = "</sheetData></worksheet>"
HEADER_STYLE = ' s="1"'
EXCEL_MAX_ROWS = 1_048_576  # rows of one worksheet in Excel (and LibreOffice), the header included


def split_sheet(name: str, pieces: list[Piece], counts: list[int],
                max_rows: int = EXCEL_MAX_ROWS) -> list[tuple[str, list[Piece]]]:
    """A table's rows (pieces of counts[i] rows each, in order) in as many worksheets as
    Excel's row limit needs: 'name', 'name (2)', ... each at most max_rows rows with its
    header. Pieces are never cut (the rows of one decree stay on one sheet); a single
    piece that does not fit on a sheet is refused."""
    room = max_rows - 1  # below the header row
    sheets: list[tuple[str, list[Piece]]] = [(name, [])]
    used = 0
    for piece, n in zip(pieces, counts, strict=True):
        if n > room:
            raise GeneratorError(f"sheet {name!r}: {n:,} rows in one piece, more than the {room:,} rows "
                                 f"below the header that an Excel sheet holds ({max_rows:,} in all)")
        if used + n > room:
            sheets.append((f"{name} ({len(sheets) + 1})", []))
            used = 0
        sheets[-1][1].append(piece)
        used += n
    return sheets


def sheet_xml(rows: list[list]) -> bytes:
    """The first row is the bold header."""
    body = "".join(row_xml(r, HEADER_STYLE if i == 0 else "") for i, r in enumerate(rows))
    return (SHEET_HEAD + body + SHEET_TAIL).encode("utf-8")


def workbook_from_pieces(names: list[str], title: str, sheets: list[list[Piece]]) -> bytes:
    """A workbook from sheet XML compressed in pieces (generator/zipfiles.py): sheets are
    each a list of pieces, in the order of names."""
    entries = [(n, [deflate_piece(data)]) for n, data in workbook_parts(names, title)]
    entries += [(f"xl/worksheets/sheet{i}.xml", pieces) for i, pieces in enumerate(sheets, start=1)]
    return pieces_zip(entries)


def workbook_parts(names: list[str], title: str) -> list[tuple[str, bytes]]:
    """Every part of the workbook but the sheets."""
    sheets = names
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    entries = [
        ("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
            + "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                      for i in range(1, len(sheets) + 1)) + "</Types>").encode()),
        ("_rels/.rels", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
            "</Relationships>").encode()),
        ("docProps/core.xml", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>' + escape(INVALID_XML.sub("", title[:250])) +
            "</dc:title><dc:creator>Kinerja Terbuka</dc:creator></cp:coreProperties>").encode()),
        ("xl/workbook.xml", (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{ns}" xmlns:r="{rel}"><sheets>'
            + "".join(f'<sheet name="{escape(name[:31])}" sheetId="{i}" r:id="rId{i}"/>'
                      for i, name in enumerate(sheets, start=1)) + "</sheets></workbook>").encode()),
        ("xl/_rels/workbook.xml.rels", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(f'<Relationship Id="rId{i}" Type="{rel}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                      for i in range(1, len(sheets) + 1))
            + f'<Relationship Id="rId{len(sheets) + 1}" Type="{rel}/styles" Target="styles.xml"/>'
            "</Relationships>").encode()),
        ("xl/styles.xml", (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{ns}">'
            '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            "</styleSheet>").encode()),
    ]
    return entries
