"""Pure core of the analytical toolkit: Ghosh, linkages, extraction, mixed and price models.

Every rank-update or partitioned-inverse shortcut is checked against brute force (a fresh
inverse or solve of the modified system), and the identities of METHODS §1-2 are property
tests on random productive tables.
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.linalg as sla
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from creative_econ import leontief as le
from creative_econ.leontief import extraction as hem
from creative_econ.leontief import ghosh as gh
from creative_econ.leontief import linkages as lk
from creative_econ.leontief import mixed as mx
from creative_econ.leontief import price as pr
from tests.strategies import flows

RTOL = 1e-9


# ---------------------------------------------------------------------------- helpers
def _system(Z: np.ndarray, f: np.ndarray) -> tuple[np.ndarray, np.ndarray, le.LUFactor]:
    x = Z.sum(axis=1) + f
    A = le.technical_coefficients(Z, x)
    return x, A, le.factorise(A)


def _inv(M: np.ndarray) -> np.ndarray:
    return sla.inv(M)


def _with_empty_sector(Z: np.ndarray, f: np.ndarray, at: int) -> tuple[np.ndarray, np.ndarray]:
    """Insert a sector with no output, inputs or sales at position ``at``."""
    Z2 = np.insert(np.insert(Z, at, 0.0, axis=0), at, 0.0, axis=1)
    return Z2, np.insert(f, at, 0.0)


@st.composite
def systems(draw: st.DrawFn, min_n: int = 1, max_n: int = 7) -> tuple[np.ndarray, np.ndarray]:
    """(Z, f) from tests.strategies.flows, sometimes with an empty (zero-output) sector."""
    Z, f = draw(flows(min_n, max_n))
    if draw(st.booleans()):
        Z, f = _with_empty_sector(Z, f, draw(st.integers(0, Z.shape[0])))
    return Z, f


def _frozen(*arrays: np.ndarray) -> list[np.ndarray]:
    return [a.copy() for a in arrays]


# ---------------------------------------------------------------------------- Ghosh
@given(systems())
def test_ghosh_inverse_is_similar_to_leontief(zf: tuple[np.ndarray, np.ndarray]) -> None:
    """G = (I - B)^-1 = x̂^-1 L x̂ (METHODS §1.2), including zero-output sectors."""
    Z, f = zf
    x, _, lu = _system(Z, f)
    B = le.allocation_coefficients(Z, x)
    G_direct = _inv(np.eye(len(x)) - B)
    G = gh.ghosh_inverse(lu, x)
    assert_allclose(G, G_direct, rtol=1e-8, atol=1e-10)
    L = le.leontief_inverse(lu)
    pos = x > 0
    xp = x[pos]
    assert_allclose(G[np.ix_(pos, pos)], L[np.ix_(pos, pos)] / xp[:, None] * xp[None, :],
                    rtol=1e-8, atol=1e-12)
    assert_allclose(gh.ghosh_row_sums(lu, x), G_direct.sum(axis=1), rtol=1e-8)
    cols = np.arange(len(x))[::2]
    assert_allclose(gh.ghosh_columns(lu, x, cols), G_direct[:, cols], rtol=1e-8, atol=1e-10)


@given(systems())
def test_supply_driven_model_reproduces_output(zf: tuple[np.ndarray, np.ndarray]) -> None:
    """x' = v*' G with v* = x - Z'1 (all primary inputs)."""
    Z, f = zf
    x, _, lu = _system(Z, f)
    v = x - Z.sum(axis=0)
    assert_allclose(gh.ghosh_output(lu, x, v), x, rtol=1e-8, atol=1e-8 * x.max())
    both = gh.ghosh_output(lu, x, np.column_stack([v, 2 * v]))
    assert_allclose(both[:, 1], 2 * x, rtol=1e-8, atol=1e-8 * x.max())


