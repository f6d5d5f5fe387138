"""Bundled real tables, each with its provenance (see ``PROVENANCE.md`` in this folder).

>>> import creative_econ as ce
>>> ce.list_datasets()[["title", "year"]]  # doctest: +SKIP
>>> uk = ce.load_dataset("uk_ioat_2010")
"""

from __future__ import annotations

from functools import cache, partial

import pandas as pd

from ..errors import DatasetNotFoundError, did_you_mean
from ._kazakhstan import (
    kazakhstan_employment_by_region,
    kazakhstan_employment_by_section,
    kazakhstan_gva_by_section,
    kazakhstan_output_by_region,
)
from ._kazakhstan_hybrid import (
    kazakhstan_creative_figures,
    kazakhstan_hybrid_2022,
    kazakhstan_hybrid_2023,
    kazakhstan_hybrid_2024,
    kazakhstan_production_account,
    kazakhstan_regions_2022,
    kazakhstan_regions_2023,
    kazakhstan_regions_2024,
    kazakhstan_regions_2025,
)
from ._registry import DatasetInfo
from ._scotland import (
    SCOTLAND_YEARS,
    scotland_ixi,
    uk_ioat_2010_imports_use,
    uk_scotland_concordance,
)
from ._tables import eurostat_germany_1995, spicosa_netherlands_2000, uk_ioat_2010

__all__ = [
    "DatasetInfo",
    "dataset_info",
    "list_datasets",
    "load_dataset",
    "register_dataset",
    "sector_map",
    "unregister_dataset",
]

_OGL = "Open Government Licence v3.0"
_BNS = "Official statistics of the Republic of Kazakhstan; reuse with attribution to BNS ASPR RK"
_BNS_VIA = "via makenerzhan-gif/kazakhstan-economic-data (commits c38bf1b, 454b3d3)"
_HYB = ("HYBRID, not official: BNS ASPR RK output, GVA, compensation and employment by OKED "
        "section (elements 81477, 4439, 4453, 5831); ADB MRIO 2022 sales shares "
        "(ksreyes/mrio-processing 8d0dbf7); inter-industry structure borrowed from Uzbekistan's "
        "official 2022 input-output table (via CERR-Uzbekistan/Uzbekistan-Economic-policy-engine "
        "2b13405); balanced by GRAS")
