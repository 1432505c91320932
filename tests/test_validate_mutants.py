"""The validation runner (generator/validate.py), in process and fast: rows mapped back to
their package, shared rows kept once, the cache's reuse and refusals, decree digests and the
de-duplication of foreign-key problems. Each test kills mutants `make mutation` found alive."""
from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

from generator.cache import Cache
from generator.errors import Problem
from generator.load import load_all, load_regions, load_schemas
from generator.validate import _decree_digest, check, dedupe, frictionless_problems, validate_sources

from kt_testing import BASIC_DOC, FIXTURE_DECREES, edit_cell, read_rows

TWIN = "kec-contoh-kab-tuban-iku-iki-2025"


def twin(packages: Path, doc: Path) -> Path:
    """A second decree of the same agency (its agency and region rows repeat the first's)."""
    copy = packages / TWIN
    shutil.copytree(doc, copy)
    for f in copy.iterdir():
        f.write_text(f.read_text(encoding="utf-8").replace("iku-iki-2024", "iku-iki-2025"), encoding="utf-8")
    return copy


def loaded(packages: Path):
    sources, problems = load_all(packages)
    assert problems == []
    shared, _ = load_schemas(packages)
    regions, _ = load_regions(packages)
    return sources, shared, regions


def test_a_row_of_the_second_package_is_reported_in_its_own_numbering(basic_copy):
    packages, doc = basic_copy
    second = twin(packages, doc)
    edit_cell(second, "indicators", 1, "order", "dua")
    edit_cell(second, "indicators", 2, "id", read_rows(second / "indicators.csv")[0]["id"])  # a row error
    sources, shared, _ = loaded(packages)
    found = frictionless_problems(sources, shared)
    [p] = [x for x in found if x.code == "type-error"]
    [dup] = [x for x in found if x.code == "primary-key"]
    assert (dup.package, dup.row) == (TWIN, 4)
    assert dup.message.startswith('Row at position "4"'), dup.message
    assert (p.package, p.resource, p.row, p.field, p.code) == (TWIN, "indicators", 3, "order", "type-error")
    assert p.file == str(second / "indicators.csv")
    assert 'in row "3"' in p.message and 'row "6"' not in p.message  # not the concatenated table's row


def test_rows_at_the_seam_of_two_packages_are_their_own(basic_copy):
    """The last row of the first package and the first row of the next, each an error: each
    is reported in its own package with its own row number."""
    packages, doc = basic_copy
    second = twin(packages, doc)
    last = len(read_rows(doc / "indicators.csv")) - 1
    edit_cell(doc, "indicators", last, "order", "akhir")
    edit_cell(second, "indicators", 0, "order", "awal")
    sources, shared, _ = loaded(packages)
    found = [(p.package, p.row, p.field) for p in frictionless_problems(sources, shared) if p.code == "type-error"]
    assert sorted(found) == sorted([(doc.name, last + 2, "order"), (TWIN, 2, "order")])


def test_a_foreign_key_of_several_fields_names_them_all(basic_copy):
    packages, _ = basic_copy
    sources, shared, _ = loaded(packages)
    rows = [dict(r) for r in sources[0].tables["targets"]]
    rows[1]["indicator_id"] = "no-such-indicator"
    sources = [dataclasses.replace(sources[0], tables=dict(sources[0].tables, targets=rows))]
    fk = {"fields": ["document_id", "indicator_id"], "reference": {"resource": "indicators",
                                                                  "fields": ["document_id", "id"]}}
    targets = dict(shared["targets"], foreignKeys=[fk])
    found = [p for p in frictionless_problems(sources, dict(shared, targets=targets)) if p.code == "foreign-key"]
    assert [(p.resource, p.row, p.field) for p in found] == [("targets", 3, "document_id,indicator_id")]


def test_an_agency_shared_by_two_decrees_is_one_row_for_frictionless(basic_copy):
    packages, doc = basic_copy
    twin(packages, doc)
    sources, shared, _ = loaded(packages)
    assert frictionless_problems(sources, shared) == []  # no duplicate key on agencies nor regions


