"""Importer: a converted decree text -> a draft canonical data package + warnings.

    import_decree(text_path, out_dir, corrections_path=None) -> ImportResult
    rebuild_all(decrees_dir, packages_dir)     # every decree + its corrections -> datapackages/
    measure(decrees_dir, packages_dir)         # raw importer vs reviewed packages (and hand counts)

Pipeline: text -> structure.parse (positions, duty lists, tables) -> records (row merging,
cell splitting) -> assemble (ids, goals, provenance, flags) -> corrections -> package.
"""
from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..load import load_reference_regions, load_shared_schemas
from ..packages import descriptor, write_package
from ..privacy import find_nip, redact
from . import corrections as corr
from .assemble import Assembler
from .ids import slug
from .metadata import extract
from .structure import parse

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class ImportResult:
    package_dir: Path
    document_id: str
    warnings: list[dict] = field(default_factory=list)
    tables: dict = field(default_factory=dict)


class ImportError_(ValueError):
    """The text cannot be imported at all (empty, binary)."""


def read_text(path: Path) -> str:
    raw = path.read_bytes()
    if not raw.strip():
        raise ImportError_(f"{path}: the decree text is empty")
    if b"\x00" in raw[:4096]:
        raise ImportError_(f"{path}: binary file, not a converted decree text")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ImportError_(f"{path}: line {line}: invalid UTF-8 ({exc.reason})") from exc


def regions_for(meta: dict, regions: dict[str, dict], agency_name: str) -> tuple[list[dict], str]:
    """Region rows (province, kabupaten/kota, kecamatan) and the agency's region code."""
    kab = next((c for c, r in regions.items() if r["level"] in ("kabupaten", "kota")
                and r["name"].upper() == meta.get("kabupaten", "").upper()), "")
    if not kab:  # a provincial agency ('PEMERINTAH PROVINSI ...')
        prov = next((c for c, r in regions.items() if r["level"] == "provinsi"
                     and r["name"].upper() == (meta.get("provinsi") or "~").upper()), "")
        return ([dict(regions[prov])], prov) if prov else ([], "")
    code = kab
    m = re.match(r"^kecamatan\s+(.+)$", agency_name or "", re.I)
    if m:
        kec = next((c for c, r in regions.items() if r["level"] == "kecamatan" and r["parent_code"] == kab
                    and r["name"].lower() == m.group(1).strip().lower()), "")
        code = kec or kab
    chain, c = [], code
    while c:
        chain.append(dict(regions[c]))
        c = regions[c]["parent_code"]
    return sorted(chain, key=lambda r: r["code"]), code


def agency_kind(name: str) -> str:
    n = (name or "").lower()
    for prefix, kind in (("kecamatan", "kecamatan"), ("kelurahan", "kelurahan"), ("dinas", "dinas"),
                         ("badan", "badan"), ("sekretariat daerah", "sekretariat_daerah"),
                         ("inspektorat", "inspektorat")):
        if n.startswith(prefix):
            return kind
    return "lainnya" if n else "tidak_diketahui"


