"""Stage 5: downloads. Every file comes from the same validated packages as the pages,
and every file is byte-reproducible (fixed zip timestamps, sorted entries, fixed XLSX
properties)."""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path

from .cache import Cache, doc_digest, link_tree
from .datapackage import RESOURCES, csv_bytes, descriptor, json_bytes, merge_tables
from .descriptors import agency_contributor, decree_source, published
from .forks import forked_map, processes
from .model import Portal
from .paths import UnsafePath, inside
from .satudata import portal_satu_data, satu_data
from .spill import Spill, Stored
from .xlsx import (
    EXCEL_MAX_ROWS,
    HEADER_STYLE,
    SHEET_HEAD,
    SHEET_TAIL,
    row_xml,
    sheet_xml,
    split_sheet,
    workbook_chunks,
)
from .zipfiles import Piece, deflate_piece, pieces_zip_chunks

DOWNLOADS = "unduh"
ALL = "semua"
PROVINCES = "provinsi"  # unduh/provinsi/<code>/: each province's bundle in a national-size portal
# Above this many indicators the portal is national-size: whole-portal files in plain formats
# (one JSON or CSV of millions of rows, an XLSX past Excel's limits) help no one, so they are
# written per province (when there are several) and the whole portal keeps its compact
# formats; and a decree is not zipped too beside its CSVs and descriptor (docs/scale.md,
# "Every copy of an indicator"). Below it (a kabupaten: ~10,000 indicators, ~80 MB of site)
# every format is written: the portal fits a static host such as GitHub Pages (1 GB) anyway.
NATIONAL_INDICATORS = 100_000


def national_size(portal: Portal) -> bool:
    """Whether the portal is national-size (NATIONAL_INDICATORS)."""
    return sum(len(d.indicators) for d in portal.documents) > NATIONAL_INDICATORS


@dataclass
class FileInfo:
    url: str  # site-relative
    name: str
    label: str
    format: str  # the format's label (Format.label)
    size: int
    sha256: str
    kind: str = ""  # the format's key in FORMATS


def typed(value: str, ftype: str):
    if value == "":
        return None
    if ftype == "integer":
        return int(value)
    if ftype == "number":
        f = float(value)
        return int(f) if f.is_integer() else f
    return value


def typed_columns(rows: list[dict], types: dict[str, str]) -> list[list]:
    """Each field's values down the rows, as typed() types them: a list comprehension per
    column, text fields (most of them) without a call per cell (typed() gives None for ""
    and the value as it is else)."""
    out = []
    for k, t in types.items():
        column = [r.get(k, "") for r in rows]
        if t in ("integer", "number"):
            out.append([typed(v, t) for v in column])
        else:
            out.append([None if v == "" else v for v in column])
    return out


def typed_rows(rows: list[dict], schema: dict) -> list[dict]:
    types = {f["name"]: f.get("type", "string") for f in schema["fields"]}
    return [dict(zip(types, values)) for values in zip(*typed_columns(rows, types))] if types else [{} for _ in rows]


def xlsx_info_rows(schemas: dict[str, dict]) -> list[list]:
    """The 'keterangan' sheet: every field of every resource explained."""
    info = [["sheet", "kolom / field", "tipe / type", "keterangan / description", "nilai / values"]]
    for name in RESOURCES:
        for f in schemas[name]["fields"]:
            info.append([name, f["name"], f.get("type", "string"), f.get("description", ""),
                         ", ".join(f.get("categories", []))])
    return info


XLSX_CHUNK = 50_000  # rows per piece when a workbook is written from whole tables


def xlsx_bytes(tables: dict[str, list[dict]], schemas: dict[str, dict], title: str,
               max_rows: int = EXCEL_MAX_ROWS) -> bytes:
    """One sheet per resource (more for a table over Excel's row limit) plus 'keterangan'
    explaining every field. Text stays text. The same writer as the downloads (pieces)."""
    rows, counts = {}, {}
    for n in RESOURCES:
        table = tables.get(n, [])
        chunks = [table[i:i + XLSX_CHUNK] for i in range(0, len(table), XLSX_CHUNK)] or [[]]
        rows[n] = [deflate_piece(row_formats(c, schemas[n])[2]) for c in chunks]
        counts[n] = [len(c) for c in chunks]
    return b"".join(workbook(schemas, title, rows, counts=counts, max_rows=max_rows))


