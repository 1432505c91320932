import json

import pytest

from generator.load import load_all, unsafe_path

from kt_testing import BASIC_DOC


@pytest.mark.parametrize("path,ok", [
    ("indicators.csv", True), ("data/indicators.csv", True),
    ("../other/indicators.csv", False), ("/etc/passwd", False), ("https://example.org/x.csv", False),
    ("C:\\data\\x.csv", False), ("a/../../x.csv", False), ("", False), (None, False), ("//host/x.csv", False),
])
def test_unsafe_paths(path, ok):
    assert (unsafe_path(path) is None) is ok


def _problems(packages):
    _, problems = load_all(packages)
    return problems


def test_refuses_url_resource_without_fetching(basic_copy):
    packages, doc = basic_copy
    d = json.loads((doc / "datapackage.json").read_text())
    d["resources"][0]["path"] = "https://example.invalid/regions.csv"
    (doc / "datapackage.json").write_text(json.dumps(d))
    [p] = [p for p in _problems(packages) if p.code == "unsafe-path"]
    assert p.resource == "regions" and p.field == "path" and "nothing is fetched" in p.message


@pytest.mark.parametrize("content,code,row", [
    (b"\xef\xbb\xbfid,name\n", "excel-csv", 1),  # a warning: read as the same rows (tests/test_excel_csv.py)
    (b"code,name,level,parent_code\r\n35,JAWA TIMUR,provinsi,\r\n", "excel-csv", 1),
    (b"code,name,level,parent_code\r35,JAWA TIMUR,provinsi,\n", "line-ending", 1),
    (b"\xef\xbb\xbfcode,name,level,parent_code\r\n35,JAWA \xff TIMUR,provinsi,\r\n", "encoding-error", 2),
    (b"code,name,level,parent_code\n35,JAWA \xff TIMUR,provinsi,\n", "encoding-error", 2),
    (b"", "empty-file", None),
])
def test_encoding_problems_name_file_and_row(basic_copy, content, code, row):
    packages, doc = basic_copy
    (doc / "regions.csv").write_bytes(content)
    [p] = [p for p in _problems(packages) if p.code == code]
    assert p.file.endswith("regions.csv") and p.row == row


def test_huge_cell_is_refused(basic_copy):
    packages, doc = basic_copy
    text = (doc / "indicators.csv").read_text()
    (doc / "indicators.csv").write_text(text.replace("Absensi", "x" * 1_000_000, 1))
    [p] = [p for p in _problems(packages) if p.code == "cell-too-long"]
    assert p.field == "data_source" and p.row == 2


def test_invalid_json_descriptor(basic_copy):
    packages, doc = basic_copy
    (doc / "datapackage.json").write_text("{not json")
    [p] = _problems(packages)
    assert p.code == "invalid-descriptor" and p.package == BASIC_DOC


def test_empty_packages_dir(tmp_path):
    [p] = _problems(tmp_path)
    assert p.code == "no-packages"


def test_ragged_row_is_reported(basic_copy):
    packages, doc = basic_copy
    text = (doc / "positions.csv").read_text()
    (doc / "positions.csv").write_text(text.rstrip("\n") + ",surplus\n")
    [p] = [p for p in _problems(packages) if p.code == "extra-cell"]
    assert p.row == 3 and p.file.endswith("positions.csv")


def test_a_schema_pattern_must_be_a_regular_expression(basic_copy):
    """A `pattern` frictionless would compile (anchored, Python's re) and fail on is an
    invalid-schema problem naming the schema file, its resource and the field; that schema
    is not used (the rules and frictionless would crash on it)."""
    from generator.load import load_schemas
    packages, _ = basic_copy
    path = packages / "schemas" / "duties.json"
    schema = json.loads(path.read_text())
    for f in schema["fields"]:
        f.setdefault("constraints", {})["pattern"] = {"id": 5, "text": "a|b", "position_id": "x\\"}.get(f["name"])
        if f["constraints"]["pattern"] is None:
            del f["constraints"]["pattern"]
    path.write_text(json.dumps(schema))
    shared, problems = load_schemas(packages)
    assert "duties" not in shared and "goals" in shared
    assert [(p.package, p.resource, p.field, p.code, p.file) for p in problems] == [
        ("schemas", "duties", "id", "invalid-schema", str(path)),
        ("schemas", "duties", "position_id", "invalid-schema", str(path))]
    assert problems[0].message.endswith("5 is not a string")
    assert "'x\\\\': bad escape (end of pattern) at position 1" in problems[1].message


def test_equal_cells_are_one_string_whatever_the_package_or_the_cache(tmp_path):
    """Cells repeat (units, kinds, years, ids of positions and goals, the same duties written
    by many agencies): each distinct text is held once, whether read from the CSVs or from
    the build cache (a fifth less memory for the rows of the bench's synthetic packages)."""
    from generator.cache import Cache
    from kt_testing import ROOT

    packages = ROOT / "datapackages"
    cache = Cache(tmp_path / "cache")
    for source in (lambda: load_all(packages)[0], lambda: load_all(packages, cache)[0]):
        load_all(packages, cache)  # fills the cache (the second round reads from it)
        sources = source()
        seen: dict[str, str] = {}
        cells = [v for s in sources for rows in s.tables.values() for r in rows for v in r.values()]
        assert len(cells) > 1000 and len(set(cells)) < len(cells)
        assert all(seen.setdefault(v, v) is v for v in cells)
