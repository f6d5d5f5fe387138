r"""Spending profiles: from a spend at purchasers' prices to final demand by sector.

A profile splits a spend $S$ (purchasers' prices) into allocations $a$ with shares
$\alpha_a$ (summing to 1 in each phase). An allocation either buys a product (a table
sector) or is a leakage (imports, taxes on products, the spender's own value added). For a
purchase of product $p$ with trade/transport margin share $\mu_a$, product-tax share $\tau_a$
and local-purchase share $\lambda_a$:

$$ \Delta f_p \mathrel{+}= S\,\alpha_a\,(1 - \mu_a - \tau_a)\,\lambda_a, \qquad
   \Delta f_{m(a)} \mathrel{+}= S\,\alpha_a\,\mu_a\,\lambda^{m}_a , $$

at basic prices; the rest leaks (taxes, non-local purchases). Profiles are data (YAML),
validated by pydantic, user-editable and user-definable.

A profile's ``kind`` is ``"published"`` (it must cite its ``source``) or ``"illustrative"``
(its name starts with ``illustrative_`` and ``method`` says how its shares were set). The
bundled ones are all illustrative: no published spending profile for these activities could
be sourced. They were derived with :func:`derive_profile` from the cost structure of a column
of the ONS UK IOAT 2010 table (and, for a build phase, from the composition of its gross
fixed capital formation); rebuild or edit them for your case.

What a cost-structure profile means: the spend is the organiser's budget, and the profile
says what it buys. The share that is the organiser's own value added (wages, surplus) is a
``value_added`` leakage: it is the activity's direct GVA, not a purchase, so it creates no
final demand; report it beside the impact (:meth:`SpendingProfile.leakages`).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..errors import ScenarioError, UnknownSectorError, did_you_mean

__all__ = [
    "Allocation",
    "Phase",
    "SpendingProfile",
    "derive_profile",
    "get_profile",
    "list_profiles",
    "load_profile",
    "spend_to_final_demand",
]

Leakage = Literal["imports", "taxes", "value_added", "other"]
_SUM_TOL = 1e-6


# ---------------------------------------------------------------------------------- pure core
def spend_to_final_demand(
    spend: float,
    shares: np.ndarray,
    basic: np.ndarray,
    local: np.ndarray,
    margin: np.ndarray,
    margin_local: np.ndarray,
    target: np.ndarray,
    margin_target: np.ndarray,
    n: int,
) -> np.ndarray:
    r"""Final demand at basic prices from a spend (arrays in, array out).

    $$ \Delta f = \sum_a S\alpha_a\left[(1-\mu_a-\tau_a)\lambda_a e_{p(a)} +
       \mu_a\lambda^m_a e_{m(a)}\right] $$

    Parameters
    ----------
    spend : float
    shares, basic, local, margin, margin_local : ndarray (n_alloc,)
        $\alpha_a$, $1 - \mu_a - \tau_a$, $\lambda_a$, $\mu_a$, $\lambda^m_a$.
    target, margin_target : ndarray of int (n_alloc,)
        Sector index of the product and of the margin (-1: none, a leakage).
    n : int
        Number of sectors.
    """
    out = np.zeros(n)
    buy = target >= 0
    np.add.at(out, target[buy], spend * shares[buy] * basic[buy] * local[buy])
    mar = (margin_target >= 0) & (margin > 0)
    np.add.at(out, margin_target[mar], spend * shares[mar] * margin[mar] * margin_local[mar])
    return out


# ---------------------------------------------------------------------------------- specs
class _Spec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Allocation(_Spec):
    """One use of the spend: a purchase of a product, or a leakage."""

    share: float = Field(gt=0.0, le=1.0, description="Share of the phase's spend.")
    sector: str | None = Field(None, description="Product bought (a sector label).")
    leakage: Leakage | None = Field(None, description="Or: where the money leaks to.")
    label: str = ""
    local_share: float = Field(1.0, ge=0.0, le=1.0,
                               description="Part bought from local producers.")
    margin_share: float = Field(0.0, ge=0.0, lt=1.0,
                                description="Trade/transport margin in the purchaser price.")
    margin_sector: str | None = None
    margin_local_share: float = Field(1.0, ge=0.0, le=1.0)
    tax_share: float = Field(0.0, ge=0.0, lt=1.0,
                             description="Taxes less subsidies on products in the price.")

    @model_validator(mode="after")
    def _one_target(self) -> Allocation:
        if (self.sector is None) == (self.leakage is None):
            raise ValueError("an allocation needs exactly one of 'sector' or 'leakage'")
        if self.margin_share + self.tax_share >= 1.0:
            raise ValueError("margin_share + tax_share must be below 1")
        if self.margin_share > 0 and self.margin_sector is None:
            raise ValueError("margin_share > 0 needs margin_sector (e.g. the retail product)")
        return self


class Phase(_Spec):
    """A phase of a project (e.g. build, operate) with its allocations."""

    name: str
    first_year: int = Field(0, ge=0, description="First year offset of the phase.")
    last_year: int | None = Field(None, ge=0, description="Last year offset (None: open).")
    allocations: tuple[Allocation, ...]

    @model_validator(mode="after")
    def _sums_to_one(self) -> Phase:
        total = sum(a.share for a in self.allocations)
        if abs(total - 1.0) > _SUM_TOL:
            raise ValueError(
                f"the allocations of phase {self.name!r} add up to {total:.6g}, not 1"
            )
        if self.last_year is not None and self.last_year < self.first_year:
            raise ValueError(f"phase {self.name!r} ends before it starts")
        return self


class SpendingProfile(_Spec):
    """A named spending profile (see the module docstring)."""

    name: str
    title: str
    kind: Literal["published", "illustrative"]
    description: str = ""
    source: str = ""
    method: str = ""
    sector_system: str = Field("uk_ioat_2010",
                               description="Whose sector labels the allocations use.")
    price_basis: Literal["purchasers' prices"] = "purchasers' prices"
    phases: tuple[Phase, ...]

    @model_validator(mode="after")
    def _documented(self) -> SpendingProfile:
        if self.kind == "illustrative" and not self.name.startswith("illustrative_"):
            raise ValueError("an illustrative profile's name must start with 'illustrative_'")
        if self.kind == "published" and self.name.startswith("illustrative_"):
            raise ValueError("a published profile cannot be named 'illustrative_*'")
        if self.kind == "published" and not self.source.strip():
            raise ValueError("a published profile must cite its source")
        if self.kind == "illustrative" and not self.method.strip():
            raise ValueError("an illustrative profile must say how its shares were set (method)")
        names = [p.name for p in self.phases]
        if len(set(names)) != len(names):
            raise ValueError(f"phase names must be unique, got {names}")
        if not self.phases:
            raise ValueError("a profile needs at least one phase")
        return self

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> SpendingProfile:
        """Validate a profile from plain data; errors become :class:`ScenarioError`."""
        try:
            return cls.model_validate(dict(data))
        except ValidationError as exc:
            name = data.get("name", "?") if isinstance(data, Mapping) else "?"
            raise ScenarioError(f"Spending profile {name!r} is invalid: {_explain(exc)}") from None

    def to_yaml(self) -> str:
        return yaml.safe_dump(self.model_dump(mode="json", exclude_defaults=True),
                              sort_keys=False, allow_unicode=True)

    # ------------------------------------------------------------------ use
    @property
    def phase_names(self) -> list[str]:
        return [p.name for p in self.phases]

    def phase(self, name: str | None = None) -> Phase:
        if name is None:
            if len(self.phases) > 1:
                raise ScenarioError(
                    f"Profile {self.name!r} has phases {self.phase_names}; name one with phase=."
                )
            return self.phases[0]
        for p in self.phases:
            if p.name == name:
                return p
        raise ScenarioError(
            f"Profile {self.name!r} has no phase {name!r}; phases are {self.phase_names}."
            f"{did_you_mean(name, self.phase_names)}"
        )

    def sectors(self) -> list[str]:
        out: list[str] = []
        for p in self.phases:
            for a in p.allocations:
                for s in (a.sector, a.margin_sector):
                    if s is not None and s not in out:
                        out.append(s)
        return out

    def final_demand(
        self,
        spend: float,
        *,
        phase: str | None = None,
        table: object | None = None,
        local_shares: float | Mapping[str, float] | None = None,
        sector_map: Mapping[str, str] | None = None,
    ) -> pd.Series:
        r"""Final demand at basic prices by sector from a spend at purchasers' prices.

        Parameters
        ----------
        spend : float
            The spend in the phase (table units).
        phase : str, optional
            Needed when the profile has several phases.
        table : IOTable, optional
            Index the result by the table's sectors (checking every label).
        local_shares : float or mapping, optional
            Override the local-purchase share $\lambda$: one value for every purchase, or
            per sector.
        sector_map : mapping, optional
            Translate the profile's sector labels to the table's.

        Returns
        -------
        Series
            Named ``delta_final_demand``; pass it to ``table.impact``.

        Raises
        ------
        ScenarioError
            A spend that is not finite, an unknown phase, a local share outside [0, 1].
        UnknownSectorError
            A profile sector the table lacks (after ``sector_map``).
        """
        try:
            S = float(spend)
        except (TypeError, ValueError):
            raise ScenarioError(f"spend must be a number, got {spend!r}.") from None
        if not np.isfinite(S):
            raise ScenarioError(f"spend must be finite, got {S!r}.")
        ph = self.phase(phase)
        mapped = {s: (sector_map or {}).get(s, s) for s in self.sectors()}
        if table is not None:
            index = table.sectors
            for m in mapped.values():
                if m not in index:
                    raise UnknownSectorError(m, index, where=f"spending profile {self.name!r}")
        else:
            index = pd.Index(list(dict.fromkeys(mapped.values())), name="sector")
        allocs = ph.allocations
        local = np.array([a.local_share for a in allocs])
        if local_shares is not None:
            local = _override_local(local_shares, allocs, local)
        target = np.array([index.get_loc(mapped[a.sector]) if a.sector else -1 for a in allocs])
        mtarget = np.array([index.get_loc(mapped[a.margin_sector]) if a.margin_sector else -1
                            for a in allocs])
        values = spend_to_final_demand(
            S,
            np.array([a.share for a in allocs]),
            np.array([1.0 - a.margin_share - a.tax_share for a in allocs]),
            local,
            np.array([a.margin_share for a in allocs]),
            np.array([a.margin_local_share for a in allocs]),
            target, mtarget, len(index),
        )
        return pd.Series(values, index=index.copy(), name="delta_final_demand")

    def leakages(self, spend: float, *, phase: str | None = None,
                 local_shares: float | Mapping[str, float] | None = None) -> pd.Series:
        """Where the rest of the spend goes: imports, taxes, value added, non-local purchases."""
        ph = self.phase(phase)
        S = float(spend)
        local = np.array([a.local_share for a in ph.allocations])
        if local_shares is not None:
            local = _override_local(local_shares, ph.allocations, local)
        out = {"imports": 0.0, "taxes": 0.0, "value_added": 0.0, "other": 0.0,
               "non_local_purchases": 0.0}
        for a, lam in zip(ph.allocations, local, strict=True):
            if a.leakage is not None:
                out[a.leakage] += S * a.share
                continue
            out["taxes"] += S * a.share * a.tax_share
            out["non_local_purchases"] += S * a.share * (1 - a.margin_share - a.tax_share) * (
                1 - lam)
            out["non_local_purchases"] += S * a.share * a.margin_share * (1 - a.margin_local_share)
        return pd.Series(out, name="leakage")

    def schedule(
        self,
        spend: Mapping[str, float],
        *,
        years: int,
        start_year: int = 0,
        table: object | None = None,
        local_shares: float | Mapping[str, float] | None = None,
        sector_map: Mapping[str, str] | None = None,
    ) -> pd.DataFrame:
        """Final demand by year and sector: each phase's annual spend in its active years.

        Parameters
        ----------
        spend : mapping {phase: annual spend}
        years : int
            Number of years from ``start_year``.

        Returns
        -------
        DataFrame (year x sector)
        """
        if years <= 0:
            raise ScenarioError(f"years must be at least 1, got {years}.")
        for name in spend:
            self.phase(name)
        rows = {}
        for t in range(years):
            total = None
            for ph in self.phases:
                active = ph.first_year <= t and (ph.last_year is None or t <= ph.last_year)
                if not active or ph.name not in spend:
                    continue
                fd = self.final_demand(spend[ph.name], phase=ph.name, table=table,
                                       local_shares=local_shares, sector_map=sector_map)
                total = fd if total is None else total.add(fd, fill_value=0.0)
            rows[start_year + t] = total
        sectors = pd.Index(dict.fromkeys(s for fd in rows.values() if fd is not None
                                         for s in fd.index))
        if table is not None:
            sectors = table.sectors
        frame = pd.DataFrame({y: (fd.reindex(sectors, fill_value=0.0) if fd is not None
                                  else pd.Series(0.0, index=sectors)) for y, fd in rows.items()}).T
        return frame.rename_axis(index="year", columns="sector")


def _override_local(local_shares: float | Mapping[str, float], allocs: tuple[Allocation, ...],
                    local: np.ndarray) -> np.ndarray:
    out = local.copy()
    if isinstance(local_shares, Mapping):
        for key, v in local_shares.items():
            out_v = _check_unit(v, f"local share of {key!r}")
            hit = [i for i, a in enumerate(allocs) if a.sector == key]
            if not hit:
                raise ScenarioError(
                    f"local_shares names {key!r}, which no allocation of this phase buys."
                )
            out[hit] = out_v
    else:
        out[[i for i, a in enumerate(allocs) if a.sector is not None]] = _check_unit(
            local_shares, "local_shares")
    return out


def _check_unit(value: object, what: str) -> float:
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ScenarioError(f"{what} must be a number in [0, 1], got {value!r}.") from None
    if not (0.0 <= v <= 1.0):
        raise ScenarioError(f"{what} must lie in [0, 1], got {v:g}.")
    return v


def _explain(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"])
        msg = err["msg"].removeprefix("Value error, ")
        parts.append(f"{loc}: {msg}" if loc else msg)
    return "; ".join(parts)


# ---------------------------------------------------------------------------------- registry
def _profile_files() -> dict[str, object]:
    folder = resources.files(__package__).joinpath("data", "profiles")
    return {p.name.removesuffix(".yaml"): p for p in folder.iterdir()
            if p.name.endswith(".yaml")}


@cache
def _bundled(name: str) -> SpendingProfile:
    path = _profile_files()[name]
    return SpendingProfile.from_dict(yaml.safe_load(path.read_text(encoding="utf-8")))


def list_profiles() -> pd.DataFrame:
    """The bundled profiles: title, kind, phases and how their shares were set."""
    rows = []
    for name in sorted(_profile_files()):
        p = _bundled(name)
        rows.append({"name": name, "title": p.title, "kind": p.kind,
                     "phases": ", ".join(p.phase_names), "source or method": p.source or p.method})
    return pd.DataFrame(rows).set_index("name")


def get_profile(name: str) -> SpendingProfile:
    """A bundled profile by name.

    Raises
    ------
    ScenarioError
        Unknown name (with the closest bundled names).
    """
    files = _profile_files()
    if name not in files:
        raise ScenarioError(
            f"No bundled spending profile {name!r}; bundled: {', '.join(sorted(files))}."
            f"{did_you_mean(name, files)}"
        )
    return _bundled(name)


def load_profile(path: str | Path) -> SpendingProfile:
    """Read and validate a profile from a YAML file.

    Raises
    ------
    ScenarioError
        The file is not a valid profile (e.g. allocations that do not add up to 1); the
        message says which field and why.
    """
    path = Path(path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, Mapping):
        raise ScenarioError(f"{path.name}: a spending profile is a YAML mapping.")
    return SpendingProfile.from_dict(data)


# ---------------------------------------------------------------------------------- derive
def derive_profile(
    table: object,
    column: str,
    *,
    name: str,
    title: str,
    threshold: float = 0.02,
    phase: str = "operate",
    first_year: int = 0,
    description: str = "",
) -> SpendingProfile:
    r"""An illustrative profile from the cost structure of one column of a table.

    Per unit of the column's total inputs $x_j$: domestic purchases $z_{ij}/x_j$, imports
    $m_j/x_j$, product taxes $t_j/x_j$ and value added $v_j/x_j$. Products whose share of the
    domestic purchases is below ``threshold`` are dropped and the kept shares scaled up so
    the domestic total is unchanged (the method text records the coverage). Taxes and value
    added become leakages; purchases are at basic prices (margin and tax shares 0, local
    share 1), as the table is.

    Raises
    ------
    UnknownSectorError
        ``column`` is not a sector of the table.
    """
    if column not in table.sectors:
        raise UnknownSectorError(column, table.sectors, where="derive_profile")
    z = table.Z[column].to_numpy(dtype=float)
    m = float(table.imports[column]) if table.imports is not None else 0.0
    t = float(table.taxes[column]) if table.taxes is not None else 0.0
    v = float(table.value_added[column].sum())
    total = z.sum() + m + t + v
    dom = z.sum()
    keep = z / dom >= threshold
    coverage = z[keep].sum() / dom
    allocations = [
        {"sector": str(s), "share": float(z[i] / z[keep].sum() * dom / total),
         "label": str(table.labels[s]) if table.labels is not None else ""}
        for i, s in enumerate(table.sectors) if keep[i]
    ]
    allocations.sort(key=lambda a: -a["share"])
    for leak, amount in (("imports", m), ("taxes", t), ("value_added", v)):
        if amount > 0:
            allocations.append({"leakage": leak, "share": amount / total})
    # make the shares add to exactly 1 after rounding (the largest absorbs the residue)
    for a in allocations:
        a["share"] = round(a["share"], 8)
    allocations[0]["share"] = round(1.0 - sum(a["share"] for a in allocations[1:]), 8)
    method = (
        f"Cost structure of column {column!r} of {table.name} ({table.year}): domestic "
        f"purchases by product, imports, taxes on products and value added per unit of the "
        f"column's inputs. Products under {threshold:.0%} of domestic purchases dropped; the "
        f"kept products ({coverage:.1%} of domestic purchases) scaled up to the domestic total."
    )
    return SpendingProfile.from_dict({
        "name": name, "title": title, "kind": "illustrative", "description": description,
        "method": method, "sector_system": table.name,
        "phases": [{"name": phase, "first_year": first_year, "allocations": allocations}],
    })


def derive_final_demand_phase(
    table: object,
    category: str,
    *,
    sectors: list[str],
    imports: float,
    taxes: float,
    phase: str = "build",
    first_year: int = 0,
    last_year: int | None = None,
) -> dict[str, object]:
    r"""A phase (plain data) from the composition of a final-demand column of a table.

    Domestic purchases of ``sectors`` in proportion to their entries in final-demand
    ``category``; the column's ``imports`` and product ``taxes`` (totals of the whole column,
    e.g. from the published table) become leakages at their share of the column at
    purchasers' prices, $m/(F + m + t)$ and $t/(F + m + t)$.

    Raises
    ------
    UnknownSectorError
        A sector or the category is not in the table.
    """
    if category not in table.final_demand.columns:
        raise UnknownSectorError(category, table.final_demand.columns,
                                 where="the table's final-demand categories")
    col = table.final_demand[category]
    for s in sectors:
        if s not in table.sectors:
            raise UnknownSectorError(s, table.sectors, where="derive_final_demand_phase")
    F = float(col.sum())
    total = F + imports + taxes
    basket = col.loc[sectors].astype(float)
    domestic = F / total
    allocations: list[dict[str, object]] = [
        {"sector": str(s), "share": round(float(v / basket.sum() * domestic), 8),
         "label": str(table.labels[s]) if table.labels is not None else ""}
        for s, v in basket.sort_values(ascending=False).items()
    ]
    allocations.append({"leakage": "imports", "share": round(imports / total, 8)})
    allocations.append({"leakage": "taxes", "share": round(taxes / total, 8)})
    allocations[0]["share"] = round(1.0 - sum(a["share"] for a in allocations[1:]), 8)
    return {"name": phase, "first_year": first_year, "last_year": last_year,
            "allocations": allocations}
