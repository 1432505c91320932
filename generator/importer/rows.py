"""Table rows -> indicator records: row merging and cell splitting.

- An empty cell means "same as above" (a lost rowspan) for sasaran, data source and
  responsible unit.
- A row whose indicator cell is empty continues the previous indicator (a formula's
  denominator row, a wrapped cell, a page-break continuation).
- An indicator cell beginning in lower case continues the previous indicator's name
  (a wrapped cell), unless the row has its own number.
- A cell listing several indicators (<li>, <p>, numbering, double spaces) gives several
  records; formula/source cells with the same number of items are matched positionally.
- Rows shorter than the header lost their leading cells: they are aligned to the right.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .ocr import junk as ocr_junk, suspect as ocr_suspect
from .cells import split_items, split_values, strip_html
from .formulas import parse_formula, parse_target
from .tables import Table, agency_heading_row

LIST_DASH = re.compile(r"^\s*[-•]\s+")
# 'same as above' markers: sda, s.d.a, -sda-, idem, Idem, ditto, 〃, "
FILL_DOWN = re.compile(r"^\s*(?:-\s*)?(?:s\.?\s?d\.?\s?a\.?|idem|ditto|〃|\"|'')(?:\s*-)?\s*$", re.I)
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


def join_wrapped(old: str, new: str) -> str:
    """A cell continued on the next row: a lower-case start is the same text wrapped (joined
    with a space); anything else is another item (joined with '; ')."""
    if not old:
        return new
    if new[:1].islower() or old.rstrip().endswith((",", "dan", "atau", "dengan", "/", "-")):
        return f"{old} {new}"
    return f"{old}; {new}"
MULTIPLIER_CELL = re.compile(r"^\s*[xX×]\s*1?0?0\s*%?\s*$")


@dataclass
class Record:
    name: str
    sasaran: str
    first: int
    last: int
    formula_cell: str = ""
    target: str = ""
    data_source: str = ""
    responsible: str = ""
    note: str = ""
    unit: str = ""  # a 'Satuan' column, where the decree has one
    multiplier: str = ""
    extra_formula: list[str] = field(default_factory=list)
    sasaran_parts: dict = field(default_factory=dict)  # IKU tables: sasaran_rpjmd / sasaran_renstra
    flags: set = field(default_factory=set)
    # (kind 'target'/'baseline', year from the header or None, cell as written), one per column
    target_cells: list = field(default_factory=list)
    agency: str = ""  # a PERANGKAT DAERAH column or a per-agency heading (several agencies)
    field_flags: dict = field(default_factory=dict)  # field -> set of flag codes

    def flag(self, name: str, code: str) -> None:
        self.field_flags.setdefault(name, set()).add(code)

    def targets(self) -> list[dict]:
        """The contract's `targets`: one item per filled target/baseline cell ('-' is no target)."""
        out = []
        for kind, year, cell in self.target_cells:
            text = strip_html(cell)
            if text and not NO_VALUE.match(text):
                out.append({"year": year, "kind": kind, "text": text})
        return out

    def fields(self) -> dict:
        cell = self.formula_cell
        # 'Catatan : ...' written inside a cell is a note, not part of the formula or source
        notes = [LIST_DASH.sub("", self.note)] if self.note else []
        m = NOTE_IN_CELL.search(cell)
        if m:
            notes.append(strip_html(m.group(0)))
            cell = cell[: m.start()]
        f = parse_formula(cell)
        if self.extra_formula:  # a ratio written over two rows: numerator row, denominator row
            num, den = strip_html(cell), " ".join(strip_html(x) for x in self.extra_formula)
            f = parse_formula(f"{num} ----- {den}") if num and den and f["formula_kind"] != "latex" else f
            if f["formula_kind"] == "fraction":
                f["formula"] = f"{num} / {den}"
        if self.multiplier and not f["multiplier"] and f["formula"]:
            f["multiplier"] = "100%"
            f["formula"] += " " + self.multiplier.strip()
        target, value, unit = parse_target(self.target)
        unit = self.unit or unit
        f = {k: LIST_DASH.sub("", v) if isinstance(v, str) else v for k, v in f.items()}
        clean = lambda v: LIST_DASH.sub("", v)
        source = clean(self.data_source or f["data_source"])
        m = NOTE_IN_CELL.search(source)
        if m:
            notes.append(m.group(0).strip())
            source = source[: m.start()].strip()
        flags = {k: sorted(v) for k, v in sorted(self.field_flags.items()) if v}
        return {**f, "target": target, "target_value": value, "target_unit": unit,
                "data_source": source, "responsible": clean(self.responsible), "note": "; ".join(notes),
                "unit": strip_html(self.unit) or None, "targets": self.targets(),
                "agency": self.agency or None, "flags": flags}


