"""A multiplier-and-impact report for one table and one final-demand change.

Writes CSV tables, PNG figures and a Markdown report (headline numbers first, then the
multipliers, the impact by component, the assumptions card) into a folder.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .results import Impact
from .table import IOTable

__all__ = ["MultiplierReport", "multiplier_report"]


@dataclass(frozen=True)
class MultiplierReport:
    """Paths of what a report wrote, and the impacts it computed."""

    markdown: Path
    files: tuple[Path, ...]
    impacts: dict[str, Impact]


def _fmt(v: float, digits: int = 1) -> str:
    return f"{v:,.{digits}f}"


def _label(table: IOTable, sector: object) -> str:
    if table.labels is not None and table.labels.get(sector):
        return f"{sector} {table.labels[sector]}"
    return str(sector)


def multiplier_report(
    table: IOTable,
    shock: pd.Series,
    out_dir: str | Path,
    *,
    sectors: Sequence[object] | None = None,
    title: str = "Multipliers and impact",
    shock_description: str = "",
) -> MultiplierReport:
    """Write the multipliers of ``sectors`` and the Type I / II impact of ``shock``.

    Parameters
    ----------
    table : IOTable
        A table with a household closure (for Type II).
    shock : Series
        Final-demand change by sector, in the table's unit.
    out_dir : path
        Created if missing.
    sectors : sequence, optional
        Sectors to show in the multiplier table and figure (default: the shocked ones).
    """
    from .viz import impact_by_sector, multipliers_bar

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    shown = list(sectors) if sectors is not None else list(shock.index[shock != 0])
    types = ["I", "II"] if table.households is not None else ["I"]
    impacts = {t: table.impact(shock, type=t) for t in types}

    mult = {t: table.multipliers(t) for t in types}
    wide = pd.concat({f"type_{t}": mult[t] for t in types}, axis=1)
    wide.columns = [f"{ind}_type_{t[-2:].lstrip('_')}" for t, ind in wide.columns]
    if table.labels is not None:
        wide.insert(0, "label", table.labels)
    files = [out / "multipliers.csv", out / "impact.csv"]
    wide.to_csv(files[0])
    pd.concat([impacts[t].to_frame().assign(model=f"Type {t}") for t in types]).to_csv(
        files[1], index=False
    )

    out_cols = {f"Type {t}": mult[t].loc[shown, "output"] for t in types}
    fig = multipliers_bar(pd.DataFrame(out_cols), labels=table.labels,
                          title=f"Output multipliers, {table.name}")
    files.append(out / "multipliers.png")
    fig.savefig(files[-1], dpi=110)
    last = types[-1]
    fig = impact_by_sector(impacts[last], labels=table.labels, unit=table.unit,
                           title=f"Output impact by sector (Type {last})")
    files.append(out / "impact_by_sector.png")
    fig.savefig(files[-1], dpi=110)
    import matplotlib.pyplot as plt

    plt.close("all")

    lines = [f"# {title}", ""]
    total_shock = float(shock.sum())
    lines.append(
        f"**Shock:** {shock_description or 'final-demand change'}: {_fmt(total_shock)} "
        f"{table.unit} of final demand ({table.name}, {table.year})."
    )
    lines.append("")
    summ = {t: impacts[t].summary() for t in types}
    for t in types:
        s = summ[t]["total"]
        parts = [f"output {_fmt(s['output'])} {table.unit}"]
        if "gva" in s:
            parts.append(f"GVA {_fmt(s['gva'])}")
        if "income" in s:
            parts.append(f"household income {_fmt(s['income'])}")
        if "employment" in s:
            parts.append(f"employment {_fmt(s['employment'], 2)} {table.employment_unit}")
        lines.append(f"- **Type {t}:** " + ", ".join(parts) + ".")
    lines += ["", "Type I counts direct and supply-chain (indirect) effects; Type II adds the "
              "effects induced by household spending of the extra income (an upper bound: it "
              "assumes average propensities to consume).", ""]
    for t in types:
        lines += [f"## Impact by component, Type {t}", "", impacts[t].to_markdown_summary(), ""]
    lines += ["## Multipliers of the selected sectors", ""]
    cols = [c for c in wide.columns if c != "label" and c.split("_type_")[0] in
            ("output", "output_total", "gva", "income", "employment")]
    lines.append("| sector | " + " | ".join(cols) + " |")
    lines.append("| --- |" + " ---: |" * len(cols))
    for s in shown:
        lines.append(f"| {_label(table, s)} | "
                     + " | ".join(_fmt(wide.loc[s, c], 3) for c in cols) + " |")
    lines += ["", "![Output multipliers](multipliers.png)", "",
              "![Impact by sector](impact_by_sector.png)", "", "## Assumptions", "",
              impacts[last].assumptions.to_markdown(), "",
              "Files: " + ", ".join(f"`{p.name}`" for p in files), ""]
    md = out / "report.md"
    md.write_text("\n".join(lines), encoding="utf-8")
    return MultiplierReport(markdown=md, files=(md, *files), impacts=impacts)