def workbook(schemas: dict[str, dict], title: str, rows: dict[str, list], info=None,
             counts: dict[str, list[int]] | None = None, max_rows: int = EXCEL_MAX_ROWS) -> Iterator[bytes]:
    """The XLSX of a bundle from each resource's sheet rows as deflated pieces, counts[name]
    the rows of each piece: a table over Excel's row limit goes on further sheets. A stream
    of chunks (the pieces may be on disk: spill.Spilled)."""
    names, sheets = ["keterangan"], [[info or deflate_piece(sheet_xml(xlsx_info_rows(schemas)))]]
    for name in RESOURCES:
        head = deflate_piece((SHEET_HEAD + row_xml([f["name"] for f in schemas[name]["fields"]], HEADER_STYLE)).encode())
        sizes = counts[name] if counts is not None else [0] * len(rows[name])
        for sheet_name, pieces in split_sheet(name, rows[name], sizes, max_rows):
            names.append(sheet_name)
            sheets.append([head] + pieces + [deflate_piece(SHEET_TAIL.encode())])
    return workbook_chunks(names, title, sheets)


def row_formats(rows: list[dict], schema: dict, json_items: bool = True) -> tuple[bytes, bytes, bytes]:
    """Rows as a CSV body (no header), JSON array items (no brackets; b"" with json_items
    False: a national-size portal writes no whole-portal JSON) and sheet XML rows: each
    concatenates with the same of other rows into the whole table."""
    header = [f["name"] for f in schema["fields"]]
    body = csv_bytes(header, rows)[len(csv_bytes(header, [])):]
    types = {f["name"]: f.get("type", "string") for f in schema["fields"]}
    values = list(zip(*typed_columns(rows, types))) if types else [() for _ in rows]  # each row's, typed
    typed = [dict(zip(types, v)) for v in values] if json_items or len(types) != len(header) else []  # typed_rows
    items = json.dumps(typed, ensure_ascii=False, separators=(",", ":"))[1:-1].encode("utf-8") if json_items else b""
    if len(types) != len(header):  # a field named twice: the sheet repeats its one typed value
        values = [tuple(r[h] for h in header) for r in typed]
    xml = "".join(row_xml(v) for v in values).encode("utf-8")
    return body, items, xml


SHARED = ("regions", "agencies")  # rows several packages may hold: merged from the rows
CONCATENATED = tuple(r for r in RESOURCES if r not in SHARED)  # ids are unique across packages


def table_parts(tables: dict[str, list[dict]], schemas: dict[str, dict], national: bool = False) -> dict:
    """One package's rows in every whole-portal format, ready to be concatenated: CSV body
    (no header), JSON array items, XLSX sheet rows (deflated in a piece), CSV deflated, and
    an Arrow record batch (typed.arrow_piece: the Parquet files are assembled from these).
    National: no JSON items (no whole-portal JSON is written, and no decree's own file
    reads them; kept_parts keeps NATIONAL_PARTS only)."""
    from .typed import arrow_piece
    parts = {}
    for name in CONCATENATED:
        rows = tables.get(name, [])
        body, items, xml = row_formats(rows, schemas[name], json_items=not national)
        part: dict = {"csv": body, "json": items} if not national else {"csv": body}
        part.update(csv_z=deflate_piece(body), xml_z=deflate_piece(xml), rows=len(rows), arrow=arrow_piece(rows, schemas[name]))
        parts[name] = part
    return parts


NATIONAL_PARTS = ("csv_z", "xml_z", "rows", "arrow")  # what the province and national formats read


