"""Workbooks written to published layouts from bundled data, for the reader tests."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook

#: KPVED-like product codes (CPA divisions) of the hybrid sectors.
KPVED_CODES = {
    "A": "01-03", "B": "05-09", "C": "10-33", "D": "35", "E": "36-39", "F": "41-43",
    "G": "45-47", "H": "49-53", "I": "55-56", "J58-60": "58-60", "J62-63": "62-63",
    "J_other": "61", "K": "64-66", "L": "68", "M71": "71", "M73": "73", "M74": "74",
    "M_other": "69-70, 72, 75", "N": "77-82", "O": "84", "P": "85", "Q": "86-88",
    "R90": "90", "R91": "91", "R92-93": "92-93", "S": "94-96",
}
FD_LABELS = {
    "households": "Расходы на конечное потребление домашних хозяйств",
    "government": "Расходы на конечное потребление государственного управления",
    "gfcf": "Валовое накопление основного капитала",
    "exports": "Экспорт",
}
VA_LABELS = {
    "compensation": "Оплата труда наемных работников",
    "other_gva": "Валовая прибыль экономики и валовые смешанные доходы",
}


def import_shares(table) -> np.ndarray:
    """Illustrative import shares of domestic use by product (goods 25%, services 8%)."""
    return np.array([0.25 if s[0] in "ABCDE" else 0.08 for s in table.sectors])


def bns_workbook(table, path: Path, *, flows: str = "total", drop_rows: tuple[str, ...] = (),
                 drop_columns: tuple[str, ...] = (), bad_cell: bool = False) -> Path:
    """Write ``table`` in the BNS symmetric-table layout (title rows, codes and names).

    ``flows="total"``: intermediate and domestic final use are grossed up by the import
    shares of :func:`import_shares`, and imports by product are a column of the resources
    part, so import proportionality recovers the table's domestic flows exactly.
    """
    codes = [KPVED_CODES[s] for s in table.sectors]
    Z = table.Z.to_numpy()
    F = table.final_demand[list(FD_LABELS)].to_numpy().copy()
    domestic = np.array([c != "exports" for c in FD_LABELS])
    m = np.zeros(len(codes))
    if flows == "total":
        mu = import_shares(table)
        use = Z.sum(axis=1) + F[:, domestic].sum(axis=1)
        Z = Z / (1 - mu)[:, None]
        F[:, domestic] = F[:, domestic] / (1 - mu)[:, None]
        m = mu * use / (1 - mu)
    va = table.value_added
    gva = va.sum(axis=0).to_numpy()
    taxes = table.x.to_numpy() - Z.sum(axis=0) - gva
    if flows == "domestic":
        taxes = taxes - table.imports.to_numpy()

    wb = Workbook()
    ws = wb.active
    ws.title = "СТЗВ"
    ws.append(["Симметричная таблица «Затраты-Выпуск» в основных ценах, 2023 год"])
    ws.append(["миллионов тенге"])
    ws.append([])
    header = ["Код КПВЭД", "Наименование продукции", *codes,
              "Итого промежуточное потребление",
              *[FD_LABELS[c] for c in FD_LABELS if FD_LABELS[c] not in drop_columns],
              "Итого конечное использование", "Всего использовано"]
    if flows == "total":
        header.append("Импорт")
    ws.append(header)
    keep = [i for i, c in enumerate(FD_LABELS) if FD_LABELS[c] not in drop_columns]
    for i, s in enumerate(table.sectors):
        row = [codes[i], str(table.labels[s]), *Z[i].tolist(), float(Z[i].sum()),
               *F[i, keep].tolist(), float(F[i].sum()), float(Z[i].sum() + F[i].sum())]
        if flows == "total":
            row.append(float(m[i]))
        ws.append(row)
    if bad_cell:
        ws.cell(row=6, column=5, value="н/д")
    ws.append(["", "Итого", *Z.sum(axis=0).tolist()])
    primary = {
        VA_LABELS["compensation"]: va.loc["compensation"].to_numpy(),
        VA_LABELS["other_gva"]: va.loc["other_gva"].to_numpy(),
        "Валовая добавленная стоимость": gva,
        "Чистые налоги на продукты": taxes,
        "Выпуск в основных ценах": table.x.to_numpy(),
    }
    if flows == "domestic":
        primary["Импорт"] = table.imports.to_numpy()
    for label, values in primary.items():
        if label in drop_rows:
            continue
        ws.append(["", label, *np.asarray(values, dtype=float).tolist()])
    wb.save(path)
    return path


def small_csv(path: Path, *, labels: pd.DataFrame | None = None) -> Path:
    """A 3-sector table in a plain CSV layout (codes in column 0, names in column 1)."""
    rows = [
        ["code", "name", "s1", "s2", "s3", "Total intermediate", "Households", "Exports",
         "Total"],
        ["s1", "Farming", "10", "20", "5", "35", "50", "15", "100"],
        ["s2", "Making", "15", "30", "10", "55", "100", "45", "200"],
        ["s3", "Serving", "5", "10", "20", "35", "60", "5", "100"],
        ["", "Imports", "10", "30", "5", "", "20", "", ""],
        ["", "Wages", "40", "60", "40", "", "", "", ""],
        ["", "Profits", "20", "50", "20", "", "", "", ""],
        ["", "Output", "100", "200", "100", "", "", "", ""],
    ]
    pd.DataFrame(rows).to_csv(path, header=False, index=False)
    return path
