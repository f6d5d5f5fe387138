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

def _print_headline(result: object) -> None:
    for line in result.headline_lines():
        typer.echo(f"  {line}")


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
    _print_headline(result)
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


def example_scenarios() -> dict[str, Path]:
    """The example scenario files: from the repository (a source checkout) or as installed."""
    here = Path(__file__).resolve().parent
    for folder in (here.parent / "examples" / "scenarios", here / "_examples" / "scenarios"):
        if folder.is_dir():
            return {p.stem: p for p in sorted(folder.glob("*.yaml"))}
    return {}


DEMO_SCENARIO = "semey_creative_hub"


@app.command()
def demo(out: Annotated[Path, typer.Option(help="Folder for the report.")] = Path("out")) -> None:
    """Run the Semey (Abai region) creative hub scenario on the bundled Kazakhstan data and
    write its report, workbook, CSV and figures."""
    from .errors import CreativeEconError
    from .scenarios.engine import run as run_scenario
    from .scenarios.report import write_report

    path = example_scenarios().get(DEMO_SCENARIO)
    if path is None:
        _fail(f"error: the example scenario {DEMO_SCENARIO!r} is not installed.")
    try:
        result = run_scenario(path)
    except CreativeEconError as exc:
        _fail(f"error: {exc}")
    report = write_report(result, out)
    typer.echo(f"Scenario {result.name} ({path})")
    _print_headline(result)
    typer.echo(f"Report written to {report.markdown} and {report.html}")
    for p in report.files[2:]:
        typer.echo(f"  {p}")


@app.command()
def examples() -> None:
    """List the example scenario files."""
    for name, path in example_scenarios().items():
        typer.echo(f"{name:34s} {path}")


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
