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
# # Reaching UNESCO's 3.1% and 6.2% by 2030: target paths by region
#
# UNESCO's *Re|Shaping Policies for Creativity* (2022) puts the cultural and creative
# sectors at 3.1% of world GDP and 6.2% of employment. Kazakhstan has adopted the creative
# economy as a policy priority; where does it stand against those benchmarks, region by
# region, and what would reaching them by 2030 take?
#
# 1. the creative share of GVA and of employment in each of the 20 regions in 2023;
# 2. the creative growth a year that reaches 3.1% of GVA, and 6.2% of employment, by 2030;
# 3. the extra creative final demand on each region's path;
# 4. where that demand's output arises, in the multiregional model;
# 5. the national path, run as a scenario, against the sum of regional paths.
#
# **Definitions matter more than anything else here.** The creative sector below is the
# DCMS definition (31 SIC codes, including IT and software) applied to the hybrid table's
# sectors; UNESCO's benchmark uses a cultural definition, and the Ministry of Culture and
# Information's own list is narrower still (see
# [`kazakhstan_creative_figures`](../datasets/kazakhstan_creative_figures.md)). The numbers
# show what the target implies on one stated definition, not whether Kazakhstan "is at" 3.1%.
#
# **Data.** [`kazakhstan_hybrid_2023`](../datasets/kazakhstan.md), a *hybrid* table (Kazakh
# official totals, ADB shares, Uzbek inter-industry structure), and
# [`kazakhstan_regions_2023`](../datasets/kazakhstan_regions.md): official output by region
# and section, derived employment, and creative sub-sector detail borrowed from the national
# mix. Values are million KZT at 2023 basic prices; growth rates are real (the economy's
# growth is an assumption below).

# %% tags=["parameters"]
import os

SMALL = os.environ.get("CREATIVE_ECON_EXAMPLES") == "small"  # the test suite runs it small
TARGET_GVA = 0.031  # UNESCO (2022): 3.1% of GDP
TARGET_EMPLOYMENT = 0.062  # UNESCO (2022): 6.2% of employment
BASE_YEAR, TARGET_YEAR = 2023, 2030
GDP_GROWTH = 0.04  # real growth of the economy a year, every region (an assumption)
PRODUCTIVITY_GROWTH = 0.02  # labour productivity growth a year (employment target)
DEFINITION = "dcms"
REGIONALISATION = {"method": "aflq", "delta": 0.175, "cap": "pool"}  # see the Scotland example
HIGHLIGHT = ["ABY", "KZL", "ALA", "AST"]  # Abai (Semey), Kyzylorda, Almaty city, Astana

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import creative_econ as ce
import creative_econ.creative as cc

pd.set_option("display.precision", 3)
kz = ce.load_dataset("kazakhstan_hybrid_2023")
regions = ce.load_dataset("kazakhstan_regions_2023")
weights = cc.table_concordance(kz)  # DCMS codes -> the hybrid table's sectors
theta = cc.creative_shares(kz, DEFINITION)
names = pd.Series(regions.names).reindex(regions.regions)
horizon = TARGET_YEAR - BASE_YEAR
print(f"run size: {'small' if SMALL else 'full'}; {len(regions.regions)} regions; "
      f"creative sectors: {', '.join(f'{s} ({v:.2f})' for s, v in theta[theta > 0].items())}")

# %% [markdown]
# ## 1. Where the regions stand
#
# Each region's table is estimated from the national one (AFLQ, $\delta = 0.175$, capped by
# the supply–demand pool, the set-up that did best against Scotland's own tables). GVA per
# unit of output is the nation's in every sector, so a region's creative share of GVA reflects
# its mix of sectors; the split of sections J, M and R into creative sub-sectors is the
# nation's in every region.

# %%
tables = {r: ce.regionalise(kz, regions, region=r, **REGIONALISATION) for r in regions.regions}


def creative_share(table, basis):
    values = table.gva if basis == "gva" else table.employment
    shares = cc.creative_shares(table, DEFINITION, weights=weights)
    return float((shares * values).sum() / values.sum())


