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

from .cells import clean_inline, strip_html, strip_marker
from .tables import (INFERRED_ROLES, Row, Table, header_role, is_column_number_row, is_header,
                     is_separator_row, is_subheader)

LABEL = re.compile(r"^\s*(?:[-*]\s*)?(?:\d{1,2}\.?\s*)?(?:\*\*)?\s*(?:nama\s+|uraian\s+)?(jabatan|tugas|fungsi)"
                   r"(?:\s+(?:pokok|utama))?\b\s*(?:\*\*)?\s*([:\t]|$)?(.*)$",
                   re.IGNORECASE)
LIST_ITEM = re.compile(r"^\s*(?:[-•*]\s*)?(?:\(?(?:\d{1,2}|[a-zA-Z])[.)]|\d{1,2}\s)\s*\S")
HEADING = re.compile(r"^\s*#*\s*\**\s*(indikator kinerja|\(iki\)|\(iku\)|iki\b|lampiran)", re.IGNORECASE)
# 'Visi : ...', and the agency's identity list ('1. INSTANSI : ...', '2. TUJUAN : ...'); an
# unnumbered 'Tujuan :' elsewhere is a cited regulation's, not the agency's
GOAL_LABEL = re.compile(r"^(?:(visi|misi)|\d{1,2}\.\s*(tujuan))\s*:\s*(\S.*)$", re.IGNORECASE)
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


