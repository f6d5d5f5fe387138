r"""Batched solves of many perturbed Leontief systems on one base factorisation.

Pure NumPy/SciPy (no pandas). A Monte Carlo over technical coefficients needs, for every draw
$d$, the solution of $(I - A_d) X_d = B_d$ for several right-hand sides (the years of a path,
and the household consumption columns of a Type II model). Refactorising $I - A_d$ per draw
costs $O(N^3)$ each; instead the draws are solved on the factorisation of the base system
$M_0 = I - A_0$ by **iterative refinement** (a stationary iteration preconditioned by $M_0$):

$$ X^{(0)} = M_0^{-1} B, \qquad R^{(k)} = B - (I - A_d) X^{(k)}, \qquad
   X^{(k+1)} = X^{(k)} + M_0^{-1} R^{(k)} . $$

The error contracts by $M_0^{-1}(A_d - A_0)$ each step, so it converges whenever
$\rho\big((I - A_0)^{-1}(A_d - A_0)\big) < 1$: the case of Monte Carlo perturbations of a
productive table. All draws of a block are iterated together: one multi-right-hand-side
triangular solve on $M_0$ per step for the whole block (BLAS 3), and one product $A_d X_d$ per
draw. A draw whose residual stops contracting (ratio above :data:`CONTRACTION` per step) or
that reaches ``maxiter`` goes to GMRES preconditioned by the same $M_0$ (SciPy, left
preconditioning, convergence tested on the true residual); a draw GMRES cannot solve is
refactorised (dense LU of $I - A_d$). Every fallback is counted with its reason
(:class:`SolveStats`).

The model's coefficients come from national draws $\tilde A_d$ through the model's own
construction (:class:`BlockPropagation`: $(\mathbf 1 \otimes \tilde A_d) \odot M$, e.g.
$\tilde a_{ij}\min(1, LQ_{ij})$ for a region; :class:`TradePropagation`:
$a^{rs}_{ij} = c^{rs}_i \tilde a_{ij}$ for a multiregional model, applied without forming the
$(Rn)^2$ matrix). All products go through :mod:`scipy.linalg.blas` and all solves through
:mod:`scipy.linalg` (one BLAS thread pool in the loop, DESIGN.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import scipy.linalg as sla
import scipy.sparse.linalg as spla
from scipy.linalg.blas import dgemm

from .. import leontief as le
from ..errors import InvalidParameterError
from .montecarlo import CoefficientPattern, primary_input_scaling

__all__ = [
    "CONTRACTION",
    "BlockPropagation",
    "ModelConfig",
    "Simulation",
    "SolveStats",
    "TradePropagation",
    "closed_outputs",
    "perturbed_solve",
    "rhs_basis",
    "simulate",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]

#: Largest residual ratio per refinement step before a draw is handed to GMRES.
CONTRACTION = 0.8
#: Floats per block of draws (sizes the blocks; a function of the problem only, so that
#: results are bit-identical for a seed whatever the machine).
BLOCK_FLOATS = 2**21


# ============================================================================ operators
def _gemm_t(A: FloatArray, X: FloatArray) -> FloatArray:
    r"""$X A'$ for C-ordered ``X`` (k, m) and ``A`` (p, m), through BLAS (no copies)."""
    return dgemm(1.0, A.T, X.T, trans_a=1).T


class _DenseChunk:
    """Model coefficient matrices of a block of draws, stored dense (d, N, N)."""

    def __init__(self, mats: FloatArray) -> None:
        self.mats = mats

    def apply(self, X: FloatArray, idx: IntArray) -> FloatArray:
        out = np.empty_like(X)
        for j, i in enumerate(idx):
            out[j] = _gemm_t(self.mats[i], X[j])
        return out

    def dense(self, i: int) -> FloatArray:
        return self.mats[i]


