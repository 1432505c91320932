"""Honest versions: is the data being published the last release's, or has it changed since?

The content checksum of a decree is the SHA-256 of the list of its resources' CSV digests,
each CSV written as a release writes it (`<sha256>  <resource>.csv` lines, in resource
order); the portal's is the SHA-256 of the sorted `<sha256>  <decree id>` lines. A release's
checksums come from its release.json (`content`, written by `make release`) or, for a
release frozen before that field existed, from its per-decree zips.

Data equal to the last release carries that release's version; anything else carries
`unreleased+<first 12 hex digits of its checksum>` and says so ("berubah sejak rilis X,
belum dirilis"): on every page, in the catalogue, the descriptors and the cite box.
"""
from __future__ import annotations

import hashlib
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path

from . import i18n
from .cache import doc_digest
from .datapackage import RESOURCES, csv_bytes, header

RELEASED, CHANGED, ADDED, UNRELEASED = "released", "changed", "added", "unreleased"


@dataclass(frozen=True)
class Status:
    """What one dataset (a decree, or the whole portal) is, measured against the last release."""
    state: str  # RELEASED: the release's data; CHANGED since it; ADDED after it; UNRELEASED: no release yet
    sha256: str  # the content checksum of the data as published now
    release: str = ""  # the last release's version ("" when there is none)
    date: str = ""  # its date

    @property
    def version(self) -> str:
        """The release's version, or 'unreleased+<short checksum>': never empty."""
        return self.release if self.state == RELEASED else f"unreleased+{self.sha256[:12]}"

    @property
    def changed(self) -> bool:
        return self.state != RELEASED

    def text(self, lang: str) -> str:
        """'berubah sejak rilis 1.0.0, belum dirilis' / 'changed since release 1.0.0, not yet released'."""
        return i18n.STRINGS[lang]["status." + self.state].format(release=self.release)

    def as_dict(self) -> dict:
        return asdict(self) | {"version": self.version}

    @classmethod
    def from_dict(cls, d: dict) -> Status:
        return cls(d["state"], d["sha256"], d.get("release", ""), d.get("date", ""))


def lines_sha256(pairs) -> str:
    return hashlib.sha256("".join(f"{h}  {name}\n" for h, name in pairs).encode()).hexdigest()


def content_sha256(csvs: dict[str, bytes]) -> str:
    """A decree's content checksum from its resources' CSV bytes ({resource: bytes})."""
    return lines_sha256((hashlib.sha256(csvs.get(r, b"")).hexdigest(), f"{r}.csv") for r in RESOURCES)


def portal_sha256(documents: dict[str, str]) -> str:
    """The portal's content checksum from its decrees' ({decree id: checksum})."""
    return lines_sha256((documents[d], d) for d in sorted(documents))


def document_csvs(tables: dict[str, list[dict]], schemas: dict) -> dict[str, bytes]:
    """Each resource's CSV as a release writes it (generator/release.py)."""
    return {r: csv_bytes(header(schemas[r]), tables.get(r, [])) for r in RESOURCES}


def document_sha256(doc, schemas: dict, cache=None) -> str:
    """A decree's content checksum now; cached under its rows' digest and the schemas."""
    key = None
    if cache is not None and cache.enabled:
        key = cache.key("content-sha256", schemas, doc.id, doc_digest(doc))
        hit = cache.get("content-sha256", key)
        if hit is not None:
            return hit
    value = content_sha256(document_csvs(doc.tables, schemas))
    if key is not None:
        cache.put("content-sha256", key, value)
    return value


def zip_sha256(path: Path) -> str:
    """A frozen package zip's content checksum (its `<resource>.csv` entries, at the root or
    in one folder)."""
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        csvs = {}
        for r in RESOURCES:
            name = next((n for n in names if n == f"{r}.csv" or n.endswith(f"/{r}.csv")), None)
            if name is not None:
                csvs[r] = zf.read(name)
    return content_sha256(csvs)


def release_content(folder: Path, record: dict) -> dict[str, str]:
    """{decree id: content checksum} of a frozen release."""
    stored = (record.get("content") or {}).get("documents")
    if stored:
        return dict(stored)
    return {d: zip_sha256(folder / f"{d}.zip") for d in record.get("documents", [])
            if (folder / f"{d}.zip").is_file()}


@dataclass(frozen=True)
class Versions:
    portal: Status
    documents: dict[str, Status]

    def of(self, doc_id: str) -> Status:
        return self.documents[doc_id]


def compare(now: dict[str, str], record: dict | None, then: dict[str, str] | None) -> Versions:
    """The statuses of the decrees ({id: checksum now}) and of the portal against a release
    (its record and {id: checksum then}); record None: there is no release."""
    if record is None:
        return Versions(Status(UNRELEASED, portal_sha256(now)),
                        {d: Status(UNRELEASED, h) for d, h in now.items()})
    then = then or {}
    rel, date = record["version"], record.get("date", "")

    def state(d: str) -> str:
        if d not in then:
            return ADDED
        return RELEASED if then[d] == now[d] else CHANGED
    docs = {d: Status(state(d), h, rel, date) for d, h in now.items()}
    whole = portal_sha256(now)
    same = set(now) == set(then) and all(s.state == RELEASED for s in docs.values())
    return Versions(Status(RELEASED if same else CHANGED, whole, rel, date), docs)


def data_versions(documents: list, schemas: dict, releases_root: Path | None, cache=None) -> Versions:
    """The data's versions against the newest release under releases_root."""
    return versions_of({d.id: document_sha256(d, schemas, cache) for d in documents}, releases_root)


def versions_of(now: dict[str, str], releases_root: Path | None) -> Versions:
    """The data's versions from its decrees' content checksums ({decree id: checksum}, as
    document_sha256 gives them) against the newest release under releases_root."""
    from .releases import releases

    records = releases(releases_root) if releases_root is not None and releases_root.is_dir() else []
    if not records:
        return compare(now, None, None)
    last = records[-1]
    return compare(now, last, release_content(releases_root / last["version"], last))
