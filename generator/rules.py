"""The validation rule table (modelled on frictionless' checks).

Each rule is one unit: a problem code, a title, a description (its docstring) and one
function with one signature, `check(ctx) -> Iterable[Hit]`. A rule reports only its own
code; the runner (generator/validate.py) turns each Hit into a Problem naming package,
file, row and field. Package rules see one package (`ctx.src`); portal rules see every
package at once (`ctx.sources`).

Adding a rule = one function decorated with @rule here, its bad-input case in
tests/bad_input/cases.py and its line in docs/problems.md (`make problems-doc` writes it;
tests/test_rules.py fails while a code is undocumented or not exercised by the corpus).
"""
from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .datapackage import LEVEL_ORDER, PROFILE, RESOURCES
from .load import Source
from .paths import UnsafePath, inside
from .privacy import any_nip, find_nip, formula_like, has_lone_surrogate


# The project's own identifier patterns, in code: a --packages folder whose schemas/ drop
# or loosen a pattern cannot put '../' or a newline into an output path. fullmatch, so a
# trailing newline (which `$` lets through) is refused.
ID = re.compile(r"[a-z0-9][a-z0-9._-]{0,199}")
REGION_CODE = re.compile(r"[0-9]{2}(\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?)?")
SOURCE_FILE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,199}\.txt")
ID_FIELDS = {
    "regions": {"code": REGION_CODE, "parent_code": REGION_CODE},
    "agencies": {"id": ID, "region_code": REGION_CODE},
    "documents": {"id": ID, "agency_id": ID, "source_file": SOURCE_FILE, "supersedes": ID},
    "positions": {"id": ID, "document_id": ID, "agency_id": ID},
    "duties": {"id": ID, "document_id": ID, "position_id": ID},
    "goals": {"id": ID, "document_id": ID, "position_id": ID, "parent_id": ID},
    "indicators": {"id": ID, "document_id": ID, "agency_id": ID, "position_id": ID, "goal_id": ID},
    "targets": {"id": ID, "document_id": ID, "indicator_id": ID},
}
# Names a package (its downloads folder unduh/<name>/) or an agency (its page
# lembaga/<id>/) may not take: the folders and pages of the portal itself.
RESERVED_NAMES = {"semua", "provinsi", "index", "schemas", "reference", "sumber", "assets", "pagefind", "search", "en"}
EARLIEST, LATEST = 1900, 2099  # years of a decree date (zip and gzip timestamps end in 2106-2107)

PACKAGE_KEYS = {"$schema", "name", "title", "description", "licenses", "version", "created", "keywords",
                "contributors", "sources", "homepage", "id", "resources"}
RESOURCE_KEYS = {"name": None, "path": None, "schema": None, "type": "table", "format": "csv",
                 "mediatype": "text/csv", "encoding": "utf-8"}
LINK_KEYS = {"path", "homepage", "url", "href", "$schema"}
HTTP_URL = re.compile(r"https?://[^\s/?#@]+[^\s]*")
SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):(?!\d)")  # not host:port
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class Context:
    """What a rule may look at. src is None for portal rules."""

    src: Source | None
    sources: list[Source]
    shared: dict[str, dict]
    regions: dict[str, dict]
    decrees: Path | None

    @property
    def pkg(self) -> Source:
        """The package a package rule looks at (never asked of a portal rule)."""
        if self.src is None:
            raise TypeError("a portal rule has no single package")
        return self.src


@dataclass(frozen=True)
class Hit:
    """One finding of a rule; file defaults to the resource's CSV (or datapackage.json)."""

    resource: str | None
    row: int | None
    field: str | None
    message: str
    severity: str = "error"
    package: str | None = None  # portal rules: the package concerned
    file: str | None = None


@dataclass(frozen=True)
class Rule:
    code: str
    title: str
    description: str
    check: Callable[[Context], Iterable[Hit]]
    scope: str = "package"  # or "portal"
    severity: str = "error"


RULES: list[Rule] = []


def rule(code: str, title: str, scope: str = "package", severity: str = "error"):
    def register(fn: Callable[[Context], Iterable[Hit]]):
        RULES.append(Rule(code, title, " ".join((fn.__doc__ or "").split()), fn, scope, severity))
        return fn
    return register


def _descriptor(ctx: Context) -> dict:
    return ctx.pkg.descriptor if ctx.src else {}


def _resources(ctx: Context) -> list[dict]:
    return [r for r in _descriptor(ctx).get("resources", []) if isinstance(r, dict)]


def _rows(ctx: Context, rname: str) -> Iterator[tuple[int, dict]]:
    """(row number as frictionless counts it, header = 1; row) of a resource."""
    return enumerate(ctx.pkg.tables.get(rname, []), start=2) if ctx.src else iter(())


def _schema_ok(ctx: Context, rname: str) -> dict | None:
    """The shared schema of a resource whose inline copy equals it (else None)."""
    schema = next((r.get("schema") for r in _resources(ctx) if r.get("name") == rname), None)
    return schema if isinstance(schema, dict) and schema == ctx.shared.get(rname) else None


