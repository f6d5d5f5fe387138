"""Location quotients: published values, identities (Hypothesis) and bad input."""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose

import creative_econ.leontief as le
from creative_econ.errors import InvalidOptionError
from creative_econ.regional import lq
from creative_econ.regional._errors import InvalidParameterError, RegionalDataError
from tests.regional._strategies import deltas, region_in_nation, regional_problems

REGIONAL = Path(lq.__file__).parent
METHODS = ("slq", "cilq", "flq", "aflq", "sflq")


# ----------------------------------------------------------------------------- purity
def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            found.add("." * node.level + (node.module or ""))
    return found


@pytest.mark.parametrize("module", ["lq.py", "rpc.py", "_errors.py"])
def test_pure_modules_never_import_pandas(module: str) -> None:
    names = _imports(REGIONAL / module)
    assert not any(n.startswith("pandas") for n in names), names
    assert names <= {"__future__", "typing", "numpy", "numpy.typing", "..errors", "._errors"}


# ----------------------------------------------------------------------------- published values
# λ* for typical region sizes: METHODS.md §3.1 table (computed from the formula, 3 d.p.).
LAMBDA_TABLE = {
    0.01: (0.654, 0.529, 0.428, 0.346, 0.280, 0.183),
    0.03: (0.729, 0.623, 0.532, 0.454, 0.388, 0.283),
    0.05: (0.767, 0.672, 0.588, 0.515, 0.451, 0.346),
    0.10: (0.820, 0.743, 0.672, 0.609, 0.551, 0.452),
    0.20: (0.875, 0.818, 0.766, 0.716, 0.670, 0.586),
}
LAMBDA_DELTAS = (0.10, 0.15, 0.20, 0.25, 0.30, 0.40)


@pytest.mark.parametrize("share", sorted(LAMBDA_TABLE))
def test_flegg_lambda_matches_the_table(share: float) -> None:
    got = [float(lq.flegg_lambda(share, 1.0, d)) for d in LAMBDA_DELTAS]
    assert_allclose(got, LAMBDA_TABLE[share], atol=5e-4)


# Torój, A. (2024). (Inter)regional input-output table estimation: from surveys to spatial
# econometrics. Central European Journal of Economic Modelling and Econometrics 16:285-322,
# worked example pp. 291-295: Table 4 (inputs), 5a (SLQ), 5b and 6b (regional coefficients),
# printed to 3 d.p. Values as transcribed in a public repository's validation script; the PDF
# itself was not re-read. Tolerance: half a unit of the last printed digit.
TOROJ_Z = np.array([[40.0, 5, 5], [5, 15, 10], [5, 5, 25]])
TOROJ_X = np.array([100.0, 50, 80])
TOROJ_Q = np.array([[70.0, 20, 10], [30.0, 30, 70]])  # region x sector
TOROJ_SLQ = np.array([[1.610, 0.920, 0.288], [0.531, 1.062, 1.548]])
TOROJ_A = {
    "slq": [[[0.400, 0.100, 0.063], [0.046, 0.276, 0.115], [0.014, 0.029, 0.090]],
            [[0.212, 0.053, 0.033], [0.050, 0.300, 0.125], [0.050, 0.100, 0.313]]],
    "cilq": [[[0.400, 0.100, 0.063], [0.029, 0.276, 0.125], [0.009, 0.031, 0.090]],
             [[0.212, 0.050, 0.021], [0.050, 0.300, 0.086], [0.050, 0.100, 0.313]]],
}


def test_simple_lq_matches_toroj_table_5a() -> None:
    got = np.vstack([lq.simple_lq(q, TOROJ_Q.sum(axis=0)) for q in TOROJ_Q])
    assert_allclose(got, TOROJ_SLQ, atol=6e-4)


@pytest.mark.parametrize("method", ["slq", "cilq"])
def test_regional_coefficients_match_toroj(method: str) -> None:
    A = TOROJ_Z / TOROJ_X
    for r, q in enumerate(TOROJ_Q):
        Q = lq.location_quotients(q, TOROJ_Q.sum(axis=0), method=method)
        assert_allclose(lq.regional_coefficients(A, Q), TOROJ_A[method][r], atol=6e-4)


# ----------------------------------------------------------------------------- identities
@given(region_in_nation(), deltas)
def test_flq_with_delta_zero_is_cilq_and_lambda_at_most_one(sizes, delta) -> None:
    region, nation = sizes
    assert_allclose(lq.flegg_lq(region, nation, delta=0.0), lq.cross_industry_lq(region, nation))
    lam = float(lq.flegg_lambda(region.sum(), nation.sum(), delta))
    assert 0.0 < lam <= 1.0


@given(st.floats(1e-4, 1.0), st.floats(1e-4, 1.0), deltas, deltas)
def test_lambda_falls_with_delta_and_rises_with_region_size(s1, s2, d1, d2) -> None:
    small, large = sorted((s1, s2))
    low, high = sorted((d1, d2))
    for s in (small, large):
        assert lq.flegg_lambda(s, 1.0, high) <= lq.flegg_lambda(s, 1.0, low) + 1e-15
    for d in (low, high):
        assert lq.flegg_lambda(small, 1.0, d) <= lq.flegg_lambda(large, 1.0, d) + 1e-15
    assert float(lq.flegg_lambda(1.0, 1.0, high)) == pytest.approx(1.0)