def test_every_agency_of_a_package_is_a_row_for_frictionless():
    """A package with several agencies (tests/fixtures/packages/multi): each agency row is
    kept (only a repeated id is dropped), so every reference to an agency resolves."""
    from test_multi_agency import MULTI
    sources, shared, _ = loaded(MULTI)
    assert len({a["id"] for a in sources[0].tables["agencies"]}) > 1
    assert frictionless_problems(sources, shared) == []


def test_a_table_level_error_has_no_row(basic_copy):
    packages, doc = basic_copy
    sources, shared, _ = loaded(packages)
    shared = dict(shared, indicators=dict(shared["indicators"], primaryKey=["id", "no_such_field"]))
    found = frictionless_problems(sources, shared)
    # frictionless refused the package as a whole: the schema it refuses is named, with its file
    assert [(p.package, p.resource, p.row, p.code, p.file) for p in found] == [
        ("schemas", "indicators", None, "frictionless", str(packages / "schemas" / "indicators.json"))]
    assert "no_such_field" in found[0].message and found[0].message.startswith("frictionless refuses it: ")


def test_a_refused_package_names_every_refused_schema(basic_copy):
    packages, _ = basic_copy
    sources, shared, _ = loaded(packages)
    broken = dict(shared, goals=dict(shared["goals"], primaryKey=["nama"]),
                  duties=dict(shared["duties"], fields=[dict(f, type="teks") if f["name"] == "text" else f
                                                        for f in shared["duties"]["fields"]]))
    found = frictionless_problems(sources, broken)
    assert [(p.resource, p.file) for p in found] == [(r, str(packages / "schemas" / f"{r}.json"))
                                                     for r in ("duties", "goals")]  # in RESOURCES order
    assert '"teks"' in found[0].message and "nama" in found[1].message


def test_a_refusal_no_schema_explains_names_the_schemas_folder(basic_copy, monkeypatch):
    """frictionless refuses the package for a reason no single schema shows: the problem
    names the schemas folder and keeps frictionless' own message."""
    import frictionless
    packages, _ = basic_copy
    sources, shared, _ = loaded(packages)
    shared = dict(shared, indicators=dict(shared["indicators"], primaryKey=["id", "no_such_field"]))

    class FindsNothing:  # what _refused asks about each schema; the package itself is still refused
        @staticmethod
        def metadata_validate(descriptor):
            return iter(())
    monkeypatch.setattr(frictionless, "Schema", FindsNothing)
    found = frictionless_problems(sources, shared)
    assert [(p.package, p.resource, p.code, p.file) for p in found] == [
        ("schemas", None, "frictionless", str(packages / "schemas"))]
    assert "descriptor is not valid" in found[0].message


def test_a_resource_level_error_names_its_resource_and_no_row(basic_copy):
    """frictionless reports some errors for a whole table (a foreign key to a resource that
    is not there): the problem names the table, with no row."""
    packages, _ = basic_copy
    sources, shared, _ = loaded(packages)
    fk = {"fields": ["id"], "reference": {"resource": "no-such-resource", "fields": ["id"]}}
    indicators = dict(shared["indicators"], foreignKeys=[*shared["indicators"].get("foreignKeys", []), fk])
    found = frictionless_problems(sources, dict(shared, indicators=indicators))
    assert [(p.package, p.resource, p.row, p.code, p.file) for p in found] == [
        ("schemas", "indicators", None, "resource-error", str(packages / "schemas" / "indicators.json"))]


def test_the_portal_is_checked_as_data_package_v2(basic_copy):
    """The concatenated package declares the v2 profile, so a v2 constraint
    (exclusiveMinimum) is enforced row by row, not refused as unknown to v1."""
    packages, _ = basic_copy
    sources, shared, _ = loaded(packages)
    fields = [dict(f, constraints=dict(f.get("constraints", {}), exclusiveMinimum=1)) if f["name"] == "order" else f
              for f in shared["positions"]["fields"]]
    found = frictionless_problems(sources, dict(shared, positions=dict(shared["positions"], fields=fields)))
    firsts = [i for i, r in enumerate(sources[0].tables["positions"], start=2) if int(r["order"]) <= 1]
    assert firsts and [(p.resource, p.row, p.field, p.code) for p in found] == [
        ("positions", row, "order", "constraint-error") for row in firsts]