@dataclass(frozen=True, eq=False)
class BlockPropagation:
    r"""Model coefficients $A_d = (\mathbf 1_{B \times B} \otimes \tilde A_d) \odot M$.

    A national table is $B = 1$ with no mask; a single region has $M_{ij} = \min(1,
    LQ_{ij})$; a two-region model has $B = 2$ and the four blocks' shares. The mask is read
    off the built model ($M = A_{\text{model}} / (\mathbf 1 \otimes A)$), so the draws follow
    exactly the construction the deterministic model used.

    Attributes
    ----------
    pattern : CoefficientPattern
        Non-zero coefficients of the national table.
    mask : ndarray of shape (B n, B n) or None
    blocks : int
    """

    pattern: CoefficientPattern
    mask: FloatArray | None = None
    blocks: int = 1

    @property
    def N(self) -> int:
        return self.blocks * self.pattern.n

    def chunk(self, values: FloatArray) -> _DenseChunk:
        A = self.pattern.dense(values)
        if self.blocks > 1:
            A = np.tile(A, (1, self.blocks, self.blocks))
        if self.mask is not None:
            A *= self.mask
        return _DenseChunk(A)

    def floats_per_draw(self) -> int:
        return self.N * self.N


class _TradeChunk:
    r"""$A_d X$ for $a^{rs}_{ij} = c^{rs}_i\tilde a_{ij}$, without the $(Rn)^2$ matrix."""

    def __init__(self, At: FloatArray, C: FloatArray) -> None:
        self.At = At  # (d, n, n) national draws
        self.C = C  # (n, R, R)

    def apply(self, X: FloatArray, idx: IntArray) -> FloatArray:
        m, k, N = X.shape
        n, R = self.C.shape[0], self.C.shape[1]
        U = np.empty((m, k * R, n))
        Xr = X.reshape(m, k * R, n)
        for j, i in enumerate(idx):
            U[j] = _gemm_t(self.At[i], Xr[j])  # rows (k, s), columns i: (A x^s)_i
        Ut = np.ascontiguousarray(U.reshape(m * k, R, n).transpose(2, 0, 1))  # (n, mk, R)
        V = np.empty((n, m * k, R))
        for i in range(n):
            V[i] = _gemm_t(self.C[i], Ut[i])  # sum_s c^{rs}_i (A x^s)_i
        return np.ascontiguousarray(V.transpose(1, 2, 0)).reshape(m, k, N)

    def dense(self, i: int) -> FloatArray:
        n, R = self.C.shape[0], self.C.shape[1]
        return np.einsum("irs,ij->risj", self.C, self.At[i]).reshape(R * n, R * n)


@dataclass(frozen=True, eq=False)
class TradePropagation:
    r"""Multiregional coefficients $a^{rs}_{ij} = c^{rs}_i\,\tilde a_{ij}$ (Chenery–Moses).

    Attributes
    ----------
    pattern : CoefficientPattern
    C : ndarray of shape (n, R, R)
        Trade coefficients (product, origin, destination).
    """

    pattern: CoefficientPattern
    C: FloatArray

    @property
    def N(self) -> int:
        return self.pattern.n * int(self.C.shape[1])

    def chunk(self, values: FloatArray) -> _TradeChunk:
        return _TradeChunk(self.pattern.dense(values), self.C)

    def floats_per_draw(self) -> int:
        return self.pattern.n * self.pattern.n


Propagation = BlockPropagation | TradePropagation


# ============================================================================ solves
@dataclass
class SolveStats:
    """How the draws of a perturbed Monte Carlo were solved."""

    refined: int = 0
    gmres: int = 0
    refactorised: int = 0
    max_iterations: int = 0
    total_iterations: int = 0
    max_residual: float = 0.0
    reasons: list[str] = field(default_factory=list)

    @property
    def draws(self) -> int:
        return self.refined + self.gmres + self.refactorised

    def describe(self, tol: float) -> str:
        """One line for the assumptions card."""
        if self.draws == 0:
            return "one factorisation; every draw a right-hand side"
        mean = self.total_iterations / max(self.refined, 1)
        text = (f"iterative refinement on the base LU to a relative residual of {tol:g}: "
                f"{self.refined:,} draws ({mean:.1f} steps on average, at most "
                f"{self.max_iterations})")
        text += f"; GMRES preconditioned by the base LU: {self.gmres:,}"
        text += f"; refactorised: {self.refactorised:,}"
        return text + f"; largest relative residual {self.max_residual:.1e}"


