"""Exceptions of the regional layer.

Both classes derive from :class:`creative_econ.errors.CreativeEconError` and from the
built-in exception a caller would catch anyway (``ValueError``). They belong in
:mod:`creative_econ.errors`; until they move there they are importable from
:mod:`creative_econ.regional`.
"""

from __future__ import annotations

from ..errors import CreativeEconError, InvalidTableError

__all__ = ["InvalidParameterError", "RegionalDataError"]


class InvalidParameterError(CreativeEconError, ValueError):
    """A numerical modelling parameter is outside its admissible range (e.g. δ ∉ [0, 1))."""


class RegionalDataError(InvalidTableError):
    """Regional data are inconsistent: negative, missing, or larger than the nation."""
