r"""Reader for the Scottish Government's industry-by-industry input-output tables.

The Scottish Government publishes *Supply, Use and Input-Output Tables* for 1998 onwards, 98
industries (the IOC098 classification, groups of SIC 2007 codes). The machine-readable file
``IxI_wide.xlsx`` (sheet ``IxI_wide``) stacks one block per year, one row per industry or
primary input and one column per industry or final-demand category:

* identifiers ``table, pubdate, year, ioc098_sic, ioc098_short_description``;
* industry columns ``IOC098_001`` … ``IOC098_098`` (purchases, in the order of the rows);
* final-demand columns ``HOUSEHOLD, NPISH, FD_CENGOV, FD_LOCGOV, GFCF, VALUABLES, INVENTORIES,
  EXPORTS_NONRES, EXPORTS_RUK, EXPORTS_ROW`` and the totals ``TOT_IU, TOT_FC, TOT_GCF,
  TOT_EXPORTS, TOT_FUSE, TOT_USE``;
* rows: the 98 industries (Scottish-produced intermediate use), then ``TDU`` (total domestic
  use), ``RUKImp`` (imports from the rest of the UK), ``RoWImp`` (from the rest of the world),
  ``TIU``, ``TlSPrds`` (taxes less subsidies on products), ``TlSPrdn`` (on production),
  ``CoE``, ``GOS``, ``GVA`` and ``TOut`` (total output at basic prices).

Values are current-price £ million at basic prices. Columns close exactly; rows close to a
relative 1.5e-5 (the largest gap is £0.006m, oil and gas 2008), so the row identity is checked
with ``rtol=1e-4``.

Mapping to :class:`~creative_econ.IOTable`:

* ``Z``: the 98 × 98 block of Scottish-produced flows;
* final demand: the ten categories above (totals dropped);
* ``imports``: imports from the rest of the world; ``other_inputs`` row
  ``interregional_imports``: imports from the rest of the UK;
* ``taxes``: taxes less subsidies on products; value added: ``compensation``,
  ``gross_operating_surplus``, ``taxes_less_subsidies_on_production``;
* households (Type II): consumption = the household column; imports = household purchases from
  the rest of the world (purchases from the rest of the UK are not in a household leakage
  term); taxes = household product taxes.
"""

from __future__ import annotations

from os import PathLike
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InvalidTableError
from ..households import Households
from ..table import IOTable

__all__ = [
    "IOC098_CODES",
    "SCOTTISH_FINAL_DEMAND",
    "read_scottish_iot",
    "scottish_table_from_frame",
]

#: The 98 IOC098 industries (their SIC 2007 codes as the IxI tables print them), in the order
#: of the columns ``IOC098_001`` ... ``IOC098_098``.
IOC098_CODES: tuple[str, ...] = (
    "01", "02.1, 02.4", "02.2-3", "03.1", "03.2", "05", "06-08", "09", "10.1", "10.2-3", "10.4-5",
    "10.6", "10.7", "10.8", "10.9", "11.01-04", "11.05-06", "11.07", "12", "13", "14", "15", "16",
    "17", "18", "19, 20B", "20.3", "20.4", "20.5", "20AC", "21", "22", "23.5-6", "23OTHER",
    "24.1-3", "24.4-5", "25", "26", "27", "28", "29", "30", "31", "32", "33", "35.1", "35.2-3",
    "36, 37", "38, 39", "41-43", "45", "46", "47", "49.1-2", "49.3-5", "50", "51", "52", "53",
    "55", "56", "58", "59, 60", "61", "62", "63", "64", "65", "66", "68.1-2", "68.2IMP", "68.3",
    "69.1", "69.2", "70", "71", "72", "73", "74", "75", "77", "78", "79", "80", "81", "82", "84",
    "85", "86", "87, 88", "90", "91", "92", "93", "94", "95", "96", "97",
)


