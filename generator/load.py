"""Stage 1: find data packages on disk and read them, refusing unsafe descriptors.

Nothing here fetches anything: a resource path that is a URL, absolute, or climbs out of
its package with `..` is a problem, never a request.
"""
from __future__ import annotations

import csv
import io
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .cache import Cache, digest
from .datapackage import RESOURCES
from .errors import Problem
from .excelcsv import describe, excel_marks, normalise
from .paths import UnsafePath, inside

SPECIAL_DIRS = {"schemas", "reference"}
MAX_CELL = 100_000  # characters; a longer cell is refused (a 1 MB cell is a broken file)
# One decree's package: the largest seed has a few hundred rows per resource; a file
# beyond these limits is a mistake (or an attack on the build's time and memory).
MAX_ROWS = 50_000  # data rows per resource file
MAX_BYTES = 32 * 1024 * 1024  # bytes per resource file
MAX_DEPTH = 32  # nesting of datapackage.json (objects in lists in objects...)
csv.field_size_limit(64 * 1024 * 1024)  # read it whole so the problem can name its row


@dataclass
class Source:
    """A data package as read from disk: descriptor plus raw rows per resource."""

    name: str
    path: Path  # folder
    descriptor: dict
    tables: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)
    digest: str = ""  # SHA-256 of the descriptor and every resource file's bytes


def discover(packages_dir: Path) -> list[Path]:
    """Package folders under packages_dir (sorted), skipping schemas/ and reference/."""
    if not packages_dir.is_dir():
        return []
    return sorted(
        p for p in packages_dir.iterdir()
        if p.is_dir() and p.name not in SPECIAL_DIRS and not p.name.startswith((".", "_"))
    )


def unsafe_path(path: object) -> str | None:
    """Why a resource path is refused, or None when it is a safe relative path."""
    if not isinstance(path, str) or not path:
        return "resource path must be a non-empty string"
    if "://" in path or path.startswith("//") or re.match(r"[A-Za-z][A-Za-z0-9+.-]+:", path):
        return f"remote resource path {path!r} refused: nothing is fetched during a build"
    if path.startswith(("/", "\\")) or (len(path) > 1 and path[1] == ":"):
        return f"absolute resource path {path!r} refused"
    if "\\" in path or ".." in PurePosixPath(path).parts:
        return f"resource path {path!r} leaves the package folder"
    if "\x00" in path:
        return "resource path contains a NUL character"
    return None


