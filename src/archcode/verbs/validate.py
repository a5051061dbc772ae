"""`archcode validate`: check architecture files and report every problem, one line each."""

from __future__ import annotations

from typing import Annotated

import typer

from archcode.cli import app
from archcode.collectors import load_architecture, load_architectures
from archcode.errors import InputError, Problem


@app.command()
def validate(
    paths: Annotated[list[str], typer.Argument(help="Architecture files; - reads standard input.")],
    input_format: Annotated[
        str,
        typer.Option(
            "--input-format",
            help="auto, archcode, cloudformation or terraform (plan/state JSON).",
        ),
    ] = "auto",
    per_file: Annotated[
        bool,
        typer.Option(
            "--per-file", help="Read a directory's templates one by one, not as one architecture."
        ),
    ] = False,
) -> None:
    """Check architecture files and report every problem, one line each."""
    problems: list[Problem] = []
    for path in paths:
        try:
            if per_file:
                loaded = load_architectures(path, input_format)
            else:
                loaded = [(path, load_architecture(path, input_format))]
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        for name, arch in loaded:
            typer.echo(
                f"{name}: ok ({len(arch.resources)} resources, {len(arch.actors)} actors, "
                f"{len(arch.connections)} connections)"
            )
    if problems:
        raise InputError(problems)
