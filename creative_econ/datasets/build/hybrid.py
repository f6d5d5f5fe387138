r"""The recipe of the Kazakhstan hybrid table: :func:`build_kazakhstan_hybrid`.

Section level (OKED A-S, T folded into S), for year $t$, output $x$, GVA and compensation from
BNS, $IC = x - \text{GVA}$:

1. **ADB shares** (2022, the last ADB year): domestic intermediate sales $\rho_s$ and exports
   $e_s$ as shares of output, carried from ADB's 35 sectors to sections through bridge weights
   taken from the donor's product outputs (:func:`~._steps.bridge_weights`,
   :func:`~._steps.section_ratios`); domestic final sales $d_s = 1 - \rho_s - e_s$.
2. **Row targets** $u = \varphi_t\hat\rho x$ (domestic intermediate sales at BNS output).
   $\varphi_{2022} = 1$; for later years $\varphi_t$ keeps the residual row (step 4) at its 2022
   share $\tau$ of IC: $\varphi_t = (1 - s - \tau)\,\iota'IC_t / \rho'x_t$.
3. **Imported inputs** $m_j = \kappa\mu^{col}_j IC_j$: the donor's column import shares at
   ADB's aggregate import share of intermediate inputs (:func:`~._steps.scaled_import_inputs`).
4. **Column targets** $v_j = \lambda(IC_j - m_j)$ with $\iota'v = \iota'u$, and the residual
   row $r_j = IC_j - m_j - v_j$ (:func:`~._steps.column_targets`).
5. **Prior and balancing**: $Z_0 = A^d_{donor}\hat x$ (donor domestic coefficients at sections
   times Kazakh output), balanced by GRAS to $u$ and $v$.
6. **Final demand**: exports $\hat e x$; domestic final sales $\hat d x$ split into
   households, government (with NPISH) and fixed capital formation by the donor's shares.
7. **Value added**: compensation (BNS) and other GVA (BNS GVA - compensation).
8. **Creative detail**: J, M and R split with :meth:`IOTable.split` using the donor's output
   shares, cost structures, sales patterns, employment (or compensation) and import shares.

So each column closes as $x_j = \iota'z_{\cdot j} + m_j + r_j + \text{GVA}_j$ and each row as
$x_i = z_{i\cdot}\iota + f_i$.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import numpy as np
import pandas as pd

from ...balancing import Balanced, gras
from ...errors import InvalidTableError
from ...households import Households
from ...table import IOTable
from .._kazakhstan import (
    kazakhstan_employment_by_section,
    kazakhstan_gva_by_section,
    kazakhstan_output_by_region,
)
from .._kazakhstan_hybrid import (
    _SUB_LABELS,
    EMPLOYMENT_UNIT,
    HYBRID_LABELS,
    HYBRID_SECTORS,
    HYBRID_YEARS,
    PLAUSIBLE_TYPE_I_OUTPUT,
    SECTION_LABELS,
    SECTIONS,
    SPLITS,
    UNIT,
    _check_year,
    adb_mrio_kazakhstan,
    check_plausible,
    kazakhstan_compensation_by_section,
    read_bundled,
)
from ._steps import (
    bridge_weights,
    column_targets,
    scaled_import_inputs,
    section_ratios,
)
from .donors import FINAL_DEMAND, Donor, adb_divisions, load_donor

__all__ = [
    "ADB_LAST_YEAR",
    "PLAUSIBLE_TYPE_I_OUTPUT",
    "RESIDUAL",
    "HybridBuild",
    "build_kazakhstan_hybrid",
    "check_plausible",
    "hybrid_components",
    "kazakh_totals",
]

#: Last year of the bundled ADB MRIO sector aggregates.
ADB_LAST_YEAR = 2022
#: Name of the residual primary-input row (an ``other_inputs`` row of the table).
RESIDUAL = "ic_residual"
_ADB_RTOL = 1e-4  # ADB values are printed to 0.001 USD million
_SOURCE = (
    "HYBRID (not official): BNS ASPR RK totals by OKED section; ADB MRIO sector sales shares; "
    "inter-industry structure borrowed from {donor}; balanced by GRAS"
)


@dataclass(frozen=True, eq=False)
class HybridBuild:
    r"""Everything the recipe produced, for inspection and the documentation.

    Attributes
    ----------
    table : IOTable
        The hybrid table with the creative sub-sectors.
    sections : IOTable
        The section-level table before the creative splits.
    targets : DataFrame
        By section: BNS ``output``, ``gva``, ``compensation``, ``ic``, ``employment``; ADB
        shares ``rho`` (domestic intermediate sales), ``exports_share``, ``domestic_final_share``;
        ``row_target`` $u$, ``imports`` $m$, ``col_target`` $v$, ``residual`` $r$; donor column
        import share ``mu_col``.
    bridge : DataFrame
        ADB sector x section bridge weights.
    balanced : Balanced
        The GRAS report of the domestic block.
    parameters : dict
        ``year``, ``donor``, ``adb_year``, ``adb_import_share`` $s$, ``residual_share``
        $\tau$, ``phi`` $\varphi_t$, ``kappa`` $\kappa$, ``lambda`` $\lambda$,
        ``gras_iterations``, ``gras_residual``.
    """

    table: IOTable
    sections: IOTable
    targets: pd.DataFrame
    bridge: pd.DataFrame
    balanced: Balanced
    parameters: dict[str, object] = field(default_factory=dict)


def kazakh_totals(year: int) -> pd.DataFrame:
    """BNS national totals by section (A-S, T folded into S) for a year.

    Columns ``output``, ``gva``, ``compensation`` (million KZT), ``employment`` (persons) and
    ``ic`` = output - GVA. Section T (households as employers) is published in GVA and
    compensation every year and in output only for 2025; its GVA, compensation and (2025)
    output are added to S. In 2022-2024 BNS's output total equals the sum of sections A-S and
    GVA includes T, so output - IC = GVA holds only with T inside S.

    Raises
    ------
    InvalidParameterError
        No BNS data for the year.
    """
    _check_year(year, (2022, 2023, 2024, 2025), "years of the BNS output by region file")

    def fold(series: pd.Series) -> pd.Series:
        out = series.copy()
        if "T" in out.index:
            out["S"] = out["S"] + out.pop("T")
        return out.reindex(list(SECTIONS))

    out = kazakhstan_output_by_region(national=True, section_t=True)
    out = out[(out["year"] == year) & (out["region"] == "national")]
    gva = kazakhstan_gva_by_section()
    coe = kazakhstan_compensation_by_section()
    emp = kazakhstan_employment_by_section()
    frame = pd.DataFrame(
        {
            "output": fold(out.set_index("section")["output_mln_kzt"]),
            "gva": fold(gva[gva["year"] == year].set_index("section")["gva_mln_kzt"]),
            "compensation": fold(
                coe[coe["year"] == year].set_index("section")["compensation_mln_kzt"]
            ),
            "employment": fold(emp[emp["year"] == year].set_index("section")["employed_thousand"])
            * 1000.0,
        }
    ).rename_axis("section")
    frame["ic"] = frame["output"] - frame["gva"]
    if frame.isna().any().any() or (frame[["ic", "gva", "compensation"]] <= 0).any().any():
        raise InvalidTableError(f"BNS totals for {year} are incomplete or not positive.")
    if (frame["compensation"] > frame["gva"]).any():
        s = frame.index[frame["compensation"] > frame["gva"]][0]
        raise InvalidTableError(f"Compensation exceeds GVA in section {s} in {year}.")
    return frame


def _adb(adb_year: int) -> pd.DataFrame:
    raw = adb_mrio_kazakhstan()
    frame = raw[raw["year"] == adb_year].set_index("adb_sector_abv")
    if frame.empty:
        raise InvalidTableError(f"No ADB MRIO figures for Kazakhstan in {adb_year}.")
    x = frame["gross_output"]
    gap = (
        frame["domestic_intermediate_sales"]
        + frame["domestic_final_sales"]
        + frame["exports_total"]
        - x
    ).abs()
    if (gap > _ADB_RTOL * x.clip(lower=1.0) + 0.01).any():
        raise InvalidTableError(f"ADB {adb_year}: sales do not add up to output.")
    return frame


def _bridge(donor: Donor, adb: pd.DataFrame) -> pd.DataFrame:
    """ADB sector x section weights from the donor's product outputs."""
    div_to_adb = adb_divisions()
    adb_of = donor.adb_sector(div_to_adb)
    concord = read_bundled("adb_c35_to_isic4_divisions.csv").set_index("adb_sector_abv")
    pattern = pd.DataFrame(False, index=adb.index, columns=list(SECTIONS))
    for a in adb.index:
        for sec in str(concord.loc[a, "oked_sections"]).split(";"):
            pattern.loc[a, "S" if sec == "T" else sec] = True
    cells = donor.x.groupby([adb_of.to_numpy(), donor.section.to_numpy()]).sum()
    q = cells.unstack(fill_value=0.0).reindex(
        index=adb.index, columns=list(SECTIONS), fill_value=0.0
    )
    W = bridge_weights(q.to_numpy(), pattern.to_numpy())
    return pd.DataFrame(W, index=adb.index, columns=list(SECTIONS))


