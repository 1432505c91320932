"""Write a canonical data package folder from rows (used by fixtures, tests and the bench)."""
from __future__ import annotations

import json
from pathlib import Path

from .export import csv_bytes
from .load import RESOURCES

V2 = "https://datapackage.org/profiles/2.0/datapackage.json"
LICENSES = [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
             "title": "Creative Commons Attribution 4.0"}]


def descriptor(name: str, title: str, schemas: dict[str, dict], description: str = "") -> dict:
    return {
        "$schema": V2, "name": name, "title": title, "description": description, "licenses": LICENSES,
        "resources": [{"name": r, "path": f"{r}.csv", "type": "table", "format": "csv",
                       "mediatype": "text/csv", "encoding": "utf-8", "schema": schemas[r]}
                      for r in RESOURCES],
    }


def write_package(folder: Path, desc: dict, tables: dict[str, list[dict]], schemas: dict[str, dict]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "datapackage.json").write_text(json.dumps(desc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for r in RESOURCES:
        header = [f["name"] for f in schemas[r]["fields"]]
        (folder / f"{r}.csv").write_bytes(csv_bytes(header, tables.get(r, [])))
