"""Stage 5: downloads. Every file comes from the same validated packages as the pages,
and every file is byte-reproducible (fixed zip timestamps, sorted entries, fixed XLSX
properties)."""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from .cache import Cache, digest, link_tree
from .datapackage import RESOURCES, csv_bytes, descriptor, json_bytes, merge_tables
from .descriptors import agency_contributor, decree_source, published
from .model import Portal
from .paths import UnsafePath, inside
from .xlsx import (
    HEADER_STYLE,
    SHEET_HEAD,
    SHEET_TAIL,
    row_xml,
    sheet_xml,
    workbook_from_pieces,
)
from .zipfiles import deflate_piece, pieces_zip

DOWNLOADS = "unduh"
ALL = "semua"


@dataclass
class FileInfo:
    url: str  # site-relative
    name: str
    label: str
    format: str
    size: int
    sha256: str


def typed(value: str, ftype: str):
    if value == "":
        return None
    if ftype == "integer":
        return int(value)
    if ftype == "number":
        f = float(value)
        return int(f) if f.is_integer() else f
    return value


def typed_rows(rows: list[dict], schema: dict) -> list[dict]:
    types = {f["name"]: f.get("type", "string") for f in schema["fields"]}
    return [{k: typed(r.get(k, ""), t) for k, t in types.items()} for r in rows]


def xlsx_info_rows(schemas: dict[str, dict]) -> list[list]:
    """The 'keterangan' sheet: every field of every resource explained."""
    info = [["sheet", "kolom / field", "tipe / type", "keterangan / description", "nilai / values"]]
    for name in RESOURCES:
        for f in schemas[name]["fields"]:
            info.append([name, f["name"], f.get("type", "string"), f.get("description", ""),
                         ", ".join(f.get("categories", []))])
    return info


def xlsx_bytes(tables: dict[str, list[dict]], schemas: dict[str, dict], title: str) -> bytes:
    """One sheet per resource plus 'keterangan' explaining every field. Text stays text.
    The same writer as the downloads (pieces), for any rows."""
    return workbook(schemas, title, {n: [deflate_piece(row_formats(tables.get(n, []), schemas[n])[2])]
                                     for n in RESOURCES})


def workbook(schemas: dict[str, dict], title: str, rows: dict[str, list], info=None) -> bytes:
    """The XLSX of a bundle from each resource's sheet rows as deflated pieces."""
    sheets = [[info or deflate_piece(sheet_xml(xlsx_info_rows(schemas)))]]
    for name in RESOURCES:
        head = (SHEET_HEAD + row_xml([f["name"] for f in schemas[name]["fields"]], HEADER_STYLE)).encode()
        sheets.append([deflate_piece(head)] + rows[name] + [deflate_piece(SHEET_TAIL.encode())])
    return workbook_from_pieces(["keterangan", *RESOURCES], title, sheets)


def row_formats(rows: list[dict], schema: dict) -> tuple[bytes, bytes, bytes]:
    """Rows as a CSV body (no header), JSON array items (no brackets) and sheet XML rows:
    each concatenates with the same of other rows into the whole table."""
    header = [f["name"] for f in schema["fields"]]
    body = csv_bytes(header, rows)[len(csv_bytes(header, [])):]
    typed = typed_rows(rows, schema)
    items = json.dumps(typed, ensure_ascii=False, separators=(",", ":"))[1:-1].encode("utf-8")
    xml = "".join(row_xml([r[h] for h in header]) for r in typed).encode("utf-8")
    return body, items, xml


SHARED = ("regions", "agencies")  # rows several packages may hold: merged from the rows
CONCATENATED = tuple(r for r in RESOURCES if r not in SHARED)  # ids are unique across packages


def table_parts(tables: dict[str, list[dict]], schemas: dict[str, dict]) -> dict:
    """One package's rows in every whole-portal format, ready to be concatenated: CSV body
    (no header), JSON array items, XLSX sheet rows (deflated in a piece), CSV deflated."""
    parts = {}
    for name in CONCATENATED:
        body, items, xml = row_formats(tables.get(name, []), schemas[name])
        parts[name] = {"csv": body, "json": items, "csv_z": deflate_piece(body), "xml_z": deflate_piece(xml)}
    return parts


def doc_digest(doc) -> str:
    """What a decree's tables and descriptor hash to: its package's bytes when it was read
    from disk (no need to serialise the rows again), else the rows themselves."""
    return doc.digest or digest(doc.descriptor, doc.tables)


