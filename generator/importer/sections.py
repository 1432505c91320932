"""Decree text -> sections: positions (jabatan) with tugas/fungsi (V24, V25), and their tables.

Rules are about formats, never about particular files: label lines in every style seen
(`1. Jabatan : X`, `**Jabatan :X**`, `Jabatan<TAB>: X`, a title on a later line), list
items in every marker style, table header rows recognised through a synonym table that
tolerates truncation and glued words, repeated headers after page breaks, column-number
rows and separator rows.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .cells import clean_inline, footnote_marker, strip_html, strip_marker
from .ocr import digits, label_words, letters
from .rows import is_group_heading, is_group_heading_row
from .syntax import normalise
from .tables import (header_ordinal, INFERRED_ROLES, PAGE_MARK, Row, Table, apply_subheader, end_columns, header_role, header_year, is_column_number_row,
                     is_header, is_separator_row, is_subheader, settle_roles, AGENCY_WORDS)

# a label may carry its English gloss: 'Position (Jabatan) :', 'Jabatan / Position :' (V75)
GLOSS = r"(?:position|job\s+title|duties|tasks?|functions?)"
# a label's number: '1.', 'II.1 ', 'A. ' (V80)
LABEL_NUMBER = r"(?:\d{1,2}\.?\s*|(?:[IVX]{1,4}|[A-Z]|\d{1,2})(?:\.\d{1,2})+\.? +|(?:[IVX]{1,4}|[A-Z])\. +)?"
LABEL = re.compile(r"^\s*(?:[-*]\s*)?" + LABEL_NUMBER + r"(?:\*\*)?\s*(?:" + GLOSS + r"\s*[(/]\s*)?(?:nama\s+|uraian\s+)?"
                   r"(jabatan|tugas|fungsi)(?:\s+(?:pokok|utama))?\b\s*\)?(?:\s*[(/]\s*" + GLOSS + r"\s*\)?)?"
                   r"\s*(?:\*\*)?\s*([:\t]|$)?(.*)$",
                   re.IGNORECASE)
LIST_ITEM = re.compile(r"^\s*(?:[-•*]\s*)?(?:\(?(?:\d{1,2}|[a-zA-Z])[.)]|\d{1,2}\s)\s*\S")
HEADING = re.compile(r"^\s*#*\s*\**\s*(indikator kinerja|\(iki\)|\(iku\)|iki\b|lampiran)", re.IGNORECASE)
# 'Visi : ...', and the agency's identity list ('1. INSTANSI : ...', '2. TUJUAN : ...'); an
# unnumbered 'Tujuan :' elsewhere is a cited regulation's, not the agency's
GOAL_LABEL = re.compile(r"^(?:(visi|misi)|\d{1,2}\.\s*(tujuan))\s*:\s*(\S.*)$", re.IGNORECASE)
# a heading naming the agency of the tables below it, in a decree that covers several
# ('PERANGKAT DAERAH : DINAS X', 'A. DINAS X', 'IKU DINAS X', 'INDIKATOR KINERJA UTAMA BADAN X')
AGENCY_HEADING = re.compile(
    r"^\s*(?:(?:tabel|table)\s+\d{1,3}(?:\.\d{1,2})*\s*[.:)\-–]?\s*)?"  # a caption 'Tabel 2.' (V94)
    r"(?:(?:[A-Z]|\d{1,2}|[IVX]{1,4})[.)]\s+)?(?:(?:NAMA\s+)?(?:PERANGKAT\s+DAERAH|OPD|SKPD|UNIT\s+KERJA|INSTANSI)"
    r"\s*:\s*(?P<a>\S.*?)|(?:(?:INDIKATOR\s+KINERJA\s+UTAMA|IKU)\s*(?:\(IKU\)\s*)?(?:PADA\s+)?)?"
    r"(?P<b>" + AGENCY_WORDS + r".*?))\s*:?\s*$", re.IGNORECASE)
# the words a position title starts with (a heading naming a position without a 'Jabatan' label)
POSITION_WORDS = (r"(?:kepala|sekretaris|camat|lurah|wakil|analis|pengelola|pengadministrasi|bendahara|penyusun|"
                  r"pranata|kasubag|kasubbag|kasi|kabid|kabag|staf|pelaksana|penata|pengawas|auditor|perencana|"
                  r"arsiparis|pengolah|penyuluh|operator|verifikator|inspektur|asisten|direktur|komandan|juru|"
                  r"teknisi|pramu|penguji|ajudan|sekcam|fungsional)\b")
# a table caption before the heading ('Tabel 2. Indikator Kinerja Individu Kepala Bagian X')
CAPTION = r"(?:(?:tabel|table)\s+(?:\d{1,3}(?:\.\d{1,2})*|[IVX]{1,4})\s*[.:)\-–]?\s*)?"
IKI_TITLE = re.compile(r"^\s*#*\s*" + CAPTION + r"(?:(?:\d{1,2}|[A-Z]|[IVX]{1,4})[.)]\s*)?(?:INDIKATOR\s+KINERJA\s+INDIVIDU|IKI)\s*"
                       r"(?:\(\s*IKI\s*\))?\s*[:\-–]?\s*(?:JABATAN\s+)?(?P<title>" + POSITION_WORDS + r"[^:;]{0,100}?)"
                       r"(?:\s+TAHUN(?:\s+ANGGARAN)?\s+20\d\d(?:\s*[-–]\s*20\d\d)?)?\s*$",  # the year is no part of the title
                       re.IGNORECASE)
TITLE_HEADING = re.compile(r"^\s*#*\s*(?:(?:\d{1,2}|[A-Z]|[IVX]{1,4})[.)]\s*)?(?P<title>" + POSITION_WORDS + r"[^:;,]{0,100}?)\.?\s*$",
                           re.IGNORECASE)
SASARAN_LINE = re.compile(r"^\s*(?:[-*]\s*)?(?:\d{1,2}[.)]\s*)?sasaran(?:\s+(?:kinerja|strategis|program|kegiatan|"
                          r"individu|jabatan))?(?:\s+\d{1,2}(?:\.\d{1,2})*)?\s*:\s*(?P<text>\S.*)$", re.IGNORECASE)
RESPONSIBLE_LINE = re.compile(r"^\s*(?:(?:unit\s+(?:kerja\s+)?)?penanggung\s*jawab|pj|pic)\s*:\s*(?P<text>\S.*)$", re.I)
TRAILING_LABEL = re.compile(r"^(\S.*?\S)\s*\*\*\s*(Tugas|Fungsi)\s*\*\*\s*:?\s*$", re.IGNORECASE)


@dataclass
class Item:
    text: str
    first: int
    last: int


@dataclass
class Position:
    title: str
    line: int
    title_last: int
    tugas: list[Item] = field(default_factory=list)
    fungsi: list[Item] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    flags: set = field(default_factory=set)
    numbered: bool = False  # from a JABATAN column: its first row has a number


@dataclass
class Document:
    lines: list[str]
    positions: list[Position] = field(default_factory=list)
    agency_tables: list[Table] = field(default_factory=list)  # IKU and cascade tables
    agency_tugas: list[Item] = field(default_factory=list)
    agency_tujuan: list[Item] = field(default_factory=list)  # 'TUJUAN : ...' of the agency itself
    agency_fungsi: list[Item] = field(default_factory=list)
    ignored_tables: list[Table] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)

    def warn(self, code: str, line: int | None, message: str, severity: str = "warning") -> None:
        self.warnings.append({"code": code, "severity": severity, "line": line, "message": message})


def _split_ol_items(text: str, first: int) -> list[Item]:
    """'<ol>1. A;2. B' (003: an <ol> with no <li>, items separated by ';N.')."""
    body = re.sub(r"</?ol[^>]*>", " ", text)
    parts = re.split(r"(?:(?<=;)|(?<=\.)|^)\s*(?=\d{1,2}\.\s*[A-Z])", body.strip())
    return [Item(strip_marker(strip_html(p)), first, first) for p in parts if strip_html(p)]


@dataclass
class Line:
    """One line of the text as the rules see it."""
    n: int
    text: str                   # the line, trailing spaces cut (trailing TABs are empty cells: kept)
    stripped: str = ""          # markup out
    last: int = 0               # the last source line of a row the front stage joined (syntax.py)
    label: re.Match | None = None
    cells: list = field(default_factory=list)


@dataclass
class Parser:
    """What the line rules carry from line to line."""
    doc: Document
    pos: Position | None = None
    mode: str | None = None             # 'tugas' / 'fungsi' while reading a duty list
    table: Table | None = None
    heading_since_table: bool = False
    pending_title: Position | None = None   # 'Jabatan' with its title on a later line
    title_open: Position | None = None      # a title that may continue on the next line
    current_agency: str = ""                # the agency a per-agency heading named
    pending_sasaran: str = ""               # a 'Sasaran : ...' line waiting for its table
    pending_responsible: str = ""           # a 'Penanggung Jawab : ...' line waiting for its table (V85)
    agency_headings: list = field(default_factory=list)
    block: tuple | None = None              # (table, current row, role of an open list) in an Indikator : ... block
    legend: Table | None = None             # the table a 'Keterangan:' legend under it explains (V96)
    signing: bool = False                   # inside a signature block written as table rows (V92)
    furniture: set = field(default_factory=set)  # annex headings and references seen: repeated, a running header (V91)
    pending_year: int | None = None         # a caption naming one year, waiting for its table (V79)
    caption_pos: Position | None = None     # a position named by an 'INDIKATOR KINERJA INDIVIDU X' caption (V99)


# ---- rules for TAB-separated lines (table rows) ----

def separator_or_column_numbers(p: Parser, ln: Line) -> bool:
    """'--<TAB>---' (V21) and '(1)<TAB>(2)' (V19) rows are skipped; under a header they are part of it."""
    if not (is_separator_row(ln.cells) or is_column_number_row(ln.cells)):
        return False
    t = p.table
    if t and not t.rows and t.header_lines and t.header_lines[-1] == ln.n - 1:
        t.header_lines.append(max(ln.n, ln.last))  # a two-row header may follow the column numbers
    return True


def subheader(p: Parser, ln: Line) -> bool:
    """The second (third) row of a header: sasaran levels, years under TARGET (V20)."""
    t = p.table
    if not (t and t.header_lines and t.header_lines[-1] == ln.n - 1 and is_subheader(ln.cells, None if t.rows else t.head_cells)):
        return False
    filled = [c for c in ln.cells if strip_html(c)]
    if t.rows and len(filled) == 1 and not header_year(filled[0]) and strip_html(ln.cells[0]) == "":
        return False  # under a header repeated after a page break: the rest of a cell split by the break (V91)
    if not t.rows:  # a repeated two-row header leaves the columns as they are
        apply_subheader(t, ln.cells)
    t.header_lines.append(max(ln.n, ln.last))
    return True


def header(p: Parser, ln: Line) -> bool:
    """A header row: the same header repeated after a page break (V16), or a new table."""
    if not is_header(ln.cells):
        return False
    roles = settle_roles(ln.cells, [header_role(c) for c in ln.cells])
    t = p.table
    if t and t.head_roles[: len(roles)] == roles[: len(t.head_roles)] and not p.heading_since_table \
            and not (p.mode or p.pending_title):
        t.header_lines.append(max(ln.n, ln.last))  # header repeated after a page break
        t.repeat_pending = bool(t.rows)
        return True
    above = t if t is not None and t.rows and not p.heading_since_table else None
    years = [(header_year(c) or header_ordinal(c)) if r in ("target", "baseline") else None for c, r in zip(ln.cells, roles)]
    p.legend = None
    yearly = p.pending_year is not None and "target" in roles and not any(
        y for y, r in zip(years, roles) if r == "target")
    p.table = Table(ln.n, roles, header_lines=[max(ln.n, ln.last)], head_cells=list(ln.cells),
                    after_heading=p.heading_since_table and not yearly, agency=p.current_agency, years=years,
                    sasaran=p.pending_sasaran, ends=end_columns(ln.cells),
                    responsible=p.pending_responsible if "responsible" not in roles else "",
                    year=p.pending_year if yearly else None, yearly=yearly)
    if above is not None and "no" in roles and "indicator" not in roles and "indicator" in above.roles \
            and "no" in above.roles:
        p.table.columns_of = above  # the other columns of the rows above, printed on the next page (V84)
    p.pending_sasaran = ""
    p.pending_responsible = ""
    p.pending_year = None
    p.heading_since_table = False
    p.mode = None
    _attach(p.doc, p.pos, p.table)
    return True


def header_inferred(p: Parser, ln: Line) -> bool:
    """Rows under a position with no header row: the columns by the usual layouts (warned)."""
    if p.table is None and p.pos is not None and not p.pos.tables and len(ln.cells) in INFERRED_ROLES:
        p.table = Table(ln.n, list(INFERRED_ROLES[len(ln.cells)]), header_lines=[], inferred=True)
        _attach(p.doc, p.pos, p.table)
        p.doc.warn("header-inferred", ln.n, f"a table under {p.pos.title!r} has no header row; columns read as "
                   + ", ".join(r or "-" for r in p.table.roles))
    return False


def row_outside_tables(p: Parser, ln: Line) -> bool:
    """TAB rows outside any indicator table (a table of contents): ignored, one warning per run."""
    if p.table is not None:
        return False
    doc = p.doc
    last = doc.warnings[-1] if doc.warnings else None
    if last and last["code"] == "table-without-header" and last.get("_end") in (ln.n - 1, ln.n - 2):
        last["_end"] = ln.n
        last["message"] = (f"lines {last['line']}-{ln.n}: TAB-separated rows outside any recognised "
                           "indicator table (e.g. a table of contents): ignored")
    else:
        doc.warn("table-without-header", ln.n, f"line {ln.n}: a TAB-separated row outside any recognised "
                 "indicator table: ignored")
        doc.warnings[-1]["_end"] = ln.n
    return True


def table_row(p: Parser, ln: Line) -> bool:
    """A data row. After a repeated header, a row with its own first cell starts another table
    of the same layout (probably the table of a position whose header page is lost); a
    page-break continuation starts with an empty cell."""
    t = p.table
    if t.repeat_pending and strip_html(ln.cells[0]) and p.pos is not None and not _numbering_goes_on(t, ln.cells):
        t.repeat_pending = False
        head = t.header_lines.pop()
        p.table = t = Table(head, list(t.roles), header_lines=[head], after_heading=True, years=list(t.years))
        _attach(p.doc, p.pos, t)
    t.repeat_pending = False
    t.rows.append(Row(ln.n, ln.cells, ln.last or ln.n))
    return True


def _numbering_goes_on(t: Table, cells: list[str]) -> bool:
    """The row's number follows the last number of the table above ('2.' rows, a page break, the
    header again, '3.'): the same table goes on."""
    if "no" not in t.roles:
        return False
    k = t.roles.index("no")

    def number(row_cells: list[str]) -> int | None:
        m = re.fullmatch(r"\s*(\d{1,3})\s*[.)]?\s*", strip_html(row_cells[k]) if k < len(row_cells) else "")
        return int(m.group(1)) if m else None
    last = next((x for x in (number(r.cells) for r in reversed(t.rows)) if x is not None), None)
    return last is not None and number(cells) == last + 1


def wrapped_title_cell(p: Parser, ln: Line) -> bool:
    """'Nama Jabatan<TAB>: Kepala Pusat X' / '<TAB>Wilayah Kota Y': a position title wrapped into
    the label's value column, before any table (V48)."""
    t = p.title_open
    filled = [strip_html(c) for c in ln.cells if strip_html(c)]
    if not (t is not None and p.table is None and t.title and len(filled) == 1 and not strip_html(ln.cells[0])
            and ln.n - t.title_last == 1 and len(filled[0].split()) <= 8 and ":" not in filled[0]
            and not header_role(filled[0])):
        return False
    t.title = f"{t.title} {filled[0]}"
    t.title_last = ln.n
    return True