# ---------------------------------------------------------------------------- linkages
@given(systems())
def test_linkages_are_sums_of_the_inverses(zf: tuple[np.ndarray, np.ndarray]) -> None:
    Z, f = zf
    x, A, lu = _system(Z, f)
    pos = x > 0
    L = _inv(np.eye(len(x)) - A)
    G = gh.ghosh_inverse(lu, x)
    assert_allclose(lk.backward_linkages(lu, x), np.where(pos, L[pos].sum(axis=0), 0),
                    rtol=1e-8, atol=1e-12)
    assert_allclose(lk.forward_linkages_leontief(lu, x),
                    np.where(pos, L[:, pos].sum(axis=1), 0), rtol=1e-8, atol=1e-12)
    assert_allclose(lk.forward_linkages_ghosh(lu, x), np.where(pos, G.sum(axis=1), 0),
                    rtol=1e-8, atol=1e-12)
    assert_allclose(lk.direct_backward_linkages(A), A.sum(axis=0))
    B = le.allocation_coefficients(Z, x)
    assert_allclose(lk.direct_forward_linkages(B), B.sum(axis=1))


@given(systems())
def test_rasmussen_indices_average_one_over_producing_sectors(
    zf: tuple[np.ndarray, np.ndarray],
) -> None:
    Z, f = zf
    x, _, lu = _system(Z, f)
    pos = x > 0
    for totals in (lk.backward_linkages(lu, x), lk.forward_linkages_ghosh(lu, x)):
        u = lk.rasmussen_indices(totals, x)
        assert np.all(np.isfinite(u))
        assert u[pos].mean() == pytest.approx(1.0, rel=1e-12)
        assert np.all(u[~pos] == 0.0)


@given(flows(min_n=2, max_n=6), st.data())
def test_an_empty_sector_changes_no_other_sector(
    zf: tuple[np.ndarray, np.ndarray], data: st.DataObject
) -> None:
    Z, f = zf
    at = data.draw(st.integers(0, Z.shape[0]))
    x, _, lu = _system(Z, f)
    x2, _, lu2 = _system(*_with_empty_sector(Z, f, at))
    keep = np.arange(len(x2)) != at
    L, L2 = le.leontief_inverse(lu), le.leontief_inverse(lu2)
    for one, two in [
        (lk.rasmussen_indices(lk.backward_linkages(lu, x), x),
         lk.rasmussen_indices(lk.backward_linkages(lu2, x2), x2)),
        (lk.rasmussen_indices(lk.forward_linkages_ghosh(lu, x), x),
         lk.rasmussen_indices(lk.forward_linkages_ghosh(lu2, x2), x2)),
        (lk.coefficient_of_variation(L, x, axis=0), lk.coefficient_of_variation(L2, x2, axis=0)),
        (lk.coefficient_of_variation(L, x, axis=1), lk.coefficient_of_variation(L2, x2, axis=1)),
    ]:
        assert_allclose(two[keep], one, rtol=1e-8, atol=1e-12)
        assert two[at] == 0.0


def test_coefficient_of_variation_matches_the_formula() -> None:
    rng = np.random.default_rng(0)
    M = rng.random((5, 5)) + 0.1
    x = np.array([1.0, 2.0, 0.0, 3.0, 4.0])
    pos = x > 0
    sub = M[np.ix_(pos, pos)]
    cv_cols = lk.coefficient_of_variation(M, x, axis=0)
    expected = np.sqrt(((sub - sub.mean(0)) ** 2).sum(0) / (pos.sum() - 1)) / sub.mean(0)
    assert_allclose(cv_cols[pos], expected)
    assert cv_cols[2] == 0.0
    expected_rows = sub.std(axis=1, ddof=1) / sub.mean(axis=1)
    assert_allclose(lk.coefficient_of_variation(M, x, axis=1)[pos], expected_rows)
    # Invariant to scaling rows (G = x̂^-1 L x̂ has the row CV of L x̂).
    assert_allclose(lk.coefficient_of_variation(M * 7.0, x, axis=1),
                    lk.coefficient_of_variation(M, x, axis=1))
    assert np.all(lk.coefficient_of_variation(M, np.array([0, 0, 1.0, 0, 0]), axis=0) == 0.0)
    with pytest.raises(ValueError, match="axis"):
        lk.coefficient_of_variation(M, x, axis=2)  # type: ignore[arg-type]


