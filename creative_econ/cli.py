"""Command-line interface: ``creative-econ``. No modelling logic lives here."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    help="creative_econ: economic impact modelling of the creative economy.",
    no_args_is_help=True,
    add_completion=False,
)

#: Products of the ONS UK 2010 table whose titles are creative activities (DCMS-type list at
#: the table's product level; non-market and NPISH variants left out).
UK_CREATIVE_PRODUCTS = ("58", "59-60", "62", "71", "73", "74", "90", "91")


@app.command()
def datasets() -> None:
    """List the bundled datasets."""
    from .datasets import list_datasets

    frame = list_datasets()
    for name, row in frame.iterrows():
        typer.echo(f"{name:22s} {row['year']!s:6s} {row['kind']:9s} {row['title']}")


@app.command()
def demo(out: Annotated[Path, typer.Option(help="Folder for the report.")] = Path("out")) -> None:
    """Multipliers of the UK's creative products and the impact of GBP 100m of extra final
    demand for creative, arts and entertainment services (ONS UK IOAT 2010)."""
    import pandas as pd

    from .datasets import load_dataset
    from .report import multiplier_report

    table = load_dataset("uk_ioat_2010")
    shock = pd.Series({"90": 100.0})
    report = multiplier_report(
        table, shock, out, sectors=UK_CREATIVE_PRODUCTS,
        title="Creative industries in the UK input-output table 2010",
        shock_description="GBP 100 million more final demand for creative, arts and "
        "entertainment services (product 90)",
    )
    typer.echo(f"Report written to {report.markdown}")
    for path in report.files[1:]:
        typer.echo(f"  {path}")


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
