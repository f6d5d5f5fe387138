r"""Employment-output elasticities, and the employment coefficients they imply over time.

Two estimators, both ordinary least squares on logs through
``statsmodels.formula.api.ols`` (METHODS §6):

* ``method="ols"``: $\ln E_{it} = a + \varepsilon \ln Y_{it} + u_{it}$, on a national time
  series or pooled over a panel; with ``differences=True`` on first differences,
  $\Delta\ln E_t = a + \varepsilon\,\Delta\ln Y_t + u_t$ (for trending series, where a
  regression in levels measures a common trend as much as a response);
* ``method="fixed_effects"``: two-way fixed effects by dummies,
  $\ln E_{rt} = \alpha_r + \gamma_t + \varepsilon \ln Y_{rt} + u_{rt}$ (region and year dummies;
  statsmodels has no panel estimator, and with some twenty regions the dummies are cheap).

Every estimate carries two standard errors: HC3 (MacKinnon & White 1985) and, when there are
entities (regions), cluster-robust by entity with statsmodels' small-sample correction and
$t$ inference on $G - 1$ degrees of freedom. With few clusters (fewer than
:data:`FEW_CLUSTERS`) cluster-robust standard errors are biased downward and tests
over-reject (Cameron & Miller 2015), so the result says so; compare the two.

The estimate updates employment coefficients in multi-year scenarios (METHODS §5.2),

$$ e_{t} = e_{0}\left(\frac{x_{t}}{x_{0}}\right)^{\varepsilon - 1}, $$

see :func:`employment_coefficient_path`.

References
----------
Cameron, A.C. & Miller, D.L. (2015). A practitioner's guide to cluster-robust inference.
*Journal of Human Resources* 50(2), 317-372.
MacKinnon, J.G. & White, H. (1985). Some heteroskedasticity-consistent covariance matrix
estimators with improved finite sample properties. *Journal of Econometrics* 29(3), 305-325.
"""

from __future__ import annotations

import html
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from ..errors import (
    InvalidOptionError,
    InvalidTableError,
    LabelMismatchError,
    ScenarioError,
    did_you_mean,
)
from ._errors import InvalidSeriesError, SeriesTooShortError
from ._series import as_generator, missing_years, short_list

__all__ = ["FEW_CLUSTERS", "Elasticity", "employment_coefficient_path", "employment_elasticity"]

ElasticityMethod = Literal["ols", "fixed_effects"]
Covariance = Literal["HC3", "cluster"]
_METHODS = ("ols", "fixed_effects")
#: Fewer clusters than this get the small-cluster caveat (Cameron & Miller 2015 discuss 20-50).
FEW_CLUSTERS = 30
#: Residual degrees of freedom a regression must keep.
MIN_DF_RESID = 3
_POOLED = "all"


