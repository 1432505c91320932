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
import json
import re
from pathlib import Path

from .datapackage import (
    RESOURCES,
    csv_bytes,
    descriptor,
    header,
    json_bytes,
    merge_tables,
)
from .descriptors import agency_contributor, decree_source, published
from .errors import DataError, UsageError
from .load import load_shared_schemas
from .model import build_model
from .release_notes import write_notes
from .releases import SEMVER, read_release_tables, releases, version_key
from .satudata import load_config as load_satu_config
from .satudata import portal_satu_data, satu_data
from .validate import check
from .versions import content_sha256, document_csvs, portal_sha256
from .zipfiles import stable_zip

ROOT = Path(__file__).resolve().parent.parent
# The changelog per resource: ids added (new), removed (retired: an id is never given to other
# content again, generator/importer/ids.py) and changed (the same row, corrected).
COMPARED = {"agencies": ("name", "kind", "region_code"), "positions": ("title", "order"),
            "goals": ("level", "text", "position_id", "parent_id"),
            "indicators": ("name", "formula", "unit", "data_source", "responsible", "goal_id", "position_id"),
            "targets": ("indicator_id", "year", "kind", "text")}


def schema_digest(schemas: dict) -> str:
    return hashlib.sha256(json.dumps(schemas, sort_keys=True).encode()).hexdigest()


def _rows_by_id(tables: dict[str, list[dict]]) -> dict[str, dict[str, dict]]:
    return {r: {row["id"]: row for row in tables.get(r, [])} for r in COMPARED}


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
    content = {d.id: content_sha256(document_csvs(d.tables, schemas)) for d in sorted(portal.documents, key=lambda d: d.id)}
    out = root / version
    out.mkdir(parents=True)
    files = {}
    created = f"{date}T00:00:00Z"
    satu = load_satu_config()
    desc = published(descriptor("kinerja-terbuka", f"Kinerja Terbuka {version}", schemas), version=version,
                     created=created, sources=[decree_source(d, "") for d in portal.documents],
                     contributors=[agency_contributor(d) for d in portal.documents], satudata=portal_satu_data(satu))
    # datapackage.json at each zip's root: frictionless.Package("x.zip") opens it
    files[f"kinerja-terbuka-{version}.zip"] = stable_zip(
        [("datapackage.json", json_bytes(desc))] +
        [(f"{r}.csv", csv_bytes(header(schemas[r]), tables[r])) for r in RESOURCES])
    for doc in portal.documents:
        d = published(doc.descriptor, version=version, created=created, sources=[decree_source(doc, "")],
                      contributors=[agency_contributor(doc)],
                      satudata=satu_data(doc.agency, satu).descriptor() if doc.agency is not None else None)
        files[f"{doc.id}.zip"] = stable_zip(
            [("datapackage.json", json_bytes(d))] +
            [(f"{r}.csv", csv_bytes(header(schemas[r]), doc.tables[r])) for r in RESOURCES])
    for name, data in sorted(files.items()):
        (out / name).write_bytes(data)
    sums = "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in sorted(files.items()))
    (out / "SHA256SUMS").write_text(sums, encoding="utf-8")
    record = {"version": version, "date": date, "previous": prev["version"] if prev else None,
              "schema_sha256": digest,
              "counts": {r: len(tables[r]) for r in ("agencies", "documents", "positions", "indicators")},
              "documents": sorted(d.id for d in portal.documents),
              # content checksums (generator/versions.py): a build tells released data from changed data
              "content": {"sha256": portal_sha256(content), "documents": content},
              "changes": log,
              "files": [{"name": n, "size": len(b), "sha256": hashlib.sha256(b).hexdigest()} for n, b in sorted(files.items())]}
    (out / "release.json").write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    from .site.config import SiteConfig
    write_notes(out, record, SiteConfig.read(ROOT / "mkdocs.yml").site_url)  # the GitHub release's notes, changelog
    update_citation_files(root.parent, version, date)
    return record


def update_citation_files(repo: Path, version: str, date: str) -> None:
    """.zenodo.json and CITATION.cff (when they are beside the releases folder) name the new
    release: what Zenodo archives and what GitHub's "Cite this repository" shows."""
    zenodo = repo / ".zenodo.json"
    if zenodo.is_file():
        meta = json.loads(zenodo.read_text(encoding="utf-8"))
        meta.update(version=version, publication_date=date)
        zenodo.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    cff = repo / "CITATION.cff"
    if cff.is_file():
        text = cff.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^version: .*$", f"version: {version}", text)
        text = re.sub(r"(?m)^date-released: .*$", f"date-released: {date}", text)
        cff.write_text(text, encoding="utf-8")
