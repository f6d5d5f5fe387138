"""The labelled analytical toolkit: linkages, extraction, mixed and price models on IOTables.

Properties on random tables (tests/strategies.py), consistency with the table's own
multipliers and impacts, zero-output sectors, unchanged inputs, and one test per bad input.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose

import creative_econ as ce
from creative_econ import analysis as an
from creative_econ.errors import (
    InvalidOptionError,
    InvalidShockError,
    InvalidTableError,
    LabelMismatchError,
    UnknownSectorError,
)
from tests.strategies import io_tables


# ---------------------------------------------------------------------------- fixtures
def _with_empty_sector(t: ce.IOTable, name: str = "video_games") -> ce.IOTable:
    """The table plus a sector with no output (as after regionalising a small region)."""
    sectors = t.sectors.append(pd.Index([name], name=t.sectors.name))
    Z = t.Z.reindex(index=sectors, columns=sectors, fill_value=0.0)
    return ce.IOTable.from_frames(
        Z=Z,
        final_demand=t.final_demand.reindex(sectors, fill_value=0.0),
        value_added=t.value_added.reindex(columns=sectors, fill_value=0.0),
        imports=t.imports.reindex(sectors, fill_value=0.0),
        taxes=t.taxes.reindex(sectors, fill_value=0.0),
        employment=t.employment.reindex(sectors, fill_value=0.0),
        name=f"{t.name} + empty",
        unit=t.unit,
    )


@pytest.fixture(scope="module")
def germany_plus_empty(germany_1995: ce.IOTable) -> ce.IOTable:
    return _with_empty_sector(germany_1995)


def _snapshot(t: ce.IOTable) -> list[np.ndarray]:
    return [t.Z.to_numpy().copy(), t.final_demand.to_numpy().copy(), t.x.to_numpy().copy(),
            t.value_added.to_numpy().copy(), t.A.to_numpy().copy()]


def _unchanged(t: ce.IOTable, before: list[np.ndarray]) -> None:
    for a, b in zip(before, _snapshot(t), strict=True):
        assert_allclose(a, b, rtol=0, atol=0)


# ---------------------------------------------------------------------------- Ghosh
def test_ghosh_multipliers_and_columns_match_the_table_G(germany_1995: ce.IOTable) -> None:
    G = germany_1995.G
    assert_allclose(an.ghosh_multipliers(germany_1995), G.sum(axis=1), rtol=1e-12)
    cols = an.ghosh_columns(germany_1995, ["construction", "agriculture"])
    assert list(cols.columns) == ["construction", "agriculture"]
    assert_allclose(cols, G[["construction", "agriculture"]], rtol=1e-12, atol=1e-15)
    assert list(an.ghosh_columns(germany_1995, "other_services").columns) == ["other_services"]


def test_ghosh_unknown_sector(germany_1995: ce.IOTable) -> None:
    with pytest.raises(UnknownSectorError, match="agricultur"):
        an.ghosh_columns(germany_1995, "agricultre")


# ---------------------------------------------------------------------------- linkages
def test_linkages_frame(germany_1995: ce.IOTable) -> None:
    res = an.linkages(germany_1995)
    frame = res.by_sector
    assert list(frame.index) == list(germany_1995.sectors)
    assert {"backward", "backward_index", "forward_leontief", "forward_leontief_index",
            "forward_ghosh", "forward_ghosh_index", "direct_backward", "direct_forward",
            "cv_backward", "cv_forward", "classification"} == set(frame.columns)
    assert_allclose(frame["backward"], germany_1995.multipliers("I")["output"], rtol=1e-12)
    assert_allclose(frame["forward_leontief"], germany_1995.L.sum(axis=1), rtol=1e-12)
    assert_allclose(frame["direct_backward"], germany_1995.A.sum(axis=0), rtol=1e-12)
    assert_allclose(frame["direct_forward"], germany_1995.B.sum(axis=1), rtol=1e-12)
    assert res.forward == "ghosh"
    assert res.assumptions.to_dict()["forward_linkage"] == "ghosh"
    long = res.to_frame()
    assert list(long.columns) == ["sector", "measure", "value"]
    assert len(long) == 6 * 10
    assert "Linkages" in res._repr_html_()


def test_linkages_forward_measure_drives_the_classification(germany_1995: ce.IOTable) -> None:
    g = an.linkages(germany_1995, forward="ghosh").by_sector
    ll = an.linkages(germany_1995, forward="leontief").by_sector
    # Agriculture sells most of its output to other industries (Ghosh) but is small, so a
    # unit rise in all final demands needs little of it (Leontief row sum).
    assert g.loc["agriculture", "classification"] == "key"
    assert ll.loc["agriculture", "classification"] == "backward"
    assert_allclose(g["forward_ghosh_index"], ll["forward_ghosh_index"])
    assert not np.allclose(g["cv_forward"], ll["cv_forward"])
    # The coefficient of variation of the Ghosh rows equals that of rows of L x̂.
    LX = germany_1995.L.to_numpy() * germany_1995.x.to_numpy()[None, :]
    assert_allclose(g["cv_forward"], LX.std(axis=1, ddof=1) / LX.mean(axis=1), rtol=1e-12)
    L = germany_1995.L.to_numpy()
    assert_allclose(g["cv_backward"], L.std(axis=0, ddof=1) / L.mean(axis=0), rtol=1e-12)


def test_linkages_without_variation(germany_1995: ce.IOTable) -> None:
    frame = an.linkages(germany_1995, variation=False).by_sector
    assert "cv_backward" not in frame.columns
    assert "classification" in frame.columns


def test_linkages_bad_forward_option(germany_1995: ce.IOTable) -> None:
    with pytest.raises(InvalidOptionError, match=r"forward='gosh'.*Did you mean 'ghosh'"):
        an.linkages(germany_1995, forward="gosh")  # type: ignore[arg-type]


def test_zero_output_sector_has_no_linkages_and_no_nan(
    germany_1995: ce.IOTable, germany_plus_empty: ce.IOTable
) -> None:
    base = an.linkages(germany_1995).by_sector
    frame = an.linkages(germany_plus_empty).by_sector
    numeric = frame.drop(columns="classification")
    assert np.isfinite(numeric.to_numpy()).all()
    assert (numeric.loc["video_games"] == 0.0).all()
    assert frame.loc["video_games", "classification"] == "zero output"
    # The empty sector does not change the other sectors' numbers.
    assert_allclose(numeric.loc[base.index], base.drop(columns="classification"), rtol=1e-12)
    assert (frame.loc[base.index, "classification"] == base["classification"]).all()


@given(io_tables(max_n=6))
def test_linkage_indices_average_one(t: ce.IOTable) -> None:
    frame = an.linkages(t).by_sector
    for col in ("backward_index", "forward_leontief_index", "forward_ghosh_index"):
        assert frame[col].mean() == pytest.approx(1.0, rel=1e-10)
    key = frame["classification"] == "key"
    assert (frame.loc[key, "backward_index"] > 1).all()
    assert (frame.loc[key, "forward_ghosh_index"] > 1).all()


# ---------------------------------------------------------------------------- extraction
def test_extraction_summary_and_losses(germany_1995: ce.IOTable) -> None:
    res = an.extraction(germany_1995)
    assert list(res.summary.columns) == ["backward", "backward_pct", "forward", "forward_pct",
                                         "total", "total_pct"]
    assert list(res.summary.index) == list(germany_1995.sectors)
    assert res.total_output == pytest.approx(germany_1995.x.sum())
    assert_allclose(res.summary["backward"], res.losses["backward"].sum(axis=0))
    assert_allclose(res.summary["total_pct"],
                    100 * res.losses["total"].sum(axis=0) / germany_1995.x.sum())
    # Total extraction excludes the extracted sector's own output.
    for s in germany_1995.sectors:
        assert res.losses[("total", s)][s] == 0.0
    long = res.to_frame()
    assert list(long.columns) == ["extracted", "kind", "sector", "value"]
    assert len(long) == 3 * 6 * 6
    assert "Hypothetical extraction" in res._repr_html_()


def test_total_extraction_equals_the_output_shock_of_the_sector(
    germany_1995: ce.IOTable,
) -> None:
    """Removing j costs the others exactly what x_j induces in them: L_oj x_j / l_jj."""
    res = an.extraction(germany_1995, ["other_services"], kind="total")
    x_j = germany_1995.x["other_services"]
    shock = an.output_shock(germany_1995, {"other_services": x_j})
    assert_allclose(res.losses[("total", "other_services")],
                    shock["output"]["indirect"], rtol=1e-10)


def test_extraction_subset_kind_and_keep_diagonal(germany_1995: ce.IOTable) -> None:
    full = an.extraction(germany_1995, keep_diagonal=True)
    sub = an.extraction(germany_1995, ["other_services", "manufacturing"], kind="backward",
                        keep_diagonal=True)
    assert list(sub.summary.columns) == ["backward", "backward_pct"]
    assert list(sub.summary.index) == ["other_services", "manufacturing"]
    assert_allclose(sub.summary["backward"],
                    full.summary.loc[["other_services", "manufacturing"], "backward"])
    plain = an.extraction(germany_1995, kind="backward")
    assert (plain.summary["backward"] >= full.summary["backward"]).all()
    assert an.extraction(germany_1995, "construction", kind="forward").summary.shape == (1, 2)


def test_joint_extraction_of_a_block(germany_1995: ce.IOTable) -> None:
    block = ["business_services", "other_services"]
    res = an.extraction(germany_1995, block, jointly=True)
    assert list(res.summary.index) == ["business_services + other_services"]
    single = an.extraction(germany_1995, block)
    # Jointly extracting two linked sectors loses less than the sum of separate extractions
    # (their mutual trade is counted once) but more than either alone.
    for kind in ("backward", "forward"):
        joint = res.summary[kind].iloc[0]
        assert single.summary[kind].max() < joint < single.summary[kind].sum()


def test_extraction_of_no_sector(germany_1995: ce.IOTable) -> None:
    for jointly in (False, True):
        with pytest.raises(InvalidOptionError, match=r"sectors=\[\].*'agriculture'"):
            an.extraction(germany_1995, [], jointly=jointly)


@given(io_tables(max_n=6), st.booleans())
def test_extraction_losses_are_non_negative(t: ce.IOTable, keep: bool) -> None:
    before = _snapshot(t)
    res = an.extraction(t, keep_diagonal=keep)
    tol = 1e-9 * t.x.sum()
    assert (res.losses.to_numpy() >= -tol).all()
    assert (res.summary.to_numpy() >= -tol).all()
    _unchanged(t, before)


def test_extraction_of_an_unknown_sector(germany_1995: ce.IOTable) -> None:
    with pytest.raises(UnknownSectorError, match=r"'other_service'.*Did you mean 'other_services'"):
        an.extraction(germany_1995, ["other_service"])


def test_extraction_of_a_sector_named_twice(germany_1995: ce.IOTable) -> None:
    with pytest.raises(LabelMismatchError, match="more than once"):
        an.extraction(germany_1995, ["construction", "construction"])


def test_extraction_bad_kind(germany_1995: ce.IOTable) -> None:
    with pytest.raises(InvalidOptionError, match="kind='both'"):
        an.extraction(germany_1995, kind="both")  # type: ignore[arg-type]


def test_extraction_of_a_zero_output_sector_loses_nothing(
    germany_plus_empty: ce.IOTable,
) -> None:
    res = an.extraction(germany_plus_empty)
    assert np.isfinite(res.losses.to_numpy()).all()
    assert (res.summary.loc["video_games"] == 0.0).all()


# ---------------------------------------------------------------------------- mixed model
def test_mixed_model_reproduces_the_table_at_base_outputs(germany_1995: ce.IOTable) -> None:
    t = germany_1995
    res = an.mixed(t, t.x[["other_services", "construction"]])
    assert_allclose(res.output, t.x, rtol=1e-10)
    assert_allclose(res.final_demand, t.final_demand_total, rtol=1e-9)
    assert res.exogenous == ("other_services", "construction")
    frame = res.to_frame()
    assert list(frame.columns) == ["sector", "role", "output", "final_demand"]
    assert (frame.set_index("sector").loc[["other_services", "construction"], "role"]
            == "exogenous").all()
    assert "Mixed model" in res._repr_html_()


def test_mixed_model_with_new_final_demand(germany_1995: ce.IOTable) -> None:
    t = germany_1995
    f = t.final_demand_total.copy()
    f_before = f.copy()
    f["manufacturing"] += 1000.0
    res = an.mixed(t, {"other_services": t.x["other_services"]},
                   {"manufacturing": f["manufacturing"]})
    # Compare with the open model: new final demand for manufacturing, other services' output
    # held at its base level by adjusting its own final demand.
    L = t.L.to_numpy()
    j, c = t.sectors.get_loc("manufacturing"), t.sectors.get_loc("other_services")
    df_c = -L[c, j] * 1000.0 / L[c, c]
    dx = L[:, j] * 1000.0 + L[:, c] * df_c
    assert_allclose(res.output, t.x + dx, rtol=1e-10)
    assert res.final_demand["other_services"] == pytest.approx(
        t.final_demand_total["other_services"] + df_c, rel=1e-10)
    pd.testing.assert_series_equal(f_before.drop("manufacturing"), f.drop("manufacturing"))


@given(io_tables(min_n=2, max_n=6), st.floats(0.5, 2.0), st.data())
def test_proportional_output_shock_equals_the_final_demand_shock(
    t: ce.IOTable, g: float, data: st.DataObject
) -> None:
    """Output of sector c scaled by g: same as the final-demand shock Δf_c = Δx_c / l_cc."""
    c = data.draw(st.sampled_from(list(t.sectors)))
    dx = (g - 1.0) * t.x[c]
    imp = an.output_shock(t, {c: dx})
    dfc = imp.shock[c]
    assert dfc == pytest.approx(dx / t.L.loc[c, c], rel=1e-10)
    via_f = t.impact({c: dfc}, type="I")
    tot = imp.summary()["total"]
    scale = 1.0 + abs(dx)
    for indicator in t.indicators:
        assert tot[indicator] == pytest.approx(via_f.summary().loc[indicator, "total"],
                                               rel=1e-8, abs=1e-10 * scale)
    assert_allclose(imp["output"]["total"], via_f["output"]["total"], rtol=1e-8,
                    atol=1e-10 * scale)


def test_output_shock_components(germany_1995: ce.IOTable) -> None:
    imp = an.output_shock(germany_1995, {"other_services": 1000.0, "construction": -200.0})
    out = imp["output"]
    assert out.loc["other_services", "direct"] == 1000.0
    assert out.loc["construction", "direct"] == -200.0
    assert out.loc["other_services", "indirect"] == 0.0  # no feedback into fixed outputs
    assert imp.components == ["direct", "indirect", "total"]
    emp = germany_1995.coefficients["employment"]
    assert_allclose(imp["employment"]["total"], emp * out["total"], rtol=1e-12)
    assert "exogenised output" in imp.assumptions.model


def test_net_multipliers(germany_1995: ce.IOTable) -> None:
    t = germany_1995
    net = an.net_multipliers(t)
    assert_allclose(net, t.multipliers("I")["output"] * t.final_demand_total / t.x, rtol=1e-12)


@pytest.mark.parametrize(
    ("exogenous", "final_demand", "error", "match"),
    [
        ({"culture": 10.0}, None, UnknownSectorError, "culture"),
        ({"construction": -5.0}, None, InvalidShockError, "negative"),
        ({"construction": float("nan")}, None, InvalidShockError, "not finite"),
        ({"construction": "a lot"}, None, InvalidShockError, "non-numeric"),
        ({}, None, InvalidShockError, "empty"),
        ([("construction", 1.0)], None, InvalidShockError, "mapping"),
        ({"construction": 1.0}, {"construction": 2.0}, InvalidShockError, "exogenous"),
        ({"construction": 1.0}, {"culture": 2.0}, UnknownSectorError, "culture"),
    ],
)
def test_mixed_model_bad_input(
    germany_1995: ce.IOTable, exogenous: object, final_demand: object, error: type,
    match: str,
) -> None:
    with pytest.raises(error, match=match):
        an.mixed(germany_1995, exogenous, final_demand)  # type: ignore[arg-type]


def test_mixed_model_refuses_output_for_a_zero_output_sector(
    germany_plus_empty: ce.IOTable,
) -> None:
    with pytest.raises(InvalidShockError, match="'video_games' has zero output"):
        an.mixed(germany_plus_empty, {"video_games": 10.0})
    with pytest.raises(InvalidShockError, match="'video_games' has zero output"):
        an.output_shock(germany_plus_empty, {"video_games": 10.0})


def test_output_shock_unknown_sector(germany_1995: ce.IOTable) -> None:
    with pytest.raises(UnknownSectorError, match="Unknown sector 'film'"):
        an.output_shock(germany_1995, pd.Series({"film": 10.0}))


# ---------------------------------------------------------------------------- prices
@given(io_tables(max_n=6))
def test_zero_cost_change_gives_unit_prices(t: ce.IOTable) -> None:
    first = t.sectors[0]
    res = an.prices(t, {first: 0.0}, weights="other")
    assert (res.price_change == 0.0).all()
    assert (res.prices == 1.0).all()
    assert res.aggregate == 0.0
    # Base-year primary-input costs give base prices of one.
    v = 1.0 - t.A.sum(axis=0)
    from creative_econ.leontief import price as pr
    assert_allclose(pr.leontief_prices(t._lu, v.to_numpy()), 1.0, rtol=1e-9)


def test_wage_rise_in_services(germany_1995: ce.IOTable) -> None:
    t = germany_1995
    sectors = ["business_services", "other_services"]
    res = an.wage_rise(t, 0.05, sectors)
    w = t.value_added.loc["compensation"] / t.x
    dv = pd.Series(0.0, index=t.sectors)
    dv[sectors] = 0.05 * w[sectors]
    assert_allclose(res.cost_change, dv, rtol=1e-12)
    assert_allclose(res.price_change, dv.to_numpy() @ t.L.to_numpy(), rtol=1e-10)
    hh = t.final_demand["households"]
    assert res.aggregate == pytest.approx(float(hh @ res.price_change / hh.sum()), rel=1e-12)
    assert_allclose(res.weights, hh / hh.sum())
    # Same as the general cost push and as an explicit cost change.
    assert_allclose(an.cost_push(t, "compensation", 0.05, sectors).price_change,
                    res.price_change)
    assert_allclose(an.prices(t, dv[sectors]).price_change, res.price_change, rtol=1e-12)
    long = res.to_frame()
    assert list(long.columns) == ["sector", "quantity", "value"]
    assert set(long["quantity"]) == {"cost_change", "price_change", "price"}
    card = res.assumptions.to_dict()
    assert card["component"] == "compensation"
    assert card["rate"] == "0.05"
    assert "Price effects" in res._repr_html_()


def test_wage_rise_everywhere_passes_through_the_wage_share(germany_1995: ce.IOTable) -> None:
    """A uniform r% rise in every wage raises every price by r x (wage content w'L)."""
    t = germany_1995
    res = an.wage_rise(t, 0.1)
    wage_content = t.effects("I")["income"]
    assert_allclose(res.price_change, 0.1 * wage_content, rtol=1e-10)


def test_tax_change_and_weights(germany_1995: ce.IOTable) -> None:
    t = germany_1995
    res = an.tax_change(t, -0.5, weights=None)
    assert res.aggregate is None
    assert res.weights is None
    assert (res.price_change < 0).all()
    custom = an.tax_change(t, -0.5, weights=pd.Series({"agriculture": 1.0}))
    assert custom.aggregate == pytest.approx(res.price_change["agriculture"])
    gov = an.tax_change(t, -0.5, weights="government")
    assert gov.assumptions.to_dict()["weights"] == "government"


def test_price_model_on_zero_output_sector(germany_plus_empty: ce.IOTable) -> None:
    res = an.wage_rise(germany_plus_empty, 0.05)
    assert res.price_change["video_games"] == 0.0
    assert np.isfinite(res.price_change).all()
    with pytest.raises(InvalidShockError, match="'video_games' has zero output"):
        an.prices(germany_plus_empty, {"video_games": 0.01})


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda t: an.prices(t, {"film": 0.01}), UnknownSectorError, "film"),
        (lambda t: an.prices(t, {"construction": np.inf}), InvalidShockError, "not finite"),
        (lambda t: an.prices(t, {"construction": 0.01}, weights="consumers"),
         InvalidOptionError, "weights='consumers'"),
        (lambda t: an.prices(t, {"construction": 0.01}, weights="inventory_change"),
         InvalidTableError, "negative for sector 'agriculture'"),
        (lambda t: an.prices(t, {"construction": 0.01}, weights=pd.Series(0.0, t.sectors)),
         InvalidTableError, "sum to zero"),
        (lambda t: an.prices(t, {"construction": 0.01}, weights=[1, 2]),
         InvalidTableError, "weights must be"),
        (lambda t: an.cost_push(t, "wages", 0.05), InvalidOptionError, "component='wages'"),
        (lambda t: an.cost_push(t, "taxes", "five"), InvalidShockError, "rate must be a number"),
        (lambda t: an.cost_push(t, "taxes", float("nan")), InvalidShockError, "finite"),
        (lambda t: an.wage_rise(t, 0.05, ["design"]), UnknownSectorError, "design"),
    ],
)
def test_price_model_bad_input(germany_1995: ce.IOTable, call: object, error: type,
                               match: str) -> None:
    with pytest.raises(error, match=match):
        call(germany_1995)  # type: ignore[operator]


