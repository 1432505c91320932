"""The draft package on disk: datapackage.json (v2, schemas inline) + one CSV per resource.
CSV: UTF-8 without BOM, '\\n' line ends, csv-module default quoting, a header row."""
from __future__ import annotations

from pathlib import Path

from ..datapackage import descriptor, write_package


def write_draft(out_dir: Path, document_id: str, title: str, description: str, tables: dict[str, list[dict]],
                schemas: dict[str, dict]) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    write_package(out_dir, descriptor(document_id, title, schemas, description), tables, schemas)
