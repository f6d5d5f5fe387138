"""Monte Carlo scenarios: intervals, reproducibility, common random numbers, sensitivity."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

import creative_econ as ce
from creative_econ.errors import CreativeEconWarning, InvalidParameterError, ScenarioError
from creative_econ.scenarios.engine import prepare
from creative_econ.scenarios.report import write_report
from creative_econ.scenarios.sensitivity import tornado
from creative_econ.scenarios.spec import UncertaintySpec
from creative_econ.scenarios.uncertainty import monte_carlo

GERMANY = """name: germany
table: germany_1995
base_year: 1995
horizon: 1999
type: II
shocks:
  - {kind: final_demand, label: services, sector: other_services, growth_rate: 0.05}
  - {kind: output, label: plan, sector: construction, amount: 500, years: [1996, 1997]}
productivity: {growth: 0.015}
net: {deadweight: 0.2}
"""

ZERO = ("uncertainty: {draws: 40, seed: 7, coefficients: {distribution: lognormal, sigma: 0.0},"
        " shock_size: {sigma: 0.0}, productivity: {low: 0.015, high: 0.015},"
        " household_propensity: {sigma: 0.0}}\n")

REGION = """name: abai
table: kazakhstan_hybrid_2023
regional_data: kazakhstan_regions_2023
region: ABY
base_year: 2023
horizon: 2026
type: {type}
regionalisation: {{method: flq, delta: 0.3, model: {model}}}
shocks:
  - {{kind: final_demand, label: festival, sector: R90, amount: 400, years: [2024, 2026]}}
