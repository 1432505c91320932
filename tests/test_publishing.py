"""Publishing: release notes that GitHub accepts at any size (a short summary, the full
changelog attached), and workflows that keep write tokens and secrets away from untrusted
code (checked here on their structure; `make lint-workflows` runs actionlint and zizmor)."""
import re
import shutil
import subprocess
import sys

import pytest
import yaml
from kt_testing import BASIC, FIXTURE_DECREES, ROOT

from generator.release import make_release
from generator.release_notes import CHANGELOG, NOTES, full_changelog, summary
from generator.releases import verify_release

WORKFLOWS = ROOT / ".github" / "workflows"
GITHUB_NOTES_LIMIT = 125_000  # characters GitHub takes as a release body


def national_record(decrees=5000, per_decree=40):
    ids = [f"agency-{i:05d}-iki-2025--jabatan-{j}--1" for i in range(decrees) for j in range(per_decree)]
    return {"version": "2.0.0", "date": "2027-03-01", "previous": "1.4.2",
            "counts": {"agencies": decrees, "documents": decrees, "positions": len(ids), "indicators": len(ids) * 4},
            "documents": [f"agency-{i:05d}-iki-2025" for i in range(decrees)],
            "changes": {"agencies": {"added": [], "removed": [], "changed": []},
                        "positions": {"added": ids[:1000], "removed": [], "changed": ids[1000:]},
                        "indicators": {"added": [], "removed": ids[:10], "changed": ids}}}


def test_summary_stays_short_at_national_size():
    rec = national_record()
    notes = summary(rec, "https://example.org/portal/")
    assert len(notes) < 5000 < GITHUB_NOTES_LIMIT
    assert "| positions | 200000 | 1000 | 199000 | 0 |" in notes
    assert "| indicators | 800000 | 0 | 200000 | 10 |" in notes
    assert "Decrees with changed rows (5000)" in notes and "and 4980 more" in notes
    assert CHANGELOG in notes and "https://example.org/portal/rilis/" in notes and "after 1.4.2" in notes
    log = full_changelog(rec)
    assert log.count("\n- `") == 1000 + 199000 + 10 + 200000  # every id, in the attached file


def test_make_release_writes_notes_and_changelog(tmp_path):
    packages = tmp_path / "packages"
    shutil.copytree(BASIC, packages)
    rec = make_release("1.0.0", packages, FIXTURE_DECREES, tmp_path / "releases", "2026-01-01")
    folder = tmp_path / "releases" / "1.0.0"
    notes, log = (folder / NOTES).read_text(), (folder / CHANGELOG).read_text()
    from generator.build import Options
    from generator.site.config import SiteConfig
    assert notes == summary(rec, SiteConfig.read(Options().config).site_url)
    assert all(f"- `{i}`" in log for i in rec["changes"]["indicators"]["added"])
    assert verify_release(folder) == []  # the notes are derived from release.json, not frozen files


def test_release_notes_command_on_the_committed_release(tmp_path):
    out = subprocess.run([sys.executable, "-m", "generator", "release-notes", "1.0.0", "--out", str(tmp_path)], check=False,
                         cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    notes = (tmp_path / NOTES).read_text()
    assert len(notes) < GITHUB_NOTES_LIMIT and "| indicators | 984 | 984 | 0 | 0 |" in notes
    assert (tmp_path / CHANGELOG).stat().st_size > len(notes)


def workflows():
    return {p.name: yaml.safe_load(p.read_text()) for p in sorted(WORKFLOWS.glob("*.yml"))}


def steps(wf):
    return [(job_name, job, s) for job_name, job in wf["jobs"].items() for s in job.get("steps", [])]


def test_every_action_is_pinned_by_commit_with_its_tag():
    for path in WORKFLOWS.glob("*.yml"):
        for line in path.read_text().splitlines():
            if "uses:" in line:
                assert re.search(r"uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), (path.name, line)


def test_checkouts_keep_no_credentials():
    n = 0
    for name, wf in workflows().items():
        for _, _, s in steps(wf):
            if s.get("uses", "").startswith("actions/checkout@"):
                n += 1
                assert s.get("with", {}).get("persist-credentials") is False, name
    assert n >= 10


def test_no_job_holding_a_write_token_runs_repository_code():
    for name, wf in workflows().items():
        for job_name, job in wf["jobs"].items():
            perms = job.get("permissions", wf.get("permissions", {})) or {}
            writes = [k for k, v in perms.items() if v == "write" and k not in ("id-token", "pages")]
            if not writes:
                continue
            runs = " ".join(s.get("run", "") for s in job.get("steps", []))
            assert not any(s.get("uses", "").startswith("actions/checkout@") for s in job.get("steps", [])), (name, job_name)
            assert "make " not in runs and "python" not in runs, (name, job_name)


def test_decree_proposal_is_split_into_untrusted_and_trusted_runs():
    wfs = workflows()
    untrusted, trusted = wfs["decree-pr.yml"], wfs["decree-comment.yml"]
    assert set(untrusted[True]) == {"pull_request"}  # PyYAML reads the key `on` as True
    text = (WORKFLOWS / "decree-pr.yml").read_text()
    assert "secrets." not in text and "pull-requests: write" not in text and "createComment" not in text
    assert any(s.get("uses", "").startswith("actions/upload-artifact@") for _, _, s in steps(untrusted))
    assert trusted[True]["workflow_run"]["workflows"] == [untrusted["name"]]
    assert trusted["permissions"] == {}
    job_steps = [s for _, _, s in steps(trusted)]
    assert not any("run" in s for s in job_steps)  # nothing runs but the two actions
    assert [s["uses"].split("@")[0] for s in job_steps] == ["actions/download-artifact", "actions/github-script"]
    script = job_steps[1]["with"]["script"]
    assert "${{" not in script  # no expression is pasted into the script
    assert "head.sha" in script and "RUN_HEAD_SHA" in script


def test_release_workflow_posts_the_summary_and_attaches_the_changelog():
    text = (WORKFLOWS / "release.yml").read_text()
    assert "--notes-file release/NOTES.md" in text and "release/CHANGELOG.md" in text
    assert "release.json\"" not in text.split("--notes-file")[1].split("\n")[0]


@pytest.mark.parametrize("name", ["ci.yml", "national.yml", "release.yml", "deploy-s3.yml"])
def test_workflows_parse(name):
    assert workflows()[name]["jobs"]
