r"""A multiregional input-output model of every region at once (Chenery–Moses).

Every region uses the national technology $A$; where it buys its inputs is given by trade
coefficients $c^{rs}_i$, the share of region $s$'s purchases of product $i$ that come from
region $r$ (:mod:`~creative_econ.regional.trade`: a doubly-constrained gravity model or the
supply-demand pool). With $\hat C^{rs}$ the diagonal matrix of $c^{rs}_i$,

$$
A^{rs} = \hat C^{rs} A, \qquad x = \mathcal{C}\mathcal{A}\,x + \mathcal{C} f + e, \qquad
x = (I - \mathcal{C}\mathcal{A})^{-1} (\mathcal{C} f + e),
$$

where $x$ stacks regional outputs (region by region), $f$ the final demand of each region's
buyers, $e$ the final demand placed with each region's producers directly (exports abroad), and
$\mathcal{C}\mathcal{A}$ has blocks $A^{rs}$. Because $\sum_r c^{rs}_i = 1$, summing the block
rows gives back the national model: $\sum_r x^r = A \sum_s x^s + \sum_s f^s + \sum_r e^r$, so
regional outputs add up to national output whenever regional final demands add up to national
final demand, for any trade coefficients. The national output multipliers are the sums over
regions of the multiregional ones.

The module has two layers: pure functions on arrays (the factorisation of the
$(R n) \times (R n)$ system, solves, the household closure; no pandas) and the labelled
:class:`MultiRegionalTable`.

Solvers. Up to ``dense_limit`` equations (3,000 by default) $I - \mathcal{C}\mathcal{A}$ is
factorised once by dense LU and every result is a solve on it (transposed solves for
multipliers). Above it, each solve is GMRES on the structured operator
$v \mapsto v - \mathcal{C}(I_R \otimes A)v$ (cost $R n^2 + R^2 n$ per product, the
$(Rn)^2$ matrix is never formed) preconditioned by the block-diagonal regional factorisations
of $I - \hat C^{rr}A$, to a relative residual ``tol``; a solve that does not reach it falls back
to the dense LU. Sparse direct LU is not offered: input–output matrices fill in (see DESIGN.md).

References
----------
Chenery, H.B. (1953). Regional analysis. In Chenery, Clark & Cao-Pinna, *The Structure and
Growth of the Italian Economy*, 97-129.
Moses, L.N. (1955). The stability of interregional trading patterns and input-output analysis.
*American Economic Review* 45(5):803-832.
Miller, R.E. & Blair, P.D. (2009). *Input-Output Analysis*, 2nd ed., §3.4.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Literal, get_args

import numpy as np
import numpy.typing as npt
import pandas as pd
import scipy.linalg as sla
import scipy.sparse.linalg as spla

from .. import leontief as le
from .._labels import check_option, check_unique
from ..errors import (
    BalanceError,
    InvalidParameterError,
    InvalidShockError,
    InvalidTableError,
    LabelMismatchError,
    NotProductiveError,
    RegionalDataError,
    UnknownRegionError,
    UnknownSectorError,
)
from ..results import Assumptions, Impact
from ..table import HOUSEHOLDS, IOTable, ModelType
from . import trade as tr
from .data import BASES, Basis, RegionalData
from .regionalise import _rules

__all__ = [
    "DEFAULT_DECAY",
    "SOLVERS",
    "SOURCING",
    "TRADE_METHODS",
    "MRClosedFactor",
    "MRFactor",
    "MultiRegionalImpact",
    "MultiRegionalTable",
    "close_regional_households",
    "default_product_groups",
    "factorise_mrio",
    "mr_closed_effects",
    "mr_closed_solve",
    "mr_effects",
    "mr_output_components",
    "mr_solve",
    "mr_solve_transposed",
    "mrio_coefficients",
]

FloatArray = npt.NDArray[np.float64]
TradeMethod = Literal["gravity", "pool"]
#: Ways to estimate interregional trade.
TRADE_METHODS: tuple[str, ...] = get_args(TradeMethod)
Solver = Literal["auto", "dense", "iterative"]
#: Linear solvers of the multiregional system.
SOLVERS: tuple[str, ...] = get_args(Solver)
Sourcing = Literal["local", "trade"]
#: Where a final-demand change in a region is bought (see :meth:`MultiRegionalTable.impact`).
SOURCING: tuple[str, ...] = get_args(Sourcing)
#: Default distance-decay exponents of the power form: services travel less than goods. A
#: modelling choice to vary, not an estimate for any country; the goods value is of the order of
#: the distance elasticities of trade gravity equations (Disdier & Head 2008, *Review of
#: Economics and Statistics* 90(1):37-48).
DEFAULT_DECAY: dict[str, float] = {"goods": 1.0, "services": 2.0}
DENSE_LIMIT = 3000
_GOODS_SECTIONS = frozenset("ABCDE")  # OKED/NACE sections producing goods (incl. utilities)


# ============================================================================ pure core
def mrio_coefficients(A: npt.ArrayLike, C: npt.ArrayLike) -> FloatArray:
    r"""The multiregional coefficient matrix $\mathcal{C}\mathcal{A}$, region-major.

    $$ (\mathcal{C}\mathcal{A})_{(r,i),(s,j)} = c^{rs}_i\, a_{ij} $$

    Parameters
    ----------
    A : array_like of shape (n, n)
        National technical coefficients.
    C : array_like of shape (n, R, R)
        Trade coefficients, axes (product, origin, destination).

    Returns
    -------
    ndarray of shape (R n, R n)
        Row ``r * n + i`` is product ``i`` of region ``r``.
    """
    A = np.asarray(A, dtype=float)
    C = np.asarray(C, dtype=float)
    n, R = C.shape[0], C.shape[1]
    return np.einsum("irs,ij->risj", C, A).reshape(R * n, R * n)


@dataclass(frozen=True, eq=False)
class MRFactor:
    r"""A factorisation of $I - \mathcal{C}\mathcal{A}$, dense or for an iterative solver.

    Attributes
    ----------
    A : ndarray (n, n)
        National coefficients.
    C : ndarray (n, R, R)
        Trade coefficients.
    method : {"dense", "iterative"}
    lu : LUFactor or None
        Dense LU of the whole system (``method == "dense"``, or after a fallback).
    blocks : tuple of LUFactor
        LU of each region's block $I - \hat C^{rr} A$ (the preconditioner; iterative only).
    tol : float
        Relative residual of iterative solves.
    notes : list of str
        Solver events (a dense fallback), filled as solves happen.
    """

    A: FloatArray
    C: FloatArray
    method: str
    lu: le.LUFactor | None
    blocks: tuple[le.LUFactor, ...]
    tol: float = 1e-10
    maxiter: int = 500
    notes: list[str] = field(default_factory=list)
    _cache: dict[str, object] = field(default_factory=dict, repr=False)

    @property
    def n(self) -> int:
        return int(self.A.shape[0])

    @property
    def R(self) -> int:
        return int(self.C.shape[1])

    @property
    def N(self) -> int:
        return self.n * self.R

    @property
    def dense(self) -> le.LUFactor:
        """The dense LU (computed on first use when the solver is iterative)."""
        if self.lu is not None:
            return self.lu
        lu = self._cache.get("lu")
        if lu is None:
            lu = le.factorise(mrio_coefficients(self.A, self.C))
            self._cache["lu"] = lu
        return lu  # type: ignore[return-value]


def _block_matvec(A: FloatArray, C: FloatArray, X: FloatArray) -> FloatArray:
    r"""$(\mathcal{C}\mathcal{A}) X$ for ``X`` of shape (R n, k), without forming the matrix."""
    n, R = A.shape[0], C.shape[1]
    Xr = X.reshape(R, n, -1)
    U = np.matmul(A, Xr)  # A x^s for every region s
    return np.einsum("irs,sik->rik", C, U).reshape(R * n, -1)


def _block_rmatvec(A: FloatArray, C: FloatArray, Y: FloatArray) -> FloatArray:
    r"""$(\mathcal{C}\mathcal{A})' Y$ for ``Y`` of shape (R n, k)."""
    n, R = A.shape[0], C.shape[1]
    V = np.einsum("irs,rik->sik", C, Y.reshape(R, n, -1))
    return np.matmul(A.T, V).reshape(R * n, -1)


