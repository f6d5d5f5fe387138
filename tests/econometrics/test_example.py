"""The worked example runs top to bottom on bundled data only, well within a minute."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

EXAMPLE = Path(__file__).parents[2] / "examples" / "forecast_kazakhstan.py"


def test_forecast_kazakhstan_example_runs() -> None:
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, str(EXAMPLE)], capture_output=True, text=True, timeout=120,
        cwd=EXAMPLE.parent, env={**os.environ, "MPLBACKEND": "Agg"},
    )
    assert out.returncode == 0, out.stderr[-3000:]
    assert time.perf_counter() - start < 60
    assert "fell back to ARIMA(0,1,0) with drift" in out.stdout
    assert "GrowthPathDistribution of GVA J+M+R" in out.stdout
