r"""RAS and GRAS: scale a prior matrix so that its rows and columns add up to known totals.

Both methods look for the matrix closest to a prior $X_0$ (in the minimum-information sense)
whose row sums are $u$ and whose column sums are $v$, by multiplying each row and each column
by a factor.

**RAS** (Stone; Bacharach 1970) needs a non-negative prior and finds

$$ X = \hat r\, X_0\, \hat s, \qquad X\iota = u, \qquad X'\iota = v, $$

alternating $r \leftarrow u \oslash (X_0 s)$ and $s \leftarrow v \oslash (X_0' r)$.

**GRAS** (Junius & Oosterhaven 2003; Lenzen, Wood & Gallego 2007) accepts entries of either
sign. With $X_0 = P - N$, $P, N \ge 0$,

$$ X = \hat r P \hat s - \hat r^{-1} N \hat s^{-1}, $$

and each column factor solves $s_j p_j(r) - n_j(r)/s_j = v_j$ with
$p_j(r) = \sum_i r_i p_{ij}$ and $n_j(r) = \sum_i n_{ij}/r_i$:

$$
s_j = \frac{v_j + \sqrt{v_j^2 + 4 p_j(r) n_j(r)}}{2 p_j(r)} \quad (p_j(r) > 0), \qquad
s_j = -\frac{n_j(r)}{v_j} \quad (p_j(r) = 0),
$$

the second case being the correction of Lenzen, Wood & Gallego (2007) for columns without
positive entries; rows are updated symmetrically. On a non-negative prior GRAS is RAS.

Convergence is measured on the margins themselves. After every iteration (a row step followed
by a column step) the relative residual of row $i$ is

$$ d_i = \frac{\left|(X\iota)_i - u_i\right|}{\max\!\left(|u_i|,\ \sum_j |x_{ij}|\right)} $$

and likewise for columns; the iteration stops when $\max(\max_i d_i, \max_j d_j) \le$ ``tol``.
For a row without negative entries $d_i \le \epsilon$ means
$|(X\iota)_i - u_i| \le \epsilon\,|u_i| / (1 - \epsilon)$: the margin is met to relative
precision $\epsilon$. For a mixed-sign row whose target is small because positive and
negative entries cancel, the deviation is measured against the gross flows
$\sum_j |x_{ij}|$, which is the precision floating point can resolve.

References
----------
Bacharach, M. (1970). *Biproportional Matrices and Input-Output Change*. Cambridge UP.
Junius, T. & Oosterhaven, J. (2003). The solution of updating or regionalizing a matrix with
both positive and negative entries. *Economic Systems Research* 15(1), 87-96.
Lenzen, M., Wood, R. & Gallego, B. (2007). Some comments on the GRAS method. *Economic
Systems Research* 19(4), 461-465.
Temurshoev, U., Miller, R.E. & Bouwmeester, M.C. (2013). A note on the GRAS method.
*Economic Systems Research* 25(3), 361-367.
Miller, R.E. & Blair, P.D. (2009). *Input-Output Analysis*, 2nd ed., §7.4.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from numbers import Integral, Real
from typing import Literal

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from ..errors import (
    ConvergenceError,
    CreativeEconWarning,
    InvalidOptionError,
    InvalidParameterError,
    InvalidTableError,
)
from ._types import BoolArray, FloatArray

__all__ = ["BalancingResult", "gras", "ras"]

OnFailure = Literal["raise", "warn"]
_ON_FAILURE = ("raise", "warn")
_MAX_NAMED = 5  # how many offending rows or columns an error message lists


@dataclass(frozen=True, eq=False)
class BalancingResult:
    r"""A balanced matrix and the report of the iterations that produced it.

    Attributes
    ----------
    X : ndarray of shape (m, n)
        The balanced matrix, $\hat r X_0 \hat s$ (RAS) or $\hat r P \hat s - \hat r^{-1} N
        \hat s^{-1}$ (GRAS). Read-only.
    r : ndarray of shape (m,)
        Row multipliers. ``0`` for a row whose target is zero and whose entries are all
        positive (the row is set to zero); ``inf`` for a row whose target is zero and whose
        entries are all negative (GRAS; the negative entries are divided by it); ``1`` for an
        all-zero row.
    s : ndarray of shape (n,)
        Column multipliers, with the same conventions.
    iterations : int
        Number of iterations done; one iteration is a row step followed by a column step.
        ``0`` if the prior already met the margins.
    converged : bool
        Whether the largest relative margin residual fell to ``tol`` or below.
    residuals : ndarray of shape (iterations + 1,)
        Largest relative margin residual (see the module documentation) of the prior
        (``residuals[0]``) and after each iteration.
    method : {"RAS", "GRAS"}
    tol : float
        The tolerance that was asked for.
    """

    X: FloatArray
    r: FloatArray
    s: FloatArray
    iterations: int
    converged: bool
    residuals: FloatArray
    method: str
    tol: float

    @property
    def residual(self) -> float:
        """Largest relative margin residual of the returned matrix."""
        return float(self.residuals[-1])


def ras(
    X0: FloatArray,
    row_targets: FloatArray,
    col_targets: FloatArray,
    *,
    tol: float = 1e-10,
    max_iter: int = 5000,
    if_not_converged: OnFailure = "raise",
    row_labels: Sequence[object] | None = None,
    col_labels: Sequence[object] | None = None,
) -> BalancingResult:
    r"""Balance a non-negative prior to row and column totals by RAS.

    $$ X = \hat r\, X_0\, \hat s \quad\text{with}\quad X\iota = u,\ X'\iota = v $$

    Each iteration scales the rows to their targets, $r = u \oslash (X_0 s)$, then the columns,
    $s = v \oslash (X_0' r)$. Zeros of the prior stay zero and no entry changes sign. A row
    whose target is zero is set to zero ($r_i = 0$); an all-zero row with target zero keeps
    $r_i = 1$.

    Parameters
    ----------
    X0 : array_like of shape (m, n)
        Prior matrix, non-negative and finite. Not modified.
    row_targets : array_like of shape (m,)
        Target row sums $u$, non-negative.
    col_targets : array_like of shape (n,)
        Target column sums $v$, non-negative, with $\iota'u = \iota'v$.
    tol : float, default 1e-10
        Stop when the largest relative margin residual (module documentation) is at most
        ``tol``. The same tolerance decides whether the totals agree:
        $|\iota'u - \iota'v| \le \mathrm{tol}\,(\sum_i |u_i| + \sum_j |v_j|)$.
    max_iter : int, default 5000
        Most iterations to do.
    if_not_converged : {"raise", "warn"}, default "raise"
        ``"raise"``: :class:`~creative_econ.errors.ConvergenceError` if ``tol`` is not reached
        within ``max_iter`` iterations. ``"warn"``: return the last iterate with
        ``converged=False`` and a :class:`~creative_econ.errors.CreativeEconWarning`.
    row_labels, col_labels : sequence, optional
        Names of the rows and columns, used only in error messages.

    Returns
    -------
    BalancingResult

    Raises
    ------
    InvalidTableError
        Shapes disagree, a value is not finite, or the prior has a negative entry (use
        :func:`gras`).
    ConvergenceError
        The targets have different totals, a target cannot be met by the prior's zero pattern
        (an all-zero row with a non-zero target, a negative target, a block of rows and
        columns whose totals disagree), or ``tol`` was not reached in ``max_iter`` iterations.

    References
    ----------
    Miller, R.E. & Blair, P.D. (2009). *Input-Output Analysis*, 2nd ed., §7.4.
    Bacharach, M. (1970). *Biproportional Matrices and Input-Output Change*.
    """
    return _balance(
        X0,
        row_targets,
        col_targets,
        method="RAS",
        tol=tol,
        max_iter=max_iter,
        if_not_converged=if_not_converged,
        row_labels=row_labels,
        col_labels=col_labels,
    )


def gras(
    X0: FloatArray,
    row_targets: FloatArray,
    col_targets: FloatArray,
    *,
    tol: float = 1e-10,
    max_iter: int = 5000,
    if_not_converged: OnFailure = "raise",
    row_labels: Sequence[object] | None = None,
    col_labels: Sequence[object] | None = None,
) -> BalancingResult:
    r"""Balance a prior with entries of either sign to row and column totals by GRAS.

    $$ X = \hat r P \hat s - \hat r^{-1} N \hat s^{-1}, \qquad X_0 = P - N,\ P, N \ge 0 $$

    with $X\iota = u$ and $X'\iota = v$. Each iteration solves every row for $r_i$ given $s$,
    then every column for $s_j$ given $r$:

    $$
    r_i = \frac{u_i + \sqrt{u_i^2 + 4 p_i(s) n_i(s)}}{2 p_i(s)}\ (p_i(s) > 0), \qquad
    r_i = -\frac{n_i(s)}{u_i}\ (p_i(s) = 0),
    $$

    where $p_i(s) = \sum_j p_{ij} s_j$ and $n_i(s) = \sum_j n_{ij} / s_j$; the second case is
    the Lenzen, Wood & Gallego (2007) correction for rows (and, symmetrically, columns) without
    positive entries. The quadratic root is evaluated in a form without cancellation.
    Zeros stay zero and every entry keeps its sign (an entry can only reach zero when its
    whole row or column has a zero target and entries of one sign). On a non-negative prior
    the result is that of :func:`ras`.

    Parameters
    ----------
    X0 : array_like of shape (m, n)
        Prior matrix, finite, any signs. Not modified.
    row_targets : array_like of shape (m,)
        Target row sums $u$.
    col_targets : array_like of shape (n,)
        Target column sums $v$, with $\iota'u = \iota'v$.
    tol : float, default 1e-10
        Stop when the largest relative margin residual (module documentation) is at most
        ``tol``. The same tolerance decides whether the totals agree:
        $|\iota'u - \iota'v| \le \mathrm{tol}\,(\sum_i |u_i| + \sum_j |v_j|)$.
    max_iter : int, default 5000
        Most iterations to do.
    if_not_converged : {"raise", "warn"}, default "raise"
        ``"raise"``: :class:`~creative_econ.errors.ConvergenceError` if ``tol`` is not reached
        within ``max_iter`` iterations. ``"warn"``: return the last iterate with
        ``converged=False`` and a :class:`~creative_econ.errors.CreativeEconWarning`.
    row_labels, col_labels : sequence, optional
        Names of the rows and columns, used only in error messages.

    Returns
    -------
    BalancingResult

    Raises
    ------
    InvalidTableError
        Shapes disagree or a value is not finite.
    ConvergenceError
        The targets have different totals, a target cannot be met by the prior's sign and zero
        pattern (a positive target for a row without positive entries, a non-zero target for
        an all-zero row, a block of rows and columns whose totals disagree), or ``tol`` was
        not reached in ``max_iter`` iterations.

    References
    ----------
    Junius, T. & Oosterhaven, J. (2003). *Economic Systems Research* 15(1), 87-96.
    Lenzen, M., Wood, R. & Gallego, B. (2007). *Economic Systems Research* 19(4), 461-465.
    Temurshoev, U., Miller, R.E. & Bouwmeester, M.C. (2013). *Economic Systems Research*
    25(3), 361-367.
    """
    return _balance(
        X0,
        row_targets,
        col_targets,
        method="GRAS",
        tol=tol,
        max_iter=max_iter,
        if_not_converged=if_not_converged,
        row_labels=row_labels,
        col_labels=col_labels,
    )


# --------------------------------------------------------------------------------------------
# The two scaling formulas
# --------------------------------------------------------------------------------------------


def _ras_factor(p: FloatArray, target: FloatArray) -> FloatArray:
    r"""RAS factor $t_i / p_i$; $1$ where $p_i = 0$ (a row with nothing to scale, target 0)."""
    out = np.ones_like(p)
    np.divide(target, p, out=out, where=p > 0.0)
    return out


def _gras_factor(p: FloatArray, n: FloatArray, target: FloatArray) -> tuple[FloatArray, FloatArray]:
    r"""GRAS factors for one axis: the multiplier $m$ of $P$ and the multiplier $1/m$ of $N$.

    Solves $m\,p - n/m = t$ for $m > 0$ element-wise:

    * $p > 0, n > 0$: $m = (t + \sqrt{t^2 + 4pn}) / (2p)$, evaluated as $2n / (\sqrt{\cdot} - t)$
      when $t < 0$ so that neither root suffers cancellation;
    * $p > 0, n = 0$: $m = t / p$ (zero when $t = 0$);
    * $p = 0, n > 0$: $1/m = -t / n$ (Lenzen, Wood & Gallego 2007; zero when $t = 0$);
    * $p = n = 0$: $m = 1$.

    Returns the pair (multiplier of $P$, multiplier of $N$); where one of the two blocks is
    empty its multiplier is returned as ``0`` instead of ``inf`` so that products stay finite.
    """
    has_p = p > 0.0
    has_n = n > 0.0
    root = np.hypot(target, 2.0 * np.sqrt(p * n))  # sqrt(t^2 + 4pn) without overflow
    upper = target >= 0.0
    denom_pos = np.where(upper, target + root, root - target)  # > 0 where both blocks exist
    with np.errstate(divide="ignore", invalid="ignore"):
        # both blocks: m and 1/m from the cancellation-free form of each root
        m_both = np.where(upper, denom_pos / (2.0 * p), 2.0 * n / denom_pos)
        minv_both = np.where(upper, 2.0 * p / denom_pos, denom_pos / (2.0 * n))
        m_ponly = target / p
        minv_nonly = -target / n
    m = np.where(has_p & has_n, m_both, np.where(has_p, m_ponly, np.where(has_n, 0.0, 1.0)))
    minv = np.where(
        has_p & has_n, minv_both, np.where(has_n, minv_nonly, np.where(has_p, 0.0, 1.0))
    )
    return m, minv


def _residuals(achieved: FloatArray, gross: FloatArray, target: FloatArray) -> FloatArray:
    r"""Relative margin residuals $|a - t| / \max(|t|, g)$ (zero where both are zero)."""
    dev = np.abs(achieved - target)
    scale = np.maximum(np.abs(target), gross)
    out = np.zeros_like(dev)
    np.divide(dev, scale, out=out, where=scale > 0.0)
    # a non-zero deviation with a zero scale cannot happen (gross = 0 means a zero sum)
    return out


# --------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------


class _Names:
    """Words rows and columns for error messages: by label when labels are given."""

    def __init__(self, rows: Sequence[object] | None, cols: Sequence[object] | None) -> None:
        self.rows = None if rows is None else list(rows)
        self.cols = None if cols is None else list(cols)

    def row(self, i: int) -> str:
        return f"row {self.rows[i]!r}" if self.rows is not None else f"row {i}"

    def col(self, j: int) -> str:
        return f"column {self.cols[j]!r}" if self.cols is not None else f"column {j}"

    def some(self, idx: np.ndarray, axis: Literal["row", "column"]) -> str:
        word = self.row if axis == "row" else self.col
        names = [word(int(i)) for i in idx[:_MAX_NAMED]]
        more = f" and {len(idx) - _MAX_NAMED} more" if len(idx) > _MAX_NAMED else ""
        return ", ".join(names) + more


def _as_float(obj: object, what: str, ndim: int) -> FloatArray:
    try:
        arr = np.asarray(obj, dtype=float)
    except (TypeError, ValueError) as exc:
        raise InvalidTableError(f"{what} must be numeric ({exc}).") from None
    if arr.ndim != ndim:
        shape = "a matrix (2-D)" if ndim == 2 else "a vector (1-D)"
        raise InvalidTableError(f"{what} must be {shape}; got an array of shape {arr.shape}.")
    return arr


def _check_finite(arr: FloatArray, what: str, names: _Names, axis: str) -> None:
    bad = ~np.isfinite(arr)
    if not bad.any():
        return
    pos = np.argwhere(bad)
    first = tuple(int(k) for k in pos[0])
    if arr.ndim == 2:
        where = f"({names.row(first[0])}, {names.col(first[1])})"
    else:
        where = names.row(first[0]) if axis == "row" else names.col(first[0])
    raise InvalidTableError(
        f"{what} has {len(pos)} value(s) that are not finite, the first at {where} = "
        f"{float(arr[first])!r}. Replace missing values with numbers (zero where there is no flow) "
        "before balancing."
    )


def _check_options(tol: float, max_iter: int, if_not_converged: str) -> None:
    if isinstance(tol, bool) or not (isinstance(tol, Real) and 0.0 < tol < 1.0):
        raise InvalidParameterError("tol", tol, "a number with 0 < tol < 1")
    if isinstance(max_iter, bool) or not isinstance(max_iter, Integral) or max_iter < 1:
        raise InvalidParameterError("max_iter", max_iter, "a whole number >= 1")
    if if_not_converged not in _ON_FAILURE:
        raise InvalidOptionError("if_not_converged", if_not_converged, _ON_FAILURE)


def _validate(
    X0: object, row_targets: object, col_targets: object, names: _Names
) -> tuple[FloatArray, FloatArray, FloatArray]:
    X = _as_float(X0, "The prior", 2)
    u = _as_float(row_targets, "row_targets", 1)
    v = _as_float(col_targets, "col_targets", 1)
    m, n = X.shape
    if m == 0 or n == 0:
        raise InvalidTableError(f"The prior is empty (shape {X.shape}); nothing to balance.")
    if u.shape != (m,):
        raise InvalidTableError(
            f"row_targets has {u.size} entries but the prior has {m} rows; give one target per row."
        )
    if v.shape != (n,):
        raise InvalidTableError(
            f"col_targets has {v.size} entries but the prior has {n} columns; give one "
            "target per column."
        )
    _check_finite(X, "The prior", names, "row")
    _check_finite(u, "row_targets", names, "row")
    _check_finite(v, "col_targets", names, "column")
    return X, u, v


def _check_totals(u: FloatArray, v: FloatArray, tol: float) -> None:
    su, sv = float(u.sum()), float(v.sum())
    gap = su - sv
    if abs(gap) > tol * (np.abs(u).sum() + np.abs(v).sum()):
        raise ConvergenceError(
            f"The margins are inconsistent: the row targets sum to {su:.10g} and the column "
            f"targets to {sv:.10g} (gap {gap:.6g}); a matrix cannot have both. Make the two "
            "totals equal (for example by scaling one set of targets) before balancing."
        )


def _alive(
    pos: BoolArray, neg: BoolArray, u: FloatArray, v: FloatArray
) -> tuple[BoolArray, BoolArray, BoolArray, BoolArray, tuple[BoolArray, ...]]:
    """Rows and columns that keep non-zero entries, and the support that remains.

    A row (column) whose target is zero and whose remaining entries have one sign only must
    become zero; removing it may leave other zero-target rows or columns with one sign only,
    so this is repeated to a fixed point (at most m + n passes, usually one).
    """
    m, n = pos.shape
    rows = np.ones(m, dtype=bool)
    cols = np.ones(n, dtype=bool)
    while True:
        keep = rows[:, None] & cols[None, :]
        P, N = pos & keep, neg & keep
        rp, rn, cp, cn = P.any(axis=1), N.any(axis=1), P.any(axis=0), N.any(axis=0)
        new_rows = ~((u == 0.0) & ~(rp & rn))
        new_cols = ~((v == 0.0) & ~(cp & cn))
        if np.array_equal(new_rows, rows) and np.array_equal(new_cols, cols):
            return rows, cols, P, N, (rp, rn, cp, cn)
        rows, cols = new_rows, new_cols


def _unmeetable(
    target: FloatArray,
    has_p: BoolArray,
    has_n: BoolArray,
    prior_p: BoolArray,
    prior_n: BoolArray,
    others: str,
) -> tuple[np.ndarray, list[str]]:
    """Indices of targets the sign and zero pattern cannot meet, and the reason for each.

    ``has_p``/``has_n``: the row (column) keeps a positive/negative entry once rows and columns
    forced to zero are removed; ``prior_p``/``prior_n``: it has one in the prior at all.
    """
    bad = ((target > 0.0) & ~has_p) | ((target < 0.0) & ~has_n)
    idx = np.flatnonzero(bad)
    reasons = []
    for k in idx[:_MAX_NAMED]:
        sign = "positive" if target[k] > 0 else "negative"
        if not (prior_p[k] or prior_n[k]):
            reasons.append("its prior entries are all zero")
        elif not (prior_p[k] if target[k] > 0 else prior_n[k]):
            reasons.append(f"it has no {sign} prior entry")
        else:
            reasons.append(
                f"its {sign} entries lie only in {others} that a zero target forces to zero"
            )
    return idx, reasons


def _check_structure(
    X: FloatArray, u: FloatArray, v: FloatArray, method: str, tol: float, names: _Names
) -> tuple[BoolArray, BoolArray]:
    """Raise ConvergenceError up front when the prior's pattern cannot meet the targets.

    Returns the masks of rows and columns that keep non-zero entries (see :func:`_alive`).
    """
    pos, neg = X > 0.0, X < 0.0
    if method == "RAS":
        for target, word in ((u, "row"), (v, "column")):
            idx = np.flatnonzero(target < 0.0)
            if idx.size:
                first = int(idx[0])
                where = names.row(first) if word == "row" else names.col(first)
                raise ConvergenceError(
                    f"{len(idx)} {word} target(s) are negative, the first at {where} = "
                    f"{target[first]:g}: RAS keeps every entry "
                    "non-negative, so a negative sum cannot be met. Use gras() with a prior "
                    "that has negative entries there, or correct the target."
                )
    rows, cols, P, N, (rp, rn, cp, cn) = _alive(pos, neg, u, v)
    for target, has_p, has_n, axis in ((u, rp, rn, "row"), (v, cp, cn, "column")):
        ax, others = (1, "columns") if axis == "row" else (0, "rows")
        idx, reasons = _unmeetable(target, has_p, has_n, pos.any(axis=ax), neg.any(axis=ax), others)
        if idx.size:
            word = names.row if axis == "row" else names.col
            listed = "; ".join(
                f"{word(int(k))} (target {target[k]:g}: {why})"
                for k, why in zip(idx, reasons, strict=False)
            )
            more = f"; and {len(idx) - _MAX_NAMED} more" if len(idx) > _MAX_NAMED else ""
            raise ConvergenceError(
                f"{len(idx)} {axis} target(s) cannot be met by scaling the prior: {listed}"
                f"{more}. Scaling keeps zeros at zero and never changes a sign; give those "
                f"{axis}s prior entries of the target's sign, or correct the targets."
            )
    _check_blocks(P | N, rows, cols, u, v, tol, names)
    return rows, cols


def _check_blocks(
    support: BoolArray,
    rows: BoolArray,
    cols: BoolArray,
    u: FloatArray,
    v: FloatArray,
    tol: float,
    names: _Names,
) -> None:
    """Rows and columns that only touch each other must have equal target totals."""
    m = support.shape[0]
    if _one_block(support[np.ix_(rows, cols)]):
        return
    graph = sp.bmat([[None, sp.csr_array(support)], [sp.csr_array(support.T), None]])
    n_comp, label = connected_components(graph, directed=False)
    if n_comp == 1:
        return
    row_lab, col_lab = label[:m], label[m:]
    n_blocks = np.unique(np.concatenate([row_lab[rows], col_lab[cols]])).size
    su = np.bincount(row_lab, weights=u, minlength=n_comp)
    sv = np.bincount(col_lab, weights=v, minlength=n_comp)
    size = np.bincount(row_lab, weights=np.abs(u), minlength=n_comp) + np.bincount(
        col_lab, weights=np.abs(v), minlength=n_comp
    )
    bad = np.flatnonzero(np.abs(su - sv) > tol * size)
    if bad.size:
        c = int(bad[0])
        r_idx, c_idx = np.flatnonzero(row_lab == c), np.flatnonzero(col_lab == c)
        raise ConvergenceError(
            f"The prior's non-zero entries split into {n_blocks} independent blocks and the "
            f"margins of {len(bad)} of them disagree. The block of {names.some(r_idx, 'row')} "
            f"with {names.some(c_idx, 'column')} has row targets summing to {su[c]:.10g} and "
            f"column targets summing to {sv[c]:.10g} (gap {su[c] - sv[c]:.6g}); its rows have "
            "entries only in its columns, so the two totals must agree. Add prior entries "
            "linking the blocks or correct the targets."
        )


def _one_block(live: BoolArray) -> bool:
    """Whether the bipartite graph of a support pattern is connected (no empty lines assumed).

    Breadth-first search from the first row with boolean matrix-vector products: a handful of
    $O(mn)$ passes on the dense pattern, instead of building a sparse graph.
    """
    if live.size == 0:
        return True
    rows = np.zeros(live.shape[0], dtype=bool)
    rows[0] = True
    cols = np.zeros(live.shape[1], dtype=bool)
    while True:
        new_cols = rows @ live
        new_rows = live @ new_cols
        if np.array_equal(new_cols, cols) and np.array_equal(new_rows, rows):
            return bool(rows.all() and cols.all())
        rows, cols = new_rows, new_cols


def _check_prior_sign(X: FloatArray, names: _Names) -> None:
    neg = X < 0.0
    if neg.any():
        pos = np.argwhere(neg)
        i, j = (int(k) for k in pos[0])
        raise InvalidTableError(
            f"RAS needs a non-negative prior, but {len(pos)} entr"
            f"{'y is' if len(pos) == 1 else 'ies are'} negative, the first at "
            f"({names.row(i)}, {names.col(j)}) = {X[i, j]:g}. Use gras(), which balances "
            "matrices with negative entries (inventory changes, subsidies, negative operating "
            "surplus)."
        )


# --------------------------------------------------------------------------------------------
# The iteration
# --------------------------------------------------------------------------------------------


def _balance(
    X0: object,
    row_targets: object,
    col_targets: object,
    *,
    method: Literal["RAS", "GRAS"],
    tol: float,
    max_iter: int,
    if_not_converged: str,
    row_labels: Sequence[object] | None,
    col_labels: Sequence[object] | None,
    stacklevel: int = 3,
) -> BalancingResult:
    """Validate, check feasibility, iterate and report; shared by :func:`ras` and :func:`gras`.

    ``stacklevel`` points the non-convergence warning at the caller of the public function.
    """
    _check_options(tol, max_iter, if_not_converged)
    names = _Names(row_labels, col_labels)
    X, u, v = _validate(X0, row_targets, col_targets, names)
    if method == "RAS":
        _check_prior_sign(X, names)
    _check_totals(u, v, tol)
    rows, cols = _check_structure(X, u, v, method, tol, names)
    # Rows and columns that must become zero are removed before iterating: their multipliers
    # are fixed (0 or inf) rather than found, which keeps every other multiplier positive.
    removed = not (rows.all() and cols.all())
    Xe = np.where(rows[:, None] & cols[None, :], X, 0.0) if removed else X
    prior_residual = _prior_residual(X, u, v)
    iterate = _iterate_ras if method == "RAS" else _iterate_gras
    Xb, r, s, history, row_res, col_res = iterate(
        Xe, u, v, prior_residual=prior_residual, tol=tol, max_iter=max_iter
    )
    if removed:
        r, s = _removed_multipliers(X, r, s, rows, cols)
    iterations = len(history) - 1
    converged = bool(history[-1] <= tol)
    if not np.all(np.isfinite(Xb)):
        raise ConvergenceError(
            f"{method} broke down after {iterations} iterations: the multipliers overflowed. "
            "The targets are probably out of scale with the prior; check their units."
        )
    for arr in (Xb, r, s, history):
        arr.flags.writeable = False
    result = BalancingResult(
        X=Xb,
        r=r,
        s=s,
        iterations=iterations,
        converged=converged,
        residuals=history,
        method=method,
        tol=float(tol),
    )
    if not converged:
        message = _not_converged_message(
            method, max_iter, tol, Xb, u, v, row_res, col_res, history, names
        )
        if if_not_converged == "raise":
            raise ConvergenceError(message)
        warnings.warn(message, CreativeEconWarning, stacklevel=stacklevel)
    return result


def _not_converged_message(
    method: str,
    max_iter: int,
    tol: float,
    X: FloatArray,
    u: FloatArray,
    v: FloatArray,
    row_res: FloatArray,
    col_res: FloatArray,
    history: FloatArray,
    names: _Names,
) -> str:
    """Where the margins are furthest from their targets, and whether iterating more helps.

    The trend of the residual over the last tenth of the iterations (at least 10) tells a
    stalled iteration (no matrix with the prior's zero pattern meets the margins) from a slow
    one, for which the number of further iterations at the current rate is estimated.
    """
    i, j = int(np.argmax(row_res)), int(np.argmax(col_res))
    if row_res[i] >= col_res[j]:
        where, got, want, worst = names.row(i), X[i].sum(), u[i], row_res[i]
    else:
        where, got, want, worst = names.col(j), X[:, j].sum(), v[j], col_res[j]
    head = (
        f"{method} did not converge in max_iter={max_iter} iterations: the largest relative "
        f"margin residual is {worst:.3g} (tol={tol:g}), at {where} (sum {got:.10g} against "
        f"target {want:.10g})."
    )
    window = min(len(history) - 1, max(10, (len(history) - 1) // 10))
    now, then = float(history[-1]), float(history[-1 - window])
    if now >= then * (1.0 - 1e-3):
        return (
            f"{head} The residual has stopped falling ({then:.3g} {window} iterations earlier): "
            "most likely no matrix with the prior's zero (and sign) pattern has these margins. "
            "Check the targets of that line and of the lines it shares entries with, or give "
            "the prior entries where the margins need them."
        )
    rate = (now / then) ** (1.0 / window)
    more = int(np.ceil(np.log(tol / now) / np.log(rate)))
    return (
        f"{head} The residual is still falling ({then:.3g} {window} iterations earlier); at "
        f"that rate about {more} more iterations reach tol, so raise max_iter. If it keeps "
        "slowing down, the margins can only be met by driving some prior entries to zero: "
        "check the targets against the prior's zeros."
    )


_State = tuple[FloatArray, FloatArray, FloatArray, FloatArray, FloatArray, FloatArray]


def _iterate_ras(
    X: FloatArray, u: FloatArray, v: FloatArray, *, prior_residual: float, tol: float, max_iter: int
) -> _State:
    m, n = X.shape
    r, s = np.ones(m), np.ones(n)
    ps, pr = X @ s, X.T @ r  # ps = X0 s (row sums before r), pr = X0' r (column sums before s)
    row_res = _residuals(ps, ps, u)
    col_res = _residuals(pr, pr, v)
    history = [prior_residual]
    while history[-1] > tol and len(history) <= max_iter:
        r = _ras_factor(ps, u)
        pr = X.T @ r
        s = _ras_factor(pr, v)
        ps = X @ s
        rows, cols = r * ps, s * pr
        row_res, col_res = _residuals(rows, rows, u), _residuals(cols, cols, v)
        history.append(max(row_res.max(), col_res.max()))
        if not np.isfinite(history[-1]):
            break
    Xb = np.multiply(X, r[:, None])
    Xb *= s[None, :]
    return Xb, r, s, np.asarray(history), row_res, col_res


def _iterate_gras(
    X: FloatArray, u: FloatArray, v: FloatArray, *, prior_residual: float, tol: float, max_iter: int
) -> _State:
    P = np.maximum(X, 0.0)
    N = np.maximum(-X, 0.0)
    m, n = X.shape
    rp, rn, sp_, sn = np.ones(m), np.ones(m), np.ones(n), np.ones(n)
    r, s = np.ones(m), np.ones(n)
    ps, ns, pr, nr = P @ sp_, N @ sn, P.T @ rp, N.T @ rn

    def residuals() -> tuple[FloatArray, FloatArray]:
        a, b = rp * ps, rn * ns  # positive and negative parts of the row sums
        c, d = sp_ * pr, sn * nr
        return _residuals(a - b, a + b, u), _residuals(c - d, c + d, v)

    row_res, col_res = residuals()
    history = [prior_residual]
    while history[-1] > tol and len(history) <= max_iter:
        rp, rn = _gras_factor(ps, ns, u)
        r = _gras_multiplier(ps, rp, rn)
        pr, nr = P.T @ rp, N.T @ rn
        sp_, sn = _gras_factor(pr, nr, v)
        s = _gras_multiplier(pr, sp_, sn)
        ps, ns = P @ sp_, N @ sn
        row_res, col_res = residuals()
        history.append(max(row_res.max(), col_res.max()))
        if not np.isfinite(history[-1]):
            break
    Xb = np.multiply(P, rp[:, None])
    Xb *= sp_[None, :]
    negative = np.multiply(N, rn[:, None], out=N)  # N is ours: reuse it
    negative *= sn[None, :]
    Xb -= negative
    return Xb, r, s, np.asarray(history), row_res, col_res


def _gras_multiplier(p: FloatArray, m: FloatArray, minv: FloatArray) -> FloatArray:
    r"""The reported multiplier $r$ of $X = \hat r P \hat s - \hat r^{-1} N \hat s^{-1}$.

    Where the row has positive entries ($p > 0$) it is the multiplier of $P$; otherwise it is
    the reciprocal of the multiplier of $N$ (``1`` for an all-zero row). Rows that must become
    zero never reach the iteration (see :func:`_removed_multipliers`).
    """
    inv = np.full_like(minv, np.inf)
    np.divide(1.0, minv, out=inv, where=minv > 0.0)
    return np.where(p > 0.0, m, inv)


def _prior_residual(X: FloatArray, u: FloatArray, v: FloatArray) -> float:
    """Largest relative margin residual of the prior itself (``residuals[0]``)."""
    absolute = np.abs(X)
    gross_rows, gross_cols = absolute.sum(axis=1), absolute.sum(axis=0)
    rows = _residuals(X.sum(axis=1), gross_rows, u)
    cols = _residuals(X.sum(axis=0), gross_cols, v)
    return float(max(rows.max(), cols.max()))


def _removed_multipliers(
    X: FloatArray, r: FloatArray, s: FloatArray, rows: BoolArray, cols: BoolArray
) -> tuple[FloatArray, FloatArray]:
    """Multipliers of the rows and columns set to zero before iterating.

    ``0`` where the entries that had to vanish are positive, ``inf`` where they are negative
    (they are divided by the multiplier), ``1`` where nothing had to vanish (all entries lie
    in removed columns or rows).
    """
    r, s = r.copy(), s.copy()
    for mult, alive, block in ((r, rows, X[:, cols]), (s, cols, X[rows, :].T)):
        gone = ~alive
        pos, neg = (block > 0.0).any(axis=1), (block < 0.0).any(axis=1)
        mult[gone] = np.where(pos[gone], 0.0, np.where(neg[gone], np.inf, 1.0))
    return r, s
