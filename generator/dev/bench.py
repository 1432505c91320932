"""Benchmark: build a synthetic portal shaped like the seeds and print one line per figure.

    python -m generator bench --agencies 200 [--baseline] [--keep DIR]
    python -m generator bench --agencies 200 --incremental
    python -m generator bench --agencies 200 --shards

The build runs in a child process so that peak RSS is the build's own (ru_maxrss of the
child and everything it starts, e.g. the search indexer). Benchmarks are not tests: the
test suite runs this at tiny N for correctness only.
"""
from __future__ import annotations

import contextlib
import csv
import filecmp
import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .synth import describe, generate, measure_profile, measure_shapes, nation_specs

ROOT = Path(__file__).resolve().parents[2]
Figures = dict[str, Any]  # one line per figure: numbers, and a few texts (profile, load average)


DATA_DIRS = {"unduh", "sumber", "releases"}  # the data files: the same in both modes of the bench


def site_figures(site: Path) -> Figures:
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    largest = max(pages, key=lambda p: p.stat().st_size) if pages else None
    data = [p for p in files if p.relative_to(site).parts[0] in DATA_DIRS]
    figs = {"files": len(files), "site_bytes": sum(p.stat().st_size for p in files),
            "download_bytes": sum(p.stat().st_size for p in data),
            "pages": len(pages), "largest_page_bytes": largest.stat().st_size if largest else 0}
    figs["portal_bytes"] = figs["site_bytes"] - figs["download_bytes"]  # pages, assets, search index
    figs["stored_bytes"] = stored_site_bytes(site, files)
    figs["search_query_bytes"] = search_query_bytes(site)
    if (site / "pagefind").is_dir():  # its parts: what grows with the portal is "bundles"
        from ..search import query_parts
        figs.update({f"search_query_{k}" + ("_bytes" if k in ("fixed", "fragments", "bundles") else ""): v
                     for k, v in query_parts(site).items()})
    return figs


def stored_site_bytes(site: Path, files: list[Path]) -> int:
    """Bytes the site takes on object storage (`generator deploy`): pages, styles, scripts and
    metadata gzip-compressed, downloads as they are; files with the same content stored once."""
    from ..deploy import stored_bytes, stored_gzip
    seen: dict[tuple[str, bool], int] = {}
    for p in files:
        rel = p.relative_to(site).as_posix()
        data = p.read_bytes()
        key = (hashlib.sha256(data).hexdigest(), stored_gzip(rel))
        if key not in seen:
            seen[key] = len(stored_bytes(rel, data)) if key[1] else len(data)
    return sum(seen.values())


def search_query_bytes(site: Path) -> int:
    """Bytes a browser downloads for one search query (first results page).

    Pagefind (generator/search.py, query_parts): its JS, worker and WASM, and for every bundle
    of the costliest window a query searches its metadata and the largest index chunk a term
    can hit, and the result fragments the explorer reads, as served (gzip where the deploy
    stores gzip). Built-in lunr search: the whole search_index.json (it is loaded
    whole)."""
    lunr = site / "search" / "search_index.json"
    if lunr.is_file():
        return lunr.stat().st_size + sum(p.stat().st_size for p in (site / "assets/javascripts/workers").glob("search*.js"))
    from ..search import query_bytes  # Pagefind: the bundles of one window the explorer merges
    return query_bytes(site)


def make_packages(packages: Path, agencies: int, nation: float | None, seed: int = 1) -> Figures:
    """Write the synthetic packages: `agencies` of the old uniform shape, or with `nation` the
    fraction of the country (synth.nation_specs). Returns the figures of what was written."""
    from ..load import load_reference_regions
    profile = measure_profile(ROOT / "datapackages")
    specs = None
    if nation is not None:
        specs = nation_specs(nation, load_reference_regions(ROOT / "datapackages"),
                             measure_shapes(ROOT / "datapackages"), seed=seed)
    ids = generate(packages, agencies, profile, ROOT / "datapackages", seed=seed, specs=specs)
    figs: Figures = {"agencies": len(ids), "indicators": count_indicators(packages)}
    if specs is not None:
        figs["nation_fraction"] = nation
        for mix in ("pd_provinsi", "pd_kabupaten", "kecamatan"):
            figs[f"agencies_{mix}"] = sum(1 for s in specs if s.mix == mix)
        figs["provinces"] = len({s.region.split(".")[0] for s in specs})
    figs["profile"] = describe(profile)
    return figs


def count_indicators(packages: Path) -> int:
    n = 0
    for f in packages.glob("*/indicators.csv"):
        with open(f, encoding="utf-8", newline="") as fh:
            n += sum(1 for _ in csv.reader(fh)) - 1
    return n


