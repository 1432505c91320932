"""The front stage: every table syntax a converter writes, turned into TAB rows.

The section and row rules read TAB-separated rows (`shared/docs/source-formats.md`). Converters
also write HTML `<table>`s (V59), grid tables (V73), LaTeX `tabular` (V74), markdown pipe tables
and OCR'd column bars (V60, V67), columns aligned with spaces (pdftotext -layout, V61), and
indicators as cards of labelled lines (V62) or as a list in a dictum (V72). Each syntax has one
reader in `READERS`; a reader recognises its block at a line and returns the block's rows as
cells, each row with the first and last source line it came from (a reader that cannot place
something warns, naming the line). `normalise` runs the readers over the text and hands
`sections.parse` one entry per row: (first line, TAB-joined cells, last line), and every other
line as it is. Line numbers stay the decree's own, so provenance points at the source.
"""
from __future__ import annotations

import bisect
import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .cells import join_hyphen, strip_html
from .tables import PAGE_MARK, header_role, header_year, is_header


@dataclass
class SourceRow:
    first: int                 # 1-based line numbers in the decree text
    last: int
    cells: list[str]
    plain: bool = False        # a line that is no table row (a caption): handed on as text


@dataclass
class Block:
    start: int                 # 0-based index of the block's first line
    end: int                   # 0-based index after its last line
    rows: list[SourceRow] = field(default_factory=list)
    warnings: list[tuple[str, int, str]] = field(default_factory=list)  # (code, line, message)

    def warn(self, code: str, line: int, message: str) -> None:
        self.warnings.append((code, line, message))


@dataclass
class Entry:
    line: int
    text: str
    last: int


@dataclass
class Normalised:
    lines: list[str]           # one per source line: the first row a line holds, else the line
    entries: list[Entry]       # what the line rules read, in order
    warnings: list[tuple[str, int, str]] = field(default_factory=list)


def _cell_text(text: str) -> str:
    """A cell as one TAB-free line (a TAB or newline inside a cell is a space)."""
    return re.sub(r"[\t\r\n]+", " ", text).strip()


# ---- HTML <table> (V59) ----

TABLE_OPEN = re.compile(r"<table\b", re.I)
TABLE_CLOSE = re.compile(r"</table\s*>", re.I)
TR = re.compile(r"<tr\b[^>]*>(.*?)(?=</tr\s*>|<tr\b|</t(?:head|body|foot)\s*>|</table\s*>|$)", re.I | re.S)
CELL = re.compile(r"<(t[dh])\b([^>]*)>(.*?)(?=</t[dh]\s*>|<t[dh]\b|$)", re.I | re.S)
CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption\s*>", re.I | re.S)
SPAN = re.compile(r"\b(rowspan|colspan)\s*=\s*[\"']?(\d{1,3})", re.I)


def html_table(lines: list[str], i: int) -> Block | None:
    """`<table>` ... `</table>`, one `<tr>` per line or not: a grid built from the rowspan and
    colspan attributes. A cell a rowspan covers is empty in the later rows (as merged cells are
    in TAB tables); a colspan cell is followed by empty cells; `<br>` and other markup inside a
    cell are kept for the cell rules."""
    m = TABLE_OPEN.search(lines[i])
    if not m:
        return None
    end, closed = i, False
    while end < len(lines):
        if TABLE_CLOSE.search(lines[end], m.end() if end == i else 0):
            closed = True
            break
        end += 1
    end = min(end, len(lines) - 1)
    text = "\n".join(lines[i: end + 1])
    starts = [0]
    for ln in lines[i: end + 1]:
        starts.append(starts[-1] + len(ln) + 1)

    def line_of(offset: int) -> int:
        return i + bisect.bisect_right(starts, offset)  # 1-based

    block = Block(i, end + 1)
    if not closed:
        block.warn("html-table-unclosed", i + 1, "an HTML table without </table>: read to the end of the text")
    body, offset0 = text[m.start():], m.start()
    for c in CAPTION.finditer(body):
        block.rows.append(SourceRow(line_of(offset0 + c.start()), line_of(offset0 + c.end()),
                                    [_cell_text(re.sub(r"<[^>]+>", " ", c.group(1)))], plain=True))
    pending: dict[int, int] = {}  # column -> rows a rowspan still covers
    for tr in TR.finditer(body):
        cells: list[str] = []
        col = 0
        for c in CELL.finditer(tr.group(1)):
            while pending.get(col, 0) > 0:
                cells.append("")
                pending[col] -= 1
                col += 1
            spans = {k.lower(): int(v) for k, v in SPAN.findall(c.group(2))}
            rowspan, colspan = max(1, spans.get("rowspan", 1)), max(1, min(spans.get("colspan", 1), 60))
            cells.append(_cell_text(c.group(3)))
            for k in range(colspan):
                if rowspan > 1:
                    pending[col + k] = rowspan - 1
            cells += [""] * (colspan - 1)
            col += colspan
        while pending.get(col, 0) > 0:  # covered cells at the end of the row
            cells.append("")
            pending[col] -= 1
            col += 1
        for k in [k for k, v in pending.items() if k >= col and v > 0]:
            pending[k] -= 1
        if any(re.sub(r"<[^>]+>|&nbsp;|\s", "", x) for x in cells):
            block.rows.append(SourceRow(line_of(offset0 + tr.start()), line_of(offset0 + tr.end() - 1), cells))
    block.rows.sort(key=lambda r: r.first)
    return block