def factorise_mrio(
    A: npt.ArrayLike,
    C: npt.ArrayLike,
    *,
    method: Solver = "auto",
    dense_limit: int = DENSE_LIMIT,
    tol: float = 1e-10,
    maxiter: int = 500,
) -> MRFactor:
    r"""Factorise $I - \mathcal{C}\mathcal{A}$ once for all later solves.

    Parameters
    ----------
    A : array_like of shape (n, n)
    C : array_like of shape (n, R, R)
    method : {"auto", "dense", "iterative"}, default "auto"
        ``"auto"`` is dense LU up to ``dense_limit`` equations, iterative above.
    dense_limit : int, default 3000
    tol : float, default 1e-10
        Relative residual $\|b - (I - \mathcal{C}\mathcal{A})x\| / \|b\|$ of iterative solves.
    maxiter : int, default 500
        Largest number of GMRES restart cycles (of 50 iterations) before the dense fallback.

    Returns
    -------
    MRFactor
    """
    if method not in SOLVERS:
        raise InvalidParameterError("solver", method, f"one of {SOLVERS}")
    if not (0 < tol < 1):
        raise InvalidParameterError("tol", tol, "a relative tolerance in (0, 1)")
    A = np.array(A, dtype=float)
    C = np.array(C, dtype=float)
    A.flags.writeable = False
    C.flags.writeable = False
    n, R = A.shape[0], C.shape[1]
    chosen = ("dense" if n * R <= dense_limit else "iterative") if method == "auto" else method
    if chosen == "dense":
        return MRFactor(A, C, "dense", le.factorise(mrio_coefficients(A, C)), (), tol, maxiter)
    idx = np.arange(R)
    blocks = tuple(le.factorise(C[:, r, r][:, None] * A) for r in idx)
    return MRFactor(A, C, "iterative", None, blocks, tol, maxiter)


def _gmres(fac: MRFactor, B: FloatArray, transposed: bool) -> FloatArray:
    """Column-by-column preconditioned GMRES, dense fallback for columns that stall."""
    n, R, N = fac.n, fac.R, fac.N
    A, C = fac.A, fac.C
    if transposed:
        def mv(v: FloatArray) -> FloatArray:
            return v - _block_rmatvec(A, C, v.reshape(N, 1)).ravel()

        def pre(v: FloatArray) -> FloatArray:
            vr = v.reshape(R, n)
            return np.concatenate([le.solve_transposed(b, vr[r]) for r, b in
                                   enumerate(fac.blocks)])
    else:
        def mv(v: FloatArray) -> FloatArray:
            return v - _block_matvec(A, C, v.reshape(N, 1)).ravel()

        def pre(v: FloatArray) -> FloatArray:
            vr = v.reshape(R, n)
            return np.concatenate([le.solve(b, vr[r]) for r, b in enumerate(fac.blocks)])

    op = spla.LinearOperator((N, N), matvec=mv, dtype=float)
    M = spla.LinearOperator((N, N), matvec=pre, dtype=float)
    X = np.zeros_like(B)
    failed = []
    for k in range(B.shape[1]):
        b = B[:, k]
        nb = float(np.linalg.norm(b))
        if nb == 0.0:
            continue
        x, info = spla.gmres(op, b, x0=pre(b), rtol=fac.tol, atol=0.0, M=M, restart=50,
                             maxiter=fac.maxiter)
        res = float(np.linalg.norm(b - mv(x))) / nb
        if info != 0 or not np.isfinite(res) or res > 10 * fac.tol:
            failed.append(k)
        X[:, k] = x
    if failed:
        lu = fac.dense
        solver = le.solve_transposed if transposed else le.solve
        X[:, failed] = solver(lu, B[:, failed])
        fac.notes.append(
            f"GMRES did not reach the relative residual {fac.tol:g} for {len(failed)} "
            "right-hand side(s); solved by dense LU instead."
        )
    return X


def mr_solve(fac: MRFactor, B: npt.ArrayLike) -> FloatArray:
    r"""Solve $(I - \mathcal{C}\mathcal{A})\,x = b$ for one or many right-hand sides.

    Parameters
    ----------
    fac : MRFactor
    B : array_like of shape (R n,) or (R n, k)

    Returns
    -------
    ndarray shaped like ``B``
    """
    B = np.asarray(B, dtype=float)
    if fac.method == "dense":
        return le.solve(fac.lu, B)  # type: ignore[arg-type]
    out = _gmres(fac, B.reshape(fac.N, -1), transposed=False)
    return out.reshape(B.shape)


def mr_solve_transposed(fac: MRFactor, K: npt.ArrayLike) -> FloatArray:
    r"""Solve $(I - \mathcal{C}\mathcal{A})'\,y = k$: columns of ``K`` give $y' = k'L$."""
    K = np.asarray(K, dtype=float)
    if fac.method == "dense":
        return le.solve_transposed(fac.lu, K)  # type: ignore[arg-type]
    out = _gmres(fac, K.reshape(fac.N, -1), transposed=True)
    return out.reshape(K.shape)


def mr_effects(fac: MRFactor, K: npt.ArrayLike) -> FloatArray:
    r"""Type I effects $E = K L$ of several satellite rows (shape (m, R n)) at once."""
    K = np.atleast_2d(np.asarray(K, dtype=float))
    return mr_solve_transposed(fac, K.T).T


@dataclass(frozen=True, eq=False)
class MRClosedFactor:
    r"""The multiregional system closed with one household account per region.

    $$
    \begin{bmatrix} I - \mathcal{C}\mathcal{A} & -H_c \\ -H_r & (1 - h_{hh}) I_R \end{bmatrix}
    $$

    $H_r$ ($R \times Rn$): household income of region $s$ per unit of output of each of region
    $s$'s sectors. $H_c$ ($Rn \times R$): purchases by region $s$'s households from each region
    and product per unit of their income, $(H_c)_{(r,i),s} = c^{rs}_i h_{c,i}$. Solved through
    the Schur complement on the Type I factorisation, with $W = L H_c$, $U = H_r L$,
    $S = (1 - h_{hh}) I_R - H_r L H_c$:

    $$ \bar L = \begin{bmatrix} L + W S^{-1} U & W S^{-1} \\ S^{-1} U & S^{-1}\end{bmatrix}. $$

    The closed system is productive if and only if $S$ is a non-singular M-matrix, i.e.
    $S^{-1} \ge 0$ (``productive``).
    """

    base: MRFactor
    income: FloatArray  # H_r (R, N)
    consumption: FloatArray  # H_c (N, R)
    own_use: float
    W: FloatArray  # (N, R)
    U: FloatArray  # (R, N)
    S: FloatArray  # (R, R)
    S_inv: FloatArray  # (R, R)

    @property
    def productive(self) -> bool:
        return bool(np.all(np.isfinite(self.S_inv)) and (self.S_inv >= -1e-12).all())


def close_regional_households(
    base: MRFactor,
    income: npt.ArrayLike,
    consumption: npt.ArrayLike,
    own_use: float = 0.0,
) -> MRClosedFactor:
    r"""Close the multiregional model with a household account per region.

    Costs $R$ forward and $R$ transposed solves on the Type I factorisation.

    Parameters
    ----------
    base : MRFactor
    income : array_like of shape (R, n) or (n,)
        $h_r$: household income per unit of output, by region (or the same for all).
    consumption : array_like of shape (n,) or (R, n)
        $h_c$: household consumption of the nation's output per unit of household income (the
        national pattern, or one per region); bought through the trade coefficients.
    own_use : float, default 0
        $h_{hh}$.

    Returns
    -------
    MRClosedFactor
    """
    n, R, N = base.n, base.R, base.N
    h_r = np.broadcast_to(np.asarray(income, dtype=float), (R, n))
    h_c = np.broadcast_to(np.asarray(consumption, dtype=float), (R, n))  # by buying region
    Hc = np.einsum("irs,si->ris", base.C, h_c).reshape(N, R)
    blocks = np.zeros((R, R, n))
    blocks[np.arange(R), np.arange(R), :] = h_r
    Hr = blocks.reshape(R, N)
    W = mr_solve(base, Hc)
    U = mr_solve_transposed(base, Hr.T).T
    S = (1.0 - own_use) * np.eye(R) - Hr @ W
    with np.errstate(all="ignore"):
        try:
            S_inv = sla.inv(S, check_finite=False)
        except (sla.LinAlgError, ValueError):
            S_inv = np.full((R, R), np.nan)
    for arr in (Hr, Hc, W, U, S, S_inv):
        arr.flags.writeable = False
    return MRClosedFactor(base, Hr, Hc, float(own_use), W, U, S, S_inv)


def mr_closed_solve(cf: MRClosedFactor, F: npt.ArrayLike, f_h: npt.ArrayLike | float = 0.0
                    ) -> tuple[FloatArray, FloatArray]:
    r"""Outputs and household incomes of the closed model.

    $$ x_h = S^{-1}(f_h + H_r L f), \qquad x = L f + W x_h $$

    Parameters
    ----------
    cf : MRClosedFactor
    F : array_like of shape (R n,) or (R n, k)
    f_h : float or array_like of shape (R,) or (R, k)
        Exogenous income paid to each region's households.

    Returns
    -------
    (x, x_h)
        Shapes like ``F`` and (R,) or (R, k).
    """
    F = np.asarray(F, dtype=float)
    y = mr_solve(cf.base, F)
    x_h = cf.S_inv @ (np.asarray(f_h, dtype=float) + cf.income @ y)
    return y + cf.W @ x_h, x_h