def parse(text: str) -> Document:
    lines = text.split("\n")
    doc = Document(lines)
    pos: Position | None = None
    mode: str | None = None  # 'tugas' / 'fungsi' while reading a duty list
    table: Table | None = None
    heading_since_table = False
    pending_title: Position | None = None  # 'Jabatan' with its title on a later line
    title_open: Position | None = None  # a title that may continue on the next line
    i = 0
    while i < len(lines):
        n = i + 1
        raw = lines[i]
        line = raw.rstrip(" \r")  # trailing TABs are empty cells: keep them
        i += 1
        label = LABEL.match(clean_inline(line.replace("\t", " \t ")) if "\t" not in line else line)
        if "\t" in line and not label:
            cells = line.split("\t")
            if is_separator_row(cells) or is_column_number_row(cells):
                continue
            if table and not table.rows and table.header_lines and table.header_lines[-1] == n - 1 and is_subheader(cells):
                for k, c in enumerate(cells):
                    r = header_role(c)
                    if r and r not in ("formula",):
                        if k < len(table.roles):
                            table.roles[k] = r
                        else:
                            table.roles.append(r)
                table.header_lines.append(n)
                continue
            if is_header(cells):
                roles = [header_role(c) for c in cells]
                if table and table.roles[: len(roles)] == roles[: len(table.roles)] and not heading_since_table \
                        and not (mode or pending_title):
                    table.header_lines.append(n)  # header repeated after a page break
                    table.repeat_pending = bool(table.rows)
                    continue
                table = Table(n, roles, header_lines=[n], after_heading=heading_since_table)
                heading_since_table = False
                mode = None
                _attach(doc, pos, table)
                continue
            if table is None and pos is not None and not pos.tables and len(cells) in INFERRED_ROLES:
                # an indicator table whose header row is lost: columns by the usual layouts
                table = Table(n, list(INFERRED_ROLES[len(cells)]), header_lines=[])
                _attach(doc, pos, table)
                doc.warn("header-inferred", n, f"a table under {pos.title!r} has no header row; columns read as "
                         + ", ".join(r or "-" for r in table.roles))
            if table is None:
                last = doc.warnings[-1] if doc.warnings else None
                if last and last["code"] == "table-without-header" and last.get("_end") in (n - 1, n - 2):
                    last["_end"] = n
                    last["message"] = (f"lines {last['line']}-{n}: TAB-separated rows outside any recognised "
                                       "indicator table (e.g. a table of contents): ignored")
                else:
                    doc.warn("table-without-header", n, f"line {n}: a TAB-separated row outside any recognised "
                             "indicator table: ignored")
                    doc.warnings[-1]["_end"] = n
                continue
            if table.repeat_pending and strip_html(cells[0]) and pos is not None:
                # after a repeated header a page-break continuation starts with an empty cell;
                # a row with its own first cell starts another table of the same layout:
                # probably the table of a position whose header page is lost
                table.repeat_pending = False
                header = table.header_lines[-1]
                table.header_lines.pop()
                table = Table(header, list(table.roles), header_lines=[header], after_heading=True)
                _attach(doc, pos, table)
            table.repeat_pending = False
            table.rows.append(Row(n, cells))
            continue
        stripped = clean_inline(line)
        if not stripped:
            continue
        if title_open is not None:
            # a title wrapped onto the next line: short, not a label, list item or heading
            if (not label and "\t" not in line and not LIST_ITEM.match(stripped) and not HEADING.match(line)
                    and not TRAILING_LABEL.match(line)
                    and len(stripped.split()) <= 6 and not stripped.endswith(":") and n - title_open.title_last <= 3):
                title_open.title = f"{title_open.title} {stripped}"
                title_open.title_last = n
                title_open = None
                continue
            title_open = None
        trailing = TRAILING_LABEL.match(line)
        if trailing and pos is not None and not label:
            # 'text **Tugas**': the label came out after its text
            mode = trailing.group(2).lower()
            _duty_list(doc, pos, mode).append(Item(clean_inline(trailing.group(1)), n, n))
            continue
        if pending_title and stripped.startswith(":"):
            pending_title.title = clean_inline(stripped[1:])
            pending_title.title_last = n
            pending_title = None
            continue
        if label:
            kind = label.group(1).lower()
            rest = label.group(3).strip()
            if rest.startswith(":"):
                rest = rest[1:]
            rest_clean = clean_inline(rest).lstrip(":").strip()
            if kind == "jabatan":
                if "\t" not in line and not label.group(2) and rest_clean and rest_clean[0].islower():
                    pass  # 'Jabatan fungsional ...' inside prose: not a label
                else:
                    pos = Position(rest_clean, n, n)
                    doc.positions.append(pos)
                    pending_title = None if rest_clean else pos
                    title_open = pos if rest_clean else None
                    mode, table, heading_since_table = None, None, False
                    continue
            elif kind in ("tugas", "fungsi") and (label.group(2) or not rest_clean or rest_clean.startswith(("<", "a "))):
                if kind == "tugas" and pos is not None and pos.tables and pos.tables[-1].rows:
                    new = _unlabelled_position(doc, pos.tables[-1])
                    if new:
                        pos = new
                mode = kind
                table = None
                target = _duty_list(doc, pos, kind)
                if "<ol" in rest:
                    target.extend(_split_ol_items(rest, n))
                elif rest_clean:
                    first = strip_marker(rest_clean)
                    if first:
                        target.append(Item(first, n, n))
                continue
        goal_label = GOAL_LABEL.match(stripped)
        if goal_label and pos is None and not table:
            # 'Visi : ...' (read by the cascade) or '2. TUJUAN : ...' of the agency: ends any list
            mode = None
            if goal_label.group(2):
                doc.agency_tujuan.append(Item(goal_label.group(3).strip(), n, n))
            continue
        if re.match(r"^\s*#*\s*\**\s*tugas\s+(camat|pokok|dan fungsi)", line, re.I) and pos is None:
            mode = "tugas"
            continue
        if HEADING.match(line) or re.fullmatch(r"\(?\s*IKI\s*\)?", stripped):
            heading_since_table = table is not None or heading_since_table
            mode = None if mode and pos is not None else mode
            continue
        if mode is None and pos is not None and not pos.tables and not pos.tugas and not pos.fungsi \
                and LIST_ITEM.match(stripped):
            # a lettered list right under the title, its 'Tugas' label lost: read it as tugas
            mode = "tugas"
            doc.warn("duty-list-without-label", n, f"the list under {pos.title!r} has no Tugas/Fungsi label; "
                     "read as tugas")
        if mode:
            target = _duty_list(doc, pos, mode)
            if LIST_ITEM.match(stripped) or (stripped.startswith("- ")):
                target.append(Item(strip_marker(stripped), n, n))
            elif target and not re.match(r"^[A-Z][A-Z ]{8,}$", stripped):
                target[-1].text += " " + stripped  # an item wrapped onto the next line
                target[-1].last = n
            else:
                mode = None
            continue
        if table is not None and pos is not None:
            # prose inside a position block after its table: the table is over
            table = None
    return doc


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
    if roles & {"misi", "tujuan_rpjmd", "tujuan_renstra"}:
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
