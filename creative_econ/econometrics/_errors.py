"""Exceptions of the econometrics layer.

Both derive from :class:`creative_econ.errors.InvalidTableError` (and so from ``ValueError``).
They belong in :mod:`creative_econ.errors`; until they move there they are importable from
:mod:`creative_econ.econometrics`.
"""

from __future__ import annotations

from ..errors import InvalidTableError

__all__ = ["InvalidSeriesError", "SeriesTooShortError"]


class InvalidSeriesError(InvalidTableError):
    """A time series is malformed: not annual, gaps in years, missing or non-positive values."""


class SeriesTooShortError(InvalidSeriesError):
    """A series has fewer points than a model needs.

    Attributes
    ----------
    needed : int
        The number of points the model needs.
    got : int
        The number of points given.
    """

    def __init__(self, message: str, *, needed: int, got: int) -> None:
        super().__init__(message)
        self.needed = needed
        self.got = got
