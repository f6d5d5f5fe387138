"""pymrio interoperability: round trips, one region of an MRIO, the aggregated system, and
cross-checks of the Ghosh inverse, linkages and satellite multipliers against pymrio's own
calc_L, calc_G and extension accounts (an independent implementation)."""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from numpy.testing import assert_allclose

import creative_econ as ce
from creative_econ import analysis as an
from creative_econ.errors import (
    InvalidOptionError,
    InvalidTableError,
    LabelMismatchError,
    UnknownRegionError,
)
from creative_econ.io.pymrio import EXPORTS_COLUMN, from_pymrio, to_pymrio
from tests.strategies import io_tables

pymrio = pytest.importorskip("pymrio")

ROUND_TRIP = {"value_added": "factor_inputs", "imports": "imports", "taxes": "taxes",
              "employment": ("employment", "employment")}


@pytest.fixture(scope="module")
def test_mrio() -> object:
    """pymrio's bundled 6-region, 8-sector test system (ships with pymrio; no download)."""
    return pymrio.load_test()


def _same_table(a: ce.IOTable, b: ce.IOTable) -> None:
    assert list(a.sectors) == list(b.sectors)
    assert_allclose(a.Z, b.Z, rtol=0, atol=0)
    assert_allclose(a.final_demand, b.final_demand, rtol=0, atol=0)
    assert list(a.final_demand.columns) == list(b.final_demand.columns)
    assert_allclose(a.x, b.x, rtol=0, atol=0)
    pd.testing.assert_frame_equal(a.value_added, b.value_added, check_names=False)
    for name in ("imports", "taxes", "employment"):
        sa, sb = getattr(a, name), getattr(b, name)
        assert (sa is None) == (sb is None)
        if sa is not None:
            assert_allclose(sa, sb, rtol=0, atol=0)


# ---------------------------------------------------------------------------- round trips
def test_round_trip_germany(germany_1995: ce.IOTable) -> None:
    io = to_pymrio(germany_1995)
    back = from_pymrio(io, households=germany_1995.households, **ROUND_TRIP)
    _same_table(germany_1995, back)
    assert back.name == "germany_1995"
    assert back.unit == "million EUR"
    assert back.year == 1995
    for type_ in ("I", "II"):
        assert_allclose(back.multipliers(type_), germany_1995.multipliers(type_), rtol=1e-14)


def test_layout_follows_pymrio_conventions(germany_1995: ce.IOTable) -> None:
    io = to_pymrio(germany_1995, region="DE")
    assert io.Z.index.names == ["region", "sector"]
    assert io.Z.columns.names == ["region", "sector"]
    assert io.Y.columns.names == ["region", "category"]
    assert list(io.x.columns) == ["indout"]
    assert list(io.get_regions()) == ["DE"]
    assert list(io.get_sectors()) == list(germany_1995.sectors)
    assert list(io.factor_inputs.F.index) == [
        "compensation", "other_net_taxes_on_production", "consumption_of_fixed_capital",
        "net_operating_surplus", "imports", "taxes"]
    assert io.factor_inputs.F.index.name == "inputtype"
    assert io.employment.unit.loc["employment", "unit"] == "thousand persons"
    # The export is a copy: editing it leaves the table alone.
    io.Z.iloc[0, 0] = -1.0
    assert germany_1995.Z.iloc[0, 0] == 1131.0


@settings(max_examples=25)
@given(io_tables(max_n=6, households=False))
def test_round_trip_property(t: ce.IOTable) -> None:
    back = from_pymrio(to_pymrio(t), **ROUND_TRIP)
    _same_table(t, back)
    assert_allclose(back.multipliers("I").fillna(-1), t.multipliers("I").fillna(-1),
                    rtol=1e-12)


# ---------------------------------------------------------------------------- pymrio as oracle
@pytest.mark.parametrize("name", ["germany_1995", "uk_ioat_2010"])
def test_ghosh_and_linkages_agree_with_pymrio(name: str) -> None:
    t = ce.load_dataset(name)
    io = to_pymrio(t)
    io.calc_all(include_ghosh=True)  # pymrio inverts I - A and I - B itself
    assert_allclose(t.L.to_numpy(), io.L.to_numpy(), rtol=1e-9, atol=1e-12)
    assert_allclose(t.B.to_numpy(), io.B.to_numpy(), rtol=1e-12, atol=1e-15)
    G = io.G.to_numpy()
    zero = t.x.to_numpy() == 0
    assert_allclose(t.G.to_numpy()[np.ix_(~zero, ~zero)], G[np.ix_(~zero, ~zero)], rtol=1e-8,
                    atol=1e-11)
    frame = an.linkages(t).by_sector
    assert_allclose(frame["forward_ghosh"][~zero], G[np.ix_(~zero, ~zero)].sum(axis=1),
                    rtol=1e-8)
    assert_allclose(frame["backward"][~zero], io.L.to_numpy()[np.ix_(~zero, ~zero)].sum(axis=0),
                    rtol=1e-9)
    cols = list(t.sectors[:3])
    assert_allclose(an.ghosh_columns(t, cols)[~zero], G[:, :3][~zero], rtol=1e-8, atol=1e-11)
    # pymrio's M = S L for the extension rows equals our effects.
    M = io.factor_inputs.M
    eff = t.effects("I")
    assert_allclose(M.loc["imports"], eff["imports"], rtol=1e-9, atol=1e-13)
    assert_allclose(M.loc["compensation"], eff["income"], rtol=1e-9, atol=1e-13)