def _strings(value, trail=()) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield trail, value
    elif isinstance(value, dict):
        for k, v in value.items():
            if isinstance(k, str):
                yield trail + (k,), k
            yield from _strings(v, trail + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, trail + (i,))


def _field_of(trail: tuple) -> str | None:
    return ".".join(str(t) for t in trail) or None


# ------------------------------------------------------------------ descriptor rules

@rule("profile", "Data Package v2 profile")
def check_profile(ctx: Context):
    """datapackage.json declares the Data Package v2 profile as its $schema (a remote
    profile would be followed by a consumer's tool)."""
    if _descriptor(ctx).get("$schema") != PROFILE:
        yield Hit(None, None, "$schema", f"datapackage.json must declare $schema {PROFILE}")


@rule("package-name", "Package named as its folder")
def check_package_name(ctx: Context):
    """The descriptor's name equals the package's folder name."""
    if _descriptor(ctx).get("name") != ctx.pkg.name:
        yield Hit(None, None, "name",
                  f"package name {_descriptor(ctx).get('name')!r} must equal its folder name {ctx.pkg.name!r}")


@rule("reserved-name", "Name of a portal folder")
def check_reserved_name(ctx: Context):
    """A package (downloads under unduh/<name>/) or agency (page lembaga/<id>/) named like
    a folder or page of the portal itself (`semua`, the whole-portal downloads; `index`...)
    would overwrite it."""
    if ctx.pkg.name in RESERVED_NAMES:
        yield Hit(None, None, "name", f"package name {ctx.pkg.name!r} is reserved for the portal's own files")
    for i, a in _rows(ctx, "agencies"):
        if a.get("id") in RESERVED_NAMES:
            yield Hit("agencies", i, "id", f"agency id {a.get('id')!r} is reserved for the portal's own pages")


@rule("missing-resource", "Every resource of the model")
def check_missing_resource(ctx: Context):
    """The package declares every resource of the model (regions, agencies, documents,
    positions, duties, goals, indicators, targets)."""
    names = {r.get("name") for r in _resources(ctx)}
    for missing in sorted(set(RESOURCES) - names):
        yield Hit(None, None, "resources", f"resource {missing!r} is missing")


@rule("unknown-resource", "No resource outside the model")
def check_unknown_resource(ctx: Context):
    """The package declares no resource the model does not know."""
    names = [r.get("name") for r in _resources(ctx)]
    for extra in sorted({str(n) for n in names} - set(RESOURCES)):
        yield Hit(None, None, "resources", f"resource {extra!r} is not part of the model")


@rule("descriptor-key", "Descriptor keys of the model only")
def check_descriptor_keys(ctx: Context):
    """datapackage.json is republished as is in the downloads: a key a consumer's tool
    would follow (a dialect, a remote profile) or that the model does not know is refused."""
    for key in sorted(set(_descriptor(ctx)) - PACKAGE_KEYS, key=str):
        yield Hit(None, None, key, f"datapackage.json key {key!r} is not part of the model")
    for res in _resources(ctx):
        for key in sorted(res, key=str):
            if key not in RESOURCE_KEYS:
                yield Hit(None, None, key, f"resource {res.get('name')!r}: key {key!r} is not part of the model")
            elif RESOURCE_KEYS[key] is not None and res[key] != RESOURCE_KEYS[key]:
                yield Hit(None, None, key, f"resource {res.get('name')!r}: {key} must be {RESOURCE_KEYS[key]!r}")


def _links(value, trail) -> Iterator[tuple[list, str, str]]:
    if isinstance(value, dict):
        for k, v in value.items():
            if trail and trail[0] == "resources" and k == "schema":
                continue
            if k in LINK_KEYS and isinstance(v, str) and not (trail and trail[0] == "resources" and k == "path"):
                yield trail + [k], k, v
            yield from _links(v, trail + [k])
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _links(v, trail + [i])


def safe_url(value: str) -> bool:
    """An http(s) URL (the only scheme a link in the downloads may have)."""
    return bool(HTTP_URL.fullmatch(value)) and not CONTROL.search(value)


@rule("unsafe-url", "Links by scheme: http, https, mailto")
def check_urls(ctx: Context):
    """Every link exported in the downloads has the http or https scheme: descriptor links
    always; an agency's website when it has a scheme at all, its e-mail mailto: (never
    javascript:, data: or file:, however spaced or cased)."""
    for trail, key, value in _links(_descriptor(ctx), []):
        if not safe_url(value):
            yield Hit(None, None, key, f"{'.'.join(map(str, trail))} {value[:80]!r} must be an http(s) URL",
                      file=str(ctx.pkg.path / "datapackage.json"))
    for i, a in _rows(ctx, "agencies"):
        for fname, allowed in (("website", ("http", "https")), ("email", ("mailto",))):
            scheme = url_scheme(a.get(fname) or "")
            if scheme is not None and scheme not in allowed:
                yield Hit("agencies", i, fname, f"{fname} {(a.get(fname) or '')[:80]!r} has the scheme {scheme!r}; "
                          f"only {' or '.join(allowed)} is exported")


