"""Rebuild datapackages/reference/regions.csv from the npm package idn-area-data.

Usage:  npm pack idn-area-data@3.1.2 && tar xzf idn-area-data-3.1.2.tgz
        python scripts/update_regions.py package/data

Provinces, kabupaten/kota and kecamatan only (villages are not needed by any decree).
"""
import csv
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "datapackages" / "reference" / "regions.csv"


def main(data_dir: str) -> None:
    src = Path(data_dir)
    rows = []
    with open(src / "provinces.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            rows.append((r["code"], r["name"], "provinsi", ""))
    with open(src / "regencies.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            level = "kota" if r["name"].upper().startswith("KOTA ") else "kabupaten"
            rows.append((r["code"], r["name"], level, r["province_code"]))
    with open(src / "districts.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            rows.append((r["code"], r["name"], "kecamatan", r["regency_code"]))
    rows.sort(key=lambda r: r[0])
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["code", "name", "level", "parent_code"])
        w.writerows(rows)
    print(f"{len(rows)} regions -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