def _base_solve(base: le.LUFactor, B: FloatArray) -> FloatArray:
    """Solve the base system for every (draw, column) of ``B`` (m, k, N) at once."""
    m, k, N = B.shape
    if m * k == 0:
        return np.zeros_like(B)
    Y = le.solve(base, B.reshape(m * k, N).T)  # (N, m k)
    return np.ascontiguousarray(Y.T).reshape(m, k, N)


def _relative(R: FloatArray, bnorm: FloatArray) -> FloatArray:
    """Largest relative residual over each draw's columns: shape (m,)."""
    rn = np.sqrt(np.einsum("mkn,mkn->mk", R, R))
    rel = np.divide(rn, bnorm, out=np.zeros_like(rn), where=bnorm > 0)
    return rel.max(axis=1) if rel.shape[1] else np.zeros(rel.shape[0])


def perturbed_solve(
    base: le.LUFactor,
    op: _DenseChunk | _TradeChunk,
    B: FloatArray,
    *,
    tol: float = 1e-12,
    maxiter: int = 60,
    gmres_maxiter: int = 20,
    method: str = "auto",
    stats: SolveStats | None = None,
) -> FloatArray:
    r"""Solve $(I - A_d) X_d = B_d$ for a block of draws on the base factorisation.

    Parameters
    ----------
    base : LUFactor
        Factorisation of the base system $I - A_0$.
    op : chunk operator
        From :meth:`BlockPropagation.chunk` or :meth:`TradePropagation.chunk`: products
        $A_d X_d$ and dense $A_d$ for the block's draws.
    B : ndarray of shape (d, k, N)
        Right-hand sides: ``B[d, c]`` is column ``c`` of draw ``d``.
    tol : float, default 1e-12
        Relative residual $\|b - (I - A_d)x\| / \|b\|$ every column must reach.
    maxiter : int, default 60
        Largest number of refinement steps.
    gmres_maxiter : int, default 20
        Restart cycles of GMRES (restart length $\min(N, 60)$) before refactorising.
    method : {"auto", "gmres", "refactorise"}, default "auto"
        ``"auto"``: refinement, then GMRES, then refactorisation for the draws that need it.
        The others force one route for every draw (for tests and benchmarks).
    stats : SolveStats, optional
        Counters to add this block's solves to.

    Returns
    -------
    ndarray of shape (d, k, N)

    Raises
    ------
    InvalidParameterError
        ``tol`` not in (0, 1), ``maxiter`` negative, unknown ``method``.
    """
    if not (0 < tol < 1):
        raise InvalidParameterError("tol", tol, "a relative residual in (0, 1)")
    if maxiter < 0:
        raise InvalidParameterError("maxiter", maxiter, "a non-negative number of steps")
    if method not in ("auto", "gmres", "refactorise"):
        raise InvalidParameterError("method", method, "'auto', 'gmres' or 'refactorise'")
    stats = SolveStats() if stats is None else stats
    B = np.ascontiguousarray(B, dtype=float)
    d, _k, _N = B.shape
    bnorm = np.sqrt(np.einsum("mkn,mkn->mk", B, B))
    X = _base_solve(base, B)
    if method == "refactorise":
        _refactorise(base, op, B, X, np.arange(d), stats, "forced", tol, bnorm)
        return X
    fallback: list[tuple[int, str]] = []
    if method == "gmres":
        fallback = [(i, "forced") for i in range(d)]
    else:
        active = np.arange(d)
        prev = np.full(d, np.inf)
        for it in range(maxiter + 1):
            Xa = X[active]
            R = B[active] - Xa + op.apply(Xa, active)
            rel = _relative(R, bnorm[active])
            ok = rel <= tol
            ratio = rel / prev[active]
            stalled = ~ok & (it >= 2) & (ratio > CONTRACTION)
            last = it == maxiter
            done = active[ok]
            stats.refined += int(done.size)
            if done.size:
                stats.total_iterations += it * int(done.size)
                stats.max_iterations = max(stats.max_iterations, it)
                stats.max_residual = max(stats.max_residual, float(rel[ok].max()))
            for i, r in zip(active[stalled], ratio[stalled], strict=True):
                fallback.append((int(i), f"refinement stalled (residual ratio {r:.2f} per "
                                 "step)"))
            go = ~ok & ~stalled
            if last:
                for i in active[go]:
                    fallback.append((int(i), f"refinement reached maxiter={maxiter}"))
                break
            if not go.any():
                break
            prev[active] = rel
            X[active[go]] += _base_solve(base, R[go])
            active = active[go]
    if fallback:
        refactor = []
        for i, why in fallback:
            if _gmres_draw(base, op, B, X, i, tol, gmres_maxiter, bnorm, stats):
                stats.gmres += 1
                if why != "forced" and len(stats.reasons) < 5:
                    stats.reasons.append(f"{why}; solved by GMRES on the base LU")
            else:
                refactor.append((i, why))
        if refactor:
            idx = np.array([i for i, _ in refactor])
            why = refactor[0][1]
            _refactorise(base, op, B, X, idx, stats,
                         f"{why}; GMRES did not reach {tol:g} in {gmres_maxiter} cycles",
                         tol, bnorm)
    return X


