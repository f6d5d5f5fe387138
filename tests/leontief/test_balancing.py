"""RAS and GRAS: identities as properties, degenerate cases, and one test per bad input.

Published reference values are in tests/reference/test_balancing_reference.py.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from creative_econ import balancing as lb
from creative_econ.errors import (
    ConvergenceError,
    CreativeEconWarning,
    InvalidOptionError,
    InvalidParameterError,
    InvalidTableError,
    LabelMismatchError,
)
from creative_econ.leontief.balancing import BalancingResult, gras, ras
from tests.balancing_strategies import balanced_priors, balancing_problems

# Property tests allow many iterations: a small entry that links large ones makes convergence
# slow (see tests/balancing_strategies.py), and the properties are about the limit.
MAX_ITER = 100_000


def _ras(X0, u, v, **kw):
    return ras(X0, u, v, max_iter=MAX_ITER, **kw)


def _gras(X0, u, v, **kw):
    return gras(X0, u, v, max_iter=MAX_ITER, **kw)


METHODS = {"ras": _ras, "gras": _gras}


def _assert_margins(X: np.ndarray, u: np.ndarray, v: np.ndarray, tol: float = 1e-8) -> None:
    """Margins met to ``tol`` relative to max(|target|, gross flows) (the library's criterion)."""
    for sums, gross, target in (
        (X.sum(axis=1), np.abs(X).sum(axis=1), u),
        (X.sum(axis=0), np.abs(X).sum(axis=0), v),
    ):
        scale = np.maximum(np.abs(target), gross)
        assert np.all(np.abs(sums - target) <= tol * scale + 1e-300)


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------


@given(balancing_problems(mixed=False))
def test_ras_meets_margins_and_keeps_zeros(problem) -> None:
    X0, u, v = problem
    res = _ras(X0, u, v)
    assert res.converged
    _assert_margins(res.X, u, v)
    # without negative entries the residual is relative to the target itself
    assert np.all(np.abs(res.X.sum(axis=1) - u) <= 1e-8 * np.abs(u) + 1e-300)
    assert np.all(np.abs(res.X.sum(axis=0) - v) <= 1e-8 * np.abs(v) + 1e-300)
    assert_array_equal(np.sign(res.X), np.sign(X0))


@given(balancing_problems(mixed=True))
def test_gras_meets_margins_and_keeps_signs_and_zeros(problem) -> None:
    X0, u, v = problem
    res = _gras(X0, u, v)
    assert res.converged
    _assert_margins(res.X, u, v)
    assert_array_equal(np.sign(res.X), np.sign(X0))  # every sign kept, every zero kept


def _assert_zero_lines(X: np.ndarray, X0: np.ndarray, u: np.ndarray, v: np.ndarray) -> None:
    _assert_margins(X, u, v)
    assert np.all((np.sign(X) == np.sign(X0)) | (X == 0.0))  # no sign ever flips
    assert np.all(X[X0 == 0.0] == 0.0)
    one_sign_rows = ~((X0 > 0).any(axis=1) & (X0 < 0).any(axis=1))
    one_sign_cols = ~((X0 > 0).any(axis=0) & (X0 < 0).any(axis=0))
    assert np.all(X[(u == 0) & one_sign_rows] == 0.0)
    assert np.all(X[:, (v == 0) & one_sign_cols] == 0.0)


@given(balancing_problems(mixed=False, zero_lines=True))
def test_ras_zero_targets_zero_their_lines_and_nothing_else(problem) -> None:
    X0, u, v = problem
    _assert_zero_lines(_ras(X0, u, v).X, X0, u, v)


@given(balancing_problems(mixed=True, zero_lines=True))
def test_gras_zero_targets_zero_their_lines_and_nothing_else(problem) -> None:
    X0, u, v = problem
    _assert_zero_lines(_gras(X0, u, v).X, X0, u, v)


@given(balancing_problems(mixed=True))
def test_gras_multipliers_reproduce_the_matrix(problem) -> None:
    X0, u, v = problem
    res = _gras(X0, u, v)
    r, s = res.r[:, None], res.s[None, :]
    P, N = np.maximum(X0, 0), np.maximum(-X0, 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        rebuilt = np.where(P > 0, r * P * s, 0.0) - np.where(N > 0, N / (r * s), 0.0)
    assert_allclose(rebuilt, res.X, rtol=1e-12, atol=1e-12 * np.abs(res.X).max(initial=1.0))


@given(balancing_problems(mixed=False))
def test_gras_equals_ras_on_nonnegative_priors(problem) -> None:
    X0, u, v = problem
    assert_allclose(_gras(X0, u, v).X, _ras(X0, u, v).X, rtol=1e-9, atol=1e-12)


@given(balancing_problems(mixed=False), st.floats(1e-3, 1e3))
def test_ras_result_does_not_depend_on_the_scale_of_the_prior(problem, c) -> None:
    X0, u, v = problem
    assert_allclose(_ras(c * X0, u, v).X, _ras(X0, u, v).X, rtol=1e-8, atol=1e-10)


@given(balancing_problems(mixed=True), st.floats(1e-3, 1e3))
@pytest.mark.parametrize("method", ["ras", "gras"])
def test_scaling_prior_and_targets_scales_the_result(method, problem, c) -> None:
    X0, u, v = problem
    if method == "ras":
        X0 = np.abs(X0)
        u, v = np.abs(X0).sum(axis=1), np.abs(X0).sum(axis=0)
    balance = METHODS[method]
    assert_allclose(balance(c * X0, c * u, c * v).X, c * balance(X0, u, v).X, rtol=1e-8,
                    atol=1e-10 * c)  # fmt: skip


@given(balancing_problems(mixed=True), st.randoms(use_true_random=False))
def test_permuting_rows_and_columns_permutes_the_result(problem, rnd) -> None:
    X0, u, v = problem
    pi = np.array(rnd.sample(range(X0.shape[0]), X0.shape[0]))
    sigma = np.array(rnd.sample(range(X0.shape[1]), X0.shape[1]))
    X = _gras(X0, u, v).X
    Xp = _gras(X0[np.ix_(pi, sigma)], u[pi], v[sigma]).X
    assert_allclose(Xp, X[np.ix_(pi, sigma)], rtol=1e-8, atol=1e-10)


@given(balanced_priors(mixed=True))
@pytest.mark.parametrize("method", ["ras", "gras"])
def test_balanced_prior_comes_back_unchanged(method, problem) -> None:
    X0, u, v = problem
    if method == "ras":
        X0 = np.abs(X0)
        u, v = X0.sum(axis=1), X0.sum(axis=0)
    res = METHODS[method](X0, u, v)
    assert res.iterations == 0
    assert res.converged
    assert_array_equal(res.X, X0)
    assert_array_equal(res.r, 1.0)
    assert_array_equal(res.s, 1.0)


@given(balancing_problems(mixed=True))
@pytest.mark.parametrize("method", ["ras", "gras"])
def test_inputs_are_never_modified(method, problem) -> None:
    X0, u, v = problem
    if method == "ras":
        X0 = np.abs(X0)
        u, v = X0.sum(axis=1) * 1.5, X0.sum(axis=0) * 1.5
    copies = [a.copy() for a in (X0, u, v)]
    res = METHODS[method](X0, u, v)
    for before, after in zip(copies, (X0, u, v), strict=True):
        assert_array_equal(before, after)
    assert not np.shares_memory(res.X, X0)


@given(balancing_problems(mixed=True))
def test_report_of_the_iterations(problem) -> None:
    X0, u, v = problem
    res = _gras(X0, u, v, tol=1e-9)
    assert isinstance(res, BalancingResult)
    assert res.method == "GRAS"
    assert res.residuals.shape == (res.iterations + 1,)
    assert res.residual == res.residuals[-1] <= 1e-9
    assert np.all(np.isfinite(res.residuals))
    assert res.residuals[:-1].min(initial=np.inf) > 1e-9  # it stopped at the first success


def test_result_arrays_are_read_only() -> None:
    res = ras(np.array([[1.0, 2.0], [3.0, 4.0]]), [4.0, 6.0], [5.0, 5.0])
    with pytest.raises(ValueError, match="read-only"):
        res.X[0, 0] = 0.0


def test_default_meets_margins_to_1e_10_on_a_well_posed_problem() -> None:
    rng = np.random.default_rng(7)
    X0 = rng.uniform(0.0, 10.0, size=(40, 30)) * (rng.uniform(size=(40, 30)) > 0.3)
    truth = X0 * rng.lognormal(0.0, 0.3, size=X0.shape)
    u, v = truth.sum(axis=1), truth.sum(axis=0)
    res = ras(X0, u, v)
    assert_allclose(res.X.sum(axis=1), u, rtol=1e-10)
    assert_allclose(res.X.sum(axis=0), v, rtol=1e-10)


# --------------------------------------------------------------------------------------------
# Degenerate but well-posed cases
# --------------------------------------------------------------------------------------------


def test_all_zero_row_and_column_with_zero_target_are_fine() -> None:
    X0 = np.array([[1.0, 0.0, 2.0], [0.0, 0.0, 0.0], [3.0, 0.0, 4.0]])
    res = ras(X0, [4.0, 0.0, 8.0], [5.0, 0.0, 7.0])
    assert_array_equal(res.X[1], 0.0)
    assert_array_equal(res.X[:, 1], 0.0)
    assert res.r[1] == 1.0
    assert res.s[1] == 1.0
    _assert_margins(res.X, np.array([4.0, 0.0, 8.0]), np.array([5.0, 0.0, 7.0]))


def test_ras_zero_target_sets_the_row_to_zero() -> None:
    X0 = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    res = ras(X0, [3.0, 0.0, 11.0], [6.0, 8.0])
    assert_array_equal(res.X[1], 0.0)
    assert res.r[1] == 0.0
    _assert_margins(res.X, np.array([3.0, 0.0, 11.0]), np.array([6.0, 8.0]))


def test_gras_column_without_positive_entries_uses_the_lenzen_correction() -> None:
    # Column 1 has only negative entries: s_1 = -n_1(r) / v_1 (Lenzen, Wood & Gallego 2007).
    X0 = np.array([[4.0, -2.0], [3.0, -1.0]])
    u, v = np.array([1.0, 3.0]), np.array([6.0, -2.0])
    res = gras(X0, u, v)
    _assert_margins(res.X, u, v)
    n1 = (np.array([2.0, 1.0]) / res.r).sum()
    assert res.s[1] == pytest.approx(-n1 / v[1], rel=1e-9)


def test_gras_negative_only_row_with_zero_target_is_zeroed() -> None:
    X0 = np.array([[4.0, 2.0], [-1.0, -3.0], [1.0, 5.0]])
    u, v = np.array([6.0, 0.0, 6.0]), np.array([5.0, 7.0])
    res = gras(X0, u, v)
    assert_array_equal(res.X[1], 0.0)
    assert res.r[1] == np.inf
    _assert_margins(res.X, u, v)


def test_gras_mixed_row_with_zero_target_keeps_its_entries() -> None:
    X0 = np.array([[3.0, -1.0], [2.0, 2.0]])
    u, v = np.array([0.0, 5.0]), np.array([6.0, -1.0])
    res = gras(X0, u, v)
    assert_array_equal(np.sign(res.X), np.sign(X0))
    _assert_margins(res.X, u, v)


def test_zero_targets_that_force_each_other_to_zero() -> None:
    # Column 0 (positive only, target 0) must vanish; that leaves row 0 (target 0) with a
    # negative entry only, so row 0 must vanish too, and column 1 keeps its positive entry.
    X0 = np.array([[2.0, -1.0, 0.0], [1.0, 0.0, 3.0], [0.0, 2.0, 1.0]])
    u, v = np.array([0.0, 3.0, 4.0]), np.array([0.0, 2.0, 5.0])
    res = gras(X0, u, v)
    assert_array_equal(res.X[0], 0.0)
    assert_array_equal(res.X[:, 0], 0.0)
    assert res.r[0] == np.inf
    assert res.s[0] == 0.0
    assert_allclose(res.X, [[0, 0, 0], [0, 0, 3], [0, 2, 2]], atol=1e-9)


def test_if_not_converged_warn_returns_the_last_iterate() -> None:
    X0 = np.array([[5.0, 0.5], [4.0, 3.0]])
    with pytest.warns(CreativeEconWarning, match="did not converge in max_iter=3"):
        res = ras(X0, [10.0, 2.0], [7.0, 5.0], max_iter=3, if_not_converged="warn")
    assert not res.converged
    assert res.iterations == 3
    assert res.residual > res.tol


# --------------------------------------------------------------------------------------------
# Bad input: one test per case
# --------------------------------------------------------------------------------------------


def test_ras_rejects_a_negative_prior_entry() -> None:
    with pytest.raises(InvalidTableError, match=r"\(row 1, column 0\) = -2.*gras\(\)"):
        ras(np.array([[1.0, 2.0], [-2.0, 3.0]]), [3.0, 1.0], [-1.0, 5.0])


def test_inconsistent_margin_totals() -> None:
    msg = r"row targets sum to 10 and the column targets to 11 \(gap -1\)"
    with pytest.raises(ConvergenceError, match=msg):
        ras(np.ones((2, 2)), [4.0, 6.0], [5.0, 6.0])


def test_no_convergence_within_max_iter_names_the_worst_margin() -> None:
    # Connected pattern with equal totals, but x_21 = 3 > v_1 = 2: no such matrix exists.
    X0 = np.array([[1.0, 1.0], [1.0, 0.0]])
    msg = (
        r"RAS did not converge in max_iter=200 iterations: the largest relative margin "
        r"residual is 0.5 \(tol=1e-10\), at row 0 \(sum 2 against target 1\)\. The residual "
        r"has stopped falling"
    )
    with pytest.raises(ConvergenceError, match=msg):
        ras(X0, [1.0, 3.0], [2.0, 2.0], max_iter=200)


def test_slow_convergence_says_how_many_more_iterations() -> None:
    # A small entry (1) is the only link between large ones (73): linear but slow.
    X0 = np.array([[73.0, 0.0, 73.0], [0.0, 73.0, 1.0]])
    u = np.array([271.4346, 201.1529])
    v = np.array([198.4346, 198.4346, 75.7183])
    with pytest.raises(ConvergenceError, match=r"still falling .* about \d+ more iterations"):
        ras(X0, u, v, max_iter=50)
    assert ras(X0, u, v).converged  # the default max_iter is enough


def test_all_zero_row_with_nonzero_target() -> None:
    X0 = np.array([[1.0, 2.0], [0.0, 0.0]])
    with pytest.raises(ConvergenceError, match=r"row 1 \(target 2: its prior entries are all zero"):
        ras(X0, [3.0, 2.0], [2.0, 3.0])


def test_all_zero_column_with_nonzero_target() -> None:
    X0 = np.array([[1.0, 0.0], [2.0, 0.0]])
    with pytest.raises(ConvergenceError, match=r"column 1 \(target 1: its prior entries are all"):
        gras(X0, [1.0, 2.0], [2.0, 1.0])


def test_ras_negative_target() -> None:
    with pytest.raises(ConvergenceError, match=r"negative, the first at row 1 = -1.*gras\(\)"):
        ras(np.ones((2, 2)), [3.0, -1.0], [1.0, 1.0])


def test_gras_positive_target_for_a_row_without_positive_entries() -> None:
    X0 = np.array([[3.0, 1.0], [-1.0, -2.0]])
    with pytest.raises(ConvergenceError, match=r"row 1 \(target 1: it has no positive prior"):
        gras(X0, [4.0, 1.0], [2.0, 3.0])


def test_gras_negative_target_for_a_column_without_negative_entries() -> None:
    X0 = np.array([[3.0, 1.0], [1.0, -2.0]])
    with pytest.raises(ConvergenceError, match=r"column 0 \(target -1: it has no negative"):
        gras(X0, [1.0, 1.0], [-1.0, 3.0])


def test_entries_only_where_the_other_margin_is_zero() -> None:
    # Row 0 can only reach column 1, whose target of zero forces it to zero.
    X0 = np.array([[0.0, 2.0], [1.0, 1.0]])
    msg = r"row 0 \(target 1: its positive entries lie only in columns that a zero target forces"
    with pytest.raises(ConvergenceError, match=msg):
        ras(X0, [1.0, 2.0], [3.0, 0.0])


def test_independent_blocks_with_different_totals() -> None:
    X0 = np.array([[1.0, 0.0], [0.0, 1.0]])
    msg = r"2 independent blocks.*row 0 with column 0 has row targets summing to 2 and column"
    with pytest.raises(ConvergenceError, match=msg):
        ras(X0, [2.0, 2.0], [1.0, 3.0])


def test_nan_in_the_prior() -> None:
    with pytest.raises(InvalidTableError, match=r"not finite, the first at \(row 0, column 1\)"):
        ras(np.array([[1.0, np.nan], [1.0, 1.0]]), [2.0, 2.0], [2.0, 2.0])


def test_infinite_target() -> None:
    with pytest.raises(InvalidTableError, match=r"col_targets has 1 value\(s\) that are not"):
        gras(np.ones((2, 2)), [2.0, 2.0], [np.inf, 2.0])


def test_row_targets_of_the_wrong_length() -> None:
    with pytest.raises(InvalidTableError, match="row_targets has 3 entries but the prior has 2"):
        ras(np.ones((2, 2)), [1.0, 1.0, 2.0], [2.0, 2.0])


def test_col_targets_of_the_wrong_length() -> None:
    with pytest.raises(InvalidTableError, match="col_targets has 1 entries but the prior has 2"):
        gras(np.ones((2, 2)), [2.0, 2.0], [4.0])


def test_prior_that_is_not_a_matrix() -> None:
    with pytest.raises(InvalidTableError, match=r"must be a matrix \(2-D\)"):
        ras(np.ones(3), [1.0], [1.0, 1.0, 1.0])


def test_empty_prior() -> None:
    with pytest.raises(InvalidTableError, match="empty"):
        ras(np.ones((0, 2)), [], [0.0, 0.0])


def test_non_numeric_prior() -> None:
    with pytest.raises(InvalidTableError, match="must be numeric"):
        gras([["a", "b"]], [1.0], [0.5, 0.5])


@pytest.mark.parametrize("tol", [0.0, -1e-8, 1.0, float("nan"), "1e-8", True])
def test_invalid_tolerance(tol) -> None:
    with pytest.raises(InvalidParameterError, match="tol=.*out of range"):
        ras(np.ones((2, 2)), [2.0, 2.0], [2.0, 2.0], tol=tol)


@pytest.mark.parametrize("max_iter", [0, -5, 2.5, True])
def test_invalid_max_iter(max_iter) -> None:
    with pytest.raises(InvalidParameterError, match="max_iter=.*out of range"):
        gras(np.ones((2, 2)), [2.0, 2.0], [2.0, 2.0], max_iter=max_iter)


def test_invalid_if_not_converged() -> None:
    with pytest.raises(InvalidOptionError, match="Did you mean 'warn'"):
        ras(np.ones((2, 2)), [2.0, 2.0], [2.0, 2.0], if_not_converged="warning")


def test_labels_name_rows_and_columns_in_messages() -> None:
    with pytest.raises(ConvergenceError, match=r"row 'music' \(target 2"):
        ras(np.array([[1.0, 2.0], [0.0, 0.0]]), [3.0, 2.0], [2.0, 3.0],
            row_labels=["film", "music"], col_labels=["film", "music"])  # fmt: skip


# --------------------------------------------------------------------------------------------
# Labelled layer: creative_econ.balancing
# --------------------------------------------------------------------------------------------

SECTORS = ["film", "music", "games"]


@pytest.fixture
def prior() -> pd.DataFrame:
    return pd.DataFrame(
        [[7.0, 3.0, 5.0, -3.0], [2.0, 9.0, 8.0, 0.0], [-2.0, 0.0, 2.0, 0.0]],
        index=pd.Index(SECTORS, name="seller"),
        columns=pd.Index([*SECTORS, "inventories"], name="buyer"),
    )


@pytest.fixture
def targets() -> tuple[pd.Series, pd.Series]:
    u = pd.Series({"games": -1.0, "film": 15.0, "music": 26.0})  # deliberately out of order
    v = pd.Series({"inventories": -2.0, "film": 9.0, "music": 16.0, "games": 17.0})
    return u, v


def test_labelled_gras_aligns_targets_by_label(prior, targets) -> None:
    u, v = targets
    res = lb.gras(prior, u, v)
    pure = gras(prior.to_numpy(), u[prior.index].to_numpy(), v[prior.columns].to_numpy())
    assert_allclose(res.frame.to_numpy(), pure.X, rtol=1e-14)
    assert res.frame.index.equals(prior.index)
    assert res.frame.columns.equals(prior.columns)
    assert res.row_multipliers.index.equals(prior.index)
    assert res.col_multipliers.index.equals(prior.columns)
    assert res.residuals.index.name == "iteration"
    assert len(res.residuals) == res.iterations + 1
    assert res.converged
    assert "GRAS converged" in res.summary()


def test_labelled_margins_report(prior, targets) -> None:
    u, v = targets
    margins = lb.gras(prior, u, v).margins()
    assert list(margins.columns) == [
        "axis", "label", "target", "achieved", "deviation", "relative_residual"
    ]  # fmt: skip
    assert len(margins) == 3 + 4
    assert margins["relative_residual"].max() <= 1e-10
    film = margins[(margins["axis"] == "row") & (margins["label"] == "film")].iloc[0]
    assert film["target"] == 15.0
    assert film["achieved"] == pytest.approx(15.0, rel=1e-10)


def test_labelled_inputs_are_not_modified(prior, targets) -> None:
    u, v = targets
    before = (prior.copy(), u.copy(), v.copy())
    res = lb.gras(prior, u, v)
    pd.testing.assert_frame_equal(prior, before[0])
    pd.testing.assert_series_equal(u, before[1])
    pd.testing.assert_series_equal(v, before[2])
    res.frame.iloc[0, 0] = 123.0  # the result is the caller's to change ...
    pd.testing.assert_frame_equal(prior, before[0])  # ... without touching the prior


def test_labelled_ras_accepts_mappings() -> None:
    prior = pd.DataFrame([[5.0, 0.5], [4.0, 3.0]], index=["a", "b"], columns=["a", "b"])
    res = lb.ras(prior, {"a": 10.0, "b": 2.0}, {"b": 5.0, "a": 7.0})
    assert_allclose(res.frame.sum(axis=1), [10.0, 2.0], rtol=1e-10)
    assert res.method == "RAS"


def test_missing_targets_prior_keeps_the_prior_sums() -> None:
    # Split a sector, then rebalance: only the split rows/columns get new targets.
    prior = pd.DataFrame(
        [[10.0, 4.0, 6.0], [3.0, 1.0, 2.0], [5.0, 2.0, 8.0]],
        index=["other", "creative", "rest"], columns=["other", "creative", "rest"],
    )  # fmt: skip
    res = lb.ras(prior, {"creative": 8.0, "rest": 13.0}, {"creative": 5.0, "rest": 18.0},
                 missing_targets="prior")  # fmt: skip
    assert res.row_targets["other"] == 20.0
    assert res.col_targets["other"] == 18.0
    assert_allclose(res.frame.sum(axis=1), [20.0, 8.0, 13.0], rtol=1e-10)
    assert_allclose(res.frame.sum(axis=0), [18.0, 5.0, 18.0], rtol=1e-10)


def test_labelled_missing_label(prior, targets) -> None:
    u, v = targets
    msg = re.escape("row_targets does not match the prior's row labels: missing ['games']")
    with pytest.raises(LabelMismatchError, match=msg + ".*missing_targets='prior'"):
        lb.gras(prior, u.drop("games"), v)


def test_labelled_unexpected_label(prior, targets) -> None:
    u, v = targets
    v = pd.concat([v, pd.Series({"exports": 1.0})])
    msg = re.escape("col_targets does not match the prior's column labels: unexpected ['exports']")
    with pytest.raises(LabelMismatchError, match=msg):
        lb.gras(prior, u, v, missing_targets="prior")


def test_labelled_duplicate_target_labels(prior, targets) -> None:
    u, v = targets
    u = pd.Series([15.0, 26.0, -1.0, 1.0], index=["film", "music", "games", "film"])
    with pytest.raises(LabelMismatchError, match=r"row_targets has duplicate labels: \['film'\]"):
        lb.gras(prior, u, v)


def test_labelled_duplicate_prior_labels(targets) -> None:
    u, v = targets
    prior = pd.DataFrame(np.ones((3, 4)), index=["film", "film", "games"], columns=v.index)
    with pytest.raises(LabelMismatchError, match="The prior's index has duplicate labels"):
        lb.ras(prior, u, v)


def test_labelled_prior_must_be_a_frame(targets) -> None:
    u, v = targets
    with pytest.raises(InvalidTableError, match="must be a pandas DataFrame; got ndarray"):
        lb.ras(np.ones((3, 4)), u, v)


def test_labelled_targets_must_be_labelled(prior, targets) -> None:
    _, v = targets
    with pytest.raises(InvalidTableError, match="row_targets must be a pandas Series"):
        lb.gras(prior, np.array([15.0, 26.0, -1.0]), v)


def test_labelled_non_numeric_prior(targets) -> None:
    u, v = targets
    prior = pd.DataFrame([["x"] * 4] * 3, index=u.index, columns=v.index)
    with pytest.raises(InvalidTableError, match="The prior contains non-numeric values"):
        lb.gras(prior, u, v)


def test_labelled_nan_is_named_by_label(prior, targets) -> None:
    u, v = targets
    bad = prior.copy()
    bad.loc["music", "games"] = np.nan
    with pytest.raises(InvalidTableError, match=r"\(row 'music', column 'games'\) = nan"):
        lb.gras(bad, u, v)


def test_labelled_negative_prior_to_ras_names_the_cell(prior, targets) -> None:
    u, v = targets
    with pytest.raises(InvalidTableError, match=r"\(row 'film', column 'inventories'\) = -3"):
        lb.ras(prior, u, v)


def test_labelled_invalid_missing_targets_option(prior, targets) -> None:
    u, v = targets
    with pytest.raises(InvalidOptionError, match="missing_targets='zero'"):
        lb.gras(prior, u, v, missing_targets="zero")


def test_labelled_warning_points_at_the_caller(prior, targets) -> None:
    u, v = targets
    with pytest.warns(CreativeEconWarning, match="GRAS did not converge") as record:
        res = lb.gras(prior, u, v, max_iter=2, if_not_converged="warn")
    assert record[0].filename == __file__
    assert not res.converged
    assert "did NOT converge" in res.summary()


# --------------------------------------------------------------------------------------------
# A real table: the bundled ONS UK 2010 domestic use block, negative inventories included
# --------------------------------------------------------------------------------------------


def test_gras_on_the_uk_2010_use_block(uk_2010) -> None:
    # Z and final demand of the ONS IOAT 2010 (127 products x 136 uses, 23 negative entries
    # in inventories and valuables), balanced to the margins of a perturbed copy.
    block = pd.concat([uk_2010.Z, uk_2010.final_demand], axis=1)
    assert (block < 0).to_numpy().sum() > 0
    rng = np.random.default_rng(2010)
    truth = block * rng.lognormal(0.0, 0.1, size=block.shape)
    res = lb.gras(block, truth.sum(axis=1), truth.sum(axis=0))
    assert res.converged
    X = res.frame.to_numpy()
    _assert_margins(X, truth.sum(axis=1).to_numpy(), truth.sum(axis=0).to_numpy(), tol=1e-10)
    assert_array_equal(np.sign(X), np.sign(block.to_numpy()))
    unchanged = lb.gras(block, block.sum(axis=1), block.sum(axis=0))
    assert unchanged.iterations == 0
    pd.testing.assert_frame_equal(unchanged.frame, block)
