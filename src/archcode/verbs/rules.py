"""`archcode rules`: list every rule with its metadata; `archcode rules test DIR` runs fixtures."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer

from archcode.cli import EXIT_FINDINGS, Output, app
from archcode.io import write_output

rules_app = typer.Typer(
    invoke_without_command=True,
    add_completion=False,
    help="List the rules (built-in and custom), or test custom rules against fixtures.",
)
app.add_typer(rules_app, name="rules")

RulesFiles = Annotated[
    list[str] | None, typer.Option("--rules", help="Custom rules file (YAML); may be repeated.")
]


class ListFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


@rules_app.callback()
def rules(
    ctx: typer.Context,
    format: Annotated[
        ListFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ListFormat.TEXT,
    rules_files: RulesFiles = None,
    output: Output = None,
) -> None:
    """List every rule: id, severity, category, kinds, frameworks and title."""
    if ctx.invoked_subcommand is not None:
        return
    from archcode.rules.custom import load_rules
    from archcode.rules.doc import ordered_rules, rule_dict
    from archcode.rules.registry import builtin_rules

    builtin = builtin_rules()
    chosen = ordered_rules([*builtin.values(), *load_rules(rules_files or [], builtin)])
    if format is ListFormat.JSON:
        text = json.dumps([rule_dict(r) for r in chosen], indent=2) + "\n"
    else:
        width = max((len(r.id) for r in chosen), default=0)
        text = "".join(
            f"{r.id:<{width}}  {r.severity.value:<8}  {r.category.value:<16}  "
            f"{','.join(r.kinds)}  [{', '.join(r.frameworks.ids()) or '-'}]  {r.title}\n"
            for r in chosen
        )
    write_output(output, text)


@rules_app.command("test")
def test(
    directory: Annotated[str, typer.Argument(help="Rules directory with fixtures per rule.")],
    rules_files: RulesFiles = None,
) -> None:
    """Run each rule's fixtures: DIR/<rule-id>/pass*.yaml must pass, fail*.yaml must fail.

    Rules files at the top of DIR (*.yaml) are loaded as custom rules, with any --rules.
    """
    from archcode.rules.fixtures import run_fixtures

    outcomes = run_fixtures(directory, rules_files or [])
    for line in outcomes.lines:
        typer.echo(line)
    typer.echo(outcomes.summary)
    if outcomes.failed:
        raise typer.Exit(EXIT_FINDINGS)
