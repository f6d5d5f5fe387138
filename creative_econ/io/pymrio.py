r"""Exchange tables with pymrio, so that its parsers (EXIOBASE, OECD ICIO, Eora, ...) feed
creative_econ, and creative_econ tables can use pymrio's accounts.

pymrio is an optional dependency (``pip install pymrio``); it is imported only inside these
functions.

**Layout written by** :func:`to_pymrio` (a single-region ``IOSystem``, pymrio's conventions):

* ``Z``: rows and columns a ``MultiIndex`` (``region``, ``sector``); ``Y``: rows as ``Z``,
  columns (``region``, ``category``); ``x``: one column ``indout``; ``A``; ``unit``;
* extension ``factor_inputs`` (index name ``inputtype``): one row per value-added component,
  then ``imports`` and ``taxes`` (if the table has them), then any ``other_inputs`` rows;
* extension ``employment`` (index name ``stressor``): one row ``employment``, if the table has
  employment.

The household closure (Type II) has no pymrio counterpart and is not written; pass it again
to :func:`from_pymrio`.

**What** :func:`from_pymrio` **supports:**

* one region of a (multi-regional) system as its own single-region table: the region's
  domestic block $Z^{rr}$ and its final demand $Y^{rr}$ by category; the region's
  intermediate and final sales to other regions become one final-demand column
  ``exports_to_other_regions``; other regions' intermediate inputs into the region,
  $\iota' Z^{sr}$ ($s \ne r$), become ``imports``;
* the whole system aggregated over regions (``region="all"``): flows summed by sector and
  final demand by category, a closed world (or national) table with imports only from the
  extension rows named as imports.

Round trip: ``from_pymrio(to_pymrio(t), value_added="factor_inputs", imports="imports",
taxes="taxes", employment=("employment", "employment"), households=t.households)`` gives
back ``t`` (same flows, satellites and multipliers).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._labels import check_option
from ..errors import InvalidOptionError, InvalidTableError, LabelMismatchError, UnknownRegionError
from ..households import Households
from ..table import IOTable

if TYPE_CHECKING:  # pragma: no cover
    import pymrio as _pymrio

__all__ = ["ALL_REGIONS", "EXPORTS_COLUMN", "from_pymrio", "to_pymrio"]

#: ``region=`` value that aggregates every region of the system into one table.
ALL_REGIONS = "all"
#: Final-demand column holding a region's sales to other regions.
EXPORTS_COLUMN = "exports_to_other_regions"


def _import_pymrio() -> Any:
    try:
        import pymrio
    except ImportError as exc:
        raise ImportError(
            "This function needs pymrio, an optional dependency of creative_econ. Install it "
            "with `pip install pymrio` (or `pip install creative_econ[dev]`)."
        ) from exc
    return pymrio


# ---------------------------------------------------------------------------- to pymrio
def to_pymrio(table: IOTable, *, region: str | None = None) -> _pymrio.IOSystem:
    """Export a table as a single-region pymrio ``IOSystem``.

    Parameters
    ----------
    table : IOTable
    region : str, optional
        Region label in the system's ``MultiIndex``; default the table's name.

    Returns
    -------
    pymrio.IOSystem
        With ``Z``, ``Y``, ``x``, ``A``, ``unit`` and the extensions ``factor_inputs`` and
        (if the table has employment) ``employment``; call ``calc_all()`` for pymrio's
        accounts. A new object: the table is not changed.

    Raises
    ------
    ImportError
        pymrio is not installed.
    LabelMismatchError
        A value-added row is called ``imports`` or ``taxes`` while the table also has that
        vector, so the two rows would collide.
    """
    pymrio = _import_pymrio()
    r = table.name if region is None else region
    sectors = list(table.sectors)
    idx = pd.MultiIndex.from_product([[r], sectors], names=["region", "sector"])
    cats = pd.MultiIndex.from_product([[r], list(table.final_demand.columns)],
                                      names=["region", "category"])
    Z = pd.DataFrame(table._Z.copy(), index=idx, columns=idx)
    A = pd.DataFrame(np.array(table._A), index=idx, columns=idx)
    Y = pd.DataFrame(table._f.copy(), index=idx, columns=cats)
    x = pd.DataFrame({"indout": table._x.copy()}, index=idx)
    unit = pd.DataFrame({"unit": [table.unit] * table.n}, index=idx)

    rows: dict[str, np.ndarray] = {
        str(k): table.value_added.loc[k].to_numpy(dtype=float) for k in table.value_added.index
    }
    for name in ("imports", "taxes"):
        s = getattr(table, name)
        if s is None:
            continue
        if name in rows:
            raise LabelMismatchError(
                f"value_added has a row called {name!r} and the table also has {name}; rename "
                "the value-added row before exporting."
            )
        rows[name] = s.to_numpy(dtype=float)
    if table.other_inputs is not None:
        for k in table.other_inputs.index:
            rows[str(k)] = table.other_inputs.loc[k].to_numpy(dtype=float)
    extensions: dict[str, dict[str, object]] = {}
    if rows:
        fi = pd.Index(list(rows), name="inputtype")
        extensions["factor_inputs"] = {
            "name": "factor_inputs",
            "F": pd.DataFrame(np.vstack(list(rows.values())), index=fi, columns=idx),
            "unit": pd.DataFrame({"unit": [table.unit] * len(fi)}, index=fi),
        }
    if table.employment is not None:
        st = pd.Index(["employment"], name="stressor")
        extensions["employment"] = {
            "name": "employment",
            "F": pd.DataFrame(table.employment.to_numpy(dtype=float)[np.newaxis, :], index=st,
                              columns=idx),
            "unit": pd.DataFrame({"unit": [table.employment_unit]}, index=st),
        }
    io = pymrio.IOSystem(
        Z=Z, Y=Y, x=x, A=A, unit=unit, name=table.name,
        description=table.source or f"creative_econ table {table.name!r}",
        **extensions,
    )
    if table.year is not None:
        io.meta.change_meta("year", table.year, log=False)
    return io


# ---------------------------------------------------------------------------- from pymrio
def _extensions(io: Any) -> dict[str, Any]:
    pymrio = _import_pymrio()
    out: dict[str, Any] = {}
    for key, value in vars(io).items():
        if isinstance(value, pymrio.Extension):
            out[key] = value
            out.setdefault(str(value.name), value)
    return out


def _flat(index: pd.Index) -> pd.Index:
    if isinstance(index, pd.MultiIndex):
        return pd.Index([" - ".join(map(str, t)) for t in index], name=index.names[0])
    return pd.Index([str(i) for i in index], name=index.name)


def _rows(selection: str | Sequence[str] | None) -> list[str]:
    if selection is None:
        return []
    return [selection] if isinstance(selection, str) else [str(s) for s in selection]


def _by_region(frame: pd.DataFrame, region: object | None, sectors: pd.Index) -> pd.DataFrame:
    """Columns of one region (or all regions summed by sector), as sector columns."""
    if region is None:
        out = frame.T.groupby(level=1, sort=False).sum().T
    else:
        out = frame.loc[:, frame.columns.get_level_values(0) == region]
        out.columns = out.columns.get_level_values(1)
    return out.reindex(columns=sectors)


def from_pymrio(
    io: _pymrio.IOSystem,
    *,
    region: str | None = None,
    value_added: str | None = None,
    imports: str | Sequence[str] | None = None,
    taxes: str | Sequence[str] | None = None,
    employment: tuple[str, str | Sequence[str]] | None = None,
    households: Households | None = None,
    income_component: str | None = "compensation",
    name: str | None = None,
    unit: str | None = None,
    year: int | None = None,
    allow_negative: bool = False,
) -> IOTable:
    r"""Build an :class:`~creative_econ.IOTable` from a pymrio ``IOSystem``.

    For region $r$ of a system with regions $s$:

    $$ Z = Z^{rr},\quad f = \big[\,Y^{rr},\ \textstyle\sum_{s\ne r}(Z^{rs}\iota + Y^{rs}\iota)\big],
       \quad m' = \textstyle\sum_{s\ne r}\iota' Z^{sr} + \text{named import rows} $$

    so that $x^r = Z^{rr}\iota + f\iota$ holds by construction. With ``region="all"`` the
    system is summed over regions. The system is not modified (nothing is computed on it).

    Parameters
    ----------
    io : pymrio.IOSystem
        Needs ``Z`` (or ``A`` and ``x``) and ``Y``; ``x`` is computed as $Z\iota + Y\iota$
        when absent.
    region : str, optional
        The region to extract, or ``"all"`` to aggregate every region. May be omitted for a
        single-region system.
    value_added : str, optional
        Name of the extension whose rows (at the region's columns) are primary inputs, e.g.
        ``"factor_inputs"``. Rows named in ``imports`` or ``taxes`` are taken out of it; the
        rest become value-added components.
    imports, taxes : str or list of str, optional
        Rows of ``value_added`` that are imports from abroad and taxes less subsidies on
        products.
    employment : (extension, row or rows), optional
        Employment, summed over the given rows of an extension.
    households : Households, optional
        A household closure for Type II results (pymrio has none).
    income_component : str or None, default "compensation"
        The value-added row that is household income (see :meth:`IOTable.from_frames`).
    name, unit, year : optional
        Table metadata; default from the system (name with the region, the unit of ``Z``).
    allow_negative : bool, default False
        Accept negative intermediate flows.

    Returns
    -------
    IOTable

    Raises
    ------
    ImportError
        pymrio is not installed.
    InvalidTableError
        The system has neither ``Z`` nor ``A`` and ``x``, or no ``Y``.
    InvalidOptionError
        ``region`` omitted for a multi-regional system, an unknown extension, or a row that
        the extension does not have.
    UnknownRegionError
        ``region`` is not a region of the system.
    """
    pymrio = _import_pymrio()
    if not isinstance(io, pymrio.IOSystem):
        raise InvalidTableError(f"io must be a pymrio.IOSystem, got {type(io).__name__}.")
    Z = io.Z
    if Z is None:
        if io.A is None or io.x is None:
            raise InvalidTableError(
                "The pymrio system has neither Z nor A and x; load or compute the flows first."
            )
        Z = pymrio.calc_Z(io.A, io.x)
    if io.Y is None:
        raise InvalidTableError("The pymrio system has no final demand Y.")
    Y = io.Y.reindex(index=Z.index)
    x_all = Z.sum(axis=1) + Y.sum(axis=1) if io.x is None else io.x.iloc[:, 0].reindex(Z.index)

    regions = list(Z.index.get_level_values(0).unique())
    if region is None:
        if len(regions) != 1:
            raise InvalidOptionError("region", region, [*regions, ALL_REGIONS])
        region = regions[0]
    aggregate = region == ALL_REGIONS and ALL_REGIONS not in regions
    if not aggregate and region not in regions:
        raise UnknownRegionError(region, [*regions, ALL_REGIONS], where="the pymrio system")

    row_region = Z.index.get_level_values(0)
    if aggregate:
        sectors = pd.Index(Z.index.get_level_values(1).unique(), name="sector")
        z = Z.groupby(level=1, sort=False).sum()
        z = _by_region(z, None, sectors).reindex(sectors)
        fd = Y.groupby(level=1, sort=False).sum().T.groupby(level=1, sort=False).sum().T
        fd = fd.reindex(sectors)
        x = x_all.groupby(level=1, sort=False).sum().reindex(sectors)
        col_region = None
        inter_imports = pd.Series(0.0, index=sectors)
    else:
        mine = row_region == region
        sectors = pd.Index(Z.index.get_level_values(1)[mine], name="sector")
        z = _by_region(Z.loc[mine], region, sectors)
        z.index = sectors
        ycols = Y.columns.get_level_values(0) == region
        fd = Y.loc[mine, ycols]
        fd.index, fd.columns = sectors, fd.columns.get_level_values(1)
        if len(regions) > 1:
            zcols = Z.columns.get_level_values(0) != region
            exports = Z.loc[mine, zcols].sum(axis=1).to_numpy() + \
                Y.loc[mine, ~ycols].sum(axis=1).to_numpy()
            fd = fd.assign(**{EXPORTS_COLUMN: exports})
        x = pd.Series(x_all.loc[mine].to_numpy(), index=sectors)
        col_region = region
        inter_imports = _by_region(Z.loc[~mine], region, sectors).sum(axis=0)

    exts = _extensions(io)

    def extension(key: str, what: str) -> pd.DataFrame:
        if key not in exts:
            raise InvalidOptionError(what, key, [k for k in vars(io) if k in exts])
        F = exts[key].F
        if F is None:
            raise InvalidTableError(f"Extension {key!r} has no F (flows) to read.")
        out = _by_region(F, col_region, sectors)
        out.index = _flat(F.index)
        return out

    va = pd.DataFrame(index=pd.Index([], name="component"), columns=sectors, dtype=float)
    imp = inter_imports.copy() if not aggregate else None
    tax = None
    if value_added is not None:
        F = extension(value_added, "value_added")
        for arg, sel in (("imports", imports), ("taxes", taxes)):
            for row in _rows(sel):
                check_option(arg, row, F.index)
        imp_rows, tax_rows = _rows(imports), _rows(taxes)
        if set(imp_rows) & set(tax_rows):
            raise LabelMismatchError(
                f"Rows {sorted(set(imp_rows) & set(tax_rows))} are named as both imports and "
                "taxes."
            )
        if imp_rows:
            extra = F.loc[imp_rows].sum(axis=0)
            imp = extra if imp is None else imp + extra
        if tax_rows:
            tax = F.loc[tax_rows].sum(axis=0)
        va = F.drop(index=imp_rows + tax_rows)
        va.index = va.index.rename("component")
    elif imports is not None or taxes is not None:
        raise InvalidOptionError("value_added", None, list(exts))

    emp = None
    if employment is not None:
        key, rows = employment
        F = extension(key, "employment")
        for row in _rows(rows):
            check_option("employment row", row, F.index)
        emp = F.loc[_rows(rows)].sum(axis=0)

    if unit is None and io.unit is not None:
        units = pd.unique(io.unit.iloc[:, 0].astype(str))
        unit = str(units[0]) if len(units) == 1 else ", ".join(map(str, units))
    meta_year = getattr(io.meta, "_content", {}).get("year") if year is None else year
    label = "all regions" if aggregate else f"region {region}"
    default_name = io.name if len(regions) == 1 else f"{io.name} ({label})"
    return IOTable.from_frames(
        Z=z,
        final_demand=fd,
        value_added=va,
        imports=imp,
        taxes=tax,
        output=x,
        employment=emp,
        households=households,
        name=name or default_name,
        unit=unit or "",
        year=int(meta_year) if meta_year is not None else None,
        income_component=income_component,
        source=f"pymrio IOSystem {io.name!r}, {label}",
        allow_negative=allow_negative,
    )
