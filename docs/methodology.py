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
# # Methodology
#
# The equations creative_econ solves, the conventions it follows, and the pitfalls it guards
# against. This page is a notebook executed when the site is built: every number on it is
# computed by the code shown, on the tables bundled with the package, and the published
# numbers it is compared with are printed beside it. Symbols are listed on the
# [notation](notation.md) page.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import creative_econ as ce
from creative_econ import analysis
from creative_econ.creative import creative_shares, target_path
from creative_econ.regional import flegg_lambda

pd.set_option("display.precision", 4)
de = ce.load_dataset("germany_1995")  # Eurostat manual, Table 15.4: 6 sectors, EUR million
uk = ce.load_dataset("uk_ioat_2010")  # ONS UK input-output analytical tables 2010

# %% [markdown]
# ## The Leontief quantity model
#
# With domestic intermediate flows $Z$, final demand $f$ and output $x = Z\iota + f$, the
# technical coefficients are $A = Z\hat x^{-1}$ ($a_{ij} = z_{ij}/x_j$), and the row identity
# $x = Ax + f$ gives
#
# $$ x = (I - A)^{-1} f = L f, \qquad \Delta x = L\,\Delta f . $$
#
# $L \ge I$ and $L \ge 0$ hold when $A \ge 0$ and its spectral radius is below one
# (Hawkins–Simon). creative_econ checks this when a table is built without an eigenvalue
# computation: column sums of $A$ below one suffice, and otherwise $I - A$ is a non-singular
# M-matrix exactly when $(I - A)^{-1}\iota > 0$, one solve on the factorisation the table needs
# anyway. The spectral radius itself is available as `IOTable.spectral_radius`.
#
# **No inverse is formed.** $I - A$ is factorised once (LU with partial pivoting); $x = Lf$ is
# a forward solve and every effect $k'L$ a transposed solve, $(I - A)'y = k$, so all the
# indicators of a table cost one factorisation and a handful of triangular solves. $L$ itself
# is computed only when asked for (`t.L`).

# %%
final_demand = de.final_demand.sum(axis=1)
pd.DataFrame({
    "column sum of A": de.A.sum(axis=0),
    "output x": de.x,
    "L f (one solve)": de.impact(final_demand).by_sector[("output", "total")],
}).round(4)

# %%
print(f"spectral radius of A: {de.spectral_radius:.4f}; "
      f"largest |Lf - x|: {np.abs(de.L.to_numpy() @ final_demand.to_numpy() - de.x).max():.1e}")

# %% [markdown]
# ## Effects and multipliers (Type I)
#
# For a satellite coefficient row $k$ — output $\iota$, GVA $v$, income (compensation of
# employees) $w$, jobs $e$, imports $m$, product taxes $t$, each per unit of output:
#
# | quantity | formula | in code |
# | --- | --- | --- |
# | output multiplier | $\iota' L e_j$, the column sum of $L$ | `t.multipliers()["output"]` |
# | effect of one unit of final demand | $k' L e_j$ | `t.effects()[indicator]` |
# | Type I multiplier | $(k'L)_j / k_j$ | `t.multipliers()[indicator]` |
# | indirect effect | $(k'L)_j - k_j$ | `t.impact(...)` |
#
# An **effect** answers *how much GVA (or how many jobs) per unit of final demand*; a
# **multiplier** answers *how much in the whole economy per unit of the sector's own direct
# GVA (or jobs)*. The Eurostat manual calls the employment effect $e'L$ an "employment
# multiplier"; ONS and the Scottish Government call it an effect. creative_econ keeps the two
# words apart. On the manual's table, the published values and ours:

# %%
printed = pd.DataFrame(  # Beutel (2008), Eurostat manual, Tables 15.5-15.13
    {"output multiplier": [1.7048, 1.8413, 1.8136, 1.6035, 1.5951, 1.3782],
     "GVA effect": [0.8450, 0.7647, 0.8615, 0.9019, 0.9393, 0.9199],
     "employment effect": [0.0326, 0.0162, 0.0207, 0.0237, 0.0112, 0.0242]},
    index=de.sectors,
)
effects = de.effects(type="I")
computed = pd.DataFrame({"output multiplier": effects["output"], "GVA effect": effects["gva"],
                         "employment effect": effects["employment"]})
print(f"largest difference from the printed four decimals: "
      f"{(computed - printed).abs().to_numpy().max():.1e}")
pd.concat({"Eurostat manual": printed, "creative_econ": computed.round(4)}, axis=1)

# %% [markdown]
# Effects and multipliers of the same sector side by side (Type I, Germany 1995): GVA and
# employment multipliers are effects divided by the direct coefficient.

