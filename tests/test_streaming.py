"""The whole-portal downloads are written as streams: pieces wait on disk (generator/spill.py),
archives, workbooks, SQLite, Parquet and the flat CSV are written a piece, a batch or a
file at a time, so the export's memory follows the largest decree, not the portal."""
from __future__ import annotations

import gc
import io
import random
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from generator.cache import Cache
from generator.dev.synth import Profile, generate
from generator.export import Exporter
from generator.load import load_all, load_shared_schemas
from generator.model import build_model
from generator.spill import Spill
from generator.typed import parquet_bytes, parquet_write
from generator.xlsx import SHEET_HEAD, SHEET_TAIL, finish_sheet, row_xml
from generator.zipfiles import deflate_piece, pieces_zip, pieces_zip_chunks

ROOT = Path(__file__).resolve().parent.parent


def test_spill_gives_back_what_was_put_and_removes_its_file(tmp_path):
    rng = random.Random(1)
    blobs = [bytes(rng.randrange(256) for _ in range(rng.randrange(0, 3000))) for _ in range(50)]
    with Spill(tmp_path) as spill:
        refs = [spill.put(b) for b in blobs]
        assert [len(r) for r in refs] == [len(b) for b in blobs]
        assert [bytes(r) for r in reversed(refs)] == list(reversed(blobs))
        path = Path(spill.path)
        assert path.stat().st_size == sum(map(len, blobs))
    assert not path.exists()


def test_a_zip_streamed_from_spilled_pieces_is_the_zip_of_the_bytes(tmp_path):
    rng = random.Random(2)
    members = {f"m{i}.csv": [("".join(rng.choice("abc,;\n") for _ in range(rng.randrange(0, 5000)))).encode()
                             for _ in range(rng.randrange(0, 6))] for i in range(4)}
    entries = [(n, [deflate_piece(p) for p in parts]) for n, parts in members.items()]
    with Spill(tmp_path) as spill:
        spilled = [(n, [(spill.put(d), crc, size) for d, crc, size in pieces]) for n, pieces in entries]
        streamed = b"".join(pieces_zip_chunks(spilled))
    assert streamed == pieces_zip(entries)
    zf = zipfile.ZipFile(io.BytesIO(streamed))
    assert {n: zf.read(n) for n in zf.namelist()} == {n: b"".join(p) for n, p in members.items()}


def _inflated(pieces) -> bytes:
    return b"".join(zlib.decompressobj(-15).decompress(bytes(p[0])) for p in pieces)


def test_a_sheet_finished_piece_by_piece_counts_rows_across_any_seam():
    rows = [["id", "name"]] + [[f"x{i}", "nama " * (i % 7)] for i in range(120)]
    body = "".join(row_xml(r) for r in rows).encode()
    xml = SHEET_HEAD.encode() + body + SHEET_TAIL.encode()
    whole, ref = finish_sheet([deflate_piece(xml)])
    assert ref == "$A$1:$B$121"
    rng = random.Random(3)
    head, tail = len(SHEET_HEAD), len(SHEET_TAIL)
    for _ in range(20):  # the first piece holds the head, the last the tail; cut anywhere between
        cuts = sorted(rng.sample(range(head + 1, len(xml) - tail), 12))
        parts = [xml[a:b] for a, b in zip([0, *cuts], [*cuts, len(xml)])]
        assert finish_sheet([deflate_piece(p) for p in parts])[1] == ref
    ends = [i + 6 for i in range(len(xml)) if xml.startswith(b"</row>", i)]  # cut between rows only
    cuts = sorted(rng.sample(ends[:-1], 30))
    parts = [xml[a:b] for a, b in zip([0, *cuts], [*cuts, len(xml)])]
    pieces, cut_ref = finish_sheet([deflate_piece(p) for p in parts])
    assert cut_ref == ref and _inflated(pieces) == _inflated(whole)


def test_parquet_is_one_row_group_as_before_up_to_its_size_then_one_per_row_group(tmp_path):
    schema = {"fields": [{"name": "id", "type": "string"}, {"name": "n", "type": "integer"},
                         {"name": "v", "type": "number"}]}
    rows = [{"id": f"r{i}", "n": str(i) if i % 3 else "", "v": f"{i / 7:.3f}"} for i in range(25_003)]
    table = pa.table({"id": [r["id"] for r in rows], "n": [int(r["n"]) if r["n"] else None for r in rows],
                      "v": [float(r["v"]) for r in rows]},
                     schema=pa.schema([("id", pa.string()), ("n", pa.int64()), ("v", pa.float64())]))
    buf = io.BytesIO()
    pq.write_table(table, buf, compression="zstd")  # what the writer did with every row at once
    assert parquet_bytes(rows, schema) == buf.getvalue()
    parquet_write(tmp_path / "g.parquet", iter(rows), schema, row_group=10_000)
    read = pq.ParquetFile(tmp_path / "g.parquet")
    assert read.num_row_groups == 3
    assert read.read().equals(table)
    assert pq.read_table(io.BytesIO(parquet_bytes([], schema))).num_rows == 0


def _export_peak(packages: Path, out: Path, monkeypatch) -> int:
    """Peak traced memory of the export's whole-portal part: what is held once every decree
    is exported (the model is built before tracing; each decree's own export is forgotten
    after it, so the peak is not that of the largest decree)."""
    document = Exporter.document

    def forget_peak(self, doc):
        try:
            return document(self, doc)
        finally:
            tracemalloc.reset_peak()
    monkeypatch.setattr(Exporter, "document", forget_peak)
    sources, problems = load_all(packages)
    assert not problems
    portal, schemas = build_model(sources), load_shared_schemas(packages)
    del sources
    meta = {"version": "t", "created": "", "documents": {}, "site_url": "", "satu_data": None}
    # What other tests left behind must not be traced: a collection during the export that
    # frees an earlier test's garbage runs its finalizers (a suspended writer's `finally`, a
    # temporary folder's cleanup) inside the traced window (the likely cause of a peak of
    # 10 MB instead of 2, once in a full run). So: the collector on (no test may leave it
    # off), that garbage collected before tracing, and what lives now frozen (a collection
    # then walks the export's own objects, not the worker's: faster after many tests too).
    assert gc.isenabled(), "a test left the cycle collector disabled"
    gc.collect()
    gc.freeze()
    tracemalloc.start()
    try:
        Exporter(portal, schemas, out, meta, Cache(None)).export_all()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        gc.unfreeze()


def test_export_memory_follows_the_largest_decree_not_the_portal(tmp_path, monkeypatch):
    """Three times the agencies (same shapes, three times the provinces): the export's peak
    traced memory stays nearly flat. Holding every decree's pieces or the merged rows, as the
    export did before, made it grow ~3x; a bound of 1.6x leaves room for what does grow
    a little per decree (the manifest, the references to spilled pieces)."""
    portals = []
    for n, provinces in ((4, ["11"]), (12, ["11", "12", "13"])):
        portals.append(tmp_path / f"p{n}")
        generate(portals[-1], n, Profile(), ROOT / "datapackages", seed=9, provinces=provinces,
                 indicators_per_agency=200, per_kabupaten=4)
    _export_peak(portals[0], tmp_path / "warm", monkeypatch)  # imports and one-time tables are not the export's
    peaks = [_export_peak(p, tmp_path / f"out-{p.name}", monkeypatch) for p in portals]
    assert peaks[1] < 1.6 * peaks[0], peaks
