"""Stage 5: downloads. Every file comes from the same validated packages as the pages,
and every file is byte-reproducible (fixed zip timestamps, sorted entries, fixed XLSX
properties)."""
from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass, asdict
from pathlib import Path

from .load import RESOURCES
from .model import Portal
from .xlsx import workbook_bytes
from .zipfiles import stable_zip

DOWNLOADS = "unduh"
ALL = "semua"


@dataclass
class FileInfo:
    url: str  # site-relative
    name: str
    label: str
    format: str
    size: int
    sha256: str


def csv_bytes(header: list[str], rows: list[dict]) -> bytes:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        w.writerow([r.get(h, "") for h in header])
    return buf.getvalue().encode("utf-8")


def typed(value: str, ftype: str):
    if value == "":
        return None
    if ftype == "integer":
        return int(value)
    if ftype == "number":
        f = float(value)
        return int(f) if f.is_integer() else f
    return value


def typed_rows(rows: list[dict], schema: dict) -> list[dict]:
    types = {f["name"]: f.get("type", "string") for f in schema["fields"]}
    return [{k: typed(r.get(k, ""), t) for k, t in types.items()} for r in rows]


def json_bytes(obj) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def xlsx_bytes(tables: dict[str, list[dict]], schemas: dict[str, dict], title: str) -> bytes:
    """One sheet per resource plus 'keterangan' explaining every field. Text stays text."""
    info = [["sheet", "kolom / field", "tipe / type", "keterangan / description", "nilai / values"]]
    for name in RESOURCES:
        for f in schemas[name]["fields"]:
            info.append([name, f["name"], f.get("type", "string"), f.get("description", ""),
                         ", ".join(f.get("categories", []))])
    sheets = [("keterangan", info)]
    for name in RESOURCES:
        header = [f["name"] for f in schemas[name]["fields"]]
        sheets.append((name, [header] + [[row[h] for h in header]
                                         for row in typed_rows(tables.get(name, []), schemas[name])]))
    return workbook_bytes(sheets, title)


def merge_tables(tables_list: list[dict[str, list[dict]]]) -> dict[str, list[dict]]:
    """Concatenate packages; shared rows (regions, agencies) appear once."""
    merged: dict[str, list[dict]] = {name: [] for name in RESOURCES}
    seen: dict[str, set] = {name: set() for name in RESOURCES}
    for tables in tables_list:
        for name in RESOURCES:
            key = "code" if name == "regions" else "id"
            for row in tables.get(name, []):
                if row.get(key) in seen[name]:
                    continue
                seen[name].add(row.get(key))
                merged[name].append(row)
    merged["regions"].sort(key=lambda r: r["code"])
    return merged


class Exporter:
    def __init__(self, portal: Portal, schemas: dict[str, dict], docs_dir: Path, package_meta: dict):
        self.portal, self.schemas, self.docs_dir = portal, schemas, docs_dir
        self.meta = package_meta  # licence, version etc. for the merged package

    def _write(self, url: str, data: bytes, label: str, fmt: str) -> FileInfo:
        path = self.docs_dir / url
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return FileInfo(url, path.name, label, fmt, len(data), hashlib.sha256(data).hexdigest())

    def _bundle(self, base: str, stem: str, descriptor: dict, tables: dict[str, list[dict]],
                title: str) -> list[FileInfo]:
        files = []
        csvs = {}
        for name in RESOURCES:
            header = [f["name"] for f in self.schemas[name]["fields"]]
            csvs[name] = csv_bytes(header, tables.get(name, []))
        files.append(self._write(f"{base}/{stem}.zip", stable_zip(
            [(f"{stem}/datapackage.json", json_bytes(descriptor))] +
            [(f"{stem}/{n}.csv", b) for n, b in csvs.items()]), "ZIP (Data Package)", "Frictionless Data Package (zip)"))
        files.append(self._write(f"{base}/{stem}.xlsx", xlsx_bytes(tables, self.schemas, title), "XLSX", "Excel (XLSX)"))
        files.append(self._write(f"{base}/{stem}.json", json_bytes(
            {"name": descriptor["name"], "title": descriptor.get("title", ""),
             "licenses": descriptor.get("licenses", []),
             "resources": {n: typed_rows(tables.get(n, []), self.schemas[n]) for n in RESOURCES}}),
            "JSON", "JSON"))
        for name, data in csvs.items():
            files.append(self._write(f"{base}/{name}.csv", data, f"CSV {name}", "CSV (UTF-8)"))
        return files

    def export_all(self) -> dict:
        manifest: dict = {"_groups": []}
        for doc in self.portal.documents:
            files = self._bundle(f"{DOWNLOADS}/{doc.id}", doc.id, doc.descriptor, doc.tables,
                                 doc.descriptor.get("title", doc.id))
            manifest[doc.id] = [asdict(f) for f in files]
            manifest["_groups"].append({"id": doc.id, "title": doc.agency.name or doc.id,
                                        "files": manifest[doc.id]})
        merged = merge_tables([d.tables for d in self.portal.documents])
        descriptor = self.merged_descriptor()
        files = self._bundle(f"{DOWNLOADS}/{ALL}", "kinerja-terbuka", descriptor, merged, descriptor["title"])
        manifest[ALL] = [asdict(f) for f in files]
        manifest["_groups"].insert(0, {"id": ALL, "title": descriptor["title"], "files": manifest[ALL]})
        sums = "".join(f"{f['sha256']}  {f['url'][len(DOWNLOADS) + 1:]}\n"
                       for g in manifest["_groups"] for f in g["files"])
        self._write(f"{DOWNLOADS}/SHA256SUMS", sums.encode(), "SHA256SUMS", "text")
        return manifest

    def merged_descriptor(self) -> dict:
        resources = []
        for name in RESOURCES:
            resources.append({"name": name, "path": f"{name}.csv", "type": "table", "format": "csv",
                              "mediatype": "text/csv", "encoding": "utf-8", "schema": self.schemas[name]})
        return {"$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
                "name": "kinerja-terbuka", "title": "Kinerja Terbuka: semua lembaga",
                "version": self.meta.get("version", ""),
                "licenses": self.meta.get("licenses", []),
                "resources": resources}


def copy_sources(portal: Portal, decrees_dir: Path, docs_dir: Path) -> list[str]:
    """Publish each decree's text next to the pages, so every row links to its provenance.
    Returns the file names published (a text that is not in decrees/ is not linked)."""
    out = docs_dir / "sumber"
    out.mkdir(parents=True, exist_ok=True)
    published = []
    for doc in portal.documents:
        src = decrees_dir / doc.source_file
        if src.is_file():
            (out / doc.source_file).write_bytes(src.read_bytes())
            published.append(doc.source_file)
    return sorted(set(published))
