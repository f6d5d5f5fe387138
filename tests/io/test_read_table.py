"""The generic reader: blocks by labels and ranges, alternatives, total flows, errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose

from creative_econ.errors import InvalidTableError, LabelMismatchError
from creative_econ.io.tables import LabelRange, TableLayout, read_grid, read_table

from ._workbooks import small_csv

LAYOUT = TableLayout(
    final_demand={"households": "Households", "exports": ("Exports", "Экспорт")},
    value_added={"compensation": ("Compensation", "Wages"), "gos": "Profits"},
    imports="Imports",
    output=("Total output", "Output"),
    name_column=1,
    unit="million",
)


@pytest.fixture
def csv_path(tmp_path):
    return small_csv(tmp_path / "small.csv")


def test_reads_blocks_by_labels(csv_path):
    t = read_table(csv_path, layout=LAYOUT, year=2020)
    assert list(t.sectors) == ["s1", "s2", "s3"]
    assert t.Z.loc["s2", "s3"] == 10.0
    assert t.final_demand.columns.tolist() == ["households", "exports"]
    assert_allclose(t.x, [100, 200, 100])
    assert t.value_added.loc["compensation"].tolist() == [40, 60, 40]
    assert t.labels.tolist() == ["Farming", "Making", "Serving"]
    assert t.households.imports == 20.0
    assert t.year == 2020
    assert t.unit == "million"
    assert t.source == "small.csv"


def test_label_range_and_header_row_by_number(csv_path):
    layout = LAYOUT.replace(sectors=LabelRange("s1", "s2"), header_row=0, label_column=(0, 1))
    t = read_table(csv_path, layout=layout.replace(output=None))
    assert list(t.sectors) == ["s1", "s2"]
    assert t.Z.shape == (2, 2)


def test_sectors_as_a_list_and_separate_column_labels(tmp_path):
    grid = read_grid(small_csv(tmp_path / "t.csv"))
    grid.iloc[0, 2:5] = ["Farm", "Make", "Serve"]
    path = tmp_path / "renamed.csv"
    grid.to_csv(path, header=False, index=False)
    layout = LAYOUT.replace(sectors=["s1", "s2", "s3"],
                            sector_columns=LabelRange("Farm", "Serve"))
    t = read_table(path, layout=layout)
    assert t.Z.loc["s1", "s1"] == 10.0


def test_scale_and_zero_markers(tmp_path):
    grid = read_grid(small_csv(tmp_path / "t.csv"))
    grid.iloc[1, 3] = "-"
    grid.iloc[1, 5] = "15"  # fix the printed total (not read)
    grid.iloc[1, 6] = "70"  # households absorb the 20 taken from Z
    path = tmp_path / "dash.csv"
    grid.to_csv(path, header=False, index=False)
    t = read_table(path, layout=LAYOUT.replace(scale=1000.0))
    assert t.Z.loc["s1", "s2"] == 0.0
    assert t.x["s1"] == 100_000.0


def test_xlsx_with_numbers_as_cells(tmp_path):
    grid = read_grid(small_csv(tmp_path / "t.csv"))
    numeric = grid.map(lambda v: float(v) if str(v).replace(".", "").isdigit() else v)
    path = tmp_path / "t.xlsx"
    numeric.to_excel(path, header=False, index=False)
    t = read_table(path, layout=LAYOUT)
    assert t.Z.loc["s3", "s3"] == 20.0


def test_total_flows_are_made_domestic(tmp_path):
    rows = [
        ["", "a", "b", "Households", "Exports", "Imports"],
        ["a", "20", "30", "60", "10", "20"],   # output 100, imports 20, exports 10
        ["b", "10", "40", "70", "30", "50"],   # output 100, imports 50, exports 30
        ["Wages", "50", "10", "", "", ""],
        ["Output", "100", "100", "", "", ""],
    ]
    path = tmp_path / "total.csv"
    pd.DataFrame(rows).to_csv(path, header=False, index=False)
    layout = TableLayout(final_demand={"households": "Households", "exports": "Exports"},
                         value_added={"compensation": "Wages"}, output="Output",
                         flows="total", imports_column="Imports")
    t = read_table(path, layout=layout)
    mu = np.array([20 / 110, 50 / 120])
    assert_allclose(t.Z.to_numpy(), np.array([[20, 30], [10, 40]]) * (1 - mu)[:, None])
    assert_allclose(t.final_demand["exports"], [10, 30])
    assert_allclose(t.Z.sum(axis=1) + t.final_demand.sum(axis=1), [100, 100])
    assert_allclose(t.imports, mu @ np.array([[20, 30], [10, 40]]))
    assert t.households.imports == pytest.approx(float(mu @ [60, 70]))


def test_total_flows_need_the_imports_column(csv_path):
    with pytest.raises(InvalidTableError, match="imports_column"):
        read_table(csv_path, layout=LAYOUT.replace(flows="total"))


# ---------------------------------------------------------------- errors
def test_missing_final_demand_block(csv_path):
    layout = LAYOUT.replace(final_demand={"households": "Household consumption"})
    with pytest.raises(LabelMismatchError, match="final-demand block is missing"):
        read_table(csv_path, layout=layout)


def test_missing_label_says_which_block_and_suggests(csv_path):
    layout = LAYOUT.replace(final_demand={"households": "Households", "exports": "Exportz"},
                            header_row=0)
    with pytest.raises(LabelMismatchError, match=r"final-demand block \(exports\).*'exports'"):
        read_table(csv_path, layout=layout)


def test_missing_primary_input_block(csv_path):
    layout = LAYOUT.replace(value_added={"compensation": "Compensation of employees"},
                            output="Gross output", imports=None)
    with pytest.raises(LabelMismatchError, match="primary-input .* block is missing"):
        read_table(csv_path, layout=layout)


def test_missing_value_added_row(csv_path):
    layout = LAYOUT.replace(value_added={"compensation": "Wages", "gos": "Surplus"})
    with pytest.raises(LabelMismatchError, match=r"value-added block \(gos\) is missing"):
        read_table(csv_path, layout=layout)


def test_optional_rows_may_be_missing(csv_path):
    layout = LAYOUT.replace(value_added={"compensation": "Wages", "gos": "Surplus"},
                            optional=("gos",))
    t = read_table(csv_path, layout=layout.replace(output=None))
    assert t.value_added.index.tolist() == ["compensation"]


def test_missing_range_end(csv_path):
    with pytest.raises(LabelMismatchError, match="intermediate block .*'s9'"):
        read_table(csv_path, layout=LAYOUT.replace(sectors=LabelRange("s1", "s9")))


def test_no_symmetric_block(tmp_path):
    grid = read_grid(small_csv(tmp_path / "t.csv"))
    grid.iloc[0, 2:5] = ["x1", "x2", "x3"]
    path = tmp_path / "nosym.csv"
    grid.to_csv(path, header=False, index=False)
    with pytest.raises(LabelMismatchError, match="intermediate block"):
        read_table(path, layout=LAYOUT)


def test_non_numeric_cell_is_named(tmp_path):
    grid = read_grid(small_csv(tmp_path / "t.csv"))
    grid.iloc[2, 3] = "n/a"
    path = tmp_path / "bad.csv"
    grid.to_csv(path, header=False, index=False)
    with pytest.raises(InvalidTableError, match=r"row 's2' x column 's2' \(sheet cell D3\)"):
        read_table(path, layout=LAYOUT)


def test_output_that_does_not_add_up(tmp_path):
    grid = read_grid(small_csv(tmp_path / "t.csv"))
    grid.iloc[7, 2] = "150"
    path = tmp_path / "unbalanced.csv"
    grid.to_csv(path, header=False, index=False)
    from creative_econ.errors import BalanceError

    with pytest.raises(BalanceError):
        read_table(path, layout=LAYOUT)


def test_file_errors(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_table(tmp_path / "none.csv", layout=LAYOUT)
    other = tmp_path / "table.txt"
    other.write_text("x")
    with pytest.raises(InvalidTableError, match="csv or .xlsx"):
        read_table(other, layout=LAYOUT)


def test_bad_layout_arguments(csv_path):
    with pytest.raises(InvalidTableError, match="TableLayout"):
        read_table(csv_path, layout={"final_demand": {}})  # type: ignore[arg-type]
    with pytest.raises(InvalidTableError, match="header_row=99"):
        read_table(csv_path, layout=LAYOUT.replace(header_row=99))
    from creative_econ.errors import InvalidOptionError

    with pytest.raises(InvalidOptionError, match="flows"):
        read_table(csv_path, layout=LAYOUT.replace(flows="imported"))


def test_the_file_is_not_modified(csv_path):
    before = csv_path.read_bytes()
    read_table(csv_path, layout=LAYOUT)
    assert csv_path.read_bytes() == before


def test_an_in_memory_grid_is_not_modified(tmp_path):
    from creative_econ.io.tables import table_from_grid

    grid = read_grid(small_csv(tmp_path / "t.csv"))
    before = grid.copy()
    table_from_grid(grid, LAYOUT)
    pd.testing.assert_frame_equal(grid, before)