def _donor_sections(donor: Donor) -> tuple[pd.DataFrame, pd.Series, pd.DataFrame]:
    """Donor domestic coefficients, column import shares and final-demand shares by section."""
    secs = list(SECTIONS)
    Z = donor.group_flows(donor.section, donor.section).reindex(
        index=secs, columns=secs, fill_value=0.0
    )
    x = donor.group_sum(donor.x, donor.section).reindex(secs, fill_value=0.0)
    if (x <= 0).any():
        raise InvalidTableError(
            f"Donor {donor.name} has no output in section(s) {list(x.index[x <= 0])}."
        )
    A = Z / x
    imported = donor.group_sum(donor.imported, donor.section).reindex(secs, fill_value=0.0)
    mu_col = imported / (Z.sum(axis=0) + imported)
    dom = (
        donor.final[["households", "government", "gfcf"]]
        .groupby(donor.section.to_numpy())
        .sum()
        .reindex(secs, fill_value=0.0)
    )
    if (dom < 0).any().any() or (dom.sum(axis=1) <= 0).any():
        bad = dom.index[(dom < 0).any(axis=1) | (dom.sum(axis=1) <= 0)][0]
        raise InvalidTableError(
            f"Donor {donor.name}: no usable domestic final demand for section {bad}."
        )
    shares = dom.div(dom.sum(axis=1), axis=0)
    return A, mu_col, shares


