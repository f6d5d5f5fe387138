"""Aligning the blocks of a table by label before an :class:`~creative_econ.IOTable` is built.

Blocks are matched by label, never by position; each becomes a float view of the caller's
data (copy-on-write keeps the caller's objects and the table's independent), in the order of
Z's rows. Every mismatch is a specific error naming the labels.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ._labels import check_unique, same_labels
from .errors import InvalidTableError, LabelMismatchError

__all__ = ["align_blocks"]


def _columns_in(frame: pd.DataFrame, order: pd.Index) -> pd.DataFrame:
    return frame if frame.columns.equals(order) else frame.loc[:, order]


def _rows_in(obj: pd.DataFrame | pd.Series, order: pd.Index) -> pd.DataFrame | pd.Series:
    return obj if obj.index.equals(order) else obj.loc[order]


def _as_float(obj: pd.DataFrame | pd.Series, what: str) -> pd.DataFrame | pd.Series:
    """Float64 view of a block: no copy when it already is (copy-on-write keeps the caller's
    object and the table's independent)."""
    if obj.to_numpy().dtype == "float64":  # a view for single-dtype blocks
        return obj.copy(deep=False)  # a new object sharing data until either side writes
    try:
        return obj.astype(float)
    except (TypeError, ValueError) as exc:
        raise InvalidTableError(f"{what} contains non-numeric values ({exc}).") from None


def align_blocks(
    *,
    Z: pd.DataFrame,
    final_demand: pd.DataFrame | pd.Series,
    value_added: pd.DataFrame | None,
    imports: pd.Series | None,
    output: pd.Series | None,
    employment: pd.Series | None,
    taxes: pd.Series | None,
    labels: pd.Series | None,
    other_inputs: pd.DataFrame | None,
    income_component: str | None,
    reserved: Sequence[str],
    default_income: str,
) -> dict[str, object]:
    """Check and align the blocks; returns the keyword arguments of the table's fields."""
    if not isinstance(Z, pd.DataFrame):
        raise InvalidTableError(f"Z must be a pandas DataFrame, got {type(Z).__name__}.")
    if Z.shape[0] != Z.shape[1]:
        raise InvalidTableError(
            f"Z must be square (sector x sector); it has {Z.shape[0]} rows and "
            f"{Z.shape[1]} columns."
        )
    sectors = Z.index
    check_unique(sectors, "Z's row labels")
    same_labels(sectors, Z.columns, "Z's column labels")
    Z = _as_float(_columns_in(Z, sectors), "Z")

    if isinstance(final_demand, pd.Series):
        final_demand = final_demand.to_frame(final_demand.name or "final_demand")
    if not isinstance(final_demand, pd.DataFrame):
        raise InvalidTableError("final_demand must be a DataFrame or Series indexed by sector.")
    same_labels(sectors, final_demand.index, "final_demand's row labels")
    check_unique(final_demand.columns, "final_demand's columns")
    final_demand = _as_float(_rows_in(final_demand, sectors), "final_demand")

    if value_added is None:
        value_added = pd.DataFrame(index=pd.Index([], name="component"), columns=sectors)
    if not isinstance(value_added, pd.DataFrame):
        raise InvalidTableError("value_added must be a DataFrame (component x sector).")
    hint = ""
    if value_added.index.equals(sectors) and not value_added.columns.equals(sectors):
        hint = " It looks transposed: value_added is component x sector (pass value_added.T)."
    same_labels(sectors, value_added.columns, "value_added's column labels", hint)
    check_unique(value_added.index, "value_added's row labels")
    value_added = _as_float(_columns_in(value_added, sectors), "value_added")

    if other_inputs is not None:
        if not isinstance(other_inputs, pd.DataFrame):
            raise InvalidTableError("other_inputs must be a DataFrame (input x sector).")
        same_labels(sectors, other_inputs.columns, "other_inputs' column labels")
        check_unique(other_inputs.index, "other_inputs' row labels")
        clash = other_inputs.index.intersection(pd.Index(list(reserved)))
        if len(clash):
            raise LabelMismatchError(
                f"other_inputs rows may not reuse indicator names: {list(clash)}."
            )
        other_inputs = _as_float(_columns_in(other_inputs, sectors), "other_inputs")

    vectors = {}
    for label, obj in (("imports", imports), ("taxes", taxes), ("employment", employment),
                       ("output", output)):
        if obj is None:
            vectors[label] = None
            continue
        if isinstance(obj, pd.DataFrame) and obj.shape[0] == 1:
            obj = obj.iloc[0]
        if not isinstance(obj, pd.Series):
            raise InvalidTableError(f"{label} must be a pandas Series indexed by sector.")
        same_labels(sectors, obj.index, f"{label}'s labels")
        vectors[label] = _as_float(_rows_in(obj, sectors), label)
        vectors[label].name = label

    if labels is not None:
        if not isinstance(labels, pd.Series):
            raise InvalidTableError("labels must be a Series of names indexed by sector.")
        unknown = labels.index.difference(sectors)
        if len(unknown):
            raise LabelMismatchError(f"labels has unknown sectors: {list(unknown[:10])}.")
        labels = labels.reindex(sectors).fillna("").astype(str).rename("label")

    if income_component is not None and income_component not in value_added.index:
        if income_component != default_income:
            raise LabelMismatchError(
                f"income_component={income_component!r} is not a row of value_added; rows "
                f"are {list(value_added.index)}."
            )
        income_component = None
    return {
        "Z": Z,
        "final_demand": final_demand,
        "x": vectors["output"],
        "value_added": value_added,
        "imports": vectors["imports"],
        "taxes": vectors["taxes"],
        "employment": vectors["employment"],
        "labels": labels,
        "other_inputs": other_inputs,
        "income_component": income_component,
    }
