"""Beutel (2008), *Eurostat Manual of Supply, Use and Input-Output Tables*, ch. 15: Germany
1995 six-sector table (Table 15.4) and its results (Tables 15.5-15.13), as used in the
rOpenGov/iotables validation tests. Tolerance: the printed four decimals."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

import creative_econ as ce
from tests.conftest import reference_json

DE = reference_json("eurostat_germany_1995_expected.json")
ATOL = 5e-5  # four printed decimals


def test_output_matches_p1_row_not_the_misprinted_column(germany_1995: ce.IOTable) -> None:
    assert_allclose(germany_1995.x, DE["output_x"])
    assert germany_1995.x["manufacturing"] == 1_079_446  # the output_bp column says 1,079,400


def test_selected_technical_coefficients(germany_1995: ce.IOTable) -> None:
    A = germany_1995.A
    sel = DE["A_selected_expected"]
    assert A.loc["agriculture", "agriculture"] == pytest.approx(sel["A[agr,agr]"], abs=ATOL)
    assert A.loc["manufacturing", "manufacturing"] == pytest.approx(
        sel["A[ind,agr]_test_label"], abs=ATOL
    )
    assert A.loc["business_services", "agriculture"] == pytest.approx(
        sel["A[business,agr]"], abs=ATOL
    )
    assert A.loc["business_services", "business_services"] == pytest.approx(
        sel["A[business,business]"], abs=5e-4  # printed to three decimals
    )


def test_i_minus_a_table_15_9(germany_1995: ce.IOTable) -> None:
    IA = np.eye(6) - germany_1995.A.to_numpy()
    exp = DE["I_minus_A_selected (Table 15.9 p.487)"]
    assert IA[0, 0] == pytest.approx(exp["agr,agr"], abs=ATOL)
    assert IA[1, 1] == pytest.approx(exp["ind,ind"], abs=ATOL)
    assert IA[2, 2] == pytest.approx(exp["con,con"], abs=ATOL)
    assert IA[1, 2] == pytest.approx(exp["ind(row),con(col)"], abs=ATOL)


def test_leontief_inverse_diagonal_table_15_10(germany_1995: ce.IOTable) -> None:
    assert_allclose(np.diag(germany_1995.L), DE["L_diagonal (Table 15.10 p.488)"], atol=ATOL)


def test_output_multipliers(germany_1995: ce.IOTable) -> None:
    m = germany_1995.multipliers(type="I")["output"]
    assert_allclose(m, DE["output_multipliers_colsum_L"], atol=ATOL)


def test_gva_coefficients_and_effects(germany_1995: ce.IOTable) -> None:
    assert_allclose(germany_1995.coefficients["gva"], DE["gva_coefficients (p.498)"], atol=ATOL)
    assert_allclose(
        germany_1995.effects(type="I")["gva"], DE['gva_effects_vL ("gva_de_published")'],
        atol=ATOL,
    )


def test_employment_effects(germany_1995: ce.IOTable) -> None:
    # The manual calls e'L the "employment multiplier"; ONS calls it an effect.
    key = 'employment_effects_eL ("emp_de_published", 1000 persons per EUR mn)'
    assert_allclose(germany_1995.effects(type="I")["employment"], DE[key], atol=ATOL)
    assert germany_1995.employment_unit == "thousand persons"


def test_compensation_coefficient(germany_1995: ce.IOTable) -> None:
    assert germany_1995.coefficients.loc["agriculture", "income"] == pytest.approx(
        DE["compensation_coefficient_agr"], abs=5e-3
    )


def test_primary_input_contents_sum_to_one(germany_1995: ce.IOTable) -> None:
    # METHODS §1.3: GVA, import and product-tax effects per unit of final demand add to 1.
    e = germany_1995.effects(type="I")
    assert_allclose(e["gva"] + e["imports"] + e["taxes"], 1.0, atol=1e-12)
    assert_allclose(e["imports"], [0.1221, 0.2206, 0.1242, 0.0752, 0.0412, 0.0507], atol=ATOL)
    assert_allclose(e["taxes"], [0.0328, 0.0147, 0.0144, 0.0229, 0.0194, 0.0294], atol=ATOL)


def test_ghosh_agriculture_column(germany_1995: ce.IOTable) -> None:
    key = "ghosh_inverse_agriculture_column (output coeff = Z / total use)"
    assert_allclose(germany_1995.G["agriculture"], DE[key], atol=ATOL)


def test_type_ii_closure_sensitivity_range(germany_1995: ce.IOTable) -> None:
    # METHODS §1.4: with h_c = household consumption / total compensation, sum h_c = 0.816 and
    # the truncated Type II output multipliers lie in 2.31-3.03 (Type I 1.38-1.84).
    assert germany_1995.closure.consumption.sum() == pytest.approx(0.816, abs=5e-4)
    m2 = germany_1995.multipliers(type="II")["output"]
    assert m2.min() == pytest.approx(2.31, abs=5e-3)
    assert m2.max() == pytest.approx(3.03, abs=5e-3)
