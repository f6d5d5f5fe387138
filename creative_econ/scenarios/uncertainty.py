r"""Monte Carlo of a scenario: uncertain inputs, batched solves, intervals (METHODS §5.5).

:func:`monte_carlo` draws every uncertain input named in the scenario's ``uncertainty:`` block
and solves the model once per draw, cheaply:

* **Final demand only** (shock sizes, growth paths) and **satellites only** (productivity
  growth scales employment coefficients elementwise) change right-hand sides and the
  coefficients applied after the solve: every (draw, year) is a column of one batched solve on
  the scenario's single factorisation.
* **Household propensity** scales the household consumption column, a rank-$R$ change solved
  through the Schur complement of the closed system (no new factorisation).
* **FLQ delta** changes the regional coefficients $a_{ij}\min(1, LQ_{ij}(\delta))$. Draws are
  rounded to a grid of step :data:`~creative_econ.scenarios.montecarlo.DELTA_GRID` (0.001:
  $\lambda^*$ moves by under 0.2% within a step for a region of 1% of the nation) and grouped:
  one factorisation per grid value, the group's draws its right-hand sides.
* **Technical coefficients** are drawn for the non-zero entries of the *national* table and
  reach the model through its own construction (regional quotients, trade coefficients);
  each draw is solved by iterative refinement on the base factorisation, with GMRES and then
  refactorisation as recorded fallbacks (:mod:`~creative_econ.scenarios.perturbed`).

Each input has its own random stream keyed by its name
(:func:`~creative_econ.scenarios.montecarlo.random_stream`), so two scenarios run with the same
seed share the draws of every input they have in common (common random numbers), and a
one-at-a-time sensitivity (:mod:`~creative_econ.scenarios.sensitivity`) reuses exactly the
draws of the full run for the input it varies.

Results: the median and the central interval of every cell of the tidy frame, and the draws of
the totals by year, indicator and component (and by region), from which intervals of sums and
of differences between scenarios are computed draw by draw.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import leontief as le
from ..errors import InvalidParameterError, ScenarioError
from .montecarlo import (
    DELTA_GRID,
    CoefficientPattern,
    dirichlet_coefficients,
    interval_levels,
    lognormal_coefficients,
    lognormal_factors,
    quantile_summary,
    quantise,
    random_stream,
    scaled_quantiles,
    uniform_draws,
)
from .perturbed import (
    BlockPropagation,
    ModelConfig,
    SolveStats,
    TradePropagation,
    group_configs,
    rhs_basis,
    simulate,
)
from .result import UncertaintySummary
from .spec import DemandShock, OutputShock, RegionalisationSpec, Scenario, UncertaintySpec

__all__ = ["MonteCarloOutcome", "check_uncertainty", "input_keys", "monte_carlo"]

#: Indicators that are part of the column identity (primary inputs): per unit of output they
#: scale with the drawn primary-input share in coefficient draws.
PRIMARY = ("gva", "income", "imports", "taxes")
#: Relative residual of the perturbed solves.
TOL = 1e-12
#: Largest memory (bytes) the arrays of a Monte Carlo may take (draws x years x sectors).
MEMORY_LIMIT = 4 * 2**30


# ============================================================================ checks
def check_uncertainty(u: UncertaintySpec) -> None:
    """Validate the numbers of an uncertainty block (for specs built without validation).

    Raises
    ------
    InvalidParameterError
        ``draws`` < 1, a negative seed, an interval outside (0, 1), a non-positive
        precision, a negative sigma, a range with high < low or outside its domain.
    """
    if isinstance(u.draws, bool) or not isinstance(u.draws, int) or u.draws < 1:
        raise InvalidParameterError("uncertainty.draws", u.draws, "a positive integer")
    if isinstance(u.seed, bool) or not isinstance(u.seed, int) or u.seed < 0:
        raise InvalidParameterError("uncertainty.seed", u.seed, "a non-negative integer")
    if not (0 < u.interval < 1):
        raise InvalidParameterError("uncertainty.interval", u.interval,
                                    "a probability in (0, 1), e.g. 0.9")
    c = u.coefficients
    if c is not None:
        if c.distribution == "dirichlet" and not (c.precision is not None and c.precision > 0):
            raise InvalidParameterError("uncertainty.coefficients.precision", c.precision,
                                        "a positive kappa, e.g. 200")
        if c.distribution == "lognormal" and not (c.sigma is not None and c.sigma >= 0):
            raise InvalidParameterError("uncertainty.coefficients.sigma", c.sigma,
                                        "a sigma >= 0, e.g. 0.1")
    for name in ("household_propensity", "shock_size"):
        part = getattr(u, name)
        if part is not None and not (np.isfinite(part.sigma) and part.sigma >= 0):
            raise InvalidParameterError(f"uncertainty.{name}.sigma", part.sigma, "a sigma >= 0")
    if u.delta is not None:
        d = u.delta
        if not (0 <= d.low <= d.high < 1):
            raise InvalidParameterError("uncertainty.delta", (d.low, d.high),
                                        "0 <= low <= high < 1")
    if u.productivity is not None:
        p = u.productivity
        if not (-1 < p.low <= p.high):
            raise InvalidParameterError("uncertainty.productivity", (p.low, p.high),
                                        "-1 < low <= high")


def input_keys(spec: Scenario) -> tuple[str, ...]:
    """The uncertain inputs of a scenario, one key per shock for shock sizes."""
    u = spec.uncertainty
    if u is None:
        return ()
    keys: list[str] = []
    for name in u.inputs:
        if name == "shock_size":
            from .shocks import _label

            keys += [f"shock_size:{_label(i, s)}" for i, s in enumerate(spec.shocks)]
        else:
            keys.append(name)
    return tuple(keys)


# ============================================================================ outcome
@dataclass(frozen=True, eq=False)
class MonteCarloOutcome:
    """What :func:`monte_carlo` gives the engine.

    Attributes
    ----------
    summary : UncertaintySummary
    cells : ndarray of shape (3, rows) or None
        Median, lower and upper of every row of the gross tidy frame (in its order).
    card : dict of str to str
        Entries for the assumptions card.
    notes : tuple of str
        Solver fallbacks and modelling notes.
    """

    summary: UncertaintySummary
    cells: np.ndarray | None
    card: dict[str, str]
    notes: tuple[str, ...]

    def attach(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The gross tidy frame with ``median``, ``lower`` and ``upper`` columns."""
        if self.cells is None or self.cells.shape[1] != len(frame):
            raise ScenarioError("internal: Monte Carlo cells do not match the frame.")
        return frame.assign(median=self.cells[0], lower=self.cells[1], upper=self.cells[2])


