"""The zip writer (generator/zipfiles.py): members from deflated pieces, ZIP64 beyond 4 GiB."""
from __future__ import annotations

import io
import struct
import zipfile
import zlib

import pytest

from generator.zipfiles import (
    ZIP64_LIMIT,
    central_header,
    deflate_piece,
    end_records,
    local_header,
    pieces_zip,
    stable_zip,
)

GiB = 1 << 30


def entries():
    return [("a.csv", [deflate_piece(b"x,y\n" * 1000), deflate_piece(b"1,2\n")]),
            ("dir/\u00e9.txt", [deflate_piece(b"hello")]), ("empty", [])]


@pytest.mark.parametrize("zip64", [False, True])
def test_members_read_back_with_their_sizes_and_crc(zip64):
    zf = zipfile.ZipFile(io.BytesIO(pieces_zip(entries(), zip64=zip64)))
    assert zf.testzip() is None  # every member's CRC-32 checked
    expected = {"a.csv": b"x,y\n" * 1000 + b"1,2\n", "dir/\u00e9.txt": b"hello", "empty": b""}
    assert {i.filename: i.file_size for i in zf.infolist()} == {k: len(v) for k, v in expected.items()}
    assert {n: zf.read(n) for n in zf.namelist()} == expected
    assert [i.filename for i in zf.infolist()] == ["a.csv", "dir/\u00e9.txt", "empty"]  # the order given


def test_small_archives_are_not_zip64_and_match_the_standard_writer_layout():
    data = pieces_zip(entries())
    assert b"PK\x06\x06" not in data and b"PK\x06\x07" not in data
    assert struct.unpack("<H", data[4:6]) == (20,)  # version needed: 2.0
    zf = zipfile.ZipFile(io.BytesIO(data))
    for (_, pieces), info in zip(entries(), zf.infolist()):
        assert info.date_time == (1980, 1, 1, 0, 0, 0) and info.external_attr >> 16 == 0o100644
        assert info.compress_size == sum(len(p[0]) for p in pieces) + 2  # + the final empty block
        assert info.flag_bits & 0x800  # UTF-8 names


