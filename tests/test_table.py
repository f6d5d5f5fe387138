"""IOTable behaviour beyond the reference numbers: aggregation, views, results objects."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose

import creative_econ as ce
from creative_econ.table import HOUSEHOLDS


def test_aggregation_keeps_totals_and_type_ii(uk_2010: ce.IOTable) -> None:
    creative = {"58", "59-60", "62", "71", "73", "74", "90", "91"}
    mapping = {s: ("creative" if s in creative else "rest") for s in uk_2010.sectors}
    agg = uk_2010.aggregate(mapping)
    assert list(agg.sectors) == ["rest", "creative"]
    assert agg.x.sum() == pytest.approx(uk_2010.x.sum())
    assert agg.gva.sum() == pytest.approx(uk_2010.gva.sum())
    assert agg.closure.total_income == pytest.approx(uk_2010.closure.total_income)
    # Aggregating both the shock and the table: Type I output of a shock spread in proportion
    # to final demand is the same as in the full table when the shock is the whole of f.
    full = uk_2010.impact(uk_2010.final_demand_total).summary().loc["output", "total"]
    small = agg.impact(agg.final_demand_total).summary().loc["output", "total"]
    assert small == pytest.approx(full, rel=1e-9)
    assert agg.multipliers("II").notna().all().all()


def test_effects_and_multipliers_frames(germany_1995: ce.IOTable) -> None:
    e1 = germany_1995.effects("I")
    assert list(e1.columns) == ["output", "gva", "income", "employment", "imports", "taxes"]
    assert e1.columns.name == "indicator"
    e2 = germany_1995.effects("II")
    assert list(e2.columns[:2]) == ["output", "output_total"]
    assert_allclose(germany_1995.multipliers("I")["output"], e1["output"])
    assert germany_1995.effects(1).equals(e1)  # integers accepted for the model type


def test_impact_results_object(germany_1995: ce.IOTable) -> None:
    im = germany_1995.impact(pd.Series({"business_services": 100.0}), type="II")
    assert im.indicators == ["output", "gva", "income", "employment", "imports", "taxes"]
    assert im.components == ["direct", "indirect", "induced", "total"]
    assert im.by_sector.index[-1] == HOUSEHOLDS
    tidy = im.to_frame()
    assert list(tidy.columns) == ["sector", "indicator", "component", "value"]
    summ = im.summary()
    assert summ.loc["output", "direct"] == pytest.approx(100.0)
    assert_allclose(summ["total"], summ[["direct", "indirect", "induced"]].sum(axis=1))
    assert im.household_income == pytest.approx(summ.loc["income", "total"])  # h_hh = 0
    assert "Type II household closure" in (im.assumptions.closure or "")
    assert "<table>" in im._repr_html_()
    assert "| output |" in im.to_markdown_summary()


def test_type_i_impact_has_no_induced_component(germany_1995: ce.IOTable) -> None:
    im = germany_1995.impact({"agriculture": 1.0})
    assert im.components == ["direct", "indirect", "total"]
    assert im.household_income is None
    assert HOUSEHOLDS not in im.by_sector.index


def test_views_and_display(uk_2010: ce.IOTable) -> None:
    assert repr(uk_2010) == "IOTable('uk_ioat_2010', 127 sectors, year=2010, unit='million GBP')"
    html = uk_2010._repr_html_()
    assert "IOTable" in html
    assert "Notes" in html
    assert uk_2010.summary()["sectors"] == 127
    assert 0 < uk_2010.spectral_radius < 1
    assert_allclose(uk_2010.B.to_numpy() * uk_2010.x.to_numpy()[:, None], uk_2010.Z.to_numpy(),
                    rtol=1e-12, atol=1e-9)


def test_assumptions_card() -> None:
    card = ce.Assumptions(dataset="d", year=2020).with_entries(method="flq", delta=0.3)
    assert card.to_dict()["delta"] == "0.3"
    assert "| method | flq |" in card.to_markdown()
    assert card.with_entries(delta=0.2).to_dict()["delta"] == "0.2"


def test_datasets_registry() -> None:
    frame = ce.list_datasets()
    assert {"uk_ioat_2010", "germany_1995", "netherlands_2000"} <= set(frame.index)
    assert frame.loc["uk_ioat_2010", "licence"].startswith("Open Government Licence")
    assert ce.load_dataset("germany_1995") is ce.load_dataset("germany_1995")  # built once
    info = ce.dataset_info("germany_1995")
    assert "P1" in info.transformations


def test_ghosh_identity_on_bundled_table(germany_1995: ce.IOTable) -> None:
    x = germany_1995.x.to_numpy()
    G = germany_1995.G.to_numpy()
    assert_allclose(G, germany_1995.L.to_numpy() * x[None, :] / x[:, None], rtol=1e-12)
    B = germany_1995.B.to_numpy()
    assert_allclose(G @ (np.eye(6) - B), np.eye(6), atol=1e-12)