# ============================================================================ model pieces
def _dataset(name: str) -> object:
    from ..datasets import load_dataset

    return load_dataset(name)


class _DeltaModel:
    r"""Regional coefficients and household consumption as functions of the FLQ delta.

    Single region: $M(\delta) = \min(1, LQ(\delta))$; two regions: the four blocks
    $[[Q_R, 1 - Q_S], [1 - Q_R, Q_S]]$ of :func:`~creative_econ.regional.two_region` (a product
    one region does not make is bought at home by the other). Type II: household consumption
    of local output scales with the local purchase share $\min(1, \lambda^*(\delta) SLQ_i)$.
    The formulas are checked against the built model at the scenario's delta and against a
    model rebuilt at one other delta; if either check fails the model is rebuilt through
    :func:`~creative_econ.regional.regionalise` for every grid value instead.
    """

    def __init__(self, prep: object, probe: float) -> None:
        from ..regional import lq as _lq
        from ..regional.data import RegionalData

        spec: Scenario = prep.spec  # type: ignore[attr-defined]
        view = prep.view  # type: ignore[attr-defined]
        self.prep = prep
        self.rs = spec.regionalisation or RegionalisationSpec()
        self.national = view.national
        self.table = view.model
        reg = _dataset(spec.regional_data)  # type: ignore[arg-type]
        assert isinstance(reg, RegionalData)
        sectors = self.national.sectors
        self.q_r = reg.values(spec.region, self.rs.basis, sectors).to_numpy(dtype=float)
        self.q_n = reg.national_values(self.national, self.rs.basis).to_numpy(dtype=float)
        self.n = len(sectors)
        self.two = self.rs.model == "two_region"
        self._lq = _lq
        if self.two:
            x = self.table._x
            self.x_r, self.x_s = x[: self.n], x[self.n:]
            self.q_s = np.maximum(self.q_n - self.q_r, 0.0)
        self.slq = _lq.simple_lq(self.q_r, self.q_n)
        self.delta0 = self.rs.delta
        A = self.national._A
        self.tiled = np.tile(A, (2, 2)) if self.two else A
        closure = self.table.closure if not self.two else None
        self.h_c0 = None if closure is None else closure.consumption.to_numpy(dtype=float)
        self.mode = "formula"
        reason = self._verify(probe)
        if reason:
            self.mode = "rebuild"
            self.reason = reason

    def _quotients(self, q: np.ndarray, delta: float) -> np.ndarray:
        return np.minimum(1.0, self._lq.location_quotients(q, self.q_n, method=self.rs.method,
                                                           delta=float(delta)))

    def _local(self, delta: float) -> np.ndarray:
        lam = float(self._lq.flegg_lambda(self.q_r.sum(), self.q_n.sum(), float(delta)))
        return np.minimum(1.0, self.slq * lam)

    def _formula(self, delta: float) -> tuple[np.ndarray, np.ndarray | None]:
        Q_r = self._quotients(self.q_r, delta)
        if self.two:
            Q_s = self._quotients(self.q_s, delta)
            Q_r[self.x_s == 0, :] = 1.0
            Q_s[self.x_r == 0, :] = 1.0
            return np.block([[Q_r, 1.0 - Q_s], [1.0 - Q_r, Q_s]]), None
        h_c = None
        if self.h_c0 is not None:
            ratio = np.zeros(self.n)
            local0 = self._local(self.delta0)
            np.divide(self._local(delta), local0, out=ratio, where=local0 > 0)
            h_c = self.h_c0 * ratio
        return Q_r, h_c

    def _rebuilt(self, delta: float) -> tuple[np.ndarray, np.ndarray | None]:
        from .engine import _model

        spec: Scenario = self.prep.spec  # type: ignore[attr-defined]
        rs = self.rs.model_copy(update={"delta": float(delta)})
        table = _model(spec.model_copy(update={"regionalisation": rs})).model
        mask = np.zeros_like(self.tiled)
        np.divide(table._A, self.tiled, out=mask, where=self.tiled > 0)
        c = table.closure
        return mask, None if c is None or self.two else c.consumption.to_numpy(dtype=float)

    def _verify(self, probe: float) -> str:
        mask, _ = self._formula(self.delta0)
        err = float(np.abs(self.tiled * mask - self.table._A).max(initial=0.0))
        if err > 1e-12:
            return (f"the quotient formula differs from the built model by {err:.2e} at "
                    f"delta = {self.delta0}")
        if probe != self.delta0:
            m1, h1 = self._formula(probe)
            m2, h2 = self._rebuilt(probe)
            err = float(np.abs(self.tiled * (m1 - m2)).max(initial=0.0))
            if h1 is not None and h2 is not None:
                err = max(err, float(np.abs(h1 - h2).max(initial=0.0)))
            if err > 1e-12:
                return f"the quotient formula differs from a rebuilt model at delta = {probe}"
        return ""

    def at(self, delta: float) -> tuple[np.ndarray, np.ndarray | None]:
        """(mask over the model's coefficients, household consumption column or None)."""
        return self._formula(delta) if self.mode == "formula" else self._rebuilt(delta)


