"""Loaders for the bundled Scottish tables and the UK-Scotland comparison data.

Files (in ``data/``, provenance in ``data/SCOTLAND_PROVENANCE.md``):

* ``scotland_ixi_1998_2019.csv.gz``: the Scottish Government's industry-by-industry tables
  1998-2019 (98 industries), the published ``IxI_wide`` layout, values rounded to £1;
* ``ons_uk_ioat_2010_imports_use_pxp.csv.gz``: the ONS UK 2010 imports use table (verbatim);
* ``uk_scotland_concordance.csv``: ONS 2010 products and Scottish IOC098 industries mapped to
  95 common groups of SIC 2007 codes.

>>> from creative_econ.datasets._scotland import scotland_ixi
>>> scotland_ixi(2010).n
98
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import BinaryIO

import pandas as pd

from ..errors import DatasetNotFoundError
from ..io.scottish import scottish_table_from_frame
from ..table import IOTable

__all__ = [
    "SCOTLAND_YEARS",
    "scotland_ixi",
    "uk_ioat_2010_imports_use",
    "uk_scotland_concordance",
]

#: Years of the bundled Scottish tables (October 2022 release).
SCOTLAND_YEARS: tuple[int, ...] = tuple(range(1998, 2020))
_SCOTLAND_FILE = "scotland_ixi_1998_2019.csv.gz"
_IMPORTS_FILE = "ons_uk_ioat_2010_imports_use_pxp.csv.gz"
_CONCORDANCE_FILE = "uk_scotland_concordance.csv"
#: ONS imports-use final-demand columns and the names ``uk_ioat_2010`` uses for them.
_UK_FINAL_DEMAND = {
    "Households": "households",
    "Non-profit instns serving households": "npish",
    "Central government": "central_government",
    "Local government": "local_government",
    "Gross fixed capital formation": "gfcf",
    "Valuables": "valuables",
    "Changes in inventories": "inventories",
    "Exports of goods": "exports_goods",
    "Exports of services": "exports_services",
}


def _open(filename: str) -> BinaryIO:
    return resources.files(__package__).joinpath("data", filename).open("rb")


@cache
def _scotland_frame() -> pd.DataFrame:
    with _open(_SCOTLAND_FILE) as fh:
        return pd.read_csv(fh, compression="gzip", dtype={"ioc098_sic": str})


def scotland_ixi(year: int) -> IOTable:
    """The Scottish Government's industry-by-industry input-output table for one year.

    Parameters
    ----------
    year : int
        1998-2019.

    Returns
    -------
    IOTable
        98 industries (IOC098 SIC codes), million GBP at basic prices, Scottish-produced
        intermediate flows, imports from the rest of the UK as the ``interregional_imports``
        row, a Type II household closure. See :func:`creative_econ.io.scottish.read_scottish_iot`.

    Raises
    ------
    DatasetNotFoundError
        The year is not bundled.
    """
    if year not in SCOTLAND_YEARS:
        raise DatasetNotFoundError(
            f"No bundled Scottish table for {year!r}; years {SCOTLAND_YEARS[0]}-"
            f"{SCOTLAND_YEARS[-1]} are available."
        )
    return scottish_table_from_frame(
        _scotland_frame(), year, where="the bundled Scottish tables", name=f"scotland_ixi_{year}"
    )


def uk_ioat_2010_imports_use() -> pd.DataFrame:
    """ONS UK 2010 imports use table: imported product (rows) by using product and final demand.

    Returns
    -------
    DataFrame
        127 products x (127 using products + 9 final-demand categories named as in
        ``load_dataset("uk_ioat_2010")``), million GBP at basic prices. Totals are dropped.
    """
    with _open(_IMPORTS_FILE) as fh:
        raw = pd.read_csv(fh, compression="gzip", dtype={"uk_row": str}).set_index("uk_row")
    products = [c for c in raw.columns if c in raw.index]
    frame = raw.loc[products, [*products, *_UK_FINAL_DEMAND]].astype(float)
    frame = frame.rename(columns=_UK_FINAL_DEMAND)
    frame.index.name = "product"
    frame.columns.name = None
    return frame


def uk_scotland_concordance() -> pd.DataFrame:
    """ONS 2010 products and Scottish IOC098 industries mapped to common SIC 2007 groups.

    Returns
    -------
    DataFrame
        Columns ``classification`` (``"ons_uk_ioat_2010"`` or ``"scotland_ioc098"``), ``code``,
        ``label``, ``group`` and ``group_label``. Each code maps to exactly one of 95 groups;
        both classifications cover every group. Non-market and NPISH products (``NM_90``,
        ``NPISH_94``, ...) belong to the group of their SIC division.
    """
    with _open(_CONCORDANCE_FILE) as fh:
        return pd.read_csv(fh, dtype=str)