def mr_closed_effects(
    cf: MRClosedFactor,
    K: npt.ArrayLike,
    k_h: npt.ArrayLike | None = None,
    *,
    type_i: npt.ArrayLike | None = None,
) -> tuple[FloatArray, FloatArray]:
    r"""Type II effects of satellite rows bordered with household coefficients.

    $$ y_h = (k_h' + K L H_c)\,S^{-1}, \qquad E = K L + y_h U $$

    Parameters
    ----------
    cf : MRClosedFactor
    K : array_like of shape (m, R n)
    k_h : array_like of shape (m, R), optional
        Coefficient of each indicator on each region's household account (1 for household
        income itself; the import share of household spending for imports; 0 otherwise).
    type_i : array_like of shape (m, R n), optional
        $KL$ if known.

    Returns
    -------
    (effects, household)
        Shapes (m, R n) and (m, R).
    """
    K = np.atleast_2d(np.asarray(K, dtype=float))
    m = K.shape[0]
    kh = np.zeros((m, cf.base.R)) if k_h is None else np.asarray(k_h, dtype=float).reshape(
        m, cf.base.R)
    Y = mr_effects(cf.base, K) if type_i is None else np.asarray(type_i, dtype=float)
    y_h = (kh + Y @ cf.consumption) @ cf.S_inv
    return Y + y_h @ cf.U, y_h


def mr_output_components(fac: MRFactor, delta_f: npt.ArrayLike,
                         closed: MRClosedFactor | None = None) -> le.OutputComponents:
    r"""Direct, indirect and induced output of a final-demand change (cf.
    :func:`creative_econ.leontief.output_components`).

    ``household_income`` is the change in each region's household income (shape (R,) or
    (R, k)) for Type II, None for Type I.
    """
    df = np.asarray(delta_f, dtype=float)
    x1 = mr_solve(fac, df)
    if closed is None:
        return le.OutputComponents(df.copy(), x1 - df, np.zeros_like(x1), None)
    x_h = closed.S_inv @ (closed.income @ x1)
    x2 = x1 + closed.W @ x_h
    return le.OutputComponents(df.copy(), x1 - df, x2 - x1, x_h)


# ============================================================================ labelled layer
def default_product_groups(sectors: pd.Index) -> pd.Series | None:
    """Goods or services for sectors labelled by OKED/NACE section or CPA/NACE division.

    Sections A-E (agriculture, mining, manufacturing, energy, water) and divisions 01-39 are
    ``"goods"``; sections F-U and divisions 41-99 are ``"services"`` (construction, being
    local, with services). A label is a section when it is a capital letter A-U alone or
    followed by digits, "_" or "-" (``"J58-60"``, ``"M_other"``); otherwise its first two-digit
    number is the division (``"10-1"``, ``"NPISH_74"``). Returns None when some label is
    neither.

    >>> default_product_groups(pd.Index(["A", "C", "J58-60", "M_other", "10-1"])).tolist()
    ['goods', 'goods', 'services', 'services', 'goods']
    """
    groups = []
    for label in (str(s).strip() for s in sectors):
        section = re.fullmatch(r"([A-U])(?:[\d_\-].*)?", label)
        division = re.search(r"(?<!\d)(\d{2})", label)
        if section:
            groups.append("goods" if section.group(1) in _GOODS_SECTIONS else "services")
        elif division:
            groups.append("goods" if int(division.group(1)) <= 39 else "services")
        else:
            return None
    return pd.Series(groups, index=sectors, name="group")


@dataclass(frozen=True)
class TradeModel:
    """How interregional trade was estimated: the record behind the assumptions card."""

    method: str
    decay: tuple[tuple[str, float], ...] = ()
    form: str = "power"
    distance_basis: str = ""
    internal_distance: str = ""
    ipf_iterations: int = 0
    margin_error: float = 0.0

    def describe(self) -> str:
        if self.method == "pool":
            return ("supply-demand pool: each region buys from itself first (min(1, supply/"
                    "demand)), deficits are bought from surplus regions pro rata (no "
                    "cross-hauling)")
        groups = ", ".join(f"{g} {v:g}" for g, v in self.decay)
        law = "d**-gamma" if self.form == "power" else "exp(-gamma d)"
        return (f"doubly-constrained gravity ({law}; gamma: {groups}); {self.distance_basis}; "
                f"{self.internal_distance}; balanced by IPF in {self.ipf_iterations} "
                f"iterations, margins met to {self.margin_error:.1e}")


@dataclass(frozen=True, eq=False)
class MultiRegionalImpact(Impact):
    """Impact of a final-demand change in a multiregional model.

    ``by_sector`` is indexed by (region, sector); Type II adds one ``"(households)"`` row per
    region. :meth:`by_region` sums over sectors and :meth:`shares` gives each region's share.
    """

    def by_region(self, component: str = "total") -> pd.DataFrame:
        """Totals by region (rows) and indicator (columns) for one component."""
        frame = self.by_sector.xs(component, axis=1, level="component")
        out = frame.groupby(level="region", sort=False).sum()
        return out.reindex(pd.unique(self.by_sector.index.get_level_values("region")))

    def shares(self, indicator: str = "employment", component: str = "total") -> pd.Series:
        """Each region's share of the total impact on one indicator.

        Raises
        ------
        InvalidOptionError
            The impact has no such indicator (e.g. employment when the table has none).
        InvalidShockError
            The total is zero (shares undefined).
        """
        by = self.by_region(component)
        check_option("indicator", indicator, list(by.columns))
        col = by[indicator]
        total = float(col.sum())
        if total == 0:
            raise InvalidShockError(f"The total {indicator} impact is zero: shares are undefined.")
        return (col / total).rename(f"share of {indicator}")

    def to_frame(self) -> pd.DataFrame:
        """Tidy long table: region, sector, indicator, component, value."""
        long = self.by_sector.stack(level=[0, 1], future_stack=True)
        long.index = long.index.set_names(["region", "sector", "indicator", "component"])
        return long.rename("value").reset_index()


