"""Parsed decree -> rows of the canonical resources, with ids, provenance and flags."""
from __future__ import annotations

import re

from .targets import entries as target_entries, flag_code, rows as target_rows
from .ids import position_ids, slug
from .rows import Record, merge_yearly, table_records
from .sections import Document
from .tables import Table
from .cells import split_items, strip_html
from .duties import items as duty_items_of

LEVELS = {"misi": "misi", "tujuan_rpjmd": "tujuan_rpjmd", "sasaran_rpjmd": "sasaran_rpjmd",
          "tujuan_renstra": "tujuan_renstra", "sasaran_renstra": "sasaran_renstra"}
CASCADE_ORDER = ["misi", "tujuan_rpjmd", "sasaran_rpjmd", "tujuan_renstra", "sasaran_renstra"]


def span(first: int, last: int) -> str:
    return str(first) if first >= last else f"{first}-{last}"


def label_and_text(cell: str) -> tuple[str, str]:
    """'Sasaran 2 :  Meningkatnya ...' -> ('Sasaran 2', 'Meningkatnya ...')."""
    t = strip_html(cell)
    m = re.match(r"^((?:Misi|Tujuan|Sasaran)\s*\d+(?:\s+RPJMD)?)\s*:\s*(.+)$", t, re.I)
    return (m.group(1), m.group(2)) if m else ("", t)


