r"""The analytical toolkit beside the multipliers, on labelled tables.

* Ghosh (supply-side) multipliers, descriptive only: :func:`ghosh_multipliers`,
  :func:`ghosh_columns`;
* Rasmussen-Hirschman linkages and key sectors: :func:`linkages`;
* hypothetical extraction (backward, forward, total): :func:`extraction`;
* the mixed model, with some sectors' output fixed: :func:`mixed`, :func:`output_shock`;
* the Leontief price model (cost push): :func:`prices`, :func:`cost_push`,
  :func:`wage_rise`, :func:`tax_change`.

Each function takes an :class:`~creative_econ.IOTable`, checks labels and options, and
delegates the arithmetic to :mod:`creative_econ.leontief`, reusing the table's cached
factorisation of $I - A$. Results are DataFrames or frozen result objects with
``.to_frame()`` (a tidy long table) and an assumptions card.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from . import leontief as le
from ._labels import check_option
from .errors import (
    InvalidOptionError,
    InvalidShockError,
    InvalidTableError,
    LabelMismatchError,
    UnknownSectorError,
)
from .leontief import extraction as hem
from .leontief import ghosh as gh
from .leontief import linkages as lk
from .leontief import mixed as mx
from .leontief import price as pr
from .results import Assumptions, Impact

if TYPE_CHECKING:  # annotations only: IOTable's thin methods import this module
    from .table import IOTable

__all__ = [
    "EXTRACTION_KINDS",
    "FORWARD_MEASURES",
    "Extraction",
    "ExtractionKind",
    "ForwardMeasure",
    "Linkages",
    "MixedSolution",
    "PriceEffects",
    "cost_push",
    "extraction",
    "ghosh_columns",
    "ghosh_multipliers",
    "linkages",
    "mixed",
    "net_multipliers",
    "output_shock",
    "prices",
    "tax_change",
    "wage_rise",
]

ForwardMeasure = Literal["ghosh", "leontief"]
FORWARD_MEASURES: tuple[str, ...] = ("ghosh", "leontief")
ExtractionKind = Literal["backward", "forward", "total", "all"]
EXTRACTION_KINDS: tuple[str, ...] = ("backward", "forward", "total", "all")
_KINDS = ("backward", "forward", "total")


# ---------------------------------------------------------------------------- helpers
def _positions(table: IOTable, sectors: Iterable[object], where: str) -> np.ndarray:
    """Positions of sector labels; unknown labels and repeats are errors."""
    if isinstance(sectors, str | bytes) or not isinstance(sectors, Iterable):
        sectors = [sectors]
    labels = pd.Index(list(sectors))
    for label in labels:
        if label not in table.sectors:
            raise UnknownSectorError(label, table.sectors, where=where)
    if labels.has_duplicates:
        dup = list(labels[labels.duplicated()].unique())
        raise LabelMismatchError(
            f"{where} names sector(s) more than once: {dup[:10]}. Name each sector once."
        )
    return table.sectors.get_indexer(labels)


def _values(
    table: IOTable, values: Mapping[object, float] | pd.Series, where: str
) -> tuple[np.ndarray, np.ndarray]:
    """(positions, finite float values) of a sector -> number mapping."""
    if isinstance(values, pd.DataFrame) or not isinstance(values, Mapping | pd.Series):
        raise InvalidShockError(
            f"{where} must be a Series or a mapping from sector to number, got "
            f"{type(values).__name__}."
        )
    s = values if isinstance(values, pd.Series) else pd.Series(dict(values), dtype=object)
    if s.empty:
        raise InvalidShockError(f"{where} is empty: name at least one sector.")
    pos = _positions(table, s.index, where)
    try:
        arr = s.to_numpy(dtype=float)
    except (TypeError, ValueError):
        raise InvalidShockError(
            f"{where} has non-numeric values: {s.to_dict()}. Give numbers in the table's "
            "unit."
        ) from None
    bad = ~np.isfinite(arr)
    if bad.any():
        raise InvalidShockError(
            f"{where} for sector {s.index[np.flatnonzero(bad)[0]]!r} is not finite "
            f"({arr[bad][0]}). Give a finite number."
        )
    return pos, arr


def _refuse_zero_output(table: IOTable, pos: np.ndarray, arr: np.ndarray, where: str) -> None:
    dead = (table._x[pos] == 0.0) & (arr != 0.0)
    if dead.any():
        s = table.sectors[pos[np.flatnonzero(dead)[0]]]
        raise InvalidShockError(
            f"{where}: sector {s!r} has zero output in table {table.name!r}, so it has no "
            "production to change. Leave it out."
        )


def _assumptions(table: IOTable, model: str, **entries: object) -> Assumptions:
    return replace(table.assumptions("I"), model=model).with_entries(**entries)


def _html(title: str, frame: pd.DataFrame, assumptions: Assumptions) -> str:
    return (
        f"<h4>{html.escape(title)}</h4>"
        f"{frame.to_html(float_format=lambda v: f'{v:,.4g}')}{assumptions._repr_html_()}"
    )


# ---------------------------------------------------------------------------- Ghosh
def ghosh_multipliers(table: IOTable) -> pd.Series:
    r"""Output-side (forward) multipliers, the row sums of the Ghosh inverse (descriptive).

    $$ G\iota = \hat x^{-1} L x $$

    One forward solve on the table's factorisation. Sector $i$'s value is the output of all
    sectors per unit of primary input into $i$ under the supply-driven model, which is
    implausible as a causal model (Oosterhaven 1988): use it to describe forward linkages,
    not to forecast. Zero-output sectors get 1 (a unit row of $G$).

    Returns
    -------
    Series indexed by sector, named ``"ghosh_forward"``.
    """
    values = gh.ghosh_row_sums(table._lu, table._x)
    return pd.Series(values, index=table.sectors, name="ghosh_forward")


def ghosh_columns(table: IOTable, sectors: Iterable[object] | object) -> pd.DataFrame:
    r"""Selected columns of the Ghosh inverse $G = \hat x^{-1} L \hat x$ (descriptive).

    $$ G e_j = x_j\, \hat x^{-1} L e_j $$

    One batched solve for all requested columns; the full $G$ is :attr:`IOTable.G`.

    Parameters
    ----------
    table : IOTable
    sectors : label or list of labels

    Raises
    ------
    UnknownSectorError
        A sector is not in the table.
    """
    pos = _positions(table, sectors, "ghosh_columns")
    values = gh.ghosh_columns(table._lu, table._x, pos)
    return pd.DataFrame(values, index=table.sectors, columns=table.sectors[pos])


# ---------------------------------------------------------------------------- linkages
@dataclass(frozen=True, eq=False)
class Linkages:
    r"""Rasmussen-Hirschman linkages and key sectors of a table.

    Attributes
    ----------
    by_sector : DataFrame
        One row per sector. Columns: ``backward`` ($\iota'L$) and ``backward_index``;
        ``forward_leontief`` ($L\iota$) and its index; ``forward_ghosh`` ($G\iota$) and its
        index; ``direct_backward`` ($\iota'A$) and ``direct_forward`` ($B\iota$);
        ``cv_backward`` and ``cv_forward`` (coefficients of variation, if computed); and
        ``classification`` (key, backward, forward, weak, zero output).
    forward : {"ghosh", "leontief"}
        The forward measure used for the classification and ``cv_forward``.
    assumptions : Assumptions
    """

    by_sector: pd.DataFrame
    forward: str
    assumptions: Assumptions

    @property
    def key_sectors(self) -> list[object]:
        """Sectors with both normalised linkages above one."""
        cls = self.by_sector["classification"]
        return list(cls.index[cls == "key"])

    def to_frame(self) -> pd.DataFrame:
        """Tidy long table with columns sector, measure, value (numeric measures only)."""
        numeric = self.by_sector.drop(columns="classification")
        long = numeric.stack(future_stack=True)
        long.index = long.index.set_names(["sector", "measure"])
        return long.rename("value").reset_index()

    def _repr_html_(self) -> str:
        return _html(f"Linkages (forward: {self.forward})", self.by_sector, self.assumptions)


def linkages(
    table: IOTable, *, forward: ForwardMeasure = "ghosh", variation: bool = True
) -> Linkages:
    r"""Backward and forward linkages, direct linkages and the key-sector classification.

    Backward: $\iota'L$ and $U_{\cdot j} = n(\iota'L)_j/\iota'L\iota$. Forward, Leontief:
    $L\iota$, $U_{i\cdot} = n(L\iota)_i/\iota'L\iota$. Forward, Ghosh:
    $G\iota = \hat x^{-1}Lx$, $U^G_{i\cdot} = n(G\iota)_i/\iota'G\iota$. Direct: $\iota'A$ and
    $B\iota$. Coefficient of variation of column $j$ of $L$ (backward) and of row $i$ of the
    chosen forward inverse:

    $$ V_j = \frac{\sqrt{\tfrac{1}{n-1}\sum_i (l_{ij} - \bar l_{\cdot j})^2}}{\bar l_{\cdot j}} $$

    Both forward versions are always reported. The classification (key: both indices above 1;
    backward- or forward-oriented; weak) uses the Ghosh version by default, because row sums
    of $L$ answer an artificial question (all final demands rising by one unit at once),
    while row sums of $G$ measure how much output depends on the sector's supply (Beyers 1976;
    Jones 1976; Miller & Blair 2009, ch. 12). Ghosh is used here descriptively.

    Cost: one transposed and two forward solves on the table's factorisation; with
    ``variation=True`` also $L$ itself (one batched solve, $n^2$ memory).

    Zero-output sectors have no linkages: they get zero in every measure and the class
    ``"zero output"``, and averages run over producing sectors only.

    Parameters
    ----------
    table : IOTable
    forward : {"ghosh", "leontief"}, default "ghosh"
        Forward measure for the classification and ``cv_forward``.
    variation : bool, default True
        Compute the coefficients of variation (forms $L$).

    Returns
    -------
    Linkages

    Raises
    ------
    InvalidOptionError
        ``forward`` is not one of the options.

    References
    ----------
    Rasmussen (1956); Hirschman (1958); Beyers (1976); Jones (1976); Miller, R.E. & Blair,
    P.D. (2009), *Input-Output Analysis*, 2nd ed., ch. 12.
    """
    check_option("forward", forward, FORWARD_MEASURES)
    lu, x = table._lu, table._x
    bl = lk.backward_linkages(lu, x)
    fl_l = lk.forward_linkages_leontief(lu, x)
    fl_g = lk.forward_linkages_ghosh(lu, x)
    data: dict[str, np.ndarray] = {
        "backward": bl,
        "backward_index": lk.rasmussen_indices(bl, x),
        "forward_leontief": fl_l,
        "forward_leontief_index": lk.rasmussen_indices(fl_l, x),
        "forward_ghosh": fl_g,
        "forward_ghosh_index": lk.rasmussen_indices(fl_g, x),
        "direct_backward": lk.direct_backward_linkages(table._A),
        "direct_forward": lk.direct_forward_linkages(table.B.to_numpy()),
    }
    if variation:
        L = le.leontief_inverse(lu)
        data["cv_backward"] = lk.coefficient_of_variation(L, x, axis=0)
        M = L * x[np.newaxis, :] if forward == "ghosh" else L
        data["cv_forward"] = lk.coefficient_of_variation(M, x, axis=1)
    fwd_index = data[f"forward_{forward}_index"]
    frame = pd.DataFrame(data, index=table.sectors)
    frame["classification"] = lk.classify_sectors(data["backward_index"], fwd_index, x)
    card = _assumptions(table, "Type I (Leontief) and Ghosh inverses, descriptive",
                        forward_linkage=forward)
    return Linkages(by_sector=frame, forward=forward, assumptions=card)


# ---------------------------------------------------------------------------- extraction
@dataclass(frozen=True, eq=False)
class Extraction:
    r"""Hypothetical-extraction losses.

    Attributes
    ----------
    losses : DataFrame
        Output loss by affected sector (rows) for each kind and extracted sector or block
        (column MultiIndex ``(kind, extracted)``), in the table's unit.
    summary : DataFrame
        One row per extracted sector or block: the total loss of each kind and the same as a
        percentage of total output (``<kind>_pct``).
    total_output : float
        $\iota'x$ of the base table.
    keep_diagonal : bool
        Whether within-sector (within-block) flows were kept in backward and forward
        extraction.
    assumptions : Assumptions
    """

    losses: pd.DataFrame
    summary: pd.DataFrame
    total_output: float
    keep_diagonal: bool
    assumptions: Assumptions

    def to_frame(self) -> pd.DataFrame:
        """Tidy long table with columns extracted, kind, sector, value."""
        long = self.losses.stack(level=[0, 1], future_stack=True)
        long.index = long.index.set_names(["sector", "kind", "extracted"])
        return long.rename("value").reset_index()[["extracted", "kind", "sector", "value"]]

    def _repr_html_(self) -> str:
        return _html("Hypothetical extraction", self.summary, self.assumptions)


def extraction(
    table: IOTable,
    sectors: Iterable[object] | object | None = None,
    *,
    kind: ExtractionKind = "all",
    keep_diagonal: bool = False,
    jointly: bool = False,
) -> Extraction:
    r"""Hypothetical extraction: the output lost if sectors stopped trading.

    * backward: column $j$ of $A$ set to zero, $\bar x = (I - \bar A)^{-1} f$;
    * forward: row $j$ of $B$ set to zero, $\bar x' = v^{*\prime}(I - \bar B)^{-1}$ with
      $v^* = x - Z'\iota$ (supply-driven, descriptive);
    * total: row and column $j$ deleted; the loss of the other sectors, excluding $x_j$
      itself (Cella 1984).

    Losses are $x - \bar x$, in the table's unit and as a percentage of $\iota'x$. All
    sectors are computed at once by Sherman-Morrison updates of the table's factorisation
    (one batched solve per kind, never a refactorisation); see
    :mod:`creative_econ.leontief.extraction` for the formulas.

    Parameters
    ----------
    table : IOTable
    sectors : label, list of labels, or None
        Sectors to extract; default every sector, one at a time.
    kind : {"backward", "forward", "total", "all"}, default "all"
    keep_diagonal : bool, default False
        Keep within-sector flows $a_{jj}$ ($b_{jj}$) when extracting backward (forward):
        only intersectoral links are removed, as in Dietzenbacher & van der Linde (1997).
        For a joint extraction, the flows within the block are kept. Ignored by ``total``.
    jointly : bool, default False
        Extract the listed sectors together as one block (e.g. all creative sub-sectors);
        the block is labelled by joining the sector names with ``" + "``.

    Returns
    -------
    Extraction

    Raises
    ------
    UnknownSectorError
        A sector is not in the table.
    LabelMismatchError
        A sector is named twice.
    InvalidOptionError
        ``kind`` is not one of the options, or ``sectors`` is empty.
    """
    check_option("kind", kind, EXTRACTION_KINDS)
    kinds = _KINDS if kind == "all" else (kind,)
    lu, x, A = table._lu, table._x, table._A
    pos = np.arange(table.n) if sectors is None else _positions(table, sectors, "extraction")
    if pos.size == 0:
        raise InvalidOptionError("sectors", [], list(table.sectors))
    arrays: dict[str, np.ndarray] = {}
    if jointly:
        within = A[np.ix_(pos, pos)] if keep_diagonal else None
        names = pd.Index([" + ".join(str(s) for s in table.sectors[pos])])
        block = {
            "backward": lambda: hem.backward_extraction_block(lu, x, pos, within=within),
            "forward": lambda: hem.forward_extraction_block(lu, x, pos, within=within),
            "total": lambda: hem.total_extraction_block(lu, x, pos),
        }
        for k in kinds:
            arrays[k] = block[k]()[:, np.newaxis]
    else:
        names = table.sectors[pos]
        own = np.diag(A)[pos] if keep_diagonal else None
        columns = None
        if "backward" in kinds or "total" in kinds:
            columns = le.solve(lu, hem.unit_vectors(table.n, pos))
        if "backward" in kinds:
            arrays["backward"] = hem.backward_extraction(
                lu, x, pos, own_coefficients=own, columns=columns)
        if "forward" in kinds:
            rows = None
            if columns is not None and pos.size == table.n:  # all of L is at hand
                L = np.empty_like(columns)
                L[:, pos] = columns
                rows = L[pos, :].T
            arrays["forward"] = hem.forward_extraction(lu, x, pos, own_coefficients=own,
                                                       rows=rows)
        if "total" in kinds:
            arrays["total"] = hem.total_extraction(lu, x, pos, columns=columns)
    total_output = float(x.sum())
    cols = pd.MultiIndex.from_tuples(
        [(k, s) for k in kinds for s in names], names=["kind", "extracted"]
    )
    losses = pd.DataFrame(np.hstack([arrays[k] for k in kinds]), index=table.sectors,
                          columns=cols)
    summary = pd.DataFrame(index=names.rename("extracted"))
    for k in kinds:
        tot = arrays[k].sum(axis=0)
        summary[k] = tot
        summary[f"{k}_pct"] = 100.0 * tot / total_output if total_output else 0.0
    card = _assumptions(
        table, "hypothetical extraction (Type I; forward via the Ghosh model, descriptive)",
        keep_diagonal=keep_diagonal, jointly=jointly,
    )
    return Extraction(losses=losses, summary=summary, total_output=total_output,
                      keep_diagonal=keep_diagonal, assumptions=card)


# ---------------------------------------------------------------------------- mixed model
@dataclass(frozen=True, eq=False)
class MixedSolution:
    """Solution of the mixed model.

    Attributes
    ----------
    output : Series
        Output of every sector: as given for exogenous sectors, solved for the others.
    final_demand : Series
        Total final demand of every sector: as given for endogenous sectors, implied for the
        exogenous ones (negative if their fixed output falls short of intermediate needs).
    exogenous : tuple
        The sectors whose output was fixed.
    assumptions : Assumptions
    """

    output: pd.Series
    final_demand: pd.Series
    exogenous: tuple[object, ...]
    assumptions: Assumptions

    def to_frame(self) -> pd.DataFrame:
        """Tidy table with columns sector, role (exogenous/endogenous), output, final_demand."""
        role = np.where(self.output.index.isin(list(self.exogenous)), "exogenous", "endogenous")
        return pd.DataFrame({
            "sector": self.output.index,
            "role": role,
            "output": self.output.to_numpy(),
            "final_demand": self.final_demand.to_numpy(),
        })

    def _repr_html_(self) -> str:
        frame = self.to_frame().set_index("sector")
        return _html("Mixed model", frame, self.assumptions)


def mixed(
    table: IOTable,
    exogenous_output: Mapping[object, float] | pd.Series,
    final_demand: Mapping[object, float] | pd.Series | None = None,
) -> MixedSolution:
    r"""Solve the mixed model: outputs fixed for some sectors, final demand for the rest.

    $$ x_o = (I - A_{oo})^{-1}(f_o + A_{oc} x_c),\qquad f_c = (I - A_{cc}) x_c - A_{co} x_o $$

    Solved on the table's factorisation as $f_c = L_{cc}^{-1}(x_c - L_{co} f_o)$,
    $x_o = L_{oo} f_o + L_{oc} f_c$ (one batched solve).

    Parameters
    ----------
    table : IOTable
    exogenous_output : Series or mapping
        Output level (not change) of each exogenous sector $c$, in the table's unit.
    final_demand : Series or mapping, optional
        Total final demand of endogenous sectors; sectors not named keep the table's.

    Returns
    -------
    MixedSolution
        With the base outputs as ``exogenous_output`` and no ``final_demand``, it reproduces
        the table.

    Raises
    ------
    UnknownSectorError
        A sector is not in the table.
    InvalidShockError
        A value is not finite, an output is negative or given for a zero-output sector, or
        ``final_demand`` names an exogenous sector.
    """
    c, xc = _values(table, exogenous_output, "exogenous_output")
    if (xc < 0).any():
        s = table.sectors[c[np.flatnonzero(xc < 0)[0]]]
        raise InvalidShockError(
            f"exogenous_output for sector {s!r} is negative ({xc[xc < 0][0]:g}); give an "
            "output level (use output_shock for changes)."
        )
    _refuse_zero_output(table, c, xc, "exogenous_output")
    f = table._f.sum(axis=1)
    if final_demand is not None:
        pos, vals = _values(table, final_demand, "final_demand")
        clash = np.isin(pos, c)
        if clash.any():
            s = table.sectors[pos[np.flatnonzero(clash)[0]]]
            raise InvalidShockError(
                f"final_demand names sector {s!r}, whose output is exogenous: its final "
                "demand is what the model solves for. Drop it from one of the two."
            )
        f = f.copy()
        f[pos] = vals
    o = np.setdiff1d(np.arange(table.n), c)
    x, fd = mx.mixed_solve(table._lu, c, xc, f[o])
    card = _assumptions(table, "mixed exogenous/endogenous (Type I)",
                        exogenous=", ".join(map(str, table.sectors[c])))
    return MixedSolution(
        output=pd.Series(x, index=table.sectors, name="output"),
        final_demand=pd.Series(fd, index=table.sectors, name="final_demand"),
        exogenous=tuple(table.sectors[c]),
        assumptions=card,
    )


def output_shock(
    table: IOTable, delta_output: Mapping[object, float] | pd.Series
) -> Impact:
    r"""Impact of a given change in some sectors' output (exogenised output, Type I).

    $$ \Delta x_o = (I - A_{oo})^{-1} A_{oc}\,\Delta x_c = L_{oc}\,L_{cc}^{-1}\,\Delta x_c $$

    For one sector this is $\Delta x_o = (L_{oc}/l_{cc})\,\Delta x_c$, the effect of the
    final-demand change $\Delta f_c = \Delta x_c / l_{cc}$. Use it when the shock is stated
    as output (e.g. a creative sector's turnover growth): $L\,\Delta x$ would double count
    the sector's own intermediate use.

    Components: ``direct`` is $\hat k\,\Delta x_c$ (the given change, in the shocked sectors),
    ``indirect`` is $\hat k\,\Delta x_o$ (the other sectors), ``total`` their sum, for every
    indicator $k$ of the table.

    Parameters
    ----------
    table : IOTable
    delta_output : Series or mapping
        Output change by sector, in the table's unit. Sectors not named are endogenous.

    Returns
    -------
    Impact
        ``shock`` holds the equivalent final-demand change $\Delta f_c$.

    Raises
    ------
    UnknownSectorError
        A sector is not in the table.
    InvalidShockError
        A value is not finite, or a shocked sector has zero output.
    """
    c, dxc = _values(table, delta_output, "delta_output")
    _refuse_zero_output(table, c, dxc, "delta_output")
    dx, dfc = mx.output_shock(table._lu, c, dxc)
    direct = np.zeros(table.n)
    direct[c] = dxc
    indirect = dx - direct
    indirect[c] = 0.0
    parts = {"direct": direct, "indirect": indirect, "total": direct + indirect}
    cols, data = [], []
    for name, k in table.coefficients.items():
        k = k.to_numpy()
        for comp, arr in parts.items():
            cols.append((name, comp))
            data.append(k * arr)
    by_sector = pd.DataFrame(
        np.column_stack(data), index=table.sectors,
        columns=pd.MultiIndex.from_tuples(cols, names=["indicator", "component"]),
    )
    shock = np.zeros(table.n)
    shock[c] = dfc
    card = _assumptions(table, "Type I, exogenised output (mixed model)",
                        shock="output change; shock column holds the equivalent final demand")
    return Impact(
        by_sector=by_sector,
        shock=pd.Series(shock, index=table.sectors, name="delta_final_demand"),
        assumptions=card,
    )


def net_multipliers(table: IOTable) -> pd.Series:
    r"""Net output multipliers (Oosterhaven & Stelder 2002): a descriptive statistic only.

    $$ m^{net}_j = (\iota'L)_j\, f_j / x_j $$

    Contested as an impact measure (de Mesnard 2002, 2007; Sancho 2013); for shocks stated
    as outputs use :func:`output_shock`, which is exact.

    Returns
    -------
    Series indexed by sector, named ``"net_output_multiplier"`` (0 for zero-output sectors).
    """
    values = mx.net_output_multipliers(table._lu, table._x, table._f.sum(axis=1))
    return pd.Series(values, index=table.sectors, name="net_output_multiplier")


# ---------------------------------------------------------------------------- prices
@dataclass(frozen=True, eq=False)
class PriceEffects:
    r"""Price effects of a change in primary-input costs (Leontief price model).

    Attributes
    ----------
    cost_change : Series
        $\Delta v_c$, the change in primary-input cost per unit of output, by sector.
    price_change : Series
        $\Delta p$, relative to base prices of one (0.01 = one per cent).
    weights : Series or None
        Normalised weights of the aggregate index (summing to one), if any.
    aggregate : float or None
        Weighted price change $\sum_i w_i \Delta p_i$: the CPI-like pass-through for a
        household-consumption basket of domestic products at basic prices.
    assumptions : Assumptions
    """

    cost_change: pd.Series
    price_change: pd.Series
    weights: pd.Series | None
    aggregate: float | None
    assumptions: Assumptions

    @property
    def prices(self) -> pd.Series:
        """New prices relative to the base year (base = 1)."""
        return (1.0 + self.price_change).rename("price")

    def to_frame(self) -> pd.DataFrame:
        """Tidy long table with columns sector, quantity, value."""
        wide = pd.DataFrame({"cost_change": self.cost_change, "price_change": self.price_change,
                             "price": self.prices})
        long = wide.stack(future_stack=True)
        long.index = long.index.set_names(["sector", "quantity"])
        return long.rename("value").reset_index()

    def _repr_html_(self) -> str:
        title = "Price effects"
        if self.aggregate is not None:
            title += f" (aggregate {100 * self.aggregate:.3g}%)"
        frame = pd.DataFrame({"cost_change": self.cost_change,
                              "price_change": self.price_change})
        return _html(title, frame, self.assumptions)


def _weights(table: IOTable, weights: str | pd.Series | None) -> np.ndarray | None:
    if weights is None:
        return None
    if isinstance(weights, str):
        check_option("weights", weights, table.final_demand.columns)
        w = table.final_demand[weights].to_numpy(dtype=float)
        what = f"final-demand column {weights!r}"
    elif isinstance(weights, pd.Series):
        pos, vals = _values(table, weights, "weights")
        w = np.zeros(table.n)
        w[pos] = vals
        what = "the weights Series"
    else:
        raise InvalidTableError(
            "weights must be a final-demand column name, a Series indexed by sector, or None; "
            f"got {type(weights).__name__}."
        )
    if (w < 0).any():
        j = int(np.flatnonzero(w < 0)[0])
        raise InvalidTableError(
            f"Price-index weights from {what} are negative for sector "
            f"{table.sectors[j]!r} ({w[j]:g}); a fixed-basket index needs non-negative "
            "weights. Choose a consumption column (e.g. 'households')."
        )
    if w.sum() <= 0:
        raise InvalidTableError(f"Price-index weights from {what} sum to zero.")
    return w / w.sum()


def _price_effects(
    table: IOTable, dv: np.ndarray, weights: str | pd.Series | None, **entries: object
) -> PriceEffects:
    w = _weights(table, weights)
    dp = pr.leontief_prices(table._lu, dv)
    dp[table._x == 0.0] = 0.0  # no producer, no price
    aggregate = None if w is None else float(pr.price_index(dp, w))
    card = _assumptions(
        table, "Leontief price model (cost push, full pass-through, import prices fixed)",
        weights=weights if isinstance(weights, str) or weights is None else "Series",
        **entries,
    )
    return PriceEffects(
        cost_change=pd.Series(dv, index=table.sectors, name="cost_change"),
        price_change=pd.Series(dp, index=table.sectors, name="price_change"),
        weights=None if w is None else pd.Series(w, index=table.sectors, name="weight"),
        aggregate=aggregate,
        assumptions=card,
    )


def prices(
    table: IOTable,
    cost_change: Mapping[object, float] | pd.Series,
    *,
    weights: str | pd.Series | None = "households",
) -> PriceEffects:
    r"""Price changes caused by changes in primary-input costs per unit of output.

    $$ \Delta p' = \Delta v_c' L \quad\Longleftrightarrow\quad (I - A)'\Delta p = \Delta v_c $$

    One transposed solve on the table's factorisation. Prices are relative to the base year
    (base prices are one, because the table is valued at base-year prices); the aggregate is a
    fixed-basket index weighted by a final-demand column.

    Parameters
    ----------
    table : IOTable
    cost_change : Series or mapping
        $\Delta v_c$ by sector: the change in primary-input cost per unit of output (e.g.
        0.01 = one cent more per euro of output). Sectors not named are unchanged.
    weights : str, Series or None, default "households"
        Final-demand column (or Series by sector) weighting the aggregate index; ``None``
        for no aggregate.

    Returns
    -------
    PriceEffects

    Raises
    ------
    UnknownSectorError
        A sector is not in the table.
    InvalidShockError
        A value is not finite, or names a zero-output sector.
    InvalidOptionError
        ``weights`` is not a final-demand column.
    InvalidTableError
        The weights are negative or sum to zero.
    """
    pos, vals = _values(table, cost_change, "cost_change")
    _refuse_zero_output(table, pos, vals, "cost_change")
    dv = np.zeros(table.n)
    dv[pos] = vals
    return _price_effects(table, dv, weights)


def _components(table: IOTable) -> dict[str, np.ndarray]:
    comps = {str(k): table.value_added.loc[k].to_numpy(dtype=float)
             for k in table.value_added.index}
    for name in ("imports", "taxes"):
        s = getattr(table, name)
        if s is not None:
            comps[name] = s.to_numpy(dtype=float)
    if table.other_inputs is not None:
        comps.update({str(k): table.other_inputs.loc[k].to_numpy(dtype=float)
                      for k in table.other_inputs.index})
    return comps


def cost_push(
    table: IOTable,
    component: str,
    rate: float,
    sectors: Iterable[object] | object | None = None,
    *,
    weights: str | pd.Series | None = "households",
) -> PriceEffects:
    r"""Price effects of a proportional rise in one primary-input component.

    $$ \Delta v_{c,j} = r\,\frac{V_{kj}}{x_j}\ \ (j \in S),\qquad \Delta p' = \Delta v_c' L $$

    where $V_{k\cdot}$ is the component's row (a value-added component, ``"imports"``,
    ``"taxes"`` or another primary input) and $S$ the sectors affected.

    Parameters
    ----------
    table : IOTable
    component : str
        A value-added row (e.g. ``"compensation"``), ``"imports"``, ``"taxes"`` (taxes less
        subsidies on products paid on the sector's inputs) or an ``other_inputs`` row.
    rate : float
        Proportional change, e.g. 0.05 for +5 %.
    sectors : label, list of labels, or None
        Sectors whose cost rises; default all.
    weights : str, Series or None, default "households"
        Weights of the aggregate index (see :func:`prices`).

    Raises
    ------
    InvalidOptionError
        ``component`` is not one of the table's primary inputs.
    InvalidShockError
        ``rate`` is not a finite number.
    UnknownSectorError
        A sector is not in the table.
    """
    comps = _components(table)
    check_option("component", component, comps)
    try:
        r = float(rate)
    except (TypeError, ValueError):
        raise InvalidShockError(f"rate must be a number (0.05 for +5%), got {rate!r}.") from None
    if not np.isfinite(r):
        raise InvalidShockError(f"rate must be finite, got {rate!r}.")
    pos = np.arange(table.n) if sectors is None else _positions(table, sectors, "cost_push")
    per_unit = le.per_unit_output(comps[component], table._x)
    dv = np.zeros(table.n)
    dv[pos] = r * per_unit[pos]
    return _price_effects(table, dv, weights, component=component, rate=r,
                          sectors="all" if sectors is None
                          else ", ".join(map(str, table.sectors[pos])))


def wage_rise(
    table: IOTable,
    rate: float,
    sectors: Iterable[object] | object | None = None,
    *,
    weights: str | pd.Series | None = "households",
) -> PriceEffects:
    r"""Price effects of a wage rise of ``rate`` in some sectors (e.g. creative industries).

    $$ \Delta v_{c,j} = r\,w_j\ \ (j \in S),\qquad w_j = \mathrm{CoE}_j / x_j $$

    Compensation of employees per unit of output is the table's income component
    (``table.income_component``). See :func:`cost_push`.

    Raises
    ------
    InvalidTableError
        The table has no compensation row.
    """
    if table.income_component is None:
        raise InvalidTableError(
            f"Table {table.name!r} has no compensation (income) row in value_added, so a wage "
            "rise cannot be costed. Use cost_push(table, component=<row>, rate=...) with one of "
            f"{list(_components(table))}."
        )
    return cost_push(table, table.income_component, rate, sectors, weights=weights)


def tax_change(
    table: IOTable,
    rate: float,
    sectors: Iterable[object] | object | None = None,
    *,
    weights: str | pd.Series | None = "households",
) -> PriceEffects:
    r"""Price effects of a proportional change in taxes less subsidies on products.

    $$ \Delta v_{c,j} = r\,t_j\ \ (j \in S),\qquad t_j = T_j / x_j $$

    $T_j$ is the tax row of the table: taxes less subsidies on the products sector $j$ buys.
    Taxes on final purchases are outside the basic-price model. See :func:`cost_push`.

    Raises
    ------
    InvalidTableError
        The table has no product-tax row.
    """
    if table.taxes is None:
        raise InvalidTableError(
            f"Table {table.name!r} has no taxes row (taxes less subsidies on products); build it "
            "with taxes=... or use cost_push with another component."
        )
    return cost_push(table, "taxes", rate, sectors, weights=weights)
