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


def _fail(message: str) -> None:
    """Report an invalid spec or input on stderr and exit with code 2 (no traceback)."""
    typer.echo(message, err=True)
    raise typer.Exit(code=2)


@app.command()
def run(
    scenario: Annotated[Path, typer.Argument(help="Scenario YAML or JSON file.")],
    out: Annotated[Path, typer.Option(help="Folder for the report and tables.")] = Path("out"),
) -> None:
    """Run a scenario and write its report, workbook, CSV and figures."""
    from .errors import CreativeEconError
    from .scenarios.engine import run as run_scenario
    from .scenarios.report import write_report

    try:
        result = run_scenario(scenario)
    except CreativeEconError as exc:
        _fail(f"error: {exc}")
    report = write_report(result, out)
    head = result.headline()
    for key, value in head.items():
        typer.echo(f"{key:20s} {value:,.1f}")
    typer.echo(f"Report written to {report.markdown} and {report.html}")


@app.command()
def validate(
    scenario: Annotated[Path, typer.Argument(help="Scenario YAML or JSON file.")],
) -> None:
    """Check a scenario file against the schema (no model is run)."""
    from .errors import CreativeEconError
    from .scenarios.spec import Scenario

    try:
        spec = Scenario.from_yaml(scenario)
    except CreativeEconError as exc:
        _fail(f"error: {exc}")
    typer.echo(f"{scenario}: valid scenario {spec.name!r} ({len(spec.shocks)} shock(s), "
               f"{spec.base_year}-{spec.horizon}, type {spec.type}).")


@app.command()
def schema() -> None:
    """Print the JSON Schema of scenario files."""
    import json

    from .scenarios.spec import Scenario

    typer.echo(json.dumps(Scenario.json_schema(), indent=2))


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