@dataclass(frozen=True, eq=False, repr=False)
class MultiRegionalTable:
    r"""A multiregional (Chenery–Moses) input-output model of all regions of a country.

    Build it with :meth:`from_national`. Everything is labelled by (region, sector), region
    first; results mirror :class:`~creative_econ.IOTable`: :meth:`effects`,
    :meth:`multipliers` and :meth:`impact` (Type I and II), plus :meth:`effects_by_region` for
    spillovers and :meth:`to_iotable` for the analysis tools of a plain table.

    Attributes
    ----------
    national : IOTable
        The national table the model was built from.
    regions, sectors : Index
    x : Series
        Regional output indexed by (region, sector): the regional data scaled to national
        output, reproduced by the model from the base-year final demand.
    final_demand : DataFrame
        Final demand for the output of each region's producers, (region, sector) x national
        category: what each region's buyers purchase, routed through the trade coefficients,
        plus exports (and other categories kept at the producer).
    regional_final_demand : DataFrame
        Final demand of each region's buyers before routing ((region, sector) x category).
    trade : TradeModel
    notes : tuple of str
    """

    national: IOTable
    regions: pd.Index
    sectors: pd.Index
    x: pd.Series
    final_demand: pd.DataFrame
    regional_final_demand: pd.DataFrame
    trade: TradeModel
    C: FloatArray
    flows: FloatArray
    supply: FloatArray
    demand: FloatArray
    coefficients_by_indicator: dict[str, FloatArray]
    household_income: FloatArray | None
    fd_rules: tuple[tuple[str, str], ...]
    at_producer: tuple[str, ...]
    solver: str
    tol: float
    dense_limit: int
    regional_data: RegionalData
    basis: str
    name: str
    notes: tuple[str, ...] = ()

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_national(
        cls,
        national: IOTable,
        regional_data: RegionalData,
        trade: TradeMethod = "gravity",
        *,
        regions: Sequence[object] | None = None,
        basis: Basis = "output",
        national_sizes: pd.Series | None = None,
        decay: float | Mapping[object, float] | pd.Series | None = None,
        product_groups: Mapping[object, str] | pd.Series | None = None,
        decay_form: tr.DecayForm = "power",
        distances: pd.DataFrame | None = None,
        internal_distances: pd.Series | Mapping[object, float] | None = None,
        final_demand_rules: Mapping[str, str] | None = None,
        at_producer: Sequence[str] | None = None,
        rtol: float = 1e-3,
        solver: Solver = "auto",
        tol: float = 1e-10,
        dense_limit: int = DENSE_LIMIT,
        ipf_tol: float = 1e-12,
        name: str | None = None,
    ) -> MultiRegionalTable:
        r"""A Chenery–Moses model of every region, estimated from a national table.

        Steps (each recorded in the assumptions card):

        1. **Regional output.** The regions' sizes on ``basis`` must add up to the nation's
           (within ``rtol``); each region gets the national output of a sector in proportion
           to its share, $x^r_i = x^N_i\, q^r_i / \sum_s q^s_i$. Technology is national.
        2. **Regional final demand** of each region's buyers, by category (the rules of
           :func:`~creative_econ.regional.regionalise`): consumption (households, NPISH,
           government) in proportion to the region's household income
           $\omega_s = h_r' x^s / h_r' x^N$; capital formation to its share of total output;
           inventories and exports abroad pro rata to each product's output. Exports and
           inventories (``at_producer``) stay with the producing region; every other
           category is bought through the trade coefficients. All weights are non-negative
           and sum to one over regions, so $\sum_s f^s = f^N$.
        3. **Trade.** Supply of region $r$: $O^r_i = x^r_i - e^r_i$; demand of region $s$:
           $D^s_i = (A x^s)_i + f^s_i$. ``"gravity"``: doubly-constrained gravity flows
           balanced by IPF to both margins; ``"pool"``: the supply-demand pool. Both meet
           the margins, so the model reproduces every region's output from base-year final
           demand (checked).
        4. **Type II.** One household account per region: income $h_r$ (the national
           closure's income per unit of output) times the region's output; consumption the
           national pattern per unit of income, bought through the trade coefficients.

        Parameters
        ----------
        national : IOTable
            National table with domestic flows.
        regional_data : RegionalData
            Regional sizes for every region of the country (they must sum to the nation);
            ``centres`` for the gravity model unless ``distances`` is given. Employment or GVA
            given for a region replace the national coefficients there.
        trade : {"gravity", "pool"}, default "gravity"
        regions : sequence, optional
            Regions and their order (default: the order of the regional data). Each once.
        basis : {"output", "employment", "gva"}, default "output"
            The size measure that shares national output among regions.
        national_sizes : Series, optional
            National figures on ``basis`` to compare the regions with, when they do not come
            from the table (e.g. Kazakhstan's regional output shares applied to a stand-in
            table: pass the BNS national totals here).
        decay : float, mapping or Series, optional
            Distance-decay parameter $\gamma$: one number for all products, or by product
            group (``{"goods": 1.0, "services": 2.0}``, the default :data:`DEFAULT_DECAY`), or
            by sector. $\gamma \ge 0$; 0 means distance does not matter.
        product_groups : mapping or Series, optional
            Sector -> group for a decay given by group. Default: :func:`default_product_groups`
            (OKED/NACE sections or divisions); other sector labels need it.
        decay_form : {"power", "exponential"}, default "power"
            $d^{-\gamma}$ or $e^{-\gamma d}$ (d in km).
        distances : DataFrame, optional
            Region x region distances (km), e.g. by road; default great-circle distances
            between ``regional_data.centres``. A zero diagonal is replaced by the internal
            distances.
        internal_distances : Series or mapping, optional
            Distance within each region; default half the distance to the nearest other
            centre (:func:`~creative_econ.regional.trade.internal_distances`).
        final_demand_rules : mapping, optional
            Rule per final-demand category (see :func:`~creative_econ.regional.regionalise`).
        at_producer : sequence of str, optional
            Final-demand categories placed with the producing region instead of being bought
            through trade. Exports abroad always are. Default: exports and the categories
            shared pro rata to output (changes in inventories: producers' stocks, whose
            negative entries would otherwise make a region's demand negative). Give a list to
            choose (``[]`` routes inventories through trade, as the two-region model does).
        rtol : float, default 1e-3
            Relative tolerance of "regions sum to the nation".
        solver : {"auto", "dense", "iterative"}, default "auto"
        tol : float, default 1e-10
            Relative residual of iterative solves.
        dense_limit : int, default 3000
            Largest system solved by dense LU under ``"auto"``.
        ipf_tol : float, default 1e-12
            Relative margin tolerance of the gravity IPF.
        name : str, optional

        Returns
        -------
        MultiRegionalTable

        Raises
        ------
        UnknownRegionError
            A region of ``regions`` is not in the regional data.
        LabelMismatchError
            A region listed twice; sector labels that do not match the table.
        BalanceError
            Regional sizes do not add up to the nation; the model does not reproduce regional
            or national output; gravity flows miss a margin.
        RegionalDataError
            Missing centres for gravity (and no ``distances``), negative regional supply or
            demand, a sector the nation produces that no region has.
        InvalidParameterError
            Negative distances or decay, a decay group without a value, bad tolerances.
        NotProductiveError
            A regional block $I - \hat C^{rr} A$ is not productive, or the closed system.
        """
        check_option("trade", trade, TRADE_METHODS)
        check_option("basis", basis, BASES)
        check_option("decay_form", decay_form, tr.DECAY_FORMS)
        check_option("solver", solver, SOLVERS)
        if not isinstance(national, IOTable):
            raise InvalidParameterError("national", type(national).__name__, "an IOTable")
        if not isinstance(regional_data, RegionalData):
            raise InvalidParameterError("regional_data", type(regional_data).__name__,
                                        "a RegionalData")
        for pname, value in (("rtol", rtol), ("tol", tol), ("ipf_tol", ipf_tol)):
            if not (isinstance(value, float | int) and 0 < value < 1):
                raise InvalidParameterError(pname, value, "a relative tolerance in (0, 1)")
        notes: list[str] = []
        sectors = national.sectors
        n = len(sectors)

        # 1. regions and their output ------------------------------------------------
        frame = regional_data.basis(basis)
        region_index = _region_index(frame.index if regions is None else regions, frame)
        sizes = None
        if national_sizes is not None:
            if not isinstance(national_sizes, pd.Series):
                raise RegionalDataError("national_sizes must be a Series indexed by sector.")
            check_unique(national_sizes.index, "national_sizes")
            sizes = {basis: national_sizes.reindex(sectors)}
            if sizes[basis].isna().any():
                miss = list(sectors[sizes[basis].isna().to_numpy()][:5])
                raise LabelMismatchError(f"national_sizes lacks sector(s) {miss}.")
        regional_data.validate_against(national, national_sizes=sizes)  # type: ignore[arg-type]
        q_n = (sizes[basis] if sizes else regional_data.national_values(national, basis)
               ).to_numpy(dtype=float)
        Q = frame.loc[region_index, sectors].to_numpy(dtype=float)
        X = _regional_output(national, Q, q_n, region_index, sectors, basis, rtol)
        R = len(region_index)
        x_n = national.x.to_numpy(dtype=float)

        # regional value-added and employment coefficients -----------------------------
        va_factor, emp_coef, sat_notes = _regional_satellites(national, regional_data,
                                                              region_index, X, rtol)
        notes.extend(sat_notes)

        # 2. regional final demand -----------------------------------------------------
        rules, rule_notes = _rules(national, final_demand_rules)
        notes.extend(rule_notes)
        cols = [str(c) for c in national.final_demand.columns]
        if at_producer is None:  # exports and inventories (producers' stocks) stay put
            keep = {c for c in cols if rules[c] in ("exports", "product")}
        else:
            if isinstance(at_producer, str):
                at_producer = [at_producer]
            for c in at_producer:
                if str(c) not in cols:
                    raise LabelMismatchError(
                        f"at_producer names {c!r}, which is not a final-demand column of "
                        f"{national.name!r}; columns are {cols}."
                    )
            keep = {c for c in cols if rules[c] == "exports"} | set(map(str, at_producer))
        placed = tuple(c for c in cols if c in keep)
        routed = np.array([c not in placed for c in cols], dtype=bool)
        income = _income_coefficients(national)
        FR = _allocate_final_demand(national, X, rules, income, va_factor)  # (R, n, K)

        # 3. trade -------------------------------------------------------------------
        A = national._A
        demand = (np.einsum("ij,rj->ir", A, X) + FR[:, :, routed].sum(axis=2).T)
        supply = X.T - FR[:, :, ~routed].sum(axis=2).T
        demand, supply = _clean_margins(demand, supply, region_index, sectors, x_n)
        if trade == "gravity":
            dist, basis_text, internal_text = _distances(regional_data, region_index, distances,
                                                         internal_distances, decay_form)
            gamma, decay_record = _decay_vector(decay, product_groups, sectors)
            res = tr.gravity_flows(supply, demand, dist, gamma, form=decay_form, tol=ipf_tol)
            flows = res.flows
            err = tr.check_margins(flows, supply, demand, rtol=1e-8)
            C = tr.trade_coefficients(flows, supply)
            trade_rec = TradeModel("gravity", decay_record, decay_form, basis_text,
                                   internal_text, res.iterations, err)
        else:
            C = tr.pool_trade_coefficients(supply, demand)
            flows = C * demand[:, None, :]
            err = tr.check_margins(flows, supply, demand, rtol=1e-8)
            trade_rec = TradeModel("pool", margin_error=err)

        # base-year final demand on the producer side: routed through C, exports in place
        F_prod = np.where(routed[None, None, :],
                          np.einsum("irs,sik->rik", C, FR), FR).reshape(R * n, len(cols))

        index = pd.MultiIndex.from_arrays(
            [np.repeat(region_index.to_numpy(), n), np.tile(sectors.to_numpy(), R)],
            names=["region", sectors.name or "sector"])
        for arr in (C, flows, supply, demand, F_prod):
            arr.flags.writeable = False
        coefs = _indicator_coefficients(national, va_factor, emp_coef, X)
        hh_income = None
        if national.households is not None:
            closure = national.closure
            assert closure is not None
            hh_income = closure.income.to_numpy() * va_factor  # (R, n)
            hh_income.flags.writeable = False
        x_series = pd.Series(X.ravel(), index=index, name="output")
        table = cls(
            national=national,
            regions=region_index,
            sectors=sectors,
            x=x_series,
            final_demand=pd.DataFrame(F_prod, index=index, columns=national.final_demand.columns),
            regional_final_demand=pd.DataFrame(FR.reshape(R * n, len(cols)), index=index,
                                               columns=national.final_demand.columns),
            trade=trade_rec,
            C=C,
            flows=flows,
            supply=supply,
            demand=demand,
            coefficients_by_indicator=coefs,
            household_income=hh_income,
            fd_rules=tuple(rules.items()),
            at_producer=placed,
            solver=solver,
            tol=float(tol),
            dense_limit=int(dense_limit),
            regional_data=regional_data,
            basis=basis,
            name=name or f"{national.name}: {R} regions",
            notes=tuple(dict.fromkeys(notes)),
        )
        table._check_blocks()
        table._check_base_year(rtol=1e-6)
        return table

    # ------------------------------------------------------------------ checks
    def _check_blocks(self) -> None:
        """Every regional block $I - \\hat C^{rr} A$ is productive (Hawkins–Simon)."""
        A = self.national._A
        R = len(self.regions)
        diag = self.C[:, np.arange(R), np.arange(R)]  # (n, R)
        colsums = np.einsum("ir,ij->rj", diag, A)
        for r in range(R):
            if colsums[r].max(initial=0.0) < 1.0:
                continue
            block = diag[:, r][:, None] * A
            if not le.is_productive(le.factorise(block), colsums[r]):
                rho = le.spectral_radius(block)
                raise NotProductiveError(
                    f"The regional block of {self.regions[r]!r} is not productive: spectral "
                    f"radius {rho:.6g} >= 1. Check the national table's coefficients.",
                    spectral_radius=rho,
                )

    def _check_base_year(self, rtol: float) -> None:
        """The base-year solve reproduces regional outputs, which add up to national output."""
        x_model = mr_solve(self._factor, self._F_total)
        n = len(self.sectors)
        x_n = self.national.x.to_numpy(dtype=float)
        total = x_model.reshape(-1, n).sum(axis=0)
        scale = rtol * (np.abs(x_n) + 1e-9 * max(float(np.abs(x_n).sum()), 1.0))
        bad = np.abs(total - x_n) > scale
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise BalanceError(
                f"Regional outputs from base-year final demand sum to {total[i]:.10g} in sector "
                f"{self.sectors[i]!r}, national output is {x_n[i]:.10g}: the trade coefficients"
                " do not add up to one."
            )
        x_data = self.x.to_numpy()
        scale_r = rtol * (np.abs(x_data) + 1e-9 * max(float(np.abs(x_n).sum()), 1.0))
        bad = np.abs(x_model - x_data) > scale_r
        if bad.any():
            k = int(np.flatnonzero(bad)[0])
            raise BalanceError(
                f"The model gives output {x_model[k]:.10g} for {self.x.index[k]} from base-year "
                f"final demand, the regional data {x_data[k]:.10g}: the product balance of the "
                "region does not close (trade flows miss their margins)."
            )

    # ------------------------------------------------------------------ arrays
    @property
    def index(self) -> pd.MultiIndex:
        """The (region, sector) index of every result."""
        return self.x.index  # type: ignore[return-value]

    @property
    def n(self) -> int:
        """Number of equations, regions x sectors."""
        return len(self.x)

    @cached_property
    def _x(self) -> FloatArray:
        arr = self.x.to_numpy(dtype=float).copy()
        arr.flags.writeable = False
        return arr

    @cached_property
    def _F_total(self) -> FloatArray:
        return self.final_demand.to_numpy(dtype=float).sum(axis=1)

    @cached_property
    def _factor(self) -> MRFactor:
        return factorise_mrio(self.national._A, self.C, method=self.solver,  # type: ignore
                              dense_limit=self.dense_limit, tol=self.tol)

    @property
    def _lu(self) -> le.LUFactor:
        """Dense LU of $I - \\mathcal{C}\\mathcal{A}$ (for callers that need LAPACK factors,
        e.g. the scenario engine's Type I path; computed on first use for iterative models)."""
        return self._factor.dense

    @cached_property
    def _closed(self) -> MRClosedFactor:
        if self.household_income is None:
            raise InvalidTableError(
                f"Type II needs a household closure, and table {self.national.name!r} has none:"
                " build the national table with households=ce.Households(...)."
            )
        c = self.national.closure
        assert c is not None
        cf = close_regional_households(self._factor, self.household_income,
                                       c.consumption.to_numpy(), c.own_use)
        if not cf.productive:
            raise NotProductiveError(
                "The household-closed multiregional model is not productive: S = (1 - h_hh) I "
                "- H_r L H_c is not a non-singular M-matrix (households re-spend more than "
                "their income). Check the consumption column and total_income."
            )
        return cf

    @cached_property
    def A(self) -> pd.DataFrame:
        r"""The multiregional coefficients $\mathcal{C}\mathcal{A}$ (dense, on request)."""
        return pd.DataFrame(mrio_coefficients(self.national._A, self.C), index=self.index,
                            columns=self.index)

    @property
    def trade_coefficients(self) -> pd.DataFrame:
        """$c^{rs}_i$: rows (sector, origin region), columns destination region."""
        return self._by_product(self.C, "trade coefficient")

    @property
    def trade_flows(self) -> pd.DataFrame:
        """Estimated flows $z^{rs}_i$ (sector, origin) x destination, in the table's unit."""
        return self._by_product(self.flows, "flow")

    def _by_product(self, arr: FloatArray, what: str) -> pd.DataFrame:
        n, R = arr.shape[0], arr.shape[1]
        idx = pd.MultiIndex.from_arrays(
            [np.repeat(self.sectors.to_numpy(), R), np.tile(self.regions.to_numpy(), n)],
            names=[self.sectors.name or "sector", "origin"])
        return pd.DataFrame(arr.reshape(n * R, R), index=idx,
                            columns=self.regions.rename("destination"))

    @property
    def indicators(self) -> list[str]:
        return list(self.coefficients_by_indicator)

    def _direct_coefficients(self) -> dict[str, FloatArray]:
        """Direct coefficients per unit of output over (region, sector), by indicator."""
        return self.coefficients_by_indicator

    def _household_terms(self) -> dict[str, float]:
        """Each indicator's coefficient on a region's household account (Type II)."""
        c = self.national.closure
        assert c is not None
        terms = {"output": 0.0, "output_total": 1.0, "gva": 0.0, "income": 1.0,
                 "employment": 0.0, "imports": c.import_share, "taxes": c.tax_share}
        return terms | {k: 0.0 for k in self.indicators if k not in terms}

    # ------------------------------------------------------------------ effects
    @staticmethod
    def _check_type(type: str) -> ModelType:
        return IOTable._check_type(type)  # type: ignore[return-value]

    def _effects_arrays(self, type: str) -> tuple[list[str], FloatArray, FloatArray]:
        kind = self._check_type(type)
        key = f"_effects_{kind}"
        cached = self.__dict__.get(key)
        if cached is not None:
            return cached
        direct = self.coefficients_by_indicator
        if kind == "I":
            names = list(direct)
            D = np.vstack(list(direct.values()))
            E = mr_effects(self._factor, D)
        else:
            names = ["output", "output_total", *(k for k in direct if k != "output")]
            closed = self._closed
            h = self._household_terms()
            D = np.vstack([direct["output" if k == "output_total" else k] for k in names])
            K = D.copy()
            if "income" in names:
                K[names.index("income")] = 0.0
            kh = np.array([h[k] for k in names])[:, None] * np.ones((1, len(self.regions)))
            E, _ = mr_closed_effects(closed, K, kh)
        D.flags.writeable = False
        E.flags.writeable = False
        self.__dict__[key] = (names, E, D)
        return names, E, D

    def effects(self, type: ModelType = "I") -> pd.DataFrame:
        r"""Effects per unit of final demand, (region, sector) x indicator, summed over regions.

        $$ \text{Type I: } k'L, \qquad \text{Type II: } (k', k_h')\,\bar L $$

        Row (r, j) is the total effect, in every region, of one unit of final demand for the
        output of sector j in region r. Columns as in :meth:`IOTable.effects
        <creative_econ.IOTable.effects>` (Type II adds ``output_total``; Type II ``income`` is
        household income of all regions).
        """
        names, E, _ = self._effects_arrays(type)
        return pd.DataFrame(E.T, index=self.index, columns=pd.Index(names, name="indicator"))

    def multipliers(self, type: ModelType = "I") -> pd.DataFrame:
        r"""Multipliers, effect over direct coefficient: $\mu_{(r,j)} = (k'L)_{(r,j)} / k_{(r,j)}$.

        NaN where the direct coefficient is zero (e.g. a sector a region does not have).
        """
        names, E, D = self._effects_arrays(type)
        return pd.DataFrame(le.ratio_multipliers(E, D).T, index=self.index,
                            columns=pd.Index(names, name="indicator"))

    def effects_by_region(self, indicator: str = "output", type: ModelType = "I"
                          ) -> pd.DataFrame:
        r"""Where the effects arise: (region, sector) of the demand x region of the effect.

        Column $s$ is $k_s' L$ with $k_s$ the indicator's coefficients restricted to region
        $s$ (Type II: bordered with region $s$'s household account), so each row sums to
        :meth:`effects`. The diagonal blocks are own-region effects, the rest spillovers.

        Raises
        ------
        InvalidOptionError
            Unknown indicator (with the closest names).
        """
        type = self._check_type(type)
        names = self.indicators + (["output_total"] if type == "II" else [])
        check_option("indicator", indicator, names)
        R, n = len(self.regions), len(self.sectors)
        base = self.coefficients_by_indicator["output" if indicator == "output_total"
                                              else indicator]
        mask = np.kron(np.eye(R), np.ones((1, n)))  # (R, N)
        K = mask * base[None, :]
        if type == "I":
            E = mr_effects(self._factor, K)
        else:
            h = self._household_terms()[indicator]
            if indicator == "income":
                K = np.zeros_like(K)
            E, _ = mr_closed_effects(self._closed, K, h * np.eye(R))
        return pd.DataFrame(E.T, index=self.index, columns=self.regions.copy())

    # ------------------------------------------------------------------ impacts
    def _shock_vector(self, delta: object, region: object | None, sourcing: str) -> FloatArray:
        # (mypy: ``delta`` is narrowed to a Series below)
        """A final-demand change as a vector over (region, sector), producer side."""
        check_option("sourcing", sourcing, SOURCING)
        if isinstance(delta, pd.DataFrame):
            raise InvalidShockError("A final-demand change must be a Series or a mapping.")
        if not isinstance(delta, pd.Series):
            try:
                items = dict(delta)  # type: ignore[call-overload]
            except (TypeError, ValueError):
                raise InvalidShockError(
                    "A final-demand change must map (region, sector) - or sectors, with "
                    "region= - to numbers.") from None
            keys = list(items)
            if region is None and keys and all(isinstance(k, tuple) for k in keys):
                delta = pd.Series(list(items.values()), index=pd.MultiIndex.from_tuples(keys),
                                  dtype=object)
            else:
                delta = pd.Series(list(items.values()), index=pd.Index(keys), dtype=object)
        assert isinstance(delta, pd.Series)
        check_unique(delta.index, "the final-demand change")
        try:
            values = delta.to_numpy(dtype=float)
        except (TypeError, ValueError):
            raise InvalidShockError("The final-demand change has non-numeric values.") from None
        if region is not None:
            if region not in self.regions:
                raise UnknownRegionError(region, self.regions, where="impact(region=...)")
            pairs = [(region, s) for s in delta.index]
        else:
            if not isinstance(delta.index, pd.MultiIndex) or delta.index.nlevels != 2:
                raise InvalidShockError(
                    "Give the change by (region, sector) - a Series with a two-level index or a "
                    "mapping with tuple keys - or by sector with region=<code>."
                )
            pairs = list(delta.index)
        vec = np.zeros(self.n)
        n = len(self.sectors)
        for (r, s), v in zip(pairs, values, strict=True):
            if r not in self.regions:
                raise UnknownRegionError(r, self.regions, where="the final-demand change")
            if s not in self.sectors:
                raise UnknownSectorError(s, self.sectors, where="the final-demand change")
            if not np.isfinite(v):
                raise InvalidShockError(
                    f"The final-demand change for ({r!r}, {s!r}) is not finite: {v!r}.")
            vec[self.regions.get_loc(r) * n + self.sectors.get_loc(s)] += v
        if sourcing == "trade":
            R = len(self.regions)
            by_buyer = vec.reshape(R, n)  # (s, i)
            vec = np.einsum("irs,si->ri", self.C, by_buyer).ravel()
        dead = (self._x == 0) & (vec != 0)
        if dead.any():
            k = int(np.flatnonzero(dead)[0])
            r, s = self.index[k]
            hint = " Use sourcing='trade' to buy it from the regions that produce it." \
                if sourcing == "local" and self.national.x.loc[s] > 0 else ""
            raise InvalidShockError(
                f"Region {r!r} has no output of sector {s!r}: there is no producer there to "
                f"meet the demand.{hint}"
            )
        return vec

    def output_components(self, delta_f: npt.ArrayLike, type: ModelType = "I"
                          ) -> le.OutputComponents:
        """Direct, indirect and induced output for final-demand changes on the producer side
        (arrays over (region, sector), one column per right-hand side); the batched entry
        point for the scenario engine. ``household_income`` has one row per region."""
        type = self._check_type(type)
        return mr_output_components(self._factor, delta_f,
                                    self._closed if type == "II" else None)

    def impact(
        self,
        delta_final_demand: Mapping[object, float] | pd.Series,
        *,
        region: object | None = None,
        type: ModelType = "I",
        sourcing: Sourcing = "local",
    ) -> MultiRegionalImpact:
        r"""Impact of a change in final demand on every region and sector.

        $$ \Delta x = L\,\Delta g \;\text{(Type I)},\qquad
           \Delta x = \bar L_{11}\,\Delta g \;\text{(Type II)} $$

        Components as for :meth:`IOTable.impact <creative_econ.IOTable.impact>`: direct
        $\hat k \Delta g$, indirect, induced (Type II) and total, for output, GVA, income,
        employment, imports and taxes. Type II adds a ``"(households)"`` row per region.

        Parameters
        ----------
        delta_final_demand : Series or mapping
            The change by (region, sector) (a two-level Series or tuple keys), or by sector
            for one ``region``. Table unit, basic prices.
        region : optional
            The region of a change given by sector.
        type : {"I", "II"}
        sourcing : {"local", "trade"}, default "local"
            ``"local"``: the demand is for the output of producers in the named region (a
            festival's spending on local services, exports): $\Delta g = \Delta f$.
            ``"trade"``: the demand is by buyers in the named region, who buy from every
            region like the region's other buyers: $\Delta g^r_i = \sum_s c^{rs}_i
            \Delta f^s_i$.

        Returns
        -------
        MultiRegionalImpact
            ``by_sector`` indexed by (region, sector); ``by_region()`` and ``shares()``.

        Raises
        ------
        UnknownRegionError, UnknownSectorError
            Labels not in the model (with the closest names).
        InvalidShockError
            Non-finite values, or demand placed with a region that does not produce the
            sector.
        """
        type = self._check_type(type)
        dg = self._shock_vector(delta_final_demand, region, sourcing)
        comps = self.output_components(dg, type)
        parts = {"direct": comps.direct, "indirect": comps.indirect}
        if type == "II":
            parts["induced"] = comps.induced
        parts["total"] = comps.total
        cols, data = [], []
        for name, k in self.coefficients_by_indicator.items():
            for comp, arr in parts.items():
                cols.append((name, comp))
                data.append(k * arr)
        values = np.column_stack(data)
        index = self.index
        hh_total = None
        if type == "II":
            x_h = np.asarray(comps.household_income, dtype=float)
            terms = self._household_terms() | {"income": self._closed.own_use}
            rows = np.array([[terms[nm] * x_h[r] if comp in ("induced", "total") else 0.0
                              for nm, comp in cols] for r in range(len(self.regions))])
            values = np.vstack([values, rows])
            hh_index = pd.MultiIndex.from_arrays(
                [self.regions.to_numpy(), [HOUSEHOLDS] * len(self.regions)],
                names=index.names)
            index = index.append(hh_index)
            hh_total = float(x_h.sum())
        by_sector = pd.DataFrame(values, index=index, columns=pd.MultiIndex.from_tuples(
            cols, names=["indicator", "component"]))
        card = self.assumptions(type).with_entries(shock_sourcing=(
            "local: demand for the output of the named region's producers" if sourcing ==
            "local" else "trade: demand of the named region's buyers, bought from all regions "
            "through the trade coefficients"))
        return MultiRegionalImpact(
            by_sector=by_sector,
            shock=pd.Series(dg, index=self.index, name="delta_final_demand"),
            assumptions=card,
            household_income=hh_total,
        )

    # ------------------------------------------------------------------ records
    def assumptions(self, type: ModelType = "I") -> Assumptions:
        """The assumptions card: national table, regions, trade, final demand, closure, solver."""
        type = self._check_type(type)
        card = self.national.assumptions(type)
        R, n = len(self.regions), len(self.sectors)
        rd = self.regional_data
        entries = {
            "regional_model": f"multiregional (Chenery-Moses), {R} regions x {n} sectors, "
                              "national technology in every region",
            "regions": ", ".join(map(str, self.regions)),
            "regional_basis": f"{self.basis} (regional shares of national output)",
            "interregional_trade": self.trade.describe(),
            "regional_final_demand": ", ".join(f"{k}: {v}" for k, v in self.fd_rules)
            + f"; kept with the producing region: {list(self.at_producer) or 'none'}; the rest "
              "bought through the trade coefficients",
            "solver": self._solver_text(),
        }
        if type == "II":
            entries["regional_households"] = (
                "one household account per region: income = national income per unit of "
                "output x regional output; consumption = national pattern per unit of income, "
                "bought through the trade coefficients")
        if rd.year is not None:
            entries["regional_data_year"] = str(rd.year)
        if rd.border_vintage:
            entries["border_vintage"] = rd.border_vintage
        if rd.source:
            entries["regional_data_source"] = rd.source
        notes = tuple(dict.fromkeys((*card.notes, *self.notes, *self._factor.notes)))
        return replace(card.with_entries(**entries), notes=notes)

    def _solver_text(self) -> str:
        N = self.n
        if self._factor.method == "dense":
            return f"dense LU of the {N:,}-equation system, factorised once"
        return (f"GMRES on the {N:,}-equation system preconditioned by the block-diagonal "
                f"regional LU factorisations, relative residual {self.tol:g} (dense LU fallback)")

    # ------------------------------------------------------------------ conversion
    def to_iotable(self, *, name: str | None = None) -> IOTable:
        """The model as an :class:`~creative_econ.IOTable` with (region, sector) sectors.

        Intermediate flows $z^{rs}_{ij} = c^{rs}_i a_{ij} x^s_j$, final demand by category on
        the producer side, value added, imports, taxes and employment at the model's
        coefficients. Type I only (the table has one household account; use this model's
        Type II for regional households). Its Type I results equal this model's.
        """
        x = self._x
        Z = mrio_coefficients(self.national._A, self.C) * x[None, :]
        idx = self.index
        nat = self.national
        coefs = self.coefficients_by_indicator
        va = None
        if len(nat.value_added):
            R = len(self.regions)
            x_n = nat.x.to_numpy(dtype=float)
            per = np.zeros_like(nat._va)
            np.divide(nat._va, x_n[None, :], out=per, where=x_n[None, :] > 0)
            factor = coefs["gva"].reshape(R, -1) / np.where(
                per.sum(axis=0) > 0, per.sum(axis=0), 1.0)[None, :]
            rows = (per[:, None, :] * factor[None, :, :]).reshape(len(per), -1) * x[None, :]
            va = pd.DataFrame(rows, index=nat.value_added.index, columns=idx)

        def vec(key: str) -> pd.Series | None:
            return pd.Series(coefs[key] * x, index=idx) if key in coefs else None

        other = None
        if nat.other_inputs is not None:
            other = pd.DataFrame([coefs[str(k)] * x for k in nat.other_inputs.index],
                                 index=nat.other_inputs.index, columns=idx)
        return IOTable.from_frames(
            Z=pd.DataFrame(Z, index=idx, columns=idx),
            final_demand=self.final_demand,
            value_added=va,
            imports=vec("imports"),
            taxes=vec("taxes"),
            employment=vec("employment"),
            other_inputs=other,
            output=pd.Series(x, index=idx),
            name=name or self.name,
            unit=nat.unit,
            year=nat.year,
            employment_unit=nat.employment_unit,
            income_component=nat.income_component or "compensation",
            price_basis=nat.price_basis,
            source=f"{nat.name}, multiregional model ({self.trade.method})",
            allow_negative=nat.allow_negative,
            rtol=1e-6,
        )

    @cached_property
    def table(self) -> IOTable:
        """The model as an :class:`~creative_econ.IOTable` (Type I view; see
        :meth:`to_iotable`), built once."""
        return self.to_iotable()

    # ------------------------------------------------------------------ display
    def summary(self) -> pd.Series:
        facts: dict[str, object] = {
            "name": self.name,
            "national table": self.national.name,
            "regions": len(self.regions),
            "sectors": len(self.sectors),
            "equations": self.n,
            "trade": self.trade.method,
            "solver": self._factor.method,
            "total output": float(self._x.sum()),
            "indicators": ", ".join(self.indicators),
            "Type II closure": "one account per region" if self.household_income is not None
            else "no",
        }
        return pd.Series(facts, name=self.name, dtype=object)

    def __repr__(self) -> str:
        return (f"MultiRegionalTable({self.name!r}, {len(self.regions)} regions x "
                f"{len(self.sectors)} sectors, trade={self.trade.method!r})")

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><th style='text-align:left'>{html.escape(str(k))}</th>"
            f"<td style='text-align:left'>{html.escape(str(v))}</td></tr>"
            for k, v in self.summary().items())
        return f"<table><caption>MultiRegionalTable</caption>{rows}</table>"