def test_nothing_to_check_without_every_resource_or_schema(basic_copy):
    packages, _ = basic_copy
    sources, shared, _ = loaded(packages)
    edit_cell(packages / BASIC_DOC, "indicators", 0, "order", "x")
    broken, *_ = loaded(packages)
    assert frictionless_problems(broken, shared)  # the type error is seen
    del broken[0].tables["targets"]
    assert frictionless_problems(broken, shared) == []
    assert frictionless_problems(sources, {k: v for k, v in shared.items() if k != "targets"}) == []


def test_clean_results_come_from_the_cache_with_their_warnings(basic_copy, tmp_path):
    packages, doc = basic_copy
    sources, shared, regions = loaded(packages)
    cache = Cache(tmp_path / "cache")
    first = validate_sources(sources, shared, regions, tmp_path / "no-decrees", cache)
    assert [p.code for p in first] == ["source-missing"] and first[0].severity == "warning"
    assert first[0].file and Path(first[0].file).is_relative_to(doc)
    # same digest, other rows: a result from the cache does not look at the rows
    edited = [dataclasses.replace(s, tables=dict(s.tables, indicators=[])) for s in sources]
    assert validate_sources(edited, shared, regions, tmp_path / "no-decrees", cache) == first
    assert validate_sources(edited, shared, regions, tmp_path / "no-decrees", Cache(None)) != first


def test_a_package_with_errors_is_never_cached(basic_copy, tmp_path):
    packages, doc = basic_copy
    edit_cell(doc, "indicators", 0, "goal_id", "missing-goal")
    sources, shared, regions = loaded(packages)
    cache = Cache(tmp_path / "cache")
    first = validate_sources(sources, shared, regions, FIXTURE_DECREES, cache)
    assert any(p.severity == "error" for p in first)
    fixed = [dataclasses.replace(s, tables=dict(s.tables, indicators=[])) for s in sources]
    again = validate_sources(fixed, shared, regions, FIXTURE_DECREES, cache)
    assert again != first  # validated afresh, not read back


def test_a_package_without_a_digest_is_never_cached(basic_copy, tmp_path):
    """A package not read from files has no digest of its bytes: a cache key without them
    would hand one content's result to another, so it is validated afresh each time."""
    packages, _ = basic_copy
    sources, shared, regions = loaded(packages)
    bare = [dataclasses.replace(s, digest="") for s in sources]
    cache = Cache(tmp_path / "cache")
    assert not any(p.severity == "error" for p in validate_sources(bare, shared, regions, FIXTURE_DECREES, cache))
    rows = [dict(r) for r in bare[0].tables["indicators"]]
    rows[0]["goal_id"] = "missing-goal"
    broken = [dataclasses.replace(bare[0], tables=dict(bare[0].tables, indicators=rows))]
    assert any(p.severity == "error" for p in validate_sources(broken, shared, regions, FIXTURE_DECREES, cache))


def test_a_warning_about_no_file_or_a_file_outside_the_package_is_not_cached(basic_copy, tmp_path, monkeypatch):
    """The cache stores file names relative to the package folder: a package whose warnings
    name a file outside it (a decree text) or no file is validated afresh next time."""
    import generator.validate as validate
    packages, _ = basic_copy
    sources, shared, regions = loaded(packages)
    rules = validate.domain_problems
    outside = str(FIXTURE_DECREES / "decree.txt")

    def with_warnings(src, *args):
        return rules(src, *args) + [
            Problem(src.name, None, 3, None, "source-lines", "about the decree text", "warning", outside),
            Problem(src.name, None, None, None, "source-missing", "about no file", "warning", None)]
    monkeypatch.setattr(validate, "domain_problems", with_warnings)
    cache = Cache(tmp_path / "cache")
    first = validate_sources(sources, shared, regions, FIXTURE_DECREES, cache)
    assert not any(p.severity == "error" for p in first)
    assert [p.file for p in first if p.message.startswith("about")] == [outside, None]
    monkeypatch.setattr(validate, "domain_problems", rules)
    again = validate_sources(sources, shared, regions, FIXTURE_DECREES, cache)
    assert not [p for p in again if p.message.startswith("about")]  # validated afresh, not read back


