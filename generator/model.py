"""Stage 3: typed, linked objects built from validated packages. No I/O here."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .load import Source


def _flags(v: str) -> tuple[str, ...]:
    return tuple(x for x in (v or "").split(";") if x)


def _int(v: str) -> int | None:
    return int(v) if v not in ("", None) else None


def _num(v: str) -> float | None:
    return float(v) if v not in ("", None) else None


def _date(v: str) -> dt.date | None:
    return dt.date.fromisoformat(v) if v else None


class RowFields:
    """The text fields of a CSV row that have no typed attribute, as attributes."""

    def __getattr__(self, item: str) -> str:
        row = self.__dict__.get("row", {})
        if item in row:
            value: str = row[item]
            return value
        raise AttributeError(item)


def anchor_of(indicator_id: str) -> str:
    """An indicator's anchor on its agency's page ('i-...')."""
    return "i-" + indicator_id.split("--", 1)[-1].replace("--", "-")


D = TypeVar("D")


def current_of(documents: list[D]) -> D:
    """Of an agency's decrees (anything with id, supersedes and signed_on), the one in force:
    the one no other decree supersedes, latest signed first."""
    superseded = {d.supersedes for d in documents if d.supersedes}  # type: ignore[attr-defined]
    live = [d for d in documents if d.id not in superseded] or documents  # type: ignore[attr-defined]
    return sorted(live, key=lambda d: (d.signed_on or dt.date.min, d.id))[-1]  # type: ignore[attr-defined]


@dataclass
class Region:
    code: str
    name: str
    level: str
    parent_code: str


@dataclass
class Target:
    id: str
    indicator_id: str
    year: int | None
    kind: str                   # "target" or "baseline"
    order: int
    text: str                   # as written
    value: float | None
    value_max: float | None
    comparator: str
    unit: str
    flags: tuple[str, ...]


@dataclass
class Indicator(RowFields):
    row: dict
    id: str
    kind: str
    order: int
    name: str
    position_id: str
    goal_id: str
    flags: tuple[str, ...]
    agency_id: str = ""
    unit: str = ""
    position: Position | None = None
    goal: Goal | None = None
    document: Document | None = None
    targets: list[Target] = field(default_factory=list)  # baselines too, in year order

    @property
    def anchor(self) -> str:
        return anchor_of(self.id)

    @property
    def target_list(self) -> list[Target]:
        """The targets proper (no baselines), in year order."""
        return [t for t in self.targets if t.kind == "target"]

    @property
    def baselines(self) -> list[Target]:
        return [t for t in self.targets if t.kind == "baseline"]

    @property
    def target(self) -> str:
        """The targets as one line: '2024: 90%; 2025: 95%', or the one target as written."""
        items = self.target_list
        if len(items) == 1 and (items[0].year is None or len({t.year for t in items}) == 1):
            return items[0].text
        return "; ".join(f"{t.year}: {t.text}" if t.year is not None else t.text for t in items)


@dataclass
class Goal:
    id: str
    level: str
    order: int
    label: str
    text: str
    parent_id: str
    position_id: str
    source_lines: str
    children: list[Goal] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    parent: Goal | None = None


@dataclass
class Duty:
    id: str
    kind: str
    order: int
    text: str
    position_id: str
    source_lines: str


@dataclass
class Position:
    id: str
    order: int
    title: str
    unit: str
    source_lines: str
    flags: tuple[str, ...]
    note: str
    agency_id: str = ""
    duties: list[Duty] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return "p-" + self.id.split("--", 1)[-1]

    @property
    def tugas(self) -> list[Duty]:
        return [d for d in self.duties if d.kind == "tugas"]

    @property
    def fungsi(self) -> list[Duty]:
        return [d for d in self.duties if d.kind == "fungsi"]


@dataclass
class DecreeFields(RowFields):
    """A decree's documents row and its typed fields: what the model's Document and the
    section pages' summary of it (summary.DocSummary) both hold."""
    row: dict
    id: str
    kind: str
    signed_on: dt.date | None
    period_start: int | None
    period_end: int | None
    flags: tuple[str, ...]
    package: str


