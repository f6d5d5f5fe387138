"""Result objects: the assumptions card and the impact of a final-demand change."""

from __future__ import annotations

import html
from dataclasses import dataclass, field, fields, replace
from typing import Any

import pandas as pd

__all__ = ["COMPONENTS", "Assumptions", "Impact"]

COMPONENTS = ("direct", "indirect", "induced", "total")


@dataclass(frozen=True)
class Assumptions:
    """The assumptions card carried by every result.

    Later layers (regionalisation, creative definitions, Monte Carlo) add their entries to
    ``extra`` with :meth:`with_entries`, so a result always states what produced it.
    """

    dataset: str
    year: int | None = None
    unit: str = ""
    price_basis: str = "basic prices"
    model: str = "Type I"
    closure: str | None = None
    employment_unit: str | None = None
    notes: tuple[str, ...] = ()
    extra: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    def with_entries(self, **entries: Any) -> Assumptions:
        """Return a copy with additional named entries (later entries replace earlier ones)."""
        merged = dict(self.extra)
        merged.update({k: str(v) for k, v in entries.items()})
        return replace(self, extra=tuple(merged.items()))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            if f.name in ("extra", "notes"):
                continue
            value = getattr(self, f.name)
            if value not in (None, ""):
                out[f.name] = value
        out.update(dict(self.extra))
        if self.notes:
            out["notes"] = list(self.notes)
        return out

    def to_markdown(self) -> str:
        lines = ["| assumption | value |", "| --- | --- |"]
        for key, value in self.to_dict().items():
            if key == "notes":
                continue
            lines.append(f"| {key.replace('_', ' ')} | {value} |")
        text = "\n".join(lines)
        if self.notes:
            text += "\n\nNotes:\n\n" + "\n".join(f"- {n}" for n in self.notes)
        return text

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><th style='text-align:left'>{html.escape(str(k))}</th>"
            f"<td style='text-align:left'>{html.escape(str(v))}</td></tr>"
            for k, v in self.to_dict().items()
        )
        return f"<table><caption>Assumptions</caption>{rows}</table>"


@dataclass(frozen=True, eq=False)
class Impact:
    """Impact of a final-demand change: direct, indirect and induced effects by sector.

    Attributes
    ----------
    by_sector : pandas.DataFrame
        Index: sector (Type II adds the household account, ``"(households)"``); columns: a
        MultiIndex (indicator, component) with components direct, indirect, (induced for
        Type II) and total.
    shock : pandas.Series
        The final-demand change by sector (zeros where not shocked).
    assumptions : Assumptions
    household_income : float, optional
        Type II only: the change in total household income, the household row of the
        closed model (equal to the sum of income by sector unless households buy from
        households).
    """

    by_sector: pd.DataFrame
    shock: pd.Series
    assumptions: Assumptions
    household_income: float | None = None

    @property
    def indicators(self) -> list[str]:
        return list(dict.fromkeys(self.by_sector.columns.get_level_values(0)))

    @property
    def components(self) -> list[str]:
        return list(dict.fromkeys(self.by_sector.columns.get_level_values(1)))

    def __getitem__(self, indicator: str) -> pd.DataFrame:
        """Sector x component frame for one indicator."""
        return self.by_sector[indicator]

    def summary(self) -> pd.DataFrame:
        """Totals over sectors: indicators x components."""
        totals = self.by_sector.sum(axis=0)
        return totals.unstack(level=1).reindex(index=self.indicators, columns=self.components)

    def to_frame(self) -> pd.DataFrame:
        """Tidy long table with columns sector, indicator, component, value."""
        long = self.by_sector.stack(level=[0, 1], future_stack=True)
        long.index = long.index.set_names(["sector", "indicator", "component"])
        return long.rename("value").reset_index()

    def _repr_html_(self) -> str:
        title = html.escape(f"Impact ({self.assumptions.model}) on {self.assumptions.dataset}")
        return (
            f"<h4>{title}</h4>{self.summary().to_html(float_format=lambda v: f'{v:,.4g}')}"
            + self.assumptions._repr_html_()
        )

    def to_markdown_summary(self, floatfmt: str = ",.1f") -> str:
        """The summary as a Markdown table."""
        summ = self.summary()
        head = "| indicator | " + " | ".join(summ.columns) + " |"
        sep = "| --- |" + " ---: |" * len(summ.columns)
        body = [
            f"| {ind} | " + " | ".join(format(v, floatfmt) for v in row) + " |"
            for ind, row in zip(summ.index, summ.to_numpy(), strict=True)
        ]
        return "\n".join([head, sep, *body])

