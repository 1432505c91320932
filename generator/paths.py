"""Path safety: every file the pipeline reads or writes by a name that comes from data
(resource paths, decree file names, ids that become output paths, a corrections file's
document_id) goes through inside(): the path is resolved (symbolic links followed, `..`
collapsed) and must then lie inside its root. Checking the last component only is not
enough: a symlinked directory on the way leads out just as well."""
from __future__ import annotations

from pathlib import Path


class UnsafePath(ValueError):
    """A path that leads out of the folder it must stay in."""


def inside(root: Path | str, *parts: str) -> Path:
    """root/parts, resolved; UnsafePath unless the result is root itself or inside it."""
    base = Path(root).resolve()
    for part in parts:
        if not isinstance(part, str) or "\x00" in part:
            raise UnsafePath(f"{part!r} is not a path name")
    target = base.joinpath(*parts).resolve()
    if target != base and not target.is_relative_to(base):
        raise UnsafePath(f"{'/'.join(parts)!r} leads out of {base}")
    return target


def is_inside(root: Path | str, *parts: str) -> bool:
    try:
        inside(root, *parts)
    except UnsafePath:
        return False
    return True
