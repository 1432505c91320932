"""Table rows -> indicator records: a few small rules, tried in order on every row.

Every row is first read (`read_row`): its cells placed by content (placement.py), column
numbers merged into cells stripped (V19), 'sda'/'idem' markers resolved and flagged, the target
and baseline cells collected per column, an OCR-junk sasaran replaced by the one above. Then
the first rule of ROW_RULES that takes the row consumes it:

    sasaran_only_row          a row with a sasaran and no indicator starts a new sasaran
    continues_previous        a row without indicator text continues the record above (a ratio's
                              denominator row, wrapped cells, a page-break continuation; V13/V14)
    indicator_items           the indicator cell's items (V3/V5/V6/V7); junk items dropped (V22)
    lost_page_fragment        a lower-case fragment opening a table ends an item on a lost page (V4)
    wrapped_without_target    in a table with targets, text without number or target wraps (V14)
    name_tail                 a row holding only the end of the name above ('Provinsi dan Pemkab.')
    lower_case_continuation   an indicator item in lower case continues the name above (V14)
    new_records               a record per item; formula, unit, target and source cells paired
                              item by item, a single value shared, other counts flagged

Empty cells: the sasaran is carried down (it is what the indicators serve); other empty cells
stay empty (only a written 'same as above' marker is resolved). Each rule has a snippet test in
tests/importer/test_import_rules.py; docs/import-formats.md has the catalogue.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from .cells import footnote_marker, join_hyphen, split_items, split_values, strip_html
from .ocr import digits, junk as ocr_junk, letters, suspect as ocr_suspect
from .placement import MULTIPLIER_CELL, STARTS_INDICATOR, TARGET_ONLY, TARGET_START, align, shifted
from .record import Record
from .tables import Row, Table, agency_heading_row, header_role, header_year

__all__ = ["Record", "table_records", "merge_yearly", "strip_column_number", "is_group_heading", "is_group_heading_row"]

LIST_DASH = re.compile(r"^\s*[-•]\s+")
NO_VALUE_CELL = re.compile(r"^[-–—]$")
STRAY_BAR = re.compile(r"^\s*\|+\s*|\s*\|+\s*$")
# 'same as above' markers: sda, s.d.a, -sda-, idem, Idem, ditto, 〃, "
FILL_DOWN = re.compile(r"^\s*(?:-\s*)?(?:s\.?\s?d\.?\s?a\.?|idem|ditto|〃|\"|'')(?:\s*-)?\s*$", re.I)
# '1.1 Meningkatnya ...', 'Sasaran 1 : Meningkatnya ...', 'Sasaran Strategis 2: ...'
SASARAN_NUMBER = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})+\.?\s+|sasaran(?:\s+(?:strategis|kinerja))?\s*(?:\d{1,2}"
                            r"(?:\.\d{1,2})*\s*)?[:.]\s*)(?=\S)", re.I)
# 'Tujuan : ...' / 'Tujuan 1 : ...' in a sasaran column (a 'Tujuan / Sasaran' column): the level
# above the sasaran, never an indicator's goal
TUJUAN_LABEL = re.compile(r"^\s*tujuan(?:\s+(?:strategis|rpjmd|renstra))?\s*(?:\d{1,2}(?:\.\d{1,2})*\s*)?[:.]\s*\S",
                          re.I)
# a sasaran opens with what is to happen ('Meningkatnya ...', 'Terlaksananya ...'): never a tail
GOAL_VERB = re.compile(r"^(meningkat|menurun|terlaksana|tersedia|tersusun|terwujud|tercapai|terpenuhi|terselenggara|"
                       r"terkelola|terjamin|terbina|peningkatan|penurunan)", re.I)
FIELD_OF_ROLE = {"indicator": "name", "sasaran": "goal", "sasaran_renstra": "goal", "sasaran_rpjmd": "goal",
                 "target": "targets", "baseline": "targets", "no": "row"}
LIST_GOES_ON = re.compile(r"^\s*(?:[2-9]|[1-9]\d)[.)]\s+\S")  # a numbered list that starts past item 1
MULTIPLIER_TAIL = re.compile(r"^[xX×]\s*100\s*%?$")
COLUMN_NUMBER = re.compile(r"^\s*\((\d{1,2})\)(?:\s+|$)")
GROUP_HEADING = re.compile(r"^\s*(?:[A-Z]|[IVX]{1,4}|\d{1,2})?[.)]?\s*(?:\*\*)?\s*(?:KELOMPOK\s+)?JABATAN\s+"
                           r"(?:PIMPINAN\s+TINGGI(?:\s+(?:PRATAMA|MADYA|UTAMA))?|ADMINISTRATOR|PENGAWAS|"
                           r"FUNGSIONAL(?:\s+(?:TERTENTU|UMUM))?|PELAKSANA|STRUKTURAL)\s*(?:\(.*\))?\s*(?:\*\*)?\s*:?\s*$",
                           re.I)


def strip_column_number(cell: str, k: int) -> str:
    """'(2) Tersedianya ...' in column 2: a column-number row merged into the data (V19)."""
    m = COLUMN_NUMBER.match(cell)
    if m and abs(int(m.group(1)) - (k + 1)) <= 1:
        return cell[m.end():]
    return cell


def is_group_heading(text: str) -> bool:
    """'A. JABATAN PIMPINAN TINGGI PRATAMA', 'C. Jabatan Pengawas': a group of positions, not one."""
    return bool(GROUP_HEADING.match(strip_html(text)))


def is_group_heading_row(cells: list[str]) -> bool:
    filled = [strip_html(c) for c in cells if strip_html(c)]
    return 0 < len(filled) <= 2 and is_group_heading(" ".join(filled))


ROW_LABEL = re.compile(r"^\s*(?:\d{1,2}[.)]?\s+)?(sasaran|tujuan)(?:\s+(?:strategis|kinerja|rpjmd|renstra))?\s*"
                       r"(?:\d{1,2}(?:\.\d{1,2})*\s*)?[:.]\s*(\S.*)$", re.I)


def sasaran_heading_row(cells: list[str]) -> tuple[str, str] | None:
    """A row holding one labelled cell ('SASARAN 1 : Meningkatnya A', 'Tujuan 2: B') and nothing
    else: a heading across the table (V44). Returns ('sasaran' or 'tujuan', text)."""
    filled = [strip_html(c) for c in cells if strip_html(c)]
    if len(filled) != 1:
        return None
    m = ROW_LABEL.match(filled[0])
    return (m.group(1).lower(), m.group(2).strip()) if m else None


def join_wrapped(old: str, new: str) -> str:
    """A cell continued on the next row: a lower-case start is the same text wrapped (joined
    with a space); anything else is another item (joined with '; ')."""
    if not old:
        return new
    if new[:1].islower() or old.rstrip().endswith((",", "dan", "atau", "dengan", "/", "-")):
        return f"{old} {new}"
    return f"{old}; {new}"


def _cell(row: dict, role: str) -> str:
    return row.get(role, "").strip()


@dataclass
class RowView:
    """One table row read by column role."""
    line: int
    row: dict                   # role -> cell (the first target column as 'target')
    targets: list               # (kind, year, cell) per target/baseline column
    flags: dict                 # field -> flag codes of this row ('fill-down', 'ocr-suspect')
    mult: str = ""              # a multiplier in an unnamed column ('X100%')
    number: str = ""
    sasaran: str = ""           # the row's own sasaran text ('' when none, or junk)
    items: list = field(default_factory=list)
    last: int = 0               # the row's last source line (a row the front stage joined over lines)

    def cell(self, role: str) -> str:
        return _cell(self.row, role)

    @property
    def lower_sasaran(self) -> bool:
        return bool(self.sasaran) and self.sasaran[:1].islower()

    @property
    def continuation(self) -> bool:
        """No number of its own, no sasaran or a lower-case one: it may continue the row above."""
        return not self.number and (not self.sasaran or self.lower_sasaran)


@dataclass
class Reader:
    """What one table's rows carry to the next."""
    table: Table
    warn: object
    out: list = field(default_factory=list)
    sasaran: str = ""
    sasaran_parts: dict = field(default_factory=dict)
    pending: list = field(default_factory=list)   # records of the row above still waiting for their formula
    above: dict = field(default_factory=dict)     # role (or target column) -> last value, for 'sda' markers
    agency: str = ""
    hint: tuple | None = None
    tujuan: str = ""          # a 'Tujuan : ...' row of a 'Tujuan / Sasaran' column
    number: str = ""          # the row number of the row that made the last records
    in_charge: str = ""       # a unit named on a row across the table: responsible of the rows below (V93)
    sasaran_line: int = 0     # the row the current sasaran started on
    row_line: int = 0         # the last row read
    centred: set = field(default_factory=set)  # records whose responsible came on a continuation line (V97)

    @property
    def prev(self) -> Record | None:
        return self.out[-1] if self.out else None


