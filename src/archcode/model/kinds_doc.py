"""docs/kinds.md, generated from the registry (a test fails when the committed copy is stale).

Regenerate with ``python -m archcode.model.kinds_doc > docs/kinds.md``.
"""

from __future__ import annotations

from collections.abc import Iterable

from archcode.model.registry import ACTORS, KINDS


def _code(values: Iterable[str]) -> str:
    items = [values] if isinstance(values, str) else list(values)
    return ", ".join(f"`{v}`" for v in items) or "—"


def kinds_markdown() -> str:
    lines = [
        "# Resource kinds",
        "",
        "Generated from `src/archcode/model/registry.py` by "
        "`python -m archcode.model.kinds_doc`; do not edit by hand.",
        "",
        "A resource's `kind:` may be the kind, one of its aliases or its CloudFormation type.",
        "Aliases marked with `=` also set fields (`alb` is a load balancer of type application).",
        "",
        "| kind | what | layer | aliases | CloudFormation | Terraform | discovery IAM actions |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for spec in KINDS:
        aliases = [
            alias + "".join(f" ={k}:{v}" for k, v in preset.items())
            for alias, preset in spec.aliases.items()
        ]
        lines.append(
            f"| `{spec.kind}` | {spec.title} | {spec.layer} | {_code(aliases)} "
            f"| {_code(spec.cfn_types)} | {_code(spec.tf_types)} | {_code(spec.iam_actions)} |"
        )
    lines += [
        "",
        "## Actors",
        "",
        "Actors stand outside AWS, where data flows start: `actors: {users: {kind: users}}`.",
        "",
        "| kind | what |",
        "| --- | --- |",
    ]
    lines += [f"| `{actor.kind}` | {actor.title} |" for actor in ACTORS]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(kinds_markdown(), end="")
