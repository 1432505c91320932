"""generator/dev/mutation.py's selections: a large module run in parts (--functions,
--lines) covers every mutant, and a mutant outside function bodies still runs
every test, the likely ones first."""
from __future__ import annotations

from generator.dev.mutation import MODULE_LEVEL, main, mutants, select


def test_the_parts_of_a_module_are_its_mutants():
    every = mutants("rules.py")
    outside = mutants("rules.py", {MODULE_LEVEL})
    assert outside and all(m.function == "" and not m.in_body for m in outside)
    functions = {m.function for m in every} - {""}
    inside = {m.index for f in functions for m in mutants("rules.py", {f})}
    assert inside | {m.index for m in outside} == {m.index for m in every}
    assert not inside & {m.index for m in outside}
    # a function's part holds its nested functions' mutants too
    assert {m.index for m in mutants("rules.py", {"catalogue_markdown"})} >= \
        {m.index for m in every if m.function == "catalogue_markdown"}
    lines = mutants("rules.py", None, [(30, 45), (100, 100)])
    assert lines and {m.index for m in lines} == {m.index for m in every if 30 <= m.line <= 45 or m.line == 100}
    both = mutants("rules.py", {MODULE_LEVEL}, [(30, 45)])
    assert both and {m.index for m in both} == {m.index for m in outside if 30 <= m.line <= 45}


def test_a_module_level_mutant_runs_every_test_the_likely_ones_first():
    m = next(m for m in mutants("rules.py", {MODULE_LEVEL}) if "ID_FIELDS" in m.names)
    assert m.uses and not m.in_body
    traced = {
        "tests/a.py::slow_user": {"call": [m.uses[0]], "seconds": 5.0},
        "tests/a.py::fast": {"call": [], "seconds": 0.1},
        "tests/b.py::fastest": {"call": [], "seconds": 0.01},
        "tests/c.py::names_it": {"call": [], "seconds": 2.0},
        "tests/c.py::other": {"call": [], "seconds": 0.5},
    }
    texts = {"tests/c.py": "from generator.rules import ID_FIELDS"}
    order = select(m, traced, texts)
    assert sorted(order) == sorted(traced)  # every test, each once
    # files with a likely test first (the cheaper file first: c names it, so both its tests are
    # likely), inside a file the likely tests first, then the fastest
    assert order == ["tests/c.py::other", "tests/c.py::names_it", "tests/a.py::slow_user", "tests/a.py::fast",
                     "tests/b.py::fastest"]
    inside = next(m for m in mutants("rules.py", {"check_nip"}) if m.in_body)
    assert select(inside, {"tests/a.py::x": {"call": list(inside.lines), "seconds": 1.0},
                           "tests/a.py::y": {"call": [], "seconds": 0.1}}) == ["tests/a.py::x"]


def test_list_prints_a_part(capsys):
    assert main(["rules.py", "--list", "--functions", "check_nip", "--lines", "1-100000"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed and len(printed) == len(mutants("rules.py", {"check_nip"}))
