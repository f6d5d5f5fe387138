"""Matplotlib figures for multipliers and impacts. Each function returns a Figure."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from ..results import Impact

__all__ = ["impact_by_sector", "multipliers_bar"]


def _pyplot():
    import matplotlib

    if matplotlib.get_backend().lower() not in ("agg", "module://matplotlib_inline.backend_inline"):
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _short(text: str, width: int = 48) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _names(index: pd.Index, labels: pd.Series | None) -> list[str]:
    if labels is None:
        return [str(s) for s in index]
    return [_short(f"{s} {labels.get(s, '')}".strip()) for s in index]


def multipliers_bar(
    multipliers: pd.DataFrame, *, labels: pd.Series | None = None, title: str = "",
    xlabel: str = "output multiplier",
) -> Figure:
    """Horizontal bars, one group per sector, one bar per column of ``multipliers``.

    Parameters
    ----------
    multipliers : DataFrame
        Sectors x series (e.g. Type I and Type II output multipliers).
    labels : Series, optional
        Display names by sector.
    """
    plt = _pyplot()
    frame = multipliers.iloc[::-1]
    names = _names(frame.index, labels)
    height = max(2.5, 0.42 * len(frame) + 1.0)
    fig, ax = plt.subplots(figsize=(8.5, height), layout="constrained")
    k = frame.shape[1]
    width = 0.8 / k
    for i, col in enumerate(frame.columns):
        pos = [j + (i - (k - 1) / 2) * width for j in range(len(frame))]
        ax.barh(pos, frame[col], height=width, label=str(col))
    ax.set_yticks(range(len(frame)), names)
    ax.set_xlabel(xlabel)
    ax.axvline(1.0, color="0.4", linewidth=0.8)
    if k > 1:
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    if title:
        ax.set_title(title, loc="left")
    return fig


def impact_by_sector(
    impact: Impact, indicator: str = "output", *, top: int = 12,
    labels: pd.Series | None = None, title: str = "", unit: str = "",
) -> Figure:
    """Stacked bars of direct, indirect and induced impact for the sectors most affected."""
    plt = _pyplot()
    frame = impact[indicator].drop(columns="total")
    total = frame.sum(axis=1)
    frame = frame.loc[total.sort_values(ascending=False).index[:top]].iloc[::-1]
    names = _names(frame.index, labels)
    fig, ax = plt.subplots(figsize=(8.5, max(2.5, 0.42 * len(frame) + 1.0)),
                           layout="constrained")
    left = pd.Series(0.0, index=frame.index)
    for comp in frame.columns:
        ax.barh(names, frame[comp], left=left, label=comp)
        left = left + frame[comp]
    ax.set_xlabel(f"{indicator}{f' ({unit})' if unit else ''}")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    if title:
        ax.set_title(title, loc="left")
    return fig