def test_local_header_of_a_member_over_4_gib():
    h = local_header(b"big.csv", 0x1234, 5 * GiB // 100, 5 * GiB)
    version, _, _, _, _, crc, csize, usize, nlen, xlen = struct.unpack("<HHHHHIIIHH", h[4:30])
    assert (version, crc, csize, usize) == (45, 0x1234, ZIP64_LIMIT, ZIP64_LIMIT)
    assert h[30:30 + nlen] == b"big.csv"
    assert struct.unpack("<HHQQ", h[30 + nlen:30 + nlen + xlen]) == (1, 16, 5 * GiB, 5 * GiB // 100)
    small = local_header(b"s", 1, 10, ZIP64_LIMIT - 1)
    assert struct.unpack("<IIH", small[18:28])[:2] == (10, ZIP64_LIMIT - 1) and small.endswith(b"s")


def test_central_header_puts_only_the_large_values_in_the_extra_field():
    only_offset = central_header(b"n", 7, 10, 20, 6 * GiB)
    fields = struct.unpack("<HHHHHHIIIHHHHHII", only_offset[4:46])
    assert fields[7:9] == (10, 20) and fields[-1] == ZIP64_LIMIT and fields[1] == 45
    assert struct.unpack("<HHQ", only_offset[47:]) == (1, 8, 6 * GiB)
    sizes = central_header(b"n", 7, 5 * GiB, 9 * GiB, 100)
    fields = struct.unpack("<HHHHHHIIIHHHHHII", sizes[4:46])
    assert fields[7:9] == (ZIP64_LIMIT, ZIP64_LIMIT) and fields[-1] == 100
    assert struct.unpack("<HHQQ", sizes[47:]) == (1, 16, 9 * GiB, 5 * GiB)
    plain = central_header(b"n", 7, 10, 20, 30)
    assert len(plain) == 46 + 1 and struct.unpack("<HH", plain[4:8]) == (0x0314, 20)


def test_end_records_switch_to_zip64_for_count_size_or_offset():
    assert end_records(3, 100, 200).startswith(b"PK\x05\x06")
    for args in ((70_000, 100, 200), (3, 100, 5 * GiB)):
        rec = end_records(*args)
        assert rec.startswith(b"PK\x06\x06") and b"PK\x06\x07" in rec
        _, _, _, _, _, n1, n2, size, offset = struct.unpack("<QHHIIQQQQ", rec[4:56])
        assert (n1, n2, size, offset) == (args[0], args[0], args[1], args[2])
        locator = rec.index(b"PK\x06\x07")
        assert struct.unpack("<IQI", rec[locator + 4:locator + 20]) == (0, args[1] + args[2], 1)


def test_an_archive_over_4_gib_reads_back(tmp_path):
    """A real >4 GiB archive, sparse on disk: a member at an offset beyond 4 GiB and the
    central directory after it. zipfile must find both through the ZIP64 records."""
    path = tmp_path / "big.zip"
    small = zlib.compressobj(6, zlib.DEFLATED, -15)
    data = small.compress(b"hello") + small.flush()
    crc = zlib.crc32(b"hello")
    offset = 5 * GiB
    with open(path, "wb") as fh:
        fh.write(local_header(b"first", crc, len(data), 5))
        fh.write(data)
        fh.seek(offset)  # a hole: nothing written, nothing stored
        fh.write(local_header(b"far", crc, len(data), 5))
        fh.write(data)
        start = fh.tell()
        directory = central_header(b"first", crc, len(data), 5, 0) + central_header(b"far", crc, len(data), 5, offset)
        fh.write(directory)
        fh.write(end_records(2, len(directory), start))
    assert path.stat().st_size > 4 * GiB
    with zipfile.ZipFile(path) as zf:
        assert [i.header_offset for i in zf.infolist()] == [0, offset]
        assert zf.read("far") == b"hello" and zf.read("first") == b"hello"


def test_a_member_over_4_gib_is_declared_zip64_and_streams(tmp_path):
    """5 GiB of zeros from one cached 1 MiB piece repeated (pieces concatenate): a few MB
    compressed. The sizes and CRC come from the pieces; the start of the member streams."""
    piece = deflate_piece(bytes(1 << 20))
    data = pieces_zip([("zeros.csv", [piece] * 5120), ("after.txt", [deflate_piece(b"end")])])
    assert len(data) < 64 << 20
    zf = zipfile.ZipFile(io.BytesIO(data))
    big = zf.getinfo("zeros.csv")
    assert big.file_size == 5 * GiB
    with zf.open("zeros.csv") as fh:
        assert fh.read(1 << 20) == bytes(1 << 20)
    assert zf.read("after.txt") == b"end"


def test_member_crc_and_size_combine_over_pieces():
    piece = deflate_piece(bytes(1 << 20))
    info = zipfile.ZipFile(io.BytesIO(pieces_zip([("z", [piece] * 5 + [deflate_piece(b"x")])]))).getinfo("z")
    assert (info.CRC, info.file_size) == (zlib.crc32(bytes(5 << 20) + b"x"), (5 << 20) + 1)


def test_stable_zip_is_reproducible_and_sorted():
    a = stable_zip([("b", b"2"), ("a", b"1")])
    assert a == stable_zip([("a", b"1"), ("b", b"2")])
    assert zipfile.ZipFile(io.BytesIO(a)).namelist() == ["a", "b"]


def test_stable_zip_fixes_time_and_permissions():
    zf = zipfile.ZipFile(io.BytesIO(stable_zip([("a", b"1")])))
    info = zf.getinfo("a")
    assert info.date_time == (1980, 1, 1, 0, 0, 0) and info.external_attr >> 16 == 0o644
    assert info.compress_type == zipfile.ZIP_DEFLATED


def test_pieces_are_deflated_at_level_6_so_published_bytes_stay_the_same():
    """A download's bytes (and its SHA256SUMS line) must not change between builds or
    versions for the same rows: the compression level is part of the format."""
    data = b"kode,nama\n" + b"".join(b"%d,Persentase kehadiran pegawai %d\n" % (i, i * 7919 % 1000) for i in range(400))
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    assert deflate_piece(data) == (c.compress(data) + c.flush(zlib.Z_FULL_FLUSH), zlib.crc32(data), len(data))
    assert deflate_piece(data, level=7)[0] != deflate_piece(data)[0]  # the data tells the levels apart


def test_the_limits_themselves_need_zip64():
    """0xFFFFFFFF (and 0xFFFF members) in a header mean "see the ZIP64 record": a value equal
    to the limit must go there too, one below the limit stays in the header."""
    assert struct.unpack("<H", local_header(b"n", 0, 1, ZIP64_LIMIT)[4:6]) == (45,)
    assert struct.unpack("<H", local_header(b"n", 0, ZIP64_LIMIT, 1)[4:6]) == (45,)
    assert struct.unpack("<H", local_header(b"n", 0, 1, ZIP64_LIMIT - 1)[4:6]) == (20,)
    assert struct.unpack("<H", central_header(b"n", 0, 1, ZIP64_LIMIT, 0)[6:8]) == (45,)
    assert struct.unpack("<H", central_header(b"n", 0, ZIP64_LIMIT, 1, 0)[6:8]) == (45,)
    assert struct.unpack("<H", central_header(b"n", 0, 1, 1, ZIP64_LIMIT)[6:8]) == (45,)
    assert struct.unpack("<H", central_header(b"n", 0, 1, 1, ZIP64_LIMIT - 1)[6:8]) == (20,)
    assert end_records(0xFFFF, 1, 1).startswith(b"PK\x06\x06")
    assert end_records(0xFFFE, 1, 1).startswith(b"PK\x05\x06")
    assert end_records(1, ZIP64_LIMIT, 1).startswith(b"PK\x06\x06")
    assert end_records(1, 1, ZIP64_LIMIT).startswith(b"PK\x06\x06")
    assert end_records(1, 1, ZIP64_LIMIT - 1).startswith(b"PK\x05\x06")


@pytest.mark.parametrize("zip64", [False, True])
def test_local_and_central_headers_agree(zip64):
    """Readers that stream (unzip -, Excel's) trust the local header: it must say what the
    central directory says."""
    data = pieces_zip(entries(), zip64=zip64)
    zf = zipfile.ZipFile(io.BytesIO(data))
    for info in zf.infolist():
        local = struct.unpack("<4sHHHHHIIIHH", data[info.header_offset:info.header_offset + 30])
        name_len, extra_len = local[9], local[10]
        assert local[0] == b"PK\x03\x04"
        assert local[1:6] == (45 if zip64 else 20, 0x800, 8, 0, (1 << 5) | 1)  # version, UTF-8, deflate, 1980-01-01 00:00
        assert local[6] == info.CRC
        name = data[info.header_offset + 30:info.header_offset + 30 + name_len]
        assert name == info.filename.encode()
        if zip64:
            assert local[7:9] == (ZIP64_LIMIT, ZIP64_LIMIT)
            extra = data[info.header_offset + 30 + name_len:info.header_offset + 30 + name_len + extra_len]
            assert struct.unpack("<HHQQ", extra) == (1, 16, info.file_size, info.compress_size)
        else:
            assert local[7:9] == (info.compress_size, info.file_size) and extra_len == 0


def test_every_field_of_the_central_entry_and_end_records():
    entry = central_header(b"n", 7, 10, 20, 30)
    assert struct.unpack("<4sHHHHHHIIIHHHHHII", entry[:46]) == (
        b"PK\x01\x02", 0x0314, 20, 0x800, 8, 0, 33, 7, 10, 20, 1, 0, 0, 0, 0, 0o100644 << 16, 30)
    end = end_records(2, 100, 200)
    assert struct.unpack("<4sHHHHIIH", end) == (b"PK\x05\x06", 0, 0, 2, 2, 100, 200, 0)
    big = end_records(2, 100, 6 * GiB)
    assert struct.unpack("<4sQHHIIQQQQ", big[:56]) == (b"PK\x06\x06", 44, 0x032D, 45, 0, 0, 2, 2, 100, 6 * GiB)
    assert struct.unpack("<4sIQI", big[56:76]) == (b"PK\x06\x07", 0, 6 * GiB + 100, 1)
    assert struct.unpack("<4sHHHHIIH", big[76:]) == (b"PK\x05\x06", 0, 0, 2, 2, 100, ZIP64_LIMIT, 0)
    assert len(big) == 56 + 20 + 22


def test_stable_zip_members_are_deflated_at_level_6():
    data = b"kode,nama\n" + b"".join(b"%d,Persentase kehadiran pegawai %d\n" % (i, i * 7919 % 1000) for i in range(400))
    raw = stable_zip([("a.csv", data)])
    info = zipfile.ZipFile(io.BytesIO(raw)).getinfo("a.csv")
    start = info.header_offset + 30 + len(b"a.csv") + struct.unpack("<H", raw[info.header_offset + 28:info.header_offset + 30])[0]
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    assert raw[start:start + info.compress_size] == c.compress(data) + c.flush()


@pytest.mark.parametrize("zip64", [False, True])
def test_offsets_are_exact_for_strict_readers(zip64):
    """Python's zipfile forgives offsets shifted by bytes before the first member (it reads
    self-extracting archives); unzip and Excel do not: the first member is at 0 and the
    central directory where the end record says."""
    data = pieces_zip(entries(), zip64=zip64)
    assert data.startswith(b"PK\x03\x04")
    directory = data.index(b"PK\x01\x02")
    first = struct.unpack("<I", data[directory + 42:directory + 46])[0]
    assert first in (0, 0xFFFFFFFF)  # 0, or in the ZIP64 extra field
    if not zip64:
        assert first == 0 and struct.unpack("<I", data[-6:-2])[0] == directory
    else:
        locator = data.rindex(b"PK\x06\x07")
        end64 = struct.unpack("<Q", data[locator + 8:locator + 16])[0]
        assert data[end64:end64 + 4] == b"PK\x06\x06"
        assert struct.unpack("<Q", data[end64 + 48:end64 + 56])[0] == directory
