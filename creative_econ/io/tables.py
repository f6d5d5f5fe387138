r"""Read a symmetric input-output table from any CSV or XLSX layout.

A published table is a grid: one column of row labels (product codes or names), one row of
column labels, the intermediate block $Z$ (products x products), final-demand columns to its
right and primary-input rows below. :class:`TableLayout` says where each block is, by
**labels** (with alternatives, e.g. English and Russian, matched ignoring case and spacing)
or by a **range** of consecutive labels (:class:`LabelRange`); :func:`read_table` finds the
blocks, checks them and returns an :class:`~creative_econ.IOTable`.

Tables that record **total** (domestic plus imported) use, with imports as a column of the
resources part, are converted to domestic flows by the import-proportionality assumption
(``flows="total"``; :func:`import_proportional_shares`).

Presets built on this reader: :func:`creative_econ.io.bns.read_bns_siot` (Kazakhstan, BNS)
and :func:`creative_econ.io.ons.read_ons_iot` (UK, ONS).

>>> layout = TableLayout(
...     sectors=LabelRange("01", "97"),
...     final_demand={"households": "Households", "exports": ("Exports", "Экспорт")},
...     value_added={"compensation": "Compensation of employees"},
...     output="Total output")  # doctest: +SKIP
>>> table = read_table("my_table.xlsx", layout=layout)  # doctest: +SKIP
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from .._labels import check_option
from ..errors import InvalidTableError, LabelMismatchError, did_you_mean
from ..households import Households
from ..leontief._types import FloatArray
from ..table import IOTable

__all__ = [
    "LabelRange",
    "Labels",
    "TableLayout",
    "domestic_exports",
    "import_proportional_shares",
    "read_grid",
    "read_table",
    "split_by_import_shares",
    "table_from_grid",
]

#: One label, or alternatives tried in order (the first found is used).
Labels = str | tuple[str, ...]
Flows = Literal["domestic", "total"]


# ============================================================================ pure functions
def import_proportional_shares(
    output: FloatArray, imports: FloatArray, exports: FloatArray
) -> FloatArray:
    r"""Import shares of domestic use under the import-proportionality assumption.

    $$ \mu_i = \frac{m_i - q_i}{x_i + m_i - e_i}, \qquad q_i = \max(e_i - x_i,\ 0) $$

    Every domestic user of product $i$ (industries and domestic final demand alike) buys the
    same share $\mu_i$ of it from abroad (METHODS §9.1). Exports are domestic output except
    for any excess over output, $q_i$, which can only be re-exported imports (Uzbekistan's 2022
    table records exports of basic iron and steel above its output).

    Parameters
    ----------
    output, imports, exports : array_like of shape (n,)
        Output, imports and exports by product, in one unit.

    Returns
    -------
    ndarray of shape (n,)
        $\mu$, in $[0, 1]$; 0 where a product has no imports for domestic use.

    Raises
    ------
    InvalidTableError
        Exports exceed output plus imports.
    """
    x, m, e = (np.asarray(a, dtype=float) for a in (output, imports, exports))
    reexports = np.maximum(e - x, 0.0)
    over = reexports > m * (1 + 1e-12) + 1e-9
    if over.any():
        i = int(np.flatnonzero(over)[0])
        raise InvalidTableError(
            f"Product at position {i} exports {e[i]:g}, more than output {x[i]:g} plus "
            f"imports {m[i]:g}."
        )
    use = x + m - e  # >= m - reexports, so positive wherever imports are left for use
    available = m - reexports
    mu = np.zeros_like(m)
    np.divide(available, use, out=mu, where=available > 0)
    return np.clip(mu, 0.0, 1.0)


def domestic_exports(output: FloatArray, exports: FloatArray) -> FloatArray:
    r"""Exports of domestic output, $\min(e_i, x_i)$ (the rest are re-exported imports)."""
    return np.minimum(np.asarray(exports, dtype=float), np.asarray(output, dtype=float))


def split_by_import_shares(total_use: FloatArray, mu: FloatArray) -> tuple[FloatArray, FloatArray]:
    r"""Domestic and imported parts of a total-use block, row by row.

    $$ Z^d = (I - \hat\mu)\,Z, \qquad Z^m = \hat\mu\,Z $$

    Parameters
    ----------
    total_use : array_like of shape (n, k)
        Total (domestic plus imported) use of each product (rows) by each user (columns).
    mu : array_like of shape (n,)
        Import shares from :func:`import_proportional_shares`.

    Returns
    -------
    (domestic, imported) : two ndarrays of shape (n, k)
    """
    Z = np.asarray(total_use, dtype=float)
    share = np.asarray(mu, dtype=float)[:, None]
    return Z * (1.0 - share), Z * share


# ============================================================================ the layout
@dataclass(frozen=True)
class LabelRange:
    """Consecutive labels from ``first`` to ``last`` (both included), in the file's order.

    >>> LabelRange("01", "97")
    LabelRange(first='01', last='97')
    """

    first: str
    last: str


@dataclass(frozen=True)
class TableLayout:
    """Where the blocks of a symmetric table are, by labels or label ranges.

    Every label may be one string or a tuple of alternatives (e.g. English and Russian); the
    first alternative found is used. Labels match after trimming, collapsing spaces and
    ignoring case.

    Parameters
    ----------
    sheet : str or int, default 0
        Worksheet of an XLSX file (name or position).
    header_row : int or "auto", default "auto"
        Row (0-based, in the sheet) that holds the column labels. ``"auto"``: the first row
        that holds one of the final-demand labels.
    label_column : int, tuple of int or "auto", default "auto"
        Column(s) (0-based) that hold the row labels, e.g. ``(0, 1)`` for product codes in the
        first column and names (also of the primary-input rows) in the second; the products'
        codes come from the one that best matches the column labels. ``"auto"``: every column up
        to the first that holds a value-added (or output) label.
    name_column : int, optional
        Column with descriptive names of the products (kept as the table's ``labels``).
    sectors : sequence of str or LabelRange, optional
        The rows of $Z$. Default: every row label that is also a column label.
    sector_columns : sequence of str or LabelRange, optional
        The columns of $Z$ when they are labelled differently from the rows (same number, in
        the same order); default the same labels as ``sectors``.
    final_demand : mapping
        Final-demand category name -> column label(s).
    value_added : mapping
        Value-added component name -> row label(s); their sum is GVA.
    imports, taxes, output, employment : label(s), optional
        Rows of imported intermediate inputs, taxes less subsidies on products, total output
        (checked against $Z\\iota + f$) and employment.
    other_inputs : mapping, optional
        Other primary-input rows (name -> label(s)).
    optional : tuple of str
        Names (of final-demand categories, value-added components or ``imports``, ``taxes``,
        ``output``, ``employment``) that may be missing from a file without an error.
    households : str, optional
        Final-demand category used as household consumption for the Type II closure.
    flows : {"domestic", "total"}, default "domestic"
        ``"total"``: $Z$ and domestic final demand include imports; ``imports_column`` gives
        imports by product and the reader separates domestic flows by import proportionality.
    imports_column : label(s), optional
        Column of imports by product (needed for ``flows="total"``).
    exports : tuple of str, default ("exports",)
        Final-demand categories that are exports (not scaled by import shares).
    zero_markers : tuple of str
        Cell texts read as zero (published tables print "-" for nothing).
    scale : float, default 1
        Multiply every value (e.g. 0.001 for thousands to millions).
    unit, name, price_basis : str
        Recorded on the table.
    index_name : str, default "sector"
        Name of the sector axis (``"product"`` for product-by-product tables).
    rtol : float, default 1e-4
        Relative tolerance of the row identity against the output row (published tables
        close to their printed precision).
    """

    sheet: str | int = 0
    header_row: int | Literal["auto"] = "auto"
    label_column: int | tuple[int, ...] | Literal["auto"] = "auto"
    name_column: int | None = None
    sectors: Sequence[str] | LabelRange | None = None
    sector_columns: Sequence[str] | LabelRange | None = None
    final_demand: Mapping[str, Labels] = field(default_factory=dict)
    value_added: Mapping[str, Labels] = field(default_factory=dict)
    imports: Labels | None = None
    taxes: Labels | None = None
    output: Labels | None = None
    employment: Labels | None = None
    other_inputs: Mapping[str, Labels] = field(default_factory=dict)
    optional: tuple[str, ...] = ()
    households: str | None = "households"
    flows: Flows = "domestic"
    imports_column: Labels | None = None
    exports: tuple[str, ...] = ("exports",)
    zero_markers: tuple[str, ...] = ("", "-", "–", "—", "nan", "none")
    scale: float = 1.0
    unit: str = ""
    name: str = "table"
    price_basis: str = "basic prices"
    index_name: str = "sector"
    rtol: float = 1e-4

    def replace(self, **changes: object) -> TableLayout:
        """A copy with some fields changed (to adjust a preset to a file)."""
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


# ============================================================================ reading
def _norm(value: object) -> str:
    """Canonical text of a label: trimmed, single spaces, case-folded; 12.0 -> "12"."""
    if isinstance(value, float) and np.isfinite(value) and value.is_integer():
        value = int(value)
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return re.sub(r"\s+", " ", str(value)).strip().casefold()


def _text(value: object) -> str:
    """A cell as label text, as written but trimmed (12.0 -> "12")."""
    if isinstance(value, float) and np.isfinite(value) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _alternatives(labels: Labels) -> tuple[str, ...]:
    return (labels,) if isinstance(labels, str) else tuple(labels)


def read_grid(path: str | PathLike[str], *, sheet: str | int = 0) -> pd.DataFrame:
    """The raw cells of a CSV or XLSX sheet (no header), as objects.

    Raises
    ------
    FileNotFoundError
        ``path`` does not exist.
    InvalidTableError
        Not a ``.csv``, ``.xlsx`` or ``.xlsm`` file, or the sheet does not exist.
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"No such file: {path}")
    suffix = "".join(path.suffixes).lower()
    if suffix.endswith((".xlsx", ".xlsm")):
        try:
            return pd.read_excel(
                path, sheet_name=sheet, header=None, dtype=object, engine="openpyxl"
            )
        except (ValueError, KeyError) as exc:
            raise InvalidTableError(f"{path.name}: cannot read sheet {sheet!r} ({exc}).") from None
    if suffix.endswith((".csv", ".csv.gz")):
        return pd.read_csv(path, header=None, dtype=str, keep_default_na=False)
    raise InvalidTableError(f"{path.name}: expected a .csv or .xlsx file.")


