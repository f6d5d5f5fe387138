"""Bundled real tables, each with its provenance (see ``PROVENANCE.md`` in this folder).

>>> import creative_econ as ce
>>> ce.list_datasets()[["title", "year"]]  # doctest: +SKIP
>>> uk = ce.load_dataset("uk_ioat_2010")
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from ..errors import DatasetNotFoundError, did_you_mean
from ._registry import DatasetInfo
from ._tables import eurostat_germany_1995, spicosa_netherlands_2000, uk_ioat_2010

__all__ = ["DatasetInfo", "dataset_info", "list_datasets", "load_dataset"]

_OGL = "Open Government Licence v3.0"
REGISTRY: dict[str, DatasetInfo] = {
    info.name: info
    for info in (
        DatasetInfo(
            name="germany_1995",
            title="Germany 1995, 6 product groups (Eurostat manual worked example)",
            kind="textbook",
            year=1995,
            unit="million EUR; employment in thousand persons",
            source="Beutel, J. (2008) Eurostat Manual of Supply, Use and Input-Output Tables, "
            "Table 15.4 (results in Tables 15.5-15.13); file data-raw/Beutel_15_4.csv of "
            "rOpenGov/iotables at commit 84e420f",
            licence="Eurostat reuse with acknowledgement; iotables data MIT",
            files=("eurostat_manual_germany_1995.csv",),
            transformations="output from row P1 (the output_bp column misprints manufacturing "
            "as 1,079,400); employment = row EMP (EMP-WS + self-employed, whose row is "
            "mis-coded EMP-FTE); household closure from the household consumption column, "
            "income = compensation (D1)",
            loader=eurostat_germany_1995,
        ),
        DatasetInfo(
            name="uk_ioat_2010",
            title="United Kingdom Input-Output Analytical Tables 2010, 127 products (domestic)",
            kind="official",
            year=2010,
            unit="million GBP",
            source="Office for National Statistics (2014) UK Input-Output Analytical Tables "
            "2010, domestic product-by-product table; via rOpenGov/iotables data "
            "(uk_2010_data) at commit 84e420f",
            licence=_OGL,
            files=("ons_uk_ioat_2010_siot_domestic_pxp.csv",),
            transformations="none to the values; final-demand columns renamed; GVA = "
            "compensation + gross operating surplus + taxes less subsidies on production",
            loader=uk_ioat_2010,
        ),
        DatasetInfo(
            name="netherlands_2000",
            title="The Netherlands 2000, 6 sectors (Spicosa multiplier specification sheet)",
            kind="textbook",
            year=2000,
            unit="million EUR",
            source="D'Hernoncourt, J., Cordier, M. & Hadley, D. (2011) Input-Output "
            "Multipliers: Specification sheet and supporting material, Spicosa project "
            "(hal-03233439); via rOpenGov/iotables data (netherlands_2000)",
            licence="iotables data MIT",
            files=("spicosa_netherlands_2000.csv",),
            transformations="final_consumption_households is already inside "
            "final_consumption_private: dropped from final demand, used for the closure; "
            "other value added = value added - compensation",
            loader=spicosa_netherlands_2000,
        ),
    )
}


def list_datasets() -> pd.DataFrame:
    """The bundled datasets with their title, kind, year, unit, source and licence."""
    rows = [
        {"name": i.name, "title": i.title, "kind": i.kind, "year": i.year, "unit": i.unit,
         "source": i.source, "licence": i.licence}
        for i in REGISTRY.values()
    ]
    return pd.DataFrame(rows).set_index("name")


def dataset_info(name: str) -> DatasetInfo:
    """Provenance of a bundled dataset."""
    try:
        return REGISTRY[name]
    except KeyError:
        raise DatasetNotFoundError(
            f"No bundled dataset {name!r}; available: {', '.join(REGISTRY)}."
            f"{did_you_mean(name, REGISTRY)}"
        ) from None


@cache
def load_dataset(name: str) -> object:
    """Load a bundled dataset (tables are immutable, so each is built once per process).

    Raises
    ------
    DatasetNotFoundError
        The name is not a bundled dataset (the message lists them and suggests the closest).
    """
    return dataset_info(name).loader()
