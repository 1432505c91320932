"""Identifiers per datapackages/README.md: derived from text, stable across rebuilds."""
from __future__ import annotations

import re
import unicodedata


def slug(text: str, limit: int = 0) -> str:
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    if limit:
        s = s[:limit].rstrip("-")
    return s or "x"


def position_ids(document_id: str, titles: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for t in titles:
        base = slug(t, 40)
        seen[base] = seen.get(base, 0) + 1
        out.append(f"{document_id}--{base}" + (f"-{seen[base]}" if seen[base] > 1 else ""))
    return out


# ------------------------------------------------------------------ ids never change meaning
# An id once released keeps its content or is retired: ordinals shift when the importer reads
# a row more (or less) than before, so a draft's ids are reconciled with the released ones.
# A row takes the released id of the same content (same words, or else the same line of the
# decree, in the same place); a row whose own id was released for other content gets a fresh
# ordinal after every ordinal ever released.

def _first_line(row: dict) -> str:
    return (row.get("source_lines") or "").split("-")[0]


MATCH_KEYS = {  # resource -> content keys in order of preference
    "goals": (lambda r: (r.get("level"), r.get("position_id"), r.get("text")),
              lambda r: (r.get("level"), r.get("position_id"), "@" + _first_line(r))),
    "indicators": (lambda r: (r.get("position_id"), r.get("name")),
                   lambda r: (r.get("position_id"), "@" + _first_line(r))),
    "duties": (lambda r: (r.get("position_id"), r.get("kind"), r.get("text")),
               lambda r: (r.get("position_id"), r.get("kind"), "@" + _first_line(r))),
}
REFERENCES = {"goals": (("goals", "parent_id"), ("indicators", "goal_id")),
              "indicators": (("targets", "indicator_id"),), "duties": ()}
ORDINAL = re.compile(r"^(.*?)(\d+)$")


def stabilise(tables: dict[str, list[dict]], released: dict[str, dict[str, dict]],
              ever: set[str]) -> dict[str, str]:
    """Give the draft rows the ids of the released rows they restate; returns {draft id: id}
    for every id that changed (references in the tables follow). released: resource -> id ->
    released row (this document's, latest release); ever: every id any release published."""
    changes: dict[str, str] = {}
    for rname, keys in MATCH_KEYS.items():
        rows, old = tables.get(rname, []), released.get(rname, {})
        if not rows or not (old or ever):
            continue
        ids = [r["id"] for r in rows]
        final: list[str | None] = [None] * len(rows)
        used: set[str] = set()
        for key in keys:
            index: dict = {}
            for oid, orow in old.items():
                if oid not in used:
                    index.setdefault(key(orow), []).append(oid)
            for k, row in enumerate(rows):
                if final[k] is not None:
                    continue
                candidates = [c for c in index.get(key(row), []) if c not in used]
                if candidates:
                    pick = ids[k] if ids[k] in candidates else candidates[0]
                    final[k] = pick
                    used.add(pick)
        taken = set(ever) | used
        for k in range(len(rows)):
            if final[k] is None and ids[k] not in taken:
                final[k] = ids[k]
                taken.add(ids[k])
        for k in range(len(rows)):
            if final[k] is None:
                final[k] = _fresh(ids[k], taken)
                taken.add(final[k])
        mapping = {a: b for a, b in zip(ids, final) if a != b}
        if not mapping:
            continue
        changes.update(mapping)
        for row, new in zip(rows, final):
            row["id"] = new
        if rname == "indicators":  # a target's id begins with its indicator's id
            for row in tables.get("targets", []):
                old_ind = row.get("indicator_id", "")
                if old_ind in mapping and row["id"].startswith(old_ind + "--"):
                    row["id"] = mapping[old_ind] + row["id"][len(old_ind):]
        for ref_resource, field in REFERENCES[rname]:
            for row in tables.get(ref_resource, []):
                if row.get(field) in mapping:
                    row[field] = mapping[row[field]]
    return changes


def _fresh(ident: str, taken: set[str]) -> str:
    m = ORDINAL.match(ident)
    if not m:
        n = 2
        while f"{ident}-{n}" in taken:
            n += 1
        return f"{ident}-{n}"
    prefix = m.group(1)
    top = max((int(mm.group(2)) for t in taken if (mm := ORDINAL.match(t)) and mm.group(1) == prefix), default=0)
    return f"{prefix}{top + 1}"