def _gmres_draw(base: le.LUFactor, op: _DenseChunk | _TradeChunk, B: FloatArray,
                X: FloatArray, i: int, tol: float, maxiter: int, bnorm: FloatArray,
                stats: SolveStats) -> bool:
    """GMRES on one draw's columns, preconditioned by the base LU; True when all converge."""
    if maxiter < 1:
        return False
    k, N = B.shape[1], B.shape[2]
    idx = np.array([i])

    def mv(v: FloatArray) -> FloatArray:
        return v - op.apply(v.reshape(1, 1, N), idx).ravel()

    def pre(v: FloatArray) -> FloatArray:
        return le.solve(base, v)

    A_op = spla.LinearOperator((N, N), matvec=mv, dtype=float)
    M = spla.LinearOperator((N, N), matvec=pre, dtype=float)
    worst = 0.0
    for c in range(k):
        b = B[i, c]
        if bnorm[i, c] == 0:
            X[i, c] = 0.0
            continue
        x, _ = spla.gmres(A_op, b, x0=X[i, c].copy(), rtol=tol, atol=0.0, M=M,
                          restart=min(N, 60), maxiter=maxiter)
        res = float(np.linalg.norm(b - mv(x))) / bnorm[i, c]
        if not np.isfinite(res) or res > tol:
            return False
        X[i, c] = x
        worst = max(worst, res)
    stats.max_residual = max(stats.max_residual, worst)
    return True


def _refactorise(base: le.LUFactor, op: _DenseChunk | _TradeChunk, B: FloatArray,
                 X: FloatArray, idx: IntArray, stats: SolveStats, why: str, tol: float,
                 bnorm: FloatArray) -> None:
    """Dense LU of $I - A_d$ for the draws in ``idx`` (the last resort)."""
    for i in idx:
        lu = le.factorise(op.dense(int(i)))
        X[i] = le.solve(lu, B[i].T).T
    stats.refactorised += len(idx)
    R = B[idx] - X[idx] + op.apply(X[idx], idx)
    stats.max_residual = max(stats.max_residual, float(_relative(R, bnorm[idx]).max()))
    if why != "forced" and len(stats.reasons) < 5:
        stats.reasons.append(f"{len(idx)} draw(s) refactorised: {why}")


