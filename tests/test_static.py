"""Static checks in `make test`: ruff (lint) and mypy (types; the model and the pipeline
under mypy's strict flags), configured in pyproject.toml. Each must report nothing."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kt_testing import ROOT

# mypy's incremental cache, kept per user outside the checkout (unless MYPY_CACHE_DIR says
# where): a fresh clone or worktree reuses what another checked (by content hash), which
# takes mypy from ~11 s to under 1 s of CPU when little changed
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kinerja-terbuka" / "mypy"


def run(*cmd: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *cmd], cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_finds_nothing():
    proc = run("ruff", "check", "--output-format", "concise", "generator", "tests")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_finds_nothing():
    cache = [] if os.environ.get("MYPY_CACHE_DIR") else ["--cache-dir", str(CACHE)]
    proc = run("mypy", *cache)  # files and flags: [tool.mypy] in pyproject.toml
    assert proc.returncode == 0, proc.stdout + proc.stderr
