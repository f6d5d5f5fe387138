# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # A forecast-driven creative growth path for Kazakhstan
#
# This notebook goes from official Kazakhstan series to a creative growth path with its
# uncertainty, the form in which a scenario takes growth from evidence:
#
# 1. forecast gross value added (GVA) of the creative proxy sections with
#    `ce.econometrics.forecast`;
# 2. turn the forecast into a `GrowthPathDistribution` (mean, quantiles, joint draws of whole
#    paths) and the implied final-demand growth path;
# 3. apply it to a bundled input-output table's creative products (a stand-in: no Kazakhstan
#    inter-industry table is bundled);
# 4. estimate an employment-output elasticity and the employment path it implies;
# 5. decompose regional change with shift-share and allocate national growth to the 20 regions.
#
# **Data.** Bureau of National Statistics (BNS ASPR RK) series bundled with creative_econ:
# national GVA by OKED section 2015-2025, employment by section 2010-2025, output by region
# and section 2022-2025 (provenance in `creative_econ/datasets/PROVENANCE_kazakhstan.md`).
# Sections J (information and communication), M (professional, scientific and technical) and
# R (arts, entertainment and recreation) serve as creative proxies (METHODS §9.1); they are
# broader than any creative-industries definition (J includes telecoms, M includes legal and
# accounting services).
#
# **Prices.** All values are in current prices (million KZT) and no deflators are bundled:
# every growth rate below is **nominal** and includes price change. 2025 figures are
# probably preliminary.

# %% tags=["parameters"]
import os

N_DRAWS = 200 if os.environ.get("CREATIVE_ECON_EXAMPLES") == "small" else 2000

# %%
import warnings

import numpy as np
import pandas as pd

import creative_econ as ce
import creative_econ.econometrics as em
from creative_econ.datasets import _kazakhstan as kz

pd.set_option("display.width", 120)
pd.set_option("display.precision", 4)
SEED = 20250101  # every random draw below comes from this seed
PROXY = list(kz.CREATIVE_PROXY_SECTIONS)  # ["J", "M", "R"]

gva = kz.kazakhstan_gva_by_section(sections=PROXY)
wide = gva.pivot(index="year", columns="section", values="gva_mln_kzt")
wide["J+M+R"] = wide[PROXY].sum(axis=1)
wide.round(0)

# %% [markdown]
# ## 1. Forecasts
#
# Eleven annual points are too few for damped-trend ETS: creative_econ asks for three
# observations per estimated parameter (`em.min_points("ets")` = 15), and choosing between
# models by rolling-origin back-test needs 18. With `model="auto"` the forecast falls back to
# ARIMA(0,1,0) with drift on logs (a random walk with drift: growth at the mean past log
# growth rate, intervals widening with the horizon) and says so in its notes and a warning.

# %%
print("points needed: ETS", em.min_points("ets"), "| ARIMA(0,1,0) with drift",
      em.min_points("arima"))
forecasts = {}
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    for name in [*PROXY, "J+M+R"]:
        series = wide[name].rename(f"GVA {name}")
        forecasts[name] = em.forecast(series, model="auto", horizon=5, level=0.9,
                                      nominal=True, unit="million KZT, current prices",
                                      source="BNS GVA by OKED section (element 4439)")
print(f"{len(caught)} warnings, e.g.: {caught[0].message}")
print(forecasts["J+M+R"])

# %%
summary = pd.DataFrame({
    name: {
        "growth 2015-2025 (mean, % p.a.)": 100 * (np.exp(np.diff(np.log(wide[name])).mean()) - 1),
        "forecast 2030 (median)": fc.median.loc[2030],
        "90% interval low": fc.lower.loc[2030],
        "90% interval high": fc.upper.loc[2030],
    }
    for name, fc in forecasts.items()
}).T
summary.round(1)

# %% [markdown]
# The fitted statsmodels result stays available as an escape hatch:

# %%
fc = forecasts["J+M+R"]
print(fc.result.summary().tables[1])
fig = fc.plot(title="GVA of J+M+R, million KZT (current prices), with 90% interval")

# %% [markdown]
# ## 2. The growth path a scenario samples from
#
# `Forecast.to_growth_path()` expresses the forecast as growth factors relative to the last
# observed year, $G_t = x_t / x_{2025}$: the mean path, the interval bounds and median as
# quantiles, and 2,000 joint simulated paths from `result.simulate(..., anchor="end")`. The
# scenario engine samples whole paths from it in its Monte Carlo, so forecast uncertainty
# shows in the impact intervals. The paths are nominal.

# %%
path = fc.to_growth_path(n_draws=N_DRAWS, rng=SEED)
print(path)
path.to_frame()

# %% [markdown]
# A final-demand change follows the path, $\Delta f_t = f_{2025}\,(G_t - 1)$ (METHODS §5.1).
# The implied annual (nominal) growth of the mean path, and of final demand:

# %%
path.mean_annual_growth().mul(100).round(2).rename("mean path growth, % p.a. (nominal)")

