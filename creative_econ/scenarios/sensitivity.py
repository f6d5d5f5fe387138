r"""Which assumption matters most: a one-at-a-time (tornado) sensitivity (METHODS §5.5).

For each uncertain input of a scenario's ``uncertainty:`` block, the Monte Carlo is run with
*only that input* drawn and every other input at its point value (the scenario as written);
the bar of the input spans the 10th to the 90th percentile of the headline quantity over those
draws:

$$ \text{swing}_k = Q_{0.9}\big(h \mid \theta_k \sim p_k,\; \theta_{-k} = \bar\theta_{-k}\big)
   - Q_{0.1}\big(h \mid \theta_k \sim p_k,\; \theta_{-k} = \bar\theta_{-k}\big). $$

For a scalar input with a monotone effect (a shock's size, productivity growth, the FLQ
$\delta$) this is the headline at the input's own 10th and 90th percentiles; for the
technical coefficients and a growth path, which are not scalars, it is the spread they cause
on their own. Each input keeps its own random stream, so the draws of an input are those of the
full run. Bars are sorted by swing. The swings do not add up to the full interval (inputs
interact, and the spreads of independent inputs add roughly in quadrature); a variance-based
(Sobol) analysis would apportion the variance, at many more runs.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InvalidParameterError, ScenarioError, did_you_mean
from .result import ScenarioResult, UncertaintySummary
from .spec import Scenario

__all__ = ["tornado"]

_LABELS = {
    "coefficients": "technical coefficients",
    "delta": "FLQ delta",
    "household_propensity": "household propensity",
    "productivity": "productivity growth",
    "growth_path": "growth path",
}


def input_label(key: str) -> str:
    """Readable name of an uncertain input key."""
    if key.startswith("shock_size:"):
        return f"size of shock {key.split(':', 1)[1]!r}"
    return _LABELS.get(key, key)


def _quantity_draws(u: UncertaintySummary, quantity: str, year: int | None, measure: str
                    ) -> np.ndarray:
    if year is None:
        draws = u.headline(measure=measure)
        if quantity not in draws or quantity == "jobs_peak_year":
            options = [k for k in draws if k != "jobs_peak_year"]
            raise ScenarioError(f"quantity={quantity!r} is not a headline quantity; choose one "
                                f"of {options} (or an indicator with year=)."
                                f"{did_you_mean(quantity, options)}")
        return draws[quantity]
    if quantity not in u.indicators:
        raise ScenarioError(f"quantity={quantity!r} with year={year}: give an indicator, one of "
                            f"{list(u.indicators)}.{did_you_mean(quantity, u.indicators)}")
    if year not in u.years:
        raise ScenarioError(f"year={year} is not a year of the scenario "
                            f"({u.years[0]}-{u.years[-1]}).")
    by_year = u.by_year(measure=measure)
    return by_year[:, u.years.index(year), u.indicators.index(quantity)]


def _point(result: ScenarioResult, quantity: str, year: int | None, measure: str) -> float:
    if year is None:
        return float(result.headline(measure=measure)[quantity])
    return float(result.by_year(measure=measure).loc[year, quantity])


def tornado(
    result: ScenarioResult | Scenario | str | Path,
    quantity: str | None = None,
    *,
    year: int | None = None,
    levels: tuple[float, float] = (0.1, 0.9),
    measure: str = "gross",
) -> pd.DataFrame:
    """One-at-a-time sensitivity of a headline quantity to each uncertain input.

    Parameters
    ----------
    result : ScenarioResult, Scenario or path
        A Monte Carlo result (or its scenario); the scenario needs an ``uncertainty:`` block.
    quantity : str, optional
        A headline quantity (``jobs_peak``, ``job_years``, ``output_cumulative``, ...), or an
        indicator with ``year`` (e.g. ``"employment"`` and ``year=2030``: jobs in 2030).
        Default ``jobs_peak`` when the table has employment, else ``output_cumulative``.
    year : int, optional
        With an indicator as ``quantity``: the year of its total.
    levels : (float, float), default (0.1, 0.9)
        Quantile levels of the ends of each bar.
    measure : {"gross", "net"}

    Returns
    -------
    DataFrame
        One row per uncertain input (each shock's size separately), sorted by swing (largest
        first), index ``input`` (readable); columns ``key``, ``low``, ``high``, ``swing``
        (high - low), ``base`` (the point estimate) and ``quantity``.

    Raises
    ------
    ScenarioError
        No uncertainty block, or an unknown quantity or year.
    InvalidParameterError
        ``levels`` not two increasing probabilities in (0, 1).
    """
    from .engine import _as_scenario, prepare, run
    from .uncertainty import input_keys, monte_carlo

    lo_p, hi_p = (float(v) for v in levels)
    if not (0 < lo_p < hi_p < 1):
        raise InvalidParameterError("levels", levels, "two increasing probabilities in (0, 1)")
    spec = result.scenario if isinstance(result, ScenarioResult) else _as_scenario(result)
    if spec.uncertainty is None:
        raise ScenarioError(f"tornado(): scenario {spec.name!r} has no uncertainty: block.")
    prep = prepare(spec)
    point = result if isinstance(result, ScenarioResult) else run(
        spec.model_copy(update={"uncertainty": None}))
    if quantity is None:
        quantity = "jobs_peak" if "employment" in prep.coefs else "output_cumulative"
    rows = []
    for key in input_keys(spec):
        mc = monte_carlo(prep, only=[key], cells=False, progress=False)
        draws = _quantity_draws(mc.summary, quantity, year, measure)
        low, high = np.quantile(draws, [lo_p, hi_p])
        rows.append({"input": input_label(key), "key": key, "low": float(low),
                     "high": float(high)})
    base = _point(point, quantity, year, measure)
    frame = pd.DataFrame(rows).set_index("input")
    frame["swing"] = frame["high"] - frame["low"]
    frame["base"] = base
    frame["quantity"] = quantity if year is None else f"{quantity} in {year}"
    return frame.sort_values("swing", ascending=False, kind="stable")