# %%
multipliers = de.multipliers(type="I")
pd.DataFrame({
    "GVA per unit of output, v": de.coefficients["gva"],
    "GVA effect, v'L": effects["gva"],
    "GVA multiplier, (v'L)/v": multipliers["gva"],
    "jobs per EUR m, e": de.coefficients["employment"],
    "employment effect, e'L": effects["employment"],
    "employment multiplier": multipliers["employment"],
}).round(4)

# %% [markdown]
# Because every column of the table closes, $\iota'A + v' + m' + t' = \iota'$, the GVA,
# import and product-tax contents of a unit of final demand add up to one:
# $(v' + m' + t')L = \iota'$. The tests check this identity on every bundled table and on
# random ones; here on both:

# %%
for table in (de, uk):
    e = table.effects(type="I")
    gap = float((e["gva"] + e["imports"] + e["taxes"] - 1.0).abs().max())
    print(f"{table.name}: largest |v'L + m'L + t'L - 1| = {gap:.1e}")

# %% [markdown]
# ## Type II: households endogenised
#
# Households are added to the table as one more sector: they sell labour (the income row
# $h_r$, income per unit of output) and buy products (the consumption column $h_c$,
# consumption per unit of household income; $h_{hh}$ what households buy from households):
#
# $$
# \bar A=\begin{bmatrix} A & h_c\\ h_r' & h_{hh}\end{bmatrix},\qquad
# I - \bar A=\begin{bmatrix}I-A&-h_c\\-h_r'&1-h_{hh}\end{bmatrix}.
# $$
#
# **Default closure** (documented and overridable with `ce.Households`): $h_r$ is
# compensation of employees per unit of output; $h_c$ is household final consumption of
# domestic products at basic prices divided by total compensation of employees, or by an
# explicit household income total. The closure is recorded in every result's assumptions
# card.
#
# The closed system is solved on the Type I factorisation through its Schur complement
# (Miyazawa's partitioned inverse): with $w = L h_c$, $u' = h_r' L$ and
# $s = 1 - h_{hh} - h_r' L h_c$,
#
# $$
# \bar L = \begin{bmatrix} L + w u'/s & w/s \\ u'/s & 1/s \end{bmatrix}.
# $$
#
# So Type II costs two more solves, and its effects are the Type I effects plus a rank-one
# correction. $1/s = \bar l_{n+1,n+1}$ is Miyazawa's interrelational income multiplier; the
# closed model is productive exactly when $s > 0$.
#
# - **truncated** Type II output multiplier, the headline: $\iota_n' \bar L_{11} e_j$ (output
#   of the industries only, `multipliers("II")["output"]`);
# - **total** Type II output multiplier: $\iota_{n+1}' \bar L e_j$, which also counts the
#   household row as "output" (`output_total`);
# - Type II income multiplier: $\bar L_{n+1,j}/h_{r,j}$; other indicators
#   $(k'\bar L_{11})_j/k_j$;
# - Type II import and tax effects include the leakage of household spending,
#   $m'\bar L_{11} + m_{hh}\bar L_{21}$, with $m_{hh}$ the imported share of household
#   consumption.
#
# Miller & Blair's household-closed example (2009, §2.5 and ch. 6) shows each of these, and
# a common bug: writing the border blocks with plus signs *inside* $I - \bar A$.

# %%
sectors = pd.Index(["s1", "s2"], name="sector")
x = pd.Series([1000.0, 2000.0], index=sectors)
income_total = 1000.0
mb = ce.IOTable.from_frames(
    Z=pd.DataFrame([[150.0, 500.0], [200.0, 100.0]], index=sectors, columns=sectors),
    final_demand=pd.Series([350.0, 1700.0], index=sectors), output=x,
    households=ce.Households(
        consumption=pd.Series([0.05, 0.40], index=sectors) * income_total,  # h_c = (.05, .40)
        income=pd.Series([0.30, 0.25], index=sectors) * x,                   # h_r = (.30, .25)
        total_income=income_total, own_use=0.05),                           # h_hh = .05
    name="Miller & Blair (2009) example",
)
m_I, m_II = mb.multipliers(type="I"), mb.multipliers(type="II")

# the bug: the border blocks with plus signs inside I - A-bar
A = mb.A.to_numpy()
h_r, h_c, h_hh = np.array([0.30, 0.25]), np.array([0.05, 0.40]), 0.05
bordered_wrongly = np.block([[np.eye(2) - A, h_c[:, None]],
                             [h_r[None, :], np.array([[1 - h_hh]])]])
wrong = np.linalg.inv(bordered_wrongly)
pd.DataFrame({
    "Type I output": m_I["output"],
    "Type II output, truncated": m_II["output"],
    "Type II output, total": m_II["output_total"],
    "Type II / Type I income": m_II["income"] / m_I["income"],
    "with the sign bug, truncated": wrong[:2, :2].sum(axis=0),
}).round(4)