BLOCK_ROLES = ["sasaran", "indicator", "formula", "unit", "target", "data_source", "responsible"]
BLOCK_KEY = re.compile(r"^\s*(?:[-•*]\s*)?(?P<key>(?:sasaran|indikator|iku|iki|formulasi|formula|rumus|penjelasan|cara|"
                       r"definisi|target|satuan|sumber|penanggung)[A-Za-z0-9 ./()-]{0,40}?)\s*:\s*(?P<value>.*)$", re.I)
BLOCK_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[a-z][.)]|[-•*])\s+\S")


LIST_HEADING = re.compile(r"^\s*(?:#+\s*)?(?:(?:[A-Z]|\d{1,2}|[IVX]{1,4})[.)]\s*)?(?:\*\*)?(?:INDIKATOR\s+KINERJA"
                          r"(?:\s+(?:UTAMA|INDIVIDU))?|IKU|IKI)\b[^:\t]*:?\s*(?:\*\*)?\s*$", re.I)


def _list_follows(lines: list[str], n: int) -> bool:
    """The next filled line after line n opens a numbered list of plain items (no labels, no TABs)."""
    nxt = next((x for x in lines[n: n + 4] if x.strip()), "")
    return bool(re.match(r"^\s*1[.)]\s+[A-Z]", nxt)) and "\t" not in nxt and ":" not in nxt[:40] \
        and not LABEL.match(clean_inline(nxt))