def packed_parts(parts: dict) -> tuple[dict, bytes]:
    """A decree's pieces as one blob and a skeleton saying where each piece is in it: the
    cache stores the blob as a file, so a decree whose export is cached hands its pieces
    over as references (unpacked_parts), read only when a whole-portal file needs them."""
    chunks: list[bytes] = []
    at = 0

    def put(data: bytes) -> tuple[int, int]:
        nonlocal at
        chunks.append(data)
        at += len(data)
        return at - len(data), len(data)
    skeleton: dict = {}
    for name, part in parts.items():
        skeleton[name] = {}
        for k, v in part.items():
            if isinstance(v, bytes):
                skeleton[name][k] = ("b", *put(v))
            elif isinstance(v, tuple):  # a deflated piece (data, crc, length)
                skeleton[name][k] = ("z", *put(v[0]), v[1], v[2])
            else:
                skeleton[name][k] = v
    return skeleton, b"".join(chunks)


def unpacked_parts(skeleton: dict, blob: str) -> dict:
    """packed_parts' pieces as references into the blob file (spill.Stored)."""
    def ref(v):
        if not isinstance(v, tuple):
            return v
        data = Stored(blob, v[1], v[2])
        return data if v[0] == "b" else (data, v[3], v[4])
    return {name: {k: ref(v) for k, v in part.items()} for name, part in skeleton.items()}


PIECES = "pieces"  # the blob's name in the export-parts entry


def kept_parts(parts: dict, national: bool) -> dict:
    """The pieces a decree keeps for the whole-portal and province files: a national-size
    portal writes no whole-portal CSV or JSON, so their pieces are not stored nor read back."""
    if not national:
        return parts
    return {name: {k: v for k, v in part.items() if k in NATIONAL_PARTS} for name, part in parts.items()}


def spilled(parts: dict, spill: Spill) -> dict:
    """A decree's table_parts with their bytes moved to the spill file (references kept;
    pieces read from the cache, Stored, stay where they are)."""
    def moved(value):
        if isinstance(value, bytes):
            return spill.put(value)
        if isinstance(value, tuple) and isinstance(value[0], bytes):  # a deflated piece (data, crc, length)
            return (spill.put(value[0]), *value[1:])
        return value
    return {name: {k: moved(v) for k, v in part.items()} for name, part in parts.items()}


# (path inside the bundle, chunks, link label); chunks are bytes or spill.Spilled, produced
# as they are written (a whole-portal file is never held whole)
Output = tuple[str, Iterable, str]


@dataclass
class Bundle:
    """What a format's writer writes from: one decree's package, or the whole portal's.
    The whole-portal files are concatenations of the decrees' pieces (table_parts); the
    formats written from rows (SQLite, Parquet, flat) get the merged rows."""
    base: str  # site-relative folder: unduh/<decree id> or unduh/semua
    stem: str  # file name stem of the package files
    descriptor: dict
    title: str
    schemas: dict[str, dict]
    shared: dict[str, list[dict]]  # the rows of the SHARED resources, as they are written
    pieces: list[dict]  # table_parts of each package, in order
    docs: list
    info_piece: Piece  # the workbook's 'keterangan' sheet, deflated
    meta: dict = field(default_factory=dict)

    @cached_property
    def parts(self) -> dict[str, list[dict]]:
        """Per resource, the pieces to concatenate (the shared resources' from their rows)."""
        out = {}
        for name in RESOURCES:
            if name in SHARED:
                body, items, rows_xml = row_formats(self.shared[name], self.schemas[name])
                out[name] = [{"csv": body, "json": items, "csv_z": deflate_piece(body), "xml_z": deflate_piece(rows_xml),
                              "rows": len(self.shared[name])}]
            else:
                out[name] = [p[name] for p in self.pieces]
        return out

    def head(self, name: str) -> bytes:
        return csv_bytes([f["name"] for f in self.schemas[name]["fields"]], [])

    def rows(self, name: str) -> Iterable[dict]:
        """A resource's rows as the whole bundle's table: the shared rows merged, the others
        each decree's in turn (ids are unique across packages: validation), never all
        gathered in one list."""
        if name in SHARED:
            return self.shared[name]
        return (r for d in self.docs for r in d.tables.get(name, []))