national = cc.satellite(kz, DEFINITION).shares.loc[(kz.name, "Total")]
standing = pd.DataFrame({
    "region": names,
    "creative share of GVA": {r: creative_share(t, "gva") for r, t in tables.items()},
    "creative share of employment": {r: creative_share(t, "employment")
                                     for r, t in tables.items()},
    "GVA, bn KZT": {r: float(t.gva.sum()) / 1000 for r, t in tables.items()},
}).sort_values("creative share of GVA", ascending=False)
print(f"Kazakhstan: creative share of GVA {national['gva']:.2%}, of employment "
      f"{national['employment']:.2%} (DCMS definition, hybrid table 2023)")
standing.style.format({"creative share of GVA": "{:.2%}", "creative share of employment": "{:.2%}",
                       "GVA, bn KZT": "{:,.0f}"})

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 5.5), layout="constrained", sharey=True)
order = standing.index[::-1]
for ax, column, target in ((axes[0], "creative share of GVA", TARGET_GVA),
                           (axes[1], "creative share of employment", TARGET_EMPLOYMENT)):
    values = 100 * standing.loc[order, column]
    colours = ["tab:purple" if r in HIGHLIGHT else "#b39ddb" for r in order]
    ax.barh([f"{r} {names[r][:22]}" for r in order], values, color=colours)
    ax.axvline(100 * target, color="k", linestyle="--", linewidth=1)
    ax.text(100 * target, len(order) - 0.4, f" UNESCO {target:.1%}", fontsize="small")
    ax.set_xlabel(f"{column}, % (2023)")
    ax.spines[["top", "right"]].set_visible(False)
fig.suptitle("Creative share by region, DCMS definition, Kazakhstan 2023 (hybrid table)")
plt.show()

# %% [markdown]
# Creative activity is concentrated in the two largest cities; elsewhere the share is a
# fraction of the benchmark.
#
# ## 2. The growth each region would need
#
# To move a share from $s_0$ to $s_T$ in $T$ years while the economy grows at $g_Y$, creative
# value must grow at $g_c = (1+g_Y)(s_T/s_0)^{1/T} - 1$. For employment, total employment
# grows at $(1+g_Y)/(1+\pi) - 1$ with productivity growth $\pi$, and creative employment must
# outgrow it in the same way ([the creative sector](../guide/creative.md#targets)).

# %%
gva_paths = {r: cc.target_path(base_share=standing.loc[r, "creative share of GVA"],
                               target_share=TARGET_GVA, years=horizon, gdp_growth=GDP_GROWTH,
                               start_year=BASE_YEAR, table=t, definition=DEFINITION,
                               weights=weights)
             for r, t in tables.items()}
employment_paths = {r: cc.target_path(base_share=standing.loc[r, "creative share of employment"],
                                      target_share=TARGET_EMPLOYMENT, years=horizon,
                                      gdp_growth=GDP_GROWTH, basis="employment",
                                      productivity_growth=PRODUCTIVITY_GROWTH,
                                      start_year=BASE_YEAR, table=t, definition=DEFINITION,
                                      weights=weights)
                    for r, t in tables.items()}
required = pd.DataFrame({
    "creative GVA growth for 3.1% of GVA": {r: p.growth_rate for r, p in gva_paths.items()},
    "creative employment growth for 6.2% of jobs": {
        r: p.employment_growth_rate for r, p in employment_paths.items()},
    "GVA target reached already": {r: p.reached for r, p in gva_paths.items()},
}).loc[standing.index]
reached = list(required.index[required["GVA target reached already"]])
short = required.loc[~required["GVA target reached already"]]
print(f"above 3.1% of GVA already: {', '.join(f'{r} ({names[r]})' for r in reached) or 'none'}")
print(f"the other {len(short)} regions need creative GVA growth of "
      f"{short.iloc[:, 0].min():.0%} to {short.iloc[:, 0].max():.0%} a year (median "
      f"{short.iloc[:, 0].median():.0%}) against {GDP_GROWTH:.0%} for the economy")
required.style.format({c: "{:.1%}" for c in required.columns[:2]})

# %%
fig, ax = plt.subplots(figsize=(8, 5.5), layout="constrained")
order = required.index[::-1]
y = np.arange(len(order))
ax.scatter(100 * required.loc[order].iloc[:, 0], y, color="tab:purple", label="GVA: 3.1%")
ax.scatter(100 * required.loc[order].iloc[:, 1], y, color="tab:orange", marker="s",
           label="employment: 6.2%")
