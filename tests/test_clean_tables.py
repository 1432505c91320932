"""clean_tables.proven_clean: True only where frictionless itself reports nothing, so the
validation's problems are frictionless' own either way (validate.frictionless_problems runs
frictionless whenever the answer is False). Each case is validated twice, with the proof and
with frictionless alone, and the problem lists must be equal."""
from __future__ import annotations

import shutil

import pytest

from generator.clean_tables import _sniffed_as_written

from kt_testing import BASIC, BASIC_DOC, edit_cell, read_rows, write_rows
from kt_testing import frictionless_both_ways as both_ways


def test_a_clean_portal_is_proven_clean(tmp_path, monkeypatch):
    shutil.copytree(BASIC, tmp_path / "p")
    fast, plain, answers = both_ways(tmp_path / "p", monkeypatch)
    assert answers == [True] and fast == plain == []


CELLS = [
    # resource, row, field, value: each one frictionless reports
    ("indicators", 0, "position_id", "no-such-position"),
    ("goals", 2, "parent_id", "no-such-goal"),  # a key into its own table
    ("agencies", 0, "region_code", "35.99"),
    ("indicators", 1, "id", f"{BASIC_DOC}--sekretaris-kecamatan--1"),  # primary key twice
    ("indicators", 1, "id", ""),  # a primary key missing
    ("positions", 0, "order", "pertama"),
    ("positions", 0, "order", "0"),  # minimum
    ("targets", 0, "year", "2100"),  # maximum
    ("targets", 0, "value", "lima"),  # number
    ("documents", 0, "signed_on", "2024-13-45"),
    ("documents", 0, "source_sha256", "abc"),  # pattern
    ("indicators", 0, "id", "A" * 201),  # maxLength
    ("indicators", 0, "kind", "IKX"),  # enum
    ("indicators", 0, "name", ""),  # required
    ("indicators", 0, "source_lines", "0-3"),
    ("indicators", 0, "calculation_type", "campuran"),
    ("indicators", 0, "flags", "lost_page;"),
]


@pytest.mark.parametrize("resource,row,field,value", CELLS)
def test_what_frictionless_reports_is_not_proven_clean(tmp_path, monkeypatch, resource, row, field, value):
    shutil.copytree(BASIC, tmp_path / "p")
    edit_cell(tmp_path / "p" / BASIC_DOC, resource, row, field, value)
    fast, plain, answers = both_ways(tmp_path / "p", monkeypatch)
    assert answers == [False] and plain and fast == plain


@pytest.mark.parametrize("value", ["12", "1\n2", "1\r\n2", " 3", "3 ", '"3"', "3;4;5", "2\t4"])
def test_what_frictionless_accepts_is_proven_clean(tmp_path, monkeypatch, value):
    """Cells that need quoting, or hold another delimiter, in a free-text field."""
    shutil.copytree(BASIC, tmp_path / "p")
    edit_cell(tmp_path / "p" / BASIC_DOC, "indicators", 0, "note", value)
    fast, plain, answers = both_ways(tmp_path / "p", monkeypatch)
    assert answers == [True] and fast == plain == []


def test_a_blank_row_is_not_proven_clean(tmp_path, monkeypatch):
    """A row with every cell empty: frictionless' blank-row (and its keys' errors)."""
    shutil.copytree(BASIC, tmp_path / "p")
    path = tmp_path / "p" / BASIC_DOC / "duties.csv"
    rows = read_rows(path)
    write_rows(path, rows + [{k: "" for k in rows[0]}])
    fast, plain, answers = both_ways(tmp_path / "p", monkeypatch)
    assert answers == [False] and any(p["code"] == "blank-row" for p in plain) and fast == plain


def test_a_nul_in_a_cell_is_left_to_frictionless(tmp_path, monkeypatch):
    shutil.copytree(BASIC, tmp_path / "p")
    edit_cell(tmp_path / "p" / BASIC_DOC, "indicators", 0, "note", "a\x00b")
    fast, plain, answers = both_ways(tmp_path / "p", monkeypatch)
    assert answers == [False] and fast == plain


def test_the_sniffed_dialect_must_read_the_file_as_written():
    """frictionless sniffs the delimiter from the first lines: a one-column table whose
    name and texts hold semicolons reads as several columns, a header with a space after
    each comma makes it skip initial spaces (so frictionless would report); a table that
    sniffs as commas or not at all reads as written."""
    assert not _sniffed_as_written(["a;b"], [{"a;b": "x;y"}] * 5)
    assert not _sniffed_as_written(["a", " b"], [{"a": "x", " b": "y"}] * 5)
    assert _sniffed_as_written(["a", "b"], [{"a": "x;y", "b": "1"}] * 5)
    assert _sniffed_as_written(["a"], [{"a": "x;y;z"}] * 5)  # not determined: csv.excel
