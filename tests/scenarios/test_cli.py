"""The scenario CLI: exit codes 0 (ok), 2 (invalid spec or input, message on stderr)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from creative_econ.cli import app

runner = CliRunner()

SPEC = """name: cli_test
table: germany_1995
base_year: 1995
horizon: 1997
shocks:
  - {kind: final_demand, sector: other_services, amount: 1000}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_run_writes_the_report(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", str(write(tmp_path, SPEC)), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "o" / "report.md").exists()
    assert (tmp_path / "o" / "cli_test.xlsx").exists()
    assert "job_years" in result.output


def test_validate_ok_and_typo_exit_code_2(tmp_path: Path) -> None:
    ok = runner.invoke(app, ["validate", str(write(tmp_path, SPEC))])
    assert ok.exit_code == 0
    assert "valid scenario 'cli_test'" in ok.output
    bad = runner.invoke(app, ["validate", str(write(tmp_path, SPEC.replace("horizon", "horizn")))])
    assert bad.exit_code == 2
    assert "horizn: unknown field" in bad.stderr
    assert "Traceback" not in bad.output


def test_run_exit_code_2_on_bad_input(tmp_path: Path) -> None:
    for text in (SPEC.replace("germany_1995", "germany_2020"),
                 SPEC.replace("other_services", "culture"),
                 SPEC.replace("horizon: 1997", "horizon: 1990")):
        result = runner.invoke(app, ["run", str(write(tmp_path, text)), "--out", str(tmp_path)])
        assert result.exit_code == 2, text
        assert "error:" in result.stderr


def test_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert '"title": "Scenario"' in result.output