@dataclass(frozen=True, eq=False)
class Elasticity:
    r"""Estimated employment-output elasticities, one per group (or one pooled).

    Attributes
    ----------
    table : DataFrame
        Index: group (``"all"`` when pooled). Columns ``estimate``, ``se_hc3``, ``lower_hc3``,
        ``upper_hc3`` and, with entities, ``se_cluster``, ``lower_cluster``,
        ``upper_cluster``, ``n_clusters``; then ``n_obs``, ``n_periods``, ``r2``.
    method : str
        ``"ols"`` or ``"fixed_effects"``; ``differences`` says whether on first differences.
    formula : str
        The statsmodels formula, e.g. ``"ln_E ~ ln_Y + C(entity) + C(time)"``.
    level : float
        Coverage of the intervals.
    results : dict
        Group to ``{"HC3": results, "cluster": results}``: the fitted statsmodels
        ``RegressionResults`` (the escape hatch: ``.summary()``, ``.params``, diagnostics).
    nominal : bool or None
        Whether output is in current prices.
    notes : tuple of str
        Caveats: few clusters, nominal output, what the estimate may be applied to.
    """

    table: pd.DataFrame
    method: str
    differences: bool
    formula: str
    level: float
    results: dict[Hashable, dict[str, Any]]
    nominal: bool | None = None
    notes: tuple[str, ...] = ()

    @property
    def groups(self) -> list[Hashable]:
        """The groups estimated (``["all"]`` when pooled)."""
        return list(self.table.index)

    def _row(self, group: Hashable | None) -> pd.Series:
        if group is None:
            if len(self.table) != 1:
                raise InvalidOptionError("group", group, self.groups)
            return self.table.iloc[0]
        if group not in self.table.index:
            raise InvalidOptionError("group", group, self.groups)
        return self.table.loc[group]

    def estimate(self, group: Hashable | None = None) -> float:
        """The elasticity $\\hat\\varepsilon$ of ``group`` (or the only one)."""
        return float(self._row(group)["estimate"])

    def _cov(self, row: pd.Series, cov: Covariance | None) -> str:
        has_cluster = "se_cluster" in row.index
        if cov is None:
            return "cluster" if has_cluster and row["se_cluster"] > row["se_hc3"] else "hc3"
        if cov == "HC3":
            return "hc3"
        if cov == "cluster" and has_cluster:
            return "cluster"
        raise InvalidOptionError("cov", cov, ["HC3", "cluster"] if has_cluster else ["HC3"])

    def interval(
        self, group: Hashable | None = None, cov: Covariance | None = None
    ) -> tuple[float, float]:
        """Confidence interval at ``level``; by default the wider of HC3 and cluster-robust."""
        row = self._row(group)
        key = self._cov(row, cov)
        return float(row[f"lower_{key}"]), float(row[f"upper_{key}"])

    def standard_error(self, group: Hashable | None = None, cov: Covariance | None = None) -> float:
        """Standard error; by default the larger of HC3 and cluster-robust."""
        row = self._row(group)
        return float(row[f"se_{self._cov(row, cov)}"])

    def sample(
        self,
        n: int,
        rng: np.random.Generator | int,
        group: Hashable | None = None,
        cov: Covariance | None = None,
    ) -> np.ndarray:
        r"""Draws $\varepsilon \sim N(\hat\varepsilon, \widehat{se}^2)$ for a Monte Carlo.

        The normal approximation to the sampling distribution, with the larger standard error
        by default.
        """
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
            raise InvalidOptionError("n", n, ["a positive integer"])
        gen = as_generator(rng)
        return gen.normal(self.estimate(group), self.standard_error(group, cov), size=int(n))

    def to_frame(self) -> pd.DataFrame:
        """Tidy table: ``group, covariance, estimate, se, lower, upper, n_obs``."""
        rows = []
        for group, row in self.table.iterrows():
            for key, label in (("hc3", "HC3"), ("cluster", "cluster")):
                if f"se_{key}" in row.index:
                    rows.append(
                        {
                            "group": group,
                            "covariance": label,
                            "estimate": row["estimate"],
                            "se": row[f"se_{key}"],
                            "lower": row[f"lower_{key}"],
                            "upper": row[f"upper_{key}"],
                            "n_obs": int(row["n_obs"]),
                        }
                    )
        return pd.DataFrame(rows)

    def __repr__(self) -> str:
        diff = " on first differences" if self.differences else ""
        body = "; ".join(
            f"{g}: {r['estimate']:.3f} [{r['lower_hc3']:.3f}, {r['upper_hc3']:.3f}] (HC3)"
            for g, r in self.table.iterrows()
        )
        return f"Elasticity ({self.method}{diff}, {self.level:.0%} intervals) {body}"

    def _repr_html_(self) -> str:
        notes = "".join(f"<li>{html.escape(n)}</li>" for n in self.notes)
        return (
            f"<h4>Employment-output elasticity ({html.escape(self.method)})</h4>"
            + self.table.to_html(float_format=lambda v: f"{v:.4g}")
            + (f"<ul>{notes}</ul>" if notes else "")
        )


def _columns(data: pd.DataFrame, names: dict[str, str | None]) -> None:
    for role, col in names.items():
        if col is not None and col not in data.columns:
            raise LabelMismatchError(
                f"{role}={col!r} is not a column of data; columns are "
                f"{short_list(list(data.columns), 12)}.{did_you_mean(col, data.columns)}"
            )


