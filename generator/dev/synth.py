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

from ..datapackage import descriptor, write_package
from ..load import load_all, load_reference_regions, load_shared_schemas

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
        with_target = {t.get("indicator_id") for t in s.tables.get("targets", [])}
        prof.positions.append(max(1, len(s.tables["positions"])))
        per_pos: dict[str, int] = {}
        for i in s.tables["indicators"]:
            per_pos[i.get("position_id", "")] = per_pos.get(i.get("position_id", ""), 0) + 1
            prof.name_words.append(len(i["name"].split()))
            prof.formula_kinds.append(i.get("formula_kind") or "none")
            words.update(w.lower() for w in re.findall(r"[A-Za-z]{4,}", i["name"]))
            iku += i.get("kind") == "IKU"
            targets += i.get("id") in with_target
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


@dataclass(frozen=True)
class Shape:
    """One seed decree's shape: its number of positions and indicators of each position."""
    positions: int
    indicators_per_position: tuple[int, ...]

    @property
    def indicators(self) -> int:
        return sum(self.indicators_per_position)


# The country (docs/national-shape.md): perangkat daerah of every province (~45) and of every
# kabupaten/kota besides kecamatan (~32), and every kecamatan with its own decree.
PD_PER_PROVINCE = 45
PD_PER_KABUPATEN = 32


def seed_kind(agency: dict) -> str:
    """'kecamatan' or 'perangkat_daerah': by the agency's kind, else its id (an agency of unknown
    kind named kecamatan-... or kec-...)."""
    if agency.get("kind") == "kecamatan" or re.match(r"kec(amatan)?-", agency.get("id", "")):
        return "kecamatan"
    return "perangkat_daerah"


def measure_shapes(packages: Path) -> dict[str, list[Shape]]:
    """Each seed decree's shape, by kind of agency ('perangkat_daerah', 'kecamatan')."""
    sources, _ = load_all(packages)
    shapes: dict[str, list[Shape]] = {}
    for s in sources:
        if not {"indicators", "positions", "agencies"} <= set(s.tables) or not s.tables["agencies"]:
            continue
        per_pos = {p["id"]: 0 for p in s.tables["positions"]}
        loose = 0  # indicators of the agency as a whole (no position): counted with the first
        for i in s.tables["indicators"]:
            if i.get("position_id") in per_pos:
                per_pos[i["position_id"]] += 1
            else:
                loose += 1
        counts = tuple(per_pos.values())
        if counts:
            counts = (counts[0] + loose,) + counts[1:]
        if counts and sum(counts):
            shapes.setdefault(seed_kind(s.tables["agencies"][0]), []).append(Shape(len(counts), counts))
    missing = {"perangkat_daerah", "kecamatan"} - set(shapes)
    if missing:
        raise ValueError(f"{packages}: no seed decree of kind {', '.join(sorted(missing))} to size agencies by")
    return {k: sorted(v, key=lambda x: x.indicators) for k, v in sorted(shapes.items())}


@dataclass(frozen=True)
class AgencySpec:
    """One synthetic agency: its kind in the national mix, its region, and its seed shape."""
    mix: str  # "pd_provinsi", "pd_kabupaten" or "kecamatan"
    region: str
    shape: Shape


def national_population(regions: dict[str, dict]) -> list[tuple[str, str]]:
    """(mix, region code) of every agency of the country, province by province."""
    out = []
    for code, r in sorted(regions.items()):
        if r["level"] == "provinsi":
            out += [("pd_provinsi", code)] * PD_PER_PROVINCE
        elif r["level"] in ("kabupaten", "kota"):
            out += [("pd_kabupaten", code)] * PD_PER_KABUPATEN
        elif r["level"] == "kecamatan":
            out.append(("kecamatan", code))
    return out


