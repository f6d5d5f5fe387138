"""Build recipes for the bundled hybrid datasets (run from the repository, not at import).

:func:`build_kazakhstan_hybrid` rebuilds a Kazakhstan hybrid table from the bundled source
files; ``python -m creative_econ.datasets.build`` writes the stored tables
(``data/kz_hybrid_<year>.csv`` and ``.json``) that :func:`creative_econ.load_dataset` reads.
"""

from __future__ import annotations

from .hybrid import (
    PLAUSIBLE_TYPE_I_OUTPUT,
    HybridBuild,
    build_kazakhstan_hybrid,
    check_plausible,
    hybrid_components,
    kazakh_totals,
)

__all__ = [
    "PLAUSIBLE_TYPE_I_OUTPUT",
    "HybridBuild",
    "build_kazakhstan_hybrid",
    "check_plausible",
    "hybrid_components",
    "kazakh_totals",
]
