"""Stage 2: validation = frictionless report on all packages + the rule table.

Every problem is collected; nothing stops at the first one. Frictionless 5.x does not
enforce v2 `categories` or `uniqueKeys`, and it cannot see across packages, so those rules
are in the rule table (generator/rules.py, one unit per problem code); this module runs
frictionless and the table, with the build cache.
"""
from __future__ import annotations

import bisect
import tempfile
from pathlib import Path

from .cache import Cache, digest
from .clean_tables import Tables, proven_clean
from .datapackage import RESOURCES, csv_bytes, header, resource
from .errors import Problem, Report
from .forks import forked_map, processes
from .load import SCHEMA_DIR, Source, load_all, load_regions, load_schemas
from .paths import UnsafePath, inside
from .rules import PROFILE, Context, package_rules, portal_rules, run


def check(packages: Path, decrees: Path | None, cache: Cache | None = None,
          workers: int = 1) -> tuple[Report, list[Source]]:
    """The whole check: load every package, its schemas and the regions, then every rule
    of the rule table and frictionless' report (in `workers` processes: forks.processes).
    Returns the report and the loaded sources."""
    sources, problems = load_all(packages, cache)
    report = Report(problems)
    shared, schema_problems = load_schemas(packages)
    regions, region_problems = load_regions(packages)
    report.extend(schema_problems + region_problems)
    if schema_problems:  # no rule can be trusted without its schemas
        return report, sources
    report.extend(validate_sources(sources, shared, regions, decrees, cache, workers))
    return report, sources


