"""Exceptions of the regional layer.

:class:`RegionalDataError` derives from :class:`creative_econ.errors.InvalidTableError` (so
also from ``ValueError``). It belongs in :mod:`creative_econ.errors`; until it moves there it
is importable from :mod:`creative_econ.regional`, which also re-exports
:class:`~creative_econ.errors.InvalidParameterError` for numbers out of range (such as δ).
"""

from __future__ import annotations

from ..errors import InvalidParameterError, InvalidTableError

__all__ = ["InvalidParameterError", "RegionalDataError"]


class RegionalDataError(InvalidTableError):
    """Regional data are inconsistent: negative, missing, or larger than the nation."""
