"""Decree revisions: the indicator-level difference between two decrees of one agency."""
from __future__ import annotations

from dataclasses import dataclass, field

from .model import Document, Indicator
from .related import key


@dataclass
class Diff:
    old: Document
    new: Document
    added: list[Indicator] = field(default_factory=list)
    removed: list[Indicator] = field(default_factory=list)
    reworded: list[tuple[Indicator, Indicator]] = field(default_factory=list)
    target_changed: list[tuple[Indicator, Indicator]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.reworded or self.target_changed)


def _where(ind: Indicator) -> str:
    return (ind.position.title if ind.position else "IKU").strip().lower()


def _similarity(a: Indicator, b: Indicator) -> float:
    ka, kb = key(a.name), key(b.name)
    return len(ka & kb) / len(ka | kb) if ka | kb else 0.0


def diff(old: Document, new: Document) -> Diff:
    """Same words (any case/order) under the same position = the same indicator; its target
    may have changed. Left-overs in the same position that share most of their words
    (Jaccard > 0.5) = reworded; the rest are added or removed."""
    d = Diff(old, new)
    pool: dict[tuple[str, frozenset[str]], list[Indicator]] = {}
    for ind in old.indicators:
        pool.setdefault((_where(ind), key(ind.name)), []).append(ind)
    unmatched_new = []
    for ind in new.indicators:
        bucket = pool.get((_where(ind), key(ind.name)))
        if bucket:
            before = bucket.pop(0)
            if (before.target or "") != (ind.target or ""):
                d.target_changed.append((before, ind))
        else:
            unmatched_new.append(ind)
    unmatched_old = [i for b in pool.values() for i in b]
    by_place: dict[str, list[Indicator]] = {}
    for ind in unmatched_old:
        by_place.setdefault(_where(ind), []).append(ind)
    for ind in unmatched_new:
        candidates = by_place.get(_where(ind), [])
        best = max(candidates, key=lambda o: _similarity(o, ind), default=None)
        if best is not None and _similarity(best, ind) > 0.5:
            candidates.remove(best)
            d.reworded.append((best, ind))
        else:
            d.added.append(ind)
    d.removed = [i for b in by_place.values() for i in b]
    d.removed.sort(key=lambda i: i.order)
    return d


def history(documents: list[Document]) -> list[Diff]:
    """Diffs along the supersedes chain, oldest first."""
    by_id = {d.id: d for d in documents}
    return [diff(by_id[d.supersedes], d) for d in documents if d.supersedes and d.supersedes in by_id]