def read_package(folder: Path, problems: list[Problem], cache: Cache | None = None) -> Source | None:
    """Read one package. With a cache, a package whose bytes were read cleanly before is
    taken from the cache (parsed rows) instead of being parsed again."""
    name = folder.name
    dp = folder / "datapackage.json"
    if not dp.is_file() and not dp.is_symlink():
        problems.append(Problem(name, None, None, None, "missing-descriptor",
                                "no datapackage.json in package folder", file=str(dp)))
        return None
    try:
        inside(folder, "datapackage.json")
    except UnsafePath:
        problems.append(Problem(name, None, None, None, "unsafe-path",
                                "datapackage.json is a symbolic link out of the package folder", file=str(dp)))
        return None
    if dp.stat().st_size > MAX_BYTES:
        problems.append(Problem(name, None, None, None, "file-too-large",
                                f"datapackage.json has {dp.stat().st_size:,} bytes (limit {MAX_BYTES:,})", file=str(dp)))
        return None
    try:
        descriptor = json.loads(dp.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        problems.append(Problem(name, None, None, None, "invalid-descriptor",
                                f"datapackage.json is not valid UTF-8 JSON: {exc}", file=str(dp)))
        return None
    except RecursionError:
        descriptor = None
    if descriptor is None or depth(descriptor) > MAX_DEPTH:
        problems.append(Problem(name, None, None, None, "descriptor-too-deep",
                                f"datapackage.json is nested more than {MAX_DEPTH} levels deep", file=str(dp)))
        return None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        problems.append(Problem(name, None, None, "resources", "invalid-descriptor",
                                "datapackage.json must be an object with a list of resources", file=str(dp)))
        return None
    if not descriptor["resources"]:
        problems.append(Problem(name, None, None, "resources", "empty-package",
                                "the package has no resources", file=str(dp)))
        return None
    src = Source(name=name, path=folder, descriptor=descriptor)
    before = len(problems)
    raw: dict[str, bytes] = {}
    for res in descriptor["resources"]:
        rname = res.get("name") if isinstance(res, dict) else None
        if not isinstance(rname, str):
            problems.append(Problem(name, None, None, "name", "invalid-descriptor",
                                    "every resource needs a name", file=str(dp)))
            continue
        why = unsafe_path(res.get("path"))
        if why:
            problems.append(Problem(name, rname, None, "path", "unsafe-path", why, file=str(dp)))
            continue
        fpath = folder / res["path"]
        try:
            inside(folder, res["path"])
        except UnsafePath:
            problems.append(Problem(name, rname, None, "path", "unsafe-path",
                                    f"resource path {res['path']!r} leads out of the package folder "
                                    "(through a symbolic link)", file=str(dp)))
            continue
        src.files[rname] = fpath
        if fpath.is_file():
            if fpath.stat().st_size > MAX_BYTES:
                problems.append(Problem(name, rname, None, None, "file-too-large",
                                        f"{fpath.stat().st_size:,} bytes; a package's file may hold at most "
                                        f"{MAX_BYTES:,} bytes and {MAX_ROWS:,} rows (one decree per package)",
                                        file=str(fpath)))
                continue
            raw[rname] = fpath.read_bytes()
    src.digest = digest(dp.read_bytes(), *(n.encode() + b"\0" + data for n, data in sorted(raw.items())))
    cache = cache or Cache(None)
    if len(problems) == before and len(raw) == len(src.files):
        stored = cache.get("load", cache.key("load", src.digest))
        if stored is not None:
            src.tables = stored
            return src
    for rname, fpath in src.files.items():
        rows = read_csv(fpath, name, rname, problems, raw.get(rname))
        if rows is not None:
            src.tables[rname] = rows
    if len(problems) == before:
        remember(cache, src)
    return src


def depth(value: object, limit: int = MAX_DEPTH + 1) -> int:
    """How deeply lists and objects nest in a parsed JSON value (counted up to limit)."""
    level, todo = 0, [value]
    while todo and level < limit:
        todo = [v for x in todo for v in (x.values() if isinstance(x, dict) else x if isinstance(x, list) else ())]
        level += 1
    return level if todo else level - 1 if level else 0


def remember(cache: Cache, src: Source) -> None:
    """Store a cleanly read package's rows under the hash of its bytes."""
    cache.put("load", cache.key("load", src.digest), src.tables)


def read_csv(path: Path, package: str, resource: str, problems: list[Problem],
             raw: bytes | None = None) -> list[dict] | None:
    """Rows as dicts of strings. Rejects what our CSV convention forbids, naming file and row."""
    where = dict(package=package, resource=resource, file=str(path))
    if raw is None and not path.is_file():
        problems.append(Problem(row=None, field=None, code="missing-file",
                                message="resource file does not exist", **where))
        return None
    raw = path.read_bytes() if raw is None else raw
    bom, crlf = excel_marks(raw)  # a CSV saved by Excel: read as the same rows, with a warning
    if bom or crlf:
        problems.append(Problem(row=1, field=None, code="excel-csv", message=describe(bom, crlf),
                                severity="warning", **where))
        raw = normalise(raw)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem(row=line, field=None, code="encoding-error",
                                message=f"invalid UTF-8 at byte {exc.start}: {exc.reason}", **where))
        return None
    if "\r" in text:  # a CR that is not part of a CRLF
        line = text[: text.index("\r")].count("\n") + 1
        problems.append(Problem(row=line, field=None, code="line-ending",
                                message="carriage return without a line feed; line ends must be \\n (LF)", **where))
        return None
    if not text.strip():
        problems.append(Problem(row=None, field=None, code="empty-file",
                                message="resource file is empty (not even a header row)", **where))
        return None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    for col, name in enumerate(header):
        if name in header[:col]:
            problems.append(Problem(row=1, field=name, code="duplicate-column",
                                    message=f"column {name!r} appears twice in the header", **where))
            return None
    rows = []
    for n, values in enumerate(reader, start=2):
        rownum = n  # record number, header = 1 (as frictionless counts rows)
        if rownum - 1 > MAX_ROWS:
            problems.append(Problem(row=rownum, field=None, code="file-too-large",
                                    message=f"more than {MAX_ROWS:,} rows; a package holds one decree (split "
                                    "the data into one package per decree)", **where))
            return None
        if len(values) != len(header):
            code = "blank-row" if not values else ("extra-cell" if len(values) > len(header) else "missing-cell")
            problems.append(Problem(row=rownum, field=None, code=code,
                                    message=f"row has {len(values)} cells, the header has {len(header)}", **where))
        for col, value in enumerate(values):
            if len(value) > MAX_CELL:
                fname = header[col] if col < len(header) else f"column {col + 1}"
                problems.append(Problem(row=rownum, field=fname, code="cell-too-long",
                                        message=f"cell has {len(value):,} characters (limit {MAX_CELL:,})",
                                        **where))
        # equal cells (units, kinds, years, ids, duties many agencies word alike) held once;
        # marshal keeps strings interned, so rows read back from the build cache share them too
        rows.append(dict(zip(header, map(sys.intern, values))))
    return rows