def _adb_shares(donor: Donor) -> dict[str, object]:
    """ADB sales shares of output by section, the aggregate import share and the bridge."""
    adb = _adb(ADB_LAST_YEAR)
    W = _bridge(donor, adb)
    xa = adb["gross_output"].to_numpy(dtype=float)
    rho = section_ratios(W.to_numpy(), adb["domestic_intermediate_sales"].to_numpy(float), xa)
    ex = section_ratios(W.to_numpy(), adb["exports_total"].to_numpy(float), xa)
    dfs = section_ratios(W.to_numpy(), adb["domestic_final_sales"].to_numpy(float), xa)
    if np.abs(rho + ex + dfs - 1.0).max() > _ADB_RTOL:
        raise InvalidTableError("ADB shares of output do not add up to one.")
    share = 1.0 - float(
        adb["domestic_intermediate_sales"].sum() / adb["intermediate_inputs_total"].sum()
    )
    return {"rho": rho, "exports": ex, "bridge": W, "import_share": share}


def _residual_share(donor: Donor) -> float:
    r"""$\tau$, the residual's share of IC in the ADB year: $1 - s - \rho'x / \iota'IC$."""
    kz = kazakh_totals(ADB_LAST_YEAR)
    adb = _adb_shares(donor)
    u = float(adb["rho"] @ kz["output"].to_numpy())
    return 1.0 - float(adb["import_share"]) - u / float(kz["ic"].sum())