def test_classification() -> None:
    bl = np.array([1.2, 1.2, 0.8, 0.8, 1.5])
    fl = np.array([1.1, 0.9, 1.3, 1.0, 1.5])
    x = np.array([1.0, 1.0, 1.0, 1.0, 0.0])
    got = lk.classify_sectors(bl, fl, x)
    assert list(got) == ["key", "backward", "forward", "weak", "zero output"]
    assert set(got) <= set(lk.KEY_SECTOR_CLASSES)


def test_rasmussen_indices_refuse_zero_totals() -> None:
    with pytest.raises(ValueError, match="sum to zero"):
        lk.rasmussen_indices(np.zeros(3), np.ones(3))
    assert np.all(lk.rasmussen_indices(np.ones(2), np.zeros(2)) == 0.0)


# ---------------------------------------------------------------------------- extraction
def _brute_force(Z: np.ndarray, f: np.ndarray, S: list[int], keep: bool) -> dict[str, np.ndarray]:
    """Losses by refactorising the modified systems (the definitions of METHODS §2.2)."""
    x, A, _ = _system(Z, f)
    n = len(x)
    B = le.allocation_coefficients(Z, x)
    v = x - Z.sum(axis=0)
    Ab, Bb = A.copy(), B.copy()
    Ab[:, S] = 0.0
    Bb[S, :] = 0.0
    if keep:
        Ab[np.ix_(S, S)] = A[np.ix_(S, S)]
        Bb[np.ix_(S, S)] = B[np.ix_(S, S)]
    o = np.setdiff1d(np.arange(n), S)
    total = np.zeros(n)
    total[o] = x[o] - sla.solve(np.eye(o.size) - A[np.ix_(o, o)], f[o])
    return {
        "backward": x - sla.solve(np.eye(n) - Ab, f),
        "forward": x - sla.solve((np.eye(n) - Bb).T, v),
        "total": total,
    }


@given(systems(), st.booleans())
def test_single_sector_extraction_matches_refactorisation(
    zf: tuple[np.ndarray, np.ndarray], keep: bool
) -> None:
    Z, f = zf
    x, A, lu = _system(Z, f)
    n = len(x)
    idx = np.arange(n)
    own = np.diag(A) if keep else None
    got = {
        "backward": hem.backward_extraction(lu, x, idx, own_coefficients=own),
        "forward": hem.forward_extraction(lu, x, idx, own_coefficients=own),
        "total": hem.total_extraction(lu, x, idx),
    }
    scale = x.sum()
    for j in range(n):
        want = _brute_force(Z, f, [j], keep)
        for kind in got:
            assert_allclose(got[kind][:, j], want[kind], rtol=1e-7, atol=1e-9 * scale,
                            err_msg=f"{kind} extraction of sector {j}")


@given(systems(min_n=2), st.data(), st.booleans())
def test_block_extraction_matches_refactorisation(
    zf: tuple[np.ndarray, np.ndarray], data: st.DataObject, keep: bool
) -> None:
    Z, f = zf
    x, A, lu = _system(Z, f)
    n = len(x)
    S = data.draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=n, unique=True))
    within = A[np.ix_(S, S)] if keep else None
    want = _brute_force(Z, f, S, keep)
    scale = x.sum()
    got = {
        "backward": hem.backward_extraction_block(lu, x, S, within=within),
        "forward": hem.forward_extraction_block(lu, x, S, within=within),
        "total": hem.total_extraction_block(lu, x, S),
    }
    for kind, value in got.items():
        assert_allclose(value, want[kind], rtol=1e-7, atol=1e-9 * scale, err_msg=kind)


@given(systems(), st.booleans())
def test_extraction_losses_are_non_negative(
    zf: tuple[np.ndarray, np.ndarray], keep: bool
) -> None:
    Z, f = zf
    x, A, lu = _system(Z, f)
    idx = np.arange(len(x))
    own = np.diag(A) if keep else None
    tol = 1e-9 * x.sum()
    assert np.all(hem.backward_extraction(lu, x, idx, own_coefficients=own) >= -tol)
    assert np.all(hem.forward_extraction(lu, x, idx, own_coefficients=own) >= -tol)
    assert np.all(hem.total_extraction(lu, x, idx) >= -tol)
    # Keeping the own-use coefficient can only reduce the loss.
    assert np.all(hem.backward_extraction(lu, x, idx, own_coefficients=np.diag(A)).sum(0)
                  <= hem.backward_extraction(lu, x, idx).sum(0) + tol)


