"""Deploy a built site to S3-compatible object storage, atomically and incrementally.

Layout under the target prefix P (documented in docs/deploy.md):

    P_deploy/objects/<sha256[:2]>/<sha256>[.i]<ext>   every file's bytes, named by content
    P_deploy/manifests/<sha256>.json.gz               one per deploy: site path -> sha256
    P_deploy/current.json                             the pointer: which manifest is live

A deploy (1) hashes the site, (2) reads the live manifest through the pointer, (3) uploads
the objects the live manifest does not have (an object already in the bucket, e.g. from an
interrupted deploy, is not sent again), (4) writes the new manifest, (5) switches the pointer
with one PUT, (6) deletes the objects that neither the new manifest nor the one before it
uses. Objects and manifests are never overwritten, so until step 5 the live site is exactly
the previous one, whatever happens to the deploy; after it, exactly the new one. A reader (the
edge rule or origin that serves the portal: pointer -> manifest -> object, see `LiveSite`)
therefore sees the old site or the new one, never a mix. Readers that read the previous
pointer a moment before the switch still find every object they need: deletion waits one
generation (`keep`).

Headers are set on each object from its site path: Content-Type by extension, Cache-Control
long-lived and immutable for content-hashed names (theme bundles, Pagefind chunks), short for
HTML, JSON and other pages that keep their name, an hour for downloads.

Pages, styles, scripts and metadata (HTML, CSS, JS, JSON-LD, XML, SVG; `stored_gzip`) are
stored gzip-compressed with `Content-Encoding: gzip`, as object-storage static sites serve
them: browsers and HTTP libraries decode them, and the bucket holds a fifth of their bytes.
Downloads (everything under unduh/) and files that are compressed already are stored as
they are, so `curl -O` or `wget` of a CSV gets the CSV.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import marshal
import os
import re
import sys
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST_FORMAT = "kt-deploy-manifest/1"
POINTER = "_deploy/current.json"
OBJECTS = "_deploy/objects/"
MANIFESTS = "_deploy/manifests/"

IMMUTABLE = "public, max-age=31536000, immutable"
SHORT = "public, max-age=300"
DOWNLOAD = "public, max-age=3600"

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8", ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8", ".json": "application/json",
    ".jsonld": "application/ld+json", ".map": "application/json",
    ".webmanifest": "application/manifest+json", ".xml": "application/xml",
    ".rdf": "application/rdf+xml", ".ttl": "text/turtle; charset=utf-8",
    ".txt": "text/plain; charset=utf-8", ".md": "text/markdown; charset=utf-8",
    ".csv": "text/csv; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png",
    ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp",
    ".ico": "image/x-icon", ".woff": "font/woff", ".woff2": "font/woff2", ".ttf": "font/ttf",
    ".wasm": "application/wasm", ".zip": "application/zip", ".gz": "application/gzip",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".parquet": "application/vnd.apache.parquet", ".sqlite": "application/vnd.sqlite3",
    ".db": "application/vnd.sqlite3", ".pdf": "application/pdf",
}
SHORT_LIVED = {".html", ".htm", ".json", ".jsonld", ".xml", ".rdf", ".ttl", ".txt", ".md",
               ".webmanifest", ".map"}
# A name that carries its content hash: bundle.f13b1293.min.js, palette.06af60db.min.css,
# Pagefind's en_1a2b3c4d5e.pf_fragment / pagefind.en_93f1.pf_meta / wasm.en.pagefind chunks.
_HASHED = re.compile(r"(?:^|[._-])[0-9a-f]{8,}(?:[._-]|$)")
_PAGEFIND_CHUNK = re.compile(r"\.pf_(?:fragment|index|meta|filter)$")
# Stored gzip-compressed (Content-Encoding: gzip): the pages and what they load, never downloads.
GZIP_TYPES = {".html", ".htm", ".css", ".js", ".mjs", ".json", ".jsonld", ".map", ".webmanifest", ".xml",
              ".svg", ".txt"}
DOWNLOADS_DIR = "unduh/"


class DeployError(Exception):
    """The deploy cannot go on (bad site, bad target); the live site is untouched."""


@dataclass(frozen=True)
class Target:
    bucket: str
    prefix: str = ""  # "" or "a/b/"
    endpoint: str | None = None
    region: str | None = None

    @staticmethod
    def normal_prefix(prefix: str | None) -> str:
        p = (prefix or "").strip("/")
        if any(part in ("", ".", "..") for part in p.split("/")) and p:
            raise DeployError(f"bad prefix {prefix!r}")
        return p + "/" if p else ""


def immutable(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return bool(_PAGEFIND_CHUNK.search(name) or _HASHED.search(stem))


def extension(path: str) -> str:
    name = path.rsplit("/", 1)[-1].lower()
    if "." not in name:
        return ""
    ext = "." + name.rsplit(".", 1)[1]
    return ext if re.fullmatch(r"\.[a-z0-9_]{1,16}", ext) else ""


def headers(path: str) -> dict[str, str]:
    """Content-Type and Cache-Control for a site path."""
    ext = extension(path)
    ctype = CONTENT_TYPES.get(ext, "application/octet-stream")
    if immutable(path):
        cc = IMMUTABLE
    elif ext in SHORT_LIVED or not ext:
        cc = SHORT
    else:
        cc = DOWNLOAD
    out = {"ContentType": ctype, "CacheControl": cc}
    if stored_gzip(path):
        out["ContentEncoding"] = "gzip"
    return out


def stored_gzip(path: str) -> bool:
    """Whether the object of a site path is stored gzip-compressed (see the module's notes)."""
    return not path.startswith(DOWNLOADS_DIR) and extension(path) in GZIP_TYPES


def stored_bytes(path: str, data: bytes) -> bytes:
    """The bytes stored for a site path: gzip (level 9, no timestamp: reproducible) or as is."""
    return gzip.compress(data, compresslevel=9, mtime=0) if stored_gzip(path) else data


def object_key(prefix: str, path: str, sha: str) -> str:
    """Where the bytes of `path` (content `sha`) live: by content, with what fixes the headers."""
    marks = (".i" if immutable(path) else "") + (".z" if stored_gzip(path) else "")
    return f"{prefix}{OBJECTS}{sha[:2]}/{sha}{marks}{extension(path)}"


HASHES_FORMAT = "kt-deploy-hashes/1"
RACY_NS = 2_000_000_000  # a file modified this close to its hashing is hashed again next time


class HashCache:
    """The sha256 of files hashed by earlier deploys, by (device, inode, size, modification
    time in ns), kept in a file (`deploy --hash-cache`). A rebuilt site hard-links what the
    build cache had (generator/cache.py: entries are never written in place), so after one
    change almost every file is the same inode with the same size and time, and only the new
    files are read. As git does with its index, a file whose modification time is not
    clearly older than its hashing is not remembered (it could change again within the
    clock's resolution); a new file reusing a freed inode has a later time, so a different
    key. Only the files of the last deploy are kept."""

    def __init__(self, path: Path | None):
        self.path = path
        self.known: dict[tuple[int, int], tuple[int, int, str]] = {}
        self.fresh: dict[tuple[int, int], tuple[int, int, str]] = {}
        self.read = 0  # files read to be hashed
        self._lock = threading.Lock()
        if path is not None:
            try:
                stored = marshal.loads(path.read_bytes())
            except (OSError, ValueError, EOFError, TypeError):
                stored = None
            if isinstance(stored, dict) and stored.get("format") == HASHES_FORMAT:
                self.known = stored["files"]
        self.started = time.time_ns()

    def sha(self, full: Path) -> str:
        st = os.stat(full)
        inode = (st.st_dev, st.st_ino)
        had = self.known.get(inode)
        if had is not None and had[:2] == (st.st_size, st.st_mtime_ns):
            sha = had[2]
        else:
            h = hashlib.sha256()
            with open(full, "rb") as f:
                for chunk in iter(lambda: f.read(1 << 20), b""):
                    h.update(chunk)
            sha = h.hexdigest()
            with self._lock:
                self.read += 1
            if os.stat(full).st_mtime_ns != st.st_mtime_ns:  # written while it was read
                raise DeployError(f"{full} changed while it was hashed: is a build writing the site?")
        if st.st_mtime_ns < self.started - RACY_NS:
            with self._lock:
                self.fresh[inode] = (st.st_size, st.st_mtime_ns, sha)
        return sha

    def save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps({"format": HASHES_FORMAT, "files": self.fresh}))
        os.replace(tmp, self.path)


