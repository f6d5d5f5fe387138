"""RegionalData: construction, validation against a national table, and bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from creative_econ.errors import (
    InvalidOptionError,
    LabelMismatchError,
    UnknownRegionError,
    UnknownSectorError,
)
from creative_econ.regional import RegionalData, RegionalDataError


@pytest.fixture
def sectors() -> list[str]:
    return ["arts", "film", "other"]


@pytest.fixture
def output(sectors) -> pd.DataFrame:
    return pd.DataFrame([[2.0, 1.0, 30.0], [1.0, 0.0, 12.0]], index=["ABY", "KZL"],
                        columns=sectors)


def test_holds_all_regions_bases_centres_and_vintage(output) -> None:
    employment = output * 10
    centres = pd.DataFrame({"lat": [50.41, 44.85], "lon": [80.23, 65.50]},
                           index=["ABY", "KZL"])
    reg = RegionalData(output=output, employment=employment.loc[["ABY"]], centres=centres,
                       names={"ABY": "Abai region"}, year=2023, border_vintage="KZ-2022",
                       unit="billion KZT")
    assert reg.regions.tolist() == ["ABY", "KZL"]
    assert reg.bases == ("output", "employment")
    assert reg.name("ABY") == "Abai region"
    assert reg.name("KZL") == "KZL"
    assert reg.centres.loc["ABY", "lat"] == pytest.approx(50.41)
    assert "KZ-2022" in repr(reg)


def test_caller_frames_are_copied_and_stored_read_only(output) -> None:
    before = output.copy()
    reg = RegionalData(output=output)
    output.iloc[0, 0] = 999.0
    assert reg.output.iloc[0, 0] == 2.0
    with pytest.raises(ValueError, match="read-only"):
        reg.output.to_numpy()[0, 0] = 5.0
    output.iloc[0, 0] = before.iloc[0, 0]


def test_long_round_trip(output) -> None:
    reg = RegionalData(output=output, gva=output * 0.4)
    back = RegionalData.from_long(reg.to_frame(), year=2020)
    pd.testing.assert_frame_equal(back.output.loc[output.index, output.columns], reg.output,
                                  check_names=False)
    assert back.year == 2020


def test_values_align_to_the_table_sectors(output, sectors) -> None:
    reg = RegionalData(output=output[["other", "arts", "film"]])
    got = reg.values("ABY", "output", pd.Index(sectors))
    assert got.tolist() == [2.0, 1.0, 30.0]


def test_validate_against_a_national_table(uk_2010) -> None:
    reg = RegionalData(output=(uk_2010.x * 0.1).to_frame("R").T)
    assert reg.validate_against(uk_2010) is reg


# ----------------------------------------------------------------------------- bad input
def test_region_listed_twice(output) -> None:
    twice = pd.concat([output, output.loc[["ABY"]]])
    with pytest.raises(LabelMismatchError, match=r"region\(s\) \['ABY'\] more than once"):
        RegionalData(output=twice)


def test_sector_listed_twice(output) -> None:
    dup = pd.concat([output, output[["arts"]]], axis=1)
    with pytest.raises(LabelMismatchError, match="sector"):
        RegionalData(output=dup)


def test_negative_regional_data(output) -> None:
    bad = output.copy()
    bad.loc["KZL", "film"] = -1.0
    with pytest.raises(RegionalDataError, match="negative for region 'KZL', sector 'film'"):
        RegionalData(output=bad)


def test_missing_regional_data(output) -> None:
    bad = output.copy()
    bad.loc["ABY", "arts"] = np.nan
    with pytest.raises(RegionalDataError, match="missing .* region 'ABY', sector 'arts'"):
        RegionalData(output=bad)


def test_no_basis() -> None:
    with pytest.raises(RegionalDataError, match="at least one of output="):
        RegionalData(year=2020)


def test_series_instead_of_frame(output) -> None:
    with pytest.raises(RegionalDataError, match="got a Series"):
        RegionalData(output=output.loc["ABY"])


def test_invalid_centre(output) -> None:
    centres = pd.DataFrame({"lat": [95.0], "lon": [10.0]}, index=["ABY"])
    with pytest.raises(RegionalDataError, match="centre of region 'ABY'"):
        RegionalData(output=output, centres=centres)


def test_unknown_region_suggests_the_closest(output, sectors) -> None:
    reg = RegionalData(output=output)
    with pytest.raises(UnknownRegionError, match="Did you mean 'ABY'"):
        reg.values("ABYY", "output", pd.Index(sectors))


def test_basis_not_given(output, sectors) -> None:
    reg = RegionalData(output=output)
    with pytest.raises(RegionalDataError, match="no employment figures"):
        reg.values("ABY", "employment", pd.Index(sectors))
    with pytest.raises(InvalidOptionError, match="basis="):
        reg.basis("jobs")  # type: ignore[arg-type]


def test_unknown_sector_suggests_the_closest(uk_2010) -> None:
    frame = (uk_2010.x * 0.1).to_frame("R").T.rename(columns={"90": "90 "})
    with pytest.raises(UnknownSectorError, match="Did you mean '90'"):
        RegionalData(output=frame).validate_against(uk_2010)


def test_missing_sectors_are_named(uk_2010) -> None:
    frame = (uk_2010.x * 0.1).to_frame("R").T.drop(columns=["90", "91"])
    with pytest.raises(LabelMismatchError, match=r"lack 2 sector\(s\).*'90', '91'"):
        RegionalData(output=frame).validate_against(uk_2010)


def test_region_larger_than_the_nation(uk_2010) -> None:
    frame = (uk_2010.x * 0.1).to_frame("R").T
    frame["90"] = uk_2010.x["90"] * 1.5
    with pytest.raises(RegionalDataError, match="more than the nation's"):
        RegionalData(output=frame).validate_against(uk_2010)


def test_regions_together_larger_than_the_nation(uk_2010) -> None:
    frame = pd.concat([(uk_2010.x * 0.6).to_frame("A").T, (uk_2010.x * 0.6).to_frame("B").T])
    with pytest.raises(RegionalDataError, match="2 regions together"):
        RegionalData(output=frame).validate_against(uk_2010)


def test_employment_basis_needs_national_employment(uk_2010) -> None:
    reg = RegionalData(employment=(uk_2010.x * 0.01).to_frame("R").T)
    with pytest.raises(RegionalDataError, match="needs national employment"):
        reg.validate_against(uk_2010)


def test_kazakhstan_regional_output_as_documented() -> None:
    # docs/guide/regional.md, "Regional data": Abai region in 2023 (BNS output by section).
    import creative_econ as ce
    from creative_econ.regional import flegg_lambda, simple_lq

    kz = ce.load_dataset("kazakhstan_output_by_region")
    y = kz[kz["year"] == 2023].assign(basis="output")
    reg = RegionalData.from_long(y, region="region", sector="section", value="output_mln_kzt",
                                 year=2023, border_vintage="KZ-2022", unit="million KZT")
    assert len(reg.regions) == 20
    nation = reg.output.sum(axis=0)
    abai = reg.output.loc["ABY"]
    assert abai.sum() / nation.sum() == pytest.approx(0.0270, abs=5e-5)
    assert float(flegg_lambda(abai.sum(), nation.sum(), 0.3)) == pytest.approx(0.376, abs=5e-4)
    assert float(flegg_lambda(abai.sum(), nation.sum(), 0.175)) == pytest.approx(0.565,
                                                                                 abs=5e-4)
    slq = pd.Series(simple_lq(abai.to_numpy(), nation.to_numpy()), index=reg.output.columns)
    assert slq["R"] == pytest.approx(0.33, abs=5e-3)
    assert slq["J"] == pytest.approx(0.16, abs=5e-3)
