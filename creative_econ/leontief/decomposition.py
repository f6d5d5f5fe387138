r"""Direct, indirect and induced impacts of a final-demand change, by sector.

For a change $\Delta f$ and a satellite coefficient vector $k$ (ones for output):

* direct $= \hat k\, \Delta f$ (the shocked sectors' own first-round output, IMPLAN's
  convention: within-sector feedback $(l_{jj} - 1)\Delta f_j$ counts as indirect);
* indirect $= \hat k\,(L - I)\,\Delta f$;
* induced $= \hat k\,(\bar L_{11} - L)\,\Delta f$ (Type II only);
* total = direct + indirect + induced.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._types import FloatArray
from .closure import ClosedFactor, closed_solve
from .factor import LUFactor, solve

__all__ = ["OutputComponents", "output_components"]


@dataclass(frozen=True)
class OutputComponents:
    """Output by sector split into components; arrays of shape (n,) or (n, k)."""

    direct: FloatArray
    indirect: FloatArray
    induced: FloatArray
    household_income: FloatArray | float | None

    @property
    def total(self) -> FloatArray:
        return self.direct + self.indirect + self.induced


def output_components(
    lu: LUFactor, delta_f: FloatArray, closed: ClosedFactor | None = None
) -> OutputComponents:
    r"""Split the output response to $\Delta f$ into direct, indirect and induced parts.

    $$ \Delta x^{I} = L\,\Delta f,\qquad
       \Delta x^{II} = \Delta x^{I} + w\,\frac{h_r' \Delta x^{I}}{s} $$

    Parameters
    ----------
    lu : LUFactor
        Type I factorisation.
    delta_f : ndarray of shape (n,) or (n, k)
        Final-demand change(s), one column per right-hand side.
    closed : ClosedFactor, optional
        Household closure for Type II; without it the induced part is zero.

    Returns
    -------
    OutputComponents
        Multiply elementwise by satellite coefficients for other indicators.
    """
    df = np.asarray(delta_f, dtype=float)
    x1 = solve(lu, df)
    if closed is None:
        return OutputComponents(df.copy(), x1 - df, np.zeros_like(x1), None)
    x2, x_h = closed_solve(closed, df)
    return OutputComponents(df.copy(), x1 - df, x2 - x1, x_h)