# %% [markdown]
# ## 3. Applied to a bundled table's creative products (stand-in)
#
# No Kazakhstan inter-industry table is bundled (BNS publishes symmetric tables of up to 68
# products; `creative_econ.io` will read them). To show the mechanics, the path is applied to
# the creative-proxy products of the UK 2010 table (`uk_ioat_2010`, million GBP): the market
# products of sections J (58-63), M (69-75) and R (90-93). **The numbers are an illustration of
# the calculation, not an estimate for Kazakhstan or for the UK**: they mix a Kazakhstan nominal
# growth path with a UK 2010 production structure.

# %%
uk = ce.load_dataset("uk_ioat_2010")


def section_of(code: str) -> str | None:
    if not code[:2].isdigit():  # non-market (NM_) and NPISH products
        return None
    division = int(code[:2])
    return "J" if 58 <= division <= 63 else "M" if 69 <= division <= 75 else (
        "R" if 90 <= division <= 93 else None)


creative = [s for s in uk.sectors if section_of(s)]
f0 = uk.final_demand_total.loc[creative]
output_effect = uk.effects(type="I")["output"].loc[creative]  # output per unit of final demand
print(f"{len(creative)} products; base final demand {f0.sum():,.0f} million GBP")

draws = path.sample(N_DRAWS, SEED)                      # (draws, years) growth factors
delta_f = np.multiply.outer(draws - 1.0, f0.to_numpy())  # (draws, years, products)
delta_x = delta_f @ output_effect.to_numpy()           # total output change by draw and year
impact_path = pd.DataFrame(
    np.quantile(delta_x, [0.05, 0.5, 0.95], axis=0).T, index=pd.Index(path.years, name="year"),
    columns=["p5", "median", "p95"],
)
impact_path["final demand change (mean path)"] = f0.sum() * (path.mean - 1.0)
impact_path.round(0)

# %% [markdown]
# The same calculation for one year through the table's `impact`, which splits direct and
# indirect effects (Type I) for the mean path in 2030:

# %%
delta_2030 = f0 * (path.mean[-1] - 1.0)
impact = uk.impact(delta_2030, type="I")
impact.summary().round(0)

# %% [markdown]
# ## 4. Employment: an elasticity instead of a fixed productivity rate
#
# Employment coefficients can follow an employment-output elasticity (METHODS §5.2):
# $e_t = e_0 (x_t/x_0)^{\varepsilon-1}$, so employment grows as $E_t = E_0 G_t^{\varepsilon}$.
# The elasticity is estimated on observed employment (labour-force survey), never on
# employment derived from output.
#
# *National, creative proxy (J+M+R), 2015-2025*: OLS on logs of employment on nominal GVA,
# in levels and in first differences, with HC3 standard errors. Both series are nominal-trend
# dominated and short, so read the intervals.

# %%
emp = kz.kazakhstan_employment_by_section(sections=PROXY)
emp_wide = emp.pivot(index="year", columns="section", values="employed_thousand")
national = pd.DataFrame({
    "year": wide.index,
    "employed": emp_wide.loc[wide.index, PROXY].sum(axis=1).to_numpy(),
    "gva": wide["J+M+R"].to_numpy(),
})
levels = em.employment_elasticity(national, employment="employed", output="gva", nominal=True)
diffs = em.employment_elasticity(national, employment="employed", output="gva",
                                 differences=True, nominal=True)
print(levels)
print(diffs)

# %% [markdown]
# *Regional, broad sectors, 2022-2025*: two-way fixed effects (region and year dummies) on the
# 20 regions, employment in persons against output aggregated to the same broad sectors
# (section T, published in 2025 only, is left out of output). Year dummies absorb nationwide
# price change. With 20 regions the cluster-robust standard errors come with a small-cluster
# caveat.

# %%
out = kz.kazakhstan_output_by_region()
broad = out["section"].map(lambda s: "A" if s == "A" else "B-F" if s in "BCDEF" else "G-U")
regional_output = (out.assign(sector=broad)
                   .groupby(["year", "region", "sector"], as_index=False)["output_mln_kzt"].sum())
panel = kz.kazakhstan_employment_by_region().merge(
    regional_output, on=["year", "region", "sector"], validate="one_to_one")
fe = em.employment_elasticity(panel, employment="employed", output="output_mln_kzt",
                              entity="region", by="sector", method="fixed_effects",
                              nominal=True)
print("\n".join(fe.notes))
fe.table[["estimate", "lower_hc3", "upper_hc3", "lower_cluster", "upper_cluster", "n_obs"]]

# %% [markdown]
# Within-region variation over four years is small and the fixed-effects estimates are
# imprecise (for services, G-U, the interval includes zero). The national levels regression is
# precise only on paper: both series trend, and HC3 does not allow for autocorrelated
# residuals. The first-difference estimate, with its wide interval, is the more honest summary
# of eleven years of data, and, being on nominal GVA, it goes with the nominal growth path
# (both include price change). Drawing $\varepsilon$ from its sampling distribution alongside
# the growth paths gives the implied employment in the proxy sections (thousand persons) and
# the employment coefficients relative to 2025, $e_t/e_0$:

