"""The ground floor: what a Kinerja Terbuka data package is, written once.

The resources and their order, the Data Package profile, the licences, the order of the
plan levels, the shape of a descriptor and of its resources, the bytes of a CSV and of a
JSON file, and the merge of several packages into one. Every other module (load,
validation, export, release, importer, the dev tools) takes these from here; this module
imports nothing of the project.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
RESOURCES = ("regions", "agencies", "documents", "positions", "duties", "goals", "indicators", "targets")
# the plan levels from the top (visi) down; a goal's parent is on a higher level
LEVEL_ORDER = ("visi", "misi", "tujuan_rpjmd", "sasaran_rpjmd", "tujuan_renstra",
               "sasaran_renstra", "sasaran_iku", "sasaran_iki")
CC_BY = {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
         "title": "Creative Commons Attribution 4.0"}
ODBL = {"name": "ODbL-1.0", "path": "https://opendatacommons.org/licenses/odbl/1-0/",
        "title": "Open Data Commons Open Database License 1.0 (Kemendagri region codes, from idn-area-data)"}
LICENSES = [CC_BY]  # the canonical packages in datapackages/
PUBLISHED_LICENSES = [CC_BY, ODBL]  # a download: the data, and the region codes it includes


def key_field(resource: str) -> str:
    """The field that identifies a row: regions by code, everything else by id."""
    return "code" if resource == "regions" else "id"


def resource(name: str, schema: dict) -> dict[str, Any]:
    """One tabular resource of a package: NAME.csv in UTF-8 with its schema."""
    return {"name": name, "path": f"{name}.csv", "type": "table", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "schema": schema}


def descriptor(name: str, title: str, schemas: dict[str, dict], description: str | None = "",
               licenses: list[dict] | None = None) -> dict[str, Any]:
    """A package's datapackage.json: every resource, in RESOURCES order. description None:
    no description key (the merged download)."""
    out: dict[str, Any] = {"$schema": PROFILE, "name": name, "title": title}
    if description is not None:
        out["description"] = description
    if licenses is None or licenses:
        out["licenses"] = LICENSES if licenses is None else licenses
    out["resources"] = [resource(r, schemas[r]) for r in RESOURCES]
    return out


def header(schema: dict) -> list[str]:
    return [f["name"] for f in schema["fields"]]


def csv_bytes(columns: list[str], rows: list[dict]) -> bytes:
    """RFC 4180 CSV in UTF-8, LF line ends, the columns in the order given."""
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    for r in rows:
        w.writerow([r.get(h, "") for h in columns])
    return buf.getvalue().encode("utf-8")


def json_bytes(obj: object) -> bytes:
    """Compact UTF-8 JSON with a final newline."""
    return (json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def merge_tables(tables_list: list[dict[str, list[dict]]]) -> dict[str, list[dict]]:
    """Concatenate packages; shared rows (regions, agencies) appear once."""
    merged: dict[str, list[dict]] = {name: [] for name in RESOURCES}
    seen: dict[str, set] = {name: set() for name in RESOURCES}
    for tables in tables_list:
        for name in RESOURCES:
            key = key_field(name)
            for row in tables.get(name, []):
                if row.get(key) in seen[name]:
                    continue
                seen[name].add(row.get(key))
                merged[name].append(row)
    merged["regions"].sort(key=lambda r: r["code"])
    return merged


def write_package(folder: Path, desc: dict, tables: dict[str, list[dict]], schemas: dict[str, dict]) -> None:
    """A canonical package folder: datapackage.json (indented) and one CSV per resource."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "datapackage.json").write_text(json.dumps(desc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for r in RESOURCES:
        (folder / f"{r}.csv").write_bytes(csv_bytes(header(schemas[r]), tables.get(r, [])))
