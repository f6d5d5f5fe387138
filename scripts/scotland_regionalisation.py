"""The UK 2010 table regionalised to Scotland, scored against Scotland's own tables.

Produces every number of the worked comparison in docs/guide/regional.md:

1. MAPE of Type I output multipliers in 2010 for each method (SLQ, CILQ, FLQ and AFLQ over a
   range of δ, the supply-demand pool, CHARM) and for the unregionalised national table;
2. the same over all 22 years 1998-2019 (mean, min, max);
3. out-of-sample calibration: δ (and, nested, the method) chosen on other years than the one
   scored, by leave-one-year-out and by a forward split (fit 1998-2009, score 2010-2019);
4. what adding up single-region models gives against the national and two-region totals.

Run from the repository root (about a minute on two cores)::

    .venv/bin/python scripts/scotland_regionalisation.py > /tmp/scotland.md
"""

from __future__ import annotations

import sys
import time

import numpy as np
import pandas as pd

from creative_econ.datasets._scotland import SCOTLAND_YEARS, uk_scotland_concordance
from creative_econ.regional.benchmark import (
    MethodSpec,
    leave_one_out_delta,
    scotland_regional_data,
    scotland_scores,
    uk_scotland_case,
)
from creative_econ.regional.regionalise import regionalise
from creative_econ.regional.two_region import regional_output_multipliers, two_region

DELTAS = tuple(round(d, 3) for d in np.arange(0.0, 0.501, 0.025))
TABLE_DELTAS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.4)
FAMILIES = {  # name -> (method, cap)
    "FLQ": ("flq", "none"),
    "AFLQ": ("aflq", "none"),
    "FLQ + pool cap": ("flq", "pool"),
    "FLQ + CHARM cap": ("flq", "charm"),
    "AFLQ + pool cap": ("aflq", "pool"),
    "AFLQ + CHARM cap": ("aflq", "charm"),
}
FIXED = [MethodSpec("national"), MethodSpec("slq"), MethodSpec("cilq"),
         MethodSpec("flq", 0.3), MethodSpec("flq", 0.2), MethodSpec("aflq", 0.2),
         MethodSpec("pool"), MethodSpec("charm")]


def md(frame: pd.DataFrame, floatfmt: str = ".2f") -> str:
    cols = [str(c) for c in frame.columns]
    lines = ["| " + " | ".join([frame.index.name or "", *cols]) + " |",
             "| --- |" + " ---: |" * len(cols)]
    for idx, row in frame.iterrows():
        cells = ["" if isinstance(v, float) and np.isnan(v)
                 else format(v, floatfmt) if isinstance(v, float) else str(v) for v in row]
        lines.append("| " + " | ".join([str(idx), *cells]) + " |")
    return "\n".join(lines)


def table_2010(case) -> str:
    specs = [MethodSpec("national"), MethodSpec("slq"), MethodSpec("cilq"),
             MethodSpec("pool"), MethodSpec("charm")]
    specs += [MethodSpec(m, d) for m in ("flq", "aflq") for d in TABLE_DELTAS]
    s = scotland_scores(specs, [2010], case=case).set_index("label")["mape"]
    rows = {"national table (no regionalisation)": s["NATIONAL"], "SLQ": s["SLQ"],
            "CILQ (= FLQ with δ = 0)": s["CILQ"], "supply-demand pool": s["POOL"],
            "CHARM": s["CHARM"]}
    out = pd.DataFrame({"MAPE, %": rows}).rename_axis("method")
    grid = pd.DataFrame(
        {f"δ = {d:g}": {m.upper(): s[f"{m.upper()} δ={d:g}"] for m in ("flq", "aflq")}
         for d in TABLE_DELTAS}).rename_axis("method")
    return md(out) + "\n\n" + md(grid)


def all_years(case) -> tuple[str, pd.DataFrame]:
    s = scotland_scores(FIXED, SCOTLAND_YEARS, case=case)
    stats = s.groupby("label", sort=False)["mape"].agg(["mean", "min", "max"])
    stats.columns = ["mean MAPE, %", "min", "max"]
    return md(stats.rename_axis("method (fixed)")), s


def grids(case) -> dict[str, pd.DataFrame]:
    out = {}
    for name, (method, cap) in FAMILIES.items():
        specs = [MethodSpec(method, d, cap) for d in DELTAS]
        s = scotland_scores(specs, SCOTLAND_YEARS, case=case)
        out[name] = s.pivot(index="year", columns="delta", values="mape")
    return out


