"""Exceptions and warnings raised by creative_econ.

Every exception derives from :class:`CreativeEconError` and, where it makes sense, from the
built-in exception a caller would catch anyway (``ValueError``, ``LookupError``), so
``except ValueError`` keeps working. Messages say *what* is wrong, *where* (sector, region,
row or column), the offending value, and how to fix it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = [
    "BalanceError",
    "ConvergenceError",
    "CreativeEconError",
    "CreativeEconWarning",
    "DatasetNotFoundError",
    "InvalidOptionError",
    "InvalidParameterError",
    "InvalidSeriesError",
    "InvalidShockError",
    "InvalidTableError",
    "LabelMismatchError",
    "NotProductiveError",
    "RegionalDataError",
    "ScenarioError",
    "SeriesTooShortError",
    "UnknownRegionError",
    "UnknownSectorError",
    "did_you_mean",
]


def did_you_mean(name: object, valid: Iterable[object], n: int = 3) -> str:
    """Return a " Did you mean ...?" suffix listing the closest valid names, or ``""``."""
    choices = [str(v) for v in valid]
    # the letter O for the digit 0 (and l, I for 1) is a common slip in codes
    probe = str(name).translate(str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1"}))
    exact = [c for c in choices if c == probe and c != str(name)]
    close = exact + [c for c in difflib.get_close_matches(str(name), choices, n=n, cutoff=0.5)
                     if c not in exact]
    close = close[:n]
    if not close:
        lowered = {c.lower(): c for c in choices}
        close = [lowered[c] for c in difflib.get_close_matches(str(name).lower(), lowered, n=n)]
    if not close:
        return ""
    return " Did you mean " + " or ".join(repr(c) for c in close) + "?"


class CreativeEconError(Exception):
    """Base class of every error raised by creative_econ."""


class InvalidTableError(CreativeEconError, ValueError):
    """An input-output table or satellite is malformed: shape, values or identities."""


class LabelMismatchError(InvalidTableError):
    """Labels of the blocks of a table disagree (missing, unexpected or duplicate labels)."""


class NotProductiveError(InvalidTableError):
    """The coefficient matrix is not productive: its spectral radius is not below one.

    Attributes
    ----------
    spectral_radius : float
        The spectral radius that was found (``nan`` if it could not be computed).
    """

    def __init__(self, message: str, spectral_radius: float = float("nan")) -> None:
        super().__init__(message)
        self.spectral_radius = spectral_radius


class RegionalDataError(InvalidTableError):
    """Regional data are inconsistent: negative, missing, or larger than the nation."""


class BalanceError(InvalidTableError):
    """An accounting identity does not hold (rows, columns or margins do not add up)."""


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


class UnknownSectorError(CreativeEconError, KeyError):
    """A sector label is not in the table."""

    def __init__(self, sector: object, valid: Iterable[object], where: str = "") -> None:
        valid = list(valid)
        place = f" in {where}" if where else ""
        self.sector = sector
        self.message = (
            f"Unknown sector {sector!r}{place}: it is not one of the table's "
            f"{len(valid)} sectors.{did_you_mean(sector, valid)}"
        )
        super().__init__(self.message)

    def __str__(self) -> str:  # KeyError would otherwise repr() the message
        return self.message


class UnknownRegionError(CreativeEconError, KeyError):
    """A region code or name is not known."""

    def __init__(self, region: object, valid: Iterable[object], where: str = "") -> None:
        valid = list(valid)
        place = f" in {where}" if where else ""
        self.region = region
        self.message = (
            f"Unknown region {region!r}{place}: known regions are "
            f"{', '.join(map(str, valid[:25]))}{'...' if len(valid) > 25 else ''}."
            f"{did_you_mean(region, valid)}"
        )
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


class InvalidOptionError(CreativeEconError, ValueError):
    """A keyword that takes one of a closed set of options got something else."""

    def __init__(self, name: str, value: object, options: Iterable[object]) -> None:
        options = list(options)
        super().__init__(
            f"{name}={value!r} is not a valid option; choose one of "
            f"{', '.join(repr(o) for o in options)}.{did_you_mean(value, options)}"
        )


class InvalidParameterError(CreativeEconError, ValueError):
    """A numeric keyword is outside its valid range (a tolerance, a share, a horizon)."""

    def __init__(self, name: str, value: object, expected: str) -> None:
        super().__init__(f"{name}={value!r} is out of range: expected {expected}.")


class ConvergenceError(CreativeEconError, ArithmeticError):
    """An iterative procedure (RAS, GRAS, IPF, an iterative solver) did not converge."""


class ScenarioError(CreativeEconError, ValueError):
    """A scenario specification is invalid or inconsistent with its table."""


class InvalidShockError(ScenarioError):
    """A shock cannot be applied to the table (not finite, or a sector with zero output)."""


class DatasetNotFoundError(CreativeEconError, LookupError):
    """A bundled dataset name is not known."""


class CreativeEconWarning(UserWarning):
    """A result lies outside a plausible range, or an input was interpreted with a default."""