def url_scheme(value: str) -> str | None:
    """The scheme of a URL-like value, as a browser or spreadsheet reads it (blanks and
    control characters inside ignored, any case), or None when it has none."""
    m = SCHEME.match(re.sub(r"[\s\x00-\x1f\x7f]+", "", value))
    return m.group(1).lower() if m else None


def descriptor_messages(descriptor: dict) -> list[tuple[str, str]]:
    """Frictionless' profile check of a datapackage.json, (type, message) pairs; memoised
    on everything but the texts (packages share their schemas)."""
    key = hashlib.sha256(json.dumps({k: v for k, v in descriptor.items()
                                     if k not in ("name", "title", "description")},
                                    sort_keys=True).encode()).hexdigest()
    if key not in _DESCRIPTOR_MEMO:
        _DESCRIPTOR_MEMO[key] = _descriptor_messages(descriptor)
    return _DESCRIPTOR_MEMO[key]


_DESCRIPTOR_MEMO: dict[str, list[tuple[str, str]]] = {}


def _descriptor_messages(descriptor: dict) -> list[tuple[str, str]]:
    from frictionless import FrictionlessException, Package

    try:
        return [(e.type, e.message) for e in Package.metadata_validate(descriptor)]
    except FrictionlessException as exc:
        return [(exc.error.type, exc.error.message)]


@rule("package-error", "Frictionless descriptor profile")
def check_frictionless_descriptor(ctx: Context):
    """frictionless' own check of datapackage.json against the Data Package profile
    (types of keys, licences, contributors...)."""
    for kind, message in descriptor_messages(ctx.pkg.descriptor):
        yield Hit(None, None, None, message if kind == "package-error" else f"[{kind}] {message}")


@rule("lone-surrogate", "Text that can be written as UTF-8")
def check_lone_surrogate(ctx: Context):
    """No lone surrogate (a \\ud800 escape in datapackage.json): it cannot be written as
    UTF-8, so no page or download could be."""
    for trail, value in _strings(_descriptor(ctx)):
        if has_lone_surrogate(value):
            yield Hit(None, None, _field_of(trail), "text holds a lone surrogate (invalid Unicode)",
                      file=str(ctx.pkg.path / "datapackage.json"))


@rule("schema-mismatch", "Inline schema equals the shared one")
def check_schema_mismatch(ctx: Context):
    """Each resource carries an exact copy of datapackages/schemas/<resource>.json."""
    for res in _resources(ctx):
        rname = res.get("name")
        if rname in ctx.shared and _schema_ok(ctx, rname) is None:
            yield Hit(rname, None, "schema", f"schema of {rname!r} differs from datapackages/schemas/{rname}.json",
                      file=str(ctx.pkg.path / "datapackage.json"))


# ------------------------------------------------------------------ table shape rules

@rule("empty-resource", "Resources with rows")
def check_empty_resource(ctx: Context):
    """agencies and documents have rows (an error); other resources without rows are a
    warning (regions may be empty when no agency has a region; targets when the decree sets
    none, as many IKI decrees do)."""
    for rname in RESOURCES:
        rows = ctx.pkg.tables.get(rname)
        if rows is None or _schema_ok(ctx, rname) is None or rows or rname == "targets":
            continue
        if rname == "regions" and not any(a.get("region_code") for a in ctx.pkg.tables.get("agencies", [])):
            continue
        yield Hit(rname, None, None, f"resource {rname!r} has no rows",
                  "error" if rname in ("agencies", "documents") else "warning")


def _header(ctx: Context, rname: str) -> list[str]:
    rows = ctx.pkg.tables.get(rname) or []
    return list(rows[0].keys()) if rows else []


@rule("unknown-column", "No column outside the schema")
def check_unknown_column(ctx: Context):
    """The header has no column the schema does not define."""
    for rname in RESOURCES:
        schema = _schema_ok(ctx, rname)
        if schema:
            known = {f["name"] for f in schema["fields"]}
            for extra in [h for h in _header(ctx, rname) if h not in known]:
                yield Hit(rname, 1, extra, f"column {extra!r} is not in the schema")


@rule("missing-column", "Every column of the schema")
def check_missing_column(ctx: Context):
    """The header has every column of the schema."""
    for rname in RESOURCES:
        schema, header = _schema_ok(ctx, rname), _header(ctx, rname)
        if schema and header:
            for missing in [f["name"] for f in schema["fields"] if f["name"] not in header]:
                yield Hit(rname, 1, missing, f"column {missing!r} of the schema is missing from the header")