def test_single_sector_block_equals_individual_extraction() -> None:
    rng = np.random.default_rng(3)
    Z = rng.random((6, 6)) * 40
    f = rng.random(6) * 100 + 1
    x, A, lu = _system(Z, f)
    for j in range(6):
        assert_allclose(hem.backward_extraction_block(lu, x, [j]),
                        hem.backward_extraction(lu, x, [j])[:, 0])
        assert_allclose(hem.forward_extraction_block(lu, x, [j], within=A[[j]][:, [j]]),
                        hem.forward_extraction(lu, x, [j], own_coefficients=A[[j], [j]])[:, 0])
        assert_allclose(hem.total_extraction_block(lu, x, [j]),
                        hem.total_extraction(lu, x, [j])[:, 0])


def test_extraction_reuses_precomputed_columns_and_keeps_inputs() -> None:
    rng = np.random.default_rng(4)
    Z = rng.random((5, 5)) * 30
    f = rng.random(5) * 50 + 1
    x, _, lu = _system(Z, f)
    idx = np.array([4, 1])
    cols = le.solve(lu, hem.unit_vectors(5, idx))
    rows = le.solve_transposed(lu, hem.unit_vectors(5, idx))
    before = _frozen(x, idx, cols, rows)
    assert_allclose(hem.backward_extraction(lu, x, idx, columns=cols),
                    hem.backward_extraction(lu, x, idx))
    assert_allclose(hem.forward_extraction(lu, x, idx, rows=rows),
                    hem.forward_extraction(lu, x, idx))
    assert_allclose(hem.total_extraction(lu, x, idx, columns=cols),
                    hem.total_extraction(lu, x, idx))
    for a, b in zip(before, (x, idx, cols, rows), strict=True):
        assert_allclose(a, b)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda lu, x: hem.backward_extraction(lu, x, [0, 7]), r"lie in \[0, 3\)"),
        (lambda lu, x: hem.backward_extraction(lu, x, [1, 1]), "distinct"),
        (lambda lu, x: hem.total_extraction(lu, x, [-1]), "lie in"),
        (lambda lu, x: hem.total_extraction(lu, x, np.array([True, False, True])), "mask"),
        (lambda lu, x: hem.total_extraction(lu, x, [0.5]), "integers"),
        (lambda lu, x: mx.output_shock(lu, ["a"], [1.0]), "integers"),
        (lambda lu, x: hem.backward_extraction(lu, x, [0], own_coefficients=[0.1, 0.2]),
         "1 entries"),
        (lambda lu, x: hem.forward_extraction(lu, x, [0], own_coefficients=[1.0]), "below 1"),
        (lambda lu, x: hem.backward_extraction(lu, x, [0], columns=np.ones((3, 2))), "shape"),
        (lambda lu, x: hem.forward_extraction(lu, x, [0], rows=np.ones((2, 1))), "shape"),
        (lambda lu, x: hem.backward_extraction_block(lu, x, [0, 1], within=np.eye(3)), "shape"),
    ],
)
def test_extraction_bad_positions_and_shapes(call: object, match: str) -> None:
    Z = np.array([[1.0, 2, 0], [0, 1, 3], [2, 0, 1]])
    x, _, lu = _system(Z, np.ones(3) * 10)
    with pytest.raises(ValueError, match=match):
        call(lu, x)  # type: ignore[operator]