def _section_table(year: int, donor: Donor) -> tuple[IOTable, dict]:
    kz = kazakh_totals(year)
    adb = _adb_shares(donor)
    rho, ex, W = adb["rho"], adb["exports"], adb["bridge"]
    adb_share = float(adb["import_share"])
    x = kz["output"].to_numpy()
    ic = kz["ic"].to_numpy()
    tau = _residual_share(donor)
    # ADB's sales shares give the pattern of domestic intermediate sales; after the ADB year
    # their level is set so that the residual keeps its ADB-year share of IC (phi = 1 then).
    phi = (
        1.0
        if year == ADB_LAST_YEAR
        else ((1.0 - adb_share - tau) * float(ic.sum()) / float(rho @ x))
    )
    rho = rho * phi
    dfs = 1.0 - rho - ex
    if (dfs < 0).any():
        s = SECTIONS[int(np.argmin(dfs))]
        raise InvalidTableError(f"Section {s}: scaled ADB sales shares exceed output in {year}.")

    A, mu_col, fd_shares = _donor_sections(donor)
    u = rho * x
    imports, kappa = scaled_import_inputs(mu_col.to_numpy(), ic, adb_share)
    v, residual, lam = column_targets(ic, imports, float(u.sum()))

    secs = pd.Index(list(SECTIONS), name="sector")
    prior = A.reindex(index=secs, columns=secs) * x
    balanced = gras(prior, pd.Series(u, index=secs), pd.Series(v, index=secs))
    Z = balanced.frame

    domestic = pd.Series(dfs * x, index=secs)
    final = fd_shares.reindex(secs).mul(domestic, axis=0)
    final["exports"] = ex * x
    final = final[list(FINAL_DEMAND)]
    # Close the row identity exactly: GRAS meets u to its tolerance (1e-10 relative), and the
    # difference goes to household consumption, so exports stay exactly ADB's share.
    final["households"] += (x - Z.sum(axis=1).to_numpy()) - final.sum(axis=1).to_numpy()

    value_added = pd.DataFrame(
        {"compensation": kz["compensation"], "other_gva": kz["gva"] - kz["compensation"]}
    ).T.reindex(columns=secs)
    hh_dom_donor = float(donor.final["households"].sum())
    hh_imports = donor.household_imports / hh_dom_donor * float(final["households"].sum())
    resid = pd.Series(ic - imports - Z.sum(axis=0).to_numpy(), index=secs)
    params = {
        "year": year,
        "donor": donor.name,
        "adb_year": ADB_LAST_YEAR,
        "adb_import_share": adb_share,
        "residual_share": tau,
        "phi": phi,
        "kappa": kappa,
        "lambda": lam,
        "gras_iterations": balanced.iterations,
        "gras_residual": balanced.residual,
    }
    notes = (
        f"HYBRID table, not official statistics: Kazakhstan {year}.",
        "Official (BNS ASPR RK): output, GVA, compensation of employees and employment by OKED "
        "section; intermediate consumption = output - GVA. Section T (households as "
        "employers) is folded into S.",
        f"ADB MRIO {ADB_LAST_YEAR} (estimate): domestic intermediate sales and exports as "
        "shares of output, applied to BNS output (domestic final sales take the rest); "
        f"imported intermediate inputs = {adb_share:.4f} of intermediate consumption (ADB "
        "aggregate)."
        + (
            ""
            if phi == 1.0
            else f" Domestic intermediate sales shares scaled by "
            f"{phi:.4f} so that the residual keeps its {ADB_LAST_YEAR} share of IC "
            f"({tau:.4f})."
        ),
        f"Borrowed from {donor.title}: domestic input coefficients (prior of the "
        "intermediate block), the spread of imported inputs across columns, the household / "
        "government / capital-formation split of domestic final sales, household import "
        "leakage, and the creative sub-sector detail of J, M and R; ADB-to-section bridge "
        "weights from its product outputs.",
        f"Balanced (GRAS, {balanced.iterations} iterations): the domestic intermediate block "
        f"to the ADB row targets and column targets lambda * (IC - imports), lambda = "
        f"{lam:.4f}.",
        f"Residual row {RESIDUAL!r} = IC - domestic inputs - imported inputs: net taxes on "
        "products paid on intermediate use (BNS IC is at purchasers' prices) plus the "
        "discrepancy between BNS IC and ADB's domestic sales; total "
        f"{float(resid.sum()):,.0f} million KZT.",
        "Changes in inventories are not modelled (ADB domestic final sales are split over "
        "households, government and fixed capital formation only).",
    )
    table = IOTable.from_frames(
        Z=Z,
        final_demand=final,
        value_added=value_added,
        imports=pd.Series(imports, index=secs),
        output=pd.Series(x, index=secs),
        employment=kz["employment"].reindex(secs),
        households=Households(consumption="households", income="compensation", imports=hh_imports),
        labels=pd.Series(SECTION_LABELS).reindex(secs),
        other_inputs=resid.to_frame(RESIDUAL).T,
        name=f"kazakhstan_hybrid_{year}"
        + ("" if donor.name == "uzbekistan" else f"_{donor.name}_donor"),
        unit=UNIT,
        year=year,
        employment_unit=EMPLOYMENT_UNIT,
        source=_SOURCE.format(donor=donor.title),
        rtol=1e-9,
        notes=notes,
    )
    targets = kz.assign(
        rho=rho,
        exports_share=ex,
        domestic_final_share=dfs,
        row_target=u,
        imports=imports,
        col_target=v,
        residual=residual,
        mu_col=mu_col.reindex(kz.index).to_numpy(),
    )
    return table, {"targets": targets, "bridge": W, "balanced": balanced, "params": params}


