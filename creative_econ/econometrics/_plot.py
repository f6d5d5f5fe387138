"""Lazy matplotlib for the econometric figures (``import creative_econ`` stays light)."""

from __future__ import annotations

from typing import Any


def pyplot() -> Any:
    import matplotlib

    if matplotlib.get_backend().lower() not in ("agg", "module://matplotlib_inline.backend_inline"):
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def axes(ax: Any, figsize: tuple[float, float]) -> tuple[Any, Any]:
    """(figure, axes): the given axes and its figure, or a new figure."""
    if ax is not None:
        return ax.figure, ax
    plt = pyplot()
    fig, new_ax = plt.subplots(figsize=figsize, layout="constrained")
    return fig, new_ax
