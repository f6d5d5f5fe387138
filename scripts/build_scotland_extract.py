"""Build the compact extracts bundled with creative_econ for the Scottish regional check.

Inputs (published files, copied into the repository under tests/reference/data/):

* ``scotland_ixi_wide_1998_2019.xlsx``: the Scottish Government's ``IxI_wide.xlsx`` from
  *Supply, Use and Input-Output Tables 1998-2019* (October 2022), Open Government Licence v3.0.
* ``ons_uk_ioat_2010_imports_use_pxp.csv``: ONS UK Input-Output Analytical Tables 2010,
  imports use table (product x product), Open Government Licence v3.0.

Outputs (creative_econ/datasets/data/):

* ``scotland_ixi_1998_2019.csv.gz``: every row and column of ``IxI_wide`` except the constant
  ``table`` and ``pubdate`` columns, values rounded to 1e-6 (GBP 1; the largest change is
  5e-7 million GBP); gzip with a fixed timestamp so the bytes are reproducible.
* ``ons_uk_ioat_2010_imports_use_pxp.csv.gz``: the imports use table, verbatim, gzipped.

Run from the repository root::

    .venv/bin/python scripts/build_scotland_extract.py
"""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "tests" / "reference" / "data"
OUT = ROOT / "creative_econ" / "datasets" / "data"
XLSX = REFERENCE / "scotland_ixi_wide_1998_2019.xlsx"
IMPORTS = REFERENCE / "ons_uk_ioat_2010_imports_use_pxp.csv"


def build_scotland() -> Path:
    frame = pd.read_excel(XLSX, sheet_name=0, engine="openpyxl", dtype={"ioc098_sic": str})
    assert set(frame["table"]) == {"IxI"}, "unexpected table column"
    assert frame["pubdate"].nunique() == 1, "more than one publication date"
    frame = frame.drop(columns=["table", "pubdate"])
    numeric = [c for c in frame.columns if c not in ("year", "ioc098_sic",
                                                      "ioc098_short_description")]
    frame[numeric] = frame[numeric].round(6)
    target = OUT / "scotland_ixi_1998_2019.csv.gz"
    frame.to_csv(
        target, index=False, float_format="%.6f",
        compression={"method": "gzip", "mtime": 0, "compresslevel": 9},
    )
    return target


def build_imports() -> Path:
    target = OUT / "ons_uk_ioat_2010_imports_use_pxp.csv.gz"
    with IMPORTS.open("rb") as src, gzip.GzipFile(target, "wb", compresslevel=9, mtime=0) as dst:
        shutil.copyfileobj(src, dst)
    return target


if __name__ == "__main__":
    for path in (build_scotland(), build_imports()):
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size:,} bytes)")
