"""Reading the bundled classification files (see ``data/PROVENANCE.md``)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import pandas as pd

__all__ = ["read_csv", "read_json", "read_text"]


def _open(filename: str):
    return resources.files(__package__).joinpath("data", filename).open("rb")


@cache
def _read_csv_cached(filename: str) -> pd.DataFrame:
    with _open(filename) as fh:
        frame = pd.read_csv(fh, dtype=str, keep_default_na=False, encoding="utf-8")
    return frame


def read_csv(filename: str) -> pd.DataFrame:
    """A bundled CSV with every column as text (a fresh copy each call)."""
    return _read_csv_cached(filename).copy()


def read_json(filename: str) -> dict[str, Any]:
    with _open(filename) as fh:
        return json.loads(fh.read().decode("utf-8"))


def read_text(filename: str) -> str:
    with _open(filename) as fh:
        return fh.read().decode("utf-8")
