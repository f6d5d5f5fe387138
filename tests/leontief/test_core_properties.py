"""Identities of the pure core, as Hypothesis properties."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from creative_econ import leontief as le
from tests.strategies import flows, productive_matrices


@given(productive_matrices())
def test_leontief_inverse_dominates_identity(A: np.ndarray) -> None:
    lu = le.factorise(A)
    L = le.leontief_inverse(lu)
    n = len(A)
    assert np.all(np.eye(n) - 1e-9 <= L)
    assert_allclose((np.eye(n) - A) @ L, np.eye(n), atol=1e-8)
    assert le.is_productive(lu, A.sum(axis=0))
    assert le.is_productive(lu)
    assert le.spectral_radius(A) < 1


@given(flows())
def test_round_trip_x_equals_L_f(zf: tuple[np.ndarray, np.ndarray]) -> None:
    Z, f = zf
    x = Z.sum(axis=1) + f
    A = le.technical_coefficients(Z, x)
    assert_allclose(le.solve(le.factorise(A), f), x, rtol=1e-8)


@given(productive_matrices(), st.floats(-5, 5), st.floats(-5, 5))
def test_solves_are_linear(A: np.ndarray, a: float, b: float) -> None:
    lu = le.factorise(A)
    n = len(A)
    f1, f2 = np.arange(1.0, n + 1), np.ones(n)
    assert_allclose(le.solve(lu, a * f1 + b * f2), a * le.solve(lu, f1) + b * le.solve(lu, f2),
                    atol=1e-8 * (1 + abs(a) + abs(b)) * n)


@given(productive_matrices())
def test_transposed_solve_gives_column_sums(A: np.ndarray) -> None:
    lu = le.factorise(A)
    assert_allclose(le.output_multipliers(lu), le.leontief_inverse(lu).sum(axis=0), rtol=1e-9)


@given(productive_matrices(max_n=6), st.floats(0.0, 0.3), st.floats(0.0, 0.2))
def test_closed_model_matches_dense_bordered_inverse(A: np.ndarray, scale: float, hh: float
                                                     ) -> None:
    n = len(A)
    colsum = A.sum(axis=0)
    h_r = (1 - colsum) * 0.5  # income below the primary-input share of each column
    h_c = np.full(n, scale / n)
    lu = le.factorise(A)
    cf = le.close_households(lu, h_r, h_c, hh)
    if cf.schur <= 0:
        return
    bordered = np.block([[np.eye(n) - A, -h_c[:, None]], [-h_r[None, :], np.array([[1 - hh]])]])
    dense = np.linalg.inv(bordered)
    assert_allclose(le.closed_inverse(cf), dense, rtol=1e-7, atol=1e-9)
    assert np.all(le.closed_inverse(cf) >= -1e-12)
    K = np.vstack([np.ones(n), h_r])
    eff, _ = le.closed_effects(cf, K, np.array([0.0, 0.0]))
    assert_allclose(eff, K @ dense[:n, :n] + 0.0, rtol=1e-7, atol=1e-9)


@given(flows())
def test_factorise_flows_equals_factorise_of_a(zf: tuple[np.ndarray, np.ndarray]) -> None:
    Z, f = zf
    x = Z.sum(axis=1) + f
    b = np.linspace(1.0, 2.0, len(x))
    via_a = le.factorise(le.technical_coefficients(Z, x))
    direct = le.factorise_flows(Z, x)
    assert_allclose(le.solve(direct, b), le.solve(via_a, b), rtol=1e-10)
    assert_allclose(le.solve_transposed(direct, b), le.solve_transposed(via_a, b), rtol=1e-10)
    F = np.asfortranarray(Z)  # Fortran-ordered input takes the untransposed route
    assert_allclose(le.solve(le.factorise_flows(F, x), b), le.solve(via_a, b), rtol=1e-10)


def test_zero_output_gives_zero_coefficients_not_nan() -> None:
    Z = np.array([[1.0, 0.0], [2.0, 0.0]])
    x = np.array([10.0, 0.0])
    A = le.technical_coefficients(Z, x)
    assert np.all(np.isfinite(A))
    assert np.all(A[:, 1] == 0)
    B = le.allocation_coefficients(Z, x)
    assert np.all(B[1] == 0)
    assert_allclose(le.per_unit_output(np.array([3.0, 0.0]), x), [0.3, 0.0])


def test_inputs_are_not_written() -> None:
    A = np.array([[0.1, 0.2], [0.3, 0.1]])
    before = A.copy()
    lu = le.factorise(A)
    le.effects(lu, np.ones((1, 2)))
    le.close_households(lu, np.array([0.2, 0.2]), np.array([0.3, 0.3]))
    assert_allclose(A, before)


def test_non_productive_detected_by_certificate() -> None:
    A = np.array([[0.6, 0.6], [0.6, 0.6]])  # rho = 1.2
    assert not le.is_productive(le.factorise(A), A.sum(axis=0))
    A = np.array([[0.5, 0.5], [0.5, 0.5]])  # rho = 1, singular
    assert not le.is_productive(le.factorise(A), A.sum(axis=0))
    A = np.array([[0.0, 2.0], [0.1, 0.0]])  # column sum 2 > 1 but rho = sqrt(0.2)
    assert le.is_productive(le.factorise(A), A.sum(axis=0))


def test_spectral_radius_large_uses_arpack() -> None:
    rng = np.random.default_rng(0)
    A = rng.random((400, 400))
    A *= 0.9 / A.sum(axis=0)
    assert abs(le.spectral_radius(A) - 0.9) < 1e-8  # column-stochastic x 0.9