ax.axvline(100 * GDP_GROWTH, color="0.5", linestyle=":", label=f"economy {GDP_GROWTH:.0%} a year")
ax.set_yticks(y, [f"{r} {names[r][:22]}" for r in order])
ax.set_xlabel(f"required real growth of the creative sector, % a year, {BASE_YEAR}–{TARGET_YEAR}")
ax.grid(axis="y", color="0.92")
ax.legend(frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=3)
plt.show()

# %% [markdown]
# Below the benchmark, the creative sector would have to grow several times as fast as the
# economy, every year to 2030. For a region above 3.1% already, the "target path" lets the
# creative sector grow *more slowly* than the economy (its required growth is below the
# economy's, and its extra final demand below is negative): a region would not aim for that,
# and section 4 leaves those regions' demand unchanged.
#
# ## 3. The extra creative final demand on the path
#
# The gap between the target path and a baseline in which the creative sector grows with the
# economy is closed by extra creative final demand (in the direction of today's creative final
# demand), $\Delta F_t = V_0[(1+g_c)^t - (1+g_Y)^t]/m$, where $m$ is the creative GVA
# generated per unit of creative final demand in the region's table.

# %%
demand = pd.DataFrame({r: p.path["delta_final_demand"] for r, p in gva_paths.items()}) / 1000
demand_2030 = demand.loc[TARGET_YEAR].rename("extra creative final demand 2030, bn KZT")
relative = (demand_2030 * 1000 / pd.Series({r: float(t.gva.sum()) for r, t in tables.items()}))
pd.DataFrame({demand_2030.name: demand_2030,
              "as % of the region's 2023 GVA": 100 * relative,
              "creative GVA per unit of creative demand, m": pd.Series(
                  {r: p.multiplier for r, p in gva_paths.items()})}).loc[standing.index].round(2)

# %%
fig, ax = plt.subplots(figsize=(8, 3.8), layout="constrained")
for r in demand.columns:
    highlight = r in HIGHLIGHT
    ax.plot(demand.index, demand[r], color="tab:purple" if highlight else "0.75",
            linewidth=2 if highlight else 1, zorder=3 if highlight else 2)
    if highlight:
        ax.annotate(f" {r}", (demand.index[-1], demand[r].iloc[-1]), fontsize="small",
                    va="center")
ax.axhline(0, color="k", linewidth=0.8)
ax.set_ylabel("bn KZT (2023 prices)")
ax.set_title("Extra creative final demand on each region's path to 3.1% of GVA",
             loc="left", fontsize="medium")
ax.spines[["top", "right"]].set_visible(False)
plt.show()

# %% [markdown]
# ## 4. Where the output arises
#
# A region's extra creative demand is met partly by producers elsewhere: its suppliers buy
# inputs from other regions. Placing every region's 2030 demand (for regions below the
# target) with its own producers in the multiregional model of all 20 regions
# ([multiregional guide](../guide/multiregional.md)) shows where the output arises.

# %%
mr = ce.MultiRegionalTable.from_national(kz, regions)
below = [r for r, p in gva_paths.items() if not p.reached]
shock = pd.concat({r: gva_paths[r].final_demand_change(TARGET_YEAR) for r in below})
shock = shock[shock != 0]
spread = mr.impact(shock, type="I").by_region()
placed = shock.groupby(level=0).sum().reindex(spread.index, fill_value=0.0)
where = pd.DataFrame({"demand placed, bn KZT": placed / 1000,
                      "output arising, bn KZT": spread["output"] / 1000})
own = pd.Series({r: float(mr.impact(shock.loc[[r]], type="I").by_region().loc[r, "output"])
                for r in below}).reindex(where.index, fill_value=0.0)
where["share due to other regions' demand, %"] = 100 * (1 - own / spread["output"])
due = where.loc[below, "share due to other regions' demand, %"]
print(f"regions with demand of their own: {due.min():.0f}% to {due.max():.0f}% of the output "
      "arising there is due to other regions' demand")
where.sort_values("output arising, bn KZT", ascending=False).round(1)

# %%
top = where.sort_values("output arising, bn KZT", ascending=False)
fig, ax = plt.subplots(figsize=(9, 3.8), layout="constrained")
x = np.arange(len(top))
ax.bar(x - 0.2, top["demand placed, bn KZT"], width=0.4, color="#b39ddb", label="demand placed")
ax.bar(x + 0.2, top["output arising, bn KZT"], width=0.4, color="tab:purple",
       label="output arising (Type I)")
