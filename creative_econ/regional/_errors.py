"""Exceptions of the regional layer (defined in :mod:`creative_econ.errors`)."""

from __future__ import annotations

from ..errors import InvalidParameterError, RegionalDataError

__all__ = ["InvalidParameterError", "RegionalDataError"]