@dataclass
class Document(DecreeFields):
    agency: Agency | None = None
    positions: list[Position] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    duties: list[Duty] = field(default_factory=list)  # agency-level tugas/fungsi
    tables: dict = field(default_factory=dict)  # raw rows per resource, for exports
    descriptor: dict = field(default_factory=dict)
    digest: str = ""  # SHA-256 of the package's bytes (load.Source.digest): names tables + descriptor
    agencies: list[Agency] = field(default_factory=list)  # every agency the decree sets indicators for

    @property
    def iku(self) -> list[Indicator]:
        return [i for i in self.indicators if i.kind == "IKU"]

    # the counts a decree's summary keeps (generator/summary.py), read alike from both
    @property
    def n_positions(self) -> int:
        return len(self.positions)

    @property
    def n_indicators(self) -> int:
        return len(self.indicators)

    @property
    def n_iku(self) -> int:
        return sum(1 for i in self.indicators if i.kind == "IKU")

    @property
    def row_agencies(self) -> list[Agency]:
        """The agencies the decree sets indicators or positions for (the whole decree's, also on
        one agency's view of it), in the order of `agencies`."""
        own = self.row.get("agency_id", "")
        ids = {r.get("agency_id") or own for name in ("indicators", "positions") for r in self.tables.get(name, [])}
        return [a for a in self.agencies if a.id in ids]

    @property
    def root_goals(self) -> list[Goal]:
        return [g for g in self.goals if g.parent is None and not g.position_id]


@dataclass
class Agency(RowFields):
    row: dict
    id: str
    name: str
    kind: str
    region_code: str
    flags: tuple[str, ...]
    documents: list[Document] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)  # province first

    @property
    def current(self) -> Document:
        """The decree in force: the one no other decree supersedes, latest signed first."""
        return current_of(self.documents)

    @property
    def province(self) -> Region | None:
        return next((r for r in self.regions if r.level == "provinsi"), None)

    @property
    def kabupaten(self) -> Region | None:
        return next((r for r in self.regions if r.level in ("kabupaten", "kota")), None)


@dataclass
class Portal:
    agencies: list[Agency]
    documents: list[Document]
    regions: dict[str, Region]

    @property
    def positions(self) -> list[Position]:
        return [p for d in self.documents for p in d.positions]

    @property
    def indicators(self) -> list[Indicator]:
        return [i for d in self.documents for i in d.indicators]

    @staticmethod
    def region_code(province: Region | None) -> str:
        """URL key of a province page ('35'), 'x' for agencies of unknown region."""
        return province.code if province else "x"

    def provinces(self) -> list[tuple[Region | None, list[tuple[Region | None, list[Agency]]]]]:
        """Agencies grouped province -> kabupaten/kota, sorted by name."""
        return group_provinces(self.agencies, self.regions)


def group_provinces(agencies: list[Any], regions: dict[str, Region]) -> list[tuple[Region | None, list[tuple[Region | None, list[Any]]]]]:
    """Agencies (the model's, or their summaries) grouped province -> kabupaten/kota, sorted by name."""
    tree: dict = {}
    for a in agencies:
        province, kabupaten = a.province, a.kabupaten
        tree.setdefault(province and province.code, {}).setdefault(kabupaten and kabupaten.code, []).append(a)
    out = []

    def key(code: str | None) -> tuple[bool, str]:
        return code is None, regions[code].name if code is not None and code in regions else ""

    for pcode in sorted(tree, key=key):
        kabs = [(regions.get(k), sorted(v, key=lambda a: (a.name or "~", a.id)))
                for k, v in sorted(tree[pcode].items(), key=lambda kv: key(kv[0]))]
        out.append((regions.get(pcode), kabs))
    return out


def agency_view(doc: Document, agency: Agency) -> Document:
    """The part of a several-agency decree that sets one agency's indicators: its positions,
    indicators and the goals above them (the downloads stay the whole decree's)."""
    import dataclasses

    positions = [p for p in doc.positions if p.agency_id == agency.id]
    indicators = [i for i in doc.indicators if i.agency_id == agency.id]
    keep: set[str] = set()
    for g in [i.goal for i in indicators] + [g for p in positions for g in p.goals]:
        while g is not None and g.id not in keep:
            keep.add(g.id)
            g = g.parent
    return dataclasses.replace(doc, agency=agency, positions=positions, indicators=indicators,
                               goals=[g for g in doc.goals if g.id in keep],
                               duties=doc.duties if agency is doc.agency else [])


