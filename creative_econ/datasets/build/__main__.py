"""``python -m creative_econ.datasets.build [--check] [--years 2022 2023 2024]``."""

from __future__ import annotations

import sys

from .store import main

sys.exit(main())
