"""Interregional trade (pure NumPy): distances, gravity with IPF, the supply-demand pool."""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from numpy.testing import assert_allclose

from creative_econ.errors import (
    BalanceError,
    ConvergenceError,
    InvalidParameterError,
    RegionalDataError,
)
from creative_econ.leontief import ras
from creative_econ.regional import pool_rpc
from creative_econ.regional import trade as tr
from creative_econ.regional.kazakhstan import kz_centres

# ---------------------------------------------------------------------------- strategies


@st.composite
def trade_problems(draw: st.DrawFn, max_n: int = 4, max_r: int = 5):
    """(supply, demand, distances) with equal totals per product and distinct centres."""
    n = draw(st.integers(1, max_n))
    R = draw(st.integers(1, max_r))
    elems = st.one_of(st.just(0.0), st.floats(0.1, 1000.0))
    O = draw(hnp.arrays(np.float64, (n, R), elements=elems))
    D = draw(hnp.arrays(np.float64, (n, R), elements=elems))
    for i in range(n):  # every product is supplied and demanded somewhere
        if O[i].sum() == 0:
            O[i, draw(st.integers(0, R - 1))] = 1.0
        if D[i].sum() == 0:
            D[i, draw(st.integers(0, R - 1))] = 1.0
    D = D * (O.sum(axis=1) / D.sum(axis=1))[:, None]
    lat = 41.0 + 2.5 * np.arange(R) + draw(hnp.arrays(np.float64, R, elements=st.floats(0, 1)))
    lon = 50.0 + 6.0 * np.arange(R) + draw(hnp.arrays(np.float64, R, elements=st.floats(0, 1)))
    dist = tr.great_circle_distances(lat, lon)
    np.fill_diagonal(dist, tr.internal_distances(dist))
    return O, D, dist


decays = st.floats(0.0, 4.0)