def test_wage_rise_without_compensation_row() -> None:
    s = pd.Index(["a", "b"], name="sector")
    t = ce.IOTable.from_frames(
        Z=pd.DataFrame([[1.0, 2.0], [3.0, 1.0]], index=s, columns=s),
        final_demand=pd.Series([10.0, 10.0], index=s),
        value_added=pd.DataFrame([[5.0, 5.0]], index=["gva"], columns=s),
    )
    with pytest.raises(InvalidTableError, match="no compensation"):
        an.wage_rise(t, 0.05)
    with pytest.raises(InvalidTableError, match="no taxes row"):
        an.tax_change(t, 0.05)
    assert an.cost_push(t, "gva", 0.1, weights=None).price_change.gt(0).all()


# ---------------------------------------------------------------------------- purity
def test_no_call_changes_the_table_or_the_callers_data(germany_1995: ce.IOTable) -> None:
    t = germany_1995
    before = _snapshot(t)
    shock = pd.Series({"other_services": 100.0})
    shock_before = shock.copy()
    sectors = ["construction", "agriculture"]
    weights = t.final_demand["households"].copy()
    an.linkages(t)
    an.extraction(t, sectors, jointly=True, keep_diagonal=True)
    an.extraction(t, sectors)
    an.mixed(t, shock, {"construction": 1.0})
    an.output_shock(t, shock)
    an.prices(t, shock / 1000, weights=weights)
    an.wage_rise(t, 0.05, sectors)
    an.ghosh_columns(t, sectors)
    _unchanged(t, before)
    pd.testing.assert_series_equal(shock, shock_before)
    assert sectors == ["construction", "agriculture"]
    pd.testing.assert_series_equal(weights, t.final_demand["households"])


def test_iotable_methods_delegate_to_the_analysis_layer(germany_1995) -> None:
    import creative_econ as ce

    assert isinstance(germany_1995.linkages(), ce.Linkages)
    assert isinstance(germany_1995.extraction(["manufacturing"]), ce.Extraction)
    assert germany_1995.ghosh_multipliers().iloc[0] > 1.0
    sol = germany_1995.mixed({"other_services": float(germany_1995.x["other_services"])})
    assert isinstance(sol, ce.MixedSolution)
    assert isinstance(germany_1995.output_shock({"manufacturing": 10.0}), ce.Impact)
    assert isinstance(germany_1995.prices({"agriculture": 0.0}), ce.PriceEffects)
    assert isinstance(germany_1995.cost_push("compensation", 0.1, ["business_services"]),
                      ce.PriceEffects)
    io = germany_1995.to_pymrio()
    back = ce.IOTable.from_pymrio(io, value_added="factor_inputs")
    assert back.n == germany_1995.n
