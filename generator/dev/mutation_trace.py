"""A pytest plugin for generator.dev.mutation: which lines of one module each test runs.

    KT_MUTATION_TARGET=/abs/path/module.py KT_MUTATION_MAP=out.json \
        python -m pytest -p generator.dev.mutation_trace TESTS...

Writes {nodeid: {"setup": [lines], "call": [lines], "seconds": s}} for every test that ran:
the lines of the target module run while the test's fixtures were set up ("setup") and
while the test ran or was torn down ("call"), and the test's duration. Only frames of the
target file are traced line by line; every other call costs one check of its file name.
"""
from __future__ import annotations

import json
import os
import sys
import threading
import time

import pytest

TARGET = os.path.realpath(os.environ.get("KT_MUTATION_TARGET", ""))
_lines: set[int] = set()
_map: dict[str, dict] = {}
_is_target: dict[str, bool] = {}  # file name -> is it the target (realpath once per file)


def _local(frame, event, arg):
    if event == "line":
        _lines.add(frame.f_lineno)
    return _local


def _global(frame, event, arg):
    name = frame.f_code.co_filename
    hit = _is_target.get(name)
    if hit is None:
        hit = _is_target[name] = os.path.realpath(name) == TARGET
    if hit:
        _lines.add(frame.f_lineno)
        return _local
    return None


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    _lines.clear()
    yield
    _map.setdefault(item.nodeid, {})["setup"] = sorted(_lines)
    _lines.clear()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    t0 = time.perf_counter()
    yield
    entry = _map.setdefault(item.nodeid, {})
    entry["call"] = sorted(_lines)
    entry["seconds"] = time.perf_counter() - t0
    _lines.clear()


def pytest_configure(config):
    if TARGET:
        sys.settrace(_global)
        threading.settrace(_global)


def pytest_unconfigure(config):
    sys.settrace(None)
    threading.settrace(None)  # type: ignore[arg-type]
    out = os.environ.get("KT_MUTATION_MAP")
    if out:
        with open(out, "w", encoding="utf-8") as fh:
            json.dump(_map, fh)
