r"""The creative sector: definitions, concordances, creative shares, satellite accounts,
spending profiles and targets.

>>> import creative_econ as ce
>>> import creative_econ.creative as cc
>>> uk = ce.load_dataset("uk_ioat_2010")
>>> account = cc.satellite(uk, "dcms")
>>> round(float(account.shares.loc[("uk_ioat_2010", "Total"), "gva"]), 4)
0.0523

The layer sits above :mod:`creative_econ.table` and below the scenario engine; its outputs
are plain (Series of creative shares, final-demand Series, frames) so they turn directly into
final-demand changes for ``IOTable.impact``.
"""

from __future__ import annotations

from .classifications import (
    Definition,
    classification,
    get_definition,
    list_definitions,
    load_definition,
    register_definition,
)
from .concordance import (
    Concordance,
    concordance,
    list_concordances,
    table_concordance,
    translate,
)
from .profiles import (
    Allocation,
    Phase,
    SpendingProfile,
    derive_final_demand_phase,
    derive_profile,
    get_profile,
    list_profiles,
    load_profile,
)
from .satellite import SatelliteAccount, contribution, satellite, unesco_benchmark
from .shares import creative_shares, creative_shares_by_domain
from .split import split_sector
from .targets import TargetPath, required_growth, target_path
from .trident import creative_trident

__all__ = [
    "Allocation",
    "Concordance",
    "Definition",
    "Phase",
    "SatelliteAccount",
    "SpendingProfile",
    "TargetPath",
    "classification",
    "concordance",
    "contribution",
    "creative_shares",
    "creative_shares_by_domain",
    "creative_trident",
    "derive_final_demand_phase",
    "derive_profile",
    "get_definition",
    "get_profile",
    "list_concordances",
    "list_definitions",
    "list_profiles",
    "load_definition",
    "load_profile",
    "register_definition",
    "required_growth",
    "satellite",
    "split_sector",
    "table_concordance",
    "target_path",
    "translate",
    "unesco_benchmark",
]
