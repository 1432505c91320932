"""Typed downloads: what ordinary readers open without losing types. Region codes and every
other text column stay text ("11.10", "32"), numbers are numbers.

- a SQLite database of every resource (one table each, typed columns, primary keys), with
  the `datasette` metadata file describing it (titles, licences, descriptions per table and
  column);
- Parquet files (one per resource) with an Arrow schema from the Table Schema;
- a flat CSV of the indicators with names beside ids (position, goal, agency, region), in
  UTF-8 and in an Excel-facing variant (UTF-8 with BOM, CRLF), per agency and for everything.

Every writer returns bytes and is reproducible: the same rows give the same bytes.
"""
from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator

from .datapackage import PUBLISHED_LICENSES as LICENSES
from .datapackage import RESOURCES
from .model import Document

SQL_TYPES = {"integer": "INTEGER", "number": "REAL"}  # anything else is TEXT
FLAT_FIELDS = [
    ("indicator_id", "Indicator id"), ("kind", "IKU or IKI"), ("order", "Order in the decree"),
    ("name", "Indicator as the decree writes it"), ("formula", "Formula as written"), ("unit", "Unit (Satuan)"),
    ("targets", "Targets as written, by year ('2024: 90%; 2025: 95%'); baselines in the targets resource"),
    ("data_source", "Data source"),
    ("responsible", "Responsible"), ("position_id", "Position id"), ("position", "Position title"),
    ("goal_id", "Goal id"), ("goal", "Goal text"), ("agency_id", "Agency id"), ("agency", "Agency name"),
    ("region_code", "Kemendagri code of the agency's region"), ("region", "Region name"),
    ("province_code", "Kemendagri code of the province"), ("province", "Province name"),
    ("document_id", "Decree package id"), ("source_lines", "Lines of the decree text"),
]


def _typed(value: str, ftype: str):
    if value == "" or value is None:
        return None
    if ftype == "integer":
        return int(value)
    if ftype == "number":
        return float(value)
    return value


def _fields(schema: dict) -> list[tuple[str, str]]:
    return [(f["name"], f.get("type", "string")) for f in schema["fields"]]


def sqlite_bytes(tables: dict[str, list[dict]], schemas: dict[str, dict]) -> bytes:
    """Every resource as a typed table; TEXT for codes and ids."""
    fd, path = tempfile.mkstemp(suffix=".sqlite")
    os.close(fd)
    try:
        sqlite_file(path, lambda name: tables.get(name, []), schemas)
        with open(path, "rb") as fh:
            return fh.read()
    finally:
        os.unlink(path)


def sqlite_file(path: str, rows: Callable[[str], Iterable[dict]], schemas: dict[str, dict]) -> None:
    """sqlite_bytes into the (empty) file at path, each resource's rows taken from rows(name)
    as they come (a national portal's rows are never all held)."""
    con = sqlite3.connect(path)
    try:
        for name in RESOURCES:
            fields = _fields(schemas[name])
            pk = schemas[name].get("primaryKey") or []
            pk = [pk] if isinstance(pk, str) else pk
            cols = [f'"{n}" {SQL_TYPES.get(t, "TEXT")}' for n, t in fields]
            if pk:
                cols.append("PRIMARY KEY (" + ", ".join(f'"{k}"' for k in pk) + ")")
            con.execute(f'CREATE TABLE "{name}" ({", ".join(cols)})')
            con.executemany(f'INSERT INTO "{name}" VALUES ({", ".join("?" * len(fields))})',
                            ([_typed(r.get(n, ""), t) for n, t in fields] for r in rows(name)))
        con.commit()
        con.execute("VACUUM")
    finally:
        con.close()


def datasette_metadata(schemas: dict[str, dict], database: str, title: str, source_url: str = "") -> dict:
    """datasette's metadata file: licence, source and a description per table and column."""
    cc, odbl = LICENSES
    tables = {}
    for name in RESOURCES:
        schema = schemas[name]
        tables[name] = {"title": name, "description": schema.get("description", f"Resource {name} of the package."),
                        "license": odbl["name"] if name == "regions" else cc["name"],
                        "license_url": odbl["path"] if name == "regions" else cc["path"],
                        "columns": {f["name"]: f.get("description", "") for f in schema["fields"]}}
    meta = {"title": title, "license": cc["name"], "license_url": cc["path"],
            "description": "Indikator kinerja (IKU/IKI) pemerintah daerah; kode wilayah Kemendagri (ODbL 1.0) di "
                           "tabel regions. Kode dan id disimpan sebagai teks.",
            "databases": {database: {"tables": tables}}}
    if source_url:
        meta["source"], meta["source_url"] = "Kinerja Terbuka", source_url
    return meta


PARQUET_ROW_GROUP = 250_000  # rows buffered before a row group is written


def parquet_bytes(rows: list[dict], schema: dict) -> bytes:
    buf = io.BytesIO()
    parquet_write(buf, rows, schema)
    return buf.getvalue()


def arrow_schema(schema: dict):
    """The Arrow schema of a Table Schema: integers int64, numbers float64, the rest text."""
    import pyarrow as pa
    arrow = {"integer": pa.int64(), "number": pa.float64()}
    return pa.schema([pa.field(n, arrow.get(t, pa.string())) for n, t in _fields(schema)])


def _column(rows: list[dict], name: str, ftype: str) -> list:
    """A field's values down the rows as _typed types them; text (most fields) without a call
    per cell."""
    values = [r.get(name, "") for r in rows]
    if ftype in ("integer", "number"):
        return [_typed(v, ftype) for v in values]
    return [None if v == "" or v is None else v for v in values]


