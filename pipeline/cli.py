"""The `trustplans` command: a thin layer over pipeline/; no logic of its own."""

from __future__ import annotations

import sys

import click

from pipeline.errors import TrustplansError


def _fail(err: TrustplansError) -> None:
    click.echo(f"trustplans: error: {err}", err=True)
    sys.exit(err.exit_code)


@click.group()
@click.version_option(package_name="trustplans")
def cli() -> None:
    """Turn NHS trusts' published plans into one normalised database."""


@cli.command()
@click.argument("source")
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="table", show_default=True,
              help="json: plan JSON (schemas/plan.schema.json); table: a readable view.")
def extract(source: str, fmt: str) -> None:
    """Extract the plan in SOURCE (a PDF, Word or HTML file) and print it."""
    from pipeline.extract import extract_plan
    from pipeline.render import render_table

    try:
        plan = extract_plan(source)
    except TrustplansError as err:
        _fail(err)
    except Exception as exc:  # an unexpected failure still gets one line naming the file
        _fail(TrustplansError(source, f"could not be read ({type(exc).__name__}: {exc})"))
    if fmt == "json":
        click.echo(plan.to_json())
    else:
        render_table(plan)


def main() -> None:
    cli()
