"""Data quality per agency: how complete each decree's indicators are, and its defects."""
from __future__ import annotations

from dataclasses import dataclass

from .model import Agency


@dataclass
class Quality:
    agency: Agency
    indicators: int
    formula: float
    data_source: float
    target: float
    responsible: float
    flags: tuple[str, ...]
    flagged_positions: int
    flagged_indicators: int


def share(items, test) -> float:
    items = list(items)
    return round(100 * sum(1 for i in items if test(i)) / len(items), 1) if items else 0.0


def quality(agency: Agency) -> Quality:
    doc = agency.current
    inds = doc.indicators
    return Quality(agency, len(inds),
                   share(inds, lambda i: bool(i.formula)), share(inds, lambda i: bool(i.data_source)),
                   share(inds, lambda i: bool(i.target)), share(inds, lambda i: bool(i.responsible)),
                   tuple(sorted(set(agency.flags) | set(doc.flags))),
                   sum(1 for p in doc.positions if p.flags), sum(1 for i in inds if i.flags))
