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
# # A creative hub in Semey: jobs in Abai region and across Kazakhstan
#
# Semey, the centre of Abai region, hosted one of the regional expert sessions of
# Kazakhstan's creative-economy programme. Suppose a creative hub is built there: two years of
# construction and fit-out, then five years of operation and an arts programme. How many jobs
# does it support, in which sectors, and in which of the 20 regions?
#
# **Model.** The multiregional (Chenery–Moses) model of Kazakhstan's 20 regions built from the
# bundled data: the *hybrid* national input–output table for 2023 (BNS totals by OKED section,
# ADB sales shares, the inter-industry structure of Uzbekistan's 2022 table, balanced by GRAS;
# not an official table) and official BNS output by region and section, with interregional
# trade from a gravity model on distances between regional centres. Values in million KZT at
# 2023 basic prices; employment in persons.

# %% tags=["parameters"]
import os

SMALL = os.environ.get("CREATIVE_ECON_EXAMPLES") == "small"  # fewer draws in the test suite

# %%
import matplotlib.pyplot as plt
import pandas as pd

import creative_econ as ce
from creative_econ.cli import example_scenarios

spec = ce.Scenario.from_yaml(example_scenarios()["semey_creative_hub"])
if SMALL:  # the test suite runs this page with fewer Monte Carlo draws
    spec = spec.model_copy(update={"uncertainty": spec.uncertainty.model_copy(
        update={"draws": 200})})
print(spec.to_yaml())

# %% [markdown]
# ## Running the scenario
#
# All years and shocks are right-hand sides of one factorisation of the 520-equation model.
# The Monte Carlo draws the national technical coefficients (the borrowed structure is the
# least certain input), productivity growth and the size of each shock; each coefficient
# draw is solved by iterative refinement on the base factorisation, not refactorised.

# %%
result = ce.run(spec)
result.headline(interval=True).round(1)

# %%
result.by_year().round(1)

# %% [markdown]
# Jobs are counted in the year they are supported: construction jobs in 2024–2025, operating
# and programme jobs from 2026. Summed over the years they make *job-years*, a different unit.

# %%
jobs = result.by_year()["employment"]
fig, ax = plt.subplots(figsize=(7, 3.5), layout="constrained")
ax.bar(jobs.index, jobs.to_numpy(), color="tab:purple")
ax.set_ylabel("jobs supported (persons)")
ax.set_title("Jobs supported each year, all regions (Type I)", loc="left")
plt.show()

# %% [markdown]
# The fan shows the 90% interval of jobs supported in each year; the tornado shows which
# uncertain input moves the headline most when drawn alone.

# %%
from creative_econ.scenarios.report import figure_fan, figure_tornado

figure_fan(result, "employment")
plt.show()
figure_tornado(result)
plt.show()

# %% [markdown]
# ## Where the jobs are
#
# The hub buys from suppliers across the country; Abai keeps the largest share, and Almaty
# city, East Kazakhstan (its old parent region) and Astana follow.

# %%
by_region = result.by_region("employment")["total"].sort_values(ascending=False)
names = {code: ce.regional.kz_region(code).name_en for code in by_region.index}
share = (by_region / by_region.sum()).rename("share")
pd.concat([by_region.rename("job-years"), share], axis=1).rename(index=names).round(3).head(10)

# %%
fig, ax = plt.subplots(figsize=(7, 5), layout="constrained")
by_region.rename(index=names).sort_values().plot.barh(ax=ax, color="tab:purple")
ax.set_xlabel("job-years, 2023-2030")
ax.set_title("Employment supported by the Semey hub, by region", loc="left")
plt.show()

# %% [markdown]
# ## In which sectors

# %%
sectors = result.by_sector("employment").groupby(level="sector").sum()
sectors = sectors.loc[sectors["total"].sort_values(ascending=False).index[:10]]
sectors.round(1)

# %% [markdown]
# ## Gross and net
#
# The scenario assumes 15% deadweight (activity that would have happened anyway) and 25%
# displacement (activity taken from elsewhere in Kazakhstan): net results are gross x 0.64.

# %%
pd.DataFrame({"gross": result.headline(), "net": result.headline(measure="net")}).round(1)

# %% [markdown]
# ## What the assumptions are
#
# Every result carries its assumptions card: data and their status (hybrid), prices, model
# type, trade model, productivity, gross-to-net, and how each shock became final demand.

# %%
result.assumptions
