"""Scenarios over time: growth paths, and (later) specifications, the engine and results.

Growth that comes from evidence enters a scenario as plain data,
:class:`GrowthPathDistribution`; :mod:`creative_econ.econometrics` produces it from a
forecast, so imports still flow one way (econometrics imports scenarios, never the reverse).
"""

from __future__ import annotations

from .growth import GrowthPathDistribution

__all__ = ["GrowthPathDistribution"]
