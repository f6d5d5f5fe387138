"""RAS and GRAS against published worked examples and an independent solver.

Reference numbers come from tests/reference/data/balancing_expected.json (sources named inside
the file and in PROVENANCE.md) and, where stated, from the cited public texts below. Tolerances
are the printed precision unless a comment says why not.

The independent oracle: RAS and GRAS both minimise
$\\sum_{ij} |x^0_{ij}| (z_{ij}\\ln z_{ij} - z_{ij} + 1)$, $z = x/x^0$, subject to the margins
(for a non-negative prior this is the RAS cross-entropy). Its first-order conditions give
$x_{ij} = x^0_{ij}\\exp(-\\operatorname{sign}(x^0_{ij})(\\lambda_i + \\mu_j))$; solving the
$m + n - 1$ margin equations for $(\\lambda, \\mu)$ with MINPACK's hybrid Newton method
(``scipy.optimize.root``) is a different algorithm from the alternating scaling under test.
"""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from scipy.optimize import root

from creative_econ.leontief.balancing import gras, ras
from tests.conftest import reference_json

REF = reference_json("balancing_expected.json")


def _printed_precision(values: np.ndarray, significant: int) -> np.ndarray:
    """Half a unit in the last printed digit of numbers shown with ``significant`` digits."""
    exponent = np.floor(np.log10(np.abs(values)))
    return 0.5 * 10.0 ** (exponent - significant + 1)