# ============================================================================ helpers
def _region_index(regions: object, frame: pd.DataFrame) -> pd.Index:
    """Regions as an Index, each once and present in the regional data."""
    if isinstance(regions, str | bytes) or not hasattr(regions, "__iter__"):
        raise LabelMismatchError("regions must be a sequence of region codes.")
    labels = list(regions)  # type: ignore[call-overload]
    if not labels:
        raise RegionalDataError("A multiregional model needs at least one region.")
    seen: set[object] = set()
    for r in labels:
        if r in seen:
            raise LabelMismatchError(
                f"Region {r!r} is listed twice in regions=; give each region once.")
        seen.add(r)
        if r not in frame.index:
            raise UnknownRegionError(r, frame.index, where="the regional data")
    return pd.Index(labels, name="region")


def _regional_output(national: IOTable, Q: FloatArray, q_n: FloatArray, regions: pd.Index,
                     sectors: pd.Index, basis: str, rtol: float) -> FloatArray:
    """National output shared among regions by their sizes (which must sum to the nation)."""
    total = Q.sum(axis=0)
    slack = rtol * np.abs(q_n) + 1e-9 * max(float(np.abs(q_n).sum()), 1e-300)
    bad = np.abs(total - q_n) > slack
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise BalanceError(
            f"The {len(regions)} regions' {basis} in sector {sectors[i]!r} sums to "
            f"{total[i]:,.6g}, the nation's is {q_n[i]:,.6g} (relative gap "
            f"{abs(total[i] - q_n[i]) / max(abs(q_n[i]), 1e-300):.3g} > rtol={rtol:g}). A "
            "multiregional model needs every region of the country: add the missing regions, "
            "check the units, or pass national_sizes= the figures the regions add up to."
        )
    x_n = national.x.to_numpy(dtype=float)
    orphan = (x_n > 0) & (total <= 0)
    if orphan.any():
        i = int(np.flatnonzero(orphan)[0])
        raise RegionalDataError(
            f"Sector {sectors[i]!r} has national output {x_n[i]:,.6g} but no region has any "
            f"{basis} in it: regional data are needed to place it."
        )
    share = np.zeros_like(Q)
    np.divide(Q, total[None, :], out=share, where=total[None, :] > 0)
    return share * x_n[None, :]


