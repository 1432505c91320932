"""Invalid packages are rejected with the expected problem, naming row and field."""
import subprocess
import sys

import pytest

from generator.validate import check

from kt_testing import BASIC, FIXTURE_DECREES, ROOT, edit_cell, read_rows, write_rows


def problems(packages):
    report, _ = check(packages, FIXTURE_DECREES)
    return report


def test_fixture_is_valid():
    report = problems(BASIC)
    assert report.problems == []


CASES = [
    # resource, row, field, value, expected code
    ("indicators", 0, "position_id", "no-such-position", "foreign-key"),
    ("indicators", 1, "goal_id", "no-such-goal", "foreign-key"),
    ("goals", 2, "parent_id", "no-such-goal", "foreign-key"),
    ("positions", 0, "document_id", "no-such-document", "foreign-key"),
    ("documents", 0, "agency_id", "no-such-agency", "foreign-key"),
    ("agencies", 0, "region_code", "35.99", "foreign-key"),
    ("indicators", 1, "id", "kec-contoh-kab-tuban-iku-iki-2024--sekretaris-kecamatan--1", "primary-key"),
    ("positions", 0, "order", "pertama", "type-error"),
    ("documents", 0, "signed_on", "2024-13-45", "type-error"),
    ("indicators", 0, "kind", "IKX", "constraint-error"),
    ("indicators", 0, "name", "", "constraint-error"),
    ("indicators", 0, "source_lines", "", "constraint-error"),
    ("indicators", 0, "calculation_type", "campuran", "constraint-error"),
]


@pytest.mark.parametrize("resource,row,field,value,code", CASES)
def test_corrupted_copy_is_rejected(basic_copy, resource, row, field, value, code):
    packages, doc = basic_copy
    edit_cell(doc, resource, row, field, value)
    report = problems(packages)
    assert not report.ok()
    hits = [p for p in report.errors if p.code == code and p.resource == resource]
    assert hits, report.format()
    assert any(p.row == row + 2 for p in hits), report.format()  # header is row 1
    if code != "primary-key":
        assert any(p.field == field for p in hits), report.format()


def test_every_problem_reported_at_once(basic_copy):
    packages, doc = basic_copy
    edit_cell(doc, "indicators", 0, "kind", "IKX")
    edit_cell(doc, "positions", 1, "order", "dua")
    edit_cell(doc, "agencies", 0, "kind", "kementerian")
    report = problems(packages)
    assert {(p.resource, p.field) for p in report.errors} >= {
        ("indicators", "kind"), ("positions", "order"), ("agencies", "kind")}


def test_domain_rules(basic_copy):
    packages, doc = basic_copy
    edit_cell(doc, "goals", 0, "parent_id", "kec-contoh-kab-tuban-iku-iki-2024--sasaran_iki-2")  # visi under IKI
    edit_cell(doc, "indicators", 2, "position_id", "")  # IKI without position
    edit_cell(doc, "indicators", 1, "data_source", "=HYPERLINK(\"http://x\")")
    edit_cell(doc, "documents", 0, "signer_name", "NIP. 19740226 199311 1 001")
    edit_cell(doc, "regions", 1, "name", "KABUPATEN LAIN")
    codes = {p.code: p for p in problems(packages).errors}
    assert codes["goal-cascade"].row == 2
    assert codes["iki-position"].row == 4 and codes["iki-position"].field == "position_id"
    assert codes["spreadsheet-formula"].field == "data_source"
    assert codes["personal-identifier"].field == "signer_name"
    assert codes["region-mismatch"].row == 3


def test_unknown_region_code(basic_copy):
    packages, doc = basic_copy
    rows = read_rows(doc / "regions.csv")
    rows.append({"code": "99.99", "name": "NEGERI ANTAH", "level": "kabupaten", "parent_code": "35"})
    write_rows(doc / "regions.csv", rows)
    [p] = [p for p in problems(packages).errors if p.code == "unknown-region"]
    assert p.row == 4 and p.field == "code"


def test_unknown_column_and_schema_mismatch(basic_copy):
    packages, doc = basic_copy
    rows = read_rows(doc / "positions.csv")
    for r in rows:
        r["extra"] = "x"
    write_rows(doc / "positions.csv", rows)
    codes = {p.code for p in problems(packages).errors}
    assert "extra-label" in codes or "unknown-column" in codes


def test_provenance_checksum_and_lines(basic_copy):
    packages, doc = basic_copy
    edit_cell(doc, "documents", 0, "source_sha256", "0" * 64)
    edit_cell(doc, "indicators", 0, "source_lines", "900-901")
    codes = {p.code: p for p in problems(packages).errors}
    assert codes["source-checksum"].field == "source_sha256"
    assert codes["source-lines"].row == 2