def _kkt_oracle(X0: np.ndarray, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Minimum-information matrix from the first-order conditions (module docstring)."""
    m, n = X0.shape
    sign = np.sign(X0)

    def matrix(theta: np.ndarray) -> np.ndarray:
        lam, mu = theta[:m], np.append(theta[m:], 0.0)  # mu_n = 0 fixes the free constant
        return X0 * np.exp(-sign * (lam[:, None] + mu[None, :]))

    def margins(theta: np.ndarray) -> np.ndarray:
        X = matrix(theta)
        return np.concatenate([X.sum(axis=1) - u, (X.sum(axis=0) - v)[:-1]])

    sol = root(margins, np.zeros(m + n - 1), method="hybr", options={"xtol": 1e-14})
    assert sol.success, sol.message
    return matrix(sol.x)


# --------------------------------------------------------------------------------------------
# RAS
# --------------------------------------------------------------------------------------------


def test_ras_miller_blair_2x2_converged() -> None:
    # Miller & Blair (2009), p. 335 example as transcribed in hybridvut 0.1.4 test/test_core.py
    # (TestDataRAS); converged limit printed to 4 d.p. in balancing_expected.json.
    case = REF["ras_miller_blair_2x2"]
    res = ras(case["U0"], case["row_targets"], case["col_targets"])
    assert res.converged
    assert_allclose(res.X, case["converged_computed_by_us"], atol=5e-5)


def test_ras_miller_blair_2x2_after_five_row_scalings() -> None:
    # hybridvut's test_RAS_U expects this value "after 5 iterations", printed to 4 d.p. Its
    # fifth iteration stops after the row scaling (the printed rows sum exactly to the
    # targets, the columns do not): it is our fourth iterate (4 row + 4 column steps)
    # followed by one more row scaling.
    case = REF["ras_miller_blair_2x2"]
    U0 = np.array(case["U0"])
    u = np.array(case["row_targets"], dtype=float)
    with pytest.warns(match="did not converge in max_iter=4"):
        fourth = ras(U0, u, case["col_targets"], max_iter=4, if_not_converged="warn")
    assert fourth.iterations == 4
    fifth_row_step = fourth.X * (u / fourth.X.sum(axis=1))[:, None]
    assert_allclose(fifth_row_step, case["expected_after_5_iterations_atol_1e-3"], atol=5e-5)


def test_ras_proportional_fitting_4x4() -> None:
    # vankesteren/ProportionalFitting.jl README / docs/src/index.md: documented output, printed
    # with six significant digits (41.18 is Julia's display of 41.1800).
    case = REF["ras_itpropfit"]
    expected = np.array(case["Z_expected"])
    res = ras(case["X"], case["u"], case["v"])
    error = np.abs(res.X - expected)
    assert np.all(error <= _printed_precision(expected, 6)), error


# Miller & Blair (2009) §7.4.2 data as transcribed in the GAMS model library, model IOBALANCE
# (SEQ=378), "Updating and Projecting Coefficients: The RAS Approach", also shipped with the
# gamspy examples: base-year coefficients A0, the target year's gross outputs x1 and flows Z1
# (whose row and column sums are the margins u = (245, 136, 159), v = (251, 107, 182)).
MB742_A0 = np.array([[0.120, 0.100, 0.049], [0.210, 0.247, 0.265], [0.026, 0.249, 0.145]])
MB742_X1 = np.array([421.0, 284.0, 283.0])
MB742_Z1 = np.array([[98.0, 72.0, 75.0], [65.0, 8.0, 63.0], [88.0, 27.0, 44.0]])


def test_ras_miller_blair_section_7_4_2() -> None:
    # Balance the flows A0 x̂1 to the margins of Z1; the updated coefficients are r̂ A0 ŝ.
    prior = MB742_A0 * MB742_X1[None, :]
    u, v = MB742_Z1.sum(axis=1), MB742_Z1.sum(axis=0)
    assert_array_equal(u, [245.0, 136.0, 159.0])
    assert_array_equal(v, [251.0, 107.0, 182.0])
    res = ras(prior, u, v)
    # The book's printed A(RAS) could not be consulted; this compares with the minimum
    # cross-entropy solution computed independently (the GAMS model's "Entropy" check) ...
    assert_allclose(res.X, _kkt_oracle(prior, u, v), rtol=1e-8)
    # ... and with the coefficients recomputed in the methods reference (METHODS §7), 4 d.p.
    A_ras = res.r[:, None] * MB742_A0 * res.s[None, :]
    assert_allclose(A_ras, res.X / MB742_X1[None, :], rtol=1e-12)
    expected = [[0.3924, 0.1219, 0.1596], [0.1509, 0.0661, 0.1897], [0.0529, 0.1887, 0.2938]]
    assert_allclose(A_ras, expected, atol=5e-5)


# --------------------------------------------------------------------------------------------
# GRAS
# --------------------------------------------------------------------------------------------


def test_gras_balanced_prior_comes_back_unchanged() -> None:
    # Lenzen, Wood & Gallego (2007) ESR 19(4) p. 463: a prior that already meets the margins
    # is a fixed point of GRAS.
    case = REF["gras"]["property_test"]
    res = gras(case["X0"], case["u"], case["v"])
    assert res.iterations == 0
    assert_array_equal(res.X, case["expected"])


@pytest.fixture(scope="module")
def mixed_sign_case() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    case = REF["gras"]["GRAS_Temurshoev2013_LenzenEtAl2007_example"]
    return (
        np.array(case["X0"]),
        np.array(case["u"]),
        np.array(case["v"]),
        np.array(case["X_computed_by_us"]),
    )


def test_gras_mixed_sign_regression_value(mixed_sign_case) -> None:
    # A recomputed value, not a published one (see the note in balancing_expected.json);
    # printed to 6 d.p. Its last column has only negative entries, so it exercises the
    # Lenzen, Wood & Gallego (2007) correction s_j = -n_j(r) / v_j.
    X0, u, v, expected = mixed_sign_case
    res = gras(X0, u, v)
    assert_allclose(res.X, expected, atol=5e-7)


def test_gras_mixed_sign_agrees_with_the_independent_oracle(mixed_sign_case) -> None:
    X0, u, v, _ = mixed_sign_case
    assert_allclose(gras(X0, u, v).X, _kkt_oracle(X0, u, v), rtol=1e-8, atol=1e-9)


def test_gras_mixed_sign_properties(mixed_sign_case) -> None:
    X0, u, v, _ = mixed_sign_case
    res = gras(X0, u, v)
    assert_allclose(res.X.sum(axis=1), u, rtol=1e-8)
    assert_allclose(res.X.sum(axis=0), v, rtol=1e-8)
    assert_array_equal(np.sign(res.X), np.sign(X0))  # signs and zeros preserved
    assert res.s[3] == pytest.approx(-(3.0 / res.r[0]) / v[3], rel=1e-10)  # Lenzen correction


def test_gras_temurshoev_example_from_the_r_port() -> None:
    # The example in the header of gras.func, Peter Horvat's (OECD) R adaptation of Umed
    # Temurshoev's MATLAB GRAS code (Temurshoev, Miller & Bouwmeester 2013, ESR 25(3)), with
    # its printed output. That function stops when no column multiplier changes by more than
    # 1e-6 between iterations, so its printed 6-7 digits carry an error of that order times
    # the entries (up to ~12): tolerance 5e-6 instead of the printed 5e-7.
    X0 = np.array([[7.0, 3.0, 5.0, -3.0], [2.0, 9.0, 8.0, 1.0], [-2.0, 0.0, 2.0, 1.0]])
    u, v = np.array([15.0, 26.0, -1.0]), np.array([9.0, 16.0, 17.0, -2.0])
    printed = [
        [8.976439, 3.743161, 5.721729, -3.4413294],
        [2.799334, 12.256841, 9.992313, 0.9515109],
        [-2.775776, 0.000000, 1.285958, 0.4898178],
    ]
    res = gras(X0, u, v)
    assert_allclose(res.X, printed, atol=5e-6)
    assert_allclose(res.X, _kkt_oracle(X0, u, v), rtol=1e-8, atol=1e-9)
