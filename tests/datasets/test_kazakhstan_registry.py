"""``ce.load_dataset`` for the Kazakhstan hybrid tables and regional data.

These run once the registry entries are added to ``creative_econ/datasets/__init__.py``.
"""

from __future__ import annotations

import pytest

import creative_econ as ce
from creative_econ.datasets import REGISTRY

NAMES = [f"kazakhstan_hybrid_{y}" for y in (2022, 2023, 2024)] + [
    f"kazakhstan_regions_{y}" for y in (2022, 2023, 2024, 2025)]
pytestmark = pytest.mark.skipif(
    not set(NAMES) <= set(REGISTRY), reason="Kazakhstan hybrid registry entries not added yet")


@pytest.mark.parametrize("name", NAMES)
def test_registered_with_honest_metadata(name):
    info = ce.dataset_info(name)
    if "hybrid" in name:
        assert info.kind == "hybrid"
        assert "hybrid" in info.title.lower()
    assert "BNS" in info.source


def test_one_line_multiregional_model():
    mr_module = pytest.importorskip("creative_econ.regional.multiregional")
    mrt = getattr(ce, "MultiRegionalTable", mr_module.MultiRegionalTable)
    mr = mrt.from_national(ce.load_dataset("kazakhstan_hybrid_2023"),
                           ce.load_dataset("kazakhstan_regions_2023"))
    assert len(mr.regions) == 20


def test_year_not_bundled():
    with pytest.raises(ce.errors.DatasetNotFoundError, match="kazakhstan_hybrid_2023"):
        ce.load_dataset("kazakhstan_hybrid_2021")