class Assembler:
    def __init__(self, doc: Document, document_id: str, agency_id: str = "", period: list[int] | None = None,
                 agency_id_for=None):
        """agency_id: the decree's agency; agency_id_for(name) -> id of another agency a record
        names (a decree setting the IKU of several perangkat daerah); period: the decree's years."""
        self.doc, self.did = doc, document_id
        self.agency_id = agency_id
        self.agency_id_for = agency_id_for or (lambda name: slug(name))
        self.agencies: dict[str, str] = {}  # id -> name of the agencies records name
        self.period = period or []
        self.guessed_years = 0
        self.tables: dict[str, list[dict]] = {k: [] for k in
                                              ("positions", "duties", "goals", "indicators", "targets")}
        self.goal_order = 0
        self.ind_order = 0
        self.level_counts: dict[str, int] = {}
        self.goal_by_key: dict[tuple, str] = {}
        self.truncated = False

    def goal(self, level: str, text: str, line: int, position_id: str = "", parent: str = "",
             label: str = "") -> str:
        key = (level, position_id, text, parent)
        if key in self.goal_by_key:
            return self.goal_by_key[key]
        self.goal_order += 1
        self.level_counts[level] = self.level_counts.get(level, 0) + 1
        gid = f"{self.did}--{level}-{self.level_counts[level]}"
        self.tables["goals"].append({"id": gid, "document_id": self.did, "position_id": position_id,
                                     "level": level, "order": self.goal_order, "label": label, "text": text,
                                     "parent_id": parent, "source_lines": str(line)})
        self.goal_by_key[key] = gid
        return gid

    def agency_named(self, name: str | None) -> str:
        """The id of the agency a record or position names, else the decree's agency."""
        name = (name or "").strip()
        if not name:
            return self.agency_id
        aid = self.agency_id_for(name)
        self.agencies.setdefault(aid, name)
        return aid

    def indicator(self, rec: Record, kind: str, ind_id: str, position_id: str, goal_id: str,
                  flags: set, agency_id: str = "") -> None:
        """One indicator row and its target rows, from the record's fields (the parser's contract:
        unit, targets, agency, flags = field -> codes; older records: target, unit attributes)."""
        self.ind_order += 1
        f = rec.fields()
        unit = ((f["unit"] if "unit" in f else getattr(rec, "unit", "")) or "").strip()
        agency = f["agency"] if "agency" in f else getattr(rec, "agency", None)
        field_flags = f.get("flags") if isinstance(f.get("flags"), dict) else {}
        row_flags = flags | record_flags(rec)
        if any("ocr-suspect" in codes for codes in field_flags.values()):
            row_flags.add("ocr_damaged")
        self.tables["indicators"].append({
            "id": ind_id, "document_id": self.did, "agency_id": agency_id or self.agency_named(agency),
            "position_id": position_id, "goal_id": goal_id,
            "kind": kind, "order": self.ind_order, "name": rec.name, "formula": f["formula"],
            "formula_kind": f["formula_kind"], "numerator": f["numerator"], "denominator": f["denominator"],
            "multiplier": f["multiplier"], "calculation_type": f["calculation_type"], "unit": unit,
            "data_source": f["data_source"],
            "responsible": f["responsible"], "note": f["note"], "source_lines": span(rec.first, rec.last),
            "flags": ";".join(sorted(row_flags)),
            "field_flags": ";".join(sorted(f"{name}:{flag_code(c)}" for name, codes in field_flags.items()
                                           for c in codes))})
        items = target_entries(f)
        for item in items:  # what the parser doubted about the targets cell, on each target
            item["flags"] = {flag_code(c) for c in field_flags.get("targets", ())}
        rows, guessed = target_rows(ind_id, self.did, items, unit, self.period)
        self.tables["targets"] += rows
        self.guessed_years += guessed

    def cascade(self, table: Table) -> tuple[dict[str, str], dict[str, str]]:
        """Goals from a cascade table (Visi > Misi > Tujuan/Sasaran RPJMD > Tujuan/Sasaran SKPD).
        Returns (sasaran_renstra text -> goal id, cascade indicator text -> its sasaran_renstra id):
        the cascade's indicator column is not published again, it links the IKU table to the cascade."""
        parents: dict[str, str] = {}
        by_text: dict[str, str] = {}
        by_indicator: dict[str, str] = {}
        visi = ""
        for i, line in enumerate(self.doc.lines):
            m = re.match(r"^\W*visi\s*:\s*(.+?)\W*$", line, re.I)
            if m and i + 1 < table.line:
                visi = self.goal("visi", strip_html(m.group(1)), i + 1)
        for row in table.rows:
            cells = _unshift(row.cells + [""] * (len(table.roles) - len(row.cells)), table.roles)
            parent = visi
            for role, cell in zip(table.roles, cells):
                if role == "indicator" and parents.get("sasaran_renstra"):
                    for item in split_items(cell):
                        by_indicator[slug(item)] = parents["sasaran_renstra"]
                level = LEVELS.get(role or "")
                if not level:
                    continue
                label, text = label_and_text(cell)
                if text:
                    gid = self.goal(level, text, row.line, parent=parents.get(_above(level), "") or parent,
                                    label=label)
                    parents[level] = gid
                    for lower in CASCADE_ORDER[CASCADE_ORDER.index(level) + 1:]:
                        parents.pop(lower, None)  # a new row of this level: the lower levels restart
                    if level == "sasaran_renstra":
                        by_text[slug(text)] = gid
                if level in parents:
                    parent = parents[level]
        return by_text, by_indicator

    def run(self) -> dict[str, list[dict]]:
        doc = self.doc
        renstra: dict[str, str] = {}
        by_indicator: dict[str, str] = {}
        for t in doc.agency_tables:
            if t.kind == "cascade":
                texts, inds = self.cascade(t)
                renstra.update(texts)
                by_indicator.update(inds)
        # the agency's own 'TUJUAN : ...' (a Renstra tujuan)
        tujuan = [self.goal("tujuan_renstra", it.text, it.first) for it in doc.agency_tujuan]
        rpjmd_ids: list[str] = []
        # agency tugas/fungsi
        for kind, items in (("tugas", doc.agency_tugas), ("fungsi", doc.agency_fungsi)):
            for k, it in enumerate(duty_items_of(items), start=1):
                self.tables["duties"].append({"id": f"{self.did}--lembaga--{kind}-{k}", "document_id": self.did,
                                              "position_id": "", "kind": kind, "order": k, "text": it.text,
                                              "source_lines": span(it.first, it.last)})
        # IKU
        n_iku = 0
        iku = merge_yearly([(t, table_records(t, doc.warn)) for t in doc.agency_tables if t.kind == "iku"], doc.warn)
        for rec in (r for recs in iku for r in recs):
            parent = ""
            if rec.sasaran_parts.get("sasaran_rpjmd"):
                parent = self.goal("sasaran_rpjmd", rec.sasaran_parts["sasaran_rpjmd"], rec.first)
                if parent not in rpjmd_ids:
                    rpjmd_ids.append(parent)
            if rec.sasaran_parts.get("sasaran_renstra"):
                # under the agency's tujuan when it states exactly one
                parent = self.goal("sasaran_renstra", rec.sasaran_parts["sasaran_renstra"], rec.first,
                                   parent=tujuan[0] if len(tujuan) == 1 else parent)
            # an IKU row always hangs on a sasaran_iku goal (the 'Sasaran Strategis' as written),
            # linked up to the Renstra sasaran it restates or serves
            gid = parent
            if rec.sasaran:
                parent = (parent or _match(renstra, rec.sasaran) or by_indicator.get(slug(rec.name))
                          or by_indicator.get(slug(rec.sasaran), ""))
                gid = self.goal("sasaran_iku", rec.sasaran, rec.first, parent=parent)
            n_iku += 1
            self.indicator(rec, "IKU", f"{self.did}--iku--{n_iku}", "", gid, set())
        if len(tujuan) == 1 and len(rpjmd_ids) == 1:  # the tujuan serves the one RPJMD sasaran
            next(g for g in self.tables["goals"] if g["id"] == tujuan[0])["parent_id"] = rpjmd_ids[0]
        # positions
        ids = position_ids(self.did, [p.title for p in doc.positions])
        seen_tables: dict[tuple, tuple[str, int]] = {}  # indicator names of a table -> (title, line)
        for order, (pos, pid) in enumerate(zip(doc.positions, ids), start=1):
            pos_agency = (getattr(pos, "agency", None) or "").strip()
            self.tables["positions"].append({"id": pid, "document_id": self.did,
                                             "agency_id": self.agency_named(pos_agency), "order": order,
                                             "title": pos.title, "unit": "",
                                             "source_lines": span(pos.line, pos.title_last),
                                             "flags": ";".join(sorted(pos.flags)),
                                             "note": ""})
            for kind, items in (("tugas", pos.tugas), ("fungsi", pos.fungsi)):
                for k, it in enumerate(duty_items_of(items), start=1):
                    self.tables["duties"].append({"id": f"{pid}--{kind}-{k}", "document_id": self.did,
                                                  "position_id": pid, "kind": kind, "order": k, "text": it.text,
                                                  "source_lines": span(it.first, it.last)})
            n = 0
            if not pos.tables:
                doc.warn("position-without-table", pos.line, f"position {pos.title!r} has no indicator table "
                         "(a lost page?)")
                _add_flag(self.tables["positions"][-1], "lost_page")
            merged = merge_yearly([(t, table_records(t, doc.warn)) for t in pos.tables], doc.warn)
            for ti, t in enumerate(pos.tables):
                tflags = set()
                if ti > 0 and t.after_heading:
                    tflags.add("probable_orphan_table")
                    _add_flag(self.tables["positions"][-1], "probable_orphan_table")
                    doc.warn("probable-orphan-table", t.line, f"a second, complete indicator table under "
                             f"{pos.title!r}: probably the table of a position whose header page is lost")
                recs = merged[ti]
                if t.lost_page or (t.rows and recs and not t.rows[0].cells[0].strip() and ti == 0
                                   and _starts_mid_list(t)):
                    tflags.add("lost_page")
                    _add_flag(self.tables["positions"][-1], "lost_page")
                    doc.warn("lost-page", t.line, f"the indicator list of {pos.title!r} starts in the middle "
                             "(its first items are on a lost page)")
                if not recs:
                    doc.warn("empty-table", t.line, "indicator table without indicators")
                    if pos is doc.positions[-1] and t is pos.tables[-1]:
                        self.truncated = True
                key = tuple(rec.name for rec in recs)
                if len(key) > 2 and key in seen_tables:
                    first_title, first_line = seen_tables[key]
                    tflags.add("duplicated_table")
                    doc.warn("duplicated-table", t.line, f"the indicator table under {pos.title!r} repeats the "
                             f"table of {first_title!r} (line {first_line}) item for item; kept as written")
                elif len(key) > 2:
                    seen_tables[key] = (pos.title, t.line)
                for rec in recs:
                    n += 1
                    gid = self.goal("sasaran_iki", rec.sasaran, rec.first, position_id=pid) if rec.sasaran else ""
                    self.indicator(rec, "IKI", f"{pid}--{n}", pid, gid, tflags)
                    if n == 1 and not pos_agency:  # a position belongs to the agency its indicators name
                        self.tables["positions"][-1]["agency_id"] = self.tables["indicators"][-1]["agency_id"]
        return self.tables