def _block_key(text: str) -> tuple[str, str, int | None] | None:
    """'Indikator Kinerja : X' -> ('indicator', 'X', None); 'Target 2024 : 80%' -> ('target', '80%', 2024)."""
    m = BLOCK_KEY.match(text.replace("\t", " "))
    if not m:
        return None
    role = header_role(m.group("key"))
    return (role, m.group("value").strip(), header_year(m.group("key"))) if role in BLOCK_ROLES else None


def indicator_block(p: Parser, ln: Line) -> bool:
    """Indicators written as labelled lines instead of a table (V53): 'Sasaran : A' /
    'Indikator Kinerja : B' (or a numbered list under it) / 'Formulasi : C' / 'Target : D' /
    'Sumber Data : E'. Each block becomes a row of a table with those columns (so every row
    rule applies); a warning names the block, the pairing of listed items is the row rules'."""
    text = ln.stripped or " ".join(c for c in ln.cells if c.strip())
    key = _block_key(text) if (not ln.cells or len([c for c in ln.cells if c.strip()]) <= 3) else None
    if p.block is not None:
        table, row, open_role = p.block
        if key is None and open_role and BLOCK_ITEM.match(text):
            k = BLOCK_ROLES.index(open_role)
            row.cells[k] = f"{row.cells[k]} {text.strip()}".strip()
            return True
        if key is None:  # the block is over: its table too (rows below need a header of their own)
            p.block = None
            if p.table is table:
                p.table = None
            return False
    elif key is None and p.table is None and LIST_HEADING.match(text) and _list_follows(p.doc.lines, ln.n):
        # 'INDIKATOR KINERJA UTAMA DINAS Y' / '1. Persentase A' / '2. Indeks B': a list, no table (V55)
        name = _agency_heading(ln.text, ln.stripped) if p.pos is None else ""
        if name:
            p.current_agency = name
            p.agency_headings.append(name)
        table = Table(ln.n, list(BLOCK_ROLES), years=[None] * len(BLOCK_ROLES), agency=p.current_agency)
        _attach(p.doc, p.pos, table)
        p.table, p.mode, p.title_open = table, None, None
        p.doc.warn("indicator-block", ln.n, "indicators written as a numbered list under a heading, not as a "
                   "table: names only, no formula, target or source")
        row = Row(ln.n, [""] * len(BLOCK_ROLES))
        table.rows.append(row)
        p.block = (table, row, "indicator")
        return True
    elif key is None or key[0] not in ("indicator", "sasaran") or IKI_TITLE.match(text) or (
            key[0] == "indicator" and re.match(POSITION_WORDS, key[1], re.I)):
        return False  # 'Indikator Kinerja Individu : Kepala Seksi X' names a position (IKI_TITLE)
    elif key[0] == "sasaran" and not any((_block_key(x) or ("",))[0] == "indicator"
                                         for x in p.doc.lines[ln.n: ln.n + 3]):
        return False  # a 'Sasaran : ...' line over a table (sections.sasaran_line)
    role, value, year = key
    if p.block is None:
        table = Table(ln.n, list(BLOCK_ROLES), years=[None] * len(BLOCK_ROLES))
        _attach(p.doc, p.pos, table)
        p.table, p.mode, p.title_open = table, None, None
        p.doc.warn("indicator-block", ln.n, "indicators written as labelled lines (Indikator : ...), not as a "
                   "table: read as one row per indicator; check the pairing of its fields")
        row = None
    else:
        table, row, _ = p.block
    k = BLOCK_ROLES.index(role)
    if row is None or (role == "indicator" and row.cells[k]) or (role == "sasaran" and row.cells[1]):
        row = Row(ln.n, [""] * len(BLOCK_ROLES))
        table.rows.append(row)
    if role == "target" and year and not table.years[k]:
        table.years[k] = year
    row.cells[k] = f"{row.cells[k]} {value}".strip()
    p.block = (table, row, role if not value or role == "indicator" else None)
    return True