# ============================================================================ Type II
def closed_outputs(
    Y: FloatArray,
    W: FloatArray,
    H_r: FloatArray,
    own_use: float,
    propensity: FloatArray | None = None,
) -> tuple[FloatArray, FloatArray, npt.NDArray[np.bool_]]:
    r"""Type II outputs of a block of draws through the Schur complement.

    With household consumption $\tilde H_c = m_d H_c$ (propensity factor $m_d$),
    $W_d = L_d H_c$ and income rows $H_{r,d}$:

    $$ S_d = (1 - h_{hh}) I - m_d H_{r,d} W_d, \qquad
       x_h = S_d^{-1} H_{r,d}\, y, \qquad x = y + m_d W_d\, x_h $$

    where $y = L_d f$ is the Type I output. The household propensity is thus a rank-$R$
    change: no new factorisation, whatever $m_d$.

    Parameters
    ----------
    Y : ndarray of shape (d, T, N)
        Type I outputs.
    W : ndarray of shape (d, Rh, N) or (Rh, N)
        $L_d H_c$, one row per household account.
    H_r : ndarray of shape (d, Rh, N) or (Rh, N)
        Household income per unit of output.
    own_use : float
        $h_{hh}$.
    propensity : ndarray of shape (d,), optional
        $m_d$ (default 1).

    Returns
    -------
    (X, x_h, productive)
        Outputs (d, T, N), household incomes (d, T, Rh), and whether each draw's closed
        system is productive ($S_d^{-1} \ge 0$).
    """
    d = Y.shape[0]
    Rh = W.shape[-2]
    W = np.broadcast_to(W, (d, Rh, Y.shape[2]))
    H_r = np.broadcast_to(H_r, (d, Rh, Y.shape[2]))
    m = np.ones(d) if propensity is None else np.asarray(propensity, dtype=float)
    S = (1.0 - own_use) * np.eye(Rh)[None] - m[:, None, None] * np.einsum(
        "drn,dsn->drs", H_r, W)
    P = np.einsum("drn,dtn->drt", H_r, Y)
    if Rh == 1:
        s = S[:, 0, 0]
        productive = s > 0
        with np.errstate(divide="ignore", invalid="ignore"):
            x_h = P / S
    else:
        with np.errstate(all="ignore"):
            S_inv = sla.inv(S, check_finite=False)
        productive = np.all(np.isfinite(S_inv), axis=(1, 2)) & np.all(
            S_inv >= -1e-12, axis=(1, 2))
        x_h = np.einsum("drs,dst->drt", S_inv, P)
    X = Y + m[:, None, None] * np.einsum("drt,drn->dtn", x_h, W)
    return X, np.ascontiguousarray(x_h.transpose(0, 2, 1)), productive


# ============================================================================ the core
@dataclass(frozen=True, eq=False)
class ModelConfig:
    """One base model of a Monte Carlo (the scenario's, or one FLQ delta grid value).

    Attributes
    ----------
    lu : LUFactor
        Factorisation of the model's $I - A$ (the base of the perturbed solves).
    propagation : BlockPropagation or TradePropagation, optional
        How national coefficient draws become the model's (needed with coefficient draws).
    H_r : ndarray of shape (Rh, N), optional
        Household income per unit of output (Type II).
    H_c : ndarray of shape (Rh, N), optional
        Household consumption per unit of income, one row per household account.
    own_use : float
    W : ndarray of shape (Rh, N), optional
        $L H_c$ on the base model (computed when not given).
    """

    lu: le.LUFactor
    propagation: Propagation | None = None
    H_r: FloatArray | None = None
    H_c: FloatArray | None = None
    own_use: float = 0.0
    W: FloatArray | None = None

    @property
    def type_ii(self) -> bool:
        return self.H_r is not None

    def base_W(self) -> FloatArray:
        if self.W is not None:
            return self.W
        assert self.H_c is not None
        return np.ascontiguousarray(le.solve(self.lu, self.H_c.T).T)


