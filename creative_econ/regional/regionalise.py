r"""Regionalise a national table: a single-region :class:`~creative_econ.IOTable` from LQs or RPCs.

:func:`regionalise` turns a national (domestic) table and :class:`RegionalData` into a table for
one region. The steps, each a documented modelling choice recorded on the result:

1. **Regional size.** The chosen basis (output, employment or GVA) gives the region's size by
   sector $q^R_i$ against the nation's $q^N_i$. Regional output is taken from the regional data
   when given, otherwise $x^R_i = x^N_i\, q^R_i / q^N_i$.
2. **Intraregional coefficients.** $r_{ij} = a^N_{ij} \min\{1, LQ_{ij}\}$ for the location
   quotients (SLQ, CILQ, FLQ, AFLQ, SFLQ), or $r_{ij} = \rho_i\, a^N_{ij}$ for the regional
   purchase coefficients of the supply-demand pool or CHARM. An optional ``cap`` takes the
   smaller of the LQ coefficient and a pool or CHARM purchase coefficient.
3. **Interregional imports** $\sum_i (a^N_{ij} - r_{ij})\,x^R_j$ become their own primary-input
   row, ``interregional_imports``; imports from abroad, product taxes and value added keep the
   national coefficients per unit of output (value added rescaled to regional GVA when the
   regional data give it; employment from the regional data when given).
4. **Regional final demand** of the region's residents for national output follows rules by
   category, all with non-negative weights: consumption (households, NPISH, government) is the
   national column scaled by the region's share of national compensation of employees
   $\omega = \sum_j w_j x^R_j / \sum_j w_j x^N_j$ (the national consumption *pattern* is kept);
   capital formation scales with the region's share of national output; exports abroad and
   changes in inventories are allocated pro rata to each product's output, $x^R_i / x^N_i$.
   The part bought from regional producers uses the method's regional purchase share for final
   buyers: $\min\{1, \lambda^* SLQ_i\}$ for the LQ family ($\lambda^* = 1$ for SLQ and CILQ),
   $\rho_i$ for the pool and CHARM.
5. **Exports to the rest of the country** close each row: $x^R - Z^{RR}\iota$ less regional
   final demand met locally and exports abroad. Where the estimate is negative (the method
   gives the region more local purchases of a product than it produces) the table records it.
6. **Type II.** The household closure is the national one applied to the region: household
   consumption of local output (step 4) over regional compensation of employees.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from typing import Literal, get_args

import numpy as np
import pandas as pd

from .._labels import check_option, same_labels
from ..errors import InvalidOptionError, LabelMismatchError
from ..households import Households
from ..results import Assumptions
from ..table import IOTable, ModelType
from . import lq as _lq
from . import rpc as _rpc
from ._errors import InvalidParameterError, RegionalDataError
from .data import BASES, Basis, RegionalData

__all__ = [
    "CAPS",
    "FINAL_DEMAND_RULES",
    "INTERREGIONAL_IMPORTS",
    "METHODS",
    "Cap",
    "FinalDemandRule",
    "Method",
    "RegionalTable",
    "Regionalisation",
    "regionalise",
]

Method = Literal["slq", "cilq", "flq", "aflq", "sflq", "pool", "charm"]
#: Regionalisation methods: the location quotients, then the purchase-coefficient methods.
METHODS: tuple[str, ...] = get_args(Method)
Cap = Literal["none", "pool", "charm"]
#: Optional upper bounds on the LQ coefficients from a purchase-coefficient method.
CAPS: tuple[str, ...] = get_args(Cap)
FinalDemandRule = Literal["income", "output", "product", "exports"]
#: How a national final-demand category is scaled to the region (see the module docstring).
FINAL_DEMAND_RULES: tuple[str, ...] = get_args(FinalDemandRule)
#: Row label of purchases from the rest of the country in a regional table.
INTERREGIONAL_IMPORTS = "interregional_imports"
EXPORTS_REST = "exports_rest_of_country"
_FLEGG = ("flq", "aflq", "sflq")
_RULE_WORDS: tuple[tuple[str, str], ...] = (
    ("export", "exports"),
    ("inventor", "product"),
    ("stock", "product"),
    ("household", "income"),
    ("npish", "income"),
    ("government", "income"),
    ("consumption", "income"),
    ("gov", "income"),
    ("gfcf", "output"),
    ("capital", "output"),
    ("valuable", "output"),
    ("investment", "output"),
)


# ============================================================================ records
@dataclass(frozen=True)
class Regionalisation:
    """How a regional table was made: the record behind every result's assumptions card.

    Attributes
    ----------
    region : str
        Region code (and ``rest_of_country`` for two-region tables).
    method : str
        One of :data:`METHODS`.
    delta : float, tuple of float or None
        The FLQ parameter (one per sector for the SFLQ); None for methods without one.
    basis : str
        Size measure of the quotients (output, employment or GVA).
    cap : str
        Purchase-coefficient cap (``"none"``, ``"pool"`` or ``"charm"``).
    lambda_star : float or None
        $\\lambda^*$ of the Flegg family (output-weighted mean for the SFLQ).
    region_share : float
        The region's share of the nation on ``basis``.
    income_share : float
        The region's share of national compensation of employees (scales consumption).
    """

    region: str
    method: str
    basis: str
    delta: float | tuple[float, ...] | None = None
    cap: str = "none"
    lambda_star: float | None = None
    region_share: float = float("nan")
    income_share: float = float("nan")
    region_name: str | None = None
    national: str = ""
    data_year: int | None = None
    border_vintage: str | None = None
    final_demand_rules: tuple[tuple[str, str], ...] = ()
    model: str = "single-region"
    rest_of_country: str | None = None

    @property
    def delta_text(self) -> str:
        if self.delta is None:
            return "n/a"
        if isinstance(self.delta, tuple):
            d = np.asarray(self.delta)
            return f"sector-specific ({d.min():.3g}-{d.max():.3g}, median {np.median(d):.3g})"
        return f"{self.delta:g}"

    def describe(self) -> str:
        """One line: method, δ, basis, cap and region size."""
        text = self.method.upper()
        if self.method in _FLEGG:
            text += f" (delta = {self.delta_text}, lambda* = {self.lambda_star:.4f})"
        if self.cap != "none":
            text += f", capped by {self.cap.upper()} purchase coefficients"
        return (
            f"{text}; {self.basis} basis; the region is {self.region_share:.2%} of the nation"
        )

    def entries(self) -> dict[str, str]:
        """Entries for an :class:`~creative_econ.Assumptions` card."""
        name = f" ({self.region_name})" if self.region_name and self.region_name != self.region \
            else ""
        out = {
            "region": f"{self.region}{name}",
            "regional_model": self.model
            + (f" (with {self.rest_of_country})" if self.rest_of_country else ""),
            "regionalisation": self.describe(),
            "regionalisation_method": self.method,
            "delta": self.delta_text,
            "regional_basis": self.basis,
            "national_table": self.national,
        }
        if self.data_year is not None:
            out["regional_data_year"] = str(self.data_year)
        if self.border_vintage:
            out["border_vintage"] = self.border_vintage
        if self.final_demand_rules:
            out["regional_final_demand"] = ", ".join(f"{k}: {v}" for k, v in
                                                     self.final_demand_rules)
        return out


@dataclass(frozen=True, eq=False, repr=False)
class RegionalTable(IOTable):
    """An :class:`~creative_econ.IOTable` for a region, carrying how it was regionalised.

    Everything an ``IOTable`` does works unchanged; :meth:`assumptions` (and therefore every
    :class:`~creative_econ.Impact`) adds the :class:`Regionalisation` entries: region, method,
    δ, basis, λ*, data year and border vintage.
    """

    regionalisation: Regionalisation | None = None

    def assumptions(self, type: ModelType = "I") -> Assumptions:
        card = super().assumptions(type)
        if self.regionalisation is None:
            return card
        return card.with_entries(**self.regionalisation.entries())

    def aggregate(self, mapping: Mapping[object, object] | pd.Series, *,
                  name: str | None = None) -> RegionalTable:
        table = super().aggregate(mapping, name=name)
        return _promote(table, self.regionalisation)

    def summary(self) -> pd.Series:
        facts = super().summary()
        if self.regionalisation is not None:
            extra = pd.Series(self.regionalisation.entries(), dtype=object)
            facts = pd.concat([facts, extra])
        return facts

    def __repr__(self) -> str:
        method = f", {self.regionalisation.method}" if self.regionalisation else ""
        return f"RegionalTable({self.name!r}, {self.n} sectors{method})"

    def _repr_html_(self) -> str:
        base = super()._repr_html_()
        if self.regionalisation is None:
            return base
        return base + f"<p>{html.escape(self.regionalisation.describe())}</p>"


def _promote(table: IOTable, info: Regionalisation | None, notes: tuple[str, ...] = ()
             ) -> RegionalTable:
    """A RegionalTable with the fields of ``table`` (validated again by the constructor)."""
    values = {f.name: getattr(table, f.name) for f in fields(IOTable) if f.init}
    values["notes"] = tuple(dict.fromkeys((*values["notes"], *notes)))
    return RegionalTable(**values, regionalisation=info)


# ============================================================================ inputs
def _rules(national: IOTable, given: Mapping[str, str] | None) -> tuple[dict[str, str], list[str]]:
    """Rule per final-demand column, and notes on defaults."""
    columns = [str(c) for c in national.final_demand.columns]
    given = dict(given or {})
    for col, rule in given.items():
        if col not in columns:
            raise LabelMismatchError(
                f"final_demand_rules names {col!r}, which is not a final-demand column of "
                f"{national.name!r}; columns are {columns}."
            )
        check_option(f"final_demand_rules[{col!r}]", rule, FINAL_DEMAND_RULES)
    rules: dict[str, str] = {}
    defaulted: list[str] = []
    for col in columns:
        if col in given:
            rules[col] = given[col]
            continue
        low = col.lower()
        rule = next((r for word, r in _RULE_WORDS if word in low), None)
        if rule is None:
            rule = "output"
            defaulted.append(col)
        rules[col] = rule
    notes = []
    if defaulted:
        notes.append(
            "Final-demand categories scaled by the region's output share (no rule recognised "
            f"from their names; pass final_demand_rules= to change): {defaulted}."
        )
    return rules, notes


def _delta_vector(delta: object, method: str, sectors: pd.Index) -> np.ndarray | float:
    """δ as a float (FLQ, AFLQ) or one value per sector (SFLQ), validated."""
    if isinstance(delta, Mapping):
        delta = pd.Series(delta, dtype=float)
    if isinstance(delta, pd.Series):
        if method != "sflq":
            raise InvalidParameterError(
                "delta", "a Series", f"one number for method={method!r} (a delta per sector "
                "needs method='sflq')"
            )
        same_labels(sectors, delta.index, "delta's sector labels")
        return _lq.check_delta(delta.reindex(sectors).to_numpy(dtype=float), len(sectors))
    if np.ndim(delta) != 0:
        raise InvalidParameterError(
            "delta", f"an array of shape {np.shape(delta)}",
            "a number, or (for method='sflq') a Series of one value per sector"
        )
    try:
        value = float(delta)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InvalidParameterError("delta", delta, "a number in [0, 1)") from None
    _lq.check_delta(value)
    return value


@dataclass(frozen=True)
class _Trade:
    """National trade for CHARM: import coefficients, heterogeneity, import share of use."""

    A_imp: np.ndarray  # (n, n) imports per unit of output, or None-like zeros (proportional)
    F_imp: np.ndarray  # (n, K)
    heterogeneity: np.ndarray
    import_share: np.ndarray
    proportional: bool


def _national_trade(national: IOTable, imports: object, rules: dict[str, str]) -> _Trade:
    """National imports by product for CHARM (a use table, or totals with proportionality)."""
    sectors = national.sectors
    x = national.x.to_numpy(dtype=float)
    A = national.A.to_numpy(dtype=float)
    F = national.final_demand.to_numpy(dtype=float)
    cols = [str(c) for c in national.final_demand.columns]
    exp = np.array([rules[c] == "exports" for c in cols])
    if isinstance(imports, pd.DataFrame):
        same_labels(sectors, imports.index, "national_imports' rows")
        unknown = [c for c in imports.columns if c not in sectors and str(c) not in cols]
        if unknown:
            raise LabelMismatchError(
                f"national_imports has columns that are neither sectors nor final-demand "
                f"categories of {national.name!r}: {unknown[:10]}."
            )
        missing = sectors.difference(imports.columns, sort=False)
        if len(missing):
            raise LabelMismatchError(
                f"national_imports lacks the using sectors {list(missing[:10])}; it must be an "
                "imports use table (imported product x using sector and final demand)."
            )
        M = imports.loc[sectors, sectors].to_numpy(dtype=float)
        F_imp = np.column_stack([
            imports.loc[sectors, c].to_numpy(dtype=float) if c in imports.columns
            else np.zeros(len(sectors)) for c in cols
        ]) if cols else np.zeros((len(sectors), 0))
        for what, arr in (("intermediate", M), ("final-demand", F_imp)):
            if not np.all(np.isfinite(arr)):
                raise RegionalDataError(f"national_imports has missing {what} values.")
        if (M < 0).any():
            raise RegionalDataError("national_imports has negative intermediate imports.")
        A_imp = np.zeros_like(M)
        np.divide(M, x[None, :], out=A_imp, where=x[None, :] > 0)
        use = (A + A_imp) @ x + (F + F_imp)[:, ~exp].sum(axis=1)
        exports = (F + F_imp)[:, exp].sum(axis=1)
        total_imports = M.sum(axis=1) + F_imp.sum(axis=1)
        used_imports = M.sum(axis=1) + F_imp[:, ~exp].sum(axis=1)
        proportional = False
    elif isinstance(imports, pd.Series):
        same_labels(sectors, imports.index, "national_imports' labels")
        total_imports = imports.reindex(sectors).to_numpy(dtype=float)
        if not np.all(np.isfinite(total_imports)) or (total_imports < 0).any():
            raise RegionalDataError("national_imports must be finite and non-negative.")
        exports = F[:, exp].sum(axis=1)
        use = x + total_imports - exports
        used_imports = total_imports
        A_imp = np.zeros_like(A)
        F_imp = np.zeros_like(F)
        proportional = True
    else:
        raise InvalidParameterError(
            "national_imports", imports,
            "national imports by product, which CHARM needs: an imports use table (DataFrame: "
            "imported product x using sector and final-demand category), or total imports by "
            "product (Series, used in proportion to domestic use)"
        )
    use = np.maximum(use, 0.0)
    h = _rpc.product_heterogeneity(x, use, np.maximum(exports, 0.0),
                                   np.maximum(total_imports, 0.0))
    share = np.zeros_like(x)
    np.divide(used_imports, use, out=share, where=use > 0)
    return _Trade(A_imp, F_imp, h, np.clip(share, 0.0, 1.0), proportional)


@dataclass(frozen=True)
class _Estimate:
    """Coefficients and final demand for one region (arrays aligned to the table's sectors)."""

    R: np.ndarray           # intraregional coefficients
    local_share: np.ndarray  # regional purchase share of final buyers
    FR: np.ndarray          # regional residents' final demand for national output (n, K)
    lambda_star: float | None
    income_share: float
    region_share: float


def _estimate(
    national: IOTable,
    q_r: np.ndarray,
    q_n: np.ndarray,
    x_r: np.ndarray,
    *,
    method: str,
    delta: float | np.ndarray,
    cap: str,
    rules: dict[str, str],
    trade: _Trade | None,
    income_r: np.ndarray | None = None,
) -> _Estimate:
    """Regional coefficients and final demand for a region of size ``q_r`` (pure arrays).

    ``income_r`` is the region's household income by sector when it is known (regional GVA
    data); otherwise national income per unit of output times regional output.
    """
    x_n = national.x.to_numpy(dtype=float)
    A = national.A.to_numpy(dtype=float)
    F = national.final_demand.to_numpy(dtype=float)
    cols = [str(c) for c in national.final_demand.columns]
    exp = np.array([rules[c] == "exports" for c in cols], dtype=bool)

    ratio = np.zeros_like(x_n)
    np.divide(x_r, x_n, out=ratio, where=x_n > 0)
    out_share = x_r.sum() / x_n.sum()
    income = _income_row(national)
    if income is not None and income.sum() > 0:
        regional_income = income * ratio if income_r is None else income_r
        omega = float(regional_income.sum() / income.sum())
    else:
        omega = out_share

    def scale(block: np.ndarray) -> np.ndarray:
        out = np.empty_like(block)
        for k, c in enumerate(cols):
            rule = rules[c]
            factor = omega if rule == "income" else out_share if rule == "output" else ratio
            out[:, k] = block[:, k] * factor
        return out

    FR = scale(F)

    slq = _lq.simple_lq(q_r, q_n)
    lam: float | None = None
    if method in _lq.LQ_METHODS:
        Q = _lq.location_quotients(q_r, q_n, method=method, delta=delta)  # type: ignore[arg-type]
        R = _lq.regional_coefficients(A, Q)
        if method in _FLEGG:
            lam_j = np.asarray(_lq.flegg_lambda(q_r.sum(), q_n.sum(), delta), dtype=float)
            lam = float(np.average(np.broadcast_to(lam_j, x_r.shape), weights=x_r)) \
                if x_r.sum() > 0 else float(np.mean(lam_j))
        local = np.minimum(1.0, slq * (1.0 if lam is None else lam))
    else:
        rho = _rho(method, A, x_r, FR, exp, trade, scale)
        R = _lq.regional_coefficients(A, rho)
        local = rho
    if cap != "none":
        rho_cap = _rho(cap, A, x_r, FR, exp, trade, scale)
        R = np.minimum(R, _lq.regional_coefficients(A, rho_cap))
        local = np.minimum(local, rho_cap)
    return _Estimate(R=R, local_share=local, FR=FR, lambda_star=lam, income_share=omega,
                     region_share=float(q_r.sum() / q_n.sum()))


def _rho(method: str, A: np.ndarray, x_r: np.ndarray, FR: np.ndarray, exp: np.ndarray,
         trade: _Trade | None, scale: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    """Regional purchase coefficients of the pool or of CHARM."""
    domestic_use = A @ x_r + FR[:, ~exp].sum(axis=1)
    if method == "pool":
        supply = np.maximum(x_r - FR[:, exp].sum(axis=1), 0.0)
        return _rpc.pool_rpc(supply, domestic_use)
    assert trade is not None
    if trade.proportional:
        keep = 1.0 - trade.import_share
        use = np.zeros_like(x_r)
        np.divide(domestic_use, keep, out=use, where=keep > 0)
    else:
        FR_imp = scale(trade.F_imp)
        use = trade.A_imp @ x_r + domestic_use + FR_imp[:, ~exp].sum(axis=1)
    use = np.maximum(use, 0.0)
    return _rpc.charm_rpc(x_r, use, trade.heterogeneity, trade.import_share)


def _income_row(national: IOTable) -> np.ndarray | None:
    """Household income (compensation) by sector, as the closure or the income row defines."""
    if national.closure is not None:
        return national.closure.income.to_numpy(dtype=float) * national.x.to_numpy(dtype=float)
    comp = national.income_component
    if comp is not None and comp in national.value_added.index:
        return national.value_added.loc[comp].to_numpy(dtype=float)
    return None


# ============================================================================ the table
def _check_common(national: object, regional_data: object, method: str, basis: str, cap: str
                  ) -> None:
    if not isinstance(national, IOTable):
        raise InvalidParameterError("national", type(national).__name__, "an IOTable")
    if not isinstance(regional_data, RegionalData):
        raise InvalidParameterError("regional_data", type(regional_data).__name__,
                                    "a RegionalData")
    check_option("method", method, METHODS)
    check_option("basis", basis, BASES)
    check_option("cap", cap, CAPS)
    if cap != "none" and method not in _lq.LQ_METHODS:
        raise InvalidOptionError("cap", cap, ("none",))


def _national_sizes(national: IOTable, sizes: pd.Series | None, basis: str
                    ) -> dict[str, pd.Series] | None:
    """``national_sizes`` validated and aligned to the table's sectors, keyed by basis."""
    if sizes is None:
        return None
    if not isinstance(sizes, pd.Series):
        raise RegionalDataError("national_sizes must be a Series indexed by sector.")
    same_labels(national.sectors, sizes.index, "national_sizes' labels")
    values = pd.to_numeric(sizes.reindex(national.sectors), errors="coerce")
    arr = values.to_numpy(dtype=float)
    if not np.all(np.isfinite(arr)) or (arr < 0).any() or arr.sum() <= 0:
        raise RegionalDataError(
            "national_sizes must be finite, non-negative and not all zero; check sector "
            f"{national.sectors[int(np.argmin(np.nan_to_num(arr, nan=-1.0)))]!r}."
        )
    return {basis: values.astype(float)}


def _sizes(national: IOTable, regional_data: RegionalData, region: object, basis: Basis,
           sizes: dict[str, pd.Series] | None = None
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(q^R, q^N, x^R) aligned to the national sectors."""
    sectors = national.sectors
    q_r = regional_data.values(region, basis, sectors).to_numpy(dtype=float)
    nat = sizes[basis] if sizes else regional_data.national_values(national, basis)
    q_n = nat.to_numpy(dtype=float)
    x_n = national.x.to_numpy(dtype=float)
    if "output" in regional_data.bases and region in regional_data.basis("output").index:
        x_r = regional_data.values(region, "output", sectors).to_numpy(dtype=float)
    else:
        share = np.zeros_like(q_n)
        np.divide(q_r, q_n, out=share, where=q_n > 0)
        x_r = x_n * share
    return q_r, q_n, x_r


def regionalise(
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
    name: str | None = None,
) -> RegionalTable:
    r"""A single-region input-output table estimated from a national one (non-survey).

    Parameters
    ----------
    national : IOTable
        The national table with *domestic* flows (imports from abroad in the ``imports`` row).
    regional_data : RegionalData
        Regional size by sector (validated against ``national``).
    region : str
        Code of the region (keyword-only, like every modelling choice below).
    method : {"slq", "cilq", "flq", "aflq", "sflq", "pool", "charm"}, default "flq"
        Location quotients (:mod:`~creative_econ.regional.lq`) or regional purchase
        coefficients (:mod:`~creative_econ.regional.rpc`). ``"charm"`` needs
        ``national_imports``.
    delta : float or Series, default 0.3
        FLQ parameter, $0 \le \delta < 1$ (Flegg & Webber 1997); one value per sector (Series)
        for ``"sflq"``. Ignored by the other methods.
    basis : {"output", "employment", "gva"}, default "output"
        Size measure of the quotients. The FLQ literature uses employment; output avoids
        differences in labour productivity between region and nation.
    cap : {"none", "pool", "charm"}, default "none"
        For the LQ methods: take $r_{ij} = \min\{a^N_{ij}\min(1, LQ_{ij}),\; \rho_i a^N_{ij}\}$
        with $\rho_i$ from the supply-demand pool or CHARM.
    national_imports : DataFrame or Series, optional
        For CHARM (method or cap): the national imports use table (imported product x using
        sector and final-demand category, labelled like ``national``), or total imports by
        product (then imports are assumed used in proportion to domestic use).
    national_sizes : Series, optional
        The nation's size by sector on ``basis`` when it should not be taken from the table,
        e.g. national employment of the regional data's year when the table is older. The
        quotients then compare the region with these figures; the table supplies the
        coefficients.
    final_demand_rules : mapping, optional
        Rule per final-demand category, overriding the defaults recognised from the column
        names: ``"income"`` (scaled by the regional share of compensation), ``"output"``
        (share of total output), ``"product"`` (pro rata to each product's output, e.g.
        inventories), ``"exports"`` (pro rata to each product's output, exported abroad).
    name : str, optional
        Name of the regional table (default ``"<national name>: <region>"``).

    Returns
    -------
    RegionalTable
        An :class:`~creative_econ.IOTable` with $0 \le A^{RR} \le A^N$, the row
        ``interregional_imports`` in ``other_inputs``, final demand met by the region plus
        ``exports_rest_of_country``, regional satellites, and the record of the method in
        ``regionalisation`` and in every result's assumptions card.

    Raises
    ------
    UnknownRegionError
        ``region`` is not in the regional data (with the closest codes).
    UnknownSectorError, LabelMismatchError
        Regional sectors do not match the table's.
    RegionalDataError
        Negative or missing regional data, regions larger than the nation, a basis without
        national figures.
    InvalidParameterError
        ``delta`` outside $[0, 1)$; CHARM without ``national_imports``.
    InvalidOptionError
        Unknown ``method``, ``basis``, ``cap`` or final-demand rule.

    Examples
    --------
    >>> import creative_econ as ce
    >>> from creative_econ.regional import RegionalData, regionalise
    >>> uk = ce.load_dataset("uk_ioat_2010")
    >>> reg = RegionalData(output=(uk.x * 0.08).to_frame("R").T)
    >>> t = regionalise(uk, reg, region="R", method="flq", delta=0.3)
    >>> bool((t.A <= uk.A + 1e-12).all().all())
    True
    """
    _check_common(national, regional_data, method, basis, cap)
    sizes = _national_sizes(national, national_sizes, basis)
    regional_data.validate_against(national, national_sizes=sizes)
    sectors = national.sectors
    delta_value = _delta_vector(delta, method, sectors) if method in _FLEGG else 0.0
    rules, notes = _rules(national, final_demand_rules)
    uses_charm = method == "charm" or cap == "charm"
    trade = _national_trade(national, national_imports, rules) if uses_charm else None
    if uses_charm and trade is not None and trade.proportional:
        notes.append("CHARM: national imports used in proportion to domestic use of each "
                     "product (only totals by product were given).")

    q_r, q_n, x_r = _sizes(national, regional_data, region, basis, sizes)
    value_added, va_notes = _regional_value_added(national, regional_data, region, x_r)
    notes.extend(va_notes)
    est = _estimate(national, q_r, q_n, x_r, method=method, delta=delta_value, cap=cap,
                    rules=rules, trade=trade,
                    income_r=_regional_income(national, value_added))

    frames, more_notes = _single_region_frames(national, regional_data, region, x_r, est, rules,
                                               value_added)
    notes.extend(more_notes)
    info = _record(national, regional_data, region, method, basis, delta_value, cap, est,
                   rules)
    employment_unit = str(frames.pop("_employment_unit"))
    table = RegionalTable.from_frames(
        **frames,  # type: ignore[arg-type]
        name=name or f"{national.name}: {region}",
        unit=national.unit,
        year=national.year,
        employment_unit=employment_unit,
        income_component=national.income_component or "compensation",
        price_basis=national.price_basis,
        source=f"{national.name} regionalised to {region} ({info.describe()})",
        allow_negative=national.allow_negative,
        rtol=max(national.rtol, 1e-9),
    )
    return replace(table, regionalisation=info,
                   notes=tuple(dict.fromkeys((*table.notes, *notes))))


def _regional_value_added(national: IOTable, regional_data: RegionalData, region: object,
                          x_r: np.ndarray) -> tuple[pd.DataFrame, list[str]]:
    """Value added at national coefficients, rescaled to regional GVA when the data give it."""
    sectors = national.sectors
    x_n = national.x.to_numpy(dtype=float)
    coef = np.zeros((len(national.value_added), len(sectors)))
    np.divide(national.value_added.to_numpy(dtype=float), x_n[None, :], out=coef,
              where=x_n[None, :] > 0)
    va_r = coef * x_r[None, :]
    notes: list[str] = []
    if "gva" in regional_data.bases and region in regional_data.basis("gva").index:
        gva_r = regional_data.values(region, "gva", sectors).to_numpy(dtype=float)
        est_gva = va_r.sum(axis=0)
        unscalable = (est_gva == 0) & (gva_r != 0)
        if unscalable.any():
            raise RegionalDataError(
                f"Regional GVA is given for sector(s) {list(sectors[unscalable][:5])} where the "
                "national table has no value added to scale."
            )
        factor = np.ones_like(gva_r)
        np.divide(gva_r, est_gva, out=factor, where=est_gva != 0)
        va_r = va_r * factor[None, :]
        notes.append("Value added rescaled to the regional GVA data (column by column).")
    return pd.DataFrame(va_r, index=national.value_added.index, columns=sectors), notes


def _regional_income(national: IOTable, value_added: pd.DataFrame) -> np.ndarray | None:
    """The region's household income by sector, in the national closure's definition."""
    spec = national.households
    if spec is not None and isinstance(spec.income, str):
        return value_added.loc[spec.income].to_numpy(dtype=float)
    if spec is None and national.income_component in value_added.index:
        return value_added.loc[national.income_component].to_numpy(dtype=float)
    return None


def _record(national: IOTable, regional_data: RegionalData, region: object, method: str,
            basis: str, delta_value: object, cap: str, est: _Estimate,
            rules: Mapping[str, str], **extra: object) -> Regionalisation:
    """The regionalisation record kept on the table and in its assumptions card."""
    delta = None
    if method in _FLEGG:
        delta = (tuple(float(d) for d in np.atleast_1d(delta_value)) if method == "sflq"
                 else float(delta_value))
    return Regionalisation(
        region=str(region), region_name=regional_data.name(region), method=method,
        basis=basis, delta=delta, cap=cap, lambda_star=est.lambda_star,
        region_share=est.region_share, income_share=est.income_share,
        national=national.name, data_year=regional_data.year,
        border_vintage=regional_data.border_vintage,
        final_demand_rules=tuple(rules.items()), **extra,
    )


def _single_region_frames(
    national: IOTable, regional_data: RegionalData, region: object, x_r: np.ndarray,
    est: _Estimate, rules: dict[str, str], value_added: pd.DataFrame,
) -> tuple[dict[str, object], list[str]]:
    """The labelled blocks of the regional table."""
    sectors = national.sectors
    x_n = national.x.to_numpy(dtype=float)
    notes: list[str] = []

    def per_output(values: np.ndarray) -> np.ndarray:
        coef = np.zeros_like(x_n)
        np.divide(values, x_n, out=coef, where=x_n > 0)
        return coef * x_r

    Z = est.R * x_r[None, :]
    interregional = ((national.A.to_numpy(dtype=float) - est.R) * x_r[None, :]).sum(axis=0)
    interregional = np.maximum(interregional, 0.0)

    cols = [str(c) for c in national.final_demand.columns]
    fd = np.empty_like(est.FR)
    for k, c in enumerate(cols):
        fd[:, k] = est.FR[:, k] if rules[c] == "exports" else est.FR[:, k] * est.local_share
    rest = x_r - Z.sum(axis=1) - fd.sum(axis=1)
    rest[np.abs(rest) < 1e-9 * max(1.0, float(x_r.max()))] = 0.0
    negative = rest < 0
    if negative.any():
        worst = np.argsort(rest)[: min(5, int(negative.sum()))]
        notes.append(
            f"Exports to the rest of the country are negative for {int(negative.sum())} "
            "product(s): the method assigns more local purchases than regional output ("
            + ", ".join(f"{sectors[i]!r}: {rest[i]:,.4g}" for i in worst) + ")."
        )
    final_demand = pd.DataFrame(np.column_stack([fd, rest]), index=sectors,
                                columns=[*national.final_demand.columns, EXPORTS_REST])


    employment = None
    employment_unit = national.employment_unit
    if "employment" in regional_data.bases and region in regional_data.basis("employment").index:
        employment = regional_data.values(region, "employment", sectors)
        employment_unit = regional_data.employment_unit
    elif national.employment is not None:
        employment = pd.Series(per_output(national.employment.to_numpy(dtype=float)),
                               index=sectors)

    other = pd.DataFrame([interregional], index=[INTERREGIONAL_IMPORTS], columns=sectors)
    if national.other_inputs is not None:
        scaled = pd.DataFrame(
            np.vstack([per_output(r) for r in national.other_inputs.to_numpy(dtype=float)]),
            index=national.other_inputs.index, columns=sectors)
        other = scaled.add(other, fill_value=0.0) if INTERREGIONAL_IMPORTS in scaled.index \
            else pd.concat([scaled, other])

    households, hh_notes = _regional_households(national, est, x_r, value_added)
    notes.extend(hh_notes)
    frames: dict[str, object] = {
        "Z": pd.DataFrame(Z, index=sectors, columns=sectors),
        "final_demand": final_demand,
        "value_added": value_added,
        "imports": None if national.imports is None
        else pd.Series(per_output(national.imports.to_numpy(dtype=float)), index=sectors),
        "taxes": None if national.taxes is None
        else pd.Series(per_output(national.taxes.to_numpy(dtype=float)), index=sectors),
        "output": pd.Series(x_r, index=sectors),
        "employment": employment,
        "households": households,
        "labels": national.labels,
        "other_inputs": other,
        "_employment_unit": employment_unit,
    }
    return frames, notes


def _regional_households(national: IOTable, est: _Estimate, x_r: np.ndarray,
                         value_added: pd.DataFrame) -> tuple[Households | None, list[str]]:
    """The national closure applied to the region (see the module docstring, step 6)."""
    spec = national.households
    if spec is None:
        return None, []
    omega = est.income_share
    x_n = national.x.to_numpy(dtype=float)
    ratio = np.zeros_like(x_n)
    np.divide(x_r, x_n, out=ratio, where=x_n > 0)
    consumption: str | pd.Series = spec.consumption
    if isinstance(spec.consumption, pd.Series):
        consumption = spec.consumption.reindex(national.sectors, fill_value=0.0) * omega \
            * est.local_share
    income: str | pd.Series = spec.income
    if isinstance(spec.income, pd.Series):
        income = spec.income.reindex(national.sectors, fill_value=0.0) * ratio
        total = float(income.sum())
    else:
        total = float(value_added.loc[spec.income].sum()) if spec.income in value_added.index \
            else 0.0
    if spec.total_income is not None:
        total = spec.total_income * omega
    if not total > 0:
        return None, ["No Type II closure: the region pays no household income in the sectors "
                      "it has."]
    return Households(
        consumption=consumption,
        income=income,
        total_income=None if spec.total_income is None else spec.total_income * omega,
        own_use=spec.own_use,
        imports=spec.imports * omega,
        taxes=spec.taxes * omega,
    ), []