def title_row(p: Parser, ln: Line) -> bool:
    """'INDIKATOR KINERJA INDIVIDU (IKI) CAMAT<TAB><TAB>...': a position heading written as the
    first row of its table, across it (V68)."""
    filled = [c for c in ln.cells if strip_html(c)]
    if len(filled) != 1 or not strip_html(ln.cells[0]):
        return False
    text = clean_inline(ln.cells[0])
    return bool(IKI_TITLE.match(text)) and position_heading(p, Line(ln.n, text, stripped=text, last=ln.last))


ANNEX_LABEL = re.compile(r"^\s*(?:NOMOR|NO\.|TANGGAL|TGL\.?|TENTANG|LAMPIRAN)\s*$", re.I)


def annex_label_row(p: Parser, ln: Line) -> bool:
    """'NOMOR<TAB>: 800/12/2025' / 'TANGGAL<TAB>: 8 Januari 2025' under a Lampiran heading: the
    annex's reference, never a row of the table above (it ends that table). Repeated at the top of
    every page of the annex (a running header, V91) inside a table, it is page furniture: the
    table goes on."""
    filled = [strip_html(c) for c in ln.cells if strip_html(c)]
    if not (len(filled) == 2 and ANNEX_LABEL.match(filled[0]) and filled[1].startswith(":")):
        return False
    key = " ".join(ln.stripped.split()) if ln.stripped else " ".join(" ".join(filled).split())
    if key in p.furniture and p.table is not None and p.table.rows:
        return True
    p.furniture.add(key)
    if p.table is not None and p.table.rows:
        p.table = None
    return True


# the first line of a signature block: who signs ('Pejabat Penilai,', 'Pegawai yang Dinilai,',
# 'Mengetahui,', 'Pihak Kedua,'), or an official's title in capitals or title case ending with ','
SIGN_OPENER = re.compile(r"^(?:(?:pejabat\s+penilai(?:\s+kinerja)?|pegawai\s+(?:asn\s+)?yang\s+dinilai|atasan\s+(?:langsung|"
                         r"pejabat\s+penilai)|mengetahui|menyetujui|pihak\s+(?:pertama|kedua))\s*,?|(?:(?:a\.?\s*n\.?|plt\.?|plh\.?|"
                         r"pj\.?)\s+)?[A-Z][A-Za-z.'’]*(?:\s+[A-Z][A-Za-z.'’]*){0,9}\s*,)$", re.I)


def signature_row(p: Parser, ln: Line) -> bool:
    """A signature block written as rows of the table it closes, with the table's TABs
    ('<TAB>Pejabat Penilai,<TAB><TAB><TAB>Pegawai yang Dinilai,<TAB>', '<TAB><TAB><TAB><TAB>CAMAT X,'):
    its opener ends the table; its rows (titles, 'ttd', names, NIP lines) are no data (V92)."""
    t = p.table
    filled = [strip_html(c) for c in ln.cells if strip_html(c)]
    if p.signing:
        return True  # 'ttd', the names, the NIP lines under the opener
    if not (t is not None and t.rows and filled and not strip_html(ln.cells[0])
            and all(SIGN_OPENER.match(c) and (re.match(r"(?i)pejabat|pegawai|atasan|mengetahui|menyetujui|pihak", c)
                                              or c.isupper() or re.match(r"(?i)(?:(?:a\.?\s*n|plt|plh|pj)\.?\s+)?"
                                                                         + POSITION_WORDS, c))
                    for c in filled)):  # 'Laporan Bidang A,' (a source wrapped at a comma) opens nothing
        return False
    p.table, p.signing = None, True
    p.doc.warn("signature-rows", ln.n, f"a signature block written as rows of the table above ({', '.join(filled)}): "
               "not read; the table ends there")
    return True


TABLE_RULES = (indicator_block, title_row, annex_label_row, signature_row, wrapped_title_cell, separator_or_column_numbers,
               subheader, header, header_inferred, row_outside_tables, table_row)


# ---- rules for the other lines ----

def wrapped_title(p: Parser, ln: Line) -> bool:
    """A position title wrapped onto the next line: short, not a label, list item or heading."""
    t, p.title_open = p.title_open, None
    if t is None:
        return False
    if (not ln.label and "\t" not in ln.text and not LIST_ITEM.match(ln.stripped) and not HEADING.match(ln.text)
            and not TRAILING_LABEL.match(ln.text) and len(ln.stripped.split()) <= 6
            and not ln.stripped.endswith(":") and ln.n - t.title_last <= 3):
        t.title = f"{t.title} {ln.stripped}"
        t.title_last = ln.n
        return True
    return False


def group_heading(p: Parser, ln: Line) -> bool:
    """'B. JABATAN ADMINISTRATOR': a group of positions, not one; it ends the position above."""
    if not is_group_heading(ln.stripped):
        return False
    p.pos, p.table, p.mode, p.pending_title, p.heading_since_table = None, None, None, None, False
    return True


