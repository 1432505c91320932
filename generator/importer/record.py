"""The indicator record the parser hands to assemble.py (the contract of
docs/import-formats.md): name, sasaran, cells as written, and `fields()` for the columns."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .cells import strip_html
from .formulas import parse_formula, parse_target

LIST_DASH = re.compile(r"^\s*[-•]\s+")
NO_VALUE = re.compile(r"^[-–—]+$")
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
