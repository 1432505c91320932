"""Shared test helpers (a distinct module name: tests/browser has a conftest.py too)."""
import csv
import io
import sys
from pathlib import Path

import generator.validate as validate
from generator.clean_tables import proven_clean
from generator.load import load_all, load_schemas

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
FIXTURES = ROOT / "tests" / "fixtures"
BASIC = FIXTURES / "packages" / "basic"
BASIC_DOC = "kec-contoh-kab-tuban-iku-iki-2024"
FIXTURE_DECREES = FIXTURES / "decrees"


def read_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write_rows(path: Path, rows: list[dict], header: list[str] | None = None) -> None:
    header = header or list(rows[0].keys())
    buf = io.StringIO(newline="")
    w = csv.DictWriter(buf, fieldnames=header, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def edit_cell(doc_dir: Path, resource: str, row_index: int, field: str, value: str) -> None:
    """Set one cell (row_index 0 = first data row) of a fixture CSV."""
    path = doc_dir / f"{resource}.csv"
    rows = read_rows(path)
    rows[row_index][field] = value
    write_rows(path, rows)


def frictionless_both_ways(packages: Path, monkeypatch) -> tuple[list, list, list[bool]]:
    """validate.frictionless_problems over packages with clean_tables' proof and with
    frictionless alone: (problems with the proof, problems without, the proof's answers)."""
    sources, _ = load_all(packages, None)
    shared, _ = load_schemas(packages)
    answers: list[bool] = []

    def spy(*args):
        answers.append(proven_clean(*args))
        return answers[-1]
    monkeypatch.setattr(validate, "proven_clean", spy)
    fast = validate.frictionless_problems(sources, shared)
    monkeypatch.setattr(validate, "proven_clean", lambda *args: False)
    plain = validate.frictionless_problems(sources, shared)
    return [p.as_dict() for p in fast], [p.as_dict() for p in plain], answers