NO_VALUE = re.compile(r"^[-–—]+$")
TARGET_ONLY = re.compile(r"^\d+(?:[.,]\d+)?\s*(?:%|[A-Za-z]+)$")
NOTE_IN_CELL = re.compile(r"\bCatatan\s*:\s*\S.*$", re.S)
STARTS_INDICATOR = re.compile(r"^(persentase|jumlah|nilai|indeks|indek|tingkat|rasio|rata|capaian|tersedianya|"
                              r"terlaksananya|cakupan|predikat|hasil)", re.I)
TARGET_START = re.compile(r"^(\d+(?:[.,]\d+)?\s*(?:%|[a-z]+\b)|[A-E]\s*\(\d+\))(?:\s+|$)")
STARTS_GOAL = re.compile(r"^(meningkat|terlaksana|tersedia|tersusun|terwujud|tercapai|optimal|peningkatan|"
                         r"tertib|situasi)", re.I)


def _fit(cell: str, role: str | None) -> int:
    """How well a cell's content suits a column (content beats position after a page break)."""
    t = LIST_DASH.sub("", strip_html(cell))  # '- Jumlah ...' is judged as 'Jumlah ...'
    if not t:
        return 0
    targetish = len(t) < 20 and (bool(re.search(r"\d", t)) or t in ("-",))
    formulaish = "$" in t or bool(re.search(r"x\s*100|-{3,}|\.{3,}|\\frac|dibagi", t, re.I))
    if role is None:  # an unnamed column holds a multiplier ('X100%') or nothing
        return 1 if MULTIPLIER_CELL.match(t) else -3
    if role == "no":
        return 2 if re.fullmatch(r"\d{1,3}\.?", t) else -3
    if role == "target":
        if targetish:
            return 2
        if TARGET_START.match(t):
            return 1  # a target merged with the formula cell ('85% Formulasi ...')
        return -3 if len(t) > 40 or formulaish else -1
    if role == "formula":
        return 2 if formulaish else (-1 if targetish else 0)
    if role == "indicator":
        return (2 if STARTS_INDICATOR.match(t) else 0) - (2 if targetish or formulaish else 0)
    if role in ("sasaran", "sasaran_renstra", "sasaran_rpjmd"):
        return (1 if STARTS_GOAL.match(t) else 0) - (2 if targetish or formulaish else 0) \
            - (1 if STARTS_INDICATOR.match(t) else 0)
    if role == "note":  # a remarks column is mostly empty: text is rather a shifted cell
        return -1
    if role in ("data_source", "responsible"):
        return -2 if formulaish or targetish and role == "data_source" and "%" in t else 0
    return 0