uncertainty: {unc}
"""

SEMEY = Path(__file__).parents[2] / "examples" / "scenarios" / "semey_creative_hub.yaml"


def spec(text: str, **changes: object) -> ce.Scenario:
    s = ce.Scenario.from_yaml(text)
    return s.model_copy(update=changes) if changes else s


def with_uncertainty(text: str, block: str) -> ce.Scenario:
    return ce.Scenario.from_yaml(text + f"uncertainty: {block}\n")


def gross(result: ce.ScenarioResult) -> pd.DataFrame:
    return result.frame[result.frame["measure"] == "gross"]


# ---------------------------------------------------------------------------- zero width
def assert_quantiles_equal_values(result: ce.ScenarioResult) -> None:
    f = result.frame
    scale = np.abs(f["value"]).max()
    for col in ("median", "lower", "upper"):
        assert_allclose(f[col], f["value"], rtol=1e-12, atol=1e-12 * scale)
    h = result.headline(interval=True).drop(index="jobs_peak_year", errors="ignore")
    for col in ("median", "lower", "upper"):
        assert_allclose(h[col], h["value"], rtol=1e-12)
    by_year = result.by_year(interval=True)
    for ind in result.indicators:
        assert_allclose(by_year[(ind, "lower")], by_year[(ind, "value")], rtol=1e-12,
                        atol=1e-9)


def test_zero_uncertainty_reproduces_the_point_estimate_national_type_ii() -> None:
    r = ce.run(ce.Scenario.from_yaml(GERMANY + ZERO))
    assert {"median", "lower", "upper"} <= set(r.frame.columns)
    assert_quantiles_equal_values(r)
    det = ce.run(ce.Scenario.from_yaml(GERMANY))
    assert_array_equal(r.frame["value"], det.frame["value"])  # the point estimate is unchanged


@settings(max_examples=8)
@given(st.integers(0, 2**31), st.integers(1, 30), st.floats(0.05, 0.95))
def test_zero_uncertainty_property(seed: int, draws: int, interval: float) -> None:
    block = (f"{{draws: {draws}, seed: {seed}, interval: {interval}, "
             "shock_size: {sigma: 0}, productivity: {low: 0.015, high: 0.015}}")
    r = ce.run(with_uncertainty(GERMANY, block))
    assert_quantiles_equal_values(r)


def test_zero_uncertainty_regional_delta_and_multiregional_coefficients() -> None:
    single = REGION.format(type="II", model="single",
                           unc="{draws: 20, seed: 1, delta: {low: 0.3, high: 0.3}, "
                               "coefficients: {distribution: lognormal, sigma: 0}, "
                               "household_propensity: {sigma: 0}}")
    assert_quantiles_equal_values(ce.run(ce.Scenario.from_yaml(single)))
    two = REGION.format(type="I", model="two_region",
                        unc="{draws: 10, seed: 1, delta: {low: 0.3, high: 0.3}}")
    assert_quantiles_equal_values(ce.run(ce.Scenario.from_yaml(two)))
    semey = with_uncertainty(SEMEY.read_text(encoding="utf-8"),
                             "{draws: 5, seed: 1, coefficients: {distribution: lognormal, "
                             "sigma: 0}, productivity: {low: 0.02, high: 0.02}}")
    assert_quantiles_equal_values(ce.run(semey))


# ---------------------------------------------------------------------------- reproducible
FULL = ("{draws: 60, seed: 42, interval: 0.8, coefficients: {distribution: dirichlet, "
        "precision: 200}, shock_size: {sigma: 0.1}, productivity: {low: 0.0, high: 0.03}, "
        "household_propensity: {sigma: 0.1}}")


def test_same_seed_gives_bit_identical_results() -> None:
    a = ce.run(with_uncertainty(GERMANY, FULL))
    b = ce.run(with_uncertainty(GERMANY, FULL))
    pd.testing.assert_frame_equal(a.frame, b.frame, check_exact=True)
    assert_array_equal(a.uncertainty.totals, b.uncertainty.totals)
    c = ce.run(with_uncertainty(GERMANY, FULL.replace("seed: 42", "seed: 43")))
    assert not np.array_equal(a.uncertainty.totals, c.uncertainty.totals)


def test_interval_columns_are_ordered_and_net_is_scaled() -> None:
    r = ce.run(with_uncertainty(GERMANY, FULL))
    f = r.frame
    assert (f["lower"] <= f["median"] + 1e-9).all()
    assert (f["median"] <= f["upper"] + 1e-9).all()
    g, n = f[f["measure"] == "gross"], f[f["measure"] == "net"]
    for col in ("value", "median", "lower", "upper"):
        assert_allclose(n[col].to_numpy(), 0.8 * g[col].to_numpy())
    h, hn = r.headline(interval=True), r.headline(measure="net", interval=True)
    assert_allclose(hn.loc["job_years", ["lower", "upper"]].astype(float),
                    0.8 * h.loc["job_years", ["lower", "upper"]].astype(float))
    assert r.uncertainty.draws == 60
    card = r.assumptions.to_dict()
    assert card["draws"] == "60"
    assert card["seed"] == "42"
    assert "Dirichlet" in card["uncertain_inputs"]


def test_no_uncertainty_leaves_the_frame_as_it_was() -> None:
    r = ce.run(ce.Scenario.from_yaml(GERMANY))
    assert "lower" not in r.frame.columns
    assert r.uncertainty is None
    with pytest.raises(ScenarioError, match="no uncertainty: block"):
        r.by_year(interval=True)


def test_totals_of_the_draws_add_up_to_the_cells() -> None:
    # each draw's totals are sums over the frame's cells: check with the zero-width run, and
    # the point values of a real run against its deterministic frame
    r = ce.run(with_uncertainty(GERMANY, FULL))
    by_year = r.by_year(interval=True)
    assert_allclose(by_year[("output", "value")], r.by_year()["output"])
    u = r.uncertainty
    comps = u.totals.sum(axis=1)  # draws x indicators x components
    parts = [u.components.index(c) for c in ("direct", "indirect", "induced")]
    assert_allclose(comps[:, :, parts].sum(axis=2), comps[:, :, u.components.index("total")],
                    rtol=1e-10)


# ---------------------------------------------------------------------------- wider in, wider out
def width(r: ce.ScenarioResult, key: str = "job_years") -> float:
    row = r.headline(interval=True).loc[key]
    return float(row["upper"] - row["lower"])


@settings(max_examples=10)
@given(st.floats(0.01, 0.3), st.floats(1.1, 3.0))
def test_intervals_widen_with_the_shock_size_spread(sigma: float, factor: float) -> None:
    def run(s: float) -> ce.ScenarioResult:
        return ce.run(with_uncertainty(GERMANY, f"{{draws: 50, seed: 3, shock_size: "
                                                f"{{sigma: {s}}}}}"))
    assert width(run(sigma * factor)) > width(run(sigma))


def test_intervals_widen_with_coefficient_and_delta_uncertainty() -> None:
    def dirichlet(kappa: float) -> float:
        return width(ce.run(with_uncertainty(
            GERMANY, f"{{draws: 300, seed: 5, coefficients: {{distribution: dirichlet, "
                     f"precision: {kappa}}}}}")))
    assert dirichlet(50) > dirichlet(200) > dirichlet(2000)

    def delta(lo: float, hi: float) -> float:
        return width(ce.run(ce.Scenario.from_yaml(REGION.format(
            type="I", model="single",
            unc=f"{{draws: 200, seed: 5, delta: {{low: {lo}, high: {hi}}}}}"))),
            "output_cumulative")
    assert delta(0.1, 0.5) > delta(0.2, 0.4) > delta(0.29, 0.31)


# ---------------------------------------------------------------------------- solvers agree
def test_multiregional_coefficient_draws_agree_with_refactorised_solves() -> None:
    text = SEMEY.read_text(encoding="utf-8").replace("type: I", "type: II")
    s = with_uncertainty(text, "{draws: 12, seed: 9, coefficients: {distribution: dirichlet, "
                               "precision: 100}, household_propensity: {sigma: 0.1}}")
    prep = prepare(s)
    auto = monte_carlo(prep, progress=False)
    direct = monte_carlo(prep, progress=False, method="refactorise")
    assert_allclose(auto.summary.totals, direct.summary.totals, rtol=1e-10, atol=1e-10)
    assert "iterative refinement" in auto.card["monte_carlo_solver"]
    assert "refactorised: 12" in direct.card["monte_carlo_solver"]


def test_delta_draws_match_models_built_at_each_delta() -> None:
    text = REGION.format(type="II", model="single",
                         unc="{draws: 6, seed: 2, delta: {low: 0.1, high: 0.4}}")
    r = ce.run(ce.Scenario.from_yaml(text))
    deltas = r.uncertainty.samples["delta"]
    totals = r.uncertainty.by_year()[:, :, r.uncertainty.indicators.index("output")]
    base = ce.Scenario.from_yaml(text)
    for d in range(3):
        grid = round(float(deltas[d]), 3)
        rs = base.regionalisation.model_copy(update={"delta": grid})
        det = ce.run(base.model_copy(update={"regionalisation": rs, "uncertainty": None}))
        assert_allclose(totals[d], det.by_year()["output"].to_numpy(), rtol=1e-10)


def test_two_region_delta_and_coefficients() -> None:
    text = REGION.format(type="I", model="two_region",
                         unc="{draws: 30, seed: 2, delta: {low: 0.1, high: 0.4}, "
                             "coefficients: {distribution: dirichlet, precision: 300}}")
    r = ce.run(ce.Scenario.from_yaml(text))
    by_region = r.by_region("output", interval=True)
    assert set(by_region.index) == {"ABY", "REST"}
    assert (by_region["lower"] <= by_region["upper"]).all()
    assert "per FLQ delta grid value" in r.uncertainty.solver


# ---------------------------------------------------------------------------- common random numbers
def test_common_random_numbers_across_scenarios() -> None:
    block = ("{draws: 200, seed: 11, coefficients: {distribution: dirichlet, precision: 100}, "
             "shock_size: {sigma: 0.2}}")
    a = ce.run(with_uncertainty(GERMANY, block))
    more = GERMANY.replace("name: germany", "name: more") + (
        "  - {kind: final_demand, label: extra, sector: trade_transport, amount: 100}\n")
    more = more.replace("productivity: {growth: 0.015}\nnet: {deadweight: 0.2}\n", "") + \
        "productivity: {growth: 0.015}\nnet: {deadweight: 0.2}\n"
    b = ce.run(with_uncertainty(more, block))
    # the same input gets the same draws in both scenarios
    assert_array_equal(a.uncertainty.samples["shock_size:services"],
                       b.uncertainty.samples["shock_size:services"])
    table = ce.compare(a, b)
    diff = table["more - germany"]
    assert diff.loc["job_years", "lower"] > 0  # the extra shock adds jobs in every draw
    # paired draws: the difference's interval is much narrower than either level's
    level = table["germany"].loc["job_years", "upper"] - table["germany"].loc["job_years",
                                                                              "lower"]
    assert diff.loc["job_years", "upper"] - diff.loc["job_years", "lower"] < 0.5 * level
    other_seed = ce.run(with_uncertainty(more, block.replace("seed: 11", "seed: 12")))
    with pytest.warns(CreativeEconWarning, match="not paired"):
        unpaired = ce.compare(a, other_seed)
    assert np.isnan(unpaired["more - germany"].loc["job_years", "lower"])
    flat = ce.compare(a, b, interval=False)
    assert list(flat.columns) == ["germany", "more", "more - germany"]


# ---------------------------------------------------------------------------- tornado
def test_tornado_sorts_inputs_by_swing() -> None:
    block = ("{draws: 200, seed: 4, shock_size: {sigma: 0.3}, productivity: "
             "{low: 0.0, high: 0.001}}")
    r = ce.run(with_uncertainty(GERMANY, block))
    t = r.tornado()
    # jobs peak in 1999, when the output plan (1996-1997) is over: its size cannot matter
    assert list(t["key"]) == ["shock_size:services", "productivity", "shock_size:plan"]
    assert t.loc["size of shock 'plan'", "swing"] == 0.0
    assert (t["swing"].diff().dropna() <= 0).all()
    assert t["base"].iloc[0] == pytest.approx(r.headline()["jobs_peak"])
    assert (t["low"] <= t["high"]).all()
    by_year = tornado(r, "employment", year=1997)
    assert by_year["quantity"].iloc[0] == "employment in 1997"
    with pytest.raises(ScenarioError, match="not a headline quantity"):
        r.tornado("jobs")
    with pytest.raises(InvalidParameterError, match="levels"):
        r.tornado(levels=(0.9, 0.1))


def test_tornado_reuses_the_draws_of_the_full_run() -> None:
    block = "{draws: 100, seed: 8, shock_size: {sigma: 0.2}}"
    s = with_uncertainty(GERMANY, block)
    full = monte_carlo(prepare(s), progress=False)
    one = monte_carlo(prepare(s), only=["shock_size:services"], cells=False, progress=False)
    assert_array_equal(full.summary.samples["shock_size:services"],
                       one.summary.samples["shock_size:services"])
    assert "shock_size:plan" not in one.summary.samples


# ---------------------------------------------------------------------------- report and views
def test_report_has_fan_chart_tornado_and_intervals(tmp_path: Path) -> None:
    r = ce.run(with_uncertainty(GERMANY, "{draws: 30, seed: 1, shock_size: {sigma: 0.1}}"))
    rep = write_report(r, tmp_path)
    md = rep.markdown.read_text(encoding="utf-8")
    assert "## Uncertainty" in md
    assert "90% interval" in md
    assert "Which assumption matters most" in md
    assert (tmp_path / "employment_fan.png").stat().st_size > 0
    assert (tmp_path / "tornado.png").stat().st_size > 0
    assert "seed 1" in md
    sheets = pd.ExcelFile(tmp_path / "germany.xlsx").sheet_names
    assert "headline" in sheets
    lines = r.headline_lines()
    assert any("job_years" in line and "interval" in line for line in lines)
    assert "30 draws (seed 1)" in repr(r)


def test_progress_bar_is_quiet_when_not_a_terminal(capsys: pytest.CaptureFixture) -> None:
    ce.run(with_uncertainty(GERMANY, "{draws: 20, seed: 1, shock_size: {sigma: 0.1}}"))
    assert capsys.readouterr().err == ""


def test_by_region_interval_on_the_multiregional_model() -> None:
    r = ce.run(with_uncertainty(SEMEY.read_text(encoding="utf-8"),
                                "{draws: 40, seed: 1, shock_size: {sigma: 0.1}}"))
    table = r.by_region("employment", interval=True)
    assert len(table) == 20
    assert_allclose(table["value"], r.by_region("employment")["total"])
    assert (table["lower"] <= table["upper"]).all()
    one_year = r.by_region("employment", year=2026, interval=True)
    assert (one_year["lower"] <= one_year["value"] + 1e-9).all()


# ---------------------------------------------------------------------------- bad input
def bad(text: str, match: str) -> None:
    with pytest.raises(ScenarioError, match=match):
        ce.Scenario.from_yaml(text)


def test_zero_draws_is_an_error() -> None:
    bad(GERMANY + "uncertainty: {draws: 0, seed: 1, shock_size: {sigma: 0.1}}\n",
        r"uncertainty\.draws: Input should be greater than or equal to 1")


def test_negative_precision_is_an_error() -> None:
    bad(GERMANY + "uncertainty: {seed: 1, coefficients: {distribution: dirichlet, "
                  "precision: -200}}\n",
        r"uncertainty\.coefficients\.precision: Input should be greater than 0")


def test_negative_sigma_is_an_error() -> None:
    bad(GERMANY + "uncertainty: {seed: 1, shock_size: {sigma: -0.1}}\n",
        r"uncertainty\.shock_size\.sigma: Input should be greater than or equal to 0")
    bad(GERMANY + "uncertainty: {seed: 1, coefficients: {distribution: lognormal, "
                  "sigma: -0.1}}\n",
        r"uncertainty\.coefficients\.sigma: Input should be greater than or equal to 0")


@pytest.mark.parametrize("interval", [0, 1, 1.2, -0.5])
def test_interval_outside_zero_one_is_an_error(interval: float) -> None:
    bad(GERMANY + f"uncertainty: {{seed: 1, interval: {interval}, shock_size: {{sigma: 0.1}}}}\n",
        r"uncertainty\.interval: Input should be")


def test_missing_seed_is_an_error() -> None:
    bad(GERMANY + "uncertainty: {draws: 10, shock_size: {sigma: 0.1}}\n",
        r"uncertainty\.seed: required field is missing")


def test_delta_on_a_national_scenario_names_nothing() -> None:
    bad(GERMANY + "uncertainty: {seed: 1, delta: {low: 0.1, high: 0.4}}\n",
        "uncertainty.delta: a national scenario has no FLQ delta")


def test_delta_on_a_multiregional_model_names_nothing() -> None:
    bad(SEMEY.read_text(encoding="utf-8") + "uncertainty: {seed: 1, delta: {low: 0.1, "
                                            "high: 0.4}}\n",
        "uncertainty.delta: a multiregional model uses trade coefficients")


def test_delta_with_a_method_without_delta_names_nothing() -> None:
    text = REGION.format(type="I", model="single", unc="{seed: 1, delta: {low: 0.1, "
                                                        "high: 0.4}}")
    bad(text.replace("method: flq", "method: slq"),
        "uncertainty.delta: regionalisation method 'slq' has no delta")


def test_growth_path_without_a_growth_path_names_nothing() -> None:
    bad(GERMANY + "uncertainty: {seed: 1, growth_path: true}\n",
        "uncertainty.growth_path: the scenario has no growth_path")


def test_household_propensity_on_type_i_names_nothing() -> None:
    bad(GERMANY.replace("type: II", "type: I") + "uncertainty: {seed: 1, "
                                                 "household_propensity: {sigma: 0.1}}\n",
        "uncertainty.household_propensity: a Type I model has no household closure")


def test_productivity_without_employment_names_nothing() -> None:
    text = """name: nl