def frictionless_problems(sources: list[Source], shared: dict[str, dict]) -> list[Problem]:
    """The frictionless report on all packages at once, mapped back to package, file and row.

    One frictionless run over the concatenated tables checks types, constraints, keys and
    foreign keys in a few seconds for thousands of packages, where a run per package costs
    ~0.2 s of metadata handling each. Tables that pass every check frictionless makes are
    recognised without its row machinery (clean_tables.proven_clean); frictionless runs on
    the rest, so every problem is its own. Rows are written in schema order from what load read
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
        tables: Tables = {}
        for rname in RESOURCES:
            columns = header(shared[rname])
            rows: list[dict] = []
            offs: list[tuple[int, Source]] = []
            seen: set = set()
            for src in usable:
                table = src.tables[rname]
                if rname in ("regions", "agencies"):  # shared rows (a region, an agency with
                    # several decrees): keep one of each; differing copies are 'agency-conflict'
                    k = "code" if rname == "regions" else "id"
                    table = [r for r in table if r.get(k) not in seen and not _add(seen, r.get(k))]
                    offs.append((len(rows), src))
                    rows.extend(table)
                    continue
                offs.append((len(rows), src))
                rows.extend(table)
            offsets[rname] = offs
            tables[rname] = (columns, rows)
        desc = {"$schema": PROFILE, "name": "portal", "resources": [resource(r, shared[r]) for r in RESOURCES]}
        (Path(tmp) / "header").mkdir()
        if proven_clean(desc, tables, Path(tmp) / "header"):  # frictionless would report nothing
            return []
        for rname, (columns, rows) in tables.items():
            (Path(tmp) / f"{rname}.csv").write_bytes(csv_bytes(columns, rows))
        schemas = usable[0].path.parent / SCHEMA_DIR  # the tables are read through the shared schemas
        try:
            report = Package(desc, basepath=tmp).validate()
        except FrictionlessException as exc:
            return _refused(schemas, shared, str(exc.error.message))
        for task in report.tasks:
            offs = offsets[task.name]
            starts = [o for o, _ in offs]
            for err in task.errors:
                rownum = getattr(err, "row_number", None)
                field = getattr(err, "field_name", None) or ",".join(getattr(err, "field_names", None) or []) or None
                if rownum is None:  # a whole table: its schema (the rows are written from what load read)
                    out.append(Problem(SCHEMA_DIR, task.name, None, field, err.type, err.message,
                                       file=str(schemas / f"{task.name}.json")))
                    continue
                start, src = offs[bisect.bisect_right(starts, rownum - 2) - 1]
                local = rownum - 2 - start + 2
                # frictionless numbers rows in the concatenated table: "in row "N"" (cell
                # errors), "Row at position "N"" (row errors); say the package's own number
                message = err.message.replace(f'in row "{rownum}"', f'in row "{local}"') \
                    .replace(f'ow at position "{rownum}"', f'ow at position "{local}"')
                out.append(Problem(src.name, task.name, local, field, err.type, message,
                                   file=str(src.files.get(task.name))))
    return out


def _refused(schemas: Path, shared: dict[str, dict], message: str) -> list[Problem]:
    """frictionless refused the whole portal package: name the shared schemas it finds
    invalid, each with its file (all of the schemas folder when it names none)."""
    from frictionless import FrictionlessException, Schema

    out = []
    for rname in RESOURCES:
        try:
            errors = list(Schema.metadata_validate(shared[rname]))
        except FrictionlessException as exc:  # a field type it does not know
            errors = [exc.error]
        out += [Problem(SCHEMA_DIR, rname, None, None, "frictionless", f"frictionless refuses it: {err.message}",
                        file=str(schemas / f"{rname}.json")) for err in errors]
    return out or [Problem(SCHEMA_DIR, None, None, None, "frictionless", message, file=str(schemas))]


def _add(seen: set, value: object) -> bool:
    """Add value to seen; False (so it can stand in a filter after `not in seen`)."""
    seen.add(value)
    return False


def domain_problems(src: Source, shared: dict[str, dict], regions: dict[str, dict],
                    decrees_dir: Path | None) -> list[Problem]:
    """Every package rule of the rule table (generator/rules.py) on one package."""
    return run(package_rules(), Context(src, [src], shared, regions, decrees_dir))


def cross_package_problems(sources: list[Source]) -> list[Problem]:
    """Every portal rule of the rule table: ids across packages, agencies described twice."""
    return run(portal_rules(), Context(None, sources, {}, {}, None))


def validate_sources(sources: list[Source], shared: dict, regions: dict,
                     decrees_dir: Path | None, cache: Cache | None = None, workers: int = 1) -> list[Problem]:
    """Every rule on every package. With a cache, a package validated before with the same
    bytes, schemas, regions, decree text and code, and found without errors, keeps its
    result (its warnings included); the rules across packages always run. Frictionless'
    run and each package's rules are jobs of their own, in forked processes when workers
    allow (forks.forked_map): the same problems, in the same order, however they are spread."""
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
    def job(i: int) -> list[Problem]:  # 0: frictionless over every package; i: package i - 1's rules
        return frictionless_problems(fresh, shared) if i == 0 else domain_problems(fresh[i - 1], shared, regions,
                                                                                 decrees_dir)
    found_by = list(forked_map(job, list(range(len(fresh) + 1)), processes(workers)))
    local: dict[str, list[Problem]] = {s.name: [] for s in fresh}
    for src, found in zip(fresh, found_by[1:]):
        local[src.name] += found
    for p in found_by[0]:
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
    try:
        path = inside(decrees_dir, docs[0].get("source_file") or "")
    except UnsafePath:
        return "unsafe"
    return digest(path.read_bytes()) if docs[0].get("source_file") and path.is_file() else "missing"


def dedupe(problems: list[Problem]) -> list[Problem]:
    """A foreign key broken inside a package is seen by frictionless and by the local check;
    report it once (frictionless' wording wins)."""
    fk = {(p.package, p.resource, p.row) for p in problems if p.code == "foreign-key" and "lookup table" in p.message}
    return [p for p in problems if not (p.code == "foreign-key" and "in this package" in p.message
                                        and (p.package, p.resource, p.row) in fk)]
