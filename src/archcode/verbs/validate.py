"""`archcode validate`: check architecture files and report every problem, one line each."""

from __future__ import annotations

from typing import Annotated

import typer

from archcode.cli import InputFormat, app
from archcode.errors import InputError, Problem, UsageError, shown


@app.command()
def validate(
    paths: Annotated[list[str], typer.Argument(help="Architecture files; - reads standard input.")],
    input_format: InputFormat = "auto",
    per_file: Annotated[
        bool,
        typer.Option(
            "--per-file", help="Read a directory's templates one by one, not as one architecture."
        ),
    ] = False,
    parameter: Annotated[
        list[str] | None,
        typer.Option(
            "--parameter", help="A CloudFormation parameter value, KEY=VALUE (repeatable)."
        ),
    ] = None,
) -> None:
    """Check architecture files and report every problem, one line each."""
    from archcode.collectors import load_architecture, load_architectures

    problems: list[Problem] = []
    if any("=" not in p or p.startswith("=") for p in parameter or []):
        raise UsageError("--parameter takes KEY=VALUE")
    values = dict(p.partition("=")[::2] for p in parameter or [])
    for path in paths:
        try:
            if per_file:
                loaded = load_architectures(path, input_format, parameters=values)
            else:
                loaded = [(path, load_architecture(path, input_format, parameters=values))]
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        for name, arch in loaded:
            typer.echo(
                f"{shown(name)}: ok ({len(arch.resources)} resources, {len(arch.actors)} actors, "
                f"{len(arch.connections)} connections)"
            )
    if problems:
        raise InputError(problems)
