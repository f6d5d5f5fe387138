"""Shared fixtures: bundled tables and the published numbers they are tested against."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import creative_econ as ce

REFERENCE = Path(__file__).parent / "reference" / "data"

settings.register_profile(
    "default", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("default")


def reference_json(name: str) -> dict:
    return json.loads((REFERENCE / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def germany_1995() -> ce.IOTable:
    return ce.load_dataset("germany_1995")


@pytest.fixture(scope="session")
def uk_2010() -> ce.IOTable:
    return ce.load_dataset("uk_ioat_2010")


@pytest.fixture(scope="session")
def netherlands_2000() -> ce.IOTable:
    return ce.load_dataset("netherlands_2000")