def import_decree(text_path: Path, out_dir: Path, corrections_path: Path | None = None,
                  packages_ref: Path | None = None) -> ImportResult:
    packages_ref = packages_ref or ROOT / "datapackages"
    text = read_text(text_path)
    warnings: list[dict] = []
    if find_nip(text):
        warnings.append({"code": "nip-redacted", "severity": "warning", "line": None,
                         "message": "NIP numbers found and redacted in the published copy of the text"})
        text = redact(text)
    c = corr.load(corrections_path)
    meta = extract(text)
    meta.update({k: str(v) for k, v in (c.get("document") or {}).items() if k in meta})
    agency = {"name": meta["agency_name"], "government": meta["government"], "address": meta["address"],
              "phone": meta["phone"], "email": "", "website": "", "flags": ""}
    agency.update({k: str(v) for k, v in (c.get("agency") or {}).items()})
    agency.setdefault("kind", agency_kind(agency["name"]))
    if "kind" not in (c.get("agency") or {}):
        agency["kind"] = agency_kind(agency["name"])
    regions = load_reference_regions(packages_ref)
    region_rows, region_code = regions_for(meta, regions, agency["name"])
    if "region_code" in (c.get("agency") or {}):
        region_code = agency["region_code"]
        region_rows, chain = [], region_code
        while chain:
            region_rows.append(dict(regions[chain]))
            chain = regions[chain]["parent_code"]
        region_rows.sort(key=lambda r: r["code"])
    doc_struct = parse(text)
    kind = "IKU-IKI" if doc_struct.agency_tables and doc_struct.positions else (
        "IKU" if doc_struct.agency_tables else "IKI")
    year = (meta["signed_on"] or "")[:4]
    agency_id = c.get("agency_id") or (slug(agency["name"] + " " + meta["kabupaten"]) if agency["name"]
                                       else f"lembaga-{hashlib.sha256(text.encode()).hexdigest()[:8]}")
    document_id = c.get("document_id") or "-".join(x for x in (agency_id, kind.lower(), year) if x)
    assembler = Assembler(doc_struct, document_id)
    tables = assembler.run()
    warnings += [{k: v for k, v in w.items() if not k.startswith("_")} for w in doc_struct.warnings]
    flags = set(filter(None, str((c.get("document") or {}).get("flags", "")).split(";")))
    ends_with_heading = _ends_with_heading(text)
    if ends_with_heading:
        warnings.append({"code": "orphan-heading", "severity": "warning", "line": ends_with_heading,
                         "message": "the text ends with an indicator-table heading and no table: the rest of the "
                                    "decree is missing"})
    if ends_with_heading:
        flags.add("truncated_source")
    if assembler.truncated or (not text.endswith("\n") and _looks_truncated(text)):
        flags.add("truncated_source")
        warnings.append({"code": "truncated-source", "severity": "warning", "line": text.count("\n") + 1,
                         "message": "the text ends without a newline in the middle of a row or formula"})
    if not agency["name"]:
        flags.add("unknown_agency")
        warnings.append({"code": "unknown-agency", "severity": "warning", "line": None,
                         "message": "the text does not name the agency; published with an empty name"})
    missing = [k for k in ("instrument", "number", "signed_on", "signer_title") if not meta[k]]
    if missing:
        flags.add("metadata_missing")
        warnings.append({"code": "metadata-missing", "severity": "warning", "line": None,
                         "message": "no " + ", ".join(missing) + " found in the text"})
    if any(w["code"] == "unlabelled-position" for w in doc_struct.warnings):
        flags.add("ocr_damaged")
    if any(w["code"] in ("position-without-table", "lost-page", "lost-page-fragment") for w in doc_struct.warnings):
        flags.add("lost_page")
    agency_flags = "unknown_agency" if "unknown_agency" in flags else ""
    tables["regions"] = region_rows
    tables["agencies"] = [{"id": agency_id, "name": agency["name"], "kind": agency["kind"],
                           "government": agency["government"], "region_code": region_code,
                           "address": agency["address"], "phone": agency["phone"], "email": agency["email"],
                           "website": agency["website"], "flags": agency.get("flags") or agency_flags}]
    doc_row = {"id": document_id, "agency_id": agency_id, "kind": kind, "instrument": meta["instrument"],
               "number": meta["number"], "title": meta["title"], "signed_on": meta["signed_on"],
               "signed_at": meta["signed_at"], "signer_title": meta["signer_title"],
               "signer_name": meta["signer_name"], "period_start": meta["period_start"],
               "period_end": meta["period_end"], "source_file": text_path.name,
               "source_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "supersedes": "",
               "flags": ";".join(sorted(flags)), "note": ""}
    doc_row.update({k: str(v) for k, v in (c.get("document") or {}).items() if k in doc_row and k != "flags"})
    tables["documents"] = [doc_row]
    warnings += corr.apply_rows(tables, c, text_path.name)
    schemas = load_shared_schemas(packages_ref)
    title = f"{agency['name'] or 'Lembaga tidak diketahui'}: {kind} {year}".strip()
    out_dir.mkdir(parents=True, exist_ok=True)
    write_package(out_dir, descriptor(document_id, title, schemas,
                                      f"Indikator kinerja dari {text_path.name} (pengimpor + koreksi)"), tables, schemas)
    warnings = sorted(warnings, key=lambda w: (w.get("line") or 0, w["code"], w["message"]))
    (out_dir / "import-warnings.json").write_text(json.dumps(warnings, ensure_ascii=False, indent=1) + "\n",
                                                  encoding="utf-8")
    (out_dir / "import-warnings.txt").write_text(summary(text_path.name, tables, warnings), encoding="utf-8")
    return ImportResult(out_dir, document_id, warnings, tables)


def _ends_with_heading(text: str) -> int:
    """Line number of a trailing 'INDIKATOR KINERJA ...' heading with nothing after it, or 0."""
    lines = text.rstrip().split("\n")
    last = lines[-1].strip().strip("#* ")
    return len(lines) if re.match(r"^INDIKATOR KINERJA", last, re.I) else 0


def _looks_truncated(text: str) -> bool:
    last = text.rsplit("\n", 1)[-1]
    return "\t" in last and (last.count("$") % 2 == 1 or last.rstrip().endswith(("\\", "\\t", "{", "(")))


