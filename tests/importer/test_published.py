"""The published packages are exactly importer output + reviewed corrections."""
import filecmp
import shutil
from pathlib import Path

import pytest

from generator.importer import rebuild_all
from generator.importer.warnings import FLAG_FOR_CODE

ROOT = Path(__file__).resolve().parents[2]


def stale(rebuilt: Path, committed: Path) -> list[str]:
    """Files of a committed package that differ from its rebuild (or exist on one side only)."""
    names = sorted(p.name for p in rebuilt.iterdir())
    out = sorted(set(names) ^ {p.name for p in committed.iterdir()})
    out += [n for n in names if (committed / n).is_file() and not filecmp.cmp(rebuilt / n, committed / n, shallow=False)]
    return out


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    packages = tmp_path_factory.mktemp("rebuild") / "datapackages"
    shutil.copytree(ROOT / "datapackages" / "schemas", packages / "schemas")
    shutil.copytree(ROOT / "datapackages" / "reference", packages / "reference")
    return rebuild_all(ROOT / "decrees", packages)


def test_committed_packages_equal_a_rebuild(rebuilt):
    """Every package, none exempt: a stale one fails (run `make packages` and review the diff)."""
    assert len(rebuilt) == 5
    for res in rebuilt:
        assert stale(res.package_dir, ROOT / "datapackages" / res.document_id) == [], res.document_id


def test_a_stale_package_is_seen(rebuilt, tmp_path):
    res = rebuilt[0]
    copy = tmp_path / res.document_id
    shutil.copytree(ROOT / "datapackages" / res.document_id, copy)
    path = copy / "goals.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",", ";", 1), encoding="utf-8")
    (copy / "targets.csv").unlink()
    assert stale(res.package_dir, copy) == ["targets.csv", "goals.csv"]


def test_every_warning_is_a_flag_or_a_correction():
    """Warnings of the raw importer either became flags in the data or were corrected."""
    import csv
    import json
    for folder in sorted((ROOT / "datapackages").glob("*/import-warnings.json")):
        warnings = json.loads(folder.read_text())
        flags = set()
        for res in ("documents", "positions", "indicators", "targets"):
            with open(folder.parent / f"{res}.csv", encoding="utf-8") as fh:
                for row in csv.DictReader(fh):
                    flags.update(filter(None, row["flags"].split(";")))
        for w in warnings:
            needed = FLAG_FOR_CODE.get(w["code"])
            if needed:
                assert needed in flags, (folder.parent.name, w)