def hash_site(site: Path, workers: int = 2, hashes: HashCache | None = None) -> dict[str, str]:
    """Site path -> sha256 of every regular file (paths POSIX, relative to `site`); with
    `hashes`, a file it knows unchanged is not read."""
    if not (site / "index.html").is_file():
        raise DeployError(f"{site} is not a built site (no index.html)")
    paths = []
    for dirpath, dirnames, filenames in os.walk(site):
        dirnames.sort()
        for fn in sorted(filenames):
            full = Path(dirpath) / fn
            if full.is_symlink():
                raise DeployError(f"{full}: symbolic links are not deployed")
            paths.append(full)
    cache = hashes or HashCache(None)

    def one(p: Path) -> tuple[str, str]:
        return p.relative_to(site).as_posix(), cache.sha(p)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return dict(sorted(pool.map(one, paths)))


def client(target: Target):
    import boto3  # type: ignore[import-untyped]
    from botocore.config import Config  # type: ignore[import-untyped]
    endpoint = target.endpoint or os.environ.get("KT_DEPLOY_ENDPOINT") or None
    cfg = Config(s3={"addressing_style": "path"} if endpoint else {},
                 retries={"max_attempts": 5, "mode": "standard"},
                 request_checksum_calculation="when_required",
                 response_checksum_validation="when_required",
                 max_pool_connections=16)
    return boto3.client("s3", endpoint_url=endpoint,
                        region_name=target.region or os.environ.get("AWS_REGION")
                        or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1", config=cfg)


def _missing(exc) -> bool:
    code = str(getattr(exc, "response", {}).get("Error", {}).get("Code", ""))
    return code in ("404", "NoSuchKey", "NotFound")


class LiveSite:
    """What a reader of the bucket sees: pointer -> manifest -> objects (what the edge does)."""

    def __init__(self, s3, bucket: str, prefix: str = ""):
        self.s3, self.bucket, self.prefix = s3, bucket, prefix

    def pointer(self) -> dict | None:
        from botocore.exceptions import ClientError  # type: ignore[import-untyped]
        try:
            body = self.s3.get_object(Bucket=self.bucket, Key=self.prefix + POINTER)["Body"].read()
        except ClientError as exc:
            if _missing(exc):
                return None
            raise
        return json.loads(body)

    def manifest(self, key: str | None = None) -> dict[str, str]:
        if key is None:
            ptr = self.pointer()
            if ptr is None:
                return {}
            key = ptr["manifest"]
        body = self.s3.get_object(Bucket=self.bucket, Key=key)["Body"].read()
        doc = json.loads(gzip.decompress(body))
        if doc.get("format") != MANIFEST_FORMAT:
            raise DeployError(f"{key}: not a deploy manifest ({doc.get('format')!r})")
        return doc["files"]

    def get(self, path: str, manifest: dict[str, str] | None = None) -> tuple[bytes, dict] | None:
        """The bytes and headers served at `path` ('a/' means 'a/index.html'); None = 404."""
        files = self.manifest() if manifest is None else manifest
        path = path.lstrip("/")
        if path == "" or path.endswith("/"):
            path += "index.html"
        sha = files.get(path)
        if sha is None:
            return None
        r = self.s3.get_object(Bucket=self.bucket, Key=object_key(self.prefix, path, sha))
        body = r["Body"].read()
        if r.get("ContentEncoding") == "gzip":  # what a browser or HTTP library does
            body = gzip.decompress(body)
        return body, {"ContentType": r.get("ContentType"), "CacheControl": r.get("CacheControl"),
                      "ContentEncoding": r.get("ContentEncoding")}


@dataclass
class Result:
    files: int = 0
    hashed: int = 0  # files read to be hashed (the others' hashes were known: HashCache)
    unchanged: int = 0
    changed: int = 0
    added: int = 0
    removed: int = 0
    objects_needed: int = 0
    uploaded: int = 0
    already_there: int = 0
    bytes_uploaded: int = 0
    deleted: int = 0
    manifest: str = ""
    previous: str | None = None
    switched: bool = False
    sent: list[str] = field(default_factory=list)  # site paths whose object was uploaded

    def figures(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if k != "sent"}

    def sent_by_folder(self) -> dict[str, int]:
        """Uploaded objects by the first folder of their path ('.' for the root)."""
        out: dict[str, int] = {}
        for p in self.sent:
            top = p.split("/", 1)[0] if "/" in p else "."
            out[top] = out.get(top, 0) + 1
        return dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))


