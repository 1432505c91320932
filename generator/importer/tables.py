"""TAB-separated tables: header rows recognised through a synonym table (tolerant of
truncation and glued words, V2/V20/V23), two-row headers, column-number rows (V19) and
separator rows (V21), and the column layouts used when a header row is lost."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .cells import strip_html
from .ocr import digits, letters

# the words an agency's name starts with ('DINAS KESEHATAN', 'Badan Pendapatan Daerah')
AGENCY_WORDS = (r"(?:DINAS|BADAN|SEKRETARIAT|INSPEKTORAT|KECAMATAN|KELURAHAN|KAPANEWON|KEMANTREN|DISTRIK|SATUAN\s+POLISI|RSUD|RUMAH\s+SAKIT|"
                r"KANTOR|BAGIAN|UPTD|BIRO)\b")
AGENCY_ROW = re.compile(r"^\s*(?:(?:[A-Z]|[IVX]{1,4}|\d{1,2})[.)]?\s+)?(?P<name>" + AGENCY_WORDS + r"[^\d]{3,120})$",
                        re.IGNORECASE)
SEPARATOR = re.compile(r"^\s*-{2,}\s*$")
COLNUM = re.compile(r"^\s*\(\d+\)\s*$")
# a page break left in the text: '---', 'Halaman 2 dari 3', 'Hal. 2', '- 4 -', a bare page number
PAGE_MARK = re.compile(r"^\s*(?:[-*_=]{3,}|(?:halaman|hal\.?)\s*\d+(?:\s*(?:dari|/)\s*\d+)?|-\s*\d{1,3}\s*-|\d{1,3})\s*$",
                       re.I)


INFERRED_ROLES = {  # the column layouts of the decrees seen so far, by number of cells
    4: ("sasaran", "indicator", "formula", "data_source"),
    5: ("sasaran", "indicator", "formula", "data_source", "responsible"),
    6: ("no", "sasaran", "indicator", "target", "formula", "data_source"),
}


YEAR = re.compile(r"(?<!\d)(19[89]\d|20\d\d)(?!\d)")

# header meaning -> column role: (test on the header's letters, lower case, role); the first
# test that holds wins, so the more specific meanings come first. Columns may come in any order.
ROLE_TABLE: list[tuple[str, str]] = [
    (r"(no|nomor|nourut)", "no"),
    (r".*indikator.*|(iku|iki|ikuskpd|ikupd)|ukurankeberhasilan.*|.*indicator.*|kpis?", "indicator"),
    (r"(?!pejabat).*jabatan.*|position|jobtitle", "position"),
    (r"(?!.*visi).*misi.*", "misi"),
    (r".*tujuan.*sasaran.*|.*sasaran.*tujuan.*", "sasaran"),  # 'Tujuan / Sasaran': labelled rows of both
    (r".*tujuan.*rpjmd.*", "tujuan_rpjmd"),
    (r"(?!.*persetujuan).*tujuan.*", "tujuan_renstra"),  # 'persetujuan' (approval) is no tujuan
    (r".*(sasaran|kinerjautama).*rpjmd.*", "sasaran_rpjmd"),
    (r".*(sasaran|kinerjautama).*(renstra|skpd).*", "sasaran_renstra"),
    (r".*(sasaran|kinerjautama).*|kinerja", "sasaran"),  # 'Kinerja' over 'Indikator': the performance sought
    (r"(strategic)?(objectives?|goals?)", "sasaran"),  # English headers (V75)
    (r".*(kondisiawal|baseline|capaianawal|tahundasar|kinerjaawal|kondisieksisting|capaiantahundasar"
     r"|capaiankinerjaawal|awalperiode).*", "baseline"),
    (r"alasan.*", "other"),   # 'Alasan' (why the indicator was chosen) is no formula
    (r".*(penjelasan|formula|rumus|penghitung|perhitungan|pengukuran|definisi|caramengukur|carapengukuran|caramenghitung|menghitung"
     r"|metodepengukuran|calculation|computation|measurementmethod|definition).*", "formula"),
    (r"satuan(?!kerja).*|units?(ofmeasure(ment)?)?|measurementunit|uom", "unit"),
    (r"sumber(dana|anggaran|pembiayaan).*|anggaran.*|pagu.*|dana.*|rp|(kerangka)?pendanaan.*", "other"),  # money; "Rp" under a year (V100)
    (r"sumber.*|(data)?sources?(ofdata)?|meansofverification", "data_source"),
    (r"(target)?(kinerja)?(tw|triwulan|semester|smt|caturwulan|quarter)(i{1,3}|iv|ke|[1-4])?", "quarter"),  # 'TW I', 'Target Triwulan II'
    (r".*target.*|kondisiakhir.*|.*akhirperiode.*", "target"),    # 'Target', 'Target 2024', a bare year
    (r"pj|pic|.*penanggung.*|unitpd.*|pengampu|unitkerjapenanggungjawab|persons?incharge|responsible.*", "responsible"),
    (r"(nama)?(perangkatdaerah|opd|skpd|pd|unitkerja|instansi|satuankerja|satker)(pelaksana|pengampu)?", "agency"),
    (r"(ket|keterangan|catatan|remarks?|notes?)", "note"),
    (r"realisasi.*|capaian.*|bobot.*|program.*|kegiatan.*|actual.*|reali[sz]ation.*|achievement.*|weight.*", "other"),
]


def norm(cell: str) -> str:
    """A header cell's letters in lower case, OCR's confusions read back ('N0', 'lndikator', V90)."""
    return re.sub(r"[^a-z]", "", letters(strip_html(cell)).lower())


def header_year(cell: str) -> int | None:
    """The year a header cell names ('2024', 'Target 2024', 'Kondisi Awal (2021)', OCR's '2O25'), or None."""
    m = YEAR.search(digits(strip_html(cell)))
    return int(m.group(1)) if m else None


ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
ORDINAL = re.compile(r"^\s*(?:(?:target\s+)?(?:kinerja\s+)?tahun\s*)?(?:ke\s*-?\s*)?(?P<n>[IVX]{1,4}|\d{1,2})\s*$"
                     r"|\btahun\s+ke\s*-?\s*(?P<m>[IVX]{1,4}|\d{1,2})\b", re.I)


def header_ordinal(cell: str) -> int | None:
    """The year of the period a header counts ('I' .. 'V' under 'Target Kinerja Tahun ke-',
    'Target Tahun ke-II', 'Tahun ke-3'), as a negative number (-1 the period's first year, V96);
    None for any other cell (a bare Arabic number counts only after 'ke')."""
    t = strip_html(cell).strip()
    m = ORDINAL.search(t)
    if not m:
        return None
    n = m.group("n") or m.group("m")
    if n.isdigit() and not re.search(r"\bke\b", t, re.I):
        return None  # a bare '2' is a column number, not the second year
    value = int(n) if n.isdigit() else ROMAN.get(n.lower())
    return -value if value and value <= 10 else None


def header_role(cell: str) -> str | None:
    n = norm(cell)
    if not n:
        # a bare year ('2024') heads a target column
        return "target" if header_year(cell) and re.fullmatch(r"[\s\d()*]*", strip_html(cell)) else None
    if n in ("tahun", "th", "thn", "ta"):  # 'Tahun 2024', 'Th. 2024' head a target column
        # a bare 'Tahun' beside a 'Target' column: the years run down the table, one row each (V69)
        if header_year(cell):
            return "target"
        return "year" if re.fullmatch(r"(?i)\s*(?:tahun|thn\.?)\s*", strip_html(cell)) else None
    for pattern, role in ROLE_TABLE:
        if re.fullmatch(pattern, n):
            return role
    return None


LABELLED_VALUE = re.compile(r"^\s*(misi|tujuan|sasaran)\s*\d+(\s+rpjmd)?\s*:\s*\S", re.IGNORECASE)


def is_header(cells: list[str]) -> bool:
    filled = [c for c in cells if strip_html(c)]
    if len(filled) < 2 or any(len(strip_html(c)) > 70 for c in filled):
        return False
    if any(LABELLED_VALUE.match(strip_html(c)) for c in filled):  # 'Sasaran 2 : Meningkatnya ...' is data
        return False
    roles = [header_role(c) for c in filled]
    known = [r for r in roles if r]
    return len(known) >= 2 and len(known) >= 0.6 * len(filled)


LABELLED = re.compile(r"^\s*(?:misi|tujuan|sasaran)[^:]{0,25}:\s*\S", re.I)


END_OF_PERIOD = re.compile(r"(kondisi|capaian|target)?(kinerja)?(pada)?akhir(periode)?.*|.*akhirperiode.*")


def end_columns(cells: list[str]) -> list[int]:
    """'Kondisi Akhir', 'Kondisi Kinerja pada Akhir Periode RPJMD': the target at the period's end."""
    return [k for k, c in enumerate(cells) if norm(c) and END_OF_PERIOD.fullmatch(norm(c))]


# the words that end a header cell wrapped over two rows ('Kondisi' / 'Awal', 'Sumber' / 'Data')
HEADER_TAILS = {"awal", "akhir", "data", "jawab", "formulasi", "formula", "perhitungan", "penghitungan", "pengukuran",
                "operasional", "strategis", "kinerja", "utama", "individu", "tahunan", "kerja", "daerah", "dan"}


def wrapped_role(head: list[str], k: int, cell: str) -> str | None:
    """A header cell wrapped onto the next row ('Kondisi' / 'Awal', 'Sumber' / 'Data'): the role
    of the two joined."""
    words = re.findall(r"[a-z]+", strip_html(cell).lower())
    if k >= len(head) or not strip_html(head[k]) or not words or not set(words) <= HEADER_TAILS:
        return None  # only the words a header ends with: anything else under a header is data
    return header_role(f"{strip_html(head[k])} {strip_html(cell)}")


# an amendment's two values under one header: the replaced one and the new one (V83)
AMENDED_PAIR = re.compile(r"(semula|sebelum(nya|perubahan)?|lama|menjadi|sesudah(perubahan)?|setelahperubahan|baru)")


def is_subheader(cells: list[str], head: list[str] | None = None) -> bool:
    """Second row of a two-row header ('<TAB>Sasaran RPJMD<TAB>Sasaran Renstra PD'), or the rest
    of header cells wrapped onto it (head: the row above)."""
    filled = [(k, c) for k, c in enumerate(cells) if strip_html(c)]
    if any(LABELLED.match(strip_html(c)) for _, c in filled):
        return False  # 'Tujuan : Meningkatkan A', 'SASARAN 1 : ...': a labelled value, not a column name
    return bool(filled) and all(header_role(c) or header_year(c) or header_ordinal(c) or norm(c) in ("penghitungan", "perhitungan", "tahun")
                                or AMENDED_PAIR.fullmatch(norm(c))
                                or (head and wrapped_role(head, k, c)) for k, c in filled) \
        and all(len(strip_html(c)) < 40 for _, c in filled)


@dataclass
class Row:
    line: int
    cells: list[str]
    last: int = 0  # the last source line of a row written over several lines (0: the row's line)


@dataclass
class Table:
    line: int
    roles: list[str | None]
    rows: list[Row] = field(default_factory=list)
    years: list[int | None] = field(default_factory=list)  # per column: the year a target/baseline heads
    head_roles: list[str | None] = field(default_factory=list)  # the first header row's roles (repeats)
    head_cells: list[str] = field(default_factory=list)  # the first header row's cells
    agency: str = ""  # the agency a per-agency heading above the table names
    sasaran: str = ""  # a 'Sasaran : ...' line above a table without a sasaran column
    responsible: str = ""  # a 'Penanggung Jawab : ...' line above a table without such a column (V85)
    header_lines: list[int] = field(default_factory=list)
    kind: str = "iki"  # iki, iku, cascade
    after_heading: bool = False  # an IKI heading stood between the previous table and this one
    lost_page: bool = False  # rows continue a list whose beginning is lost
    repeat_pending: bool = False  # the header was just repeated: continuation or a new table?
    ends: list[int] = field(default_factory=list)  # columns of the condition at the end of the period
    inferred: bool = False  # no header row: the columns were guessed from the usual layouts
    year: int | None = None  # the year the decree names for this table's targets (an IKI year)
    yearly: bool = False  # its year from a caption above it: one table per year of the same indicators (V79)
    footnotes: dict = field(default_factory=dict)  # marker -> [(line, text)] written under its rows (V82)
    columns_of: Table | None = None  # the table whose rows this one's columns continue, by row number (V84)

    def __post_init__(self) -> None:
        if not self.head_roles:
            self.head_roles = list(self.roles)
        if not self.years:
            self.years = [None] * len(self.roles)




def is_separator_row(cells: list[str]) -> bool:
    """'--<TAB>---<TAB>--' (a markdown separator row left by the conversion)."""
    return all(SEPARATOR.match(c) or not c.strip() for c in cells)


def is_column_number_row(cells: list[str]) -> bool:
    """'(1)<TAB>(2)<TAB>(3)' (the column numbers printed under a header)."""
    return all(COLNUM.match(c) or not c.strip() for c in cells) and any(c.strip() for c in cells)


def apply_subheader(table: Table, cells: list[str]) -> None:
    """The second row of a two-row header names what the first row's spanning cells hold:
    'Sasaran RPJMD' / 'Sasaran Renstra PD' under 'Sasaran Strategis', or the years under
    'TARGET' (and under 'KONDISI AWAL'). Years usually stand under their columns; a row of years
    written without the leading empty cells is laid over the target columns in order."""
    width = max(len(table.roles), len(cells))
    table.roles += [None] * (width - len(table.roles))
    table.years += [None] * (width - len(table.years))
    spanning = list(zip(table.roles, table.years))
    for k, c in enumerate(cells):
        if AMENDED_PAIR.fullmatch(norm(c)) and not header_role(c):
            # 'Target 2025' over 'Semula' / 'Menjadi': the new value is the column's, the old one is not read
            left = next((j for j in range(min(k, len(spanning) - 1), -1, -1) if spanning[j][0]), None)
            if left is not None:
                table.roles[k] = "other" if AMENDED_OLD.search(norm(c)) else spanning[left][0]
                table.years[k] = spanning[left][1] if table.roles[k] in ("target", "baseline") else None
    years = [(k, header_year(c) or header_ordinal(c)) for k, c in enumerate(cells)
             if (header_year(c) or header_ordinal(c)) and header_role(c) in ("target", "baseline", None)]
    for k, c in enumerate(cells):
        r = header_role(c)
        if r and r not in ("formula", "year") and not (r == "target" and header_year(c)):
            table.roles[k] = r
        elif not r and wrapped_role(table.head_cells, k, c):
            table.roles[k] = wrapped_role(table.head_cells, k, c)
    spans = [k for k, r in enumerate(table.roles) if r in ("target", "baseline", None)]
    if years and not all(k in spans for k, _ in years):
        # a compact row of years: over the columns from the first target/baseline column on
        first = next((k for k, r in enumerate(table.roles) if r in ("target", "baseline")), None)
        if first is not None:
            run = [k for k in range(first, width) if table.roles[k] in ("target", "baseline", None)]
            years = list(zip(run, [y for _, y in years]))
    for k, y in years:
        if k >= width:
            continue
        if table.roles[k] not in ("target", "baseline"):
            # a column under a spanning TARGET (or KONDISI AWAL) cell: the role of the nearest
            # named column to its left
            left = next((table.roles[j] for j in range(k - 1, -1, -1) if table.roles[j]), None)
            table.roles[k] = left if left in ("target", "baseline") else "target"
        table.years[k] = y


# several explanation columns ('Penjelasan' and 'Formulasi'): the formula is the one whose
# header names a calculation; the others are explanations (kept out of the formula)
CALCULATION = re.compile(r"(formula|rumus|penghitung|perhitungan|pengukuran|caramengukur)")


AMENDED_OLD = re.compile(r"semula|sebelum(nya|perubahan)?|lama$")


def settle_roles(cells: list[str], roles: list[str | None]) -> list[str | None]:
    """One column per role where a role must be single: of several formula columns the
    calculation wins; of several indicator or sasaran columns the first is kept."""
    out = list(roles)
    # an amending decree's 'Semula' / 'Menjadi' columns (V57): what was replaced is not read
    for role in set(filter(None, out)):
        ks = [k for k, r in enumerate(out) if r == role]
        old = [k for k in ks if AMENDED_OLD.search(norm(cells[k]))]
        if old and len(old) < len(ks):
            for k in old:
                out[k] = "other"
    formula = [k for k, r in enumerate(out) if r == "formula"]
    if len(formula) > 1:
        keep = next((k for k in formula if CALCULATION.search(norm(cells[k]))), formula[0])
        for k in formula:
            if k != keep:
                out[k] = "other"
    for role in ("indicator", "no", "unit", "data_source"):
        ks = [k for k, r in enumerate(out) if r == role]
        for k in ks[1:]:
            out[k] = "other"
    return out


def agency_heading_row(cells: list[str]) -> str:
    """A row holding only an agency's name (and maybe its number) between the rows of a table
    that covers several agencies ('II.<TAB>DINAS SOSIAL'): the name, else ''."""
    filled = [strip_html(c) for c in cells if strip_html(c)]
    if not 0 < len(filled) <= 2:
        return ""
    if len(filled) == 2 and not re.fullmatch(r"(?:[A-Z]|[IVX]{1,4}|\d{1,2})[.)]?", filled[0]):
        return ""
    m = AGENCY_ROW.match(filled[-1])
    return m.group("name").strip(" :") if m else ""
