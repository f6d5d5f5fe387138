"""The creative trident on a small industry x occupation matrix."""

from __future__ import annotations

import pandas as pd
import pytest

from creative_econ.creative.trident import creative_trident
from creative_econ.errors import InvalidTableError


def test_trident_splits_creative_jobs():
    # rows SIC 2007 classes (90.01 creative under DCMS, 01.11 not); columns ISCO-08
    # (2652 musicians: cultural occupation; 4110 general office clerks: not)
    E = pd.DataFrame([[30.0, 10.0], [2.0, 100.0]], index=["90.01", "01.11"],
                     columns=["2652", "4110"])
    before = E.copy()
    t = creative_trident(E)
    assert t["specialists"] == 30
    assert t["support"] == 10
    assert t["embedded"] == 2
    assert t["creative_economy"] == 42
    assert t["total"] == 142
    assert t["creative_industries"] == 40
    assert t["creative_occupations"] == 32
    pd.testing.assert_frame_equal(E, before)


def test_trident_refuses_negative_employment():
    with pytest.raises(InvalidTableError, match="non-negative"):
        creative_trident(pd.DataFrame([[-1.0]], index=["90.01"], columns=["2652"]))
