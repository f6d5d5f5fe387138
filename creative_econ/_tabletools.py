"""Analysis tools of :class:`~creative_econ.IOTable`: thin delegations.

The work is done in :mod:`creative_econ.analysis`, :mod:`creative_econ.creative.split` and
:mod:`creative_econ.io.pymrio`, imported when a method runs (they import the table module).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Literal

import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from .analysis import Extraction, Linkages, MixedSolution, PriceEffects
    from .results import Impact
    from .table import IOTable

__all__ = ["TableTools"]


class TableTools:
    """Methods :class:`~creative_econ.IOTable` gets from the analysis layer."""

    def split(
        self,
        sector: object,
        into: Mapping[str, float],
        *,
        technology: Literal["same"] | pd.DataFrame = "same",
        sales: Literal["same"] | pd.DataFrame = "same",
        satellites: Mapping[str, Mapping[str, float]] | None = None,
        labels: Mapping[str, str] | None = None,
        name: str | None = None,
        note: str | None = None,
    ) -> IOTable:
        """Split a sector into sub-sectors (e.g. creative activities out of an aggregate) and
        rebalance; returns a new table. See :func:`creative_econ.creative.split_sector`."""
        from .creative.split import split_sector

        return split_sector(self, sector, into, technology=technology, sales=sales,
                            satellites=satellites, labels=labels, name=name, note=note)

    # ------------------------------------------------------------------ analysis tools
    # Thin delegations to creative_econ.analysis and creative_econ.io.pymrio (imported here,
    # since those modules import this one).
    def linkages(
        self, *, forward: Literal["ghosh", "leontief"] = "ghosh", variation: bool = True
    ) -> Linkages:
        """Backward and forward linkages and key sectors; see
        :func:`creative_econ.analysis.linkages`."""
        from .analysis import linkages

        return linkages(self, forward=forward, variation=variation)

    def extraction(
        self,
        sectors: Iterable[object] | object | None = None,
        *,
        kind: Literal["backward", "forward", "total", "all"] = "all",
        keep_diagonal: bool = False,
        jointly: bool = False,
    ) -> Extraction:
        """Hypothetical extraction of each sector (or a block); see
        :func:`creative_econ.analysis.extraction`."""
        from .analysis import extraction

        return extraction(self, sectors, kind=kind, keep_diagonal=keep_diagonal,
                          jointly=jointly)

    def ghosh_multipliers(self) -> pd.Series:
        r"""Output-side (Ghosh) multipliers $G\iota$; see
        :func:`creative_econ.analysis.ghosh_multipliers`."""
        from .analysis import ghosh_multipliers

        return ghosh_multipliers(self)

    def mixed(
        self,
        exogenous_output: Mapping[object, float] | pd.Series,
        final_demand: Mapping[object, float] | pd.Series | None = None,
    ) -> MixedSolution:
        """Mixed model: some sectors' outputs fixed, the others' final demand given; see
        :func:`creative_econ.analysis.mixed`."""
        from .analysis import mixed

        return mixed(self, exogenous_output, final_demand)

    def output_shock(self, delta_output: Mapping[object, float] | pd.Series) -> Impact:
        """Impact of a given change in some sectors' output (exogenised output); see
        :func:`creative_econ.analysis.output_shock`."""
        from .analysis import output_shock

        return output_shock(self, delta_output)

    def prices(
        self,
        cost_change: Mapping[object, float] | pd.Series,
        *,
        weights: str | pd.Series | None = "households",
    ) -> PriceEffects:
        """Leontief price model for a change in primary-input costs per unit of output; see
        :func:`creative_econ.analysis.prices`."""
        from .analysis import prices

        return prices(self, cost_change, weights=weights)

    def cost_push(
        self,
        component: str,
        rate: float,
        sectors: Iterable[object] | object | None = None,
        *,
        weights: str | pd.Series | None = "households",
    ) -> PriceEffects:
        """Price effects of a proportional rise in one primary-input component (e.g. a wage
        rise in creative sectors); see :func:`creative_econ.analysis.cost_push`."""
        from .analysis import cost_push

        return cost_push(self, component, rate, sectors, weights=weights)

    def to_pymrio(self, *, region: str | None = None) -> object:
        """This table as a single-region ``pymrio.IOSystem``; see
        :func:`creative_econ.io.pymrio.to_pymrio`."""
        from .io.pymrio import to_pymrio

        return to_pymrio(self, region=region)

    @classmethod
    def from_pymrio(cls, io: object, **kwargs: object) -> IOTable:
        """A table from a ``pymrio.IOSystem`` (one region, or all aggregated); keywords as in
        :func:`creative_econ.io.pymrio.from_pymrio`."""
        from .io.pymrio import from_pymrio

        return from_pymrio(io, **kwargs)

