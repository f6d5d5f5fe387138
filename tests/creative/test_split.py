"""Splitting a sector into sub-sectors (METHODS §4.1)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose

import creative_econ as ce
from creative_econ.errors import (
    InvalidParameterError,
    InvalidTableError,
    LabelMismatchError,
    UnknownSectorError,
)
from tests.strategies import io_tables

SPLIT = {"culture": 0.3, "rest_services": 0.7}


def test_proportional_split_keeps_every_multiplier(germany_1995: ce.IOTable) -> None:
    # METHODS §4.1 [V, recomputed]: "other services" split 30/70 keeps 1.3782 for both parts.
    s = germany_1995.split("other_services", SPLIT)
    assert list(s.sectors[-2:]) == ["culture", "rest_services"]
    for kind in ("I", "II"):
        m, base = s.multipliers(kind), germany_1995.multipliers(kind)
        for part in SPLIT:
            assert_allclose(m.loc[part], base.loc["other_services"], rtol=1e-10)
        assert_allclose(m.drop(index=list(SPLIT)), base.drop(index="other_services"),
                        rtol=1e-10)
    assert s.multipliers("I").loc["culture", "output"] == pytest.approx(1.3782, abs=5e-5)


def test_split_keeps_totals_and_other_sectors(germany_1995: ce.IOTable) -> None:
    s = germany_1995.split("other_services", SPLIT)
    assert s.x.sum() == pytest.approx(germany_1995.x.sum())
    assert s.x["culture"] == pytest.approx(0.3 * germany_1995.x["other_services"])
    assert s.gva.sum() == pytest.approx(germany_1995.gva.sum())
    assert s.employment.sum() == pytest.approx(germany_1995.employment.sum())
    others = germany_1995.sectors.drop("other_services")
    pd.testing.assert_frame_equal(s.Z.loc[others, others], germany_1995.Z.loc[others, others],
                                  check_names=False)
    bought = s.Z.loc[others, list(SPLIT)].sum(axis=1)
    assert_allclose(bought, germany_1995.Z.loc[others, "other_services"])
    assert any("split into culture 0.3" in n for n in s.notes)


def test_cost_structure_changes_the_multiplier(germany_1995: ce.IOTable) -> None:
    # Give "culture" the input structure of business services: its multiplier moves towards
    # business services' (1.5951), and the supplier totals of the parent are kept.
    tech = pd.DataFrame({
        "culture": germany_1995.A["business_services"],
        "rest_services": germany_1995.A["other_services"],
    })
    s = germany_1995.split("other_services", SPLIT, technology=tech,
                           note="cost structure borrowed from business services")
    m = s.multipliers("I")["output"]
    assert m["culture"] > m["rest_services"]
    assert m["culture"] > germany_1995.multipliers("I").loc["other_services", "output"]
    others = germany_1995.sectors.drop("other_services")
    assert_allclose(s.Z.loc[others, list(SPLIT)].sum(axis=1),
                    germany_1995.Z.loc[others, "other_services"], rtol=1e-8)
    assert_allclose(s.x[list(SPLIT)].sum(), germany_1995.x["other_services"])
    # columns close: inputs + primary inputs = output for the sub-sectors
    col = (s.Z.sum(axis=0) + s.imports + s.taxes + s.value_added.sum(axis=0))[list(SPLIT)]
    assert_allclose(col, s.x[list(SPLIT)], rtol=1e-8)
    assert any("borrowed from business services" in n for n in s.notes)


def test_satellite_shares_change_employment_multipliers(germany_1995: ce.IOTable) -> None:
    s = germany_1995.split("other_services", SPLIT,
                           satellites={"employment": {"culture": 0.5, "rest_services": 0.5}})
    e = s.coefficients["employment"]
    assert e["culture"] > e["rest_services"]
    assert s.multipliers("I").loc["culture", "output"] == pytest.approx(1.3782, abs=5e-5)


def test_sales_pattern_is_balanced(germany_1995: ce.IOTable) -> None:
    # culture sells mostly to households
    sales = pd.DataFrame({"households": [0.6, 0.4], "government": [0.1, 0.9]},
                         index=["culture", "rest_services"])
    s = germany_1995.split("other_services", SPLIT, sales=sales)
    assert s.x["culture"] == pytest.approx(0.3 * germany_1995.x["other_services"])
    fd = s.final_demand.loc[list(SPLIT), "households"]
    assert fd["culture"] / fd.sum() > 0.45


def test_uk_creative_split_with_labels(uk_2010: ce.IOTable) -> None:
    s = uk_2010.split("59-60", {"59": 0.6, "60": 0.4},
                      labels={"59": "Film, video, TV programmes, sound and music",
                              "60": "Programming and broadcasting"})
    assert s.labels["59"].startswith("Film")
    assert s.n == 128
    assert s.multipliers("I").loc["59", "output"] == pytest.approx(1.605, abs=5e-4)


@given(io_tables(min_n=2, max_n=6), st.floats(0.05, 0.95))
def test_proportional_split_property(t: ce.IOTable, share: float) -> None:
    s = t.split(t.sectors[0], {"a_part": share, "b_part": 1 - share})
    m, base = s.multipliers("I"), t.multipliers("I")
    assert_allclose(m.loc["a_part", "output"], base.iloc[0]["output"], rtol=1e-8)
    assert_allclose(m.loc[t.sectors[1:], "output"], base.loc[t.sectors[1:], "output"],
                    rtol=1e-8)


def test_bad_splits(germany_1995: ce.IOTable) -> None:
    with pytest.raises(InvalidParameterError, match="sum of into"):
        germany_1995.split("other_services", {"a": 0.3, "b": 0.6})
    with pytest.raises(InvalidParameterError, match=r"into\['a'\].*\(0, 1\]"):
        germany_1995.split("other_services", {"a": -0.3, "b": 1.3})
    with pytest.raises(UnknownSectorError, match="Did you mean 'other_services'"):
        germany_1995.split("other_service", SPLIT)
    with pytest.raises(LabelMismatchError, match="already used"):
        germany_1995.split("other_services", {"agriculture": 0.5, "b": 0.5})
    with pytest.raises(InvalidParameterError, match="at least two"):
        germany_1995.split("other_services", {"a": 1.0})
    tech = pd.DataFrame({"culture": np.full(6, 0.5), "rest_services": np.full(6, 0.01)},
                        index=germany_1995.sectors)
    with pytest.raises(InvalidTableError, match="'culture' intermediate inputs above"):
        germany_1995.split("other_services", {"culture": 0.05, "rest_services": 0.95},
                           technology=tech)
    with pytest.raises(LabelMismatchError, match="technology columns"):
        germany_1995.split("other_services", SPLIT, technology=tech.rename(columns=str.upper))
    with pytest.raises(InvalidParameterError, match="sum of sales"):
        germany_1995.split("other_services", SPLIT,
                           sales=pd.DataFrame({"households": [0.6, 0.6]}, index=list(SPLIT)))


def test_split_leaves_the_table_unchanged(germany_1995: ce.IOTable) -> None:
    before = germany_1995.Z.copy()
    germany_1995.split("other_services", SPLIT)
    pd.testing.assert_frame_equal(germany_1995.Z, before)