def record_flags(rec: Record) -> set:
    """A record's row-level flags (codes of the published vocabulary)."""
    f = getattr(rec, "flags", None) or set()
    return set() if isinstance(f, dict) else set(f)


def _add_flag(row: dict, flag: str) -> None:
    row["flags"] = ";".join(sorted(set(filter(None, row["flags"].split(";"))) | {flag}))


def _starts_mid_list(t: Table) -> bool:
    """The first row continues a numbered list ('10. ...') with no items before it."""
    first = strip_html(" ".join(t.rows[0].cells))
    m = re.match(r"^\s*(\d{1,2})\.", first)
    return m is not None and int(m.group(1)) > 1


def _unshift(cells: list[str], roles: list) -> list[str]:
    """A cascade row whose cell sits one column left of its level (V17: 'Sasaran 2 : ...' in the
    Tujuan column, its indicator in the Sasaran column): move it and the cells after it right."""
    for k, (role, cell) in enumerate(zip(roles, cells)):
        level = LEVELS.get(role or "")
        label = label_and_text(cell)[0].lower()
        if level and label and k + 1 < len(roles):
            word = label.split()[0]
            nxt = LEVELS.get(roles[k + 1] or "") or ""
            if not level.startswith(word) and nxt.startswith(word) and not cells[-1].strip():
                return cells[:k] + [""] + cells[k:-1]
    return cells


def _above(level: str) -> str:
    i = CASCADE_ORDER.index(level)
    return CASCADE_ORDER[i - 1] if i else ""


def _match(renstra: dict[str, str], text: str) -> str:
    """The cascade's Sasaran SKPD that an IKU sasaran restates (same words, any case)."""
    return renstra.get(slug(text), "")