def _base_config(prep: object, propagation: object | None) -> ModelConfig:
    """The scenario's own model: its factorisation and household closure."""
    view = prep.view  # type: ignore[attr-defined]
    mrio = view.mrio
    type_ii = prep.type_ii  # type: ignore[attr-defined]
    if mrio is not None:
        fac = mrio._factor
        lu = fac.lu if fac.lu is not None else fac.dense
        if not type_ii:
            return ModelConfig(lu=lu, propagation=propagation)  # type: ignore[arg-type]
        cf = mrio._closed
        return ModelConfig(lu=lu, propagation=propagation,  # type: ignore[arg-type]
                           H_r=np.asarray(cf.income), H_c=np.ascontiguousarray(cf.consumption.T),
                           own_use=cf.own_use, W=np.ascontiguousarray(cf.W.T))
    table = view.model
    if not type_ii:
        return ModelConfig(lu=table._lu, propagation=propagation)  # type: ignore[arg-type]
    cf = table._closed
    return ModelConfig(lu=table._lu, propagation=propagation,  # type: ignore[arg-type]
                       H_r=cf.income[None, :], H_c=cf.consumption[None, :],
                       own_use=cf.own_use, W=np.asarray(cf.w)[None, :])


def _model_mask(prep: object) -> tuple[np.ndarray | None, int]:
    r"""$M = A_{\text{model}} / (\mathbf 1 \otimes A)$ for national, single- and two-region
    models (None for the national table itself), and the number of blocks."""
    view = prep.view  # type: ignore[attr-defined]
    A = view.national._A
    model = view.model
    n, N = A.shape[0], model.n
    if model is view.national:
        return None, 1
    blocks = N // n
    if blocks * n != N:
        raise ScenarioError("uncertainty.coefficients: the model's sectors are not a whole "
                            "number of copies of the national table's.")
    tiled = np.tile(A, (blocks, blocks))
    mask = np.zeros_like(tiled)
    np.divide(model._A, tiled, out=mask, where=tiled > 0)
    stray = (tiled == 0) & (model._A != 0)
    if stray.any():
        raise ScenarioError("uncertainty.coefficients: the model has coefficients where the "
                            "national table has none, so national draws cannot be propagated "
                            "to it.")
    return mask, blocks