# ---------------------------------------------------------------------------- mixed model
@given(flows(min_n=2, max_n=7), st.data())
def test_exogenised_output_identity(zf: tuple[np.ndarray, np.ndarray], data: st.DataObject) -> None:
    """(I - A_oo)^-1 a_oc = L_oc / l_cc (METHODS §2.4), and Δf_c = Δx_c / l_cc."""
    Z, f = zf
    x, A, lu = _system(Z, f)
    n = len(x)
    c = data.draw(st.integers(0, n - 1))
    o = np.setdiff1d(np.arange(n), [c])
    L = _inv(np.eye(n) - A)
    lhs = sla.solve(np.eye(n - 1) - A[np.ix_(o, o)], A[o, c])
    assert_allclose(lhs, L[o, c] / L[c, c], rtol=1e-8, atol=1e-12)
    dx, dfc = mx.output_shock(lu, [c], [250.0])
    assert_allclose(dx[o], lhs * 250.0, rtol=1e-8, atol=1e-9)
    assert dx[c] == 250.0
    assert dfc[0] == pytest.approx(250.0 / L[c, c], rel=1e-10)
    # The equivalent final-demand shock gives the same outputs everywhere.
    df = np.zeros(n)
    df[c] = dfc[0]
    assert_allclose(le.solve(lu, df), dx, rtol=1e-8, atol=1e-9)


@given(flows(min_n=1, max_n=7), st.data())
def test_mixed_model_reproduces_any_final_demand_solution(
    zf: tuple[np.ndarray, np.ndarray], data: st.DataObject
) -> None:
    """Fix outputs at the values L Δf gives: the mixed model returns Δf and the same outputs."""
    Z, f = zf
    x, A, lu = _system(Z, f)
    n = len(x)
    c = np.array(data.draw(st.lists(st.integers(0, n - 1), min_size=0, max_size=n,
                                    unique=True)), dtype=int)
    o = np.setdiff1d(np.arange(n), c)
    df = data.draw(st.lists(st.floats(-100, 100), min_size=n, max_size=n)).copy()
    df = np.asarray(df)
    dx = le.solve(lu, df)
    xs, fs = mx.mixed_solve(lu, c, dx[c], df[o])
    scale = 1.0 + np.abs(dx).max()
    assert_allclose(xs, dx, rtol=1e-7, atol=1e-9 * scale)
    assert_allclose(fs, df, rtol=1e-7, atol=1e-9 * scale)
    # The block equations of METHODS §2.3 hold.
    if c.size:
        assert_allclose(fs[c], (np.eye(c.size) - A[np.ix_(c, c)]) @ xs[c]
                        - A[np.ix_(c, o)] @ xs[o], rtol=1e-7, atol=1e-9 * scale)


@given(flows(min_n=2, max_n=7), st.floats(0.5, 2.0), st.data())
def test_proportional_output_shock_equals_final_demand_shock(
    zf: tuple[np.ndarray, np.ndarray], g: float, data: st.DataObject
) -> None:
    """Scaling the outputs of c and the final demand of o by g scales everything by g."""
    Z, f = zf
    x, _, lu = _system(Z, f)
    n = len(x)
    c = np.array(data.draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=n - 1,
                                    unique=True)), dtype=int)
    o = np.setdiff1d(np.arange(n), c)
    xs, fs = mx.mixed_solve(lu, c, g * x[c], g * f[o])
    assert_allclose(xs, g * x, rtol=1e-8)
    assert_allclose(fs, g * f, rtol=1e-7, atol=1e-9 * x.max())
    # ... and an output shock of (g - 1) x_c alone equals the final-demand shock (g - 1) f_c.
    dx, dfc = mx.output_shock(lu, c, (g - 1) * x[c])
    df = np.zeros(n)
    df[c] = dfc
    assert_allclose(dx, le.solve(lu, df), rtol=1e-8, atol=1e-9 * x.max())


def test_mixed_model_batches_cases_and_keeps_inputs() -> None:
    rng = np.random.default_rng(5)
    Z = rng.random((5, 5)) * 30
    f = rng.random(5) * 50 + 1
    x, _, lu = _system(Z, f)
    c, o = np.array([3, 0]), np.array([1, 2, 4])
    xc = np.column_stack([x[c], 2 * x[c]])
    fo = np.column_stack([f[o], 2 * f[o]])
    before = _frozen(c, xc, fo)
    xs, fs = mx.mixed_solve(lu, c, xc, fo)
    assert xs.shape == fs.shape == (5, 2)
    assert_allclose(xs[:, 0], x, rtol=1e-10)
    assert_allclose(xs[:, 1], 2 * x, rtol=1e-10)
    for a, b in zip(before, (c, xc, fo), strict=True):
        assert_allclose(a, b)
    with pytest.raises(ValueError, match="Shapes do not match"):
        mx.mixed_solve(lu, c, x[c], f)
    with pytest.raises(ValueError, match="distinct"):
        mx.mixed_solve(lu, [1, 1], [1.0, 2.0], f[:3])


