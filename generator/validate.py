"""Stage 2: validation = frictionless report on each whole package + our domain rules.

Every problem is collected; nothing stops at the first one. Frictionless 5.x does not
enforce v2 `categories` or `uniqueKeys`, and it cannot see across packages, so those rules
live here.
"""
from __future__ import annotations

import bisect
import hashlib
import json
import re
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from .cache import Cache, digest
from .errors import Problem
from .export import csv_bytes
from .load import RESOURCES, Source
from .privacy import find_nip

LEVEL_ORDER = ["visi", "misi", "tujuan_rpjmd", "sasaran_rpjmd", "tujuan_renstra",
               "sasaran_renstra", "sasaran_iku", "sasaran_iki"]
V2_PACKAGE = "https://datapackage.org/profiles/2.0/datapackage.json"


def descriptor_problems(src: Source) -> list[Problem]:
    """Frictionless' profile check of datapackage.json (memoised: packages share schemas)."""
    key = hashlib.sha256(json.dumps({k: v for k, v in src.descriptor.items()
                                     if k not in ("name", "title", "description")},
                                    sort_keys=True).encode()).hexdigest()
    if key not in _DESCRIPTOR_MEMO:
        _DESCRIPTOR_MEMO[key] = _descriptor_messages(src.descriptor)
    return [Problem(src.name, None, None, None, code, msg, file=str(src.path / "datapackage.json"))
            for code, msg in _DESCRIPTOR_MEMO[key]]


_DESCRIPTOR_MEMO: dict[str, list[tuple[str, str]]] = {}


def _descriptor_messages(descriptor: dict) -> list[tuple[str, str]]:
    from frictionless import FrictionlessException, Package

    try:
        return [(e.type, e.message) for e in Package.metadata_validate(descriptor)]
    except FrictionlessException as exc:
        return [(exc.error.type, exc.error.message)]


def frictionless_problems(sources: list[Source], shared: dict[str, dict]) -> list[Problem]:
    """The frictionless report on all packages at once, mapped back to package, file and row.

    One frictionless run over the concatenated tables checks types, constraints, keys and
    foreign keys in a few seconds for thousands of packages, where a run per package costs
    ~0.2 s of metadata handling each. Rows are written in schema order from what load read
    (ragged rows are reported by load); that foreign keys resolve inside their own package
    is checked by _local_foreign_keys.
    """
    from frictionless import FrictionlessException, Package

    usable = [s for s in sources if all(r in s.tables for r in RESOURCES)]
    if not usable or not all(r in shared for r in RESOURCES):
        return []
    out: list[Problem] = []
    with tempfile.TemporaryDirectory(prefix="kt-validate-") as tmp:
        offsets: dict[str, list[tuple[int, Source]]] = {}
        for rname in RESOURCES:
            header = [f["name"] for f in shared[rname]["fields"]]
            rows, offs, seen = [], [], set()
            for src in usable:
                table = src.tables[rname]
                if rname in ("regions", "agencies"):  # shared rows (a region, an agency with
                    # several decrees): keep one of each; differing copies are 'agency-conflict'
                    k = "code" if rname == "regions" else "id"
                    table = [r for r in table if r.get(k) not in seen and not seen.add(r.get(k))]
                    offs.append((len(rows), src))
                    rows.extend(table)
                    continue
                offs.append((len(rows), src))
                rows.extend(table)
            offsets[rname] = offs
            (Path(tmp) / f"{rname}.csv").write_bytes(csv_bytes(header, rows))
        desc = {"$schema": V2_PACKAGE, "name": "portal", "resources": [
            {"name": r, "path": f"{r}.csv", "type": "table", "format": "csv", "encoding": "utf-8",
             "schema": shared[r]} for r in RESOURCES]}
        try:
            report = Package(desc, basepath=tmp).validate()
        except FrictionlessException as exc:
            return [Problem("portal", None, None, None, "frictionless", str(exc.error.message))]
        for task in report.tasks:
            offs = offsets[task.name]
            starts = [o for o, _ in offs]
            for err in task.errors:
                rownum = getattr(err, "row_number", None)
                field = getattr(err, "field_name", None) or ",".join(getattr(err, "field_names", None) or []) or None
                if rownum is None:
                    out.append(Problem("portal", task.name, None, field, err.type, err.message))
                    continue
                start, src = offs[bisect.bisect_right(starts, rownum - 2) - 1]
                local = rownum - 2 - start + 2
                message = err.message.replace(f'at position "{rownum}"', f'at position "{local}"')
                out.append(Problem(src.name, task.name, local, field, err.type, message,
                                   file=str(src.files.get(task.name))))
    return out


