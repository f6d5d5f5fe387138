"""The econometrics and scenarios packages load statsmodels and matplotlib only when used."""

from __future__ import annotations

import subprocess
import sys


def test_statsmodels_and_matplotlib_load_lazily() -> None:
    code = (
        "import sys, creative_econ, creative_econ.econometrics, creative_econ.scenarios\n"
        "import creative_econ.datasets._kazakhstan\n"
        "print(','.join(m for m in ('statsmodels', 'matplotlib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
