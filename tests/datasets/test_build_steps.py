"""Pure steps of the hybrid recipe and of the regional employment derivation."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from numpy.testing import assert_allclose

from creative_econ.datasets._kazakhstan_hybrid import employment_by_region_section
from creative_econ.datasets.build._steps import (
    bridge_weights,
    column_targets,
    scaled_import_inputs,
    section_ratios,
)
from creative_econ.errors import BalanceError, ConvergenceError, InvalidTableError
from creative_econ.io.tables import (
    domestic_exports,
    import_proportional_shares,
    split_by_import_shares,
)

positive = st.floats(1.0, 1e6, allow_nan=False)


def test_import_shares_formula_and_reexports():
    x = np.array([100.0, 50.0, 10.0, 30.0])
    m = np.array([20.0, 0.0, 30.0, 5.0])
    e = np.array([40.0, 10.0, 15.0, 0.0])
    mu = import_proportional_shares(x, m, e)
    # product 2 exports 15 > output 10: 5 re-exported, 25 imports for use 10 + 30 - 15 = 25
    assert_allclose(mu, [20 / 80, 0.0, 1.0, 5 / 35])
    assert_allclose(domestic_exports(x, e), [40.0, 10.0, 10.0, 0.0])


def test_import_shares_errors():
    with pytest.raises(InvalidTableError, match="more than output"):
        import_proportional_shares([10.0], [1.0], [20.0])
    # all output and imports exported: nothing left for domestic use, share 0 (not 0/0)
    assert_allclose(import_proportional_shares([10.0], [5.0], [15.0]), [0.0])


@given(hnp.arrays(float, (4, 3), elements=positive),
       hnp.arrays(float, 4, elements=st.floats(0, 1, allow_subnormal=False)))
def test_split_by_import_shares_adds_up(Z, mu):
    before = Z.copy()
    d, m = split_by_import_shares(Z, mu)
    assert_allclose(d + m, Z)
    assert_allclose(m.sum(axis=1), mu * Z.sum(axis=1))
    assert (before == Z).all()


def test_bridge_weights():
    pattern = np.array([[True, False, False], [True, True, False], [False, False, True]])
    q = np.array([[0.0, 5.0, 0.0], [3.0, 1.0, 7.0], [0.0, 0.0, 0.0]])
    W = bridge_weights(q, pattern)
    assert_allclose(W, [[1, 0, 0], [0.75, 0.25, 0], [0, 0, 1]])
    with pytest.raises(InvalidTableError, match="no output"):
        bridge_weights(np.zeros((3, 3)), pattern)
    with pytest.raises(InvalidTableError, match="maps to no section"):
        bridge_weights(q, np.zeros((3, 3), dtype=bool))


def test_section_ratios_are_output_weighted():
    W = np.array([[1.0, 0.0], [0.5, 0.5]])
    rho = section_ratios(W, np.array([10.0, 30.0]), np.array([100.0, 100.0]))
    assert_allclose(rho, [(10 + 15) / (100 + 50), 15 / 50])
    with pytest.raises(InvalidTableError, match="receives no source"):
        section_ratios(np.array([[1.0, 0.0]]), np.array([1.0]), np.array([1.0]))


@given(hnp.arrays(float, 5, elements=st.floats(0.01, 0.5)),
       hnp.arrays(float, 5, elements=positive), st.floats(0.0, 0.2))
def test_scaled_import_inputs_hit_the_level(mu, ic, share):
    assume(share * ic.sum() / (mu @ ic) * mu.max() < 1 - 1e-9)  # feasible levels only
    imports, kappa = scaled_import_inputs(mu, ic, share)
    assert imports.sum() == pytest.approx(share * ic.sum(), rel=1e-9, abs=1e-9)
    assert_allclose(imports, kappa * mu * ic)


def test_scaled_import_inputs_errors():
    with pytest.raises(InvalidTableError, match=r"\[0, 1\)"):
        scaled_import_inputs([0.1], [1.0], 1.0)
    with pytest.raises(InvalidTableError, match=">= 1"):
        scaled_import_inputs([0.9, 0.01], [10.0, 1000.0], 0.5)
    with pytest.raises(InvalidTableError, match="no imported inputs"):
        scaled_import_inputs([0.0, 0.0], [1.0, 1.0], 0.1)


def test_column_targets_close_every_column():
    ic = np.array([50.0, 30.0, 20.0])
    m = np.array([5.0, 3.0, 2.0])
    v, r, lam = column_targets(ic, m, 81.0)
    assert v.sum() == pytest.approx(81.0)
    assert_allclose(v + m + r, ic)
    assert lam == pytest.approx(0.9)
    assert_allclose(r, 0.1 * (ic - m))
    with pytest.raises(BalanceError, match="exceed"):
        column_targets(ic, np.array([60.0, 0, 0]), 10.0)


# ---------------------------------------------------------------- regional employment
def test_employment_by_region_section_matches_both_margins():
    X = np.array([[10.0, 5.0, 0.0, 2.0], [4.0, 15.0, 6.0, 8.0], [1.0, 0.0, 9.0, 3.0]])
    E = np.array([30.0, 12.0, 20.0, 40.0])
    groups = np.array([0, 1, 1, 1])
    B = np.array([[12.0, 20.0], [10.0, 30.0], [8.0, 22.0]])
    before = X.copy()
    out, factors = employment_by_region_section(X, E, B, groups)
    assert_allclose(out.sum(axis=0), E)
    assert_allclose(out[:, 0], B[:, 0])
    assert_allclose(out[:, 1:].sum(axis=1), B[:, 1])
    assert_allclose(factors, 1.0)
    assert (out[X == 0] == 0).all()
    assert (before == X).all()


def test_employment_totals_that_disagree_are_scaled():
    X = np.array([[1.0, 1.0], [1.0, 3.0]])
    out, factors = employment_by_region_section(X, np.array([10.0, 10.0]),
                                                np.array([[4.0], [6.0]]) * 2, np.array([0, 0]))
    assert factors[0] == pytest.approx(1.0)
    out, factors = employment_by_region_section(X, np.array([10.0, 10.0]),
                                                np.array([[4.0], [5.0]]), np.array([0, 0]))
    assert factors[0] == pytest.approx(20 / 9)
    assert_allclose(out.sum(axis=1), np.array([4.0, 5.0]) * 20 / 9)


def test_employment_errors():
    with pytest.raises(InvalidTableError, match="employment but no output"):
        employment_by_region_section(np.zeros((2, 1)), np.array([5.0]), np.ones((2, 1)),
                                     np.array([0]))
    with pytest.raises(ConvergenceError):
        employment_by_region_section(np.array([[0.0], [1.0]]), np.array([5.0]),
                                     np.array([[2.0], [3.0]]), np.array([0]))
    with pytest.raises(InvalidTableError, match="Shapes"):
        employment_by_region_section(np.ones((2, 2)), np.ones(3), np.ones((2, 1)),
                                     np.zeros(3, dtype=int))