def write_zip(b: Bundle) -> list[Output]:
    # datapackage.json at the zip's root: frictionless.Package("x.zip") opens it
    entries = [("datapackage.json", [deflate_piece(json_bytes(b.descriptor))])]
    entries += [(f"{name}.csv", [deflate_piece(b.head(name))] + [p["csv_z"] for p in b.parts[name]])
                for name in RESOURCES]
    entries.sort(key=lambda e: e[0])
    return [(f"{b.stem}.zip", pieces_zip_chunks(entries), "ZIP (Data Package)")]


def write_xlsx(b: Bundle) -> list[Output]:
    rows = {name: [p["xml_z"] for p in b.parts[name]] for name in RESOURCES}
    counts = {name: [p["rows"] for p in b.parts[name]] for name in RESOURCES}
    return [(f"{b.stem}.xlsx", workbook(b.schemas, b.title, rows, b.info_piece, counts), "XLSX")]


def write_json(b: Bundle) -> list[Output]:
    prefix = json.dumps({"name": b.descriptor["name"], "title": b.descriptor.get("title", ""),
                         "licenses": b.descriptor.get("licenses", [])},
                        ensure_ascii=False, separators=(",", ":"))[:-1] + ',"resources":{'

    def chunks() -> Iterator[bytes]:
        yield prefix.encode()
        for i, name in enumerate(RESOURCES):
            yield ("," if i else "").encode() + json.dumps(name).encode() + b":["
            items = (p["json"] for p in b.parts[name] if len(p["json"]))
            for n, item in enumerate(items):
                yield (b"," if n else b"") + bytes(item)
            yield b"]"
        yield b"}}\n"
    return [(f"{b.stem}.json", chunks(), "JSON")]


def write_csv(b: Bundle) -> list[Output]:
    return [(f"{name}.csv", [b.head(name)] + [p["csv"] for p in b.parts[name]], f"CSV {name}") for name in RESOURCES]


def write_descriptor(b: Bundle) -> list[Output]:
    # served beside the CSVs (relative paths): a package loadable by URL
    return [("datapackage.json", [json_bytes(b.descriptor)], "datapackage.json")]


def _from_file(write: Callable[[str], None]) -> Iterator[bytes]:
    """The chunks of a file write(path) makes in a temporary file (deleted once read)."""
    fd, path = tempfile.mkstemp(prefix="kt-export-")
    os.close(fd)
    try:
        os.unlink(path)  # the writer makes it (SQLite wants no file or an empty one)
        write(path)
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 16):
                yield chunk
    finally:
        if os.path.exists(path):
            os.unlink(path)


def write_sqlite(b: Bundle) -> list[Output]:
    from .typed import sqlite_file
    return [("kinerja-terbuka.sqlite", _from_file(lambda path: sqlite_file(path, b.rows, b.schemas)), "SQLite")]


def write_datasette_metadata(b: Bundle) -> list[Output]:
    from .typed import datasette_metadata
    from .typed import json_bytes as meta_bytes
    return [("datasette-metadata.json", [meta_bytes(datasette_metadata(
        b.schemas, "kinerja-terbuka", "Kinerja Terbuka", b.meta.get("site_url", "")))], "datasette metadata")]


def write_parquet(b: Bundle) -> list[Output]:
    from .typed import parquet_from_pieces, parquet_write

    def one(name: str) -> Iterator[bytes]:
        if name in SHARED:  # merged from the rows
            return _from_file(lambda path: parquet_write(path, b.rows(name), b.schemas[name]))
        # each decree's Arrow batch, converted when it was exported (and cached with it)
        return _from_file(lambda path: parquet_from_pieces(path, (p["arrow"] for p in b.parts[name]), b.schemas[name]))
    return [(f"parquet/{n}.parquet", one(n), f"Parquet {n}") for n in RESOURCES]


def write_flat_csv(b: Bundle) -> list[Output]:
    from .typed import flat_csv_chunks, flat_rows
    return [("indikator-flat.csv", flat_csv_chunks(flat_rows(b.docs)), "CSV indikator (datar)")]


def write_flat_excel_csv(b: Bundle) -> list[Output]:
    from .typed import flat_csv_chunks, flat_rows
    return [("indikator-flat-excel.csv", flat_csv_chunks(flat_rows(b.docs), excel=True), "CSV indikator (Excel)")]


