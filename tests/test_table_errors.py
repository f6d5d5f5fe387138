"""Bad input gets a specific error that says what and where; one test per case."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import creative_econ as ce
from creative_econ.errors import (
    BalanceError,
    CreativeEconError,
    DatasetNotFoundError,
    InvalidOptionError,
    InvalidShockError,
    InvalidTableError,
    LabelMismatchError,
    NotProductiveError,
    UnknownSectorError,
)

S = pd.Index(["arts", "film", "other"], name="sector")


def frames(**changes):
    Z = pd.DataFrame([[10.0, 5, 1], [2, 20, 4], [3, 6, 30]], index=S, columns=S)
    fd = pd.DataFrame({"households": [30.0, 20, 100], "exports": [5.0, 10, 20]}, index=S)
    va = pd.DataFrame([[10.0, 12, 50], [8.0, 9, 40]], index=["compensation", "gos"], columns=S)
    kw = {"Z": Z, "final_demand": fd, "value_added": va,
          "employment": pd.Series([3.0, 4, 5], index=S)}
    kw.update(changes)
    return kw


def test_valid_frames_build() -> None:
    t = ce.IOTable.from_frames(**frames())
    assert t.n == 3


def test_non_square_z() -> None:
    Z = frames()["Z"].iloc[:, :2]
    with pytest.raises(InvalidTableError, match="square.*3 rows and 2 columns"):
        ce.IOTable.from_frames(**frames(Z=Z))


def test_z_rows_and_columns_differ() -> None:
    Z = frames()["Z"].rename(columns={"film": "movies"})
    with pytest.raises(LabelMismatchError, match=r"missing \['film'\].*unexpected \['movies'\]"):
        ce.IOTable.from_frames(**frames(Z=Z))


def test_z_columns_in_another_order_are_aligned_by_label() -> None:
    base = ce.IOTable.from_frames(**frames())
    Z = frames()["Z"][["other", "arts", "film"]]
    t = ce.IOTable.from_frames(**frames(Z=Z))
    pd.testing.assert_frame_equal(t.A, base.A)


def test_final_demand_labels_differ() -> None:
    fd = frames()["final_demand"].rename(index={"other": "rest"})
    with pytest.raises(LabelMismatchError, match="final_demand.*missing.*'other'"):
        ce.IOTable.from_frames(**frames(final_demand=fd))


def test_satellite_labels_differ() -> None:
    emp = pd.Series([3.0, 4, 5], index=["arts", "film", "others"])
    with pytest.raises(LabelMismatchError, match="employment.*unexpected.*'others'"):
        ce.IOTable.from_frames(**frames(employment=emp))


def test_duplicate_labels() -> None:
    Z = frames()["Z"]
    Z.index = ["arts", "film", "arts"]
    with pytest.raises(LabelMismatchError, match="duplicate labels.*'arts'"):
        ce.IOTable.from_frames(**frames(Z=Z))


def test_nan_in_z() -> None:
    Z = frames()["Z"]
    Z.loc["film", "arts"] = np.nan
    with pytest.raises(InvalidTableError, match=r"Z has missing or infinite.*\('film', 'arts'\)"):
        ce.IOTable.from_frames(**frames(Z=Z))


def test_inf_in_final_demand() -> None:
    fd = frames()["final_demand"]
    fd.loc["other", "exports"] = np.inf
    with pytest.raises(InvalidTableError, match="final_demand.*'other', 'exports'"):
        ce.IOTable.from_frames(**frames(final_demand=fd))


def test_non_numeric_values() -> None:
    Z = frames()["Z"].astype(object)
    Z.loc["arts", "arts"] = "1,000"
    with pytest.raises(InvalidTableError, match="Z contains non-numeric"):
        ce.IOTable.from_frames(**frames(Z=Z))


def test_negative_intermediate_flow_refused_unless_allowed() -> None:
    Z = frames()["Z"]
    Z.loc["arts", "film"] = -1.0
    msg = r"negative.*\('arts', 'film'\) = -1.*allow_negative"
    with pytest.raises(InvalidTableError, match=msg):
        ce.IOTable.from_frames(**frames(Z=Z))
    t = ce.IOTable.from_frames(**frames(Z=Z), allow_negative=True)
    assert t.A.loc["arts", "film"] < 0


def test_negative_employment() -> None:
    with pytest.raises(InvalidTableError, match="employment is negative.*'film'"):
        ce.IOTable.from_frames(**frames(employment=pd.Series([3.0, -4, 5], index=S)))


def test_output_disagrees_with_row_identity() -> None:
    out = pd.Series([51.0, 56.0, 159.0], index=S)  # = Z·1 + f
    ce.IOTable.from_frames(**frames(output=out))
    with pytest.raises(BalanceError, match=r"'film': given 56.05.*Z·1 \+ f = 56"):
        ce.IOTable.from_frames(**frames(output=out + pd.Series([0, 0.05, 0], index=S)))


def test_zero_output_with_inputs() -> None:
    Z = frames()["Z"]
    Z.loc["film"] = 0.0  # film sells nothing ...
    fd = frames()["final_demand"]
    fd.loc["film"] = 0.0  # ... so its output is zero, but it still buys inputs
    with pytest.raises(InvalidTableError, match="'film' has zero output but non-zero inputs"):
        ce.IOTable.from_frames(**frames(Z=Z, final_demand=fd))


def test_zero_output_sector_is_noted_and_shocks_refused() -> None:
    Z = frames()["Z"]
    Z.loc["film"] = 0.0
    Z["film"] = 0.0
    fd = frames()["final_demand"]
    fd.loc["film"] = 0.0
    va = frames()["value_added"]
    va["film"] = 0.0
    t = ce.IOTable.from_frames(**frames(Z=Z, final_demand=fd, value_added=va,
                                        employment=pd.Series([3.0, 0, 5], index=S)))
    assert any("Zero-output" in n and "'film'" in n for n in t.notes)
    assert np.isfinite(t.A.to_numpy()).all()
    assert t.multipliers("I").loc["film", "output"] == 1.0
    with pytest.raises(InvalidShockError, match="'film' has zero output"):
        t.impact({"film": 1.0})


def test_not_productive() -> None:
    Z = pd.DataFrame([[60.0, 60], [60, 60]], index=["a", "b"], columns=["a", "b"])
    with pytest.raises(NotProductiveError, match="spectral radius 1.2") as err:
        ce.IOTable.from_frames(Z=Z, final_demand=pd.Series([1.0, 1.0], index=["a", "b"]),
                               output=pd.Series([100.0, 100.0], index=["a", "b"]), rtol=10)
    assert err.value.spectral_radius == pytest.approx(1.2)


def test_unknown_sector_in_shock_suggests_the_closest() -> None:
    t = ce.IOTable.from_frames(**frames())
    with pytest.raises(UnknownSectorError, match="'flim'.*Did you mean 'film'"):
        t.impact({"flim": 10.0})


def test_non_finite_shock() -> None:
    t = ce.IOTable.from_frames(**frames())
    with pytest.raises(InvalidShockError, match="'arts' is not finite"):
        t.impact({"arts": float("nan")})


def test_negative_household_consumption() -> None:
    fd = frames()["final_demand"]
    fd.loc["film", "households"] = -5.0
    fd.loc["film", "exports"] = 35.0
    with pytest.raises(InvalidTableError, match="consumption is negative for sector 'film'"):
        ce.IOTable.from_frames(**frames(final_demand=fd),
                               households=ce.Households(consumption="households"))


def test_household_column_unknown() -> None:
    with pytest.raises(LabelMismatchError, match="no such final-demand column"):
        ce.IOTable.from_frames(**frames(), households=ce.Households(consumption="hh"))


def test_closed_model_not_productive() -> None:
    with pytest.raises(NotProductiveError, match="household-closed model is not productive"):
        ce.IOTable.from_frames(**frames(), households=ce.Households(consumption="households",
                                                                     total_income=1.0))


def test_type_ii_without_households() -> None:
    t = ce.IOTable.from_frames(**frames())
    with pytest.raises(InvalidTableError, match="Type II needs a household closure"):
        t.multipliers("II")


def test_unknown_model_type() -> None:
    t = ce.IOTable.from_frames(**frames())
    with pytest.raises(InvalidOptionError, match="type='III'.*'I', 'II'"):
        t.effects("III")
    with pytest.raises(InvalidTableError, match="SAM multipliers are out of scope"):
        t.effects("SAM")


def test_value_added_transposed_gets_a_hint() -> None:
    va = frames()["value_added"].T
    with pytest.raises(LabelMismatchError, match=r"transposed.*value_added\.T"):
        ce.IOTable.from_frames(**frames(value_added=va))


def test_explicit_income_component_missing() -> None:
    with pytest.raises(LabelMismatchError, match="income_component='wages'"):
        ce.IOTable.from_frames(**frames(), income_component="wages")


def test_aggregate_mapping_errors() -> None:
    t = ce.IOTable.from_frames(**frames())
    with pytest.raises(LabelMismatchError, match="leaves 1 sector.*'other'"):
        t.aggregate({"arts": "creative", "film": "creative"})
    with pytest.raises(UnknownSectorError, match="'cinema'"):
        t.aggregate({"arts": "c", "film": "c", "other": "o", "cinema": "c"})


def test_unknown_dataset() -> None:
    with pytest.raises(DatasetNotFoundError, match="'uk_ioat_2011'.*Did you mean 'uk_ioat_2010'"):
        ce.load_dataset("uk_ioat_2011")


def test_errors_are_also_builtin_errors() -> None:
    assert issubclass(InvalidTableError, ValueError)
    assert issubclass(UnknownSectorError, KeyError)
    assert issubclass(DatasetNotFoundError, LookupError)
    for exc in (InvalidTableError, UnknownSectorError, NotProductiveError, InvalidShockError):
        assert issubclass(exc, CreativeEconError)
