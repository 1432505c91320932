"""Assertions that kill mutants of generator/importer/rows.py which the other importer tests
let live (make mutation; generator/dev/mutation.py)."""
from generator.importer import rows


def test_the_public_names_exist():
    """`__all__` names what other modules import from rows; a name that is not there breaks
    `from generator.importer.rows import *` and hides an unused import from ruff."""
    namespace: dict = {}
    exec("from generator.importer.rows import *", namespace)
    assert rows.__all__ and all(name in namespace for name in rows.__all__)
