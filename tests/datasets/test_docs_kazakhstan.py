"""Every number in docs/datasets/kazakhstan.md is recomputed here from the bundled data."""

from __future__ import annotations

from pathlib import Path

import pytest

from creative_econ.datasets._kazakhstan_hybrid import (
    CREATIVE_SUBSECTORS,
    HYBRID_YEARS,
    _regional_sections,
    kazakhstan_hybrid,
)
from creative_econ.datasets.build import build_kazakhstan_hybrid, hybrid_components

DOC = Path(__file__).parents[2] / "docs" / "datasets" / "kazakhstan.md"


@pytest.fixture(scope="module")
def text():
    return DOC.read_text(encoding="utf-8")


def _rows(text: str, header_start: str) -> list[list[str]]:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header_start))
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append([c.strip() for c in line.strip("|").split("|")])
    return rows


@pytest.fixture(scope="module")
def donors():
    out = {}
    for y in HYBRID_YEARS:
        uz = build_kazakhstan_hybrid(y).multipliers()["output"]
        uk = build_kazakhstan_hybrid(y, donor="uk").multipliers()["output"]
        out[y] = (uz, uk)
    return out


def test_parameter_table(text):
    for year, phi, kappa, lam, pct, bn, iters, hc in _rows(text, "| year | $\\varphi$"):
        b = hybrid_components(int(year))
        p, t = b.parameters, b.targets
        assert f"{p['phi']:.4f}" == phi
        assert f"{p['kappa']:.4f}" == kappa
        assert f"{p['lambda']:.4f}" == lam
        assert f"{100 * t['residual'].sum() / t['ic'].sum():.2f}" == pct
        assert f"{t['residual'].sum() / 1000:,.0f}" == bn
        assert str(p["gras_iterations"]) == iters
        assert f"{b.table.closure.consumption.sum():.4f}" == hc


def test_donor_comparison_table(text, donors):
    uz, uk = donors[2023]
    rows = _rows(text, "| sector | Uzbekistan donor")
    assert len(rows) >= 10
    for sector, a, b, diff, rel in rows:
        assert f"{uz[sector]:.3f}" == a
        assert f"{uk[sector]:.3f}" == b
        assert f"{uk[sector] - uz[sector]:.3f}" == diff
        assert f"{100 * (uk[sector] / uz[sector] - 1):.1f}%" == rel


def test_donor_summary_sentences(text, donors):
    means, creative, r91 = [], [], []
    for y in HYBRID_YEARS:
        uz, uk = donors[y]
        rel = ((uk - uz) / uz).abs()
        assert rel.idxmax() == "R91"
        means.append(f"{100 * rel.mean():.1f}%")
        creative.append(f"{100 * rel[list(CREATIVE_SUBSECTORS)].mean():.1f}%")
        r91.append(f"{100 * rel['R91']:.1f}%")
    flat = " ".join(text.split())
    assert f"is {means[0]} in 2022, {means[1]} in 2023 and {means[2]} in 2024" in flat
    assert f"it is {creative[0]}, {creative[1]} and {creative[2]}" in flat
    assert f"{r91[0]}, {r91[1]} and {r91[2]}" in flat


def test_type_ii_range_and_consumption_ratio(text):
    lo, hi, hc = [], [], []
    for y in HYBRID_YEARS:
        t = kazakhstan_hybrid(y)
        m2 = t.multipliers("II")["output"]
        lo.append(m2.min())
        hi.append(m2.max())
        hc.append(t.closure.consumption.sum())
    flat = " ".join(text.split())
    assert f"({min(lo):.2f}–{max(hi):.2f} across sectors and years)" in flat
    assert f"consume {min(hc):.2f}–{max(hc):.2f} times their compensation" in flat


def test_creative_table_and_totals(text):
    t = kazakhstan_hybrid(2023)
    gva, emp = t.gva, t.employment
    m1, m2 = t.multipliers("I")["output"], t.multipliers("II")["output"]
    rows = _rows(text, "| sub-sector | GVA, bn KZT")
    assert [r[0] for r in rows] == list(CREATIVE_SUBSECTORS)
    for s, g, share, e, a, b in rows:
        assert f"{gva[s] / 1000:,.1f}" == g
        assert f"{100 * gva[s] / gva.sum():.2f}" == share
        assert f"{emp[s]:,.0f}" == e
        assert f"{m1[s]:.3f}" == a
        assert f"{m2[s]:.3f}" == b
    c = list(CREATIVE_SUBSECTORS)
    narrow = ["J58-60", "M73", "M74", "R90", "R91"]
    flat = " ".join(text.split())
    assert f"hold {100 * gva[c].sum() / gva.sum():.2f}% of GVA and {emp[c].sum():,.0f} jobs" \
        in flat
    assert (f"hold {100 * gva[narrow].sum() / gva.sum():.2f}% of GVA and "
            f"{emp[narrow].sum():,.0f} jobs") in flat


def test_regional_rounding_sentence(text):
    from creative_econ.datasets._kazakhstan import (
        kazakhstan_employment_by_region,
        kazakhstan_employment_by_section,
    )

    groups = {"A": ["A"], "B-F": list("BCDEF"), "G-U": list("GHIJKLMNOPQRS")}
    gaps = {}
    for y in (2022, 2023, 2024, 2025):
        b = kazakhstan_employment_by_region()
        b = b[b["year"] == y].groupby("sector")["employed"].sum()
        n = kazakhstan_employment_by_section()
        n = n[n["year"] == y].set_index("section")["employed_thousand"] * 1000
        gaps[y] = max(abs(b[g] - n[s].sum()) for g, s in groups.items())
        _regional_sections(y)
    assert round(gaps[2022]) == 12
    assert all(round(gaps[y], 6) == 0 for y in (2023, 2024, 2025))
    assert "differ by at most 12 persons per broad sector" in " ".join(text.split())


def test_adb_import_share(text):
    share = hybrid_components(2023).parameters["adb_import_share"]
    assert f"{100 * share:.2f}%" in text
    assert f"$s = {share:.4f}$" in text