@dataclass(frozen=True, eq=False)
class Simulation:
    """Outputs of every draw (arrays over draws first).

    Attributes
    ----------
    first_round : ndarray (D, T, N)
        Type I outputs $L_d f_d$.
    total : ndarray (D, T, N)
        Type II outputs (the same array as ``first_round`` for Type I).
    household_income : ndarray (D, T, Rh) or None
    primary_scaling : ndarray (D, n) or None
        $\\rho_{d,j}$ of :func:`~creative_econ.scenarios.montecarlo.primary_input_scaling`
        (coefficient draws only).
    productive : ndarray of bool (D,)
        Whether each draw's household-closed system is productive (all True for Type I).
    stats : SolveStats
    """

    first_round: FloatArray
    total: FloatArray
    household_income: FloatArray | None
    primary_scaling: FloatArray | None
    productive: npt.NDArray[np.bool_]
    stats: SolveStats


def rhs_basis(blocks: FloatArray, rtol: float = 1e-13) -> FloatArray:
    r"""An orthonormal basis (rows) of the space spanned by the rows of ``blocks``.

    The final demand of every draw and year is a combination of a few fixed vectors (each
    shock's year pattern, scaled by its size factor or growth path), so the draws' right-hand
    sides lie in a space of small dimension $r$. Solving for the basis, $Z_d = L_d U$, and
    combining, $L_d f_{d,t} = Z_d\, c_{d,t}$ with $c_{d,t} = U'f_{d,t}$, solves $r$ systems
    per draw instead of one per year.

    Parameters
    ----------
    blocks : ndarray of shape (m, N)
        Vectors spanning the right-hand sides.
    rtol : float, default 1e-13
        Singular values below ``rtol`` times the largest are dropped.

    Returns
    -------
    ndarray of shape (r, N)
    """
    blocks = np.asarray(blocks, dtype=float)
    keep = np.any(blocks != 0, axis=1)
    if not keep.any():
        return np.zeros((0, blocks.shape[1]))
    _, sv, Vt = sla.svd(blocks[keep], full_matrices=False, check_finite=False)
    r = int(np.sum(sv > rtol * sv[0]))
    return np.ascontiguousarray(Vt[:r])


