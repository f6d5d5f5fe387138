"""Figures (matplotlib, imported lazily so ``import creative_econ`` stays fast)."""

from .figures import impact_by_sector, multipliers_bar

__all__ = ["impact_by_sector", "multipliers_bar"]
