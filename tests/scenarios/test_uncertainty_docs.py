"""Every number in docs/guide/uncertainty.md is recomputed here (to its printed precision)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import creative_econ as ce
from creative_econ.cli import example_scenarios

ROOT = Path(__file__).resolve().parents[2]
GUIDE = (ROOT / "docs" / "guide" / "uncertainty.md").read_text(encoding="utf-8")

HEADLINE_ROWS = {
    "output, million KZT, 2023–2030": "output_cumulative",
    "jobs in the peak year": "jobs_peak",
    "job-years": "job_years",
}
TORNADO_ROWS = {
    "size of the creative hub's spending": "shock_size:creative hub",
    "technical coefficients": "coefficients",
    "productivity growth": "productivity",
    "size of the hub programme": "shock_size:hub programme",
}


def table_rows(text: str) -> dict[str, list[float]]:
    rows = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 4 and re.fullmatch(r"[\d,.\-]+", cells[1] or "x"):
            rows[cells[0]] = [float(c.replace(",", "")) for c in cells[1:]]
    return rows


@pytest.fixture(scope="module")
def result() -> ce.ScenarioResult:
    block = re.findall(r"^```yaml\n(.*?)^```", GUIDE, re.DOTALL | re.MULTILINE)[0]
    text = example_scenarios()["semey_creative_hub"].read_text(encoding="utf-8")
    return ce.run(ce.Scenario.from_yaml(text + block))


def test_headline_table_and_text(result: ce.ScenarioResult) -> None:
    h = result.headline(interval=True)
    rows = table_rows(GUIDE)
    for label, key in HEADLINE_ROWS.items():
        got = h.loc[key, ["value", "median", "lower", "upper"]].astype(float).round(1).tolist()
        assert rows[label] == got, label
    peak, years = h.loc["jobs_peak"], h.loc["job_years"]
    assert (f"**122.6 jobs in its peak year, 2024 (90% interval {peak['lower']:.1f}–"
            f"{peak['upper']:.1f})**") in GUIDE.replace("\n", " ")
    assert f"**{years['value']:.1f} job-years over 2023–2030 ({years['lower']:.1f}–" \
           f"{years['upper']:.1f})**" in GUIDE.replace("\n", " ")
    assert int(h.loc["jobs_peak_year", "value"]) == 2024
    assert result.scenario.productivity.growth == 0.02  # "(2% a year for the hub)"


def test_tornado_table(result: ce.ScenarioResult) -> None:
    t = result.tornado().set_index("key")
    rows = table_rows(GUIDE)
    for label, key in TORNADO_ROWS.items():
        got = t.loc[key, ["low", "high", "swing"]].astype(float).round(1).tolist()
        assert rows[label] == got, label
    assert list(t.index) == list(TORNADO_ROWS.values())


def test_solver_and_draw_counts_quoted(result: ce.ScenarioResult) -> None:
    u = result.uncertainty
    assert "654 non-zero coefficients" in u.descriptions[0]  # "(654 for Kazakhstan's 26 ...)"
    steps = re.search(r"\((\d+\.\d) steps on average", u.solver)
    assert steps is not None
    assert 8.0 <= float(steps.group(1)) <= 9.0  # "8-9 steps to a relative residual of 1e-12"
    assert len(result.frame) > 140_000  # "150,000 cells" (149,760 gross and net rows)
