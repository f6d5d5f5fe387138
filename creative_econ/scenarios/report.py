"""Reports for scenario results: figures, a Markdown and an HTML report, a workbook, CSV.

The report opens with the headline numbers, then shows impacts over the years, by component,
by sector and by region, and ends with the assumptions card. A Monte Carlo result (a scenario
with ``uncertainty:``) adds its intervals to the headline, a fan chart over the years (median
and central interval around the point estimate) and a tornado of the inputs that matter most.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .result import ScenarioResult

__all__ = ["ScenarioReport", "figure_fan", "figure_tornado", "figures", "write_report"]


@dataclass(frozen=True)
class ScenarioReport:
    """What :func:`write_report` wrote."""

    markdown: Path
    html: Path
    files: tuple[Path, ...]


def _pyplot():
    import matplotlib

    if matplotlib.get_backend().lower() not in ("agg", "module://matplotlib_inline.backend_inline"):
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _unit(result: ScenarioResult, indicator: str) -> str:
    if indicator == "employment":
        return result.employment_unit or "jobs"
    return result.unit


def figure_over_years(result: ScenarioResult, indicator: str = "employment"):
    """Stacked direct / indirect / induced impact by year for one indicator."""
    plt = _pyplot()
    f = result.frame[(result.frame["measure"] == "gross") & (result.frame["indicator"] == indicator)
                     & (result.frame["component"] != "total")]
    wide = f.pivot_table(index="year", columns="component", values="value", aggfunc="sum",
                         sort=False)
    fig, ax = plt.subplots(figsize=(8, 4), layout="constrained")
    bottom = pd.Series(0.0, index=wide.index)
    for comp in wide.columns:
        ax.bar(wide.index, wide[comp], bottom=bottom, label=comp)
        bottom = bottom + wide[comp]
    if "net" in set(result.frame["measure"]):
        net = result.by_year(measure="net")[indicator]
        ax.plot(net.index, net.to_numpy(), color="black", marker="o", label="net total")
    ax.set_ylabel(f"{indicator} ({_unit(result, indicator)})")
    ax.set_title(f"{indicator.capitalize()} supported each year, {result.name}", loc="left")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    return fig


def figure_by_sector(result: ScenarioResult, indicator: str = "output", top: int = 12):
    """Top sectors by cumulative impact, stacked by component."""
    plt = _pyplot()
    table = result.by_sector(indicator).drop(columns="total", errors="ignore")
    total = table.sum(axis=1)
    table = table.loc[total.sort_values(ascending=False).index[:top]].iloc[::-1]
    names = [f"{r}: {s}" if len(result.regions) > 1 else str(s) for r, s in table.index]
    fig, ax = plt.subplots(figsize=(8.5, max(2.5, 0.4 * len(table) + 1)), layout="constrained")
    left = pd.Series(0.0, index=table.index)
    for comp in table.columns:
        ax.barh(names, table[comp], left=left, label=comp)
        left = left + table[comp]
    ax.set_xlabel(f"{indicator}, sum over years ({_unit(result, indicator)})")
    ax.set_title(f"{indicator.capitalize()} by sector, {result.name}", loc="left")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    return fig


def figure_by_region(result: ScenarioResult, indicator: str = "employment"):
    """Cumulative impact by region (spillovers), stacked by component."""
    plt = _pyplot()
    table = result.by_region(indicator).drop(columns="total", errors="ignore")
    table = table.loc[table.sum(axis=1).sort_values().index]
    fig, ax = plt.subplots(figsize=(8, max(2.5, 0.35 * len(table) + 1)), layout="constrained")
    left = pd.Series(0.0, index=table.index)
    for comp in table.columns:
        ax.barh([str(r) for r in table.index], table[comp], left=left, label=comp)
        left = left + table[comp]
    ax.set_xlabel(f"{indicator}, sum over years ({_unit(result, indicator)})")
    ax.set_title(f"{indicator.capitalize()} by region, {result.name}", loc="left")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    return fig


def figure_fan(result: ScenarioResult, indicator: str = "employment", *,
               measure: str = "gross"):
    """Fan chart over the years: the central interval as a band, the median, and the point
    estimate (Monte Carlo results only)."""
    plt = _pyplot()
    u = result.uncertainty
    if u is None:
        from ..errors import ScenarioError

        raise ScenarioError("figure_fan(): the result has no uncertainty: block.")
    table = result.by_year(measure=measure, interval=True)[indicator]
    years = table.index.to_numpy()
    fig, ax = plt.subplots(figsize=(8, 4), layout="constrained")
    lo, _, hi = u.levels
    ax.fill_between(years, table["lower"], table["upper"], alpha=0.25, color="tab:blue",
                    label=f"{u.interval:.0%} interval ({lo:.0%}-{hi:.0%})")
    ax.plot(years, table["median"], color="tab:blue", linestyle="--", label="median")
    ax.plot(years, table["value"], color="black", marker="o", label="point estimate")
    ax.set_ylabel(f"{indicator} ({_unit(result, indicator)})")
    ax.set_title(f"{indicator.capitalize()} each year with its uncertainty, {result.name}\n"
                 f"{u.draws:,} Monte Carlo draws, seed {u.seed}", loc="left")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    return fig


def figure_tornado(result: ScenarioResult, table: pd.DataFrame | None = None):
    """Tornado: one bar per uncertain input from the 10th to the 90th percentile of the
    headline quantity with only that input drawn, around the point estimate."""
    plt = _pyplot()
    if table is None:
        table = result.tornado()
    t = table.iloc[::-1]
    fig, ax = plt.subplots(figsize=(8.5, max(2.5, 0.45 * len(t) + 1.2)), layout="constrained")
    base = float(t["base"].iloc[0]) if len(t) else 0.0
    ax.barh([str(i) for i in t.index], t["high"] - t["low"], left=t["low"], color="tab:orange")
    ax.axvline(base, color="black", linewidth=1, label="point estimate")
    quantity = str(t["quantity"].iloc[0]) if len(t) else ""
    ax.set_xlabel(f"{quantity.replace('_', ' ')}: 10th to 90th percentile with one input drawn")
    ax.set_title(f"Which assumption matters most, {result.name}", loc="left")
    ax.legend(loc="lower right", frameon=False)
    return fig


def figures(result: ScenarioResult, tornado: pd.DataFrame | None = None) -> dict[str, object]:
    """The report's figures by file stem."""
    key = "employment" if "employment" in result.indicators else "output"
    out = {f"{key}_over_years": figure_over_years(result, key),
           "output_by_sector": figure_by_sector(result, "output")}
    if len(result.regions) > 1:
        out[f"{key}_by_region"] = figure_by_region(result, key)
    if result.uncertainty is not None:
        out[f"{key}_fan"] = figure_fan(result, key)
        out["tornado"] = figure_tornado(result, tornado)
    return out