def read_row(rd: Reader, cells_in: list[str], line: int) -> RowView:
    table, ncols = rd.table, len(rd.table.roles)
    raw_cells = [strip_column_number(c, k) for k, c in enumerate(cells_in)]
    cells, placed = align(raw_cells, table.roles, rd.hint)
    if len(cells_in) >= ncols:
        rd.hint = None
    elif placed is not None:
        rd.hint = placed
    v = RowView(line, {}, [], {}, last=line)
    moved = len(raw_cells) < ncols and shifted(raw_cells, cells)
    if moved:
        rd.warn("cells-shifted", line, f"a row of {len(raw_cells)} cells in a table of {ncols} columns: its cells "
                "were placed by what they hold (cells lost at a page break)")
    for k, c in enumerate(cells):
        role = table.roles[k] if k < ncols else None
        # OCR's confusions in a cell ('1.2OO', 'akuntabi1itas', V90): kept as written (a value is
        # never rewritten by guess), flagged and warned with the reading a person would check
        if role in ("target", "baseline") and digits(c) != c:
            rd.warn("ocr-digits", line, f"{strip_html(c)!r} in the {role} column probably reads "
                    f"{strip_html(digits(c))!r} (letters OCR read for digits): kept as written, check it")
            v.flags.setdefault("targets", set()).add("ocr-suspect")
        elif role in TEXT_ROLES and "$" not in c and letters(c) != c:
            rd.warn("ocr-letters", line, f"{strip_html(c)!r} in the {role} column probably reads "
                    f"{strip_html(letters(c))!r} (digits OCR read for letters): kept as written, check it")
            v.flags.setdefault(FIELD_OF_ROLE.get(role, role), set()).add("ocr-suspect")
        if moved and role and strip_html(c):
            v.flags.setdefault(FIELD_OF_ROLE.get(role, role), set()).add("cells-shifted")
        if role is None:
            mm = MULTIPLIER_CELL.match(strip_html(c))
            if mm:
                v.mult = mm.group(1)
            elif strip_html(c) and k >= ncols:
                v.row["formula"] = (v.row.get("formula", "") + " " + c).strip()
            continue
        key = f"{role}:{k}" if role in ("target", "baseline") else role
        if FILL_DOWN.match(strip_html(c)):
            # 'sda', 'idem', '-sda-', 's.d.a': the cell above, resolved and flagged
            c = rd.above.get(key, "")
            v.flags.setdefault("targets" if role in ("target", "baseline") else role, set()).add("fill-down")
            rd.warn("fill-down", line, f"a same-as-above marker in the {role} column read as {strip_html(c)!r}"
                    if c else f"a same-as-above marker in the {role} column has nothing above it")
        elif strip_html(c):
            rd.above[key] = c
        if role == "target" and k in table.ends and any(
                y for r, y in zip(table.roles, table.years) if r == "target"):
            # the end of the period beside year columns: the last year's target again, or flagged
            last = next((cc for kk, (r, y) in sorted(enumerate(zip(table.roles, table.years)), reverse=True)
                         if r == "target" and y and kk < len(cells) for cc in [cells[kk]]), "")
            if strip_html(c) and re.sub(r"\s+", "", strip_html(c)) != re.sub(r"\s+", "", strip_html(last)):
                v.targets.append((role, None, c))
                v.flags.setdefault("targets", set()).add("end-differs")
                rd.warn("end-target-differs", line, f"the end-of-period column holds {strip_html(c)!r}, the last "
                        f"year's target is {strip_html(last)!r}: kept as a target without a year")
            continue
        if role in ("target", "baseline"):
            year = table.years[k] if k < len(table.years) else None
            v.targets.append((role, year or (table.year if role == "target" else None), c))
            if role == "target" and "target" not in v.row:
                v.row["target"] = c  # the first target column: the one-target fields
            continue
        v.row[role] = (v.row.get(role, "") + " " + c).strip() if role in v.row else c
    if INDICATOR_LABEL.match(strip_html(v.row.get("indicator", ""))):
        v.row["indicator"] = ""  # 'Indikator kinerja:' over lettered rows: a label, no indicator (V87)
    every_year(rd, v, line)
    when = strip_html(v.cell("year"))
    if when and header_year(when):
        # a 'Tahun' column (V69): this row's target is that year's, or the baseline ('Kondisi Awal (2024)')
        kind = "baseline" if header_role(when) == "baseline" else "target"
        v.targets = [(kind, header_year(when), c) if r == "target" and y in (None, table.year) else (r, y, c)
                     for r, y, c in v.targets]
    if strip_html(v.cell("agency")):
        rd.agency = strip_html(v.cell("agency"))
    v.number = strip_html(v.cell("no"))
    for level in ("sasaran_rpjmd", "sasaran_renstra"):
        if strip_html(v.cell(level)):
            rd.sasaran_parts[level] = strip_html(v.cell(level))
    own = LIST_DASH.sub("", strip_html(v.cell("sasaran") or v.cell("sasaran_renstra") or v.cell("sasaran_rpjmd")))
    if TUJUAN_LABEL.match(own):
        rd.tujuan, own = re.sub(r"^[^:.]*[:.]\s*", "", own), ""
    v.sasaran = SASARAN_NUMBER.sub("", own)
    if v.sasaran and ocr_junk(v.sasaran):
        rd.warn("ocr-junk", line, f"{v.sasaran!r} in the sasaran column is OCR damage: the sasaran above is kept")
        v.flags.setdefault("goal", set()).add("ocr-suspect")
        v.sasaran = ""
    return v


TEXT_ROLES = ("indicator", "sasaran", "sasaran_renstra", "sasaran_rpjmd", "unit", "data_source", "responsible")
INDICATOR_LABEL = re.compile(r"^\s*(?:indikator(?:\s+kinerja)?(?:\s+(?:individu|utama))?|iki|iku)\s*(?:\(\s*ik[iu]\s*\)\s*)?:\s*$",
                             re.I)
EVERY_YEAR = re.compile(r"^(?P<value>.*?\S)\s*[,(]?\s*(?:setiap|tiap|per|tiap-tiap)\s+tahun\s*\)?\s*$", re.I)


def every_year(rd: Reader, v: RowView, line: int) -> None:
    """'100% setiap tahun' in the first of several year columns, the others empty: a cell merged
    across the years, the same target for each of them (V86)."""
    years = [(k, t) for k, t in enumerate(v.targets) if t[0] == "target" and t[1]]
    filled = [(k, t) for k, t in years if strip_html(t[2])]
    if len(years) < 2 or len(filled) != 1:
        return
    m = EVERY_YEAR.match(strip_html(filled[0][1][2]))
    if not m:
        return
    value = m.group("value")
    v.targets = [("target", y, value) if kind == "target" and y else (kind, y, c) for kind, y, c in v.targets]
    v.row["target"] = value
    rd.warn("target-every-year", line, f"{strip_html(filled[0][1][2])!r} stands in one year column of "
            f"{len(years)}: read as the target of each year")


