"""Figures for tables and impacts (matplotlib, imported lazily)."""

from __future__ import annotations

import pandas as pd

import creative_econ as ce
from creative_econ.viz import impact_by_sector, multipliers_bar


def test_figures_draw_the_data(uk_2010: ce.IOTable) -> None:
    import matplotlib.pyplot as plt

    products = ["58", "90", "91"]
    m = pd.DataFrame({"Type I": uk_2010.multipliers("I").loc[products, "output"],
                      "Type II": uk_2010.multipliers("II").loc[products, "output"]})
    fig = multipliers_bar(m, labels=uk_2010.labels, title="t")
    widths = sorted(round(p.get_width(), 6) for p in fig.axes[0].patches)
    assert widths == sorted(round(v, 6) for v in m.to_numpy().ravel())
    im = uk_2010.impact({"90": 100.0}, type="II")
    fig = impact_by_sector(im, top=5, labels=uk_2010.labels)
    assert len(fig.axes[0].get_yticklabels()) == 5
    assert fig.axes[0].get_yticklabels()[-1].get_text().startswith("90 ")  # largest on top
    plt.close("all")
