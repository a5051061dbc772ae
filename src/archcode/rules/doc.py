"""docs/rules.md, generated from the rules (a test fails when the committed copy is stale).

Regenerate with ``python -m archcode.rules.doc > docs/rules.md``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from archcode.rules.base import Rule
from archcode.rules.frameworks import STANDARDS, coverage, coverage_markdown
from archcode.rules.registry import builtin_rules

# Where docs/rules.md is published: every built-in rule's documentation is its anchor there
# (SARIF helpUri, the JSON listing). One constant, so that a fork or a docs site changes one line.
RULES_DOC_URL = "https://github.com/archcode/archcode/blob/main/docs/rules.md"


def help_uri(rule: Rule) -> str | None:
    """The rule's section of docs/rules.md; custom rules have none."""
    return f"{RULES_DOC_URL}#{rule.id}" if rule.source == "builtin" else None


def rule_dict(rule: Rule) -> dict[str, Any]:
    """A rule's metadata as plain data (`archcode rules --format json` prints these)."""
    return {
        "id": rule.id,
        "title": rule.title,
        "severity": rule.severity.value,
        "category": rule.category.value,
        "scope": rule.scope,
        "account_scope": rule.account_scope.value,
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
            "terraform": rule.remediation.terraform,
        },
        "help_uri": help_uri(rule),
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
        f"{len(chosen)} rules. How much of Security Hub FSBP and CIS v3.0 they cover:",
        "[framework coverage](#framework-coverage).",
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
            f"scope: {rule.scope}; {rule.account_scope.value}",
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
        if rule.remediation.terraform:
            lines += ["", "Terraform:", "", "```hcl", rule.remediation.terraform, "```"]
    lines += ["", *coverage_section(chosen)]
    return "\n".join(lines) + "\n"


def coverage_section(rules: Iterable[Rule]) -> list[str]:
    """How much of each standard the rules cover (`archcode rules --framework NAME` prints it)."""
    chosen = list(rules)
    lines = [
        '<a id="framework-coverage"></a>',
        "## Framework coverage",
        "",
        "Each control of the standard that judges a kind archcode models (or the account), the",
        "rules that claim it in their `frameworks` metadata, or why none does. In scope: the six",
        "categories the rules judge (encryption, least privilege, availability, backup, network",
        "exposure, logging); the other controls are listed as `out of category`. The standards'",
        "control lists and the reasons are data in `src/archcode/rules/frameworks/`.",
    ]
    for standard in STANDARDS:
        lines += ["", *coverage_markdown(coverage(standard, chosen))]
    return lines


def _codes(values: Iterable[str]) -> str:
    return ", ".join(f"`{v}`" for v in values) or "—"


if __name__ == "__main__":
    print(rules_markdown(), end="")