def test_net_multipliers_are_gross_times_final_demand_share() -> None:
    rng = np.random.default_rng(6)
    Z = rng.random((4, 4)) * 30
    f = rng.random(4) * 50 + 1
    x, A, lu = _system(Z, f)
    gross = _inv(np.eye(4) - A).sum(axis=0)
    assert_allclose(mx.net_output_multipliers(lu, x, f), gross * f / x)


# ---------------------------------------------------------------------------- prices
@given(systems())
def test_zero_cost_change_gives_unit_prices(zf: tuple[np.ndarray, np.ndarray]) -> None:
    """p' = v_c' L = 1' with v_c' = 1' - 1'A (METHODS §1.1); zero change gives zero change."""
    Z, f = zf
    x, A, lu = _system(Z, f)
    v = pr.primary_input_coefficients(A)
    assert_allclose(pr.leontief_prices(lu, v), np.ones(len(x)), rtol=1e-9, atol=1e-9)
    assert np.all(pr.leontief_prices(lu, np.zeros(len(x))) == 0.0)


@given(systems(), st.data())
def test_cost_push_is_linear_and_matches_the_inverse(
    zf: tuple[np.ndarray, np.ndarray], data: st.DataObject
) -> None:
    Z, f = zf
    x, A, lu = _system(Z, f)
    n = len(x)
    dv = np.asarray(data.draw(st.lists(st.floats(-0.1, 0.1), min_size=n, max_size=n)))
    dp = pr.leontief_prices(lu, dv)
    assert_allclose(dp, dv @ _inv(np.eye(n) - A), rtol=1e-8, atol=1e-12)
    both = pr.leontief_prices(lu, np.column_stack([dv, 3 * dv]))
    assert_allclose(both[:, 1], 3 * dp, rtol=1e-10, atol=1e-14)
    # Each price rises at least by its own cost change when costs rise (L >= I).
    up = np.abs(dv)
    assert np.all(pr.leontief_prices(lu, up) >= up - 1e-12)


def test_price_index() -> None:
    p = np.array([1.0, 1.1, 1.3])
    assert pr.price_index(p, np.array([1.0, 1.0, 2.0])) == pytest.approx(1.175)
    assert_allclose(pr.price_index(np.column_stack([p, p]), np.ones(3)), [1.1333333333] * 2)
    with pytest.raises(ValueError, match="non-negative"):
        pr.price_index(p, np.array([1.0, -1.0, 1.0]))
    with pytest.raises(ValueError, match="positive sum"):
        pr.price_index(p, np.zeros(3))


# ---------------------------------------------------------------------------- purity
def test_pure_functions_never_write_into_their_arguments() -> None:
    rng = np.random.default_rng(7)
    Z = rng.random((5, 5)) * 30
    f = rng.random(5) * 50 + 1
    x, A, lu = _system(Z, f)
    B = le.allocation_coefficients(Z, x)
    L = le.leontief_inverse(lu)
    idx = np.arange(5)
    own = np.diag(A).copy()
    args = (x, A, B, L, idx, own)
    before = _frozen(*args)
    gh.ghosh_row_sums(lu, x)
    gh.ghosh_output(lu, x, x - Z.sum(axis=0))
    lk.backward_linkages(lu, x)
    lk.forward_linkages_ghosh(lu, x)
    lk.coefficient_of_variation(L, x, axis=0)
    lk.rasmussen_indices(x, x)
    hem.backward_extraction(lu, x, idx, own_coefficients=own)
    hem.forward_extraction(lu, x, idx, own_coefficients=own)
    hem.total_extraction(lu, x, idx)
    hem.backward_extraction_block(lu, x, idx[:2], within=A[:2, :2])
    mx.mixed_solve(lu, idx[:2], x[:2], f[2:])
    pr.leontief_prices(lu, own)
    pr.primary_input_coefficients(A)
    for a, b in zip(before, args, strict=True):
        assert_allclose(a, b)
