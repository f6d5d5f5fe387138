"""Write the built hybrid tables to ``data/`` (long CSV of values, JSON of metadata).

``python -m creative_econ.datasets.build`` rebuilds every year from the bundled source files
and writes ``kz_hybrid_<year>.csv`` and ``kz_hybrid_<year>.json``;
``python -m creative_econ.datasets.build --check`` only compares the rebuild with the stored
files and exits non-zero on a difference.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from ...table import IOTable
from .._kazakhstan_hybrid import HYBRID_YEARS
from .hybrid import RESIDUAL, HybridBuild, hybrid_components

__all__ = ["SOURCE_FILES", "compare_stored", "main", "metadata", "to_long", "write"]

#: The bundled files the recipe reads (their SHA-256 is recorded with every stored table).
SOURCE_FILES: tuple[str, ...] = (
    "kz_bns_output_by_region_oked_section_2022_2025.csv",
    "kz_bns_gva_by_oked_section_national_2015_2025.csv",
    "kz_bns_compensation_of_employees_by_section_national_2015_2025.csv",
    "kz_bns_employed_population_by_section_national_2010_2025.csv",
    "adb_mrio_kaz_kgz_sector_aggregates_2017_2022_usd_mln.csv",
    "adb_c35_to_isic4_divisions.csv",
    "uz_io2022_Z_total_use_mln_uzs.csv",
    "uz_io2022_sectors.csv",
    "uz_io2022_products_to_oked.csv",
)
_RTOL = 1e-9


def _data_dir() -> Path:
    return Path(str(resources.files("creative_econ.datasets").joinpath("data")))


def _sha256(name: str) -> str:
    return hashlib.sha256((_data_dir() / name).read_bytes()).hexdigest()


def to_long(table: IOTable) -> pd.DataFrame:
    """The table's blocks as one long frame: ``block, row, column, value``."""
    parts = []

    def add(block: str, frame: pd.DataFrame) -> None:
        plain = frame.rename_axis(index="row", columns="column")
        long = plain.stack(future_stack=True).rename("value").reset_index()
        long.insert(0, "block", block)
        parts.append(long)

    add("Z", table.Z)
    add("final_demand", table.final_demand)
    add("value_added", table.value_added)
    if table.other_inputs is not None:
        add("other_inputs", table.other_inputs)
    for name, series in (
        ("imports", table.imports),
        ("output", table.x),
        ("employment", table.employment),
    ):
        if series is not None:
            add(name, series.to_frame(name).T)
    out = pd.concat(parts, ignore_index=True)
    out["row"] = out["row"].astype(str)
    out["column"] = out["column"].astype(str)
    out["value"] = out["value"].astype(float)
    return out


def metadata(build: HybridBuild) -> dict[str, object]:
    """What the loader needs besides the values, and what the build used."""
    t = build.table
    hh = t.households
    assert hh is not None
    params = {
        k: (float(v) if isinstance(v, float | np.floating) else v)
        for k, v in build.parameters.items()
    }
    return {
        "name": t.name,
        "year": t.year,
        "kind": "hybrid",
        "unit": t.unit,
        "employment_unit": t.employment_unit,
        "source": t.source,
        "notes": [n for n in t.notes if not n.startswith("Type II household closure")],
        "sectors": [str(s) for s in t.sectors],
        "final_demand": [str(c) for c in t.final_demand.columns],
        "value_added": [str(c) for c in t.value_added.index],
        "other_inputs": [RESIDUAL],
        "households": {
            "consumption": hh.consumption,
            "income": hh.income,
            "imports": float(hh.imports),
        },
        "parameters": params,
        "recipe": "creative_econ.datasets.build.build_kazakhstan_hybrid"
        f"({t.year}, donor={build.parameters['donor']!r})",
        "inputs_sha256": {name: _sha256(name) for name in SOURCE_FILES},
    }


def write(year: int, directory: Path | None = None) -> tuple[Path, Path]:
    """Build a year (Uzbekistan donor) and write its CSV and JSON files."""
    build = hybrid_components(year)
    directory = _data_dir() if directory is None else Path(directory)
    csv_path = directory / f"kz_hybrid_{year}.csv"
    json_path = directory / f"kz_hybrid_{year}.json"
    to_long(build.table).to_csv(csv_path, index=False, lineterminator="\n")
    json_path.write_text(
        json.dumps(metadata(build), indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return csv_path, json_path


def compare_stored(year: int) -> list[str]:
    """Differences between a fresh build and the stored files (empty when identical).

    Values are compared to a relative 1e-9 (the rebuild runs the same floating-point
    operations; only the last bits of BLAS dot products may differ between machines); the
    metadata exactly, except the GRAS residual (floating-point noise).
    """
    from .._kazakhstan_hybrid import _stored

    build = hybrid_components(year)
    stored_values, stored_meta = _stored(year)
    fresh = to_long(build.table)
    problems: list[str] = []
    key = ["block", "row", "column"]
    merged = fresh.merge(
        stored_values, on=key, how="outer", suffixes=("", "_stored"), indicator=True
    )
    only = merged[merged["_merge"] != "both"]
    if len(only):
        problems.append(f"{len(only)} cells differ in presence, e.g. {only.iloc[0][key].tolist()}")
    both = merged[merged["_merge"] == "both"]
    a, b = both["value"].to_numpy(), both["value_stored"].to_numpy()
    scale = np.maximum(np.abs(b), 1.0)
    bad = np.abs(a - b) > _RTOL * scale
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        problems.append(
            f"{int(bad.sum())} values differ, e.g. {both.iloc[i][key].tolist()}: "
            f"{a[i]!r} vs stored {b[i]!r}"
        )
    meta = metadata(build)
    for k, v in meta.items():
        if k == "parameters":
            v = {p: q for p, q in v.items() if p != "gras_residual"}
            w = {p: q for p, q in stored_meta[k].items() if p != "gras_residual"}
            if set(v) != set(w) or any(
                (not np.isclose(v[p], w[p], rtol=_RTOL, atol=0.0))
                if isinstance(v[p], float)
                else v[p] != w[p]
                for p in v
            ):
                problems.append(f"parameters differ: {v} vs stored {w}")
        elif stored_meta.get(k) != v:
            problems.append(f"metadata {k!r} differs")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: write (default) or ``--check`` the stored hybrid tables."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m creative_econ.datasets.build", description=__doc__
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="compare a rebuild with the stored files instead of writing",
    )
    parser.add_argument("--years", type=int, nargs="*", default=list(HYBRID_YEARS))
    args = parser.parse_args(argv)
    status = 0
    for year in args.years:
        if args.check:
            problems = compare_stored(year)
            print(f"{year}: {'identical' if not problems else '; '.join(problems)}")
            status |= bool(problems)
        else:
            paths = write(year)
            print(f"{year}: wrote {', '.join(p.name for p in paths)}")
    return status