def _local_foreign_keys(src: Source, shared: dict[str, dict]) -> list[Problem]:
    """Every foreign key must resolve inside its own package (a package is a dataset)."""
    out = []
    for rname in RESOURCES:
        schema = shared.get(rname)
        if not schema or rname not in src.tables:
            continue
        for fk in schema.get("foreignKeys", []):
            target = fk["reference"]["resource"] or rname
            if target not in src.tables:
                continue
            [field], [ref] = fk["fields"], fk["reference"]["fields"]
            known = {r.get(ref) for r in src.tables[target]}
            for i, row in enumerate(src.tables[rname], start=2):
                v = row.get(field)
                if v and v not in known:
                    out.append(Problem(src.name, rname, i, field, "foreign-key",
                                       f"{field} {v!r} is not a {ref} of {target!r} in this package",
                                       file=str(src.files.get(rname))))
    return out


# What a decree package's datapackage.json may hold: it is republished as is in the
# downloads, so a key a data consumer's tool would follow (a dialect, a profile or a
# foreign package by URL, a javascript: licence link) is refused, not passed on.
PACKAGE_KEYS = {"$schema", "name", "title", "description", "licenses", "version", "created", "keywords",
                "contributors", "sources", "homepage", "id", "resources"}
RESOURCE_KEYS = {"name": None, "path": None, "schema": None, "type": "table", "format": "csv",
                 "mediatype": "text/csv", "encoding": "utf-8"}
LINK_KEYS = {"path", "homepage", "url", "href", "$schema"}


def _descriptor_keys(src: Source) -> list[Problem]:
    out = []
    dp = str(src.path / "datapackage.json")
    bad = lambda field, msg, code="descriptor-key": out.append(Problem(src.name, None, None, field, code, msg, file=dp))
    for key in sorted(set(src.descriptor) - PACKAGE_KEYS):
        bad(key, f"datapackage.json key {key!r} is not part of the model")
    for res in src.descriptor.get("resources", []):
        if not isinstance(res, dict):
            continue
        for key in sorted(res, key=str):
            if key not in RESOURCE_KEYS:
                bad(key, f"resource {res.get('name')!r}: key {key!r} is not part of the model")
            elif RESOURCE_KEYS[key] is not None and res[key] != RESOURCE_KEYS[key]:
                bad(key, f"resource {res.get('name')!r}: {key} must be {RESOURCE_KEYS[key]!r}")

    def links(value, trail):
        if isinstance(value, dict):
            for k, v in value.items():
                if trail and trail[0] == "resources" and k == "schema":
                    continue
                if k in LINK_KEYS and isinstance(v, str) and not (trail and trail[0] == "resources" and k == "path"):
                    if not re.match(r"https?://[^\s/]+", v):
                        bad(k, f"{'.'.join(map(str, trail + [k]))} {v[:80]!r} must be an http(s) URL", "unsafe-url")
                links(v, trail + [k])
        elif isinstance(value, list):
            for i, v in enumerate(value):
                links(v, trail + [i])
    links(src.descriptor, [])
    return out


def _schema_shape(schema: dict) -> list[tuple]:
    return [(f.get("name"), f.get("type", "string")) for f in schema.get("fields", [])]