def sasaran_only_row(rd: Reader, v: RowView) -> bool:
    """No indicator text: before any record, or after a finished sasaran, a new sasaran."""
    if strip_html(v.cell("indicator")):
        return False
    prev = rd.prev
    if prev is None:
        if v.sasaran:
            rd.sasaran = v.sasaran
        return True
    if v.sasaran and not v.cell("formula") and v.sasaran[:1].isupper() and (
            not prev.sasaran[-1:].isalpha() or GOAL_VERB.match(v.sasaran)):
        rd.sasaran = v.sasaran
        return True
    return False


def continues_previous(rd: Reader, v: RowView) -> bool:
    """No indicator text under a record: the rest of that record's cells (V13, V14, V16)."""
    if strip_html(v.cell("indicator")):
        return False
    prev = rd.prev
    if v.sasaran and v.sasaran[:1].isupper() and GOAL_VERB.match(v.sasaran) and prev.sasaran \
            and sum(r.sasaran == prev.sasaran for r in rd.out) > 1:
        # a new sasaran on a continuation line of a row that carried the one above: a merged
        # sasaran printed centred over its rows, the first of them this one (V97)
        rd.warn("sasaran-centred", v.line, f"{v.sasaran!r} stands on a continuation line of {prev.name!r}: read as "
                "its sasaran (a merged cell printed centred), not as more of the sasaran above")
        prev.sasaran = rd.sasaran = v.sasaran
        rd.sasaran_line = v.line
    elif v.sasaran:
        _extend_sasaran(rd.out, prev.sasaran, _more(rd, prev, "goal", prev.sasaran, v.sasaran, v.line))
        rd.sasaran = rd.out[-1].sasaran
    formula = v.cell("formula")
    if NO_VALUE_CELL.match(strip_html(formula)):
        formula = ""  # a '-' under a formula: no more of it
    if formula:
        text, before = strip_html(formula), strip_html(prev.formula_cell)
        last = strip_html(prev.extra_formula[-1]) if prev.extra_formula else before
        if last and (last.endswith("-") or (text[:1].islower() and not re.match(r"^[xX×]\s*100", text))) \
                and "$" not in formula and "$" not in last:
            # the cell above wrapped ('melalui e-' / 'surat ...', '... pencatatan' / 'akta perceraian')
            if prev.extra_formula:
                prev.extra_formula[-1] = f"{prev.extra_formula[-1]} {formula}".strip()
            else:
                prev.formula_cell = f"{prev.formula_cell} {formula}".strip()
        elif _complete_fraction(before) and _plain(text) and _plain(text) in _plain(before):
            # the denominator of the fraction above, echoed on a row of its own by the conversion
            rd.warn("formula-echo", v.line, f"{text!r} repeats a term of the complete formula above "
                    f"({prev.name!r}): dropped")
        elif LIST_GOES_ON.match(text) and re.match(r"^\s*1[.)]\s", before) and not prev.extra_formula:
            prev.formula_cell = f"{prev.formula_cell} {formula}".strip()  # the list of formulas goes on
        elif prev.formula_cell and not prev.formula_cell.rstrip().endswith("$") and "$" not in formula:
            prev.extra_formula.append(formula)  # a ratio over two rows: its denominator
        else:
            prev.formula_cell = (prev.formula_cell + " " + formula).strip()
    for role in ("data_source", "responsible", "note"):
        text = strip_html(v.cell(role))
        if text:
            if role == "responsible" and not prev.responsible:
                rd.centred.add(id(prev))
            setattr(prev, role, join_wrapped(getattr(prev, role), text))
    _continue_targets(prev, v.targets)
    if strip_html(v.cell("unit")):
        prev.unit = f"{prev.unit} {strip_html(v.cell('unit'))}".strip()
    if v.mult:
        prev.multiplier = v.mult
    prev.last = v.last
    return True


def indicator_items(rd: Reader, v: RowView) -> bool:
    """The items of the indicator cell; items with no word in them are OCR junk, dropped and
    reported (V22). Takes the row when nothing is left."""
    items = split_items(v.cell("indicator"), allow_single=v.continuation)
    garbage = [i for i in items if not WORD.search(i)]
    if garbage:
        rd.warn("ocr-garbage", v.line, f"dropped {', '.join(map(repr, garbage))} from the indicator column: "
                "OCR garbage with no word in it")
        items = [i for i in items if WORD.search(i)]
    v.items = items
    return not items


def lost_page_fragment(rd: Reader, v: RowView) -> bool:
    """A lower-case fragment opening a table ends an item whose beginning is on a lost page (V4)."""
    if rd.prev is None and v.continuation and v.items[0][:1].islower():
        rd.warn("lost-page-fragment", v.line, f"dropped the fragment {v.items[0]!r}: the end of an item whose "
                "beginning is on a lost page")
        rd.table.lost_page = True
        v.items = v.items[1:]
    return not v.items


def wrapped_without_target(rd: Reader, v: RowView) -> bool:
    """In a table with targets, a row with text but no number and no target continues the row
    above (a page break or a wrapped cell)."""
    prev = rd.prev
    if not ("target" in rd.table.roles and prev is not None and not v.number and bool(prev.target)
            and not strip_html(v.cell("target")) and len(v.items) == 1):
        return False
    prev.name = f"{prev.name} {_more(rd, prev, 'name', prev.name, v.items[0], v.line)}".strip()
    if v.sasaran:
        _extend_sasaran(rd.out, prev.sasaran, _more(rd, prev, "goal", prev.sasaran, v.sasaran, v.line))
        rd.sasaran = rd.out[-1].sasaran
    if v.cell("formula"):
        prev.formula_cell = f"{prev.formula_cell} {v.cell('formula')}".strip()
    for role in ("data_source", "responsible"):
        text = strip_html(v.cell(role))
        if text:
            setattr(prev, role, f"{getattr(prev, role)} {text}".strip())
    prev.last = v.last
    return True


def name_tail(rd: Reader, v: RowView) -> bool:
    """'Provinsi dan Pemkab. Badung': the wrapped end of the name above, on a row whose other
    cells are empty or wrapped ends themselves (lower case, or the formula's 'x 100%'), in a
    table whose rows carry formulas or sources."""
    prev = rd.prev
    if not (prev and _is_name_tail(v.row, v.targets, v.items, v.number, prev)):
        return False
    prev.name = f"{prev.name} {_more(rd, prev, 'name', prev.name, v.items[0], v.line)}".strip()
    for role in ("formula", "data_source", "responsible", "note", "sasaran"):
        text = strip_html(v.cell(role))
        if not text:
            continue
        if role == "formula":
            prev.formula_cell = f"{prev.formula_cell} {v.cell('formula')}".strip()
        elif role == "sasaran":
            _extend_sasaran(rd.out, prev.sasaran, _more(rd, prev, "goal", prev.sasaran, text, v.line))
            rd.sasaran = rd.out[-1].sasaran
        else:
            setattr(prev, role, join_wrapped(getattr(prev, role), text))
    if v.mult:
        prev.multiplier = v.mult
    prev.last = v.last
    return True


