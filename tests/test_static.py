"""Static checks in `make test`: ruff (lint) and mypy (types; the model and the pipeline
under mypy's strict flags), configured in pyproject.toml. Each must report nothing."""
from __future__ import annotations

import subprocess
import sys

from kt_testing import ROOT


def run(*cmd: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *cmd], cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_finds_nothing():
    proc = run("ruff", "check", "--output-format", "concise", "generator", "tests")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_finds_nothing():
    proc = run("mypy")  # files and flags: [tool.mypy] in pyproject.toml
    assert proc.returncode == 0, proc.stdout + proc.stderr