def domain_problems(src: Source, shared: dict[str, dict], regions: dict[str, dict],
                    decrees_dir: Path | None) -> list[Problem]:
    out: list[Problem] = []
    P = lambda res, row, field, code, msg, sev="error": out.append(Problem(
        src.name, res, row, field, code, msg, sev, str(src.files[res]) if res in src.files else
        str(src.path / "datapackage.json")))
    d = src.descriptor
    if d.get("$schema") != V2_PACKAGE:
        P(None, None, "$schema", "profile", f"datapackage.json must declare $schema {V2_PACKAGE}")
    if d.get("name") != src.name:
        P(None, None, "name", "package-name", f"package name {d.get('name')!r} must equal its folder name {src.name!r}")
    names = [r.get("name") for r in d.get("resources", []) if isinstance(r, dict)]
    for missing in sorted(set(RESOURCES) - set(names)):
        P(None, None, "resources", "missing-resource", f"resource {missing!r} is missing")
    for extra in sorted(set(names) - set(RESOURCES)):
        P(None, None, "resources", "unknown-resource", f"resource {extra!r} is not part of the model")
    out += _descriptor_keys(src)
    for res in d.get("resources", []):
        if not isinstance(res, dict) or res.get("name") not in shared:
            continue
        rname = res["name"]
        schema = res.get("schema")
        if not isinstance(schema, dict) or schema != shared[rname]:  # inline copy, exactly
            out.append(Problem(src.name, rname, None, "schema", "schema-mismatch",
                               f"schema of {rname!r} differs from datapackages/schemas/{rname}.json",
                               file=str(src.path / "datapackage.json")))
            continue
        rows = src.tables.get(rname)
        if rows is None:
            continue
        if not rows and not (rname == "regions" and not any(a.get("region_code") for a in src.tables.get("agencies", []))):
            P(rname, None, None, "empty-resource", f"resource {rname!r} has no rows",
              "error" if rname in ("agencies", "documents") else "warning")
        header = list(rows[0].keys()) if rows else []
        for extra in [h for h in header if h not in {f['name'] for f in schema['fields']}]:
            P(rname, 1, extra, "unknown-column", f"column {extra!r} is not in the schema")
        for missing in [f["name"] for f in schema["fields"] if rows and f["name"] not in header]:
            P(rname, 1, missing, "missing-column", f"column {missing!r} of the schema is missing from the header")
        out.extend(_category_and_key_problems(src, rname, schema, rows))
    out.extend(_model_rules(src, regions))
    out.extend(_provenance(src, decrees_dir))
    out.extend(_privacy(src))
    return out


def _category_and_key_problems(src: Source, rname: str, schema: dict, rows: list[dict]) -> list[Problem]:
    out = []
    f = str(src.files[rname])
    for field in schema["fields"]:
        cats = field.get("categories")
        if cats:
            allowed = {c if isinstance(c, str) else c.get("value") for c in cats}
            for i, row in enumerate(rows, start=2):
                v = row.get(field["name"], "")
                if v and v not in allowed:
                    out.append(Problem(src.name, rname, i, field["name"], "category",
                                       f"{v!r} is not one of {sorted(allowed)}", file=f))
    keys = [schema["primaryKey"]] if schema.get("primaryKey") else []
    keys += schema.get("uniqueKeys", [])
    for key in keys:
        seen: dict[tuple, int] = {}
        for i, row in enumerate(rows, start=2):
            value = tuple(row.get(k, "") for k in key)
            for k, v in zip(key, value):
                if not v:
                    out.append(Problem(src.name, rname, i, k, "key-member-missing",
                                       f"key field {k!r} is empty", file=f))
            if value in seen:
                out.append(Problem(src.name, rname, i, key[0], "duplicate-key",
                                   f"{'/'.join(value)!r} repeats row {seen[value]}", file=f))
            else:
                seen[value] = i
    return out