_HYB_LIC = ("BNS: attribution to BNS ASPR RK; ADB-derived vectors and Uzbek table files: MIT "
            "(repositories)")
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
        *(
            DatasetInfo(
                name=f"scotland_ixi_{y}",
                title=f"Scotland {y}, 98 industries (Scottish Government industry-by-industry "
                "table)",
                kind="official", year=y, unit="million GBP",
                source="Scottish Government (2022) Supply, Use and Input-Output Tables "
                "1998-2019, IxI_wide.xlsx (published 26 Oct 2022); via ChristianSpence/"
                "gva-model at commit 527d6a0",
                licence=_OGL, files=("scotland_ixi_1998_2019.csv.gz",),
                transformations="constant columns table/pubdate dropped; values rounded to "
                "1e-6 GBP million; rest-of-UK imports as the interregional_imports row; see "
                "data/SCOTLAND_PROVENANCE.md",
                loader=partial(scotland_ixi, y),
            )
            for y in SCOTLAND_YEARS
        ),
        DatasetInfo(
            name="uk_ioat_2010_imports",
            title="United Kingdom 2010 imports use table, 127 products",
            kind="official", year=2010, unit="million GBP",
            source="ONS (2014) UK Input-Output Analytical Tables 2010, imports use table; via "
            "rOpenGov/iotables (uk_2010_data) at commit 84e420f",
            licence=_OGL, files=("ons_uk_ioat_2010_imports_use_pxp.csv.gz",),
            transformations="none to the values; totals dropped; final-demand columns named "
            "as in uk_ioat_2010",
            loader=uk_ioat_2010_imports_use,
        ),
        DatasetInfo(
            name="uk_scotland_concordance",
            title="ONS 2010 products and Scottish IOC098 industries on 95 common SIC 2007 "
            "groups",
            kind="hybrid", year=2010, unit="",
            source="derived from the ONS 2010 product codes and the Scottish Government IOC098 "
            "SIC ranges",
            licence=_OGL, files=("uk_scotland_concordance.csv",),
            transformations="see data/SCOTLAND_PROVENANCE.md",
            loader=uk_scotland_concordance,
        ),
        *(
            DatasetInfo(
                name=f"kazakhstan_hybrid_{y}",
                title=f"Kazakhstan {y}, HYBRID input-output table (BNS totals, ADB shares, "
                "Uzbek 2022 structure), 26 sectors with creative sub-sectors of J, M, R",
                kind="hybrid", year=y, unit="million KZT, basic prices; employment in persons",
                source=_HYB, licence=_HYB_LIC, files=(f"kz_hybrid_{y}.csv", f"kz_hybrid_{y}.json"),
                transformations="built by creative_econ.datasets.build "
                "(PROVENANCE_kazakhstan_hybrid.md): section T folded into S; ADB shares bridged "
                "to sections; GRAS; residual row ic_residual; J, M, R split with the donor's "
                "detail",
                loader=f,
            )
            for y, f in ((2022, kazakhstan_hybrid_2022), (2023, kazakhstan_hybrid_2023),
                         (2024, kazakhstan_hybrid_2024))
        ),
        *(
            DatasetInfo(
                name=f"kazakhstan_regions_{y}",
                title=f"Kazakhstan regional data {y}, 20 regions (official output by region x "
                "section, derived employment)" + (", preliminary" if y == 2025 else ""),
                kind="hybrid", year=y, unit="million KZT; employment in persons",
                source=f"BNS ASPR RK elements 81477, 443430/443435/443438, 5831; {_BNS_VIA}",
                licence=_BNS,
                files=("kz_bns_output_by_region_oked_section_2022_2025.csv",
                       "kz_bns_employed_by_region_broad_sector_2022_2025.csv",
                       "kz_bns_employed_population_by_section_national_2010_2025.csv"),
                transformations="employment by region x section derived (output per worker, "
                "RAS to the broad-sector and national section totals); J, M, R split by "
                "national hybrid shares; T in S",
                loader=f,
            )
            for y, f in ((2022, kazakhstan_regions_2022), (2023, kazakhstan_regions_2023),
                         (2024, kazakhstan_regions_2024), (2025, kazakhstan_regions_2025))
        ),
        DatasetInfo(
            name="kazakhstan_production_account",
            title="Kazakhstan production account by region (20), 2022-2025",
            kind="official", year=None, unit="million KZT, current prices",
            source=f"BNS ASPR RK, element 81478; {_BNS_VIA}", licence=_BNS,
            files=("kz_bns_production_account_by_region_2022_2025.csv",),
            transformations="columns renamed; national row left out by default",
            loader=kazakhstan_production_account,
        ),
        DatasetInfo(
            name="kazakhstan_creative_figures",
            title="Published creative-industry figures for Kazakhstan (definitions differ)",
            kind="published", year=None, unit="as published",
            source="MCI statements (Qazinform, Kazinform), UNDP, CIAQ, AIFC/Dasco (per row)",
            licence="figures quoted with their sources",
            files=("kz_creative_industries_published_figures.csv",),
            transformations="definition column added (MCI, UNDP, broad_other, other)",
            loader=kazakhstan_creative_figures,
        ),
        DatasetInfo(
            name="kazakhstan_gva_by_section",
            title="Kazakhstan gross value added by OKED section, national, 2015-2025",
            kind="official", year=None, unit="million KZT, current prices (nominal)",
            source="Bureau of National Statistics of the Republic of Kazakhstan (BNS ASPR RK), "
            f"dynamic table element 4439; {_BNS_VIA}",
            licence=_BNS, files=("kz_bns_gva_by_oked_section_national_2015_2025.csv",),
            transformations="none to the values; aggregate rows (GVA, taxes less subsidies on "
            "products, GDP) left out; preliminary flag for 2025 (PROVENANCE_kazakhstan.md)",
            loader=kazakhstan_gva_by_section,
        ),
        DatasetInfo(
            name="kazakhstan_employment_by_section",
            title="Kazakhstan employed population by OKED section, national, 2010-2025",
            kind="official", year=None, unit="thousand persons",
            source=f"BNS ASPR RK, dynamic table element 5831 (labour-force survey); {_BNS_VIA}",
            licence=_BNS, files=("kz_bns_employed_population_by_section_national_2010_2025.csv",),
            transformations="none to the values; aggregates IND and TOTAL left out by default; "
            "section T is not published; preliminary flag for 2025",
            loader=kazakhstan_employment_by_section,
        ),
        DatasetInfo(
            name="kazakhstan_output_by_region",
            title="Kazakhstan gross output by region (20, post-2022 borders) and OKED section, "
            "2022-2025",
            kind="official", year=None, unit="million KZT, current prices (nominal)",
            source=f"BNS ASPR RK, dynamic table element 81477; {_BNS_VIA}",
            licence=_BNS, files=("kz_bns_output_by_region_oked_section_2022_2025.csv",),
            transformations="none to the values; national row, TOTAL section and section T "
            "(published for 2025 only) left out by default; preliminary flag for 2025",
            loader=kazakhstan_output_by_region,
        ),
        DatasetInfo(
            name="kazakhstan_employment_by_region",
            title="Kazakhstan employed population by region (20) in three broad sectors, "
            "2022-2025",
            kind="official", year=None, unit="persons",
            source="BNS ASPR RK, dynamic table elements 102798, 443430, 443435, 443438; "
            f"{_BNS_VIA}",
            licence=_BNS, files=("kz_bns_employed_by_region_broad_sector_2022_2025.csv",),
            transformations="broad sectors (A, B-F, G-U, in persons) in long form; the total "
            "column, in thousands, left out (the sectors sum to it exactly); national row left "
            "out by default; preliminary flag for 2025",
            loader=kazakhstan_employment_by_region,
        ),
    )
}