def nation_specs(fraction: float, regions: dict[str, dict], shapes: dict[str, list[Shape]],
                 seed: int = 1) -> list[AgencySpec]:
    """The fraction `fraction` of the country: agencies drawn from the national population (so
    the mix of kinds and regions is the country's), each sized as a seed decree of its kind."""
    rng = random.Random(seed)
    population = national_population(regions)
    n = max(1, round(fraction * len(population)))
    picked = sorted(rng.sample(range(len(population)), min(n, len(population))))
    specs = []
    for i in picked:
        mix, code = population[i]
        kind = "kecamatan" if mix == "kecamatan" else "perangkat_daerah"
        specs.append(AgencySpec(mix, code, rng.choice(shapes[kind])))
    return specs


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
             per_kabupaten: int = AGENCIES_PER_KABUPATEN, specs: list[AgencySpec] | None = None) -> list[str]:
    """Write `agencies` synthetic decree packages (+ schemas, reference) into out/.

    Shapes (indicators per position, words per name, formula kinds, duties) come from the
    profile; the number of positions per decree is scaled so that an agency has about
    `indicators_per_agency` indicators on average (the seeds are large secretariats and
    badan; the national average is lower). With `specs` (see nation_specs), one agency per
    spec instead: its kind, region and number of positions and indicators per position are
    the spec's (a seed decree of its kind)."""
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
    for n in range(len(specs) if specs is not None else agencies):
        spec = specs[n] if specs is not None else None
        if spec is None:
            kab = kabs[(n // per_kabupaten) % len(kabs)]
            chain, region, kind, word = [regions[kab]["parent_code"], kab], kab, "dinas", "dinas"
        else:
            chain = [spec.region]
            while regions[chain[0]].get("parent_code"):
                chain.insert(0, regions[chain[0]]["parent_code"])
            region = spec.region
            kind, word = ("kecamatan", "kecamatan") if spec.mix == "kecamatan" else ("dinas", "dinas")
        aid = f"{word}-{n:05d}-{region.replace('.', '-')}"
        doc = f"{aid}-iki-2024"
        ids.append(doc)
        t: dict[str, list[dict]] = {k: [] for k in schemas}
        t["regions"] = [dict(regions[c]) for c in chain]
        place = regions[region]["name"].title()
        government = regions[chain[1] if len(chain) > 1 else chain[0]]["name"].title()
        name = (f"Kecamatan {place}" if kind == "kecamatan" else f"Dinas {_sentence(rng, profile, 3)} {place}")
        t["agencies"] = [{"id": aid, "name": name,
                          "kind": kind, "government": f"Pemerintah {government}",
                          "region_code": region, "address": "", "phone": "", "email": "", "website": "", "flags": ""}]
        iku = rng.random() < profile.iku_share
        head = "Camat" if kind == "kecamatan" else "Kepala Dinas"
        t["documents"] = [{"id": doc, "agency_id": aid, "kind": "IKU-IKI" if iku else "IKI",
                           "instrument": f"Keputusan {head}", "number": f"{n}/2024", "title": "Penetapan IKI",
                           "signed_on": "2024-01-02", "signed_at": "", "signer_title": head.upper(),
                           "signer_name": "", "period_start": "2024", "period_end": "2024",
                           "source_file": "synthetic.txt", "source_sha256": sha, "supersedes": "", "flags": "",
                           "note": ""}]
        order = goal_order = 0
        line = 1
        mean_ipp = sum(profile.indicators_per_position) / len(profile.indicators_per_position)
        scale = indicators_per_agency / (mean_ipp * (sum(profile.positions) / len(profile.positions)))
        n_positions = max(1, round(rng.choice(profile.positions) * min(scale, 1.0)))
        if spec is not None:
            n_positions = spec.shape.positions
        for pi in range(n_positions):
            pid = f"{doc}--jabatan-{pi + 1}"
            t["positions"].append({"id": pid, "document_id": doc, "agency_id": aid, "order": pi + 1,
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
            n_ind = (rng.choice(profile.indicators_per_position) if spec is None
                     else spec.shape.indicators_per_position[pi % len(spec.shape.indicators_per_position)])
            for ii in range(n_ind):
                order += 1
                kind = rng.choice(profile.formula_kinds)
                num, den = _sentence(rng, profile), _sentence(rng, profile)
                formula = {"latex": rf"$\frac{{\text{{{num}}}}}{{\text{{{den}}}}} \times 100\%$",
                           "fraction": f"{num} ----- x 100% {den}", "prose": _sentence(rng, profile, 12),
                           "none": ""}[kind]
                has_target = rng.random() < profile.target_share
                if has_target:
                    t["targets"].append({"id": f"{pid}--{ii + 1}--target", "document_id": doc,
                                         "indicator_id": f"{pid}--{ii + 1}", "year": "", "kind": "target", "order": 1,
                                         "text": "90%", "value": "90", "value_max": "", "comparator": "exact",
                                         "unit": "%", "flags": ""})
                t["indicators"].append({
                    "id": f"{pid}--{ii + 1}", "document_id": doc, "agency_id": aid, "position_id": pid, "goal_id": gid,
                    "kind": "IKI", "order": order, "name": "Persentase " + _sentence(rng, profile).lower(),
                    "formula": formula, "formula_kind": kind,
                    "numerator": num if kind in ("latex", "fraction") else "",
                    "denominator": den if kind in ("latex", "fraction") else "",
                    "multiplier": "100%" if kind in ("latex", "fraction") else "", "calculation_type": "",
                    "unit": "%" if has_target else "", "data_source": _sentence(rng, profile, 3),
                    "responsible": _sentence(rng, profile, 3), "note": "", "source_lines": str(line), "flags": ""})
                line += 1
        write_package(out / doc, descriptor(doc, f"Sintetis {n}", schemas), t, schemas)
    return ids
