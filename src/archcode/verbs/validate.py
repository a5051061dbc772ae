"""`archcode validate`: check architecture files and report every problem, one line each."""

from __future__ import annotations

from typing import Annotated

import typer

from archcode.cli import app
from archcode.collectors import load_architecture
from archcode.errors import InputError, Problem


@app.command()
def validate(
    paths: Annotated[list[str], typer.Argument(help="Architecture files; - reads standard input.")],
) -> None:
    """Check architecture files and report every problem, one line each."""
    problems: list[Problem] = []
    for path in paths:
        try:
            arch = load_architecture(path)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        typer.echo(
            f"{path}: ok ({len(arch.resources)} resources, {len(arch.actors)} actors, "
            f"{len(arch.connections)} connections)"
        )
    if problems:
        raise InputError(problems)