def per_indicator(figs: Figures) -> Figures:
    """Figures per indicator and per agency, from the totals."""
    ind, ag = figs.get("indicators") or 0, figs.get("agencies") or 0
    out: Figures = {}
    if ind:
        for k, name, scale in (("build_wall_s", "wall_ms_per_indicator", 1000),
                               ("build_cpu_s", "cpu_ms_per_indicator", 1000),
                               ("site_bytes", "site_bytes_per_indicator", 1),
                               ("portal_bytes", "portal_bytes_per_indicator", 1),
                               ("download_bytes", "download_bytes_per_indicator", 1),
                               ("stored_bytes", "stored_bytes_per_indicator", 1),
                               ("files", "files_per_indicator", 1)):
            if k in figs:
                out[name] = float(figs[k]) * scale / ind
        if "peak_rss_mb" in figs:
            out["peak_rss_mb_per_100k_indicators"] = float(figs["peak_rss_mb"]) * 100_000 / ind
        out["indicators_per_agency"] = ind / ag if ag else 0.0
    if ag:
        for k, name, scale in (("build_wall_s", "wall_ms_per_agency", 1000),
                               ("site_bytes", "site_bytes_per_agency", 1)):
            if k in figs:
                out[name] = float(figs[k]) * scale / ag
    return out


def _build(packages: Path, out: Path, work: Path, *extra: str) -> tuple[float, dict]:
    """One `generator build` in a child process: wall seconds and its stage timings."""
    timings_file = work / "timings.json"
    cmd = [sys.executable, "-m", "generator", "build", "--packages", str(packages), "--out", str(out),
           "--decrees", str(work / "no-decrees"), "--timings", str(timings_file), "--workers", "0", *extra]
    t0 = time.perf_counter()  # --workers 0: agency pages on every core
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"build failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    return wall, json.loads(timings_file.read_text())


def _peak_mb(before: int) -> float:
    return max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024


