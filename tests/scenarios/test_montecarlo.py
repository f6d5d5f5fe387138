"""Pure Monte Carlo pieces: samplers, streams, quantiles, perturbed solves (no scenarios)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from creative_econ import leontief as le
from creative_econ.errors import InvalidParameterError
from creative_econ.regional.multiregional import mrio_coefficients
from creative_econ.scenarios import montecarlo as mc
from creative_econ.scenarios import perturbed as pt
from tests.strategies import productive_matrices

MB_A = np.array([[0.15, 0.25], [0.20, 0.05]])  # Miller & Blair (2009), Table 2.3


def below_one(A: np.ndarray, top: float = 0.99) -> np.ndarray:
    """Scale columns so that every column sum is at most ``top`` (denominator >= 1)."""
    return A / np.maximum(1.0, A.sum(axis=0) / top)[None, :]


def output_multipliers(A_draws: np.ndarray) -> np.ndarray:
    n = A_draws.shape[1]
    L = np.linalg.inv(np.eye(n)[None] - A_draws)
    return L.sum(axis=1)  # column sums: (draws, n)


# ---------------------------------------------------------------------------- streams
def test_streams_are_reproducible_and_independent_by_name() -> None:
    a = mc.random_stream(42, "coefficients").standard_normal(5)
    b = mc.random_stream(42, "coefficients").standard_normal(5)
    c = mc.random_stream(42, "delta").standard_normal(5)
    d = mc.random_stream(43, "coefficients").standard_normal(5)
    assert_array_equal(a, b)
    assert not np.allclose(a, c)
    assert not np.allclose(a, d)


def test_stream_needs_a_non_negative_integer_seed() -> None:
    with pytest.raises(InvalidParameterError, match="seed=-1"):
        mc.random_stream(-1, "x")
    with pytest.raises(InvalidParameterError, match="seed=1.5"):
        mc.random_stream(1.5, "x")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------- coefficients
@settings(max_examples=40)
@given(productive_matrices(min_n=1, max_n=7), st.floats(1.0, 1e4), st.integers(0, 2**32))
def test_dirichlet_keeps_every_column_sum_below_one(A: np.ndarray, kappa: float,
                                                   seed: int) -> None:
    A = below_one(A)
    pattern = mc.CoefficientPattern.from_matrix(A)
    values = mc.dirichlet_coefficients(pattern, kappa, 50, np.random.default_rng(seed))
    sums = pattern.column_totals(values)
    assert np.all(sums < 1.0)
    assert np.all(values >= 0)
    dense = pattern.dense(values)
    assert np.all(dense[:, A == 0] == 0)  # zeros stay zero


def test_dirichlet_mean_and_variance() -> None:
    A = np.array([[0.1, 0.3, 0.0], [0.2, 0.0, 0.05], [0.0, 0.25, 0.4]])
    pattern = mc.CoefficientPattern.from_matrix(A)
    kappa = 150.0
    draws = pattern.dense(mc.dirichlet_coefficients(pattern, kappa, 40_000,
                                                   np.random.default_rng(0)))
    mean, var = draws.mean(axis=0), draws.var(axis=0)
    expected_var = A * (1 - A) / (kappa + 1)
    se_mean = np.sqrt(expected_var / 40_000)
    assert np.all(np.abs(mean - A) <= 4 * se_mean + 1e-15)
    assert_allclose(var[A > 0], expected_var[A > 0], rtol=0.05)


def test_draws_are_the_same_in_blocks_or_at_once() -> None:
    A = below_one(np.random.default_rng(1).random((6, 6)) * 0.2)
    pattern = mc.CoefficientPattern.from_matrix(A)
    whole = mc.dirichlet_coefficients(pattern, 200.0, 25, np.random.default_rng(3))
    rng = np.random.default_rng(3)
    parts = np.vstack([mc.dirichlet_coefficients(pattern, 200.0, 10, rng),
                       mc.dirichlet_coefficients(pattern, 200.0, 15, rng)])
    assert_array_equal(whole, parts)
    whole = mc.lognormal_coefficients(pattern, 0.1, 25, np.random.default_rng(3))
    rng = np.random.default_rng(3)
    parts = np.vstack([mc.lognormal_coefficients(pattern, 0.1, 7, rng),
                       mc.lognormal_coefficients(pattern, 0.1, 18, rng)])
    assert_array_equal(whole, parts)


def test_lognormal_is_mean_preserving_and_capped() -> None:
    A = np.array([[0.3, 0.1], [0.5, 0.2]])  # first column sums to 0.8
    pattern = mc.CoefficientPattern.from_matrix(A)
    values = mc.lognormal_coefficients(pattern, 0.3, 20_000, np.random.default_rng(5), cap=0.85)
    assert pattern.column_totals(values).max() <= 0.85 + 1e-12
    # the second column (sum 0.3) is never capped: its mean is the table's
    dense = pattern.dense(values)
    assert_allclose(dense[:, :, 1].mean(axis=0), A[:, 1], rtol=0.02)
    zero = mc.lognormal_coefficients(pattern, 0.0, 3, np.random.default_rng(5), cap=0.85)
    assert_array_equal(zero, np.broadcast_to(pattern.values, zero.shape))


def test_miller_blair_bands_of_methods_5_5() -> None:
    # METHODS §5.5 (computed on the Miller & Blair example): Dirichlet kappa = 200 gives a
    # 90% band of sector 1's output multiplier of (1.417, 1.631) around 1.518; lognormal
    # sigma = 0.1 gives (1.447, 1.600). With 20,000 draws the standard error of a 5% or 95%
    # quantile is about 0.003 here (sqrt(.05 * .95 / 20000) / density ~ 1.6), so 0.01 is
    # about three standard errors of Monte Carlo error.
    pattern = mc.CoefficientPattern.from_matrix(MB_A)
    point = output_multipliers(MB_A[None])[0, 0]
    assert point == pytest.approx(1.518, abs=5e-4)
    dir_ = pattern.dense(mc.dirichlet_coefficients(pattern, 200.0, 20_000,
                                                   mc.random_stream(2009, "mb")))
    lo, hi = np.quantile(output_multipliers(dir_)[:, 0], [0.05, 0.95])
    assert (lo, hi) == (pytest.approx(1.417, abs=0.01), pytest.approx(1.631, abs=0.01))
    logn = pattern.dense(mc.lognormal_coefficients(pattern, 0.1, 20_000,
                                                   mc.random_stream(2009, "mb")))
    lo, hi = np.quantile(output_multipliers(logn)[:, 0], [0.05, 0.95])
    assert (lo, hi) == (pytest.approx(1.447, abs=0.01), pytest.approx(1.600, abs=0.01))
    # the Monte Carlo mean sits slightly above the point estimate (convexity of the inverse)
    assert output_multipliers(dir_)[:, 0].mean() > point


def test_primary_input_scaling_keeps_the_column_identity() -> None:
    A = below_one(np.random.default_rng(2).random((5, 5)) * 0.3)
    pattern = mc.CoefficientPattern.from_matrix(A)
    values = mc.dirichlet_coefficients(pattern, 100.0, 20, np.random.default_rng(0))
    v = 1.0 - A.sum(axis=0)  # primary inputs per unit of output
    rho = mc.primary_input_scaling(pattern, values)
    assert_allclose(pattern.column_totals(values) + v[None] * rho, 1.0, rtol=1e-12)
    # and so (v' rho) L_d = iota' in every draw
    L = np.linalg.inv(np.eye(5)[None] - pattern.dense(values))
    assert_allclose(np.einsum("dj,dji->di", v[None] * rho, L), 1.0, rtol=1e-10)


# ---------------------------------------------------------------------------- bad input
@pytest.mark.parametrize("kappa", [0.0, -5.0, float("nan"), float("inf")])
def test_dirichlet_needs_a_positive_precision(kappa: float) -> None:
    pattern = mc.CoefficientPattern.from_matrix(MB_A)
    with pytest.raises(InvalidParameterError, match="precision"):
        mc.dirichlet_coefficients(pattern, kappa, 10, np.random.default_rng(0))


def test_dirichlet_refuses_a_column_summing_to_one() -> None:
    pattern = mc.CoefficientPattern.from_matrix(np.array([[0.6, 0.1], [0.4, 0.1]]))
    with pytest.raises(InvalidParameterError, match="column 0 sum=1.0"):
        mc.dirichlet_coefficients(pattern, 10.0, 5, np.random.default_rng(0))


@pytest.mark.parametrize("sigma", [-0.1, float("nan")])
def test_lognormal_needs_a_non_negative_sigma(sigma: float) -> None:
    pattern = mc.CoefficientPattern.from_matrix(MB_A)
    with pytest.raises(InvalidParameterError, match="sigma"):
        mc.lognormal_coefficients(pattern, sigma, 10, np.random.default_rng(0))
    with pytest.raises(InvalidParameterError, match="sigma"):
        mc.lognormal_factors(sigma, 10, np.random.default_rng(0))


def test_lognormal_cap_below_a_column_sum_is_refused() -> None:
    pattern = mc.CoefficientPattern.from_matrix(np.array([[0.6, 0.1], [0.3, 0.1]]))
    with pytest.raises(InvalidParameterError, match="cap=0.8"):
        mc.lognormal_coefficients(pattern, 0.1, 5, np.random.default_rng(0), cap=0.8)


@pytest.mark.parametrize("draws", [0, -3, 2.5, True])
def test_draws_must_be_a_positive_integer(draws: object) -> None:
    pattern = mc.CoefficientPattern.from_matrix(MB_A)
    with pytest.raises(InvalidParameterError, match="draws"):
        mc.dirichlet_coefficients(pattern, 10.0, draws, np.random.default_rng(0))  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="draws"):
        mc.uniform_draws(0.1, 0.4, draws, np.random.default_rng(0))  # type: ignore[arg-type]


@pytest.mark.parametrize("interval", [0.0, 1.0, 1.5, -0.2])
def test_interval_must_lie_in_zero_one(interval: float) -> None:
    with pytest.raises(InvalidParameterError, match="interval"):
        mc.interval_levels(interval)


def test_negative_coefficients_are_refused() -> None:
    with pytest.raises(InvalidParameterError, match=r"A\[0, 1\]=-0.1"):
        mc.CoefficientPattern.from_matrix(np.array([[0.1, -0.1], [0.2, 0.1]]))


def test_uniform_range_must_be_ordered() -> None:
    with pytest.raises(InvalidParameterError, match="high=0.1"):
        mc.uniform_draws(0.4, 0.1, 5, np.random.default_rng(0))


# ---------------------------------------------------------------------------- summaries
def test_quantiles_of_constant_draws_are_the_constant() -> None:
    x = np.full((37, 3), 1.2345678901234567)
    q = mc.quantile_summary(x, mc.interval_levels(0.9))
    assert np.all(q == x[0])


def test_scaled_quantiles_handle_negative_factors() -> None:
    x = np.random.default_rng(0).standard_normal((101, 4))
    levels = mc.interval_levels(0.8)
    k = np.array([2.0, -3.0, 0.0, -0.5])
    direct = mc.quantile_summary(x * k, levels)
    assert_allclose(mc.scaled_quantiles(mc.quantile_summary(x, levels), k), direct,
                    rtol=1e-12, atol=1e-14)


def test_quantise_groups_on_the_grid_within_bounds() -> None:
    d = np.array([0.1, 0.10049, 0.2004, 0.39999, 0.4])
    grid, index = mc.quantise(d, 0.001, low=0.1, high=0.4)
    assert_allclose(grid, [0.1, 0.2, 0.4])
    assert index.tolist() == [0, 0, 1, 2, 2]
    assert grid.max() <= 0.4


# ---------------------------------------------------------------------------- perturbed solves
def perturbed_case(n: int = 12, draws: int = 30, kappa: float = 300.0, seed: int = 0):
    rng = np.random.default_rng(seed)
    A = below_one(rng.random((n, n)) * (rng.random((n, n)) < 0.6) * 0.15, 0.8)
    pattern = mc.CoefficientPattern.from_matrix(A)
    values = mc.dirichlet_coefficients(pattern, kappa, draws, rng)
    B = rng.standard_normal((draws, 4, n))
    B[:, 3] = 0.0  # a zero right-hand side stays zero
    return A, pattern, values, B


@pytest.mark.parametrize("method", ["auto", "gmres", "refactorise"])
def test_preconditioned_solve_agrees_with_a_direct_solve_on_each_draw(method: str) -> None:
    A, pattern, values, B = perturbed_case()
    base = le.factorise(A)
    op = pt.BlockPropagation(pattern).chunk(values)
    stats = pt.SolveStats()
    X = pt.perturbed_solve(base, op, B, method=method, stats=stats)
    dense = pattern.dense(values)
    for d in range(len(values)):
        direct = np.linalg.solve(np.eye(A.shape[0]) - dense[d], B[d].T).T
        assert_allclose(X[d], direct, rtol=1e-10, atol=1e-10 * np.abs(direct).max())
    assert np.all(X[:, 3] == 0)
    assert stats.draws == len(values)
    assert stats.max_residual <= 1e-11
    if method == "auto":
        assert stats.refined == len(values)


def test_regional_mask_and_trade_propagation_agree_with_direct_solves() -> None:
    rng = np.random.default_rng(4)
    n, R = 5, 3
    A = below_one(rng.random((n, n)) * 0.2, 0.7)
    pattern = mc.CoefficientPattern.from_matrix(A)
    values = mc.dirichlet_coefficients(pattern, 200.0, 8, rng)
    C = rng.random((n, R, R)) + 0.1
    C /= C.sum(axis=1, keepdims=True)  # shares of each destination's purchases
    base = le.factorise(mrio_coefficients(A, C))
    B = rng.standard_normal((8, 3, n * R))
    X = pt.perturbed_solve(base, pt.TradePropagation(pattern, C).chunk(values), B)
    mask = rng.random((n, n))  # a single-region mask min(1, LQ)
    base_r = le.factorise(A * mask)
    Br = rng.standard_normal((8, 2, n))
    Xr = pt.perturbed_solve(base_r, pt.BlockPropagation(pattern, mask).chunk(values), Br)
    dense = pattern.dense(values)
    for d in range(8):
        M = np.eye(n * R) - mrio_coefficients(dense[d], C)
        assert_allclose(X[d], np.linalg.solve(M, B[d].T).T, rtol=1e-10, atol=1e-12)
        Mr = np.eye(n) - dense[d] * mask
        assert_allclose(Xr[d], np.linalg.solve(Mr, Br[d].T).T, rtol=1e-10, atol=1e-12)


def test_stalled_refinement_falls_back_and_says_why() -> None:
    # base A = 0, draws with large coefficients: refinement contracts by rho(A_d) ~ 0.9
    n = 6
    A_big = np.full((n, n), 0.9 / n)
    pattern = mc.CoefficientPattern.from_matrix(A_big)
    values = np.broadcast_to(pattern.values, (3, pattern.nnz)).copy()
    base = le.factorise(np.zeros((n, n)))
    B = np.ones((3, 1, n))
    stats = pt.SolveStats()
    X = pt.perturbed_solve(base, pt.BlockPropagation(pattern).chunk(values), B, stats=stats)
    assert_allclose(X[0, 0], np.linalg.solve(np.eye(n) - A_big, np.ones(n)), rtol=1e-10)
    assert stats.refined == 0
    assert stats.gmres + stats.refactorised == 3
    assert any("stalled" in r for r in stats.reasons)
    # GMRES allowed no cycles: the draws are refactorised, with the reason recorded
    stats = pt.SolveStats()
    pt.perturbed_solve(base, pt.BlockPropagation(pattern).chunk(values), B, stats=stats,
                       gmres_maxiter=0)
    assert stats.refactorised == 3
    assert any("refactorised" in r for r in stats.reasons)


def test_closed_outputs_match_the_bordered_inverse() -> None:
    rng = np.random.default_rng(7)
    n = 4
    A = below_one(rng.random((n, n)) * 0.2, 0.6)
    h_r, h_c, h_hh = rng.random(n) * 0.3, rng.random(n) * 0.15, 0.02
    m = np.array([0.8, 1.0, 1.3])
    f = rng.random((3, 2, n))
    L = np.linalg.inv(np.eye(n) - A)
    Y = np.einsum("ij,dtj->dti", L, f)
    W = (L @ h_c)[None]
    X, x_h, ok = pt.closed_outputs(Y, W, h_r[None], h_hh, m)
    assert ok.all()
    for d in range(3):
        Abar = np.block([[A, m[d] * h_c[:, None]], [h_r[None], np.array([[h_hh]])]])
        Lbar = np.linalg.inv(np.eye(n + 1) - Abar)
        for t in range(2):
            full = Lbar @ np.append(f[d, t], 0.0)
            assert_allclose(X[d, t], full[:n], rtol=1e-12)
            assert_allclose(x_h[d, t, 0], full[n], rtol=1e-12)
    _, _, ok = pt.closed_outputs(Y, W, h_r[None], h_hh, np.array([1e3]))
    assert not ok.any()


def test_simulate_type_ii_with_coefficient_draws_matches_direct_solves() -> None:
    rng = np.random.default_rng(11)
    n, D, T = 5, 12, 3
    A = below_one(rng.random((n, n)) * 0.2, 0.6)
    pattern = mc.CoefficientPattern.from_matrix(A)
    h_r, h_c = rng.random(n) * 0.3, rng.random(n) * 0.2
    lu = le.factorise(A)
    cfg = pt.ModelConfig(lu=lu, propagation=pt.BlockPropagation(pattern), H_r=h_r[None],
                         H_c=h_c[None], own_use=0.0)
    F = rng.random((D, T, n))
    stream = np.random.default_rng(5)
    sim = pt.simulate(lambda g: cfg, np.zeros(D, dtype=np.intp), F, pattern=pattern,
                      sampler=lambda d: mc.dirichlet_coefficients(pattern, 100.0, d, stream))
    values = mc.dirichlet_coefficients(pattern, 100.0, D, np.random.default_rng(5))
    dense = pattern.dense(values)
    rho = mc.primary_input_scaling(pattern, values)
    for d in range(D):
        Abar = np.block([[dense[d], h_c[:, None]], [(h_r * rho[d])[None], np.zeros((1, 1))]])
        Lbar = np.linalg.inv(np.eye(n + 1) - Abar)
        for t in range(T):
            full = Lbar @ np.append(F[d, t], 0.0)
            assert_allclose(sim.total[d, t], full[:n], rtol=1e-10)
            assert_allclose(sim.household_income[d, t, 0], full[n], rtol=1e-10)
            assert_allclose(sim.first_round[d, t],
                            np.linalg.solve(np.eye(n) - dense[d], F[d, t]), rtol=1e-10)


def test_pure_modules_import_no_pandas_and_nothing_labelled() -> None:
    import ast
    from pathlib import Path

    allowed = {"..leontief", "..errors", ".montecarlo"}
    for mod in (mc, pt):
        tree = ast.parse(Path(mod.__file__).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     ["." * node.level + (node.module or a.name) for a in node.names]
                     if isinstance(node, ast.ImportFrom) and node.module is None else
                     ["." * node.level + node.module] if isinstance(node, ast.ImportFrom)
                     else [])
            for name in names:
                assert not name.startswith("pandas"), f"{mod.__name__} imports {name}"
                if name.startswith("."):
                    assert name in allowed, f"{mod.__name__} imports {name}"