def load_all(packages_dir: Path, cache: Cache | None = None,
             only: set[str] | None = None) -> tuple[list[Source], list[Problem]]:
    """Every package (or those named in only)."""
    problems: list[Problem] = []
    folders = [f for f in discover(packages_dir) if only is None or f.name in only]
    if not folders:
        problems.append(Problem(str(packages_dir), None, None, None, "no-packages",
                                "no data packages found", file=str(packages_dir)))
    sources = [s for s in (read_package(f, problems, cache) for f in folders) if s]
    return sources, problems


def load_shared_schemas(packages_dir: Path) -> dict[str, dict]:
    """The shared Table Schemas (after validation: load_schemas has found them sound)."""
    return load_schemas(packages_dir)[0]


SCHEMA_DIR = "schemas"
REFERENCE_COLUMNS = ("code", "name", "level", "parent_code")


def load_schemas(packages_dir: Path) -> tuple[dict[str, dict], list[Problem]]:
    """schemas/<resource>.json of every resource, and a problem for each one missing,
    unreadable or not a Table Schema (never a traceback)."""
    d = packages_dir / SCHEMA_DIR
    shared: dict[str, dict] = {}
    problems: list[Problem] = []
    if not d.is_dir():  # without packages either, 'no-packages' says so
        if discover(packages_dir):
            problems.append(Problem(SCHEMA_DIR, None, None, None, "missing-schema",
                                    "the shared schemas folder is missing", file=str(d)))
        return shared, problems

    def bad(path: Path, code: str, msg: str) -> None:
        problems.append(Problem(SCHEMA_DIR, None, None, None, code, msg, file=str(path)))

    for path in sorted(d.glob("*.json")):
        try:
            inside(d, path.name)
            schema = json.loads(path.read_text(encoding="utf-8"))
        except UnsafePath:
            bad(path, "invalid-schema", "the schema file is a symbolic link out of the schemas folder")
            continue
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            bad(path, "invalid-schema", f"not valid UTF-8 JSON: {str(exc)[:200]}")
            continue
        fields = schema.get("fields") if isinstance(schema, dict) else None
        if not isinstance(fields, list) or not fields or not all(
                isinstance(f, dict) and isinstance(f.get("name"), str) for f in fields):
            bad(path, "invalid-schema", "a Table Schema needs a list of fields, each with a name")
            continue
        broken = [(f["name"], why) for f in fields if (why := _pattern_error(f)) is not None]
        for fname, why in broken:
            problems.append(Problem(SCHEMA_DIR, path.stem, None, fname, "invalid-schema",
                                    f"the pattern constraint is not a regular expression: {why}", file=str(path)))
        if broken:
            continue
        shared[path.stem] = schema
    for rname in RESOURCES:
        if not (d / f"{rname}.json").is_file():
            bad(d / f"{rname}.json", "missing-schema", f"the shared schema of {rname!r} is missing")
    return shared, problems


def _pattern_error(field: dict) -> str | None:
    """Why a field's `pattern` constraint cannot be compiled as frictionless compiles it
    (anchored, Python's re), or None; a pattern that is not a string is no pattern."""
    constraints = field.get("constraints")
    pattern = constraints.get("pattern") if isinstance(constraints, dict) else None
    if not isinstance(pattern, str):
        return None if pattern is None else f"{pattern!r} is not a string"
    for text in (pattern, f"^{pattern}$"):  # the first for the error's position in the pattern as written
        try:
            re.compile(text)
        except (re.error, RecursionError, OverflowError) as exc:
            return f"{pattern[:80]!r}: {exc}"
    return None


def load_reference_regions(packages_dir: Path) -> dict[str, dict]:
    return load_regions(packages_dir)[0]


def load_regions(packages_dir: Path) -> tuple[dict[str, dict], list[Problem]]:
    """The Kemendagri reference (reference/regions.csv), and its problems."""
    path = packages_dir / "reference" / "regions.csv"
    if not path.is_file():
        return {}, []
    where = dict(package="reference", resource="regions", file=str(path))
    try:
        inside(packages_dir / "reference", "regions.csv")
        text = path.read_bytes().decode("utf-8")
    except (UnsafePath, UnicodeDecodeError) as exc:
        return {}, [Problem(row=None, field=None, code="invalid-reference", message=str(exc)[:200], **where)]
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in REFERENCE_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        return {}, [Problem(row=1, field=missing[0], code="invalid-reference",
                            message=f"column {missing[0]!r} is missing from the reference's header", **where)]
    return {r["code"]: r for r in reader}, []
