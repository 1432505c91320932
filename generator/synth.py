"""Synthetic portals shaped like the seed decrees, for benchmarks and scale tests.

The shape (positions per decree, indicators per position, duties per position, text
lengths, formula kinds, share of IKU and targets) is measured from the packages in
datapackages/ when they are there; words come from the seeds' own indicator names, so
search and stemming see realistic Indonesian text. Deterministic for a given seed.
"""
from __future__ import annotations

import hashlib
import random
import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from .load import load_all, load_reference_regions, load_shared_schemas
from .packages import descriptor, write_package

FALLBACK_WORDS = ("persentase jumlah dokumen laporan pelayanan kinerja pegawai aparatur desa "
                  "kecamatan administrasi keuangan perencanaan evaluasi tepat waktu tersedia "
                  "terlaksananya meningkatnya kehadiran kepuasan masyarakat data kependudukan "
                  "pembinaan koordinasi kegiatan program sarana prasarana perkantoran").split()


@dataclass
class Profile:
    positions: list[int] = field(default_factory=lambda: [9, 12, 21, 33, 46])
    indicators_per_position: list[int] = field(default_factory=lambda: [1, 1, 2, 3, 3, 4, 6])
    duties_per_position: list[int] = field(default_factory=lambda: [4, 6, 8, 10])
    name_words: list[int] = field(default_factory=lambda: [5, 7, 9, 12])
    formula_kinds: list[str] = field(default_factory=lambda: ["latex", "fraction", "prose", "prose", "none"])
    iku_share: float = 0.4
    target_share: float = 0.2
    words: list[str] = field(default_factory=lambda: list(FALLBACK_WORDS))


def measure_profile(packages: Path) -> Profile:
    """The seeds' distributions; the fallback profile where there is no data yet."""
    sources, _ = load_all(packages)
    sources = [s for s in sources if "indicators" in s.tables and "positions" in s.tables]
    if not sources:
        return Profile()
    prof = Profile(positions=[], indicators_per_position=[], duties_per_position=[], name_words=[],
                   formula_kinds=[], words=[])
    words: set[str] = set()
    iku = targets = total = 0
    for s in sources:
        prof.positions.append(max(1, len(s.tables["positions"])))
        per_pos: dict[str, int] = {}
        for i in s.tables["indicators"]:
            per_pos[i.get("position_id", "")] = per_pos.get(i.get("position_id", ""), 0) + 1
            prof.name_words.append(len(i["name"].split()))
            prof.formula_kinds.append(i.get("formula_kind") or "none")
            words.update(w.lower() for w in re.findall(r"[A-Za-z]{4,}", i["name"]))
            iku += i.get("kind") == "IKU"
            targets += bool(i.get("target"))
            total += 1
        prof.indicators_per_position += [n for k, n in per_pos.items() if k]
        per_duty: dict[str, int] = {}
        for d in s.tables.get("duties", []):
            if d.get("position_id"):
                per_duty[d["position_id"]] = per_duty.get(d["position_id"], 0) + 1
        prof.duties_per_position += list(per_duty.values()) or [5]
    prof.iku_share = sum(1 for s in sources if any(i.get("kind") == "IKU" for i in s.tables["indicators"])) / len(sources)
    prof.target_share = targets / max(total, 1)
    prof.words = sorted(words) or list(FALLBACK_WORDS)
    prof.indicators_per_position = prof.indicators_per_position or [2]
    return prof


def describe(p: Profile) -> str:
    return (f"positions/decree median {statistics.median(p.positions)}, indicators/position median "
            f"{statistics.median(p.indicators_per_position)}, words/name median {statistics.median(p.name_words)}, "
            f"{len(p.words)} distinct words")


def _sentence(rng: random.Random, p: Profile, n: int | None = None) -> str:
    n = n or rng.choice(p.name_words)
    return " ".join(rng.choice(p.words) for _ in range(max(2, n))).capitalize()


NATIONAL_INDICATORS_PER_AGENCY = 50  # ~1,000,000 indicators over ~20,000 agencies (issue 7)
AGENCIES_PER_KABUPATEN = 35  # ~35 agencies per kabupaten/kota, as in the real country


