"""Acceptance: the multiregional Kazakhstan model from the hybrid table and the regional data,
in one line."""

from __future__ import annotations

import pytest
from numpy.testing import assert_allclose

from creative_econ.datasets._kazakhstan import KAZAKHSTAN_REGIONS

multiregional = pytest.importorskip("creative_econ.regional.multiregional")


@pytest.fixture(scope="module")
def model(kz2023, regions2023):
    return multiregional.MultiRegionalTable.from_national(kz2023, regions2023)


def test_builds_for_all_20_regions(model):
    assert sorted(model.regions) == sorted(KAZAKHSTAN_REGIONS)
    assert len(model.regions) == 20


def test_regional_outputs_sum_to_the_nation(model, kz2023):
    by_sector = model.x.groupby(level="sector", sort=False).sum()
    assert_allclose(by_sector.reindex(kz2023.sectors), kz2023.x, rtol=1e-6)


def test_creative_hub_in_abai_reaches_every_region(model):
    shock = {"R90": 600.0, "J58-60": 200.0, "M74": 200.0}  # million KZT of final demand
    impact = model.impact(shock, region="ABY", type="II")
    by_region = impact.by_region()
    assert len(by_region) == 20
    assert (by_region["output"] > 0).all()
    assert (by_region["employment"] > 0).all()
    assert by_region["output"].idxmax() == "ABY"
    assert "hybrid" in impact.assumptions.dataset


def test_product_groups_are_goods_and_services(model):
    from creative_econ.datasets._kazakhstan_hybrid import HYBRID_PRODUCT_GROUPS

    groups = multiregional.default_product_groups(model.sectors)
    assert groups.to_dict() == HYBRID_PRODUCT_GROUPS
