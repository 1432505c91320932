"""Content-addressed build cache: work is skipped when its inputs' hash was seen before.

A build step asks for `cache.key(step, *inputs)`: a SHA-256 of the code fingerprint (every
file under generator/ and overrides/, mkdocs.yml, the dependency lock, and the Python
interpreter's version and marshal format, since entries are stored with marshal), the
step's name and its inputs. What is stored under a key is exactly what the step would compute, so a
build from a warm cache is byte-identical to a build without one (tests/test_cache.py
checks it). Nothing is ever invalidated by hand: a changed input is a new key. Entries
are written to a temporary name and renamed, so an interrupted build leaves no half entry.

`Cache(None)` is the disabled cache (every lookup misses, nothing is written): builds
without `--cache` behave exactly as before.

Layout: <dir>/<step>/<key[:2]>/<key>[.suffix]. Province shards (generator/shards.py)
fill the same layout, so merging shards is copying their cache folders together.
"""
from __future__ import annotations

import hashlib
import json
import marshal
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FINGERPRINTED = ("generator", "overrides")
FINGERPRINTED_FILES = ("mkdocs.yml", "requirements/main.txt")
_FINGERPRINT: str | None = None
# folders in the cache that are not content-addressed entries (prune leaves them): compiled
# templates (Jinja checks their source)
UNMANAGED = {"jinja"}


def runtime_fingerprint() -> str:
    """The interpreter that reads the entries back: marshal's format is only guaranteed
    within one Python version (and a build of another implementation may differ)."""
    return f"{sys.implementation.name} {sys.version} marshal {marshal.version}"


