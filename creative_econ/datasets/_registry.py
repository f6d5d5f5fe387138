"""Metadata of the bundled datasets (source, licence, transformations)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["DatasetInfo"]


@dataclass(frozen=True)
class DatasetInfo:
    """Provenance of one bundled dataset."""

    name: str
    title: str
    kind: str  # "official", "textbook", "hybrid", "illustrative"
    year: int | None
    unit: str
    source: str
    licence: str
    files: tuple[str, ...]
    transformations: str
    loader: Callable[[], object]