@rule("category", "Values among the v2 categories")
def check_category(ctx: Context):
    """A field with v2 `categories` holds one of them (frictionless 5 does not enforce them)."""
    for rname in RESOURCES:
        schema = _schema_ok(ctx, rname)
        for fdef in (schema or {}).get("fields", []):
            cats = fdef.get("categories")
            if not cats:
                continue
            allowed = {c if isinstance(c, str) else c.get("value") for c in cats}
            for i, row in _rows(ctx, rname):
                v = row.get(fdef["name"], "")
                if v and v not in allowed:
                    yield Hit(rname, i, fdef["name"], f"{v!r} is not one of {sorted(allowed)}")


def _keys(schema: dict) -> list[list[str]]:
    return ([schema["primaryKey"]] if schema.get("primaryKey") else []) + schema.get("uniqueKeys", [])


@rule("key-member-missing", "Key fields filled")
def check_key_member_missing(ctx: Context):
    """Every field of the primary key and of each v2 uniqueKey is filled."""
    for rname in RESOURCES:
        schema = _schema_ok(ctx, rname)
        for key in _keys(schema or {}):
            for i, row in _rows(ctx, rname):
                for k in key:
                    if not row.get(k, ""):
                        yield Hit(rname, i, k, f"key field {k!r} is empty")


@rule("duplicate-key", "Keys unique")
def check_duplicate_key(ctx: Context):
    """No two rows share a primary key or a v2 uniqueKey."""
    for rname in RESOURCES:
        schema = _schema_ok(ctx, rname)
        for key in _keys(schema or {}):
            seen: dict[tuple, int] = {}
            for i, row in _rows(ctx, rname):
                value = tuple(row.get(k, "") for k in key)
                if value in seen:
                    yield Hit(rname, i, key[0], f"{'/'.join(value)!r} repeats row {seen[value]}")
                else:
                    seen[value] = i


@rule("id-pattern", "Identifiers in the project's own patterns")
def check_id_pattern(ctx: Context):
    """Every identifier and reference (ids, region codes, decree file names) matches the
    pattern written in the code, whatever the schemas in --packages say: ids become
    output paths, so '../' or a trailing newline must never get through."""
    if not ID.fullmatch(ctx.pkg.name):
        yield Hit(None, None, "name", f"package folder name {ctx.pkg.name!r} is not a valid identifier",
                  file=str(ctx.pkg.path / "datapackage.json"))
    for rname, fields in ID_FIELDS.items():
        for i, row in _rows(ctx, rname):
            for fname, pattern in fields.items():
                v = row.get(fname)
                if v and not pattern.fullmatch(v):
                    yield Hit(rname, i, fname, f"{v[:80]!r} does not match {pattern.pattern}")


def _number_fields(ctx: Context, rname: str) -> list[str]:
    schema = ctx.shared.get(rname) or {}
    return [f["name"] for f in schema.get("fields", []) if f.get("type") in ("number", "integer")]


@rule("non-finite-number", "Finite numbers only")
def check_finite(ctx: Context):
    """A number field holds a finite number: NaN, Infinity or 1e999 would make the JSON
    download invalid and the XLSX damaged."""
    for rname in RESOURCES:
        for fname in _number_fields(ctx, rname):
            for i, row in _rows(ctx, rname):
                v = (row.get(fname) or "").strip()
                if not v:
                    continue
                try:
                    finite = math.isfinite(float(v.replace(",", ".")))
                except ValueError:
                    continue  # not a number at all: frictionless' type-error
                if not finite:
                    yield Hit(rname, i, fname, f"{v[:40]!r} is not a finite number")


@rule("date-range", "Dates a portal can write")
def check_date_range(ctx: Context):
    """A date lies between 1900 and 2099 (zip and gzip timestamps cannot hold a year after
    2106; a decree from before 1900 is a typing error)."""
    for rname in RESOURCES:
        schema = ctx.shared.get(rname) or {}
        for fdef in schema.get("fields", []):
            if fdef.get("type") not in ("date", "datetime", "year"):
                continue
            for i, row in _rows(ctx, rname):
                m = re.match(r"\s*(\d{4,})", row.get(fdef["name"]) or "")
                if m and not EARLIEST <= int(m.group(1)) <= LATEST:
                    yield Hit(rname, i, fdef["name"], f"year {m.group(1)} is outside {EARLIEST}-{LATEST}")


# ------------------------------------------------------------------ model rules

@rule("one-document", "One decree per package")
def check_one_document(ctx: Context):
    """A package holds exactly one decree (one row in documents)."""
    docs = ctx.pkg.tables.get("documents", [])
    if "documents" in ctx.pkg.tables and len(docs) != 1:
        yield Hit("documents", None, None, f"a package holds exactly one decree; found {len(docs)}")


@rule("document-id", "Document named as its package")
def check_document_id(ctx: Context):
    """The decree's id equals the package name."""
    docs = ctx.pkg.tables.get("documents", [])
    if len(docs) == 1 and docs[0].get("id") != ctx.pkg.name:
        yield Hit("documents", 2, "id", f"document id {docs[0].get('id')!r} must equal the package name")


