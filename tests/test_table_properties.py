"""IOTable identities as Hypothesis properties on complete random tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose

import creative_econ as ce
from tests.strategies import io_tables


@given(io_tables())
def test_row_identity_and_round_trip(t: ce.IOTable) -> None:
    assert_allclose(t.Z.sum(axis=1) + t.final_demand.sum(axis=1), t.x, rtol=1e-9)
    im = t.impact(t.final_demand_total)  # the whole final demand reproduces output
    assert_allclose(im["output"]["total"], t.x, rtol=1e-8, atol=1e-8)


@given(io_tables())
def test_primary_input_contents_sum_to_one(t: ce.IOTable) -> None:
    e = t.effects("I")
    assert_allclose(e["gva"] + e["imports"] + e["taxes"], 1.0, atol=1e-9)


@given(io_tables(), st.floats(-3, 3), st.floats(-3, 3))
def test_impacts_are_linear_in_the_shock(t: ce.IOTable, a: float, b: float) -> None:
    s1 = pd.Series(np.linspace(1, 2, t.n), index=t.sectors)
    s2 = pd.Series(np.ones(t.n), index=t.sectors)
    for kind in ("I", "II"):
        lhs = t.impact(a * s1 + b * s2, type=kind).by_sector
        rhs = a * t.impact(s1, type=kind).by_sector + b * t.impact(s2, type=kind).by_sector
        assert_allclose(lhs, rhs, atol=1e-7 * (1 + abs(a) + abs(b)) * float(t.x.sum() + 1))


@given(io_tables())
def test_type_ii_at_least_type_i(t: ce.IOTable) -> None:
    e1, e2 = t.effects("I"), t.effects("II")
    for k in ("output", "gva", "income", "employment"):
        assert np.all(e2[k] >= e1[k] - 1e-10)
    assert np.all(e2["output_total"] >= e2["output"] - 1e-12)
    im = t.impact(pd.Series(1.0, index=t.sectors), type="II")
    assert (im["output"]["induced"] >= -1e-12).all()


@given(io_tables())
def test_type_ii_over_type_i_income_ratio_is_the_same_for_every_sector(t: ce.IOTable) -> None:
    m1, m2 = t.multipliers("I")["income"], t.multipliers("II")["income"]
    ratio = (m2 / m1).dropna()
    if len(ratio):
        assert_allclose(ratio, t._closed.income_multiplier, rtol=1e-8)


@given(io_tables())
def test_type_ii_totals_equal_effects_times_shock(t: ce.IOTable) -> None:
    shock = pd.Series(np.linspace(1, 3, t.n), index=t.sectors)
    totals = t.impact(shock, type="II").summary()["total"]
    expected = t.effects("II").T @ shock
    for k in totals.index:
        assert totals[k] == pytest.approx(expected[k], rel=1e-8, abs=1e-8)


@given(io_tables(), st.randoms(use_true_random=False))
def test_relabelling_permutes_results(t: ce.IOTable, rnd) -> None:
    order = list(t.sectors)
    rnd.shuffle(order)
    names = {s: f"x_{s}" for s in order}
    Z = t.Z.loc[order, order].rename(index=names, columns=names)
    p = ce.IOTable.from_frames(
        Z=Z,
        final_demand=t.final_demand.loc[order].rename(index=names),
        value_added=t.value_added[order].rename(columns=names),
        imports=t.imports[order].rename(index=names),
        taxes=t.taxes[order].rename(index=names),
        employment=t.employment[order].rename(index=names),
        households=ce.Households(consumption="households"),
    )
    for kind in ("I", "II"):
        got = p.multipliers(kind).rename(index={v: k for k, v in names.items()}).loc[t.sectors]
        assert_allclose(got, t.multipliers(kind), rtol=1e-9, atol=1e-12)


@given(io_tables(households=False))
def test_aggregating_to_one_sector_keeps_totals(t: ce.IOTable) -> None:
    agg = t.aggregate(dict.fromkeys(t.sectors, "all"))
    assert agg.n == 1
    assert agg.x.iloc[0] == pytest.approx(t.x.sum())
    assert agg.value_added.sum().sum() == pytest.approx(t.value_added.sum().sum())


def test_inputs_unchanged_after_every_public_call() -> None:
    sectors = pd.Index(["a", "b", "c"])
    Z = pd.DataFrame([[10.0, 5, 0], [2, 20, 4], [1, 1, 8]], index=sectors, columns=sectors)
    fd = pd.DataFrame({"households": [30.0, 20, 10], "exports": [5.0, 10, 20]}, index=sectors)
    va = pd.DataFrame({"a": [10.0, 8], "b": [12.0, 9], "c": [6.0, 4]},
                      index=["compensation", "gos"])
    emp = pd.Series([3.0, 4, 5], index=sectors)
    shock = pd.Series({"b": 5.0})
    mapping = {"a": "g1", "b": "g1", "c": "g2"}
    copies = [o.copy() for o in (Z, fd, va, emp, shock)]
    t = ce.IOTable.from_frames(Z=Z, final_demand=fd, value_added=va, employment=emp,
                               households=ce.Households(consumption="households"))
    for kind in ("I", "II"):
        t.effects(kind)
        t.multipliers(kind)
        t.impact(shock, type=kind).to_frame()
    t.aggregate(mapping)
    _ = (t.A, t.B, t.L, t.G, t.spectral_radius, t.summary(), t._repr_html_())
    for before, after in zip(copies, (Z, fd, va, emp, shock), strict=True):
        assert before.equals(after)
    assert mapping == {"a": "g1", "b": "g1", "c": "g2"}


def test_arrays_cannot_be_written_through() -> None:
    t = ce.load_dataset("germany_1995")
    before = t.multipliers("I").copy()
    arr = t.Z.to_numpy()
    if arr.flags.writeable:  # a copy: writing into it cannot reach the table
        arr[0, 0] = 1e9
    for cached in (t._Z, t._A, t._x):
        with pytest.raises(ValueError, match="read-only"):
            cached[0] = 1.0
    pd.testing.assert_frame_equal(t.multipliers("I"), before)


def test_caller_edits_after_construction_do_not_reach_the_table() -> None:
    sectors = pd.Index(["a", "b"])
    Z = pd.DataFrame([[10.0, 5.0], [2.0, 20.0]], index=sectors, columns=sectors)
    fd = pd.Series([30.0, 40.0], index=sectors)
    t = ce.IOTable.from_frames(Z=Z, final_demand=fd)
    A = t.A.copy()
    Z.loc["a", "a"] = 99.0
    fd.loc["b"] = 0.0
    pd.testing.assert_frame_equal(t.A, A)
    assert t.Z.loc["a", "a"] == 10.0
