r"""Pure numerical steps of the Kazakhstan hybrid table (arrays in, arrays out).

Every function here takes and returns NumPy arrays and never writes into an argument; the
labelled driver (:mod:`creative_econ.datasets.build.hybrid`) only reads files, aligns labels
and calls these in order. (The import-proportionality steps live in
:mod:`creative_econ.io.tables`, which also needs them; the employment derivation of the
regional data in :mod:`creative_econ.datasets._kazakhstan_hybrid`.)

Notation: $x$ output, $m$ imports, $e$ exports, $Z$ intermediate
flows (sellers in rows), $IC$ intermediate consumption, $u$ and $v$ the row and column
targets of the domestic intermediate block.
"""

from __future__ import annotations

import numpy as np

from ...errors import BalanceError, InvalidTableError
from ...leontief._types import FloatArray

__all__ = [
    "bridge_weights",
    "column_targets",
    "scaled_import_inputs",
    "section_ratios",
]


def bridge_weights(cell_output: FloatArray, pattern: np.ndarray) -> FloatArray:
    r"""Shares of each source sector's output that belong to each target section.

    $$ W_{as} = \frac{q_{as}}{\sum_{s'} q_{as'}} \;\text{if sector } a \text{ spans several
       sections,}\qquad W_{as} = 1 \;\text{if it maps to section } s \text{ alone} $$

    where $q_{as}$ is the output (of a donor table) of the products that lie both in source
    sector $a$ and in section $s$.

    Parameters
    ----------
    cell_output : array_like of shape (a, s)
        $q$: output in each (source sector, section) cell; ignored outside ``pattern``.
    pattern : array_like of bool, shape (a, s)
        Which sections each source sector maps to (at least one per row).

    Returns
    -------
    ndarray of shape (a, s)
        Rows sum to one.

    Raises
    ------
    InvalidTableError
        A source sector maps to no section, or spans several sections none of which has
        output to weight them by.
    """
    P = np.asarray(pattern, dtype=bool)
    Q = np.where(P, np.asarray(cell_output, dtype=float), 0.0)
    n_sections = P.sum(axis=1)
    if (n_sections == 0).any():
        a = int(np.flatnonzero(n_sections == 0)[0])
        raise InvalidTableError(f"Source sector at position {a} maps to no section.")
    W = P.astype(float)
    multi = n_sections > 1
    totals = Q.sum(axis=1)
    if (multi & (totals <= 0)).any():
        a = int(np.flatnonzero(multi & (totals <= 0))[0])
        raise InvalidTableError(
            f"Source sector at position {a} spans {n_sections[a]} sections but the weighting "
            "table has no output in any of them."
        )
    W[multi] = Q[multi] / totals[multi, None]
    return W


def section_ratios(
    weights: FloatArray, numerator: FloatArray, denominator: FloatArray
) -> FloatArray:
    r"""Ratios of source-sector aggregates carried to sections through bridge weights.

    $$ \rho_s = \frac{\sum_a W_{as}\, n_a}{\sum_a W_{as}\, d_a} $$

    Each source sector's part in section $s$ keeps its own ratio $n_a / d_a$ (for instance
    domestic intermediate sales over output), and a section's ratio is the output-weighted
    mean of the parts that make it up.

    Parameters
    ----------
    weights : array_like of shape (a, s)
        From :func:`bridge_weights`.
    numerator, denominator : array_like of shape (a,)

    Returns
    -------
    ndarray of shape (s,)

    Raises
    ------
    InvalidTableError
        A section receives no part of any source sector (zero denominator).
    """
    W = np.asarray(weights, dtype=float)
    num = W.T @ np.asarray(numerator, dtype=float)
    den = W.T @ np.asarray(denominator, dtype=float)
    if (den <= 0).any():
        s = int(np.flatnonzero(den <= 0)[0])
        raise InvalidTableError(f"Section at position {s} receives no source sector.")
    return num / den


