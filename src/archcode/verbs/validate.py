"""`archcode validate`: check architecture files and report every problem, one line each."""

from __future__ import annotations

from archcode.cli import InputFormat, app, argument, option
from archcode.errors import InputError, Problem, UsageError, shown


@app.command(
    argument("paths", "Architecture files; - reads standard input.", "+", "PATH"),
    InputFormat,
    option(
        "--per-file",
        flag=True,
        help="Read a directory's templates one by one, not as one architecture.",
    ),
    option(
        "--parameter",
        repeat=True,
        metavar="KEY=VALUE",
        help="A CloudFormation parameter value, KEY=VALUE (repeatable).",
    ),
)
def validate(
    paths: list[str], input_format: str, per_file: bool, parameter: list[str] | None
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
            print(
                f"{shown(name)}: ok ({len(arch.resources)} resources, {len(arch.actors)} actors, "
                f"{len(arch.connections)} connections)"
            )
    if problems:
        raise InputError(problems)