XLSX_MEDIA = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Format:
    """One download format (as datasette's output renderers: a name, an extension, a media
    type and a function). Where it is listed: every format is on the downloads page (the
    decree's bundle also on its agency page) and in the schema.org Dataset; `catalogue`
    formats are DCAT distributions (generator/dcat.py). A release (generator/release.py)
    writes its own zips: docs/architecture.md says why."""
    key: str
    extension: str
    media_type: str
    label: str  # what the downloads page says (FileInfo.format)
    write: Callable[[Bundle], list[Output]]
    portal_only: bool = False  # True: the whole portal's bundle only, not each decree's
    from_rows: bool = False  # written from the merged rows (cached as one portal entry), not pieces
    catalogue: bool = False
    eu_file_type: str = ""  # the EU file-type authority's code (DCAT dct:format)
    # A national-size portal (NATIONAL_INDICATORS) writes each decree's bundle in the
    # `national_decree` formats (its CSVs with their descriptor, loadable by URL, and its
    # workbook; not the zip of the same CSVs and descriptor), each province's bundle in the
    # `province` formats (the zipped package and the workbook: a province fits Excel), and
    # the whole portal's only in the `national` formats (the zipped package and Parquet,
    # which hold millions of rows in one file), so no indicator is stored in more copies
    # than its decree's, its province's and the nation's (docs/scale.md says why each).
    province: bool = False
    national: bool = True
    national_decree: bool = True


# The order is the order of the files on the pages and in SHA256SUMS.
FORMATS: dict[str, Format] = {f.key: f for f in (
    Format("zip", ".zip", "application/zip", "Frictionless Data Package (zip)", write_zip,
           catalogue=True, eu_file_type="ZIP", province=True, national_decree=False),
    Format("xlsx", ".xlsx", XLSX_MEDIA, "Excel (XLSX)", write_xlsx, catalogue=True, eu_file_type="XLSX",
           province=True, national=False),
    # portal_only: per decree the zipped Data Package, the descriptor beside its CSVs (a
    # package loadable by URL) and the workbook are enough; the JSON (the tables again with
    # keys on every row: a decree's largest file) and the flat CSVs (the decree's tables
    # joined: its CSVs and workbook hold the same) are for the whole portal only
    Format("json", ".json", "application/json", "JSON", write_json, catalogue=True, eu_file_type="JSON",
           portal_only=True, national=False),
    Format("csv", ".csv", "text/csv", "CSV (UTF-8)", write_csv, eu_file_type="CSV", national=False),
    Format("descriptor", ".json", "application/json", "Frictionless Data Package (descriptor)", write_descriptor,
           catalogue=True, eu_file_type="JSON", national=False),
    # SQLite: ~1,200 bytes per indicator against Parquet's ~150 for the same typed tables;
    # a national portal keeps Parquet (DuckDB and pandas read it; DuckDB writes SQLite from it)
    Format("sqlite", ".sqlite", "application/vnd.sqlite3", "SQLite (datasette)", write_sqlite,
           portal_only=True, from_rows=True, national=False),
    Format("datasette-metadata", ".json", "application/json", "JSON (datasette metadata)",
           write_datasette_metadata, portal_only=True, from_rows=True, national=False),
    Format("parquet", ".parquet", "application/vnd.apache.parquet", "Parquet", write_parquet,
           portal_only=True, from_rows=True),
    Format("flat-csv", ".csv", "text/csv", "CSV (UTF-8)", write_flat_csv, portal_only=True, from_rows=True,
           national=False),
    Format("flat-excel-csv", ".csv", "text/csv", "CSV (UTF-8 BOM, CRLF: Excel)", write_flat_excel_csv,
           portal_only=True, from_rows=True, national=False),
)}


def media_type(name: str) -> str:
    """The media type of a download by its file name (formats sharing an extension share it)."""
    ext = "." + name.rsplit(".", 1)[-1]
    return next(f.media_type for f in FORMATS.values() if f.extension == ext)