# ---------------------------------------------------------------------------- purity
def test_trade_module_is_pure_numpy():
    tree = ast.parse(Path(tr.__file__).read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.add("." * node.level + (node.module or ""))
    assert not any(n.startswith("pandas") for n in names), names
    assert names <= {"__future__", "dataclasses", "typing", "numpy", "numpy.typing", "..errors",
                     ".rpc"}


# ---------------------------------------------------------------------------- distances
def _cosines(lat: np.ndarray, lon: np.ndarray, radius: float) -> np.ndarray:
    """Great-circle distance by the spherical law of cosines (independent of haversine)."""
    p, q = np.radians(lat), np.radians(lon)
    c = (np.sin(p)[:, None] * np.sin(p)[None, :]
         + np.cos(p)[:, None] * np.cos(p)[None, :] * np.cos(q[:, None] - q[None, :]))
    return radius * np.arccos(np.clip(c, -1.0, 1.0))


def test_great_circle_known_distances():
    d = tr.great_circle_distances([0.0, 90.0, 0.0], [0.0, 0.0, 180.0], radius=1.0)
    assert_allclose(d, [[0, np.pi / 2, np.pi], [np.pi / 2, 0, np.pi / 2],
                        [np.pi, np.pi / 2, 0]], atol=1e-12)


def test_great_circle_matches_the_law_of_cosines_for_kazakhstan():
    c = kz_centres()
    d = tr.great_circle_distances(c["lat"], c["lon"])
    ref = _cosines(c["lat"].to_numpy(), c["lon"].to_numpy(), tr.EARTH_RADIUS_KM)
    off = ~np.eye(len(c), dtype=bool)  # the law of cosines is inaccurate at zero distance
    assert_allclose(d[off], ref[off], rtol=1e-9)
    assert_allclose(d, d.T)
    assert (np.diag(d) == 0).all()
    ala, ast = c.index.get_loc("ALA"), c.index.get_loc("AST")
    assert 900 < d[ala, ast] < 1000  # Almaty-Astana, about 960 km as the crow flies


def test_great_circle_rejects_bad_coordinates():
    with pytest.raises(InvalidParameterError, match=r"lat\[1\]"):
        tr.great_circle_distances([40.0, 95.0], [50.0, 60.0])
    with pytest.raises(InvalidParameterError, match=r"lon\[0\]"):
        tr.great_circle_distances([40.0], [np.nan])


def test_internal_distance_is_half_the_nearest():
    d = np.array([[0.0, 100.0, 300.0], [100.0, 0.0, 250.0], [300.0, 250.0, 0.0]])
    assert_allclose(tr.internal_distances(d), [50.0, 50.0, 125.0])
    assert_allclose(tr.internal_distances(np.zeros((1, 1))), [1.0])


def test_negative_distance_is_an_error():
    d = np.array([[10.0, -5.0], [5.0, 10.0]])
    with pytest.raises(InvalidParameterError, match=r"distances\[0, 1\].*non-negative"):
        tr.check_distances(d)


def test_zero_distance_between_regions_is_an_error_for_a_power_decay():
    d = np.array([[10.0, 0.0], [0.0, 10.0]])
    with pytest.raises(InvalidParameterError, match="positive distance"):
        tr.check_distances(d, form="power")
    tr.check_distances(d, form="exponential")  # fine: exp(0) = 1


def test_non_square_distances():
    with pytest.raises(InvalidParameterError, match="square"):
        tr.check_distances(np.ones((2, 3)))


def test_negative_decay_is_an_error():
    with pytest.raises(InvalidParameterError, match=r"decay\[1\].*>= 0"):
        tr.decay_prior(np.full((2, 2), 5.0), [1.0, -0.5])


def test_unknown_decay_form():
    with pytest.raises(InvalidParameterError, match="form"):
        tr.decay_prior(np.full((2, 2), 5.0), [1.0], form="gaussian")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------- IPF / gravity
@given(trade_problems(), decays)
def test_gravity_flows_meet_both_margins(problem, gamma):
    O, D, dist = problem
    before = (O.copy(), D.copy(), dist.copy())
    res = tr.gravity_flows(O, D, dist, np.full(O.shape[0], gamma))
    total = O.sum(axis=1)[:, None]
    assert (np.abs(res.flows.sum(axis=2) - O) <= 1e-8 * total).all()
    assert (np.abs(res.flows.sum(axis=1) - D) <= 1e-8 * total).all()
    assert (res.flows >= 0).all()
    assert tr.check_margins(res.flows, O, D, rtol=1e-8) <= 1e-8
    for a, b in zip(before, (O, D, dist), strict=True):
        assert_allclose(a, b, rtol=0, atol=0)  # inputs untouched


@given(trade_problems(max_n=3, max_r=4), decays)
def test_gravity_equals_ras_of_each_product(problem, gamma):
    O, D, dist = problem
    res = tr.gravity_flows(O, D, dist, np.full(O.shape[0], gamma))
    prior = tr.decay_prior(dist, np.full(O.shape[0], gamma))
    for i in range(O.shape[0]):
        rows, cols = O[i] > 0, D[i] > 0
        P = (O[i][:, None] * D[i][None, :] * prior[i])[np.ix_(rows, cols)]
        ref = ras(P, O[i][rows], D[i][cols], tol=1e-13, max_iter=100_000).X
        assert_allclose(res.flows[i][np.ix_(rows, cols)], ref, rtol=1e-7, atol=1e-9 * O[i].sum())


@given(trade_problems(max_n=2, max_r=5), st.floats(0.0, 3.0), st.floats(0.01, 1.0))
def test_more_decay_means_shorter_trade(problem, gamma, step):
    O, D, dist = problem
    cost = np.log(dist)  # the power law's cost; mean cost falls as gamma rises
    n = O.shape[0]
    low = tr.gravity_flows(O, D, dist, np.full(n, gamma)).flows
    high = tr.gravity_flows(O, D, dist, np.full(n, gamma + step)).flows
    assert ((high * cost).sum(axis=(1, 2)) <= (low * cost).sum(axis=(1, 2))
            + 1e-7 * O.sum(axis=1) * np.abs(cost).max()).all()


@given(trade_problems())
def test_zero_decay_gives_proportional_trade(problem):
    O, D, dist = problem
    C, _ = tr.gravity_trade_coefficients(O, D, dist, np.zeros(O.shape[0]))
    share = O / O.sum(axis=1, keepdims=True)
    for s in range(O.shape[1]):
        assert_allclose(C[:, :, s], share, atol=1e-9)


@given(trade_problems(), decays)
def test_trade_coefficients_are_shares(problem, gamma):
    O, D, dist = problem
    C, _ = tr.gravity_trade_coefficients(O, D, dist, np.full(O.shape[0], gamma))
    assert_allclose(C.sum(axis=1), 1.0, atol=1e-12)
    assert (C >= 0).all()
    assert (C[O == 0] == 0).all()  # nobody buys from a region that supplies nothing


def test_destination_without_demand_gets_supply_shares():
    O = np.array([[3.0, 1.0, 0.0]])
    D = np.array([[2.0, 2.0, 0.0]])
    d = np.array([[10.0, 100.0, 200.0], [100.0, 10.0, 150.0], [200.0, 150.0, 10.0]])
    C, _ = tr.gravity_trade_coefficients(O, D, d, [1.0])
    assert_allclose(C[0, :, 2], [0.75, 0.25, 0.0])


def test_ipf_totals_that_differ_are_an_error():
    with pytest.raises(BalanceError, match="Product 0.*supplies sum to 4"):
        tr.ipf(np.ones((1, 2, 2)), [[1.0, 3.0]], [[2.0, 3.0]])


def test_ipf_infeasible_prior():
    prior = np.array([[[1.0, 0.0], [1.0, 0.0]]])  # nothing can reach destination 1
    with pytest.raises(BalanceError, match="column 1"):
        tr.ipf(prior, [[1.0, 1.0]], [[1.0, 1.0]])


def test_exponential_decay_that_underflows_is_reported():
    d = np.array([[10.0, 2000.0], [2000.0, 10.0]])
    O, D = np.array([[1.0, 0.0]]), np.array([[0.0, 1.0]])
    with pytest.raises(BalanceError, match="smaller decay"):
        tr.gravity_flows(O, D, d, [1.0], form="exponential")


def test_ipf_not_converging():
    rng = np.random.default_rng(0)
    prior = rng.uniform(0.01, 1.0, (1, 4, 4))
    with pytest.raises(ConvergenceError, match="within 1 iterations"):
        tr.ipf(prior, [[1.0, 2.0, 3.0, 4.0]], [[4.0, 3.0, 2.0, 1.0]], max_iter=1)


def test_negative_supply_is_an_error():
    with pytest.raises(RegionalDataError, match="negative"):
        tr.gravity_flows([[1.0, -1.0]], [[0.0, 0.0]], np.full((2, 2), 5.0), [1.0])


def test_missing_margins_are_reported():
    flows = np.array([[[1.0, 0.0], [0.0, 1.0]]])
    with pytest.raises(BalanceError, match="supply .row. margin of product 0 in region 0"):
        tr.check_margins(flows, [[2.0, 1.0]], [[2.0, 1.0]])


# ---------------------------------------------------------------------------- pool
@given(trade_problems())
def test_pool_meets_margins_without_cross_hauling(problem):
    O, D, _ = problem
    C = tr.pool_trade_coefficients(O, D)
    flows = C * D[:, None, :]
    tr.check_margins(flows, O, D, rtol=1e-9)
    assert_allclose(C.sum(axis=1), 1.0, atol=1e-12)
    R = O.shape[1]
    off = ~np.eye(R, dtype=bool)
    both = (flows[:, off] > 1e-12) & (np.swapaxes(flows, 1, 2)[:, off] > 1e-12)
    assert not both.any()  # no pair of regions ships the same product both ways


@given(trade_problems())
def test_pool_diagonal_is_the_single_region_pool_rpc(problem):
    O, D, _ = problem
    C = tr.pool_trade_coefficients(O, D)
    R = O.shape[1]
    for r in range(R):
        assert_allclose(C[:, r, r], pool_rpc(O[:, r], D[:, r]), atol=1e-15)


def test_pool_totals_that_differ_are_an_error():
    with pytest.raises(BalanceError):
        tr.pool_trade_coefficients([[1.0, 1.0]], [[3.0, 3.0]])