def agency_heading(p: Parser, ln: Line) -> bool:
    """'A. DINAS PENDIDIKAN', 'PERANGKAT DAERAH : X' above an agency-level table."""
    if "\t" in ln.text:
        return False
    name = _agency_heading(ln.text, ln.stripped)
    # between positions, only in a decree whose headings already named two agencies: a heading
    # naming the agency of the positions below it (V99)
    between = p.pos is not None and len(set(p.agency_headings)) >= 2 and bool(p.pos.tables)
    if not name or not (p.pos is None or between or (p.pos is p.caption_pos and not p.pos.tables)):
        return False
    _drop_empty_caption(p)
    if p.pos is not None:
        p.pos, p.mode, p.pending_title, p.title_open = None, None, None, None
    p.current_agency = name
    p.agency_headings.append(name)
    p.table, p.mode = None, None
    return True


def trailing_label(p: Parser, ln: Line) -> bool:
    """'text **Tugas**': the label came out after its text (V25)."""
    m = TRAILING_LABEL.match(ln.text)
    if not (m and p.pos is not None and not ln.label):
        return False
    p.mode = m.group(2).lower()
    _duty_list(p.doc, p.pos, p.mode).append(Item(clean_inline(m.group(1)), ln.n, ln.n))
    return True


def title_after_colon(p: Parser, ln: Line) -> bool:
    """'1 Jabatan' / (blank) / ': Sekretaris Daerah': the title on a later line (V24)."""
    if not (p.pending_title and ln.stripped.startswith(":")):
        return False
    p.pending_title.title = clean_inline(ln.stripped[1:])
    p.pending_title.title_last = ln.n
    p.pending_title = None
    return True


def _label_rest(ln: Line) -> tuple[str, str]:
    rest = ln.label.group(3).strip()
    if rest.startswith(":"):
        rest = rest[1:]
    return rest, clean_inline(rest).lstrip(":").strip()


def jabatan_label(p: Parser, ln: Line) -> bool:
    """'Jabatan : X' in every style (V24) starts a position; 'Jabatan fungsional ...' in prose does not."""
    if not ln.label or ln.label.group(1).lower() != "jabatan":
        return False
    _, title = _label_rest(ln)
    if "\t" not in ln.text and not ln.label.group(2) and title and title[0].islower():
        return False  # 'Jabatan fungsional ...' inside prose: not a label
    above = p.table
    _drop_empty_caption(p)
    p.pos = Position(title, ln.n, ln.n)
    p.doc.positions.append(p.pos)
    p.pending_title = None if title else p.pos
    p.title_open = p.pos if title else None
    p.mode, p.table, p.heading_since_table = None, None, False
    if title and above is not None and not above.inferred and "indicator" in above.roles and "\t" in ln.text \
            and len([c for c in ln.text.split("\t") if strip_html(c)]) == 1:
        _table_goes_on(p, above)
    return True


def _table_goes_on(p: Parser, above: Table) -> None:
    """'Jabatan: X' as a row across one continuous table: the rows under it are that position's,
    read by the header above the first such row (a table left without rows is dropped)."""
    t = Table(above.line, list(above.roles), years=list(above.years), head_roles=list(above.head_roles),
              header_lines=list(above.header_lines), ends=list(above.ends), agency=above.agency,
              head_cells=list(above.head_cells))
    if not above.rows:
        for holder in [p.doc.agency_tables, p.doc.ignored_tables] + [pos.tables for pos in p.doc.positions]:
            if above in holder:
                holder.remove(above)
    _attach(p.doc, p.pos, t)
    p.table, p.title_open = t, None


def duty_label(p: Parser, ln: Line) -> bool:
    """'Tugas :' / 'Fungsi :' open a duty list (its first item may stand on the label line,
    V25; an <ol> without <li>, V3). A Tugas label after a position's table starts another
    position (its title may be the short rows just before it)."""
    if not ln.label or ln.label.group(1).lower() not in ("tugas", "fungsi"):
        return False
    kind = ln.label.group(1).lower()
    rest, rest_clean = _label_rest(ln)
    if not (ln.label.group(2) or not rest_clean or rest_clean.startswith(("<", "a "))):
        return False
    if kind == "tugas" and p.pos is not None and p.pos.tables and p.pos.tables[-1].rows:
        new = _unlabelled_position(p.doc, p.pos.tables[-1])
        if new:
            p.pos = new
    p.mode, p.table = kind, None
    target = _duty_list(p.doc, p.pos, kind)
    if "<ol" in rest:
        target.extend(_split_ol_items(rest, ln.n))
    elif rest_clean:
        first = strip_marker(rest_clean)
        if first:
            target.append(Item(first, ln.n, ln.n))
    return True


def _opens_position_block(p: Parser, n: int) -> bool:
    """The lines after line n lead to a position's block: a table header or a Tugas/Fungsi
    label, past blank lines and 'Sasaran :' lines only."""
    for raw in p.doc.lines[n: n + 8]:
        text = raw.rstrip(" \r")
        if not clean_inline(text):
            continue
        if "\t" in text:
            label = LABEL.match(text)
            return bool(label and label.group(1).lower() in ("tugas", "fungsi")) or is_header(text.split("\t"))
        if SASARAN_LINE.match(clean_inline(text)):
            continue
        label = LABEL.match(clean_inline(text))
        return bool(label and label.group(1).lower() in ("tugas", "fungsi"))
    return False


def position_heading(p: Parser, ln: Line) -> bool:
    """A position named without a 'Jabatan' label: 'INDIKATOR KINERJA INDIVIDU SEKRETARIS', or a
    short heading line starting with a position word ('3. Kepala Bidang X') followed by its
    table or its Tugas label."""
    if "\t" in ln.text or ln.stripped.endswith((",", ";", ":")) or len(ln.stripped.split()) > 14:
        return False
    m = IKI_TITLE.match(ln.stripped)
    if not m:
        if p.mode and LIST_ITEM.match(ln.stripped):
            return False  # an item of the duty list being read
        m = TITLE_HEADING.match(ln.stripped)
        if not m or not _opens_position_block(p, ln.n):
            return False
    p.pos = Position(m.group("title").strip(" *#."), ln.n, ln.n)
    p.doc.positions.append(p.pos)
    p.caption_pos = p.pos if IKI_TITLE.match(ln.stripped) else None
    p.mode, p.table, p.heading_since_table, p.pending_title, p.title_open = None, None, False, None, None
    return True