class Exporter:
    """Writes the downloads into out_dir (site-relative URLs under unduh/).

    Each decree's bundle is cached under the hash of its tables and descriptor, with the
    pieces the whole-portal bundle is assembled from, so after a change only the changed
    decree is exported again and the whole-portal files are concatenations."""

    def __init__(self, portal: Portal, schemas: dict[str, dict], out_dir: Path, package_meta: dict,
                 cache: Cache | None = None):
        self.portal, self.schemas, self.out_dir = portal, schemas, out_dir
        self.meta = package_meta  # licence, version etc. for the merged package
        self.cache = cache or Cache(None)
        self.info_piece = deflate_piece(sheet_xml(xlsx_info_rows(schemas)))  # the same in every workbook

    def document(self, doc) -> tuple[list[dict], dict]:
        """The decree's downloads (written to out_dir) and its whole-portal pieces."""
        descriptor = self.document_descriptor(doc)
        key = self.cache.key("export", self.schemas, doc.id, doc_digest(doc), descriptor)
        entry = self.cache.get("export", key)
        stored = self.cache.get_dir("export-files", key) if entry is not None else None
        if entry is not None and stored is not None:
            link_tree(stored, self.out_dir)
            return entry["files"], entry["parts"]
        parts = table_parts(doc.tables, self.schemas)
        bundle = self._assemble(f"{DOWNLOADS}/{doc.id}", doc.id, descriptor, doc.descriptor.get("title", doc.id),
                                {n: doc.tables.get(n, []) for n in SHARED}, [parts])
        bundle += flat_files(f"{DOWNLOADS}/{doc.id}", [doc])
        files, stored_files = [], []
        for url, chunks, label, fmt in bundle:
            files.append(asdict(self._write_parts(url, chunks, label, fmt)))
            stored_files.append((url, b"".join(chunks)))
        self.cache.put_files("export-files", key, stored_files)
        self.cache.put("export", key, {"files": files, "parts": parts})
        return files, parts

    def export_all(self) -> dict:
        manifest: dict = {"_groups": []}
        pieces = []
        for doc in self.portal.documents:
            files, parts = self.document(doc)
            pieces.append(parts)
            manifest[doc.id] = files
            manifest["_groups"].append({"id": doc.id, "title": doc.agency.name or doc.id, "files": files})
        descriptor = self.merged_descriptor()
        shared = merge_tables([{n: d.tables.get(n, []) for n in SHARED} for d in self.portal.documents])
        files = [asdict(self._write_parts(*f)) for f in self._assemble(
            f"{DOWNLOADS}/{ALL}", "kinerja-terbuka", descriptor, descriptor["title"], shared, pieces)]
        files += self.typed_files(shared, pieces)
        manifest[ALL] = files
        manifest["_groups"].insert(0, {"id": ALL, "title": descriptor["title"], "files": files})
        sums = "".join(f"{f['sha256']}  {f['url'][len(DOWNLOADS) + 1:]}\n"
                       for g in manifest["_groups"] for f in g["files"])
        path = self.out_dir / DOWNLOADS / "SHA256SUMS"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(sums.encode())
        return manifest

    def _assemble(self, base: str, stem: str, descriptor: dict, title: str, shared: dict[str, list[dict]],
                  pieces: list[dict]) -> list[tuple[str, list[bytes], str, str]]:
        """(url, chunks, label, format) of a bundle: the data package as a zip, XLSX, JSON and
        one CSV per resource, from the packages' pieces (table_parts) and the rows of the
        shared resources as they are to be written. A decree's own bundle is one package's
        pieces; the whole portal's is every package's, in order."""
        csvs, csv_z, xml, json_items = {}, {}, {}, {}
        for name in RESOURCES:
            head = csv_bytes([f["name"] for f in self.schemas[name]["fields"]], [])
            if name in SHARED:
                body, items, rows_xml = row_formats(shared[name], self.schemas[name])
                own = [{"csv": body, "json": items, "csv_z": deflate_piece(body), "xml_z": deflate_piece(rows_xml)}]
            else:
                own = [p[name] for p in pieces]
            csvs[name] = [head] + [p["csv"] for p in own]
            csv_z[name] = [deflate_piece(head)] + [p["csv_z"] for p in own]
            json_items[name] = [p["json"] for p in own]
            xml[name] = [p["xml_z"] for p in own]
        # datapackage.json at the zip's root: frictionless.Package("x.zip") opens it
        zip_entries = [("datapackage.json", [deflate_piece(json_bytes(descriptor))])]
        zip_entries += [(f"{name}.csv", csv_z[name]) for name in RESOURCES]
        zip_entries.sort(key=lambda e: e[0])
        prefix = json.dumps({"name": descriptor["name"], "title": descriptor.get("title", ""),
                             "licenses": descriptor.get("licenses", [])},
                            ensure_ascii=False, separators=(",", ":"))[:-1] + ',"resources":{'
        chunks = [prefix.encode()]
        for i, name in enumerate(RESOURCES):
            chunks.append(("," if i else "").encode() + json.dumps(name).encode() + b":[")
            chunks.append(b",".join(j for j in json_items[name] if j))
            chunks.append(b"]")
        chunks.append(b"}}\n")
        out = [(f"{base}/{stem}.zip", [pieces_zip(zip_entries)], "ZIP (Data Package)", "Frictionless Data Package (zip)"),
               (f"{base}/{stem}.xlsx", [workbook(self.schemas, title, xml, self.info_piece)], "XLSX", "Excel (XLSX)"),
               (f"{base}/{stem}.json", chunks, "JSON", "JSON")]
        out += [(f"{base}/{name}.csv", csvs[name], f"CSV {name}", "CSV (UTF-8)") for name in RESOURCES]
        # served beside the CSVs (relative paths): a package loadable by URL
        out.append((f"{base}/datapackage.json", [json_bytes(descriptor)], "datapackage.json",
                    "Frictionless Data Package (descriptor)"))
        return out

    def typed_files(self, shared: dict[str, list[dict]], pieces: list[dict]) -> list[dict]:
        """The whole portal's typed downloads (generator/typed.py): SQLite with its datasette
        metadata, Parquet per resource, the flat indicator table. Cached under the hash of
        every decree's export."""
        from .typed import datasette_metadata, parquet_bytes, sqlite_bytes
        from .typed import json_bytes as meta_bytes

        docs = self.portal.documents
        key = self.cache.key("typed", self.schemas, [doc_digest(d) for d in docs], self.meta)
        entry = self.cache.get("typed", key)
        stored = self.cache.get_dir("typed-files", key) if entry is not None else None
        if entry is not None and stored is not None:
            link_tree(stored, self.out_dir)
            return entry
        tables = merge_tables([d.tables for d in docs]) | {n: shared[n] for n in SHARED}
        base = f"{DOWNLOADS}/{ALL}"
        out = [(f"{base}/kinerja-terbuka.sqlite", [sqlite_bytes(tables, self.schemas)], "SQLite", "SQLite (datasette)"),
               (f"{base}/datasette-metadata.json",
                [meta_bytes(datasette_metadata(self.schemas, "kinerja-terbuka", "Kinerja Terbuka",
                                               self.meta.get("site_url", "")))],
                "datasette metadata", "JSON (datasette metadata)")]
        out += [(f"{base}/parquet/{n}.parquet", [parquet_bytes(tables[n], self.schemas[n])], f"Parquet {n}", "Parquet")
                for n in RESOURCES]
        out += flat_files(base, docs)
        files = [asdict(self._write_parts(*f)) for f in out]
        self.cache.put_files("typed-files", key, [(u, b"".join(c)) for u, c, _, _ in out])
        self.cache.put("typed", key, files)
        return files

    def _write_parts(self, url: str, chunks: list[bytes], label: str, fmt: str) -> FileInfo:
        path = inside(self.out_dir, url)  # the decree id in the URL comes from data
        path.parent.mkdir(parents=True, exist_ok=True)
        h, size = hashlib.sha256(), 0
        with open(path, "wb") as fh:
            for c in chunks:
                fh.write(c)
                h.update(c)
                size += len(c)
        return FileInfo(url, path.name, label, fmt, size, h.hexdigest())

    def document_descriptor(self, doc) -> dict:
        """The decree's descriptor as published (generator/descriptors.py)."""
        from .i18n import page_url
        site = self.meta.get("site_url", "")
        homepage = site + page_url("id", "agency", id=doc.agency.id) if doc.agency is not None else ""
        return published(doc.descriptor, version=self.meta.get("version", ""), created=self.meta.get("created", ""),
                         homepage=homepage, sources=[decree_source(doc, site)],
                         contributors=[agency_contributor(doc)])

    def merged_descriptor(self) -> dict:
        from .i18n import page_url
        site = self.meta.get("site_url", "")
        base = descriptor("kinerja-terbuka", "Kinerja Terbuka: semua lembaga", self.schemas, description=None)
        docs = self.portal.documents
        return published(base, version=self.meta.get("version", "") or "unreleased",
                         created=self.meta.get("created", ""), homepage=site + page_url("id", "downloads") if site else "",
                         sources=[decree_source(d, site) for d in docs],
                         contributors=[agency_contributor(d) for d in docs])


