"""`archcode diff`: what a change does to resources, findings and cost (a PR comment)."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import TYPE_CHECKING

from archcode.cli import EXIT_FINDINGS, InputFormat, Output, app, argument, option
from archcode.errors import InputError, Problem
from archcode.io import write_output
from archcode.verbs._options import FailOn

if TYPE_CHECKING:
    from archcode.model.architecture import Architecture


class DiffFormat(StrEnum):
    MARKDOWN = "markdown"
    JSON = "json"


def _load_both(base: str, head: str, input_format: str) -> tuple[Architecture, Architecture]:
    from archcode.collectors import load_architecture

    problems: list[Problem] = []
    loaded: list[Architecture] = []
    for path in (base, head):
        try:
            loaded.append(load_architecture(path, input_format))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    return loaded[0], loaded[1]


@app.command(
    argument("base", "The architecture before the change (any source).", metavar="BASE"),
    argument("head", "The architecture after the change (any source).", metavar="HEAD"),
    option(
        "--format", "-f", choices=DiffFormat, default=DiffFormat.MARKDOWN, help="Output format."
    ),
    option(
        "--fail-on",
        choices=FailOn,
        default=FailOn.NEVER,
        help="Exit 1 when a NEW finding is at or above this severity.",
    ),
    Output,
    InputFormat,
)
def diff(
    base: str,
    head: str,
    format: DiffFormat,
    fail_on: FailOn,
    output: str | None,
    input_format: str,
) -> None:
    """Compare two architectures: resources, connections, findings (new, fixed) and cost."""
    from archcode.reports.pr_diff import diff_json, pull_request_diff
    from archcode.reports.pr_markdown import render_diff_markdown
    from archcode.rules.base import Severity

    result = pull_request_diff(*_load_both(base, head, input_format))
    if format is DiffFormat.JSON:
        text = json.dumps(diff_json(result), indent=2, ensure_ascii=False) + "\n"
    else:
        text = render_diff_markdown(result)
    write_output(output, text)
    if fail_on is not FailOn.NEVER:
        threshold = Severity(fail_on.value).rank
        if any(f.severity.rank >= threshold for f in result.findings_new):
            raise SystemExit(EXIT_FINDINGS)
