"""`archcode rules`: list every rule with its metadata; `archcode rules test DIR` runs fixtures."""

from __future__ import annotations

import json
from enum import StrEnum

from archcode.cli import EXIT_FINDINGS, Output, app, argument, option
from archcode.errors import shown as terminal_safe
from archcode.io import write_output

rules_app = app.group(
    "rules", help="List the rules (built-in and custom), or test custom rules against fixtures."
)

RulesFiles = option(
    "--rules",
    dest="rules_files",
    repeat=True,
    metavar="FILE",
    help="Custom rules file (YAML); may be repeated.",
)


class ListFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


class Framework(StrEnum):
    FSBP = "fsbp"
    CIS = "cis"


@rules_app.callback(
    option("--format", "-f", choices=ListFormat, default=ListFormat.TEXT, help="Output format."),
    RulesFiles,
    option(
        "--framework",
        choices=Framework,
        help="Instead of the rules, the coverage of a standard: each control that judges a "
        "modelled kind, the rules that cover it or why none does (fsbp: Security Hub "
        "Foundational Security Best Practices; cis: CIS AWS Foundations Benchmark v3.0).",
    ),
    Output,
)
def rules(
    format: ListFormat,
    rules_files: list[str] | None,
    framework: Framework | None,
    output: str | None,
) -> None:
    """List every rule: id, severity, category, kinds, frameworks and title."""
    from archcode.rules.custom import load_rules
    from archcode.rules.doc import ordered_rules, rule_dict
    from archcode.rules.registry import builtin_rules

    builtin = builtin_rules()
    chosen = ordered_rules([*builtin.values(), *load_rules(rules_files or [], builtin)])
    if framework is not None:
        from archcode.rules.frameworks import (
            STANDARDS,
            coverage,
            coverage_dict,
            coverage_text,
        )

        cov = coverage(STANDARDS[STANDARDS.index(framework.value)], chosen)
        if format is ListFormat.JSON:
            text = json.dumps(coverage_dict(cov), indent=2) + "\n"
        else:
            text = coverage_text(cov)
    elif format is ListFormat.JSON:
        text = json.dumps([rule_dict(r) for r in chosen], indent=2) + "\n"
    else:
        rows = [
            (
                r.id,
                r.severity.value,
                r.category.value,
                _kinds(r.kinds),
                f"[{', '.join(r.frameworks.ids()) or '-'}]",
                r.title,
            )
            for r in chosen
        ]
        widths = [max((len(row[i]) for row in rows), default=0) for i in range(5)]
        text = "".join(
            "  ".join(cell.ljust(width) for cell, width in zip(row[:5], widths, strict=True))
            + f"  {row[5]}\n"
            for row in rows
        )
    write_output(output, text)


@rules_app.command(
    argument("directory", "Rules directory with fixtures per rule.", metavar="DIR"), RulesFiles
)
def test(directory: str, rules_files: list[str] | None) -> None:
    """Run each rule's fixtures: DIR/<rule-id>/pass*.yaml must pass, fail*.yaml must fail.

    Rules files at the top of DIR (*.yaml) are loaded as custom rules, with any --rules.
    """
    from archcode.rules.fixtures import run_fixtures

    outcomes = run_fixtures(directory, rules_files or [])
    for line in outcomes.lines:
        print(terminal_safe(line))  # rule ids and fixture names come from the directory
    print(outcomes.summary)
    if outcomes.failed:
        raise SystemExit(EXIT_FINDINGS)


def _kinds(kinds: tuple[str, ...]) -> str:
    """At most three kinds, so that the columns stay readable (JSON lists them all)."""
    shown = ",".join(kinds[:3])
    return f"{shown},+{len(kinds) - 3}" if len(kinds) > 3 else shown
