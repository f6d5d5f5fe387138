"""The scenario engine on national tables."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

import creative_econ as ce
from creative_econ.errors import (
    DatasetNotFoundError,
    InvalidShockError,
    ScenarioError,
    UnknownSectorError,
)
from creative_econ.scenarios.report import write_report

GERMANY = """name: germany
table: germany_1995
base_year: 1995
horizon: 1999
shocks:
  - kind: final_demand
    sector: other_services
    growth_rate: 0.05
productivity: {growth: 0.015}
"""


def scenario(text: str = GERMANY, **changes: object) -> ce.Scenario:
    spec = ce.Scenario.from_yaml(text)
    return spec.model_copy(update=changes) if changes else spec


def test_methods_regression_fixture() -> None:
    # METHODS §5.1 (recomputed, not published): Germany 1995, other services' final demand
    # growing 5 %/yr, employment coefficients falling 1.5 %/yr. Year 1: dF = 22,114.0,
    # dX = 30,478.6 (million EUR), Type I jobs 527,719 (the table counts thousand persons).
    r = ce.run(scenario())
    year1 = r.by_year().loc[1996]
    assert r.shocks.total().loc[1996].sum() == pytest.approx(22_114.0, abs=0.05)
    assert year1["output"] == pytest.approx(30_478.6, abs=0.05)
    assert year1["employment"] * 1000 == pytest.approx(527_719, abs=0.5)
    assert r.by_year().loc[1995, "output"] == 0.0


def test_results_linear_in_shock_size() -> None:
    text = GERMANY.replace("growth_rate: 0.05", "amount: 100")
    r1 = ce.run(scenario(text)).frame["value"].to_numpy()
    r3 = ce.run(scenario(text.replace("amount: 100", "amount: 300"))).frame["value"].to_numpy()
    assert_allclose(r3, 3 * r1, rtol=1e-12, atol=1e-9)


def test_type_ii_at_least_type_i_and_gross_at_least_net() -> None:
    t1 = ce.run(scenario()).by_year()
    t2 = ce.run(scenario(GERMANY + "type: II\nnet: {deadweight: 0.2, leakage: 0.1}\n"))
    assert (t2.by_year()["output"] >= t1["output"] - 1e-9).all()
    assert (t2.by_year(measure="net")["output"] <= t2.by_year()["output"] + 1e-9).all()
    assert_allclose(t2.by_year(measure="net")["output"], 0.72 * t2.by_year()["output"])
    comps = t2.components()
    assert_allclose(comps["total"], comps[["direct", "indirect", "induced"]].sum(axis=1))


def test_reordered_shocks_give_the_same_result() -> None:
    two = GERMANY + """  - kind: output
    sector: business_services
    amount: 500
    years: [1996, 1997]
"""
    two = two.replace("productivity: {growth: 0.015}\n", "") + "productivity: {growth: 0.015}\n"
    spec = scenario(two)
    flipped = spec.model_copy(update={"shocks": tuple(reversed(spec.shocks))})
    a, b = ce.run(spec).by_year(), ce.run(flipped).by_year()
    pd.testing.assert_frame_equal(a, b)


def test_output_shock_matches_the_mixed_model(germany_1995: ce.IOTable) -> None:
    text = """name: out
table: germany_1995
base_year: 1995
horizon: 1996
shocks:
  - {kind: output, sector: business_services, amount: 1000, years: [1996, 1996]}
"""
    r = ce.run(scenario(text))
    got = r.by_sector("output", year=1996).droplevel("region")
    expected = germany_1995.output_shock({"business_services": 1000.0})["output"]
    assert_allclose(got["total"], expected["total"], rtol=1e-10)
    assert got.loc["business_services", "direct"] == pytest.approx(1000.0)


def test_two_output_shocks_fix_both_outputs(germany_1995: ce.IOTable) -> None:
    text = """name: out2
table: germany_1995
base_year: 1995
horizon: 1996
shocks:
  - {kind: output, sector: business_services, amount: 1000}
  - {kind: output, sector: construction, amount: 500}