def _batch(rows: list[dict], schema: dict, pa_schema):
    import pyarrow as pa
    return pa.record_batch([pa.array(_column(rows, n, t), type=pa_schema.field(n).type)
                            for n, t in _fields(schema)], schema=pa_schema)


def parquet_write(sink, rows: Iterable[dict], schema: dict, row_group: int = PARQUET_ROW_GROUP) -> None:
    """A resource's rows as Parquet (zstd) into sink (a path or a binary file), converted to
    Arrow a batch at a time. Up to row_group rows make one row group, written as one
    contiguous table (the same bytes as pyarrow's write_table of all the rows at once); a
    larger table gets a row group per row_group rows, so memory stays bounded."""
    pa_schema = arrow_schema(schema)

    def batches() -> Iterator:
        part: list[dict] = []
        for row in rows:
            part.append(row)
            if len(part) == 1_000:
                yield _batch(part, schema, pa_schema)
                part = []
        if part:
            yield _batch(part, schema, pa_schema)
    _write_row_groups(sink, batches(), pa_schema, row_group)


def arrow_piece(rows: list[dict], schema: dict) -> bytes:
    """One decree's rows of a resource as an Arrow IPC stream of one record batch, typed as
    parquet_write types them: the whole portal's Parquet is assembled from these
    (parquet_from_pieces), so a rebuild after one change converts that decree's rows only."""
    import pyarrow as pa
    pa_schema = arrow_schema(schema)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, pa_schema) as writer:
        writer.write_batch(_batch(rows, schema, pa_schema))
    return bytes(sink.getvalue().to_pybytes())


def parquet_from_pieces(sink, pieces: Iterable, schema: dict, row_group: int = PARQUET_ROW_GROUP) -> None:
    """parquet_write of the rows of the pieces (arrow_piece bytes, or anything bytes() reads,
    as spill.Spilled), in order: the same bytes, read a piece at a time."""
    import pyarrow as pa
    pa_schema = arrow_schema(schema)

    def batches() -> Iterator:
        for piece in pieces:
            with pa.ipc.open_stream(bytes(piece)) as reader:
                yield from reader
    _write_row_groups(sink, batches(), pa_schema, row_group)


def _write_row_groups(sink, batches: Iterable, pa_schema, row_group: int) -> None:
    """The batches' rows as row groups of exactly row_group rows (the last one fewer), each
    written as one contiguous table; no rows at all make one empty row group, as pyarrow's
    write_table does."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    with pq.ParquetWriter(sink, pa_schema, compression="zstd") as writer:
        held: list = []
        count, wrote = 0, False
        for batch in batches:
            if not batch.num_rows:
                continue
            held.append(batch)
            count += batch.num_rows
            while count >= row_group:
                table = pa.Table.from_batches(held, schema=pa_schema)
                writer.write_table(table.slice(0, row_group).combine_chunks())
                rest = table.slice(row_group).combine_chunks()
                held, count, wrote = rest.to_batches(), rest.num_rows, True
        if count or not wrote:
            writer.write_table(pa.Table.from_batches(held, schema=pa_schema).combine_chunks())


def flat_rows(documents: list[Document]) -> Iterator[dict]:
    """One row per indicator with the names of its position, goal, agency and regions, made
    as they are written (the portal's rows are never all held at once)."""
    for doc in documents:
        agency = doc.agency
        regions = agency.regions if agency is not None else []
        province, region = (regions[0] if regions else None), (regions[-1] if regions else None)
        agencies = {a.id: a for a in doc.agencies}
        for ind in doc.indicators:
            row = ind.row
            ind_agency = agencies.get(ind.agency_id, agency)
            yield {
                "indicator_id": ind.id, "kind": ind.kind, "order": str(ind.order), "name": ind.name,
                "formula": row.get("formula", ""), "unit": ind.unit, "targets": ind.target,
                "data_source": row.get("data_source", ""), "responsible": row.get("responsible", ""),
                "position_id": ind.position_id, "position": ind.position.title if ind.position else "",
                "goal_id": ind.goal_id, "goal": ind.goal.text if ind.goal else "",
                "agency_id": ind_agency.id if ind_agency else "", "agency": ind_agency.name if ind_agency else "",
                "region_code": region.code if region else "", "region": region.name if region else "",
                "province_code": province.code if province else "", "province": province.name if province else "",
                "document_id": doc.id, "source_lines": row.get("source_lines", "")}


def flat_csv(rows: Iterable[dict], excel: bool = False) -> bytes:
    """The flat table as CSV: UTF-8 and LF, or for Excel UTF-8 with BOM and CRLF (Excel then
    reads the text right; it still guesses types, see the reading-the-data page)."""
    return b"".join(flat_csv_chunks(rows, excel))


def flat_csv_chunks(rows: Iterable[dict], excel: bool = False, every: int = 200) -> Iterator[bytes]:
    """flat_csv as a stream of chunks of `every` rows."""
    lines: list[str] = []
    w = csv.writer(_Appender(lines), lineterminator="\r\n" if excel else "\n")
    header = [n for n, _ in FLAT_FIELDS]
    w.writerow(header)
    if excel:
        yield b"\xef\xbb\xbf"
    n = 0
    for r in rows:
        w.writerow([r.get(h, "") for h in header])
        n += 1
        if n % every == 0:
            yield "".join(lines).encode("utf-8")
            lines.clear()
    yield "".join(lines).encode("utf-8")


class _Appender:
    """A text sink for csv.writer that keeps what it is given in a list."""

    def __init__(self, lines: list[str]):
        self.write = lines.append


def flat_schema() -> dict:
    """Table Schema of the flat table (codes as strings), for its descriptor."""
    types = {"order": "integer"}
    return {"fields": [{"name": n, "type": types.get(n, "string"), "description": d} for n, d in FLAT_FIELDS]}


def json_bytes(obj) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
