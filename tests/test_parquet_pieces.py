"""The whole portal's Parquet is assembled from each decree's Arrow batch (typed.arrow_piece,
cached with the decree's export): the bytes are those of parquet_write over all the rows,
whatever the pieces' sizes and the row groups' boundaries."""
import io
import random

import pyarrow.parquet as pq

from generator import typed

SCHEMA = {"fields": [{"name": "id", "type": "string"}, {"name": "n", "type": "integer"},
                     {"name": "x", "type": "number"}, {"name": "t", "type": "string"}]}


def rows(total: int, rng: random.Random) -> list[dict]:
    return [{"id": f"r{k}", "n": "" if k % 7 == 0 else str(k), "x": "" if k % 5 == 0 else f"{k / 3:.3f}",
             "t": rng.choice(["", "abc", "ünï", "x" * 50])} for k in range(total)]


def test_pieces_give_the_bytes_of_the_rows():
    rng = random.Random(1)
    for total in (0, 1, 1000, 1001, 2500):
        table = rows(total, rng)
        for row_group in (7, 1000, 250_000):
            whole = io.BytesIO()
            typed.parquet_write(whole, table, SCHEMA, row_group=row_group)
            pieces, at = [], 0
            while at < total:
                n = rng.choice([0, 1, 3, 50, 400, 1500])
                pieces.append(typed.arrow_piece(table[at:at + n], SCHEMA))
                at += n
            pieces.append(typed.arrow_piece([], SCHEMA))
            joined = io.BytesIO()
            typed.parquet_from_pieces(joined, pieces, SCHEMA, row_group=row_group)
            assert joined.getvalue() == whole.getvalue(), (total, row_group)
            read = pq.read_table(io.BytesIO(joined.getvalue()))
            assert read.num_rows == total
            if total:
                assert read.column("n").to_pylist()[:2] == [None, 1][:total]
                assert pq.ParquetFile(io.BytesIO(joined.getvalue())).metadata.row_group(0).num_rows == min(total, row_group)