def code_fingerprint() -> str:
    """Hash of the code, templates and theme that turn data into the site, and of the
    interpreter that runs them."""
    global _FINGERPRINT
    if _FINGERPRINT is None:
        h = hashlib.sha256(runtime_fingerprint().encode() + b"\0")
        paths = [p for d in FINGERPRINTED for p in sorted((ROOT / d).rglob("*"))
                 if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"]
        paths += [ROOT / f for f in FINGERPRINTED_FILES if (ROOT / f).is_file()]
        for p in paths:
            h.update(str(p.relative_to(ROOT)).encode() + b"\0" + p.read_bytes() + b"\0")
        _FINGERPRINT = h.hexdigest()
    return _FINGERPRINT


def digest(*parts) -> str:
    """SHA-256 of parts: bytes and str as they are, anything else as canonical JSON (never
    marshal or pickle, whose bytes depend on object identity, not only on value)."""
    h = hashlib.sha256()
    for p in parts:
        if isinstance(p, bytes):
            b = p
        elif isinstance(p, str):
            b = p.encode()
        else:
            b = json.dumps(p, ensure_ascii=False, separators=(",", ":"), default=str).encode()
        h.update(len(b).to_bytes(8, "little") + b)
    return h.hexdigest()


def doc_digest(doc) -> str:
    """What a decree's tables and descriptor hash to: its package's bytes when it was read
    from disk (no need to serialise the rows again), else the rows themselves. The part of
    every per-decree cache key (downloads, search sources, content checksums)."""
    return doc.digest or digest(doc.descriptor, doc.tables)


_OPEN: dict[str, Cache] = {}  # folder -> the Cache last opened on it in this process


class Cache:
    def __init__(self, root: Path | None):
        self.root = Path(root) if root else None
        self.used: set[Path] = set()  # entries read or written by this build (see prune)
        self.kept: set[tuple[str, str]] = set()  # (step, file name) of entries used unread (keep)
        if self.root is not None:
            _OPEN[str(self.root)] = self

    @staticmethod
    def at(folder: str | Path) -> Cache:
        """The cache of this folder that the running build opened (so that what a step it
        does not call directly reads, e.g. mkdocs' hook, counts as used for prune), or a
        new one."""
        return _OPEN.get(str(folder)) or Cache(Path(folder))

    @property
    def enabled(self) -> bool:
        return self.root is not None

    @property
    def folder(self) -> Path:
        """The cache's folder (only asked of an enabled cache)."""
        if self.root is None:
            raise ValueError("the disabled cache has no folder")
        return self.root

    def key(self, step: str, *inputs) -> str:
        return digest(code_fingerprint(), step, *inputs)

    def path(self, step: str, key: str, suffix: str = "") -> Path:
        return self.folder / step / key[:2] / (key + suffix)

    def get(self, step: str, key: str):
        """The stored object (marshal), or None."""
        if not self.enabled:
            return None
        p = self.path(step, key, ".m")
        try:
            data = p.read_bytes()
        except FileNotFoundError:
            return None
        self.used.add(p)
        return marshal.loads(data)

    def put(self, step: str, key: str, value) -> None:
        if self.enabled:
            self._write(self.path(step, key, ".m"), marshal.dumps(value))
            self.used.add(self.path(step, key, ".m"))

    def put_marshalled(self, step: str, key: str, data: bytes) -> None:
        """put, for a value marshalled already."""
        if self.enabled:
            self._write(self.path(step, key, ".m"), data)
            self.used.add(self.path(step, key, ".m"))

    def keep(self, step: str, keys) -> None:
        """Count entries (put or get's) as used by this build without reading them: prune
        leaves them (a scan reads an unchanged page's result only when it needs it)."""
        self.kept.update((step, key + ".m") for key in keys)

    def get_dir(self, step: str, key: str) -> Path | None:
        """A stored folder of files (see put_files), or None."""
        if not self.enabled:
            return None
        p = self.path(step, key)
        if p.is_dir():
            self.used.add(p)
            return p
        return None

    def put_files(self, step: str, key: str, files: list[tuple[str, bytes]]) -> None:
        """Store files (relative path, bytes) as one folder, renamed into place at once."""
        self._put(step, key, [(rel, partial(_write_file, data)) for rel, data in files])

    def put_paths(self, step: str, key: str, files: list[tuple[str, Path]]) -> None:
        """put_files from files already written (relative path, file): hard links (copies
        across file systems), so a large file is never read into memory to be stored."""
        self._put(step, key, [(rel, partial(_link_file, src)) for rel, src in files])

    def _put(self, step: str, key: str, makers: list[tuple[str, Callable[[Path], object]]]) -> None:
        if not self.enabled:
            return
        final = self.path(step, key)
        self.used.add(final)
        if final.is_dir():
            return
        self._store(final, makers)

    @staticmethod
    def _store(final: Path, files: list[tuple[str, Callable[[Path], object]]]) -> None:
        """Each file made by its function in a temporary folder, renamed to final at once."""
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=final.parent))
        for rel, make in files:
            out = tmp / rel
            out.parent.mkdir(parents=True, exist_ok=True)
            make(out)
        try:
            tmp.rename(final)
        except OSError:  # another process stored the same key first: same content
            shutil.rmtree(tmp, ignore_errors=True)

    def prune(self) -> int:
        """Delete the entries this build did not use (a cache kept across commits, as CI's,
        would otherwise grow with every change). Returns the number deleted."""
        if self.root is None or not self.root.is_dir():
            return 0
        n = 0
        for step in self.root.iterdir():
            if not step.is_dir() or step.name in UNMANAGED:
                continue
            for shard in (d for d in step.iterdir() if d.is_dir()):
                for entry in shard.iterdir():
                    if entry not in self.used and (step.name, entry.name) not in self.kept:
                        shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
                        n += 1
        return n

    def write_file(self, name: str, data: bytes) -> None:
        """A file of the cache folder that is not a content-addressed entry (prune leaves
        files at the top alone), written whole or not at all."""
        if self.enabled:
            self._write(self.folder / name, data)

    def _write(self, path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)


def _write_file(data: bytes, out: Path) -> None:
    out.write_bytes(data)


def _link_file(src: Path, out: Path) -> None:
    try:
        os.link(src, out)
    except OSError:
        shutil.copyfile(src, out)


def link_tree(src: Path, dest: Path) -> None:
    """Put the files of src into dest as hard links (copies across file systems). Cached
    files are never written in place, so sharing their inodes with the site is safe."""
    _link_dir(os.fspath(src), os.fspath(dest))


def _link_dir(src: str, dest: str) -> None:
    os.makedirs(dest, exist_ok=True)
    with os.scandir(src) as entries:
        for e in entries:
            target = os.path.join(dest, e.name)
            if e.is_dir(follow_symlinks=False):
                _link_dir(e.path, target)
                continue
            try:
                os.link(e.path, target)
            except FileExistsError:
                os.unlink(target)
                os.link(e.path, target)
            except OSError:
                shutil.copyfile(e.path, target)
