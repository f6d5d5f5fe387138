"""Scenario specifications: validated, frozen, plain data (pydantic v2), from YAML or JSON.

A :class:`Scenario` names its table, region(s), years, model type, regionalisation settings,
creative definition and a list of shocks, plus productivity growth and gross-to-net
adjustments. It holds no DataFrames; :func:`creative_econ.scenarios.run` checks its labels
against the table. Unknown fields are errors (a YAML typo is caught), and every error names
the field's path in the file and its line.

```yaml
name: semey_creative_hub
table: kazakhstan_hybrid_2023
region: ABY
base_year: 2023
horizon: 2030
type: I
shocks:
  - kind: investment
    profile: illustrative_creative_hub
    build: {years: [2024, 2025], spend: 4000}
    operate: {years: [2026, 2030], spend: 900}
```
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from ..errors import ScenarioError

__all__ = [
    "CoefficientUncertainty",
    "DeltaRange",
    "DemandShock",
    "GrowthPathSpec",
    "InvestmentProgramme",
    "NetAdjustment",
    "OutputShock",
    "Phase",
    "Productivity",
    "ProductivityRange",
    "RegionalisationSpec",
    "Scenario",
    "Shock",
    "Spread",
    "TargetShock",
    "UncertaintySpec",
]


class _Spec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


YearSpan = tuple[int, int]


def _check_span(span: YearSpan | None) -> YearSpan | None:
    if span is not None and span[1] < span[0]:
        raise ValueError(f"years must be [first, last] with first <= last, got {list(span)}")
    return span


class DemandShock(_Spec):
    """A change in final demand, in the table's unit per year (or a growth rate).

    Exactly one target: ``sector`` (a sector of the table), ``domain`` (a domain or group of
    the scenario's creative definition, spread over sectors by creative final demand),
    ``creative: true`` (the whole creative sector), or ``profile`` (a spending profile that
    turns a spend at purchasers' prices into final demand at basic prices by sector, with
    local-purchase shares). Exactly one size: ``amount`` (per year), ``growth_rate`` (compound
    annual growth of the target's base-year final demand from ``base_year``) or
    ``growth_path: true`` (the scenario's growth path).

    ``prices`` says in which prices ``amount`` is given: ``basic`` (the table's) or
    ``purchasers`` (what a spender pays, including trade margins, product taxes and
    imports), which needs a ``profile`` to be bridged to basic prices.
    """

    kind: Literal["final_demand"] = "final_demand"
    label: str | None = Field(None, description="Name shown in results.")
    sector: str | None = None
    domain: str | None = None
    creative: bool = False
    profile: str | None = Field(None, description="Spending profile (purchasers' prices).")
    region: str | None = None
    amount: float | None = Field(None, description="Change per year, in the table's unit.")
    prices: Literal["basic", "purchasers"] = "basic"
    growth_rate: float | None = Field(None, gt=-1.0)
    growth_path: bool = False
    years: YearSpan | None = Field(None, description="[first, last] year; default all years.")
    local_share: float | None = Field(None, ge=0.0, le=1.0,
                                      description="Override the profile's local shares.")
    sector_map: dict[str, str] | None = None

    @field_validator("years")
    @classmethod
    def _span(cls, v: YearSpan | None) -> YearSpan | None:
        return _check_span(v)

    @model_validator(mode="after")
    def _one_target_one_size(self) -> DemandShock:
        targets = [self.sector is not None, self.domain is not None, self.creative,
                   self.profile is not None]
        if sum(targets) != 1:
            raise ValueError("give exactly one of sector, domain, creative: true or profile")
        sizes = [self.amount is not None, self.growth_rate is not None, self.growth_path]
        if sum(sizes) != 1:
            raise ValueError("give exactly one of amount, growth_rate or growth_path: true")
        if self.profile is not None:
            if self.amount is None:
                raise ValueError("a spending profile needs amount: (the spend per year)")
            if self.prices != "purchasers":
                raise ValueError("a spending profile bridges a spend at purchasers' prices: "
                                 "set prices: purchasers")
        elif self.prices == "purchasers":
            raise ValueError("prices: purchasers needs a profile: to bridge the spend to basic "
                             "prices (trade margins, product taxes, imports)")
        if (self.local_share is not None or self.sector_map is not None) and not self.profile:
            raise ValueError("local_share and sector_map apply to a profile")
        return self


class OutputShock(_Spec):
    """A given change in a sector's output (exogenised output, e.g. a production plan)."""

    kind: Literal["output"] = "output"
    label: str | None = None
    sector: str
    region: str | None = None
    amount: float
    years: YearSpan | None = None

    @field_validator("years")
    @classmethod
    def _span(cls, v: YearSpan | None) -> YearSpan | None:
        return _check_span(v)


class Phase(_Spec):
    """One phase of an investment programme: years and annual spend (purchasers' prices)."""

    years: YearSpan
    spend: float = Field(ge=0.0)

    @field_validator("years")
    @classmethod
    def _span(cls, v: YearSpan | None) -> YearSpan | None:
        return _check_span(v)


class InvestmentProgramme(_Spec):
    """Build-phase spend, then operating spend, turned into final demand by a spending profile.

    The profile (e.g. ``illustrative_creative_hub``) gives each phase's purchases by sector
    at purchasers' prices with local-purchase shares; its sector labels are translated to the
    table's through ``sector_map`` (defaults: none for the table the profile was built on).
    """

    kind: Literal["investment"] = "investment"
    label: str | None = None
    profile: str
    region: str | None = None
    build: Phase | None = None
    operate: Phase | None = None
    local_share: float | None = Field(None, ge=0.0, le=1.0)
    sector_map: dict[str, str] | None = None

    @model_validator(mode="after")
    def _some_phase(self) -> InvestmentProgramme:
        if self.build is None and self.operate is None:
            raise ValueError("an investment programme needs build and/or operate")
        return self


class TargetShock(_Spec):
    """Reach a creative share of GVA (or employment) by a year: the extra creative final
    demand on the path (METHODS §5.1)."""

    kind: Literal["target"] = "target"
    label: str | None = None
    region: str | None = Field(None, description="Where the extra demand arises (regional "
                               "models; default the scenario's region).")
    basis: Literal["gva", "employment"] = "gva"
    base_share: float | None = Field(None, gt=0.0, lt=1.0,
                                     description="Default: the table's creative share.")
    target_share: float = Field(gt=0.0, lt=1.0)
    target_year: int
    gdp_growth: float = Field(gt=-1.0)
    productivity_growth: float | None = Field(None, gt=-1.0)


Shock = Annotated[
    DemandShock | OutputShock | InvestmentProgramme | TargetShock, Field(discriminator="kind")
]


class RegionalisationSpec(_Spec):
    """How a national table becomes a regional model (METHODS §3).

    ``single`` and ``two_region`` models use location quotients (``method``, ``delta``);
    ``multiregional`` is a Chenery–Moses model of all regions with interregional trade by a
    gravity model or the pool assumption (``trade``).
    """

    method: Literal["slq", "cilq", "flq", "aflq"] = "flq"
    delta: float = Field(0.3, ge=0.0, lt=1.0)
    basis: Literal["output", "employment", "gva"] = "output"
    model: Literal["single", "two_region", "multiregional"] = "single"
    trade: Literal["gravity", "pool"] = "gravity"


class Productivity(_Spec):
    """Labour productivity growth: employment coefficients fall by ``growth`` a year,
    $e_t = e_0 (1 + \\pi)^{-(t - t_0)}$."""

    growth: float = Field(gt=-1.0)
    sectors: tuple[str, ...] | None = Field(None, description="Default: every sector.")


class NetAdjustment(_Spec):
    """Gross-to-net: net = gross x (1 - deadweight) x (1 - displacement) x (1 - leakage)."""

    deadweight: float = Field(0.0, ge=0.0, lt=1.0)
    displacement: float = Field(0.0, ge=0.0, lt=1.0)
    leakage: float = Field(0.0, ge=0.0, lt=1.0)

    @property
    def factor(self) -> float:
        return (1 - self.deadweight) * (1 - self.displacement) * (1 - self.leakage)


class GrowthPathSpec(_Spec):
    """A growth path as plain data: mean cumulative growth factors by year (and optionally
    quantiles), e.g. from :meth:`creative_econ.econometrics.Forecast.to_growth_path`."""

    base_year: int
    years: tuple[int, ...]
    mean: tuple[float, ...]
    nominal: bool
    probabilities: tuple[float, ...] | None = None
    quantile_values: tuple[tuple[float, ...], ...] | None = None
    series: str = ""
    source: str = ""

    @model_validator(mode="after")
    def _shapes(self) -> GrowthPathSpec:
        if len(self.years) != len(self.mean):
            raise ValueError("years and mean must have the same length")
        return self

    @classmethod
    def from_distribution(
        cls, path: Any, probs: tuple[float, ...] = (0.05, 0.25, 0.5, 0.75, 0.95)
    ) -> GrowthPathSpec:
        """Plain data for a scenario file from a :class:`GrowthPathDistribution` (e.g. a
        forecast's): the mean path and its quantiles at ``probs`` (from the draws when the
        distribution stores them)."""
        q = path.quantiles(probs)
        return cls(
            base_year=int(path.base_year), years=tuple(int(y) for y in path.years),
            mean=tuple(float(v) for v in path.mean), nominal=bool(path.nominal),
            probabilities=tuple(float(p) for p in probs),
            quantile_values=tuple(tuple(float(v) for v in q[p]) for p in q.columns),
            series=path.series, source=path.source,
        )

    def to_distribution(self) -> Any:
        from .growth import GrowthPathDistribution

        return GrowthPathDistribution(
            years=self.years, base_year=self.base_year, mean=self.mean, nominal=self.nominal,
            probabilities=self.probabilities, quantile_values=self.quantile_values,
            series=self.series, source=self.source,
        )


class CoefficientUncertainty(_Spec):
    r"""Random technical coefficients of the *national* table (METHODS §5.5).

    ``dirichlet``: each column's non-zero coefficients and its primary-input share
    $p_j = (a_{1j}, \dots, a_{nj}, 1 - \iota'a_{\cdot j})$ are drawn from
    $\mathrm{Dir}(\kappa p_j)$, so $E[\tilde a_{ij}] = a_{ij}$,
    $\mathrm{Var}(\tilde a_{ij}) = a_{ij}(1 - a_{ij})/(\kappa + 1)$ and every column sum stays
    below one. ``lognormal``: $\tilde a_{ij} = a_{ij}\exp(\sigma\varepsilon_{ij} - \sigma^2/2)$
    (mean-preserving), column sums capped at ``cap``. Zeros stay zero. The draws reach the
    model through its own construction: $\tilde a_{ij}\min(1, LQ_{ij})$ for a region,
    $c^{rs}_i \tilde a_{ij}$ for a multiregional model.
    """

    distribution: Literal["dirichlet", "lognormal"] = "dirichlet"
    precision: float | None = Field(None, gt=0.0, description="Dirichlet precision kappa.")
    sigma: float | None = Field(None, ge=0.0, description="Lognormal sigma.")
    cap: float = Field(0.95, gt=0.0, lt=1.0,
                       description="Lognormal: largest column sum of a draw.")

    @model_validator(mode="after")
    def _parameters(self) -> CoefficientUncertainty:
        if self.distribution == "dirichlet" and (self.precision is None or
                                                 self.sigma is not None):
            raise ValueError("a Dirichlet needs precision (kappa, e.g. 200) and no sigma")
        if self.distribution == "lognormal" and (self.sigma is None or
                                                 self.precision is not None):
            raise ValueError("a lognormal needs sigma (e.g. 0.1) and no precision")
        return self


class _Range(_Spec):
    low: float
    high: float

    @model_validator(mode="after")
    def _ordered(self) -> _Range:
        if self.high < self.low:
            raise ValueError(f"high ({self.high}) must not be below low ({self.low})")
        return self


class DeltaRange(_Range):
    r"""FLQ $\delta$ drawn uniformly from [low, high] (METHODS §3.1: 0.1-0.4)."""

    low: float = Field(ge=0.0, lt=1.0)
    high: float = Field(ge=0.0, lt=1.0)


class ProductivityRange(_Range):
    r"""Annual labour-productivity growth $\pi$ drawn uniformly from [low, high]."""

    low: float = Field(gt=-1.0)
    high: float = Field(gt=-1.0)


class Spread(_Spec):
    r"""A mean-preserving lognormal factor $\exp(\sigma z - \sigma^2/2)$."""

    sigma: float = Field(ge=0.0)


class UncertaintySpec(_Spec):
    """Monte Carlo over the scenario's uncertain inputs (METHODS §5.5).

    Each part is optional, but each must name something in the scenario: ``delta`` a
    single- or two-region FLQ/AFLQ model, ``household_propensity`` a Type II model,
    ``growth_path`` a shock on the scenario's growth path, ``productivity`` a table with
    employment. Every input has its own random stream derived from ``seed``, so scenarios
    run with the same seed share their draws of the same input (common random numbers).
    For example ``{draws: 1000, seed: 42, coefficients: {distribution: dirichlet, precision:
    200}, delta: {low: 0.1, high: 0.4}, shock_size: {sigma: 0.1}}``.
    """

    draws: int = Field(1000, ge=1, le=1_000_000, description="Number of Monte Carlo draws.")
    seed: int = Field(ge=0, description="Seed of every random stream (explicit).")
    interval: float = Field(0.9, gt=0.0, lt=1.0,
                            description="Central interval reported, e.g. 0.9 for 5-95%.")
    coefficients: CoefficientUncertainty | None = None
    delta: DeltaRange | None = None
    household_propensity: Spread | None = Field(
        None, description="Lognormal factor on the household consumption column (Type II).")
    productivity: ProductivityRange | None = None
    shock_size: Spread | None = Field(
        None, description="Lognormal factor on each shock's size, independent per shock.")
    growth_path: bool = Field(False, description="Sample whole paths of the growth path.")

    @property
    def inputs(self) -> tuple[str, ...]:
        """The uncertain inputs this block names, in a fixed order."""
        names = ("coefficients", "delta", "household_propensity", "productivity",
                 "shock_size")
        out = tuple(k for k in names if getattr(self, k) is not None)
        return (*out, "growth_path") if self.growth_path else out


class Scenario(_Spec):
    """A complete scenario: what to shock, where, when, and with which model."""

    name: str = Field(pattern=r"^[A-Za-z0-9_.\-]+$", description="Identifier used in results.")
    description: str = ""
    table: str = Field(description="A bundled dataset name (see `creative-econ datasets`).")
    region: str | None = Field(None, description="Region of a single- or two-region model.")
    regions: tuple[str, ...] | None = Field(None, description="Regions of a multiregional model.")
    regional_data: str | None = Field(None, description="Bundled regional dataset.")
    base_year: int
    horizon: int = Field(description="Last year of the scenario.")
    type: Literal["I", "II"] = "I"
    regionalisation: RegionalisationSpec | None = None
    definition: str = "dcms"
    shocks: tuple[Shock, ...] = Field(min_length=1)
    productivity: Productivity | None = None
    growth_path: GrowthPathSpec | None = None
    net: NetAdjustment | None = None
    uncertainty: UncertaintySpec | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Scenario:
        if self.horizon < self.base_year:
            raise ValueError(
                f"horizon ({self.horizon}) must not be before base_year ({self.base_year})"
            )
        if self.region is not None and self.regions is not None:
            raise ValueError("give region (one region) or regions (several), not both")
        for i, shock in enumerate(self.shocks):
            spans: list[tuple[str, YearSpan]] = []
            if isinstance(shock, DemandShock | OutputShock) and shock.years is not None:
                spans.append(("years", shock.years))
            if isinstance(shock, InvestmentProgramme):
                for phase in ("build", "operate"):
                    p = getattr(shock, phase)
                    if p is not None:
                        spans.append((f"{phase}.years", p.years))
            if isinstance(shock, TargetShock):
                spans.append(("target_year", (shock.target_year, shock.target_year)))
            for field, (first, last) in spans:
                if first < self.base_year or last > self.horizon:
                    raise ValueError(
                        f"shocks[{i}].{field} = {[first, last]} lies outside the scenario's "
                        f"years {self.base_year}..{self.horizon}"
                    )
            if isinstance(shock, DemandShock) and shock.growth_path and self.growth_path is None:
                raise ValueError(f"shocks[{i}] uses growth_path: true but the scenario has no "
                                 "growth_path")
        if self.uncertainty is not None:
            for problem in _uncertainty_names_nothing(self):
                raise ValueError(problem)
        return self

    @property
    def years(self) -> list[int]:
        return list(range(self.base_year, self.horizon + 1))

    # ------------------------------------------------------------------ I/O
    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, source: str = "<dict>",
                  lines: Mapping[tuple, int] | None = None) -> Scenario:
        """Validate plain data; errors become one :class:`ScenarioError` listing each field."""
        try:
            return cls.model_validate(dict(data))
        except ValidationError as exc:
            raise ScenarioError(_explain(exc, source, lines or {})) from None

    @classmethod
    def from_yaml(cls, path_or_text: str | Path) -> Scenario:
        """Read a scenario from a YAML file (or YAML text); JSON is valid YAML too."""
        text, source = _read(path_or_text)
        try:
            node = yaml.compose(text, Loader=yaml.SafeLoader)
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise ScenarioError(f"{source}: not valid YAML: {exc}") from None
        if not isinstance(data, Mapping):
            raise ScenarioError(f"{source}: a scenario must be a mapping of fields, got "
                                f"{type(data).__name__}.")
        return cls.from_dict(data, source=source, lines=_line_map(node))

    @classmethod
    def from_json(cls, path_or_text: str | Path) -> Scenario:
        text, source = _read(path_or_text)
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ScenarioError(f"{source}: not valid JSON: {exc}") from None
        return cls.from_dict(data, source=source)

    def to_yaml(self) -> str:
        return yaml.safe_dump(self.model_dump(mode="json", exclude_none=True),
                              sort_keys=False, allow_unicode=True)

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """The JSON Schema of scenario files."""
        return cls.model_json_schema()


def _uncertainty_names_nothing(s: Scenario) -> list[str]:
    """Parts of ``s.uncertainty`` that name nothing in the scenario (one message each)."""
    u = s.uncertainty
    assert u is not None
    out = []
    if not u.inputs:
        out.append("uncertainty: names no uncertain input; give at least one of "
                   "coefficients, delta, household_propensity, productivity, shock_size or "
                   "growth_path: true")
    rs = s.regionalisation or RegionalisationSpec()
    if u.delta is not None:
        if s.region is None and s.regions is None:
            out.append("uncertainty.delta: a national scenario has no FLQ delta (delta needs "
                       "region: and an FLQ or AFLQ regionalisation)")
        elif s.regions is not None or rs.model == "multiregional":
            out.append("uncertainty.delta: a multiregional model uses trade coefficients, not "
                       "the FLQ delta (delta needs a single- or two-region model)")
        elif rs.method not in ("flq", "aflq"):
            out.append(f"uncertainty.delta: regionalisation method {rs.method!r} has no delta "
                       "(use flq or aflq)")
    if u.growth_path:
        if s.growth_path is None:
            out.append("uncertainty.growth_path: the scenario has no growth_path")
        elif not any(isinstance(k, DemandShock) and k.growth_path for k in s.shocks):
            out.append("uncertainty.growth_path: no shock uses growth_path: true")
        elif s.growth_path.quantile_values is None:
            out.append("uncertainty.growth_path: the growth path has no quantiles, so it "
                       "carries no uncertainty (give probabilities and quantile_values)")
    if u.household_propensity is not None and s.type != "II":
        out.append("uncertainty.household_propensity: a Type I model has no household "
                   "closure (use type: II)")
    return out


def _read(path_or_text: str | Path) -> tuple[str, str]:
    if isinstance(path_or_text, Path) or (
        isinstance(path_or_text, str) and "\n" not in path_or_text
        and path_or_text.endswith((".yaml", ".yml", ".json"))
    ):
        path = Path(path_or_text)
        if not path.exists():
            raise ScenarioError(f"Scenario file {str(path)!r} does not exist.")
        return path.read_text(encoding="utf-8"), str(path)
    return str(path_or_text), "<text>"


def _line_map(node: yaml.Node | None, prefix: tuple = ()) -> dict[tuple, int]:
    """Map each YAML path (keys and list indices) to its 1-based line."""
    out: dict[tuple, int] = {}
    if node is None:
        return out
    out[prefix] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            path = (*prefix, key.value)
            out[path] = key.start_mark.line + 1
            out.update({k: v for k, v in _line_map(value, path).items() if k != path})
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            out.update(_line_map(item, (*prefix, i)))
    return out


def _explain(exc: ValidationError, source: str, lines: Mapping[tuple, int]) -> str:
    problems = []
    errors = exc.errors()
    item_failed = {err["loc"][0] for err in errors if len(err["loc"]) > 1}
    for err in errors:
        if err["type"] == "too_short" and err["loc"][:1] and err["loc"][0] in item_failed:
            continue  # the list is empty only because its items failed: they are reported
        loc = tuple(p for p in err["loc"] if p not in (
            "final_demand", "output", "investment", "target"))  # drop union tags
        path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")
        line = None
        probe = tuple(str(p) if not isinstance(p, int) else p for p in loc)
        while probe and line is None:
            line = lines.get(probe)
            probe = probe[:-1]
        where = f"line {line}, " if line is not None else ""
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = "unknown field (check the spelling; see `creative-econ schema`)"
        elif err["type"] == "missing":
            msg = "required field is missing"
        problems.append(f"  {where}{path or '(top level)'}: {msg}")
    return f"{source}: invalid scenario:\n" + "\n".join(problems)


def load_scenarios(paths: Sequence[str | Path]) -> list[Scenario]:
    return [Scenario.from_yaml(p) for p in paths]
