"""How good is the importer, field by field? The RAW importer (no corrections) on every decree
that has a hand count (tests/importer/expected/<stem>.yaml), and then the published packages
(datapackages/, importer + reviewed corrections), each compared with the hand count: positions,
names, goals, formulas, units, data sources, responsible, targets per year and baselines, and
every metadata field. The rules are in tests/importer/expected/README.md.

    python -m generator measure        (make measure)
    python -m generator.dev.measure new-layouts [--diff]   (make measure-new-layouts)
    python -m generator.dev.measure unseen [--diff]        (make measure-unseen)

The new-layout fixtures (tests/importer/new_layouts/<stem>.txt + <stem>.yaml, synthetic decrees
in layouts the seeds do not have) are measured twice: the PARSER's records as handed to
assemble.py (the contract of docs/import-formats.md: units, targets per year, agency), and the
RAW importer's package.

The unseen fixtures (tests/importer/unseen/, same format) are a blind test set: decrees in yet
other layouts, written and hand-counted without reading the importer, its docs or the
new-layout fixtures; they are measured the same way and stand for the reviewers' own test.

Packages are read from their CSV files and defensively: a column or resource the schema of
the day lacks (targets, unit, amends, agency_id) reads as empty."""
from __future__ import annotations

import csv
import tempfile
from pathlib import Path

import yaml

from .compare import (
    REPORT_FIELDS,
    Decree,
    Group,
    Tally,
    compare,
    differences,
    expected_decree,
    match_indicators,
)
from .normalise import text_key

ROOT = Path(__file__).resolve().parents[2]
EXPECTED_DIR = ROOT / "tests" / "importer" / "expected"
NEW_LAYOUTS_DIR = ROOT / "tests" / "importer" / "new_layouts"
UNSEEN_DIR = ROOT / "tests" / "importer" / "unseen"
FIXTURE_SETS = {"new-layouts": (NEW_LAYOUTS_DIR, "new layouts"), "unseen": (UNSEEN_DIR, "unseen layouts (blind set)")}


def _rows(folder: Path, name: str) -> list[dict]:
    path = folder / f"{name}.csv"
    if not path.is_file():
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _order(row: dict) -> float:
    try:
        return float(row.get("order") or 0)
    except ValueError:
        return 0.0


def read_package(folder: Path) -> Decree:
    """A package folder (draft or published) -> Decree."""
    documents = _rows(folder, "documents")
    doc = documents[0] if documents else {}
    agencies = _rows(folder, "agencies")
    agency_name = {a.get("id"): a.get("name") or "" for a in agencies}
    goals = {g.get("id"): g.get("text") or g.get("label") for g in _rows(folder, "goals")}
    targets: dict[str, list[dict]] = {}
    for t in _rows(folder, "targets"):
        # a year the decree does not write (taken from its period, a guess) is measured as none
        guessed = "year_from_period" in (t.get("flags") or "").split(";")
        targets.setdefault(t.get("indicator_id") or "", []).append(
            {"year": None if guessed else t.get("year") or None, "kind": t.get("kind") or "target",
             "text": t.get("text")})
    positions = sorted(_rows(folder, "positions"), key=_order)
    by_position: dict[str, list[dict]] = {}
    for row in sorted(_rows(folder, "indicators"), key=_order):
        if row.get("id") in targets:
            row_targets = targets[row["id"]]
        elif (row.get("target") or "").strip():     # the one-target schema before `targets`
            row_targets = [{"year": None, "kind": "target", "text": row["target"]}]
        else:
            row_targets = []
        by_position.setdefault(row.get("position_id") or "", []).append({
            "name": row.get("name"), "goal": goals.get(row.get("goal_id")) if row.get("goal_id") else None,
            "formula": row.get("formula") or None,
            "unit": (row.get("unit") or None) if "unit" in row else row.get("target_unit"),
            "data_source": row.get("data_source") or None, "responsible": row.get("responsible") or None,
            "targets": row_targets,
            "agency": agency_name.get(row.get("agency_id") or doc.get("agency_id"))})
    groups = []
    if by_position.get(""):
        groups.append(Group("iku", None, by_position[""]))
    for p in positions:
        groups.append(Group("position", p.get("title"), by_position.get(p.get("id") or "", [])))
    # the agencies whose indicators the decree sets (not an issuer that owns none, e.g. the
    # Pemerintah Kabupaten of a Perbup setting the IKU of several perangkat daerah)
    owners = {r.get("agency_id") or doc.get("agency_id") for name in ("indicators", "positions")
              for r in _rows(folder, name)}
    names = [a.get("name") for a in agencies if (a.get("name") or "").strip()
             and (a.get("id") in owners or not owners)]
    metadata = {k: doc.get(k) or None for k in ("instrument", "number", "title", "signed_on", "signed_at",
                                                 "signer_title", "signer_name", "period_start", "period_end")}
    metadata["agencies"] = names or None
    metadata["amends"] = doc.get("amends") or None
    return Decree(metadata, groups)


