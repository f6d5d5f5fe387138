"""The stored hybrid tables are exactly what the recipe builds from the bundled files."""

from __future__ import annotations

import pytest

from creative_econ.datasets._kazakhstan_hybrid import HYBRID_YEARS
from creative_econ.datasets.build.store import compare_stored, main, to_long


@pytest.mark.parametrize("year", HYBRID_YEARS)
def test_rebuild_is_identical(year):
    assert compare_stored(year) == []


def test_command_line_check(capsys):
    assert main(["--check", "--years", "2023"]) == 0
    assert "2023: identical" in capsys.readouterr().out


def test_long_format_round_trips(kz2023):
    from creative_econ.datasets._kazakhstan_hybrid import _stored, hybrid_from_long

    _values, meta = _stored(2023)
    again = hybrid_from_long(to_long(kz2023), meta)
    assert again.Z.equals(kz2023.Z)
    assert again.final_demand.equals(kz2023.final_demand)
    assert again.notes == kz2023.notes