def simulate(
    config: Callable[[int], ModelConfig],
    group: IntArray,
    F: FloatArray,
    *,
    basis: FloatArray | None = None,
    pattern: CoefficientPattern | None = None,
    sampler: Callable[[int], FloatArray] | None = None,
    propensity: FloatArray | None = None,
    income_scaled: bool = True,
    tol: float = 1e-12,
    maxiter: int = 60,
    method: str = "auto",
    progress: Callable[[int], None] | None = None,
) -> Simulation:
    r"""Outputs of every draw: one base factorisation per group, draws as right-hand sides.

    Draws are processed in consecutive blocks (their size depends on the problem only).
    Within a block, the draws of each group (an FLQ delta grid value, or the single
    scenario model) are solved together: without coefficient draws every (draw, year) is a
    column of one multi-right-hand-side solve on the group's factorisation; with them,
    :func:`perturbed_solve` refines all draws of the block at once.

    Parameters
    ----------
    config : callable
        ``config(g)`` gives the :class:`ModelConfig` of group ``g`` (cache it: called once
        per block and group).
    group : ndarray of int, shape (D,)
        Group of each draw.
    F : ndarray of shape (D, T, N), or (D, T, r) with ``basis``
        Final-demand changes of every draw, or their coordinates on ``basis``.
    basis : ndarray of shape (r, N), optional
        Orthonormal rows spanning every draw's final demand (:func:`rhs_basis`): then each
        draw solves the $r$ basis vectors (once per group without coefficient draws) and its
        outputs are combinations of those solutions.
    pattern : CoefficientPattern, optional
        National non-zero coefficients; with ``sampler``, coefficients are drawn.
    sampler : callable, optional
        ``sampler(d)`` returns the next ``d`` draws of the non-zero coefficients (d, nnz),
        from one generator in draw order.
    propensity : ndarray of shape (D,), optional
        Household propensity factors (Type II).
    income_scaled : bool, default True
        Scale household income per unit of output by the primary-input factor $\rho$ in
        coefficient draws (it is part of value added).
    tol, maxiter, method
        Passed to :func:`perturbed_solve`.
    progress : callable, optional
        Called with the number of draws finished after each block.

    Returns
    -------
    Simulation
    """
    D, T = F.shape[0], F.shape[1]
    N = F.shape[2] if basis is None else basis.shape[1]
    cfg0 = config(int(group[0])) if D else None
    type_ii = cfg0 is not None and cfg0.type_ii
    Rh = cfg0.H_r.shape[0] if type_ii else 0  # type: ignore[union-attr]
    cols = T if basis is None else basis.shape[0]
    k = cols + (Rh if sampler is not None and type_ii else 0)
    per_draw = max(1, (k * 4 + 3 * T) * N)
    if sampler is not None and cfg0 is not None and cfg0.propagation is not None:
        per_draw += cfg0.propagation.floats_per_draw()
    block = int(max(1, min(D, BLOCK_FLOATS // per_draw)))
    first = np.empty((D, T, N))
    total = np.empty((D, T, N)) if type_ii else first
    x_h = np.empty((D, T, Rh)) if type_ii else None
    rho = np.ones((D, pattern.n)) if (sampler is not None and pattern is not None) else None
    productive = np.ones(D, dtype=bool)
    stats = SolveStats()
    for start in range(0, D, block):
        stop = min(D, start + block)
        values = sampler(stop - start) if sampler is not None else None
        if values is not None and rho is not None and pattern is not None:
            rho[start:stop] = primary_input_scaling(pattern, values)
        g_block = group[start:stop]
        for g in np.unique(g_block):
            local = np.flatnonzero(g_block == g)
            rows = start + local
            cfg = config(int(g))
            Fb = F[rows]
            if values is None:
                if basis is None:
                    Y = _base_solve(cfg.lu, Fb)
                else:
                    Zb = _base_solve(cfg.lu, basis[None])[0]  # (r, N)
                    Y = np.einsum("dtr,rn->dtn", Fb, Zb)
                Wd: FloatArray | None = cfg.base_W() if type_ii else None
            else:
                if cfg.propagation is None:
                    raise InvalidParameterError("propagation", None, "a propagation of the "
                                                "national coefficients for coefficient draws")
                op = cfg.propagation.chunk(values[local])
                RHS = Fb if basis is None else np.broadcast_to(basis, (len(local), cols, N))
                if type_ii:
                    assert cfg.H_c is not None
                    RHS = np.concatenate(
                        [RHS, np.broadcast_to(cfg.H_c, (len(local), Rh, N))], axis=1)
                Z = perturbed_solve(cfg.lu, op, RHS, tol=tol, maxiter=maxiter, method=method,
                                    stats=stats)
                Wd = Z[:, cols:] if type_ii else None
                Y = Z[:, :cols] if basis is None else np.einsum("dtr,drn->dtn", Fb,
                                                                Z[:, :cols])
            first[rows] = Y
            if type_ii:
                assert cfg.H_r is not None
                assert Wd is not None
                assert x_h is not None
                Hr = cfg.H_r
                if rho is not None and income_scaled:
                    reps = N // rho.shape[1]
                    Hr = cfg.H_r[None] * np.tile(rho[rows], (1, reps))[:, None, :]
                X2, xh, ok = closed_outputs(
                    Y, Wd, Hr, cfg.own_use, None if propensity is None else propensity[rows])
                total[rows] = X2
                x_h[rows] = xh
                productive[rows] = ok
        if progress is not None:
            progress(stop - start)
    return Simulation(first, total, x_h, rho, productive, stats)


def group_configs(builder: Callable[[int], ModelConfig]) -> Callable[[int], ModelConfig]:
    """Cache a per-group :class:`ModelConfig` builder (one factorisation per group)."""
    cache: dict[int, ModelConfig] = {}

    def get(g: int) -> ModelConfig:
        if g not in cache:
            cache[g] = builder(g)
        return cache[g]

    return get

