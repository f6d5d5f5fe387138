"""Scenarios over time: specifications, the engine, results, uncertainty and reports.

Growth that comes from evidence enters a scenario as plain data,
:class:`GrowthPathDistribution`; :mod:`creative_econ.econometrics` produces it from a
forecast, so imports still flow one way (econometrics imports scenarios, never the reverse).
"""

from __future__ import annotations

from .growth import GrowthPathDistribution
from .result import ScenarioResult, UncertaintySummary, compare
from .sensitivity import tornado
from .spec import GrowthPathSpec, Scenario, UncertaintySpec

__all__ = [
    "GrowthPathDistribution",
    "GrowthPathSpec",
    "Scenario",
    "ScenarioResult",
    "UncertaintySpec",
    "UncertaintySummary",
    "compare",
    "tornado",
]