def _income_coefficients(national: IOTable) -> FloatArray | None:
    """Household income per unit of output (the closure's, else the income component)."""
    if national.closure is not None:
        return national.closure.income.to_numpy(dtype=float)
    coefs = national._direct_coefficients()
    return coefs.get("income")


def _regional_satellites(national: IOTable, data: RegionalData, regions: pd.Index,
                         X: FloatArray, rtol: float
                         ) -> tuple[FloatArray, FloatArray | None, list[str]]:
    """Per-region scaling of value added (from regional GVA) and employment coefficients."""
    R, n = X.shape
    sectors = national.sectors
    notes: list[str] = []
    factor = np.ones((R, n))
    if "gva" in data.bases and national.gva is not None:
        gva = data.basis("gva")
        have = [r for r in regions if r in gva.index]
        if have:
            per = national._direct_coefficients()["gva"]
            for r in have:
                k = regions.get_loc(r)
                est = per * X[k]
                got = gva.loc[r, sectors].to_numpy(dtype=float)
                np.divide(got, est, out=factor[k], where=est > 0)
            notes.append(f"Value added (and household income) per unit of output follow the "
                         f"regional GVA data in {len(have)} of {R} regions.")
    emp = None
    if "employment" in data.bases and national.employment is not None:
        frame = data.basis("employment")
        have = [r for r in regions if r in frame.index]
        if have:
            emp = np.tile(national._direct_coefficients()["employment"], (R, 1))
            for r in have:
                k = regions.get_loc(r)
                e_r = frame.loc[r, sectors].to_numpy(dtype=float)
                np.divide(e_r, X[k], out=emp[k], where=X[k] > 0)
            if len(have) == R:
                total = (emp * X).sum(axis=0)
                nat = national.employment.to_numpy(dtype=float)
                gap = np.abs(total - nat) > rtol * nat + 1e-9 * max(nat.sum(), 1.0)
                if gap.any():
                    i = int(np.flatnonzero(gap)[0])
                    raise BalanceError(
                        f"Regional employment in sector {sectors[i]!r} sums to {total[i]:,.6g}, "
                        f"national employment is {nat[i]:,.6g}; give regional employment that "
                        "adds up to the table's (or leave it out to use national coefficients)."
                    )
            notes.append(f"Employment per unit of output follows the regional employment data "
                         f"in {len(have)} of {R} regions (national coefficients elsewhere).")
    return factor, emp, notes