# ---- markdown pipe tables (V60) ----

PIPE_LINE = re.compile(r"^\s*\|.*\|\s*$")
PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{1,}:?\s*(?:\|\s*:?-{1,}:?\s*)+\|?\s*$")
BOLD_CELL = re.compile(r"(\*\*|__)(.+?)\1")


MD_ESCAPE = re.compile(r"\\([-_*#+.!|\[\]()<>`])")


def md_unescape(cell: str) -> str:
    """A markdown converter's backslash escapes ('KTP\\-el', 'SIAK\\_Terpusat', 'A \\| B') are the
    characters themselves (V81); LaTeX between '$' is kept as written ('100\\%', '\\frac')."""
    parts = re.split(r"(\$[^$]*\$)", cell)
    return "".join(p if p.startswith("$") and p.endswith("$") and len(p) > 1 else MD_ESCAPE.sub(r"\1", p)
                   for p in parts)


def _pipe_cells(line: str, outer: bool = True) -> list[str]:
    """The cells of a pipe row; outer: the row opens and closes with a bar (else a leading bar
    stands after an empty first cell)."""
    body = line.strip() if outer else line.rstrip()
    if outer:
        body = body[1:] if body.startswith("|") else body
        body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    cells = re.split(r"(?<!\\)\|", body)
    return [_cell_text(BOLD_CELL.sub(r"\2", md_unescape(c))) for c in cells]


def _piped(line: str) -> bool:
    return "\t" not in line and len(re.findall(r"(?<!\\)\|", line)) >= 1 and bool(line.strip())


def full_width_repeated(cells: list[str]) -> bool:
    """A row of three or more cells, every one the same text with words ('| Jabatan: Kepala Dinas |
    Jabatan: Kepala Dinas | ... |'): one cell merged across the table, repeated by a converter
    that writes a merged cell into every column it spans (Docling, V98)."""
    return len(cells) >= 3 and len(set(cells)) == 1 and bool(re.search(r"[A-Za-z]{3}", cells[0]))


def pipe_table(lines: list[str], i: int) -> Block | None:
    """`| a | b |` lines (the outer pipes may be left out) with a `|---|:--:|` separator row under
    the header: one row per line, the separator row dropped, `**bold**` cells unbolded, `<br>`
    kept for the cell rules. Without a separator row (the column rules of a ruled table read by
    OCR: `No | Sasaran | Indikator ...`) the first line must be a header, and a line without a
    row number continues the row above, each cell in its column (V67)."""
    if not _piped(lines[i]) or PIPE_SEPARATOR.match(lines[i]):
        return None
    outer = bool(PIPE_LINE.match(lines[i]))
    head = _pipe_cells(lines[i], outer)
    separated = i + 1 < len(lines) and bool(PIPE_SEPARATOR.match(lines[i + 1])) \
        and len(_pipe_cells(lines[i + 1], outer)) == len(head)
    if not separated and not (len(head) >= 3 and is_header(head)):
        return None  # a table's header has its separator row right under it, or is a header
    end = i
    while end < len(lines) and (PIPE_LINE.match(lines[end]) if outer else _piped(lines[end])):
        end += 1
    block = Block(i, end)
    numbered = not separated and header_role(head[0]) == "no"
    for n in range(i, end):
        if PIPE_SEPARATOR.match(lines[n]):
            continue
        cells = _pipe_cells(lines[n], outer)
        if not separated and len(cells) < len(head):
            # a column rule read as 'I' ('... layanan kepegawaian I Persentase ASN ...')
            again = _pipe_cells(re.sub(r"\s+I\s+", " | ", lines[n]), outer)
            if len(again) == len(head):
                cells = again
                block.warn("ocr-bar", n + 1, "a column bar read as 'I': the row split there")
        if numbered and n > i and not cells[0] and block.rows and len(block.rows) > 1:
            above = block.rows[-1]
            above.cells += [""] * (len(cells) - len(above.cells))
            for k, c in enumerate(cells):
                if c:
                    above.cells[k] = join_hyphen(above.cells[k], c)
            above.last = n + 1
            continue
        if n > i and full_width_repeated(cells):
            # a row across the table whose merged cell the converter wrote in every column (V98)
            cells = [cells[0]] + [""] * (len(cells) - 1)
        # the header row reaches over its separator row: a second header row under it (the years
        # under a spanning 'Target', V88) stands right below the header
        last = n + 2 if separated and n == i else n + 1
        block.rows.append(SourceRow(n + 1, last, cells))
    return block


# ---- grid tables (pandoc, reStructuredText: '+----+----+' borders, V73) ----

GRID_BORDER = re.compile(r"^\s*\+(?:[-=:]+\+)+\s*$")
GRID_LINE = re.compile(r"^\s*[|+].*[|+]\s*$")