# ---------------------------------------------------------------------------- MRIO regions
def test_one_region_of_an_mrio(test_mrio: object) -> None:
    io = test_mrio
    t = from_pymrio(io, region="reg2", value_added="factor_inputs")
    sectors = list(io.get_sectors())
    assert list(t.sectors) == sectors
    assert t.final_demand.columns[-1] == EXPORTS_COLUMN
    Z, Y = io.Z, io.Y
    assert_allclose(t.Z, Z.loc["reg2", "reg2"], rtol=0)
    x = Z.sum(axis=1) + Y.sum(axis=1)
    assert_allclose(t.x, x.loc["reg2"], rtol=1e-12)
    others = [r for r in io.get_regions() if r != "reg2"]
    imports = sum(Z.loc[r, "reg2"].sum(axis=0) for r in others)
    assert_allclose(t.imports, imports, rtol=1e-12)
    exports = (Z.loc["reg2"].drop(columns="reg2", level=0).sum(axis=1)
               + Y.loc["reg2"].drop(columns="reg2", level=0).sum(axis=1))
    assert_allclose(t.final_demand[EXPORTS_COLUMN], exports, rtol=1e-12)
    assert_allclose(t.value_added.loc["Value Added"], io.factor_inputs.F["reg2"].iloc[0])
    # The region's coefficients and inverse are the domestic block of pymrio's.
    sys_ = io.copy()
    sys_.calc_system()
    A_rr = sys_.A.loc["reg2", "reg2"].to_numpy()
    assert_allclose(t.A.to_numpy(), A_rr, rtol=1e-12, atol=1e-16)
    assert_allclose(t.L.to_numpy(), np.linalg.inv(np.eye(len(sectors)) - A_rr), rtol=1e-9)
    # The system itself was not computed on or changed.
    assert io.x is None
    assert io.A is None


def test_all_regions_equals_pymrio_aggregation(test_mrio: object) -> None:
    io = test_mrio
    world = from_pymrio(io, region="all", value_added="factor_inputs")
    agg = io.copy()
    agg.calc_all()
    agg.aggregate(region_agg="global")
    via_pymrio = from_pymrio(agg, value_added="factor_inputs")
    assert_allclose(world.Z, via_pymrio.Z, rtol=1e-12)
    assert_allclose(world.final_demand, via_pymrio.final_demand, rtol=1e-12)
    assert_allclose(world.x, via_pymrio.x, rtol=1e-12)
    assert_allclose(world.value_added, via_pymrio.value_added, rtol=1e-12)
    assert_allclose(world.multipliers("I")["output"], via_pymrio.multipliers("I")["output"],
                    rtol=1e-10)
    assert world.imports is None


def test_employment_rows_and_names(test_mrio: object) -> None:
    t = from_pymrio(test_mrio, region="reg1", employment=("emissions", "emission_type1 - air"),
                    name="reg1", unit="USD mn", year=2000)
    assert_allclose(t.employment, test_mrio.emissions.F["reg1"].iloc[0])
    assert (t.name, t.unit, t.year) == ("reg1", "USD mn", 2000)


# ---------------------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({}, InvalidOptionError, r"region=None.*'reg1'.*'all'"),
        ({"region": "reg9"}, UnknownRegionError, r"Unknown region 'reg9'.*Did you mean"),
        ({"region": "reg1", "value_added": "factors"}, InvalidOptionError,
         r"value_added='factors'.*'factor_inputs'"),
        ({"region": "reg1", "value_added": "factor_inputs", "imports": "Imports"},
         InvalidOptionError, r"imports='Imports'.*'Value Added'"),
        ({"region": "reg1", "imports": "Imports"}, InvalidOptionError, "value_added=None"),
        ({"region": "reg1", "value_added": "factor_inputs", "imports": "Value Added",
          "taxes": "Value Added"}, LabelMismatchError, "both imports and taxes"),
        ({"region": "reg1", "employment": ("emissions", "jobs")}, InvalidOptionError,
         "employment row='jobs'"),
    ],
)
def test_from_pymrio_bad_input(test_mrio: object, kwargs: dict, error: type, match: str) -> None:
    with pytest.raises(error, match=match):
        from_pymrio(test_mrio, **kwargs)


def test_from_pymrio_needs_an_iosystem_with_flows(germany_1995: ce.IOTable) -> None:
    with pytest.raises(InvalidTableError, match="must be a pymrio.IOSystem"):
        from_pymrio(germany_1995)  # type: ignore[arg-type]
    empty = pymrio.IOSystem(Y=to_pymrio(germany_1995).Y)
    with pytest.raises(InvalidTableError, match="neither Z nor A and x"):
        from_pymrio(empty)
    no_y = pymrio.IOSystem(Z=to_pymrio(germany_1995).Z)
    with pytest.raises(InvalidTableError, match="no final demand Y"):
        from_pymrio(no_y)


def test_from_coefficients_and_output(germany_1995: ce.IOTable) -> None:
    io = to_pymrio(germany_1995)
    io.Z = None  # a system given as A and x
    back = from_pymrio(io)
    assert_allclose(back.Z, germany_1995.Z, rtol=1e-12)


def test_to_pymrio_refuses_colliding_rows() -> None:
    s = pd.Index(["a", "b"], name="sector")
    t = ce.IOTable.from_frames(
        Z=pd.DataFrame([[1.0, 2.0], [3.0, 1.0]], index=s, columns=s),
        final_demand=pd.Series([10.0, 10.0], index=s),
        value_added=pd.DataFrame([[1.0, 1.0]], index=["imports"], columns=s),
        imports=pd.Series([1.0, 1.0], index=s),
    )
    with pytest.raises(LabelMismatchError, match="row called 'imports'"):
        to_pymrio(t)


def test_missing_pymrio_gives_a_clear_import_error(
    germany_1995: ce.IOTable, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pymrio", None)
    with pytest.raises(ImportError, match="pip install pymrio"):
        to_pymrio(germany_1995)
