"""BNS symmetric-table preset, tested on workbooks written to the published layout from the
bundled hybrid table (no real BNS file is available offline)."""

from __future__ import annotations

import pytest
from numpy.testing import assert_allclose

from creative_econ.datasets._kazakhstan_hybrid import SECTIONS, kazakhstan_hybrid
from creative_econ.errors import InvalidTableError, LabelMismatchError, UnknownSectorError
from creative_econ.io.bns import BNS_SIOT_LAYOUT, kpved_sections, read_bns_siot

from ._workbooks import KPVED_CODES, bns_workbook


@pytest.fixture(scope="module")
def kz():
    return kazakhstan_hybrid(2023)


@pytest.fixture(scope="module")
def workbook(kz, tmp_path_factory):
    return bns_workbook(kz, tmp_path_factory.mktemp("bns") / "siot_2023.xlsx")


def _by_code(kz):
    return {KPVED_CODES[s]: s for s in kz.sectors}


def test_reads_the_total_flow_workbook_back_to_domestic_flows(kz, workbook):
    t = read_bns_siot(workbook, year=2023)
    assert t.name == "kazakhstan_siot_2023"
    assert t.unit == "million KZT"
    assert list(t.sectors) == [KPVED_CODES[s] for s in kz.sectors]
    back = t.Z.rename(index=_by_code(kz), columns=_by_code(kz))
    assert_allclose(back, kz.Z, rtol=1e-9, atol=1e-6)
    fd = t.final_demand.rename(index=_by_code(kz))
    assert_allclose(fd[["households", "government", "gfcf", "exports"]],
                    kz.final_demand, rtol=1e-9, atol=1e-6)
    assert_allclose(t.x.to_numpy(), kz.x.to_numpy(), rtol=1e-12)
    assert_allclose(t.value_added.loc["compensation"].to_numpy(),
                    kz.value_added.loc["compensation"].to_numpy())
    assert t.labels.iloc[0] == kz.labels.iloc[0]
    assert t.households is not None
    assert t.households.imports > 0
    assert any("import proportionality" in n for n in t.notes)


def test_aggregates_kpved_products_to_oked_sections(kz, workbook):
    t = read_bns_siot(workbook, year=2023, aggregate="section")
    assert list(t.sectors) == list(SECTIONS)
    parent = {s: s[0] for s in kz.sectors}
    sec = kz.aggregate(parent)
    assert_allclose(t.Z, sec.Z, rtol=1e-9, atol=1e-6)
    assert_allclose(t.x, sec.x, rtol=1e-12)
    assert_allclose(t.multipliers()["output"], sec.multipliers()["output"], rtol=1e-8)


def test_domestic_flow_variant_by_adjusting_the_preset(kz, tmp_path):
    path = bns_workbook(kz, tmp_path / "domestic.xlsx", flows="domestic")
    layout = BNS_SIOT_LAYOUT.replace(flows="domestic", imports="Импорт", imports_column=None)
    t = read_bns_siot(path, layout=layout)
    assert_allclose(t.Z.to_numpy(), kz.Z.to_numpy(), rtol=1e-12)
    assert_allclose(t.imports.to_numpy(), kz.imports.to_numpy(), rtol=1e-12)


def test_workbook_missing_the_primary_input_block(kz, tmp_path):
    path = bns_workbook(kz, tmp_path / "no_va.xlsx", drop_rows=(
        "Оплата труда наемных работников",
        "Валовая прибыль экономики и валовые смешанные доходы",
        "Валовая добавленная стоимость", "Чистые налоги на продукты",
        "Выпуск в основных ценах"))
    with pytest.raises(LabelMismatchError, match=r"value-added block \(compensation\) is missing"):
        read_bns_siot(path)


def test_workbook_missing_a_final_demand_column(kz, tmp_path):
    path = bns_workbook(kz, tmp_path / "no_exports.xlsx", drop_columns=("Экспорт",))
    with pytest.raises(LabelMismatchError, match=r"final-demand block \(exports\) is missing"):
        read_bns_siot(path)


def test_workbook_missing_the_imports_column(kz, tmp_path):
    path = bns_workbook(kz, tmp_path / "no_imports.xlsx", flows="domestic")
    with pytest.raises(LabelMismatchError, match="imports column"):
        read_bns_siot(path)


def test_a_cell_that_is_not_a_number(kz, tmp_path):
    path = bns_workbook(kz, tmp_path / "bad.xlsx", bad_cell=True)
    with pytest.raises(InvalidTableError, match="'н/д' is not a number"):
        read_bns_siot(path)


def test_product_code_not_in_oked():
    assert kpved_sections(["01-03", "58-60", "68A", "C10-12"]) == {
        "01-03": "A", "58-60": "J", "68A": "L", "C10-12": "C"}
    with pytest.raises(UnknownSectorError, match="OKED"):
        kpved_sections(["01", "99X", "4A"])


def test_unknown_product_code_when_aggregating(kz, tmp_path):
    from creative_econ.io.tables import read_grid

    path = bns_workbook(kz, tmp_path / "odd.xlsx")
    grid = read_grid(path)
    row = grid.index[grid.iloc[:, 0] == "85"][0]
    col = list(grid.iloc[3]).index("85")
    grid.iloc[row, 0] = "P85X"  # not an OKED code: section letter P, division 85 is P, fine
    grid.iloc[3, col] = "P85X"
    grid.to_excel(tmp_path / "odd2.xlsx", header=False, index=False)
    t = read_bns_siot(tmp_path / "odd2.xlsx", aggregate="section")
    assert "P" in t.sectors
    grid.iloc[row, 0] = grid.iloc[3, col] = "Z85"
    grid.to_excel(tmp_path / "odd3.xlsx", header=False, index=False)
    with pytest.raises(UnknownSectorError, match="'Z85'"):
        read_bns_siot(tmp_path / "odd3.xlsx", aggregate="section")