class _Grid:
    """Label lookups on a raw grid, with errors that name the block and the label."""

    def __init__(self, grid: pd.DataFrame, layout: TableLayout, where: str) -> None:
        self.grid = grid
        self.layout = layout
        self.where = where
        self.header = self._header_row()
        self.label_cols = self._label_columns()
        heads = grid.iloc[self.header].map(_norm)
        self.col_labels = {j: v for j, v in enumerate(heads) if j not in self.label_cols and v}
        self._col_pos: dict[str, int] = {}
        for j, v in self.col_labels.items():
            self._col_pos.setdefault(v, j)
        below = grid.iloc[self.header + 1 :]
        cells = {j: below.iloc[:, j].map(_norm) for j in self.label_cols}
        # The column of product codes: the label column whose cells best match column labels.
        self.label_col = max(
            self.label_cols, key=lambda j: int(cells[j].isin(list(self._col_pos)).sum())
        )
        self.row_labels: dict[int, str] = {}
        self._row_pos: dict[str, int] = {}
        for i in below.index:
            first = cells[self.label_col][i]
            others = [cells[j][i] for j in self.label_cols if j != self.label_col]
            found = [v for v in (first, *others) if v]
            if found:
                self.row_labels[i] = found[0]
            for v in found:
                self._row_pos.setdefault(v, i)

    # ---- locating the header row and label column
    def _header_row(self) -> int:
        hr = self.layout.header_row
        if hr != "auto":
            if not 0 <= int(hr) < len(self.grid):
                raise InvalidTableError(f"{self.where}: header_row={hr} is outside the sheet.")
            return int(hr)
        wanted = {
            _norm(a) for labels in self.layout.final_demand.values() for a in _alternatives(labels)
        }
        for i in range(len(self.grid)):
            if wanted & {_norm(v) for v in self.grid.iloc[i]}:
                return i
        raise LabelMismatchError(
            f"{self.where}: the final-demand block is missing: no row holds any final-demand "
            f"label ({', '.join(sorted(wanted)[:6])}...). Adjust the layout, or give "
            "header_row= explicitly."
        )

    def _label_columns(self) -> list[int]:
        lc = self.layout.label_column
        if lc != "auto":
            cols = [lc] if isinstance(lc, int) else list(lc)
            for c in cols:
                if not 0 <= int(c) < self.grid.shape[1]:
                    raise InvalidTableError(f"{self.where}: label_column={c} is outside the sheet.")
            return [int(c) for c in cols]
        keys = [
            *self.layout.value_added.values(),
            self.layout.output,
            self.layout.imports,
            self.layout.taxes,
        ]
        wanted = {_norm(a) for labels in keys if labels is not None for a in _alternatives(labels)}
        below = self.grid.iloc[self.header + 1 :]
        for j in range(self.grid.shape[1]):
            if wanted & set(below.iloc[:, j].map(_norm)):
                return list(range(j + 1))
        raise LabelMismatchError(
            f"{self.where}: the primary-input (value-added) block is missing: no column holds "
            f"any primary-input label ({', '.join(sorted(wanted)[:6])}...). Adjust the layout, "
            "or give label_column= explicitly."
        )

    # ---- finding labels
    def row(self, labels: Labels, block: str) -> int:
        for alt in _alternatives(labels):
            if _norm(alt) in self._row_pos:
                return self._row_pos[_norm(alt)]
        raise self._missing(labels, block, "row", self.row_labels.values())

    def col(self, labels: Labels, block: str) -> int:
        for alt in _alternatives(labels):
            if _norm(alt) in self._col_pos:
                return self._col_pos[_norm(alt)]
        raise self._missing(labels, block, "column", self.col_labels.values())

    def _missing(self, labels: Labels, block: str, axis: str, valid: object) -> LabelMismatchError:
        alts = _alternatives(labels)
        shown = " or ".join(repr(a) for a in alts[:4])
        valid_list = list(dict.fromkeys(valid))  # type: ignore[call-overload]
        return LabelMismatchError(
            f"{self.where}: the {block} is missing: no {axis} labelled {shown}."
            f"{did_you_mean(_norm(alts[0]), valid_list)} Adjust the layout "
            f"(layout.replace(...)) to the file's labels."
        )

    def span(self, spec: Sequence[str] | LabelRange | None, axis: str, block: str) -> list[int]:
        find = self.row if axis == "row" else self.col
        if spec is None:
            shared = [i for i, v in self.row_labels.items() if v in self._col_pos]
            if axis == "column":
                shared = [self._col_pos[self.row_labels[i]] for i in shared]
            if not shared:
                raise LabelMismatchError(
                    f"{self.where}: the {block} is missing: no row label is also a column "
                    "label. Give sectors= (labels or a LabelRange)."
                )
            return shared
        if isinstance(spec, LabelRange):
            a, b = find(spec.first, block), find(spec.last, block)
            if b < a:
                raise LabelMismatchError(
                    f"{self.where}: in the {block}, {spec.last!r} comes before {spec.first!r}."
                )
            positions = self.row_labels if axis == "row" else self.col_labels
            return [p for p in positions if a <= p <= b]
        if isinstance(spec, str):
            raise InvalidTableError(f"{block}: give a list of labels or a LabelRange, not a str.")
        return [find(label, block) for label in spec]

    def values(self, rows: list[int], cols: list[int], block: str) -> np.ndarray:
        part = self.grid.iloc[rows, cols]
        zero = {_norm(z) for z in self.layout.zero_markers}
        out = np.empty(part.shape)
        for (r, c), value in np.ndenumerate(part.to_numpy(dtype=object)):
            out[r, c] = self._number(value, zero, block, rows[r], cols[c])
        return out * self.layout.scale

    def _number(self, value: object, zero: set[str], block: str, r: int, c: int) -> float:
        if isinstance(value, int | float | np.integer | np.floating) and not isinstance(
            value, bool
        ):
            number = float(value)
            if np.isnan(number):
                return 0.0
            if not np.isfinite(number):
                raise InvalidTableError(self._cell(block, r, c, value, "is not finite"))
            return number
        text = _norm(value)
        if text in zero:
            return 0.0
        cleaned = text.replace("\u00a0", "").replace(" ", "").replace(",", ".")
        try:
            return float(cleaned)
        except ValueError:
            raise InvalidTableError(self._cell(block, r, c, value, "is not a number")) from None

    def _cell(self, block: str, r: int, c: int, value: object, what: str) -> str:
        rl = self.grid.iloc[r, self.label_col]
        cl = self.grid.iloc[self.header, c]
        return (
            f"{self.where}: {block}, row {rl!r} x column {cl!r} (sheet cell "
            f"{_excel_cell(r, c)}): {value!r} {what}."
        )