def lower_case_continuation(rd: Reader, v: RowView) -> bool:
    """An indicator item in lower case on a row without its own number continues the name above
    (V14); its formula cell ends that record's formula. The row's other items go on."""
    prev = rd.prev
    if not (prev and v.continuation and v.items[0][:1].islower()):
        return False
    if v.lower_sasaran:
        _extend_sasaran(rd.out, prev.sasaran, _more(rd, prev, "goal", prev.sasaran, v.sasaran, v.line))
        rd.sasaran = rd.out[-1].sasaran
        v.sasaran = ""
    prev.name = f"{prev.name} {_more(rd, prev, 'name', prev.name, v.items[0], v.line)}".strip()
    prev.last = v.last
    if v.cell("formula") and len(v.items) == 1:
        if prev in rd.pending and not prev.formula_cell:  # its formula is on this row
            prev.formula_cell = v.cell("formula")
            rd.pending.remove(prev)
        else:
            prev.extra_formula.append(v.cell("formula"))
    if v.mult:
        prev.multiplier = v.mult
    if len(v.items) == 1:  # the row is all continuation: its source and unit in charge end the record's
        for role in ("data_source", "responsible", "note"):
            text = strip_html(v.cell(role))
            if text:
                setattr(prev, role, join_wrapped(getattr(prev, role), text))
    v.items = v.items[1:]
    return not v.items


def next_sasaran(rd: Reader, v: RowView) -> None:
    """The sasaran of the row's records: its own, or the tail of the one above (a lower-case
    sasaran on a row without a number, the sasaran above not ended by a full stop)."""
    if not v.sasaran:
        return
    # a merged sasaran whose text was printed centred over its rows: it starts on one row and goes on
    # in lower case on the next NUMBERED row (V97)
    centred = bool(v.number) and rd.sasaran_line == rd.row_line and rd.sasaran_line > 0
    if rd.prev and rd.sasaran and (not v.number or centred) and v.lower_sasaran and not GOAL_VERB.match(v.sasaran) \
            and not rd.sasaran.rstrip().endswith("."):
        more = _more(rd, rd.prev, "goal", rd.sasaran, v.sasaran, v.line)
        _extend_sasaran(rd.out, rd.sasaran, more)
        rd.sasaran = f"{rd.sasaran} {more}".strip()
    else:
        rd.sasaran, rd.sasaran_line = v.sasaran, v.line
        empty = [r for r in reversed(rd.out) if not r.sasaran]
        if empty and rd.out[-1] is empty[0] and not v.lower_sasaran:
            # rows above with an empty sasaran at the top of the table: the first rows of a merged
            # sasaran whose text was printed centred, lower down (V97)
            for r in empty:
                if not r.sasaran:
                    r.sasaran = v.sasaran
            rd.warn("sasaran-centred", v.line, f"{len(empty)} row(s) above with an empty sasaran read as under "
                    f"{v.sasaran!r}, written lower down (a merged cell printed centred)")


def new_records(rd: Reader, v: RowView) -> bool:
    """A record per indicator item. Cells listing several values are paired item by item; a
    single value is shared; another count is flagged 'items-mismatch' and copied whole."""
    items, prev = v.items, rd.prev
    next_sasaran(rd, v)
    formula_cell = v.cell("formula")
    f_cells = re.findall(r"<p[^>]*>.*?</p>", formula_cell, flags=re.S)
    formulas = split_items(formula_cell) if (len(items) > 1 or rd.pending) and not f_cells else []
    whole_formula = formula_cell
    had_pending = bool(rd.pending)
    # lists out of phase across rows (a page break, V4/V14): the first formulas of this row
    # belong to the previous row's items that had none, or end the previous formula
    if rd.pending and len(formulas) == len(items) + len(rd.pending):
        for rec, f in zip(rd.pending, formulas):
            rec.formula_cell, rec.last = f, v.last
        formulas = formulas[len(rd.pending):]
        whole_formula = formulas[0] if len(items) == 1 else whole_formula
    elif prev and len(items) > 1 and len(formulas) == len(items) + 1 and formulas[0][:1].islower():
        prev.formula_cell, prev.last = f"{prev.formula_cell} {formulas[0]}".strip(), v.last
        formulas = formulas[1:]
    rd.pending = []
    if prev and v.continuation and not v.sasaran and LIST_GOES_ON.match(strip_html(v.cell("indicator"))):
        # '10. Laporan ... 11. ...' after a page break: the list of the row above goes on (V4),
        # in the same cells: its empty source and unit in charge are the row above's
        for role in ("data_source", "responsible"):
            if not strip_html(v.cell(role)) and getattr(prev, role):
                v.row[role] = getattr(prev, role)
                v.flags.setdefault(role, set()).add("fill-down")
    sources = _split_glued(split_items(v.cell("data_source")), len(items)) if len(items) > 1 else []
    target_cell, formula_prefix = v.cell("target"), ""
    tm = TARGET_START.match(strip_html(target_cell))
    if tm and len(strip_html(target_cell)) > 30:  # the target cell swallowed the formula (V18)
        target_cell = tm.group(1)
        formula_prefix = re.sub(r"^\s*<p>[^<]*</p>", "", v.cell("target"), count=1)
        if formula_prefix == v.cell("target"):
            formula_prefix = strip_html(v.cell("target"))[tm.end():]
        v.targets = [(kind, year, tm.group(1) if cell == v.cell("target") else cell)
                     for kind, year, cell in v.targets]
    mismatch: set[str] = set()
    units = _values(v.cell("unit"), len(items)) if len(items) > 1 else []
    if len(items) > 1 and len(units) > 1 and len(units) != len(items):
        mismatch.add("unit")
    target_items = []
    for _kind, _year, cell in v.targets:
        pieces = _values(cell, len(items)) if len(items) > 1 else []
        if len(items) > 1 and len(pieces) > 1 and len(pieces) != len(items):
            mismatch.add("targets")
        target_items.append(pieces)
    if len(items) > 1 and len(sources) > 1 and len(sources) != len(items):
        mismatch.add("data_source")
    persons = _values(v.cell("responsible"), len(items)) if len(items) > 1 else []
    if len(items) > 1 and len(persons) > 1 and len(persons) != len(items):
        mismatch.add("responsible")
    if len(items) > 1 and len(formulas) > 1 and len(formulas) != len(items) and not had_pending \
            and not (f_cells and len(f_cells) == len(items)) and not _is_list(formula_cell):
        mismatch.add("formula")
    if mismatch:
        rd.warn("items-mismatch", v.line, f"{len(items)} indicators in one cell, but the "
                + ", ".join(sorted(mismatch)) + " column(s) list another number of items: copied whole, "
                "check against the decree")
    for k, name in enumerate(items):
        stray = STRAY_BAR.sub("", name)  # '| Rata-rata ...': a table rule read as a character
        rec = Record(name=stray, sasaran=rd.sasaran, first=v.line, last=v.last, target=target_cell,
                     data_source=strip_html(v.cell("data_source")), responsible=strip_html(v.cell("responsible")),
                     note=strip_html(v.cell("note")), unit=strip_html(v.cell("unit")), multiplier=v.mult,
                     sasaran_parts=dict(rd.sasaran_parts), agency=rd.agency,
                     field_flags={f: set(codes) for f, codes in v.flags.items()})
        rec.target_cells = [(kind, year, pieces[k] if len(pieces) == len(items) else cell)
                            for (kind, year, cell), pieces in zip(v.targets, target_items)]
        if len(units) == len(items) > 1:
            rec.unit = units[k]
        for fname in mismatch:
            rec.flag(fname, "items-mismatch")
        if ocr_suspect(name):
            rec.flag("name", "ocr-suspect")
            if stray != name:
                rd.warn("ocr-junk", v.line, f"a stray '|' dropped from the indicator name {stray!r}")
        if rec.sasaran and ocr_suspect(rec.sasaran):
            rec.flag("goal", "ocr-suspect")
        if len(items) == 1:
            rec.formula_cell = whole_formula
        elif len(f_cells) == len(items):
            rec.formula_cell = f_cells[k]
        elif len(formulas) == len(items):
            rec.formula_cell = formulas[k]
        elif 0 < len(formulas) < len(items) and _is_list(formula_cell):
            # fewer formulas than items: the rest follow on the next row
            rec.formula_cell = formulas[k] if k < len(formulas) else ""
            if k >= len(formulas):
                rd.pending.append(rec)
        elif strip_html(formula_cell) in ("-", ""):
            rec.formula_cell = ""
        else:
            rec.formula_cell = formula_cell
        if formula_prefix:
            rec.formula_cell = f"{formula_prefix} {rec.formula_cell}".strip()
        if not rec.target and TARGET_ONLY.match(strip_html(rec.formula_cell)):
            # '4 Dokumen' in the formula column of a table without targets: a target (content
            # decides, V17/V18)
            rd.warn("target-in-formula-column", v.line, f"{strip_html(rec.formula_cell)!r} stands in the formula "
                    f"column of {rec.name!r}: read as its target")
            rec.target, rec.formula_cell = strip_html(rec.formula_cell), ""
            rec.target_cells = [("target", None, rec.target)]
            rec.flag("targets", "moved-from-formula")
        if len(sources) == len(items) and len(items) > 1:
            rec.data_source = sources[k]
        if len(persons) == len(items) > 1:
            rec.responsible = persons[k]
        rd.out.append(rec)
    rd.number = v.number
    return True


