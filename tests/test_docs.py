"""The documentation site builds with --strict, executing every worked example once.

Examples read their sizes from environment variables (e.g. fewer Monte Carlo draws) so the
suite runs them small; `make docs` runs them in full.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_site_builds_strictly_with_executed_examples(tmp_path: Path) -> None:
    mkdocs = shutil.which("mkdocs", path=str(Path(sys.executable).parent))
    if mkdocs is None:
        pytest.skip("mkdocs is not installed (pip install -e '.[docs]')")
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1", "MPLBACKEND": "Agg",
                        "CREATIVE_ECON_EXAMPLES": "small"}
    out = subprocess.run([mkdocs, "build", "--strict", "-d", str(tmp_path / "site")],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert out.returncode == 0, out.stderr[-4000:]
    site = tmp_path / "site"
    assert (site / "index.html").exists()
    page = (site / "examples" / "reproducing_published_multipliers" / "index.html").read_text(
        encoding="utf-8")
    assert "Largest difference from the printed values" in page
    assert "1.7048" in page
    api = (site / "api" / "index.html").read_text(encoding="utf-8")
    assert "from_frames" in api
