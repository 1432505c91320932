"""Issue 16: the --out guard, stale staging folders, full disk, importer refusals, the
corrections file's document_id, path safety, and the spreadsheet/zip writers' details."""
import errno
import io
import os
import shutil
import struct
import subprocess
import sys
import zipfile

import pytest
from kt_testing import BASIC, BASIC_DOC, FIXTURE_DECREES, ROOT

from generator.cli import main
from generator.output import MARKER, check_out, clean_stale
from generator.paths import UnsafePath, inside


def build_args(packages, out, decrees=FIXTURE_DECREES):
    return ["build", "--packages", str(packages), "--decrees", str(decrees), "--out", str(out)]


def snapshot(folder):
    return sorted((p.relative_to(folder), p.stat().st_mtime_ns) for p in folder.rglob("*"))


@pytest.fixture
def packages(tmp_path):
    dst = tmp_path / "packages"
    shutil.copytree(BASIC, dst)
    return dst


@pytest.mark.parametrize("where", ["packages", "inside-packages", "parent-of-packages", "decrees", "repository"])
def test_out_may_not_replace_what_the_build_reads(where, packages, tmp_path, capsys):
    """Issue 16 #3: `--out` pointing at the packages wiped them; `--out .` in a clone deleted it."""
    decrees = tmp_path / "decrees"
    shutil.copytree(FIXTURE_DECREES, decrees)
    out = {"packages": packages, "inside-packages": packages / "site", "parent-of-packages": tmp_path,
           "decrees": decrees, "repository": ROOT}[where]
    before = snapshot(packages), snapshot(decrees)
    assert main(build_args(packages, out, decrees)) == 1
    err = capsys.readouterr().err
    assert f"--out {out}" in err and ("would replace" in err or "lies inside" in err), err
    assert (snapshot(packages), snapshot(decrees)) == before
    assert (ROOT / "Makefile").is_file() and (ROOT / "generator" / "cli.py").is_file()


def test_out_may_not_be_a_clone_a_file_or_a_foreign_folder(packages, tmp_path, capsys):
    clone = tmp_path / "clone"
    (clone / ".git").mkdir(parents=True)
    assert main(build_args(packages, clone)) == 1
    assert "git repository" in capsys.readouterr().err and (clone / ".git").is_dir()
    afile = tmp_path / "notes.txt"
    afile.write_text("keep me")
    assert main(build_args(packages, afile)) == 1
    assert "existing file" in capsys.readouterr().err and afile.read_text() == "keep me"
    foreign = tmp_path / "photos"
    foreign.mkdir()
    (foreign / "holiday.jpg").write_bytes(b"\xff\xd8")
    assert main(build_args(packages, foreign)) == 1
    assert "no build wrote" in capsys.readouterr().err and (foreign / "holiday.jpg").is_file()


def test_an_empty_folder_or_a_previous_build_may_be_replaced(tmp_path):
    assert check_out(tmp_path / "new", {}) == (tmp_path / "new").resolve()
    (tmp_path / "empty").mkdir()
    assert check_out(tmp_path / "empty", {}) == (tmp_path / "empty").resolve()
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "index.html").write_text("x")
    with pytest.raises(Exception, match="no build wrote"):
        check_out(tmp_path / "old", {})
    (tmp_path / "old" / MARKER).write_text("")
    assert check_out(tmp_path / "old", {}) == (tmp_path / "old").resolve()


def test_stale_staging_folders_are_removed_at_the_next_build(packages, tmp_path, capsys):
    """Issue 16 #14: each killed build left a .site-staging-* folder that no build removed."""
    out = tmp_path / "site"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = [tmp_path / f".site-staging-{dead.pid}-abc123", tmp_path / ".site-staging-k2j3h4",
             tmp_path / f".site-old-{dead.pid}"]
    alive = tmp_path / f".site-staging-{os.getppid()}-running"  # a build still at work: left alone
    for d in stale + [alive]:
        (d / "docs").mkdir(parents=True)
    other = tmp_path / ".other-staging-1-x"
    other.mkdir()
    (packages / BASIC_DOC / "indicators.csv").write_bytes(b"\xff\xfei\x00d\x00\n")  # UTF-16: fails after the clean-up
    assert main(build_args(packages, out)) == 1
    assert capsys.readouterr().err.startswith(f"build: reading and validating {packages}\n")  # progress
    assert [d for d in stale if d.exists()] == []
    assert alive.is_dir() and other.is_dir()
    assert clean_stale(out) == []