def _model_rules(src: Source, regions: dict[str, dict]) -> list[Problem]:
    out = []
    t = src.tables
    F = lambda r: str(src.files.get(r, src.path))
    docs = t.get("documents", [])
    if len(docs) != 1:
        out.append(Problem(src.name, "documents", None, None, "one-document",
                           f"a package holds exactly one decree; found {len(docs)}", file=F("documents")))
    elif docs[0].get("id") != src.name:
        out.append(Problem(src.name, "documents", 2, "id", "document-id",
                           f"document id {docs[0].get('id')!r} must equal the package name", file=F("documents")))
    for i, r in enumerate(t.get("regions", []), start=2):
        ref = regions.get(r.get("code", ""))
        if regions and ref is None:
            out.append(Problem(src.name, "regions", i, "code", "unknown-region",
                               f"region code {r.get('code')!r} is not in the Kemendagri reference", file=F("regions")))
        elif ref and (ref["name"], ref["level"], ref["parent_code"]) != (r.get("name"), r.get("level"), r.get("parent_code")):
            out.append(Problem(src.name, "regions", i, "name", "region-mismatch",
                               f"region {r.get('code')} differs from the reference ({ref['name']}, {ref['level']})",
                               file=F("regions")))
    goals = {g.get("id"): g for g in t.get("goals", [])}
    for i, g in enumerate(t.get("goals", []), start=2):
        parent = goals.get(g.get("parent_id") or "")
        if parent and g.get("level") in LEVEL_ORDER and parent.get("level") in LEVEL_ORDER:
            if LEVEL_ORDER.index(parent["level"]) >= LEVEL_ORDER.index(g["level"]):
                out.append(Problem(src.name, "goals", i, "parent_id", "goal-cascade",
                                   f"parent goal level {parent['level']!r} is not above {g['level']!r}", file=F("goals")))
    for i, ind in enumerate(t.get("indicators", []), start=2):
        if ind.get("kind") == "IKI" and not ind.get("position_id"):
            out.append(Problem(src.name, "indicators", i, "position_id", "iki-position",
                               "an IKI indicator needs a position", file=F("indicators")))
        if ind.get("kind") == "IKU" and ind.get("position_id"):
            out.append(Problem(src.name, "indicators", i, "position_id", "iku-position",
                               "an IKU indicator belongs to the agency, not a position", file=F("indicators")))
    return out


def _provenance(src: Source, decrees_dir: Path | None) -> list[Problem]:
    docs = src.tables.get("documents", [])
    if len(docs) != 1 or decrees_dir is None:
        return []
    doc = docs[0]
    path = decrees_dir / (doc.get("source_file") or "")
    F = str(src.files.get("documents"))
    if not doc.get("source_file") or not path.is_file():
        return [Problem(src.name, "documents", 2, "source_file", "source-missing",
                        f"decree text {path} not found; provenance cannot be checked", "warning", F)]
    raw = path.read_bytes()
    out = []
    if hashlib.sha256(raw).hexdigest() != doc.get("source_sha256"):
        out.append(Problem(src.name, "documents", 2, "source_sha256", "source-checksum",
                           f"sha256 of {path.name} does not match", file=F))
    nlines = raw.count(b"\n") + 1
    for rname in ("positions", "duties", "goals", "indicators"):
        for i, r in enumerate(src.tables.get(rname, []), start=2):
            span = r.get("source_lines") or ""
            nums = [int(n) for n in span.split("-") if n.isdigit()]
            if nums and (max(nums) > nlines or (len(nums) == 2 and nums[0] > nums[1])):
                out.append(Problem(src.name, rname, i, "source_lines", "source-lines",
                                   f"{span} is outside 1-{nlines} of {path.name}", file=str(src.files.get(rname))))
    return out


def formula_like(value: str) -> bool:
    """A cell a spreadsheet would run as a formula (= + @ TAB CR, or - not a number)."""
    if not value or value[0] not in "=+@\t\r-":
        return False
    if value[0] == "-":
        rest = value[1:].strip()
        return bool(rest) and not re.fullmatch(r"[0-9]+([.,][0-9]+)?%?", rest)
    return True


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _privacy(src: Source) -> list[Problem]:
    """No NIP anywhere; no text cell that a spreadsheet would execute; no control character
    (they are invalid in XML, so in XLSX, and invisible in pages)."""
    out = []
    for rname, rows in sorted(src.tables.items()):
        for i, row in enumerate(rows, start=2):
            for k, v in row.items():
                if v and find_nip(v):
                    out.append(Problem(src.name, rname, i, k, "personal-identifier",
                                       "looks like an NIP (civil-servant number); it must not be published",
                                       file=str(src.files.get(rname))))
                if v and CONTROL.search(v):
                    c = CONTROL.search(v).group(0)
                    out.append(Problem(src.name, rname, i, k, "control-character",
                                       f"control character U+{ord(c):04X} in text", file=str(src.files.get(rname))))
                if formula_like(v):
                    out.append(Problem(src.name, rname, i, k, "spreadsheet-formula",
                                       f"text starts with {v[0]!r}, which Excel and LibreOffice run as a "
                                       "formula; remove the list marker or reword", file=str(src.files.get(rname))))
    return out


