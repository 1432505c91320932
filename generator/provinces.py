"""The model one province at a time, for the per-agency work after mkdocs.

After validation every package's rows are in memory once, for the model that the
downloads, the related-indicator index and the section pages are made from. The agency
pages, the search source pages and the explorer's rows need each agency whole, but only
one agency at a time: so the build spills each province's packages to disk (`Provinces`,
marshal in a `spill.Spill`), lets the nation's model go, and gives those steps the model
of one province at a time, read back and built again (`model.build_model`: the same
agencies, decrees and rows as in the nation's model). Memory then holds one province's
model after mkdocs, not the nation's (docs/scale.md, "Memory bounded by a province").

A province's model holds every agency whose region is in the province, with every decree
that names it: a decree that names agencies of several provinces (one decree, several
perangkat daerah) joins their provinces into one group.
"""
from __future__ import annotations

import gc
import marshal
from collections.abc import Iterator
from pathlib import Path

from .load import Source
from .model import Agency, Portal, build_model
from .spill import Spill, Spilled


def province_groups(portal: Portal) -> list[list[str]]:
    """The packages by province (Portal.region_code of each agency a decree names; 'x' for
    no province), provinces a decree joins in one group; groups and packages sorted."""
    parent: dict[str, str] = {}

    def find(c: str) -> str:
        while parent.setdefault(c, c) != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    of_package: dict[str, str] = {}
    for doc in portal.documents:
        codes = sorted({portal.region_code(a.province) for a in [doc.agency, *doc.agencies] if a is not None})
        for c in codes[1:]:
            parent[find(c)] = find(codes[0])
        of_package[doc.package] = codes[0]
    groups: dict[str, list[str]] = {}
    for package, code in of_package.items():
        groups.setdefault(find(code), []).append(package)
    return [sorted(groups[g]) for g in sorted(groups)]


class Provinces:
    """The sources of each province group, on disk; iterate for one group's model at a time."""

    def __init__(self, sources: list[Source], portal: Portal, folder: Path | None = None):
        by_name = {s.name: s for s in sources}
        self.spill = Spill(folder)
        self.groups: list[Spilled | bytes] = []
        for names in province_groups(portal):
            self.groups.append(self.spill.put(marshal.dumps(
                [(s.name, str(s.path), s.descriptor, s.tables, {k: str(v) for k, v in s.files.items()}, s.digest)
                 for s in (by_name[n] for n in names)])))

    def __len__(self) -> int:
        return len(self.groups)

    def sources(self, k: int) -> list[Source]:
        return [Source(name, Path(path), descriptor, tables, {r: Path(f) for r, f in files.items()}, digest)
                for name, path, descriptor, tables, files, digest in marshal.loads(bytes(self.groups[k]))]

    def __iter__(self) -> Iterator[list[Agency]]:
        """Each group's agencies, whole (sorted by id, as in the nation's model): one group's
        model is held at a time (the previous one is let go before the next is read)."""
        # what lives now (mkdocs' state, the renderers, the steps before) is left out of the
        # collections below, which then scan one group's model, not the whole process: 64
        # collections took ~6 of the 50 CPU s of a build at --nation 0.003
        gc.collect()
        gc.freeze()
        try:
            for k in range(len(self.groups)):
                agencies = build_model(self.sources(k)).agencies
                yield agencies
                del agencies
                # the model's cycles (agency <-> decrees, goals), before the next group is read
                gc.collect()
        finally:
            gc.unfreeze()

    def close(self) -> None:
        self.spill.close()
