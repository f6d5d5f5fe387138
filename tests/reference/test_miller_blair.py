"""Miller & Blair (2009), *Input-Output Analysis*, 2nd ed., ch. 2 (Table 2.3 example) and the
household-closed example of §2.5 / ch. 6 (h_r = (.30, .25), h_c = (.05, .40), h_hh = .05).

The closed-model numbers are those recomputed and checked in the methods reference (METHODS
§1.4, status [V]); the book prints them to four decimals.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose

import creative_econ as ce
from creative_econ import leontief as le
from tests.conftest import reference_json

MB = reference_json("miller_blair_2009_expected.json")
SECTORS = pd.Index(["s1", "s2"], name="sector")


@pytest.fixture(scope="module")
def mb_table() -> ce.IOTable:
    Z = pd.DataFrame(MB["Z"], index=SECTORS, columns=SECTORS, dtype=float)
    x = np.array(MB["x"], dtype=float)
    f = pd.Series(MB["f"], index=SECTORS, dtype=float)
    # Household closure of the book's example: income row h_r = (.30, .25), i.e. income
    # h_r * x; consumption column h_c = (.05, .40) per unit of household income Y.
    Y = 1000.0
    households = ce.Households(
        consumption=pd.Series([0.05 * Y, 0.40 * Y], index=SECTORS),
        income=pd.Series([0.30 * x[0], 0.25 * x[1]], index=SECTORS),
        total_income=Y,
        own_use=0.05,
    )
    return ce.IOTable.from_frames(
        Z=Z, final_demand=f, output=pd.Series(x, index=SECTORS), households=households,
        name="miller_blair_2009",
    )


def test_technical_coefficients(mb_table: ce.IOTable) -> None:
    assert_allclose(mb_table.A, MB["A_expected"], rtol=1e-12)


def test_leontief_inverse(mb_table: ce.IOTable) -> None:
    assert_allclose(mb_table.L, MB["L_expected"], rtol=MB["L_rtol"])


def test_impact_of_new_final_demand(mb_table: ce.IOTable) -> None:
    # M&B ch. 2: f_new = (600, 1500) gives x_new = (1247.5, 1841.6), printed to one decimal.
    f_new = pd.Series([600.0, 1500.0], index=SECTORS)
    x_new = mb_table.impact(f_new).summary()  # totals over sectors
    by_sector = mb_table.impact(f_new)["output"]["total"]
    assert_allclose(by_sector, MB["x_new_for_f_new_[600,1500]_expected"], atol=0.05)
    assert x_new.loc["output", "total"] == pytest.approx(by_sector.sum())
    # labour = coefficients * x_new (pymrio's transcription: 374.25, 460.4 at rtol 1e-5
    # because the book rounds x_new).
    labour = np.array(MB["labour_coefficients"]) * by_sector.to_numpy()
    assert_allclose(labour, MB["labour_totals_expected"], rtol=1e-3)


def test_simple_output_multipliers(mb_table: ce.IOTable) -> None:
    assert_allclose(mb_table.multipliers("I")["output"], [1.5182, 1.4521], atol=5e-5)


def test_closed_inverse_matches_book() -> None:
    A = np.array([[0.15, 0.25], [0.20, 0.05]])
    cf = le.close_households(le.factorise(A), np.array([0.30, 0.25]), np.array([0.05, 0.40]), 0.05)
    expected = [[1.3651, 0.4253, 0.2509], [0.5273, 1.3481, 0.5954], [0.5698, 0.4890, 1.2885]]
    assert_allclose(le.closed_inverse(cf), expected, atol=5e-5)
    assert np.all(le.closed_inverse(cf) >= 0)


def test_type_ii_output_multipliers(mb_table: ce.IOTable) -> None:
    m2 = mb_table.multipliers("II")
    assert_allclose(m2["output"], [1.8924, 1.7733], atol=5e-5)  # truncated (headline)
    assert_allclose(m2["output_total"], [2.4623, 2.2624], atol=5e-5)  # incl. household row


def test_income_multipliers(mb_table: ce.IOTable) -> None:
    assert_allclose(mb_table.multipliers("I")["income"], [1.4741, 1.5182], atol=5e-5)
    assert_allclose(mb_table.multipliers("II")["income"], [1.8995, 1.9562], atol=5e-5)


def test_wrong_sign_border_is_not_what_we_compute(mb_table: ce.IOTable) -> None:
    # The common bug (border blocks with + inside I - A) gives truncated (1.8698, 1.7539).
    assert not np.allclose(mb_table.multipliers("II")["output"], [1.8698, 1.7539], atol=1e-3)


def test_induced_effect_is_nonnegative(mb_table: ce.IOTable) -> None:
    im = mb_table.impact({"s1": 100.0}, type="II")
    assert (im["output"]["induced"] >= 0).all()
    # Total household income equals the household row of the closed inverse times the shock.
    assert im.household_income == pytest.approx(100 * 0.5698, abs=5e-3)