def grid_table(lines: list[str], i: int) -> Block | None:
    """'+----+-----+' borders between rows ('+====+' under the header), '|' between cells; a cell
    wraps over the lines of its row. The border's '+' give the columns; a row's lines are joined
    column by column. A cell spanning columns (no '|' where the border has '+') keeps its text in
    its first column."""
    if not GRID_BORDER.match(lines[i]):
        return None
    border = lines[i].rstrip()
    cuts = [k for k, ch in enumerate(border) if ch == "+"]
    if len(cuts) < 3:
        return None
    block, n, row = Block(i, i + 1), i + 1, None
    while n < len(lines) and GRID_LINE.match(lines[n]):
        line = lines[n].rstrip()
        if GRID_BORDER.match(line):
            row = None
        else:
            if row is None:
                row = SourceRow(n + 1, n + 1, [""] * (len(cuts) - 1))
                block.rows.append(row)
            bars = [k for k in cuts if k < len(line) and line[k] in "|+"]
            for a, b in zip(bars, bars[1:]):  # a cell spanning columns: in its first column
                piece = line[a + 1: b].strip()
                if piece:
                    c = cuts.index(a)
                    row.cells[c] = join_hyphen(row.cells[c], _cell_text(BOLD_CELL.sub(r"\2", piece)))
            row.last = n + 1
        n += 1
    block.end = n
    return block if len(block.rows) >= 2 else None


# ---- pandoc's plain-text tables: multiline and simple (V95) ----

PANDOC_RULE = re.compile(r"^\s*-{10,}\s*$")
PANDOC_GROUPS = re.compile(r"^\s*-{2,}(?:[ ]+-{2,}){2,}\s*$")


def _pandoc_cells(line: str, starts: list[int]) -> list[str]:
    """A line cut at the column starts the dash groups give (a cell never crosses its column)."""
    cuts = starts[1:] + [max(len(line), starts[-1]) + 1]
    return [_cell_text(line[a:b]) for a, b in zip(starts, cuts)]


def pandoc_table(lines: list[str], i: int) -> Block | None:
    """pandoc -t plain: a MULTILINE table (a full dash rule, the header over one or more lines,
    a rule of dash groups '---- -------' giving the columns, rows separated by blank lines
    with every cell wrapped inside its column, a closing dash rule) or a SIMPLE table (a header
    line over the dash groups, one line per row, ending at a blank line). A row's lines are
    joined column by column."""
    if "\t" in lines[i]:
        return None
    if PANDOC_RULE.match(lines[i]):
        g = next((k for k in range(i + 1, min(i + 5, len(lines))) if PANDOC_GROUPS.match(lines[k])), None)
        multiline = True
        head_lines = list(range(i + 1, g)) if g is not None else []
    elif i + 1 < len(lines) and PANDOC_GROUPS.match(lines[i + 1]) and lines[i].strip():
        g, multiline, head_lines = i + 1, False, [i]
    else:
        return None
    if g is None or not head_lines or any("\t" in lines[k] for k in head_lines):
        return None
    starts = [m.start() for m in re.finditer(r"-+", lines[g])]
    head = [""] * len(starts)
    for k in head_lines:
        head = [f"{a} {b}".strip() for a, b in zip(head, _pandoc_cells(lines[k], starts))]
    if not is_header(head):
        return None
    block = Block(i, g + 1, [SourceRow(head_lines[0] + 1, g + 1, head)])
    n, row = g + 1, None
    while n < len(lines):
        line = lines[n]
        if PANDOC_RULE.match(line) or "\t" in line:
            n += PANDOC_RULE.match(line) is not None
            break
        if not line.strip():
            if not multiline or n + 1 >= len(lines) or not lines[n + 1].strip():
                break
            row = None
            n += 1
            continue
        cells = _pandoc_cells(line, starts)
        if row is None or not multiline:
            row = SourceRow(n + 1, n + 1, cells)
            block.rows.append(row)
        else:
            row.cells = [join_hyphen(a, b) if b else a for a, b in zip(row.cells, cells)]
            row.last = n + 1
        n += 1
    block.end = n
    return block if len(block.rows) >= 2 else None


# ---- LaTeX tabular (converters that write LaTeX, V74) ----

TABULAR_OPEN = re.compile(r"\\begin\{(?:tabular|tabularx|longtable|array)\*?\}(?:\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\})*")
TABULAR_CLOSE = re.compile(r"\\end\{(?:tabular|tabularx|longtable|array)\*?\}")
TEX_RULE = re.compile(r"\\(?:hline|toprule|midrule|bottomrule|endhead|endfirsthead|endfoot|endlastfoot)\b|"
                      r"\\(?:cline|cmidrule)\s*(?:\([^)]*\))?\s*\{[^}]*\}")
TEX_SPAN = re.compile(r"^\s*\\(multicolumn|multirow)\s*\{\s*(\d+)\s*\}\s*(?:\[[^]]*\])?\s*\{[^{}]*\}\s*\{(.*)\}\s*$", re.S)
TEX_STYLE = re.compile(r"\\(?:textbf|textit|emph|text|mathrm|makecell|shortstack)\s*\{([^{}]*)\}")


def _tex_cell(cell: str) -> list[str]:
    """One LaTeX cell -> its text and the empty cells a \\multicolumn spans (math kept as written)."""
    cell = cell.strip()
    span = 1
    m = TEX_SPAN.match(cell)
    while m:
        if m.group(1) == "multicolumn":
            span = max(span, int(m.group(2)))
        cell = m.group(3).strip()
        m = TEX_SPAN.match(cell)
    parts, pos = [], 0
    for math in re.finditer(r"\$[^$]*\$", cell):  # outside math: styles, escapes and line breaks out
        parts.append(cell[pos: math.start()])
        parts.append(math.group(0))
        pos = math.end()
    parts.append(cell[pos:])
    text = "".join(p if p.startswith("$") else TEX_STYLE.sub(r"\1", TEX_STYLE.sub(r"\1", p)).replace("\\\\", "<br>")
                   .replace("\\%", "%").replace("\\&", "&").replace("\\_", "_").replace("~", " ") for p in parts)
    return [_cell_text(text)] + [""] * (span - 1)


