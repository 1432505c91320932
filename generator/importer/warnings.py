"""Import warnings: machine-readable codes, the flag each one implies, and the two files
written next to a draft package (import-warnings.json, sorted; import-warnings.txt)."""
from __future__ import annotations

import json
from pathlib import Path

# a warning of this code means the data carries this flag (checked by tests/importer)
FLAG_FOR_CODE = {
    "position-without-table": "lost_page", "lost-page": "lost_page", "lost-page-fragment": "lost_page",
    "truncated-source": "truncated_source", "orphan-heading": "truncated_source",
    "unknown-agency": "unknown_agency", "metadata-missing": "metadata_missing",
    "probable-orphan-table": "probable_orphan_table", "duplicated-table": "duplicated_table",
    "unlabelled-position": "ocr_damaged", "target-year-guessed": "year_from_period",
}


def warning(code: str, line: int | None, message: str, severity: str = "warning") -> dict:
    return {"code": code, "severity": severity, "line": line, "message": message}


def public(warnings: list[dict]) -> list[dict]:
    """Drop the parser's private bookkeeping keys ('_end') and the verbatim repeats (one table's
    warning for each position a 'Jabatan' row cuts it into, V63); sort by line, code, message."""
    clean = [{k: v for k, v in w.items() if not k.startswith("_")} for w in warnings]
    unique = {tuple(sorted((k, str(v)) for k, v in w.items())): w for w in clean}
    return sorted(unique.values(), key=lambda w: (w.get("line") or 0, w["code"], w["message"]))


def summary(name: str, tables: dict, warnings: list[dict]) -> str:
    counts = ", ".join(f"{len(tables.get(k, []))} {k}" for k in ("positions", "duties", "goals", "indicators"))
    lines = [f"{name}: {counts}", f"{len(warnings)} warning(s)"]
    lines += [f"  line {w.get('line') or '-'}: [{w['code']}] {w['message']}" for w in warnings]
    return "\n".join(lines) + "\n"


def write(out_dir: Path, source_name: str, tables: dict, warnings: list[dict]) -> None:
    (out_dir / "import-warnings.json").write_text(json.dumps(warnings, ensure_ascii=False, indent=1) + "\n",
                                                  encoding="utf-8")
    (out_dir / "import-warnings.txt").write_text(summary(source_name, tables, warnings), encoding="utf-8")
