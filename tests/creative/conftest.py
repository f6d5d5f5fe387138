"""Fixtures of the creative-layer tests: the reference files copied from the shared folder."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def ref_dcms() -> pd.DataFrame:
    raw = pd.read_csv(DATA / "ref_dcms_sector_sic2007_mappings.csv", dtype=str)
    return raw[raw["sector"] == "creative"]


@pytest.fixture(scope="session")
def ref_crosswalk() -> pd.DataFrame:
    return pd.read_csv(DATA / "ref_dcms_creative_sic2007_to_oked_crosswalk.csv", dtype=str)


@pytest.fixture(scope="session")
def ref_unesco_isic() -> pd.DataFrame:
    return pd.read_csv(DATA / "ref_unesco_fcs2009_isic4.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="session")
def ref_unesco_isco() -> pd.DataFrame:
    return pd.read_csv(DATA / "ref_unesco_fcs2009_isco08.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="session")
def ref_unesco_cpc() -> pd.DataFrame:
    return pd.read_csv(DATA / "ref_unesco_fcs2009_cpc2.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="session")
def ref_bres() -> pd.DataFrame:
    return pd.read_csv(DATA / "bres_2019_scotland_employment_creative_divisions.csv",
                       dtype={"INDUSTRY_CODE": str})