def latex_tabular(lines: list[str], i: int) -> Block | None:
    """`\\begin{tabular}{...}` ... `\\end{tabular}`: rows end with `\\\\`, cells are split at `&`;
    rules (`\\hline`, `\\cline{}`) dropped; `\\multicolumn{n}` is its text and n-1 empty cells,
    `\\multirow` its text (the rows below leave the cell empty, as LaTeX writes them)."""
    m = TABULAR_OPEN.search(lines[i])
    if not m:
        return None
    end = i
    while end < len(lines) and not TABULAR_CLOSE.search(lines[end], m.end() if end == i else 0):
        end += 1
    closed = end < len(lines)
    end = min(end, len(lines) - 1)
    text = "\n".join(lines[i: end + 1])
    starts = [0]
    for ln in lines[i: end + 1]:
        starts.append(starts[-1] + len(ln) + 1)
    close = TABULAR_CLOSE.search(text, m.end())
    body_end = close.start() if close else len(text)
    block = Block(i, end + 1)
    if not closed:
        block.warn("tabular-unclosed", i + 1, "a LaTeX tabular without \\end{tabular}: read to the end of the text")
    pos = m.end()
    body = text[pos:body_end]
    ends = [e.start() for e in re.finditer(r"\\\\(?![A-Za-z])", body)] + [len(body)]  # rows end with '\\\\'
    begin = 0
    for stop in ends:
        raw, a = body[begin:stop], begin
        begin = stop + 2
        raw = re.sub(r"^\s*\[[^\]]*\]", "", raw)  # '\\\\[2pt]': the spacing after a row end
        cleaned = TEX_RULE.sub(" ", raw)
        if not cleaned.strip():
            continue
        lead = len(body[a:stop]) - len(body[a:stop].lstrip())
        first = i + bisect.bisect_right(starts, pos + a + lead)
        last = i + bisect.bisect_right(starts, pos + max(a, stop - 1))
        cells = [c for cell in re.split(r"(?<!\\)&", cleaned) for c in _tex_cell(cell)]
        if any(cells):
            block.rows.append(SourceRow(first, last, cells))
    return block


# ---- CSV written by a table extractor (Tabula style, V76) ----


def _csv_record(lines: list[str], n: int, delimiter: str = ",") -> tuple[list[str], int] | None:
    """The CSV record starting at line n (a quoted cell may hold line breaks: the record runs
    until its quotes balance, at most 12 lines) and the index of its last line."""
    k, text = n, lines[n]
    while text.count('"') % 2 and k + 1 < len(lines) and k - n < 12:
        k += 1
        text += "\n" + lines[k]
    if text.count('"') % 2:
        return None
    try:
        records = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error:
        return None
    return (records[0], k) if len(records) == 1 else None


# a spreadsheet row 'Jabatan :;Kepala Dinas;;;' (or 'Jabatan :,Kepala Dinas,,,') above a CSV table
CSV_LABEL = re.compile(r"^(?P<label>[A-Za-z][A-Za-z .()/]{1,40}?)\s*:$")


def _csv_label(lines: list[str], i: int, delimiter: str) -> tuple[str, str] | None:
    """'Jabatan :;<title>;;;': a first cell 'Label :' and one other filled cell (quoted when it
    holds the delimiter), the rest of the sheet row empty."""
    rec = _csv_record(lines[i:i + 1], 0, delimiter)
    if rec is None:
        return None
    cells = [c.strip() for c in rec[0]]
    m = CSV_LABEL.match(cells[0])
    values = [c for c in cells[1:] if c]
    if m and len(values) == 1 and re.search(r"[A-Za-z]", values[0]):
        return m.group("label").strip(), values[0]
    return None


def _delimiter(line: str) -> str | None:
    """',' for a table extractor's quoted CSV ('"No","Sasaran",...'); ';' for a spreadsheet saved
    as CSV where the comma is the decimal mark (an Indonesian locale: 'No;Sasaran;...', V89)."""
    if "\t" in line:
        return None
    if '","' in line:
        return ","
    if line.count(";") >= 2 and not re.search(r"\w;\s+\w", line):  # '; ' with a space is prose
        return ";"
    # a spreadsheet saved as 'CSV (comma delimited)' quotes only the cells that need it (V98):
    # commas with no space after them between words ('No,Sasaran,Indikator Kinerja,...')
    bare = re.sub(r'"[^"]*"', "", line)  # what stands outside the quoted cells
    if bare.count(",") >= 2 and not re.search(r",\s+\S", bare):
        return ","
    return None