def _md_table(frame: pd.DataFrame, digits: int = 1) -> str:
    cols = [str(c) for c in frame.columns]
    idx_name = frame.index.name or ""
    lines = [f"| {idx_name} | " + " | ".join(cols) + " |",
             "| --- |" + " ---: |" * len(cols)]
    for i, row in zip(frame.index, frame.to_numpy(), strict=True):
        cells = [f"{v:,.{digits}f}" if isinstance(v, float) else str(v) for v in row]
        lines.append(f"| {i} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _interval_text(result: ScenarioResult, key: str, measure: str = "gross") -> str:
    """' (90% interval 1,900.0-2,400.0)' for a headline quantity, or '' without a Monte
    Carlo."""
    if result.uncertainty is None:
        return ""
    row = result.headline(measure=measure, interval=True).loc[key]
    return (f" ({result.uncertainty.interval:.0%} interval {row['lower']:,.1f}-"
            f"{row['upper']:,.1f})")


def _headline_lines(result: ScenarioResult) -> list[str]:
    h = result.headline()
    unit = result.unit
    lines = []
    years = f"{result.scenario.base_year}-{result.scenario.horizon}"
    if "jobs_peak" in h:
        eu = result.employment_unit or "jobs"
        lines.append(f"- **Jobs supported:** {h['jobs_peak']:,.1f} ({eu}) in the peak year "
                     f"{int(h['jobs_peak_year'])}{_interval_text(result, 'jobs_peak')}; "
                     f"{h['jobs_average']:,.1f} a year on average; "
                     f"{h['job_years']:,.1f} job-years over {years}"
                     f"{_interval_text(result, 'job_years')} (job-years are not jobs).")
    if "output_cumulative" in h:
        lines.append(f"- **Output:** {h['output_cumulative']:,.1f} {unit} over {years}"
                     f"{_interval_text(result, 'output_cumulative')}.")
    if "gva_cumulative" in h:
        lines.append(f"- **Value added (GVA):** {h['gva_cumulative']:,.1f} {unit}"
                     f"{_interval_text(result, 'gva_cumulative')}.")
    if "income_cumulative" in h:
        lines.append(f"- **Household income:** {h['income_cumulative']:,.1f} {unit}"
                     f"{_interval_text(result, 'income_cumulative')}.")
    if "net" in set(result.frame["measure"]):
        n = result.headline(measure="net")
        key = "jobs_peak" if "jobs_peak" in n else "output_cumulative"
        lines.append(f"- **Net of deadweight, displacement and leakage:** {n[key]:,.1f} "
                     f"({key.replace('_', ' ')}){_interval_text(result, key, 'net')}.")
    u = result.uncertainty
    if u is not None:
        lines.append(f"- **Uncertainty:** intervals are the central {u.interval:.0%} of "
                     f"{u.draws:,} Monte Carlo draws (seed {u.seed}) over: "
                     + ", ".join(u.inputs) + "; the first number is the point estimate.")
    return lines


def _uncertainty_md(result: ScenarioResult, tornado: pd.DataFrame, key: str) -> list[str]:
    u = result.uncertainty
    assert u is not None
    table = result.by_year(interval=True)[key]
    head = result.headline(interval=True).drop(index="jobs_peak_year", errors="ignore")
    t = tornado[["low", "high", "swing"]].copy()
    quantity = str(tornado["quantity"].iloc[0]) if len(tornado) else ""
    return [
        "## Uncertainty", "",
        f"{u.draws:,} Monte Carlo draws, seed {u.seed}; median and {u.interval:.0%} interval "
        "(value is the point estimate). Inputs:", "",
        *[f"- {d}" for d in u.descriptions], "",
        f"Solver: {u.solver}.", "",
        "### Headline with intervals", "", _md_table(head), "",
        f"### {key.capitalize()} by year with intervals (gross, total)", "", _md_table(table),
        "",
        f"### Which assumption matters most ({quantity.replace('_', ' ')}: 10th-90th "
        "percentile with only that input drawn)", "", _md_table(t), "",
    ]


def write_report(result: ScenarioResult, out_dir: str | Path) -> ScenarioReport:
    """Write report.md, report.html, the workbook, the tidy CSV and the figures."""
    plt = _pyplot()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    tornado = result.tornado() if result.uncertainty is not None else None
    figs = figures(result, tornado)
    for stem, fig in figs.items():
        path = out / f"{stem}.png"
        fig.savefig(path, dpi=110)
        files.append(path)
    plt.close("all")
    files.append(result.to_csv(out / f"{result.name}.csv"))
    files.append(result.to_excel(out / f"{result.name}.xlsx"))

    s = result.scenario
    title = f"Scenario: {s.name}"
    md = [f"# {title}", ""]
    if s.description:
        md += [s.description, ""]
    md += ["## Headline", "", *_headline_lines(result), "",
           f"Model: Type {s.type} input-output, {result.assumptions.dataset} "
           f"({result.assumptions.year}), basic prices; Type I counts supply-chain effects, "
           "Type II adds household spending (an upper bound).", ""]
    md += ["## Impacts by year (gross, total)", "", _md_table(result.by_year()), ""]
    comps = result.components()
    md += ["## By component (sum over years; employment in job-years)", "",
           _md_table(comps), ""]
    sector = result.by_sector("output")
    sector = sector[sector["total"] != 0]
    sector = sector.loc[sector["total"].sort_values(ascending=False).index[:10]]
    sector.index = [f"{r}: {sec}" if len(result.regions) > 1 else str(sec)
                    for r, sec in sector.index]
    md += ["## Sectors most affected (output, sum over years)", "", _md_table(sector), ""]
    if len(result.regions) > 1:
        key = "employment" if "employment" in result.indicators else "output"
        md += [f"## {key.capitalize()} by region (sum over years)", "",
               _md_table(result.by_region(key)), ""]
    key = "employment" if "employment" in result.indicators else "output"
    if tornado is not None:
        md += _uncertainty_md(result, tornado, key)
    md += [f"![{stem}]({stem}.png)" for stem in figs] + [""]
    md += ["## Shocks", "", *[f"- {n}" for n in result.shocks.notes], ""]
    md += ["## Assumptions", "", result.assumptions.to_markdown(), ""]
    md += ["Files: " + ", ".join(f"`{p.name}`" for p in files), ""]
    md_path = out / "report.md"
    md_path.write_text("\n".join(md), encoding="utf-8")

    body = [f"<h1>{html.escape(title)}</h1>"]
    if s.description:
        body.append(f"<p>{html.escape(s.description)}</p>")
    body.append("<h2>Headline</h2><ul>" + "".join(
        f"<li>{html.escape(line[2:].replace('**', ''))}</li>" for line in _headline_lines(result)
    ) + "</ul>")
    fmt = {"float_format": lambda v: f"{v:,.1f}"}
    body.append("<h2>Impacts by year</h2>" + result.by_year().to_html(**fmt))
    body.append("<h2>By component</h2>" + comps.to_html(**fmt))
    body.append("<h2>Sectors most affected (output)</h2>" + sector.to_html(**fmt))
    if tornado is not None:
        body.append("<h2>Uncertainty</h2>" + result.headline(interval=True).to_html(**fmt)
                    + result.by_year(interval=True)[key].to_html(**fmt)
                    + "<h3>Which assumption matters most</h3>"
                    + tornado[["low", "high", "swing"]].to_html(**fmt))
    body += [f'<p><img src="{stem}.png" alt="{stem}"></p>' for stem in figs]
    body.append("<h2>Assumptions</h2>" + result.assumptions._repr_html_())
    html_path = out / "report.html"
    html_path.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>"
        f"{html.escape(title)}</title></head><body>" + "".join(body) + "</body></html>",
        encoding="utf-8",
    )
    return ScenarioReport(markdown=md_path, html=html_path, files=(md_path, html_path, *files))
