"""Loaders that turn the bundled published files into validated IOTables.

Each loader reads its file as published and handles that file's quirks explicitly; the
transformations are listed in ``PROVENANCE.md`` next to the data.
"""

from __future__ import annotations

from importlib import resources

import pandas as pd

from ..households import Households
from ..table import IOTable

__all__ = ["eurostat_germany_1995", "spicosa_netherlands_2000", "uk_ioat_2010"]


def _read(filename: str, **kwargs: object) -> pd.DataFrame:
    with resources.files(__package__).joinpath("data", filename).open("rb") as fh:
        return pd.read_csv(fh, **kwargs)


GERMANY_SECTORS = {
    "cpa_a": "agriculture",
    "cpa_c": "manufacturing",
    "cpa_f": "construction",
    "cpa_g_i": "trade_transport",
    "cpa_business": "business_services",
    "cpa_other": "other_services",
}


def eurostat_germany_1995() -> IOTable:
    """Eurostat manual (Beutel 2008) Table 15.4: Germany 1995, 6 product groups.

    Quirks handled: the ``output_bp`` column prints 1,079,400 for manufacturing while the P1
    row (the true output, equal to Z·1 + f) prints 1,079,446, so output is taken from P1;
    the row coded EMP-FTE holds the self-employed, and employment is the EMP total row.
    """
    raw = _read("eurostat_manual_germany_1995.csv").set_index("t_rows2")
    cols = ["agriculture_group", "manufacturing_group", "construction_group", "trade_group",
            "business_services_group", "other_services_group"]
    sectors = pd.Index(list(GERMANY_SECTORS.values()), name="sector")
    rename = dict(zip(cols, sectors, strict=True))
    block = raw.loc[list(GERMANY_SECTORS)].rename(index=GERMANY_SECTORS)
    Z = block[cols].rename(columns=rename).astype(float).rename_axis(index="sector")
    fd_cols = {
        "consumption_expenditure_household": "households",
        "consumption_expenditure_government": "government",
        "gross_capital_formation": "gross_fixed_capital_formation",
        "inventory_change": "inventory_change",
        "export_goods_services": "exports",
    }
    final_demand = block[list(fd_cols)].rename(columns=fd_cols).astype(float)

    def row(code: str) -> pd.Series:
        return raw.loc[code, cols].rename(index=rename).astype(float)

    value_added = pd.DataFrame(
        {
            "compensation": row("D1"),
            "other_net_taxes_on_production": row("D29_M_D39"),
            "consumption_of_fixed_capital": row("K1"),
            "net_operating_surplus": row("B2N_B3N"),
        }
    ).T
    hh = raw.loc[["P7", "D21_M_D31"], "consumption_expenditure_household"].astype(float)
    return IOTable.from_frames(
        Z=Z,
        final_demand=final_demand,
        value_added=value_added,
        imports=row("P7"),
        taxes=row("D21_M_D31"),
        output=row("P1"),
        employment=row("EMP"),
        households=Households(
            consumption="households", income="compensation",
            imports=float(hh["P7"]), taxes=float(hh["D21_M_D31"]),
        ),
        name="germany_1995",
        unit="million EUR",
        year=1995,
        employment_unit="thousand persons",
        source="Beutel (2008), Eurostat Manual of Supply, Use and Input-Output Tables, Table 15.4",
    )


def uk_ioat_2010() -> IOTable:
    """ONS UK Input-Output Analytical Tables 2010, domestic product-by-product (127 products).

    Z and final demand are domestic use at basic prices; imports, product taxes and the GVA
    components (compensation, gross operating surplus, other taxes on production) are the
    primary-input rows. ONS publishes no employment with the IOATs. Read with the ONS layout
    preset of :func:`creative_econ.io.read_ons_iot`.
    """
    from ..io.ons import ONS_IOAT_LAYOUT, read_ons_iot

    res = resources.files(__package__).joinpath("data", "ons_uk_ioat_2010_siot_domestic_pxp.csv")
    with resources.as_file(res) as path:
        return read_ons_iot(path, year=2010, name="uk_ioat_2010",
                            layout=ONS_IOAT_LAYOUT.replace(rtol=1e-5))


def spicosa_netherlands_2000() -> IOTable:
    """Spicosa teaching table, the Netherlands 2000, 6 sectors.

    Quirk handled: ``final_consumption_households`` is already inside
    ``final_consumption_private``, so it is left out of final demand (which would otherwise
    double count it) and used only as the household consumption of the Type II closure.
    """
    raw = _read("spicosa_netherlands_2000.csv").set_index("prod_na")
    cols = ["agriculture_group", "mining_group", "manufacturing_group", "utilities_group",
            "construction_group", "services_group"]
    sectors = pd.Index([c.removesuffix("_group") for c in cols], name="sector")
    rename = dict(zip(cols, sectors, strict=True))
    block = raw.loc[cols].rename(index=rename)
    Z = block[cols].rename(columns=rename).astype(float).rename_axis(index="sector")
    fd_cols = {
        "final_consumption_private": "private_consumption",
        "final_consumption_government": "government",
        "gross_fixed_capital_formation": "gfcf",
        "exports": "exports",
    }
    final_demand = block[list(fd_cols)].rename(columns=fd_cols).astype(float)

    def row(code: str) -> pd.Series:
        return raw.loc[code, cols].rename(index=rename).astype(float)

    comp = row("compensation_employees")
    value_added = pd.DataFrame(
        {"compensation": comp, "other_value_added": row("value_added_bp") - comp}
    ).T
    return IOTable.from_frames(
        Z=Z,
        final_demand=final_demand,
        value_added=value_added,
        imports=row("imports"),
        taxes=row("net_tax"),
        output=row("output_bp"),
        households=Households(
            consumption=block["final_consumption_households"].astype(float),
            imports=float(raw.loc["imports", "final_consumption_households"]),
            taxes=float(raw.loc["net_tax", "final_consumption_households"]),
        ),
        name="netherlands_2000",
        unit="million EUR",
        year=2000,
        source="D'Hernoncourt, Cordier & Hadley (2011), Input-Output Multipliers: "
        "Specification sheet, Spicosa project",
    )
