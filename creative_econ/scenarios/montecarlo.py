r"""Monte Carlo samplers, random streams and quantile summaries: arrays in, arrays out.

Pure NumPy (no pandas): the scenario layer (:mod:`~creative_econ.scenarios.uncertainty`)
orchestrates these functions; the perturbed solves live in
:mod:`~creative_econ.scenarios.perturbed`.

**Streams.** Every uncertain input has its own generator, derived from the seed and the
input's name (:func:`random_stream`). Two scenarios run with the same seed therefore get the
same standard draws for the same input, whatever else is uncertain in them: *common random
numbers*, which make differences between scenarios far less noisy than their levels.

**Coefficients.** Only the non-zero coefficients of the national table are drawn
(:class:`CoefficientPattern` stores them column by column), vectorised over draws:

* Dirichlet per column (METHODS §5.5): with $p_j = (a_{1j}, \dots, a_{nj}, 1 - \iota'a_{\cdot j})$
  over the column's non-zero entries and its primary-input share, $\tilde p_j \sim
  \mathrm{Dir}(\kappa p_j)$, drawn as normalised gamma variates
  $g_{ij} \sim \Gamma(\kappa p_{ij}, 1)$, $\tilde p_{ij} = g_{ij} / \sum_k g_{kj}$. Then
  $E[\tilde a_{ij}] = a_{ij}$, $\mathrm{Var}(\tilde a_{ij}) = a_{ij}(1 - a_{ij}) / (\kappa + 1)$
  and every column sum stays below one.
* Mean-preserving lognormal: $\tilde a_{ij} = a_{ij}\exp(\sigma\varepsilon_{ij} - \sigma^2/2)$,
  $\varepsilon_{ij} \sim N(0, 1)$, then each column is scaled down to at most $c_{\max}$:
  $\tilde a_{\cdot j} \leftarrow \tilde a_{\cdot j}\min\{1,\; c_{\max}/\iota'\tilde a_{\cdot j}\}$.

Drawing $n^2$ values per draw is what made generation dominate the solves in earlier
measurements (DESIGN.md); drawing the non-zeros only, in one call per block of draws, keeps
it a small share of the run.

**Summaries.** Quantiles use NumPy's default (linear interpolation between order
statistics), so a quantity that is the same in every draw has every quantile equal to it.

References
----------
Lenzen, M., Wood, R. & Wiedmann, T. (2010). Uncertainty analysis for multi-region input-output
models. *Economic Systems Research* 22(1):43-63.
West, G.R. (1986). A stochastic analysis of an input-output model. *Econometrica* 54:363-374.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ..errors import InvalidParameterError

__all__ = [
    "DELTA_GRID",
    "MIN_PRIMARY_SHARE",
    "CoefficientPattern",
    "dirichlet_coefficients",
    "interval_levels",
    "lognormal_coefficients",
    "lognormal_factors",
    "primary_input_scaling",
    "quantile_summary",
    "quantise",
    "random_stream",
    "scaled_quantiles",
    "uniform_draws",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]

#: Step of the grid FLQ delta draws are rounded to (one factorisation per grid value).
DELTA_GRID = 1e-3
#: Smallest primary-input share of a Dirichlet draw (keeps column sums below one in floating
#: point; it binds only when kappa times a column's primary-input share is small).
MIN_PRIMARY_SHARE = 1e-12


# ============================================================================ streams
def _check_draws(draws: object) -> int:
    if isinstance(draws, bool) or not isinstance(draws, int | np.integer) or draws < 1:
        raise InvalidParameterError("draws", draws, "a positive integer number of draws")
    return int(draws)


def random_stream(seed: int, key: str) -> np.random.Generator:
    r"""The random generator of one uncertain input: independent of every other input's.

    The stream is a PCG64 generator seeded by ``SeedSequence(seed, spawn_key=(crc32(key),))``:
    the same (seed, key) always gives the same stream, and different keys give independent
    streams. Keying by name (``"coefficients"``, ``"shock_size:festival"``) rather than by
    position keeps the draws of an input the same when other inputs are added or removed,
    which gives common random numbers across compared scenarios.

    Parameters
    ----------
    seed : int
        Non-negative seed.
    key : str
        Name of the uncertain input.

    Returns
    -------
    numpy.random.Generator

    Raises
    ------
    InvalidParameterError
        ``seed`` is not a non-negative integer.
    """
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise InvalidParameterError("seed", seed, "a non-negative integer")
    ss = np.random.SeedSequence(int(seed), spawn_key=(zlib.crc32(key.encode("utf-8")),))
    return np.random.Generator(np.random.PCG64(ss))


# ============================================================================ coefficients
@dataclass(frozen=True, eq=False)
class CoefficientPattern:
    r"""The non-zero technical coefficients of a table, stored column by column.

    Attributes
    ----------
    n : int
        Number of sectors.
    rows, cols : ndarray of int, shape (nnz,)
        Positions of the non-zero $a_{ij}$, sorted by column then row.
    values : ndarray, shape (nnz,)
        The coefficients $a_{ij}$ at those positions.
    column_sums : ndarray, shape (n,)
        $\iota'A$.
    columns : ndarray of int, shape (m,)
        The columns with at least one non-zero coefficient.
    starts : ndarray of int, shape (m,)
        Where each of those columns begins in ``values``.
    segment : ndarray of int, shape (nnz,)
        For each entry, the index of its column within ``columns``.
    """

    n: int
    rows: IntArray
    cols: IntArray
    values: FloatArray
    column_sums: FloatArray
    columns: IntArray
    starts: IntArray
    segment: IntArray

    @classmethod
    def from_matrix(cls, A: npt.ArrayLike) -> CoefficientPattern:
        """The pattern of a square coefficient matrix.

        Raises
        ------
        InvalidParameterError
            ``A`` is not square, not finite, or has negative entries.
        """
        A = np.asarray(A, dtype=float)
        if A.ndim != 2 or A.shape[0] != A.shape[1]:
            raise InvalidParameterError("A", f"an array of shape {A.shape}", "a square matrix")
        if not np.all(np.isfinite(A)):
            raise InvalidParameterError("A", "non-finite values", "finite coefficients")
        if (A < 0).any():
            i, j = np.argwhere(A < 0)[0]
            raise InvalidParameterError(
                f"A[{i}, {j}]", float(A[i, j]),
                "non-negative coefficients (random coefficients are drawn for tables without "
                "negative flows)")
        cols, rows = np.nonzero(A.T)  # column-major order
        columns, starts = np.unique(cols, return_index=True)
        segment = np.searchsorted(columns, cols)
        out = cls(n=A.shape[0], rows=rows, cols=cols, values=A[rows, cols].copy(),
                  column_sums=A.sum(axis=0), columns=columns, starts=starts, segment=segment)
        for arr in (out.rows, out.cols, out.values, out.column_sums, out.columns, out.starts,
                    out.segment):
            arr.flags.writeable = False
        return out

    @property
    def nnz(self) -> int:
        return int(self.values.size)

    def column_totals(self, values: FloatArray) -> FloatArray:
        r"""Column sums $\iota'\tilde A$ of drawn coefficients.

        Parameters
        ----------
        values : ndarray of shape (d, nnz)

        Returns
        -------
        ndarray of shape (d, n)
        """
        values = np.atleast_2d(values)
        out = np.zeros((values.shape[0], self.n))
        if self.nnz:
            out[:, self.columns] = np.add.reduceat(values, self.starts, axis=1)
        return out

    def dense(self, values: FloatArray) -> FloatArray:
        """Dense matrices from drawn values: shape (d, n, n)."""
        values = np.atleast_2d(values)
        out = np.zeros((values.shape[0], self.n * self.n))
        out[:, self.rows * self.n + self.cols] = values
        return out.reshape(values.shape[0], self.n, self.n)


def dirichlet_coefficients(pattern: CoefficientPattern, precision: float, draws: int,
                           rng: np.random.Generator) -> FloatArray:
    r"""Dirichlet draws of every column's non-zero coefficients and primary-input share.

    $$ (\tilde a_{\cdot j}, \tilde r_j) \sim \mathrm{Dir}\big(\kappa\,(a_{\cdot j},\;
       1 - \iota'a_{\cdot j})\big), \qquad \iota'\tilde a_{\cdot j} = 1 - \tilde r_j < 1 $$

    Drawn as gamma variates normalised by column, one ``standard_gamma`` call for the block:
    draw $d$ is row $d$ of one array, so drawing 1,000 rows at once or in blocks from the same
    generator gives the same numbers. When $\kappa(1 - \iota'a_{\cdot j})$ is small the drawn
    primary-input share can underflow; it is floored at :data:`MIN_PRIMARY_SHARE` (the
    column scaled to sum to $1 - 10^{-12}$), so every column sum stays below one in floating
    point too.

    Parameters
    ----------
    pattern : CoefficientPattern
        Non-zero coefficients of the national table.
    precision : float
        $\kappa > 0$: $\mathrm{Var}(\tilde a_{ij}) = a_{ij}(1 - a_{ij})/(\kappa + 1)$.
    draws : int
        Number of draws.
    rng : numpy.random.Generator

    Returns
    -------
    ndarray of shape (draws, nnz)
        Drawn coefficients in the order of ``pattern.values``.

    Raises
    ------
    InvalidParameterError
        ``precision`` not positive and finite, ``draws`` not positive, or a column that
        sums to one or more (it has no primary-input share for the Dirichlet).
    """
    d = _check_draws(draws)
    if not (isinstance(precision, int | float | np.floating) and np.isfinite(precision)
            and precision > 0):
        raise InvalidParameterError("precision", precision, "a positive, finite kappa "
                                    "(e.g. 200)")
    residual = 1.0 - pattern.column_sums[pattern.columns]
    if (residual <= 0).any():
        j = int(pattern.columns[np.argmin(residual)])
        raise InvalidParameterError(
            f"column {j} sum", float(pattern.column_sums[j]),
            "column sums below 1 for a Dirichlet (a column needs a primary-input share); "
            "use the lognormal with a column-sum cap")
    shape = float(precision) * np.concatenate([pattern.values, residual])
    g = rng.standard_gamma(shape, size=(d, shape.size))
    g_coef, g_res = g[:, :pattern.nnz], g[:, pattern.nnz:]
    totals = g_res.copy()
    if pattern.nnz:
        totals += np.add.reduceat(g_coef, pattern.starts, axis=1)
    out = g_coef / totals[:, pattern.segment]
    if pattern.nnz:
        sums = np.add.reduceat(out, pattern.starts, axis=1)
        top = 1.0 - MIN_PRIMARY_SHARE
        over = sums > top
        if over.any():
            scale = np.where(over, top / np.where(over, sums, 1.0), 1.0)
            out *= scale[:, pattern.segment]
    return out


def lognormal_coefficients(pattern: CoefficientPattern, sigma: float, draws: int,
                           rng: np.random.Generator, *, cap: float = 0.95) -> FloatArray:
    r"""Mean-preserving lognormal draws of the non-zero coefficients, columns capped.

    $$ \tilde a_{ij} = a_{ij}\,e^{\sigma\varepsilon_{ij} - \sigma^2/2}, \qquad
       \tilde a_{\cdot j} \leftarrow \tilde a_{\cdot j}\,
       \min\{1,\; c_{\max} / \iota'\tilde a_{\cdot j}\} $$

    Parameters
    ----------
    pattern : CoefficientPattern
    sigma : float
        $\sigma \ge 0$ (0 reproduces the table).
    draws : int
    rng : numpy.random.Generator
    cap : float, default 0.95
        $c_{\max}$, in (0, 1) and not below any column sum of the table (a cap below the
        table's own column sum would bias the central value).

    Returns
    -------
    ndarray of shape (draws, nnz)

    Raises
    ------
    InvalidParameterError
        ``sigma`` negative or not finite, ``cap`` outside (0, 1) or below a column sum.
    """
    d = _check_draws(draws)
    if not (isinstance(sigma, int | float | np.floating) and np.isfinite(sigma)
            and sigma >= 0):
        raise InvalidParameterError("sigma", sigma, "a finite sigma >= 0")
    if not (isinstance(cap, int | float | np.floating) and 0 < cap < 1):
        raise InvalidParameterError("cap", cap, "a column-sum cap in (0, 1)")
    if pattern.column_sums.max(initial=0.0) > cap:
        j = int(np.argmax(pattern.column_sums))
        raise InvalidParameterError(
            "cap", cap, f"at least the table's largest column sum, "
            f"{pattern.column_sums[j]:.4g} (column {j})")
    eps = rng.standard_normal((d, pattern.nnz))
    out = pattern.values * np.exp(sigma * eps - 0.5 * sigma * sigma)
    sums = pattern.column_totals(out)[:, pattern.cols]
    with np.errstate(divide="ignore"):
        scale = np.minimum(1.0, np.where(sums > 0, cap / sums, 1.0))
    return out * scale


def primary_input_scaling(pattern: CoefficientPattern, values: FloatArray) -> FloatArray:
    r"""How primary inputs per unit of output change when the column sums change.

    $$ \rho_j = \frac{1 - \iota'\tilde a_{\cdot j}}{1 - \iota'a_{\cdot j}} $$

    Value added, imports and taxes per unit of output are scaled by $\rho_j$ in each draw, so
    the column identity $\iota'\tilde A + v' + m' + t' = \iota'$ keeps holding (for the
    Dirichlet, $1 - \iota'\tilde a_{\cdot j}$ is the drawn primary-input share).

    Parameters
    ----------
    pattern : CoefficientPattern
    values : ndarray of shape (d, nnz)

    Returns
    -------
    ndarray of shape (d, n)
        One for columns without intermediate inputs.
    """
    base = 1.0 - pattern.column_sums
    out = 1.0 - pattern.column_totals(values)
    np.divide(out, base, out=out, where=base > 0)
    out[:, base <= 0] = 1.0
    return out


# ============================================================================ scalars
def uniform_draws(low: float, high: float, draws: int, rng: np.random.Generator
                  ) -> FloatArray:
    """``draws`` values uniform on [low, high] (all equal to ``low`` when low == high).

    Raises
    ------
    InvalidParameterError
        ``high < low`` or a bound not finite.
    """
    d = _check_draws(draws)
    if not (np.isfinite(low) and np.isfinite(high)) or high < low:
        raise InvalidParameterError("high", high, f"a finite upper bound >= low ({low})")
    u = rng.random(d)
    return low + (high - low) * u


def lognormal_factors(sigma: float, shape: int | tuple[int, ...], rng: np.random.Generator
                      ) -> FloatArray:
    r"""Mean-preserving lognormal factors $e^{\sigma z - \sigma^2/2}$, $z \sim N(0, 1)$.

    Raises
    ------
    InvalidParameterError
        ``sigma`` negative or not finite.
    """
    if not (isinstance(sigma, int | float | np.floating) and np.isfinite(sigma)
            and sigma >= 0):
        raise InvalidParameterError("sigma", sigma, "a finite sigma >= 0")
    z = rng.standard_normal(shape)
    return np.exp(sigma * z - 0.5 * sigma * sigma)


def quantise(values: npt.ArrayLike, step: float = DELTA_GRID, *, low: float | None = None,
             high: float | None = None) -> tuple[FloatArray, IntArray]:
    r"""Round values to a grid and group them: $\delta_d \mapsto \mathrm{step}\cdot
    \mathrm{round}(\delta_d/\mathrm{step})$, kept within [low, high].

    Returns
    -------
    (grid, index)
        The distinct grid values in increasing order, and for each value the position of its
        grid value.
    """
    if not (step > 0 and np.isfinite(step)):
        raise InvalidParameterError("step", step, "a positive grid step")
    v = np.asarray(values, dtype=float)
    q = np.round(v / step) * step
    if low is not None or high is not None:
        q = np.clip(q, low if low is not None else -np.inf, high if high is not None else np.inf)
    grid, index = np.unique(q, return_inverse=True)
    return grid, index.reshape(v.shape)


# ============================================================================ summaries
def interval_levels(interval: float) -> tuple[float, float, float]:
    """Lower, median and upper quantile levels of a central interval, e.g. 0.9 -> 5%, 50%, 95%.

    Raises
    ------
    InvalidParameterError
        ``interval`` not in (0, 1).
    """
    if not (isinstance(interval, int | float | np.floating) and 0 < interval < 1):
        raise InvalidParameterError("interval", interval, "a probability in (0, 1), e.g. 0.9")
    a = (1.0 - float(interval)) / 2.0
    return a, 0.5, 1.0 - a


def quantile_summary(values: npt.ArrayLike, levels: tuple[float, ...], axis: int = 0
                     ) -> FloatArray:
    """Quantiles over draws (linear interpolation between order statistics).

    Parameters
    ----------
    values : array_like
        Draws along ``axis``.
    levels : tuple of float
        Levels in [0, 1].

    Returns
    -------
    ndarray
        Shape ``(len(levels), *rest)``: one row per level.
    """
    return np.quantile(np.asarray(values, dtype=float), np.asarray(levels), axis=axis)


def scaled_quantiles(q: FloatArray, k: npt.ArrayLike) -> FloatArray:
    r"""Quantiles of $k X$ from the quantiles of $X$, for a constant $k$ of either sign.

    With symmetric levels $(\alpha, 1/2, 1 - \alpha)$, $Q_\alpha(kX) = k\,Q_\alpha(X)$ for
    $k \ge 0$ and $k\,Q_{1-\alpha}(X)$ for $k < 0$ (product taxes less subsidies can be
    negative).

    Parameters
    ----------
    q : ndarray of shape (3, ...)
        Lower, median and upper quantiles of $X$ (symmetric levels).
    k : array_like
        Broadcastable to ``q[0]``.
    """
    k = np.asarray(k, dtype=float)
    lo, med, hi = k * q[0], k * q[1], k * q[2]
    neg = k < 0
    return np.stack([np.where(neg, hi, lo), med, np.where(neg, lo, hi)])
