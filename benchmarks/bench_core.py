"""Build a table and compute all its Type I multipliers: creative_econ against pymrio.

For each size n the same random table (see ``random_table``) is built

* with ``IOTable.from_frames(...)`` followed by ``.multipliers(type="I")`` (validation, one
  LU factorisation of I - A, transposed solves for all indicators), and
* with ``pymrio.IOSystem(Z=..., Y=...)`` plus one extension holding the same satellite rows,
  followed by ``calc_all()`` (which forms the Leontief inverse).

Each timing is the best of several repeats, in one process, one after the other.

Usage: ``python benchmarks/bench_core.py [n ...]`` (default 64 200 1000 3000).
"""

from __future__ import annotations

import platform
import sys
import time
import warnings

import numpy as np
import pandas as pd

import creative_econ as ce

try:
    import pymrio
except ImportError:  # pragma: no cover
    sys.exit("pymrio is needed for this benchmark: pip install pymrio")


def random_table(n: int, seed: int = 0) -> dict[str, object]:
    """A random table shaped like a real one: 40% dense coefficients for n <= 200 and 5% above,
    column sums of A between 0.3 and 0.6 (so every sector has positive value added), final
    demand in three categories, and six satellite rows (two GVA components, imports, product
    taxes, employment)."""
    rng = np.random.default_rng(seed)
    density = 0.4 if n <= 200 else 0.05
    A = rng.random((n, n)) * (rng.random((n, n)) < density)
    A *= rng.uniform(0.3, 0.6, n) / np.maximum(A.sum(axis=0), 1e-12)
    x0 = rng.uniform(1000.0, 2000.0, n)
    Z = A * x0
    f_total = np.maximum(x0 - Z.sum(axis=1), 0.05 * x0)
    Y = f_total[:, None] * rng.dirichlet(np.ones(3), size=n)
    x = Z.sum(axis=1) + Y.sum(axis=1)
    primary = x - Z.sum(axis=0)
    shares = rng.dirichlet(np.ones(4), size=n)
    sat = np.vstack([primary * shares[:, k] for k in range(4)] + [x * 0.01])
    names = [f"s{i}" for i in range(n)]
    return {"Z": Z, "Y": Y, "sat": sat, "names": names}


def build_ours(d: dict) -> pd.DataFrame:
    sectors = pd.Index(d["names"], name="sector")
    sat = d["sat"]
    t = ce.IOTable.from_frames(
        Z=pd.DataFrame(d["Z"], index=sectors, columns=sectors),
        final_demand=pd.DataFrame(d["Y"], index=sectors, columns=["hh", "gov", "exports"]),
        value_added=pd.DataFrame(sat[:2], index=["compensation", "gos"], columns=sectors),
        imports=pd.Series(sat[2], index=sectors),
        taxes=pd.Series(sat[3], index=sectors),
        employment=pd.Series(sat[4], index=sectors),
    )
    return t.multipliers(type="I")


def build_pymrio(d: dict) -> object:
    idx = pd.MultiIndex.from_product([["R"], d["names"]], names=["region", "sector"])
    cols = pd.MultiIndex.from_product([["R"], ["hh", "gov", "exports"]],
                                      names=["region", "category"])
    io = pymrio.IOSystem(Z=pd.DataFrame(d["Z"], index=idx, columns=idx),
                         Y=pd.DataFrame(d["Y"], index=idx, columns=cols))
    rows = pd.Index(["compensation", "gos", "imports", "taxes", "employment"], name="stressor")
    io.factors = pymrio.Extension(name="factors", F=pd.DataFrame(d["sat"], index=rows, columns=idx),
                                  unit=pd.DataFrame({"unit": ["M"] * 5}, index=rows))
    io.calc_all()
    return io


def best_of(fn, arg, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn(arg)
        times.append(time.perf_counter() - t0)
    return min(times)


def main(sizes: list[int]) -> None:
    warnings.simplefilter("ignore")
    print(f"python {platform.python_version()}, numpy {np.__version__}, pandas {pd.__version__}, "
          f"pymrio {pymrio.__version__}, {platform.machine()}")
    print(f"{'n':>6} {'creative_econ (s)':>18} {'pymrio calc_all (s)':>20} {'speed-up':>9}")
    for n in sizes:
        d = random_table(n)
        repeats = 25 if n <= 200 else 3
        # same answers first
        ours = build_ours(d)
        io = build_pymrio(d)
        np.testing.assert_allclose(ours["output"].to_numpy(), io.L.sum(axis=0).to_numpy(),
                                   rtol=1e-8)
        t_ours = best_of(build_ours, d, repeats)
        t_pymrio = best_of(build_pymrio, d, repeats)
        print(f"{n:>6} {t_ours:>18.4f} {t_pymrio:>20.4f} {t_pymrio / t_ours:>8.1f}x", flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [64, 200, 1000, 3000])