@given(regional_problems(), deltas, st.sampled_from(METHODS))
def test_regional_coefficients_and_multipliers_never_exceed_national(problem, delta, method):
    A, region, nation = problem
    before = (A.copy(), region.copy(), nation.copy())
    Q = lq.location_quotients(region, nation, method=method, delta=delta)
    R = lq.regional_coefficients(A, Q)
    assert np.all(R <= A + 1e-15)
    assert np.all(R >= 0)
    assert_allclose(R + lq.interregional_import_coefficients(A, R), A, atol=1e-15)
    m_nat = le.output_multipliers(le.factorise(A))
    m_reg = le.output_multipliers(le.factorise(R))
    assert np.all(m_reg <= m_nat + 1e-9)
    for got, want in zip((A, region, nation), before, strict=True):  # nothing written into
        assert np.array_equal(got, want)


@given(region_in_nation(), deltas)
def test_aflq_is_at_least_flq_and_sflq_with_one_delta_is_flq(sizes, delta) -> None:
    region, nation = sizes
    flq = lq.flegg_lq(region, nation, delta=delta)
    assert np.all(lq.augmented_flegg_lq(region, nation, delta=delta) >= flq - 1e-12)
    sflq = lq.sector_flegg_lq(region, nation, delta=np.full(region.size, delta))
    assert_allclose(sflq, flq, rtol=1e-12)


@given(region_in_nation(min_n=2))
def test_two_regions_average_slq_is_one(sizes) -> None:
    region, nation = sizes
    rest = nation - region
    if rest.sum() <= 0:
        return
    w_r, w_s = region.sum() / nation.sum(), rest.sum() / nation.sum()
    avg = w_r * lq.simple_lq(region, nation) + w_s * lq.simple_lq(rest, nation)
    assert_allclose(avg[nation > 0], 1.0, rtol=1e-9)


@given(region_in_nation(min_n=2), st.randoms())
def test_relabelling_sectors_permutes_quotients(sizes, rnd) -> None:
    region, nation = sizes
    p = np.array(rnd.sample(range(region.size), region.size))
    Q = lq.location_quotients(region, nation, method="aflq", delta=0.25)
    Qp = lq.location_quotients(region[p], nation[p], method="aflq", delta=0.25)
    assert_allclose(Qp, Q[np.ix_(p, p)])


def test_the_whole_nation_keeps_national_coefficients() -> None:
    nation = np.array([10.0, 0.0, 5.0, 20.0])
    for method in METHODS:
        Q = lq.location_quotients(nation, nation, method=method, delta=0.3)
        producing = nation > 0
        assert_allclose(np.minimum(Q, 1)[np.ix_(producing, producing)], 1.0)


def test_absent_sectors_get_zero_not_nan() -> None:
    region = np.array([5.0, 0.0, 1.0])
    nation = np.array([10.0, 4.0, 0.0 + 1.0])
    Q = lq.cross_industry_lq(region, nation)
    assert np.all(np.isfinite(Q))
    assert np.all(Q[:, 1] == 0)  # the region has no sector 1: its column is zero
    assert Q[1, 1] == 0
    assert Q[1, 0] == 0


# ----------------------------------------------------------------------------- bad input
@pytest.mark.parametrize("delta", [-0.1, 1.0, 1.5, float("nan"), float("inf")])
def test_delta_outside_unit_interval_is_refused(delta: float) -> None:
    with pytest.raises(InvalidParameterError,
                       match=r"delta=.* is out of range: expected 0 <= delta < 1"):
        lq.flegg_lq([1.0, 2.0], [2.0, 4.0], delta=delta)


def test_sector_deltas_of_wrong_length_are_refused() -> None:
    with pytest.raises(InvalidParameterError, match="one value per sector"):
        lq.sector_flegg_lq([1.0, 2.0], [2.0, 4.0], delta=[0.1, 0.2, 0.3])


def test_region_larger_than_nation_is_refused() -> None:
    with pytest.raises(RegionalDataError, match=r"larger than the nation in sector position 1"):
        lq.simple_lq([1.0, 5.0], [2.0, 4.0])


@pytest.mark.parametrize("bad", [-1.0, float("nan")])
def test_negative_or_missing_sizes_are_refused(bad: float) -> None:
    with pytest.raises(RegionalDataError, match="position 0"):
        lq.simple_lq([bad, 1.0], [2.0, 4.0])


def test_region_without_activity_is_refused() -> None:
    with pytest.raises(RegionalDataError, match="no activity"):
        lq.simple_lq([0.0, 0.0], [2.0, 4.0])


def test_unknown_method_suggests_the_closest() -> None:
    with pytest.raises(InvalidOptionError, match="Did you mean 'flq'"):
        lq.location_quotients([1.0], [2.0], method="flqq")


def test_mismatched_lengths_are_refused() -> None:
    with pytest.raises(RegionalDataError, match="same length"):
        lq.simple_lq([1.0, 2.0], [2.0, 4.0, 1.0])