def test_the_cache_key_follows_the_regions_and_the_decree_text(basic_copy, tmp_path):
    packages, doc = basic_copy
    sources, shared, regions = loaded(packages)
    cache = Cache(tmp_path / "cache")
    validate_sources(sources, shared, regions, FIXTURE_DECREES, cache)
    edited = [dataclasses.replace(s, tables=dict(s.tables, indicators=[])) for s in sources]
    fewer = dict(list(regions.items())[:1])
    assert validate_sources(edited, shared, fewer, FIXTURE_DECREES, cache) != []  # other regions: a miss
    decrees = tmp_path / "decrees"
    shutil.copytree(FIXTURE_DECREES, decrees)
    source_file = sources[0].tables["documents"][0]["source_file"]
    (decrees / source_file).write_text("another text\n", encoding="utf-8")
    assert validate_sources(edited, shared, regions, decrees, cache) != []  # another decree text: a miss


def test_decree_digest(basic_copy, tmp_path):
    packages, _ = basic_copy
    sources, _, _ = loaded(packages)
    src = sources[0]
    name = src.tables["documents"][0]["source_file"]
    assert _decree_digest(src, None) == "-"
    assert len(_decree_digest(src, FIXTURE_DECREES)) == 64
    assert _decree_digest(src, tmp_path) == "missing"
    two = dataclasses.replace(src, tables=dict(src.tables, documents=src.tables["documents"] * 2))
    assert _decree_digest(two, FIXTURE_DECREES) == "-"
    unsafe = dataclasses.replace(src, tables=dict(src.tables, documents=[dict(src.tables["documents"][0],
                                                                            source_file="../" + name)]))
    assert _decree_digest(unsafe, FIXTURE_DECREES) == "unsafe"
    empty = dataclasses.replace(src, tables=dict(src.tables, documents=[dict(src.tables["documents"][0],
                                                                           source_file="")]))
    (tmp_path / "x").mkdir()
    assert _decree_digest(empty, tmp_path / "x") == "missing"


def test_a_foreign_key_broken_inside_a_package_is_reported_once():
    theirs = Problem("p", "indicators", 2, "goal_id", "foreign-key", "not found in the lookup table")
    ours = Problem("p", "indicators", 2, "goal_id", "foreign-key", "no goal of that id in this package")
    elsewhere = dataclasses.replace(ours, row=3)
    other = Problem("p", "indicators", 2, "goal_id", "id-pattern", "in this package")
    assert dedupe([theirs, ours, elsewhere, other]) == [theirs, elsewhere, other]
    assert dedupe([ours]) == [ours]


def test_without_schemas_no_rule_runs(basic_copy):
    packages, doc = basic_copy
    edit_cell(doc, "indicators", 0, "goal_id", "missing-goal")
    (packages / "schemas" / "indicators.json").write_text("{not json", encoding="utf-8")
    report, sources = check(packages, FIXTURE_DECREES)
    assert [s.name for s in sources] == [BASIC_DOC]
    codes = {p.code for p in report.problems}
    assert codes and "foreign-key" not in codes and all(p.package == "schemas" for p in report.problems)


def test_the_portal_rules_run_across_packages(basic_copy):
    packages, doc = basic_copy
    second = twin(packages, doc)
    edit_cell(second, "agencies", 0, "name", "Kecamatan Lain")  # one agency, two descriptions
    sources, shared, regions = loaded(packages)
    found = validate_sources(sources, shared, regions, FIXTURE_DECREES)
    assert [p.code for p in found if p.severity == "error"] == ["agency-conflict"]
    assert found[-1].code == "agency-conflict"  # the portal rules run last, after every package
