r"""Growth paths with their uncertainty, as plain data a scenario can sample from.

A growth path is the sequence of cumulative growth factors of a series relative to a base
year,

$$ G_t = \frac{x_t}{x_{t_0}}, \qquad t = t_0 + 1, \dots, t_0 + H, $$

so a final-demand change follows as $\Delta f_t = f_{t_0}\,(G_t - 1)$ (METHODS §5.1, where
$G_t = (1+g)^t$ for a constant rate $g$). :class:`GrowthPathDistribution` holds the mean path
and its uncertainty as quantiles per year and/or as joint draws of whole paths. The scenario
engine samples whole paths from it in its Monte Carlo, so that a forecast's uncertainty shows in
the impact intervals.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..errors import ScenarioError

__all__ = ["GrowthPathDistribution"]

_DEFAULT_PROBS = (0.05, 0.5, 0.95)


def _readonly(values: np.ndarray) -> np.ndarray:
    out = np.array(values, dtype=float, copy=True)
    out.flags.writeable = False
    return out


def _as_generator(rng: object) -> np.random.Generator:
    if isinstance(rng, np.random.Generator):
        return rng
    if isinstance(rng, (int, np.integer)) and not isinstance(rng, bool):
        return np.random.default_rng(int(rng))
    raise ScenarioError(
        f"rng must be a seed (int) or a numpy Generator, got {type(rng).__name__}. Pass e.g. "
        "rng=0 or rng=np.random.default_rng(0) so that the draws are reproducible."
    )


def _ndtri(p: np.ndarray) -> np.ndarray:
    from scipy.special import ndtri

    return ndtri(p)


def _interp_extrapolate(z: np.ndarray, zk: np.ndarray, yk: np.ndarray) -> np.ndarray:
    """Piecewise-linear interpolation of (zk, yk) at z, extended linearly beyond both ends."""
    out = np.interp(z, zk, yk)
    lo, hi = z < zk[0], z > zk[-1]
    out[lo] = yk[0] + (z[lo] - zk[0]) * (yk[1] - yk[0]) / (zk[1] - zk[0])
    out[hi] = yk[-1] + (z[hi] - zk[-1]) * (yk[-1] - yk[-2]) / (zk[-1] - zk[-2])
    return out


@dataclass(frozen=True, eq=False)
class GrowthPathDistribution:
    r"""The distribution of a growth path $G_t = x_t / x_{t_0}$ over consecutive years.

    Plain data: numbers and labels only, validated on construction, read-only afterwards. Build
    it directly (e.g. from a published central/low/high projection), with :meth:`from_draws`,
    :meth:`constant`, or from a forecast with
    :meth:`creative_econ.econometrics.Forecast.to_growth_path`.

    Parameters
    ----------
    years : sequence of int
        Consecutive years of the path, after ``base_year``.
    base_year : int
        The year $t_0$ the factors are relative to ($G_{t_0} = 1$).
    mean : array-like of shape (H,)
        Mean growth factor $E[G_t]$ per year; positive.
    nominal : bool
        Whether the underlying series is in current prices (``True``: the path includes price
        growth and must not be applied to a constant-price table without deflating) or in
        constant prices (``False``). Required: a path without a price basis cannot be used
        safely.
    probabilities : sequence of float, optional
        Quantile levels in (0, 1), strictly increasing, at least two (``None`` or empty: no
        quantiles).
    quantile_values : array-like of shape (len(probabilities), H), optional
        Quantiles of $G_t$ per year; positive and non-decreasing across levels.
    draws : array-like of shape (n_draws, H), optional
        Joint draws of whole paths; positive.
    series : str
        What grows, e.g. ``"GVA, OKED section J, Kazakhstan"``.
    series_unit : str
        Unit of the underlying series (the path itself is a ratio and has no unit).
    source : str
        Where the path comes from (data, model, retrieval).
    notes : tuple of str
        Caveats carried to the scenario's assumptions card.

    Raises
    ------
    ScenarioError
        Years not consecutive or not after ``base_year``; shapes that do not match the years;
        missing, infinite or non-positive factors; quantiles not increasing; ``nominal`` not a
        bool.

    Notes
    -----
    :meth:`sample` returns whole paths, so that the correlation between years is kept (a path
    that is high in one year tends to stay high). With stored ``draws`` it resamples them; with
    quantiles only it draws comonotone paths: one standard-normal score $z$ per path, and in
    every year the quantile of $\ln G_t$ at $z$, interpolated linearly in $z = \Phi^{-1}(p)$
    between the stored levels and extended linearly beyond them (exact for a lognormal path
    such as a random walk on logs, whose quantiles are $\mu_t + z\sigma_t$).

    Examples
    --------
    >>> path = GrowthPathDistribution.constant(0.05, years=range(2026, 2029), base_year=2025,
    ...                                        nominal=False)
    >>> path.mean.round(4).tolist()
    [1.05, 1.1025, 1.1576]
    """

    years: tuple[int, ...]
    base_year: int
    mean: np.ndarray
    nominal: bool
    probabilities: tuple[float, ...] = ()
    quantile_values: np.ndarray | None = None
    draws: np.ndarray | None = None
    series: str = ""
    series_unit: str = ""
    source: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        years = self._check_years(self.years, self.base_year)
        set_(self, "years", years)
        set_(self, "base_year", int(self.base_year))
        if not isinstance(self.nominal, (bool, np.bool_)):
            raise ScenarioError(
                f"nominal must be True (current prices) or False (constant prices), got "
                f"{self.nominal!r}. Say which: a nominal path must not be applied to a "
                "constant-price table without deflating it."
            )
        set_(self, "nominal", bool(self.nominal))
        h = len(years)
        set_(self, "mean", _readonly(self._check_factors(self.mean, (h,), "mean")))

        probs = tuple(float(p) for p in (self.probabilities or ()))
        if (self.quantile_values is None) != (len(probs) == 0):
            raise ScenarioError(
                "probabilities and quantile_values go together: give both (levels and the "
                "quantiles at those levels) or neither."
            )
        if probs:
            p = np.asarray(probs)
            if len(p) < 2 or not np.all((p > 0) & (p < 1)) or np.any(np.diff(p) <= 0):
                raise ScenarioError(
                    f"probabilities must be at least two strictly increasing levels in (0, 1); "
                    f"got {list(probs)}."
                )
            q = self._check_factors(self.quantile_values, (len(p), h), "quantile_values")
            dec = np.diff(q, axis=0) < -1e-12 * np.abs(q[1:])
            if dec.any():
                k, t = np.argwhere(dec)[0]
                raise ScenarioError(
                    f"quantile_values decrease across levels in year {years[t]}: "
                    f"{q[k, t]:g} at p={probs[k]:g} > {q[k + 1, t]:g} at p={probs[k + 1]:g}. "
                    "Rows must follow the order of probabilities."
                )
            set_(self, "quantile_values", _readonly(q))
        set_(self, "probabilities", probs)
        if self.draws is not None:
            d = np.asarray(self.draws, dtype=float)
            if d.ndim != 2 or d.shape[0] < 1:
                raise ScenarioError(
                    f"draws must be a 2-D array (n_draws, {h} years); got shape {d.shape}."
                )
            set_(self, "draws", _readonly(self._check_factors(d, (d.shape[0], h), "draws")))
        set_(self, "notes", tuple(str(n) for n in self.notes))

    # ------------------------------------------------------------------ validation
    @staticmethod
    def _check_years(years: object, base_year: object) -> tuple[int, ...]:
        try:
            ys = tuple(int(y) for y in years)  # type: ignore[attr-defined]
            base = int(base_year)  # type: ignore[call-overload]
        except (TypeError, ValueError):
            raise ScenarioError(
                f"years must be a sequence of integer years and base_year an integer; got "
                f"years={years!r}, base_year={base_year!r}."
            ) from None
        if not ys:
            raise ScenarioError("years is empty: a growth path needs at least one year.")
        steps = np.diff(ys)
        if np.any(steps != 1):
            bad = int(np.argmax(steps != 1))
            raise ScenarioError(
                f"years must be consecutive and increasing; {ys[bad]} is followed by "
                f"{ys[bad + 1]}. Give one value per year (interpolate a published path first)."
            )
        if base != base_year or ys[0] <= base:
            raise ScenarioError(
                f"base_year={base_year!r} must be an integer before the first year of the path "
                f"({ys[0]})."
            )
        return ys

    @staticmethod
    def _check_factors(values: object, shape: tuple[int, ...], what: str) -> np.ndarray:
        try:
            arr = np.asarray(values, dtype=float)
        except (TypeError, ValueError):
            raise ScenarioError(f"{what} must be numeric; got {values!r}.") from None
        if arr.shape != shape:
            raise ScenarioError(
                f"{what} has shape {arr.shape}; expected {shape} (one column per year)."
            )
        bad = ~np.isfinite(arr) | (arr <= 0)
        if bad.any():
            pos = tuple(int(i) for i in np.argwhere(bad)[0])
            raise ScenarioError(
                f"{what} must hold positive finite growth factors x_t / x_base; found "
                f"{arr[pos]!r} at position {pos}. A factor of 1 means no growth since the "
                "base year."
            )
        return arr

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_draws(
        cls,
        draws: np.ndarray,
        *,
        years: Sequence[int],
        base_year: int,
        nominal: bool,
        series: str = "",
        series_unit: str = "",
        source: str = "",
        notes: Sequence[str] = (),
    ) -> GrowthPathDistribution:
        """A distribution represented by joint draws of whole paths; the mean is their mean.

        Parameters
        ----------
        draws : array-like of shape (n_draws, H)
            Growth factors relative to ``base_year``.
        """
        arr = cls._check_factors(draws, np.shape(draws), "draws")
        if arr.ndim != 2:
            raise ScenarioError(f"draws must be 2-D (n_draws, years); got shape {arr.shape}.")
        return cls(
            years=tuple(years),
            base_year=base_year,
            mean=arr.mean(axis=0),
            nominal=nominal,
            draws=arr,
            series=series,
            series_unit=series_unit,
            source=source,
            notes=tuple(notes),
        )

    @classmethod
    def constant(
        cls,
        rate: float,
        *,
        years: Sequence[int],
        base_year: int,
        nominal: bool,
        series: str = "",
        source: str = "",
    ) -> GrowthPathDistribution:
        r"""A deterministic path at a constant annual rate, $G_t = (1 + g)^{t - t_0}$.

        Raises
        ------
        ScenarioError
            ``rate`` is not finite or not above -1.
        """
        if not np.isfinite(rate) or rate <= -1:
            raise ScenarioError(f"rate must be a finite annual rate above -1; got {rate!r}.")
        ys = cls._check_years(years, base_year)
        mean = (1.0 + rate) ** (np.asarray(ys, dtype=float) - base_year)
        return cls(
            years=ys,
            base_year=base_year,
            mean=mean,
            nominal=nominal,
            series=series,
            source=source or f"constant annual growth of {rate:.4g}",
        )

    # ------------------------------------------------------------------ queries
    @property
    def horizon(self) -> int:
        """Number of years in the path."""
        return len(self.years)

    @property
    def n_draws(self) -> int:
        """Number of stored joint draws (0 when the distribution is given by quantiles)."""
        return 0 if self.draws is None else int(self.draws.shape[0])

    @property
    def is_deterministic(self) -> bool:
        """True when neither quantiles nor draws are stored (the path is its mean)."""
        return self.draws is None and self.quantile_values is None

    def sample(self, n: int, rng: np.random.Generator | int) -> np.ndarray:
        """Draw ``n`` whole paths.

        Parameters
        ----------
        n : int
            Number of paths.
        rng : numpy.random.Generator or int
            Random generator or seed (explicit, so results are reproducible).

        Returns
        -------
        ndarray of shape (n, H)
            Growth factors relative to ``base_year``, one row per path. Resampled from the
            stored draws if there are any, otherwise comonotone paths from the quantiles (see
            the class notes); a deterministic path is repeated.
        """
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
            raise ScenarioError(f"n must be a positive integer number of paths; got {n!r}.")
        gen = _as_generator(rng)
        if self.draws is not None:
            return self.draws[gen.integers(0, self.n_draws, size=int(n))].copy()
        if self.quantile_values is None:
            return np.tile(self.mean, (int(n), 1))
        return self._from_quantiles(gen.standard_normal(int(n)))

    def _from_quantiles(self, z: np.ndarray) -> np.ndarray:
        zk = _ndtri(np.asarray(self.probabilities))
        logq = np.log(self.quantile_values)  # type: ignore[arg-type]
        cols = [_interp_extrapolate(z.copy(), zk, logq[:, t]) for t in range(self.horizon)]
        return np.exp(np.column_stack(cols))

    def quantiles(self, probs: Sequence[float] = _DEFAULT_PROBS) -> pd.DataFrame:
        """Quantiles of the growth factor per year.

        Parameters
        ----------
        probs : sequence of float
            Levels in (0, 1).

        Returns
        -------
        DataFrame
            Index ``year``, one column per level. From the draws if stored, else from the
            stored quantiles (interpolated as in :meth:`sample`), else the mean path.
        """
        p = np.asarray(list(probs), dtype=float)
        if p.ndim != 1 or p.size == 0 or not np.all((p > 0) & (p < 1)):
            raise ScenarioError(f"probs must be levels in (0, 1); got {list(probs)}.")
        if self.draws is not None:
            values = np.quantile(self.draws, p, axis=0)
        elif self.quantile_values is not None:
            values = self._from_quantiles(_ndtri(p))
        else:
            values = np.tile(self.mean, (p.size, 1))
        return pd.DataFrame(
            values.T,
            index=pd.Index(self.years, name="year"),
            columns=pd.Index([float(v) for v in p], name="probability"),
        )

    def mean_annual_growth(self) -> pd.Series:
        r"""Annual growth rates of the mean path, $\bar G_t / \bar G_{t-1} - 1$.

        With $\bar G_{t_0} = 1$. Nominal when ``nominal`` is True.
        """
        prev = np.concatenate([[1.0], self.mean[:-1]])
        first_gap = self.years[0] - self.base_year
        rates = self.mean / prev - 1.0
        if first_gap > 1:  # the first factor spans several years: report its annual rate
            rates[0] = self.mean[0] ** (1.0 / first_gap) - 1.0
        return pd.Series(rates, index=pd.Index(self.years, name="year"), name="growth_rate")

    def to_frame(self, probs: Sequence[float] = _DEFAULT_PROBS) -> pd.DataFrame:
        """Mean and quantiles per year: index ``year``, columns ``mean`` and ``q<level>``."""
        q = self.quantiles(probs)
        q.columns = [f"q{p:g}" for p in q.columns]
        return pd.concat([pd.Series(self.mean, index=q.index, name="mean"), q], axis=1)

    def to_dict(self) -> dict[str, Any]:
        """Plain Python data (lists, numbers, strings) for JSON or YAML; see :meth:`from_dict`."""
        out: dict[str, Any] = {
            "years": list(self.years),
            "base_year": self.base_year,
            "mean": self.mean.tolist(),
            "nominal": self.nominal,
            "series": self.series,
            "series_unit": self.series_unit,
            "source": self.source,
            "notes": list(self.notes),
        }
        if self.quantile_values is not None:
            out["probabilities"] = list(self.probabilities)
            out["quantile_values"] = self.quantile_values.tolist()
        if self.draws is not None:
            out["draws"] = self.draws.tolist()
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> GrowthPathDistribution:
        """Rebuild a distribution from :meth:`to_dict` output (validated again)."""
        known = {
            "years",
            "base_year",
            "mean",
            "nominal",
            "probabilities",
            "quantile_values",
            "draws",
            "series",
            "series_unit",
            "source",
            "notes",
        }
        unknown = set(data) - known
        if unknown:
            raise ScenarioError(
                f"Unknown growth-path fields {sorted(unknown)}; expected some of {sorted(known)}."
            )
        missing = {"years", "base_year", "mean", "nominal"} - set(data)
        if missing:
            raise ScenarioError(f"A growth path needs the fields {sorted(missing)}.")
        kwargs = dict(data)
        kwargs["years"] = tuple(kwargs["years"])
        kwargs["probabilities"] = tuple(kwargs.get("probabilities", ()))
        kwargs["notes"] = tuple(kwargs.get("notes", ()))
        return cls(**kwargs)

    # ------------------------------------------------------------------ display
    def _basis(self) -> str:
        return "current prices (nominal)" if self.nominal else "constant prices (real)"

    def __repr__(self) -> str:
        kind = (
            f"{self.n_draws} draws"
            if self.draws is not None
            else "quantiles"
            if self.quantile_values is not None
            else "deterministic"
        )
        what = f" of {self.series}" if self.series else ""
        return (
            f"GrowthPathDistribution{what}: {self.years[0]}-{self.years[-1]} relative to "
            f"{self.base_year}, {self._basis()}, {kind}; mean factor in {self.years[-1]} "
            f"{self.mean[-1]:.4g}"
        )

    def _repr_html_(self) -> str:
        title = html.escape(repr(self))
        table = self.to_frame().to_html(float_format=lambda v: f"{v:.4f}")
        notes = "".join(f"<li>{html.escape(n)}</li>" for n in self.notes)
        return f"<h4>{title}</h4>{table}" + (f"<ul>{notes}</ul>" if notes else "")