def _drop_empty_caption(p: Parser) -> None:
    """'II. INDIKATOR KINERJA INDIVIDU LURAH' followed by headings and 'Jabatan : Lurah X' labels,
    no table of its own: a section caption over several positions, not a position (V99)."""
    c = p.caption_pos
    if c is not None and c is p.pos and not (c.tables or c.tugas or c.fungsi) and c in p.doc.positions:
        p.doc.positions.remove(c)
        p.pos = None
    p.caption_pos = None


def sasaran_line(p: Parser, ln: Line) -> bool:
    """'Sasaran : Meningkatnya ...' above a table without a sasaran column: its indicators' sasaran."""
    m = SASARAN_LINE.match(ln.stripped)
    if not m or p.mode:
        return False
    p.pending_sasaran = m.group("text").strip()
    if p.table is not None and p.table.rows:
        p.table = None  # the next table is another sasaran's
    return True


def responsible_line(p: Parser, ln: Line) -> bool:
    """'Penanggung Jawab : Bidang X' over a table without a responsible column (a caption, with a
    'Sasaran Strategis n : ...' line, V85): the unit in charge of every row of that table."""
    m = RESPONSIBLE_LINE.match(ln.stripped)
    if not m or p.mode:
        return False
    following = [x for x in p.doc.lines[ln.n: ln.n + 4] if x.strip()]
    if not following or "\t" not in following[0] or not is_header(following[0].split("\t")):
        return False
    p.pending_responsible = m.group("text").strip()
    if p.table is not None and p.table.rows:
        p.table = None  # the next table is another caption's
    return True


NOTE_LABEL = re.compile(r"^\s*(?:\*\*)?\s*(?:keterangan|catatan|ket\.)\s*(?:\*\*)?\s*:", re.I)


def note_ends_table(p: Parser, ln: Line) -> bool:
    """'Keterangan:' / 'Catatan :' under a table: a legend, not data; the table is over (the
    TAB-indented signature block after it is no row of it)."""
    if not (NOTE_LABEL.match(ln.stripped) and p.table is not None and p.table.rows):
        return False
    p.legend, p.table = p.table, None
    return True


LEGEND_BASELINE = re.compile(r"\b(?:kondisi|capaian|kinerja)\s+awal\b[^.;]*?\btahun\s+(20\d\d)\b", re.I)
# only a legend that starts its count at the first year ('Tahun ke-I ... adalah Tahun 2025 ...') dates the columns
LEGEND_ORDINALS = re.compile(r"\btahun\s+ke\s*-?\s*(?:I|1)\b.{0,60}?\badalah\s+tahun\s+(20\d\d)\b", re.I)


def legend_line(p: Parser, ln: Line) -> bool:
    """A line of the legend under a table ('Keterangan:' / '1. Tahun ke-I sampai dengan Tahun ke-V
    adalah Tahun 2025 sampai dengan Tahun 2029.' / '2. Kondisi Awal adalah capaian Tahun 2024.'):
    the years its columns name by count, and the year of a baseline column that names none (V96)."""
    t = p.legend
    if t is None or p.pos is not None and p.pos.tables and p.pos.tables[-1] is not t:
        return False
    m = LEGEND_BASELINE.search(ln.stripped)
    first = LEGEND_ORDINALS.search(ln.stripped)
    if not (m or first):
        return False
    for k, (role, year) in enumerate(zip(t.roles, t.years)):
        if m and role == "baseline" and year is None:
            t.years[k] = int(m.group(1))
        elif first and role in ("target", "baseline") and year is not None and year < 0:
            t.years[k] = int(first.group(1)) - year - 1
    return True


def goal_label(p: Parser, ln: Line) -> bool:
    """'Visi : ...' (read by the cascade) or '2. TUJUAN : ...' of the agency: ends any list."""
    m = GOAL_LABEL.match(ln.stripped)
    if not (m and p.pos is None and not p.table):
        return False
    p.mode = None
    if m.group(2):
        p.doc.agency_tujuan.append(Item(m.group(3).strip(), ln.n, ln.n))
    return True


def agency_duties_heading(p: Parser, ln: Line) -> bool:
    """'TUGAS CAMAT :', 'Tugas Pokok dan Fungsi' before any position: the agency's own duties."""
    if re.match(r"^\s*#*\s*\**\s*tugas\s+(camat|pokok|dan fungsi)", ln.text, re.I) and p.pos is None:
        p.mode = "tugas"
        return True
    return False


YEAR_CAPTION = re.compile(r"\b(?:tahun|th\.?|ta\.?)\s+(20\d\d)\b(?!\s*(?:[-–/]|s\.?\s*d|sampai|hingga))", re.I)


def year_caption(p: Parser, ln: Line) -> bool:
    """'A. TARGET INDIKATOR KINERJA UTAMA TAHUN 2024' right above a table whose target column names
    no year: the year of that table's targets. A decree may give one table per year of the same
    indicators (V79); the caption also ends the table above (the header that follows starts a new
    one, even when it repeats the header above)."""
    years = set(YEAR_CAPTION.findall(ln.stripped))
    if len(years) != 1 or len(ln.stripped.split()) > 16 or ln.stripped.endswith((",", ";", ".")) \
            or len(set(re.findall(r"(?<!\d)20\d\d(?!\d)", ln.stripped))) != 1:
        return False
    nxt = next((x for x in p.doc.lines[ln.n: ln.n + 3] if x.strip()), "")
    if "\t" not in nxt or not is_header(nxt.split("\t")):
        return False
    p.pending_year = int(years.pop())
    p.heading_since_table = p.table is not None or p.heading_since_table
    return True


FOOTNOTE = re.compile(r"^\s*<sup>\s*\(?(?P<m>[0-9a-z*]{1,3})\)?\s*</sup>\s*(?P<text>\S.*)$", re.I)
# V98: a footnote marked with superscript digits ('¹ Genangan dihitung ...') or asterisks ('*) Target
# sementara', the markdown-escaped '\* Target ...'); a bare '* ' is a markdown bullet, not a footnote
PLAIN_FOOTNOTE = re.compile(r"^\s*(?P<m>[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,2}\)?|\\?\*{1,3}\)|\\\*{1,3})\s*(?P<text>[A-Za-z(].*)$")


def footnote(p: Parser, ln: Line) -> bool:
    """'<sup>1)</sup> Panjang jalan ... x 100%' under a table's rows (at the foot of its page,
    V82): the footnote of the rows whose cell carries that marker."""
    m = FOOTNOTE.match(ln.text) or PLAIN_FOOTNOTE.match(ln.text)
    if not (m and p.table is not None):
        return False
    p.table.footnotes.setdefault(footnote_marker(m.group("m")), []).append((ln.n, clean_inline(m.group("text"))))
    return True