BROKEN_WORD = re.compile(r"[A-Za-z]{2}-$")  # 'evalu-'; 'e-' / 'surat' is the word e-surat
FIELD_ATTR = {"indicator": "name", "formula": "formula_cell", "data_source": "data_source",
              "responsible": "responsible", "unit": "unit", "note": "note"}


def broken_word_tail(rd: Reader, r: Row) -> bool:
    """'...hasil evalu-' / '<TAB><TAB>asi reformasi ...': a word broken at a line end (the PDF's
    hyphen), its rest alone on the next row in the column where it stands: joined there, without
    the hyphen, whatever the row's length (V65)."""
    filled = [(k, strip_html(c)) for k, c in enumerate(r.cells) if strip_html(c)]
    prev = rd.prev
    if len(filled) != 1 or prev is None or not filled[0][1][:1].islower():
        return False
    k, text = filled[0]
    role = rd.table.roles[k] if k < len(rd.table.roles) else ""
    if role in ("sasaran", "sasaran_renstra", "sasaran_rpjmd") and BROKEN_WORD.search(rd.sasaran):
        # 'berbasis elek-' / 'tronik': the sasaran's last word broken at the line end
        whole = join_hyphen(rd.sasaran, text)
        for rec in rd.out:
            if rec.sasaran == rd.sasaran:
                rec.sasaran = whole
        rd.sasaran = whole
        prev.last = max(prev.last, r.last, r.line)
        return True
    attr = FIELD_ATTR.get(role)
    if attr is None or not BROKEN_WORD.search(strip_html(getattr(prev, attr))):
        return False
    setattr(prev, attr, join_hyphen(strip_html(getattr(prev, attr)), text))
    prev.last = max(prev.last, r.last, r.line)
    return True


def _same_text(a: str, b: str) -> bool:
    return re.sub(r"\s+", " ", strip_html(a)).strip().lower() == re.sub(r"\s+", " ", strip_html(b)).strip().lower()


def repeated_merged_row(rd: Reader, v: RowView) -> bool:
    """A converter that repeats a vertically merged cell in every row it spans (Docling): an
    indicator printed over two rows comes out as two rows with the same number, sasaran and
    name (V88). The second row is the same indicator: where its cells differ they are the rest
    of it (a ratio's denominator under its numerator, a second data source); identical cells
    add nothing (warned: the rows were one indicator)."""
    prev = rd.prev
    if not (prev and v.number and v.number == rd.number and len(v.items) == 1 and _same_text(v.items[0], prev.name)
            and (not v.sasaran or _same_text(v.sasaran, prev.sasaran))):
        return False
    formula = v.cell("formula")
    if strip_html(formula) and not NO_VALUE_CELL.match(strip_html(formula)) \
            and not _same_text(formula, prev.formula_cell) and not any(_same_text(formula, x) for x in prev.extra_formula):
        if prev.formula_cell:
            prev.extra_formula.append(formula)  # the merged name beside a ratio written over two rows
        else:
            prev.formula_cell = formula
    for role in ("data_source", "responsible", "unit", "note"):
        text = strip_html(v.cell(role))
        old = getattr(prev, role)
        if text and not NO_VALUE_CELL.match(text) and not any(_same_text(text, x) for x in old.split(";")):
            setattr(prev, role, f"{old}; {text}" if old else text)
    for kind, year, cell in v.targets:
        if strip_html(cell) and not any((k2, y2) == (kind, year) and strip_html(c2) for k2, y2, c2 in prev.target_cells):
            prev.target_cells.append((kind, year, cell))
    prev.last = v.last
    rd.warn("merged-cells-repeated", v.line, f"row {v.number} repeats the number and name of the row above "
            f"({prev.name!r}): one indicator whose merged cells the conversion repeated; its other cells joined")
    return True


ROW_RULES = (sasaran_only_row, continues_previous, indicator_items, repeated_merged_row, lost_page_fragment,
             wrapped_without_target, name_tail, lower_case_continuation, new_records)


NESTED_NUMBER = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})*)\.?\s*$")
VALUE_ROLES = ("target", "baseline", "unit", "formula", "data_source", "responsible")


def _depth(cells: list[str], k: int) -> int:
    m = NESTED_NUMBER.match(strip_html(cells[k])) if 0 <= k < len(cells) else None
    return m.group(1).count(".") + 1 if m else 0


ROMAN_NUMBER = re.compile(r"^\s*[IVX]{1,4}[.)]?\s*$")


TOTAL_LABEL = re.compile(r"^(?:jumlah|total)(?:\s+(?:bobot|nilai|total))?\s*:?$", re.I)


def total_row(table: Table, cells: list[str]) -> bool:
    """'⇥JUMLAH⇥⇥⇥⇥100⇥⇥': a row closing the table with the sum of a column (the weights of a
    'Bobot' column, V99): its only words are 'Jumlah' / 'Total', the rest figures; no indicator."""
    k = table.roles.index("indicator") if "indicator" in table.roles else -1
    if 0 <= k < len(cells) and strip_html(cells[k]):
        return False
    filled = [strip_html(c) for c in cells if strip_html(c)]
    words = [c for c in filled if re.search(r"[A-Za-z]", c)]
    return len(words) == 1 and bool(TOTAL_LABEL.match(words[0])) and len(filled) >= 2 \
        and all(re.fullmatch(r"[\d.,%\s]+", c) for c in filled if c is not words[0])


BOLD_ONLY = re.compile(r"^\s*(?:\*\*|__|<b>|<strong>)(?P<t>[^*<]+?)(?:\*\*|__|</b>|</strong>)\s*$", re.I)


def bold_heading_row(table: Table, cells: list[str]) -> str:
    """In a table with no sasaran column, a row whose indicator cell is wholly bold and whose
    value cells are empty, among rows that are not bold: the sasaran of the rows below, its level
    given only by the bold (one 'Sasaran Strategis / Indikator Kinerja' column, V100)."""
    k = table.roles.index("indicator") if "indicator" in table.roles else -1
    if k < 0 or "sasaran" in table.roles or k >= len(cells):
        return ""
    m = BOLD_ONLY.match(cells[k])
    if not m or any(strip_html(c) for j, c in enumerate(cells) if j < len(table.roles) and table.roles[j] in VALUE_ROLES):
        return ""
    plain = [r for r in table.rows if k < len(r.cells) and strip_html(r.cells[k]) and not BOLD_ONLY.match(r.cells[k])]
    return strip_html(m.group("t")) if plain else ""


