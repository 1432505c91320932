"""TAB-separated tables: header rows recognised through a synonym table (tolerant of
truncation and glued words, V2/V20/V23), two-row headers, column-number rows (V19) and
separator rows (V21), and the column layouts used when a header row is lost."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .cells import strip_html

SEPARATOR = re.compile(r"^\s*-{2,}\s*$")
COLNUM = re.compile(r"^\s*\(\d+\)\s*$")


INFERRED_ROLES = {  # the column layouts of the decrees seen so far, by number of cells
    4: ("sasaran", "indicator", "formula", "data_source"),
    5: ("sasaran", "indicator", "formula", "data_source", "responsible"),
    6: ("no", "sasaran", "indicator", "target", "formula", "data_source"),
}


def norm(cell: str) -> str:
    return re.sub(r"[^a-z]", "", strip_html(cell).lower())


def header_role(cell: str) -> str | None:
    n = norm(cell)
    if not n:
        return None
    if n in ("no", "nomor"):
        return "no"
    if "indikator" in n or n in ("iku", "iki", "ikuskpd"):
        return "indicator"
    if "misi" in n and "visi" not in n:
        return "misi"
    if "tujuan" in n:
        return "tujuan_rpjmd" if "rpjmd" in n else "tujuan_renstra"
    if "sasaran" in n or "kinerjautama" in n:
        if "rpjmd" in n:
            return "sasaran_rpjmd"
        if "renstra" in n or "skpd" in n:
            return "sasaran_renstra"
        return "sasaran"
    if any(k in n for k in ("penjelasan", "formula", "rumus", "penghitung", "perhitungan", "pengukuran",
                            "definisioperasional")):
        return "formula"
    if n.startswith("satuan"):
        return "unit"
    if n.startswith("sumber"):
        return "data_source"
    if n.startswith("target"):
        return "target"
    if "penanggung" in n or n.startswith("unitpd"):
        return "responsible"
    if n in ("ket", "keterangan", "catatan"):
        return "note"
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


def is_subheader(cells: list[str]) -> bool:
    """Second row of a two-row header ('<TAB>Sasaran RPJMD<TAB>Sasaran Renstra PD')."""
    filled = [c for c in cells if strip_html(c)]
    return bool(filled) and all(header_role(c) or norm(c) in ("penghitungan", "perhitungan") for c in filled) \
        and all(len(strip_html(c)) < 40 for c in filled)


@dataclass
class Row:
    line: int
    cells: list[str]


@dataclass
class Table:
    line: int
    roles: list[str | None]
    rows: list[Row] = field(default_factory=list)
    header_lines: list[int] = field(default_factory=list)
    kind: str = "iki"  # iki, iku, cascade
    after_heading: bool = False  # an IKI heading stood between the previous table and this one
    lost_page: bool = False  # rows continue a list whose beginning is lost
    repeat_pending: bool = False  # the header was just repeated: continuation or a new table?


def is_separator_row(cells: list[str]) -> bool:
    """'--<TAB>---<TAB>--' (a markdown separator row left by the conversion)."""
    return all(SEPARATOR.match(c) or not c.strip() for c in cells)


def is_column_number_row(cells: list[str]) -> bool:
    """'(1)<TAB>(2)<TAB>(3)' (the column numbers printed under a header)."""
    return all(COLNUM.match(c) or not c.strip() for c in cells) and any(c.strip() for c in cells)
