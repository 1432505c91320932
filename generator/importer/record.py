"""The indicator record the parser hands to assemble.py (the contract of
docs/import-formats.md): name, sasaran, cells as written, and `fields()` for the columns."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .cells import strip_html
from .formulas import parse_formula, parse_target

LIST_DASH = re.compile(r"^\s*[-•]\s+")
NO_VALUE = re.compile(r"^[-–—]+$")
YEAR_VALUE = re.compile(r"(?:Tahun\s+|Th\.?\s*)?((?:19|20)\d\d)\s*[:=]\s*(.+?)(?=\s*[;,]?\s*(?:(?:Tahun\s+|Th\.?\s*)?"
                        r"(?:19|20)\d\d\s*[:=])|\s*$)", re.I)
YEAR_VALUES = re.compile(r"(?:\s*(?:Tahun\s+|Th\.?\s*)?(?:19|20)\d\d\s*[:=]\s*\S.*?)+", re.I)
# a bar line under the numerator, or (V99) the multiplier alone on its row between numerator and denominator
BAR_LINE = re.compile(r"^\s*(?:(?:-{3,}|—{2,}|_{3,}|\.{5,})\s*(?P<mult>[xX×]\s*100\s*%?)?|(?P<alone>[xX×]\s*100\s*%))\s*$")
NOTE_IN_CELL = re.compile(r"\bCatatan\s*:\s*\S.*$", re.S)


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
            pairs = YEAR_VALUE.findall(text) if year is None and YEAR_VALUES.fullmatch(text) else []
            if pairs:  # '2025: 60<br>2026: 65' under a bare Target header: one target per year (V70)
                out += [{"year": int(y), "kind": kind, "text": v.strip()} for y, v in pairs
                        if not NO_VALUE.match(v.strip())]
            elif text and not NO_VALUE.match(text):
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
        listed = _numbered_fractions(cell) if not self.extra_formula else None
        if listed:  # '1. A ..... x 100% B 2. C ..... x 100% D': one fraction per item
            f.update(formula="; ".join(x["formula"] for x in listed), formula_kind="fraction",
                     numerator="; ".join(x["numerator"] for x in listed),
                     denominator="; ".join(x["denominator"] for x in listed),
                     multiplier=listed[0]["multiplier"] if all(x["multiplier"] == listed[0]["multiplier"]
                                                               for x in listed) else "")
        if self.extra_formula:  # a ratio written over two rows: numerator row, denominator row
            num, den = strip_html(cell), " ".join(strip_html(x) for x in self.extra_formula)
            bar = BAR_LINE.match(strip_html(self.extra_formula[0]))
            if bar and len(self.extra_formula) > 1:
                # numerator / a line of its own holding the bar ('———— x 100%') / denominator (V97)
                den = " ".join(strip_html(x) for x in self.extra_formula[1:]) + (f" {bar.group('mult') or bar.group('alone')}" if bar.group("mult") or bar.group("alone") else "")
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


ITEM_NUMBER = re.compile(r"(?:^|\s)(\d{1,2})[.)]\s+")


def _numbered_fractions(cell: str) -> list[dict] | None:
    """A cell listing numbered ratios, each with its own bar ('1. A ..... x 100% B 2. C ..... B'):
    each item read as a fraction, written 'A / B x 100%'. None unless every item is one."""
    text = strip_html(cell)
    marks = list(ITEM_NUMBER.finditer(text))
    if len(marks) < 2 or marks[0].start() != 0 or [int(m.group(1)) for m in marks] != list(range(1, len(marks) + 1)):
        return None
    out = []
    for m, nxt in zip(marks, marks[1:] + [None]):
        item = parse_formula(text[m.end(): nxt.start() if nxt else len(text)].strip())
        if item["formula_kind"] != "fraction":
            return None
        mult = " x 100%" if item["multiplier"] else ""
        out.append({**item, "formula": f"{item['numerator']} / {item['denominator']}{mult}"})
    return out
