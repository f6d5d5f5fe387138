"""Regionalising a national input-output table.

* :mod:`~creative_econ.regional.lq` and :mod:`~creative_econ.regional.rpc`: location quotients
  and regional purchase coefficients on plain arrays (no pandas);
* :class:`RegionalData`: regional output, employment and GVA by region x sector, with centres,
  year and border vintage;
* :func:`regionalise`: a single-region table from a national one (:class:`RegionalTable`,
  recording the method on the table and in every result's assumptions card);
* :func:`two_region`: the region and the rest of the country with interregional feedback;
* :class:`MultiRegionalTable`: a Chenery–Moses model of all regions with interregional trade by
  a doubly-constrained gravity model or the pool assumption
  (:mod:`~creative_econ.regional.trade`, pure functions);
* :mod:`~creative_econ.regional.kazakhstan`: Kazakhstan's 20 regional units after the 2022
  reform, with names, centres, lookup by common spellings and a border-vintage crosswalk;
* :mod:`~creative_econ.regional.benchmark`: scoring methods against a survey-based table (the
  UK 2010 table regionalised to Scotland).

>>> import creative_econ as ce
>>> from creative_econ.regional import RegionalData, regionalise
>>> uk = ce.load_dataset("uk_ioat_2010")
>>> reg = RegionalData(output=(uk.x * 0.05).to_frame("R").T)
>>> t = regionalise(uk, reg, region="R", method="flq", delta=0.3)
>>> t.regionalisation.method, round(t.regionalisation.lambda_star, 3)
('flq', 0.451)
"""

from __future__ import annotations

from ._errors import InvalidParameterError, RegionalDataError
from .data import BASES, Basis, RegionalData
from .kazakhstan import (
    CURRENT_VINTAGE,
    VINTAGES,
    KZRegion,
    kz_centres,
    kz_codes,
    kz_crosswalk,
    kz_region,
    kz_regions,
    kz_vintages,
    rebase,
)
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
from .multiregional import SOURCING, TRADE_METHODS, MultiRegionalImpact, MultiRegionalTable
from .regionalise import (
    CAPS,
    FINAL_DEMAND_RULES,
    INTERREGIONAL_IMPORTS,
    METHODS,
    Regionalisation,
    RegionalTable,
    regionalise,
)
from .rpc import charm_rpc, charm_trade, cross_hauling, pool_rpc, product_heterogeneity
from .trade import gravity_trade_coefficients, great_circle_distances, pool_trade_coefficients
from .two_region import TRADE_ADJUSTMENT, regional_output_multipliers, two_region

__all__ = [
    "BASES",
    "CAPS",
    "CURRENT_VINTAGE",
    "DEFAULT_DELTA",
    "FINAL_DEMAND_RULES",
    "INTERREGIONAL_IMPORTS",
    "LQ_METHODS",
    "METHODS",
    "SOURCING",
    "TRADE_ADJUSTMENT",
    "TRADE_METHODS",
    "VINTAGES",
    "Basis",
    "InvalidParameterError",
    "KZRegion",
    "MultiRegionalImpact",
    "MultiRegionalTable",
    "RegionalData",
    "RegionalDataError",
    "RegionalTable",
    "Regionalisation",
    "augmented_flegg_lq",
    "charm_rpc",
    "charm_trade",
    "cross_hauling",
    "cross_industry_lq",
    "flegg_lambda",
    "flegg_lq",
    "gravity_trade_coefficients",
    "great_circle_distances",
    "interregional_import_coefficients",
    "kz_centres",
    "kz_codes",
    "kz_crosswalk",
    "kz_region",
    "kz_regions",
    "kz_vintages",
    "location_quotients",
    "pool_rpc",
    "pool_trade_coefficients",
    "product_heterogeneity",
    "rebase",
    "regional_coefficients",
    "regional_output_multipliers",
    "regionalise",
    "sector_flegg_lq",
    "simple_lq",
    "two_region",
]