ax.set_xticks(x, top.index, rotation=90)
ax.set_ylabel("bn KZT, 2030")
ax.legend(frameon=False)
ax.spines[["top", "right"]].set_visible(False)
plt.show()

# %% [markdown]
# Regions above the target gain output too, without any demand of their own: they supply the
# other regions' creative producers. Everywhere, part of the output arising in a region is due
# to other regions' demand: regional targets are not independent of each other.
#
# ## 5. The national path, as a scenario
#
# The same target for the country as a whole is a scenario with one `target` shock
# ([scenarios guide](../guide/scenarios.md)). Compare its extra final demand with the regional
# paths added up.

# %%
spec = ce.Scenario(
    name="kazakhstan_unesco_2030", table="kazakhstan_hybrid_2023", base_year=BASE_YEAR,
    horizon=TARGET_YEAR, type="I", definition=DEFINITION,
    shocks=[{"kind": "target", "label": "3.1% of GVA", "basis": "gva",
             "target_share": TARGET_GVA, "target_year": TARGET_YEAR,
             "gdp_growth": GDP_GROWTH}],
)
result = ce.run(spec)
national_demand = result.shocks.final_demand.sum(axis=1).groupby(level="year").sum() / 1000
comparison = pd.DataFrame({
    "national path": national_demand,
    "regional paths, regions below the target": demand[below].sum(axis=1),
    "regional paths, all regions": demand.sum(axis=1),
})
national_path = cc.target_path(base_share=float(national["gva"]), target_share=TARGET_GVA,
                               years=horizon, gdp_growth=GDP_GROWTH, start_year=BASE_YEAR,
                               table=kz, definition=DEFINITION)
print(result.shocks.notes[0])
print(f"creative GVA per unit of creative final demand: national table "
      f"{national_path.multiplier:.3f}; regional tables "
      f"{min(p.multiplier for p in gva_paths.values()):.3f} to "
      f"{max(p.multiplier for p in gva_paths.values()):.3f}")
comparison.round(0)

# %%
fig, ax = plt.subplots(figsize=(7, 3.6), layout="constrained")
for column, style in zip(comparison.columns, ("-", "--", ":"), strict=True):
    ax.plot(comparison.index, comparison[column], linestyle=style, marker="o", markersize=3,
            label=column)
ax.set_ylabel("extra creative final demand, bn KZT")
ax.set_title("Reaching 3.1% of GVA by 2030: national path and regional paths",
             loc="left", fontsize="medium")
ax.legend(frameon=False, fontsize="small")
ax.spines[["top", "right"]].set_visible(False)
plt.show()

# %% [markdown]
# The paths of the regions below the benchmark, added up, ask for more extra demand than the
# national path, for two reasons. Each regional table counts only the creative GVA arising
# *inside* the region, so a unit of creative demand yields less of it there than in the
# national table (most regional multipliers $m$ above are below the national one), and more
# demand is needed. And uniform regional targets ask every region below 3.1% to reach it,
# while at national level the regions above the benchmark carry part of the way. A national
# target is not a set of regional ones.
#
# The scenario's impacts of the national path, by year (output and GVA in bn KZT, jobs):

# %%
by_year = result.by_year()
pd.DataFrame({"output, bn KZT": by_year["output"] / 1000, "GVA, bn KZT": by_year["gva"] / 1000,
              "jobs": by_year["employment"]}).round(1)

# %% [markdown]
# ## Reading the numbers
#
# - The required growth rates are arithmetic on shares: they say how far the benchmark is, not
#   how to get there. The extra final demand is the demand that *would* carry creative GVA to
#   the target through the table's multipliers; whether it can arise (from exports, tourism,
#   public programmes) is the policy question.
# - Regional shares rest on national GVA per unit of output and on the national split of
#   sections J, M and R: a region whose creative activity is denser than its sections suggest
#   is understated. Regional creative statistics on the Ministry's definition would replace
#   this.
# - The creative definition changes the starting share several-fold; compare a target only
#   with a share measured on the same definition.
# - Uncertainty (the hybrid table's borrowed structure, the regionalisation's $\delta$, the
#   growth assumption) is not shown here; see [Uncertainty](../guide/uncertainty.md).
