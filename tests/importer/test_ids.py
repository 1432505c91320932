"""Ids never change meaning: an id once released keeps its content or is retired."""
import csv
from pathlib import Path

from generator.importer.ids import stabilise
from generator.releases import read_release_tables, releases

ROOT = Path(__file__).resolve().parents[2]
D = "d"


def goal(n, text, line, pos="d--p"):
    return {"id": f"{D}--sasaran_iki-{n}", "level": "sasaran_iki", "position_id": pos, "text": text,
            "parent_id": "", "source_lines": str(line)}


def ind(n, name, line, gid="", pos="d--p"):
    return {"id": f"{pos}--{n}", "position_id": pos, "name": name, "goal_id": gid, "source_lines": str(line)}


def test_a_row_read_more_keeps_the_ids_of_the_rows_after_it():
    """The importer now reads a row it missed: the rows after it keep their released ids and
    the new row gets an ordinal no release used."""
    released = {"goals": {g["id"]: g for g in [goal(1, "A", 10), goal(2, "B", 20)]},
                "indicators": {i["id"]: i for i in [ind(1, "Jumlah A", 10), ind(2, "Jumlah B", 20)]}}
    tables = {"goals": [goal(1, "A", 10), goal(2, "New", 15), goal(3, "B", 20)],
              "indicators": [ind(1, "Jumlah A", 10, "d--sasaran_iki-1"), ind(2, "Jumlah N", 15, "d--sasaran_iki-2"),
                             ind(3, "Jumlah B", 20, "d--sasaran_iki-3")],
              "targets": [{"id": "d--p--3--target-2024", "indicator_id": "d--p--3"}]}
    ever = set(released["goals"]) | set(released["indicators"])
    stabilise(tables, released, ever)
    assert [g["id"] for g in tables["goals"]] == ["d--sasaran_iki-1", "d--sasaran_iki-3", "d--sasaran_iki-2"]
    assert [i["id"] for i in tables["indicators"]] == ["d--p--1", "d--p--3", "d--p--2"]
    assert [i["goal_id"] for i in tables["indicators"]] == ["d--sasaran_iki-1", "d--sasaran_iki-3",
                                                             "d--sasaran_iki-2"]
    assert tables["targets"] == [{"id": "d--p--2--target-2024", "indicator_id": "d--p--2"}]


def test_a_corrected_row_keeps_its_id_and_a_retired_id_is_not_reused():
    released = {"goals": {}, "indicators": {i["id"]: i for i in [ind(1, "Jumlah A", 10), ind(2, "Kelaini ali", 11)]}}
    ever = set(released["indicators"]) | {"d--p--3"}          # --3 was released once, then retired
    tables = {"indicators": [ind(1, "Jumlah A.", 10), ind(2, "Jumlah C", 30), ind(3, "Jumlah D", 40)]}
    stabilise(tables, released, ever)
    # same line, same position: the corrected row keeps --1; --2 meant 'Kelaini ali' (line 11): retired
    assert [i["id"] for i in tables["indicators"]] == ["d--p--1", "d--p--4", "d--p--5"]


def test_without_a_release_ids_are_the_importers():
    tables = {"indicators": [ind(1, "A", 1), ind(2, "B", 2)]}
    assert stabilise(tables, {}, set()) == {}
    assert [i["id"] for i in tables["indicators"]] == ["d--p--1", "d--p--2"]


def _published(resource: str) -> dict[str, dict]:
    out = {}
    for path in (ROOT / "datapackages").glob(f"*/{resource}.csv"):
        with open(path, encoding="utf-8", newline="") as fh:
            out.update({r["id"]: r for r in csv.DictReader(fh)})
    return out


def test_released_ids_keep_their_meaning_in_the_published_packages():
    """Every goal, indicator and duty id of every release that is still published names the same row
    of the decree: the same words in the same place, or (a correction) the same line there."""
    for rec in releases(ROOT / "releases"):
        old = read_release_tables(ROOT / "releases" / rec["version"])
        for resource, fields in (("goals", ("level", "position_id", "text")), ("indicators", ("position_id", "name")),
                                 ("duties", ("position_id", "kind", "text"))):
            now = _published(resource)
            for row in old[resource]:
                new = now.get(row["id"])
                if new is None:
                    continue  # retired
                same = all(new[f] == row[f] for f in fields)
                same_place = all(new[f] == row[f] for f in fields[:-1]) and \
                    new["source_lines"].split("-")[0] == row["source_lines"].split("-")[0]
                assert same or same_place, (rec["version"], row["id"], row[fields[-1]], new[fields[-1]])
