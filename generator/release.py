"""Versioned, citable releases of the data.

    python -m generator release VERSION [--date YYYY-MM-DD]

freezes releases/VERSION/ in the repository (committed, so every older release stays
downloadable at the same URL for good): the whole-portal data package and one package per
decree as zips, SHA256SUMS, and release.json with the changelog computed from the data
against the previous release. Semantic versioning of the data is checked: a schema change
is a major version, new agencies/positions/indicators a minor one, corrections a patch.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import zipfile
from pathlib import Path

from .errors import DataError, UsageError
from .export import csv_bytes, json_bytes, merge_tables
from .load import RESOURCES, load_shared_schemas
from .model import build_model
from .descriptors import agency_contributor, decree_source, published
from .packages import descriptor
from .zipfiles import stable_zip

# ASCII digits only (\d would take '１.０.０'), no leading zeros, nothing after the patch
# number (not even a newline: fullmatch).
SEMVER = re.compile(r"(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})")
# The changelog per resource: ids added (new), removed (retired: an id is never given to other
# content again, generator/importer/ids.py) and changed (the same row, corrected).
COMPARED = {"agencies": ("name", "kind", "region_code"), "positions": ("title", "order"),
            "goals": ("level", "text", "position_id", "parent_id"),
            "indicators": ("name", "formula", "unit", "data_source", "responsible", "goal_id", "position_id"),
            "targets": ("indicator_id", "year", "kind", "text")}


def version_key(version: str) -> tuple[int, int, int]:
    """(major, minor, patch) of an ASCII MAJOR.MINOR.PATCH version: compared as numbers,
    so 1.10.0 comes after 1.9.0."""
    m = SEMVER.fullmatch(version)
    if not m:
        raise UsageError(f"version {version!r} is not MAJOR.MINOR.PATCH (ASCII digits)")
    return int(m.group(1)), int(m.group(2)), int(m.group(3))


def releases(root: Path) -> list[dict]:
    """Every release.json under root, oldest first (numeric order). A release folder or
    record whose version is not an ASCII MAJOR.MINOR.PATCH is refused."""
    out = []
    for f in root.glob("*/release.json"):
        rec = json.loads(f.read_text(encoding="utf-8"))
        if not isinstance(rec, dict) or rec.get("version") != f.parent.name:
            raise UsageError(f"{f}: its version must be the name of its folder")
        version_key(rec["version"])
        out.append(rec)
    return sorted(out, key=lambda r: version_key(r["version"]))


def verify_release(folder: Path) -> list[str]:
    """What is wrong with a frozen release folder (empty when every file matches its
    SHA256SUMS and release.json lists exactly those files with the same digests). The
    build republishes a release only when this is empty."""
    from .paths import UnsafePath, inside

    wrong = []
    sums_path = folder / "SHA256SUMS"
    if not sums_path.is_file():
        return [f"{sums_path}: missing"]
    sums = {}
    for n, line in enumerate(sums_path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        digest, sep, name = line.partition("  ")
        if not sep or not re.fullmatch(r"[0-9a-f]{64}", digest):
            wrong.append(f"{sums_path}, row {n}: not 'SHA256  NAME'")
            continue
        sums[name] = digest
    try:
        record = json.loads((folder / "release.json").read_text(encoding="utf-8"))
        listed = {f["name"]: f["sha256"] for f in record["files"]}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return wrong + [f"{folder / 'release.json'}: unreadable ({exc})"]
    if listed != sums:
        wrong.append(f"{sums_path}: does not list the files of release.json with the same digests")
    present = {p.name for p in folder.iterdir()} - {"SHA256SUMS", "release.json"}
    for extra in sorted(present - set(sums)):
        wrong.append(f"{folder / extra}: not in SHA256SUMS")
    for name, digest in sorted(sums.items()):
        try:
            path = inside(folder, name)
        except UnsafePath:
            wrong.append(f"{sums_path}: {name!r} leads out of the release folder")
            continue
        if not path.is_file():
            wrong.append(f"{folder / name}: missing")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            wrong.append(f"{folder / name}: SHA-256 does not match SHA256SUMS (changed after the release)")
    return wrong


def schema_digest(schemas: dict) -> str:
    return hashlib.sha256(json.dumps(schemas, sort_keys=True).encode()).hexdigest()


def _rows_by_id(tables: dict[str, list[dict]]) -> dict[str, dict[str, dict]]:
    return {r: {row["id"]: row for row in tables.get(r, [])} for r in COMPARED}


def read_release_tables(folder: Path) -> dict[str, list[dict]]:
    """The whole-portal tables of a frozen release; a resource an older schema lacks (targets
    before 2.0.0) reads as no rows."""
    import csv
    zpath = next(folder.glob("kinerja-terbuka-*.zip"))
    with zipfile.ZipFile(zpath) as zf:
        out = {}
        for r in RESOURCES:
            name = next((n for n in zf.namelist() if n == f"{r}.csv" or n.endswith(f"/{r}.csv")), None)
            out[r] = list(csv.DictReader(io.StringIO(zf.read(name).decode("utf-8")))) if name else []
    return out


def changelog(old: dict[str, list[dict]] | None, new: dict[str, list[dict]]) -> dict:
    """Per resource of COMPARED: {"added": new ids, "removed": retired ids, "changed": ids whose
    compared fields differ}. A field an older release lacks reads as empty."""
    before = _rows_by_id(old or {})
    after = _rows_by_id(new)
    out = {}
    for r, fields in COMPARED.items():
        a, b = before[r], after[r]
        changed = sorted(i for i in set(a) & set(b) if any(a[i].get(f) != b[i].get(f) for f in fields))
        out[r] = {"added": sorted(set(b) - set(a)), "removed": sorted(set(a) - set(b)), "changed": changed}
    return out


def required_bump(log: dict, schema_changed: bool) -> str:
    if schema_changed:
        return "major"
    if any(log[r]["added"] or log[r]["removed"] for r in log):
        return "minor"
    return "patch"


def bump(version: str, level: str) -> str:
    major, minor, patch = version_key(version)
    return {"major": f"{major + 1}.0.0", "minor": f"{major}.{minor + 1}.0", "patch": f"{major}.{minor}.{patch + 1}"}[level]


def make_release(version: str, packages: Path, decrees: Path, root: Path, date: str | None = None) -> dict:
    if not SEMVER.fullmatch(version):
        raise UsageError(f"version {version!r} is not MAJOR.MINOR.PATCH")
    if (root / version).exists():
        raise UsageError(f"release {version} exists already: releases are immutable")
    from .build import check  # build imports this module for release records

    report, sources = check(packages, decrees)
    if not report.ok(strict=True):
        raise DataError(report)
    portal = build_model(sources)
    schemas = load_shared_schemas(packages)
    tables = merge_tables([d.tables for d in portal.documents])
    previous = releases(root)
    prev = previous[-1] if previous else None
    log = changelog(read_release_tables(root / prev["version"]) if prev else None, tables)
    digest = schema_digest(schemas)
    if prev:
        level = required_bump(log, digest != prev["schema_sha256"])
        expected = bump(prev["version"], level)
        if version != expected:
            raise UsageError(f"the data changed at {level} level since {prev['version']}: "
                             f"the next version is {expected}, not {version}")
        if not any(v for r in log.values() for v in r.values()):
            raise UsageError(f"nothing changed since {prev['version']}: no release needed")
    date = date or dt.date.today().isoformat()
    out = root / version
    out.mkdir(parents=True)
    files = {}
    created = f"{date}T00:00:00Z"
    desc = published(descriptor("kinerja-terbuka", f"Kinerja Terbuka {version}", schemas), version=version,
                     created=created, sources=[decree_source(d, "") for d in portal.documents],
                     contributors=[agency_contributor(d) for d in portal.documents])
    # datapackage.json at each zip's root: frictionless.Package("x.zip") opens it
    files[f"kinerja-terbuka-{version}.zip"] = stable_zip(
        [("datapackage.json", json_bytes(desc))] +
        [(f"{r}.csv", csv_bytes([f["name"] for f in schemas[r]["fields"]], tables[r])) for r in RESOURCES])
    for doc in portal.documents:
        d = published(doc.descriptor, version=version, created=created, sources=[decree_source(doc, "")],
                      contributors=[agency_contributor(doc)])
        files[f"{doc.id}.zip"] = stable_zip(
            [("datapackage.json", json_bytes(d))] +
            [(f"{r}.csv", csv_bytes([f["name"] for f in schemas[r]["fields"]], doc.tables[r])) for r in RESOURCES])
    for name, data in sorted(files.items()):
        (out / name).write_bytes(data)
    sums = "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in sorted(files.items()))
    (out / "SHA256SUMS").write_text(sums, encoding="utf-8")
    record = {"version": version, "date": date, "previous": prev["version"] if prev else None,
              "schema_sha256": digest,
              "counts": {r: len(tables[r]) for r in ("agencies", "documents", "positions", "indicators")},
              "documents": sorted(d.id for d in portal.documents),
              "changes": log,
              "files": [{"name": n, "size": len(b), "sha256": hashlib.sha256(b).hexdigest()} for n, b in sorted(files.items())]}
    (out / "release.json").write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return record


def last_changed(records: list[dict]) -> dict[str, tuple[str, str]]:
    """Per decree: (date, version) of the release in which its data last changed. Taken
    from the release records only, never from the build clock."""
    out: dict[str, tuple[str, str]] = {}
    for rec in records:
        touched = set()
        for r, log in rec["changes"].items():
            if r == "agencies":
                continue
            for ident in log["added"] + log["changed"] + log["removed"]:
                touched.add(ident.split("--", 1)[0])
        for doc_id in rec["documents"]:
            if doc_id in touched or doc_id not in out:
                out[doc_id] = (rec["date"], rec["version"])
    return out
