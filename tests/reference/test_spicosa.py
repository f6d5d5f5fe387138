"""D'Hernoncourt, Cordier & Hadley (2011), *Input-Output Multipliers: Specification sheet*,
Spicosa project: the Netherlands 2000 six-sector table.

Type I income multipliers and effects are printed to three decimals. The published Type II
income multipliers use a closure that is not the standard one; METHODS §1.4 shows they are
reproduced (to about 1e-3) only with the household column cut to two decimals,
(0, 0, .08, .03, 0, .59): that is truncation, since services' 123,398 / 205,691 = 0.5999.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose

import creative_econ as ce
from tests.conftest import reference_json

NL = reference_json("spicosa_netherlands_2000_expected.json")


def test_type_i_income_multipliers(netherlands_2000: ce.IOTable) -> None:
    key = "typeI_income_multipliers (test-input_multipliers_create.R)"
    assert_allclose(netherlands_2000.multipliers("I")["income"], NL[key], atol=NL["tolerance"])


def test_income_effects(netherlands_2000: ce.IOTable) -> None:
    key = 'income_effects_wL (test-direct_effects_create.R, named "direct effects")'
    assert_allclose(netherlands_2000.effects("I")["income"], NL[key], atol=5e-4)


def test_selected_coefficients(netherlands_2000: ce.IOTable) -> None:
    A = netherlands_2000.A
    sel = NL["A_selected"]
    assert A.loc["agriculture", "agriculture"] == pytest.approx(sel["agr,agr"], abs=5e-4)
    assert A.loc["mining", "mining"] == pytest.approx(sel["mining,mining"], abs=5e-4)
    assert A.loc["manufacturing", "manufacturing"] == pytest.approx(sel["manuf,manuf"], abs=5e-4)
    assert_allclose(A.loc["services"], sel["services row (2dp)"], atol=5e-3)


def test_type_ii_with_the_sheets_rounded_closure(netherlands_2000: ce.IOTable) -> None:
    published = next(v for k, v in NL.items() if k.startswith("typeII_income_multipliers"))
    # Default closure: consumption / total compensation, unrounded -> 3.678..., not 3.6377.
    default = netherlands_2000.multipliers("II")["income"]
    assert default.iloc[0] == pytest.approx(3.678, abs=1e-3)
    # The sheet's closure: household column / total compensation, truncated to 2 d.p.
    h_c = np.floor(netherlands_2000.closure.consumption * 100) / 100
    assert_allclose(h_c, [0, 0, 0.08, 0.03, 0, 0.59])
    total = netherlands_2000.closure.total_income
    rounded = ce.IOTable.from_frames(
        Z=netherlands_2000.Z,
        final_demand=netherlands_2000.final_demand,
        value_added=netherlands_2000.value_added,
        imports=netherlands_2000.imports,
        taxes=netherlands_2000.taxes,
        households=ce.Households(consumption=h_c * total, total_income=total),
        name="netherlands_2000_rounded_closure",
    )
    ours = rounded.multipliers("II")["income"]
    assert np.max(np.abs(ours.to_numpy() - np.array(published))) < 2e-3


def test_type_ii_to_type_i_ratio_is_constant(netherlands_2000: ce.IOTable) -> None:
    m = {kind: netherlands_2000.multipliers(kind)["income"] for kind in ("I", "II")}
    ratio = m["II"] / m["I"]
    assert_allclose(ratio, ratio.iloc[0], rtol=1e-12)
    # and equals the interrelational income multiplier 1/s (M&B ch. 6)
    assert ratio.iloc[0] == pytest.approx(netherlands_2000._closed.income_multiplier)


def test_household_column_not_double_counted(netherlands_2000: ce.IOTable) -> None:
    assert "households" not in netherlands_2000.final_demand.columns
    assert isinstance(netherlands_2000.closure.consumption, pd.Series)