def read_packages(folders: list[Path]) -> Decree:
    """One decree published as several packages (one per agency): their groups in turn, the
    agencies together, the metadata of the first."""
    decrees = [read_package(f) for f in folders]
    if not decrees:
        return Decree({}, [])
    merged = Decree(dict(decrees[0].metadata), [g for d in decrees for g in d.groups])
    names = [n for d in decrees for n in d.metadata.get("agencies") or []]
    merged.metadata["agencies"] = list(dict.fromkeys(names)) or None
    return merged


def package_folders(root: Path, source_file: str) -> list[Path]:
    """The package folders at or under root whose document was imported from source_file."""
    found = []
    for documents in sorted([root / "documents.csv"] + list(root.glob("*/documents.csv"))):
        if documents.is_file() and any(r.get("source_file") == source_file
                                       for r in _rows(documents.parent, "documents")):
            found.append(documents.parent)
    return found


def load_expected(path: Path) -> Decree:
    return expected_decree(yaml.safe_load(path.read_text(encoding="utf-8")) or {})


def raw_import(text: Path, packages_dir: Path, work: Path) -> Path:
    """The importer's draft package for one decree, without corrections."""
    from ..importer import import_decree
    out = work / text.stem
    import_decree(text, out, None, packages_ref=packages_dir)
    return out