def _check_values(frame: pd.DataFrame, col: str, keys: list[str], what: str) -> np.ndarray:
    try:
        values = pd.to_numeric(frame[col], errors="raise").to_numpy(dtype=float)
    except (TypeError, ValueError):
        raise InvalidSeriesError(f"{what} column {col!r} holds non-numeric values.") from None
    bad = ~np.isfinite(values) | (values <= 0)
    if bad.any():
        sub = frame.loc[bad, [*keys, col]].head(4)
        shown = "; ".join(
            ", ".join(f"{k}={v}" for k, v in r.items()) for r in sub.to_dict("records")
        )
        raise InvalidSeriesError(
            f"{what} column {col!r} must be positive and finite for a model on logs; found "
            f"{shown}{' ...' if bad.sum() > 4 else ''}. Drop or fill those rows explicitly."
        )
    return values


def _prepare(
    data: pd.DataFrame,
    employment: str,
    output: str,
    time: str,
    entity: str | None,
    group: Hashable,
    differences: bool,
) -> pd.DataFrame:
    keys = [c for c in (entity, time) if c is not None]
    where = "" if group == _POOLED else f" (group {group!r})"
    emp = _check_values(data, employment, keys, f"Employment{where}")
    out = _check_values(data, output, keys, f"Output{where}")
    try:
        years = pd.to_numeric(data[time], errors="raise").to_numpy(dtype=float)
    except (TypeError, ValueError):
        raise InvalidSeriesError(f"time column {time!r} must hold years.") from None
    if not np.all(np.isfinite(years)) or np.any(years != np.round(years)):
        raise InvalidSeriesError(f"time column {time!r} must hold whole years.")
    frame = pd.DataFrame(
        {
            "ln_E": np.log(emp),
            "ln_Y": np.log(out),
            "time": years.astype(int),
            "entity": data[entity].to_numpy() if entity is not None else _POOLED,
        }
    )
    dup = frame.duplicated(["entity", "time"])
    if dup.any():
        first = frame.loc[dup].iloc[0]
        label = f"entity {first['entity']!r}, " if entity is not None else ""
        raise InvalidTableError(
            f"More than one observation for {label}year {first['time']}{where}. Aggregate "
            "first, or pass entity= (and by=) so each row is one entity and year."
        )
    # Employment that is a fixed multiple of output (derived from it) is not evidence.
    ratio = frame["ln_E"] - frame["ln_Y"]
    spread = ratio.groupby(frame["entity"]).agg(lambda s: float(np.ptp(s)))
    counts = frame.groupby("entity").size()
    if (counts > 1).any() and bool((spread[counts > 1] < 1e-9).all()):
        raise InvalidTableError(
            f"Employment is a constant multiple of output{where} (employment/output does not "
            "vary over time): it looks derived from output, so its elasticity is 1 by "
            "construction. Estimate on observed employment (e.g. labour-force survey counts)."
        )
    frame = frame.sort_values(["entity", "time"], kind="stable").reset_index(drop=True)
    if differences:
        for ent, part in frame.groupby("entity", sort=False):
            gaps = missing_years(part["time"].to_numpy())
            if gaps:
                label = f" for {ent!r}" if entity is not None else ""
                raise InvalidSeriesError(
                    f"Gaps in years{label}{where}: {short_list(gaps)} missing. First "
                    "differences need consecutive years; fill the gaps explicitly or use "
                    "differences=False."
                )
        grouped = frame.groupby("entity", sort=False)
        frame = (
            frame.assign(ln_E=grouped["ln_E"].diff(), ln_Y=grouped["ln_Y"].diff())
            .dropna(subset=["ln_E"])
            .reset_index(drop=True)
        )
    return frame


