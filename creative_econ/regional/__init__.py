"""Regionalising a national input-output table.

Pure location quotients (:mod:`~creative_econ.regional.lq`) and regional purchase coefficients
(:mod:`~creative_econ.regional.rpc`) on arrays.
"""

from __future__ import annotations

from ._errors import InvalidParameterError, RegionalDataError
from .lq import (
    DEFAULT_DELTA,
    LQ_METHODS,
    augmented_flegg_lq,
    cross_industry_lq,
    flegg_lambda,
    flegg_lq,
    interregional_import_coefficients,
    location_quotients,
    regional_coefficients,
    sector_flegg_lq,
    simple_lq,
)
from .rpc import charm_rpc, charm_trade, cross_hauling, pool_rpc, product_heterogeneity

__all__ = [
    "DEFAULT_DELTA",
    "LQ_METHODS",
    "InvalidParameterError",
    "RegionalDataError",
    "augmented_flegg_lq",
    "charm_rpc",
    "charm_trade",
    "cross_hauling",
    "cross_industry_lq",
    "flegg_lambda",
    "flegg_lq",
    "interregional_import_coefficients",
    "location_quotients",
    "pool_rpc",
    "product_heterogeneity",
    "regional_coefficients",
    "sector_flegg_lq",
    "simple_lq",
]