#: Published final-demand columns and the names the table uses for them.
SCOTTISH_FINAL_DEMAND: dict[str, str] = {
    "HOUSEHOLD": "households",
    "NPISH": "npish",
    "FD_CENGOV": "central_government",
    "FD_LOCGOV": "local_government",
    "GFCF": "gfcf",
    "VALUABLES": "valuables",
    "INVENTORIES": "inventories",
    "EXPORTS_NONRES": "exports_non_residents",
    "EXPORTS_RUK": "exports_rest_of_uk",
    "EXPORTS_ROW": "exports_rest_of_world",
}
_TOTALS = ("TOT_IU", "TOT_FC", "TOT_GCF", "TOT_EXPORTS", "TOT_FUSE", "TOT_USE")
_PRIMARY = ("TDU", "RUKImp", "RoWImp", "TIU", "TlSPrds", "TlSPrdn", "CoE", "GOS", "GVA", "TOut")
_RTOL = 1e-4  # published rows close to 1.5e-5 relative (see the module docstring)
_ID = ("year", "ioc098_sic", "ioc098_short_description")
_SOURCE = (
    "Scottish Government, Supply, Use and Input-Output Tables 1998-2019 (published October "
    "2022), industry-by-industry tables (IxI_wide)"
)


def _read(path: Path) -> pd.DataFrame:
    suffixes = "".join(path.suffixes).lower()
    if not path.exists():
        raise FileNotFoundError(f"No such file: {path}")
    if suffixes.endswith((".xlsx", ".xlsm")):
        frame = pd.read_excel(path, sheet_name=0, engine="openpyxl")
    elif suffixes.endswith((".csv", ".csv.gz")):
        frame = pd.read_csv(path, dtype={"ioc098_sic": str})
    else:
        raise InvalidTableError(
            f"{path.name}: expected the published IxI_wide.xlsx (or a CSV with the same "
            "columns); got an unknown file type."
        )
    return frame


def read_scottish_iot(path: str | PathLike[str], year: int) -> IOTable:
    r"""Read one year of the Scottish Government's industry-by-industry input-output tables.

    Parameters
    ----------
    path : str or path-like
        The published ``IxI_wide.xlsx`` (or a CSV with the same columns, such as the compact
        extract bundled with creative_econ).
    year : int
        The year to read (1998-2019 in the October 2022 release).

    Returns
    -------
    IOTable
        98 industries labelled by their IOC098 SIC codes (``"01"``, ``"02.1, 02.4"``, …,
        ``"90"``), with the published short descriptions as ``labels``; unit million GBP at
        basic prices; a Type II household closure.

    Raises
    ------
    FileNotFoundError
        ``path`` does not exist.
    InvalidTableError
        The file does not have the published layout (missing columns or rows, rows out of
        order) or does not hold ``year``.
    BalanceError
        Output disagrees with intermediate plus final use.

    Examples
    --------
    >>> t = read_scottish_iot("IxI_wide.xlsx", 2010)  # doctest: +SKIP
    >>> t.multipliers()["output"].loc["90"]  # doctest: +SKIP
    """
    path = Path(path)
    return scottish_table_from_frame(_read(path), year, where=path.name)


def _check_layout(frame: pd.DataFrame, where: str) -> list[str]:
    industry_cols = [c for c in frame.columns if str(c).startswith("IOC098_")]
    needed = [*_ID, *SCOTTISH_FINAL_DEMAND]
    missing = [c for c in needed if c not in frame.columns]
    if missing or len(industry_cols) == 0:
        raise InvalidTableError(
            f"{where} does not have the Scottish Government IxI_wide layout: missing columns "
            f"{missing or ['IOC098_001 ...']}. Pass the published IxI_wide.xlsx."
        )
    return industry_cols


