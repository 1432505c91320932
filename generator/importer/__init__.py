"""Importer: a converted decree text -> a draft canonical data package + warnings.

    import_decree(text_path, out_dir, corrections_path=None) -> ImportResult
    rebuild_all(decrees_dir, packages_dir)     # every decree + its corrections -> datapackages/

Pipeline, one module per job:
    blocks      the text as numbered lines; truncation signs
    metadata    letterhead, instrument, Nomor, tentang, place/date, signer (never the NIP)
    agency      agency kind, regions from the reference
    sections    positions (Jabatan headers in every style), Tugas/Fungsi lists, tables
    tables      header recognition (synonyms, truncation, glued words), column-number and
                separator rows, layouts for tables without a header
    rows        row merging (same-as-above, wrapped cells, ratio rows, page breaks, shifted columns)
    cells       HTML out / LaTeX kept, cells listing several items split
    formulas    formula kind, numerator/denominator/multiplier, <i> sub-fields, targets
    assemble    ids, goals and cascades, provenance (source_lines), flags
    corrections reviewed decisions applied on top
    write       the package on disk; warnings: codes, flags, the warnings files
"""
from __future__ import annotations

import functools
import hashlib
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..load import load_reference_regions, load_shared_schemas
from ..paths import UnsafePath, inside
from ..privacy import find_nip, redact
from ..rules import ID
from . import corrections as corr
from . import targets as tg
from . import warnings as warn
from .agency import agency_kind, chain, full_name, regions_for
from .assemble import Assembler
from .blocks import ImportError_, ends_with_heading, looks_truncated, read_text
from .ids import MATCH_KEYS, slug, stabilise
from .metadata import extract
from .sections import parse
from .write import write_draft

__all__ = ["ImportResult", "ImportError_", "import_decree", "rebuild_all"]

ROOT = Path(__file__).resolve().parents[2]
HEAD_OF_REGION = re.compile(r"^(?:keputusan|peraturan)\s+(?:bupati|wali\s*kota|gubernur)\b", re.I)


@dataclass
class ImportResult:
    package_dir: Path
    document_id: str
    warnings: list[dict] = field(default_factory=list)
    tables: dict = field(default_factory=dict)


@functools.lru_cache(maxsize=4)
def _released(releases_dir: str) -> tuple[dict[str, dict[str, dict]], frozenset]:
    """Every released row (resource -> id -> row, the latest release's content) and every id
    any release published."""
    from ..releases import read_release_tables, releases
    latest: dict[str, dict[str, dict]] = {}
    for rec in releases(Path(releases_dir)):
        tables = read_release_tables(Path(releases_dir) / rec["version"])
        for rname in MATCH_KEYS:
            latest.setdefault(rname, {}).update({r["id"]: r for r in tables.get(rname, [])})
    return latest, frozenset(i for rows in latest.values() for i in rows)


def with_region(name: str, region: str) -> str:
    """An agency's id: its name and its kabupaten/kota, the region once ('Dinas Kesehatan' +
    'Kabupaten X' -> dinas-kesehatan-kabupaten-x; 'Pemerintah Kabupaten X' stays as it is)."""
    own, where = slug(name), slug(region) if region else ""
    return own if not where or own.endswith(where) else f"{own}-{where}"


def released_for(document_id: str, releases_dir: Path | None) -> tuple[dict[str, dict[str, dict]], set[str]]:
    """The released rows of one document, and every id ever released."""
    if releases_dir is None or not Path(releases_dir).is_dir():
        return {}, set()
    latest, ever = _released(str(Path(releases_dir).resolve()))
    return ({r: {i: row for i, row in rows.items() if row.get("document_id") == document_id}
             for r, rows in latest.items()}, set(ever))


