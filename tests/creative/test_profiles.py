"""Spending profiles: bundled ones are valid, reproducible and documented; bad ones refused."""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from creative_econ.creative.profiles import (
    SpendingProfile,
    derive_final_demand_phase,
    derive_profile,
    get_profile,
    list_profiles,
    load_profile,
)
from creative_econ.errors import ScenarioError, UnknownSectorError

BUNDLED = ["illustrative_festival", "illustrative_film_tv_production", "illustrative_museum",
           "illustrative_concert_venue", "illustrative_crafts_fair", "illustrative_creative_hub"]
COLUMNS = {"illustrative_festival": "90", "illustrative_concert_venue": "90",
           "illustrative_film_tv_production": "59-60", "illustrative_museum": "91",
           "illustrative_crafts_fair": "82"}

SIMPLE = {
    "name": "illustrative_simple", "title": "t", "kind": "illustrative", "method": "by hand",
    "phases": [{"name": "operate", "allocations": [
        {"sector": "90", "share": 0.5},
        {"sector": "56", "share": 0.3, "margin_share": 0.1, "margin_sector": "47",
         "tax_share": 0.2, "local_share": 0.5},
        {"leakage": "imports", "share": 0.2},
    ]}],
}


def test_bundled_profiles_are_listed_and_documented():
    table = list_profiles()
    assert sorted(table.index) == sorted(BUNDLED)
    for name in BUNDLED:
        p = get_profile(name)
        assert p.kind == "illustrative"
        assert p.name.startswith("illustrative_")
        assert "UK 2010" in p.method or "uk_ioat_2010" in p.method
        for ph in p.phases:
            assert sum(a.share for a in ph.allocations) == pytest.approx(1.0, abs=1e-9)


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_bundled_profiles_reproduce_from_the_table(uk_2010, name):
    p = get_profile(name)
    again = derive_profile(uk_2010, COLUMNS[name], name=name, title=p.title)
    got = {(a.sector, a.leakage): a.share for a in p.phases[0].allocations}
    want = {(a.sector, a.leakage): a.share for a in again.phases[0].allocations}
    assert got.keys() == want.keys()
    np.testing.assert_allclose([got[k] for k in want], list(want.values()), atol=1e-8)


def test_hub_build_phase_reproduces_from_gfcf(uk_2010):
    hub = get_profile("illustrative_creative_hub")
    build = derive_final_demand_phase(uk_2010, "gfcf", sectors=["41-43", "26", "27", "28", "31"],
                                      imports=33865.0, taxes=9936.0)
    got = {(a.sector, a.leakage): a.share for a in hub.phase("build").allocations}
    want = {(a.get("sector"), a.get("leakage")): a["share"] for a in build["allocations"]}
    assert got == pytest.approx(want, abs=1e-8)
    assert hub.phase("operate").first_year == 2
    assert hub.phase("build").last_year == 1


def test_final_demand_bridges_purchasers_to_basic_prices(uk_2010):
    p = SpendingProfile.from_dict(SIMPLE)
    fd = p.final_demand(1000.0, table=uk_2010)
    assert fd["90"] == pytest.approx(500.0)
    assert fd["56"] == pytest.approx(1000 * 0.3 * (1 - 0.1 - 0.2) * 0.5)
    assert fd["47"] == pytest.approx(1000 * 0.3 * 0.1)
    leak = p.leakages(1000.0)
    assert leak["imports"] == pytest.approx(200.0)
    assert leak["taxes"] == pytest.approx(60.0)
    assert fd.sum() + leak.sum() == pytest.approx(1000.0)
    local = p.final_demand(1000.0, local_shares={"56": 1.0})
    assert local["56"] == pytest.approx(1000 * 0.3 * 0.7)


@given(st.floats(0.0, 1e6), st.floats(0.0, 1.0))
def test_spend_is_conserved(spend, lam):
    p = SpendingProfile.from_dict(SIMPLE)
    fd = p.final_demand(spend, local_shares=lam)
    leak = p.leakages(spend, local_shares=lam)
    assert fd.sum() + leak.sum() == pytest.approx(spend, rel=1e-9, abs=1e-9)


def test_schedule_runs_phases_in_their_years(uk_2010):
    hub = get_profile("illustrative_creative_hub")
    s = hub.schedule({"build": 100.0, "operate": 10.0}, years=4, start_year=2025, table=uk_2010)
    assert list(s.index) == [2025, 2026, 2027, 2028]
    build = hub.final_demand(100.0, phase="build", table=uk_2010)
    operate = hub.final_demand(10.0, phase="operate", table=uk_2010)
    pd.testing.assert_series_equal(s.loc[2025], build, check_names=False)
    pd.testing.assert_series_equal(s.loc[2027], operate, check_names=False)
    impact = uk_2010.impact(s.loc[2025])
    assert impact.summary().loc["output", "total"] > s.loc[2025].sum()


def test_profile_round_trips_through_yaml(tmp_path):
    p = SpendingProfile.from_dict(SIMPLE)
    path = tmp_path / "p.yaml"
    path.write_text(p.to_yaml(), encoding="utf-8")
    assert load_profile(path) == p


# ---------------------------------------------------------------------------- bad input
def test_allocations_that_do_not_add_to_one(tmp_path):
    bad = copy.deepcopy(SIMPLE)
    bad["phases"][0]["allocations"][0]["share"] = 0.6
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(bad), encoding="utf-8")
    with pytest.raises(ScenarioError, match="add up to 1.1, not 1"):
        load_profile(path)


def test_illustrative_profile_must_say_how(tmp_path):
    bad = copy.deepcopy(SIMPLE)
    bad["method"] = ""
    with pytest.raises(ScenarioError, match="method"):
        SpendingProfile.from_dict(bad)
    bad = copy.deepcopy(SIMPLE) | {"name": "festival"}
    with pytest.raises(ScenarioError, match="illustrative_"):
        SpendingProfile.from_dict(bad)
    pub = copy.deepcopy(SIMPLE) | {"name": "festival", "kind": "published"}
    with pytest.raises(ScenarioError, match="cite its source"):
        SpendingProfile.from_dict(pub)


def test_yaml_typo_is_an_error():
    bad = copy.deepcopy(SIMPLE)
    bad["phases"][0]["allocations"][0]["shar"] = 0.5
    with pytest.raises(ScenarioError, match="shar"):
        SpendingProfile.from_dict(bad)


def test_unknown_sector_and_phase(uk_2010):
    bad = copy.deepcopy(SIMPLE)
    bad["phases"][0]["allocations"][0]["sector"] = "R90"
    p = SpendingProfile.from_dict(bad)
    with pytest.raises(UnknownSectorError, match="'R90'"):
        p.final_demand(1.0, table=uk_2010)
    with pytest.raises(ScenarioError, match="Did you mean 'operate'"):
        get_profile("illustrative_creative_hub").final_demand(1.0, phase="operat")
    with pytest.raises(ScenarioError, match="Did you mean 'illustrative_museum'"):
        get_profile("illustrative_musem")


def test_local_share_outside_unit_interval():
    p = SpendingProfile.from_dict(SIMPLE)
    with pytest.raises(ScenarioError, match=r"\[0, 1\]"):
        p.final_demand(1.0, local_shares=1.2)


def test_profile_does_not_touch_the_callers_dict():
    data = copy.deepcopy(SIMPLE)
    SpendingProfile.from_dict(data)
    assert data == SIMPLE
    assert isinstance(pd.Series(dtype=float), pd.Series)
