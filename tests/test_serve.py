"""`python -m generator serve` starts (it crashed with TypeError on 'hooks'), serves a
page on a free localhost port, refuses a path-traversal attempt, and stops."""
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from kt_testing import BASIC, FIXTURE_DECREES, ROOT


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


@pytest.fixture
def server():
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--packages", str(BASIC), "--decrees",
                             str(FIXTURE_DECREES), "--dev-addr", f"127.0.0.1:{port}"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 120
    try:
        while True:
            if proc.poll() is not None:
                pytest.fail("serve exited: " + proc.stdout.read().decode(errors="replace")[-3000:])
            try:
                status, _ = _get(base)
                if status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("serve did not answer within 120 s")
            time.sleep(0.5)
        yield base, port
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        proc.stdout.close()


def test_serve_starts_serves_a_page_refuses_traversal_and_stops(server):
    base, port = server
    status, body = _get(base)
    assert status == 200 and b"Kinerja Terbuka" in body
    status, body = _get(base + "lembaga/kec-contoh-kab-tuban/")
    assert status == 200 and b"Kecamatan Contoh" in body
    # the published render path: the mkdocs shell filled, with its JSON-LD and CSP hashes
    assert b'type="application/ld+json"' in body and b"'sha256-" in body and b"KT-SHELL-BODY" not in body
    for attempt in ("../../../../etc/passwd", "%2e%2e/%2e%2e/%2e%2e/etc/passwd", "..%2f..%2f..%2fetc%2fpasswd"):
        with socket.create_connection(("127.0.0.1", port), timeout=10) as s:  # the raw path, not normalised
            s.sendall(f"GET /{attempt} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode())
            reply = b""
            while chunk := s.recv(65536):
                reply += chunk
        assert b"root:x:0:0" not in reply, attempt
        assert reply.split(b" ", 2)[1] in (b"400", b"403", b"404"), reply[:200]