def import_decree(text_path: Path, out_dir: Path, corrections_path: Path | None = None,
                  packages_ref: Path | None = None, releases_dir: Path | None = ROOT / "releases") -> ImportResult:
    """Import one decree text into a draft package in out_dir (+ import-warnings.json/.txt).
    packages_ref: the folder holding schemas/ and reference/ (default: the repository's);
    releases_dir: the frozen releases whose ids the draft keeps (datapackages/README.md)."""
    text_path, out_dir = Path(text_path), Path(out_dir)
    packages_ref = packages_ref or ROOT / "datapackages"
    text = read_text(text_path)
    warnings: list[dict] = []
    if find_nip(text):
        warnings.append(warn.warning("nip-redacted", None, "NIP numbers found and redacted in the published "
                                     "copy of the text"))
        text = redact(text)
    c = corr.load(Path(corrections_path) if corrections_path else None)
    c_agency, c_document = c.get("agency") or {}, c.get("document") or {}
    meta = extract(text)
    meta.update({k: str(v) for k, v in c_document.items() if k in meta})
    agency = {"name": meta["agency_name"], "government": meta["government"], "address": meta["address"],
              "phone": meta["phone"], "email": "", "website": "", "flags": ""}
    agency.update({k: str(v) for k, v in c_agency.items()})
    if not agency["name"] and agency["government"] and HEAD_OF_REGION.match(meta["instrument"]):
        # a Peraturan/Keputusan of the bupati, wali kota or gubernur that names no agency of its
        # own (it sets the IKU of several perangkat daerah): the regional government issued it
        agency["name"] = agency["government"]
    if "kind" not in c_agency:
        agency["kind"] = agency_kind(agency["name"])
    regions = load_reference_regions(packages_ref)
    region_rows, region_code = regions_for(meta, regions, agency["name"])
    if "region_code" in c_agency:
        region_code = agency["region_code"]
        region_rows = chain(regions, region_code) if region_code else []

    doc_struct = parse(text)
    if meta.get("iki_year"):  # 'IKU ... Tahun 2024-2026 dan IKI Tahun 2024': the IKI tables' year
        for t in (t for pos in doc_struct.positions for t in pos.tables):
            t.year = int(meta["iki_year"])
    kind = "IKU-IKI" if doc_struct.agency_tables and doc_struct.positions else (
        "IKU" if doc_struct.agency_tables else "IKI")
    year = (meta["signed_on"] or "")[:4]
    agency_id = c.get("agency_id") or (with_region(agency["name"], meta["kabupaten"]) if agency["name"]
                                       else f"lembaga-{hashlib.sha256(text.encode()).hexdigest()[:8]}")
    document_id = c.get("document_id") or "-".join(x for x in (agency_id, kind.lower(), year) if x)
    period = tg.period_years(meta["period_start"], meta["period_end"])

    full_names: dict[str, str] = {}  # agency id -> its name in full (agency.full_name), for its row

    def agency_id_for(name: str) -> str:
        """A perangkat daerah a row names: the decree's own agency, or another of its government."""
        name = full_name(name, meta)
        aid = agency_id if slug(name) == slug(agency["name"] or "") else with_region(name, meta["kabupaten"])
        full_names.setdefault(aid, name)
        return aid
    assembler = Assembler(doc_struct, document_id, agency_id, period, agency_id_for=agency_id_for)
    tables = assembler.run()
    warnings += doc_struct.warnings
    stabilise(tables, *released_for(document_id, releases_dir))  # before corrections: they name these ids
    if assembler.guessed_years:
        warnings.append(warn.warning("target-year-guessed", None, f"{assembler.guessed_years} target(s) name no "
                                     f"year and the decree covers {period[0]}-{period[-1]}: their year is taken "
                                     f"as {period[0]}, the first year of the period (a guess; flagged "
                                     f"{tg.GUESS_FLAG})"))

    flags = set(filter(None, str(c_document.get("flags", "")).split(";")))
    heading_line = ends_with_heading(text)
    if heading_line:
        flags.add("truncated_source")
        warnings.append(warn.warning("orphan-heading", heading_line, "the text ends with an indicator-table "
                                     "heading and no table: the rest of the decree is missing"))
    if assembler.truncated or looks_truncated(text):
        flags.add("truncated_source")
        warnings.append(warn.warning("truncated-source", text.count("\n") + 1, "the text ends without a newline "
                                     "in the middle of a row or formula"))
    if not agency["name"]:
        flags.add("unknown_agency")
        warnings.append(warn.warning("unknown-agency", None, "the text does not name the agency; published with "
                                     "an empty name"))
    for fname, why in sorted((meta.get("guessed") or {}).items()):
        settled = {"period": "period_start" in c_document, "agency": "name" in c_agency}.get(fname, fname in c_document)
        if not settled:  # a reviewed correction settles it
            warnings.append(warn.warning("metadata-guessed", None, f"{fname}: {why}"))
    missing = [k for k in ("instrument", "number", "signed_on", "signer_title") if not meta[k]]
    if missing:
        flags.add("metadata_missing")
        warnings.append(warn.warning("metadata-missing", None, "no " + ", ".join(missing) + " found in the text"))
    codes = {w["code"] for w in doc_struct.warnings}
    if "unlabelled-position" in codes:
        flags.add("ocr_damaged")
    if codes & {"position-without-table", "lost-page", "lost-page-fragment"}:
        flags.add("lost_page")

    tables["regions"] = region_rows
    tables["agencies"] = [{"id": agency_id, "name": agency["name"], "kind": agency["kind"],
                           "government": agency["government"], "region_code": region_code,
                           "address": agency["address"], "phone": agency["phone"], "email": agency["email"],
                           "website": agency["website"],
                           "flags": agency.get("flags") or ("unknown_agency" if "unknown_agency" in flags else "")}]
    for aid in assembler.agencies:  # the other perangkat daerah a decree sets indicators for
        if aid != agency_id:
            name = full_names[aid]
            tables["agencies"].append({"id": aid, "name": name, "kind": agency_kind(name),
                                       "government": agency["government"], "region_code": region_code,
                                       "address": "", "phone": "", "email": "", "website": "", "flags": ""})
    doc_row = {"id": document_id, "agency_id": agency_id, "kind": kind, "instrument": meta["instrument"],
               "number": meta["number"], "title": meta["title"], "signed_on": meta["signed_on"],
               "signed_at": meta["signed_at"], "signer_title": meta["signer_title"],
               "signer_name": meta["signer_name"], "period_start": meta["period_start"],
               "period_end": meta["period_end"], "source_file": text_path.name,
               "source_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "supersedes": "",
               "amends": meta["amends"], "flags": ";".join(sorted(flags)), "note": ""}
    doc_row.update({k: str(v) for k, v in c_document.items() if k in doc_row and k != "flags"})
    tables["documents"] = [doc_row]
    warnings += corr.apply_rows(tables, c, text_path.name)
    kept = {i["id"] for i in tables["indicators"]}  # a dropped indicator takes its targets along
    tables["targets"] = [t for t in tables["targets"] if t["indicator_id"] in kept]

    package = c.get("package") or {}
    title = package.get("title") or f"{agency['name'] or 'Lembaga tidak diketahui'}: {kind} {year}".strip()
    description = package.get("description") or f"Indikator kinerja dari {text_path.name} (pengimpor + koreksi)"
    write_draft(out_dir, document_id, title, description, tables, load_shared_schemas(packages_ref))
    warnings = warn.public(warnings)
    warn.write(out_dir, text_path.name, tables, warnings)
    return ImportResult(out_dir, document_id, warnings, tables)


