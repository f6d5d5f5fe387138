"""Exceptions of the econometrics layer (defined in :mod:`creative_econ.errors`)."""

from __future__ import annotations

from ..errors import InvalidSeriesError, SeriesTooShortError

__all__ = ["InvalidSeriesError", "SeriesTooShortError"]
