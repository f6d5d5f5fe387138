"""Loaders for the bundled Kazakhstan series (Bureau of National Statistics, BNS ASPR RK).

Each loader reads its file as published (``data/kz_bns_*.csv``, verbatim copies; provenance in
``PROVENANCE_kazakhstan.md``) and returns a new tidy frame with the file's quirks handled
explicitly:

* values are in **current prices** (million KZT); no deflators are bundled, so any growth
  rate computed from them is nominal;
* the regional files hold a national row (``region_code == "national"``) and the output file a
  ``TOTAL`` section: both are dropped by default, so summing the frame does not double count;
* in the regional employment file ``employed_total_thousand`` is in thousands while the three
  broad-sector columns are in persons: everything is returned in persons;
* section T (households as employers) appears in GVA every year but in regional output only
  for 2025, and never in employment: dropped from output unless asked for, so that the years
  are comparable;
* the latest year (2025) is probably preliminary: the ``preliminary`` column flags it (the
  files carry no flag; BNS revises its latest annual figures).

>>> from creative_econ.datasets._kazakhstan import kazakhstan_gva_by_section
>>> gva = kazakhstan_gva_by_section()
>>> gva.query("section == 'J' and year == 2025")["gva_mln_kzt"].item()
4076628.7
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources

import pandas as pd

from ..errors import UnknownRegionError, UnknownSectorError

__all__ = [
    "CREATIVE_PROXY_SECTIONS",
    "KAZAKHSTAN_REGIONS",
    "LATEST_YEAR",
    "kazakhstan_employment_by_region",
    "kazakhstan_employment_by_section",
    "kazakhstan_gva_by_section",
    "kazakhstan_output_by_region",
]

#: OKED sections used as creative proxies (METHODS §9.1): information and communication,
#: professional, scientific and technical activities, arts, entertainment and recreation.
CREATIVE_PROXY_SECTIONS: tuple[str, ...] = ("J", "M", "R")
#: The latest year in the bundled files; probably preliminary.
LATEST_YEAR = 2025
#: The 20 regional units after the 2022 reform (17 regions and 3 cities), as coded in the files.
KAZAKHSTAN_REGIONS: tuple[str, ...] = (
    "ABY",
    "AKM",
    "AKT",
    "ALA",
    "ALM",
    "AST",
    "ATY",
    "KRG",
    "KST",
    "KZL",
    "MNG",
    "PVL",
    "SHM",
    "SKO",
    "TRK",
    "ULT",
    "VKO",
    "ZHM",
    "ZHT",
    "ZKO",
)
_NATIONAL = "national"
_SOURCE = "Bureau of National Statistics of the Republic of Kazakhstan (BNS ASPR RK)"
_FILES = {
    "gva": "kz_bns_gva_by_oked_section_national_2015_2025.csv",
    "employment": "kz_bns_employed_population_by_section_national_2010_2025.csv",
    "output_regions": "kz_bns_output_by_region_oked_section_2022_2025.csv",
    "employment_regions": "kz_bns_employed_by_region_broad_sector_2022_2025.csv",
}
#: Broad sectors of the regional employment file: column -> (code, name).
_BROAD = {
    "employed_agriculture_A_persons": ("A", "Agriculture, forestry and fishing"),
    "employed_industry_and_construction_BCDEF_persons": ("B-F", "Industry and construction"),
    "employed_services_G_to_U_persons": ("G-U", "Services"),
}


@cache
def _raw(key: str) -> pd.DataFrame:
    with resources.files(__package__).joinpath("data", _FILES[key]).open("rb") as fh:
        return pd.read_csv(fh)


def _select(
    frame: pd.DataFrame, column: str, wanted: Iterable[str] | None, kind: str, where: str
) -> pd.DataFrame:
    if wanted is None:
        return frame
    wanted = [wanted] if isinstance(wanted, str) else list(wanted)
    valid = list(dict.fromkeys(frame[column]))
    for code in wanted:
        if code not in valid:
            error = UnknownSectorError if kind == "sector" else UnknownRegionError
            raise error(code, valid, where=where)
    return frame[frame[column].isin(wanted)]


def _finish(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.reset_index(drop=True)
    out["preliminary"] = out["year"] == LATEST_YEAR
    return out


def kazakhstan_gva_by_section(*, sections: Iterable[str] | None = None) -> pd.DataFrame:
    """National gross value added by OKED section, 2015-2025, million KZT at current prices.

    Parameters
    ----------
    sections : iterable of str, optional
        OKED section letters to keep (A-T); all by default.

    Returns
    -------
    DataFrame
        Columns ``year, section, section_name, gva_mln_kzt, preliminary``. Sections only: the
        file's aggregate rows (GVA, taxes and subsidies on products, GDP) are left out; the
        sections sum to the published GVA.

    Raises
    ------
    UnknownSectorError
        A section is not in the file.
    """
    raw = _raw("gva")
    sections_only = raw[raw["item_code"].str.fullmatch(r"[A-Z]")]
    out = sections_only.rename(
        columns={
            "item_code": "section",
            "item_name_en": "section_name",
            "value_mln_kzt_current_prices": "gva_mln_kzt",
        }
    )
    out = _select(out, "section", sections, "sector", "the Kazakhstan GVA by section")
    return _finish(out[["year", "section", "section_name", "gva_mln_kzt"]])


def kazakhstan_employment_by_section(
    *, sections: Iterable[str] | None = None, aggregates: bool = False
) -> pd.DataFrame:
    """Employed population by OKED section, 2010-2025, thousand persons (labour-force survey).

    Parameters
    ----------
    sections : iterable of str, optional
        Sections to keep (A-S; T is not published); all by default.
    aggregates : bool, default False
        Keep the file's aggregate rows ``IND`` (industry, B-E) and ``TOTAL``.

    Returns
    -------
    DataFrame
        Columns ``year, section, section_name, employed_thousand, preliminary``. The 2010 and
        2011 figures are published to one decimal place, later years to three.

    Raises
    ------
    UnknownSectorError
        A section is not in the file.
    """
    raw = _raw("employment")
    out = raw.rename(
        columns={
            "oked_section": "section",
            "section_name_en": "section_name",
            "employed_thousand_persons": "employed_thousand",
        }
    )
    if not aggregates:
        out = out[out["section"].str.fullmatch(r"[A-Z]")]
    out = _select(out, "section", sections, "sector", "the Kazakhstan employment by section")
    return _finish(out[["year", "section", "section_name", "employed_thousand"]])


def kazakhstan_output_by_region(
    *,
    regions: Iterable[str] | None = None,
    sections: Iterable[str] | None = None,
    national: bool = False,
    totals: bool = False,
    section_t: bool = False,
) -> pd.DataFrame:
    """Gross output by region and OKED section, 2022-2025, million KZT at current prices.

    The 20 regional units after the 2022 reform (Abai, Jetisu and Ulytau included), so the
    series starts in 2022.

    Parameters
    ----------
    regions, sections : iterable of str, optional
        Region codes (``KAZAKHSTAN_REGIONS``) and section letters to keep.
    national : bool, default False
        Keep the national row (``region == "national"``, the sum of the regions).
    totals : bool, default False
        Keep the ``TOTAL`` section (the sum of the sections).
    section_t : bool, default False
        Keep section T, published in this file for 2025 only.

    Returns
    -------
    DataFrame
        Columns ``year, region, region_name, section, section_name, output_mln_kzt,
        preliminary``.

    Raises
    ------
    UnknownRegionError, UnknownSectorError
        A region or section is not in the file.
    """
    raw = _raw("output_regions")
    out = raw.rename(
        columns={
            "region_code": "region",
            "region_name_en": "region_name",
            "oked_section": "section",
            "section_name_en": "section_name",
            "gross_output_mln_kzt_current_prices": "output_mln_kzt",
        }
    )
    if not national:
        out = out[out["region"] != _NATIONAL]
    if not totals:
        out = out[out["section"] != "TOTAL"]
    if not section_t:
        out = out[out["section"] != "T"]
    out = _select(out, "region", regions, "region", "the Kazakhstan output by region")
    out = _select(out, "section", sections, "sector", "the Kazakhstan output by region")
    return _finish(
        out[["year", "region", "region_name", "section", "section_name", "output_mln_kzt"]]
    )


def kazakhstan_employment_by_region(
    *, regions: Iterable[str] | None = None, national: bool = False
) -> pd.DataFrame:
    """Employed population by region in three broad sectors, 2022-2025, persons.

    Parameters
    ----------
    regions : iterable of str, optional
        Region codes to keep.
    national : bool, default False
        Keep the national row (``region == "national"``).

    Returns
    -------
    DataFrame
        Columns ``year, region, region_name, sector, sector_name, employed, preliminary``
        with sector ``"A"`` (agriculture, forestry and fishing), ``"B-F"`` (industry and
        construction) and ``"G-U"`` (services), in persons. The file's total is in thousands;
        the three sectors sum to it exactly (checked when the file was bundled), so it is
        left out.

    Raises
    ------
    UnknownRegionError
        A region is not in the file.
    """
    raw = _raw("employment_regions")
    frame = raw.rename(columns={"region_code": "region", "region_name_en": "region_name"})
    if not national:
        frame = frame[frame["region"] != _NATIONAL]
    frame = _select(frame, "region", regions, "region", "the Kazakhstan employment by region")
    long = frame.melt(
        id_vars=["year", "region", "region_name"],
        value_vars=list(_BROAD),
        var_name="column",
        value_name="employed",
    )
    long["sector"] = long["column"].map({k: v[0] for k, v in _BROAD.items()})
    long["sector_name"] = long["column"].map({k: v[1] for k, v in _BROAD.items()})
    long["employed"] = long["employed"].astype(float)
    long = long.sort_values(["year", "region", "sector"], kind="stable")
    return _finish(long[["year", "region", "region_name", "sector", "sector_name", "employed"]])
