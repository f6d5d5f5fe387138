"""Label checks shared by the labelled layer: one place that words the errors."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from .errors import InvalidOptionError, InvalidTableError, LabelMismatchError

__all__ = ["check_option", "describe_bad", "same_labels", "to_float_array"]


def _short(labels: Iterable[object], k: int = 10) -> str:
    labels = list(labels)
    more = f" and {len(labels) - k} more" if len(labels) > k else ""
    return "[" + ", ".join(repr(x) for x in labels[:k]) + "]" + more


def _has_duplicates(index: pd.Index) -> bool:
    # A Python set is quicker than pandas' hash table for the index sizes of IO tables
    # (and the table's own index caches the answer once it is built).
    if len(index) <= 10_000 and not isinstance(index, pd.MultiIndex):
        return len(set(index.tolist())) != len(index)
    return bool(index.has_duplicates)


def check_unique(index: pd.Index, what: str) -> None:
    if _has_duplicates(index):
        dup = index[index.duplicated()].unique()
        raise LabelMismatchError(f"{what} has duplicate labels: {_short(dup)}.")


def same_labels(expected: pd.Index, got: pd.Index, what: str, hint: str = "") -> None:
    """Raise LabelMismatchError unless ``got`` holds exactly the labels of ``expected``.

    ``expected`` must already be free of duplicates.
    """
    if got is expected or got.equals(expected):
        return
    check_unique(got, what)
    missing = expected.difference(got, sort=False)
    unexpected = got.difference(expected, sort=False)
    if len(missing) or len(unexpected):
        parts = []
        if len(missing):
            parts.append(f"missing {_short(missing)}")
        if len(unexpected):
            parts.append(f"unexpected {_short(unexpected)}")
        raise LabelMismatchError(
            f"{what} does not match the sectors of Z: {'; '.join(parts)}.{hint}"
        )


def to_float_array(obj: pd.DataFrame | pd.Series, what: str) -> np.ndarray:
    """A float64 copy of a frame's values; non-numeric entries are an error naming the block."""
    try:
        return np.array(obj.to_numpy(dtype=float), dtype=float, copy=True)
    except (TypeError, ValueError) as exc:
        raise InvalidTableError(f"{what} contains non-numeric values ({exc}).") from None


def describe_bad(
    mask: np.ndarray, values: np.ndarray, rows: pd.Index, cols: pd.Index | None = None, k: int = 3
) -> str:
    """Describe the first ``k`` flagged entries as "(row, col) = value"."""
    idx = np.argwhere(mask)
    parts = []
    for pos in idx[:k]:
        if cols is None:
            parts.append(f"{rows[pos[0]]!r} = {values[tuple(pos)]:g}")
        else:
            parts.append(f"({rows[pos[0]]!r}, {cols[pos[1]]!r}) = {values[tuple(pos)]:g}")
    more = f" and {len(idx) - k} more" if len(idx) > k else ""
    return ", ".join(parts) + more


def check_option(name: str, value: object, options: Iterable[object]) -> None:
    options = tuple(options)
    if value not in options:
        raise InvalidOptionError(name, value, options)
