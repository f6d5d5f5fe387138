r"""Kazakhstan hybrid input-output tables and regional data (loaders for the registry).

**The hybrid tables are not official.** No Kazakhstan inter-industry matrix is available
offline, so ``kazakhstan_hybrid_<year>`` combines (details in
``PROVENANCE_kazakhstan_hybrid.md`` and on the docs page *Datasets → Kazakhstan*):

* **Kazakh and official (BNS):** output, GVA, compensation of employees and employment by
  OKED section, so intermediate consumption $IC = x - \text{GVA}$; the table hits these
  totals exactly;
* **ADB MRIO (an estimate built on national supply and use tables):** Kazakhstan's domestic
  intermediate sales, domestic final sales and exports by sector, as shares of output applied
  to BNS output, and the aggregate import share of intermediate inputs;
* **borrowed from Uzbekistan's official 2022 table** (the *donor*): the inter-industry
  pattern (domestic input coefficients, imports separated by import proportionality), the
  spread of imported inputs across columns, the household share of domestic final sales, and
  the creative sub-sector detail of sections J, M and R;
* **balanced (GRAS):** the domestic intermediate block, to the ADB rows and the BNS columns;
  a residual primary-input row closes each column.

Sectors are OKED sections (A-S; section T, households as employers, folded into S) with
sections J, M and R split into creative sub-sectors (:data:`HYBRID_SECTORS`). Values in
**million KZT at current basic prices**; employment in **persons**.

The tables are built by :mod:`creative_econ.datasets.build` from the bundled source files and
stored in ``data/kz_hybrid_<year>.csv`` (values) and ``.json`` (notes); a test rebuilds them.

>>> from creative_econ.datasets._kazakhstan_hybrid import kazakhstan_hybrid
>>> t = kazakhstan_hybrid(2023)
>>> t.n, t.unit
(26, 'million KZT')
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from typing import IO, TYPE_CHECKING

import numpy as np
import pandas as pd

from ..errors import (
    CreativeEconWarning,
    InvalidParameterError,
    InvalidTableError,
    UnknownRegionError,
    UnknownSectorError,
)
from ..leontief._types import FloatArray
from ..leontief.balancing import ras

if TYPE_CHECKING:  # pragma: no cover
    from ..regional.data import RegionalData
    from ..table import IOTable

__all__ = [
    "CREATIVE_SUBSECTORS",
    "DIVISION_SECTIONS",
    "HYBRID_LABELS",
    "HYBRID_PRODUCT_GROUPS",
    "HYBRID_SECTORS",
    "HYBRID_YEARS",
    "PLAUSIBLE_TYPE_I_OUTPUT",
    "REGION_YEARS",
    "SECTIONS",
    "SECTION_LABELS",
    "SPLITS",
    "adb_mrio_kazakhstan",
    "check_plausible",
    "employment_by_region_section",
    "kazakhstan_compensation_by_section",
    "kazakhstan_creative_figures",
    "kazakhstan_hybrid",
    "kazakhstan_hybrid_2022",
    "kazakhstan_hybrid_2023",
    "kazakhstan_hybrid_2024",
    "kazakhstan_production_account",
    "kazakhstan_regions",
    "kazakhstan_regions_2022",
    "kazakhstan_regions_2023",
    "kazakhstan_regions_2024",
    "kazakhstan_regions_2025",
    "oked_section",
    "uk2010_sector_map",
]

#: Years with a hybrid table (ADB MRIO ends in 2022; 2023 and 2024 use its 2022 shares).
HYBRID_YEARS: tuple[int, ...] = (2022, 2023, 2024)
#: Years of the bundled regional data (20 regions, post-2022 borders); 2025 is preliminary.
REGION_YEARS: tuple[int, ...] = (2022, 2023, 2024, 2025)

#: OKED (NK RK 03-2019) sections A-S and their English names. Section T (activities of
#: households as employers) is folded into S in the hybrid tables; U (extraterritorial
#: organisations) has no activity in the data.
SECTION_LABELS: dict[str, str] = {
    "A": "Agriculture, forestry and fishing",
    "B": "Mining and quarrying",
    "C": "Manufacturing",
    "D": "Electricity, gas, steam and air conditioning supply",
    "E": "Water supply; sewerage, waste management and remediation",
    "F": "Construction",
    "G": "Wholesale and retail trade; repair of motor vehicles",
    "H": "Transportation and storage",
    "I": "Accommodation and food service activities",
    "J": "Information and communication",
    "K": "Financial and insurance activities",
    "L": "Real estate activities",
    "M": "Professional, scientific and technical activities",
    "N": "Administrative and support service activities",
    "O": "Public administration and defence; compulsory social security",
    "P": "Education",
    "Q": "Human health and social work activities",
    "R": "Arts, entertainment and recreation",
    "S": "Other service activities (incl. T, households as employers)",
}
SECTIONS: tuple[str, ...] = tuple(SECTION_LABELS)

#: Sections split into sub-sectors, and the OKED divisions of each sub-sector.
SPLITS: dict[str, dict[str, tuple[int, ...]]] = {
    "J": {"J58-60": (58, 59, 60), "J62-63": (62, 63), "J_other": (61,)},
    "M": {"M71": (71,), "M73": (73,), "M74": (74,), "M_other": (69, 70, 72, 75)},
    "R": {"R90": (90,), "R91": (91,), "R92-93": (92, 93)},
}
_SUB_LABELS = {
    "J58-60": "Publishing, film, video, TV, music and broadcasting (J58-60)",
    "J62-63": "Computer programming, consultancy and information services (J62-63)",
    "J_other": "Telecommunications (J61)",
    "M71": "Architectural and engineering activities; technical testing (M71)",
    "M73": "Advertising and market research (M73)",
    "M74": "Specialised design, photography, translation and other (M74)",
    "M_other": "Legal, accounting, head offices, consultancy, R&D, veterinary (M69-70, M72, M75)",
    "R90": "Creative, arts and entertainment activities (R90)",
    "R91": "Libraries, archives, museums and other cultural activities (R91)",
    "R92-93": "Gambling and betting; sports, amusement and recreation (R92-93)",
}
#: The 26 sectors of the hybrid tables, in order.
HYBRID_SECTORS: tuple[str, ...] = tuple(s for sec in SECTIONS for s in SPLITS.get(sec, (sec,)))
#: English names of the hybrid sectors.
HYBRID_LABELS: dict[str, str] = {
    s: _SUB_LABELS.get(s, SECTION_LABELS.get(s, s)) for s in HYBRID_SECTORS
}
#: Goods (sections A-E) or services (F-S) for each hybrid sector: the product groups of
#: distance decay in a multiregional trade model (``product_groups=``).
HYBRID_PRODUCT_GROUPS: dict[str, str] = {
    s: "goods" if s[0] in "ABCDE" else "services" for s in HYBRID_SECTORS
}
#: Sub-sectors that are creative on the DCMS/UNESCO-type definitions (R92-93, M_other and
#: J_other are not).
CREATIVE_SUBSECTORS: tuple[str, ...] = ("J58-60", "J62-63", "M71", "M73", "M74", "R90", "R91")

_SECTION_DIVISIONS = {
    "A": (1, 3),
    "B": (5, 9),
    "C": (10, 33),
    "D": (35, 35),
    "E": (36, 39),
    "F": (41, 43),
    "G": (45, 47),
    "H": (49, 53),
    "I": (55, 56),
    "J": (58, 63),
    "K": (64, 66),
    "L": (68, 68),
    "M": (69, 75),
    "N": (77, 82),
    "O": (84, 84),
    "P": (85, 85),
    "Q": (86, 88),
    "R": (90, 93),
    "S": (94, 96),
    "T": (97, 98),
    "U": (99, 99),
}
#: OKED (NK RK 03-2019, = NACE Rev.2) division -> section, for the 88 divisions.
DIVISION_SECTIONS: dict[int, str] = {
    d: sec
    for sec, (lo, hi) in _SECTION_DIVISIONS.items()
    for d in range(lo, hi + 1)
    if d not in (4, 34, 40, 44, 48, 54, 57, 67, 76, 83, 89)
}
_OKED_SECTIONS = tuple(_SECTION_DIVISIONS)

#: Documented plausible range of national Type I output multipliers of the hybrid sectors; a
#: sector outside it raises a CreativeEconWarning when a table is built or loaded. The envelope
#: of published national tables (METHODS §8: creative products 1.4-1.9 in the UK 2010 table;
#: Eurostat manual 1.38-1.84), widened for a section-level table of a small open economy whose
#: services buy few domestic inputs.
PLAUSIBLE_TYPE_I_OUTPUT: tuple[float, float] = (1.05, 2.5)

UNIT = "million KZT"
EMPLOYMENT_UNIT = "persons"
_BNS = "Bureau of National Statistics of the Republic of Kazakhstan (BNS ASPR RK)"


# ---------------------------------------------------------------------------- files
def _open(filename: str) -> IO[bytes]:
    return resources.files(__package__).joinpath("data", filename).open("rb")


@cache
def _csv(filename: str, text_columns: tuple[str, ...]) -> pd.DataFrame:
    with _open(filename) as fh:
        return pd.read_csv(fh, dtype=dict.fromkeys(text_columns, str) or None)


def read_bundled(filename: str, *, text_columns: Iterable[str] = ()) -> pd.DataFrame:
    """A bundled data file as published (a new frame each call).

    ``text_columns`` are read as strings (codes such as ``"01"`` keep their zeros).
    """
    return _csv(filename, tuple(text_columns)).copy()


def _check_year(year: object, valid: tuple[int, ...], what: str) -> int:
    if isinstance(year, bool) or not isinstance(year, int | np.integer) or int(year) not in valid:
        raise InvalidParameterError("year", year, f"one of {', '.join(map(str, valid))} ({what})")
    return int(year)


def oked_section(code: object) -> str:
    """The OKED section of a section letter, a division or a product/activity code.

    Accepts a section letter (``"J"``), a division (``58``, ``"58"``), or a code that starts
    with a division, with or without a section letter (``"59.11"``, ``"J59"``, ``"5911"``,
    ``"КПВЭД 62-63"`` is not accepted: strip the prefix first).

    Raises
    ------
    UnknownSectorError
        The code is not an OKED section or does not start with an OKED division.
    """
    text = str(code).strip()
    valid = list(_OKED_SECTIONS)
    if len(text) == 1 and text.isalpha():
        letter = text.upper().replace("\u0410", "A")
        if letter in _OKED_SECTIONS:
            return letter
        raise UnknownSectorError(code, valid, where="the OKED sections (NK RK 03-2019)")
    body = text[1:].lstrip() if text[:1].isalpha() else text
    digits = body[:2]
    if len(digits) == 2 and digits.isdigit() and int(digits) in DIVISION_SECTIONS:
        section = DIVISION_SECTIONS[int(digits)]
        letter = text[:1].upper().replace("\u0410", "A") if text[:1].isalpha() else section
        if letter == section:
            return section
    raise UnknownSectorError(code, valid, where="the OKED sections and divisions (NK RK 03-2019)")


# ---------------------------------------------------------------------------- tidy sources
def kazakhstan_production_account(
    *, national: bool = False, regions: Iterable[str] | None = None
) -> pd.DataFrame:
    """Production account by region, 2022-2025, million KZT at current prices (BNS).

    Columns ``year, region, region_name, output, intermediate_consumption, gva,
    net_taxes_on_products, grp, preliminary``; GVA at basic prices, GRP = GVA + net taxes on
    products. The 20 regions sum to the national row (dropped unless ``national=True``),
    and output - intermediate consumption = GVA in every row (checked by the tests).

    Raises
    ------
    UnknownRegionError
        A region is not in the file.
    """
    raw = read_bundled("kz_bns_production_account_by_region_2022_2025.csv")
    out = raw.rename(
        columns={
            "region_code": "region",
            "region_name_en": "region_name",
            "gross_output_mln_kzt": "output",
            "intermediate_consumption_mln_kzt": "intermediate_consumption",
            "gva_basic_prices_mln_kzt": "gva",
            "net_taxes_on_products_mln_kzt": "net_taxes_on_products",
            "grp_mln_kzt": "grp",
        }
    )
    if not national:
        out = out[out["region"] != "national"]
    if regions is not None:
        wanted = [regions] if isinstance(regions, str) else list(regions)
        valid = list(dict.fromkeys(out["region"]))
        for r in wanted:
            if r not in valid:
                raise UnknownRegionError(r, valid, where="the Kazakhstan production account")
        out = out[out["region"].isin(wanted)]
    out = out.reset_index(drop=True)
    out["preliminary"] = out["year"] == max(REGION_YEARS)
    return out


def kazakhstan_compensation_by_section() -> pd.DataFrame:
    """Compensation of employees by OKED section, national, 2015-2025, million KZT (BNS).

    Columns ``year, section, section_name, compensation_mln_kzt, preliminary``; the file's
    ``TOTAL`` row is left out (the sections A-T sum to it).
    """
    raw = read_bundled("kz_bns_compensation_of_employees_by_section_national_2015_2025.csv")
    out = (
        raw[raw["oked_section"].str.fullmatch(r"[A-Z]")]
        .rename(
            columns={
                "oked_section": "section",
                "section_name_en": "section_name",
                "compensation_of_employees_mln_kzt": "compensation_mln_kzt",
            }
        )
        .reset_index(drop=True)
    )
    out["preliminary"] = out["year"] == max(REGION_YEARS)
    return out


def kazakhstan_creative_figures(*, definition: str | None = None) -> pd.DataFrame:
    """Published creative-industry figures for Kazakhstan, with their sources and definitions.

    The figures use **different definitions** and cannot be compared with each other, or with
    the hybrid table's creative sub-sectors, without saying so: about 1% of GDP and 134-150
    thousand employed on the Ministry of Culture and Information's list (12 areas, 43
    activities); 2.67% of GDP in 2020 on UNDP's broad definition; about 2.7% on other broad
    definitions (CIAQ, academic). The ``definition`` column classifies each row from its
    ``definition_or_scope``: ``"UNDP"``; ``"MCI"`` (the Ministry's list); ``"broad_other"``
    (other broad definitions: CIAQ, academic, incl. tourism and sports); ``"other"`` (the
    President's address, the AIFC + Dasco report, the 2021 MNE + BNS proposal).

    Parameters
    ----------
    definition : {"MCI", "UNDP", "broad_other", "other"}, optional
        Keep one definition only.
    """
    raw = read_bundled("kz_creative_industries_published_figures.csv")
    scope = raw["definition_or_scope"].str.lower()
    kind = np.select(
        [
            scope.str.contains("undp"),
            scope.str.startswith(("mci definition", "ministry of culture and information (mci)")),
            scope.str.contains("broad"),
        ],
        ["UNDP", "MCI", "broad_other"],
        default="other",
    )
    out = raw.assign(definition=kind)
    if definition is not None:
        valid = ("MCI", "UNDP", "broad_other", "other")
        if definition not in valid:
            from ..errors import InvalidOptionError

            raise InvalidOptionError("definition", definition, valid)
        out = out[out["definition"] == definition]
    return out.reset_index(drop=True)


def adb_mrio_kazakhstan(*, economy: str = "KAZ") -> pd.DataFrame:
    """ADB MRIO sector aggregates (35 sectors, 2017-2022, USD million) for one economy.

    Columns as published (``gross_output``, ``domestic_intermediate_sales``, ...); exports
    were recomputed as total - domestic sales by the repository the file comes from.
    """
    raw = read_bundled("adb_mrio_kaz_kgz_sector_aggregates_2017_2022_usd_mln.csv")
    if economy not in set(raw["economy"]):
        raise UnknownRegionError(economy, sorted(set(raw["economy"])), where="the ADB file")
    return raw[raw["economy"] == economy].reset_index(drop=True)


def uk2010_sector_map() -> dict[str, str]:
    """UK IOAT 2010 product codes -> Kazakhstan hybrid sector codes.

    For translating spending profiles built on ``uk_ioat_2010`` (``sector_system``
    uk_ioat_2010) to the hybrid tables, e.g.
    ``profile.final_demand(spend, table=kz, sector_map=uk2010_sector_map())``. Products map by
    their NACE Rev.2 division (non-market and NPISH products with their division; 97,
    households as employers, to S). From ``data/uk2010_to_kz_hybrid_sectors.csv``.
    """
    frame = read_bundled("uk2010_to_kz_hybrid_sectors.csv", text_columns=("uk_code", "divisions"))
    return dict(zip(frame["uk_code"], frame["hybrid_sector"], strict=True))


# ---------------------------------------------------------------------------- hybrid tables
@cache
def _stored(year: int) -> tuple[pd.DataFrame, dict]:
    values = read_bundled(f"kz_hybrid_{year}.csv", text_columns=("row", "column"))
    with _open(f"kz_hybrid_{year}.json") as fh:
        meta = json.load(fh)
    return values, meta


def hybrid_from_long(values: pd.DataFrame, meta: Mapping[str, object]) -> IOTable:
    """Rebuild an IOTable from the stored long frame (``block, row, column, value``)."""
    from ..households import Households
    from ..table import IOTable

    sectors = pd.Index(meta["sectors"], name="sector")

    def block(name: str) -> pd.DataFrame:
        part = values[values["block"] == name]
        return part.pivot(index="row", columns="column", values="value")

    def vector(name: str) -> pd.Series:
        part = values[values["block"] == name].set_index("column")["value"]
        return part.reindex(sectors).astype(float)

    Z = (
        block("Z")
        .reindex(index=sectors, columns=sectors)
        .rename_axis(index="sector", columns="sector")
    )
    fd = block("final_demand").reindex(index=sectors, columns=meta["final_demand"])
    va = block("value_added").reindex(index=meta["value_added"], columns=sectors)
    other = block("other_inputs").reindex(index=meta["other_inputs"], columns=sectors)
    hh = meta["households"]
    return IOTable.from_frames(
        Z=Z.rename_axis(columns=None),
        final_demand=fd.rename_axis(index="sector", columns=None),
        value_added=va.rename_axis(index="component", columns=None),
        imports=vector("imports"),
        output=vector("output"),
        employment=vector("employment"),
        households=Households(
            consumption=hh["consumption"], income=hh["income"], imports=float(hh["imports"])
        ),
        labels=pd.Series(HYBRID_LABELS).reindex(sectors),
        other_inputs=other.rename_axis(index="input", columns=None),
        name=str(meta["name"]),
        unit=UNIT,
        year=int(meta["year"]),
        employment_unit=EMPLOYMENT_UNIT,
        source=str(meta["source"]),
        rtol=1e-9,
        notes=tuple(meta["notes"]),
    )


def check_plausible(
    table: IOTable, bounds: tuple[float, float] = PLAUSIBLE_TYPE_I_OUTPUT
) -> pd.Series:
    """Type I output multipliers, warning for any outside the documented plausible range.

    Returns
    -------
    Series
        The multipliers by sector.

    Warns
    -----
    CreativeEconWarning
        A sector's Type I output multiplier lies outside ``bounds``.
    """
    m = table.multipliers(type="I")["output"]
    lo, hi = bounds
    out = m[(m < lo) | (m > hi)]
    if len(out):
        warnings.warn(
            f"Type I output multipliers of {table.name!r} outside the plausible range "
            f"[{lo}, {hi}]: " + ", ".join(f"{k} {v:.3f}" for k, v in out.items()) + ".",
            CreativeEconWarning,
            stacklevel=2,
        )
    return m


@cache
def _hybrid(year: int) -> IOTable:
    values, meta = _stored(year)
    table = hybrid_from_long(values, meta)
    check_plausible(table)
    return table


def kazakhstan_hybrid(year: int) -> IOTable:
    """The hybrid Kazakhstan table of a year (2022-2024), as stored by the build.

    Raises
    ------
    InvalidParameterError
        No hybrid table for that year.
    """
    return _hybrid(_check_year(year, HYBRID_YEARS, "years with a hybrid table"))


def kazakhstan_hybrid_2022() -> IOTable:
    """Hybrid Kazakhstan table 2022 (see :func:`kazakhstan_hybrid`)."""
    return kazakhstan_hybrid(2022)


def kazakhstan_hybrid_2023() -> IOTable:
    """Hybrid Kazakhstan table 2023 (see :func:`kazakhstan_hybrid`)."""
    return kazakhstan_hybrid(2023)


def kazakhstan_hybrid_2024() -> IOTable:
    """Hybrid Kazakhstan table 2024 (see :func:`kazakhstan_hybrid`)."""
    return kazakhstan_hybrid(2024)


# ---------------------------------------------------------------------------- regional data
_BROAD_GROUPS = {
    "A": ("A",),
    "B-F": ("B", "C", "D", "E", "F"),
    "G-U": ("G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R", "S"),
}


def _fold_t(frame: pd.DataFrame) -> pd.DataFrame:
    """Region x section frame with section T (2025 only) added to S."""
    out = frame.copy()
    if "T" in out.columns:
        out["S"] = out["S"] + out.pop("T")
    return out.reindex(columns=list(SECTIONS))


def employment_by_region_section(
    output: FloatArray,
    national_employment: FloatArray,
    broad_totals: FloatArray,
    groups: np.ndarray,
) -> tuple[FloatArray, FloatArray]:
    r"""Employment by region and section from output and broad-sector employment totals.

    The prior gives each region the nation's output per worker of the section,

    $$ E^0_{rs} = x_{rs}\,\frac{E_s}{x_s}, \qquad x_s = \sum_r x_{rs}, $$

    and within each broad sector $g$ (a group of sections) it is balanced by RAS so that every
    region has its published broad-sector total $B_{rg}$ and every section its national total
    $E_s$: regions then sum to the nation and each region's broad sectors match the published
    figures. When the regional broad totals and the national section totals of a group differ
    (by rounding), the regional totals are scaled by $\sum_s E_s / \sum_r B_{rg}$ first; the
    factors are returned.

    Parameters
    ----------
    output : array_like of shape (R, S)
        Output by region and section.
    national_employment : array_like of shape (S,)
        $E_s$, national employment by section.
    broad_totals : array_like of shape (R, G)
        $B_{rg}$, employment by region and broad sector.
    groups : array_like of int, shape (S,)
        Broad sector (column of ``broad_totals``) of each section.

    Returns
    -------
    (employment, factors) : ndarray of shape (R, S), ndarray of shape (G,)

    Raises
    ------
    InvalidTableError
        A section with employment but no output anywhere, or shapes that disagree.
    ConvergenceError
        A region has employment in a broad sector but no output in any of its sections.
    """
    X = np.asarray(output, dtype=float)
    E = np.asarray(national_employment, dtype=float)
    B = np.asarray(broad_totals, dtype=float)
    g = np.asarray(groups, dtype=int)
    if X.shape[1] != E.shape[0] or g.shape != E.shape or B.shape[0] != X.shape[0]:
        raise InvalidTableError("Shapes of output, employment, broad totals and groups differ.")
    xs = X.sum(axis=0)
    if ((xs <= 0) & (E > 0)).any():
        s = int(np.flatnonzero((xs <= 0) & (E > 0))[0])
        raise InvalidTableError(f"Section at position {s} has employment but no output.")
    per_output = np.zeros_like(E)
    np.divide(E, xs, out=per_output, where=xs > 0)
    prior = X * per_output
    out = np.zeros_like(X)
    factors = np.ones(B.shape[1])
    for k in range(B.shape[1]):
        cols = np.flatnonzero(g == k)
        if not len(cols):
            continue
        rows = B[:, k]
        factors[k] = E[cols].sum() / rows.sum()
        res = ras(prior[:, cols], rows * factors[k], E[cols], tol=1e-12)
        out[:, cols] = res.X
    return out, factors


def _regional_sections(year: int) -> tuple[pd.DataFrame, pd.DataFrame, pd.Series]:
    """Output and derived employment by region x section, and the RAS scaling factors."""
    from ._kazakhstan import (
        KAZAKHSTAN_REGIONS,
        kazakhstan_employment_by_region,
        kazakhstan_employment_by_section,
        kazakhstan_output_by_region,
    )

    out = kazakhstan_output_by_region(section_t=True)
    out = (
        out[out["year"] == year]
        .pivot(index="region", columns="section", values="output_mln_kzt")
        .fillna(0.0)
    )
    output = _fold_t(out).reindex(list(KAZAKHSTAN_REGIONS))
    broad = kazakhstan_employment_by_region()
    broad = broad[broad["year"] == year].pivot(index="region", columns="sector", values="employed")
    broad = broad.reindex(index=output.index, columns=list(_BROAD_GROUPS))
    emp = kazakhstan_employment_by_section()
    national = (
        emp[emp["year"] == year].set_index("section")["employed_thousand"].reindex(list(SECTIONS))
        * 1000.0
    )
    group_of = {s: k for k, (_, secs) in enumerate(_BROAD_GROUPS.items()) for s in secs}
    groups = np.array([group_of[s] for s in SECTIONS])
    values, factors = employment_by_region_section(
        output.to_numpy(), national.to_numpy(), broad.to_numpy(), groups
    )
    employment = pd.DataFrame(values, index=output.index, columns=output.columns)
    return output, employment, pd.Series(factors, index=list(_BROAD_GROUPS))


def _subsector_shares(year: int) -> tuple[pd.Series, pd.Series, int]:
    """Output and employment shares of each hybrid sector in its section (national)."""
    table_year = min(year, max(HYBRID_YEARS))
    t = kazakhstan_hybrid(table_year)
    section = pd.Series(
        {s: next((p for p, subs in SPLITS.items() if s in subs), s) for s in HYBRID_SECTORS}
    )
    x = t.x.reindex(list(HYBRID_SECTORS))
    e = t.employment.reindex(list(HYBRID_SECTORS))
    xs = x / x.groupby(section).transform("sum")
    es = e / e.groupby(section).transform("sum")
    return xs, es, table_year


def _to_hybrid(frame: pd.DataFrame, shares: pd.Series) -> pd.DataFrame:
    cols = {}
    for s in HYBRID_SECTORS:
        parent = next((p for p, subs in SPLITS.items() if s in subs), s)
        cols[s] = frame[parent] * float(shares[s])
    return pd.DataFrame(cols, index=frame.index)


def kazakhstan_regions(
    year: int, *, regions: Iterable[str] | None = None, detail: str = "hybrid"
) -> RegionalData:
    r"""Output and employment by region (20, post-2022 borders) for a regional model.

    * **Output** (official, BNS): gross output by region and OKED section, million KZT at
      current prices; section T (published for 2025 only) is added to S. With
      ``detail="hybrid"`` the sections J, M and R are split into the hybrid table's
      sub-sectors by their *national* output shares (those of the hybrid table of the year,
      2024's for 2025): regional creative detail is not data.
    * **Employment** (derived, persons): BNS publishes employment by region in three broad
      sectors (A, B-F, G-U) and nationally by section. Each region-section cell starts from
      the nation's output per worker of the section, $E^0_{rs} = x_{rs} E_s / x_s$, and is then
      balanced by RAS within each broad sector so that each region matches its published
      broad-sector total and each section its national total
      (:func:`employment_by_region_section`). Sub-sectors
      take national employment shares.
    * **Centres** and **names** from the Kazakhstan region registry
      (:func:`creative_econ.regional.kazakhstan.kz_centres`).

    Parameters
    ----------
    year : {2022, 2023, 2024, 2025}
        2025 is preliminary.
    regions : iterable of str, optional
        Codes or names of regions to keep (e.g. ``["Abai", "Kyzylorda"]``); all 20 by default.
    detail : {"hybrid", "section"}, default "hybrid"
        Sectors of the hybrid tables (26), or OKED sections A-S (19).

    Returns
    -------
    RegionalData

    Raises
    ------
    InvalidParameterError
        No regional data for that year.
    UnknownRegionError
        A region is not in the registry of the 2022 borders.
    InvalidOptionError
        ``detail`` is not ``"hybrid"`` or ``"section"``.

    Examples
    --------
    >>> reg = kazakhstan_regions(2023)
    >>> len(reg.regions), reg.border_vintage, reg.employment_unit
    (20, 'KZ-2022', 'persons')
    """
    from .._labels import check_option
    from ..regional.data import RegionalData
    from ..regional.kazakhstan import kz_centres, kz_region, kz_regions

    year = _check_year(year, REGION_YEARS, "years of the regional data")
    check_option("detail", detail, ("hybrid", "section"))
    output, employment, _ = _regional_sections(year)
    source = (
        f"{_BNS}: gross output by region and OKED section (element 81477, official); "
        "employment by region x section DERIVED from employment by region in three "
        "broad sectors (elements 443430/443435/443438) and national employment by "
        "section (element 5831): national output per worker, balanced by RAS to both"
    )
    if detail == "hybrid":
        xs, es, table_year = _subsector_shares(year)
        output = _to_hybrid(output, xs)
        employment = _to_hybrid(employment, es)
        source += (
            f"; sections J, M, R split by the national sub-sector shares of "
            f"kazakhstan_hybrid_{table_year} (borrowed from Uzbekistan 2022)"
        )
    if regions is not None:
        wanted = [regions] if isinstance(regions, str) else list(regions)
        codes = [kz_region(r, vintage="KZ-2022").code for r in wanted]
        output, employment = output.loc[codes], employment.loc[codes]
    names = kz_regions("KZ-2022")["name_en"].reindex(output.index)
    return RegionalData(
        output=output.rename_axis(index="region", columns="sector"),
        employment=employment.rename_axis(index="region", columns="sector"),
        centres=kz_centres("KZ-2022").reindex(output.index),
        names=names,
        year=year,
        border_vintage="KZ-2022",
        unit=UNIT,
        employment_unit=EMPLOYMENT_UNIT,
        source=source,
    )


def kazakhstan_regions_2022() -> RegionalData:
    """Regional data 2022 (see :func:`kazakhstan_regions`)."""
    return kazakhstan_regions(2022)


def kazakhstan_regions_2023() -> RegionalData:
    """Regional data 2023 (see :func:`kazakhstan_regions`)."""
    return kazakhstan_regions(2023)


def kazakhstan_regions_2024() -> RegionalData:
    """Regional data 2024 (see :func:`kazakhstan_regions`)."""
    return kazakhstan_regions(2024)


def kazakhstan_regions_2025() -> RegionalData:
    """Regional data 2025, preliminary (see :func:`kazakhstan_regions`)."""
    return kazakhstan_regions(2025)
