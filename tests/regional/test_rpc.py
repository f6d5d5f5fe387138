"""Regional purchase coefficients: pool and CHARM identities, and bad input."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from numpy.testing import assert_allclose

from creative_econ.regional import rpc
from creative_econ.regional._errors import RegionalDataError

_amount = st.floats(0.0, 1e4, allow_subnormal=False)


@st.composite
def national_trade(draw: st.DrawFn) -> tuple[np.ndarray, ...]:
    """Output, exports and imports of a balanced national table (use = x + m - e >= 0)."""
    n = draw(st.integers(1, 8))
    x = draw(hnp.arrays(np.float64, (n,), elements=_amount))
    m = draw(hnp.arrays(np.float64, (n,), elements=_amount))
    share = draw(hnp.arrays(np.float64, (n,), elements=st.floats(0.0, 1.0)))
    e = share * (x + m)  # exports cannot exceed supply
    return x, e, m, x + m - e


def test_cross_hauling_is_twice_the_smaller_flow() -> None:
    assert_allclose(rpc.cross_hauling([10.0, 3.0, 0.0], [4.0, 3.0, 7.0]), [8.0, 6.0, 0.0])


@given(national_trade())
def test_charm_applied_to_the_nation_returns_national_trade(trade) -> None:
    x, e, m, d = trade
    h = rpc.product_heterogeneity(x, d, e, m)
    e_r, m_r = rpc.charm_trade(x, d, h)
    traded = x + d > 0  # pure re-export (no output, no use) has no defined heterogeneity
    assert_allclose(e_r[traded], e[traded], atol=1e-8 * (1 + e.max()))
    assert_allclose(m_r[traded], m[traded], atol=1e-8 * (1 + m.max()))
    share = np.divide(m, d, out=np.zeros_like(m), where=d > 0)
    rho = rpc.charm_rpc(x, d, h, np.clip(share, 0, 1))
    producing = (x > 0) & (d > 0) & (share < 1 - 1e-9)
    assert_allclose(rho[producing], 1.0, atol=1e-6)


@given(st.data())
def test_charm_trade_identities(data) -> None:
    n = data.draw(st.integers(1, 6))
    x = data.draw(hnp.arrays(np.float64, (n,), elements=_amount))
    d = data.draw(hnp.arrays(np.float64, (n,), elements=_amount))
    h = data.draw(hnp.arrays(np.float64, (n,), elements=st.floats(0.0, 2.0)))
    e, m = rpc.charm_trade(x, d, h)
    assert np.all(e >= -1e-9)
    assert np.all(m >= -1e-9)
    assert_allclose(e - m, x - d, atol=1e-6)  # the trade balance
    assert_allclose(2 * np.minimum(e, m), h * (x + d), atol=1e-6)  # the cross-hauling


@given(st.data())
def test_rpcs_lie_in_the_unit_interval(data) -> None:
    n = data.draw(st.integers(1, 6))
    s = data.draw(hnp.arrays(np.float64, (n,), elements=_amount))
    d = data.draw(hnp.arrays(np.float64, (n,), elements=st.floats(-10.0, 1e4)))
    mu = data.draw(hnp.arrays(np.float64, (n,), elements=st.floats(0.0, 1.0)))
    h = data.draw(hnp.arrays(np.float64, (n,), elements=st.floats(0.0, 2.0)))
    for rho in (rpc.pool_rpc(s, d), rpc.charm_rpc(s, np.abs(d), h, mu)):
        assert np.all((rho >= 0) & (rho <= 1))
        assert np.all(rho[s == 0] == 0)


def test_pool_rpc_is_supply_over_demand_capped() -> None:
    assert_allclose(rpc.pool_rpc([5.0, 20.0, 0.0, 3.0], [10.0, 10.0, 4.0, 0.0]),
                    [0.5, 1.0, 0.0, 1.0])


def test_more_heterogeneity_means_more_regional_imports() -> None:
    x, d = np.array([50.0]), np.array([80.0])
    low = rpc.charm_rpc(x, d, [0.1], [0.2])
    high = rpc.charm_rpc(x, d, [0.6], [0.2])
    assert high < low


def test_rpc_inputs_are_not_modified() -> None:
    s, d = np.array([1.0, 2.0]), np.array([2.0, 1.0])
    rpc.pool_rpc(s, d)
    assert s.tolist() == [1.0, 2.0]
    assert d.tolist() == [2.0, 1.0]


def test_negative_supply_is_refused() -> None:
    with pytest.raises(RegionalDataError, match="supply at position 1 is negative"):
        rpc.pool_rpc([1.0, -2.0], [1.0, 1.0])


def test_missing_values_are_refused() -> None:
    with pytest.raises(RegionalDataError, match="use at position 0"):
        rpc.charm_trade([1.0], [float("nan")], [0.1])


def test_import_share_outside_unit_interval_is_refused() -> None:
    with pytest.raises(RegionalDataError, match=r"must lie in \[0, 1\]"):
        rpc.charm_rpc([1.0], [1.0], [0.1], [1.2])