def register_dataset(
    name: str,
    data: object,
    *,
    title: str = "",
    source: str = "",
    licence: str = "",
    unit: str = "",
    year: int | None = None,
    replace: bool = False,
) -> DatasetInfo:
    """Register your own table or regional data under a name, so scenarios can use it.

    Parameters
    ----------
    name : str
        The name scenarios refer to (``table:`` or ``regional_data:``).
    data : IOTable, RegionalData or DataFrame
        The object itself (kept as is: tables are immutable).
    replace : bool, default False
        Allow replacing a dataset registered earlier in this session (bundled datasets can
        never be replaced).

    Raises
    ------
    DatasetNotFoundError
        The name is taken (a bundled dataset, or a registered one without ``replace=True``).
    """
    if name in REGISTRY and (REGISTRY[name].kind != "user" or not replace):
        raise DatasetNotFoundError(
            f"A dataset named {name!r} already exists; choose another name"
            + (" or pass replace=True." if REGISTRY[name].kind == "user" else ".")
        )
    info = DatasetInfo(
        name=name, title=title or name, kind="user", year=year, unit=unit,
        source=source or "registered by the user", licence=licence, files=(),
        transformations="", loader=lambda: data,
    )
    REGISTRY[name] = info
    _load.cache_clear()
    return info


def unregister_dataset(name: str) -> None:
    """Remove a dataset registered with :func:`register_dataset` (bundled ones stay).

    Raises
    ------
    DatasetNotFoundError
        No such dataset, or it is bundled.
    """
    info = dataset_info(name)
    if info.kind != "user":
        raise DatasetNotFoundError(f"{name!r} is a bundled dataset and cannot be removed.")
    del REGISTRY[name]
    _load.cache_clear()


def sector_map(source: str, target: str) -> dict[str, str] | None:
    """A bundled map from the sector codes of table ``source`` to those of table ``target``.

    Used to apply spending profiles built on one table (e.g. ``uk_ioat_2010``) to another
    (e.g. the Kazakhstan hybrid tables, by NACE division). None when no map is bundled.
    """
    if source == target:
        return None
    if source == "uk_ioat_2010" and target.startswith("kazakhstan_hybrid_"):
        from ._kazakhstan_hybrid import uk2010_sector_map

        return uk2010_sector_map()
    return None


def list_datasets() -> pd.DataFrame:
    """The bundled datasets with their title, kind, year, unit, source and licence."""
    rows = [
        {"name": i.name, "title": i.title, "kind": i.kind, "year": i.year, "unit": i.unit,
         "source": i.source, "licence": i.licence}
        for i in REGISTRY.values()
    ]
    return pd.DataFrame(rows).astype({"year": "Int64"}).set_index("name")


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
def _load(name: str) -> object:
    return dataset_info(name).loader()


def load_dataset(name: str) -> object:
    """Load a bundled dataset.

    Tables are immutable and built once per process; data frames are returned as copies
    (cheap under copy-on-write), so editing one never changes what the next caller gets.

    Raises
    ------
    DatasetNotFoundError
        The name is not a bundled dataset (the message lists them and suggests the closest).
    """
    obj = _load(name)
    return obj.copy() if isinstance(obj, pd.DataFrame | pd.Series) else obj