def section_heading(p: Parser, ln: Line) -> bool:
    """'INDIKATOR KINERJA INDIVIDU', '(IKI)', 'LAMPIRAN': a heading; a table after it may be
    another position's (V16, V27). A 'LAMPIRAN ...' line repeated word for word inside a table
    is the annex's running header at the top of a page (V91): the table goes on."""
    if not (HEADING.match(ln.text) or HEADING.match(ln.stripped) or re.fullmatch(r"\(?\s*IKI\s*\)?", ln.stripped)):
        return False
    if re.match(r"^\s*#*\s*\**\s*lampiran\b", ln.stripped, re.I):
        key = " ".join(ln.stripped.split())
        if key in p.furniture and p.table is not None and p.table.rows:
            return True
        p.furniture.add(key)
    p.heading_since_table = p.table is not None or p.heading_since_table
    p.mode = None if p.mode and p.pos is not None else p.mode
    return True


def duty_item(p: Parser, ln: Line) -> bool:
    """A duty list item, or an item wrapped onto the next line. A lettered list right under a
    title whose 'Tugas' label is lost is read as tugas (warned)."""
    pos = p.pos
    if p.mode is None and pos is not None and not pos.tables and not pos.tugas and not pos.fungsi \
            and LIST_ITEM.match(ln.stripped):
        p.mode = "tugas"
        p.doc.warn("duty-list-without-label", ln.n, f"the list under {pos.title!r} has no Tugas/Fungsi label; "
                   "read as tugas")
    if not p.mode:
        return False
    target = _duty_list(p.doc, pos, p.mode)
    if LIST_ITEM.match(ln.stripped) or ln.stripped.startswith("- "):
        target.append(Item(strip_marker(ln.stripped), ln.n, ln.n))
    elif target and not re.match(r"^[A-Z][A-Z ]{8,}$", ln.stripped):
        target[-1].text += " " + ln.stripped  # an item wrapped onto the next line
        target[-1].last = ln.n
    else:
        p.mode = None
    return True


def prose_ends_table(p: Parser, ln: Line) -> bool:
    """Prose inside a position block after its table: the table is over."""
    if p.table is not None and p.pos is not None:
        p.table = None
    return True


# the footer an electronic signature prints on every page ('Dokumen ini telah ditandatangani
# secara elektronik menggunakan sertifikat elektronik yang diterbitkan oleh ... (BSrE), BSSN')
ESIGN_FOOTER = re.compile(r"^\s*(?:dokumen\s+ini\s+(?:telah\s+)?ditandatangani\s+secara\s+elektronik|.*\bsertifikat\s+"
                          r"elektronik\b.*\b(?:BSrE|BSSN)\b)", re.I)


def page_break(p: Parser, ln: Line) -> bool:
    """'---', 'Halaman 2 dari 3', '- 4 -', an e-signature page footer (V91): a page break, not the
    end of the table (V50)."""
    return bool(PAGE_MARK.match(ln.text) or ESIGN_FOOTER.match(ln.stripped)) and p.table is not None


LINE_RULES = (indicator_block, footnote, page_break, wrapped_title, group_heading, agency_heading, trailing_label, title_after_colon, jabatan_label,
              duty_label, position_heading, sasaran_line, responsible_line, note_ends_table, legend_line, goal_label, agency_duties_heading, year_caption, section_heading,
              duty_item, prose_ends_table)


def parse(text: str) -> Document:
    """The text's lines through the rules: TAB rows through TABLE_RULES, other lines through
    LINE_RULES; the first rule that takes a line consumes it."""
    norm = normalise(text)  # HTML, pipe, fixed-width tables and cards -> TAB rows (syntax.READERS)
    p = Parser(Document(norm.lines))
    for code, line_no, message in norm.warnings:
        p.doc.warn(code, line_no, message)
    for entry in norm.entries:
        n, line = entry.line, entry.text.rstrip(" \r")  # trailing TABs are empty cells: keep them
        line = label_words(line)  # 'l. Jabat an :' (OCR, V90)
        ln = Line(n, line, label=LABEL.match(clean_inline(line.replace("\t", " \t ")) if "\t" not in line else line),
                  last=entry.last)
        if "\t" in line and not ln.label:
            ln.cells = line.split("\t")
            rules = TABLE_RULES
        else:
            p.signing = False  # a signature block written as rows ends with them
            ln.stripped = digits(letters(clean_inline(line)))
            if not ln.stripped:
                continue
            rules = LINE_RULES
        for rule in rules:
            if rule(p, ln):
                break
    doc = p.doc
    if len(set(p.agency_headings)) < 2:  # one agency heading is the decree's own agency
        for t in doc.agency_tables + [t for pos in doc.positions for t in pos.tables]:
            t.agency = ""
    _join_column_parts(doc)
    _positions_from_column(doc)
    _cascade_without_iku(doc)
    return doc


def _row_number(t: Table, cells: list[str]) -> str:
    k = t.roles.index("no")
    m = re.fullmatch(r"\s*(\d{1,3}(?:\.\d{1,2})*)\s*[.)]?\s*", strip_html(cells[k]) if k < len(cells) else "")
    return m.group(1) if m else ""


def _join_column_parts(doc: Document) -> None:
    """A table too wide for its page, printed in two parts: the second part has no indicator
    column and the same row numbers as the table above it ('No | Sasaran | Indikator ...' then
    'No | Kondisi Awal | Target 2025 ...'): its columns are appended to the rows with the same
    number (V84, warned); a number the first part lacks is warned and left out."""
    holders = [doc.agency_tables, doc.ignored_tables] + [pos.tables for pos in doc.positions]
    for holder in holders:
        for part in [t for t in holder if t.columns_of is not None]:
            first = part.columns_of
            assert first is not None
            by_number = {_row_number(first, r.cells): r for r in first.rows if _row_number(first, r.cells)}
            keep = [k for k, r in enumerate(part.roles) if r != "no"]
            width = len(first.roles)
            matched = 0
            for r in part.rows:
                number = _row_number(part, r.cells)
                row = by_number.get(number)
                if row is None:
                    if any(strip_html(c) for c in r.cells):
                        doc.warn("columns-unmatched", r.line, f"row {number or '?'} of a table continuing the columns "
                                 f"of the table on line {first.line} has no row with that number there: left out")
                    continue
                row.cells = (row.cells + [""] * width)[:width] + [r.cells[k] if k < len(r.cells) else "" for k in keep]
                row.last = max(row.last, r.line)
                matched += 1
            for r in first.rows:  # rows without a number of their own (wrapped lines): empty new cells
                r.cells = (r.cells + [""] * (width + len(keep)))[:width + len(keep)]
            first.roles += [part.roles[k] for k in keep]
            first.years += [part.years[k] if k < len(part.years) else None for k in keep]
            first.head_cells += [part.head_cells[k] if k < len(part.head_cells) else "" for k in keep]
            first.head_roles = list(first.roles)
            first.ends = sorted(set(first.ends) | {width + i for i, k in enumerate(keep) if k in part.ends})
            holder.remove(part)
            doc.warn("columns-joined", part.line, f"the table on line {part.line} has no indicator column and "
                     f"repeats the row numbers of the table on line {first.line}: its columns joined to "
                     f"{matched} rows by number (a wide table printed in two parts)")


