"""Benchmark: build a synthetic portal shaped like the seeds and print one line per figure.

    python -m generator bench --agencies 200 [--baseline] [--keep DIR]

The build runs in a child process so that peak RSS is the build's own (ru_maxrss of the
child and everything it starts, e.g. the search indexer). Benchmarks are not tests: the
test suite runs this at tiny N for correctness only.
"""
from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .synth import describe, generate, measure_profile

ROOT = Path(__file__).resolve().parent.parent


def site_figures(site: Path) -> dict[str, float]:
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    largest = max(pages, key=lambda p: p.stat().st_size) if pages else None
    figs = {"files": len(files), "site_bytes": sum(p.stat().st_size for p in files),
            "pages": len(pages), "largest_page_bytes": largest.stat().st_size if largest else 0}
    figs["search_query_bytes"] = search_query_bytes(site)
    return figs


def search_query_bytes(site: Path) -> int:
    """Bytes a browser downloads for one search query (first results page).

    Pagefind: its JS and WASM, the language's metadata, the largest index chunk a term
    can hit, and five result fragments (its default first page). Built-in lunr search:
    the whole search_index.json (it is loaded whole)."""
    lunr = site / "search" / "search_index.json"
    if lunr.is_file():
        return lunr.stat().st_size + sum(p.stat().st_size for p in (site / "assets/javascripts/workers").glob("search*.js"))
    pf = site / "pagefind"
    if not pf.is_dir():
        return 0
    size = lambda pattern: [p.stat().st_size for p in pf.glob(pattern)]
    fixed = sum(size("pagefind.js")) + max(size("wasm.*.pagefind") or [0]) + max(size("pagefind-entry.json") or [0])
    meta = max(size("pagefind.*.pf_meta") or [0])
    index = max(size("index/*.pf_index") or [0])
    frags = sorted(size("fragment/*.pf_fragment"), reverse=True)[:5]
    return fixed + meta + index + sum(frags)


def run(agencies: int, baseline: bool, keep: Path | None, seed: int = 1) -> dict[str, float]:
    work = Path(tempfile.mkdtemp(prefix="kt-bench-"))
    try:
        packages = work / "packages"
        t0 = time.perf_counter()
        profile = measure_profile(ROOT / "datapackages")
        generate(packages, agencies, profile, ROOT / "datapackages", seed=seed)
        gen_s = time.perf_counter() - t0
        out = (keep or work / "site")
        timings_file = work / "timings.json"
        cmd = [sys.executable, "-m", "generator", "build", "--packages", str(packages), "--out", str(out),
               "--decrees", str(work / "no-decrees"), "--timings", str(timings_file)]
        if baseline:
            cmd.append("--baseline")
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        wall = time.perf_counter() - t0
        if proc.returncode != 0:
            raise RuntimeError(f"build failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
        peak_kb = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before)
        figs: dict[str, float] = {"agencies": agencies, "baseline": int(baseline), "generate_s": gen_s}
        figs.update({f"{k}_s": v for k, v in json.loads(timings_file.read_text()).items()})
        figs.update({"build_wall_s": wall, "per_agency_ms": 1000 * wall / agencies, "peak_rss_mb": peak_kb / 1024})
        figs.update(site_figures(out))
        figs["profile"] = describe(profile)
        return figs
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(agencies: int, baseline: bool, keep: Path | None) -> int:
    figs = run(agencies, baseline, keep)
    for k, v in figs.items():
        print(f"{k:>22} {v:.2f}" if isinstance(v, float) else f"{k:>22} {v}")
    return 0