@rule("unknown-region", "Region codes from the Kemendagri reference")
def check_unknown_region(ctx: Context):
    """Every region code is in datapackages/reference/regions.csv."""
    if not ctx.regions:
        return
    for i, r in _rows(ctx, "regions"):
        if r.get("code", "") not in ctx.regions:
            yield Hit("regions", i, "code", f"region code {r.get('code')!r} is not in the Kemendagri reference")


@rule("region-mismatch", "Regions as the reference names them")
def check_region_mismatch(ctx: Context):
    """A region's name, level and parent equal the reference's."""
    for i, r in _rows(ctx, "regions"):
        ref = ctx.regions.get(r.get("code", ""))
        if ref and (ref.get("name"), ref.get("level"), ref.get("parent_code")) != \
                (r.get("name"), r.get("level"), r.get("parent_code")):
            yield Hit("regions", i, "name",
                      f"region {r.get('code')} differs from the reference ({ref.get('name')}, {ref.get('level')})")


def _cycles(rows: list[tuple[int, dict]], key: str, parent: str) -> Iterator[tuple[int, str]]:
    """(row, id) of each row whose parent chain comes back to itself."""
    up = {r.get(key): r.get(parent) for _, r in rows if r.get(key)}
    for i, r in rows:
        start, seen, node = r.get(key), set(), r.get(parent)
        while node and node in up and node not in seen:
            if node == start:
                yield i, start
                break
            seen.add(node)
            node = up[node]


@rule("parent-cycle", "Parent chains end")
def check_parent_cycle(ctx: Context):
    """No region (parent_code) and no goal (parent_id) is its own ancestor: a cycle would
    make every walk up the chain endless."""
    for rname, key, parent in (("regions", "code", "parent_code"), ("goals", "id", "parent_id")):
        for i, ident in _cycles(list(_rows(ctx, rname)), key, parent):
            yield Hit(rname, i, parent, f"{ident!r} is its own ancestor through {parent}")


@rule("goal-cascade", "Goal cascade top-down")
def check_goal_cascade(ctx: Context):
    """A goal's parent is at a higher level of the cascade (visi > misi > ... > sasaran_iki)."""
    goals = {g.get("id"): g for _, g in _rows(ctx, "goals")}
    for i, g in _rows(ctx, "goals"):
        parent = goals.get(g.get("parent_id") or "")
        if parent and g.get("level") in LEVEL_ORDER and parent.get("level") in LEVEL_ORDER and \
                LEVEL_ORDER.index(parent["level"]) >= LEVEL_ORDER.index(g["level"]):
            yield Hit("goals", i, "parent_id", f"parent goal level {parent['level']!r} is not above {g['level']!r}")


@rule("iki-position", "IKI indicators have a position")
def check_iki_position(ctx: Context):
    """An IKI (individual) indicator names its position."""
    for i, ind in _rows(ctx, "indicators"):
        if ind.get("kind") == "IKI" and not ind.get("position_id"):
            yield Hit("indicators", i, "position_id", "an IKI indicator needs a position")


@rule("iku-position", "IKU indicators belong to the agency")
def check_iku_position(ctx: Context):
    """An IKU (agency) indicator names no position."""
    for i, ind in _rows(ctx, "indicators"):
        if ind.get("kind") == "IKU" and ind.get("position_id"):
            yield Hit("indicators", i, "position_id", "an IKU indicator belongs to the agency, not a position")


@rule("indicator-agency", "An indicator belongs to its position's agency")
def check_indicator_agency(ctx: Context):
    """An IKI indicator's agency_id is its position's agency_id (a decree that sets the
    indicators of several perangkat daerah keeps each position with its own agency)."""
    agency_of = {p.get("id"): p.get("agency_id") for _, p in _rows(ctx, "positions")}
    for i, ind in _rows(ctx, "indicators"):
        pid = ind.get("position_id")
        if pid in agency_of and ind.get("agency_id") and agency_of[pid] and ind["agency_id"] != agency_of[pid]:
            yield Hit("indicators", i, "agency_id", f"agency {ind['agency_id']!r} differs from the agency "
                      f"{agency_of[pid]!r} of position {pid!r}")


def _year(v) -> int | None:
    try:
        return int(str(v).strip()) if str(v or "").strip() else None
    except ValueError:
        return None  # not an integer: frictionless' type-error


@rule("target-year", "Targets within the decree's period")
def check_target_year(ctx: Context):
    """A target's year lies within the decree's period (period_start to period_end); a
    baseline (the starting value, e.g. KONDISI AWAL) may come before it, never after."""
    docs = ctx.pkg.tables.get("documents", [])
    if len(docs) != 1:
        return
    start, end = _year(docs[0].get("period_start")), _year(docs[0].get("period_end"))
    if start is None and end is None:
        return
    first = start if start is not None else end
    last = end if end is not None else start
    assert first is not None and last is not None
    start, end = first, last
    for i, t in _rows(ctx, "targets"):
        year = _year(t.get("year"))
        if year is None:
            continue
        if t.get("kind") == "baseline":
            if year > end:
                yield Hit("targets", i, "year", f"baseline year {year} is after the decree's period {start}-{end}")
        elif not start <= year <= end:
            yield Hit("targets", i, "year", f"target year {year} is outside the decree's period {start}-{end}")