def build_model(sources: list[Source]) -> Portal:
    regions: dict[str, Region] = {}
    agencies: dict[str, Agency] = {}
    documents: list[Document] = []
    for src in sources:
        t = src.tables
        for r in t["regions"]:
            regions.setdefault(r["code"], Region(r["code"], r["name"], r["level"], r["parent_code"]))
        for a in t["agencies"]:
            if a["id"] not in agencies:
                agencies[a["id"]] = Agency(a, a["id"], a["name"], a["kind"], a["region_code"], _flags(a["flags"]))
        d = t["documents"][0]
        doc = Document(d, d["id"], d["kind"], _date(d["signed_on"]), _int(d["period_start"]),
                       _int(d["period_end"]), _flags(d["flags"]), src.name, tables=t,
                       descriptor=src.descriptor, digest=src.digest)
        doc.agency = agencies[d["agency_id"]]
        doc.agency.documents.append(doc)
        positions = {}
        for p in sorted(t["positions"], key=lambda r: int(r["order"])):
            pos = Position(p["id"], int(p["order"]), p["title"], p["unit"], p["source_lines"],
                           _flags(p["flags"]), p["note"], p.get("agency_id") or d["agency_id"])
            positions[pos.id] = pos
            doc.positions.append(pos)
        for u in sorted(t["duties"], key=lambda r: (r["position_id"], r["kind"] != "tugas", int(r["order"]))):
            duty = Duty(u["id"], u["kind"], int(u["order"]), u["text"], u["position_id"], u["source_lines"])
            (positions[duty.position_id].duties if duty.position_id else doc.duties).append(duty)
        goals = {}
        for g in sorted(t["goals"], key=lambda r: int(r["order"])):
            goal = Goal(g["id"], g["level"], int(g["order"]), g["label"], g["text"], g["parent_id"],
                        g["position_id"], g["source_lines"])
            goals[goal.id] = goal
            doc.goals.append(goal)
            if goal.position_id:
                positions[goal.position_id].goals.append(goal)
        for goal in doc.goals:
            if goal.parent_id:
                goal.parent = goals[goal.parent_id]
                goal.parent.children.append(goal)
        targets: dict[str, list[Target]] = {}
        for r in sorted(t.get("targets", []), key=lambda r: (r["indicator_id"], r["kind"] != "baseline",
                                                            _int(r["year"]) or 0, int(r["order"]))):
            targets.setdefault(r["indicator_id"], []).append(Target(
                r["id"], r["indicator_id"], _int(r["year"]), r["kind"], int(r["order"]), r["text"], _num(r["value"]),
                _num(r["value_max"]), r["comparator"], r["unit"], _flags(r["flags"])))
        for i in sorted(t["indicators"], key=lambda r: int(r["order"])):
            ind = Indicator(i, i["id"], i["kind"], int(i["order"]), i["name"], i["position_id"],
                            i["goal_id"], _flags(i["flags"]), i.get("agency_id") or d["agency_id"], i.get("unit", ""),
                            targets=targets.get(i["id"], []))
            ind.document = doc
            ind.position = positions.get(ind.position_id)
            ind.goal = goals.get(ind.goal_id)
            if ind.position:
                ind.position.indicators.append(ind)
            if ind.goal:
                ind.goal.indicators.append(ind)
            doc.indicators.append(ind)
        doc.agencies = [agencies[i] for i in dict.fromkeys(a["id"] for a in t["agencies"])] or [doc.agency]
        if not any(a is doc.agency for a in doc.agencies):
            doc.agencies.insert(0, doc.agency)
        if len(doc.agencies) > 1:  # one decree, several perangkat daerah: each agency's page shows its rows
            doc.agency.documents[-1] = agency_view(doc, doc.agency)
            for other in doc.agencies:
                if other is not doc.agency:
                    other.documents.append(agency_view(doc, other))
        documents.append(doc)
    for agency in agencies.values():
        chain: list[Region] = []
        code = agency.region_code
        while code and code in regions and regions[code] not in chain:  # a cycle is refused by validation
            chain.append(regions[code])
            code = regions[code].parent_code
        agency.regions = list(reversed(chain))
        agency.documents.sort(key=lambda d: (d.signed_on or dt.date.min, d.id))
    ordered = sorted(agencies.values(), key=lambda a: a.id)
    return Portal(ordered, sorted(documents, key=lambda d: d.id), regions)
