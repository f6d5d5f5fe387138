"""creative_econ: economic impact modelling of the creative economy.

Input-output multipliers (Type I and II), impacts by sector and component, bundled real
tables, and (as the library grows) regional models, creative satellite accounts and
scenarios with uncertainty.

>>> import creative_econ as ce
>>> uk = ce.load_dataset("uk_ioat_2010")
>>> uk.multipliers(type="I").loc["90", "output"]  # doctest: +ELLIPSIS
1.6...
"""

from __future__ import annotations

from . import analysis, balancing, creative, econometrics, errors, io, leontief, regional
from .analysis import Extraction, Linkages, MixedSolution, PriceEffects
from .datasets import dataset_info, list_datasets, load_dataset
from .households import HouseholdClosure, Households
from .regional import (
    MultiRegionalImpact,
    MultiRegionalTable,
    RegionalData,
    RegionalTable,
    regionalise,
    two_region,
)
from .results import Assumptions, Impact
from .scenarios import GrowthPathDistribution
from .scenarios.engine import run
from .scenarios.result import ScenarioResult, compare
from .scenarios.spec import Scenario
from .table import IOTable

__version__ = "0.1.0"

__all__ = [
    "Assumptions",
    "Extraction",
    "GrowthPathDistribution",
    "HouseholdClosure",
    "Households",
    "IOTable",
    "Impact",
    "Linkages",
    "MixedSolution",
    "MultiRegionalImpact",
    "MultiRegionalTable",
    "PriceEffects",
    "RegionalData",
    "RegionalTable",
    "Scenario",
    "ScenarioResult",
    "__version__",
    "analysis",
    "balancing",
    "compare",
    "creative",
    "dataset_info",
    "econometrics",
    "errors",
    "io",
    "leontief",
    "list_datasets",
    "load_dataset",
    "regional",
    "regionalise",
    "run",
    "two_region",
]