"""
    got = ce.run(scenario(text)).by_sector("output", year=1996).droplevel("region")["total"]
    assert got["business_services"] == pytest.approx(1000.0)
    assert got["construction"] == pytest.approx(500.0)


def test_unknown_and_zero_output_sectors() -> None:
    with pytest.raises(UnknownSectorError, match="'other_service'.*Did you mean"):
        ce.run(scenario(GERMANY.replace("sector: other_services", "sector: other_service")))
    with pytest.raises(DatasetNotFoundError, match="table: No bundled dataset 'germany_1996'"):
        ce.run(scenario(GERMANY.replace("table: germany_1995", "table: germany_1996")))


def test_zero_output_sector_refused(tmp_path: Path) -> None:
    # a table with an empty sector, through the shock builder
    from creative_econ.scenarios.shocks import build_shocks

    de = ce.load_dataset("germany_1995")
    Z = de.Z.copy()
    Z["empty"] = 0.0
    Z.loc["empty"] = 0.0
    fd = de.final_demand.copy()
    fd.loc["empty"] = 0.0
    va = de.value_added.copy()
    va["empty"] = 0.0
    t = ce.IOTable.from_frames(Z=Z, final_demand=fd, value_added=va, name="with_empty")
    spec = scenario(GERMANY.replace("sector: other_services", "sector: empty").replace(
        "growth_rate: 0.05", "amount: 10"))
    with pytest.raises(InvalidShockError, match="'empty' has zero output"):
        build_shocks(t, spec)


def test_investment_programme_through_a_spending_profile() -> None:
    text = """name: hub
table: uk_ioat_2010
base_year: 2010
horizon: 2015
type: II
shocks:
  - kind: investment
    profile: illustrative_creative_hub
    build: {years: [2011, 2012], spend: 20}
    operate: {years: [2013, 2015], spend: 5}
"""
    r = ce.run(scenario(text))
    fd = r.shocks.total()
    assert fd.loc[2010].sum() == 0.0
    assert 0 < fd.loc[2011].sum() <= 20.0  # basic prices, local purchases only
    assert 0 < fd.loc[2013].sum() <= 5.0
    assert r.by_year().loc[2011, "output"] > fd.loc[2011].sum()
    assert any("illustrative_creative_hub" in n for n in r.assumptions.notes)


def test_domain_and_creative_shocks_on_the_uk_table() -> None:
    text = """name: uk_creative
table: uk_ioat_2010
base_year: 2010
horizon: 2011
shocks:
  - {kind: final_demand, creative: true, amount: 100}
"""
    r = ce.run(scenario(text))
    fd = r.shocks.total().loc[2011]
    assert fd.sum() == pytest.approx(100.0)
    assert fd["90"] > 0
    assert fd["01"] == 0
    bad = text.replace("creative: true", "domain: Cinema")
    with pytest.raises(ScenarioError, match="domain 'Cinema'"):
        ce.run(scenario(bad))


def test_target_path_shock() -> None:
    text = """name: target
table: uk_ioat_2010
base_year: 2010
horizon: 2015
shocks:
  - {kind: target, target_share: 0.06, target_year: 2015, gdp_growth: 0.02}
