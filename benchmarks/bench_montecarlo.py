"""Monte Carlo over technical coefficients on Kazakhstan's 20-region model, against a naive loop.

The model: ``MultiRegionalTable.from_national`` on the bundled Kazakhstan hybrid table 2023 (26
sectors) and the 2023 regional data (20 regions), gravity trade: 520 equations. The scenario:
creative final demand in Abai region (Semey) growing 8% a year for ten years (2024-2033, base
2023), Type I, with 1,000 Dirichlet draws (precision 200) of the national table's non-zero
technical coefficients, propagated to every region through the trade coefficients.

Timed in one run:

* ``draws``: generating the 1,000 Dirichlet draws of the national coefficients alone;
* ``monte carlo``: the Monte Carlo of the scenario (draws, iterative refinement of every draw
  on the one base LU, totals by year; ``--cells`` adds the quantiles of every cell of the tidy
  frame, as ``run()`` does);
* ``run()``: the whole user-facing call (model, shocks, point estimate, Monte Carlo, cell
  quantiles, assumptions card);
* ``naive``: for every draw and every year, form the 520 x 520 multiregional matrix, invert
  $I - A_d$ (``numpy.linalg.inv``) and multiply by that year's final demand: the loop a
  first implementation writes. It stays in NumPy's BLAS pool throughout (mixing
  ``scipy.linalg.inv`` with NumPy products makes it about 4x slower still, DESIGN.md), so
  the comparison is with a fair naive loop. ``--naive-draws K`` times it on the first K
  draws only and scales the time to all draws (it is linear in the number of draws). The
  same loop with one inverse per draw, reused for every year, is timed too.

The two give the same totals (checked: the largest relative difference is printed).

Usage: ``python benchmarks/bench_montecarlo.py [--draws 1000] [--naive-draws K] [--cells]``
"""

from __future__ import annotations

import argparse
import os
import platform
import time

import numpy as np
import scipy

import creative_econ as ce
from creative_econ.regional.multiregional import mrio_coefficients
from creative_econ.scenarios import montecarlo as mc
from creative_econ.scenarios.engine import prepare
from creative_econ.scenarios.uncertainty import monte_carlo

SCENARIO = """name: abai_creative_growth
table: kazakhstan_hybrid_2023
regional_data: kazakhstan_regions_2023
region: ABY
base_year: 2023
horizon: 2033
type: I
regionalisation: {{model: multiregional, trade: gravity}}
shocks:
  - {{kind: final_demand, label: creative growth, creative: true, region: ABY,
     growth_rate: 0.08}}
uncertainty: {{draws: {draws}, seed: 2025, coefficients: {{distribution: dirichlet,
               precision: 200}}}}
"""


def naive(prep: object, draws: int, precision: float, seed: int, *, per_year: bool = True
          ) -> tuple[float, np.ndarray]:
    """Inverse per draw and per year (or once per draw): (seconds, total output by draw and
    year)."""
    view = prep.view  # type: ignore[attr-defined]
    C = np.asarray(view.mrio.C)
    years = prep.spec.years  # type: ignore[attr-defined]
    F = prep.shocks.total().reindex(years).to_numpy()  # type: ignore[attr-defined]
    pattern = mc.CoefficientPattern.from_matrix(view.national._A)
    rng = mc.random_stream(seed, "coefficients")  # the same draws as the Monte Carlo
    N = F.shape[1]
    out = np.zeros((draws, len(years)))
    start = time.perf_counter()
    values = mc.dirichlet_coefficients(pattern, precision, draws, rng)
    for d in range(draws):
        A_d = mrio_coefficients(pattern.dense(values[d])[0], C)
        L = None if per_year else np.linalg.inv(np.eye(N) - A_d)
        for t in range(len(years)):
            if not F[t].any():
                continue
            if per_year:
                L = np.linalg.inv(np.eye(N) - A_d)
            out[d, t] = (L @ F[t]).sum()
    return time.perf_counter() - start, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--draws", type=int, default=1000)
    ap.add_argument("--naive-draws", type=int, default=None,
                    help="time the naive loop on this many draws and scale (default: all)")
    ap.add_argument("--cells", action="store_true",
                    help="include the quantiles of every frame cell in the Monte Carlo time")
    args = ap.parse_args()
    D = args.draws
    K = D if args.naive_draws is None else min(args.naive_draws, D)
    print(f"numpy {np.__version__}, scipy {scipy.__version__}, python "
          f"{platform.python_version()}, {os.cpu_count()} CPUs")
    spec = ce.Scenario.from_yaml(SCENARIO.format(draws=D))

    t0 = time.perf_counter()
    prep = prepare(spec)
    t_prep = time.perf_counter() - t0
    N, T = prep.view.model.n, sum(1 for y in spec.years if y > spec.base_year)
    print(f"model: {N} equations ({len(prep.view.regions)} regions x "
          f"{prep.view.national.n} sectors), {T} years with demand, {D:,} draws; "
          f"build {t_prep:.2f} s")

    pattern = mc.CoefficientPattern.from_matrix(prep.view.national._A)
    t0 = time.perf_counter()
    mc.dirichlet_coefficients(pattern, 200.0, D, mc.random_stream(2025, "coefficients"))
    t_draws = time.perf_counter() - t0

    t0 = time.perf_counter()
    out = monte_carlo(prep, cells=args.cells, progress=False)
    t_mc = time.perf_counter() - t0

    t0 = time.perf_counter()
    ce.run(spec, progress=False)
    t_run = time.perf_counter() - t0

    t_naive, naive_out = naive(prep, K, 200.0, 2025)
    t_naive_all = t_naive * D / K
    t_once, _ = naive(prep, K, 200.0, 2025, per_year=False)
    t_once_all = t_once * D / K
    u = out.summary
    fast = u.totals[:K, :, u.indicators.index("output"), u.components.index("total")]
    keep = np.abs(naive_out) > 0
    diff = float(np.max(np.abs(fast[keep] - naive_out[keep]) / np.abs(naive_out[keep])))

    print(f"draws ({pattern.nnz} non-zero coefficients x {D:,}): {t_draws:8.3f} s")
    print(f"monte carlo ({'with' if args.cells else 'without'} cell quantiles): "
          f"{t_mc:8.2f} s   [{out.card['monte_carlo_solver']}]")
    print(f"run() with uncertainty:                 {t_run:8.2f} s")
    scaled = f" (measured on {K:,} draws, scaled x{D / K:g})" if K < D else ""
    print(f"naive loop, inverse per draw per year:  {t_naive_all:8.2f} s{scaled}")
    print(f"ratio naive / monte carlo: {t_naive_all / t_mc:6.1f}x;  naive / run(): "
          f"{t_naive_all / t_run:6.1f}x")
    print(f"(one inverse per draw for all years instead: {t_once_all:.2f} s{scaled}, "
          f"{t_once_all / t_mc:.1f}x the Monte Carlo)")
    print(f"largest relative difference in total output (draw x year): {diff:.1e}")


if __name__ == "__main__":
    main()
