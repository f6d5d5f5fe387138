r"""Balance a labelled matrix to known row and column totals with RAS or GRAS.

The labelled face of :mod:`creative_econ.leontief.balancing`: a prior
:class:`pandas.DataFrame` and two :class:`pandas.Series` of targets matched to it by label
(in any order), returning a :class:`Balanced` result with the balanced frame, the row and
column multipliers and the report of the iterations.

Typical uses:

* **Rebalancing after a split.** A creative sub-sector is split out of an aggregate sector by
  shares, which breaks the known totals; :func:`ras` restores them. With
  ``missing_targets="prior"`` only the margins that changed need to be given.
* **Hybrid or updated tables with negative entries** (changes in inventories, subsidies,
  negative operating surplus): :func:`gras` keeps every entry's sign.

```python
import pandas as pd
from creative_econ.balancing import gras

prior = pd.DataFrame([[7.0, 3.0, -3.0], [2.0, 9.0, 1.0]],
                     index=["film", "music"], columns=["film", "music", "inventories"])
res = gras(prior, pd.Series({"film": 8.0, "music": 13.0}),
           pd.Series({"film": 10.0, "music": 13.0, "inventories": -2.0}))
res.frame         # balanced DataFrame, same labels as the prior
res.residuals     # largest relative margin residual after each iteration
res.margins()     # target, achieved sum and residual of every row and column
```
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from ._labels import check_option, check_unique, to_float_array
from .errors import InvalidTableError, LabelMismatchError
from .leontief import balancing as _core

__all__ = ["Balanced", "gras", "ras"]

MissingTargets = Literal["raise", "prior"]
_MISSING = ("raise", "prior")


@dataclass(frozen=True, eq=False)
class Balanced:
    """A balanced matrix with its labels, multipliers and the report of the iterations.

    Attributes
    ----------
    frame : pandas.DataFrame
        The balanced matrix, with the prior's index and columns.
    row_multipliers, col_multipliers : pandas.Series
        $r$ and $s$ by row and column label (conventions in
        :class:`creative_econ.leontief.balancing.BalancingResult`).
    row_targets, col_targets : pandas.Series
        The targets that were met, in the frame's order (including any filled from the prior).
    iterations : int
        Iterations done (a row step and a column step each); ``0`` if the prior was balanced.
    converged : bool
        Whether the largest relative margin residual reached ``tol``.
    residuals : pandas.Series
        Largest relative margin residual by iteration, ``0`` being the prior.
    method : {"RAS", "GRAS"}
    tol : float
    """

    frame: pd.DataFrame
    row_multipliers: pd.Series
    col_multipliers: pd.Series
    row_targets: pd.Series
    col_targets: pd.Series
    iterations: int
    converged: bool
    residuals: pd.Series
    method: str
    tol: float

    @property
    def residual(self) -> float:
        """Largest relative margin residual of :attr:`frame`."""
        return float(self.residuals.iloc[-1])

    def margins(self) -> pd.DataFrame:
        r"""Target, achieved sum and residual of every row and column, as a tidy frame.

        Columns: ``axis`` (``"row"`` or ``"column"``), ``label``, ``target``, ``achieved``,
        ``deviation`` (achieved − target) and ``relative_residual``,
        $|a - t| / \max(|t|, \sum |x|)$, the quantity the iteration stops on.
        """
        values = self.frame.to_numpy()
        parts = []
        for axis, target, ax in (("row", self.row_targets, 1), ("column", self.col_targets, 0)):
            achieved = values.sum(axis=ax)
            gross = np.abs(values).sum(axis=ax)
            t = target.to_numpy()
            scale = np.maximum(np.abs(t), gross)
            dev = achieved - t
            rel = np.zeros_like(dev)
            np.divide(np.abs(dev), scale, out=rel, where=scale > 0.0)
            parts.append(
                pd.DataFrame(
                    {
                        "axis": axis,
                        "label": list(target.index),
                        "target": t,
                        "achieved": achieved,
                        "deviation": dev,
                        "relative_residual": rel,
                    }
                )
            )
        return pd.concat(parts, ignore_index=True)

    def summary(self) -> str:
        """One line: method, convergence, iterations and the largest residual."""
        state = "converged" if self.converged else "did NOT converge"
        return (
            f"{self.method} {state} in {self.iterations} iteration(s); largest relative margin "
            f"residual {self.residual:.3g} (tol {self.tol:g}); "
            f"{self.frame.shape[0]} rows x {self.frame.shape[1]} columns."
        )

    def __repr__(self) -> str:
        return f"<Balanced: {self.summary()}>"

    def _repr_html_(self) -> str:
        return f"<p>{html.escape(self.summary())}</p>" + self.frame._repr_html_()


def ras(
    prior: pd.DataFrame,
    row_targets: pd.Series | Mapping[object, float],
    col_targets: pd.Series | Mapping[object, float],
    *,
    tol: float = 1e-10,
    max_iter: int = 5000,
    if_not_converged: _core.OnFailure = "raise",
    missing_targets: MissingTargets = "raise",
) -> Balanced:
    r"""Balance a non-negative labelled matrix to row and column totals by RAS.

    $$ X = \hat r\, X_0\, \hat s, \qquad X\iota = u,\quad X'\iota = v $$

    See :func:`creative_econ.leontief.balancing.ras` for the iteration, the convergence
    criterion and the treatment of zero rows and columns.

    Parameters
    ----------
    prior : pandas.DataFrame
        Prior matrix $X_0$, non-negative, with unique row and column labels. Not modified.
    row_targets : pandas.Series or mapping
        Target row sums by row label (any order).
    col_targets : pandas.Series or mapping
        Target column sums by column label (any order).
    tol : float, default 1e-10
        Largest relative margin residual accepted.
    max_iter : int, default 5000
        Most iterations to do.
    if_not_converged : {"raise", "warn"}, default "raise"
        Raise :class:`~creative_econ.errors.ConvergenceError`, or return the last iterate with
        a :class:`~creative_econ.errors.CreativeEconWarning`.
    missing_targets : {"raise", "prior"}, default "raise"
        What a label without a target means: an error (``"raise"``), or keep the prior's sum
        for that row or column (``"prior"``), which is convenient when only a few margins
        changed.

    Returns
    -------
    Balanced

    Raises
    ------
    InvalidTableError
        The prior is not a DataFrame, has non-numeric or non-finite values, or a negative
        entry (use :func:`gras`).
    LabelMismatchError
        Duplicate labels, or targets whose labels do not match the prior's (the message
        lists the missing and unexpected labels).
    ConvergenceError
        Inconsistent or unreachable margins, or no convergence within ``max_iter``.
    """
    return _balance_frame(
        prior, row_targets, col_targets, method="RAS", tol=tol, max_iter=max_iter,
        if_not_converged=if_not_converged, missing_targets=missing_targets,
    )  # fmt: skip


def gras(
    prior: pd.DataFrame,
    row_targets: pd.Series | Mapping[object, float],
    col_targets: pd.Series | Mapping[object, float],
    *,
    tol: float = 1e-10,
    max_iter: int = 5000,
    if_not_converged: _core.OnFailure = "raise",
    missing_targets: MissingTargets = "raise",
) -> Balanced:
    r"""Balance a labelled matrix with entries of either sign to row and column totals by GRAS.

    $$ X = \hat r P \hat s - \hat r^{-1} N \hat s^{-1}, \qquad X_0 = P - N $$

    See :func:`creative_econ.leontief.balancing.gras` for the iteration (with the Lenzen,
    Wood & Gallego 2007 correction for rows and columns without positive entries) and the
    convergence criterion.

    Parameters
    ----------
    prior : pandas.DataFrame
        Prior matrix $X_0$, any signs, with unique row and column labels. Not modified.
    row_targets : pandas.Series or mapping
        Target row sums by row label (any order).
    col_targets : pandas.Series or mapping
        Target column sums by column label (any order).
    tol : float, default 1e-10
        Largest relative margin residual accepted.
    max_iter : int, default 5000
        Most iterations to do.
    if_not_converged : {"raise", "warn"}, default "raise"
        Raise :class:`~creative_econ.errors.ConvergenceError`, or return the last iterate with
        a :class:`~creative_econ.errors.CreativeEconWarning`.
    missing_targets : {"raise", "prior"}, default "raise"
        What a label without a target means: an error (``"raise"``), or keep the prior's sum
        for that row or column (``"prior"``).

    Returns
    -------
    Balanced

    Raises
    ------
    InvalidTableError
        The prior is not a DataFrame or has non-numeric or non-finite values.
    LabelMismatchError
        Duplicate labels, or targets whose labels do not match the prior's.
    ConvergenceError
        Inconsistent or unreachable margins, or no convergence within ``max_iter``.
    """
    return _balance_frame(
        prior, row_targets, col_targets, method="GRAS", tol=tol, max_iter=max_iter,
        if_not_converged=if_not_converged, missing_targets=missing_targets,
    )  # fmt: skip


def _short(labels: pd.Index, k: int = 10) -> str:
    shown = ", ".join(repr(x) for x in list(labels)[:k])
    more = f" and {len(labels) - k} more" if len(labels) > k else ""
    return f"[{shown}]{more}"


def _targets(
    targets: object,
    labels: pd.Index,
    prior_sums: np.ndarray,
    what: str,
    axis_word: str,
    missing_targets: str,
) -> pd.Series:
    """Targets as a float Series in the order of ``labels``, with label errors worded."""
    if isinstance(targets, Mapping) and not isinstance(targets, pd.Series):
        targets = pd.Series(dict(targets), dtype=object)
    if not isinstance(targets, pd.Series):
        raise InvalidTableError(
            f"{what} must be a pandas Series (or a mapping) indexed by the prior's {axis_word} "
            f"labels; got {type(targets).__name__}."
        )
    check_unique(targets.index, what)
    missing = labels.difference(targets.index, sort=False)
    unexpected = targets.index.difference(labels, sort=False)
    if len(unexpected) or (len(missing) and missing_targets == "raise"):
        parts = []
        if len(missing):
            parts.append(f"missing {_short(missing)}")
        if len(unexpected):
            parts.append(f"unexpected {_short(unexpected)}")
        hint = (
            " Give a target for every label, or pass missing_targets='prior' to keep the "
            "prior's sums where no target is given."
            if len(missing)
            else " Remove them or fix their spelling."
        )
        raise LabelMismatchError(
            f"{what} does not match the prior's {axis_word} labels: {'; '.join(parts)}.{hint}"
        )
    values = np.array(prior_sums, dtype=float)
    values[labels.get_indexer(targets.index)] = to_float_array(targets, what)
    return pd.Series(values, index=labels.copy(), name=what)


def _balance_frame(
    prior: pd.DataFrame,
    row_targets: object,
    col_targets: object,
    *,
    method: str,
    tol: float,
    max_iter: int,
    if_not_converged: str,
    missing_targets: str,
) -> Balanced:
    if not isinstance(prior, pd.DataFrame):
        raise InvalidTableError(
            f"The prior must be a pandas DataFrame; got {type(prior).__name__}. For arrays use "
            f"creative_econ.leontief.balancing.{method.lower()}()."
        )
    check_option("missing_targets", missing_targets, _MISSING)
    check_unique(prior.index, "The prior's index")
    check_unique(prior.columns, "The prior's columns")
    X0 = to_float_array(prior, "The prior")
    with np.errstate(invalid="ignore"):  # non-finite values are reported by the core
        row_sums, col_sums = X0.sum(axis=1), X0.sum(axis=0)
    u = _targets(row_targets, prior.index, row_sums, "row_targets", "row", missing_targets)
    v = _targets(col_targets, prior.columns, col_sums, "col_targets", "column", missing_targets)
    res = _core._balance(
        X0,
        u.to_numpy(),
        v.to_numpy(),
        method="RAS" if method == "RAS" else "GRAS",
        tol=tol,
        max_iter=max_iter,
        if_not_converged=if_not_converged,
        row_labels=list(prior.index),
        col_labels=list(prior.columns),
        stacklevel=4,
    )
    frame = pd.DataFrame(np.array(res.X), index=prior.index.copy(), columns=prior.columns.copy())
    iteration = pd.RangeIndex(res.iterations + 1, name="iteration")
    return Balanced(
        frame=frame,
        row_multipliers=pd.Series(np.array(res.r), index=prior.index.copy(), name="r"),
        col_multipliers=pd.Series(np.array(res.s), index=prior.columns.copy(), name="s"),
        row_targets=u,
        col_targets=v,
        iterations=res.iterations,
        converged=res.converged,
        residuals=pd.Series(np.array(res.residuals), index=iteration, name="max_relative_residual"),
        method=res.method,
        tol=res.tol,
    )
