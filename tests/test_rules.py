"""The rule table: every code documented in docs/problems.md and exercised by the
bad-input corpus; each rule reports its own code only, with file, row and field."""
import subprocess
import sys
from pathlib import Path

import pytest
from kt_testing import ROOT

from generator.rules import (
    FRICTIONLESS_CODES,
    LOAD_CODES,
    RULES,
    catalogue,
    catalogue_markdown,
)

sys.path.insert(0, str(Path(__file__).parent / "bad_input"))
from cases import CASES


def test_docs_problems_md_is_the_catalogue():
    """Regenerate with `make problems-doc` after adding a rule."""
    assert (ROOT / "docs" / "problems.md").read_text(encoding="utf-8") == catalogue_markdown()


def test_make_problems_doc_prints_the_catalogue():
    """`make problems-doc` is `python -m generator.rules > docs/problems.md`: the program
    prints the page, nothing more (and importing the module prints nothing)."""
    proc = subprocess.run([sys.executable, "-m", "generator.rules"], cwd=ROOT, capture_output=True, text=True,
                          check=True)
    assert proc.stdout == catalogue_markdown()
    imported = subprocess.run([sys.executable, "-c", "import generator.rules"], cwd=ROOT, capture_output=True,
                              text=True, check=True)
    assert imported.stdout == ""


def test_codes_are_unique_and_described():
    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes))
    assert not set(codes) & set(LOAD_CODES)
    for r in RULES:
        assert r.title and len(r.description) > 20, r.code
        assert r.scope in ("package", "portal") and r.severity in ("error", "warning")


@pytest.mark.parametrize("code", [c[0] for c in catalogue()])
def test_every_code_is_exercised_by_the_corpus(code):
    assert code in {c[2] for c in CASES}, f"no case in tests/bad_input/cases.py expects {code!r}"


def test_the_catalogue_has_every_kind_of_code():
    codes = {c[0] for c in catalogue()}
    assert set(LOAD_CODES) <= codes and set(FRICTIONLESS_CODES) <= codes and {r.code for r in RULES} <= codes


# written out, not read from rules.ID_FIELDS: every field whose value ends up in an output
# path, a page name or an anchor (the specification of the id-pattern rule)
IDENTIFIER_FIELDS = {
    "regions": ["code", "parent_code"],
    "agencies": ["id", "region_code"],
    "documents": ["id", "agency_id", "source_file", "supersedes"],
    "positions": ["id", "document_id", "agency_id"],
    "duties": ["id", "document_id", "position_id"],
    "goals": ["id", "document_id", "position_id", "parent_id"],
    "indicators": ["id", "document_id", "agency_id", "position_id", "goal_id"],
    "targets": ["id", "document_id", "indicator_id"],
}


@pytest.mark.parametrize("resource,field", [(r, f) for r, fields in IDENTIFIER_FIELDS.items() for f in fields])
def test_every_identifier_field_is_held_to_its_pattern(resource, field):
    """Whatever the schemas say (a --packages folder may bring its own): a value that could
    leave its folder is an id-pattern problem naming its table, row and field."""
    from generator.load import load_all, load_regions, load_schemas
    from generator.validate import domain_problems
    from kt_testing import BASIC
    sources, _ = load_all(BASIC)
    [src] = [s for s in sources if resource in s.tables]
    shared, regions = load_schemas(BASIC)[0], load_regions(BASIC)[0]
    src.tables[resource][0][field] = "../escape"
    found = [(p.resource, p.row, p.field) for p in domain_problems(src, shared, regions, None) if p.code == "id-pattern"]
    assert found == [(resource, 2, field)]


# written out, not read from rules.RESERVED_NAMES: the portal's own folders and pages
RESERVED = ["semua", "provinsi", "index", "schemas", "reference", "sumber", "assets", "pagefind", "search", "en"]


@pytest.mark.parametrize("name", RESERVED)
def test_each_name_of_the_portals_own_folders_is_reserved(name):
    """An agency named like a folder or page of the portal (its page would be lembaga/<id>/,
    its downloads' neighbours unduh/<name>/) is a reserved-name problem on its row."""
    from generator.load import load_all, load_regions, load_schemas
    from generator.validate import domain_problems
    from kt_testing import BASIC
    [src] = load_all(BASIC)[0]
    src.tables["agencies"][0]["id"] = name
    found = [(p.resource, p.row, p.field) for p in
             domain_problems(src, load_schemas(BASIC)[0], load_regions(BASIC)[0], None) if p.code == "reserved-name"]
    assert found == [("agencies", 2, "id")]