def csv_table(lines: list[str], i: int) -> Block | None:
    """'"No","Sasaran Kinerja","Indikator Kinerja Individu",...': a header of quoted cells
    separated by commas (V76) or of cells separated by semicolons (a spreadsheet, V89), then one
    record per row, a quoted cell running over lines until its quote closes, quotes inside a cell
    doubled. The table goes on while records have the header's number of cells; a quoted line
    with another number of cells ends it (warned). Rows of empty cells (';;;;') are no rows; a
    spreadsheet row 'Jabatan :;<title>;;;' is handed on as the line 'Jabatan : <title>'."""
    line = lines[i]
    delimiter = _delimiter(line)
    if delimiter is None:
        return None
    label = _csv_label(lines, i, delimiter)
    if label:
        return Block(i, i + 1, [SourceRow(i + 1, i + 1, [f"{label[0]} : {label[1]}"], plain=True)])
    head = _csv_record(lines, i, delimiter)
    if head is None or len(head[0]) < 3 or not is_header(head[0]):
        return None
    width = len(head[0])
    block = Block(i, head[1] + 1, [SourceRow(i + 1, head[1] + 1, [_cell_text(c) for c in head[0]])])
    n = head[1] + 1
    while n < len(lines) and lines[n].strip():
        rec = _csv_record(lines, n, delimiter) if "\t" not in lines[n] else None
        if rec is None or len(rec[0]) != width:
            if lines[n].lstrip().startswith('"') or (delimiter == ";" and ";" in lines[n]):
                block.warn("csv-row-width", n + 1, f"a CSV row with {len(rec[0]) if rec else 'unbalanced'} cells under "
                           f"a header of {width} (line {i + 1}): the table ends there; check the rows below")
            break
        if any(c.strip() for c in rec[0]):
            block.rows.append(SourceRow(n + 1, rec[1] + 1, [_cell_text(c) for c in rec[0]]))
        n = rec[1] + 1
    block.end = n
    return block if len(block.rows) >= 2 else None


# ---- a landscape table read rotated: one cell per line (V77) ----

CELL_LINE_NUMBER = re.compile(r"^\s*(\d{1,3})\s*([.)]?)\s*$")
# columns whose cell a rotated table leaves out when it is merged with the cell above (one
# sasaran for several rows): the line simply is not there
MERGED_ROLES = ("sasaran", "sasaran_renstra", "sasaran_rpjmd", "tujuan_renstra", "tujuan_rpjmd", "misi", "agency",
                "position")


def _header_cell_line(line: str) -> bool:
    t = line.strip()
    return bool(t) and "\t" not in line and "|" not in line and len(t) <= 40 and ":" not in t \
        and (header_role(t) is not None or header_year(t) is not None)


def cell_per_line(lines: list[str], i: int) -> Block | None:
    """A table on a landscape page that the converter read rotated: every cell on a line of its
    own, no separators. The header is a run of lines that each name a column, starting with
    'No'; each row starts at its number in the header's numbering style, the next number in
    turn ('1.', '2.'), and takes the lines up to the next row's number. A cell left empty
    (merged with the cell above) leaves no line: a row short of cells lacks its merged columns
    first (the sasaran); a row whose count still differs is kept as read and warned."""
    if not (_header_cell_line(lines[i]) and header_role(lines[i]) == "no"):
        return None
    k = i
    while k < len(lines) and _header_cell_line(lines[k]):
        k += 1
    head = [lines[j].strip() for j in range(i, k)]
    first = CELL_LINE_NUMBER.match(lines[k]) if k < len(lines) else None
    if len(head) < 4 or not is_header(head) or not first or first.group(1) != "1":
        return None
    style, width = first.group(2), len(head)
    roles = [header_role(c) for c in head]
    block = Block(i, k, [SourceRow(i + 1, k, head)])
    n, number, cells, start = k, 1, [], k
    merged_rows: list[int] = []
    while True:
        m = CELL_LINE_NUMBER.match(lines[n]) if n < len(lines) else None
        ends = n >= len(lines) or not lines[n].strip() or "\t" in lines[n]
        if ends or (m and m.group(2) == style and int(m.group(1)) == number + 1 and len(cells) >= width // 2):
            missing = width - len(cells)
            merged = [c for c, r in enumerate(roles) if r in MERGED_ROLES][:max(missing, 0)]
            for c in merged:
                cells.insert(c, "")
            if merged:
                merged_rows.append(start + 1)
            if len(cells) != width:
                block.warn("cell-per-line-row", start + 1, f"a row read one cell per line has {len(cells)} cells for "
                           f"{width} columns: placed from the left; check this row")
            block.rows.append(SourceRow(start + 1, n, cells))
            if ends:
                break
            number, cells, start = number + 1, [], n
        cells.append(_cell_text(lines[n]))
        n += 1
    block.end = n
    block.warn("cell-per-line", i + 1, f"a table written one cell per line (a landscape page read rotated): "
               f"{len(block.rows) - 1} rows read by their numbers" + (
                   f"; rows on lines {', '.join(map(str, merged_rows))} lack a line for a merged cell, read as "
                   "empty (the cell above)" if merged_rows else "") + "; check the rows against the decree")
    return block


# ---- columns aligned with spaces (V61) ----

CHUNK = re.compile(r"\S+(?: \S+)*")
ROW_NUMBER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,2})*[.)]?|[a-z][.)]|[IVX]{1,4}[.)]?)$")


def _chunks(line: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in CHUNK.finditer(line.expandtabs())]


def _fixed_header(line: str) -> list[tuple[int, int, str]] | None:
    if "\t" in line or "|" in line or "<" in line:
        return None
    chunks = _chunks(line)
    if len(chunks) < 3 or not is_header([c for _, _, c in chunks]):
        return None
    return chunks