def _fit(
    frame: pd.DataFrame, formula: str, clustered: bool, level: float, where: str
) -> tuple[dict[str, Any], dict[str, float]]:
    import statsmodels.formula.api as smf

    k = (
        2
        + (frame["entity"].nunique() - 1 if "C(entity)" in formula else 0)
        + (frame["time"].nunique() - 1 if "C(time)" in formula else 0)
    )
    if len(frame) - k < MIN_DF_RESID:
        raise SeriesTooShortError(
            f"{len(frame)} observations{where} for {k} coefficients ({formula}); at least "
            f"{k + MIN_DF_RESID} are needed ({MIN_DF_RESID} residual degrees of freedom). "
            "Pool groups, use more years, or drop the fixed effects.",
            needed=k + MIN_DF_RESID,
            got=len(frame),
        )
    if frame["ln_Y"].nunique() < 2:
        raise InvalidSeriesError(f"Output does not vary{where}: the elasticity is not identified.")
    model = smf.ols(formula, data=frame)
    results = {"HC3": model.fit(cov_type="HC3", use_t=True)}
    if clustered:
        groups = pd.factorize(frame["entity"])[0]
        results["cluster"] = model.fit(cov_type="cluster", cov_kwds={"groups": groups}, use_t=True)
    alpha = 1.0 - level
    row: dict[str, float] = {"estimate": float(results["HC3"].params["ln_Y"])}
    for key, res in results.items():
        se = float(res.bse["ln_Y"])
        if not np.isfinite(se):
            raise InvalidTableError(
                f"The {key} standard error is not finite{where}: an observation has leverage "
                "one (e.g. an entity or year observed once). Drop it or the fixed effects."
            )
        lo, hi = res.conf_int(alpha=alpha).loc["ln_Y"]
        label = key.lower()
        row.update({f"se_{label}": se, f"lower_{label}": float(lo), f"upper_{label}": float(hi)})
    if clustered:
        row["n_clusters"] = int(frame["entity"].nunique())
    row.update(
        {
            "n_obs": len(frame),
            "n_periods": int(frame["time"].nunique()),
            "r2": float(results["HC3"].rsquared),
        }
    )
    return results, row


def employment_elasticity(
    data: pd.DataFrame,
    *,
    employment: str,
    output: str,
    time: str = "year",
    entity: str | None = None,
    by: str | None = None,
    method: ElasticityMethod = "ols",
    differences: bool = False,
    level: float = 0.9,
    nominal: bool | None = None,
) -> Elasticity:
    r"""Employment-output elasticity by OLS on logs or two-way fixed effects.

    Parameters
    ----------
    data : DataFrame
        Tidy: one row per (group,) entity and year, with employment and output columns.
        Employment must be observed (e.g. labour-force survey counts), never derived from
        output with a fixed coefficient: such employment is refused.
    employment, output : str
        Column names. Positive values (the model is on logs).
    time : str, default "year"
        Column of years.
    entity : str, optional
        Column of the panel unit (region). Needed for ``method="fixed_effects"``; enables
        cluster-robust standard errors by entity.
    by : str, optional
        Column of groups (e.g. sector): one elasticity per group. Pooled when omitted.
    method : {"ols", "fixed_effects"}, default "ols"
        Pooled OLS on logs, or two-way fixed effects (entity and year dummies).
    differences : bool, default False
        OLS on first differences of logs (``method="ols"`` only; needs consecutive years).
    level : float, default 0.9
        Coverage of the confidence intervals.
    nominal : bool, optional
        Whether output is in current prices; recorded and explained in ``notes``.

    Returns
    -------
    Elasticity

    Raises
    ------
    LabelMismatchError
        A named column is not in ``data``.
    InvalidSeriesError
        Non-positive or missing values; years that are not whole numbers; gaps in years
        with ``differences=True``.
    InvalidTableError
        Several rows for one entity and year; employment a constant multiple of output.
    SeriesTooShortError
        Fewer than three residual degrees of freedom.
    InvalidOptionError
        Unknown method; fixed effects without an entity; differences with fixed effects;
        level outside (0, 1).

    Examples
    --------
    >>> el = employment_elasticity(panel, employment="employed", output="output",
    ...                            entity="region", by="sector",
    ...                            method="fixed_effects")  # doctest: +SKIP
    >>> el.table[["estimate", "lower_hc3", "upper_hc3", "lower_cluster", "upper_cluster"]]
    ... # doctest: +SKIP
    """
    if method not in _METHODS:
        raise InvalidOptionError("method", method, _METHODS)
    if method == "fixed_effects" and entity is None:
        raise InvalidOptionError(
            "entity", entity, ["a column of regions (fixed effects need an entity)"]
        )
    if differences and method != "ols":
        raise InvalidOptionError("differences", differences, [False])
    if isinstance(level, bool) or not isinstance(level, (int, float)) or not 0 < level < 1:
        raise InvalidOptionError("level", level, ["a coverage in (0, 1), e.g. 0.9"])
    if not isinstance(data, pd.DataFrame):
        raise InvalidTableError(f"data must be a tidy pandas DataFrame; got {type(data).__name__}.")
    _columns(
        data, {"employment": employment, "output": output, "time": time, "entity": entity, "by": by}
    )
    formula = "ln_E ~ ln_Y" + (" + C(entity) + C(time)" if method == "fixed_effects" else "")
    groups = [(_POOLED, data)] if by is None else list(data.groupby(by, sort=False))
    results: dict[Hashable, dict[str, Any]] = {}
    rows: dict[Hashable, dict[str, float]] = {}
    for group, part in groups:
        where = "" if by is None else f" (group {group!r})"
        frame = _prepare(part, employment, output, time, entity, group, differences)
        results[group], rows[group] = _fit(frame, formula, entity is not None, float(level), where)
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = by or "group"
    notes = []
    if entity is not None:
        few = int(table["n_clusters"].min())
        if few < FEW_CLUSTERS:
            notes.append(
                f"only {few} clusters ({entity}): cluster-robust standard errors are biased "
                "downward and tests over-reject with few clusters (Cameron & Miller 2015); "
                "read them alongside HC3 (sample() and interval() use the larger)"
            )
    if nominal:
        if method == "fixed_effects":
            notes.append(
                "output in current prices: year dummies absorb price changes common to every "
                f"{entity}, so the estimate is close to a real elasticity if relative prices "
                f"across {entity} units are stable"
            )
        else:
            notes.append(
                "output in current prices: this is an elasticity of employment to nominal "
                "output; it mixes the response to real output with price change, so apply it "
                "to nominal output paths only"
            )
    return Elasticity(
        table=table,
        method=method,
        differences=bool(differences),
        formula="d_ln_E ~ d_ln_Y (first differences)" if differences else formula,
        level=float(level),
        results=results,
        nominal=nominal,
        notes=tuple(notes),
    )


