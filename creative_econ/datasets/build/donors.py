r"""Donor tables: the real tables whose inter-industry structure the hybrid borrows.

A :class:`Donor` holds one published table at its own product detail, with domestic flows at
basic prices, mapped product by product to OKED divisions, sections, hybrid sectors and ADB
MRIO sectors through explicit concordance files:

* ``"uzbekistan"``: the official 2022 table of the Statistics Agency under the President of
  Uzbekistan (136 products, million UZS). Its intermediate block is *total* use (domestic plus
  imported), so imports are separated by the import-proportionality assumption
  (:func:`creative_econ.io.tables.import_proportional_shares`). Ten product
  codes start with a Cyrillic "А" or contain "без" (excluding); they are mapped explicitly in
  ``data/uz_io2022_products_to_oked.csv``.
* ``"uk"``: the ONS UK Input-Output Analytical Tables 2010 (127 products, domestic use
  table, imports as a row), mapped in ``data/uk2010_to_kz_hybrid_sectors.csv``.

Only *ratios* of a donor are ever used (coefficients and shares), so its currency and year
do not matter.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

import numpy as np
import pandas as pd

from ...errors import InvalidOptionError, InvalidTableError
from ...io.tables import domestic_exports, import_proportional_shares, split_by_import_shares
from .._kazakhstan_hybrid import DIVISION_SECTIONS, read_bundled

__all__ = ["DONORS", "Donor", "DonorName", "adb_divisions", "load_donor"]

DonorName = Literal["uzbekistan", "uk"]
DONORS: tuple[str, ...] = ("uzbekistan", "uk")
#: Domestic final-demand categories of the hybrid tables (changes in inventories are left
#: out; see the provenance).
FINAL_DEMAND: tuple[str, ...] = ("households", "government", "gfcf", "exports")


@dataclass(frozen=True, eq=False)
class Donor:
    """A published table at product detail, domestic flows, with its concordances.

    Attributes
    ----------
    name, title : str
    x : Series
        Output by product.
    Zd : DataFrame
        Domestic intermediate flows at basic prices (product x product, sellers in rows).
    imported : Series
        Imported intermediate inputs by using product.
    final : DataFrame
        Domestic final demand by product: ``households``, ``government`` (including NPISH),
        ``gfcf`` (fixed capital formation, with valuables where recorded) and ``exports``.
    household_imports : float
        Households' consumption of imported products.
    compensation : Series
        Compensation of employees by product.
    employment : Series or None
        Employment by product (persons) where the donor publishes it.
    divisions : Series
        NACE Rev.2/OKED division(s) of each product as text: ``"01"`` or a range ``"45-47"``.
    section, hybrid : Series
        OKED section (T folded into S) and hybrid sector of each product.
    """

    name: str
    title: str
    x: pd.Series
    Zd: pd.DataFrame
    imported: pd.Series
    final: pd.DataFrame
    household_imports: float
    compensation: pd.Series
    employment: pd.Series | None
    divisions: pd.Series
    section: pd.Series
    hybrid: pd.Series
    notes: tuple[str, ...] = ()

    @property
    def products(self) -> pd.Index:
        return self.x.index

    def group_flows(self, rows: pd.Series, cols: pd.Series) -> pd.DataFrame:
        """Domestic intermediate flows summed over product groups (rows sell to columns)."""
        return (
            self.Zd.groupby(rows.to_numpy(), sort=False)
            .sum()
            .T.groupby(cols.to_numpy(), sort=False)
            .sum()
            .T
        )

    def group_sum(self, values: pd.Series, groups: pd.Series) -> pd.Series:
        """A product vector summed over product groups."""
        return values.groupby(groups.reindex(values.index).to_numpy(), sort=False).sum()

    def adb_sector(self, division_to_adb: dict[int, str]) -> pd.Series:
        """ADB MRIO sector of each product, through its first division.

        A product spanning several divisions (``"45-47"``) is assigned by its first; this is
        only allowed when all its divisions lie in ADB sectors that each cover a single
        section, so that the assignment cannot change any bridge weight (checked here).

        Raises
        ------
        InvalidTableError
            A product spans ADB sectors that map to different sections.
        """
        spans: dict[str, set[str]] = {}
        for d, a in division_to_adb.items():
            spans.setdefault(a, set()).add(DIVISION_SECTIONS[d])
        for code, text in self.divisions.items():
            lo, _, hi = str(text).partition("-")
            sectors = {division_to_adb[d] for d in range(int(lo), int(hi or lo) + 1)}
            if len(sectors) > 1 and any(len(spans[a]) > 1 for a in sectors):
                raise InvalidTableError(
                    f"{self.name} product {code!r} spans ADB sectors {sorted(sectors)}, one of "
                    "which covers several sections; it cannot weight the ADB bridge."
                )
        return self.divisions.map(_first_division).map(division_to_adb)


def _first_division(text: str) -> int:
    return int(str(text)[:2])


def _folded(section: str) -> str:
    return "S" if section == "T" else section


def _check_map(codes: pd.Index, mapping: pd.DataFrame, key: str, what: str) -> pd.DataFrame:
    missing = codes.difference(pd.Index(mapping[key]), sort=False)
    if len(missing):
        raise InvalidTableError(f"{what}: products without a mapping: {list(missing[:10])}.")
    return mapping.set_index(key).reindex(codes)


@cache
def _uzbekistan() -> Donor:
    prod = read_bundled("uz_io2022_sectors.csv", text_columns=("code",)).set_index("code")
    z_raw = read_bundled("uz_io2022_Z_total_use_mln_uzs.csv")
    Z = z_raw.set_index(z_raw.columns[0])
    if not (Z.index.equals(prod.index) and Z.columns.equals(prod.index)):
        raise InvalidTableError("The Uzbekistan Z file and product file list different codes.")
    mapping = _check_map(
        prod.index,
        read_bundled("uz_io2022_products_to_oked.csv", text_columns=("code", "divisions")),
        "code",
        "Uzbekistan 2022 concordance",
    )
    x = prod["output_mln_uzs"].astype(float)
    m = prod["imports_mln_uzs"].astype(float)
    ex = prod["fd_exports_mln_uzs"].astype(float)
    mu = import_proportional_shares(x.to_numpy(), m.to_numpy(), ex.to_numpy())
    zd, zm = split_by_import_shares(Z.to_numpy(dtype=float), mu)
    keep = 1.0 - mu
    hh = prod["fd_household_mln_uzs"].to_numpy(dtype=float)
    final = pd.DataFrame(
        {
            "households": hh * keep,
            "government": (prod["fd_government_mln_uzs"] + prod["fd_npish_mln_uzs"]).to_numpy(
                dtype=float
            )
            * keep,
            "gfcf": prod["fd_gfcf_mln_uzs"].to_numpy(dtype=float) * keep,
            "exports": domestic_exports(x.to_numpy(), ex.to_numpy()),
        },
        index=prod.index,
    )
    return Donor(
        name="uzbekistan",
        title="Uzbekistan official input-output table 2022 (Statistics Agency under the "
        "President of Uzbekistan), 136 products",
        x=x,
        Zd=pd.DataFrame(zd, index=prod.index, columns=prod.index),
        imported=pd.Series(zm.sum(axis=0), index=prod.index),
        final=final,
        household_imports=float(hh @ mu),
        compensation=prod["compensation_of_employees_mln_uzs"].astype(float),
        employment=prod["employment_total"].astype(float),
        divisions=mapping["divisions"].astype(str),
        section=mapping["oked_section"].map(_folded),
        hybrid=mapping["hybrid_sector"],
        notes=(
            "imports separated by import proportionality: mu_i = (m_i - q_i) / (x_i + m_i - "
            "e_i), the same share for every domestic user of product i, q_i = max(e_i - x_i, 0) "
            "being re-exported imports (basic iron and steel)",
        ),
    )


@cache
def _uk() -> Donor:
    from .._tables import uk_ioat_2010

    uk = uk_ioat_2010()
    mapping = _check_map(
        uk.sectors,
        read_bundled("uk2010_to_kz_hybrid_sectors.csv", text_columns=("uk_code", "divisions")),
        "uk_code",
        "UK 2010 concordance",
    )
    fd = uk.final_demand
    final = pd.DataFrame(
        {
            "households": fd["households"],
            "government": fd[["npish", "central_government", "local_government"]].sum(axis=1),
            "gfcf": fd[["gfcf", "valuables"]].sum(axis=1),
            "exports": fd[["exports_goods", "exports_services"]].sum(axis=1),
        }
    )
    if uk.households is None or uk.imports is None:  # pragma: no cover - bundled table
        raise InvalidTableError("The UK 2010 table lacks its household closure or imports.")
    return Donor(
        name="uk",
        title="ONS UK Input-Output Analytical Tables 2010, domestic product-by-product, "
        "127 products",
        x=uk.x.astype(float),
        Zd=uk.Z.astype(float),
        imported=uk.imports.astype(float),
        final=final.astype(float),
        household_imports=float(uk.households.imports),
        compensation=uk.value_added.loc["compensation"].astype(float),
        employment=None,
        divisions=mapping["divisions"].astype(str),
        section=mapping["oked_section"].map(_folded),
        hybrid=mapping["hybrid_sector"],
        notes=("domestic use table as published (imports are a row)",),
    )


def load_donor(name: str) -> Donor:
    """The donor table ``"uzbekistan"`` (default of the build) or ``"uk"``.

    Raises
    ------
    InvalidOptionError
        Not a known donor.
    """
    if name == "uzbekistan":
        return _uzbekistan()
    if name == "uk":
        return _uk()
    raise InvalidOptionError("donor", name, DONORS)


@cache
def adb_divisions() -> dict[int, str]:
    """OKED/ISIC Rev.4 division -> ADB MRIO sector abbreviation (each division once).

    From ``data/adb_c35_to_isic4_divisions.csv`` (ADB's 35 sectors are ISIC Rev.3-based; the
    file says where a division was assigned to the ADB sector holding most of it).

    Raises
    ------
    InvalidTableError
        A division is assigned twice, or to an ADB sector whose sections do not include its
        own.
    """
    frame = read_bundled("adb_c35_to_isic4_divisions.csv", text_columns=("isic4_divisions",))
    out: dict[int, str] = {}
    for _, row in frame.iterrows():
        sections = set(str(row["oked_sections"]).split(";"))
        for part in str(row["isic4_divisions"]).split(";"):
            lo, _, hi = part.partition("-")
            for d in range(int(lo), int(hi or lo) + 1):
                if d in out:
                    raise InvalidTableError(f"Division {d:02d} is assigned to two ADB sectors.")
                if DIVISION_SECTIONS.get(d) not in sections:
                    raise InvalidTableError(
                        f"Division {d:02d} (section {DIVISION_SECTIONS.get(d)}) is assigned to "
                        f"ADB sector {row['adb_sector_abv']} listed under {sorted(sections)}."
                    )
                out[d] = str(row["adb_sector_abv"])
    missing = sorted(set(DIVISION_SECTIONS) - set(out) - {99})
    if missing:
        raise InvalidTableError(f"Divisions without an ADB sector: {missing}.")
    return out


def as_array(series: pd.Series) -> np.ndarray:
    """Float values of a Series (a new array)."""
    return np.array(series.to_numpy(dtype=float), dtype=float)