def generate(out: Path, agencies: int, profile: Profile, packages_ref: Path, seed: int = 1,
             provinces: list[str] | None = None,
             indicators_per_agency: int = NATIONAL_INDICATORS_PER_AGENCY,
             per_kabupaten: int = AGENCIES_PER_KABUPATEN) -> list[str]:
    """Write `agencies` synthetic decree packages (+ schemas, reference) into out/.

    Shapes (indicators per position, words per name, formula kinds, duties) come from the
    profile; the number of positions per decree is scaled so that an agency has about
    `indicators_per_agency` indicators on average (the seeds are large secretariats and
    badan; the national average is lower)."""
    import shutil

    rng = random.Random(seed)
    schemas = load_shared_schemas(packages_ref)
    regions = load_reference_regions(packages_ref)
    out.mkdir(parents=True, exist_ok=True)
    shutil.copytree(packages_ref / "schemas", out / "schemas", dirs_exist_ok=True)
    shutil.copytree(packages_ref / "reference", out / "reference", dirs_exist_ok=True)
    by_province: dict[str, list[str]] = {}
    for c, r in sorted(regions.items()):
        if r["level"] in ("kabupaten", "kota") and (not provinces or r["parent_code"] in provinces):
            by_province.setdefault(r["parent_code"], []).append(c)
    # kabupaten taken round-robin across provinces, ~35 agencies each, as in the country
    kabs, i = [], 0
    while any(i < len(v) for v in by_province.values()):
        kabs += [v[i] for _, v in sorted(by_province.items()) if i < len(v)]
        i += 1
    sha = hashlib.sha256(b"synthetic").hexdigest()
    ids = []
    for n in range(agencies):
        kab = kabs[(n // per_kabupaten) % len(kabs)]
        prov = regions[kab]["parent_code"]
        aid = f"dinas-{n:05d}-{kab.replace('.', '-')}"
        doc = f"{aid}-iki-2024"
        ids.append(doc)
        t: dict[str, list[dict]] = {k: [] for k in schemas}
        t["regions"] = [dict(regions[prov]), dict(regions[kab])]
        t["agencies"] = [{"id": aid, "name": f"Dinas {_sentence(rng, profile, 3)} {regions[kab]['name'].title()}",
                          "kind": "dinas", "government": f"Pemerintah {regions[kab]['name'].title()}",
                          "region_code": kab, "address": "", "phone": "", "email": "", "website": "", "flags": ""}]
        iku = rng.random() < profile.iku_share
        t["documents"] = [{"id": doc, "agency_id": aid, "kind": "IKU-IKI" if iku else "IKI",
                           "instrument": "Keputusan Kepala Dinas", "number": f"{n}/2024", "title": "Penetapan IKI",
                           "signed_on": "2024-01-02", "signed_at": "", "signer_title": "KEPALA DINAS",
                           "signer_name": "", "period_start": "2024", "period_end": "2024",
                           "source_file": "synthetic.txt", "source_sha256": sha, "supersedes": "", "flags": "",
                           "note": ""}]
        order = goal_order = 0
        line = 1
        mean_ipp = sum(profile.indicators_per_position) / len(profile.indicators_per_position)
        scale = indicators_per_agency / (mean_ipp * (sum(profile.positions) / len(profile.positions)))
        n_positions = max(1, round(rng.choice(profile.positions) * min(scale, 1.0)))
        for pi in range(n_positions):
            pid = f"{doc}--jabatan-{pi + 1}"
            t["positions"].append({"id": pid, "document_id": doc, "order": pi + 1,
                                   "title": f"Kepala {_sentence(rng, profile, 3)}", "unit": "",
                                   "source_lines": str(line), "flags": "", "note": ""})
            t["duties"].append({"id": f"{pid}--tugas-1", "document_id": doc, "position_id": pid, "kind": "tugas",
                                "order": 1, "text": _sentence(rng, profile, 14), "source_lines": str(line + 1)})
            for di in range(rng.choice(profile.duties_per_position)):
                t["duties"].append({"id": f"{pid}--fungsi-{di + 1}", "document_id": doc, "position_id": pid,
                                    "kind": "fungsi", "order": di + 1, "text": _sentence(rng, profile, 10),
                                    "source_lines": str(line + 2 + di)})
            goal_order += 1
            gid = f"{doc}--sasaran_iki-{goal_order}"
            t["goals"].append({"id": gid, "document_id": doc, "position_id": pid, "level": "sasaran_iki",
                               "order": goal_order, "label": "", "text": _sentence(rng, profile),
                               "parent_id": "", "source_lines": str(line + 12)})
            line += 14
            for ii in range(rng.choice(profile.indicators_per_position)):
                order += 1
                kind = rng.choice(profile.formula_kinds)
                num, den = _sentence(rng, profile), _sentence(rng, profile)
                formula = {"latex": rf"$\frac{{\text{{{num}}}}}{{\text{{{den}}}}} \times 100\%$",
                           "fraction": f"{num} ----- x 100% {den}", "prose": _sentence(rng, profile, 12),
                           "none": ""}[kind]
                has_target = rng.random() < profile.target_share
                t["indicators"].append({
                    "id": f"{pid}--{ii + 1}", "document_id": doc, "position_id": pid, "goal_id": gid,
                    "kind": "IKI", "order": order, "name": "Persentase " + _sentence(rng, profile).lower(),
                    "formula": formula, "formula_kind": kind,
                    "numerator": num if kind in ("latex", "fraction") else "",
                    "denominator": den if kind in ("latex", "fraction") else "",
                    "multiplier": "100%" if kind in ("latex", "fraction") else "", "calculation_type": "",
                    "target": "90%" if has_target else "", "target_value": "90" if has_target else "",
                    "target_unit": "%" if has_target else "", "data_source": _sentence(rng, profile, 3),
                    "responsible": _sentence(rng, profile, 3), "note": "", "source_lines": str(line), "flags": ""})
                line += 1
        write_package(out / doc, descriptor(doc, f"Sintetis {n}", schemas), t, schemas)
    return ids