def employment_coefficient_path(
    e0: float | np.ndarray, output_index: float | np.ndarray, elasticity: float | np.ndarray
) -> np.ndarray:
    r"""Employment coefficients implied by an elasticity as output grows (METHODS §5.2).

    $$ e_t = e_0 \left(\frac{x_t}{x_0}\right)^{\varepsilon - 1} $$

    With $\varepsilon < 1$ coefficients fall as output grows (jobs grow more slowly than
    output); $\varepsilon = 1$ keeps them fixed. An alternative to a fixed productivity growth
    rate, $e_t = e_0 (1 + \pi)^{-t}$.

    Parameters
    ----------
    e0 : float or ndarray
        Base-year coefficients (e.g. jobs per million of output), non-negative.
    output_index : float or ndarray
        Output growth factors $x_t / x_0$, positive: a path (years,), paths (draws, years),
        or with a sector axis; broadcast against ``e0`` and ``elasticity`` by numpy rules.
    elasticity : float or ndarray
        $\varepsilon$, scalar, per sector, or per draw.

    Returns
    -------
    ndarray
        The broadcast coefficients; inputs are not modified.

    Raises
    ------
    ScenarioError
        Non-finite values, negative ``e0``, non-positive growth factors, or shapes that do not
        broadcast.

    Examples
    --------
    >>> employment_coefficient_path(10.0, [1.1, 1.21], 0.5).round(4).tolist()
    [9.5346, 9.0909]
    """
    e0a = np.asarray(e0, dtype=float)
    idx = np.asarray(output_index, dtype=float)
    eps = np.asarray(elasticity, dtype=float)
    for name, arr in (("e0", e0a), ("output_index", idx), ("elasticity", eps)):
        if not np.all(np.isfinite(arr)):
            raise ScenarioError(f"{name} has missing or infinite values.")
    if np.any(e0a < 0):
        raise ScenarioError(f"e0 must be non-negative; found {e0a[e0a < 0].ravel()[0]:g}.")
    if np.any(idx <= 0):
        raise ScenarioError(
            f"output_index must hold positive growth factors x_t / x_0; found "
            f"{idx[idx <= 0].ravel()[0]:g}."
        )
    try:
        return e0a * idx ** (eps - 1.0)
    except ValueError as exc:
        raise ScenarioError(
            f"e0 {e0a.shape}, output_index {idx.shape} and elasticity {eps.shape} do not "
            f"broadcast ({exc})."
        ) from None
