r"""A two-region model: a region and the rest of the country, with interregional feedback.

Both regions get intraregional coefficients from the same method (each against the nation),
and whatever a region does not buy from itself it buys from the other region:

$$
A = \begin{bmatrix} A^{RR} & A^{RS} \\ A^{SR} & A^{SS} \end{bmatrix}, \qquad
A^{SR} = A^N - A^{RR}, \quad A^{RS} = A^N - A^{SS}.
$$

A product that one region does not make at all is bought entirely at home by the other (its
intraregional row is the national one), so neither region sells what it does not produce.

Each column block adds back to the national coefficients, so for any national final-demand
change split between the producing regions, $\Delta f^R + \Delta f^S = \Delta f^N$, the regional
outputs add up to the national ones: $\Delta x^R + \Delta x^S = L^N \Delta f^N$ (sum the two block
rows of $x = Ax + f$). A single-region model keeps only $A^{RR}$: what the region buys from the
rest of the country leaks away, and so does the rest of the country's demand for the region's
output that those purchases set off (the *interregional feedback*).

The table is an ordinary :class:`~creative_econ.IOTable` whose sectors are the pairs
``(region, sector)``; impacts by region are ``impact.by_sector.groupby(level="region").sum()``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import numpy as np
import pandas as pd

from .. import leontief as le
from ..table import IOTable
from . import lq as _lq
from ._errors import RegionalDataError
from .data import Basis, RegionalData
from .regionalise import (
    _FLEGG,
    Cap,
    FinalDemandRule,
    Method,
    RegionalTable,
    _check_common,
    _delta_vector,
    _estimate,
    _national_sizes,
    _national_trade,
    _record,
    _rules,
    _sizes,
)

__all__ = ["TRADE_ADJUSTMENT", "regional_output_multipliers", "two_region"]

#: Final-demand column that balances each row of a two-region table (sums to zero per product).
TRADE_ADJUSTMENT = "interregional_trade_adjustment"


def two_region(
    national: IOTable,
    regional_data: RegionalData,
    *,
    region: str,
    method: Method = "flq",
    delta: float | pd.Series | Mapping[object, float] = _lq.DEFAULT_DELTA,
    basis: Basis = "output",
    cap: Cap = "none",
    national_imports: pd.DataFrame | pd.Series | None = None,
    national_sizes: pd.Series | None = None,
    final_demand_rules: Mapping[str, FinalDemandRule] | None = None,
    rest_of_country: str = "REST",
    name: str | None = None,
) -> RegionalTable:
    r"""A region and the rest of the country as one $2n$-sector table.

    Parameters are those of :func:`~creative_econ.regional.regionalise`; the rest of the
    country is the nation less the region on every basis.

    Parameters
    ----------
    national : IOTable
    regional_data : RegionalData
    region : str
    method, delta, basis, cap, national_imports, national_sizes, final_demand_rules
        As for :func:`~creative_econ.regional.regionalise` (keyword-only).
    rest_of_country : str, default "REST"
        Code of the rest of the country in the sector labels.
    name : str, optional

    Returns
    -------
    RegionalTable
        Sectors are a MultiIndex ``(region, sector)``, region first. Output is the regional
        output and the rest; intermediate flows are the four blocks above times output. Final
        demand is each national category split by producing region: consumption and capital
        formation by where it is spent (the regional shares of :func:`regionalise`) and then by
        where it is bought from (the purchase shares of each region); exports abroad and
        inventories pro rata to output. A last column, ``interregional_trade_adjustment``,
        balances each row; it sums to zero over the two regions for every product. Value added,
        imports from abroad and taxes keep the national coefficients; employment is the
        regional data's where given, the rest of the country gets the remainder. No household
        closure (Type I only).

    Raises
    ------
    RegionalDataError
        The region is the whole nation (no rest of country), or the errors of
        :func:`regionalise`.
    """
    _check_common(national, regional_data, method, basis, cap)
    sizes = _national_sizes(national, national_sizes, basis)
    regional_data.validate_against(national, national_sizes=sizes)
    sectors = national.sectors
    if rest_of_country == region:
        raise RegionalDataError(f"rest_of_country={rest_of_country!r} is the region's own code.")
    delta_value = _delta_vector(delta, method, sectors) if method in _FLEGG else 0.0
    rules, notes = _rules(national, final_demand_rules)
    uses_charm = method == "charm" or cap == "charm"
    trade = _national_trade(national, national_imports, rules) if uses_charm else None

    q_r, q_n, x_r = _sizes(national, regional_data, region, basis, sizes)
    x_n = national.x.to_numpy(dtype=float)
    q_s = np.maximum(q_n - q_r, 0.0)
    x_s = np.maximum(x_n - x_r, 0.0)
    if q_s.sum() <= 0:
        raise RegionalDataError(
            f"Region {region!r} is the whole nation on the {basis} basis: a two-region model "
            "needs a rest of the country."
        )
    kw = {"method": method, "delta": delta_value, "cap": cap, "rules": rules, "trade": trade}
    est_r = _estimate(national, q_r, q_n, x_r, **kw)  # type: ignore[arg-type]
    est_s = _estimate(national, q_s, q_n, x_s, **kw)  # type: ignore[arg-type]

    A = national.A.to_numpy(dtype=float)
    # A product one region does not make cannot be bought from it: the other buys it at home.
    R_r, R_s = est_r.R.copy(), est_s.R.copy()
    rho_r, rho_s = est_r.local_share.copy(), est_s.local_share.copy()
    R_r[x_s == 0, :], rho_r[x_s == 0] = A[x_s == 0, :], 1.0
    R_s[x_r == 0, :], rho_s[x_r == 0] = A[x_r == 0, :], 1.0
    A2 = np.block([[R_r, A - R_s], [A - R_r, R_s]])
    x2 = np.concatenate([x_r, x_s])
    Z2 = A2 * x2[None, :]

    cols = [str(c) for c in national.final_demand.columns]
    F = national.final_demand.to_numpy(dtype=float)
    f_r, f_s = np.empty_like(F), np.empty_like(F)
    for k, c in enumerate(cols):
        dest_r = est_r.FR[:, k]
        dest_s = F[:, k] - dest_r
        if rules[c] in ("exports", "product"):
            f_r[:, k], f_s[:, k] = dest_r, dest_s
        else:
            f_r[:, k] = rho_r * dest_r + (1.0 - rho_s) * dest_s
            f_s[:, k] = (1.0 - rho_r) * dest_r + rho_s * dest_s
    f2 = np.vstack([f_r, f_s])
    adjust = x2 - Z2.sum(axis=1) - f2.sum(axis=1)
    scale = max(1.0, float(x2.max()))
    adjust[np.abs(adjust) < 1e-9 * scale] = 0.0
    if np.abs(adjust).max() > 0:
        n = len(sectors)
        share = np.abs(adjust[:n]).sum() / max(x_r.sum(), 1e-300)
        notes.append(
            f"Rows balanced by '{TRADE_ADJUSTMENT}' (interregional trade the method does not "
            f"place; it sums to zero over the two regions): {share:.2%} of {region}'s output."
        )

    index = pd.MultiIndex.from_arrays(
        [np.repeat([region, rest_of_country], len(sectors)), np.tile(sectors.to_numpy(), 2)],
        names=["region", sectors.name or "sector"],
    )

    def per_output(values: np.ndarray) -> np.ndarray:
        coef = np.zeros_like(x_n)
        np.divide(values, x_n, out=coef, where=x_n > 0)
        return np.tile(coef, 2) * x2

    va = national.value_added
    value_added = pd.DataFrame(
        np.vstack([per_output(r) for r in va.to_numpy(dtype=float)]) if len(va)
        else np.zeros((0, len(index))), index=va.index, columns=index)
    employment = None
    employment_unit = national.employment_unit
    if "employment" in regional_data.bases and region in regional_data.basis("employment").index:
        e_r = regional_data.values(region, "employment", sectors).to_numpy(dtype=float)
        employment_unit = regional_data.employment_unit
        if national.employment is not None:
            e_s = np.maximum(national.employment.to_numpy(dtype=float) - e_r, 0.0)
        else:
            e_s = np.zeros_like(e_r)
            notes.append("No national employment: the rest of the country has no employment.")
        employment = pd.Series(np.concatenate([e_r, e_s]), index=index)
    elif national.employment is not None:
        employment = pd.Series(per_output(national.employment.to_numpy(dtype=float)),
                               index=index)
    other = None
    if national.other_inputs is not None:
        other = pd.DataFrame(
            np.vstack([per_output(r) for r in national.other_inputs.to_numpy(dtype=float)]),
            index=national.other_inputs.index, columns=index)
    labels = None if national.labels is None else pd.Series(
        np.tile(national.labels.to_numpy(), 2), index=index)
    notes.append("Two-region table: Type I only (no household closure).")

    table = RegionalTable.from_frames(
        Z=pd.DataFrame(Z2, index=index, columns=index),
        final_demand=pd.DataFrame(np.column_stack([f2, adjust]), index=index,
                                  columns=[*national.final_demand.columns, TRADE_ADJUSTMENT]),
        value_added=value_added,
        imports=None if national.imports is None
        else pd.Series(per_output(national.imports.to_numpy(dtype=float)), index=index),
        taxes=None if national.taxes is None
        else pd.Series(per_output(national.taxes.to_numpy(dtype=float)), index=index),
        output=pd.Series(x2, index=index),
        employment=employment,
        labels=labels,
        other_inputs=other,
        name=name or f"{national.name}: {region} and {rest_of_country}",
        unit=national.unit,
        year=national.year,
        employment_unit=employment_unit,
        income_component=national.income_component or "compensation",
        price_basis=national.price_basis,
        source=f"{national.name} split into {region} and {rest_of_country}",
        allow_negative=national.allow_negative,
        rtol=max(national.rtol, 1e-9),
    )
    info = _record(national, regional_data, region, method, basis, delta_value, cap, est_r,
                   rules, model="two-region", rest_of_country=rest_of_country)
    return replace(table, regionalisation=info,
                   notes=tuple(dict.fromkeys((*table.notes, *notes))))


def regional_output_multipliers(table: IOTable) -> pd.DataFrame:
    r"""Output multipliers of a multi-region table split by the region where output arises.

    For final demand in sector $j$ of region $r$, column sums of $L$ over the rows of each
    region: $\sum_{i \in s} l_{ij}$ for every region $s$, and their total. In a two-region
    table the own-region part is the regional multiplier with interregional feedback, the other
    part the spillover.

    Parameters
    ----------
    table : IOTable
        A table whose sectors are a MultiIndex with a level named ``region``.

    Returns
    -------
    DataFrame
        Index: the table's sectors; columns: each region, then ``total``.
    """
    sectors = table.sectors
    if not isinstance(sectors, pd.MultiIndex) or "region" not in sectors.names:
        raise RegionalDataError(
            "regional_output_multipliers needs a table whose sectors are (region, sector) "
            "pairs, such as the result of two_region()."
        )
    regions = sectors.get_level_values("region")
    order = pd.Index(pd.unique(regions))
    K = (regions.to_numpy()[None, :] == order.to_numpy()[:, None]).astype(float)
    K *= (table.x.to_numpy() != 0)[None, :]
    E = le.effects(table._lu, K)
    out = pd.DataFrame(E.T, index=sectors, columns=order)
    out["total"] = out.sum(axis=1)
    return out