def scottish_table_from_frame(
    frame: pd.DataFrame, year: int, *, where: str = "the table", name: str | None = None
) -> IOTable:
    """Build an :class:`IOTable` for one year from a frame in the ``IxI_wide`` layout.

    Used by :func:`read_scottish_iot` and by the bundled-dataset loader, so both go through the
    same checks. ``frame`` is not modified.
    """
    industry_cols = _check_layout(frame, where)
    years = pd.to_numeric(frame["year"], errors="coerce")
    block = frame.loc[years == year]
    if block.empty:
        avail = sorted({int(y) for y in years.dropna().unique()})
        span = f"{avail[0]}-{avail[-1]}" if avail else "none"
        raise InvalidTableError(
            f"Year {year!r} is not in {where}; it holds years {span}. Pass one of those."
        )
    codes = block["ioc098_sic"].astype(str).str.strip()
    if codes.duplicated().any():
        dup = sorted(set(codes[codes.duplicated()]))
        raise InvalidTableError(f"{where}, year {year}: rows {dup} appear more than once.")
    block = block.set_index(codes)
    missing_rows = [r for r in _PRIMARY if r not in block.index]
    n = len(industry_cols)
    industries = [c for c in block.index if c not in _PRIMARY]
    if missing_rows or len(industries) != n:
        raise InvalidTableError(
            f"{where}, year {year}: expected {n} industry rows and the rows {list(_PRIMARY)}; "
            f"found {len(industries)} industry rows, missing {missing_rows}."
        )
    # Industry rows must be the IOC098 industries, first, in the order of the columns.
    first = list(block.index[:n])
    expected = list(IOC098_CODES) if n == len(IOC098_CODES) else first
    if first != expected or industries != first:
        wrong = next((i for i, (a, b) in enumerate(zip(first, expected, strict=True)) if a != b),
                     0)
        raise InvalidTableError(
            f"{where}, year {year}: the industry rows are not the first {n} rows of the block in "
            f"the order of the IOC098 columns (row {wrong + 1} is {first[wrong]!r}, expected "
            f"{expected[wrong]!r})."
        )

    sectors = pd.Index(industries, name="industry")

    def numeric(rows: list[str] | str, cols: list[str] | str) -> pd.DataFrame | pd.Series:
        part = block.loc[rows, cols]
        return part.apply(pd.to_numeric, errors="coerce") if isinstance(part, pd.DataFrame) \
            else pd.to_numeric(part, errors="coerce")

    Z = pd.DataFrame(
        numeric(industries, industry_cols).to_numpy(dtype=float), index=sectors, columns=sectors
    )
    fd = numeric(industries, list(SCOTTISH_FINAL_DEMAND)).fillna(0.0)
    fd = pd.DataFrame(
        fd.to_numpy(dtype=float), index=sectors, columns=list(SCOTTISH_FINAL_DEMAND.values())
    )

    def row(code: str) -> pd.Series:
        values = numeric(code, industry_cols).to_numpy(dtype=float)
        return pd.Series(values, index=sectors, name=code)

    for code in ("TOut", "RoWImp", "RUKImp", "TlSPrds", "TlSPrdn", "CoE", "GOS", "GVA"):
        if not np.all(np.isfinite(row(code).to_numpy())):
            raise InvalidTableError(f"{where}, year {year}: row {code} has missing values.")
    value_added = pd.DataFrame(
        {
            "compensation": row("CoE"),
            "gross_operating_surplus": row("GOS"),
            "taxes_less_subsidies_on_production": row("TlSPrdn"),
        }
    ).T
    gva_gap = np.abs(value_added.sum().to_numpy() - row("GVA").to_numpy()).max()
    if gva_gap > 1e-3 * max(1.0, float(np.abs(row("GVA")).max())):
        raise InvalidTableError(
            f"{where}, year {year}: GVA differs from CoE + GOS + TlSPrdn by up to {gva_gap:.4g}."
        )
    hh = "HOUSEHOLD"
    households = Households(
        consumption="households",
        imports=float(pd.to_numeric(block.loc["RoWImp", hh])),
        taxes=float(pd.to_numeric(block.loc["TlSPrds", hh])),
    )
    labels = block.loc[industries, "ioc098_short_description"].astype(str).str.strip()
    labels.index = sectors
    return IOTable.from_frames(
        Z=Z,
        final_demand=fd,
        value_added=value_added,
        imports=row("RoWImp"),
        taxes=row("TlSPrds"),
        output=row("TOut"),
        households=households,
        other_inputs=pd.DataFrame({"interregional_imports": row("RUKImp")}).T,
        labels=labels,
        name=name or f"scotland_ixi_{year}",
        unit="million GBP",
        year=int(year),
        source=_SOURCE,
        rtol=_RTOL,
    )