def _align(cells: list[str], roles: list[str | None], hint: tuple | None = None) -> tuple[list[str], tuple]:
    """Place a short row's cells: leading cells lost at a page break shift the rest left, and
    a page's table may lack the unnamed multiplier column (V13), so try every shift, with and
    without the unnamed columns, and keep the placement whose contents suit their columns best.
    hint: the placement of the previous short row of the same width (rows of one page lose the
    same cells). Returns the placed cells and the placement used."""
    ncols = len(roles)
    cells = list(cells)
    while len(cells) > ncols and not cells[-1].strip():
        cells.pop()
    if len(cells) >= ncols:
        return cells, None
    named = [k for k, r in enumerate(roles) if r is not None]
    layouts = [(False, list(range(ncols)))]
    if len(named) < ncols and len(cells) <= len(named):
        layouts.append((True, named))
    best, best_score, best_key = None, None, None
    scores: list[int] = []
    for skip, slots in layouts:
        for pad in range(len(slots) - len(cells) + 1):
            cand = [""] * ncols
            for c, k in zip(cells, slots[pad:]):
                cand[k] = c
            key_id = (len(cells), pad, skip)
            score = sum(_fit(c, r) for c, r in zip(cand, roles)) + (3 if hint == key_id else 0)
            scores.append(score)
            # ties: a row that starts with an empty cell lost its leading cells (shift right);
            # a row that starts with text lost its trailing cells (keep left); the full layout first
            prefer = (pad if not cells[0].strip() else -pad, not skip)
            key = (score, prefer)
            if best_score is None or key > best_score:
                best, best_score, best_key = cand, key, key_id
    # the placement is a hint for the next short rows only when the contents decided it (a
    # placement chosen by a tie must not carry over and glue the next rows)
    decided = sorted(scores, reverse=True)[:2]
    return best, (best_key if len(decided) < 2 or decided[0] > decided[1] else None)


def _cell(row: dict, role: str) -> str:
    return row.get(role, "").strip()


