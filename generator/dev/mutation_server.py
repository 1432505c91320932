"""A fork server for generator.dev.mutation: pytest runs without paying for the interpreter
and the third-party imports each time.

    python -m generator.dev.mutation_server   (in the mutation sandbox; one JSON request a line)

It imports pytest and the heavy libraries the project uses, never a module of the project
below `generator` itself, then for every request {"args": [...], "timeout": s, "out": file}
forks a child that runs `pytest.main(args)` with its output in `out`, so the child imports
the project's modules afresh from the files as they are at that moment (the mutant). The
answer is {"rc": exit code} or {"rc": null} when the timeout killed the child (and every
process it started).
"""
from __future__ import annotations

import importlib
import json
import os
import signal
import sys
import time

PRELOAD = ("frictionless", "jinja2", "yaml", "openpyxl", "markdown", "lxml.etree", "latex2mathml.converter",
           "mkdocs.config", "rdflib", "duckdb", "pandas")


def preload() -> None:
    import _pytest.config
    import pytest  # noqa: F401
    for name in _pytest.config.default_plugins:
        importlib.import_module(f"_pytest.{name}")
    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    project = [m for m in sys.modules if m.startswith("generator.") and m != "generator.dev.mutation_server"
               and m != "generator.dev"]
    if project:
        raise SystemExit(f"a preloaded library imported the project's own modules: {project}")


def run(args: list[str], timeout: float, out: str) -> int | None:
    pid = os.fork()
    if pid == 0:  # the child: its own process group, output to the file, pytest
        os.setpgid(0, 0)
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)  # the requests are the server's to read
        fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        code = 3
        try:
            import pytest
            code = int(pytest.main(args))
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    deadline = time.monotonic() + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        if time.monotonic() > deadline:
            try:
                os.killpg(pid, signal.SIGKILL)
            except ProcessLookupError:  # not yet its own group
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return None
        time.sleep(0.02)


def main() -> None:
    preload()
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        req = json.loads(line)
        print(json.dumps({"rc": run(req["args"], req["timeout"], req["out"])}), flush=True)


if __name__ == "__main__":
    main()