# %%
rng = np.random.default_rng(SEED)
eps = diffs.sample(N_DRAWS, rng)
growth = path.sample(N_DRAWS, rng)
employment_index = growth ** eps[:, None]                       # E_t / E_2025
coefficient_index = em.employment_coefficient_path(1.0, growth, eps[:, None])  # e_t / e_2025
e2025 = national.set_index("year").loc[2025, "employed"]
jobs = pd.DataFrame(
    np.quantile(e2025 * employment_index, [0.05, 0.5, 0.95], axis=0).T,
    index=pd.Index(path.years, name="year"), columns=["p5", "median", "p95"],
)
jobs["coefficient e_t/e_0 (median)"] = np.median(coefficient_index, axis=0)
print(f"elasticity {diffs.estimate():.3f}, 90% interval {np.round(diffs.interval(), 3)}")
jobs.round(3)  # thousand persons employed in J+M+R

# %% [markdown]
# ## 5. Regions: shift-share and the allocation of national growth
#
# Output of all 19 sections in the 20 regions, 2022-2025: the classic decomposition (one
# column each for the national share, industry mix and regional shift, summing to the change)
# and the dynamic version (year by year, weights updated), which suits fast nominal growth.

# %%
frames = em.sector_region_frames(out, "output_mln_kzt")
classic = em.shift_share(frames[2022], frames[2025], years=(2022, 2025),
                         value="output, million KZT (current prices)")
dynamic = em.shift_share(frames[2022], frames[2025], method="dynamic",
                         between=[frames[2023], frames[2024]], years=(2022, 2023, 2024, 2025),
                         value="output, million KZT (current prices)")
check = classic.components
print("largest |sum of components - change|:",
      float((check[["national_share", "industry_mix", "regional_shift"]].sum(axis=1)
             - check["change"]).abs().max()))
dynamic.by_sector().loc[PROXY].round(0) + 0.0  # regional shifts sum to zero over regions

# %%
fig = dynamic.plot(sectors=PROXY, title="Creative proxies (J, M, R): dynamic shift-share "
                   "2022-2025, million KZT")

# %% [markdown]
# The regional shift allocates national creative growth to regions (constant-shift rule: each
# region keeps its annualised growth differential of 2022-2025). Applied to the 2026 mean of
# the national path, for the regions of the 2023 UNDP sessions (Abai/Semey, Kyzylorda, Almaty
# city, Astana) and the largest recipients, next to the plain alternative (shares of 2025
# output). Three years of volatile data drive the differentials: Ulytau, a region created in
# 2022, raised its J+M+R output sixfold, and Akmola's section R output more than tripled in
# 2025. Treat the constant-shift shares as a starting point for a scenario, not a forecast.

# %%
g_2026 = float(path.mean_annual_growth().iloc[0])
shares = dynamic.allocation(g_2026).loc[PROXY]                   # sector x region, rows sum to 1
national_change = frames[2025].loc[PROXY].sum(axis=1) * g_2026   # by section, 2026
regional_change = shares.mul(national_change, axis=0).sum(axis=0)
end_share = frames[2025].loc[PROXY].sum(axis=0) / frames[2025].loc[PROXY].to_numpy().sum()
allocated = pd.DataFrame({
    "share of national creative change, %": 100 * regional_change / regional_change.sum(),
    "share of 2025 output, %": 100 * end_share,
    "change in 2026, million KZT": regional_change,
}).sort_values("change in 2026, million KZT", ascending=False)
allocated.loc[["ABY", "KZL", "ALA", "AST"]].round(1)

# %%
allocated.head(5).round(1)

# %% [markdown]
# ## 6. A forecast-driven scenario
#
# The growth path enters a scenario as plain data, and the scenario's Monte Carlo samples
# whole paths from it, so the forecast's uncertainty shows in the impact intervals. The shock
# is creative final demand (DCMS definition on the Kazakhstan hybrid 2024 table) growing on the
# forecast path from 2025. **The path is nominal** (current prices, no deflators bundled): the
# impacts are at current prices and overstate real activity by the price change in between.

# %%
from creative_econ.scenarios.spec import DemandShock, GrowthPathSpec, Scenario

scenario = Scenario(
    name="kazakhstan_forecast_growth",
    description="Creative final demand grows on the forecast path of GVA in J+M+R (nominal).",
    table="kazakhstan_hybrid_2024",
    base_year=path.base_year,
    horizon=path.years[-1],
    shocks=(DemandShock(creative=True, growth_path=True, label="forecast growth"),),
    growth_path=GrowthPathSpec.from_distribution(path),
    uncertainty={"draws": N_DRAWS, "seed": SEED, "interval": 0.9, "growth_path": True},
)
forecast_result = ce.run(scenario)
forecast_result.by_year(interval=True).xs("output", axis=1, level=0).round(0)

# %%
import matplotlib.pyplot as plt

from creative_econ.scenarios.report import figure_fan

figure_fan(forecast_result, "employment")
plt.show()

# %% [markdown]
# From here the same scenario can be regionalised (a multiregional model of the 20 regions
# with `regions:` and `regional_data: kazakhstan_regions_2024`), its employment coefficients
# updated with the elasticity above, and the national change allocated to regions with the
# shift-share shares.