def table_records(table: Table, warn) -> list[Record]:
    ncols = len(table.roles)
    out: list[Record] = []
    sasaran = ""
    sasaran_parts: dict = {}
    hint = None
    pending: list[Record] = []  # records of the previous row still waiting for their formula
    above: dict = {}  # role (or target column) -> the last value written, for 'sda'/'idem' markers
    agency = table.agency
    for r in table.rows:
        if is_group_heading_row(r.cells):
            continue  # 'B. JABATAN ADMINISTRATOR' between the rows of a combined table
        heading = agency_heading_row(r.cells)
        if heading:  # 'II.<TAB>DINAS SOSIAL': the rows below are that agency's
            agency, sasaran, above = heading, "", {}
            continue
        raw_cells = [strip_column_number(c, k) for k, c in enumerate(r.cells)]
        cells, placed = _align(raw_cells, table.roles, hint)
        if len(r.cells) >= ncols:
            hint = None
        elif placed is not None:
            hint = placed
        row: dict[str, str] = {}
        row_flags: dict[str, set] = {}
        row_targets: list[tuple[str, int | None, str]] = []
        mult = ""
        for k, c in enumerate(cells):
            role = table.roles[k] if k < ncols else None
            if role is None:
                if MULTIPLIER_CELL.match(strip_html(c)):
                    mult = strip_html(c)
                elif strip_html(c) and k >= ncols:
                    row["formula"] = (row.get("formula", "") + " " + c).strip()
                continue
            key = f"{role}:{k}" if role in ("target", "baseline") else role
            if FILL_DOWN.match(strip_html(c)):
                # 'sda', 'idem', '-sda-', 's.d.a': the cell above, resolved and flagged
                c = above.get(key, "")
                row_flags.setdefault("targets" if role in ("target", "baseline") else role, set()).add("fill-down")
                warn("fill-down", r.line, f"a same-as-above marker in the {role} column read as "
                     f"{strip_html(c)!r}" if c else f"a same-as-above marker in the {role} column has nothing above it")
            elif strip_html(c):
                above[key] = c
            if role in ("target", "baseline"):
                row_targets.append((role, table.years[k] if k < len(table.years) else None, c))
                if role == "target" and "target" not in row:
                    row["target"] = c  # the first target column: the one-target fields
                continue
            row[role] = (row.get(role, "") + " " + c).strip() if role in row else c
        if strip_html(_cell(row, "agency")):
            agency = strip_html(_cell(row, "agency"))
        number = strip_html(_cell(row, "no"))
        for level in ("sasaran_rpjmd", "sasaran_renstra"):
            if strip_html(_cell(row, level)):
                sasaran_parts[level] = strip_html(_cell(row, level))
        row_sasaran = LIST_DASH.sub("", strip_html(_cell(row, "sasaran") or _cell(row, "sasaran_renstra")
                                                  or _cell(row, "sasaran_rpjmd")))
        if row_sasaran and ocr_junk(row_sasaran):
            warn("ocr-junk", r.line, f"{row_sasaran!r} in the sasaran column is OCR damage: the sasaran above "
                 "is kept")
            row_flags.setdefault("goal", set()).add("ocr-suspect")
            row_sasaran = ""
        ind_cell = _cell(row, "indicator")
        prev = out[-1] if out else None
        lower_sasaran = bool(row_sasaran) and row_sasaran[:1].islower()
        continuation_row = not number and (not row_sasaran or lower_sasaran)
        if not strip_html(ind_cell):
            if prev is None:
                if row_sasaran:
                    sasaran = row_sasaran
                continue
            if row_sasaran and not _cell(row, "formula") and row_sasaran[:1].isupper() and not prev.sasaran[-1:].isalpha():
                sasaran = row_sasaran
                continue
            # continuation of the previous indicator(s)
            if row_sasaran:
                _extend_sasaran(out, prev.sasaran, row_sasaran)
                sasaran = out[-1].sasaran
            if _cell(row, "formula"):
                if prev.formula_cell and not prev.formula_cell.rstrip().endswith("$") and "$" not in _cell(row, "formula"):
                    prev.extra_formula.append(_cell(row, "formula"))
                else:
                    prev.formula_cell = (prev.formula_cell + " " + _cell(row, "formula")).strip()
            for role in ("data_source", "responsible", "note"):
                v = strip_html(_cell(row, role))
                if v:
                    setattr(prev, role, join_wrapped(getattr(prev, role), v))
            _continue_targets(prev, row_targets)
            if strip_html(_cell(row, "unit")):
                prev.unit = f"{prev.unit} {strip_html(_cell(row, 'unit'))}".strip()
            if mult:
                prev.multiplier = mult
            prev.last = r.line
            continue
        items = split_items(ind_cell, allow_single=continuation_row)
        garbage = [i for i in items if not WORD.search(i)]
        if garbage:
            warn("ocr-garbage", r.line, f"dropped {', '.join(map(repr, garbage))} from the indicator column: "
                 "OCR garbage with no word in it")
            items = [i for i in items if WORD.search(i)]
        if not items:
            continue
        if prev is None and continuation_row and items[0][:1].islower():
            warn("lost-page-fragment", r.line, f"dropped the fragment {items[0]!r}: the end of an item whose "
                 "beginning is on a lost page")
            table.lost_page = True
            items = items[1:]
            if not items:
                continue
        no_target_wrap = ("target" in table.roles and prev is not None and not number and bool(prev.target)
                          and not strip_html(_cell(row, "target")) and len(items) == 1)
        if no_target_wrap:
            # in a table with targets, a row with text but no number and no target continues
            # the previous row (a page break or a wrapped cell)
            prev.name = f"{prev.name} {items[0]}".strip()
            if row_sasaran:
                _extend_sasaran(out, prev.sasaran, row_sasaran)
                sasaran = out[-1].sasaran
            if _cell(row, "formula"):
                prev.formula_cell = f"{prev.formula_cell} {_cell(row, 'formula')}".strip()
            for role in ("data_source", "responsible"):
                v = strip_html(_cell(row, role))
                if v:
                    setattr(prev, role, f"{getattr(prev, role)} {v}".strip())
            prev.last = r.line
            continue
        if prev and _is_name_tail(row, row_targets, items, number, prev):
            # 'Provinsi dan Pemkab. Badung': the wrapped end of the name above (a row with
            # nothing of its own but this text, in a table whose rows carry formulas or sources)
            prev.name = f"{prev.name} {items[0]}".strip()
            prev.last = r.line
            continue
        if prev and continuation_row and items[0][:1].islower():
            if lower_sasaran:
                _extend_sasaran(out, prev.sasaran, row_sasaran)
                sasaran = out[-1].sasaran
                row_sasaran = ""
            prev.name = f"{prev.name} {items[0]}".strip()
            prev.last = r.line
            if _cell(row, "formula") and len(items) == 1:
                if prev in pending and not prev.formula_cell:  # its formula is on this row
                    prev.formula_cell = _cell(row, "formula")
                    pending.remove(prev)
                else:
                    prev.extra_formula.append(_cell(row, "formula"))
            if mult:
                prev.multiplier = mult
            items = items[1:]
            if not items:
                continue
        if row_sasaran:
            if prev and sasaran and not number and lower_sasaran and not STARTS_GOAL.match(row_sasaran) \
                    and not sasaran.rstrip().endswith("."):
                # the wrapped tail of the sasaran above, on a row that has its own indicator
                _extend_sasaran(out, sasaran, row_sasaran)
                sasaran = f"{sasaran} {row_sasaran}"
            else:
                sasaran = row_sasaran
        f_cells = re.findall(r"<p[^>]*>.*?</p>", _cell(row, "formula"), flags=re.S)
        formulas = split_items(_cell(row, "formula")) if (len(items) > 1 or pending) and not f_cells else []
        whole_formula = _cell(row, "formula")
        # lists out of phase across rows (a page break, V4/V14): the first formulas of this row
        # belong to the previous row's items that had none, or end the previous formula
        if pending and len(formulas) == len(items) + len(pending):
            for rec, f in zip(pending, formulas):
                rec.formula_cell, rec.last = f, r.line
            formulas = formulas[len(pending):]
            whole_formula = formulas[0] if len(items) == 1 else whole_formula
        elif prev and len(items) > 1 and len(formulas) == len(items) + 1 and formulas[0][:1].islower():
            prev.formula_cell, prev.last = f"{prev.formula_cell} {formulas[0]}".strip(), r.line
            formulas = formulas[1:]
        pending = []
        sources = _split_glued(split_items(_cell(row, "data_source")), len(items)) if len(items) > 1 else []
        # an empty cell is empty: the data source and the unit in charge are not filled down
        # (only a written 'sda'/'idem' marker is, flagged above)
        source = strip_html(_cell(row, "data_source"))
        resp = strip_html(_cell(row, "responsible"))
        target_cell, formula_prefix = _cell(row, "target"), ""
        tm = TARGET_START.match(strip_html(target_cell))
        if tm and len(strip_html(target_cell)) > 30:  # the target cell swallowed the formula
            target_cell = tm.group(1)
            formula_prefix = re.sub(r"^\s*<p>[^<]*</p>", "", _cell(row, "target"), count=1)
            if formula_prefix == _cell(row, "target"):
                formula_prefix = strip_html(_cell(row, "target"))[tm.end():]
        # cells listing several items are paired item by item with the indicator items; a
        # single value is shared; any other count is flagged, never guessed
        mismatch: set[str] = set()
        units = split_values(_cell(row, "unit")) if len(items) > 1 else []
        if len(items) > 1 and len(units) > 1 and len(units) != len(items):
            mismatch.add("unit")
        target_items = []
        for kind, year, cell in row_targets:
            pieces = split_values(cell) if len(items) > 1 else []
            if len(items) > 1 and len(pieces) > 1 and len(pieces) != len(items):
                mismatch.add("targets")
            target_items.append(pieces)
        if len(items) > 1 and len(sources) > 1 and len(sources) != len(items):
            mismatch.add("data_source")
        formula_pieces = split_items(_cell(row, "formula")) if len(items) > 1 else []
        if len(items) > 1 and len(formula_pieces) > 1 and len(formula_pieces) != len(items) and not pending \
                and not (f_cells and len(f_cells) == len(items)) and not _is_list(_cell(row, "formula")):
            mismatch.add("formula")
        if mismatch:
            warn("items-mismatch", r.line, f"{len(items)} indicators in one cell, but the "
                 + ", ".join(sorted(mismatch)) + " column(s) list another number of items: copied whole, "
                 "check against the decree")
        for k, name in enumerate(items):
            rec = Record(name=name, sasaran=sasaran, first=r.line, last=r.line,
                         target=target_cell, data_source=source, responsible=resp,
                         note=strip_html(_cell(row, "note")), unit=strip_html(_cell(row, "unit")),
                         multiplier=mult, sasaran_parts=dict(sasaran_parts), agency=agency,
                         field_flags={f: set(v) for f, v in row_flags.items()})
            rec.target_cells = [(kind, year, cells_k[k] if len(cells_k) == len(items) else cell)
                                for (kind, year, cell), cells_k in zip(row_targets, target_items)]
            if len(units) == len(items) > 1:
                rec.unit = units[k]
            for fname in mismatch:
                rec.flag(fname, "items-mismatch")
            if ocr_suspect(name):
                rec.flag("name", "ocr-suspect")
            if rec.sasaran and ocr_suspect(rec.sasaran):
                rec.flag("goal", "ocr-suspect")
            if len(items) == 1:
                rec.formula_cell = whole_formula
            elif len(f_cells) == len(items):
                rec.formula_cell = f_cells[k]
            elif len(formulas) == len(items):
                rec.formula_cell = formulas[k]
            elif 0 < len(formulas) < len(items) and _is_list(_cell(row, "formula")):
                # fewer formulas than items: the rest follow on the next row
                rec.formula_cell = formulas[k] if k < len(formulas) else ""
                if k >= len(formulas):
                    pending.append(rec)
            elif strip_html(_cell(row, "formula")) in ("-", ""):
                rec.formula_cell = ""
            else:
                rec.formula_cell = _cell(row, "formula")
            if formula_prefix:
                rec.formula_cell = f"{formula_prefix} {rec.formula_cell}".strip()
            if not rec.target and TARGET_ONLY.match(strip_html(rec.formula_cell)):
                # '4 Dokumen' in the formula column of a table without targets: a target (content
                # decides, V17/V18)
                warn("target-in-formula-column", r.line, f"{strip_html(rec.formula_cell)!r} stands in the formula "
                     f"column of {rec.name!r}: read as its target")
                rec.target, rec.formula_cell = strip_html(rec.formula_cell), ""
            if len(sources) == len(items) and len(items) > 1:
                rec.data_source = sources[k]
            out.append(rec)
    return out


WORD = re.compile(r"[A-Za-z]{3,}")


def _is_list(cell: str) -> bool:
    """A cell written as a list ('<li>', '- ' items)."""
    return "<li" in cell or bool(re.match(r"^\s*-\s", strip_html(cell)))


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


def _extend_sasaran(out: list[Record], old: str, more: str) -> None:
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
    others = [k for k, v in row.items() if k not in ("indicator", "no") and strip_html(v)]
    if others or any(strip_html(c) for _, _, c in row_targets):
        return False
    if re.match(r"^\s*(?:\d{1,2}[.)]|[-•*]|<li|<ol|<ul)", _cell(row, "indicator")):
        return False
    return bool(prev.formula_cell or prev.data_source) and len(items[0].split()) <= 6 \
        and not prev.name.rstrip().endswith((".", ")"))
