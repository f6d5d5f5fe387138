"""Cross-check against pymrio (an independent implementation, used here as a test oracle):
outputs, technical coefficients, the Leontief inverse, output multipliers and satellite
effects (pymrio's M = S L) agree to 1e-10 on random tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from numpy.testing import assert_allclose

import creative_econ as ce
from tests.strategies import flows

pymrio = pytest.importorskip("pymrio")


def _both(Z: np.ndarray, Y: np.ndarray, F: np.ndarray) -> tuple[ce.IOTable, object]:
    n = Z.shape[0]
    names = [f"s{i}" for i in range(n)]
    sectors = pd.Index(names, name="sector")
    table = ce.IOTable.from_frames(
        Z=pd.DataFrame(Z, index=sectors, columns=sectors),
        final_demand=pd.DataFrame(Y, index=sectors, columns=["hh", "other"]),
        value_added=pd.DataFrame(F[:1], index=["compensation"], columns=sectors),
        employment=pd.Series(F[1], index=sectors),
        name="random",
    )
    idx = pd.MultiIndex.from_product([["R"], names], names=["region", "sector"])
    cols = pd.MultiIndex.from_product([["R"], ["hh", "other"]], names=["region", "category"])
    io = pymrio.IOSystem(Z=pd.DataFrame(Z, index=idx, columns=idx),
                         Y=pd.DataFrame(Y, index=idx, columns=cols))
    Fdf = pd.DataFrame(F, index=pd.Index(["compensation", "employment"], name="stressor"),
                       columns=idx)
    io.factors = pymrio.Extension(
        name="factors", F=Fdf, unit=pd.DataFrame({"unit": ["m", "p"]}, index=Fdf.index)
    )
    io.calc_all()
    return table, io


def _random_case(n: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    Z = rng.random((n, n)) * (rng.random((n, n)) < 0.4) * 100
    Y = rng.random((n, 2)) * 200 + 1
    F = rng.random((2, n)) * 50
    return Z, Y, F


def _compare(table: ce.IOTable, io: object) -> None:
    assert_allclose(table.x, io.x["indout"], rtol=1e-12)
    assert_allclose(table.A.to_numpy(), io.A.to_numpy(), rtol=1e-10, atol=1e-14)
    assert_allclose(table.L.to_numpy(), io.L.to_numpy(), rtol=1e-10, atol=1e-12)
    assert_allclose(table.multipliers("I")["output"], io.L.sum(axis=0), rtol=1e-10)
    eff = table.effects("I")
    assert_allclose(eff["income"], io.factors.M.loc["compensation"], rtol=1e-10, atol=1e-14)
    assert_allclose(eff["employment"], io.factors.M.loc["employment"], rtol=1e-10, atol=1e-14)


@pytest.mark.parametrize(("n", "seed"), [(1, 0), (7, 1), (40, 2), (150, 3)])
def test_agrees_with_pymrio(n: int, seed: int) -> None:
    _compare(*_both(*_random_case(n, seed)))


@given(flows(min_n=1, max_n=6))
def test_agrees_with_pymrio_property(zf: tuple[np.ndarray, np.ndarray]) -> None:
    Z, f = zf
    Y = np.column_stack([f * 0.5, f * 0.5])
    F = np.vstack([f * 0.3, f * 0.01])
    _compare(*_both(Z, Y, F))