def _manifest_bytes(files: dict[str, str]) -> bytes:
    raw = json.dumps({"format": MANIFEST_FORMAT, "files": files}, separators=(",", ":"), sort_keys=True)
    return gzip.compress(raw.encode(), compresslevel=6, mtime=0)


def deploy(site: Path, target: Target, *, s3=None, keep: int = 1, dry_run: bool = False,
           workers: int = 8, progress: Callable[[str], None] | None = None,
           hash_cache: Path | None = None) -> Result:
    """Upload what changed, switch the pointer, delete what no kept generation uses.
    hash_cache: a file remembering the files' hashes between deploys (HashCache)."""
    if keep not in (0, 1):
        raise DeployError("keep is 0 (delete at once) or 1 (keep the previous generation's objects)")
    prefix = target.prefix
    s3 = s3 or client(target)
    live = LiveSite(s3, target.bucket, prefix)
    hashes = HashCache(hash_cache)
    files = hash_site(site, hashes=hashes)
    res = Result(files=len(files), hashed=hashes.read)
    ptr = live.pointer()
    old = live.manifest(ptr["manifest"]) if ptr else {}
    res.previous = ptr["manifest"] if ptr else None
    for path, sha in files.items():
        was = old.get(path)
        if was is None:
            res.added += 1
        elif was == sha:
            res.unchanged += 1
        else:
            res.changed += 1
    res.removed = sum(1 for p in old if p not in files)
    old_keys = {object_key(prefix, p, s) for p, s in old.items()}
    need: dict[str, str] = {}
    for path, sha in files.items():
        key = object_key(prefix, path, sha)
        if key not in old_keys:
            need.setdefault(key, path)
    res.objects_needed = len(need)
    body = _manifest_bytes(files)
    res.manifest = f"{prefix}{MANIFESTS}{hashlib.sha256(body).hexdigest()}.json.gz"
    if dry_run:
        return res

    lock = threading.Lock()

    def put(item: tuple[str, str]) -> None:
        from botocore.exceptions import ClientError  # type: ignore[import-untyped]
        key, path = item
        try:
            s3.head_object(Bucket=target.bucket, Key=key)
            with lock:
                res.already_there += 1
            return
        except ClientError as exc:
            if not _missing(exc):
                raise
        data = stored_bytes(path, (site / path).read_bytes())
        s3.put_object(Bucket=target.bucket, Key=key, Body=data, **headers(path))
        with lock:
            res.uploaded += 1
            res.bytes_uploaded += len(data)
            res.sent.append(path)
            if progress:
                progress(f"put {res.uploaded}/{len(need)} {path}")

    with ThreadPoolExecutor(max_workers=workers) as pool:
        for _ in pool.map(put, sorted(need.items())):
            pass
    s3.put_object(Bucket=target.bucket, Key=res.manifest, Body=body,
                  ContentType="application/json", ContentEncoding="gzip", CacheControl=IMMUTABLE)
    # The switch: one PUT of a small object. Everything it points to is already in place.
    old_manifest, old_previous = (ptr["manifest"], ptr.get("previous")) if ptr else (None, None)
    previous = None
    if keep == 1:
        previous = old_manifest if old_manifest != res.manifest else old_previous
    pointer = {"manifest": res.manifest, "previous": previous, "files": len(files)}
    s3.put_object(Bucket=target.bucket, Key=prefix + POINTER,
                  Body=json.dumps(pointer, indent=1).encode(), ContentType="application/json",
                  CacheControl="no-cache")
    res.switched = True
    hashes.save()  # after the switch: what the next deploy compares with is live
    if progress:
        progress(f"switched {prefix + POINTER} -> {res.manifest}")
    # Garbage: what the generations no longer kept used, and nothing the kept ones use.
    kept: set[str] = {m for m in (res.manifest, previous) if m}
    dropped: set[str] = {m for m in (old_manifest, old_previous) if m} - kept
    if dropped:
        loaded = {res.manifest: files}
        if old_manifest:
            loaded[old_manifest] = old
        for m in (kept | dropped) - set(loaded):
            loaded[m] = live.manifest(m)
        keep_keys = {object_key(prefix, p, h) for m in kept for p, h in loaded[m].items()}
        garbage = {object_key(prefix, p, h) for m in dropped for p, h in loaded[m].items()} - keep_keys
        res.deleted = _delete(s3, target.bucket, sorted(garbage) + sorted(dropped))
    return res