def rebuild_all(decrees_dir: Path = Path("decrees"), packages_dir: Path = Path("datapackages")) -> list[ImportResult]:
    """Re-import every decree with its corrections; replace each package folder (written to a
    temporary folder first, so a failed import leaves the published package as it was)."""
    decrees_dir, packages_dir = Path(decrees_dir), Path(packages_dir)
    results = []
    for text in sorted(decrees_dir.glob("*.txt")):
        with tempfile.TemporaryDirectory(dir=packages_dir) as tmp:
            res = import_decree(text, Path(tmp) / "pkg", decrees_dir / f"{text.stem}.corrections.yaml",
                                packages_ref=packages_dir)
            errors = [w for w in res.warnings if w["severity"] == "error"]
            if errors:
                raise corr.CorrectionError("; ".join(w["message"] for w in errors))
            try:  # document_id comes from a corrections file: a folder inside packages_dir only
                if not ID.fullmatch(res.document_id):
                    raise UnsafePath(f"{res.document_id!r} is not an identifier")
                target = inside(packages_dir, res.document_id)
            except UnsafePath as exc:
                raise corr.CorrectionError(f"{decrees_dir / (text.stem + '.corrections.yaml')}: document_id: {exc}") from exc
            old = Path(tmp) / "old"
            if target.exists():
                target.rename(old)
            res.package_dir.rename(target)
            res.package_dir = target
            results.append(res)
        print(f"{text.name} -> {res.package_dir} ({len(res.tables['positions'])} positions, "
              f"{len(res.tables['indicators'])} indicators, {len(res.warnings)} warnings)")
    return results
