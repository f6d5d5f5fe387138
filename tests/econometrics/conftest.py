"""Real series for the econometrics tests: Kazakhstan (BNS) and Scotland (Scottish Government)."""

from __future__ import annotations

import pandas as pd
import pytest

from creative_econ.datasets import _kazakhstan as kz


@pytest.fixture(scope="session")
def kz_gva() -> pd.DataFrame:
    return kz.kazakhstan_gva_by_section()


@pytest.fixture(scope="session")
def kz_gva_j(kz_gva: pd.DataFrame) -> pd.Series:
    """Kazakhstan GVA of section J, 2015-2025 (11 points), million KZT, current prices."""
    return kz_gva.query("section == 'J'").set_index("year")["gva_mln_kzt"].rename("GVA J")


@pytest.fixture(scope="session")
def kz_employment_r() -> pd.Series:
    """Kazakhstan employment in section R, 2010-2025 (16 points), thousand persons."""
    frame = kz.kazakhstan_employment_by_section(sections=["R"])
    return frame.set_index("year")["employed_thousand"].rename("employment R")


@pytest.fixture(scope="session")
def kz_output_regions() -> pd.DataFrame:
    return kz.kazakhstan_output_by_region()


@pytest.fixture(scope="session")
def kz_regional_panel(kz_output_regions: pd.DataFrame) -> pd.DataFrame:
    """Employment (persons) and output (million KZT) by region x broad sector, 2022-2025."""
    out = kz_output_regions
    broad = out["section"].map(lambda s: "A" if s == "A" else "B-F" if s in "BCDEF" else "G-U")
    output = (out.assign(sector=broad)
              .groupby(["year", "region", "sector"], as_index=False)["output_mln_kzt"].sum())
    emp = kz.kazakhstan_employment_by_region()
    return emp.merge(output, on=["year", "region", "sector"], validate="one_to_one")


@pytest.fixture(scope="session")
def scotland_output() -> pd.DataFrame:
    """Output by IOC098 industry, 1998-2019 (22 years), million GBP, current prices."""
    scot = pytest.importorskip("creative_econ.datasets._scotland")
    return pd.DataFrame(
        {year: scot.scotland_ixi(year).x for year in scot.SCOTLAND_YEARS}
    ).T.rename_axis("year")


@pytest.fixture(scope="session")
def scotland_creative_services(scotland_output: pd.DataFrame) -> pd.Series:
    """Scottish output of IOC098 industry 90, creative services (SIC 90), 1998-2019."""
    return scotland_output["90"].rename("Scotland creative services output")