def _split(table: IOTable, donor: Donor, parent: str) -> IOTable:
    """Split ``parent`` with the donor's detail (shares, technology, sales, satellites)."""
    subs = list(SPLITS[parent])
    current = table.sectors
    in_parent = donor.section == parent
    cur = donor.hybrid.where(donor.hybrid.isin(current), donor.section)
    x_sub = donor.group_sum(donor.x[in_parent], donor.hybrid[in_parent]).reindex(subs)
    if (x_sub.fillna(0) <= 0).any():
        raise InvalidTableError(
            f"Donor {donor.name} has no output in sub-sector(s) "
            f"{list(x_sub.index[x_sub.fillna(0) <= 0])} of section {parent}."
        )
    w = x_sub / x_sub.sum()

    col_key = donor.hybrid.where(in_parent, cur)
    flows = donor.group_flows(cur, col_key)
    technology = flows.reindex(index=current, columns=subs, fill_value=0.0) / x_sub

    sold = donor.group_flows(donor.hybrid, col_key).reindex(index=subs, fill_value=0.0)
    final = donor.final[in_parent].groupby(donor.hybrid[in_parent].to_numpy()).sum()
    sold = pd.concat([sold, final.reindex(subs)], axis=1)
    buyers = [
        b for b in [*current.drop(parent), *table.final_demand.columns, *subs] if b in sold.columns
    ]
    sales = sold[buyers]
    totals = sales.sum(axis=0)
    sales = sales.loc[:, totals > 0] / totals[totals > 0]

    def shares(values: pd.Series | None) -> dict[str, float]:
        s = donor.group_sum(values[in_parent], donor.hybrid[in_parent]).reindex(subs)
        return (s / s.sum()).to_dict()

    emp = donor.employment if donor.employment is not None else donor.compensation
    satellites = {
        "employment": shares(emp),
        "compensation": shares(donor.compensation),
        "imports": shares(donor.imported),
    }
    note = (
        f"sub-sector output shares, cost structures, sales patterns, employment "
        f"({'employment' if donor.employment is not None else 'compensation'} shares), "
        f"compensation and import shares borrowed from {donor.title}"
    )
    return table.split(
        parent,
        w.to_dict(),
        technology=technology,
        sales=sales,
        satellites=satellites,
        labels={k: _SUB_LABELS[k] for k in subs},
        name=table.name,
        note=note,
    )


