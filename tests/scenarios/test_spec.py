"""Scenario specifications: validation with the offending field and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from creative_econ.errors import ScenarioError
from creative_econ.scenarios.spec import DemandShock, Scenario

BASE = """name: test
table: germany_1995
base_year: 1995
horizon: 1998
shocks:
  - kind: final_demand
    sector: other_services
    amount: 100
    years: [1996, 1998]
"""


def test_valid_yaml_json_and_round_trip(tmp_path: Path) -> None:
    s = Scenario.from_yaml(BASE)
    assert s.years == [1995, 1996, 1997, 1998]
    assert isinstance(s.shocks[0], DemandShock)
    path = tmp_path / "s.json"
    path.write_text(json.dumps(s.model_dump(mode="json")), encoding="utf-8")
    assert Scenario.from_json(path) == s
    assert Scenario.from_yaml(s.to_yaml()) == s


def test_typo_in_field_name_points_at_the_line() -> None:
    with pytest.raises(ScenarioError, match=r"line 8, shocks\[0\]\.amont: unknown field"):
        Scenario.from_yaml(BASE.replace("amount: 100", "amont: 100"))


def test_negative_horizon() -> None:
    with pytest.raises(ScenarioError, match=r"horizon \(1990\) must not be before base_year"):
        Scenario.from_yaml(BASE.replace("horizon: 1998", "horizon: 1990").replace(
            "years: [1996, 1998]", "years: [1995, 1995]"))


def test_years_outside_horizon() -> None:
    with pytest.raises(ScenarioError, match=r"shocks\[0\]\.years = \[1996, 2001\] lies outside"):
        Scenario.from_yaml(BASE.replace("[1996, 1998]", "[1996, 2001]"))


def test_unknown_shock_kind() -> None:
    with pytest.raises(ScenarioError, match="line 6.*'final_demnd'"):
        Scenario.from_yaml(BASE.replace("kind: final_demand", "kind: final_demnd"))


def test_exactly_one_target_and_size() -> None:
    with pytest.raises(ScenarioError, match="exactly one of amount, growth_rate"):
        Scenario.from_yaml(BASE.replace("amount: 100", "amount: 100\n    growth_rate: 0.1"))
    with pytest.raises(ScenarioError, match="exactly one of sector, domain, creative"):
        Scenario.from_yaml(BASE.replace("sector: other_services", "creative: true\n"
                                        "    sector: other_services"))


def test_missing_required_field_and_bad_values() -> None:
    with pytest.raises(ScenarioError, match="table: required field is missing"):
        Scenario.from_yaml(BASE.replace("table: germany_1995\n", ""))
    with pytest.raises(ScenarioError, match="delta"):
        Scenario.from_yaml(BASE + "regionalisation: {delta: 1.2}\n")
    with pytest.raises(ScenarioError, match="deadweight"):
        Scenario.from_yaml(BASE + "net: {deadweight: 1.5}\n")


def test_not_yaml_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="not valid YAML"):
        Scenario.from_yaml("name: [unclosed\n")
    with pytest.raises(ScenarioError, match="does not exist"):
        Scenario.from_yaml(tmp_path / "nope.yaml")


def test_json_schema_is_exported() -> None:
    schema = Scenario.json_schema()
    assert schema["title"] == "Scenario"
    assert "shocks" in schema["properties"]
    assert set(schema["$defs"]) >= {"DemandShock", "OutputShock", "InvestmentProgramme",
                                    "TargetShock"}


def test_purchasers_prices_need_a_profile() -> None:
    shock = "  - {kind: final_demand, profile: illustrative_festival, amount: 10}\n"
    base = BASE.split("shocks:")[0] + "shocks:\n"
    with pytest.raises(ScenarioError, match="set prices: purchasers"):
        Scenario.from_yaml(base + shock)
    ok = Scenario.from_yaml(base + shock.replace("amount", "prices: purchasers, amount"))
    assert ok.shocks[0].profile == "illustrative_festival"
    with pytest.raises(ScenarioError, match="needs a profile") as err:
        Scenario.from_yaml(base + "  - {kind: final_demand, sector: x, prices: purchasers, "
                           "amount: 1}\n")
    assert "at least 1 item" not in str(err.value)
