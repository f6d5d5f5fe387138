"""The command-line interface: the demo and the dataset and example listings."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from creative_econ.cli import app, example_scenarios

runner = CliRunner()


def test_demo_runs_the_semey_scenario(tmp_path: Path) -> None:
    result = runner.invoke(app, ["demo", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    for name in ("report.md", "report.html", "semey_creative_hub.csv",
                 "semey_creative_hub.xlsx", "employment_over_years.png",
                 "employment_by_region.png"):
        assert (tmp_path / name).stat().st_size > 0, name
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert report.startswith("# Scenario: semey_creative_hub")
    assert report.split("\n## ")[1].startswith("Headline")  # the headline comes first
    assert "Jobs supported" in report
    data = pd.read_csv(tmp_path / "semey_creative_hub.csv")
    assert data["region"].nunique() == 20  # effects reported for every region


def test_datasets_and_examples_listed() -> None:
    result = runner.invoke(app, ["datasets"])
    assert result.exit_code == 0
    assert "kazakhstan_hybrid_2023" in result.output
    assert "uk_ioat_2010" in result.output
    result = runner.invoke(app, ["examples"])
    assert result.exit_code == 0
    assert "semey_creative_hub" in result.output
    assert set(example_scenarios()) >= {"semey_creative_hub", "kyzylorda_festival",
                                        "almaty_astana_film_incentive",
                                        "kazakhstan_unesco_target_2030",
                                        "scotland_creative_growth"}
