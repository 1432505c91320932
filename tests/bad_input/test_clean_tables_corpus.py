"""Over the whole bad-input corpus, frictionless' problems are the same with the proof of
clean tables (generator/clean_tables.py) as with frictionless alone, and the proof says
True only where frictionless reports nothing. Slow (two frictionless runs per case): run
by `make test-slow`; tests/test_clean_tables.py is the fast version."""
import shutil

import pytest

from cases import CASES, DOC
from kt_testing import BASIC, FIXTURE_DECREES, frictionless_both_ways


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_the_same_problems_with_and_without_the_proof(case, tmp_path, monkeypatch):
    packages = tmp_path / "p"
    shutil.copytree(BASIC, packages)
    shutil.copytree(FIXTURE_DECREES, tmp_path / "d")
    case[1](packages / DOC)
    fast, plain, answers = frictionless_both_ways(packages, monkeypatch)
    assert fast == plain
    assert not (answers and answers[0]) or plain == []
