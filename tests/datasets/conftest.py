"""Fixtures for the Kazakhstan hybrid tables and regional data."""

from __future__ import annotations

import pytest

from creative_econ.datasets._kazakhstan_hybrid import kazakhstan_hybrid, kazakhstan_regions
from creative_econ.datasets.build import hybrid_components


@pytest.fixture(scope="session")
def kz2023():
    return kazakhstan_hybrid(2023)


@pytest.fixture(scope="session")
def build2023():
    return hybrid_components(2023)


@pytest.fixture(scope="session")
def regions2023():
    return kazakhstan_regions(2023)
