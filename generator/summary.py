"""What the portal-wide pages read of every agency, without its rows: a summary per agency
(names, regions, its decrees' rows and counts, its quality shares, computed once), and of
the portal (agencies, decrees, regions, counts).

The home, agencies, explorer, downloads, quality, province and kabupaten/kota pages, the
tile map, the explorer's facets, the DCAT catalogue and the downloads page's JSON-LD read
these instead of the model, so the model of every province need not be held for them
(docs/scale.md, "Memory bounded by a province"). A summary reads like the model where
those pages read it (`agency.current.signed_on`, `agency.province.name`, a decree's row
fields such as `instrument`), and its counts are what `len()` of the model's lists gives
(`n_indicators`, `n_positions`, `n_iku`: the model's Document has the same properties).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from .model import Agency, DecreeFields, Document, Portal, Region, RowFields, group_provinces
from .quality import Quality, quality


@dataclass
class DocSummary(DecreeFields):
    """A decree without its rows: its documents row and the counts of its (or, for one
    agency's view of a several-agency decree, that agency's) positions and indicators."""
    digest: str
    n_positions: int
    n_indicators: int
    n_iku: int


@dataclass
class AgencySummary(RowFields):
    row: dict
    id: str
    name: str
    kind: str
    region_code: str
    flags: tuple[str, ...]
    regions: list[Region]
    documents: list[DocSummary]
    current: DocSummary  # the decree in force (Agency.current), one of documents
    quality: Quality | None = None  # computed once (summarise_agency)

    @property
    def province(self) -> Region | None:
        return next((r for r in self.regions if r.level == "provinsi"), None)

    @property
    def kabupaten(self) -> Region | None:
        return next((r for r in self.regions if r.level in ("kabupaten", "kota")), None)


AnyAgency = Agency | AgencySummary  # what the portal-wide pages, catalogue and DCAT accept


@dataclass
class PortalSummary:
    """The portal as its section pages see it: every agency's and decree's summary."""
    agencies: list[AgencySummary]
    documents: list[DocSummary]
    regions: dict[str, Region]
    n_positions: int
    n_indicators: int

    region_code = staticmethod(Portal.region_code)

    def provinces(self) -> list[tuple[Region | None, list[tuple[Region | None, list[AgencySummary]]]]]:
        """Agencies grouped province -> kabupaten/kota, sorted by name (as Portal.provinces)."""
        return group_provinces(self.agencies, self.regions)


def summarise_doc(doc: Document) -> DocSummary:
    return DocSummary(doc.row, doc.id, doc.kind, doc.signed_on, doc.period_start, doc.period_end, doc.flags,
                      doc.package, doc.digest, doc.n_positions, doc.n_indicators, doc.n_iku)


def summarise_agency(agency: Agency) -> AgencySummary:
    """One agency's summary; its quality shares computed here, once for every page."""
    docs = [summarise_doc(d) for d in agency.documents]
    current = agency.current
    out = AgencySummary(agency.row, agency.id, agency.name, agency.kind, agency.region_code, agency.flags,
                        agency.regions, docs, next(s for d, s in zip(agency.documents, docs) if d is current))
    out.quality = replace(quality(agency), agency=out)  # type: ignore[arg-type]
    return out


def summarise(portal: Portal) -> PortalSummary:
    """The whole model's summary."""
    return combine(portal.regions, [summarise_agency(a) for a in portal.agencies],
                   [summarise_doc(d) for d in portal.documents])


def combine(regions: dict[str, Region], agencies: Iterable[AgencySummary],
            documents: Iterable[DocSummary]) -> PortalSummary:
    """A portal's summary from its agencies' and decrees' summaries (in any order: sorted by
    id, as the model is)."""
    docs = sorted(documents, key=lambda d: d.id)
    return PortalSummary(sorted(agencies, key=lambda a: a.id), docs, regions,
                         sum(d.n_positions for d in docs), sum(d.n_indicators for d in docs))


AnyPortal = Portal | PortalSummary