def summary(name: str, tables: dict, warnings: list[dict]) -> str:
    counts = ", ".join(f"{len(tables.get(k, []))} {k}" for k in ("positions", "duties", "goals", "indicators"))
    lines = [f"{name}: {counts}", f"{len(warnings)} warning(s)"]
    lines += [f"  line {w.get('line') or '-'}: [{w['code']}] {w['message']}" for w in warnings]
    return "\n".join(lines) + "\n"


def rebuild_all(decrees_dir: Path, packages_dir: Path) -> list[ImportResult]:
    """Re-import every decree with its corrections; replace each package folder."""
    results = []
    for text in sorted(decrees_dir.glob("*.txt")):
        with tempfile.TemporaryDirectory() as tmp:
            res = import_decree(text, Path(tmp) / "pkg", decrees_dir / f"{text.stem}.corrections.yaml",
                                packages_ref=packages_dir)
            errors = [w for w in res.warnings if w["severity"] == "error"]
            if errors:
                raise corr.CorrectionError("; ".join(w["message"] for w in errors))
            target = packages_dir / res.document_id
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(res.package_dir, target)
            res.package_dir = target
            results.append(res)
        print(f"{text.name} -> {res.package_dir.relative_to(packages_dir.parent)} "
              f"({len(res.tables['positions'])} positions, {len(res.tables['indicators'])} indicators, "
              f"{len(res.warnings)} warnings)")
    return results


def norm_name(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def measure(decrees_dir: Path, packages_dir: Path) -> list[dict]:
    """Raw importer (no corrections) against the reviewed packages, per decree."""
    rows = []
    for text in sorted(decrees_dir.glob("*.txt")):
        cpath = decrees_dir / f"{text.stem}.corrections.yaml"
        c = corr.load(cpath)
        with tempfile.TemporaryDirectory() as tmp:
            raw = import_decree(text, Path(tmp) / "raw", None, packages_ref=packages_dir)
        doc_id = c.get("document_id") or raw.document_id
        reviewed = packages_dir / doc_id
        if not reviewed.is_dir():
            continue
        with open(reviewed / "indicators.csv", encoding="utf-8", newline="") as fh:
            exp_ind = [norm_name(r["name"]) for r in csv.DictReader(fh)]
        with open(reviewed / "positions.csv", encoding="utf-8", newline="") as fh:
            exp_pos = [norm_name(r["title"]) for r in csv.DictReader(fh)]
        got_ind = [norm_name(r["name"]) for r in raw.tables["indicators"]]
        got_pos = [norm_name(r["title"]) for r in raw.tables["positions"]]
        exact = _multiset_overlap(got_ind, exp_ind)
        row = {"decree": text.name, "positions_found": len(got_pos), "positions_expected": len(exp_pos),
               "positions_exact": _multiset_overlap(got_pos, exp_pos), "indicators_found": len(got_ind),
               "indicators_expected": len(exp_ind), "indicators_exact": exact,
               "exact_pct": round(100 * exact / max(len(exp_ind), 1), 1)}
        hand = ROOT / "tests" / "importer" / "expected" / f"{text.stem}.yaml"
        if hand.is_file():  # an independent hand count of the decree
            import yaml
            h = yaml.safe_load(hand.read_text(encoding="utf-8")) or {}
            names = [norm_name(i["name"]) for i in h.get("iku") or []]
            for p in h.get("positions") or []:
                names += [norm_name(i["name"]) for i in p.get("indicators") or []]
            for o in h.get("orphans") or []:
                names += [norm_name(i["name"]) for i in o.get("indicators") or []]
            row.update(hand_positions=len(h.get("positions") or []), hand_indicators=len(names),
                       hand_exact=_multiset_overlap(got_ind, names))
        rows.append(row)
    head = ("decree", "positions_found", "positions_expected", "positions_exact", "indicators_found",
            "indicators_expected", "indicators_exact", "exact_pct")
    print(" ".join(f"{h:>20}" for h in head))
    for r in rows:
        print(" ".join(f"{str(r[h]):>20}" for h in head))
    for r in rows:
        if "hand_indicators" in r:
            print(f"{r['decree']}: hand count {r['hand_positions']} positions, {r['hand_indicators']} indicators; "
                  f"raw importer matches {r['hand_exact']} exactly "
                  f"({100 * r['hand_exact'] / max(r['hand_indicators'], 1):.1f}%)")
    return rows


def _multiset_overlap(a: list[str], b: list[str]) -> int:
    from collections import Counter
    return sum((Counter(a) & Counter(b)).values())