# ============================================================================ shocks
def _shock_blocks(prep: object) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Final demand and direct output of every shock: (labels, F (S, T, N), direct (S, T, N))."""
    spec: Scenario = prep.spec  # type: ignore[attr-defined]
    view = prep.view  # type: ignore[attr-defined]
    shocks = prep.shocks  # type: ignore[attr-defined]
    years = spec.years
    N = view.model.n
    labels = list(shocks.labels)
    F = np.zeros((len(labels), len(years), N))
    direct = np.zeros_like(F)
    fd = shocks.final_demand
    for s, label in enumerate(labels):
        F[s] = fd.xs(label, level="shock").reindex(years, fill_value=0.0).to_numpy()
        direct[s] = F[s]
    for i, shock in enumerate(spec.shocks):
        if isinstance(shock, OutputShock):
            s = i  # labels follow the scenario's order
            direct[s] = 0.0
            pos = view.sector(shock.region, shock.sector, f"shocks[{i}]")
            span = shock.years or (spec.base_year, spec.horizon)
            for y in range(span[0], span[1] + 1):
                direct[s, years.index(y), pos] = shock.amount
    return labels, F, direct


def _growth_units(prep: object, labels: list[str]) -> dict[int, np.ndarray]:
    r"""$f_0$ spread over the active years of each growth-path shock: the block with
    $G_t - 1 = 1$ (built by the shock builder with a path of factor 2)."""
    from .shocks import build_shocks

    spec: Scenario = prep.spec  # type: ignore[attr-defined]
    path = spec.growth_path
    assert path is not None
    unit_path = path.model_copy(update={"mean": (2.0,) * len(path.years),
                                        "probabilities": None, "quantile_values": None})
    unit = build_shocks(prep.view, spec.model_copy(  # type: ignore[attr-defined]
        update={"growth_path": unit_path, "uncertainty": None}))
    out = {}
    for i, shock in enumerate(spec.shocks):
        if isinstance(shock, DemandShock) and shock.growth_path:
            out[i] = unit.final_demand.xs(labels[i], level="shock").reindex(
                spec.years, fill_value=0.0).to_numpy()
    return out


# ============================================================================ the run
def monte_carlo(
    prep: object,
    *,
    progress: bool | None = None,
    only: Iterable[str] | None = None,
    cells: bool = True,
    method: str = "auto",
) -> MonteCarloOutcome:
    """Run the Monte Carlo of a prepared scenario.

    Parameters
    ----------
    prep : Prepared
        From :func:`creative_econ.scenarios.engine.prepare`; its spec has ``uncertainty``.
    progress : bool, optional
        Progress bar (tqdm) on runs longer than a second; default when stderr is a terminal.
    only : iterable of str, optional
        Draw only these inputs (keys of :func:`input_keys`) and hold the others at their
        point values: the one-at-a-time runs of a tornado. The draws of an input are the same
        as in the full run (its own stream).
    cells : bool, default True
        Compute the quantiles of every cell of the frame (False: totals only).
    method : {"auto", "gmres", "refactorise"}
        Route of the perturbed solves (see :func:`~creative_econ.scenarios.perturbed.
        perturbed_solve`); "auto" except in tests and benchmarks.

    Returns
    -------
    MonteCarloOutcome

    Raises
    ------
    InvalidParameterError
        An out-of-range number in the uncertainty block.
    ScenarioError
        An input that names nothing in the scenario (e.g. ``productivity`` without employment
        in the table), or draws that make the household-closed model non-productive.
    """
    spec: Scenario = prep.spec  # type: ignore[attr-defined]
    u = spec.uncertainty
    if u is None:
        raise ScenarioError(f"scenario {spec.name!r} has no uncertainty: block.")
    check_uncertainty(u)
    keys = input_keys(spec)
    active = set(keys) if only is None else set(only)
    unknown = active - set(keys)
    if unknown:
        raise ScenarioError(f"only={sorted(unknown)}: not uncertain inputs of scenario "
                            f"{spec.name!r}; its inputs are {list(keys)}.")
    view = prep.view  # type: ignore[attr-defined]
    coefs: dict[str, np.ndarray] = prep.coefs  # type: ignore[attr-defined]
    type_ii: bool = prep.type_ii  # type: ignore[attr-defined]
    if "productivity" in keys and "employment" not in coefs:
        raise ScenarioError("uncertainty.productivity: the table has no employment, so "
                            "productivity growth changes nothing; remove it or use a table "
                            "with employment.")
    D, seed = u.draws, u.seed
    levels = interval_levels(u.interval)
    years = spec.years
    T, N = len(years), view.model.n
    need = 8 * D * T * N * (8 if type_ii else 6)
    if need > MEMORY_LIMIT:
        raise ScenarioError(
            f"uncertainty.draws: {D:,} draws of this model ({N:,} sectors x {T} years) need "
            f"about {need / 2**30:.1f} GB for the draws' results; use at most "
            f"{int(D * MEMORY_LIMIT / need):,} draws.")
    national = view.national
    descriptions: list[str] = []
    notes: list[str] = []
    samples: dict[str, np.ndarray] = {}

    # ---------------------------------------------------------------- coefficients
    pattern = sampler = None
    propagation_of: Callable[[np.ndarray | None], object] | None = None
    if "coefficients" in active:
        c = u.coefficients
        assert c is not None
        pattern = CoefficientPattern.from_matrix(national._A)
        rng_c = random_stream(seed, "coefficients")
        if c.distribution == "dirichlet":
            def sampler(d: int) -> np.ndarray:
                return dirichlet_coefficients(pattern, float(c.precision), d, rng_c)
            how = (f"Dirichlet per column, precision {c.precision:g} (each column's non-zero "
                   "coefficients and its primary-input share)")
        else:
            def sampler(d: int) -> np.ndarray:
                return lognormal_coefficients(pattern, float(c.sigma), d, rng_c, cap=c.cap)
            how = (f"mean-preserving lognormal, sigma {c.sigma:g}, column sums capped at "
                   f"{c.cap:g}")
        if view.mrio is not None:
            C = np.asarray(view.mrio.C, dtype=float)
            propagation_of = lambda mask: TradePropagation(pattern, C)  # noqa: E731
            where = "through the trade coefficients, c^rs_i a_ij"
        else:
            mask0, blocks = _model_mask(prep)
            propagation_of = lambda mask: BlockPropagation(  # noqa: E731
                pattern, mask0 if mask is None else mask, blocks)
            where = ("as the table's own" if mask0 is None else
                     "through the model's regional shares, a_ij min(1, LQ_ij)")
        descriptions.append(
            f"technical coefficients of {national.name}: {how}; {pattern.nnz:,} non-zero "
            f"coefficients drawn, propagated to the model {where}; value added, income, "
            "imports and taxes per unit of output scale with the drawn primary-input share")

    # ---------------------------------------------------------------- delta
    group = np.zeros(D, dtype=np.intp)
    base_cfg = None

    def base(g: int) -> ModelConfig:
        return _base_config(prep, None if propagation_of is None else propagation_of(None))

    builder: Callable[[int], ModelConfig] = base
    n_groups = 1
    if "delta" in active:
        d_spec = u.delta
        assert d_spec is not None
        delta = uniform_draws(d_spec.low, d_spec.high, D, random_stream(seed, "delta"))
        samples["delta"] = delta
        grid, group = quantise(delta, DELTA_GRID, low=d_spec.low, high=d_spec.high)
        n_groups = len(grid)
        dm = _DeltaModel(prep, probe=float(grid[-1]))
        if dm.mode != "formula":
            notes.append(f"FLQ delta draws: {dm.reason}; the model is rebuilt for every grid "
                         "value.")
        base_cfg = _base_config(prep, None)

        def builder(g: int) -> ModelConfig:
            mask, h_c = dm.at(float(grid[g]))
            A = dm.tiled * mask
            lu = le.factorise(A)
            prop = None if propagation_of is None else propagation_of(mask)
            if not type_ii:
                return ModelConfig(lu=lu, propagation=prop)  # type: ignore[arg-type]
            assert base_cfg is not None
            assert h_c is not None
            H_c = h_c[None, :]
            W = np.ascontiguousarray(le.solve(lu, H_c.T).T)
            return ModelConfig(lu=lu, propagation=prop,  # type: ignore[arg-type]
                               H_r=base_cfg.H_r, H_c=H_c, own_use=base_cfg.own_use, W=W)

        descriptions.append(
            f"FLQ delta uniform on [{d_spec.low:g}, {d_spec.high:g}], rounded to a "
            f"{DELTA_GRID:g} grid ({n_groups} values, one factorisation each); the regional "
            "coefficients" + (" and the household consumption column" if type_ii else "")
            + f" follow delta, the shocks' final demand is as built at delta = "
            f"{(spec.regionalisation or RegionalisationSpec()).delta:g}")
    config = group_configs(builder)

    # ---------------------------------------------------------------- scalar inputs
    propensity = None
    if "household_propensity" in active:
        sig = u.household_propensity.sigma  # type: ignore[union-attr]
        propensity = lognormal_factors(sig, D, random_stream(seed, "household_propensity"))
        samples["household_propensity"] = propensity
        descriptions.append(f"household consumption column scaled by a mean-preserving "
                            f"lognormal factor, sigma {sig:g} (one per draw, every household "
                            "account)")
    pi = None
    if "productivity" in active:
        p = u.productivity
        assert p is not None
        pi = uniform_draws(p.low, p.high, D, random_stream(seed, "productivity"))
        samples["productivity"] = pi
        which = ("every sector" if spec.productivity is None or spec.productivity.sectors is None
                 else ", ".join(spec.productivity.sectors))
        descriptions.append(f"labour productivity growth uniform on [{p.low:g}, {p.high:g}] a "
                            f"year ({which})")

    # ---------------------------------------------------------------- shocks
    labels, F_s, direct_s = _shock_blocks(prep)
    S = len(labels)
    factors = np.ones((D, S))
    for s, label in enumerate(labels):
        if f"shock_size:{label}" in active:
            sig = u.shock_size.sigma  # type: ignore[union-attr]
            factors[:, s] = lognormal_factors(sig, D, random_stream(seed, f"shock_size:{label}"))
            samples[f"shock_size:{label}"] = factors[:, s].copy()
    if any(k.startswith("shock_size:") for k in active):
        descriptions.append(f"each shock's size scaled by its own mean-preserving lognormal "
                            f"factor, sigma {u.shock_size.sigma:g}")  # type: ignore[union-attr]
    fixed = factors.copy()
    gp_terms: list[tuple[int, np.ndarray]] = []
    G = None
    if "growth_path" in active:
        path = spec.growth_path
        assert path is not None
        dist = path.to_distribution()
        G_path = dist.sample(D, random_stream(seed, "growth_path"))
        samples["growth_path"] = G_path
        pos = {y: k for k, y in enumerate(path.years)}
        G = np.ones((D, T))
        for t, y in enumerate(years):
            if y in pos:
                G[:, t] = G_path[:, pos[y]]
        for s, unit in _growth_units(prep, labels).items():
            fixed[:, s] = 0.0
            gp_terms.append((s, unit))
        descriptions.append("growth path: whole paths sampled from its quantiles (comonotone, "
                            "one standard-normal score per path)")
    F = np.einsum("ds,stn->dtn", fixed, F_s)
    Dir = np.einsum("ds,stn->dtn", fixed, direct_s)
    for s, unit in gp_terms:
        assert G is not None
        extra = (factors[:, s, None] * (G - 1.0))[:, :, None] * unit[None]
        F += extra
        Dir += extra

    # ---------------------------------------------------------------- solve
    solved = np.flatnonzero(np.any(F != 0, axis=(0, 2)))
    # every draw's final demand is a combination of the shocks' year patterns: solve a basis
    spans = [F_s.reshape(-1, N)] + [unit for _, unit in gp_terms]
    basis = rhs_basis(np.vstack(spans))
    rhs = np.ascontiguousarray(F[:, solved])
    if basis.shape[0] < len(solved):
        coords = rhs @ basis.T
        err = float(np.abs(coords @ basis - rhs).max(initial=0.0))
        if err <= 1e-12 * max(float(np.abs(rhs).max(initial=0.0)), 1e-300):
            rhs = coords
        else:
            basis = None
    else:
        basis = None
    show = sys.stderr.isatty() if progress is None else bool(progress)
    from tqdm.auto import tqdm

    with tqdm(total=D, desc=f"Monte Carlo {spec.name}", unit="draw", delay=1.0,
              disable=not show, leave=False, file=sys.stderr) as bar:
        sim = simulate(config, group, rhs, basis=basis, pattern=pattern, sampler=sampler,
                       propensity=propensity, tol=TOL, method=method, progress=bar.update)
    if not sim.productive.all():
        bad = int((~sim.productive).sum())
        raise ScenarioError(
            f"uncertainty.household_propensity: {bad} of {D:,} draws make the household-closed "
            "model non-productive (households re-spend more than their income); reduce sigma.")
    Y = np.zeros((D, T, N))
    Y[:, solved] = sim.first_round
    if type_ii:
        X = np.zeros((D, T, N))
        X[:, solved] = sim.total
        Rh = sim.household_income.shape[2]  # type: ignore[union-attr]
        x_h = np.zeros((D, T, Rh))
        x_h[:, solved] = sim.household_income
    else:
        X, x_h, Rh = Y, None, 0
    comps = {"direct": Dir, "indirect": Y - Dir}
    if type_ii:
        comps["induced"] = X - Y
    comps["total"] = X

    # ---------------------------------------------------------------- summaries
    rho = None
    if sim.primary_scaling is not None:
        rho = np.tile(sim.primary_scaling, (1, N // sim.primary_scaling.shape[1]))
    emp_mask = decay = None
    if pi is not None:
        from .engine import _productivity_mask

        emp_mask = _productivity_mask(view.model, spec)
        t = np.asarray(years, dtype=float) - spec.base_year
        decay = (1.0 + pi[:, None]) ** (-t[None, :])
    emp_path: np.ndarray | None = prep.employment  # type: ignore[attr-defined]
    hh_terms: dict[str, float] | None = prep.household_terms  # type: ignore[attr-defined]
    regions_rows: list[str] = prep.regions  # type: ignore[attr-defined]
    region_names = tuple(dict.fromkeys(regions_rows))
    region_of = np.array([region_names.index(r) for r in regions_rows])
    G_region = np.zeros((N, len(region_names)))
    G_region[np.arange(N), region_of[:N]] = 1.0
    G_hh = np.zeros((Rh, len(region_names)))
    G_hh[np.arange(Rh), region_of[N:]] = 1.0

    def kind(name: str) -> str:
        if rho is not None and name in PRIMARY:
            return "primary"
        if name == "employment" and decay is not None:
            return "employment"
        return "fixed"

    def scaled(base_arr: np.ndarray, how: str) -> np.ndarray:
        if how == "primary":
            return base_arr * rho[:, None, :]  # type: ignore[index]
        if how == "employment":
            out = base_arr.copy()
            out[:, :, emp_mask] *= decay[:, :, None]  # type: ignore[index]
            return out
        return base_arr

    def k_cells(name: str) -> np.ndarray:
        if name == "employment":
            if decay is not None:
                return np.broadcast_to(coefs["employment"], (T, N))
            if emp_path is not None:
                return emp_path
        return np.broadcast_to(coefs[name], (T, N))

    names = list(coefs)
    comp_names = list(comps)
    kinds = {name: kind(name) for name in names}
    totals = np.zeros((D, T, len(names), len(comp_names)))
    by_region = np.zeros((D, T, len(region_names), len(names)))
    q_hh = quantile_summary(x_h, levels) if (cells and x_h is not None) else None
    block_of: dict[tuple[int, int], np.ndarray] = {}
    for b, comp in enumerate(comp_names):
        for how in dict.fromkeys(kinds.values()):
            base_arr = scaled(comps[comp], how)
            q_base = quantile_summary(base_arr, levels) if cells else None  # (3, T, N)
            for a, name in enumerate(names):
                if kinds[name] != how:
                    continue
                k = k_cells(name)
                if comp == "total":
                    values = base_arr * k[None]
                    totals[:, :, a, b] = values.sum(axis=2)
                    by_region[:, :, :, a] = values @ G_region
                else:
                    totals[:, :, a, b] = np.einsum("dtn,tn->dt", base_arr, k)
                hh_q = None
                if type_ii and comp in ("induced", "total"):
                    assert hh_terms is not None
                    assert x_h is not None
                    term = hh_terms[name]
                    totals[:, :, a, b] += term * x_h.sum(axis=2)
                    if comp == "total":
                        by_region[:, :, :, a] += (term * x_h) @ G_hh
                    if q_hh is not None:
                        hh_q = scaled_quantiles(q_hh, term).transpose(0, 2, 1)
                if q_base is None:
                    continue
                block = scaled_quantiles(q_base, k).transpose(0, 2, 1)  # (3, N, T)
                if type_ii:
                    block = np.concatenate([block, np.zeros((3, Rh, T)) if hh_q is None
                                            else hh_q], axis=1)
                block_of[(a, b)] = block.reshape(3, -1)
    blocks = [block_of[(a, b)] for a in range(len(names)) for b in range(len(comp_names))
              if (a, b) in block_of]
    # the order of the frame: median, lower, upper
    cells_arr = None
    if cells:
        stacked = np.concatenate(blocks, axis=1)  # (lower, median, upper)
        cells_arr = np.stack([stacked[1], stacked[0], stacked[2]])

    stats: SolveStats = sim.stats
    cols = (f"the {basis.shape[0]} vector(s) spanning every draw's final demand" if basis
            is not None else f"{len(solved)} years per draw")
    if pattern is None:
        solver = (f"one factorisation of the model; all {D:,} draws solved on it ({cols})")
        if n_groups > 1:
            solver = (f"one factorisation per FLQ delta grid value ({n_groups}); each group's "
                      "draws solved as right-hand sides of it")
    else:
        solver = stats.describe(TOL) + f"; right-hand sides: {cols}"
        if n_groups > 1:
            solver += f" (base: one factorisation per FLQ delta grid value, {n_groups})"
    notes.extend(f"Monte Carlo solver: {r}." for r in stats.reasons)
    lo, _, hi = levels
    card = {
        "uncertainty": (f"Monte Carlo: {D:,} draws, seed {seed}; median and {u.interval:.0%} "
                        f"interval (quantiles {lo:.3g}-{hi:.3g}) in the columns median, lower "
                        "and upper; value is the point estimate"),
        "draws": f"{D:,}",
        "seed": str(seed),
        "uncertain_inputs": "; ".join(descriptions),
        "random_streams": ("one random stream per uncertain input, derived from the seed and "
                           "the input's name (common random numbers across scenarios run with "
                           "the same seed)"),
        "monte_carlo_solver": solver,
    }
    summary = UncertaintySummary(
        draws=D, seed=seed, interval=float(u.interval), levels=levels,
        inputs=tuple(k for k in keys if k in active), descriptions=tuple(descriptions),
        years=tuple(years), indicators=tuple(names), components=tuple(comp_names),
        regions=region_names, totals=totals, by_region=by_region, samples=samples,
        solver=solver, net_factor=None if spec.net is None else spec.net.factor)
    return MonteCarloOutcome(summary=summary, cells=cells_arr, card=card, notes=tuple(notes))
