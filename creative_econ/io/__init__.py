"""Readers and writers for published table layouts and other input-output tools.

pymrio is imported only when :func:`to_pymrio` or :func:`from_pymrio` runs.
"""

from .pymrio import from_pymrio, to_pymrio

__all__ = ["from_pymrio", "to_pymrio"]
