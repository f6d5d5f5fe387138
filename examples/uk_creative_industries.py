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
# # The UK's creative industries in the 2010 input–output table
#
# How big are the creative industries in the UK table, how strongly do they pull on the rest
# of the economy, and how much of the economy hangs on demand for them? We use the DCMS
# definition (31 SIC 2007 codes in nine groups), mapped to the table's 127 products with
# stated shares, on the ONS *UK Input–Output Analytical Tables 2010*.

# %% tags=["parameters"]
DEFINITION = "dcms"

# %%
import matplotlib.pyplot as plt

import creative_econ as ce
import creative_econ.creative as cc

uk = ce.load_dataset("uk_ioat_2010")
theta = cc.creative_shares(uk, DEFINITION)
theta[theta > 0].sort_values(ascending=False).rename("creative share").to_frame().assign(
    product=uk.labels[theta > 0]).round(3)

# %% [markdown]
# ## The satellite account
#
# Creative output, GVA and compensation by DCMS group, as values and as shares of the
# economy, beside UNESCO's global benchmark (3.1% of GDP, 6.2% of employment; UNESCO 2022,
# *Re|Shaping Policies for Creativity*). DCMS itself published 5.26% of UK GVA for 2015 on
# its own (ABS-based) data.

# %%
account = cc.satellite(uk, DEFINITION)
account.values.round(0)

# %%
account.shares.round(4)

# %% [markdown]
# ## Multipliers of the creative products
#
# Type I output multipliers of the wholly creative products, and how they compare with the
# median over all products:

# %%
m = uk.multipliers(type="I")
creative = theta[theta >= 0.5].index
fig, ax = plt.subplots(figsize=(7, 3.5), layout="constrained")
bars = m.loc[creative, "output"].rename(index=lambda s: f"{s} {uk.labels[s][:35]}")
bars.sort_values().plot.barh(ax=ax, color="tab:purple")
ax.axvline(m["output"].median(), color="0.3", linestyle="--", label="median, all products")
ax.set_xlabel("Type I output multiplier")
ax.legend(frameon=False)
plt.show()

# %% [markdown]
# ## The creative footprint
#
# The contribution of the creative industries counts direct, supply-chain (indirect) and
# household-spending (induced) activity supported by final demand for creative products,
# $k'L\,\hat\theta f$ — never $\hat\theta x$, which would count creative products bought by
# other creative producers twice.

# %%
footprint = cc.contribution(uk, DEFINITION, type="I")
footprint.summary().round(0)

# %%
share_of_gva = footprint.summary().loc["gva", "total"] / uk.gva.sum()
print(f"GVA supported by creative final demand (Type I): {share_of_gva:.2%} of UK GVA")