@rule("target-range", "A range has a lower and an upper bound")
def check_target_range(ctx: Context):
    """value_max belongs to a range (comparator `range`) and is not below value; a range has
    both bounds; a comparator needs a value."""
    for i, t in _rows(ctx, "targets"):
        try:
            low = float(t["value"]) if (t.get("value") or "").strip() else None
            high = float(t["value_max"]) if (t.get("value_max") or "").strip() else None
        except ValueError:
            continue  # frictionless' type-error
        comparator = t.get("comparator") or ""
        if comparator == "range" and (low is None or high is None):
            yield Hit("targets", i, "value_max", "a range needs value and value_max")
        elif high is not None and comparator != "range":
            yield Hit("targets", i, "comparator", "value_max is only for a range (comparator 'range')")
        elif low is not None and high is not None and high < low:
            yield Hit("targets", i, "value_max", f"the upper bound {high:g} is below the lower bound {low:g}")
        elif comparator and low is None:
            yield Hit("targets", i, "value", f"comparator {comparator!r} without a value")


@rule("foreign-key", "References resolve inside their package")
def check_local_foreign_keys(ctx: Context):
    """Every foreign key resolves inside its own package (a package is a dataset; an id
    of another package is still a broken reference)."""
    for rname in RESOURCES:
        schema = ctx.shared.get(rname)
        if not schema or rname not in ctx.pkg.tables:
            continue
        for fk in schema.get("foreignKeys", []):
            target = fk["reference"]["resource"] or rname
            if target not in ctx.pkg.tables:
                continue
            [fname], [ref] = fk["fields"], fk["reference"]["fields"]
            known = {r.get(ref) for r in ctx.pkg.tables[target]}
            for i, row in _rows(ctx, rname):
                v = row.get(fname)
                if v and v not in known:
                    yield Hit(rname, i, fname, f"{fname} {v!r} is not a {ref} of {target!r} in this package")


# ------------------------------------------------------------------ provenance rules

def _decree(ctx: Context) -> tuple[dict, Path | None] | None:
    """(document row, path of its decree text inside --decrees, None when unsafe)."""
    docs = ctx.pkg.tables.get("documents", [])
    if len(docs) != 1 or ctx.decrees is None:
        return None
    name = docs[0].get("source_file") or ""
    try:
        return docs[0], inside(ctx.decrees, name) if name else None
    except UnsafePath:
        return docs[0], None


@rule("source-missing", "Decree text present", severity="warning")
def check_source_missing(ctx: Context):
    """The decree text named by source_file is in --decrees (else provenance cannot be
    checked: a warning, an error with --strict)."""
    found = _decree(ctx)
    if found and found[1] is not None and not found[1].is_file() and found[0].get("source_file"):
        yield Hit("documents", 2, "source_file", f"decree text {found[1]} not found; provenance cannot be checked",
                  "warning")
    elif found and not found[0].get("source_file"):
        yield Hit("documents", 2, "source_file", "no decree text named; provenance cannot be checked", "warning")


@rule("source-outside", "Decree text inside --decrees")
def check_source_outside(ctx: Context):
    """The decree text (republished under sumber/) is a file inside --decrees, not a
    symbolic link out of it (to /etc/passwd, say)."""
    found = _decree(ctx)
    if found and found[0].get("source_file") and found[1] is None:
        yield Hit("documents", 2, "source_file",
                  f"decree text {(found[0].get('source_file') or '')[:80]!r} leads out of the decrees folder")


@rule("source-checksum", "Decree text as recorded")
def check_source_checksum(ctx: Context):
    """The decree text's SHA-256 equals documents.source_sha256."""
    found = _decree(ctx)
    if found and found[1] is not None and found[1].is_file() and \
            hashlib.sha256(found[1].read_bytes()).hexdigest() != found[0].get("source_sha256"):
        yield Hit("documents", 2, "source_sha256", f"sha256 of {found[1].name} does not match")


@rule("source-lines", "Line spans inside the decree text")
def check_source_lines(ctx: Context):
    """Every source_lines span lies inside the decree text and runs forward."""
    found = _decree(ctx)
    if not (found and found[1] is not None and found[1].is_file()):
        return
    nlines = found[1].read_bytes().count(b"\n") + 1
    for rname in ("positions", "duties", "goals", "indicators"):
        for i, r in _rows(ctx, rname):
            span = r.get("source_lines") or ""
            nums = [int(n) for n in span.split("-") if n.isascii() and n.isdigit()]
            if nums and (max(nums) > nlines or (len(nums) == 2 and nums[0] > nums[1])):
                yield Hit(rname, i, "source_lines", f"{span} is outside 1-{nlines} of {found[1].name}")