@cache
def _components(year: int, donor: str) -> HybridBuild:
    d = load_donor(donor)
    sections, parts = _section_table(year, d)
    table = sections
    for parent in SPLITS:
        table = _split(table, d, parent)
    if tuple(table.sectors) != HYBRID_SECTORS:
        raise InvalidTableError("The split table's sectors are not the hybrid sectors.")
    labels = pd.Series(HYBRID_LABELS).reindex(table.sectors)
    table = IOTable.from_frames(
        Z=table.Z,
        final_demand=table.final_demand,
        value_added=table.value_added,
        imports=table.imports,
        output=table.x,
        employment=table.employment,
        households=table.households,
        labels=labels,
        other_inputs=table.other_inputs,
        name=sections.name,
        unit=UNIT,
        year=year,
        employment_unit=EMPLOYMENT_UNIT,
        source=sections.source,
        rtol=1e-9,
        notes=(*sections.notes[:7], *(n for n in table.notes if " split into " in n)),
    )
    return HybridBuild(
        table=table,
        sections=sections,
        targets=parts["targets"],
        bridge=parts["bridge"],
        balanced=parts["balanced"],
        parameters=parts["params"],
    )


def hybrid_components(year: int, donor: str = "uzbekistan") -> HybridBuild:
    """Build the hybrid table and return it with every intermediate result.

    Parameters
    ----------
    year : {2022, 2023, 2024}
    donor : {"uzbekistan", "uk"}
        The table whose inter-industry structure is borrowed.

    Raises
    ------
    InvalidParameterError
        A year without a hybrid table.
    InvalidOptionError
        An unknown donor.
    """
    year = _check_year(year, HYBRID_YEARS, "years with a hybrid table")
    load_donor(donor)  # validates the name
    return _components(year, donor)


def build_kazakhstan_hybrid(year: int, donor: str = "uzbekistan") -> IOTable:
    """The hybrid Kazakhstan table of a year, built from the bundled source files.

    The recipe is in the module documentation; what is official, estimated, borrowed and
    balanced is recorded in the table's ``notes`` and ``source`` (and so on every result's
    assumptions card).

    Parameters
    ----------
    year : {2022, 2023, 2024}
    donor : {"uzbekistan", "uk"}, default "uzbekistan"
        Uzbekistan's official 2022 table (the default, a neighbouring economy) or the ONS UK
        2010 table, whose inter-industry structure is borrowed.

    Returns
    -------
    IOTable
        26 sectors (:data:`~creative_econ.datasets._kazakhstan_hybrid.HYBRID_SECTORS`),
        million KZT at basic prices, employment in persons, with a Type II household closure.

    Raises
    ------
    InvalidParameterError
        ``year`` has no hybrid table (2022-2024 only).
    InvalidOptionError
        ``donor`` is not ``"uzbekistan"`` or ``"uk"``.

    Examples
    --------
    >>> t = build_kazakhstan_hybrid(2023)
    >>> t.name, t.n
    ('kazakhstan_hybrid_2023', 26)
    """
    table = hybrid_components(year, donor).table
    check_plausible(table)
    return table
