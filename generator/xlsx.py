"""A small, fast, reproducible XLSX (SpreadsheetML) writer.

Text is always written as an inline string (t="inlineStr"), so a cell that begins with
= + - @ can never become a formula in Excel or LibreOffice; numbers are numbers. No
timestamps are written, so the same rows give the same bytes. About 50x faster than
openpyxl for our tables (a national portal writes millions of cells).
"""
from __future__ import annotations

import re
import zlib
from collections.abc import Iterator, Sequence
from html import unescape
from xml.sax.saxutils import escape

from .errors import GeneratorError
from .zipfiles import Piece, deflate_piece, pieces_zip_chunks

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


def row_xml(row: Sequence, style: str = "") -> str:
    """The row's cells, each as _cell writes it. A text cell (the most of them) is written
    here without a call (escaped as xml.sax.saxutils.escape does), and the characters XML
    cannot hold are dropped from the whole row at once: only text values can hold them
    (tags, style and numbers never do), and dropping them before or after escaping is the
    same (escaping neither makes nor takes any)."""
    cells = list(row)
    while cells and (cells[-1] is None or cells[-1] == ""):
        cells.pop()
    opening, out = f'<c{style} t="inlineStr"><is><t xml:space="preserve">', []
    for v in cells:
        if type(v) is str and v:
            out.append(opening + v.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;") + TEXT_END)
        else:
            out.append(_cell(v, style))
    return INVALID_XML.sub("", "<row>" + "".join(out) + "</row>")


TEXT_END = "</t></is></c>"


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


# --- a sheet people open: frozen header (SHEET_HEAD), filters and column widths -------------
# A sheet's XML is SHEET_HEAD, its rows, SHEET_TAIL, in pieces compressed ahead of time. When
# the workbook is put together, each sheet gets its column widths (measured on the header
# and the first rows) before its rows and an autofilter over all its rows after them; only
# the first and last pieces change, the rows' pieces are reused as they are.
WIDTH_SAMPLE = 500  # rows measured for the column widths
MIN_WIDTH, MAX_WIDTH = 6, 60  # characters


def column_letter(n: int) -> str:
    """1 -> A, 26 -> Z, 27 -> AA."""
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _inflate(piece: Piece) -> bytes:
    return zlib.decompressobj(-15).decompress(bytes(piece[0]))


# a cell as _cell writes it (text never holds '<': it is escaped): its value, inline text or number
CELL = re.compile(rb"<c[^>]*>(?:<is><t[^>]*>([^<]*)</t>|<v>([^<]*)</v>)?")


def _measure(xml: bytes, widths: list[int], budget: int) -> int:
    """Widen widths (characters per column) to the rows of xml, at most `budget` rows; the
    number of rows measured. A value no longer in bytes than its column's width is not
    decoded: its text (UTF-8 decoded, entities read, its longest line) is never longer."""
    n, at = 0, 0
    while n < budget:  # rows are '<row>...</row>' (row_xml)
        start = xml.find(b"<row>", at)
        end = xml.find(b"</row>", start) if start >= 0 else -1
        if end < 0:
            break
        n, at = n + 1, end + 6
        cells = CELL.findall(xml, start + 5, end)
        if len(widths) < len(cells):
            widths.extend([0] * (len(cells) - len(widths)))
        for k, (text_value, number) in enumerate(cells):
            raw = text_value or number
            if len(raw) <= widths[k]:
                continue
            text = raw.decode("utf-8")
            if b"&" in raw:
                text = unescape(text)
            longest = max(len(line) for line in text.split("\n")) if "\n" in text else len(text)
            if longest > widths[k]:
                widths[k] = longest
    return n


def finish_sheet(pieces: list[Piece]) -> tuple[list[Piece], str]:
    """A sheet made of SHEET_HEAD ... SHEET_TAIL pieces with column widths and an autofilter
    over its header and rows; other sheet XML is left as it is. Also returns the filter's
    range ('$A$1:$F$40', '' for none) for the workbook's _FilterDatabase name. The pieces are
    inflated one at a time (a whole-portal sheet is never held whole)."""
    if not pieces:
        return pieces, ""
    head, tail = SHEET_HEAD.encode(), SHEET_TAIL.encode()
    rows, widths = 0, list[int]()
    budget = WIDTH_SAMPLE + 1  # the header too
    start, end, carry = b"", b"", b""  # the sheet's first and last bytes; the last 4 ('<row>' across pieces)
    first = last = b""
    for n, piece in enumerate(pieces):
        text = _inflate(piece)
        if n == 0:
            first = text
        if n == len(pieces) - 1:
            last = text
        if len(start) < len(head):
            start += text[:len(head) - len(start)]
        end = (end + text[-len(tail):])[-len(tail):]
        rows += text.count(b"<row>") + (carry + text[:4]).count(b"<row>")  # in it, and across the seam
        carry = (carry + text[-4:])[-4:]
        if budget > 0:
            budget -= _measure(text, widths, budget)
    if start != head or end != tail or not widths:
        return pieces, ""
    cols = "<cols>" + "".join(
        f'<col min="{k}" max="{k}" width="{min(max(w + 2, MIN_WIDTH), MAX_WIDTH)}" customWidth="1"/>'
        for k, w in enumerate(widths, start=1)) + "</cols>"
    ref = f"A1:{column_letter(len(widths))}{max(rows, 1)}"
    new_head = SHEET_HEAD.replace("<sheetData>", cols + "<sheetData>", 1).encode()
    new_tail = f'</sheetData><autoFilter ref="{ref}"/></worksheet>'.encode()
    # the first and last pieces hold the head and the tail (a one-piece sheet holds both)
    if len(pieces) == 1:
        out = [deflate_piece(new_head + first[len(head):len(first) - len(tail)] + new_tail)]
    else:
        out = [deflate_piece(new_head + first[len(head):]), *pieces[1:-1],
               deflate_piece(last[:len(last) - len(tail)] + new_tail)]
    absolute = "$A$1:$" + column_letter(len(widths)) + "$" + str(max(rows, 1))
    return out, absolute


def workbook_from_pieces(names: list[str], title: str, sheets: list[list[Piece]]) -> bytes:
    """A workbook from sheet XML compressed in pieces (generator/zipfiles.py): sheets are
    each a list of pieces, in the order of names."""
    return b"".join(workbook_chunks(names, title, sheets))


def workbook_chunks(names: list[str], title: str, sheets: list[list[Piece]]) -> Iterator[bytes]:
    """workbook_from_pieces as a stream of chunks (pieces may be on disk: spill.Spilled)."""
    finished = [finish_sheet(pieces) for pieces in sheets]
    entries = [(n, [deflate_piece(data)]) for n, data in workbook_parts(names, title, [f for _, f in finished])]
    entries += [(f"xl/worksheets/sheet{i}.xml", pieces) for i, (pieces, _) in enumerate(finished, start=1)]
    return pieces_zip_chunks(entries)


def _sheet_name(name: str) -> str:
    return escape(name[:31])


def workbook_parts(names: list[str], title: str, filters: list[str] | None = None) -> list[tuple[str, bytes]]:
    """Every part of the workbook but the sheets; filters: each sheet's autofilter range
    ('' for none), named _xlnm._FilterDatabase as Excel expects."""
    sheets = names
    filters = filters or [""] * len(names)
    defined = "".join(f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
                      f"'{_sheet_name(n).replace(chr(39), chr(39) * 2)}'!{f}</definedName>"
                      for i, (n, f) in enumerate(zip(names, filters)) if f)
    defined = f"<definedNames>{defined}</definedNames>" if defined else ""
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
            + "".join(f'<sheet name="{_sheet_name(name)}" sheetId="{i}" r:id="rId{i}"/>'
                      for i, name in enumerate(sheets, start=1)) + "</sheets>" + defined + "</workbook>").encode()),
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