def flat_files(base: str, docs: list) -> list[tuple[str, list[bytes], str, str]]:
    """The indicators with names beside ids, as CSV and as the Excel-facing variant."""
    from .typed import flat_csv, flat_rows
    rows = flat_rows(docs)
    return [(f"{base}/indikator-flat.csv", [flat_csv(rows)], "CSV indikator (datar)", "CSV (UTF-8)"),
            (f"{base}/indikator-flat-excel.csv", [flat_csv(rows, excel=True)], "CSV indikator (Excel)",
             "CSV (UTF-8 BOM, CRLF: Excel)")]


def copy_sources(portal: Portal, decrees_dir: Path, docs_dir: Path) -> list[str]:
    """Publish each decree's text next to the pages, so every row links to its provenance.
    Returns the file names published (a text that is not in decrees/ is not linked)."""
    out = docs_dir / "sumber"
    out.mkdir(parents=True, exist_ok=True)
    published = []
    for doc in portal.documents:
        try:  # read inside the decrees folder only (a symlink to /etc/passwd is refused)
            src, target = inside(decrees_dir, doc.source_file), inside(out, doc.source_file)
        except UnsafePath:
            continue
        if src.is_file():
            target.write_bytes(src.read_bytes())
            published.append(doc.source_file)
    return sorted(set(published))
