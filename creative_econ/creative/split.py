r"""Split an aggregate sector into sub-sectors (e.g. creative activities out of a section).

Sector $p$ with output $x_p$ becomes sub-sectors $k$ with outputs $x_k = w_k x_p$,
$\sum_k w_k = 1$ (Wolsky 1984; Lindner, Legault & Guan 2012).

* **Inputs (columns).** Same technology: $z_{ik} = w_k z_{ip}$. With a cost structure
  $\tilde a_{ik}$ (inputs per unit of the sub-sector's output) the prior $\tilde a_{ik} x_k$ is
  balanced (GRAS) so that every supplier still sells $z_{ip}$ to the parent's sub-sectors in
  total, and the sub-sectors' intermediate totals keep the prior's proportions.
* **Primary inputs.** GVA components, imports, product taxes and other inputs of each
  sub-sector close its column: $x_k - \sum_i z_{ik}$, split across components in proportion
  to the parent's (or to given satellite shares), balanced so each component keeps its total.
* **Sales (rows).** Same sales pattern: $z_{kj} = w_k z_{pj}$ and $f_{kc} = w_k f_{pc}$. With
  a sales pattern $s_{kj}$ (the share of buyer $j$'s purchases from the parent supplied by
  $k$) the prior $s_{kj} z_{pj}$ is balanced so each sub-sector sells exactly $x_k$ and each
  buyer still buys what it bought from the parent.
* **Satellites.** Employment (and any value-added component) splits by given shares of the
  parent's total, by default $w$.

A proportional split (same technology, same sales, satellites by $w$) is aggregation
consistent: every sub-sector inherits the parent's output multiplier, and other sectors'
multipliers do not change. A split only informs when cost structures, sales patterns or
satellite coefficients differ between the sub-sectors.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from ..balancing import gras
from ..errors import (
    InvalidParameterError,
    InvalidTableError,
    LabelMismatchError,
    UnknownSectorError,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..table import IOTable

__all__ = ["split_sector"]

_TOL = 1e-9


def _shares(into: Mapping[str, float], what: str) -> pd.Series:
    w = pd.Series(dict(into), dtype=float)
    if len(w) < 2:
        raise InvalidParameterError(what, dict(into), "at least two sub-sectors")
    if w.index.has_duplicates:
        raise LabelMismatchError(f"{what} names a sub-sector twice.")
    bad = w[~np.isfinite(w) | (w <= 0) | (w > 1)]
    if len(bad):
        raise InvalidParameterError(
            f"{what}[{bad.index[0]!r}]", float(bad.iloc[0]), "a share in (0, 1]"
        )
    if abs(w.sum() - 1.0) > 1e-9:
        raise InvalidParameterError(
            f"sum of {what}", round(float(w.sum()), 12), "1 (shares of the parent's output)"
        )
    return w


def _satellite_shares(
    satellites: Mapping[str, Mapping[str, float]] | None, key: str, w: pd.Series
) -> pd.Series:
    if satellites is None or key not in satellites:
        return w
    s = _shares(satellites[key], f"satellites[{key!r}]")
    if set(s.index) != set(w.index):
        raise LabelMismatchError(
            f"satellites[{key!r}] must give a share for each sub-sector {list(w.index)}; "
            f"got {list(s.index)}."
        )
    return s.reindex(w.index)


def split_sector(
    table: IOTable,
    sector: object,
    into: Mapping[str, float],
    *,
    technology: Literal["same"] | pd.DataFrame = "same",
    sales: Literal["same"] | pd.DataFrame = "same",
    satellites: Mapping[str, Mapping[str, float]] | None = None,
    labels: Mapping[str, str] | None = None,
    name: str | None = None,
    note: str | None = None,
) -> IOTable:
    r"""Split ``sector`` into sub-sectors; returns a new, balanced table.

    Parameters
    ----------
    table : IOTable
    sector : label
        The aggregate sector to split; it must have positive output.
    into : mapping
        Sub-sector name -> share of the parent's output, $w_k \in (0, 1]$, summing to 1.
    technology : "same" or DataFrame
        Input coefficients per unit of each sub-sector's output: rows are the table's sectors
        (the parent's row meaning purchases from the parent as a whole; missing rows are 0),
        columns the sub-sectors.
    sales : "same" or DataFrame
        Shares of each buyer's purchases from the parent supplied by each sub-sector: rows the
        sub-sectors, columns buyers (sectors of the table and final-demand categories; a
        buyer not given is served in proportion to $w$). Each column sums to one.
    satellites : mapping, optional
        Indicator -> {sub-sector: share of the parent's total}, for ``"employment"`` and
        for value-added components (e.g. ``"compensation"``); default $w$.
    labels : mapping, optional
        Descriptive names of the sub-sectors.
    name : str, optional
        Name of the new table.
    note : str, optional
        Provenance of the shares (recorded in the new table's notes).

    Raises
    ------
    UnknownSectorError
        ``sector`` is not in the table.
    InvalidParameterError
        Shares outside (0, 1] or not summing to one.
    LabelMismatchError
        Sub-sector names clash with existing sectors, or frames are labelled wrongly.
    InvalidTableError
        The parent has zero output, or a cost structure leaves a sub-sector negative value
        added.
    ConvergenceError
        A cost structure or sales pattern cannot be balanced to the parent's margins.
    """
    from ..table import IOTable

    sectors = table.sectors
    if sector not in sectors:
        raise UnknownSectorError(sector, sectors, where="split")
    w = _shares(into, "into")
    clash = [k for k in w.index if k in sectors and k != sector]
    if clash:
        raise LabelMismatchError(f"Sub-sector names already used by other sectors: {clash}.")
    p = sectors.get_loc(sector)
    x_p = float(table._x[p])
    if x_p <= 0:
        raise InvalidTableError(f"Sector {sector!r} has zero output and cannot be split.")
    subs = pd.Index(w.index, name=sectors.name)
    x_sub = w.to_numpy() * x_p
    others = sectors.delete(p)

    # --- inputs of the sub-sectors (columns), by original supplier row
    z_col = table.Z.iloc[:, p]  # purchases of the parent, by supplier (parent row included)
    if isinstance(technology, str):
        if technology != "same":
            raise InvalidParameterError("technology", technology, "'same' or a DataFrame")
        inputs = pd.DataFrame(np.outer(z_col.to_numpy(), w.to_numpy()), index=sectors,
                              columns=subs)
    else:
        inputs = _balanced_inputs(technology, z_col, subs, x_sub, sectors)

    # --- primary inputs of the sub-sectors
    primary_rows = _primary_rows(table, p)
    primary = _split_primary(primary_rows, inputs, x_sub, w, satellites, subs, sector)

    # --- sales of the sub-sectors (rows), by buyer
    parent_sales = pd.concat([table.Z.iloc[p].drop(sector), table.final_demand.iloc[p]])
    # the parent's purchases from itself become purchases by the sub-sectors from the parent
    own = inputs.loc[sector]  # by buying sub-sector
    buyers = pd.concat([parent_sales, own])
    if isinstance(sales, str):
        if sales != "same":
            raise InvalidParameterError("sales", sales, "'same' or a DataFrame")
        sold = pd.DataFrame(np.outer(w.to_numpy(), buyers.to_numpy()), index=subs,
                            columns=buyers.index)
    else:
        sold = _balanced_sales(sales, buyers, subs, w, x_sub)

    # --- assemble the new table
    order = sectors[:p].append(subs).append(sectors[p + 1:])
    Z = pd.DataFrame(0.0, index=order, columns=order)
    Z.loc[others, others] = table.Z.loc[others, others].to_numpy()
    Z.loc[others, subs] = inputs.loc[others].to_numpy()
    Z.loc[subs, others] = sold[others].to_numpy()
    Z.loc[subs, subs] = sold[subs].to_numpy()
    fd_cols = table.final_demand.columns
    F = pd.DataFrame(0.0, index=order, columns=fd_cols)
    F.loc[others] = table.final_demand.loc[others].to_numpy()
    F.loc[subs] = sold[fd_cols].to_numpy()

    def spread(series: pd.Series | None, shares: pd.Series, what: str) -> pd.Series | None:
        if series is None:
            return None
        out = series.drop(sector).reindex(order)
        out.loc[subs] = primary.get(what, shares * float(series.iloc[p])).to_numpy()
        return out.astype(float)

    va = table.value_added
    VA = pd.DataFrame(0.0, index=va.index, columns=order)
    VA.loc[:, others] = va.loc[:, others].to_numpy()
    for comp in va.index:
        VA.loc[comp, subs] = primary[f"va:{comp}"].to_numpy()
    other_inputs = None
    if table.other_inputs is not None:
        oi = table.other_inputs
        other_inputs = pd.DataFrame(0.0, index=oi.index, columns=order)
        other_inputs.loc[:, others] = oi.loc[:, others].to_numpy()
        for comp in oi.index:
            other_inputs.loc[comp, subs] = primary[f"other:{comp}"].to_numpy()
    emp_shares = _satellite_shares(satellites, "employment", w)
    employment = None
    if table.employment is not None:
        employment = table.employment.drop(sector).reindex(order).astype(float)
        employment.loc[subs] = (emp_shares * float(table.employment.iloc[p])).to_numpy()

    households = table.households
    if households is not None:
        from dataclasses import replace

        changes: dict[str, object] = {}
        for field in ("consumption", "income"):
            value = getattr(households, field)
            if isinstance(value, pd.Series):
                key = "compensation" if field == "income" else field
                shares = _satellite_shares(satellites, key, w)
                new = value.reindex(sectors, fill_value=0.0).drop(sector).reindex(order)
                new.loc[subs] = (shares * float(value.get(sector, 0.0))).to_numpy()
                changes[field] = new.astype(float)
        households = replace(households, **changes) if changes else households

    new_labels = None
    if table.labels is not None or labels is not None:
        base = table.labels if table.labels is not None else pd.Series("", index=sectors)
        parent_label = str(base.iloc[p]) or str(sector)
        new_labels = base.drop(sector).reindex(order).fillna("")
        for k in subs:
            new_labels[k] = (labels or {}).get(k, f"{parent_label}: {k}")
    share_text = ", ".join(f"{k} {v:.4g}" for k, v in w.items())
    split_note = (
        f"Sector {sector!r} split into {share_text} (technology: "
        f"{'same' if isinstance(technology, str) else 'given cost structure'}; sales: "
        f"{'same' if isinstance(sales, str) else 'given pattern'})"
        + (f"; {note}" if note else "") + "."
    )
    return IOTable.from_frames(
        Z=Z,
        final_demand=F,
        value_added=VA,
        imports=spread(table.imports, w, "imports"),
        taxes=spread(table.taxes, w, "taxes"),
        output=spread(table.x, w, "output_exact"),
        employment=employment,
        households=households,
        labels=new_labels,
        other_inputs=other_inputs,
        name=name or f"{table.name} ({sector} split)",
        unit=table.unit,
        year=table.year,
        employment_unit=table.employment_unit,
        income_component=table.income_component or "compensation",
        price_basis=table.price_basis,
        source=table.source,
        allow_negative=table.allow_negative,
        rtol=table.rtol,
        notes=(*_inherited_notes(table), split_note),
    )


def _inherited_notes(table: IOTable) -> tuple[str, ...]:
    """Provenance notes of earlier splits (validation notes are recomputed)."""
    return tuple(n for n in table.notes if n.startswith("Sector ") and " split into " in n)


def _primary_rows(table: IOTable, p: int) -> dict[str, float]:
    rows: dict[str, float] = {}
    for comp, value in zip(table.value_added.index, table._va[:, p], strict=True):
        rows[f"va:{comp}"] = float(value)
    for what in ("imports", "taxes"):
        s = getattr(table, what)
        if s is not None:
            rows[what] = float(s.iloc[p])
    if table.other_inputs is not None:
        for comp, value in zip(table.other_inputs.index, table._other[:, p], strict=True):
            rows[f"other:{comp}"] = float(value)
    return rows


def _balanced_inputs(
    technology: pd.DataFrame, z_col: pd.Series, subs: pd.Index, x_sub: np.ndarray,
    sectors: pd.Index,
) -> pd.DataFrame:
    if not isinstance(technology, pd.DataFrame):
        raise InvalidParameterError("technology", type(technology).__name__,
                                    "'same' or a DataFrame (supplier x sub-sector)")
    if set(technology.columns) != set(subs):
        raise LabelMismatchError(
            f"technology columns must be the sub-sectors {list(subs)}; got "
            f"{list(technology.columns)}."
        )
    unknown = technology.index.difference(sectors)
    if len(unknown):
        raise UnknownSectorError(unknown[0], sectors, where="the technology frame")
    coef = technology.reindex(index=sectors, columns=subs).fillna(0.0).astype(float)
    if not np.isfinite(coef.to_numpy()).all() or (coef.to_numpy() < 0).any():
        raise InvalidTableError("technology coefficients must be finite and non-negative.")
    prior = coef * x_sub
    col_prior = prior.sum(axis=0)
    total = float(z_col.sum())
    if total == 0:
        return prior * 0.0
    if float(col_prior.sum()) == 0:
        raise InvalidTableError("The technology frame has no inputs for any sub-sector.")
    col_targets = col_prior * (total / float(col_prior.sum()))
    over = col_targets.to_numpy() > x_sub
    if over.any():
        k = subs[np.flatnonzero(over)[0]]
        raise InvalidTableError(
            f"The cost structure gives sub-sector {k!r} intermediate inputs above its output; "
            "its value added would be negative."
        )
    return gras(prior, z_col, col_targets).frame


def _split_primary(
    rows: dict[str, float], inputs: pd.DataFrame, x_sub: np.ndarray, w: pd.Series,
    satellites: Mapping[str, Mapping[str, float]] | None, subs: pd.Index, sector: object,
) -> dict[str, pd.Series]:
    out: dict[str, pd.Series] = {}
    if not rows:
        return out
    names = list(rows)
    shares = np.vstack([
        _satellite_shares(satellites, n.split(":", 1)[-1], w).to_numpy() for n in names
    ])
    totals = np.array([rows[n] for n in names])
    prior = pd.DataFrame(shares * totals[:, None], index=names, columns=subs)
    col_targets = pd.Series(x_sub - inputs.sum(axis=0).to_numpy(), index=subs)
    recorded = float(totals.sum())
    available = float(col_targets.sum())
    if abs(available) > _TOL:
        col_targets = col_targets * (recorded / available)
    if (col_targets < -_TOL * max(1.0, abs(recorded))).any() and recorded >= 0:
        k = col_targets.idxmin()
        raise InvalidTableError(
            f"Splitting {sector!r} leaves sub-sector {k!r} with negative primary inputs "
            f"({float(col_targets[k]):,.6g}); check the cost structure."
        )
    balanced = prior if np.allclose(prior.sum(axis=0), col_targets, rtol=1e-12, atol=1e-9) \
        else gras(prior, pd.Series(totals, index=names), col_targets).frame
    for n in names:
        out[n] = balanced.loc[n]
    return out


def _balanced_sales(
    sales: pd.DataFrame, buyers: pd.Series, subs: pd.Index, w: pd.Series, x_sub: np.ndarray
) -> pd.DataFrame:
    if not isinstance(sales, pd.DataFrame):
        raise InvalidParameterError("sales", type(sales).__name__,
                                    "'same' or a DataFrame (sub-sector x buyer)")
    if set(sales.index) != set(subs):
        raise LabelMismatchError(
            f"sales rows must be the sub-sectors {list(subs)}; got {list(sales.index)}."
        )
    unknown = sales.columns.difference(buyers.index)
    if len(unknown):
        raise LabelMismatchError(
            f"sales has buyers that are neither sectors nor final-demand categories: "
            f"{list(unknown[:10])}."
        )
    pattern = sales.reindex(index=subs).astype(float)
    sums = pattern.sum(axis=0)
    bad = sums[(sums - 1.0).abs() > 1e-6]
    if len(bad):
        raise InvalidParameterError(f"sum of sales[:, {bad.index[0]!r}]", float(bad.iloc[0]),
                                    "1 (shares of the buyer's purchases from the parent)")
    full = pd.DataFrame(np.outer(w.to_numpy(), np.ones(len(buyers))), index=subs,
                        columns=buyers.index)
    full.loc[:, pattern.columns] = pattern.to_numpy()
    prior = full * buyers.to_numpy()
    row_targets = pd.Series(x_sub, index=subs)
    return gras(prior, row_targets, buyers).frame
