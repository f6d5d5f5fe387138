"""Build creative_econ/creative/data/uk_ioat_2010_sic2007_concordance.csv.

SIC 2007 classes -> products of the ONS UK IOAT 2010 table, with `basis` = employment:
NOMIS BRES 2019, Scotland, "Employment" by SIC 2007 subclass (5 digit), summed to classes.
A class links to the product of its division (divisions 59 and 60 both to "59-60") and to
that product's non-market (NM_) and NPISH (NPISH_) variants where the table has them; the
library computes weights = class employment / product employment when it loads the file.

Divisions: those holding DCMS creative codes (32, 58, 59, 60, 62, 70, 71, 73, 74, 85, 90, 91)
and those holding UNESCO FCS 2009 cultural codes outside them (47, 63, 72, 77).

Run from the repository root with the shared reference folder available:
    python scripts/build_uk_sic_concordance.py /path/to/bres_2019_scotland_employment_by_sic.csv
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

import creative_econ as ce

DIVISIONS = ("32", "47", "58", "59", "60", "62", "63", "70", "71", "72", "73", "74", "77",
             "85", "90", "91")
OUT = Path("creative_econ/creative/data/uk_ioat_2010_sic2007_concordance.csv")


def main(bres_path: str) -> None:
    raw = pd.read_csv(bres_path, encoding="latin-1", dtype=str)
    raw = raw[(raw["EMPLOYMENT_STATUS_NAME"] == "Employment")
              & (raw["INDUSTRY_TYPE"] == "SIC 2007 subclass (5 digit)")]
    sub = raw["INDUSTRY_CODE"].str.strip()
    value = pd.to_numeric(raw["OBS_VALUE"], errors="coerce").fillna(0.0)
    frame = pd.DataFrame({"subclass": sub, "employment": value})
    frame = frame[frame["subclass"].str[:2].isin(DIVISIONS)]
    frame["code"] = frame["subclass"].str[:2] + "." + frame["subclass"].str[2:4]
    classes = frame.groupby("code", as_index=False)["employment"].sum()
    products = set(ce.load_dataset("uk_ioat_2010").sectors)
    rows = []
    for code, employment in zip(classes["code"], classes["employment"], strict=True):
        division = code[:2]
        product = "59-60" if division in ("59", "60") else division
        for target in (product, f"NM_{product}", f"NPISH_{product}"):
            if target in products:
                rows.append({"code": code, "sector": target, "basis": round(employment)})
    pd.DataFrame(rows).to_csv(OUT, index=False)
    print(f"{len(rows)} links written to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