def cross_package_problems(sources: list[Source]) -> list[Problem]:
    """Identifiers are global: the 'all agencies' bundle concatenates every package."""
    out = []
    for rname in ("agencies", "documents", "positions", "duties", "goals", "indicators"):
        seen = Counter(i for src in sources for i in {r.get("id") for r in src.tables.get(rname, [])})
        twice = {i for i, n in seen.items() if n > 1}  # in more than one package
        if not twice:
            continue
        owners: dict[str, list[str]] = defaultdict(list)
        for src in sources:
            for i in {r.get("id") for r in src.tables.get(rname, [])} & twice:
                owners[i].append(src.name)
        for i, pkgs in sorted(owners.items()):
            if len(pkgs) > 1 and not (rname == "agencies" and len(set(pkgs)) == len(pkgs)):
                out.append(Problem(pkgs[1], rname, None, "id", "duplicate-id-across-packages",
                                   f"id {i!r} also appears in package {pkgs[0]!r}"))
    agencies = defaultdict(list)
    for src in sources:
        for a in src.tables.get("agencies", []):
            agencies[a.get("id")].append((src.name, a))
    for aid, entries in sorted(agencies.items()):
        first = entries[0][1]
        for name, a in entries[1:]:
            if a != first:
                out.append(Problem(name, "agencies", None, "id", "agency-conflict",
                                   f"agency {aid!r} is described differently in {entries[0][0]!r}"))
    return out


def validate_sources(sources: list[Source], shared: dict, regions: dict,
                     decrees_dir: Path | None, cache: Cache | None = None) -> list[Problem]:
    """Every rule on every package. With a cache, a package validated before with the same
    bytes, schemas, regions, decree text and code, and found without errors, keeps its
    result (its warnings included); the rules across packages always run."""
    cache = cache or Cache(None)
    problems: list[Problem] = []
    fresh, keys = [], {}
    regions_fp = digest(sorted(regions.items())) if cache.enabled else ""
    for src in sources:
        key = cache.key("validate", src.digest, shared, regions_fp, str(decrees_dir),
                        _decree_digest(src, decrees_dir)) if cache.enabled and src.digest else ""
        stored = cache.get("validate", key) if key else None
        if stored is not None:  # file names are stored relative to the package folder
            problems.extend(Problem(**dict(p, file=str(src.path / p["file"]) if p["file"] else None))
                            for p in stored)
            continue
        fresh.append(src)
        keys[src.name] = key
    local: dict[str, list[Problem]] = {s.name: [] for s in fresh}
    for src in fresh:
        local[src.name] += descriptor_problems(src)
        local[src.name] += domain_problems(src, shared, regions, decrees_dir)
        local[src.name] += _local_foreign_keys(src, shared)
    for p in frictionless_problems(fresh, shared):
        local.setdefault(p.package, []).append(p)
    folders = {s.name: s.path for s in fresh}
    for name, found in local.items():
        found = dedupe(found)
        problems.extend(found)
        if keys.get(name) and not any(p.severity == "error" for p in found) and \
                all(not p.file or Path(p.file).is_relative_to(folders[name]) for p in found):
            cache.put("validate", keys[name], [dict(p.as_dict(), file=str(Path(p.file).relative_to(folders[name]))
                                                    if p.file else None) for p in found])
    problems.extend(cross_package_problems(sources))
    return dedupe(problems)


def _decree_digest(src: Source, decrees_dir: Path | None) -> str:
    docs = src.tables.get("documents", [])
    if len(docs) != 1 or decrees_dir is None:
        return "-"
    path = decrees_dir / (docs[0].get("source_file") or "")
    return digest(path.read_bytes()) if docs[0].get("source_file") and path.is_file() else "missing"


def dedupe(problems: list[Problem]) -> list[Problem]:
    """A foreign key broken inside a package is seen by frictionless and by the local check;
    report it once (frictionless' wording wins)."""
    fk = {(p.package, p.resource, p.row) for p in problems if p.code == "foreign-key" and "lookup table" in p.message}
    return [p for p in problems if not (p.code == "foreign-key" and "in this package" in p.message
                                        and (p.package, p.resource, p.row) in fk)]
