"""Every example scenario validates and runs."""

from __future__ import annotations

import pytest

import creative_econ as ce
from creative_econ.cli import example_scenarios

EXAMPLES = example_scenarios()


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_example_validates_and_runs(name: str) -> None:
    spec = ce.Scenario.from_yaml(EXAMPLES[name])
    assert spec.name == name
    result = ce.run(spec)
    totals = result.by_year()
    assert (totals["output"] >= 0).all()
    assert totals["output"].sum() > 0
    # summing the results over regions and sectors gives the run's totals
    f = result.frame
    f = f[(f["component"] == "total") & (f["measure"] == "gross")]
    summed = f.groupby(["indicator", "region"])["value"].sum().groupby(level="indicator").sum()
    for indicator in totals.columns:
        assert summed[indicator] == pytest.approx(totals[indicator].sum())


def test_multiregional_example_reports_every_region() -> None:
    result = ce.run(ce.Scenario.from_yaml(EXAMPLES["semey_creative_hub"]))
    regions = result.by_region("employment")["total"]
    assert len(regions) == 20
    assert regions.idxmax() == "ABY"  # the hub's own region gains most
    assert (regions > 0).all()
    assert regions.sum() == pytest.approx(result.by_year()["employment"].sum())