def test_the_replaced_site_is_deleted_after_the_build_returns(tmp_path, monkeypatch):
    """The old site is removed by a detached process (one unlink per file is not the
    build's to wait for); the new one is complete when the build returns."""
    from generator import build as build_module
    target, new = tmp_path / "site", tmp_path / "new"
    for folder, text in ((target, "old"), (new, "new")):
        (folder / "a" / "b").mkdir(parents=True)
        for n in range(50):
            (folder / "a" / "b" / f"{n}.html").write_text(text)
    started = []
    monkeypatch.setattr(build_module.subprocess, "Popen", lambda cmd, **kw: started.append((cmd, kw)))
    build_module.swap_into(new, target)
    assert (target / "a/b/7.html").read_text() == "new" and not new.exists()
    old = tmp_path / f".site-old-{os.getpid()}"
    assert (old / "a/b/7.html").read_text() == "old"  # not deleted by the build itself
    (cmd, kw), = started
    assert kw["start_new_session"] and cmd[-1] == str(old)
    monkeypatch.undo()
    subprocess.run(cmd, check=True, timeout=60)  # what the detached process does
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_full_disk_is_a_message_not_a_traceback(packages, tmp_path, capsys, monkeypatch):
    """Issue 16 #10: no space left on device while writing the downloads."""
    from generator import export
    out = tmp_path / "site"
    out.mkdir()
    (out / MARKER).write_text("")
    (out / "index.html").write_text("previous")

    def full(self, url, *a, **k):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self.out_dir / url))
    monkeypatch.setattr(export.Exporter, "_write_parts", full)
    assert main(build_args(packages, out)) == 1
    err = capsys.readouterr().err
    assert "No space left on device" in err and "unduh/" in err and "Traceback" not in err
    assert (out / "index.html").read_text() == "previous"
    assert not list(tmp_path.glob(".site-staging-*"))


def test_importer_refusals_are_problems_not_tracebacks(tmp_path):
    src = tmp_path / "image.txt"
    src.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    proc = subprocess.run([sys.executable, "-m", "generator", "import", str(src), "--out", str(tmp_path / "o")],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    assert proc.returncode == 1
    assert proc.stderr.startswith(f"ERROR [import-refused] {src}: binary file") and "Traceback" not in proc.stderr
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Jabatan : Kasi\n\xc3\x28 rusak\n")
    proc = subprocess.run([sys.executable, "-m", "generator", "import", str(bad), "--out", str(tmp_path / "o")],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    assert proc.returncode == 1 and f"{bad}: line 2: invalid UTF-8" in proc.stderr and "Traceback" not in proc.stderr


def test_corrections_document_id_cannot_move_a_package_out(tmp_path):
    """Issue 16 #17: `document_id: ../../x` made rebuild-packages move a package outside."""
    from generator.importer import rebuild_all
    from generator.importer.corrections import CorrectionError
    decrees, packages = tmp_path / "decrees", tmp_path / "deep" / "datapackages"
    decrees.mkdir()
    shutil.copytree(BASIC / "schemas", packages / "schemas")
    shutil.copytree(BASIC / "reference", packages / "reference")
    shutil.copy(FIXTURE_DECREES / "fixture_a.txt", decrees / "a.txt")
    (decrees / "a.corrections.yaml").write_text("document_id: ../../x\n")
    with pytest.raises(CorrectionError, match="document_id"):
        rebuild_all(decrees, packages)
    assert sorted(p.name for p in tmp_path.rglob("*") if p.name == "x") == []
    assert sorted(p.name for p in packages.iterdir()) == ["reference", "schemas"]


def test_inside_follows_every_symlink_on_the_way(tmp_path):
    root, outside = tmp_path / "pkg", tmp_path / "outside"
    (root / "real").mkdir(parents=True)
    outside.mkdir()
    (outside / "secret.csv").write_text("x")
    (root / "link").symlink_to(outside, target_is_directory=True)
    assert inside(root, "real/a.csv") == (root / "real" / "a.csv").resolve()
    for bad in ("link/secret.csv", "../outside/secret.csv", "/etc/passwd", "real/../../outside", "a\x00b"):
        with pytest.raises(UnsafePath):
            inside(root, bad)


def test_xlsx_empty_cells_are_empty_not_none():
    from openpyxl import load_workbook

    from generator.export import xlsx_bytes
    from generator.load import RESOURCES, load_shared_schemas
    schemas = load_shared_schemas(BASIC)
    tables = {r: [] for r in RESOURCES}
    tables["positions"] = [{"id": "a", "document_id": "d", "order": "1", "title": "", "unit": None,
                            "source_lines": "", "flags": "", "note": "x"}]
    data = xlsx_bytes(tables, schemas, "t")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert not any(b"None" in zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/"))
    ws = load_workbook(io.BytesIO(data))["positions"]
    assert [c.value for c in ws[2]] == ["a", "d", None, 1, None, None, None, None, "x"]  # agency_id empty


def test_zip_members_declare_their_true_sizes():
    from generator.zipfiles import deflate_piece, pieces_zip, stable_zip
    body = b"kolom,nilai\n" + b"".join(b"baris %d,%d\n" % (i, i * i) for i in range(2000))
    for data in (stable_zip([("a/x.csv", body), ("a/y.json", b"{}\n")]),
                 pieces_zip([("a/x.csv", [deflate_piece(body[:100]), deflate_piece(body[100:])]),
                             ("a/y.json", [deflate_piece(b"{}\n")])])):
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            assert zf.testzip() is None
            infos = zf.infolist()
            assert [(i.filename, i.file_size) for i in infos] == [("a/x.csv", len(body)), ("a/y.json", 3)]
            assert zf.read("a/x.csv") == body
            for info in infos:  # the local header says the same as the central directory
                local = data[info.header_offset: info.header_offset + 30]
                crc, csize, usize = struct.unpack("<III", local[14:26])
                assert (crc, csize, usize) == (info.CRC, info.compress_size, info.file_size), info.filename
