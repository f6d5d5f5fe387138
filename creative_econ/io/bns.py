r"""Reader preset for Kazakhstan's symmetric input-output tables (BNS ASPR RK).

The Bureau of National Statistics publishes symmetric "Input-Output" tables built from the
supply and use tables, "up to 68 types of products", in which "for each product resources
equal uses, and output equals costs including the components of GVA" (stat.gov.kz, National
accounts, publication 112610 / 5009). No copy was available when this preset was written, so
**it is built from that published description and the standard CIS/SNA layout, not from a
file**. It assumes:

* one sheet; a header row with the product codes (KPVED, the CPA-based product
  classification, e.g. ``"01"``, ``"10-12"``, ``"68A"``) and the final-demand columns; the
  products' codes in one column and their names in the next; primary-input rows below the
  products, labelled by name;
* values at **basic prices**, million tenge;
* **total** flows (domestic plus imported use, as in Uzbekistan's table of the same
  methodological family), with imports as a column of the resources part, so domestic flows
  are separated by import proportionality (:func:`~creative_econ.io.tables.read_table`).

Labels are given in Russian and English, matched ignoring case and spacing. Users with the
real file who find different labels, a domestic-flow table or another sheet adjust the preset
with :meth:`~creative_econ.io.tables.TableLayout.replace`, e.g.
``BNS_SIOT_LAYOUT.replace(flows="domestic", imports="Импорт", imports_column=None)``, and are
asked to report the differences so the preset can be corrected.

Product codes map to OKED sections (NK RK 03-2019) through their first division
(:func:`kpved_sections`); ``read_bns_siot(..., aggregate="section")`` returns the table at
section level, the sector codes of the Kazakhstan hybrid tables.
"""

from __future__ import annotations

from collections.abc import Iterable
from os import PathLike
from typing import Literal

from .._labels import check_option
from ..table import IOTable
from .tables import TableLayout, read_table

__all__ = ["BNS_SIOT_LAYOUT", "kpved_sections", "read_bns_siot"]

#: The BNS symmetric input-output table, as described in the BNS publication (module docs).
BNS_SIOT_LAYOUT = TableLayout(
    header_row="auto",
    label_column=(0, 1),
    name_column=1,
    final_demand={
        "households": (
            "Расходы на конечное потребление домашних хозяйств",
            "Конечное потребление домашних хозяйств",
            "Household final consumption expenditure",
            "Final consumption expenditure of households",
        ),
        "government": (
            "Расходы на конечное потребление государственного управления",
            "Конечное потребление государственного управления",
            "Government final consumption expenditure",
            "Final consumption expenditure of general government",
        ),
        "npish": (
            "Расходы на конечное потребление некоммерческих организаций, обслуживающих "
            "домашние хозяйства",
            "Конечное потребление НКОДХ",
            "NPISH final consumption expenditure",
            "Final consumption expenditure of NPISHs",
        ),
        "gfcf": (
            "Валовое накопление основного капитала",
            "Gross fixed capital formation",
        ),
        "inventories": (
            "Изменение запасов материальных оборотных средств",
            "Изменение запасов",
            "Changes in inventories",
        ),
        "valuables": (
            "Чистое приобретение ценностей",
            "Acquisitions less disposals of valuables",
        ),
        "exports": (
            "Экспорт",
            "Экспорт товаров и услуг",
            "Exports",
            "Exports of goods and services",
        ),
    },
    value_added={
        "compensation": ("Оплата труда наемных работников", "Compensation of employees"),
        "other_taxes_on_production": (
            "Другие чистые налоги на производство",
            "Другие налоги на производство за вычетом субсидий",
            "Other net taxes on production",
            "Other taxes less subsidies on production",
        ),
        "gross_operating_surplus": (
            "Валовая прибыль экономики и валовые смешанные доходы",
            "Валовая прибыль и валовые смешанные доходы",
            "Gross operating surplus and mixed income",
            "Gross operating surplus and gross mixed income",
        ),
    },
    taxes=(
        "Чистые налоги на продукты",
        "Налоги на продукты за вычетом субсидий",
        "Net taxes on products",
        "Taxes less subsidies on products",
    ),
    output=(
        "Выпуск в основных ценах",
        "Выпуск продукции в основных ценах",
        "Output at basic prices",
        "Total output at basic prices",
    ),
    imports_column=("Импорт", "Импорт товаров и услуг", "Imports", "Imports of goods and services"),
    optional=("npish", "valuables", "inventories", "taxes", "other_taxes_on_production"),
    households="households",
    flows="total",
    exports=("exports",),
    unit="million KZT",
    name="kazakhstan_siot",
    index_name="product",
)


def kpved_sections(codes: Iterable[object]) -> dict[str, str]:
    """Map KPVED/CPA product codes to OKED sections through their first division.

    ``"01"`` -> A, ``"10-12"`` -> C, ``"68A"`` -> L, ``"J62-63"`` -> J.

    Raises
    ------
    UnknownSectorError
        A code whose section or division is not in OKED (NK RK 03-2019).
    """
    from ..datasets._kazakhstan_hybrid import oked_section  # datasets import io: lazily

    return {str(c).strip(): oked_section(str(c).strip()) for c in codes}


def read_bns_siot(
    path: str | PathLike[str],
    *,
    year: int | None = None,
    layout: TableLayout = BNS_SIOT_LAYOUT,
    aggregate: Literal["product", "section"] = "product",
) -> IOTable:
    """Read a BNS symmetric input-output table (products x products, basic prices).

    Parameters
    ----------
    path : str or path-like
        The published workbook (XLSX) or a CSV of its sheet.
    year : int, optional
    layout : TableLayout, default BNS_SIOT_LAYOUT
        The preset, adjustable with ``.replace(...)`` (module documentation).
    aggregate : {"product", "section"}, default "product"
        Keep the published products, or aggregate them to OKED sections
        (:func:`kpved_sections`).

    Returns
    -------
    IOTable
        Domestic flows in million KZT at basic prices, named ``kazakhstan_siot_<year>``, with a
        Type II closure on household consumption.

    Raises
    ------
    FileNotFoundError
        No such file.
    LabelMismatchError
        A block (final demand, primary inputs, imports column) or a label is missing.
    UnknownSectorError
        ``aggregate="section"`` and a product code is not an OKED division.
    InvalidTableError, BalanceError
        Non-numeric cells, imports exceeding use, or output not equal to intermediate plus
        final use.
    """
    check_option("aggregate", aggregate, ("product", "section"))
    name = f"kazakhstan_siot_{year}" if year is not None else "kazakhstan_siot"
    table = read_table(
        path,
        layout=layout.replace(name=name),
        year=year,
        source="Bureau of National Statistics of the Republic of Kazakhstan (BNS ASPR RK), "
        "symmetric input-output table" + (f" {year}" if year is not None else ""),
    )
    if aggregate == "section":
        table = table.aggregate(kpved_sections(table.sectors), name=f"{name} (OKED sections)")
    return table