def measure(decrees_dir: Path, packages_dir: Path, expected_dir: Path | None = None,
            out=print, show_differences: bool = False) -> dict:
    """Both tables, printed; returns {"raw": {stem: {field: Tally}}, "published": {...}}.
    show_differences: also print every wrong field (expected vs found), decree by decree."""
    expected_dir = expected_dir or EXPECTED_DIR
    results: dict[str, dict[str, dict[str, Tally]]] = {"raw": {}, "published": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for path in sorted(expected_dir.glob("*.yaml")):
            text = decrees_dir / f"{path.stem}.txt"
            if not text.is_file():
                continue
            exp = load_expected(path)
            got = {"raw": read_packages(package_folders(raw_import(text, packages_dir, Path(tmp)), text.name))}
            published = package_folders(packages_dir, text.name)
            if published:
                got["published"] = read_packages(published)
            for which, decree in got.items():
                results[which][path.stem] = compare(exp, decree)
                if show_differences:
                    for f, where, want, have in differences(exp, decree):
                        out(f"{which} {path.stem} {f} (line {where}):\n    expected: {want!r}\n    found:    {have!r}")
    out(side_by_side("the RAW importer (no corrections) and the PUBLISHED packages (datapackages/, importer + "
                     "corrections) against the hand counts (tests/importer/expected/)",
                     {"RAW importer": results["raw"], "PUBLISHED": results["published"]}))
    return results


def totals(per_decree: dict[str, dict[str, Tally]]) -> dict[str, Tally]:
    out = {key: Tally() for key, _ in REPORT_FIELDS}
    for tallies in per_decree.values():
        for key, tally in tallies.items():
            out[key].add(tally)
    return out


def side_by_side(title: str, columns: dict[str, dict[str, dict[str, Tally]]]) -> str:
    """One table per decree (and one for the total), a row per field, a block of columns per
    measured output (e.g. RAW importer | PUBLISHED), all against the same hand count."""
    names = list(columns)
    stems = list(dict.fromkeys(stem for per in columns.values() for stem in per))
    lines = [f"== {title}",
             "expected: items in the hand count (null included); found: items with a value; right: equal after "
             "normalisation (null = null counts); %: right / expected;",
             "valued %: the same over the items the decree gives a value (an empty cell left empty not counted); "
             "'n/a': that output was not measured for the decree"]
    width = 29
    head = f"{'field':<32} {'expected':>8}" + "".join(f" | {n:^{width}}" for n in names)
    sub = f"{'':<32} {'':>8}" + "".join(f" | {'found':>6} {'right':>6} {'%':>6} {'valued%':>8}" for _ in names)

    def table(label: str, per: dict[str, dict[str, Tally] | None]) -> list[str]:
        rows = ["", f"-- {label}", head, sub]
        for key, field in REPORT_FIELDS:
            first = next((t[key] for t in per.values() if t is not None), None)
            if first is None or first.expected == 0:
                continue
            cells = []
            for n in names:
                t = per[n]
                if t is None:
                    cells.append(f" | {'n/a':^{width}}")
                    continue
                tally = t[key]
                valued = f"{tally.valued_pct:>7.1f}%" if tally.valued else f"{'-':>8}"
                cells.append(f" | {tally.found:>6} {tally.right:>6} {tally.pct:>5.1f}% {valued}")
            rows.append(f"{field:<32} {first.expected:>8}" + "".join(cells))
        return rows

    for stem in stems:
        lines += table(stem, {n: columns[n].get(stem) for n in names})
    lines += table("TOTAL", {n: totals(columns[n]) if columns[n] else None for n in names})
    return "\n".join(line.rstrip() for line in lines)


def parsed_decree(text_path: Path) -> Decree:
    """What the parser hands to assemble.py, read into the measure's shape (no package)."""
    from ..importer.agency import full_name
    from ..importer.blocks import read_text
    from ..importer.metadata import extract
    from ..importer.rows import merge_yearly, table_records
    from ..importer.sections import parse
    text = read_text(text_path)
    meta = extract(text)
    doc = parse(text)

    def indicators(tables) -> list[dict]:
        out = []
        for recs in merge_yearly([(t, table_records(t, doc.warn)) for t in tables], doc.warn):
            for rec in recs:
                f = rec.fields()
                out.append({"name": rec.name, "goal": rec.sasaran or None, "formula": f["formula"] or None,
                            "unit": f["unit"], "data_source": f["data_source"] or None,
                            "responsible": f["responsible"] or None, "targets": f["targets"],
                            # a row's agency as written, in full as the package names it (agency.full_name)
                            "agency": full_name(f["agency"], meta) if f["agency"] else meta["agency_name"] or None})
        return out
    groups = []
    iku = indicators([t for t in doc.agency_tables if t.kind == "iku"])
    if iku:
        groups.append(Group("iku", None, iku))
    for p in doc.positions:
        groups.append(Group("position", p.title, indicators(p.tables)))
    agencies = list(dict.fromkeys(i["agency"] for g in groups for i in g.indicators if i["agency"]))
    metadata = {k: meta.get(k) or None for k in ("instrument", "number", "title", "signed_on", "signed_at",
                                                  "signer_title", "signer_name", "period_start", "period_end",
                                                  "amends")}
    metadata["agencies"] = agencies or ([meta["agency_name"]] if meta["agency_name"] else None)
    return Decree(metadata, groups)


def position_differences(exp: Decree, got: Decree) -> list[str]:
    """Every expected position whose title the package has wrong or lacks, and every group the
    package has that no expected group matched (a position too many, an IKU table read as one)."""
    _, pairs = match_indicators(exp, got)
    out = []
    for gi, g in enumerate(exp.groups):
        if g.kind != "position":
            continue
        found = got.groups[pairs[gi]] if gi in pairs else None
        if found is None or text_key(found.title) != text_key(g.title):
            out.append(f"position {g.title!r}: found {found.title if found else None!r}"
                       + (f" ({found.kind}, {len(found.indicators)} indicators)" if found else ""))
    matched = set(pairs.values())
    for gj, g in enumerate(got.groups):
        if gj not in matched:
            out.append(f"unmatched {g.kind} group {g.title!r} ({len(g.indicators)} indicators: "
                       f"{', '.join(repr(i['name'][:50]) for i in g.indicators[:3])}{', ...' if len(g.indicators) > 3 else ''})")
    return out


def measure_new_layouts(folder: Path | None = None, packages_dir: Path | None = None, out=print,
                        show_differences: bool = False, label: str = "new layouts",
                        only: str | None = None) -> dict:
    """The parser and the raw importer on a folder of fixtures (<stem>.txt + <stem>.yaml; the
    new-layout fixtures by default), against their hand counts. only: a glob on the stems
    (e.g. "u2*", or several: "u19*,u2*") to measure a part of the set, its own TOTAL included."""
    folder = folder or NEW_LAYOUTS_DIR
    packages_dir = packages_dir or ROOT / "datapackages"
    results: dict[str, dict[str, dict[str, Tally]]] = {"parser": {}, "raw": {}}
    with tempfile.TemporaryDirectory() as tmp:
        globs = (only or "*").split(",")
        for path in sorted({p for g in globs for p in folder.glob(f"{g.strip()}.yaml")}):
            text = folder / f"{path.stem}.txt"
            if not text.is_file():
                continue
            exp = load_expected(path)
            got = {"parser": parsed_decree(text),
                   "raw": read_packages(package_folders(raw_import(text, packages_dir, Path(tmp)), text.name))}
            for which, decree in got.items():
                results[which][path.stem] = compare(exp, decree)
                if show_differences:
                    for line in position_differences(exp, decree):
                        out(f"{which} {path.stem} {line}")
                    for f, where, want, have in differences(exp, decree):
                        out(f"{which} {path.stem} {f} (line {where}):\n    expected: {want!r}\n    found:    {have!r}")
    out(side_by_side(f"the PARSER's records (the contract handed to assemble.py) and the RAW importer's package "
                     f"(no corrections) against the hand counts, {label}",
                     {"PARSER": results["parser"], "RAW importer": results["raw"]}))
    return results


def main(argv: list[str] | None = None) -> int:
    import argparse
    ap = argparse.ArgumentParser(prog="python -m generator.dev.measure")
    ap.add_argument("what", choices=["seeds", *FIXTURE_SETS])
    ap.add_argument("--diff", action="store_true", help="print every wrong field")
    ap.add_argument("--only", metavar="GLOB", help="fixture sets: only the stems matching GLOB (e.g. 'u2*'; several: 'u19*,u2*')")
    args = ap.parse_args(argv)
    if args.what in FIXTURE_SETS:
        folder, label = FIXTURE_SETS[args.what]
        if args.only:
            label += f", only {args.only}"
        measure_new_layouts(folder, show_differences=args.diff, label=label, only=args.only)
    else:
        measure(ROOT / "decrees", ROOT / "datapackages", show_differences=args.diff)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
