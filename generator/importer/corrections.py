"""Review as data: a person's decisions, each with a reason, applied on top of the importer.

decrees/<stem>.corrections.yaml:

    document_id: kec-merakurak-kab-tuban-iku-iki-2021   # ids derive from it
    agency_id: kec-merakurak-kab-tuban
    agency: {kind: kecamatan, region_code: "35.23.13"}  # fields to set
    document: {kind: IKU-IKI, flags: truncated_source}
    reason: "..."                                       # why the metadata above
    rows:
      - {resource: indicators, id: ..., set: {name: ...}, reason: ...}
      - {resource: indicators, id: ..., expect: {name: "as the importer reads it"}, drop: true, reason: ...}
      - {resource: positions, id: ..., drop: true, reason: ...}
      - {resource: indicators, insert_after: <id>, row: {...}, reason: ...}
"""
from __future__ import annotations

from pathlib import Path

import yaml


class CorrectionError(ValueError):
    pass


def load(path: Path | None) -> dict:
    if path is None or not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise CorrectionError(f"{path}: must be a mapping")
    if (data.get("agency") or data.get("document")) and not data.get("reason"):
        raise CorrectionError(f"{path}: agency/document corrections need a 'reason'")
    for k, entry in enumerate(data.get("rows") or [], start=1):
        if not isinstance(entry, dict) or not entry.get("reason"):
            raise CorrectionError(f"{path}: rows entry {k} needs a 'reason'")
        if "resource" not in entry:
            raise CorrectionError(f"{path}: rows entry {k} needs a 'resource'")
    return data


def apply_rows(tables: dict[str, list[dict]], corrections: dict, source: str) -> list[dict]:
    """Apply row corrections in order; returns warnings for entries that no longer match."""
    warnings = []
    for k, entry in enumerate(corrections.get("rows") or [], start=1):
        rows = tables.setdefault(entry["resource"], [])
        if "insert_after" in entry:
            idx = next((i for i, r in enumerate(rows) if r.get("id") == entry["insert_after"]), None)
            if idx is None and entry["insert_after"] != "":
                warnings.append(_stale(source, k, entry["insert_after"]))
                continue
            template = dict.fromkeys(rows[0].keys(), "") if rows else {}
            new = {**template, **{key: "" if v is None else str(v) for key, v in entry["row"].items()}}
            rows.insert(0 if idx is None else idx + 1, new)
            continue
        idx = next((i for i, r in enumerate(rows) if r.get("id") == entry.get("id")), None)
        if idx is None:
            warnings.append(_stale(source, k, entry.get("id")))
            continue
        # 'expect': what the row held when the decision was made; ids carry an ordinal, so
        # after an importer change the same id may name another row: refuse, do not guess
        changed = {f: rows[idx].get(f) for f, v in (entry.get("expect") or {}).items()
                   if str(rows[idx].get(f, "")) != ("" if v is None else str(v))}
        if changed:
            warnings.append({"code": "stale-correction", "severity": "error", "line": None,
                             "message": f"{source}: correction {k} expects {entry['expect']!r} in {entry['id']!r}, "
                                        f"which now holds {changed!r}"})
            continue
        if entry.get("drop"):
            rows.pop(idx)
        for key, v in (entry.get("set") or {}).items():
            rows[idx][key] = "" if v is None else str(v)
    return warnings


def _stale(source: str, k: int, ident) -> dict:
    return {"code": "stale-correction", "severity": "error", "line": None,
            "message": f"{source}: correction {k} names {ident!r}, which the importer no longer produces"}