def scaled_import_inputs(
    column_shares: FloatArray, intermediate: FloatArray, aggregate_share: float
) -> tuple[FloatArray, float]:
    r"""Imported intermediate inputs by column: a donor pattern at a target level.

    $$ m_j = \kappa\, \mu^{col}_j\, IC_j, \qquad
       \kappa = \frac{s\,\sum_j IC_j}{\sum_j \mu^{col}_j IC_j} $$

    so that imported inputs are the share $s$ of all intermediate consumption (a level known
    for the country, e.g. from an MRIO) while their spread across using sectors follows the
    donor's column import shares $\mu^{col}$.

    Parameters
    ----------
    column_shares : array_like of shape (n,)
        $\mu^{col}_j$, imported share of each column's intermediate inputs in the donor.
    intermediate : array_like of shape (n,)
        $IC_j$, intermediate consumption by using sector.
    aggregate_share : float
        $s \in [0, 1)$.

    Returns
    -------
    (imports, kappa) : ndarray of shape (n,), float

    Raises
    ------
    InvalidTableError
        ``aggregate_share`` outside $[0, 1)$, no donor imports to scale, or a scaled share
        reaching one (a column with no domestic inputs left).
    """
    mu = np.asarray(column_shares, dtype=float)
    ic = np.asarray(intermediate, dtype=float)
    s = float(aggregate_share)
    if not 0.0 <= s < 1.0:
        raise InvalidTableError(f"The aggregate import share must lie in [0, 1); got {s:g}.")
    base = float(mu @ ic)
    if base <= 0.0:
        if s == 0.0:
            return np.zeros_like(ic), 1.0
        raise InvalidTableError("The donor has no imported inputs to scale to a positive share.")
    kappa = s * float(ic.sum()) / base
    if (kappa * mu >= 1.0).any():
        j = int(np.argmax(mu))
        raise InvalidTableError(
            f"Scaling the donor's import shares by {kappa:.4g} gives column {j} an import share "
            f"of {kappa * mu[j]:.4g} >= 1."
        )
    return kappa * mu * ic, kappa


def column_targets(
    intermediate: FloatArray, imported: FloatArray, row_total: float
) -> tuple[FloatArray, FloatArray, float]:
    r"""Column targets of the domestic block and the residual that closes each column.

    $$ v_j = \lambda\,(IC_j - m_j), \qquad r_j = IC_j - m_j - v_j = (1 - \lambda)(IC_j - m_j),
       \qquad \lambda = \frac{\iota' u}{\iota'(IC - m)} $$

    The domestic intermediate inputs of column $j$ follow the pattern of its non-imported
    intermediate consumption, scaled so that all columns together buy what the rows sell
    ($\iota'v = \iota'u$, needed for balancing). The residual $r_j$ closes the column,
    $x_j = \iota'z_{\cdot j} + m_j + r_j + \text{GVA}_j$.

    Parameters
    ----------
    intermediate : array_like of shape (n,)
        $IC_j$ (purchasers' prices in national accounts).
    imported : array_like of shape (n,)
        $m_j$, imported intermediate inputs.
    row_total : float
        $\iota'u$, total domestic intermediate sales (the row targets' sum).

    Returns
    -------
    (v, residual, lam) : ndarray, ndarray, float

    Raises
    ------
    BalanceError
        Imported inputs exceed intermediate consumption in some column, or the totals are not
        positive.
    """
    ic = np.asarray(intermediate, dtype=float)
    m = np.asarray(imported, dtype=float)
    base = ic - m
    if (base < 0).any():
        j = int(np.argmin(base))
        raise BalanceError(
            f"Imported inputs ({m[j]:g}) exceed intermediate consumption ({ic[j]:g}) in column {j}."
        )
    total = float(base.sum())
    if total <= 0 or row_total <= 0:
        raise BalanceError("Domestic intermediate totals must be positive to balance.")
    lam = float(row_total) / total
    v = lam * base
    return v, base - v, lam