def _delete(s3, bucket: str, keys: Iterable[str]) -> int:
    keys = list(keys)
    n = 0
    for i in range(0, len(keys), 1000):
        batch = keys[i:i + 1000]
        r = s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": k} for k in batch], "Quiet": True})
        errors = r.get("Errors") or []
        if errors:
            raise DeployError(f"could not delete {errors[0].get('Key')}: {errors[0].get('Message')}")
        n += len(batch)
    return n


def sweep(target: Target, *, s3=None) -> int:
    """Delete objects and manifests that no kept generation uses (left by interrupted deploys)."""
    s3 = s3 or client(target)
    live = LiveSite(s3, target.bucket, target.prefix)
    ptr = live.pointer()
    if ptr is None:
        raise DeployError("nothing is deployed there: no pointer, nothing to sweep")
    keep_manifests = {ptr["manifest"], ptr.get("previous")} - {None}
    keep = set(keep_manifests)
    for m in keep_manifests:
        keep |= {object_key(target.prefix, p, s) for p, s in live.manifest(m).items()}
    garbage = []
    for sub in (OBJECTS, MANIFESTS):
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=target.bucket,
                                                                  Prefix=target.prefix + sub):
            garbage += [o["Key"] for o in page.get("Contents", []) if o["Key"] not in keep]
    return _delete(s3, target.bucket, garbage)


def target_from(bucket: str | None, prefix: str | None, endpoint: str | None, region: str | None) -> Target:
    bucket = bucket or os.environ.get("KT_DEPLOY_BUCKET")
    if not bucket:
        raise DeployError("no bucket: pass --bucket or set KT_DEPLOY_BUCKET")
    return Target(bucket=bucket,
                  prefix=Target.normal_prefix(prefix if prefix is not None else os.environ.get("KT_DEPLOY_PREFIX")),
                  endpoint=endpoint or os.environ.get("KT_DEPLOY_ENDPOINT") or None, region=region)


def print_figures(res: Result, out=sys.stdout) -> None:
    for k, v in res.figures().items():
        print(f"{k} {v if v is not None else '-'}", file=out)