"""
    r = ce.run(scenario(text))
    fd = r.shocks.total().sum(axis=1)
    assert fd.loc[2010] == pytest.approx(0.0)
    assert (fd.loc[2011:] > 0).all()
    assert any("target: creative gva share" in n for n in r.assumptions.notes)


def test_compare_and_exports(tmp_path: Path) -> None:
    a = ce.run(scenario())
    b = ce.run(scenario(GERMANY.replace("name: germany", "name: faster").replace("0.05", "0.08")))
    table = ce.compare(a, b)
    assert list(table.columns) == ["germany", "faster", "faster - germany"]
    assert table.loc["job_years", "faster - germany"] > 0
    a.to_csv(tmp_path / "a.csv")
    a.to_parquet(tmp_path / "a.parquet")
    a.to_excel(tmp_path / "a.xlsx")
    back = pd.read_parquet(tmp_path / "a.parquet")
    assert len(back) == len(a.frame)
    sheets = pd.ExcelFile(tmp_path / "a.xlsx").sheet_names
    assert {"headline", "by_year", "assumptions", "shocks"} <= set(sheets)
    with pytest.raises(ScenarioError, match="same name"):
        ce.compare(a, a)


def test_jobs_and_job_years_kept_distinct() -> None:
    r = ce.run(scenario())
    h = r.headline()
    assert h["job_years"] == pytest.approx(r.by_year()["employment"].sum())
    assert h["jobs_peak"] == pytest.approx(r.by_year()["employment"].max())
    assert h["jobs_peak"] < h["job_years"]


def test_report_opens_with_headline(tmp_path: Path) -> None:
    r = ce.run(scenario(GERMANY + "type: II\n"))
    rep = write_report(r, tmp_path)
    md = rep.markdown.read_text(encoding="utf-8")
    assert md.splitlines()[2] == "## Headline"
    assert "job-years" in md
    assert (tmp_path / "report.html").stat().st_size > 0
    assert (tmp_path / "employment_over_years.png").stat().st_size > 0


@settings(max_examples=20)
@given(st.floats(1.0, 1e4), st.floats(1.0, 1e4))
def test_additive_in_shocks(a: float, b: float) -> None:
    def spec(amounts: list[float]) -> ce.Scenario:
        shocks = "".join(f"  - {{kind: final_demand, sector: {s}, amount: {v}}}\n"
                         for s, v in zip(["construction", "other_services"], amounts,
                                         strict=False) if v)
        return ce.Scenario.from_yaml(
            f"name: s\ntable: germany_1995\nbase_year: 1995\nhorizon: 1996\nshocks:\n{shocks}")
    both = ce.run(spec([a, b])).by_year()
    one = ce.run(spec([a, 0])).by_year() + ce.run(spec([0, b])).by_year()
    assert_allclose(both.to_numpy(), one.to_numpy(), rtol=1e-10)
    assert np.all(both.to_numpy() >= 0)


def test_running_a_scenario_leaves_the_bundled_table_alone() -> None:
    uk = ce.load_dataset("uk_ioat_2010")
    name, labels = uk.sectors.name, uk.labels.copy()
    ce.run(ce.Scenario.from_yaml(
        "name: s\ntable: uk_ioat_2010\nbase_year: 2010\nhorizon: 2011\nshocks:\n"
        "  - {kind: final_demand, sector: '90', amount: 1}\n"))
    assert uk.sectors.name == name
    pd.testing.assert_series_equal(uk.labels, labels)


@pytest.fixture(scope="module")
def synthetic_region() -> Iterator[str]:
    """Regional data for one made-up region holding 8% of every UK sector (tests only)."""
    uk = ce.load_dataset("uk_ioat_2010")
    reg = ce.RegionalData(output=(uk.x * 0.08).to_frame("R1").T, year=2010, unit=uk.unit,
                          source="synthetic: 8% of UK output in every sector (test only)")
    ce.datasets.register_dataset("test_synthetic_region", reg, replace=True)
    yield "test_synthetic_region"
    ce.datasets.unregister_dataset("test_synthetic_region")


REGIONAL = """name: regional
table: uk_ioat_2010
regional_data: test_synthetic_region
region: R1
base_year: 2010
horizon: 2011
regionalisation: {method: flq, delta: 0.3}
shocks:
  - {kind: final_demand, sector: '90', amount: 10}
"""


def test_single_region_scenario(synthetic_region: str) -> None:
    r = ce.run(ce.Scenario.from_yaml(REGIONAL))
    national = ce.run(ce.Scenario.from_yaml(REGIONAL.replace("regional_data: "
                                                               "test_synthetic_region\n", "")
                                            .replace("region: R1\n", "")
                                            .replace("regionalisation: {method: flq, delta: "
                                                     "0.3}\n", "")))
    assert r.regions == ["R1"]
    regional_output = r.by_year().loc[2011, "output"]
    assert 10.0 < regional_output < national.by_year().loc[2011, "output"]
    card = r.assumptions.to_dict()
    assert any("flq" in str(v).lower() for v in card.values())


def test_two_region_scenario_adds_spillovers(synthetic_region: str) -> None:
    text = REGIONAL.replace("regionalisation: {method: flq, delta: 0.3}",
                            "regionalisation: {method: flq, delta: 0.3, model: two_region}")
    r = ce.run(ce.Scenario.from_yaml(text))
    assert set(r.regions) == {"R1", "REST"}
    by_region = r.by_region("output", year=2011)["total"]
    assert by_region["R1"] > by_region["REST"] > 0
    single = ce.run(ce.Scenario.from_yaml(REGIONAL)).by_year().loc[2011, "output"]
    assert by_region["R1"] >= single - 1e-9  # interregional feedback only adds


def test_regional_errors(synthetic_region: str) -> None:
    with pytest.raises(ce.errors.UnknownRegionError, match="'R2'"):
        ce.run(ce.Scenario.from_yaml(REGIONAL.replace("region: R1", "region: R2")))
    with pytest.raises(ScenarioError, match="needs regional_data"):
        ce.run(ce.Scenario.from_yaml(REGIONAL.replace("regional_data: test_synthetic_region\n",
                                                      "")))


def test_spend_through_a_profile_is_bridged_to_basic_prices() -> None:
    text = """name: profile
table: uk_ioat_2010
base_year: 2010
horizon: 2011
shocks:
  - {kind: final_demand, profile: illustrative_festival, prices: purchasers, amount: 100}
"""
    r = ce.run(ce.Scenario.from_yaml(text))
    fd = r.shocks.total().loc[2011]
    assert 0 < fd.sum() < 100  # margins, taxes, imports and non-local purchases leak
    festival = ce.creative.get_profile("illustrative_festival").final_demand(100.0)
    assert fd.reindex(festival.index).sum() == pytest.approx(festival.sum())