def roman_heading_row(table: Table, cells: list[str], arabic: bool) -> str:
    """In a table whose indicator rows are numbered 1, 2, 3, a row numbered with a Roman numeral
    ('II') with text and no value in any other column: the sasaran of the rows below (V96)."""
    k = table.roles.index("no") if "no" in table.roles else -1
    if not (arabic and 0 <= k < len(cells) and ROMAN_NUMBER.match(strip_html(cells[k]))):
        return ""
    if any(strip_html(c) for j, c in enumerate(cells) if j < len(table.roles) and table.roles[j] in VALUE_ROLES):
        return ""
    text = " ".join(strip_html(c) for j, c in enumerate(cells) if j != k and strip_html(c))
    return SASARAN_NUMBER.sub("", text) if text else ""


def nested_heading_row(table: Table, cells: list[str], deepest: int) -> str | None:
    """Tujuan, sasaran and indicators in ONE column, their level given by the nested numbers of
    the No column ('1' / '1.1' / '1.1.1', V80): a row numbered one level above the deepest,
    with no value in any other column, is the sasaran of the rows below ('sasaran'); higher
    levels are tujuan ('tujuan'). None for any other row."""
    k = table.roles.index("no") if "no" in table.roles else -1
    depth = _depth(cells, k)
    if deepest < 2 or not 0 < depth < deepest:
        return None
    if any(strip_html(c) for j, c in enumerate(cells) if j < len(table.roles) and table.roles[j] in VALUE_ROLES):
        return None
    return "sasaran" if depth == deepest - 1 else "tujuan"


def table_records(table: Table, warn) -> list[Record]:
    """The records of one table: each row read, then the first rule that takes it."""
    rd = Reader(table, warn, agency=table.agency, sasaran=table.sasaran)
    no = table.roles.index("no") if "no" in table.roles else -1
    deepest = max((_depth(r.cells, no) for r in table.rows), default=0)
    arabic = no >= 0 and any(re.fullmatch(r"\d{1,3}[.)]?", strip_html(r.cells[no]) if no < len(r.cells) else "")
                             for r in table.rows)
    markers: dict[int, str] = {}
    figure_notes: dict[int, list[str]] = {}
    if "quarter" in table.roles and table.rows:
        warn("quarterly-targets", table.line, "targets per quarter or semester (TW I ... TW IV) are not targets "
             "per year: not published" + ("; the yearly target column is" if "target" in table.roles else ""))
    for r in table.rows:
        if is_group_heading_row(r.cells):
            continue  # 'B. JABATAN ADMINISTRATOR' between the rows of a combined table
        if total_row(table, r.cells):
            warn("total-row", r.line, "a row 'JUMLAH' / 'TOTAL' summing a column (weights): no indicator")
            continue
        label = sasaran_heading_row(r.cells)
        if label:  # 'SASARAN 1 : Meningkatnya ...' across the table: the sasaran of the rows below
            kind, text = label
            if kind == "sasaran":
                rd.sasaran, rd.pending = text, []
            else:
                rd.tujuan = text
            continue
        level = nested_heading_row(table, r.cells, deepest) if deepest >= 2 else None
        if level:  # '1.1<TAB>Meningkatnya A<TAB><TAB>...' over '1.1.1<TAB>Persentase B<TAB>...'
            text = " ".join(strip_html(c) for j, c in enumerate(r.cells) if j != no and strip_html(c))
            if level == "sasaran":
                rd.sasaran, rd.pending = SASARAN_NUMBER.sub("", text), []
            else:
                rd.tujuan = text
            continue
        unit_row = unit_heading_row(r.cells) if not {"responsible", "position"} & set(table.roles) else ""
        if unit_row:  # 'BIDANG BINA MARGA<TAB><TAB>...': the unit in charge of the rows below (V93)
            rd.in_charge = unit_row
            warn("responsible-group-row", r.line, f"{unit_row!r} stands alone across the table: read as the unit "
                 "in charge (penanggung jawab) of the rows below it")
            continue
        heading = agency_heading_row(r.cells)
        bold = bold_heading_row(table, r.cells) if not heading else ""
        if bold:  # '1<TAB>**Meningkatnya A**<TAB><TAB>...' over '<TAB>- Persentase B<TAB>%...' (V100)
            rd.sasaran, rd.pending = bold, []
            continue
        roman = roman_heading_row(table, r.cells, arabic) if arabic and not heading else ""
        if roman:  # 'II<TAB>Meningkatnya A<TAB><TAB>...' over rows numbered 1, 2, 3: a sasaran (V96)
            rd.sasaran, rd.pending = roman, []
            continue
        if heading:  # 'II.<TAB>DINAS SOSIAL': the rows below are that agency's
            rd.agency, rd.sasaran, rd.above = heading, "", {}
            continue
        if broken_word_tail(rd, r):
            continue
        cells = r.cells
        k = table.roles.index("indicator") if "indicator" in table.roles else -1
        mark = _name_marker(cells[k], table) if table.footnotes and 0 <= k < len(cells) else None
        if mark:  # 'Persentase A<sup>1)</sup>', 'Luas B¹': the marker of a footnote under the table (V82, V98)
            cells = cells[:k] + [cells[k][: mark.start()]] + cells[k + 1:]
            markers[r.line] = footnote_marker(mark.group("m"))
        if table.footnotes:
            cells, figure_notes[r.line] = _figure_markers(cells, table)
        v = read_row(rd, cells, r.line)
        v.last = max(r.last, r.line)
        before = len(rd.out)
        for rule in ROW_RULES:
            if rule(rd, v):
                break
        for rec in rd.out[before:]:
            if rd.in_charge and not rec.responsible:
                rec.responsible = rd.in_charge
        rd.row_line = r.line
    unit_in_name = "unit" not in table.roles and any(
        r == "indicator" and UNIT_HEADER.search(strip_html(c)) for r, c in zip(table.roles, table.head_cells))
    if "responsible" in table.roles:
        _centred_responsible(rd)
    header_unit = _unit_of_figure_headers(table)
    if header_unit and rd.out:
        warn("unit-in-header", table.line, f"no Satuan column; the headers of the figures name the unit "
             f"{header_unit!r}: read as the unit of every row")
    for rec in rd.out:
        if unit_in_name:
            unit_suffix(rec)
        if header_unit and not rec.unit:
            rec.unit = header_unit
        if rec.first in markers:
            footnote_of(rec, table, markers[rec.first], warn)
        for marker in figure_notes.get(rec.first, ()):
            figure_note(rec, table, marker, warn)
        if table.responsible and not rec.responsible:  # a caption's 'Penanggung Jawab : X' (V85)
            rec.responsible = table.responsible
        for rule in RECORD_RULES:
            rule(rec, warn)
        if "quarter" in table.roles:
            rec.flag("targets", "quarters-not-read")
        if table.inferred:  # no header row: every field's column is a guess (warning header-inferred)
            for role in filter(None, table.roles):
                if role in ("indicator", "sasaran", "formula", "unit", "data_source", "responsible", "target"):
                    rec.flag(FIELD_OF_ROLE.get(role, role), "column-guessed")
    return rd.out


# a unit of the organisation in charge, alone on a row across the table ('BIDANG BINA MARGA')
UNIT_ROW = re.compile(r"^\s*(?:(?:[A-Z]|[IVX]{1,4}|\d{1,2})[.)]\s+)?(?:penanggung\s*jawab\s*:\s*)?(?P<name>(?:bidang|seksi|sub\s*-?\s*bagian|"
                      r"sub\s*-?\s*bidang|subbag|subbid|upt)\b[^\d:]{2,80})$", re.I)


