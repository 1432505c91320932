"""Every kind of bad input is rejected with its exact problem, naming file, row and field;
the CLI exits 1, nothing is written and the previous site stays as it was."""
import shutil
import subprocess
import sys

import pytest

from generator.validate import check
from generator.importer import ImportError_, import_decree
from generator.rules import catalogue

from cases import CASES, DECREE_CASES, DOC, TRUNCATED
from kt_testing import BASIC, FIXTURE_DECREES, ROOT


def test_at_least_75_kinds():
    assert len({c[0] for c in CASES}) + len(DECREE_CASES) + 1 >= 75


def _copy(tmp_path):
    """The basic fixture portal and the decree texts, copied for one case to change."""
    packages, decrees = tmp_path / "p", tmp_path / "d"
    shutil.copytree(BASIC, packages)
    shutil.copytree(FIXTURE_DECREES, decrees)
    return packages, decrees


@pytest.fixture(scope="module")
def previous_site(basic_site):
    """A good site (the basic fixture portal, built once per worker by tests/conftest.py);
    every bad build must leave it exactly as it is."""
    return basic_site, sorted((p.relative_to(basic_site), p.stat().st_mtime_ns) for p in basic_site.rglob("*"))


def _refuse_network(monkeypatch) -> list:
    """Every way to open a connection or look a name up fails the test; returns the attempts."""
    import socket
    attempts: list = []

    def refuse(*a, **k):
        attempts.append(a)
        raise AssertionError("a network connection was attempted")
    for target, attr in ((socket, "create_connection"), (socket.socket, "connect"), (socket.socket, "connect_ex"),
                         (socket, "getaddrinfo"), (socket, "gethostbyname")):
        monkeypatch.setattr(target, attr, refuse)
    return attempts


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_rejected_with_its_problem(case, tmp_path, previous_site, capsys, monkeypatch):
    """`generator build` (in process, so the whole corpus stays fast) exits 1 and names the
    problem with its file (and row); the check's report names file, row and field with a
    documented code; nothing is written and the previous site stays as it was; no network
    connection or name lookup is tried (URLs in a descriptor are refused, never fetched). One
    validation per case: the build's own check is the one looked at."""
    import generator.build
    from generator.cli import main
    reports = []

    def spy(*args, **kw):
        result = check(*args, **kw)
        reports.append(result[0])
        return result
    monkeypatch.setattr(generator.build, "check", spy)
    attempts = _refuse_network(monkeypatch)
    site, before = previous_site
    name, mutate, code, file_suffix, row, field = case
    packages, decrees = _copy(tmp_path)
    mutate(packages / DOC)
    assert main(["build", "--strict", "--packages", str(packages), "--decrees", str(decrees),
                 "--out", str(site)]) == 1
    err = capsys.readouterr().err
    assert f"[{code}]" in err and file_suffix in err, err[:2000]
    if row is not None:
        assert f"row {row}" in err, err[:2000]
    assert "nothing was written" in err
    assert sorted((p.relative_to(site), p.stat().st_mtime_ns) for p in site.rglob("*")) == before
    assert not list(site.parent.glob(".site-*"))
    [report] = reports
    hits = [p for p in report.problems if p.code == code]
    assert hits, report.format()
    assert not report.ok(strict=True)
    documented = {c[0] for c in catalogue()}
    assert {p.code for p in report.problems} <= documented, report.format()  # docs/problems.md names them all
    p = hits[0]
    assert (p.file or "").endswith(file_suffix), p
    if row is not None:
        assert any(h.row == row for h in hits), report.format()
    if field is not None:
        assert any(h.field == field for h in hits), report.format()
    assert attempts == []


PROGRAM_CASES = ("duplicate-primary-key", "fk-indicator-goal", "excel-reformatted-date", "path-url", "one-megabyte-cell")


@pytest.mark.parametrize("case", [
    pytest.param(c, marks=() if c[0] == PROGRAM_CASES[0] else pytest.mark.slow)  # the rest: in process above
    for c in CASES if c[0] in PROGRAM_CASES], ids=lambda c: c[0])
def test_cli_build_exits_1_and_keeps_the_previous_site(case, tmp_path, previous_site):
    """The same as a program (`python -m generator build`): its exit code and its stderr."""
    site, before = previous_site
    name, mutate, code, file_suffix, row, field = case
    packages, decrees = _copy(tmp_path)
    mutate(packages / DOC)
    proc = subprocess.run([sys.executable, "-m", "generator", "build", "--packages", str(packages), "--decrees",
                           str(decrees), "--out", str(site)], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 1, proc.stderr
    assert f"[{code}]" in proc.stderr and file_suffix in proc.stderr
    if row is not None:
        assert f"row {row}" in proc.stderr
    assert "nothing was written" in proc.stderr
    assert sorted((p.relative_to(site), p.stat().st_mtime_ns) for p in site.rglob("*")) == before
    assert not list(site.parent.glob(".site-staging-*"))


REMOTE_CASES = ("path-url", "path-file-scheme", "path-not-a-string", "descriptor-remote-dialect",
                "descriptor-remote-profile", "descriptor-foreign-package", "descriptor-javascript-licence")


def test_the_remote_cases_are_in_the_corpus():
    """Each descriptor URL a build must refuse without fetching it runs in
    test_rejected_with_its_problem above, with every connection refused."""
    assert set(REMOTE_CASES) <= {c[0] for c in CASES}


@pytest.mark.parametrize("name,content,message", DECREE_CASES, ids=[c[0] for c in DECREE_CASES])
def test_importer_refuses_unreadable_texts(name, content, message, tmp_path, capsys):
    """The importer refuses the text with a message naming the file, writes nothing, and the
    command exits 1 naming the file (in process; one case also as a program below)."""
    from generator.cli import main
    src = tmp_path / f"{name}.txt"
    src.write_bytes(content)
    with pytest.raises(ImportError_, match=message) as exc:
        import_decree(src, tmp_path / "out")
    assert src.name in str(exc.value)
    assert not (tmp_path / "out").exists()
    capsys.readouterr()
    assert main(["import", str(src), "--out", str(tmp_path / "o")]) == 1
    assert src.name in capsys.readouterr().err and not (tmp_path / "o").exists()


@pytest.mark.parametrize("name,content,message", [
    pytest.param(*c, marks=() if i == 0 else pytest.mark.slow) for i, c in enumerate(DECREE_CASES)],
    ids=[c[0] for c in DECREE_CASES])
def test_importer_program_refuses_unreadable_texts(name, content, message, tmp_path):
    """The same as a program (`python -m generator import`): exit 1, the file named, nothing written."""
    src = tmp_path / f"{name}.txt"
    src.write_bytes(content)
    proc = subprocess.run([sys.executable, "-m", "generator", "import", str(src), "--out", str(tmp_path / "o")],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 1 and src.name in proc.stderr and not (tmp_path / "o").exists()


def test_importer_flags_a_text_truncated_mid_table(tmp_path):
    src = tmp_path / "cut.txt"
    src.write_text(TRUNCATED)
    res = import_decree(src, tmp_path / "out")
    [w] = [w for w in res.warnings if w["code"] == "truncated-source"]
    assert w["line"] == 3
    assert "truncated_source" in res.tables["documents"][0]["flags"]