# %% [markdown]
# The book prints 1.8924 and 1.7733 (truncated) and an interrelational income multiplier of
# 1.2885, which the Type II to Type I income ratio equals for every sector; the sign bug gives
# smaller truncated multipliers and negative household blocks. The reference tests check
# these numbers and the whole closed inverse.
#
# **Type II is an upper bound.** It applies *average* propensities to consume to extra income,
# and treats all compensation as household income spent in the economy. ONS publishes Type I
# only; report Type I as the headline and Type II beside it. How much the closure adds on the
# Germany table, with total compensation as household income:

# %%
print(f"Germany 1995: sum of consumption coefficients h_c = {de.closure.consumption.sum():.3f}")
pd.DataFrame({"Type I": de.multipliers(type="I")["output"],
              "Type II (truncated)": de.multipliers(type="II")["output"],
              "Type II (total)": de.multipliers(type="II")["output_total"]}).round(3)

# %% [markdown]
# ## Direct, indirect and induced
#
# For a final-demand change $\Delta f$ and coefficients $k$: direct $\hat k\,\Delta f$,
# indirect $\hat k(L - I)\Delta f$, induced $\hat k(\bar L_{11} - L)\Delta f$, total their
# sum. "Direct" is the shocked sector's own first-round output (IMPLAN's convention); the
# within-sector feedback $(l_{jj} - 1)\Delta f_j$ is indirect. Type II results carry a
# `(households)` row with the import and tax leakage of household spending, so that column
# totals equal the effects times the shock for every indicator.
#
# £100m more final demand for UK creative, arts and entertainment services (product 90):

# %%
impact = uk.impact({"90": 100.0}, type="II")
impact.summary().round(1)

# %% [markdown]
# ## Regionalisation: location quotients, the FLQ and δ
#
# A region buys part of its inputs from the rest of the country, so its own input
# coefficients are smaller than the nation's. Non-survey methods scale the national domestic
# coefficients by a quotient capped at one, $r_{ij} = a^N_{ij}\min\{1, LQ_{ij}\}$, with sizes
# $q$ (output, employment or GVA) of the region ($R$) and the nation ($N$):
#
# $$ SLQ_i = \frac{q^R_i/q^R}{q^N_i/q^N},\qquad CILQ_{ij} = \frac{SLQ_i}{SLQ_j},\qquad
#    FLQ_{ij} = \lambda^*\,CILQ_{ij},\quad \lambda^* = \left[\log_2\left(1 + \frac{q^R}{q^N}
#    \right)\right]^{\delta} . $$
#
# The FLQ's $\lambda^* \le 1$ shrinks coefficients more in small regions: a small region
# buys more from outside. $\delta$ sets how strongly, and it is not known a priori: Flegg and
# Webber's conventional 0.3 is a rule of thumb, and published optima range over about
# 0.1–0.4. On Scotland's own tables a $\delta$ near 0.2, with the AFLQ and a supply–demand
# cap, recovers Scotland's multipliers best
# ([worked example](examples/regionalising_uk_to_scotland.py)). $\lambda^*$ for Abai region
# (its share of Kazakhstan's 2023 output) and for Scotland (its 2010 output against the UK
# table's):

# %%
kz_output = ce.load_dataset("kazakhstan_output_by_region")
kz_2023 = kz_output[kz_output["year"] == 2023].groupby("region")["output_mln_kzt"].sum()
sizes = {
    "Abai region, 2023": kz_2023["ABY"] / kz_2023.sum(),
    "Scotland, 2010": ce.load_dataset("scotland_ixi_2010").x.sum() / uk.x.sum(),
}
deltas = [0.1, 0.2, 0.3, 0.4]
share = np.geomspace(0.001, 1.0, 400)
fig, ax = plt.subplots(figsize=(7, 3.6), layout="constrained")
for d in deltas:
    ax.plot(100 * share, flegg_lambda(share, 1.0, d), label=f"δ = {d}")
for name, s in sizes.items():
    ax.axvline(100 * s, color="0.5", linestyle=":")
    ax.annotate(name, (100 * s, 0.05), rotation=90, ha="right", va="bottom", fontsize="small")
ax.set_xscale("log")
ax.set_xlabel("region's share of national output, % (log scale)")
ax.set_ylabel("λ*")
ax.set_ylim(0, 1.02)
ax.legend(frameon=False, ncol=4, loc="upper left")
plt.show()

pd.DataFrame({name: {f"δ = {d}": float(flegg_lambda(s, 1.0, d)) for d in deltas}
              for name, s in sizes.items()}).T.assign(
    **{"share of national output": pd.Series(sizes)}).round(3)