def _column_of(starts: list[int], s: int, e: int) -> int:
    """The column a chunk belongs to: the one its span overlaps most (ties to the left)."""
    best, best_k = -1, 0
    for k, start in enumerate(starts):
        lo, hi = start - 1, (starts[k + 1] - 1 if k + 1 < len(starts) else 10 ** 6)
        overlap = min(e, hi) - max(s, lo)
        if overlap > best:
            best, best_k = overlap, k
    return best_k


def _split_on_columns(chunks: list[tuple[int, int, str]], starts: list[int]) -> list[tuple[int, int, str]]:
    """A chunk running over a column start at a single space is two cells."""
    out = []
    for s, e, text in chunks:
        cut = [c for c in starts if s + 1 < c < e - 1 and text[c - s - 1] == " "]
        pos = s
        for c in cut:
            out.append((pos, c - 1, text[pos - s: c - 1 - s]))
            pos = c
        out.append((pos, e, text[pos - s:]))
    return out


def _aligned(chunks: list[tuple[int, int, str]], starts: list[int] | set[int]) -> bool:
    return all(any(abs(s - c) <= 2 for c in starts) for s, _, _ in chunks)


def fixed_width(lines: list[str], i: int) -> Block | None:
    """pdftotext -layout columns: the header words' offsets give the column starts (header lines
    under the first, such as the years under TARGET, add theirs, and join the header's cells);
    every line is cut at those
    starts; a line without a row number (when the table numbers its rows) continues the cells of
    the row above, each in the column it stands in. The block ends at a line off the columns, a
    page mark, or a blank line not followed by a new row."""
    head = _fixed_header(lines[i])
    if head is None:
        return None
    header_lines = [(i, head)]
    starts = sorted({s for s, _, _ in head})
    numbered = header_role(head[0][2]) == "no"
    n = i + 1
    while n < len(lines) and lines[n].strip():  # header lines under the first: years, wrapped words
        ch = _chunks(lines[n])
        if not ch or "\t" in lines[n] or (ROW_NUMBER.match(ch[0][2]) and ch[0][0] <= starts[0] + 2):
            break
        # header words (or, over a numbered table, any words on the columns before its first number)
        if not all(header_year(t) or header_role(t) or t.isupper()
                   or (numbered and _aligned([(a, b, t)], starts) and not re.search(r"\d", t)) for a, b, t in ch):
            break
        header_lines.append((n, ch))
        for s, _, _ in ch:
            if not any(abs(s - c) <= 2 for c in starts):
                starts = sorted(starts + [s])
        n += 1
    ncols = len(starts)
    head_cells = [""] * ncols
    for _, ch in header_lines:  # 'TARGET' over '2025' is 'TARGET 2025' (V30), 'INDIKATOR' over 'KINERJA' one name
        for s, e, t in _split_on_columns(ch, starts):
            c = _column_of(starts, s, e)
            head_cells[c] = f"{head_cells[c]} {t}".strip()
    block = Block(i, n, [SourceRow(i + 1, header_lines[-1][0] + 1, head_cells)])
    value_cols = {k for k, c in enumerate(head_cells) if header_role(c) in ("target", "unit", "baseline")}
    anchors, left = set(starts), list(starts)  # where cells begin: the header's words, then the rows'
    row: SourceRow | None = None
    while n < len(lines):
        line = lines[n]
        if not line.strip() or "\f" in line:
            nxt = next((k for k in range(n + 1, min(n + 4, len(lines))) if lines[k].strip(" \f")), None)
            if nxt is None or not numbered or "\t" in lines[nxt] or PAGE_MARK.match(lines[nxt].strip()):
                break
            ch = _chunks(lines[nxt])
            if not (ch and ROW_NUMBER.match(ch[0][2]) and _column_of(starts, ch[0][0], ch[0][1]) == 0):
                break
            n += 1
            continue
        if "\t" in line or PAGE_MARK.match(line.strip()):
            break
        ch = _split_on_columns(_chunks(line), starts)
        cols = [_column_of(starts, s, e) for s, e, _ in ch]
        first = next((t for (s, e, t), c in zip(ch, cols) if c == 0), "")
        # a row starts at its number; in a table without numbers, at a value (a unit or target
        # never wraps onto a line of its own), else where most columns are filled
        starts_row = (bool(first) and bool(ROW_NUMBER.match(first))) if numbered else \
            bool(set(cols) & value_cols) if value_cols else len(set(cols)) >= max(2, ncols // 2)
        in_number_column = numbered and bool(ch) and ch[0][0] < left[1] - 1
        if not starts_row and (row is None or not _aligned(ch, anchors) or in_number_column):
            break  # off the columns, or text where the row numbers stand ('JABATAN : X')
        if starts_row:
            row = SourceRow(n + 1, n + 1, [""] * ncols)
            block.rows.append(row)
            anchors |= {s for s, _, _ in ch}  # a wrapped cell goes on where its first line began (a centred header)
            for (s, _, _), c in zip(ch, cols):
                left[c] = min(left[c], s)
            off = [t for (s, _, t), c in zip(ch, cols) if abs(s - starts[c]) > 2 and not re.fullmatch(r"[\d.,%≤≥<>=+-]+", t)]
            if off and not block.warnings:  # text off the header's columns (figures may be aligned right): once a table
                block.warn("fixed-width-off-column", n + 1, f"{off[0]!r} stands off the columns of the header on line "
                           f"{i + 1}: placed in the column it overlaps most; check this table's rows")
        if row is None:  # unreachable: a line that starts no row needs a row above (checked above)
            break
        for (_, _, t), c in zip(ch, cols):
            row.cells[c] = join_hyphen(row.cells[c], t)
        row.last = n + 1
        n += 1
    block.end = n
    if len(block.rows) == 1:
        return None  # a header-like line with no rows under it: prose, not a table
    return block


# ---- indicator cards: a numbered heading over labelled lines (V62) ----

CARD_OPENER = re.compile(r"^\s*(?:#+\s*)?(?:\*\*)?\s*(?:IKU|IKI|INDIKATOR(?:\s+KINERJA)?(?:\s+(?:UTAMA|INDIVIDU))?)"
                         r"\s*[-.]?\s*(?:KE[-\s]?)?(?P<n>\d{1,3})\s*[.:]?\s*(?:\*\*)?\s*$", re.I)
# 'Label<TAB>: value', 'Label : value', or a two-column table row 'Label<TAB>value'
CARD_LABEL = re.compile(r"^\s*(?P<label>[A-Za-z][A-Za-z0-9 /().,&-]{1,60}?)\s*(?:\t+\s*:?|:)\s*(?P<value>.*)$")
CARD_YEARS = re.compile(r"^\s*(?P<label>[A-Za-z][A-Za-z .]{1,30}?)?\s*\t+(?P<years>(?:\s*(?:19|20)\d\d\s*\t*)+)$")
CARD_VALUES = re.compile(r"^\s*(?P<label>[A-Za-z][A-Za-z .]{1,30}?)?\s*\t(?P<values>.*)$")


def _card_label(line: str) -> tuple[str, str] | None:
    m = CARD_LABEL.match(line)
    if not m or not header_role(m.group("label")):
        return None
    return m.group("label").strip(), m.group("value").strip()


def labelled_card(lines: list[str], i: int) -> Block | None:
    """`IKU 1` / `Sasaran Strategis<TAB>: A` / `Nama Indikator<TAB>: B` / ... / `Target<TAB>2026
    <TAB>2027` over `<TAB>80<TAB>84`: one card per indicator. A run of cards becomes one table:
    a header of the labels (in the order they first come, a `Target 2026` column per year) and
    one row per card. A line without a label continues the value above (a formula written as a
    fraction over lines)."""
    if not CARD_OPENER.match(lines[i]):
        return None
    nxt = next((k for k in range(i + 1, min(i + 3, len(lines))) if lines[k].strip()), None)
    if nxt is None or not _card_label(lines[nxt]):
        return None
    labels: list[str] = ["No"]
    cards: list[tuple[int, int, dict[str, str]]] = []
    block = Block(i, i + 1)
    n = i
    while n < len(lines):
        m = CARD_OPENER.match(lines[n])
        if not m:
            break
        values: dict[str, str] = {"No": m.group("n")}
        first, last, key = None, n + 1, None
        n += 1
        while n < len(lines):
            line = lines[n]
            if not line.strip():
                if first is not None:
                    break
                n += 1
                continue
            years = CARD_YEARS.match(line)
            label = _card_label(line)
            under = CARD_VALUES.match(lines[n + 1]) if years and n + 1 < len(lines) else None
            # 'Target<TAB>2026<TAB>2027' over '<TAB>80<TAB>84', or 'Tahun<TAB>2026' over 'Target<TAB>80'
            kind = next((x.strip() for x in ((years.group("label") if years else None), (under.group("label")
                         if under else None)) if x and header_role(x) in ("target", "baseline")), None)
            if years and kind:
                ys = [int(y) for y in re.findall(r"(?:19|20)\d\d", years.group("years"))]
                vals = [v.strip() for v in under.group("values").split("\t")] if under else []
                if len(vals) != len(ys):
                    block.warn("card-values", n + 1, f"{len(ys)} years but {len(vals)} values under them: the "
                               "values are paired from the left")
                for y, v in zip(ys, vals + [""] * len(ys)):
                    name = f"{kind} {y}"
                    values[name] = v
                    labels += [name] if name not in labels else []
                first = first or n + 1
                last = n + 2 if under else n + 1
                n = last
                key = None
                continue
            if label:
                name, value = label
                values[name] = value
                labels += [name] if name not in labels else []
                key, first, last = name, first or n + 1, n + 1
            elif key is not None and line[:1] in ("\t", " ") and not CARD_OPENER.match(line):
                values[key] = f"{values[key]} {line.strip()}".strip()
                last = n + 1
            else:
                break
            n += 1
        if first is None:
            break
        cards.append((first, last, values))
        block.end = n
        while n < len(lines) and not lines[n].strip():
            n += 1
    if not cards:
        return None
    block.rows.append(SourceRow(i + 1, i + 1, list(labels)))
    for first, last, values in cards:
        block.rows.append(SourceRow(first, last, [values.get(lab, "") for lab in labels]))
    return block


# ---- indicators listed in a dictum, each with its target (V72) ----

DICTUM_LIST = re.compile(r"^\s*(?:[A-Z]{4,}\s*:\s*)?.*\bindikator\s+kinerja(?:\s+(?:utama|individu))?\b.*"
                         r"(?:sebagai\s+berikut|adalah|meliputi|terdiri\s+(?:atas|dari))\s*:\s*$", re.I)
DICTUM_ITEM = re.compile(r"^\s*(?P<mark>[a-z]|\d{1,2})[.)]\s+(?P<text>\S.*)$")
ANNEX = re.compile(r"\b(?:lampiran|tercantum|sebagaimana\s+dimaksud)\b", re.I)
ITEM_TARGET = re.compile(r"^(?P<name>.+?)\s*,?\s+(?:dengan\s+)?target(?:nya)?\s*(?:sebesar\s*)?:?\s*(?P<target>.+)$",
                         re.I)


def dictum_list(lines: list[str], i: int) -> Block | None:
    """'KESATU : Indikator Kinerja Utama ... Tahun 2026 adalah sebagai berikut:' over a lettered
    list, 'a. Indeks A, dengan target 85;': a table of the items' names and targets (the year the
    announcing line names heads the target column)."""
    if "\t" in lines[i] or not DICTUM_LIST.match(lines[i]):
        return None
    n, items = i + 1, []
    while n < len(lines) and DICTUM_ITEM.match(lines[n]) and "\t" not in lines[n]:
        m = DICTUM_ITEM.match(lines[n])
        assert m is not None
        items.append((n, m.group("mark"), m.group("text")))
        n += 1
    if len(items) < 2 or any(ANNEX.search(text) for _, _, text in items) or ANNEX.search(lines[i]):
        return None  # 'a. Indikator Kinerja Utama sebagaimana tercantum dalam Lampiran I': the tables are elsewhere
    year = header_year(lines[i])
    block = Block(i, n, [SourceRow(i + 1, i + 1, ["No", "Indikator Kinerja", f"Target {year}" if year else "Target"])])
    for k, mark, text in items:
        text = re.sub(r"\s*(?:;\s*(?:dan|serta|atau)?|[.,])\s*$", "", text.strip())
        m = ITEM_TARGET.match(text)
        block.rows.append(SourceRow(k + 1, k + 1, [mark] + ([m.group("name"), m.group("target")] if m else [text, ""])))
    block.warn("dictum-list", i + 1, f"{len(items)} indicators listed in the decree's text, not in a table: names "
               "and targets only")
    return block


# ---- a transposed table: the fields down the first column, one indicator per column (V102) ----

MATRIX_CORNER = re.compile(r"^(?:uraian|komponen|aspek|unsur|rincian|keterangan|item|elemen)$")
MATRIX_COLUMN = re.compile(r"^\s*(?:IKU|IKI|Indikator(?:\s+Kinerja)?)\s*(?:ke\s*-?\s*)?\d{1,2}\s*$", re.I)


def transposed_table(lines: list[str], i: int) -> Block | None:
    """'Uraian⇥IKU 1⇥IKU 2' over rows 'Indikator Kinerja⇥A⇥B', 'Satuan⇥%⇥indeks', 'Target 2025⇥90⇥83':
    a matrix whose first column names the fields and whose columns are the indicators. Turned
    into a header of those field names and one row per column, each row at the line of the
    indicator names."""
    cells = lines[i].split("\t")
    if len(cells) < 2 or not MATRIX_CORNER.match(re.sub(r"[^a-z]", "", strip_html(cells[0]).lower())) \
            or not all(MATRIX_COLUMN.match(strip_html(c)) for c in cells[1:]):
        return None
    fields: list[tuple[int, list[str]]] = []
    n = i + 1
    while n < len(lines) and "\t" in lines[n]:
        row = lines[n].split("\t")
        if not header_role(row[0]) and not header_year(row[0]):
            break
        fields.append((n, (row + [""] * len(cells))[: len(cells)]))
        n += 1
    roles = [header_role(r[0]) for _, r in fields]
    if len(fields) < 3 or "indicator" not in roles:
        return None
    at = fields[roles.index("indicator")][0] + 1
    block = Block(i, n, [SourceRow(i + 1, n, [_cell_text(r[0]) for _, r in fields])])
    for k in range(1, len(cells)):
        block.rows.append(SourceRow(at, at, [_cell_text(r[k]) for _, r in fields]))
    return block


READERS: list[tuple[str, Callable[[list[str], int], Block | None]]] = [
    ("html", html_table),
    ("grid", grid_table),
    ("latex", latex_tabular),
    ("pandoc", pandoc_table),
    ("csv", csv_table),
    ("matrix", transposed_table),
    ("cell-per-line", cell_per_line),
    ("pipe", pipe_table),
    ("fixed-width", fixed_width),
    ("card", labelled_card),
    ("dictum-list", dictum_list),
]


def normalise(text: str) -> Normalised:
    """The text's lines with every table block read: one Entry per row, other lines as they are."""
    lines = text.split("\n")
    out = Normalised(list(lines), [])
    i = 0
    while i < len(lines):
        block = next((b for _, reader in READERS for b in [reader(lines, i)] if b is not None), None)
        if block is None:
            out.entries.append(Entry(i + 1, lines[i], i + 1))
            i += 1
            continue
        out.warnings += block.warnings
        placed: set[int] = set()
        for k in range(block.start, block.end):
            out.lines[k] = ""
        for r in block.rows:
            text_ = r.cells[0] if r.plain else "\t".join(r.cells)
            if len(r.cells) == 1 and not r.plain:
                text_ += "\t"  # a one-cell row is still a row
            if r.first not in placed:
                out.lines[r.first - 1] = text_
                placed.add(r.first)
            out.entries.append(Entry(r.first, text_, r.last))
        i = max(block.end, i + 1)
    return out
