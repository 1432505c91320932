"""Command line: a thin layer over plain functions. Exit 0 ok, 1 data problems, 2 usage."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .build import ROOT, Options, build
from .errors import EXIT_DATA, EXIT_OK, EXIT_USAGE, DataError, GeneratorError
from .validate import check


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--packages", type=Path, default=ROOT / "datapackages", help="folder of data packages")
    p.add_argument("--decrees", type=Path, default=ROOT / "decrees", help="folder of decree texts (provenance)")
    p.add_argument("--strict", action="store_true", help="treat warnings as failures")


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m generator", description="Kinerja Terbuka portal generator")
    sub = ap.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="validate data packages (frictionless + domain rules)")
    _common(v)
    v.add_argument("--json", action="store_true", help="print the report as JSON")
    b = sub.add_parser("build", help="validate, generate pages and downloads, run mkdocs build --strict")
    _common(b)
    b.add_argument("--out", type=Path, default=ROOT / "site", help="output folder (default site/)")
    b.add_argument("--cache", type=Path, help="content-hash build cache folder (e.g. .cache/build): "
                   "only what changed is validated, exported and rendered again; the output is the same")
    b.add_argument("--prune-cache", action="store_true", help="after the build, delete cache entries it did not use")
    b.add_argument("--workers", type=int, default=1, metavar="N",
                   help="processes validating packages, making downloads and rendering agency pages "
                        "(default 1; 0: every core)")
    b.add_argument("--timings", type=Path, help=argparse.SUPPRESS)  # used by bench
    b.add_argument("--baseline", action="store_true", help=argparse.SUPPRESS)  # used by bench
    s = sub.add_parser("serve", help="build, then preview with live reload")
    _common(s)
    s.add_argument("--dev-addr", default="127.0.0.1:8000")
    i = sub.add_parser("import", help="import a converted decree text into a draft data package")
    i.add_argument("decree", type=Path)
    i.add_argument("--out", type=Path, required=True)
    i.add_argument("--corrections", type=Path, default=None)
    r = sub.add_parser("release", help="freeze a versioned release of the data into releases/VERSION/")
    r.add_argument("version")
    r.add_argument("--date", help="release date (default: today)")
    r.add_argument("--releases", type=Path, default=ROOT / "releases")
    _common(r)
    n = sub.add_parser("release-notes", help="NOTES.md (summary) and CHANGELOG.md (full) of a frozen release")
    n.add_argument("version")
    n.add_argument("--releases", type=Path, default=ROOT / "releases")
    n.add_argument("--out", type=Path, default=None, help="folder to write into (default: the release's)")
    c = sub.add_parser("check", help="safety scan of a built site: scripts, handlers, hosts, links, NIP")
    c.add_argument("--site", type=Path, default=ROOT / "site")
    sp = sub.add_parser("shards", help="list the province shards of a national build (JSON, for a CI matrix)")
    sp.add_argument("--packages", type=Path, default=ROOT / "datapackages")
    sp.add_argument("--plan-out", type=Path, help="write the plan the shards read (shard of each package, related links)")
    sh = sub.add_parser("shard", help="build one province shard into the build cache (merge: build --cache)")
    _common(sh)
    sh.add_argument("province", help="province code ('32'), 'x' for agencies of unknown region")
    sh.add_argument("--cache", type=Path, required=True, help="cache folder the shard fills")
    sh.add_argument("--plan", type=Path, help="the plan from 'shards --plan-out' (else the whole portal is read)")
    sh.add_argument("--workers", type=int, default=1, metavar="N",
                    help="processes rendering agency pages (default 1; 0: every core)")
    sub.add_parser("rebuild-packages", help="re-import every decree with its corrections into datapackages/")
    nm = sub.add_parser("normalise", help="rewrite package CSVs saved by Excel (BOM, CRLF) as UTF-8 without BOM, LF")
    nm.add_argument("--packages", type=Path, default=ROOT / "datapackages", help="folder of data packages")
    ms = sub.add_parser("measure", help="raw importer and published packages vs the hand counts, field by field")
    ms.add_argument("--diff", action="store_true", help="also print every wrong field, expected vs found")
    bn = sub.add_parser("bench", help="build a synthetic portal and print one line per figure")
    bn.add_argument("--agencies", type=int, default=200)
    bn.add_argument("--baseline", action="store_true", help="stock Material: every page in nav, built-in search")
    bn.add_argument("--keep", type=Path, help="keep the built site in this folder")
    bn.add_argument("--incremental", action="store_true",
                    help="full build with cache, change one agency, rebuild: time and byte-identity")
    bn.add_argument("--nation", type=float, metavar="F",
                    help="the fraction F of the country instead of --agencies (0.01: ~250 agencies, ~60,000 "
                    "indicators): kinds in the national mix, each sized as a seed decree of its kind")
    bn.add_argument("--deploy", action="store_true",
                    help="with --incremental: deploy both sites to a local SeaweedFS and count what the second uploads")
    bn.add_argument("--shards", action="store_true",
                    help="plan, one build per province shard, merge: per-shard figures and byte-identity")
    d = sub.add_parser("deploy", help="upload a built site to S3-compatible storage: changed objects, "
                       "then the switch, then deletion (docs/deploy.md)")
    d.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default site/)")
    d.add_argument("--bucket", help="target bucket (else KT_DEPLOY_BUCKET)")
    d.add_argument("--prefix", help="folder in the bucket (else KT_DEPLOY_PREFIX; default the root)")
    d.add_argument("--endpoint", help="S3 endpoint URL (else KT_DEPLOY_ENDPOINT, AWS_ENDPOINT_URL_S3, "
                   "AWS_ENDPOINT_URL; default AWS). Credentials: the usual AWS_* variables")
    d.add_argument("--region", help="region (else AWS_REGION / AWS_DEFAULT_REGION, default us-east-1)")
    d.add_argument("--keep", type=int, choices=(0, 1), default=1,
                   help="generations whose objects stay after the switch besides the live one (default 1)")
    d.add_argument("--dry-run", action="store_true", help="compare with the live manifest, upload nothing")
    d.add_argument("--sweep", action="store_true",
                   help="after the deploy, delete objects no kept generation uses (left by interrupted deploys)")
    d.add_argument("--progress", action="store_true", help="one line per uploaded object on stderr")
    d.add_argument("--workers", type=int, default=8, help="parallel uploads (default 8)")
    d.add_argument("--hash-cache", type=Path, default=os.environ.get("KT_DEPLOY_HASH_CACHE") or None,
                   help="file remembering the site files' hashes between deploys, so that only new files "
                        "are read (else KT_DEPLOY_HASH_CACHE; default: hash every file)")
    return ap


def cmd_deploy(args) -> int:
    from .deploy import DeployError, deploy, print_figures, sweep, target_from
    try:
        target = target_from(args.bucket, args.prefix, args.endpoint, args.region)
        res = deploy(args.site, target, keep=args.keep, dry_run=args.dry_run, workers=max(1, args.workers),
                     hash_cache=Path(args.hash_cache) if args.hash_cache else None, progress=(lambda m: print(m, file=sys.stderr, flush=True)) if args.progress else None)
        print_figures(res)
        if args.sweep and not args.dry_run:
            print(f"swept {sweep(target)}")
    except DeployError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def cmd_validate(args) -> int:
    report, _ = check(args.packages, args.decrees)
    if args.json:
        print(json.dumps([p.as_dict() for p in report.sorted()], ensure_ascii=False, indent=1))
    else:
        print(report.format())
    return EXIT_OK if report.ok(args.strict) else EXIT_DATA


def cmd_build(args) -> int:
    result = build(Options(packages=args.packages, out=args.out, decrees=args.decrees, strict=args.strict,
                           baseline=args.baseline, cache=args.cache, prune_cache=args.prune_cache, workers=args.workers,
                           progress=lambda message: print(message, file=sys.stderr, flush=True)))
    if args.timings:
        args.timings.write_text(json.dumps(result.timings))
    for p in result.report.sorted():
        print(p, file=sys.stderr)
    t = result.timings
    print("built {} -> {} ({})".format(args.packages, args.out,
                                         ", ".join(f"{k} {v:.2f}s" for k, v in t.items())))
    return EXIT_OK


def cmd_shards(args) -> int:
    from .shards import plan
    the_plan = plan(args.packages)
    if args.plan_out:
        args.plan_out.write_text(json.dumps(the_plan, ensure_ascii=False), encoding="utf-8")
    print(json.dumps(the_plan["shards"]))
    return EXIT_OK


def cmd_shard(args) -> int:
    from .shards import build_shard
    the_plan = json.loads(args.plan.read_text(encoding="utf-8")) if args.plan else None
    figs = build_shard(Options(packages=args.packages, decrees=args.decrees, strict=args.strict,
                               cache=args.cache, workers=args.workers), args.province, the_plan)
    print(f"shard {args.province} -> {args.cache} (" + ", ".join(
        f"{k} {v:.2f}s" if isinstance(v, float) else f"{k} {v}" for k, v in figs.items()) + ")")
    return EXIT_OK


def cmd_serve(args) -> int:
    from .serve import serve
    return serve(Options(packages=args.packages, decrees=args.decrees, strict=args.strict), args.dev_addr)


def cmd_import(args) -> int:
    from .importer import import_decree
    if not args.decree.is_file():
        print(f"error: {args.decree}: no such file", file=sys.stderr)
        return EXIT_USAGE
    from .importer import ImportError_
    from .importer.corrections import CorrectionError
    try:
        result = import_decree(args.decree, args.out, args.corrections)
    except (ImportError_, CorrectionError) as exc:  # a refusal names the file (and line): no traceback
        print(f"ERROR [import-refused] {exc}", file=sys.stderr)
        return EXIT_DATA
    for w in result.warnings:
        print(f"{args.decree.name}:{w.get('line') or '-'}: {w['severity']} [{w['code']}] {w['message']}")
    print(f"wrote {result.package_dir} ({len(result.warnings)} warning(s))")
    return EXIT_DATA if any(w["severity"] == "error" for w in result.warnings) else EXIT_OK


def cmd_rebuild(args) -> int:
    from .importer import ImportError_, rebuild_all
    from .importer.corrections import CorrectionError
    try:
        rebuild_all(ROOT / "decrees", ROOT / "datapackages")
    except (ImportError_, CorrectionError) as exc:
        print(f"ERROR [import-refused] {exc}", file=sys.stderr)
        return EXIT_DATA
    return EXIT_OK


def cmd_measure(args) -> int:
    from .dev.measure import measure
    measure(ROOT / "decrees", ROOT / "datapackages", show_differences=args.diff)
    return EXIT_OK


def cmd_bench(args) -> int:
    from .dev.bench import main as bench_main  # dev wing: imported only for this command
    if args.agencies < 1:
        print("error: --agencies must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    if args.nation is not None and not 0 < args.nation <= 1:
        print("error: --nation is a fraction of the country, above 0 and at most 1", file=sys.stderr)
        return EXIT_USAGE
    return bench_main(args.agencies, args.baseline, args.keep, args.incremental, args.shards, args.nation,
                      args.deploy)


def cmd_check(args) -> int:
    from .site import SiteConfig
    from .scan import scan_site
    if not (args.site / "index.html").is_file():
        print(f"error: {args.site} is not a built site (no index.html)", file=sys.stderr)
        return EXIT_USAGE
    findings = scan_site(args.site, base_path=SiteConfig.read(Options().config).base_path)
    for f in findings:
        print(f)
    pages = sum(1 for _ in args.site.rglob("*.html"))
    print(f"{pages} pages scanned: {len(findings)} finding(s)")
    return EXIT_DATA if findings else EXIT_OK


def cmd_release(args) -> int:
    from .release import make_release
    rec = make_release(args.version, args.packages, args.decrees, args.releases, args.date)
    for res, log in rec["changes"].items():
        print(f"{res}: +{len(log['added'])} -{len(log['removed'])} ~{len(log['changed'])}")
    print(f"release {rec['version']} ({rec['date']}) -> {args.releases / rec['version']}")
    return EXIT_OK


def cmd_release_notes(args) -> int:
    from .build import Options
    from .release_notes import notes_for
    from .site.config import SiteConfig
    for path in notes_for(args.version, args.releases, args.out or args.releases / args.version,
                          SiteConfig.read(Options().config).site_url):
        print(path)
    return EXIT_OK


def cmd_normalise(args) -> int:
    from .excelcsv import normalise_packages
    changed = normalise_packages(args.packages)
    for path, what in changed:
        print(f"{path}: {what}")
    print(f"{len(changed)} file(s) normalised")
    return EXIT_OK


COMMANDS = {"normalise": cmd_normalise, "deploy": cmd_deploy, "release": cmd_release, "release-notes": cmd_release_notes,
            "check": cmd_check, "bench": cmd_bench, "validate": cmd_validate, "build": cmd_build, "serve": cmd_serve,
            "import": cmd_import,
            "rebuild-packages": cmd_rebuild, "measure": cmd_measure, "shards": cmd_shards, "shard": cmd_shard}


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)  # exits 2 on wrong usage
    try:
        return COMMANDS[args.command](args)
    except DataError as exc:
        print(exc.report.format(), file=sys.stderr)
        print("nothing was written: fix the problems above and build again", file=sys.stderr)
        return EXIT_DATA
    except GeneratorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except OSError as exc:  # a full disk, a folder that cannot be written: named, no traceback
        where = exc.filename or "a file"
        print(f"error: {where}: {exc.strerror or exc}", file=sys.stderr)
        print("nothing was published: the previous output is as it was", file=sys.stderr)
        return EXIT_DATA
