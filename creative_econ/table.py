r"""IOTable: a labelled, validated, immutable input-output table.

The table checks its inputs once, at construction, and caches one factorisation of $(I - A)$.
Every result (outputs, effects, multipliers, impacts) is computed by solves on that
factorisation in :mod:`creative_econ.leontief`; this module only handles labels.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from typing import Literal

import numpy as np
import pandas as pd

from . import leontief as le
from ._labels import check_option, check_unique
from ._tablebuild import align_blocks
from ._tablecheck import (
    check_finite,
    check_non_negative,
    check_row_identity,
    check_zero_output,
    column_identity_note,
)
from ._tabletools import TableTools
from .errors import (
    InvalidShockError,
    InvalidTableError,
    LabelMismatchError,
    NotProductiveError,
    UnknownSectorError,
)
from .households import HouseholdClosure, Households, resolve_closure
from .results import Assumptions, Impact

__all__ = ["HOUSEHOLDS", "INDICATORS", "IOTable", "ModelType"]

ModelType = Literal["I", "II"]
MODEL_TYPES: tuple[str, ...] = ("I", "II")
#: Indicators in the order results report them (those the table has data for).
INDICATORS: tuple[str, ...] = ("output", "gva", "income", "employment", "imports", "taxes")
_DEFAULT_INCOME = "compensation"
#: Row label of the household account in Type II impacts.
HOUSEHOLDS = "(households)"


@lru_cache(maxsize=64)
def _indicator_index(names: tuple[str, ...]) -> pd.Index:
    """Shared, immutable column index of indicator frames (building one is not free)."""
    return pd.Index(names, name="indicator")


def _read_only(arr: np.ndarray) -> np.ndarray:
    view = arr.view()
    view.flags.writeable = False
    return view


def _frame(values: np.ndarray, index: pd.Index, columns: pd.Index) -> pd.DataFrame:
    values.flags.writeable = False  # results and stored blocks cannot be edited in place
    return pd.DataFrame(values, index=index, columns=columns, copy=False)


def _series(values: np.ndarray, index: pd.Index, name: str) -> pd.Series:
    values.flags.writeable = False
    return pd.Series(values, index=index, name=name, copy=False)


@dataclass(frozen=True, eq=False, repr=False)
class IOTable(TableTools):
    r"""A symmetric input-output table with satellites, validated once and immutable.

    Build one with :meth:`from_frames` (or :func:`creative_econ.load_dataset`); the
    constructor validates the same way but expects already-aligned blocks.

    Attributes
    ----------
    Z : DataFrame (sector x sector)
        Domestic intermediate flows at basic prices, sellers in rows.
    final_demand : DataFrame (sector x category)
        Final demand for domestic output.
    x : Series
        Gross output.
    value_added : DataFrame (component x sector)
        Components of gross value added (e.g. compensation, gross operating surplus, other
        taxes on production); their sum is GVA.
    imports, taxes : Series, optional
        Imported intermediate inputs and taxes less subsidies on products, by using sector.
    employment : Series, optional
        Jobs (or FTE, see ``employment_unit``) by sector.
    households : Households, optional
        The Type II closure specification.
    labels : Series, optional
        Descriptive names of the sectors (e.g. product titles), indexed by sector.
    other_inputs : DataFrame (input x sector), optional
        Primary inputs that are neither GVA, imports from abroad nor product taxes, e.g.
        ``interregional_imports`` of a regional table. Each row is also an indicator.
    notes : tuple of str
        What validation found and how it was handled (zero-output sectors, undefined
        multipliers, column identities that do not close).
    """

    Z: pd.DataFrame
    final_demand: pd.DataFrame
    x: pd.Series = None  # type: ignore[assignment]  # computed as Z·1 + f when not given
    value_added: pd.DataFrame = None  # type: ignore[assignment]  # empty when not given
    imports: pd.Series | None = None
    taxes: pd.Series | None = None
    employment: pd.Series | None = None
    households: Households | None = None
    labels: pd.Series | None = None
    other_inputs: pd.DataFrame | None = None
    name: str = "table"
    unit: str = ""
    year: int | None = None
    employment_unit: str = "jobs"
    income_component: str | None = _DEFAULT_INCOME
    price_basis: str = "basic prices"
    source: str = ""
    allow_negative: bool = False
    rtol: float = 1e-5
    notes: tuple[str, ...] = ()

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_frames(
        cls,
        Z: pd.DataFrame,
        final_demand: pd.DataFrame | pd.Series,
        value_added: pd.DataFrame | None = None,
        imports: pd.Series | None = None,
        output: pd.Series | None = None,
        employment: pd.Series | None = None,
        households: Households | None = None,
        *,
        taxes: pd.Series | None = None,
        labels: pd.Series | None = None,
        other_inputs: pd.DataFrame | None = None,
        name: str = "table",
        unit: str = "",
        year: int | None = None,
        employment_unit: str = "jobs",
        income_component: str | None = _DEFAULT_INCOME,
        price_basis: str = "basic prices",
        source: str = "",
        allow_negative: bool = False,
        rtol: float = 1e-5,
        notes: Sequence[str] = (),
    ) -> IOTable:
        r"""Build a validated table from labelled frames.

        Blocks are aligned by label (not by position) and copied; the caller's objects are
        never modified.

        Parameters
        ----------
        Z : DataFrame
            Square sector x sector domestic intermediate flows (rows sell to columns).
        final_demand : DataFrame or Series
            Final demand for domestic output by sector (one column per category).
        value_added : DataFrame, optional
            Components of GVA, one row per component, one column per sector.
        imports, taxes : Series, optional
            Imported intermediate inputs and taxes less subsidies on products by sector.
        output : Series, optional
            Gross output. Checked against the row identity $x = Z\iota + f$ within ``rtol``;
            computed from it when omitted.
        employment : Series, optional
            Employment by sector (unit in ``employment_unit``).
        households : Households, optional
            Household closure for Type II results.
        labels : Series, optional
            Descriptive sector names, indexed by sector (a subset is fine).
        other_inputs : DataFrame, optional
            Other primary inputs (input x sector), e.g. interregional imports.
        income_component : str or None, default "compensation"
            The value-added row that is household (labour) income.
        allow_negative : bool, default False
            Accept negative intermediate flows (e.g. a table after GRAS with subsidies).
        rtol : float, default 1e-5
            Relative tolerance of the row identity.
        notes : sequence of str
            Provenance notes to keep with the table (validation adds its own).

        Raises
        ------
        LabelMismatchError
            Labels differ between blocks, or are duplicated.
        InvalidTableError
            Non-square Z, non-numeric, missing or infinite values, negative flows, zero
            output with non-zero inputs.
        BalanceError
            ``output`` disagrees with $Z\iota + f$.
        NotProductiveError
            The spectral radius of $A$ is not below one.
        """
        blocks = align_blocks(
            Z=Z, final_demand=final_demand, value_added=value_added, imports=imports,
            output=output, employment=employment, taxes=taxes, labels=labels,
            other_inputs=other_inputs, income_component=income_component,
            reserved=INDICATORS, default_income=_DEFAULT_INCOME,
        )
        return cls(
            **blocks,
            households=households,
            name=name,
            unit=unit,
            year=year,
            employment_unit=employment_unit,
            price_basis=price_basis,
            source=source,
            allow_negative=allow_negative,
            rtol=rtol,
            notes=tuple(notes),
        )

    def __post_init__(self) -> None:
        notes = list(self.notes)
        sectors = self.sectors
        if self.value_added is None:
            empty = pd.DataFrame(np.zeros((0, len(sectors))), columns=sectors)
            object.__setattr__(self, "value_added", empty.rename_axis(index="component"))
        given_x = self.x is not None
        z_rows, z_cols = self._Z.sum(axis=1), self._Z.sum(axis=0)  # the only passes over Z
        if not given_x:  # but for the negativity check
            x = z_rows + self._f.sum(axis=1)
            object.__setattr__(self, "x", pd.Series(x, index=sectors, name="output", copy=False))
        if not self.Z.columns.equals(sectors):
            raise LabelMismatchError("Z's columns must equal its rows, in the same order.")
        for what, idx in (("final_demand", self.final_demand.index), ("x", self.x.index)):
            if not idx.equals(sectors):
                raise LabelMismatchError(f"{what} must be indexed by Z's sectors, in order.")
        if not self.value_added.columns.equals(sectors):
            raise LabelMismatchError("value_added's columns must be Z's sectors, in order.")
        if self.other_inputs is not None and not self.other_inputs.columns.equals(sectors):
            raise LabelMismatchError("other_inputs' columns must be Z's sectors, in order.")
        extra = {"labels": self.labels} if self.labels is not None else {}
        for what, s in {**self._optional_vectors(), **extra}.items():
            if not s.index.equals(sectors):
                raise LabelMismatchError(f"{what} must be indexed by Z's sectors, in order.")

        z, f, x, va, other = self._Z, self._f, self._x, self._va, self._other
        check_finite(z, "Z", sectors, sectors, total=float(z_cols.sum()))
        check_finite(f, "final_demand", sectors, self.final_demand.columns)
        check_finite(va, "value_added", self.value_added.index, sectors)
        if self.other_inputs is not None:
            check_finite(other, "other_inputs", self.other_inputs.index, sectors)
        for what, s in {"output": self.x, **self._optional_vectors()}.items():
            check_finite(s.to_numpy(), what, sectors)
        if not self.allow_negative:
            check_non_negative(z, "Z (intermediate flows)", sectors, sectors,
                               " Pass allow_negative=True if they are genuine (e.g. after GRAS).")
        for what in ("imports", "employment"):
            if getattr(self, what) is not None:
                check_non_negative(getattr(self, what).to_numpy(), what, sectors)
        check_non_negative(x, "Output", sectors)

        if given_x:
            check_row_identity(z_rows + f.sum(axis=1), x, self.rtol, sectors)
        inputs = np.abs(z).sum(axis=0) if self.allow_negative else z_cols.copy()
        inputs += np.abs(va).sum(axis=0) + np.abs(other).sum(axis=0)
        for s in (self.imports, self.taxes, self.employment):
            if s is not None:
                inputs += np.abs(s.to_numpy())
        notes.append(check_zero_output(x, inputs, sectors))

        self._check_productive(le.per_unit_output(z_cols, x))
        if self.households is not None:
            _ = self.closure  # resolve and validate now, not at first Type II call
            if self._closed.schur <= 0:
                raise NotProductiveError(
                    "The household-closed model is not productive: 1 - h_hh - h_r' L h_c = "
                    f"{self._closed.schur:.4g} <= 0 (households re-spend more than their "
                    "income). Check the consumption column and total_income.",
                )
            notes.append(self.closure.description)

        for name, k in self._direct_coefficients().items():
            undefined = (k == 0) & (x != 0)
            if name != "output" and undefined.any():
                notes.append(
                    f"{name} multiplier undefined (zero direct coefficient; reported as NaN) "
                    f"for: {', '.join(map(repr, sectors[undefined]))}."
                )
        if self.imports is not None and self.taxes is not None and len(self.value_added):
            col = z_cols + self.imports.to_numpy() + self.taxes.to_numpy() + va.sum(axis=0)
            notes.append(column_identity_note(col + other.sum(axis=0), x, self.rtol, sectors))
        object.__setattr__(self, "notes", tuple(n for n in dict.fromkeys(notes) if n))

    def _optional_vectors(self) -> dict[str, pd.Series]:
        return {
            k: v
            for k, v in (("imports", self.imports), ("taxes", self.taxes),
                         ("employment", self.employment))
            if v is not None
        }

    def _check_productive(self, column_sums: np.ndarray) -> None:
        """Hawkins–Simon: column sums of A below one suffice; otherwise the M-matrix test."""
        if not self.allow_negative and column_sums.max(initial=0.0) < 1.0:
            return
        if self.allow_negative and (self._Z < 0).any():
            rho = le.spectral_radius(self._A)
            if rho >= 1.0:
                raise NotProductiveError(
                    f"A is not productive: spectral radius {rho:.6g} >= 1.", spectral_radius=rho
                )
            return
        if not le.is_productive(self._lu, column_sums):
            rho = le.spectral_radius(self._A)
            worst = int(np.argmax(column_sums))
            raise NotProductiveError(
                f"A is not productive: spectral radius {rho:.6g} >= 1 (Hawkins–Simon fails). "
                f"Largest column sum is {column_sums[worst]:.4g} in sector "
                f"{self.sectors[worst]!r}; check units, mixed totals and negative value added.",
                spectral_radius=rho,
            )

    # ------------------------------------------------------------------ arrays (cached)
    @cached_property
    def _Z(self) -> np.ndarray:
        return _read_only(self.Z.to_numpy(dtype=float))

    @cached_property
    def _f(self) -> np.ndarray:
        return _read_only(self.final_demand.to_numpy(dtype=float))

    @cached_property
    def _x(self) -> np.ndarray:
        return _read_only(self.x.to_numpy(dtype=float))

    @cached_property
    def _va(self) -> np.ndarray:
        return _read_only(self.value_added.to_numpy(dtype=float))

    @cached_property
    def _other(self) -> np.ndarray:
        if self.other_inputs is None:
            return np.zeros((0, self.n))
        return _read_only(self.other_inputs.to_numpy(dtype=float))

    @cached_property
    def _A(self) -> np.ndarray:
        A = le.technical_coefficients(self._Z, self._x)
        A.flags.writeable = False
        return A

    @cached_property
    def _lu(self) -> le.LUFactor:
        return le.factorise_flows(self._Z, self._x)

    @cached_property
    def closure(self) -> HouseholdClosure | None:
        """The resolved household closure (coefficients), or None without households."""
        if self.households is None:
            return None
        return resolve_closure(
            self.households,
            sectors=self.sectors,
            x=self._x,
            final_demand=self.final_demand,
            value_added=self.value_added,
        )

    @cached_property
    def _closed(self) -> le.ClosedFactor:
        c = self.closure
        if c is None:
            raise InvalidTableError(
                f"Type II needs a household closure, and table {self.name!r} has none: build it "
                "with households=ce.Households(consumption=<household final-demand column>)."
            )
        return le.close_households(
            self._lu, c.income.to_numpy(), c.consumption.to_numpy(), c.own_use
        )

    # ------------------------------------------------------------------ labelled views
    @property
    def sectors(self) -> pd.Index:
        return self.Z.index

    @property
    def n(self) -> int:
        return len(self.sectors)

    @cached_property
    def A(self) -> pd.DataFrame:
        r"""Technical coefficients $A = Z\hat x^{-1}$ (zero columns for zero-output sectors)."""
        return pd.DataFrame(self._A, index=self.sectors, columns=self.sectors, copy=False)

    @cached_property
    def B(self) -> pd.DataFrame:
        r"""Allocation (Ghosh) coefficients $B = \hat x^{-1} Z$."""
        B = le.allocation_coefficients(self._Z, self._x)
        return _frame(B, self.sectors, self.sectors)

    @cached_property
    def L(self) -> pd.DataFrame:
        r"""The Leontief inverse $L = (I - A)^{-1}$, formed from the cached factorisation.

        Only computed on request; no result of the library needs it.
        """
        return _frame(le.leontief_inverse(self._lu), self.sectors, self.sectors)

    @cached_property
    def G(self) -> pd.DataFrame:
        r"""The Ghosh inverse $G = (I - B)^{-1} = \hat x^{-1} L \hat x$ (on request)."""
        x = self._x
        inv = np.zeros_like(x)
        np.divide(1.0, x, out=inv, where=x != 0)
        G = inv[:, None] * le.leontief_inverse(self._lu) * x[None, :]
        G[np.diag_indices_from(G)] = np.where(x == 0, 1.0, np.diag(G))
        return _frame(G, self.sectors, self.sectors)

    @cached_property
    def spectral_radius(self) -> float:
        r"""$\rho(A)$, the spectral radius of the technical coefficients (below one)."""
        return le.spectral_radius(self._A)

    @property
    def final_demand_total(self) -> pd.Series:
        """Total final demand by sector."""
        return pd.Series(self._f.sum(axis=1), index=self.sectors, name="final_demand")

    @property
    def gva(self) -> pd.Series | None:
        """Gross value added by sector (sum of the value-added components)."""
        if not len(self.value_added):
            return None
        return pd.Series(self._va.sum(axis=0), index=self.sectors, name="gva")

    @property
    def indicators(self) -> list[str]:
        """Indicators this table can report (depends on the satellites given)."""
        return list(self._direct_coefficients())

    # ------------------------------------------------------------------ satellites
    def _direct_coefficients(self) -> dict[str, np.ndarray]:
        """Direct coefficients per unit of output for each available indicator."""
        cached = self.__dict__.get("_direct_cache")
        if cached is not None:
            return cached
        x = self._x
        out: dict[str, np.ndarray] = {"output": np.ones_like(x)}
        if len(self.value_added):
            out["gva"] = le.per_unit_output(self._va.sum(axis=0), x)
        if self.households is not None:
            out["income"] = self.closure.income.to_numpy()
        elif self.income_component is not None:
            row = self.value_added.index.get_loc(self.income_component)
            out["income"] = le.per_unit_output(self._va[row], x)
        for name in ("employment", "imports", "taxes"):
            s = getattr(self, name)
            if s is not None:
                out[name] = le.per_unit_output(s.to_numpy(), x)
        for name, row in zip(self._other_names, self._other, strict=True):
            out[name] = le.per_unit_output(row, x)
        for arr in out.values():
            arr.flags.writeable = False
        object.__setattr__(self, "_direct_cache", out)
        return out

    @property
    def _other_names(self) -> list[str]:
        return [] if self.other_inputs is None else [str(i) for i in self.other_inputs.index]

    @cached_property
    def coefficients(self) -> pd.DataFrame:
        """Direct coefficients (per unit of output), sectors x indicators."""
        return pd.DataFrame(self._direct_coefficients(), index=self.sectors)

    def _household_terms(self) -> dict[str, float]:
        """Each indicator's coefficient on the household column of the closed model."""
        c = self.closure
        assert c is not None
        terms = {"output": 0.0, "output_total": 1.0, "gva": 0.0, "income": 1.0,
                 "employment": 0.0, "imports": c.import_share, "taxes": c.tax_share}
        return terms | {name: 0.0 for name in self._other_names}

    # ------------------------------------------------------------------ effects & multipliers
    @staticmethod
    def _check_type(type: str) -> str:
        if type in (1, 2):  # accept the obvious integers
            type = "I" if type == 1 else "II"
        if type == "SAM":
            raise InvalidTableError("SAM multipliers are out of scope; use type='I' or 'II'.")
        check_option("type", type, MODEL_TYPES)
        return type

    def _effects_arrays(self, type: str) -> tuple[pd.Index, np.ndarray, np.ndarray]:
        """(indicator names, effects, direct coefficients); arrays of shape (indicators, n)."""
        type = self._check_type(type)
        key = f"_effects_{type}"
        cached = self.__dict__.get(key)
        if cached is not None:
            return cached
        direct = self._direct_coefficients()
        if type == "I":
            names = list(direct)
            D = np.vstack(list(direct.values()))
            E = le.effects(self._lu, D)
        else:
            # Bordered satellite rows (k', k_h): income is the household row itself (k = 0,
            # k_h = 1); output_total counts the household "output" row (k_h = 1).
            names = ["output", "output_total", *(k for k in direct if k != "output")]
            closed = self._closed  # raises a clear error if the table has no closure
            h = self._household_terms()
            D = np.vstack([direct["output" if k == "output_total" else k] for k in names])
            K = D.copy()
            if "income" in names:
                K[names.index("income")] = 0.0
            E, _ = le.closed_effects(closed, K, np.array([h[k] for k in names]))
        D.flags.writeable = False
        E.flags.writeable = False
        result = (_indicator_index(tuple(names)), E, D)
        object.__setattr__(self, key, result)
        return result

    def effects(self, type: ModelType = "I") -> pd.DataFrame:
        r"""Effects per unit of final demand, sectors x indicators.

        $$ \text{Type I: } k'L, \qquad \text{Type II: } (k', k_h)\,\bar L $$

        Column ``output`` is the simple output multiplier $\iota'L$ (Type II: truncated,
        industries only); Type II adds ``output_total``, which includes the household row.
        Type II ``income`` is the household row of $\bar L$. Other columns are GVA, income,
        employment (in ``employment_unit`` per unit of final demand), imports and taxes, where
        the table has them.
        """
        names, E, _ = self._effects_arrays(type)
        return pd.DataFrame(E.T, index=self.sectors, columns=names, copy=False)

    def multipliers(self, type: ModelType = "I") -> pd.DataFrame:
        r"""Multipliers, sectors x indicators: effect over direct coefficient.

        $$ \mu_j = \frac{(k'L)_j}{k_j} $$

        The output multiplier is the column sum of $L$ (Type I) or of $\bar L_{11}$ (Type II,
        truncated; ``output_total`` includes the household row). The Type II income multiplier
        is $\bar L_{n+1,j} / h_{r,j}$. Where a sector's direct coefficient is zero the
        multiplier is undefined and reported as NaN (listed in :attr:`notes`).
        """
        names, E, D = self._effects_arrays(type)
        return pd.DataFrame(le.ratio_multipliers(E, D).T, index=self.sectors, columns=names,
                            copy=False)

    # ------------------------------------------------------------------ impacts
    def _shock_vector(self, delta: Mapping[object, float] | pd.Series) -> np.ndarray:
        if isinstance(delta, pd.DataFrame):
            raise InvalidShockError("A final-demand change must be a Series or a mapping.")
        if not isinstance(delta, pd.Series):
            try:
                delta = pd.Series(dict(delta), dtype=float)
            except (TypeError, ValueError) as exc:
                raise InvalidShockError(
                    f"A final-demand change must map sectors to numbers ({exc})."
                ) from None
        check_unique(delta.index, "the final-demand change")
        for label in delta.index:
            if label not in self.sectors:
                raise UnknownSectorError(label, self.sectors, where="the final-demand change")
        try:
            values = delta.to_numpy(dtype=float)
        except (TypeError, ValueError):
            raise InvalidShockError("The final-demand change has non-numeric values.") from None
        if not np.all(np.isfinite(values)):
            bad = delta.index[~np.isfinite(values)][0]
            raise InvalidShockError(f"The final-demand change for {bad!r} is not finite.")
        vec = np.zeros(self.n)
        pos = self.sectors.get_indexer(delta.index)
        vec[pos] = values
        dead = (self._x == 0) & (vec != 0)
        if dead.any():
            s = self.sectors[np.flatnonzero(dead)[0]]
            raise InvalidShockError(
                f"Sector {s!r} has zero output in table {self.name!r}: there is no producer to "
                "meet the demand (it would all leak to imports). Shock another sector."
            )
        return vec

    def impact(
        self, delta_final_demand: Mapping[object, float] | pd.Series, *, type: ModelType = "I"
    ) -> Impact:
        r"""Impact of a change in final demand, by sector, indicator and component.

        $$ \Delta x = L\,\Delta f \;\text{(Type I)},\qquad
           \Delta x = \bar L_{11}\,\Delta f \;\text{(Type II)} $$

        Components: direct $\hat k\Delta f$, indirect $\hat k(L - I)\Delta f$, induced
        $\hat k(\bar L_{11} - L)\Delta f$ (Type II) and total.

        Type II results carry one more row, ``"(households)"``: the household account of the
        closed model, holding the induced income households pay households ($h_{hh} x_h$) and
        the import and product-tax leakage of household spending. With it, column totals equal
        effects times the shock for every indicator.

        Parameters
        ----------
        delta_final_demand : Series or mapping
            Change in final demand for domestic output at basic prices, by sector (in the
            table's unit). Sectors not named are unchanged.
        type : {"I", "II"}
            Type II needs a household closure.

        Raises
        ------
        UnknownSectorError
            A sector is not in the table.
        InvalidShockError
            A value is not finite, or a shocked sector has zero output.
        """
        type = self._check_type(type)
        df = self._shock_vector(delta_final_demand)
        comps = le.output_components(self._lu, df, self._closed if type == "II" else None)
        parts = {"direct": comps.direct, "indirect": comps.indirect}
        if type == "II":
            parts["induced"] = comps.induced
        parts["total"] = comps.total
        cols, data = [], []
        for name, k in self._direct_coefficients().items():
            for comp, arr in parts.items():
                cols.append((name, comp))
                data.append(k * arr)
        index = self.sectors
        values = np.column_stack(data)
        hh = None
        if type == "II":
            # The household account of the closed model: income households pay households,
            # and the import and tax leakage of household spending (all induced).
            hh = float(comps.household_income)
            terms = self._household_terms() | {"income": self.closure.own_use}
            row = np.array([terms[name] * hh if comp in ("induced", "total") else 0.0
                            for name, comp in cols])
            values = np.vstack([values, row])
            index = index.append(pd.Index([HOUSEHOLDS], name=index.name))
        by_sector = pd.DataFrame(
            values,
            index=index,
            columns=pd.MultiIndex.from_tuples(cols, names=["indicator", "component"]),
        )
        return Impact(
            by_sector=by_sector,
            shock=pd.Series(df, index=self.sectors, name="delta_final_demand"),
            assumptions=self.assumptions(type),
            household_income=hh,
        )

    def assumptions(self, type: ModelType = "I") -> Assumptions:
        """The assumptions card for results of this table."""
        type = self._check_type(type)
        closure = self.closure.description if (type == "II" and self.closure) else None
        return Assumptions(
            dataset=self.name,
            year=self.year,
            unit=self.unit,
            price_basis=self.price_basis,
            model=f"Type {type}",
            closure=closure,
            employment_unit=self.employment_unit if self.employment is not None else None,
            notes=tuple(n for n in self.notes if not n.startswith("Type II household closure")),
        )

    # ------------------------------------------------------------------ transformations
    def aggregate(self, mapping: Mapping[object, object] | pd.Series, *, name: str | None = None
                  ) -> IOTable:
        """Aggregate sectors into groups; returns a new table.

        Parameters
        ----------
        mapping : mapping or Series
            Sector -> group for every sector. Groups keep the order of first appearance.
        name : str, optional
            Name of the new table.

        Raises
        ------
        UnknownSectorError
            The mapping names a sector that is not in the table.
        LabelMismatchError
            Some sectors are not mapped.
        """
        m = pd.Series(mapping) if not isinstance(mapping, pd.Series) else mapping
        for label in m.index:
            if label not in self.sectors:
                raise UnknownSectorError(label, self.sectors, where="the aggregation mapping")
        check_unique(m.index, "the aggregation mapping")
        missing = self.sectors.difference(m.index, sort=False)
        if len(missing):
            raise LabelMismatchError(
                f"The aggregation mapping leaves {len(missing)} sector(s) unmapped: "
                f"{list(missing[:10])}."
            )
        if m.isna().any():
            raise LabelMismatchError(
                f"The aggregation mapping has no group for {list(m.index[m.isna()][:10])}."
            )
        groups = m.reindex(self.sectors)
        order = pd.Index(pd.unique(groups.to_numpy()))
        codes = order.get_indexer(groups.to_numpy())
        S = np.zeros((len(order), self.n))
        S[codes, np.arange(self.n)] = 1.0

        def rows(arr: np.ndarray) -> np.ndarray:
            return S @ arr

        hh = self.households
        if hh is not None:
            hh = replace(
                hh,
                consumption=hh.consumption if isinstance(hh.consumption, str)
                else hh.consumption.reindex(self.sectors, fill_value=0.0).groupby(
                    groups.to_numpy(), sort=False).sum(),
                income=hh.income if isinstance(hh.income, str)
                else hh.income.reindex(self.sectors, fill_value=0.0).groupby(
                    groups.to_numpy(), sort=False).sum(),
            )
        vec = {
            k: None if getattr(self, k) is None
            else pd.Series(rows(getattr(self, k).to_numpy()), index=order)
            for k in ("imports", "taxes", "employment")
        }
        other = None if self.other_inputs is None else pd.DataFrame(
            self._other @ S.T, index=self.other_inputs.index, columns=order)
        return IOTable.from_frames(
            Z=pd.DataFrame(S @ self._Z @ S.T, index=order, columns=order),
            other_inputs=other,
            final_demand=pd.DataFrame(
                rows(self._f), index=order, columns=self.final_demand.columns
            ),
            value_added=pd.DataFrame(self._va @ S.T, index=self.value_added.index, columns=order),
            output=pd.Series(rows(self._x), index=order),
            households=hh,
            name=name or f"{self.name} (aggregated to {len(order)} sectors)",
            unit=self.unit,
            year=self.year,
            employment_unit=self.employment_unit,
            income_component=self.income_component or _DEFAULT_INCOME,
            price_basis=self.price_basis,
            source=self.source,
            allow_negative=self.allow_negative,
            rtol=self.rtol,
            **vec,
        )

    # ------------------------------------------------------------------ display
    def summary(self) -> pd.Series:
        """Headline facts about the table."""
        facts: dict[str, object] = {
            "name": self.name,
            "year": self.year,
            "unit": self.unit,
            "price basis": self.price_basis,
            "sectors": self.n,
            "final-demand categories": len(self.final_demand.columns),
            "total output": float(self._x.sum()),
            "total final demand": float(self._f.sum()),
        }
        if len(self.value_added):
            facts["total GVA"] = float(self._va.sum())
        if self.employment is not None:
            facts[f"employment ({self.employment_unit})"] = float(self.employment.sum())
        facts["indicators"] = ", ".join(self.indicators)
        facts["Type II closure"] = "yes" if self.households is not None else "no"
        return pd.Series(facts, name=self.name, dtype=object)

    def __repr__(self) -> str:
        year = f", year={self.year}" if self.year is not None else ""
        unit = f", unit={self.unit!r}" if self.unit else ""
        return f"IOTable({self.name!r}, {self.n} sectors{year}{unit})"

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><th style='text-align:left'>{html.escape(str(k))}</th>"
            f"<td style='text-align:left'>"
            f"{html.escape(f'{v:,.6g}' if isinstance(v, float) else str(v))}</td></tr>"
            for k, v in self.summary().items()
        )
        notes = "".join(f"<li>{html.escape(n)}</li>" for n in self.notes)
        notes_html = f"<p>Notes:</p><ul>{notes}</ul>" if notes else ""
        return f"<table><caption>IOTable</caption>{rows}</table>{notes_html}"
