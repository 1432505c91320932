"""Where a build may write: the --out guard, the marker of a build's output, and the
staging folders a killed build left behind.

A build replaces --out as a whole, so --out is refused when it is (or contains) the data
packages, the decree texts, the repository, an existing file, or a non-empty folder
that no build wrote (recognised by the marker file every build puts in its output).
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from .errors import GeneratorError

MARKER = ".kinerja-terbuka-build"
MARKER_TEXT = "Written by `python -m generator build`: the next build replaces this whole folder.\n"


class OutputRefused(GeneratorError):
    """--out points somewhere a build must not replace (exit 1, nothing written)."""


def check_out(out: Path, protected: dict[str, Path]) -> Path:
    """The resolved --out, or OutputRefused saying why it cannot be replaced.
    protected: name -> folder the build reads (packages, decrees, repository...)."""
    target = Path(out).resolve()
    for what, folder in protected.items():
        if folder is None:
            continue
        folder = Path(folder).resolve()
        if folder == target or folder.is_relative_to(target):
            raise OutputRefused(f"--out {out} would replace {what} ({folder}): choose an output folder of its own")
        if target.is_relative_to(folder) and what != "the repository":
            raise OutputRefused(f"--out {out} lies inside {what} ({folder}): choose an output folder of its own")
    if target.is_file() or target.is_symlink():
        raise OutputRefused(f"--out {out} is an existing file, not a build output folder")
    if target.is_dir():
        if (target / ".git").exists():
            raise OutputRefused(f"--out {out} is a git repository: a build would delete it")
        if any(target.iterdir()) and not is_build(target):
            raise OutputRefused(f"--out {out} is a folder that holds files no build wrote (no {MARKER} in it): "
                                "empty it or choose another folder")
    return target


def is_build(folder: Path) -> bool:
    """A folder a build wrote: its marker, or (written before there was a marker) the
    shape of a built site or of the docs-only output of `serve`."""
    if (folder / MARKER).is_file():
        return True
    site = all((folder / p).is_file() for p in ("index.html", "sitemap.xml", "unduh/SHA256SUMS"))
    docs = all((folder / p).is_file() for p in ("id/index.md", "en/index.md"))
    return site or docs


def mark(folder: Path) -> None:
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def staging_prefix(out: Path) -> str:
    return f".{out.name}-staging-{os.getpid()}-"


def clean_stale(out: Path) -> list[Path]:
    """Remove the staging and old-site folders of builds that are no longer running
    (killed before they could clean up); a running build's folders are left alone."""
    removed: list[Path] = []
    if not out.parent.is_dir():
        return removed
    for prefix in (f".{out.name}-staging-", f".{out.name}-old-"):
        for d in out.parent.glob(prefix + "*"):
            pid = d.name[len(prefix):].split("-", 1)[0]
            if d.is_dir() and not d.is_symlink() and not _running(pid):
                shutil.rmtree(d, ignore_errors=True)
                removed.append(d)
    return removed


def _running(pid: str) -> bool:
    if not pid.isdigit():
        return False  # an older build's folder (no pid in its name)
    if int(pid) == os.getpid():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