def unit_heading_row(cells: list[str]) -> str:
    """A row holding only a unit of the agency ('BIDANG BINA MARGA', 'Seksi Pelayanan') in its
    first filled cell, in a table without a responsible column: the name (V93), else ''."""
    filled = [(k, strip_html(c)) for k, c in enumerate(cells) if strip_html(c)]
    if len(filled) != 1 or filled[0][0] > 1:
        return ""
    m = UNIT_ROW.match(filled[0][1])
    return m.group("name").strip() if m else ""


def _centred_responsible(rd: Reader) -> None:
    """One responsible written for the rows of a sasaran, on a row below the first or on a
    continuation line, the others empty: a merged cell printed centred over those rows (V97)."""
    groups: list[list[Record]] = []
    for rec in rd.out:
        if groups and groups[-1][0].sasaran == rec.sasaran and rec.sasaran:
            groups[-1].append(rec)
        else:
            groups.append([rec])
    for group in groups:
        holders = [r for r in group if r.responsible]
        if len(group) < 2 or len(holders) != 1 or (holders[0] is group[0] and id(group[0]) not in rd.centred):
            continue
        for r in group:
            r.responsible = holders[0].responsible
            r.flag("responsible", "fill-down")
        rd.warn("responsible-centred", group[0].first, f"{holders[0].responsible!r} is the only responsible of the "
                f"{len(group)} rows of {group[0].sasaran!r}, written on a later line: read as all of theirs (a merged "
                "cell printed centred)")


# a figure column's header naming the unit in parentheses: 'Target 2025 (%)', 'Kondisi Awal 2024 (%)'
HEADER_UNIT = re.compile(r"\(\s*(?P<unit>%|persen|[a-z][a-z ./]{0,20}?)\s*\)\s*$", re.I)


def _unit_of_figure_headers(table: Table) -> str:
    """No Satuan column, and every target/baseline header names the same unit in parentheses
    ('Target 2025 (%)'): that unit (V93), else ''."""
    if "unit" in table.roles:
        return ""
    units = {HEADER_UNIT.search(strip_html(c)).group("unit").strip() if HEADER_UNIT.search(strip_html(c)) else ""
             for r, c in zip(table.roles, table.head_cells) if r in ("target", "baseline")}
    return units.pop() if len(units) == 1 and "" not in units else ""


# 'Indikator Kinerja (Satuan)': each indicator cell ends with its unit in parentheses (V78)
UNIT_HEADER = re.compile(r"\(\s*satuan\s*\)|\(\s*unit\s*\)", re.I)
# the unit a name ends with: '%', or a word in lower case ('(indeks)', '(kejadian)', '(juta orang)');
# a parenthesis in capitals is part of the name ('Indeks Kepuasan Masyarakat (IKM)')
UNIT_SUFFIX = re.compile(r"^(?P<name>.*\S)\s*\((?P<unit>%|[a-z][a-z0-9 ./%-]{0,24}|per\s[^()]{1,20}|Rp)\)\s*$")


def unit_suffix(rec: Record) -> None:
    """Under an indicator header 'Indikator Kinerja (Satuan)' and no Satuan column, the unit the
    name ends with in parentheses is the indicator's unit (V78)."""
    m = UNIT_SUFFIX.match(rec.name)
    if m and not rec.unit:
        rec.name, rec.unit = m.group("name"), m.group("unit").strip()


NAME_MARKER = re.compile(r"\s*<sup>\s*\(?(?P<m>[0-9a-z*]{1,3})\)?\s*</sup>\s*$", re.I)
# V98: a marker in superscript digits or asterisks after the text, '<sup>' lost ('Luas genangan
# banjir¹', '78,5*'): a marker only when a footnote with it is written under the table ('m²' is a unit)
PLAIN_MARKER = re.compile(r"(?<=[\w).%])\s?(?P<m>[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,2}|\*{1,3}\)?)\s*$")


def _name_marker(cell: str, table: Table):
    m = NAME_MARKER.search(cell)
    if m:
        return m
    m = PLAIN_MARKER.search(cell)
    if m and m.group("m") in "²³" and re.search(r"\b[kcdm]?m$", cell[: m.start()]):
        return None  # 'per m²', 'm³/detik': a unit's power
    return m if m and footnote_marker(m.group("m")) in table.footnotes else None


def _figure_markers(cells: list[str], table: Table) -> tuple[list[str], list[str]]:
    """Target and baseline cells with a footnote's marker ('78,5*'): the figure without it, and
    the markers (their footnotes are notes on the row)."""
    out, found = list(cells), []
    for k, role in enumerate(table.roles):
        if role in ("target", "baseline") and k < len(out):
            m = _name_marker(out[k], table)
            if m and re.search(r"\d", out[k][: m.start()]):
                out[k] = out[k][: m.start()].rstrip()
                found.append(footnote_marker(m.group("m")))
    return out, found


def figure_note(rec: Record, table: Table, marker: str, warn) -> None:
    """A footnote a target's marker points to: a note on the row (V98)."""
    notes = [text for line, text in table.footnotes.get(marker, []) if line > rec.first]
    if notes and notes[0] not in (rec.note or ""):
        rec.note = f"{rec.note}; {notes[0]}".strip("; ")
    elif not notes:
        warn("footnote-missing", rec.first, f"a target of {rec.name!r} carries the footnote marker {marker!r} but no "
             "footnote with it follows the table")


# a footnote that refers elsewhere or bounds the indicator's scope is a note, never its formula (V98)
NOTE_FOOTNOTE = re.compile(r"^\s*(?:lihat|termasuk|tidak\s+termasuk|kecuali|target|angka\s+sementara|catatan)\b", re.I)


def footnote_of(rec: Record, table: Table, marker: str, warn) -> None:
    """The footnote a name's marker points to (the first one with that marker written after the
    row, V82): the formula, in a table without a formula column; else a note. A marker without
    its footnote is warned."""
    notes = [(line, text) for line, text in table.footnotes.get(marker, []) if line > rec.first]
    if not notes:
        warn("footnote-missing", rec.first, f"{rec.name!r} carries the footnote marker {marker!r} but no footnote "
             "with it follows the table")
        return
    line, text = notes[0]
    if "formula" not in table.roles and not rec.formula_cell and not NOTE_FOOTNOTE.match(text):
        rec.formula_cell = text
        warn("footnote-formula", rec.first, f"the footnote {marker!r} (line {line}) read as the formula of "
             f"{rec.name!r}: the table has no formula column")
    else:
        rec.note = f"{rec.note}; {text}".strip("; ")


def merge_yearly(tables: list[tuple[Table, list[Record]]], warn) -> list[list[Record]]:
    """One table per year of the same indicators (V79: captions 'TARGET ... TAHUN 2024', 'TAHUN
    2025' above tables with a yearless Target column): a record of a later year's table with the
    name, sasaran and agency of a record of an earlier year's table is that indicator again; its
    targets join the earlier record (warned once per table). Other tables' records pass as they are.
    Returns the records left of each table, in the tables' order."""
    out: list[list[Record]] = []
    seen: dict[tuple, tuple[Record, set]] = {}
    for table, recs in tables:
        joined = 0
        out.append([])
        for rec in recs:
            key = (re.sub(r"\s+", " ", rec.name).strip().lower(), rec.sasaran.strip().lower(), rec.agency)
            if table.yearly and key in seen and table.year not in seen[key][1]:
                first, years = seen[key]
                first.target_cells += rec.target_cells
                years.add(table.year)
                joined += 1
                continue
            if table.yearly:
                seen.setdefault(key, (rec, {table.year}))
            out[-1].append(rec)
        if joined:
            warn("yearly-tables", table.line, f"the table of {table.year} repeats {joined} indicators of the "
                 "table(s) of other years above it: their targets joined those indicators")
    return out


# a term of a ratio opens with what is counted: 'Jumlah A', 'Realisasi B', 'Target C'
TERM_HEAD = re.compile(r"(?:^|(?<=\s))(?:Jumlah|Banyaknya|Total|Realisasi|Target|Rencana|Pagu|Anggaran|Nilai|Luas|"
                       r"Panjang)\b")