def _allocate_final_demand(national: IOTable, X: FloatArray, rules: dict[str, str],
                           income: FloatArray | None, va_factor: FloatArray) -> FloatArray:
    """Final demand of each region's buyers, (R, n, K), summing to the national columns."""
    F = national._f
    x_n = national._x
    out_share = X.sum(axis=1) / max(float(x_n.sum()), 1e-300)
    if income is not None and (income * x_n).sum() > 0:
        inc = (income[None, :] * va_factor * X).sum(axis=1)
        omega = inc / inc.sum()
    else:
        omega = out_share
    ratio = np.empty_like(X)
    np.divide(X, x_n[None, :], out=ratio, where=x_n[None, :] > 0)
    ratio[:, x_n <= 0] = out_share[:, None]
    cols = [str(c) for c in national.final_demand.columns]
    FR = np.empty((X.shape[0], X.shape[1], len(cols)))
    for k, c in enumerate(cols):
        rule = rules[c]
        w = omega[:, None] if rule == "income" else out_share[:, None] if rule == "output" \
            else ratio
        FR[:, :, k] = w * F[None, :, k]
    return FR


def _clean_margins(demand: FloatArray, supply: FloatArray, regions: pd.Index,
                   sectors: pd.Index, x_n: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Round tiny negatives to zero; refuse real ones with labels."""
    scale = 1e-10 * np.maximum(x_n, 1e-300)[:, None]
    for what, arr in (("demand", demand), ("supply", supply)):
        neg = arr < -scale
        if neg.any():
            i, r = np.argwhere(neg)[0]
            hint = ("a negative final-demand category (inventories?) is bought through trade: "
                    "keep it with the producer, at_producer=[...]" if what == "demand" else
                    "exports and the categories kept with the producer exceed its output")
            raise RegionalDataError(
                f"Region {regions[r]!r} has negative {what} for sector {sectors[i]!r} "
                f"({arr[i, r]:,.6g}): {hint}."
            )
    return np.maximum(demand, 0.0), np.maximum(supply, 0.0)


def _distances(data: RegionalData, regions: pd.Index, distances: pd.DataFrame | None,
               internal: object, form: str) -> tuple[FloatArray, str, str]:
    """The distance matrix with internal distances on the diagonal, and its description."""
    R = len(regions)
    if distances is not None:
        if not isinstance(distances, pd.DataFrame):
            raise InvalidParameterError("distances", type(distances).__name__,
                                        "a DataFrame of km, region x region")
        for what, idx in (("rows", distances.index), ("columns", distances.columns)):
            if idx.has_duplicates:
                dup = list(idx[idx.duplicated()].unique()[:5])
                raise LabelMismatchError(f"distances lists region(s) {dup} twice in its {what}.")
            for r in regions:
                if r not in idx:
                    raise UnknownRegionError(r, idx, where=f"the {what} of distances")
        D = distances.loc[regions, regions].to_numpy(dtype=float)
        text = "distances given by the user"
    else:
        centres = data.centres
        missing = [r for r in regions if centres is None or r not in centres.index]
        if missing:
            raise RegionalDataError(
                f"The gravity model needs the centres of every region; missing for "
                f"{missing[:10]}. Give RegionalData(centres=DataFrame with lat and lon) (for "
                "Kazakhstan: creative_econ.regional.kazakhstan.kz_centres()), pass distances=, "
                "or use trade='pool'."
            )
        assert centres is not None
        c = centres.loc[regions]
        D = tr.great_circle_distances(c["lat"].to_numpy(), c["lon"].to_numpy())
        text = ("great-circle distances between regional centres (haversine, R = 6371 km; "
                "road distances would be better)")
        if R > 1:
            close = D[~np.eye(R, dtype=bool)].min() == 0
            if close:
                r, s = np.argwhere((D == 0) & ~np.eye(R, dtype=bool))[0]
                raise InvalidParameterError(
                    f"centres of {regions[r]!r} and {regions[s]!r}", 0.0,
                    "distinct centres (two regions at the same point)")
    off = ~np.eye(R, dtype=bool)
    if (D[off] < 0).any() or not np.all(np.isfinite(D)):
        tr.check_distances(D, form="exponential")  # raises with the position
    if internal is not None:
        s = pd.Series(internal, dtype=float) if isinstance(internal, Mapping) else internal
        if not isinstance(s, pd.Series):
            raise InvalidParameterError("internal_distances", type(internal).__name__,
                                        "a Series or mapping of region -> km")
        for r in regions:
            if r not in s.index:
                raise UnknownRegionError(r, s.index, where="internal_distances")
        diag = s.reindex(regions).to_numpy(dtype=float)
        itext = "internal distances given by the user"
    elif distances is not None and np.any(np.diag(D) != 0):
        diag = np.diag(D).copy()
        itext = "internal distances from the diagonal of distances"
    else:
        diag = tr.internal_distances(D)
        itext = "distance within a region = half the distance to the nearest other centre"
    D = D.copy()
    np.fill_diagonal(D, diag)
    tr.check_distances(D, form=form)  # type: ignore[arg-type]
    return D, text, itext


def _decay_vector(decay: object, groups: object, sectors: pd.Index
                  ) -> tuple[FloatArray, tuple[tuple[str, float], ...]]:
    """γ per sector from a number, a mapping by group or by sector, and the record."""
    if decay is None:
        decay = DEFAULT_DECAY
    if isinstance(decay, int | float) and not isinstance(decay, bool):
        g = float(decay)
        if not np.isfinite(g) or g < 0:
            raise InvalidParameterError("decay", g, "a finite distance-decay parameter >= 0")
        return np.full(len(sectors), g), (("all products", g),)
    if isinstance(decay, Mapping):
        decay = pd.Series(dict(decay), dtype=float)
    if not isinstance(decay, pd.Series):
        raise InvalidParameterError("decay", type(decay).__name__,
                                    "a number, a mapping by product group or a Series by sector")
    if decay.index.has_duplicates:
        raise LabelMismatchError("decay lists a group or sector twice.")
    bad = ~np.isfinite(decay.to_numpy(dtype=float)) | (decay.to_numpy(dtype=float) < 0)
    if bad.any():
        k = decay.index[int(np.flatnonzero(bad)[0])]
        raise InvalidParameterError(f"decay[{k!r}]", float(decay[k]),
                                    "a finite distance-decay parameter >= 0")
    if all(s in decay.index for s in sectors):  # by sector
        vec = decay.reindex(sectors).to_numpy(dtype=float)
        return vec, tuple((str(s), float(v)) for s, v in zip(sectors, vec, strict=True))
    if groups is None:
        grp = default_product_groups(sectors)
        if grp is None:
            raise InvalidParameterError(
                "product_groups", None, "a mapping sector -> group (e.g. 'goods'/'services') "
                "for a decay given by group; the sectors are not OKED/NACE sections or "
                "divisions, so the groups cannot be inferred")
    else:
        grp = pd.Series(groups) if isinstance(groups, Mapping) else groups
        if not isinstance(grp, pd.Series):
            raise InvalidParameterError("product_groups", type(groups).__name__,
                                        "a mapping or Series sector -> group")
        for s in sectors:
            if s not in grp.index:
                raise UnknownSectorError(s, grp.index, where="product_groups (every sector "
                                         "needs a group)")
        grp = grp.reindex(sectors)
    missing = sorted({str(g) for g in grp} - set(map(str, decay.index)))
    if missing:
        raise InvalidParameterError(
            "decay", dict(decay), f"a value for every product group; none for {missing}")
    lookup = {str(k): float(v) for k, v in decay.items()}
    vec = np.array([lookup[str(g)] for g in grp])
    used = tuple((g, lookup[g]) for g in dict.fromkeys(map(str, grp)))
    return vec, used


def _indicator_coefficients(national: IOTable, va_factor: FloatArray,
                            emp: FloatArray | None, X: FloatArray) -> dict[str, FloatArray]:
    """Direct coefficients of each indicator over (region, sector)."""
    R = X.shape[0]
    out: dict[str, FloatArray] = {}
    for name, k in national._direct_coefficients().items():
        if name in ("gva", "income"):
            arr = (k[None, :] * va_factor).ravel()
        elif name == "employment" and emp is not None:
            arr = emp.ravel()
        else:
            arr = np.tile(k, R)
        arr = np.where(X.ravel() > 0, arr, 0.0) if name != "output" else np.ones(X.size)
        arr.flags.writeable = False
        out[name] = arr
    return out

