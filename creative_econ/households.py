r"""The household closure used for Type II multipliers.

Default closure (documented and overridable):

* income row $h_{r,j} = \text{income}_j / x_j$, income being compensation of employees unless
  another value-added row or a Series is given;
* consumption column $h_{c,i} = f^{hh,dom}_i / Y^{hh}$: household final consumption of domestic
  products at basic prices over household income $Y^{hh}$, which is the total of the income
  row unless an explicit ``total_income`` (e.g. a published household-income total) is given.

The choice matters: on the Eurostat-manual Germany 1995 table, $\sum_i h_{c,i}$ is 0.816 with
$Y^{hh}$ = total compensation, and about 0.50 with GVA as the income proxy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .errors import InvalidTableError, LabelMismatchError

__all__ = ["HouseholdClosure", "Households"]


@dataclass(frozen=True)
class Households:
    """How to close the model with households (the Type II specification).

    Parameters
    ----------
    consumption : str or pandas.Series
        Household consumption of domestic products at basic prices: the label of a
        final-demand column, or a Series indexed by sector.
    income : str or pandas.Series, default "compensation"
        Household income earned by sector: the label of a value-added row, or a Series
        indexed by sector. The income row of the closure is this divided by output.
    total_income : float, optional
        Household income $Y^{hh}$, the denominator of the consumption coefficients. Defaults
        to the total of ``income``.
    own_use : float, default 0
        Households' purchases from households per unit of income ($h_{hh}$).
    imports : float, default 0
        Household consumption of imported products (a total, same unit as the table); gives
        the import leakage of household spending in Type II import effects.
    taxes : float, default 0
        Taxes less subsidies on products paid on household consumption (a total).
    """

    consumption: str | pd.Series
    income: str | pd.Series = "compensation"
    total_income: float | None = None
    own_use: float = 0.0
    imports: float = 0.0
    taxes: float = 0.0


@dataclass(frozen=True, eq=False)
class HouseholdClosure:
    """A resolved household closure: coefficient vectors aligned to a table's sectors."""

    income: pd.Series  # h_r, income per unit of output
    consumption: pd.Series  # h_c, consumption per unit of household income
    own_use: float
    total_income: float
    import_share: float  # imported consumption per unit of income
    tax_share: float
    description: str

    def describe(self) -> str:
        return self.description


def _sector_series(value: pd.Series, sectors: pd.Index, what: str) -> np.ndarray:
    if not isinstance(value, pd.Series):
        raise InvalidTableError(f"{what} must be a label or a pandas Series indexed by sector.")
    missing = sectors.difference(value.index)
    unexpected = value.index.difference(sectors)
    if len(unexpected) or value.index.has_duplicates:
        raise LabelMismatchError(
            f"{what} has labels that are not sectors of the table: {list(unexpected)[:10]}"
            + (" (duplicate labels)" if value.index.has_duplicates else "")
        )
    out = value.reindex(sectors).fillna(0.0) if len(missing) else value.reindex(sectors)
    arr = pd.to_numeric(out, errors="coerce").to_numpy(dtype=float)
    if not np.all(np.isfinite(arr)):
        bad = sectors[~np.isfinite(arr)][0]
        raise InvalidTableError(f"{what} is missing or not finite for sector {bad!r}.")
    return arr


def resolve_closure(
    spec: Households,
    *,
    sectors: pd.Index,
    x: np.ndarray,
    final_demand: pd.DataFrame,
    value_added: pd.DataFrame,
) -> HouseholdClosure:
    """Turn a :class:`Households` spec into coefficient vectors for a table."""
    if isinstance(spec.consumption, str):
        if spec.consumption not in final_demand.columns:
            raise LabelMismatchError(
                f"Households(consumption={spec.consumption!r}): no such final-demand column; "
                f"columns are {list(final_demand.columns)}."
            )
        cons = final_demand[spec.consumption].to_numpy(dtype=float)
        cons_what = f"final-demand column {spec.consumption!r}"
    else:
        cons = _sector_series(spec.consumption, sectors, "Households.consumption")
        cons_what = "a consumption Series"
    if np.any(cons < 0):
        i = int(np.argmin(cons))
        raise InvalidTableError(
            f"Household consumption is negative for sector {sectors[i]!r} ({cons[i]:g}); a "
            "household closure needs non-negative consumption of domestic products."
        )
    if isinstance(spec.income, str):
        if spec.income not in value_added.index:
            raise LabelMismatchError(
                f"Households(income={spec.income!r}): no such value-added row; rows are "
                f"{list(value_added.index)}. Pass income= a row label or a Series."
            )
        inc = value_added.loc[spec.income].to_numpy(dtype=float)
        inc_what = f"value-added row {spec.income!r}"
    else:
        inc = _sector_series(spec.income, sectors, "Households.income")
        inc_what = "an income Series"
    if np.any(inc < 0):
        i = int(np.argmin(inc))
        raise InvalidTableError(
            f"Household income is negative for sector {sectors[i]!r} ({inc[i]:g})."
        )
    if np.any((x == 0) & (inc != 0)):
        i = int(np.flatnonzero((x == 0) & (inc != 0))[0])
        raise InvalidTableError(f"Sector {sectors[i]!r} pays household income but has zero output.")
    total = float(inc.sum()) if spec.total_income is None else float(spec.total_income)
    if not np.isfinite(total) or total <= 0:
        raise InvalidTableError(f"Household income total must be positive, got {total:g}.")
    for name, val in (("own_use", spec.own_use), ("imports", spec.imports), ("taxes", spec.taxes)):
        if not np.isfinite(val):
            raise InvalidTableError(f"Households.{name} must be finite, got {val!r}.")
    if spec.own_use < 0 or spec.imports < 0:
        raise InvalidTableError("Households.own_use and Households.imports must be non-negative.")
    h_r = np.zeros_like(inc)
    np.divide(inc, x, out=h_r, where=x != 0)
    h_c = cons / total
    denom = "total household income" if spec.total_income is None else "an explicit total_income"
    desc = (
        f"Type II household closure: income row = {inc_what} / output; consumption column = "
        f"{cons_what} / {denom} ({total:,.6g}); sum of consumption coefficients "
        f"{h_c.sum():.4f}; households' own use {spec.own_use:g}."
    )
    return HouseholdClosure(
        income=pd.Series(h_r, index=sectors, name="income_coefficient"),
        consumption=pd.Series(h_c, index=sectors, name="consumption_coefficient"),
        own_use=float(spec.own_use),
        total_income=total,
        import_share=float(spec.imports) / total,
        tax_share=float(spec.taxes) / total,
        description=desc,
    )