def _cascade_without_iku(doc: Document) -> None:
    """A table with Tujuan/Misi columns is the goal cascade that links a separate IKU table; in a
    decree with no separate IKU table, its indicators are the IKU (Tujuan | Sasaran | Indikator
    | Target ...)."""
    if any(t.kind == "iku" for t in doc.agency_tables):
        return
    for t in doc.agency_tables:
        if t.kind == "cascade" and "indicator" in t.roles:
            t.kind = "iku"


def _agency_heading(line: str, stripped: str) -> str:
    """The agency a heading line names, or ''. Short lines only (a sentence naming a dinas is
    prose); a bare name needs a list marker or a 'Perangkat Daerah :' label, so the letterhead
    is not a heading."""
    if len(stripped) > 120 or stripped.endswith((".", ";", ",")):
        return ""
    m = AGENCY_HEADING.match(stripped)
    if not m:
        return ""
    if m.group("a"):
        return m.group("a").strip(" *:")
    # a table caption naming the agency ('Tabel 2. Indikator Kinerja Utama Kecamatan X', V94) is marked too
    stripped = re.sub(r"^\s*(?:tabel|table)\s+\d{1,3}(?:\.\d{1,2})*\s*[.:)\-–]?\s*", "", stripped, flags=re.I)
    marked = re.match(r"^\s*(?:(?:[A-Z]|\d{1,2}|[IVX]{1,4})[.)]\s+|(?:INDIKATOR\s+KINERJA\s+UTAMA|IKU)\b)", stripped,
                      re.IGNORECASE)
    if not marked:
        return ""
    name = re.sub(r"^\s*(?:[A-Z]|\d{1,2}|[IVX]{1,4})[.)]\s+", "", m.group("b"))
    # the period the heading names is not part of the name ('... PROVINSI X TAHUN 2025-2029')
    return re.sub(r"\s+TAHUN(?:\s+ANGGARAN)?\s+\d{4}(?:\s*(?:[-–]|s\.?\s*d\.?)\s*\d{4})?\s*$", "", name,
                  flags=re.I).strip(" *:")


def _positions_from_column(doc: Document) -> None:
    """An agency-level table with a JABATAN column: one position per distinct value (an empty
    cell continues the position above; group-heading rows are skipped)."""
    for table in [t for t in doc.agency_tables if "position" in t.roles]:
        k = table.roles.index("position")
        by_title: dict[str, Position] = {}
        current: Position | None = None
        for row in table.rows:
            if is_group_heading_row(row.cells):
                continue
            title = clean_inline(row.cells[k]) if k < len(row.cells) else ""
            number = clean_inline(row.cells[table.roles.index("no")]) if "no" in table.roles and \
                table.roles.index("no") < len(row.cells) else ""
            if title and current is not None and row.line - current.title_last == 1 and (
                    re.search(r"(?:\b(?:dan|atau|serta)|[,&/-])$", current.title) or title[:1].islower()
                    or ("no" in table.roles and not number and current.numbered)):
                # the title wrapped onto the next row (V49): 'Asisten Pemerintahan dan' / 'Kesejahteraan Rakyat'
                by_title.pop(current.title, None)
                current.title, current.title_last = f"{current.title} {title}", row.line
                by_title[current.title] = current
                current.tables[0].rows.append(row)
                continue
            if title:
                current = by_title.get(title)
                if current is None:
                    current = Position(title, row.line, row.line)
                    current.numbered = bool(number)
                    current.tables.append(Table(table.line, list(table.roles), years=list(table.years),
                                                head_roles=list(table.head_roles), header_lines=list(table.header_lines),
                                                agency=table.agency))
                    by_title[title] = current
                    doc.positions.append(current)
            if current is not None:
                current.tables[0].rows.append(row)
        if by_title:
            doc.agency_tables.remove(table)
    doc.positions.sort(key=lambda p: p.line)


def _unlabelled_position(doc: Document, table: Table) -> Position | None:
    """A Tugas list after a position's table starts another position. When the lines just
    before it are short TAB rows (a title the conversion turned into a table row, without
    its 'Jabatan' label), they are that position's title."""
    trailing = []
    for row in reversed(table.rows):
        filled = [strip_html(c) for c in row.cells if strip_html(c)]
        if filled and len(filled) <= 3 and all(len(c) < 40 and not re.search(r"\d", c) for c in filled):
            trailing.append(row)
        else:
            break
        if len(trailing) == 3:
            break
    if not trailing:
        return None
    trailing.reverse()
    del table.rows[len(table.rows) - len(trailing):]
    title = " ".join(strip_html(c) for c in trailing[0].cells if strip_html(c))
    pos = Position(title, trailing[0].line, trailing[-1].line, flags={"ocr_damaged"})
    doc.positions.append(pos)
    doc.warn("unlabelled-position", trailing[0].line, f"a Tugas list follows a table without a Jabatan label: "
             f"lines {trailing[0].line}-{trailing[-1].line} ({title!r}) read as the title of a new position; "
             "check the title against the decree")
    return pos


def _duty_list(doc: Document, pos: Position | None, kind: str) -> list[Item]:
    if pos is None:
        return doc.agency_tugas if kind == "tugas" else doc.agency_fungsi
    return pos.tugas if kind == "tugas" else pos.fungsi


def _attach(doc: Document, pos: Position | None, table: Table) -> None:
    roles = set(r for r in table.roles if r)
    if roles & {"misi", "tujuan_rpjmd", "tujuan_renstra"} and pos is None:
        table.kind = "cascade"
        doc.agency_tables.append(table)
    elif pos is None:
        if "indicator" in roles:
            table.kind = "iku"
            doc.agency_tables.append(table)
        else:
            doc.ignored_tables.append(table)
    else:
        table.kind = "iki"
        pos.tables.append(table)
