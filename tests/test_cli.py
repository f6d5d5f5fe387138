"""The command-line interface and the demo report."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from creative_econ.cli import app

runner = CliRunner()


def test_demo_writes_report_csv_and_figures(tmp_path: Path) -> None:
    result = runner.invoke(app, ["demo", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    for name in ("report.md", "multipliers.csv", "impact.csv", "multipliers.png",
                 "impact_by_sector.png"):
        assert (tmp_path / name).stat().st_size > 0, name
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    head = report.split("## ")[0]
    assert "**Type I:** output 164.9 million GBP" in head  # headline numbers first
    assert "**Type II:**" in head
    mult = pd.read_csv(tmp_path / "multipliers.csv", dtype={"product": str}).set_index("product")
    assert abs(mult.loc["90", "output_type_I"] - 1.649) < 5e-4  # ONS published 1.649
    impact = pd.read_csv(tmp_path / "impact.csv")
    assert set(impact["component"]) == {"direct", "indirect", "induced", "total"}
    assert set(impact["model"]) == {"Type I", "Type II"}


def test_datasets_lists_bundled_tables() -> None:
    result = runner.invoke(app, ["datasets"])
    assert result.exit_code == 0
    assert "uk_ioat_2010" in result.output
    assert "germany_1995" in result.output