# %% [markdown]
# The [regional guide](guide/regional.md) gives the AFLQ, the supply–demand pool, CHARM and
# the caps, and how each block of the regional table is built; the
# [multiregional guide](guide/multiregional.md) the model of all regions at once.
#
# ## Targets: the growth that reaches a creative share
#
# To move a creative share from $s_0$ to $s_T$ in $T$ years while the economy grows at $g_Y$,
# creative value must grow at
#
# $$ g_c = (1+g_Y)\left(\frac{s_T}{s_0}\right)^{1/T} - 1 , $$
#
# and the gap to a baseline in which the creative sector grows with the economy is closed by
# extra creative final demand, $\Delta F_t = V_0[(1+g_c)^t - (1+g_Y)^t]/m$, where $m$ is the
# creative value generated per unit of creative final demand. From 1% to UNESCO's 3.1% in
# ten years, and from 2.67% (a broad definition), with the economy growing 3% a year:

# %%
pd.Series({f"from {s0:.2%}": target_path(base_share=s0, target_share=0.031, years=10,
                                          gdp_growth=0.03).growth_rate
           for s0 in (0.01, 0.0267)}, name="required creative growth a year").map("{:.1%}".format)

# %% [markdown]
# ## Conventions and pitfalls
#
# **Domestic flows at basic prices.** `Z` and final demand are domestic use at basic prices;
# imports are a primary input. A shock stated in purchasers' prices (a budget, visitors'
# spending) must be bridged to basic prices first — spending profiles do that, and report the
# margins, taxes and imports as leakages.
#
# **Effects are not multipliers** (above), and neither is an impact: quote which one.
#
# **Final demand, not output, drives the model.** Shocking $L$ with a sector's *output*
# double counts its own use of its output; when output is what is given, use the mixed model
# (`analysis.output_shock`, or an `output` shock in a scenario). On the Germany table, 1,000
# of extra output in other services against 1,000 of extra final demand:

# %%
as_output = analysis.output_shock(de, {"other_services": 1000.0}).summary()
as_final_demand = de.impact({"other_services": 1000.0}).summary()
pd.DataFrame({"1,000 of output": as_output["total"],
              "1,000 of final demand": as_final_demand["total"]}).loc[
    ["output", "gva", "employment"]].round(1)

# %% [markdown]
# **The creative footprint uses creative final demand, $L\hat\theta f$, never
# $L\hat\theta x$.** Output already contains the intermediate sales that $L$ regenerates; the
# UK's creative products under the DCMS definition:

# %%
theta = creative_shares(uk, "dcms")
effects_uk = uk.effects(type="I")["output"]
right = float((effects_uk * theta * uk.final_demand.sum(axis=1)).sum())
wrong_fp = float((effects_uk * theta * uk.x).sum())
print(f"output supported, L θ f: £{right:,.0f}m; with L θ x: £{wrong_fp:,.0f}m "
      f"({wrong_fp / right - 1:.0%} too much)")

# %% [markdown]
# **Adding up regional studies overstates national impacts** when regions are modelled with
# national or weakly regionalised coefficients, or when each counts as new demand spending
# that other regions merely redirect; national totals of regional impacts should come from one
# multiregional model (see the
# [regional guide](guide/regional.md#why-adding-up-regional-studies-overstates-national-impacts)).
#
# **Zero-output sectors** get zero coefficients and a note in the table; shocks to them are
# refused (`InvalidShockError`), never patched with a small number.
#
# **Gross is not net.** Input–output impacts are gross; deadweight, displacement and leakage
# are applied explicitly, and reported beside the gross figures
# ([scenarios](guide/scenarios.md#gross-and-net)).
#
# **Nominal growth is not real growth.** The bundled Kazakhstan series are at current prices;
# growth rates computed from them include inflation, and say so.
#
# **Published tables have quirks**, handled explicitly by the loaders and listed on each
# [dataset page](datasets/index.md). For example the Eurostat manual's `output_bp` column
# prints manufacturing output as 1,079,400, while the table's own rows give:

# %%
row_total = de.Z.loc["manufacturing"].sum() + final_demand["manufacturing"]
print(f"Z·1 + f for manufacturing: {row_total:,.0f} "
      f"(the loader reads output from row P1: {de.x['manufacturing']:,.0f})")

# %% [markdown]
# ## References
#
# - Miller, R.E. & Blair, P.D. (2009). *Input–Output Analysis: Foundations and Extensions*,
#   2nd ed. Cambridge University Press. Chapters 2, 6 and 8.
# - Beutel, J. (2008). *Eurostat Manual of Supply, Use and Input–Output Tables*, ch. 15.
# - ONS (2014). *UK Input–Output Analytical Tables 2010*, ed. R. Wild.
# - Miyazawa, K. (1976). *Input–Output Analysis and the Structure of Income Distribution*.
# - Flegg, A.T. & Webber, C.D. (1997). On the appropriate use of location quotients in
#   generating regional input–output tables: reply. *Regional Studies* 31(8), 795–805.
# - UNESCO (2022). *Re|Shaping Policies for Creativity*.