def run_cli(capsys, *args) -> tuple[int, str]:
    """The command in process (exit code, output): argparse's refusals exit with 2."""
    from generator.cli import main
    capsys.readouterr()
    try:
        code = main(list(args))
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out = capsys.readouterr()
    return code, out.out + out.err


def test_cli_exit_codes(basic_copy, capsys):
    packages, doc = basic_copy
    code, out = run_cli(capsys, "validate", "--packages", str(packages), "--decrees", str(FIXTURE_DECREES))
    assert code == 0, out
    edit_cell(doc, "indicators", 0, "goal_id", "missing-goal")
    code, out = run_cli(capsys, "validate", "--packages", str(packages), "--decrees", str(FIXTURE_DECREES))
    assert code == 1
    assert "indicators.csv, row 2, field goal_id" in out
    assert run_cli(capsys, "validate", "--no-such-option")[0] == 2
    assert run_cli(capsys, "frobnicate")[0] == 2


def test_the_command_runs_as_a_program():
    ok = subprocess.run([sys.executable, "-m", "generator", "validate", "--packages", str(BASIC), "--decrees",
                         str(FIXTURE_DECREES)], cwd=ROOT, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr


def test_strict_turns_warnings_into_failure(basic_copy, tmp_path, capsys):
    packages, _ = basic_copy
    # without the decree texts provenance cannot be checked: a warning
    loose, out = run_cli(capsys, "validate", "--packages", str(packages), "--decrees", str(tmp_path))
    strict, _ = run_cli(capsys, "validate", "--strict", "--packages", str(packages), "--decrees", str(tmp_path))
    assert loose == 0 and "source-missing" in out
    assert strict == 1


def test_foreign_key_must_resolve_inside_its_package(basic_copy):
    """An id that exists only in another package is still a broken reference."""
    import shutil
    packages, doc = basic_copy
    twin = packages / "kec-contoh-kab-tuban-iku-iki-2025"
    shutil.copytree(doc, twin)
    for res in ("documents", "positions", "duties", "goals", "indicators", "targets"):
        path = twin / f"{res}.csv"
        path.write_text(path.read_text().replace("iku-iki-2024", "iku-iki-2025"))
    dp = twin / "datapackage.json"
    dp.write_text(dp.read_text().replace("iku-iki-2024", "iku-iki-2025"))
    edit_cell(twin, "indicators", 0, "goal_id", "kec-contoh-kab-tuban-iku-iki-2024--sasaran_iki-1")
    report = problems(packages)
    [p] = [p for p in report.errors if p.code == "foreign-key"]
    assert p.package == "kec-contoh-kab-tuban-iku-iki-2025" and p.row == 2 and p.field == "goal_id"


@pytest.mark.parametrize("text", ["NIP. 19740226 199311 1 001", "NIP.196508081992031019",
                                  "WIF 1365116 198703 1 006", "U NIP 1965116 198703 1 006"])
def test_nip_patterns_are_found_and_redacted(text):
    from generator.privacy import find_nip, redact
    assert find_nip(text)
    assert not find_nip(redact(text)) and "[disensor]" in redact(text)


def test_validation_in_a_process_pool_finds_the_same_problems(tmp_path, monkeypatch):
    """Frictionless' run and each package's rules as jobs in forked processes: the same
    problems in the same order as in one process, errors of both kinds included."""
    import csv

    from generator import forks
    from generator.dev.synth import Profile, generate

    packages = tmp_path / "packages"
    generate(packages, 6, Profile(), ROOT / "datapackages", seed=7)
    folders = sorted(p for p in packages.iterdir() if (p / "indicators.csv").is_file())
    for k, folder in enumerate(folders[:3] + folders[-1:]):
        path = folder / "indicators.csv"
        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        head = rows[0]
        rows[1][head.index("order")] = "not a number"  # frictionless: type-error
        rows[2][head.index("note")] = f"NIP 19650116198703100{k}"  # rule table: personal-identifier
        with open(path, "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh, lineterminator="\n").writerows(rows)
    pools = []
    real = forks.ProcessPoolExecutor
    monkeypatch.setattr(forks, "ProcessPoolExecutor", lambda *a, **kw: pools.append(kw) or real(*a, **kw))
    one, _ = check(packages, tmp_path / "none", workers=1)
    assert pools == []
    two, _ = check(packages, tmp_path / "none", workers=2)
    assert len(pools) == 1  # 7 jobs (frictionless, 6 packages' rules) on 2 processes
    codes = [p.code for p in one.problems]
    assert codes.count("personal-identifier") == 4 and "type-error" in codes
    # each package's rule-table problems under its own name, packages in order (the cache
    # stores them per package)
    named = [p.package for p in one.problems if p.code == "personal-identifier"]
    assert named == sorted(named) == sorted(f.name for f in folders[:3] + folders[-1:])
    assert [p.as_dict() for p in two.problems] == [p.as_dict() for p in one.problems]