table: netherlands_2000
base_year: 2000
horizon: 2002
shocks:
  - {kind: final_demand, sector: services, amount: 100}
uncertainty: {seed: 1, draws: 5, productivity: {low: 0, high: 0.02}}
"""
    with pytest.raises(ScenarioError, match="uncertainty.productivity: the table has no "
                                            "employment"):
        ce.run(ce.Scenario.from_yaml(text))


def test_an_empty_uncertainty_block_is_an_error() -> None:
    bad(GERMANY + "uncertainty: {seed: 1}\n", "uncertainty: names no uncertain input")


def test_unvalidated_specs_are_checked_at_run_time() -> None:
    base = ce.Scenario.from_yaml(GERMANY)
    good = UncertaintySpec(seed=1, shock_size={"sigma": 0.1})
    for field, value, match in (("draws", 0, "uncertainty.draws=0"),
                                ("interval", 1.5, "uncertainty.interval=1.5"),
                                ("seed", -2, "uncertainty.seed=-2")):
        broken = good.model_copy(update={field: value})
        with pytest.raises(InvalidParameterError, match=match):
            ce.run(base.model_copy(update={"uncertainty": broken}))
    with pytest.raises(ScenarioError, match="only="):
        monte_carlo(prepare(base.model_copy(update={"uncertainty": good})), only=["delta"])


def test_dirichlet_without_precision_is_an_error() -> None:
    bad(GERMANY + "uncertainty: {seed: 1, coefficients: {distribution: dirichlet}}\n",
        "a Dirichlet needs precision")


def test_warnings_are_not_raised_by_a_plain_run() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ce.run(with_uncertainty(GERMANY, "{draws: 10, seed: 1, shock_size: {sigma: 0.1}}"))


# ---------------------------------------------------------------------------- growth paths
PATH = """name: path
table: germany_1995
base_year: 1995
horizon: 1999
type: II
shocks:
  - {kind: final_demand, label: services, sector: other_services, growth_path: true}
  - {kind: final_demand, label: fixed, sector: construction, amount: 50}