def calibration(scores: dict[str, pd.DataFrame]) -> tuple[str, str, pd.DataFrame]:
    rows = {}
    for name, grid in scores.items():
        loyo = leave_one_out_delta(grid)
        early, late = grid.loc[:2009], grid.loc[2010:]
        d_fwd = float(early.mean().idxmin())
        d_in = float(grid.mean().idxmin())
        rows[name] = {
            "leave-one-year-out MAPE, %": loyo["score"].mean(),
            "δ chosen (range)": f"{loyo['delta'].min():g}-{loyo['delta'].max():g}",
            "forward: δ fitted 1998-2009": f"{d_fwd:g}",
            "forward: MAPE 2010-2019, %": late[d_fwd].mean(),
            "in-sample best (not a test), %": grid[d_in].mean(),
        }
    table = pd.DataFrame(rows).T.rename_axis("family")
    # Nested: for each held-out year choose the family and δ on the other years.
    stacked = pd.concat(scores, axis=1)  # columns (family, delta)
    picks = []
    for year in stacked.index:
        rest = stacked.drop(index=year).mean()
        fam, d = rest.idxmin()
        picks.append({"year": year, "family": fam, "delta": d,
                      "score": float(stacked.loc[year, (fam, d)])})
    nested = pd.DataFrame(picks).set_index("year")
    nested["delta"] = nested["delta"].map(lambda d: f"{d:g}")
    chosen = nested.groupby(["family", "delta"]).size().rename("years").reset_index()
    choices = ", ".join(f"{r.family} δ={r.delta} ({r.years} years)" for r in chosen.itertuples())
    text = (f"nested leave-one-year-out MAPE: {nested['score'].mean():.2f}% "
            f"(choices: {choices})")
    return md(table), text, nested


def summing(case) -> str:
    """£1m of final demand for Scottish creative services (group 90) under five accounts."""
    data, _ = scotland_regional_data(case, 2010)
    nat = case.national
    sector = "90"
    scot = regionalise(nat, data, region="SCO", method="flq", delta=0.2)
    rest_x = (nat.x - data.output.loc["SCO"]).to_frame("RUK").T
    from creative_econ.regional.data import RegionalData
    rest_data = RegionalData(output=rest_x, year=2010)
    ruk = regionalise(nat, rest_data, region="RUK", method="flq", delta=0.2)
    two = two_region(nat, data, region="SCO", method="flq", delta=0.2, rest_of_country="RUK")

    shock = pd.Series({sector: 1.0})
    national_total = float(nat.impact(shock)["output"]["total"].sum())
    # Two-region: the project buys in Scotland; outputs by region.
    imp2 = two.impact(pd.Series({("SCO", sector): 1.0}))["output"]["total"]
    by_region = imp2.groupby(level="region").sum()
    # Single-region Scotland, and rest-of-UK driven by Scotland's interregional purchases.
    x_scot = scot.impact(shock)["output"]["total"]
    leak = (nat.A.to_numpy() - scot.A.to_numpy()) @ x_scot.to_numpy()
    x_ruk = ruk.impact(pd.Series(leak, index=nat.sectors))["output"]["total"]
    rows = {
        "national table": (national_total, float("nan")),
        "two-region model (FLQ δ = 0.2)": (by_region["SCO"], by_region["RUK"]),
        "single-region models added up (FLQ δ = 0.2)": (x_scot.sum(), x_ruk.sum()),
        "Scottish study on national coefficients + rest-of-UK study": (national_total,
                                                                     x_ruk.sum()),
    }
    frame = pd.DataFrame(rows, index=["Scotland", "rest of UK"]).T
    frame["total"] = frame.sum(axis=1, skipna=True)
    frame.loc["national table", "Scotland"] = float("nan")
    frame = frame.rename_axis("account")
    own = regional_output_multipliers(two).loc[("SCO", sector)]
    note = (f"two-region own-region multiplier {own['SCO']:.4f} vs single-region "
            f"{x_scot.sum():.4f} (feedback {own['SCO'] - x_scot.sum():.4f})")
    return md(frame, ".4f") + "\n\n" + note


CREATIVE_GROUPS = ("58", "59-60", "62", "71", "73", "74", "90", "91", "93")


def creative(case, delta: float) -> str:
    """Scotland's own 2010 multipliers for creative groups against the estimates."""
    data, _ = scotland_regional_data(case, 2010)
    ref = case.reference(2010).multipliers()["output"]
    nat = case.national.multipliers()["output"]
    flq = regionalise(case.national, data, region="SCO", method="flq", delta=0.2)
    best = regionalise(case.national, data, region="SCO", method="aflq", delta=delta,
                       cap="pool")
    labels = uk_scotland_concordance().drop_duplicates("group").set_index("group")["group_label"]
    frame = pd.DataFrame({
        "group": [f"{g} {labels[g]}" for g in CREATIVE_GROUPS],
        "Scotland's table": ref[list(CREATIVE_GROUPS)].to_numpy(),
        "UK table": nat[list(CREATIVE_GROUPS)].to_numpy(),
        "FLQ δ = 0.2": flq.multipliers()["output"][list(CREATIVE_GROUPS)].to_numpy(),
        f"AFLQ δ = {delta:g} + pool cap": best.multipliers()["output"][
            list(CREATIVE_GROUPS)].to_numpy(),
    }).set_index("group")
    return md(frame, ".3f")


def main() -> int:
    start = time.perf_counter()
    case = uk_scotland_case()
    print("## 1. MAPE in 2010\n")
    print(table_2010(case))
    print("\n## 2. All years 1998-2019\n")
    text, _ = all_years(case)
    print(text)
    print("\n## 3. Out-of-sample calibration\n")
    scores = grids(case)
    table, nested_text, nested = calibration(scores)
    print(table)
    print("\n" + nested_text)
    print("\nPer held-out year:\n")
    print(md(nested))
    print("\n## 4. Adding up regional models (£1m for Scottish creative services)\n")
    print(summing(case))
    print("\n## 5. Creative groups, 2010: Type I output multipliers\n")
    print(creative(case, 0.175))
    print(f"\n(run time {time.perf_counter() - start:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