@rule("source-personal-identifier", "No NIP in the decree text")
def check_source_nip(ctx: Context):
    """The decree text is republished under sumber/: it holds no NIP in any spelling (the
    importer redacts them; a text edited by hand afterwards is checked here). The row is
    the line of the text."""
    found = _decree(ctx)
    if not (found and found[1] is not None and found[1].is_file()):
        return
    text = found[1].read_bytes().decode("utf-8", errors="replace")
    m = find_nip(text)
    if m:
        yield Hit(None, text.count("\n", 0, m.start()) + 1, None,
                  "the decree text holds an NIP (civil-servant number); redact it (python -m generator import)",
                  file=str(found[1]))


# ------------------------------------------------------------------ text rules

def _cells(ctx: Context) -> Iterator[tuple[str, int, str, str]]:
    for rname, rows in sorted(ctx.pkg.tables.items()):
        for i, row in enumerate(rows, start=2):
            for k, v in row.items():
                if v:
                    yield rname, i, k, v


@rule("personal-identifier", "No NIP anywhere")
def check_nip(ctx: Context):
    """No NIP (the 18-digit civil-servant number, in any spelling: separators, fullwidth
    digits, zero-width characters) in any CSV cell nor any descriptor text."""
    if any_nip([v for *_, v in _cells(ctx)]):  # one search over all of them; which ones only then
        for rname, i, k, v in _cells(ctx):
            if find_nip(v):
                yield Hit(rname, i, k, "looks like an NIP (civil-servant number); it must not be published")
    for trail, value in _strings(_descriptor(ctx)):
        if trail and trail[0] == "resources" and "schema" in trail:
            continue
        if find_nip(value):
            yield Hit(None, None, _field_of(trail), "looks like an NIP (civil-servant number); it must not be "
                      "published", file=str(ctx.pkg.path / "datapackage.json"))


@rule("control-character", "No control characters")
def check_control(ctx: Context):
    """No control character in text: invalid in XML (so in XLSX) and invisible in pages."""
    for rname, i, k, v in _cells(ctx):
        m = CONTROL.search(v)
        if m:
            yield Hit(rname, i, k, f"control character U+{ord(m.group(0)):04X} in text")


@rule("spreadsheet-formula", "No text a spreadsheet would run")
def check_formula(ctx: Context):
    """No cell starts like a formula (= + @ - TAB CR, their fullwidth forms, or any of
    them after leading spaces): Excel and LibreOffice would run it from the CSV."""
    for rname, i, k, v in _cells(ctx):
        if formula_like(v):
            yield Hit(rname, i, k, f"text starts with {v.lstrip()[:1]!r}, which Excel and LibreOffice run as a "
                      "formula; remove the list marker or reword")


# ------------------------------------------------------------------ portal rules

@rule("duplicate-id-across-packages", "Ids unique across packages", scope="portal")
def check_duplicate_ids(ctx: Context):
    """Identifiers are global: the whole-portal bundle concatenates every package (an
    agency may recur, identically, in several decrees' packages)."""
    from collections import Counter, defaultdict

    for rname in ("agencies", "documents", "positions", "duties", "goals", "indicators", "targets"):
        seen = Counter(i for src in ctx.sources for i in {r.get("id") for r in src.tables.get(rname, [])})
        twice = {i for i, n in seen.items() if n > 1}
        if not twice or rname == "agencies":
            continue
        owners: dict[str | None, list[Source]] = defaultdict(list)
        for src in ctx.sources:
            for i in {r.get("id") for r in src.tables.get(rname, [])} & twice:
                owners[i].append(src)
        for i, srcs in sorted(owners.items()):
            row = next(n for n, r in enumerate(srcs[1].tables[rname], start=2) if r.get("id") == i)
            yield Hit(rname, row, "id", f"id {i!r} also appears in package {srcs[0].name!r}",
                      package=srcs[1].name, file=str(srcs[1].files.get(rname)))


@rule("agency-conflict", "One description per agency", scope="portal")
def check_agency_conflict(ctx: Context):
    """An agency that several packages hold is described identically in each."""
    from collections import defaultdict

    agencies: dict[str | None, list] = defaultdict(list)
    for src in ctx.sources:
        for n, a in enumerate(src.tables.get("agencies", []), start=2):
            agencies[a.get("id")].append((src, n, a))
    for aid, entries in sorted(agencies.items(), key=lambda kv: str(kv[0])):
        first_src, _, first = entries[0]
        for src, n, a in entries[1:]:
            if a != first:
                field_ = next((k for k in a if a.get(k) != first.get(k)), "id")
                yield Hit("agencies", n, field_, f"agency {aid!r} is described differently in {first_src.name!r}",
                          package=src.name, file=str(src.files.get("agencies")))


def run(rules: list[Rule], ctx: Context) -> list:
    """Every rule of the list on ctx, hits turned into Problems."""
    from .errors import Problem

    out = []
    for r in rules:
        for h in r.check(ctx):
            package = h.package or (ctx.pkg.name if ctx.src else "portal")
            file = h.file
            if file is None and ctx.src is not None:
                file = str(ctx.pkg.files[h.resource]) if h.resource in ctx.pkg.files else \
                    str(ctx.pkg.path / "datapackage.json")
            out.append(Problem(package, h.resource, h.row, h.field, r.code, h.message, h.severity, file))
    return out