def _excel_cell(r: int, c: int) -> str:
    letters = ""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{r + 1}"


def read_table(
    path: str | PathLike[str], *, layout: TableLayout, year: int | None = None, source: str = ""
) -> IOTable:
    """Read a symmetric input-output table from a CSV or XLSX file with a given layout.

    Parameters
    ----------
    path : str or path-like
        A ``.csv`` or ``.xlsx`` file.
    layout : TableLayout
        Where the blocks are (labels, ranges, sheet); see :class:`TableLayout`.
    year : int, optional
    source : str, optional
        Recorded on the table (default: the file name).

    Returns
    -------
    IOTable

    Raises
    ------
    FileNotFoundError
        No such file.
    LabelMismatchError
        A block or label is missing; the message names the block (e.g. "the final-demand
        block"), the label and the closest labels in the file.
    InvalidTableError
        A cell in a block is not a number (the message names the row, column and sheet
        cell), or the table's identities or values are invalid.
    BalanceError
        Output disagrees with $Z\\iota + f$.
    """
    if not isinstance(layout, TableLayout):
        raise InvalidTableError(f"layout must be a TableLayout, got {type(layout).__name__}.")
    path = Path(path)
    grid = read_grid(path, sheet=layout.sheet)
    return table_from_grid(grid, layout, where=path.name, year=year, source=source or path.name)


