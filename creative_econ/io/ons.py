"""Reader for the ONS UK Input-Output Analytical Tables (domestic product-by-product table).

The ONS publishes the UK Input-Output Analytical Tables (IOATs) as workbooks; the 2010 edition
(127 products) is machine-readable in the layout of rOpenGov/iotables (``uk_2010_data``), which
is the file bundled with creative_econ (``datasets/data/ons_uk_ioat_2010_siot_domestic_pxp.csv``):

* a label column ``uk_row`` (product codes ``01`` ... ``97``, ``NM_*`` non-market and
  ``NPISH_*`` products, then the primary-input rows) and a name column ``uk_row_label``;
* the product columns in the same order, then ``Total intermediate demand``, the final-demand
  columns (households, NPISH, central and local government, GFCF, valuables, changes in
  inventories, exports of goods and of services) and ``Total demand``;
* primary-input rows ``Imported goods and services``, ``Taxes less subsidies on products``,
  ``Taxes less subsidies on production``, ``Compensation of employees``, ``Gross Operating
  Surplus`` and ``Total output``.

Values are £ million at basic prices. :data:`ONS_IOAT_LAYOUT` is that layout as a
:class:`~creative_econ.io.tables.TableLayout`; adjust it with ``.replace(...)`` for another
edition's labels or a worksheet of the published workbook.
"""

from __future__ import annotations

from os import PathLike

from ..table import IOTable
from .tables import TableLayout, read_table

__all__ = ["ONS_FINAL_DEMAND", "ONS_IOAT_LAYOUT", "read_ons_iot"]

#: Final-demand categories of the IOATs and their published column labels.
ONS_FINAL_DEMAND: dict[str, str] = {
    "households": "Households",
    "npish": "Non-profit instns serving households",
    "central_government": "Central government",
    "local_government": "Local government",
    "gfcf": "Gross fixed capital formation",
    "valuables": "Valuables",
    "inventories": "Changes in inventories",
    "exports_goods": "Exports of goods",
    "exports_services": "Exports of services",
}

#: The IOAT domestic product-by-product layout (codes in column 0, names in column 1).
ONS_IOAT_LAYOUT = TableLayout(
    header_row=0,
    label_column=(0, 1),
    name_column=1,
    final_demand=ONS_FINAL_DEMAND,
    value_added={
        "compensation": "Compensation of employees",
        "gross_operating_surplus": ("Gross Operating Surplus", "Gross operating surplus"),
        "taxes_less_subsidies_on_production": "Taxes less subsidies on production",
    },
    imports="Imported goods and services",
    taxes="Taxes less subsidies on products",
    output="Total output",
    households="households",
    exports=("exports_goods", "exports_services"),
    unit="million GBP",
    name="ons_ioat",
    index_name="product",
)


def read_ons_iot(
    path: str | PathLike[str],
    *,
    year: int | None = None,
    layout: TableLayout = ONS_IOAT_LAYOUT,
    name: str | None = None,
) -> IOTable:
    """Read an ONS UK Input-Output Analytical Table (domestic product by product).

    Parameters
    ----------
    path : str or path-like
        CSV or XLSX in the IOAT layout (module documentation), e.g. the bundled
        ``ons_uk_ioat_2010_siot_domestic_pxp.csv``.
    year : int, optional
        Recorded on the table.
    layout : TableLayout, default ONS_IOAT_LAYOUT
        Adjust for another edition (``ONS_IOAT_LAYOUT.replace(sheet="IOT", ...)``).
    name : str, optional
        Name of the table (default ``"ons_ioat_<year>"``).

    Returns
    -------
    IOTable
        Products labelled by their IOAT codes with the published names as ``labels``; value
        added = compensation + gross operating surplus + taxes less subsidies on production;
        imports and product taxes as rows; a Type II closure on household consumption with the
        household import and tax leakage from the same rows.

    Raises
    ------
    FileNotFoundError
        No such file.
    LabelMismatchError
        A block or label of the layout is missing (the message names it).
    InvalidTableError, BalanceError
        Non-numeric cells, or output that disagrees with intermediate plus final use.

    Examples
    --------
    >>> t = read_ons_iot("ons_uk_ioat_2010_siot_domestic_pxp.csv", year=2010)  # doctest: +SKIP
    >>> t.multipliers()["output"].loc["90"]  # doctest: +SKIP
    """
    label = name or (f"ons_ioat_{year}" if year is not None else "ons_ioat")
    return read_table(
        path,
        layout=layout.replace(name=label),
        year=year,
        source="Office for National Statistics, UK Input-Output Analytical Tables"
        + (f" {year}" if year is not None else ""),
    )