def package_rules() -> list[Rule]:
    return [r for r in RULES if r.scope == "package"]


def portal_rules() -> list[Rule]:
    return [r for r in RULES if r.scope == "portal"]


# ------------------------------------------------------------------ the catalogue of codes

# Problems found while reading (generator/load.py), before any rule can run.
LOAD_CODES = {
    "no-packages": "No data package folder under --packages.",
    "missing-descriptor": "A package folder without datapackage.json.",
    "invalid-descriptor": "datapackage.json is not UTF-8 JSON, not an object, or has no list of resources "
                          "(or a resource without a name).",
    "descriptor-too-deep": "datapackage.json nests deeper than 32 levels (10,000 nested lists would exhaust "
                           "the stack).",
    "empty-package": "The package lists no resources.",
    "unsafe-path": "A resource path (or datapackage.json itself) that is a URL, absolute, climbs with `..`, "
                   "or leads out of the package folder through a symbolic link: refused, never fetched nor read.",
    "file-too-large": "A resource file over 32 MB or 50,000 rows (one decree per package): refused with this "
                      "message instead of a build that never ends.",
    "missing-file": "A resource's CSV file does not exist.",
    "encoding-error": "A CSV file is not valid UTF-8 (the row of the first bad byte is named).",
    "line-ending": "A CSV file has a carriage return that is not part of a CRLF line end (LF only; CRLF is "
                   "`excel-csv`).",
    "empty-file": "A CSV file without even a header row.",
    "duplicate-column": "A column name appears twice in a header.",
    "blank-row": "An empty line inside a CSV file.",
    "extra-cell": "A row with more cells than the header.",
    "missing-cell": "A row with fewer cells than the header.",
    "cell-too-long": "A cell over 100,000 characters.",
    "missing-schema": "A shared Table Schema (schemas/<resource>.json) is missing.",
    "invalid-schema": "A shared Table Schema is not UTF-8 JSON, has no list of named fields, or has a `pattern` "
                      "constraint that is not a regular expression (named with its field).",
    "invalid-reference": "reference/regions.csv is not UTF-8 or lacks one of its columns "
                         "(code, name, level, parent_code).",
}
# Warnings while reading: the file is read, as the same rows (`--strict` fails on them).
LOAD_WARNINGS = {
    "excel-csv": "A CSV file saved by Excel: a UTF-8 byte-order mark and/or CRLF line ends. Read as the same "
                 "rows; `python -m generator normalise` rewrites it as UTF-8 without BOM with LF line ends. What "
                 "Excel breaks beyond that (a code turned into a number, a reformatted date, another encoding) "
                 "is reported by the other rules with its row and field.",
}
# frictionless' own error types, as its report names them (one run over every package).
FRICTIONLESS_CODES = {
    "type-error": "A value that is not of its field's type (a date that does not exist, a word in a number).",
    "constraint-error": "A value breaking a field constraint (required, enum, pattern, maximum...).",
    "foreign-key": "A reference that does not resolve (frictionless' wording wins over the rule's when both see it).",
    "primary-key": "Two rows with the same primary key (frictionless names no field; duplicate-key does).",
    "resource-error": "frictionless cannot check a whole table: its shared schema (named) declares something it "
                      "cannot use there, such as a foreign key to a resource that does not exist.",
    "frictionless": "frictionless refuses the portal-wide package read through the shared schemas: each schema "
                    "it finds invalid is named (a primary or foreign key naming no field, an unknown field type).",
}


def catalogue() -> list[tuple[str, str, str, str]]:
    """(code, stage, severity, description) of every problem the validator reports."""
    out = [(c, "load", "error", d) for c, d in LOAD_CODES.items()]
    out += [(c, "load", "warning", d) for c, d in LOAD_WARNINGS.items()]
    out += [(r.code, f"rule ({r.scope})", r.severity, f"**{r.title}.** {r.description}") for r in RULES]
    out += [(c, "frictionless", "error", d) for c, d in FRICTIONLESS_CODES.items()
            if c not in {r.code for r in RULES}]
    return out


def catalogue_markdown() -> str:
    lines = ["# Problem codes", "",
             "Every problem `python -m generator validate` (and every build) can report, with the stage",
             "that finds it. Each names its file, row and field. Generated from the rule table",
             "(`generator/rules.py`) by `make problems-doc`; `tests/test_rules.py` fails when this page",
             "and the table differ, or when a code is not exercised by the bad-input corpus",
             "(`tests/bad_input/cases.py`).", "",
             "| code | stage | severity | what it means |", "|---|---|---|---|"]
    for code, stage, severity, text in catalogue():
        lines.append(f"| `{code}` | {stage} | {severity} | {text.replace('|', '&#124;')} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(catalogue_markdown(), end="")