def table_from_grid(
    grid: pd.DataFrame,
    layout: TableLayout,
    *,
    where: str = "the table",
    year: int | None = None,
    source: str = "",
) -> IOTable:
    """Build the table from raw cells (as :func:`read_grid` returns them).

    Separated from :func:`read_table` so that tables already in memory go through the same
    checks. ``grid`` is not modified.
    """
    if not isinstance(layout, TableLayout):
        raise InvalidTableError(f"layout must be a TableLayout, got {type(layout).__name__}.")
    check_option("flows", layout.flows, ("domestic", "total"))
    g = _Grid(grid, layout, where)
    rows = g.span(layout.sectors, "row", "intermediate block (rows of Z)")
    col_spec = (
        layout.sector_columns
        if layout.sector_columns is not None
        else (layout.sectors if layout.sectors is not None else None)
    )
    cols = (
        g.span(col_spec, "column", "intermediate block (columns of Z)")
        if layout.sector_columns is not None or layout.sectors is not None
        else [g._col_pos[g.row_labels[i]] for i in rows]
    )
    if len(rows) != len(cols):
        raise LabelMismatchError(
            f"{where}: the intermediate block has {len(rows)} rows but {len(cols)} columns."
        )
    codes = [_text(grid.iloc[i, g.label_col]) for i in rows]
    if len(set(codes)) != len(codes):
        dup = sorted({c for c in codes if codes.count(c) > 1})
        raise LabelMismatchError(f"{where}: product labels {dup[:5]} appear more than once.")
    sectors = pd.Index(codes, name=layout.index_name)

    def optional(name: str) -> bool:
        return name in layout.optional

    fd_names, fd_cols = [], []
    for name, labels in layout.final_demand.items():
        try:
            fd_cols.append(g.col(labels, f"final-demand block ({name})"))
            fd_names.append(name)
        except LabelMismatchError:
            if not optional(name):
                raise
    if not fd_cols:
        raise LabelMismatchError(f"{where}: the final-demand block is missing (no columns).")
    Z = g.values(rows, cols, "intermediate block")
    F = g.values(rows, fd_cols, "final-demand block")

    def primary_row(labels: Labels | None, name: str, block: str) -> np.ndarray | None:
        if labels is None:
            return None
        try:
            r = g.row(labels, block)
        except LabelMismatchError:
            if optional(name):
                return None
            raise
        return g.values([r], cols, block)[0]

    va = {}
    for name, labels in layout.value_added.items():
        values = primary_row(labels, name, f"value-added block ({name})")
        if values is not None:
            va[name] = values
    other = {}
    for name, labels in layout.other_inputs.items():
        values = primary_row(labels, name, f"primary-input block ({name})")
        if values is not None:
            other[name] = values
    output = primary_row(layout.output, "output", "output row")
    taxes = primary_row(layout.taxes, "taxes", "product-tax row")
    employment = primary_row(layout.employment, "employment", "employment row")
    imports = primary_row(layout.imports, "imports", "imports row")

    hh_leak: dict[str, float] = {}
    notes: list[str] = [f"Read from {where} with a TableLayout ({layout.flows} flows)."]
    if layout.flows == "total":
        if layout.imports_column is None:
            raise InvalidTableError(
                f"{where}: flows='total' needs imports_column= (imports by product)."
            )
        m = g.values(
            rows, [g.col(layout.imports_column, "imports column (resources)")], "imports column"
        )[:, 0]
        is_export = np.array([n in layout.exports for n in fd_names])
        e = F[:, is_export].sum(axis=1)
        x_total = Z.sum(axis=1) + F.sum(axis=1) - m
        x_check = output if output is not None else x_total
        mu = import_proportional_shares(x_check, m, e)
        Z, Zm = split_by_import_shares(Z, mu)
        dom, fm = split_by_import_shares(F[:, ~is_export], mu)
        F = F.copy()
        F[:, ~is_export] = dom
        if is_export.any():
            F[:, is_export] = F[:, is_export] - np.maximum(e - x_check, 0.0)[:, None] * (
                F[:, is_export] / np.where(e > 0, e, 1.0)[:, None]
            )
        imports = Zm.sum(axis=0) if imports is None else imports
        if layout.households in fd_names and not is_export[fd_names.index(layout.households)]:
            k = [n for n, ex in zip(fd_names, is_export, strict=True) if not ex].index(
                layout.households
            )
            hh_leak["imports"] = float(fm[:, k].sum())
        notes.append(
            "Domestic flows separated from total use by import proportionality "
            "(mu_i = imports for domestic use / domestic use, by product)."
        )
    elif layout.households in fd_names:
        hh_col = fd_cols[fd_names.index(layout.households)]
        for key, labels in (("imports", layout.imports), ("taxes", layout.taxes)):
            if labels is not None:
                try:
                    r = g.row(labels, f"{key} row")
                except LabelMismatchError:
                    continue
                hh_leak[key] = float(g.values([r], [hh_col], f"{key} row")[0, 0])

    names = None
    if layout.name_column is not None:
        names = pd.Series([_text(grid.iloc[i, layout.name_column]) for i in rows], index=sectors)
    households = None
    if layout.households is not None and layout.households in fd_names:
        households = Households(
            consumption=layout.households,
            imports=max(hh_leak.get("imports", 0.0), 0.0),
            taxes=hh_leak.get("taxes", 0.0),
        )

    def series(arr: np.ndarray | None) -> pd.Series | None:
        return None if arr is None else pd.Series(arr, index=sectors)

    value_added = pd.DataFrame(va, index=sectors).T if va else None
    return IOTable.from_frames(
        Z=pd.DataFrame(Z, index=sectors, columns=pd.Index(codes)),
        final_demand=pd.DataFrame(F, index=sectors, columns=fd_names),
        value_added=value_added,
        imports=series(imports),
        output=series(output),
        employment=series(employment),
        households=households,
        taxes=series(taxes),
        labels=names,
        other_inputs=pd.DataFrame(other, index=sectors).T if other else None,
        name=layout.name,
        unit=layout.unit,
        year=year,
        price_basis=layout.price_basis,
        source=source,
        rtol=layout.rtol,
        notes=notes,
    )