def write_formats(b: Bundle, formats) -> list[tuple[str, Iterable, str, str, str]]:
    """(url, chunks, link label, format label, format key) of every file of the formats."""
    return [(f"{b.base}/{rel}", chunks, label, fmt.label, fmt.key)
            for fmt in formats for rel, chunks, label in fmt.write(b)]


class Exporter:
    """Writes the downloads into out_dir (site-relative URLs under unduh/), one file or
    more per entry of FORMATS.

    Each decree's bundle is cached under the hash of its tables and descriptor, with the
    pieces the whole-portal bundle is assembled from, so after a change only the changed
    decree is exported again and the whole-portal files are concatenations."""

    def __init__(self, portal: Portal, schemas: dict[str, dict], out_dir: Path, package_meta: dict,
                 cache: Cache | None = None, national: bool | None = None, workers: int = 1):
        self.portal, self.schemas, self.out_dir = portal, schemas, out_dir
        self.workers = workers  # processes making the decrees' downloads (forks.processes)
        # a province shard sees its province only: the plan says whether the nation is national-size
        self.national = national_size(portal) if national is None else national
        self.meta = package_meta  # version, created, site_url for the published descriptors
        self.cache = cache or Cache(None)
        self.info_piece = deflate_piece(sheet_xml(xlsx_info_rows(schemas)))  # the same in every workbook

    def bundle(self, base: str, stem: str, descriptor: dict, title: str, shared: dict[str, list[dict]],
               pieces: list[dict], docs: list) -> Bundle:
        return Bundle(base, stem, descriptor, title, self.schemas, shared, pieces, docs, self.info_piece, self.meta)

    def document(self, doc) -> tuple[list[dict], dict]:
        """The decree's downloads (written to out_dir) and its whole-portal pieces."""
        return next(self.documents([doc]))

    def documents(self, docs: list) -> Iterator[tuple[list[dict], dict]]:
        """document() of each decree, in order. The decrees not in the cache are made in
        forked processes (self.workers, forks.forked_map): each decree's files and pieces
        depend on the decree alone, so the bytes are the same however the work is spread;
        this process writes them and the cache, in order."""
        formats = [f for f in FORMATS.values() if not f.portal_only and (f.national_decree or not self.national)]
        todo: list[tuple[object, dict, str]] = []
        done: dict[int, tuple[list[dict], dict]] = {}
        for i, doc in enumerate(docs):
            descriptor = self.document_descriptor(doc)
            key = self.cache.key("export", self.schemas, doc.id, doc_digest(doc), descriptor, [f.key for f in formats],
                                 self.national)
            entry = self.cache.get("export", key)
            stored = self.cache.get_dir("export-files", key) if entry is not None else None
            pieces = self.cache.get_dir("export-parts", key) if stored is not None else None
            if entry is not None and stored is not None and pieces is not None:
                link_tree(stored, self.out_dir)
                done[i] = (entry["files"], unpacked_parts(entry["parts"], os.fspath(pieces / PIECES)))
            else:
                todo.append((doc, descriptor, key))
        made = forked_map(lambda j: self._make(todo[j][0], todo[j][1], formats), list(range(len(todo))),
                          processes(self.workers))
        misses = iter(zip(todo, made))
        for i in range(len(docs)):
            if i in done:
                yield done.pop(i)
                continue
            (_, _, key), (parts, written) = next(misses)
            files = [asdict(self._write_parts(url, [data], *labels)) for url, data, labels in written]
            self.cache.put_files("export-files", key, [(url, data) for url, data, _ in written])
            if self.cache.enabled:
                skeleton, blob = packed_parts(parts)
                self.cache.put_files("export-parts", key, [(PIECES, blob)])
                self.cache.put("export", key, {"files": files, "parts": skeleton})
            yield files, parts

    def _make(self, doc, descriptor: dict, formats: list) -> tuple[dict, list[tuple[str, bytes, list[str]]]]:
        """A decree's whole-portal pieces and its files' (url, bytes, labels), nothing written."""
        parts = table_parts(doc.tables, self.schemas, self.national)
        b = self.bundle(f"{DOWNLOADS}/{doc.id}", doc.id, descriptor, doc.descriptor.get("title", doc.id),
                        {n: doc.tables.get(n, []) for n in SHARED}, [parts], [doc])
        return kept_parts(parts, self.national), [(url, b"".join(bytes(c) for c in chunks), labels)  # one decree's file: small
                       for url, chunks, *labels in write_formats(b, formats)]

    def export_all(self) -> dict:
        """Every decree's downloads, then the whole portal's and (national size) each
        province's, assembled from the decrees' pieces, which wait on disk meanwhile."""
        self.out_dir.mkdir(parents=True, exist_ok=True)
        with Spill(self.out_dir.parent) as spill:
            return self._export_all(spill)

    def _export_all(self, spill: Spill) -> dict:
        manifest: dict = {"_groups": []}
        pieces = {}
        for doc, (files, parts) in zip(self.portal.documents, self.documents(self.portal.documents)):
            pieces[doc.id] = spilled(parts, spill)
            manifest[doc.id] = files
            name = doc.agency.name if doc.agency is not None else None
            manifest["_groups"].append({"id": doc.id, "title": name or doc.id, "files": files})
        provinces = self.portal.provinces()
        national, by_province = self.national, len(provinces) > 1
        descriptor = self.merged_descriptor()
        b = self.bundle(f"{DOWNLOADS}/{ALL}", "kinerja-terbuka", descriptor, descriptor["title"],
                        self._shared(self.portal.documents), [pieces[d.id] for d in self.portal.documents],
                        self.portal.documents)
        # a national-size portal of one province (a large province's own portal): the whole
        # portal is the province, so it gets the province's formats too
        formats = [f for f in FORMATS.values() if not national or f.national or (f.province and not by_province)]
        files = [asdict(self._write_parts(*f)) for f in write_formats(b, [f for f in formats if not f.from_rows])]
        files += self.typed_files(b, [f for f in formats if f.from_rows])
        manifest[ALL] = files
        manifest["_groups"].insert(0, {"id": ALL, "title": descriptor["title"], "files": files})
        if national and by_province:
            of_province: dict[str, list] = {}  # one pass over the decrees, not one per province
            for d in self.portal.documents:
                if d.agency is not None:
                    of_province.setdefault(self.portal.region_code(d.agency.province), []).append(d)
            for province, _kabs in provinces:
                code = self.portal.region_code(province)
                docs = of_province.get(code, [])
                if not docs:
                    continue
                key = f"{PROVINCES}/{code}"
                files = self.province_files(key, province.name if province else code, docs, pieces)
                manifest[key] = files
                manifest["_groups"].insert(len(manifest["_groups"]) - len(self.portal.documents),
                                           {"id": key, "title": province.name if province else code, "files": files})
        sums = "".join(f"{f['sha256']}  {f['url'][len(DOWNLOADS) + 1:]}\n"
                       for g in manifest["_groups"] for f in g["files"])
        path = self.out_dir / DOWNLOADS / "SHA256SUMS"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(sums.encode())
        return manifest

    def _shared(self, docs: list) -> dict[str, list[dict]]:
        return merge_tables([{n: d.tables.get(n, []) for n in SHARED} for d in docs])

    def province_files(self, key: str, name: str, docs: list, pieces: dict) -> list[dict]:
        """One province's bundle (the `province` formats) in unduh/provinsi/<code>/, cached
        under the hash of its decrees' exports."""
        code = key.rsplit("/", 1)[-1]
        descriptor = self.merged_descriptor(docs, f"kinerja-terbuka-{code}", f"Kinerja Terbuka: {name}")
        formats = [f for f in FORMATS.values() if f.province]
        ckey = self.cache.key("province", self.schemas, key, [doc_digest(d) for d in docs], descriptor,
                              [f.key for f in formats])
        return self._cached_bundle("province", ckey, lambda: write_formats(  # the bundle only on a miss
            self.bundle(f"{DOWNLOADS}/{key}", f"kinerja-terbuka-{code}", descriptor, descriptor["title"],
                        self._shared(docs), [pieces[d.id] for d in docs], docs), formats))

    def province_version(self, docs: list) -> str:
        """A province bundle's version: the release's when the portal's data is a release's
        (`created` is then its date), else 'unreleased+' and the first 12 hex digits of the
        SHA-256 of its decrees' versions (`<version>  <decree id>` lines, sorted by id). Its
        own, not the portal's: a change in one province leaves the others' bundles as they
        were (docs/scale.md)."""
        if self.meta.get("created"):
            return str(self.meta.get("version", ""))
        own = self.meta.get("documents", {})
        lines = "".join(f"{own.get(d.id, {}).get('version', '')}  {d.id}\n" for d in sorted(docs, key=lambda d: d.id))
        return "unreleased+" + hashlib.sha256(lines.encode()).hexdigest()[:12]

    def typed_files(self, b: Bundle, formats: list) -> list[dict]:
        """The whole portal's formats written from rows (SQLite with its datasette metadata,
        Parquet per resource, the flat indicator tables). Cached under the hash of every
        decree's export."""
        key = self.cache.key("typed", self.schemas, [doc_digest(d) for d in self.portal.documents], self.meta,
                             [f.key for f in formats])
        return self._cached_bundle("typed", key, lambda: write_formats(b, formats))

    def _cached_bundle(self, kind: str, key: str, write: Callable[[], list]) -> list[dict]:
        """Files written whole (not from pieces): linked from the cache when it has them,
        else written by write() and stored under key."""
        entry = self.cache.get(kind, key)
        stored = self.cache.get_dir(f"{kind}-files", key) if entry is not None else None
        if entry is not None and stored is not None:
            link_tree(stored, self.out_dir)
            return entry
        files = [asdict(self._write_parts(*f)) for f in write()]  # each file streamed as it is made
        self.cache.put_paths(f"{kind}-files", key, [(f["url"], inside(self.out_dir, f["url"])) for f in files])
        self.cache.put(kind, key, files)
        return files

    def _write_parts(self, url: str, chunks: Iterable, label: str, fmt: str, kind: str = "") -> FileInfo:
        path = inside(self.out_dir, url)  # the decree id in the URL comes from data
        path.parent.mkdir(parents=True, exist_ok=True)
        h, size = hashlib.sha256(), 0
        with open(path, "wb") as fh:
            for chunk in chunks:
                c = bytes(chunk)  # bytes, or a piece read back from the spill file
                fh.write(c)
                h.update(c)
                size += len(c)
        return FileInfo(url, path.name, label, fmt, size, h.hexdigest(), kind)

    def document_descriptor(self, doc) -> dict:
        """The decree's descriptor as published (generator/descriptors.py)."""
        from .i18n import page_url
        site = self.meta.get("site_url", "")
        homepage = site + page_url("id", "agency", id=doc.agency.id) if doc.agency is not None else ""
        own = self.meta.get("documents", {}).get(doc.id, {})
        cfg = self.meta.get("satu_data")
        satu = satu_data(doc.agency, cfg).descriptor() if cfg and doc.agency is not None else None
        return published(doc.descriptor, version=own.get("version", ""), created=own.get("created", ""),
                         homepage=homepage, sources=[decree_source(doc, site)],
                         contributors=[agency_contributor(doc)], satudata=satu)

    def merged_descriptor(self, docs: list | None = None, name: str = "kinerja-terbuka",
                          title: str = "Kinerja Terbuka: semua lembaga") -> dict:
        """The descriptor of the whole portal's bundle, or (docs) of one province's."""
        from .i18n import page_url
        site = self.meta.get("site_url", "")
        base = descriptor(name, title, self.schemas, description=None)
        # the portal's version ('unreleased+<checksum>' when it is not a release's data); a
        # province's bundle has its own (province_version)
        version = self.meta.get("version", "") if docs is None else self.province_version(docs)
        docs = self.portal.documents if docs is None else docs
        return published(base, version=version,
                         created=self.meta.get("created", ""), homepage=site + page_url("id", "downloads") if site else "",
                         sources=[decree_source(d, site) for d in docs],
                         contributors=[agency_contributor(d) for d in docs],
                         satudata=portal_satu_data(self.meta["satu_data"]) if self.meta.get("satu_data") else None)


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