INLINE_MULT = re.compile(r"\s*[xX×]\s*100\s*%")
PERCENT_NAME = re.compile(r"^\s*(?:persentase|prosentase|presentase|rasio|proporsi|cakupan)\b", re.I)
TRAILING_BAR = re.compile(r"\s*(?:-{3,}|\.{3,}|—{2,}|_{3,})\s*$")


def lost_fraction_bar(rec: Record, warn) -> None:
    """A ratio whose fraction bar the conversion lost (V41): 'Jumlah A Jumlah B' with 'X100%'
    beside it (in its own column, or inline where the bar was: 'Jumlah A X 100%  Jumlah B'),
    or under a 'Persentase' name. Exactly two terms, each opening with what is counted
    (Jumlah, Realisasi, Target, ...): the numerator and the denominator. A bar with nothing
    under it ('Jumlah A X 100% B ————') leaves one term: the multiplier goes to the end.
    Rebuilt formulas are flagged 'bar-rebuilt'; anything else is left as written."""
    cell = rec.formula_cell
    if rec.extra_formula or not cell or "$" in cell or "<li" in cell or "<p" in cell:
        return
    text = strip_html(cell)
    if re.search(r"\s(?:-{3,}|\.{3,}|—{3,}|_{3,})\s*(?:[xX×]\s*100\s*%\s*)?\w|\bdibagi\b|\bdibandingkan\b|:|;", text) \
            or re.match(r"^\s*\d{1,2}[.)]\s", text):
        return
    mult = INLINE_MULT.search(text)
    inline_mult = mult.group(0).strip() if mult else ""
    body = TRAILING_BAR.sub("", INLINE_MULT.sub(" ", text))
    body = re.sub(r"\s+", " ", body).strip()
    if not (rec.multiplier or inline_mult or PERCENT_NAME.match(rec.name)):
        return
    heads = [m.start() for m in TERM_HEAD.finditer(body)]
    if len(heads) == 2 and heads[0] == 0:
        num, den = body[: heads[1]].strip(), body[heads[1]:].strip()
        if len(num.split()) < 2 or len(den.split()) < 2 or num.endswith(("/", "÷", ":")):
            return  # a term of one word, or a bar written as '/': nothing lost
        rec.formula_cell, rec.extra_formula = num, [den]
        rec.multiplier = rec.multiplier or inline_mult
        rec.flag("formula", "bar-rebuilt")
        warn("formula-bar-lost", rec.first, f"the formula of {rec.name!r} reads as two terms without a fraction "
             f"bar: rebuilt as {num!r} / {den!r}")
    elif inline_mult and body != text and (TRAILING_BAR.search(INLINE_MULT.sub(" ", text))
                                          or not text.endswith(inline_mult)):
        # the multiplier stood beside the bar, mid-text: moved to the end, the bar dropped
        rec.formula_cell, rec.multiplier = body, rec.multiplier or inline_mult
        rec.flag("formula", "bar-rebuilt")
        warn("formula-bar-lost", rec.first, f"the formula of {rec.name!r} has its multiplier mid-text and no "
             "term under its fraction bar: read as one term times 100%")


RECORD_RULES = (lost_fraction_bar,)


WORD = re.compile(r"[A-Za-z]{3,}")


def _is_list(cell: str) -> bool:
    """A cell written as a list ('<li>', '- ' items)."""
    return "<li" in cell or bool(re.match(r"^\s*-\s", strip_html(cell)))


def _values(cell: str, n: int) -> list[str]:
    """The values of a cell for n indicator items: its list (split_values), or, written on one
    line, 'B; 95%' split at ';' when that gives exactly n values."""
    pieces = split_values(cell)
    if len(pieces) == 1 and n > 1:
        semi = [x.strip() for x in strip_html(cell).split(";") if x.strip()]
        if len(semi) == n:
            return semi
    return pieces


def _split_glued(parts: list[str], n: int) -> list[str]:
    """A data-source cell whose values lost their line breaks: 'Dokumen A Dokumen B' for two
    items splits where its first word recurs; one value repeated serves every item."""
    if len(parts) != 1 or n < 2:
        return parts
    words = parts[0].split()
    starts = [k for k, w in enumerate(words) if w == words[0]]
    pieces = [" ".join(words[a:b]) for a, b in zip(starts, starts[1:] + [len(words)])]
    if len(pieces) == n:
        return pieces
    if len(pieces) > 1 and len(set(pieces)) == 1:
        return [pieces[0]] * n
    return parts


def _plain(text: str) -> str:
    """Words only, lower case: LaTeX commands, braces and punctuation out."""
    return " ".join(re.findall(r"[^\W_]+", re.sub(r"\\[A-Za-z]+", " ", text).lower()))


def _complete_fraction(text: str) -> bool:
    """A LaTeX fraction with both terms, or an ASCII bar with a term on each side."""
    return bool(re.search(r"\\frac\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}\{", text)) or bool(
        re.search(r"\w.*\s(?:-{3,}|\.{3,}|—{3,}|_{3,})\s*(?:[xX×]\s*100\s*%\s*)?\w", text))


def _more(rd: Reader, rec: Record | None, fname: str, old: str, more: str, line: int) -> str:
    """The wrapped tail to add to a name or sasaran; '' when it only repeats, OCR-fuzzily, the
    last words already there ('... penduduk' / 'penduduk', '... dilaporkan' / 'unaporkan'):
    a wrapped line the conversion kept twice (dropped, warned, the field flagged)."""
    words = more.split()
    if not (0 < len(words) <= 4) or len(old.split()) <= len(words):
        return more
    last = " ".join(old.split()[-len(words):])
    if difflib.SequenceMatcher(None, last.lower(), more.lower()).ratio() < 0.7:
        return more
    rd.warn("ocr-echo", line, f"{more!r} repeats the end of the {fname} above ({last!r}): dropped")
    if rec is not None:
        rec.flag(fname, "ocr-suspect")
    return ""


def _extend_sasaran(out: list[Record], old: str, more: str) -> None:
    if not more:
        return
    for rec in out:
        if rec.sasaran == old:
            rec.sasaran = f"{old} {more}".strip()


def _continue_targets(prev: Record, row_targets: list) -> None:
    """Target cells of a continuation row extend the same columns of the record above."""
    for kind, year, cell in row_targets:
        if not strip_html(cell):
            continue
        for i, (k2, y2, c2) in enumerate(prev.target_cells):
            if (k2, y2) == (kind, year):
                prev.target_cells[i] = (k2, y2, f"{c2} {cell}".strip())
                break
        else:
            prev.target_cells.append((kind, year, cell))


def _is_name_tail(row: dict, row_targets: list, items: list[str], number: str, prev: Record) -> bool:
    """A row whose only text is a short piece in the indicator column, under a record that has
    a formula or a source of its own: the wrapped end of that record's name."""
    if number or len(items) != 1 or LIST_DASH.match(items[0]) or STARTS_INDICATOR.match(items[0]):
        return False
    # other cells: empty, or wrapped ends themselves (lower case; a formula's 'x 100%')
    others = [strip_html(v) for k, v in row.items() if k not in ("indicator", "no") and strip_html(v)]
    if any(not (o[:1].islower() or MULTIPLIER_TAIL.match(o)) for o in others) \
            or any(strip_html(c) for _, _, c in row_targets):
        return False
    if re.match(r"^\s*(?:\d{1,2}[.)]|[-•*]|<li|<ol|<ul)", _cell(row, "indicator")):
        return False
    return bool(prev.formula_cell or prev.data_source) and len(items[0].split()) <= 6 \
        and not prev.name.rstrip().endswith((".", ")"))
