"""The release records, read only: the frozen releases/VERSION/ folders with their
release.json and SHA256SUMS, as the build, the pages and the release command read them.
Making a release is generator/release.py; this module only reads.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import zipfile
from pathlib import Path

from .datapackage import RESOURCES
from .errors import UsageError
from .paths import UnsafePath, inside

# ASCII digits only (\d would take '１.０.０'), no leading zeros, nothing after the patch
# number (not even a newline: fullmatch).
SEMVER = re.compile(r"(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})")


def version_key(version: str) -> tuple[int, int, int]:
    """(major, minor, patch) of an ASCII MAJOR.MINOR.PATCH version: compared as numbers,
    so 1.10.0 comes after 1.9.0."""
    m = SEMVER.fullmatch(version)
    if not m:
        raise UsageError(f"version {version!r} is not MAJOR.MINOR.PATCH (ASCII digits)")
    return int(m.group(1)), int(m.group(2)), int(m.group(3))


def releases(root: Path) -> list[dict]:
    """Every release.json under root, oldest first (numeric order). A release folder or
    record whose version is not an ASCII MAJOR.MINOR.PATCH is refused."""
    out = []
    for f in root.glob("*/release.json"):
        rec = json.loads(f.read_text(encoding="utf-8"))
        if not isinstance(rec, dict) or rec.get("version") != f.parent.name:
            raise UsageError(f"{f}: its version must be the name of its folder")
        out.append(rec)
    return sorted(out, key=lambda r: version_key(r["version"]))  # the key refuses a version that is not one


def verify_release(folder: Path) -> list[str]:
    """What is wrong with a frozen release folder (empty when every file matches its
    SHA256SUMS and release.json lists exactly those files with the same digests). The
    build republishes a release only when this is empty."""
    wrong = []
    sums_path = folder / "SHA256SUMS"
    if not sums_path.is_file():
        return [f"{sums_path}: missing"]
    sums = {}
    for n, line in enumerate(sums_path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        digest, sep, name = line.partition("  ")
        if not sep or not re.fullmatch(r"[0-9a-f]{64}", digest):
            wrong.append(f"{sums_path}, row {n}: not 'SHA256  NAME'")
            continue
        sums[name] = digest
    try:
        record = json.loads((folder / "release.json").read_text(encoding="utf-8"))
        listed = {f["name"]: f["sha256"] for f in record["files"]}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return wrong + [f"{folder / 'release.json'}: unreadable ({exc})"]
    if listed != sums:
        wrong.append(f"{sums_path}: does not list the files of release.json with the same digests")
    # NOTES.md and CHANGELOG.md are derived from release.json (generator/release_notes.py)
    present = {p.name for p in folder.iterdir()} - {"SHA256SUMS", "release.json", "NOTES.md", "CHANGELOG.md"}
    for extra in sorted(present - set(sums)):
        wrong.append(f"{folder / extra}: not in SHA256SUMS")
    for name, digest in sorted(sums.items()):
        try:
            path = inside(folder, name)
        except UnsafePath:
            wrong.append(f"{sums_path}: {name!r} leads out of the release folder")
            continue
        if not path.is_file():
            wrong.append(f"{folder / name}: missing")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            wrong.append(f"{folder / name}: SHA-256 does not match SHA256SUMS (changed after the release)")
    return wrong


def read_release_tables(folder: Path) -> dict[str, list[dict]]:
    """The whole-portal tables of a frozen release; a resource an older schema lacks (targets
    before 2.0.0) reads as no rows."""
    zpath = next(folder.glob("kinerja-terbuka-*.zip"))
    with zipfile.ZipFile(zpath) as zf:
        out = {}
        for r in RESOURCES:
            name = next((n for n in zf.namelist() if n == f"{r}.csv" or n.endswith(f"/{r}.csv")), None)
            out[r] = list(csv.DictReader(io.StringIO(zf.read(name).decode("utf-8")))) if name else []
    return out


def last_changed(records: list[dict]) -> dict[str, tuple[str, str]]:
    """Per decree: (date, version) of the release in which its data last changed. Taken
    from the release records only, never from the build clock."""
    out: dict[str, tuple[str, str]] = {}
    for rec in records:
        touched = set()
        for r, log in rec["changes"].items():
            if r == "agencies":
                continue
            for ident in log["added"] + log["changed"] + log["removed"]:
                touched.add(ident.split("--", 1)[0])
        for doc_id in rec["documents"]:
            if doc_id in touched or doc_id not in out:
                out[doc_id] = (rec["date"], rec["version"])
    return out
