"""docs/rules.md, generated from the rules (a test fails when the committed copy is stale).

Regenerate with ``python -m archcode.rules.doc > docs/rules.md``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from archcode.rules.base import Rule
from archcode.rules.registry import builtin_rules


def rule_dict(rule: Rule) -> dict[str, Any]:
    """A rule's metadata as plain data (`archcode rules --format json` prints these)."""
    return {
        "id": rule.id,
        "title": rule.title,
        "severity": rule.severity.value,
        "category": rule.category.value,
        "scope": rule.scope,
        "kinds": list(rule.kinds),
        "frameworks": {
            "security_hub": list(rule.frameworks.security_hub),
            "cis": list(rule.frameworks.cis),
            "well_architected": list(rule.frameworks.well_architected),
        },
        "rationale": rule.rationale,
        "remediation": {
            "text": rule.remediation.text,
            "yaml": rule.remediation.yaml,
            "cloudformation": rule.remediation.cloudformation,
        },
        "source": rule.source,
    }


def ordered_rules(rules: Iterable[Rule]) -> list[Rule]:
    return sorted(rules, key=lambda r: (r.category.value, -r.severity.rank, r.id))


def rules_markdown(rules: Iterable[Rule] | None = None) -> str:
    chosen = ordered_rules(builtin_rules().values() if rules is None else rules)
    lines = [
        "# Rules",
        "",
        "Generated from the rule declarations by `python -m archcode.rules.doc > docs/rules.md`;",
        "do not edit by hand. `archcode rules` lists the same, `archcode rules --format json` as",
        "data. How outcomes, waivers and the `--fail-on` gate work: [check.md](check.md).",
        "",
        f"{len(chosen)} rules.",
        "",
        "| Rule | Severity | Category | Kinds | Frameworks |",
        "|---|---|---|---|---|",
    ]
    for rule in chosen:
        lines.append(
            f"| [`{rule.id}`](#{rule.id}) | {rule.severity.value} | {rule.category.value} | "
            f"{_codes(rule.kinds)} | {', '.join(rule.frameworks.ids()) or '—'} |"
        )
    for rule in chosen:
        lines += [
            "",
            f'<a id="{rule.id}"></a>',
            f"## {rule.id}",
            "",
            f"**{rule.title}**",
            "",
            f"- Severity: {rule.severity.value}; category: {rule.category.value}; "
            f"scope: {rule.scope}",
            f"- Kinds: {_codes(rule.kinds)}",
        ]
        if rule.frameworks.security_hub:
            lines.append(f"- AWS Security Hub: {', '.join(rule.frameworks.security_hub)}")
        if rule.frameworks.cis:
            lines.append(f"- CIS AWS Foundations: {', '.join(rule.frameworks.cis)}")
        if rule.frameworks.well_architected:
            lines.append(f"- Well-Architected: {', '.join(rule.frameworks.well_architected)}")
        lines += ["", rule.rationale, "", f"Remediation: {rule.remediation.text}"]
        if rule.remediation.yaml:
            lines += ["", "archcode YAML:", "", "```yaml", rule.remediation.yaml, "```"]
        if rule.remediation.cloudformation:
            lines += ["", "CloudFormation:", "", "```yaml", rule.remediation.cloudformation, "```"]
    return "\n".join(lines) + "\n"


def _codes(values: Iterable[str]) -> str:
    return ", ".join(f"`{v}`" for v in values) or "—"


if __name__ == "__main__":
    print(rules_markdown(), end="")
