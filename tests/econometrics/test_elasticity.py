"""Employment-output elasticities: simulated recovery, equality with statsmodels, bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from creative_econ.econometrics import (
    InvalidSeriesError,
    SeriesTooShortError,
    employment_coefficient_path,
    employment_elasticity,
)
from creative_econ.errors import (
    InvalidOptionError,
    InvalidTableError,
    LabelMismatchError,
    ScenarioError,
)

TRUE_EPSILON = 0.6


def simulated_panel(seed: int, epsilon: float = TRUE_EPSILON, regions: int = 20,
                    years: int = 8, noise: float = 0.05) -> pd.DataFrame:
    """ln E = alpha_r + gamma_t + epsilon ln Y + u, with output varying within regions."""
    rng = np.random.default_rng(seed)
    r = np.repeat(np.arange(regions), years)
    t = np.tile(np.arange(years), regions)
    ln_y = 5 + rng.normal(0, 1, regions)[r] + 0.05 * t + rng.normal(0, 0.15, r.size)
    ln_e = (1 + rng.normal(0, 0.5, regions)[r] + rng.normal(0, 0.05, years)[t]
            + epsilon * ln_y + rng.normal(0, noise, r.size))
    return pd.DataFrame({
        "region": [f"R{i:02d}" for i in r], "year": 2010 + t,
        "employment": np.exp(ln_e), "output": np.exp(ln_y),
    })


def test_known_elasticity_is_inside_both_intervals():
    # One seeded sample; a 95% interval misses in 1 sample out of 20, which the coverage test
    # below checks over many samples.
    panel = simulated_panel(seed=0)
    el = employment_elasticity(panel, employment="employment", output="output",
                               entity="region", method="fixed_effects", level=0.95)
    row = el.table.loc["all"]
    assert row["lower_hc3"] < TRUE_EPSILON < row["upper_hc3"]
    assert row["lower_cluster"] < TRUE_EPSILON < row["upper_cluster"]
    assert abs(el.estimate() - TRUE_EPSILON) < 0.05
    assert row["n_obs"] == 160
    assert row["n_clusters"] == 20
    assert any("only 20 clusters" in n for n in el.notes)


def test_interval_coverage_over_repeated_samples():
    hits = 0
    reps = 120
    for seed in range(reps):
        el = employment_elasticity(simulated_panel(seed, regions=10, years=6),
                                   employment="employment", output="output",
                                   entity="region", method="fixed_effects", level=0.9)
        lo, hi = el.interval(cov="HC3")
        hits += lo < TRUE_EPSILON < hi
    assert 0.82 <= hits / reps <= 0.97


def test_fixed_effects_match_statsmodels_directly():
    panel = simulated_panel(seed=5)
    el = employment_elasticity(panel, employment="employment", output="output",
                               entity="region", method="fixed_effects", level=0.95)
    formula = "np.log(employment) ~ np.log(output) + C(region) + C(year)"
    hc3 = smf.ols(formula, data=panel).fit(cov_type="HC3", use_t=True)
    groups = pd.factorize(panel["region"])[0]
    cl = smf.ols(formula, data=panel).fit(cov_type="cluster", cov_kwds={"groups": groups},
                                          use_t=True)
    name = "np.log(output)"
    row = el.table.loc["all"]
    assert_allclose(row["estimate"], hc3.params[name], rtol=1e-10)
    assert_allclose(row["se_hc3"], hc3.bse[name], rtol=1e-10)
    assert_allclose([row["lower_hc3"], row["upper_hc3"]], hc3.conf_int(0.05).loc[name],
                    rtol=1e-10)
    assert_allclose(row["se_cluster"], cl.bse[name], rtol=1e-10)
    assert_allclose([row["lower_cluster"], row["upper_cluster"]], cl.conf_int(0.05).loc[name],
                    rtol=1e-10)
    assert el.results["all"]["HC3"].cov_type == "HC3"


def test_national_ols_by_section_matches_statsmodels(kz_gva):
    from creative_econ.datasets._kazakhstan import kazakhstan_employment_by_section

    emp = kazakhstan_employment_by_section(sections=["J", "M", "R"])
    nat = kz_gva.merge(emp, on=["year", "section"])
    el = employment_elasticity(nat, employment="employed_thousand", output="gva_mln_kzt",
                               by="section", nominal=True)
    assert list(el.table.index) == ["J", "M", "R"]
    j = nat[nat["section"] == "J"]
    direct = smf.ols("np.log(employed_thousand) ~ np.log(gva_mln_kzt)", data=j).fit(
        cov_type="HC3", use_t=True)
    assert_allclose(el.estimate("J"), direct.params.iloc[1], rtol=1e-10)
    assert_allclose(el.standard_error("J"), direct.bse.iloc[1], rtol=1e-10)
    assert "se_cluster" not in el.table.columns
    assert any("nominal output" in n for n in el.notes)
    assert el.table.loc["J", "n_obs"] == 11


def test_first_differences_match_statsmodels(kz_gva):
    from creative_econ.datasets._kazakhstan import kazakhstan_employment_by_section

    emp = kazakhstan_employment_by_section(sections=["M"])
    nat = kz_gva.merge(emp, on=["year", "section"]).sort_values("year")
    el = employment_elasticity(nat, employment="employed_thousand", output="gva_mln_kzt",
                               differences=True)
    d = pd.DataFrame({"dE": np.diff(np.log(nat["employed_thousand"])),
                      "dY": np.diff(np.log(nat["gva_mln_kzt"]))})
    direct = smf.ols("dE ~ dY", data=d).fit(cov_type="HC3", use_t=True)
    assert_allclose(el.estimate(), direct.params["dY"], rtol=1e-10)
    assert_allclose(el.interval(), direct.conf_int(0.1).loc["dY"], rtol=1e-10)
    assert el.table.loc["all", "n_obs"] == 10


def test_regional_broad_sectors_two_way_fixed_effects(kz_regional_panel):
    el = employment_elasticity(kz_regional_panel, employment="employed",
                               output="output_mln_kzt", entity="region", by="sector",
                               method="fixed_effects", nominal=True)
    assert list(el.table.index) == ["A", "B-F", "G-U"]
    assert (el.table["n_obs"] == 80).all()
    assert (el.table["n_clusters"] == 20).all()
    assert any("Cameron & Miller" in n for n in el.notes)
    assert any("year dummies absorb" in n for n in el.notes)
    tidy = el.to_frame()
    assert set(tidy["covariance"]) == {"HC3", "cluster"}
    draws = el.sample(1000, 0, group="A")
    assert abs(draws.mean() - el.estimate("A")) < 0.02


@given(scale_e=st.floats(1e-3, 1e3), scale_y=st.floats(1e-3, 1e3))
def test_elasticity_does_not_depend_on_units(scale_e, scale_y):
    panel = simulated_panel(seed=3, regions=6, years=5)
    base = employment_elasticity(panel, employment="employment", output="output",
                                 entity="region", method="fixed_effects")
    scaled = panel.assign(employment=panel["employment"] * scale_e,
                          output=panel["output"] * scale_y)
    again = employment_elasticity(scaled, employment="employment", output="output",
                                  entity="region", method="fixed_effects")
    assert_allclose(again.estimate(), base.estimate(), rtol=1e-7)


def test_input_not_modified():
    panel = simulated_panel(seed=1, regions=5, years=4)
    before = panel.copy(deep=True)
    employment_elasticity(panel, employment="employment", output="output", entity="region",
                          method="fixed_effects")
    pd.testing.assert_frame_equal(panel, before)


# ---------------------------------------------------------------------- coefficient path
def test_coefficient_path_formula():
    e0 = np.array([10.0, 4.0])
    index = np.array([[1.1, 1.0], [1.21, 1.5]])  # years x sectors
    eps = np.array([0.5, 1.0])
    out = employment_coefficient_path(e0, index, eps)
    assert_allclose(out, e0 * index ** (eps - 1))
    assert_allclose(out[:, 1], 4.0)  # unit elasticity keeps the coefficient


@given(st.floats(0.2, 5.0), st.floats(-0.5, 1.5))
def test_coefficient_path_keeps_jobs_growing_at_elasticity(growth, eps):
    # E_t = e_t x_t = E_0 (x_t/x_0)^eps
    e = employment_coefficient_path(2.0, growth, eps)
    assert_allclose(e * growth * 100.0, 2.0 * 100.0 * growth**eps, rtol=1e-10)


def test_coefficient_path_bad_index():
    with pytest.raises(ScenarioError, match="positive growth factors"):
        employment_coefficient_path(1.0, [1.1, 0.0], 0.5)


def test_coefficient_path_shapes_do_not_broadcast():
    with pytest.raises(ScenarioError, match="broadcast"):
        employment_coefficient_path(np.ones(3), np.ones((2, 2)), 0.5)


# ---------------------------------------------------------------------- bad input
def test_employment_derived_from_output_is_refused():
    panel = simulated_panel(seed=2, regions=4, years=5)
    derived = panel.assign(employment=panel["output"] * 0.37)
    with pytest.raises(InvalidTableError, match="looks derived from output"):
        employment_elasticity(derived, employment="employment", output="output",
                              entity="region", method="fixed_effects")


def test_missing_column():
    panel = simulated_panel(seed=2, regions=4, years=5)
    with pytest.raises(LabelMismatchError, match="Did you mean 'employment'"):
        employment_elasticity(panel, employment="employmnt", output="output")


def test_non_positive_values():
    panel = simulated_panel(seed=2, regions=4, years=5)
    panel.loc[3, "output"] = 0.0
    with pytest.raises(InvalidSeriesError, match=r"positive and finite .* region=R00, year=2013"):
        employment_elasticity(panel, employment="employment", output="output", entity="region")


def test_fixed_effects_need_an_entity():
    panel = simulated_panel(seed=2, regions=4, years=5)
    with pytest.raises(InvalidOptionError, match="entity"):
        employment_elasticity(panel, employment="employment", output="output",
                              method="fixed_effects")


def test_duplicate_entity_year():
    panel = simulated_panel(seed=2, regions=4, years=5)
    with pytest.raises(InvalidTableError, match="More than one observation for year 2010"):
        employment_elasticity(panel, employment="employment", output="output")


def test_gaps_in_years_for_differences():
    panel = simulated_panel(seed=2, regions=1, years=8)
    with pytest.raises(InvalidSeriesError, match="Gaps in years.*2013"):
        employment_elasticity(panel[panel["year"] != 2013], employment="employment",
                              output="output", differences=True)


def test_too_few_observations():
    panel = simulated_panel(seed=2, regions=1, years=4)
    with pytest.raises(SeriesTooShortError, match="at least 5 are needed"):
        employment_elasticity(panel, employment="employment", output="output")


def test_unknown_method():
    panel = simulated_panel(seed=2, regions=4, years=5)
    with pytest.raises(InvalidOptionError, match="Did you mean 'fixed_effects'"):
        employment_elasticity(panel, employment="employment", output="output",
                              entity="region", method="fixed_effect")


def test_unknown_group():
    panel = simulated_panel(seed=2, regions=4, years=5)
    el = employment_elasticity(panel, employment="employment", output="output", entity="region")
    with pytest.raises(InvalidOptionError, match="group"):
        el.estimate("J")