def _cpu_s() -> float:
    """User + system CPU seconds of finished children (less sensitive to a busy machine)."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run(agencies: int, baseline: bool, keep: Path | None, seed: int = 1,
        nation: float | None = None) -> Figures:
    work = Path(tempfile.mkdtemp(prefix="kt-bench-"))
    try:
        packages = work / "packages"
        t0 = time.perf_counter()
        made = make_packages(packages, agencies, nation, seed)
        gen_s = time.perf_counter() - t0
        out = (keep or work / "site")
        before, cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, _cpu_s()
        wall, timings = _build(packages, out, work, *(["--baseline"] if baseline else []))
        cpu = _cpu_s() - cpu0
        profile = made.pop("profile")
        figs: Figures = dict(made)
        figs.update({"baseline": int(baseline), "generate_s": gen_s})
        figs.update({f"{k}_s": v for k, v in timings.items()})
        figs.update({"build_wall_s": wall, "build_cpu_s": cpu, "per_agency_ms": 1000 * wall / made["agencies"],
                     "peak_rss_mb": _peak_mb(before)})
        figs.update(site_figures(out))
        figs.update(per_indicator(figs))
        figs["load_average"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
        figs["profile"] = profile
        return figs
    finally:
        shutil.rmtree(work, ignore_errors=True)


def change_one_agency(packages: Path) -> str:
    """Edit one cell as a person fixing a decree would: the first indicator name of the
    middle package gets a word more. Returns the package changed."""
    folders = sorted(p for p in packages.iterdir() if p.is_dir() and p.name not in ("schemas", "reference"))
    folder = folders[len(folders) // 2]
    path = folder / "indicators.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    rows[1][rows[0].index("name")] += " (revisi)"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    return folder.name


def same_tree(a: Path, b: Path) -> bool:
    fa = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    fb = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    return fa == fb and all(filecmp.cmp(a / p, b / p, shallow=False) for p in fa)


def run_incremental(agencies: int, seed: int = 1, nation: float | None = None,
                    deploy: bool = False) -> Figures:
    """A full build filling the cache, one agency changed, the rebuild from the cache, and a
    build of the changed data without cache to check the rebuild is byte-identical. With
    `deploy`, both sites are deployed to a local SeaweedFS (generator/s3local.py): what the
    second deploy uploads is what one changed agency costs on object storage."""
    work = Path(tempfile.mkdtemp(prefix="kt-bench-"))
    try:
        packages, cache = work / "packages", work / "cache"
        made = make_packages(packages, agencies, nation, seed)
        made.pop("profile")
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        cold, _ = _build(packages, work / "site-cold", work, "--cache", str(cache))
        with contextlib.ExitStack() as stack:
            deployed: Figures = {}
            if deploy:
                from .. import deploy as dp
                from ..s3local import client, seaweedfs
                # room for two deploys of the site (32 MB volumes; a full volume set fails PUTs)
                site_mb = sum(p.stat().st_size for p in (work / "site-cold").rglob("*") if p.is_file()) >> 20
                endpoint = stack.enter_context(seaweedfs(work / "s3", bucket="portal", capacity_mb=3 * site_mb + 512))[0]
                s3 = client(endpoint)
                target = dp.Target(bucket="portal", endpoint=endpoint)
                t0 = time.perf_counter()
                first = dp.deploy(work / "site-cold", target, s3=s3, hash_cache=work / "deploy-hashes")
                deployed.update({"deploy_full_s": time.perf_counter() - t0, "deploy_full_uploaded": first.uploaded})
            shutil.rmtree(work / "site-cold")
            changed = change_one_agency(packages)
            warm, timings = _build(packages, work / "site-incremental", work, "--cache", str(cache))
            if deploy:
                t0 = time.perf_counter()
                again = dp.deploy(work / "site-incremental", target, s3=s3, hash_cache=work / "deploy-hashes")
                deployed.update({"deploy_incremental_s": time.perf_counter() - t0, "deploy_files": again.files,
                                 "deploy_hashed": again.hashed,
                                 "deploy_changed": again.changed, "deploy_added": again.added,
                                 "deploy_removed": again.removed, "deploy_uploaded": again.uploaded,
                                 "deploy_bytes_uploaded": again.bytes_uploaded,
                                 "deploy_upload_share": again.uploaded / max(again.files, 1),
                                 "deploy_uploaded_by_folder": " ".join(
                                     f"{k}:{v}" for k, v in again.sent_by_folder().items())})
        full, _ = _build(packages, work / "site-full", work)
        figs: Figures = dict(made)
        figs.update({"changed_package": changed,
                     "full_build_s": full, "cold_cache_build_s": cold, "incremental_build_s": warm})
        figs.update({f"incremental_{k}_s": v for k, v in timings.items()})
        figs["incremental_share"] = warm / full
        figs["peak_rss_mb"] = _peak_mb(before)
        figs["cache_bytes"] = sum(p.stat().st_size for p in cache.rglob("*") if p.is_file())
        figs["identical_to_full_build"] = int(same_tree(work / "site-incremental", work / "site-full"))
        figs.update(deployed)
        return figs
    finally:
        shutil.rmtree(work, ignore_errors=True)


# runs a command and prints its own peak RSS (KB): one shard's, not the plan's before it
_OWN_PEAK = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def run_shards(agencies: int, seed: int = 1, nation: float | None = None) -> Figures:
    """The national plan at small scale: plan, every province shard in its own process and
    cache (as the CI matrix runs them, here one after another), the caches merged, the
    merge build; and a one-machine build without cache to compare time and bytes."""
    import statistics

    from ..shards import merge_caches

    work = Path(tempfile.mkdtemp(prefix="kt-bench-"))
    try:
        packages = work / "packages"
        made = make_packages(packages, agencies, nation, seed)
        made.pop("profile")
        base = [sys.executable, "-m", "generator"]
        t0 = time.perf_counter()
        plan_file = work / "plan.json"
        subprocess.run(base + ["shards", "--packages", str(packages), "--plan-out", str(plan_file)],
                       cwd=ROOT, capture_output=True, text=True, check=True)
        plan_s = time.perf_counter() - t0
        shards = json.loads(plan_file.read_text(encoding="utf-8"))["shards"]
        walls, peaks, sizes, caches = [], [], [], []
        for shard in shards:
            cache = work / f"cache-{shard}"
            t0 = time.perf_counter()
            # the same decrees folder as the merge build (_build): it is part of validation keys
            proc = subprocess.run([sys.executable, "-c", _OWN_PEAK] + base + [
                "shard", shard, "--packages", str(packages), "--decrees", str(work / "no-decrees"),
                "--plan", str(plan_file), "--cache", str(cache)], cwd=ROOT, capture_output=True, text=True, check=True)
            walls.append(time.perf_counter() - t0)
            peaks.append(int(proc.stdout.strip().splitlines()[-1]) / 1024)
            sizes.append(sum(p.stat().st_size for p in cache.rglob("*") if p.is_file()))
            caches.append(cache)
        t0 = time.perf_counter()
        merge_caches(caches, work / "merged")
        merge_copy_s = time.perf_counter() - t0
        merge_s, timings = _build(packages, work / "site-merged", work, "--cache", str(work / "merged"))
        full_s, _ = _build(packages, work / "site-full", work)
        figs: Figures = dict(made)
        figs.update({"shards": len(shards), "plan_s": plan_s,
                                  "shard_min_s": min(walls), "shard_median_s": statistics.median(walls),
                                  "shard_max_s": max(walls), "shard_peak_rss_mb": max(peaks),
                                  "shard_cache_median_bytes": int(statistics.median(sizes)),
                                  "shard_cache_max_bytes": max(sizes), "merge_copy_s": merge_copy_s,
                                  "merge_build_s": merge_s, "one_machine_build_s": full_s})
        figs.update({f"merge_{k}_s": v for k, v in timings.items()})
        figs["identical_to_one_machine_build"] = int(same_tree(work / "site-merged", work / "site-full"))
        return figs
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(agencies: int, baseline: bool, keep: Path | None, incremental: bool = False, shards: bool = False,
         nation: float | None = None, deploy: bool = False) -> int:
    if shards:
        figs = run_shards(agencies, nation=nation)
    else:
        figs = (run_incremental(agencies, nation=nation, deploy=deploy) if incremental
                else run(agencies, baseline, keep, nation=nation))
    for k, v in figs.items():
        print(f"{k:>22} {v:.2f}" if isinstance(v, float) else f"{k:>22} {v}")
    return 0
