"""``import creative_econ`` stays light: plotting, econometrics and the CLI load on demand."""

from __future__ import annotations

import subprocess
import sys


def test_heavy_modules_load_lazily() -> None:
    code = (
        "import sys, creative_econ\n"
        "lazy = ('matplotlib', 'statsmodels', 'typer', 'pymrio')\n"
        "heavy = [m for m in lazy if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
