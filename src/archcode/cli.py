"""The `archcode` command line: one verb per job."""

from __future__ import annotations

import typer

from archcode import __version__

app = typer.Typer(no_args_is_help=True, add_completion=False)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"archcode {__version__}")
        raise typer.Exit(0)


@app.callback()
def root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version."
    ),
) -> None:
    """An AWS architecture as code: validate, draw, check and price one typed model."""


def main() -> None:
    app()
