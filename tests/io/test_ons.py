"""ONS UK IOAT reader on the bundled ONS file, against the bundled table and the published
multipliers."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from creative_econ.datasets._tables import uk_ioat_2010
from creative_econ.errors import LabelMismatchError
from creative_econ.io.ons import ONS_IOAT_LAYOUT, read_ons_iot

ONS = Path(str(resources.files("creative_econ.datasets").joinpath(
    "data", "ons_uk_ioat_2010_siot_domestic_pxp.csv")))
PUBLISHED = Path(__file__).parents[1] / "reference" / "data" / \
    "ons_uk_ioat_2010_published_multipliers.csv"


@pytest.fixture(scope="module")
def read():
    return read_ons_iot(ONS, year=2010)


def test_matches_the_bundled_table(read):
    ref = uk_ioat_2010()
    assert list(read.sectors) == list(ref.sectors)
    pd.testing.assert_frame_equal(read.Z, ref.Z, check_names=True)  # axis "product"
    pd.testing.assert_frame_equal(read.final_demand, ref.final_demand, check_names=False)
    pd.testing.assert_frame_equal(read.value_added, ref.value_added, check_names=False)
    for what in ("x", "imports", "taxes"):
        pd.testing.assert_series_equal(getattr(read, what), getattr(ref, what),
                                       check_names=False)
    assert read.households == ref.households
    assert (read.labels == ref.labels).all()
    for kind in ("I", "II"):
        pd.testing.assert_frame_equal(read.multipliers(kind), ref.multipliers(kind),
                                      check_names=False)


def test_reproduces_the_published_type_i_output_multipliers(read):
    published = pd.read_csv(PUBLISHED).set_index("uk_row_label")["Output multiplier"]
    by_label = pd.Series(read.multipliers()["output"].to_numpy(), index=read.labels.to_numpy())
    mine = by_label.reindex(published.index)
    assert mine.notna().all()
    assert len(mine) == 127
    assert np.allclose(mine, published, atol=5e-5)  # published to many digits


def test_name_and_year(read):
    assert read.name == "ons_ioat_2010"
    assert read.year == 2010
    assert read.unit == "million GBP"


def test_an_edition_with_other_labels_needs_the_layout_adjusted(tmp_path):
    text = ONS.read_text(encoding="utf-8").replace("Compensation of employees",
                                                   "Employee compensation")
    path = tmp_path / "ioat.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LabelMismatchError, match=r"value-added block \(compensation\)"):
        read_ons_iot(path)
    layout = ONS_IOAT_LAYOUT.replace(value_added={
        **ONS_IOAT_LAYOUT.value_added, "compensation": "Employee compensation"})
    assert read_ons_iot(path, layout=layout).value_added.loc["compensation"].sum() > 0
