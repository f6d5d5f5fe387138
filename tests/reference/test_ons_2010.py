"""ONS, *UK Input-Output Analytical Tables 2010* (product x product, 127 products): the
published Leontief inverse and Type I multipliers and effects (output, GVA, employment cost).

File quirks handled here: rows of the published multipliers file follow product order (they
are matched by position; labels carry a stray \\x1a character in some rows); the column
``employment_cost_multiplier`` is a rank, the value is ``Employment cost multiplier``; ONS
prints 0 where the multiplier is undefined (owner-occupiers' housing pays no compensation),
which creative_econ reports as NaN with a note.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose

import creative_econ as ce
from tests.conftest import REFERENCE

RTOL = 1e-9  # the published values are full double precision


@pytest.fixture(scope="module")
def published() -> pd.DataFrame:
    pub = pd.read_csv(REFERENCE / "ons_uk_ioat_2010_published_multipliers.csv")
    assert len(pub) == 127
    return pub


def test_labels_match_products_in_order(uk_2010: ce.IOTable, published: pd.DataFrame) -> None:
    clean = published["uk_row_label"].str.replace("\x1a", " ", regex=False)
    clean = clean.str.split().str.join(" ").str.lower()
    ours = uk_2010.labels.str.split().str.join(" ").str.lower()
    assert (clean.to_numpy() == ours.to_numpy()).mean() > 0.85  # spelling differs a little
    assert ours["90"].startswith("creative, arts and entertainment services")


def test_leontief_inverse(uk_2010: ce.IOTable) -> None:
    L = pd.read_csv(REFERENCE / "ons_uk_ioat_2010_leontief_inverse_pxp.csv", dtype={"uk_row": str})
    L = L.set_index("uk_row").loc[uk_2010.sectors, list(uk_2010.sectors)]
    assert_allclose(uk_2010.L.to_numpy(), L.to_numpy(dtype=float), rtol=RTOL, atol=1e-13)


def test_output_multipliers_all_127(uk_2010: ce.IOTable, published: pd.DataFrame) -> None:
    assert_allclose(uk_2010.multipliers("I")["output"], published["Output multiplier"], rtol=RTOL)


def test_gva_multipliers_and_effects(uk_2010: ce.IOTable, published: pd.DataFrame) -> None:
    assert_allclose(uk_2010.multipliers("I")["gva"], published["GVA multiplier"], rtol=RTOL)
    assert_allclose(uk_2010.effects("I")["gva"], published["GVA effects"], rtol=RTOL)


def test_employment_cost_multipliers_and_effects(
    uk_2010: ce.IOTable, published: pd.DataFrame
) -> None:
    ours = uk_2010.multipliers("I")["income"].to_numpy()
    theirs = published["Employment cost multiplier"].to_numpy()
    undefined = np.isnan(ours)
    assert list(uk_2010.sectors[undefined]) == ["68-2IMP"]
    assert theirs[undefined] == pytest.approx(0.0)  # ONS prints 0 where undefined
    assert_allclose(ours[~undefined], theirs[~undefined], rtol=RTOL)
    assert_allclose(uk_2010.effects("I")["income"], published["Employment cost effects"], rtol=RTOL)
    assert any("income multiplier undefined" in n and "68-2IMP" in n for n in uk_2010.notes)


def test_creative_products_within_published_ranges(uk_2010: ce.IOTable) -> None:
    # METHODS §8 quotes ONS Type I output multipliers for creative products.
    m = uk_2010.multipliers("I")["output"]
    assert m["90"] == pytest.approx(1.649, abs=5e-4)  # creative, arts & entertainment
    assert m["59-60"] == pytest.approx(1.605, abs=5e-4)  # film, TV, music, broadcasting
    assert m["58"] == pytest.approx(1.678, abs=5e-4)  # publishing
    assert m["73"] == pytest.approx(1.709, abs=5e-4)  # advertising & market research
    assert m["92"] == pytest.approx(1.377, abs=5e-4)  # gambling


def test_primary_inputs_close_every_column(uk_2010: ce.IOTable) -> None:
    e = uk_2010.effects("I")
    assert_allclose(e["gva"] + e["imports"] + e["taxes"], 1.0, atol=1e-10)
    assert not any("Column identity" in n for n in uk_2010.notes)