growth_path:
  base_year: 1995
  years: [1996, 1997, 1998, 1999]
  mean: [1.05, 1.10, 1.16, 1.22]
  nominal: false
  probabilities: [0.05, 0.5, 0.95]
  quantile_values: [[1.00, 1.02, 1.05, 1.07], [1.05, 1.10, 1.16, 1.22], [1.10, 1.19, 1.28, 1.38]]
uncertainty: {draws: 50, seed: 6, growth_path: true, coefficients: {distribution: dirichlet,
              precision: 500}}
"""


def test_growth_path_draws_are_whole_paths_applied_to_the_shock() -> None:
    s = ce.Scenario.from_yaml(PATH)
    r = ce.run(s)
    u = r.uncertainty
    paths = u.samples["growth_path"]
    assert paths.shape == (50, 4)
    lo, hi = np.quantile(paths, [0.05, 0.95], axis=0)
    assert_allclose(lo, [1.00, 1.02, 1.05, 1.07], rtol=0.03)
    assert_allclose(hi, [1.10, 1.19, 1.28, 1.38], rtol=0.03)
    # without coefficient draws, each draw is the deterministic run on its own path
    only = monte_carlo(prepare(s), only=["growth_path"], cells=False, progress=False)
    out = only.summary.by_year()[:, :, only.summary.indicators.index("output")]
    for d in range(3):
        gp = s.growth_path.model_copy(update={"mean": tuple(float(v) for v in paths[d]),
                                              "probabilities": None, "quantile_values": None})
        det = ce.run(s.model_copy(update={"growth_path": gp, "uncertainty": None}))
        assert_allclose(out[d], det.by_year()["output"].to_numpy(), rtol=1e-10)
    assert width(r, "output_cumulative") > 0


def test_right_hand_side_basis_gives_the_same_outputs() -> None:
    from creative_econ.scenarios import perturbed as pt

    rng = np.random.default_rng(0)
    n, D, T = 6, 9, 5
    A = rng.random((n, n)) * 0.1
    patterns = rng.random((2, n))
    coords = rng.random((D, T, 2))
    F = coords @ patterns
    basis = pt.rhs_basis(np.vstack([patterns, 3 * patterns[0]]))
    assert basis.shape == (2, n)
    cfg = pt.ModelConfig(lu=ce.leontief.factorise(A))
    full = pt.simulate(lambda g: cfg, np.zeros(D, dtype=np.intp), F)
    via = pt.simulate(lambda g: cfg, np.zeros(D, dtype=np.intp), F @ basis.T, basis=basis)
    assert_allclose(via.first_round, full.first_round, rtol=1e-12, atol=1e-14)


def test_uncertainty_block_round_trips_through_yaml() -> None:
    s = with_uncertainty(GERMANY, FULL)
    assert ce.Scenario.from_yaml(s.to_yaml()) == s
    assert s.uncertainty.inputs == ("coefficients", "household_propensity", "productivity",
                                    "shock_size")


def test_too_many_draws_for_memory_is_refused() -> None:
    s = with_uncertainty(SEMEY.read_text(encoding="utf-8"),
                         "{draws: 1000000, seed: 1, shock_size: {sigma: 0.1}}")
    with pytest.raises(ScenarioError, match=r"uncertainty\.draws: 1,000,000 draws .* GB"):
        ce.run(s)
