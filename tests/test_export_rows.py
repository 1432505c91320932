"""The rows of the downloads typed column by column (export.typed_columns, typed._column) are
the rows typed cell by cell (export.typed, typed._typed), whatever the values and fields."""
from __future__ import annotations

import json
import random

from generator import export, typed
from generator.xlsx import row_xml

SCHEMA = {"fields": [{"name": "id"}, {"name": "n", "type": "integer"}, {"name": "x", "type": "number"},
                     {"name": "teks", "type": "string"}, {"name": "kode"}]}


def rows(seed: int, n: int = 400) -> list[dict]:
    rnd = random.Random(seed)
    values = {"id": ["a", "", "b-1"], "n": ["", "0", "12", "-3"], "x": ["", "1.5", "2", "-0.25", "1e3"],
              "teks": ["", "Indeks & <mutu>", "\u00e9", "0"], "kode": ["", "11.01", "32"]}
    out = []
    for _ in range(n):
        row = {k: rnd.choice(v) for k, v in values.items() if rnd.random() < 0.9}  # some fields missing
        if rnd.random() < 0.05:
            row["teks"] = None
        out.append(row)
    return out


def test_typed_rows_are_typed_cell_by_cell():
    types = {f["name"]: f.get("type", "string") for f in SCHEMA["fields"]}
    for seed in range(5):
        data = rows(seed)
        assert export.typed_rows(data, SCHEMA) == [{k: export.typed(r.get(k, ""), t) for k, t in types.items()}
                                                   for r in data]
    assert export.typed_rows([], SCHEMA) == [] and export.typed_rows([{}, {}], {"fields": []}) == [{}, {}]
    assert export.typed_rows([{"n": "12", "x": "2", "teks": ""}], SCHEMA) == [
        {"id": None, "n": 12, "x": 2, "teks": None, "kode": None}]


def test_the_three_formats_of_rows_are_the_typed_rows():
    data = rows(7)
    header = [f["name"] for f in SCHEMA["fields"]]
    body, items, xml = export.row_formats(data, SCHEMA)
    want = export.typed_rows(data, SCHEMA)
    assert json.loads(b"[" + items + b"]") == want
    assert xml.decode() == "".join(row_xml([r[h] for h in header]) for r in want)
    assert body.count(b"\n") == len(data)
    twice = {"fields": SCHEMA["fields"] + [{"name": "id"}]}  # a field named twice: its typed value repeated
    _, _, xml2 = export.row_formats(data, twice)
    assert xml2.decode() == "".join(row_xml([r[h] for h in header + ["id"]]) for r in export.typed_rows(data, twice))


def test_arrow_columns_are_typed_cell_by_cell():
    for seed in range(3):
        data = rows(seed)
        for f in SCHEMA["fields"]:
            t = f.get("type", "string")
            assert typed._column(data, f["name"], t) == [typed._typed(r.get(f["name"], ""), t) for r in data]


def test_a_national_portals_pieces_are_the_same_without_json():
    tables = {"indicators": rows(3), "targets": rows(4, 50)}
    schemas = {name: SCHEMA for name in export.CONCATENATED}
    small, national = export.table_parts(tables, schemas), export.table_parts(tables, schemas, national=True)
    for name in export.CONCATENATED:
        assert "json" in small[name] and "json" not in national[name]
        assert {k: v for k, v in small[name].items() if k != "json"} == national[name]
        assert export.kept_parts(small, True)[name] == export.kept_parts(national, True)[name]
    assert export.row_formats(rows(3), SCHEMA, json_items=False)[1] == b""
    assert export.row_formats(rows(3), SCHEMA, json_items=False)[::2] == export.row_formats(rows(3), SCHEMA)[::2]
